/* spate-bench-details.c: the details pages with a huge torrent, timed.
 *
 * Runs the desktop app in-process (as tests/ui does), adds made-up
 * torrents stopped (fake piece hashes, no data; libtorrent creates the
 * files empty when Select All wants them again) and measures
 * the Files page with 100,000 files and the piece map of 100,000
 * pieces against Spate's targets for them. Prints a Markdown table;
 * bench/details.py runs it under Xvfb and keeps the report.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "details/spate-details-pane.h"
#include "details/spate-files-page.h"
#include "details/spate-piece-map.h"
#include "spate-application.h"
#include "spate-window.h"

static int    n_files = 100000;
static int    n_pieces = 100000;
static double seconds = 5.0;
static char  *only = NULL;

static struct
{
  SpateApplication *app;
  SpateWindow      *window;
  GtkWidget        *pane;
  GString          *table;
  int               failures;
} b;

/* ---------------------------------------------------------- helpers */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of the calling thread (the GTK main thread), in ms. */
static double
thread_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 + usage.ru_stime.tv_sec * 1e3 +
         usage.ru_stime.tv_usec / 1e3;
}

typedef gboolean (*DoneFunc) (gpointer data);

static gboolean
spin_until (DoneFunc done, gpointer data, guint timeout_ms)
{
  double deadline = now_ms () + timeout_ms;

  while (!done (data))
    {
      if (now_ms () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (100);
    }
  return TRUE;
}

static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void row (const char *figure,
                 const char *target,
                 gboolean    has_target,
                 gboolean    pass,
                 const char *format,
                 ...) G_GNUC_PRINTF (5, 6);

static void
row (const char *figure,
     const char *target,
     gboolean    has_target,
     gboolean    pass,
     const char *format,
     ...)
{
  g_autofree char *measured = NULL;
  va_list          args;

  va_start (args, format);
  measured = g_strdup_vprintf (format, args);
  va_end (args);
  g_string_append_printf (b.table, "| %s | %s | %s | %s |\n", figure, target, measured,
                          has_target ? (pass ? "pass" : "FAIL") : "");
  if (has_target && !pass)
    b.failures++;
}

/* -------------------------------------------------- made-up torrents */

static void
bencode_string (GString *out, const char *s, gsize len)
{
  g_string_append_printf (out, "%" G_GSIZE_FORMAT ":", len);
  g_string_append_len (out, s, (gssize) len);
}

static void
bencode_key (GString *out, const char *key)
{
  bencode_string (out, key, strlen (key));
}

/* A v1 .torrent of the given files (sizes; NULL: one file of
 * total bytes) with piece hashes made up: it can be added stopped and
 * shown, never checked. */
static GBytes *
make_torrent (const char *name, int n, gint64 size_of_each, gint64 piece_length)
{
  GString *out = g_string_new ("d4:infod");
  gint64   total = 0, pieces;
  GRand   *rand = g_rand_new_with_seed (7);

  if (n > 1)
    {
      bencode_key (out, "files");
      g_string_append_c (out, 'l');
      for (int i = 0; i < n; i++)
        {
          gint64           length = size_of_each + (i % 13) * 1000;
          g_autofree char *file = g_strdup_printf ("file-%06d.bin", i);

          total += length;
          g_string_append_printf (out, "d6:lengthi%" G_GINT64_FORMAT "e4:pathl", length);
          bencode_string (out, file, strlen (file));
          g_string_append (out, "ee");
        }
      g_string_append_c (out, 'e');
    }
  else
    {
      total = size_of_each;
      bencode_key (out, "length");
      g_string_append_printf (out, "i%" G_GINT64_FORMAT "e", total);
    }
  bencode_key (out, "name");
  bencode_string (out, name, strlen (name));
  bencode_key (out, "piece length");
  g_string_append_printf (out, "i%" G_GINT64_FORMAT "e", piece_length);
  pieces = (total + piece_length - 1) / piece_length;
  bencode_key (out, "pieces");
  g_string_append_printf (out, "%" G_GINT64_FORMAT ":", pieces * 20);
  for (gint64 i = 0; i < pieces * 5; i++)
    {
      guint32 word = g_rand_int (rand);

      g_string_append_len (out, (const char *) &word, 4);
    }
  g_string_append (out, "ee");
  g_rand_free (rand);
  return g_string_free_to_bytes (out);
}

static gboolean
pane_has (gpointer torrent)
{
  return spate_details_pane_get_torrent (SPATE_DETAILS_PANE (b.pane)) == torrent;
}

/* Adds data stopped and selects it in the list, as a click would. */
static SpateTorrent *
add_and_select (GBytes *data)
{
  SpateSession   *session = spate_application_get_session (b.app);
  SpateAddOptions options = { .paused = TRUE };
  g_autoptr (GError) error = NULL;
  SpateTorrent      *torrent;
  GtkSelectionModel *list;
  double             start = now_ms ();

  torrent = spate_session_add_bytes (session, data, &options, &error);
  if (torrent == NULL)
    g_error ("adding the torrent: %s", error->message);
  g_object_ref (torrent);
  g_printerr ("added %s in %.0f ms\n", spate_torrent_get_name (torrent), now_ms () - start);

  list = gtk_column_view_get_model (
      GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (b.window), GTK_TYPE_COLUMN_VIEW)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (item == (GObject *) torrent)
        gtk_selection_model_select_item (list, i, TRUE);
    }
  if (!spin_until (pane_has, torrent, 10000))
    g_error ("the details pane never showed the torrent");
  return torrent;
}

