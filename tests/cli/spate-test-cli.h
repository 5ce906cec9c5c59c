/* spate-test-cli.h: running the built spate-cli from the cli tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int    status; /* exit code; 128 + signal when killed */
  char  *out;
  char  *err;
  gint64 elapsed_ms;
} SpateTestRun;

void spate_test_run_clear (SpateTestRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpateTestRun, spate_test_run_clear)

void spate_test_run_cli (SpateTestRun       *run,
                         const char * const *args,
                         const char         *tmpdir,
                         guint               timeout_ms,
                         guint               interrupt_after_ms);

void spate_test_assert_cli_failed (SpateTestRun *run, int status, const char *needle);

G_END_DECLS
