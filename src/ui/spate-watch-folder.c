/* spate-watch-folder.c: adds the .torrent files that appear in a folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GFileMonitor says when to look; a look every few seconds covers file
 * systems that report nothing (network shares, some FUSE mounts). A file is
 * read only once two looks SETTLE_MS apart find it the same size, so a
 * download or copy still under way is never read half. Each file is dealt
 * with once: added, already there, or not a torrent; it is looked at again
 * only if it changes.
 */

#include "spate-watch-folder.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* A file's size must hold this long before it is read. */
#define SETTLE_MS 1000
/* Events come in bursts while a file is written: one look after them. */
#define EVENT_DELAY_MS 100
/* For file systems without change notification. */
#define RESCAN_MS 10000

typedef struct
{
  gint64   size;
  gint64   mtime;
  gint64   since; /* monotonic µs the size was first seen */
  gboolean done;  /* dealt with; again only if it changes */
} Seen;

struct _SpateWatchFolder
{
  GObject parent_instance;

  SpateSession *session;
  GSettings    *settings;

  GFile        *folder; /* while watching */
  GFileMonitor *monitor;
  GHashTable   *seen; /* file name → Seen */
  guint         look_source;
  gint64        look_due; /* monotonic µs */
  guint         rescan_source;
  guint         waiting;
  gboolean      told_unreadable;
};

G_DEFINE_FINAL_TYPE (SpateWatchFolder, spate_watch_folder, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FOLDER,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void look (SpateWatchFolder *self);

/* ------------------------------------------------------------ timing */

static gboolean
on_look (gpointer data)
{
  SpateWatchFolder *self = data;

  self->look_source = 0;
  look (self);
  return G_SOURCE_REMOVE;
}

/* Looks within delay_ms, keeping an earlier look already planned. */
static void
look_soon (SpateWatchFolder *self, guint delay_ms)
{
  gint64 due = g_get_monotonic_time () + (gint64) delay_ms * 1000;

  if (self->look_source != 0 && self->look_due <= due)
    return;
  g_clear_handle_id (&self->look_source, g_source_remove);
  self->look_due = due;
  self->look_source = g_timeout_add (delay_ms, on_look, self);
}

static gboolean
on_rescan (gpointer data)
{
  look (data);
  return G_SOURCE_CONTINUE;
}

static void
on_changed (GFileMonitor     *monitor,
            GFile            *file,
            GFile            *other,
            GFileMonitorEvent event,
            SpateWatchFolder *self)
{
  if (event != G_FILE_MONITOR_EVENT_DELETED && event != G_FILE_MONITOR_EVENT_MOVED_OUT &&
      event != G_FILE_MONITOR_EVENT_PRE_UNMOUNT && event != G_FILE_MONITOR_EVENT_UNMOUNTED)
    look_soon (self, EVENT_DELAY_MS);
}

static void
on_restoring (SpateWatchFolder *self)
{
  /* Torrents coming back count as in the list: wait for them. */
  if (!spate_session_get_restoring (self->session))
    look_soon (self, 0);
}

/* ------------------------------------------------------------ dealing */

static gboolean
is_torrent_name (const char *name)
{
  gsize len = strlen (name);

  return len > 8 && name[0] != '.' && g_ascii_strcasecmp (name + len - 8, ".torrent") == 0;
}

/* The torrent is in the list: the file goes, as the key says. */
static void
put_away (SpateWatchFolder *self, const char *path)
{
  g_autofree char *action = g_settings_get_string (self->settings, "watch-dir-action");
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *added = NULL;

  if (g_str_equal (action, "remove"))
    {
      if (g_unlink (path) != 0)
        g_message ("Watched folder: could not remove “%s”: %s", display, g_strerror (errno));
      return;
    }
  added = g_strconcat (path, ".added", NULL);
  if (g_rename (path, added) != 0)
    g_message ("Watched folder: could not rename “%s”: %s", display, g_strerror (errno));
}

static void
set_aside (const char *path, const GError *reason)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  g_autofree char *invalid = g_strconcat (path, ".invalid", NULL);

  if (g_rename (path, invalid) != 0)
    g_message ("Watched folder: “%s” is not a torrent file and could not be renamed (%s): %s",
               display, g_strerror (errno), reason->message);
  else
    g_message ("Watched folder: “%s” is not a torrent file, renamed to end in .invalid: %s",
               display, reason->message);
}

static void
deal_with (SpateWatchFolder *self, const char *path)
{
  SpateAddOptions options = { 0 };
  g_autoptr (SpateTorrentInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = spate_torrent_info_new_from_file (path, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT) ||
          g_error_matches (error, SPATE_ERROR, SPATE_ERROR_TOO_LARGE))
        set_aside (path, error);
      else if (!g_error_matches (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND))
        /* Tried again when the file changes. */
        g_message ("Watched folder: %s", error->message);
      return;
    }

  options.paused = g_settings_get_boolean (self->settings, "start-paused");
  if (spate_session_add_bytes (self->session, spate_torrent_info_get_bytes (info), &options,
                               &error) != NULL ||
      g_error_matches (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED))
    put_away (self, path);
  else
    {
      g_autofree char *display = g_filename_display_name (path);
      /* Not the file's fault (a full disk, the session closing): said
       * once, and tried again when the file changes. */
      g_message ("Watched folder: could not add “%s”: %s", display, error->message);
    }
}

/* ------------------------------------------------------------ looking */

static void
set_waiting (SpateWatchFolder *self, guint waiting)
{
  if (self->waiting == waiting)
    return;
  self->waiting = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
}

