/* spate-pieces.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot is never changed once made, so a view may keep drawing from
 * the one it has while the next is made.
 */

#include "spate-models-private.h"

struct _SpatePieceSnapshot
{
  int     piece_length;
  int     n_have;
  GBytes *have;         /* guint8 per piece */
  GBytes *availability; /* guint16 per piece, or empty */
};

G_DEFINE_BOXED_TYPE (SpatePieceSnapshot,
                     spate_piece_snapshot,
                     spate_piece_snapshot_ref,
                     spate_piece_snapshot_unref)

static SpatePieceSnapshot *
snapshot_new (GBytes *have, GBytes *availability, int piece_length)
{
  SpatePieceSnapshot *self = g_atomic_rc_box_new0 (SpatePieceSnapshot);
  gsize               n;
  const guint8       *bits = g_bytes_get_data (have, &n);

  self->have = g_bytes_ref (have);
  self->availability = g_bytes_ref (availability);
  self->piece_length = piece_length;
  for (gsize i = 0; i < n; i++)
    self->n_have += bits[i] != 0;
  return self;
}

static void
snapshot_clear (gpointer data)
{
  SpatePieceSnapshot *self = data;

  g_bytes_unref (self->have);
  g_bytes_unref (self->availability);
}

SpatePieceSnapshot *
spate_piece_snapshot_ref (SpatePieceSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
spate_piece_snapshot_unref (SpatePieceSnapshot *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, snapshot_clear);
}

int
spate_piece_snapshot_get_n_pieces (SpatePieceSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (int) g_bytes_get_size (self->have);
}

int
spate_piece_snapshot_get_piece_length (SpatePieceSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->piece_length;
}

int
spate_piece_snapshot_get_n_have (SpatePieceSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_have;
}

gboolean
spate_piece_snapshot_has_piece (SpatePieceSnapshot *self, int piece)
{
  gsize         n;
  const guint8 *bits;

  g_return_val_if_fail (self != NULL, FALSE);

  bits = g_bytes_get_data (self->have, &n);
  return piece >= 0 && (gsize) piece < n && bits[piece] != 0;
}

GBytes *
spate_piece_snapshot_get_have (SpatePieceSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->have;
}

GBytes *
spate_piece_snapshot_get_availability (SpatePieceSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->availability;
}

/* ------------------------------------------------------------- pieces */

struct _SpatePieces
{
  GObject parent_instance;

  SpateTorrent       *torrent; /* owned */
  SpatePieceSnapshot *snapshot;
};

G_DEFINE_FINAL_TYPE (SpatePieces, spate_pieces, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TORRENT,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* libtorrent's counts as guint16, or nothing when they do not match the
 * pieces. */
static GBytes *
availability_of (SpateLtTorrent *handle, gsize n_pieces)
{
  g_autoptr (GArray) counts = spate_lt_torrent_get_piece_availability (handle, NULL);
  guint16 *out;

  if (counts == NULL || counts->len != n_pieces || n_pieces == 0)
    return g_bytes_new_static ("", 0);
  out = g_new (guint16, n_pieces);
  for (gsize i = 0; i < n_pieces; i++)
    out[i] = (guint16) CLAMP (g_array_index (counts, int, i), 0, G_MAXUINT16);
  return g_bytes_new_take (out, n_pieces * sizeof *out);
}

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  SpatePieces *self = SPATE_PIECES (object);
  g_autoptr (GBytes) have = spate_lt_torrent_get_have_pieces (handle, NULL);
  g_autoptr (GBytes) availability = NULL;
  int piece_length = self->snapshot->piece_length;

  if (have == NULL)
    return;
  availability = availability_of (handle, g_bytes_get_size (have));
  if (piece_length == 0 && g_bytes_get_size (have) > 0)
    {
      g_autoptr (SpateLtInfo) info = spate_lt_torrent_get_info (handle, NULL);

      if (info != NULL)
        piece_length = spate_lt_info_get_piece_length (info);
    }

  if (piece_length == self->snapshot->piece_length && g_bytes_equal (have, self->snapshot->have) &&
      g_bytes_equal (availability, self->snapshot->availability))
    return;
  spate_piece_snapshot_unref (self->snapshot);
  self->snapshot = snapshot_new (have, availability, piece_length);
  g_object_notify_by_pspec (object, properties[PROP_SNAPSHOT]);
}

SpatePieces *
spate_torrent_get_pieces (SpateTorrent *torrent)
{
  SpatePieces *self;
  GObject     *existing;

  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  existing = _spate_torrent_find_child (torrent, SPATE_TYPE_PIECES);
  if (existing != NULL)
    return g_object_ref (SPATE_PIECES (existing));
  self = g_object_new (SPATE_TYPE_PIECES, NULL);
  self->torrent = g_object_ref (torrent);
  _spate_torrent_add_child (torrent, G_OBJECT (self), refresh);
  return self;
}

SpateTorrent *
spate_pieces_get_torrent (SpatePieces *self)
{
  g_return_val_if_fail (SPATE_IS_PIECES (self), NULL);
  return self->torrent;
}

SpatePieceSnapshot *
spate_pieces_get_snapshot (SpatePieces *self)
{
  g_return_val_if_fail (SPATE_IS_PIECES (self), NULL);
  return self->snapshot;
}

static void
spate_pieces_finalize (GObject *object)
{
  SpatePieces *self = SPATE_PIECES (object);

  g_clear_pointer (&self->snapshot, spate_piece_snapshot_unref);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_pieces_parent_class)->finalize (object);
}

static void
spate_pieces_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpatePieces *self = SPATE_PIECES (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      g_value_set_object (value, self->torrent);
      break;
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_pieces_class_init (SpatePiecesClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_pieces_finalize;
  object_class->get_property = spate_pieces_get_property;

  properties[PROP_TORRENT] = g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT, ro);
  properties[PROP_SNAPSHOT] =
      g_param_spec_boxed ("snapshot", NULL, NULL, SPATE_TYPE_PIECE_SNAPSHOT, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_pieces_init (SpatePieces *self)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);

  self->snapshot = snapshot_new (empty, empty, 0);
}
