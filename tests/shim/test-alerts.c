/* test-alerts.c: every alert kind that can be provoked on loopback arrives
 * as a record with its fields filled.
 *
 * Not provoked anywhere: port mapping and its errors (UPnP and NAT-PMP need
 * a router). Tracker replies and scrapes from opentracker, DHT, listen,
 * stats and IP-filter alerts are asserted in their own tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

#include <errno.h>

#define MAX_PIECES 256

typedef struct
{
  guint       counts[SPATE_LT_N_ALERT_KINDS];
  gpointer    last_user_data[SPATE_LT_N_ALERT_KINDS];
  int         last_index[SPATE_LT_N_ALERT_KINDS];
  char       *last_path[SPATE_LT_N_ALERT_KINDS];
  char       *last_old_path[SPATE_LT_N_ALERT_KINDS];
  char       *last_error[SPATE_LT_N_ALERT_KINDS];
  const char *last_category[SPATE_LT_N_ALERT_KINDS]; /* static in libtorrent */
  int         last_code[SPATE_LT_N_ALERT_KINDS];
  char       *last_operation[SPATE_LT_N_ALERT_KINDS];
  char       *last_address[SPATE_LT_N_ALERT_KINDS];
  char        last_info_hash[SPATE_LT_N_ALERT_KINDS][65];
  int         last_warning[SPATE_LT_N_ALERT_KINDS];
  /* state-changed: bit 1 << state set in transitions[old_state] */
  guint           transitions[SPATE_LT_STATE_CHECKING_RESUME_DATA + 1];
  gboolean        pieces_done[MAX_PIECES];
  guint           files_done; /* bit per file index */
  gboolean        update_had_marker;
  SpateLtStatus   marker_update; /* the marker's status in the last update */
  gpointer        marker;
  SpateLtTorrent *added;
  GBytes         *resume;
} Collect;

static void
collect (const SpateLtAlert *alert, gpointer data)
{
  Collect         *c = data;
  SpateLtAlertKind k = alert->kind;

  g_assert_nonnull (alert->type_name);
  g_assert_nonnull (alert->message);
  c->counts[k]++;
  c->last_user_data[k] = alert->user_data;
  c->last_index[k] = alert->index;
  g_free (c->last_path[k]);
  c->last_path[k] = g_strdup (alert->path);
  g_free (c->last_old_path[k]);
  c->last_old_path[k] = g_strdup (alert->old_path);
  g_free (c->last_error[k]);
  c->last_error[k] = g_strdup (alert->error.message);
  c->last_category[k] = alert->error.category;
  c->last_code[k] = alert->error.code;
  g_free (c->last_operation[k]);
  c->last_operation[k] = g_strdup (alert->operation);
  g_free (c->last_address[k]);
  c->last_address[k] = g_strdup (alert->address);
  g_strlcpy (c->last_info_hash[k], alert->info_hash, sizeof c->last_info_hash[k]);
  c->last_warning[k] = alert->warning;

  if (k == SPATE_LT_ALERT_STATE_CHANGED)
    {
      g_assert_cmpint (alert->old_state, !=, alert->state);
      g_assert_cmpint (alert->old_state, <, G_N_ELEMENTS (c->transitions));
      c->transitions[alert->old_state] |= 1u << alert->state;
    }
  if (k == SPATE_LT_ALERT_PIECE_FINISHED)
    {
      g_assert_cmpint (alert->index, >=, 0);
      g_assert_cmpint (alert->index, <, MAX_PIECES);
      c->pieces_done[alert->index] = TRUE;
    }
  if (k == SPATE_LT_ALERT_FILE_COMPLETED)
    {
      g_assert_cmpint (alert->index, >=, 0);
      g_assert_cmpint (alert->index, <, 32);
      c->files_done |= 1u << alert->index;
    }
  if (k == SPATE_LT_ALERT_STATE_UPDATE)
    for (gsize i = 0; i < alert->n_statuses; i++)
      if (alert->statuses[i].user_data == c->marker && alert->statuses[i].name != NULL)
        {
          c->update_had_marker = TRUE;
          c->marker_update.total_size = alert->statuses[i].total_size;
          c->marker_update.pieces_total = alert->statuses[i].pieces_total;
          c->marker_update.piece_length = alert->statuses[i].piece_length;
        }
  if (k == SPATE_LT_ALERT_RESUME_DATA)
    {
      g_clear_pointer (&c->resume, g_bytes_unref);
      c->resume = g_bytes_new (alert->data, alert->size);
    }
  if (k == SPATE_LT_ALERT_TORRENT_ADDED && alert->torrent != NULL && c->added == NULL &&
      alert->error.category == NULL)
    c->added = spate_lt_torrent_copy (alert->torrent);
}

