/* spate-preferences-window.c: the preferences, bound live to GSettings.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-preferences-window.h"

#include <glib/gi18n.h>

/* preferences-page-includes */

struct _SpatePreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings       *settings;
  GtkNativeDialog *chooser;
  GCancellable    *folder_check; /* the download folder being checked */

  /* General */
  AdwActionRow *download_dir_row;
  AdwComboRow  *show_add_dialog_row;
  GtkSwitch    *start_paused_switch;
  GtkSwitch    *notifications_switch;
  AdwComboRow  *run_in_background_row;
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
static const char * const add_dialog_modes[] = { "always", "magnets", "never", NULL };
static const char * const run_in_background_choices[] = { "ask", "always", "never", NULL };

/* ------------------------------------------------ combo rows <-> keys */

static gboolean
value_to_position (GValue *value, GVariant *variant, gpointer user_data)
{
  const char * const *values = user_data;
  const char         *key_value = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (g_str_equal (key_value, values[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
position_to_value (const GValue *value, const GVariantType *expected_type, gpointer user_data)
{
  const char * const *values = user_data;
  guint               position = g_value_get_uint (value);

  /* GTK_INVALID_LIST_POSITION while the model is being replaced. */
  if (position >= g_strv_length ((char **) values))
    return NULL;
  return g_variant_new_string (values[position]);
}

static void
setup_value_label (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_list_item_set_child (item, label);
}

static void
bind_value_label (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

/* libadwaita 1.2 cuts the value at the end of a combo row to 20 characters
 * and lets a long subtitle squeeze it further ("Magnet links o…"): show it
 * whole there, and keep the default items, with their check mark, in the
 * popover. */
static void
show_whole_value (AdwComboRow *row)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_value_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_value_label), NULL);
  adw_combo_row_set_list_factory (row, adw_combo_row_get_factory (row));
  adw_combo_row_set_factory (row, factory);
}

static void
bind_combo_row (SpatePreferencesWindow *self,
                const char             *key,
                AdwComboRow            *row,
                const char * const     *values)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                value_to_position, position_to_value, (gpointer) values, NULL);
}

/* ----------------------------------------------------- download folder */

/* Where torrents go while download-dir is empty; the same as the engine. */
static GFile *
default_download_dir (void)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  if (downloads != NULL)
    return g_file_new_for_path (downloads);
  return g_file_new_build_filename (g_get_home_dir (), "Downloads", NULL);
}

static GFile *
current_download_dir (SpatePreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "download-dir");

  if (path[0] == '\0')
    return default_download_dir ();
  return g_file_new_for_path (path);
}

static char *
folder_display_name (GFile *folder)
{
  g_autofree char *basename = g_file_get_basename (folder);

  return g_filename_display_name (basename);
}

static void
update_download_dir_row (SpatePreferencesWindow *self)
{
  g_autoptr (GFile) folder = current_download_dir (self);
  g_autofree char *name = folder_display_name (folder);
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *display_path = g_filename_display_name (path);

  adw_action_row_set_subtitle (self->download_dir_row, name);
  /* Two folders can share a name: the whole path tells them apart. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->download_dir_row), display_path);
}

/* Why folder cannot hold downloads, or NULL when it can. Toasts hold one
 * short line: the name, and what is wrong with it. */
static char *
refusal_reason (GFile *folder, GFileInfo *info, const GError *error)
{
  g_autofree char *name = folder_display_name (folder);
  g_autofree char *path = g_file_get_path (folder);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s is a folder name. */
    return g_strdup_printf (_ ("“%s” does not exist"), name);
  if (info == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      g_autofree char *where = g_file_get_parse_name (folder);

      g_message ("Cannot use %s as the download folder: %s", where, error->message);
      /* Translators: %s is a folder name. */
      return g_strdup_printf (_ ("Cannot use “%s” as the download folder"), name);
    }
  if (path == NULL)
    /* Translators: %s is a folder name; libtorrent writes to local paths only. */
    return g_strdup_printf (_ ("“%s” is not on this computer"), name);
  /* GIO answers a file it may not even look at with an unknown type. */
  if (info == NULL || g_file_info_get_file_type (info) == G_FILE_TYPE_UNKNOWN ||
      (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE) &&
       !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)))
    /* Translators: %s is a folder name. */
    return g_strdup_printf (_ ("No permission to save in “%s”"), name);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    /* Translators: %s is a file name. */
    return g_strdup_printf (_ ("“%s” is not a folder"), name);
  return NULL;
}

