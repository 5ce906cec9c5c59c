/* spate-prefs-advanced-page.c: the Advanced preferences: disk I/O and
 * every libtorrent setting.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row writes its override into the libtorrent-settings key and the
 * session's SpateAdvancedBinding applies it; the rows read the values back
 * from the session whenever a key changes. A value is tried on the
 * session before it is kept, so a refused one never reaches the key.
 */

#include "spate-prefs-advanced-page.h"

#include <glib/gi18n.h>

#include "spate-advanced-binding.h"
#include "spate-advanced-setting.h"
#include "spate-application.h"
#include "spate-settings-bridge.h"

struct _SpatePrefsAdvancedPage
{
  AdwPreferencesPage parent_instance;

  GSettings    *settings;
  SpateSession *session;
  GListStore   *store;   /* SpateAdvancedSetting, by name */
  GHashTable   *by_name; /* name → SpateAdvancedSetting, borrowed from store */

  GtkCheckButton     *pread_check;
  GtkCheckButton     *mmap_check;
  GtkFilterListModel *filter_model;
  GtkWidget          *scroller;
  GtkWidget          *empty_label;
};

G_DEFINE_FINAL_TYPE (SpatePrefsAdvancedPage, spate_prefs_advanced_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ disk I/O */

static gboolean
disk_io_to_active (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), user_data));
  return TRUE;
}

static GVariant *
active_to_disk_io (const GValue *value, const GVariantType *expected_type, gpointer user_data)
{
  /* The check button turned off does not say which one is on. */
  if (!g_value_get_boolean (value))
    return NULL;
  return g_variant_new_string (user_data);
}

static void
bind_disk_io (SpatePrefsAdvancedPage *self)
{
  g_settings_bind_with_mapping (self->settings, "disk-io", self->pread_check, "active",
                                G_SETTINGS_BIND_DEFAULT, disk_io_to_active, active_to_disk_io,
                                (gpointer) "pread", NULL);
  g_settings_bind_with_mapping (self->settings, "disk-io", self->mmap_check, "active",
                                G_SETTINGS_BIND_DEFAULT, disk_io_to_active, active_to_disk_io,
                                (gpointer) "mmap", NULL);
}

/* ------------------------------------------------------------- values */

static void
refresh (SpatePrefsAdvancedPage *self)
{
  g_autoptr (GVariant) overrides = NULL;
  g_autoptr (GPtrArray) infos = NULL;

  if (self->session == NULL)
    return;
  overrides = g_settings_get_value (self->settings, "libtorrent-settings");
  infos = spate_session_list_settings (self->session);
  for (guint i = 0; i < infos->len; i++)
    {
      SpateSettingInfo     *info = g_ptr_array_index (infos, i);
      SpateAdvancedSetting *item = g_hash_table_lookup (self->by_name, info->name);
      g_autoptr (GVariant) override = g_variant_lookup_value (overrides, info->name, NULL);

      if (item == NULL)
        continue;
      /* set_value() sinks a floating value and only borrows this one. */
      spate_advanced_setting_set_value (item, info->value);
      spate_advanced_setting_set_overridden (item, override != NULL);
    }
}

static char *
locked_by (const char *name)
{
  const char *page = spate_settings_managed_by (name);

  if (page != NULL)
    /* Translators: %s is the title of another preferences page. */
    return g_strdup_printf (_ ("Set on the %s page"), page);
  if (spate_advanced_binding_is_disk_io_setting (name))
    return g_strdup (_ ("Set by the Disk I/O choice"));
  return NULL;
}

static void
fill_store (SpatePrefsAdvancedPage *self)
{
  g_autoptr (GPtrArray) infos = spate_session_list_settings (self->session);
  g_autoptr (GPtrArray) items = g_ptr_array_new_full (infos->len, g_object_unref);

  for (guint i = 0; i < infos->len; i++)
    {
      SpateSettingInfo     *info = g_ptr_array_index (infos, i);
      g_autofree char      *reason = locked_by (info->name);
      SpateAdvancedSetting *item = spate_advanced_setting_new (info, reason);

      g_hash_table_insert (self->by_name, (gpointer) spate_advanced_setting_get_name (item), item);
      g_ptr_array_add (items, item);
    }
  /* One items-changed for all of them. */
  g_list_store_splice (self->store, 0, 0, items->pdata, items->len);
  refresh (self);
}

