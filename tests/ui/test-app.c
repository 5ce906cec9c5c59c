/* test-app.c: the desktop app, driven the way a person uses it.
 *
 * One application for the whole run, as in real life: the cases build on
 * each other (add, watch, filter, remove) and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "spate-add-dialog.h"
#include "spate-add-file.h"
#include "spate-application.h"
#include "spate-cell-label.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-test-notifications.h"
#include "spate-torrent-options.h"
#include "spate-window.h"

static struct
{
  char                   *root;
  char                   *downloads;
  char                   *source;
  char                   *payload;
  char                   *torrent_path;
  GBytes                 *torrent;
  SpateLtSession         *seeder;
  SpateLtTorrent         *seed;
  int                     seeder_port;
  SpateTestNotifications *notifications;
  SpateApplication       *app;
  SpateWindow            *window;
  SpateTorrent           *added;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

static guint
n_torrents (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session ())));
}

/* The window's content stack: the one with an "empty" page. */
static GtkStack *
find_content_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "empty") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_content_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The sidebar's first count: the "All" row's. */
static GtkLabel *
find_count_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "count"))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_count_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
all_count_shows (gpointer text)
{
  return g_str_equal (gtk_label_get_text (find_count_label (GTK_WIDGET (t.window))), text);
}

static gboolean
stack_shows (gpointer page)
{
  GtkStack *stack = find_content_stack (GTK_WIDGET (t.window));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), page) == 0;
}

static gboolean
add_dialog_ready (gpointer dialog)
{
  return spate_add_dialog_get_ready (dialog);
}

static gboolean
add_dialog_fetching (gpointer dialog)
{
  return spate_add_dialog_get_state (dialog) == SPATE_ADD_DIALOG_FETCHING_METADATA;
}

static gboolean
window_gone (gpointer pointer)
{
  GtkWidget **window = pointer;

  return *window == NULL || !gtk_widget_get_visible (*window);
}

/* Windows close themselves (and may be gone) within the call that closes
 * them: watch first, then act, then wait, bounded. */
static void
watch (GtkWidget **slot)
{
  g_object_add_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
}

