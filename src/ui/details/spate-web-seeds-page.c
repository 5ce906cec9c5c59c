/* spate-web-seeds-page.c: the web seeds of the selected torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-web-seeds-page.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

struct _SpateWebSeedsPage
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;
  GListModel   *web_seeds; /* only while mapped */

  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (SpateWebSeedsPage, spate_web_seeds_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_type (GtkListItem *item, SpateWebSeedType type)
{
  return g_strdup (type == SPATE_WEB_SEED_TYPE_HTTP ? _ ("HTTP seed (BEP 17)")
                                                    : _ ("URL seed (BEP 19)"));
}

static SpateWebSeed *
selected_web_seed (SpateWebSeedsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (SpateWebSeedsPage *self)
{
  gboolean has_torrent = self->torrent != NULL && self->web_seeds != NULL;
  gboolean selected = has_torrent && selected_web_seed (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "web-seeds.add", has_torrent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "web-seeds.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "web-seeds.remove", selected);
}

static void
connect_model (SpateWebSeedsPage *self)
{
  if (self->torrent == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->web_seeds = spate_torrent_get_web_seeds (self->torrent);
  gtk_single_selection_set_model (self->selection, self->web_seeds);
}

static void
disconnect_model (SpateWebSeedsPage *self)
{
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->web_seeds);
}

SpateTorrent *
spate_web_seeds_page_get_torrent (SpateWebSeedsPage *self)
{
  g_return_val_if_fail (SPATE_IS_WEB_SEEDS_PAGE (self), NULL);
  return self->torrent;
}

void
spate_web_seeds_page_set_torrent (SpateWebSeedsPage *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_WEB_SEEDS_PAGE (self));
  g_return_if_fail (torrent == NULL || SPATE_IS_TORRENT (torrent));

  if (self->torrent == torrent)
    return;
  disconnect_model (self);
  g_set_object (&self->torrent, torrent);
  connect_model (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TORRENT]);
}

GListModel *
spate_web_seeds_page_get_model (SpateWebSeedsPage *self)
{
  g_return_val_if_fail (SPATE_IS_WEB_SEEDS_PAGE (self), NULL);
  return self->web_seeds;
}

/* ------------------------------------------------------------- actions */

static gboolean
is_web_seed_url (const char *url)
{
  g_autofree char *scheme = NULL;

  if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return FALSE;
  scheme = g_uri_parse_scheme (url);
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static void
on_entry_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean         ok = is_web_seed_url (url);

  if (ok || *url == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, "apply", ok);
}

static void
on_response (AdwMessageDialog *dialog, const char *response, SpateWebSeedsPage *self)
{
  GtkEditable     *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char      *old_url = g_object_get_data (G_OBJECT (dialog), "old-url");
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "apply") || self->torrent == NULL || !is_web_seed_url (url))
    return;
  if (g_strcmp0 (old_url, url) == 0)
    return;
  /* Editing is removing the old one and adding the new one. */
  if (old_url != NULL && !spate_torrent_remove_web_seed (self->torrent, old_url, &error))
    {
      _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Remove the Web Seed"),
                                      error);
      return;
    }
  if (!spate_torrent_add_web_seed (self->torrent, url, &error))
    _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Add the Web Seed"), error);
}

static void
run_dialog (SpateWebSeedsPage *self, const char *heading, const char *response, const char *old_url)
{
  GtkWidget *dialog, *entry;

  dialog = _spate_details_page_new_dialog (
      GTK_WIDGET (self), heading, _ ("An http or https address serving the torrent's files."),
      response);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://example.org/files/");
  gtk_editable_set_text (GTK_EDITABLE (entry), old_url ? old_url : "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data_full (G_OBJECT (dialog), "old-url", g_strdup (old_url), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed), dialog, 0);
  on_entry_changed (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_dialog (SPATE_WEB_SEEDS_PAGE (widget), _ ("Add Web Seed"), _ ("_Add"), NULL);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (widget);
  SpateWebSeed      *seed = selected_web_seed (self);

  if (seed != NULL)
    run_dialog (self, _ ("Edit Web Seed"), _ ("_Save"), spate_web_seed_get_url (seed));
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (widget);
  SpateWebSeed      *seed = selected_web_seed (self);
  g_autoptr (GError) error = NULL;

  if (seed != NULL &&
      !spate_torrent_remove_web_seed (self->torrent, spate_web_seed_get_url (seed), &error))
    _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Remove the Web Seed"), error);
}

/* ------------------------------------------------------------- GObject */

static void
spate_web_seeds_page_map (GtkWidget *widget)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (widget);

  GTK_WIDGET_CLASS (spate_web_seeds_page_parent_class)->map (widget);
  connect_model (self);
  update_actions (self);
}

static void
spate_web_seeds_page_unmap (GtkWidget *widget)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (widget);

  disconnect_model (self);
  update_actions (self);
  GTK_WIDGET_CLASS (spate_web_seeds_page_parent_class)->unmap (widget);
}

static void
spate_web_seeds_page_dispose (GObject *object)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (object);

  disconnect_model (self);
  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_WEB_SEEDS_PAGE);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_web_seeds_page_parent_class)->dispose (object);
}

static void
spate_web_seeds_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      g_value_set_object (value, self->torrent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_web_seeds_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SpateWebSeedsPage *self = SPATE_WEB_SEEDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_web_seeds_page_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_web_seeds_page_class_init (SpateWebSeedsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_web_seeds_page_dispose;
  object_class->get_property = spate_web_seeds_page_get_property;
  object_class->set_property = spate_web_seeds_page_set_property;
  widget_class->map = spate_web_seeds_page_map;
  widget_class->unmap = spate_web_seeds_page_unmap;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SPATE_TYPE_WEB_SEED);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "spate-web-seeds-page");
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-web-seeds-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateWebSeedsPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, format_type);

  gtk_widget_class_install_action (widget_class, "web-seeds.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "web-seeds.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "web-seeds.remove", NULL, remove_action);
}

static void
spate_web_seeds_page_init (SpateWebSeedsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_actions),
                            self);
  update_actions (self);
}
