/* test-faults.c: what a download does when the world around it fails: a
 * full disk, a folder turned read-only, a save folder gone while Spate was
 * closed, files deleted while seeding, trackers that refuse, hang, talk
 * nonsense or redirect. Real transfers from a libtorrent seeder on
 * loopback; the faults are real too (a small tmpfs, a read-only bind
 * mount, servers that misbehave), which needs root for the mounts.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include <glib/gstdio.h>

#include "spate-test-engine.h"

typedef struct
{
  char           *dir;
  char           *source;
  char           *payload;
  char           *payload2;
  char           *data_dir;
  GBytes         *torrent;
  GBytes         *torrent2;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
  SpateLtTorrent *seed2;
  int             seeder_port;
  SpateSession   *session;
  GPtrArray      *mounts; /* unmounted, newest first, in teardown */
} Fixture;

static const gsize sizes[] = { 300000, 200000 };

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = spate_test_make_tmpdir ("engine-faults");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->source, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 3);
  f->payload2 = spate_test_make_payload (f->source, "other", sizes, G_N_ELEMENTS (sizes), 4);
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, 16384);
  f->torrent2 = spate_test_make_torrent (f->payload2, NULL, NULL, NULL, 16384);
  f->mounts = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->session != NULL)
    spate_test_engine_session_close (f->session);
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seed2, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);
  /* Never remove files through a mount someone else might see. */
  for (guint i = f->mounts->len; i > 0; i--)
    umount2 (g_ptr_array_index (f->mounts, i - 1), MNT_DETACH);
  g_ptr_array_unref (f->mounts);
  g_clear_pointer (&f->torrent, g_bytes_unref);
  g_clear_pointer (&f->torrent2, g_bytes_unref);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->payload2);
  g_free (f->data_dir);
}

/* A seeder of both payloads; extra is applied to its settings (floating,
 * consumed), or NULL. */
static void
start_seeder (Fixture *f, GVariant *extra)
{
  f->seeder = spate_test_session_new (0, extra);
  f->seed = spate_test_add_torrent (f->seeder, f->torrent, f->source, NULL);
  f->seed2 = spate_test_add_torrent (f->seeder, f->torrent2, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed2, 30000));
  f->seeder_port = spate_test_session_get_port (f->seeder);
}

/* A seeder that sends at most 64 KiB/s, so a fault lands mid-download. */
static void
start_slow_seeder (Fixture *f)
{
  g_autoptr (GVariantDict) slow = g_variant_dict_new (NULL);

  g_variant_dict_insert (slow, "upload_rate_limit", "i", 64 * 1024);
  g_variant_dict_insert (slow, "ignore_limits_on_local_network", "b", FALSE);
  start_seeder (f, g_variant_dict_end (slow));
}

/* ---------------------------------------------------------------- mounts */

/* mount(2), remembered for teardown; skips the test when this process may
 * not mount (not root, or a sandbox without CAP_SYS_ADMIN). */
static gboolean
mount_or_skip (Fixture      *f,
               const char   *source,
               const char   *target,
               const char   *type,
               unsigned long flags,
               const char   *options)
{
  if (mount (source, target, type, flags, options) != 0)
    {
      int              saved = errno;
      g_autofree char *reason =
          g_strdup_printf ("Cannot mount %s on %s (%s); the fault needs root with CAP_SYS_ADMIN",
                           type ? type : source, target, g_strerror (saved));

      g_assert_true (saved == EPERM || saved == EACCES);
      g_test_skip (reason);
      return FALSE;
    }
  if (!(flags & MS_REMOUNT))
    g_ptr_array_add (f->mounts, g_strdup (target));
  return TRUE;
}

static void
remount (const char *target, unsigned long flags, const char *options)
{
  if (mount (NULL, target, NULL, MS_REMOUNT | flags, options) != 0)
    g_error ("Cannot remount %s: %s", target, g_strerror (errno));
}

