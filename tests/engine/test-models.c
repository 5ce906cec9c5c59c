/* test-models.c: a torrent's child models (file tree, trackers, peers, web
 * seeds, pieces) against real transfers on loopback.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "spate-test-engine.h"
#include "spate-torrent-private.h"

#define WAIT_MS    60000
#define PIECE_SIZE 32768

/* Names in lower case: the order of "Z" and "e" depends on the locale. */
typedef struct
{
  const char *path;
  gsize       size;
} PayloadFile;

static const PayloadFile payload_files[] = {
  { "readme.txt", 1000 },
  { "zeta.bin", 300001 },
  { "empty.txt", 0 },
  { "docs/guide.txt", 50000 },
  { "docs/img/pic-2.png", 200000 },
  { "docs/img/pic-10.png", 150000 },
  { "video/movie.mkv", 1500000 },
  { "video/extras/clip.mkv", 600000 },
};

/* Folders first, then by name, numbers by value (pic-2 before pic-10). */
#define PAYLOAD_SHAPE                                                                         \
  "payload/[docs/[img/[pic-2.png pic-10.png] guide.txt] video/[extras/[clip.mkv] movie.mkv] " \
  "empty.txt readme.txt zeta.bin]"

typedef struct
{
  char           *dir;
  char           *seed_dir;  /* dir/seed, holds payload/ */
  char           *payload;   /* dir/seed/payload */
  char           *leech_dir; /* dir/leech */
  GBytes         *torrent;
  SpateLtSession *seeder; /* a plain libtorrent seeder, started on demand */
  SpateLtTorrent *seed;
  int             seed_marker;
  SpateSession   *session;
  SpateTorrent   *torrent_object; /* weak: set to NULL when finalized */

  /* What the signal handlers counted. */
  guint notifies;
  guint items_changed;
  guint last_position, last_removed, last_added;
} Fixture;

/* ------------------------------------------------------------- helpers */

static void
on_notify (GObject *object, GParamSpec *pspec, Fixture *f)
{
  g_test_message ("notify::%s on %s", pspec->name, G_OBJECT_TYPE_NAME (object));
  f->notifies++;
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  f->items_changed++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
}

static void
reset_counts (Fixture *f)
{
  f->notifies = 0;
  f->items_changed = 0;
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *data_dir = NULL;

  f->dir = spate_test_make_tmpdir ("models");
  f->seed_dir = g_build_filename (f->dir, "seed", NULL);
  f->payload = g_build_filename (f->seed_dir, "payload", NULL);
  f->leech_dir = g_build_filename (f->dir, "leech", NULL);
  data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->leech_dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (payload_files); i++)
    {
      g_autofree char *path = g_build_filename (f->payload, payload_files[i].path, NULL);
      spate_test_write_random_file (path, payload_files[i].size, 11 + i);
    }
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, PIECE_SIZE);

  f->session = spate_test_engine_session_new (data_dir, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_engine_session_close (f->session);
  /* No model kept its torrent alive. */
  g_assert_null (f->torrent_object);

  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);
  g_bytes_unref (f->torrent);
  spate_test_rm_rf (f->dir);
  g_free (f->leech_dir);
  g_free (f->payload);
  g_free (f->seed_dir);
  g_free (f->dir);
}

/* A plain libtorrent session seeding the payload; upload_limit 0 for none. */
static void
start_seeder (Fixture *f, GBytes *torrent, int upload_limit)
{
  g_autoptr (GError) error = NULL;

  f->seeder = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, torrent, f->seed_dir, &f->seed_marker);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, WAIT_MS));
  if (upload_limit > 0)
    {
      spate_lt_torrent_set_upload_limit (f->seed, upload_limit, &error);
      g_assert_no_error (error);
    }
}

static void
connect_to_seeder (Fixture *f, SpateTorrent *torrent)
{
  g_autoptr (GError) error = NULL;

  spate_torrent_connect_peer (torrent, "127.0.0.1", spate_test_session_get_port (f->seeder),
                              &error);
  g_assert_no_error (error);
}

/* Adds bytes to the engine session; the fixture watches it get finalized. */
static SpateTorrent *
add_torrent (Fixture *f, GBytes *bytes, const char *save_path, gboolean paused)
{
  g_autoptr (GError) error = NULL;
  SpateAddOptions options = { .save_path = save_path, .paused = paused };
  SpateTorrent   *torrent = spate_session_add_bytes (f->session, bytes, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  f->torrent_object = torrent;
  g_object_add_weak_pointer (G_OBJECT (torrent), (gpointer *) &f->torrent_object);
  return torrent;
}

/* The engine torrent over the payload itself: checked, then seeding. */
static SpateTorrent *
add_seeding_torrent (Fixture *f)
{
  SpateTorrent *torrent = add_torrent (f, f->torrent, f->seed_dir, FALSE);

  g_assert_true (spate_test_spin_until (spate_test_torrent_is_seeding, torrent, WAIT_MS));
  return torrent;
}

/* ---------------------------------------------------------- tree walking */

/* "name/[child child]" for folders, "name" for files. */
static void
describe (GListModel *model, GString *out)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SpateTorrentFile) node = g_list_model_get_item (model, i);
      g_autoptr (GListModel) children = spate_torrent_file_get_children (node);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, spate_torrent_file_get_name (node));
      if (children != NULL)
        {
          g_string_append (out, "/[");
          describe (children, out);
          g_string_append_c (out, ']');
        }
    }
}

