/* spate-session-alerts.c: libtorrent's alerts, each turned into a property
 * change or a signal.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent wakes the main loop through an eventfd (docs/decisions.md);
 * one drain hands every queued alert to on_alert().
 */

#include "spate-metadata-fetch-private.h"
#include "spate-session-internal.h"
#include "spate-torrent-private.h"

/* A torrent named in an alert, or NULL when it is no longer ours. Removed
 * torrents stay alive until libtorrent confirms, so the pointer is valid. */
static SpateTorrent *
alert_torrent (SpateSession *self, const SpateLtAlert *alert)
{
  SpateTorrent *torrent = alert->user_data;

  /* These come after TORRENT_REMOVED, which let the torrent go: their
   * pointer names a torrent that no longer exists. */
  if (alert->kind == SPATE_LT_ALERT_TORRENT_DELETED ||
      alert->kind == SPATE_LT_ALERT_TORRENT_DELETE_FAILED)
    return NULL;
  if (torrent == NULL || _spate_torrent_get_session (torrent) != self)
    return NULL;
  return torrent;
}

static void
torrent_error (SpateSession *self, SpateTorrent *torrent, const SpateLtAlert *alert)
{
  g_autofree char *message = NULL;

  if (alert->path != NULL && *alert->path != '\0')
    message = g_strdup_printf ("%s: %s", alert->path,
                               alert->error.message ? alert->error.message : alert->message);
  else
    message = g_strdup (alert->error.message ? alert->error.message : alert->message);
  g_signal_emit (self, _spate_session_signals[TORRENT_ERROR], 0, torrent, message);
}

/* A failed write leaves libtorrent in upload mode with no error: say why the
 * download stopped, naming the file. */
static void
set_write_error (SpateTorrent *torrent, const SpateLtAlert *alert)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;

  if (alert->error.message == NULL)
    return;
  if (alert->path != NULL && *alert->path != '\0')
    path = g_path_is_absolute (alert->path)
               ? g_strdup (alert->path)
               : g_build_filename (spate_torrent_get_save_path (torrent), alert->path, NULL);
  message = path ? g_strdup_printf ("%s: %s", alert->error.message, path)
                 : g_strdup (alert->error.message);
  _spate_torrent_set_write_error (torrent, message);
}

