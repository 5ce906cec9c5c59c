/* test-persistence.c: a session stopped and started again restores every
 * torrent as it was; damaged resume files cost nothing else.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-engine.h"

#include <glib/gstdio.h>

#define LONELY_HASH "0123456789abcdef0123456789abcdef01234567"
#define LONELY_MAGNET \
  "magnet:?xt=urn:btih:" LONELY_HASH "&dn=lonely&tr=http%3A%2F%2F127.0.0.1%3A9%2Fannounce"
#define EXTRA_TRACKER  "http://127.0.0.1:9/extra/announce"
#define EXTRA_WEB_SEED "http://127.0.0.1:9/seed/"

typedef struct
{
  char           *dir;
  char           *source;
  char           *target;
  char           *data_dir;
  char           *payload[2];
  GBytes         *torrent[2];
  char           *hash[2];
  SpateLtSession *seeder;
  int             seeder_port;
  GPtrArray      *seeds;
} Fixture;

/* What the first session left, to compare the second against. */
typedef struct
{
  char             *name;
  char             *save_path;
  gint64            wanted_done;
  gint64            wanted_size;
  int               queue_position;
  SpateTorrentState state;
  SpateTorrentFlags flags;
  GBytes           *priorities;
  char             *magnet;
  int               upload_limit;
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_free (s->name);
  g_free (s->save_path);
  g_clear_pointer (&s->priorities, g_bytes_unref);
  g_free (s->magnet);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 300000, 700000, 80000, 400001 };

  f->dir = spate_test_make_tmpdir ("engine-persist");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->source, 0755);
  g_mkdir_with_parents (f->target, 0755);
  f->seeder = spate_test_session_new (0, NULL);
  f->seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) spate_lt_torrent_free);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("payload-%u", i);
      g_autofree char *out = g_strdup_printf ("%s/%s.torrent", f->dir, name);
      g_autoptr (SpateLtInfo) info = NULL;
      SpateLtTorrent *seed;

      f->payload[i] =
          spate_test_make_payload (f->source, name, sizes, G_N_ELEMENTS (sizes), 20 + i);
      /* v1: no pad files, so file numbers are the payload's own. */
      f->torrent[i] = spate_test_make_torrent_full (
          &(SpateLtCreateParams){
              .path = f->payload[i], .piece_size = 16384, .format = SPATE_LT_CREATE_V1 },
          out);
      info = spate_lt_info_new_from_bytes (g_bytes_get_data (f->torrent[i], NULL),
                                           g_bytes_get_size (f->torrent[i]), NULL);
      f->hash[i] = g_strdup (spate_lt_info_get_info_hash_v1 (info));
      seed = spate_test_add_torrent (f->seeder, f->torrent[i], f->source, NULL);
      g_assert_true (spate_test_wait_seeding (f->seeder, seed, 30000));
      g_ptr_array_add (f->seeds, seed);
    }
  f->seeder_port = spate_test_session_get_port (f->seeder);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->seeds);
  spate_lt_session_free (f->seeder);
  spate_test_rm_rf (f->dir);
  for (guint i = 0; i < 2; i++)
    {
      g_free (f->payload[i]);
      g_bytes_unref (f->torrent[i]);
      g_free (f->hash[i]);
    }
  g_free (f->dir);
  g_free (f->source);
  g_free (f->target);
  g_free (f->data_dir);
}

static gboolean
restored_and_checked (gpointer data)
{
  SpateSession *session = data;
  GListModel   *list = G_LIST_MODEL (spate_session_get_torrents (session));

  if (spate_session_get_restoring (session))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SpateTorrent) t = g_list_model_get_item (list, i);
      if (spate_torrent_get_state (t) == SPATE_TORRENT_STATE_CHECKING)
        return FALSE;
    }
  return TRUE;
}

