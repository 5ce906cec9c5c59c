/* spate-details-pane.h: the pages about the selected torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

/* Every page (General, Files, Trackers, Peers, Web Seeds, Speed) is a
 * widget with a writable "torrent" property (SpateTorrent, may be NULL)
 * bound to the pane's. A page asks the engine for data (file tree, peers,
 * pieces …) only while it is mapped, so only the page a person looks at
 * costs anything, and it lets go of the models when unmapped. */
#define SPATE_TYPE_DETAILS_PANE (spate_details_pane_get_type ())
G_DECLARE_FINAL_TYPE (SpateDetailsPane, spate_details_pane, SPATE, DETAILS_PANE, GtkWidget)

SpateTorrent *spate_details_pane_get_torrent (SpateDetailsPane *self);
void          spate_details_pane_set_torrent (SpateDetailsPane *self, SpateTorrent *torrent);
/* The visible page's name: "general", "files", "trackers", "peers",
 * "web-seeds", "speed". */
void spate_details_pane_set_page (SpateDetailsPane *self, const char *name);

G_END_DECLS
