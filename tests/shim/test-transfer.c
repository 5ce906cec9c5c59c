/* test-transfer.c: two sessions on loopback move a multi-file torrent, by
 * .torrent and by magnet, and resume data restores a finished download.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

typedef struct
{
  char           *dir;
  char           *payload;   /* dir/seed/payload */
  char           *leech_dir; /* dir/leech */
  GBytes         *torrent;
  SpateLtSession *seeder;
  SpateLtSession *leecher;
  SpateLtTorrent *seed;
  int             seed_marker;
  int             leech_marker;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  /* Files of odd sizes so pieces straddle file boundaries. */
  static const gsize sizes[] = { 1048576 + 333, 70001, 1, 524288, 250000 };
  g_autofree char   *seed_dir = NULL;
  g_autofree char   *out = NULL;

  f->dir = spate_test_make_tmpdir ("transfer");
  seed_dir = g_build_filename (f->dir, "seed", NULL);
  f->leech_dir = g_build_filename (f->dir, "leech", NULL);
  g_mkdir_with_parents (seed_dir, 0755);
  g_mkdir_with_parents (f->leech_dir, 0755);
  f->payload = spate_test_make_payload (seed_dir, "payload", sizes, G_N_ELEMENTS (sizes), 7);
  out = g_build_filename (f->dir, "payload.torrent", NULL);
  f->torrent = spate_test_make_torrent (f->payload, out, NULL, NULL, 32768);

  f->seeder = spate_test_session_new (0, NULL);
  f->leecher = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, f->torrent, seed_dir, &f->seed_marker);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_lt_torrent_free (f->seed);
  spate_lt_session_free (f->leecher);
  spate_lt_session_free (f->seeder);
  g_bytes_unref (f->torrent);
  spate_test_rm_rf (f->dir);
  g_free (f->payload);
  g_free (f->leech_dir);
  g_free (f->dir);
}

static void
connect_to_seeder (Fixture *f, SpateLtTorrent *leech)
{
  g_autoptr (GError) error = NULL;
  int port = spate_test_session_get_port (f->seeder);

  g_assert_cmpint (port, >, 0);
  spate_lt_torrent_connect_peer (leech, "127.0.0.1", port, &error);
  g_assert_no_error (error);
}

/* libtorrent counts the last piece once its write completes, which can be
 * a moment after it reports the torrent finished (seen: 1 ms, in about one
 * run of 30). */
static gboolean
has_every_piece (gpointer torrent)
{
  SpateLtStatus st;
  gboolean      all;

  if (!spate_lt_torrent_get_status (torrent, &st, NULL))
    return FALSE;
  all = st.num_pieces == st.pieces_total;
  spate_lt_status_clear (&st);
  return all;
}

static void
assert_complete (Fixture *f, SpateLtTorrent *leech)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = g_build_filename (f->leech_dir, "payload", NULL);
  SpateLtStatus    st;

  spate_test_wait_trees_equal (f->payload, got, 10000, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_pump_until ((SpateLtSession *[]){ f->leecher, NULL }, 5000,
                                        has_every_piece, leech));

  g_assert_true (spate_lt_torrent_get_status (leech, &st, &error));
  g_assert_no_error (error);
  g_assert_true (st.finished);
  g_assert_cmpint (st.progress_ppm, ==, 1000000);
  g_assert_cmpint (st.total_done, ==, st.total_size);
  g_assert_cmpint (st.num_pieces, ==, st.pieces_total);
  g_assert_cmpstr (st.name, ==, "payload");
  g_assert_cmpstr (st.save_path, ==, f->leech_dir);
  g_assert_true (st.user_data == &f->leech_marker);
  g_assert_cmpint (st.session_download, >=, st.total_size);
  spate_lt_status_clear (&st);
}

static void
test_torrent_file (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtTorrent) leech =
      spate_test_add_torrent (f->leecher, f->torrent, f->leech_dir, &f->leech_marker);
  g_autoptr (GArray) files = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (spate_lt_torrent_get_user_data (leech) == &f->leech_marker);
  connect_to_seeder (f, leech);
  g_assert_true (spate_test_wait_alert (f->leecher, SPATE_LT_ALERT_TORRENT_FINISHED,
                                        &f->leech_marker, 60000, NULL, NULL));
  assert_complete (f, leech);

  files = spate_lt_torrent_get_files (leech, &error);
  g_assert_no_error (error);
  /* Five files plus the pad files a hybrid torrent aligns them with. */
  for (guint i = 0, real = 0; i < files->len; i++)
    {
      SpateLtFile *file = &g_array_index (files, SpateLtFile, i);
      if (file->flags & SPATE_LT_FILE_PAD)
        continue;
      real++;
      if (i == files->len - 1)
        g_assert_cmpuint (real, ==, 5);
      g_assert_cmpint (file->done, ==, file->size);
      g_assert_cmpint (file->priority, ==, SPATE_LT_PRIORITY_NORMAL);
      g_assert_true (g_str_has_prefix (file->path, "payload/"));
    }
}

