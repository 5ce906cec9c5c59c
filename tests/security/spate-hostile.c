/* spate-hostile.c: hostile .torrent files, bencoded by hand.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-hostile.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define PIECE_LENGTH 16384

typedef struct
{
  char  *path;
  gint64 size;
  char  *link; /* NULL for a regular file */
} HostileFile;

struct _HostileTorrent
{
  char    *name;
  gboolean single;
  GArray  *files; /* of HostileFile */
  gint64   claimed_pieces;
};

static void
hostile_file_clear (HostileFile *f)
{
  g_free (f->path);
  g_free (f->link);
}

HostileTorrent *
hostile_torrent_new (const char *name, gboolean single)
{
  HostileTorrent *t = g_new0 (HostileTorrent, 1);

  t->name = g_strdup (name);
  t->single = single;
  t->files = g_array_new (FALSE, TRUE, sizeof (HostileFile));
  g_array_set_clear_func (t->files, (GDestroyNotify) hostile_file_clear);
  t->claimed_pieces = -1;
  return t;
}

void
hostile_torrent_free (HostileTorrent *t)
{
  g_array_unref (t->files);
  g_free (t->name);
  g_free (t);
}

void
hostile_torrent_add_file (HostileTorrent *t, const char *path, gint64 size)
{
  HostileFile f = { g_strdup (path), size, NULL };

  g_array_append_val (t->files, f);
}

void
hostile_torrent_add_symlink (HostileTorrent *t, const char *path, const char *target)
{
  HostileFile f = { g_strdup (path), 0, g_strdup (target) };

  g_array_append_val (t->files, f);
}

void
hostile_torrent_set_claimed_pieces (HostileTorrent *t, gint64 pieces)
{
  t->claimed_pieces = pieces;
}

guint8 *
hostile_content (gsize size)
{
  guint8 *data = g_malloc (MAX (size, 1));

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + size * 7 + (i >> 8));
  return data;
}

/* ------------------------------------------------------------ bencode */

static void
be_bytes (GString *out, const char *data, gsize len)
{
  g_string_append_printf (out, "%" G_GSIZE_FORMAT ":", len);
  g_string_append_len (out, data, len);
}

static void
be_str (GString *out, const char *s)
{
  be_bytes (out, s, strlen (s));
}

static void
be_int (GString *out, gint64 v)
{
  g_string_append_printf (out, "i%" G_GINT64_FORMAT "e", v);
}

/* One component, with "\x01" made a NUL byte. */
static void
be_component (GString *out, const char *component)
{
  g_autofree char *raw = g_strdup (component);
  gsize            len = strlen (raw);

  for (gsize i = 0; i < len; i++)
    if (raw[i] == '\x01')
      raw[i] = '\0';
  be_bytes (out, raw, len);
}

static void
be_path (GString *out, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "|", -1);

  g_string_append_c (out, 'l');
  for (char **p = parts; *p != NULL; p++)
    be_component (out, *p);
  g_string_append_c (out, 'e');
}

static void
append_hash (GString *out, GChecksumType type, const guint8 *data, gsize len)
{
  g_autoptr (GChecksum) sum = g_checksum_new (type);
  guint8 digest[32];
  gsize  digest_len = sizeof digest;

  g_checksum_update (sum, data, len);
  g_checksum_get_digest (sum, digest, &digest_len);
  g_string_append_len (out, (const char *) digest, digest_len);
}

/* SHA-1 of every piece of the files' data laid end to end. */
static GString *
v1_pieces (HostileTorrent *t)
{
  g_autoptr (GByteArray) all = g_byte_array_new ();
  GString *pieces = g_string_new (NULL);

  for (guint i = 0; i < t->files->len; i++)
    {
      HostileFile       *f = &g_array_index (t->files, HostileFile, i);
      g_autofree guint8 *data = f->link ? NULL : hostile_content (f->size);

      if (data != NULL)
        g_byte_array_append (all, data, f->size);
    }
  for (gsize at = 0; at < all->len; at += PIECE_LENGTH)
    append_hash (pieces, G_CHECKSUM_SHA1, all->data + at, MIN (PIECE_LENGTH, all->len - at));
  return pieces;
}

static void
be_v1_file (GString *out, HostileFile *f)
{
  g_string_append_c (out, 'd');
  if (f->link != NULL)
    {
      be_str (out, "attr");
      be_str (out, "l");
    }
  be_str (out, "length");
  be_int (out, f->size);
  be_str (out, "path");
  be_path (out, f->path);
  if (f->link != NULL)
    {
      be_str (out, "symlink path");
      be_path (out, f->link);
    }
  g_string_append_c (out, 'e');
}

static void
be_v1_info (GString *out, HostileTorrent *t)
{
  g_autoptr (GString) pieces = NULL;

  if (t->claimed_pieces < 0)
    pieces = v1_pieces (t);
  else
    {
      pieces = g_string_new (NULL);
      for (gint64 i = 0; i < t->claimed_pieces; i++)
        g_string_append_len (pieces, "0123456789abcdefghij", 20);
    }
  g_string_append_c (out, 'd');
  if (!t->single)
    {
      be_str (out, "files");
      g_string_append_c (out, 'l');
      for (guint i = 0; i < t->files->len; i++)
        be_v1_file (out, &g_array_index (t->files, HostileFile, i));
      g_string_append_c (out, 'e');
    }
  else
    {
      be_str (out, "length");
      be_int (out, g_array_index (t->files, HostileFile, 0).size);
    }
  be_str (out, "name");
  be_component (out, t->name);
  be_str (out, "piece length");
  be_int (out, PIECE_LENGTH);
  be_str (out, "pieces");
  be_bytes (out, pieces->str, pieces->len);
  g_string_append_c (out, 'e');
}