static void
unmount (Fixture *f, const char *target)
{
  g_assert_no_errno (umount2 (target, 0));
  for (guint i = f->mounts->len; i > 0; i--)
    if (g_strcmp0 (g_ptr_array_index (f->mounts, i - 1), target) == 0)
      {
        g_ptr_array_remove_index (f->mounts, i - 1);
        break;
      }
}

/* ------------------------------------------------------------- helpers */

static SpateTorrent *
add (Fixture *f, GBytes *bytes, const SpateAddOptions *options)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = spate_session_add_bytes (f->session, bytes, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  return torrent;
}

static gboolean
has_error (gpointer torrent)
{
  return spate_torrent_get_error (torrent) != NULL &&
         spate_torrent_get_state (torrent) == SPATE_TORRENT_STATE_ERROR;
}

static void
wait_error (SpateTorrent *torrent, guint timeout_ms)
{
  if (!spate_test_spin_until (has_error, torrent, timeout_ms))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);

      g_error ("No error shown: %s", state);
    }
  g_test_message ("%s shows: %s", spate_torrent_get_name (torrent),
                  spate_torrent_get_error (torrent));
}

/* The error the row and the General page show names the reason and the
 * file or folder on disk. */
static void
assert_error_names (SpateTorrent *torrent, const char *reason, const char *path)
{
  const char *error = spate_torrent_get_error (torrent);

  g_assert_nonnull (error);
  if (strstr (error, reason) == NULL || (path != NULL && strstr (error, path) == NULL))
    g_error ("The error “%s” should say “%s” and name %s", error, reason, path);
}

/* Dials the seeder until the torrent is finished, its files checked. */
static void
complete (Fixture *f, SpateTorrent *torrent)
{
  for (guint i = 0; i < 6 && !spate_test_torrent_is_finished (torrent); i++)
    {
      spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
      spate_test_spin_until (spate_test_torrent_is_finished, torrent, 5000);
    }
  if (!spate_test_torrent_is_finished (torrent))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);

      g_error ("Not finished: %s", state);
    }
  g_assert_null (spate_torrent_get_error (torrent));
}

static void
assert_same (const char *a, const char *b)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (spate_test_wait_trees_equal (a, b, 10000, &error));
  g_assert_no_error (error);
}

static void
retry (SpateTorrent *torrent)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (spate_torrent_clear_error (torrent, &error));
  g_assert_no_error (error);
}

typedef struct
{
  SpateTorrent *torrent;
  gint64        min, max;
} DoneBetween;

static gboolean
done_between (gpointer data)
{
  DoneBetween *d = data;
  gint64       done = spate_torrent_get_wanted_done (d->torrent);

  return done >= d->min && done <= d->max;
}

/* ------------------------------------------------------------ disk full */

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autofree char *small = g_build_filename (f->dir, "small", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other-folder", NULL);
  g_autofree char *copy = g_build_filename (small, "payload", NULL);
  g_autofree char *copy2 = g_build_filename (other, "other", NULL);
  SpateTorrent    *full, *fine;

  g_mkdir_with_parents (small, 0755);
  g_mkdir_with_parents (other, 0755);
  /* Room for about half the payload. */
  if (!mount_or_skip (f, "tmpfs", small, "tmpfs", 0, "size=256k,mode=0755"))
    return;
  start_seeder (f, NULL);
  f->session = spate_test_engine_session_new (f->data_dir, NULL);

  full = add (f, f->torrent, &(SpateAddOptions){ .save_path = small });
  fine = add (f, f->torrent2, &(SpateAddOptions){ .save_path = other });
  spate_torrent_connect_peer (full, "127.0.0.1", f->seeder_port, NULL);
  spate_torrent_connect_peer (fine, "127.0.0.1", f->seeder_port, NULL);

  wait_error (full, 30000);
  g_assert_cmpint (spate_torrent_get_state (full), ==, SPATE_TORRENT_STATE_ERROR);
  g_assert_cmpfloat (spate_torrent_get_progress (full), <, 1.0);
  /* The row says "Error: No space left on device: <file>". */
  assert_error_names (full, g_strerror (ENOSPC), copy);

  /* The other torrent, on another disk, does not notice. */
  complete (f, fine);
  assert_same (f->payload2, copy2);
  g_assert_null (spate_torrent_get_error (fine));

  /* Space freed, Retry: it completes. */
  remount (small, 0, "size=4m");
  retry (full);
  complete (f, full);
  assert_same (f->payload, copy);
}

