/* test-create.c: torrents Spate creates load back with what was asked for.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

typedef struct
{
  char *dir;
  char *payload;
  char *single;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 300000, 65536, 12345 };

  f->dir = spate_test_make_tmpdir ("create");
  f->payload = spate_test_make_payload (f->dir, "folder", sizes, G_N_ELEMENTS (sizes), 3);
  f->single = g_build_filename (f->dir, "single.bin", NULL);
  spate_test_write_random_file (f->single, 200000, 4);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->payload);
  g_free (f->single);
}

typedef struct
{
  int           calls;
  int           last_done;
  int           total;
  GCancellable *cancel_after_two;
} Progress;

static void
on_progress (int done, int total, gpointer data)
{
  Progress *p = data;

  g_assert_cmpint (done, ==, p->last_done + 1);
  p->calls++;
  p->last_done = done;
  p->total = total;
  if (p->cancel_after_two != NULL && done == 2)
    g_cancellable_cancel (p->cancel_after_two);
}

static void
check_format (Fixture *f, SpateLtCreateFormat format, gboolean want_v1, gboolean want_v2)
{
  static const char *trackers[] = { "http://127.0.0.1:1/announce", "udp://127.0.0.1:2",
                                    "http://127.0.0.1:3/announce", NULL };
  static const int   tiers[] = { 0, 0, 1 };
  static const char *web_seeds[] = { "http://127.0.0.1:4/files/", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  SpateLtCreateParams p = { 0 };
  Progress            progress = { 0 };
  SpateLtWebSeedType  type;
  int                 tier;

  p.path = f->payload;
  p.piece_size = 32768;
  p.format = format;
  p.trackers = trackers;
  p.tracker_tiers = tiers;
  p.web_seeds = web_seeds;
  p.is_private = TRUE;
  p.comment = "A comment with ünïcödé";
  p.creator = "Spate tests";
  p.source = "SPATE";

  bytes = spate_lt_create_torrent (&p, on_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  info = spate_lt_info_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_name (info), ==, "folder");
  g_assert_cmpint (spate_lt_info_get_piece_length (info), ==, 32768);
  g_assert_cmpint (progress.calls, ==, spate_lt_info_get_num_pieces (info));
  g_assert_cmpint (progress.total, ==, spate_lt_info_get_num_pieces (info));
  g_assert_true (spate_lt_info_is_private (info));
  g_assert_cmpstr (spate_lt_info_get_comment (info), ==, "A comment with ünïcödé");
  g_assert_cmpstr (spate_lt_info_get_creator (info), ==, "Spate tests");
  g_assert_cmpint (spate_lt_info_get_creation_date (info), >, 1700000000);
  g_assert_true ((spate_lt_info_get_info_hash_v1 (info) != NULL) == want_v1);
  g_assert_true ((spate_lt_info_get_info_hash_v2 (info) != NULL) == want_v2);
  g_assert_true (spate_lt_info_has_metadata (info));
  g_assert_nonnull (
      g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "6:source5:SPATE"));

  /* Trackers keep their tiers; libtorrent shuffles within a tier (BEP 12). */
  g_assert_cmpint (spate_lt_info_get_num_trackers (info), ==, 3);
  for (int i = 0; i < 3; i++)
    {
      const char *url = spate_lt_info_get_tracker (info, i, &tier);
      int         j;
      for (j = 0; j < 3 && g_strcmp0 (url, trackers[j]) != 0; j++)
        ;
      g_assert_cmpint (j, <, 3);
      g_assert_cmpint (tier, ==, tiers[j]);
    }
  g_assert_null (spate_lt_info_get_tracker (info, 3, &tier));

  g_assert_cmpint (spate_lt_info_get_num_web_seeds (info), ==, 1);
  g_assert_cmpstr (spate_lt_info_get_web_seed (info, 0, &type), ==, web_seeds[0]);
  g_assert_cmpint (type, ==, SPATE_LT_WEB_SEED_URL);

  /* Files, without pad files, add up to the payload. */
  {
    gint64 sum = 0;
    int    real_files = 0;
    for (int i = 0; i < spate_lt_info_get_num_files (info); i++)
      {
        SpateLtFile file;
        g_assert_true (spate_lt_info_get_file (info, i, &file));
        if (!(file.flags & SPATE_LT_FILE_PAD))
          {
            sum += file.size;
            real_files++;
            g_assert_true (g_str_has_prefix (file.path, "folder/"));
          }
        g_free (file.path);
      }
    g_assert_cmpint (real_files, ==, 3);
    g_assert_cmpint (sum, ==, 300000 + 65536 + 12345);
  }

  {
    g_autofree char *magnet = spate_lt_info_make_magnet (info);
    g_assert_true (g_str_has_prefix (magnet, "magnet:?"));
    if (want_v1)
      g_assert_nonnull (strstr (magnet, spate_lt_info_get_info_hash_v1 (info)));
  }
}

