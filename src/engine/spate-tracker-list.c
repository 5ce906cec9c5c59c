/* spate-tracker-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-tracker-list.h"

struct _SpateTrackerList
{
  GObject parent_instance;

  SpateTorrent *torrent; /* owned */
  GPtrArray    *items;   /* SpateTracker, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpateTrackerList,
                               spate_tracker_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  SpateTrackerList *self = SPATE_TRACKER_LIST (object);
  g_autoptr (GArray) records = spate_lt_torrent_get_trackers (handle, NULL);
  g_autoptr (GHashTable) by_url = NULL;
  g_autoptr (GPtrArray) fresh = NULL;

  if (records == NULL)
    return;
  by_url = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      SpateTracker *tracker = g_ptr_array_index (self->items, i);
      g_hash_table_insert (by_url, (gpointer) spate_tracker_get_url (tracker), tracker);
    }

  fresh = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      const SpateLtTracker *record = &g_array_index (records, SpateLtTracker, i);
      SpateTracker         *tracker = g_hash_table_lookup (by_url, record->url);

      if (tracker != NULL)
        {
          /* Taken: a second record with the same URL gets its own row. */
          g_hash_table_remove (by_url, record->url);
          _spate_tracker_update (tracker, record);
          g_ptr_array_add (fresh, g_object_ref (tracker));
        }
      else
        {
          g_ptr_array_add (fresh, _spate_tracker_new (record));
        }
    }
  _spate_models_sync (G_LIST_MODEL (self), self->items, fresh);
}

GListModel *
spate_torrent_get_trackers (SpateTorrent *torrent)
{
  SpateTrackerList *self;
  GObject          *existing;

  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  existing = _spate_torrent_find_child (torrent, SPATE_TYPE_TRACKER_LIST);
  if (existing != NULL)
    return G_LIST_MODEL (g_object_ref (existing));
  self = g_object_new (SPATE_TYPE_TRACKER_LIST, NULL);
  self->torrent = g_object_ref (torrent);
  _spate_torrent_add_child (torrent, G_OBJECT (self), refresh);
  return G_LIST_MODEL (self);
}

SpateTorrent *
spate_tracker_list_get_torrent (SpateTrackerList *self)
{
  g_return_val_if_fail (SPATE_IS_TRACKER_LIST (self), NULL);
  return self->torrent;
}

static GType
get_item_type (GListModel *model)
{
  return SPATE_TYPE_TRACKER;
}

static guint
get_n_items (GListModel *model)
{
  return SPATE_TRACKER_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpateTrackerList *self = SPATE_TRACKER_LIST (model);

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
spate_tracker_list_finalize (GObject *object)
{
  SpateTrackerList *self = SPATE_TRACKER_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_tracker_list_parent_class)->finalize (object);
}

static void
spate_tracker_list_class_init (SpateTrackerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = spate_tracker_list_finalize;
}

static void
spate_tracker_list_init (SpateTrackerList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