static void
unreadable (SpateWatchFolder *self, const GError *error)
{
  g_autofree char *display = NULL;

  if (self->told_unreadable)
    return;
  /* Looked at again with every rescan; said once until it works. */
  self->told_unreadable = TRUE;
  display = g_file_get_parse_name (self->folder);
  g_message ("Watched folder “%s” cannot be read: %s", display, error->message);
}

/* Notes a .torrent file as it is now; TRUE when it is ready to be read. */
static gboolean
note (SpateWatchFolder *self, const char *name, GStatBuf *st, gint64 now, GHashTable *present)
{
  Seen *seen = g_hash_table_lookup (self->seen, name);

  g_hash_table_add (present, g_strdup (name));
  if (seen == NULL || seen->size != st->st_size || seen->mtime != st->st_mtime)
    {
      seen = g_new0 (Seen, 1);
      seen->size = st->st_size;
      seen->mtime = st->st_mtime;
      seen->since = now;
      g_hash_table_insert (self->seen, g_strdup (name), seen);
      return FALSE;
    }
  return !seen->done && now - seen->since >= SETTLE_MS * 1000;
}

static void
look (SpateWatchFolder *self)
{
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) ready = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autofree char *root = NULL;
  GHashTableIter   iter;
  gpointer         key, value;
  const char      *name;
  gint64           now = g_get_monotonic_time ();
  gint64           next = G_MAXINT64;
  guint            waiting = 0;

  if (self->folder == NULL || spate_session_get_restoring (self->session))
    return;
  root = g_file_get_path (self->folder);
  dir = root != NULL ? g_dir_open (root, 0, &error) : NULL;
  if (dir == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _ ("Only local folders can be watched"));
      unreadable (self, error);
      return;
    }
  self->told_unreadable = FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf         st;

      if (!is_torrent_name (name))
        continue;
      path = g_build_filename (root, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (note (self, name, &st, now, present))
        g_ptr_array_add (ready, g_steal_pointer (&path));
    }

  /* Forget what is gone; count and time what still settles. */
  g_hash_table_iter_init (&iter, self->seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Seen *seen = value;

      if (!g_hash_table_contains (present, key))
        g_hash_table_iter_remove (&iter);
      else if (!seen->done && now - seen->since < SETTLE_MS * 1000)
        {
          waiting++;
          next = MIN (next, seen->since + SETTLE_MS * 1000);
        }
    }

  for (guint i = 0; i < ready->len; i++)
    {
      g_autofree char *base = g_path_get_basename (ready->pdata[i]);
      Seen            *seen = g_hash_table_lookup (self->seen, base);

      seen->done = TRUE;
      deal_with (self, ready->pdata[i]);
    }
  set_waiting (self, waiting);
  if (next != G_MAXINT64)
    look_soon (self, (guint) MAX ((next - now + 999) / 1000, 1));
}

/* ------------------------------------------------------------ watching */

static void
stop (SpateWatchFolder *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->look_source, g_source_remove);
  g_clear_handle_id (&self->rescan_source, g_source_remove);
  g_hash_table_remove_all (self->seen);
  self->told_unreadable = FALSE;
  set_waiting (self, 0);
}

static void
apply (SpateWatchFolder *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "watch-dir");
  gboolean         enabled = g_settings_get_boolean (self->settings, "watch-dir-enabled");
  g_autoptr (GFile) folder = enabled && path[0] != '\0' ? g_file_new_for_path (path) : NULL;
  g_autoptr (GError) error = NULL;

  if (folder == self->folder ||
      (folder != NULL && self->folder != NULL && g_file_equal (folder, self->folder)))
    return;
  stop (self);
  g_set_object (&self->folder, folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  if (folder == NULL)
    return;

  /* A folder that is missing now may come later: GLib watches for it. */
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_changed), self);
  else
    g_debug ("No change notification for the watched folder: %s", error->message);
  self->rescan_source = g_timeout_add (RESCAN_MS, on_rescan, self);
  look_soon (self, 0);
}

/* ------------------------------------------------------------ object */

SpateWatchFolder *
spate_watch_folder_new (SpateSession *session, GSettings *settings)
{
  SpateWatchFolder *self;

  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_WATCH_FOLDER, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::watch-dir-enabled", G_CALLBACK (apply), self);
  g_signal_connect_swapped (settings, "changed::watch-dir", G_CALLBACK (apply), self);
  g_signal_connect_swapped (session, "notify::restoring", G_CALLBACK (on_restoring), self);
  apply (self);
  return self;
}

GFile *
spate_watch_folder_get_folder (SpateWatchFolder *self)
{
  g_return_val_if_fail (SPATE_IS_WATCH_FOLDER (self), NULL);
  return self->folder;
}

guint
spate_watch_folder_get_waiting (SpateWatchFolder *self)
{
  g_return_val_if_fail (SPATE_IS_WATCH_FOLDER (self), 0);
  return self->waiting;
}

static void
spate_watch_folder_dispose (GObject *object)
{
  SpateWatchFolder *self = SPATE_WATCH_FOLDER (object);

  stop (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->folder);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (spate_watch_folder_parent_class)->dispose (object);
}

static void
spate_watch_folder_finalize (GObject *object)
{
  SpateWatchFolder *self = SPATE_WATCH_FOLDER (object);

  g_hash_table_unref (self->seen);

  G_OBJECT_CLASS (spate_watch_folder_parent_class)->finalize (object);
}

static void
spate_watch_folder_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateWatchFolder *self = SPATE_WATCH_FOLDER (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_watch_folder_class_init (SpateWatchFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = spate_watch_folder_dispose;
  object_class->finalize = spate_watch_folder_finalize;
  object_class->get_property = spate_watch_folder_get_property;

  properties[PROP_FOLDER] = g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAITING] = g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_watch_folder_init (SpateWatchFolder *self)
{
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
