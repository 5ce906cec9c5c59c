/* spate-cli-create.c: spate-cli create.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "spate-cli.h"

#define COMMAND        "spate-cli create"
#define MIN_PIECE_SIZE (16 * 1024)
#define MAX_PIECE_SIZE (256 * 1024 * 1024)
#define BAR_WIDTH      30

typedef struct
{
  gboolean live;
  gboolean drawn;
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} Create;

/* "16K", "4M", "4MiB", "65536": bytes, or 0 when it is not a size. */
static guint64
parse_size (const char *text)
{
  g_autofree char *number = NULL;
  const char      *unit = text;
  guint64          value, scale = 1;

  while (g_ascii_isdigit (*unit))
    unit++;
  if (unit == text)
    return 0;
  number = g_strndup (text, unit - text);
  switch (g_ascii_toupper (*unit))
    {
    case '\0':
      break;
    case 'K':
      scale = 1024;
      break;
    case 'M':
      scale = 1024 * 1024;
      break;
    case 'G':
      scale = 1024 * 1024 * 1024;
      break;
    default:
      return 0;
    }
  /* After the letter only "B" or "iB" may follow: "4M", "4MB", "4MiB". */
  if (*unit != '\0' && *++unit != '\0' && g_ascii_strcasecmp (unit, "B") != 0 &&
      g_ascii_strcasecmp (unit, "iB") != 0)
    return 0;
  if (!g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT32, &value, NULL))
    return 0;
  return value * scale;
}

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Create *c = user_data;
  char    bar[BAR_WIDTH + 1];
  guint   filled = total > 0 ? (guint) ((guint64) done * BAR_WIDTH / total) : 0;

  if (!c->live)
    return;
  for (guint i = 0; i < BAR_WIDTH; i++)
    bar[i] = i < filled ? '#' : ' ';
  bar[BAR_WIDTH] = '\0';
  /* Back to the line's start, then the bar over what was there. */
  fputc ('\r', stdout);
  printf (_ ("Hashing [%s] %3u%%  %u/%u pieces"), bar,
          total > 0 ? (guint) ((guint64) done * 100 / total) : 0, done, total);
  fflush (stdout);
  c->drawn = TRUE;
}

