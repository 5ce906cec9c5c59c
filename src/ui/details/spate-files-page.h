/* spate-files-page.h: the Files page of the details pane.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

/* The torrent's files as a tree: download or skip, priority, progress and
 * pieces per file; search, rename, open. Holds the file tree only while
 * mapped. */
#define SPATE_TYPE_FILES_PAGE (spate_files_page_get_type ())
G_DECLARE_FINAL_TYPE (SpateFilesPage, spate_files_page, SPATE, FILES_PAGE, GtkWidget)

SpateTorrent *spate_files_page_get_torrent (SpateFilesPage *self);
void          spate_files_page_set_torrent (SpateFilesPage *self, SpateTorrent *torrent);

/* The rows shown (GtkTreeListRow of SpateTorrentFile), the model the
 * selection wraps; NULL while unmapped. */
GListModel *spate_files_page_get_rows (SpateFilesPage *self);

/* Why name is not a valid new name for a file, or NULL when it is. */
const char *spate_files_page_check_name (const char *name);

G_END_DECLS
