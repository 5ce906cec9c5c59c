/* test-cell-label.c: the torrent list's cell text: a new text no wider than
 * the widest shown is drawn without measuring its parent again, a wider
 * one makes room, ellipsized text follows its own width, and the text is
 * what is drawn.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "spate-cell-label.h"
#include "spate-test-engine.h"

/* ------------------------------------------- a parent that counts measures */

#define TEST_TYPE_BIN (test_bin_get_type ())
G_DECLARE_FINAL_TYPE (TestBin, test_bin, TEST, BIN, GtkWidget)

struct _TestBin
{
  GtkWidget parent_instance;
  guint     measures;
};

G_DEFINE_FINAL_TYPE (TestBin, test_bin, GTK_TYPE_WIDGET)

static void
test_bin_measure (GtkWidget     *widget,
                  GtkOrientation orientation,
                  int            for_size,
                  int           *minimum,
                  int           *natural,
                  int           *minimum_baseline,
                  int           *natural_baseline)
{
  TEST_BIN (widget)->measures++;
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size, minimum, natural,
                      NULL, NULL);
}

static void
test_bin_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
test_bin_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (test_bin_parent_class)->dispose (object);
}

static void
test_bin_class_init (TestBinClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = test_bin_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = test_bin_size_allocate;
  G_OBJECT_CLASS (klass)->dispose = test_bin_dispose;
}

static void
test_bin_init (TestBin *self)
{
}

/* ---------------------------------------------------------- the fixture */

typedef struct
{
  GtkWindow      *window;
  TestBin        *bin;
  SpateCellLabel *label;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->bin = g_object_new (TEST_TYPE_BIN, "halign", GTK_ALIGN_START, NULL);
  f->label = SPATE_CELL_LABEL (spate_cell_label_new ());
  gtk_widget_set_parent (GTK_WIDGET (f->label), GTK_WIDGET (f->bin));
  gtk_window_set_child (f->window, GTK_WIDGET (f->bin));
  gtk_window_set_default_size (f->window, 400, 100);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
}

static gboolean
is_laid_out (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->label));
}

