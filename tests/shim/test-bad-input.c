/* test-bad-input.c: every fallible call refuses bad input with a message a
 * person can act on, and nothing crashes.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

#include <malloc.h>

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
  GVariantBuilder    b;
  SpateLtSettingType type;
  gboolean           ok;

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

  g_assert_false (spate_lt_setting_lookup ("no_such_setting", &type, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_UNKNOWN_SETTING);
  assert_message_mentions (error, "no_such_setting");
  g_clear_error (&error);
  g_assert_false (spate_lt_setting_lookup (NULL, &type, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_UNKNOWN_SETTING);
  g_clear_error (&error);
  g_assert_true (spate_lt_setting_lookup ("enable_dht", &type, &error));
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, SPATE_LT_SETTING_BOOL);

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

/* Every export that takes a torrent, called with arguments a live torrent
 * would take; each returns whether the call claimed success. */
typedef gboolean (*HandleCall) (SpateLtTorrent *t, GError **error);

#define CALL(name, expr)                                          \
  static gboolean call_##name (SpateLtTorrent *t, GError **error) \
  {                                                               \
    return (expr);                                                \
  }
#define CALL_PTR(name, type, free_func, expr)                     \
  static gboolean call_##name (SpateLtTorrent *t, GError **error) \
  {                                                               \
    type     result = (expr);                                     \
    gboolean ok = result != NULL;                                 \
    g_clear_pointer (&result, free_func);                         \
    return ok;                                                    \
  }

static const char * const some_urls[] = { "http://127.0.0.1:1/announce", NULL };
static const guint8       some_priorities[] = { 4, 4 };

CALL (pause, spate_lt_torrent_pause (t, error))
CALL (resume, spate_lt_torrent_resume (t, FALSE, error))
CALL (resume_forced, spate_lt_torrent_resume (t, TRUE, error))
CALL (force_recheck, spate_lt_torrent_force_recheck (t, error))
CALL (force_reannounce, spate_lt_torrent_force_reannounce (t, error))
CALL (force_dht_announce, spate_lt_torrent_force_dht_announce (t, error))
CALL (scrape, spate_lt_torrent_scrape (t, error))
CALL (move_storage, spate_lt_torrent_move_storage (t, "/nonexistent/spate", FALSE, error))
CALL (rename_file, spate_lt_torrent_rename_file (t, 0, "renamed", error))
CALL (clear_error, spate_lt_torrent_clear_error (t, error))
CALL (
    set_flags,
    spate_lt_torrent_set_flags (t, SPATE_LT_TORRENT_SEQUENTIAL, SPATE_LT_TORRENT_SEQUENTIAL, error))
CALL (get_flags, spate_lt_torrent_get_flags (t, error) != 0)
CALL (queue_move, spate_lt_torrent_queue_move (t, SPATE_LT_QUEUE_TOP, error))
CALL (set_queue_position, spate_lt_torrent_set_queue_position (t, 0, error))
CALL (get_queue_position, spate_lt_torrent_get_queue_position (t, error) != -2)
CALL (set_download_limit, spate_lt_torrent_set_download_limit (t, 1000, error))
CALL (set_upload_limit, spate_lt_torrent_set_upload_limit (t, 1000, error))
CALL (set_max_connections, spate_lt_torrent_set_max_connections (t, 10, error))
CALL (set_max_uploads, spate_lt_torrent_set_max_uploads (t, 2, error))
CALL (set_file_priority, spate_lt_torrent_set_file_priority (t, 0, 4, error))
CALL (set_file_priorities,
      spate_lt_torrent_set_file_priorities (t,
                                            some_priorities,
                                            G_N_ELEMENTS (some_priorities),
                                            error))
CALL_PTR (get_file_priorities,
          GBytes *,
          g_bytes_unref,
          spate_lt_torrent_get_file_priorities (t, error))
CALL (set_piece_priority, spate_lt_torrent_set_piece_priority (t, 0, 4, error))
CALL_PTR (get_piece_priorities,
          GBytes *,
          g_bytes_unref,
          spate_lt_torrent_get_piece_priorities (t, error))
