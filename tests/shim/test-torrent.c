/* test-torrent.c: what can be done to one torrent, shown against a real
 * seeder on 127.0.0.2 and leecher on 127.0.0.1: queue, limits, flags, priorities,
 * deadlines, trackers, web seeds, pieces, rechecks and links.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

#define SEEDER_ADDRESS "127.0.0.2"

/* A hybrid torrent aligns each file to a piece, so skipping one file
 * leaves no piece shared with the others. */
#define PIECE_SIZE 16384

typedef struct
{
  char           *dir;
  char           *seed_dir;  /* dir/seed, holding payload/ */
  char           *payload;   /* dir/seed/payload */
  char           *leech_dir; /* dir/leech */
  GBytes         *torrent;
  SpateLtInfo    *info;
  SpateLtSession *seeder;
  SpateLtSession *leecher;
  SpateLtTorrent *seed;
  int             seed_marker;
  int             leech_marker;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 100007, 70001, 50000 };
  g_autoptr (GError) error = NULL;

  f->dir = spate_test_make_tmpdir ("torrent");
  f->seed_dir = g_build_filename (f->dir, "seed", NULL);
  f->leech_dir = g_build_filename (f->dir, "leech", NULL);
  g_mkdir_with_parents (f->seed_dir, 0755);
  g_mkdir_with_parents (f->leech_dir, 0755);
  f->payload = spate_test_make_payload (f->seed_dir, "payload", sizes, G_N_ELEMENTS (sizes), 11);
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, PIECE_SIZE);
  f->info = spate_lt_info_new_from_bytes (g_bytes_get_data (f->torrent, NULL),
                                          g_bytes_get_size (f->torrent), &error);
  g_assert_no_error (error);

  /* On an address of its own, as on a real network: with both sessions on
   * 127.0.0.1, the seeder sometimes reaches the leech's own listening port
   * through the handshake, takes it for itself and bans the address. */
  f->seeder =
      spate_test_session_new (0, g_variant_new_parsed ("{'listen_interfaces': <'127.0.0.2:0'>}"));
  f->leecher = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, f->torrent, f->seed_dir, &f->seed_marker);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 20000));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_lt_torrent_free (f->seed);
  spate_lt_session_free (f->leecher);
  spate_lt_session_free (f->seeder);
  spate_lt_info_free (f->info);
  g_bytes_unref (f->torrent);
  spate_test_rm_rf (f->dir);
  g_free (f->payload);
  g_free (f->seed_dir);
  g_free (f->leech_dir);
  g_free (f->dir);
}

/* ----------------------------------------------------------- helpers */

static SpateLtAddParams *
leech_params (Fixture *f, SpateLtTorrentFlags flags)
{
  g_autoptr (SpateLtAddParams) params = spate_lt_add_params_new_from_info (f->info);

  g_assert_nonnull (params);
  spate_lt_add_params_set_save_path (params, f->leech_dir);
  spate_lt_add_params_set_user_data (params, &f->leech_marker);
  spate_lt_add_params_set_flags (params, flags);
  return g_steal_pointer (&params);
}

static SpateLtTorrent *
add_leech (Fixture *f, SpateLtAddParams *params)
{
  g_autoptr (GError) error = NULL;
  SpateLtTorrent *torrent = spate_lt_session_add (f->leecher, params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  return torrent;
}

static void
connect_to_seeder (Fixture *f, SpateLtTorrent *leech)
{
  g_autoptr (GError) error = NULL;
  int port = spate_test_session_get_port (f->seeder);

  g_assert_cmpint (port, >, 0);
  g_assert_true (spate_lt_torrent_connect_peer (leech, SEEDER_ADDRESS, port, &error));
  g_assert_no_error (error);
}

static gboolean
pump (Fixture *f, guint timeout_ms, SpateTestDoneFunc done, gpointer data)
{
  return spate_test_pump_until ((SpateLtSession *[]){ f->seeder, f->leecher, NULL }, timeout_ms,
                                done, data);
}

static SpateLtStatus
status_of (SpateLtTorrent *torrent)
{
  g_autoptr (GError) error = NULL;
  SpateLtStatus status;

  g_assert_true (spate_lt_torrent_get_status (torrent, &status, &error));
  g_assert_no_error (error);
  return status;
}

static gboolean
is_finished (gpointer torrent)
{
  SpateLtStatus st = { 0 };
  gboolean      finished = spate_lt_torrent_get_status (torrent, &st, NULL) && st.finished;

  spate_lt_status_clear (&st);
  return finished;
}

static gboolean
has_all_wanted (gpointer torrent)
{
  SpateLtStatus st = { 0 };
  gboolean      all =
      spate_lt_torrent_get_status (torrent, &st, NULL) && st.total_wanted_done == st.total_wanted;

  spate_lt_status_clear (&st);
  return all;
}

static gboolean
is_paused (gpointer torrent)
{
  return (spate_lt_torrent_get_flags (torrent, NULL) & SPATE_LT_TORRENT_PAUSED) != 0;
}

static gboolean
has_seed_peer (gpointer torrent)
{
  g_autoptr (GArray) peers = spate_lt_torrent_get_peers (torrent, NULL);

  for (guint i = 0; peers != NULL && i < peers->len; i++)
    if (g_array_index (peers, SpateLtPeer, i).flags & SPATE_LT_PEER_SEED)
      return TRUE;
  return FALSE;
}

/* Connects the leech to the seeder and returns its peers once the seeder
 * is among them. A connection can be refused while the seeder still holds
 * the previous case's one from the same address: connect again, bounded. */
static GArray *
seed_peers (Fixture *f, SpateLtTorrent *leech)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GArray) peers = NULL;

      connect_to_seeder (f, leech);
      if (!pump (f, 2000, has_seed_peer, leech))
        continue;
      peers = spate_lt_torrent_get_peers (leech, NULL);
      if (peers != NULL && peers->len > 0)
        return g_steal_pointer (&peers);
    }
  {
    SpateLtStatus st = status_of (leech);

    g_error ("the leech never kept a connection to the seeder (state %d, paused %d, "
             "%d peers, %d connections)",
             st.state, st.paused, st.num_peers, st.num_connections);
  }
}

