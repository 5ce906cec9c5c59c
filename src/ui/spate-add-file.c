/* spate-add-file.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is built once, with a hash table per folder while building, and
 * each folder keeps counts of the files below it. A change to one file
 * walks up the parent chain; a change to a folder walks its subtree once and
 * then the chain above it. Nodes notify only the properties a row shows, and
 * only when they change.
 */

#include "spate-add-file.h"

#include "spate-torrent.h"

struct _SpateAddFile
{
  GObject parent_instance;

  SpateAddFile *parent; /* NULL for the root */
  char         *name;
  char         *fold; /* casefolded name, made on the first search */
  char         *key;  /* collation key, only while building */
  gint64        size; /* a folder's: of every file below */
  int           index;
  gboolean      visible;

  /* A file's choice. */
  gboolean wanted;
  int      priority;

  /* A folder's entries and the sums of the files below it. */
  GPtrArray  *entries; /* SpateAddFile, owned; NULL for a file */
  GListStore *children;
  GHashTable *folders; /* name → entry, only while building */
  guint       n_files;
  guint       n_wanted;
  gint64      wanted_size;
  guint       n_priority[3]; /* files at low, normal, high */
};

G_DEFINE_FINAL_TYPE (SpateAddFile, spate_add_file, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_SIZE,
  PROP_INDEX,
  PROP_IS_FOLDER,
  PROP_CHECKED,
  PROP_INCONSISTENT,
  PROP_PRIORITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const int slot_priorities[3] = {
  SPATE_PRIORITY_LOW,
  SPATE_PRIORITY_NORMAL,
  SPATE_PRIORITY_HIGH,
};

static guint
slot_of (int priority)
{
  if (priority < SPATE_PRIORITY_NORMAL)
    return 0;
  return priority < SPATE_PRIORITY_HIGH ? 1 : 2;
}

/* ------------------------------------------------------------ state */

/* What a row shows of a node, to notify only what changed. */
typedef struct
{
  gboolean checked;
  gboolean inconsistent;
  int      priority;
} Look;

/* Sums moving up the tree. */
typedef struct
{
  int    n_wanted;
  gint64 wanted_size;
  int    n_priority[3];
} Delta;

static Look
look_of (SpateAddFile *self)
{
  return (Look){
    .checked = spate_add_file_get_checked (self),
    .inconsistent = spate_add_file_get_inconsistent (self),
    .priority = spate_add_file_get_priority (self),
  };
}

static void
notify_look (SpateAddFile *self, const Look *old)
{
  Look now = look_of (self);

  if (now.checked != old->checked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
  if (now.inconsistent != old->inconsistent)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCONSISTENT]);
  if (now.priority != old->priority)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
}

static void
delta_add (Delta *sum, const Delta *delta)
{
  sum->n_wanted += delta->n_wanted;
  sum->wanted_size += delta->wanted_size;
  for (guint i = 0; i < 3; i++)
    sum->n_priority[i] += delta->n_priority[i];
}

static void
apply_delta (SpateAddFile *folder, const Delta *delta)
{
  folder->n_wanted += delta->n_wanted;
  folder->wanted_size += delta->wanted_size;
  for (guint i = 0; i < 3; i++)
    folder->n_priority[i] += delta->n_priority[i];
}

static void
propagate (SpateAddFile *folder, const Delta *delta)
{
  for (; folder != NULL; folder = folder->parent)
    {
      Look old = look_of (folder);

      apply_delta (folder, delta);
      notify_look (folder, &old);
    }
}

typedef void (*ChangeFunc) (SpateAddFile *file, int value, Delta *delta);

static void
change_wanted (SpateAddFile *file, int wanted, Delta *delta)
{
  if (file->wanted == !!wanted)
    return;
  file->wanted = !!wanted;
  delta->n_wanted += wanted ? 1 : -1;
  delta->wanted_size += wanted ? file->size : -file->size;
  g_object_notify_by_pspec (G_OBJECT (file), properties[PROP_CHECKED]);
}

