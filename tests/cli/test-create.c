/* test-create.c: spate-cli create makes torrents that info reads and that
 * two libtorrent sessions transfer; bad input leaves no file behind.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <unistd.h>

#include "spate-test-cli.h"
#include "spate-test-util.h"

#define CLI_TIMEOUT_MS 60000

/* ------------------------------------------------------ running the CLI */

static void
run_cli (SpateTestRun *run, const char * const *args)
{
  spate_test_run_cli (run, args, NULL, CLI_TIMEOUT_MS, 0);
}

/* Ctrl-C is sent as soon as it has a handler for it. */
static void
run_cli_interrupted (SpateTestRun *run, const char * const *args)
{
  spate_test_run_cli (run, args, NULL, CLI_TIMEOUT_MS, 1);
}

/* Exit 1 with exactly one line on stderr that names what. */
static void
assert_failed_naming (SpateTestRun *run, const char *what)
{
  spate_test_assert_cli_failed (run, 1, what);
}

/* The value after "label" up to the end of its line, in text. */
static char *
field (const char *text, const char *label)
{
  const char *start = strstr (text, label);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (label);
  while (*start == ' ')
    start++;
  end = strchr (start, '\n');
  return g_strndup (start, end ? (gsize) (end - start) : strlen (start));
}

/* ------------------------------------------------------------- fixture */

typedef struct
{
  char *dir;
  char *source;  /* dir/seed, holds the payload */
  char *payload; /* dir/seed/payload */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  /* Odd sizes so pieces straddle files. */
  static const gsize sizes[] = { 300001, 70001, 1, 131072, 250000 };

  f->dir = spate_test_make_tmpdir ("cli-create");
  f->source = g_build_filename (f->dir, "seed", NULL);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 21);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
}

/* --------------------------------------------------------------- tests */

/* Two loopback sessions move the torrent from the payload to a fresh
 * folder; the copy has the same bytes. */
static void
transfer (Fixture *f, GBytes *torrent, const char *name)
{
  g_autofree char *leech_dir = g_build_filename (f->dir, name, NULL);
  g_autofree char *got = g_build_filename (leech_dir, "payload", NULL);
  g_autoptr (GError) error = NULL;
  SpateLtSession *seeder = spate_test_session_new (0, NULL);
  SpateLtSession *leecher = spate_test_session_new (0, NULL);
  SpateLtTorrent *seed, *leech;
  int             seed_marker = 0, leech_marker = 0;

  g_assert_cmpint (g_mkdir_with_parents (leech_dir, 0755), ==, 0);
  seed = spate_test_add_torrent (seeder, torrent, f->source, &seed_marker);
  g_assert_true (spate_test_wait_seeding (seeder, seed, 30000));
  leech = spate_test_add_torrent (leecher, torrent, leech_dir, &leech_marker);
  spate_lt_torrent_connect_peer (leech, "127.0.0.1", spate_test_session_get_port (seeder), &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_wait_alert (leecher, SPATE_LT_ALERT_TORRENT_FINISHED, &leech_marker,
                                        60000, NULL, NULL));
  spate_test_wait_trees_equal (f->payload, got, 10000, &error);
  g_assert_no_error (error);

  spate_lt_torrent_free (leech);
  spate_lt_torrent_free (seed);
  spate_lt_session_free (leecher);
  spate_lt_session_free (seeder);
}

static void
check_format (Fixture *f, const char *option, gboolean want_v1, gboolean want_v2)
{
  g_autofree char *out = g_strdup_printf ("%s/payload%s.torrent", f->dir, option);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *magnet = NULL;
  g_autofree char *info_magnet = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_auto (SpateTestRun) create = { 0 };
  g_auto (SpateTestRun) show = { 0 };
  gsize size;

  run_cli (&create,
           (const char *[]){ "create", "-o", out, option, "--piece-size", "32K", "--tracker",
                             "http://127.0.0.1:1/announce", "--tracker", "udp://127.0.0.1:2",
                             "--web-seed", "http://127.0.0.1:3/", "--comment", "from the CLI",
                             "--creator", "test-create", f->payload, NULL });
  g_assert_cmpint (create.status, ==, 0);
  g_assert_cmpstr (create.err, ==, "");
  /* Not a terminal: no progress bar redrawn with \r. */
  g_assert_null (strchr (create.out, '\r'));
  g_assert_true (g_str_has_prefix (create.out, "Created "));

  g_file_get_contents (out, &contents, &size, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
  info = spate_lt_info_new_from_bytes (g_bytes_get_data (bytes, NULL), size, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_name (info), ==, "payload");
  g_assert_cmpint (spate_lt_info_get_piece_length (info), ==, 32768);
  g_assert_true ((spate_lt_info_get_info_hash_v1 (info) != NULL) == want_v1);
  g_assert_true ((spate_lt_info_get_info_hash_v2 (info) != NULL) == want_v2);
  g_assert_cmpint (spate_lt_info_get_num_trackers (info), ==, 2);
  g_assert_cmpint (spate_lt_info_get_num_web_seeds (info), ==, 1);
  g_assert_cmpstr (spate_lt_info_get_comment (info), ==, "from the CLI");
  g_assert_cmpstr (spate_lt_info_get_creator (info), ==, "test-create");
  g_assert_false (spate_lt_info_is_private (info));

  /* create prints what info shows. */
  run_cli (&show, (const char *[]){ "info", out, NULL });
  g_assert_cmpint (show.status, ==, 0);
  magnet = field (create.out, "Magnet:");
  info_magnet = field (show.out, "Magnet:");
  g_assert_nonnull (magnet);
  g_assert_cmpstr (magnet, ==, info_magnet);
  v1 = field (create.out, "Info-hash v1:");
  v2 = field (create.out, "Info-hash v2:");
  g_assert_cmpstr (v1, ==, spate_lt_info_get_info_hash_v1 (info));
  g_assert_cmpstr (v2, ==, spate_lt_info_get_info_hash_v2 (info));
  g_assert_nonnull (strstr (show.out, "  tier 0: http://127.0.0.1:1/announce\n"));
  g_assert_nonnull (strstr (show.out, "  tier 1: udp://127.0.0.1:2\n"));
  g_assert_nonnull (strstr (show.out, "Comment:      from the CLI\n"));

  transfer (f, bytes, option + 2);
}

static void
test_hybrid (Fixture *f, gconstpointer data)
{
  check_format (f, "--hybrid", TRUE, TRUE);
}

static void
test_v1 (Fixture *f, gconstpointer data)
{
  check_format (f, "--v1", TRUE, FALSE);
}

static void
test_v2 (Fixture *f, gconstpointer data)
{
  check_format (f, "--v2", FALSE, TRUE);
}

static void
test_single_file_private (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->payload, "file-0.bin", NULL);
  g_autofree char *out = g_build_filename (f->dir, "one.torrent", NULL);
  g_autofree char *piece = NULL;
  g_autofree char *size = NULL;
  g_autofree char *expected = NULL;
  g_auto (SpateTestRun) create = { 0 };
  g_auto (SpateTestRun) show = { 0 };

  run_cli (&create, (const char *[]){ "create", "--private", "--piece-size", "65536", "--output",
                                      out, file, NULL });
  g_assert_cmpint (create.status, ==, 0);
  run_cli (&show, (const char *[]){ "info", out, NULL });
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_str_has_prefix (show.out, "Name:         file-0.bin\n"));
  piece = g_format_size_full (65536, G_FORMAT_SIZE_IEC_UNITS);
  expected = g_strdup_printf ("Pieces:       5 × %s\n", piece);
  g_assert_nonnull (strstr (show.out, expected));
  g_assert_nonnull (strstr (show.out, "Private:      yes\n"));
  g_free (expected);
  size = g_format_size (300001);
  expected = g_strdup_printf ("Files:\n    0  file-0.bin  %s (300001 bytes)\n", size);
  g_assert_nonnull (strstr (show.out, expected));
}

