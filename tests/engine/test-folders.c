/* test-folders.c: the Downloads and BitTorrent preferences the engine
 * carries out: an incomplete folder, a folder for finished downloads,
 * reserved disk space, trackers and limits for every new torrent, PeX.
 * Real transfers from a libtorrent seeder on loopback.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "spate-test-engine.h"

typedef struct
{
  char           *dir;
  char           *source;
  char           *payload;
  char           *target;
  char           *incomplete;
  char           *completed;
  char           *data_dir;
  GBytes         *torrent;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
  int             seeder_port;
  SpateSession   *session;
} Fixture;

static const gsize sizes[] = { 300000, 200000 };

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = spate_test_make_tmpdir ("engine-folders");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->incomplete = g_build_filename (f->dir, "incomplete", NULL);
  f->completed = g_build_filename (f->dir, "completed", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->source, 0755);
  g_mkdir_with_parents (f->target, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 9);
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, 16384);
  f->seeder = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, f->torrent, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
  f->seeder_port = spate_test_session_get_port (f->seeder);
  f->session = spate_test_engine_session_new (f->data_dir, f->target);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->session != NULL)
    spate_test_engine_session_close (f->session);
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);
  g_clear_pointer (&f->torrent, g_bytes_unref);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->target);
  g_free (f->incomplete);
  g_free (f->completed);
  g_free (f->data_dir);
}

typedef struct
{
  SpateTorrent *torrent;
  const char   *path;
} InFolder;

/* Finished, moved to path, and the files there. */
static gboolean
finished_in (gpointer data)
{
  InFolder        *w = data;
  g_autofree char *file = g_build_filename (w->path, "payload", "file-0.bin", NULL);

  return spate_test_torrent_is_finished (w->torrent) &&
         g_strcmp0 (spate_torrent_get_save_path (w->torrent), w->path) == 0 &&
         g_file_test (file, G_FILE_TEST_IS_REGULAR);
}

static SpateTorrent *
add (Fixture *f, const SpateAddOptions *options)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = spate_session_add_bytes (f->session, f->torrent, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  return torrent;
}

static void
download (Fixture *f, SpateTorrent *torrent, const char *final_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = g_build_filename (final_dir, "payload", NULL);
  InFolder         w = { torrent, final_dir };

  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  if (!spate_test_spin_until (finished_in, &w, 30000))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);

      g_error ("Not finished in %s: %s; in %s", final_dir, state,
               spate_torrent_get_save_path (torrent));
    }
  g_assert_true (spate_test_wait_trees_equal (f->payload, copy, 10000, &error));
  g_assert_no_error (error);
}

static void
test_incomplete_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *left = g_build_filename (f->incomplete, "payload", NULL);
  SpateTorrent    *torrent;

  spate_session_set_incomplete_dir (f->session, f->incomplete);
  torrent = add (f, NULL);
  /* Kept apart while it downloads… */
  g_assert_cmpstr (spate_torrent_get_save_path (torrent), ==, f->incomplete);
  /* …and in the download folder once finished, nothing left behind. */
  download (f, torrent, f->target);
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
}

static void
test_completed_folder (Fixture *f, gconstpointer data)
{
  SpateTorrent *torrent;

  spate_session_set_incomplete_dir (f->session, f->incomplete);
  spate_session_set_completed_dir (f->session, f->completed);
  torrent = add (f, NULL);
  download (f, torrent, f->completed);
}

/* A torrent whose data was complete when added stays where it is. */
static void
test_complete_stays (Fixture *f, gconstpointer data)
{
  SpateAddOptions options = { .save_path = f->source, .seed_mode = TRUE };
  SpateTorrent   *torrent;

  spate_session_set_incomplete_dir (f->session, f->incomplete);
  spate_session_set_completed_dir (f->session, f->completed);
  torrent = add (f, &options);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, torrent, 10000));
  spate_test_spin_for (1000);
  g_assert_cmpstr (spate_torrent_get_save_path (torrent), ==, f->source);
  g_assert_false (g_file_test (f->completed, G_FILE_TEST_EXISTS));
}

static gboolean
restored (gpointer session)
{
  return !spate_session_get_restoring (session);
}

/* Where a download in the incomplete folder goes survives a restart. */
static void
test_destination_kept (Fixture *f, gconstpointer data)
{
  SpateAddOptions  options = { .paused = TRUE };
  g_autofree char *hash = NULL;
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent;

  spate_session_set_incomplete_dir (f->session, f->incomplete);
  torrent = add (f, &options);
  hash = g_strdup (spate_torrent_get_info_hash (torrent));
  spate_test_engine_session_close (f->session);

  /* The next start has no incomplete folder set yet. */
  f->session = spate_test_engine_session_new (f->data_dir, f->target);
  spate_session_restore (f->session);
  g_assert_true (spate_test_spin_until (restored, f->session, 30000));
  torrent = spate_session_lookup (f->session, hash);
  g_assert_nonnull (torrent);
  g_assert_cmpstr (spate_torrent_get_save_path (torrent), ==, f->incomplete);
  g_assert_true (spate_torrent_resume (torrent, FALSE, &error));
  g_assert_no_error (error);
  download (f, torrent, f->target);
}

