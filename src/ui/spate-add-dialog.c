/* spate-add-dialog.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows at once, whatever it was given; the torrent's files appear when
 * they are known. A magnet link is fetched without downloading anything,
 * so the choice of files comes before the first piece.
 */

#include "spate-add-dialog-private.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (SpateAddDialog, spate_add_dialog, ADW_TYPE_WINDOW)

G_DEFINE_ENUM_TYPE (SpateAddDialogState,
                    spate_add_dialog_state,
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_FETCHING_METADATA, "fetching-metadata"),
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_DUPLICATE, "duplicate"),
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_MERGED, "merged"),
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (SPATE_ADD_DIALOG_ADDED, "added"))

enum
{
  PROP_0,
  PROP_STATE,
  PROP_READY,
  N_PROPS
};

enum
{
  TORRENT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* ------------------------------------------------------------ showing */

gboolean
_spate_add_dialog_has_files (SpateAddDialog *self)
{
  return self->root != NULL && spate_add_file_get_n_files (self->root) > 0;
}

static void
update_actions (SpateAddDialog *self)
{
  gboolean ready = self->state == SPATE_ADD_DIALOG_READY && _spate_add_dialog_has_files (self) &&
                   spate_add_file_get_n_wanted (self->root) > 0;
  gboolean listed = self->state == SPATE_ADD_DIALOG_READY && _spate_add_dialog_has_files (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-dialog.add", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-dialog.select-all", listed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-dialog.select-none", listed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-dialog.merge-trackers",
                                 self->state == SPATE_ADD_DIALOG_DUPLICATE);
  if (ready != self->ready)
    {
      self->ready = ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

/* Sizes and counts; after every change to which files are wanted. */
void
_spate_add_dialog_update_summary (SpateAddDialog *self)
{
  g_autofree char *wanted = NULL;
  g_autofree char *total = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *text = NULL;
  guint            n_files, n_wanted;

  gtk_widget_set_visible (GTK_WIDGET (self->size_label), self->root != NULL);
  if (self->root != NULL)
    {
      n_files = spate_add_file_get_n_files (self->root);
      n_wanted = spate_add_file_get_n_wanted (self->root);
      wanted = g_format_size (spate_add_file_get_wanted_size (self->root));
      total = g_format_size (spate_add_file_get_size (self->root));
      /* Translators: sizes, as in "1.2 GB of 4.7 GB selected". */
      sizes = g_strdup_printf (_ ("%s of %s selected"), wanted, total);
      counts = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u of %u file", "%u of %u files", n_files), n_wanted,
          n_files);
      /* Translators: the sizes and the file counts, joined. */
      text = g_strdup_printf (C_ ("add-summary", "%s · %s"), sizes, counts);
      gtk_label_set_text (self->size_label, text);
    }
  _spate_add_dialog_update_space (self);
  update_actions (self);
}

static void
set_state (SpateAddDialog *self, SpateAddDialogState state)
{
  const char *page = "torrent";
  gboolean    waiting =
      state == SPATE_ADD_DIALOG_LOADING || state == SPATE_ADD_DIALOG_FETCHING_METADATA;

  if (state == SPATE_ADD_DIALOG_ERROR)
    page = "error";
  else if (state == SPATE_ADD_DIALOG_DUPLICATE || state == SPATE_ADD_DIALOG_MERGED)
    page = "duplicate";
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_stack_set_visible_child_name (self->files_stack, waiting ? "waiting" : "files");
  gtk_spinner_set_spinning (self->spinner, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button),
                          state != SPATE_ADD_DIALOG_DUPLICATE && state != SPATE_ADD_DIALOG_MERGED);
  if (state == SPATE_ADD_DIALOG_MERGED)
    gtk_button_set_label (self->cancel_button, _ ("_Close"));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  update_actions (self);
}

static void
stop_fetch (SpateAddDialog *self)
{
  if (self->fetch == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->fetch, self);
  spate_metadata_fetch_cancel (self->fetch);
  g_clear_object (&self->fetch);
}

static void
show_error (SpateAddDialog *self, const char *message)
{
  adw_status_page_set_description (self->error_page, message);
  set_state (self, SPATE_ADD_DIALOG_ERROR);
}

static void
show_duplicate (SpateAddDialog *self, SpateTorrent *existing, SpateTorrentInfo *info)
{
  g_autofree char *text = NULL;
  guint            n_sources = 0;

  stop_fetch (self);
  g_set_object (&self->existing, existing);
  if (info != NULL)
    n_sources =
        spate_torrent_info_get_n_trackers (info) + spate_torrent_info_get_n_web_seeds (info);
  text = g_strdup_printf (_ ("“%s” is already in your list."), spate_torrent_get_name (existing));
  adw_status_page_set_title (self->duplicate_page, _ ("Already Added"));
  adw_status_page_set_description (self->duplicate_page, text);
  gtk_widget_set_visible (GTK_WIDGET (self->merge_button), n_sources > 0);
  set_state (self, SPATE_ADD_DIALOG_DUPLICATE);
  if (n_sources > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->merge_button));
}

