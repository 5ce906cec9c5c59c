/* test-info.c: spate-cli info on torrents, magnet links and bad input.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-cli.h"
#include "spate-test-util.h"

#define CLI_TIMEOUT_MS 20000

/* ------------------------------------------------------ running the CLI */

static void
run_cli (SpateTestRun *run, const char * const *args)
{
  spate_test_run_cli (run, args, NULL, CLI_TIMEOUT_MS, 0);
}

/* Exit 1 with exactly one line on stderr that names what. */
static void
assert_failed_naming (SpateTestRun *run, const char *what)
{
  spate_test_assert_cli_failed (run, 1, what);
  g_assert_true (g_str_has_prefix (run->err, "spate-cli: "));
  g_assert_cmpstr (run->out, ==, "");
}

/* When python3 is there, it says whether text is one JSON object. */
static void
assert_json (const char *text)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { NULL, "-c",
                         "import json, sys; d = json.load(sys.stdin); "
                         "assert isinstance(d, dict)",
                         NULL };

  /* One object on one line, whatever checks it. */
  g_assert_true (g_str_has_prefix (text, "{"));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);
  if (python == NULL)
    return;
  argv[0] = python;
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, text, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
}

/* A line that holds text, where each %s in it is filled with the size of
 * the next argument as g_format_size() writes it (or IEC units for a
 * negative one): sizes come with a non-breaking space. */
static gboolean
has_line (const char *out, const char *format, ...)
{
  g_autoptr (GString) line = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 's')
        {
          gint64           size = va_arg (args, gint64);
          g_autofree char *text =
              size < 0 ? g_format_size_full (-size, G_FORMAT_SIZE_IEC_UNITS) : g_format_size (size);
          g_string_append (line, text);
          p++;
        }
      else
        g_string_append_c (line, *p);
    }
  va_end (args);
  if (strstr (out, line->str) != NULL)
    return TRUE;
  g_test_message ("no line “%s”", line->str);
  return FALSE;
}

/* ------------------------------------------------------------- fixture */

typedef struct
{
  char   *dir;
  char   *folder;         /* dir/payload, several files */
  char   *single;         /* dir/single.bin */
  char   *folder_torrent; /* dir/payload.torrent */
  char   *single_torrent; /* dir/single.torrent */
  GBytes *folder_bytes;
} Fixture;

static const char *trackers[] = { "http://127.0.0.1:1/announce", "udp://127.0.0.1:2",
                                  "http://127.0.0.1:3/announce", NULL };
static const int   tiers[] = { 0, 0, 1 };
static const char *web_seeds[] = { "http://127.0.0.1:4/files/", NULL };
static const gsize sizes[] = { 100000, 65536, 1, 40000 };

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  SpateLtCreateParams p = { 0 };
  g_autoptr (GBytes) single = NULL;

  f->dir = spate_test_make_tmpdir ("cli-info");
  f->folder = spate_test_make_payload (f->dir, "payload", sizes, G_N_ELEMENTS (sizes), 11);
  f->single = g_build_filename (f->dir, "single.bin", NULL);
  spate_test_write_random_file (f->single, 123456, 12);
  f->folder_torrent = g_build_filename (f->dir, "payload.torrent", NULL);
  f->single_torrent = g_build_filename (f->dir, "single.torrent", NULL);

  p.path = f->folder;
  p.piece_size = 32768;
  p.format = SPATE_LT_CREATE_HYBRID;
  p.trackers = trackers;
  p.tracker_tiers = tiers;
  p.web_seeds = web_seeds;
  p.is_private = TRUE;
  p.comment = "Made by “test-info”\twith a tab";
  p.creator = "Spate tests";
  f->folder_bytes = spate_test_make_torrent_full (&p, f->folder_torrent);

  single = spate_test_make_torrent (f->single, f->single_torrent, NULL, NULL, 16384);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  spate_test_rm_rf (f->dir);
  g_bytes_unref (f->folder_bytes);
  g_free (f->dir);
  g_free (f->folder);
  g_free (f->single);
  g_free (f->folder_torrent);
  g_free (f->single_torrent);
}

