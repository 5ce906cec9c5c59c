/* spate-application.c: the desktop app: one instance, one engine.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-application.h"

#include <glib/gi18n.h>

#include "preferences/spate-preferences-window.h"
#include "spate-notifier.h"
#include "spate-profiler.h"
#include "spate-resources.h"
#include "spate-settings-bridge.h"
/* settings-binder-includes */
#include "spate-ip-filter-binding.h"
#include "spate-watch-folder.h"
#include "spate-speed-scheduler.h"
#include "spate-advanced-binding.h"
#include "spate-window.h"

/* How long quitting may wait for resume data to reach the disk. */
#define CLOSE_TIMEOUT_MS 10000

struct _SpateApplication
{
  AdwApplication parent_instance;

  SpateSession  *session;
  GSettings     *settings;
  SpateNotifier *notifier;
  /* What applies the preferences to the session: the bridge first, then
   * binders of their own areas. Dropped before the session closes. */
  GPtrArray *binders;
  gboolean   in_background;
  gboolean   restore_started;
};

G_DEFINE_FINAL_TYPE (SpateApplication, spate_application, ADW_TYPE_APPLICATION)

static SpateWindow *
get_window (SpateApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (SPATE_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

static SpateWindow *
ensure_window (SpateApplication *self)
{
  SpateWindow *window = get_window (self);

  if (window == NULL)
    {
      window = spate_window_new (self);
      /* Torrents come back a batch at a time, after the first frame. */
      if (!self->restore_started)
        {
          self->restore_started = TRUE;
          spate_session_restore (self->session);
        }
    }
  return window;
}

static void
leave_background (SpateApplication *self)
{
  if (!self->in_background)
    return;
  self->in_background = FALSE;
  g_application_release (G_APPLICATION (self));
}

static void
show_fatal_error (SpateApplication *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, body);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_download_dir (SpateApplication *self)
{
  g_autofree char *dir = g_settings_get_string (self->settings, "download-dir");
  const char      *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  /* Empty means the desktop's download folder, as the engine chooses it. */
  if (dir[0] == '\0')
    {
      g_free (dir);
      dir = downloads != NULL ? g_strdup (downloads)
                              : g_build_filename (g_get_home_dir (), "Downloads", NULL);
    }
  spate_session_set_download_dir (self->session, dir);
}

/* A port of Spate's own, picked once from the dynamic range (49152–65535)
 * and kept, so a router's forwarding and peers' memory of it stay good. */
static void
fix_listen_port (SpateApplication *self)
{
  if (g_settings_get_int (self->settings, "listen-port") == 0)
    g_settings_set_int (self->settings, "listen-port", g_random_int_range (49152, 65536));
}

static void
start_session (SpateApplication *self)
{
  g_autoptr (GVariant) overrides = g_settings_get_value (self->settings, "libtorrent-settings");
  g_autoptr (GVariant) from_keys = NULL;
  g_auto (GVariantDict) merged = G_VARIANT_DICT_INIT (NULL);
  g_autoptr (GVariant) settings = NULL;
  g_autoptr (GError) error = NULL;
  GVariantIter iter;
  const char  *name;
  GVariant    *value;

  fix_listen_port (self);
  from_keys = g_variant_ref_sink (spate_settings_bridge_build_lt_settings (self->settings));
  g_variant_iter_init (&iter, from_keys);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    g_variant_dict_insert_value (&merged, name, value);
  /* The Advanced page's overrides win over what the pages' keys say. */
  g_variant_iter_init (&iter, overrides);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    g_variant_dict_insert_value (&merged, name, value);
  settings = g_variant_ref_sink (g_variant_dict_end (&merged));

  self->session = spate_session_new (NULL, settings, &error);
  if (self->session == NULL && !g_error_matches (error, SPATE_ERROR, SPATE_ERROR_LOCKED))
    {
      /* A setting libtorrent refuses must not keep Spate from starting. */
      g_message ("Starting without the saved libtorrent settings: %s", error->message);
      g_clear_error (&error);
      self->session = spate_session_new (NULL, NULL, &error);
    }
  if (self->session == NULL)
    {
      g_autofree char *body =
          g_strdup_printf (_ ("Another program is using Spate’s data folder: %s"), error->message);

      show_fatal_error (self, _ ("Spate Is Already Running"), body);
      return;
    }

  apply_download_dir (self);
  self->notifier = spate_notifier_new (G_APPLICATION (self), self->session, self->settings);
  self->binders = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->binders, spate_settings_bridge_new (self->session, self->settings));
  /* settings-binders */
  g_ptr_array_add (self->binders, spate_ip_filter_binding_new (self->session, self->settings));
  g_ptr_array_add (self->binders, spate_watch_folder_new (self->session, self->settings));
  g_ptr_array_add (self->binders, spate_speed_scheduler_new (self->session, self->settings));
  spate_speed_scheduler_add_alt_speed_action (G_ACTION_MAP (self), self->settings);
  g_ptr_array_add (self->binders, spate_advanced_binding_new (self->session, self->settings));
  g_signal_connect_object (self->settings, "changed::download-dir", G_CALLBACK (apply_download_dir),
                           self, G_CONNECT_SWAPPED);
}

static void
spate_application_startup (GApplication *app)
{
  SpateApplication *self = SPATE_APPLICATION (app);

  G_APPLICATION_CLASS (spate_application_parent_class)->startup (app);

  /* The resources live in a static library; naming them links them in. */
  g_assert (spate_get_resource () != NULL);

  self->settings = g_settings_new (APP_ID);
  start_session (self);
}

static void
spate_application_activate (GApplication *app)
{
  SpateApplication *self = SPATE_APPLICATION (app);

  if (self->session == NULL)
    return;
  leave_background (self);
  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
spate_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  SpateApplication *self = SPATE_APPLICATION (app);
  SpateWindow      *window;

  if (self->session == NULL)
    return;
  leave_background (self);
  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));

  /* Handed over from outside: the add dialog always asks first. */
  for (int i = 0; i < n_files; i++)
    spate_window_open_file (window, files[i], !spate_profiler_open_directly ());
}

