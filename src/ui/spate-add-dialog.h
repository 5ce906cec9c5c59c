/* spate-add-dialog.h: what to download from a torrent, and where.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-session.h"

G_BEGIN_DECLS

typedef enum
{
  SPATE_ADD_DIALOG_LOADING,           /* reading or downloading the .torrent */
  SPATE_ADD_DIALOG_FETCHING_METADATA, /* a magnet link waits for peers */
  SPATE_ADD_DIALOG_READY,             /* files shown; Add works once one is chosen */
  SPATE_ADD_DIALOG_DUPLICATE,         /* already in the session */
  SPATE_ADD_DIALOG_MERGED,            /* its trackers went to the torrent there */
  SPATE_ADD_DIALOG_ERROR,             /* nothing can be added */
  SPATE_ADD_DIALOG_ADDED,
} SpateAddDialogState;

#define SPATE_TYPE_ADD_DIALOG_STATE (spate_add_dialog_state_get_type ())
GType spate_add_dialog_state_get_type (void);

#define SPATE_TYPE_ADD_DIALOG (spate_add_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SpateAddDialog, spate_add_dialog, SPATE, ADD_DIALOG, AdwWindow)

/* settings: io.github.spate.Spate, for the default folder and pausing. */
SpateAddDialog *
spate_add_dialog_new (GtkWindow *parent, SpateSession *session, GSettings *settings);
/* A path, file:// URI, http(s) URL of a .torrent, or magnet link. Shows at
 * once; loads in the background. ::torrent-added follows a successful Add,
 * then the dialog closes itself. */
void spate_add_dialog_load_uri (SpateAddDialog *self, const char *uri);

SpateAddDialogState spate_add_dialog_get_state (SpateAddDialog *self);

/* For the window and tests. */

/* The metadata is here and Add would do something. */
gboolean spate_add_dialog_get_ready (SpateAddDialog *self);
/* The files (SpateAddFile) in libtorrent's order, pad files left out;
 * empty until the metadata is here. */
GListModel *spate_add_dialog_get_files (SpateAddDialog *self);
/* file_index is libtorrent's; a pad file or an index past the end is
 * ignored. */
void spate_add_dialog_set_file_wanted (SpateAddDialog *self, int file_index, gboolean wanted);
/* What the Add button does; on failure the dialog shows why and stays. */
gboolean spate_add_dialog_add (SpateAddDialog *self, GError **error);

G_END_DECLS
