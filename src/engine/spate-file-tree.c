/* spate-file-tree.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once from libtorrent's file list (again when the metadata arrives
 * or a file is renamed); every other refresh reads only the bytes done and
 * the priorities per file, which cost no strings, and sums the folders from
 * the deepest up. Nodes notify only what changed; items-changed fires only
 * when the tree is rebuilt.
 */

#include <glib/gi18n.h>

#include "spate-error.h"
#include "spate-models-private.h"

struct _SpateFileTree
{
  GObject parent_instance;

  SpateTorrent *torrent;    /* owned */
  GPtrArray    *top;        /* SpateTorrentFile, owned: the items */
  GPtrArray    *nodes;      /* every node, each folder before its entries; borrowed */
  GPtrArray    *by_index;   /* file index → node, borrowed; NULL for pad files */
  guint8       *priorities; /* per file index, as shown */
  gint8        *pending;    /* per file index: asked for, not yet reported; -1 none */
  guint         n_pending;
  gint64        pending_until; /* monotonic time after which libtorrent is right */
  gint64        sent_at;       /* when the priorities last went to libtorrent */
  guint         n_files;
  guint         generation; /* the torrent's file generation the tree shows */
  gboolean      built;
};

/* libtorrent takes new file priorities on its disk threads, and changes in
 * quick succession may land in any order. So the tree shows what was asked
 * for, sends it again every RESEND_US while libtorrent reports otherwise,
 * and believes libtorrent again once it agrees SETTLE_US after the last
 * send, or PENDING_US after the request. */
#define RESEND_US  (900 * G_TIME_SPAN_MILLISECOND)
#define SETTLE_US  (2 * G_USEC_PER_SEC)
#define PENDING_US (10 * G_USEC_PER_SEC)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpateFileTree,
                               spate_file_tree,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_TORRENT,
  PROP_N_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ----------------------------------------------------------- building */

/* One node while the tree is built. */
typedef struct
{
  SpateTorrentFile *node; /* owned; NULL for the root */
  char             *key;  /* collation key of the name */
  gboolean          is_folder;
  GHashTable       *folders; /* name → Entry, borrowed */
  GPtrArray        *entries; /* Entry, owned */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->node);
  g_free (entry->key);
  g_clear_pointer (&entry->folders, g_hash_table_unref);
  g_clear_pointer (&entry->entries, g_ptr_array_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

static Entry *
entry_new (SpateTorrentFile *node)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->node = node;
  entry->is_folder = node == NULL || spate_torrent_file_get_is_folder (node);
  if (node != NULL)
    {
      const char      *name = spate_torrent_file_get_name (node);
      g_autofree char *valid =
          g_utf8_validate (name, -1, NULL) ? NULL : g_utf8_make_valid (name, -1);

      entry->key = g_utf8_collate_key_for_filename (valid != NULL ? valid : name, -1);
    }
  if (entry->is_folder)
    {
      entry->folders = g_hash_table_new (g_str_hash, g_str_equal);
      entry->entries = g_ptr_array_new_with_free_func (entry_free);
    }
  return entry;
}

/* The folder entry for the first len bytes of path, made if needed. */
static Entry *
folder_entry (SpateTorrent *torrent, Entry *parent, const char *path, gsize len, const char *name)
{
  Entry           *entry = g_hash_table_lookup (parent->folders, name);
  g_autofree char *folder_path = NULL;

  if (entry != NULL)
    return entry;
  folder_path = g_strndup (path, len);
  entry = entry_new (_spate_torrent_file_new (torrent, folder_path, -1, 0, -1, -1));
  g_ptr_array_add (parent->entries, entry);
  g_hash_table_insert (parent->folders, (gpointer) _spate_torrent_file_get_disk_name (entry->node),
                       entry);
  return entry;
}

