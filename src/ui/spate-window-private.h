/* spate-window-private.h: what the window's facet files share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "details/spate-details-pane.h"
#include "spate-window.h"
#include "spate-sort-model.h"

G_BEGIN_DECLS

typedef enum
{
  SPATE_FILTER_ALL,
  SPATE_FILTER_DOWNLOADING,
  SPATE_FILTER_SEEDING,
  SPATE_FILTER_COMPLETED,
  SPATE_FILTER_PAUSED,
  SPATE_FILTER_ACTIVE,
  SPATE_FILTER_INACTIVE,
  SPATE_FILTER_CHECKING,
  SPATE_FILTER_ERROR,
  SPATE_N_FILTERS
} SpateFilter;

struct _SpateWindow
{
  AdwApplicationWindow parent_instance;

  SpateApplication *application;
  SpateSession     *session;
  GSettings        *settings;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  GtkListBox       *filter_list;
  GtkStack         *content_stack;
  SpateDetailsPane *details_pane;
  GtkSpinner       *loading_spinner;
  GtkColumnView    *column_view;
  GtkPopoverMenu   *context_menu;
  GtkLabel         *download_label;
  GtkLabel         *upload_label;
  GtkLabel         *dht_label;
  GtkLabel         *paused_label;
  GtkLabel         *free_space_label;
  GMenu            *columns_section;
  GMenu            *columns_header_section;

  /* The list: torrents → filter → sort → selection */
  GtkCustomFilter    *status_filter;
  GtkStringFilter    *search_filter;
  GtkFilterListModel *filter_model;
  SpateSortModel     *sort_model;
  gboolean            sort_from_environment; /* the benchmark's: not remembered */
  GtkMultiSelection  *selection;
  SpateFilter         filter;
  GtkLabel           *count_labels[SPATE_N_FILTERS];
  guint               counts[SPATE_N_FILTERS];
  guint               recount_id; /* counting again after torrents came or went */

  gboolean      sequential;
  guint         tick_id;
  guint         ticks;
  GCancellable *cancellable;
};

/* spate-window.c */
void  _spate_window_show_add_dialog (SpateWindow *self, const char *uri);
guint _spate_window_open_text (SpateWindow *self, const char *text);

/* spate-window-list.c */
void _spate_window_list_init (SpateWindow *self);
void _spate_window_list_dispose (SpateWindow *self);
void _spate_window_list_tick (SpateWindow *self);

/* The list's columns, in template order, by the id hidden-columns uses. */
#define SPATE_WINDOW_N_COLUMNS 11
extern const char * const _spate_window_columns[SPATE_WINDOW_N_COLUMNS];
GtkColumnViewColumn      *_spate_window_get_column (SpateWindow *self, guint i);
GtkListItemFactory       *_spate_window_cell_factory_new (guint column);

/* spate-window-sort.c */
void        _spate_window_sort_init (SpateWindow *self);
void        _spate_window_sort_tick (SpateWindow *self);
void        _spate_window_popup_context_menu (SpateWindow *self, double x, double y);
const char *_spate_filter_to_string (SpateFilter filter);
const char *_spate_state_to_string (SpateTorrentState state);
char       *_spate_format_duration (gint64 seconds);
gboolean    _spate_filter_from_string (const char *name, SpateFilter *filter);
void        _spate_window_list_class_init (GtkWidgetClass *widget_class);

/* spate-window-actions.c */
void       _spate_window_actions_class_init (GtkWidgetClass *widget_class);
void       _spate_window_actions_init (SpateWindow *self);
void       _spate_window_update_actions (SpateWindow *self);
GPtrArray *_spate_window_get_selected (SpateWindow *self);
void       _spate_window_set_sequential (SpateWindow *self, gboolean sequential);

G_END_DECLS
