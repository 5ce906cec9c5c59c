/* spate-schedule-grid.c: the weekly schedule, a week of hours to paint.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-schedule-grid.h"

#include <glib/gi18n.h>
#include <string.h>

#define N_DAYS      7
#define N_HOURS     24
#define N_CELLS     (N_DAYS * N_HOURS)
#define CELL_HEIGHT 22
#define CELL_GAP    2
#define CELL_RADIUS 3
#define MIN_CELL    12 /* cell widths, gap included */
#define NAT_CELL    22
#define LABEL_GAP   8 /* between the day names and the cells */
#define HEADER_GAP  4 /* between the hours and the cells */

struct _SpateScheduleGrid
{
  GtkWidget parent_instance;

  char schedule[N_CELLS + 1];
  char mode;

  /* The focus cell, moved by arrows and clicks. */
  guint cursor_day;
  guint cursor_hour;

  /* A drag paints the rectangle from its first cell over what was there. */
  char  *drag_base;
  guint  drag_day;
  guint  drag_hour;
  double drag_x;
  double drag_y;
};

G_DEFINE_FINAL_TYPE (SpateScheduleGrid, spate_schedule_grid, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SCHEDULE,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ colours */

/* Normal is a tint of the text colour, so an empty week stays quiet;
 * alternative is Adwaita's blue 3, paused its orange (3 on light, 2 on
 * dark): a pair that stays apart for most colour blindness. */
static void
mode_color (GtkWidget *widget, char mode, GdkRGBA *color)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  switch (mode)
    {
    case 'a':
      gdk_rgba_parse (color, "#3584e4");
      break;
    case 'p':
      gdk_rgba_parse (color, dark ? "#ffa348" : "#ff7800");
      break;
    default:
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
      G_GNUC_END_IGNORE_DEPRECATIONS
      color->alpha = dark ? 0.16f : 0.12f;
      break;
    }
}

static const char *
mode_name (char mode)
{
  switch (mode)
    {
    case 'a':
      return _ ("Alternative limits");
    case 'p':
      return _ ("Paused");
    default:
      return _ ("Normal limits");
    }
}

static gboolean
is_mode (char letter)
{
  return letter != '\0' && strchr ("nap", letter) != NULL;
}

/* ------------------------------------------------------------- layout */

/* Monday is 1 January 2024. */
static char *
day_name (guint day, gboolean abbreviated)
{
  g_autoptr (GDateTime) date = g_date_time_new_local (2024, 1, 1 + day, 12, 0, 0);

  return g_date_time_format (date, abbreviated ? "%a" : "%A");
}

static PangoLayout *
day_layout (GtkWidget *widget, guint day)
{
  g_autofree char *name = day_name (day, TRUE);

  return gtk_widget_create_pango_layout (widget, name);
}

