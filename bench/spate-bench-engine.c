/* spate-bench-engine.c: the engine alone, for bench/engine.py.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three measurements, one per process, each printing one JSON line:
 *
 *   memory    restores a data folder and reads the process's RSS before the
 *             session, once it exists, once restoring is done and after a
 *             settling time.
 *   recheck   adds one torrent with its data, waits for the check on add,
 *             then times spate_torrent_recheck() until it is complete again.
 *   shutdown  restores a data folder, gives some torrents a download limit
 *             (a change the engine saves) and times spate_session_close().
 *
 * No GTK: only the engine and GLib's main loop, as the app runs them.
 */

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "spate-engine.h"

#define CLOSE_TIMEOUT_MS (5 * 60 * 1000)

typedef struct
{
  gint64 rss;  /* bytes */
  gint64 anon; /* bytes */
} Rss;

static char    *data_dir;
static char    *torrent_path;
static char    *save_path;
static int      settle_ms = 3000;
static int      dirty = 1000;
static int      timeout_s = 600;
static gboolean paused_session;

static GVariant *
loopback_settings (void)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "listen_interfaces",
                         g_variant_new_string ("127.0.0.1:0"));
  g_variant_builder_add (&builder, "{sv}", "enable_dht", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "enable_lsd", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "enable_upnp", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "enable_natpmp", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "dht_bootstrap_nodes", g_variant_new_string (""));
  return g_variant_builder_end (&builder);
}

static Rss
read_rss (void)
{
  g_autofree char *status = NULL;
  g_auto (GStrv) lines = NULL;
  Rss rss = { -1, -1 };

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return rss;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        rss.rss = g_ascii_strtoll (lines[i] + 6, NULL, 10) * 1024;
      else if (g_str_has_prefix (lines[i], "RssAnon:"))
        rss.anon = g_ascii_strtoll (lines[i] + 8, NULL, 10) * 1024;
    }
  return rss;
}

static void
print_rss (GString *out, const char *name, Rss rss)
{
  g_string_append_printf (out,
                          "\"%s\":{\"rss\":%" G_GINT64_FORMAT ",\"anon\":%" G_GINT64_FORMAT "},",
                          name, rss.rss, rss.anon);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static gboolean
on_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for ms milliseconds. */
static void
iterate_for (int ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint  wake = g_timeout_add (50, on_wake, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static SpateSession *
open_session (GError **error)
{
  SpateSession *session = spate_session_new (data_dir, loopback_settings (), error);

  if (session != NULL && paused_session)
    spate_session_pause (session);
  return session;
}

/* Restores the data folder and runs the loop until done; seconds taken. */
static double
restore (SpateSession *session)
{
  gint64 start = g_get_monotonic_time ();

  spate_session_restore (session);
  while (spate_session_get_restoring (session))
    g_main_context_iteration (NULL, TRUE);
  return seconds_since (start);
}

static guint
n_torrents (SpateSession *session)
{
  return g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session)));
}

static void
append_heap (GString *out)
{
  struct mallinfo2 info = mallinfo2 ();

  /* What malloc hands out, and what it holds free without giving it back. */
  g_string_append_printf (out, "\"heap_in_use\":%zu,\"heap_free\":%zu,\"mmapped\":%zu,",
                          info.uordblks, info.fordblks, info.hblkhd);
}

static int
run_memory (void)
{
  g_autoptr (SpateSession) session = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = g_string_new ("{");
  Rss    before, created, restored, settled, trimmed;
  double restore_s;

  before = read_rss ();
  session = open_session (&error);
  if (session == NULL)
    {
      g_printerr ("spate-bench-engine: %s\n", error->message);
      return 1;
    }
  created = read_rss ();
  restore_s = restore (session);
  restored = read_rss ();
  iterate_for (settle_ms);
  settled = read_rss ();
  append_heap (out);
  /* What of it is memory freed but kept by malloc rather than in use. */
  malloc_trim (0);
  trimmed = read_rss ();

  g_string_append_printf (out, "\"torrents\":%u,\"restore_s\":%.3f,", n_torrents (session),
                          restore_s);
  print_rss (out, "before", before);
  print_rss (out, "created", created);
  print_rss (out, "restored", restored);
  print_rss (out, "settled", settled);
  print_rss (out, "trimmed", trimmed);
  g_string_truncate (out, out->len - 1);
  printf ("%s}\n", out->str);
  fflush (stdout);
  /* The data folder is thrown away: no need to save it on the way out. */
  _exit (0);
}

