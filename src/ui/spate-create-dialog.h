/* spate-create-dialog.h: making a .torrent from a file or folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_CREATE_DIALOG (spate_create_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SpateCreateDialog, spate_create_dialog, SPATE, CREATE_DIALOG, AdwWindow)

/* session may be NULL: the torrent is then only written, never seeded.
 * ::created (GFile *torrent_file, SpateTorrent *torrent_or_NULL) is emitted
 * once the file is written, just before the dialog closes. */
SpateCreateDialog *spate_create_dialog_new (GtkWindow *parent, SpateSession *session);

/* The file or folder to share; its size is counted off the main thread. */
GFile *spate_create_dialog_get_source (SpateCreateDialog *self);
void   spate_create_dialog_set_source (SpateCreateDialog *self, GFile *source);
/* One URL per line; a blank line starts the next tier. */
void spate_create_dialog_set_trackers_text (SpateCreateDialog *self, const char *text);
/* TRUE while hashing or writing. */
gboolean spate_create_dialog_get_busy (SpateCreateDialog *self);
/* What Create does once a destination is chosen: checks the fields, hashes,
 * writes destination atomically and, if asked, starts seeding. */
void spate_create_dialog_create_to (SpateCreateDialog *self, GFile *destination);

G_END_DECLS