/* The file's index in the torrent of the n-th file that is not padding. */
static int
real_file_index (SpateLtInfo *info, int n)
{
  for (int i = 0; i < spate_lt_info_get_num_files (info); i++)
    {
      SpateLtFile file;

      g_assert_true (spate_lt_info_get_file (info, i, &file));
      g_free (file.path);
      if (!(file.flags & SPATE_LT_FILE_PAD) && n-- == 0)
        return i;
    }
  g_assert_not_reached ();
}

static int
queue_position (SpateLtTorrent *torrent)
{
  g_autoptr (GError) error = NULL;
  int position = spate_lt_torrent_get_queue_position (torrent, &error);

  g_assert_no_error (error);
  return position;
}

/* ------------------------------------------------------------- cases */

static void
test_queue (Fixture *f, gconstpointer data)
{
  static const gsize other_sizes[] = { 40000 };
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  g_autoptr (SpateLtTorrent) a = add_leech (f, params);
  g_autoptr (SpateLtTorrent) b = NULL;
  g_autofree char *other_payload = spate_test_make_payload (f->dir, "other", other_sizes, 1, 3);
  g_autoptr (GBytes) other = spate_test_make_torrent (other_payload, NULL, NULL, NULL, PIECE_SIZE);

  b = spate_test_add_torrent (f->leecher, other, f->leech_dir, NULL);
  g_assert_cmpint (queue_position (a), ==, 0);
  g_assert_cmpint (queue_position (b), ==, 1);

  g_assert_true (spate_lt_torrent_queue_move (b, SPATE_LT_QUEUE_UP, &error));
  g_assert_cmpint (queue_position (b), ==, 0);
  g_assert_cmpint (queue_position (a), ==, 1);
  g_assert_true (spate_lt_torrent_queue_move (b, SPATE_LT_QUEUE_DOWN, &error));
  g_assert_cmpint (queue_position (b), ==, 1);
  g_assert_cmpint (queue_position (a), ==, 0);
  g_assert_true (spate_lt_torrent_queue_move (b, SPATE_LT_QUEUE_TOP, &error));
  g_assert_cmpint (queue_position (b), ==, 0);
  g_assert_true (spate_lt_torrent_queue_move (b, SPATE_LT_QUEUE_BOTTOM, &error));
  g_assert_cmpint (queue_position (b), ==, 1);
  g_assert_cmpint (queue_position (a), ==, 0);
  g_assert_true (spate_lt_torrent_set_queue_position (b, 0, &error));
  g_assert_cmpint (queue_position (b), ==, 0);
  g_assert_cmpint (queue_position (a), ==, 1);
  g_assert_no_error (error);

  /* A seed is out of the queue. */
  g_assert_cmpint (queue_position (f->seed), ==, -1);
  /* A seed has no place in the queue: every move leaves it out of it (up
   * used to overrun libtorrent's queue). */
  for (SpateLtQueueMove move = SPATE_LT_QUEUE_UP; move <= SPATE_LT_QUEUE_BOTTOM; move++)
    {
      g_assert_true (spate_lt_torrent_queue_move (f->seed, move, &error));
      g_assert_no_error (error);
      g_assert_cmpint (queue_position (f->seed), ==, -1);
    }
}

