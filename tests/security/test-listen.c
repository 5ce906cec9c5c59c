/* test-listen.c: a session listens on the BitTorrent port (TCP and uTP),
 * and with DHT and LSD on, on their sockets too; nothing else (no control
 * port).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The process's sockets are the "socket:[inode]" links in /proc/self/fd;
 * /proc/net/{tcp,udp}{,6} say which of them listen (TCP state 0A) or are
 * bound without a peer (UDP with a zero remote address).
 */

#include <unistd.h>

#include "spate-test-engine.h"

static GHashTable *
own_socket_inodes (void)
{
  GHashTable *inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:["))
        g_hash_table_add (inodes, g_strndup (target + 8, strlen (target) - 9));
    }
  return inodes;
}

/* "tcp 127.0.0.1:6881"-like lines, sorted, for the listening sockets
 * among inodes. */
static void
read_table (const char *file, gboolean tcp, GHashTable *inodes, GPtrArray *out)
{
  g_autofree char *path = g_build_filename ("/proc/net", file, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (char **line = lines + 1; *line != NULL && **line != '\0'; line++)
    {
      g_auto (GStrv) fields = g_strsplit_set (g_strstrip (*line), " ", -1);
      g_autoptr (GPtrArray) cols = g_ptr_array_new ();
      const char *local, *remote, *state, *inode, *colon;
      guint       port;

      for (char **p = fields; *p != NULL; p++)
        if (**p != '\0')
          g_ptr_array_add (cols, *p);
      if (cols->len < 10)
        continue;
      local = cols->pdata[1];
      remote = cols->pdata[2];
      state = cols->pdata[3];
      inode = cols->pdata[9];
      if (!g_hash_table_contains (inodes, inode))
        continue;
      if (tcp ? strcmp (state, "0A") != 0 : !g_str_has_suffix (remote, ":0000"))
        continue;
      colon = strrchr (local, ':');
      port = (guint) g_ascii_strtoull (colon + 1, NULL, 16);
      g_ptr_array_add (out,
                       g_strdup_printf ("%s %u (%.*s)", file, port, (int) (colon - local), local));
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
listening (void)
{
  g_autoptr (GHashTable) inodes = own_socket_inodes ();
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  static const char *tables[] = { "tcp", "tcp6", "udp", "udp6" };

  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    read_table (tables[i], i < 2, inodes, found);
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (", ", (char **) found->pdata);
}

/* The ports only, "tcp 1234, udp 1234", to compare with what is allowed. */
static char *
ports_only (const char *described)
{
  g_autoptr (GRegex) regex = g_regex_new (" \\([^)]*\\)", 0, 0, NULL);

  return g_regex_replace_literal (regex, described, -1, 0, "", 0, NULL);
}

static gboolean
listens (gpointer data)
{
  g_autofree char *now = listening ();

  return strstr (now, data) != NULL;
}

static void
check_session (GVariant *extra, gboolean lsd)
{
  g_autofree char *dir = spate_test_make_tmpdir ("listen");
  g_autofree char *before = listening ();
  g_autofree char *expected = NULL;
  g_autofree char *tcp = NULL;
  g_autofree char *now = NULL;
  g_autofree char *ports = NULL;
  g_autoptr (GError) error = NULL;
  SpateSession *session;
  int           port;

  /* The test itself listens on nothing. */
  g_test_message ("before: “%s”", before);
  g_assert_cmpstr (before, ==, "");

  session = spate_session_new (dir, spate_test_loopback_settings (0, extra), &error);
  g_assert_no_error (error);
  for (int i = 0; i < 100 && spate_session_get_listen_port (session) <= 0; i++)
    spate_test_spin_for (50);
  port = spate_session_get_listen_port (session);
  g_assert_cmpint (port, >, 0);
  tcp = g_strdup_printf ("tcp %d", port);
  g_assert_true (spate_test_spin_until (listens, tcp, 5000));
  spate_test_spin_for (lsd ? 1500 : 300);

  now = listening ();
  g_test_message ("listening: %s", now);
  ports = ports_only (now);
  if (lsd)
    expected = g_strdup_printf ("tcp %d, udp %d, udp 6771", port, port);
  else
    expected = g_strdup_printf ("tcp %d, udp %d", port, port);
  g_assert_cmpstr (ports, ==, expected);

  spate_test_engine_session_close (session);
  g_free (now);
  now = listening ();
  g_test_message ("after closing: “%s”", now);
  g_assert_cmpstr (now, ==, "");
  spate_test_rm_rf (dir);
}

static void
test_bittorrent_port_only (void)
{
  check_session (NULL, FALSE);
}

static void
test_with_dht_and_lsd (void)
{
  g_autoptr (GVariantDict) dict = g_variant_dict_new (NULL);

  g_variant_dict_insert (dict, "enable_dht", "b", TRUE);
  g_variant_dict_insert (dict, "enable_lsd", "b", TRUE);
  g_variant_dict_insert (dict, "enable_incoming_utp", "b", TRUE);
  g_variant_dict_insert (dict, "enable_outgoing_utp", "b", TRUE);
  check_session (g_variant_dict_end (dict), TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spate/listen/bittorrent-port-only", test_bittorrent_port_only);
  g_test_add_func ("/spate/listen/with-dht-and-lsd", test_with_dht_and_lsd);
  return g_test_run ();
}
