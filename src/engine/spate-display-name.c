/* spate-display-name.c: names safe to show a person.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A torrent names its files as it likes: U+202E turns "gpj.exe" around
 * into what looks like a picture, an isolate hides text, an escape byte
 * reaches a terminal through a log line. libtorrent drops some of these
 * from paths (U+200E, U+200F, U+202A–U+202E) but not all, and never from
 * a magnet link's name.
 */

#include "spate-display-name.h"

#define REPLACEMENT 0xFFFD

typedef enum
{
  KEEP,
  DROP,
  REPLACE,
} Verdict;

static Verdict
judge (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_FORMAT:
      /* Zero-width (non-)joiners shape Persian, Indic and emoji text. */
      return c == 0x200C || c == 0x200D ? KEEP : DROP;
    case G_UNICODE_CONTROL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return REPLACE;
    default:
      return KEEP;
    }
}

gboolean
spate_display_name_is_clean (const char *name)
{
  if (name == NULL)
    return TRUE;
  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (judge (g_utf8_get_char (p)) != KEEP)
      return FALSE;
  return TRUE;
}

char *
spate_display_name (const char *name)
{
  g_autofree char *valid = NULL;
  GString         *out;

  if (name == NULL)
    return NULL;
  if (spate_display_name_is_clean (name))
    return g_strdup (name);

  valid = g_utf8_make_valid (name, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (judge (c))
        {
        case KEEP:
          g_string_append_unichar (out, c);
          break;
        case REPLACE:
          g_string_append_unichar (out, REPLACEMENT);
          break;
        case DROP:
          break;
        }
    }
  return g_string_free (out, FALSE);
}