static void
test_limits (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpateLtLimits limits;

  g_assert_true (spate_lt_torrent_get_limits (f->seed, &limits, &error));
  g_assert_cmpint (limits.download_limit, ==, 0);
  g_assert_cmpint (limits.upload_limit, ==, 0);
  g_assert_cmpint (limits.max_connections, ==, -1);
  g_assert_cmpint (limits.max_uploads, ==, -1);

  g_assert_true (spate_lt_torrent_set_download_limit (f->seed, 123000, &error));
  g_assert_true (spate_lt_torrent_set_upload_limit (f->seed, 45000, &error));
  g_assert_true (spate_lt_torrent_set_max_connections (f->seed, 17, &error));
  g_assert_true (spate_lt_torrent_set_max_uploads (f->seed, 3, &error));
  g_assert_true (spate_lt_torrent_get_limits (f->seed, &limits, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limits.download_limit, ==, 123000);
  g_assert_cmpint (limits.upload_limit, ==, 45000);
  g_assert_cmpint (limits.max_connections, ==, 17);
  g_assert_cmpint (limits.max_uploads, ==, 3);

  /* 0 and -1 lift them again. */
  g_assert_true (spate_lt_torrent_set_download_limit (f->seed, 0, &error));
  g_assert_true (spate_lt_torrent_set_upload_limit (f->seed, -1, &error));
  g_assert_true (spate_lt_torrent_set_max_connections (f->seed, -1, &error));
  g_assert_true (spate_lt_torrent_set_max_uploads (f->seed, 0, &error));
  g_assert_true (spate_lt_torrent_get_limits (f->seed, &limits, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limits.download_limit, ==, 0);
  g_assert_cmpint (limits.upload_limit, ==, 0);
  g_assert_cmpint (limits.max_connections, ==, -1);
  g_assert_cmpint (limits.max_uploads, ==, -1);
}

static void
test_flags (Fixture *f, gconstpointer data)
{
  static const SpateLtTorrentFlags flags[] = {
    SPATE_LT_TORRENT_SEQUENTIAL,  SPATE_LT_TORRENT_SUPER_SEEDING, SPATE_LT_TORRENT_SHARE_MODE,
    SPATE_LT_TORRENT_UPLOAD_MODE, SPATE_LT_TORRENT_AUTO_MANAGED,
  };
  g_autoptr (GError) error = NULL;
  SpateLtTorrentFlags before = spate_lt_torrent_get_flags (f->seed, &error);

  g_assert_no_error (error);
  g_assert_true (before & SPATE_LT_TORRENT_AUTO_MANAGED);
  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      SpateLtTorrentFlags on = before | flags[i];
      SpateLtTorrentFlags off = before & ~flags[i];
      SpateLtStatus       st;

      g_assert_true (spate_lt_torrent_set_flags (f->seed, flags[i], flags[i], &error));
      g_assert_cmphex (spate_lt_torrent_get_flags (f->seed, &error), ==, on);
      st = status_of (f->seed);
      g_assert_cmphex (st.flags & flags[i], ==, flags[i]);
      spate_lt_status_clear (&st);

      g_assert_true (spate_lt_torrent_set_flags (f->seed, 0, flags[i], &error));
      g_assert_cmphex (spate_lt_torrent_get_flags (f->seed, &error), ==, off);
      g_assert_true (spate_lt_torrent_set_flags (f->seed, before, flags[i], &error));
      g_assert_cmphex (spate_lt_torrent_get_flags (f->seed, &error), ==, before);
      g_assert_no_error (error);
    }

  /* Bits outside the mask are left alone. */
  g_assert_true (spate_lt_torrent_set_flags (f->seed, SPATE_LT_TORRENT_SEQUENTIAL | before,
                                             SPATE_LT_TORRENT_SEQUENTIAL, &error));
  g_assert_cmphex (spate_lt_torrent_get_flags (f->seed, &error), ==,
                   before | SPATE_LT_TORRENT_SEQUENTIAL);
  g_assert_no_error (error);
}

static void
test_file_priorities (Fixture *f, gconstpointer data)
{
  int                n = spate_lt_info_get_num_files (f->info);
  g_autofree guint8 *wanted = g_new0 (guint8, n);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GArray) progress = NULL;
  int           skipped = real_file_index (f->info, 0);
  SpateLtStatus st;

  /* {0, 4, 4} over the real files; padding is never downloaded. */
  for (int i = 0; i < 3; i++)
    wanted[real_file_index (f->info, i)] = i == 0 ? 0 : 4;
  params = leech_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  spate_lt_add_params_set_file_priorities (params, wanted, n);
  /* Slow enough that the seeder is still connected when asked: a finished
   * torrent drops its connection to a seed. */
  spate_lt_add_params_set_limits (params, 40000, 0);
  leech = add_leech (f, params);
  got = spate_lt_torrent_get_file_priorities (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), wanted, n);

  /* Plaintext both ways: the peer says it is not encrypted. */
  spate_lt_session_set_encryption (f->seeder, SPATE_LT_ENCRYPTION_DISABLED);
  spate_lt_session_set_encryption (f->leecher, SPATE_LT_ENCRYPTION_DISABLED);
  {
    g_autoptr (GArray) peers = seed_peers (f, leech);
    SpateLtPeer *peer = &g_array_index (peers, SpateLtPeer, 0);

    g_assert_cmpuint (peers->len, ==, 1);
    g_assert_cmpint (peer->connection, ==, SPATE_LT_CONNECTION_TCP);
    g_assert_false (peer->encrypted);
  }
  g_assert_true (pump (f, 60000, is_finished, leech));
  /* The byte counts can trail the finished state by a piece. */
  g_assert_true (pump (f, 10000, has_all_wanted, leech));

  st = status_of (leech);
  g_assert_true (st.finished);
  g_assert_false (st.seeding);
  g_assert_cmpint (st.total_wanted_done, ==, st.total_wanted);
  g_assert_cmpint (st.total_wanted, <, st.total_size);
  spate_lt_status_clear (&st);

  progress = spate_lt_torrent_get_file_progress (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, ==, n);
  for (int i = 0; i < 3; i++)
    {
      int              index = real_file_index (f->info, i);
      SpateLtFile      file;
      g_autofree char *path = NULL;

      g_assert_true (spate_lt_info_get_file (f->info, index, &file));
      path = g_build_filename (f->leech_dir, file.path, NULL);
      if (index == skipped)
        {
          g_assert_cmpint (g_array_index (progress, gint64, index), ==, 0);
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
        }
      else
        {
          g_autofree char *source = g_build_filename (f->seed_dir, file.path, NULL);
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;
          gsize            a_size, b_size;

          g_assert_cmpint (g_array_index (progress, gint64, index), ==, file.size);
          g_assert_true (g_file_get_contents (source, &a, &a_size, NULL));
          g_assert_true (g_file_get_contents (path, &b, &b_size, NULL));
          g_assert_cmpmem (a, a_size, b, b_size);
        }
      g_free (file.path);
    }
}