static PangoLayout *
hour_layout (GtkWidget *widget, guint hour)
{
  g_autofree char *text = g_strdup_printf ("%u", hour);
  PangoLayout     *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList   *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

typedef struct
{
  double label_width; /* day names, gap included */
  double header_height;
  double cell_width; /* gap included */
} Geometry;

static void
get_geometry (GtkWidget *widget, int width, Geometry *g)
{
  int text_width, text_height;
  g_autoptr (PangoLayout) hours = hour_layout (widget, 23);

  g->label_width = 0;
  for (guint day = 0; day < N_DAYS; day++)
    {
      g_autoptr (PangoLayout) layout = day_layout (widget, day);

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      g->label_width = MAX (g->label_width, text_width);
    }
  g->label_width += LABEL_GAP;
  pango_layout_get_pixel_size (hours, NULL, &text_height);
  g->header_height = text_height + HEADER_GAP;
  g->cell_width = width > 0 ? MAX (0, (width - g->label_width) / N_HOURS) : 0;
}

static void
cell_rect (SpateScheduleGrid *self, const Geometry *g, guint day, guint hour, graphene_rect_t *r)
{
  double x = g->label_width + hour * g->cell_width;

  /* Hours run the other way in right-to-left locales. */
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - g->label_width - (hour + 1) * g->cell_width +
        CELL_GAP;
  graphene_rect_init (r, x, g->header_height + day * (CELL_HEIGHT + CELL_GAP),
                      MAX (1, g->cell_width - CELL_GAP), CELL_HEIGHT);
}

/* The cell under x, y; clamp pulls points outside the grid onto its edge
 * (a drag that leaves the grid), else they miss. */
static gboolean
cell_at (SpateScheduleGrid *self, double x, double y, gboolean clamp, guint *day, guint *hour)
{
  Geometry g;
  double   column, row;

  get_geometry (GTK_WIDGET (self), gtk_widget_get_width (GTK_WIDGET (self)), &g);
  if (g.cell_width <= 0)
    return FALSE;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x;
  column = floor ((x - g.label_width) / g.cell_width);
  row = floor ((y - g.header_height) / (CELL_HEIGHT + CELL_GAP));
  if (!clamp && (column < 0 || column >= N_HOURS || row < 0 || row >= N_DAYS))
    return FALSE;
  *hour = (guint) CLAMP (column, 0, N_HOURS - 1);
  *day = (guint) CLAMP (row, 0, N_DAYS - 1);
  return TRUE;
}

static void
spate_schedule_grid_measure (GtkWidget     *widget,
                             GtkOrientation orientation,
                             int            for_size,
                             int           *minimum,
                             int           *natural,
                             int           *minimum_baseline,
                             int           *natural_baseline)
{
  Geometry g;

  get_geometry (widget, 0, &g);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (g.label_width) + N_HOURS * MIN_CELL;
      *natural = (int) ceil (g.label_width) + N_HOURS * NAT_CELL;
    }
  else
    {
      *minimum = *natural =
          (int) ceil (g.header_height) + N_DAYS * (CELL_HEIGHT + CELL_GAP) - CELL_GAP;
    }
}

/* ------------------------------------------------------------ drawing */

static void
append_layout (GtkSnapshot *snapshot, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_labels (SpateScheduleGrid *self, GtkSnapshot *snapshot, const Geometry *g)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean   rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  /* Every third hour while the numbers fit, else every sixth. */
  guint   step = g->cell_width >= 16 ? 3 : 6;
  GdkRGBA dim;
  int     text_width, text_height;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &dim);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim.alpha *= 0.7f;

  for (guint day = 0; day < N_DAYS; day++)
    {
      g_autoptr (PangoLayout) layout = day_layout (widget, day);
      graphene_rect_t r;
      double          x;

      cell_rect (self, g, day, 0, &r);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      x = rtl ? gtk_widget_get_width (widget) - text_width : 0;
      append_layout (snapshot, layout, x, r.origin.y + (CELL_HEIGHT - text_height) / 2.0, &dim);
    }
  for (guint hour = 0; hour < N_HOURS; hour += step)
    {
      g_autoptr (PangoLayout) layout = hour_layout (widget, hour);
      graphene_rect_t r;

      cell_rect (self, g, 0, hour, &r);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      append_layout (snapshot, layout, r.origin.x + (r.size.width - text_width) / 2.0, 0, &dim);
    }
}

static void
spate_schedule_grid_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (widget);
  gboolean           sensitive = gtk_widget_is_sensitive (widget);
  GdkRGBA            colors[3];
  GdkRGBA            fg;
  Geometry           g;

  get_geometry (widget, gtk_widget_get_width (widget), &g);
  if (g.cell_width <= CELL_GAP)
    return;
  mode_color (widget, 'n', &colors[0]);
  mode_color (widget, 'a', &colors[1]);
  mode_color (widget, 'p', &colors[2]);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (!sensitive)
    gtk_snapshot_push_opacity (snapshot, 0.5);
  snapshot_labels (self, snapshot, &g);
  for (guint i = 0; i < N_CELLS; i++)
    {
      GskRoundedRect  rounded;
      graphene_rect_t r;
      char            letter = self->schedule[i];

      cell_rect (self, &g, i / N_HOURS, i % N_HOURS, &r);
      gsk_rounded_rect_init_from_rect (&rounded, &r, CELL_RADIUS);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &colors[letter == 'a' ? 1 : letter == 'p' ? 2 : 0], &r);
      gtk_snapshot_pop (snapshot);
    }
  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect  rounded;
      graphene_rect_t r;
      const float     widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA   ring[4] = { fg, fg, fg, fg };

      cell_rect (self, &g, self->cursor_day, self->cursor_hour, &r);
      graphene_rect_inset (&r, -1, -1);
      gsk_rounded_rect_init_from_rect (&rounded, &r, CELL_RADIUS + 1);
      gtk_snapshot_append_border (snapshot, &rounded, widths, ring);
    }
  if (!sensitive)
    gtk_snapshot_pop (snapshot);
}

