/* spate-session-files.c: noticing that a torrent's files went away.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent 2.0.8 does not: a peer's request for a deleted file only
 * rejects the request and posts a file_error alert, and the torrent goes on
 * "seeding" nothing. Spate looks at a torrent's files when it starts
 * seeding again and when a read fails, never on a timer: stat() of the
 * files, in a worker thread, one check per torrent at a time.
 */

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "spate-session-internal.h"
#include "spate-torrent-private.h"

typedef struct
{
  GWeakRef   session;
  char      *save_path;
  GPtrArray *files; /* relative paths of files with data */
} Check;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_weak_ref_clear (&check->session);
  g_free (check->save_path);
  g_ptr_array_unref (check->files);
  g_free (check);
}

static gboolean
exists (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR);
}

/* The outermost missing part of relative, so that a deleted folder is
 * named rather than its first file: relative to save_path, "" for the save
 * folder itself. */
static char *
outermost_missing (const char *save_path, const char *relative)
{
  g_autofree char *missing = g_strdup (relative);

  if (!exists (save_path))
    return g_strdup ("");
  for (;;)
    {
      g_autofree char *parent = g_path_get_dirname (missing);
      g_autofree char *path = NULL;

      if (strcmp (parent, ".") == 0)
        break;
      path = g_build_filename (save_path, parent, NULL);
      if (exists (path))
        break;
      g_free (missing);
      missing = g_steal_pointer (&parent);
    }
  return g_steal_pointer (&missing);
}

static void
check_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Check *check = data;

  for (guint i = 0; i < check->files->len; i++)
    {
      const char      *relative = g_ptr_array_index (check->files, i);
      g_autofree char *path = g_build_filename (check->save_path, relative, NULL);

      if (!exists (path))
        {
          g_task_return_pointer (task, outermost_missing (check->save_path, relative), g_free);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
hold (SpateSession *self, SpateTorrent *torrent, const char *path, const char *reason)
{
  if (_spate_torrent_get_missing (torrent) != NULL)
    return;
  _spate_torrent_hold_missing (torrent, path, reason);
  if (_spate_torrent_get_missing (torrent) != NULL)
    g_signal_emit (self, _spate_session_signals[TORRENT_ERROR], 0, torrent,
                   spate_torrent_get_error (torrent));
}

static void
on_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  SpateTorrent *torrent = data;
  Check        *check = g_task_get_task_data (G_TASK (result));
  g_autoptr (SpateSession) self = g_weak_ref_get (&check->session);
  g_autofree char *missing = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self != NULL)
    g_hash_table_remove (self->checking_files, torrent);
  /* Still ours, with the files where they were looked for. */
  if (missing != NULL && self != NULL && !self->closing &&
      _spate_torrent_get_session (torrent) == self &&
      g_strcmp0 (spate_torrent_get_save_path (torrent), check->save_path) == 0)
    hold (self, torrent, missing, NULL);
  g_object_unref (torrent);
}

/* Looks for the files of torrent that hold data, unless a look is under
 * way or it already waits for them. */
void
_spate_session_check_files (SpateSession *self, SpateTorrent *torrent)
{
  SpateLtTorrent *handle = _spate_torrent_get_handle (torrent);
  g_autoptr (GArray) files = NULL;
  g_autoptr (GTask) task = NULL;
  Check *check;

  if (handle == NULL || self->closing || _spate_torrent_get_missing (torrent) != NULL ||
      g_hash_table_contains (self->checking_files, torrent))
    return;
  files = spate_lt_torrent_get_files (handle, NULL);
  if (files == NULL)
    return;
  check = g_new0 (Check, 1);
  g_weak_ref_init (&check->session, self);
  check->save_path = g_strdup (spate_torrent_get_save_path (torrent));
  check->files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < files->len; i++)
    {
      SpateLtFile *file = &g_array_index (files, SpateLtFile, i);

      /* A skipped file's share of the pieces it has in common with its
       * neighbours lives in libtorrent's part file, not in the file. */
      if (file->done > 0 && file->priority > 0 && !(file->flags & SPATE_LT_FILE_PAD))
        g_ptr_array_add (check->files, g_strdup (file->path));
    }
  if (check->files->len == 0)
    {
      check_free (check);
      return;
    }
  g_hash_table_add (self->checking_files, g_object_ref (torrent));
  /* No source object: a check under way does not keep the session. */
  task = g_task_new (NULL, NULL, on_checked, g_object_ref (torrent));
  g_task_set_source_tag (task, _spate_session_check_files);
  g_task_set_task_data (task, check, check_free);
  g_task_run_in_thread (task, check_in_thread);
}

static gboolean
is_not_found (const SpateLtErrorInfo *error)
{
  return error->code == ENOENT && (g_strcmp0 (error->category, "system") == 0 ||
                                   g_strcmp0 (error->category, "generic") == 0);
}

/* A path as libtorrent names it, relative to the save path when inside. */
static char *
relative_path (SpateTorrent *torrent, const char *path)
{
  const char *save_path = spate_torrent_get_save_path (torrent);
  gsize       n = save_path != NULL ? strlen (save_path) : 0;

  if (n > 0 && g_str_has_prefix (path, save_path) && path[n] == G_DIR_SEPARATOR)
    return g_strdup (path + n + 1);
  return g_strdup (path);
}

gboolean
_spate_session_read_failed (SpateSession *self, SpateTorrent *torrent, const SpateLtAlert *alert)
{
  g_autofree char *path = NULL;

  /* Requests under way when it was held fail too. */
  if (_spate_torrent_get_missing (torrent) != NULL)
    return TRUE;
  /* Refreshed, the torrent has libtorrent's own error (a fatal one: it
   * paused) or stopped downloading (a write failed). Anything else is a
   * read that failed, which libtorrent only tells the peer that asked. */
  if (spate_torrent_get_state (torrent) == SPATE_TORRENT_STATE_ERROR ||
      (spate_torrent_get_flags (torrent) & SPATE_TORRENT_FLAG_UPLOAD_MODE) || alert->path == NULL ||
      *alert->path == '\0')
    return FALSE;
  /* Only the files can tell a file gone from one not written yet. */
  if (is_not_found (&alert->error))
    {
      _spate_session_check_files (self, torrent);
      return TRUE;
    }
  /* A write that failed may still report after Retry left upload mode. */
  if (g_strcmp0 (alert->operation, "file_read") != 0)
    return FALSE;
  path = relative_path (torrent, alert->path);
  hold (self, torrent, path, alert->error.message ? alert->error.message : alert->message);
  return TRUE;
}
