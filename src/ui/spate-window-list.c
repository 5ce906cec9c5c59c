/* spate-window-list.c: the torrent list: filters, counts, sorting, columns.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-window-private.h"

#include <glib/gi18n.h>

#include "spate-profiler.h"

static const struct
{
  const char *id;
  const char *title;
} filters[SPATE_N_FILTERS] = {
  [SPATE_FILTER_ALL] = { "all", N_ ("All") },
  [SPATE_FILTER_DOWNLOADING] = { "downloading", N_ ("Downloading") },
  [SPATE_FILTER_SEEDING] = { "seeding", N_ ("Seeding") },
  [SPATE_FILTER_COMPLETED] = { "completed", N_ ("Completed") },
  [SPATE_FILTER_PAUSED] = { "paused", N_ ("Paused") },
  [SPATE_FILTER_ACTIVE] = { "active", N_ ("Active") },
  [SPATE_FILTER_INACTIVE] = { "inactive", N_ ("Inactive") },
  [SPATE_FILTER_CHECKING] = { "checking", N_ ("Checking") },
  [SPATE_FILTER_ERROR] = { "error", N_ ("Error") },
};

/* The columns in template order, by the id the hidden-columns key uses. */
const char * const _spate_window_columns[SPATE_WINDOW_N_COLUMNS] = {
  "name", "size",  "progress", "status",   "download-rate",  "upload-rate",
  "eta",  "peers", "ratio",    "added-on", "queue-position",
};

const char *
_spate_filter_to_string (SpateFilter filter)
{
  g_return_val_if_fail (filter < SPATE_N_FILTERS, NULL);
  return filters[filter].id;
}

