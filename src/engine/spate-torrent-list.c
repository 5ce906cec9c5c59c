/* spate-torrent-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-torrent-list.h"

struct _SpateTorrentList
{
  GObject     parent_instance;
  GPtrArray  *items;   /* of SpateTorrent, owned */
  GHashTable *by_hash; /* info-hash → SpateTorrent, borrowed */
  GPtrArray  *held;    /* appended while held, not listed yet; owned */
  guint       holds;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpateTorrentList,
                               spate_torrent_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return SPATE_TYPE_TORRENT;
}

static guint
get_n_items (GListModel *model)
{
  return SPATE_TORRENT_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpateTorrentList *self = SPATE_TORRENT_LIST (model);

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

SpateTorrentList *
spate_torrent_list_new (void)
{
  return g_object_new (SPATE_TYPE_TORRENT_LIST, NULL);
}

void
spate_torrent_list_append (SpateTorrentList *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_TORRENT_LIST (self));
  g_return_if_fail (SPATE_IS_TORRENT (torrent));

  g_hash_table_insert (self->by_hash, (gpointer) spate_torrent_get_info_hash (torrent), torrent);
  if (self->holds > 0)
    {
      g_ptr_array_add (self->held, g_object_ref (torrent));
      return;
    }
  g_ptr_array_add (self->items, g_object_ref (torrent));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * spate_torrent_list_hold:
 * @self: a #SpateTorrentList
 *
 * Until the matching spate_torrent_list_release (), torrents appended are
 * found by spate_torrent_list_lookup () at once but join the list only at
 * the release, all in one items-changed. Restoring 10,000 torrents that
 * way costs the views a few hundred signals instead of 10,000.
 */
void
spate_torrent_list_hold (SpateTorrentList *self)
{
  g_return_if_fail (SPATE_IS_TORRENT_LIST (self));

  self->holds++;
}

void
spate_torrent_list_release (SpateTorrentList *self)
{
  guint position;

  g_return_if_fail (SPATE_IS_TORRENT_LIST (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds > 0 || self->held->len == 0)
    return;
  position = self->items->len;
  g_ptr_array_extend_and_steal (self->items, g_steal_pointer (&self->held));
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, self->items->len - position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
spate_torrent_list_remove (SpateTorrentList *self, SpateTorrent *torrent)
{
  guint position;

  g_return_val_if_fail (SPATE_IS_TORRENT_LIST (self), FALSE);

  if (g_ptr_array_find (self->held, torrent, &position))
    {
      g_hash_table_remove (self->by_hash, spate_torrent_get_info_hash (torrent));
      g_ptr_array_remove_index (self->held, position);
      return TRUE;
    }
  if (!g_ptr_array_find (self->items, torrent, &position))
    return FALSE;
  g_hash_table_remove (self->by_hash, spate_torrent_get_info_hash (torrent));
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

SpateTorrent *
spate_torrent_list_lookup (SpateTorrentList *self, const char *info_hash)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_LIST (self), NULL);

  return info_hash != NULL ? g_hash_table_lookup (self->by_hash, info_hash) : NULL;
}

/* The torrent at @position without a reference, for loops over every
 * torrent that g_list_model_get_item () would make pay for two atomic
 * operations each. */
SpateTorrent *
spate_torrent_list_peek (SpateTorrentList *self, guint position)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_LIST (self), NULL);

  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}

static void
spate_torrent_list_finalize (GObject *object)
{
  SpateTorrentList *self = SPATE_TORRENT_LIST (object);

  g_hash_table_unref (self->by_hash);
  g_ptr_array_unref (self->held);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (spate_torrent_list_parent_class)->finalize (object);
}

static void
spate_torrent_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateTorrentList *self = SPATE_TORRENT_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, SPATE_TYPE_TORRENT);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_torrent_list_class_init (SpateTorrentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = spate_torrent_list_finalize;
  object_class->get_property = spate_torrent_list_get_property;

  properties[PROP_ITEM_TYPE] = g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
      g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_torrent_list_init (SpateTorrentList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_hash = g_hash_table_new (g_str_hash, g_str_equal);
}
