/* spate-add-dialog-private.h: what the add dialog's files share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-add-dialog.h"
#include "spate-add-file.h"
#include "spate-engine.h"

G_BEGIN_DECLS

struct _SpateAddDialog
{
  AdwWindow parent_instance;

  SpateSession         *session;
  GSettings            *settings;
  SpateAddDialogState   state;
  gboolean              ready;
  GCancellable         *cancellable; /* loading the .torrent */
  SpateMetadataFetch   *fetch;
  SpateTorrentInfo     *info;
  SpateTorrent         *existing; /* the same torrent, already in the session */
  SpateAddFile         *root;
  GPtrArray            *by_index; /* file index → SpateAddFile, NULL for pad files */
  GListStore           *files;    /* made when asked for */
  GtkCustomFilter      *filter;
  gboolean              filtering;
  char                 *destination;
  GCancellable         *space_cancellable;
  gint64                free_space; /* -1: unknown */
  GtkFileChooserNative *chooser;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *add_button;
  GtkStack       *stack;
  GtkLabel       *name_label;
  GtkLabel       *size_label;
  GtkLabel       *space_label;
  GtkLabel       *add_error_label;
  AdwActionRow   *destination_row;
  GtkSwitch      *paused_switch;
  AdwExpanderRow *options_row;
  GtkSwitch      *sequential_switch;
  GtkSwitch      *first_last_switch;
  GtkSwitch      *queue_top_switch;
  GtkStack       *files_stack;
  GtkSpinner     *spinner;
  GtkLabel       *waiting_title;
  GtkLabel       *waiting_detail;
  GtkSearchEntry *search_entry;
  GtkStack       *list_stack;
  GtkColumnView  *file_view;
  GtkNoSelection *file_selection;
  AdwStatusPage  *error_page;
  AdwStatusPage  *duplicate_page;
  GtkButton      *merge_button;
};

/* spate-add-dialog.c: after any change to which files are wanted. */
void _spate_add_dialog_update_summary (SpateAddDialog *self);
/* Whether the files are known, and there is at least one. */
gboolean _spate_add_dialog_has_files (SpateAddDialog *self);

/* spate-add-dialog-files.c: the file list, its search and selection. */
void _spate_add_dialog_class_init_files (GtkWidgetClass *widget_class);
void _spate_add_dialog_set_tree_model (SpateAddDialog *self);

/* spate-add-dialog-destination.c: the destination folder and its free space. */
void _spate_add_dialog_update_space (SpateAddDialog *self);
void _spate_add_dialog_set_destination (SpateAddDialog *self, const char *path);
void _spate_add_dialog_choose_folder_activated (GtkWidget  *widget,
                                                const char *action,
                                                GVariant   *parameter);

G_END_DECLS
