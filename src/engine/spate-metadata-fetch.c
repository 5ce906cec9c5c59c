/* spate-metadata-fetch.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hidden torrent is added without a user pointer, so the session's
 * usual dispatch ignores it; the session hands its alerts here by handle
 * and its statuses by info-hash. Adding removes it and adds the torrent
 * anew from the magnet link plus the metadata, through the same path as
 * any other add: piece priorities set at add time stick, which they would
 * not on a live torrent whose file priorities are still being applied.
 */

#include <glib/gi18n.h>

#include "spate-display-name.h"
#include "spate-error.h"
#include "spate-metadata-fetch-private.h"
#include "spate-session-private.h"

struct _SpateMetadataFetch
{
  GObject parent_instance;

  SpateSession     *session; /* unowned; NULL once the fetch is over */
  SpateLtTorrent   *handle;  /* the hidden torrent while it runs */
  char             *magnet;
  char             *info_hash;
  char             *save_path;
  char             *name;
  int               num_peers;
  SpateTorrentInfo *info;
  char             *error;
};

G_DEFINE_FINAL_TYPE (SpateMetadataFetch, spate_metadata_fetch, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MAGNET,
  PROP_INFO_HASH,
  PROP_NAME,
  PROP_NUM_PEERS,
  PROP_INFO,
  PROP_ERROR,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (SpateMetadataFetch *self, guint prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (SpateMetadataFetch *self, char **slot, const char *value, guint prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  notify (self, prop);
}

static void
set_num_peers (SpateMetadataFetch *self, int num_peers)
{
  if (self->num_peers == num_peers)
    return;
  self->num_peers = num_peers;
  notify (self, PROP_NUM_PEERS);
}

/* Ends the fetch: the session forgets it, the hidden torrent goes. */
static void
finish (SpateMetadataFetch *self, gboolean quiet)
{
  SpateSession *session = g_steal_pointer (&self->session);
  g_autoptr (SpateLtTorrent) handle = g_steal_pointer (&self->handle);

  if (session == NULL)
    return;
  /* Nothing was written, so nothing is deleted: files already there that
   * the torrent would have used must stay. */
  if (handle != NULL)
    spate_lt_session_remove (_spate_session_get_lt (session), handle, FALSE, NULL);
  _spate_session_forget_fetch (session, self);
  if (!quiet)
    notify (self, PROP_ACTIVE);
}

/* ------------------------------------------------------ from the session */

SpateMetadataFetch *
_spate_metadata_fetch_new (SpateSession   *session,
                           SpateLtTorrent *handle,
                           SpateLtInfo    *magnet,
                           const char     *uri,
                           const char     *save_path)
{
  SpateMetadataFetch *self = g_object_new (SPATE_TYPE_METADATA_FETCH, NULL);
  const char         *hash = spate_lt_info_get_info_hash_v1 (magnet);

  self->session = session;
  self->handle = handle;
  self->magnet = g_strdup (uri);
  self->info_hash = g_strdup (hash != NULL ? hash : spate_lt_info_get_info_hash_v2 (magnet));
  self->save_path = g_strdup (save_path);
  self->name = spate_display_name (spate_lt_info_get_name (magnet));
  return self;
}

void
_spate_metadata_fetch_detach_all (GPtrArray *fetches)
{
  /* Emptied first: a notify handler may end a fetch. */
  g_autoptr (GPtrArray) detached = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < fetches->len; i++)
    g_ptr_array_add (detached, g_object_ref (fetches->pdata[i]));
  g_ptr_array_set_size (fetches, 0);
  for (guint i = 0; i < detached->len; i++)
    {
      SpateMetadataFetch *self = g_ptr_array_index (detached, i);
      self->session = NULL;
      g_clear_pointer (&self->handle, spate_lt_torrent_free);
      notify (self, PROP_ACTIVE);
    }
}

static void
metadata_arrived (SpateMetadataFetch *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  SpateTorrentInfo *info;

  if (self->info != NULL)
    return;
  bytes = spate_lt_torrent_get_torrent_file (self->handle, &error);
  info = bytes != NULL ? spate_torrent_info_new_from_bytes (bytes, &error) : NULL;
  if (info == NULL)
    {
      /* libtorrent checked the metadata against the hash; only a torrent
       * removed meanwhile gets here. */
      g_message ("No metadata for “%s”: %s", self->name, error->message);
      return;
    }
  self->info = info;
  set_string (self, &self->name, spate_torrent_info_get_name (info), PROP_NAME);
  notify (self, PROP_INFO);
}

static void
report_error (SpateMetadataFetch *self, const SpateLtAlert *alert)
{
  const char      *reason = alert->error.message ? alert->error.message : alert->message;
  g_autofree char *message = NULL;

  if (alert->path != NULL && *alert->path != '\0')
    message = g_strdup_printf ("%s: %s", alert->path, reason);
  set_string (self, &self->error, message != NULL ? message : reason, PROP_ERROR);
}

/* Few fetches run at once: a walk is cheaper than a table. */
gboolean
_spate_metadata_fetch_route_alert (GPtrArray *fetches, const SpateLtAlert *alert)
{
  SpateMetadataFetch *self = NULL;

  if (alert->user_data != NULL || alert->torrent == NULL)
    return FALSE;
  for (guint i = 0; i < fetches->len && self == NULL; i++)
    if (spate_lt_torrent_equal (((SpateMetadataFetch *) fetches->pdata[i])->handle, alert->torrent))
      self = fetches->pdata[i];
  if (self == NULL)
    return FALSE;

  /* A handler may drop the last reference. */
  g_object_ref (self);
  switch (alert->kind)
    {
    case SPATE_LT_ALERT_METADATA_RECEIVED:
      metadata_arrived (self);
      break;
    case SPATE_LT_ALERT_TORRENT_ERROR:
    case SPATE_LT_ALERT_FILE_ERROR:
      report_error (self, alert);
      break;
    default:
      break;
    }
  g_object_unref (self);
  return TRUE;
}

void
_spate_metadata_fetch_route_status (GPtrArray *fetches, const SpateLtStatus *status)
{
  SpateMetadataFetch *self = NULL;

  for (guint i = 0; i < fetches->len && self == NULL; i++)
    {
      const char *hash = ((SpateMetadataFetch *) fetches->pdata[i])->info_hash;
      if (g_strcmp0 (hash, status->info_hash_v1) == 0 ||
          g_strcmp0 (hash, status->info_hash_v2) == 0)
        self = fetches->pdata[i];
    }
  if (self == NULL)
    return;

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_num_peers (self, status->num_peers);
  if (status->error.category != NULL)
    set_string (self, &self->error, status->error.message, PROP_ERROR);
  /* A status may be the first news of the metadata. */
  if (status->has_metadata)
    metadata_arrived (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_object_unref (self);
}

/* ---------------------------------------------------------------- public */

void
spate_metadata_fetch_cancel (SpateMetadataFetch *self)
{
  g_return_if_fail (SPATE_IS_METADATA_FETCH (self));

  finish (self, FALSE);
}

SpateTorrent *
spate_metadata_fetch_add (SpateMetadataFetch *self, const SpateAddOptions *options, GError **error)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  SpateSession *session;
  SpateTorrent *existing;
  GBytes       *bytes;
  const char   *v1, *v2;

  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), NULL);

  session = self->session;
  if (session == NULL)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("“%s” is no longer being fetched"),
                   self->name);
      return NULL;
    }
  if (self->info == NULL)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NO_METADATA,
                   _ ("The files of “%s” are not known yet"), self->name);
      return NULL;
    }

  v1 = spate_torrent_info_get_info_hash_v1 (self->info);
  v2 = spate_torrent_info_get_info_hash_v2 (self->info);
  existing = v1 != NULL ? spate_session_lookup (session, v1) : NULL;
  if (existing == NULL && v2 != NULL)
    existing = spate_session_lookup (session, v2);
  if (existing != NULL)
    {
      spate_session_merge_trackers (session, existing, self->info, NULL);
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED,
                   _ ("“%s” is already added; its trackers and web seeds were merged"),
                   spate_torrent_get_name (existing));
      finish (self, FALSE);
      return NULL;
    }

  /* The magnet link, now with its metadata: trackers, web seeds and
   * peers (x.pe) as the link gave them. */
  params = spate_lt_add_params_new_from_magnet (self->magnet, error);
  bytes = spate_torrent_info_get_bytes (self->info);
  if (params == NULL || !spate_lt_add_params_set_metadata (params, g_bytes_get_data (bytes, NULL),
                                                           g_bytes_get_size (bytes), error))
    {
      finish (self, FALSE);
      return NULL;
    }
  spate_lt_add_params_set_save_path (params, self->save_path);

  /* libtorrent holds one torrent per info-hash. The removal is queued
   * before the add, so the add finds the hash free. */
  finish (self, FALSE);
  return _spate_session_add_params (session, params, options, error);
}

