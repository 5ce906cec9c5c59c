/* spate-test-cli.c: running the built spate-cli from the cli tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include "spate-test-cli.h"

typedef struct
{
  SpateTestRun *run;
  GSubprocess  *proc;
  guint         kill_timer;
  guint         interrupt_timer;
} Child;

void
spate_test_run_clear (SpateTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer data)
{
  GSubprocess  *proc = G_SUBPROCESS (source);
  SpateTestRun *run = data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8_finish (proc, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc)
                                                  : 128 + g_subprocess_get_term_sig (proc);
}

static gboolean
on_too_long (gpointer data)
{
  Child *child = data;

  g_subprocess_force_exit (child->proc);
  child->kill_timer = 0;
  return G_SOURCE_REMOVE;
}

/* TRUE once the process catches SIGINT (its handler is installed), or
 * when /proc cannot say. */
static gboolean
catches_sigint (GSubprocess *proc)
{
  const char      *id = g_subprocess_get_identifier (proc);
  g_autofree char *path = NULL;
  g_autofree char *status = NULL;
  const char      *line;
  guint64          mask;

  if (id == NULL)
    return TRUE;
  path = g_strdup_printf ("/proc/%s/status", id);
  if (!g_file_get_contents (path, &status, NULL, NULL))
    return TRUE;
  line = strstr (status, "SigCgt:");
  if (line == NULL)
    return TRUE;
  mask = g_ascii_strtoull (line + strlen ("SigCgt:"), NULL, 16);
  return (mask & (G_GUINT64_CONSTANT (1) << (SIGINT - 1))) != 0;
}

/* Polled once interrupt_after_ms has passed: Ctrl-C goes as soon as the
 * process has a handler for it. */
static gboolean
on_interrupt (gpointer data)
{
  Child *child = data;

  if (!catches_sigint (child->proc))
    return G_SOURCE_CONTINUE;
  g_subprocess_send_signal (child->proc, SIGINT);
  child->interrupt_timer = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
on_interrupt_due (gpointer data)
{
  Child *child = data;

  child->interrupt_timer = g_timeout_add (1, on_interrupt, child);
  return G_SOURCE_REMOVE;
}

/* Runs $SPATE_CLI with args (NULL-terminated); tmpdir is TMPDIR for the
 * child, or NULL; killed after timeout_ms; interrupt_after_ms > 0 sends
 * SIGINT once that long has passed and the child catches SIGINT. */
void
spate_test_run_cli (SpateTestRun       *run,
                    const char * const *args,
                    const char         *tmpdir,
                    guint               timeout_ms,
                    guint               interrupt_after_ms)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *command = NULL;
  gint64           start = g_get_monotonic_time ();
  Child            child = { run, NULL, 0, 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("SPATE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  run->status = -1;
  run->out = run->err = NULL;
  run->elapsed_ms = 0;
  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (tmpdir != NULL)
    g_subprocess_launcher_setenv (launcher, "TMPDIR", tmpdir, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  child.proc = proc;
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, on_communicated, run);
  child.kill_timer = g_timeout_add (timeout_ms, on_too_long, &child);
  if (interrupt_after_ms > 0)
    child.interrupt_timer = g_timeout_add (interrupt_after_ms, on_interrupt_due, &child);
  while (run->status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&child.kill_timer, g_source_remove);
  g_clear_handle_id (&child.interrupt_timer, g_source_remove);
  run->elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  command = g_strjoinv (" ", (char **) args);
  g_test_message ("spate-cli %s -> %d in %" G_GINT64_FORMAT " ms\nstdout: %s\nstderr: %s", command,
                  run->status, run->elapsed_ms, run->out, run->err);
}

/* Exit status with exactly one line on stderr that holds needle. */
void
spate_test_assert_cli_failed (SpateTestRun *run, int status, const char *needle)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_cmpint (run->status, ==, status);
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_nonnull (strstr (run->err, needle));
}
