/* test-watch-folder.c: the watched folder and deleting opened .torrent
 * files, through the running app.
 *
 * The cases build on each other and run in order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "spate-add-dialog.h"
#include "spate-application.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-watch-folder.h"
#include "spate-window.h"

#define N_TORRENTS 8

static struct
{
  char             *root;
  char             *watch;
  char             *opened;
  char             *torrent_path[N_TORRENTS];
  char             *hash[N_TORRENTS];
  SpateApplication *app;
  SpateWindow      *window;
  GPtrArray        *messages; /* what Spate logged with g_message() */
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

static SpateWatchFolder *
watcher (void)
{
  SpateWatchFolder *watch = spate_application_get_binder (t.app, SPATE_TYPE_WATCH_FOLDER);

  g_assert_nonnull (watch);
  return watch;
}

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if ((level & G_LOG_LEVEL_MESSAGE) && t.messages != NULL)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE"))
        g_ptr_array_add (t.messages, fields[i].length < 0
                                         ? g_strdup (fields[i].value)
                                         : g_strndup (fields[i].value, fields[i].length));
  return g_log_writer_default (level, fields, n_fields, data);
}

static guint
messages_naming (const char *text)
{
  guint n = 0;

  for (guint i = 0; i < t.messages->len; i++)
    if (strstr (t.messages->pdata[i], text) != NULL)
      n++;
  return n;
}

static gboolean
was_logged (gpointer text)
{
  return messages_naming (text) > 0;
}

static gboolean
dialog_ready (gpointer dialog)
{
  return spate_add_dialog_get_ready (dialog);
}

static char *
in_folder (const char *folder, const char *name)
{
  return g_build_filename (folder, name, NULL);
}

static void
copy_torrent (guint index, const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (t.torrent_path[index], &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------- waits */

static gboolean
exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
is_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
has_torrent (gpointer hash)
{
  return spate_session_lookup (session (), hash) != NULL;
}

typedef struct
{
  const char *hash;
  const char *gone;  /* must not exist */
  const char *there; /* must exist, or NULL */
} Handled;

static gboolean
handled (gpointer data)
{
  Handled *h = data;

  return has_torrent ((gpointer) h->hash) && is_gone ((gpointer) h->gone) &&
         (h->there == NULL || exists ((gpointer) h->there));
}

static gboolean
is_waiting (gpointer data)
{
  return spate_watch_folder_get_waiting (watcher ()) > 0;
}

static guint
n_torrents (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (spate_session_get_torrents (session ())));
}

static void
watch (const char *folder, const char *action)
{
  g_settings_set_string (settings (), "watch-dir-action", action);
  g_settings_set_string (settings (), "watch-dir", folder);
  g_settings_set_boolean (settings (), "watch-dir-enabled", TRUE);
}

/* ------------------------------------------------------------- cases */

static void
test_add_rename (void)
{
  g_autofree char *file = in_folder (t.watch, "First.TORRENT");
  g_autofree char *added = in_folder (t.watch, "First.TORRENT.added");
  Handled          h = { t.hash[0], file, added };
  SpateTorrent    *torrent;

  g_settings_set_boolean (settings (), "start-paused", TRUE);
  watch (t.watch, "rename");
  g_assert_nonnull (spate_watch_folder_get_folder (watcher ()));

  copy_torrent (0, file);
  g_assert_true (spate_test_spin_until (handled, &h, 10000));
  torrent = spate_session_lookup (session (), t.hash[0]);
  /* Added the way start-paused says. */
  g_assert_true (spate_torrent_get_flags (torrent) & SPATE_TORRENT_FLAG_PAUSED);
  g_assert_cmpuint (n_torrents (), ==, 1);
  g_settings_set_boolean (settings (), "start-paused", FALSE);
}

static void
test_add_remove (void)
{
  g_autofree char *file = in_folder (t.watch, "second.torrent");
  g_autofree char *added = in_folder (t.watch, "second.torrent.added");
  Handled          h = { t.hash[1], file, NULL };

  g_settings_set_string (settings (), "watch-dir-action", "remove");
  copy_torrent (1, file);
  g_assert_true (spate_test_spin_until (handled, &h, 10000));
  g_assert_false (exists (added));
  g_assert_cmpuint (n_torrents (), ==, 2);
  g_settings_set_string (settings (), "watch-dir-action", "rename");
}

static void
test_already_added (void)
{
  g_autofree char *file = in_folder (t.watch, "again.torrent");
  g_autofree char *added = in_folder (t.watch, "again.torrent.added");
  Handled          h = { t.hash[0], file, added };

  /* The torrent is in the list: the file counts as handled. */
  copy_torrent (0, file);
  g_assert_true (spate_test_spin_until (handled, &h, 10000));
  g_assert_cmpuint (n_torrents (), ==, 2);
}

static void
test_invalid (void)
{
  g_autofree char *file = in_folder (t.watch, "garbage.torrent");
  g_autofree char *invalid = in_folder (t.watch, "garbage.torrent.invalid");
  g_autofree char *other = in_folder (t.watch, "notes.txt");
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "d4:spam", -1, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (exists, invalid, 10000));
  g_assert_false (exists (file));
  g_assert_cmpuint (messages_naming ("garbage.torrent"), ==, 1);

  /* Other files are left alone. */
  g_assert_true (g_file_set_contents (other, "not a torrent", -1, &error));
  g_assert_true (g_file_set_contents (file, "still not a torrent", -1, &error));
  g_assert_true (spate_test_spin_until (is_gone, file, 10000));
  g_assert_true (exists (other));
  g_assert_cmpuint (n_torrents (), ==, 2);
}

