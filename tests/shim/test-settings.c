/* test-settings.c: settings by name, live; the session's switches; the IP
 * filter keeping a loopback peer out.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

#include <limits.h>

static SpateLtSettingInfo *
find_setting (GPtrArray *all, const char *name)
{
  for (guint i = 0; i < all->len; i++)
    {
      SpateLtSettingInfo *info = g_ptr_array_index (all, i);
      if (strcmp (info->name, name) == 0)
        return info;
    }
  return NULL;
}

static void
test_enumerate (void)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GPtrArray) all = spate_lt_session_list_settings (session);
  SpateLtSettingInfo *info;

  /* libtorrent 2.0 has about 250 settings; every one is listed once,
   * sorted, with a type, a default and a value of that type. */
  g_assert_cmpuint (all->len, >, 200);
  for (guint i = 0; i < all->len; i++)
    {
      SpateLtSettingInfo *s = g_ptr_array_index (all, i);
      const char         *want = s->type == SPATE_LT_SETTING_STRING ? "s"
                                 : s->type == SPATE_LT_SETTING_INT  ? "i"
                                                                    : "b";
      g_assert_cmpstr (g_variant_get_type_string (s->value), ==, want);
      g_assert_cmpstr (g_variant_get_type_string (s->default_value), ==, want);
      if (i > 0)
        g_assert_cmpstr (((SpateLtSettingInfo *) g_ptr_array_index (all, i - 1))->name, <, s->name);
    }

  info = find_setting (all, "connections_limit");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, SPATE_LT_SETTING_INT);

  /* Spate's own defaults show as changed from libtorrent's. */
  info = find_setting (all, "mmap_file_size_cutoff");
  g_assert_nonnull (info);
  g_assert_cmpint (g_variant_get_int32 (info->value), ==, INT_MAX);
  g_assert_cmpint (g_variant_get_int32 (info->default_value), !=, INT_MAX);
  info = find_setting (all, "disk_write_mode");
  g_assert_cmpint (g_variant_get_int32 (info->value), ==, 0 /* always_pwrite */);
  info = find_setting (all, "user_agent");
  g_assert_cmpint (info->type, ==, SPATE_LT_SETTING_STRING);
  g_assert_true (g_str_has_prefix (g_variant_get_string (info->value, NULL), "Spate/"));
  info = find_setting (all, "alert_queue_size");
  g_assert_cmpint (g_variant_get_int32 (info->value), >=, 50000);
  info = find_setting (all, "enable_dht");
  g_assert_cmpint (info->type, ==, SPATE_LT_SETTING_BOOL);
  g_assert_false (g_variant_get_boolean (info->value)); /* the test session turns it off */
  g_assert_true (g_variant_get_boolean (info->default_value));

  {
    SpateLtSettingType type;
    g_assert_true (spate_lt_setting_lookup ("proxy_hostname", &type, NULL));
    g_assert_cmpint (type, ==, SPATE_LT_SETTING_STRING);
  }

  spate_lt_session_free (session);
}

static void
test_set_live (void)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) v1 = NULL;
  g_autoptr (GVariant) v2 = NULL;
  g_autoptr (GVariant) v3 = NULL;
  g_autoptr (GVariant) v4 = NULL;
  GVariantBuilder b;

  g_assert_true (spate_lt_session_set_int (session, "connections_limit", 123, &error));
  g_assert_true (spate_lt_session_set_bool (session, "anonymous_mode", TRUE, &error));
  g_assert_true (spate_lt_session_set_string (session, "user_agent", "Spate/test", &error));
  g_assert_no_error (error);
  v1 = spate_lt_session_get_setting (session, "connections_limit", &error);
  v2 = spate_lt_session_get_setting (session, "anonymous_mode", &error);
  v3 = spate_lt_session_get_setting (session, "user_agent", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_variant_get_int32 (v1), ==, 123);
  g_assert_true (g_variant_get_boolean (v2));
  g_assert_cmpstr (g_variant_get_string (v3, NULL), ==, "Spate/test");

  /* A proxy is set through settings like anything else; any integer type
   * and a{sv} values wrapped in variants are taken. */
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "proxy_type", g_variant_new_uint32 (2 /* socks5 */));
  g_variant_builder_add (&b, "{sv}", "proxy_hostname", g_variant_new_string ("127.0.0.1"));
  g_variant_builder_add (&b, "{sv}", "proxy_port", g_variant_new_int64 (1080));
  g_variant_builder_add (&b, "{sv}", "proxy_peer_connections", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&b, "{sv}", "download_rate_limit",
                         g_variant_new_variant (g_variant_new_int32 (50000)));
  g_assert_true (spate_lt_session_apply_settings (session, g_variant_builder_end (&b), &error));
  g_assert_no_error (error);
  g_clear_pointer (&v1, g_variant_unref);
  v1 = spate_lt_session_get_setting (session, "proxy_type", &error);
  g_assert_cmpint (g_variant_get_int32 (v1), ==, 2);
  v4 = spate_lt_session_get_setting (session, "download_rate_limit", &error);
  g_assert_cmpint (g_variant_get_int32 (v4), ==, 50000);

  /* Out of range for a 32-bit setting. */
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "proxy_port",
                         g_variant_new_int64 (G_GINT64_CONSTANT (1) << 40));
  g_assert_false (spate_lt_session_apply_settings (session, g_variant_builder_end (&b), &error));
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "proxy_port"));

  spate_lt_session_free (session);
}

