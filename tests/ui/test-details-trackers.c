/* test-details-trackers.c: the Trackers and Web Seeds pages, used the way
 * a person uses them, against a real tracker and a real web server.
 *
 * The cases build on each other and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "details/spate-details-pane.h"
#include "details/spate-trackers-page.h"
#include "details/spate-web-seeds-page.h"
#include "spate-application.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-window.h"

static struct
{
  char             *root;
  char             *downloads;
  char             *source;
  char             *payload;
  char             *info_hash;
  GBytes           *torrent;
  SpateTestService *tracker;
  SpateTestService *http;
  SpateApplication *app;
  SpateWindow      *window;
  SpateDetailsPane *pane;
  SpateTorrent     *added;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

static void
click_button (GtkWidget *root, const char *label)
{
  GtkWidget *button = spate_test_find_widget (root, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
window_gone (gpointer pointer)
{
  GtkWidget **window = pointer;

  return *window == NULL || !gtk_widget_get_visible (*window);
}

/* Clicks label in dialog and waits for the dialog to close. */
static void
respond (AdwMessageDialog *dialog, const char *label)
{
  GtkWidget *watched = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
  click_button (GTK_WIDGET (dialog), label);
  g_assert_true (spate_test_spin_until (window_gone, &watched, 5000));
  if (watched != NULL)
    g_object_remove_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
}

static GtkWidget *
show_page (const char *name, GType type)
{
  GtkWidget *page;

  spate_details_pane_set_page (t.pane, name);
  page = spate_test_find_widget (GTK_WIDGET (t.pane), type, NULL);
  g_assert_nonnull (page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, page, 5000));
  return page;
}

/* The model's item whose "url" is url, or NULL. */
static GObject *
find_url (GListModel *model, const char *url)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_url = NULL;

      g_object_get (item, "url", &item_url, NULL);
      if (g_strcmp0 (item_url, url) == 0)
        return item;
    }
  return NULL;
}

static gboolean
has_url (gpointer data)
{
  GListModel *model = ((gpointer *) data)[0];
  const char *url = ((gpointer *) data)[1];

  return find_url (model, url) != NULL;
}

static gboolean
lacks_url (gpointer data)
{
  return !has_url (data);
}

static gboolean
tracker_working (gpointer data)
{
  GObject *tracker = find_url (((gpointer *) data)[0], ((gpointer *) data)[1]);

  return tracker != NULL &&
         spate_tracker_get_status (SPATE_TRACKER (tracker)) == SPATE_TRACKER_STATUS_WORKING;
}

static void
screenshots (const char *name)
{
  g_autofree char *dark_name = g_strconcat (name, "-dark", NULL);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  light = spate_test_screenshot (GTK_WIDGET (t.window), name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dark = spate_test_screenshot (GTK_WIDGET (t.window), dark_name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* ------------------------------------------------------------- cases */

static void
test_select (void)
{
  GtkWidget         *list;
  GtkSelectionModel *selection;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1100, 700);

  t.pane = SPATE_DETAILS_PANE (
      spate_test_find_widget (GTK_WIDGET (t.window), SPATE_TYPE_DETAILS_PANE, NULL));
  g_assert_nonnull (t.pane);
  list = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_nonnull (list);
  g_assert_false (gtk_widget_is_ancestor (list, GTK_WIDGET (t.pane)));
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (list));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (spate_details_pane_get_torrent (t.pane) == t.added);
}

static void
test_add_tracker (void)
{
  SpateTrackersPage *page;
  AdwMessageDialog  *dialog;
  GtkTextView       *view;
  GtkWidget         *error_label;
  const char        *url = spate_test_service_get_url (t.tracker);
  g_autofree char   *bad = g_strdup_printf ("%s\n\nftp://127.0.0.1/announce", url);
  g_autofree char   *shot = NULL;
  gpointer           data[2];

  page = SPATE_TRACKERS_PAGE (show_page ("trackers", SPATE_TYPE_TRACKERS_PAGE));
  g_assert_nonnull (spate_trackers_page_get_model (page));
  g_assert_cmpuint (g_list_model_get_n_items (spate_trackers_page_get_model (page)), ==, 0);
  /* DHT, PeX and LSD are rows of their own, above the trackers; the
   * loopback session has DHT and LSD off. */
  {
    GtkWidget  *list = spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr (SpateTracker) row = g_list_model_get_item (rows, i);

        g_assert_cmpint (spate_tracker_get_kind (row), ==, SPATE_TRACKER_KIND_DHT + i);
        g_assert_cmpint (spate_tracker_get_status (row), ==,
                         i == 1 ? SPATE_TRACKER_STATUS_WORKING : SPATE_TRACKER_STATUS_DISABLED);
      }
  }
  g_assert_nonnull (
      spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "DHT (distributed hash table)"));
  g_assert_nonnull (
      spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "Off: Turned off in Preferences"));
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "Working"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trackers.add", NULL));
  dialog = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  view = GTK_TEXT_VIEW (spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_nonnull (view);

  /* A bad line is named, and the dialog will not add. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), bad, -1);
  error_label = spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Line 3");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  shot = spate_test_screenshot (GTK_WIDGET (dialog), "details-trackers-add-dialog");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), url, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  respond (dialog, "Add");

  /* The row appears and the real tracker answers. */
  data[0] = spate_trackers_page_get_model (page);
  data[1] = (gpointer) url;
  g_assert_true (spate_test_spin_until (has_url, data, 10000));
  if (!spate_test_spin_until (tracker_working, data, 30000))
    {
      GObject *tracker = find_url (data[0], url);

      g_test_message ("tracker status %d: %s", spate_tracker_get_status (SPATE_TRACKER (tracker)),
                      spate_tracker_get_message (SPATE_TRACKER (tracker)));
      g_assert_not_reached ();
    }
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, url));
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "Working"));
  screenshots ("details-trackers");
}