static gboolean
is_complete (SpateTorrent *torrent)
{
  SpateTorrentState state = spate_torrent_get_state (torrent);

  return (state == SPATE_TORRENT_STATE_SEEDING || state == SPATE_TORRENT_STATE_COMPLETED) &&
         spate_torrent_get_progress (torrent) >= 1.0;
}

/* Runs the loop until the torrent has checked its files and is complete;
 * seconds taken, or < 0 on an error or a timeout. */
static double
wait_checked (SpateTorrent *torrent, gint64 start)
{
  gint64   deadline = start + (gint64) timeout_s * G_USEC_PER_SEC;
  gboolean checking = FALSE;
  guint    wake = g_timeout_add (100, on_wake, NULL);
  double   seconds = -1;

  while (g_get_monotonic_time () < deadline)
    {
      if (spate_torrent_get_state (torrent) == SPATE_TORRENT_STATE_CHECKING)
        checking = TRUE;
      else if (checking && is_complete (torrent))
        {
          seconds = seconds_since (start);
          break;
        }
      if (spate_torrent_get_error (torrent) != NULL)
        {
          g_printerr ("spate-bench-engine: %s\n", spate_torrent_get_error (torrent));
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return seconds;
}

static int
run_recheck (void)
{
  g_autoptr (SpateSession) session = NULL;
  g_autoptr (GVariant) threads = NULL;
  g_autoptr (GError) error = NULL;
  SpateAddOptions options = { .save_path = save_path };
  SpateTorrent   *torrent;
  gint64          start;
  double          added_s, recheck_s;

  if (torrent_path == NULL || save_path == NULL)
    {
      g_printerr ("spate-bench-engine: recheck needs --torrent and --save-path\n");
      return 2;
    }
  session = open_session (&error);
  if (session == NULL)
    {
      g_printerr ("spate-bench-engine: %s\n", error->message);
      return 1;
    }
  threads = spate_session_get_setting (session, "hashing_threads", NULL);

  start = g_get_monotonic_time ();
  torrent = spate_session_add_file (session, torrent_path, &options, &error);
  if (torrent == NULL)
    {
      g_printerr ("spate-bench-engine: %s: %s\n", torrent_path, error->message);
      return 1;
    }
  added_s = wait_checked (torrent, start);
  if (added_s < 0)
    {
      g_printerr ("spate-bench-engine: the check on add did not complete\n");
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!spate_torrent_recheck (torrent, &error))
    {
      g_printerr ("spate-bench-engine: %s\n", error->message);
      return 1;
    }
  recheck_s = wait_checked (torrent, start);
  if (recheck_s < 0)
    {
      g_printerr ("spate-bench-engine: the recheck did not complete\n");
      return 1;
    }

  printf ("{\"bytes\":%" G_GINT64_FORMAT ",\"pieces\":%d,\"piece_length\":%d,"
          "\"hashing_threads\":%d,\"add_check_s\":%.4f,\"recheck_s\":%.4f}\n",
          spate_torrent_get_total_size (torrent), spate_torrent_get_pieces_total (torrent),
          spate_torrent_get_piece_length (torrent),
          threads != NULL ? g_variant_get_int32 (threads) : -1, added_s, recheck_s);
  fflush (stdout);
  _exit (0);
}

/* name → inode of every resume file: a save replaces the file. */
static GHashTable *
resume_inodes (void)
{
  g_autofree char *dir_path = g_build_filename (data_dir, "resume", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GHashTable *inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf         st;

      if (g_str_has_suffix (name, ".resume") && g_stat (path, &st) == 0)
        g_hash_table_insert (inodes, g_strdup (name), GSIZE_TO_POINTER (st.st_ino));
    }
  return inodes;
}

static gboolean
was_rewritten (GHashTable *before, GHashTable *after, const char *name)
{
  gpointer old_inode, new_inode;

  if (!g_hash_table_lookup_extended (after, name, NULL, &new_inode))
    return FALSE;
  return !g_hash_table_lookup_extended (before, name, NULL, &old_inode) || old_inode != new_inode;
}

static guint
count_rewritten (GHashTable *before, GHashTable *after, GPtrArray *hashes)
{
  guint count = 0;

  if (hashes != NULL)
    {
      for (guint k = 0; k < hashes->len; k++)
        {
          g_autofree char *name = g_strconcat (g_ptr_array_index (hashes, k), ".resume", NULL);
          count += was_rewritten (before, after, name);
        }
    }
  else
    {
      GHashTableIter iter;
      gpointer       name;

      g_hash_table_iter_init (&iter, after);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        count += was_rewritten (before, after, name);
    }
  return count;
}

static int
run_shutdown (void)
{
  g_autoptr (SpateSession) session = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) limits = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GString) out = g_string_new (NULL);
  GListModel *list;
  guint       n, n_dirty;
  gboolean    closed;
  gint64      start;
  double      restore_s, close_s, unref_s;

  session = open_session (&error);
  if (session == NULL)
    {
      g_printerr ("spate-bench-engine: %s\n", error->message);
      return 1;
    }
  restore_s = restore (session);
  /* Let the saves and the index write that follow a restore happen first. */
  iterate_for (settle_ms);
  list = G_LIST_MODEL (spate_session_get_torrents (session));
  n = g_list_model_get_n_items (list);
  n_dirty = MIN ((guint) MAX (dirty, 0), n);
  before = resume_inodes ();

  /* Spread over the list; a limit of its own for each, so that a resume
   * file holding another torrent's value is caught. */
  for (guint k = 0; k < n_dirty; k++)
    {
      guint position = (guint) ((guint64) k * n / n_dirty);
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (list, position);
      int limit = 1024 * (1000 + (int) k);

      if (!spate_torrent_set_download_limit (torrent, limit, &error))
        {
          g_printerr ("spate-bench-engine: %s\n", error->message);
          return 1;
        }
      g_ptr_array_add (hashes, g_strdup (spate_torrent_get_info_hash (torrent)));
      g_array_append_val (limits, limit);
    }

  printf ("{\"event\":\"closing\"}\n");
  fflush (stdout);
  start = g_get_monotonic_time ();
  closed = spate_session_close (session, CLOSE_TIMEOUT_MS, &error);
  close_s = seconds_since (start);
  start = g_get_monotonic_time ();
  g_clear_object (&session);
  unref_s = seconds_since (start);
  after = resume_inodes ();

  g_string_append_printf (out,
                          "{\"torrents\":%u,\"restore_s\":%.3f,\"dirty\":%u,\"closed\":%s,"
                          "\"close_s\":%.4f,\"unref_s\":%.4f,\"rewritten\":%u,"
                          "\"rewritten_dirty\":%u,\"limits\":{",
                          n, restore_s, n_dirty, closed ? "true" : "false", close_s, unref_s,
                          count_rewritten (before, after, NULL),
                          count_rewritten (before, after, hashes));
  for (guint k = 0; k < hashes->len; k++)
    g_string_append_printf (out, "%s\"%s\":%d", k > 0 ? "," : "",
                            (char *) g_ptr_array_index (hashes, k), g_array_index (limits, int, k));
  g_string_append (out, "}}");
  printf ("%s\n", out->str);
  if (!closed)
    g_printerr ("spate-bench-engine: closing: %s\n", error->message);
  return closed ? 0 : 1;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const char *mode;

  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Spate data folder", "DIR" },
    { "torrent", 0, 0, G_OPTION_ARG_FILENAME, &torrent_path, "recheck: the .torrent", "FILE" },
    { "save-path", 0, 0, G_OPTION_ARG_FILENAME, &save_path, "recheck: the folder holding its data",
      "DIR" },
    { "settle-ms", 0, 0, G_OPTION_ARG_INT, &settle_ms,
      "memory, shutdown: run the loop this long after restoring (default 3000)", "MS" },
    { "dirty", 0, 0, G_OPTION_ARG_INT, &dirty,
      "shutdown: torrents changed just before closing (default 1000)", "N" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "recheck: give up after (default 600)",
      "SECONDS" },
    { "paused", 0, 0, G_OPTION_ARG_NONE, &paused_session, "Pause the session when it starts",
      NULL },
    { NULL },
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("memory|recheck|shutdown");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("spate-bench-engine: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || data_dir == NULL)
    {
      g_printerr ("spate-bench-engine: usage: spate-bench-engine memory|recheck|shutdown "
                  "--data-dir DIR [OPTION…]\n");
      return 2;
    }
  mode = argv[1];
  if (g_str_equal (mode, "memory"))
    return run_memory ();
  if (g_str_equal (mode, "recheck"))
    return run_recheck ();
  if (g_str_equal (mode, "shutdown"))
    return run_shutdown ();
  g_printerr ("spate-bench-engine: unknown measurement “%s”\n", mode);
  return 2;
}
