/* spate-fuzz.h: what the libFuzzer targets share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Makes warnings and criticals abort, so libFuzzer reports them as crashes:
 * hostile input must never reach a GLib precondition. */
void spate_fuzz_init (void);

/* A NUL-terminated copy of the input, for parsers that take C strings. */
char *spate_fuzz_strndup (const guint8 *data, size_t size);

G_END_DECLS