/* ------------------------------------------------------------ read-only */

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_build_filename (f->dir, "target", NULL);
  g_autofree char *copy = g_build_filename (target, "payload", NULL);
  g_autofree char *sub = g_build_filename (copy, "sub", NULL);
  DoneBetween      early;
  SpateTorrent    *torrent;

  g_mkdir_with_parents (target, 0755);
  start_slow_seeder (f);
  f->session = spate_test_engine_session_new (f->data_dir, NULL);
  /* In order, so the second file is opened late, after the folder turned
   * read-only (root ignores mode bits, a read-only mount does not). */
  torrent = add (f, f->torrent, &(SpateAddOptions){ .save_path = target, .sequential = TRUE });
  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  early = (DoneBetween){ torrent, 1, (gint64) sizes[0] / 2 };
  g_assert_true (spate_test_spin_until (done_between, &early, 20000));

  /* The folder over itself, read-only: files opened from now on fail. The
   * sub folder exists, or libtorrent reports the ENOENT of its first open
   * instead of the EROFS of making the folder. */
  g_assert_no_errno (g_mkdir_with_parents (sub, 0755));
  if (!mount_or_skip (f, target, target, NULL, MS_BIND, NULL))
    return;
  remount (target, MS_BIND | MS_RDONLY, NULL);

  wait_error (torrent, 30000);
  /* libtorrent 2.0.8 reports the ENOENT of opening the new file without
   * O_CREAT, not the EROFS of the retry that creates it. */
  if (strstr (spate_torrent_get_error (torrent), g_strerror (EROFS)) == NULL)
    assert_error_names (torrent, g_strerror (ENOENT), target);
  assert_error_names (torrent, "payload/sub/file-1.bin", target);

  /* Writable again, Retry: it completes. */
  unmount (f, target);
  retry (torrent);
  complete (f, torrent);
  assert_same (f->payload, copy);
}

/* ------------------------------------------------------- missing folder */

static gboolean
restored (gpointer session)
{
  return !spate_session_get_restoring (session);
}

/* Closes the session, moves the save folder away, starts again. */
static SpateTorrent *
restart_without (Fixture *f, const char *hash, const char *folder, const char *moved)
{
  SpateTorrent *torrent;

  spate_test_engine_session_close (f->session);
  g_assert_no_errno (g_rename (folder, moved));
  f->session = spate_test_engine_session_new (f->data_dir, NULL);
  spate_session_restore (f->session);
  g_assert_true (spate_test_spin_until (restored, f->session, 30000));
  torrent = spate_session_lookup (f->session, hash);
  g_assert_nonnull (torrent);
  return torrent;
}

/* Nothing is fetched again and the folder is not made anew, even with the
 * seeder dialled; the row names the missing folder. */
static void
assert_waits_for_folder (Fixture *f, SpateTorrent *torrent, const char *folder)
{
  wait_error (torrent, 10000);
  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  spate_test_spin_for (3000);
  g_assert_true (has_error (torrent));
  assert_error_names (torrent, g_strerror (ENOENT), folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (spate_torrent_get_session_downloaded (torrent), ==, 0);
}

static gboolean
seeding_again (gpointer torrent)
{
  return spate_test_torrent_is_finished (torrent) && spate_torrent_get_error (torrent) == NULL &&
         spate_torrent_get_progress (torrent) == 1.0;
}

/* Done from the files on disk, not from the seeder. */
static void
assert_recovered (Fixture *f, SpateTorrent *torrent, const char *folder)
{
  g_autofree char *copy = g_build_filename (folder, "payload", NULL);

  if (!spate_test_spin_until (seeding_again, torrent, 20000))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);

      g_error ("Not recovered: %s", state);
    }
  g_assert_cmpstr (spate_torrent_get_save_path (torrent), ==, folder);
  g_assert_cmpint (spate_torrent_get_session_downloaded (torrent), ==, 0);
  assert_same (f->payload, copy);
}

