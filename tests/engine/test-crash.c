/* test-crash.c: spate-cli killed with SIGKILL at a random moment of a
 * multi-torrent download loses no torrent and no progress; an unclean exit
 * rechecks what may not be on disk; a second process keeps off the folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SPATE_SOAK=1 runs the long tier; SPATE_CRASH_SEED=N replays a run.
 */

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "spate-test-engine.h"

#define N_TORRENTS 3
#define FILE_SIZE  (4 * 1024 * 1024)
#define PIECE_SIZE 65536
#define RATE_LIMIT (3 * 1024 * 1024)
/* Spate's periodic save (SAVE_INTERVAL_S in spate-session.c). */
#define SAVE_INTERVAL_S 60

typedef struct
{
  char           *dir;
  char           *source;
  char           *target;
  char           *state;
  char           *name[N_TORRENTS];
  char           *torrent_path[N_TORRENTS];
  GBytes         *torrent[N_TORRENTS];
  char           *hash[N_TORRENTS];
  SpateLtSession *seeder;
  GPtrArray      *seeds;
  char           *peer;
} Fixture;

static const char *
cli_path (void)
{
  static char *path;

  if (path == NULL)
    path = g_getenv ("SPATE_CLI")
               ? g_strdup (g_getenv ("SPATE_CLI"))
               : g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "spate-cli", NULL);
  return path;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = spate_test_make_tmpdir ("engine-crash");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->state = g_build_filename (f->dir, "state", NULL);
  g_mkdir_with_parents (f->source, 0755);
  f->seeder = spate_test_session_new (0, NULL);
  f->seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) spate_lt_torrent_free);

  for (guint i = 0; i < N_TORRENTS; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr (SpateLtInfo) info = NULL;
      SpateLtTorrent *seed;

      f->name[i] = g_strdup_printf ("payload-%u.bin", i);
      path = g_build_filename (f->source, f->name[i], NULL);
      f->torrent_path[i] = g_strdup_printf ("%s/%u.torrent", f->dir, i);
      spate_test_write_random_file (path, FILE_SIZE, 40 + i);
      f->torrent[i] = spate_test_make_torrent_full (
          &(SpateLtCreateParams){
              .path = path, .piece_size = PIECE_SIZE, .format = SPATE_LT_CREATE_V1 },
          f->torrent_path[i]);
      info = spate_lt_info_new_from_bytes (g_bytes_get_data (f->torrent[i], NULL),
                                           g_bytes_get_size (f->torrent[i]), NULL);
      f->hash[i] = g_strdup (spate_lt_info_get_info_hash_v1 (info));
      seed = spate_test_add_torrent (f->seeder, f->torrent[i], f->source, NULL);
      g_assert_true (spate_test_wait_seeding (f->seeder, seed, 30000));
      g_ptr_array_add (f->seeds, seed);
    }
  f->peer = g_strdup_printf ("127.0.0.1:%d", spate_test_session_get_port (f->seeder));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->seeds);
  spate_lt_session_free (f->seeder);
  spate_test_rm_rf (f->dir);
  for (guint i = 0; i < N_TORRENTS; i++)
    {
      g_free (f->name[i]);
      g_free (f->torrent_path[i]);
      g_bytes_unref (f->torrent[i]);
      g_free (f->hash[i]);
    }
  g_free (f->dir);
  g_free (f->source);
  g_free (f->target);
  g_free (f->state);
  g_free (f->peer);
}

