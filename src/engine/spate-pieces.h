/* spate-pieces.h: which pieces of a torrent are here, and how common each is.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent.h"

G_BEGIN_DECLS

/* An immutable, reference-counted picture of the pieces at one moment. */
typedef struct _SpatePieceSnapshot SpatePieceSnapshot;

#define SPATE_TYPE_PIECE_SNAPSHOT (spate_piece_snapshot_get_type ())
GType spate_piece_snapshot_get_type (void) G_GNUC_CONST;

SpatePieceSnapshot *spate_piece_snapshot_ref (SpatePieceSnapshot *self);
void                spate_piece_snapshot_unref (SpatePieceSnapshot *self);
/* 0 before the metadata arrives. */
int spate_piece_snapshot_get_n_pieces (SpatePieceSnapshot *self);
/* Bytes; 0 while unknown. */
int      spate_piece_snapshot_get_piece_length (SpatePieceSnapshot *self);
int      spate_piece_snapshot_get_n_have (SpatePieceSnapshot *self);
gboolean spate_piece_snapshot_has_piece (SpatePieceSnapshot *self, int piece);
/* One byte per piece, 1 when we have it. Not a new reference. */
GBytes *spate_piece_snapshot_get_have (SpatePieceSnapshot *self);
/* One guint16 per piece: how many connected peers have it, capped at
 * G_MAXUINT16. Empty when libtorrent does not count (a torrent that is
 * complete, or not started). Not a new reference. */
GBytes *spate_piece_snapshot_get_availability (SpatePieceSnapshot *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpatePieceSnapshot, spate_piece_snapshot_unref)

/* Holds the latest snapshot; a new one replaces it (and notifies
 * "snapshot") only when something in it changed. */
#define SPATE_TYPE_PIECES (spate_pieces_get_type ())
G_DECLARE_FINAL_TYPE (SpatePieces, spate_pieces, SPATE, PIECES, GObject)

/* The torrent's pieces, kept up to date about once a second while a
 * reference is held. A new reference; the same object while one lives. */
SpatePieces *spate_torrent_get_pieces (SpateTorrent *torrent);

SpateTorrent *spate_pieces_get_torrent (SpatePieces *self);
/* Never NULL. Not a new reference: keep one to hold it past the next
 * change. */
SpatePieceSnapshot *spate_pieces_get_snapshot (SpatePieces *self);

G_END_DECLS
