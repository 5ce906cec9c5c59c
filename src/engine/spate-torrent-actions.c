/* spate-torrent-actions.c: what a person can do to a torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each action calls libtorrent once, shows its effect at once by reading
 * the status back, and marks the torrent for saving when the change is one
 * a resume file records.
 */

#include <glib/gi18n.h>

#include "spate-torrent-info-private.h"

#include "spate-error.h"
#include "spate-session-private.h"
#include "spate-torrent-private.h"

gboolean
_spate_torrent_check_live (SpateTorrent *self, GError **error)
{
  g_return_val_if_fail (SPATE_IS_TORRENT (self), FALSE);

  if (_spate_torrent_get_handle (self) != NULL)
    return TRUE;
  g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("“%s” is no longer in the session"),
               spate_torrent_get_name (self));
  return FALSE;
}

/* After a call into the shim: name the torrent in an error; on success show
 * the new state and, when persistent, schedule a save. */
static gboolean
finish (SpateTorrent *self, gboolean ok, gboolean persistent, GError **error)
{
  if (!ok)
    {
      g_prefix_error (error, "%s: ", spate_torrent_get_name (self));
      return FALSE;
    }
  _spate_torrent_refresh (self);
  if (persistent)
    _spate_torrent_mark_dirty (self);
  return TRUE;
}

#define HANDLE(self) _spate_torrent_get_handle (self)

#define HOLD_MASK (SPATE_LT_TORRENT_PAUSED | SPATE_LT_TORRENT_AUTO_MANAGED)

void
_spate_torrent_hold_missing (SpateTorrent *self, const char *path, const char *reason)
{
  g_autoptr (GError) error = NULL;
  SpateLtTorrentFlags flags;

  if (HANDLE (self) == NULL || _spate_torrent_get_missing (self) != NULL)
    return;
  flags = spate_lt_torrent_get_flags (HANDLE (self), &error);
  if (error != NULL)
    return;
  /* Paused, and out of the queue, so it no longer claims to seed. */
  spate_lt_torrent_set_flags (HANDLE (self), SPATE_LT_TORRENT_PAUSED, HOLD_MASK, NULL);
  _spate_torrent_set_missing (self, path, reason, flags);
}

gboolean
_spate_torrent_recover_missing (SpateTorrent *self, gboolean refetch, GError **error)
{
  const char         *missing = _spate_torrent_get_missing (self);
  gboolean            folder = missing != NULL && *missing == '\0';
  gboolean            unreadable = _spate_torrent_get_missing_reason (self) != NULL;
  g_autofree char    *path = _spate_torrent_dup_missing_path (self);
  SpateLtTorrentFlags flags;

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  if (folder && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND,
                   _ ("%s: the folder %s is still missing"), spate_torrent_get_name (self), path);
      return FALSE;
    }
  if (!folder && !unreadable && !refetch && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("%s: %s is still missing"),
                   spate_torrent_get_name (self), path);
      return FALSE;
    }
  flags = _spate_torrent_clear_missing (self);
  /* A read that failed for another reason is tried again as it was. */
  if (unreadable && !refetch)
    return finish (self, spate_lt_torrent_set_flags (HANDLE (self), flags, HOLD_MASK, error), TRUE,
                   error);
  /* The files say what is done: libtorrent dropped the resume data's pieces
   * when it found no folder, and still counts the pieces of deleted files. */
  return finish (self,
                 spate_lt_torrent_force_recheck (HANDLE (self), error) &&
                     spate_lt_torrent_set_flags (HANDLE (self), flags, HOLD_MASK, error),
                 TRUE, error);
}

gboolean
spate_torrent_pause (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_pause (HANDLE (self), error), TRUE, error);
}

gboolean
spate_torrent_resume (SpateTorrent *self, gboolean force, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  /* Started without its files, it would fetch everything again. */
  if (_spate_torrent_get_missing (self) != NULL)
    return _spate_torrent_recover_missing (self, FALSE, error) &&
           finish (self, spate_lt_torrent_resume (HANDLE (self), force, error), TRUE, error);
  return finish (self, spate_lt_torrent_resume (HANDLE (self), force, error), TRUE, error);
}

gboolean
spate_torrent_recheck (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  /* Files deleted while it ran: what is there counts, the rest comes again. */
  if (_spate_torrent_get_missing (self) != NULL && *_spate_torrent_get_missing (self) != '\0')
    return _spate_torrent_recover_missing (self, TRUE, error);
  return finish (self, spate_lt_torrent_force_recheck (HANDLE (self), error), TRUE, error);
}

gboolean
spate_torrent_reannounce (SpateTorrent *self, GError **error)
{
  gboolean ok;

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  ok = spate_lt_torrent_force_reannounce (HANDLE (self), error);
  /* The DHT announce is best effort: it fails when DHT is off. */
  if (ok)
    spate_lt_torrent_force_dht_announce (HANDLE (self), NULL);
  return finish (self, ok, FALSE, error);
}

gboolean
spate_torrent_scrape (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_scrape (HANDLE (self), error), FALSE, error);
}

