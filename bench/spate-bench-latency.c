/* spate-bench-latency.c: how long an alert takes to show in its row.
 *
 * Runs the desktop app in-process (as tests/ui does) with many torrents,
 * a few of them real, with data on tmpfs, shown at the top of the list.
 * Each of those goes through events again and again: paused and resumed
 * through the engine (state change), rechecked back to seeding (finished),
 * rechecked with its file turned into a folder (error). For each event it
 * takes libtorrent's alert time (carried by the shim record), the moment
 * the row's status label shows the new state, and the next frame painted.
 * A few more torrents download from a second, in-process session on
 * loopback, and the age of the rate each row shows is taken at every
 * frame. bench/latency.py runs it under Xvfb and writes the report; it
 * prints one JSON object on stdout.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "spate-application.h"
#include "spate-cell-label.h"
#include "spate-session-private.h"
#include "spate-window.h"

static int    n_torrents = 1000;
static int    n_events = 250;
static int    n_subjects = 4;
static int    n_active = 6;
static int    active_limit_kib = 100;
static double max_seconds = 300;
static char  *workdir = NULL;

typedef enum
{
  KIND_STATE,
  KIND_FINISHED,
  KIND_ERROR,
  KIND_ACTIVE, /* downloads, for the rates only */
  N_KINDS
} Kind;

static const char * const kind_names[] = { "state", "finished", "error", "active" };

typedef struct
{
  Kind            kind;
  int             index;
  char           *name;
  char           *path; /* its data file (or, for errors, the folder in its place) */
  SpateTorrent   *torrent;
  SpateCellLabel *status_label;
  SpateCellLabel *rate_label;

  /* The event under way. */
  gboolean    pending;
  gboolean    clearing; /* an error subject getting its error cleared first */
  const char *want;     /* what the label starts with once it shows */
  gint64      asked;    /* µs, the engine call */
  gint64      alert;    /* µs, libtorrent's time of the alert; 0 until it comes */
  int         alert_kind;
  gint64      label;   /* µs, the label showed it; 0 until */
  gint64      painted; /* µs, the first frame painted after that; 0 until */
  gint64      next_at; /* µs, when to start the next event */
  gboolean    paused;  /* state subjects: what the last event did */

  /* Rates: the state update that carried what the row shows. */
  gint64 last_update; /* µs, the newest state update naming it */
  gint64 shown_update;
} Subject;

static struct
{
  SpateApplication *app;
  SpateWindow      *window;
  SpateSession     *session;
  SpateSession     *seeder;
  GPtrArray        *subjects;
  GHashTable       *by_torrent; /* SpateTorrent → Subject */
  GArray           *to_label[N_KINDS];
  GArray           *to_paint[N_KINDS];
  guint             missed[N_KINDS];
  guint             started_by[N_KINDS][SPATE_LT_N_ALERT_KINDS];
  guint             early[N_KINDS];   /* the row showed it before the alert came */
  guint             retried[N_KINDS]; /* started over: a resume undone by late reads */
  GArray           *rate_ages;        /* ms, at every frame, every active row */
  GArray           *rate_replaced;    /* ms, age of a rate when the next replaced it */
  guint             rate_mismatch;    /* frames where a rate label lagged its torrent */
  guint             frames;
  GRand            *rand;
} b;

/* ---------------------------------------------------------- helpers */

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static gboolean
spin_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 deadline = now_us () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (now_us () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
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

static void
write_random (const char *path, gsize size)
{
  g_autofree guint32 *data = g_new (guint32, size / 4);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < size / 4; i++)
    data[i] = g_rand_int (b.rand);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);
}

/* -------------------------------------------------------- torrents */

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

/* A v1 single-file .torrent. With data, real piece hashes of it; without,
 * made up (it can be added stopped and listed, never checked). */