static gboolean
wait_closed (GtkWidget **slot)
{
  gboolean closed = spate_test_spin_until (window_gone, slot, 5000);

  if (*slot != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  return closed;
}

/* Clicks the button labelled label, as a person would: message dialogs
 * close themselves only on a click, not on adw_message_dialog_response(). */
static void
click_button (GtkWidget *root, const char *label)
{
  GtkWidget *button = spate_test_find_widget (root, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* The libtorrent index of the file whose name is name. */
static int
file_index (SpateAddDialog *dialog, const char *name)
{
  GListModel *files = spate_add_dialog_get_files (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (SpateAddFile) file = g_list_model_get_item (files, i);

      if (g_str_equal (spate_add_file_get_name (file), name))
        return spate_add_file_get_index (file);
    }
  g_assert_not_reached ();
}

/* ------------------------------------------------------------- cases */

static void
test_empty_window (void)
{
  g_autofree char *shot = NULL;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1100, 640);

  g_assert_true (spate_test_spin_until (stack_shows, "empty", 5000));
  g_assert_nonnull (
      spate_test_find_widget (GTK_WIDGET (t.window), ADW_TYPE_STATUS_PAGE, "No Torrents"));
  g_assert_cmpuint (spate_window_get_filter_count (t.window, "all"), ==, 0);
  shot = spate_test_screenshot (GTK_WIDGET (t.window), "window-empty");
}

/* The .torrent reaches the app the way a file manager hands it over. */
static void
test_open_torrent_file (void)
{
  g_autoptr (GFile) file = g_file_new_for_path (t.torrent_path);
  g_autofree char *shot = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *skipped = NULL;
  g_autoptr (GError) error = NULL;
  SpateAddDialog *dialog;
  GtkWidget      *watched;

  g_application_open (G_APPLICATION (t.app), &file, 1, "");
  dialog = SPATE_ADD_DIALOG (spate_test_wait_toplevel (SPATE_TYPE_ADD_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  g_assert_true (spate_test_spin_until (add_dialog_ready, dialog, 10000));
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "payload"));
  /* Nothing starts before the person says so. */
  g_assert_cmpuint (n_torrents (), ==, 0);
  shot = spate_test_screenshot (GTK_WIDGET (dialog), "add-dialog");

  /* Skip one file: only the others may arrive. */
  spate_add_dialog_set_file_wanted (dialog, file_index (dialog, "file-1.bin"), FALSE);
  watched = GTK_WIDGET (dialog);
  watch (&watched);
  g_assert_true (spate_add_dialog_add (dialog, &error));
  g_assert_no_error (error);
  g_assert_true (wait_closed (&watched));

  g_assert_cmpuint (n_torrents (), ==, 1);
  t.added = g_list_model_get_item (G_LIST_MODEL (spate_session_get_torrents (session ())), 0);
  g_assert_true (stack_shows ("list"));
  g_assert_true (spate_torrent_connect_peer (t.added, "127.0.0.1", t.seeder_port, &error));
  g_assert_no_error (error);
}

static gboolean
row_shows_progress (gpointer unused)
{
  GtkWidget *bar = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_PROGRESS_BAR, NULL);

  return bar != NULL && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0.0;
}

static gboolean
notified_finished (gpointer unused)
{
  for (guint i = 0; i < spate_test_notifications_get_count (t.notifications); i++)
    {
      const SpateTestNotification *n = spate_test_notifications_get (t.notifications, i);

      if (g_strcmp0 (n->summary, "Download Finished") == 0 && strstr (n->body, "payload") &&
          spate_test_notification_has_action (n, "open") &&
          spate_test_notification_has_action (n, "open-folder"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
notified_goal (gpointer name)
{
  for (guint i = 0; i < spate_test_notifications_get_count (t.notifications); i++)
    {
      const SpateTestNotification *n = spate_test_notifications_get (t.notifications, i);

      if (g_strcmp0 (n->summary, "Seeding Goal Reached") == 0 && strstr (n->body, name) &&
          strstr (n->body, "seeded for as long as its goal says and was paused"))
        return TRUE;
    }
  return FALSE;
}

static void
test_download_subset (void)
{
  g_autofree char *first = g_build_filename (t.downloads, "payload", "file-0.bin", NULL);
  g_autofree char *second = g_build_filename (t.downloads, "payload", "sub", "file-1.bin", NULL);
  g_autofree char *third = g_build_filename (t.downloads, "payload", "file-2.bin", NULL);
  g_autofree char *source_first = g_build_filename (t.payload, "file-0.bin", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize            a_len, b_len;
  GtkWidget       *label;
  g_autoptr (GtkTooltip) tooltip = NULL;
  gboolean has_tooltip = FALSE;

  /* The row is there, named, with its progress bar moving. */
  label = spate_test_find_widget (GTK_WIDGET (t.window), SPATE_TYPE_CELL_LABEL, "payload");
  g_assert_nonnull (label);
  /* Its tooltip is asked for, not set at every bind. */
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &has_tooltip);
  g_assert_true (has_tooltip);
  g_assert_true (spate_test_spin_until (row_shows_progress, NULL, 30000));

  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, t.added, 60000));
  g_assert_true (g_file_get_contents (first, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (source_first, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
  g_assert_true (g_file_test (third, G_FILE_TEST_EXISTS));
  /* The skipped file was never written. */
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));

  /* A finished download is announced on the desktop. */
  g_assert_true (spate_test_spin_until (notified_finished, NULL, 10000));
}

static gboolean
count_is (gpointer data)
{
  const char *filter = ((const char **) data)[0];
  guint       expected = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return spate_window_get_filter_count (t.window, filter) == expected;
}

static void
test_filters_and_search (void)
{
  GListModel *visible = spate_window_get_visible_torrents (t.window);
  g_autoptr (GError) error = NULL;
  gpointer paused_one[] = { "paused", GUINT_TO_POINTER (1) };
  gpointer completed_one[] = { "completed", GUINT_TO_POINTER (1) };

  g_assert_true (spate_test_spin_until (count_is, completed_one, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  spate_window_set_status_filter (t.window, "downloading");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_true (stack_shows ("no-results"));
  spate_window_set_status_filter (t.window, "completed");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  /* Pausing moves it under Paused once the engine says so. */
  g_assert_true (spate_torrent_pause (t.added, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (count_is, paused_one, 5000));
  spate_window_set_status_filter (t.window, "paused");
  g_assert_true (
      spate_test_spin_until ((SpateTestDoneFunc) g_list_model_get_n_items, visible, 3000));

  spate_window_set_status_filter (t.window, "all");
  spate_window_set_search_text (t.window, "PAYL");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  spate_window_set_search_text (t.window, "nothing like it");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  spate_window_set_search_text (t.window, "");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  g_assert_true (spate_torrent_resume (t.added, FALSE, &error));
}

static GtkColumnViewColumn *
find_column (const char *id)
{
  GtkWidget  *view = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "spate-column-id"), id) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static void
sort_by (const char *id, GtkSortType order)
{
  GtkWidget *view = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), find_column (id), order);
}

static SpateTorrent *
visible_at (guint position)
{
  GListModel   *visible = spate_window_get_visible_torrents (t.window);
  SpateTorrent *torrent = g_list_model_get_item (visible, position);

  g_object_unref (torrent); /* the list keeps it */
  return torrent;
}

static gboolean
torrent_has_status (gpointer torrent)
{
  return spate_torrent_get_wanted_size (torrent) > 0 &&
         spate_torrent_get_queue_position (torrent) >= 0;
}

static gboolean
first_visible_is (gpointer torrent)
{
  return visible_at (0) == torrent;
}

/* Sorting by a column, and a live column's order following the torrents
 * without anything else happening in the window. */
static void
test_sorting (void)
{
  g_autofree char *small_dir = g_build_filename (t.root, "sort-small", NULL);
  g_autofree char *large_dir = g_build_filename (t.root, "sort-large", NULL);
  g_autofree char *small_file = g_build_filename (small_dir, "small.bin", NULL);
  g_autofree char *large_file = g_build_filename (large_dir, "large.bin", NULL);
  g_autoptr (GBytes) small_bytes = NULL, large_bytes = NULL;
  g_autoptr (GError) error = NULL;
  SpateAddOptions options = { .paused = TRUE, .save_path = t.root };
  GListModel     *visible = spate_window_get_visible_torrents (t.window);
  SpateTorrent   *small, *large;

  g_assert_cmpint (g_mkdir_with_parents (small_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (large_dir, 0700), ==, 0);
  spate_test_write_random_file (small_file, 48 * 1024, 11);
  spate_test_write_random_file (large_file, 512 * 1024, 12);
  small_bytes = spate_test_make_torrent (small_file, NULL, NULL, NULL, 16 * 1024);
  large_bytes = spate_test_make_torrent (large_file, NULL, NULL, NULL, 16 * 1024);
  small = spate_session_add_bytes (session (), small_bytes, &options, &error);
  g_assert_no_error (error);
  large = spate_session_add_bytes (session (), large_bytes, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 3);
  g_assert_true (spate_test_spin_until (torrent_has_status, small, 5000));
  g_assert_true (spate_test_spin_until (torrent_has_status, large, 5000));

  /* A fixed column, both ways: the payload (1 MiB and more) is largest. */
  sort_by ("size", GTK_SORT_ASCENDING);
  g_assert_true (visible_at (0) == small);
  g_assert_true (visible_at (1) == large);
  g_assert_true (visible_at (2) == t.added);
  sort_by ("size", GTK_SORT_DESCENDING);
  g_assert_true (visible_at (0) == t.added);
  g_assert_true (visible_at (2) == small);

  /* The order is remembered: a new window sorts the same way. */
  {
    g_autoptr (GSettings) settings = g_settings_new ("io.github.spate.Spate");
    g_autofree char *column = g_settings_get_string (settings, "sort-column");
    SpateWindow     *other;
    GListModel      *other_visible;
    g_autoptr (SpateTorrent) first = NULL;

    g_assert_cmpstr (column, ==, "size");
    g_assert_true (g_settings_get_boolean (settings, "sort-descending"));
    other = spate_window_new (t.app);
    other_visible = spate_window_get_visible_torrents (other);
    g_assert_cmpuint (g_list_model_get_n_items (other_visible), ==, 3);
    first = g_list_model_get_item (other_visible, 0);
    g_assert_true (first == t.added);
    gtk_window_destroy (GTK_WINDOW (other));
  }

  /* A live column: the queue. The finished torrent has no place in it and
   * sorts last; moving the other one to the top reorders the list at the
   * next updates, with nothing downloading. */
  sort_by ("queue-position", GTK_SORT_ASCENDING);
  g_assert_true (visible_at (0) == small);
  g_assert_true (visible_at (1) == large);
  g_assert_true (visible_at (2) == t.added);
  g_assert_true (spate_torrent_queue_move (large, SPATE_QUEUE_TOP, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (first_visible_is, large, 5000));
  g_assert_true (visible_at (1) == small);

  g_assert_true (spate_session_remove (session (), small, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (spate_session_remove (session (), large, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  /* The sidebar counts again within 100 ms, not at the next update. */
  g_assert_true (spate_test_spin_until (all_count_shows, "1", 500));
}

/* Ctrl+V: a .torrent file copied in a file manager, then a magnet link
 * copied as text, each open the add dialog. */
static gboolean
add_dialog_in_state (gpointer data)
{
  SpateAddDialog *dialog = ((gpointer *) data)[0];

  return (int) spate_add_dialog_get_state (dialog) == GPOINTER_TO_INT (((gpointer *) data)[1]);
}

static void
paste_expect_dialog (SpateAddDialogState state, const char *button)
{
  SpateAddDialog *dialog;
  GtkWidget      *watched;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.paste", NULL));
  dialog = SPATE_ADD_DIALOG (spate_test_wait_toplevel (SPATE_TYPE_ADD_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  g_assert_true (spate_test_spin_until (add_dialog_in_state,
                                        (gpointer[]){ dialog, GINT_TO_POINTER (state) }, 10000));
  if (button != NULL)
    g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, button));
  watched = GTK_WIDGET (dialog);
  watch (&watched);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_closed (&watched));
}

static void
test_paste (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (t.window));
  GSList       *files = g_slist_prepend (NULL, g_file_new_for_path (t.torrent_path));
  guint         before = n_torrents ();

  /* The copied file is the torrent already in the list: the dialog says
   * so and offers its trackers to the one there. */
  gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, files);
  g_slist_free_full (files, g_object_unref);
  paste_expect_dialog (SPATE_ADD_DIALOG_DUPLICATE, "_Merge Trackers");

  gdk_clipboard_set_text (clipboard, "magnet:?xt=urn:btih:00112233445566778899aabbccddeeff00112233"
                                     "&dn=pasted-magnet");
  paste_expect_dialog (SPATE_ADD_DIALOG_FETCHING_METADATA, NULL);
  /* Closing the dialogs added nothing. */
  g_assert_cmpuint (n_torrents (), ==, before);
}

static void
test_screenshots_with_torrents (void)
{
  g_autofree char   *light = NULL;
  g_autofree char   *dark = NULL;
  GtkSelectionModel *selection;

  selection = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL)));
  gtk_selection_model_select_item (selection, 0, TRUE);
  light = spate_test_screenshot (GTK_WIDGET (t.window), "window-torrents");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dark = spate_test_screenshot (GTK_WIDGET (t.window), "window-torrents-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A magnet shows the dialog at once and waits for metadata there. */
static void
test_open_magnet (void)
{
  g_autofree char *magnet = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *shot = NULL;
  SpateAddDialog  *dialog;
  GtkWidget       *watched;

  magnet = g_strdup_printf ("magnet:?xt=urn:btih:%s&dn=Nobody%%20Has%%20It",
                            "0123456789abcdef0123456789abcdef01234567");
  file = g_file_new_for_uri (magnet);
  g_application_open (G_APPLICATION (t.app), &file, 1, "");
  dialog = SPATE_ADD_DIALOG (spate_test_wait_toplevel (SPATE_TYPE_ADD_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  g_assert_true (spate_test_spin_until (add_dialog_fetching, dialog, 5000));
  g_assert_false (spate_add_dialog_get_ready (dialog));
  shot = spate_test_screenshot (GTK_WIDGET (dialog), "add-dialog-magnet");

  /* Cancelling leaves nothing behind. */
  watched = GTK_WIDGET (dialog);
  watch (&watched);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_closed (&watched));
  g_assert_cmpuint (n_torrents (), ==, 1);
}

/* `spate magnet:…` from a browser reaches this instance. */
static void
test_second_instance (void)
{
  g_autofree char *magnet = g_strdup_printf ("magnet:?xt=urn:btih:%s&dn=From%%20The%%20Browser",
                                             "89abcdef0123456789abcdef0123456789abcdef");
  const char      *argv[] = { g_getenv ("SPATE_BINARY"), magnet, NULL };
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GError) error = NULL;
  SpateAddDialog *dialog;
  GtkWidget      *watched;

  if (argv[0] == NULL)
    {
      g_test_skip ("SPATE_BINARY is not set; run through meson test");
      return;
    }
  second = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);

  dialog = SPATE_ADD_DIALOG (spate_test_wait_toplevel (SPATE_TYPE_ADD_DIALOG, NULL, 15000));
  g_assert_nonnull (dialog);
  g_assert_nonnull (
      spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "From The Browser"));

  /* The second process handed over and ended; it started no engine. */
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);
  watched = GTK_WIDGET (dialog);
  watch (&watched);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_closed (&watched));
}

/* The options window applies each change to the engine at once. */
static void
test_torrent_options (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *shot = NULL;
  GtkSelectionModel *selection;
  GtkWindow         *options;
  GtkWidget         *spin, *row, *toggle, *watched;
  int                down = 0, up = 0, connections = 0, uploads = 0;

  selection = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL)));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.torrent-options", NULL));
  options = spate_test_wait_toplevel (SPATE_TYPE_TORRENT_OPTIONS, NULL, 5000);
  g_assert_nonnull (options);

  row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "Download Limit");
  spin = spate_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 100);
  row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "Maximum");
  spin = spate_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "quential");
  toggle = spate_test_find_widget (row, GTK_TYPE_SWITCH, NULL);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);

  g_assert_true (spate_torrent_get_limits (t.added, &down, &up, &connections, &uploads, &error));
  g_assert_no_error (error);
  g_assert_cmpint (down, ==, 100 * 1024);
  g_assert_cmpint (connections, ==, 30);
  g_assert_true (spate_torrent_get_flags (t.added) & SPATE_TORRENT_FLAG_SEQUENTIAL);

  /* Seeding goals: the session's by default; a ratio of its own, none
   * for seeding time. The defaults are named. */
  {
    SpateSeedingGoals session_goals = { 2.0, 90, SPATE_GOAL_NONE };
    SpateSeedingGoals goals;
    GtkWidget        *mode;

    spate_session_set_seeding_goals (session (), &session_goals, SPATE_GOAL_ACTION_PAUSE);
    watched = GTK_WIDGET (options);
    watch (&watched);
    gtk_window_close (options);
    g_assert_true (wait_closed (&watched));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.torrent-options", NULL));
    options = spate_test_wait_toplevel (SPATE_TYPE_TORRENT_OPTIONS, NULL, 5000);
    gtk_window_set_default_size (options, 480, 1100);
    g_assert_nonnull (
        spate_test_find_widget (GTK_WIDGET (options), GTK_TYPE_LABEL, "Default: 1 h 30 min"));
    g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (options), GTK_TYPE_LABEL, "is paused"));

    row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "Ratio");
    mode = spate_test_find_widget (row, GTK_TYPE_DROP_DOWN, NULL);
    spin = spate_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
    g_assert_false (gtk_widget_get_visible (spin));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (mode), 2);
    g_assert_true (gtk_widget_get_visible (spin));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1.5);
    row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "Seeding for");
    mode = spate_test_find_widget (row, GTK_TYPE_DROP_DOWN, NULL);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (mode), 1);
    row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "Idle for");
    mode = spate_test_find_widget (row, GTK_TYPE_DROP_DOWN, NULL);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (mode), 2);
    spin = spate_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 240);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "In minutes · Default: none");

    spate_torrent_get_seeding_goals (t.added, &goals);
    g_assert_cmpfloat (goals.ratio, ==, 1.5);
    g_assert_cmpint (goals.seeding_minutes, ==, SPATE_GOAL_NONE);
    g_assert_cmpint (goals.inactive_minutes, ==, 240);
    shot = spate_test_screenshot (GTK_WIDGET (options), "torrent-options");

    row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "quential");
    toggle = spate_test_find_widget (row, GTK_TYPE_SWITCH, NULL);
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

    /* Back to the defaults, for the cases after this one. */
    session_goals = (SpateSeedingGoals){ SPATE_GOAL_NONE, SPATE_GOAL_NONE, SPATE_GOAL_NONE };
    spate_session_set_seeding_goals (session (), &session_goals, SPATE_GOAL_ACTION_PAUSE);
    goals = (SpateSeedingGoals){ SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL };
    spate_torrent_set_seeding_goals (t.added, &goals);
  }

  /* Back to no limit, and in piece order no more. */
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  row = spate_test_find_widget (GTK_WIDGET (options), ADW_TYPE_ACTION_ROW, "Download Limit");
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (spate_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL)), 0);
  g_assert_true (spate_torrent_get_limits (t.added, &down, &up, &connections, &uploads, &error));
  g_assert_cmpint (down, ==, 0);
  g_assert_false (spate_torrent_get_flags (t.added) & SPATE_TORRENT_FLAG_SEQUENTIAL);

  watched = GTK_WIDGET (options);
  watch (&watched);
  gtk_window_close (options);
  g_assert_true (wait_closed (&watched));
}

