/* spate-tracker-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-session.h"
#include "spate-torrent-info.h"
#include "spate-tracker-list.h"

#include <glib/gi18n.h>

struct _SpateTrackerList
{
  SpateItemList parent_instance;
};

G_DEFINE_FINAL_TYPE (SpateTrackerList, spate_tracker_list, SPATE_TYPE_ITEM_LIST)

static char *
key_of_item (gpointer item)
{
  return g_strdup (spate_tracker_get_url (item));
}

static char *
key_of_record (gconstpointer data)
{
  const SpateLtTracker *record = data;

  return g_strdup (record->url);
}

static gpointer
new_item (gconstpointer record)
{
  return _spate_tracker_new (record);
}

static void
update_item (gpointer item, gconstpointer record)
{
  _spate_tracker_update (item, record);
}

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  g_autoptr (GArray) records = spate_lt_torrent_get_trackers (handle, NULL);

  if (records != NULL)
    _spate_models_refresh (SPATE_ITEM_LIST (object), records, key_of_item, key_of_record, new_item,
                           update_item);
}

GListModel *
spate_torrent_get_trackers (SpateTorrent *torrent)
{
  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  return _spate_item_list_get_for_torrent (torrent, SPATE_TYPE_TRACKER_LIST, refresh);
}

static void
spate_tracker_list_class_init (SpateTrackerListClass *klass)
{
  SPATE_ITEM_LIST_CLASS (klass)->item_type = SPATE_TYPE_TRACKER;
}

static void
spate_tracker_list_init (SpateTrackerList *self)
{
}

/* ------------------------------------------------------- peer sources */

struct _SpatePeerSourceList
{
  SpateItemList parent_instance;

  /* libtorrent keeps private torrents off DHT, PeX and LSD. */
  gboolean private_known;
  gboolean is_private;
};

G_DEFINE_FINAL_TYPE (SpatePeerSourceList, spate_peer_source_list, SPATE_TYPE_ITEM_LIST)

static gboolean
session_enables (SpateSession *session, const char *setting)
{
  g_autoptr (GVariant) value = NULL;

  if (session == NULL)
    return FALSE;
  value = spate_session_get_setting (session, setting, NULL);
  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
         g_variant_get_boolean (value);
}

static void
refresh_sources (GObject *object, SpateLtTorrent *handle)
{
  static const SpateLtPeerSource found_by[] = { 0, SPATE_LT_PEER_SOURCE_DHT,
                                                SPATE_LT_PEER_SOURCE_PEX,
                                                SPATE_LT_PEER_SOURCE_LSD };
  static const SpateTorrentFlags off_by[] = { 0, SPATE_TORRENT_FLAG_DISABLE_DHT,
                                              SPATE_TORRENT_FLAG_DISABLE_PEX,
                                              SPATE_TORRENT_FLAG_DISABLE_LSD };
  SpatePeerSourceList           *self = SPATE_PEER_SOURCE_LIST (object);
  SpateTorrent                  *torrent = spate_item_list_get_torrent (SPATE_ITEM_LIST (self));
  SpateSession                  *session = _spate_torrent_get_session (torrent);
  GPtrArray                     *items = _spate_item_list_get_items (SPATE_ITEM_LIST (self));
  g_autoptr (GArray) peers = spate_lt_torrent_get_peers (handle, NULL);
  SpateTorrentFlags flags = spate_torrent_get_flags (torrent);
  /* PeX is an extension libtorrent always loads: only the torrent turns it off. */
  gboolean session_on[] = { FALSE, session_enables (session, "enable_dht"), session != NULL,
                            session_enables (session, "enable_lsd") };

  if (!self->private_known)
    {
      g_autoptr (SpateTorrentInfo) info = spate_torrent_get_info (torrent, NULL);

      if (info != NULL)
        {
          self->is_private = spate_torrent_info_get_is_private (info);
          self->private_known = TRUE;
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      SpateTracker      *item = g_ptr_array_index (items, i);
      SpateTrackerKind   kind = spate_tracker_get_kind (item);
      SpateTrackerStatus status = SPATE_TRACKER_STATUS_WORKING;
      const char        *message = NULL;
      int                seeds = 0, others = 0;

      if (self->is_private)
        message = _ ("Private torrents use only their trackers");
      else if (!session_on[kind])
        message = _ ("Turned off in Preferences");
      else if (flags & off_by[kind])
        message = _ ("Turned off for this torrent");
      if (message != NULL)
        status = SPATE_TRACKER_STATUS_DISABLED;

      for (guint p = 0; peers != NULL && p < peers->len; p++)
        {
          const SpateLtPeer *peer = &g_array_index (peers, SpateLtPeer, p);

          if (!(peer->source & found_by[kind]))
            continue;
          if (peer->flags & SPATE_LT_PEER_SEED)
            seeds++;
          else
            others++;
        }
      _spate_tracker_update_peer_source (item, status, message, seeds, others);
    }
}

GListModel *
spate_torrent_get_peer_sources (SpateTorrent *torrent)
{
  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  return _spate_item_list_get_for_torrent (torrent, SPATE_TYPE_PEER_SOURCE_LIST, refresh_sources);
}

static void
spate_peer_source_list_class_init (SpatePeerSourceListClass *klass)
{
  SPATE_ITEM_LIST_CLASS (klass)->item_type = SPATE_TYPE_TRACKER;
}

static void
spate_peer_source_list_init (SpatePeerSourceList *self)
{
  GPtrArray *items = _spate_item_list_get_items (SPATE_ITEM_LIST (self));

  for (SpateTrackerKind kind = SPATE_TRACKER_KIND_DHT; kind <= SPATE_TRACKER_KIND_LSD; kind++)
    g_ptr_array_add (items, _spate_tracker_new_peer_source (kind));
}
