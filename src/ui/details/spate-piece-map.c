/* spate-piece-map.c: which pieces are here, drawn as one texture.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-piece-map.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

/* Heights at scale 1; they add up to SPATE_PIECE_MAP_HEIGHT. */
#define BAR_HEIGHT   24
#define GAP_HEIGHT   4
#define STRIP_HEIGHT 6

struct _SpatePieceMap
{
  GtkWidget parent_instance;

  SpatePieceSnapshot *snapshot;
  GBytes             *priorities;

  /* The texture of the last build and what it was built for. */
  GdkTexture *texture;
  int         texture_width;
  int         texture_scale;
  gboolean    texture_dark;
};

G_DEFINE_FINAL_TYPE (SpatePieceMap, spate_piece_map, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Adwaita's palette: blue 3 for pieces here, greys for missing and
 * skipped ones, blues from dark (rare) to light (common) and red 4 for
 * pieces no peer has. */
static const guint8 palettes[2][SPATE_PIECE_MAP_N_COLORS][3] = {
  /* light */
  { { 0x35, 0x84, 0xe4 },
    { 0xc0, 0xbf, 0xbc },
    { 0xe8, 0xe7, 0xe5 },
    { 0x1a, 0x4f, 0x8c },
    { 0x99, 0xc1, 0xf1 },
    { 0xc0, 0x1c, 0x28 } },
  /* dark */
  { { 0x62, 0xa0, 0xea },
    { 0x5e, 0x5c, 0x64 },
    { 0x38, 0x38, 0x38 },
    { 0x1a, 0x4f, 0x8c },
    { 0x99, 0xc1, 0xf1 },
    { 0xe0, 0x1b, 0x24 } },
};

const char *
spate_piece_map_color_hex (SpatePieceMapColor color, gboolean dark)
{
  static char   hex[2][SPATE_PIECE_MAP_N_COLORS][8];
  const guint8 *rgb;

  g_return_val_if_fail (color < SPATE_PIECE_MAP_N_COLORS, NULL);
  rgb = palettes[dark ? 1 : 0][color];
  if (hex[dark ? 1 : 0][color][0] == '\0')
    g_snprintf (hex[dark ? 1 : 0][color], 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return hex[dark ? 1 : 0][color];
}

/* ------------------------------------------------------------ render */

static inline void
put (guint8 *px, const guint8 rgb[3])
{
  px[0] = rgb[0];
  px[1] = rgb[1];
  px[2] = rgb[2];
  px[3] = 0xff;
}

/* The pieces of pixel column x: [*lo, *hi), never empty. */
static inline void
column_range (int n_pieces, int width, int x, int *lo, int *hi)
{
  *lo = (int) ((gint64) x * n_pieces / width);
  *hi = (int) ((gint64) (x + 1) * n_pieces / width);
  if (*hi <= *lo)
    *hi = MIN (*lo + 1, n_pieces);
}

/* Tight loops over one column's pieces, simple enough to vectorise. */
static inline int
count_have (const guint8 *have, int lo, int hi)
{
  int n = 0;

  for (int i = lo; i < hi; i++)
    n += have[i] != 0;
  return n;
}

static inline int
count_skipped (const guint8 *have, const guint8 *priorities, int lo, int hi)
{
  int n = 0;

  for (int i = lo; i < hi; i++)
    n += (have[i] == 0) & (priorities[i] == 0);
  return n;
}

static inline guint16
min_max (const guint16 *availability, int lo, int hi, guint16 *most)
{
  guint16 low = G_MAXUINT16, high = 0;

  for (int i = lo; i < hi; i++)
    {
      low = MIN (low, availability[i]);
      high = MAX (high, availability[i]);
    }
  *most = MAX (*most, high);
  return low;
}

void
spate_piece_map_render (const guint8  *have,
                        const guint8  *priorities,
                        const guint16 *availability,
                        int            n_pieces,
                        gboolean       dark,
                        int            width,
                        int            height,
                        int            scale,
                        guint8        *rgba)
{
  const guint8 (*pal)[3] = palettes[dark ? 1 : 0];
  gsize               stride = (gsize) width * 4;
  int                 bar_rows = MIN (BAR_HEIGHT * scale, height);
  int                 strip_top = MIN ((BAR_HEIGHT + GAP_HEIGHT) * scale, height);
  guint8             *strip = strip_top < height ? rgba + strip_top * stride : NULL;
  guint16             most = 0;
  g_autofree guint16 *rarest = NULL;

  g_return_if_fail (width > 0 && height > 0 && rgba != NULL);

  if (n_pieces <= 0)
    availability = NULL;
  if (availability != NULL && strip != NULL)
    rarest = g_new (guint16, width);

  /* First pass: the bar, and the rarest piece of each column. */
  for (int x = 0; x < width; x++)
    {
      guint8 *px = rgba + x * 4;
      int     lo, hi, n, n_have, n_skipped = 0, n_missing;

      if (n_pieces <= 0)
        {
          put (px, pal[SPATE_PIECE_MAP_MISSING]);
          continue;
        }
      column_range (n_pieces, width, x, &lo, &hi);
      n = hi - lo;
      n_have = count_have (have, lo, hi);
      if (priorities != NULL && n_have < n)
        n_skipped = count_skipped (have, priorities, lo, hi);
      n_missing = n - n_have - n_skipped;
      if (rarest != NULL)
        rarest[x] = min_max (availability, lo, hi, &most);

      /* A column of mixed pieces blends the colours by their counts. */
      for (int c = 0; c < 3; c++)
        px[c] = (guint8) ((pal[SPATE_PIECE_MAP_HAVE][c] * n_have +
                           pal[SPATE_PIECE_MAP_SKIPPED][c] * n_skipped +
                           pal[SPATE_PIECE_MAP_MISSING][c] * n_missing) /
                          n);
      px[3] = 0xff;
    }

  /* Second pass: the strip, rarest darkest: one peer at RARE, the
   * best-seen piece at COMMON, none at NOWHERE. */
  for (int x = 0; strip != NULL && x < width; x++)
    {
      guint8 *px = strip + x * 4;
      int     span = MAX (most - 1, 1);
      int     t;

      if (rarest == NULL)
        {
          put (px, pal[SPATE_PIECE_MAP_SKIPPED]);
          continue;
        }
      if (rarest[x] == 0)
        {
          put (px, pal[SPATE_PIECE_MAP_NOWHERE]);
          continue;
        }
      t = most > 1 ? rarest[x] - 1 : span;
      for (int c = 0; c < 3; c++)
        px[c] = (guint8) ((pal[SPATE_PIECE_MAP_RARE][c] * (span - t) +
                           pal[SPATE_PIECE_MAP_COMMON][c] * t) /
                          span);
      px[3] = 0xff;
    }

  /* The first row of each band holds the colours; copy it down, and
   * leave the gap between them see-through. */
  for (int y = 1; y < bar_rows; y++)
    memcpy (rgba + y * stride, rgba, stride);
  memset (rgba + bar_rows * stride, 0, (strip_top - bar_rows) * stride);
  for (int y = strip_top + 1; y < height; y++)
    memcpy (rgba + y * stride, strip, stride);
}

/* ------------------------------------------------------------ widget */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
invalidate (SpatePieceMap *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
get_data (SpatePieceMap  *self,
          const guint8  **have,
          const guint8  **priorities,
          const guint16 **availability,
          int            *n_pieces)
{
  GBytes *bytes;
  gsize   size;

  *have = NULL;
  *priorities = NULL;
  *availability = NULL;
  *n_pieces = 0;
  if (self->snapshot == NULL)
    return;

  *n_pieces = spate_piece_snapshot_get_n_pieces (self->snapshot);
  *have = g_bytes_get_data (spate_piece_snapshot_get_have (self->snapshot), NULL);
  bytes = spate_piece_snapshot_get_availability (self->snapshot);
  if (g_bytes_get_size (bytes) == (gsize) *n_pieces * sizeof (guint16) && *n_pieces > 0)
    *availability = g_bytes_get_data (bytes, NULL);
  if (self->priorities != NULL)
    {
      const guint8 *data = g_bytes_get_data (self->priorities, &size);

      if (size == (gsize) *n_pieces)
        *priorities = data;
    }
}

static GdkTexture *
build_texture (SpatePieceMap *self, int width, int scale, gboolean dark)
{
  const guint8  *have, *priorities;
  const guint16 *availability;
  int            n_pieces;
  int            height = SPATE_PIECE_MAP_HEIGHT * scale;
  gsize          stride = (gsize) width * 4;
  guint8        *rgba = g_malloc (stride * height);
  g_autoptr (GBytes) bytes = NULL;

  get_data (self, &have, &priorities, &availability, &n_pieces);
  spate_piece_map_render (have, priorities, availability, n_pieces, dark, width, height, scale,
                          rgba);
  bytes = g_bytes_new_take (rgba, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, bytes, stride);
}

static void
spate_piece_map_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SpatePieceMap *self = SPATE_PIECE_MAP (widget);
  int            width = gtk_widget_get_width (widget);
  int            scale = gtk_widget_get_scale_factor (widget);
  gboolean       dark = is_dark ();

  if (width <= 0)
    return;
  if (self->texture == NULL || self->texture_width != width || self->texture_scale != scale ||
      self->texture_dark != dark)
    {
      g_clear_object (&self->texture);
      self->texture = build_texture (self, width * scale, scale, dark);
      self->texture_width = width;
      self->texture_scale = scale;
      self->texture_dark = dark;
    }
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (0, 0, width, SPATE_PIECE_MAP_HEIGHT));
}

static void
spate_piece_map_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 32;
      *natural = 400;
    }
  else
    *minimum = *natural = SPATE_PIECE_MAP_HEIGHT;
}

