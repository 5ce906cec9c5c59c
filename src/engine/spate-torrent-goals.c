/* spate-torrent-goals.c: a torrent's seeding goals, and Spate's own
 * per-torrent values that travel in its resume file (goals, first and
 * last pieces, the folder a download in the incomplete folder goes to).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent counts how long a torrent has been finished only in the
 * statuses it posts, and posts none for a torrent nothing happens to: an
 * idle seed. The clocks here run on from the last status.
 */

#include <math.h>

#include <string.h>

#include "spate-torrent-private.h"

/* Ratios are kept in thousandths: bencoding has no fractions. */
#define RATIO_SCALE 1000

static gint64
ratio_to_file (double ratio)
{
  return ratio < 0 ? (gint64) ratio : (gint64) llround (ratio * RATIO_SCALE);
}

static double
ratio_from_file (gint64 value)
{
  if (value == SPATE_GOAL_NONE || value == SPATE_GOAL_GLOBAL)
    return (double) value;
  return value < 0 ? SPATE_GOAL_GLOBAL : (double) value / RATIO_SCALE;
}

/* Equal as far as the file can tell them apart. */
static gboolean
goals_equal (const SpateSeedingGoals *a, const SpateSeedingGoals *b)
{
  return ratio_to_file (a->ratio) == ratio_to_file (b->ratio) &&
         a->seeding_minutes == b->seeding_minutes && a->inactive_minutes == b->inactive_minutes;
}

void
_spate_torrent_goals_update (SpateTorrent *self, const SpateLtStatus *status)
{
  SpateTorrentGoals *g = _spate_torrent_get_goals (self);
  gint64             now = g_get_monotonic_time ();

  g->status_time = now;
  g->finished_seconds = status->finished_seconds;
  g->counting = (status->finished || status->seeding) && !status->paused;
  if (status->upload_idle_seconds >= 0)
    g->last_upload = now - status->upload_idle_seconds * G_USEC_PER_SEC;
}

static void
measure (SpateTorrent *self, gint64 now, gint64 *seeding, gint64 *idle)
{
  SpateTorrentGoals *g = _spate_torrent_get_goals (self);
  gint64             since_status = g->counting ? (now - g->status_time) / G_USEC_PER_SEC : 0;

  *seeding = g->finished_seconds + MAX (since_status, 0);
  /* Only time spent seeding counts as idle seeding. */
  *idle = *seeding;
  if (g->last_upload != 0)
    *idle = MIN (*idle, (now - g->last_upload) / G_USEC_PER_SEC);
}

gint64
spate_torrent_get_seeding_seconds (SpateTorrent *self)
{
  gint64 seeding, idle;

  g_return_val_if_fail (SPATE_IS_TORRENT (self), 0);

  measure (self, g_get_monotonic_time (), &seeding, &idle);
  return seeding;
}

gint64
spate_torrent_get_seeding_idle_seconds (SpateTorrent *self)
{
  gint64 seeding, idle;

  g_return_val_if_fail (SPATE_IS_TORRENT (self), 0);

  measure (self, g_get_monotonic_time (), &seeding, &idle);
  return idle;
}

/* Uploaded over downloaded; a torrent that came with its data (downloaded
 * less than 1 % of it) counts what it has instead. */
static double
goal_ratio (SpateTorrent *self)
{
  double up = spate_torrent_get_uploaded (self);
  double down = spate_torrent_get_downloaded (self);
  double have = spate_torrent_get_wanted_done (self);

  if (down < have / 100)
    down = have;
  return down > 0 ? up / down : 0;
}

static void
effective_goals (SpateTorrent *self, const SpateSeedingGoals *session, SpateSeedingGoals *out)
{
  const SpateSeedingGoals *own = &_spate_torrent_get_goals (self)->goals;

  out->ratio = own->ratio == SPATE_GOAL_GLOBAL ? session->ratio : own->ratio;
  out->seeding_minutes =
      own->seeding_minutes == SPATE_GOAL_GLOBAL ? session->seeding_minutes : own->seeding_minutes;
  out->inactive_minutes = own->inactive_minutes == SPATE_GOAL_GLOBAL ? session->inactive_minutes
                                                                     : own->inactive_minutes;
}

static SpateGoal
goal_reached (SpateTorrent *self, const SpateSeedingGoals *goals, gint64 now)
{
  gint64 seeding, idle;

  if (goals->ratio >= 0 && goal_ratio (self) >= goals->ratio)
    return SPATE_GOAL_RATIO;
  measure (self, now, &seeding, &idle);
  if (goals->seeding_minutes >= 0 && seeding >= (gint64) goals->seeding_minutes * 60)
    return SPATE_GOAL_SEEDING_TIME;
  if (goals->inactive_minutes >= 0 && idle >= (gint64) goals->inactive_minutes * 60)
    return SPATE_GOAL_INACTIVE_TIME;
  return 0;
}

SpateGoal
_spate_torrent_take_goal_reached (SpateTorrent *self, const SpateSeedingGoals *session, gint64 now)
{
  SpateTorrentGoals *g = _spate_torrent_get_goals (self);
  SpateSeedingGoals  goals;
  SpateGoal          goal;

  /* A paused or queued torrent is not seeding. */
  if (!spate_torrent_get_is_finished (self) ||
      (spate_torrent_get_flags (self) & SPATE_TORRENT_FLAG_PAUSED) ||
      spate_torrent_get_state (self) == SPATE_TORRENT_STATE_CHECKING ||
      _spate_torrent_get_handle (self) == NULL)
    return 0;
  effective_goals (self, session, &goals);
  /* One a person resumed after a goal acted seeds on until goals change. */
  if (g->reached && goals_equal (&g->reached_under, &goals))
    return 0;
  goal = goal_reached (self, &goals, now);
  if (goal != 0)
    {
      g->reached = TRUE;
      g->reached_under = goals;
      _spate_torrent_mark_dirty (self);
    }
  return goal;
}

