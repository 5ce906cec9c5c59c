/* spate-blocklist-private.h: the blocklist's filter, for the session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-blocklist.h"
#include "spate-lt.h"

G_BEGIN_DECLS

/* Owned by the blocklist, which never changes it once loaded. */
SpateLtIpFilter *_spate_blocklist_get_filter (SpateBlocklist *self);

G_END_DECLS
