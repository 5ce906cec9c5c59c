/* spate-create-dialog.c: making a .torrent from a file or folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-create-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (SpateCreateDialog, spate_create_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_SOURCE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* ------------------------------------------------------------- helpers */

char *
_spate_create_dialog_source_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
entry_row_get_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* ---------------------------------------------------- messages, state */

void
_spate_create_dialog_show_error (SpateCreateDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
hide_error (SpateCreateDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
on_error_dismissed (SpateCreateDialog *self)
{
  hide_error (self);
}

static void
update_actions (SpateCreateDialog *self)
{
  gboolean busy = self->job != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create", !busy && self->source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.choose-file", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.choose-folder", !busy);
  gtk_widget_set_sensitive (self->form, !busy);
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
}

/* Puts the cursor on a bad line and selects it, so it is easy to fix. */
static void
select_line (GtkTextView *view, int line)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_view_scroll_to_iter (view, &start, 0.0, FALSE, 0.0, 0.0);
}

/* --------------------------------------------------- reading the fields */

/* One URL per line; with tiers, a blank line starts the next tier. On a
 * line that is not a URL of one of schemes, returns FALSE with *bad_line
 * (counted from 0) and *bad_url set. */
static gboolean
parse_urls (const char         *text,
            const char * const *schemes,
            GPtrArray          *urls,
            GArray             *tiers,
            int                *bad_line,
            char              **bad_url)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  int      tier = 0;
  gboolean tier_used = FALSE;

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GUri) uri = NULL;
      char       *line = g_strstrip (lines[i]);
      const char *host;

      if (*line == '\0')
        {
          if (tier_used)
            tier++;
          tier_used = FALSE;
          continue;
        }
      if (g_uri_is_valid (line, G_URI_FLAGS_NONE, NULL))
        uri = g_uri_parse (line, G_URI_FLAGS_NONE, NULL);
      host = uri != NULL ? g_uri_get_host (uri) : NULL;
      if (uri == NULL || host == NULL || *host == '\0' ||
          !g_strv_contains (schemes, g_uri_get_scheme (uri)))
        {
          *bad_line = i;
          *bad_url = g_strdup (line);
          return FALSE;
        }
      g_ptr_array_add (urls, g_strdup (line));
      if (tiers != NULL)
        g_array_append_val (tiers, tier);
      tier_used = TRUE;
    }
  g_ptr_array_add (urls, NULL);
  return TRUE;
}

