/* spate-window-cells.c: the torrent list's cells, built and bound in C.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-window-private.h"

#include <glib/gi18n.h>

#include "spate-cell-label.h"

/* Each column's cells are made by a GtkSignalListItemFactory: a row that
 * scrolls into view costs a few widgets and one notify handler per value,
 * where a GtkBuilderListItemFactory parsed a template for every cell and
 * bound each value through a GtkExpression watch. */

typedef enum
{
  CELL_NAME,
  CELL_SIZE,
  CELL_PROGRESS,
  CELL_STATUS,
  CELL_DOWNLOAD_RATE,
  CELL_UPLOAD_RATE,
  CELL_ETA,
  CELL_PEERS,
  CELL_RATIO,
  CELL_ADDED_ON,
  CELL_QUEUE_POSITION,
} CellKind;

#define MAX_WATCHED 2

static const struct
{
  const char *notify[MAX_WATCHED]; /* the torrent's values the cell shows */
  float       xalign;
  int         width_chars;
} kinds[SPATE_WINDOW_N_COLUMNS] = {
  [CELL_NAME] = { { "notify::name" }, 0.0f, 20 },
  [CELL_SIZE] = { { "notify::wanted-size" }, 1.0f, 0 },
  [CELL_PROGRESS] = { { "notify::progress", "notify::state" }, 1.0f, 6 },
  [CELL_STATUS] = { { "notify::state", "notify::error" }, 0.0f, 13 },
  [CELL_DOWNLOAD_RATE] = { { "notify::download-rate" }, 1.0f, 0 },
  [CELL_UPLOAD_RATE] = { { "notify::upload-rate" }, 1.0f, 0 },
  [CELL_ETA] = { { "notify::eta" }, 1.0f, 0 },
  [CELL_PEERS] = { { "notify::num-seeds", "notify::num-peers" }, 1.0f, 0 },
  [CELL_RATIO] = { { "notify::ratio" }, 1.0f, 0 },
  [CELL_ADDED_ON] = { { "notify::added-time" }, 1.0f, 0 },
  [CELL_QUEUE_POSITION] = { { "notify::queue-position" }, 1.0f, 0 },
};

typedef struct
{
  CellKind        kind;
  SpateCellLabel *label;
  GtkProgressBar *bar;       /* the progress cell's */
  const char     *css_class; /* set on the bar or the status label; NULL: none */
  GtkWidget      *child;     /* the cell's widget */
  SpateTorrent   *torrent;   /* bound */
  gulong          handlers[MAX_WATCHED];
  gboolean        stale; /* changed while out of view */
} Cell;

/* ------------------------------------------------------------ the texts */

static char *
format_size (gint64 size)
{
  return size > 0 ? g_format_size (size) : g_strdup ("");
}

static char *
format_percent (double progress)
{
  /* Never show 100 % before it is. */
  double percent = (int) (progress * 1000.0) / 10.0;

  /* Translators: a percentage of progress, "42.5 %" */
  return g_strdup_printf (_ ("%.1f %%"), percent);
}

static char *
format_rate (int rate)
{
  g_autofree char *size = NULL;

  if (rate <= 0)
    return g_strdup ("");
  size = g_format_size (rate);
  /* Translators: a transfer rate, "1.2 MB/s" */
  return g_strdup_printf (_ ("%s/s"), size);
}

static char *
format_eta (gint64 eta)
{
  /* Zero is "done" or "not downloading": nothing to wait for. */
  return eta <= 0 ? g_strdup ("") : _spate_format_duration (eta);
}

static char *
format_peers (int seeds, int peers)
{
  /* Translators: connected seeds and peers, "3 / 12" */
  return g_strdup_printf (_ ("%d / %d"), seeds, peers);
}

static char *
format_ratio (double ratio)
{
  if (ratio < 0)
    return g_strdup ("∞");
  return g_strdup_printf ("%.2f", ratio);
}

static char *
format_date (gint64 time)
{
  g_autoptr (GDateTime) date = NULL;

  if (time <= 0)
    return g_strdup ("");
  date = g_date_time_new_from_unix_local (time);
  /* Translators: the date a torrent was added, see g_date_time_format() */
  return g_date_time_format (date, _ ("%x %H:%M"));
}

