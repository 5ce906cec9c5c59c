/* spate-prefs-privacy-page.h: the blocklist and the banned peers.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_PREFS_PRIVACY_PAGE (spate_prefs_privacy_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePrefsPrivacyPage,
                      spate_prefs_privacy_page,
                      SPATE,
                      PREFS_PRIVACY_PAGE,
                      AdwPreferencesPage)

AdwPreferencesPage *spate_prefs_privacy_page_new (GSettings *settings);

/* What accepting a file in the chooser does: reads it off the main thread
 * and uses it only if it is a blocklist; the file row says how it went. */
void spate_prefs_privacy_page_import (SpatePrefsPrivacyPage *self, GFile *file);

G_END_DECLS