static void
test_paused (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_PAUSED);
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seeds = NULL;
  SpateLtLimits limits;
  SpateLtStatus st;

  g_assert_true (
      spate_lt_add_params_has_info_hash (params, spate_lt_info_get_info_hash_v2 (f->info)));
  g_assert_cmpstr (spate_lt_add_params_get_info_hash (params), ==,
                   spate_lt_info_get_info_hash_v1 (f->info));
  g_assert_cmpstr (spate_lt_add_params_get_name (params), ==, "payload");
  spate_lt_add_params_set_limits (params, 50000, 60000);
  spate_lt_add_params_add_web_seed (params, "http://127.0.0.1:1/files/");
  spate_lt_add_params_add_peer (params, SEEDER_ADDRESS, spate_test_session_get_port (f->seeder));
  leech = add_leech (f, params);

  /* It knows its seeder, yet nothing moves while it is paused. */
  g_assert_false (spate_test_wait_alert (f->leecher, SPATE_LT_ALERT_TORRENT_FINISHED,
                                         &f->leech_marker, 2000, NULL, NULL));
  st = status_of (leech);
  g_assert_true (st.paused);
  g_assert_true (st.flags & SPATE_LT_TORRENT_PAUSED);
  g_assert_false (st.flags & SPATE_LT_TORRENT_AUTO_MANAGED);
  g_assert_cmpint (st.total_done, ==, 0);
  g_assert_cmpint (st.num_connections, ==, 0);
  spate_lt_status_clear (&st);

  g_assert_true (spate_lt_torrent_get_limits (leech, &limits, &error));
  g_assert_cmpint (limits.download_limit, ==, 50000);
  g_assert_cmpint (limits.upload_limit, ==, 60000);
  seeds = spate_lt_torrent_get_web_seeds (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seeds->len, ==, 1);
  g_assert_cmpstr (g_array_index (seeds, SpateLtWebSeed, 0).url, ==, "http://127.0.0.1:1/files/");

  /* Resumed, it downloads from the peer it was added with. */
  g_assert_true (spate_lt_torrent_set_download_limit (leech, 0, &error));
  g_assert_true (spate_lt_torrent_resume (leech, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pump (f, 60000, is_finished, leech));
}

typedef struct
{
  gpointer marker;
  gboolean checked;
  gboolean seeding;
} StateLog;

static void
log_state (const SpateLtAlert *alert, gpointer data)
{
  StateLog *log = data;

  if (alert->kind != SPATE_LT_ALERT_STATE_CHANGED || alert->user_data != log->marker)
    return;
  if (alert->state == SPATE_LT_STATE_CHECKING_FILES)
    log->checked = TRUE;
  if (alert->state == SPATE_LT_STATE_SEEDING && log->checked)
    log->seeding = TRUE;
}

static gboolean
seeding_after_check (gpointer data)
{
  return ((StateLog *) data)->seeding;
}

static void
test_seed_mode (Fixture *f, gconstpointer data)
{
  SpateLtSession *seeder =
      spate_test_session_new (0, g_variant_new_parsed ("{'listen_interfaces': <'127.0.0.2:0'>}"));
  int      marker = 0;
  StateLog log = { &marker, FALSE, FALSE };
  g_autoptr (SpateLtAddParams) params = spate_lt_add_params_new_from_info (f->info);
  g_autoptr (SpateLtTorrent) seed = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtStatus st;
  int           port;

  spate_lt_add_params_set_save_path (params, f->seed_dir);
  spate_lt_add_params_set_user_data (params, &marker);
  spate_lt_add_params_set_flags (params, SPATE_LT_TORRENT_SEED_MODE);
  seed = spate_lt_session_add (seeder, params, &error);
  g_assert_no_error (error);

  /* A seed at once; its files are never checked (only read as sent). */
  st = status_of (seed);
  g_assert_true (st.seeding);
  g_assert_cmpint (st.num_pieces, ==, st.pieces_total);
  g_assert_cmpint (st.state, !=, SPATE_LT_STATE_CHECKING_FILES);
  g_assert_true (st.flags & SPATE_LT_TORRENT_SEED_MODE);
  spate_lt_status_clear (&st);

  g_clear_pointer (&params, spate_lt_add_params_free);
  params = leech_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  leech = add_leech (f, params);
  port = spate_test_session_get_port (seeder);
  g_assert_true (spate_lt_torrent_connect_peer (leech, SEEDER_ADDRESS, port, &error));
  g_assert_true (spate_test_pump_until_full ((SpateLtSession *[]){ seeder, f->leecher, NULL },
                                             60000, log_state, &log, is_finished, leech));
  g_assert_false (log.checked);
  st = status_of (seed);
  g_assert_cmpint (st.state, ==, SPATE_LT_STATE_SEEDING);
  g_assert_cmpint (st.session_upload, >=, spate_lt_info_get_total_size (f->info));
  spate_lt_status_clear (&st);

  spate_lt_torrent_free (g_steal_pointer (&seed));
  spate_lt_session_free (seeder);
}

static void
test_stop_when_ready (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (SpateLtAddParams) params = spate_lt_add_params_new_from_info (f->info);
  g_autoptr (SpateLtTorrent) torrent = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtStatus st;

  spate_lt_add_params_set_save_path (params, f->seed_dir);
  spate_lt_add_params_set_flags (params,
                                 SPATE_LT_TORRENT_STOP_WHEN_READY | SPATE_LT_TORRENT_AUTO_MANAGED);
  torrent = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);

  /* Its files are checked, then it stops by itself and the flag clears. */
  g_assert_true (
      spate_test_pump_until ((SpateLtSession *[]){ session, NULL }, 20000, is_paused, torrent));
  st = status_of (torrent);
  g_assert_true (st.paused);
  g_assert_false (st.flags & SPATE_LT_TORRENT_STOP_WHEN_READY);
  g_assert_false (st.flags & SPATE_LT_TORRENT_AUTO_MANAGED);
  g_assert_cmpint (st.num_pieces, ==, st.pieces_total);
  spate_lt_status_clear (&st);

  spate_lt_torrent_free (g_steal_pointer (&torrent));
  spate_lt_session_free (session);
}

typedef struct
{
  SpateLtTorrent *torrent;
  const int      *pieces;
  gsize           n;
} PieceWait;

