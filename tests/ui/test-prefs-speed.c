/* test-prefs-speed.c: the Speed preferences, the alternative limits'
 * header bar toggle and the weekly schedule, against a real session.
 *
 * The schedule runs on a clock the test sets: Monday 1 January 2024.
 * The cases build on each other and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "preferences/spate-preferences-window.h"
#include "preferences/spate-prefs-speed-page.h"
#include "preferences/spate-schedule-grid.h"
#include "spate-application.h"
#include "spate-speed-scheduler.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-window.h"

#define KIB 1024

static struct
{
  char                   *root;
  GSettings              *settings;
  SpateApplication       *app;
  SpateWindow            *window;
  SpateSpeedScheduler    *scheduler;
  SpatePreferencesWindow *preferences;
  GDateTime              *now;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

static GDateTime *
test_clock (gpointer user_data)
{
  return g_date_time_ref (t.now);
}

/* Monday at hour:minute:second, then the scheduler looks. */
static void
set_monday (int hour, int minute, int second)
{
  g_clear_pointer (&t.now, g_date_time_unref);
  t.now = g_date_time_new_local (2024, 1, 1, hour, minute, second);
  spate_speed_scheduler_tick (t.scheduler);
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

/* The widget of type inside the row titled title. */
static GtkWidget *
row_widget (GtkWidget *root, const char *title, GType type)
{
  GtkWidget *row = spate_test_find_widget (root, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = spate_test_find_widget (row, type, NULL);
  g_assert_nonnull (widget);
  return widget;
}

/* The descendant of root whose action is action_name, or NULL. */
static GtkWidget *
find_actionable (GtkWidget *root, const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------------- cases */

static void
test_limits_at_start (void)
{
  t.scheduler = spate_application_get_binder (t.app, SPATE_TYPE_SPEED_SCHEDULER);
  g_assert_nonnull (t.scheduler);

  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 500 * KIB);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 200 * KIB);
  g_assert_true (spate_test_setting_bool (session (), "rate_limit_utp"));
  g_assert_false (spate_test_setting_bool (session (), "rate_limit_ip_overhead"));

  /* Live, without anything to apply. */
  g_settings_set_int (t.settings, "upload-limit", 0);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 0);
  g_settings_set_int (t.settings, "upload-limit", 200);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 200 * KIB);
  g_settings_set_boolean (t.settings, "alt-speed-enabled", TRUE);
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 100 * KIB);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 20 * KIB);
  g_settings_set_boolean (t.settings, "alt-speed-enabled", FALSE);
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 500 * KIB);
}

static void
test_schedule (void)
{
  char schedule[SPATE_SCHEDULE_N_HOURS + 1];

  /* Monday: 10:00 alternative, 11:00 paused, 14:00 paused; else normal. */
  memset (schedule, 'n', SPATE_SCHEDULE_N_HOURS);
  schedule[SPATE_SCHEDULE_N_HOURS] = '\0';
  schedule[10] = 'a';
  schedule[11] = 'p';
  schedule[14] = 'p';
  g_settings_set_string (t.settings, "schedule", schedule);

  t.now = g_date_time_new_local (2024, 1, 1, 9, 59, 59);
  spate_speed_scheduler_set_clock (t.scheduler, test_clock, NULL);
  g_settings_set_boolean (t.settings, "schedule-enabled", TRUE);
  g_assert_false (g_settings_get_boolean (t.settings, "alt-speed-enabled"));
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 500 * KIB);
  g_assert_false (spate_session_get_paused (session ()));

  set_monday (10, 0, 0);
  g_assert_true (g_settings_get_boolean (t.settings, "alt-speed-enabled"));
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 100 * KIB);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 20 * KIB);

  /* A person's choice holds until the next hour. */
  g_settings_set_boolean (t.settings, "alt-speed-enabled", FALSE);
  set_monday (10, 30, 0);
  g_assert_false (g_settings_get_boolean (t.settings, "alt-speed-enabled"));
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 500 * KIB);

  set_monday (11, 0, 0);
  g_assert_true (spate_session_get_paused (session ()));
  set_monday (11, 59, 59);
  g_assert_true (spate_session_get_paused (session ()));

  set_monday (12, 0, 0);
  g_assert_false (spate_session_get_paused (session ()));
  g_assert_false (g_settings_get_boolean (t.settings, "alt-speed-enabled"));
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 500 * KIB);
}

