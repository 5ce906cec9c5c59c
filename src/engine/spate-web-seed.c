/* spate-web-seed.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing about a web seed changes: one that changes is another web seed.
 */

#include "spate-engine-enums.h"
#include "spate-models-private.h"

struct _SpateWebSeed
{
  GObject parent_instance;

  char            *url;
  SpateWebSeedType type;
};

G_DEFINE_FINAL_TYPE (SpateWebSeed, spate_web_seed, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_URL,
  PROP_SEED_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpateWebSeed *
_spate_web_seed_new (const char *url, SpateWebSeedType type)
{
  SpateWebSeed *self = g_object_new (SPATE_TYPE_WEB_SEED, NULL);

  self->url = g_strdup (url);
  self->type = type;
  return self;
}

const char *
spate_web_seed_get_url (SpateWebSeed *self)
{
  g_return_val_if_fail (SPATE_IS_WEB_SEED (self), NULL);
  return self->url;
}

SpateWebSeedType
spate_web_seed_get_seed_type (SpateWebSeed *self)
{
  g_return_val_if_fail (SPATE_IS_WEB_SEED (self), SPATE_WEB_SEED_TYPE_URL);
  return self->type;
}

static void
spate_web_seed_finalize (GObject *object)
{
  SpateWebSeed *self = SPATE_WEB_SEED (object);

  g_free (self->url);

  G_OBJECT_CLASS (spate_web_seed_parent_class)->finalize (object);
}

static void
spate_web_seed_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateWebSeed *self = SPATE_WEB_SEED (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_SEED_TYPE:
      g_value_set_enum (value, self->type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_web_seed_class_init (SpateWebSeedClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_web_seed_finalize;
  object_class->get_property = spate_web_seed_get_property;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_SEED_TYPE] = g_param_spec_enum ("seed-type", NULL, NULL, SPATE_TYPE_WEB_SEED_TYPE,
                                                  SPATE_WEB_SEED_TYPE_URL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_web_seed_init (SpateWebSeed *self)
{
}
