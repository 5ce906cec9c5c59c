/* spate-prefs-downloads-page.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-prefs-downloads-page.h"

#include <glib/gi18n.h>

#include "spate-prefs-common.h"

struct _SpatePrefsDownloadsPage
{
  AdwPreferencesPage parent_instance;

  GSettings          *settings;
  SpatePrefsBindings *bindings;

  AdwActionRow *download_dir_row;
  GtkSwitch    *incomplete_enabled;
  AdwActionRow *incomplete_dir_row;
  GtkSwitch    *completed_enabled;
  AdwActionRow *completed_dir_row;
  AdwComboRow  *show_add_dialog_row;
  GtkSwitch    *start_paused;
  GtkSwitch    *preallocate;
  GtkSwitch    *incomplete_extension;
  GtkSwitch    *delete_torrent_files;
  GtkSwitch    *watch_enabled;
  AdwActionRow *watch_dir_row;
  AdwComboRow  *watch_action_row;
};

G_DEFINE_FINAL_TYPE (SpatePrefsDownloadsPage, spate_prefs_downloads_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The values of the string keys, in their combo rows' order. */
static const char * const add_dialog_modes[] = { "always", "magnets", "never", NULL };
static const char * const watch_actions[] = { "rename", "remove", NULL };

static char *
default_download_folder_name (void)
{
  const char      *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autofree char *path = downloads != NULL
                              ? g_strdup (downloads)
                              : g_build_filename (g_get_home_dir (), "Downloads", NULL);
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

static void
bind_rows (SpatePrefsDownloadsPage *self)
{
  SpatePrefsBindings *b = self->bindings = spate_prefs_bindings_new (self->settings);
  g_autofree char    *downloads = default_download_folder_name ();

  spate_prefs_bind_folder (b, "download-dir", self->download_dir_row, _ ("Choose Download Folder"),
                           downloads);
  spate_prefs_bind (b, "incomplete-dir-enabled", self->incomplete_enabled, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind_folder (b, "incomplete-dir", self->incomplete_dir_row,
                           _ ("Choose Folder for Incomplete Downloads"),
                           _ ("“Incomplete”, in the download folder"));
  spate_prefs_bind (b, "incomplete-dir-enabled", self->incomplete_dir_row, "sensitive",
                    G_SETTINGS_BIND_GET);
  spate_prefs_bind (b, "move-completed-enabled", self->completed_enabled, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind_folder (b, "move-completed-dir", self->completed_dir_row,
                           _ ("Choose Folder for Finished Downloads"),
                           _ ("“Completed”, in the download folder"));
  spate_prefs_bind (b, "move-completed-enabled", self->completed_dir_row, "sensitive",
                    G_SETTINGS_BIND_GET);

  spate_prefs_bind_choice (b, "show-add-dialog", self->show_add_dialog_row, add_dialog_modes);
  spate_prefs_bind (b, "start-paused", self->start_paused, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "preallocate", self->preallocate, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "incomplete-extension", self->incomplete_extension, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "delete-torrent-files", self->delete_torrent_files, "active",
                    G_SETTINGS_BIND_DEFAULT);

  spate_prefs_bind (b, "watch-dir-enabled", self->watch_enabled, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind_folder (b, "watch-dir", self->watch_dir_row, _ ("Choose Folder to Watch"),
                           _ ("None chosen"));
  spate_prefs_bind (b, "watch-dir-enabled", self->watch_dir_row, "sensitive", G_SETTINGS_BIND_GET);
  spate_prefs_bind_choice (b, "watch-dir-action", self->watch_action_row, watch_actions);
  spate_prefs_bind (b, "watch-dir-enabled", self->watch_action_row, "sensitive",
                    G_SETTINGS_BIND_GET);
}

AdwPreferencesPage *
spate_prefs_downloads_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFS_DOWNLOADS_PAGE, "settings", settings, NULL);
}

static void
spate_prefs_downloads_page_constructed (GObject *object)
{
  SpatePrefsDownloadsPage *self = SPATE_PREFS_DOWNLOADS_PAGE (object);

  G_OBJECT_CLASS (spate_prefs_downloads_page_parent_class)->constructed (object);
  bind_rows (self);
}

static void
spate_prefs_downloads_page_dispose (GObject *object)
{
  SpatePrefsDownloadsPage *self = SPATE_PREFS_DOWNLOADS_PAGE (object);

  g_clear_pointer (&self->bindings, spate_prefs_bindings_free);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFS_DOWNLOADS_PAGE);

  G_OBJECT_CLASS (spate_prefs_downloads_page_parent_class)->dispose (object);
}

static void
spate_prefs_downloads_page_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  SpatePrefsDownloadsPage *self = SPATE_PREFS_DOWNLOADS_PAGE (object);

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
spate_prefs_downloads_page_class_init (SpatePrefsDownloadsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_prefs_downloads_page_constructed;
  object_class->dispose = spate_prefs_downloads_page_dispose;
  object_class->set_property = spate_prefs_downloads_page_set_property;

  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-prefs-downloads-page.ui");
#define CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsDownloadsPage, name)
  CHILD (download_dir_row);
  CHILD (incomplete_enabled);
  CHILD (incomplete_dir_row);
  CHILD (completed_enabled);
  CHILD (completed_dir_row);
  CHILD (show_add_dialog_row);
  CHILD (start_paused);
  CHILD (preallocate);
  CHILD (incomplete_extension);
  CHILD (delete_torrent_files);
  CHILD (watch_enabled);
  CHILD (watch_dir_row);
  CHILD (watch_action_row);
#undef CHILD
}

static void
spate_prefs_downloads_page_init (SpatePrefsDownloadsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  spate_prefs_show_whole_value (self->show_add_dialog_row);
  spate_prefs_show_whole_value (self->watch_action_row);
}
