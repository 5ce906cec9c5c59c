/* test-durability.c: what is on disk after a crash at any point of a save,
 * damaged resume files, a read-only or full data folder, and a shutdown
 * with thousands of torrents to save.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "spate-session-private.h"
#include "spate-test-engine.h"

/* Mounting (a tiny tmpfs, a read-only remount) works in a private mount
 * namespace of our own, which disappears with the process. */
static gboolean can_mount;
static char    *mount_skip_reason;

typedef struct
{
  char      *dir;
  char      *data_dir;
  char      *target;
  GPtrArray *torrents; /* GBytes */
  GPtrArray *hashes;   /* char* */
  gboolean   mounted;
} Fixture;

/* A torrent of one file of two 16 KiB pieces, its bytes made up. */
static GBytes *
make_torrent_bytes (guint n, char **hash)
{
  g_autoptr (GString) s = g_string_new ("d4:infod6:lengthi32768e4:name");
  g_autofree char *name = g_strdup_printf ("gen-%05u", n);
  g_autoptr (GRand) rand = g_rand_new_with_seed (n + 1);
  g_autoptr (SpateLtInfo) info = NULL;
  GBytes *bytes;

  g_string_append_printf (s, "%zu:%s12:piece lengthi16384e6:pieces40:", strlen (name), name);
  for (guint i = 0; i < 40; i++)
    g_string_append_c (s, (char) g_rand_int_range (rand, 0, 256));
  g_string_append (s, "ee");
  bytes = g_bytes_new (s->str, s->len);
  info = spate_lt_info_new_from_bytes (g_bytes_get_data (bytes, NULL), s->len, NULL);
  g_assert_nonnull (info);
  *hash = g_strdup (spate_lt_info_get_info_hash_v1 (info));
  return bytes;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);

  f->dir = spate_test_make_tmpdir ("engine-durability");
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  g_mkdir_with_parents (f->data_dir, 0700);
  g_mkdir_with_parents (f->target, 0755);
  f->torrents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  f->hashes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      char *hash;
      g_ptr_array_add (f->torrents, make_torrent_bytes (i, &hash));
      g_ptr_array_add (f->hashes, hash);
    }
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->mounted)
    umount2 (f->data_dir, MNT_DETACH);
  spate_test_rm_rf (f->dir);
  g_ptr_array_unref (f->torrents);
  g_ptr_array_unref (f->hashes);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->target);
}

static char *
resume_file (Fixture *f, guint i, const char *suffix)
{
  g_autofree char *name = g_strconcat (g_ptr_array_index (f->hashes, i), suffix, NULL);
  return g_build_filename (f->data_dir, "resume", name, NULL);
}

static gboolean
restored (gpointer data)
{
  return !spate_session_get_restoring (data);
}

static gboolean
store_idle (gpointer data)
{
  return spate_store_get_pending (_spate_session_get_store (data)) == 0;
}

typedef struct
{
  guint      save_failed;
  GPtrArray *restore_failed;
} Counts;

static void
on_save_failed (SpateSession *session, GError *error, Counts *c)
{
  g_test_message ("save-failed: %s", error->message);
  c->save_failed++;
}

static void
on_restore_failed (SpateSession *session, const char *info_hash, GError *error, Counts *c)
{
  g_ptr_array_add (c->restore_failed, g_strdup (info_hash));
}

/* Adds the first n torrents stopped, each with the upload limit given. */
static SpateSession *
session_with (Fixture *f, guint n, int limit)
{
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      SpateTorrent *t = spate_session_add_bytes (session, g_ptr_array_index (f->torrents, i),
                                                 &(SpateAddOptions){ .paused = TRUE }, &error);
      g_assert_no_error (error);
      g_assert_true (spate_torrent_set_upload_limit (t, limit, &error));
    }
  return session;
}

