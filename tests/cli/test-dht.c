/* test-dht.c: spate-cli dht stores and fetches BEP 44 items through two
 * local DHT nodes the test runs.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-cli.h"
#include "spate-test-util.h"

#define CLI_TIMEOUT_MS 90000
#define N_NODES        2

/* ------------------------------------------------------ running the CLI */

static void
run_cli_in (SpateTestRun *run, const char *tmpdir, const char * const *args)
{
  spate_test_run_cli (run, args, tmpdir, CLI_TIMEOUT_MS, 0);
}

static void
run_cli (SpateTestRun *run, const char * const *args)
{
  run_cli_in (run, NULL, args);
}

/* Exit 1 with exactly one line on stderr that says what. */
static void
assert_failed_saying (SpateTestRun *run, const char *what)
{
  spate_test_assert_cli_failed (run, 1, what);
  g_assert_cmpstr (run->out, ==, "");
}

/* The value after "label" up to the end of its line, in text. */
static char *
field (const char *text, const char *label)
{
  const char *start = strstr (text, label);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (label);
  while (*start == ' ')
    start++;
  end = strchr (start, '\n');
  return g_strndup (start, end ? (gsize) (end - start) : strlen (start));
}

static gboolean
is_hex (const char *text, gsize length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------- fixture */

typedef struct
{
  SpateLtSession *nodes[N_NODES];
  char           *bootstrap[N_NODES]; /* "127.0.0.1:PORT" */
  char           *tmpdir;             /* TMPDIR of the spate-cli runs */
} Fixture;

typedef struct
{
  int    index;
  gint64 value;
} Counter;

static void
catch_counter (const SpateLtAlert *alert, gpointer data)
{
  Counter *counter = data;

  if (alert->kind == SPATE_LT_ALERT_SESSION_STATS && (gsize) counter->index < alert->n_counters)
    counter->value = alert->counters[counter->index];
}

/* Waits until node has at least one other node in its routing table. */
static gboolean
wait_routing_table (SpateLtSession *node, guint timeout_ms)
{
  Counter counter = { spate_lt_stats_metric_index ("dht.dht_nodes", NULL), -1 };
  gint64  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_assert_cmpint (counter.index, >=, 0);
  while (g_get_monotonic_time () < deadline)
    {
      spate_lt_session_post_stats (node);
      spate_test_wait_alert (node, SPATE_LT_ALERT_SESSION_STATS, NULL, 1000, catch_counter,
                             &counter);
      if (counter.value >= 1)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  int ports[N_NODES];

  f->tmpdir = spate_test_make_tmpdir ("cli-dht");
  if (data == NULL)
    return;

  for (int i = 0; i < N_NODES; i++)
    {
      GVariantDict extra;

      g_variant_dict_init (&extra, NULL);
      g_variant_dict_insert (&extra, "enable_dht", "b", TRUE);
      /* Every node is 127.0.0.1; libtorrent keeps one node per IP otherwise. */
      g_variant_dict_insert (&extra, "dht_restrict_routing_ips", "b", FALSE);
      g_variant_dict_insert (&extra, "dht_restrict_search_ips", "b", FALSE);
      g_variant_dict_insert (&extra, "dht_prefer_verified_node_ids", "b", FALSE);
      g_variant_dict_insert (&extra, "dht_enforce_node_id", "b", FALSE);
      /* Every packet comes from 127.0.0.1: no rate limit per IP. */
      g_variant_dict_insert (&extra, "dht_block_ratelimit", "i", 1000000);
      f->nodes[i] = spate_test_session_new (0, g_variant_dict_end (&extra));
      ports[i] = spate_test_session_get_port (f->nodes[i]);
      f->bootstrap[i] = g_strdup_printf ("127.0.0.1:%d", ports[i]);
    }
  /* Known as nodes, not routers: libtorrent never asks a router for items. */
  for (int i = 0; i < N_NODES; i++)
    for (int j = 0; j < N_NODES; j++)
      if (i != j)
        spate_lt_session_add_dht_node (f->nodes[i], "127.0.0.1", ports[j], NULL);
  for (int i = 0; i < N_NODES; i++)
    g_assert_true (wait_routing_table (f->nodes[i], 30000));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  for (int i = 0; i < N_NODES; i++)
    {
      g_clear_pointer (&f->nodes[i], spate_lt_session_free);
      g_free (f->bootstrap[i]);
    }
  spate_test_rm_rf (f->tmpdir);
  g_free (f->tmpdir);
}

/* Nothing of a run is left in its TMPDIR. */
static void
assert_no_state (Fixture *f)
{
  g_autoptr (GDir) dir = g_dir_open (f->tmpdir, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

/* --------------------------------------------------------------- tests */

static void
test_keygen (Fixture *f, gconstpointer data)
{
  g_auto (SpateTestRun) first = { 0 };
  g_auto (SpateTestRun) second = { 0 };
  g_autofree char *seed = NULL;
  g_autofree char *key = NULL;

  run_cli (&first, (const char *[]){ "dht", "keygen", NULL });
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.err, ==, "");
  seed = field (first.out, "seed:");
  key = field (first.out, "public key:");
  g_assert_true (is_hex (seed, 64));
  g_assert_true (is_hex (key, 64));
  g_assert_cmpstr (seed, !=, key);

  /* A new key every time. */
  run_cli (&second, (const char *[]){ "dht", "keygen", "--json", NULL });
  g_assert_cmpint (second.status, ==, 0);
  g_assert_true (g_str_has_prefix (second.out, "{\"seed\":\""));
  g_assert_nonnull (strstr (second.out, "\",\"public_key\":\""));
  g_assert_true (g_str_has_suffix (second.out, "\"}\n"));
  g_assert_null (strstr (second.out, seed));
  g_assert_null (strstr (second.out, key));
}

static void
test_immutable (Fixture *f, gconstpointer data)
{
  static const char value[] = "Spate was here, immutably";
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *bencoded = g_strdup_printf ("%zu:%s", strlen (value), value);
  g_autofree char *expected = NULL;
  g_autofree char *target = NULL;
  g_auto (SpateTestRun) put = { 0 };
  g_auto (SpateTestRun) get = { 0 };
  g_auto (SpateTestRun) again = { 0 };
  g_autofree char *upper = NULL;

  /* The target is the SHA-1 of the bencoded value (BEP 44). */
  g_checksum_update (sha1, (const guchar *) bencoded, strlen (bencoded));
  expected = g_strdup_printf ("%s\n", g_checksum_get_string (sha1));

  run_cli_in (
      &put, f->tmpdir,
      (const char *[]){ "dht", "put", "--loopback", "--bootstrap", f->bootstrap[0], value, NULL });
  g_assert_cmpint (put.status, ==, 0);
  g_assert_cmpstr (put.err, ==, "");
  g_assert_cmpstr (put.out, ==, expected);
  assert_no_state (f);

  target = g_strndup (put.out, 40);
  run_cli_in (
      &get, f->tmpdir,
      (const char *[]){ "dht", "get", "--loopback", "--bootstrap", f->bootstrap[1], target, NULL });
  g_assert_cmpint (get.status, ==, 0);
  g_assert_cmpstr (get.err, ==, "");
  g_assert_cmpstr (get.out, ==, "Spate was here, immutably\n");
  assert_no_state (f);

  /* Upper-case hex names the same item; both nodes given works too. */
  upper = g_ascii_strup (target, -1);
  run_cli (&again, (const char *[]){ "dht", "get", "--loopback", "-b", f->bootstrap[0], "-b",
                                     f->bootstrap[1], upper, NULL });
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "Spate was here, immutably\n");
}

static void
test_mutable (Fixture *f, gconstpointer data)
{
  g_auto (SpateTestRun) keygen = { 0 };
  g_auto (SpateTestRun) put = { 0 };
  g_auto (SpateTestRun) put_again = { 0 };
  g_auto (SpateTestRun) get = { 0 };
  g_autofree char *seed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *put_key = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *seq_again = NULL;
  g_autofree char *expected = NULL;
  guint64          seq;

  run_cli (&keygen, (const char *[]){ "dht", "keygen", NULL });
  g_assert_cmpint (keygen.status, ==, 0);
  seed = field (keygen.out, "seed:");
  key = field (keygen.out, "public key:");

  run_cli_in (&put, f->tmpdir,
              (const char *[]){ "dht", "put", "--loopback", "--bootstrap", f->bootstrap[0],
                                "--timeout", "60", "--seed", seed, "--salt", "spate-test",
                                "first version", NULL });
  g_assert_cmpint (put.status, ==, 0);
  g_assert_cmpstr (put.err, ==, "");
  put_key = field (put.out, "public key:");
  seq_text = field (put.out, "seq:");
  g_assert_cmpstr (put_key, ==, key);
  g_assert_true (g_ascii_string_to_unsigned (seq_text, 10, 1, G_MAXINT64, &seq, NULL));
  assert_no_state (f);

  /* A second put takes the next sequence number. libtorrent 2.0.8 keeps
   * the node of the first put in its routing table although it said it was
   * read-only; gone now, it costs each lookup its 15 s timeout. */
  run_cli (&put_again, (const char *[]){ "dht", "put", "--loopback", "--bootstrap", f->bootstrap[1],
                                         "--timeout", "60", "--seed", seed, "--salt", "spate-test",
                                         "second version", NULL });
  g_assert_cmpint (put_again.status, ==, 0);
  seq_again = field (put_again.out, "seq:");
  g_assert_cmpuint (g_ascii_strtoull (seq_again, NULL, 10), ==, seq + 1);

  run_cli_in (&get, f->tmpdir,
              (const char *[]){ "dht", "get", "--loopback", "--bootstrap", f->bootstrap[0],
                                "--timeout", "60", "--key", key, "--salt", "spate-test", NULL });
  g_assert_cmpint (get.status, ==, 0);
  g_assert_cmpstr (get.err, ==, "");
  expected = g_strdup_printf ("second version\nseq:        %" G_GUINT64_FORMAT "\n", seq + 1);
  g_assert_cmpstr (get.out, ==, expected);
  assert_no_state (f);

  /* Another salt is another item, which nobody has. */
  {
    g_auto (SpateTestRun) other = { 0 };
    run_cli (&other, (const char *[]){ "dht", "get", "--loopback", "--bootstrap", f->bootstrap[1],
                                       "--timeout", "3", "--key", key, "--salt", "other", NULL });
    assert_failed_saying (&other, "within 3 seconds");
  }
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  g_auto (SpateTestRun) run = { 0 };

  /* No node to ask: a bounded wait, then one line saying so. */
  run_cli_in (&run, f->tmpdir,
              (const char *[]){ "dht", "get", "--loopback", "--timeout", "2",
                                "0123456789abcdef0123456789abcdef01234567", NULL });
  assert_failed_saying (&run, "within 2 seconds");
  g_assert_cmpint (run.elapsed_ms, >=, 2000);
  g_assert_cmpint (run.elapsed_ms, <, 10000);
  assert_no_state (f);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *large = g_strnfill (2000, 'x');
  guint            timeout_s = 5 * spate_test_time_factor ();
  g_autofree char *timeout = g_strdup_printf ("%u", timeout_s);
  g_auto (SpateTestRun) run = { 0 };

  /* More than BEP 44 allows: refused before anything is sent, so well
   * within the timeout (which a sanitized build's slow start stretches). */
  run_cli (&run, (const char *[]){ "dht", "put", "--loopback", "--timeout", timeout, large, NULL });
  assert_failed_saying (&run, "990 bytes");
  g_assert_cmpint (run.elapsed_ms, <, timeout_s * 1000);
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  const char * const *cases[] = {
    (const char *[]){ "dht", NULL },
    (const char *[]){ "dht", "frobnicate", NULL },
    (const char *[]){ "dht", "keygen", "extra", NULL },
    (const char *[]){ "dht", "put", NULL },
    (const char *[]){ "dht", "put", "--salt", "s", "value", NULL },
    (const char *[]){ "dht", "put", "--seed", "abc", "value", NULL },
    (const char *[]){ "dht", "put", "--bootstrap", "nowhere", "value", NULL },
    (const char *[]){ "dht", "put", "--port", "70000", "value", NULL },
    (const char *[]){ "dht", "put", "--timeout", "0", "value", NULL },
    (const char *[]){ "dht", "get", NULL },
    (const char *[]){ "dht", "get", "not-a-hash", NULL },
    (const char *[]){ "dht", "get", "--key", "12", NULL },
    (const char *[]){ "dht", "get", "--salt", "s", "0123456789abcdef0123456789abcdef01234567",
                      NULL },
    (const char *[]){ "dht", "get", "--unknown", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (SpateTestRun) run = { 0 };

      run_cli (&run, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strchr (run.err, '\n'));
    }

  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "dht", "--help", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "keygen"));
  }
  {
    g_auto (SpateTestRun) run = { 0 };
    run_cli (&run, (const char *[]){ "dht", "get", "--help", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--bootstrap"));
    g_assert_nonnull (strstr (run.out, "--timeout"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Cases that talk to other nodes get two of them. */
#define ADD(path, nodes, func) \
  g_test_add ("/spate/cli/dht/" path, Fixture, nodes, fixture_set_up, func, fixture_tear_down)
  ADD ("keygen", NULL, test_keygen);
  ADD ("immutable", "nodes", test_immutable);
  ADD ("mutable", "nodes", test_mutable);
  ADD ("timeout", NULL, test_timeout);
  ADD ("bad-input", NULL, test_bad_input);
  ADD ("usage", NULL, test_usage);
#undef ADD
  return g_test_run ();
}
