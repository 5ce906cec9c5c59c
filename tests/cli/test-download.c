/* test-download.c: spate-cli download against real peers on loopback.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-cli.h"
#include "spate-test-util.h"

#define CLI_TIMEOUT_MS 90000

typedef struct
{
  char           *dir;
  char           *source;  /* holds the payload folder */
  char           *payload; /* source/payload */
  char           *target;  /* where spate-cli saves */
  char           *torrent; /* path of the .torrent */
  GBytes         *bytes;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
} Fixture;

static void
run_cli (SpateTestRun *run, const char * const *args)
{
  spate_test_run_cli (run, args, NULL, CLI_TIMEOUT_MS, 0);
}

/* ------------------------------------------------------------- fixture */

static void
fixture_payload (Fixture            *f,
                 SpateLtCreateFormat format,
                 const char * const *trackers,
                 const char * const *web_seeds)
{
  static const gsize  sizes[] = { 300000, 1200000, 50000, 700001 };
  SpateLtCreateParams params = { 0 };

  f->dir = spate_test_make_tmpdir ("cli-download");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->torrent = g_build_filename (f->dir, "payload.torrent", NULL);
  g_mkdir_with_parents (f->source, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 7);

  params.path = f->payload;
  params.piece_size = 32768;
  params.format = format;
  params.trackers = trackers;
  params.web_seeds = web_seeds;
  f->bytes = spate_test_make_torrent_full (&params, f->torrent);
}

static void
fixture_seed (Fixture *f)
{
  f->seeder = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, f->bytes, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);
  g_clear_pointer (&f->bytes, g_bytes_unref);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->target);
  g_free (f->torrent);
}

static void
assert_downloaded (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->target, "payload", NULL);

  spate_test_trees_equal (f->payload, copy, &error);
  g_assert_no_error (error);
}

static char *
peer_arg (Fixture *f)
{
  return g_strdup_printf ("--peer=127.0.0.1:%d", spate_test_session_get_port (f->seeder));
}

/* --------------------------------------------------------------- tests */

/* Makes the .torrent again with trackers; the info dict, and so the
 * info-hash, stays the same. */
static void
fixture_retorrent (Fixture *f, const char * const *trackers)
{
  SpateLtCreateParams params = { 0 };

  params.path = f->payload;
  params.piece_size = 32768;
  params.format = SPATE_LT_CREATE_V1;
  params.trackers = trackers;
  g_clear_pointer (&f->bytes, g_bytes_unref);
  f->bytes = spate_test_make_torrent_full (&params, f->torrent);
}