static void
show_merged (SpateAddDialog *self)
{
  g_autofree char *text =
      g_strdup_printf (_ ("“%s” now also uses the trackers and web seeds of this torrent."),
                       spate_torrent_get_name (self->existing));

  adw_status_page_set_title (self->duplicate_page, _ ("Trackers Merged"));
  adw_status_page_set_description (self->duplicate_page, text);
  gtk_widget_set_visible (GTK_WIDGET (self->merge_button), FALSE);
  set_state (self, SPATE_ADD_DIALOG_MERGED);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
show_add_error (SpateAddDialog *self, const char *message)
{
  gtk_label_set_text (self->add_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), message != NULL);
}

static void
set_name (SpateAddDialog *self, const char *name)
{
  gtk_label_set_text (self->name_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), name);
}

static void
update_options_summary (SpateAddDialog *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (gtk_switch_get_active (self->sequential_switch))
    g_ptr_array_add (parts, _ ("Sequential"));
  if (gtk_switch_get_active (self->first_last_switch))
    g_ptr_array_add (parts, _ ("First and last pieces first"));
  if (parts->len == 0)
    g_ptr_array_add (parts, _ ("Rarest pieces first"));
  if (gtk_switch_get_active (self->queue_top_switch))
    g_ptr_array_add (parts, _ ("top of queue"));
  g_ptr_array_add (parts, NULL);
  /* Translators: joins the download order options shown under "Download Order". */
  text = g_strjoinv (C_ ("options-separator", ", "), (char **) parts->pdata);
  adw_expander_row_set_subtitle (self->options_row, text);
}

/* ------------------------------------------------------------ loading */

static SpateTorrent *
lookup_info (SpateAddDialog *self, SpateTorrentInfo *info)
{
  const char   *v1 = spate_torrent_info_get_info_hash_v1 (info);
  const char   *v2 = spate_torrent_info_get_info_hash_v2 (info);
  SpateTorrent *torrent = NULL;

  if (v1 != NULL)
    torrent = spate_session_lookup (self->session, v1);
  if (torrent == NULL && v2 != NULL)
    torrent = spate_session_lookup (self->session, v2);
  return torrent;
}

/* The metadata is here: list the files. */
static void
show_info (SpateAddDialog *self, SpateTorrentInfo *info)
{
  SpateTorrent *existing = lookup_info (self, info);
  GtkWidget    *focus;

  g_set_object (&self->info, info);
  set_name (self, spate_torrent_info_get_name (info));
  if (existing != NULL)
    {
      show_duplicate (self, existing, info);
      return;
    }

  g_clear_pointer (&self->by_index, g_ptr_array_unref);
  g_clear_object (&self->root);
  g_clear_object (&self->files);
  self->root = spate_add_file_new_tree (info, &self->by_index);
  spate_add_file_filter (self->root, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  _spate_add_dialog_set_tree_model (self);
  set_state (self, SPATE_ADD_DIALOG_READY);
  _spate_add_dialog_update_summary (self);

  /* Enter adds, unless the person has moved on to something else. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (focus == NULL || focus == GTK_WIDGET (self->cancel_button))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
show_waiting (SpateAddDialog *self, SpateAddDialogState state, const char *title)
{
  gtk_label_set_text (self->waiting_title, title);
  gtk_label_set_text (self->waiting_detail, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_detail), FALSE);
  set_state (self, state);
  _spate_add_dialog_update_summary (self);
}

/* Names the file and the server while the .torrent downloads. */
static void
show_downloading (SpateAddDialog *self, const char *url)
{
  g_autoptr (GUri) parsed = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char      *path = parsed != NULL ? g_uri_get_path (parsed) : "";
  g_autofree char *base = g_path_get_basename (path[0] != '\0' ? path : "/");
  g_autofree char *name = g_uri_unescape_string (base, NULL);
  g_autofree char *from = NULL;

  set_name (self, name != NULL && !g_str_equal (name, "/") ? name : url);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), url);
  show_waiting (self, SPATE_ADD_DIALOG_LOADING, _ ("Downloading Torrent File…"));
  if (parsed != NULL && g_uri_get_host (parsed) != NULL)
    {
      /* Translators: %s is a web server's name, such as "releases.ubuntu.com". */
      from = g_strdup_printf (_ ("From %s"), g_uri_get_host (parsed));
      gtk_label_set_text (self->waiting_detail, from);
      gtk_widget_set_visible (GTK_WIDGET (self->waiting_detail), TRUE);
    }
}

