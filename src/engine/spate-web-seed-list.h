/* spate-web-seed-list.h: the web seeds of one torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-item-list.h"
#include "spate-torrent.h"
#include "spate-web-seed.h"

G_BEGIN_DECLS

/* A GListModel of SpateWebSeed; items-changed fires only when web seeds
 * come or go. */
#define SPATE_TYPE_WEB_SEED_LIST (spate_web_seed_list_get_type ())
G_DECLARE_FINAL_TYPE (SpateWebSeedList, spate_web_seed_list, SPATE, WEB_SEED_LIST, SpateItemList)

/* The torrent's web seeds, kept up to date about once a second while a
 * reference is held. A new reference; the same list while one lives. */
GListModel *spate_torrent_get_web_seeds (SpateTorrent *torrent);

G_END_DECLS