static void
collect_clear (Collect *c)
{
  for (int k = 0; k < SPATE_LT_N_ALERT_KINDS; k++)
    {
      g_free (c->last_path[k]);
      g_free (c->last_old_path[k]);
      g_free (c->last_error[k]);
      g_free (c->last_operation[k]);
      g_free (c->last_address[k]);
    }
  g_clear_pointer (&c->added, spate_lt_torrent_free);
  g_clear_pointer (&c->resume, g_bytes_unref);
}

static gboolean
wait_for (SpateLtSession *session, Collect *c, SpateLtAlertKind kind, guint timeout_ms)
{
  if (c->counts[kind] > 0)
    return TRUE;
  return spate_test_wait_alert (session, kind, NULL, timeout_ms, collect, c);
}

typedef struct
{
  char           *dir;
  char           *seed_dir;
  char           *leech_dir;
  char           *payload;
  char           *torrent_path;
  GBytes         *torrent;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 300000, 200000, 150000 };

  f->dir = spate_test_make_tmpdir ("alerts");
  f->seed_dir = g_build_filename (f->dir, "seed", NULL);
  f->leech_dir = g_build_filename (f->dir, "leech", NULL);
  g_mkdir_with_parents (f->seed_dir, 0755);
  g_mkdir_with_parents (f->leech_dir, 0755);
  f->payload = spate_test_make_payload (f->seed_dir, "payload", sizes, G_N_ELEMENTS (sizes), 5);
  f->torrent_path = g_build_filename (f->dir, "payload.torrent", NULL);
  f->torrent = spate_test_make_torrent (f->payload, f->torrent_path, NULL, NULL, 16384);
  f->seeder = spate_test_session_new (0, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  spate_lt_session_free (f->seeder);
  g_bytes_unref (f->torrent);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->seed_dir);
  g_free (f->leech_dir);
  g_free (f->payload);
  g_free (f->torrent_path);
}

static void
start_seeding (Fixture *f, SpateLtTorrentFlags flags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = spate_lt_add_params_new_from_bytes (
      g_bytes_get_data (f->torrent, NULL), g_bytes_get_size (f->torrent), &error);

  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->seed_dir);
  spate_lt_add_params_set_flags (params, spate_lt_add_params_get_flags (params) | flags);
  f->seed = spate_lt_session_add (f->seeder, params, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
}

static SpateLtAddParams *
leech_params (Fixture *f, gpointer marker)
{
  g_autoptr (GError) error = NULL;
  SpateLtAddParams *params = spate_lt_add_params_new_from_bytes (
      g_bytes_get_data (f->torrent, NULL), g_bytes_get_size (f->torrent), &error);

  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->leech_dir);
  spate_lt_add_params_set_user_data (params, marker);
  spate_lt_add_params_add_peer (params, "127.0.0.1", spate_test_session_get_port (f->seeder));
  return params;
}

