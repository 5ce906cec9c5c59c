/* spate-prefs-speed-page.h: the Speed page of the preferences.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFS_SPEED_PAGE (spate_prefs_speed_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePrefsSpeedPage,
                      spate_prefs_speed_page,
                      SPATE,
                      PREFS_SPEED_PAGE,
                      AdwPreferencesPage)

/* Limits, alternative limits, the weekly schedule and what the limits
 * count, bound live to settings (the io.github.spate.Spate schema). */
AdwPreferencesPage *spate_prefs_speed_page_new (GSettings *settings);

G_END_DECLS
