/* test-details-general.c: the General page and its piece map.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "spate-application.h"
#include "details/spate-details-pane.h"
#include "details/spate-general-page.h"
#include "details/spate-piece-map.h"
#include "spate-test-app.h"
#include "spate-test-details.h"
#include "spate-test-engine.h"
#include "spate-window.h"

static struct
{
  SpateTestDetails d;
  SpateWindow     *window;
} t;

static SpateSession *
session (void)
{
  return spate_application_get_session (t.d.app);
}

static GtkSelectionModel *
selection (void)
{
  GtkWidget *view = spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_COLUMN_VIEW, NULL);

  g_assert_nonnull (view);
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
}

static gboolean
piece_map_complete (gpointer map)
{
  SpatePieceSnapshot *snapshot = spate_piece_map_get_snapshot (map);

  return snapshot != NULL && spate_piece_snapshot_get_n_pieces (snapshot) > 0 &&
         spate_piece_snapshot_get_n_have (snapshot) == spate_piece_snapshot_get_n_pieces (snapshot);
}

/* A third to two thirds here. */
static gboolean
piece_map_partial (gpointer map)
{
  SpatePieceSnapshot *snapshot = spate_piece_map_get_snapshot (map);
  int                 n;

  if (snapshot == NULL)
    return FALSE;
  n = spate_piece_snapshot_get_n_pieces (snapshot);
  return n > 0 && spate_piece_snapshot_get_n_have (snapshot) * 3 >= n &&
         spate_piece_snapshot_get_n_have (snapshot) * 3 < 2 * n;
}

/* A label under root whose whole text is text. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return spate_test_find_widget_with_text (root, GTK_TYPE_LABEL, text);
}

/* A label whose text contains text, or NULL. */
static GtkWidget *
find_label_containing (GtkWidget *root, const char *text)
{
  return spate_test_find_widget (root, GTK_TYPE_LABEL, text);
}

static gboolean
label_shows (gpointer data)
{
  gpointer *args = data;

  return find_label (args[0], args[1]) != NULL;
}

static gboolean
pointer_cleared (gpointer slot)
{
  return *(gpointer *) slot == NULL;
}

/* ------------------------------------------------------------- cases */

/* The map of a big torrent is built from a synthetic snapshot's arrays
 * through the same function the widget uses (SpatePieceSnapshot has no
 * public constructor). The time is reported, not asserted: speed is for
 * bench/. */
static void
test_piece_map_render (void)
{
  const int           n = 100000, width = 1000, height = SPATE_PIECE_MAP_HEIGHT, rounds = 200;
  g_autofree guint8  *have = g_malloc (n);
  g_autofree guint8  *priorities = g_malloc (n);
  g_autofree guint16 *availability = g_new (guint16, n);
  g_autofree guint8  *rgba = g_malloc ((gsize) width * height * 4);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  const char      *have_hex = spate_piece_map_color_hex (SPATE_PIECE_MAP_HAVE, FALSE);
  const char      *missing_hex = spate_piece_map_color_hex (SPATE_PIECE_MAP_MISSING, FALSE);
  const char      *skipped_hex = spate_piece_map_color_hex (SPATE_PIECE_MAP_SKIPPED, FALSE);
  g_autofree char *pixel = NULL;
  gint64           start, elapsed;

  /* First tenth here, last tenth skipped, the rest at random. */
  for (int i = 0; i < n; i++)
    {
      have[i] = i < n / 10 ? 1 : i >= n - n / 10 ? 0 : g_rand_boolean (rand);
      priorities[i] = i >= n - n / 10 ? 0 : 4;
      availability[i] = (guint16) g_rand_int_range (rand, 0, 40);
    }

  start = g_get_monotonic_time ();
  for (int r = 0; r < rounds; r++)
    spate_piece_map_render (have, priorities, availability, n, FALSE, width, height, 1, rgba);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("piece map of %d pieces at %d×%d px: %.3f ms per build", n, width, height,
                  elapsed / 1000.0 / rounds);

  /* What a person sees at each end of the bar. */
  pixel = g_strdup_printf ("#%02x%02x%02x", rgba[0], rgba[1], rgba[2]);
  g_assert_cmpstr (pixel, ==, have_hex);
  g_free (pixel);
  pixel = g_strdup_printf ("#%02x%02x%02x", rgba[(width - 1) * 4], rgba[(width - 1) * 4 + 1],
                           rgba[(width - 1) * 4 + 2]);
  g_assert_cmpstr (pixel, ==, skipped_hex);
  g_assert_cmpstr (have_hex, !=, missing_hex);
  /* A mixed column is neither all here nor all missing. */
  g_free (pixel);
  pixel = g_strdup_printf ("#%02x%02x%02x", rgba[500 * 4], rgba[500 * 4 + 1], rgba[500 * 4 + 2]);
  g_assert_cmpstr (pixel, !=, have_hex);
  g_assert_cmpstr (pixel, !=, missing_hex);
  /* The gap between the bar and the strip is see-through. */
  g_assert_cmpint (rgba[(gsize) 25 * width * 4 + 3], ==, 0);
  g_assert_cmpint (rgba[(gsize) (height - 1) * width * 4 + 3], ==, 0xff);
}

