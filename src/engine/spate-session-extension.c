/* spate-session-extension.c: ".!st" at the end of files still downloading.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While it is on, every wanted file of a torrent with metadata that is not
 * complete is named <path>.!st through libtorrent's rename, so libtorrent
 * writes to the new name and keeps it in the resume data. A file gets its
 * name back when it completes, is skipped, or the preference goes off.
 *
 * Alerts only mark a torrent; one pass per batch of alerts compares each
 * file's name with the name it should have and renames what differs. The
 * renames asked for and not yet reported are remembered per torrent, so a
 * pass never asks twice, and a rename reported late is looked at again.
 */

#include "spate-session-internal.h"
#include "spate-torrent-private.h"

#define SUFFIX     ".!st"
#define SUFFIX_LEN (sizeof SUFFIX - 1)

/* A torrent's renames on their way: file index → the name asked for. */
static GQuark
pending_quark (void)
{
  return g_quark_from_static_string ("spate-extension-pending");
}

typedef struct
{
  SpateSession *session;
  GHashTable   *torrents; /* SpateTorrent, owned */
} Pass;

static void
pass_free (gpointer data)
{
  Pass *pass = data;

  if (pass->session->extension_pass == pass)
    pass->session->extension_pass = NULL;
  g_hash_table_unref (pass->torrents);
  g_object_unref (pass->session);
  g_free (pass);
}

static GHashTable *
pending_of (SpateTorrent *torrent, gboolean create)
{
  GHashTable *pending = g_object_get_qdata (G_OBJECT (torrent), pending_quark ());

  if (pending == NULL && create)
    {
      pending = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_object_set_qdata_full (G_OBJECT (torrent), pending_quark (), pending,
                               (GDestroyNotify) g_hash_table_unref);
    }
  return pending;
}

static void
forget_pending (SpateTorrent *torrent, int index)
{
  GHashTable *pending = pending_of (torrent, FALSE);

  if (pending != NULL)
    g_hash_table_remove (pending, GINT_TO_POINTER (index));
}

/* path without the suffix, or with it. */
static char *
name_for (const char *path, gboolean marked)
{
  gboolean has = g_str_has_suffix (path, SUFFIX);

  if (marked)
    return has ? g_strdup (path) : g_strconcat (path, SUFFIX, NULL);
  return has ? g_strndup (path, strlen (path) - SUFFIX_LEN) : g_strdup (path);
}

static void
rename_to (SpateTorrent *torrent, int index, const char *current, const char *target)
{
  GHashTable *pending = pending_of (torrent, TRUE);
  const char *asked = g_hash_table_lookup (pending, GINT_TO_POINTER (index));
  g_autoptr (GError) error = NULL;

  /* Already there, or on its way: the rename's alert brings a new pass. */
  if (g_str_equal (current, target) || g_strcmp0 (asked, target) == 0)
    return;
  if (!spate_lt_torrent_rename_file (_spate_torrent_get_handle (torrent), index, target, &error))
    {
      g_debug ("Not renaming “%s”: %s", current, error->message);
      return;
    }
  g_hash_table_insert (pending, GINT_TO_POINTER (index), g_strdup (target));
}

/* Progress read while libtorrent checks the files says nothing yet. */
static gboolean
progress_known (SpateLtTorrent *handle)
{
  SpateLtStatus status = { 0 };
  gboolean      known;

  if (!spate_lt_torrent_get_status (handle, &status, NULL))
    return FALSE;
  known = status.has_metadata && !status.moving_storage &&
          status.state != SPATE_LT_STATE_CHECKING_FILES &&
          status.state != SPATE_LT_STATE_CHECKING_RESUME_DATA &&
          status.state != SPATE_LT_STATE_DOWNLOADING_METADATA;
  spate_lt_status_clear (&status);
  return known;
}

/* Every file gets its own name back; needs no progress. */
static void
unmark_all (SpateTorrent *torrent, SpateLtTorrent *handle)
{
  g_autoptr (SpateLtInfo) info = spate_lt_torrent_get_info (handle, NULL);
  int n = info != NULL ? spate_lt_info_get_num_files (info) : 0;

  for (int i = 0; i < n; i++)
    {
      SpateLtFile      file = { 0 };
      g_autofree char *target = NULL;

      if (!spate_lt_info_get_file (info, i, &file))
        continue;
      if (!(file.flags & SPATE_LT_FILE_PAD))
        {
          target = name_for (file.path, FALSE);
          rename_to (torrent, i, file.path, target);
        }
      g_free (file.path);
    }
}

