/* spate-add-file.h: one file or folder of a torrent about to be added.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent-info.h"

G_BEGIN_DECLS

/* A folder whose files do not share one priority. */
#define SPATE_ADD_FILE_PRIORITY_MIXED (-1)

#define SPATE_TYPE_ADD_FILE (spate_add_file_get_type ())
G_DECLARE_FINAL_TYPE (SpateAddFile, spate_add_file, SPATE, ADD_FILE, GObject)

/* The tree of info's files, pad files left out, folders first and then by
 * name. Returns the root folder, which holds the top entries and is not
 * shown; a multi-file torrent's own folder is left out as well. by_index
 * gets a borrowed node per libtorrent file index, NULL for pad files. */
SpateAddFile *spate_add_file_new_tree (SpateTorrentInfo *info, GPtrArray **by_index);

const char *spate_add_file_get_name (SpateAddFile *self);
gint64      spate_add_file_get_size (SpateAddFile *self);
gboolean    spate_add_file_get_is_folder (SpateAddFile *self);
/* libtorrent's file index; -1 for a folder. */
int           spate_add_file_get_index (SpateAddFile *self);
SpateAddFile *spate_add_file_get_parent (SpateAddFile *self);
/* The entries of a folder (SpateAddFile); NULL for a file. */
GListModel *spate_add_file_get_children (SpateAddFile *self);

/* Files below a folder (1 for a file), and how many of them are wanted. */
guint  spate_add_file_get_n_files (SpateAddFile *self);
guint  spate_add_file_get_n_wanted (SpateAddFile *self);
gint64 spate_add_file_get_wanted_size (SpateAddFile *self);
/* Every file below wanted; some but not all. */
gboolean spate_add_file_get_checked (SpateAddFile *self);
gboolean spate_add_file_get_inconsistent (SpateAddFile *self);
/* SPATE_PRIORITY_LOW, _NORMAL or _HIGH; a folder may be
 * SPATE_ADD_FILE_PRIORITY_MIXED. What a wanted file downloads with. */
int spate_add_file_get_priority (SpateAddFile *self);

/* On a folder these act on every file below it, or with only_visible on
 * those the last spate_add_file_filter() shows. Folders up the chain are
 * updated once, not per file. */
void spate_add_file_set_wanted (SpateAddFile *self, gboolean wanted, gboolean only_visible);
void spate_add_file_set_priority (SpateAddFile *self, int priority, gboolean only_visible);

/* Marks the nodes below root that match text (case-insensitive, part of
 * the name): a matching folder shows all it holds, a folder holding a match
 * shows. NULL or "" shows everything. Returns whether anything matched. */
gboolean spate_add_file_filter (SpateAddFile *root, const char *text);
gboolean spate_add_file_get_visible (SpateAddFile *self);

G_END_DECLS