gboolean
spate_torrent_clear_error (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  if (_spate_torrent_get_missing (self) != NULL)
    return _spate_torrent_recover_missing (self, FALSE, error);
  /* libtorrent's clear_error() does not end the upload mode of a write error. */
  if (_spate_torrent_clear_write_error (self) &&
      !spate_lt_torrent_set_flags (HANDLE (self), 0, SPATE_LT_TORRENT_UPLOAD_MODE, error))
    return finish (self, FALSE, FALSE, error);
  return finish (self, spate_lt_torrent_clear_error (HANDLE (self), error), FALSE, error);
}

gboolean
spate_torrent_move_storage (SpateTorrent *self, const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  /* Saved again when libtorrent reports the move done. */
  return finish (self, spate_lt_torrent_move_storage (HANDLE (self), path, FALSE, error), FALSE,
                 error);
}

gboolean
spate_torrent_rename_file (SpateTorrent *self, int index, const char *new_name, GError **error)
{
  g_return_val_if_fail (new_name != NULL, FALSE);

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_rename_file (HANDLE (self), index, new_name, error), FALSE,
                 error);
}

gboolean
spate_torrent_set_flags (SpateTorrent     *self,
                         SpateTorrentFlags flags,
                         SpateTorrentFlags mask,
                         GError          **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self,
                 spate_lt_torrent_set_flags (HANDLE (self), (SpateLtTorrentFlags) flags,
                                             (SpateLtTorrentFlags) mask, error),
                 TRUE, error);
}

gboolean
spate_torrent_set_sequential (SpateTorrent *self, gboolean sequential, GError **error)
{
  return spate_torrent_set_flags (self, sequential ? SPATE_TORRENT_FLAG_SEQUENTIAL : 0,
                                  SPATE_TORRENT_FLAG_SEQUENTIAL, error);
}

gboolean
spate_torrent_queue_move (SpateTorrent *self, SpateQueueMove move, GError **error)
{
  SpateSession *session = _spate_torrent_get_session (self);
  gboolean      ok;

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  ok = spate_lt_torrent_queue_move (HANDLE (self), (SpateLtQueueMove) move, error);
  if (ok && session != NULL)
    _spate_session_queue_changed (session);
  return finish (self, ok, FALSE, error);
}

gboolean
spate_torrent_set_download_limit (SpateTorrent *self, int limit, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_set_download_limit (HANDLE (self), limit, error), TRUE,
                 error);
}

gboolean
spate_torrent_set_upload_limit (SpateTorrent *self, int limit, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_set_upload_limit (HANDLE (self), limit, error), TRUE,
                 error);
}

gboolean
spate_torrent_set_max_connections (SpateTorrent *self, int max, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_set_max_connections (HANDLE (self), max, error), TRUE,
                 error);
}

gboolean
spate_torrent_set_max_uploads (SpateTorrent *self, int max, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_set_max_uploads (HANDLE (self), max, error), TRUE, error);
}

gboolean
spate_torrent_get_limits (SpateTorrent *self,
                          int          *download_limit,
                          int          *upload_limit,
                          int          *max_connections,
                          int          *max_uploads,
                          GError      **error)
{
  SpateLtLimits limits;

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  if (!spate_lt_torrent_get_limits (HANDLE (self), &limits, error))
    return FALSE;
  if (download_limit != NULL)
    *download_limit = limits.download_limit;
  if (upload_limit != NULL)
    *upload_limit = limits.upload_limit;
  if (max_connections != NULL)
    *max_connections = limits.max_connections;
  if (max_uploads != NULL)
    *max_uploads = limits.max_uploads;
  return TRUE;
}

/* A list sent longer ago than this is taken as applied: its alert was
 * lost, or the alert mask leaves it out. */
#define PRIORITY_ALERT_TIMEOUT_US (5 * G_USEC_PER_SEC)

static gboolean
send_priorities (SpateTorrent *self, const guint8 *priorities, gsize n, GError **error)
{
  SpatePriorityQueue *queue = _spate_torrent_get_priority_queue (self);

  if (!spate_lt_torrent_set_file_priorities (HANDLE (self), priorities, n, error))
    return FALSE;
  queue->in_flight = TRUE;
  queue->sent_at = g_get_monotonic_time ();
  return TRUE;
}

static gboolean
busy (SpateTorrent *self)
{
  SpatePriorityQueue *queue = _spate_torrent_get_priority_queue (self);

  return queue->in_flight && g_get_monotonic_time () - queue->sent_at < PRIORITY_ALERT_TIMEOUT_US;
}

void
_spate_torrent_file_priorities_done (SpateTorrent *self)
{
  SpatePriorityQueue *queue = _spate_torrent_get_priority_queue (self);
  g_autoptr (GBytes) queued = g_steal_pointer (&queue->queued);
  g_autoptr (GError) error = NULL;
  gsize         n;
  const guint8 *data;

  queue->in_flight = FALSE;
  if (queued == NULL || HANDLE (self) == NULL)
    return;
  data = g_bytes_get_data (queued, &n);
  if (!send_priorities (self, data, n, &error))
    g_message ("%s: %s", spate_torrent_get_name (self), error->message);
  _spate_torrent_mark_dirty (self);
}