gboolean
_spate_filter_from_string (const char *name, SpateFilter *filter)
{
  for (guint i = 0; i < SPATE_N_FILTERS; i++)
    {
      if (g_strcmp0 (filters[i].id, name) == 0)
        {
          *filter = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The filters a torrent is in, one bit each, reading each of its values
 * once: the counts ask this of every torrent at every update. */
static guint
torrent_filters (SpateTorrent *torrent)
{
  SpateTorrentState state = spate_torrent_get_state (torrent);
  gboolean          finished = spate_torrent_get_is_finished (torrent);
  gboolean          active =
      spate_torrent_get_download_rate (torrent) > 0 || spate_torrent_get_upload_rate (torrent) > 0;
  guint mask = 1u << SPATE_FILTER_ALL;

  switch (state)
    {
    case SPATE_TORRENT_STATE_DOWNLOADING:
    case SPATE_TORRENT_STATE_DOWNLOADING_METADATA:
      mask |= 1u << SPATE_FILTER_DOWNLOADING;
      break;
    case SPATE_TORRENT_STATE_QUEUED:
      mask |= 1u << (finished ? SPATE_FILTER_SEEDING : SPATE_FILTER_DOWNLOADING);
      break;
    case SPATE_TORRENT_STATE_SEEDING:
      mask |= 1u << SPATE_FILTER_SEEDING;
      break;
    case SPATE_TORRENT_STATE_PAUSED:
      mask |= 1u << SPATE_FILTER_PAUSED;
      break;
    case SPATE_TORRENT_STATE_CHECKING:
      mask |= 1u << SPATE_FILTER_CHECKING;
      break;
    case SPATE_TORRENT_STATE_ERROR:
      mask |= 1u << SPATE_FILTER_ERROR;
      break;
    default:
      break;
    }
  if (finished)
    mask |= 1u << SPATE_FILTER_COMPLETED;
  mask |= 1u << (active ? SPATE_FILTER_ACTIVE : SPATE_FILTER_INACTIVE);
  return mask;
}

static gboolean
torrent_matches (SpateTorrent *torrent, SpateFilter filter)
{
  g_assert (filter < SPATE_N_FILTERS);
  return (torrent_filters (torrent) & (1u << filter)) != 0;
}

static gboolean
status_filter_func (gpointer item, gpointer user_data)
{
  SpateWindow *self = user_data;

  return torrent_matches (item, self->filter);
}

/* ------------------------------------------------------------ counts */

static void
update_counts (SpateWindow *self)
{
  SpateTorrentList *torrents = spate_session_get_torrents (self->session);
  guint             n = g_list_model_get_n_items (G_LIST_MODEL (torrents));
  guint             counts[SPATE_N_FILTERS] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      guint mask = torrent_filters (spate_torrent_list_peek (torrents, i));

      for (guint f = 0; f < SPATE_N_FILTERS; f++)
        counts[f] += (mask >> f) & 1;
    }

  for (guint f = 0; f < SPATE_N_FILTERS; f++)
    {
      char text[16];

      if (counts[f] == self->counts[f] && self->ticks > 0)
        continue;
      self->counts[f] = counts[f];
      g_snprintf (text, sizeof text, "%u", counts[f]);
      gtk_label_set_text (self->count_labels[f], text);
    }
}

guint
spate_window_get_filter_count (SpateWindow *self, const char *filter)
{
  SpateFilter f;

  g_return_val_if_fail (SPATE_IS_WINDOW (self), 0);
  if (!_spate_filter_from_string (filter, &f))
    g_return_val_if_reached (0);
  update_counts (self);
  return self->counts[f];
}

static void
update_content_page (SpateWindow *self)
{
  GListModel *torrents = G_LIST_MODEL (spate_session_get_torrents (self->session));
  const char *page = "list";

  if (g_list_model_get_n_items (torrents) == 0)
    page = spate_session_get_restoring (self->session) ? "loading" : "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-results";
  gtk_stack_set_visible_child_name (self->content_stack, page);
  /* A spinning spinner redraws the window every frame, hidden or not. */
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

/* The counts follow the 1 Hz update, and torrents that come or go within
 * 100 ms of it: adding 10,000 at start counts them ten times a second, not
 * 10,000 times. */
#define RECOUNT_DELAY_MS 100

static gboolean
recount_cb (gpointer data)
{
  SpateWindow *self = data;

  self->recount_id = 0;
  update_counts (self);
  return G_SOURCE_REMOVE;
}

static void
torrents_changed_cb (SpateWindow *self)
{
  if (self->recount_id == 0)
    self->recount_id = g_timeout_add (RECOUNT_DELAY_MS, recount_cb, self);
}

static void
filter_items_changed_cb (SpateWindow *self)
{
  update_content_page (self);
  _spate_window_update_actions (self);
}

/* ----------------------------------------------------- filter sidebar */

static GtkWidget *
create_filter_row (SpateWindow *self, SpateFilter filter)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_ (filters[filter].title));
  GtkWidget *count = gtk_label_new ("0");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (count, "count");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "spate-filter", GUINT_TO_POINTER (filter));
  self->count_labels[filter] = GTK_LABEL (count);
  return row;
}

static void
set_filter (SpateWindow *self, SpateFilter filter)
{
  if (self->filter == filter)
    return;
  self->filter = filter;
  g_settings_set_string (self->settings, "status-filter", filters[filter].id);
  gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
filter_row_selected_cb (SpateWindow *self, GtkListBoxRow *row)
{
  if (row != NULL)
    set_filter (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "spate-filter")));
}

void
spate_window_set_status_filter (SpateWindow *self, const char *name)
{
  SpateFilter filter;

  g_return_if_fail (SPATE_IS_WINDOW (self));
  if (!_spate_filter_from_string (name, &filter))
    g_return_if_reached ();
  gtk_list_box_select_row (self->filter_list,
                           gtk_list_box_get_row_at_index (self->filter_list, filter));
}

/* ------------------------------------------------------------- search */

