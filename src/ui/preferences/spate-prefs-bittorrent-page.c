/* spate-prefs-bittorrent-page.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-prefs-bittorrent-page.h"

#include <glib/gi18n.h>

#include "details/spate-trackers-page.h"
#include "spate-prefs-common.h"

struct _SpatePrefsBittorrentPage
{
  AdwPreferencesPage parent_instance;

  GSettings          *settings;
  SpatePrefsBindings *bindings;

  GtkSwitch     *dht;
  GtkSwitch     *pex;
  GtkSwitch     *lsd;
  AdwComboRow   *encryption_row;
  GtkSwitch     *anonymous;
  GtkSwitch     *queueing;
  GtkSpinButton *active_downloads;
  GtkSpinButton *active_seeds;
  GtkSpinButton *active_limit;
  GtkSwitch     *slow;
  GtkWidget     *active_downloads_row;
  GtkWidget     *active_seeds_row;
  GtkWidget     *active_limit_row;
  GtkWidget     *slow_row;
  GtkSwitch     *ratio_enabled;
  GtkSpinButton *ratio;
  GtkSwitch     *seeding_time_enabled;
  GtkSpinButton *seeding_time;
  GtkSwitch     *inactive_time_enabled;
  GtkSpinButton *inactive_time;
  AdwComboRow   *goal_action_row;
  GtkSwitch     *default_trackers;
  GtkTextView   *trackers_view;
  GtkLabel      *trackers_error;
};

G_DEFINE_FINAL_TYPE (SpatePrefsBittorrentPage,
                     spate_prefs_bittorrent_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const encryption_modes[] = { "prefer", "require", "plaintext", NULL };
static const char * const goal_actions[] = { "pause", "remove", NULL };

/* --------------------------------------------------------- trackers */

static char *
trackers_text (SpatePrefsBittorrentPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->trackers_view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Stored as typed once every line is an address; an empty box clears. */
static void
trackers_changed (SpatePrefsBittorrentPage *self)
{
  g_autofree char *text = trackers_text (self);
  g_autofree char *stored = g_settings_get_string (self->settings, "default-trackers");
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) urls = NULL;
  gboolean empty;

  empty = *stripped == '\0';
  if (!empty)
    urls = spate_trackers_parse (text, NULL, &error);
  gtk_label_set_label (self->trackers_error, error != NULL ? error->message : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->trackers_error), error != NULL);
  if (error == NULL && g_strcmp0 (text, stored) != 0)
    g_settings_set_string (self->settings, "default-trackers", empty ? "" : text);
}

static void
load_trackers (SpatePrefsBittorrentPage *self)
{
  g_autofree char *stored = g_settings_get_string (self->settings, "default-trackers");
  g_autofree char *shown = trackers_text (self);

  if (g_strcmp0 (stored, shown) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->trackers_view), stored, -1);
}

/* ------------------------------------------------------------ object */

static void
bind_rows (SpatePrefsBittorrentPage *self)
{
  SpatePrefsBindings *b = self->bindings = spate_prefs_bindings_new (self->settings);
  GtkWidget          *queue_rows[] = { self->active_downloads_row, self->active_seeds_row,
                                       self->active_limit_row, self->slow_row };

  spate_prefs_bind (b, "enable-dht", self->dht, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "enable-pex", self->pex, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "enable-lsd", self->lsd, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind_choice (b, "encryption", self->encryption_row, encryption_modes);
  spate_prefs_bind (b, "anonymous-mode", self->anonymous, "active", G_SETTINGS_BIND_DEFAULT);

  spate_prefs_bind (b, "queueing-enabled", self->queueing, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "active-downloads", self->active_downloads, "value",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "active-seeds", self->active_seeds, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "active-limit", self->active_limit, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "slow-torrents-dont-count", self->slow, "active", G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (queue_rows); i++)
    spate_prefs_bind (b, "queueing-enabled", queue_rows[i], "sensitive", G_SETTINGS_BIND_GET);

  spate_prefs_bind (b, "ratio-goal-enabled", self->ratio_enabled, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "ratio-goal", self->ratio, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "ratio-goal-enabled", self->ratio, "sensitive", G_SETTINGS_BIND_GET);
  spate_prefs_bind (b, "seeding-time-goal-enabled", self->seeding_time_enabled, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "seeding-time-goal", self->seeding_time, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "seeding-time-goal-enabled", self->seeding_time, "sensitive",
                    G_SETTINGS_BIND_GET);
  spate_prefs_bind (b, "inactive-time-goal-enabled", self->inactive_time_enabled, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "inactive-time-goal", self->inactive_time, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "inactive-time-goal-enabled", self->inactive_time, "sensitive",
                    G_SETTINGS_BIND_GET);
  spate_prefs_bind_choice (b, "goal-action", self->goal_action_row, goal_actions);

  spate_prefs_bind (b, "default-trackers-enabled", self->default_trackers, "active",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "default-trackers-enabled", self->trackers_view, "sensitive",
                    G_SETTINGS_BIND_GET);
  load_trackers (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->trackers_view), "changed",
                            G_CALLBACK (trackers_changed), self);
  g_signal_connect_swapped (self->settings, "changed::default-trackers", G_CALLBACK (load_trackers),
                            self);
}

AdwPreferencesPage *
spate_prefs_bittorrent_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFS_BITTORRENT_PAGE, "settings", settings, NULL);
}

static void
spate_prefs_bittorrent_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (spate_prefs_bittorrent_page_parent_class)->constructed (object);
  bind_rows (SPATE_PREFS_BITTORRENT_PAGE (object));
}

static void
spate_prefs_bittorrent_page_dispose (GObject *object)
{
  SpatePrefsBittorrentPage *self = SPATE_PREFS_BITTORRENT_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->trackers_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->trackers_view), self);
  g_clear_pointer (&self->bindings, spate_prefs_bindings_free);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFS_BITTORRENT_PAGE);

  G_OBJECT_CLASS (spate_prefs_bittorrent_page_parent_class)->dispose (object);
}

static void
spate_prefs_bittorrent_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  SpatePrefsBittorrentPage *self = SPATE_PREFS_BITTORRENT_PAGE (object);

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
spate_prefs_bittorrent_page_class_init (SpatePrefsBittorrentPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_prefs_bittorrent_page_constructed;
  object_class->dispose = spate_prefs_bittorrent_page_dispose;
  object_class->set_property = spate_prefs_bittorrent_page_set_property;

  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-prefs-bittorrent-page.ui");
#define CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsBittorrentPage, name)
  CHILD (dht);
  CHILD (pex);
  CHILD (lsd);
  CHILD (encryption_row);
  CHILD (anonymous);
  CHILD (queueing);
  CHILD (active_downloads);
  CHILD (active_seeds);
  CHILD (active_limit);
  CHILD (slow);
  CHILD (active_downloads_row);
  CHILD (active_seeds_row);
  CHILD (active_limit_row);
  CHILD (slow_row);
  CHILD (ratio_enabled);
  CHILD (ratio);
  CHILD (seeding_time_enabled);
  CHILD (seeding_time);
  CHILD (inactive_time_enabled);
  CHILD (inactive_time);
  CHILD (goal_action_row);
  CHILD (default_trackers);
  CHILD (trackers_view);
  CHILD (trackers_error);
#undef CHILD
}

static void
spate_prefs_bittorrent_page_init (SpatePrefsBittorrentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  spate_prefs_show_whole_value (self->encryption_row);
  spate_prefs_show_whole_value (self->goal_action_row);
}
