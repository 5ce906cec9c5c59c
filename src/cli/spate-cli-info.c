/* spate-cli-info.c: spate-cli info.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <stdio.h>

#include "spate-cli.h"

#define COMMAND "spate-cli info"

/* "1.5 MB (1500000 bytes)"; small sizes are exact already. */
static char *
format_bytes (gint64 bytes)
{
  g_autofree char *size = g_format_size ((guint64) bytes);

  if (bytes < 1000)
    return g_steal_pointer (&size);
  /* Translators: a size, then the exact number of bytes: "1.2 MB (1234567 bytes)". */
  return g_strdup_printf (_ ("%s (%lld bytes)"), size, (long long) bytes);
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_local (unix_seconds);

  return date ? g_date_time_format (date, "%Y-%m-%d %H:%M:%S %Z") : g_strdup ("?");
}

static void
print_text (SpateTorrentInfo *info)
{
  const char *v1 = spate_torrent_info_get_info_hash_v1 (info);
  const char *v2 = spate_torrent_info_get_info_hash_v2 (info);
  const char *comment = spate_torrent_info_get_comment (info);
  const char *creator = spate_torrent_info_get_creator (info);
  gint64      date = spate_torrent_info_get_creation_date (info);
  guint       n_trackers = spate_torrent_info_get_n_trackers (info);
  guint       n_web_seeds = spate_torrent_info_get_n_web_seeds (info);

  printf ("%-14s%s\n", _ ("Name:"), spate_torrent_info_get_name (info));
  if (v1 != NULL)
    printf ("%-14s%s\n", _ ("Info-hash v1:"), v1);
  if (v2 != NULL)
    printf ("%-14s%s\n", _ ("Info-hash v2:"), v2);

  if (spate_torrent_info_get_has_metadata (info))
    {
      g_autofree char *size = format_bytes (spate_torrent_info_get_total_size (info));
      g_autofree char *piece =
          g_format_size_full (spate_torrent_info_get_piece_length (info), G_FORMAT_SIZE_IEC_UNITS);

      printf ("%-14s%s\n", _ ("Size:"), size);
      printf ("%-14s%u × %s\n", _ ("Pieces:"), spate_torrent_info_get_num_pieces (info), piece);
      printf ("%-14s%s\n", _ ("Private:"),
              spate_torrent_info_get_is_private (info) ? _ ("yes") : _ ("no"));
    }
  else
    printf ("%-14s%s\n", _ ("Metadata:"), _ ("not in a magnet link; peers send it"));

  if (comment != NULL)
    printf ("%-14s%s\n", _ ("Comment:"), comment);
  if (creator != NULL)
    printf ("%-14s%s\n", _ ("Created by:"), creator);
  if (date > 0)
    {
      g_autofree char *when = format_date (date);
      printf ("%-14s%s\n", _ ("Created on:"), when);
    }

  if (spate_torrent_info_get_has_metadata (info))
    {
      printf ("%s\n", _ ("Files:"));
      for (guint i = 0; i < spate_torrent_info_get_n_files (info); i++)
        {
          const char      *path;
          gint64           size;
          gboolean         is_pad;
          g_autofree char *bytes = NULL;

          spate_torrent_info_get_file (info, i, &path, &size, &is_pad);
          if (is_pad)
            continue;
          bytes = format_bytes (size);
          /* The number is what "download --files" takes; pad files keep
           * theirs, hidden. */
          printf ("  %3u  %s  %s\n", i, path, bytes);
        }
    }

  if (n_trackers > 0)
    {
      printf ("%s\n", _ ("Trackers:"));
      for (guint i = 0; i < n_trackers; i++)
        {
          int         tier = 0;
          const char *url = spate_torrent_info_get_tracker (info, i, &tier);
          printf (_ ("  tier %d: %s\n"), tier, url);
        }
    }
  if (n_web_seeds > 0)
    {
      printf ("%s\n", _ ("Web seeds:"));
      for (guint i = 0; i < n_web_seeds; i++)
        printf ("  %s\n", spate_torrent_info_get_web_seed (info, i));
    }

  printf ("%-14s%s\n", _ ("Magnet:"), spate_torrent_info_get_magnet (info));
}

static void
json_member (GString *out, const char *name, const char *value)
{
  g_string_append_printf (out, ",\"%s\":", name);
  if (value != NULL)
    spate_cli_json_string (out, value);
  else
    g_string_append (out, "null");
}

