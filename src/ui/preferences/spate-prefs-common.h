/* spate-prefs-common.h: what the preferences pages share: bindings that
 * undo themselves, choice rows, folder rows and errors at a row.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The bindings of one page. libadwaita 1.2 never frees a preferences
 * window's rows, so a page unbinds everything it bound when disposed. */
typedef struct _SpatePrefsBindings SpatePrefsBindings;

SpatePrefsBindings *spate_prefs_bindings_new (GSettings *settings);
void                spate_prefs_bindings_free (SpatePrefsBindings *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpatePrefsBindings, spate_prefs_bindings_free)

/* g_settings_bind (also binds "sensitive" to the key's writability). */
void spate_prefs_bind (SpatePrefsBindings *self,
                       const char         *key,
                       gpointer            object,
                       const char         *property,
                       GSettingsBindFlags  flags);
/* A string key with choices to a combo row whose items are in the order of
 * values (NULL-terminated). */
void spate_prefs_bind_choice (SpatePrefsBindings *self,
                              const char         *key,
                              AdwComboRow        *row,
                              const char * const *values);
/* A folder key to row: the subtitle names the folder (empty_text when the
 * key is empty), a "Choose…" button opens a chooser, and a folder that
 * cannot hold downloads is refused with a message at the row. */
void spate_prefs_bind_folder (SpatePrefsBindings *self,
                              const char         *key,
                              AdwActionRow       *row,
                              const char         *chooser_title,
                              const char         *empty_text);
/* What the folder row's chooser does with folder: check, then store. */
void spate_prefs_choose_folder (AdwActionRow *row, GFile *folder);

/* Shows message at row (NULL clears it): the row turns red and the window
 * shows the message as a toast. The key keeps its previous value. */
void spate_prefs_row_set_error (GtkWidget *row, const char *message);

/* libadwaita 1.2 cuts a combo row's value at 20 characters: show it whole. */
void spate_prefs_show_whole_value (AdwComboRow *row);

/* The app's session, or NULL outside the app. */
gpointer spate_prefs_get_session (void);

G_END_DECLS