static void
test_bad_piece_size (Fixture *f, gconstpointer data)
{
  static const char *bad[] = { "1000", "15K", "24K", "3M", "1G", "big", "-16K", "16Q" };
  g_autofree char   *out = g_build_filename (f->dir, "bad.torrent", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (SpateTestRun) run = { 0 };
      g_autofree char *option = g_strdup_printf ("--piece-size=%s", bad[i]);

      run_cli (&run, (const char *[]){ "create", "-o", out, option, f->payload, NULL });
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, bad[i]));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

static void
test_existing_output (Fixture *f, gconstpointer data)
{
  static const char before[] = "keep me\n";
  g_autofree char  *out = g_build_filename (f->dir, "taken.torrent", NULL);
  g_autofree char  *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_file_set_contents (out, before, -1, &error);
  g_assert_no_error (error);
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "create", "-o", out, f->payload, NULL });
    assert_failed_naming (&run, out);
    g_assert_nonnull (strstr (run.err, "--force"));
    g_file_get_contents (out, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (contents, ==, before);
    g_clear_pointer (&contents, g_free);
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    g_auto (SpateTestRun) show = { 0 };
    run_cli (&run, (const char *[]){ "create", "--force", "-o", out, f->payload, NULL });
    g_assert_cmpint (run.status, ==, 0);
    run_cli (&show, (const char *[]){ "info", out, NULL });
    g_assert_cmpint (show.status, ==, 0);
    g_assert_true (g_str_has_prefix (show.out, "Name:         payload\n"));
  }
}

static void
test_missing_path (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "not-here", NULL);
  g_autofree char *out = g_build_filename (f->dir, "missing.torrent", NULL);
  g_auto (SpateTestRun) run = { 0 };

  run_cli (&run, (const char *[]){ "create", "-o", out, missing, NULL });
  assert_failed_naming (&run, missing);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  g_autofree char    *out = g_build_filename (f->dir, "usage.torrent", NULL);
  const char * const *cases[] = {
    (const char *[]){ "create", f->payload, NULL },
    (const char *[]){ "create", "-o", out, NULL },
    (const char *[]){ "create", "-o", out, f->payload, f->source, NULL },
    (const char *[]){ "create", "-o", out, "--v1", "--v2", f->payload, NULL },
    (const char *[]){ "create", "-o", out, "--no-such-option", f->payload, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (SpateTestRun) run = { 0 };

      run_cli (&run, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

static void
test_interrupt (Fixture *f, gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.bin", NULL);
  g_autofree char *out = g_build_filename (f->dir, "big.torrent", NULL);
  g_auto (SpateTestRun) run = { 0 };
  FILE *file;

  /* Sparse: costs no disk, still takes seconds to hash. */
  file = fopen (big, "wb");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), G_GINT64_CONSTANT (4) << 30), ==, 0);
  fclose (file);

  run_cli_interrupted (&run, (const char *[]){ "create", "-o", out, big, NULL });
  assert_failed_naming (&run, "cancelled");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/cli/create/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("hybrid", test_hybrid);
  ADD ("v1", test_v1);
  ADD ("v2", test_v2);
  ADD ("single-file-private", test_single_file_private);
  ADD ("bad-piece-size", test_bad_piece_size);
  ADD ("existing-output", test_existing_output);
  ADD ("missing-path", test_missing_path);
  ADD ("usage", test_usage);
  ADD ("interrupt", test_interrupt);
#undef ADD
  return g_test_run ();
}