/* BEP 52 file tree of single-component files, sorted as bencode wants. */
static int
compare_files (gconstpointer a, gconstpointer b)
{
  return strcmp (((const HostileFile *) a)->path, ((const HostileFile *) b)->path);
}

static void
be_v2_info (GString *out, HostileTorrent *t)
{
  g_array_sort (t->files, compare_files);
  g_string_append_c (out, 'd');
  be_str (out, "file tree");
  g_string_append_c (out, 'd');
  for (guint i = 0; i < t->files->len; i++)
    {
      HostileFile *f = &g_array_index (t->files, HostileFile, i);

      g_assert_cmpint (f->size, <=, PIECE_LENGTH);
      g_assert_null (strchr (f->path, '|'));
      be_component (out, f->path);
      g_string_append (out, "d0:d");
      if (f->link != NULL)
        {
          be_str (out, "attr");
          be_str (out, "l");
        }
      be_str (out, "length");
      be_int (out, f->size);
      if (f->link == NULL && f->size > 0)
        {
          /* One 16 KiB block: the root is that block's hash. */
          g_autofree guint8 *data = hostile_content (f->size);
          g_autoptr (GString) root = g_string_new (NULL);

          append_hash (root, G_CHECKSUM_SHA256, data, f->size);
          be_str (out, "pieces root");
          be_bytes (out, root->str, root->len);
        }
      if (f->link != NULL)
        {
          be_str (out, "symlink path");
          be_path (out, f->link);
        }
      g_string_append (out, "ee");
    }
  g_string_append_c (out, 'e');
  be_str (out, "meta version");
  be_int (out, 2);
  be_str (out, "name");
  be_component (out, t->name);
  be_str (out, "piece length");
  be_int (out, PIECE_LENGTH);
  g_string_append_c (out, 'e');
}

GBytes *
hostile_torrent_encode (HostileTorrent *t, gboolean v2)
{
  GString *out = g_string_new ("d");

  be_str (out, "info");
  if (v2)
    be_v2_info (out, t);
  else
    be_v1_info (out, t);
  if (v2)
    {
      be_str (out, "piece layers");
      g_string_append (out, "de");
    }
  g_string_append_c (out, 'e');
  return g_string_free_to_bytes (out);
}

/* ----------------------------------------------------------- snapshots */

static void
snapshot_into (GHashTable *table, const char *path)
{
  g_autoptr (GDir) dir = NULL;
  struct stat st;
  const char *name;

  if (lstat (path, &st) != 0)
    return;
  g_hash_table_insert (table, g_strdup (path),
                       g_strdup_printf ("%o %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld",
                                        st.st_mode, (gint64) st.st_size, (gint64) st.st_mtim.tv_sec,
                                        st.st_mtim.tv_nsec));
  if (!S_ISDIR (st.st_mode))
    return;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      snapshot_into (table, child);
    }
}

GHashTable *
hostile_snapshot (const char *root)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  snapshot_into (table, root);
  return table;
}

static gboolean
is_inside (const char *path, const char *inside)
{
  gsize len = strlen (inside);

  return strncmp (path, inside, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

/* The folders above inside may get a new mtime when inside is made. */
static gboolean
is_above (const char *path, const char *inside)
{
  return is_inside (inside, path);
}

void
hostile_assert_only_inside (GHashTable *before, GHashTable *after, const char *inside)
{
  g_autoptr (GString) changes = g_string_new (NULL);
  GHashTableIter iter;
  const char    *path, *record;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &record))
    {
      const char *old = g_hash_table_lookup (before, path);

      if (is_inside (path, inside) || (old != NULL && is_above (path, inside)))
        continue;
      if (old == NULL)
        g_string_append_printf (changes, "\n  created %s", path);
      else if (strcmp (old, record) != 0)
        g_string_append_printf (changes, "\n  modified %s (%s → %s)", path, old, record);
    }
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (!g_hash_table_contains (after, path) && !is_inside (path, inside))
      g_string_append_printf (changes, "\n  removed %s", path);
  if (changes->len > 0)
    g_error ("Outside %s:%s", inside, changes->str);
}

static void
check_links (const char *root, const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *target = g_file_read_link (child, NULL);
      g_autofree char *absolute = NULL;
      g_autoptr (GFile) file = NULL;
      g_autofree char *canonical = NULL;
      char            *resolved = NULL;

      if (target == NULL)
        {
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            check_links (root, child);
          continue;
        }
      /* Read as text first, then as the kernel follows it. */
      absolute =
          g_path_is_absolute (target) ? g_strdup (target) : g_build_filename (path, target, NULL);
      file = g_file_new_for_path (absolute);
      canonical = g_file_get_path (file);
      g_test_message ("symlink %s → %s", child, target);
      if (!is_inside (canonical, root))
        g_error ("%s points to %s, outside %s", child, target, root);
      resolved = realpath (child, NULL);
      if (resolved != NULL && !is_inside (resolved, root))
        g_error ("%s resolves to %s, outside %s", child, resolved, root);
      free (resolved);
    }
}

void
hostile_assert_symlinks_inside (const char *root)
{
  g_autofree char *real_root = realpath (root, NULL);

  g_assert_nonnull (real_root);
  check_links (real_root, real_root);
}