static char *
describe_tree (GListModel *tree)
{
  GString *out = g_string_new (NULL);

  describe (tree, out);
  return g_string_free (out, FALSE);
}

/* The node at a '/'-separated path, as a new reference. */
static SpateTorrentFile *
find_node (GListModel *tree, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr (GListModel) level = g_object_ref (tree);
  g_autoptr (SpateTorrentFile) node = NULL;

  for (guint p = 0; parts[p] != NULL; p++)
    {
      g_clear_object (&node);
      for (guint i = 0; level != NULL && i < g_list_model_get_n_items (level); i++)
        {
          g_autoptr (SpateTorrentFile) candidate = g_list_model_get_item (level, i);
          if (g_str_equal (spate_torrent_file_get_name (candidate), parts[p]))
            {
              node = g_steal_pointer (&candidate);
              break;
            }
        }
      g_assert_nonnull (node);
      g_clear_object (&level);
      level = spate_torrent_file_get_children (node);
    }
  g_assert_cmpstr (spate_torrent_file_get_path (node), ==, path);
  return g_steal_pointer (&node);
}

typedef void (*NodeFunc) (SpateTorrentFile *node, gpointer data);

static void
for_each_node (GListModel *model, NodeFunc func, gpointer data)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SpateTorrentFile) node = g_list_model_get_item (model, i);
      g_autoptr (GListModel) children = spate_torrent_file_get_children (node);

      func (node, data);
      if (children != NULL)
        for_each_node (children, func, data);
    }
}

static void
watch_node (SpateTorrentFile *node, gpointer data)
{
  g_autoptr (GListModel) children = spate_torrent_file_get_children (node);

  g_signal_connect (node, "notify", G_CALLBACK (on_notify), data);
  if (children != NULL)
    g_signal_connect (children, "items-changed", G_CALLBACK (on_items_changed), data);
}

static void
unwatch_node (SpateTorrentFile *node, gpointer data)
{
  g_autoptr (GListModel) children = spate_torrent_file_get_children (node);

  g_signal_handlers_disconnect_by_data (node, data);
  if (children != NULL)
    g_signal_handlers_disconnect_by_data (children, data);
}

/* Every file node: its index names the same path in libtorrent, its pieces
 * follow from its offset; folders add up their entries. */
static void
check_node (SpateTorrentFile *node, gpointer data)
{
  GArray *files = data;
  g_autoptr (GListModel) children = spate_torrent_file_get_children (node);
  gint64 size = 0, done = 0;
  int    first = -1, last = -1;

  if (children == NULL)
    {
      int                index = spate_torrent_file_get_index (node);
      const SpateLtFile *file;

      g_assert_false (spate_torrent_file_get_is_folder (node));
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpuint (index, <, files->len);
      file = &g_array_index (files, SpateLtFile, index);
      g_assert_false (file->flags & SPATE_LT_FILE_PAD);
      g_assert_cmpstr (file->path, ==, spate_torrent_file_get_path (node));
      g_assert_cmpint (file->size, ==, spate_torrent_file_get_size (node));
      if (file->size > 0)
        {
          g_assert_cmpint (spate_torrent_file_get_first_piece (node), ==,
                           file->offset / PIECE_SIZE);
          g_assert_cmpint (spate_torrent_file_get_last_piece (node), ==,
                           (file->offset + file->size - 1) / PIECE_SIZE);
        }
      else
        {
          g_assert_cmpint (spate_torrent_file_get_first_piece (node), ==, -1);
          g_assert_cmpfloat (spate_torrent_file_get_progress (node), ==, 1.0);
        }
      return;
    }

  g_assert_true (spate_torrent_file_get_is_folder (node));
  g_assert_cmpint (spate_torrent_file_get_index (node), ==, -1);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (SpateTorrentFile) child = g_list_model_get_item (children, i);

      size += spate_torrent_file_get_size (child);
      done += spate_torrent_file_get_done (child);
      if (spate_torrent_file_get_first_piece (child) >= 0)
        {
          first = first < 0 ? spate_torrent_file_get_first_piece (child)
                            : MIN (first, spate_torrent_file_get_first_piece (child));
          last = MAX (last, spate_torrent_file_get_last_piece (child));
        }
    }
  g_assert_cmpint (spate_torrent_file_get_size (node), ==, size);
  g_assert_cmpint (spate_torrent_file_get_done (node), ==, done);
  g_assert_cmpint (spate_torrent_file_get_first_piece (node), ==, first);
  g_assert_cmpint (spate_torrent_file_get_last_piece (node), ==, last);
}

static void
check_tree (SpateTorrent *torrent, GListModel *tree)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) files =
      spate_lt_torrent_get_files (_spate_torrent_get_handle (torrent), &error);

  g_assert_no_error (error);
  for_each_node (tree, check_node, files);
}

static void
assert_node (GListModel *tree, const char *path, int priority, SpateWantedState state)
{
  g_autoptr (SpateTorrentFile) node = find_node (tree, path);

  g_assert_cmpint (spate_torrent_file_get_priority (node), ==, priority);
  g_assert_cmpint (spate_torrent_file_get_wanted_state (node), ==, state);
}

/* ------------------------------------------------------------ file tree */

typedef struct
{
  SpateTorrent *torrent;
  GListModel   *tree;
} Download;

