/* spate-web-seed.h: one web seed of a torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SPATE_WEB_SEED_TYPE_URL,  /* BEP 19, GetRight style */
  SPATE_WEB_SEED_TYPE_HTTP, /* BEP 17, Hoffman style */
} SpateWebSeedType;

#define SPATE_TYPE_WEB_SEED (spate_web_seed_get_type ())
G_DECLARE_FINAL_TYPE (SpateWebSeed, spate_web_seed, SPATE, WEB_SEED, GObject)

const char      *spate_web_seed_get_url (SpateWebSeed *self);
SpateWebSeedType spate_web_seed_get_seed_type (SpateWebSeed *self);

G_END_DECLS