/* ---------------------------------------------------- frame counting */

typedef struct
{
  GArray *paints; /* double ms of every after-paint */
} Frames;

static Frames frames;

static void
after_paint (GdkFrameClock *clock, gpointer unused)
{
  double t = now_ms ();

  g_array_append_val (frames.paints, t);
}

static guint
n_paints (void)
{
  return frames.paints->len;
}

static gboolean
painted_since (gpointer count)
{
  return n_paints () > GPOINTER_TO_UINT (count);
}

/* Waits for a frame drawn after now; its time. */
static double
next_frame (void)
{
  guint before = n_paints ();

  gtk_widget_queue_draw (GTK_WIDGET (b.window));
  if (!spin_until (painted_since, GUINT_TO_POINTER (before), 10000))
    g_error ("no frame drawn");
  return g_array_index (frames.paints, double, n_paints () - 1);
}

static int
compare_double (gconstpointer a, gconstpointer b_)
{
  double x = *(const double *) a, y = *(const double *) b_;

  return (x > y) - (x < y);
}

typedef struct
{
  guint  n;
  double mean, p95, max, fps, cpu_percent;
} FrameStats;

/* Intervals between the frames from first on, over wall ms, with the
 * thread's cpu ms. */
static FrameStats
frame_stats (guint first, double wall, double cpu)
{
  g_autoptr (GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  FrameStats stats = { 0 };
  double     sum = 0;

  for (guint i = first + 1; i < n_paints (); i++)
    {
      double gap =
          g_array_index (frames.paints, double, i) - g_array_index (frames.paints, double, i - 1);

      g_array_append_val (gaps, gap);
      sum += gap;
    }
  if (gaps->len == 0)
    return stats;
  g_array_sort (gaps, compare_double);
  stats.n = gaps->len;
  stats.mean = sum / gaps->len;
  stats.p95 = g_array_index (gaps, double, MIN (gaps->len - 1, (guint) (gaps->len * 0.95)));
  stats.max = g_array_index (gaps, double, gaps->len - 1);
  stats.fps = (n_paints () - first) / (wall / 1000.0);
  stats.cpu_percent = 100.0 * cpu / wall;
  return stats;
}

/* -------------------------------------------------------- Files page */

static SpateFilesPage *files_page;

static gboolean
rows_listed (gpointer unused)
{
  GListModel *rows = spate_files_page_get_rows (files_page);

  return rows != NULL && g_list_model_get_n_items (rows) > (guint) n_files;
}

/* A row's widget for the last of the files in view exists. */
static gboolean
cells_shown (gpointer unused)
{
  return find_widget (GTK_WIDGET (files_page), GTK_TYPE_TREE_EXPANDER) != NULL;
}

typedef struct
{
  SpateTorrent *torrent;
  guint8        want;
  double        next;
} Priorities;

static gboolean
engine_has (gpointer data)
{
  Priorities *p = data;
  g_autoptr (GBytes) got = NULL;
  gsize         n;
  const guint8 *bytes;

  /* Asking copies every file's priority from libtorrent's thread: not
   * so often that the asking is what is measured. */
  if (now_ms () < p->next)
    return FALSE;
  p->next = now_ms () + 5;
  got = spate_torrent_get_file_priorities (p->torrent, NULL);
  if (got == NULL)
    return FALSE;
  bytes = g_bytes_get_data (got, &n);
  if (n < (gsize) n_files)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if ((bytes[i] == 0) != (p->want == 0))
      return FALSE;
  return TRUE;
}

static gboolean
check_shows (gpointer want)
{
  GtkWidget *check = find_widget (GTK_WIDGET (files_page), GTK_TYPE_CHECK_BUTTON);

  return check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) == (want != NULL);
}