static void
change_priority (SpateAddFile *file, int priority, Delta *delta)
{
  guint old_slot = slot_of (file->priority);
  guint new_slot = slot_of (priority);

  if (old_slot == new_slot)
    return;
  file->priority = slot_priorities[new_slot];
  delta->n_priority[old_slot]--;
  delta->n_priority[new_slot]++;
  g_object_notify_by_pspec (G_OBJECT (file), properties[PROP_PRIORITY]);
}

/* Changes the files below node, adds what changed to delta, and updates
 * the folders on the way back up. */
static void
change_subtree (SpateAddFile *node,
                ChangeFunc    change,
                int           value,
                gboolean      only_visible,
                Delta        *delta)
{
  Delta sub = { 0 };
  Look  old;

  if (only_visible && !node->visible)
    return;
  if (node->entries == NULL)
    {
      change (node, value, delta);
      return;
    }
  old = look_of (node);
  for (guint i = 0; i < node->entries->len; i++)
    change_subtree (g_ptr_array_index (node->entries, i), change, value, only_visible, &sub);
  apply_delta (node, &sub);
  notify_look (node, &old);
  delta_add (delta, &sub);
}

void
spate_add_file_set_wanted (SpateAddFile *self, gboolean wanted, gboolean only_visible)
{
  Delta delta = { 0 };

  g_return_if_fail (SPATE_IS_ADD_FILE (self));

  change_subtree (self, change_wanted, wanted, only_visible, &delta);
  propagate (self->parent, &delta);
}

void
spate_add_file_set_priority (SpateAddFile *self, int priority, gboolean only_visible)
{
  Delta delta = { 0 };

  g_return_if_fail (SPATE_IS_ADD_FILE (self));
  g_return_if_fail (priority >= SPATE_PRIORITY_LOW && priority <= SPATE_PRIORITY_HIGH);

  change_subtree (self, change_priority, priority, only_visible, &delta);
  propagate (self->parent, &delta);
}

/* ----------------------------------------------------------- building */

static SpateAddFile *
node_new (SpateAddFile *parent, const char *name, gsize len, gboolean is_folder)
{
  SpateAddFile *self = g_object_new (SPATE_TYPE_ADD_FILE, NULL);

  self->parent = parent;
  self->name = g_utf8_make_valid (name, len);
  self->key = g_utf8_collate_key_for_filename (self->name, -1);
  if (is_folder)
    {
      self->entries = g_ptr_array_new_with_free_func (g_object_unref);
      self->folders = g_hash_table_new (g_str_hash, g_str_equal);
    }
  if (parent != NULL)
    g_ptr_array_add (parent->entries, self);
  return self;
}

static SpateAddFile *
folder_in (SpateAddFile *parent, const char *name, gsize len)
{
  g_autofree char *copy = g_strndup (name, len);
  SpateAddFile    *folder = g_hash_table_lookup (parent->folders, copy);

  if (folder == NULL)
    {
      folder = node_new (parent, name, len, TRUE);
      g_hash_table_insert (parent->folders, folder->name, folder);
    }
  return folder;
}

static void
add_file (SpateAddFile *root, const char *path, gint64 size, int index, GPtrArray *by_index)
{
  SpateAddFile *parent = root;
  const char   *start = path;
  const char   *slash;
  SpateAddFile *file;

  while ((slash = strchr (start, '/')) != NULL)
    {
      if (slash > start)
        parent = folder_in (parent, start, slash - start);
      start = slash + 1;
    }
  file = node_new (parent, start, strlen (start), FALSE);
  file->size = size;
  file->index = index;
  file->wanted = TRUE;
  file->priority = SPATE_PRIORITY_NORMAL;
  file->n_files = 1;
  by_index->pdata[index] = file;
}