static void
test_missing_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "downloads", NULL);
  g_autofree char *moved = g_build_filename (f->dir, "moved", NULL);
  g_autofree char *copy = g_build_filename (folder, "payload", NULL);
  g_autofree char *hash = NULL;
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent;

  g_mkdir_with_parents (folder, 0755);
  start_seeder (f, NULL);
  f->session = spate_test_engine_session_new (f->data_dir, NULL);
  torrent = add (f, f->torrent, &(SpateAddOptions){ .save_path = folder });
  hash = g_strdup (spate_torrent_get_info_hash (torrent));
  complete (f, torrent);
  assert_same (f->payload, copy);

  /* Moved back, Retry. */
  torrent = restart_without (f, hash, folder, moved);
  assert_waits_for_folder (f, torrent, folder);
  g_assert_no_errno (g_rename (moved, folder));
  retry (torrent);
  assert_recovered (f, torrent, folder);

  /* Or left where it is, and the torrent told so. */
  torrent = restart_without (f, hash, folder, moved);
  assert_waits_for_folder (f, torrent, folder);
  g_assert_true (spate_torrent_move_storage (torrent, moved, &error));
  g_assert_no_error (error);
  assert_recovered (f, torrent, moved);
}

/* ------------------------------------------------------ deleted seeding */

static gboolean
never_done (gpointer data)
{
  return FALSE;
}

typedef struct
{
  SpateLtSession *session;
  SpateLtTorrent *torrent;
} Leecher;

/* A libtorrent session that dials Spate for one torrent. */
static Leecher
leecher_start (Fixture *f, GBytes *torrent, const char *name)
{
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  Leecher          l;

  g_mkdir_with_parents (dir, 0755);
  l.session = spate_test_session_new (0, NULL);
  l.torrent = spate_test_add_torrent (l.session, torrent, dir, NULL);
  g_assert_true (spate_lt_torrent_connect_peer (l.torrent, "127.0.0.1",
                                                spate_session_get_listen_port (f->session), NULL));
  return l;
}

static void
leecher_stop (Leecher *l)
{
  g_clear_pointer (&l->torrent, spate_lt_torrent_free);
  g_clear_pointer (&l->session, spate_lt_session_free);
}

static gint64
leecher_done (Leecher *l)
{
  SpateLtStatus st = { 0 };
  gint64        done;

  g_assert_true (spate_lt_torrent_get_status (l->torrent, &st, NULL));
  done = st.total_done;
  spate_lt_status_clear (&st);
  return done;
}

/* Runs Spate's main loop and the leecher's alerts by turns until cond holds
 * or timeout_ms passes. */
static gboolean
serve_until (Leecher *l, SpateTestDoneFunc cond, gpointer data, guint timeout_ms)
{
  SpateLtSession *sessions[] = { l->session, NULL };
  gint64          deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!cond (data) && g_get_monotonic_time () < deadline)
    {
      spate_test_pump_until (sessions, 50, never_done, NULL);
      spate_test_spin_for (50);
    }
  return cond (data);
}

typedef struct
{
  Leecher *leecher;
  gint64   size;
} LeechDone;

static gboolean
leech_complete (gpointer data)
{
  LeechDone *d = data;

  return leecher_done (d->leecher) == d->size;
}