static gboolean
read_urls (SpateCreateDialog *self, GPtrArray *trackers, GArray *tiers, GPtrArray *web_seeds)
{
  static const char * const tracker_schemes[] = { "http", "https", "udp", NULL };
  static const char * const web_seed_schemes[] = { "http", "https", NULL };
  g_autofree char          *trackers_text = text_view_get_text (self->trackers_view);
  g_autofree char          *web_seeds_text = text_view_get_text (self->web_seeds_view);
  g_autofree char          *bad_url = NULL;
  g_autofree char          *message = NULL;
  int                       bad_line;

  if (!parse_urls (trackers_text, tracker_schemes, trackers, tiers, &bad_line, &bad_url))
    {
      message = g_strdup_printf (_ ("The tracker “%s” is not a valid URL: trackers start with "
                                    "http://, https:// or udp://"),
                                 bad_url);
      _spate_create_dialog_show_error (self, message);
      select_line (self->trackers_view, bad_line);
      return FALSE;
    }
  if (!parse_urls (web_seeds_text, web_seed_schemes, web_seeds, NULL, &bad_line, &bad_url))
    {
      message = g_strdup_printf (_ ("The web seed “%s” is not a valid URL: web seeds start with "
                                    "http:// or https://"),
                                 bad_url);
      _spate_create_dialog_show_error (self, message);
      select_line (self->web_seeds_view, bad_line);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- creating */

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->destination);
  g_clear_pointer (&job->source_path, g_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

/* The dialog, or NULL when it has moved on (closed, cancelled). */
static SpateCreateDialog *
job_owner (Job *job)
{
  if (job->self->job != job || g_cancellable_is_cancelled (job->cancellable))
    return NULL;
  return job->self;
}

static void
job_end (Job *job)
{
  SpateCreateDialog *self = job->self;

  if (self->job == job)
    {
      self->job = NULL;
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  job_free (job);
}

static void fail (Job *job, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
fail (Job *job, const char *format, ...)
{
  SpateCreateDialog *self = job_owner (job);
  g_autofree char   *message = NULL;
  va_list            args;

  if (self != NULL)
    {
      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      _spate_create_dialog_show_error (self, message);
    }
  job_end (job);
}

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Job               *job = user_data;
  SpateCreateDialog *self = job_owner (job);
  g_autofree char   *text = NULL;
  guint              percent;

  if (self == NULL || total == 0)
    return;
  percent = (guint) ((guint64) done * 100 / total);
  /* Translators: the progress of hashing, "Hashing… 42 %" */
  text = g_strdup_printf (_ ("Hashing… %u %%"), percent);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static SpateTorrent *
start_seeding (Job *job, GError **error)
{
  SpateCreateDialog *self = job->self;
  g_autofree char   *parent = g_path_get_dirname (job->source_path);
  g_autoptr (SpateTorrentInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  SpateAddOptions options = { 0 };
  SpateTorrent   *torrent;
  const char     *hash;

  options.save_path = parent;
  options.seed_mode = TRUE;
  torrent = spate_session_add_bytes (self->session, job->bytes, &options, &local_error);
  if (torrent != NULL)
    return g_object_ref (torrent);
  if (!g_error_matches (local_error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Made again from the same files: the one there already seeds them. */
  info = spate_torrent_info_new_from_bytes (job->bytes, NULL);
  if (info == NULL)
    return NULL;
  hash = spate_torrent_info_get_info_hash_v1 (info);
  if (hash == NULL)
    hash = spate_torrent_info_get_info_hash_v2 (info);
  torrent = hash != NULL ? spate_session_lookup (self->session, hash) : NULL;
  return torrent != NULL ? g_object_ref (torrent) : NULL;
}

static void
on_saved (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Job               *job = user_data;
  SpateCreateDialog *self = job_owner (job);
  g_autoptr (SpateTorrent) torrent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *where = g_file_get_parse_name (job->destination);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      /* GIO names the file when opening fails; say it only once. */
      if (strstr (error->message, where) != NULL)
        fail (job, _ ("Could not save the torrent: %s"), error->message);
      else
        fail (job, _ ("Could not save the torrent as “%s”: %s"), where, error->message);
      return;
    }
  if (self == NULL)
    {
      job_end (job);
      return;
    }

  if (self->session != NULL && gtk_switch_get_active (self->seed_switch))
    torrent = start_seeding (job, &error);
  g_signal_emit (self, signals[CREATED], 0, job->destination, torrent);
  /* A handler may have closed the dialog already. */
  if (job_owner (job) == NULL)
    job_end (job);
  else if (error != NULL)
    fail (job, _ ("Saved “%s”, but could not start seeding: %s"), where, error->message);
  else
    {
      g_autoptr (SpateCreateDialog) keep = g_object_ref (self);

      job_end (job);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
on_hashed (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Job               *job = user_data;
  SpateCreateDialog *self = job_owner (job);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  job->bytes = spate_torrent_create_finish (result, &error);
  if (self == NULL || g_error_matches (error, SPATE_ERROR, SPATE_ERROR_CANCELLED))
    {
      job_end (job);
      return;
    }
  if (job->bytes == NULL)
    {
      name = g_filename_display_basename (job->source_path);
      if (strstr (error->message, name) != NULL)
        fail (job, _ ("Could not make the torrent: %s"), error->message);
      else
        fail (job, _ ("Could not make a torrent of “%s”: %s"), name, error->message);
      return;
    }

  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Saving…"));
  g_file_replace_contents_bytes_async (job->destination, job->bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, job->cancellable,
                                       on_saved, job);
}

void
spate_create_dialog_create_to (SpateCreateDialog *self, GFile *destination)
{
  g_autoptr (GPtrArray) trackers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) web_seeds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) tiers = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char   *comment = NULL;
  g_autofree char   *source_tag = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *title = NULL;
  SpateCreateOptions options = { 0 };
  Job               *job;

  g_return_if_fail (SPATE_IS_CREATE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));

  if (self->job != NULL)
    return;
  hide_error (self);
  if (self->source == NULL)
    {
      _spate_create_dialog_show_error (self, _ ("Choose a file or a folder to share first"));
      return;
    }
  name = _spate_create_dialog_source_display_name (self->source);
  if (!g_file_is_native (self->source))
    {
      g_autofree char *message = g_strdup_printf (_ ("“%s” is not a local file"), name);
      _spate_create_dialog_show_error (self, message);
      return;
    }
  if (!read_urls (self, trackers, tiers, web_seeds))
    return;

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->cancellable = g_cancellable_new ();
  job->destination = g_object_ref (destination);
  job->source_path = g_file_get_path (self->source);
  self->job = job;

  comment = entry_row_get_text (self->comment_row);
  source_tag = entry_row_get_text (self->source_tag_row);
  options.path = job->source_path;
  options.piece_size = _spate_create_dialog_selected_piece_size (self);
  options.format = _spate_create_dialog_selected_format (self);
  options.trackers = trackers->len > 1 ? (const char * const *) trackers->pdata : NULL;
  options.tracker_tiers = tiers->len > 0 ? (const int *) (gpointer) tiers->data : NULL;
  options.web_seeds = web_seeds->len > 1 ? (const char * const *) web_seeds->pdata : NULL;
  options.is_private = gtk_switch_get_active (self->private_switch);
  options.comment = comment;
  options.source = source_tag;

  /* Translators: %s is the file or folder being shared */
  title = g_strdup_printf (_ ("Making a torrent of “%s”"), name);
  gtk_label_set_text (self->progress_label, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Reading files…"));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  spate_torrent_create_async (&options, on_progress, job, job->cancellable, on_hashed, job);
}

/* -------------------------------------------------------- file choosers */

static void
on_source_chosen (SpateCreateDialog *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    spate_create_dialog_set_source (self, file);
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
on_destination_chosen (SpateCreateDialog *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (file != NULL)
    spate_create_dialog_create_to (self, file);
}

static void
show_chooser (SpateCreateDialog   *self,
              const char          *title,
              GtkFileChooserAction action,
              const char          *accept,
              GCallback            on_response)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (
      gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _ ("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", on_response, self, G_CONNECT_SWAPPED);
}

static void
choose_source (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (widget);
  gboolean           folder = g_str_equal (action_name, "create.choose-folder");

  show_chooser (self, folder ? _ ("Choose a Folder to Share") : _ ("Choose a File to Share"),
                folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                _ ("_Choose"), G_CALLBACK (on_source_chosen));
  gtk_native_dialog_show (self->chooser);
}

static void
create (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GPtrArray) trackers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) web_seeds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  if (self->source == NULL || self->job != NULL)
    return;
  /* A typo is better told before the file chooser than after it. */
  hide_error (self);
  if (!read_urls (self, trackers, NULL, web_seeds))
    return;

  show_chooser (self, _ ("Save Torrent As"), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"),
                G_CALLBACK (on_destination_chosen));
  gtk_file_filter_set_name (filter, _ ("Torrent files"));
  gtk_file_filter_add_suffix (filter, "torrent");
  gtk_file_filter_add_mime_type (filter, "application/x-bittorrent");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  name = g_file_get_basename (self->source);
  file_name = g_strconcat (name, ".torrent", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  parent = g_file_get_parent (self->source);
  if (parent != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
  gtk_native_dialog_show (self->chooser);
}

/* ------------------------------------------------------------- closing */

static void
cancel_job (SpateCreateDialog *self)
{
  if (self->job == NULL)
    return;
  g_cancellable_cancel (self->job->cancellable);
  /* The job frees itself when its callback comes; the dialog is free now. */
  self->job = NULL;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_cancel_clicked (SpateCreateDialog *self)
{
  if (self->job != NULL)
    cancel_job (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
spate_create_dialog_close_request (GtkWindow *window)
{
  cancel_job (SPATE_CREATE_DIALOG (window));
  return GTK_WINDOW_CLASS (spate_create_dialog_parent_class)->close_request (window);
}

/* ---------------------------------------------------------------- API */

SpateCreateDialog *
spate_create_dialog_new (GtkWindow *parent, SpateSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session == NULL || SPATE_IS_SESSION (session), NULL);

  return g_object_new (SPATE_TYPE_CREATE_DIALOG, "transient-for", parent, "session", session, NULL);
}

GFile *
spate_create_dialog_get_source (SpateCreateDialog *self)
{
  g_return_val_if_fail (SPATE_IS_CREATE_DIALOG (self), NULL);

  return self->source;
}

void
spate_create_dialog_set_source (SpateCreateDialog *self, GFile *source)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SPATE_IS_CREATE_DIALOG (self));
  g_return_if_fail (source == NULL || G_IS_FILE (source));

  if (self->source == source || (self->source && source && g_file_equal (self->source, source)))
    return;
  g_set_object (&self->source, source);
  hide_error (self);
  if (source != NULL)
    {
      name = _spate_create_dialog_source_display_name (source);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), name);
      adw_action_row_set_subtitle (self->source_row, _ ("Counting files…"));
      _spate_create_dialog_scan_source (self);
    }
  else
    {
      g_cancellable_cancel (self->scan_cancellable);
      g_clear_pointer (&self->file_sizes, g_array_unref);
      self->source_size = -1;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row),
                                     _ ("Nothing chosen yet"));
      adw_action_row_set_subtitle (self->source_row, _ ("Choose a file or a folder"));
      gtk_image_set_from_icon_name (self->source_icon, "document-send-symbolic");
    }
  _spate_create_dialog_update_piece_count (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

void
spate_create_dialog_set_trackers_text (SpateCreateDialog *self, const char *text)
{
  g_return_if_fail (SPATE_IS_CREATE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->trackers_view), text ? text : "", -1);
}

gboolean
spate_create_dialog_get_busy (SpateCreateDialog *self)
{
  g_return_val_if_fail (SPATE_IS_CREATE_DIALOG (self), FALSE);

  return self->job != NULL;
}

/* --------------------------------------------------------------- class */

static void
spate_create_dialog_dispose (GObject *object)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (object);

  cancel_job (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_CREATE_DIALOG);

  G_OBJECT_CLASS (spate_create_dialog_parent_class)->dispose (object);
}

static void
spate_create_dialog_constructed (GObject *object)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (object);

  G_OBJECT_CLASS (spate_create_dialog_parent_class)->constructed (object);

  /* Without a session there is nothing to seed with. */
  gtk_widget_set_visible (self->seed_group, self->session != NULL);
}

static void
spate_create_dialog_finalize (GObject *object)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->source);
  g_clear_pointer (&self->file_sizes, g_array_unref);

  G_OBJECT_CLASS (spate_create_dialog_parent_class)->finalize (object);
}