static void
add_file (SpateTorrent *torrent, Entry *root, const SpateLtFile *file, int index, int piece_length)
{
  g_autofree char  *scratch = g_strdup (file->path);
  Entry            *parent = root;
  char             *start = scratch;
  char             *slash;
  int               first = -1, last = -1;
  SpateTorrentFile *node;

  while ((slash = strchr (start, '/')) != NULL)
    {
      *slash = '\0';
      if (*start != '\0')
        parent = folder_entry (torrent, parent, file->path, slash - scratch, start);
      start = slash + 1;
    }
  if (piece_length > 0 && file->size > 0)
    {
      first = (int) (file->offset / piece_length);
      last = (int) ((file->offset + file->size - 1) / piece_length);
    }
  node = _spate_torrent_file_new (torrent, file->path, index, file->size, first, last);
  g_ptr_array_add (parent->entries, entry_new (node));
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *x = *(Entry * const *) a;
  const Entry *y = *(Entry * const *) b;

  if (x->is_folder != y->is_folder)
    return x->is_folder ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Sorts the folder's entries, lists every node below it in order into
 * nodes, and returns the sorted nodes (new references). */
static GPtrArray *
finish_entry (Entry *folder, GPtrArray *nodes)
{
  GPtrArray *sorted = g_ptr_array_new_full (folder->entries->len, g_object_unref);

  g_ptr_array_sort (folder->entries, compare_entries);
  for (guint i = 0; i < folder->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (folder->entries, i);

      g_ptr_array_add (sorted, g_object_ref (entry->node));
      g_ptr_array_add (nodes, entry->node);
      if (entry->is_folder)
        {
          g_autoptr (GPtrArray) children = finish_entry (entry, nodes);

          _spate_torrent_file_set_children (entry->node, (SpateTorrentFile **) children->pdata,
                                            children->len);
        }
    }
  return sorted;
}

static int
piece_length_of (SpateLtTorrent *handle)
{
  g_autoptr (SpateLtInfo) info = spate_lt_torrent_get_info (handle, NULL);

  return info != NULL ? spate_lt_info_get_piece_length (info) : 0;
}

/* ----------------------------------------------------------- updating */

/* Takes libtorrent's priorities, except those we asked for and it has not
 * caught up with yet. TRUE when there are such. */
static gboolean
merge_priorities (SpateFileTree *self, const guint8 *reported, gsize n_reported)
{
  gint64   now = g_get_monotonic_time ();
  gboolean expired = now > self->pending_until;
  gboolean settled = now - self->sent_at >= SETTLE_US;
  gboolean behind = FALSE;

  for (guint i = 0; i < self->by_index->len; i++)
    {
      guint8 priority = i < n_reported ? reported[i] : SPATE_PRIORITY_NORMAL;

      if (self->pending != NULL && self->pending[i] >= 0)
        {
          if ((priority == self->pending[i] && settled) || expired)
            {
              self->pending[i] = -1;
              self->n_pending--;
            }
          else
            {
              behind = behind || priority != self->pending[i];
              priority = (guint8) self->pending[i];
            }
        }
      self->priorities[i] = priority;
    }
  if (self->n_pending == 0)
    g_clear_pointer (&self->pending, g_free);
  return behind;
}

static gboolean
send_priorities (SpateFileTree *self, GError **error)
{
  self->sent_at = g_get_monotonic_time ();
  return spate_torrent_set_file_priorities (self->torrent, self->priorities, self->by_index->len,
                                            error);
}

/* Shows done (NULL: as it was) and the priorities on every node, then sums
 * the folders. */
static void
show (SpateFileTree *self, const gint64 *done, gsize n_done)
{
  for (guint i = 0; i < self->by_index->len; i++)
    {
      SpateTorrentFile *node = g_ptr_array_index (self->by_index, i);

      if (node == NULL)
        continue;
      _spate_torrent_file_update (node,
                                  done == NULL ? spate_torrent_file_get_done (node)
                                  : i < n_done ? done[i]
                                               : 0,
                                  self->priorities[i]);
    }
  /* Deepest first: every folder has all its entries summed when reached. */
  for (guint i = self->nodes->len; i-- > 0;)
    {
      SpateTorrentFile *node = g_ptr_array_index (self->nodes, i);

      if (spate_torrent_file_get_is_folder (node))
        _spate_torrent_file_finish_folder (node);
      _spate_torrent_file_add_to_parent (node);
    }
}

static gboolean
rebuild (SpateFileTree *self, SpateLtTorrent *handle, guint generation)
{
  g_autoptr (GArray) files = spate_lt_torrent_get_files (handle, NULL);
  g_autoptr (Entry) root = NULL;
  g_autoptr (GPtrArray) old_top = NULL;
  g_autoptr (GArray) done = NULL;
  g_autofree guint8 *reported = NULL;
  int                piece_length;
  guint              n_files = 0;

  /* No metadata yet: stay empty and try again next time. */
  if (files == NULL)
    return FALSE;

  piece_length = piece_length_of (handle);
  root = entry_new (NULL);
  done = g_array_sized_new (FALSE, FALSE, sizeof (gint64), files->len);
  reported = g_new0 (guint8, MAX (files->len, 1));
  for (guint i = 0; i < files->len; i++)
    {
      const SpateLtFile *file = &g_array_index (files, SpateLtFile, i);

      g_array_append_val (done, file->done);
      reported[i] = file->priority;
      if (file->flags & SPATE_LT_FILE_PAD)
        continue;
      add_file (self->torrent, root, file, (int) i, piece_length);
      n_files++;
    }

  /* Priorities asked for survive a rename, not a new file list. */
  if (files->len != self->by_index->len)
    {
      g_clear_pointer (&self->pending, g_free);
      self->n_pending = 0;
    }
  g_ptr_array_set_size (self->by_index, 0);
  g_ptr_array_set_size (self->by_index, files->len);
  g_ptr_array_set_size (self->nodes, 0);
  old_top = self->top;
  self->top = finish_entry (root, self->nodes);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      SpateTorrentFile *node = g_ptr_array_index (self->nodes, i);
      int               index = spate_torrent_file_get_index (node);

      if (index >= 0)
        self->by_index->pdata[index] = node;
    }
  g_free (self->priorities);
  self->priorities = g_new0 (guint8, MAX (files->len, 1));
  merge_priorities (self, reported, files->len);
  show (self, (const gint64 *) (gpointer) done->data, done->len);

  self->built = TRUE;
  self->generation = generation;
  if (old_top->len > 0 || self->top->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_top->len, self->top->len);
  if (self->n_files != n_files)
    {
      self->n_files = n_files;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES]);
    }
  return TRUE;
}