static void
mark_incomplete (SpateTorrent *torrent, SpateLtTorrent *handle)
{
  g_autoptr (GArray) files = NULL;

  if (!progress_known (handle))
    return;
  files = spate_lt_torrent_get_files (handle, NULL);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      const SpateLtFile *file = &g_array_index (files, SpateLtFile, i);
      g_autofree char   *target = NULL;
      gboolean           marked;

      if (file->flags & SPATE_LT_FILE_PAD)
        continue;
      marked = file->priority > SPATE_LT_PRIORITY_SKIP && file->done < file->size;
      target = name_for (file->path, marked);
      rename_to (torrent, (int) i, file->path, target);
    }
}

static gboolean
run_pass (gpointer data)
{
  Pass          *pass = data;
  SpateSession  *self = pass->session;
  GHashTableIter iter;
  gpointer       torrent;

  self->extension_pass = NULL;
  if (self->closing || self->lt == NULL)
    return G_SOURCE_REMOVE;
  g_hash_table_iter_init (&iter, pass->torrents);
  while (g_hash_table_iter_next (&iter, &torrent, NULL))
    {
      SpateLtTorrent *handle = _spate_torrent_get_handle (torrent);

      if (handle == NULL || _spate_torrent_get_session (torrent) != self)
        continue;
      if (self->incomplete_extension)
        mark_incomplete (torrent, handle);
      else
        unmark_all (torrent, handle);
    }
  return G_SOURCE_REMOVE;
}

/* Looks at torrent's file names once the alerts at hand are handled. The
 * pass holds the session, so it never outlives it. */
static void
look_again (SpateSession *self, SpateTorrent *torrent)
{
  Pass *pass = self->extension_pass;

  if (self->closing)
    return;
  if (pass == NULL)
    {
      pass = g_new0 (Pass, 1);
      pass->session = g_object_ref (self);
      pass->torrents = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      self->extension_pass = pass;
      g_idle_add_full (G_PRIORITY_DEFAULT, run_pass, pass, pass_free);
    }
  if (!g_hash_table_contains (pass->torrents, torrent))
    g_hash_table_add (pass->torrents, g_object_ref (torrent));
}

void
_spate_session_extension_added (SpateSession *self, SpateTorrent *torrent)
{
  /* With the preference off there is nothing to undo in a new torrent. */
  if (self->incomplete_extension)
    look_again (self, torrent);
}

void
_spate_session_extension_alert (SpateSession       *self,
                                SpateTorrent       *torrent,
                                const SpateLtAlert *alert)
{
  if (torrent == NULL)
    return;

  switch (alert->kind)
    {
    case SPATE_LT_ALERT_FILE_RENAMED:
      forget_pending (torrent, alert->index);
      /* A person's rename, or one of ours that crossed a completion. */
      if (self->incomplete_extension ||
          (alert->path != NULL && g_str_has_suffix (alert->path, SUFFIX)))
        look_again (self, torrent);
      break;

    case SPATE_LT_ALERT_FILE_RENAME_FAILED:
      /* Tried again at the torrent's next event, never in a loop. */
      forget_pending (torrent, alert->index);
      break;

    case SPATE_LT_ALERT_FILE_COMPLETED:
    case SPATE_LT_ALERT_METADATA_RECEIVED:
    case SPATE_LT_ALERT_STATE_CHANGED:
    case SPATE_LT_ALERT_TORRENT_FINISHED:
    case SPATE_LT_ALERT_FILE_PRIORITY:
    case SPATE_LT_ALERT_STORAGE_MOVED:
      if (self->incomplete_extension)
        look_again (self, torrent);
      break;

    default:
      break;
    }
}

void
spate_session_set_incomplete_extension (SpateSession *self, gboolean enabled)
{
  GListModel *list;
  guint       n;

  g_return_if_fail (SPATE_IS_SESSION (self));

  enabled = !!enabled;
  if (self->incomplete_extension == enabled)
    return;
  self->incomplete_extension = enabled;

  list = G_LIST_MODEL (self->torrents);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (list, i);
      look_again (self, torrent);
    }
}

gboolean
spate_session_get_incomplete_extension (SpateSession *self)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  return self->incomplete_extension;
}
