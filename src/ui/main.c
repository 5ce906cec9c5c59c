/* main.c: the desktop app's entry point.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>

#include "spate-application.h"
#include "spate-profiler.h"

int
main (int argc, char *argv[])
{
  g_autoptr (SpateApplication) app = NULL;
  int rc;

  spate_profiler_start ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = spate_application_new ();
  rc = g_application_run (G_APPLICATION (app), argc, argv);
  spate_profiler_stop ();
  return rc;
}
