/* spate-general-page.h: what a torrent is and how far it got.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_GENERAL_PAGE (spate_general_page_get_type ())
G_DECLARE_FINAL_TYPE (SpateGeneralPage, spate_general_page, SPATE, GENERAL_PAGE, GtkWidget)

SpateTorrent *spate_general_page_get_torrent (SpateGeneralPage *self);
void          spate_general_page_set_torrent (SpateGeneralPage *self, SpateTorrent *torrent);

G_END_DECLS