static void
test_lifecycle (Fixture *f, gconstpointer data)
{
  SpateLtSession *leecher = spate_test_session_new (0, NULL);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *moved_dir = g_build_filename (f->dir, "moved", NULL);
  g_autofree char *blocker = g_build_filename (f->dir, "a-file", NULL);
  g_autofree char *bad_move = g_build_filename (blocker, "sub", NULL);
  g_autofree char *info_hash = NULL;
  g_autoptr (GArray) files = NULL;
  SpateLtStatus st;
  int           marker = 0;
  Collect       c = { { 0 } };

  c.marker = &marker;
  start_seeding (f, 0);
  params = leech_params (f, &marker);

  /* Added in the background: the handle and pointer come back. */
  spate_lt_session_add_async (leecher, params);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_ADDED, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_ADDED] == &marker);
  g_assert_nonnull (c.added);
  g_assert_true (spate_lt_torrent_get_user_data (c.added) == &marker);

  /* Adding it twice comes back as an error naming the duplicate. */
  c.counts[SPATE_LT_ALERT_TORRENT_ADDED] = 0;
  spate_lt_session_add_async (leecher, params);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_ADDED, 10000));
  g_assert_nonnull (c.last_error[SPATE_LT_ALERT_TORRENT_ADDED]);

  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_FINISHED, 60000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_FINISHED] == &marker);
  g_assert_true (spate_lt_torrent_get_status (c.added, &st, &error));
  g_assert_no_error (error);
  g_assert_cmpint (st.pieces_total, >, 10);
  g_assert_cmpint (st.pieces_total, <=, MAX_PIECES);

  /* Every piece and every real file was announced once, by its index. */
  g_assert_cmpuint (c.counts[SPATE_LT_ALERT_PIECE_FINISHED], ==, st.pieces_total);
  for (int i = 0; i < st.pieces_total; i++)
    g_assert_true (c.pieces_done[i]);
  g_assert_cmpuint (c.counts[SPATE_LT_ALERT_FILE_COMPLETED], ==, 3);
  files = spate_lt_torrent_get_files (c.added, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpint (!!(c.files_done & (1u << i)), ==,
                     !(g_array_index (files, SpateLtFile, i).flags & SPATE_LT_FILE_PAD));

  /* It went from downloading to finished, and states only ever change. */
  g_assert_cmpuint (c.counts[SPATE_LT_ALERT_STATE_CHANGED], >=, 1);
  g_assert_true (c.transitions[SPATE_LT_STATE_DOWNLOADING] & (1u << SPATE_LT_STATE_FINISHED));

  /* A state update carries what only the metadata knows, as get_status does. */
  spate_lt_session_post_torrent_updates (leecher);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_STATE_UPDATE, 10000));
  g_assert_true (c.update_had_marker);
  g_assert_cmpint (c.marker_update.total_size, ==, 650000);
  g_assert_cmpint (c.marker_update.total_size, ==, st.total_size);
  g_assert_cmpint (c.marker_update.pieces_total, ==, st.pieces_total);
  g_assert_cmpint (c.marker_update.piece_length, ==, 16384);
  spate_lt_status_clear (&st);

  g_assert_true (spate_lt_torrent_pause (c.added, &error));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_PAUSED, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_PAUSED] == &marker);
  g_assert_true (spate_lt_torrent_resume (c.added, FALSE, &error));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_RESUMED, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_RESUMED] == &marker);
  g_assert_no_error (error);

  /* A priority change reaches the disk and says so. */
  g_assert_true (spate_lt_torrent_set_file_priority (c.added, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_FILE_PRIORITY, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_FILE_PRIORITY] == &marker);
  g_assert_null (c.last_category[SPATE_LT_ALERT_FILE_PRIORITY]);

  /* Rename: the file moves on disk. */
  g_assert_true (spate_lt_torrent_rename_file (c.added, 0, "payload/renamed.bin", &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_FILE_RENAMED, 10000));
  g_assert_cmpint (c.last_index[SPATE_LT_ALERT_FILE_RENAMED], ==, 0);
  g_assert_cmpstr (c.last_path[SPATE_LT_ALERT_FILE_RENAMED], ==, "payload/renamed.bin");
  g_assert_nonnull (c.last_old_path[SPATE_LT_ALERT_FILE_RENAMED]);
  renamed = g_build_filename (f->leech_dir, "payload", "renamed.bin", NULL);
  g_assert_true (g_file_test (renamed, G_FILE_TEST_IS_REGULAR));

  /* A rename below a regular file can't work (index 1 is a pad file in a
   * hybrid torrent, so take the next real one). */
  {
    guint second = 1;
    while (g_array_index (files, SpateLtFile, second).flags & SPATE_LT_FILE_PAD)
      second++;
    g_assert_true (spate_lt_torrent_rename_file (c.added, second, "payload/renamed.bin/x", &error));
    g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_FILE_RENAME_FAILED, 10000));
    g_assert_cmpint (c.last_index[SPATE_LT_ALERT_FILE_RENAME_FAILED], ==, second);
  }
  g_assert_nonnull (c.last_error[SPATE_LT_ALERT_FILE_RENAME_FAILED]);

  /* Move: the files follow; moving below a regular file fails. */
  g_assert_true (spate_lt_torrent_move_storage (c.added, moved_dir, FALSE, &error));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_STORAGE_MOVED, 20000));
  g_assert_cmpstr (c.last_path[SPATE_LT_ALERT_STORAGE_MOVED], ==, moved_dir);
  g_assert_cmpstr (c.last_old_path[SPATE_LT_ALERT_STORAGE_MOVED], ==, f->leech_dir);
  {
    g_autofree char *there = g_build_filename (moved_dir, "payload", "renamed.bin", NULL);
    g_assert_true (g_file_test (there, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (renamed, G_FILE_TEST_EXISTS));
  }
  g_file_set_contents (blocker, "x", 1, NULL);
  g_assert_true (spate_lt_torrent_move_storage (c.added, bad_move, FALSE, &error));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_STORAGE_MOVE_FAILED, 20000));
  g_assert_nonnull (c.last_error[SPATE_LT_ALERT_STORAGE_MOVE_FAILED]);
  g_assert_nonnull (c.last_operation[SPATE_LT_ALERT_STORAGE_MOVE_FAILED]);

  /* Resume data, then "only if modified" with nothing modified. */
  g_assert_true (
      spate_lt_torrent_request_resume_data (c.added, SPATE_LT_RESUME_SAVE_INFO_DICT, &error));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_RESUME_DATA, 10000));
  g_assert_true (
      spate_lt_torrent_request_resume_data (c.added, SPATE_LT_RESUME_ONLY_IF_MODIFIED, &error));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_RESUME_DATA_FAILED, 10000));
  g_assert_nonnull (c.last_error[SPATE_LT_ALERT_RESUME_DATA_FAILED]);

  /* Remove and delete files: both alerts with the pointer and hash (the
   * torrent object may be gone before the files are), and the files are
   * gone. */
  info_hash = spate_lt_torrent_get_info_hash (c.added);
  g_assert_cmpuint (strlen (info_hash), ==, 40);
  g_assert_true (spate_lt_session_remove (leecher, c.added, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_REMOVED, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_REMOVED] == &marker);
  g_assert_cmpstr (c.last_info_hash[SPATE_LT_ALERT_TORRENT_REMOVED], ==, info_hash);
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_DELETED, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_DELETED] == &marker);
  g_assert_cmpstr (c.last_info_hash[SPATE_LT_ALERT_TORRENT_DELETED], ==, info_hash);
  g_assert_cmpuint (c.counts[SPATE_LT_ALERT_TORRENT_DELETE_FAILED], ==, 0);
  {
    g_autofree char *there = g_build_filename (moved_dir, "payload", "renamed.bin", NULL);
    g_assert_false (g_file_test (there, G_FILE_TEST_EXISTS));
  }

  collect_clear (&c);
  spate_lt_session_free (leecher);
}