static Snapshot *
snapshot (SpateTorrent *t)
{
  Snapshot *s = g_new0 (Snapshot, 1);

  s->name = g_strdup (spate_torrent_get_name (t));
  s->save_path = g_strdup (spate_torrent_get_save_path (t));
  s->wanted_done = spate_torrent_get_wanted_done (t);
  s->wanted_size = spate_torrent_get_wanted_size (t);
  s->queue_position = spate_torrent_get_queue_position (t);
  s->state = spate_torrent_get_state (t);
  s->flags = spate_torrent_get_flags (t);
  s->magnet = spate_torrent_get_magnet_link (t, NULL);
  if (spate_torrent_get_has_metadata (t))
    s->priorities = spate_torrent_get_file_priorities (t, NULL);
  g_assert_true (spate_torrent_get_limits (t, NULL, &s->upload_limit, NULL, NULL, NULL));
  return s;
}

static void
assert_same (SpateTorrent *t, Snapshot *before)
{
  g_autoptr (Snapshot) now = snapshot (t);

  g_test_message ("checking %s", before->name);
  g_assert_cmpstr (now->name, ==, before->name);
  g_assert_cmpstr (now->save_path, ==, before->save_path);
  g_assert_cmpint (now->wanted_done, ==, before->wanted_done);
  g_assert_cmpint (now->wanted_size, ==, before->wanted_size);
  g_assert_cmpint (now->queue_position, ==, before->queue_position);
  g_assert_cmpint (now->state, ==, before->state);
  g_assert_cmpint (now->flags & (SPATE_TORRENT_FLAG_SEQUENTIAL | SPATE_TORRENT_FLAG_PAUSED |
                                 SPATE_TORRENT_FLAG_AUTO_MANAGED),
                   ==,
                   before->flags & (SPATE_TORRENT_FLAG_SEQUENTIAL | SPATE_TORRENT_FLAG_PAUSED |
                                    SPATE_TORRENT_FLAG_AUTO_MANAGED));
  g_assert_cmpstr (now->magnet, ==, before->magnet);
  g_assert_cmpint (now->upload_limit, ==, before->upload_limit);
  g_assert_true ((now->priorities == NULL) == (before->priorities == NULL));
  if (now->priorities != NULL)
    g_assert_true (g_bytes_equal (now->priorities, before->priorities));
}

/* Builds the first session: one torrent partly wanted and done, one paused
 * with extra tracker, web seed, flags and a limit, one magnet that never
 * got its metadata (moved to the top of the queue). */
static GHashTable *
first_run (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  static const guint8 priorities[] = { 7, 0, 4, 1 };
  GHashTable         *snapshots =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) snapshot_free);
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);
  SpateTorrent *partial, *tuned, *lonely;
  GListModel   *list = G_LIST_MODEL (spate_session_get_torrents (session));

  partial = spate_session_add_bytes (
      session, f->torrent[0],
      &(SpateAddOptions){ .file_priorities = priorities, .n_file_priorities = 4 }, &error);
  g_assert_no_error (error);
  spate_torrent_connect_peer (partial, "127.0.0.1", f->seeder_port, NULL);

  tuned = spate_session_add_bytes (
      session, f->torrent[1], &(SpateAddOptions){ .paused = TRUE, .sequential = TRUE }, &error);
  g_assert_no_error (error);
  g_assert_true (spate_torrent_add_tracker (tuned, EXTRA_TRACKER, 3, &error));
  g_assert_true (spate_torrent_add_web_seed (tuned, EXTRA_WEB_SEED, &error));
  g_assert_true (spate_torrent_set_upload_limit (tuned, 12345, &error));

  lonely = spate_session_add_magnet (session, LONELY_MAGNET, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (spate_torrent_queue_move (lonely, SPATE_QUEUE_TOP, &error));
  g_assert_no_error (error);

  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, partial, 30000));
  g_assert_cmpint (spate_torrent_get_wanted_done (partial), <,
                   spate_torrent_get_total_size (partial));
  g_assert_cmpint (spate_torrent_get_wanted_done (partial), >, 0);
  g_assert_cmpint (spate_torrent_get_queue_position (lonely), ==, 0);
  /* Let one status tick carry the shifted queue positions. */
  spate_test_spin_for (1500);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SpateTorrent) t = g_list_model_get_item (list, i);
      g_hash_table_insert (snapshots, g_strdup (spate_torrent_get_info_hash (t)), snapshot (t));
    }
  g_assert_true (g_str_has_prefix (
      ((Snapshot *) g_hash_table_lookup (snapshots, LONELY_HASH))->name, "lonely"));
  spate_test_engine_session_close (session);
  return snapshots;
}

