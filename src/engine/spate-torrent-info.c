/* spate-torrent-info.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is read once at construction: the object is immutable, so its
 * properties never notify.
 */

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "spate-display-name.h"
#include "spate-error.h"
#include "spate-http-private.h"
#include "spate-lt.h"
#include "spate-session.h"
#include "spate-torrent-info-private.h"

typedef struct
{
  char    *path;
  gint64   size;
  gboolean is_pad;
} File;

struct _SpateTorrentInfo
{
  GObject parent_instance;

  SpateLtInfo *info;
  GBytes      *bytes; /* NULL for a magnet link */
  char        *magnet;
  char        *name;  /* for display */
  GArray      *files; /* of File */
};

G_DEFINE_FINAL_TYPE (SpateTorrentInfo, spate_torrent_info, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_INFO_HASH_V1,
  PROP_INFO_HASH_V2,
  PROP_HAS_METADATA,
  PROP_TOTAL_SIZE,
  PROP_NUM_PIECES,
  PROP_PIECE_LENGTH,
  PROP_COMMENT,
  PROP_CREATOR,
  PROP_CREATION_DATE,
  PROP_IS_PRIVATE,
  PROP_MAGNET,
  PROP_N_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
file_clear (gpointer data)
{
  File *file = data;

  g_free (file->path);
}

/* Takes info. */
static SpateTorrentInfo *
wrap (SpateLtInfo *info, GBytes *bytes)
{
  SpateTorrentInfo *self = g_object_new (SPATE_TYPE_TORRENT_INFO, NULL);
  int               n = spate_lt_info_get_num_files (info);

  self->info = info;
  self->name = spate_display_name (spate_lt_info_get_name (info));
  self->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  self->magnet = spate_lt_info_make_magnet (info);
  for (int i = 0; i < n; i++)
    {
      SpateLtFile lt_file;
      File        file;

      if (!spate_lt_info_get_file (info, i, &lt_file))
        continue;
      file.path = lt_file.path;
      file.size = lt_file.size;
      file.is_pad = (lt_file.flags & SPATE_LT_FILE_PAD) != 0;
      g_array_append_val (self->files, file);
    }
  return self;
}

SpateTorrentInfo *
_spate_torrent_info_new_for_lt (SpateLtInfo *info, GBytes *bytes)
{
  return wrap (info, bytes);
}

SpateTorrentInfo *
spate_torrent_info_new_from_bytes (GBytes *data, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  SpateLtInfo  *info;
  gsize         size;
  const guint8 *contents;

  g_return_val_if_fail (data != NULL, NULL);

  contents = g_bytes_get_data (data, &size);
  if (size > SPATE_MAX_TORRENT_SIZE)
    {
      g_autofree char *limit = g_format_size (SPATE_MAX_TORRENT_SIZE);
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                   _ ("Not a torrent file: it is larger than %s"), limit);
      return NULL;
    }
  info = spate_lt_info_new_from_bytes (contents, size, &local_error);
  if (info == NULL)
    {
      g_set_error_literal (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, local_error->message);
      return NULL;
    }
  return wrap (info, data);
}

SpateTorrentInfo *
spate_torrent_info_new_from_file (const char *path, GError **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  SpateTorrentInfo *self;
  GStatBuf          st;
  gsize             size;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SPATE_ERROR,
                   saved_errno == ENOENT ? SPATE_ERROR_NOT_FOUND : SPATE_ERROR_IO,
                   _ ("Could not read “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                   _ ("“%s” is a folder, not a torrent file"), display);
      return NULL;
    }
  /* A film passed by mistake is not read into memory. */
  if (st.st_size > SPATE_MAX_TORRENT_SIZE)
    {
      g_autofree char *limit = g_format_size (SPATE_MAX_TORRENT_SIZE);
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                   _ ("“%s” is not a torrent file: it is larger than %s"), display, limit);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Could not read “%s”: %s"), display,
                   local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
  self = spate_torrent_info_new_from_bytes (bytes, &local_error);
  if (self == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", display);
      return NULL;
    }
  return self;
}

SpateTorrentInfo *
spate_torrent_info_new_from_magnet (const char *uri, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  SpateLtInfo *info;

  g_return_val_if_fail (uri != NULL, NULL);

  info = spate_lt_info_new_from_magnet (uri, &local_error);
  if (info == NULL)
    {
      g_set_error_literal (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, local_error->message);
      return NULL;
    }
  return wrap (info, NULL);
}

