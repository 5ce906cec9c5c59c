/* spate-notifier.h: desktop notifications for finished and failed torrents.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_NOTIFIER (spate_notifier_get_type ())
G_DECLARE_FINAL_TYPE (SpateNotifier, spate_notifier, SPATE, NOTIFIER, GObject)

/* Notifies about session's torrents while the boolean key "notifications"
 * of settings is on (always, when settings is NULL). The "default" action
 * activates app, which the notifier does not keep alive. */
SpateNotifier *spate_notifier_new (GApplication *app, SpateSession *session, GSettings *settings);

G_END_DECLS