static int
compare_nodes (gconstpointer a, gconstpointer b)
{
  const SpateAddFile *x = *(SpateAddFile * const *) a;
  const SpateAddFile *y = *(SpateAddFile * const *) b;

  if ((x->entries != NULL) != (y->entries != NULL))
    return x->entries != NULL ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Sorts, sums and publishes a folder's entries, deepest first. */
static void
finish_folder (SpateAddFile *folder)
{
  g_ptr_array_sort (folder->entries, compare_nodes);
  for (guint i = 0; i < folder->entries->len; i++)
    {
      SpateAddFile *entry = g_ptr_array_index (folder->entries, i);

      if (entry->entries != NULL)
        finish_folder (entry);
      g_clear_pointer (&entry->key, g_free);
      folder->n_files += entry->n_files;
      folder->size += entry->size;
      folder->n_wanted += spate_add_file_get_n_wanted (entry);
      folder->wanted_size += spate_add_file_get_wanted_size (entry);
      if (entry->entries != NULL)
        for (guint s = 0; s < 3; s++)
          folder->n_priority[s] += entry->n_priority[s];
      else
        folder->n_priority[slot_of (entry->priority)]++;
    }
  g_clear_pointer (&folder->folders, g_hash_table_unref);
  folder->children = g_list_store_new (SPATE_TYPE_ADD_FILE);
  g_list_store_splice (folder->children, 0, 0, folder->entries->pdata, folder->entries->len);
}

/* The length of "folder/" when every file's path starts with one folder. */
static gsize
common_folder_length (SpateTorrentInfo *info)
{
  const char *first = NULL;
  gsize       len = 0;
  guint       n = spate_torrent_info_get_n_files (info);

  for (guint i = 0; i < n; i++)
    {
      const char *path;
      gboolean    is_pad;

      spate_torrent_info_get_file (info, i, &path, NULL, &is_pad);
      if (is_pad)
        continue;
      if (first == NULL)
        {
          const char *slash = strchr (path, '/');

          if (slash == NULL)
            return 0;
          first = path;
          len = slash - path + 1;
        }
      else if (strncmp (path, first, len) != 0)
        return 0;
    }
  return len;
}

SpateAddFile *
spate_add_file_new_tree (SpateTorrentInfo *info, GPtrArray **by_index)
{
  g_autoptr (GPtrArray) index = NULL;
  SpateAddFile *root;
  guint         n;
  gsize         skip;

  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (info), NULL);

  n = spate_torrent_info_get_n_files (info);
  index = g_ptr_array_sized_new (n);
  g_ptr_array_set_size (index, n);
  root = node_new (NULL, "", 0, TRUE);
  skip = common_folder_length (info);

  for (guint i = 0; i < n; i++)
    {
      const char *path;
      gint64      size;
      gboolean    is_pad;

      spate_torrent_info_get_file (info, i, &path, &size, &is_pad);
      if (!is_pad)
        add_file (root, path + skip, size, i, index);
    }
  finish_folder (root);
  g_clear_pointer (&root->key, g_free);

  if (by_index != NULL)
    *by_index = g_steal_pointer (&index);
  return root;
}

/* ------------------------------------------------------------ search */

static gboolean
filter_node (SpateAddFile *node, const char *fold, gboolean shown_above)
{
  gboolean shown = shown_above;

  if (!shown)
    {
      if (node->fold == NULL)
        node->fold = g_utf8_casefold (node->name, -1);
      shown = strstr (node->fold, fold) != NULL;
    }
  node->visible = shown;
  for (guint i = 0; node->entries != NULL && i < node->entries->len; i++)
    {
      if (filter_node (g_ptr_array_index (node->entries, i), fold, shown))
        node->visible = TRUE;
    }
  return node->visible;
}

gboolean
spate_add_file_filter (SpateAddFile *root, const char *text)
{
  g_autofree char *fold = NULL;
  gboolean         any = FALSE;

  g_return_val_if_fail (SPATE_IS_ADD_FILE (root), FALSE);
  g_return_val_if_fail (root->entries != NULL, FALSE);

  if (text != NULL && text[0] != '\0')
    fold = g_utf8_casefold (text, -1);
  for (guint i = 0; i < root->entries->len; i++)
    {
      if (filter_node (g_ptr_array_index (root->entries, i), fold ? fold : "", fold == NULL))
        any = TRUE;
    }
  root->visible = TRUE;
  return any;
}

