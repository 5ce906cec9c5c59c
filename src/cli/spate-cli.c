/* spate-cli.c: the command line's entry point.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "spate-cli.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "download", spate_cli_download, N_ ("Download torrents, magnet links or URLs") },
  { "info", spate_cli_info, N_ ("Show what a torrent file or magnet link holds") },
  { "create", spate_cli_create, N_ ("Create a torrent file from a file or folder") },
  { "dht", spate_cli_dht, N_ ("Store and fetch BEP 44 items in the DHT") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _ ("Usage: spate-cli COMMAND [OPTION…] [ARGUMENT…]"),
           _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (out, "\n%s\n", _ ("Run “spate-cli COMMAND --help” for a command’s options."));
}

int
main (int argc, char **argv)
{
  g_autofree char *name = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("spate-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return SPATE_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return SPATE_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("spate-cli %s\n", SPATE_VERSION);
      return SPATE_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* Subcommands see "spate-cli NAME" as their program name. */
        name = g_strdup_printf ("spate-cli %s", commands[i].name);
        argv[1] = name;
        /* --help then reads "Usage: spate-cli download [OPTION…]". */
        g_set_prgname (name);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_ ("spate-cli: no command named “%s”; see “spate-cli --help”\n"), argv[1]);
  return SPATE_CLI_USAGE;
}
