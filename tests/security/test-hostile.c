/* test-hostile.c: hostile .torrent files are refused with a reason or
 * downloaded without a byte outside the save path.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each torrent is seeded over loopback by a bare libtorrent session from
 * files laid out at the paths libtorrent makes of the hostile ones, and
 * downloaded by Spate's engine into a save path twelve folders below the
 * test's root, so that an escape of up to twelve ".." lands where the
 * before-and-after snapshot of the whole root sees it.
 */

#include <sys/stat.h>

#include "spate-hostile.h"
#include "spate-test-engine.h"

#define DEPTH "d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12"

typedef struct
{
  char           *root;    /* the snapshot covers all of it */
  char           *outside; /* seeder's files and the engine's state */
  SpateLtSession *seeder;
  int             seeder_port;
  SpateSession   *session;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *decoy = NULL;
  g_autofree char *state = NULL;
  g_autofree char *made = spate_test_make_tmpdir ("hostile-root");

  f->root = realpath (made, NULL);
  f->outside = spate_test_make_tmpdir ("hostile-outside");
  /* Files an escape would overwrite, at several depths. */
  decoy = g_build_filename (f->root, "x1", NULL);
  g_assert_true (g_file_set_contents (decoy, "mine", -1, NULL));
  g_free (decoy);
  decoy = g_build_filename (f->root, "d1", "d2", NULL);
  g_assert_cmpint (g_mkdir_with_parents (decoy, 0700), ==, 0);
  g_free (decoy);
  decoy = g_build_filename (f->root, "d1", "d2", "x2", NULL);
  g_assert_true (g_file_set_contents (decoy, "mine too", -1, NULL));
  f->seeder = spate_test_session_new (0, NULL);
  f->seeder_port = spate_test_session_get_port (f->seeder);
  state = g_build_filename (f->outside, "state", NULL);
  f->session = spate_test_engine_session_new (state, f->outside);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_engine_session_close (f->session);
  spate_lt_session_free (f->seeder);
  spate_test_rm_rf (f->root);
  spate_test_rm_rf (f->outside);
  free (f->root);
  g_free (f->outside);
}

/* Lays the files out where libtorrent puts them and seeds them. */
static SpateLtTorrent *
seed (Fixture *f, GBytes *torrent, const char *id)
{
  g_autoptr (SpateLtInfo) info = NULL;
  g_autofree char *dir = g_build_filename (f->outside, "seed", id, NULL);
  SpateLtTorrent  *handle;

  info = spate_lt_info_new_from_bytes (g_bytes_get_data (torrent, NULL), g_bytes_get_size (torrent),
                                       NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (int i = 0; i < spate_lt_info_get_num_files (info); i++)
    {
      SpateLtFile        file;
      g_autofree char   *path = NULL;
      g_autofree char   *parent = NULL;
      g_autofree guint8 *data = NULL;

      g_assert_true (spate_lt_info_get_file (info, i, &file));
      path = g_build_filename (dir, file.path, NULL);
      g_free (file.path);
      if (file.flags & (SPATE_LT_FILE_SYMLINK | SPATE_LT_FILE_PAD))
        continue;
      parent = g_path_get_dirname (path);
      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      data = hostile_content (file.size);
      g_assert_true (g_file_set_contents (path, (const char *) data, file.size, NULL));
    }
  handle = spate_test_add_torrent (f->seeder, torrent, dir, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, handle, 60000));
  return handle;
}

static gboolean
is_done_or_failed (gpointer torrent)
{
  return spate_test_torrent_is_finished (torrent) ||
         spate_torrent_get_state (torrent) == SPATE_TORRENT_STATE_ERROR;
}

/* Downloads torrent into its own save path deep under the root and checks
 * that nothing else under the root changed. */