static void
check_wanted_complete (SpateTorrentFile *node, gpointer data)
{
  gboolean *complete = data;

  if (!spate_torrent_file_get_is_folder (node) &&
      spate_torrent_file_get_wanted_state (node) == SPATE_WANTED_STATE_WANTED &&
      spate_torrent_file_get_progress (node) < 1.0)
    *complete = FALSE;
}

/* Finished, and the tree (refreshed by the session alone) shows every
 * wanted file complete. */
static gboolean
download_done (gpointer data)
{
  Download *d = data;
  gboolean  complete = TRUE;

  if (!spate_torrent_get_is_finished (d->torrent))
    return FALSE;
  for_each_node (d->tree, check_wanted_complete, &complete);
  return complete;
}

static guint8
priority_in_libtorrent (SpateTorrent *torrent, SpateTorrentFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) priorities = spate_torrent_get_file_priorities (torrent, &error);
  gsize         n;
  const guint8 *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (priorities, &n);
  g_assert_cmpint (spate_torrent_file_get_index (file), <, n);
  return data[spate_torrent_file_get_index (file)];
}

/* The leecher's copy of path has the seeder's bytes (the last write may
 * land a little after the piece is reported). */
static void
assert_same_bytes (Fixture *f, const char *path)
{
  g_autofree char *a = g_build_filename (f->seed_dir, path, NULL);
  g_autofree char *b = g_build_filename (f->leech_dir, path, NULL);
  gint64           deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autofree char *da = NULL;
  gsize            la;

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  for (;;)
    {
      g_autofree char *db = NULL;
      gsize            lb = 0;

      if (g_file_get_contents (b, &db, &lb, NULL) && la == lb && memcmp (da, db, la) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        {
          g_assert_nonnull (db);
          g_assert_cmpmem (da, la, db, lb);
        }
      g_usleep (100 * 1000);
    }
}

/* libtorrent reports the priorities the tree shows. */
static gboolean
libtorrent_has_priorities (gpointer tree)
{
  SpateTorrent *torrent = spate_file_tree_get_torrent (tree);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) priorities = spate_torrent_get_file_priorities (torrent, &error);
  const guint8 *data;
  gsize         n;

  g_assert_no_error (error);
  data = g_bytes_get_data (priorities, &n);
  for (gsize i = 0; i < n; i++)
    {
      SpateTorrentFile *node = spate_file_tree_get_file (tree, (int) i);
      if (node != NULL && spate_torrent_file_get_priority (node) != data[i])
        return FALSE;
    }
  return TRUE;
}

