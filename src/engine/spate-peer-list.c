/* spate-peer-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-peer-list.h"

struct _SpatePeerList
{
  GObject parent_instance;

  SpateTorrent *torrent; /* owned */
  GPtrArray    *items;   /* SpatePeer, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpatePeerList,
                               spate_peer_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  SpatePeerList *self = SPATE_PEER_LIST (object);
  g_autoptr (GArray) records = spate_lt_torrent_get_peers (handle, NULL);
  g_autoptr (GHashTable) by_key = NULL;
  g_autoptr (GPtrArray) fresh = NULL;

  if (records == NULL)
    return;
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      SpatePeer *peer = g_ptr_array_index (self->items, i);
      g_hash_table_insert (
          by_key, _spate_peer_make_key (spate_peer_get_address (peer), spate_peer_get_port (peer)),
          peer);
    }

  fresh = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      const SpateLtPeer *record = &g_array_index (records, SpateLtPeer, i);
      g_autofree char   *key = _spate_peer_make_key (record->address, record->port);
      SpatePeer         *peer = g_hash_table_lookup (by_key, key);

      if (peer != NULL)
        {
          g_hash_table_remove (by_key, key);
          _spate_peer_update (peer, record);
          g_ptr_array_add (fresh, g_object_ref (peer));
        }
      else
        {
          g_ptr_array_add (fresh, _spate_peer_new (record));
        }
    }
  _spate_models_sync (G_LIST_MODEL (self), self->items, fresh);
}

GListModel *
spate_torrent_get_peers (SpateTorrent *torrent)
{
  SpatePeerList *self;
  GObject       *existing;

  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  existing = _spate_torrent_find_child (torrent, SPATE_TYPE_PEER_LIST);
  if (existing != NULL)
    return G_LIST_MODEL (g_object_ref (existing));
  self = g_object_new (SPATE_TYPE_PEER_LIST, NULL);
  self->torrent = g_object_ref (torrent);
  _spate_torrent_add_child (torrent, G_OBJECT (self), refresh);
  return G_LIST_MODEL (self);
}

SpateTorrent *
spate_peer_list_get_torrent (SpatePeerList *self)
{
  g_return_val_if_fail (SPATE_IS_PEER_LIST (self), NULL);
  return self->torrent;
}

static GType
get_item_type (GListModel *model)
{
  return SPATE_TYPE_PEER;
}

static guint
get_n_items (GListModel *model)
{
  return SPATE_PEER_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpatePeerList *self = SPATE_PEER_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
spate_peer_list_finalize (GObject *object)
{
  SpatePeerList *self = SPATE_PEER_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_peer_list_parent_class)->finalize (object);
}

static void
spate_peer_list_class_init (SpatePeerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = spate_peer_list_finalize;
}

static void
spate_peer_list_init (SpatePeerList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