typedef struct
{
  SpateTorrent *torrent;
  const char   *path;
} Partial;

/* Less than half of the data here, and the whole file's size already on
 * disk: a sparse file takes only the blocks written. */
static gboolean
allocated_early (gpointer data)
{
  Partial *p = data;
  GStatBuf st;

  return g_stat (p->path, &st) == 0 && spate_torrent_get_wanted_done (p->torrent) > 0 &&
         spate_torrent_get_wanted_done (p->torrent) < (gint64) sizes[0] / 2 &&
         st.st_size == (goffset) sizes[0] && st.st_blocks * 512 >= (goffset) sizes[0];
}

/* libtorrent reserves a file's whole size when it first writes to it. A
 * seeder slowed to 16 KiB/s shows it before the download ends: the first
 * half of the file takes about 9 s, time for several status updates even on
 * a busy machine (at 40 KiB/s, one CI run saw none in time). */
static void
test_preallocate (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->target, "payload", "file-0.bin", NULL);
  g_autoptr (GVariantDict) slow = g_variant_dict_new (NULL);
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
  Partial         p;

  g_variant_dict_insert (slow, "upload_rate_limit", "i", 16 * 1024);
  g_variant_dict_insert (slow, "ignore_limits_on_local_network", "b", FALSE);
  seeder = spate_test_session_new (0, g_variant_dict_end (slow));
  seed = spate_test_add_torrent (seeder, f->torrent, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (seeder, seed, 30000));

  spate_session_set_preallocate (f->session, TRUE);
  p.torrent = add (f, NULL);
  p.path = file;
  spate_torrent_connect_peer (p.torrent, "127.0.0.1", spate_test_session_get_port (seeder), NULL);
  if (!spate_test_spin_until (allocated_early, &p, 30000))
    {
      g_autofree char *state = spate_test_torrent_describe (p.torrent);
      GStatBuf         st = { 0 };

      g_stat (file, &st);
      g_error ("%s not allocated early: %s; size %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
               " bytes in blocks",
               file, state, (gint64) st.st_size, (gint64) st.st_blocks * 512);
    }

  spate_lt_torrent_free (seed);
  spate_lt_session_free (seeder);
}

static void
test_new_torrent_defaults (Fixture *f, gconstpointer data)
{
  static const char * const urls[] = { "http://127.0.0.1:9/announce", NULL };
  g_autoptr (GListModel) trackers = NULL;
  g_autoptr (SpateTracker) tracker = NULL;
  SpateTorrent *torrent;
  int           down, up, connections, uploads;

  spate_session_set_default_trackers (f->session, urls);
  spate_session_set_torrent_limits (f->session, 25, 3);
  spate_session_set_pex_enabled (f->session, FALSE);
  torrent = add (f, &(SpateAddOptions){ .paused = TRUE });

  trackers = spate_torrent_get_trackers (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (trackers), ==, 1);
  tracker = g_list_model_get_item (trackers, 0);
  g_assert_cmpstr (spate_tracker_get_url (tracker), ==, urls[0]);
  g_assert_true (spate_torrent_get_limits (torrent, &down, &up, &connections, &uploads, NULL));
  g_assert_cmpint (connections, ==, 25);
  g_assert_cmpint (uploads, ==, 3);
  g_assert_true (spate_torrent_get_flags (torrent) & SPATE_TORRENT_FLAG_DISABLE_PEX);

  /* New defaults reach a torrent still at the old ones; PeX comes back. */
  spate_session_set_torrent_limits (f->session, 40, -1);
  g_assert_true (spate_torrent_get_limits (torrent, &down, &up, &connections, &uploads, NULL));
  g_assert_cmpint (connections, ==, 40);
  g_assert_cmpint (uploads, ==, -1); /* unlimited */
  spate_session_set_pex_enabled (f->session, TRUE);
  g_assert_false (spate_torrent_get_flags (torrent) & SPATE_TORRENT_FLAG_DISABLE_PEX);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/folders/incomplete-folder", test_incomplete_folder);
  ADD ("/spate/folders/completed-folder", test_completed_folder);
  ADD ("/spate/folders/complete-stays", test_complete_stays);
  ADD ("/spate/folders/destination-kept", test_destination_kept);
  ADD ("/spate/folders/preallocate", test_preallocate);
  ADD ("/spate/folders/new-torrent-defaults", test_new_torrent_defaults);
#undef ADD

  return g_test_run ();
}