gboolean
spate_torrent_set_file_priorities (SpateTorrent *self,
                                   const guint8 *priorities,
                                   gsize         n,
                                   GError      **error)
{
  SpatePriorityQueue *queue = _spate_torrent_get_priority_queue (self);

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  if (busy (self))
    {
      g_clear_pointer (&queue->queued, g_bytes_unref);
      queue->queued = g_bytes_new (priorities, n);
      _spate_torrent_mark_dirty (self);
      return TRUE;
    }
  return finish (self, send_priorities (self, priorities, n, error), TRUE, error);
}

gboolean
spate_torrent_set_file_priority (SpateTorrent *self, int index, guint8 priority, GError **error)
{
  SpatePriorityQueue *queue = _spate_torrent_get_priority_queue (self);
  g_autoptr (GBytes) base = NULL;
  g_autofree guint8 *priorities = NULL;
  gsize              n;

  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  if (!busy (self))
    return finish (self, spate_lt_torrent_set_file_priority (HANDLE (self), index, priority, error),
                   TRUE, error);
  /* The list waiting, or what libtorrent has, with this one changed. */
  base = queue->queued != NULL ? g_bytes_ref (queue->queued)
                               : spate_lt_torrent_get_file_priorities (HANDLE (self), error);
  if (base == NULL)
    return FALSE;
  priorities = g_bytes_unref_to_data (g_steal_pointer (&base), &n);
  if (index < 0 || (gsize) index >= n)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("“%s” has no file %d"),
                   spate_torrent_get_name (self), index);
      return FALSE;
    }
  priorities[index] = priority;
  return spate_torrent_set_file_priorities (self, priorities, n, error);
}

GBytes *
spate_torrent_get_file_priorities (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return NULL;
  return spate_lt_torrent_get_file_priorities (HANDLE (self), error);
}

GBytes *
spate_torrent_get_piece_priorities (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return NULL;
  return spate_lt_torrent_get_piece_priorities (HANDLE (self), error);
}

gboolean
spate_torrent_set_first_last_pieces (SpateTorrent *self, gboolean enable, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  /* Piece priorities are part of the resume data. */
  return finish (self, _spate_torrent_set_first_last (self, enable, error), TRUE, error);
}

gboolean
spate_torrent_set_piece_deadline (SpateTorrent *self, int piece, int deadline_ms, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self,
                 spate_lt_torrent_set_piece_deadline (HANDLE (self), piece, deadline_ms, error),
                 FALSE, error);
}

gboolean
spate_torrent_clear_piece_deadlines (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_clear_piece_deadlines (HANDLE (self), error), FALSE, error);
}

gboolean
spate_torrent_add_tracker (SpateTorrent *self, const char *url, int tier, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_add_tracker (HANDLE (self), url, tier, error), TRUE, error);
}

gboolean
spate_torrent_replace_trackers (SpateTorrent       *self,
                                const char * const *urls,
                                const int          *tiers,
                                GError            **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_replace_trackers (HANDLE (self), urls, tiers, error), TRUE,
                 error);
}

gboolean
spate_torrent_add_web_seed (SpateTorrent *self, const char *url, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self,
                 spate_lt_torrent_add_web_seed (HANDLE (self), url, SPATE_LT_WEB_SEED_URL, error),
                 TRUE, error);
}

gboolean
spate_torrent_remove_web_seed (SpateTorrent *self, const char *url, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  /* A BEP 17 (HTTP) seed shows in the same list: remove it by its URL too.
   * Removing a seed that is not there does nothing. */
  return finish (
      self,
      spate_lt_torrent_remove_web_seed (HANDLE (self), url, SPATE_LT_WEB_SEED_URL, error) &&
          spate_lt_torrent_remove_web_seed (HANDLE (self), url, SPATE_LT_WEB_SEED_HTTP, error),
      TRUE, error);
}

gboolean
spate_torrent_connect_peer (SpateTorrent *self, const char *address, int port, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return FALSE;
  return finish (self, spate_lt_torrent_connect_peer (HANDLE (self), address, port, error), FALSE,
                 error);
}

char *
spate_torrent_get_magnet_link (SpateTorrent *self, GError **error)
{
  if (!_spate_torrent_check_live (self, error))
    return NULL;
  return spate_lt_torrent_make_magnet (HANDLE (self), error);
}

SpateTorrentInfo *
spate_torrent_get_info (SpateTorrent *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  SpateLtInfo *info;

  if (!_spate_torrent_check_live (self, error))
    return NULL;
  /* libtorrent's own info keeps the comment, creator and date, which a
   * .torrent made again from it loses. */
  info = spate_lt_torrent_get_info (HANDLE (self), &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA))
        g_set_error (error, SPATE_ERROR, SPATE_ERROR_NO_METADATA, _ ("“%s” has no metadata yet"),
                     spate_torrent_get_name (self));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  bytes = spate_lt_torrent_get_torrent_file (HANDLE (self), NULL);
  return _spate_torrent_info_new_for_lt (info, bytes);
}