static void
test_tracker (void)
{
  Fixture f = { 0 };
  g_autoptr (SpateTestService) tracker = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (SpateTestRun) run;

  if (spate_test_skip_without ("opentracker"))
    return;

  fixture_payload (&f, SPATE_LT_CREATE_V1, NULL, NULL);
  info = spate_lt_info_new_from_bytes (g_bytes_get_data (f.bytes, NULL), g_bytes_get_size (f.bytes),
                                       &error);
  g_assert_no_error (error);
  tracker = spate_test_opentracker_start (
      (const char *[]){ spate_lt_info_get_info_hash_v1 (info), NULL }, &error);
  g_assert_no_error (error);
  fixture_retorrent (&f, (const char *[]){ spate_test_service_get_url (tracker), NULL });
  fixture_seed (&f);

  /* No --peer: the tracker is the only way the two meet. */
  run_cli (&run, (const char *[]){ "download", "--loopback", "--quiet", "--timeout=60", "--dir",
                                   f.target, f.torrent, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  assert_downloaded (&f);
  fixture_teardown (&f);
}

static void
test_web_seed (void)
{
  Fixture f = { 0 };
  g_autoptr (SpateTestService) http = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (SpateTestRun) run;
  SpateLtCreateParams params = { 0 };

  if (spate_test_skip_without ("lighttpd"))
    return;

  /* The server serves the folder that holds the payload: URL + name. */
  fixture_payload (&f, SPATE_LT_CREATE_V1, NULL, NULL);
  http = spate_test_http_server_start (f.source, &error);
  g_assert_no_error (error);
  params.path = f.payload;
  params.piece_size = 32768;
  params.format = SPATE_LT_CREATE_V1;
  params.web_seeds = (const char *[]){ spate_test_service_get_url (http), NULL };
  g_clear_pointer (&f.bytes, g_bytes_unref);
  f.bytes = spate_test_make_torrent_full (&params, f.torrent);

  /* No peer at all: every byte comes over HTTP. */
  run_cli (&run, (const char *[]){ "download", "--loopback", "--timeout=60", "--dir", f.target,
                                   f.torrent, NULL });
  g_assert_cmpint (run.status, ==, 0);
  /* Not a terminal: plain lines, the last one at 100 %. */
  g_assert_nonnull (strstr (run.out, "100.0%"));
  assert_downloaded (&f);
  fixture_teardown (&f);
}

static void
test_transmission (void)
{
  Fixture f = { 0 };
  g_autoptr (SpateTestService) transmission = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *peer = NULL;
  g_auto (SpateTestRun) run;

  if (spate_test_skip_without ("transmission-cli"))
    return;

  fixture_payload (&f, SPATE_LT_CREATE_V1, NULL, NULL);
  transmission = spate_test_transmission_seed (f.torrent, f.source, &error);
  g_assert_no_error (error);
  peer = g_strdup_printf ("--peer=127.0.0.1:%d", spate_test_service_get_port (transmission));

  run_cli (&run, (const char *[]){ "download", "--loopback", "--json", "--timeout=80", peer,
                                   "--dir", f.target, f.torrent, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"event\":\"finished\""));
  assert_downloaded (&f);
  fixture_teardown (&f);
}

static void
test_magnet (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  g_autofree char *magnet = NULL;
  g_autofree char *peer = NULL;
  g_auto (SpateTestRun) run;

  fixture_payload (&f, SPATE_LT_CREATE_HYBRID, NULL, NULL);
  fixture_seed (&f);
  info = spate_lt_info_new_from_bytes (g_bytes_get_data (f.bytes, NULL), g_bytes_get_size (f.bytes),
                                       &error);
  g_assert_no_error (error);
  magnet = spate_lt_info_make_magnet (info);
  peer = peer_arg (&f);

  run_cli (&run, (const char *[]){ "download", "--loopback", "--json", "--timeout=60", peer,
                                   "--dir", f.target, magnet, NULL });
  g_assert_cmpint (run.status, ==, 0);
  assert_downloaded (&f);
  /* The name came with the metadata. */
  g_assert_nonnull (strstr (run.out, "\"name\":\"payload\""));
  fixture_teardown (&f);
}

/* The last "session_downloaded" figure spate-cli printed. */
static gint64
last_session_downloaded (const char *json_lines)
{
  const char *p = json_lines, *found = NULL;

  while ((p = strstr (p, "\"session_downloaded\":")) != NULL)
    found = p++;
  g_assert_nonnull (found);
  return g_ascii_strtoll (found + strlen ("\"session_downloaded\":"), NULL, 10);
}

static void
test_state_resumes (void)
{
  Fixture          f = { 0 };
  g_autofree char *state = NULL;
  g_autofree char *peer = NULL;
  g_autofree char *first = NULL;
  g_auto (SpateTestRun) run1;
  g_auto (SpateTestRun) run2;
  g_autofree char *files = NULL;
  gint64           second, total = 0;

  fixture_payload (&f, SPATE_LT_CREATE_V1, NULL, NULL);
  fixture_seed (&f);
  state = g_build_filename (f.dir, "state", NULL);
  peer = peer_arg (&f);

  /* First only the 1.2 MB file: its pieces are on disk and in the state. */
  {
    g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_bytes (g_bytes_get_data (f.bytes, NULL),
                                                                 g_bytes_get_size (f.bytes), NULL);
    for (int i = 0; i < spate_lt_info_get_num_files (info); i++)
      {
        SpateLtFile file;
        g_assert_true (spate_lt_info_get_file (info, i, &file));
        if (file.size == 1200000)
          {
            files = g_strdup_printf ("%d", i);
            first = g_build_filename (f.target, file.path, NULL);
          }
        g_free (file.path);
      }
    total = spate_lt_info_get_total_size (info);
  }
  g_assert_nonnull (files);
  run_cli (&run1,
           (const char *[]){ "download", "--loopback", "--json", "--timeout=60", peer, "--state",
                             state, "--files", files, "--dir", f.target, f.torrent, NULL });
  g_assert_cmpint (run1.status, ==, 0);
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));

  /* Then everything: only what is missing travels. */
  run_cli (&run2, (const char *[]){ "download", "--loopback", "--json", "--timeout=60", peer,
                                    "--state", state, "--dir", f.target, f.torrent, NULL });
  g_assert_cmpint (run2.status, ==, 0);
  assert_downloaded (&f);
  second = last_session_downloaded (run2.out);
  /* Pieces shared with the first file at its two edges may travel again. */
  g_test_message ("second run downloaded %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " bytes",
                  second, total);
  g_assert_cmpint (second, >=, total - 1200000 - 2 * 32768);
  g_assert_cmpint (second, <=, total - 1200000 + 2 * 32768);
  fixture_teardown (&f);
}

