/* spate-trackers-page.h: the trackers of the selected torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_TRACKERS_PAGE (spate_trackers_page_get_type ())
G_DECLARE_FINAL_TYPE (SpateTrackersPage, spate_trackers_page, SPATE, TRACKERS_PAGE, GtkWidget)

SpateTorrent *spate_trackers_page_get_torrent (SpateTrackersPage *self);
void          spate_trackers_page_set_torrent (SpateTrackersPage *self, SpateTorrent *torrent);
/* The trackers shown, or NULL while the page is not mapped. */
GListModel *spate_trackers_page_get_model (SpateTrackersPage *self);

/* Parses the Add dialog's text: one URL per line, a blank line starts the
 * next tier. Returns the URLs (NULL-terminated) and their tier offsets
 * (0 for the first group), or NULL with an error naming the bad line. */
char **spate_trackers_parse (const char *text, int **tiers, GError **error);

G_END_DECLS