/* ------------------------------------------------------------- URIs */

static void
read_in_thread (GTask *task, gpointer source, gpointer path, GCancellable *cancellable)
{
  GError           *error = NULL;
  SpateTorrentInfo *self = spate_torrent_info_new_from_file (path, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = _spate_http_get_finish (result, &error);
  SpateTorrentInfo *self = body != NULL ? spate_torrent_info_new_from_bytes (body, &error) : NULL;

  if (self == NULL)
    {
      if (body != NULL)
        g_prefix_error (&error, "%s: ", (const char *) g_task_get_task_data (task));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, self, g_object_unref);
}

void
spate_torrent_info_new_from_uri_async (const char         *uri,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *scheme = NULL;
  g_autofree char  *path = NULL;
  SpateTorrentInfo *self;

  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_torrent_info_new_from_uri_async);
  scheme = g_uri_parse_scheme (uri);

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "magnet") == 0)
    {
      self = spate_torrent_info_new_from_magnet (uri, &error);
      if (self == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, self, g_object_unref);
      return;
    }
  if (_spate_http_is_url (uri))
    {
      g_task_set_task_data (task, g_strdup (uri), g_free);
      _spate_http_get_async (uri, cancellable, on_fetched, g_steal_pointer (&task));
      return;
    }
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
    {
      path = g_filename_from_uri (uri, NULL, &error);
      if (path == NULL)
        {
          g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, "%s",
                                   error->message);
          return;
        }
    }
  /* A path; "C:" is not a scheme we know either. */
  else if (scheme == NULL || strlen (scheme) == 1)
    path = g_strdup (uri);
  else
    {
      g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                               _ ("“%s” is not a torrent file, magnet link or web address"), uri);
      return;
    }
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, read_in_thread);
}

SpateTorrentInfo *
spate_torrent_info_new_from_uri_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------ getters */

SpateLtInfo *
_spate_torrent_info_get_lt (SpateTorrentInfo *self)
{
  return self->info;
}

static const char *
empty_to_null (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

GBytes *
spate_torrent_info_get_bytes (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return self->bytes;
}

const char *
spate_torrent_info_get_name (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return self->name;
}

const char *
spate_torrent_info_get_info_hash_v1 (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return spate_lt_info_get_info_hash_v1 (self->info);
}

const char *
spate_torrent_info_get_info_hash_v2 (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return spate_lt_info_get_info_hash_v2 (self->info);
}

gboolean
spate_torrent_info_get_has_metadata (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), FALSE);

  return spate_lt_info_has_metadata (self->info);
}

gint64
spate_torrent_info_get_total_size (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return spate_lt_info_get_total_size (self->info);
}

guint
spate_torrent_info_get_num_pieces (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return (guint) MAX (spate_lt_info_get_num_pieces (self->info), 0);
}

guint
spate_torrent_info_get_piece_length (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return (guint) MAX (spate_lt_info_get_piece_length (self->info), 0);
}

const char *
spate_torrent_info_get_comment (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return empty_to_null (spate_lt_info_get_comment (self->info));
}

const char *
spate_torrent_info_get_creator (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return empty_to_null (spate_lt_info_get_creator (self->info));
}

gint64
spate_torrent_info_get_creation_date (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return spate_lt_info_get_creation_date (self->info);
}

gboolean
spate_torrent_info_get_is_private (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), FALSE);

  return spate_lt_info_is_private (self->info);
}

const char *
spate_torrent_info_get_magnet (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  return self->magnet;
}

guint
spate_torrent_info_get_n_files (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return self->files->len;
}

gboolean
spate_torrent_info_get_file (SpateTorrentInfo *self,
                             guint             index,
                             const char      **path,
                             gint64           *size,
                             gboolean         *is_pad)
{
  File *file;

  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), FALSE);

  if (index >= self->files->len)
    return FALSE;
  file = &g_array_index (self->files, File, index);
  if (path != NULL)
    *path = file->path;
  if (size != NULL)
    *size = file->size;
  if (is_pad != NULL)
    *is_pad = file->is_pad;
  return TRUE;
}

guint
spate_torrent_info_get_n_trackers (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return (guint) MAX (spate_lt_info_get_num_trackers (self->info), 0);
}

