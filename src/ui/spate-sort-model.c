/* spate-sort-model.c: a sorted view of a list model that follows changing
 * values by moving only the rows that are out of place.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-sort-model.h"

#include <string.h>

struct _SpateSortModel
{
  GObject     parent_instance;
  GListModel *model;
  GtkSorter  *sorter;
  GPtrArray  *source;   /* the model's items in its order, owned */
  GPtrArray  *sorted;   /* the same items sorted, owned */
  gboolean    unsorted; /* the sorter has no order: sorted follows source */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpateSortModel,
                               spate_sort_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Up to this many items removed or added at once go one by one, each with
 * its own items-changed; more are merged in one pass. */
#define FEW_ITEMS 8

/* ------------------------------------------------------------ GListModel */

static GType
get_item_type (GListModel *model)
{
  SpateSortModel *self = SPATE_SORT_MODEL (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return SPATE_SORT_MODEL (model)->sorted->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpateSortModel *self = SPATE_SORT_MODEL (model);

  if (position >= self->sorted->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sorted, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* -------------------------------------------------------------- helpers */

static int
compare (SpateSortModel *self, gpointer a, gpointer b)
{
  return gtk_sorter_compare (self->sorter, a, b);
}

static int
compare_slots (gconstpointer a, gconstpointer b, gpointer data)
{
  SpateSortModel *self = data;

  return compare (self, *(gpointer *) a, *(gpointer *) b);
}

static GPtrArray *
new_items (guint reserved)
{
  return g_ptr_array_new_full (reserved, g_object_unref);
}

/* The first position in items[0, n) whose item sorts after @item: equal
 * items keep their order and a new one goes after them. */
static guint
upper_bound (SpateSortModel *self, gpointer *items, guint n, gpointer item)
{
  guint low = 0, high = n;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare (self, items[middle], item) > 0)
        high = middle;
      else
        low = middle + 1;
    }
  return low;
}

/* Replaces items [position, position + removed) of @array by @added's
 * items (their references move over) in one pass. */
static void
splice (GPtrArray *array, guint position, guint removed, gpointer *added, guint n_added)
{
  guint tail;

  if (removed > 0)
    g_ptr_array_remove_range (array, position, removed);
  if (n_added == 0)
    return;
  tail = array->len - position;
  g_ptr_array_set_size (array, array->len + n_added);
  memmove (array->pdata + position + n_added, array->pdata + position, tail * sizeof (gpointer));
  memcpy (array->pdata + position, added, n_added * sizeof (gpointer));
}

/* Tells the view what differs between @old and the sorted items: one
 * items-changed over the span between their common start and end. */
static void
emit_difference (SpateSortModel *self, GPtrArray *old)
{
  gpointer *before = old->pdata, *after = self->sorted->pdata;
  guint     n_before = old->len, n_after = self->sorted->len;
  guint     start = 0, end = 0;

  while (start < n_before && start < n_after && before[start] == after[start])
    start++;
  while (end < n_before - start && end < n_after - start &&
         before[n_before - 1 - end] == after[n_after - 1 - end])
    end++;
  if (n_before - start - end > 0 || n_after - start - end > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, n_before - start - end,
                                n_after - start - end);
}

/* Sorts again from the model's order. */
static void
resort (SpateSortModel *self)
{
  g_autoptr (GPtrArray) old = self->sorted;

  self->sorted = new_items (self->source->len);
  for (guint i = 0; i < self->source->len; i++)
    g_ptr_array_add (self->sorted, g_object_ref (g_ptr_array_index (self->source, i)));
  if (!self->unsorted)
    g_ptr_array_sort_with_data (self->sorted, compare_slots, self); /* stable */
  emit_difference (self, old);
}

/* ---------------------------------------------------- following the model */

static void
remove_sorted (SpateSortModel *self, gpointer *gone, guint n_gone)
{
  g_autoptr (GPtrArray) old = NULL;
  g_autoptr (GHashTable) set = NULL;
  GPtrArray *kept;

  if (n_gone <= FEW_ITEMS)
    {
      for (guint i = 0; i < n_gone; i++)
        {
          guint position;

          if (g_ptr_array_find (self->sorted, gone[i], &position))
            {
              g_ptr_array_remove_index (self->sorted, position);
              g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
            }
        }
      return;
    }

  set = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_gone; i++)
    g_hash_table_add (set, gone[i]);
  /* The references move over to the new array: a batch removed from
   * 10,000 rows costs no 20,000 atomic operations. */
  kept = new_items (self->sorted->len);
  for (guint i = 0; i < self->sorted->len; i++)
    {
      gpointer item = g_ptr_array_index (self->sorted, i);

      if (!g_hash_table_contains (set, item))
        g_ptr_array_add (kept, item);
    }
  old = self->sorted;
  self->sorted = kept;
  emit_difference (self, old);
  g_ptr_array_set_free_func (old, NULL);
  for (guint i = 0; i < old->len; i++)
    if (g_hash_table_contains (set, g_ptr_array_index (old, i)))
      g_object_unref (g_ptr_array_index (old, i));
}