static void
download_safely (Fixture *f, GBytes *torrent, const char *id)
{
  g_autofree char *save = g_build_filename (f->root, id, DEPTH, "save", NULL);
  g_autofree char *seeded = g_build_filename (f->outside, "seed", id, NULL);
  g_autofree char *parent = g_path_get_dirname (save);
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTorrent) torrent_obj = NULL;
  g_autofree char *described = NULL;
  SpateAddOptions  options = { .save_path = save };
  SpateLtTorrent  *seeding = seed (f, torrent, id);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  before = hostile_snapshot (f->root);
  torrent_obj = spate_session_add_bytes (f->session, torrent, &options, &error);
  g_assert_no_error (error);
  g_object_ref (torrent_obj);
  g_test_message ("%s: added as “%s”", id, spate_torrent_get_name (torrent_obj));
  g_assert_true (g_utf8_validate (spate_torrent_get_name (torrent_obj), -1, NULL));
  g_assert_true (spate_display_name_is_clean (spate_torrent_get_name (torrent_obj)));
  g_assert_true (spate_torrent_connect_peer (torrent_obj, "127.0.0.1", f->seeder_port, &error));
  g_assert_no_error (error);
  g_assert_true (spate_test_spin_until (is_done_or_failed, torrent_obj, 60000));
  described = spate_test_torrent_describe (torrent_obj);
  g_test_message ("%s: %s", id, described);
  g_assert_null (spate_torrent_get_error (torrent_obj));
  /* Files finished land from libtorrent's disk thread a little later. */
  spate_test_wait_trees_equal (seeded, save, 60000, &error);
  g_assert_no_error (error);

  after = hostile_snapshot (f->root);
  hostile_assert_only_inside (before, after, save);
  hostile_assert_symlinks_inside (save);

  g_assert_true (spate_session_remove (f->session, torrent_obj, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (spate_lt_session_remove (f->seeder, seeding, FALSE, NULL));
  spate_lt_torrent_free (seeding);
}

static void
refused (Fixture *f, GBytes *torrent, const char *id, const char *needle)
{
  g_autofree char *save = g_build_filename (f->root, id, NULL);
  g_autoptr (GHashTable) before = hostile_snapshot (f->root);
  g_autoptr (GHashTable) after = NULL;
  g_autoptr (GError) error = NULL;
  SpateAddOptions options = { .save_path = save };
  SpateTorrent   *torrent_obj = spate_session_add_bytes (f->session, torrent, &options, &error);

  g_assert_null (torrent_obj);
  g_assert_nonnull (error);
  g_test_message ("%s: refused: %s", id, error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("%s: “%s” does not say “%s”", id, error->message, needle);
  after = hostile_snapshot (f->root);
  hostile_assert_only_inside (before, after, save);
}

/* ------------------------------------------------------------- cases */

static void
test_dot_dot (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("dots", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (HostileTorrent) n = hostile_torrent_new ("..", FALSE);
  g_autoptr (GBytes) named = NULL;
  g_autoptr (HostileTorrent) s = hostile_torrent_new ("../../../../x1", TRUE);
  g_autoptr (GBytes) single = NULL;

  /* "..", at every depth and as every component. */
  hostile_torrent_add_file (t, "..|x1", 1000);
  hostile_torrent_add_file (t, "a|..|..|x1", 2000);
  hostile_torrent_add_file (t, "a|b|..|..|..|x1", 3000);
  hostile_torrent_add_file (t, "..|..|..|..|..|..|..|..|..|..|..|..|..|x1", 4000);
  hostile_torrent_add_file (t, "a|..|b|..|..|..|..|..|..|..|..|..|..|..|..|..|d1|d2|x2", 5000);
  hostile_torrent_add_file (t, "..", 6000);
  hostile_torrent_add_file (t, "a|b|c|..", 7000);
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "dot-dot");

  hostile_torrent_add_file (n, "..|..|x1", 100);
  named = hostile_torrent_encode (n, FALSE);
  download_safely (f, named, "name-dot-dot");

  hostile_torrent_add_file (s, NULL, 100);
  single = hostile_torrent_encode (s, FALSE);
  download_safely (f, single, "single-dot-dot");
}

static void
test_absolute (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("abs", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *in_root = g_build_filename (f->root, "x1", NULL);
  g_auto (GStrv) parts = g_strsplit (f->root, "/", -1);
  g_autofree char *as_list = g_strjoinv ("|", parts);
  g_autofree char *as_components = g_strconcat (as_list, "|x3", NULL);
  g_autoptr (HostileTorrent) s = hostile_torrent_new (in_root, TRUE);
  g_autoptr (GBytes) single = NULL;

  hostile_torrent_add_file (t, in_root, 1000);       /* one component "/…/x1" */
  hostile_torrent_add_file (t, as_components, 2000); /* "", "tmp", …, "x3" */
  hostile_torrent_add_file (t, "/etc/passwd", 3000);
  hostile_torrent_add_file (t, "|etc|passwd", 3001);
  hostile_torrent_add_file (t, "~|x1", 3002);
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "absolute");

  hostile_torrent_add_file (s, NULL, 500);
  single = hostile_torrent_encode (s, FALSE);
  download_safely (f, single, "single-absolute");
}

static void
test_backslash_empty_nul (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("odd\\..\\..\\x1", FALSE);
  g_autoptr (GBytes) bytes = NULL;

  hostile_torrent_add_file (t, "..\\..\\..\\x1", 100);
  hostile_torrent_add_file (t, "a\\b\\c", 200);
  hostile_torrent_add_file (t, "\\x1", 300);
  hostile_torrent_add_file (t, "|.|x1", 400);
  hostile_torrent_add_file (t, ".|.|y", 500);
  hostile_torrent_add_file (t, "e||f", 600);
  hostile_torrent_add_file (t, "g|", 700);
  hostile_torrent_add_file (t, "nul\x01..|..|x1", 800);
  hostile_torrent_add_file (t, "\x01", 900);
  hostile_torrent_add_file (t, "a\x01/../../x1", 1000);
  hostile_torrent_add_file (t, " ", 1100);
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "backslash-empty-nul");
}

static void
test_long_names (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("long", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (HostileTorrent) deep = hostile_torrent_new ("deep", FALSE);
  g_autoptr (GBytes) deep_bytes = NULL;
  g_autofree char *c300 = g_strnfill (300, 'a');
  g_autofree char *c4000 = g_strnfill (4000, 'b');
  g_autofree char *multibyte = NULL;
  g_autoptr (GString) path = g_string_new (NULL);

  /* 200 × "é" is 400 bytes: a cut must not split a character. */
  multibyte = g_strnfill (200, 'x');
  {
    GString *m = g_string_new (NULL);
    for (int i = 0; i < 200; i++)
      g_string_append (m, "é");
    g_free (multibyte);
    multibyte = g_string_free (m, FALSE);
  }
  hostile_torrent_add_file (t, c300, 100);
  hostile_torrent_add_file (t, c4000, 200);
  hostile_torrent_add_file (t, multibyte, 300);
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "long-component");

  /* 20 components of 250 bytes: a path of 5,000 bytes. */
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *c = g_strnfill (250, 'a' + i);
      g_string_append_printf (path, "%s%s", i ? "|" : "", c);
    }
  hostile_torrent_add_file (deep, path->str, 100);
  deep_bytes = hostile_torrent_encode (deep, FALSE);
  refused (f, deep_bytes, "long-path", "too long");
}

