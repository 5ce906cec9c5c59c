/* spate-web-seed-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"
#include "spate-web-seed-list.h"

struct _SpateWebSeedList
{
  GObject parent_instance;

  SpateTorrent *torrent; /* owned */
  GPtrArray    *items;   /* SpateWebSeed, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpateWebSeedList,
                               spate_web_seed_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static char *
make_key (const char *url, int type)
{
  return g_strdup_printf ("%d %s", type, url);
}

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  SpateWebSeedList *self = SPATE_WEB_SEED_LIST (object);
  g_autoptr (GArray) records = spate_lt_torrent_get_web_seeds (handle, NULL);
  g_autoptr (GHashTable) by_key = NULL;
  g_autoptr (GPtrArray) fresh = NULL;

  if (records == NULL)
    return;
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      SpateWebSeed *seed = g_ptr_array_index (self->items, i);
      g_hash_table_insert (
          by_key, make_key (spate_web_seed_get_url (seed), spate_web_seed_get_seed_type (seed)),
          seed);
    }

  fresh = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      const SpateLtWebSeed *record = &g_array_index (records, SpateLtWebSeed, i);
      /* The shim's two kinds are ours, in the same order. */
      SpateWebSeedType type = record->type == SPATE_LT_WEB_SEED_HTTP ? SPATE_WEB_SEED_TYPE_HTTP
                                                                     : SPATE_WEB_SEED_TYPE_URL;
      g_autofree char *key = make_key (record->url, type);
      SpateWebSeed    *seed = g_hash_table_lookup (by_key, key);

      if (seed != NULL)
        {
          g_hash_table_remove (by_key, key);
          g_ptr_array_add (fresh, g_object_ref (seed));
        }
      else
        {
          g_ptr_array_add (fresh, _spate_web_seed_new (record->url, type));
        }
    }
  _spate_models_sync (G_LIST_MODEL (self), self->items, fresh);
}

GListModel *
spate_torrent_get_web_seeds (SpateTorrent *torrent)
{
  SpateWebSeedList *self;
  GObject          *existing;

  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  existing = _spate_torrent_find_child (torrent, SPATE_TYPE_WEB_SEED_LIST);
  if (existing != NULL)
    return G_LIST_MODEL (g_object_ref (existing));
  self = g_object_new (SPATE_TYPE_WEB_SEED_LIST, NULL);
  self->torrent = g_object_ref (torrent);
  _spate_torrent_add_child (torrent, G_OBJECT (self), refresh);
  return G_LIST_MODEL (self);
}

SpateTorrent *
spate_web_seed_list_get_torrent (SpateWebSeedList *self)
{
  g_return_val_if_fail (SPATE_IS_WEB_SEED_LIST (self), NULL);
  return self->torrent;
}

static GType
get_item_type (GListModel *model)
{
  return SPATE_TYPE_WEB_SEED;
}

static guint
get_n_items (GListModel *model)
{
  return SPATE_WEB_SEED_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpateWebSeedList *self = SPATE_WEB_SEED_LIST (model);

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
spate_web_seed_list_finalize (GObject *object)
{
  SpateWebSeedList *self = SPATE_WEB_SEED_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_web_seed_list_parent_class)->finalize (object);
}

static void
spate_web_seed_list_class_init (SpateWebSeedListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = spate_web_seed_list_finalize;
}

static void
spate_web_seed_list_init (SpateWebSeedList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
