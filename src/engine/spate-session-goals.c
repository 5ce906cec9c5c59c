/* spate-session-goals.c: pausing or removing torrents that reached their
 * seeding goals.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every few seconds the finished torrents are measured against their
 * goals; the rest cost a flag test each. A goal acts once: a torrent a
 * person resumes afterwards seeds on until the goals in effect for it
 * change.
 */

#include "spate-session-internal.h"
#include "spate-torrent-private.h"

#define GOALS_INTERVAL_S 5

static gboolean
check_goals (gpointer data)
{
  SpateSession *self = data;
  GListModel   *list = G_LIST_MODEL (self->torrents);
  guint         n = g_list_model_get_n_items (list);
  gint64        now = g_get_monotonic_time ();
  g_autoptr (GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) goals = g_array_new (FALSE, FALSE, sizeof (SpateGoal));

  if (self->closing)
    return G_SOURCE_CONTINUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (list, i);
      SpateGoal goal = _spate_torrent_take_goal_reached (torrent, &self->goals, now);

      if (goal == 0)
        continue;
      g_ptr_array_add (due, g_steal_pointer (&torrent));
      g_array_append_val (goals, goal);
    }

  for (guint i = 0; i < due->len; i++)
    {
      SpateTorrent *torrent = g_ptr_array_index (due, i);
      g_autoptr (GError) error = NULL;
      gboolean done;

      g_signal_emit (self, _spate_session_signals[GOAL_REACHED], 0, torrent,
                     g_array_index (goals, SpateGoal, i), self->goal_action);
      if (self->goal_action == SPATE_GOAL_ACTION_REMOVE)
        done = spate_session_remove (self, torrent, FALSE, &error);
      else
        done = spate_torrent_pause (torrent, &error);
      if (!done)
        g_message ("Seeding goal of “%s”: %s", spate_torrent_get_name (torrent), error->message);
    }
  return G_SOURCE_CONTINUE;
}

void
_spate_session_goals_start (SpateSession *self)
{
  self->goals = (SpateSeedingGoals){ SPATE_GOAL_NONE, SPATE_GOAL_NONE, SPATE_GOAL_NONE };
  self->goal_action = SPATE_GOAL_ACTION_PAUSE;
  self->goals_source = g_timeout_add_seconds (GOALS_INTERVAL_S, check_goals, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->goals_source),
                            "[spate] seeding goals");
}

void
spate_session_set_seeding_goals (SpateSession            *self,
                                 const SpateSeedingGoals *goals,
                                 SpateGoalAction          action)
{
  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (goals != NULL);
  g_return_if_fail (goals->ratio >= 0 || goals->ratio == SPATE_GOAL_NONE);
  g_return_if_fail (goals->seeding_minutes >= SPATE_GOAL_NONE);
  g_return_if_fail (goals->inactive_minutes >= SPATE_GOAL_NONE);

  self->goals = *goals;
  self->goal_action = action;
}

void
spate_session_get_seeding_goals (SpateSession      *self,
                                 SpateSeedingGoals *goals,
                                 SpateGoalAction   *action)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  if (goals != NULL)
    *goals = self->goals;
  if (action != NULL)
    *action = self->goal_action;
}