static void
test_person_pause (void)
{
  /* Paused by a person in a normal hour: neither the paused hour at 14:00
   * nor the normal one at 15:00 resumes it. */
  set_monday (13, 0, 0);
  spate_session_pause (session ());
  set_monday (14, 0, 0);
  g_assert_true (spate_session_get_paused (session ()));
  set_monday (15, 0, 0);
  g_assert_true (spate_session_get_paused (session ()));
  spate_session_resume (session ());

  /* Resumed by a person during a paused hour: the schedule leaves it. */
  set_monday (14, 0, 0);
  g_assert_true (spate_session_get_paused (session ()));
  spate_session_resume (session ());
  set_monday (14, 30, 0);
  g_assert_false (spate_session_get_paused (session ()));
  set_monday (15, 0, 0);
  g_assert_false (spate_session_get_paused (session ()));

  /* Turning the schedule off resumes what it paused. */
  set_monday (11, 0, 0);
  g_assert_true (spate_session_get_paused (session ()));
  g_settings_set_boolean (t.settings, "schedule-enabled", FALSE);
  g_assert_false (spate_session_get_paused (session ()));
  g_settings_set_boolean (t.settings, "schedule-enabled", TRUE);
  g_assert_true (spate_session_get_paused (session ()));
  set_monday (12, 0, 0);
  g_assert_false (spate_session_get_paused (session ()));
}

static void
test_header_toggle (void)
{
  GtkWidget *toggle;
  GtkWidget *label;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);

  toggle = find_actionable (GTK_WIDGET (t.window), "app.alt-speed");
  g_assert_nonnull (toggle);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (toggle), ==, "Alternative Speed Limits");

  g_assert_false (g_settings_get_boolean (t.settings, "alt-speed-enabled"));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_signal_emit_by_name (toggle, "clicked");
  g_assert_true (g_settings_get_boolean (t.settings, "alt-speed-enabled"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 100 * KIB);

  /* The schedule's hour shows on the button too. */
  set_monday (10, 0, 0);
  set_monday (12, 0, 0);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  set_monday (10, 0, 0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_signal_emit_by_name (toggle, "clicked");
  g_assert_false (g_settings_get_boolean (t.settings, "alt-speed-enabled"));

  /* A paused hour says so in the status bar, and only then. */
  label = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_LABEL, "Paused by the schedule");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_visible (label));
  set_monday (11, 0, 0);
  g_assert_true (spate_session_get_paused (session ()));
  g_assert_true (gtk_widget_get_visible (label));
  set_monday (12, 0, 0);
  g_assert_false (gtk_widget_get_visible (label));
}

