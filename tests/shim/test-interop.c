/* test-interop.c: a foreign client, transmission-cli 3.00, on loopback:
 * Spate downloads what it seeds, and it downloads what Spate seeds.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transmission 3.00 ignores peers on 127.0.0.0/8 that a tracker or PEX
 * hands it (they count as "martian"), yet accepts them connecting in. So
 * on loopback it never dials out, and Spate always dials it:
 * spate_lt_torrent_connect_peer() to its port, in both directions.
 *
 * It also decides interest and choking only every ten seconds, so each
 * transfer starts about ten seconds after the connection.
 */

#include "spate-test-util.h"

#include <string.h>

/* Odd sizes so pieces straddle files; one file in a sub folder. */
static const gsize sizes[] = { 1048576 + 333, 300001, 1, 524288 };

typedef struct
{
  char             *dir;
  char             *src_dir; /* dir/src, holds the payload */
  char             *payload; /* dir/src/payload */
  char             *dl_dir;  /* dir/dl, the download's save path */
  char             *copy;    /* dir/dl/payload */
  char             *torrent_path;
  SpateTestService *transmission;
  SpateLtSession   *session;
  SpateLtTorrent   *torrent;
  int               marker;
  /* Filled while pumping. */
  gboolean saw_transmission;
  gint64   next_dial;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  if (spate_test_skip_without ("transmission-cli") ||
      spate_test_skip_without ("transmission-create"))
    return;

  f->dir = spate_test_make_tmpdir ("interop");
  f->src_dir = g_build_filename (f->dir, "src", NULL);
  f->dl_dir = g_build_filename (f->dir, "dl", NULL);
  f->copy = g_build_filename (f->dl_dir, "payload", NULL);
  f->torrent_path = g_build_filename (f->dir, "payload.torrent", NULL);
  g_mkdir_with_parents (f->dl_dir, 0755);
  f->payload = spate_test_make_payload (f->src_dir, "payload", sizes, G_N_ELEMENTS (sizes), 31);
  f->session = spate_test_session_new (0, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  /* transmission-cli first: it holds the files the test removes. */
  g_clear_pointer (&f->transmission, spate_test_service_stop);
  g_clear_pointer (&f->torrent, spate_lt_torrent_free);
  g_clear_pointer (&f->session, spate_lt_session_free);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->src_dir);
  g_free (f->payload);
  g_free (f->dl_dir);
  g_free (f->copy);
  g_free (f->torrent_path);
}

/* Dials transmission now and again (it may drop a connection while it
 * settles) and notes whether a peer calling itself Transmission showed up:
 * proof the bytes came from, or went to, the foreign client. */
static void
dial_and_look (Fixture *f)
{
  g_autoptr (GArray) peers = NULL;

  if (g_get_monotonic_time () >= f->next_dial)
    {
      g_autoptr (GError) error = NULL;

      spate_lt_torrent_connect_peer (f->torrent, "127.0.0.1",
                                     spate_test_service_get_port (f->transmission), &error);
      g_assert_no_error (error);
      f->next_dial = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    }

  peers = spate_lt_torrent_get_peers (f->torrent, NULL);
  for (guint i = 0; peers != NULL && i < peers->len; i++)
    {
      SpateLtPeer *peer = &g_array_index (peers, SpateLtPeer, i);

      if (peer->client != NULL && strstr (peer->client, "Transmission") != NULL &&
          g_strcmp0 (peer->address, "127.0.0.1") == 0 &&
          peer->port == spate_test_service_get_port (f->transmission))
        f->saw_transmission = TRUE;
    }
}

static gboolean
spate_finished (gpointer data)
{
  Fixture      *f = data;
  SpateLtStatus st = { 0 };
  gboolean      finished = FALSE;

  dial_and_look (f);
  if (spate_lt_torrent_get_status (f->torrent, &st, NULL))
    finished = st.finished;
  spate_lt_status_clear (&st);
  return finished;
}

static gboolean
transmission_finished (gpointer data)
{
  Fixture *f = data;

  dial_and_look (f);
  /* It names files "*.part" until each is complete, so equal trees mean
   * it is done. */
  return spate_test_trees_equal (f->payload, f->copy, NULL);
}

static GBytes *
read_torrent (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

static void
test_transmission_seeds (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (GError) error = NULL;

  if (f->session == NULL) /* skipped */
    return;

  /* Transmission's own .torrent (v1, 32 KiB pieces, no tracker). */
  spate_test_run_program ((const char * const[]){ "transmission-create", "-o", f->torrent_path,
                                                  "-s", "32", f->payload, NULL },
                          30000, &error);
  g_assert_no_error (error);
  torrent = read_torrent (f->torrent_path);

  f->transmission = spate_test_transmission_seed (f->torrent_path, f->src_dir, &error);
  g_assert_no_error (error);

  f->torrent = spate_test_add_torrent (f->session, torrent, f->dl_dir, &f->marker);
  g_assert_true (
      spate_test_pump_until ((SpateLtSession *[]){ f->session, NULL }, 60000, spate_finished, f));
  spate_test_wait_trees_equal (f->payload, f->copy, 10000, &error);
  g_assert_no_error (error);
  g_assert_true (f->saw_transmission);
}

static void
test_transmission_downloads (Fixture *f, gconstpointer data)
{
  SpateLtCreateParams params = { 0 };
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (GError) error = NULL;

  if (f->session == NULL) /* skipped */
    return;

  /* v1 only: transmission 3.00 cannot even parse a hybrid torrent, its
   * bencode reader rejects the empty keys of the v2 "file tree" (fixed in
   * Transmission 4.0). */
  params.path = f->payload;
  params.piece_size = 32768;
  params.format = SPATE_LT_CREATE_V1;
  torrent = spate_test_make_torrent_full (&params, f->torrent_path);

  f->torrent = spate_test_add_torrent (f->session, torrent, f->src_dir, &f->marker);
  g_assert_true (spate_test_wait_seeding (f->session, f->torrent, 30000));

  f->transmission = spate_test_transmission_download (f->torrent_path, f->dl_dir, &error);
  g_assert_no_error (error);

  /* transmission-cli keeps running when done: watch its files instead. */
  g_assert_true (spate_test_pump_until ((SpateLtSession *[]){ f->session, NULL }, 60000,
                                        transmission_finished, f));
  g_assert_true (spate_test_trees_equal (f->payload, f->copy, &error));
  g_assert_no_error (error);
  g_assert_true (f->saw_transmission);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/interop/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("transmission-seeds", test_transmission_seeds);
  ADD ("transmission-downloads", test_transmission_downloads);
#undef ADD
  return g_test_run ();
}
