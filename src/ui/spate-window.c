/* spate-window.c: the main window: the torrent list and what acts on it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-window-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "spate-add-dialog.h"
#include "spate-cell-label.h"

/* Values of the show-add-dialog key. */
enum
{
  ADD_DIALOG_ALWAYS,
  ADD_DIALOG_MAGNETS,
  ADD_DIALOG_NEVER,
};

/* How often the free space of the download folder is looked at. */
#define FREE_SPACE_INTERVAL_S 10

G_DEFINE_FINAL_TYPE (SpateWindow, spate_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_APPLICATION_OBJECT,
  PROP_SEQUENTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
spate_window_show_toast (SpateWindow *self, const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SPATE_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_magnet (const char *uri)
{
  return g_ascii_strncasecmp (uri, "magnet:", 7) == 0;
}

/* A .torrent file a person opened, to delete once its torrent is in the
 * list when the key delete-torrent-files says so. */
typedef struct
{
  SpateWindow *window; /* owned, while adding directly */
  GSettings   *settings;
  char        *uri;
} Opened;

static Opened *
opened_new (SpateWindow *window, const char *uri)
{
  Opened *opened = g_new0 (Opened, 1);

  opened->settings = g_object_ref (window->settings);
  opened->uri = g_strdup (uri);
  return opened;
}

static void
opened_free (gpointer data)
{
  Opened *opened = data;

  g_clear_object (&opened->window);
  g_object_unref (opened->settings);
  g_free (opened->uri);
  g_free (opened);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opened, opened_free)

static void
opened_closure_free (gpointer data, GClosure *closure)
{
  opened_free (data);
}

static void
delete_opened (Opened *opened)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;

  if (!g_settings_get_boolean (opened->settings, "delete-torrent-files"))
    return;
  /* Only a local file: never a magnet link or a web address. */
  if (g_ascii_strncasecmp (opened->uri, "file:", 5) == 0)
    path = g_filename_from_uri (opened->uri, NULL, NULL);
  else if (g_path_is_absolute (opened->uri))
    path = g_strdup (opened->uri);
  if (path == NULL)
    return;
  /* Left alone in a folder Spate may not change. */
  folder = g_path_get_dirname (path);
  if (g_access (folder, W_OK) != 0)
    return;
  display = g_filename_display_name (path);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_message ("Could not delete “%s”: %s", display, g_strerror (errno));
}

static void
added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Opened) opened = user_data;
  g_autoptr (SpateWindow) self = g_steal_pointer (&opened->window);
  g_autoptr (SpateTorrent) torrent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean         already_added = FALSE;

  torrent = spate_session_add_uri_finish (SPATE_SESSION (source), result, &already_added, &error);
  if (torrent == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_ ("Could not add the torrent: %s"), error->message);
    }
  else if (already_added)
    message = g_strdup_printf (_ ("“%s” is already in the list; its trackers were merged"),
                               spate_torrent_get_name (torrent));
  if (torrent != NULL)
    delete_opened (opened);

  if (message != NULL)
    spate_window_show_toast (self, message);
}

static void
add_directly (SpateWindow *self, const char *uri)
{
  SpateAddOptions options = { 0 };
  Opened         *opened = opened_new (self, uri);

  opened->window = g_object_ref (self);
  options.paused = g_settings_get_boolean (self->settings, "start-paused");
  spate_session_add_uri_async (self->session, uri, &options, self->cancellable, added_cb, opened);
}

static void
torrent_added_cb (SpateWindow *self, SpateTorrent *torrent)
{
  g_autofree char *message = g_strdup_printf (_ ("“%s” added"), spate_torrent_get_name (torrent));

  spate_window_show_toast (self, message);
}