static SpateSession *
restore (Fixture *f, Counts *c)
{
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);

  g_signal_connect (session, "restore-failed", G_CALLBACK (on_restore_failed), c);
  g_signal_connect (session, "save-failed", G_CALLBACK (on_save_failed), c);
  spate_session_restore (session);
  g_assert_true (spate_test_spin_until (restored, session, 60000));
  return session;
}

static void
set_all_limits (SpateSession *session, int limit)
{
  GListModel *list = G_LIST_MODEL (spate_session_get_torrents (session));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SpateTorrent) t = g_list_model_get_item (list, i);
      g_assert_true (spate_torrent_set_upload_limit (t, limit, NULL));
    }
}

static int
upload_limit (SpateSession *session, const char *hash)
{
  SpateTorrent *t = spate_session_lookup (session, hash);
  int           limit = -1;

  g_assert_nonnull (t);
  g_assert_true (spate_torrent_get_limits (t, NULL, &limit, NULL, NULL, NULL));
  return limit;
}

/* Every resume file parses and names its own torrent; no .tmp, no empty file. */
static void
assert_folder_sound (Fixture *f, guint n, gboolean strict)
{
  g_autofree char *resume_dir = g_build_filename (f->data_dir, "resume", NULL);
  g_autoptr (GDir) dir = g_dir_open (resume_dir, 0, NULL);
  const char *name;
  guint       resumes = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (resume_dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize            length;

      g_assert_false (g_str_has_suffix (name, ".tmp"));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      /* A backup may be the damaged file a test left; Spate writes none empty. */
      if (strict || g_str_has_suffix (name, ".resume"))
        g_assert_cmpuint (length, >, 0);
      if (g_str_has_suffix (name, ".resume"))
        {
          g_autoptr (SpateLtAddParams) params = NULL;
          g_autofree char *hash = g_strndup (name, strchr (name, '.') - name);
          params = spate_lt_add_params_new_from_resume ((guint8 *) contents, length, NULL);
          g_assert_nonnull (params);
          g_assert_true (spate_lt_add_params_has_info_hash (params, hash));
          resumes++;
        }
    }
  g_assert_cmpuint (resumes, ==, n);
}

static void
truncate_file (const char *path, double fraction)
{
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) (length * fraction), NULL));
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Two generations on disk: .bak says limit 1000, .resume says 2000. */
static void
two_generations (Fixture *f, guint n)
{
  Counts        c = { 0, g_ptr_array_new_with_free_func (g_free) };
  SpateSession *session = session_with (f, n, 1000);

  spate_test_engine_session_close (session);
  session = restore (f, &c);
  set_all_limits (session, 2000);
  spate_test_engine_session_close (session);
  g_assert_cmpuint (c.restore_failed->len, ==, 0);
  g_ptr_array_unref (c.restore_failed);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *bak = resume_file (f, i, ".bak");
      g_assert_true (g_file_test (bak, G_FILE_TEST_EXISTS));
    }
}

/* ------------------------------------------------------------- torn writes */

