/* test-goals.c: seeding goals pause or remove a seeding torrent, act once,
 * and a torrent's own goals and other values survive a restart inside its
 * resume file.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The torrents seed from a complete copy of their data: finished at once,
 * nothing downloaded, nothing uploaded. Goals of 0 are reached at once;
 * the session checks every 5 seconds.
 */

#include "spate-test-engine.h"

#define GOAL_WAIT_MS 12000

typedef struct
{
  char   *dir;
  char   *source;
  char   *data_dir;
  char   *payload;
  GBytes *torrent;

  SpateSession *session;
  SpateTorrent *torrent_obj;
  GArray       *reached; /* SpateGoal, in order */
  guint         removed;
} Fixture;

static void
on_goal_reached (SpateSession   *session,
                 SpateTorrent   *torrent,
                 SpateGoal       goal,
                 SpateGoalAction action,
                 Fixture        *f)
{
  g_assert_true (torrent == f->torrent_obj);
  g_array_append_val (f->reached, goal);
}

static void
on_removed (SpateSession *session, SpateTorrent *torrent, Fixture *f)
{
  f->removed++;
}

static void
open_session (Fixture *f)
{
  f->session = spate_test_engine_session_new (f->data_dir, f->source);
  g_signal_connect (f->session, "goal-reached", G_CALLBACK (on_goal_reached), f);
  g_signal_connect (f->session, "torrent-removed", G_CALLBACK (on_removed), f);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 300000, 100000 };
  g_autoptr (GError) error = NULL;

  f->dir = spate_test_make_tmpdir ("engine-goals");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->source, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 5);
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, 16384);
  f->reached = g_array_new (FALSE, FALSE, sizeof (SpateGoal));

  open_session (f);
  f->torrent_obj = spate_session_add_bytes (f->session, f->torrent, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, f->torrent_obj, 30000));
  g_assert_true (spate_torrent_get_state (f->torrent_obj) == SPATE_TORRENT_STATE_SEEDING);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->session != NULL)
    spate_test_engine_session_close (f->session);
  g_clear_pointer (&f->torrent, g_bytes_unref);
  g_array_unref (f->reached);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->data_dir);
  g_free (f->payload);
}

static gboolean
is_paused (gpointer torrent)
{
  return (spate_torrent_get_flags (torrent) & SPATE_TORRENT_FLAG_PAUSED) != 0;
}

static gboolean
has_reached (gpointer data)
{
  Fixture *f = data;

  return f->reached->len > 0;
}

static gboolean
restored (gpointer session)
{
  return !spate_session_get_restoring (session);
}

static void
resume (SpateTorrent *torrent)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (spate_torrent_resume (torrent, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (is_paused (torrent));
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, torrent, 10000));
}

static void
test_session_goal_pauses_once (Fixture *f, gconstpointer data)
{
  SpateSeedingGoals seeding_now = { SPATE_GOAL_NONE, 0, SPATE_GOAL_NONE };
  SpateSeedingGoals own = { SPATE_GOAL_GLOBAL, SPATE_GOAL_NONE, 0 };
  SpateSeedingGoals read;
  SpateGoalAction   action;

  /* No goals at first: it seeds on. */
  spate_session_get_seeding_goals (f->session, &read, &action);
  g_assert_cmpfloat (read.ratio, ==, SPATE_GOAL_NONE);
  g_assert_cmpint (read.seeding_minutes, ==, SPATE_GOAL_NONE);
  g_assert_cmpint (action, ==, SPATE_GOAL_ACTION_PAUSE);
  spate_test_spin_for (6000);
  g_assert_false (is_paused (f->torrent_obj));
  g_assert_cmpuint (f->reached->len, ==, 0);

  spate_session_set_seeding_goals (f->session, &seeding_now, SPATE_GOAL_ACTION_PAUSE);
  g_assert_true (spate_test_spin_until (is_paused, f->torrent_obj, GOAL_WAIT_MS));
  g_assert_cmpuint (f->reached->len, ==, 1);
  g_assert_cmpint (g_array_index (f->reached, SpateGoal, 0), ==, SPATE_GOAL_SEEDING_TIME);

  /* Resumed by a person, it seeds on under the same goals. */
  resume (f->torrent_obj);
  spate_test_spin_for (6000);
  g_assert_false (is_paused (f->torrent_obj));
  g_assert_cmpuint (f->reached->len, ==, 1);

  /* Its own goals override the session's: no seeding-time goal, an
   * inactive-time goal of 0. Different goals act again. */
  spate_torrent_set_seeding_goals (f->torrent_obj, &own);
  spate_torrent_get_seeding_goals (f->torrent_obj, &read);
  g_assert_cmpfloat (read.ratio, ==, SPATE_GOAL_GLOBAL);
  g_assert_cmpint (read.seeding_minutes, ==, SPATE_GOAL_NONE);
  g_assert_cmpint (read.inactive_minutes, ==, 0);
  g_assert_true (spate_test_spin_until (is_paused, f->torrent_obj, GOAL_WAIT_MS));
  g_assert_cmpuint (f->reached->len, ==, 2);
  g_assert_cmpint (g_array_index (f->reached, SpateGoal, 1), ==, SPATE_GOAL_INACTIVE_TIME);
  g_assert_cmpint (spate_torrent_get_seeding_idle_seconds (f->torrent_obj), <=,
                   spate_torrent_get_seeding_seconds (f->torrent_obj));
}

