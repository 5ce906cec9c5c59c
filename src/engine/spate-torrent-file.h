/* spate-torrent-file.h: one file or folder of a torrent's file tree.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent.h"

G_BEGIN_DECLS

/* Whether a file is downloaded; a folder is MIXED when its files differ. */
typedef enum
{
  SPATE_WANTED_STATE_WANTED,
  SPATE_WANTED_STATE_SKIPPED,
  SPATE_WANTED_STATE_MIXED,
} SpateWantedState;

#define SPATE_TYPE_TORRENT_FILE (spate_torrent_file_get_type ())
G_DECLARE_FINAL_TYPE (SpateTorrentFile, spate_torrent_file, SPATE, TORRENT_FILE, GObject)

/* The last component of the path. */
const char *spate_torrent_file_get_name (SpateTorrentFile *self);
/* Relative to the save path, '/'-separated. */
const char *spate_torrent_file_get_path (SpateTorrentFile *self);
/* The file's index in the torrent; -1 for a folder. */
int      spate_torrent_file_get_index (SpateTorrentFile *self);
gboolean spate_torrent_file_get_is_folder (SpateTorrentFile *self);
gint64   spate_torrent_file_get_size (SpateTorrentFile *self);
gint64   spate_torrent_file_get_done (SpateTorrentFile *self);
double   spate_torrent_file_get_progress (SpateTorrentFile *self);
/* 0–7; for a folder the priority all its files share, or -1. */
int              spate_torrent_file_get_priority (SpateTorrentFile *self);
SpateWantedState spate_torrent_file_get_wanted_state (SpateTorrentFile *self);
/* The pieces the file (or every file in the folder) covers; -1 for none. */
int spate_torrent_file_get_first_piece (SpateTorrentFile *self);
int spate_torrent_file_get_last_piece (SpateTorrentFile *self);
/* A folder's entries (SpateTorrentFile, folders first, then by name), as a
 * new reference; NULL for a file. Fits GtkTreeListModel's create function. */
GListModel *spate_torrent_file_get_children (SpateTorrentFile *self);

/* A folder sets every file under it, in one call. */
gboolean spate_torrent_file_set_priority (SpateTorrentFile *self, int priority, GError **error);
/* SPATE_PRIORITY_NORMAL or SPATE_PRIORITY_SKIP. */
gboolean spate_torrent_file_set_wanted (SpateTorrentFile *self, gboolean wanted, GError **error);

G_END_DECLS