static int
spate_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Spate %s\n", SPATE_VERSION);
      return 0;
    }
  return G_APPLICATION_CLASS (spate_application_parent_class)->handle_local_options (app, options);
}

static void
spate_application_shutdown (GApplication *app)
{
  SpateApplication *self = SPATE_APPLICATION (app);
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->notifier);
  g_clear_pointer (&self->binders, g_ptr_array_unref);
  if (self->session != NULL && !spate_session_close (self->session, CLOSE_TIMEOUT_MS, &error))
    g_printerr ("Spate: %s\n", error->message);

  G_APPLICATION_CLASS (spate_application_parent_class)->shutdown (app);
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SpateApplication *self = user_data;
  SpateWindow      *window = get_window (self);

  /* Closing every window lets GApplication stop; shutdown saves. */
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  leave_background (self);
  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SpateApplication *self = user_data;
  const char       *developers[] = { "The Spate authors", NULL };
  GtkWidget        *about;

  about =
      g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for",
                    gtk_application_get_active_window (GTK_APPLICATION (self)), "application-name",
                    _ ("Spate"), "application-icon", APP_ID, "version", SPATE_VERSION, "comments",
                    _ ("Download and share files over BitTorrent"), "developers", developers,
                    "copyright", "© 2026 The Spate authors", "license-type", GTK_LICENSE_GPL_3_0,
                    "issue-url", "https://github.com/spate/spate/issues", NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SpateApplication       *self = user_data;
  SpatePreferencesWindow *preferences;

  preferences = spate_preferences_window_new (
      gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "about", .activate = about_activated },
};

static void
spate_application_dispose (GObject *object)
{
  SpateApplication *self = SPATE_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_pointer (&self->binders, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (spate_application_parent_class)->dispose (object);
}

static void
spate_application_class_init (SpateApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = spate_application_dispose;
  app_class->startup = spate_application_startup;
  app_class->activate = spate_application_activate;
  app_class->open = spate_application_open;
  app_class->handle_local_options = spate_application_handle_local_options;
  app_class->shutdown = spate_application_shutdown;
}

static void
spate_application_init (SpateApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
    { NULL },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

SpateApplication *
spate_application_new (void)
{
  return g_object_new (SPATE_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/io/github/spate/Spate",
                       NULL);
}

SpateSession *
spate_application_get_session (SpateApplication *self)
{
  g_return_val_if_fail (SPATE_IS_APPLICATION (self), NULL);
  return self->session;
}

GSettings *
spate_application_get_settings (SpateApplication *self)
{
  g_return_val_if_fail (SPATE_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
background_requested (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  /* Without the portal (outside a sandbox, no xdg-desktop-portal) the
   * process simply keeps running. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_debug ("Background portal: %s", error->message);
}

void
spate_application_run_in_background (SpateApplication *self)
{
  GDBusConnection *bus;
  GVariantBuilder  options;
  SpateWindow     *window;

  g_return_if_fail (SPATE_IS_APPLICATION (self));

  if (!self->in_background)
    {
      self->in_background = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  window = get_window (self);
  if (window != NULL)
    gtk_widget_set_visible (GTK_WIDGET (window), FALSE);

  bus = g_application_get_dbus_connection (G_APPLICATION (self));
  if (bus == NULL)
    return;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_ ("Spate keeps downloading and sharing")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, background_requested, NULL);
}

gpointer
spate_application_get_binder (SpateApplication *self, GType type)
{
  g_return_val_if_fail (SPATE_IS_APPLICATION (self), NULL);

  for (guint i = 0; self->binders != NULL && i < self->binders->len; i++)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (self->binders->pdata[i], type))
        return self->binders->pdata[i];
    }
  return NULL;
}
