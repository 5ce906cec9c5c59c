/* spate-bench-populate.c: fills a Spate data folder for bench/app.py.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds every .torrent a list names through the engine, as the app would,
 * then closes the session so that each torrent has its resume file and the
 * index is written. The list has one torrent per line: "paused PATH" or
 * "active PATH". The session itself stays paused throughout, so nothing
 * connects anywhere; the torrents' own flags are what the resume files keep.
 * Prints one JSON line with what it did.
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "spate-engine.h"

/* Resume files of 10,000 torrents take a while to reach the disk. */
#define CLOSE_TIMEOUT_MS (30 * 60 * 1000)

static GVariant *
loopback_settings (void)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "listen_interfaces",
                         g_variant_new_string ("127.0.0.1:0"));
  g_variant_builder_add (&builder, "{sv}", "enable_dht", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "enable_lsd", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "enable_upnp", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "enable_natpmp", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "dht_bootstrap_nodes", g_variant_new_string (""));
  return g_variant_builder_end (&builder);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *download_dir = NULL;
  g_autofree char *list_path = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (SpateSession) session = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  guint  n_paused = 0, n_active = 0;
  gint64 start, added, closed;

  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Spate data folder to fill", "DIR" },
    { "download-dir", 0, 0, G_OPTION_ARG_FILENAME, &download_dir, "Where the torrents' files go",
      "DIR" },
    { "list", 0, 0, G_OPTION_ARG_FILENAME, &list_path, "Torrents: lines of \"paused|active PATH\"",
      "FILE" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("spate-bench-populate: %s\n", error->message);
      return 2;
    }
  if (data_dir == NULL || download_dir == NULL || list_path == NULL)
    {
      g_printerr ("spate-bench-populate: --data-dir, --download-dir and --list are required\n");
      return 2;
    }
  if (!g_file_get_contents (list_path, &contents, NULL, &error))
    {
      g_printerr ("spate-bench-populate: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (contents, "\n", -1);

  start = g_get_monotonic_time ();
  session = spate_session_new (data_dir, loopback_settings (), &error);
  if (session == NULL)
    {
      g_printerr ("spate-bench-populate: %s\n", error->message);
      return 1;
    }
  spate_session_pause (session);
  spate_session_set_download_dir (session, download_dir);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      SpateAddOptions options = { 0 };
      const char     *line = lines[i];
      const char     *path;

      if (line[0] == '\0')
        continue;
      if (g_str_has_prefix (line, "paused "))
        options.paused = TRUE;
      else if (!g_str_has_prefix (line, "active "))
        {
          g_printerr ("spate-bench-populate: %s:%u: not \"paused|active PATH\"\n", list_path,
                      i + 1);
          return 1;
        }
      path = strchr (line, ' ') + 1;
      if (spate_session_add_file (session, path, &options, &error) == NULL)
        {
          g_printerr ("spate-bench-populate: %s: %s\n", path, error->message);
          return 1;
        }
      if (options.paused)
        n_paused++;
      else
        n_active++;
      /* Let the alerts of the adds (and the saves they ask for) flow. */
      if (i % 100 == 99)
        drain ();
    }
  drain ();
  added = g_get_monotonic_time ();

  if (!spate_session_close (session, CLOSE_TIMEOUT_MS, &error))
    {
      g_printerr ("spate-bench-populate: closing: %s\n", error->message);
      return 1;
    }
  closed = g_get_monotonic_time ();

  printf ("{\"paused\":%u,\"active\":%u,\"add_s\":%.3f,\"close_s\":%.3f}\n", n_paused, n_active,
          (added - start) / 1e6, (closed - added) / 1e6);
  return 0;
}