static void
time_select (SpateTorrent *torrent, const char *action, guint8 want)
{
  Priorities       p = { torrent, want, 0 };
  double           start = now_ms (), called, engine, done, drawn;
  g_autofree char *figure = NULL;

  if (!gtk_widget_activate_action (GTK_WIDGET (files_page), action, NULL))
    g_error ("no action %s", action);
  called = now_ms ();
  if (!spin_until (engine_has, &p, 30000))
    g_error ("%s never reached the engine", action);
  engine = now_ms ();
  if (!spin_until (check_shows, want ? GINT_TO_POINTER (1) : NULL, 30000))
    g_error ("%s never showed in the checks", action);
  done = now_ms ();
  drawn = next_frame ();
  figure = g_strdup_printf ("%s: until every file's priority is in the engine, the checks show it "
                            "and a frame is drawn (ms)",
                            want ? "Select All" : "Select None");
  row (figure, "≤ 1000", TRUE, drawn - start <= 1000, "%.0f", drawn - start);
  g_printerr ("%s: action %.1f ms, engine %.1f ms, checks %.1f ms, frame %.1f ms\n", action,
              called - start, engine - start, done - start, drawn - start);
  row ("… the action's own call / the engine has them / the checks show them (ms)", "—", FALSE,
       FALSE, "%.1f / %.1f / %.1f", called - start, engine - start, done - start);
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         step;
  double         end;
  int            direction;
} Scroll;

static gboolean
scroll_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Scroll *s = data;
  double  value = gtk_adjustment_get_value (s->adjustment);
  double  top =
      gtk_adjustment_get_upper (s->adjustment) - gtk_adjustment_get_page_size (s->adjustment);

  if (now_ms () >= s->end)
    return G_SOURCE_REMOVE;
  if ((s->direction > 0 && value + s->step > top) || (s->direction < 0 && value - s->step < 0))
    s->direction = -s->direction;
  gtk_adjustment_set_value (s->adjustment, value + s->direction * s->step);
  return G_SOURCE_CONTINUE;
}

static gboolean
past (gpointer end)
{
  return now_ms () >= *(double *) end + 50;
}

