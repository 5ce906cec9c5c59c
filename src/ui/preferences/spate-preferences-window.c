/* spate-preferences-window.c: the preferences, bound live to GSettings.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-preferences-window.h"

#include <glib/gi18n.h>

/* preferences-page-includes */
#include "spate-prefs-advanced-page.h"
#include "spate-prefs-bittorrent-page.h"
#include "spate-prefs-common.h"
#include "spate-prefs-connection-page.h"
#include "spate-prefs-downloads-page.h"
#include "spate-prefs-privacy-page.h"
#include "spate-prefs-speed-page.h"

struct _SpatePreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings          *settings;
  SpatePrefsBindings *bindings; /* the General page's */

  /* General */
  GtkSwitch   *notifications_switch;
  AdwComboRow *run_in_background_row;
};

G_DEFINE_FINAL_TYPE (SpatePreferencesWindow, spate_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The values of a string key, in the order of its combo row's items. */
static const char * const run_in_background_choices[] = { "ask", "always", "never", NULL };

/* --------------------------------------------------------------- pages */

static void
bind_general_page (SpatePreferencesWindow *self)
{
  self->bindings = spate_prefs_bindings_new (self->settings);
  spate_prefs_bind (self->bindings, "notifications", self->notifications_switch, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind_choice (self->bindings, "run-in-background", self->run_in_background_row,
                           run_in_background_choices);
}

/* --------------------------------------------------------------- class */

SpatePreferencesWindow *
spate_preferences_window_new (GtkWindow *parent, GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "settings", settings,
                       NULL);
}

GSettings *
spate_preferences_window_get_settings (SpatePreferencesWindow *self)
{
  g_return_val_if_fail (SPATE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}

static void
spate_preferences_window_constructed (GObject *object)
{
  SpatePreferencesWindow *self = SPATE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (spate_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  bind_general_page (self);

  /* Each page binds its rows to self->settings and unbinds them in its
   * own dispose (libadwaita 1.2 never frees a preferences window's rows). */
  /* preferences-pages */
  {
    AdwPreferencesPage *pages[] = {
      spate_prefs_downloads_page_new (self->settings),
      spate_prefs_connection_page_new (self->settings),
      spate_prefs_speed_page_new (self->settings),
      spate_prefs_bittorrent_page_new (self->settings),
      spate_prefs_privacy_page_new (self->settings),
      spate_prefs_advanced_page_new (self->settings),
    };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), pages[i]);
  }
}

static void
spate_preferences_window_dispose (GObject *object)
{
  SpatePreferencesWindow *self = SPATE_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_clear_pointer (&self->bindings, spate_prefs_bindings_free);
      g_clear_object (&self->settings);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (spate_preferences_window_parent_class)->dispose (object);
}

static void
spate_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  SpatePreferencesWindow *self = SPATE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  SpatePreferencesWindow *self = SPATE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_preferences_window_class_init (SpatePreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_preferences_window_constructed;
  object_class->dispose = spate_preferences_window_dispose;
  object_class->get_property = spate_preferences_window_get_property;
  object_class->set_property = spate_preferences_window_set_property;

  /* NULL when built without one: the window then opens the default schema. */
  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow,
                                        run_in_background_row);

  /* AdwPreferencesWindow closes on Escape already. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
spate_preferences_window_init (SpatePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  spate_prefs_show_whole_value (self->run_in_background_row);
}
