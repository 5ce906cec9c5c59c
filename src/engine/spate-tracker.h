/* spate-tracker.h: one tracker of a torrent, as libtorrent last saw it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SPATE_TRACKER_STATUS_NOT_CONTACTED,
  SPATE_TRACKER_STATUS_WORKING,
  SPATE_TRACKER_STATUS_UPDATING,
  SPATE_TRACKER_STATUS_ERROR,
  /* A peer source the session or the torrent has turned off. */
  SPATE_TRACKER_STATUS_DISABLED,
} SpateTrackerStatus;

/* A tracker proper, or one of the trackerless peer sources shown beside
 * the trackers (spate_torrent_get_peer_sources()). */
typedef enum
{
  SPATE_TRACKER_KIND_TRACKER,
  SPATE_TRACKER_KIND_DHT,
  SPATE_TRACKER_KIND_PEX,
  SPATE_TRACKER_KIND_LSD,
} SpateTrackerKind;

/* Where the tracker came from; libtorrent's bits. */
typedef enum /*< flags >*/
{
  SPATE_TRACKER_SOURCE_TORRENT = 1 << 0,
  SPATE_TRACKER_SOURCE_CLIENT = 1 << 1,
  SPATE_TRACKER_SOURCE_MAGNET = 1 << 2,
  SPATE_TRACKER_SOURCE_TEX = 1 << 3,
} SpateTrackerSource;

#define SPATE_TYPE_TRACKER (spate_tracker_get_type ())
G_DECLARE_FINAL_TYPE (SpateTracker, spate_tracker, SPATE, TRACKER, GObject)

SpateTrackerKind spate_tracker_get_kind (SpateTracker *self);
/* The announce URL; "dht", "pex" or "lsd" for a peer source. */
const char *spate_tracker_get_url (SpateTracker *self);
/* From 0; -1 for a peer source. */
int                spate_tracker_get_tier (SpateTracker *self);
SpateTrackerStatus spate_tracker_get_status (SpateTracker *self);
/* The last error, else the tracker's own message; NULL for neither. */
const char *spate_tracker_get_message (SpateTracker *self);
/* From the last scrape; -1 when unknown. For a peer source: the seeds and
 * other peers connected now that it found. */
int spate_tracker_get_seeds (SpateTracker *self);
int spate_tracker_get_peers (SpateTracker *self);
int spate_tracker_get_downloaded (SpateTracker *self);
/* Seconds until the next announce; -1 when none is planned. */
gint64 spate_tracker_get_next_announce (SpateTracker *self);
/* Failed announces in a row. */
int spate_tracker_get_fails (SpateTracker *self);
/* TRUE once the tracker has answered. */
gboolean           spate_tracker_get_verified (SpateTracker *self);
SpateTrackerSource spate_tracker_get_source (SpateTracker *self);

G_END_DECLS
