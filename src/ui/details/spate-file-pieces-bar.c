/* spate-file-pieces-bar.c: a thin strip of the pieces one file covers.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At most one rectangle per pixel column, runs of the same shade merged:
 * a file of 100k pieces costs what its width does.
 */

#include "spate-file-pieces-bar.h"

struct _SpateFilePiecesBar
{
  GtkWidget parent_instance;

  SpatePieces *pieces;
  gulong       snapshot_id;
  int          first;
  int          last;
};

G_DEFINE_FINAL_TYPE (SpateFilePiecesBar, spate_file_pieces_bar, GTK_TYPE_WIDGET)

GtkWidget *
spate_file_pieces_bar_new (void)
{
  return g_object_new (SPATE_TYPE_FILE_PIECES_BAR, NULL);
}

static void
snapshot_changed (SpateFilePiecesBar *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
spate_file_pieces_bar_set (SpateFilePiecesBar *self, SpatePieces *pieces, int first, int last)
{
  g_return_if_fail (SPATE_IS_FILE_PIECES_BAR (self));
  g_return_if_fail (pieces == NULL || SPATE_IS_PIECES (pieces));

  if (self->pieces != pieces)
    {
      g_clear_signal_handler (&self->snapshot_id, self->pieces);
      g_set_object (&self->pieces, pieces);
      if (pieces != NULL)
        self->snapshot_id = g_signal_connect_swapped (pieces, "notify::snapshot",
                                                      G_CALLBACK (snapshot_changed), self);
    }
  self->first = first;
  self->last = last;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Pieces of the range that are here, clamped to the snapshot. */
static int
count_have (const guint8 *have, int n_pieces, int from, int to)
{
  int count = 0;

  for (int p = MAX (from, 0); p < MIN (to, n_pieces); p++)
    count += have[p] != 0;
  return count;
}

double
spate_file_pieces_bar_get_fraction (SpateFilePiecesBar *self)
{
  SpatePieceSnapshot *snapshot;
  const guint8       *have;
  gsize               n_pieces;

  g_return_val_if_fail (SPATE_IS_FILE_PIECES_BAR (self), 0.0);

  if (self->pieces == NULL || self->first < 0 || self->last < self->first)
    return 0.0;
  snapshot = spate_pieces_get_snapshot (self->pieces);
  have = g_bytes_get_data (spate_piece_snapshot_get_have (snapshot), &n_pieces);
  return (double) count_have (have, (int) n_pieces, self->first, self->last + 1) /
         (self->last - self->first + 1);
}

static void
spate_file_pieces_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SpateFilePiecesBar *self = SPATE_FILE_PIECES_BAR (widget);
  int                 width = gtk_widget_get_width (widget);
  int                 height = gtk_widget_get_height (widget);
  GdkRGBA             color, background;
  SpatePieceSnapshot *pieces;
  const guint8       *have;
  gsize               n_pieces;
  int                 n, buckets, run_start = 0;
  double              run_alpha = -1.0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                       &color))
    gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &background);
  G_GNUC_END_IGNORE_DEPRECATIONS
  background.alpha *= 0.15f;
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->pieces == NULL || self->first < 0 || self->last < self->first || width <= 0)
    return;

  pieces = spate_pieces_get_snapshot (self->pieces);
  have = g_bytes_get_data (spate_piece_snapshot_get_have (pieces), &n_pieces);
  if (n_pieces == 0)
    return;
  n = self->last - self->first + 1;
  buckets = MIN (n, width);
  for (int b = 0; b <= buckets; b++)
    {
      double alpha = -1.0;

      if (b < buckets)
        {
          int from = self->first + (int) ((gint64) b * n / buckets);
          int to = self->first + (int) ((gint64) (b + 1) * n / buckets);

          alpha = (double) count_have (have, (int) n_pieces, from, to) / MAX (to - from, 1);
        }
      if (alpha == run_alpha)
        continue;
      if (run_alpha > 0.0)
        {
          GdkRGBA shade = color;
          double  x0 = (double) run_start * width / buckets;
          double  x1 = (double) b * width / buckets;

          shade.alpha *= (float) run_alpha;
          gtk_snapshot_append_color (snapshot, &shade,
                                     &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, height));
        }
      run_start = b;
      run_alpha = alpha;
    }
}

static void
spate_file_pieces_bar_measure (GtkWidget     *widget,
                               GtkOrientation orientation,
                               int            for_size,
                               int           *minimum,
                               int           *natural,
                               int           *minimum_baseline,
                               int           *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 40;
      *natural = 80;
    }
  else
    {
      *minimum = 8;
      *natural = 8;
    }
}

static void
spate_file_pieces_bar_dispose (GObject *object)
{
  SpateFilePiecesBar *self = SPATE_FILE_PIECES_BAR (object);

  g_clear_signal_handler (&self->snapshot_id, self->pieces);
  g_clear_object (&self->pieces);

  G_OBJECT_CLASS (spate_file_pieces_bar_parent_class)->dispose (object);
}

static void
spate_file_pieces_bar_class_init (SpateFilePiecesBarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_file_pieces_bar_dispose;
  widget_class->snapshot = spate_file_pieces_bar_snapshot;
  widget_class->measure = spate_file_pieces_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "spate-file-pieces-bar");
}

static void
spate_file_pieces_bar_init (SpateFilePiecesBar *self)
{
  self->first = -1;
  self->last = -1;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}
