/* test-prefs-pages.c: the General, Downloads, Connection and BitTorrent
 * preferences against the app's live session.
 *
 * Every row is changed the way a person changes it and read back from the
 * engine (libtorrent's settings through the session). The cases build on
 * each other and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "preferences/spate-preferences-window.h"
#include "preferences/spate-prefs-bittorrent-page.h"
#include "preferences/spate-prefs-common.h"
#include "preferences/spate-prefs-connection-page.h"
#include "preferences/spate-prefs-downloads-page.h"
#include "spate-application.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-window.h"

static struct
{
  char                   *root;
  char                   *downloads;
  GSettings              *settings;
  SpateApplication       *app;
  SpateWindow            *window;
  SpatePreferencesWindow *preferences;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

/* The widget of type inside the row titled title (use-underline text). */
static GtkWidget *
row_widget (GtkWidget *root, const char *title, GType type)
{
  GtkWidget *row = spate_test_find_widget (root, ADW_TYPE_PREFERENCES_ROW, title);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = spate_test_find_widget (row, type, NULL);
  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
find_row (GtkWidget *root, const char *title)
{
  GtkWidget *row = spate_test_find_widget (root, ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
show_page (const char *name, GType type)
{
  GtkWidget *page;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (t.preferences), name);
  page = spate_test_find_widget (GTK_WIDGET (t.preferences), type, NULL);
  g_assert_nonnull (page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, page, 5000));
  return page;
}

static void
screenshots (const char *name)
{
  g_autofree char *dark_name = g_strconcat (name, "-dark", NULL);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  light = spate_test_screenshot (GTK_WIDGET (t.preferences), name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dark = spate_test_screenshot (GTK_WIDGET (t.preferences), dark_name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The page scrolled to its end, then light and dark screenshots. */
static void
screenshots_of_end (GtkWidget *page, const char *name)
{
  GtkWidget     *scrolled = spate_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  spate_test_spin_for (300);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  screenshots (name);
  gtk_adjustment_set_value (adjustment, 0);
}

/* A key's string, compared and freed. */
static void
assert_setting (const char *key, const char *expected)
{
  g_autofree char *value = g_settings_get_string (t.settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
apply_entry (GtkWidget *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static gboolean
has_error (GtkWidget *row)
{
  return gtk_widget_has_css_class (row, "error");
}

/* ------------------------------------------------------------- cases */

/* Keys set before the start reach the session with it. */
static void
test_at_start (void)
{
  SpateSeedingGoals goals;
  SpateGoalAction   action;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);

  g_assert_cmpint (spate_test_setting_int (session (), "connections_limit"), ==, 321);
  g_assert_cmpint (spate_test_setting_int (session (), "in_enc_policy"), ==, 0);
  g_assert_cmpint (spate_test_setting_int (session (), "out_enc_policy"), ==, 0);
  g_assert_true (spate_test_setting_bool (session (), "anonymous_mode"));
  spate_session_get_seeding_goals (session (), &goals, &action);
  g_assert_cmpfloat (goals.ratio, ==, 3.0);
  g_assert_cmpint (goals.seeding_minutes, ==, SPATE_GOAL_NONE);
  g_assert_cmpint (action, ==, SPATE_GOAL_ACTION_PAUSE);
  /* The first start fixed a port for good. */
  g_assert_cmpint (g_settings_get_int (t.settings, "listen-port"), >=, 1024);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "app.preferences", NULL));
  t.preferences = SPATE_PREFERENCES_WINDOW (
      spate_test_wait_toplevel (SPATE_TYPE_PREFERENCES_WINDOW, NULL, 5000));
  g_assert_nonnull (t.preferences);
  gtk_window_set_default_size (GTK_WINDOW (t.preferences), 640, 900);
}

static void
test_general (void)
{
  GtkWidget *toggle;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (t.preferences), "general");
  toggle = row_widget (GTK_WIDGET (t.preferences), "Show _Notifications", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (t.settings, "notifications"));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  screenshots ("prefs-general");
}

static gboolean
key_equals (gpointer data)
{
  const char      *key = ((const char **) data)[0];
  const char      *want = ((const char **) data)[1];
  g_autofree char *value = g_settings_get_string (t.settings, key);

  return g_strcmp0 (value, want) == 0;
}

static void
test_downloads (void)
{
  GtkWidget       *page = show_page ("downloads", SPATE_TYPE_PREFS_DOWNLOADS_PAGE);
  GtkWidget       *row, *toggle;
  g_autofree char *incomplete = g_build_filename (t.root, "incomplete", NULL);
  g_autofree char *missing = g_build_filename (t.root, "missing", NULL);
  g_autofree char *not_folder = g_build_filename (t.root, "a-file", NULL);
  g_autoptr (GFile) incomplete_file = g_file_new_for_path (incomplete);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (GFile) not_folder_file = g_file_new_for_path (not_folder);
  const char *want[2] = { "incomplete-dir", incomplete };

  g_mkdir_with_parents (incomplete, 0755);
  g_assert_true (g_file_set_contents (not_folder, "x", 1, NULL));

  toggle = row_widget (page, "Keep _Incomplete Downloads Apart", GTK_TYPE_SWITCH);
  row = find_row (page, "Folder for Incomplete Downloads");
  g_assert_false (gtk_widget_get_sensitive (row));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (gtk_widget_get_sensitive (row));
  /* Until a folder is chosen, one beside the downloads. */
  g_assert_true (g_str_has_suffix (spate_session_get_incomplete_dir (session ()), "Incomplete"));

  /* A folder that is not there, or not a folder, is refused at the row. */
  spate_prefs_choose_folder (ADW_ACTION_ROW (row), missing_file);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) has_error, row, 5000));
  g_assert_true (strstr (gtk_widget_get_tooltip_text (row), "does not exist") != NULL);
  spate_prefs_choose_folder (ADW_ACTION_ROW (row), not_folder_file);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) has_error, row, 5000));
  assert_setting ("incomplete-dir", "");

  spate_prefs_choose_folder (ADW_ACTION_ROW (row), incomplete_file);
  g_assert_true (spate_test_spin_until (key_equals, want, 5000));
  g_assert_false (has_error (row));
  g_assert_cmpstr (spate_session_get_incomplete_dir (session ()), ==, incomplete);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "incomplete");

  toggle = row_widget (page, "_Move Finished Downloads", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_str_has_suffix (spate_session_get_completed_dir (session ()), "Completed"));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_null (spate_session_get_completed_dir (session ()));

  toggle = row_widget (page, "Append “.!st” to Incomplete _Files", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (spate_session_get_incomplete_extension (session ()));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (spate_session_get_incomplete_extension (session ()));

  toggle = row_widget (page, "_Watch a Folder", GTK_TYPE_SWITCH);
  g_assert_false (gtk_widget_get_sensitive (find_row (page, "Once _Added")));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (gtk_widget_get_sensitive (find_row (page, "Once _Added")));
  screenshots ("prefs-downloads");
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
}

