/* spate-window-actions.c: what can be done to the selected torrents.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-window-private.h"

#include <glib/gi18n.h>

#include "spate-create-dialog.h"
#include "spate-portal.h"
#include "spate-torrent-options.h"

/* Actions that need at least one selected torrent. */
static const char * const selection_actions[] = {
  "win.pause",        "win.resume",     "win.remove",       "win.remove-with-files",
  "win.recheck",      "win.reannounce", "win.move-storage", "win.open-folder",
  "win.copy-magnet",  "win.queue-top",  "win.queue-up",     "win.queue-down",
  "win.queue-bottom", "win.sequential", "win.context-menu", "win.torrent-options",
};

GPtrArray *
_spate_window_get_selected (SpateWindow *self)
{
  GPtrArray *torrents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint         position;

  if (self->selection == NULL)
    return torrents;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (torrents, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return torrents;
}

void
_spate_window_update_actions (SpateWindow *self)
{
  g_autoptr (GPtrArray) selected = _spate_window_get_selected (self);
  GListModel *torrents = G_LIST_MODEL (spate_session_get_torrents (self->session));
  gboolean    any = g_list_model_get_n_items (torrents) > 0;
  gboolean    sequential = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), selection_actions[i], selected->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pause-all", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resume-all", any);

  if (selected->len > 0)
    sequential =
        (spate_torrent_get_flags (selected->pdata[0]) & SPATE_TORRENT_FLAG_SEQUENTIAL) != 0;
  /* The details follow the first selected torrent. */
  if (self->details_pane != NULL)
    {
      spate_details_pane_set_torrent (self->details_pane,
                                      selected->len > 0 ? selected->pdata[0] : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->details_pane), selected->len > 0);
    }

  if (sequential != self->sequential)
    {
      self->sequential = sequential;
      g_object_notify (G_OBJECT (self), "sequential");
    }
}

/* Reports what failed, once for the whole selection. */
static void
report_failures (SpateWindow *self, const char *what, GPtrArray *errors)
{
  g_autofree char *message = NULL;
  GError          *first;

  if (errors->len == 0)
    return;
  first = errors->pdata[0];
  if (errors->len == 1)
    message = g_strdup_printf ("%s: %s", what, first->message);
  else
    /* Translators: "Could not pause 3 torrents: reason of the first" */
    message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s (%u torrent): %s", "%s (%u torrents): %s", errors->len),
        what, errors->len, first->message);
  spate_window_show_toast (self, message);
}

typedef gboolean (*TorrentAction) (SpateTorrent *torrent, gpointer data, GError **error);

static void
for_each (SpateWindow  *self,
          GPtrArray    *torrents,
          TorrentAction action,
          gpointer      data,
          const char   *what)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (guint i = 0; i < torrents->len; i++)
    {
      GError *error = NULL;

      if (!action (torrents->pdata[i], data, &error))
        g_ptr_array_add (errors, error);
    }
  report_failures (self, what, errors);
  _spate_window_update_actions (self);
}

static void
for_each_selected (SpateWindow *self, TorrentAction action, gpointer data, const char *what)
{
  g_autoptr (GPtrArray) selected = _spate_window_get_selected (self);

  for_each (self, selected, action, data, what);
}

static void
for_each_torrent (SpateWindow *self, TorrentAction action, const char *what)
{
  GListModel *list = G_LIST_MODEL (spate_session_get_torrents (self->session));
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (list, i));
  for_each (self, all, action, NULL, what);
}

static gboolean
pause_one (SpateTorrent *torrent, gpointer data, GError **error)
{
  return spate_torrent_pause (torrent, error);
}

static gboolean
resume_one (SpateTorrent *torrent, gpointer data, GError **error)
{
  return spate_torrent_resume (torrent, FALSE, error);
}

static gboolean
recheck_one (SpateTorrent *torrent, gpointer data, GError **error)
{
  return spate_torrent_recheck (torrent, error);
}

static gboolean
reannounce_one (SpateTorrent *torrent, gpointer data, GError **error)
{
  return spate_torrent_reannounce (torrent, error);
}

