/* spate-session-prefs.c: download folders, new-torrent defaults and port
 * mapping results, as the Downloads, Connection and BitTorrent
 * preferences set them.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "spate-session-internal.h"
#include "spate-torrent-private.h"

/* ------------------------------------------------------------ folders */

void
spate_session_set_incomplete_dir (SpateSession *self, const char *path)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  g_free (self->incomplete_dir);
  self->incomplete_dir = path != NULL && *path != '\0' ? g_strdup (path) : NULL;
}

const char *
spate_session_get_incomplete_dir (SpateSession *self)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);

  return self->incomplete_dir;
}

void
spate_session_set_completed_dir (SpateSession *self, const char *path)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  g_free (self->completed_dir);
  self->completed_dir = path != NULL && *path != '\0' ? g_strdup (path) : NULL;
}

const char *
spate_session_get_completed_dir (SpateSession *self)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);

  return self->completed_dir;
}

/* Where a finished download goes: the completed folder when set, else
 * where it would have gone without an incomplete folder; NULL to stay. */
static const char *
finished_destination (SpateSession *self, SpateTorrent *torrent)
{
  const char *final_dir = _spate_torrent_get_final_dir (torrent);

  /* Nothing came in: it was complete when added, or only checked. */
  if (final_dir == NULL && spate_torrent_get_session_downloaded (torrent) <= 0)
    return NULL;
  if (self->completed_dir != NULL)
    return self->completed_dir;
  return final_dir;
}

static void
move_finished (SpateSession *self, SpateTorrent *torrent)
{
  g_autofree char *destination = g_strdup (finished_destination (self, torrent));
  const char      *save_path = spate_torrent_get_save_path (torrent);
  g_autoptr (GError) error = NULL;

  if (destination == NULL)
    return;
  _spate_torrent_set_final_dir (torrent, NULL);
  if (save_path != NULL && g_str_equal (save_path, destination))
    return;
  if (g_mkdir_with_parents (destination, 0755) != 0 ||
      !spate_torrent_move_storage (torrent, destination, &error))
    g_message ("Could not move “%s” to %s: %s", spate_torrent_get_name (torrent), destination,
               error != NULL ? error->message : g_strerror (errno));
}

/* ----------------------------------------------------- new torrents */

void
spate_session_set_preallocate (SpateSession *self, gboolean preallocate)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  self->preallocate = preallocate;
}

void
spate_session_set_default_trackers (SpateSession *self, const char * const *urls)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  g_clear_pointer (&self->default_trackers, g_strfreev);
  if (urls != NULL && urls[0] != NULL)
    self->default_trackers = g_strdupv ((char **) urls);
}

static void
set_flag_everywhere (SpateSession *self, SpateTorrentFlags flag, gboolean on)
{
  GListModel *list = G_LIST_MODEL (self->torrents);
  guint       n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (list, i);
      g_autoptr (GError) error = NULL;

      if (((spate_torrent_get_flags (torrent) & flag) != 0) == on)
        continue;
      if (!spate_torrent_set_flags (torrent, on ? flag : 0, flag, &error))
        g_debug ("%s", error->message);
    }
}

void
spate_session_set_pex_enabled (SpateSession *self, gboolean enabled)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  if (self->pex_disabled == !enabled)
    return;
  self->pex_disabled = !enabled;
  set_flag_everywhere (self, SPATE_TORRENT_FLAG_DISABLE_PEX, self->pex_disabled);
}

gboolean
spate_session_get_pex_enabled (SpateSession *self)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), TRUE);

  return !self->pex_disabled;
}

/* The shim reads "no limit" back as -1; any negative limit means none. */
static gboolean
same_limit (int current, int limit)
{
  return current == limit || (limit < 0 && current < 0);
}

