/* spate-window-sort.c: sorting the torrent list: comparisons, which column
 * is sorted and remembering it, and following live columns.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-window-private.h"

#include <string.h>

#include "spate-profiler.h"

/* Sorting reads the torrents' fields directly instead of through
 * expressions and GValues. */
#define COMPARE(a, b) (((a) > (b)) - ((a) < (b)))

static gint64
unknown_last (gint64 value)
{
  return value < 0 ? G_MAXINT64 : value;
}

static int
compare_size (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_wanted_size ((SpateTorrent *) a),
                  spate_torrent_get_wanted_size ((SpateTorrent *) b));
}

static int
compare_progress (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_progress ((SpateTorrent *) a),
                  spate_torrent_get_progress ((SpateTorrent *) b));
}

static int
compare_state (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE ((int) spate_torrent_get_state ((SpateTorrent *) a),
                  (int) spate_torrent_get_state ((SpateTorrent *) b));
}

static int
compare_download_rate (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_download_rate ((SpateTorrent *) a),
                  spate_torrent_get_download_rate ((SpateTorrent *) b));
}

static int
compare_upload_rate (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_upload_rate ((SpateTorrent *) a),
                  spate_torrent_get_upload_rate ((SpateTorrent *) b));
}

static int
compare_eta (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (unknown_last (spate_torrent_get_eta ((SpateTorrent *) a)),
                  unknown_last (spate_torrent_get_eta ((SpateTorrent *) b)));
}

static int
compare_peers (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_num_peers ((SpateTorrent *) a),
                  spate_torrent_get_num_peers ((SpateTorrent *) b));
}

static int
compare_ratio (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_ratio ((SpateTorrent *) a),
                  spate_torrent_get_ratio ((SpateTorrent *) b));
}

static int
compare_added (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (spate_torrent_get_added_time ((SpateTorrent *) a),
                  spate_torrent_get_added_time ((SpateTorrent *) b));
}

static int
compare_queue_position (gconstpointer a, gconstpointer b, gpointer unused)
{
  return COMPARE (unknown_last (spate_torrent_get_queue_position ((SpateTorrent *) a)),
                  unknown_last (spate_torrent_get_queue_position ((SpateTorrent *) b)));
}

/* Names compare by a collation key made once per name (case folded, as
 * GtkStringSorter does), kept on the torrent. */
typedef struct
{
  char *name;
  char *key;
} NameKey;

static void
name_key_free (gpointer data)
{
  NameKey *name_key = data;

  g_free (name_key->name);
  g_free (name_key->key);
  g_free (name_key);
}

static const char *
name_collation_key (SpateTorrent *torrent)
{
  static GQuark quark;
  const char   *name = spate_torrent_get_name (torrent);
  NameKey      *name_key;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("spate-name-collation-key");
  if (name == NULL)
    name = "";
  name_key = g_object_get_qdata (G_OBJECT (torrent), quark);
  if (name_key == NULL || strcmp (name_key->name, name) != 0)
    {
      g_autofree char *folded = g_utf8_casefold (name, -1);

      name_key = g_new (NameKey, 1);
      name_key->name = g_strdup (name);
      name_key->key = g_utf8_collate_key (folded, -1);
      g_object_set_qdata_full (G_OBJECT (torrent), quark, name_key, name_key_free);
    }
  return name_key->key;
}

static int
compare_name (gconstpointer a, gconstpointer b, gpointer unused)
{
  return strcmp (name_collation_key ((SpateTorrent *) a), name_collation_key ((SpateTorrent *) b));
}

/* By column, in template order. "live" columns change while torrents run
 * (a magnet's name and size arrive with its metadata). */
static const struct
{
  GCompareDataFunc compare;
  gboolean         live;
} sorters[SPATE_WINDOW_N_COLUMNS] = {
  { compare_name, TRUE },           /* name */
  { compare_size, TRUE },           /* size */
  { compare_progress, TRUE },       /* progress */
  { compare_state, TRUE },          /* status */
  { compare_download_rate, TRUE },  /* download-rate */
  { compare_upload_rate, TRUE },    /* upload-rate */
  { compare_eta, TRUE },            /* eta */
  { compare_peers, TRUE },          /* peers */
  { compare_ratio, TRUE },          /* ratio */
  { compare_added, FALSE },         /* added-on */
  { compare_queue_position, TRUE }, /* queue-position */
};