static void
test_torn_writes (Fixture *f, gconstpointer data)
{
  Counts           c = { 0, g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *a_tmp = resume_file (f, 0, ".resume.tmp");
  g_autofree char *c_resume = resume_file (f, 2, ".resume");
  g_autofree char *d_resume = resume_file (f, 3, ".resume");
  g_autofree char *d_bak = resume_file (f, 3, ".bak");
  g_autofree char *d_tmp = resume_file (f, 3, ".resume.tmp");
  g_autofree char *e_resume = resume_file (f, 4, ".resume");
  g_autofree char *index_tmp = g_build_filename (f->data_dir, "torrents.index.tmp", NULL);
  g_autofree char *state_tmp = g_build_filename (f->data_dir, "session.state.tmp", NULL);
  SpateSession    *session;

  two_generations (f, 5);

  /* 0: crashed while writing the temporary file: the old one stands. */
  copy_file (c_resume, a_tmp);
  truncate_file (a_tmp, 0.4);
  /* 1: crashed after the rename: the new one, nothing to do. */
  /* 2: a torn resume file (no atomic rename): the backup. */
  truncate_file (c_resume, 0.5);
  /* 3: a new torrent that crashed before its first rename: only the
   * index's magnet link is left. */
  g_assert_cmpint (g_unlink (d_resume), ==, 0);
  g_assert_cmpint (g_unlink (d_bak), ==, 0);
  spate_test_write_random_file (d_tmp, 333, 3);
  /* 4: the resume file gone, the backup left. */
  g_assert_cmpint (g_unlink (e_resume), ==, 0);
  spate_test_write_random_file (index_tmp, 100, 4);
  spate_test_write_random_file (state_tmp, 100, 5);

  session = restore (f, &c);
  /* Stray temporary files are gone as soon as the folder is opened. */
  g_assert_false (g_file_test (a_tmp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (d_tmp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (index_tmp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (state_tmp, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session))),
                    ==, 5);
  g_assert_cmpint (upload_limit (session, g_ptr_array_index (f->hashes, 0)), ==, 2000);
  g_assert_cmpint (upload_limit (session, g_ptr_array_index (f->hashes, 1)), ==, 2000);
  g_assert_cmpint (upload_limit (session, g_ptr_array_index (f->hashes, 2)), ==, 1000);
  g_assert_cmpint (upload_limit (session, g_ptr_array_index (f->hashes, 4)), ==, 1000);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (spate_torrent_get_save_path (
                         spate_session_lookup (session, g_ptr_array_index (f->hashes, i))),
                     ==, f->target);
  g_assert_true (g_ptr_array_find_with_equal_func (
      c.restore_failed, g_ptr_array_index (f->hashes, 2), g_str_equal, NULL));
  spate_test_engine_session_close (session);
  assert_folder_sound (f, 5, FALSE);
  g_ptr_array_unref (c.restore_failed);
}

/* ------------------------------------------------------ 100 damaged files */

static void
test_hundred_damaged (Fixture *f, gconstpointer data)
{
  Counts        c = { 0, g_ptr_array_new_with_free_func (g_free) };
  SpateSession *session;
  GListModel   *list;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint from_backup = 0;

  two_generations (f, 100);

  /* Ten each of: empty, truncated, random, another torrent's, a flipped
   * info-hash; in the last ten of those fifty the backup is empty too. */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *path = resume_file (f, i, ".resume");
      g_autofree char *other = resume_file (f, 99 - i, ".resume");
      g_autofree char *contents = NULL;
      gsize            length;
      char            *key;

      switch (i / 10)
        {
        case 0:
          g_assert_true (g_file_set_contents (path, "", 0, NULL));
          break;
        case 1:
          truncate_file (path, 0.3);
          break;
        case 2:
          spate_test_write_random_file (path, 1000 + i, i);
          break;
        case 3:
          copy_file (other, path);
          break;
        default:
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          key = memmem (contents, length, "9:info-hash20:", 14);
          g_assert_nonnull (key);
          key[14] ^= 0x5a;
          key[20] ^= 0xa5;
          g_assert_true (g_file_set_contents (path, contents, length, NULL));
          break;
        }
      if (i >= 40)
        {
          g_autofree char *bak = resume_file (f, i, ".bak");
          g_assert_true (g_file_set_contents (bak, "", 0, NULL));
        }
    }

  session = restore (f, &c);
  list = G_LIST_MODEL (spate_session_get_torrents (session));
  g_test_message ("%u restore-failed reports for 50 damaged files", c.restore_failed->len);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 100);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr (SpateTorrent) t = g_list_model_get_item (list, i);
      const char *hash = spate_torrent_get_info_hash (t);
      guint       index;

      /* No duplicates, and each is one of ours at its save path. */
      g_assert_true (g_hash_table_add (seen, (gpointer) hash));
      g_assert_true (g_ptr_array_find_with_equal_func (f->hashes, hash, g_str_equal, &index));
      g_assert_cmpstr (spate_torrent_get_save_path (t), ==, f->target);
      if (index < 50)
        g_assert_true (
            g_ptr_array_find_with_equal_func (c.restore_failed, hash, g_str_equal, NULL));
      if (index >= 50)
        g_assert_cmpint (upload_limit (session, hash), ==, 2000);
      else if (index < 40 && index >= 30)
        /* Another torrent's file cannot stand for this one: the backup. */
        g_assert_cmpint (upload_limit (session, hash), ==, 1000);
      if (index < 40 && upload_limit (session, hash) == 1000)
        from_backup++;
    }
  g_test_message ("%u of 40 with a good backup came from it", from_backup);
  g_assert_cmpuint (from_backup, >=, 30);
  spate_test_engine_session_close (session);
  assert_folder_sound (f, 100, FALSE);
  g_ptr_array_unref (c.restore_failed);
}

