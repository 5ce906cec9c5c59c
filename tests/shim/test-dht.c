/* test-dht.c: BEP 44 items and announces between local DHT nodes.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

#define N_NODES 3

typedef struct
{
  SpateLtSession *nodes[N_NODES + 1]; /* NULL-terminated for pump_until */
  int             ports[N_NODES];
} Fixture;

static GVariant *
dht_settings (Fixture *f, int self)
{
  GVariantBuilder b;
  GString        *bootstrap = g_string_new (NULL);

  for (int i = 0; i < N_NODES; i++)
    if (i != self)
      g_string_append_printf (bootstrap, "%s127.0.0.1:%d", bootstrap->len ? "," : "", f->ports[i]);

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "enable_dht", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&b, "{sv}", "dht_bootstrap_nodes",
                         g_variant_new_take_string (g_string_free (bootstrap, FALSE)));
  /* All nodes share 127.0.0.1; libtorrent keeps one node per IP otherwise. */
  g_variant_builder_add (&b, "{sv}", "dht_restrict_routing_ips", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&b, "{sv}", "dht_restrict_search_ips", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&b, "{sv}", "dht_prefer_verified_node_ids", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&b, "{sv}", "dht_enforce_node_id", g_variant_new_boolean (FALSE));
  return g_variant_builder_end (&b);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  for (int i = 0; i < N_NODES; i++)
    f->ports[i] = spate_test_free_port ();
  for (int i = 0; i < N_NODES; i++)
    {
      f->nodes[i] = spate_test_session_new (f->ports[i], dht_settings (f, i));
    }
  f->nodes[N_NODES] = NULL;
  /* Explicit nodes too, in case the bootstrap list is read late. */
  for (int i = 0; i < N_NODES; i++)
    for (int j = 0; j < N_NODES; j++)
      if (i != j)
        spate_lt_session_add_dht_node (f->nodes[i], "127.0.0.1", f->ports[j], NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  for (int i = 0; i < N_NODES; i++)
    spate_lt_session_free (f->nodes[i]);
}

typedef struct
{
  SpateLtAlertKind kind;
  gboolean         seen;
  int              num_success;
  char             target[65];
  GBytes          *value;
  gint64           seq;
  guint8           public_key[32];
  int              num_peers;
} Catch;

static void
catch_alert (const SpateLtAlert *alert, gpointer data)
{
  Catch *c = data;

  if (alert->kind != c->kind)
    return;
  /* Some replies come from nodes that have nothing; keep the best. */
  if (alert->kind == SPATE_LT_ALERT_DHT_GET_PEERS_REPLY && alert->num_peers == 0)
    return;
  c->seen = TRUE;
  c->num_success = MAX (c->num_success, alert->num_success);
  c->num_peers = MAX (c->num_peers, alert->num_peers);
  g_strlcpy (c->target, alert->info_hash, sizeof c->target);
  if (alert->data != NULL)
    {
      g_clear_pointer (&c->value, g_bytes_unref);
      c->value = g_bytes_new (alert->data, alert->size);
    }
  c->seq = alert->seq;
  if (alert->public_key != NULL)
    memcpy (c->public_key, alert->public_key, 32);
}

/* Pumps node's alerts into c until it is seen or timeout_ms passes. */
static gboolean
wait_catch (SpateLtSession *node, Catch *c, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!c->seen && g_get_monotonic_time () < end)
    spate_test_wait_alert (node, c->kind, NULL, 200, catch_alert, c);
  return c->seen;
}

static void
test_bootstrap (Fixture *f, gconstpointer data)
{
  g_assert_true (
      spate_test_wait_alert (f->nodes[0], SPATE_LT_ALERT_DHT_BOOTSTRAP, NULL, 30000, NULL, NULL));
  g_assert_true (spate_lt_session_is_dht_running (f->nodes[0]));
}

