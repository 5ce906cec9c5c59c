/* spate-models.c: what the child models of a torrent share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"

/* Brings items (owned) to fresh: the items libtorrent reports now, the
 * surviving ones being the same objects. Survivors keep their places, the
 * gone are removed and the new appended; items-changed says exactly that,
 * and nothing when the set is the same. */
static void
sync_items (GListModel *model, GPtrArray *items, GPtrArray *fresh)
{
  g_autoptr (GHashTable) keep = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) had = g_hash_table_new (NULL, NULL);
  guint i, n_before;

  for (i = 0; i < fresh->len; i++)
    g_hash_table_add (keep, fresh->pdata[i]);
  for (i = 0; i < items->len; i++)
    g_hash_table_add (had, items->pdata[i]);

  /* Runs of gone items, from the end so the positions before stay true. */
  i = items->len;
  while (i > 0)
    {
      guint end = i;

      while (i > 0 && !g_hash_table_contains (keep, items->pdata[i - 1]))
        i--;
      if (i < end)
        {
          g_ptr_array_remove_range (items, i, end - i);
          g_list_model_items_changed (model, i, end - i, 0);
        }
      while (i > 0 && g_hash_table_contains (keep, items->pdata[i - 1]))
        i--;
    }

  n_before = items->len;
  for (i = 0; i < fresh->len; i++)
    if (!g_hash_table_contains (had, fresh->pdata[i]))
      g_ptr_array_add (items, g_object_ref (fresh->pdata[i]));
  if (items->len > n_before)
    g_list_model_items_changed (model, n_before, 0, items->len - n_before);
}

void
_spate_models_refresh (SpateItemList        *list,
                       GArray               *records,
                       SpateItemKeyFunc      key_of_item,
                       SpateRecordKeyFunc    key_of_record,
                       SpateRecordNewFunc    new_item,
                       SpateRecordUpdateFunc update_item)
{
  GPtrArray *items = _spate_item_list_get_items (list);
  guint      size = g_array_get_element_size (records);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) fresh = g_ptr_array_new_full (records->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (by_key, key_of_item (items->pdata[i]), items->pdata[i]);

  for (guint i = 0; i < records->len; i++)
    {
      gconstpointer    record = records->data + (gsize) i * size;
      g_autofree char *key = key_of_record (record);
      gpointer         item = g_hash_table_lookup (by_key, key);

      if (item != NULL)
        {
          /* Taken: a second record with the same key gets its own row. */
          g_hash_table_remove (by_key, key);
          if (update_item != NULL)
            update_item (item, record);
          g_ptr_array_add (fresh, g_object_ref (item));
        }
      else
        {
          g_ptr_array_add (fresh, new_item (record));
        }
    }
  sync_items (G_LIST_MODEL (list), items, fresh);
}
