/* spate-item-list.h: a list of one kind of thing of one torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent.h"

G_BEGIN_DECLS

/* A GListModel of one torrent's peers, trackers or web seeds: the base of
 * SpatePeerList, SpateTrackerList and SpateWebSeedList. */
#define SPATE_TYPE_ITEM_LIST (spate_item_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (SpateItemList, spate_item_list, SPATE, ITEM_LIST, GObject)

struct _SpateItemListClass
{
  GObjectClass parent_class;

  /* What every item is; a subclass sets it in its class_init. */
  GType item_type;
};

SpateTorrent *spate_item_list_get_torrent (SpateItemList *self);

G_END_DECLS
