/* spate-cell-label.c: a one-line text for list cells whose text changes
 * every second without resizing the list.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-cell-label.h"

struct _SpateCellLabel
{
  GtkWidget parent_instance;

  char        *label;
  PangoLayout *layout;     /* the text, never width-limited except while drawing */
  int          text_width; /* px, of the layout as it is */
  float        xalign;
  gboolean     ellipsize;
  int          width_chars;

  /* What the last horizontal measure gave, and the pango context it was
   * for: a new font or scale starts the widths again. */
  int   natural_width;
  guint serial;
};

G_DEFINE_FINAL_TYPE (SpateCellLabel, spate_cell_label, GTK_TYPE_WIDGET)

#define MIN_CHARS 4

enum
{
  PROP_0,
  PROP_LABEL,
  PROP_XALIGN,
  PROP_ELLIPSIZE,
  PROP_WIDTH_CHARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PangoLayout *
ensure_layout (SpateCellLabel *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->label);
      /* The "numeric" class of libadwaita, which only GtkLabel applies. */
      if (gtk_widget_has_css_class (GTK_WIDGET (self), "numeric"))
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
      self->text_width = -1;
    }
  return self->layout;
}

/* The layout follows the widget's pango context by itself; a new font or
 * scale means the widths measured so far mean nothing. */
static gboolean
context_changed (SpateCellLabel *self)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (serial == self->serial)
    return FALSE;
  self->serial = serial;
  self->natural_width = 0;
  self->text_width = -1;
  return TRUE;
}

static int
get_text_width (SpateCellLabel *self)
{
  PangoRectangle logical;

  context_changed (self);
  if (self->text_width < 0)
    {
      pango_layout_get_pixel_extents (ensure_layout (self), NULL, &logical);
      self->text_width = logical.width;
    }
  return self->text_width;
}

static int
get_chars_width (SpateCellLabel *self, int n_chars)
{
  PangoContext     *context;
  PangoFontMetrics *metrics;
  int               char_width, digit_width;

  if (n_chars <= 0)
    return 0;
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  metrics = pango_context_get_metrics (context, NULL, NULL);
  char_width = pango_font_metrics_get_approximate_char_width (metrics);
  digit_width = pango_font_metrics_get_approximate_digit_width (metrics);
  pango_font_metrics_unref (metrics);
  return PANGO_PIXELS (MAX (char_width, digit_width) * n_chars);
}

static void
spate_cell_label_measure (GtkWidget     *widget,
                          GtkOrientation orientation,
                          int            for_size,
                          int           *minimum,
                          int           *natural,
                          int           *minimum_baseline,
                          int           *natural_baseline)
{
  SpateCellLabel *self = SPATE_CELL_LABEL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int text = get_text_width (self);
      int chars = get_chars_width (self, self->width_chars);

      /* An ellipsized text asks for its width-chars, whatever it says
       * (or, without them, for its own width); any other only grows, so
       * that a rate going from 9 to 10 MB/s moves no column. */
      if (self->ellipsize)
        self->natural_width = chars > 0 ? chars : text;
      else
        self->natural_width = MAX (self->natural_width, MAX (text, chars));
      *natural = self->natural_width;
      /* Ellipsized, it can make do with a few characters and the "…". */
      *minimum = self->ellipsize ? MIN (self->natural_width, get_chars_width (self, MIN_CHARS))
                                 : self->natural_width;
    }
  else
    {
      PangoRectangle logical;

      context_changed (self);
      pango_layout_get_pixel_extents (ensure_layout (self), NULL, &logical);
      *minimum = *natural = logical.height;
      *minimum_baseline = *natural_baseline =
          PANGO_PIXELS (pango_layout_get_baseline (self->layout)) - logical.y;
    }
}

static void
spate_cell_label_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SpateCellLabel *self = SPATE_CELL_LABEL (widget);
  int             width = gtk_widget_get_width (widget);
  int             height = gtk_widget_get_height (widget);
  int             text_width = get_text_width (self);
  PangoLayout    *layout = ensure_layout (self);
  float           xalign = self->xalign;
  gboolean        narrow = text_width > width;
  PangoRectangle  logical;
  GdkRGBA         color;

  if (self->label == NULL || self->label[0] == '\0' || width <= 0)
    return;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;
#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif

  if (narrow && self->ellipsize)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  gtk_snapshot_save (snapshot);
  if (narrow && !self->ellipsize)
    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (
      snapshot, &GRAPHENE_POINT_INIT (narrow ? 0 : floorf (xalign * (width - logical.width)),
                                      floorf ((height - logical.height) / 2.0f) - logical.y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  if (narrow && !self->ellipsize)
    gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);

  if (narrow && self->ellipsize)
    {
      /* Measuring wants the whole text again. */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_width (layout, -1);
    }
}