/* ------------------------------------------------------------ editing */

static void
set_schedule_text (SpateScheduleGrid *self, const char *text)
{
  char   normalized[N_CELLS + 1];
  size_t length = text != NULL ? strlen (text) : 0;

  for (guint i = 0; i < N_CELLS; i++)
    normalized[i] = i < length && is_mode (text[i]) ? text[i] : 'n';
  normalized[N_CELLS] = '\0';
  if (memcmp (normalized, self->schedule, N_CELLS) == 0)
    return;
  memcpy (self->schedule, normalized, sizeof normalized);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULE]);
}

static void
paint_rectangle (SpateScheduleGrid *self,
                 const char        *base,
                 guint              day1,
                 guint              hour1,
                 guint              day2,
                 guint              hour2)
{
  char schedule[N_CELLS + 1];

  memcpy (schedule, base, sizeof schedule);
  for (guint day = MIN (day1, day2); day <= MAX (day1, day2); day++)
    for (guint hour = MIN (hour1, hour2); hour <= MAX (hour1, hour2); hour++)
      schedule[day * N_HOURS + hour] = self->mode;
  set_schedule_text (self, schedule);
}

static void
update_description (SpateScheduleGrid *self)
{
  g_autofree char *day = day_name (self->cursor_day, FALSE);
  g_autofree char *text = NULL;

  /* Translators: a weekday, an hour (0 to 23) and what happens then. */
  text =
      g_strdup_printf (_ ("%s %02u:00: %s"), day, self->cursor_hour,
                       mode_name (self->schedule[self->cursor_day * N_HOURS + self->cursor_hour]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
move_cursor_to (SpateScheduleGrid *self, guint day, guint hour)
{
  self->cursor_day = MIN (day, N_DAYS - 1);
  self->cursor_hour = MIN (hour, N_HOURS - 1);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
spate_schedule_grid_paint (SpateScheduleGrid *self, guint day, guint hour)
{
  g_return_if_fail (SPATE_IS_SCHEDULE_GRID (self));
  g_return_if_fail (day < N_DAYS && hour < N_HOURS);

  paint_rectangle (self, self->schedule, day, hour, day, hour);
  move_cursor_to (self, day, hour);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, SpateScheduleGrid *self)
{
  guint day, hour;

  if (!cell_at (self, x, y, FALSE, &day, &hour))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_free (self->drag_base);
  self->drag_base = g_strdup (self->schedule);
  self->drag_day = day;
  self->drag_hour = hour;
  self->drag_x = x;
  self->drag_y = y;
  spate_schedule_grid_paint (self, day, hour);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, SpateScheduleGrid *self)
{
  guint day, hour;

  if (self->drag_base == NULL ||
      !cell_at (self, self->drag_x + dx, self->drag_y + dy, TRUE, &day, &hour))
    return;
  paint_rectangle (self, self->drag_base, self->drag_day, self->drag_hour, day, hour);
  move_cursor_to (self, day, hour);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, SpateScheduleGrid *self)
{
  g_clear_pointer (&self->drag_base, g_free);
}

/* schedule.move-cursor: (days, hours) to move the focus cell by. */
static void
move_cursor (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (widget);
  int                ddays, dhours;

  g_variant_get (parameter, "(ii)", &ddays, &dhours);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    dhours = -dhours;
  move_cursor_to (self, CLAMP ((int) self->cursor_day + ddays, 0, N_DAYS - 1),
                  CLAMP ((int) self->cursor_hour + dhours, 0, N_HOURS - 1));
}

/* schedule.paint-cursor: paints the focus cell. */
static void
paint_cursor (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (widget);

  spate_schedule_grid_paint (self, self->cursor_day, self->cursor_hour);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (widget);
  g_autofree char   *day_text = NULL;
  g_autofree char   *text = NULL;
  guint              day = self->cursor_day, hour = self->cursor_hour;

  if (!keyboard && !cell_at (self, x, y, FALSE, &day, &hour))
    return FALSE;
  day_text = day_name (day, FALSE);
  /* Translators: a weekday, an hour range and what happens then. */
  text = g_strdup_printf (_ ("%s %02u:00–%02u:00: %s"), day_text, hour, (hour + 1) % 24,
                          mode_name (self->schedule[day * N_HOURS + hour]));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ----------------------------------------------------------- accessors */

GtkWidget *
spate_schedule_grid_new (void)
{
  return g_object_new (SPATE_TYPE_SCHEDULE_GRID, NULL);
}

const char *
spate_schedule_grid_get_schedule (SpateScheduleGrid *self)
{
  g_return_val_if_fail (SPATE_IS_SCHEDULE_GRID (self), NULL);

  return self->schedule;
}

void
spate_schedule_grid_set_schedule (SpateScheduleGrid *self, const char *schedule)
{
  g_return_if_fail (SPATE_IS_SCHEDULE_GRID (self));

  set_schedule_text (self, schedule);
  update_description (self);
}

const char *
spate_schedule_grid_get_mode (SpateScheduleGrid *self)
{
  g_return_val_if_fail (SPATE_IS_SCHEDULE_GRID (self), NULL);

  switch (self->mode)
    {
    case 'a':
      return "a";
    case 'p':
      return "p";
    default:
      return "n";
    }
}

void
spate_schedule_grid_set_mode (SpateScheduleGrid *self, const char *mode)
{
  char letter;

  g_return_if_fail (SPATE_IS_SCHEDULE_GRID (self));
  g_return_if_fail (mode != NULL && is_mode (mode[0]) && mode[1] == '\0');

  letter = mode[0];
  if (letter == self->mode)
    return;
  self->mode = letter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

gboolean
spate_schedule_grid_get_cell_bounds (SpateScheduleGrid *self,
                                     guint              day,
                                     guint              hour,
                                     graphene_rect_t   *bounds)
{
  Geometry g;

  g_return_val_if_fail (SPATE_IS_SCHEDULE_GRID (self), FALSE);
  g_return_val_if_fail (day < N_DAYS && hour < N_HOURS, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  get_geometry (GTK_WIDGET (self), gtk_widget_get_width (GTK_WIDGET (self)), &g);
  if (g.cell_width <= CELL_GAP)
    return FALSE;
  cell_rect (self, &g, day, hour, bounds);
  return TRUE;
}

/* --------------------------------------------------------------- class */

static void
spate_schedule_grid_finalize (GObject *object)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (object);

  g_free (self->drag_base);

  G_OBJECT_CLASS (spate_schedule_grid_parent_class)->finalize (object);
}

static void
spate_schedule_grid_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE:
      g_value_set_string (value, spate_schedule_grid_get_schedule (self));
      break;
    case PROP_MODE:
      g_value_set_string (value, spate_schedule_grid_get_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_schedule_grid_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SpateScheduleGrid *self = SPATE_SCHEDULE_GRID (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE:
      spate_schedule_grid_set_schedule (self, g_value_get_string (value));
      break;
    case PROP_MODE:
      spate_schedule_grid_set_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class, guint key, guint kp_key, int ddays, int dhours)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "schedule.move-cursor", "(ii)", ddays,
                                       dhours);
  gtk_widget_class_add_binding_action (widget_class, kp_key, 0, "schedule.move-cursor", "(ii)",
                                       ddays, dhours);
}

static void
spate_schedule_grid_class_init (SpateScheduleGridClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const guint paint_keys[] = { GDK_KEY_space, GDK_KEY_KP_Space, GDK_KEY_Return, GDK_KEY_KP_Enter };

  object_class->finalize = spate_schedule_grid_finalize;
  object_class->get_property = spate_schedule_grid_get_property;
  object_class->set_property = spate_schedule_grid_set_property;
  widget_class->measure = spate_schedule_grid_measure;
  widget_class->snapshot = spate_schedule_grid_snapshot;

  properties[PROP_SCHEDULE] =
      g_param_spec_string ("schedule", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
      g_param_spec_string ("mode", NULL, NULL, "n",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "schedule.move-cursor", "(ii)", move_cursor);
  gtk_widget_class_install_action (widget_class, "schedule.paint-cursor", NULL, paint_cursor);
  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 0, 1);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, 0, -N_HOURS);
  add_move_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, 0, N_HOURS);
  for (guint i = 0; i < G_N_ELEMENTS (paint_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, paint_keys[i], 0, "schedule.paint-cursor",
                                         NULL);

  gtk_widget_class_set_css_name (widget_class, "spate-schedule-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
spate_schedule_grid_init (SpateScheduleGrid *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  memset (self->schedule, 'n', N_CELLS);
  self->schedule[N_CELLS] = '\0';
  self->mode = 'n';

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  update_description (self);
}

/* ------------------------------------------------------------- swatch */

struct _SpateScheduleSwatch
{
  GtkWidget parent_instance;

  char mode;
};

G_DEFINE_FINAL_TYPE (SpateScheduleSwatch, spate_schedule_swatch, GTK_TYPE_WIDGET)

enum
{
  SWATCH_PROP_0,
  SWATCH_PROP_MODE,
  SWATCH_N_PROPS
};

static GParamSpec *swatch_properties[SWATCH_N_PROPS];

static void
spate_schedule_swatch_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SpateScheduleSwatch *self = SPATE_SCHEDULE_SWATCH (widget);
  graphene_rect_t      r =
      GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  GskRoundedRect rounded;
  GdkRGBA        color;

  mode_color (widget, self->mode, &color);
  gsk_rounded_rect_init_from_rect (&rounded, &r, CELL_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &color, &r);
  gtk_snapshot_pop (snapshot);
}

static void
spate_schedule_swatch_measure (GtkWidget     *widget,
                               GtkOrientation orientation,
                               int            for_size,
                               int           *minimum,
                               int           *natural,
                               int           *minimum_baseline,
                               int           *natural_baseline)
{
  *minimum = *natural = 14;
}

static void
spate_schedule_swatch_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SpateScheduleSwatch *self = SPATE_SCHEDULE_SWATCH (object);
  char                 text[2] = { self->mode, '\0' };

  switch (prop_id)
    {
    case SWATCH_PROP_MODE:
      g_value_set_string (value, text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_schedule_swatch_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SpateScheduleSwatch *self = SPATE_SCHEDULE_SWATCH (object);
  const char          *mode = g_value_get_string (value);
  char                 letter = mode != NULL && is_mode (mode[0]) ? mode[0] : 'n';

  switch (prop_id)
    {
    case SWATCH_PROP_MODE:
      if (letter != self->mode)
        {
          self->mode = letter;
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_schedule_swatch_class_init (SpateScheduleSwatchClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = spate_schedule_swatch_get_property;
  object_class->set_property = spate_schedule_swatch_set_property;
  widget_class->snapshot = spate_schedule_swatch_snapshot;
  widget_class->measure = spate_schedule_swatch_measure;

  /* "n", "a" or "p", as the grid's mode. */
  swatch_properties[SWATCH_PROP_MODE] =
      g_param_spec_string ("mode", NULL, NULL, "n",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SWATCH_N_PROPS, swatch_properties);

  gtk_widget_class_set_css_name (widget_class, "spate-schedule-swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
spate_schedule_swatch_init (SpateScheduleSwatch *self)
{
  self->mode = 'n';
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}