typedef struct
{
  GPtrArray  *failed;    /* info-hashes reported */
  GHashTable *snapshots; /* the first run's, or NULL */
  guint       added;     /* torrents checked as they were added */
} Reports;

/* A torrent restored shows its progress from the resume data before
 * libtorrent has reported on it. */
static void
on_torrent_added (SpateSession *session, SpateTorrent *t, Reports *r)
{
  Snapshot *before;

  if (r->snapshots == NULL)
    return;
  before = g_hash_table_lookup (r->snapshots, spate_torrent_get_info_hash (t));
  g_assert_nonnull (before);
  g_test_message ("added %s: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " was %" G_GINT64_FORMAT
                  "/%" G_GINT64_FORMAT,
                  before->name, spate_torrent_get_wanted_done (t),
                  spate_torrent_get_wanted_size (t), before->wanted_done, before->wanted_size);
  g_assert_cmpstr (spate_torrent_get_name (t), ==, before->name);
  g_assert_cmpstr (spate_torrent_get_save_path (t), ==, before->save_path);
  g_assert_cmpint (spate_torrent_get_wanted_done (t), ==, before->wanted_done);
  g_assert_cmpint (spate_torrent_get_wanted_size (t), ==, before->wanted_size);
  if (before->flags & SPATE_TORRENT_FLAG_PAUSED)
    g_assert_cmpint (spate_torrent_get_state (t), ==, before->state);
  r->added++;
}

static void
on_restore_failed (SpateSession *session, const char *info_hash, GError *error, Reports *r)
{
  g_test_message ("restore-failed %s: %s", info_hash, error->message);
  g_assert_nonnull (strstr (error->message, info_hash));
  g_ptr_array_add (r->failed, g_strdup (info_hash));
}

static void
count_tick (guint *ticks)
{
  (*ticks)++;
}

static gboolean
ticked (gpointer data)
{
  return *(guint *) data > 0;
}

static SpateSession *
second_run (Fixture *f, Reports *r)
{
  guint         ticks = 0;
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);

  g_signal_connect (session, "restore-failed", G_CALLBACK (on_restore_failed), r);
  g_signal_connect (session, "torrent-added", G_CALLBACK (on_torrent_added), r);
  spate_session_restore (session);
  g_assert_true (spate_test_spin_until (restored_and_checked, session, 30000));
  /* The rest of each status (queue positions) comes with the next tick. */
  g_signal_connect_swapped (session, "status-updated", G_CALLBACK (count_tick), &ticks);
  g_assert_true (spate_test_spin_until (ticked, &ticks, 5000));
  g_signal_handlers_disconnect_by_data (session, &ticks);
  return session;
}

static char *
resume_file (Fixture *f, const char *hash, const char *suffix)
{
  g_autofree char *name = g_strconcat (hash, suffix, NULL);
  return g_build_filename (f->data_dir, "resume", name, NULL);
}