static void
info_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateTorrentInfo) info = spate_torrent_info_new_from_uri_finish (result, &error);
  SpateAddDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, SPATE_ERROR, SPATE_ERROR_CANCELLED))
    return;
  self = SPATE_ADD_DIALOG (user_data);
  g_clear_object (&self->cancellable);
  if (info == NULL)
    show_error (self, error->message);
  else
    show_info (self, info);
}

/* ------------------------------------------------------------ magnets */

static void
fetch_name_changed (SpateAddDialog *self)
{
  const char *name = spate_metadata_fetch_get_name (self->fetch);

  if (self->info == NULL && name != NULL && name[0] != '\0')
    set_name (self, name);
}

static void
fetch_peers_changed (SpateAddDialog *self)
{
  int              n_peers = spate_metadata_fetch_get_num_peers (self->fetch);
  g_autofree char *text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Connected to %d peer", "Connected to %d peers", n_peers),
      n_peers);

  gtk_label_set_text (self->waiting_detail, text);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_detail), TRUE);
}

static void
fetch_info_changed (SpateAddDialog *self)
{
  SpateTorrentInfo *info = spate_metadata_fetch_get_info (self->fetch);

  if (info != NULL && self->state == SPATE_ADD_DIALOG_FETCHING_METADATA)
    show_info (self, info);
}

static void
fetch_error_changed (SpateAddDialog *self)
{
  const char *message = spate_metadata_fetch_get_error (self->fetch);

  if (message != NULL && self->state == SPATE_ADD_DIALOG_FETCHING_METADATA)
    show_error (self, message);
}

