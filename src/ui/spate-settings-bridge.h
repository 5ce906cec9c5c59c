/* spate-settings-bridge.h: the preferences in GSettings, applied to the
 * running session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_SETTINGS_BRIDGE (spate_settings_bridge_get_type ())
G_DECLARE_FINAL_TYPE (SpateSettingsBridge, spate_settings_bridge, SPATE, SETTINGS_BRIDGE, GObject)

/* The libtorrent settings the Downloads, Connection and BitTorrent keys
 * stand for, as an a{sv} for spate_session_new() (floating). */
GVariant *spate_settings_bridge_build_lt_settings (GSettings *settings);

/* Applies every key it handles now and whenever one changes, until
 * disposed. */
SpateSettingsBridge *spate_settings_bridge_new (SpateSession *session, GSettings *settings);

/* The title of the preferences page that sets the libtorrent setting name
 * from a key of its own ("Connection", …), or NULL: the Advanced page
 * shows such a setting but leaves it to that page. */
const char *spate_settings_managed_by (const char *name);

G_END_DECLS
