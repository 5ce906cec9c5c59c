/* spate-cli-dht.c: spate-cli dht keygen|put|get.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each put or get runs a fresh DHT node whose state lives in a temporary
 * folder, removed at exit: nothing is left behind.
 */

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "spate-cli.h"

#define COMMAND          "spate-cli dht"
#define CLOSE_TIMEOUT_MS 5000
#define LISTEN_WAIT_MS   5000

typedef struct
{
  int      port;
  char   **bootstrap;
  gboolean loopback;
  int      timeout;
  char    *seed;
  char    *salt;
  char    *key;

  gboolean      done;
  GAsyncResult *result;
} Dht;

/* ------------------------------------------------------------- helpers */

static char *
hex_encode (const guint8 *data, gsize size)
{
  GString *out = g_string_sized_new (size * 2);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static gboolean
hex_decode (const char *hex, guint8 *out, gsize size)
{
  if (hex == NULL || strlen (hex) != size * 2)
    return FALSE;
  for (gsize i = 0; i < size; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);
      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

/* "host:port" or "[v6]:port" into the "host:port" libtorrent reads. */
static gboolean
parse_node (const char *text, char **host, int *port)
{
  const char *colon = strrchr (text, ':');
  guint64     number;

  if (colon == NULL || colon == text ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &number, NULL))
    return FALSE;
  *host = g_strndup (text, colon - text);
  if (**host == '[' && (*host)[strlen (*host) - 1] == ']')
    {
      char *bare = g_strndup (*host + 1, strlen (*host) - 2);
      g_free (*host);
      *host = bare;
    }
  *port = (int) number;
  return **host != '\0';
}

/* The common settings, with the DHT on. On loopback the nodes share
 * 127.0.0.1, which libtorrent would otherwise treat as one node. */
static GVariant *
dht_settings (Dht *d, GError **error)
{
  g_autoptr (GVariant) base = spate_cli_session_settings (d->port, d->loopback, NULL, error);
  GVariantDict dict;

  if (base == NULL)
    return NULL;
  g_variant_dict_init (&dict, g_variant_ref_sink (base));
  g_variant_dict_insert (&dict, "enable_dht", "b", TRUE);
  /* A node gone in seconds should not stay in others' routing tables,
   * where it slows their lookups (BEP 43). */
  g_variant_dict_insert (&dict, "dht_read_only", "b", TRUE);
  if (!d->loopback && d->port == 0)
    /* Any free port: a running Spate may hold the default one. */
    g_variant_dict_insert (&dict, "listen_interfaces", "s", "0.0.0.0:0,[::]:0");
  if (d->loopback)
    {
      g_variant_dict_insert (&dict, "dht_restrict_routing_ips", "b", FALSE);
      g_variant_dict_insert (&dict, "dht_restrict_search_ips", "b", FALSE);
      g_variant_dict_insert (&dict, "dht_prefer_verified_node_ids", "b", FALSE);
      g_variant_dict_insert (&dict, "dht_enforce_node_id", "b", FALSE);
      /* Nor block it for sending too many packets, as if one node. */
      g_variant_dict_insert (&dict, "dht_block_ratelimit", "i", 1000000);
    }
  if (d->loopback || d->bootstrap != NULL)
    g_variant_dict_insert (&dict, "dht_bootstrap_nodes", "s", "");
  return g_variant_dict_end (&dict);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Dht *d = user_data;

  d->result = g_object_ref (result);
  d->done = TRUE;
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_wait_over (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* --bootstrap nodes join the routing table as nodes, not as routers, which
 * libtorrent never queries for items. They are added once the node listens:
 * a DHT without a socket drops them. */
static void
add_nodes (SpateSession *session, Dht *d)
{
  gboolean over = FALSE;
  guint    timer;

  if (d->bootstrap == NULL)
    return;
  timer = g_timeout_add (LISTEN_WAIT_MS, on_wait_over, &over);
  while (spate_session_get_listen_port (session) == 0 && !over)
    g_main_context_iteration (NULL, TRUE);
  if (!over)
    g_source_remove (timer);

  for (guint i = 0; d->bootstrap[i] != NULL; i++)
    {
      g_autofree char *host = NULL;
      int              port = 0;

      if (parse_node (d->bootstrap[i], &host, &port))
        spate_session_add_dht_node (session, host, port, NULL);
    }
}

typedef void (*StartFunc) (SpateSession *session, Dht *d, gpointer data, GCancellable *cancellable);
typedef int (*FinishFunc) (SpateSession *session, Dht *d, gpointer data);

/* Starts a node, runs one request on it and prints its answer. */
static int
run_request (Dht *d, StartFunc start, FinishFunc finish, gpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GVariant) settings = NULL;
  g_autoptr (SpateSession) session = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *state = NULL;
  guint            sigint, sigterm;
  int              status;

  settings = dht_settings (d, &error);
  if (settings == NULL)
    return spate_cli_fail ("%s", error->message);
  state = g_dir_make_tmp ("spate-dht-XXXXXX", &error);
  if (state == NULL)
    return spate_cli_fail ("%s", error->message);
  session = spate_session_new (state, g_steal_pointer (&settings), &error);
  if (session == NULL)
    {
      spate_cli_remove_tree (state);
      return spate_cli_fail ("%s", error->message);
    }
  spate_session_dht_set_timeout (session, (guint) d->timeout);
  add_nodes (session, d);

  sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  start (session, d, data, cancellable);
  spate_cli_wait (&d->done, 0);
  status = finish (session, d, data);
  g_clear_object (&d->result);

  spate_session_close (session, CLOSE_TIMEOUT_MS, NULL);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&session);
  spate_cli_remove_tree (state);
  return status;
}

static GOptionContext *
node_context (Dht *d, const char *parameters, const char *summary)
{
  GOptionContext    *context = g_option_context_new (parameters);
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &d->port, N_ ("Listen on port N (default: any)"), "N" },
    { "bootstrap", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &d->bootstrap,
      N_ ("Join the DHT through HOST:PORT; repeat for more (default: public routers)"),
      "HOST:PORT" },
    { "loopback", 0, 0, G_OPTION_ARG_NONE, &d->loopback,
      N_ ("Use 127.0.0.1 only, with local DHT nodes (for tests)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &d->timeout, N_ ("Give up after SECONDS (default: 30)"),
      "SECONDS" },
    { NULL },
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static int
check_node_options (Dht *d, const char *command)
{
  if (d->port < 0 || d->port > 65535)
    return spate_cli_usage (command, _ ("--port must be between 0 and 65535"));
  if (d->timeout <= 0)
    return spate_cli_usage (command, _ ("--timeout must be at least 1 second"));
  for (guint i = 0; d->bootstrap != NULL && d->bootstrap[i] != NULL; i++)
    {
      g_autofree char *host = NULL;
      int              port;

      if (!parse_node (d->bootstrap[i], &host, &port))
        return spate_cli_usage (command, _ ("--bootstrap %s: not HOST:PORT"), d->bootstrap[i]);
    }
  return SPATE_CLI_OK;
}

/* -------------------------------------------------------------- keygen */

static int
run_keygen (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char   *seed_hex = NULL;
  g_autofree char   *key_hex = NULL;
  gboolean           json = FALSE;
  guint8             seed[32], public_key[32];
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print one JSON object"), NULL },
    { NULL },
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (
      context, _ ("Make a key for mutable items. Keep the seed secret: it signs the items; the "
                  "public key names them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!spate_cli_parse (context, COMMAND " keygen", &argc, &argv))
    return SPATE_CLI_USAGE;
  if (argc > 1)
    return spate_cli_usage (COMMAND " keygen", _ ("unexpected argument “%s”"), argv[1]);

  spate_dht_keygen (seed, public_key);
  seed_hex = hex_encode (seed, sizeof seed);
  key_hex = hex_encode (public_key, sizeof public_key);
  memset (seed, 0, sizeof seed);
  if (json)
    printf ("{\"seed\":\"%s\",\"public_key\":\"%s\"}\n", seed_hex, key_hex);
  else
    printf ("%-12s%s\n%-12s%s\n", _ ("seed:"), seed_hex, _ ("public key:"), key_hex);
  return SPATE_CLI_OK;
}

/* ----------------------------------------------------------------- put */

typedef struct
{
  GBytes  *value;
  GBytes  *salt;
  guint8   seed[32];
  gboolean is_mutable;
} Put;

static void
start_put (SpateSession *session, Dht *d, gpointer data, GCancellable *cancellable)
{
  Put *put = data;

  if (put->is_mutable)
    spate_session_dht_put_mutable_async (session, put->seed, put->salt, put->value, cancellable,
                                         on_done, d);
  else
    spate_session_dht_put_immutable_async (session, put->value, cancellable, on_done, d);
}

static int
finish_put (SpateSession *session, Dht *d, gpointer data)
{
  Put *put = data;
  g_autoptr (GError) error = NULL;

  if (put->is_mutable)
    {
      gint64           seq = spate_session_dht_put_mutable_finish (session, d->result, &error);
      guint8           public_key[32];
      g_autofree char *key_hex = NULL;

      if (seq < 0)
        return spate_cli_fail ("%s", error->message);
      spate_dht_public_key_from_seed (put->seed, public_key);
      key_hex = hex_encode (public_key, sizeof public_key);
      printf ("%-12s%s\n%-12s%" G_GINT64_FORMAT "\n", _ ("public key:"), key_hex, _ ("seq:"), seq);
    }
  else
    {
      g_autofree char *target = spate_session_dht_put_immutable_finish (session, d->result, &error);

      if (target == NULL)
        return spate_cli_fail ("%s", error->message);
      printf ("%s\n", target);
    }
  return SPATE_CLI_OK;
}

static int
run_put (int argc, char **argv)
{
  Dht d = { .timeout = SPATE_DHT_DEFAULT_TIMEOUT_S };
  Put put = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  const char        *command = COMMAND " put";
  int                status;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &d.seed,
      N_ ("Store a mutable item signed with this key seed (64 hex digits, from “keygen”)"), "HEX" },
    { "salt", 0, 0, G_OPTION_ARG_STRING, &d.salt,
      N_ ("Store the mutable item under this salt, so one key can hold many"), "TEXT" },
    { NULL },
  };

  context = node_context (&d, _ ("VALUE"),
                          _ ("Store VALUE in the DHT. Without --seed it is immutable and named "
                             "by its hash, which is printed; with --seed it is signed and named by "
                             "the public key (and salt), and printed with its sequence number."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!spate_cli_parse (context, command, &argc, &argv))
    status = SPATE_CLI_USAGE;
  else if ((status = check_node_options (&d, command)) != SPATE_CLI_OK)
    ;
  else if (argc < 2)
    status = spate_cli_usage (command, _ ("no value given"));
  else if (argc > 2)
    status = spate_cli_usage (command, _ ("one value at a time (quote it if it has spaces)"));
  else if (d.salt != NULL && d.seed == NULL)
    status = spate_cli_usage (command, _ ("--salt needs --seed"));
  else if (d.seed != NULL && !hex_decode (d.seed, put.seed, sizeof put.seed))
    status = spate_cli_usage (command, _ ("--seed must be 64 hexadecimal digits"));
  else
    {
      put.is_mutable = d.seed != NULL;
      put.value = g_bytes_new (argv[1], strlen (argv[1]));
      put.salt = d.salt ? g_bytes_new (d.salt, strlen (d.salt)) : NULL;
      status = run_request (&d, start_put, finish_put, &put);
      g_bytes_unref (put.value);
      g_clear_pointer (&put.salt, g_bytes_unref);
      memset (put.seed, 0, sizeof put.seed);
    }

  g_strfreev (d.bootstrap);
  g_free (d.seed);
  g_free (d.salt);
  return status;
}

/* ----------------------------------------------------------------- get */

typedef struct
{
  const char *target;
  guint8      public_key[32];
  GBytes     *salt;
} Get;

static void
start_get (SpateSession *session, Dht *d, gpointer data, GCancellable *cancellable)
{
  Get *get = data;

  if (get->target != NULL)
    spate_session_dht_get_immutable_async (session, get->target, cancellable, on_done, d);
  else
    spate_session_dht_get_mutable_async (session, get->public_key, get->salt, cancellable, on_done,
                                         d);
}

static int
finish_get (SpateSession *session, Dht *d, gpointer data)
{
  Get *get = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) value = NULL;
  gint64      seq = -1;
  gsize       size;
  const char *bytes;

  if (get->target != NULL)
    value = spate_session_dht_get_immutable_finish (session, d->result, &error);
  else
    value = spate_session_dht_get_mutable_finish (session, d->result, &seq, &error);
  if (value == NULL)
    return spate_cli_fail ("%s", error->message);

  bytes = g_bytes_get_data (value, &size);
  fwrite (bytes, 1, size, stdout);
  printf ("\n");
  if (get->target == NULL)
    printf ("%-12s%" G_GINT64_FORMAT "\n", _ ("seq:"), seq);
  return SPATE_CLI_OK;
}

static int
run_get (int argc, char **argv)
{
  Dht d = { .timeout = SPATE_DHT_DEFAULT_TIMEOUT_S };
  Get get = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  const char        *command = COMMAND " get";
  int                status;
  const GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_STRING, &d.key,
      N_ ("Fetch the mutable item of this public key (64 hex digits)"), "HEX" },
    { "salt", 0, 0, G_OPTION_ARG_STRING, &d.salt, N_ ("The mutable item's salt"), "TEXT" },
    { NULL },
  };

  context = node_context (&d, _ ("TARGET | --key PUBLIC-KEY"),
                          _ ("Fetch an item from the DHT and print its value: an immutable one by "
                             "its target hash, a mutable one by public key (and salt), with its "
                             "sequence number."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!spate_cli_parse (context, command, &argc, &argv))
    status = SPATE_CLI_USAGE;
  else if ((status = check_node_options (&d, command)) != SPATE_CLI_OK)
    ;
  else if (argc > 2 || (argc == 2 && d.key != NULL))
    status = spate_cli_usage (command, _ ("give either one TARGET or --key"));
  else if (argc < 2 && d.key == NULL)
    status = spate_cli_usage (command, _ ("no TARGET or --key given"));
  else if (d.salt != NULL && d.key == NULL)
    status = spate_cli_usage (command, _ ("--salt needs --key"));
  else if (d.key != NULL && !hex_decode (d.key, get.public_key, sizeof get.public_key))
    status = spate_cli_usage (command, _ ("--key must be 64 hexadecimal digits"));
  else if (d.key == NULL && !hex_decode (argv[1], (guint8[20]){ 0 }, 20))
    status = spate_cli_usage (command, _ ("TARGET must be 40 hexadecimal digits"));
  else
    {
      get.target = d.key == NULL ? argv[1] : NULL;
      get.salt = d.salt ? g_bytes_new (d.salt, strlen (d.salt)) : NULL;
      status = run_request (&d, start_get, finish_get, &get);
      g_clear_pointer (&get.salt, g_bytes_unref);
    }

  g_strfreev (d.bootstrap);
  g_free (d.key);
  g_free (d.salt);
  return status;
}

/* ---------------------------------------------------------------- main */

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _ ("Usage: spate-cli dht COMMAND [OPTION…]"), _ ("Commands:"));
  fprintf (out, "  %-8s %s\n", "keygen", _ ("Make a key for mutable items"));
  fprintf (out, "  %-8s %s\n", "put", _ ("Store an item"));
  fprintf (out, "  %-8s %s\n", "get", _ ("Fetch an item"));
  fprintf (out, "\n%s\n", _ ("Run “spate-cli dht COMMAND --help” for a command’s options."));
}

int
spate_cli_dht (int argc, char **argv)
{
  g_autofree char *name = NULL;
  int (*run) (int, char **) = NULL;

  if (argc < 2)
    return spate_cli_usage (COMMAND, _ ("no command given: keygen, put or get"));
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return SPATE_CLI_OK;
    }

  if (g_str_equal (argv[1], "keygen"))
    run = run_keygen;
  else if (g_str_equal (argv[1], "put"))
    run = run_put;
  else if (g_str_equal (argv[1], "get"))
    run = run_get;
  else
    return spate_cli_usage (COMMAND, _ ("no command named “%s”: keygen, put or get"), argv[1]);

  /* The command sees "spate-cli dht NAME" as its program name. */
  name = g_strdup_printf (COMMAND " %s", argv[1]);
  argv[1] = name;
  return run (argc - 1, argv + 1);
}
