/* test-sort-model.c: the torrent list's sort model against a copy of it
 * kept only from its items-changed signals, through insertions, removals,
 * changed values, refreshes and sorter changes, in a fixed and a random
 * order.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "spate-sort-model.h"

/* ------------------------------------------------------------- an item */

#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, GObject)

struct _TestItem
{
  GObject parent_instance;
  int     value;
  guint   serial; /* order of creation, to check that ties keep their order */
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, G_TYPE_OBJECT)

static void
test_item_class_init (TestItemClass *klass)
{
}

static void
test_item_init (TestItem *self)
{
}

static TestItem *
test_item_new (int value)
{
  static guint serial;
  TestItem    *item = g_object_new (TEST_TYPE_ITEM, NULL);

  item->value = value;
  item->serial = serial++;
  return item;
}

static int
compare_values (gconstpointer a, gconstpointer b, gpointer data)
{
  int left = ((TestItem *) a)->value, right = ((TestItem *) b)->value;

  return (left > right) - (left < right);
}

/* ---------------------------------------------------------- the fixture */

typedef struct
{
  GListStore      *store;
  GtkCustomSorter *sorter;
  GtkSorter       *multi; /* what the sort model sorts with */
  SpateSortModel  *model;
  GPtrArray       *mirror; /* kept from items-changed alone */
  guint            signals;
  guint            changed_rows; /* the rows items-changed said were replaced */
} Fixture;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, (int) (position + i),
                        g_list_model_get_item (model, position + i));
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (model));
  f->signals++;
  f->changed_rows += added;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = g_list_store_new (TEST_TYPE_ITEM);
  f->sorter = gtk_custom_sorter_new (compare_values, NULL, NULL);
  /* A GtkSortListModel sorts with a multi sorter that starts empty
   * (order "none"), as the column view's does. */
  f->multi = GTK_SORTER (gtk_multi_sorter_new ());
  f->model = spate_sort_model_new (G_LIST_MODEL (f->store), f->multi);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (items_changed_cb), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->model);
  g_object_unref (f->multi);
  g_object_unref (f->sorter);
  g_object_unref (f->store);
  g_ptr_array_unref (f->mirror);
}

static void
sort_by_value (Fixture *f)
{
  gtk_multi_sorter_append (GTK_MULTI_SORTER (f->multi), g_object_ref (GTK_SORTER (f->sorter)));
}

static void
unsort (Fixture *f)
{
  gtk_multi_sorter_remove (GTK_MULTI_SORTER (f->multi), 0);
}

static TestItem *
item_at (GListModel *model, guint position)
{
  TestItem *item = g_list_model_get_item (model, position);

  g_object_unref (item); /* the model keeps it */
  return item;
}

static void
append_values (Fixture *f, const int *values, guint n)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, test_item_new (values[i]));
  g_list_store_splice (f->store, g_list_model_get_n_items (G_LIST_MODEL (f->store)), 0,
                       items->pdata, items->len);
}

/* The model and its mirror agree, hold exactly the store's items, and
 * are sorted (ties in store order when @ties_in_store_order) or, with no
 * order, in the store's order. */
static void
assert_consistent (Fixture *f, gboolean sorted, gboolean ties_in_store_order)
{
  GListModel *model = G_LIST_MODEL (f->model);
  GListModel *store = G_LIST_MODEL (f->store);
  guint       n = g_list_model_get_n_items (store);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) store_position = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (store_position, item_at (store, i), GUINT_TO_POINTER (i));
  for (guint i = 0; i < n; i++)
    {
      TestItem *item = item_at (model, i);

      g_assert_true (item == g_ptr_array_index (f->mirror, i));
      g_assert_true (g_hash_table_contains (store_position, item));
      g_assert_true (g_hash_table_add (seen, item));
      if (!sorted)
        g_assert_true (item == item_at (store, i));
      else if (i > 0)
        {
          TestItem *previous = item_at (model, i - 1);

          g_assert_cmpint (previous->value, <=, item->value);
          if (ties_in_store_order && previous->value == item->value)
            g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (store_position, previous)), <,
                              GPOINTER_TO_UINT (g_hash_table_lookup (store_position, item)));
        }
    }
}

/* --------------------------------------------------------------- cases */

static void
test_unsorted_follows_the_model (Fixture *f, gconstpointer data)
{
  const int values[] = { 5, 3, 9, 1, 7 };

  append_values (f, values, G_N_ELEMENTS (values));
  assert_consistent (f, FALSE, FALSE);
  g_list_store_remove (f->store, 1);
  assert_consistent (f, FALSE, FALSE);
  /* No order: a refresh changes nothing. */
  f->signals = 0;
  spate_sort_model_refresh (f->model);
  g_assert_cmpuint (f->signals, ==, 0);
}

static void
test_sorts_and_keeps_ties_in_order (Fixture *f, gconstpointer data)
{
  const int values[] = { 5, 3, 9, 3, 1, 7, 3, 5 };

  append_values (f, values, G_N_ELEMENTS (values));
  sort_by_value (f);
  assert_consistent (f, TRUE, TRUE);
  g_assert_cmpint (item_at (G_LIST_MODEL (f->model), 0)->value, ==, 1);
  g_assert_cmpint (item_at (G_LIST_MODEL (f->model), 7)->value, ==, 9);
  unsort (f);
  assert_consistent (f, FALSE, FALSE);
}

