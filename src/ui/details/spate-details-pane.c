/* spate-details-pane.c: the pages about the selected torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-details-pane.h"
#include "spate-details-page-private.h"
#include "spate-files-page.h"
#include "spate-general-page.h"
#include "spate-peers-page.h"
#include "spate-speed-page.h"
#include "spate-trackers-page.h"
#include "spate-web-seeds-page.h"

#include <glib/gi18n.h>

struct _SpateDetailsPane
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;

  AdwViewStack *stack;
};

G_DEFINE_FINAL_TYPE (SpateDetailsPane, spate_details_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpateTorrent *
spate_details_pane_get_torrent (SpateDetailsPane *self)
{
  g_return_val_if_fail (SPATE_IS_DETAILS_PANE (self), NULL);
  return self->torrent;
}

void
spate_details_pane_set_torrent (SpateDetailsPane *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_DETAILS_PANE (self));
  g_return_if_fail (torrent == NULL || SPATE_IS_TORRENT (torrent));

  if (g_set_object (&self->torrent, torrent))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TORRENT]);
}

void
spate_details_pane_set_page (SpateDetailsPane *self, const char *name)
{
  g_return_if_fail (SPATE_IS_DETAILS_PANE (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

static void
spate_details_pane_dispose (GObject *object)
{
  SpateDetailsPane *self = SPATE_DETAILS_PANE (object);

  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_DETAILS_PANE);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_details_pane_parent_class)->dispose (object);
}

static void
spate_details_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateDetailsPane *self = SPATE_DETAILS_PANE (object);

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
spate_details_pane_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SpateDetailsPane *self = SPATE_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_details_pane_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_details_pane_class_init (SpateDetailsPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_details_pane_dispose;
  object_class->get_property = spate_details_pane_get_property;
  object_class->set_property = spate_details_pane_set_property;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "spate-details-pane");
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateDetailsPane, stack);
}

static void
spate_details_pane_init (SpateDetailsPane *self)
{
  /* Page types the template names. */
  g_type_ensure (SPATE_TYPE_GENERAL_PAGE);
  g_type_ensure (SPATE_TYPE_FILES_PAGE);
  g_type_ensure (SPATE_TYPE_TRACKERS_PAGE);
  g_type_ensure (SPATE_TYPE_PEERS_PAGE);
  g_type_ensure (SPATE_TYPE_WEB_SEEDS_PAGE);
  g_type_ensure (SPATE_TYPE_SPEED_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
}
