/* spate-trackers-page.c: the trackers of the selected torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-trackers-page.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

#include "spate-application.h"

struct _SpateTrackersPage
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;
  /* Only while mapped: */
  GListModel *trackers;
  GListModel *sources; /* DHT, PeX, LSD */

  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (SpateTrackersPage, spate_trackers_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ formatting */

static char *
format_tier (GtkListItem *item, int tier)
{
  if (tier < 0)
    return g_strdup ("");
  return g_strdup_printf ("%d", tier + 1);
}

static char *
format_url (GtkListItem *item, SpateTrackerKind kind, const char *url)
{
  switch (kind)
    {
    case SPATE_TRACKER_KIND_DHT:
      return g_strdup (_ ("DHT (distributed hash table)"));
    case SPATE_TRACKER_KIND_PEX:
      return g_strdup (_ ("PeX (peer exchange)"));
    case SPATE_TRACKER_KIND_LSD:
      return g_strdup (_ ("LSD (local service discovery)"));
    case SPATE_TRACKER_KIND_TRACKER:
    default:
      return g_strdup (url);
    }
}

static GStrv
url_classes (GtkListItem *item, SpateTrackerKind kind)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (kind != SPATE_TRACKER_KIND_TRACKER)
    g_strv_builder_add (builder, "peer-source");
  return g_strv_builder_end (builder);
}

static char *
format_status (GtkListItem *item, SpateTrackerStatus status, const char *message)
{
  switch (status)
    {
    case SPATE_TRACKER_STATUS_DISABLED:
      if (message != NULL && *message != '\0')
        /* Translators: %s says who turned a peer source off. */
        return g_strdup_printf (_ ("Off: %s"), message);
      return g_strdup (_ ("Off"));
    case SPATE_TRACKER_STATUS_WORKING:
      return g_strdup (_ ("Working"));
    case SPATE_TRACKER_STATUS_UPDATING:
      return g_strdup (_ ("Updating…"));
    case SPATE_TRACKER_STATUS_ERROR:
      if (message != NULL && *message != '\0')
        /* Translators: %s is the tracker's or the network's error message. */
        return g_strdup_printf (_ ("Error: %s"), message);
      return g_strdup (_ ("Error"));
    case SPATE_TRACKER_STATUS_NOT_CONTACTED:
    default:
      return g_strdup (_ ("Not contacted"));
    }
}

static GStrv
status_classes (GtkListItem *item, SpateTrackerStatus status)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (status == SPATE_TRACKER_STATUS_ERROR)
    g_strv_builder_add (builder, "error");
  else if (status == SPATE_TRACKER_STATUS_NOT_CONTACTED || status == SPATE_TRACKER_STATUS_DISABLED)
    g_strv_builder_add (builder, "dim-label");
  return g_strv_builder_end (builder);
}

