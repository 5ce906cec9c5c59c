/* test-blocklist.c: reading blocklists, and the session's IP filter
 * keeping a real seeder on loopback away.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-engine.h"

typedef struct
{
  char           *dir;
  char           *source;
  char           *payload;
  char           *target;
  char           *data_dir;
  GBytes         *torrent;
  SpateLtSession *seeder;
  SpateLtTorrent *seed;
  int             seeder_port;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 700000, 300001 };

  f->dir = spate_test_make_tmpdir ("engine-blocklist");
  f->source = g_build_filename (f->dir, "source", NULL);
  f->target = g_build_filename (f->dir, "target", NULL);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  g_mkdir_with_parents (f->source, 0755);
  g_mkdir_with_parents (f->target, 0755);
  f->payload = spate_test_make_payload (f->source, "payload", sizes, G_N_ELEMENTS (sizes), 5);
  f->torrent = spate_test_make_torrent (f->payload, NULL, NULL, NULL, 32768);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->seed, spate_lt_torrent_free);
  g_clear_pointer (&f->seeder, spate_lt_session_free);
  g_clear_pointer (&f->torrent, g_bytes_unref);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->source);
  g_free (f->payload);
  g_free (f->target);
  g_free (f->data_dir);
}

/* ------------------------------------------------------------ helpers */

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_gzip (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GZlibCompressor) zip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (zip));
  g_autoptr (GBytes) bytes = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (bytes, NULL))[0], ==, 0x1f);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  ((Wait *) data)->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

/* Loads path with the async call, waiting at most 60 s. */
static SpateBlocklist *
load (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  Wait            w = { NULL };
  SpateBlocklist *list;

  spate_blocklist_load_async (file, NULL, on_loaded, &w);
  g_assert_true (spate_test_spin_until (has_result, &w, 60000));
  list = spate_blocklist_load_finish (w.result, error);
  g_object_unref (w.result);
  return list;
}

static SpateBlocklist *
load_ok (const char *path, gsize n_ranges)
{
  g_autoptr (GError) error = NULL;
  SpateBlocklist *list = load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (spate_blocklist_get_n_ranges (list), ==, n_ranges);
  return list;
}

/* ------------------------------------------------------------ formats */

static void
test_formats (Fixture *f, gconstpointer data)
{
  static const char emule[] = "# eMule ipfilter.dat\n"
                              "001.002.003.000 - 001.002.003.255 , 000 , Example one\r\n"
                              "010.000.000.000 - 010.000.255.255 , 100 , Example two\r\n"
                              "192.168.050.010 - 192.168.050.020 , 127 , Example three\r\n"
                              "200.000.000.000 - 200.000.000.255 , 200 , Allowed: above 127\r\n";
  static const char p2p[] = "# PeerGuardian\n"
                            "Some Org, Inc:1.2.3.0-1.2.3.255\n"
                            "Name: with: colons:10.0.0.0-10.0.255.255\n"
                            "Foo-Bar:172.16.5.0-172.16.5.127\n";
  static const char plain[] = "1.2.3.0-1.2.3.255\n"
                              "10.0.0.0/16\n"
                              "\n"
                              "172.16.5.7\n"
                              "2001:db8::/32\n"
                              "2001:db9::1 - 2001:db9::ff\n";
  g_autofree char  *emule_path = write_file (f, "ipfilter.dat", emule);
  g_autofree char  *p2p_path = write_file (f, "level1.p2p", p2p);
  g_autofree char  *plain_path = write_file (f, "ranges.txt", plain);
  /* Found compressed by its first bytes, whatever its name. */
  g_autofree char *gzip_path = write_gzip (f, "level1.p2p.gz", p2p);
  g_autofree char *gzip_plain_path = write_gzip (f, "ranges-gz.txt", plain);
  SpateBlocklist  *list;

  list = load_ok (emule_path, 3);
  g_assert_true (spate_blocklist_blocks (list, "1.2.3.77"));
  g_assert_true (spate_blocklist_blocks (list, "10.0.200.1"));
  g_assert_true (spate_blocklist_blocks (list, "192.168.50.20"));
  g_assert_false (spate_blocklist_blocks (list, "192.168.50.21"));
  g_assert_false (spate_blocklist_blocks (list, "200.0.0.5"));
  g_assert_cmpuint (spate_blocklist_get_n_skipped (list), ==, 0);
  g_assert_finalize_object (list);

  list = load_ok (p2p_path, 3);
  g_assert_true (spate_blocklist_blocks (list, "10.0.3.4"));
  g_assert_true (spate_blocklist_blocks (list, "172.16.5.127"));
  g_assert_false (spate_blocklist_blocks (list, "172.16.5.128"));
  g_assert_false (spate_blocklist_blocks (list, "127.0.0.1"));
  g_assert_finalize_object (list);

  list = load_ok (plain_path, 5);
  g_assert_true (spate_blocklist_blocks (list, "10.0.255.255"));
  g_assert_false (spate_blocklist_blocks (list, "10.1.0.0"));
  g_assert_true (spate_blocklist_blocks (list, "172.16.5.7"));
  g_assert_false (spate_blocklist_blocks (list, "172.16.5.8"));
  g_assert_true (spate_blocklist_blocks (list, "2001:db8:ffff::1"));
  g_assert_true (spate_blocklist_blocks (list, "2001:db9::80"));
  g_assert_false (spate_blocklist_blocks (list, "2001:db9::100"));
  g_assert_finalize_object (list);

  list = load_ok (gzip_path, 3);
  g_assert_true (spate_blocklist_blocks (list, "1.2.3.4"));
  g_assert_finalize_object (list);
  list = load_ok (gzip_plain_path, 5);
  g_assert_true (spate_blocklist_blocks (list, "2001:db8::1"));
  g_assert_finalize_object (list);
}

