/* test-prefs-advanced.c: the Advanced preferences page, used the way a
 * person uses it, against the app's live session.
 *
 * The cases build on each other and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <limits.h>

#include "preferences/spate-preferences-window.h"
#include "preferences/spate-prefs-advanced-page.h"
#include "spate-application.h"
#include "spate-settings-bridge.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-window.h"

#define EDITED "max_out_request_queue"

static struct
{
  char                   *root;
  SpateApplication       *app;
  SpateWindow            *window;
  SpatePreferencesWindow *preferences;
  GtkWidget              *page;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

static GSettings *
settings (void)
{
  return spate_application_get_settings (t.app);
}

static int
session_int (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) value = spate_session_get_setting (session (), name, &error);

  g_assert_no_error (error);
  return g_variant_get_int32 (value);
}

/* The override the key holds for name, or NULL. */
static GVariant *
key_override (const char *name)
{
  g_autoptr (GVariant) overrides = g_settings_get_value (settings (), "libtorrent-settings");

  return g_variant_lookup_value (overrides, name, NULL);
}

static GtkListView *
list_view (void)
{
  GtkWidget *view = spate_test_find_widget (t.page, GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

static GListModel *
rows_model (void)
{
  return G_LIST_MODEL (gtk_list_view_get_model (list_view ()));
}

static void
search (const char *text)
{
  GtkWidget *entry = spate_test_find_widget (t.page, GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  spate_test_spin_for (100);
}

/* A mapped label under root whose text is exactly text. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped descendant of root of type. */
static GtkWidget *
find_mapped (GtkWidget *root, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
        return child;
      found = find_mapped (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of setting name, found the way a person would: by searching. */
static GtkWidget *
find_row (const char *name)
{
  GtkWidget *label;

  search (name);
  label = find_label (GTK_WIDGET (list_view ()), name);
  g_assert_nonnull (label);
  /* name label → title box → text column → row */
  return gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (label)));
}

static GtkWidget *
row_changed_mark (GtkWidget *row)
{
  return find_label (row, "●");
}

/* The row's error line when it shows, else NULL. */
static GtkWidget *
row_error (GtkWidget *row)
{
  GtkWidget *column = gtk_widget_get_first_child (row);

  for (GtkWidget *child = gtk_widget_get_first_child (column); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "error") && gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

static void
type_into (GtkWidget *row, const char *text)
{
  GtkWidget *entry = find_mapped (row, GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
screenshots_of (GtkWidget *window, const char *name)
{
  g_autofree char *dark_name = g_strconcat (name, "-dark", NULL);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  light = spate_test_screenshot (window, name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  dark = spate_test_screenshot (window, dark_name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_test_message ("screenshots: %s %s", light, dark);
}

static void
screenshots (const char *name)
{
  screenshots_of (GTK_WIDGET (t.preferences), name);
}

static gboolean
rows_shown (gpointer data)
{
  return t.page != NULL && gtk_widget_get_mapped (t.page) &&
         find_label (t.page, "active_checking") != NULL;
}

/* ------------------------------------------------------------- cases */

/* Every setting the session has is a row. Opening costs what building
 * every row costs: measured and logged. */
static void
test_list (void)
{
  g_autoptr (GPtrArray) all = spate_session_list_settings (session ());
  gint64 start;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "app.preferences", NULL));
  g_test_message ("preferences built and presented in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  t.preferences =
      SPATE_PREFERENCES_WINDOW (spate_test_find_toplevel (SPATE_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (t.preferences);
  gtk_window_set_default_size (GTK_WINDOW (t.preferences), 720, 760);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (t.preferences), "advanced");
  t.page =
      spate_test_find_widget (GTK_WIDGET (t.preferences), SPATE_TYPE_PREFS_ADVANCED_PAGE, NULL);
  g_assert_nonnull (t.page);
  g_assert_true (spate_test_spin_until (rows_shown, NULL, 10000));
  g_test_message ("preferences with %u settings shown after %.0f ms", all->len,
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (all->len, >, 200);
  g_assert_cmpuint (g_list_model_get_n_items (rows_model ()), ==, all->len);

  /* Spate's default beside libtorrent's where they differ. */
  g_assert_nonnull (
      spate_test_find_widget (t.page, GTK_TYPE_LABEL, "Default: Spate: 2147483647 (libtorrent: "));
  screenshots ("prefs-advanced");
}

static void
test_search (void)
{
  GListModel *model = rows_model ();
  GtkWidget  *empty;
  guint       n;
  gint64      start = g_get_monotonic_time ();

  search ("request_queue");
  g_test_message ("search took %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      g_assert_nonnull (strstr (name, "request_queue"));
    }
  g_assert_nonnull (find_label (GTK_WIDGET (list_view ()), EDITED));
  g_assert_null (find_label (GTK_WIDGET (list_view ()), "active_checking"));

  search ("no-such-setting");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  empty = spate_test_find_widget (t.page, GTK_TYPE_LABEL, "No setting matches");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  screenshots ("prefs-advanced-empty");

  search ("");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 200);
}

static void
test_edit (void)
{
  GtkWidget *row = find_row (EDITED);
  GtkWidget *reset;
  g_autoptr (GVariant) kept = NULL;

  g_assert_null (row_changed_mark (row));
  reset = find_mapped (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (reset);
  g_assert_false (gtk_widget_get_sensitive (reset));
  g_assert_cmpint (session_int (EDITED), !=, 777);

  type_into (row, "777");
  g_assert_cmpint (session_int (EDITED), ==, 777);
  kept = key_override (EDITED);
  g_assert_nonnull (kept);
  g_assert_cmpint (g_variant_get_int32 (kept), ==, 777);
  g_assert_nonnull (row_changed_mark (row));
  g_assert_true (gtk_widget_get_sensitive (reset));
  g_assert_null (row_error (row));
  screenshots ("prefs-advanced-changed");
}

static void
test_refused (void)
{
  GtkWidget *row = find_row (EDITED);
  GtkWidget *entry = find_mapped (row, GTK_TYPE_ENTRY);
  GtkWidget *error;
  g_autoptr (GVariant) kept = NULL;

  type_into (row, "lots");
  error = row_error (row);
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_mapped (error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), ==, "“lots” is not a valid number");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "777");
  g_assert_cmpint (session_int (EDITED), ==, 777);
  kept = key_override (EDITED);
  g_assert_cmpint (g_variant_get_int32 (kept), ==, 777);
  screenshots ("prefs-advanced-refused");
}

static void
test_reset (void)
{
  GtkWidget *row = find_row (EDITED);
  g_autoptr (GVariant) spate_default = spate_session_get_default_setting (EDITED);
  g_autoptr (GVariant) kept = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (spate_default);
  g_signal_emit_by_name (find_mapped (row, GTK_TYPE_BUTTON), "clicked");
  g_assert_cmpint (session_int (EDITED), ==, g_variant_get_int32 (spate_default));
  kept = key_override (EDITED);
  g_assert_null (kept);
  g_assert_null (row_changed_mark (row));
  g_assert_null (row_error (row));
  text = g_strdup_printf ("%d", g_variant_get_int32 (spate_default));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_mapped (row, GTK_TYPE_ENTRY))), ==,
                   text);
}

static void
test_bool (void)
{
  GtkWidget *row = find_row ("prefer_udp_trackers");
  GtkWidget *toggle = find_mapped (row, GTK_TYPE_SWITCH);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) before =
      spate_session_get_setting (session (), "prefer_udp_trackers", &error);
  g_autoptr (GVariant) after = NULL;
  g_autoptr (GVariant) kept = NULL;
  gboolean was = g_variant_get_boolean (before);

  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)) == was);
  gtk_switch_set_active (GTK_SWITCH (toggle), !was);
  after = spate_session_get_setting (session (), "prefer_udp_trackers", &error);
  g_assert_true (g_variant_get_boolean (after) == !was);
  kept = key_override ("prefer_udp_trackers");
  g_assert_nonnull (kept);
  g_assert_nonnull (row_changed_mark (row));

  g_signal_emit_by_name (find_mapped (row, GTK_TYPE_BUTTON), "clicked");
  g_clear_pointer (&after, g_variant_unref);
  after = spate_session_get_setting (session (), "prefer_udp_trackers", &error);
  g_assert_true (g_variant_get_boolean (after) == was);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)) == was);
}

