/* test-extension.c: ".!st" on incomplete files, over a real transfer from a
 * loopback seeder whose upload is throttled so the download can be seen
 * half done.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-engine.h"

#define SUFFIX ".!st"
/* Slow enough to look at the files half way, fast enough to get there. */
#define SLOW_RATE 40000

typedef struct
{
  char           *dir;
  char           *source;
  char           *payload;
  char           *target;
  char           *copy; /* target/payload */
  char           *data_dir;
  GBytes         *torrent;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
  int             seeder_port;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 300000, 200000, 150000, 5000 };

  f->dir = spate_test_make_tmpdir ("engine-extension");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->copy = g_build_filename (f->target, "payload", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->source, 0755);
  g_mkdir_with_parents (f->target, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 11);
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, 16384);

  f->seeder = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, f->torrent, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
  f->seeder_port = spate_test_session_get_port (f->seeder);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);
  g_clear_pointer (&f->torrent, g_bytes_unref);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->target);
  g_free (f->copy);
  g_free (f->data_dir);
}

static void
throttle (Fixture *f, int rate)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (spate_lt_torrent_set_upload_limit (f->seed, rate, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------ what is on disk */

typedef struct
{
  guint marked;       /* files ending in .!st */
  guint plain;        /* files with their own name */
  guint plain_broken; /* of those, not equal to the source */
} Disk;

static void
look_at (const char *dir, const char *source, Disk *disk)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *original = g_build_filename (source, name, NULL);
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;
      gsize            our_len = 0, their_len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          look_at (path, original, disk);
          continue;
        }
      if (g_str_has_suffix (name, SUFFIX))
        {
          disk->marked++;
          continue;
        }
      disk->plain++;
      if (!g_file_get_contents (path, &ours, &our_len, NULL) ||
          !g_file_get_contents (original, &theirs, &their_len, NULL) || our_len != their_len ||
          memcmp (ours, theirs, our_len) != 0)
        disk->plain_broken++;
    }
}

static Disk
disk_of (Fixture *f)
{
  Disk disk = { 0 };

  look_at (f->copy, f->payload, &disk);
  return disk;
}

/* Some files are on their way and every file under its own name is
 * complete. */
static gboolean
incomplete_marked (gpointer data)
{
  Disk disk = disk_of (data);

  return disk.marked > 0 && disk.plain_broken == 0;
}

static gboolean
nothing_marked (gpointer data)
{
  Disk disk = disk_of (data);

  return disk.marked == 0 && disk.plain > 0;
}

typedef struct
{
  Fixture      *f;
  SpateTorrent *torrent;
} Both;

static gboolean
seeding_and_unmarked (gpointer data)
{
  Both *b = data;

  return spate_test_torrent_is_seeding (b->torrent) && nothing_marked (b->f);
}

static gboolean
has_progress (gpointer torrent)
{
  return spate_torrent_get_wanted_done (torrent) > 0;
}

static SpateTorrent *
add_and_connect (Fixture *f, SpateSession *session)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = spate_session_add_bytes (session, f->torrent, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  g_assert_true (spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, &error));
  g_assert_no_error (error);
  return torrent;
}

static void
assert_complete (Fixture *f, SpateTorrent *torrent)
{
  g_autoptr (GError) error = NULL;
  Both both = { f, torrent };

  throttle (f, 0);
  if (!spate_test_spin_until (seeding_and_unmarked, &both, 60000))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);
      g_test_message ("%s", state);
      g_assert_not_reached ();
    }
  spate_test_wait_trees_equal (f->payload, f->copy, 10000, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------- cases */

static void
test_download (Fixture *f, gconstpointer data)
{
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);
  SpateTorrent *torrent;

  throttle (f, SLOW_RATE);
  g_assert_false (spate_session_get_incomplete_extension (session));
  spate_session_set_incomplete_extension (session, TRUE);
  g_assert_true (spate_session_get_incomplete_extension (session));
  torrent = add_and_connect (f, session);

  /* Half way: what is not complete wears the suffix. */
  g_assert_true (spate_test_spin_until (incomplete_marked, f, 30000));
  g_assert_cmpint (spate_torrent_get_wanted_done (torrent), <,
                   spate_torrent_get_wanted_size (torrent));

  /* Done: every file has its own name and the bytes of the source. */
  assert_complete (f, torrent);
  spate_test_engine_session_close (session);
}