CALL (set_first_last_pieces, spate_lt_torrent_set_first_last_pieces (t, TRUE, error))
CALL (set_piece_deadline, spate_lt_torrent_set_piece_deadline (t, 0, 1000, error))
CALL (reset_piece_deadline, spate_lt_torrent_reset_piece_deadline (t, 0, error))
CALL (clear_piece_deadlines, spate_lt_torrent_clear_piece_deadlines (t, error))
CALL (add_tracker, spate_lt_torrent_add_tracker (t, some_urls[0], 0, error))
CALL (replace_trackers, spate_lt_torrent_replace_trackers (t, some_urls, NULL, error))
CALL (add_web_seed,
      spate_lt_torrent_add_web_seed (t, "http://127.0.0.1:1/", SPATE_LT_WEB_SEED_URL, error))
CALL (remove_web_seed,
      spate_lt_torrent_remove_web_seed (t, "http://127.0.0.1:1/", SPATE_LT_WEB_SEED_URL, error))
CALL (connect_peer, spate_lt_torrent_connect_peer (t, "127.0.0.1", 6881, error))
CALL (request_resume_data, spate_lt_torrent_request_resume_data (t, 0, error))
CALL (set_ssl_certificate,
      spate_lt_torrent_set_ssl_certificate (t, "cert.pem", "key.pem", "dh.pem", NULL, error))
CALL_PTR (get_peers, GArray *, g_array_unref, spate_lt_torrent_get_peers (t, error))
CALL_PTR (get_files, GArray *, g_array_unref, spate_lt_torrent_get_files (t, error))
CALL_PTR (get_file_progress, GArray *, g_array_unref, spate_lt_torrent_get_file_progress (t, error))
CALL_PTR (get_trackers, GArray *, g_array_unref, spate_lt_torrent_get_trackers (t, error))
CALL_PTR (get_web_seeds, GArray *, g_array_unref, spate_lt_torrent_get_web_seeds (t, error))
CALL_PTR (get_have_pieces, GBytes *, g_bytes_unref, spate_lt_torrent_get_have_pieces (t, error))
CALL_PTR (get_piece_availability,
          GArray *,
          g_array_unref,
          spate_lt_torrent_get_piece_availability (t, error))
CALL_PTR (get_info, SpateLtInfo *, spate_lt_info_free, spate_lt_torrent_get_info (t, error))
CALL_PTR (make_magnet, char *, g_free, spate_lt_torrent_make_magnet (t, error))
CALL_PTR (get_torrent_file, GBytes *, g_bytes_unref, spate_lt_torrent_get_torrent_file (t, error))

#undef CALL
#undef CALL_PTR

static gboolean
call_get_limits (SpateLtTorrent *t, GError **error)
{
  SpateLtLimits limits;
  return spate_lt_torrent_get_limits (t, &limits, error);
}

static gboolean
call_get_status (SpateLtTorrent *t, GError **error)
{
  SpateLtStatus status;
  gboolean      ok = spate_lt_torrent_get_status (t, &status, error);

  spate_lt_status_clear (&status);
  return ok;
}

static const struct
{
  const char *name;
  HandleCall  call;
} handle_calls[] = {
#define ENTRY(name)    \
  {                    \
#name, call_##name \
  }
  ENTRY (pause),
  ENTRY (resume),
  ENTRY (resume_forced),
  ENTRY (force_recheck),
  ENTRY (force_reannounce),
  ENTRY (force_dht_announce),
  ENTRY (scrape),
  ENTRY (move_storage),
  ENTRY (rename_file),
  ENTRY (clear_error),
  ENTRY (set_flags),
  ENTRY (get_flags),
  ENTRY (queue_move),
  ENTRY (set_queue_position),
  ENTRY (get_queue_position),
  ENTRY (set_download_limit),
  ENTRY (set_upload_limit),
  ENTRY (set_max_connections),
  ENTRY (set_max_uploads),
  ENTRY (get_limits),
  ENTRY (set_file_priority),
  ENTRY (set_file_priorities),
  ENTRY (get_file_priorities),
  ENTRY (set_piece_priority),
  ENTRY (get_piece_priorities),
  ENTRY (set_first_last_pieces),
  ENTRY (set_piece_deadline),
  ENTRY (reset_piece_deadline),
  ENTRY (clear_piece_deadlines),
  ENTRY (add_tracker),
  ENTRY (replace_trackers),
  ENTRY (add_web_seed),
  ENTRY (remove_web_seed),
  ENTRY (connect_peer),
  ENTRY (request_resume_data),
  ENTRY (set_ssl_certificate),
  ENTRY (get_status),
  ENTRY (get_peers),
  ENTRY (get_files),
  ENTRY (get_file_progress),
  ENTRY (get_trackers),
  ENTRY (get_web_seeds),
  ENTRY (get_have_pieces),
  ENTRY (get_piece_availability),
  ENTRY (get_info),
  ENTRY (make_magnet),
  ENTRY (get_torrent_file),
#undef ENTRY
};

