/* test-session.c: SpateSession, SpateTorrent and SpateTorrentList over real
 * transfers on loopback.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-engine.h"

typedef struct
{
  char           *dir;
  char           *source;
  char           *payload;
  char           *target;
  char           *data_dir;
  GBytes         *torrent;
  char           *info_hash;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
  int             seeder_port;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 400000, 900000, 60000, 500003 };
  g_autofree char   *out = NULL;
  g_autoptr (SpateLtInfo) info = NULL;

  f->dir = spate_test_make_tmpdir ("engine-session");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  out = g_build_filename (f->dir, "payload.torrent", NULL);
  g_mkdir_with_parents (f->source, 0755);
  g_mkdir_with_parents (f->target, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 3);
  f->torrent = spate_test_make_torrent (f->payload, out, NULL, NULL, 32768);
  info = spate_lt_info_new_from_bytes (g_bytes_get_data (f->torrent, NULL),
                                       g_bytes_get_size (f->torrent), NULL);
  f->info_hash =
      g_strdup (spate_lt_info_get_info_hash_v1 (info) ? spate_lt_info_get_info_hash_v1 (info)
                                                      : spate_lt_info_get_info_hash_v2 (info));
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
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->target);
  g_free (f->data_dir);
  g_free (f->info_hash);
}

/* Nothing arrives any more once a download is done. */
static gboolean
download_rate_settled (gpointer torrent)
{
  return spate_torrent_get_download_rate (torrent) == 0;
}

static gboolean
is_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* ----------------------------------------------------- notify discipline */

typedef struct
{
  GHashTable *last; /* property name → GValue of the last notified value */
  guint       notifies;
  guint       repeats; /* notifies whose value had not changed */
  guint       items_changed;
  guint       status_updates;
  gint64      started;
  guint       finished;
} Watch;

static void
value_free (gpointer p)
{
  g_value_unset (p);
  g_free (p);
}

static void
on_notify (GObject *object, GParamSpec *pspec, Watch *w)
{
  GValue *now = g_new0 (GValue, 1);
  GValue *before = g_hash_table_lookup (w->last, pspec->name);

  g_value_init (now, pspec->value_type);
  g_object_get_property (object, pspec->name, now);
  w->notifies++;
  if (before != NULL && g_param_values_cmp (pspec, before, now) == 0)
    {
      g_test_message ("%s notified without a change", pspec->name);
      w->repeats++;
    }
  g_hash_table_insert (w->last, (gpointer) pspec->name, now);
}

static void
seed_values (GObject *object, Watch *w)
{
  guint                   n;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);

  for (guint i = 0; i < n; i++)
    {
      GValue *v = g_new0 (GValue, 1);
      g_value_init (v, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, v);
      g_hash_table_insert (w->last, (gpointer) pspecs[i]->name, v);
    }
}

static void
on_items_changed (GListModel *list, guint position, guint removed, guint added, Watch *w)
{
  w->items_changed++;
}

static void
on_finished (SpateSession *session, SpateTorrent *torrent, Watch *w)
{
  w->finished++;
}

static void
on_status_updated (Watch *w)
{
  w->status_updates++;
}