static void
test_file_tree (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = add_torrent (f, f->torrent, f->leech_dir, FALSE);
  GListModel   *tree = spate_torrent_get_file_tree (torrent);
  g_autoptr (SpateTorrentFile) payload = NULL;
  g_autoptr (SpateTorrentFile) video = NULL;
  g_autoptr (SpateTorrentFile) clip = NULL;
  g_autoptr (SpateTorrentFile) movie = NULL;
  g_autoptr (SpateTorrentFile) docs = NULL;
  g_autofree char *shape = NULL;
  Download         d = { torrent, tree };
  gint64           total = 0;

  /* Built at once: the torrent has its metadata. */
  shape = describe_tree (tree);
  g_assert_cmpstr (shape, ==, PAYLOAD_SHAPE);
  g_assert_cmpuint (spate_file_tree_get_n_files (SPATE_FILE_TREE (tree)), ==,
                    G_N_ELEMENTS (payload_files));
  check_tree (torrent, tree);

  for (guint i = 0; i < G_N_ELEMENTS (payload_files); i++)
    total += payload_files[i].size;
  payload = find_node (tree, "payload");
  g_assert_cmpstr (spate_torrent_file_get_name (payload), ==, "payload");
  g_assert_cmpint (spate_torrent_file_get_size (payload), ==, total);
  g_assert_cmpint (spate_torrent_file_get_done (payload), ==, 0);
  video = find_node (tree, "payload/video");
  g_assert_cmpint (spate_torrent_file_get_size (video), ==, 1500000 + 600000);
  assert_node (tree, "payload", SPATE_PRIORITY_NORMAL, SPATE_WANTED_STATE_WANTED);
  assert_node (tree, "payload/docs/img/pic-10.png", SPATE_PRIORITY_NORMAL,
               SPATE_WANTED_STATE_WANTED);

  /* Skipping a folder skips every file in it, at once. */
  spate_torrent_file_set_wanted (video, FALSE, &error);
  g_assert_no_error (error);
  assert_node (tree, "payload/video", SPATE_PRIORITY_SKIP, SPATE_WANTED_STATE_SKIPPED);
  assert_node (tree, "payload/video/movie.mkv", SPATE_PRIORITY_SKIP, SPATE_WANTED_STATE_SKIPPED);
  assert_node (tree, "payload/video/extras", SPATE_PRIORITY_SKIP, SPATE_WANTED_STATE_SKIPPED);
  assert_node (tree, "payload/video/extras/clip.mkv", SPATE_PRIORITY_SKIP,
               SPATE_WANTED_STATE_SKIPPED);
  assert_node (tree, "payload", -1, SPATE_WANTED_STATE_MIXED);

  /* One file back makes its folders mixed. */
  clip = find_node (tree, "payload/video/extras/clip.mkv");
  spate_torrent_file_set_priority (clip, SPATE_PRIORITY_HIGH, &error);
  g_assert_no_error (error);
  assert_node (tree, "payload/video/extras", SPATE_PRIORITY_HIGH, SPATE_WANTED_STATE_WANTED);
  assert_node (tree, "payload/video", -1, SPATE_WANTED_STATE_MIXED);
  assert_node (tree, "payload", -1, SPATE_WANTED_STATE_MIXED);

  /* Quick changes end where the last one says, however libtorrent's disk
   * threads order them. */
  docs = find_node (tree, "payload/docs");
  for (int i = 0; i < 6; i++)
    {
      spate_torrent_file_set_wanted (docs, i % 2 == 1, &error);
      g_assert_no_error (error);
    }
  assert_node (tree, "payload/docs/img", SPATE_PRIORITY_NORMAL, SPATE_WANTED_STATE_WANTED);

  /* libtorrent takes them on its disk threads, so a moment later. */
  movie = find_node (tree, "payload/video/movie.mkv");
  g_assert_true (spate_test_spin_until (libtorrent_has_priorities, tree, WAIT_MS));
  g_assert_cmpint (priority_in_libtorrent (torrent, movie), ==, SPATE_PRIORITY_SKIP);
  g_assert_cmpint (priority_in_libtorrent (torrent, clip), ==, SPATE_PRIORITY_HIGH);
  g_clear_object (&docs);
  docs = find_node (tree, "payload/docs/img/pic-10.png");
  g_assert_cmpint (priority_in_libtorrent (torrent, docs), ==, SPATE_PRIORITY_NORMAL);
  /* Refreshing from libtorrent shows the same. */
  _spate_torrent_refresh_children (torrent);
  assert_node (tree, "payload/video/movie.mkv", SPATE_PRIORITY_SKIP, SPATE_WANTED_STATE_SKIPPED);
  assert_node (tree, "payload/video", -1, SPATE_WANTED_STATE_MIXED);

  start_seeder (f, f->torrent, 0);
  connect_to_seeder (f, torrent);
  g_assert_true (spate_test_spin_until (download_done, &d, WAIT_MS));

  check_tree (torrent, tree);
  g_assert_cmpfloat (spate_torrent_file_get_progress (clip), ==, 1.0);
  g_assert_cmpint (spate_torrent_file_get_done (clip), ==, 600000);
  /* A skipped file gets at most the pieces it shares with wanted ones. */
  g_assert_cmpfloat (spate_torrent_file_get_progress (movie), <, 1.0);
  g_assert_cmpint (spate_torrent_file_get_done (payload), <, total);
  g_assert_cmpint (spate_torrent_file_get_done (payload), >=, total - 1500000);
  assert_same_bytes (f, "payload/video/extras/clip.mkv");
  assert_same_bytes (f, "payload/docs/img/pic-2.png");
  assert_same_bytes (f, "payload/zeta.bin");

  g_assert_cmpint (priority_in_libtorrent (torrent, movie), ==, SPATE_PRIORITY_SKIP);
  g_assert_cmpint (priority_in_libtorrent (torrent, clip), ==, SPATE_PRIORITY_HIGH);

  g_clear_object (&payload);
  g_clear_object (&video);
  g_clear_object (&clip);
  g_clear_object (&movie);
  g_clear_object (&docs);
  g_assert_finalize_object (tree);
}

/* -------------------------------------------------------- quiet refresh */

