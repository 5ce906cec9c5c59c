/* spate-session.c: status pacing, settings and shutdown.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent wakes us through an eventfd watched by a GSource; one drain
 * turns every queued alert into a property change or a signal. Status
 * comes as deltas: post_torrent_updates() once a second, re-armed when the
 * answer arrives, so only torrents that changed are touched.
 */

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "spate-engine-enums.h"
#include "spate-error.h"
#include "spate-metadata-fetch-private.h"
#include "spate-session-internal.h"
#include "spate-torrent-private.h"

#define STATUS_INTERVAL_MS 1000
#define SAVE_INTERVAL_S    60
#define SAVE_DEBOUNCE_MS   500
#define INDEX_DEBOUNCE_MS  1000

G_DEFINE_FINAL_TYPE (SpateSession, spate_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DOWNLOAD_RATE,
  PROP_UPLOAD_RATE,
  PROP_TOTAL_DOWNLOADED,
  PROP_TOTAL_UPLOADED,
  PROP_DHT_NODES,
  PROP_LISTEN_PORT,
  PROP_PAUSED,
  PROP_RESTORING,
  PROP_DOWNLOAD_DIR,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint              _spate_session_signals[N_SIGNALS];

static void
notify (SpateSession *self, guint prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int (SpateSession *self, int *slot, int value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  notify (self, prop);
}

static void
set_int64 (SpateSession *self, gint64 *slot, gint64 value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  notify (self, prop);
}

/* ------------------------------------------------------------- status */

void
_spate_session_apply_statuses (SpateSession *self, const SpateLtStatus *statuses, gsize n)
{
  int down = self->download_rate, up = self->upload_rate;

  for (gsize i = 0; i < n; i++)
    {
      SpateTorrent *torrent = statuses[i].user_data;
      int           old_down, old_up;

      /* A hidden torrent: a metadata fetch's. */
      if (torrent == NULL)
        _spate_metadata_fetch_route_status (self->fetches, &statuses[i]);
      if (torrent == NULL || _spate_torrent_get_session (torrent) != self)
        continue;
      old_down = spate_torrent_get_download_rate (torrent);
      old_up = spate_torrent_get_upload_rate (torrent);
      _spate_torrent_update (torrent, &statuses[i]);
      down += spate_torrent_get_download_rate (torrent) - old_down;
      up += spate_torrent_get_upload_rate (torrent) - old_up;
    }
  set_int (self, &self->download_rate, MAX (down, 0), PROP_DOWNLOAD_RATE);
  set_int (self, &self->upload_rate, MAX (up, 0), PROP_UPLOAD_RATE);
}

void
_spate_session_refresh_torrent (SpateSession *self, SpateTorrent *torrent)
{
  int old_down = spate_torrent_get_download_rate (torrent);
  int old_up = spate_torrent_get_upload_rate (torrent);

  _spate_torrent_refresh (torrent);
  set_int (self, &self->download_rate,
           MAX (self->download_rate + spate_torrent_get_download_rate (torrent) - old_down, 0),
           PROP_DOWNLOAD_RATE);
  set_int (self, &self->upload_rate,
           MAX (self->upload_rate + spate_torrent_get_upload_rate (torrent) - old_up, 0),
           PROP_UPLOAD_RATE);
}

static gboolean
on_status_tick (gpointer data)
{
  SpateSession *self = data;
  g_autoptr (GPtrArray) watched = NULL;
  GHashTableIter iter;
  gpointer       key;

  self->status_source = 0;
  spate_lt_session_post_torrent_updates (self->lt);
  spate_lt_session_post_stats (self->lt);

  /* Refreshing may end a watch and change the table: walk a copy. */
  watched = g_ptr_array_new_full (g_hash_table_size (self->watched), g_object_unref);
  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (watched, g_object_ref (key));
  for (guint i = 0; i < watched->len; i++)
    _spate_torrent_refresh_children (g_ptr_array_index (watched, i));
  return G_SOURCE_REMOVE;
}

void
_spate_session_schedule_status (SpateSession *self)
{
  if (self->status_source == 0 && !self->closing)
    self->status_source = g_timeout_add (STATUS_INTERVAL_MS, on_status_tick, self);
}

void
_spate_session_apply_stats (SpateSession *self, const gint64 *counters, gsize n)
{
  g_free (self->counters);
  self->counters = g_memdup2 (counters, n * sizeof *counters);
  self->n_counters = n;

  set_int64 (self, &self->total_downloaded,
             spate_session_get_counter (self, "net.recv_payload_bytes"), PROP_TOTAL_DOWNLOADED);
  set_int64 (self, &self->total_uploaded,
             spate_session_get_counter (self, "net.sent_payload_bytes"), PROP_TOTAL_UPLOADED);
  set_int (self, &self->dht_nodes, (int) MAX (spate_session_get_counter (self, "dht.dht_nodes"), 0),
           PROP_DHT_NODES);
}

gint64
spate_session_get_counter (SpateSession *self, const char *name)
{
  int index;

  g_return_val_if_fail (SPATE_IS_SESSION (self), -1);

  index = spate_lt_stats_metric_index (name, NULL);
  if (index < 0 || (gsize) index >= self->n_counters)
    return -1;
  return self->counters[index];
}

/* ------------------------------------------------------------- saving */

static gboolean
on_save_timer (gpointer data)
{
  SpateSession *self = data;
  guint         n = g_list_model_get_n_items (G_LIST_MODEL (self->torrents));

  _spate_session_retry_failed_saves (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (G_LIST_MODEL (self->torrents), i);
      if (_spate_torrent_get_need_save (torrent))
        _spate_session_save_torrent (self, torrent);
    }
  return G_SOURCE_CONTINUE;
}

void
_spate_session_set_watched (SpateSession *self, SpateTorrent *torrent, gboolean watched)
{
  if (watched)
    g_hash_table_add (self->watched, torrent);
  else
    g_hash_table_remove (self->watched, torrent);
}

/* ----------------------------------------------------------- settings */

gboolean
spate_session_set_setting (SpateSession *self, const char *name, GVariant *value, GError **error)
{
  g_auto (GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);

  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);

  g_variant_builder_add (&builder, "{sv}", name, owned);
  return spate_session_apply_settings (self, g_variant_builder_end (&builder), error);
}

gboolean
spate_session_apply_settings (SpateSession *self, GVariant *settings, GError **error)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);

  return spate_lt_session_apply_settings (self->lt, settings, error);
}

