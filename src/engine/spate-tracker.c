/* spate-tracker.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-engine-enums.h"
#include "spate-models-private.h"

struct _SpateTracker
{
  GObject parent_instance;

  SpateTrackerKind kind;

  char              *url;
  int                tier;
  SpateTrackerStatus status;
  char              *message;
  int                seeds;
  int                peers;
  int                downloaded;
  gint64             next_announce;
  int                fails;
  gboolean           verified;
  SpateTrackerSource source;
};

G_DEFINE_FINAL_TYPE (SpateTracker, spate_tracker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_URL,
  PROP_TIER,
  PROP_STATUS,
  PROP_MESSAGE,
  PROP_SEEDS,
  PROP_PEERS,
  PROP_DOWNLOADED,
  PROP_NEXT_ANNOUNCE,
  PROP_FAILS,
  PROP_VERIFIED,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_int (SpateTracker *self, int *slot, int value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static SpateTrackerStatus
status_of (const SpateLtTracker *record)
{
  if (record->updating)
    return SPATE_TRACKER_STATUS_UPDATING;
  if (record->fails > 0)
    return SPATE_TRACKER_STATUS_ERROR;
  if (record->verified)
    return SPATE_TRACKER_STATUS_WORKING;
  return SPATE_TRACKER_STATUS_NOT_CONTACTED;
}

/* A tracker's refusal says more than libtorrent's "tracker sent a failure
 * message"; a connection error has only the latter. */
static const char *
message_of (const SpateLtTracker *record)
{
  if (record->message != NULL && *record->message != '\0')
    return record->message;
  if (record->fails > 0 && record->last_error != NULL && *record->last_error != '\0')
    return record->last_error;
  return NULL;
}

SpateTracker *
_spate_tracker_new (const SpateLtTracker *record)
{
  SpateTracker *self = g_object_new (SPATE_TYPE_TRACKER, NULL);

  self->url = g_strdup (record->url);
  _spate_tracker_update (self, record);
  return self;
}

void
_spate_tracker_update (SpateTracker *self, const SpateLtTracker *record)
{
  const char        *message = message_of (record);
  SpateTrackerStatus status = status_of (record);

  set_int (self, &self->tier, record->tier, PROP_TIER);
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  set_int (self, &self->seeds, record->scrape_complete, PROP_SEEDS);
  set_int (self, &self->peers, record->scrape_incomplete, PROP_PEERS);
  set_int (self, &self->downloaded, record->scrape_downloaded, PROP_DOWNLOADED);
  if (self->next_announce != record->next_announce)
    {
      self->next_announce = record->next_announce;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ANNOUNCE]);
    }
  set_int (self, &self->fails, record->fails, PROP_FAILS);
  set_int (self, &self->verified, !!record->verified, PROP_VERIFIED);
  if (self->source != (SpateTrackerSource) record->source)
    {
      self->source = (SpateTrackerSource) record->source;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
    }
}

SpateTracker *
_spate_tracker_new_peer_source (SpateTrackerKind kind)
{
  static const char * const urls[] = { NULL, "dht", "pex", "lsd" };
  SpateTracker             *self;

  g_return_val_if_fail (kind > SPATE_TRACKER_KIND_TRACKER && kind <= SPATE_TRACKER_KIND_LSD, NULL);

  self = g_object_new (SPATE_TYPE_TRACKER, NULL);
  self->kind = kind;
  self->url = g_strdup (urls[kind]);
  self->tier = -1;
  return self;
}

void
_spate_tracker_update_peer_source (SpateTracker      *self,
                                   SpateTrackerStatus status,
                                   const char        *message,
                                   int                seeds,
                                   int                peers)
{
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  set_int (self, &self->seeds, seeds, PROP_SEEDS);
  set_int (self, &self->peers, peers, PROP_PEERS);
}

#define GETTER(type, name, expr, fallback)                    \
  type spate_tracker_get_##name (SpateTracker *self)          \
  {                                                           \
    g_return_val_if_fail (SPATE_IS_TRACKER (self), fallback); \
    return (expr);                                            \
  }

GETTER (SpateTrackerKind, kind, self->kind, SPATE_TRACKER_KIND_TRACKER)
GETTER (const char *, url, self->url, NULL)
GETTER (int, tier, self->tier, 0)
GETTER (SpateTrackerStatus, status, self->status, SPATE_TRACKER_STATUS_NOT_CONTACTED)
GETTER (const char *, message, self->message, NULL)
GETTER (int, seeds, self->seeds, -1)
GETTER (int, peers, self->peers, -1)
GETTER (int, downloaded, self->downloaded, -1)
GETTER (gint64, next_announce, self->next_announce, -1)
GETTER (int, fails, self->fails, 0)
GETTER (gboolean, verified, self->verified, FALSE)
GETTER (SpateTrackerSource, source, self->source, 0)

#undef GETTER

static void
spate_tracker_finalize (GObject *object)
{
  SpateTracker *self = SPATE_TRACKER (object);

  g_free (self->url);
  g_free (self->message);

  G_OBJECT_CLASS (spate_tracker_parent_class)->finalize (object);
}

static void
spate_tracker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateTracker *self = SPATE_TRACKER (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_TIER:
      g_value_set_int (value, self->tier);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SEEDS:
      g_value_set_int (value, self->seeds);
      break;
    case PROP_PEERS:
      g_value_set_int (value, self->peers);
      break;
    case PROP_DOWNLOADED:
      g_value_set_int (value, self->downloaded);
      break;
    case PROP_NEXT_ANNOUNCE:
      g_value_set_int64 (value, self->next_announce);
      break;
    case PROP_FAILS:
      g_value_set_int (value, self->fails);
      break;
    case PROP_VERIFIED:
      g_value_set_boolean (value, self->verified);
      break;
    case PROP_SOURCE:
      g_value_set_flags (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_tracker_class_init (SpateTrackerClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_tracker_finalize;
  object_class->get_property = spate_tracker_get_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, SPATE_TYPE_TRACKER_KIND,
                                             SPATE_TRACKER_KIND_TRACKER, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_TIER] = g_param_spec_int ("tier", NULL, NULL, -1, G_MAXINT, 0, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, SPATE_TYPE_TRACKER_STATUS,
                                               SPATE_TRACKER_STATUS_NOT_CONTACTED, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_SEEDS] = g_param_spec_int ("seeds", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_PEERS] = g_param_spec_int ("peers", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_DOWNLOADED] = g_param_spec_int ("downloaded", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_NEXT_ANNOUNCE] =
      g_param_spec_int64 ("next-announce", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_FAILS] = g_param_spec_int ("fails", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_VERIFIED] = g_param_spec_boolean ("verified", NULL, NULL, FALSE, ro);
  properties[PROP_SOURCE] =
      g_param_spec_flags ("source", NULL, NULL, SPATE_TYPE_TRACKER_SOURCE, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_tracker_init (SpateTracker *self)
{
  self->seeds = -1;
  self->peers = -1;
  self->downloaded = -1;
  self->next_announce = -1;
}
