/* test-fetch.c: choosing a magnet link's files before adding it
 * (SpateMetadataFetch), the add options first_last_pieces and queue_top,
 * and reading a torrent from a URI without adding it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-engine.h"

#define MAGNET_TRACKER "http://127.0.0.1:9/announce"
#define EXTRA_TRACKER  "http://127.0.0.1:9/extra/announce"
#define LONELY_MAGNET  "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=lonely"
#define SKIPPED_FILE   "payload/sub/file-1.bin"

typedef struct
{
  char             *dir;
  char             *source;
  char             *payload;
  char             *target;
  char             *data_dir;
  char             *torrent_path;
  GBytes           *torrent;
  SpateTorrentInfo *info;
  char             *hash;
  SpateLtSession   *seeder;
  SpateLtTorrent   *seed;
  int               seeder_port;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 400000, 900000, 60000, 500003 };
  g_autoptr (GError) error = NULL;

  f->dir = spate_test_make_tmpdir ("engine-fetch");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->torrent_path = g_build_filename (f->dir, "payload.torrent", NULL);
  g_mkdir_with_parents (f->source, 0755);
  g_mkdir_with_parents (f->target, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 7);
  /* Hybrid: pad files align every file to pieces, so a skipped file
   * shares none with a wanted one. */
  f->torrent = spate_test_make_torrent (f->payload, f->torrent_path, NULL, NULL, 32768);
  f->info = spate_torrent_info_new_from_bytes (f->torrent, &error);
  g_assert_no_error (error);
  f->hash = g_strdup (spate_torrent_info_get_info_hash_v1 (f->info));
}

static void
fixture_seed (Fixture *f)
{
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
  g_assert_finalize_object (f->info);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->target);
  g_free (f->data_dir);
  g_free (f->torrent_path);
  g_free (f->hash);
}

/* The payload's magnet link with a tracker and, when port > 0, a peer. */
static char *
make_magnet (Fixture *f, int port)
{
  g_autofree char *tracker = g_uri_escape_string (MAGNET_TRACKER, NULL, FALSE);

  if (port <= 0)
    return g_strdup_printf ("%s&tr=%s", spate_torrent_info_get_magnet (f->info), tracker);
  return g_strdup_printf ("%s&tr=%s&x.pe=127.0.0.1:%d", spate_torrent_info_get_magnet (f->info),
                          tracker, port);
}

/* ------------------------------------------------------------ helpers */

static void
collect (const char *root, const char *rel, GPtrArray *out)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);
      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        collect (root, child, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every file under root, relative to it, sorted and joined by spaces. */
static char *
list_files (const char *root)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect (root, "", files);
  g_ptr_array_sort (files, compare_paths);
  g_ptr_array_add (files, NULL);
  return g_strjoinv (" ", (char **) files->pdata);
}

static guint
n_torrents (SpateSession *session)
{
  return g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session)));
}

static gboolean
has_info (gpointer fetch)
{
  return spate_metadata_fetch_get_info (fetch) != NULL;
}

static gboolean
has_info_and_peer (gpointer fetch)
{
  return has_info (fetch) && spate_metadata_fetch_get_num_peers (fetch) >= 1;
}

static void
count_signal (gpointer instance, gpointer arg, guint *count)
{
  (*count)++;
}