static void
test_connection (void)
{
  GtkWidget       *page = show_page ("connection", SPATE_TYPE_PREFS_CONNECTION_PAGE);
  GtkWidget       *spin, *row, *combo;
  g_autofree char *host = NULL;
  int              port = g_settings_get_int (t.settings, "listen-port");

  spin = row_widget (page, "_Connections", GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 321);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 150);
  g_assert_cmpint (spate_test_setting_int (session (), "connections_limit"), ==, 150);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -1);
  g_assert_cmpint (spate_test_setting_int (session (), "connections_limit"), ==, (1 << 24) - 1);

  spin = row_widget (page, "_Upload Slots", GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 12);
  g_assert_cmpint (spate_test_setting_int (session (), "unchoke_slots_limit"), ==, 12);

  /* Connections go out over TCP unless µTP is turned on. The tests'
   * loopback settings turn µTP off on the Advanced page, which would win. */
  {
    GtkWidget *utp = row_widget (page, "Connect to Peers over _µTP", GTK_TYPE_SWITCH);
    g_autoptr (GVariant) overrides = g_settings_get_value (t.settings, "libtorrent-settings");
    g_autoptr (GVariantDict) without = g_variant_dict_new (overrides);

    g_variant_dict_remove (without, "enable_outgoing_utp");
    g_settings_set_value (t.settings, "libtorrent-settings", g_variant_dict_end (without));

    g_assert_false (gtk_switch_get_active (GTK_SWITCH (utp)));
    g_assert_false (spate_test_setting_bool (session (), "enable_outgoing_utp"));
    gtk_switch_set_active (GTK_SWITCH (utp), TRUE);
    g_assert_true (g_settings_get_boolean (t.settings, "outgoing-utp"));
    g_assert_true (spate_test_setting_bool (session (), "enable_outgoing_utp"));
    gtk_switch_set_active (GTK_SWITCH (utp), FALSE);
    g_assert_false (spate_test_setting_bool (session (), "enable_outgoing_utp"));
    g_settings_set_value (t.settings, "libtorrent-settings", overrides);
  }

  /* The random port is a new one, stored. */
  g_assert_true (gtk_widget_activate_action (page, "connection.random-port", NULL));
  g_assert_cmpint (g_settings_get_int (t.settings, "listen-port"), !=, port);
  g_assert_cmpint (g_settings_get_int (t.settings, "listen-port"), >=, 49152);

  /* What libtorrent has seen: the port it listens on. */
  g_assert_true (gtk_widget_activate_action (page, "connection.check", NULL));
  row = find_row (page, "Can Peers Reach Spate?");
  g_assert_nonnull (
      strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Listening on port"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "UPnP: off"));

  /* An interface that does not exist is refused; "lo" is taken. */
  row = find_row (page, "Network _Interface or Address");
  apply_entry (row, "nosuch0");
  g_assert_true (has_error (row));
  assert_setting ("network-interface", "");
  apply_entry (row, "lo");
  g_assert_false (has_error (row));
  assert_setting ("network-interface", "lo");
  host = spate_test_setting_string (session (), "outgoing_interfaces");
  g_assert_cmpstr (host, ==, "lo");
  g_clear_pointer (&host, g_free);
  apply_entry (row, "");

  /* A proxy without a host is not used: the row says so and nothing
   * changes in the session; with a host it applies. */
  combo = find_row (page, "_Proxy");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);
  assert_setting ("proxy-type", "socks5");
  row = find_row (page, "_Host");
  g_assert_true (has_error (row));
  g_assert_cmpint (spate_test_setting_int (session (), "proxy_type"), ==, 0);
  apply_entry (row, "no host!");
  g_assert_true (has_error (row));
  apply_entry (row, "127.0.0.1");
  g_assert_false (has_error (row));
  g_assert_cmpint (spate_test_setting_int (session (), "proxy_type"), ==, 2);
  host = spate_test_setting_string (session (), "proxy_hostname");
  g_assert_cmpstr (host, ==, "127.0.0.1");
  row_widget (page, "_Authentication", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (row_widget (page, "_Authentication", GTK_TYPE_SWITCH)), TRUE);
  g_assert_cmpint (spate_test_setting_int (session (), "proxy_type"), ==, 3);
  screenshots ("prefs-connection");
  screenshots_of_end (page, "prefs-connection-proxy");

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 0);
  g_assert_cmpint (spate_test_setting_int (session (), "proxy_type"), ==, 0);
}

