/* test-bad-input.c: every fallible call refuses bad input with a message a
 * person can act on, and nothing crashes.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

typedef struct
{
  char   *dir;
  GBytes *torrent;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const gsize sizes[] = { 100000, 40000 };
  g_autofree char   *payload = NULL;
  g_autofree char   *out = NULL;

  f->dir = spate_test_make_tmpdir ("bad-input");
  payload = spate_test_make_payload (f->dir, "payload", sizes, G_N_ELEMENTS (sizes), 1);
  out = g_build_filename (f->dir, "payload.torrent", NULL);
  f->torrent = spate_test_make_torrent (payload, out, NULL, NULL, 16384);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_bytes_unref (f->torrent);
  spate_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
assert_message_mentions (const GError *error, const char *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_garbage_bytes (Fixture *f, gconstpointer data)
{
  static const guint8 garbage[] = "this is not a torrent at all \x01\x02\x03";
  g_autoptr (GError) error = NULL;
  SpateLtInfo *info;

  info = spate_lt_info_new_from_bytes (garbage, sizeof garbage, &error);
  g_assert_null (info);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
  assert_message_mentions (error, "Not a valid torrent file");
  g_clear_error (&error);

  info = spate_lt_info_new_from_bytes (garbage, 0, &error);
  g_assert_null (info);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
  assert_message_mentions (error, "empty");
}

static void
test_truncated_torrent (Fixture *f, gconstpointer data)
{
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);

  /* Every cut-off point of a real torrent is refused. */
  for (gsize cut = 1; cut < size; cut += MAX (1, size / 97))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_bytes (bytes, cut, &error);
      g_assert_null (info);
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
    }
}

static void
test_bencoded_non_torrent (Fixture *f, gconstpointer data)
{
  static const char *docs[] = {
    "d3:foo3:bare", "li1ei2ee", "d4:infod4:name1:xee", "d4:infoi42ee", "i42e",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpateLtInfo) info =
          spate_lt_info_new_from_bytes ((const guint8 *) docs[i], strlen (docs[i]), &error);
      g_assert_null (info);
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such.torrent", NULL);
  g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_file (path, &error);

  g_assert_null (info);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  assert_message_mentions (error, "no-such.torrent");
}

static void
test_bad_magnets (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *uri;
    const char *mentions;
  } cases[] = {
    { "magnet:?dn=no+hash+here", "magnet" },
    { "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef0123456", "magnet" },
    { "magnet:?xt=urn:btih:zz23456789abcdef0123456789abcdef01234567", "magnet" },
    { "http://example.invalid/x.torrent", "magnet:" },
    { "", "magnet:" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_magnet (cases[i].uri, &error);
      g_autoptr (SpateLtAddParams) params = NULL;

      g_assert_null (info);
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_MAGNET);
      assert_message_mentions (error, cases[i].mentions);
      g_clear_error (&error);

      params = spate_lt_add_params_new_from_magnet (cases[i].uri, &error);
      g_assert_null (params);
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_MAGNET);
    }
}

