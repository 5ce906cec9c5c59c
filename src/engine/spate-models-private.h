/* spate-models-private.h: what the child models of a torrent share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are made and updated only by their lists, from shim records; every
 * update notifies only the properties that changed.
 */

#pragma once

#include "spate-file-tree.h"
#include "spate-item-list.h"
#include "spate-peer.h"
#include "spate-pieces.h"
#include "spate-torrent-file.h"
#include "spate-torrent-private.h"
#include "spate-tracker.h"
#include "spate-web-seed.h"

G_BEGIN_DECLS

/* index -1 makes a folder; its size and state come from its files. */
SpateTorrentFile *_spate_torrent_file_new (SpateTorrent *torrent,
                                           const char   *path,
                                           int           index,
                                           gint64        size,
                                           int           first_piece,
                                           int           last_piece);
/* Takes the children, sorted; sets their parent. */
void
_spate_torrent_file_set_children (SpateTorrentFile *folder, SpateTorrentFile **children, guint n);
void _spate_torrent_file_update (SpateTorrentFile *file, gint64 done, int priority);
/* The last component of the path as it is on disk (the tree's key). */
const char *_spate_torrent_file_get_disk_name (SpateTorrentFile *self);
/* Folder totals: add every child (deepest first), then finish the folder. */
void _spate_torrent_file_add_to_parent (SpateTorrentFile *node);
void _spate_torrent_file_finish_folder (SpateTorrentFile *folder);
/* Sets the files' priority in one call, and shows it in the live file tree
 * at once (libtorrent reports it only once its disk thread has it). */
gboolean _spate_file_tree_set_priority (SpateTorrent *torrent,
                                        const int    *indexes,
                                        guint         n,
                                        guint8        priority,
                                        GError      **error);

SpateTracker *_spate_tracker_new (const SpateLtTracker *record);
void          _spate_tracker_update (SpateTracker *self, const SpateLtTracker *record);
SpateTracker *_spate_tracker_new_peer_source (SpateTrackerKind kind);
void          _spate_tracker_update_peer_source (SpateTracker      *self,
                                                 SpateTrackerStatus status,
                                                 const char        *message,
                                                 int                seeds,
                                                 int                peers);

SpatePeer *_spate_peer_new (const SpateLtPeer *record);
void       _spate_peer_update (SpatePeer *self, const SpateLtPeer *record);
/* "address|port": what identifies a peer from one refresh to the next. */
char *_spate_peer_make_key (const char *address, guint port);

SpateWebSeed *_spate_web_seed_new (const char *url, SpateWebSeedType type);

/* A new reference to the torrent's live list of type, or a new one,
 * registered to be refreshed. */
GListModel *
_spate_item_list_get_for_torrent (SpateTorrent *torrent, GType type, SpateChildRefresh refresh);
/* The list's items, owned by the list: for _spate_models_refresh(). */
GPtrArray *_spate_item_list_get_items (SpateItemList *self);

/* What identifies an item, or the record that describes it, from one
 * refresh to the next; newly allocated. */
typedef char *(*SpateItemKeyFunc) (gpointer item);
typedef char *(*SpateRecordKeyFunc) (gconstpointer record);
typedef gpointer (*SpateRecordNewFunc) (gconstpointer record);
typedef void (*SpateRecordUpdateFunc) (gpointer item, gconstpointer record);

/* Brings the list to records (a GArray of shim records). An item is found
 * again by its key and updated (unless update_item is NULL), by one record
 * at most; other records make new items. Survivors keep their rows, the
 * gone are removed and the new appended: items-changed says exactly that,
 * and nothing when the set is the same. */
void _spate_models_refresh (SpateItemList        *list,
                            GArray               *records,
                            SpateItemKeyFunc      key_of_item,
                            SpateRecordKeyFunc    key_of_record,
                            SpateRecordNewFunc    new_item,
                            SpateRecordUpdateFunc update_item);

G_END_DECLS