static void
test_page (void)
{
  GtkWidget         *page;
  GtkWidget         *spin;
  GtkWidget         *toggle;
  SpateScheduleGrid *grid;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "app.preferences", NULL));
  t.preferences = SPATE_PREFERENCES_WINDOW (
      spate_test_wait_toplevel (SPATE_TYPE_PREFERENCES_WINDOW, NULL, 5000));
  g_assert_nonnull (t.preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (t.preferences), "speed");
  page = spate_test_find_widget (GTK_WIDGET (t.preferences), SPATE_TYPE_PREFS_SPEED_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, page, 5000));

  spin = row_widget (page, "_Download Limit", GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 750);
  g_assert_cmpint (g_settings_get_int (t.settings, "download-limit"), ==, 750);
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 750 * KIB);

  spin = row_widget (page, "U_pload Limit", GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpint (g_settings_get_int (t.settings, "alt-upload-limit"), ==, 0);

  toggle = row_widget (page, "Use _Alternative Limits", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_cmpint (spate_test_setting_int (session (), "download_rate_limit"), ==, 100 * KIB);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 0);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_cmpint (spate_test_setting_int (session (), "upload_rate_limit"), ==, 200 * KIB);

  toggle = row_widget (page, "Limit _µTP Connections", GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (spate_test_setting_bool (session (), "rate_limit_utp"));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (spate_test_setting_bool (session (), "rate_limit_utp"));

  toggle = row_widget (page, "Count Protocol Over_head", GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (spate_test_setting_bool (session (), "rate_limit_ip_overhead"));

  /* The key shows in the grid. */
  grid = SPATE_SCHEDULE_GRID (spate_test_find_widget (page, SPATE_TYPE_SCHEDULE_GRID, NULL));
  g_assert_nonnull (grid);
  g_assert_cmpint (spate_schedule_grid_get_schedule (grid)[11], ==, 'p');
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (grid)));
}

static GtkGesture *
drag_gesture (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static gboolean
laid_out (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static void
test_grid (void)
{
  GtkWidget *page =
      spate_test_find_widget (GTK_WIDGET (t.preferences), SPATE_TYPE_PREFS_SPEED_PAGE, NULL);
  SpateScheduleGrid *grid =
      SPATE_SCHEDULE_GRID (spate_test_find_widget (page, SPATE_TYPE_SCHEDULE_GRID, NULL));
  GtkGesture      *drag = drag_gesture (GTK_WIDGET (grid));
  graphene_rect_t  from, to;
  g_autofree char *schedule = NULL;
  g_autofree char *expected = NULL;

  g_assert_nonnull (drag);
  g_assert_true (spate_test_spin_until (laid_out, grid, 5000));
  g_assert_true (spate_schedule_grid_get_cell_bounds (grid, 1, 8, &from));
  g_assert_true (spate_schedule_grid_get_cell_bounds (grid, 3, 17, &to));
  /* Cells do not overlap and keep their order. */
  g_assert_cmpfloat (from.origin.x + from.size.width, <, to.origin.x);
  g_assert_cmpfloat (from.origin.y + from.size.height, <, to.origin.y);

  /* The mode buttons set what painting writes; alternative is first. */
  g_assert_cmpstr (spate_schedule_grid_get_mode (grid), ==, "a");
  g_assert_true (gtk_widget_activate_action (page, "speed.schedule-mode", "s", "p"));
  g_assert_cmpstr (spate_schedule_grid_get_mode (grid), ==, "p");

  /* A click on Tuesday 08:00. */
  g_signal_emit_by_name (drag, "drag-begin", from.origin.x + 2, from.origin.y + 2);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  schedule = g_settings_get_string (t.settings, "schedule");
  g_assert_cmpint (schedule[24 + 8], ==, 'p');
  g_assert_cmpint (schedule[24 + 7], ==, 'n');
  g_assert_cmpint (schedule[24 + 9], ==, 'n');
  g_clear_pointer (&schedule, g_free);

  /* A drag from Tuesday 08:00 to Thursday 17:00 paints the rectangle. */
  g_assert_true (gtk_widget_activate_action (page, "speed.schedule-mode", "s", "a"));
  g_signal_emit_by_name (drag, "drag-begin", from.origin.x + 2, from.origin.y + 2);
  g_signal_emit_by_name (drag, "drag-update", to.origin.x - from.origin.x,
                         to.origin.y - from.origin.y);
  g_signal_emit_by_name (drag, "drag-end", to.origin.x - from.origin.x,
                         to.origin.y - from.origin.y);
  schedule = g_settings_get_string (t.settings, "schedule");
  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      {
        char want = day >= 1 && day <= 3 && hour >= 8 && hour <= 17 ? 'a' : 'n';

        if (day == 0 && (hour == 10 || hour == 11 || hour == 14))
          want = hour == 10 ? 'a' : 'p';
        g_assert_cmpint (schedule[day * 24 + hour], ==, want);
      }

  /* The API paints as a click does, and the key comes back to the grid. */
  spate_schedule_grid_paint (grid, 6, 23);
  g_clear_pointer (&schedule, g_free);
  schedule = g_settings_get_string (t.settings, "schedule");
  g_assert_cmpint (schedule[167], ==, 'a');
  expected = g_strnfill (SPATE_SCHEDULE_N_HOURS, 'n');
  g_settings_set_string (t.settings, "schedule", expected);
  g_assert_cmpstr (spate_schedule_grid_get_schedule (grid), ==, expected);
  g_settings_set_string (t.settings, "schedule", schedule);
  g_assert_cmpstr (spate_schedule_grid_get_schedule (grid), ==, schedule);

  /* Keys: from Sunday 23:00, down stops at Sunday, left moves, Space paints. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (grid), "schedule.move-cursor", "(ii)", 1, 0));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (grid), "schedule.move-cursor", "(ii)", 0, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "schedule.paint-cursor", NULL));
  g_assert_cmpint (spate_schedule_grid_get_schedule (grid)[166], ==, 'a');
  g_assert_cmpint (spate_schedule_grid_get_schedule (grid)[165], ==, 'n');
  g_clear_pointer (&schedule, g_free);
  schedule = g_settings_get_string (t.settings, "schedule");
  g_assert_cmpint (schedule[166], ==, 'a');

  /* Off, the schedule's part of the page is insensitive. */
  g_settings_set_boolean (t.settings, "schedule-enabled", FALSE);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (grid)));
  g_settings_set_boolean (t.settings, "schedule-enabled", TRUE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (grid)));
}