/* libtorrent's session, torrent, peer, DHT, port mapping and picker logs. */
#define DEBUG_LOGS (0x2000 | 0x4000 | 0x8000 | 0x20000 | 0x80000 | 0x100000)

static void
test_hash_failed_and_ban (Fixture *f, gconstpointer data)
{
  g_autofree char *first = g_build_filename (f->payload, "file-0.bin", NULL);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtSession *leecher;
  int             marker = 0;
  Collect         c = { { 0 } };
  gint64          end;

  /* The seeder checked its data, then the data changed under it. */
  start_seeding (f, 0);
  spate_test_write_random_file (first, 300000, 99);
  /* Every category but the debug logs: with torrent, peer and picker
   * logging on, libtorrent 2.0.8 sometimes aborts in its network thread
   * (an uncaught boost::bad_get) right after a hash failure. */
  leecher = spate_test_session_new (
      0, g_variant_new_parsed ("{'alert_mask': <%i>}", (gint32) (0x7fffffff & ~DEBUG_LOGS)));
  params = leech_params (f, &marker);
  leech = spate_lt_session_add (leecher, params, &error);
  g_assert_no_error (error);

  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_HASH_FAILED, 30000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_HASH_FAILED] == &marker);
  g_assert_cmpint (c.last_index[SPATE_LT_ALERT_HASH_FAILED], >=, 0);

  /* A peer that only sends bad data is banned; reconnect it until then. */
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (c.counts[SPATE_LT_ALERT_PEER_BANNED] == 0 && g_get_monotonic_time () < end)
    {
      spate_lt_torrent_connect_peer (leech, "127.0.0.1", spate_test_session_get_port (f->seeder),
                                     NULL);
      spate_test_wait_alert (leecher, SPATE_LT_ALERT_PEER_BANNED, NULL, 1000, collect, &c);
    }
  g_assert_cmpuint (c.counts[SPATE_LT_ALERT_PEER_BANNED], >=, 1);
  g_assert_cmpstr (c.last_address[SPATE_LT_ALERT_PEER_BANNED], ==, "127.0.0.1");
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_PEER_BANNED] == &marker);

  collect_clear (&c);
  spate_lt_torrent_free (g_steal_pointer (&leech));
  spate_lt_session_free (leecher);
}

