/* spate-torrent-info-private.h: what the session uses of SpateTorrentInfo.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-lt.h"
#include "spate-torrent-info.h"

G_BEGIN_DECLS

/* Takes info; bytes (the .torrent, may be NULL) is what get_bytes gives. */
SpateTorrentInfo *_spate_torrent_info_new_for_lt (SpateLtInfo *info, GBytes *bytes);
/* Borrowed; lives as long as the object. */
SpateLtInfo *_spate_torrent_info_get_lt (SpateTorrentInfo *self);

G_END_DECLS
