/* spate-display-name.h: names safe to show a person.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* name as a person may see it: valid UTF-8 (bad bytes become U+FFFD), no
 * bidi overrides, isolates or other invisible format characters (U+200C
 * and U+200D, which scripts need, stay), control characters and line
 * breaks as U+FFFD. For labels, notifications and logs only; files on
 * disk keep their own names. NULL for NULL. */
char *spate_display_name (const char *name);

/* Whether spate_display_name() would change name. */
gboolean spate_display_name_is_clean (const char *name);

G_END_DECLS