GVariant *
spate_session_get_setting (SpateSession *self, const char *name, GError **error)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);

  return spate_lt_session_get_setting (self->lt, name, error);
}

GVariant *
spate_setting_value_from_string (const char *name, const char *text, GError **error)
{
  SpateLtSettingType type;
  gint64             number;

  if (!spate_lt_setting_lookup (name, &type, error))
    return NULL;
  switch (type)
    {
    case SPATE_LT_SETTING_STRING:
      return g_variant_new_string (text);
    case SPATE_LT_SETTING_INT:
      if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
        break;
      return g_variant_new_int32 ((gint32) number);
    case SPATE_LT_SETTING_BOOL:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1") ||
          g_ascii_strcasecmp (text, "yes") == 0)
        return g_variant_new_boolean (TRUE);
      if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0") ||
          g_ascii_strcasecmp (text, "no") == 0)
        return g_variant_new_boolean (FALSE);
      break;
    default:
      break;
    }
  g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
               _ ("“%s” is not a valid value for the setting %s"), text, name);
  return NULL;
}

gboolean
spate_session_add_dht_node (SpateSession *self, const char *host, int port, GError **error)
{
  return spate_lt_session_add_dht_node (self->lt, host, port, error);
}

void
spate_session_pause (SpateSession *self)
{
  spate_lt_session_pause (self->lt);
  if (!self->paused)
    {
      self->paused = TRUE;
      notify (self, PROP_PAUSED);
    }
}