static void
test_notify_on_change_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->target, "payload", NULL);
  SpateSession    *session;
  SpateTorrent    *torrent;
  Watch            w = { g_hash_table_new_full (g_str_hash, g_str_equal, NULL, value_free) };

  w.started = g_get_monotonic_time ();

  fixture_seed (f);
  session = spate_test_engine_session_new (f->data_dir, f->target);
  g_signal_connect (spate_session_get_torrents (session), "items-changed",
                    G_CALLBACK (on_items_changed), &w);
  g_signal_connect (session, "torrent-finished", G_CALLBACK (on_finished), &w);
  g_signal_connect_swapped (session, "status-updated", G_CALLBACK (on_status_updated), &w);

  torrent = spate_session_add_bytes (session, f->torrent, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  g_assert_cmpstr (spate_torrent_get_info_hash (torrent), ==, f->info_hash);
  g_assert_cmpuint (w.items_changed, ==, 1);

  seed_values (G_OBJECT (torrent), &w);
  g_signal_connect (torrent, "notify", G_CALLBACK (on_notify), &w);
  g_assert_true (spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, &error));
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_seeding, torrent, 30000));
  spate_test_spin_for (2500);
  /* The all-time total never trails this session's. */
  g_assert_cmpint (spate_torrent_get_session_downloaded (torrent), >=,
                   spate_torrent_get_total_size (torrent));
  g_assert_cmpint (spate_torrent_get_downloaded (torrent), >=,
                   spate_torrent_get_session_downloaded (torrent));

  /* Many real changes, each notified once; nothing notified twice with the
   * same value; the list stayed quiet through all of it. */
  g_assert_cmpuint (w.notifies, >, 10);
  g_assert_cmpuint (w.repeats, ==, 0);
  /* About once a second: at least 2 in the 2.5 s after seeding, at most
   * one per second of the whole test plus one. */
  g_assert_cmpuint (w.status_updates, >=, 2);
  g_assert_cmpuint (w.status_updates, <=,
                    (g_get_monotonic_time () - w.started) / G_USEC_PER_SEC + 1);
  g_assert_cmpuint (w.items_changed, ==, 1);
  g_assert_cmpuint (w.finished, ==, 1);
  g_assert_cmpfloat (spate_torrent_get_progress (torrent), ==, 1.0);
  g_assert_cmpint (spate_torrent_get_wanted_done (torrent), ==,
                   spate_torrent_get_total_size (torrent));
  spate_test_wait_trees_equal (f->payload, copy, 10000, &error);
  g_assert_no_error (error);
  /* A finished download shows no rate: libtorrent's own average takes a
   * minute to fall to zero once the last peer is gone. */
  g_assert_true (spate_test_spin_until (download_rate_settled, torrent, 5000));
  g_assert_cmpint (spate_session_get_download_rate (session), ==, 0);

  /* Session-wide figures come from libtorrent's counters. */
  g_assert_cmpint (spate_session_get_listen_port (session), >, 0);
  g_assert_cmpint (spate_session_get_counter (session, "net.recv_payload_bytes"), >=,
                   spate_torrent_get_total_size (torrent));
  g_assert_cmpint (spate_session_get_total_downloaded (session), >=,
                   spate_torrent_get_total_size (torrent));
  g_assert_cmpint (spate_session_get_counter (session, "no.such_counter"), ==, -1);

  /* A pause shows at once and is one change of state. */
  g_assert_true (spate_torrent_pause (torrent, &error));
  g_assert_cmpint (spate_torrent_get_state (torrent), ==, SPATE_TORRENT_STATE_PAUSED);

  g_assert_true (spate_session_remove (session, torrent, FALSE, &error));
  g_assert_cmpuint (w.items_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session))),
                    ==, 0);
  /* Actions on a removed torrent fail cleanly. */
  g_assert_false (spate_torrent_resume (torrent, FALSE, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_signal_handlers_disconnect_by_data (torrent, &w);
  g_hash_table_unref (w.last);
  spate_test_engine_session_close (session);
}

/* ------------------------------------------------------------- errors */

typedef struct
{
  SpateTorrent *torrent;
  char         *message;
} ErrorReport;

static void
on_torrent_error (SpateSession *session,
                  SpateTorrent *torrent,
                  const char   *message,
                  ErrorReport  *report)
{
  report->torrent = torrent;
  g_free (report->message);
  report->message = g_strdup (message);
}

static gboolean
has_report (gpointer data)
{
  return ((ErrorReport *) data)->message != NULL;
}

/* A save path that cannot be written: the torrent shows the error, one
 * signal names the file, and the other torrent is untouched. */
static void
test_unwritable_save_path (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "a-file", NULL);
  g_autofree char *bad_path = g_build_filename (blocker, "sub", NULL);
  ErrorReport      report = { 0 };
  SpateSession    *session;
  SpateTorrent    *torrent;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  fixture_seed (f);
  session = spate_test_engine_session_new (f->data_dir, f->target);
  g_signal_connect (session, "torrent-error", G_CALLBACK (on_torrent_error), &report);

  torrent = spate_session_add_bytes (session, f->torrent,
                                     &(SpateAddOptions){ .save_path = bad_path }, &error);
  g_assert_no_error (error);
  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  g_assert_true (spate_test_spin_until (has_report, &report, 30000));
  g_test_message ("torrent-error: %s", report.message);
  g_assert_true (report.torrent == torrent);
  g_assert_nonnull (strstr (report.message, "sub"));
  g_assert_cmpint (spate_torrent_get_state (torrent), ==, SPATE_TORRENT_STATE_ERROR);
  g_assert_nonnull (spate_torrent_get_error (torrent));

  /* Clearing the error retries, and fails the same way: no crash, no loop. */
  g_assert_true (spate_torrent_clear_error (torrent, &error));
  g_assert_no_error (error);
  g_free (report.message);
  spate_test_engine_session_close (session);
}

