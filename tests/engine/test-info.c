/* test-info.c: SpateTorrentInfo reads what the creator wrote; creating
 * reports progress on the caller's thread and can be cancelled.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <unistd.h>

#include "spate-test-engine.h"

typedef struct
{
  char *dir;
  char *folder; /* dir/payload */
  char *single; /* dir/single.bin */
} Fixture;

static const gsize sizes[] = { 200000, 32768, 1, 50000 };

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = spate_test_make_tmpdir ("engine-info");
  f->folder = spate_test_make_payload (f->dir, "payload", sizes, G_N_ELEMENTS (sizes), 5);
  f->single = g_build_filename (f->dir, "single.bin", NULL);
  spate_test_write_random_file (f->single, 100000, 6);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->folder);
  g_free (f->single);
}

/* ------------------------------------------------------------ creating */

typedef struct
{
  GThread      *thread;
  guint         calls;
  guint         last_done;
  guint         total;
  gboolean      finished;      /* the callback ran */
  gboolean      late_progress; /* progress after the callback */
  GCancellable *cancel_at;     /* cancelled at the first progress */
  GBytes       *bytes;
  GError       *error;
} Create;

static void
on_progress (guint done, guint total, gpointer data)
{
  Create *c = data;

  /* On the caller's thread, in order, never after the end. */
  g_assert_true (g_thread_self () == c->thread);
  g_assert_cmpuint (done, >, c->last_done);
  g_assert_cmpuint (done, <=, total);
  if (c->finished)
    c->late_progress = TRUE;
  c->calls++;
  c->last_done = done;
  c->total = total;
  if (c->cancel_at != NULL)
    g_cancellable_cancel (c->cancel_at);
}

static void
on_created (GObject *source, GAsyncResult *result, gpointer data)
{
  Create *c = data;

  g_assert_null (source);
  g_assert_true (g_thread_self () == c->thread);
  c->bytes = spate_torrent_create_finish (result, &c->error);
  c->finished = TRUE;
}