static void
test_managed (void)
{
  GtkWidget *row = find_row ("connections_limit");

  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_null (find_mapped (row, GTK_TYPE_ENTRY));
  g_assert_nonnull (spate_test_find_widget (row, GTK_TYPE_LABEL, "Set on the Connection page"));

  row = find_row ("disk_write_mode");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_null (find_mapped (row, GTK_TYPE_ENTRY));
  screenshots ("prefs-advanced-managed");
  search ("");
}

static void
test_disk_io (void)
{
  GtkWidget       *pread = spate_test_find_widget (t.page, ADW_TYPE_ACTION_ROW, "pread");
  GtkWidget       *mmap = spate_test_find_widget (t.page, ADW_TYPE_ACTION_ROW, "mmap");
  g_autofree char *mode = NULL;

  g_assert_nonnull (pread);
  g_assert_nonnull (mmap);
  g_assert_cmpint (session_int ("disk_write_mode"), ==, 0);
  g_assert_cmpint (session_int ("mmap_file_size_cutoff"), ==, INT_MAX);

  adw_action_row_activate (ADW_ACTION_ROW (mmap));
  mode = g_settings_get_string (settings (), "disk-io");
  g_assert_cmpstr (mode, ==, "mmap");
  /* libtorrent's own way: auto_mmap_write, files from 40 blocks mapped. */
  g_assert_cmpint (session_int ("disk_write_mode"), ==, 2);
  g_assert_cmpint (session_int ("mmap_file_size_cutoff"), ==, 40);
  g_assert_nonnull (find_label (find_row ("mmap_file_size_cutoff"), "40"));
  search ("");

  adw_action_row_activate (ADW_ACTION_ROW (pread));
  g_clear_pointer (&mode, g_free);
  mode = g_settings_get_string (settings (), "disk-io");
  g_assert_cmpstr (mode, ==, "pread");
  g_assert_cmpint (session_int ("disk_write_mode"), ==, 0);
  g_assert_cmpint (session_int ("mmap_file_size_cutoff"), ==, INT_MAX);
}