static void
test_quiet_refresh (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = add_seeding_torrent (f);
  GListModel   *tree = spate_torrent_get_file_tree (torrent);
  GListModel   *trackers = spate_torrent_get_trackers (torrent);
  GListModel   *peers = spate_torrent_get_peers (torrent);
  GListModel   *web_seeds = spate_torrent_get_web_seeds (torrent);
  SpatePieces  *pieces = spate_torrent_get_pieces (torrent);
  g_autoptr (SpateTorrentFile) zeta = NULL;
  SpatePieceSnapshot *snapshot;

  /* Settled: one more refresh after the check. */
  _spate_torrent_refresh_children (torrent);
  snapshot = spate_pieces_get_snapshot (pieces);
  g_assert_cmpint (spate_piece_snapshot_get_n_have (snapshot), ==,
                   spate_piece_snapshot_get_n_pieces (snapshot));
  /* Each list holds its own kind of item, of this torrent. */
  g_assert_true (g_list_model_get_item_type (trackers) == SPATE_TYPE_TRACKER);
  g_assert_true (g_list_model_get_item_type (peers) == SPATE_TYPE_PEER);
  g_assert_true (g_list_model_get_item_type (web_seeds) == SPATE_TYPE_WEB_SEED);
  g_assert_true (spate_item_list_get_torrent (SPATE_ITEM_LIST (trackers)) == torrent);
  g_assert_true (spate_item_list_get_torrent (SPATE_ITEM_LIST (peers)) == torrent);
  g_assert_true (spate_item_list_get_torrent (SPATE_ITEM_LIST (web_seeds)) == torrent);

  g_signal_connect (tree, "items-changed", G_CALLBACK (on_items_changed), f);
  for_each_node (tree, watch_node, f);
  g_signal_connect (pieces, "notify", G_CALLBACK (on_notify), f);
  g_signal_connect (trackers, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (peers, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (web_seeds, "items-changed", G_CALLBACK (on_items_changed), f);

  /* Nothing changed: not a signal, by hand or from the session's ticks. */
  reset_counts (f);
  _spate_torrent_refresh_children (torrent);
  _spate_torrent_refresh_children (torrent);
  spate_test_spin_for (2500);
  g_assert_cmpuint (f->notifies, ==, 0);
  g_assert_cmpuint (f->items_changed, ==, 0);
  g_assert_true (spate_pieces_get_snapshot (pieces) == snapshot);

  /* A real change notifies the file and its folder, and moves no row:
   * priority and wanted-state on each. */
  zeta = find_node (tree, "payload/zeta.bin");
  spate_torrent_file_set_wanted (zeta, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->notifies, ==, 4);
  g_assert_cmpuint (f->items_changed, ==, 0);
  assert_node (tree, "payload", -1, SPATE_WANTED_STATE_MIXED);
  reset_counts (f);
  _spate_torrent_refresh_children (torrent);
  g_assert_cmpuint (f->notifies, ==, 0);

  for_each_node (tree, unwatch_node, f);
  g_clear_object (&zeta);
  g_assert_finalize_object (pieces);
  g_assert_finalize_object (web_seeds);
  g_assert_finalize_object (peers);
  g_assert_finalize_object (trackers);
  g_assert_finalize_object (tree);
}

/* ------------------------------------------------------ only while watched */

static void
on_snapshot (SpatePieces *pieces, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static gboolean
all_pieces (gpointer data)
{
  SpatePieceSnapshot *snapshot = spate_pieces_get_snapshot (data);

  return spate_piece_snapshot_get_n_pieces (snapshot) > 0 &&
         spate_piece_snapshot_get_n_have (snapshot) == spate_piece_snapshot_get_n_pieces (snapshot);
}

static void
test_unwatched (Fixture *f, gconstpointer data)
{
  SpateTorrent *torrent = add_torrent (f, f->torrent, f->leech_dir, FALSE);
  GListModel   *tree = spate_torrent_get_file_tree (torrent);
  GListModel   *again = spate_torrent_get_file_tree (torrent);
  SpatePieces  *pieces = spate_torrent_get_pieces (torrent);
  guint         snapshots = 0;

  /* One model per kind while it lives. */
  g_assert_true (again == tree);
  g_object_unref (again);
  g_assert_true (_spate_torrent_find_child (torrent, SPATE_TYPE_FILE_TREE) == G_OBJECT (tree));
  g_assert_true (_spate_torrent_find_child (torrent, SPATE_TYPE_PIECES) == G_OBJECT (pieces));

  /* The session alone brings the pieces in as they arrive. */
  g_assert_cmpint (spate_piece_snapshot_get_n_have (spate_pieces_get_snapshot (pieces)), ==, 0);
  g_signal_connect (pieces, "notify::snapshot", G_CALLBACK (on_snapshot), &snapshots);
  start_seeder (f, f->torrent, 0);
  connect_to_seeder (f, torrent);
  g_assert_true (spate_test_spin_until (all_pieces, pieces, WAIT_MS));
  g_assert_cmpuint (snapshots, >, 0);

  /* Gone when the last reference goes; the torrent forgets it. */
  g_assert_finalize_object (pieces);
  g_assert_null (_spate_torrent_find_child (torrent, SPATE_TYPE_PIECES));
  g_assert_true (_spate_torrent_has_children (torrent));
  g_assert_finalize_object (tree);
  g_assert_null (_spate_torrent_find_child (torrent, SPATE_TYPE_FILE_TREE));
  g_assert_false (_spate_torrent_has_children (torrent));

  /* Ticks go on without them. */
  spate_test_spin_for (2500);

  /* A new one is made, and filled at once. */
  tree = spate_torrent_get_file_tree (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 1);
  g_assert_finalize_object (tree);
}

/* ------------------------------------------------------------- trackers */

/* opentracker's whitelist: v1 and the v2 hash cut to 20 bytes. */
static char **
tracker_hashes (GBytes *torrent)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  GPtrArray *hashes = g_ptr_array_new ();

  info = spate_lt_info_new_from_bytes (g_bytes_get_data (torrent, NULL), g_bytes_get_size (torrent),
                                       &error);
  g_assert_no_error (error);
  if (spate_lt_info_get_info_hash_v1 (info) != NULL)
    g_ptr_array_add (hashes, g_strdup (spate_lt_info_get_info_hash_v1 (info)));
  if (spate_lt_info_get_info_hash_v2 (info) != NULL)
    g_ptr_array_add (hashes, g_strndup (spate_lt_info_get_info_hash_v2 (info), 40));
  g_ptr_array_add (hashes, NULL);
  return (char **) g_ptr_array_free (hashes, FALSE);
}

static SpateTracker *
find_tracker (GListModel *list, const char *url)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SpateTracker) tracker = g_list_model_get_item (list, i);
      if (g_str_equal (spate_tracker_get_url (tracker), url))
        return tracker; /* the list holds it */
    }
  return NULL;
}

typedef struct
{
  GListModel *list;
  const char *working;
  const char *failing;
} TrackerWait;

