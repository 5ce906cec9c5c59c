/* spate-details-page-private.h: what the details pages share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Disposes page's template and unparents what is left: the template's
 * root is not a bound child, so dispose_template leaves it. */
void _spate_details_page_dispose_template (GtkWidget *page, GType type);

/* Tells the person that heading failed, with error's message. */
void _spate_details_page_show_error (GtkWidget *page, const char *heading, const GError *error);

/* A dialog over page's window with "cancel" and a suggested, default
 * "apply" labelled apply_label; not yet presented. */
GtkWidget *_spate_details_page_new_dialog (GtkWidget  *page,
                                           const char *heading,
                                           const char *body,
                                           const char *apply_label);

G_END_DECLS
