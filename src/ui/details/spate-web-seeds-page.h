/* spate-web-seeds-page.h: the web seeds of the selected torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_WEB_SEEDS_PAGE (spate_web_seeds_page_get_type ())
G_DECLARE_FINAL_TYPE (SpateWebSeedsPage, spate_web_seeds_page, SPATE, WEB_SEEDS_PAGE, GtkWidget)

SpateTorrent *spate_web_seeds_page_get_torrent (SpateWebSeedsPage *self);
void          spate_web_seeds_page_set_torrent (SpateWebSeedsPage *self, SpateTorrent *torrent);
/* The web seeds shown, or NULL while the page is not mapped. */
GListModel *spate_web_seeds_page_get_model (SpateWebSeedsPage *self);

G_END_DECLS
