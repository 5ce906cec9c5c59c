/* spate-window.h: the main window: the torrent list and what acts on it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-application.h"

G_BEGIN_DECLS

#define SPATE_TYPE_WINDOW (spate_window_get_type ())
G_DECLARE_FINAL_TYPE (SpateWindow, spate_window, SPATE, WINDOW, AdwApplicationWindow)

SpateWindow *spate_window_new (SpateApplication *application);

/* Adds a path, file:// URI, http(s) URL or magnet link. from_outside: it
 * came from a browser or file manager, so the add dialog always asks. */
void spate_window_open_uri (SpateWindow *self, const char *uri, gboolean from_outside);
void spate_window_open_file (SpateWindow *self, GFile *file, gboolean from_outside);

void spate_window_show_toast (SpateWindow *self, const char *message);

/* For tests and benchmarks: what the list shows after filter and sort. */
GListModel *spate_window_get_visible_torrents (SpateWindow *self);
/* One of "all", "downloading", "seeding", "completed", "paused",
 * "active", "inactive", "checking", "error". */
void spate_window_set_status_filter (SpateWindow *self, const char *filter);
void spate_window_set_search_text (SpateWindow *self, const char *text);
/* How many torrents the sidebar counts for filter. */
guint spate_window_get_filter_count (SpateWindow *self, const char *filter);

G_END_DECLS
