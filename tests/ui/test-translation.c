/* test-translation.c: the app in German finds its German strings: the
 * window, its sidebar and the preferences, as a person with LANGUAGE=de
 * sees them.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>

#include "preferences/spate-preferences-window.h"
#include "spate-application.h"
#include "spate-test-app.h"
#include "spate-test-engine.h"
#include "spate-window.h"

static struct
{
  char             *root;
  SpateApplication *app;
  SpateWindow      *window;
} t;

/* The German text of msgid, which must have one. */
static const char *
german (const char *msgid)
{
  const char *text = g_dgettext ("spate", msgid);

  if (g_strcmp0 (text, msgid) == 0)
    g_error ("“%s” has no German translation in %s", msgid, g_getenv ("SPATE_LOCALEDIR"));
  return text;
}

static void
test_window (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shot = NULL;
  const char      *strings[] = { "All", "Downloading", "Seeding", "Paused", "Active" };
  GtkWindow       *preferences;

  g_application_activate (G_APPLICATION (t.app));
  t.window = SPATE_WINDOW (spate_test_wait_toplevel (SPATE_TYPE_WINDOW, NULL, 5000));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1000, 640);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *text = german (strings[i]);

      if (spate_test_find_widget (GTK_WIDGET (t.window), GTK_TYPE_LABEL, text) == NULL)
        g_error ("No label in the window says “%s” (for “%s”)", text, strings[i]);
    }
  shot = spate_test_screenshot (GTK_WIDGET (t.window), "window-de");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "app.preferences", NULL));
  preferences = spate_test_wait_toplevel (SPATE_TYPE_PREFERENCES_WINDOW, NULL, 5000);
  g_assert_nonnull (preferences);
  g_assert_cmpstr (gtk_window_get_title (preferences), ==, german ("Preferences"));
  g_assert_nonnull (
      spate_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_LABEL, german ("Connection")));
  g_clear_pointer (&shot, g_free);
  shot = spate_test_screenshot (GTK_WIDGET (preferences), "preferences-de");
  gtk_window_destroy (preferences);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  int rc;

  /* German messages; numbers and dates as in the C locale. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  t.root = spate_test_app_isolate ();
  setlocale (LC_ALL, "");
  bindtextdomain ("spate", g_getenv ("SPATE_LOCALEDIR"));
  bind_textdomain_codeset ("spate", "UTF-8");
  textdomain ("spate");
  g_test_init (&argc, &argv, NULL);

  settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_value (settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));
  t.app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t.app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/spate/translation/window", test_window);
  rc = g_test_run ();

  if (t.window != NULL)
    gtk_window_destroy (GTK_WINDOW (t.window));
  g_application_quit (G_APPLICATION (t.app));
  g_clear_object (&t.app);
  spate_test_rm_rf (t.root);
  g_free (t.root);
  return rc;
}