static void
search_changed_cb (SpateWindow *self, GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->search_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (SpateWindow *self, GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
spate_window_set_search_text (SpateWindow *self, const char *text)
{
  g_return_if_fail (SPATE_IS_WINDOW (self));
  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Apply now rather than after the entry's delay. */
  gtk_string_filter_set_search (self->search_filter, text);
}

GListModel *
spate_window_get_visible_torrents (SpateWindow *self)
{
  g_return_val_if_fail (SPATE_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

/* ------------------------------------------------------------ columns */

GtkColumnViewColumn *
_spate_window_get_column (SpateWindow *self, guint i)
{
  GListModel *model = gtk_column_view_get_columns (self->column_view);

  /* Columns keep their template order until a person drags them. */
  for (guint j = 0; j < g_list_model_get_n_items (model); j++)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (model, j);

      /* The model keeps it alive. */
      if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "spate-column-id"),
                     _spate_window_columns[i]) == 0)
        return c;
    }
  return NULL;
}

static void
save_hidden_columns (SpateWindow *self)
{
  g_autoptr (GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;

  for (guint i = 0; i < SPATE_WINDOW_N_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = _spate_window_get_column (self, i);

      if (!gtk_column_view_column_get_visible (column))
        g_strv_builder_add (hidden, _spate_window_columns[i]);
    }
  strv = g_strv_builder_end (hidden);
  g_settings_set_strv (self->settings, "hidden-columns", (const char * const *) strv);
}

static void
init_columns (SpateWindow *self)
{
  GListModel *model = gtk_column_view_get_columns (self->column_view);
  g_auto (GStrv) hidden = g_settings_get_strv (self->settings, "hidden-columns");

  g_assert (g_list_model_get_n_items (model) == SPATE_WINDOW_N_COLUMNS);
  for (guint i = 0; i < SPATE_WINDOW_N_COLUMNS; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (model, i);
      g_autoptr (GAction) action = NULL;
      g_autofree char *name = g_strconcat ("show-column-", _spate_window_columns[i], NULL);
      g_autofree char *detailed = g_strconcat ("win.", name, NULL);
      g_autoptr (GMenuItem) item = NULL;
      g_autoptr (GtkListItemFactory) factory = NULL;

      g_object_set_data (G_OBJECT (column), "spate-column-id", (gpointer) _spate_window_columns[i]);
      factory = _spate_window_cell_factory_new (i);
      gtk_column_view_column_set_factory (column, factory);
      gtk_column_view_column_set_visible (
          column, !g_strv_contains ((const char * const *) hidden, _spate_window_columns[i]));
      g_signal_connect_object (column, "notify::visible", G_CALLBACK (save_hidden_columns), self,
                               G_CONNECT_SWAPPED);

      /* The name column stays: a row without one means nothing. */
      if (i == 0)
        continue;
      action = G_ACTION (g_property_action_new (name, column, "visible"));
      g_action_map_add_action (G_ACTION_MAP (self), action);
      item = g_menu_item_new (gtk_column_view_column_get_title (column), detailed);
      g_menu_append_item (self->columns_section, item);
      g_menu_append_item (self->columns_header_section, item);
    }
}

/* --------------------------------------------------------- context menu */

void
_spate_window_popup_context_menu (SpateWindow *self, double x, double y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (gtk_widget_get_parent (GTK_WIDGET (self->context_menu)) == NULL)
    gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self->column_view));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
list_secondary_pressed_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           SpateWindow     *self)
{
  if (gtk_bitset_is_empty (
          gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection))))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _spate_window_popup_context_menu (self, x, y);
}