static gboolean
move_one (SpateTorrent *torrent, gpointer data, GError **error)
{
  return spate_torrent_move_storage (torrent, data, error);
}

static gboolean
sequential_one (SpateTorrent *torrent, gpointer data, GError **error)
{
  return spate_torrent_set_sequential (torrent, GPOINTER_TO_INT (data), error);
}

static void
pause_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  for_each_selected (SPATE_WINDOW (widget), pause_one, NULL, _ ("Could not pause"));
}

static void
resume_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  for_each_selected (SPATE_WINDOW (widget), resume_one, NULL, _ ("Could not resume"));
}

static void
pause_all_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  for_each_torrent (SPATE_WINDOW (widget), pause_one, _ ("Could not pause"));
}

static void
resume_all_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  for_each_torrent (SPATE_WINDOW (widget), resume_one, _ ("Could not resume"));
}

static void
recheck_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  for_each_selected (SPATE_WINDOW (widget), recheck_one, NULL, _ ("Could not verify"));
}

static void
reannounce_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  for_each_selected (SPATE_WINDOW (widget), reannounce_one, NULL,
                     _ ("Could not contact the trackers"));
}

/* Queue moves keep the selection's order: moving several up starts with
 * the one highest in the queue. */
static int
compare_queue_position (gconstpointer a, gconstpointer b)
{
  SpateTorrent *ta = *(SpateTorrent **) a, *tb = *(SpateTorrent **) b;

  return spate_torrent_get_queue_position (ta) - spate_torrent_get_queue_position (tb);
}

static void
queue_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);
  g_autoptr (GPtrArray) selected = _spate_window_get_selected (self);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  SpateQueueMove move;
  gboolean       reverse;

  if (g_str_equal (name, "win.queue-top"))
    move = SPATE_QUEUE_TOP, reverse = TRUE;
  else if (g_str_equal (name, "win.queue-up"))
    move = SPATE_QUEUE_UP, reverse = FALSE;
  else if (g_str_equal (name, "win.queue-down"))
    move = SPATE_QUEUE_DOWN, reverse = TRUE;
  else
    move = SPATE_QUEUE_BOTTOM, reverse = FALSE;

  g_ptr_array_sort (selected, compare_queue_position);
  for (guint i = 0; i < selected->len; i++)
    {
      SpateTorrent *torrent = selected->pdata[reverse ? selected->len - 1 - i : i];
      GError       *error = NULL;

      if (!spate_torrent_queue_move (torrent, move, &error))
        g_ptr_array_add (errors, error);
    }
  report_failures (self, _ ("Could not move in the queue"), errors);
}

/* ------------------------------------------------------------ remove */

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  SpateWindow    *self = SPATE_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  GPtrArray      *torrents = g_object_get_data (G_OBJECT (dialog), "spate-torrents");
  GtkCheckButton *delete_files = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  if (!g_str_equal (response, "remove"))
    return;
  for (guint i = 0; i < torrents->len; i++)
    {
      GError *error = NULL;

      if (!spate_session_remove (self->session, torrents->pdata[i],
                                 gtk_check_button_get_active (delete_files), &error))
        g_ptr_array_add (errors, error);
    }
  report_failures (self, _ ("Could not remove"), errors);
}