/* spate-cli download of every torrent, its JSON lines going to out_path. */
static GSubprocess *
spawn_victim (Fixture *f, const char *out_path, gboolean sequential, GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *rate = g_strdup_printf ("download_rate_limit=%d", RATE_LIMIT);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_ptr_array_add (argv, (gpointer) cli_path ());
  g_ptr_array_add (argv, "download");
  g_ptr_array_add (argv, "--loopback");
  g_ptr_array_add (argv, "--json");
  g_ptr_array_add (argv, "--state");
  g_ptr_array_add (argv, f->state);
  g_ptr_array_add (argv, "--dir");
  g_ptr_array_add (argv, f->target);
  g_ptr_array_add (argv, "--peer");
  g_ptr_array_add (argv, f->peer);
  g_ptr_array_add (argv, "--setting");
  g_ptr_array_add (argv, rate);
  /* Loopback is "local": without this the limit would not apply. */
  g_ptr_array_add (argv, "--setting");
  g_ptr_array_add (argv, "ignore_limits_on_local_network=false");
  g_ptr_array_add (argv, "--timeout");
  g_ptr_array_add (argv, "120");
  if (sequential)
    g_ptr_array_add (argv, "--sequential");
  for (guint i = 0; i < N_TORRENTS; i++)
    g_ptr_array_add (argv, f->torrent_path[i]);
  g_ptr_array_add (argv, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

static void
on_waited (GObject *source, GAsyncResult *result, gpointer data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Waits (bounded) for the process to end; FALSE when it did not. */
static gboolean
wait_process (GSubprocess *proc, guint timeout_ms)
{
  gboolean exited = FALSE, done;

  g_subprocess_wait_async (proc, NULL, on_waited, &exited);
  done = spate_test_spin_until (flag_set, &exited, timeout_ms);
  if (!done)
    {
      g_subprocess_force_exit (proc);
      g_assert_true (spate_test_spin_until (flag_set, &exited, 10000));
    }
  return done;
}

/* Every torrent has a resume file: adding is over and saved. */
static gboolean
all_persisted (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < N_TORRENTS; i++)
    {
      g_autofree char *name = g_strconcat (f->hash[i], ".resume", NULL);
      g_autofree char *path = g_build_filename (f->state, "resume", name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return FALSE;
    }
  return TRUE;
}

/* Payload has reached the disk: some file has blocks. */
static gboolean
some_payload_written (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < N_TORRENTS; i++)
    {
      g_autofree char *path = g_build_filename (f->target, f->name[i], NULL);
      GStatBuf         st;

      if (g_stat (path, &st) == 0 && st.st_blocks > 0)
        return TRUE;
    }
  return FALSE;
}

/* Bytes of whole pieces on disk that equal the source: what a recheck
 * keeps. */
static gint64
valid_bytes (Fixture *f, guint i)
{
  g_autofree char *src = g_build_filename (f->source, f->name[i], NULL);
  g_autofree char *dst = g_build_filename (f->target, f->name[i], NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize            la, lb;
  gint64           valid = 0;

  g_assert_true (g_file_get_contents (src, &a, &la, NULL));
  if (!g_file_get_contents (dst, &b, &lb, NULL))
    return 0;
  for (gsize off = 0; off + PIECE_SIZE <= MIN (la, lb); off += PIECE_SIZE)
    if (memcmp (a + off, b + off, PIECE_SIZE) == 0)
      valid += PIECE_SIZE;
  return valid;
}

/* The resume files the victim left all read back as their own torrent, at
 * the target folder. */
static void
assert_resume_files_readable (Fixture *f)
{
  for (guint i = 0; i < N_TORRENTS; i++)
    for (guint k = 0; k < 2; k++)
      {
        g_autofree char *name = g_strconcat (f->hash[i], k ? ".bak" : ".resume", NULL);
        g_autofree char *path = g_build_filename (f->state, "resume", name, NULL);
        g_autofree char *contents = NULL;
        g_autoptr (SpateLtAddParams) params = NULL;
        gsize length;

        if (!g_file_get_contents (path, &contents, &length, NULL))
          {
            /* A .bak exists from the second save on. */
            g_assert_cmpuint (k, ==, 1);
            continue;
          }
        params = spate_lt_add_params_new_from_resume ((guint8 *) contents, length, NULL);
        g_assert_nonnull (params);
        g_assert_true (spate_lt_add_params_has_info_hash (params, f->hash[i]));
        g_assert_cmpstr (spate_lt_add_params_get_save_path (params), ==, f->target);
      }
}

/* The sum over the JSON lines' last "session_downloaded" of each torrent. */
static gint64
downloaded_in (const char *out_path)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer       value;
  gint64         sum = 0;

  if (!g_file_get_contents (out_path, &text, NULL, NULL))
    return 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *hash = strstr (lines[i], "\"info_hash\":\"");
      const char *got = strstr (lines[i], "\"session_downloaded\":");
      if (hash == NULL || got == NULL)
        continue;
      g_hash_table_insert (last, g_strndup (hash + 13, 40),
                           GSIZE_TO_POINTER (g_ascii_strtoll (got + 21, NULL, 10)));
    }
  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += GPOINTER_TO_SIZE (value);
  return sum;
}

static gboolean
is_soak (void)
{
  return g_strcmp0 (g_getenv ("SPATE_SOAK"), "1") == 0;
}

static guint32
crash_seed (void)
{
  const char *env = g_getenv ("SPATE_CRASH_SEED");

  if (env != NULL)
    return (guint32) g_ascii_strtoull (env, NULL, 10);
  return (guint32) (g_get_real_time () ^ getpid ());
}

static gboolean
restored (gpointer data)
{
  return !spate_session_get_restoring (data);
}

/* Kill, check the folder, restart to the end, check the files. */
static void
test_kill_during_download (Fixture *f, gconstpointer data)
{
  guint32 seed = crash_seed ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint  runs = is_soak () ? 50 : 10;
  gint64 total = (gint64) N_TORRENTS * FILE_SIZE, worst = 0, sum_redone = 0;

  printf ("# seed %u (replay with SPATE_CRASH_SEED=%u), %u runs\n", seed, seed, runs);
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSubprocess) victim = NULL;
      g_autoptr (GSubprocess) again = NULL;
      g_autofree char *out1 = g_strdup_printf ("%s/run-%u-killed.json", f->dir, run);
      g_autofree char *out2 = g_strdup_printf ("%s/run-%u-resumed.json", f->dir, run);
      /* 12 MiB at 3 MiB/s: about 4 s from the first byte to the last. */
      guint  kill_ms = g_rand_int_range (rand, 0, 3000);
      gint64 valid = 0, before, after, redone;

      spate_test_rm_rf (f->state);
      spate_test_rm_rf (f->target);
      victim = spawn_victim (f, out1, TRUE, &error);
      g_assert_no_error (error);
      /* Each torrent added and saved once, payload arriving, then a
       * random moment. */
      g_assert_true (spate_test_spin_until (all_persisted, f, 20000));
      g_assert_true (spate_test_spin_until (some_payload_written, f, 20000));
      spate_test_spin_for (kill_ms);
      g_subprocess_send_signal (victim, SIGKILL);
      g_assert_false (wait_process (victim, 10000) && g_subprocess_get_if_exited (victim));

      assert_resume_files_readable (f);
      for (guint i = 0; i < N_TORRENTS; i++)
        valid += valid_bytes (f, i);
      before = downloaded_in (out1);

      again = spawn_victim (f, out2, FALSE, &error);
      g_assert_no_error (error);
      g_assert_true (wait_process (again, 90000));
      g_assert_cmpint (g_subprocess_get_exit_status (again), ==, 0);
      after = downloaded_in (out2);

      for (guint i = 0; i < N_TORRENTS; i++)
        {
          g_autofree char *src = g_build_filename (f->source, f->name[i], NULL);
          g_autofree char *dst = g_build_filename (f->target, f->name[i], NULL);
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;
          gsize            la, lb;
          g_assert_true (g_file_get_contents (src, &a, &la, NULL));
          g_assert_true (g_file_get_contents (dst, &b, &lb, NULL));
          g_assert_cmpmem (a, la, b, lb);
        }

      /* Downloaded again: what the second run fetched beyond what was
       * missing on disk at the kill. */
      redone = MAX (after - (total - valid), 0);
      worst = MAX (worst, redone);
      sum_redone += redone;
      printf ("# run %u: killed after %u ms, ~%" G_GINT64_FORMAT
              " bytes downloaded, %" G_GINT64_FORMAT
              " valid on disk, restart downloaded %" G_GINT64_FORMAT
              ", re-downloaded %" G_GINT64_FORMAT "\n",
              run, kill_ms, before, valid, after, redone);
      /* Bounded by what the save interval lets pass. */
      g_assert_cmpint (redone, <=, (gint64) RATE_LIMIT * SAVE_INTERVAL_S);
    }
  printf ("# %u kills: re-downloaded %" G_GINT64_FORMAT " bytes at most, %" G_GINT64_FORMAT
          " in all\n",
          runs, worst, sum_redone);

  /* The last restart closed cleanly: all there, with path and settings. */
  {
    SpateSession *session = spate_test_engine_session_new (f->state, NULL);
    GListModel   *list = G_LIST_MODEL (spate_session_get_torrents (session));

    spate_session_restore (session);
    g_assert_true (spate_test_spin_until (restored, session, 30000));
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_TORRENTS);
    for (guint i = 0; i < N_TORRENTS; i++)
      {
        SpateTorrent *t = spate_session_lookup (session, f->hash[i]);
        g_assert_nonnull (t);
        g_assert_cmpstr (spate_torrent_get_save_path (t), ==, f->target);
        g_assert_true (spate_torrent_get_flags (t) & SPATE_TORRENT_FLAG_SEQUENTIAL);
      }
    spate_test_engine_session_close (session);
  }
}

