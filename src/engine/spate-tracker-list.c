/* spate-tracker-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-tracker-list.h"

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
