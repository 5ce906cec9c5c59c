/* spate-general-page.c: what a torrent is and how far it got.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-general-page.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

#include "spate-piece-map.h"
#include "spate-portal.h"

struct _SpateGeneralPage
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;

  /* Only while mapped. */
  SpatePieces *pieces;
  gulong       torrent_notify_id;
  gulong       snapshot_notify_id;
  guint        refresh_id;
  /* The magnet link, made once per torrent and metadata state. */
  char    *magnet;
  gboolean magnet_has_metadata;

  GtkWidget     *error_box;
  GtkLabel      *error_label;
  SpatePieceMap *piece_map;
  GtkLabel      *legend_label;
  GtkLabel      *name_label;
  GtkLabel      *size_label;
  GtkLabel      *done_label;
  GtkLabel      *pieces_label;
  GtkLabel      *eta_label;
  GtkLabel      *added_label;
  GtkLabel      *ratio_label;
  GtkLabel      *downloaded_label;
  GtkLabel      *uploaded_label;
  GtkLabel      *seeds_label;
  GtkLabel      *peers_label;
  GtkLabel      *completed_label;
  GtkLabel      *created_label;
  GtkLabel      *private_label;
  GtkLabel      *comment_label;
  GtkLabel      *save_path_label;
  GtkLabel      *hash_v1_label;
  GtkLabel      *hash_v2_label;
  GtkLabel      *magnet_label;
};