static void
test_interrupt_saves (void)
{
  Fixture          f = { 0 };
  g_autofree char *state = NULL;
  g_autofree char *resume_dir = NULL;
  g_autoptr (GDir) dir = NULL;
  g_auto (SpateTestRun) run;
  guint       resume_files = 0;
  const char *name;

  fixture_payload (&f, SPATE_LT_CREATE_V1, NULL, NULL);
  state = g_build_filename (f.dir, "state", NULL);

  /* No peer: it waits until Ctrl-C. */
  spate_test_run_cli (&run,
                      (const char *[]){ "download", "--loopback", "--quiet", "--state", state,
                                        "--dir", f.target, f.torrent, NULL },
                      NULL, CLI_TIMEOUT_MS, 3000);
  g_assert_cmpint (run.status, ==, 130);
  resume_dir = g_build_filename (state, "resume", NULL);
  dir = g_dir_open (resume_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".resume"))
      resume_files++;
  g_assert_cmpuint (resume_files, ==, 1);
  fixture_teardown (&f);
}

/* ----------------------------------------------------------- bad input */

static guint
count_entries (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_bad_input (void)
{
  g_autofree char *dir = spate_test_make_tmpdir ("cli-bad");
  g_autofree char *garbage = g_build_filename (dir, "garbage.torrent", NULL);
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  g_autofree char *blocker = g_build_filename (dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "sub", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/x.torrent", spate_test_free_port ());
  g_autofree char *tmp = g_build_filename (dir, "tmp", NULL);
  const char      *old_tmp = g_getenv ("TMPDIR");

  g_assert_true (g_file_set_contents (garbage, "this is not bencode", -1, NULL));
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  g_mkdir_with_parents (tmp, 0755);
  /* spate-cli's temporary state goes here: it must be empty afterwards. */
  g_setenv ("TMPDIR", tmp, TRUE);

  {
    g_auto (SpateTestRun) run;
    run_cli (&run, (const char *[]){ "download", "--loopback", "--dir", target, garbage, NULL });
    spate_test_assert_cli_failed (&run, 1, "garbage.torrent");
  }
  {
    g_auto (SpateTestRun) run;
    run_cli (&run, (const char *[]){ "download", "--loopback", "--dir", target,
                                     "magnet:?xt=urn:btih:nothex", NULL });
    spate_test_assert_cli_failed (&run, 1, "magnet");
  }
  {
    g_auto (SpateTestRun) run;
    run_cli (&run, (const char *[]){ "download", "--loopback", "--dir", target, url, NULL });
    spate_test_assert_cli_failed (&run, 1, url);
  }
  {
    g_auto (SpateTestRun) run;
    run_cli (&run,
             (const char *[]){ "download", "--loopback", "--dir", under_file, garbage, NULL });
    spate_test_assert_cli_failed (&run, 1, under_file);
  }
  {
    g_auto (SpateTestRun) run;
    run_cli (&run, (const char *[]){ "download", "--no-such-option", garbage, NULL });
    spate_test_assert_cli_failed (&run, 2, "--no-such-option");
  }
  {
    g_auto (SpateTestRun) run;
    run_cli (&run, (const char *[]){ "frobnicate", NULL });
    spate_test_assert_cli_failed (&run, 2, "frobnicate");
  }

  /* Nothing left behind: no download folder, no temporary state. */
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (tmp), ==, 0);

  if (old_tmp != NULL)
    g_setenv ("TMPDIR", old_tmp, TRUE);
  else
    g_unsetenv ("TMPDIR");
  spate_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SPATE_CLI") == NULL)
    g_error ("SPATE_CLI must name the spate-cli binary");

  g_test_add_func ("/spate/cli/download/tracker", test_tracker);
  g_test_add_func ("/spate/cli/download/web-seed", test_web_seed);
  g_test_add_func ("/spate/cli/download/transmission", test_transmission);
  g_test_add_func ("/spate/cli/download/magnet", test_magnet);
  g_test_add_func ("/spate/cli/download/state-resumes", test_state_resumes);
  g_test_add_func ("/spate/cli/download/interrupt-saves", test_interrupt_saves);
  g_test_add_func ("/spate/cli/download/bad-input", test_bad_input);
  return g_test_run ();
}
