/* spate-prefs-common.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-prefs-common.h"

#include <glib/gi18n.h>

#include "spate-application.h"

struct _SpatePrefsBindings
{
  GSettings *settings;
  GPtrArray *bound;   /* GObject, a weak reference each; pairs with properties */
  GPtrArray *props;   /* const char *, static */
  GPtrArray *folders; /* AdwActionRow with a folder binding */
};

SpatePrefsBindings *
spate_prefs_bindings_new (GSettings *settings)
{
  SpatePrefsBindings *self = g_new0 (SpatePrefsBindings, 1);

  self->settings = g_object_ref (settings);
  self->bound = g_ptr_array_new ();
  self->props = g_ptr_array_new ();
  self->folders = g_ptr_array_new ();
  return self;
}

static void folder_unbind (AdwActionRow *row);

void
spate_prefs_bindings_free (SpatePrefsBindings *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->bound->len; i++)
    {
      GObject *object = g_ptr_array_index (self->bound, i);

      g_settings_unbind (object, g_ptr_array_index (self->props, i));
      g_settings_unbind (object, "sensitive");
      g_object_unref (object);
    }
  for (guint i = 0; i < self->folders->len; i++)
    {
      folder_unbind (g_ptr_array_index (self->folders, i));
      g_object_unref (g_ptr_array_index (self->folders, i));
    }
  g_ptr_array_unref (self->bound);
  g_ptr_array_unref (self->props);
  g_ptr_array_unref (self->folders);
  g_object_unref (self->settings);
  g_free (self);
}

void
spate_prefs_bind (SpatePrefsBindings *self,
                  const char         *key,
                  gpointer            object,
                  const char         *property,
                  GSettingsBindFlags  flags)
{
  g_settings_bind (self->settings, key, object, property, flags);
  g_ptr_array_add (self->bound, g_object_ref (object));
  g_ptr_array_add (self->props, (gpointer) g_intern_string (property));
}

/* ---------------------------------------------------------- choices */

static gboolean
value_to_position (GValue *value, GVariant *variant, gpointer user_data)
{
  const char * const *values = user_data;
  const char         *key_value = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (key_value, values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
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

void
spate_prefs_bind_choice (SpatePrefsBindings *self,
                         const char         *key,
                         AdwComboRow        *row,
                         const char * const *values)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                value_to_position, position_to_value, (gpointer) values, NULL);
  g_ptr_array_add (self->bound, g_object_ref (row));
  g_ptr_array_add (self->props, (gpointer) g_intern_static_string ("selected"));
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

void
spate_prefs_show_whole_value (AdwComboRow *row)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_value_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_value_label), NULL);
  adw_combo_row_set_list_factory (row, adw_combo_row_get_factory (row));
  adw_combo_row_set_factory (row, factory);
}

/* ----------------------------------------------------------- errors */

void
spate_prefs_row_set_error (GtkWidget *row, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (row);

  gtk_widget_set_tooltip_text (row, message);
  if (message == NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      return;
    }
  gtk_widget_add_css_class (row, "error");
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

gpointer
spate_prefs_get_session (void)
{
  GApplication *app = g_application_get_default ();

  return SPATE_IS_APPLICATION (app) ? spate_application_get_session (SPATE_APPLICATION (app))
                                    : NULL;
}

/* ---------------------------------------------------------- folders */

typedef struct
{
  GSettings       *settings;
  char            *key;
  char            *chooser_title;
  char            *empty_text;
  gulong           changed_id;
  GtkNativeDialog *chooser;
  GCancellable    *check;
} FolderRow;

static void
folder_row_free (gpointer data)
{
  FolderRow *f = data;

  if (f->chooser != NULL)
    gtk_native_dialog_destroy (f->chooser);
  g_clear_object (&f->chooser);
  g_cancellable_cancel (f->check);
  g_clear_object (&f->check);
  g_clear_signal_handler (&f->changed_id, f->settings);
  g_clear_object (&f->settings);
  g_free (f->key);
  g_free (f->chooser_title);
  g_free (f->empty_text);
  g_free (f);
}

static FolderRow *
folder_of (AdwActionRow *row)
{
  return g_object_get_data (G_OBJECT (row), "spate-folder");
}

static void
folder_unbind (AdwActionRow *row)
{
  g_object_set_data (G_OBJECT (row), "spate-folder", NULL);
}

static void
update_folder_row (AdwActionRow *row)
{
  FolderRow       *f = folder_of (row);
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (f == NULL)
    return;
  path = g_settings_get_string (f->settings, f->key);
  if (*path == '\0')
    {
      adw_action_row_set_subtitle (row, f->empty_text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
      return;
    }
  base = g_path_get_basename (path);
  name = g_filename_display_name (base);
  adw_action_row_set_subtitle (row, name);
  {
    g_autofree char *display = g_filename_display_name (path);

    /* Two folders can share a name: the whole path tells them apart. */
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), display);
  }
}

