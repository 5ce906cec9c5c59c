/* spate-prefs-privacy-page.c: the blocklist and the banned peers.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The switches bind to their keys; the blocklist file goes through the
 * application's SpateIpFilterBinding, which reads it off the main thread
 * and tells how it went. The banned peers are the banned-peers key, which
 * the binding keeps equal to the session's bans.
 */

#include "spate-prefs-privacy-page.h"

#include <glib/gi18n.h>

#include "spate-application.h"
#include "spate-ip-filter-binding.h"

struct _SpatePrefsPrivacyPage
{
  AdwPreferencesPage parent_instance;

  GSettings            *settings;
  SpateIpFilterBinding *binding; /* NULL outside the application */
  GtkNativeDialog      *chooser;
  GPtrArray            *ban_rows;

  GtkSwitch           *enabled_switch;
  AdwActionRow        *file_row;
  GtkSpinner          *loading_spinner;
  GtkWidget           *file_subtitle; /* the row's subtitle label, or the row */
  GtkSwitch           *trackers_switch;
  AdwPreferencesGroup *banned_group;
  AdwActionRow        *no_bans_row;
};

G_DEFINE_FINAL_TYPE (SpatePrefsPrivacyPage, spate_prefs_privacy_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------- file row */

/* libadwaita 1.2 has no getter for it; "error" on the whole row would
 * turn the title and the Choose button red too. */
static GtkWidget *
find_subtitle_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "subtitle"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_subtitle_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
path_display_name (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);

  return g_filename_display_name (basename);
}

static char *
file_row_subtitle (SpatePrefsPrivacyPage *self, gboolean *is_error)
{
  g_autofree char *path = g_settings_get_string (self->settings, "blocklist-path");
  g_autofree char *name = path[0] != '\0' ? path_display_name (path) : NULL;
  gboolean         enabled = g_settings_get_boolean (self->settings, "blocklist-enabled");
  const char      *error = NULL;
  guint64          n = 0;

  if (self->binding != NULL)
    {
      if (spate_ip_filter_binding_get_loading (self->binding))
        return g_strdup (_ ("Reading the blocklist…"));
      error = spate_ip_filter_binding_get_error (self->binding);
      n = spate_ip_filter_binding_get_n_ranges (self->binding);
    }
  *is_error = error != NULL;
  if (error != NULL && n > 0)
    /* Translators: %s is why a blocklist could not be used. */
    return g_strdup_printf (_ ("%s. The previous blocklist stays in force."), error);
  if (error != NULL)
    return g_strdup (error);
  if (name == NULL)
    return g_strdup (_ ("No file chosen"));
  if (!enabled)
    /* Translators: %s is a file name. */
    return g_strdup_printf (_ ("%s, not in use"), name);
  if (self->binding == NULL || n == 0)
    return g_steal_pointer (&name);
  /* Translators: %s is a file name, then a number of IP ranges. */
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s · %'llu range active", "%s · %'llu ranges active", n), name,
      (unsigned long long) n);
}

static void
update_file_row (SpatePrefsPrivacyPage *self)
{
  gboolean         is_error = FALSE;
  g_autofree char *subtitle = file_row_subtitle (self, &is_error);
  g_autofree char *path = g_settings_get_string (self->settings, "blocklist-path");
  gboolean loading = self->binding != NULL && spate_ip_filter_binding_get_loading (self->binding);

  adw_action_row_set_subtitle (self->file_row, subtitle);
  if (is_error)
    gtk_widget_add_css_class (self->file_subtitle, "error");
  else
    gtk_widget_remove_css_class (self->file_subtitle, "error");
  /* Two lists can share a name: the whole path tells them apart. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_row), path[0] != '\0' ? path : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

void
spate_prefs_privacy_page_import (SpatePrefsPrivacyPage *self, GFile *file)
{
  g_return_if_fail (SPATE_IS_PREFS_PRIVACY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->binding != NULL)
    {
      spate_ip_filter_binding_import (self->binding, file);
      return;
    }
  /* Without the application nothing can read it now: it is read when the
   * application starts. */
  if (g_file_peek_path (file) != NULL)
    {
      g_settings_set_string (self->settings, "blocklist-path", g_file_peek_path (file));
      g_settings_set_boolean (self->settings, "blocklist-enabled", TRUE);
    }
}

