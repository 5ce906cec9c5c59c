/* test-paths.c: renames stay inside, "remove and delete files" deletes only
 * the torrent's files, and names are shown without bidi tricks.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-hostile.h"
#include "spate-test-engine.h"

typedef struct
{
  char         *dir;
  char         *save;
  char         *payload;
  GBytes       *torrent;
  SpateSession *session;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 40000, 20000, 30000 };
  g_autofree char   *out = NULL;
  g_autofree char   *state = NULL;

  f->dir = spate_test_make_tmpdir ("paths");
  f->save = g_build_filename (f->dir, "save", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->save, 0700), ==, 0);
  f->payload = spate_test_make_payload (f->save, "payload", sizes, G_N_ELEMENTS (sizes), 7);
  out = g_build_filename (f->dir, "payload.torrent", NULL);
  f->torrent = spate_test_make_torrent (f->payload, out, NULL, NULL, 16384);
  state = g_build_filename (f->dir, "state", NULL);
  f->session = spate_test_engine_session_new (state, f->save);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_engine_session_close (f->session);
  g_bytes_unref (f->torrent);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->save);
  g_free (f->payload);
}

static SpateTorrent *
add_seeding (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  SpateAddOptions options = { .save_path = f->save, .seed_mode = TRUE };
  SpateTorrent   *torrent = spate_session_add_bytes (f->session, f->torrent, &options, &error);

  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (spate_test_torrent_is_seeding, torrent, 30000));
  return g_object_ref (torrent);
}

static void
test_rename_refused (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *says;
  } cases[] = {
    { "../x", "inside" }, { "/tmp/x", "inside" }, { "a/../../x", "inside" },
    { "", "empty" },      { ".", "inside" },      { "..", "inside" },
    { "a//b", "inside" }, { "a/", "inside" },     { "..\\..\\x", "inside" },
    { "a\xff", "UTF-8" },
  };
  g_autoptr (SpateTorrent) torrent = add_seeding (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) before = hostile_snapshot (f->dir);
  g_autoptr (GHashTable) after = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *state = g_build_filename (f->dir, "state", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (spate_torrent_rename_file (torrent, 0, cases[i].name, &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      {
        /* The TAP output stays valid UTF-8. */
        g_autofree char *name = g_utf8_make_valid (cases[i].name, -1);
        g_autofree char *message = g_utf8_make_valid (error->message, -1);

        g_test_message ("rename to “%s”: %s", name, message);
      }
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].says);
      g_clear_error (&error);
    }
  spate_test_spin_for (500);
  after = hostile_snapshot (f->dir);
  /* The state folder may be written; the payload may not move. */
  hostile_assert_only_inside (before, after, state);

  /* A rename that stays inside still works. */
  g_assert_true (spate_torrent_rename_file (torrent, 0, "payload/inner/renamed.bin", &error));
  g_assert_no_error (error);
  renamed = g_build_filename (f->payload, "inner", "renamed.bin", NULL);
  for (int i = 0; i < 100 && !g_file_test (renamed, G_FILE_TEST_EXISTS); i++)
    spate_test_spin_for (50);
  g_assert_true (g_file_test (renamed, G_FILE_TEST_IS_REGULAR));
}

