/* spate-portal.h: opening files and folders, inside a sandbox too.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens file (or folder) with its default application; in a sandbox GLib
 * goes through the OpenURI portal. parent may be NULL. Errors name the
 * file. */
void     spate_portal_open_file (GtkWindow          *parent,
                                 GFile              *file,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean spate_portal_open_file_finish (GAsyncResult *result, GError **error);

/* Shows file (or folder) selected in the file manager: FileManager1, else
 * the OpenURI portal's OpenDirectory in a sandbox, else the folder that
 * holds it opened with its default application. Errors name the file. */
void     spate_portal_show_in_folder (GtkWindow          *parent,
                                      GFile              *file,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean spate_portal_show_in_folder_finish (GAsyncResult *result, GError **error);

/* The same, logging a failure with g_message(). */
void spate_portal_open_file_simple (GtkWindow *parent, GFile *file);
void spate_portal_show_in_folder_simple (GtkWindow *parent, GFile *file);

G_END_DECLS
