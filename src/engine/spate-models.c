/* spate-models.c: what the child models of a torrent share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-models-private.h"

void
_spate_models_sync (GListModel *model, GPtrArray *items, GPtrArray *fresh)
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