static gboolean
trackers_settled (gpointer data)
{
  TrackerWait  *w = data;
  SpateTracker *working = find_tracker (w->list, w->working);
  SpateTracker *failing = find_tracker (w->list, w->failing);

  return working != NULL && failing != NULL &&
         spate_tracker_get_status (working) == SPATE_TRACKER_STATUS_WORKING &&
         spate_tracker_get_status (failing) == SPATE_TRACKER_STATUS_ERROR;
}

static gboolean
has_n_items (gpointer data)
{
  GListModel *list = data;
  return g_list_model_get_n_items (list) == GPOINTER_TO_UINT (g_object_get_data (data, "want"));
}

static gboolean
wait_n_items (GListModel *list, guint n)
{
  g_object_set_data (G_OBJECT (list), "want", GUINT_TO_POINTER (n));
  return spate_test_spin_until (has_n_items, list, WAIT_MS);
}

static void
test_trackers (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) hashes = NULL;
  g_autoptr (SpateTestService) opentracker = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *bogus = NULL;
  g_autofree char *extra = NULL;
  SpateTorrent    *torrent;
  GListModel      *list;
  SpateTracker    *working, *failing, *added;
  TrackerWait      w;

  if (spate_test_skip_without ("opentracker"))
    return;

  hashes = tracker_hashes (f->torrent);
  opentracker = spate_test_opentracker_start ((const char * const *) hashes, &error);
  g_assert_no_error (error);
  /* Nothing listens there: the announce is refused. */
  bogus = g_strdup_printf ("http://127.0.0.1:%d/announce", spate_test_free_port ());
  bytes = spate_test_make_torrent (
      f->payload, NULL,
      (const char * const[]){ spate_test_service_get_url (opentracker), bogus, NULL }, NULL,
      PIECE_SIZE);

  torrent = add_torrent (f, bytes, f->leech_dir, FALSE);
  list = spate_torrent_get_trackers (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  w = (TrackerWait){ list, spate_test_service_get_url (opentracker), bogus };
  g_assert_true (spate_test_spin_until (trackers_settled, &w, WAIT_MS));

  working = find_tracker (list, w.working);
  g_assert_true (spate_tracker_get_verified (working));
  g_assert_cmpint (spate_tracker_get_fails (working), ==, 0);
  g_assert_true (spate_tracker_get_source (working) & SPATE_TRACKER_SOURCE_TORRENT);
  failing = find_tracker (list, bogus);
  g_assert_cmpint (spate_tracker_get_fails (failing), >=, 1);
  g_assert_nonnull (spate_tracker_get_message (failing));
  g_assert_cmpstr (spate_tracker_get_message (failing), !=, "");
  g_test_message ("refused tracker: %s", spate_tracker_get_message (failing));
  g_assert_cmpint (spate_tracker_get_tier (failing), ==, 1);

  /* A tracker added by hand is appended; the rows there stay the same. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);
  extra = g_strdup_printf ("http://127.0.0.1:%d/announce", spate_test_free_port ());
  spate_torrent_add_tracker (torrent, extra, 5, &error);
  g_assert_no_error (error);
  g_assert_true (wait_n_items (list, 3));
  g_assert_cmpuint (f->items_changed, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 2);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 1);
  g_assert_true (find_tracker (list, w.working) == working);
  g_assert_true (find_tracker (list, bogus) == failing);
  added = find_tracker (list, extra);
  g_assert_nonnull (added);
  g_assert_cmpint (spate_tracker_get_tier (added), ==, 5);
  g_assert_true (spate_tracker_get_source (added) & SPATE_TRACKER_SOURCE_CLIENT);

  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (list);
}

/* ---------------------------------------------------------------- peers */

typedef struct
{
  GListModel *list;
  int         port;
} PeerWait;

static SpatePeer *
find_peer (GListModel *list, int port)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SpatePeer) peer = g_list_model_get_item (list, i);
      if (g_str_equal (spate_peer_get_address (peer), "127.0.0.1") &&
          spate_peer_get_port (peer) == (guint) port)
        return peer; /* the list holds it */
    }
  return NULL;
}

static gboolean
peer_sending (gpointer data)
{
  PeerWait  *w = data;
  SpatePeer *peer = find_peer (w->list, w->port);

  if (peer == NULL)
    return FALSE;
  /* Listed from the first packets; a seed once its bitfield is in. */
  return (spate_peer_get_flags (peer) & SPATE_PEER_SEED) &&
         (spate_peer_get_downloaded (peer) > 0 || spate_peer_get_download_rate (peer) > 0);
}

static void
test_peers (Fixture *f, gconstpointer data)
{
  SpateTorrent *torrent = add_torrent (f, f->torrent, f->leech_dir, FALSE);
  GListModel   *list = spate_torrent_get_peers (torrent);
  PeerWait      w = { list, 0 };
  SpatePeer    *peer;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);

  /* Slow enough that the connection outlives a few refreshes. */
  start_seeder (f, f->torrent, 1000000);
  w.port = spate_test_session_get_port (f->seeder);
  connect_to_seeder (f, torrent);
  g_assert_true (spate_test_spin_until (peer_sending, &w, WAIT_MS));

  peer = find_peer (list, w.port);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, >=, 1);
  g_assert_true (spate_peer_get_flags (peer) & SPATE_PEER_SEED);
  g_assert_true (spate_peer_get_flags (peer) & SPATE_PEER_OUTGOING);
  g_assert_cmpint (spate_peer_get_connection (peer), ==, SPATE_PEER_CONNECTION_TCP);
  g_assert_cmpfloat (spate_peer_get_progress (peer), ==, 1.0);
  g_assert_nonnull (spate_peer_get_client (peer));
  g_test_message ("seeder's client: %s", spate_peer_get_client (peer));

  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (list);
}

