/* test-list-rows.c: torrent rows that change while they are out of view.
 *
 * GTK keeps rows built around the visible ones; Spate's cells leave a row
 * out of view as it was and catch up when it shows. A person scrolling to
 * a torrent sees its state now, never the one from before.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "spate-application.h"
#include "spate-cell-label.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-window-private.h"
#include "spate-window.h"

#define N_TORRENTS 60

static struct
{
  char             *root;
  SpateApplication *app;
  SpateWindow      *window;
  SpateTorrent     *torrents[N_TORRENTS];
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.app);
}

/* The cell label showing exactly @text, mapped or not. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return spate_test_find_widget_with_text (root, SPATE_TYPE_CELL_LABEL, text);
}

/* The list row holding @cell: the ancestor whose parent is the list. */
static GtkWidget *
row_of (GtkWidget *cell)
{
  GtkWidget *row = cell;

  while (row != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);
  return row;
}

static char *
name_of (guint i)
{
  return g_strdup_printf ("row-%02u", i);
}

/* The row of torrent @i is on screen. */
static gboolean
row_mapped (gpointer data)
{
  g_autofree char *name = name_of (GPOINTER_TO_UINT (data));
  GtkWidget       *label = find_label (GTK_WIDGET (t.window), name);

  return label != NULL && gtk_widget_get_mapped (label);
}

static gboolean
two_paused_fewer (gpointer unused)
{
  return spate_window_get_filter_count (t.window, "paused") == N_TORRENTS - 2;
}

static gboolean
row_out_of_view (gpointer data)
{
  return !row_mapped (data);
}

static gboolean
is_downloading (gpointer torrent)
{
  SpateTorrentState state = spate_torrent_get_state (torrent);

  return state != SPATE_TORRENT_STATE_PAUSED && state != SPATE_TORRENT_STATE_CHECKING;
}

static gboolean
has_queue_position (gpointer torrent)
{
  return spate_torrent_get_queue_position (torrent) >= 0;
}

static void
scroll_to_end (void)
{
  GtkWidget     *view = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
}

static void
test_out_of_view (void)
{
  g_autofree char *first = name_of (0);
  g_autofree char *last = name_of (N_TORRENTS - 1);
  g_autofree char *shot = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget  *label, *unmapped_status = NULL;
  const char *status;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1100, 640);

  /* Sixty paused torrents, in the order they were added: more than the
   * window shows. */
  for (guint i = 0; i < N_TORRENTS; i++)
    {
      g_autofree char *name = name_of (i);
      g_autofree char *dir = g_build_filename (t.root, "data", name, NULL);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autoptr (GBytes) bytes = NULL;
      SpateAddOptions options = { .paused = TRUE, .save_path = t.root };

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      spate_test_write_random_file (file, 16 * 1024, i + 1);
      bytes = spate_test_make_torrent (file, NULL, NULL, NULL, 16 * 1024);
      t.torrents[i] = spate_session_add_bytes (session (), bytes, &options, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_TORRENTS; i++)
    g_assert_true (spate_test_spin_until (has_queue_position, t.torrents[i], 5000));
  g_assert_true (spate_test_spin_until (row_mapped, GUINT_TO_POINTER (0), 5000));
  /* Once laid out, the last row is not on screen. */
  g_assert_true (spate_test_spin_until (row_out_of_view, GUINT_TO_POINTER (N_TORRENTS - 1), 5000));

  /* The last torrent starts while its row is out of view. */
  label = find_label (GTK_WIDGET (t.window), last);
  if (label != NULL)
    unmapped_status = find_label (row_of (label), "Paused");
  g_assert_true (spate_torrent_resume (t.torrents[0], FALSE, &error));
  g_assert_true (spate_torrent_resume (t.torrents[N_TORRENTS - 1], FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (is_downloading, t.torrents[0], 5000));
  g_assert_true (spate_test_spin_until (is_downloading, t.torrents[N_TORRENTS - 1], 5000));
  spate_test_spin_for (200);
  /* Both in the same state, with no peer to connect to; the first row,
   * in view, shows it. */
  g_assert_cmpint (spate_torrent_get_state (t.torrents[0]), ==,
                   spate_torrent_get_state (t.torrents[N_TORRENTS - 1]));
  status = _spate_state_to_string (spate_torrent_get_state (t.torrents[0]));
  g_assert_nonnull (find_label (row_of (find_label (GTK_WIDGET (t.window), first)), status));
  /* On GTK 4.8 the last row is built but out of view: it did no work. */
  if (unmapped_status != NULL && !gtk_widget_get_mapped (unmapped_status))
    g_assert_cmpstr (spate_cell_label_get_label (SPATE_CELL_LABEL (unmapped_status)), ==, "Paused");

  /* Scrolled to, it shows the state it has now. */
  scroll_to_end ();
  g_assert_true (spate_test_spin_until (row_mapped, GUINT_TO_POINTER (N_TORRENTS - 1), 5000));
  label = row_of (find_label (GTK_WIDGET (t.window), last));
  g_assert_nonnull (find_label (label, status));
  g_assert_null (find_label (label, "Paused"));
  /* The sidebar counts follow at the next update. */
  g_assert_true (spate_test_spin_until (two_paused_fewer, NULL, 3000));
  shot = spate_test_screenshot (GTK_WIDGET (t.window), "list-scrolled");
}

/* ------------------------------------------------------------ set-up */

static void
set_up (void)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;

  settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (settings, "download-dir", t.root);
  g_settings_set_value (settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));

  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (session ());
}

static void
tear_down (void)
{
  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
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

  g_test_add_func ("/spate/list-rows/out-of-view", test_out_of_view);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
