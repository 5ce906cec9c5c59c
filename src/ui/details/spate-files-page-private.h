/* spate-files-page-private.h: what the Files page's files share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-files-page.h"

G_BEGIN_DECLS

struct _SpateFilesPage
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;

  /* Held only while mapped. */
  GListModel       *tree;
  SpatePieces      *pieces;
  GtkTreeListModel *rows;
  GListStore       *matches; /* non-NULL while searching */
  gulong            tree_changed_id;

  GtkWidget *popover;

  GtkSearchEntry     *search_entry;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GMenuModel         *context_menu;
};

/* spate-files-page.c */
SpateTorrentFile *_spate_files_page_row_node (gpointer row);

/* spate-files-page-cells.c */
void _spate_files_page_cells_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