G_DEFINE_FINAL_TYPE (SpateGeneralPage, spate_general_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ format */

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 86400)
    return g_strdup_printf (_ ("%d d %d h"), (int) (seconds / 86400),
                            (int) (seconds % 86400 / 3600));
  if (seconds >= 3600)
    return g_strdup_printf (_ ("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  if (seconds >= 60)
    return g_strdup_printf (_ ("%d min %d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_ ("%d s"), (int) seconds);
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr (GDateTime) time = NULL;

  if (unix_seconds <= 0)
    return NULL;
  time = g_date_time_new_from_unix_local (unix_seconds);
  return time != NULL ? g_date_time_format (time, "%x %X") : NULL;
}

/* "3 connected, 10 in swarm"; the swarm count is -1 when unknown. */
static char *
format_connected (int connected, int swarm)
{
  if (swarm < 0)
    return g_strdup_printf (_ ("%d connected"), connected);
  return g_strdup_printf (_ ("%d connected, %d in swarm"), connected, swarm);
}

static char *
format_transfer (gint64 total, gint64 session)
{
  g_autofree char *all = g_format_size (total);
  g_autofree char *now = g_format_size (session);

  /* Translators: bytes in all, then bytes since Spate started */
  return g_strdup_printf (_ ("%s (%s this session)"), all, now);
}

static void
set_label_take (GtkLabel *label, char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "—");
  g_free (text);
}

/* ------------------------------------------------------------ refresh */

static void
update_legend (SpateGeneralPage *self)
{
  gboolean         dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autofree char *markup = NULL;

#define SWATCH(c) "<span foreground=\"", spate_piece_map_color_hex (c, dark), "\">■</span> "
  markup = g_strconcat (SWATCH (SPATE_PIECE_MAP_HAVE), _ ("Here"), "    ",
                        SWATCH (SPATE_PIECE_MAP_MISSING), _ ("Missing"), "    ",
                        SWATCH (SPATE_PIECE_MAP_SKIPPED), _ ("Not wanted"), "        ",
                        _ ("Seen on peers:"), "  ", SWATCH (SPATE_PIECE_MAP_RARE), _ ("rarely"),
                        "    ", SWATCH (SPATE_PIECE_MAP_COMMON), _ ("often"), "    ",
                        SWATCH (SPATE_PIECE_MAP_NOWHERE), _ ("nowhere"), NULL);
#undef SWATCH
  gtk_label_set_markup (self->legend_label, markup);
}

static void
update_actions (SpateGeneralPage *self)
{
  SpateTorrent *t = self->torrent;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "general.copy-hash-v1",
                                 t != NULL && spate_torrent_get_info_hash_v1 (t) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "general.copy-hash-v2",
                                 t != NULL && spate_torrent_get_info_hash_v2 (t) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "general.copy-magnet", self->magnet != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "general.open-folder",
                                 t != NULL && spate_torrent_get_save_path (t) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "general.retry",
                                 t != NULL && spate_torrent_get_error (t) != NULL);
}

/* Escapes text for markup and makes its http(s) addresses links. */
static char *
linkify (const char *text)
{
  g_autoptr (GRegex) url = g_regex_new ("https?://[^\\s<>\"]+", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *rest = NULL;
  int              last = 0;

  for (g_regex_match (url, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *link = g_match_info_fetch (match, 0);
      g_autofree char *escaped = g_markup_escape_text (link, -1);
      g_autofree char *before = NULL;
      int              start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      before = g_markup_escape_text (text + last, start - last);
      g_string_append_printf (out, "%s<a href=\"%s\">%s</a>", before, escaped, escaped);
      last = end;
    }
  rest = g_markup_escape_text (text + last, -1);
  g_string_append (out, rest);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What the .torrent says: once metadata is there, it does not change. */
static void
update_info (SpateGeneralPage *self)
{
  g_autoptr (SpateTorrentInfo) info = spate_torrent_get_info (self->torrent, NULL);
  g_autofree char *created = NULL;
  g_autofree char *comment = NULL;
  const char      *creator;
  gint64           date;

  if (info == NULL)
    {
      gtk_label_set_text (self->created_label, "—");
      gtk_label_set_text (self->private_label, "—");
      gtk_label_set_text (self->comment_label, "—");
      return;
    }
  creator = spate_torrent_info_get_creator (info);
  date = spate_torrent_info_get_creation_date (info);
  if (date > 0)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (date);
      g_autofree char *day = g_date_time_format (when, "%x %X");

      created = creator != NULL && creator[0] != '\0'
                    /* Translators: "<date> by <program>" */
                    ? g_strdup_printf (_ ("%s by %s"), day, creator)
                    : g_steal_pointer (&day);
    }
  else
    created = g_strdup (creator != NULL && creator[0] != '\0' ? creator : "—");
  gtk_label_set_text (self->created_label, created);
  gtk_label_set_text (self->private_label,
                      spate_torrent_info_get_is_private (info)
                          ? _ ("Yes: peers only from its trackers, no DHT or peer exchange")
                          : _ ("No"));
  if (spate_torrent_info_get_comment (info) != NULL &&
      spate_torrent_info_get_comment (info)[0] != '\0')
    comment = linkify (spate_torrent_info_get_comment (info));
  gtk_label_set_markup (self->comment_label, comment != NULL ? comment : "—");
}

static void
update_magnet (SpateGeneralPage *self)
{
  gboolean has_metadata = spate_torrent_get_has_metadata (self->torrent);

  if (self->magnet != NULL && self->magnet_has_metadata == has_metadata)
    return;
  g_clear_pointer (&self->magnet, g_free);
  self->magnet = spate_torrent_get_magnet_link (self->torrent, NULL);
  self->magnet_has_metadata = has_metadata;
  gtk_label_set_text (self->magnet_label, self->magnet != NULL ? self->magnet : "—");
  update_info (self);
}

static void
refresh (SpateGeneralPage *self)
{
  SpateTorrent *t = self->torrent;
  gint64        session_uploaded = 0, completed_time = 0;
  int           swarm_seeds = -1, swarm_peers = -1, pieces_done = 0;
  int           seeds, peers;
  gint64        eta;
  double        ratio;
  const char   *error;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_actions (self);
  if (t == NULL)
    return;

  g_object_get (t, "session-uploaded", &session_uploaded, "completed-time", &completed_time,
                "swarm-seeds", &swarm_seeds, "swarm-peers", &swarm_peers, "pieces-done",
                &pieces_done, NULL);

  gtk_label_set_text (self->name_label, spate_torrent_get_name (t));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), spate_torrent_get_name (t));
  gtk_label_set_text (self->save_path_label, spate_torrent_get_save_path (t));
  gtk_label_set_text (self->hash_v1_label, spate_torrent_get_info_hash_v1 (t) != NULL
                                               ? spate_torrent_get_info_hash_v1 (t)
                                               : _ ("None"));
  gtk_label_set_text (self->hash_v2_label, spate_torrent_get_info_hash_v2 (t) != NULL
                                               ? spate_torrent_get_info_hash_v2 (t)
                                               : _ ("None"));
  update_magnet (self);

  if (spate_torrent_get_has_metadata (t))
    {
      g_autofree char *wanted = g_format_size (spate_torrent_get_wanted_size (t));
      g_autofree char *done = g_format_size (spate_torrent_get_wanted_done (t));
      g_autofree char *piece = g_format_size (spate_torrent_get_piece_length (t));

      set_label_take (self->size_label, g_format_size (spate_torrent_get_total_size (t)));
      /* Translators: bytes done of bytes wanted, then the percentage */
      set_label_take (self->done_label,
                      g_strdup_printf (_ ("%s of %s wanted (%.1f %%)"), done, wanted,
                                       spate_torrent_get_progress (t) * 100));
      /* Translators: number of pieces × piece size, then pieces downloaded */
      set_label_take (self->pieces_label,
                      g_strdup_printf (_ ("%'d × %s (%'d here)"),
                                       spate_torrent_get_pieces_total (t), piece, pieces_done));
    }
  else
    {
      gtk_label_set_text (self->size_label, _ ("Waiting for metadata"));
      gtk_label_set_text (self->done_label, "—");
      gtk_label_set_text (self->pieces_label, "—");
    }

  eta = spate_torrent_get_eta (t);
  if (spate_torrent_get_is_finished (t))
    gtk_label_set_text (self->eta_label, _ ("Done"));
  else if (eta < 0)
    gtk_label_set_text (self->eta_label, _ ("Unknown"));
  else
    set_label_take (self->eta_label, format_duration (eta));
  set_label_take (self->added_label, format_time (spate_torrent_get_added_time (t)));
  if (completed_time > 0)
    set_label_take (self->completed_label, format_time (completed_time));
  else
    gtk_label_set_text (self->completed_label, _ ("Not yet"));

  ratio = spate_torrent_get_ratio (t);
  if (ratio < 0)
    gtk_label_set_text (self->ratio_label, "∞");
  else
    set_label_take (self->ratio_label, g_strdup_printf ("%.2f", ratio));
  set_label_take (
      self->downloaded_label,
      format_transfer (spate_torrent_get_downloaded (t), spate_torrent_get_session_downloaded (t)));
  set_label_take (self->uploaded_label,
                  format_transfer (spate_torrent_get_uploaded (t), session_uploaded));

  /* libtorrent counts seeds among the connected peers. */
  seeds = spate_torrent_get_num_seeds (t);
  peers = MAX (spate_torrent_get_num_peers (t) - seeds, 0);
  set_label_take (self->seeds_label, format_connected (seeds, swarm_seeds));
  set_label_take (self->peers_label, format_connected (peers, swarm_peers));

  error = spate_torrent_get_error (t);
  gtk_widget_set_visible (self->error_box, error != NULL);
  if (error != NULL)
    /* Translators: the error libtorrent reported for the torrent */
    set_label_take (self->error_label, g_strdup_printf (_ ("The torrent stopped: %s"), error));
}

static gboolean
refresh_idle (gpointer data)
{
  SpateGeneralPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Several properties change per status update: refresh once for them. */
static void
torrent_notify_cb (SpateGeneralPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_idle, self, NULL);
}

static void
snapshot_changed_cb (SpateGeneralPage *self)
{
  SpatePieceSnapshot *snapshot = spate_pieces_get_snapshot (self->pieces);
  g_autoptr (GBytes) priorities = NULL;

  /* Skipped pieces are worth showing only while some are missing. */
  if (spate_piece_snapshot_get_n_have (snapshot) < spate_piece_snapshot_get_n_pieces (snapshot))
    priorities = spate_torrent_get_piece_priorities (self->torrent, NULL);
  spate_piece_map_set_priorities (self->piece_map, priorities);
  spate_piece_map_set_snapshot (self->piece_map, snapshot);
}

static void
watch (SpateGeneralPage *self)
{
  if (self->torrent == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->torrent_notify_id =
      g_signal_connect_swapped (self->torrent, "notify", G_CALLBACK (torrent_notify_cb), self);
  self->pieces = spate_torrent_get_pieces (self->torrent);
  self->snapshot_notify_id = g_signal_connect_swapped (self->pieces, "notify::snapshot",
                                                       G_CALLBACK (snapshot_changed_cb), self);
  snapshot_changed_cb (self);
  refresh (self);
}

static void
unwatch (SpateGeneralPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->torrent != NULL)
    g_clear_signal_handler (&self->torrent_notify_id, self->torrent);
  if (self->pieces != NULL)
    g_clear_signal_handler (&self->snapshot_notify_id, self->pieces);
  g_clear_object (&self->pieces);
  spate_piece_map_set_snapshot (self->piece_map, NULL);
  spate_piece_map_set_priorities (self->piece_map, NULL);
}

/* ------------------------------------------------------------ actions */

static void
copy_text (SpateGeneralPage *self, const char *text)
{
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
copy_hash_v1_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (widget);

  if (self->torrent != NULL)
    copy_text (self, spate_torrent_get_info_hash_v1 (self->torrent));
}

static void
copy_hash_v2_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (widget);

  if (self->torrent != NULL)
    copy_text (self, spate_torrent_get_info_hash_v2 (self->torrent));
}

