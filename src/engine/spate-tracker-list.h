/* spate-tracker-list.h: the trackers of one torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-item-list.h"
#include "spate-torrent.h"
#include "spate-tracker.h"

G_BEGIN_DECLS

/* A GListModel of SpateTracker. A tracker keeps its row for as long as it
 * is listed (found again by URL); items-changed fires only when trackers
 * come or go. */
#define SPATE_TYPE_TRACKER_LIST (spate_tracker_list_get_type ())
G_DECLARE_FINAL_TYPE (SpateTrackerList, spate_tracker_list, SPATE, TRACKER_LIST, SpateItemList)

/* The torrent's trackers, kept up to date about once a second while a
 * reference is held. A new reference; the same list while one lives. */
GListModel *spate_torrent_get_trackers (SpateTorrent *torrent);

#define SPATE_TYPE_PEER_SOURCE_LIST (spate_peer_source_list_get_type ())
G_DECLARE_FINAL_TYPE (SpatePeerSourceList,
                      spate_peer_source_list,
                      SPATE,
                      PEER_SOURCE_LIST,
                      SpateItemList)

/* DHT, PeX and LSD as three SpateTracker rows (kinds DHT, PEX, LSD):
 * whether each is on for this torrent and how many of the connected peers
 * it found. Refreshed with the torrent's other lists while held; it reads
 * the torrent's peers to count them. */
GListModel *spate_torrent_get_peer_sources (SpateTorrent *torrent);

G_END_DECLS