static void
test_remove_tracker (void)
{
  SpateTrackersPage *page;
  GtkWidget         *view;
  const char        *url = spate_test_service_get_url (t.tracker);
  g_autoptr (GListModel) engine = spate_torrent_get_trackers (t.added);
  gpointer data[2] = { engine, (gpointer) url };

  page = SPATE_TRACKERS_PAGE (show_page ("trackers", SPATE_TYPE_TRACKERS_PAGE));
  view = spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  /* A peer source cannot be edited, moved or removed. */
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "trackers.remove", NULL);
  spate_test_spin_for (500);
  g_assert_cmpuint (g_list_model_get_n_items (engine), ==, 1);
  /* The tracker is the row after DHT, PeX and LSD. */
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 3, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trackers.remove", NULL));
  g_assert_true (spate_test_spin_until (lacks_url, data, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (engine), ==, 0);
}

static gboolean
has_no_peers (gpointer torrent)
{
  return spate_torrent_get_num_peers (torrent) == 0;
}

static void
test_web_seed_download (void)
{
  SpateWebSeedsPage *page;
  AdwMessageDialog  *dialog;
  GtkWidget         *entry;
  const char        *url = spate_test_service_get_url (t.http);
  g_autofree char   *target = g_build_filename (t.downloads, "payload", NULL);
  g_autoptr (GError) error = NULL;
  gpointer data[2];

  /* Nothing to download from yet. The tracker the last case removed can
   * have handed out this session's own address, and a connection to
   * itself counts as a peer until libtorrent drops it. */
  g_assert_cmpfloat (spate_torrent_get_progress (t.added), ==, 0.0);
  g_assert_true (spate_test_spin_until (has_no_peers, t.added, 10000));

  page = SPATE_WEB_SEEDS_PAGE (show_page ("web-seeds", SPATE_TYPE_WEB_SEEDS_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (spate_web_seeds_page_get_model (page)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "web-seeds.add", NULL));
  dialog = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "udp://127.0.0.1/");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (GTK_EDITABLE (entry), url);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  respond (dialog, "Add");

  data[0] = spate_web_seeds_page_get_model (page);
  data[1] = (gpointer) url;
  g_assert_true (spate_test_spin_until (has_url, data, 10000));
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, url));
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "BEP 19"));

  /* The web seed alone brings every byte. */
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, t.added, 60000));
  g_assert_true (spate_test_wait_trees_equal (t.payload, target, 10000, &error));
  g_assert_no_error (error);
  screenshots ("details-web-seeds");
}

static gboolean
restored (gpointer data)
{
  return !spate_session_get_restoring (data);
}

/* What the pages changed survives a restart: a tracker added through the
 * page, the web seed added before, not the removed tracker. Closing the
 * app's session saves every torrent as quitting does and frees the data
 * folder; a second session then starts on it. */