static char *
format_count (int n)
{
  return g_strdup_printf ("%'d", n);
}

static gboolean
spate_piece_map_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  SpatePieceMap   *self = SPATE_PIECE_MAP (widget);
  const guint8    *have, *priorities;
  const guint16   *availability;
  int              n_pieces, width, lo, hi, n_have = 0;
  int              rarest = G_MAXINT, best = 0;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;

  get_data (self, &have, &priorities, &availability, &n_pieces);
  width = gtk_widget_get_width (widget) * gtk_widget_get_scale_factor (widget);
  if (n_pieces <= 0 || width <= 0)
    return FALSE;

  column_range (n_pieces, width, CLAMP (x * gtk_widget_get_scale_factor (widget), 0, width - 1),
                &lo, &hi);
  for (int i = lo; i < hi; i++)
    {
      n_have += have[i] != 0;
      if (availability != NULL)
        {
          rarest = MIN (rarest, availability[i]);
          best = MAX (best, availability[i]);
        }
    }

  first = format_count (lo);
  last = format_count (hi - 1);
  if (hi - lo == 1)
    /* Translators: a piece's number and whether it is downloaded */
    text = g_strdup_printf (_ ("Piece %s: %s"), first, n_have > 0 ? _ ("here") : _ ("missing"));
  else
    /* Translators: "Pieces 1,200–1,249: 38 of 50 here" */
    text = g_strdup_printf (_ ("Pieces %s–%s: %d of %d here"), first, last, n_have, hi - lo);

  if (availability != NULL)
    {
      g_autofree char *line = NULL;
      char            *both;

      if (rarest == best)
        line = g_strdup_printf (ngettext ("Seen on %d peer", "Seen on %d peers", rarest), rarest);
      else
        /* Translators: how many connected peers have these pieces */
        line = g_strdup_printf (_ ("Seen on %d to %d peers"), rarest, best);
      both = g_strconcat (text, "\n", line, NULL);
      g_free (text);
      text = both;
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ------------------------------------------------------------ public */

GtkWidget *
spate_piece_map_new (void)
{
  return g_object_new (SPATE_TYPE_PIECE_MAP, NULL);
}

SpatePieceSnapshot *
spate_piece_map_get_snapshot (SpatePieceMap *self)
{
  g_return_val_if_fail (SPATE_IS_PIECE_MAP (self), NULL);
  return self->snapshot;
}

void
spate_piece_map_set_snapshot (SpatePieceMap *self, SpatePieceSnapshot *snapshot)
{
  g_return_if_fail (SPATE_IS_PIECE_MAP (self));

  if (self->snapshot == snapshot)
    return;
  if (snapshot != NULL)
    spate_piece_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, spate_piece_snapshot_unref);
  self->snapshot = snapshot;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

void
spate_piece_map_set_priorities (SpatePieceMap *self, GBytes *priorities)
{
  g_return_if_fail (SPATE_IS_PIECE_MAP (self));

  if (self->priorities == priorities || (self->priorities != NULL && priorities != NULL &&
                                         g_bytes_equal (self->priorities, priorities)))
    return;
  g_clear_pointer (&self->priorities, g_bytes_unref);
  if (priorities != NULL)
    self->priorities = g_bytes_ref (priorities);
  invalidate (self);
}

static void
spate_piece_map_dispose (GObject *object)
{
  SpatePieceMap *self = SPATE_PIECE_MAP (object);

  g_clear_pointer (&self->snapshot, spate_piece_snapshot_unref);
  g_clear_pointer (&self->priorities, g_bytes_unref);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (spate_piece_map_parent_class)->dispose (object);
}

static void
spate_piece_map_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpatePieceMap *self = SPATE_PIECE_MAP (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_piece_map_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SpatePieceMap *self = SPATE_PIECE_MAP (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      spate_piece_map_set_snapshot (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_piece_map_class_init (SpatePieceMapClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_piece_map_dispose;
  object_class->get_property = spate_piece_map_get_property;
  object_class->set_property = spate_piece_map_set_property;

  widget_class->snapshot = spate_piece_map_snapshot;
  widget_class->measure = spate_piece_map_measure;
  widget_class->query_tooltip = spate_piece_map_query_tooltip;

  properties[PROP_SNAPSHOT] =
      g_param_spec_boxed ("snapshot", NULL, NULL, SPATE_TYPE_PIECE_SNAPSHOT,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "spate-piece-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
spate_piece_map_init (SpatePieceMap *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  /* The palette follows the style; rebuild when it turns dark or light. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
}
