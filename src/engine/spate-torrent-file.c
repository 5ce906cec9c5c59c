/* spate-torrent-file.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nodes are made by SpateFileTree and never change shape: a rename or new
 * metadata builds a new tree. A folder's numbers are summed from its
 * children by the tree, deepest folders first, on every refresh.
 */

#include "spate-display-name.h"
#include "spate-engine-enums.h"
#include "spate-models-private.h"

#define NO_PRIORITY_YET (-2)

enum
{
  WANTED_BIT = 1 << 0,
  SKIPPED_BIT = 1 << 1,
};

struct _SpateTorrentFile
{
  GObject parent_instance;

  SpateTorrent     *torrent; /* owned */
  SpateTorrentFile *parent;  /* unowned; NULL at the top */
  char             *path;
  const char       *name;         /* inside path */
  char             *display_name; /* when name is not fit to show */
  int               index;
  gint64            size;
  gint64            done;
  double            progress;
  int               priority;
  SpateWantedState  wanted_state;
  int               first_piece;
  int               last_piece;
  GListStore       *children; /* folders only */

  /* A folder's totals while the tree sums them. */
  gint64 sum_size;
  gint64 sum_done;
  int    sum_priority;
  int    sum_first;
  int    sum_last;
  guint  sum_wanted;
};

G_DEFINE_FINAL_TYPE (SpateTorrentFile, spate_torrent_file, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_INDEX,
  PROP_IS_FOLDER,
  PROP_SIZE,
  PROP_DONE,
  PROP_PROGRESS,
  PROP_PRIORITY,
  PROP_WANTED_STATE,
  PROP_FIRST_PIECE,
  PROP_LAST_PIECE,
  PROP_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_int (SpateTorrentFile *self, int *slot, int value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (SpateTorrentFile *self, gint64 *slot, gint64 value, guint prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* done and size, then what follows from them. */
static void
set_done (SpateTorrentFile *self, gint64 done, gint64 size)
{
  double progress = size > 0 ? (double) done / (double) size : 1.0;

  set_int64 (self, &self->size, size, PROP_SIZE);
  set_int64 (self, &self->done, done, PROP_DONE);
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static void
set_wanted_state (SpateTorrentFile *self, SpateWantedState state)
{
  if (self->wanted_state == state)
    return;
  self->wanted_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WANTED_STATE]);
}

/* ------------------------------------------------------ for the tree */

SpateTorrentFile *
_spate_torrent_file_new (SpateTorrent *torrent,
                         const char   *path,
                         int           index,
                         gint64        size,
                         int           first_piece,
                         int           last_piece)
{
  SpateTorrentFile *self = g_object_new (SPATE_TYPE_TORRENT_FILE, NULL);
  const char       *slash;

  self->torrent = g_object_ref (torrent);
  self->path = g_strdup (path);
  slash = strrchr (self->path, '/');
  self->name = slash != NULL ? slash + 1 : self->path;
  if (!spate_display_name_is_clean (self->name))
    self->display_name = spate_display_name (self->name);
  self->index = index;
  if (index >= 0)
    {
      self->size = size;
      self->progress = size > 0 ? 0.0 : 1.0;
      self->first_piece = first_piece;
      self->last_piece = last_piece;
    }
  else
    {
      self->children = g_list_store_new (SPATE_TYPE_TORRENT_FILE);
    }
  return self;
}

void
_spate_torrent_file_set_children (SpateTorrentFile *folder, SpateTorrentFile **children, guint n)
{
  g_return_if_fail (folder->children != NULL);

  for (guint i = 0; i < n; i++)
    children[i]->parent = folder;
  g_list_store_splice (folder->children, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (folder->children)),
                       (gpointer *) children, n);
}

void
_spate_torrent_file_update (SpateTorrentFile *file, gint64 done, int priority)
{
  g_return_if_fail (file->index >= 0);

  set_done (file, CLAMP (done, 0, file->size), file->size);
  set_int (file, &file->priority, priority, PROP_PRIORITY);
  set_wanted_state (file, priority > 0 ? SPATE_WANTED_STATE_WANTED : SPATE_WANTED_STATE_SKIPPED);
}

void
_spate_torrent_file_add_to_parent (SpateTorrentFile *node)
{
  SpateTorrentFile *parent = node->parent;

  if (parent == NULL)
    return;
  parent->sum_size += node->size;
  parent->sum_done += node->done;
  if (parent->sum_priority == NO_PRIORITY_YET)
    parent->sum_priority = node->priority;
  else if (parent->sum_priority != node->priority)
    parent->sum_priority = -1;
  if (node->wanted_state != SPATE_WANTED_STATE_SKIPPED)
    parent->sum_wanted |= WANTED_BIT;
  if (node->wanted_state != SPATE_WANTED_STATE_WANTED)
    parent->sum_wanted |= SKIPPED_BIT;
  if (node->first_piece >= 0)
    {
      parent->sum_first =
          parent->sum_first < 0 ? node->first_piece : MIN (parent->sum_first, node->first_piece);
      parent->sum_last = MAX (parent->sum_last, node->last_piece);
    }
}

void
_spate_torrent_file_finish_folder (SpateTorrentFile *folder)
{
  SpateWantedState state;

  g_return_if_fail (folder->children != NULL);

  set_done (folder, folder->sum_done, folder->sum_size);
  set_int (folder, &folder->priority,
           folder->sum_priority == NO_PRIORITY_YET ? -1 : folder->sum_priority, PROP_PRIORITY);
  if (folder->sum_wanted == (WANTED_BIT | SKIPPED_BIT))
    state = SPATE_WANTED_STATE_MIXED;
  else if (folder->sum_wanted == SKIPPED_BIT)
    state = SPATE_WANTED_STATE_SKIPPED;
  else
    state = SPATE_WANTED_STATE_WANTED;
  set_wanted_state (folder, state);
  set_int (folder, &folder->first_piece, folder->sum_first, PROP_FIRST_PIECE);
  set_int (folder, &folder->last_piece, folder->sum_last, PROP_LAST_PIECE);

  /* Ready for the next round. */
  folder->sum_size = 0;
  folder->sum_done = 0;
  folder->sum_priority = NO_PRIORITY_YET;
  folder->sum_wanted = 0;
  folder->sum_first = -1;
  folder->sum_last = -1;
}

/* ------------------------------------------------------------ actions */

/* Every file index under node. */
static void
collect_indexes (SpateTorrentFile *node, GArray *out)
{
  guint n;

  if (node->children == NULL)
    {
      g_array_append_val (out, node->index);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (node->children));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrentFile) child = g_list_model_get_item (G_LIST_MODEL (node->children), i);
      collect_indexes (child, out);
    }
}