static void
test_magnet (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);
  g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_bytes (bytes, size, &error);
  g_autofree char *magnet = spate_lt_info_make_magnet (info);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GArray) files = NULL;

  g_assert_true (g_str_has_prefix (magnet, "magnet:?xt=urn:btih:"));
  params = spate_lt_add_params_new_from_magnet (magnet, &error);
  g_assert_no_error (error);
  g_assert_false (spate_lt_add_params_has_metadata (params));
  spate_lt_add_params_set_save_path (params, f->leech_dir);
  spate_lt_add_params_set_user_data (params, &f->leech_marker);
  leech = spate_lt_session_add (f->leecher, params, &error);
  g_assert_no_error (error);

  /* Before metadata, there are no files to list. */
  files = spate_lt_torrent_get_files (leech, &error);
  g_assert_null (files);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  g_clear_error (&error);

  connect_to_seeder (f, leech);
  g_assert_true (spate_test_wait_alert (f->leecher, SPATE_LT_ALERT_METADATA_RECEIVED,
                                        &f->leech_marker, 60000, NULL, NULL));
  g_assert_true (spate_test_wait_alert (f->leecher, SPATE_LT_ALERT_TORRENT_FINISHED,
                                        &f->leech_marker, 60000, NULL, NULL));
  assert_complete (f, leech);
}

typedef struct
{
  GBytes  *resume;
  gpointer marker;
} ResumeWait;

static void
grab_resume (const SpateLtAlert *alert, gpointer data)
{
  ResumeWait *w = data;
  if (alert->kind == SPATE_LT_ALERT_RESUME_DATA && alert->user_data == w->marker)
    {
      g_clear_pointer (&w->resume, g_bytes_unref);
      w->resume = g_bytes_new (alert->data, alert->size);
    }
}

static gboolean
restored_finished (gpointer torrent)
{
  SpateLtStatus st = { 0 };
  gboolean      finished;

  if (!spate_lt_torrent_get_status (torrent, &st, NULL))
    return FALSE;
  finished = st.finished;
  spate_lt_status_clear (&st);
  return finished;
}

static void
test_resume (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtTorrent) leech =
      spate_test_add_torrent (f->leecher, f->torrent, f->leech_dir, &f->leech_marker);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) restored = NULL;
  SpateLtSession *again;
  ResumeWait      w = { NULL, &f->leech_marker };
  int             marker2 = 0;
  SpateLtStatus   st;
  gsize           size;

  connect_to_seeder (f, leech);
  g_assert_true (spate_test_wait_alert (f->leecher, SPATE_LT_ALERT_TORRENT_FINISHED,
                                        &f->leech_marker, 60000, NULL, NULL));
  g_assert_true (spate_lt_torrent_set_flags (leech, SPATE_LT_TORRENT_SEQUENTIAL,
                                             SPATE_LT_TORRENT_SEQUENTIAL, &error));
  g_assert_true (spate_lt_torrent_request_resume_data (
      leech, SPATE_LT_RESUME_FLUSH_CACHE | SPATE_LT_RESUME_SAVE_INFO_DICT, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_wait_alert (f->leecher, SPATE_LT_ALERT_RESUME_DATA, &f->leech_marker,
                                        10000, grab_resume, &w));
  g_assert_nonnull (w.resume);

  /* A fresh session restores it finished, with its flags, from resume data
   * alone (the info dict is inside). */
  again = spate_test_session_new (0, NULL);
  params = spate_lt_add_params_new_from_resume (g_bytes_get_data (w.resume, &size),
                                                g_bytes_get_size (w.resume), &error);
  g_assert_no_error (error);
  g_assert_true (spate_lt_add_params_has_metadata (params));
  g_assert_cmpstr (spate_lt_add_params_get_save_path (params), ==, f->leech_dir);
  spate_lt_add_params_set_user_data (params, &marker2);
  restored = spate_lt_session_add (again, params, &error);
  g_assert_no_error (error);
  /* Its first state change may come before the check of the resume data
   * has ended; wait, bounded, until it says finished. */
  g_assert_true (spate_test_pump_until ((SpateLtSession *[]){ again, NULL }, 10000,
                                        restored_finished, restored));
  g_assert_true (spate_lt_torrent_get_status (restored, &st, &error));
  g_assert_true (st.finished);
  g_assert_cmpint (st.total_done, ==, st.total_size);
  g_assert_true (st.flags & SPATE_LT_TORRENT_SEQUENTIAL);
  /* Nothing was downloaded again. */
  g_assert_cmpint (st.session_download, ==, 0);
  spate_lt_status_clear (&st);

  g_bytes_unref (w.resume);
  spate_lt_torrent_free (g_steal_pointer (&restored));
  spate_lt_session_free (again);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/transfer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("torrent-file", test_torrent_file);
  ADD ("magnet", test_magnet);
  ADD ("resume", test_resume);
#undef ADD
  return g_test_run ();
}