static void
bench_files (void)
{
  g_autoptr (GBytes) data = make_torrent ("bench-files", n_files, 20000, 256 * 1024);
  g_autoptr (SpateTorrent) torrent = add_and_select (data);
  GtkWidget       *view, *scrolled;
  double           start, mapped, listed, shown, drawn, cpu, wall;
  Scroll           s = { 0 };
  guint            first;
  FrameStats       stats;
  g_autofree char *figure = NULL;

  files_page = SPATE_FILES_PAGE (find_widget (b.pane, SPATE_TYPE_FILES_PAGE));
  spate_details_pane_set_page (SPATE_DETAILS_PANE (b.pane), "general");
  next_frame ();
  next_frame ();

  start = now_ms ();
  spate_details_pane_set_page (SPATE_DETAILS_PANE (b.pane), "files");
  mapped = now_ms ();
  if (!spin_until (rows_listed, NULL, 60000))
    g_error ("the Files page never listed the files");
  listed = now_ms ();
  if (!spin_until (cells_shown, NULL, 60000))
    g_error ("the Files page never made its rows");
  shown = now_ms ();
  drawn = next_frame ();
  g_printerr ("files page: set_page %.1f ms, rows %.1f ms, cells %.1f ms, frame %.1f ms\n",
              mapped - start, listed - start, shown - start, drawn - start);
  figure = g_strdup_printf ("Files page of %d files: from showing it to rows listed and a "
                            "frame drawn (ms)",
                            n_files);
  row (figure, "≤ 1000", TRUE, drawn - start <= 1000, "%.0f", drawn - start);
  row ("… of which switching the page (mapping, loading the tree; ms)", "—", FALSE, FALSE, "%.1f",
       mapped - start);
  row ("… rows in the model (ms)", "—", FALSE, FALSE, "%.1f", listed - start);

  view = find_widget (GTK_WIDGET (files_page), GTK_TYPE_COLUMN_VIEW);
  scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    scrolled = find_widget (GTK_WIDGET (files_page), GTK_TYPE_SCROLLED_WINDOW);
  s.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* A brisk wheel: a quarter of the view per frame. */
  s.step = gtk_adjustment_get_page_size (s.adjustment) / 4;
  s.direction = 1;
  next_frame ();
  first = n_paints ();
  cpu = thread_cpu_ms ();
  start = now_ms ();
  s.end = start + seconds * 1000;
  gtk_widget_add_tick_callback (view, scroll_tick, &s, NULL);
  spin_until (past, &s.end, (guint) (seconds * 1000) + 5000);
  wall = now_ms () - start;
  cpu = thread_cpu_ms () - cpu;
  stats = frame_stats (first, wall, cpu);
  g_printerr ("scrolled to %.0f of %.0f px, step %.1f, view %.0f px\n",
              gtk_adjustment_get_value (s.adjustment), gtk_adjustment_get_upper (s.adjustment),
              s.step, gtk_adjustment_get_page_size (s.adjustment));
  row ("Files page, scrolling a quarter view per frame: frames per second", "≥ 55", TRUE,
       stats.fps >= 55, "%.1f", stats.fps);
  row ("… frame interval mean / p95 / max (ms)", "p95 ≤ 20", TRUE, stats.p95 <= 20,
       "%.1f / %.1f / %.1f", stats.mean, stats.p95, stats.max);
  row ("… main-thread CPU (% of one core)", "—", FALSE, FALSE, "%.0f", stats.cpu_percent);

  time_select (torrent, "files.select-none", 0);
  time_select (torrent, "files.select-all", 4);

  spate_details_pane_set_page (SPATE_DETAILS_PANE (b.pane), "general");
  next_frame ();
}

/* -------------------------------------------------------- piece map */

static SpatePieceMap *piece_map;

static gboolean
map_has_pieces (gpointer unused)
{
  SpatePieceSnapshot *snapshot = spate_piece_map_get_snapshot (piece_map);

  return snapshot != NULL && spate_piece_snapshot_get_n_pieces (snapshot) == n_pieces;
}

static gboolean
resize_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Scroll *s = data; /* direction flips the width */

  if (now_ms () >= s->end)
    return G_SOURCE_REMOVE;
  s->direction = -s->direction;
  gtk_window_set_default_size (GTK_WINDOW (widget), s->direction > 0 ? 1400 : 1200, 900);
  return G_SOURCE_CONTINUE;
}

static GHashTable *widths;

static void
note_width (GdkFrameClock *clock, gpointer unused)
{
  g_hash_table_add (widths, GINT_TO_POINTER (gtk_widget_get_width (GTK_WIDGET (piece_map))));
}

/* Resizes the window every frame for the run's length. */
static FrameStats
resize_run (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));
  Scroll         s = { .direction = 1 };
  double         start, cpu, wall;
  guint          first;
  gulong         id;

  widths = g_hash_table_new (NULL, NULL);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (note_width), NULL);
  next_frame ();
  first = n_paints ();
  cpu = thread_cpu_ms ();
  start = now_ms ();
  s.end = start + seconds * 1000;
  gtk_widget_add_tick_callback (GTK_WIDGET (b.window), resize_tick, &s, NULL);
  spin_until (past, &s.end, (guint) (seconds * 1000) + 5000);
  wall = now_ms () - start;
  cpu = thread_cpu_ms () - cpu;
  g_signal_handler_disconnect (clock, id);
  g_printerr ("piece map widths seen while resizing: %u\n", g_hash_table_size (widths));
  g_clear_pointer (&widths, g_hash_table_destroy);
  return frame_stats (first, wall, cpu);
}