static void
test_immutable (Fixture *f, gconstpointer data)
{
  static const char value[] = "Spate was here";
  g_autoptr (GError) error = NULL;
  char   target[41];
  Catch  put = { SPATE_LT_ALERT_DHT_PUT };
  Catch  got = { SPATE_LT_ALERT_DHT_IMMUTABLE_ITEM };
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* Until the routing tables fill, a put may reach nobody: retry, bounded. */
  while (put.num_success == 0 && g_get_monotonic_time () < end)
    {
      put.seen = FALSE;
      g_assert_true (spate_lt_session_dht_put_immutable (f->nodes[0], (const guint8 *) value,
                                                         strlen (value), target, &error));
      g_assert_no_error (error);
      wait_catch (f->nodes[0], &put, 10000);
    }
  g_assert_cmpint (put.num_success, >=, 1);
  g_assert_cmpstr (put.target, ==, target);

  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (got.value == NULL && g_get_monotonic_time () < end)
    {
      got.seen = FALSE;
      g_assert_true (spate_lt_session_dht_get_immutable (f->nodes[1], target, &error));
      g_assert_no_error (error);
      wait_catch (f->nodes[1], &got, 10000);
    }
  g_assert_nonnull (got.value);
  g_assert_cmpstr (got.target, ==, target);
  g_assert_cmpmem (g_bytes_get_data (got.value, NULL), g_bytes_get_size (got.value), value,
                   strlen (value));
  g_bytes_unref (got.value);
}

static void
test_mutable (Fixture *f, gconstpointer data)
{
  static const char value[] = "version one";
  static const char salt[] = "spate-test";
  g_autoptr (GError) error = NULL;
  guint8 seed[32], pk[32], sk[64];
  Catch  put = { SPATE_LT_ALERT_DHT_PUT };
  Catch  got = { SPATE_LT_ALERT_DHT_MUTABLE_ITEM };
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  spate_lt_ed25519_create_seed (seed);
  spate_lt_ed25519_keypair_from_seed (seed, pk, sk);

  while (put.num_success == 0 && g_get_monotonic_time () < end)
    {
      put.seen = FALSE;
      g_assert_true (spate_lt_session_dht_put_mutable (f->nodes[0], pk, sk, (const guint8 *) salt,
                                                       strlen (salt), (const guint8 *) value,
                                                       strlen (value), &error));
      g_assert_no_error (error);
      wait_catch (f->nodes[0], &put, 10000);
    }
  g_assert_cmpint (put.num_success, >=, 1);
  g_assert_cmpmem (put.public_key, 32, pk, 32);
  g_assert_cmpint (put.seq, >=, 1);

  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (got.value == NULL && g_get_monotonic_time () < end)
    {
      got.seen = FALSE;
      g_assert_true (spate_lt_session_dht_get_mutable (f->nodes[2], pk, (const guint8 *) salt,
                                                       strlen (salt), &error));
      g_assert_no_error (error);
      wait_catch (f->nodes[2], &got, 10000);
      if (got.value != NULL && g_bytes_get_size (got.value) == 0)
        g_clear_pointer (&got.value, g_bytes_unref);
    }
  g_assert_nonnull (got.value);
  g_assert_cmpmem (got.public_key, 32, pk, 32);
  g_assert_cmpint (got.seq, ==, put.seq);
  g_assert_cmpmem (g_bytes_get_data (got.value, NULL), g_bytes_get_size (got.value), value,
                   strlen (value));
  g_bytes_unref (got.value);
}

static void
test_announce (Fixture *f, gconstpointer data)
{
  static const char hash[] = "0123456789abcdef0123456789abcdef01234567";
  g_autoptr (GError) error = NULL;
  Catch  reply = { SPATE_LT_ALERT_DHT_GET_PEERS_REPLY };
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!reply.seen && g_get_monotonic_time () < end)
    {
      g_assert_true (spate_lt_session_dht_announce (f->nodes[0], hash, 0, &error));
      g_assert_no_error (error);
      spate_test_wait_alert (f->nodes[0], SPATE_LT_ALERT_OTHER, NULL, 1000, NULL, NULL);
      g_assert_true (spate_lt_session_dht_get_peers (f->nodes[1], hash, &error));
      g_assert_no_error (error);
      wait_catch (f->nodes[1], &reply, 5000);
    }
  g_assert_true (reply.seen);
  g_assert_cmpint (reply.num_peers, >=, 1);
  g_assert_cmpstr (reply.target, ==, hash);
}