/* A new peer gets every byte of torrent from Spate alone. */
static void
assert_serves (Fixture *f, GBytes *torrent, const char *name, const char *source)
{
  g_autofree char *copy = NULL;
  g_autofree char *base = g_path_get_basename (source);
  Leecher          l = leecher_start (f, torrent, name);
  LeechDone        d = { &l, (gint64) (sizes[0] + sizes[1]) };

  if (!serve_until (&l, leech_complete, &d, 30000))
    g_error ("%s: a peer got %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " bytes", name,
             leecher_done (&l), d.size);
  leecher_stop (&l);
  copy = g_build_filename (f->dir, name, base, NULL);
  assert_same (source, copy);
}

/* The row shows the error naming the folder deleted, not its first file,
 * and the torrent no longer claims to seed. */
static void
assert_missing (SpateTorrent *torrent, const char *folder)
{
  g_autofree char *named = g_strdup_printf ("%s: %s", g_strerror (ENOENT), folder);

  g_assert_cmpint (spate_torrent_get_state (torrent), ==, SPATE_TORRENT_STATE_ERROR);
  g_assert_cmpstr (spate_torrent_get_error (torrent), ==, named);
  g_assert_true (spate_torrent_get_flags (torrent) & SPATE_TORRENT_FLAG_PAUSED);
  spate_test_spin_for (1500);
  g_assert_cmpint (spate_torrent_get_state (torrent), ==, SPATE_TORRENT_STATE_ERROR);
  g_assert_cmpint (spate_torrent_get_upload_rate (torrent), ==, 0);
}

static void
wait_seeding_again (SpateTorrent *torrent)
{
  if (!spate_test_spin_until (seeding_again, torrent, 20000) ||
      !spate_test_spin_until (spate_test_torrent_is_seeding, torrent, 10000))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);

      g_error ("Not seeding again: %s", state);
    }
}

static void
test_deleted_while_seeding (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "seeding", NULL);
  g_autofree char *copy = g_build_filename (folder, "payload", NULL);
  g_autofree char *stash = g_build_filename (f->dir, "stash", NULL);
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *moved = g_build_filename (elsewhere, "payload", NULL);
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent, *other;
  Leecher       l;

  g_mkdir_with_parents (folder, 0755);
  g_mkdir_with_parents (elsewhere, 0755);
  start_seeder (f, NULL);
  f->session = spate_test_engine_session_new (f->data_dir, NULL);
  torrent = add (f, f->torrent, &(SpateAddOptions){ .save_path = folder });
  other = add (f, f->torrent2, &(SpateAddOptions){ .save_path = folder });
  complete (f, torrent);
  complete (f, other);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_seeding, torrent, 10000));
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_seeding, other, 10000));
  /* From here on only the files on disk can serve. */
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seed2, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);

  /* Deleted while seeding: libtorrent only rejects the peer's requests;
   * the failed read makes Spate look, and the row names the folder. */
  g_assert_no_errno (g_rename (copy, stash));
  l = leecher_start (f, f->torrent, "leech");
  if (!serve_until (&l, has_error, torrent, 20000))
    {
      g_autofree char *state = spate_test_torrent_describe (torrent);

      g_error ("No error after a peer's request: %s", state);
    }
  g_assert_cmpint (leecher_done (&l), ==, 0);
  leecher_stop (&l);
  assert_missing (torrent, copy);

  /* The other torrent, in the same folder, seeds on. */
  g_assert_null (spate_torrent_get_error (other));
  g_assert_true (spate_test_torrent_is_seeding (other));
  assert_serves (f, f->torrent2, "leech-other", f->payload2);

  /* Retry while the files are still gone says so. */
  g_assert_false (spate_torrent_clear_error (torrent, &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, copy));
  g_clear_error (&error);
  assert_missing (torrent, copy);

  /* Put back, Retry: checked, it seeds from the files again. */
  g_assert_no_errno (g_rename (stash, copy));
  retry (torrent);
  wait_seeding_again (torrent);
  assert_serves (f, f->torrent, "leech-back", f->payload);

  /* Moved while paused: found on resume, without any peer asking. */
  g_assert_true (spate_torrent_pause (torrent, &error));
  g_assert_no_error (error);
  g_assert_no_errno (g_rename (copy, moved));
  g_assert_true (spate_torrent_resume (torrent, FALSE, &error));
  g_assert_no_error (error);
  wait_error (torrent, 10000);
  assert_missing (torrent, copy);
  /* Told where the files are now: it seeds from there. */
  g_assert_true (spate_torrent_move_storage (torrent, elsewhere, &error));
  g_assert_no_error (error);
  wait_seeding_again (torrent);
  g_assert_cmpstr (spate_torrent_get_save_path (torrent), ==, elsewhere);
  assert_serves (f, f->torrent, "leech-moved", f->payload);

  /* Gone for good: Recheck fetches it again. */
  g_assert_true (spate_torrent_pause (torrent, &error));
  g_assert_no_error (error);
  spate_test_rm_rf (moved);
  g_assert_true (spate_torrent_resume (torrent, FALSE, &error));
  g_assert_no_error (error);
  wait_error (torrent, 10000);
  assert_missing (torrent, moved);
  start_seeder (f, NULL);
  g_assert_true (spate_torrent_recheck (torrent, &error));
  g_assert_no_error (error);
  complete (f, torrent);
  assert_same (f->payload, moved);
  g_assert_true (spate_test_torrent_is_seeding (other));
}