static char *
format_queue (int position)
{
  return position < 0 ? g_strdup ("") : g_strdup_printf ("%d", position + 1);
}

static char *
format_state (SpateTorrentState state, const char *error)
{
  if (state == SPATE_TORRENT_STATE_ERROR && error != NULL && error[0] != '\0')
    /* Translators: a torrent's status with the reason it stopped */
    return g_strdup_printf (_ ("Error: %s"), error);
  return g_strdup (_spate_state_to_string (state));
}

static const char *
progress_class (SpateTorrentState state)
{
  switch (state)
    {
    case SPATE_TORRENT_STATE_SEEDING:
    case SPATE_TORRENT_STATE_COMPLETED:
      return "seeding";
    case SPATE_TORRENT_STATE_PAUSED:
    case SPATE_TORRENT_STATE_QUEUED:
      return "paused";
    case SPATE_TORRENT_STATE_ERROR:
      return "failed";
    default:
      return NULL;
    }
}

/* ------------------------------------------------------------- updating */

/* Style classes change the style of the widget: only when they differ. */
static void
set_class (Cell *cell, GtkWidget *widget, const char *css_class)
{
  if (g_strcmp0 (cell->css_class, css_class) == 0)
    return;
  if (cell->css_class != NULL)
    gtk_widget_remove_css_class (widget, cell->css_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  cell->css_class = css_class;
}

static void
update (Cell *cell)
{
  SpateTorrent    *t = cell->torrent;
  g_autofree char *text = NULL;

  switch (cell->kind)
    {
    case CELL_NAME:
      spate_cell_label_set_label (cell->label, spate_torrent_get_name (t));
      return;
    case CELL_SIZE:
      text = format_size (spate_torrent_get_wanted_size (t));
      break;
    case CELL_PROGRESS:
      gtk_progress_bar_set_fraction (cell->bar, spate_torrent_get_progress (t));
      set_class (cell, GTK_WIDGET (cell->bar), progress_class (spate_torrent_get_state (t)));
      text = format_percent (spate_torrent_get_progress (t));
      break;
    case CELL_STATUS:
      text = format_state (spate_torrent_get_state (t), spate_torrent_get_error (t));
      set_class (cell, GTK_WIDGET (cell->label),
                 spate_torrent_get_state (t) == SPATE_TORRENT_STATE_ERROR ? "failed" : NULL);
      break;
    case CELL_DOWNLOAD_RATE:
      text = format_rate (spate_torrent_get_download_rate (t));
      break;
    case CELL_UPLOAD_RATE:
      text = format_rate (spate_torrent_get_upload_rate (t));
      break;
    case CELL_ETA:
      text = format_eta (spate_torrent_get_eta (t));
      break;
    case CELL_PEERS:
      text = format_peers (spate_torrent_get_num_seeds (t), spate_torrent_get_num_peers (t));
      break;
    case CELL_RATIO:
      text = format_ratio (spate_torrent_get_ratio (t));
      break;
    case CELL_ADDED_ON:
      text = format_date (spate_torrent_get_added_time (t));
      break;
    case CELL_QUEUE_POSITION:
      text = format_queue (spate_torrent_get_queue_position (t));
      break;
    default:
      g_assert_not_reached ();
    }
  spate_cell_label_set_label (cell->label, text);
}

/* GTK 4.8's list keeps about 200 rows built around the visible ones,
 * unmapped while out of view. A cell out of view only notes that its
 * torrent changed and catches up when it is mapped again: sorted by a
 * rate, all 200 active torrents are built rows, and only those in view
 * format and lay out their texts every second. */
static void
update_when_mapped (Cell *cell)
{
  if (!gtk_widget_get_mapped (cell->child))
    {
      cell->stale = TRUE;
      return;
    }
  cell->stale = FALSE;
  update (cell);
}

static void
torrent_notify_cb (SpateTorrent *torrent, GParamSpec *pspec, Cell *cell)
{
  update_when_mapped (cell);
}

static void
map_cb (GtkWidget *widget, GtkListItem *item)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "spate-cell");

  if (cell != NULL && cell->stale && cell->torrent != NULL)
    {
      cell->stale = FALSE;
      update (cell);
    }
}