static gboolean
is_seeding (gpointer torrent)
{
  return spate_torrent_get_state (torrent) == SPATE_TORRENT_STATE_SEEDING;
}

/* Closing the window while seeding asks; "Keep Running" hides it and the
 * engine goes on; activating shows it again. */
static void
test_close_to_background (void)
{
  static const gsize sizes[] = { 100000 };
  g_autofree char   *dir = g_build_filename (t.root, "other", NULL);
  g_autofree char   *payload = NULL;
  g_autoptr (GBytes) torrent = NULL;
  SpateAddOptions options = { .save_path = dir, .seed_mode = TRUE };
  g_autoptr (GError) error = NULL;
  g_autofree char  *shot = NULL;
  SpateTorrent     *seeding;
  AdwMessageDialog *ask;

  /* A complete torrent of its own: seeding keeps the app busy. */
  g_mkdir_with_parents (dir, 0755);
  payload = spate_test_make_payload (dir, "other", sizes, G_N_ELEMENTS (sizes), 11);
  torrent = spate_test_make_torrent (payload, NULL, NULL, NULL, 16384);
  seeding = spate_session_add_bytes (session (), torrent, &options, &error);
  g_assert_no_error (error);
  g_object_ref (seeding);
  g_assert_true (spate_test_spin_until (is_seeding, seeding, 10000));

  gtk_window_close (GTK_WINDOW (t.window));
  ask = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, "Keep Running in the Background?");
  shot = spate_test_screenshot (GTK_WIDGET (ask), "background-dialog");
  click_button (GTK_WIDGET (ask), "Keep Running");
  g_assert_true (spate_test_spin_until (window_gone, &t.window, 5000));

  /* Still running: the torrent still seeds, the window comes back. */
  spate_test_spin_for (500);
  g_assert_cmpint (spate_torrent_get_state (seeding), ==, SPATE_TORRENT_STATE_SEEDING);
  g_application_activate (G_APPLICATION (t.app));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (t.window)));

  /* A seeding-time goal of 0 pauses it at the next check and says so. */
  {
    SpateSeedingGoals goals = { SPATE_GOAL_NONE, 0, SPATE_GOAL_NONE };

    spate_session_set_seeding_goals (session (), &goals, SPATE_GOAL_ACTION_PAUSE);
    g_assert_true (spate_test_spin_until (notified_goal, "other", 15000));
    g_assert_true (spate_torrent_get_flags (seeding) & SPATE_TORRENT_FLAG_PAUSED);
    goals.seeding_minutes = SPATE_GOAL_NONE;
    spate_session_set_seeding_goals (session (), &goals, SPATE_GOAL_ACTION_PAUSE);
  }

  g_assert_true (spate_session_remove (session (), seeding, FALSE, &error));
  g_assert_no_error (error);
  g_object_unref (seeding);
  g_assert_true (g_file_test (payload, G_FILE_TEST_IS_DIR));
}

