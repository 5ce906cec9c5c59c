/* test-prefs-privacy.c: the Privacy preferences (blocklist, trackers,
 * banned peers) against the application's real session.
 *
 * The cases build on each other and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "preferences/spate-preferences-window.h"
#include "preferences/spate-prefs-privacy-page.h"
#include "spate-application.h"
#include "spate-ip-filter-binding.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"

static struct
{
  char                   *root;
  char                   *first_list; /* 3 ranges, in force at start */
  char                   *second_list;
  GSettings              *settings;
  SpateApplication       *app;
  SpateIpFilterBinding   *binding;
  SpatePreferencesWindow *preferences;
  GtkWidget              *page;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

static char *
write_list (const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (t.root, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_gzip_list (const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GZlibCompressor) zip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (zip));
  g_autoptr (GBytes) bytes = NULL;
  char *path = g_build_filename (t.root, name, NULL);

  g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
  return path;
}

static void
screenshots (GtkWidget *window, const char *name)
{
  g_autofree char *dark_name = g_strconcat (name, "-dark", NULL);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  light = spate_test_screenshot (window, name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dark = spate_test_screenshot (window, dark_name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
has_n_ranges (gpointer n)
{
  return !spate_ip_filter_binding_get_loading (t.binding) &&
         spate_ip_filter_binding_get_n_ranges (t.binding) == GPOINTER_TO_UINT (n);
}

static gboolean
has_error (gpointer unused)
{
  return !spate_ip_filter_binding_get_loading (t.binding) &&
         spate_ip_filter_binding_get_error (t.binding) != NULL;
}

static AdwActionRow *
file_row (void)
{
  GtkWidget *row = spate_test_find_widget (t.page, ADW_TYPE_ACTION_ROW, "Blocklist _File");

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

/* Whether the file row shows its subtitle as an error. */
static gboolean
subtitle_is_error (void)
{
  const char *subtitle = adw_action_row_get_subtitle (file_row ());
  GtkWidget  *label = spate_test_find_widget (GTK_WIDGET (file_row ()), GTK_TYPE_LABEL, subtitle);

  g_assert_nonnull (label);
  return gtk_widget_has_css_class (label, "error") ||
         gtk_widget_has_css_class (GTK_WIDGET (file_row ()), "error");
}

static void
assert_subtitle_has (const char *text)
{
  const char *subtitle = adw_action_row_get_subtitle (file_row ());

  g_test_message ("file row: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, text));
}

static GtkWidget *
ban_row (const char *address)
{
  GtkWidget *row = spate_test_find_widget (t.page, ADW_TYPE_ACTION_ROW, address);

  return row != NULL && gtk_widget_get_visible (row) ? row : NULL;
}

static gboolean
strv_has (char **strv, const char *s)
{
  gboolean has = g_strv_contains ((const char * const *) strv, s);

  g_strfreev (strv);
  return has;
}

/* --------------------------------------------------------------- cases */

/* The keys set before the start are in force once the list is read. */
static void
test_at_start (void)
{
  t.binding = spate_application_get_binder (t.app, SPATE_TYPE_IP_FILTER_BINDING);
  g_assert_nonnull (t.binding);
  g_assert_true (spate_test_spin_until (has_n_ranges, GUINT_TO_POINTER (3), 10000));
  g_assert_null (spate_ip_filter_binding_get_error (t.binding));
  /* Three ranges and the ban kept in the key. */
  g_assert_cmpuint (spate_session_get_ip_filter_count (session ()), ==, 4);
  g_assert_true (spate_session_is_blocked (session (), "198.51.100.9"));
  g_assert_true (spate_session_is_blocked (session (), "1.2.3.4"));
  g_assert_false (spate_session_is_blocked (session (), "127.0.0.1"));
  g_assert_true (spate_test_setting_bool (session (), "apply_ip_filter_to_trackers"));
}

static void
test_page (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (t.app), "preferences", NULL);
  t.preferences = SPATE_PREFERENCES_WINDOW (
      spate_test_wait_toplevel (SPATE_TYPE_PREFERENCES_WINDOW, NULL, 5000));
  g_assert_nonnull (t.preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (t.preferences), "privacy");
  t.page = spate_test_find_widget (GTK_WIDGET (t.preferences), SPATE_TYPE_PREFS_PRIVACY_PAGE, NULL);
  g_assert_nonnull (t.page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, t.page, 5000));
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (t.page)), ==, "Privacy");

  assert_subtitle_has ("first.dat");
  assert_subtitle_has ("3 ranges active");
  g_assert_false (subtitle_is_error ());
  g_assert_nonnull (ban_row ("198.51.100.9"));
  g_assert_null (ban_row ("No Banned Peers"));
}

/* A list chosen on the page replaces the one in force. */
static void
test_import (void)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  t.second_list = write_gzip_list ("second.p2p", "A:5.5.5.0-5.5.5.255\n"
                                                 "B:6.6.6.0-6.6.6.255\n"
                                                 "C:7.7.7.0-7.7.7.255\n"
                                                 "D:8.8.8.0-8.8.8.255\n"
                                                 "E:9.9.9.0-9.9.9.255\n");
  file = g_file_new_for_path (t.second_list);
  spate_prefs_privacy_page_import (SPATE_PREFS_PRIVACY_PAGE (t.page), file);
  g_assert_true (spate_test_spin_until (has_n_ranges, GUINT_TO_POINTER (5), 10000));
  path = g_settings_get_string (t.settings, "blocklist-path");
  g_assert_cmpstr (path, ==, t.second_list);
  g_assert_true (g_settings_get_boolean (t.settings, "blocklist-enabled"));
  assert_subtitle_has ("second.p2p");
  assert_subtitle_has ("5 ranges active");
  g_assert_cmpuint (spate_session_get_ip_filter_count (session ()), ==, 6);
  g_assert_true (spate_session_is_blocked (session (), "7.7.7.7"));
  g_assert_false (spate_session_is_blocked (session (), "1.2.3.4"));
}