/* Runs the creator to its end, iterating the main context (bounded). */
static void
create (Create *c, const SpateCreateOptions *options, GCancellable *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  c->thread = g_thread_self ();
  spate_torrent_create_async (options, on_progress, c, cancellable, on_created, c);
  /* Never synchronous, even when it fails at once. */
  g_assert_false (c->finished);
  while (!c->finished && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (c->finished);
  /* Anything still queued must not call back now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (c->late_progress);
}

static void
create_clear (Create *c)
{
  g_clear_pointer (&c->bytes, g_bytes_unref);
  g_clear_error (&c->error);
}

static void
test_create_and_read (Fixture *f, gconstpointer data)
{
  static const char *trackers[] = { "http://127.0.0.1:1/announce", "udp://127.0.0.1:2",
                                    "http://127.0.0.1:3/announce", NULL };
  static const int   tiers[] = { 0, 0, 1 };
  static const char *web_seeds[] = { "http://127.0.0.1:4/", NULL };
  SpateCreateOptions options = { 0 };
  Create             c = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char  *path = g_build_filename (f->dir, "payload.torrent", NULL);
  g_autofree char  *name = NULL;
  g_autofree char  *v1 = NULL;
  g_autofree char  *magnet = NULL;
  SpateTorrentInfo *info;
  guint             n_real = 0;
  gint64            total = 0, sum = 0;
  gboolean          is_private;
  guint             num_pieces;

  options.path = f->folder;
  options.piece_size = 16384;
  options.trackers = trackers;
  options.tracker_tiers = tiers;
  options.web_seeds = web_seeds;
  options.is_private = TRUE;
  options.comment = "engine test";
  options.creator = "test-info";
  options.source = "SPATE";
  create (&c, &options, NULL);
  g_assert_no_error (c.error);
  g_assert_nonnull (c.bytes);
  /* Throttled, but the last call always comes, with everything hashed. */
  g_assert_cmpuint (c.calls, >=, 1);
  g_assert_cmpuint (c.last_done, ==, c.total);

  g_file_set_contents (path, g_bytes_get_data (c.bytes, NULL), g_bytes_get_size (c.bytes), &error);
  g_assert_no_error (error);
  info = spate_torrent_info_new_from_file (path, &error);
  g_assert_no_error (error);

  g_object_get (info, "name", &name, "info-hash-v1", &v1, "magnet", &magnet, "is-private",
                &is_private, "num-pieces", &num_pieces, NULL);
  g_assert_cmpstr (name, ==, "payload");
  g_assert_true (is_private);
  g_assert_cmpuint (num_pieces, ==, c.total);
  g_assert_cmpuint (spate_torrent_info_get_num_pieces (info), ==, c.total);
  g_assert_cmpuint (spate_torrent_info_get_piece_length (info), ==, 16384);
  g_assert_cmpint (strlen (v1), ==, 40);
  g_assert_cmpint (strlen (spate_torrent_info_get_info_hash_v2 (info)), ==, 64);
  g_assert_true (spate_torrent_info_get_has_metadata (info));
  g_assert_cmpstr (spate_torrent_info_get_comment (info), ==, "engine test");
  g_assert_cmpstr (spate_torrent_info_get_creator (info), ==, "test-info");
  g_assert_cmpint (spate_torrent_info_get_creation_date (info), >, 1700000000);
  g_assert_true (g_str_has_prefix (magnet, "magnet:?xt=urn:btih:"));
  g_assert_nonnull (strstr (magnet, v1));
  g_assert_true (g_bytes_equal (spate_torrent_info_get_bytes (info), c.bytes));

  /* Every payload file is there; pad files only align them. */
  for (guint i = 0; i < spate_torrent_info_get_n_files (info); i++)
    {
      const char *file_path;
      gint64      size;
      gboolean    is_pad;

      g_assert_true (spate_torrent_info_get_file (info, i, &file_path, &size, &is_pad));
      if (is_pad)
        continue;
      g_assert_true (g_str_has_prefix (file_path, "payload/"));
      n_real++;
      total += size;
    }
  g_assert_false (
      spate_torrent_info_get_file (info, spate_torrent_info_get_n_files (info), NULL, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    sum += sizes[i];
  g_assert_cmpuint (n_real, ==, G_N_ELEMENTS (sizes));
  g_assert_cmpint (total, ==, sum);
  g_assert_cmpint (spate_torrent_info_get_total_size (info), ==, sum);

  g_assert_cmpuint (spate_torrent_info_get_n_trackers (info), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      int         tier = -1;
      const char *url = spate_torrent_info_get_tracker (info, i, &tier);
      guint       j;

      for (j = 0; j < 3 && g_strcmp0 (url, trackers[j]) != 0; j++)
        ;
      g_assert_cmpuint (j, <, 3);
      g_assert_cmpint (tier, ==, tiers[j]);
    }
  g_assert_null (spate_torrent_info_get_tracker (info, 3, NULL));
  g_assert_cmpuint (spate_torrent_info_get_n_web_seeds (info), ==, 1);
  g_assert_cmpstr (spate_torrent_info_get_web_seed (info, 0), ==, web_seeds[0]);

  create_clear (&c);
  g_assert_finalize_object (info);
}

static void
test_formats (Fixture *f, gconstpointer data)
{
  static const struct
  {
    SpateCreateFormat format;
    gboolean          v1, v2;
  } cases[] = {
    { SPATE_CREATE_HYBRID, TRUE, TRUE },
    { SPATE_CREATE_V1, TRUE, FALSE },
    { SPATE_CREATE_V2, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpateCreateOptions options = { 0 };
      Create             c = { 0 };
      g_autoptr (GError) error = NULL;
      SpateTorrentInfo *info;

      options.path = f->single;
      options.format = cases[i].format;
      create (&c, &options, NULL);
      g_assert_no_error (c.error);
      info = spate_torrent_info_new_from_bytes (c.bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (spate_torrent_info_get_name (info), ==, "single.bin");
      g_assert_true ((spate_torrent_info_get_info_hash_v1 (info) != NULL) == cases[i].v1);
      g_assert_true ((spate_torrent_info_get_info_hash_v2 (info) != NULL) == cases[i].v2);
      g_assert_cmpint (spate_torrent_info_get_total_size (info), ==, 100000);
      /* Nothing given, nothing there. */
      g_assert_null (spate_torrent_info_get_comment (info));
      g_assert_cmpstr (spate_torrent_info_get_creator (info), ==, "Spate");
      g_assert_false (spate_torrent_info_get_is_private (info));
      g_assert_cmpuint (spate_torrent_info_get_n_trackers (info), ==, 0);
      create_clear (&c);
      g_assert_finalize_object (info);
    }
}

static void
test_create_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.bin", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  SpateCreateOptions options = { 0 };
  Create             c = { 0 };
  FILE              *file;

  /* Sparse, 1 GiB in 16 KiB pieces: far from done at the first progress. */
  file = fopen (big, "wb");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), G_GINT64_CONSTANT (1) << 30), ==, 0);
  fclose (file);

  options.path = big;
  options.piece_size = 16384;
  c.cancel_at = cancellable;
  create (&c, &options, cancellable);
  g_assert_error (c.error, SPATE_ERROR, SPATE_ERROR_CANCELLED);
  g_assert_null (c.bytes);
  g_assert_cmpuint (c.last_done, <, c.total);
  create_clear (&c);

  /* Cancelled before it starts. */
  c = (Create){ 0 };
  create (&c, &options, cancellable);
  g_assert_error (c.error, SPATE_ERROR, SPATE_ERROR_CANCELLED);
  g_assert_cmpuint (c.calls, ==, 0);
  create_clear (&c);
}

static void
test_create_errors (Fixture *f, gconstpointer data)
{
  g_autofree char   *missing = g_build_filename (f->dir, "not-here", NULL);
  g_autofree char   *empty = g_build_filename (f->dir, "empty", NULL);
  SpateCreateOptions options = { 0 };
  Create             c = { 0 };

  options.path = missing;
  create (&c, &options, NULL);
  g_assert_error (c.error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (c.error->message, missing));
  create_clear (&c);

  c = (Create){ 0 };
  options.path = f->single;
  options.piece_size = 1000;
  create (&c, &options, NULL);
  g_assert_error (c.error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (c.error->message, "power of two"));
  create_clear (&c);

  c = (Create){ 0 };
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
  options.path = empty;
  options.piece_size = 0;
  create (&c, &options, NULL);
  g_assert_error (c.error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  create_clear (&c);

  c = (Create){ 0 };
  options.path = f->single;
  options.trackers = (const char *[]){ "not a url", NULL };
  create (&c, &options, NULL);
  g_assert_error (c.error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (c.error->message, "not a url"));
  create_clear (&c);
}

/* ------------------------------------------------------------- reading */

static void
test_magnet (Fixture *f, gconstpointer data)
{
  static const char uri[] = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"
                            "&dn=A%20name&tr=http%3A%2F%2F127.0.0.1%3A5%2Fannounce"
                            "&ws=http%3A%2F%2F127.0.0.1%3A6%2F";
  g_autoptr (GError) error = NULL;
  SpateTorrentInfo *info = spate_torrent_info_new_from_magnet (uri, &error);
  gboolean          has_metadata = TRUE;
  g_autofree char  *v2 = NULL;
  int               tier = -1;

  g_assert_no_error (error);
  g_object_get (info, "has-metadata", &has_metadata, "info-hash-v2", &v2, NULL);
  g_assert_false (has_metadata);
  g_assert_null (v2);
  g_assert_cmpstr (spate_torrent_info_get_name (info), ==, "A name");
  g_assert_cmpstr (spate_torrent_info_get_info_hash_v1 (info), ==,
                   "0123456789abcdef0123456789abcdef01234567");
  g_assert_null (spate_torrent_info_get_bytes (info));
  g_assert_cmpuint (spate_torrent_info_get_n_files (info), ==, 0);
  g_assert_cmpint (spate_torrent_info_get_total_size (info), ==, 0);
  g_assert_cmpuint (spate_torrent_info_get_n_trackers (info), ==, 1);
  g_assert_cmpstr (spate_torrent_info_get_tracker (info, 0, &tier), ==,
                   "http://127.0.0.1:5/announce");
  g_assert_cmpint (tier, ==, 0);
  g_assert_cmpuint (spate_torrent_info_get_n_web_seeds (info), ==, 1);
  g_assert_cmpstr (spate_torrent_info_get_web_seed (info, 0), ==, "http://127.0.0.1:6/");
  g_assert_true (g_str_has_prefix (spate_torrent_info_get_magnet (info), "magnet:?xt=urn:btih:"));
  g_assert_finalize_object (info);
}

/* An added torrent tells what its .torrent said; a magnet, only later. */
static void
test_from_torrent (Fixture *f, gconstpointer data)
{
  const char         *trackers[] = { "http://127.0.0.1:1/announce", NULL };
  SpateLtCreateParams params = {
    .path = f->folder,
    .trackers = trackers,
    .is_private = TRUE,
    .comment = "Holiday photos, see https://example.org/",
    .creator = "Spate tests",
  };
  g_autofree char *data_dir = g_build_filename (f->dir, "data", NULL);
  g_autoptr (GBytes) bytes = spate_test_make_torrent_full (&params, NULL);
  SpateAddOptions options = { .save_path = f->dir, .seed_mode = TRUE, .paused = TRUE };
  g_autoptr (SpateTorrentInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  SpateSession *session;
  SpateTorrent *torrent, *magnet;

  session = spate_test_engine_session_new (data_dir, f->dir);
  torrent = spate_session_add_bytes (session, bytes, &options, &error);
  g_assert_no_error (error);

  info = spate_torrent_get_info (torrent, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_torrent_info_get_name (info), ==, "payload");
  g_assert_cmpstr (spate_torrent_info_get_comment (info), ==, params.comment);
  g_assert_cmpstr (spate_torrent_info_get_creator (info), ==, "Spate tests");
  g_assert_cmpint (spate_torrent_info_get_creation_date (info), >, 0);
  g_assert_true (spate_torrent_info_get_is_private (info));
  g_assert_cmpuint (spate_torrent_info_get_n_trackers (info), ==, 1);
  g_assert_cmpstr (spate_torrent_info_get_info_hash_v1 (info), ==,
                   spate_torrent_get_info_hash_v1 (torrent));

  magnet = spate_session_add_magnet (
      session, "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567", &options, &error);
  g_assert_no_error (error);
  g_assert_null (spate_torrent_get_info (magnet, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NO_METADATA);

  spate_test_engine_session_close (session);
  g_assert_finalize_object (info);
  info = NULL;
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.torrent", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.torrent", NULL);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (garbage, "d4:spam", -1, &error);
  g_assert_no_error (error);

  g_assert_null (spate_torrent_info_new_from_file (garbage, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, garbage));
  g_clear_error (&error);

  g_assert_null (spate_torrent_info_new_from_file (missing, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_null (spate_torrent_info_new_from_file (f->dir, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, f->dir));
  g_clear_error (&error);

  g_assert_null (spate_torrent_info_new_from_bytes (empty, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_null (spate_torrent_info_new_from_magnet ("magnet:?xt=urn:btih:xyz", &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "xyz"));
  g_clear_error (&error);

  g_assert_null (spate_torrent_info_new_from_magnet ("http://example.com/", &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

/* ------------------------------------------------- DHT request bounds */

static void
on_dht_done (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
  return *result;
}

static SpateSession *
dht_session (Fixture *f, const char *name, gboolean dht)
{
  g_autofree char *data_dir = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GVariantDict  settings;
  SpateSession *session;

  g_variant_dict_init (&settings, NULL);
  g_variant_dict_insert (&settings, "listen_interfaces", "s", "127.0.0.1:0");
  g_variant_dict_insert (&settings, "enable_dht", "b", dht);
  g_variant_dict_insert (&settings, "dht_bootstrap_nodes", "s", "");
  g_variant_dict_insert (&settings, "enable_lsd", "b", FALSE);
  g_variant_dict_insert (&settings, "enable_upnp", "b", FALSE);
  g_variant_dict_insert (&settings, "enable_natpmp", "b", FALSE);
  session = spate_session_new (data_dir, g_variant_dict_end (&settings), &error);
  g_assert_no_error (error);
  return session;
}

/* Every request ends: at once when the DHT is off, when cancelled, or at
 * its timeout when nobody answers. The DHT itself is tested by the cli
 * suite against real nodes. */
static void
test_dht_bounds (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) value = g_bytes_new_static ("value", 5);
  g_autoptr (GBytes) large = g_bytes_new_take (g_malloc0 (2000), 2000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GAsyncResult    *result = NULL;
  SpateSession    *off = dht_session (f, "off", FALSE);
  SpateSession    *on = dht_session (f, "on", TRUE);
  guint8           seed[32], key[32], again[32];
  g_autofree char *target = NULL;
  g_autoptr (GBytes) got = NULL;
  gint64 start, seq = 0;

  spate_dht_keygen (seed, key);
  spate_dht_public_key_from_seed (seed, again);
  g_assert_cmpmem (key, 32, again, 32);

  /* Off: says so at once. */
  spate_session_dht_put_immutable_async (off, value, NULL, on_dht_done, &result);
  target = spate_session_dht_put_immutable_finish (off, wait_result (&result), &error);
  g_assert_null (target);
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "enable_dht"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Too large for BEP 44: refused before anything is sent. */
  spate_session_dht_put_mutable_async (on, seed, NULL, large, NULL, on_dht_done, &result);
  g_assert_cmpint (spate_session_dht_put_mutable_finish (on, wait_result (&result), &error), ==,
                   -1);
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_clear_object (&result);

  spate_session_dht_get_immutable_async (on, "abc", NULL, on_dht_done, &result);
  got = spate_session_dht_get_immutable_finish (on, wait_result (&result), &error);
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "abc"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Nobody to ask: the timeout ends it, with one clear line. */
  spate_session_dht_set_timeout (on, 1);
  g_assert_cmpuint (spate_session_dht_get_timeout (on), ==, 1);
  start = g_get_monotonic_time ();
  spate_session_dht_get_mutable_async (on, key, NULL, NULL, on_dht_done, &result);
  got = spate_session_dht_get_mutable_finish (on, wait_result (&result), &seq, &error);
  g_assert_null (got);
  g_assert_cmpint (seq, ==, -1);
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "1 second"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelling ends it long before its timeout. */
  spate_session_dht_set_timeout (on, 0);
  g_assert_cmpuint (spate_session_dht_get_timeout (on), ==, SPATE_DHT_DEFAULT_TIMEOUT_S);
  start = g_get_monotonic_time ();
  spate_session_dht_put_immutable_async (on, value, cancellable, on_dht_done, &result);
  g_cancellable_cancel (cancellable);
  target = spate_session_dht_put_immutable_finish (on, wait_result (&result), &error);
  g_assert_null (target);
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);
  g_clear_object (&result);

  spate_test_engine_session_close (off);
  spate_test_engine_session_close (on);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/info/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-and-read", test_create_and_read);
  ADD ("formats", test_formats);
  ADD ("create-cancel", test_create_cancel);
  ADD ("create-errors", test_create_errors);
  ADD ("magnet", test_magnet);
  ADD ("from-torrent", test_from_torrent);
  ADD ("bad-input", test_bad_input);
  ADD ("dht-bounds", test_dht_bounds);
#undef ADD
  return g_test_run ();
}