static void
on_blocklist_chosen (SpatePrefsPrivacyPage *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (file != NULL)
    spate_prefs_privacy_page_import (self, file);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char * const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_blocklist (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const char * const lists[] = { "*.dat", "*.p2p", "*.txt", "*.gz", "*.cidr", NULL };
  static const char * const all[] = { "*", NULL };
  SpatePrefsPrivacyPage    *self = SPATE_PREFS_PRIVACY_PAGE (widget);
  g_autofree char          *path = g_settings_get_string (self->settings, "blocklist-path");
  GtkRoot                  *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
      _ ("Choose Blocklist"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _ ("Blocklists"), lists);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _ ("All Files"), all);
  if (path[0] != '\0')
    {
      g_autoptr (GFile) current = g_file_new_for_path (path);
      g_autoptr (GFile) folder = g_file_get_parent (current);

      if (folder != NULL && g_file_query_exists (folder, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_blocklist_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

/* ------------------------------------------------------- banned peers */

static void
unban_clicked (GtkButton *button, SpatePrefsPrivacyPage *self)
{
  const char *address = g_object_get_data (G_OBJECT (button), "address");
  g_auto (GStrv) banned = g_settings_get_strv (self->settings, "banned-peers");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) kept = NULL;

  for (guint i = 0; banned[i] != NULL; i++)
    if (!g_str_equal (banned[i], address))
      g_strv_builder_add (builder, banned[i]);
  kept = g_strv_builder_end (builder);
  /* The binding hands the new list to the session. */
  g_settings_set_strv (self->settings, "banned-peers", (const char * const *) kept);
}

static GtkWidget *
ban_row_new (SpatePrefsPrivacyPage *self, const char *address)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *button = gtk_button_new_with_mnemonic (_ ("_Unban"));
  g_autofree char *label = g_strdup_printf (_ ("Unban %s"), address);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), address);
  gtk_widget_add_css_class (row, "numeric");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "address", g_strdup (address), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (unban_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
update_ban_rows (SpatePrefsPrivacyPage *self)
{
  g_auto (GStrv) banned = g_settings_get_strv (self->settings, "banned-peers");

  for (guint i = 0; i < self->ban_rows->len; i++)
    adw_preferences_group_remove (self->banned_group, g_ptr_array_index (self->ban_rows, i));
  g_ptr_array_set_size (self->ban_rows, 0);
  for (guint i = 0; banned[i] != NULL; i++)
    {
      GtkWidget *row = ban_row_new (self, banned[i]);

      adw_preferences_group_add (self->banned_group, row);
      g_ptr_array_add (self->ban_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_bans_row), banned[0] == NULL);
}

/* -------------------------------------------------------------- class */

AdwPreferencesPage *
spate_prefs_privacy_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFS_PRIVACY_PAGE, "settings", settings, NULL);
}

static void
spate_prefs_privacy_page_constructed (GObject *object)
{
  SpatePrefsPrivacyPage *self = SPATE_PREFS_PRIVACY_PAGE (object);
  GApplication          *app = g_application_get_default ();

  G_OBJECT_CLASS (spate_prefs_privacy_page_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  if (SPATE_IS_APPLICATION (app))
    self->binding =
        spate_application_get_binder (SPATE_APPLICATION (app), SPATE_TYPE_IP_FILTER_BINDING);
  if (self->binding != NULL)
    {
      g_object_ref (self->binding);
      g_signal_connect_object (self->binding, "notify::error", G_CALLBACK (update_file_row), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->binding, "notify::n-ranges", G_CALLBACK (update_file_row),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->binding, "notify::loading", G_CALLBACK (update_file_row), self,
                               G_CONNECT_SWAPPED);
    }

  g_settings_bind (self->settings, "blocklist-enabled", self->enabled_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "blocklist-trackers", self->trackers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_writable (self->settings, "blocklist-path", self->file_row, "sensitive", FALSE);
  g_signal_connect_object (self->settings, "changed::blocklist-path", G_CALLBACK (update_file_row),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::blocklist-enabled",
                           G_CALLBACK (update_file_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::banned-peers", G_CALLBACK (update_ban_rows),
                           self, G_CONNECT_SWAPPED);
  update_file_row (self);
  update_ban_rows (self);
}

/* libadwaita 1.2 never frees a preferences window's rows: unbinding keeps
 * them from holding the settings and reacting to them. */
static void
spate_prefs_privacy_page_dispose (GObject *object)
{
  SpatePrefsPrivacyPage *self = SPATE_PREFS_PRIVACY_PAGE (object);

  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_settings_unbind (self->enabled_switch, "active");
      g_settings_unbind (self->enabled_switch, "sensitive");
      g_settings_unbind (self->trackers_switch, "active");
      g_settings_unbind (self->trackers_switch, "sensitive");
      g_settings_unbind (self->file_row, "sensitive");
      g_clear_object (&self->settings);
    }
  if (self->binding != NULL)
    g_signal_handlers_disconnect_by_data (self->binding, self);
  g_clear_object (&self->binding);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->ban_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFS_PRIVACY_PAGE);

  G_OBJECT_CLASS (spate_prefs_privacy_page_parent_class)->dispose (object);
}

static void
spate_prefs_privacy_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  SpatePrefsPrivacyPage *self = SPATE_PREFS_PRIVACY_PAGE (object);

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
spate_prefs_privacy_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  SpatePrefsPrivacyPage *self = SPATE_PREFS_PRIVACY_PAGE (object);

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
spate_prefs_privacy_page_class_init (SpatePrefsPrivacyPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_prefs_privacy_page_constructed;
  object_class->dispose = spate_prefs_privacy_page_dispose;
  object_class->get_property = spate_prefs_privacy_page_get_property;
  object_class->set_property = spate_prefs_privacy_page_set_property;

  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-prefs-privacy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsPrivacyPage, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsPrivacyPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsPrivacyPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsPrivacyPage, trackers_switch);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsPrivacyPage, banned_group);
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsPrivacyPage, no_bans_row);

  gtk_widget_class_install_action (widget_class, "privacy.choose-blocklist", NULL,
                                   choose_blocklist);
}

static void
spate_prefs_privacy_page_init (SpatePrefsPrivacyPage *self)
{
  self->ban_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->file_subtitle = find_subtitle_label (GTK_WIDGET (self->file_row));
  if (self->file_subtitle == NULL)
    self->file_subtitle = GTK_WIDGET (self->file_row);
}