/* What is no blocklist is refused at the row; the filter stays. */
static void
test_refused (void)
{
  g_autofree char *garbage = write_list ("notes.txt", "Shopping list\nmilk\neggs\nbread\n");
  g_autofree char *missing = g_build_filename (t.root, "missing.dat", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (garbage);
  g_autofree char *path = NULL;

  spate_prefs_privacy_page_import (SPATE_PREFS_PRIVACY_PAGE (t.page), file);
  g_assert_true (spate_test_spin_until (has_error, NULL, 10000));
  assert_subtitle_has ("notes.txt");
  assert_subtitle_has ("line 1");
  g_assert_true (subtitle_is_error ());
  path = g_settings_get_string (t.settings, "blocklist-path");
  g_assert_cmpstr (path, ==, t.second_list);
  g_assert_cmpuint (spate_ip_filter_binding_get_n_ranges (t.binding), ==, 5);
  g_assert_cmpuint (spate_session_get_ip_filter_count (session ()), ==, 6);
  screenshots (GTK_WIDGET (t.preferences), "prefs-privacy-error");

  /* A key naming a file that is gone: said so, the last list stays. */
  g_settings_set_string (t.settings, "blocklist-path", missing);
  g_assert_true (spate_test_spin_until (has_error, NULL, 10000));
  assert_subtitle_has ("missing.dat");
  g_assert_true (spate_session_is_blocked (session (), "7.7.7.7"));
  g_assert_cmpuint (spate_session_get_ip_filter_count (session ()), ==, 6);

  /* Back to a good list: the error goes. */
  g_settings_set_string (t.settings, "blocklist-path", t.first_list);
  g_assert_true (spate_test_spin_until (has_n_ranges, GUINT_TO_POINTER (3), 10000));
  g_assert_null (spate_ip_filter_binding_get_error (t.binding));
  g_assert_false (subtitle_is_error ());
  assert_subtitle_has ("3 ranges active");
}

static void
test_trackers (void)
{
  GtkWidget *row = spate_test_find_widget (t.page, ADW_TYPE_ACTION_ROW, "Apply to _Trackers");
  GtkWidget *toggle = spate_test_find_widget (row, GTK_TYPE_SWITCH, NULL);

  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (t.settings, "blocklist-trackers"));
  g_assert_false (spate_test_setting_bool (session (), "apply_ip_filter_to_trackers"));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (spate_test_setting_bool (session (), "apply_ip_filter_to_trackers"));
}

static gboolean
row_shown (gpointer address)
{
  return ban_row (address) != NULL;
}

static gboolean
row_gone (gpointer address)
{
  return ban_row (address) == NULL;
}