/* GTK 4.8 cannot say which column the list is sorted by. The column
 * view's sorter asks its columns' sorters in order, the primary one first,
 * and inverts a descending one's answer: a probe through it finds both. */
static gboolean probing;
static int      probed_column;

static int
compare_column (gconstpointer a, gconstpointer b, gpointer data)
{
  guint i = GPOINTER_TO_UINT (data);

  if (G_UNLIKELY (probing))
    {
      probed_column = (int) i;
      return 1;
    }
  return sorters[i].compare (a, b, NULL);
}

static gboolean
get_sort_column (SpateWindow *self, guint *column, gboolean *descending)
{
  GtkOrdering ordering;

  probing = TRUE;
  probed_column = -1;
  /* The probe never looks at the items; they only need to differ. */
  ordering =
      gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), self, self->column_view);
  probing = FALSE;
  if (probed_column < 0)
    return FALSE;
  *column = (guint) probed_column;
  *descending = ordering == GTK_ORDERING_SMALLER;
  return TRUE;
}

static void
save_sort (SpateWindow *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "sort-column");
  const char      *id = "";
  gboolean         descending = FALSE;
  guint            column;

  /* The sorter changes once more as the window's columns go away. */
  if (self->sort_from_environment || self->column_view == NULL ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (get_sort_column (self, &column, &descending))
    id = _spate_window_columns[column];
  /* Called at every re-sort: write only what changed. */
  if (!g_str_equal (saved, id))
    g_settings_set_string (self->settings, "sort-column", id);
  if (g_settings_get_boolean (self->settings, "sort-descending") != descending)
    g_settings_set_boolean (self->settings, "sort-descending", descending);
}

static void
restore_sort (SpateWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "sort-column");
  gboolean         descending = g_settings_get_boolean (self->settings, "sort-descending");

  for (guint i = 0; i < SPATE_WINDOW_N_COLUMNS; i++)
    {
      if (g_str_equal (_spate_window_columns[i], id))
        gtk_column_view_sort_by_column (self->column_view, _spate_window_get_column (self, i),
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

/* The column view's sorter listens to the sorters of the columns it sorts
 * by, and only to those (GTK 4.8 has no getter for them). Returns the
 * first such sorter of a live column, or NULL. */
static GtkSorter *
find_live_sorter (SpateWindow *self)
{
  guint changed = g_signal_lookup ("changed", GTK_TYPE_SORTER);

  for (guint i = 0; i < SPATE_WINDOW_N_COLUMNS; i++)
    {
      GtkSorter *sorter;

      if (!sorters[i].live)
        continue;
      sorter = gtk_column_view_column_get_sorter (_spate_window_get_column (self, i));
      if (sorter != NULL && g_signal_has_handler_pending (sorter, changed, 0, FALSE))
        return sorter;
    }
  return NULL;
}

/* The order follows the torrents at every update when a column that
 * changes while they run is one the list sorts by. The sort model moves
 * only the rows now out of place, so the sorter itself stays unchanged. */
void
_spate_window_sort_tick (SpateWindow *self)
{
  if (find_live_sorter (self) != NULL)
    spate_sort_model_refresh (self->sort_model);
}

/* The benchmark sorts by a column: SPATE_PROFILE_SORT=download-rate. */
static void
sort_from_environment (SpateWindow *self)
{
  const char *id = g_getenv ("SPATE_PROFILE_SORT");

  if (id == NULL || !spate_profiler_enabled ())
    return;
  self->sort_from_environment = TRUE;
  for (guint i = 0; i < SPATE_WINDOW_N_COLUMNS; i++)
    {
      if (g_str_equal (_spate_window_columns[i], id))
        gtk_column_view_sort_by_column (self->column_view, _spate_window_get_column (self, i),
                                        GTK_SORT_DESCENDING);
    }
}

void
_spate_window_sort_init (SpateWindow *self)
{
  for (guint i = 0; i < SPATE_WINDOW_N_COLUMNS; i++)
    {
      g_autoptr (GtkCustomSorter) sorter =
          gtk_custom_sorter_new (compare_column, GUINT_TO_POINTER (i), NULL);

      gtk_column_view_column_set_sorter (_spate_window_get_column (self, i), GTK_SORTER (sorter));
    }
  restore_sort (self);
  sort_from_environment (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (save_sort), self, G_CONNECT_SWAPPED);
}