/* A line that is no range is skipped when ranges are the rule. */
static void
test_stray_lines (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "mixed.p2p",
                                      "A:1.1.1.0-1.1.1.255\nnot a range\nB:2.2.2.0-2.2.2.9\n"
                                      "C:3.3.3.300-3.3.3.301\nD:4.4.4.0-4.4.4.3\n");
  SpateBlocklist  *list = load_ok (path, 3);

  g_assert_cmpuint (spate_blocklist_get_n_skipped (list), ==, 2);
  g_assert_finalize_object (list);
}

/* -------------------------------------------------------------- big */

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_big_list (Fixture *f, gconstpointer data)
{
  const guint n = 300000;
  g_autoptr (GString) text = g_string_sized_new (n * 40);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "big.p2p", NULL);
  g_autoptr (SpateBlocklist) list = NULL;
  Wait   w = { NULL };
  guint  ticks = 0;
  guint  tick_source;
  gint64 start, returned, done;

  /* Ranges with gaps between them, so none merge. */
  for (guint i = 0; i < n; i++)
    {
      guint32 base = (11u << 24) + i * 256;

      g_string_append_printf (text, "Range %u:%u.%u.%u.0-%u.%u.%u.127\n", i, base >> 24,
                              (base >> 16) & 0xff, (base >> 8) & 0xff, base >> 24,
                              (base >> 16) & 0xff, (base >> 8) & 0xff);
    }
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  tick_source = g_timeout_add (1, count_tick, &ticks);
  start = g_get_monotonic_time ();
  spate_blocklist_load_async (file, NULL, on_loaded, &w);
  returned = g_get_monotonic_time ();
  g_assert_null (w.result);
  g_assert_true (spate_test_spin_until (has_result, &w, 120000));
  done = g_get_monotonic_time ();
  g_source_remove (tick_source);
  list = spate_blocklist_load_finish (w.result, &error);
  g_clear_object (&w.result);
  g_assert_no_error (error);
  g_test_message ("%u lines: call %" G_GINT64_FORMAT " µs, load %" G_GINT64_FORMAT
                  " µs, %u main-loop ticks meanwhile",
                  n, returned - start, done - start, ticks);

  g_assert_cmpuint (spate_blocklist_get_n_ranges (list), ==, n);
  g_assert_true (spate_blocklist_blocks (list, "11.0.5.100"));
  g_assert_false (spate_blocklist_blocks (list, "11.0.5.200"));
  /* The work happened elsewhere: the main loop went on meanwhile. */
  g_assert_cmpint (returned - start, <, (done - start) / 2);
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* ------------------------------------------------------------ errors */