static void
test_encryption (void)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_autoptr (GVariant) in = NULL;

  spate_lt_session_set_encryption (session, SPATE_LT_ENCRYPTION_FORCED);
  g_assert_cmpint (spate_lt_session_get_encryption (session), ==, SPATE_LT_ENCRYPTION_FORCED);
  in = spate_lt_session_get_setting (session, "in_enc_policy", NULL);
  g_assert_cmpint (g_variant_get_int32 (in), ==, 0 /* pe_forced */);
  spate_lt_session_set_encryption (session, SPATE_LT_ENCRYPTION_DISABLED);
  g_assert_cmpint (spate_lt_session_get_encryption (session), ==, SPATE_LT_ENCRYPTION_DISABLED);
  spate_lt_session_set_encryption (session, SPATE_LT_ENCRYPTION_ENABLED);
  g_assert_cmpint (spate_lt_session_get_encryption (session), ==, SPATE_LT_ENCRYPTION_ENABLED);
  spate_lt_session_free (session);
}

typedef struct
{
  SpateLtAlertKind kind;
  int              port;
  char            *address;
  gboolean         has_error;
} Listen;

static void
on_listen (const SpateLtAlert *alert, gpointer data)
{
  Listen *l = data;
  if (alert->kind == l->kind && g_strcmp0 (alert->socket_type, "TCP") == 0)
    {
      l->port = alert->port;
      g_free (l->address);
      l->address = g_strdup (alert->address);
      l->has_error = alert->error.category != NULL && alert->error.message != NULL;
    }
}

static void
test_listen (void)
{
  int             port = spate_test_free_port ();
  SpateLtSession *a = spate_test_session_new (port, NULL);
  SpateLtSession *b;
  Listen          ok = { SPATE_LT_ALERT_LISTEN_SUCCEEDED };
  Listen          failed = { SPATE_LT_ALERT_LISTEN_FAILED };

  g_assert_true (
      spate_test_wait_alert (a, SPATE_LT_ALERT_LISTEN_SUCCEEDED, NULL, 10000, on_listen, &ok));
  g_assert_cmpint (ok.port, ==, port);
  g_assert_cmpstr (ok.address, ==, "127.0.0.1");
  g_assert_cmpint (spate_lt_session_get_listen_port (a), ==, port);

  /* A session told to listen on an address this machine doesn't have
   * (TEST-NET-1; nothing is sent) fails, and says why. */
  {
    g_autofree char *where = g_strdup_printf ("192.0.2.1:%d", port);
    GVariantBuilder  vb;
    g_variant_builder_init (&vb, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&vb, "{sv}", "listen_interfaces", g_variant_new_string (where));
    g_variant_builder_add (&vb, "{sv}", "listen_system_port_fallback",
                           g_variant_new_boolean (FALSE));
    b = spate_test_session_new (port, g_variant_builder_end (&vb));
  }
  g_assert_true (
      spate_test_wait_alert (b, SPATE_LT_ALERT_LISTEN_FAILED, NULL, 10000, on_listen, &failed));
  g_assert_cmpint (failed.port, ==, port);
  g_assert_true (failed.has_error);
  g_assert_cmpint (spate_lt_session_get_listen_port (b), ==, 0);

  g_assert_false (spate_lt_session_is_paused (a));
  spate_lt_session_pause (a);
  g_assert_true (spate_lt_session_is_paused (a));
  spate_lt_session_resume (a);
  g_assert_false (spate_lt_session_is_paused (a));

  spate_lt_session_free (b);
  spate_lt_session_free (a);
  g_free (ok.address);
  g_free (failed.address);
}

typedef struct
{
  gsize  n;
  gint64 value;
  int    index;
} Stats;

static void
on_stats (const SpateLtAlert *alert, gpointer data)
{
  Stats *s = data;
  if (alert->kind == SPATE_LT_ALERT_SESSION_STATS)
    {
      s->n = alert->n_counters;
      s->value = alert->counters[s->index];
    }
}

static void
test_stats (void)
{
  SpateLtSession *session = spate_test_session_new (0, NULL);
  g_auto (GStrv) names = spate_lt_stats_metric_names ();
  Stats s = { 0, -1, spate_lt_stats_metric_index ("ses.num_seeding_torrents", NULL) };

  g_assert_cmpint (s.index, >=, 0);
  spate_lt_session_post_stats (session);
  g_assert_true (
      spate_test_wait_alert (session, SPATE_LT_ALERT_SESSION_STATS, NULL, 10000, on_stats, &s));
  g_assert_cmpuint (s.n, >=, g_strv_length (names));
  g_assert_cmpint (s.value, ==, 0);
  spate_lt_session_free (session);
}

