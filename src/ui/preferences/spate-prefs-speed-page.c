/* spate-prefs-speed-page.c: the Speed page of the preferences.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its key; SpateSpeedScheduler applies the keys to
 * the session, so a change takes effect as it is made.
 */

#include "spate-prefs-speed-page.h"

#include <glib/gi18n.h>

#include "spate-schedule-grid.h"

struct _SpatePrefsSpeedPage
{
  AdwPreferencesPage parent_instance;

  GSettings *settings;
  char      *schedule_mode;

  GtkSpinButton     *download_limit_spin;
  GtkSpinButton     *upload_limit_spin;
  GtkSwitch         *alt_speed_switch;
  GtkSpinButton     *alt_download_limit_spin;
  GtkSpinButton     *alt_upload_limit_spin;
  GtkSwitch         *schedule_switch;
  GtkWidget         *schedule_box;
  SpateScheduleGrid *schedule_grid;
  GtkSwitch         *limit_utp_switch;
  GtkSwitch         *limit_overhead_switch;
};

G_DEFINE_FINAL_TYPE (SpatePrefsSpeedPage, spate_prefs_speed_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_SCHEDULE_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each key and the property of the template child that shows it. */
static const struct
{
  const char *key;
  gsize       offset;
  const char *property;
} bindings[] = {
  { "download-limit", G_STRUCT_OFFSET (SpatePrefsSpeedPage, download_limit_spin), "value" },
  { "upload-limit", G_STRUCT_OFFSET (SpatePrefsSpeedPage, upload_limit_spin), "value" },
  { "alt-speed-enabled", G_STRUCT_OFFSET (SpatePrefsSpeedPage, alt_speed_switch), "active" },
  { "alt-download-limit", G_STRUCT_OFFSET (SpatePrefsSpeedPage, alt_download_limit_spin), "value" },
  { "alt-upload-limit", G_STRUCT_OFFSET (SpatePrefsSpeedPage, alt_upload_limit_spin), "value" },
  { "schedule-enabled", G_STRUCT_OFFSET (SpatePrefsSpeedPage, schedule_switch), "active" },
  { "schedule", G_STRUCT_OFFSET (SpatePrefsSpeedPage, schedule_grid), "schedule" },
  { "limit-utp", G_STRUCT_OFFSET (SpatePrefsSpeedPage, limit_utp_switch), "active" },
  { "limit-overhead", G_STRUCT_OFFSET (SpatePrefsSpeedPage, limit_overhead_switch), "active" },
};

static GObject *
bound_object (SpatePrefsSpeedPage *self, guint i)
{
  return G_STRUCT_MEMBER (GObject *, self, bindings[i].offset);
}

AdwPreferencesPage *
spate_prefs_speed_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFS_SPEED_PAGE, "settings", settings, NULL);
}

static void
set_schedule_mode (SpatePrefsSpeedPage *self, const char *mode)
{
  if (mode == NULL || g_strcmp0 (self->schedule_mode, mode) == 0)
    return;
  if (!g_str_equal (mode, "n") && !g_str_equal (mode, "a") && !g_str_equal (mode, "p"))
    return;
  g_free (self->schedule_mode);
  self->schedule_mode = g_strdup (mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULE_MODE]);
}

static void
spate_prefs_speed_page_constructed (GObject *object)
{
  SpatePrefsSpeedPage *self = SPATE_PREFS_SPEED_PAGE (object);

  G_OBJECT_CLASS (spate_prefs_speed_page_parent_class)->constructed (object);

  g_return_if_fail (self->settings != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    g_settings_bind (self->settings, bindings[i].key, bound_object (self, i), bindings[i].property,
                     G_SETTINGS_BIND_DEFAULT);
  /* The grid and its modes only matter while the schedule is followed. */
  g_settings_bind (self->settings, "schedule-enabled", self->schedule_box, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
}

/* libadwaita 1.2 never frees a preferences window's rows: unbinding keeps
 * them from holding the settings. g_settings_bind also bound "sensitive"
 * to the key's writability. */
static void
spate_prefs_speed_page_dispose (GObject *object)
{
  SpatePrefsSpeedPage *self = SPATE_PREFS_SPEED_PAGE (object);

  if (self->settings != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
        {
          g_settings_unbind (bound_object (self, i), bindings[i].property);
          g_settings_unbind (bound_object (self, i), "sensitive");
        }
      g_settings_unbind (self->schedule_box, "sensitive");
      g_clear_object (&self->settings);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFS_SPEED_PAGE);

  G_OBJECT_CLASS (spate_prefs_speed_page_parent_class)->dispose (object);
}

static void
spate_prefs_speed_page_finalize (GObject *object)
{
  SpatePrefsSpeedPage *self = SPATE_PREFS_SPEED_PAGE (object);

  g_free (self->schedule_mode);

  G_OBJECT_CLASS (spate_prefs_speed_page_parent_class)->finalize (object);
}

static void
spate_prefs_speed_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SpatePrefsSpeedPage *self = SPATE_PREFS_SPEED_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SCHEDULE_MODE:
      g_value_set_string (value, self->schedule_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_prefs_speed_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SpatePrefsSpeedPage *self = SPATE_PREFS_SPEED_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SCHEDULE_MODE:
      set_schedule_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_prefs_speed_page_class_init (SpatePrefsSpeedPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_prefs_speed_page_constructed;
  object_class->dispose = spate_prefs_speed_page_dispose;
  object_class->finalize = spate_prefs_speed_page_finalize;
  object_class->get_property = spate_prefs_speed_page_get_property;
  object_class->set_property = spate_prefs_speed_page_set_property;

  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What painting the schedule writes: "n", "a" or "p". */
  properties[PROP_SCHEDULE_MODE] =
      g_param_spec_string ("schedule-mode", NULL, NULL, "a",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SPATE_TYPE_SCHEDULE_GRID);
  g_type_ensure (SPATE_TYPE_SCHEDULE_SWATCH);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-prefs-speed-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, download_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, upload_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, alt_speed_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, alt_download_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, alt_upload_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, schedule_box);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, schedule_grid);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, limit_utp_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsSpeedPage, limit_overhead_switch);

  gtk_widget_class_install_property_action (widget_class, "speed.schedule-mode", "schedule-mode");
}

static void
spate_prefs_speed_page_init (SpatePrefsSpeedPage *self)
{
  /* Busy hours are what one paints first. */
  self->schedule_mode = g_strdup ("a");
  gtk_widget_init_template (GTK_WIDGET (self));
}