static void
print_json (SpateTorrentInfo *info)
{
  g_autoptr (GString) out = g_string_new ("{\"name\":");
  gboolean has_metadata = spate_torrent_info_get_has_metadata (info);
  gint64   date = spate_torrent_info_get_creation_date (info);
  gboolean first = TRUE;

  spate_cli_json_string (out, spate_torrent_info_get_name (info));
  json_member (out, "info_hash_v1", spate_torrent_info_get_info_hash_v1 (info));
  json_member (out, "info_hash_v2", spate_torrent_info_get_info_hash_v2 (info));
  g_string_append_printf (out, ",\"has_metadata\":%s", has_metadata ? "true" : "false");
  if (has_metadata)
    g_string_append_printf (
        out,
        ",\"total_size\":%" G_GINT64_FORMAT ",\"num_pieces\":%u,\"piece_length\":%u,\"private\":%s",
        spate_torrent_info_get_total_size (info), spate_torrent_info_get_num_pieces (info),
        spate_torrent_info_get_piece_length (info),
        spate_torrent_info_get_is_private (info) ? "true" : "false");
  else
    g_string_append (out, ",\"total_size\":null,\"num_pieces\":null,\"piece_length\":null,"
                          "\"private\":null");
  json_member (out, "comment", spate_torrent_info_get_comment (info));
  json_member (out, "creator", spate_torrent_info_get_creator (info));
  if (date > 0)
    g_string_append_printf (out, ",\"creation_date\":%" G_GINT64_FORMAT, date);
  else
    g_string_append (out, ",\"creation_date\":null");

  g_string_append (out, ",\"files\":[");
  for (guint i = 0; i < spate_torrent_info_get_n_files (info); i++)
    {
      const char *path;
      gint64      size;
      gboolean    is_pad;

      spate_torrent_info_get_file (info, i, &path, &size, &is_pad);
      if (is_pad)
        continue;
      g_string_append_printf (out, "%s{\"index\":%u,\"path\":", first ? "" : ",", i);
      spate_cli_json_string (out, path);
      g_string_append_printf (out, ",\"size\":%" G_GINT64_FORMAT "}", size);
      first = FALSE;
    }

  g_string_append (out, "],\"trackers\":[");
  for (guint i = 0; i < spate_torrent_info_get_n_trackers (info); i++)
    {
      int         tier = 0;
      const char *url = spate_torrent_info_get_tracker (info, i, &tier);

      g_string_append (out, i > 0 ? ",{\"url\":" : "{\"url\":");
      spate_cli_json_string (out, url);
      g_string_append_printf (out, ",\"tier\":%d}", tier);
    }

  g_string_append (out, "],\"web_seeds\":[");
  for (guint i = 0; i < spate_torrent_info_get_n_web_seeds (info); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      spate_cli_json_string (out, spate_torrent_info_get_web_seed (info, i));
    }
  g_string_append (out, "]");
  json_member (out, "magnet", spate_torrent_info_get_magnet (info));
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

int
spate_cli_info (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (SpateTorrentInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  gboolean           json = FALSE;
  const char        *input;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print one JSON object"), NULL },
    { NULL },
  };

  context = g_option_context_new (_ ("TORRENT-FILE|MAGNET"));
  g_option_context_set_summary (context, _ ("Show what a torrent file or magnet link holds: name, "
                                            "info-hashes, size, files, trackers and web seeds."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!spate_cli_parse (context, COMMAND, &argc, &argv))
    return SPATE_CLI_USAGE;
  if (argc < 2)
    return spate_cli_usage (COMMAND, _ ("no torrent file or magnet link given"));
  if (argc > 2)
    return spate_cli_usage (COMMAND, _ ("one torrent file or magnet link at a time"));

  input = argv[1];
  if (g_str_has_prefix (input, "magnet:"))
    {
      info = spate_torrent_info_new_from_magnet (input, &error);
      if (info == NULL)
        return spate_cli_fail ("%s: %s", input, error->message);
    }
  else
    {
      info = spate_torrent_info_new_from_file (input, &error);
      if (info == NULL)
        return spate_cli_fail ("%s", error->message);
    }

  if (json)
    print_json (info);
  else
    print_text (info);
  return SPATE_CLI_OK;
}
