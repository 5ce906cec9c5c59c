/* spate-speed-graph.c: download and upload rates over time, drawn.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-speed-graph.h"

#include <glib/gi18n.h>

/* ------------------------------------------------------------ history */

typedef struct
{
  gint64 time_us;
  int    down;
  int    up;
} Sample;

struct _SpateSpeedHistory
{
  gatomicrefcount ref;
  gint64          started;
  guint           head; /* next slot written */
  guint           n;
  Sample          samples[SPATE_SPEED_HISTORY_SIZE];
};

SpateSpeedHistory *
spate_speed_history_new (void)
{
  SpateSpeedHistory *self = g_new0 (SpateSpeedHistory, 1);

  g_atomic_ref_count_init (&self->ref);
  self->started = g_get_real_time ();
  return self;
}

SpateSpeedHistory *
spate_speed_history_ref (SpateSpeedHistory *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
spate_speed_history_unref (SpateSpeedHistory *self)
{
  if (g_atomic_ref_count_dec (&self->ref))
    g_free (self);
}

void
spate_speed_history_append (SpateSpeedHistory *self, gint64 time_us, int down, int up)
{
  self->samples[self->head] = (Sample){ time_us, MAX (down, 0), MAX (up, 0) };
  self->head = (self->head + 1) % SPATE_SPEED_HISTORY_SIZE;
  self->n = MIN (self->n + 1, SPATE_SPEED_HISTORY_SIZE);
}

guint
spate_speed_history_get_n_samples (SpateSpeedHistory *self)
{
  return self->n;
}

gint64
spate_speed_history_get_started (SpateSpeedHistory *self)
{
  return self->started;
}

/* The i-th sample, oldest first. */
static const Sample *
history_get (SpateSpeedHistory *self, guint i)
{
  guint first = (self->head + SPATE_SPEED_HISTORY_SIZE - self->n) % SPATE_SPEED_HISTORY_SIZE;

  return &self->samples[(first + i) % SPATE_SPEED_HISTORY_SIZE];
}

/* -------------------------------------------------------------- graph */

struct _SpateSpeedGraph
{
  GtkWidget parent_instance;

  SpateSpeedHistory *torrent;
  SpateSpeedHistory *session;
  guint              span;
};

G_DEFINE_FINAL_TYPE (SpateSpeedGraph, spate_speed_graph, GTK_TYPE_WIDGET)

#define PAD_LEFT   72.0
#define PAD_RIGHT  12.0
#define PAD_TOP    28.0
#define PAD_BOTTOM 24.0

void
spate_speed_graph_set_histories (SpateSpeedGraph   *self,
                                 SpateSpeedHistory *torrent,
                                 SpateSpeedHistory *session)
{
  g_return_if_fail (SPATE_IS_SPEED_GRAPH (self));

  if (torrent != NULL)
    spate_speed_history_ref (torrent);
  if (session != NULL)
    spate_speed_history_ref (session);
  g_clear_pointer (&self->torrent, spate_speed_history_unref);
  g_clear_pointer (&self->session, spate_speed_history_unref);
  self->torrent = torrent;
  self->session = session;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
spate_speed_graph_set_span (SpateSpeedGraph *self, guint seconds)
{
  g_return_if_fail (SPATE_IS_SPEED_GRAPH (self));
  self->span = MAX (seconds, 60);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
spate_speed_graph_get_span (SpateSpeedGraph *self)
{
  g_return_val_if_fail (SPATE_IS_SPEED_GRAPH (self), 0);
  return self->span;
}

guint
spate_speed_graph_get_n_samples (SpateSpeedGraph *self)
{
  g_return_val_if_fail (SPATE_IS_SPEED_GRAPH (self), 0);
  return self->torrent != NULL ? self->torrent->n : 0;
}

int
spate_speed_graph_get_max_download (SpateSpeedGraph *self)
{
  int max = 0;

  g_return_val_if_fail (SPATE_IS_SPEED_GRAPH (self), 0);
  for (guint i = 0; self->torrent != NULL && i < self->torrent->n; i++)
    max = MAX (max, history_get (self->torrent, i)->down);
  return max;
}

/* The highest rate either series reached since since_us. */
static int
visible_max (SpateSpeedHistory *history, gint64 since_us)
{
  int max = 0;

  for (guint i = 0; history != NULL && i < history->n; i++)
    {
      const Sample *s = history_get (history, i);

      if (s->time_us >= since_us)
        max = MAX (max, MAX (s->down, s->up));
    }
  return max;
}

/* A round top for the rate axis: 1, 2 or 5 × 10^k bytes/s, at least 10 kB/s. */
static double
nice_ceiling (double value)
{
  double step = 10000.0;

  while (TRUE)
    {
      if (value <= step)
        return step;
      if (value <= step * 2)
        return step * 2;
      if (value <= step * 5)
        return step * 5;
      step *= 10;
    }
}

typedef struct
{
  double x0, y0, w, h;
  gint64 now_us;
  double span_us;
  double top;
} Frame;

static void
trace (cairo_t *cr, const Frame *f, SpateSpeedHistory *history, gboolean upload, gboolean fill)
{
  gint64   since = f->now_us - (gint64) f->span_us;
  gboolean started = FALSE;
  double   first_x = 0, last_x = 0;

  for (guint i = 0; i < history->n; i++)
    {
      const Sample *s = history_get (history, i);
      double        x, y;

      if (s->time_us < since)
        continue;
      x = f->x0 + f->w * (1.0 - (f->now_us - s->time_us) / f->span_us);
      y = f->y0 + f->h * (1.0 - (upload ? s->up : s->down) / f->top);
      if (!started)
        {
          cairo_move_to (cr, x, y);
          first_x = x;
          started = TRUE;
        }
      else
        cairo_line_to (cr, x, y);
      last_x = x;
    }
  if (!started)
    return;
  if (fill)
    {
      cairo_line_to (cr, last_x, f->y0 + f->h);
      cairo_line_to (cr, first_x, f->y0 + f->h);
      cairo_close_path (cr);
    }
}

static void
draw_text (SpateSpeedGraph *self, cairo_t *cr, const char *text, double x, double y, double xalign)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int          width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_legend_entry (SpateSpeedGraph *self,
                   cairo_t         *cr,
                   const GdkRGBA   *color,
                   gboolean         filled,
                   const char      *text,
                   double          *x,
                   double           y)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int          width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gdk_cairo_set_source_rgba (cr, color);
  if (filled)
    cairo_rectangle (cr, *x, y - 5, 14, 10);
  else
    cairo_rectangle (cr, *x, y - 1, 14, 2);
  cairo_fill (cr);
  *x += 20 + width + 16;
  g_object_unref (layout);
}

static void
spate_speed_graph_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SpateSpeedGraph *self = SPATE_SPEED_GRAPH (widget);
  double           width = gtk_widget_get_width (widget);
  double           height = gtk_widget_get_height (widget);
  gboolean         dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* Blue for download, orange for upload; lighter tones on dark. */
  GdkRGBA     down = dark ? (GdkRGBA){ 0.47, 0.68, 0.93, 1.0 } : (GdkRGBA){ 0.11, 0.44, 0.85, 1.0 };
  GdkRGBA     up = dark ? (GdkRGBA){ 1.0, 0.64, 0.28, 1.0 } : (GdkRGBA){ 0.90, 0.38, 0.0, 1.0 };
  GdkRGBA     fg;
  Frame       f;
  cairo_t    *cr;
  const char *legend[4];
  double      lx;

  if (width <= PAD_LEFT + PAD_RIGHT + 10 || height <= PAD_TOP + PAD_BOTTOM + 10)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  f.x0 = PAD_LEFT;
  f.y0 = PAD_TOP;
  f.w = width - PAD_LEFT - PAD_RIGHT;
  f.h = height - PAD_TOP - PAD_BOTTOM;
  f.now_us = g_get_monotonic_time ();
  f.span_us = self->span * (double) G_USEC_PER_SEC;
  f.top = nice_ceiling (MAX (visible_max (self->torrent, f.now_us - (gint64) f.span_us),
                             visible_max (self->session, f.now_us - (gint64) f.span_us)));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Grid and rate labels. */
  for (int i = 0; i <= 4; i++)
    {
      double           y = f.y0 + f.h * i / 4.0;
      g_autofree char *size = g_format_size ((guint64) (f.top * (4 - i) / 4.0));
      g_autofree char *label = g_strdup_printf (_ ("%s/s"), size);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, i == 4 ? 0.35 : 0.12);
      cairo_rectangle (cr, f.x0, (int) y, f.w, 1);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (self, cr, label, f.x0 - 8, y, 1.0);
    }

  /* Time labels: minutes ago, "now" at the right. */
  for (int i = 0; i <= 5; i++)
    {
      double           x = f.x0 + f.w * i / 5.0;
      guint            ago = self->span * (5 - i) / 5;
      g_autofree char *label = NULL;

      if (ago == 0)
        label = g_strdup (_ ("now"));
      else if (ago % 60 == 0)
        label = g_strdup_printf (_ ("−%u min"), ago / 60);
      else
        label = g_strdup_printf (_ ("−%u s"), ago);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      cairo_rectangle (cr, (int) x, f.y0, 1, f.h);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (self, cr, label, x, f.y0 + f.h + PAD_BOTTOM / 2.0 + 1,
                 i == 0   ? 0.0
                 : i == 5 ? 1.0
                          : 0.5);
    }

  cairo_save (cr);
  cairo_rectangle (cr, f.x0, f.y0, f.w, f.h);
  cairo_clip (cr);

  /* The session: thin lines, under the torrent's series. */
  if (self->session != NULL)
    {
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, (double[]){ 4.0, 3.0 }, 2, 0);
      trace (cr, &f, self->session, FALSE, FALSE);
      cairo_set_source_rgba (cr, down.red, down.green, down.blue, 0.8);
      cairo_stroke (cr);
      trace (cr, &f, self->session, TRUE, FALSE);
      cairo_set_source_rgba (cr, up.red, up.green, up.blue, 0.8);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* The torrent: filled areas under solid lines. */
  if (self->torrent != NULL)
    {
      const GdkRGBA *colors[] = { &down, &up };

      cairo_set_line_width (cr, 2.0);
      for (int k = 0; k < 2; k++)
        {
          trace (cr, &f, self->torrent, k == 1, TRUE);
          cairo_set_source_rgba (cr, colors[k]->red, colors[k]->green, colors[k]->blue,
                                 dark ? 0.25 : 0.18);
          cairo_fill (cr);
          trace (cr, &f, self->torrent, k == 1, FALSE);
          gdk_cairo_set_source_rgba (cr, colors[k]);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);

  /* Legend along the top. */
  legend[0] = _ ("Download");
  legend[1] = _ ("Upload");
  legend[2] = _ ("Session download");
  legend[3] = _ ("Session upload");
  lx = f.x0;
  for (int k = 0; k < 4; k++)
    {
      const GdkRGBA *color = k % 2 == 0 ? &down : &up;
      double         start = lx;

      draw_legend_entry (self, cr, color, k < 2, legend[k], &lx, PAD_TOP / 2.0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.85);
      draw_text (self, cr, legend[k], start + 20, PAD_TOP / 2.0, 0.0);
    }

  cairo_destroy (cr);
}

static void
spate_speed_graph_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 240;
}

static void
dark_changed_cb (SpateSpeedGraph *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
spate_speed_graph_finalize (GObject *object)
{
  SpateSpeedGraph *self = SPATE_SPEED_GRAPH (object);

  g_clear_pointer (&self->torrent, spate_speed_history_unref);
  g_clear_pointer (&self->session, spate_speed_history_unref);

  G_OBJECT_CLASS (spate_speed_graph_parent_class)->finalize (object);
}

static void
spate_speed_graph_class_init (SpateSpeedGraphClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = spate_speed_graph_finalize;
  widget_class->snapshot = spate_speed_graph_snapshot;
  widget_class->measure = spate_speed_graph_measure;
  gtk_widget_class_set_css_name (widget_class, "spate-speed-graph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
spate_speed_graph_init (SpateSpeedGraph *self)
{
  self->span = 5 * 60;
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