static gboolean
has_pieces (gpointer data)
{
  PieceWait *w = data;
  g_autoptr (GBytes) have = spate_lt_torrent_get_have_pieces (w->torrent, NULL);

  if (have == NULL)
    return FALSE;
  for (gsize i = 0; i < w->n; i++)
    if (((const guint8 *) g_bytes_get_data (have, NULL))[w->pieces[i]] != 1)
      return FALSE;
  return TRUE;
}

static void
test_piece_deadlines (Fixture *f, gconstpointer data)
{
  int                n_files = spate_lt_info_get_num_files (f->info);
  int                n_pieces = spate_lt_info_get_num_pieces (f->info);
  int                wanted[] = { 1, 2, 3, n_pieces - 1 };
  g_autofree guint8 *none = g_new0 (guint8, n_files);
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) prio = NULL;
  g_autoptr (GBytes) have = NULL;
  const guint8 *p;
  PieceWait     w;

  /* Nothing is wanted but the pieces given a deadline. A deadline makes a
   * piece top priority; a reset or a clear drops it to low, still wanted. */
  spate_lt_add_params_set_file_priorities (params, none, n_files);
  leech = add_leech (f, params);
  g_assert_true (spate_lt_torrent_set_piece_deadline (leech, n_pieces - 1, 0, &error));
  g_assert_true (spate_lt_torrent_set_piece_deadline (leech, 1, 500, &error));
  g_assert_true (spate_lt_torrent_reset_piece_deadline (leech, 1, &error));
  g_assert_true (spate_lt_torrent_set_piece_deadline (leech, 2, 500, &error));
  g_assert_true (spate_lt_torrent_set_piece_deadline (leech, 3, 500, &error));
  g_assert_true (spate_lt_torrent_clear_piece_deadlines (leech, &error));
  g_assert_true (spate_lt_torrent_set_piece_deadline (leech, n_pieces - 1, 0, &error));
  g_assert_no_error (error);
  prio = spate_lt_torrent_get_piece_priorities (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (prio), ==, n_pieces);
  p = g_bytes_get_data (prio, NULL);
  g_assert_cmpuint (p[n_pieces - 1], ==, SPATE_LT_PRIORITY_HIGH);
  for (int i = 0; i < n_pieces - 1; i++)
    g_assert_cmpuint (p[i], ==, i >= 1 && i <= 3 ? SPATE_LT_PRIORITY_LOW : SPATE_LT_PRIORITY_SKIP);

  connect_to_seeder (f, leech);
  w = (PieceWait){ leech, wanted, G_N_ELEMENTS (wanted) };
  g_assert_true (pump (f, 30000, has_pieces, &w));
  have = spate_lt_torrent_get_have_pieces (leech, &error);
  g_assert_no_error (error);
  p = g_bytes_get_data (have, NULL);
  g_assert_cmpuint (p[0], ==, 0);
  for (int i = 4; i < n_pieces - 1; i++)
    g_assert_cmpuint (p[i], ==, 0);
}

static void
test_trackers (Fixture *f, gconstpointer data)
{
  /* Three hosts: libtorrent moves a udp tracker ahead of an http one on
   * the same host (prefer_udp_trackers). */
  static const char * const urls[] = {
    "http://127.0.0.1:1/announce",
    "udp://127.0.0.2:2",
    "http://127.0.0.3:3/announce",
    NULL,
  };
  static const int tiers[] = { 0, 1, 1 };
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_PAUSED);
  g_autoptr (SpateLtTorrent) leech = add_leech (f, params);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) trackers = NULL;
  g_autoptr (GBytes) file = NULL;
  g_autoptr (SpateLtInfo) back = NULL;

  /* Added paused, it never announces, so no failure reorders a tier. */
  g_assert_true (spate_lt_torrent_replace_trackers (leech, urls, tiers, &error));
  g_assert_no_error (error);
  trackers = spate_lt_torrent_get_trackers (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trackers->len, ==, 3);
  for (guint i = 0; i < trackers->len; i++)
    {
      SpateLtTracker *t = &g_array_index (trackers, SpateLtTracker, i);

      g_assert_cmpstr (t->url, ==, urls[i]);
      g_assert_cmpint (t->tier, ==, tiers[i]);
      g_assert_true (t->source & SPATE_LT_TRACKER_SOURCE_CLIENT);
    }

  /* The .torrent of it now carries them, tiers and all (a reader shuffles
   * each tier, BEP 12). */
  file = spate_lt_torrent_get_torrent_file (leech, &error);
  g_assert_no_error (error);
  back =
      spate_lt_info_new_from_bytes (g_bytes_get_data (file, NULL), g_bytes_get_size (file), &error);
  g_assert_no_error (error);
  g_assert_cmpint (spate_lt_info_get_num_trackers (back), ==, 3);
  for (int i = 0; i < 3; i++)
    {
      int tier = -1;
      int j = 0;

      while (j < 3 && g_strcmp0 (spate_lt_info_get_tracker (back, j, &tier), urls[i]) != 0)
        j++;
      g_assert_cmpint (j, <, 3);
      g_assert_cmpint (tier, ==, tiers[i]);
    }

  /* Without tiers, each is its own. */
  g_clear_pointer (&trackers, g_array_unref);
  g_assert_true (spate_lt_torrent_replace_trackers (leech, urls + 1, NULL, &error));
  trackers = spate_lt_torrent_get_trackers (leech, &error);
  g_assert_cmpuint (trackers->len, ==, 2);
  g_assert_cmpint (g_array_index (trackers, SpateLtTracker, 0).tier, ==, 0);
  g_assert_cmpint (g_array_index (trackers, SpateLtTracker, 1).tier, ==, 1);
}

static int
find_web_seed (GArray *seeds, const char *url)
{
  for (guint i = 0; i < seeds->len; i++)
    if (g_str_equal (g_array_index (seeds, SpateLtWebSeed, i).url, url))
      return (int) g_array_index (seeds, SpateLtWebSeed, i).type;
  return -1;
}