static void
test_off_mid_download (Fixture *f, gconstpointer data)
{
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);
  SpateTorrent *torrent;

  throttle (f, SLOW_RATE / 4);
  spate_session_set_incomplete_extension (session, TRUE);
  torrent = add_and_connect (f, session);
  g_assert_true (spate_test_spin_until (incomplete_marked, f, 30000));

  spate_session_set_incomplete_extension (session, FALSE);
  g_assert_true (spate_test_spin_until (nothing_marked, f, 10000));
  g_assert_cmpint (spate_torrent_get_wanted_done (torrent), <,
                   spate_torrent_get_wanted_size (torrent));

  /* Downloading goes on into the files under their own names. */
  assert_complete (f, torrent);
  spate_test_engine_session_close (session);
}

static gboolean
restored_and_checked (gpointer data)
{
  SpateSession *session = data;
  GListModel   *list = G_LIST_MODEL (spate_session_get_torrents (session));
  g_autoptr (SpateTorrent) torrent = NULL;

  if (spate_session_get_restoring (session) || g_list_model_get_n_items (list) != 1)
    return FALSE;
  torrent = g_list_model_get_item (list, 0);
  return spate_torrent_get_state (torrent) != SPATE_TORRENT_STATE_CHECKING;
}

/* The Files page's model names a file .!st while it is incomplete. */
static guint
marked_in_tree (GListModel *tree)
{
  SpateFileTree *files = SPATE_FILE_TREE (tree);
  guint          marked = 0;

  for (guint i = 0; i < spate_file_tree_get_n_files (files); i++)
    {
      SpateTorrentFile *file = spate_file_tree_get_file (files, (int) i);

      if (file != NULL && g_str_has_suffix (spate_torrent_file_get_path (file), SUFFIX))
        marked++;
    }
  return marked;
}

static void
on_restore_failed (SpateSession *session, const char *info_hash, GError *error, gpointer data)
{
  g_test_message ("restore-failed %s: %s", info_hash, error->message);
  g_assert_not_reached ();
}

static void
test_restart (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tree = NULL;
  g_autofree char *hash = spate_lt_torrent_get_info_hash (f->seed);
  SpateSession    *session = spate_test_engine_session_new (f->data_dir, f->target);
  SpateTorrent    *torrent;
  gint64           done;

  throttle (f, SLOW_RATE / 2);
  spate_session_set_incomplete_extension (session, TRUE);
  torrent = add_and_connect (f, session);
  g_assert_true (spate_test_spin_until (has_progress, torrent, 30000));
  g_assert_true (spate_test_spin_until (incomplete_marked, f, 30000));
  spate_test_engine_session_close (session);

  /* What was downloaded is found under the .!st names. */
  g_assert_true (incomplete_marked (f));
  session = spate_test_engine_session_new (f->data_dir, f->target);
  spate_session_set_incomplete_extension (session, TRUE);
  g_signal_connect (session, "restore-failed", G_CALLBACK (on_restore_failed), NULL);
  spate_session_restore (session);
  g_assert_true (spate_test_spin_until (restored_and_checked, session, 30000));
  torrent = spate_session_lookup (session, hash);
  g_assert_nonnull (torrent);
  done = spate_torrent_get_wanted_done (torrent);
  g_assert_cmpint (done, >, 0);
  g_assert_cmpint (done, <, spate_torrent_get_wanted_size (torrent));
  tree = spate_torrent_get_file_tree (torrent);
  g_assert_cmpuint (marked_in_tree (tree), >, 0);
  g_assert_true (incomplete_marked (f));

  g_assert_true (spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, &error));
  g_assert_no_error (error);
  assert_complete (f, torrent);
  /* The Files page's model shows the names the files have now. */
  spate_test_spin_for (1500);
  g_assert_cmpuint (marked_in_tree (tree), ==, 0);
  g_clear_object (&tree);
  spate_test_engine_session_close (session);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/extension/download", test_download);
  ADD ("/spate/extension/off-mid-download", test_off_mid_download);
  ADD ("/spate/extension/restart", test_restart);
#undef ADD
  return g_test_run ();
}