/* Every call on torrent fails with INVALID_HANDLE and a message that
 * mentions needle. */
static void
assert_every_call_refused (SpateLtTorrent *torrent, const char *needle)
{
  for (gsize i = 0; i < G_N_ELEMENTS (handle_calls); i++)
    {
      g_autoptr (GError) error = NULL;

      if (handle_calls[i].call (torrent, &error))
        g_error ("spate_lt_torrent_%s claimed success on a stale handle", handle_calls[i].name);
      if (!g_error_matches (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE))
        g_error ("spate_lt_torrent_%s: expected INVALID_HANDLE, got %s", handle_calls[i].name,
                 error != NULL ? error->message : "no error");
      assert_message_mentions (error, needle);
    }
}

static gboolean
is_invalid (gpointer torrent)
{
  return !spate_lt_torrent_is_valid (torrent);
}

static void
test_removed_handle (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) torrent = NULL;
  g_autoptr (SpateLtTorrent) copy = NULL;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);
  int           marker = 0;

  params = spate_lt_add_params_new_from_bytes (bytes, size, &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->dir);
  spate_lt_add_params_set_user_data (params, &marker);
  torrent = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (torrent);
  copy = spate_lt_torrent_copy (torrent);
  g_assert_true (spate_lt_torrent_equal (torrent, copy));
  g_assert_true (spate_lt_torrent_get_user_data (copy) == &marker);

  /* Adding it again is a clear duplicate error. */
  g_assert_null (spate_lt_session_add (session, params, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_DUPLICATE_TORRENT);
  g_clear_error (&error);

  g_assert_true (spate_lt_session_remove (session, torrent, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (
      spate_test_wait_alert (session, SPATE_LT_ALERT_TORRENT_REMOVED, NULL, 10000, NULL, NULL));
  /* libtorrent posts the removed alert just before it tears the torrent
   * down on its own thread: the handle is invalid at most moments later. */
  g_assert_true (
      spate_test_pump_until ((SpateLtSession *[]){ session, NULL }, 10000, is_invalid, torrent));
  g_assert_false (spate_lt_torrent_is_valid (torrent));
  g_assert_false (spate_lt_torrent_is_valid (copy));

  assert_every_call_refused (torrent, "no longer");
  g_assert_false (spate_lt_session_remove (session, torrent, TRUE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  assert_message_mentions (error, "no longer");
  g_clear_error (&error);
  g_assert_null (spate_lt_torrent_get_user_data (torrent));
  g_assert_null (spate_lt_session_find (session, spate_lt_add_params_get_info_hash (params)));

  /* No handle at all is refused the same way. */
  assert_every_call_refused (NULL, "No torrent");
  g_assert_false (spate_lt_session_remove (session, NULL, FALSE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_HANDLE);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_is_valid (NULL));

  spate_lt_session_free (session);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Parameters of the fixture's torrent saving to an empty folder, for the
 * cases that race libtorrent's own thread. Freed memory becomes 0x5a5a…,
 * never a pointer, so that a read of it crashes (ignored under ASan, whose
 * allocator is not glibc's). */
static SpateLtAddParams *
racing_params (Fixture *f, SpateLtTorrentFlags flags)
{
  g_autofree char *save = g_build_filename (f->dir, "empty", NULL);
  g_autoptr (GError) error = NULL;
  gsize             size;
  const guint8     *bytes = g_bytes_get_data (f->torrent, &size);
  SpateLtAddParams *params;

  mallopt (M_PERTURB, 0x5a);
  g_assert_cmpint (g_mkdir_with_parents (save, 0700), ==, 0);
  params = spate_lt_add_params_new_from_bytes (bytes, size, &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, save);
  spate_lt_add_params_set_flags (params, flags);
  return params;
}

/* A copy of a handle asked to resume (which makes the torrent auto-managed)
 * just after its torrent was removed: the removal is still queued to
 * libtorrent's network thread, so the copy still looks valid. libtorrent
 * 2.0.8 then put the removed torrent back into its auto-managed list and
 * kept it there once it was freed, and the session's next look at that
 * list read freed memory (found by fuzz-session). glibc fills freed memory
 * here, so that such a read crashes. */
static void
test_resumed_while_removed (Fixture *f, gconstpointer data)
{
  SpateLtSession *sessions[] = { spate_test_session_new (0, NULL), NULL };
  g_autoptr (SpateLtAddParams) params = racing_params (f, 0);
  g_autoptr (SpateLtTorrent) live = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtStatus status = { 0 };

  for (int round = 0; round < 20; round++)
    {
      g_autoptr (SpateLtTorrent) torrent = spate_lt_session_add (sessions[0], params, &error);
      g_autoptr (SpateLtTorrent) copy = NULL;

      g_assert_no_error (error);
      copy = spate_lt_torrent_copy (torrent);
      g_assert_true (spate_lt_session_remove (sessions[0], torrent, FALSE, &error));
      g_assert_no_error (error);
      /* Each may succeed or find the handle gone: both are fine. */
      spate_lt_torrent_resume (copy, FALSE, NULL);
      spate_lt_torrent_set_flags (copy, SPATE_LT_TORRENT_AUTO_MANAGED,
                                  SPATE_LT_TORRENT_AUTO_MANAGED, NULL);
      g_assert_true (spate_test_wait_alert (sessions[0], SPATE_LT_ALERT_TORRENT_REMOVED, NULL,
                                            10000, NULL, NULL));
    }

  /* Once the removed torrents are freed, a live torrent turned
   * auto-managed makes the session go over its auto-managed lists again
   * (at once, or at its next tick when it did so less than a second ago). */
  spate_test_pump_until (sessions, 1500, never, NULL);
  live = spate_lt_session_add (sessions[0], params, &error);
  g_assert_no_error (error);
  g_assert_true (spate_lt_torrent_resume (live, FALSE, &error));
  g_assert_no_error (error);
  spate_test_pump_until (sessions, 2500, never, NULL);

  /* The session lived through it and still answers. */
  g_assert_true (spate_lt_torrent_get_status (live, &status, &error));
  g_assert_no_error (error);
  spate_lt_status_clear (&status);
  g_assert_true (spate_lt_torrent_get_flags (live, &error) & SPATE_LT_TORRENT_AUTO_MANAGED);
  g_assert_no_error (error);
  spate_lt_session_free (sessions[0]);
}

static void
count_removed (const SpateLtAlert *alert, gpointer data)
{
  guint *removed = data;

  if (alert->kind == SPATE_LT_ALERT_TORRENT_REMOVED)
    (*removed)++;
}

/* A torrent removed, added again at once, and then removed a second time
 * through the first, stale handle, all queued back to back so that the first
 * copy is still being torn down. libtorrent 2.0.8 removes by info-hash, so
 * that second removal took out the new torrent: dropped from the session
 * without being stopped, freed while still in the auto-managed lists, and
 * the session crashed at its next pass over them (found by fuzz-session).
 * The new torrent must stay. */
static void
test_removed_twice (Fixture *f, gconstpointer data)
{
  SpateLtSession *sessions[] = { spate_test_session_new (0, NULL), NULL };
  g_autoptr (SpateLtAddParams) params = racing_params (f, SPATE_LT_TORRENT_AUTO_MANAGED);
  g_autoptr (GError) error = NULL;
  const char *hash = spate_lt_add_params_get_info_hash (params);

  for (int round = 0; round < 20; round++)
    {
      g_autoptr (SpateLtTorrent) first = spate_lt_session_add (sessions[0], params, &error);
      g_autoptr (SpateLtTorrent) again = NULL;
      guint removed = 0;

      g_assert_no_error (error);
      g_assert_true (spate_lt_session_remove (sessions[0], first, FALSE, &error));
      g_assert_no_error (error);
      spate_lt_session_add_async (sessions[0], params);
      /* May find the handle gone already: that is fine too. */
      spate_lt_session_remove (sessions[0], first, FALSE, NULL);
      g_assert_true (spate_test_wait_alert (sessions[0], SPATE_LT_ALERT_TORRENT_ADDED, NULL, 10000,
                                            count_removed, &removed));

      /* Asked after the second removal has run: the new torrent is there. */
      again = spate_lt_session_find (sessions[0], hash);
      if (again == NULL)
        g_error ("round %d: removing a stale handle took out the torrent added after it", round);
      g_assert_true (spate_lt_torrent_get_flags (again, &error) & SPATE_LT_TORRENT_AUTO_MANAGED);
      g_assert_no_error (error);

      g_assert_true (spate_lt_session_remove (sessions[0], again, FALSE, &error));
      g_assert_no_error (error);
      while (removed < 2)
        g_assert_true (spate_test_wait_alert (sessions[0], SPATE_LT_ALERT_TORRENT_REMOVED, NULL,
                                              10000, count_removed, &removed));
    }

  /* Nothing removed is left in the session's lists. */
  g_assert_cmpuint (spate_lt_session_count_listed (sessions[0]), ==, 0);
  spate_lt_session_free (sessions[0]);
}

static void
ignore_alert (const SpateLtAlert *alert, gpointer data)
{
}

/* File names read while libtorrent renames the files on its own thread,
 * each rename into a new folder so that libtorrent's table of folders grows
 * and moves. The shim used to read the torrent's own metadata, which that
 * thread changes in place, and read freed memory (found by fuzz-session);
 * every name read must be whole: an old name or a new one. */
static void
test_files_while_renaming (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtTorrent) torrent = NULL;
  g_autoptr (GArray) files = NULL;
  g_autoptr (GError) error = NULL;
  int           payload[8];
  int           n_payload = 0;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);

  mallopt (M_PERTURB, 0x5a);
  params = spate_lt_add_params_new_from_bytes (bytes, size, &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->dir);
  spate_lt_add_params_set_flags (params, SPATE_LT_TORRENT_PAUSED);
  torrent = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);
  files = spate_lt_torrent_get_files (torrent, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    if (!(g_array_index (files, SpateLtFile, i).flags & SPATE_LT_FILE_PAD) && n_payload < 8)
      payload[n_payload++] = (int) i;
  g_assert_cmpint (n_payload, ==, 2);

  for (int round = 0; round < 3000; round++)
    {
      g_autofree char *name = g_strdup_printf ("d%d/f%d", round, round);

      g_assert_true (spate_lt_torrent_rename_file (torrent, payload[round % 2], name, &error));
      g_assert_no_error (error);
      g_clear_pointer (&files, g_array_unref);
      files = spate_lt_torrent_get_files (torrent, &error);
      g_assert_no_error (error);
      for (int i = 0; i < n_payload; i++)
        {
          const char      *path = g_array_index (files, SpateLtFile, payload[i]).path;
          int              folder = -1, file = -2;
          g_autofree char *expected = NULL;

          if (g_str_has_prefix (path, "payload/") && g_utf8_validate (path, -1, NULL))
            continue;
          /* Or a name given here: "d<k>/f<k>", k at most this round. */
          if (sscanf (path, "d%d/f%d", &folder, &file) == 2 && folder == file && file <= round)
            expected = g_strdup_printf ("d%d/f%d", file, file);
          if (g_strcmp0 (path, expected) != 0)
            g_error ("round %d: file %d reads as “%s”", round, payload[i], path);
        }
      if (round % 100 == 0)
        spate_lt_session_drain (session, ignore_alert, NULL);
    }
  spate_lt_session_free (session);
}

static void
assert_queue_arguments (SpateLtTorrent *torrent)
{
  g_autoptr (GError) error = NULL;
  int position = spate_lt_torrent_get_queue_position (torrent, &error);
  int after;

  g_assert_no_error (error);
  g_assert_false (spate_lt_torrent_set_queue_position (torrent, -1, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "0 or more");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_queue_move (torrent, (SpateLtQueueMove) 42, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "queue move");
  g_clear_error (&error);
  after = spate_lt_torrent_get_queue_position (torrent, &error);
  g_assert_no_error (error);
  /* The refused calls moved nothing. libtorrent itself takes the torrent
   * out of the queue (-1) once its check finds every piece on disk, which
   * can happen meanwhile on a busy machine. */
  if (after != position)
    {
      SpateLtStatus status = { 0 };

      g_assert_true (spate_lt_torrent_get_status (torrent, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (after, ==, -1);
      g_assert_true (status.seeding || status.finished);
      spate_lt_status_clear (&status);
    }
}

static void
assert_priority_arguments (SpateLtTorrent *torrent)
{
  static const guint8 bad[] = { 4, 9 };
  static const int    bad_pieces[] = { -1, 1 << 30 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = spate_lt_torrent_get_file_priorities (torrent, &error);
  g_autoptr (GBytes) after = NULL;

  g_assert_no_error (error);
  g_assert_false (spate_lt_torrent_set_file_priorities (torrent, bad, G_N_ELEMENTS (bad), &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "between 0");
  g_clear_error (&error);
  /* Nothing of the refused list was applied. */
  after = spate_lt_torrent_get_file_priorities (torrent, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));

  for (gsize i = 0; i < G_N_ELEMENTS (bad_pieces); i++)
    {
      int piece = bad_pieces[i];

      g_assert_false (spate_lt_torrent_set_piece_deadline (torrent, piece, 100, &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      assert_message_mentions (error, "no piece number");
      g_clear_error (&error);
      g_assert_false (spate_lt_torrent_reset_piece_deadline (torrent, piece, &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

static void
assert_tracker_arguments (SpateLtTorrent *torrent)
{
  static const char * const good[] = { "http://127.0.0.1:1/announce", NULL };
  static const char * const with_bad[] = { "udp://127.0.0.1:2", "ftp://127.0.0.1/announce", NULL };
  static const char * const hostless[] = { "http:// x/announce", "http:///announce",
                                           "udp://127.0.0.1:2/a\tb" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) trackers = NULL;

  g_assert_true (spate_lt_torrent_replace_trackers (torrent, good, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (spate_lt_torrent_replace_trackers (torrent, with_bad, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "ftp://127.0.0.1/announce");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_add_tracker (torrent, NULL, 0, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  for (gsize i = 0; i < G_N_ELEMENTS (hostless); i++)
    {
      g_assert_false (spate_lt_torrent_add_tracker (torrent, hostless[i], 0, &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      assert_message_mentions (error, hostless[i]);
      g_clear_error (&error);
    }

  /* The refused list replaced nothing. */
  trackers = spate_lt_torrent_get_trackers (torrent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trackers->len, ==, 1);
  g_assert_cmpstr (g_array_index (trackers, SpateLtTracker, 0).url, ==, good[0]);
}

static void
assert_web_seed_arguments (SpateLtTorrent *torrent)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) seeds = NULL;

  g_assert_false (
      spate_lt_torrent_add_web_seed (torrent, "not a url", SPATE_LT_WEB_SEED_HTTP, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "not a url");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_remove_web_seed (torrent, NULL, SPATE_LT_WEB_SEED_URL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "No web seed");
  g_clear_error (&error);

  /* Removing a seed the torrent lacks is not an error: libtorrent drops
   * failing seeds itself, so one a person sees may be gone already. */
  g_assert_true (spate_lt_torrent_add_web_seed (torrent, "http://127.0.0.1:1/kept/",
                                                SPATE_LT_WEB_SEED_URL, &error));
  g_assert_true (spate_lt_torrent_remove_web_seed (torrent, "http://127.0.0.1:1/unknown/",
                                                   SPATE_LT_WEB_SEED_URL, &error));
  g_assert_true (spate_lt_torrent_remove_web_seed (torrent, "http://127.0.0.1:1/kept/",
                                                   SPATE_LT_WEB_SEED_HTTP, &error));
  g_assert_no_error (error);
  seeds = spate_lt_torrent_get_web_seeds (torrent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seeds->len, ==, 1);
  g_assert_cmpstr (g_array_index (seeds, SpateLtWebSeed, 0).url, ==, "http://127.0.0.1:1/kept/");
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

  assert_queue_arguments (torrent);
  assert_priority_arguments (torrent);
  assert_tracker_arguments (torrent);
  assert_web_seed_arguments (torrent);

  /* A certificate needs its key, and only an SSL torrent takes one. */
  g_assert_false (
      spate_lt_torrent_set_ssl_certificate (torrent, "cert.pem", NULL, "dh.pem", NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "private key");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_set_ssl_certificate (torrent, "cert.pem", "key.pem", "dh.pem",
                                                        NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "not an SSL torrent");
  g_clear_error (&error);

  spate_lt_session_free (session);
}

static void
test_before_metadata (Fixture *f, gconstpointer data)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);
  g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_bytes (bytes, size, &error);
  g_autofree char *magnet = spate_lt_info_make_magnet (info);
  g_autoptr (SpateLtAddParams) params = spate_lt_add_params_new_from_magnet (magnet, &error);
  g_autoptr (SpateLtTorrent) torrent = NULL;
  g_autoptr (SpateLtInfo) got = NULL;
  g_autoptr (GBytes) file = NULL;
  g_autoptr (GArray) progress = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, f->dir);
  torrent = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);

  /* No peer and no DHT: the metadata never comes. */
  g_assert_false (spate_lt_torrent_set_first_last_pieces (torrent, TRUE, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  assert_message_mentions (error, "not known yet");
  g_clear_error (&error);
  got = spate_lt_torrent_get_info (torrent, &error);
  g_assert_null (got);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  assert_message_mentions (error, "metadata");
  g_clear_error (&error);
  file = spate_lt_torrent_get_torrent_file (torrent, &error);
  g_assert_null (file);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  g_clear_error (&error);
  progress = spate_lt_torrent_get_file_progress (torrent, &error);
  g_assert_null (progress);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_rename_file (torrent, 0, "renamed", &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_set_piece_priority (torrent, 0, 7, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  assert_message_mentions (error, "pieces are not known");
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_set_piece_deadline (torrent, 0, 100, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  g_clear_error (&error);
  g_assert_false (spate_lt_torrent_reset_piece_deadline (torrent, 0, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA);
  g_clear_error (&error);

  /* What needs no metadata still works. */
  again = spate_lt_torrent_make_magnet (torrent, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (again, "magnet:?xt=urn:btih:"));
  g_assert_nonnull (strstr (again, spate_lt_info_get_info_hash_v1 (info)));

  spate_lt_session_free (session);
}

static void
test_add_params (Fixture *f, gconstpointer data)
{
  static const guint8 garbage[] = "d8:announce";
  g_autoptr (GError) error = NULL;
  gsize         size;
  const guint8 *bytes = g_bytes_get_data (f->torrent, &size);
  g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_bytes (bytes, size, &error);
  g_autofree char *magnet = spate_lt_info_make_magnet (info);
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateLtAddParams) refused = NULL;
  g_autoptr (GBytes) other = NULL;
  g_autofree char   *other_payload = NULL;
  static const gsize other_sizes[] = { 20000 };

  refused = spate_lt_add_params_new_from_bytes (garbage, sizeof garbage - 1, &error);
  g_assert_null (refused);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
  assert_message_mentions (error, "Not a valid torrent file");
  g_clear_error (&error);
  refused = spate_lt_add_params_new_from_bytes (NULL, 0, &error);
  g_assert_null (refused);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
  assert_message_mentions (error, "empty");
  g_clear_error (&error);

  params = spate_lt_add_params_new_from_magnet (magnet, &error);
  g_assert_no_error (error);

  /* Garbage is not metadata, and the params stay a bare magnet. */
  g_assert_false (spate_lt_add_params_set_metadata (params, garbage, sizeof garbage - 1, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_TORRENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_add_params_has_metadata (params));

  /* Another torrent's metadata is refused, naming both. */
  other_payload = spate_test_make_payload (f->dir, "other", other_sizes, 1, 2);
  other = spate_test_make_torrent (other_payload, NULL, NULL, NULL, 16384);
  g_assert_false (spate_lt_add_params_set_metadata (params, g_bytes_get_data (other, NULL),
                                                    g_bytes_get_size (other), &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "“other”");
  assert_message_mentions (error, "“payload”");
  g_clear_error (&error);
  g_assert_false (spate_lt_add_params_has_metadata (params));
  g_assert_cmpstr (spate_lt_add_params_get_info_hash (params), ==,
                   spate_lt_info_get_info_hash_v1 (info));

  /* Its own metadata is taken. */
  g_assert_true (spate_lt_add_params_set_metadata (params, bytes, size, &error));
  g_assert_no_error (error);
  g_assert_true (spate_lt_add_params_has_metadata (params));
  g_assert_cmpstr (spate_lt_add_params_get_name (params), ==, "payload");
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

  g_assert_false (spate_lt_ip_filter_is_blocked (filter, "10.0.0.256", &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "10.0.0.256");
  g_clear_error (&error);
  g_assert_false (spate_lt_ip_filter_is_blocked (filter, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* A good address still answers, without an error. */
  g_assert_true (spate_lt_ip_filter_add_range (filter, "10.0.0.1", "10.0.0.9", TRUE, &error));
  g_assert_true (spate_lt_ip_filter_is_blocked (filter, "10.0.0.5", &error));
  g_assert_false (spate_lt_ip_filter_is_blocked (filter, "10.0.0.10", &error));
  g_assert_no_error (error);
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
  g_clear_error (&error);

  p.piece_size = 0;
  p.trackers = (const char * const[]){ "http://127.0.0.1:1/announce", "not a tracker", NULL };
  g_assert_null (spate_lt_create_torrent (&p, NULL, NULL, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "“not a tracker” is not a valid tracker URL");
  g_clear_error (&error);

  /* GLib alone takes a URL with a space or without a host. */
  p.trackers = (const char * const[]){ "javascript:alert(1)", NULL };
  g_assert_null (spate_lt_create_torrent (&p, NULL, NULL, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "javascript:alert(1)");
  g_clear_error (&error);

  p.trackers = NULL;
  p.web_seeds = (const char * const[]){ "http://127.0.0.1:1/a b", NULL };
  g_assert_null (spate_lt_create_torrent (&p, NULL, NULL, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "“http://127.0.0.1:1/a b” is not a valid web seed URL");
}

static void
assert_dht_mutable_arguments (SpateLtSession *session)
{
  g_autoptr (GError) error = NULL;
  guint8 seed[32] = { 0 };
  guint8 pk[32];
  guint8 sk[64];
  guint8 salt[65] = { 0 };
  guint8 value[991] = { 0 };

  spate_lt_ed25519_keypair_from_seed (seed, pk, sk);

  g_assert_false (spate_lt_session_dht_put_mutable (session, pk, sk, salt, 65, value, 1, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "64 bytes");
  g_clear_error (&error);
  g_assert_false (
      spate_lt_session_dht_put_mutable (session, pk, sk, salt, 4, value, sizeof value, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "991");
  g_clear_error (&error);
  g_assert_false (spate_lt_session_dht_put_mutable (session, pk, sk, salt, 64, value, 990, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED);
  assert_message_mentions (error, "DHT is off");
  g_clear_error (&error);

  g_assert_false (spate_lt_session_dht_get_mutable (session, pk, salt, 65, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (spate_lt_session_dht_get_mutable (session, pk, NULL, 0, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED);
  assert_message_mentions (error, "enable_dht");
}

static void
assert_dht_hash_arguments (SpateLtSession *session)
{
  static const char *bad_hashes[] = {
    "0123456789abcdef0123456789abcdef0123456",
    "zz23456789abcdef0123456789abcdef01234567",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "",
  };
  static const char good[] = "0123456789abcdef0123456789abcdef01234567";
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad_hashes); i++)
    {
      g_assert_false (spate_lt_session_dht_announce (session, bad_hashes[i], 0, &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      assert_message_mentions (error, "40 hexadecimal digits");
      g_clear_error (&error);
      g_assert_false (spate_lt_session_dht_get_peers (session, bad_hashes[i], &error));
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
      assert_message_mentions (error, bad_hashes[i]);
      g_clear_error (&error);
    }
  g_assert_false (spate_lt_session_dht_get_peers (session, NULL, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (spate_lt_session_dht_announce (session, good, 70000, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  assert_message_mentions (error, "65535");
  g_clear_error (&error);
  g_assert_false (spate_lt_session_dht_announce (session, good, -1, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Good arguments, but the test session runs without a DHT. */
  g_assert_false (spate_lt_session_dht_announce (session, good, 6881, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (spate_lt_session_dht_get_peers (session, good, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (spate_lt_session_dht_get_immutable (session, good, &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED);
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
  g_clear_error (&error);

  assert_dht_mutable_arguments (session);
  assert_dht_hash_arguments (session);

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
  ADD ("resumed-while-removed", test_resumed_while_removed);
  ADD ("removed-twice", test_removed_twice);
  ADD ("files-while-renaming", test_files_while_renaming);
  ADD ("torrent-arguments", test_torrent_arguments);
  ADD ("before-metadata", test_before_metadata);
  ADD ("add-params", test_add_params);
  ADD ("ip-filter", test_ip_filter);
  ADD ("create-arguments", test_create_arguments);
  ADD ("dht-arguments", test_dht_arguments);
#undef ADD
  return g_test_run ();
}