/* Why folder cannot hold downloads, or NULL when it can. */
static char *
refusal_reason (GFile *folder, GFileInfo *info, const GError *error)
{
  g_autofree char *basename = g_file_get_basename (folder);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *path = g_file_get_path (folder);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s is a folder name. */
    return g_strdup_printf (_ ("“%s” does not exist"), name);
  if (info == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    /* Translators: %s is a folder name, then why it cannot be used. */
    return g_strdup_printf (_ ("Cannot use “%s”: %s"), name, error->message);
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
on_folder_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AdwActionRow) row = user_data;
  GFile     *folder = G_FILE (source);
  FolderRow *f = folder_of (row);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *path = NULL;

  info = g_file_query_info_finish (folder, result, &error);
  if (f == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&f->check);
  reason = refusal_reason (folder, info, error);
  spate_prefs_row_set_error (GTK_WIDGET (row), reason);
  if (reason != NULL)
    return;
  path = g_file_get_path (folder);
  g_settings_set_string (f->settings, f->key, path);
}

void
spate_prefs_choose_folder (AdwActionRow *row, GFile *folder)
{
  FolderRow *f = folder_of (row);

  g_return_if_fail (f != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  g_cancellable_cancel (f->check);
  g_clear_object (&f->check);
  f->check = g_cancellable_new ();
  g_file_query_info_async (
      folder, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
      G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, f->check, on_folder_checked, g_object_ref (row));
}

static void
on_chosen (GtkNativeDialog *chooser, int response, AdwActionRow *row)
{
  FolderRow *f = folder_of (row);
  g_autoptr (GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (f != NULL && f->chooser == chooser)
    g_clear_object (&f->chooser);
  if (folder != NULL)
    spate_prefs_choose_folder (row, folder);
}

static void
choose_clicked (AdwActionRow *row)
{
  FolderRow       *f = folder_of (row);
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (row));
  g_autofree char *path = NULL;

  if (f == NULL)
    return;
  if (f->chooser != NULL)
    gtk_native_dialog_destroy (f->chooser);
  g_clear_object (&f->chooser);
  f->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
      f->chooser_title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Select"), _ ("_Cancel")));
  gtk_native_dialog_set_modal (f->chooser, TRUE);
  path = g_settings_get_string (f->settings, f->key);
  if (*path != '\0' && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) current = g_file_new_for_path (path);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (f->chooser), current, NULL);
    }
  g_signal_connect_object (f->chooser, "response", G_CALLBACK (on_chosen), row, 0);
  gtk_native_dialog_show (f->chooser);
}

void
spate_prefs_bind_folder (SpatePrefsBindings *self,
                         const char         *key,
                         AdwActionRow       *row,
                         const char         *chooser_title,
                         const char         *empty_text)
{
  FolderRow       *f = g_new0 (FolderRow, 1);
  GtkWidget       *button = gtk_button_new_from_icon_name ("folder-open-symbolic");
  g_autofree char *signal = g_strconcat ("changed::", key, NULL);

  f->settings = g_object_ref (self->settings);
  f->key = g_strdup (key);
  f->chooser_title = g_strdup (chooser_title);
  f->empty_text = g_strdup (empty_text);
  g_object_set_data_full (G_OBJECT (row), "spate-folder", f, folder_row_free);
  f->changed_id =
      g_signal_connect_swapped (self->settings, signal, G_CALLBACK (update_folder_row), row);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, chooser_title);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked), row);
  adw_action_row_add_suffix (row, button);
  adw_action_row_set_activatable_widget (row, button);
  g_ptr_array_add (self->folders, g_object_ref (row));
  update_folder_row (row);
}