void
spate_session_resume (SpateSession *self)
{
  spate_lt_session_resume (self->lt);
  if (self->paused)
    {
      self->paused = FALSE;
      notify (self, PROP_PAUSED);
    }
}

/* ------------------------------------------------------------ getters */

SpateLtSession *
_spate_session_get_lt (SpateSession *self)
{
  return self->lt;
}

SpateStore *
_spate_session_get_store (SpateSession *self)
{
  return self->store;
}

SpateTorrentList *
spate_session_get_torrents (SpateSession *self)
{
  return self->torrents;
}

SpateTorrent *
spate_session_lookup (SpateSession *self, const char *info_hash)
{
  return spate_torrent_list_lookup (self->torrents, info_hash);
}

const char *
spate_session_get_data_dir (SpateSession *self)
{
  return spate_store_get_dir (self->store);
}

const char *
spate_session_get_download_dir (SpateSession *self)
{
  return self->download_dir;
}

void
spate_session_set_download_dir (SpateSession *self, const char *path)
{
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (self->download_dir, path) == 0)
    return;
  g_free (self->download_dir);
  self->download_dir = g_strdup (path);
  notify (self, PROP_DOWNLOAD_DIR);
}

gboolean
spate_session_get_paused (SpateSession *self)
{
  return self->paused;
}

gboolean
spate_session_get_restoring (SpateSession *self)
{
  return self->restoring;
}

void
_spate_session_set_restoring (SpateSession *self, gboolean restoring)
{
  if (self->restoring == restoring)
    return;
  self->restoring = restoring;
  notify (self, PROP_RESTORING);
}

int
spate_session_get_download_rate (SpateSession *self)
{
  return self->download_rate;
}

int
spate_session_get_upload_rate (SpateSession *self)
{
  return self->upload_rate;
}

gint64
spate_session_get_total_downloaded (SpateSession *self)
{
  return self->total_downloaded;
}

gint64
spate_session_get_total_uploaded (SpateSession *self)
{
  return self->total_uploaded;
}

int
spate_session_get_dht_nodes (SpateSession *self)
{
  return self->dht_nodes;
}

int
spate_session_get_listen_port (SpateSession *self)
{
  return self->listen_port;
}

void
_spate_session_update_listen_port (SpateSession *self)
{
  set_int (self, &self->listen_port, spate_lt_session_get_listen_port (self->lt), PROP_LISTEN_PORT);
}

/* ---------------------------------------------------------- lifecycle */

static void
on_store_write_failed (SpateStore *store, GError *error, SpateSession *self)
{
  g_signal_emit (self, _spate_session_signals[SAVE_FAILED], 0, error);
}