static void
remove_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow     *self = SPATE_WINDOW (widget);
  GPtrArray       *selected = _spate_window_get_selected (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *dialog;
  GtkWidget       *delete_files;

  if (selected->len == 0)
    {
      g_ptr_array_unref (selected);
      return;
    }

  if (selected->len == 1)
    {
      heading = g_strdup (_ ("Remove Torrent?"));
      body = g_strdup_printf (_ ("“%s” will no longer be downloaded or shared."),
                              spate_torrent_get_name (selected->pdata[0]));
    }
  else
    {
      heading = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Remove %u Torrent?", "Remove %u Torrents?", selected->len),
          selected->len);
      body = g_strdup (_ ("They will no longer be downloaded or shared."));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  delete_files = gtk_check_button_new_with_mnemonic (_ ("Also _delete the downloaded files"));
  gtk_widget_set_halign (delete_files, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (delete_files),
                               g_str_equal (name, "win.remove-with-files"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), delete_files);
  g_object_set_data_full (G_OBJECT (dialog), "spate-torrents", selected,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------ move storage */

static void
move_response_cb (GtkNativeDialog *chooser, int response, SpateWindow *self)
{
  g_autoptr (GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = folder != NULL ? g_file_get_path (folder) : NULL;
    }
  if (path != NULL)
    for_each_selected (self, move_one, path, _ ("Could not move"));
  g_object_unref (chooser);
}

static void
move_storage_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow          *self = SPATE_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Move Download To"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Move"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (move_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------- folder and magnet */

static void
shown_in_folder_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SpateWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!spate_portal_show_in_folder_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Could not open the folder: %s"), error->message);

      spate_window_show_toast (self, message);
    }
}

static void
open_folder_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);
  g_autoptr (GPtrArray) selected = _spate_window_get_selected (self);
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) content = NULL;
  SpateTorrent *torrent;

  if (selected->len == 0)
    return;
  torrent = selected->pdata[0];
  folder = g_file_new_for_path (spate_torrent_get_save_path (torrent));
  if (spate_torrent_get_has_metadata (torrent))
    content = g_file_get_child (folder, spate_torrent_get_disk_name (torrent));
  if (content == NULL || !g_file_query_exists (content, NULL))
    g_set_object (&content, folder);
  spate_portal_show_in_folder (GTK_WINDOW (self), content, self->cancellable, shown_in_folder_cb,
                               g_object_ref (self));
}

static void
copy_magnet_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);
  g_autoptr (GPtrArray) selected = _spate_window_get_selected (self);
  g_autoptr (GString) links = g_string_new (NULL);
  g_autofree char *message = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < selected->len; i++)
    {
      g_autofree char *link = spate_torrent_get_magnet_link (selected->pdata[i], &error);

      if (link == NULL)
        {
          message = g_strdup_printf (_ ("Could not make a magnet link: %s"), error->message);
          spate_window_show_toast (self, message);
          return;
        }
      g_string_append_printf (links, "%s%s", links->len > 0 ? "\n" : "", link);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), links->str);
  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Magnet link copied", "%u magnet links copied", selected->len),
      selected->len);
  spate_window_show_toast (self, message);
}

/* ---------------------------------------------------------- adding */

static void
add_file_response_cb (GtkNativeDialog *chooser, int response, SpateWindow *self)
{
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);

      spate_window_open_file (self, file, FALSE);
    }
  g_object_unref (chooser);
}

static void
add_file_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow          *self = SPATE_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) torrents = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_ ("Open Torrent Files"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (torrents, _ ("Torrent Files"));
  gtk_file_filter_add_mime_type (torrents, "application/x-bittorrent");
  gtk_file_filter_add_suffix (torrents, "torrent");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), torrents);
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (add_file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_magnet_response_cb (AdwMessageDialog *dialog, const char *response, SpateWindow *self)
{
  GtkEditable     *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "add") && text[0] != '\0')
    spate_window_open_uri (self, text, FALSE);
}

static void
magnet_entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", text[0] != '\0');
}

static void
add_magnet_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);
  GtkWidget   *dialog;
  GtkWidget   *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Add Magnet Link or URL"),
                                   _ ("A magnet link, or the web address of a .torrent file"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "add",
                                    _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "magnet:?xt=urn:btih:…");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  g_signal_connect (entry, "changed", G_CALLBACK (magnet_entry_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_magnet_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
created_cb (SpateWindow *self, GFile *file, SpateTorrent *torrent)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (torrent != NULL)
    message = g_strdup_printf (_ ("Saved “%s” and started seeding"), name);
  else
    message = g_strdup_printf (_ ("Saved “%s”"), name);
  spate_window_show_toast (self, message);
}

static void
create_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow       *self = SPATE_WINDOW (widget);
  SpateCreateDialog *dialog = spate_create_dialog_new (GTK_WINDOW (self), self->session);

  g_signal_connect_object (dialog, "created", G_CALLBACK (created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
paste_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SpateWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text == NULL || _spate_window_open_text (self, text) == 0)
    spate_window_show_toast (self, _ ("The clipboard holds no magnet link or torrent address"));
}

/* Files copied in a file manager. */
static void
paste_files_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SpateWindow) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);
  GSList       *files = value != NULL ? g_value_get_boxed (value) : NULL;
  guint         opened = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name == NULL || !g_str_has_suffix (name, ".torrent"))
        continue;
      spate_window_open_file (self, l->data, FALSE);
      opened++;
    }
  if (opened == 0)
    spate_window_show_toast (self, _ ("The clipboard holds no torrent file"));
}