static void
write_overrides (SpatePrefsAdvancedPage *self, const char *name, GVariant *value)
{
  g_autoptr (GVariant) overrides = g_settings_get_value (self->settings, "libtorrent-settings");
  g_auto (GVariantDict) dict = G_VARIANT_DICT_INIT (overrides);

  if (value != NULL)
    g_variant_dict_insert_value (&dict, name, value);
  else
    g_variant_dict_remove (&dict, name);
  g_settings_set_value (self->settings, "libtorrent-settings", g_variant_dict_end (&dict));
}

/* Tries value on the session; kept in the key only when it takes. */
static void
apply_value (SpatePrefsAdvancedPage *self, SpateAdvancedSetting *item, GVariant *value)
{
  const char *name = spate_advanced_setting_get_name (item);
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);
  g_autoptr (GError) error = NULL;

  if (!spate_session_set_setting (self->session, name, owned, &error))
    {
      g_autofree char *message =
          /* Translators: %s says why libtorrent did not take a value. */
          g_strdup_printf (_ ("Not applied: %s"), error->message);

      spate_advanced_setting_set_error (item, message);
      refresh (self);
      return;
    }
  spate_advanced_setting_set_error (item, NULL);
  write_overrides (self, name, owned);
  refresh (self);
}

static void
apply_text (SpatePrefsAdvancedPage *self, SpateAdvancedSetting *item, GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr (GError) error = NULL;
  GVariant *value;

  if (g_str_equal (text, spate_advanced_setting_get_value_text (item)))
    return;
  value = spate_setting_value_from_string (spate_advanced_setting_get_name (item), text, &error);
  if (value == NULL)
    {
      /* The row names the setting already. */
      g_autofree char *message =
          /* Translators: %s is what was typed for a number setting. */
          g_strdup_printf (_ ("“%s” is not a valid number"), text);

      g_debug ("%s", error->message);
      spate_advanced_setting_set_error (item, message);
      /* The value in force stays, and so does what the row shows. */
      gtk_editable_set_text (editable, spate_advanced_setting_get_value_text (item));
      return;
    }
  apply_value (self, item, value);
  if (spate_advanced_setting_get_error (item) != NULL)
    gtk_editable_set_text (editable, spate_advanced_setting_get_value_text (item));
}

/* ---------------------------------------------------- row callbacks */

static SpatePrefsAdvancedPage *
page_of (GtkWidget *widget)
{
  return SPATE_PREFS_ADVANCED_PAGE (
      gtk_widget_get_ancestor (widget, SPATE_TYPE_PREFS_ADVANCED_PAGE));
}

static SpateAdvancedSetting *
item_of (GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);

  return SPATE_IS_ADVANCED_SETTING (item) ? item : NULL;
}

static gboolean
on_switch_state_set (GtkSwitch *toggle, gboolean state, GtkListItem *list_item)
{
  SpateAdvancedSetting   *item = item_of (list_item);
  SpatePrefsAdvancedPage *self = page_of (GTK_WIDGET (toggle));
  GVariant               *value;

  /* Also emitted when a row is bound to an item: only a change counts. */
  if (item == NULL || self == NULL || !spate_advanced_setting_get_is_bool (item) ||
      !spate_advanced_setting_get_editable (item))
    return FALSE;
  value = spate_advanced_setting_get_value (item);
  if (g_variant_get_boolean (value) == state)
    return FALSE;
  apply_value (self, item, g_variant_new_boolean (state));
  if (spate_advanced_setting_get_error (item) != NULL)
    {
      gtk_switch_set_active (toggle, !state);
      return TRUE;
    }
  return FALSE;
}