/* ------------------------------------------------------------- adding */

static void
test_duplicate_merges (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) with_tracker = NULL;
  g_autofree char *out = g_build_filename (f->dir, "tracked.torrent", NULL);
  g_autofree char *magnet = NULL;
  SpateSession    *session = spate_test_engine_session_new (f->data_dir, f->target);
  SpateTorrent    *first;

  first =
      spate_session_add_bytes (session, f->torrent, &(SpateAddOptions){ .paused = TRUE }, &error);
  g_assert_no_error (error);
  with_tracker = spate_test_make_torrent (
      f->payload, out, (const char *[]){ "http://127.0.0.1:9/announce", NULL }, NULL, 32768);
  g_assert_null (spate_session_add_bytes (session, with_tracker, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED);
  g_assert_nonnull (strstr (error->message, "payload"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session))),
                    ==, 1);

  magnet = spate_torrent_get_magnet_link (first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (magnet, "127.0.0.1%3a9"));
  spate_test_engine_session_close (session);
}

static void
on_added_uri (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static SpateTorrent *
add_uri (SpateSession *session, const char *uri, gboolean *already, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  spate_session_add_uri_async (session, uri, NULL, NULL, on_added_uri, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return spate_session_add_uri_finish (session, result, already, error);
}

static void
test_add_from_url (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateTestService) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTorrent) torrent = NULL;
  g_autoptr (SpateTorrent) again = NULL;
  g_autofree char *url = NULL, *missing = NULL, *big = NULL, *big_path = NULL;
  SpateSession    *session;
  gboolean         already = FALSE;

  if (spate_test_skip_without ("lighttpd"))
    return;
  http = spate_test_http_server_start (f->dir, &error);
  g_assert_no_error (error);
  session = spate_test_engine_session_new (f->data_dir, f->target);

  url = g_strconcat (spate_test_service_get_url (http), "payload.torrent", NULL);
  torrent = add_uri (session, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_torrent_get_name (torrent), ==, "payload");

  /* The same again: the existing torrent, flagged. */
  again = add_uri (session, url, &already, &error);
  g_assert_no_error (error);
  g_assert_true (again == torrent);
  g_assert_true (already);

  missing = g_strconcat (spate_test_service_get_url (http), "nothing.torrent", NULL);
  g_assert_null (add_uri (session, missing, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_FETCH);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);

  big_path = g_build_filename (f->dir, "big.torrent", NULL);
  spate_test_write_random_file (big_path, SPATE_MAX_TORRENT_SIZE + 1, 5);
  big = g_strconcat (spate_test_service_get_url (http), "big.torrent", NULL);
  g_assert_null (add_uri (session, big, NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (add_uri (session, "gopher://example/x.torrent", NULL, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session))),
                    ==, 1);
  g_clear_object (&torrent);
  g_clear_object (&again);
  spate_test_engine_session_close (session);
}

static void
test_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpateSession *first = spate_test_engine_session_new (f->data_dir, f->target);
  SpateSession *second =
      spate_session_new (f->data_dir, spate_test_loopback_settings (0, NULL), &error);

  g_assert_null (second);
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, f->data_dir));
  g_clear_error (&error);

  /* Closed with everything saved, the first lets go of the folder even
   * while it is still referenced. */
  g_assert_true (spate_session_close (first, 10000, &error));
  g_assert_no_error (error);
  second = spate_session_new (f->data_dir, spate_test_loopback_settings (0, NULL), &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_object_unref (first);
  spate_test_engine_session_close (second);
}

static void
test_remove_deletes_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->target, "payload", NULL);
  SpateSession    *session;
  SpateTorrent    *torrent;

  fixture_seed (f);
  session = spate_test_engine_session_new (f->data_dir, f->target);
  torrent = spate_session_add_bytes (session, f->torrent, NULL, &error);
  g_assert_no_error (error);
  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, torrent, 30000));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_DIR));

  g_assert_true (spate_session_remove (session, torrent, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (is_gone, copy, 10000));
  spate_test_engine_session_close (session);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/session/notify-on-change-only", test_notify_on_change_only);
  ADD ("/spate/session/unwritable-save-path", test_unwritable_save_path);
  ADD ("/spate/session/duplicate-merges", test_duplicate_merges);
  ADD ("/spate/session/add-from-url", test_add_from_url);
  ADD ("/spate/session/lock", test_lock);
  ADD ("/spate/session/remove-deletes-files", test_remove_deletes_files);
#undef ADD
  return g_test_run ();
}