/* ------------------------------------------------------ tooltips, clicks */

/* The name and status cells give their tooltips when asked instead of
 * having them set at every bind: setting one makes GTK ask the X server
 * where the pointer is, a round trip per row whenever rows move. */
static gboolean
query_tooltip_cb (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  GtkListItem *item)
{
  Cell       *cell = g_object_get_data (G_OBJECT (item), "spate-cell");
  const char *text;

  if (cell == NULL || cell->torrent == NULL)
    return FALSE;
  text = cell->kind == CELL_NAME ? spate_torrent_get_name (cell->torrent)
                                 : spate_torrent_get_error (cell->torrent);
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
secondary_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, GtkListItem *item)
{
  GtkWidget   *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  SpateWindow *self = SPATE_WINDOW (gtk_widget_get_root (widget));
  guint        position = gtk_list_item_get_position (item);
  double       vx, vy;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* A click outside the selection acts on that row alone, as in Files. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self->column_view), x, y, &vx, &vy))
    vx = x, vy = y;
  _spate_window_popup_context_menu (self, vx, vy);
}

/* ------------------------------------------------------------ factories */

static void
cell_unbind (Cell *cell)
{
  for (guint i = 0; i < MAX_WATCHED; i++)
    g_clear_signal_handler (&cell->handlers[i], cell->torrent);
  g_clear_object (&cell->torrent);
}

static void
cell_free (Cell *cell)
{
  cell_unbind (cell);
  g_free (cell);
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  Cell       *cell = g_new0 (Cell, 1);
  GtkWidget  *child;
  GtkGesture *click = gtk_gesture_click_new ();

  cell->kind = GPOINTER_TO_UINT (data);
  cell->label = SPATE_CELL_LABEL (spate_cell_label_new ());
  spate_cell_label_set_xalign (cell->label, kinds[cell->kind].xalign);
  spate_cell_label_set_width_chars (cell->label, kinds[cell->kind].width_chars);
  child = GTK_WIDGET (cell->label);

  switch (cell->kind)
    {
    case CELL_NAME:
    case CELL_STATUS:
      spate_cell_label_set_ellipsize (cell->label, TRUE);
      gtk_widget_set_has_tooltip (child, TRUE);
      /* The widget may outlive the list item for a moment: the handlers go
       * with the item. */
      g_signal_connect_object (child, "query-tooltip", G_CALLBACK (query_tooltip_cb), item, 0);
      break;
    case CELL_PROGRESS:
      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      cell->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
      gtk_widget_set_hexpand (GTK_WIDGET (cell->bar), TRUE);
      gtk_widget_set_valign (GTK_WIDGET (cell->bar), GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (child), GTK_WIDGET (cell->bar));
      gtk_widget_add_css_class (GTK_WIDGET (cell->label), "numeric");
      gtk_box_append (GTK_BOX (child), GTK_WIDGET (cell->label));
      break;
    default:
      gtk_widget_add_css_class (child, "numeric");
      break;
    }

  cell->child = child;
  g_signal_connect_object (child, "map", G_CALLBACK (map_cb), item, 0);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (secondary_pressed_cb), item, 0);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, child);
  g_object_set_data_full (G_OBJECT (item), "spate-cell", cell, (GDestroyNotify) cell_free);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "spate-cell");

  cell_unbind (cell);
  cell->torrent = g_object_ref (gtk_list_item_get_item (item));
  for (guint i = 0; i < MAX_WATCHED && kinds[cell->kind].notify[i] != NULL; i++)
    cell->handlers[i] = g_signal_connect (cell->torrent, kinds[cell->kind].notify[i],
                                          G_CALLBACK (torrent_notify_cb), cell);
  update_when_mapped (cell);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  cell_unbind (g_object_get_data (G_OBJECT (item), "spate-cell"));
}

GtkListItemFactory *
_spate_window_cell_factory_new (guint column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_val_if_fail (column < SPATE_WINDOW_N_COLUMNS, factory);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), GUINT_TO_POINTER (column));
  return factory;
}