static gboolean
torrent_list_empty (gpointer unused)
{
  return n_torrents () == 0;
}

static void
test_remove_with_files (void)
{
  g_autofree char   *folder = g_build_filename (t.downloads, "payload", NULL);
  GtkSelectionModel *selection;
  AdwMessageDialog  *confirm;
  GtkWidget         *delete_files;
  GtkWidget         *menu;
  g_autofree char   *shot = NULL;

  selection = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL)));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* The torrent menu, as the menu key opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.context-menu", NULL));
  menu = spate_test_find_widget (
      spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL),
      GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (menu);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, menu, 3000));
  shot = spate_test_screenshot (menu, "torrent-menu");
  gtk_popover_popdown (GTK_POPOVER (menu));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.remove", NULL));
  confirm = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (confirm);
  delete_files = adw_message_dialog_get_extra_child (confirm);
  g_assert_true (GTK_IS_CHECK_BUTTON (delete_files));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (delete_files)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (delete_files), TRUE);
  g_clear_pointer (&shot, g_free);
  shot = spate_test_screenshot (GTK_WIDGET (confirm), "remove-dialog");
  click_button (GTK_WIDGET (confirm), "Remove");

  g_assert_true (spate_test_spin_until (torrent_list_empty, NULL, 5000));
  g_clear_object (&t.added);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) stack_shows, "empty", 5000));
  /* libtorrent deletes from its disk thread; wait for it, bounded. */
  for (guint i = 0; i < 50 && g_file_test (folder, G_FILE_TEST_EXISTS); i++)
    spate_test_spin_for (100);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------ set-up */

