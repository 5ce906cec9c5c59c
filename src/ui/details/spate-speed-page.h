/* spate-speed-page.h: the selected torrent's and the session's rates over time.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"
#include "spate-speed-graph.h"

G_BEGIN_DECLS

#define SPATE_TYPE_SPEED_PAGE (spate_speed_page_get_type ())
G_DECLARE_FINAL_TYPE (SpateSpeedPage, spate_speed_page, SPATE, SPEED_PAGE, GtkWidget)

SpateTorrent    *spate_speed_page_get_torrent (SpateSpeedPage *self);
void             spate_speed_page_set_torrent (SpateSpeedPage *self, SpateTorrent *torrent);
SpateSpeedGraph *spate_speed_page_get_graph (SpateSpeedPage *self);

G_END_DECLS