static char *
format_count (GtkListItem *item, int count)
{
  if (count < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%d", count);
}

static char *
format_next_announce (GtkListItem *item, gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("—");
  if (seconds == 0)
    return g_strdup (_ ("Now"));
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (NULL, "in %d second", "in %d seconds", seconds),
                            (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_ ("in %d min %02d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_ ("in %d h %02d min"), (int) (seconds / 3600),
                          (int) (seconds % 3600 / 60));
}

/* ----------------------------------------------------------- the model */

/* The selected tracker; NULL for none or a peer source. */
static SpateTracker *
selected_tracker (SpateTrackersPage *self)
{
  SpateTracker *tracker = gtk_single_selection_get_selected_item (self->selection);

  if (tracker == NULL || spate_tracker_get_kind (tracker) != SPATE_TRACKER_KIND_TRACKER)
    return NULL;
  return tracker;
}

static void
update_actions (SpateTrackersPage *self)
{
  gboolean has_torrent = self->torrent != NULL && self->trackers != NULL;
  gboolean selected = has_torrent && selected_tracker (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.add", has_torrent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.remove", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.tier-up",
                                 selected && spate_tracker_get_tier (selected_tracker (self)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.tier-down", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.reannounce", has_torrent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trackers.scrape", has_torrent);
}

/* The peer sources first, as rows of their own, then the trackers. */
static void
connect_model (SpateTrackersPage *self)
{
  GListStore *both;

  if (self->torrent == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->trackers = spate_torrent_get_trackers (self->torrent);
  self->sources = spate_torrent_get_peer_sources (self->torrent);
  both = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (both, self->sources);
  g_list_store_append (both, self->trackers);
  gtk_single_selection_set_model (self->selection,
                                  G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (both))));
  g_object_unref (gtk_single_selection_get_model (self->selection));
}

static void
disconnect_model (SpateTrackersPage *self)
{
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->trackers);
  g_clear_object (&self->sources);
}

SpateTorrent *
spate_trackers_page_get_torrent (SpateTrackersPage *self)
{
  g_return_val_if_fail (SPATE_IS_TRACKERS_PAGE (self), NULL);
  return self->torrent;
}

void
spate_trackers_page_set_torrent (SpateTrackersPage *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_TRACKERS_PAGE (self));
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
spate_trackers_page_get_model (SpateTrackersPage *self)
{
  g_return_val_if_fail (SPATE_IS_TRACKERS_PAGE (self), NULL);
  return self->trackers;
}

/* The torrent's trackers as parallel arrays, in the list's order. */
static void
collect_trackers (SpateTrackersPage *self, GPtrArray *urls, GArray *tiers)
{
  guint n = self->trackers ? g_list_model_get_n_items (self->trackers) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTracker) tracker = g_list_model_get_item (self->trackers, i);
      int tier = spate_tracker_get_tier (tracker);

      g_ptr_array_add (urls, g_strdup (spate_tracker_get_url (tracker)));
      g_array_append_val (tiers, tier);
    }
}

/* Replaces the whole list; change(i, urls, tiers) edits it first. */
static void
replace_trackers (SpateTrackersPage *self, GPtrArray *urls, GArray *tiers)
{
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (urls, NULL);
  if (!spate_torrent_replace_trackers (self->torrent, (const char * const *) urls->pdata,
                                       (const int *) tiers->data, &error))
    _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Change the Trackers"), error);
}

/* ------------------------------------------------------------- parsing */

static gboolean
is_tracker_url (const char *url)
{
  g_autofree char *scheme = NULL;

  if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return FALSE;
  scheme = g_uri_parse_scheme (url);
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "udp") == 0);
}

char **
spate_trackers_parse (const char *text, int **tiers, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GStrvBuilder) urls = g_strv_builder_new ();
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (int));
  int      tier = 0;
  gboolean group_open = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (*line == '\0')
        {
          if (group_open)
            tier++;
          group_open = FALSE;
          continue;
        }
      if (!is_tracker_url (line))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %u is a line number, %s what is on that line. */
                       _ ("Line %u is not an http, https or udp address: %s"), i + 1, line);
          return NULL;
        }
      g_strv_builder_add (urls, line);
      g_array_append_val (offsets, tier);
      group_open = TRUE;
    }
  if (offsets->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("Enter at least one tracker address"));
      return NULL;
    }
  if (tiers != NULL)
    *tiers = (int *) g_array_free (g_steal_pointer (&offsets), FALSE);
  return g_strv_builder_end (urls);
}

/* ------------------------------------------------------------- actions */

static GtkWidget *
text_dialog (SpateTrackersPage *self,
             const char        *heading,
             const char        *body,
             const char        *response_label,
             const char        *text,
             GtkWidget        **error_label)
{
  GtkWidget *dialog, *box, *scrolled, *view;

  dialog = _spate_details_page_new_dialog (GTK_WIDGET (self), heading, body, response_label);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_add_css_class (scrolled, "card");
  view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), scrolled);
  *error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (*error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (*error_label), 0);
  gtk_widget_add_css_class (*error_label, "error");
  gtk_box_append (GTK_BOX (box), *error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_object_set_data (G_OBJECT (dialog), "error-label", *error_label);
  return dialog;
}