static void
test_restart (void)
{
  const char      *kept = "http://127.0.0.1:9/announce";
  const char      *removed = spate_test_service_get_url (t.tracker);
  const char      *web_seed = spate_test_service_get_url (t.http);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "spate", NULL);
  g_autoptr (GListModel) engine = spate_torrent_get_trackers (t.added);
  g_autoptr (GListModel) trackers = NULL;
  g_autoptr (GListModel) web_seeds = NULL;
  g_autoptr (SpateSession) again = NULL;
  g_autoptr (GError) error = NULL;
  SpateTrackersPage *page;
  AdwMessageDialog  *dialog;
  GtkTextView       *view;
  SpateTorrent      *torrent;
  gpointer           data[2] = { engine, (gpointer) kept };

  page = SPATE_TRACKERS_PAGE (show_page ("trackers", SPATE_TYPE_TRACKERS_PAGE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trackers.add", NULL));
  dialog = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  view = GTK_TEXT_VIEW (spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), kept, -1);
  respond (dialog, "Add");
  g_assert_true (spate_test_spin_until (has_url, data, 10000));
  g_clear_object (&engine);

  g_clear_object (&t.added);
  /* Hidden, the pages let go of their models. */
  gtk_widget_set_visible (GTK_WIDGET (t.window), FALSE);
  g_assert_true (spate_session_close (session (), 10000, &error));
  g_assert_no_error (error);

  again = spate_session_new (data_dir, spate_test_loopback_settings (0, NULL), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  spate_session_restore (again);
  g_assert_true (spate_test_spin_until (restored, again, 30000));
  torrent = spate_session_lookup (again, t.info_hash);
  g_assert_nonnull (torrent);

  trackers = spate_torrent_get_trackers (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (trackers), ==, 1);
  g_assert_nonnull (find_url (trackers, kept));
  g_assert_null (find_url (trackers, removed));
  web_seeds = spate_torrent_get_web_seeds (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (web_seeds), ==, 1);
  g_assert_nonnull (find_url (web_seeds, web_seed));

  g_clear_object (&trackers);
  g_clear_object (&web_seeds);
  g_assert_true (spate_session_close (again, 10000, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------ set-up */

static void
set_up (void)
{
  static const gsize sizes[] = { 300000, 200000, 500000 };
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  SpateAddOptions  options = { 0 };
  const char      *hashes[3] = { NULL, NULL, NULL };
  g_autofree char *v2 = NULL;

  t.downloads = g_build_filename (t.root, "downloads", NULL);
  t.source = g_build_filename (t.root, "source", NULL);
  g_mkdir_with_parents (t.downloads, 0755);
  g_mkdir_with_parents (t.source, 0755);
  t.payload = spate_test_make_payload (t.source, "payload", sizes, G_N_ELEMENTS (sizes), 7);
  /* No trackers, no web seeds: only the pages can give it a source. */
  t.torrent = spate_test_make_torrent (t.payload, NULL, NULL, NULL, 16384);

  settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (settings, "download-dir", t.downloads);
  g_settings_set_value (settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));

  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);

  options.save_path = t.downloads;
  t.added = spate_session_add_bytes (session (), t.torrent, &options, &error);
  g_assert_no_error (error);
  g_object_ref (t.added);
  t.info_hash = g_strdup (spate_torrent_get_info_hash_v1 (t.added));
  g_assert_nonnull (t.info_hash);

  /* opentracker's whitelist: v1 and the v2 hash cut to 20 bytes. */
  hashes[0] = t.info_hash;
  if (spate_torrent_get_info_hash_v2 (t.added) != NULL)
    hashes[1] = v2 = g_strndup (spate_torrent_get_info_hash_v2 (t.added), 40);
  t.tracker = spate_test_opentracker_start (hashes, &error);
  g_assert_no_error (error);
  t.http = spate_test_http_server_start (t.source, &error);
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  g_clear_object (&t.added);
  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
  if (t.app != NULL)
    g_application_quit (G_APPLICATION (t.app));
  g_clear_object (&t.app);
  g_clear_pointer (&t.tracker, spate_test_service_stop);
  g_clear_pointer (&t.http, spate_test_service_stop);
  g_clear_pointer (&t.torrent, g_bytes_unref);
  spate_test_rm_rf (t.root);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  g_test_init (&argc, &argv, NULL);
  if (spate_test_skip_without ("opentracker") || spate_test_skip_without ("lighttpd"))
    return g_test_run ();
  set_up ();

  g_test_add_func ("/spate/details-trackers/select", test_select);
  g_test_add_func ("/spate/details-trackers/add-tracker", test_add_tracker);
  g_test_add_func ("/spate/details-trackers/remove-tracker", test_remove_tracker);
  g_test_add_func ("/spate/details-trackers/web-seed-download", test_web_seed_download);
  g_test_add_func ("/spate/details-trackers/restart", test_restart);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