static void
on_entry_activate (GtkEntry *entry, GtkListItem *list_item)
{
  SpateAdvancedSetting   *item = item_of (list_item);
  SpatePrefsAdvancedPage *self = page_of (GTK_WIDGET (entry));

  if (item != NULL && self != NULL && spate_advanced_setting_get_editable (item))
    apply_text (self, item, GTK_EDITABLE (entry));
}

static void
on_entry_leave (GtkEventControllerFocus *controller, GtkListItem *list_item)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  on_entry_activate (GTK_ENTRY (entry), list_item);
}

static void
on_reset_clicked (GtkButton *button, GtkListItem *list_item)
{
  SpateAdvancedSetting   *item = item_of (list_item);
  SpatePrefsAdvancedPage *self = page_of (GTK_WIDGET (button));

  if (item == NULL || self == NULL)
    return;
  spate_advanced_setting_set_error (item, NULL);
  write_overrides (self, spate_advanced_setting_get_name (item), NULL);
  refresh (self);
}

static char *
format_details (gpointer this,
                const char *type_label,
                const char *default_text,
                const char *locked_by_text)
{
  if (type_label == NULL || default_text == NULL)
    return NULL;
  if (locked_by_text != NULL)
    return g_strdup_printf ("%s · %s · %s", type_label, default_text, locked_by_text);
  return g_strdup_printf ("%s · %s", type_label, default_text);
}

static gboolean
invert_boolean (gpointer this, gboolean value)
{
  return !value;
}

static void
update_empty (SpatePrefsAdvancedPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_widget_set_visible (self->scroller, !empty);
  gtk_widget_set_visible (self->empty_label, empty);
}

/* --------------------------------------------------------------- class */

AdwPreferencesPage *
spate_prefs_advanced_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFS_ADVANCED_PAGE, "settings", settings, NULL);
}

static void
spate_prefs_advanced_page_constructed (GObject *object)
{
  SpatePrefsAdvancedPage *self = SPATE_PREFS_ADVANCED_PAGE (object);
  GApplication           *app = g_application_get_default ();

  G_OBJECT_CLASS (spate_prefs_advanced_page_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  bind_disk_io (self);

  if (SPATE_IS_APPLICATION (app) && spate_application_get_session (SPATE_APPLICATION (app)))
    self->session = g_object_ref (spate_application_get_session (SPATE_APPLICATION (app)));
  if (self->session != NULL)
    fill_store (self);
  update_empty (self);
  if (self->session == NULL)
    return;
  /* Any key may stand for a setting; the session has applied it by now. */
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
}

static void
spate_prefs_advanced_page_dispose (GObject *object)
{
  SpatePrefsAdvancedPage *self = SPATE_PREFS_ADVANCED_PAGE (object);

  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_settings_unbind (self->pread_check, "active");
      g_settings_unbind (self->mmap_check, "active");
      g_clear_object (&self->settings);
    }
  /* libadwaita 1.2 keeps the page's widgets alive: let go of the rows'
   * items now rather than with them. */
  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFS_ADVANCED_PAGE);

  G_OBJECT_CLASS (spate_prefs_advanced_page_parent_class)->dispose (object);
}

static void
spate_prefs_advanced_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SpatePrefsAdvancedPage *self = SPATE_PREFS_ADVANCED_PAGE (object);

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
spate_prefs_advanced_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  SpatePrefsAdvancedPage *self = SPATE_PREFS_ADVANCED_PAGE (object);

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
spate_prefs_advanced_page_class_init (SpatePrefsAdvancedPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_prefs_advanced_page_constructed;
  object_class->dispose = spate_prefs_advanced_page_dispose;
  object_class->get_property = spate_prefs_advanced_page_get_property;
  object_class->set_property = spate_prefs_advanced_page_set_property;

  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SPATE_TYPE_ADVANCED_SETTING);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-prefs-advanced-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsAdvancedPage, pread_check);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsAdvancedPage, mmap_check);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsAdvancedPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsAdvancedPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsAdvancedPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_state_set);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, format_details);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
}

static void
spate_prefs_advanced_page_init (SpatePrefsAdvancedPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (SPATE_TYPE_ADVANCED_SETTING);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->store));
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);
}
