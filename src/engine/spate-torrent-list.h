/* spate-torrent-list.h: every torrent in the session, as a GListModel.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent.h"

G_BEGIN_DECLS

#define SPATE_TYPE_TORRENT_LIST (spate_torrent_list_get_type ())
G_DECLARE_FINAL_TYPE (SpateTorrentList, spate_torrent_list, SPATE, TORRENT_LIST, GObject)

/* items-changed fires only when torrents come or go, never for updates:
 * rows follow their torrent's property notifications. */
SpateTorrentList *spate_torrent_list_new (void);
void              spate_torrent_list_append (SpateTorrentList *self, SpateTorrent *torrent);
gboolean          spate_torrent_list_remove (SpateTorrentList *self, SpateTorrent *torrent);
SpateTorrent     *spate_torrent_list_lookup (SpateTorrentList *self, const char *info_hash);
SpateTorrent     *spate_torrent_list_peek (SpateTorrentList *self, guint position);
void              spate_torrent_list_hold (SpateTorrentList *self);
void              spate_torrent_list_release (SpateTorrentList *self);

G_END_DECLS