static void
on_async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static guint
file_index (SpateTorrentInfo *info, const char *want)
{
  for (guint i = 0; i < spate_torrent_info_get_n_files (info); i++)
    {
      const char *path;
      spate_torrent_info_get_file (info, i, &path, NULL, NULL);
      if (g_strcmp0 (path, want) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* File priorities for the payload with SKIPPED_FILE skipped. */
static guint8 *
skip_one (SpateTorrentInfo *info, guint *skipped)
{
  guint   n = spate_torrent_info_get_n_files (info);
  guint8 *priorities = g_new (guint8, n);

  memset (priorities, SPATE_PRIORITY_NORMAL, n);
  *skipped = file_index (info, SKIPPED_FILE);
  priorities[*skipped] = SPATE_PRIORITY_SKIP;
  return priorities;
}

/* Checks each real file's pieces: its first and last piece at high when
 * first_last, the others at the file's priority. */
static void
assert_piece_priorities (SpateTorrent     *torrent,
                         SpateTorrentInfo *info,
                         const guint8     *files,
                         gboolean          first_last)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = spate_torrent_get_piece_priorities (torrent, &error);
  const guint8 *pieces;
  gsize         n_pieces;
  gint64        offset = 0;
  gint64        length = spate_torrent_info_get_piece_length (info);

  g_assert_no_error (error);
  pieces = g_bytes_get_data (bytes, &n_pieces);
  g_assert_cmpuint (n_pieces, ==, spate_torrent_info_get_num_pieces (info));
  for (guint i = 0; i < spate_torrent_info_get_n_files (info); i++)
    {
      gint64   size;
      gboolean pad;
      gint64   first, last;

      spate_torrent_info_get_file (info, i, NULL, &size, &pad);
      first = offset / length;
      last = (offset + size - 1) / length;
      offset += size;
      if (pad || size == 0)
        continue;
      for (gint64 p = first; p <= last; p++)
        {
          guint8 want = files[i];
          if (first_last && files[i] > 0 && (p == first || p == last))
            want = SPATE_PRIORITY_HIGH;
          g_assert_cmpuint (pieces[p], ==, want);
        }
    }
}

static guint
n_resume_files (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->data_dir, "resume", NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect (dir, "", files);
  return files->len;
}

/* ------------------------------------------- fetch, choose, add, restore */

typedef struct
{
  SpateSession *session;
  const char   *hash;
} Restore;

static gboolean
restored_and_done (gpointer data)
{
  Restore      *r = data;
  SpateTorrent *t;

  if (spate_session_get_restoring (r->session))
    return FALSE;
  t = spate_session_lookup (r->session, r->hash);
  return t != NULL && spate_test_torrent_is_finished (t);
}

static void
test_fetch_then_add (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *magnet = NULL, *plain = NULL, *link = NULL;
  g_autofree char   *files = NULL;
  g_autofree char   *waiter_dir = g_build_filename (f->dir, "waiter", NULL);
  g_autofree guint8 *priorities = NULL;
  g_autoptr (SpateLtAddParams) waiter_params = NULL;
  g_autoptr (SpateLtTorrent) waiter_torrent = NULL;
  g_autoptr (GBytes) kept = NULL;
  SpateLtSession     *waiter;
  SpateSession       *session;
  SpateMetadataFetch *fetch;
  SpateTorrentInfo   *info;
  SpateTorrent       *torrent;
  guint               added = 0, skipped = G_MAXUINT;
  Restore             restore;

  fixture_seed (f);
  /* A peer that wants the metadata too stays connected once the fetch has
   * it, where the seed hangs up: num-peers can be seen. */
  waiter = spate_test_session_new (0, NULL);
  waiter_params =
      spate_lt_add_params_new_from_magnet (spate_torrent_info_get_magnet (f->info), &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (waiter_params, waiter_dir);
  waiter_torrent = spate_lt_session_add (waiter, waiter_params, &error);
  g_assert_no_error (error);

  session = spate_test_engine_session_new (f->data_dir, f->target);
  g_signal_connect (session, "torrent-added", G_CALLBACK (count_signal), &added);
  plain = make_magnet (f, f->seeder_port);
  magnet = g_strdup_printf ("%s&x.pe=127.0.0.1:%d", plain, spate_test_session_get_port (waiter));
  fetch = spate_session_fetch_metadata (session, magnet, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_metadata_fetch_get_info_hash (fetch), ==, f->hash);
  g_assert_cmpstr (spate_metadata_fetch_get_name (fetch), ==, "payload");
  g_assert_true (spate_metadata_fetch_get_active (fetch));

  g_assert_true (spate_test_spin_until (has_info_and_peer, fetch, 30000));
  info = spate_metadata_fetch_get_info (fetch);
  g_assert_cmpuint (spate_torrent_info_get_n_files (info), ==,
                    spate_torrent_info_get_n_files (f->info));
  for (guint i = 0; i < spate_torrent_info_get_n_files (info); i++)
    {
      const char *path, *want_path;
      gint64      size, want_size;
      spate_torrent_info_get_file (info, i, &path, &size, NULL);
      spate_torrent_info_get_file (f->info, i, &want_path, &want_size, NULL);
      g_assert_cmpstr (path, ==, want_path);
      g_assert_cmpint (size, ==, want_size);
    }
  /* The magnet link's tracker comes along in the info. */
  g_assert_cmpuint (spate_torrent_info_get_n_trackers (info), ==, 1);
  g_assert_cmpstr (spate_torrent_info_get_tracker (info, 0, NULL), ==, MAGNET_TRACKER);

  /* Nothing of the payload, nothing in the list, nothing saved. */
  spate_test_spin_for (1500);
  files = list_files (f->target);
  g_assert_cmpstr (files, ==, "");
  g_assert_cmpuint (n_torrents (session), ==, 0);
  g_assert_cmpuint (added, ==, 0);
  g_assert_null (spate_metadata_fetch_get_error (fetch));

  priorities = skip_one (info, &skipped);
  g_assert_cmpuint (skipped, <, spate_torrent_info_get_n_files (info));
  torrent =
      spate_metadata_fetch_add (fetch,
                                &(SpateAddOptions){
                                    .file_priorities = priorities,
                                    .n_file_priorities = spate_torrent_info_get_n_files (info),
                                    .first_last_pieces = TRUE,
                                },
                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  g_assert_false (spate_metadata_fetch_get_active (fetch));
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (n_torrents (session), ==, 1);
  g_assert_true (spate_session_lookup (session, f->hash) == torrent);
  g_assert_true (spate_torrent_get_first_last_pieces (torrent));
  assert_piece_priorities (torrent, info, priorities, TRUE);
  g_assert_null (spate_metadata_fetch_add (fetch, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_finalize_object (fetch);

  /* Done with only the wanted files, each equal to its source. The seeder
   * may still hold the hidden torrent's connection and refuse the new one
   * as a duplicate; a tracker would announce again, here we dial again. */
  for (guint i = 0; i < 12 && !spate_test_torrent_is_finished (torrent); i++)
    {
      spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
      if (!spate_test_spin_until (spate_test_torrent_is_finished, torrent, 5000))
        {
          g_autofree char *state = spate_test_torrent_describe (torrent);
          g_test_message ("not finished after dial %u: %s", i + 1, state);
        }
      /* libtorrent 2.0.8 now and then stops a hybrid torrent that came
       * from a magnet link with "v1 and v2 hashes do not describe the same
       * data" (seen in 2 of about 40 runs under load). The General page's
       * Retry clears it, as here; it says nothing about fetching. */
      if (spate_torrent_get_error (torrent) != NULL &&
          strstr (spate_torrent_get_error (torrent), "v1 and v2") != NULL)
        g_assert_true (spate_torrent_clear_error (torrent, NULL));
    }
  g_assert_true (spate_test_torrent_is_finished (torrent));
  g_clear_pointer (&files, g_free);
  files = list_files (f->target);
  g_assert_cmpstr (files, ==, "payload/file-0.bin payload/file-2.bin payload/sub/file-3.bin");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("%sfile-%u.bin", i % 2 ? "sub/" : "", i);
      g_autofree char *a = g_build_filename (f->payload, name, NULL);
      g_autofree char *b = g_build_filename (f->target, "payload", name, NULL);
      g_autofree char *ca = NULL, *cb = NULL;
      gsize            la = 0, lb = 0;

      if (i == 1)
        continue;
      g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
      g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
      g_assert_cmpmem (ca, la, cb, lb);
    }
  spate_test_engine_session_close (session);
  spate_lt_session_free (waiter);

  /* Back after a restart, as it was left, the link's tracker kept. */
  session = spate_test_engine_session_new (f->data_dir, f->target);
  spate_session_restore (session);
  restore = (Restore){ session, f->hash };
  g_assert_true (spate_test_spin_until (restored_and_done, &restore, 30000));
  g_assert_cmpuint (n_torrents (session), ==, 1);
  torrent = spate_session_lookup (session, f->hash);
  kept = spate_torrent_get_file_priorities (torrent, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), priorities,
                   spate_torrent_info_get_n_files (f->info));
  g_assert_cmpint (spate_torrent_get_wanted_done (torrent), ==,
                   spate_torrent_get_wanted_size (torrent));
  link = spate_torrent_get_magnet_link (torrent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (link, "127.0.0.1%3a9"));
  spate_test_engine_session_close (session);
}

/* ------------------------------------------------------------- cancelling */

static void
test_cancel_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char    *magnet = NULL;
  g_autofree char    *files = NULL;
  SpateSession       *session;
  SpateMetadataFetch *fetch;
  guint               added = 0;

  fixture_seed (f);
  session = spate_test_engine_session_new (f->data_dir, f->target);
  g_signal_connect (session, "torrent-added", G_CALLBACK (count_signal), &added);
  magnet = make_magnet (f, f->seeder_port);

  /* Cancelled once the metadata is here. */
  fetch = spate_session_fetch_metadata (session, magnet, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (has_info, fetch, 30000));
  spate_metadata_fetch_cancel (fetch);
  spate_metadata_fetch_cancel (fetch);
  g_assert_false (spate_metadata_fetch_get_active (fetch));
  g_assert_null (spate_metadata_fetch_add (fetch, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_finalize_object (fetch);

  /* The hash is free again; this time the last reference just goes. */
  fetch = spate_session_fetch_metadata (session, magnet, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (has_info, fetch, 30000));
  g_assert_finalize_object (fetch);

  /* And free again: the session closes with this one still running. */
  fetch = spate_session_fetch_metadata (session, magnet, NULL, &error);
  g_assert_no_error (error);
  spate_test_spin_for (1500);
  g_assert_cmpuint (n_torrents (session), ==, 0);
  g_assert_cmpuint (added, ==, 0);
  spate_test_engine_session_close (session);

  g_assert_false (spate_metadata_fetch_get_active (fetch));
  g_assert_null (spate_metadata_fetch_add (fetch, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  spate_metadata_fetch_cancel (fetch);
  g_assert_finalize_object (fetch);

  files = list_files (f->target);
  g_assert_cmpstr (files, ==, "");
  g_assert_cmpuint (n_resume_files (f), ==, 0);
}

/* ----------------------------------------------------------------- errors */

static void
test_fetch_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *magnet = make_magnet (f, 0);
  g_autofree char *extra = NULL;
  g_autofree char *escaped = g_uri_escape_string (EXTRA_TRACKER, NULL, FALSE);
  g_autofree char *link = NULL;
  g_autoptr (SpateTorrentInfo) other = NULL;
  SpateSession       *session = spate_test_engine_session_new (f->data_dir, f->target);
  SpateMetadataFetch *fetch;
  SpateTorrentInfo   *info;
  SpateTorrent       *torrent, *existing;
  const char * const  bad[] = { "not a magnet", "magnet:?xt=urn:btih:xyz", "magnet:?dn=nothing",
                                "http://127.0.0.1:9/x.torrent" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (spate_session_fetch_metadata (session, bad[i], NULL, &error));
      g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }

  /* Already in the list: the UI finds it and offers the link's trackers. */
  torrent =
      spate_session_add_bytes (session, f->torrent, &(SpateAddOptions){ .paused = TRUE }, &error);
  g_assert_no_error (error);
  g_assert_null (spate_session_fetch_metadata (session, magnet, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED);
  g_assert_nonnull (strstr (error->message, "payload"));
  g_clear_error (&error);

  extra = g_strdup_printf ("%s&tr=%s", magnet, escaped);
  info = spate_torrent_info_new_from_magnet (extra, &error);
  g_assert_no_error (error);
  existing = spate_session_lookup (session, spate_torrent_info_get_info_hash_v1 (info));
  g_assert_true (existing == torrent);
  g_assert_true (spate_session_merge_trackers (session, existing, info, &error));
  g_assert_no_error (error);
  link = spate_torrent_get_magnet_link (torrent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (link, "extra%2fannounce"));
  g_assert_finalize_object (info);

  other = spate_torrent_info_new_from_magnet (LONELY_MAGNET, &error);
  g_assert_false (spate_session_merge_trackers (session, torrent, other, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* No peers, no metadata: adding must wait; one fetch per torrent. */
  fetch = spate_session_fetch_metadata (session, LONELY_MAGNET, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_metadata_fetch_get_name (fetch), ==, "lonely");
  g_assert_null (spate_metadata_fetch_add (fetch, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NO_METADATA);
  g_clear_error (&error);
  g_assert_true (spate_metadata_fetch_get_active (fetch));
  g_assert_null (spate_session_fetch_metadata (session, LONELY_MAGNET, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED);
  g_assert_null (spate_session_lookup (session, spate_metadata_fetch_get_info_hash (fetch)));
  g_clear_error (&error);
  spate_metadata_fetch_cancel (fetch);
  g_assert_finalize_object (fetch);

  g_assert_cmpuint (n_torrents (session), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&other));
  spate_test_engine_session_close (session);
}

/* ------------------------------------------- first and last, queue top */

typedef struct
{
  SpateTorrent *a, *b;
} Pair;

static gboolean
queue_shifted (gpointer data)
{
  Pair *p = data;

  return spate_torrent_get_queue_position (p->a) == 1 &&
         spate_torrent_get_queue_position (p->b) == 2;
}

static gboolean
first_piece_high (gpointer torrent)
{
  g_autoptr (GBytes) pieces = spate_torrent_get_piece_priorities (torrent, NULL);

  return pieces != NULL && g_bytes_get_size (pieces) > 0 &&
         ((const guint8 *) g_bytes_get_data (pieces, NULL))[0] == SPATE_PRIORITY_HIGH;
}

static void
test_first_last_and_queue_top (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *priorities = NULL;
  g_autofree char   *magnet = NULL;
  g_autofree char   *empty = g_build_filename (f->dir, "empty", NULL);
  SpateLtSession    *peer;
  SpateLtTorrent    *peer_torrent;
  SpateSession      *session;
  SpateTorrent      *lonely, *other, *torrent, *from_magnet;
  guint              skipped = G_MAXUINT, n = spate_torrent_info_get_n_files (f->info);
  guint              first = file_index (f->info, "payload/file-0.bin");
  guint              notified = 0;
  Pair               pair;

  session = spate_test_engine_session_new (f->data_dir, f->target);
  lonely = spate_session_add_magnet (session, LONELY_MAGNET, &(SpateAddOptions){ .paused = TRUE },
                                     &error);
  g_assert_no_error (error);
  other = spate_session_add_magnet (
      session, "magnet:?xt=urn:btih:1123456789abcdef0123456789abcdef01234567&dn=other",
      &(SpateAddOptions){ .paused = TRUE }, &error);
  g_assert_no_error (error);
  g_assert_cmpint (spate_torrent_get_queue_position (lonely), ==, 0);
  g_assert_cmpint (spate_torrent_get_queue_position (other), ==, 1);

  priorities = skip_one (f->info, &skipped);
  torrent = spate_session_add_bytes (session, f->torrent,
                                     &(SpateAddOptions){
                                         .paused = TRUE,
                                         .file_priorities = priorities,
                                         .n_file_priorities = n,
                                         .first_last_pieces = TRUE,
                                         .queue_top = TRUE,
                                     },
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (spate_torrent_get_queue_position (torrent), ==, 0);
  pair = (Pair){ lonely, other };
  g_assert_true (spate_test_spin_until (queue_shifted, &pair, 5000));
  assert_piece_priorities (torrent, f->info, priorities, TRUE);

  /* Off: pieces follow their files again. */
  g_signal_connect (torrent, "notify::first-last-pieces", G_CALLBACK (count_signal), &notified);
  g_assert_true (spate_torrent_set_first_last_pieces (torrent, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (spate_torrent_get_first_last_pieces (torrent));
  g_assert_cmpuint (notified, ==, 1);
  assert_piece_priorities (torrent, f->info, priorities, FALSE);

  /* On again, it outlives a file priority change, which libtorrent answers
   * by deriving every piece priority from the files anew. */
  g_assert_true (spate_torrent_set_first_last_pieces (torrent, TRUE, &error));
  priorities[first] = SPATE_PRIORITY_LOW;
  g_assert_true (spate_torrent_set_file_priority (torrent, first, SPATE_PRIORITY_LOW, &error));
  g_assert_no_error (error);
  spate_test_spin_for (1500);
  assert_piece_priorities (torrent, f->info, priorities, TRUE);
  g_assert_true (spate_session_remove (session, torrent, FALSE, &error));

  /* A magnet link takes it when its metadata arrives. Its only peer has
   * the metadata and none of the data, so the priorities stay to be
   * seen (a finished torrent forgets them). */
  g_mkdir_with_parents (empty, 0755);
  peer = spate_test_session_new (0, NULL);
  peer_torrent = spate_test_add_torrent (peer, f->torrent, empty, NULL);
  magnet = make_magnet (f, spate_test_session_get_port (peer));
  from_magnet = spate_session_add_magnet (session, magnet,
                                          &(SpateAddOptions){ .first_last_pieces = TRUE }, &error);
  g_assert_no_error (error);
  g_assert_true (spate_torrent_get_first_last_pieces (from_magnet));
  g_assert_true (spate_test_spin_until (first_piece_high, from_magnet, 30000));
  memset (priorities, SPATE_PRIORITY_NORMAL, n);
  assert_piece_priorities (from_magnet, f->info, priorities, TRUE);
  spate_test_engine_session_close (session);
  spate_lt_torrent_free (peer_torrent);
  spate_lt_session_free (peer);
}

/* ------------------------------------------------------ info from a URI */

static SpateTorrentInfo *
info_from_uri (const char *uri, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  spate_torrent_info_new_from_uri_async (uri, NULL, on_async_done, &result);
  g_assert_true (spate_test_spin_until (result_arrived, &result, 40000));
  return spate_torrent_info_new_from_uri_finish (result, error);
}

static void
assert_same_info (SpateTorrentInfo *info, SpateTorrentInfo *want)
{
  g_assert_cmpstr (spate_torrent_info_get_name (info), ==, "payload");
  g_assert_cmpstr (spate_torrent_info_get_info_hash_v1 (info), ==,
                   spate_torrent_info_get_info_hash_v1 (want));
  g_assert_cmpuint (spate_torrent_info_get_n_files (info), ==,
                    spate_torrent_info_get_n_files (want));
  for (guint i = 0; i < spate_torrent_info_get_n_files (want); i++)
    {
      const char *a, *b;
      gint64      sa, sb;
      spate_torrent_info_get_file (info, i, &a, &sa, NULL);
      spate_torrent_info_get_file (want, i, &b, &sb, NULL);
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpint (sa, ==, sb);
    }
}

static void
test_info_from_uri (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTestService) http = NULL;
  g_autofree char  *uri = g_filename_to_uri (f->torrent_path, NULL, NULL);
  g_autofree char  *missing = g_build_filename (f->dir, "missing.torrent", NULL);
  g_autofree char  *url = NULL, *gone = NULL;
  SpateTorrentInfo *info;

  info = info_from_uri (f->torrent_path, &error);
  g_assert_no_error (error);
  assert_same_info (info, f->info);
  g_assert_finalize_object (info);

  info = info_from_uri (uri, &error);
  g_assert_no_error (error);
  assert_same_info (info, f->info);
  g_assert_finalize_object (info);

  info = info_from_uri (spate_torrent_info_get_magnet (f->info), &error);
  g_assert_no_error (error);
  g_assert_false (spate_torrent_info_get_has_metadata (info));
  g_assert_cmpstr (spate_torrent_info_get_info_hash_v1 (info), ==, f->hash);
  g_assert_finalize_object (info);

  g_assert_null (info_from_uri (missing, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.torrent"));
  g_clear_error (&error);
  g_assert_null (info_from_uri ("gopher://127.0.0.1/x.torrent", &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  if (spate_test_skip_without ("lighttpd"))
    return;
  http = spate_test_http_server_start (f->dir, &error);
  g_assert_no_error (error);
  url = g_strconcat (spate_test_service_get_url (http), "payload.torrent", NULL);
  info = info_from_uri (url, &error);
  g_assert_no_error (error);
  assert_same_info (info, f->info);
  g_assert_true (g_bytes_equal (spate_torrent_info_get_bytes (info), f->torrent));
  g_assert_finalize_object (info);

  gone = g_strconcat (spate_test_service_get_url (http), "gone.torrent", NULL);
  g_assert_null (info_from_uri (gone, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_FETCH);
  g_assert_nonnull (strstr (error->message, gone));
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/fetch/fetch-then-add", test_fetch_then_add);
  ADD ("/spate/fetch/cancel-leaves-nothing", test_cancel_leaves_nothing);
  ADD ("/spate/fetch/errors", test_fetch_errors);
  ADD ("/spate/fetch/first-last-and-queue-top", test_first_last_and_queue_top);
  ADD ("/spate/fetch/info-from-uri", test_info_from_uri);
#undef ADD
  return g_test_run ();
}
