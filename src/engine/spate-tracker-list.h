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

G_END_DECLS