static void
assert_refused (const char *path, int code, const char *name, const char *more)
{
  g_autoptr (GError) error = NULL;
  SpateBlocklist *list = load (path, &error);

  g_assert_null (list);
  g_assert_error (error, SPATE_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  if (more != NULL)
    g_assert_nonnull (strstr (error->message, more));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.p2p", NULL);
  g_autofree char *empty = write_file (f, "empty.dat", "");
  g_autofree char *comments = write_file (f, "comments.txt", "# nothing here\n\n   \n");
  g_autofree char *garbage =
      write_file (f, "notes.txt", "Shopping list\nmilk\neggs\n1.2.3.4-1.2.3.5\nbread\n");
  g_autofree char *allowed =
      write_file (f, "allow.dat", "001.002.003.000 - 001.002.003.255 , 200 , allowed\n");
  g_autofree char *zipped_garbage = write_gzip (f, "garbage.gz", "\x01\x02 binary \x03\n\xff\xfe");
  g_autofree char *broken_gzip = NULL;
  g_autofree char *binary = g_build_filename (f->dir, "random.bin", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *dir_name = g_path_get_basename (f->dir);
  gsize            length;

  assert_refused (missing, SPATE_ERROR_IO, "missing.p2p", NULL);
  assert_refused (f->dir, SPATE_ERROR_IO, dir_name, NULL);
  assert_refused (empty, SPATE_ERROR_INVALID_INPUT, "empty.dat", NULL);
  assert_refused (comments, SPATE_ERROR_INVALID_INPUT, "comments.txt", NULL);
  assert_refused (garbage, SPATE_ERROR_INVALID_INPUT, "notes.txt", "line 1");
  assert_refused (allowed, SPATE_ERROR_INVALID_INPUT, "allow.dat", NULL);
  assert_refused (zipped_garbage, SPATE_ERROR_INVALID_INPUT, "garbage.gz", NULL);

  /* A gzip file cut in half. */
  g_assert_true (g_file_get_contents (zipped_garbage, &contents, &length, NULL));
  broken_gzip = write_file (f, "cut.p2p.gz", "");
  g_assert_true (g_file_set_contents (broken_gzip, contents, (gssize) length / 2, NULL));
  assert_refused (broken_gzip, SPATE_ERROR_INVALID_INPUT, "cut.p2p.gz", "gzip");

  spate_test_write_random_file (binary, 3 * 1024 * 1024, 9);
  assert_refused (binary, SPATE_ERROR_INVALID_INPUT, "random.bin", NULL);
}

/* -------------------------------------------------------------- bans */

static void
count_signal (gpointer data)
{
  (*(guint *) data)++;
}

static void
test_bans (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "two.txt", "10.0.0.0/8\n192.168.0.0/16\n");
  g_autoptr (SpateBlocklist) list = load_ok (path, 2);
  g_autoptr (GError) error = NULL;
  SpateSession *session = spate_test_engine_session_new (f->data_dir, NULL);
  const char   *keep[] = { "192.0.2.1", "not an address", "2001:0db8::0001", "192.0.2.1", NULL };
  g_auto (GStrv) banned = NULL;
  guint changes = 0;

  g_signal_connect_swapped (session, "banned-peers-changed", G_CALLBACK (count_signal), &changes);
  g_assert_cmpuint (spate_session_get_ip_filter_count (session), ==, 0);

  g_assert_true (spate_session_ban_peer (session, "127.0.0.1", &error));
  g_assert_true (spate_session_ban_peer (session, "0::1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  /* The same address again changes nothing. */
  g_assert_true (spate_session_ban_peer (session, "::1", &error));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_false (spate_session_ban_peer (session, "300.1.1.1", &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  banned = spate_session_get_banned_peers (session);
  g_assert_cmpstrv (banned, ((const char *[]){ "127.0.0.1", "::1", NULL }));
  g_assert_cmpuint (spate_session_get_ip_filter_count (session), ==, 2);
  g_assert_true (spate_session_is_blocked (session, "127.0.0.1"));

  /* A blocklist joins the bans; the bans stay. */
  spate_session_set_blocklist (session, list);
  g_assert_cmpuint (spate_session_get_ip_filter_count (session), ==, 4);
  g_assert_true (spate_session_is_blocked (session, "10.1.2.3"));
  g_assert_true (spate_session_is_blocked (session, "::1"));

  /* Unbanning lets the address through again, the list's ranges not. */
  g_assert_true (spate_session_unban_peer (session, "127.0.0.1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_false (spate_session_is_blocked (session, "127.0.0.1"));
  g_assert_true (spate_session_is_blocked (session, "10.1.2.3"));
  g_assert_cmpuint (spate_session_get_ip_filter_count (session), ==, 3);
  g_assert_false (spate_session_unban_peer (session, "127.0.0.1", &error));
  g_assert_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 3);

  /* Replacing the bans: duplicates and non-addresses are dropped. */
  spate_session_set_banned_peers (session, keep);
  g_assert_cmpuint (changes, ==, 4);
  g_clear_pointer (&banned, g_strfreev);
  banned = spate_session_get_banned_peers (session);
  g_assert_cmpstrv (banned, ((const char *[]){ "192.0.2.1", "2001:db8::1", NULL }));
  g_assert_false (spate_session_is_blocked (session, "::1"));
  g_assert_true (spate_session_is_blocked (session, "2001:db8::1"));
  spate_session_set_banned_peers (session, (const char *[]){ "2001:db8::1", "192.0.2.1", NULL });
  spate_session_set_banned_peers (session, keep);
  g_assert_cmpuint (changes, ==, 6);
  spate_session_set_banned_peers (session, keep);
  g_assert_cmpuint (changes, ==, 6);

  spate_session_set_blocklist (session, NULL);
  g_assert_cmpuint (spate_session_get_ip_filter_count (session), ==, 2);
  g_assert_false (spate_session_is_blocked (session, "10.1.2.3"));
  spate_session_set_banned_peers (session, NULL);
  g_assert_cmpuint (spate_session_get_ip_filter_count (session), ==, 0);
  g_assert_cmpuint (changes, ==, 7);

  spate_test_engine_session_close (session);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* ---------------------------------------------------------- transfer */

static gboolean
got_nothing (SpateTorrent *torrent, guint ms)
{
  spate_test_spin_for (ms);
  return spate_torrent_get_downloaded (torrent) == 0 && spate_torrent_get_num_peers (torrent) == 0;
}

static void
test_seeder_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *covering =
      write_file (f, "loopback.p2p", "Loopback:127.0.0.0-127.255.255.255\n");
  g_autofree char *elsewhere =
      write_file (f, "elsewhere.dat", "010.000.000.000 - 010.255.255.255 , 000 , Private\n");
  g_autoptr (SpateBlocklist) blocking = load_ok (covering, 1);
  g_autoptr (SpateBlocklist) harmless = load_ok (elsewhere, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *state = NULL;
  SpateSession    *session;
  SpateTorrent    *torrent;

  f->seeder = spate_test_session_new (0, NULL);
  f->seed = spate_test_add_torrent (f->seeder, f->torrent, f->source, NULL);
  g_assert_true (spate_test_wait_seeding (f->seeder, f->seed, 30000));
  f->seeder_port = spate_test_session_get_port (f->seeder);

  session = spate_test_engine_session_new (f->data_dir, f->target);
  spate_session_set_blocklist (session, blocking);
  g_assert_true (spate_session_is_blocked (session, "127.0.0.1"));
  torrent = spate_session_add_bytes (session, f->torrent, NULL, &error);
  g_assert_no_error (error);

  /* Inside the list's range: not one byte. */
  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  g_assert_true (got_nothing (torrent, 4000));
  g_assert_cmpfloat (spate_torrent_get_progress (torrent), ==, 0.0);

  /* The same from a list in each other format, gzip too. */
  {
    g_autofree char *dat =
        write_file (f, "loopback.dat", "127.000.000.000 - 127.255.255.255 , 000 , Loopback\n");
    g_autofree char *cidr = write_file (f, "loopback.txt", "127.0.0.0/8\n");
    g_autofree char *gz = write_gzip (f, "loopback.gz", "127.0.0.1-127.0.0.1\n");
    const char      *paths[] = { dat, cidr, gz };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr (SpateBlocklist) list = load_ok (paths[i], 1);

        spate_session_set_blocklist (session, list);
        g_assert_true (spate_session_is_blocked (session, "127.0.0.1"));
        spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
        g_assert_true (got_nothing (torrent, 2500));
      }
    spate_session_set_blocklist (session, blocking);
  }

  /* Another list, but a ban on the seeder: still nothing. */
  spate_session_set_blocklist (session, harmless);
  g_assert_true (spate_session_ban_peer (session, "127.0.0.1", &error));
  g_assert_true (spate_session_is_blocked (session, "127.0.0.1"));
  spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, NULL);
  g_assert_true (got_nothing (torrent, 3000));

  /* Unbanned, with a list that does not cover it: the download finishes. */
  g_assert_true (spate_session_unban_peer (session, "127.0.0.1", &error));
  g_assert_no_error (error);
  g_assert_false (spate_session_is_blocked (session, "127.0.0.1"));
  g_assert_true (spate_session_is_blocked (session, "10.20.30.40"));
  g_assert_true (spate_torrent_connect_peer (torrent, "127.0.0.1", f->seeder_port, &error));
  g_assert_no_error (error);
  if (!spate_test_spin_until (spate_test_torrent_is_seeding, torrent, 30000))
    {
      state = spate_test_torrent_describe (torrent);
      g_error ("The download did not finish: %s", state);
    }
  copy = g_build_filename (f->target, "payload", NULL);
  spate_test_wait_trees_equal (f->payload, copy, 10000, &error);
  g_assert_no_error (error);

  spate_test_engine_session_close (session);
  g_assert_finalize_object (g_steal_pointer (&blocking));
  g_assert_finalize_object (g_steal_pointer (&harmless));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/spate/blocklist/formats", test_formats);
  ADD ("/spate/blocklist/stray-lines", test_stray_lines);
  ADD ("/spate/blocklist/big-list", test_big_list);
  ADD ("/spate/blocklist/errors", test_errors);
  ADD ("/spate/blocklist/bans", test_bans);
  ADD ("/spate/blocklist/seeder-refused", test_seeder_refused);
#undef ADD

  return g_test_run ();
}