static GBytes *
make_torrent (const char *name, const guint8 *data, gsize size)
{
  const gsize piece = 64 * 1024;
  gsize       pieces = (size + piece - 1) / piece;
  GString    *hashes = g_string_sized_new (pieces * 20);
  GString    *out = g_string_new ("d4:infod");

  for (gsize i = 0; i < pieces; i++)
    {
      guint8 digest[20];
      gsize  len = sizeof digest;

      if (data != NULL)
        {
          g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);

          g_checksum_update (sum, data + i * piece, MIN (piece, size - i * piece));
          g_checksum_get_digest (sum, digest, &len);
        }
      else
        {
          for (guint j = 0; j < sizeof digest; j++)
            digest[j] = (guint8) g_rand_int (b.rand);
        }
      g_string_append_len (hashes, (const char *) digest, 20);
    }
  bencode_key (out, "length");
  g_string_append_printf (out, "i%" G_GSIZE_FORMAT "e", size);
  bencode_key (out, "name");
  bencode_string (out, name, strlen (name));
  bencode_key (out, "piece length");
  g_string_append_printf (out, "i%" G_GSIZE_FORMAT "e", piece);
  bencode_key (out, "pieces");
  bencode_string (out, hashes->str, hashes->len);
  bencode_key (out, "private");
  g_string_append (out, "i1e");
  g_string_append (out, "ee");
  g_string_free (hashes, TRUE);
  return g_string_free_to_bytes (out);
}

static SpateTorrent *
add (SpateSession *session, GBytes *torrent, const char *save_path, gboolean paused, gboolean seed)
{
  SpateAddOptions options = { .save_path = save_path, .paused = paused, .seed_mode = seed };
  g_autoptr (GError) error = NULL;
  SpateTorrent *added = spate_session_add_bytes (session, torrent, &options, &error);

  if (added == NULL)
    g_error ("adding a torrent: %s", error->message);
  return g_object_ref (added);
}

static Subject *
subject_new (Kind kind, int index, gsize size)
{
  Subject         *s = g_new0 (Subject, 1);
  g_autofree char *data_dir = g_build_filename (workdir, "data", NULL);
  g_autofree char *content = NULL;
  g_autoptr (GBytes) torrent = NULL;
  gsize length = 0;

  s->kind = kind;
  s->index = index;
  s->name = g_strdup_printf ("latency-%s-%02d", kind_names[kind], index);
  s->path = g_build_filename (data_dir, s->name, NULL);
  write_random (s->path, size);
  if (!g_file_get_contents (s->path, &content, &length, NULL))
    g_error ("cannot read %s back", s->path);
  torrent = make_torrent (s->name, (const guint8 *) content, length);

  if (kind == KIND_ACTIVE)
    {
      /* The seeder has it; the app downloads it into a folder of its own. */
      g_autofree char *downloads = g_build_filename (workdir, "downloads", NULL);
      g_autoptr (SpateTorrent) seed = add (b.seeder, torrent, data_dir, FALSE, TRUE);

      s->torrent = add (b.session, torrent, downloads, FALSE, FALSE);
      spate_torrent_set_download_limit (s->torrent, active_limit_kib * 1024, NULL);
    }
  else
    {
      if (kind == KIND_ERROR)
        {
          /* A folder where the file should be: every read of it fails. */
          g_unlink (s->path);
          g_mkdir (s->path, 0755);
        }
      s->torrent = add (b.session, torrent, data_dir, FALSE, FALSE);
    }
  g_hash_table_insert (b.by_torrent, s->torrent, s);
  return s;
}

static void
subject_free (gpointer data)
{
  Subject *s = data;

  g_clear_object (&s->torrent);
  g_free (s->name);
  g_free (s->path);
  g_free (s);
}

/* ------------------------------------------------------ the alerts */

static gboolean
starts_event (Subject *s, const SpateLtAlert *alert)
{
  switch (s->kind)
    {
    case KIND_STATE:
      return s->paused ? alert->kind == SPATE_LT_ALERT_TORRENT_PAUSED
                       : (alert->kind == SPATE_LT_ALERT_TORRENT_RESUMED ||
                          alert->kind == SPATE_LT_ALERT_STATE_CHANGED);
    case KIND_FINISHED:
      return alert->kind == SPATE_LT_ALERT_TORRENT_FINISHED ||
             (alert->kind == SPATE_LT_ALERT_STATE_CHANGED &&
              alert->state == SPATE_LT_STATE_SEEDING);
    case KIND_ERROR:
      return alert->kind == SPATE_LT_ALERT_TORRENT_ERROR ||
             alert->kind == SPATE_LT_ALERT_FILE_ERROR;
    case KIND_ACTIVE:
    case N_KINDS:
    default:
      return FALSE;
    }
}