void
_spate_window_show_add_dialog (SpateWindow *self, const char *uri)
{
  SpateAddDialog *dialog = spate_add_dialog_new (GTK_WINDOW (self), self->session, self->settings);

  g_signal_connect_object (dialog, "torrent-added", G_CALLBACK (torrent_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_data (dialog, "torrent-added", G_CALLBACK (delete_opened),
                         opened_new (self, uri), opened_closure_free, G_CONNECT_SWAPPED);
  spate_add_dialog_load_uri (dialog, uri);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
spate_window_open_uri (SpateWindow *self, const char *uri, gboolean from_outside)
{
  int mode;

  g_return_if_fail (SPATE_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  mode = g_settings_get_enum (self->settings, "show-add-dialog");
  if (from_outside || mode == ADD_DIALOG_ALWAYS || (mode == ADD_DIALOG_MAGNETS && is_magnet (uri)))
    _spate_window_show_add_dialog (self, uri);
  else
    add_directly (self, uri);
}

/* A local file by its path; anything else (a magnet, a web address) by its
 * URI, even where GVfs could give it a path of its own. */
void
spate_window_open_file (SpateWindow *self, GFile *file, gboolean from_outside)
{
  g_autofree char *path = g_file_has_uri_scheme (file, "file") ? g_file_get_path (file) : NULL;
  g_autofree char *uri = path == NULL ? g_file_get_uri (file) : NULL;

  g_return_if_fail (SPATE_IS_WINDOW (self));
  spate_window_open_uri (self, path != NULL ? path : uri, from_outside);
}

/* A line a person may paste or drop: a magnet, a URL or a .torrent path. */
static gboolean
looks_addable (const char *line)
{
  return is_magnet (line) || g_str_has_prefix (line, "http://") ||
         g_str_has_prefix (line, "https://") ||
         (g_str_has_prefix (line, "file://") && g_str_has_suffix (line, ".torrent")) ||
         (g_path_is_absolute (line) && g_str_has_suffix (line, ".torrent"));
}

guint
_spate_window_open_text (SpateWindow *self, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint opened = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (looks_addable (line))
        {
          spate_window_open_uri (self, line, FALSE);
          opened++;
        }
    }
  return opened;
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, SpateWindow *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      for (GSList *l = files; l != NULL; l = l->next)
        spate_window_open_file (self, l->data, FALSE);
      return files != NULL;
    }

  if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      if (_spate_window_open_text (self, g_value_get_string (value)) > 0)
        return TRUE;
      spate_window_show_toast (self, _ ("Only torrent files and magnet links can be dropped here"));
    }
  return FALSE;
}

/* ---------------------------------------------------------- status bar */

static void
free_space_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SpateWindow) self = user_data;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  info = g_file_query_filesystem_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->free_space_label, "");
      return;
    }

  name = g_file_get_basename (G_FILE (source));
  size = g_format_size (g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE));
  /* Translators: "12.3 GB free in Downloads" */
  text = g_strdup_printf (_ ("%s free in %s"), size, name);
  gtk_label_set_text (self->free_space_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->free_space_label),
                               g_file_peek_path (G_FILE (source)));
}

static void
update_free_space (SpateWindow *self)
{
  g_autoptr (GFile) dir = g_file_new_for_path (spate_session_get_download_dir (self->session));

  g_file_query_filesystem_info_async (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, G_PRIORITY_LOW,
                                      self->cancellable, free_space_cb, g_object_ref (self));
}

static char *
format_rate_text (const char *arrow, int rate)
{
  g_autofree char *size = g_format_size (rate);

  /* Translators: a transfer rate, "↓ 1.2 MB/s" */
  return g_strdup_printf (_ ("%s %s/s"), arrow, size);
}

static void
update_status_bar (SpateWindow *self)
{
  g_autofree char *down = format_rate_text ("↓", spate_session_get_download_rate (self->session));
  g_autofree char *up = format_rate_text ("↑", spate_session_get_upload_rate (self->session));
  g_autofree char *dht = NULL;
  int              nodes = spate_session_get_dht_nodes (self->session);

  gtk_label_set_text (self->download_label, down);
  gtk_label_set_text (self->upload_label, up);
  dht = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "DHT: %d node", "DHT: %d nodes", nodes),
                         nodes);
  gtk_label_set_text (self->dht_label, dht);
  /* Only the weekly schedule pauses the whole session; Pause All pauses
   * torrents one by one. */
  gtk_widget_set_visible (GTK_WIDGET (self->paused_label),
                          spate_session_get_paused (self->session));
}

/* Right after the engine's once-a-second update, so that the rows, the
 * counts and the status bar change in the same frame. */
static void
status_updated_cb (SpateWindow *self)
{
  update_status_bar (self);
  _spate_window_list_tick (self);
  self->ticks++;
}

static gboolean
free_space_tick_cb (gpointer user_data)
{
  update_free_space (user_data);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------- closing */

static gboolean
has_active_torrents (SpateWindow *self)
{
  GListModel *torrents = G_LIST_MODEL (spate_session_get_torrents (self->session));
  guint       n = g_list_model_get_n_items (torrents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (torrents, i);

      switch (spate_torrent_get_state (torrent))
        {
        case SPATE_TORRENT_STATE_PAUSED:
        case SPATE_TORRENT_STATE_ERROR:
        case SPATE_TORRENT_STATE_COMPLETED:
          break;
        default:
          return TRUE;
        }
    }
  return FALSE;
}

static void
close_response_cb (AdwMessageDialog *dialog, const char *response, SpateWindow *self)
{
  GtkCheckButton *remember = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));
  gboolean        background = g_strcmp0 (response, "background") == 0;

  if (g_strcmp0 (response, "cancel") == 0 || g_strcmp0 (response, "close") == 0)
    return;
  if (gtk_check_button_get_active (remember))
    g_settings_set_string (self->settings, "run-in-background", background ? "always" : "never");

  if (background)
    spate_application_run_in_background (self->application);
  else
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "quit", NULL);
}