static void
bench_piece_map (void)
{
  g_autoptr (GBytes) small = make_torrent ("bench-one-piece", 1, 16384, 16384);
  g_autoptr (SpateTorrent) small_torrent = add_and_select (small);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (SpateTorrent) torrent = NULL;
  g_autoptr (SpatePieces) pieces = NULL;
  g_autoptr (GBytes) priorities = NULL;
  SpatePieceSnapshot *snapshot;
  int                 width, rounds = 200, scale;
  g_autofree guint8  *rgba = NULL;
  const guint16      *availability = NULL;
  GBytes             *availability_bytes;
  double              start, per;
  FrameStats          stats;

  FrameStats baseline;

  /* The window's own cost of resizing, with a map of one piece. */
  spate_details_pane_set_page (SPATE_DETAILS_PANE (b.pane), "general");
  piece_map = SPATE_PIECE_MAP (find_widget (b.pane, SPATE_TYPE_PIECE_MAP));
  baseline = resize_run ();
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1400, 900);

  data = make_torrent ("bench-pieces", 1, (gint64) n_pieces * 16384, 16384);
  torrent = add_and_select (data);
  pieces = spate_torrent_get_pieces (torrent);
  piece_map = SPATE_PIECE_MAP (find_widget (b.pane, SPATE_TYPE_PIECE_MAP));
  if (!spin_until (map_has_pieces, NULL, 30000))
    g_error ("the piece map never got %d pieces", n_pieces);
  next_frame ();

  /* What the widget does when the data or its width change. */
  snapshot = spate_pieces_get_snapshot (pieces);
  priorities = spate_torrent_get_piece_priorities (torrent, NULL);
  availability_bytes = spate_piece_snapshot_get_availability (snapshot);
  if (availability_bytes != NULL)
    availability = g_bytes_get_data (availability_bytes, NULL);
  width = gtk_widget_get_width (GTK_WIDGET (piece_map));
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (piece_map));
  rgba = g_malloc ((gsize) width * scale * SPATE_PIECE_MAP_HEIGHT * scale * 4);
  start = now_ms ();
  for (int r = 0; r < rounds; r++)
    spate_piece_map_render (g_bytes_get_data (spate_piece_snapshot_get_have (snapshot), NULL),
                            priorities != NULL ? g_bytes_get_data (priorities, NULL) : NULL,
                            availability, n_pieces, FALSE, width * scale,
                            SPATE_PIECE_MAP_HEIGHT * scale, scale, rgba);
  per = (now_ms () - start) / rounds;
  g_printerr ("piece map render: %.3f ms at %d px (scale %d)\n", per, width, scale);
  {
    g_autofree char *figure = g_strdup_printf ("Piece map of %d pieces: building it from the "
                                               "snapshot at %d px (ms, spate_piece_map_render)",
                                               n_pieces, width);

    row (figure, "≤ 0.5", TRUE, per <= 0.5, "%.3f", per);
  }

  /* The engine's side: a fresh snapshot is made about once a second;
   * getting the one held costs nothing, so time the accessors a redraw
   * uses. */
  start = now_ms ();
  for (int r = 0; r < rounds; r++)
    {
      SpatePieceSnapshot *held = spate_pieces_get_snapshot (pieces);
      g_autoptr (GBytes) p = spate_torrent_get_piece_priorities (torrent, NULL);

      (void) spate_piece_snapshot_get_n_have (held);
    }
  per = (now_ms () - start) / rounds;
  row ("… taking the snapshot and the piece priorities the map needs (ms)", "—", FALSE, FALSE,
       "%.3f", per);

  stats = resize_run ();
  row ("General page, window resized every frame (1200 ↔ 1400 px): frames per second", "≥ 55", TRUE,
       stats.fps >= 55, "%.1f", stats.fps);
  row ("… frame interval mean / p95 / max (ms)", "—", FALSE, FALSE, "%.1f / %.1f / %.1f",
       stats.mean, stats.p95, stats.max);
  row ("… main-thread CPU (% of one core)", "≤ 30", TRUE, stats.cpu_percent <= 30, "%.0f",
       stats.cpu_percent);
  row ("… the same with a 1-piece torrent: frames per second / main-thread CPU (%; the window "
       "itself)",
       "—", FALSE, FALSE, "%.1f / %.0f", baseline.fps, baseline.cpu_percent);
  row ("Piece map, an update costs in proportion to the pieces that changed", "—", FALSE, FALSE,
       "not measured (needs a download)");
}