static void
on_download_dir_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SpatePreferencesWindow) self = user_data;
  GFile *folder = G_FILE (source);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;

  info = g_file_query_info_finish (folder, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->folder_check);

  reason = refusal_reason (folder, info, error);
  if (reason != NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (reason));
    }
  else
    {
      g_autofree char *path = g_file_get_path (folder);

      g_settings_set_string (self->settings, "download-dir", path);
    }
}

void
spate_preferences_window_choose_download_dir (SpatePreferencesWindow *self, GFile *folder)
{
  g_return_if_fail (SPATE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_cancellable_cancel (self->folder_check);
  g_clear_object (&self->folder_check);
  self->folder_check = g_cancellable_new ();
  g_file_query_info_async (folder,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->folder_check,
                           on_download_dir_checked, g_object_ref (self));
}

static void
on_download_dir_chosen (SpatePreferencesWindow *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (folder != NULL)
    spate_preferences_window_choose_download_dir (self, folder);
}

static void
choose_download_dir (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpatePreferencesWindow *self = SPATE_PREFERENCES_WINDOW (widget);
  g_autoptr (GFile) current = current_download_dir (self);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
      _ ("Choose Download Folder"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
      _ ("_Select"), _ ("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  /* The default folder may not exist yet: the engine makes it on first use. */
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), current, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_download_dir_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

/* --------------------------------------------------------------- pages */

static void
bind_general_page (SpatePreferencesWindow *self)
{
  g_settings_bind_writable (self->settings, "download-dir", self->download_dir_row, "sensitive",
                            FALSE);
  g_signal_connect_object (self->settings, "changed::download-dir",
                           G_CALLBACK (update_download_dir_row), self, G_CONNECT_SWAPPED);
  update_download_dir_row (self);

  bind_combo_row (self, "show-add-dialog", self->show_add_dialog_row, add_dialog_modes);
  g_settings_bind (self->settings, "start-paused", self->start_paused_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_combo_row (self, "run-in-background", self->run_in_background_row,
                  run_in_background_choices);
}

/* libadwaita 1.2 never frees the groups of a preferences window, nor so
 * their rows: unbinding keeps the leaked rows from holding the settings.
 * g_settings_bind also binds "sensitive" to the key's writability. */
static void
unbind_general_page (SpatePreferencesWindow *self)
{
  GObject *bound[] = {
    G_OBJECT (self->download_dir_row),      G_OBJECT (self->show_add_dialog_row),
    G_OBJECT (self->start_paused_switch),   G_OBJECT (self->notifications_switch),
    G_OBJECT (self->run_in_background_row),
  };

  g_settings_unbind (self->show_add_dialog_row, "selected");
  g_settings_unbind (self->start_paused_switch, "active");
  g_settings_unbind (self->notifications_switch, "active");
  g_settings_unbind (self->run_in_background_row, "selected");
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    g_settings_unbind (bound[i], "sensitive");
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
}

static void
spate_preferences_window_dispose (GObject *object)
{
  SpatePreferencesWindow *self = SPATE_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->settings, self);
      unbind_general_page (self);
      g_clear_object (&self->settings);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->folder_check);
  g_clear_object (&self->folder_check);
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
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow, download_dir_row);
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow, show_add_dialog_row);
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow, start_paused_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePreferencesWindow,
                                        run_in_background_row);

  gtk_widget_class_install_action (widget_class, "preferences.choose-download-dir", NULL,
                                   choose_download_dir);
  /* AdwPreferencesWindow closes on Escape already. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
spate_preferences_window_init (SpatePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  show_whole_value (self->show_add_dialog_row);
  show_whole_value (self->run_in_background_row);
}
