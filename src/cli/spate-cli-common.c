/* spate-cli-common.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "spate-cli.h"

int
spate_cli_fail (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line, whatever the message held. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "spate-cli: %s\n", message);
  return SPATE_CLI_FAILED;
}

int
spate_cli_usage (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "%s: %s (see “%s --help”)\n", command, message, command);
  return SPATE_CLI_USAGE;
}

gboolean
spate_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  spate_cli_usage (command, "%s", error->message);
  return FALSE;
}

GVariant *
spate_cli_session_settings (int port, gboolean loopback, char **settings, GError **error)
{
  g_auto (GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  if (loopback)
    {
      /* Nothing leaves the machine: for tests, benchmarks and LAN scripts. */
      g_autofree char *listen = g_strdup_printf ("127.0.0.1:%d", port);
      g_variant_dict_insert (&dict, "listen_interfaces", "s", listen);
      g_variant_dict_insert (&dict, "enable_dht", "b", FALSE);
      g_variant_dict_insert (&dict, "dht_bootstrap_nodes", "s", "");
      g_variant_dict_insert (&dict, "enable_lsd", "b", FALSE);
      g_variant_dict_insert (&dict, "enable_upnp", "b", FALSE);
      g_variant_dict_insert (&dict, "enable_natpmp", "b", FALSE);
      g_variant_dict_insert (&dict, "allow_multiple_connections_per_ip", "b", TRUE);
      g_variant_dict_insert (&dict, "announce_to_all_trackers", "b", TRUE);
      g_variant_dict_insert (&dict, "stop_tracker_timeout", "i", 1);
      g_variant_dict_insert (&dict, "min_reconnect_time", "i", 1);
    }
  else if (port > 0)
    {
      g_autofree char *listen = g_strdup_printf ("0.0.0.0:%d,[::]:%d", port, port);
      g_variant_dict_insert (&dict, "listen_interfaces", "s", listen);
    }

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      const char      *eq = strchr (settings[i], '=');
      g_autofree char *name = NULL;
      GVariant        *value;

      if (eq == NULL || eq == settings[i])
        {
          g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, _ ("“%s” is not NAME=VALUE"),
                       settings[i]);
          return NULL;
        }
      name = g_strndup (settings[i], eq - settings[i]);
      value = spate_setting_value_from_string (name, eq + 1, error);
      if (value == NULL)
        return NULL;
      g_variant_dict_insert_value (&dict, name, value);
    }
  return g_variant_dict_end (&dict);
}

void
spate_cli_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        spate_cli_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
spate_cli_json_string (GString *out, const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value ? value : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

gboolean
spate_cli_stdout_is_tty (void)
{
  return isatty (STDOUT_FILENO);
}

static gboolean
on_wait_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
spate_cli_wait (gboolean *done, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint    id = 0;

  if (timeout_ms > 0)
    id = g_timeout_add (timeout_ms, on_wait_timeout, &timed_out);
  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out && id != 0)
    g_source_remove (id);
  return *done;
}
