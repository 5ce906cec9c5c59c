/* spate-torrent-info.h: what a .torrent file or magnet link says, without a
 * session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SPATE_TYPE_TORRENT_INFO (spate_torrent_info_get_type ())
G_DECLARE_FINAL_TYPE (SpateTorrentInfo, spate_torrent_info, SPATE, TORRENT_INFO, GObject)

/* Errors are SPATE_ERROR_INVALID_INPUT for data that is not a torrent or
 * magnet link; reading a file also fails with SPATE_ERROR_NOT_FOUND,
 * SPATE_ERROR_IO or SPATE_ERROR_TOO_LARGE, the message naming the file. */
SpateTorrentInfo *spate_torrent_info_new_from_bytes (GBytes *data, GError **error);
SpateTorrentInfo *spate_torrent_info_new_from_file (const char *path, GError **error);
SpateTorrentInfo *spate_torrent_info_new_from_magnet (const char *uri, GError **error);
/* Anything spate_session_add_uri_async() takes, read without adding it: an
 * http(s) URL (fetched with TLS verified, a 30 s timeout and at most
 * SPATE_MAX_TORRENT_SIZE; SPATE_ERROR_FETCH naming the URL and the HTTP
 * status), a file:// URI or a path (read in a thread), or a magnet link
 * (at once, without metadata). */
void              spate_torrent_info_new_from_uri_async (const char         *uri,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
SpateTorrentInfo *spate_torrent_info_new_from_uri_finish (GAsyncResult *result, GError **error);

/* The .torrent bytes it was read from; NULL for a magnet link. */
GBytes *spate_torrent_info_get_bytes (SpateTorrentInfo *self);

const char *spate_torrent_info_get_name (SpateTorrentInfo *self);
/* Hex digests; NULL when the torrent has no such hash. */
const char *spate_torrent_info_get_info_hash_v1 (SpateTorrentInfo *self);
const char *spate_torrent_info_get_info_hash_v2 (SpateTorrentInfo *self);
/* FALSE for a magnet link: sizes, pieces and files are not known. */
gboolean spate_torrent_info_get_has_metadata (SpateTorrentInfo *self);
/* Bytes of payload, pad files left out. */
gint64 spate_torrent_info_get_total_size (SpateTorrentInfo *self);
guint  spate_torrent_info_get_num_pieces (SpateTorrentInfo *self);
guint  spate_torrent_info_get_piece_length (SpateTorrentInfo *self);
/* NULL when the torrent has none. */
const char *spate_torrent_info_get_comment (SpateTorrentInfo *self);
const char *spate_torrent_info_get_creator (SpateTorrentInfo *self);
/* Unix seconds; 0 when the torrent does not say. */
gint64      spate_torrent_info_get_creation_date (SpateTorrentInfo *self);
gboolean    spate_torrent_info_get_is_private (SpateTorrentInfo *self);
const char *spate_torrent_info_get_magnet (SpateTorrentInfo *self);

/* Files by libtorrent's index, pad files included (so the indices match a
 * torrent's file priorities); path is '/' separated and starts with the
 * torrent's folder for a multi-file torrent. Returns FALSE past the end. */
guint    spate_torrent_info_get_n_files (SpateTorrentInfo *self);
gboolean spate_torrent_info_get_file (SpateTorrentInfo *self,
                                      guint             index,
                                      const char      **path,
                                      gint64           *size,
                                      gboolean         *is_pad);

/* Trackers in the torrent's order, with their tier (BEP 12). */
guint       spate_torrent_info_get_n_trackers (SpateTorrentInfo *self);
const char *spate_torrent_info_get_tracker (SpateTorrentInfo *self, guint index, int *tier);

/* Web seeds (BEP 19 and BEP 17). */
guint       spate_torrent_info_get_n_web_seeds (SpateTorrentInfo *self);
const char *spate_torrent_info_get_web_seed (SpateTorrentInfo *self, guint index);

G_END_DECLS
