/* spate-cli.h: what the spate-cli subcommands share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-engine.h"

G_BEGIN_DECLS

/* Exit codes: success, a failed job or bad input, bad usage. */
enum
{
  SPATE_CLI_OK = 0,
  SPATE_CLI_FAILED = 1,
  SPATE_CLI_USAGE = 2,
};

/* Each subcommand gets argv with argv[0] = "spate-cli NAME". */
int spate_cli_download (int argc, char **argv);
int spate_cli_info (int argc, char **argv);
int spate_cli_create (int argc, char **argv);
int spate_cli_dht (int argc, char **argv);

/* One line on stderr, "spate-cli: …"; returns SPATE_CLI_FAILED. */
int spate_cli_fail (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* A GOptionContext error or a usage mistake; returns SPATE_CLI_USAGE. */
int spate_cli_usage (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Parses options; on failure prints and returns FALSE (exit with SPATE_CLI_USAGE). */
gboolean spate_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv);

/* Settings every subcommand that starts a session understands:
 * --port, --loopback, --setting NAME=VALUE. Returns an a{sv} or NULL with
 * an error naming the bad setting. */
GVariant *spate_cli_session_settings (int port, gboolean loopback, char **settings, GError **error);

/* Removes a temporary state folder and everything in it (symbolic links
 * are removed, not followed). */
void spate_cli_remove_tree (const char *path);

/* JSON output without a JSON library: a string literal, escaped. */
void spate_cli_json_string (GString *out, const char *value);

/* A terminal gets a live line; anything else gets plain lines. */
gboolean spate_cli_stdout_is_tty (void);

/* Runs the default main context until *done is set or timeout_ms passes
 * (0: no limit). Returns *done. */
gboolean spate_cli_wait (gboolean *done, guint timeout_ms);

G_END_DECLS