/* ---------------------------------------------- read-only and full folders */

typedef enum
{
  BROKEN_READ_ONLY,
  BROKEN_FULL,
} Broken;

static gboolean
save_failed_once (gpointer data)
{
  return ((Counts *) data)->save_failed > 0;
}

static void
fill_up (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  int              fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  char             block[4096] = { 1 };

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
run_broken_folder (Fixture *f, Broken how)
{
  Counts        c = { 0, g_ptr_array_new_with_free_func (g_free) };
  const guint   n = 20;
  SpateSession *session;
  g_autoptr (GHashTable) before =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  gboolean chmodded = FALSE;

  if (can_mount)
    {
      g_assert_cmpint (mount ("tmpfs", f->data_dir, "tmpfs", 0, "size=4m,mode=0700"), ==, 0);
      f->mounted = TRUE;
    }
  else if (how == BROKEN_FULL || geteuid () == 0)
    {
      g_test_skip (mount_skip_reason);
      g_ptr_array_unref (c.restore_failed);
      return;
    }

  session = session_with (f, n, 1000);
  g_signal_connect (session, "save-failed", G_CALLBACK (on_save_failed), &c);
  spate_test_spin_for (1000);
  g_assert_true (spate_test_spin_until (store_idle, session, 10000));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = resume_file (f, i, ".resume");
      g_autofree char *contents = NULL;
      gsize            length;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_hash_table_insert (before, g_steal_pointer (&path),
                           g_bytes_new_take (g_steal_pointer (&contents), length));
    }

  if (how == BROKEN_FULL)
    fill_up (f->data_dir);
  else if (can_mount)
    {
      /* The lock file stays open for writing, so the folder's own mount
       * cannot turn read-only: a read-only bind of resume/ over itself. */
      g_autofree char *resume_dir = g_build_filename (f->data_dir, "resume", NULL);
      g_assert_cmpint (mount (resume_dir, resume_dir, NULL, MS_BIND, NULL), ==, 0);
      g_assert_cmpint (mount (NULL, resume_dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==,
                       0);
    }
  else
    {
      g_autofree char *resume_dir = g_build_filename (f->data_dir, "resume", NULL);
      g_assert_cmpint (g_chmod (resume_dir, 0500), ==, 0);
      g_assert_cmpint (g_chmod (f->data_dir, 0500), ==, 0);
      chmodded = TRUE;
    }

  /* Two rounds of saves of every torrent, and the index with them. */
  set_all_limits (session, 3000);
  g_assert_true (spate_test_spin_until (save_failed_once, &c, 10000));
  spate_test_spin_for (1000);
  g_assert_true (spate_test_spin_until (store_idle, session, 10000));
  set_all_limits (session, 4000);
  spate_test_spin_for (1500);
  g_assert_true (spate_test_spin_until (store_idle, session, 10000));
  g_test_message ("%u save-failed signals for %u torrents saved twice", c.save_failed, n);
  g_assert_cmpuint (c.save_failed, ==, 1);

  if (how == BROKEN_FULL)
    {
      g_autofree char *filler = g_build_filename (f->data_dir, "filler", NULL);
      g_assert_cmpint (g_unlink (filler), ==, 0);
    }
  else if (chmodded)
    {
      g_autofree char *resume_dir = g_build_filename (f->data_dir, "resume", NULL);
      g_chmod (resume_dir, 0700);
      g_chmod (f->data_dir, 0700);
    }
  else
    {
      g_autofree char *resume_dir = g_build_filename (f->data_dir, "resume", NULL);
      g_assert_cmpint (umount (resume_dir), ==, 0);
    }

  /* The previous files are as they were. */
  {
    GHashTableIter iter;
    gpointer       key, value;
    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autofree char *contents = NULL;
        gsize            length;
        g_assert_true (g_file_get_contents (key, &contents, &length, NULL));
        g_assert_cmpmem (contents, length, g_bytes_get_data (value, NULL),
                         g_bytes_get_size (value));
      }
  }
  assert_folder_sound (f, n, TRUE);

  /* With room again, the next save goes through. */
  spate_test_engine_session_close (session);
  session = restore (f, &c);
  g_assert_cmpuint (c.restore_failed->len, ==, 0);
  /* The change whose save failed was saved again at the clean close. */
  g_assert_cmpint (upload_limit (session, g_ptr_array_index (f->hashes, 0)), ==, 4000);
  spate_test_engine_session_close (session);
  g_ptr_array_unref (c.restore_failed);
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  run_broken_folder (f, BROKEN_READ_ONLY);
}

