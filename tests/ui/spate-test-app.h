/* spate-test-app.h: running the desktop app inside a test.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Points HOME and the XDG folders into a fresh folder (returned) so the
 * app under test sees none of the machine's data. Call first in main(). */
char *spate_test_app_isolate (void);

/* The first toplevel of type that is visible, or NULL. */
GtkWindow *spate_test_find_toplevel (GType type);
/* Waits (bounded) for a visible toplevel of type other than except. */
GtkWindow *spate_test_wait_toplevel (GType type, GtkWindow *except, guint timeout_ms);

/* A descendant of root of type whose label (GtkLabel, GtkButton,
 * AdwStatusPage title, AdwActionRow title) contains text, or NULL. */
GtkWidget *spate_test_find_widget (GtkWidget *root, GType type, const char *text);
/* The same, for a label whose whole text is text. */
GtkWidget *spate_test_find_widget_with_text (GtkWidget *root, GType type, const char *text);

/* Renders window (after letting it lay out and draw) into
 * $G_TEST_BUILDDIR/screenshots/name.png; returns the path. */
char *spate_test_screenshot (GtkWidget *window, const char *name);

G_END_DECLS
