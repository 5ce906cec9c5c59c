/* spate-torrent-options.c: one torrent's limits and download options.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-torrent-options.h"

#include <glib/gi18n.h>

/* Counts from here up mean "no limit" (the spin buttons' upper bound). */
#define UNLIMITED 65535

struct _SpateTorrentOptions
{
  AdwWindow parent_instance;

  SpateTorrent *torrent;
  gboolean      loading; /* widgets being set from the torrent */

  AdwWindowTitle      *window_title;
  GtkSpinButton       *download_limit;
  GtkSpinButton       *upload_limit;
  GtkSpinButton       *max_connections;
  GtkSpinButton       *max_uploads;
  GtkSwitch           *sequential;
  GtkSwitch           *first_last;
  GtkSwitch           *super_seeding;
  AdwActionRow        *location_row;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (SpateTorrentOptions, spate_torrent_options, ADW_TYPE_WINDOW)

/* Shows what the engine refused, or clears the message. */
static void
report (SpateTorrentOptions *self, gboolean ok, GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), !ok);
  if (!ok)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("Could not change the option: %s"), error->message);

      gtk_label_set_text (self->error_label, text);
    }
}

typedef gboolean (*SetLimit) (SpateTorrent *torrent, int value, GError **error);

static void
apply_limit (SpateTorrentOptions *self, SetLimit set, int value)
{
  g_autoptr (GError) error = NULL;

  if (self->loading)
    return;
  report (self, set (self->torrent, value, &error), error);
}

static void
download_limit_changed (SpateTorrentOptions *self)
{
  apply_limit (self, spate_torrent_set_download_limit,
               gtk_spin_button_get_value_as_int (self->download_limit) * 1024);
}

static void
upload_limit_changed (SpateTorrentOptions *self)
{
  apply_limit (self, spate_torrent_set_upload_limit,
               gtk_spin_button_get_value_as_int (self->upload_limit) * 1024);
}

static void
max_connections_changed (SpateTorrentOptions *self)
{
  apply_limit (self, spate_torrent_set_max_connections,
               gtk_spin_button_get_value_as_int (self->max_connections));
}

static void
max_uploads_changed (SpateTorrentOptions *self)
{
  apply_limit (self, spate_torrent_set_max_uploads,
               gtk_spin_button_get_value_as_int (self->max_uploads));
}

static void
sequential_changed (SpateTorrentOptions *self)
{
  g_autoptr (GError) error = NULL;

  if (!self->loading)
    report (self,
            spate_torrent_set_sequential (self->torrent, gtk_switch_get_active (self->sequential),
                                          &error),
            error);
}

static void
first_last_changed (SpateTorrentOptions *self)
{
  g_autoptr (GError) error = NULL;

  if (!self->loading)
    report (self,
            spate_torrent_set_first_last_pieces (self->torrent,
                                                 gtk_switch_get_active (self->first_last), &error),
            error);
}

static void
super_seeding_changed (SpateTorrentOptions *self)
{
  g_autoptr (GError) error = NULL;
  gboolean on = gtk_switch_get_active (self->super_seeding);

  if (!self->loading)
    report (self,
            spate_torrent_set_flags (self->torrent, on ? SPATE_TORRENT_FLAG_SUPER_SEEDING : 0,
                                     SPATE_TORRENT_FLAG_SUPER_SEEDING, &error),
            error);
}

static void
move_response_cb (GtkNativeDialog *chooser, int response, SpateTorrentOptions *self)
{
  g_autoptr (GFile) folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL)
    report (self, spate_torrent_move_storage (self->torrent, path, &error), error);
  g_object_unref (chooser);
}

static void
move_clicked (SpateTorrentOptions *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Move Download To"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Move"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
update_location (SpateTorrentOptions *self)
{
  adw_action_row_set_subtitle (self->location_row, spate_torrent_get_save_path (self->torrent));
}

/* The widgets show what the engine has now. */
static void
load (SpateTorrentOptions *self)
{
  g_autoptr (GError) error = NULL;
  int               down = 0, up = 0, connections = -1, uploads = -1;
  SpateTorrentFlags flags = spate_torrent_get_flags (self->torrent);

  self->loading = TRUE;
  if (!spate_torrent_get_limits (self->torrent, &down, &up, &connections, &uploads, &error))
    report (self, FALSE, error);
  gtk_spin_button_set_value (self->download_limit, down / 1024);
  gtk_spin_button_set_value (self->upload_limit, up / 1024);
  /* libtorrent says "no limit" with a huge number (2^24 - 1). */
  gtk_spin_button_set_value (self->max_connections, connections >= UNLIMITED ? -1 : connections);
  gtk_spin_button_set_value (self->max_uploads, uploads >= UNLIMITED ? -1 : uploads);
  gtk_switch_set_active (self->sequential, (flags & SPATE_TORRENT_FLAG_SEQUENTIAL) != 0);
  gtk_switch_set_active (self->first_last, spate_torrent_get_first_last_pieces (self->torrent));
  gtk_switch_set_active (self->super_seeding, (flags & SPATE_TORRENT_FLAG_SUPER_SEEDING) != 0);
  adw_window_title_set_subtitle (self->window_title, spate_torrent_get_name (self->torrent));
  update_location (self);
  self->loading = FALSE;
}

static void
spate_torrent_options_dispose (GObject *object)
{
  SpateTorrentOptions *self = SPATE_TORRENT_OPTIONS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_TORRENT_OPTIONS);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_torrent_options_parent_class)->dispose (object);
}

static void
spate_torrent_options_class_init (SpateTorrentOptionsClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_torrent_options_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/spate/Spate/spate-torrent-options.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, download_limit);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, upload_limit);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, max_connections);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, max_uploads);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, sequential);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, first_last);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, super_seeding);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, location_row);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, error_group);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, error_label);
  gtk_widget_class_bind_template_callback (widget_class, sequential_changed);
  gtk_widget_class_bind_template_callback (widget_class, first_last_changed);
  gtk_widget_class_bind_template_callback (widget_class, super_seeding_changed);
  gtk_widget_class_bind_template_callback (widget_class, move_clicked);
}

static void
spate_torrent_options_init (SpateTorrentOptions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Connected after the template so that loading does not apply. */
  g_signal_connect_swapped (self->download_limit, "value-changed",
                            G_CALLBACK (download_limit_changed), self);
  g_signal_connect_swapped (self->upload_limit, "value-changed", G_CALLBACK (upload_limit_changed),
                            self);
  g_signal_connect_swapped (self->max_connections, "value-changed",
                            G_CALLBACK (max_connections_changed), self);
  g_signal_connect_swapped (self->max_uploads, "value-changed", G_CALLBACK (max_uploads_changed),
                            self);
}

SpateTorrentOptions *
spate_torrent_options_new (GtkWindow *parent, SpateTorrent *torrent)
{
  SpateTorrentOptions *self;

  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  self = g_object_new (SPATE_TYPE_TORRENT_OPTIONS, "transient-for", parent, NULL);
  self->torrent = g_object_ref (torrent);
  load (self);
  g_signal_connect_object (torrent, "notify::save-path", G_CALLBACK (update_location), self,
                           G_CONNECT_SWAPPED);
  return self;
}
