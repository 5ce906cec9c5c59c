/* test-details-files.c: the Files page, driven the way a person uses it.
 *
 * One application for the whole run; the cases build on each other
 * (show, skip a file, download, rename) and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "details/spate-details-pane.h"
#include "details/spate-files-page.h"
#include "spate-application.h"
#include "spate-test-app.h"
#include "spate-test-details.h"
#include "spate-test-engine.h"
#include "spate-window.h"

static struct
{
  SpateTestDetails d;
  SpateWindow     *window;
  SpateTorrent    *added;
  SpateFilesPage  *page;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.d.app);
}

/* A descendant of root of type whose tooltip is tooltip, or NULL. */
static GtkWidget *
find_by_tooltip (GtkWidget *root, GType type, const char *tooltip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, type, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The position of the row showing the file or folder called name, or -1. */
static int
row_position (const char *name)
{
  GListModel *rows = spate_files_page_get_rows (t.page);

  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (SpateTorrentFile) node = gtk_tree_list_row_get_item (row);

      if (g_str_equal (spate_torrent_file_get_name (node), name))
        return (int) i;
    }
  return -1;
}

static SpateTorrentFile *
row_node (const char *name)
{
  int position = row_position (name);
  g_autoptr (GtkTreeListRow) row = NULL;

  g_assert_cmpint (position, >=, 0);
  row = g_list_model_get_item (spate_files_page_get_rows (t.page), (guint) position);
  return gtk_tree_list_row_get_item (row);
}

static gboolean
row_shown (gpointer name)
{
  return row_position (name) >= 0;
}

static gboolean
widget_shown (gpointer tooltip)
{
  GtkWidget *widget = find_by_tooltip (GTK_WIDGET (t.page), GTK_TYPE_WIDGET, tooltip);

  return widget != NULL && gtk_widget_get_mapped (widget);
}

static gboolean
check_skipped (gpointer tooltip)
{
  GtkWidget *check = find_by_tooltip (GTK_WIDGET (t.page), GTK_TYPE_CHECK_BUTTON, tooltip);

  return check != NULL && !gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
}

static gboolean
check_mixed (gpointer tooltip)
{
  GtkWidget *check = find_by_tooltip (GTK_WIDGET (t.page), GTK_TYPE_CHECK_BUTTON, tooltip);

  return check != NULL && gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (check));
}

/* libtorrent takes priorities on its own thread: ask until it has them. */
static gboolean
engine_skips (gpointer node)
{
  g_autoptr (GBytes) priorities = spate_torrent_get_file_priorities (t.added, NULL);
  int index = spate_torrent_file_get_index (node);

  return priorities != NULL && index >= 0 && (gsize) index < g_bytes_get_size (priorities) &&
         ((const guint8 *) g_bytes_get_data (priorities, NULL))[index] == SPATE_PRIORITY_SKIP;
}

static gboolean
files_equal (const char *a, const char *b)
{
  g_autofree char *x = NULL, *y = NULL;
  gsize            x_len, y_len;

  return g_file_get_contents (a, &x, &x_len, NULL) && g_file_get_contents (b, &y, &y_len, NULL) &&
         x_len == y_len && memcmp (x, y, x_len) == 0;
}

static gboolean
pane_has_torrent (gpointer pane)
{
  return spate_details_pane_get_torrent (pane) != NULL;
}

/* ------------------------------------------------------------- cases */

static void
test_show_files (void)
{
  g_autoptr (GError) error = NULL;
  SpateAddOptions    options = { .paused = TRUE };
  GtkSelectionModel *torrents;
  GtkWidget         *pane;

  g_application_activate (G_APPLICATION (t.d.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1100, 760);

  /* Added stopped: nothing moves before the file is skipped. */
  t.added = g_object_ref (spate_session_add_bytes (session (), t.d.torrent, &options, &error));
  g_assert_no_error (error);

  torrents = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL)));
  gtk_selection_model_select_item (torrents, 0, TRUE);
  pane = spate_test_find_widget (GTK_WIDGET (t.window), SPATE_TYPE_DETAILS_PANE, NULL);
  g_assert_nonnull (pane);
  g_assert_true (spate_test_spin_until (pane_has_torrent, pane, 5000));
  t.page = SPATE_FILES_PAGE (spate_test_find_widget (pane, SPATE_TYPE_FILES_PAGE, NULL));
  g_assert_nonnull (t.page);
  /* Nothing held while another page shows. */
  spate_details_pane_set_page (SPATE_DETAILS_PANE (pane), "files");
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, t.page, 5000));
  g_assert_true (spate_files_page_get_torrent (t.page) == t.added);

  /* The single root folder opens by itself; "sub" stays closed. */
  g_assert_true (spate_test_spin_until (row_shown, "file-2.bin", 10000));
  g_assert_true (row_shown ("payload"));
  g_assert_true (row_shown ("sub"));
  g_assert_false (row_shown ("file-1.bin"));
  g_assert_true (spate_test_spin_until (widget_shown, "Priority of file-2.bin", 5000));
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (t.page), GTK_TYPE_LABEL, "file-0.bin"));
}

static void
test_skip_file (void)
{
  g_autoptr (SpateTorrentFile) node = row_node ("file-2.bin");
  GtkWidget *dropdown;

  dropdown = find_by_tooltip (GTK_WIDGET (t.page), GTK_TYPE_DROP_DOWN, "Priority of file-2.bin");
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 2); /* Normal */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);                        /* Skip */

  /* It reached the engine, and the checks follow: the file's off, its
   * folder half on. */
  g_assert_true (spate_test_spin_until (engine_skips, node, 5000));
  g_assert_true (spate_test_spin_until (check_skipped, "Download file-2.bin", 5000));
  g_assert_true (spate_test_spin_until (check_mixed, "Download payload", 5000));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
}