static void
test_restores_everything (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) snapshots = first_run (f);
  g_autofree char *complete = resume_file (f, f->hash[0], ".resume");
  Reports          r = { g_ptr_array_new_with_free_func (g_free), snapshots };
  GStatBuf         before, after;
  SpateSession    *session;
  GListModel      *list;
  GHashTableIter   iter;
  gpointer         key, value;

  g_assert_cmpint (g_stat (complete, &before), ==, 0);
  session = second_run (f, &r);
  list = G_LIST_MODEL (spate_session_get_torrents (session));
  /* Past the save debounce: a torrent complete when it was loaded is not
   * written again (saves replace the file, so the inode would change). */
  spate_test_spin_for (1000);
  g_assert_cmpint (g_stat (complete, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);

  g_assert_cmpuint (r.failed->len, ==, 0);
  g_assert_cmpuint (r.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_hash_table_iter_init (&iter, snapshots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SpateTorrent *t = spate_session_lookup (session, key);
      g_assert_nonnull (t);
      assert_same (t, value);
    }
  /* The magnet is still a magnet, waiting for metadata. */
  g_assert_false (spate_torrent_get_has_metadata (spate_session_lookup (session, LONELY_HASH)));
  {
    const char *magnet = ((Snapshot *) g_hash_table_lookup (snapshots, f->hash[1]))->magnet;
    g_assert_nonnull (strstr (magnet, "extra%2fannounce"));
    g_assert_nonnull (strstr (magnet, "seed%2f"));
  }

  spate_test_engine_session_close (session);
  g_ptr_array_unref (r.failed);
}

static void
test_damaged_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) snapshots = first_run (f);
  Reports          r = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *truncated = resume_file (f, f->hash[0], ".resume");
  g_autofree char *zero = resume_file (f, f->hash[1], ".resume");
  g_autofree char *random = resume_file (f, LONELY_HASH, ".resume");
  g_autofree char *contents = NULL;
  gsize            length;
  SpateSession    *session;
  SpateTorrent    *partial;

  g_assert_true (g_file_get_contents (truncated, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (zero, "", 0, NULL));
  spate_test_write_random_file (random, 5000, 99);

  session = second_run (f, &r);
  /* Each damaged file reported, and yet all three are back. */
  g_assert_cmpuint (r.failed->len, >=, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (r.failed, f->hash[0], g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (r.failed, f->hash[1], g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (r.failed, LONELY_HASH, g_str_equal, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session))),
                    ==, 3);

  /* The partly done torrent came from its backup and a recheck: the
   * progress is the files' own. */
  partial = spate_session_lookup (session, f->hash[0]);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, partial, 30000));
  g_assert_cmpint (spate_torrent_get_wanted_done (partial), ==,
                   ((Snapshot *) g_hash_table_lookup (snapshots, f->hash[0]))->wanted_done);
  g_assert_cmpstr (spate_torrent_get_save_path (spate_session_lookup (session, f->hash[1])), ==,
                   f->target);
  spate_test_engine_session_close (session);

  /* The damaged files were replaced with good ones, and no damaged copy
   * became a backup: a backup there is reads too. */
  {
    g_autofree char *truncated_bak = resume_file (f, f->hash[0], ".bak");
    g_autofree char *zero_bak = resume_file (f, f->hash[1], ".bak");
    const char      *files[] = { truncated, zero, truncated_bak, zero_bak };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autoptr (SpateLtAddParams) params = NULL;
        g_autofree char *fixed = NULL;
        g_autoptr (GError) error = NULL;

        if (i >= 2 && !g_file_test (files[i], G_FILE_TEST_EXISTS))
          continue;
        g_test_message ("reading %s", files[i]);
        g_assert_true (g_file_get_contents (files[i], &fixed, &length, NULL));
        params = spate_lt_add_params_new_from_resume ((const guint8 *) fixed, length, &error);
        g_assert_no_error (error);
        g_assert_nonnull (params);
      }
  }
  g_ptr_array_unref (r.failed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/persistence/restores-everything", test_restores_everything);
  ADD ("/spate/persistence/damaged-files", test_damaged_files);
#undef ADD
  return g_test_run ();
}