/* What the shim reads from the same bytes. */
static SpateLtInfo *
shim_info (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  SpateLtInfo *info = spate_lt_info_new_from_bytes (g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  return info;
}

/* --------------------------------------------------------------- tests */

static void
test_folder (Fixture *f, gconstpointer data)
{
  g_auto (SpateTestRun) run = { 0 };
  g_autoptr (SpateLtInfo) info = shim_info (f->folder_bytes);
  g_autofree char *v1 =
      g_strdup_printf ("Info-hash v1: %s\n", spate_lt_info_get_info_hash_v1 (info));
  g_autofree char *v2 =
      g_strdup_printf ("Info-hash v2: %s\n", spate_lt_info_get_info_hash_v2 (info));
  g_autofree char *size = NULL;
  g_autofree char *pieces =
      g_strdup_printf ("Pieces:       %d × %%s\n", spate_lt_info_get_num_pieces (info));
  /* libtorrent shuffles trackers within a tier on every load (BEP 12), so
   * only the start of the magnet link is fixed. */
  g_autofree char *magnet_line = g_strdup_printf (
      "\nMagnet:       magnet:?xt=urn:btih:%s&xt=urn:btmh:1220%s&dn=payload&tr=",
      spate_lt_info_get_info_hash_v1 (info), spate_lt_info_get_info_hash_v2 (info));
  gsize total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    total += sizes[i];
  size = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes)", total);

  run_cli (&run, (const char *[]){ "info", f->folder_torrent, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Name:         payload\n"));
  g_assert_nonnull (strstr (run.out, v1));
  g_assert_nonnull (strstr (run.out, v2));
  g_assert_nonnull (strstr (run.out, size));
  g_assert_true (has_line (run.out, pieces, (gint64) -32768));
  g_assert_nonnull (strstr (run.out, "Private:      yes\n"));
  g_assert_nonnull (strstr (run.out, "Comment:      Made by “test-info”\twith a tab\n"));
  g_assert_nonnull (strstr (run.out, "Created by:   Spate tests\n"));
  g_assert_nonnull (strstr (run.out, "Created on:   "));
  /* Real files with their sizes, in their folders; no pad files. */
  g_assert_true (has_line (run.out, "  payload/file-0.bin  %s (100000 bytes)\n", (gint64) 100000));
  g_assert_true (
      has_line (run.out, "  payload/sub/file-1.bin  %s (65536 bytes)\n", (gint64) 65536));
  g_assert_true (has_line (run.out, "  payload/file-2.bin  %s\n", (gint64) 1));
  g_assert_true (
      has_line (run.out, "  payload/sub/file-3.bin  %s (40000 bytes)\n", (gint64) 40000));
  g_assert_null (strstr (run.out, ".pad"));
  g_assert_nonnull (strstr (run.out, "  tier 0: http://127.0.0.1:1/announce\n"));
  g_assert_nonnull (strstr (run.out, "  tier 0: udp://127.0.0.1:2\n"));
  g_assert_nonnull (strstr (run.out, "  tier 1: http://127.0.0.1:3/announce\n"));
  g_assert_nonnull (strstr (run.out, "Web seeds:\n  http://127.0.0.1:4/files/\n"));
  g_assert_nonnull (strstr (run.out, magnet_line));
  g_assert_nonnull (strstr (run.out, "&tr=http%3a%2f%2f127.0.0.1%3a3%2fannounce"));
  g_assert_true (g_str_has_suffix (run.out, "&ws=http%3a%2f%2f127.0.0.1%3a4%2ffiles%2f\n"));
}

static void
test_single_file (Fixture *f, gconstpointer data)
{
  g_auto (SpateTestRun) run = { 0 };

  run_cli (&run, (const char *[]){ "info", f->single_torrent, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Name:         single.bin\n"));
  g_assert_true (has_line (run.out, "Size:         %s (123456 bytes)\n", (gint64) 123456));
  g_assert_true (has_line (run.out, "Pieces:       8 × %s\n", (gint64) -16384));
  g_assert_nonnull (strstr (run.out, "Private:      no\n"));
  g_assert_true (
      has_line (run.out, "Files:\n    0  single.bin  %s (123456 bytes)\n", (gint64) 123456));
  /* Nothing was given, so nothing is listed. */
  g_assert_null (strstr (run.out, "Trackers:"));
  g_assert_null (strstr (run.out, "Web seeds:"));
  g_assert_null (strstr (run.out, "Comment:"));
}

static void
test_json (Fixture *f, gconstpointer data)
{
  g_auto (SpateTestRun) run = { 0 };
  g_autoptr (SpateLtInfo) info = shim_info (f->folder_bytes);
  g_autofree char *hash =
      g_strdup_printf ("\"info_hash_v1\":\"%s\"", spate_lt_info_get_info_hash_v1 (info));

  run_cli (&run, (const char *[]){ "info", "--json", f->folder_torrent, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_json (run.out);
  g_assert_true (g_str_has_prefix (run.out, "{\"name\":\"payload\","));
  g_assert_nonnull (strstr (run.out, hash));
  g_assert_nonnull (strstr (run.out, "\"total_size\":205537,"));
  g_assert_nonnull (strstr (run.out, "\"piece_length\":32768,"));
  g_assert_nonnull (strstr (run.out, "\"private\":true"));
  /* Strings are escaped, numbers are numbers. */
  g_assert_nonnull (strstr (run.out, "\"comment\":\"Made by “test-info”\\twith a tab\""));
  g_assert_nonnull (strstr (run.out, "\"path\":\"payload/file-2.bin\",\"size\":1}"));
  g_assert_nonnull (strstr (run.out, "{\"url\":\"http://127.0.0.1:3/announce\",\"tier\":1}"));
  g_assert_nonnull (strstr (run.out, "\"web_seeds\":[\"http://127.0.0.1:4/files/\"]"));
  g_assert_nonnull (strstr (run.out, "\"magnet\":\"magnet:?xt=urn:btih:"));
  g_assert_null (strstr (run.out, "pad"));
}

static void
test_magnet (Fixture *f, gconstpointer data)
{
  static const char hash[] = "0123456789abcdef0123456789abcdef01234567";
  g_autofree char  *magnet = g_strdup_printf (
       "magnet:?xt=urn:btih:%s&dn=Some%%20name&tr=http%%3A%%2F%%2F127.0.0.1%%3A5%%2Fannounce", hash);
  g_auto (SpateTestRun) run = { 0 };
  g_auto (SpateTestRun) json = { 0 };

  run_cli (&run, (const char *[]){ "info", magnet, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Name:         Some name\n"));
  g_assert_nonnull (strstr (run.out, "Info-hash v1: 0123456789abcdef0123456789abcdef01234567\n"));
  g_assert_null (strstr (run.out, "Info-hash v2"));
  g_assert_nonnull (strstr (run.out, "  tier 0: http://127.0.0.1:5/announce\n"));
  g_assert_null (strstr (run.out, "Files:"));
  g_assert_nonnull (strstr (run.out, "Magnet:       magnet:?xt=urn:btih:"));

  run_cli (&json, (const char *[]){ "info", "--json", magnet, NULL });
  g_assert_cmpint (json.status, ==, 0);
  assert_json (json.out);
  g_assert_nonnull (strstr (json.out, "\"has_metadata\":false"));
  g_assert_nonnull (strstr (json.out, "\"total_size\":null"));
  g_assert_nonnull (strstr (json.out, "\"info_hash_v2\":null"));
  g_assert_nonnull (strstr (json.out, "\"files\":[]"));
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.torrent", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.torrent", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.torrent", NULL);
  const char      *bad_magnet = "magnet:?xt=urn:btih:not-a-hash&dn=x";
  g_autoptr (GError) error = NULL;

  g_file_set_contents (garbage, "this is not bencoded\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (truncated, g_bytes_get_data (f->folder_bytes, NULL),
                       (gssize) g_bytes_get_size (f->folder_bytes) / 2, &error);
  g_assert_no_error (error);

  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", garbage, NULL });
    assert_failed_naming (&run, garbage);
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", "--json", truncated, NULL });
    assert_failed_naming (&run, truncated);
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", missing, NULL });
    assert_failed_naming (&run, missing);
    g_assert_nonnull (strstr (run.err, "No such file"));
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", f->dir, NULL });
    assert_failed_naming (&run, f->dir);
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", bad_magnet, NULL });
    assert_failed_naming (&run, bad_magnet);
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", "magnet:?dn=no-hash", NULL });
    assert_failed_naming (&run, "magnet:?dn=no-hash");
  }
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", "--frobnicate", f->single_torrent, NULL });
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--frobnicate"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", NULL });
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", f->single_torrent, f->folder_torrent, NULL });
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "info", "--help", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--json"));
    g_assert_nonnull (strstr (run.out, "TORRENT-FILE|MAGNET"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/cli/info/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("folder", test_folder);
  ADD ("single-file", test_single_file);
  ADD ("json", test_json);
  ADD ("magnet", test_magnet);
  ADD ("bad-input", test_bad_input);
  ADD ("usage", test_usage);
#undef ADD
  return g_test_run ();
}