static void
paste_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);

  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, self->cancellable, paste_cb, g_object_ref (self));
}

static void
search_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
torrent_options_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);
  g_autoptr (GPtrArray) selected = _spate_window_get_selected (self);

  if (selected->len > 0)
    gtk_window_present (
        GTK_WINDOW (spate_torrent_options_new (GTK_WINDOW (self), selected->pdata[0])));
}

static void
context_menu_activated (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWindow *self = SPATE_WINDOW (widget);
  int          width = gtk_widget_get_width (GTK_WIDGET (self->column_view));

  _spate_window_popup_context_menu (self, width / 3.0, 48);
}

/* The sequential property follows the first selected torrent and sets
 * every selected one; win.sequential is its action. */
void
_spate_window_set_sequential (SpateWindow *self, gboolean sequential)
{
  for_each_selected (self, sequential_one, GINT_TO_POINTER (sequential),
                     _ ("Could not change the download order"));
}

void
_spate_window_actions_class_init (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char                 *name;
    GtkWidgetActionActivateFunc activate;
    guint                       key;
    GdkModifierType             mods;
  } actions[] = {
    { "win.add-file", add_file_activated, GDK_KEY_o, GDK_CONTROL_MASK },
    { "win.add-magnet", add_magnet_activated, GDK_KEY_u, GDK_CONTROL_MASK },
    { "win.create-torrent", create_activated, GDK_KEY_n, GDK_CONTROL_MASK },
    { "win.paste", paste_activated, GDK_KEY_v, GDK_CONTROL_MASK },
    { "win.search", search_activated, GDK_KEY_f, GDK_CONTROL_MASK },
    { "win.pause", pause_activated, GDK_KEY_p, GDK_CONTROL_MASK },
    { "win.resume", resume_activated, GDK_KEY_s, GDK_CONTROL_MASK },
    { "win.pause-all", pause_all_activated, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.resume-all", resume_all_activated, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.remove", remove_activated, GDK_KEY_Delete, 0 },
    { "win.remove-with-files", remove_activated, GDK_KEY_Delete, GDK_SHIFT_MASK },
    { "win.recheck", recheck_activated, GDK_KEY_r, GDK_CONTROL_MASK },
    { "win.reannounce", reannounce_activated, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.move-storage", move_storage_activated, GDK_KEY_m, GDK_CONTROL_MASK },
    { "win.open-folder", open_folder_activated, GDK_KEY_e, GDK_CONTROL_MASK },
    { "win.copy-magnet", copy_magnet_activated, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.queue-top", queue_activated, GDK_KEY_Home, GDK_ALT_MASK },
    { "win.queue-up", queue_activated, GDK_KEY_Up, GDK_ALT_MASK },
    { "win.queue-down", queue_activated, GDK_KEY_Down, GDK_ALT_MASK },
    { "win.queue-bottom", queue_activated, GDK_KEY_End, GDK_ALT_MASK },
    { "win.context-menu", context_menu_activated, GDK_KEY_Menu, 0 },
    { "win.torrent-options", torrent_options_activated, GDK_KEY_i, GDK_CONTROL_MASK },
  };

  /* Menus show the last accelerator bound: the keypad's comes first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.remove", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
      gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods,
                                           actions[i].name, NULL);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "win.context-menu", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.sequential", "sequential");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK, "win.sequential",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

void
_spate_window_actions_init (SpateWindow *self)
{
  _spate_window_update_actions (self);
}