static void
test_bittorrent (void)
{
  GtkWidget        *page = show_page ("bittorrent", SPATE_TYPE_PREFS_BITTORRENT_PAGE);
  GtkWidget        *toggle, *spin, *view, *error_label;
  SpateSeedingGoals goals;
  SpateGoalAction   action;

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (page, "_Encryption")), 2);
  g_assert_cmpint (spate_test_setting_int (session (), "in_enc_policy"), ==, 2);
  g_assert_cmpint (spate_test_setting_int (session (), "allowed_enc_level"), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (page, "_Encryption")), 0);
  g_assert_cmpint (spate_test_setting_int (session (), "out_enc_policy"), ==, 1);

  spin = row_widget (page, "Active _Downloads", GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 7);
  g_assert_cmpint (spate_test_setting_int (session (), "active_downloads"), ==, 7);
  toggle = row_widget (page, "_Limit Active Torrents", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_cmpint (spate_test_setting_int (session (), "active_downloads"), ==, -1);
  g_assert_false (gtk_widget_get_sensitive (find_row (page, "Active _Downloads")));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_cmpint (spate_test_setting_int (session (), "active_downloads"), ==, 7);

  toggle = row_widget (page, "_PeX", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (spate_session_get_pex_enabled (session ()));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);

  /* Seeding goals: a switch and a value each. */
  toggle = row_widget (page, "Stop After _Seeding for", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  spin = row_widget (page, "Stop After _Seeding for", GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 90);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (page, "_Then")), 1);
  spate_session_get_seeding_goals (session (), &goals, &action);
  g_assert_cmpfloat (goals.ratio, ==, 3.0);
  g_assert_cmpint (goals.seeding_minutes, ==, 90);
  g_assert_cmpint (goals.inactive_minutes, ==, SPATE_GOAL_NONE);
  g_assert_cmpint (action, ==, SPATE_GOAL_ACTION_REMOVE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (page, "_Then")), 0);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);

  /* Trackers for every new torrent: a bad line is named and not kept. */
  toggle = row_widget (page, "Add Trackers to _Every New Torrent", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  view = spate_test_find_widget (page, GTK_TYPE_TEXT_VIEW, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "http://127.0.0.1:9/announce\nftp://nope", -1);
  error_label = spate_test_find_widget (page, GTK_TYPE_LABEL, "Line 2");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  assert_setting ("default-trackers", "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "http://127.0.0.1:9/announce", -1);
  g_assert_false (gtk_widget_get_visible (error_label));
  assert_setting ("default-trackers", "http://127.0.0.1:9/announce");
  screenshots ("prefs-bittorrent");
  /* With goals on, as a person sets them. */
  gtk_switch_set_active (GTK_SWITCH (row_widget (page, "Stop at _Ratio", GTK_TYPE_SWITCH)), TRUE);
  screenshots_of_end (page, "prefs-bittorrent-goals");
}

/* A torrent added now: its files wait in the incomplete folder, it gets the
 * default tracker, and the per-torrent connection limit. */
static void
test_new_torrent (void)
{
  static const gsize sizes[] = { 50000 };
  g_autofree char   *source = g_build_filename (t.root, "source", NULL);
  g_autofree char   *payload = NULL;
  g_autoptr (GBytes) torrent_data = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) trackers = NULL;
  g_autoptr (SpateTracker) tracker = NULL;
  SpateTorrent *torrent;
  int           down, up, connections, uploads;

  g_settings_set_int (t.settings, "max-connections-per-torrent", 33);
  g_mkdir_with_parents (source, 0755);
  payload = spate_test_make_payload (source, "fresh", sizes, G_N_ELEMENTS (sizes), 13);
  torrent_data = spate_test_make_torrent (payload, NULL, NULL, NULL, 16384);
  torrent = spate_session_add_bytes (session (), torrent_data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_torrent_get_save_path (torrent), ==,
                   spate_session_get_incomplete_dir (session ()));
  trackers = spate_torrent_get_trackers (torrent);
  g_assert_cmpuint (g_list_model_get_n_items (trackers), ==, 1);
  tracker = g_list_model_get_item (trackers, 0);
  g_assert_cmpstr (spate_tracker_get_url (tracker), ==, "http://127.0.0.1:9/announce");
  g_assert_true (spate_torrent_get_limits (torrent, &down, &up, &connections, &uploads, &error));
  g_assert_cmpint (connections, ==, 33);
  g_assert_true (spate_session_remove (session (), torrent, TRUE, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------ set-up */

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;

  t.downloads = g_build_filename (t.root, "downloads", NULL);
  g_mkdir_with_parents (t.downloads, 0755);
  t.settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (t.settings, "download-dir", t.downloads);
  g_settings_set_value (t.settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));
  g_settings_set_int (t.settings, "max-connections", 321);
  g_settings_set_string (t.settings, "encryption", "require");
  g_settings_set_boolean (t.settings, "anonymous-mode", TRUE);
  g_settings_set_boolean (t.settings, "ratio-goal-enabled", TRUE);
  g_settings_set_double (t.settings, "ratio-goal", 3.0);

  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  if (t.preferences != NULL)
    gtk_window_destroy (GTK_WINDOW (t.preferences));
  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
  if (t.app != NULL)
    g_application_quit (G_APPLICATION (t.app));
  g_clear_object (&t.app);
  g_clear_object (&t.settings);
  spate_test_rm_rf (t.root);
  g_free (t.downloads);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/spate/prefs-pages/at-start", test_at_start);
  g_test_add_func ("/spate/prefs-pages/general", test_general);
  g_test_add_func ("/spate/prefs-pages/downloads", test_downloads);
  g_test_add_func ("/spate/prefs-pages/connection", test_connection);
  g_test_add_func ("/spate/prefs-pages/bittorrent", test_bittorrent);
  g_test_add_func ("/spate/prefs-pages/new-torrent", test_new_torrent);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