static gboolean
page_rows_shown (gpointer page)
{
  return gtk_widget_get_mapped (page) && find_label (page, "active_checking") != NULL && TRUE;
}

/* What the page alone costs: building it, then laying out the rows in
 * sight. */
static void
test_open_cost (void)
{
  GtkWidget     *window = gtk_window_new ();
  GtkWidget     *page;
  gint64         start = g_get_monotonic_time ();
  gint64         built;
  GtkWidget     *view;
  GtkAdjustment *adjustment;
  g_autoptr (GObject) last = NULL;
  g_autofree char *last_name = NULL;

  page = GTK_WIDGET (spate_prefs_advanced_page_new (settings ()));
  built = g_get_monotonic_time ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (spate_test_spin_until (page_rows_shown, page, 10000));
  g_test_message ("page built in %.0f ms, the rows in sight laid out after %.0f ms",
                  (built - start) / 1000.0, (g_get_monotonic_time () - start) / 1000.0);
  /* GTK 4.8 list views make 200 rows at most, around what is in sight:
   * scrolled to the end, the last setting has its row. */
  view = spate_test_find_widget (page, GTK_TYPE_LIST_VIEW, NULL);
  last = g_list_model_get_item (
      G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view))),
      g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)))) - 1);
  g_object_get (last, "name", &last_name, NULL);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  for (guint i = 0; i < 50 && find_label (view, last_name) == NULL; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      spate_test_spin_for (50);
    }
  g_assert_nonnull (find_label (view, last_name));
  screenshots_of (window, "prefs-advanced-end");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An override outlives the app: the next session starts with it. */
static void
test_restart (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "spate", NULL);
  g_autoptr (GVariant) overrides = NULL;
  g_autoptr (GVariant) from_keys = NULL;
  g_autoptr (GVariant) merged_settings = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autoptr (GError) error = NULL;
  SpateSession *again;
  GVariantDict  merged;
  GVariantIter  iter;
  const char   *name;
  GVariant     *item;

  type_into (find_row (EDITED), "555");
  g_assert_cmpint (session_int (EDITED), ==, 555);
  search ("");

  gtk_window_destroy (GTK_WINDOW (t.preferences));
  t.preferences = NULL;
  t.page = NULL;
  gtk_widget_set_visible (GTK_WIDGET (t.window), FALSE);
  g_assert_true (spate_session_close (session (), 10000, &error));
  g_assert_no_error (error);

  /* What start_session does: the pages' keys, the overrides over them. */
  overrides = g_settings_get_value (settings (), "libtorrent-settings");
  from_keys = g_variant_ref_sink (spate_settings_bridge_build_lt_settings (settings ()));
  g_variant_dict_init (&merged, from_keys);
  g_variant_iter_init (&iter, overrides);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &item))
    g_variant_dict_insert_value (&merged, name, item);
  merged_settings = g_variant_ref_sink (g_variant_dict_end (&merged));

  /* spate_session_new() sinks a floating value and only borrows this one. */
  again = spate_session_new (data_dir, merged_settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  value = spate_session_get_setting (again, EDITED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_variant_get_int32 (value), ==, 555);

  g_assert_true (spate_session_close (again, 10000, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (again);
}

/* ------------------------------------------------------------ set-up */

static void
set_up (void)
{
  g_autoptr (GSettings) memory = NULL;
  g_autoptr (GError) error = NULL;

  memory = g_settings_new ("io.github.spate.Spate");
  g_settings_set_value (memory, "libtorrent-settings", spate_test_loopback_settings (0, NULL));

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
  spate_test_rm_rf (t.root);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/spate/prefs-advanced/list", test_list);
  g_test_add_func ("/spate/prefs-advanced/search", test_search);
  g_test_add_func ("/spate/prefs-advanced/edit", test_edit);
  g_test_add_func ("/spate/prefs-advanced/refused", test_refused);
  g_test_add_func ("/spate/prefs-advanced/reset", test_reset);
  g_test_add_func ("/spate/prefs-advanced/bool", test_bool);
  g_test_add_func ("/spate/prefs-advanced/managed", test_managed);
  g_test_add_func ("/spate/prefs-advanced/disk-io", test_disk_io);
  g_test_add_func ("/spate/prefs-advanced/open-cost", test_open_cost);
  g_test_add_func ("/spate/prefs-advanced/restart", test_restart);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