static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_remove_deletes_only_its_files (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateTorrent) torrent = add_seeding (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *mine = g_build_filename (f->payload, "mine.txt", NULL);
  g_autofree char *my_folder = g_build_filename (f->payload, "my-empty-folder", NULL);
  g_autofree char *beside = g_build_filename (f->save, "beside.txt", NULL);
  g_autofree char *first = g_build_filename (f->payload, "file-0.bin", NULL);
  g_autofree char *sub = g_build_filename (f->payload, "sub", NULL);
  g_autofree char *sub_file = g_build_filename (sub, "file-1.bin", NULL);

  g_assert_true (g_file_test (sub_file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_set_contents (mine, "a person's own notes", -1, NULL));
  g_assert_cmpint (g_mkdir (my_folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (beside, "next to the torrent", -1, NULL));

  g_assert_true (spate_session_remove (f->session, torrent, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (file_gone, first, 10000));
  g_assert_true (spate_test_spin_until (file_gone, sub, 10000));
  spate_test_spin_for (300);

  g_assert_false (g_file_test (sub_file, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (my_folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (beside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (f->payload, G_FILE_TEST_IS_DIR));
}

static void
test_display_name (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain name.mkv", "plain name.mkv" },
    { "photo\u202Egpj.exe", "photogpj.exe" },
    { "\u200E\u200F\u202A\u202B\u202C\u202D\u202Ex", "x" },
    { "\u2066a\u2067b\u2068c\u2069", "abc" },
    { "a\u061C\uFEFF\u200Bb\u2060", "ab" },
    { "\u0645\u06cc\u200C\u062e\u0648\u0627\u0647\u0645",
      "\u0645\u06cc\u200C\u062e\u0648\u0627\u0647\u0645" },
    { "bad\xff\xfe", "bad\uFFFD\uFFFD" },
    { "esc\x1b[31mred", "esc\uFFFD[31mred" },
    { "two\nlines\u2028", "two\uFFFDlines\uFFFD" },
    { "", "" },
  };

  g_assert_null (spate_display_name (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = spate_display_name (cases[i].in);

      g_assert_cmpstr (shown, ==, cases[i].out);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
      g_assert_true (spate_display_name_is_clean (shown));
      g_assert_cmpint (spate_display_name_is_clean (cases[i].in), ==,
                       strcmp (cases[i].in, cases[i].out) == 0);
    }
}

static void
assert_nodes_clean (GListModel *model, guint *seen)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SpateTorrentFile) node = g_list_model_get_item (model, i);
      g_autoptr (GListModel) children = spate_torrent_file_get_children (node);
      g_autofree char *property = NULL;
      const char      *name = spate_torrent_file_get_name (node);

      g_object_get (node, "name", &property, NULL);
      g_assert_cmpstr (property, ==, name);
      g_test_message ("file tree: “%s” (on disk “%s”)", name, spate_torrent_file_get_path (node));
      g_assert_true (spate_display_name_is_clean (name));
      (*seen)++;
      if (children != NULL)
        assert_nodes_clean (children, seen);
    }
}

/* Through the engine: the list, the file tree and the add dialog's info
 * show clean names; the files on disk keep theirs. */
static void
test_names_shown (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("movie\u2067\u202E4pm.exe", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTorrentInfo) info = NULL;
  g_autoptr (GListModel) tree = NULL;
  SpateAddOptions options = { .save_path = f->save, .paused = TRUE };
  SpateTorrent   *torrent, *magnet;
  guint           seen = 0;
  const char     *uri = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"
                        "&dn=song%E2%80%AEgpj.exe%1B%5B2J%FF";

  hostile_torrent_add_file (t, "a\u2066b\u2069.txt", 10);
  hostile_torrent_add_file (t, "dir\u2068|\xff\xfe.txt", 10);
  bytes = hostile_torrent_encode (t, FALSE);

  info = spate_torrent_info_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_test_message ("info: “%s”", spate_torrent_info_get_name (info));
  g_assert_true (spate_display_name_is_clean (spate_torrent_info_get_name (info)));

  torrent = spate_session_add_bytes (f->session, bytes, &options, &error);
  g_assert_no_error (error);
  g_test_message ("torrent: “%s” (on disk “%s”)", spate_torrent_get_name (torrent),
                  spate_torrent_get_disk_name (torrent));
  g_assert_true (spate_display_name_is_clean (spate_torrent_get_name (torrent)));
  g_assert_true (g_str_has_prefix (spate_torrent_get_name (torrent), "movie"));
  g_assert_false (spate_display_name_is_clean (spate_torrent_get_disk_name (torrent)));

  tree = spate_torrent_get_file_tree (torrent);
  for (int i = 0; i < 50 && g_list_model_get_n_items (tree) == 0; i++)
    spate_test_spin_for (50);
  assert_nodes_clean (tree, &seen);
  g_assert_cmpuint (seen, ==, 4); /* the top folder, a sub folder, two files */

  magnet = spate_session_add_magnet (f->session, uri, &options, &error);
  g_assert_no_error (error);
  g_test_message ("magnet: “%s”", spate_torrent_get_name (magnet));
  g_assert_true (spate_display_name_is_clean (spate_torrent_get_name (magnet)));
  g_assert_nonnull (strstr (spate_torrent_get_name (magnet), "gpj.exe"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/spate/paths/rename-refused", test_rename_refused);
  ADD ("/spate/paths/remove-deletes-only-its-files", test_remove_deletes_only_its_files);
  ADD ("/spate/paths/names-shown", test_names_shown);
  g_test_add_func ("/spate/paths/display-name", test_display_name);
  return g_test_run ();
}