static void
test_bans (void)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *row;
  GtkWidget *unban;

  /* As the Peers page bans. */
  g_assert_true (spate_session_ban_peer (session (), "203.0.113.5", &error));
  g_assert_true (spate_session_ban_peer (session (), "2001:db8::7", &error));
  g_assert_no_error (error);
  g_assert_true (strv_has (g_settings_get_strv (t.settings, "banned-peers"), "203.0.113.5"));
  g_assert_true (spate_test_spin_until (row_shown, "203.0.113.5", 5000));
  g_assert_nonnull (ban_row ("2001:db8::7"));

  row = ban_row ("203.0.113.5");
  unban = spate_test_find_widget (row, GTK_TYPE_BUTTON, "Unban");
  g_assert_nonnull (unban);
  g_signal_emit_by_name (unban, "clicked");
  g_assert_true (spate_test_spin_until (row_gone, "203.0.113.5", 5000));
  g_assert_false (strv_has (spate_session_get_banned_peers (session ()), "203.0.113.5"));
  g_assert_false (spate_session_is_blocked (session (), "203.0.113.5"));
  g_assert_true (spate_session_is_blocked (session (), "2001:db8::7"));
  g_assert_false (strv_has (g_settings_get_strv (t.settings, "banned-peers"), "203.0.113.5"));
  g_assert_nonnull (ban_row ("198.51.100.9"));
}

static void
test_screenshots (void)
{
  gtk_window_set_default_size (GTK_WINDOW (t.preferences), 640, 760);
  screenshots (GTK_WIDGET (t.preferences), "prefs-privacy");
}

/* Off: no list in force, the bans still are; no bans: the empty row. */
static void
test_off (void)
{
  GtkWidget       *row = spate_test_find_widget (t.page, ADW_TYPE_ACTION_ROW, "_Use a Blocklist");
  GtkWidget       *toggle = spate_test_find_widget (row, GTK_TYPE_SWITCH, NULL);
  g_autofree char *shot = NULL;

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_true (spate_test_spin_until (has_n_ranges, GUINT_TO_POINTER (0), 5000));
  g_assert_cmpuint (spate_session_get_ip_filter_count (session ()), ==, 2);
  assert_subtitle_has ("not in use");

  g_settings_set_strv (t.settings, "banned-peers", NULL);
  g_assert_cmpuint (spate_session_get_ip_filter_count (session ()), ==, 0);
  g_assert_null (ban_row ("198.51.100.9"));
  g_assert_nonnull (ban_row ("No Banned Peers"));
  shot = spate_test_screenshot (GTK_WIDGET (t.preferences), "prefs-privacy-off");
}

/* ---------------------------------------------------------- fixture */

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *downloads = g_build_filename (t.root, "downloads", NULL);
  const char      *banned[] = { "198.51.100.9", NULL };

  t.first_list = write_list ("first.dat", "001.002.003.000 - 001.002.003.255 , 000 , One\n"
                                          "010.000.000.000 - 010.000.255.255 , 050 , Two\n"
                                          "192.168.050.000 - 192.168.050.255 , 100 , Three\n");
  t.settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (t.settings, "download-dir", downloads);
  g_settings_set_value (t.settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));
  g_settings_set_boolean (t.settings, "blocklist-enabled", TRUE);
  g_settings_set_string (t.settings, "blocklist-path", t.first_list);
  g_settings_set_strv (t.settings, "banned-peers", banned);

  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  if (t.preferences != NULL)
    {
      GtkWidget *page = t.page;

      g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
      gtk_window_destroy (GTK_WINDOW (t.preferences));
      spate_test_spin_for (200);
      g_test_message ("privacy page %s", page == NULL ? "finalized" : "still alive");
      if (page != NULL)
        g_object_remove_weak_pointer (G_OBJECT (page), (gpointer *) &page);
    }
  if (t.app != NULL)
    g_application_quit (G_APPLICATION (t.app));
  g_clear_object (&t.app);
  g_clear_object (&t.settings);
  spate_test_rm_rf (t.root);
  g_free (t.first_list);
  g_free (t.second_list);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/spate/prefs-privacy/at-start", test_at_start);
  g_test_add_func ("/spate/prefs-privacy/page", test_page);
  g_test_add_func ("/spate/prefs-privacy/import", test_import);
  g_test_add_func ("/spate/prefs-privacy/refused", test_refused);
  g_test_add_func ("/spate/prefs-privacy/trackers", test_trackers);
  g_test_add_func ("/spate/prefs-privacy/bans", test_bans);
  g_test_add_func ("/spate/prefs-privacy/screenshots", test_screenshots);
  g_test_add_func ("/spate/prefs-privacy/off", test_off);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
