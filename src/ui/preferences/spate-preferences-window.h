/* spate-preferences-window.h: the preferences, bound live to GSettings.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFERENCES_WINDOW (spate_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SpatePreferencesWindow,
                      spate_preferences_window,
                      SPATE,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* settings is the io.github.spate.Spate schema; every change is written at
 * once, there is nothing to apply. */
SpatePreferencesWindow *spate_preferences_window_new (GtkWindow *parent, GSettings *settings);

/* The "settings" property: further pages bind theirs to it in the template. */
GSettings *spate_preferences_window_get_settings (SpatePreferencesWindow *self);

G_END_DECLS
