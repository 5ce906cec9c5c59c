/* spate-peer-list.h: the peers of one torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-peer.h"
#include "spate-item-list.h"
#include "spate-torrent.h"

G_BEGIN_DECLS

/* A GListModel of SpatePeer. A peer keeps its row while connected (found
 * again by address and port); items-changed fires only when peers come or
 * go. */
#define SPATE_TYPE_PEER_LIST (spate_peer_list_get_type ())
G_DECLARE_FINAL_TYPE (SpatePeerList, spate_peer_list, SPATE, PEER_LIST, SpateItemList)

/* The torrent's connected peers, kept up to date about once a second while
 * a reference is held. A new reference; the same list while one lives. */
GListModel *spate_torrent_get_peers (SpateTorrent *torrent);

G_END_DECLS