static void
spate_create_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->job != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_create_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SpateCreateDialog *self = SPATE_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      spate_create_dialog_set_source (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_create_dialog_class_init (SpateCreateDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = spate_create_dialog_constructed;
  object_class->dispose = spate_create_dialog_dispose;
  object_class->finalize = spate_create_dialog_finalize;
  object_class->get_property = spate_create_dialog_get_property;
  object_class->set_property = spate_create_dialog_set_property;
  window_class->close_request = spate_create_dialog_close_request;

  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, SPATE_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
      g_param_spec_object ("source", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, SPATE_TYPE_TORRENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/spate/Spate/spate-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, form);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, source_icon);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, trackers_view);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, web_seeds_view);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, source_tag_row);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, private_switch);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, piece_size_row);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, seed_group);
  gtk_widget_class_bind_template_child (widget_class, SpateCreateDialog, seed_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismissed);
  gtk_widget_class_bind_template_callback_full (
      widget_class, "update_piece_count", G_CALLBACK (_spate_create_dialog_update_piece_count));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_format_changed", G_CALLBACK (_spate_create_dialog_on_format_changed));

  gtk_widget_class_install_action (widget_class, "create.choose-file", NULL, choose_source);
  gtk_widget_class_install_action (widget_class, "create.choose-folder", NULL, choose_source);
  gtk_widget_class_install_action (widget_class, "create.create", NULL, create);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
spate_create_dialog_init (SpateCreateDialog *self)
{
  g_autoptr (GtkStringList) sizes = gtk_string_list_new (NULL);

  self->source_size = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (sizes, _ ("Automatic"));
  for (guint i = 0; i < N_PIECE_SIZES; i++)
    {
      g_autofree char *label = _spate_create_dialog_format_piece_size (MIN_PIECE_SIZE << i);
      gtk_string_list_append (sizes, label);
    }
  adw_combo_row_set_model (self->piece_size_row, G_LIST_MODEL (sizes));
  _spate_create_dialog_on_format_changed (self);
  update_actions (self);
}