static void
refresh (GObject *object, SpateLtTorrent *handle)
{
  SpateFileTree *self = SPATE_FILE_TREE (object);
  guint          generation = _spate_torrent_get_files_generation (self->torrent);
  g_autoptr (GArray) done = NULL;
  g_autoptr (GBytes) reported = NULL;
  gsize         n_reported = 0;
  const guint8 *data;

  if (!self->built || generation != self->generation)
    {
      rebuild (self, handle, generation);
      return;
    }
  done = spate_lt_torrent_get_file_progress (handle, NULL);
  if (done == NULL)
    return;
  if (done->len != self->by_index->len)
    {
      rebuild (self, handle, generation);
      return;
    }
  reported = spate_lt_torrent_get_file_priorities (handle, NULL);
  if (reported == NULL)
    return;
  data = g_bytes_get_data (reported, &n_reported);
  if (merge_priorities (self, data, n_reported) &&
      g_get_monotonic_time () - self->sent_at >= RESEND_US)
    send_priorities (self, NULL);
  show (self, (const gint64 *) (gpointer) done->data, done->len);
}

static gboolean
no_such_file (SpateTorrent *torrent, int index, GError **error)
{
  g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("“%s” has no file number %d"),
               spate_torrent_get_name (torrent), index);
  return FALSE;
}

/* Without a tree: from what libtorrent reports. */
static gboolean
set_priority_untracked (SpateTorrent *torrent,
                        const int    *indexes,
                        guint         n,
                        guint8        priority,
                        GError      **error)
{
  g_autoptr (GBytes) reported = spate_torrent_get_file_priorities (torrent, error);
  g_autofree guint8 *priorities = NULL;
  const guint8      *data;
  gsize              n_files;

  if (reported == NULL)
    return FALSE;
  data = g_bytes_get_data (reported, &n_files);
  priorities = g_memdup2 (data, MAX (n_files, 1));
  for (guint i = 0; i < n; i++)
    {
      if ((gsize) indexes[i] >= n_files)
        return no_such_file (torrent, indexes[i], error);
      priorities[indexes[i]] = priority;
    }
  return spate_torrent_set_file_priorities (torrent, priorities, n_files, error);
}