static void
test_slow_write (void)
{
  g_autofree char *file = in_folder (t.watch, "slow.torrent");
  g_autofree char *added = in_folder (t.watch, "slow.torrent.added");
  g_autofree char *invalid = in_folder (t.watch, "slow.torrent.invalid");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  Handled h = { t.hash[2], file, added };
  gsize   length, half;
  FILE   *out;

  g_assert_true (g_file_get_contents (t.torrent_path[2], &contents, &length, &error));
  half = length / 2;
  g_assert_true (g_file_set_contents (file, contents, half, &error));
  g_assert_no_error (error);

  /* Seen, not read: its size has not held yet. */
  g_assert_true (spate_test_spin_until (is_waiting, NULL, 5000));
  g_assert_false (has_torrent (t.hash[2]));
  out = g_fopen (file, "ab");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (contents + half, 1, length - half, out), ==, length - half);
  g_assert_cmpint (fclose (out), ==, 0);

  g_assert_true (spate_test_spin_until (handled, &h, 10000));
  g_assert_false (exists (invalid));
  g_assert_cmpuint (messages_naming ("slow.torrent"), ==, 0);
}

static void
test_disable (void)
{
  g_autofree char *file = in_folder (t.watch, "later.torrent");
  g_autofree char *added = in_folder (t.watch, "later.torrent.added");
  Handled          h = { t.hash[3], file, added };

  g_settings_set_boolean (settings (), "watch-dir-enabled", FALSE);
  g_assert_null (spate_watch_folder_get_folder (watcher ()));
  copy_torrent (3, file);
  /* Longer than adding takes while watching. */
  spate_test_spin_for (2500);
  g_assert_true (exists (file));
  g_assert_false (has_torrent (t.hash[3]));

  g_settings_set_boolean (settings (), "watch-dir-enabled", TRUE);
  g_assert_true (spate_test_spin_until (handled, &h, 10000));
}

static void
test_missing_folder (void)
{
  g_autofree char *folder = g_build_filename (t.root, "not-yet", NULL);
  g_autofree char *file = in_folder (folder, "late.torrent");
  g_autofree char *added = in_folder (folder, "late.torrent.added");
  Handled          h = { t.hash[4], file, added };

  watch (folder, "rename");
  g_assert_true (spate_test_spin_until (was_logged, (gpointer) "not-yet", 5000));
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  copy_torrent (4, file);
  /* Found by the monitor or, at the latest, by the next rescan. */
  g_assert_true (spate_test_spin_until (handled, &h, 20000));
  g_assert_cmpuint (messages_naming ("not-yet"), ==, 1);
  g_settings_set_boolean (settings (), "watch-dir-enabled", FALSE);
}