static void
add_sorted (SpateSortModel *self, gpointer *added, guint n_added)
{
  g_autoptr (GPtrArray) old = NULL;
  g_autoptr (GPtrArray) incoming = NULL;
  GPtrArray *merged;
  guint      i = 0, j = 0;

  if (n_added <= FEW_ITEMS)
    {
      for (guint k = 0; k < n_added; k++)
        {
          guint position = upper_bound (self, self->sorted->pdata, self->sorted->len, added[k]);

          g_ptr_array_insert (self->sorted, (int) position, g_object_ref (added[k]));
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
        }
      return;
    }

  /* Sort the newcomers, then merge them in; on ties the older item first. */
  incoming = g_ptr_array_new_full (n_added, NULL);
  for (guint k = 0; k < n_added; k++)
    g_ptr_array_add (incoming, added[k]);
  g_ptr_array_sort_with_data (incoming, compare_slots, self);
  merged = new_items (self->sorted->len + n_added);
  while (i < self->sorted->len || j < incoming->len)
    {
      gpointer item;

      /* The sorted rows' references move over; the newcomers get one. */
      if (j == incoming->len ||
          (i < self->sorted->len && compare (self, g_ptr_array_index (self->sorted, i),
                                             g_ptr_array_index (incoming, j)) <= 0))
        item = g_ptr_array_index (self->sorted, i++);
      else
        item = g_object_ref (g_ptr_array_index (incoming, j++));
      g_ptr_array_add (merged, item);
    }
  old = self->sorted;
  self->sorted = merged;
  emit_difference (self, old);
  g_ptr_array_set_free_func (old, NULL);
}

static void
items_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  SpateSortModel *self)
{
  g_autoptr (GPtrArray) gone = new_items (removed);
  g_autofree gpointer *incoming = g_new (gpointer, MAX (added, 1));

  for (guint i = 0; i < removed; i++)
    g_ptr_array_add (gone, g_object_ref (g_ptr_array_index (self->source, position + i)));
  for (guint i = 0; i < added; i++)
    incoming[i] = g_list_model_get_item (model, position + i); /* the reference moves on */
  splice (self->source, position, removed, incoming, added);

  if (self->unsorted)
    {
      for (guint i = 0; i < added; i++)
        g_object_ref (incoming[i]);
      splice (self->sorted, position, removed, incoming, added);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  if (removed > 0)
    remove_sorted (self, gone->pdata, gone->len);
  if (added > 0)
    add_sorted (self, incoming, added);
}

static void
sorter_changed_cb (GtkSorter *sorter, GtkSorterChange change, SpateSortModel *self)
{
  self->unsorted = gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE;
  resort (self);
}

/* ------------------------------------------------------------ refreshing */

/* Past this many rows out of place a refresh sorts everything instead
 * (moving one costs a binary search and a memmove of the rows between). */
static guint
max_moves (guint n)
{
  return 256 + n / 64;
}

/**
 * spate_sort_model_refresh:
 * @self: a #SpateSortModel
 *
 * Puts back in order the rows whose values changed since the last sort.
 * An insertion sort over an almost sorted list: one comparison per row,
 * plus a binary search and a move for each row out of place; then one
 * items-changed over the span the moved rows cover, nothing when none
 * moved.
 */
void
spate_sort_model_refresh (SpateSortModel *self)
{
  g_autoptr (GPtrArray) before = NULL;
  gpointer *items;
  guint     n, low = G_MAXUINT, high = 0, moves = 0;

  g_return_if_fail (SPATE_IS_SORT_MODEL (self));

  items = self->sorted->pdata;
  n = self->sorted->len;
  if (self->unsorted || n < 2)
    return;

  for (guint i = 1; i < n; i++)
    {
      gpointer item = items[i];
      guint    position;

      if (compare (self, items[i - 1], item) <= 0)
        continue;
      if (before == NULL)
        {
          before = g_ptr_array_new_full (n, NULL);
          g_ptr_array_set_size (before, n);
          memcpy (before->pdata, items, n * sizeof (gpointer));
        }
      if (++moves > max_moves (n))
        {
          /* Too far from sorted: sort the rest in one go. */
          g_ptr_array_sort_with_data (self->sorted, compare_slots, self);
          emit_difference (self, before);
          return;
        }
      position = upper_bound (self, items, i, item);
      memmove (items + position + 1, items + position, (i - position) * sizeof (gpointer));
      items[position] = item;
      low = MIN (low, position);
      high = i;
    }
  if (moves > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), low, high - low + 1, high - low + 1);
}

/* --------------------------------------------------------------- object */

static void
spate_sort_model_dispose (GObject *object)
{
  SpateSortModel *self = SPATE_SORT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, sorter_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->sorter);
  if (self->sorted != NULL)
    g_ptr_array_set_size (self->sorted, 0);
  if (self->source != NULL)
    g_ptr_array_set_size (self->source, 0);

  G_OBJECT_CLASS (spate_sort_model_parent_class)->dispose (object);
}

static void
spate_sort_model_finalize (GObject *object)
{
  SpateSortModel *self = SPATE_SORT_MODEL (object);

  g_ptr_array_unref (self->sorted);
  g_ptr_array_unref (self->source);

  G_OBJECT_CLASS (spate_sort_model_parent_class)->finalize (object);
}

static void
spate_sort_model_class_init (SpateSortModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = spate_sort_model_dispose;
  object_class->finalize = spate_sort_model_finalize;
}

static void
spate_sort_model_init (SpateSortModel *self)
{
  self->source = new_items (0);
  self->sorted = new_items (0);
  self->unsorted = TRUE;
}

/**
 * spate_sort_model_new:
 * @model: the list to sort
 * @sorter: how to sort it
 *
 * Returns: (transfer full): a sorted view of @model that follows its
 *   changes and @sorter's; neither is taken over
 */
SpateSortModel *
spate_sort_model_new (GListModel *model, GtkSorter *sorter)
{
  SpateSortModel *self;
  guint           n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_SORTER (sorter), NULL);

  self = g_object_new (SPATE_TYPE_SORT_MODEL, NULL);
  self->model = g_object_ref (model);
  self->sorter = g_object_ref (sorter);
  self->unsorted = gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE;
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->source, g_list_model_get_item (model, i));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->sorted, g_object_ref (g_ptr_array_index (self->source, i)));
  if (!self->unsorted)
    g_ptr_array_sort_with_data (self->sorted, compare_slots, self);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  return self;
}
