/* spate-peer.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-engine-enums.h"
#include "spate-models-private.h"

struct _SpatePeer
{
  GObject parent_instance;

  char               *address;
  guint               port;
  char               *client;
  SpatePeerFlags      flags;
  SpatePeerSource     source;
  SpatePeerConnection connection;
  gboolean            encrypted;
  double              progress;
  int                 download_rate;
  int                 upload_rate;
  gint64              downloaded;
  gint64              uploaded;
};

G_DEFINE_FINAL_TYPE (SpatePeer, spate_peer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_CLIENT,
  PROP_FLAGS,
  PROP_SOURCE,
  PROP_CONNECTION,
  PROP_ENCRYPTED,
  PROP_PROGRESS,
  PROP_DOWNLOAD_RATE,
  PROP_UPLOAD_RATE,
  PROP_DOWNLOADED,
  PROP_UPLOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_int (SpatePeer *self, int *slot, int value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (SpatePeer *self, gint64 *slot, gint64 value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

char *
_spate_peer_make_key (const char *address, guint port)
{
  return g_strdup_printf ("%s|%u", address, port);
}

SpatePeer *
_spate_peer_new (const SpateLtPeer *record)
{
  SpatePeer *self = g_object_new (SPATE_TYPE_PEER, NULL);

  self->address = g_strdup (record->address);
  self->port = record->port;
  _spate_peer_update (self, record);
  return self;
}

void
_spate_peer_update (SpatePeer *self, const SpateLtPeer *record)
{
  const char *client = record->client != NULL ? record->client : "";

  if (g_strcmp0 (self->client, client) != 0)
    {
      g_free (self->client);
      self->client = g_strdup (client);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
    }
  set_int (self, (int *) &self->flags, (int) record->flags, PROP_FLAGS);
  set_int (self, (int *) &self->source, (int) record->source, PROP_SOURCE);
  set_int (self, (int *) &self->connection, (int) record->connection, PROP_CONNECTION);
  set_int (self, &self->encrypted, !!record->encrypted, PROP_ENCRYPTED);
  if (self->progress != CLAMP (record->progress, 0.0, 1.0))
    {
      self->progress = CLAMP (record->progress, 0.0, 1.0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  set_int (self, &self->download_rate, record->download_rate, PROP_DOWNLOAD_RATE);
  set_int (self, &self->upload_rate, record->upload_rate, PROP_UPLOAD_RATE);
  set_int64 (self, &self->downloaded, record->total_download, PROP_DOWNLOADED);
  set_int64 (self, &self->uploaded, record->total_upload, PROP_UPLOADED);
}

#define GETTER(type, name, expr, fallback)                 \
  type spate_peer_get_##name (SpatePeer *self)             \
  {                                                        \
    g_return_val_if_fail (SPATE_IS_PEER (self), fallback); \
    return (expr);                                         \
  }

GETTER (const char *, address, self->address, NULL)
GETTER (guint, port, self->port, 0)
GETTER (const char *, client, self->client, NULL)
GETTER (SpatePeerFlags, flags, self->flags, 0)
GETTER (SpatePeerSource, source, self->source, 0)
GETTER (SpatePeerConnection, connection, self->connection, SPATE_PEER_CONNECTION_TCP)
GETTER (gboolean, encrypted, self->encrypted, FALSE)
GETTER (double, progress, self->progress, 0.0)
GETTER (int, download_rate, self->download_rate, 0)
GETTER (int, upload_rate, self->upload_rate, 0)
GETTER (gint64, downloaded, self->downloaded, 0)
GETTER (gint64, uploaded, self->uploaded, 0)

#undef GETTER

static void
spate_peer_finalize (GObject *object)
{
  SpatePeer *self = SPATE_PEER (object);

  g_free (self->address);
  g_free (self->client);

  G_OBJECT_CLASS (spate_peer_parent_class)->finalize (object);
}

static void
spate_peer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpatePeer *self = SPATE_PEER (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_CLIENT:
      g_value_set_string (value, self->client);
      break;
    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;
    case PROP_SOURCE:
      g_value_set_flags (value, self->source);
      break;
    case PROP_CONNECTION:
      g_value_set_enum (value, self->connection);
      break;
    case PROP_ENCRYPTED:
      g_value_set_boolean (value, self->encrypted);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_DOWNLOAD_RATE:
      g_value_set_int (value, self->download_rate);
      break;
    case PROP_UPLOAD_RATE:
      g_value_set_int (value, self->upload_rate);
      break;
    case PROP_DOWNLOADED:
      g_value_set_int64 (value, self->downloaded);
      break;
    case PROP_UPLOADED:
      g_value_set_int64 (value, self->uploaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_peer_class_init (SpatePeerClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_peer_finalize;
  object_class->get_property = spate_peer_get_property;

  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_CLIENT] = g_param_spec_string ("client", NULL, NULL, NULL, ro);
  properties[PROP_FLAGS] = g_param_spec_flags ("flags", NULL, NULL, SPATE_TYPE_PEER_FLAGS, 0, ro);
  properties[PROP_SOURCE] =
      g_param_spec_flags ("source", NULL, NULL, SPATE_TYPE_PEER_SOURCE, 0, ro);
  properties[PROP_CONNECTION] = g_param_spec_enum (
      "connection", NULL, NULL, SPATE_TYPE_PEER_CONNECTION, SPATE_PEER_CONNECTION_TCP, ro);
  properties[PROP_ENCRYPTED] = g_param_spec_boolean ("encrypted", NULL, NULL, FALSE, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_DOWNLOAD_RATE] =
      g_param_spec_int ("download-rate", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_UPLOAD_RATE] = g_param_spec_int ("upload-rate", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_DOWNLOADED] = g_param_spec_int64 ("downloaded", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UPLOADED] = g_param_spec_int64 ("uploaded", NULL, NULL, 0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_peer_init (SpatePeer *self)
{
}