/* ------------------------------------------------------------ web seeds */

static SpateWebSeed *
web_seed_at (GListModel *list, guint position)
{
  g_autoptr (SpateWebSeed) seed = g_list_model_get_item (list, position);
  return seed; /* the list holds it */
}

static void
test_web_seeds (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *first = g_strdup_printf ("http://127.0.0.1:%d/a/", spate_test_free_port ());
  g_autofree char *second = g_strdup_printf ("http://127.0.0.1:%d/b/", spate_test_free_port ());
  SpateTorrent    *torrent;
  GListModel      *list;
  SpateWebSeed    *kept;

  /* Paused: libtorrent never tries the seeds, so never drops them. */
  bytes = spate_test_make_torrent (f->payload, NULL, NULL, (const char * const[]){ first, NULL },
                                   PIECE_SIZE);
  torrent = add_torrent (f, bytes, f->leech_dir, TRUE);
  list = spate_torrent_get_web_seeds (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (spate_web_seed_get_url (web_seed_at (list, 0)), ==, first);
  g_assert_cmpint (spate_web_seed_get_seed_type (web_seed_at (list, 0)), ==,
                   SPATE_WEB_SEED_TYPE_URL);
  kept = web_seed_at (list, 0);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);
  spate_torrent_add_web_seed (torrent, second, &error);
  g_assert_no_error (error);
  g_assert_true (wait_n_items (list, 2));
  g_assert_cmpuint (f->items_changed, ==, 1);
  g_assert_true (web_seed_at (list, 0) == kept);
  g_assert_cmpstr (spate_web_seed_get_url (web_seed_at (list, 1)), ==, second);

  kept = web_seed_at (list, 1);
  spate_torrent_remove_web_seed (torrent, first, &error);
  g_assert_no_error (error);
  g_assert_true (wait_n_items (list, 1));
  g_assert_cmpuint (f->items_changed, ==, 2);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 0);
  g_assert_true (web_seed_at (list, 0) == kept);

  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (list);
}

/* --------------------------------------------------------------- pieces */

static void
assert_have_all (SpatePieceSnapshot *snapshot, guint8 value)
{
  gsize         n;
  const guint8 *have = g_bytes_get_data (spate_piece_snapshot_get_have (snapshot), &n);

  g_assert_cmpuint (n, ==, (gsize) spate_piece_snapshot_get_n_pieces (snapshot));
  for (gsize i = 0; i < n; i++)
    g_assert_cmpuint (have[i], ==, value);
}

static void
test_pieces (Fixture *f, gconstpointer data)
{
  SpateTorrent *torrent = add_torrent (f, f->torrent, f->leech_dir, FALSE);
  SpatePieces  *pieces = spate_torrent_get_pieces (torrent);
  g_autoptr (SpatePieceSnapshot) before = NULL;
  SpatePieceSnapshot *after;
  gsize               n_availability;

  /* Nothing downloaded yet, nobody to count. */
  before = spate_piece_snapshot_ref (spate_pieces_get_snapshot (pieces));
  g_assert_cmpint (spate_piece_snapshot_get_n_pieces (before), ==,
                   spate_torrent_get_pieces_total (torrent));
  g_assert_cmpint (spate_piece_snapshot_get_n_pieces (before), >, 1);
  g_assert_cmpint (spate_piece_snapshot_get_piece_length (before), ==, PIECE_SIZE);
  g_assert_cmpint (spate_piece_snapshot_get_n_have (before), ==, 0);
  g_assert_false (spate_piece_snapshot_has_piece (before, 0));
  assert_have_all (before, 0);

  start_seeder (f, f->torrent, 0);
  connect_to_seeder (f, torrent);
  g_assert_true (spate_test_spin_until (all_pieces, pieces, WAIT_MS));
  after = spate_pieces_get_snapshot (pieces);
  assert_have_all (after, 1);
  g_assert_true (spate_piece_snapshot_has_piece (after, 0));
  g_assert_cmpint (spate_piece_snapshot_get_piece_length (after), ==, PIECE_SIZE);
  /* The old snapshot is as it was. */
  assert_have_all (before, 0);
  g_bytes_get_data (spate_piece_snapshot_get_availability (after), &n_availability);
  g_assert_true (n_availability == 0 ||
                 n_availability ==
                     (gsize) spate_piece_snapshot_get_n_pieces (after) * sizeof (guint16));

  /* Once complete and idle, a refresh keeps the same snapshot. */
  _spate_torrent_refresh_children (torrent);
  after = spate_pieces_get_snapshot (pieces);
  g_signal_connect (pieces, "notify", G_CALLBACK (on_notify), f);
  reset_counts (f);
  _spate_torrent_refresh_children (torrent);
  g_assert_cmpuint (f->notifies, ==, 0);
  g_assert_true (spate_pieces_get_snapshot (pieces) == after);

  g_signal_handlers_disconnect_by_data (pieces, f);
  g_assert_finalize_object (pieces);
}