/* ---------------------------------------------- unclean exit: recheck */

static gboolean
half_done (gpointer data)
{
  SpateTorrent *t = data;
  return spate_torrent_get_wanted_done (t) >= FILE_SIZE / 2;
}

static gboolean
not_checking (gpointer data)
{
  SpateSession *session = data;
  GListModel   *list = G_LIST_MODEL (spate_session_get_torrents (session));

  if (spate_session_get_restoring (session))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SpateTorrent) t = g_list_model_get_item (list, i);
      if (spate_torrent_get_state (t) == SPATE_TORRENT_STATE_CHECKING)
        return FALSE;
    }
  return TRUE;
}

static gboolean
file_complete (gpointer data)
{
  return valid_bytes (data, 0) == FILE_SIZE;
}

/* A session with half of torrent 0 saved in its resume data. Returns the
 * bytes the resume data claims. */
static gint64
half_download (Fixture *f, gboolean close_cleanly)
{
  g_autoptr (GError) error = NULL;
  SpateSession *session = spate_test_engine_session_new (f->state, f->target);
  SpateTorrent *t;
  gint64        done;

  t = spate_session_add_bytes (session, f->torrent[0], NULL, &error);
  g_assert_no_error (error);
  g_assert_true (spate_torrent_set_download_limit (t, 1024 * 1024, &error));
  spate_torrent_connect_peer (t, "127.0.0.1", spate_test_session_get_port (f->seeder), NULL);
  g_assert_true (spate_test_spin_until (half_done, t, 30000));
  /* Pausing saves the resume data with the pieces done so far. */
  g_assert_true (spate_torrent_pause (t, &error));
  spate_test_spin_for (1500);
  done = spate_torrent_get_wanted_done (t);
  g_assert_true (spate_torrent_resume (t, FALSE, &error));
  g_assert_true (spate_torrent_set_download_limit (t, 1, &error));
  if (close_cleanly)
    spate_test_engine_session_close (session);
  else
    /* A crash as far as the folder can tell: no close, no marker. */
    g_assert_finalize_object (session);
  return done;
}

