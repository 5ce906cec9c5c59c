/* spate-advanced-binding.h: the Advanced page's keys applied to the
 * running session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_ADVANCED_BINDING (spate_advanced_binding_get_type ())
G_DECLARE_FINAL_TYPE (SpateAdvancedBinding,
                      spate_advanced_binding,
                      SPATE,
                      ADVANCED_BINDING,
                      GObject)

/* Applies disk-io now, then disk-io and every change to the
 * libtorrent-settings overrides as they happen, until disposed. */
SpateAdvancedBinding *spate_advanced_binding_new (SpateSession *session, GSettings *settings);

/* What the setting name is without an override of its own: what the
 * pages' keys or the disk I/O choice make it, else Spate's default. NULL
 * for an unknown name. */
GVariant *spate_advanced_binding_baseline (GSettings *settings, const char *name);

/* TRUE for the settings the disk I/O choice sets. */
gboolean spate_advanced_binding_is_disk_io_setting (const char *name);

G_END_DECLS