static void
on_alert (const SpateLtAlert *alert, gpointer data)
{
  SpateSession *self = data;
  SpateTorrent *torrent = alert_torrent (self, alert);

  if (torrent == NULL && _spate_metadata_fetch_route_alert (self->fetches, alert))
    return;
  if (self->alert_observer != NULL)
    self->alert_observer (self, torrent, alert, self->alert_observer_data);
  /* alert-hooks: preferences that follow alerts */
  _spate_session_prefs_alert (self, torrent, alert);
  _spate_session_extension_alert (self, torrent, alert);

  switch (alert->kind)
    {
    case SPATE_LT_ALERT_STATE_UPDATE:
      _spate_session_apply_statuses (self, alert->statuses, alert->n_statuses);
      _spate_session_schedule_status (self);
      break;

    case SPATE_LT_ALERT_SESSION_STATS:
      _spate_session_apply_stats (self, alert->counters, alert->n_counters);
      /* Asked for together with the torrents' statuses, so it ends a tick. */
      g_signal_emit (self, _spate_session_signals[STATUS_UPDATED], 0);
      break;

    case SPATE_LT_ALERT_STATE_CHANGED:
      /* A torrent just added or restored leaving its resume check, or
       * becoming a seed once finished: the state is all that changed, and
       * asking libtorrent for a full status would cost a round trip to its
       * thread for each of thousands of torrents at start. */
      if (torrent != NULL &&
          (alert->old_state == SPATE_LT_STATE_CHECKING_RESUME_DATA ||
           (alert->old_state == SPATE_LT_STATE_FINISHED && alert->state == SPATE_LT_STATE_SEEDING)))
        {
          _spate_torrent_set_lt_state (torrent, alert->state);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SPATE_LT_ALERT_TORRENT_PAUSED:
      /* State changes show at once, not at the next tick. */
      if (torrent != NULL)
        _spate_session_refresh_torrent (self, torrent);
      break;

    case SPATE_LT_ALERT_TORRENT_RESUMED:
      if (torrent != NULL)
        {
          _spate_session_refresh_torrent (self, torrent);
          /* Seeding again: the files may have gone while it was paused. */
          if (spate_torrent_get_is_finished (torrent))
            _spate_session_check_files (self, torrent);
        }
      break;

    case SPATE_LT_ALERT_TORRENT_FINISHED:
      if (torrent != NULL)
        {
          gboolean was_downloading = _spate_torrent_take_downloading (torrent);

          /* Complete when it was loaded: nothing changed that needs saving,
           * and the next status update carries the rest. */
          if (_spate_torrent_take_loaded_complete (torrent) && !was_downloading)
            break;
          /* It left the download queue; the others moved up, and each
           * comes with its new position in the next status update. */
          _spate_session_refresh_torrent (self, torrent);
          _spate_session_save_torrent (self, torrent);
          /* Not for torrents that were complete when they were loaded. */
          if (was_downloading)
            g_signal_emit (self, _spate_session_signals[TORRENT_FINISHED], 0, torrent);
        }
      break;

    case SPATE_LT_ALERT_METADATA_RECEIVED:
      if (torrent != NULL)
        {
          _spate_torrent_pieces_reset (torrent);
          _spate_session_refresh_torrent (self, torrent);
          _spate_session_save_torrent (self, torrent);
          _spate_session_queue_changed (self);
          g_signal_emit (self, _spate_session_signals[METADATA_RECEIVED], 0, torrent);
        }
      break;

    case SPATE_LT_ALERT_TORRENT_ERROR:
    case SPATE_LT_ALERT_FILE_ERROR:
    case SPATE_LT_ALERT_STORAGE_MOVE_FAILED:
    case SPATE_LT_ALERT_FILE_RENAME_FAILED:
      if (torrent != NULL)
        {
          /* A failed priority change reports here instead. */
          if (alert->kind == SPATE_LT_ALERT_FILE_ERROR)
            {
              _spate_torrent_file_priorities_done (torrent);
              set_write_error (torrent, alert);
            }
          _spate_session_refresh_torrent (self, torrent);
          if (alert->kind == SPATE_LT_ALERT_FILE_ERROR &&
              _spate_session_read_failed (self, torrent, alert))
            break;
          torrent_error (self, torrent, alert);
        }
      break;

    case SPATE_LT_ALERT_STORAGE_MOVED:
      if (torrent != NULL)
        {
          _spate_session_refresh_torrent (self, torrent);
          /* Told where the folder went. */
          if (_spate_torrent_get_missing (torrent) != NULL)
            _spate_torrent_recover_missing (torrent, FALSE, NULL);
          _spate_session_save_torrent (self, torrent);
          _spate_session_queue_changed (self);
        }
      break;

    case SPATE_LT_ALERT_FILE_PRIORITY:
      if (torrent != NULL)
        {
          _spate_torrent_pieces_reset (torrent);
          _spate_torrent_file_priorities_done (torrent);
        }
      break;

    case SPATE_LT_ALERT_FILE_RENAMED:
      if (torrent != NULL)
        {
          _spate_session_save_torrent (self, torrent);
          _spate_torrent_files_changed (torrent);
        }
      break;

    case SPATE_LT_ALERT_RESUME_DATA:
      _spate_session_resume_data_arrived (self, torrent, alert->info_hash, alert->data,
                                          alert->size);
      break;

    case SPATE_LT_ALERT_RESUME_DATA_FAILED:
      _spate_session_resume_data_arrived (self, torrent, alert->info_hash, NULL, 0);
      break;

    case SPATE_LT_ALERT_TORRENT_REMOVED:
      /* libtorrent is done with it: the pointer may go now. */
      if (alert->user_data != NULL)
        g_hash_table_remove (self->removing, alert->user_data);
      break;

    case SPATE_LT_ALERT_LISTEN_SUCCEEDED:
      _spate_session_update_listen_port (self);
      break;

    case SPATE_LT_ALERT_LISTEN_FAILED:
      g_signal_emit (self, _spate_session_signals[LISTEN_FAILED], 0, alert->address, alert->port,
                     alert->error.message ? alert->error.message : alert->message);
      break;

    case SPATE_LT_ALERT_DHT_BOOTSTRAP:
    case SPATE_LT_ALERT_DHT_PUT:
    case SPATE_LT_ALERT_DHT_IMMUTABLE_ITEM:
    case SPATE_LT_ALERT_DHT_MUTABLE_ITEM:
      _spate_session_dht_alert (self, alert);
      break;

    case SPATE_LT_ALERT_FASTRESUME_REJECTED:
      g_message ("Checking “%s” again: %s", torrent ? spate_torrent_get_name (torrent) : "?",
                 alert->message);
      break;

    default:
      break;
    }
}

void
_spate_session_set_alert_observer (SpateSession             *self,
                                   SpateSessionAlertObserver func,
                                   gpointer                  user_data)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  self->alert_observer = func;
  self->alert_observer_data = user_data;
}

gboolean
_spate_session_on_notify_fd (int fd, GIOCondition condition, gpointer data)
{
  SpateSession *self = data;

  spate_lt_session_drain (self->lt, on_alert, self);
  return G_SOURCE_CONTINUE;
}