static void
test_ratio_goal_removes (Fixture *f, gconstpointer data)
{
  SpateSeedingGoals none = { SPATE_GOAL_NONE, SPATE_GOAL_NONE, SPATE_GOAL_NONE };
  SpateSeedingGoals own = { 0, SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL };
  g_autofree char  *file = g_build_filename (f->payload, "file-0.bin", NULL);

  spate_session_set_seeding_goals (f->session, &none, SPATE_GOAL_ACTION_REMOVE);
  spate_torrent_set_seeding_goals (f->torrent_obj, &own);
  g_assert_true (spate_test_spin_until (has_reached, f, GOAL_WAIT_MS));
  g_assert_cmpint (g_array_index (f->reached, SpateGoal, 0), ==, SPATE_GOAL_RATIO);
  g_assert_cmpuint (f->removed, ==, 1);
  g_assert_null (spate_session_lookup (f->session, spate_torrent_get_info_hash (f->torrent_obj)));
  /* Removed from the list only: the data stays. */
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
}

static void
test_kept_across_restart (Fixture *f, gconstpointer data)
{
  SpateSeedingGoals own = { 1.5, SPATE_GOAL_GLOBAL, SPATE_GOAL_NONE };
  SpateSeedingGoals seeding_now = { SPATE_GOAL_NONE, 0, SPATE_GOAL_NONE };
  g_autofree char  *hash = g_strdup (spate_torrent_get_info_hash (f->torrent_obj));
  g_autoptr (GError) error = NULL;
  SpateSeedingGoals read;

  spate_torrent_set_seeding_goals (f->torrent_obj, &own);
  g_assert_true (spate_torrent_set_first_last_pieces (f->torrent_obj, TRUE, &error));
  g_assert_no_error (error);
  spate_session_set_seeding_goals (f->session, &seeding_now, SPATE_GOAL_ACTION_PAUSE);
  g_assert_true (spate_test_spin_until (is_paused, f->torrent_obj, GOAL_WAIT_MS));
  resume (f->torrent_obj);

  spate_test_engine_session_close (f->session);
  open_session (f);
  spate_session_restore (f->session);
  g_assert_true (spate_test_spin_until (restored, f->session, 30000));
  f->torrent_obj = spate_session_lookup (f->session, hash);
  g_assert_nonnull (f->torrent_obj);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, f->torrent_obj, 30000));

  spate_torrent_get_seeding_goals (f->torrent_obj, &read);
  g_assert_cmpfloat (read.ratio, ==, 1.5);
  g_assert_cmpint (read.seeding_minutes, ==, SPATE_GOAL_GLOBAL);
  g_assert_cmpint (read.inactive_minutes, ==, SPATE_GOAL_NONE);
  g_assert_true (spate_torrent_get_first_last_pieces (f->torrent_obj));
  g_assert_false (is_paused (f->torrent_obj));

  /* The same goals set again at start do not act again on it. */
  spate_session_set_seeding_goals (f->session, &seeding_now, SPATE_GOAL_ACTION_PAUSE);
  spate_test_spin_for (6000);
  g_assert_false (is_paused (f->torrent_obj));
  g_assert_cmpuint (f->reached->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/goals/session-goal-pauses-once", test_session_goal_pauses_once);
  ADD ("/spate/goals/ratio-goal-removes", test_ratio_goal_removes);
  ADD ("/spate/goals/kept-across-restart", test_kept_across_restart);
#undef ADD

  return g_test_run ();
}