static void
load_magnet (SpateAddDialog *self, const char *uri)
{
  g_autoptr (SpateTorrentInfo) magnet = spate_torrent_info_new_from_magnet (uri, NULL);
  g_autoptr (GError) error = NULL;

  if (magnet != NULL && spate_torrent_info_get_name (magnet) != NULL)
    set_name (self, spate_torrent_info_get_name (magnet));
  else
    set_name (self, _ ("Magnet Link"));

  self->fetch = spate_session_fetch_metadata (self->session, uri, self->destination, &error);
  if (self->fetch == NULL)
    {
      SpateTorrent *existing = magnet != NULL ? lookup_info (self, magnet) : NULL;

      if (g_error_matches (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED) && existing != NULL)
        {
          g_set_object (&self->info, magnet);
          show_duplicate (self, existing, magnet);
        }
      else
        show_error (self, error->message);
      return;
    }

  g_signal_connect_object (self->fetch, "notify::name", G_CALLBACK (fetch_name_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fetch, "notify::num-peers", G_CALLBACK (fetch_peers_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fetch, "notify::info", G_CALLBACK (fetch_info_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fetch, "notify::error", G_CALLBACK (fetch_error_changed), self,
                           G_CONNECT_SWAPPED);
  show_waiting (self, SPATE_ADD_DIALOG_FETCHING_METADATA, _ ("Fetching Metadata…"));
  fetch_name_changed (self);
  fetch_peers_changed (self);
  /* It may have been known already. */
  fetch_error_changed (self);
  fetch_info_changed (self);
}

/* ------------------------------------------------------------ actions */

static void
merge_trackers_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (widget);
  g_autoptr (GError) error = NULL;

  if (self->existing == NULL || self->info == NULL)
    return;
  if (!spate_session_merge_trackers (self->session, self->existing, self->info, &error))
    {
      adw_status_page_set_description (self->duplicate_page, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->merge_button), FALSE);
      return;
    }
  show_merged (self);
}

gboolean
spate_add_dialog_add (SpateAddDialog *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree guint8 *priorities = NULL;
  SpateAddOptions    options = { 0 };
  SpateTorrent      *torrent;
  guint              n;

  g_return_val_if_fail (SPATE_IS_ADD_DIALOG (self), FALSE);

  if (!spate_add_dialog_get_ready (self))
    {
      g_set_error_literal (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                           self->root != NULL ? _ ("No file is selected")
                                              : _ ("The torrent’s files are not known yet"));
      return FALSE;
    }

  n = self->by_index->len;
  priorities = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      SpateAddFile *file = g_ptr_array_index (self->by_index, i);

      if (file != NULL && spate_add_file_get_checked (file))
        priorities[i] = spate_add_file_get_priority (file);
    }
  options.save_path = self->destination;
  options.paused = gtk_switch_get_active (self->paused_switch);
  options.sequential = gtk_switch_get_active (self->sequential_switch);
  options.first_last_pieces = gtk_switch_get_active (self->first_last_switch);
  options.queue_top = gtk_switch_get_active (self->queue_top_switch);
  options.file_priorities = priorities;
  options.n_file_priorities = n;

  if (self->fetch != NULL)
    torrent = spate_metadata_fetch_add (self->fetch, &options, &local_error);
  else
    torrent = spate_session_add_bytes (self->session, spate_torrent_info_get_bytes (self->info),
                                       &options, &local_error);

  if (torrent == NULL)
    {
      SpateTorrent *existing = lookup_info (self, self->info);

      /* Added elsewhere while this dialog was open: the engine gave it
       * this torrent's trackers. */
      if (g_error_matches (local_error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED) && existing)
        {
          stop_fetch (self);
          g_set_object (&self->existing, existing);
          show_merged (self);
        }
      else
        show_add_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_object_ref (torrent);
  g_clear_object (&self->fetch); /* it is the torrent now: nothing to cancel */
  set_state (self, SPATE_ADD_DIALOG_ADDED);
  g_signal_emit (self, signals[TORRENT_ADDED], 0, torrent);
  g_object_unref (torrent);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
add_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  g_autoptr (GError) error = NULL;

  /* The dialog shows why it failed. */
  if (!spate_add_dialog_add (SPATE_ADD_DIALOG (widget), &error))
    g_debug ("Not added: %s", error->message);
}

/* ------------------------------------------------------------ GObject */

static void
spate_add_dialog_dispose (GObject *object)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (object);

  /* Closing without adding leaves nothing behind. */
  stop_fetch (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->space_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->file_selection != NULL)
    gtk_no_selection_set_model (self->file_selection, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_ADD_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->space_cancellable);
  g_clear_object (&self->info);
  g_clear_object (&self->existing);
  g_clear_object (&self->files);
  g_clear_pointer (&self->by_index, g_ptr_array_unref);
  g_clear_object (&self->root);
  g_clear_object (&self->filter);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (spate_add_dialog_parent_class)->dispose (object);
}

static void
spate_add_dialog_show (GtkWidget *widget)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (widget);

  GTK_WIDGET_CLASS (spate_add_dialog_parent_class)->show (widget);

  /* GTK focuses the first button, Cancel, where Enter should add (or do
   * nothing while there is nothing to add). */
  if (gtk_window_get_focus (GTK_WINDOW (self)) == GTK_WIDGET (self->cancel_button))
    {
      if (self->ready)
        gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
      else
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
}

static void
spate_add_dialog_finalize (GObject *object)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (object);

  g_free (self->destination);

  G_OBJECT_CLASS (spate_add_dialog_parent_class)->finalize (object);
}