static void
test_file_error (Fixture *f, gconstpointer data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "regular-file", NULL);
  g_autofree char *under = g_build_filename (blocker, "downloads", NULL);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtSession *leecher = spate_test_session_new (0, NULL);
  SpateLtStatus   st;
  int             marker = 0;
  Collect         c = { { 0 } };

  start_seeding (f, 0);
  g_file_set_contents (blocker, "x", 1, NULL);
  params = leech_params (f, &marker);
  spate_lt_add_params_set_save_path (params, under);
  leech = spate_lt_session_add (leecher, params, &error);
  g_assert_no_error (error);

  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_FILE_ERROR, 30000));
  g_assert_nonnull (c.last_error[SPATE_LT_ALERT_FILE_ERROR]);
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_FILE_ERROR] == &marker);
  /* A folder can't be made below a regular file: the errno comes through. */
  g_assert_cmpstr (c.last_category[SPATE_LT_ALERT_FILE_ERROR], ==, "system");
  g_assert_cmpint (c.last_code[SPATE_LT_ALERT_FILE_ERROR], ==, ENOTDIR);
  g_assert_nonnull (c.last_path[SPATE_LT_ALERT_FILE_ERROR]);
  g_assert_true (g_str_has_prefix (c.last_path[SPATE_LT_ALERT_FILE_ERROR], under));
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_TORRENT_ERROR, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_ERROR] == &marker);

  /* The status carries the error too, and clearing it is allowed. */
  g_assert_true (spate_lt_torrent_get_status (leech, &st, &error));
  g_assert_nonnull (st.error.category);
  g_assert_nonnull (st.error.message);
  spate_lt_status_clear (&st);
  g_assert_true (spate_lt_torrent_clear_error (leech, &error));
  g_assert_no_error (error);

  collect_clear (&c);
  spate_lt_torrent_free (g_steal_pointer (&leech));
  spate_lt_session_free (leecher);
}

static void
test_fastresume_rejected (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) restored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *gone = g_build_filename (f->payload, "file-0.bin", NULL);
  SpateLtSession  *other = spate_test_session_new (0, NULL);
  Collect          c = { { 0 } };
  Collect          d = { { 0 } };
  int              marker = 0;

  start_seeding (f, 0);
  g_assert_true (
      spate_lt_torrent_request_resume_data (f->seed, SPATE_LT_RESUME_SAVE_INFO_DICT, &error));
  g_assert_true (wait_for (f->seeder, &c, SPATE_LT_ALERT_RESUME_DATA, 10000));
  g_assert_nonnull (c.resume);

  /* The resume data says "complete", but a file has gone since. */
  g_assert_cmpint (g_unlink (gone), ==, 0);
  params = spate_lt_add_params_new_from_resume (g_bytes_get_data (c.resume, NULL),
                                                g_bytes_get_size (c.resume), &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_user_data (params, &marker);
  restored = spate_lt_session_add (other, params, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (other, &d, SPATE_LT_ALERT_FASTRESUME_REJECTED, 20000));
  g_assert_true (d.last_user_data[SPATE_LT_ALERT_FASTRESUME_REJECTED] == &marker);
  g_assert_nonnull (d.last_error[SPATE_LT_ALERT_FASTRESUME_REJECTED]);

  collect_clear (&c);
  collect_clear (&d);
  spate_lt_torrent_free (g_steal_pointer (&restored));
  spate_lt_session_free (other);
}

static void
test_alerts_dropped (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtSession *leecher;
  Collect         c = { { 0 } };
  int             marker = 0;

  /* A tiny queue, not drained while dozens of pieces finish. */
  start_seeding (f, 0);
  leecher = spate_test_session_new (0, g_variant_new_parsed ("{'alert_queue_size': <4>}"));
  params = leech_params (f, &marker);
  leech = spate_lt_session_add (leecher, params, &error);
  g_assert_no_error (error);
  {
    /* Poll the status without draining alerts, so the queue overflows. */
    gint64   end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    gboolean seeding = FALSE;
    while (!seeding && g_get_monotonic_time () < end)
      {
        SpateLtStatus st;
        g_usleep (50000);
        g_assert_true (spate_lt_torrent_get_status (leech, &st, &error));
        seeding = st.seeding;
        spate_lt_status_clear (&st);
      }
    g_assert_true (seeding);
  }
  g_assert_true (wait_for (leecher, &c, SPATE_LT_ALERT_ALERTS_DROPPED, 10000));
  g_assert_cmpint (c.last_index[SPATE_LT_ALERT_ALERTS_DROPPED], >=, 1);

  collect_clear (&c);
  spate_lt_torrent_free (g_steal_pointer (&leech));
  spate_lt_session_free (leecher);
}