gboolean
spate_torrent_file_set_priority (SpateTorrentFile *self, int priority, GError **error)
{
  g_autoptr (GArray) indexes = NULL;

  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), FALSE);
  g_return_val_if_fail (priority >= SPATE_PRIORITY_SKIP && priority <= SPATE_PRIORITY_HIGH, FALSE);

  indexes = g_array_new (FALSE, FALSE, sizeof (int));
  collect_indexes (self, indexes);
  return _spate_file_tree_set_priority (self->torrent, (const int *) (gpointer) indexes->data,
                                        indexes->len, (guint8) priority, error);
}

gboolean
spate_torrent_file_set_wanted (SpateTorrentFile *self, gboolean wanted, GError **error)
{
  return spate_torrent_file_set_priority (
      self, wanted ? SPATE_PRIORITY_NORMAL : SPATE_PRIORITY_SKIP, error);
}

/* ------------------------------------------------------------ getters */

const char *
spate_torrent_file_get_name (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), NULL);
  return self->display_name != NULL ? self->display_name : self->name;
}

const char *
_spate_torrent_file_get_disk_name (SpateTorrentFile *self)
{
  return self->name;
}

const char *
spate_torrent_file_get_path (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), NULL);
  return self->path;
}

int
spate_torrent_file_get_index (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), -1);
  return self->index;
}

gboolean
spate_torrent_file_get_is_folder (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), FALSE);
  return self->children != NULL;
}

gint64
spate_torrent_file_get_size (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), 0);
  return self->size;
}

gint64
spate_torrent_file_get_done (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), 0);
  return self->done;
}

double
spate_torrent_file_get_progress (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), 0.0);
  return self->progress;
}

int
spate_torrent_file_get_priority (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), -1);
  return self->priority;
}

SpateWantedState
spate_torrent_file_get_wanted_state (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), SPATE_WANTED_STATE_WANTED);
  return self->wanted_state;
}

int
spate_torrent_file_get_first_piece (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), -1);
  return self->first_piece;
}

int
spate_torrent_file_get_last_piece (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), -1);
  return self->last_piece;
}

GListModel *
spate_torrent_file_get_children (SpateTorrentFile *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_FILE (self), NULL);
  return self->children != NULL ? g_object_ref (G_LIST_MODEL (self->children)) : NULL;
}

/* ------------------------------------------------------------ GObject */

static void
spate_torrent_file_finalize (GObject *object)
{
  SpateTorrentFile *self = SPATE_TORRENT_FILE (object);

  g_clear_object (&self->children);
  g_clear_object (&self->torrent);
  g_free (self->path);
  g_free (self->display_name);

  G_OBJECT_CLASS (spate_torrent_file_parent_class)->finalize (object);
}

static void
spate_torrent_file_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateTorrentFile *self = SPATE_TORRENT_FILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, spate_torrent_file_get_name (self));
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_INDEX:
      g_value_set_int (value, self->index);
      break;
    case PROP_IS_FOLDER:
      g_value_set_boolean (value, self->children != NULL);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_DONE:
      g_value_set_int64 (value, self->done);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PRIORITY:
      g_value_set_int (value, self->priority);
      break;
    case PROP_WANTED_STATE:
      g_value_set_enum (value, self->wanted_state);
      break;
    case PROP_FIRST_PIECE:
      g_value_set_int (value, self->first_piece);
      break;
    case PROP_LAST_PIECE:
      g_value_set_int (value, self->last_piece);
      break;
    case PROP_CHILDREN:
      g_value_set_object (value, self->children);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_torrent_file_class_init (SpateTorrentFileClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_torrent_file_finalize;
  object_class->get_property = spate_torrent_file_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_INDEX] = g_param_spec_int ("index", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_IS_FOLDER] = g_param_spec_boolean ("is-folder", NULL, NULL, FALSE, ro);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_DONE] = g_param_spec_int64 ("done", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_PRIORITY] = g_param_spec_int ("priority", NULL, NULL, -1, 7, -1, ro);
  properties[PROP_WANTED_STATE] = g_param_spec_enum (
      "wanted-state", NULL, NULL, SPATE_TYPE_WANTED_STATE, SPATE_WANTED_STATE_WANTED, ro);
  properties[PROP_FIRST_PIECE] = g_param_spec_int ("first-piece", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_LAST_PIECE] = g_param_spec_int ("last-piece", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_CHILDREN] = g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_torrent_file_init (SpateTorrentFile *self)
{
  self->index = -1;
  self->priority = -1;
  self->first_piece = -1;
  self->last_piece = -1;
  self->sum_priority = NO_PRIORITY_YET;
  self->sum_first = -1;
  self->sum_last = -1;
}
