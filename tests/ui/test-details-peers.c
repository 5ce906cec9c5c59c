/* test-details-peers.c: the Peers and Speed pages of the details pane.
 *
 * A loopback seeder feeds the app's download (rate-limited so that it
 * lasts); the cases run in order on one application.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "details/spate-details-pane.h"
#include "details/spate-peers-page.h"
#include "details/spate-speed-graph.h"
#include "details/spate-speed-page.h"
#include "spate-application.h"
#include "spate-test-app.h"
#include "spate-test-details.h"
#include "spate-test-engine.h"
#include "spate-window.h"

static struct
{
  SpateTestDetails  d;
  SpateWindow      *window;
  SpateDetailsPane *pane;
  SpateTorrent     *added;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.d.app);
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

static gboolean
pane_shows_torrent (gpointer unused)
{
  return spate_details_pane_get_torrent (t.pane) == t.added;
}

/* ------------------------------------------------------------- cases */

static void
test_add_and_select (void)
{
  g_autoptr (GError) error = NULL;
  GtkSelectionModel *selection;

  g_application_activate (G_APPLICATION (t.d.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1100, 720);

  t.added = spate_session_add_bytes (session (), t.d.torrent, NULL, &error);
  g_assert_no_error (error);
  g_object_ref (t.added);
  /* Slow enough to last the whole run. */
  g_assert_true (spate_torrent_set_download_limit (t.added, 48 * 1024, &error));
  g_assert_no_error (error);
  g_assert_true (spate_torrent_connect_peer (t.added, "127.0.0.1", t.d.seeder_port, &error));
  g_assert_no_error (error);

  selection = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL)));
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) g_list_model_get_n_items,
                                        G_LIST_MODEL (selection), 5000));
  gtk_selection_model_select_item (selection, 0, TRUE);
  t.pane = SPATE_DETAILS_PANE (
      spate_test_find_widget (GTK_WIDGET (t.window), SPATE_TYPE_DETAILS_PANE, NULL));
  g_assert_nonnull (t.pane);
  g_assert_true (spate_test_spin_until (pane_shows_torrent, NULL, 5000));
}

static gboolean
graph_has_download (gpointer graph)
{
  return spate_speed_graph_get_n_samples (graph) > 0 &&
         spate_speed_graph_get_max_download (graph) > 0;
}

static void
test_speed_page (void)
{
  SpateSpeedPage  *page;
  SpateSpeedGraph *graph;
  GtkDropDown     *span;

  spate_details_pane_set_page (t.pane, "speed");
  page =
      SPATE_SPEED_PAGE (spate_test_find_widget (GTK_WIDGET (t.pane), SPATE_TYPE_SPEED_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, page, 5000));
  g_assert_true (spate_speed_page_get_torrent (page) == t.added);
  graph = spate_speed_page_get_graph (page);

  /* A few seconds of the download, drawn. */
  g_assert_true (spate_test_spin_until (graph_has_download, graph, 30000));
  spate_test_spin_for (4000);
  g_assert_cmpuint (spate_speed_graph_get_n_samples (graph), >=, 3);
  /* "Since HH:MM" tells that the torrent's history starts now. */
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "since"));

  /* The span follows the drop-down. */
  span = GTK_DROP_DOWN (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (span);
  gtk_drop_down_set_selected (span, 1);
  g_assert_cmpuint (spate_speed_graph_get_span (graph), ==, 30 * 60);
  gtk_drop_down_set_selected (span, 0);
  g_assert_cmpuint (spate_speed_graph_get_span (graph), ==, 5 * 60);

  screenshots ("details-speed");
}

static SpatePeersPage *
peers_page (void)
{
  return SPATE_PEERS_PAGE (
      spate_test_find_widget (GTK_WIDGET (t.pane), SPATE_TYPE_PEERS_PAGE, NULL));
}

/* The row of the seeder, or -1. */
static int
seeder_row (void)
{
  GListModel *model = spate_peers_page_get_model (peers_page ());

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SpatePeer) peer = g_list_model_get_item (model, i);

      if (g_strcmp0 (spate_peer_get_address (peer), "127.0.0.1") == 0 &&
          spate_peer_get_port (peer) == (guint) t.d.seeder_port)
        return i;
    }
  return -1;
}

static gboolean
seeder_shown (gpointer unused)
{
  return seeder_row () >= 0;
}

static void
test_peers_page (void)
{
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%d", t.d.seeder_port);
  SpatePeersPage  *page = peers_page ();

  spate_details_pane_set_page (t.pane, "peers");
  g_assert_nonnull (page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, page, 5000));
  g_assert_true (spate_test_spin_until (seeder_shown, NULL, 15000));
  /* As a person reads it. */
  g_assert_nonnull (spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, endpoint));

  screenshots ("details-peers");
}

static void
test_add_peer_refused (void)
{
  SpatePeersPage *page = peers_page ();
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget        *entry;
  GtkWidget        *message;
  g_autofree char  *valid = g_strdup_printf ("127.0.0.1:%d", t.d.seeder_port);

  /* The page's add path refuses what is not an address and port. */
  g_assert_false (spate_peers_page_add_peer (page, "300.1.2.3:6881", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Not an IP address"));
  g_clear_error (&error);
  g_assert_false (spate_peers_page_add_peer (page, "[::1]:70000", &error));
  g_assert_nonnull (strstr (error->message, "port"));
  g_clear_error (&error);

  /* The dialog says so as one types, and will not add. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "peers.add", NULL));
  dialog = ADW_MESSAGE_DIALOG (spate_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Peer");
  entry = spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "not an address");
  message = spate_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Not an IP address");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), valid);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_false (gtk_widget_get_visible (message));
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
seeder_gone (gpointer unused)
{
  return seeder_row () < 0 && spate_torrent_get_num_peers (t.added) == 0;
}

static void
test_ban_peer (void)
{
  SpatePeersPage *page = peers_page ();
  GtkWidget      *columns = spate_test_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (columns));
  int                row = seeder_row ();

  g_assert_cmpint (row, >=, 0);
  gtk_selection_model_select_item (selection, row, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "peers.ban", NULL));
  g_assert_true (spate_test_spin_until (seeder_gone, NULL, 15000));
  /* It stays away: the filter refuses it, not only this connection. */
  spate_test_spin_for (2500);
  g_assert_cmpint (seeder_row (), <, 0);
}

/* ------------------------------------------------------------ set-up */

static void
set_up (char *root)
{
  static const gsize sizes[] = { 4 * 1024 * 1024 };

  spate_test_details_set_up (&t.d, root, sizes, G_N_ELEMENTS (sizes), 3, NULL);
  g_assert_nonnull (session ());
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

  g_test_add_func ("/spate/details-peers/add-and-select", test_add_and_select);
  g_test_add_func ("/spate/details-peers/speed-page", test_speed_page);
  g_test_add_func ("/spate/details-peers/peers-page", test_peers_page);
  g_test_add_func ("/spate/details-peers/add-peer-refused", test_add_peer_refused);
  g_test_add_func ("/spate/details-peers/ban-peer", test_ban_peer);
  rc = g_test_run ();

  tear_down ();
  return rc;
}