static void
test_delete_failed (Fixture *f, gconstpointer data)
{
  g_autofree char *stray = g_build_filename (f->payload, "not-in-the-torrent.txt", NULL);
  g_autofree char *first = g_build_filename (f->payload, "file-0.bin", NULL);
  g_autofree char *info_hash = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (GError) error = NULL;
  Collect c = { { 0 } };
  int     marker = 0;

  params = spate_lt_add_params_new_from_bytes (g_bytes_get_data (f->torrent, NULL),
                                               g_bytes_get_size (f->torrent), &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->seed_dir);
  spate_lt_add_params_set_user_data (params, &marker);
  f->seed = spate_lt_session_add (f->seeder, params, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
  info_hash = spate_lt_torrent_get_info_hash (f->seed);

  /* The torrent's files go, but its folder holds a file of someone else's. */
  g_assert_true (g_file_set_contents (stray, "mine", -1, NULL));
  g_assert_true (spate_lt_session_remove (f->seeder, f->seed, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (f->seeder, &c, SPATE_LT_ALERT_TORRENT_DELETE_FAILED, 20000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_DELETE_FAILED] == &marker);
  g_assert_cmpstr (c.last_info_hash[SPATE_LT_ALERT_TORRENT_DELETE_FAILED], ==, info_hash);
  g_assert_nonnull (c.last_category[SPATE_LT_ALERT_TORRENT_DELETE_FAILED]);
  g_assert_cmpint (c.last_code[SPATE_LT_ALERT_TORRENT_DELETE_FAILED], ==, ENOTEMPTY);
  g_assert_cmpstr (c.last_error[SPATE_LT_ALERT_TORRENT_DELETE_FAILED], ==, g_strerror (ENOTEMPTY));
  g_assert_cmpuint (c.counts[SPATE_LT_ALERT_TORRENT_DELETED], ==, 0);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stray, G_FILE_TEST_IS_REGULAR));

  collect_clear (&c);
}

static void
test_performance_warning (Fixture *f, gconstpointer data)
{
  SpateLtSession *session;
  Collect         c = { { 0 } };

  /* More optimistic unchoke slots than upload slots, from the start (a
   * live change is not checked by libtorrent). */
  session = spate_test_session_new (0, g_variant_new_parsed ("{'num_optimistic_unchoke_slots': "
                                                             "<10>, 'unchoke_slots_limit': <10>}"));
  g_assert_true (wait_for (session, &c, SPATE_LT_ALERT_PERFORMANCE_WARNING, 10000));
  /* libtorrent's performance_alert::too_many_optimistic_unchoke_slots */
  g_assert_cmpint (c.last_warning[SPATE_LT_ALERT_PERFORMANCE_WARNING], ==, 5);
  g_assert_null (c.last_user_data[SPATE_LT_ALERT_PERFORMANCE_WARNING]);

  collect_clear (&c);
  spate_lt_session_free (session);
}

/* ------------------------------------------------------------ SSL torrents */

/* A v1 torrent of path whose info dictionary names a root certificate:
 * libtorrent then takes it as an SSL torrent (ssl-cert sorts last). */
static GBytes *
make_ssl_torrent (const char *path, const char *name, const char *root_pem)
{
  const gsize      piece = 16384;
  g_autofree char *data = NULL;
  gsize            size;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) hashes = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  for (gsize at = 0; at < size; at += piece)
    {
      g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
      guint8 digest[20];
      gsize  len = sizeof digest;

      g_checksum_update (sha1, (const guchar *) data + at, MIN (piece, size - at));
      g_checksum_get_digest (sha1, digest, &len);
      g_string_append_len (hashes, (const char *) digest, len);
    }

  g_string_append_printf (out, "d4:infod6:lengthi%" G_GSIZE_FORMAT "e4:name%zu:%s", size,
                          strlen (name), name);
  g_string_append_printf (out, "12:piece lengthi%" G_GSIZE_FORMAT "e6:pieces%" G_GSIZE_FORMAT ":",
                          piece, hashes->len);
  g_string_append_len (out, hashes->str, hashes->len);
  g_string_append_printf (out, "8:ssl-cert%zu:%see", strlen (root_pem), root_pem);
  return g_bytes_new (out->str, out->len);
}

