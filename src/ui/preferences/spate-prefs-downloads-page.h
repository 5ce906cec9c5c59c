/* spate-prefs-downloads-page.h: where downloads go and how torrents are
 * added.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFS_DOWNLOADS_PAGE (spate_prefs_downloads_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePrefsDownloadsPage,
                      spate_prefs_downloads_page,
                      SPATE,
                      PREFS_DOWNLOADS_PAGE,
                      AdwPreferencesPage)

AdwPreferencesPage *spate_prefs_downloads_page_new (GSettings *settings);

G_END_DECLS