static void
test_hybrid (Fixture *f, gconstpointer data)
{
  check_format (f, SPATE_LT_CREATE_HYBRID, TRUE, TRUE);
}

static void
test_v1 (Fixture *f, gconstpointer data)
{
  check_format (f, SPATE_LT_CREATE_V1, TRUE, FALSE);
}

static void
test_v2 (Fixture *f, gconstpointer data)
{
  check_format (f, SPATE_LT_CREATE_V2, FALSE, TRUE);
}

static void
test_single_file_auto_piece (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  SpateLtCreateParams p = { 0 };
  SpateLtFile         file;

  p.path = f->single;
  bytes = spate_lt_create_torrent (&p, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  info = spate_lt_info_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_name (info), ==, "single.bin");
  g_assert_cmpint (spate_lt_info_get_num_files (info), ==, 1);
  g_assert_true (spate_lt_info_get_file (info, 0, &file));
  g_assert_cmpstr (file.path, ==, "single.bin");
  g_assert_cmpint (file.size, ==, 200000);
  g_free (file.path);
  /* Automatic piece size: a power of two of at least 16 KiB. */
  g_assert_cmpint (spate_lt_info_get_piece_length (info), >=, 16384);
  g_assert_cmpint (
      spate_lt_info_get_piece_length (info) & (spate_lt_info_get_piece_length (info) - 1), ==, 0);
  g_assert_false (spate_lt_info_is_private (info));
  g_assert_cmpstr (spate_lt_info_get_creator (info), ==, "Spate");
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GBytes) bytes = NULL;
  SpateLtCreateParams p = { 0 };
  Progress            progress = { 0 };

  p.path = f->payload;
  p.piece_size = 16384;
  progress.cancel_after_two = cancellable;
  bytes = spate_lt_create_torrent (&p, on_progress, &progress, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_CANCELLED);
  g_assert_cmpint (progress.calls, ==, 2);
}

typedef struct
{
  const char *path;
  GBytes     *bytes;
  GError     *error;
} ThreadJob;

static gpointer
create_in_thread (gpointer data)
{
  ThreadJob          *job = data;
  SpateLtCreateParams p = { 0 };

  p.path = job->path;
  job->bytes = spate_lt_create_torrent (&p, NULL, NULL, NULL, &job->error);
  return NULL;
}

static void
test_worker_thread (Fixture *f, gconstpointer data)
{
  ThreadJob a = { f->payload }, b = { f->single };
  GThread  *ta = g_thread_new ("create-a", create_in_thread, &a);
  GThread  *tb = g_thread_new ("create-b", create_in_thread, &b);

  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  g_assert_nonnull (a.bytes);
  g_assert_nonnull (b.bytes);
  g_bytes_unref (a.bytes);
  g_bytes_unref (b.bytes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/create/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("hybrid", test_hybrid);
  ADD ("v1", test_v1);
  ADD ("v2", test_v2);
  ADD ("single-file-auto-piece", test_single_file_auto_piece);
  ADD ("cancel", test_cancel);
  ADD ("worker-thread", test_worker_thread);
#undef ADD
  return g_test_run ();
}
