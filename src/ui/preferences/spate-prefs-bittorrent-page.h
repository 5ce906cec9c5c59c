/* spate-prefs-bittorrent-page.h: peer sources, encryption, the queue,
 * seeding goals and trackers for every new torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFS_BITTORRENT_PAGE (spate_prefs_bittorrent_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePrefsBittorrentPage,
                      spate_prefs_bittorrent_page,
                      SPATE,
                      PREFS_BITTORRENT_PAGE,
                      AdwPreferencesPage)

AdwPreferencesPage *spate_prefs_bittorrent_page_new (GSettings *settings);

G_END_DECLS