static void
test_full (Fixture *f, gconstpointer data)
{
  run_broken_folder (f, BROKEN_FULL);
}

/* ------------------------------------------------------ a big shutdown */

static void
test_shutdown_5000 (Fixture *f, gconstpointer data)
{
  guint         n = f->torrents->len;
  SpateSession *session = spate_test_engine_session_new (f->data_dir, f->target);
  g_autoptr (GError) error = NULL;
  g_autofree char *resume_dir = g_build_filename (f->data_dir, "resume", NULL);
  g_autoptr (GDir) dir = NULL;
  gint64      start;
  double      add_s, close_s;
  guint       files = 0;
  const char *name;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (spate_session_add_bytes (session, g_ptr_array_index (f->torrents, i),
                                                 &(SpateAddOptions){ .paused = TRUE }, &error));
      g_assert_no_error (error);
    }
  add_s = (g_get_monotonic_time () - start) / 1e6;

  /* Every one is dirty (just added, none saved yet). */
  start = g_get_monotonic_time ();
  g_assert_true (spate_session_close (session, 60000, &error));
  g_assert_no_error (error);
  close_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_finalize_object (session);
  g_test_message ("%u torrents: added in %.2f s, closed (all saved) in %.2f s", n, add_s, close_s);
  printf ("# shutdown with %u dirty torrents: %.2f s\n", n, close_s);

  dir = g_dir_open (resume_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    files += g_str_has_suffix (name, ".resume");
  g_assert_cmpuint (files, ==, n);
  g_assert_cmpfloat (close_s, <, 10.0 * spate_test_time_factor ());
}

static void
enter_mount_namespace (void)
{
  if (geteuid () != 0)
    {
      mount_skip_reason = g_strdup ("not root: cannot mount a tmpfs to fill up");
      return;
    }
  if (unshare (CLONE_NEWNS) != 0 || mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      mount_skip_reason =
          g_strdup_printf ("no private mount namespace (%s): cannot mount", g_strerror (errno));
      return;
    }
  can_mount = TRUE;
}

int
main (int argc, char **argv)
{
  /* Before any thread exists: unshare() refuses threaded processes. */
  enter_mount_namespace ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_setup, func, fixture_teardown)
  ADD ("/spate/durability/torn-writes", 5, test_torn_writes);
  ADD ("/spate/durability/hundred-damaged", 100, test_hundred_damaged);
  ADD ("/spate/durability/read-only", 20, test_read_only);
  ADD ("/spate/durability/full", 20, test_full);
  ADD ("/spate/durability/shutdown-5000", 5000, test_shutdown_5000);
#undef ADD
  return g_test_run ();
}
