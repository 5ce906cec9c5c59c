/* spate-speed-page.c: the selected torrent's and the session's rates over time.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-speed-page.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

#include "spate-application.h"

/* ------------------------------------------------------------ sampler */

/* Records the session's rates once a tick for as long as the session lives
 * (hung on the session, so history exists before the page is first shown),
 * and the rates of every torrent the page has shown since. */
typedef struct
{
  SpateSpeedHistory *session;
  GHashTable        *torrents; /* SpateTorrent * (unowned) → SpateSpeedHistory * */
} Sampler;

#define SAMPLER_KEY "spate-speed-sampler"

static void
sampler_free (gpointer data)
{
  Sampler *sampler = data;

  g_clear_pointer (&sampler->session, spate_speed_history_unref);
  g_clear_pointer (&sampler->torrents, g_hash_table_unref);
  g_free (sampler);
}

static void
sampler_tick_cb (SpateSession *session, Sampler *sampler)
{
  gint64         now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer       key, value;

  spate_speed_history_append (sampler->session, now, spate_session_get_download_rate (session),
                              spate_session_get_upload_rate (session));
  g_hash_table_iter_init (&iter, sampler->torrents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    spate_speed_history_append (value, now, spate_torrent_get_download_rate (key),
                                spate_torrent_get_upload_rate (key));
}

static void
sampler_torrent_removed_cb (SpateSession *session, SpateTorrent *torrent, Sampler *sampler)
{
  g_hash_table_remove (sampler->torrents, torrent);
}

static Sampler *
sampler_get (SpateSession *session)
{
  Sampler *sampler = g_object_get_data (G_OBJECT (session), SAMPLER_KEY);

  if (sampler != NULL)
    return sampler;
  sampler = g_new0 (Sampler, 1);
  sampler->session = spate_speed_history_new ();
  sampler->torrents =
      g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) spate_speed_history_unref);
  /* Handlers go before the data in the session's teardown. */
  g_signal_connect (session, "status-updated", G_CALLBACK (sampler_tick_cb), sampler);
  g_signal_connect (session, "torrent-removed", G_CALLBACK (sampler_torrent_removed_cb), sampler);
  g_object_set_data_full (G_OBJECT (session), SAMPLER_KEY, sampler, sampler_free);
  return sampler;
}

static SpateSpeedHistory *
sampler_track (Sampler *sampler, SpateTorrent *torrent)
{
  SpateSpeedHistory *history = g_hash_table_lookup (sampler->torrents, torrent);

  if (history == NULL)
    {
      history = spate_speed_history_new ();
      g_hash_table_insert (sampler->torrents, torrent, history);
    }
  return history;
}

/* --------------------------------------------------------------- page */

struct _SpateSpeedPage
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;
  SpateSession *session;
  gulong        tick_id;

  SpateSpeedGraph *graph;
  GtkDropDown     *span;
  GtkLabel        *since;
};

G_DEFINE_FINAL_TYPE (SpateSpeedPage, spate_speed_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint spans[] = { 5 * 60, 30 * 60, 120 * 60 };

static void
tick_cb (SpateSpeedPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->graph));
}

static void
update (SpateSpeedPage *self)
{
  Sampler           *sampler;
  SpateSpeedHistory *history = NULL;

  if (self->graph == NULL)
    return;
  if (self->session == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      spate_speed_graph_set_histories (self->graph, NULL, NULL);
      return;
    }
  sampler = sampler_get (self->session);
  if (self->torrent != NULL)
    history = sampler_track (sampler, self->torrent);
  spate_speed_graph_set_histories (self->graph, history, sampler->session);

  if (history != NULL)
    {
      g_autoptr (GDateTime) started = g_date_time_new_from_unix_local (
          spate_speed_history_get_started (history) / G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (started, "%H:%M");
      g_autofree char *text = g_strdup_printf (_ ("This torrent’s rates since %s"), time);

      gtk_label_set_label (self->since, text);
    }
  else
    gtk_label_set_label (self->since, "");
}

SpateTorrent *
spate_speed_page_get_torrent (SpateSpeedPage *self)
{
  g_return_val_if_fail (SPATE_IS_SPEED_PAGE (self), NULL);
  return self->torrent;
}

void
spate_speed_page_set_torrent (SpateSpeedPage *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_SPEED_PAGE (self));
  g_return_if_fail (torrent == NULL || SPATE_IS_TORRENT (torrent));

  if (!g_set_object (&self->torrent, torrent))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TORRENT]);
}

SpateSpeedGraph *
spate_speed_page_get_graph (SpateSpeedPage *self)
{
  g_return_val_if_fail (SPATE_IS_SPEED_PAGE (self), NULL);
  return self->graph;
}

static void
span_selected_cb (SpateSpeedPage *self)
{
  guint i = gtk_drop_down_get_selected (self->span);

  spate_speed_graph_set_span (self->graph, spans[MIN (i, G_N_ELEMENTS (spans) - 1)]);
}

static void
spate_speed_page_map (GtkWidget *widget)
{
  SpateSpeedPage *self = SPATE_SPEED_PAGE (widget);

  GTK_WIDGET_CLASS (spate_speed_page_parent_class)->map (widget);
  if (self->session != NULL && self->tick_id == 0)
    self->tick_id = g_signal_connect_object (self->session, "status-updated", G_CALLBACK (tick_cb),
                                             self, G_CONNECT_SWAPPED);
  update (self);
}

static void
spate_speed_page_unmap (GtkWidget *widget)
{
  SpateSpeedPage *self = SPATE_SPEED_PAGE (widget);

  if (self->tick_id != 0)
    g_clear_signal_handler (&self->tick_id, self->session);
  GTK_WIDGET_CLASS (spate_speed_page_parent_class)->unmap (widget);
  update (self);
}

static void
spate_speed_page_dispose (GObject *object)
{
  SpateSpeedPage *self = SPATE_SPEED_PAGE (object);

  if (self->tick_id != 0)
    g_clear_signal_handler (&self->tick_id, self->session);
  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_SPEED_PAGE);
  g_clear_object (&self->torrent);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (spate_speed_page_parent_class)->dispose (object);
}

static void
spate_speed_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateSpeedPage *self = SPATE_SPEED_PAGE (object);

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
spate_speed_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpateSpeedPage *self = SPATE_SPEED_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_speed_page_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_speed_page_class_init (SpateSpeedPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_speed_page_dispose;
  object_class->get_property = spate_speed_page_get_property;
  object_class->set_property = spate_speed_page_set_property;
  widget_class->map = spate_speed_page_map;
  widget_class->unmap = spate_speed_page_unmap;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-speed-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateSpeedPage, graph);
  gtk_widget_class_bind_template_child (widget_class, SpateSpeedPage, span);
  gtk_widget_class_bind_template_child (widget_class, SpateSpeedPage, since);
  gtk_widget_class_bind_template_callback (widget_class, span_selected_cb);
}

static void
spate_speed_page_init (SpateSpeedPage *self)
{
  GApplication *app = g_application_get_default ();

  g_type_ensure (SPATE_TYPE_SPEED_GRAPH);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The session's history starts with the first window, not the first
   * look at this page. */
  if (SPATE_IS_APPLICATION (app) && spate_application_get_session (SPATE_APPLICATION (app)))
    {
      self->session = g_object_ref (spate_application_get_session (SPATE_APPLICATION (app)));
      sampler_get (self->session);
    }
}