const char *
spate_torrent_info_get_tracker (SpateTorrentInfo *self, guint index, int *tier)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  if (index > G_MAXINT)
    return NULL;
  return spate_lt_info_get_tracker (self->info, (int) index, tier);
}

guint
spate_torrent_info_get_n_web_seeds (SpateTorrentInfo *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), 0);

  return (guint) MAX (spate_lt_info_get_num_web_seeds (self->info), 0);
}

const char *
spate_torrent_info_get_web_seed (SpateTorrentInfo *self, guint index)
{
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (self), NULL);

  if (index > G_MAXINT)
    return NULL;
  return spate_lt_info_get_web_seed (self->info, (int) index, NULL);
}

/* ------------------------------------------------------------ GObject */

static void
spate_torrent_info_finalize (GObject *object)
{
  SpateTorrentInfo *self = SPATE_TORRENT_INFO (object);

  g_clear_pointer (&self->info, spate_lt_info_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->files, g_array_unref);
  g_free (self->magnet);
  g_free (self->name);

  G_OBJECT_CLASS (spate_torrent_info_parent_class)->finalize (object);
}

static void
spate_torrent_info_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateTorrentInfo *self = SPATE_TORRENT_INFO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, spate_torrent_info_get_name (self));
      break;
    case PROP_INFO_HASH_V1:
      g_value_set_string (value, spate_torrent_info_get_info_hash_v1 (self));
      break;
    case PROP_INFO_HASH_V2:
      g_value_set_string (value, spate_torrent_info_get_info_hash_v2 (self));
      break;
    case PROP_HAS_METADATA:
      g_value_set_boolean (value, spate_torrent_info_get_has_metadata (self));
      break;
    case PROP_TOTAL_SIZE:
      g_value_set_int64 (value, spate_torrent_info_get_total_size (self));
      break;
    case PROP_NUM_PIECES:
      g_value_set_uint (value, spate_torrent_info_get_num_pieces (self));
      break;
    case PROP_PIECE_LENGTH:
      g_value_set_uint (value, spate_torrent_info_get_piece_length (self));
      break;
    case PROP_COMMENT:
      g_value_set_string (value, spate_torrent_info_get_comment (self));
      break;
    case PROP_CREATOR:
      g_value_set_string (value, spate_torrent_info_get_creator (self));
      break;
    case PROP_CREATION_DATE:
      g_value_set_int64 (value, spate_torrent_info_get_creation_date (self));
      break;
    case PROP_IS_PRIVATE:
      g_value_set_boolean (value, spate_torrent_info_get_is_private (self));
      break;
    case PROP_MAGNET:
      g_value_set_string (value, self->magnet);
      break;
    case PROP_N_FILES:
      g_value_set_uint (value, self->files->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_torrent_info_class_init (SpateTorrentInfoClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = spate_torrent_info_finalize;
  object_class->get_property = spate_torrent_info_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_INFO_HASH_V1] = g_param_spec_string ("info-hash-v1", NULL, NULL, NULL, ro);
  properties[PROP_INFO_HASH_V2] = g_param_spec_string ("info-hash-v2", NULL, NULL, NULL, ro);
  properties[PROP_HAS_METADATA] = g_param_spec_boolean ("has-metadata", NULL, NULL, FALSE, ro);
  properties[PROP_TOTAL_SIZE] = g_param_spec_int64 ("total-size", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NUM_PIECES] = g_param_spec_uint ("num-pieces", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PIECE_LENGTH] =
      g_param_spec_uint ("piece-length", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_COMMENT] = g_param_spec_string ("comment", NULL, NULL, NULL, ro);
  properties[PROP_CREATOR] = g_param_spec_string ("creator", NULL, NULL, NULL, ro);
  properties[PROP_CREATION_DATE] =
      g_param_spec_int64 ("creation-date", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_IS_PRIVATE] = g_param_spec_boolean ("is-private", NULL, NULL, FALSE, ro);
  properties[PROP_MAGNET] = g_param_spec_string ("magnet", NULL, NULL, NULL, ro);
  properties[PROP_N_FILES] = g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_torrent_info_init (SpateTorrentInfo *self)
{
  self->files = g_array_new (FALSE, FALSE, sizeof (File));
  g_array_set_clear_func (self->files, file_clear);
}