static void
observe_alert (SpateSession       *session,
               SpateTorrent       *torrent,
               const SpateLtAlert *alert,
               gpointer            unused)
{
  Subject *s;

  if (alert->kind == SPATE_LT_ALERT_STATE_UPDATE)
    {
      for (gsize i = 0; i < alert->n_statuses; i++)
        {
          Subject *t = g_hash_table_lookup (b.by_torrent, alert->statuses[i].user_data);

          if (t != NULL)
            t->last_update = alert->time;
        }
      return;
    }
  if (torrent == NULL)
    return;
  s = g_hash_table_lookup (b.by_torrent, torrent);
  if (s == NULL || !s->pending || s->clearing || s->alert != 0 || alert->time < s->asked)
    return;
  if (starts_event (s, alert))
    {
      s->alert = alert->time;
      s->alert_kind = alert->kind;
    }
}

/* ------------------------------------------------------ the labels */

static void
status_label_changed (SpateCellLabel *label, GParamSpec *pspec, Subject *s)
{
  const char *text = spate_cell_label_get_label (label);

  if (!s->pending)
    return;
  if (s->clearing)
    {
      /* The error is gone from the row: now provoke the next one. */
      if (!g_str_has_prefix (text, "Error"))
        {
          s->clearing = FALSE;
          s->asked = now_us ();
          if (!spate_torrent_resume (s->torrent, FALSE, NULL) ||
              !spate_torrent_recheck (s->torrent, NULL))
            g_printerr ("%s: resume or recheck refused\n", s->name);
        }
      return;
    }
  /* The engine also reads the state back right after a call of its own, so
   * the row may show it before libtorrent's alert comes. */
  if (s->label == 0 && g_str_has_prefix (text, s->want))
    s->label = now_us ();
}

static void
rate_label_changed (SpateCellLabel *label, GParamSpec *pspec, Subject *s)
{
  gint64 now = now_us ();

  if (s->shown_update != 0)
    g_array_append_val (b.rate_replaced, (double){ (now - s->shown_update) / 1000.0 });
  s->shown_update = s->last_update;
}

/* The label of column title in every row, by the name shown in the row. */
static void
find_labels (void)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (b.window), GTK_TYPE_COLUMN_VIEW));
  GListModel    *columns = gtk_column_view_get_columns (view);
  GtkWidget     *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  int            name_at = -1, status_at = -1, rate_at = -1, visible = 0;
  int            name_vis = -1, status_vis = -1, rate_vis = -1;
  guint          n_columns = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);
      gboolean    shown = gtk_column_view_column_get_visible (column);

      if (g_strcmp0 (title, "Name") == 0)
        name_at = i, name_vis = visible;
      else if (g_strcmp0 (title, "Status") == 0)
        status_at = i, status_vis = visible;
      else if (g_strcmp0 (title, "Down") == 0)
        rate_at = i, rate_vis = visible;
      visible += shown;
    }
  if (name_at < 0 || status_at < 0 || rate_at < 0 || list == NULL)
    g_error ("the list has no Name, Status or Down column (LANG=C.UTF-8?)");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GPtrArray *cells = g_ptr_array_new ();
      GtkWidget *name_label, *status_label, *rate_label;
      Subject   *s = NULL;
      gboolean   all;

      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        g_ptr_array_add (cells, cell);
      all = cells->len == n_columns;
      if (cells->len != n_columns && (int) cells->len != visible)
        {
          g_ptr_array_unref (cells);
          continue;
        }
      name_label =
          find_widget (g_ptr_array_index (cells, all ? name_at : name_vis), SPATE_TYPE_CELL_LABEL);
      status_label = find_widget (g_ptr_array_index (cells, all ? status_at : status_vis),
                                  SPATE_TYPE_CELL_LABEL);
      rate_label =
          find_widget (g_ptr_array_index (cells, all ? rate_at : rate_vis), SPATE_TYPE_CELL_LABEL);
      g_ptr_array_unref (cells);
      if (name_label == NULL || status_label == NULL || rate_label == NULL)
        continue;
      for (guint i = 0; i < b.subjects->len && s == NULL; i++)
        {
          Subject *t = g_ptr_array_index (b.subjects, i);

          if (g_str_equal (spate_cell_label_get_label (SPATE_CELL_LABEL (name_label)), t->name))
            s = t;
        }
      if (s == NULL || s->status_label != NULL)
        continue;
      s->status_label = SPATE_CELL_LABEL (status_label);
      s->rate_label = SPATE_CELL_LABEL (rate_label);
      g_signal_connect (status_label, "notify::label", G_CALLBACK (status_label_changed), s);
      if (s->kind == KIND_ACTIVE)
        g_signal_connect (rate_label, "notify::label", G_CALLBACK (rate_label_changed), s);
    }
}

