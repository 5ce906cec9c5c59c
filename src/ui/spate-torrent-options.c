/* spate-torrent-options.c: one torrent's limits and download options.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-torrent-options.h"

#include <glib/gi18n.h>

#include "spate-application.h"

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
  AdwPreferencesGroup *goals_group;
  AdwActionRow        *ratio_row;
  AdwActionRow        *seeding_row;
  AdwActionRow        *idle_row;
  GtkDropDown         *ratio_mode;
  GtkDropDown         *seeding_mode;
  GtkDropDown         *idle_mode;
  GtkSpinButton       *ratio_value;
  GtkSpinButton       *seeding_value;
  GtkSpinButton       *idle_value;
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

/* ------------------------------------------------------ seeding goals */

/* The drop-downs' items. */
enum
{
  MODE_DEFAULT,
  MODE_NONE,
  MODE_CUSTOM,
};

static SpateSession *
app_session (void)
{
  GApplication *app = g_application_get_default ();

  return SPATE_IS_APPLICATION (app) ? spate_application_get_session (SPATE_APPLICATION (app))
                                    : NULL;
}

static char *
format_minutes (int minutes)
{
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (NULL, "%d minute", "%d minutes", minutes), minutes);
  if (minutes < 24 * 60)
    /* Translators: hours and minutes. */
    return g_strdup_printf (_ ("%d h %02d min"), minutes / 60, minutes % 60);
  /* Translators: days and hours. */
  return g_strdup_printf (_ ("%d d %d h"), minutes / (24 * 60), minutes / 60 % 24);
}

/* "Default: …", what the row falls back to; with the unit of its own
 * value while that is shown. */
static void
describe_default (AdwActionRow *row, GtkDropDown *mode, const char *unit, char *value)
{
  g_autofree char *owned = value;
  g_autofree char *text = NULL;

  /* Translators: %s is a seeding goal set in Preferences: "2.00", "3 h 00 min". */
  text =
      owned != NULL ? g_strdup_printf (_ ("Default: %s"), owned) : g_strdup (_ ("Default: none"));
  if (unit != NULL && gtk_drop_down_get_selected (mode) == MODE_CUSTOM)
    {
      g_autofree char *with_unit = NULL;

      /* Translators: a unit, then what the default is: "In minutes · Default: none". */
      with_unit = g_strdup_printf (_ ("%s · %s"), unit, text);
      adw_action_row_set_subtitle (row, with_unit);
      return;
    }
  adw_action_row_set_subtitle (row, text);
}

static void
describe_goals (SpateTorrentOptions *self)
{
  SpateSession     *session = app_session ();
  SpateSeedingGoals goals = { SPATE_GOAL_NONE, SPATE_GOAL_NONE, SPATE_GOAL_NONE };
  SpateGoalAction   action = SPATE_GOAL_ACTION_PAUSE;

  if (session != NULL)
    spate_session_get_seeding_goals (session, &goals, &action);
  describe_default (self->ratio_row, self->ratio_mode, NULL,
                    goals.ratio >= 0 ? g_strdup_printf ("%.2f", goals.ratio) : NULL);
  describe_default (self->seeding_row, self->seeding_mode, _ ("In minutes"),
                    goals.seeding_minutes >= 0 ? format_minutes (goals.seeding_minutes) : NULL);
  describe_default (self->idle_row, self->idle_mode, _ ("In minutes"),
                    goals.inactive_minutes >= 0 ? format_minutes (goals.inactive_minutes) : NULL);
  adw_preferences_group_set_description (
      self->goals_group, action == SPATE_GOAL_ACTION_REMOVE
                             ? _ ("A torrent that reaches a goal is removed from the list; its "
                                  "files stay")
                             : _ ("A torrent that reaches a goal is paused"));
}

static void
show_mode (GtkDropDown *mode, GtkSpinButton *value, double goal)
{
  guint selected = goal == SPATE_GOAL_GLOBAL ? MODE_DEFAULT
                   : goal == SPATE_GOAL_NONE ? MODE_NONE
                                             : MODE_CUSTOM;

  gtk_drop_down_set_selected (mode, selected);
  if (selected == MODE_CUSTOM)
    gtk_spin_button_set_value (value, goal);
  gtk_widget_set_visible (GTK_WIDGET (value), selected == MODE_CUSTOM);
}

static void
load_goals (SpateTorrentOptions *self)
{
  SpateSeedingGoals goals;

  spate_torrent_get_seeding_goals (self->torrent, &goals);
  show_mode (self->ratio_mode, self->ratio_value, goals.ratio);
  show_mode (self->seeding_mode, self->seeding_value, goals.seeding_minutes);
  show_mode (self->idle_mode, self->idle_value, goals.inactive_minutes);
  describe_goals (self);
}

static double
read_mode (GtkDropDown *mode, GtkSpinButton *value)
{
  guint selected = gtk_drop_down_get_selected (mode);

  gtk_widget_set_visible (GTK_WIDGET (value), selected == MODE_CUSTOM);
  if (selected == MODE_NONE)
    return SPATE_GOAL_NONE;
  if (selected == MODE_CUSTOM)
    return gtk_spin_button_get_value (value);
  return SPATE_GOAL_GLOBAL;
}

static void
goals_changed (SpateTorrentOptions *self)
{
  SpateSeedingGoals goals;

  /* The template sets the drop-downs up before there is a torrent. */
  if (self->loading || self->torrent == NULL)
    return;
  goals.ratio = read_mode (self->ratio_mode, self->ratio_value);
  goals.seeding_minutes = (int) read_mode (self->seeding_mode, self->seeding_value);
  goals.inactive_minutes = (int) read_mode (self->idle_mode, self->idle_value);
  spate_torrent_set_seeding_goals (self->torrent, &goals);
  describe_goals (self);
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
  load_goals (self);
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
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, goals_group);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, ratio_row);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, seeding_row);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, idle_row);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, ratio_mode);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, seeding_mode);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, idle_mode);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, ratio_value);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, seeding_value);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, idle_value);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, error_group);
  gtk_widget_class_bind_template_child (widget_class, SpateTorrentOptions, error_label);
  gtk_widget_class_bind_template_callback (widget_class, sequential_changed);
  gtk_widget_class_bind_template_callback (widget_class, first_last_changed);
  gtk_widget_class_bind_template_callback (widget_class, super_seeding_changed);
  gtk_widget_class_bind_template_callback (widget_class, move_clicked);
  gtk_widget_class_bind_template_callback (widget_class, goals_changed);
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
