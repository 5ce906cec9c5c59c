/* spate-fuzz.c: what the libFuzzer targets share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-fuzz.h"

#include <stdlib.h>
#include <string.h>

/* GLib's fatal logs end in SIGTRAP, which libFuzzer does not catch; abort()
 * makes it save the input. */
static GLogWriterOutput
abort_on_warning (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  g_log_writer_default (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
spate_fuzz_init (void)
{
  g_log_set_writer_func (abort_on_warning, NULL, NULL);
}

char *
spate_fuzz_strndup (const guint8 *data, size_t size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
