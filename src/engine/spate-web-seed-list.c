/* spate-web-seed-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-web-seed-list.h"

struct _SpateWebSeedList
{
  SpateItemList parent_instance;
};

G_DEFINE_FINAL_TYPE (SpateWebSeedList, spate_web_seed_list, SPATE_TYPE_ITEM_LIST)

static char *
make_key (const char *url, int type)
{
  return g_strdup_printf ("%d %s", type, url);
}

/* The shim's two kinds are ours, in the same order. */
static SpateWebSeedType
type_of_record (const SpateLtWebSeed *record)
{
  return record->type == SPATE_LT_WEB_SEED_HTTP ? SPATE_WEB_SEED_TYPE_HTTP
                                                : SPATE_WEB_SEED_TYPE_URL;
}

static char *
key_of_item (gpointer item)
{
  return make_key (spate_web_seed_get_url (item), spate_web_seed_get_seed_type (item));
}

static char *
key_of_record (gconstpointer data)
{
  const SpateLtWebSeed *record = data;

  return make_key (record->url, type_of_record (record));
}

static gpointer
new_item (gconstpointer data)
{
  const SpateLtWebSeed *record = data;

  return _spate_web_seed_new (record->url, type_of_record (record));
}

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  g_autoptr (GArray) records = spate_lt_torrent_get_web_seeds (handle, NULL);

  /* A web seed has nothing that changes: no update_item. */
  if (records != NULL)
    _spate_models_refresh (SPATE_ITEM_LIST (object), records, key_of_item, key_of_record, new_item,
                           NULL);
}

GListModel *
spate_torrent_get_web_seeds (SpateTorrent *torrent)
{
  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  return _spate_item_list_get_for_torrent (torrent, SPATE_TYPE_WEB_SEED_LIST, refresh);
}

static void
spate_web_seed_list_class_init (SpateWebSeedListClass *klass)
{
  SPATE_ITEM_LIST_CLASS (klass)->item_type = SPATE_TYPE_WEB_SEED;
}

static void
spate_web_seed_list_init (SpateWebSeedList *self)
{
}