static void
test_insert_and_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  const int values[] = { 50, 30, 90, 10, 70 };
  g_autoptr (TestItem) middle = test_item_new (40);

  append_values (f, values, G_N_ELEMENTS (values));
  sort_by_value (f);

  /* One in the middle of the store lands between 30 and 50, with one
   * items-changed that adds one row. */
  f->signals = f->changed_rows = 0;
  g_list_store_insert (f->store, 2, middle);
  g_assert_cmpuint (f->signals, ==, 1);
  g_assert_cmpuint (f->changed_rows, ==, 1);
  g_assert_true (item_at (G_LIST_MODEL (f->model), 2) == middle);
  assert_consistent (f, TRUE, TRUE);

  /* Many at once are merged. */
  for (int i = 0; i < 40; i++)
    g_ptr_array_add (many, test_item_new ((i * 37) % 100));
  g_list_store_splice (f->store, 1, 0, many->pdata, many->len);
  assert_consistent (f, TRUE, FALSE);

  /* Removing few and many. */
  g_list_store_remove (f->store, 0);
  assert_consistent (f, TRUE, FALSE);
  g_list_store_splice (f->store, 3, 20, NULL, 0);
  assert_consistent (f, TRUE, FALSE);
  g_list_store_splice (f->store, 0, 5, many->pdata, 10);
  assert_consistent (f, TRUE, FALSE);
  g_list_store_remove_all (f->store);
  assert_consistent (f, TRUE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
}

/* What a rate column does: of 1,000 rows a few change value; a refresh
 * moves them and says only the span they cover changed. */
static void
test_refresh_moves_only_what_changed (Fixture *f, gconstpointer data)
{
  int values[1000];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = (int) i * 10;
  append_values (f, values, G_N_ELEMENTS (values));
  sort_by_value (f);

  /* Unchanged: no signal. */
  f->signals = 0;
  spate_sort_model_refresh (f->model);
  g_assert_cmpuint (f->signals, ==, 0);

  /* Row 100 (1000) now sorts after row 110 (1100) and before row 111. */
  item_at (G_LIST_MODEL (f->store), 100)->value = 1105;
  /* Row 205 (2050) now sorts first. */
  item_at (G_LIST_MODEL (f->store), 205)->value = -1;
  f->signals = f->changed_rows = 0;
  spate_sort_model_refresh (f->model);
  assert_consistent (f, TRUE, FALSE);
  g_assert_cmpuint (f->signals, ==, 1);
  g_assert_cmpuint (f->changed_rows, ==, 206); /* rows 0 to 205 */
  g_assert_cmpint (item_at (G_LIST_MODEL (f->model), 0)->value, ==, -1);
  g_assert_cmpint (item_at (G_LIST_MODEL (f->model), 111)->value, ==, 1105);

  /* Every value reversed: past the move limit, sorted in one go. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    item_at (G_LIST_MODEL (f->store), i)->value = -(int) i;
  spate_sort_model_refresh (f->model);
  assert_consistent (f, TRUE, FALSE);
  g_assert_cmpint (item_at (G_LIST_MODEL (f->model), 0)->value, ==, -999);
}

/* Random operations, each checked against the mirror. */
static void
test_random_operations (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261122);
  gboolean sorted = FALSE;

  for (int step = 0; step < 3000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
      int   op = g_rand_int_range (rand, 0, 7);

      if (op == 0 || n < 4)
        {
          /* Add 1–20 items somewhere. */
          guint count = (guint) g_rand_int_range (rand, 1, 21);
          g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < count; i++)
            g_ptr_array_add (items, test_item_new (g_rand_int_range (rand, 0, 50)));
          g_list_store_splice (f->store, (guint) g_rand_int_range (rand, 0, (int) n + 1), 0,
                               items->pdata, items->len);
        }
      else if (op == 1)
        {
          /* Remove up to 12 and maybe add some in the same splice. */
          guint position = (guint) g_rand_int_range (rand, 0, (int) n);
          guint wanted = (guint) g_rand_int_range (rand, 1, 13);
          guint removed = MIN (n - position, wanted);
          guint count = (guint) g_rand_int_range (rand, 0, 12);
          g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < count; i++)
            g_ptr_array_add (items, test_item_new (g_rand_int_range (rand, 0, 50)));
          g_list_store_splice (f->store, position, removed, items->pdata, items->len);
        }
      else if (op <= 4)
        {
          /* Change a few values, then refresh. */
          guint changes = (guint) g_rand_int_range (rand, 1, 6);

          for (guint i = 0; i < changes; i++)
            item_at (G_LIST_MODEL (f->store), (guint) g_rand_int_range (rand, 0, (int) n))->value =
                g_rand_int_range (rand, 0, 50);
          spate_sort_model_refresh (f->model);
        }
      else if (op == 5)
        {
          if (sorted)
            unsort (f);
          else
            sort_by_value (f);
          sorted = !sorted;
        }
      else
        {
          /* Change many values, then refresh. */
          for (guint i = 0; i < n; i++)
            item_at (G_LIST_MODEL (f->store), i)->value = g_rand_int_range (rand, 0, 50);
          spate_sort_model_refresh (f->model);
        }
      /* Values change only right before a refresh, so the list is
       * sorted after every step. */
      assert_consistent (f, sorted, FALSE);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sort-model/unsorted-follows-the-model", Fixture, NULL, fixture_set_up,
              test_unsorted_follows_the_model, fixture_tear_down);
  g_test_add ("/sort-model/sorts-and-keeps-ties-in-order", Fixture, NULL, fixture_set_up,
              test_sorts_and_keeps_ties_in_order, fixture_tear_down);
  g_test_add ("/sort-model/insert-and-remove", Fixture, NULL, fixture_set_up,
              test_insert_and_remove, fixture_tear_down);
  g_test_add ("/sort-model/refresh-moves-only-what-changed", Fixture, NULL, fixture_set_up,
              test_refresh_moves_only_what_changed, fixture_tear_down);
  g_test_add ("/sort-model/random-operations", Fixture, NULL, fixture_set_up,
              test_random_operations, fixture_tear_down);
  return g_test_run ();
}