static char *
read_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char            *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_need_cert (Fixture *f, gconstpointer data)
{
  g_autofree char *cert_path = g_build_filename (f->dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *dh_path = g_build_filename (f->dir, "dh.pem", NULL);
  g_autofree char *file = g_build_filename (f->seed_dir, "secret.bin", NULL);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *dh = NULL;
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) added = NULL;
  g_autoptr (GError) error = NULL;
  Collect c = { { 0 } };
  int     marker = 0;

  if (spate_test_skip_without ("openssl"))
    return;

  /* A self-signed certificate: the torrent's root and our own at once. */
  {
    const char * const req[] = { "openssl", "req",    "-x509",          "-newkey", "rsa:2048",
                                 "-nodes",  "-subj",  "/CN=spate-test", "-days",   "1",
                                 "-keyout", key_path, "-out",           cert_path, NULL };
    const char * const dhparam[] = {
      "openssl",  "genpkey",         "-genparam", "-algorithm", "DH",
      "-pkeyopt", "group:ffdhe2048", "-out",      dh_path,      NULL
    };

    spate_test_run_program (req, 60000, &error);
    g_assert_no_error (error);
    spate_test_run_program (dhparam, 60000, &error);
    g_assert_no_error (error);
  }
  cert = read_text (f->dir, "cert.pem");
  key = read_text (f->dir, "key.pem");
  dh = read_text (f->dir, "dh.pem");
  g_assert_true (g_str_has_prefix (cert, "-----BEGIN CERTIFICATE-----"));

  spate_test_write_random_file (file, 40000, 7);
  torrent = make_ssl_torrent (file, "secret.bin", cert);
  params = spate_lt_add_params_new_from_bytes (g_bytes_get_data (torrent, NULL),
                                               g_bytes_get_size (torrent), &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->seed_dir);
  spate_lt_add_params_set_user_data (params, &marker);
  added = spate_lt_session_add (f->seeder, params, &error);
  g_assert_no_error (error);

  g_assert_true (wait_for (f->seeder, &c, SPATE_LT_ALERT_TORRENT_NEED_CERT, 20000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_NEED_CERT] == &marker);

  /* libtorrent takes the certificate on its own thread and reports a bad
   * one as a torrent error: none comes for a good one, one for garbage. */
  g_assert_true (spate_lt_torrent_set_ssl_certificate (added, cert, key, dh, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wait_for (f->seeder, &c, SPATE_LT_ALERT_TORRENT_ERROR, 2000));
  g_assert_true (spate_lt_torrent_set_ssl_certificate (
      added, "-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n", key, dh, NULL,
      &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (f->seeder, &c, SPATE_LT_ALERT_TORRENT_ERROR, 10000));
  g_assert_true (c.last_user_data[SPATE_LT_ALERT_TORRENT_ERROR] == &marker);
  g_assert_nonnull (c.last_category[SPATE_LT_ALERT_TORRENT_ERROR]);
  g_assert_cmpstr (c.last_path[SPATE_LT_ALERT_TORRENT_ERROR], ==, "[certificate]");

  collect_clear (&c);
}

/* ------------------------------------------------ a tracker that talks back */

/* A minimal HTTP tracker on its own thread: announces get a reply with a
 * warning and our external address (TEST-NET-3, 203.0.113.5), scrapes get
 * garbage. opentracker says none of these. */
typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  int           port;
  GMutex        lock;
  GCond         ready;
  gboolean      started;
} Tracker;

static gboolean
on_incoming (GSocketService *service, GSocketConnection *conn, GObject *source, gpointer data)
{
  GInputStream  *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  char           request[4096] = { 0 };
  gssize         n = g_input_stream_read (in, request, sizeof request - 1, NULL, NULL);
  /* The address holds a NUL byte: lengths are counted, not measured. */
  static const char announce[] = "d11:external ip4:\xcb\x00\x71\x05"
                                 "8:intervali60e5:peers0:15:warning message14:Spate says hi!e";
  static const char scrape[] = "this is not bencode";
  const char       *body;
  gsize             body_len;
  g_autofree char  *head = NULL;

  if (n <= 0)
    return TRUE;
  if (g_str_has_prefix (request, "GET /scrape"))
    body = scrape, body_len = sizeof scrape - 1;
  else
    body = announce, body_len = sizeof announce - 1;
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                          body_len);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, body_len, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return TRUE;
}

static gpointer
tracker_thread (gpointer data)
{
  Tracker *t = data;
  g_autoptr (GSocketService) service = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (t->context);
  service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), addr, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), t);
  g_socket_service_start (service);

  g_mutex_lock (&t->lock);
  t->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  t->started = TRUE;
  g_cond_signal (&t->ready);
  g_mutex_unlock (&t->lock);

  g_main_loop_run (t->loop);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_main_context_pop_thread_default (t->context);
  return NULL;
}