static void
test_web_seeds (Fixture *f, gconstpointer data)
{
  static const char url_seed[] = "http://127.0.0.1:1/a/";
  static const char http_seed[] = "http://127.0.0.1:1/b/seed.php";
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_PAUSED);
  g_autoptr (SpateLtTorrent) leech = add_leech (f, params);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seeds = NULL;

  /* Paused, libtorrent never tries the seeds, so never drops them. */
  g_assert_true (spate_lt_torrent_add_web_seed (leech, url_seed, SPATE_LT_WEB_SEED_URL, &error));
  g_assert_true (spate_lt_torrent_add_web_seed (leech, http_seed, SPATE_LT_WEB_SEED_HTTP, &error));
  g_assert_no_error (error);
  seeds = spate_lt_torrent_get_web_seeds (leech, &error);
  g_assert_cmpuint (seeds->len, ==, 2);
  g_assert_cmpint (find_web_seed (seeds, url_seed), ==, SPATE_LT_WEB_SEED_URL);
  g_assert_cmpint (find_web_seed (seeds, http_seed), ==, SPATE_LT_WEB_SEED_HTTP);

  g_assert_true (spate_lt_torrent_remove_web_seed (leech, url_seed, SPATE_LT_WEB_SEED_URL, &error));
  g_clear_pointer (&seeds, g_array_unref);
  seeds = spate_lt_torrent_get_web_seeds (leech, &error);
  g_assert_cmpuint (seeds->len, ==, 1);
  g_assert_cmpint (find_web_seed (seeds, http_seed), ==, SPATE_LT_WEB_SEED_HTTP);

  g_assert_true (
      spate_lt_torrent_remove_web_seed (leech, http_seed, SPATE_LT_WEB_SEED_HTTP, &error));
  g_clear_pointer (&seeds, g_array_unref);
  seeds = spate_lt_torrent_get_web_seeds (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seeds->len, ==, 0);
}

static void
test_pieces (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) avail = NULL;
  g_autoptr (GArray) peers = NULL;
  g_autoptr (GArray) progress = NULL;
  g_autoptr (GBytes) have = NULL;
  int           n_pieces = spate_lt_info_get_num_pieces (f->info);
  const guint8 *p;
  SpateLtPeer  *peer;

  /* Slow enough that the seeder is still there when asked. */
  spate_lt_add_params_set_limits (params, 40000, 0);
  leech = add_leech (f, params);
  spate_lt_session_set_encryption (f->seeder, SPATE_LT_ENCRYPTION_FORCED);
  spate_lt_session_set_encryption (f->leecher, SPATE_LT_ENCRYPTION_FORCED);
  peers = seed_peers (f, leech);

  avail = spate_lt_torrent_get_piece_availability (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (avail->len, ==, n_pieces);
  for (guint i = 0; i < avail->len; i++)
    g_assert_cmpint (g_array_index (avail, int, i), >=, 1);

  g_assert_cmpuint (peers->len, ==, 1);
  peer = &g_array_index (peers, SpateLtPeer, 0);
  g_assert_cmpstr (peer->address, ==, SEEDER_ADDRESS);
  g_assert_cmpint (peer->port, ==, spate_test_session_get_port (f->seeder));
  g_assert_cmpint (peer->connection, ==, SPATE_LT_CONNECTION_TCP);
  g_assert_true (peer->encrypted);
  g_assert_false (peer->ssl);
  g_assert_true (peer->flags & SPATE_LT_PEER_OUTGOING);

  g_assert_true (spate_lt_torrent_set_download_limit (leech, 0, &error));
  g_assert_true (pump (f, 60000, is_finished, leech));

  have = spate_lt_torrent_get_have_pieces (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (have), ==, n_pieces);
  p = g_bytes_get_data (have, NULL);
  for (int i = 0; i < n_pieces; i++)
    g_assert_cmpuint (p[i], ==, 1);

  progress = spate_lt_torrent_get_file_progress (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress->len, ==, spate_lt_info_get_num_files (f->info));
  for (guint i = 0; i < progress->len; i++)
    {
      SpateLtFile file;

      g_assert_true (spate_lt_info_get_file (f->info, i, &file));
      if (!(file.flags & SPATE_LT_FILE_PAD))
        g_assert_cmpint (g_array_index (progress, gint64, i), ==, file.size);
      g_free (file.path);
    }
}