static void
copy_magnet_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (widget);

  if (self->torrent != NULL)
    {
      g_clear_pointer (&self->magnet, g_free);
      update_magnet (self);
      copy_text (self, self->magnet);
    }
}

static void
open_folder_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (widget);
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) content = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->torrent == NULL || spate_torrent_get_save_path (self->torrent) == NULL)
    return;
  /* Point at the torrent's files when they are there, else their folder. */
  folder = g_file_new_for_path (spate_torrent_get_save_path (self->torrent));
  content = g_file_get_child (folder, spate_torrent_get_disk_name (self->torrent));
  spate_portal_show_in_folder_simple (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      g_file_query_exists (content, NULL) ? content : folder);
}

static void
retry_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->torrent != NULL && !spate_torrent_clear_error (self->torrent, &error))
    g_message ("Could not clear the error of %s: %s", spate_torrent_get_name (self->torrent),
               error->message);
}

/* ------------------------------------------------------------ object */

SpateTorrent *
spate_general_page_get_torrent (SpateGeneralPage *self)
{
  g_return_val_if_fail (SPATE_IS_GENERAL_PAGE (self), NULL);
  return self->torrent;
}

void
spate_general_page_set_torrent (SpateGeneralPage *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_GENERAL_PAGE (self));
  g_return_if_fail (torrent == NULL || SPATE_IS_TORRENT (torrent));

  if (self->torrent == torrent)
    return;
  unwatch (self);
  g_set_object (&self->torrent, torrent);
  g_clear_pointer (&self->magnet, g_free);
  watch (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TORRENT]);
}

