/* spate-prefs-advanced-page.h: the Advanced preferences: disk I/O and
 * every libtorrent setting.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFS_ADVANCED_PAGE (spate_prefs_advanced_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePrefsAdvancedPage,
                      spate_prefs_advanced_page,
                      SPATE,
                      PREFS_ADVANCED_PAGE,
                      AdwPreferencesPage)

AdwPreferencesPage *spate_prefs_advanced_page_new (GSettings *settings);

G_END_DECLS