static void
test_recheck (Fixture *f, gconstpointer data)
{
  StateLog log = { &f->seed_marker, FALSE, FALSE };
  g_autoptr (GError) error = NULL;
  SpateLtStatus st;

  g_assert_true (spate_lt_torrent_force_recheck (f->seed, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_pump_until_full ((SpateLtSession *[]){ f->seeder, NULL }, 20000,
                                             log_state, &log, seeding_after_check, &log));
  g_assert_true (log.checked);
  st = status_of (f->seed);
  g_assert_true (st.seeding);
  g_assert_cmpint (st.num_pieces, ==, st.pieces_total);
  spate_lt_status_clear (&st);
}

static void
test_links (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *magnet = spate_lt_torrent_make_magnet (f->seed, &error);
  g_autoptr (GBytes) file = NULL;
  g_autoptr (SpateLtInfo) from_magnet = NULL;
  g_autoptr (SpateLtInfo) from_file = NULL;
  g_autoptr (SpateLtInfo) live = NULL;
  const char *v1 = spate_lt_info_get_info_hash_v1 (f->info);
  const char *v2 = spate_lt_info_get_info_hash_v2 (f->info);

  g_assert_no_error (error);
  g_assert_nonnull (v1);
  g_assert_nonnull (v2);
  from_magnet = spate_lt_info_new_from_magnet (magnet, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v1 (from_magnet), ==, v1);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v2 (from_magnet), ==, v2);
  g_assert_cmpstr (spate_lt_info_get_name (from_magnet), ==, "payload");
  g_assert_false (spate_lt_info_has_metadata (from_magnet));
  g_assert_cmpint (spate_lt_info_get_total_size (from_magnet), ==, 0);

  file = spate_lt_torrent_get_torrent_file (f->seed, &error);
  g_assert_no_error (error);
  from_file =
      spate_lt_info_new_from_bytes (g_bytes_get_data (file, NULL), g_bytes_get_size (file), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v1 (from_file), ==, v1);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v2 (from_file), ==, v2);
  g_assert_cmpint (spate_lt_info_get_num_pieces (from_file), ==,
                   spate_lt_info_get_num_pieces (f->info));
  /* Payload only: 100007 + 70001 + 50000 bytes, padding left out. */
  g_assert_cmpint (spate_lt_info_get_total_size (from_file), ==, 220008);
  g_assert_cmpint (spate_lt_info_get_total_size (f->info), ==, 220008);

  live = spate_lt_torrent_get_info (f->seed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v2 (live), ==, v2);
  g_assert_cmpint (spate_lt_info_get_num_files (live), ==, spate_lt_info_get_num_files (f->info));
}

static void
test_find (Fixture *f, gconstpointer data)
{
  static const gsize other_sizes[] = { 30000 };
  g_autofree char   *other_payload = spate_test_make_payload (f->dir, "other", other_sizes, 1, 5);
  g_autoptr (GBytes) other = spate_test_make_torrent (other_payload, NULL, NULL, NULL, PIECE_SIZE);
  g_autoptr (SpateLtTorrent) by_v1 = NULL;
  g_autoptr (SpateLtTorrent) by_v2 = NULL;
  g_autoptr (SpateLtTorrent) by_upper = NULL;
  g_autoptr (SpateLtTorrent) second = NULL;
  g_autoptr (GPtrArray) torrents = NULL;
  g_autofree char *upper = g_ascii_strup (spate_lt_info_get_info_hash_v2 (f->info), -1);
  g_autofree char *hash = spate_lt_torrent_get_info_hash (f->seed);

  g_assert_cmpstr (hash, ==, spate_lt_info_get_info_hash_v1 (f->info));
  by_v1 = spate_lt_session_find (f->seeder, spate_lt_info_get_info_hash_v1 (f->info));
  by_v2 = spate_lt_session_find (f->seeder, spate_lt_info_get_info_hash_v2 (f->info));
  by_upper = spate_lt_session_find (f->seeder, upper);
  g_assert_nonnull (by_v1);
  g_assert_nonnull (by_v2);
  g_assert_nonnull (by_upper);
  g_assert_true (spate_lt_torrent_equal (by_v1, f->seed));
  g_assert_true (spate_lt_torrent_equal (by_v2, f->seed));
  g_assert_true (spate_lt_torrent_equal (by_upper, f->seed));
  g_assert_true (spate_lt_torrent_get_user_data (by_v2) == &f->seed_marker);
  g_assert_null (spate_lt_session_find (f->leecher, spate_lt_info_get_info_hash_v1 (f->info)));
  g_assert_null (spate_lt_session_find (f->seeder, "0123456789abcdef0123456789abcdef01234567"));
  g_assert_null (spate_lt_session_find (f->seeder, "not a hash"));

  torrents = spate_lt_session_get_torrents (f->seeder);
  g_assert_cmpuint (torrents->len, ==, 1);
  g_assert_true (spate_lt_torrent_equal (g_ptr_array_index (torrents, 0), f->seed));
  g_clear_pointer (&torrents, g_ptr_array_unref);

  second = spate_test_add_torrent (f->seeder, other, f->dir, NULL);
  g_assert_false (spate_lt_torrent_equal (second, f->seed));
  torrents = spate_lt_session_get_torrents (f->seeder);
  g_assert_cmpuint (torrents->len, ==, 2);
}

static void
test_first_last_pieces (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_PAUSED);
  g_autoptr (SpateLtTorrent) leech = add_leech (f, params);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) on = NULL;
  g_autoptr (GBytes) off = NULL;
  const guint8 *p;

  g_assert_true (spate_lt_torrent_set_first_last_pieces (leech, TRUE, &error));
  g_assert_no_error (error);
  on = spate_lt_torrent_get_piece_priorities (leech, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (on), ==, spate_lt_info_get_num_pieces (f->info));
  p = g_bytes_get_data (on, NULL);
  for (int i = 0; i < 3; i++)
    {
      SpateLtFile file;
      int         first, last;

      g_assert_true (spate_lt_info_get_file (f->info, real_file_index (f->info, i), &file));
      first = file.offset / PIECE_SIZE;
      last = (file.offset + file.size - 1) / PIECE_SIZE;
      g_free (file.path);
      g_assert_cmpint (last - first, >=, 3);
      g_assert_cmpuint (p[first], ==, SPATE_LT_PRIORITY_HIGH);
      g_assert_cmpuint (p[last], ==, SPATE_LT_PRIORITY_HIGH);
      for (int k = first + 1; k < last; k++)
        g_assert_cmpuint (p[k], ==, SPATE_LT_PRIORITY_NORMAL);
    }

  /* Turned off, every piece takes its file's priority again. */
  g_assert_true (spate_lt_torrent_set_first_last_pieces (leech, FALSE, &error));
  off = spate_lt_torrent_get_piece_priorities (leech, &error);
  g_assert_no_error (error);
  p = g_bytes_get_data (off, NULL);
  for (gsize i = 0; i < g_bytes_get_size (off); i++)
    g_assert_cmpuint (p[i], ==, SPATE_LT_PRIORITY_NORMAL);
}