static void
row_activated_cb (SpateWindow *self, guint position)
{
  /* Enter or a double click opens the download's folder. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-folder", NULL);
}

/* ------------------------------------------------------------- texts */

char *
_spate_format_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60, hours = minutes / 60, days = hours / 24;

  if (seconds < 60)
    /* Translators: a time left, in seconds */
    return g_strdup_printf (_ ("%d s"), (int) seconds);
  if (minutes < 60)
    return g_strdup_printf (_ ("%d min"), (int) minutes);
  if (hours < 24)
    /* Translators: a time left, "3 h 25 min" */
    return g_strdup_printf (_ ("%d h %d min"), (int) hours, (int) (minutes % 60));
  if (days < 100)
    return g_strdup_printf (_ ("%d d %d h"), (int) days, (int) (hours % 24));
  return g_strdup ("∞");
}

const char *
_spate_state_to_string (SpateTorrentState state)
{
  switch (state)
    {
    case SPATE_TORRENT_STATE_CHECKING:
      return _ ("Checking");
    case SPATE_TORRENT_STATE_DOWNLOADING_METADATA:
      return _ ("Fetching metadata");
    case SPATE_TORRENT_STATE_DOWNLOADING:
      return _ ("Downloading");
    case SPATE_TORRENT_STATE_SEEDING:
      return _ ("Seeding");
    case SPATE_TORRENT_STATE_COMPLETED:
      return _ ("Completed");
    case SPATE_TORRENT_STATE_PAUSED:
      return _ ("Paused");
    case SPATE_TORRENT_STATE_QUEUED:
      return _ ("Queued");
    case SPATE_TORRENT_STATE_MOVING:
      return _ ("Moving");
    case SPATE_TORRENT_STATE_ERROR:
      return _ ("Error");
    default:
      return "";
    }
}

/* ------------------------------------------------------------ updates */

void
_spate_window_list_tick (SpateWindow *self)
{
  update_counts (self);

  /* Rows update themselves through notify; order and membership do not. */
  if (self->filter != SPATE_FILTER_ALL)
    gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
  _spate_window_sort_tick (self);
}

void
_spate_window_list_init (SpateWindow *self)
{
  GListModel      *torrents = G_LIST_MODEL (spate_session_get_torrents (self->session));
  g_autofree char *filter_name = g_settings_get_string (self->settings, "status-filter");
  GtkExpression   *name = gtk_property_expression_new (SPATE_TYPE_TORRENT, NULL, "name");
  GtkEveryFilter  *every = gtk_every_filter_new ();
  SpateFilter      filter = SPATE_FILTER_ALL;

  _spate_filter_from_string (filter_name, &filter);
  self->filter = filter;

  self->status_filter = gtk_custom_filter_new (status_filter_func, self, NULL);
  self->search_filter = gtk_string_filter_new (name);
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                           g_object_ref (GTK_FILTER (self->status_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                           g_object_ref (GTK_FILTER (self->search_filter)));

  self->filter_model = gtk_filter_list_model_new (g_object_ref (torrents), GTK_FILTER (every));
  self->sort_model = spate_sort_model_new (G_LIST_MODEL (self->filter_model),
                                           gtk_column_view_get_sorter (self->column_view));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  for (guint f = 0; f < SPATE_N_FILTERS; f++)
    gtk_list_box_append (self->filter_list, create_filter_row (self, f));
  gtk_list_box_select_row (self->filter_list,
                           gtk_list_box_get_row_at_index (self->filter_list, filter));

  init_columns (self);
  update_counts (self);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (torrents, "items-changed", G_CALLBACK (torrents_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::restoring", G_CALLBACK (update_content_page),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (_spate_window_update_actions), self, G_CONNECT_SWAPPED);
  update_content_page (self);
  spate_profiler_watch_window (GTK_WIDGET (self), G_LIST_MODEL (self->sort_model),
                               G_OBJECT (self->session));
  _spate_window_sort_init (self);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

void
_spate_window_list_dispose (SpateWindow *self)
{
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->context_menu != NULL && gtk_widget_get_parent (GTK_WIDGET (self->context_menu)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  g_clear_handle_id (&self->recount_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->search_filter);
}

void
_spate_window_list_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, filter_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_secondary_pressed_cb);
}