/* ----------------------------------------------------------- IP filter */

typedef struct
{
  gboolean blocked;
  char     address[64];
} Blocked;

static void
on_blocked (const SpateLtAlert *alert, gpointer data)
{
  Blocked *b = data;
  if (alert->kind == SPATE_LT_ALERT_PEER_BLOCKED)
    {
      b->blocked = TRUE;
      g_strlcpy (b->address, alert->address, sizeof b->address);
    }
}

static void
test_ip_filter_blocks_peer (void)
{
  static const gsize sizes[] = { 200000, 100000 };
  g_autofree char   *dir = spate_test_make_tmpdir ("ipfilter");
  g_autofree char   *seed_dir = g_build_filename (dir, "seed", NULL);
  g_autofree char   *leech_dir = g_build_filename (dir, "leech", NULL);
  g_autofree char   *payload = NULL;
  g_autofree char   *out = g_build_filename (dir, "p.torrent", NULL);
  g_autofree char   *got = g_build_filename (leech_dir, "p", NULL);
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (SpateLtIpFilter) filter = spate_lt_ip_filter_new ();
  g_autoptr (SpateLtIpFilter) copy = NULL;
  g_autoptr (SpateLtTorrent) seed = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtSession *seeder, *leecher;
  Blocked         blocked = { FALSE };
  int             marker;

  g_mkdir_with_parents (seed_dir, 0755);
  g_mkdir_with_parents (leech_dir, 0755);
  payload = spate_test_make_payload (seed_dir, "p", sizes, G_N_ELEMENTS (sizes), 11);
  torrent = spate_test_make_torrent (payload, out, NULL, NULL, 16384);

  g_assert_true (
      spate_lt_ip_filter_add_range (filter, "127.0.0.0", "127.255.255.255", TRUE, &error));
  g_assert_true (spate_lt_ip_filter_add_range (filter, "fe80::", "fe80::ffff", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (spate_lt_ip_filter_count (filter), ==, 2);
  g_assert_true (spate_lt_ip_filter_is_blocked (filter, "127.0.0.1", NULL));
  g_assert_true (spate_lt_ip_filter_is_blocked (filter, "fe80::12", NULL));
  g_assert_false (spate_lt_ip_filter_is_blocked (filter, "128.0.0.1", NULL));

  seeder = spate_test_session_new (0, NULL);
  leecher = spate_test_session_new (0, NULL);
  spate_lt_session_set_ip_filter (seeder, filter);
  copy = spate_lt_session_get_ip_filter (seeder);
  g_assert_cmpuint (spate_lt_ip_filter_count (copy), ==, 2);

  seed = spate_test_add_torrent (seeder, torrent, seed_dir, NULL);
  leech = spate_test_add_torrent (leecher, torrent, leech_dir, &marker);
  g_assert_true (spate_test_wait_seeding (seeder, seed, 30000));
  spate_lt_torrent_connect_peer (leech, "127.0.0.1", spate_test_session_get_port (seeder), &error);
  g_assert_no_error (error);

  g_assert_true (spate_test_wait_alert (seeder, SPATE_LT_ALERT_PEER_BLOCKED, NULL, 20000,
                                        on_blocked, &blocked));
  g_assert_cmpstr (blocked.address, ==, "127.0.0.1");
  /* Kept out: nothing arrives. */
  g_assert_false (
      spate_test_wait_alert (leecher, SPATE_LT_ALERT_PIECE_FINISHED, &marker, 2000, NULL, NULL));

  /* Cleared, the same peer gets everything. */
  spate_lt_session_clear_ip_filter (seeder);
  {
    /* The leecher backs off from a peer that refused it; ask again. */
    gint64   end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    gboolean finished = FALSE;
    while (!finished && g_get_monotonic_time () < end)
      {
        spate_lt_torrent_connect_peer (leech, "127.0.0.1", spate_test_session_get_port (seeder),
                                       &error);
        g_assert_no_error (error);
        finished = spate_test_wait_alert (leecher, SPATE_LT_ALERT_TORRENT_FINISHED, &marker, 1000,
                                          NULL, NULL);
      }
    g_assert_true (finished);
  }
  /* Finished means hashed; the last write may still be on its way to the file. */
  spate_test_wait_trees_equal (payload, got, 10000, &error);
  g_assert_no_error (error);

  spate_lt_torrent_free (g_steal_pointer (&seed));
  spate_lt_torrent_free (g_steal_pointer (&leech));
  spate_lt_session_free (leecher);
  spate_lt_session_free (seeder);
  spate_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spate/shim/settings/enumerate", test_enumerate);
  g_test_add_func ("/spate/shim/settings/set-live", test_set_live);
  g_test_add_func ("/spate/shim/settings/encryption", test_encryption);
  g_test_add_func ("/spate/shim/settings/listen", test_listen);
  g_test_add_func ("/spate/shim/settings/stats", test_stats);
  g_test_add_func ("/spate/shim/settings/ip-filter-blocks-peer", test_ip_filter_blocks_peer);
  return g_test_run ();
}