static void
on_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Create *c = user_data;

  c->bytes = spate_torrent_create_finish (result, &c->error);
  c->done = TRUE;
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static int
run (const SpateCreateOptions *options, const char *out, gboolean force)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SpateTorrentInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *size = NULL;
  Create           c = { 0 };
  const char      *v1, *v2;
  guint            sigint, sigterm;
  const char      *data;
  gsize            length;

  if (!force && g_file_test (out, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    return spate_cli_fail (_ ("%s exists already; add --force to replace it"), out);

  c.live = spate_cli_stdout_is_tty ();
  sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  spate_torrent_create_async (options, on_progress, &c, cancellable, on_created, &c);
  spate_cli_wait (&c.done, 0);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (c.drawn)
    printf ("\n");

  if (c.bytes == NULL)
    {
      g_autoptr (GError) failure = c.error;
      return spate_cli_fail ("%s", failure->message);
    }

  /* Asked again: another program may have made it while we hashed. */
  if (!force && g_file_test (out, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    {
      g_bytes_unref (c.bytes);
      return spate_cli_fail (_ ("%s exists already; add --force to replace it"), out);
    }
  data = g_bytes_get_data (c.bytes, &length);
  if (!g_file_set_contents (out, data, length, &error))
    {
      g_bytes_unref (c.bytes);
      return spate_cli_fail (_ ("Could not write %s: %s"), out, error->message);
    }

  info = spate_torrent_info_new_from_bytes (c.bytes, &error);
  g_bytes_unref (c.bytes);
  if (info == NULL)
    return spate_cli_fail ("%s", error->message);

  size = g_format_size (spate_torrent_info_get_total_size (info));
  printf (_ ("Created %s: “%s”, %s in %u pieces\n"), out, spate_torrent_info_get_name (info), size,
          spate_torrent_info_get_num_pieces (info));
  v1 = spate_torrent_info_get_info_hash_v1 (info);
  v2 = spate_torrent_info_get_info_hash_v2 (info);
  if (v1 != NULL)
    printf ("%-14s%s\n", _ ("Info-hash v1:"), v1);
  if (v2 != NULL)
    printf ("%-14s%s\n", _ ("Info-hash v2:"), v2);
  printf ("%-14s%s\n", _ ("Magnet:"), spate_torrent_info_get_magnet (info));
  return SPATE_CLI_OK;
}

int
spate_cli_create (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *out = NULL;
  g_autofree char *piece_size = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *source = NULL;
  g_auto (GStrv) trackers = NULL;
  g_auto (GStrv) web_seeds = NULL;
  gboolean           is_private = FALSE, force = FALSE;
  gboolean           v1 = FALSE, v2 = FALSE, hybrid = FALSE;
  SpateCreateOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write the torrent to FILE (required)"),
      "FILE" },
    { "tracker", 't', 0, G_OPTION_ARG_STRING_ARRAY, &trackers,
      N_ ("Announce to URL; repeat for more (each its own tier)"), "URL" },
    { "web-seed", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &web_seeds,
      N_ ("Add a web seed (BEP 19); repeat for more"), "URL" },
    { "piece-size", 0, 0, G_OPTION_ARG_STRING, &piece_size,
      N_ ("Piece size: a power of two from 16K to 256M (default: by size)"), "SIZE" },
    { "private", 0, 0, G_OPTION_ARG_NONE, &is_private,
      N_ ("Private torrent: trackers only, no DHT or peer exchange"), NULL },
    { "v1", 0, 0, G_OPTION_ARG_NONE, &v1, N_ ("BitTorrent v1 only"), NULL },
    { "v2", 0, 0, G_OPTION_ARG_NONE, &v2, N_ ("BitTorrent v2 only"), NULL },
    { "hybrid", 0, 0, G_OPTION_ARG_NONE, &hybrid, N_ ("Both v1 and v2 (the default)"), NULL },
    { "comment", 'c', 0, G_OPTION_ARG_STRING, &comment, N_ ("Add a comment"), "TEXT" },
    { "creator", 0, 0, G_OPTION_ARG_STRING, &creator, N_ ("Say who made it (default: Spate)"),
      "TEXT" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_ ("Set the info dict's source (some private trackers ask for it)"), "TEXT" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE if it exists"), NULL },
    { NULL },
  };

  context = g_option_context_new (_ ("PATH"));
  g_option_context_set_summary (context, _ ("Create a torrent file from a file or folder."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!spate_cli_parse (context, COMMAND, &argc, &argv))
    return SPATE_CLI_USAGE;

  if (argc < 2)
    return spate_cli_usage (COMMAND, _ ("no file or folder to share given"));
  if (argc > 2)
    return spate_cli_usage (COMMAND, _ ("one file or folder at a time"));
  if (out == NULL || *out == '\0')
    return spate_cli_usage (COMMAND, _ ("--output FILE is required"));
  if ((v1 ? 1 : 0) + (v2 ? 1 : 0) + (hybrid ? 1 : 0) > 1)
    return spate_cli_usage (COMMAND, _ ("choose one of --v1, --v2 and --hybrid"));
  if (piece_size != NULL)
    {
      guint64 bytes = parse_size (piece_size);

      if (bytes < MIN_PIECE_SIZE || bytes > MAX_PIECE_SIZE || (bytes & (bytes - 1)) != 0)
        return spate_cli_usage (
            COMMAND, _ ("--piece-size %s: must be a power of two from 16K to 256M (e.g. 16K, 4M)"),
            piece_size);
      options.piece_size = (guint) bytes;
    }

  options.path = argv[1];
  options.format = v1 ? SPATE_CREATE_V1 : v2 ? SPATE_CREATE_V2 : SPATE_CREATE_HYBRID;
  options.trackers = (const char * const *) trackers;
  options.web_seeds = (const char * const *) web_seeds;
  options.is_private = is_private;
  options.comment = comment;
  options.creator = creator;
  options.source = source;
  return run (&options, out, force);
}
