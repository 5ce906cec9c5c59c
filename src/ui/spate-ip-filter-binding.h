/* spate-ip-filter-binding.h: the Privacy keys applied to the session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_IP_FILTER_BINDING (spate_ip_filter_binding_get_type ())
G_DECLARE_FINAL_TYPE (SpateIpFilterBinding,
                      spate_ip_filter_binding,
                      SPATE,
                      IP_FILTER_BINDING,
                      GObject)

/* Applies blocklist-enabled, blocklist-path, blocklist-trackers and
 * banned-peers now and whenever one changes, until disposed. A blocklist
 * is read off the main thread; one that fails to load leaves the previous
 * one in force and says why in "error". Bans made on the session (the
 * Peers page) are written back to banned-peers. */
SpateIpFilterBinding *spate_ip_filter_binding_new (SpateSession *session, GSettings *settings);

/* Ranges of the blocklist in force; 0 when there is none. */
guint64 spate_ip_filter_binding_get_n_ranges (SpateIpFilterBinding *self);
/* The file of the blocklist in force, or NULL. */
GFile *spate_ip_filter_binding_get_file (SpateIpFilterBinding *self);
/* Why the last blocklist asked for could not be used, or NULL. */
const char *spate_ip_filter_binding_get_error (SpateIpFilterBinding *self);
/* TRUE while a blocklist is being read. */
gboolean spate_ip_filter_binding_get_loading (SpateIpFilterBinding *self);

/* Reads file and, once it proves a blocklist, puts it in force and stores
 * it in blocklist-path (turning blocklist-enabled on). A file that is no
 * blocklist leaves the keys and the filter as they were, and "error" set. */
void spate_ip_filter_binding_import (SpateIpFilterBinding *self, GFile *file);

G_END_DECLS
