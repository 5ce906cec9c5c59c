/* spate-metadata-fetch.h: a magnet link's files, before adding it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fetch asks the swarm for a magnet link's metadata without taking any of
 * its payload: the torrent runs hidden in libtorrent's upload mode, outside
 * the session's list, never saved, announced by no signal. Once ::info is
 * set the files are known; spate_metadata_fetch_add() then adds the torrent
 * with the files a person chose. Cancelling, or dropping the last
 * reference, leaves nothing behind.
 */

#pragma once

#include <gio/gio.h>

#include "spate-session.h"
#include "spate-torrent-info.h"
#include "spate-torrent.h"

G_BEGIN_DECLS

#define SPATE_TYPE_METADATA_FETCH (spate_metadata_fetch_get_type ())
G_DECLARE_FINAL_TYPE (SpateMetadataFetch, spate_metadata_fetch, SPATE, METADATA_FETCH, GObject)

/* Starts fetching at once. save_path: where the torrent will go unless
 * spate_metadata_fetch_add() says otherwise (nothing is written there
 * while fetching); NULL for the download folder. Fails with
 * SPATE_ERROR_INVALID_INPUT for a malformed magnet link, and with
 * SPATE_ERROR_ALREADY_ADDED when the torrent is in the list
 * (spate_session_lookup() finds it; spate_session_merge_trackers() gives
 * it the link's trackers) or is being fetched already (lookup finds
 * nothing then). Returns a new reference. */
SpateMetadataFetch *spate_session_fetch_metadata (SpateSession *self,
                                                  const char   *magnet_uri,
                                                  const char   *save_path,
                                                  GError      **error);

const char *spate_metadata_fetch_get_magnet (SpateMetadataFetch *self);
/* The magnet link's info-hash: v1 in hex when it has one, else v2. */
const char *spate_metadata_fetch_get_info_hash (SpateMetadataFetch *self);
/* The link's display name (or hash) until the metadata names the torrent. */
const char *spate_metadata_fetch_get_name (SpateMetadataFetch *self);
/* Peers connected now, updated about once a second while fetching. Seeds
 * may hang up once the metadata is here: nothing more to give. */
int spate_metadata_fetch_get_num_peers (SpateMetadataFetch *self);
/* NULL until the metadata arrives; then the name, files, sizes, and the
 * link's trackers and web seeds (spate_torrent_info_get_bytes() is a
 * complete .torrent). */
SpateTorrentInfo *spate_metadata_fetch_get_info (SpateMetadataFetch *self);
/* NULL unless libtorrent reported an error for the torrent. */
const char *spate_metadata_fetch_get_error (SpateMetadataFetch *self);
/* TRUE until cancelled, added, or the session closes. */
gboolean spate_metadata_fetch_get_active (SpateMetadataFetch *self);

/* Stops fetching and drops the hidden torrent, deleting nothing. Safe to
 * call again, after adding, and after the session has closed. */
void spate_metadata_fetch_cancel (SpateMetadataFetch *self);

/* Adds the torrent as spate_session_add_bytes() would (::torrent-added,
 * saved, restored after a restart), keeping the magnet link's trackers,
 * web seeds and peers; the save path is options' or else the fetch's.
 * Unless there is no metadata yet, the fetch is over then. Fails with
 * SPATE_ERROR_NO_METADATA before ::info is set (cancel and use
 * spate_session_add_magnet() to add without choosing files),
 * SPATE_ERROR_ALREADY_ADDED when the torrent was added meanwhile (its
 * trackers merged), SPATE_ERROR_NOT_FOUND once the fetch is over. The
 * torrent returned belongs to the session's list. */
SpateTorrent *
spate_metadata_fetch_add (SpateMetadataFetch *self, const SpateAddOptions *options, GError **error);

G_END_DECLS
