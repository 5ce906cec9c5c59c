/* spate-torrent-options.h: one torrent's limits and download options.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_TORRENT_OPTIONS (spate_torrent_options_get_type ())
G_DECLARE_FINAL_TYPE (SpateTorrentOptions, spate_torrent_options, SPATE, TORRENT_OPTIONS, AdwWindow)

/* Every change applies at once; there is no Apply button. */
SpateTorrentOptions *spate_torrent_options_new (GtkWindow *parent, SpateTorrent *torrent);

G_END_DECLS
