/* test-header.c: spate-lt.h is plain C and its small parts behave.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#if defined(__cplusplus)
#error "This test must be compiled as C"
#endif

#include "spate-lt.h"

static void
test_alert_kind_names (void)
{
  g_assert_cmpstr (spate_lt_alert_kind_to_string (SPATE_LT_ALERT_TORRENT_FINISHED), ==,
                   "torrent-finished");
  g_assert_cmpstr (spate_lt_alert_kind_to_string (SPATE_LT_ALERT_SESSION_STATS), ==,
                   "session-stats");
  g_assert_cmpstr (spate_lt_alert_kind_to_string (SPATE_LT_N_ALERT_KINDS), ==, "unknown");
  for (int k = 0; k < SPATE_LT_N_ALERT_KINDS; k++)
    g_assert_cmpstr (spate_lt_alert_kind_to_string (k), !=, "unknown");
}

static void
test_error_domain (void)
{
  g_assert_cmpstr (g_quark_to_string (SPATE_LT_ERROR), ==, "spate-lt-error-quark");
}

static void
test_stats_names (void)
{
  g_auto (GStrv) names = spate_lt_stats_metric_names ();
  g_autoptr (GError) error = NULL;
  int index;

  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), >, 100);
  g_assert_true (g_strv_contains ((const char * const *) names, "net.recv_payload_bytes"));
  index = spate_lt_stats_metric_index ("net.recv_payload_bytes", &error);
  g_assert_no_error (error);
  g_assert_cmpint (index, >=, 0);

  index = spate_lt_stats_metric_index ("net.no_such_counter", &error);
  g_assert_cmpint (index, ==, -1);
  g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "net.no_such_counter"));
}

static void
test_ed25519 (void)
{
  guint8 seed[32], pk1[32], sk1[64], pk2[32], sk2[64];
  guint8 zero[32] = { 0 };

  spate_lt_ed25519_create_seed (seed);
  g_assert_false (memcmp (seed, zero, 32) == 0);
  spate_lt_ed25519_keypair_from_seed (seed, pk1, sk1);
  spate_lt_ed25519_keypair_from_seed (seed, pk2, sk2);
  /* The same seed derives the same keys. */
  g_assert_cmpmem (pk1, 32, pk2, 32);
  g_assert_cmpmem (sk1, 64, sk2, 64);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spate/shim/header/alert-kind-names", test_alert_kind_names);
  g_test_add_func ("/spate/shim/header/error-domain", test_error_domain);
  g_test_add_func ("/spate/shim/header/stats-names", test_stats_names);
  g_test_add_func ("/spate/shim/header/ed25519", test_ed25519);
  return g_test_run ();
}