static void
set_up (void)
{
  static const gsize sizes[] = { 300000, 200000, 500000 };
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;

  t.downloads = g_build_filename (t.root, "downloads", NULL);
  t.source = g_build_filename (t.root, "source", NULL);
  t.torrent_path = g_build_filename (t.root, "payload.torrent", NULL);
  g_mkdir_with_parents (t.downloads, 0755);
  g_mkdir_with_parents (t.source, 0755);
  t.payload = spate_test_make_payload (t.source, "payload", sizes, G_N_ELEMENTS (sizes), 7);
  t.torrent = spate_test_make_torrent (t.payload, t.torrent_path, NULL, NULL, 16384);

  t.seeder = spate_test_session_new (0, NULL);
  t.seed = spate_test_add_torrent (t.seeder, t.torrent, t.source, NULL);
  g_assert_true (spate_test_wait_seeding (t.seeder, t.seed, 30000));
  t.seeder_port = spate_test_session_get_port (t.seeder);

  /* The app's own settings: loopback only, downloads in the test folder. */
  settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (settings, "download-dir", t.downloads);
  g_settings_set_value (settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));

  t.notifications = spate_test_notifications_new (NULL, &error);
  g_assert_no_error (error);

  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (t.app)));
  g_assert_nonnull (session ());
}