SpateSession *
spate_session_new (const char *data_dir, GVariant *settings, GError **error)
{
  g_autoptr (SpateSession) self = g_object_new (SPATE_TYPE_SESSION, NULL);
  g_autoptr (GVariant) owned = settings ? g_variant_ref_sink (settings) : NULL;
  g_autoptr (GBytes) state = NULL;
  g_autoptr (GError) local_error = NULL;
  GSource *source;

  self->store = spate_store_new (data_dir, error);
  if (self->store == NULL)
    return NULL;
  g_signal_connect_object (self->store, "write-failed", G_CALLBACK (on_store_write_failed), self,
                           0);

  state = spate_store_load_state (self->store);
  self->lt = spate_lt_session_new (owned, state, &local_error);
  if (self->lt == NULL && state != NULL)
    {
      /* Damaged state costs only the DHT table. */
      g_message ("Ignoring the saved session state: %s", local_error->message);
      g_clear_error (&local_error);
      self->lt = spate_lt_session_new (owned, NULL, &local_error);
    }
  if (self->lt == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  source = g_unix_fd_source_new (spate_lt_session_get_notify_fd (self->lt), G_IO_IN);
  g_source_set_callback (source, (GSourceFunc) (GCallback) _spate_session_on_notify_fd, self, NULL);
  g_source_set_static_name (source, "[spate] libtorrent alerts");
  self->alert_source = g_source_attach (source, NULL);
  g_source_unref (source);

  self->listen_port = spate_lt_session_get_listen_port (self->lt);
  spate_lt_session_post_torrent_updates (self->lt);
  self->save_source = g_timeout_add_seconds (SAVE_INTERVAL_S, on_save_timer, self);
  _spate_session_goals_start (self);
  return g_steal_pointer (&self);
}

/* Frees libtorrent on the calling thread: it blocks until shutdown. */
void
_spate_session_teardown (SpateSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->torrents));

  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->save_soon_source, g_source_remove);
  g_clear_handle_id (&self->index_source, g_source_remove);
  g_clear_handle_id (&self->restore_source, g_source_remove);
  g_clear_pointer (&self->restore_reader, _spate_restore_reader_free);
  g_clear_handle_id (&self->alert_source, g_source_remove);
  g_clear_handle_id (&self->goals_source, g_source_remove);
  /* libtorrent takes the hidden torrents along. */
  _spate_metadata_fetch_detach_all (self->fetches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (G_LIST_MODEL (self->torrents), i);
      _spate_torrent_detach (torrent);
    }
  g_clear_pointer (&self->lt, spate_lt_session_free);
}

static void
spate_session_dispose (GObject *object)
{
  SpateSession *self = SPATE_SESSION (object);

  _spate_session_teardown (self);
  _spate_session_dht_dispose (self);
  _spate_session_filter_dispose (self);
  g_hash_table_remove_all (self->removing);
  g_hash_table_remove_all (self->watched);
  g_hash_table_remove_all (self->checking_files);
  g_clear_object (&self->store);
  g_clear_object (&self->last_duplicate);
  _spate_session_prefs_dispose (self);

  G_OBJECT_CLASS (spate_session_parent_class)->dispose (object);
}

static void
spate_session_finalize (GObject *object)
{
  SpateSession *self = SPATE_SESSION (object);

  g_clear_object (&self->torrents);
  g_hash_table_unref (self->removing);
  g_hash_table_unref (self->watched);
  g_hash_table_unref (self->checking_files);
  g_hash_table_unref (self->save_soon);
  g_ptr_array_unref (self->fetches);
  g_clear_pointer (&self->restore_reader, _spate_restore_reader_free);
  g_clear_pointer (&self->restore_queue, g_ptr_array_unref);
  g_free (self->counters);
  g_free (self->download_dir);

  G_OBJECT_CLASS (spate_session_parent_class)->finalize (object);
}