/* -------------------------------------------------------------- main */

static void
isolate (void)
{
  g_autoptr (GError) error = NULL;
  char       *root = g_dir_make_tmp ("spate-bench-details-XXXXXX", &error);
  const char *vars[][2] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "home/.local/share" },
    { "XDG_CONFIG_HOME", "home/.config" },
    { "XDG_CACHE_HOME", "home/.cache" },
    { "XDG_STATE_HOME", "home/.local/state" },
  };

  if (root == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *path = g_build_filename (root, vars[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (vars[i][0], path, TRUE);
    }
  g_free (root);
}

static GVariant *
quiet_settings (void)
{
  g_autoptr (GVariantDict) dict = g_variant_dict_new (NULL);

  g_variant_dict_insert (dict, "listen_interfaces", "s", "127.0.0.1:0");
  g_variant_dict_insert (dict, "enable_dht", "b", FALSE);
  g_variant_dict_insert (dict, "enable_lsd", "b", FALSE);
  g_variant_dict_insert (dict, "enable_upnp", "b", FALSE);
  g_variant_dict_insert (dict, "enable_natpmp", "b", FALSE);
  return g_variant_dict_end (dict);
}

static gboolean
window_shown (gpointer unused)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SPATE_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          b.window = SPATE_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("- time the details pages");
  g_autofree char   *downloads = NULL;
  const GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_INT, &n_files, "Files in the Files page's torrent (100000)",
      "N" },
    { "pieces", 0, 0, G_OPTION_ARG_INT, &n_pieces, "Pieces in the piece map's torrent (100000)",
      "N" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Length of each frame run (5)", "S" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one part: files or pieces (for perf)",
      "PART" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  isolate ();
  gtk_init ();

  downloads = g_build_filename (g_get_home_dir (), "downloads", NULL);
  settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (settings, "download-dir", downloads);
  g_settings_set_value (settings, "libtorrent-settings", quiet_settings ());

  b.app = spate_application_new ();
  if (!g_application_register (G_APPLICATION (b.app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (b.app));
  if (!spin_until (window_shown, NULL, 10000))
    g_error ("no window");
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1400, 900);
  /* Give the details pane most of the height, as someone looking
   * through a long file list would. */
  {
    GtkWidget *paned = find_widget (GTK_WIDGET (b.window), GTK_TYPE_PANED);

    if (paned != NULL &&
        gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_VERTICAL)
      gtk_paned_set_position (GTK_PANED (paned), 200);
    else
      g_printerr ("no vertical paned found: the details pane keeps its height\n");
  }
  b.pane = find_widget (GTK_WIDGET (b.window), SPATE_TYPE_DETAILS_PANE);
  frames.paints = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b.window)), "after-paint",
                    G_CALLBACK (after_paint), NULL);
  next_frame ();

  b.table = g_string_new ("| figure | target | measured | result |\n|---|--:|--:|---|\n");
  if (only == NULL || g_str_equal (only, "files"))
    bench_files ();
  if (only == NULL || g_str_equal (only, "pieces"))
    bench_piece_map ();
  g_print ("%s", b.table->str);

  g_string_free (b.table, TRUE);
  g_array_unref (frames.paints);
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_application_quit (G_APPLICATION (b.app));
  g_clear_object (&b.app);
  return b.failures > 0 ? 1 : 0;
}