static void
test_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("dups", FALSE);
  g_autoptr (GBytes) bytes = NULL;

  hostile_torrent_add_file (t, "d|a", 100);
  hostile_torrent_add_file (t, "d|a", 200);
  hostile_torrent_add_file (t, "d|A", 300);
  hostile_torrent_add_file (t, "d|a.1", 400);
  hostile_torrent_add_file (t, "f", 500);
  hostile_torrent_add_file (t, "f|g", 600);
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "duplicates");
}

static void
test_bidi_and_bad_utf8 (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("photo\u202Egpj.exe", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (HostileTorrent) u = hostile_torrent_new ("bad\xff\xfe"
                                                      "utf8\xc0\x80",
                                                      FALSE);
  g_autoptr (GBytes) bad = NULL;
  g_autoptr (HostileTorrent) iso = hostile_torrent_new ("isolate\u2066x\u2069\x1b[31m", FALSE);
  g_autoptr (GBytes) isolates = NULL;

  hostile_torrent_add_file (t, "\u202Egpj.exe", 100);
  hostile_torrent_add_file (t, "a\u2066b\u2069c\u200Fd\u061Ce\uFEFF", 200);
  hostile_torrent_add_file (t, "\u202A..|..|x1", 300);
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "bidi");

  hostile_torrent_add_file (u, "\xff\xfe", 100);
  hostile_torrent_add_file (u,
                            "a\xc0\x80"
                            "b",
                            200);
  hostile_torrent_add_file (u, "\xed\xa0\x80|..|x1", 300);
  bad = hostile_torrent_encode (u, FALSE);
  download_safely (f, bad, "bad-utf8");

  hostile_torrent_add_file (iso, "x", 100);
  isolates = hostile_torrent_encode (iso, FALSE);
  download_safely (f, isolates, "isolates");
}