void
spate_torrent_get_seeding_goals (SpateTorrent *self, SpateSeedingGoals *goals)
{
  g_return_if_fail (SPATE_IS_TORRENT (self));
  g_return_if_fail (goals != NULL);

  *goals = _spate_torrent_get_goals (self)->goals;
}

static gboolean
valid_minutes (int minutes)
{
  return minutes >= 0 || minutes == SPATE_GOAL_NONE || minutes == SPATE_GOAL_GLOBAL;
}

static void
set_goals (SpateTorrent *self, const SpateSeedingGoals *goals)
{
  SpateTorrentGoals *g = _spate_torrent_get_goals (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (g->goals.ratio != goals->ratio)
    g_object_notify (G_OBJECT (self), "ratio-goal");
  if (g->goals.seeding_minutes != goals->seeding_minutes)
    g_object_notify (G_OBJECT (self), "seeding-time-goal");
  if (g->goals.inactive_minutes != goals->inactive_minutes)
    g_object_notify (G_OBJECT (self), "inactive-time-goal");
  g->goals = *goals;
  g_object_thaw_notify (G_OBJECT (self));
}

void
spate_torrent_set_seeding_goals (SpateTorrent *self, const SpateSeedingGoals *goals)
{
  SpateTorrentGoals *g;

  g_return_if_fail (SPATE_IS_TORRENT (self));
  g_return_if_fail (goals != NULL);
  g_return_if_fail (goals->ratio >= 0 || goals->ratio == SPATE_GOAL_NONE ||
                    goals->ratio == SPATE_GOAL_GLOBAL);
  g_return_if_fail (valid_minutes (goals->seeding_minutes));
  g_return_if_fail (valid_minutes (goals->inactive_minutes));

  g = _spate_torrent_get_goals (self);
  if (goals_equal (&g->goals, goals))
    return;
  set_goals (self, goals);
  _spate_torrent_mark_dirty (self);
}

/* ------------------------------------------------------------ extras */

GVariant *
_spate_torrent_get_extras (SpateTorrent *self)
{
  SpateTorrentGoals *g = _spate_torrent_get_goals (self);
  GVariantDict       dict;

  g_variant_dict_init (&dict, NULL);
  if (spate_torrent_get_first_last_pieces (self))
    g_variant_dict_insert (&dict, "first-last-pieces", "x", (gint64) 1);
  if (_spate_torrent_get_final_dir (self) != NULL)
    g_variant_dict_insert (&dict, "final-dir", "s", _spate_torrent_get_final_dir (self));
  if (g->goals.ratio != SPATE_GOAL_GLOBAL)
    g_variant_dict_insert (&dict, "ratio-goal", "x", ratio_to_file (g->goals.ratio));
  if (g->goals.seeding_minutes != SPATE_GOAL_GLOBAL)
    g_variant_dict_insert (&dict, "seeding-time-goal", "x", (gint64) g->goals.seeding_minutes);
  if (g->goals.inactive_minutes != SPATE_GOAL_GLOBAL)
    g_variant_dict_insert (&dict, "inactive-time-goal", "x", (gint64) g->goals.inactive_minutes);
  if (g->reached)
    {
      g_variant_dict_insert (&dict, "reached-ratio", "x", ratio_to_file (g->reached_under.ratio));
      g_variant_dict_insert (&dict, "reached-seeding-time", "x",
                             (gint64) g->reached_under.seeding_minutes);
      g_variant_dict_insert (&dict, "reached-inactive-time", "x",
                             (gint64) g->reached_under.inactive_minutes);
    }
  return g_variant_dict_end (&dict);
}

/* A minute count from the file, or fallback when absent or out of range. */
static int
lookup_minutes (GVariantDict *dict, const char *key)
{
  gint64 value;

  if (!g_variant_dict_lookup (dict, key, "x", &value) || value > G_MAXINT ||
      !valid_minutes ((int) value))
    return SPATE_GOAL_GLOBAL;
  return (int) value;
}

void
_spate_torrent_apply_extras (SpateTorrent *self, GVariant *extras)
{
  /* The extras come floating from spate_lt_resume_data_get_extras(). */
  g_autoptr (GVariant) owned = g_variant_ref_sink (extras);
  g_auto (GVariantDict) dict = G_VARIANT_DICT_INIT (owned);
  SpateSeedingGoals goals = { SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL };
  gint64            value;
  const char       *text;

  if (g_variant_dict_lookup (&dict, "first-last-pieces", "x", &value) && value != 0)
    _spate_torrent_set_first_last (self, TRUE, NULL);
  if (g_variant_dict_lookup (&dict, "final-dir", "&s", &text) && g_path_is_absolute (text))
    _spate_torrent_set_final_dir (self, text);
  if (g_variant_dict_lookup (&dict, "ratio-goal", "x", &value))
    goals.ratio = ratio_from_file (value);
  goals.seeding_minutes = lookup_minutes (&dict, "seeding-time-goal");
  goals.inactive_minutes = lookup_minutes (&dict, "inactive-time-goal");
  set_goals (self, &goals);

  if (g_variant_dict_lookup (&dict, "reached-ratio", "x", &value))
    {
      SpateTorrentGoals *g = _spate_torrent_get_goals (self);

      g->reached = TRUE;
      g->reached_under.ratio = ratio_from_file (value);
      g->reached_under.seeding_minutes = lookup_minutes (&dict, "reached-seeding-time");
      g->reached_under.inactive_minutes = lookup_minutes (&dict, "reached-inactive-time");
    }
}