static char *
dialog_text (AdwMessageDialog *dialog)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Validates as the person types; the error names the bad line. */
static void
on_dialog_text_changed (AdwMessageDialog *dialog)
{
  g_autofree char *text = dialog_text (dialog);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) urls = spate_trackers_parse (text, NULL, &error);
  GtkLabel *label = g_object_get_data (G_OBJECT (dialog), "error-label");
  gboolean  single = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "single"));
  gboolean  ok = urls != NULL && (!single || g_strv_length (urls) == 1);

  /* An empty box is not an error worth shouting about. */
  gtk_label_set_label (label, error != NULL && *g_strstrip (text) != '\0' ? error->message : NULL);
  if (urls != NULL && !ok)
    gtk_label_set_label (label, _ ("Enter one address"));
  gtk_widget_set_visible (GTK_WIDGET (label), *gtk_label_get_label (label) != '\0');
  adw_message_dialog_set_response_enabled (dialog, "apply", ok);
}

static void
on_add_response (AdwMessageDialog *dialog, const char *response, SpateTrackersPage *self)
{
  g_autofree char *text = NULL;
  g_autofree int  *offsets = NULL;
  g_auto (GStrv) urls = NULL;
  g_autoptr (GPtrArray) existing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) tiers = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GError) error = NULL;
  int base = 0;

  if (!g_str_equal (response, "apply") || self->torrent == NULL)
    return;
  text = dialog_text (dialog);
  urls = spate_trackers_parse (text, &offsets, &error);
  if (urls == NULL)
    return;
  /* New trackers go in tiers after the existing ones. */
  collect_trackers (self, existing, tiers);
  for (guint i = 0; i < tiers->len; i++)
    base = MAX (base, g_array_index (tiers, int, i) + 1);
  for (guint i = 0; urls[i] != NULL; i++)
    if (!spate_torrent_add_tracker (self->torrent, urls[i], base + offsets[i], &error))
      {
        _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Add the Tracker"), error);
        return;
      }
}

static GtkWidget *
run_text_dialog (SpateTrackersPage *self,
                 const char        *heading,
                 const char        *body,
                 const char        *response_label,
                 const char        *text,
                 gboolean           single,
                 GCallback          on_response)
{
  GtkWidget *error_label;
  GtkWidget *dialog = text_dialog (self, heading, body, response_label, text, &error_label);

  g_object_set_data (G_OBJECT (dialog), "single", GINT_TO_POINTER (single));
  g_signal_connect_swapped (g_object_get_data (G_OBJECT (dialog), "buffer"), "changed",
                            G_CALLBACK (on_dialog_text_changed), dialog);
  on_dialog_text_changed (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_text_dialog (SPATE_TRACKERS_PAGE (widget), _ ("Add Trackers"),
                   _ ("One address per line; a blank line starts the next tier."), _ ("_Add"), "",
                   FALSE, G_CALLBACK (on_add_response));
}

static void
on_edit_response (AdwMessageDialog *dialog, const char *response, SpateTrackersPage *self)
{
  const char      *old_url = g_object_get_data (G_OBJECT (dialog), "old-url");
  g_autofree char *text = NULL;
  g_auto (GStrv) urls = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) tiers = g_array_new (FALSE, FALSE, sizeof (int));

  if (!g_str_equal (response, "apply") || self->torrent == NULL)
    return;
  text = dialog_text (dialog);
  urls = spate_trackers_parse (text, NULL, NULL);
  if (urls == NULL || g_strv_length (urls) != 1)
    return;
  collect_trackers (self, list, tiers);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (list->pdata[i], old_url))
      {
        g_free (list->pdata[i]);
        list->pdata[i] = g_strdup (urls[0]);
      }
  replace_trackers (self, list, tiers);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (widget);
  SpateTracker      *tracker = selected_tracker (self);
  GtkWidget         *dialog;

  if (tracker == NULL)
    return;
  dialog = run_text_dialog (self, _ ("Edit Tracker"), NULL, _ ("_Save"),
                            spate_tracker_get_url (tracker), TRUE, G_CALLBACK (on_edit_response));
  g_object_set_data_full (G_OBJECT (dialog), "old-url", g_strdup (spate_tracker_get_url (tracker)),
                          g_free);
}