static void
test_screenshots (void)
{
  GtkWidget *page =
      spate_test_find_widget (GTK_WIDGET (t.preferences), SPATE_TYPE_PREFS_SPEED_PAGE, NULL);
  char schedule[SPATE_SCHEDULE_N_HOURS + 1];

  /* Working hours on the alternative limits, nights paused. */
  for (int i = 0; i < SPATE_SCHEDULE_N_HOURS; i++)
    {
      int day = i / 24, hour = i % 24;

      schedule[i] = hour >= 1 && hour < 6 ? 'p' : day < 5 && hour >= 9 && hour < 18 ? 'a' : 'n';
    }
  schedule[SPATE_SCHEDULE_N_HOURS] = '\0';
  g_settings_set_string (t.settings, "schedule", schedule);

  gtk_window_set_default_size (GTK_WINDOW (t.preferences), 680, 1000);
  /* The focus cell's ring, as after moving it with the keyboard. */
  gtk_widget_grab_focus (spate_test_find_widget (page, SPATE_TYPE_SCHEDULE_GRID, NULL));
  gtk_window_set_focus_visible (GTK_WINDOW (t.preferences), TRUE);
  screenshots (GTK_WIDGET (t.preferences), "prefs-speed");
  screenshots (GTK_WIDGET (t.window), "prefs-speed-window");
}

/* ---------------------------------------------------------- fixture */

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *downloads = g_build_filename (t.root, "downloads", NULL);

  t.settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (t.settings, "download-dir", downloads);
  g_settings_set_value (t.settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));
  g_settings_set_int (t.settings, "download-limit", 500);
  g_settings_set_int (t.settings, "upload-limit", 200);

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
  g_clear_pointer (&t.now, g_date_time_unref);
  spate_test_rm_rf (t.root);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/spate/prefs-speed/limits-at-start", test_limits_at_start);
  g_test_add_func ("/spate/prefs-speed/schedule", test_schedule);
  g_test_add_func ("/spate/prefs-speed/person-pause", test_person_pause);
  g_test_add_func ("/spate/prefs-speed/header-toggle", test_header_toggle);
  g_test_add_func ("/spate/prefs-speed/page", test_page);
  g_test_add_func ("/spate/prefs-speed/grid", test_grid);
  g_test_add_func ("/spate/prefs-speed/screenshots", test_screenshots);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
