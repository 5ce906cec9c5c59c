/* spate-watch-folder.h: adds the .torrent files that appear in a folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_WATCH_FOLDER (spate_watch_folder_get_type ())
G_DECLARE_FINAL_TYPE (SpateWatchFolder, spate_watch_folder, SPATE, WATCH_FOLDER, GObject)

/* Watches the folder of the key watch-dir while watch-dir-enabled is on,
 * until disposed. Each new *.torrent there is added (paused when
 * start-paused is on) once its size has stopped changing, then renamed to
 * <name>.added or removed, as watch-dir-action says; a file that is not a
 * torrent becomes <name>.invalid. */
SpateWatchFolder *spate_watch_folder_new (SpateSession *session, GSettings *settings);

/* The folder watched now, or NULL. */
GFile *spate_watch_folder_get_folder (SpateWatchFolder *self);
/* .torrent files seen whose size has not settled yet. */
guint spate_watch_folder_get_waiting (SpateWatchFolder *self);

G_END_DECLS