static void
test_download (void)
{
  g_autofree char *got = g_build_filename (t.d.downloads, "payload", NULL);
  g_autoptr (GError) error = NULL;
  const char * const wanted[] = { "file-0.bin", "sub/file-1.bin" };
  g_autofree char   *skipped = g_build_filename (got, "file-2.bin", NULL);
  g_autofree char   *skipped_source = g_build_filename (t.d.payload, "file-2.bin", NULL);
  g_autofree char   *light = NULL, *dark = NULL;

  g_assert_true (spate_torrent_resume (t.added, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (spate_torrent_connect_peer (t.added, "127.0.0.1", t.d.seeder_port, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, t.added, 60000));

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autofree char *a = g_build_filename (got, wanted[i], NULL);
      g_autofree char *b = g_build_filename (t.d.payload, wanted[i], NULL);

      g_assert_true (files_equal (a, b));
    }
  /* The skipped file was never completed. */
  g_assert_false (files_equal (skipped, skipped_source));

  /* Let the progress bars and piece strips catch up, then look. */
  spate_test_spin_for (2500);
  light = spate_test_screenshot (GTK_WIDGET (t.window), "details-files");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dark = spate_test_screenshot (GTK_WIDGET (t.window), "details-files-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
error_shown (gpointer dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *entry = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (entry);

  return gtk_widget_get_visible (label) && *gtk_label_get_label (GTK_LABEL (label)) != '\0';
}

static gboolean
renamed_on_disk (gpointer unused)
{
  g_autofree char *renamed = g_build_filename (t.d.downloads, "payload", "renamed.bin", NULL);
  g_autofree char *old = g_build_filename (t.d.downloads, "payload", "file-0.bin", NULL);

  return g_file_test (renamed, G_FILE_TEST_EXISTS) && !g_file_test (old, G_FILE_TEST_EXISTS);
}

static void
test_rename (void)
{
  g_autofree char   *renamed = g_build_filename (t.d.downloads, "payload", "renamed.bin", NULL);
  g_autofree char   *source = g_build_filename (t.d.payload, "file-0.bin", NULL);
  g_autofree char   *shot = NULL;
  GtkSelectionModel *selection = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (spate_test_find_widget (GTK_WIDGET (t.page), GTK_TYPE_COLUMN_VIEW, NULL)));
  AdwMessageDialog *dialog;
  GtkWidget        *entry, *label, *rename;

  /* Folders cannot be renamed here; files can. */
  rename = find_by_tooltip (GTK_WIDGET (t.page), GTK_TYPE_BUTTON, "Rename");
  g_assert_nonnull (rename);
  gtk_selection_model_select_item (selection, (guint) row_position ("sub"), TRUE);
  g_assert_false (gtk_widget_is_sensitive (rename));
  gtk_selection_model_select_item (selection, (guint) row_position ("file-0.bin"), TRUE);
  g_assert_true (gtk_widget_is_sensitive (rename));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.page), "files.rename", NULL));
  dialog = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  entry =
      spate_test_find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "file-0.bin");
  label = gtk_widget_get_next_sibling (entry);

  /* Names that would leave the folder are refused, with a reason shown. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "sub/escape.bin");
  g_assert_true (error_shown (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "/"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  shot = spate_test_screenshot (GTK_WIDGET (dialog), "details-files-rename");
  gtk_editable_set_text (GTK_EDITABLE (entry), "..");
  g_assert_true (error_shown (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), ".."));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (error_shown (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "renamed.bin");
  g_assert_false (error_shown (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  g_signal_emit_by_name (spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Rename"),
                         "clicked");

  g_assert_true (spate_test_spin_until (renamed_on_disk, NULL, 10000));
  g_assert_true (files_equal (renamed, source));
  /* The page shows the new name. */
  g_assert_true (spate_test_spin_until (row_shown, "renamed.bin", 5000));
  g_assert_false (row_shown ("file-0.bin"));
}

static void
test_search (void)
{
  GtkWidget  *entry = spate_test_find_widget (GTK_WIDGET (t.page), GTK_TYPE_SEARCH_ENTRY, NULL);
  GListModel *rows;

  g_assert_nonnull (entry);
  /* A match deep in a closed folder shows up, alone. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "FILE-1");
  g_assert_true (spate_test_spin_until (row_shown, "file-1.bin", 5000));
  rows = spate_files_page_get_rows (t.page);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (spate_test_spin_until (row_shown, "sub", 5000));
  g_assert_false (row_shown ("file-1.bin"));
}

/* ------------------------------------------------------------ set-up */

static void
set_up (char *root)
{
  static const gsize sizes[] = { 300000, 200000, 500000 };
  g_autofree char   *torrent_path = g_build_filename (root, "payload.torrent", NULL);

  spate_test_details_set_up (&t.d, root, sizes, G_N_ELEMENTS (sizes), 11, torrent_path);
}

static void
tear_down (void)
{
  g_clear_object (&t.added);
  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
  spate_test_details_tear_down (&t.d);
}

int
main (int argc, char *argv[])
{
  char *root = spate_test_app_isolate ();
  int   rc;

  g_test_init (&argc, &argv, NULL);
  set_up (root);

  g_test_add_func ("/spate/details-files/show", test_show_files);
  g_test_add_func ("/spate/details-files/skip-file", test_skip_file);
  g_test_add_func ("/spate/details-files/download", test_download);
  g_test_add_func ("/spate/details-files/rename", test_rename);
  g_test_add_func ("/spate/details-files/search", test_search);
  rc = g_test_run ();

  tear_down ();
  return rc;
}