static void
ask_about_background (SpateWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *remember;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Keep Running in the Background?"),
                                   _ ("Torrents are still downloading or seeding. Spate can keep "
                                      "them going without a window."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "quit",
                                    _ ("_Quit"), "background", _ ("_Keep Running"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "background",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "background");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  remember = gtk_check_button_new_with_mnemonic (_ ("_Remember my choice"));
  gtk_widget_set_halign (remember, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), remember);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
spate_window_close_request (GtkWindow *window)
{
  SpateWindow     *self = SPATE_WINDOW (window);
  g_autofree char *mode = g_settings_get_string (self->settings, "run-in-background");

  if (g_str_equal (mode, "never") || !has_active_torrents (self))
    return GTK_WINDOW_CLASS (spate_window_parent_class)->close_request (window);

  if (g_str_equal (mode, "always"))
    spate_application_run_in_background (self->application);
  else
    ask_about_background (self);
  return TRUE;
}

/* --------------------------------------------------------- the object */

static void
spate_window_constructed (GObject *object)
{
  SpateWindow *self = SPATE_WINDOW (object);

  G_OBJECT_CLASS (spate_window_parent_class)->constructed (object);

  self->session = g_object_ref (spate_application_get_session (self->application));
  self->settings = g_object_ref (spate_application_get_settings (self->application));

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  _spate_window_list_init (self);
  _spate_window_actions_init (self);

  update_status_bar (self);
  update_free_space (self);
  g_signal_connect_object (self->session, "notify::download-dir", G_CALLBACK (update_free_space),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "status-updated", G_CALLBACK (status_updated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::paused", G_CALLBACK (update_status_bar), self,
                           G_CONNECT_SWAPPED);
  self->tick_id = g_timeout_add_seconds (FREE_SPACE_INTERVAL_S, free_space_tick_cb, self);
}

static void
spate_window_dispose (GObject *object)
{
  SpateWindow *self = SPATE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  _spate_window_list_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_WINDOW);

  G_OBJECT_CLASS (spate_window_parent_class)->dispose (object);
}

static void
spate_window_finalize (GObject *object)
{
  SpateWindow *self = SPATE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (spate_window_parent_class)->finalize (object);
}

static void
spate_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SpateWindow *self = SPATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION_OBJECT:
      /* The application outlives its windows. */
      self->application = g_value_get_object (value);
      gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (self->application));
      break;
    case PROP_SEQUENTIAL:
      _spate_window_set_sequential (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateWindow *self = SPATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SEQUENTIAL:
      g_value_set_boolean (value, self->sequential);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_window_class_init (SpateWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = spate_window_constructed;
  object_class->dispose = spate_window_dispose;
  object_class->finalize = spate_window_finalize;
  object_class->set_property = spate_window_set_property;
  object_class->get_property = spate_window_get_property;
  window_class->close_request = spate_window_close_request;

  properties[PROP_APPLICATION_OBJECT] =
      g_param_spec_object ("spate-application", NULL, NULL, SPATE_TYPE_APPLICATION,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether the selected torrents download in order: win.sequential. */
  properties[PROP_SEQUENTIAL] =
      g_param_spec_boolean ("sequential", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/spate/Spate/spate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, filter_list);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, context_menu);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, download_label);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, upload_label);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, dht_label);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, paused_label);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, free_space_label);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, columns_section);
  gtk_widget_class_bind_template_child (widget_class, SpateWindow, columns_header_section);

  g_type_ensure (SPATE_TYPE_CELL_LABEL);
  g_type_ensure (SPATE_TYPE_DETAILS_PANE);
  _spate_window_list_class_init (widget_class);
  _spate_window_actions_class_init (widget_class);
}

static void
spate_window_init (SpateWindow *self)
{
  GType          drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };
  GtkDropTarget *target;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

SpateWindow *
spate_window_new (SpateApplication *application)
{
  return g_object_new (SPATE_TYPE_WINDOW, "spate-application", application, NULL);
}