gboolean
_spate_file_tree_set_priority (SpateTorrent *torrent,
                               const int    *indexes,
                               guint         n,
                               guint8        priority,
                               GError      **error)
{
  SpateFileTree *self = (SpateFileTree *) _spate_torrent_find_child (torrent, SPATE_TYPE_FILE_TREE);
  g_autofree guint8 *before = NULL;
  gsize              n_files = self != NULL && self->built ? self->by_index->len : G_MAXSIZE;

  for (guint i = 0; i < n; i++)
    if (indexes[i] < 0 || (gsize) indexes[i] >= n_files)
      return no_such_file (torrent, indexes[i], error);
  if (self == NULL || !self->built)
    return set_priority_untracked (torrent, indexes, n, priority, error);

  /* The whole list from what the tree shows: libtorrent may not have taken
   * the last change yet. */
  before = g_memdup2 (self->priorities, MAX (n_files, 1));
  for (guint i = 0; i < n; i++)
    self->priorities[indexes[i]] = priority;
  if (!send_priorities (self, error))
    {
      memcpy (self->priorities, before, n_files);
      return FALSE;
    }

  if (self->pending == NULL)
    {
      self->pending = g_new (gint8, n_files);
      memset (self->pending, -1, n_files);
    }
  for (guint i = 0; i < n; i++)
    {
      if (self->pending[indexes[i]] < 0)
        self->n_pending++;
      self->pending[indexes[i]] = (gint8) priority;
    }
  self->pending_until = g_get_monotonic_time () + PENDING_US;
  show (self, NULL, 0);
  return TRUE;
}

GListModel *
spate_torrent_get_file_tree (SpateTorrent *torrent)
{
  SpateFileTree *self;
  GObject       *existing;

  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), NULL);

  existing = _spate_torrent_find_child (torrent, SPATE_TYPE_FILE_TREE);
  if (existing != NULL)
    return G_LIST_MODEL (g_object_ref (existing));
  self = g_object_new (SPATE_TYPE_FILE_TREE, NULL);
  self->torrent = g_object_ref (torrent);
  _spate_torrent_add_child (torrent, G_OBJECT (self), refresh);
  return G_LIST_MODEL (self);
}

/* ----------------------------------------------------------- getters */

SpateTorrent *
spate_file_tree_get_torrent (SpateFileTree *self)
{
  g_return_val_if_fail (SPATE_IS_FILE_TREE (self), NULL);
  return self->torrent;
}

guint
spate_file_tree_get_n_files (SpateFileTree *self)
{
  g_return_val_if_fail (SPATE_IS_FILE_TREE (self), 0);
  return self->n_files;
}

SpateTorrentFile *
spate_file_tree_get_file (SpateFileTree *self, int index)
{
  g_return_val_if_fail (SPATE_IS_FILE_TREE (self), NULL);

  if (index < 0 || (guint) index >= self->by_index->len)
    return NULL;
  return g_ptr_array_index (self->by_index, index);
}

/* -------------------------------------------------------- GListModel */

static GType
get_item_type (GListModel *model)
{
  return SPATE_TYPE_TORRENT_FILE;
}

static guint
get_n_items (GListModel *model)
{
  return SPATE_FILE_TREE (model)->top->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  SpateFileTree *self = SPATE_FILE_TREE (model);

  if (position >= self->top->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->top, position));
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
spate_file_tree_finalize (GObject *object)
{
  SpateFileTree *self = SPATE_FILE_TREE (object);

  g_free (self->pending);
  g_free (self->priorities);
  g_ptr_array_unref (self->by_index);
  g_ptr_array_unref (self->nodes);
  g_ptr_array_unref (self->top);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_file_tree_parent_class)->finalize (object);
}

static void
spate_file_tree_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateFileTree *self = SPATE_FILE_TREE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      g_value_set_object (value, self->torrent);
      break;
    case PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_file_tree_class_init (SpateFileTreeClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_file_tree_finalize;
  object_class->get_property = spate_file_tree_get_property;

  properties[PROP_TORRENT] = g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT, ro);
  properties[PROP_N_FILES] = g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_file_tree_init (SpateFileTree *self)
{
  self->top = g_ptr_array_new_with_free_func (g_object_unref);
  self->nodes = g_ptr_array_new ();
  self->by_index = g_ptr_array_new ();
}