/* A skipped file never exists on disk: its share of the pieces it has in
 * common with the file before it lives in libtorrent's part file. Resuming
 * the finished torrent looks for its files and must not miss that one. */
static void
test_skipped_file (Fixture *f, gconstpointer data)
{
  static const guint8 priorities[] = { 4, 0 };
  g_autofree char    *folder = g_build_filename (f->dir, "skipping", NULL);
  g_autofree char    *skipped = g_build_filename (folder, "payload", "sub", "file-1.bin", NULL);
  g_autoptr (GError) error = NULL;
  /* v1: no padding keeps the two files apart. */
  g_autoptr (GBytes) v1 = spate_test_make_torrent_full (
      &(SpateLtCreateParams){
          .path = f->payload, .piece_size = 16384, .format = SPATE_LT_CREATE_V1 },
      NULL);
  SpateLtTorrent *seed;
  SpateTorrent   *torrent;

  start_seeder (f, NULL);
  seed = spate_test_add_torrent (f->seeder, v1, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, seed, 30000));
  f->session = spate_test_engine_session_new (f->data_dir, NULL);
  torrent = add (f, v1,
                 &(SpateAddOptions){
                     .save_path = folder, .file_priorities = priorities, .n_file_priorities = 2 });
  complete (f, torrent);
  g_assert_false (g_file_test (skipped, G_FILE_TEST_EXISTS));

  g_assert_true (spate_torrent_pause (torrent, &error));
  g_assert_no_error (error);
  g_assert_true (spate_torrent_resume (torrent, FALSE, &error));
  g_assert_no_error (error);
  /* The look takes a few stat() calls; a missing file shows within
   * milliseconds (the deleted-while-seeding case waits for it). */
  g_assert_false (spate_test_spin_until (has_error, torrent, 3000));
  g_assert_true (spate_test_torrent_is_finished (torrent));
  spate_lt_torrent_free (seed);
}

/* ------------------------------------------------------------ trackers */

typedef enum
{
  SERVE_REFUSE,   /* a bencoded failure reason */
  SERVE_GARBAGE,  /* 200 with bytes that are no bencoding */
  SERVE_REDIRECT, /* 302 to a loopback address that is not a tracker */
  SERVE_SILENT,   /* accepts, reads, never answers */
} Serve;

typedef struct
{
  GSocketService *service;
  Serve           serve;
  int             port;
  char           *url;
  GPtrArray      *held; /* connections the silent server keeps open */
  int             redirect_port;
} BadTracker;

#define REFUSAL "this tracker does not know your torrent"