static void
spate_cell_label_css_changed (SpateCellLabel *self)
{
  /* A new style class or font: build the layout again when next needed. */
  g_clear_object (&self->layout);
  self->text_width = -1;
}

static void
spate_cell_label_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateCellLabel *self = SPATE_CELL_LABEL (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_XALIGN:
      g_value_set_float (value, self->xalign);
      break;
    case PROP_ELLIPSIZE:
      g_value_set_boolean (value, self->ellipsize);
      break;
    case PROP_WIDTH_CHARS:
      g_value_set_int (value, self->width_chars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_cell_label_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpateCellLabel *self = SPATE_CELL_LABEL (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      spate_cell_label_set_label (self, g_value_get_string (value));
      break;
    case PROP_XALIGN:
      spate_cell_label_set_xalign (self, g_value_get_float (value));
      break;
    case PROP_ELLIPSIZE:
      spate_cell_label_set_ellipsize (self, g_value_get_boolean (value));
      break;
    case PROP_WIDTH_CHARS:
      spate_cell_label_set_width_chars (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_cell_label_finalize (GObject *object)
{
  SpateCellLabel *self = SPATE_CELL_LABEL (object);

  g_free (self->label);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (spate_cell_label_parent_class)->finalize (object);
}

static void
spate_cell_label_class_init (SpateCellLabelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = spate_cell_label_get_property;
  object_class->set_property = spate_cell_label_set_property;
  object_class->finalize = spate_cell_label_finalize;
  widget_class->measure = spate_cell_label_measure;
  widget_class->snapshot = spate_cell_label_snapshot;

  properties[PROP_LABEL] =
      g_param_spec_string ("label", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_XALIGN] =
      g_param_spec_float ("xalign", NULL, NULL, 0.0f, 1.0f, 0.0f,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELLIPSIZE] =
      g_param_spec_boolean ("ellipsize", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH_CHARS] =
      g_param_spec_int ("width-chars", NULL, NULL, 0, G_MAXINT, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
spate_cell_label_init (SpateCellLabel *self)
{
  self->text_width = -1;
  /* GtkWidget's css-changed is not public: a changed class list or
   * direction is the change that matters here. */
  g_signal_connect (self, "notify::css-classes", G_CALLBACK (spate_cell_label_css_changed), NULL);
  g_signal_connect (self, "direction-changed", G_CALLBACK (gtk_widget_queue_draw), NULL);
}

GtkWidget *
spate_cell_label_new (void)
{
  return g_object_new (SPATE_TYPE_CELL_LABEL, NULL);
}

const char *
spate_cell_label_get_label (SpateCellLabel *self)
{
  g_return_val_if_fail (SPATE_IS_CELL_LABEL (self), NULL);
  return self->label != NULL ? self->label : "";
}

void
spate_cell_label_set_label (SpateCellLabel *self, const char *label)
{
  int before;

  g_return_if_fail (SPATE_IS_CELL_LABEL (self));
  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);

  before = self->text_width;
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, label != NULL ? label : "", -1);
  self->text_width = -1;

  /* Only a text wider than the widest shown so far needs the list to make
   * room; any other is drawn where the last one was. An ellipsized text
   * with width-chars never needs it; one without follows its own width. */
  if (self->ellipsize && self->width_chars > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  else if (before < 0 || get_text_width (self) > self->natural_width ||
           (self->ellipsize && self->text_width != before))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

void
spate_cell_label_set_xalign (SpateCellLabel *self, float xalign)
{
  g_return_if_fail (SPATE_IS_CELL_LABEL (self));
  xalign = CLAMP (xalign, 0.0f, 1.0f);
  if (self->xalign == xalign)
    return;
  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XALIGN]);
}

void
spate_cell_label_set_ellipsize (SpateCellLabel *self, gboolean ellipsize)
{
  g_return_if_fail (SPATE_IS_CELL_LABEL (self));
  ellipsize = !!ellipsize;
  if (self->ellipsize == ellipsize)
    return;
  self->ellipsize = ellipsize;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELLIPSIZE]);
}

void
spate_cell_label_set_width_chars (SpateCellLabel *self, int n_chars)
{
  g_return_if_fail (SPATE_IS_CELL_LABEL (self));
  if (self->width_chars == n_chars)
    return;
  self->width_chars = n_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH_CHARS]);
}
