/* spate-create-dialog-private.h: what the create dialog's files share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-create-dialog.h"

G_BEGIN_DECLS

#define MIN_PIECE_SIZE (16 * 1024)
#define N_PIECE_SIZES  11 /* 16 KiB … 16 MiB */

/* One creation: outlives the dialog when it is closed mid-way, so late
 * callbacks find out here that nobody waits for them any more. */
typedef struct
{
  SpateCreateDialog *self; /* a reference */
  GCancellable      *cancellable;
  GFile             *destination;
  char              *source_path;
  GBytes            *bytes;
} Job;

struct _SpateCreateDialog
{
  AdwWindow parent_instance;

  SpateSession    *session;
  GFile           *source;
  GCancellable    *scan_cancellable;
  gint64           source_size; /* -1 while counting or unreadable */
  GArray          *file_sizes;  /* gint64, one per file, for v2's per-file pieces */
  Job             *job;
  GtkNativeDialog *chooser;

  GtkRevealer    *progress_revealer;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkWidget      *form;
  AdwActionRow   *source_row;
  GtkImage       *source_icon;
  GtkTextView    *trackers_view;
  GtkTextView    *web_seeds_view;
  AdwEntryRow    *comment_row;
  AdwEntryRow    *source_tag_row;
  GtkSwitch      *private_switch;
  AdwComboRow    *format_row;
  AdwComboRow    *piece_size_row;
  GtkWidget      *seed_group;
  GtkSwitch      *seed_switch;
};

/* spate-create-dialog.c */
char *_spate_create_dialog_source_display_name (GFile *file);
void  _spate_create_dialog_show_error (SpateCreateDialog *self, const char *message);

/* spate-create-dialog-source.c: the source's files and sizes, the piece size and format. */
char             *_spate_create_dialog_format_piece_size (guint bytes);
guint             _spate_create_dialog_selected_piece_size (SpateCreateDialog *self);
SpateCreateFormat _spate_create_dialog_selected_format (SpateCreateDialog *self);
void              _spate_create_dialog_scan_source (SpateCreateDialog *self);
void              _spate_create_dialog_update_piece_count (SpateCreateDialog *self);
void              _spate_create_dialog_on_format_changed (SpateCreateDialog *self);

G_END_DECLS