static void
on_written (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GIOStream) stream = data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
on_incoming (GSocketService *service, GSocketConnection *connection, GObject *source, gpointer data)
{
  BadTracker      *t = data;
  g_autofree char *body = NULL;
  char            *reply;
  GOutputStream   *out;

  switch (t->serve)
    {
    case SERVE_SILENT:
      g_ptr_array_add (t->held, g_object_ref (connection));
      return TRUE;
    case SERVE_REFUSE:
      body = g_strdup_printf ("d14:failure reason%zu:%se", strlen (REFUSAL), REFUSAL);
      reply = g_strdup_printf ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                               "Content-Length: %zu\r\n\r\n%s",
                               strlen (body), body);
      break;
    case SERVE_GARBAGE:
      body = g_strdup ("<html>this is not the tracker you are looking for</html>");
      reply =
          g_strdup_printf ("HTTP/1.0 200 OK\r\nContent-Length: %zu\r\n\r\n%s", strlen (body), body);
      break;
    case SERVE_REDIRECT:
    default:
      reply = g_strdup_printf ("HTTP/1.0 302 Found\r\nLocation: http://127.0.0.1:%d/\r\n"
                               "Content-Length: 0\r\n\r\n",
                               t->redirect_port);
      break;
    }
  /* The request is not read: the answer does not depend on it. */
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all_async (out, reply, strlen (reply), G_PRIORITY_DEFAULT, NULL, on_written,
                                   g_object_ref (connection));
  g_object_set_data_full (G_OBJECT (connection), "reply", reply, g_free);
  return TRUE;
}