static void
spate_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateSession *self = SPATE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOWNLOAD_RATE:
      g_value_set_int (value, self->download_rate);
      break;
    case PROP_UPLOAD_RATE:
      g_value_set_int (value, self->upload_rate);
      break;
    case PROP_TOTAL_DOWNLOADED:
      g_value_set_int64 (value, self->total_downloaded);
      break;
    case PROP_TOTAL_UPLOADED:
      g_value_set_int64 (value, self->total_uploaded);
      break;
    case PROP_DHT_NODES:
      g_value_set_int (value, self->dht_nodes);
      break;
    case PROP_LISTEN_PORT:
      g_value_set_int (value, self->listen_port);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;
    case PROP_DOWNLOAD_DIR:
      g_value_set_string (value, self->download_dir);
      break;
    case PROP_DATA_DIR:
      g_value_set_string (value, self->store ? spate_store_get_dir (self->store) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_session_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SpateSession *self = SPATE_SESSION (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      if (g_value_get_boolean (value))
        spate_session_pause (self);
      else
        spate_session_resume (self);
      break;
    case PROP_DOWNLOAD_DIR:
      spate_session_set_download_dir (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_session_class_init (SpateSessionClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GType             type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = spate_session_dispose;
  object_class->finalize = spate_session_finalize;
  object_class->get_property = spate_session_get_property;
  object_class->set_property = spate_session_set_property;

  properties[PROP_DOWNLOAD_RATE] =
      g_param_spec_int ("download-rate", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_UPLOAD_RATE] = g_param_spec_int ("upload-rate", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_TOTAL_DOWNLOADED] =
      g_param_spec_int64 ("total-downloaded", NULL, NULL, -1, G_MAXINT64, 0, ro);
  properties[PROP_TOTAL_UPLOADED] =
      g_param_spec_int64 ("total-uploaded", NULL, NULL, -1, G_MAXINT64, 0, ro);
  properties[PROP_DHT_NODES] = g_param_spec_int ("dht-nodes", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_LISTEN_PORT] =
      g_param_spec_int ("listen-port", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, rw);
  properties[PROP_RESTORING] = g_param_spec_boolean ("restoring", NULL, NULL, FALSE, ro);
  properties[PROP_DOWNLOAD_DIR] = g_param_spec_string ("download-dir", NULL, NULL, NULL, rw);
  properties[PROP_DATA_DIR] =
      g_param_spec_string ("data-dir", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _spate_session_signals[TORRENT_ADDED] =
      g_signal_new ("torrent-added", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                    SPATE_TYPE_TORRENT);
  _spate_session_signals[TORRENT_REMOVED] =
      g_signal_new ("torrent-removed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                    SPATE_TYPE_TORRENT);
  _spate_session_signals[TORRENT_FINISHED] =
      g_signal_new ("torrent-finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                    1, SPATE_TYPE_TORRENT);
  _spate_session_signals[METADATA_RECEIVED] =
      g_signal_new ("metadata-received", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                    1, SPATE_TYPE_TORRENT);
  /* The torrent and one line saying what went wrong. */
  _spate_session_signals[TORRENT_ERROR] =
      g_signal_new ("torrent-error", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                    SPATE_TYPE_TORRENT, G_TYPE_STRING);
  /* Address, port, message. */
  _spate_session_signals[LISTEN_FAILED] =
      g_signal_new ("listen-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                    G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING);
  /* A resume file or the session state could not be written. */
  _spate_session_signals[SAVE_FAILED] = g_signal_new (
      "save-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* A saved torrent could not be loaded as it was: info-hash and why. The
   * torrent itself may still come back from a backup or a recheck. */
  _spate_session_signals[RESTORE_FAILED] =
      g_signal_new ("restore-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                    G_TYPE_STRING, G_TYPE_ERROR);
  /* Once a second, after the torrents' statuses and the session's
   * counters were applied: the moment to redraw what depends on many. */
  _spate_session_signals[STATUS_UPDATED] =
      g_signal_new ("status-updated", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A torrent reached a seeding goal (SpateGoal); the SpateGoalAction
   * follows right after the signal. */
  _spate_session_signals[GOAL_REACHED] =
      g_signal_new ("goal-reached", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                    SPATE_TYPE_TORRENT, SPATE_TYPE_GOAL, SPATE_TYPE_GOAL_ACTION);
  /* more-signals */
  /* A peer was banned or unbanned; see spate_session_get_banned_peers(). */
  _spate_session_signals[BANNED_PEERS_CHANGED] = g_signal_new (
      "banned-peers-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
spate_session_init (SpateSession *self)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  self->torrents = spate_torrent_list_new ();
  self->removing = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->watched = g_hash_table_new (NULL, NULL);
  self->checking_files = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->save_soon = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->fetches = g_ptr_array_new ();
  self->torrent_max_connections = -1;
  self->torrent_max_uploads = -1;
  self->download_dir = downloads != NULL ? g_strdup (downloads)
                                         : g_build_filename (g_get_home_dir (), "Downloads", NULL);
}
