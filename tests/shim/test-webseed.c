/* test-webseed.c: lighttpd on loopback is the only source (BEP 19 web
 * seeds): named in the .torrent, or added to a running torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

typedef struct
{
  char             *dir;
  char             *www;    /* dir/www: the web server's document root */
  char             *dl_dir; /* dir/dl: where the download goes */
  SpateTestService *server;
  SpateLtSession   *session;
  int               marker;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (spate_test_skip_without ("lighttpd"))
    return;

  f->dir = spate_test_make_tmpdir ("webseed");
  f->www = g_build_filename (f->dir, "www", NULL);
  f->dl_dir = g_build_filename (f->dir, "dl", NULL);
  g_mkdir_with_parents (f->www, 0755);
  g_mkdir_with_parents (f->dl_dir, 0755);

  f->server = spate_test_http_server_start (f->www, &error);
  g_assert_no_error (error);
  /* No tracker, DHT or LSD, and nobody to connect to: only the web seed. */
  f->session = spate_test_session_new (0, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->session, spate_lt_session_free);
  g_clear_pointer (&f->server, spate_test_service_stop);
  spate_test_rm_rf (f->dir);
  g_free (f->www);
  g_free (f->dl_dir);
  g_free (f->dir);
}

static void
assert_web_seed_listed (SpateLtTorrent *torrent, const char *url)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seeds = spate_lt_torrent_get_web_seeds (torrent, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < seeds->len; i++)
    {
      SpateLtWebSeed *seed = &g_array_index (seeds, SpateLtWebSeed, i);

      if (g_strcmp0 (seed->url, url) == 0 && seed->type == SPATE_LT_WEB_SEED_URL)
        found = TRUE;
    }
  g_assert_true (found);
}

static void
assert_downloaded (Fixture *f, SpateLtTorrent *torrent, const char *source, const char *copy)
{
  g_autoptr (GError) error = NULL;
  SpateLtStatus st = { 0 };

  g_assert_true (spate_test_wait_alert (f->session, SPATE_LT_ALERT_TORRENT_FINISHED, &f->marker,
                                        60000, NULL, NULL));
  spate_test_wait_trees_equal (source, copy, 10000, &error);
  g_assert_no_error (error);

  g_assert_true (spate_lt_torrent_get_status (torrent, &st, &error));
  g_assert_no_error (error);
  g_assert_true (st.finished);
  g_assert_cmpint (st.total_done, ==, st.total_size);
  /* Every byte came over HTTP: there was no peer to give any. */
  g_assert_cmpint (st.list_peers, ==, 0);
  spate_lt_status_clear (&st);
}

static void
test_in_torrent (Fixture *f, gconstpointer data)
{
  /* Odd sizes so requests straddle files; one file in a sub folder. */
  static const gsize sizes[] = { 1048576 + 333, 300001, 1, 524288 };
  g_autofree char   *payload = NULL;
  g_autofree char   *copy = NULL;
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (SpateLtTorrent) handle = NULL;
  const char *url;

  if (f->server == NULL) /* skipped */
    return;

  /* For a multi-file torrent the URL names the folder holding the
   * torrent's top folder and ends in '/'; the client appends
   * "payload/<file path>". */
  url = spate_test_service_get_url (f->server);
  g_assert_true (g_str_has_suffix (url, "/"));
  payload = spate_test_make_payload (f->www, "payload", sizes, G_N_ELEMENTS (sizes), 21);
  copy = g_build_filename (f->dl_dir, "payload", NULL);
  torrent =
      spate_test_make_torrent (payload, NULL, NULL, (const char * const[]){ url, NULL }, 32768);

  handle = spate_test_add_torrent (f->session, torrent, f->dl_dir, &f->marker);
  assert_web_seed_listed (handle, url);
  assert_downloaded (f, handle, payload, copy);

  spate_lt_torrent_free (g_steal_pointer (&handle));
}

static void
test_added_later (Fixture *f, gconstpointer data)
{
  g_autofree char *source = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (SpateLtTorrent) handle = NULL;
  g_autoptr (GError) error = NULL;

  if (f->server == NULL) /* skipped */
    return;

  /* A single-file torrent; its web seed URL names the file itself. */
  source = g_build_filename (f->www, "single.bin", NULL);
  spate_test_write_random_file (source, 777777, 22);
  url = g_strconcat (spate_test_service_get_url (f->server), "single.bin", NULL);
  torrent = spate_test_make_torrent (source, NULL, NULL, NULL, 16384);

  handle = spate_test_add_torrent (f->session, torrent, f->dl_dir, &f->marker);
  /* With no source at all, nothing arrives. */
  g_assert_false (spate_test_wait_alert (f->session, SPATE_LT_ALERT_PIECE_FINISHED, &f->marker,
                                         1000, NULL, NULL));

  spate_lt_torrent_add_web_seed (handle, url, SPATE_LT_WEB_SEED_URL, &error);
  g_assert_no_error (error);
  assert_web_seed_listed (handle, url);

  /* Both folders hold just the one file. */
  assert_downloaded (f, handle, f->www, f->dl_dir);

  spate_lt_torrent_free (g_steal_pointer (&handle));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/webseed/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("in-torrent", test_in_torrent);
  ADD ("added-later", test_added_later);
#undef ADD
  return g_test_run ();
}
