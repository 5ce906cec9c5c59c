/* spate-add-dialog-destination.c: the add dialog's destination folder and its free space.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-add-dialog-private.h"

#include <glib/gi18n.h>

/* ------------------------------------------------------------ free space */

void
_spate_add_dialog_update_space (SpateAddDialog *self)
{
  gint64 wanted =
      _spate_add_dialog_has_files (self) ? spate_add_file_get_wanted_size (self->root) : 0;
  g_autofree char *free_text = NULL;
  g_autofree char *text = NULL;
  gboolean         short_of_space = wanted > self->free_space;

  gtk_widget_set_visible (GTK_WIDGET (self->space_label), self->free_space >= 0);
  if (self->free_space < 0)
    return;

  free_text = g_format_size (self->free_space);
  if (short_of_space)
    /* Translators: %s is a size, such as "3.2 GB". */
    text = g_strdup_printf (_ ("Not enough space: %s free on this disk"), free_text);
  else
    text = g_strdup_printf (_ ("%s free on this disk"), free_text);
  gtk_label_set_text (self->space_label, text);
  if (short_of_space)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->space_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->space_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->space_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->space_label), "dim-label");
    }
}

static void
free_space_queried (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileInfo) info =
      g_file_query_filesystem_info_finish (G_FILE (source), result, &error);
  SpateAddDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SPATE_ADD_DIALOG (user_data);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    self->free_space =
        (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  else
    g_debug ("Free space of %s: %s", self->destination, error ? error->message : "unknown");
  _spate_add_dialog_update_space (self);
}

static void
query_free_space (SpateAddDialog *self)
{
  g_autoptr (GFile) dir = g_file_new_for_path (self->destination);

  g_cancellable_cancel (self->space_cancellable);
  g_clear_object (&self->space_cancellable);
  self->space_cancellable = g_cancellable_new ();
  self->free_space = -1;
  _spate_add_dialog_update_space (self);

  /* The download makes missing folders: ask about the nearest one there. */
  while (!g_file_query_exists (dir, NULL))
    {
      g_autoptr (GFile) parent = g_file_get_parent (dir);

      if (parent == NULL)
        break;
      g_set_object (&dir, parent);
    }
  g_file_query_filesystem_info_async (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, G_PRIORITY_DEFAULT,
                                      self->space_cancellable, free_space_queried, self);
}

void
_spate_add_dialog_set_destination (SpateAddDialog *self, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  const char      *home = g_get_home_dir ();
  gsize            home_len = strlen (home);

  g_free (self->destination);
  self->destination = g_strdup (path);

  /* ~/Downloads reads better than /home/someone/Downloads. */
  if (home_len > 1 && g_str_has_prefix (path, home) && (path[home_len] == '/' || !path[home_len]))
    {
      g_autofree char *rest = g_filename_display_name (path + home_len);

      g_free (display);
      display = g_strconcat ("~", rest, NULL);
    }
  adw_action_row_set_subtitle (self->destination_row, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->destination_row), path);
  query_free_space (self);
}

static void
folder_chosen (SpateAddDialog *self, int response, GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        _spate_add_dialog_set_destination (self, path);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

void
_spate_add_dialog_choose_folder_activated (GtkWidget  *widget,
                                           const char *action,
                                           GVariant   *parameter)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (widget);
  g_autoptr (GFile) current = g_file_new_for_path (self->destination);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_ ("Choose Destination"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Select"),
                                               _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), current, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (folder_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
