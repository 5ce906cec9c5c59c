/* spate-cell-label.h: a one-line text for list cells whose text changes
 * every second without resizing the list.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SPATE_TYPE_CELL_LABEL (spate_cell_label_get_type ())
G_DECLARE_FINAL_TYPE (SpateCellLabel, spate_cell_label, SPATE, CELL_LABEL, GtkWidget)

/* Shows one line of text like a GtkLabel, but its natural width only grows:
 * a new text as wide as one shown before is drawn again, and the row, the
 * column and the list are not measured and allocated again. A GtkLabel
 * asks for a resize at every change, and a resize in one cell measures the
 * whole column view. Text wider than the cell is ellipsized when
 * "ellipsize" is set; the "numeric" style class gives tabular figures. */
GtkWidget  *spate_cell_label_new (void);
const char *spate_cell_label_get_label (SpateCellLabel *self);
void        spate_cell_label_set_label (SpateCellLabel *self, const char *label);
void        spate_cell_label_set_xalign (SpateCellLabel *self, float xalign);
void        spate_cell_label_set_ellipsize (SpateCellLabel *self, gboolean ellipsize);
void        spate_cell_label_set_width_chars (SpateCellLabel *self, int n_chars);

G_END_DECLS