static void
run_unclean (Fixture *f, gboolean clean)
{
  g_autofree char *src = g_build_filename (f->source, f->name[0], NULL);
  g_autofree char *dst = g_build_filename (f->target, f->name[0], NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize            la, lb, off;
  SpateSession    *session;
  SpateTorrent    *t;
  gint64           claimed, valid, start;
  int              fd;
  guint8           zeros[PIECE_SIZE] = { 0 };

  claimed = half_download (f, clean);
  g_assert_cmpint (claimed, >=, FILE_SIZE / 2);

  /* What libtorrent counted but never wrote: zero a piece it has. */
  g_assert_true (g_file_get_contents (src, &a, &la, NULL));
  g_assert_true (g_file_get_contents (dst, &b, &lb, NULL));
  for (off = 0; off + PIECE_SIZE <= lb; off += PIECE_SIZE)
    if (memcmp (a + off, b + off, PIECE_SIZE) == 0)
      break;
  g_assert_cmpuint (off + PIECE_SIZE, <=, lb);
  fd = g_open (dst, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, zeros, sizeof zeros, (off_t) off), ==, sizeof zeros);
  close (fd);
  valid = valid_bytes (f, 0);

  start = g_get_monotonic_time ();
  session = spate_test_engine_session_new (f->state, f->target);
  spate_session_restore (session);
  g_assert_true (spate_test_spin_until (restored, session, 30000));
  t = spate_session_lookup (session, f->hash[0]);
  g_assert_nonnull (t);
  /* It was paused to have its pieces saved; libtorrent checks a paused
   * torrent's files only once it runs. */
  g_assert_true (spate_torrent_resume (t, FALSE, NULL));
  g_assert_true (spate_test_spin_until (not_checking, session, 30000));
  /* A status tick carries the checked progress. */
  spate_test_spin_for (1500);
  g_assert_true (spate_test_spin_until (not_checking, session, 30000));
  g_test_message ("%s exit: zeroed the piece at %zu; restored and ready in %.3f s; the torrent "
                  "claims %" G_GINT64_FORMAT " bytes, the resume data %" G_GINT64_FORMAT
                  ", the disk holds %" G_GINT64_FORMAT,
                  clean ? "clean" : "unclean", off, (g_get_monotonic_time () - start) / 1e6,
                  spate_torrent_get_wanted_done (t), claimed, valid);
  if (clean)
    /* A clean close is trusted without a recheck. */
    g_assert_cmpint (spate_torrent_get_wanted_done (t), >, valid);
  else
    {
      /* Rechecked: it claims what the disk holds, no more, and fetches the
       * zeroed piece again. */
      g_assert_cmpint (spate_torrent_get_wanted_done (t), ==, valid);
      g_assert_true (spate_torrent_set_download_limit (t, 0, NULL));
      spate_torrent_connect_peer (t, "127.0.0.1", spate_test_session_get_port (f->seeder), NULL);
      g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, t, 60000));
      g_clear_pointer (&b, g_free);
      g_assert_true (spate_test_spin_until (file_complete, f, 10000));
    }
  spate_test_engine_session_close (session);
}