static void
spate_general_page_map (GtkWidget *widget)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (widget);

  GTK_WIDGET_CLASS (spate_general_page_parent_class)->map (widget);
  update_legend (self);
  watch (self);
}

static void
spate_general_page_unmap (GtkWidget *widget)
{
  unwatch (SPATE_GENERAL_PAGE (widget));
  GTK_WIDGET_CLASS (spate_general_page_parent_class)->unmap (widget);
}

static void
spate_general_page_dispose (GObject *object)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (object);

  unwatch (self);
  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_GENERAL_PAGE);
  g_clear_object (&self->torrent);
  g_clear_pointer (&self->magnet, g_free);

  G_OBJECT_CLASS (spate_general_page_parent_class)->dispose (object);
}

static void
spate_general_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (object);

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
spate_general_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SpateGeneralPage *self = SPATE_GENERAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_general_page_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_general_page_class_init (SpateGeneralPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_general_page_dispose;
  object_class->get_property = spate_general_page_get_property;
  object_class->set_property = spate_general_page_set_property;
  widget_class->map = spate_general_page_map;
  widget_class->unmap = spate_general_page_unmap;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "general.copy-hash-v1", NULL, copy_hash_v1_action);
  gtk_widget_class_install_action (widget_class, "general.copy-hash-v2", NULL, copy_hash_v2_action);
  gtk_widget_class_install_action (widget_class, "general.copy-magnet", NULL, copy_magnet_action);
  gtk_widget_class_install_action (widget_class, "general.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "general.retry", NULL, retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "spate-general-page");
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-general-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SpateGeneralPage, name)
  CHILD (error_box);
  CHILD (error_label);
  CHILD (piece_map);
  CHILD (legend_label);
  CHILD (name_label);
  CHILD (size_label);
  CHILD (done_label);
  CHILD (pieces_label);
  CHILD (eta_label);
  CHILD (added_label);
  CHILD (ratio_label);
  CHILD (downloaded_label);
  CHILD (uploaded_label);
  CHILD (seeds_label);
  CHILD (peers_label);
  CHILD (completed_label);
  CHILD (created_label);
  CHILD (private_label);
  CHILD (comment_label);
  CHILD (save_path_label);
  CHILD (hash_v1_label);
  CHILD (hash_v2_label);
  CHILD (magnet_label);
#undef CHILD
}

static void
spate_general_page_init (SpateGeneralPage *self)
{
  g_type_ensure (SPATE_TYPE_PIECE_MAP);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);
  update_actions (self);
}