/* delta 0 removes the selected tracker; ±1 moves it to another tier. */
static void
change_selected (SpateTrackersPage *self, int delta)
{
  SpateTracker *tracker = selected_tracker (self);
  g_autoptr (GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) tiers = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) out_urls = g_ptr_array_new ();
  g_autoptr (GArray) out_tiers = g_array_new (FALSE, FALSE, sizeof (int));
  const char *url;

  if (tracker == NULL)
    return;
  url = spate_tracker_get_url (tracker);
  collect_trackers (self, urls, tiers);
  for (guint i = 0; i < urls->len; i++)
    {
      int tier = g_array_index (tiers, int, i);

      if (g_str_equal (urls->pdata[i], url))
        {
          if (delta == 0)
            continue;
          tier = MAX (0, tier + delta);
        }
      g_ptr_array_add (out_urls, urls->pdata[i]);
      g_array_append_val (out_tiers, tier);
    }
  replace_trackers (self, out_urls, out_tiers);
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  change_selected (SPATE_TRACKERS_PAGE (widget), 0);
}

static void
tier_action (GtkWidget *widget, const char *name, GVariant *param)
{
  change_selected (SPATE_TRACKERS_PAGE (widget), g_str_equal (name, "trackers.tier-up") ? -1 : 1);
}

static void
announce_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  gboolean scrape = g_str_equal (name, "trackers.scrape");

  if (self->torrent == NULL)
    return;
  if (!(scrape ? spate_torrent_scrape (self->torrent, &error)
               : spate_torrent_reannounce (self->torrent, &error)))
    _spate_details_page_show_error (
        GTK_WIDGET (self), scrape ? _ ("Could Not Scrape") : _ ("Could Not Reannounce"), error);
}

/* ------------------------------------------------------------- GObject */

static void
spate_trackers_page_map (GtkWidget *widget)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (widget);

  GTK_WIDGET_CLASS (spate_trackers_page_parent_class)->map (widget);
  connect_model (self);
  update_actions (self);
}

static void
spate_trackers_page_unmap (GtkWidget *widget)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (widget);

  disconnect_model (self);
  update_actions (self);
  GTK_WIDGET_CLASS (spate_trackers_page_parent_class)->unmap (widget);
}

static void
spate_trackers_page_dispose (GObject *object)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (object);

  disconnect_model (self);
  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_TRACKERS_PAGE);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_trackers_page_parent_class)->dispose (object);
}

static void
spate_trackers_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (object);

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
spate_trackers_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SpateTrackersPage *self = SPATE_TRACKERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_trackers_page_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_trackers_page_class_init (SpateTrackersPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_trackers_page_dispose;
  object_class->get_property = spate_trackers_page_get_property;
  object_class->set_property = spate_trackers_page_set_property;
  widget_class->map = spate_trackers_page_map;
  widget_class->unmap = spate_trackers_page_unmap;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SPATE_TYPE_TRACKER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "spate-trackers-page");
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-trackers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateTrackersPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, format_tier);
  gtk_widget_class_bind_template_callback (widget_class, format_url);
  gtk_widget_class_bind_template_callback (widget_class, url_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_status);
  gtk_widget_class_bind_template_callback (widget_class, status_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_count);
  gtk_widget_class_bind_template_callback (widget_class, format_next_announce);

  gtk_widget_class_install_action (widget_class, "trackers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "trackers.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "trackers.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "trackers.tier-up", NULL, tier_action);
  gtk_widget_class_install_action (widget_class, "trackers.tier-down", NULL, tier_action);
  gtk_widget_class_install_action (widget_class, "trackers.reannounce", NULL, announce_action);
  gtk_widget_class_install_action (widget_class, "trackers.scrape", NULL, announce_action);
}

static void
spate_trackers_page_init (SpateTrackersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_actions),
                            self);
  update_actions (self);
}