typedef struct
{
  int    index;
  gint64 value;
} Counter;

static void
read_counter (const SpateLtAlert *alert, gpointer data)
{
  Counter *c = data;

  if (alert->kind == SPATE_LT_ALERT_SESSION_STATS && (gsize) c->index < alert->n_counters)
    c->value = alert->counters[c->index];
}

/* The number of nodes in session's routing table, once it has any (0 when
 * none came within timeout_ms). */
static gint64
wait_routing_nodes (SpateLtSession *session, guint timeout_ms)
{
  Counter nodes = { spate_lt_stats_metric_index ("dht.dht_nodes", NULL), 0 };
  gint64  end = g_get_monotonic_time () + timeout_ms * 1000;

  g_assert_cmpint (nodes.index, >=, 0);
  while (nodes.value == 0 && g_get_monotonic_time () < end)
    {
      spate_lt_session_post_stats (session);
      spate_test_wait_alert (session, SPATE_LT_ALERT_SESSION_STATS, NULL, 2000, read_counter,
                             &nodes);
      if (nodes.value == 0)
        g_usleep (200 * 1000);
    }
  return nodes.value;
}

/* The node ids are binary: search past NUL bytes. */
static gboolean
bytes_contain (GBytes *bytes, const char *text)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize         len = strlen (text);

  for (gsize i = 0; i + len <= size; i++)
    if (memcmp (data + i, text, len) == 0)
      return TRUE;
  return FALSE;
}

/* A node with no bootstrap nodes: the fixture's nodes know each other as
 * bootstrap routers, which libtorrent never keeps in a routing table. */
static SpateLtSession *
lone_node_new (GBytes *state)
{
  g_autoptr (GVariantDict) settings = g_variant_dict_new (NULL);
  g_autoptr (GError) error = NULL;
  SpateLtSession *node;

  g_variant_dict_insert (settings, "enable_dht", "b", TRUE);
  g_variant_dict_insert (settings, "dht_restrict_routing_ips", "b", FALSE);
  g_variant_dict_insert (settings, "dht_restrict_search_ips", "b", FALSE);
  g_variant_dict_insert (settings, "dht_prefer_verified_node_ids", "b", FALSE);
  g_variant_dict_insert (settings, "dht_enforce_node_id", "b", FALSE);
  node = spate_lt_session_new (spate_test_loopback_settings (0, g_variant_dict_end (settings)),
                               state, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_state_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) state = NULL;
  SpateLtSession *node = lone_node_new (NULL);

  /* It learns the others from the nodes added by hand... */
  for (int i = 0; i < N_NODES; i++)
    g_assert_true (spate_lt_session_add_dht_node (node, "127.0.0.1", f->ports[i], &error));
  g_assert_cmpint (wait_routing_nodes (node, 30000), >, 0);
  state = spate_lt_session_save_state (node, &error);
  g_assert_no_error (error);
  g_assert_true (bytes_contain (state, "9:dht state"));
  g_assert_true (bytes_contain (state, "5:nodes"));
  spate_lt_session_free (node);

  /* ...and, restarted from its state with none added, from the saved
   * routing table alone. */
  node = lone_node_new (state);
  g_assert_cmpint (wait_routing_nodes (node, 30000), >, 0);
  spate_lt_session_free (node);

  /* Damaged state is refused with a message, not a crash. */
  {
    g_autoptr (GBytes) bad = g_bytes_new_static ("d9:dht statei", 14);
    g_assert_null (spate_lt_session_new (NULL, bad, &error));
    g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "session state"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/spate/shim/dht/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("bootstrap", test_bootstrap);
  ADD ("immutable", test_immutable);
  ADD ("mutable", test_mutable);
  ADD ("announce", test_announce);
  ADD ("state-round-trip", test_state_round_trip);
#undef ADD
  return g_test_run ();
}