static void
test_magnet_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_strdup_printf (
      "magnet:?xt=urn:btih:%s&dn=Holiday+Photos"
      "&tr=http%%3A%%2F%%2F127.0.0.1%%3A1%%2Fannounce&tr=udp%%3A%%2F%%2F127.0.0.1%%3A2"
      "&ws=http%%3A%%2F%%2F127.0.0.1%%3A3%%2Ffiles%%2F",
      spate_lt_info_get_info_hash_v1 (f->info));
  g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_magnet (uri, &error);
  g_autoptr (SpateLtAddParams) params = NULL;
  SpateLtWebSeedType type = SPATE_LT_WEB_SEED_HTTP;
  int                tier = -1;

  g_assert_no_error (error);
  g_assert_false (spate_lt_info_has_metadata (info));
  g_assert_cmpstr (spate_lt_info_get_name (info), ==, "Holiday Photos");
  g_assert_cmpstr (spate_lt_info_get_info_hash_v1 (info), ==,
                   spate_lt_info_get_info_hash_v1 (f->info));
  g_assert_null (spate_lt_info_get_info_hash_v2 (info));
  g_assert_cmpint (spate_lt_info_get_num_trackers (info), ==, 2);
  g_assert_cmpstr (spate_lt_info_get_tracker (info, 0, &tier), ==, "http://127.0.0.1:1/announce");
  g_assert_cmpint (tier, ==, 0);
  g_assert_cmpstr (spate_lt_info_get_tracker (info, 1, &tier), ==, "udp://127.0.0.1:2");
  g_assert_cmpint (tier, ==, 1);
  g_assert_null (spate_lt_info_get_tracker (info, 2, &tier));
  g_assert_cmpint (spate_lt_info_get_num_web_seeds (info), ==, 1);
  g_assert_cmpstr (spate_lt_info_get_web_seed (info, 0, &type), ==, "http://127.0.0.1:3/files/");
  g_assert_cmpint (type, ==, SPATE_LT_WEB_SEED_URL);
  g_assert_cmpint (spate_lt_info_get_total_size (info), ==, 0);

  params = spate_lt_add_params_new_from_magnet (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_add_params_get_name (params), ==, "Holiday Photos");
  g_assert_true (
      spate_lt_add_params_has_info_hash (params, spate_lt_info_get_info_hash_v1 (f->info)));
  g_assert_false (
      spate_lt_add_params_has_info_hash (params, spate_lt_info_get_info_hash_v2 (f->info)));
}

static gboolean
has_no_peers (gpointer torrent)
{
  SpateLtStatus st = { 0 };
  gboolean      none = spate_lt_torrent_get_status (torrent, &st, NULL) && st.num_peers == 0;

  spate_lt_status_clear (&st);
  return none;
}

/* Spate opens connections over TCP and accepts uTP; with outgoing uTP
 * turned on, the same seeder is reached over uTP. */
static SpateLtConnectionType
transport_to_seeder (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = leech_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  g_autoptr (GArray) peers = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  SpateLtConnectionType connection;

  /* Slow enough that the seeder is still connected when asked. */
  spate_lt_add_params_set_limits (params, 40000, 0);
  leech = add_leech (f, params);
  peers = seed_peers (f, leech);
  connection = g_array_index (peers, SpateLtPeer, 0).connection;
  g_assert_true (spate_lt_session_remove (f->leecher, leech, TRUE, &error));
  g_assert_no_error (error);
  /* The seeder refuses a second connection from the same address while it
   * still holds this one, and a refused uTP handshake makes libtorrent fall
   * back to TCP: wait until it has let go. */
  g_assert_true (pump (f, 20000, has_no_peers, f->seed));
  return connection;
}

static void
test_transport (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) defaults = g_variant_ref_sink (spate_lt_settings_get_defaults ());
  g_autoptr (GError) error = NULL;
  gboolean outgoing = TRUE, incoming = FALSE;

  g_assert_true (g_variant_lookup (defaults, "enable_outgoing_utp", "b", &outgoing));
  g_assert_true (g_variant_lookup (defaults, "enable_incoming_utp", "b", &incoming));
  g_assert_false (outgoing);
  g_assert_true (incoming);

  /* A seeder that takes both. It learns the leech's listening port in the
   * first case and would connect back to it over TCP in the second, and
   * libtorrent then keeps one of the two connections: only the leech
   * connects here. */
  g_assert_true (spate_lt_session_set_bool (f->seeder, "enable_incoming_utp", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (
      spate_lt_session_set_bool (f->seeder, "seeding_outgoing_connections", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (transport_to_seeder (f), ==, SPATE_LT_CONNECTION_TCP);

  g_assert_true (spate_lt_session_set_bool (f->leecher, "enable_outgoing_utp", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (transport_to_seeder (f), ==, SPATE_LT_CONNECTION_UTP);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/torrent/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("queue", test_queue);
  ADD ("limits", test_limits);
  ADD ("flags", test_flags);
  ADD ("file-priorities", test_file_priorities);
  ADD ("paused", test_paused);
  ADD ("seed-mode", test_seed_mode);
  ADD ("stop-when-ready", test_stop_when_ready);
  ADD ("piece-deadlines", test_piece_deadlines);
  ADD ("trackers", test_trackers);
  ADD ("web-seeds", test_web_seeds);
  ADD ("pieces", test_pieces);
  ADD ("recheck", test_recheck);
  ADD ("links", test_links);
  ADD ("find", test_find);
  ADD ("first-last-pieces", test_first_last_pieces);
  ADD ("magnet-fields", test_magnet_fields);
  ADD ("transport", test_transport);
#undef ADD
  return g_test_run ();
}