static void
tear_down (void)
{
  g_clear_object (&t.added);
  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
  /* What quitting does: shutdown closes the engine, saving. */
  g_application_quit (G_APPLICATION (t.app));
  g_clear_object (&t.app);
  spate_test_notifications_free (t.notifications);
  g_clear_pointer (&t.seed, spate_lt_torrent_free);
  g_clear_pointer (&t.seeder, spate_lt_session_free);
  g_clear_pointer (&t.torrent, g_bytes_unref);
  spate_test_rm_rf (t.root);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/spate/app/empty-window", test_empty_window);
  g_test_add_func ("/spate/app/open-torrent-file", test_open_torrent_file);
  g_test_add_func ("/spate/app/download-subset", test_download_subset);
  g_test_add_func ("/spate/app/filters-and-search", test_filters_and_search);
  g_test_add_func ("/spate/app/sorting", test_sorting);
  g_test_add_func ("/spate/app/paste", test_paste);
  g_test_add_func ("/spate/app/screenshots", test_screenshots_with_torrents);
  g_test_add_func ("/spate/app/open-magnet", test_open_magnet);
  g_test_add_func ("/spate/app/second-instance", test_second_instance);
  g_test_add_func ("/spate/app/torrent-options", test_torrent_options);
  g_test_add_func ("/spate/app/close-to-background", test_close_to_background);
  g_test_add_func ("/spate/app/remove-with-files", test_remove_with_files);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