/* --------------------------------------------------------------- magnet */

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static void
test_magnet (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  g_autofree char *magnet = NULL;
  g_autofree char *shape = NULL;
  SpateAddOptions  options = { .save_path = f->leech_dir };
  SpateTorrent    *torrent;
  GListModel      *tree;

  info = spate_lt_info_new_from_bytes (g_bytes_get_data (f->torrent, NULL),
                                       g_bytes_get_size (f->torrent), &error);
  g_assert_no_error (error);
  magnet = spate_lt_info_make_magnet (info);
  torrent = spate_session_add_magnet (f->session, magnet, &options, &error);
  g_assert_no_error (error);
  f->torrent_object = torrent;
  g_object_add_weak_pointer (G_OBJECT (torrent), (gpointer *) &f->torrent_object);

  /* No metadata, no files. */
  tree = spate_torrent_get_file_tree (torrent);
  g_assert_false (spate_torrent_get_has_metadata (torrent));
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 0);
  g_assert_cmpuint (spate_file_tree_get_n_files (SPATE_FILE_TREE (tree)), ==, 0);
  _spate_torrent_refresh_children (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 0);

  g_signal_connect (tree, "items-changed", G_CALLBACK (on_items_changed), f);
  start_seeder (f, f->torrent, 0);
  connect_to_seeder (f, torrent);
  g_assert_true (spate_test_spin_until (has_items, tree, WAIT_MS));

  g_assert_cmpuint (f->items_changed, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 1);
  shape = describe_tree (tree);
  g_assert_cmpstr (shape, ==, PAYLOAD_SHAPE);
  check_tree (torrent, tree);

  g_signal_handlers_disconnect_by_data (tree, f);
  g_assert_finalize_object (tree);
}

/* --------------------------------------------------------------- rename */

typedef struct
{
  GListModel *tree;
  int         index;
  const char *path;
} RenameWait;

static gboolean
renamed (gpointer data)
{
  RenameWait       *w = data;
  SpateTorrentFile *node = spate_file_tree_get_file (SPATE_FILE_TREE (w->tree), w->index);

  return node != NULL && g_str_equal (spate_torrent_file_get_path (node), w->path);
}

static void
test_rename (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = add_seeding_torrent (f);
  GListModel   *tree = spate_torrent_get_file_tree (torrent);
  g_autoptr (SpateTorrentFile) readme = find_node (tree, "payload/readme.txt");
  g_autofree char *shape = NULL;
  RenameWait       w = { tree, spate_torrent_file_get_index (readme), "payload/docs/notes.txt" };

  g_signal_connect (tree, "items-changed", G_CALLBACK (on_items_changed), f);
  spate_torrent_rename_file (torrent, w.index, w.path, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (renamed, &w, WAIT_MS));

  /* The file moved into another folder: a new tree, the old nodes left. */
  g_assert_cmpuint (f->items_changed, ==, 1);
  g_assert_cmpstr (spate_torrent_file_get_path (readme), ==, "payload/readme.txt");
  shape = describe_tree (tree);
  g_assert_cmpstr (shape, ==,
                   "payload/[docs/[img/[pic-2.png pic-10.png] guide.txt notes.txt] "
                   "video/[extras/[clip.mkv] movie.mkv] empty.txt zeta.bin]");
  check_tree (torrent, tree);

  g_signal_handlers_disconnect_by_data (tree, f);
  g_clear_object (&readme);
  g_assert_finalize_object (tree);
}

/* Held appends are found at once, listed together at the release. */
static void
on_list_changed (GListModel *list, guint position, guint removed, guint added, guint *signals)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position + added, ==, g_list_model_get_n_items (list));
  (*signals)++;
}

static void
test_held_list (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateTorrentList) list = spate_torrent_list_new ();
  g_autoptr (SpateTorrent) a = _spate_torrent_new (f->session, "a", "a", f->leech_dir);
  g_autoptr (SpateTorrent) b = _spate_torrent_new (f->session, "b", "b", f->leech_dir);
  g_autoptr (SpateTorrent) c = _spate_torrent_new (f->session, "c", "c", f->leech_dir);
  guint signals = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_changed), &signals);
  spate_torrent_list_hold (list);
  spate_torrent_list_hold (list); /* holds nest */
  spate_torrent_list_append (list, a);
  spate_torrent_list_append (list, b);
  spate_torrent_list_append (list, c);
  g_assert_true (spate_torrent_list_lookup (list, "b") == b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  /* One removed while held never shows. */
  g_assert_true (spate_torrent_list_remove (list, b));
  g_assert_null (spate_torrent_list_lookup (list, "b"));
  spate_torrent_list_release (list);
  g_assert_cmpuint (signals, ==, 0);
  spate_torrent_list_release (list);
  g_assert_cmpuint (signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (list), 0) == (gpointer) a);
  g_object_unref (a);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (list), 1) == (gpointer) c);
  g_object_unref (c);
  /* Released: appends show at once again. */
  spate_torrent_list_append (list, b);
  g_assert_cmpuint (signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/models/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("file-tree", test_file_tree);
  ADD ("quiet-refresh", test_quiet_refresh);
  ADD ("unwatched", test_unwatched);
  ADD ("trackers", test_trackers);
  ADD ("peers", test_peers);
  ADD ("web-seeds", test_web_seeds);
  ADD ("pieces", test_pieces);
  ADD ("magnet", test_magnet);
  ADD ("rename", test_rename);
  ADD ("held-list", test_held_list);
#undef ADD
  return g_test_run ();
}