static void
test_symlinks (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("links", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (HostileTorrent) v2 = hostile_torrent_new ("links2", FALSE);
  g_autoptr (GBytes) v2_bytes = NULL;
  g_autofree char *abs_target = g_strconcat ("|", f->root, "|x1", NULL);

  hostile_torrent_add_file (t, "target", 1000);
  hostile_torrent_add_symlink (t, "up", "..|..|..|..|..|..|..|..|..|..|..|..|..|..|x1");
  hostile_torrent_add_symlink (t, "etc", "|etc|passwd");
  hostile_torrent_add_symlink (t, "root", abs_target);
  hostile_torrent_add_symlink (t, "sub|deeper", "..|..|..|x1");
  hostile_torrent_add_symlink (t, "fine", "target");
  bytes = hostile_torrent_encode (t, FALSE);
  download_safely (f, bytes, "symlinks-v1");

  hostile_torrent_add_file (v2, "target", 1000);
  hostile_torrent_add_symlink (v2, "up", "..|..|..|..|..|..|..|..|..|..|..|..|..|..|x1");
  hostile_torrent_add_symlink (v2, "abs", "|etc|passwd");
  hostile_torrent_add_symlink (v2, "fine", "target");
  v2_bytes = hostile_torrent_encode (v2, TRUE);
  download_safely (f, v2_bytes, "symlinks-v2");
}

static void
test_piece_counts (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *id;
    gint64      size;
    gint64      claimed;
    const char *needle;
  } cases[] = {
    { "too-many-pieces", 1000, 1000000, "piece hashes" },
    { "too-few-pieces", G_GINT64_CONSTANT (1000000000000), 1, "pieces" },
    { "no-pieces", 1000, 0, "piece" },
    { "negative-length", -5, 1, "length" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HostileTorrent) t = hostile_torrent_new (cases[i].id, FALSE);
      g_autoptr (GBytes) bytes = NULL;

      hostile_torrent_add_file (t, "f", cases[i].size);
      hostile_torrent_set_claimed_pieces (t, cases[i].claimed);
      bytes = hostile_torrent_encode (t, FALSE);
      refused (f, bytes, cases[i].id, cases[i].needle);
    }
}

static void
test_many_files (Fixture *f, gconstpointer data)
{
  g_autoptr (HostileTorrent) t = hostile_torrent_new ("many", FALSE);
  g_autoptr (GBytes) bytes = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 100000; i++)
    {
      g_autofree char *path = g_strdup_printf ("%02d|%05d", i / 2000, i);
      hostile_torrent_add_file (t, path, 1);
    }
  bytes = hostile_torrent_encode (t, FALSE);
  g_test_message ("100,000 files: %" G_GSIZE_FORMAT " bytes of .torrent", g_bytes_get_size (bytes));
  download_safely (f, bytes, "many-files");
  g_test_message ("100,000 files in %.1f s", (g_get_monotonic_time () - start) / 1e6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/spate/hostile/dot-dot", test_dot_dot);
  ADD ("/spate/hostile/absolute", test_absolute);
  ADD ("/spate/hostile/backslash-empty-nul", test_backslash_empty_nul);
  ADD ("/spate/hostile/long-names", test_long_names);
  ADD ("/spate/hostile/duplicates", test_duplicates);
  ADD ("/spate/hostile/bidi-and-bad-utf8", test_bidi_and_bad_utf8);
  ADD ("/spate/hostile/symlinks", test_symlinks);
  ADD ("/spate/hostile/piece-counts", test_piece_counts);
  ADD ("/spate/hostile/many-files", test_many_files);
  return g_test_run ();
}
