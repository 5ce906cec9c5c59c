/* spate-item-list.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-item-list.h"
#include "spate-models-private.h"

typedef struct
{
  SpateTorrent *torrent; /* owned */
  GPtrArray    *items;   /* of the class's item_type, owned */
} SpateItemListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (SpateItemList,
                                  spate_item_list,
                                  G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (SpateItemList)
                                      G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                             list_model_iface_init))

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GListModel *
_spate_item_list_get_for_torrent (SpateTorrent *torrent, GType type, SpateChildRefresh refresh)
{
  GObject *existing = _spate_torrent_find_child (torrent, type);
  GObject *self;

  if (existing != NULL)
    return G_LIST_MODEL (g_object_ref (existing));
  self = g_object_new (type, "torrent", torrent, NULL);
  _spate_torrent_add_child (torrent, self, refresh);
  return G_LIST_MODEL (self);
}

SpateTorrent *
spate_item_list_get_torrent (SpateItemList *self)
{
  SpateItemListPrivate *priv;

  g_return_val_if_fail (SPATE_IS_ITEM_LIST (self), NULL);

  priv = spate_item_list_get_instance_private (self);
  return priv->torrent;
}

GPtrArray *
_spate_item_list_get_items (SpateItemList *self)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (self);

  return priv->items;
}

/* -------------------------------------------------------- GListModel */

static GType
get_item_type (GListModel *model)
{
  return SPATE_ITEM_LIST_GET_CLASS (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (SPATE_ITEM_LIST (model));

  return priv->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (SPATE_ITEM_LIST (model));

  if (position >= priv->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (priv->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ----------------------------------------------------------- GObject */

static void
spate_item_list_finalize (GObject *object)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (SPATE_ITEM_LIST (object));

  g_ptr_array_unref (priv->items);
  g_clear_object (&priv->torrent);

  G_OBJECT_CLASS (spate_item_list_parent_class)->finalize (object);
}

static void
spate_item_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (SPATE_ITEM_LIST (object));

  switch (prop_id)
    {
    case PROP_TORRENT:
      g_value_set_object (value, priv->torrent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_item_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (SPATE_ITEM_LIST (object));

  switch (prop_id)
    {
    case PROP_TORRENT:
      priv->torrent = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_item_list_class_init (SpateItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = spate_item_list_finalize;
  object_class->get_property = spate_item_list_get_property;
  object_class->set_property = spate_item_list_set_property;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  klass->item_type = G_TYPE_OBJECT;
}

static void
spate_item_list_init (SpateItemList *self)
{
  SpateItemListPrivate *priv = spate_item_list_get_instance_private (self);

  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
}