static void
test_bad_resume_data (Fixture *f, gconstpointer data)
{
  static const char *docs[] = { "garbage", "d4:name3:abce", "de" };
  static const char *broken[] = { "garbage", "d4:name3:ab" };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SpateLtAddParams) params =
          spate_lt_add_params_new_from_resume ((const guint8 *) docs[i], strlen (docs[i]), &error);
      g_assert_null (params);
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_RESUME_DATA);
      assert_message_mentions (error, "resume data");
    }

  /* Spate's extras: data that is not bencoded gives none and takes none. */
  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GVariant) extras = g_variant_ref_sink (
          spate_lt_resume_data_get_extras ((const guint8 *) docs[i], strlen (docs[i])));
      g_autoptr (GBytes) with = NULL;
      GVariantDict dict;

      g_assert_cmpuint (g_variant_n_children (extras), ==, 0);
      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "ratio-goal", "x", (gint64) 1500);
      with = spate_lt_resume_data_set_extras ((const guint8 *) broken[i], strlen (broken[i]),
                                              g_variant_dict_end (&dict), &error);
      g_assert_null (with);
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_RESUME_DATA);
    }

  /* A round trip, and what libtorrent cannot store is refused. */
  {
    static const char doc[] = "d4:name3:abce";
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) with = NULL;
    g_autoptr (GBytes) refused = NULL;
    g_autoptr (GVariant) back = NULL;
    GVariantDict dict;
    gint64       number = 0;
    const char  *text = NULL;

    g_variant_dict_init (&dict, NULL);
    g_variant_dict_insert (&dict, "ratio-goal", "x", (gint64) -1);
    g_variant_dict_insert (&dict, "label", "s", "Linux ISOs");
    with = spate_lt_resume_data_set_extras ((const guint8 *) doc, strlen (doc),
                                            g_variant_dict_end (&dict), &error);
    g_assert_no_error (error);
    back = g_variant_ref_sink (
        spate_lt_resume_data_get_extras (g_bytes_get_data (with, NULL), g_bytes_get_size (with)));
    g_assert_true (g_variant_lookup (back, "ratio-goal", "x", &number));
    g_assert_cmpint (number, ==, -1);
    g_assert_true (g_variant_lookup (back, "label", "&s", &text));
    g_assert_cmpstr (text, ==, "Linux ISOs");

    g_variant_dict_init (&dict, NULL);
    g_variant_dict_insert (&dict, "ratio", "d", 1.5);
    refused = spate_lt_resume_data_set_extras ((const guint8 *) doc, strlen (doc),
                                               g_variant_dict_end (&dict), &error);
    g_assert_null (refused);
    g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_settings (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) value = NULL;
  GVariantBuilder b;
  gboolean        ok;

  ok = spate_lt_session_set_int (session, "no_such_setting", 1, &error);
  g_assert_false (ok);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_UNKNOWN_SETTING);
  assert_message_mentions (error, "no_such_setting");
  g_clear_error (&error);

  ok = spate_lt_session_set_string (session, "connections_limit", "many", &error);
  g_assert_false (ok);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_SETTING_TYPE);
  assert_message_mentions (error, "connections_limit");
  assert_message_mentions (error, "number");
  g_clear_error (&error);

  ok = spate_lt_session_set_int (session, "enable_dht", 1, &error);
  g_assert_false (ok);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_SETTING_TYPE);
  g_clear_error (&error);

  ok = spate_lt_session_set_bool (session, "user_agent", TRUE, &error);
  g_assert_false (ok);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_SETTING_TYPE);
  g_clear_error (&error);

  value = spate_lt_session_get_setting (session, "no_such_setting", &error);
  g_assert_null (value);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_UNKNOWN_SETTING);
  g_clear_error (&error);

  /* A batch with one bad entry applies nothing. */
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "connections_limit", g_variant_new_int32 (77));
  g_variant_builder_add (&b, "{sv}", "upload_rate_limit", g_variant_new_string ("fast"));
  ok = spate_lt_session_apply_settings (session, g_variant_builder_end (&b), &error);
  g_assert_false (ok);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_SETTING_TYPE);
  assert_message_mentions (error, "upload_rate_limit");
  g_clear_error (&error);
  value = spate_lt_session_get_setting (session, "connections_limit", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_variant_get_int32 (value), !=, 77);

  /* A session can't be made from settings that aren't a dictionary. */
  g_assert_null (spate_lt_session_new (g_variant_new_string ("x"), NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  spate_lt_session_free (session);
}

static void
test_removed_handle (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) torrent = NULL;
  SpateLtStatus status;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);

  params = spate_lt_add_params_new_from_bytes (bytes, size, &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->dir);
  torrent = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (torrent);

  /* Adding it again is a clear duplicate error. */
  g_assert_null (spate_lt_session_add (session, params, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_DUPLICATE_TORRENT);
  g_clear_error (&error);

  g_assert_true (spate_lt_session_remove (session, torrent, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (
      spate_test_wait_alert (session, SPATE_LT_ALERT_TORRENT_REMOVED, NULL, 10000, NULL, NULL));
  g_assert_false (spate_lt_torrent_is_valid (torrent));

  g_assert_false (spate_lt_torrent_pause (torrent, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  assert_message_mentions (error, "no longer");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_get_status (torrent, &status, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  g_assert_null (spate_lt_torrent_get_peers (torrent, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  g_assert_null (spate_lt_torrent_get_files (torrent, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_rename_file (torrent, 0, "x", &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  g_assert_false (spate_lt_session_remove (session, torrent, TRUE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  g_assert_null (spate_lt_torrent_get_user_data (torrent));

  spate_lt_session_free (session);
}

static void
test_torrent_arguments (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) torrent = NULL;
  static const char *bad_names[] = { "../x", "/tmp/x", "a/../../x", "", "a//b", "./a", "a\\b" };
  gsize              size;
  const guint8      *bytes = g_bytes_get_data (f->torrent, &size);

  params = spate_lt_add_params_new_from_bytes (bytes, size, &error);
  g_assert_no_error (error);

  /* No save path: refused, naming the torrent. */
  g_assert_null (spate_lt_session_add (session, params, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "payload");
  g_clear_error (&error);

  spate_lt_add_params_set_save_path (params, f->dir);
  torrent = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_assert_false (spate_lt_torrent_rename_file (torrent, 0, bad_names[i], &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_assert_false (spate_lt_torrent_rename_file (torrent, 99, "ok", &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "99");
  g_clear_error (&error);

  g_assert_false (spate_lt_torrent_set_file_priority (torrent, 0, 9, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_set_piece_priority (torrent, 1 << 30, 4, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_add_tracker (torrent, "not a url", 0, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "not a url");
  g_clear_error (&error);
  g_assert_false (
      spate_lt_torrent_add_web_seed (torrent, "ftp://x/y", SPATE_LT_WEB_SEED_URL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_connect_peer (torrent, "300.1.1.1", 6881, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "300.1.1.1");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_connect_peer (torrent, "127.0.0.1", 0, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_move_storage (torrent, "relative/dir", FALSE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  spate_lt_session_free (session);
}

static void
test_ip_filter (Fixture *f, gconstpointer data)
{
  g_autoptr (SpateLtIpFilter) filter = spate_lt_ip_filter_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (spate_lt_ip_filter_add_range (filter, "10.0.0.1", "::1", TRUE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "IPv4 and IPv6");
  g_clear_error (&error);
  g_assert_false (spate_lt_ip_filter_add_range (filter, "10.0.0.9", "10.0.0.1", TRUE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_ip_filter_add_range (filter, "bogus", "10.0.0.1", TRUE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "bogus");
  g_clear_error (&error);
  g_assert_cmpuint (spate_lt_ip_filter_count (filter), ==, 0);
}

static void
test_create_arguments (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char    *missing = g_build_filename (f->dir, "missing", NULL);
  g_autofree char    *empty = g_build_filename (f->dir, "empty", NULL);
  g_autofree char    *payload = g_build_filename (f->dir, "payload", NULL);
  SpateLtCreateParams p = { 0 };

  p.path = missing;
  g_assert_null (spate_lt_create_torrent (&p, NULL, NULL, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_IO);
  assert_message_mentions (error, "missing");
  g_clear_error (&error);

  g_mkdir (empty, 0755);
  p.path = empty;
  g_assert_null (spate_lt_create_torrent (&p, NULL, NULL, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "no data");
  g_clear_error (&error);

  p.path = payload;
  p.piece_size = 30000;
  g_assert_null (spate_lt_create_torrent (&p, NULL, NULL, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "30000");
}

static void
test_dht_arguments (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  guint8 big[1200] = { 0 };
  char   target[41];

  g_assert_false (spate_lt_session_dht_get_immutable (session, "abc", &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "abc");
  g_clear_error (&error);

  /* The test session runs without a DHT. */
  g_assert_false (
      spate_lt_session_dht_put_immutable (session, (const guint8 *) "x", 1, target, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED);
  assert_message_mentions (error, "DHT is off");
  g_clear_error (&error);

  g_assert_false (spate_lt_session_dht_put_immutable (session, big, sizeof big, target, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (spate_lt_session_add_dht_node (session, "", 5, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);

  spate_lt_session_free (session);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/bad-input/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("garbage-bytes", test_garbage_bytes);
  ADD ("truncated-torrent", test_truncated_torrent);
  ADD ("bencoded-non-torrent", test_bencoded_non_torrent);
  ADD ("missing-file", test_missing_file);
  ADD ("bad-magnets", test_bad_magnets);
  ADD ("bad-resume-data", test_bad_resume_data);
  ADD ("settings", test_settings);
  ADD ("removed-handle", test_removed_handle);
  ADD ("torrent-arguments", test_torrent_arguments);
  ADD ("ip-filter", test_ip_filter);
  ADD ("create-arguments", test_create_arguments);
  ADD ("dht-arguments", test_dht_arguments);
#undef ADD
  return g_test_run ();
}
