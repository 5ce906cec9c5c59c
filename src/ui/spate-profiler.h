/* spate-profiler.h: the app's own timings, for bench/ (SPATE_PROFILE).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With SPATE_PROFILE=<file> in the environment, Spate appends one JSON
 * object per line to file:
 *   {"event":"first-frame","ms":…}          since main()
 *   {"event":"all-listed","ms":…,"rows":…}  restore done, every row listed
 *   {"event":"second","busy_ms":…,"max_iteration_ms":…,"iterations":…}
 *   {"event":"torrent-finished","ms":…,"name":…}  a download completed
 * "second" comes once a second: the main loop's work outside poll() in
 * that second and its longest single iteration (a stall). Without the
 * variable every call here does nothing.
 *
 * With SPATE_PROFILE_OPEN_DIRECTLY=1 as well, files given on the command
 * line are added as the show-add-dialog key says, without the add dialog
 * that files from outside otherwise always get: a benchmark has no one to
 * click Add. */
void     spate_profiler_start (void);
gboolean spate_profiler_enabled (void);
void     spate_profiler_watch_window (GtkWidget *window, GListModel *rows, GObject *session);
gboolean spate_profiler_open_directly (void);
void     spate_profiler_stop (void);

G_END_DECLS
