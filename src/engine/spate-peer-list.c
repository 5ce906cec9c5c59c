/* spate-peer-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-peer-list.h"

struct _SpatePeerList
{
  SpateItemList parent_instance;
};

G_DEFINE_FINAL_TYPE (SpatePeerList, spate_peer_list, SPATE_TYPE_ITEM_LIST)

static char *
key_of_item (gpointer item)
{
  return _spate_peer_make_key (spate_peer_get_address (item), spate_peer_get_port (item));
}

static char *
key_of_record (gconstpointer data)
{
  const SpateLtPeer *record = data;

  return _spate_peer_make_key (record->address, record->port);
}

static gpointer
new_item (gconstpointer record)
{
  return _spate_peer_new (record);
}

static void
update_item (gpointer item, gconstpointer record)
{
  _spate_peer_update (item, record);
}

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  g_autoptr (GArray) records = spate_lt_torrent_get_peers (handle, NULL);

  if (records != NULL)
    _spate_models_refresh (SPATE_ITEM_LIST (object), records, key_of_item, key_of_record, new_item,
                           update_item);
}

GListModel *
spate_torrent_get_peers (SpateTorrent *torrent)
{
  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  return _spate_item_list_get_for_torrent (torrent, SPATE_TYPE_PEER_LIST, refresh);
}

static void
spate_peer_list_class_init (SpatePeerListClass *klass)
{
  SPATE_ITEM_LIST_CLASS (klass)->item_type = SPATE_TYPE_PEER;
}

static void
spate_peer_list_init (SpatePeerList *self)
{
}
