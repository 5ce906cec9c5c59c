/* spate-application.h: the desktop app: one instance, one engine.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_APPLICATION (spate_application_get_type ())
G_DECLARE_FINAL_TYPE (SpateApplication, spate_application, SPATE, APPLICATION, AdwApplication)

SpateApplication *spate_application_new (void);
/* NULL until startup, and when the data folder is in use elsewhere. */
SpateSession *spate_application_get_session (SpateApplication *self);
GSettings    *spate_application_get_settings (SpateApplication *self);

/* Hides the window and keeps the engine running; presenting the window
 * again ends background mode. */
void spate_application_run_in_background (SpateApplication *self);

/* The first of the objects applying the preferences to the session that
 * is a type (SPATE_TYPE_SETTINGS_BRIDGE, …), or NULL. */
gpointer spate_application_get_binder (SpateApplication *self, GType type);

G_END_DECLS
