/* spate-file-pieces-bar.h: a thin strip of the pieces one file covers.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_FILE_PIECES_BAR (spate_file_pieces_bar_get_type ())
G_DECLARE_FINAL_TYPE (SpateFilePiecesBar, spate_file_pieces_bar, SPATE, FILE_PIECES_BAR, GtkWidget)

GtkWidget *spate_file_pieces_bar_new (void);
/* Shows pieces first..last of pieces (NULL or first < 0: nothing), redrawn
 * whenever its snapshot changes. */
void spate_file_pieces_bar_set (SpateFilePiecesBar *self, SpatePieces *pieces, int first, int last);
/* The share of the range present, 0–1, as drawn. */
double spate_file_pieces_bar_get_fraction (SpateFilePiecesBar *self);

G_END_DECLS
