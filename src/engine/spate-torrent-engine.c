/* spate-torrent-engine.c: what the rest of the engine asks of a torrent:
 * its handle and session, a missing folder or a failed write, and whether
 * it is due to be saved.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-display-name.h"
#include "spate-session-private.h"
#include "spate-torrent-internal.h"

SpateTorrent *
_spate_torrent_new (SpateSession *session,
                    const char   *info_hash,
                    const char   *name,
                    const char   *save_path)
{
  SpateTorrent *self = g_object_new (SPATE_TYPE_TORRENT, NULL);

  self->session = session;
  self->info_hash = g_strdup (info_hash);
  self->disk_name = g_strdup (name != NULL && *name != '\0' ? name : info_hash);
  self->status.name = spate_display_name (self->disk_name);
  self->status.save_path = g_strdup (save_path);
  if (strlen (info_hash) == 40)
    g_strlcpy (self->status.info_hash_v1, info_hash, sizeof self->status.info_hash_v1);
  else
    g_strlcpy (self->status.info_hash_v2, info_hash, sizeof self->status.info_hash_v2);
  return self;
}

void
_spate_torrent_attach (SpateTorrent *self, SpateLtTorrent *handle)
{
  g_clear_pointer (&self->handle, spate_lt_torrent_free);
  self->handle = handle;
}

void
_spate_torrent_detach (SpateTorrent *self)
{
  g_clear_pointer (&self->handle, spate_lt_torrent_free);
  self->session = NULL;
}

SpateLtTorrent *
_spate_torrent_get_handle (SpateTorrent *self)
{
  return self->handle;
}

SpateSession *
_spate_torrent_get_session (SpateTorrent *self)
{
  return self->session;
}

void
_spate_torrent_refresh (SpateTorrent *self)
{
  SpateLtStatus st = { 0 };

  if (self->handle == NULL || !spate_lt_torrent_get_status (self->handle, &st, NULL))
    return;
  _spate_torrent_update (self, &st);
  spate_lt_status_clear (&st);
}

void
_spate_torrent_set_missing (SpateTorrent       *self,
                            const char         *path,
                            const char         *reason,
                            SpateLtTorrentFlags flags)
{
  g_free (self->missing);
  g_free (self->missing_reason);
  self->missing = g_strdup (path);
  self->missing_reason = g_strdup (reason);
  self->missing_flags = flags;
  _spate_torrent_refresh (self);
}

const char *
_spate_torrent_get_missing (SpateTorrent *self)
{
  return self->missing;
}

const char *
_spate_torrent_get_missing_reason (SpateTorrent *self)
{
  return self->missing_reason;
}

char *
_spate_torrent_dup_missing_path (SpateTorrent *self)
{
  if (self->missing == NULL || g_path_is_absolute (self->missing))
    return g_strdup (self->missing);
  return g_build_filename (self->status.save_path, self->missing, NULL);
}

void
_spate_torrent_set_write_error (SpateTorrent *self, const char *message)
{
  g_free (self->write_error);
  self->write_error = g_strdup (message);
  _spate_torrent_refresh (self);
}

gboolean
_spate_torrent_clear_write_error (SpateTorrent *self)
{
  gboolean had = self->write_error != NULL;

  g_clear_pointer (&self->write_error, g_free);
  return had;
}

SpateLtTorrentFlags
_spate_torrent_clear_missing (SpateTorrent *self)
{
  g_clear_pointer (&self->missing, g_free);
  g_clear_pointer (&self->missing_reason, g_free);
  return self->missing_flags;
}

void
_spate_torrent_mark_dirty (SpateTorrent *self)
{
  self->need_save = TRUE;
  if (self->session != NULL)
    _spate_session_save_torrent (self->session, self);
}

const char *
_spate_torrent_get_magnet (SpateTorrent *self)
{
  if (self->magnet == NULL && self->handle != NULL)
    self->magnet = spate_lt_torrent_make_magnet (self->handle, NULL);
  return self->magnet;
}

void
_spate_torrent_set_magnet (SpateTorrent *self, const char *magnet)
{
  g_free (self->magnet);
  self->magnet = g_strdup (magnet);
}

void
_spate_torrent_set_downloading (SpateTorrent *self)
{
  self->was_downloading = TRUE;
}

gboolean
_spate_torrent_take_downloading (SpateTorrent *self)
{
  gboolean was = self->was_downloading;

  self->was_downloading = FALSE;
  return was;
}

gboolean
_spate_torrent_take_loaded_complete (SpateTorrent *self)
{
  gboolean was = self->loaded_complete;

  self->loaded_complete = FALSE;
  return was;
}

gboolean
_spate_torrent_get_need_save (SpateTorrent *self)
{
  return self->need_save;
}

void
_spate_torrent_set_need_save (SpateTorrent *self)
{
  self->need_save = TRUE;
}

void
_spate_torrent_clear_need_save (SpateTorrent *self)
{
  self->need_save = FALSE;
}