/* ---------------------------------------------------------------- getters */

const char *
spate_metadata_fetch_get_magnet (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), NULL);

  return self->magnet;
}

const char *
spate_metadata_fetch_get_info_hash (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), NULL);

  return self->info_hash;
}

const char *
spate_metadata_fetch_get_name (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), NULL);

  return self->name;
}

int
spate_metadata_fetch_get_num_peers (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), 0);

  return self->num_peers;
}

SpateTorrentInfo *
spate_metadata_fetch_get_info (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), NULL);

  return self->info;
}

const char *
spate_metadata_fetch_get_error (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), NULL);

  return self->error;
}

gboolean
spate_metadata_fetch_get_active (SpateMetadataFetch *self)
{
  g_return_val_if_fail (SPATE_IS_METADATA_FETCH (self), FALSE);

  return self->session != NULL;
}

/* ---------------------------------------------------------------- GObject */

static void
spate_metadata_fetch_dispose (GObject *object)
{
  SpateMetadataFetch *self = SPATE_METADATA_FETCH (object);

  finish (self, TRUE);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (spate_metadata_fetch_parent_class)->dispose (object);
}

static void
spate_metadata_fetch_finalize (GObject *object)
{
  SpateMetadataFetch *self = SPATE_METADATA_FETCH (object);

  g_free (self->magnet);
  g_free (self->info_hash);
  g_free (self->save_path);
  g_free (self->name);
  g_free (self->error);

  G_OBJECT_CLASS (spate_metadata_fetch_parent_class)->finalize (object);
}

static void
spate_metadata_fetch_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateMetadataFetch *self = SPATE_METADATA_FETCH (object);

  switch (prop_id)
    {
    case PROP_MAGNET:
      g_value_set_string (value, self->magnet);
      break;
    case PROP_INFO_HASH:
      g_value_set_string (value, self->info_hash);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_NUM_PEERS:
      g_value_set_int (value, self->num_peers);
      break;
    case PROP_INFO:
      g_value_set_object (value, self->info);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->session != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_metadata_fetch_class_init (SpateMetadataFetchClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = spate_metadata_fetch_dispose;
  object_class->finalize = spate_metadata_fetch_finalize;
  object_class->get_property = spate_metadata_fetch_get_property;

  properties[PROP_MAGNET] = g_param_spec_string ("magnet", NULL, NULL, NULL, ro);
  properties[PROP_INFO_HASH] = g_param_spec_string ("info-hash", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_NUM_PEERS] = g_param_spec_int ("num-peers", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_INFO] = g_param_spec_object ("info", NULL, NULL, SPATE_TYPE_TORRENT_INFO, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_metadata_fetch_init (SpateMetadataFetch *self)
{
}