static void
tracker_start (Tracker *t)
{
  t->context = g_main_context_new ();
  t->loop = g_main_loop_new (t->context, FALSE);
  g_mutex_init (&t->lock);
  g_cond_init (&t->ready);
  t->thread = g_thread_new ("tracker", tracker_thread, t);
  g_mutex_lock (&t->lock);
  while (!t->started)
    g_cond_wait (&t->ready, &t->lock);
  g_mutex_unlock (&t->lock);
}

static void
tracker_stop (Tracker *t)
{
  g_main_loop_quit (t->loop);
  g_thread_join (t->thread);
  g_main_loop_unref (t->loop);
  g_main_context_unref (t->context);
  g_mutex_clear (&t->lock);
  g_cond_clear (&t->ready);
}

typedef struct
{
  char *warning;
  char *warning_url;
  char *scrape_error;
  char *announce_url;
  char *external_ip;
} TrackerSeen;

static void
on_tracker_alert (const SpateLtAlert *alert, gpointer data)
{
  TrackerSeen *seen = data;

  if (alert->kind == SPATE_LT_ALERT_TRACKER_WARNING && seen->warning == NULL)
    {
      seen->warning = g_strdup (alert->error.message);
      seen->warning_url = g_strdup (alert->url);
    }
  else if (alert->kind == SPATE_LT_ALERT_SCRAPE_FAILED && seen->scrape_error == NULL)
    seen->scrape_error = g_strdup (alert->error.message);
  else if (alert->kind == SPATE_LT_ALERT_TRACKER_ANNOUNCE && seen->announce_url == NULL)
    seen->announce_url = g_strdup (alert->url);
  else if (alert->kind == SPATE_LT_ALERT_EXTERNAL_IP && seen->external_ip == NULL)
    seen->external_ip = g_strdup (alert->address);
}

static void
test_tracker_messages (Fixture *f, gconstpointer data)
{
  Tracker          tracker = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtSession *leecher = spate_test_session_new (0, NULL);
  TrackerSeen     seen = { 0 };
  int             marker = 0;
  gint64          end;

  tracker_start (&tracker);
  url = g_strdup_printf ("http://127.0.0.1:%d/announce", tracker.port);
  params = leech_params (f, &marker);
  spate_lt_add_params_add_tracker (params, url, 0);
  leech = spate_lt_session_add (leecher, params, &error);
  g_assert_no_error (error);

  g_assert_true (spate_test_wait_alert (leecher, SPATE_LT_ALERT_TRACKER_WARNING, &marker, 20000,
                                        on_tracker_alert, &seen));
  g_assert_cmpstr (seen.warning, ==, "Spate says hi!");
  g_assert_cmpstr (seen.warning_url, ==, url);
  g_assert_cmpstr (seen.announce_url, ==, url);

  /* The address the tracker says it saw us at. */
  if (seen.external_ip == NULL)
    spate_test_wait_alert (leecher, SPATE_LT_ALERT_EXTERNAL_IP, NULL, 10000, on_tracker_alert,
                           &seen);
  g_assert_cmpstr (seen.external_ip, ==, "203.0.113.5");

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (seen.scrape_error == NULL && g_get_monotonic_time () < end)
    {
      g_assert_true (spate_lt_torrent_scrape (leech, &error));
      spate_test_wait_alert (leecher, SPATE_LT_ALERT_SCRAPE_FAILED, &marker, 2000, on_tracker_alert,
                             &seen);
    }
  g_assert_nonnull (seen.scrape_error);
  g_assert_cmpuint (strlen (seen.scrape_error), >, 0);

  spate_lt_torrent_free (g_steal_pointer (&leech));
  spate_lt_session_free (leecher);
  tracker_stop (&tracker);
  g_free (seen.warning);
  g_free (seen.warning_url);
  g_free (seen.scrape_error);
  g_free (seen.announce_url);
  g_free (seen.external_ip);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/alerts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lifecycle", test_lifecycle);
  ADD ("hash-failed-and-ban", test_hash_failed_and_ban);
  ADD ("file-error", test_file_error);
  ADD ("fastresume-rejected", test_fastresume_rejected);
  ADD ("alerts-dropped", test_alerts_dropped);
  ADD ("delete-failed", test_delete_failed);
  ADD ("performance-warning", test_performance_warning);
  ADD ("need-cert", test_need_cert);
  ADD ("tracker-messages", test_tracker_messages);
#undef ADD
  return g_test_run ();
}
