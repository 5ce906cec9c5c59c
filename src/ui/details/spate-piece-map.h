/* spate-piece-map.h: which pieces are here, drawn as one texture.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "spate-engine.h"

G_BEGIN_DECLS

typedef enum
{
  SPATE_PIECE_MAP_HAVE,
  SPATE_PIECE_MAP_MISSING,
  SPATE_PIECE_MAP_SKIPPED,
  SPATE_PIECE_MAP_RARE,    /* seen on one peer */
  SPATE_PIECE_MAP_COMMON,  /* seen on the most peers */
  SPATE_PIECE_MAP_NOWHERE, /* seen on no peer */
  SPATE_PIECE_MAP_N_COLORS
} SpatePieceMapColor;

/* A bar of the pieces (have, missing, not wanted) over a strip of their
 * availability in the swarm (rarest darkest). Each pixel column stands
 * for a range of pieces; the whole map is one texture built at the
 * widget's pixel width and rebuilt only when the data or the size change. */
#define SPATE_TYPE_PIECE_MAP (spate_piece_map_get_type ())
G_DECLARE_FINAL_TYPE (SpatePieceMap, spate_piece_map, SPATE, PIECE_MAP, GtkWidget)

GtkWidget          *spate_piece_map_new (void);
SpatePieceSnapshot *spate_piece_map_get_snapshot (SpatePieceMap *self);
void spate_piece_map_set_snapshot (SpatePieceMap *self, SpatePieceSnapshot *snapshot);
/* One byte per piece on libtorrent's 0–7 scale: missing pieces at 0 show
 * as not wanted. NULL: every piece is wanted. */
void spate_piece_map_set_priorities (SpatePieceMap *self, GBytes *priorities);

/* "#rrggbb" of a colour of the map in the light or dark palette, for a
 * legend. */
const char *spate_piece_map_color_hex (SpatePieceMapColor color, gboolean dark);

/* Fills rgba (width × height pixels, premultiplied RGBA, rows of
 * width * 4 bytes) with the map of n_pieces pieces; priorities and
 * availability may be NULL. What the widget draws, apart for the
 * benchmark in the tests. */
void spate_piece_map_render (const guint8  *have,
                             const guint8  *priorities,
                             const guint16 *availability,
                             int            n_pieces,
                             gboolean       dark,
                             int            width,
                             int            height,
                             int            scale,
                             guint8        *rgba);

/* The height of the map, in pixels at scale 1. */
#define SPATE_PIECE_MAP_HEIGHT 34

G_END_DECLS