static void
after_paint_cb (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

static gboolean
is_painted (gpointer data)
{
  return *(gboolean *) data;
}

/* Lets the frame clock lay out and draw what changed: waits for a frame
 * that starts after the change (layout comes before paint in a frame), not
 * for a fixed time, which a busy machine can outlast. */
static void
settle (Fixture *f)
{
  GdkFrameClock *clock;
  gboolean       painted = FALSE;
  gulong         id;

  g_assert_true (spate_test_spin_until (is_laid_out, f, 5000));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  g_assert_true (spate_test_spin_until (is_painted, &painted, 5000));
  g_signal_handler_disconnect (clock, id);
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static int
minimum_width (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* ---------------------------------------------------------------- tests */

static void
test_grows_only (Fixture *f, gconstpointer data)
{
  GtkWidget *label = GTK_WIDGET (f->label);
  int        wide, narrow;
  guint      measures;

  spate_cell_label_set_label (f->label, "888.8 MB/s");
  settle (f);
  wide = natural_width (label);
  g_assert_cmpint (wide, >, 0);
  g_assert_cmpint (gtk_widget_get_width (label), ==, wide);

  /* Narrower: drawn again, nothing measured again, the width kept. */
  measures = f->bin->measures;
  spate_cell_label_set_label (f->label, "1 kB/s");
  settle (f);
  g_assert_cmpuint (f->bin->measures, ==, measures);
  g_assert_cmpint (natural_width (label), ==, wide);
  g_assert_cmpint (gtk_widget_get_width (label), ==, wide);
  g_assert_cmpstr (spate_cell_label_get_label (f->label), ==, "1 kB/s");

  /* The same text again: nothing at all. */
  spate_cell_label_set_label (f->label, "1 kB/s");
  settle (f);
  g_assert_cmpuint (f->bin->measures, ==, measures);

  /* Wider than anything before: the parent makes room. */
  spate_cell_label_set_label (f->label, "888.8 MB/s and a good deal more");
  settle (f);
  g_assert_cmpuint (f->bin->measures, >, measures);
  narrow = wide;
  wide = natural_width (label);
  g_assert_cmpint (wide, >, narrow);
  g_assert_cmpint (gtk_widget_get_width (label), ==, wide);
}

static void
test_ellipsize (Fixture *f, gconstpointer data)
{
  GtkWidget *label = GTK_WIDGET (f->label);
  int        chars, wide;
  guint      measures;

  /* With width-chars: that width, whatever the text. */
  spate_cell_label_set_ellipsize (f->label, TRUE);
  spate_cell_label_set_width_chars (f->label, 4);
  spate_cell_label_set_label (f->label, "Error: No such file or directory: /a/long/path");
  settle (f);
  chars = natural_width (label);
  g_assert_cmpint (chars, >, 0);
  g_assert_cmpint (minimum_width (label), <=, chars);
  g_assert_cmpint (gtk_widget_get_width (label), ==, chars);
  measures = f->bin->measures;
  spate_cell_label_set_label (f->label, "Seeding");
  settle (f);
  g_assert_cmpuint (f->bin->measures, ==, measures);
  g_assert_cmpint (natural_width (label), ==, chars);

  /* Without: its own width, both ways. */
  spate_cell_label_set_width_chars (f->label, 0);
  spate_cell_label_set_label (f->label, "Error: No such file or directory: /a/long/path");
  settle (f);
  wide = natural_width (label);
  g_assert_cmpint (wide, >, chars);
  /* It can shrink to a few characters. */
  g_assert_cmpint (minimum_width (label), >, 0);
  g_assert_cmpint (minimum_width (label), <, chars * 2);
  measures = f->bin->measures;
  spate_cell_label_set_label (f->label, "Seeding");
  settle (f);
  g_assert_cmpuint (f->bin->measures, >, measures);
  g_assert_cmpint (natural_width (label), <, wide);
}

static void
collect_text (GskRenderNode *node, GString *text)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text (gsk_container_node_get_child (node, i), text);
      break;
    case GSK_TRANSFORM_NODE:
      collect_text (gsk_transform_node_get_child (node), text);
      break;
    case GSK_CLIP_NODE:
      collect_text (gsk_clip_node_get_child (node), text);
      break;
    case GSK_OPACITY_NODE:
      collect_text (gsk_opacity_node_get_child (node), text);
      break;
    case GSK_TEXT_NODE:
      g_string_append_printf (text, "[%u glyphs]", gsk_text_node_get_num_glyphs (node));
      break;
    default:
      break;
    }
}

/* What the label draws, as "[n glyphs]" per run of text. */
static char *
drawn_text (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GString *text = g_string_new ("");

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    collect_text (node, text);
  return g_string_free (text, FALSE);
}

static void
test_draws (Fixture *f, gconstpointer data)
{
  g_autofree char *nothing = NULL;
  g_autofree char *some = NULL;
  g_autofree char *after = NULL;

  spate_cell_label_set_xalign (f->label, 1.0f);
  spate_cell_label_set_label (f->label, "");
  settle (f);
  nothing = drawn_text (GTK_WIDGET (f->label));
  g_assert_cmpstr (nothing, ==, "");

  spate_cell_label_set_label (f->label, "42.5 %");
  settle (f);
  some = drawn_text (GTK_WIDGET (f->label));
  g_assert_cmpstr (some, ==, "[6 glyphs]");

  /* A shorter text in the same width is what is drawn. */
  spate_cell_label_set_label (f->label, "7 %");
  settle (f);
  after = drawn_text (GTK_WIDGET (f->label));
  g_assert_cmpstr (after, ==, "[3 glyphs]");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/spate/cell-label/grows-only", Fixture, NULL, fixture_set_up, test_grows_only,
              fixture_tear_down);
  g_test_add ("/spate/cell-label/ellipsize", Fixture, NULL, fixture_set_up, test_ellipsize,
              fixture_tear_down);
  g_test_add ("/spate/cell-label/draws", Fixture, NULL, fixture_set_up, test_draws,
              fixture_tear_down);
  return g_test_run ();
}
