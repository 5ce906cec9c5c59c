/* spate-file-tree.h: a torrent's files as a tree.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent-file.h"
#include "spate-torrent.h"

G_BEGIN_DECLS

/* A GListModel of the top-level SpateTorrentFile nodes, folders first, then
 * by name; each folder's entries come from spate_torrent_file_get_children().
 * Empty until the torrent has its metadata. */
#define SPATE_TYPE_FILE_TREE (spate_file_tree_get_type ())
G_DECLARE_FINAL_TYPE (SpateFileTree, spate_file_tree, SPATE, FILE_TREE, GObject)

/* The torrent's file tree, kept up to date about once a second while a
 * reference to it is held. A new reference; the same tree while one lives. */
GListModel *spate_torrent_get_file_tree (SpateTorrent *torrent);

SpateTorrent *spate_file_tree_get_torrent (SpateFileTree *self);
/* Files in the torrent, pad files left out. */
guint spate_file_tree_get_n_files (SpateFileTree *self);
/* The node of file index, or NULL (a pad file, or no such file). Not a new
 * reference. */
SpateTorrentFile *spate_file_tree_get_file (SpateFileTree *self, int index);

G_END_DECLS