static void
spate_add_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_add_dialog_class_init (SpateAddDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_add_dialog_dispose;
  object_class->finalize = spate_add_dialog_finalize;
  object_class->get_property = spate_add_dialog_get_property;
  widget_class->show = spate_add_dialog_show;

  properties[PROP_STATE] =
      g_param_spec_enum ("state", NULL, NULL, SPATE_TYPE_ADD_DIALOG_STATE, SPATE_ADD_DIALOG_LOADING,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
      g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The dialog closes itself right after. */
  signals[TORRENT_ADDED] =
      g_signal_new ("torrent-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, SPATE_TYPE_TORRENT);

  g_type_ensure (SPATE_TYPE_ADD_FILE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/spate/Spate/spate-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, space_label);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, paused_switch);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, options_row);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, sequential_switch);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, first_last_switch);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, queue_top_switch);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, files_stack);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, waiting_title);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, waiting_detail);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, file_view);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, file_selection);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, duplicate_page);
  gtk_widget_class_bind_template_child (widget_class, SpateAddDialog, merge_button);
  gtk_widget_class_bind_template_callback (widget_class, update_options_summary);
  _spate_add_dialog_class_init_files (widget_class);

  gtk_widget_class_install_action (widget_class, "add-dialog.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "add-dialog.choose-folder", NULL,
                                   _spate_add_dialog_choose_folder_activated);
  gtk_widget_class_install_action (widget_class, "add-dialog.merge-trackers", NULL,
                                   merge_trackers_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "add-dialog.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "add-dialog.add", NULL);
}

static void
spate_add_dialog_init (SpateAddDialog *self)
{
  self->free_space = -1;
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_options_summary (self);
  set_state (self, SPATE_ADD_DIALOG_LOADING);
}

/* ------------------------------------------------------------ public */

SpateAddDialog *
spate_add_dialog_new (GtkWindow *parent, SpateSession *session, GSettings *settings)
{
  SpateAddDialog  *self;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_ADD_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  dir = g_settings_get_string (settings, "download-dir");
  _spate_add_dialog_set_destination (
      self, dir[0] != '\0' ? dir : spate_session_get_download_dir (session));
  gtk_switch_set_active (self->paused_switch, g_settings_get_boolean (settings, "start-paused"));
  return self;
}

void
spate_add_dialog_load_uri (SpateAddDialog *self, const char *uri)
{
  g_autofree char *scheme = NULL;

  g_return_if_fail (SPATE_IS_ADD_DIALOG (self));
  g_return_if_fail (uri != NULL);

  /* Start over. */
  stop_fetch (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->info);
  g_clear_object (&self->existing);
  g_clear_object (&self->files);
  g_clear_pointer (&self->by_index, g_ptr_array_unref);
  g_clear_object (&self->root);
  _spate_add_dialog_set_tree_model (self);
  show_add_error (self, NULL);

  scheme = g_uri_parse_scheme (uri);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "magnet") == 0)
    {
      load_magnet (self, uri);
      return;
    }

  if (scheme != NULL &&
      (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    {
      show_downloading (self, uri);
    }
  else
    {
      g_autofree char *path = scheme != NULL && strlen (scheme) > 1
                                  ? g_filename_from_uri (uri, NULL, NULL)
                                  : g_strdup (uri);
      g_autofree char *base = g_path_get_basename (path != NULL ? path : uri);
      g_autofree char *display = g_filename_display_name (base);

      set_name (self, display);
      show_waiting (self, SPATE_ADD_DIALOG_LOADING, _ ("Reading Torrent File…"));
    }
  self->cancellable = g_cancellable_new ();
  spate_torrent_info_new_from_uri_async (uri, self->cancellable, info_loaded, self);
}

SpateAddDialogState
spate_add_dialog_get_state (SpateAddDialog *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_DIALOG (self), SPATE_ADD_DIALOG_ERROR);
  return self->state;
}

gboolean
spate_add_dialog_get_ready (SpateAddDialog *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_DIALOG (self), FALSE);
  return self->ready;
}

GListModel *
spate_add_dialog_get_files (SpateAddDialog *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_DIALOG (self), NULL);

  if (self->files == NULL)
    {
      self->files = g_list_store_new (SPATE_TYPE_ADD_FILE);
      for (guint i = 0; self->by_index != NULL && i < self->by_index->len; i++)
        {
          if (g_ptr_array_index (self->by_index, i) != NULL)
            g_list_store_append (self->files, g_ptr_array_index (self->by_index, i));
        }
    }
  return G_LIST_MODEL (self->files);
}

void
spate_add_dialog_set_file_wanted (SpateAddDialog *self, int file_index, gboolean wanted)
{
  SpateAddFile *file;

  g_return_if_fail (SPATE_IS_ADD_DIALOG (self));

  if (self->by_index == NULL || file_index < 0 || (guint) file_index >= self->by_index->len)
    return;
  file = g_ptr_array_index (self->by_index, file_index);
  if (file == NULL)
    return;
  spate_add_file_set_wanted (file, wanted, FALSE);
  _spate_add_dialog_update_summary (self);
}