gboolean
spate_add_file_get_visible (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), FALSE);
  return self->visible;
}

/* ------------------------------------------------------------ GObject */

static void
spate_add_file_finalize (GObject *object)
{
  SpateAddFile *self = SPATE_ADD_FILE (object);

  g_free (self->name);
  g_free (self->fold);
  g_free (self->key);
  g_clear_pointer (&self->folders, g_hash_table_unref);
  g_clear_object (&self->children);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (spate_add_file_parent_class)->finalize (object);
}

static void
spate_add_file_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateAddFile *self = SPATE_ADD_FILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_INDEX:
      g_value_set_int (value, self->index);
      break;
    case PROP_IS_FOLDER:
      g_value_set_boolean (value, spate_add_file_get_is_folder (self));
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, spate_add_file_get_checked (self));
      break;
    case PROP_INCONSISTENT:
      g_value_set_boolean (value, spate_add_file_get_inconsistent (self));
      break;
    case PROP_PRIORITY:
      g_value_set_int (value, spate_add_file_get_priority (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_add_file_class_init (SpateAddFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = spate_add_file_finalize;
  object_class->get_property = spate_add_file_get_property;

  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] = g_param_spec_int ("index", NULL, NULL, -1, G_MAXINT, -1,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_FOLDER] = g_param_spec_boolean ("is-folder", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKED] = g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCONSISTENT] = g_param_spec_boolean ("inconsistent", NULL, NULL, FALSE,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIORITY] =
      g_param_spec_int ("priority", NULL, NULL, SPATE_ADD_FILE_PRIORITY_MIXED, SPATE_PRIORITY_HIGH,
                        SPATE_PRIORITY_NORMAL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_add_file_init (SpateAddFile *self)
{
  self->index = -1;
  self->visible = TRUE;
  self->priority = SPATE_PRIORITY_NORMAL;
}

/* ------------------------------------------------------------ getters */

const char *
spate_add_file_get_name (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), NULL);
  return self->name;
}

gint64
spate_add_file_get_size (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), 0);
  return self->size;
}

gboolean
spate_add_file_get_is_folder (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), FALSE);
  return self->entries != NULL;
}

int
spate_add_file_get_index (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), -1);
  return self->index;
}

SpateAddFile *
spate_add_file_get_parent (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), NULL);
  return self->parent;
}

GListModel *
spate_add_file_get_children (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), NULL);
  return G_LIST_MODEL (self->children);
}

guint
spate_add_file_get_n_files (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), 0);
  return self->n_files;
}

guint
spate_add_file_get_n_wanted (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), 0);
  return self->entries != NULL ? self->n_wanted : (guint) self->wanted;
}

gint64
spate_add_file_get_wanted_size (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), 0);
  if (self->entries != NULL)
    return self->wanted_size;
  return self->wanted ? self->size : 0;
}

gboolean
spate_add_file_get_checked (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), FALSE);
  if (self->entries == NULL)
    return self->wanted;
  return self->n_files > 0 && self->n_wanted == self->n_files;
}

gboolean
spate_add_file_get_inconsistent (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), FALSE);
  return self->entries != NULL && self->n_wanted > 0 && self->n_wanted < self->n_files;
}

int
spate_add_file_get_priority (SpateAddFile *self)
{
  g_return_val_if_fail (SPATE_IS_ADD_FILE (self), SPATE_PRIORITY_NORMAL);
  if (self->entries == NULL)
    return self->priority;
  for (guint s = 0; s < 3; s++)
    {
      if (self->n_priority[s] == self->n_files)
        return slot_priorities[s];
    }
  return self->n_files == 0 ? SPATE_PRIORITY_NORMAL : SPATE_ADD_FILE_PRIORITY_MIXED;
}