static gboolean
labels_found (gpointer unused)
{
  find_labels ();
  for (guint i = 0; i < b.subjects->len; i++)
    {
      Subject *s = g_ptr_array_index (b.subjects, i);

      if (s->status_label == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------ the events */

static char *
format_rate (int rate)
{
  g_autofree char *size = NULL;

  if (rate <= 0)
    return g_strdup ("");
  size = g_format_size (rate);
  return g_strdup_printf ("%s/s", size);
}

static void
after_paint (GdkFrameClock *clock, gpointer unused)
{
  gint64 now = now_us ();

  b.frames++;
  for (guint i = 0; i < b.subjects->len; i++)
    {
      Subject *s = g_ptr_array_index (b.subjects, i);

      if (s->kind == KIND_ACTIVE)
        {
          g_autofree char *want = format_rate (spate_torrent_get_download_rate (s->torrent));

          if (s->shown_update == 0 || want[0] == '\0')
            continue;
          if (!g_str_equal (spate_cell_label_get_label (s->rate_label), want))
            b.rate_mismatch++;
          g_array_append_val (b.rate_ages, (double){ (now - s->shown_update) / 1000.0 });
          continue;
        }
      if (!s->pending || s->label == 0)
        continue;
      if (s->painted == 0)
        s->painted = now;
      if (s->alert == 0)
        continue;
      g_array_append_val (b.to_label[s->kind], (double){ MAX (s->label - s->alert, 0) / 1000.0 });
      g_array_append_val (b.to_paint[s->kind], (double){ MAX (s->painted - s->alert, 0) / 1000.0 });
      b.started_by[s->kind][s->alert_kind]++;
      b.early[s->kind] += s->label < s->alert;
      s->pending = FALSE;
      /* Not in step with the frames or the status ticks. */
      s->next_at = now + g_rand_int_range (b.rand, 20000, 150000);
    }
}

static void
start_event (Subject *s)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  s->pending = TRUE;
  s->alert = 0;
  s->label = 0;
  s->painted = 0;
  s->asked = now_us ();
  switch (s->kind)
    {
    case KIND_STATE:
      s->paused = !s->paused;
      s->want = s->paused ? "Paused" : "Seeding";
      ok = s->paused ? spate_torrent_pause (s->torrent, &error)
                     : spate_torrent_resume (s->torrent, FALSE, &error);
      break;
    case KIND_FINISHED:
      s->want = "Seeding";
      ok = spate_torrent_recheck (s->torrent, &error);
      break;
    case KIND_ERROR:
      s->want = "Error";
      if (g_str_has_prefix (spate_cell_label_get_label (s->status_label), "Error"))
        {
          /* Recheck once the row no longer shows the last error. */
          s->clearing = TRUE;
          ok = spate_torrent_clear_error (s->torrent, &error);
        }
      else
        ok = spate_torrent_resume (s->torrent, FALSE, &error) &&
             spate_torrent_recheck (s->torrent, &error);
      break;
    case KIND_ACTIVE:
    case N_KINDS:
    default:
      s->pending = FALSE;
      return;
    }
  if (!ok)
    g_error ("%s: %s", s->name, error->message);
}

static gboolean
enough (void)
{
  for (Kind k = 0; k < KIND_ACTIVE; k++)
    {
      if (b.to_label[k]->len < (guint) n_events)
        return FALSE;
    }
  return TRUE;
}

/* Starts what is due; an event that never shows is counted as missed. */
static gboolean
tick (gpointer unused)
{
  gint64 now = now_us ();

  for (guint i = 0; i < b.subjects->len; i++)
    {
      Subject *s = g_ptr_array_index (b.subjects, i);

      if (s->kind == KIND_ACTIVE || b.to_label[s->kind]->len >= (guint) n_events)
        continue;
      if (s->pending && now - s->asked > 10 * G_USEC_PER_SEC)
        {
          g_printerr ("%s: no %s within 10 s (alert %s, label “%s”)\n", s->name, s->want,
                      s->alert ? "seen" : "not seen", spate_cell_label_get_label (s->status_label));
          b.missed[s->kind]++;
          s->pending = s->clearing = FALSE;
          s->next_at = now;
        }
      /* A resume that came while libtorrent still reported the last
       * error's failed reads is undone by them: ask again. */
      if (s->kind == KIND_ERROR && s->pending && !s->clearing && s->label == 0 &&
          now - s->asked > G_USEC_PER_SEC &&
          g_str_equal (spate_cell_label_get_label (s->status_label), "Paused"))
        {
          /* Its alerts so far were the last error's: the event starts over. */
          s->asked = now;
          s->alert = 0;
          b.retried[s->kind]++;
          spate_torrent_resume (s->torrent, FALSE, NULL);
          spate_torrent_recheck (s->torrent, NULL);
        }
      if (!s->pending && now >= s->next_at)
        start_event (s);
    }
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------ the report */

static void
json_array (GString *out, const char *key, GArray *values)
{
  g_string_append_printf (out, "\"%s\":[", key);
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (out, "%s%.3f", i ? "," : "", g_array_index (values, double, i));
  g_string_append (out, "]");
}

static void
print_report (double seconds)
{
  GString *out = g_string_new ("{");

  g_string_append_printf (out,
                          "\"torrents\":%d,\"subjects\":%d,\"active\":%d,\"seconds\":%.1f,"
                          "\"frames\":%u,\"rate_mismatch\":%u,",
                          n_torrents, n_subjects, n_active, seconds, b.frames, b.rate_mismatch);
  json_array (out, "rate_age_ms", b.rate_ages);
  g_string_append (out, ",");
  json_array (out, "rate_replaced_ms", b.rate_replaced);
  g_string_append (out, ",\"kinds\":{");
  for (Kind k = 0; k < KIND_ACTIVE; k++)
    {
      gboolean first = TRUE;

      g_string_append_printf (out, "%s\"%s\":{\"missed\":%u,\"early\":%u,\"retried\":%u,",
                              k ? "," : "", kind_names[k], b.missed[k], b.early[k], b.retried[k]);
      json_array (out, "to_label_ms", b.to_label[k]);
      g_string_append (out, ",");
      json_array (out, "to_paint_ms", b.to_paint[k]);
      g_string_append (out, ",\"started_by\":{");
      for (int a = 0; a < SPATE_LT_N_ALERT_KINDS; a++)
        {
          if (b.started_by[k][a] == 0)
            continue;
          g_string_append_printf (out, "%s\"%s\":%u", first ? "" : ",",
                                  spate_lt_alert_kind_to_string (a), b.started_by[k][a]);
          first = FALSE;
        }
      g_string_append (out, "}}");
    }
  g_string_append (out, "}}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

/* -------------------------------------------------------------- main */

static void
isolate (void)
{
  const char *vars[][2] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "home/.local/share" },
    { "XDG_CONFIG_HOME", "home/.config" },
    { "XDG_CACHE_HOME", "home/.cache" },
    { "XDG_STATE_HOME", "home/.local/state" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *path = g_build_filename (workdir, vars[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (vars[i][0], path, TRUE);
    }
}

static GVariant *
loopback_settings (void)
{
  g_autoptr (GVariantDict) dict = g_variant_dict_new (NULL);

  /* No queue: every torrent of the seeder seeds. */
  g_variant_dict_insert (dict, "active_downloads", "i", -1);
  g_variant_dict_insert (dict, "active_seeds", "i", -1);
  g_variant_dict_insert (dict, "active_limit", "i", -1);

  g_variant_dict_insert (dict, "listen_interfaces", "s", "127.0.0.1:0");
  g_variant_dict_insert (dict, "enable_dht", "b", FALSE);
  g_variant_dict_insert (dict, "dht_bootstrap_nodes", "s", "");
  g_variant_dict_insert (dict, "enable_lsd", "b", FALSE);
  g_variant_dict_insert (dict, "enable_upnp", "b", FALSE);
  g_variant_dict_insert (dict, "enable_natpmp", "b", FALSE);
  g_variant_dict_insert (dict, "enable_outgoing_utp", "b", FALSE);
  g_variant_dict_insert (dict, "enable_incoming_utp", "b", FALSE);
  g_variant_dict_insert (dict, "allow_multiple_connections_per_ip", "b", TRUE);
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

static gboolean
seeder_listening (gpointer unused)
{
  return spate_session_get_listen_port (b.seeder) > 0;
}

static int seeder_port;

static gboolean
subjects_ready (gpointer unused)
{
  for (guint i = 0; i < b.subjects->len; i++)
    {
      Subject          *s = g_ptr_array_index (b.subjects, i);
      SpateTorrentState state = spate_torrent_get_state (s->torrent);

      if (state == SPATE_TORRENT_STATE_CHECKING || state == SPATE_TORRENT_STATE_QUEUED)
        return FALSE;
      if (s->kind == KIND_ACTIVE && spate_torrent_get_download_rate (s->torrent) <= 0)
        {
          /* Asked before it was checked, or refused: ask again. */
          if (now_us () - s->asked > 3 * G_USEC_PER_SEC)
            {
              s->asked = now_us ();
              spate_torrent_connect_peer (s->torrent, "127.0.0.1", seeder_port, NULL);
            }
          return FALSE;
        }
    }
  return TRUE;
}

static void
add_everything (void)
{
  g_autofree char *downloads = g_build_filename (workdir, "downloads", NULL);
  g_autofree char *data_dir = g_build_filename (workdir, "data", NULL);
  g_autofree char *seeder_dir = g_build_filename (workdir, "seeder", NULL);
  g_autoptr (GError) error = NULL;
  int port;

  g_mkdir_with_parents (downloads, 0755);
  g_mkdir_with_parents (data_dir, 0755);
  b.seeder = spate_session_new (seeder_dir, loopback_settings (), &error);
  if (b.seeder == NULL)
    g_error ("the seeder: %s", error->message);
  if (!spin_until (seeder_listening, NULL, 10000))
    g_error ("the seeder does not listen");
  port = seeder_port = spate_session_get_listen_port (b.seeder);

  /* Real torrents first: their rows are the top of the list. */
  for (int i = 0; i < n_subjects; i++)
    {
      g_ptr_array_add (b.subjects, subject_new (KIND_STATE, i, 256 * 1024));
      g_ptr_array_add (b.subjects, subject_new (KIND_FINISHED, i, 1024 * 1024));
      g_ptr_array_add (b.subjects, subject_new (KIND_ERROR, i, 256 * 1024));
    }
  for (int i = 0; i < n_active; i++)
    {
      /* Enough to keep downloading at the limit for the whole run. */
      gsize    size = MIN ((gsize) (active_limit_kib * 1024 * (max_seconds + 60)), 256u << 20);
      Subject *s = subject_new (KIND_ACTIVE, i, size & ~(gsize) 0xffff);

      if (!spate_torrent_connect_peer (s->torrent, "127.0.0.1", port, &error))
        g_error ("%s: %s", s->name, error->message);
      s->asked = now_us ();
      g_ptr_array_add (b.subjects, s);
    }
  for (int i = (int) b.subjects->len; i < n_torrents; i++)
    {
      g_autofree char *name = g_strdup_printf ("latency-filler-%05d", i);
      g_autoptr (GBytes) torrent = make_torrent (name, NULL, 4 << 20);
      g_autoptr (SpateTorrent) filler = add (b.session, torrent, downloads, TRUE, FALSE);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("- time alerts into rows");
  g_autoptr (GVariantDict) lt = g_variant_dict_new (NULL);
  gint64             start, deadline;
  guint              tick_id;
  const GOptionEntry entries[] = {
    { "torrents", 0, 0, G_OPTION_ARG_INT, &n_torrents, "Torrents in the list (1000)", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Events of each kind (250)", "N" },
    { "subjects", 0, 0, G_OPTION_ARG_INT, &n_subjects, "Torrents per kind of event (4)", "N" },
    { "active", 0, 0, G_OPTION_ARG_INT, &n_active, "Downloading torrents (6)", "N" },
    { "active-limit", 0, 0, G_OPTION_ARG_INT, &active_limit_kib,
      "Download limit of each, KiB/s (100)", "K" },
    { "max-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &max_seconds, "Give up after (300)", "S" },
    { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &workdir, "Where data goes, best tmpfs (required)",
      "DIR" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (workdir == NULL)
    {
      g_printerr ("--workdir is required\n");
      return 2;
    }
  isolate ();
  gtk_init ();

  b.rand = g_rand_new_with_seed (9);
  b.subjects = g_ptr_array_new_with_free_func (subject_free);
  b.by_torrent = g_hash_table_new (NULL, NULL);
  for (Kind k = 0; k < N_KINDS; k++)
    {
      b.to_label[k] = g_array_new (FALSE, FALSE, sizeof (double));
      b.to_paint[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  b.rate_ages = g_array_new (FALSE, FALSE, sizeof (double));
  b.rate_replaced = g_array_new (FALSE, FALSE, sizeof (double));

  settings = g_settings_new ("io.github.spate.Spate");
  {
    g_autofree char *downloads = g_build_filename (workdir, "downloads", NULL);
    GVariant        *quiet = loopback_settings ();

    for (gsize i = 0; i < g_variant_n_children (quiet); i++)
      {
        g_autoptr (GVariant) entry = g_variant_get_child_value (quiet, i);
        g_autoptr (GVariant) key = g_variant_get_child_value (entry, 0);
        g_autoptr (GVariant) boxed = g_variant_get_child_value (entry, 1);
        g_autoptr (GVariant) value = g_variant_get_variant (boxed);

        g_variant_dict_insert_value (lt, g_variant_get_string (key, NULL), value);
      }
    g_variant_unref (g_variant_ref_sink (quiet));
    g_settings_set_string (settings, "download-dir", downloads);
  }
  /* Every real torrent runs at once, none waits in a queue. */
  g_settings_set_boolean (settings, "queueing-enabled", FALSE);
  g_settings_set_boolean (settings, "notifications", FALSE);
  g_settings_set_value (settings, "libtorrent-settings", g_variant_dict_end (lt));

  b.app = spate_application_new ();
  if (!g_application_register (G_APPLICATION (b.app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (b.app));
  if (!spin_until (window_shown, NULL, 10000))
    g_error ("no window");
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1400, 900);
  {
    /* The list gets most of the height: every real torrent's row in view. */
    GtkWidget *paned = find_widget (GTK_WIDGET (b.window), GTK_TYPE_PANED);

    if (paned != NULL &&
        gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) == GTK_ORIENTATION_VERTICAL)
      gtk_paned_set_position (GTK_PANED (paned), 750);
  }
  b.session = spate_application_get_session (b.app);
  _spate_session_set_alert_observer (b.session, observe_alert, NULL);

  start = now_us ();
  add_everything ();
  g_printerr ("added %d torrents in %.1f s\n", n_torrents, (now_us () - start) / 1e6);
  if (!spin_until (labels_found, NULL, 30000))
    g_error ("the rows of the real torrents are not all in view");
  if (!spin_until (subjects_ready, NULL, 60000))
    {
      for (guint i = 0; i < b.subjects->len; i++)
        {
          Subject *s = g_ptr_array_index (b.subjects, i);

          g_printerr ("%s: “%s”, %d B/s\n", s->name, spate_cell_label_get_label (s->status_label),
                      spate_torrent_get_download_rate (s->torrent));
        }
      g_error ("the real torrents did not all get going within 60 s");
    }
  g_printerr ("ready after %.1f s\n", (now_us () - start) / 1e6);

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b.window)), "after-paint",
                    G_CALLBACK (after_paint), NULL);
  tick_id = g_timeout_add (5, tick, NULL);
  start = now_us ();
  deadline = start + (gint64) (max_seconds * G_USEC_PER_SEC);
  while (!enough () && now_us () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  print_report ((now_us () - start) / 1e6);

  _spate_session_set_alert_observer (b.session, NULL, NULL);
  if (!spate_session_close (b.seeder, 10000, &error))
    g_printerr ("closing the seeder: %s\n", error->message);
  g_clear_object (&b.seeder);
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_application_quit (G_APPLICATION (b.app));
  g_clear_object (&b.app);
  return enough () ? 0 : 1;
}