void
spate_session_set_torrent_limits (SpateSession *self, int max_connections, int max_uploads)
{
  GListModel *list;
  guint       n;

  g_return_if_fail (SPATE_IS_SESSION (self));

  list = G_LIST_MODEL (self->torrents);
  n = g_list_model_get_n_items (list);
  /* A torrent still at the old default follows; one a person set keeps its own. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (list, i);
      int down, up, connections, uploads;

      if (!spate_torrent_get_limits (torrent, &down, &up, &connections, &uploads, NULL))
        continue;
      if (same_limit (connections, self->torrent_max_connections) &&
          self->torrent_max_connections != max_connections)
        spate_torrent_set_max_connections (torrent, max_connections, NULL);
      if (same_limit (uploads, self->torrent_max_uploads) &&
          self->torrent_max_uploads != max_uploads)
        spate_torrent_set_max_uploads (torrent, max_uploads, NULL);
    }
  self->torrent_max_connections = max_connections;
  self->torrent_max_uploads = max_uploads;
}

void
_spate_session_prefs_params (SpateSession          *self,
                             SpateTorrent          *torrent,
                             SpateLtAddParams      *params,
                             const SpateAddOptions *options,
                             gboolean               restoring)
{
  int tier = 1000;

  if (restoring)
    return;
  spate_lt_add_params_set_preallocate (params, self->preallocate);
  /* Complete data stays where it is. */
  if (self->incomplete_dir != NULL && !(options != NULL && options->seed_mode))
    {
      _spate_torrent_set_final_dir (torrent, spate_lt_add_params_get_save_path (params));
      spate_lt_add_params_set_save_path (params, self->incomplete_dir);
    }
  /* After the torrent's own tiers. */
  for (guint i = 0; self->default_trackers != NULL && self->default_trackers[i] != NULL; i++)
    spate_lt_add_params_add_tracker (params, self->default_trackers[i], tier++);
}

void
_spate_session_prefs_added (SpateSession *self, SpateTorrent *torrent, gboolean restoring)
{
  if (self->pex_disabled)
    spate_torrent_set_flags (torrent, SPATE_TORRENT_FLAG_DISABLE_PEX,
                             SPATE_TORRENT_FLAG_DISABLE_PEX, NULL);
  if (restoring)
    return;
  if (self->torrent_max_connections != -1)
    spate_torrent_set_max_connections (torrent, self->torrent_max_connections, NULL);
  if (self->torrent_max_uploads != -1)
    spate_torrent_set_max_uploads (torrent, self->torrent_max_uploads, NULL);
}

/* ------------------------------------------------------ port mapping */

gboolean
spate_session_get_port_mapping (SpateSession   *self,
                                SpatePortMapper mapper,
                                int            *external_port,
                                const char    **error)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (mapper <= SPATE_PORT_MAPPER_NATPMP, FALSE);

  if (external_port != NULL)
    *external_port = self->mapped_port[mapper];
  if (error != NULL)
    *error = self->mapping_error[mapper];
  return self->mapped_port[mapper] > 0;
}

void
_spate_session_prefs_alert (SpateSession *self, SpateTorrent *torrent, const SpateLtAlert *alert)
{
  SpatePortMapper mapper;

  switch (alert->kind)
    {
    case SPATE_LT_ALERT_TORRENT_FINISHED:
      if (torrent != NULL)
        move_finished (self, torrent);
      break;

    case SPATE_LT_ALERT_PORTMAP:
    case SPATE_LT_ALERT_PORTMAP_ERROR:
      mapper = g_strcmp0 (alert->socket_type, "NAT-PMP") == 0 ? SPATE_PORT_MAPPER_NATPMP
                                                              : SPATE_PORT_MAPPER_UPNP;
      g_clear_pointer (&self->mapping_error[mapper], g_free);
      if (alert->kind == SPATE_LT_ALERT_PORTMAP)
        self->mapped_port[mapper] = alert->port;
      else
        {
          self->mapped_port[mapper] = 0;
          self->mapping_error[mapper] =
              g_strdup (alert->error.message ? alert->error.message : alert->message);
        }
      break;

    default:
      break;
    }
}

void
_spate_session_prefs_dispose (SpateSession *self)
{
  g_clear_pointer (&self->incomplete_dir, g_free);
  g_clear_pointer (&self->completed_dir, g_free);
  g_clear_pointer (&self->default_trackers, g_strfreev);
  for (guint i = 0; i < G_N_ELEMENTS (self->mapping_error); i++)
    g_clear_pointer (&self->mapping_error[i], g_free);
}