static void
test_general_page (void)
{
  SpateAddOptions options = { .save_path = t.d.downloads };
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTorrent) torrent = NULL;
  g_autofree char  *size = NULL;
  g_autofree char  *shot = NULL;
  g_autofree char  *shot_dark = NULL;
  g_autofree char  *shot_partial = NULL;
  g_autofree char  *done = NULL;
  SpateDetailsPane *pane;
  GtkWidget        *page;
  GtkWidget        *map;
  SpatePieces      *pieces;
  gpointer          args[2];

  g_application_activate (G_APPLICATION (t.d.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1100, 1000);

  torrent = spate_session_add_bytes (session (), t.d.torrent, &options, &error);
  g_assert_no_error (error);
  g_object_ref (torrent);
  /* Slow at first, to see the map half full. */
  g_assert_true (spate_torrent_set_download_limit (torrent, 150000, &error));
  g_assert_no_error (error);
  g_assert_true (spate_torrent_connect_peer (torrent, "127.0.0.1", t.d.seeder_port, &error));
  g_assert_no_error (error);

  gtk_selection_model_select_item (selection (), 0, TRUE);
  pane = SPATE_DETAILS_PANE (
      spate_test_find_widget (GTK_WIDGET (t.window), SPATE_TYPE_DETAILS_PANE, NULL));
  g_assert_nonnull (pane);
  g_assert_true (spate_details_pane_get_torrent (pane) == torrent);
  spate_details_pane_set_page (pane, "general");
  /* Room for the whole page in the screenshots. */
  gtk_paned_set_position (GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (pane), GTK_TYPE_PANED)),
                          330);
  page = spate_test_find_widget (GTK_WIDGET (pane), SPATE_TYPE_GENERAL_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (spate_test_spin_until ((SpateTestDoneFunc) gtk_widget_get_mapped, page, 5000));
  g_assert_true (spate_general_page_get_torrent (SPATE_GENERAL_PAGE (page)) == torrent);

  /* What a person reads: the name, the size, the info-hash. */
  args[0] = page;
  args[1] = "payload";
  g_assert_true (spate_test_spin_until (label_shows, args, 5000));
  size = g_format_size (1000000);
  args[1] = size;
  g_assert_true (spate_test_spin_until (label_shows, args, 10000));
  g_assert_nonnull (find_label (page, spate_torrent_get_info_hash_v1 (torrent)));
  g_assert_cmpint (strlen (spate_torrent_get_info_hash_v1 (torrent)), ==, 40);
  /* What the .torrent says: a public torrent, made with a date. */
  args[1] = "No";
  g_assert_true (spate_test_spin_until (label_shows, args, 5000));
  {
    g_autoptr (SpateTorrentInfo) info = spate_torrent_get_info (torrent, &error);
    g_autoptr (GDateTime) when = NULL;
    g_autofree char *day = NULL;

    g_assert_no_error (error);
    when = g_date_time_new_from_unix_local (spate_torrent_info_get_creation_date (info));
    day = g_date_time_format (when, "%x");
    g_assert_nonnull (find_label_containing (page, day));
  }

  /* The map fills as the download completes. */
  map = spate_test_find_widget (page, SPATE_TYPE_PIECE_MAP, NULL);
  g_assert_nonnull (map);
  g_assert_true (spate_test_spin_until (piece_map_partial, map, 30000));
  shot_partial = spate_test_screenshot (GTK_WIDGET (t.window), "details-general-downloading");
  g_assert_true (spate_torrent_set_download_limit (torrent, 0, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_finished, torrent, 60000));
  g_assert_true (spate_test_spin_until (piece_map_complete, map, 10000));
  g_assert_cmpint (
      spate_piece_snapshot_get_n_pieces (spate_piece_map_get_snapshot (SPATE_PIECE_MAP (map))), ==,
      spate_torrent_get_pieces_total (torrent));
  done = g_strdup_printf ("%s of %s wanted (100.0 %%)", size, size);
  args[1] = done;
  g_assert_true (spate_test_spin_until (label_shows, args, 5000));

  shot = spate_test_screenshot (GTK_WIDGET (t.window), "details-general");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  shot_dark = spate_test_screenshot (GTK_WIDGET (t.window), "details-general-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Hidden, the page lets go of the pieces: they stop being refreshed. */
  pieces = spate_torrent_get_pieces (torrent);
  g_object_add_weak_pointer (G_OBJECT (pieces), (gpointer *) &pieces);
  g_object_unref (pieces);
  g_assert_nonnull (pieces);
  gtk_selection_model_unselect_all (selection ());
  g_assert_true (spate_test_spin_until (pointer_cleared, &pieces, 5000));
  g_assert_false (gtk_widget_get_mapped (page));

  g_assert_true (spate_session_remove (session (), torrent, FALSE, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------ set-up */

static void
set_up (char *root)
{
  static const gsize sizes[] = { 600000, 400000 };

  spate_test_details_set_up (&t.d, root, sizes, G_N_ELEMENTS (sizes), 3, NULL);
}

static void
tear_down (void)
{
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

  g_test_add_func ("/spate/details-general/piece-map-render", test_piece_map_render);
  g_test_add_func ("/spate/details-general/page", test_general_page);
  rc = g_test_run ();

  tear_down ();
  return rc;
}