static void
test_unclean_exit_rechecks (Fixture *f, gconstpointer data)
{
  run_unclean (f, FALSE);
}

static void
test_clean_exit_trusted (Fixture *f, gconstpointer data)
{
  run_unclean (f, TRUE);
}

/* ------------------------------------------------- two processes, one folder */

static void
test_two_processes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out1 = g_build_filename (f->dir, "first.json", NULL);
  g_autofree char *out2 = g_build_filename (f->dir, "second.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GSubprocess) first = spawn_victim (f, out1, FALSE, &error);
  g_autoptr (GSubprocess) second = NULL;

  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (all_persisted, f, 20000));
  second = spawn_victim (f, out2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (wait_process (second, 20000));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 1);
  g_assert_true (g_file_get_contents (out2, &text, NULL, NULL));
  g_test_message ("second process: %s", text);
  g_assert_nonnull (strstr (text, "Another Spate is already using"));
  g_assert_nonnull (strstr (text, f->state));
  /* The first one carries on to the end. */
  g_assert_true (wait_process (first, 60000));
  g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 0);
  assert_resume_files_readable (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/crash/kill-during-download", test_kill_during_download);
  ADD ("/spate/crash/unclean-exit-rechecks", test_unclean_exit_rechecks);
  ADD ("/spate/crash/clean-exit-trusted", test_clean_exit_trusted);
  ADD ("/spate/crash/two-processes", test_two_processes);
#undef ADD
  return g_test_run ();
}