static BadTracker *
bad_tracker_start (Serve serve, int redirect_port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  BadTracker *t = g_new0 (BadTracker, 1);

  t->serve = serve;
  t->redirect_port = redirect_port;
  t->held = g_ptr_array_new_with_free_func (g_object_unref);
  t->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (t->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  t->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  t->url = g_strdup_printf ("http://127.0.0.1:%d/announce", t->port);
  g_signal_connect (t->service, "incoming", G_CALLBACK (on_incoming), t);
  g_socket_service_start (t->service);
  return t;
}

static void
bad_tracker_stop (BadTracker *t)
{
  g_socket_service_stop (t->service);
  g_socket_listener_close (G_SOCKET_LISTENER (t->service));
  /* A pending accept may still hold it for a moment. */
  g_object_unref (t->service);
  g_ptr_array_unref (t->held);
  g_free (t->url);
  g_free (t);
}

static SpateTracker *
find_tracker (GListModel *trackers, const char *url)
{
  for (guint i = 0; i < g_list_model_get_n_items (trackers); i++)
    {
      g_autoptr (SpateTracker) tracker = g_list_model_get_item (trackers, i);

      if (g_strcmp0 (spate_tracker_get_url (tracker), url) == 0)
        return tracker;
    }
  return NULL;
}

typedef struct
{
  GListModel         *trackers;
  const char * const *urls;
} TrackerRows;

static gboolean
all_failed (gpointer data)
{
  TrackerRows *rows = data;

  for (guint i = 0; rows->urls[i] != NULL; i++)
    {
      SpateTracker *tracker = find_tracker (rows->trackers, rows->urls[i]);

      if (tracker == NULL || spate_tracker_get_status (tracker) != SPATE_TRACKER_STATUS_ERROR ||
          spate_tracker_get_message (tracker) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
assert_row (GListModel *trackers, const char *url, const char *says)
{
  SpateTracker *tracker = find_tracker (trackers, url);
  const char   *message = spate_tracker_get_message (tracker);

  g_test_message ("%s: %s", url, message);
  g_assert_cmpint (spate_tracker_get_status (tracker), ==, SPATE_TRACKER_STATUS_ERROR);
  g_assert_false (spate_tracker_get_verified (tracker));
  if (says != NULL && strstr (message, says) == NULL)
    g_error ("The row of %s says “%s”, not “%s”", url, message, says);
}

static void
test_bad_trackers (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTestService) opentracker = NULL;
  g_autoptr (GVariantDict) extra = g_variant_dict_new (NULL);
  g_autoptr (GListModel) trackers = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "downloads", NULL);
  g_autofree char *copy = g_build_filename (folder, "payload", NULL);
  g_autofree char *torrent_path = g_build_filename (f->dir, "bad.torrent", NULL);
  g_autoptr (GBytes) bytes = NULL;
  BadTracker   *refuse, *garbage, *redirect, *silent, *target;
  TrackerRows   rows;
  SpateTorrent *torrent;
  int           i = 0;

  if (spate_test_skip_without ("opentracker"))
    return;
  /* Its whitelist lacks every torrent here. */
  opentracker = spate_test_opentracker_start (
      (const char * const[]){ "0123456789abcdef0123456789abcdef01234567", NULL }, &error);
  g_assert_no_error (error);
  refuse = bad_tracker_start (SERVE_REFUSE, 0);
  garbage = bad_tracker_start (SERVE_GARBAGE, 0);
  target = bad_tracker_start (SERVE_GARBAGE, 0);
  redirect = bad_tracker_start (SERVE_REDIRECT, target->port);
  silent = bad_tracker_start (SERVE_SILENT, 0);
  {
    const char * const urls[] = { spate_test_service_get_url (opentracker),
                                  refuse->url,
                                  garbage->url,
                                  redirect->url,
                                  silent->url,
                                  NULL };
    const int          tiers[] = { 0, 1, 2, 3, 4 };

    bytes = spate_test_make_torrent (f->payload, torrent_path, urls, NULL, 16384);
    g_assert_nonnull (bytes);
    start_seeder (f, NULL);

    /* Every tier asked at once; a silent tracker given up on in seconds. */
    g_variant_dict_insert (extra, "announce_to_all_tiers", "b", TRUE);
    g_variant_dict_insert (extra, "announce_to_all_trackers", "b", TRUE);
    g_variant_dict_insert (extra, "tracker_receive_timeout", "i", 3);
    g_variant_dict_insert (extra, "tracker_completion_timeout", "i", 4);
    f->session = spate_session_new (
        f->data_dir, spate_test_loopback_settings (0, g_variant_dict_end (extra)), &error);
    g_assert_no_error (error);
    g_mkdir_with_parents (folder, 0755);
    torrent = add (f, bytes, &(SpateAddOptions){ .save_path = folder });
    g_assert_true (spate_torrent_replace_trackers (torrent, urls, tiers, &error));
    g_assert_no_error (error);
    trackers = spate_torrent_get_trackers (torrent);

    /* The download goes on without them. */
    complete (f, torrent);
    assert_same (f->payload, copy);

    rows = (TrackerRows){ trackers, urls };
    if (!spate_test_spin_until (all_failed, &rows, 20000))
      for (i = 0; urls[i] != NULL; i++)
        {
          SpateTracker *tracker = find_tracker (trackers, urls[i]);
          g_test_message ("%s: status %d, %s", urls[i],
                          tracker ? (int) spate_tracker_get_status (tracker) : -1,
                          tracker ? spate_tracker_get_message (tracker) : "no row");
        }
    g_assert_true (all_failed (&rows));
    assert_row (trackers, urls[0], "not authorized");
    assert_row (trackers, urls[1], REFUSAL);
    assert_row (trackers, urls[2], "bencoded");
    assert_row (trackers, urls[3], "SSRF");
    assert_row (trackers, urls[4], "timed out");
  }

  g_clear_object (&trackers);
  spate_test_engine_session_close (g_steal_pointer (&f->session));
  bad_tracker_stop (refuse);
  bad_tracker_stop (garbage);
  bad_tracker_stop (redirect);
  bad_tracker_stop (target);
  bad_tracker_stop (silent);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/spate/faults/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("disk-full", test_disk_full);
  ADD ("read-only", test_read_only);
  ADD ("missing-folder", test_missing_folder);
  ADD ("deleted-while-seeding", test_deleted_while_seeding);
  ADD ("skipped-file", test_skipped_file);
  ADD ("trackers", test_bad_trackers);
#undef ADD
  return g_test_run ();
}
