/* spate-prefs-connection-page.h: the port, connection limits, network
 * interface and proxy.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFS_CONNECTION_PAGE (spate_prefs_connection_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePrefsConnectionPage,
                      spate_prefs_connection_page,
                      SPATE,
                      PREFS_CONNECTION_PAGE,
                      AdwPreferencesPage)

AdwPreferencesPage *spate_prefs_connection_page_new (GSettings *settings);

G_END_DECLS