/* delete-torrent-files, through the window as a person opens files. */
static void
test_delete_opened (void)
{
  g_autofree char *direct = in_folder (t.opened, "direct.torrent");
  g_autofree char *kept = in_folder (t.opened, "kept.torrent");
  g_autofree char *dialog_file = in_folder (t.opened, "dialog.torrent");
  g_autofree char *broken = in_folder (t.opened, "broken.torrent");
  g_autoptr (GError) error = NULL;
  SpateAddDialog *dialog;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  g_settings_set_boolean (settings (), "delete-torrent-files", TRUE);

  /* Added straight away: gone once the torrent is in the list. */
  g_settings_set_enum (settings (), "show-add-dialog", 2 /* never */);
  copy_torrent (5, direct);
  spate_window_open_uri (t.window, direct, FALSE);
  g_assert_true (spate_test_spin_until (has_torrent, t.hash[5], 10000));
  g_assert_true (spate_test_spin_until (is_gone, direct, 5000));

  /* Not when adding fails. */
  g_assert_true (g_file_set_contents (broken, "not a torrent", -1, &error));
  spate_window_open_uri (t.window, broken, FALSE);
  spate_test_spin_for (500);
  g_assert_true (exists (broken));

  /* Through the add dialog: only once Add put it in the list. */
  copy_torrent (6, dialog_file);
  spate_window_open_uri (t.window, dialog_file, TRUE);
  dialog = SPATE_ADD_DIALOG (spate_test_wait_toplevel (SPATE_TYPE_ADD_DIALOG, NULL, 5000));
  g_assert_nonnull (dialog);
  g_assert_true (spate_test_spin_until (dialog_ready, dialog, 10000));
  g_assert_true (exists (dialog_file));
  g_assert_true (spate_add_dialog_add (dialog, &error));
  g_assert_no_error (error);
  g_assert_true (has_torrent (t.hash[6]));
  g_assert_false (exists (dialog_file));

  /* With the key off, the file stays. */
  g_settings_set_boolean (settings (), "delete-torrent-files", FALSE);
  copy_torrent (7, kept);
  spate_window_open_uri (t.window, kept, FALSE);
  g_assert_true (spate_test_spin_until (has_torrent, t.hash[7], 10000));
  g_assert_true (exists (kept));
}

/* ------------------------------------------------------------- set up */

static void
set_up (void)
{
  g_autofree char *downloads = g_build_filename (t.root, "downloads", NULL);
  g_autofree char *source = g_build_filename (t.root, "source", NULL);
  g_autofree char *torrents = g_build_filename (t.root, "torrents", NULL);
  g_autoptr (GSettings) keys = NULL;
  g_autoptr (GError) error = NULL;

  t.watch = g_build_filename (t.root, "watch", NULL);
  t.opened = g_build_filename (t.root, "opened", NULL);
  g_mkdir_with_parents (downloads, 0755);
  g_mkdir_with_parents (source, 0755);
  g_mkdir_with_parents (torrents, 0755);
  g_mkdir_with_parents (t.watch, 0755);
  g_mkdir_with_parents (t.opened, 0755);
  for (guint i = 0; i < N_TORRENTS; i++)
    {
      static const gsize sizes[] = { 40000, 70000 };
      g_autofree char   *name = g_strdup_printf ("payload-%u", i);
      g_autofree char   *file = g_strdup_printf ("%s.torrent", name);
      g_autofree char   *payload =
          spate_test_make_payload (source, name, sizes, G_N_ELEMENTS (sizes), 100 + i);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (SpateTorrentInfo) info = NULL;

      t.torrent_path[i] = g_build_filename (torrents, file, NULL);
      bytes = spate_test_make_torrent (payload, t.torrent_path[i], NULL, NULL, 16384);
      info = spate_torrent_info_new_from_bytes (bytes, &error);
      g_assert_no_error (error);
      t.hash[i] = g_strdup (spate_torrent_info_get_info_hash_v1 (info)
                                ? spate_torrent_info_get_info_hash_v1 (info)
                                : spate_torrent_info_get_info_hash_v2 (info));
    }

  keys = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (keys, "download-dir", downloads);
  g_settings_set_value (keys, "libtorrent-settings", spate_test_loopback_settings (0, NULL));

  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
  if (t.app != NULL)
    g_application_quit (G_APPLICATION (t.app));
  g_clear_object (&t.app);
  spate_test_rm_rf (t.root);
  for (guint i = 0; i < N_TORRENTS; i++)
    {
      g_free (t.torrent_path[i]);
      g_free (t.hash[i]);
    }
  g_free (t.watch);
  g_free (t.opened);
  g_clear_pointer (&t.messages, g_ptr_array_unref);
}

int
main (int argc, char *argv[])
{
  int rc;

  t.root = spate_test_app_isolate ();
  t.messages = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  set_up ();

  g_test_add_func ("/spate/watch-folder/add-rename", test_add_rename);
  g_test_add_func ("/spate/watch-folder/add-remove", test_add_remove);
  g_test_add_func ("/spate/watch-folder/already-added", test_already_added);
  g_test_add_func ("/spate/watch-folder/invalid", test_invalid);
  g_test_add_func ("/spate/watch-folder/slow-write", test_slow_write);
  g_test_add_func ("/spate/watch-folder/disable", test_disable);
  g_test_add_func ("/spate/watch-folder/missing-folder", test_missing_folder);
  g_test_add_func ("/spate/watch-folder/delete-opened", test_delete_opened);
  rc = g_test_run ();

  tear_down ();
  g_free (t.root);
  return rc;
}
