/* spate-session-add.c: adding and removing torrents, fetching URLs.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <limits.h>

#include "spate-display-name.h"

#include "spate-error.h"
#include "spate-http-private.h"
#include "spate-metadata-fetch-private.h"
#include "spate-session-internal.h"
#include "spate-torrent-info-private.h"
#include "spate-torrent-private.h"

static void
apply_options (SpateSession *self, SpateLtAddParams *params, const SpateAddOptions *options)
{
  SpateLtTorrentFlags flags = spate_lt_add_params_get_flags (params);
  const char         *save_path = options ? options->save_path : NULL;

  if (save_path != NULL)
    spate_lt_add_params_set_save_path (params, save_path);
  else if (*spate_lt_add_params_get_save_path (params) == '\0')
    spate_lt_add_params_set_save_path (params, self->download_dir);

  if (options == NULL)
    return;
  if (options->paused)
    flags = (flags | SPATE_LT_TORRENT_PAUSED) & ~SPATE_LT_TORRENT_AUTO_MANAGED;
  if (options->sequential)
    flags |= SPATE_LT_TORRENT_SEQUENTIAL;
  if (options->seed_mode)
    flags |= SPATE_LT_TORRENT_SEED_MODE;
  spate_lt_add_params_set_flags (params, flags);
  if (options->file_priorities != NULL)
    spate_lt_add_params_set_file_priorities (params, options->file_priorities,
                                             options->n_file_priorities);
  for (guint i = 0; options->trackers != NULL && options->trackers[i] != NULL; i++)
    spate_lt_add_params_add_tracker (params, options->trackers[i], i);
}

/* What libtorrent takes only once the torrent is in. */
static void
apply_late_options (SpateTorrent *torrent, const SpateAddOptions *options)
{
  SpateLtTorrent *handle = _spate_torrent_get_handle (torrent);

  if (options == NULL)
    return;
  if (options->first_last_pieces)
    _spate_torrent_set_first_last (torrent, TRUE, NULL);
  if (options->queue_top && spate_lt_torrent_queue_move (handle, SPATE_LT_QUEUE_TOP, NULL))
    _spate_torrent_refresh_queue_position (torrent);
}

SpateTorrent *
_spate_session_insert (SpateSession          *self,
                       SpateLtAddParams      *params,
                       const char            *identity,
                       const SpateAddOptions *options,
                       gboolean               restoring,
                       GError               **error)
{
  const char *hash = identity ? identity : spate_lt_add_params_get_info_hash (params);
  g_autoptr (SpateTorrent) torrent = NULL;
  g_autoptr (GError) local_error = NULL;
  SpateLtTorrent *handle;

  if (spate_session_lookup (self, hash) != NULL)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED, _ ("“%s” is already added"),
                   spate_torrent_get_name (spate_session_lookup (self, hash)));
      return NULL;
    }

  torrent = _spate_torrent_new (self, hash, spate_lt_add_params_get_name (params),
                                spate_lt_add_params_get_save_path (params));
  spate_lt_add_params_set_user_data (params, torrent);
  /* params-hooks: what the preferences change in a new torrent's params */
  _spate_session_prefs_params (self, torrent, params, options, restoring);
  handle = spate_lt_session_add (self->lt, params, &local_error);
  if (handle == NULL)
    {
      if (g_error_matches (local_error, SPATE_LT_ERROR, SPATE_LT_ERROR_DUPLICATE_TORRENT))
        g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED, _ ("“%s” is already added"),
                     spate_lt_add_params_get_name (params));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  _spate_torrent_attach (torrent, handle);
  if (restoring)
    {
      /* From the resume data rather than a round trip to libtorrent's
       * thread per torrent: libtorrent reports every torrent it adds in the
       * next status update anyway. */
      SpateLtStatus st;

      spate_lt_add_params_get_status (params, &st);
      _spate_torrent_update (torrent, &st);
      spate_lt_status_clear (&st);
    }
  else
    _spate_torrent_refresh (torrent);
  apply_late_options (torrent, options);
  /* add-hooks: what the preferences do to a torrent just added or restored */
  _spate_session_prefs_added (self, torrent, restoring);
  _spate_session_extension_added (self, torrent);
  if (!restoring)
    _spate_torrent_set_downloading (torrent);
  spate_torrent_list_append (self->torrents, torrent);
  g_signal_emit (self, _spate_session_signals[TORRENT_ADDED], 0, torrent);
  if (!restoring)
    {
      /* On disk before anything else can happen to it. */
      _spate_torrent_mark_dirty (torrent);
      _spate_session_queue_changed (self);
    }
  return torrent;
}

SpateTorrent *
_spate_session_add_params (SpateSession          *self,
                           SpateLtAddParams      *params,
                           const SpateAddOptions *options,
                           GError               **error)
{
  apply_options (self, params, options);
  return _spate_session_insert (self, params, NULL, options, FALSE, error);
}

/* Adds the trackers and web seeds of info that existing lacks. */
static void
merge (SpateTorrent *existing, SpateLtInfo *info)
{
  SpateLtTorrent *handle = _spate_torrent_get_handle (existing);
  int             added = 0;

  for (int i = 0; handle != NULL && i < spate_lt_info_get_num_trackers (info); i++)
    {
      int         tier = 0;
      const char *url = spate_lt_info_get_tracker (info, i, &tier);
      if (spate_lt_torrent_add_tracker (handle, url, tier, NULL))
        added++;
    }
  for (int i = 0; handle != NULL && i < spate_lt_info_get_num_web_seeds (info); i++)
    {
      SpateLtWebSeedType type;
      const char        *url = spate_lt_info_get_web_seed (info, i, &type);
      if (spate_lt_torrent_add_web_seed (handle, url, type, NULL))
        added++;
    }
  if (added > 0)
    _spate_torrent_mark_dirty (existing);
}

/* The torrent is here already: take the new trackers and web seeds, then
 * say so. */
static void
merge_into (SpateTorrent *existing, SpateLtInfo *info, GError **error)
{
  merge (existing, info);
  g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED,
               _ ("“%s” is already added; its trackers and web seeds were merged"),
               spate_torrent_get_name (existing));
}

/* The torrent info describes, when the list has it under either hash. */
static SpateTorrent *
find_existing (SpateSession *self, SpateLtInfo *info)
{
  const char   *v1 = spate_lt_info_get_info_hash_v1 (info);
  const char   *v2 = spate_lt_info_get_info_hash_v2 (info);
  SpateTorrent *existing = v1 != NULL ? spate_session_lookup (self, v1) : NULL;

  if (existing == NULL && v2 != NULL)
    existing = spate_session_lookup (self, v2);
  return existing;
}

gboolean
spate_session_merge_trackers (SpateSession     *self,
                              SpateTorrent     *existing,
                              SpateTorrentInfo *info,
                              GError          **error)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (SPATE_IS_TORRENT (existing), FALSE);
  g_return_val_if_fail (SPATE_IS_TORRENT_INFO (info), FALSE);

  if (_spate_torrent_get_session (existing) != self)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND,
                   _ ("“%s” is no longer in the session"), spate_torrent_get_name (existing));
      return FALSE;
    }
  if (find_existing (self, _spate_torrent_info_get_lt (info)) != existing)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                   _ ("“%s” is another torrent than “%s”"), spate_torrent_info_get_name (info),
                   spate_torrent_get_name (existing));
      return FALSE;
    }
  merge (existing, _spate_torrent_info_get_lt (info));
  return TRUE;
}

/* libtorrent shortens long components but not long paths: such a file
 * could never be written, so say so now rather than fail mid-download. */
static gboolean
check_path_lengths (SpateSession          *self,
                    SpateLtInfo           *info,
                    const SpateAddOptions *options,
                    GError               **error)
{
  const char *save_path = options && options->save_path ? options->save_path : self->download_dir;
  gsize       base = save_path != NULL ? strlen (save_path) + 1 : 0;

  for (int i = 0; i < spate_lt_info_get_num_files (info); i++)
    {
      SpateLtFile      file;
      g_autofree char *shown = NULL;
      g_autofree char *name = NULL;
      gsize            len;

      if (!spate_lt_info_get_file (info, i, &file))
        continue;
      len = base + strlen (file.path);
      if (len >= PATH_MAX)
        {
          shown = spate_display_name (file.path);
          name = spate_display_name (spate_lt_info_get_name (info));
          g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                       _ ("A file of “%s” has a path too long for this system (%u bytes, at "
                          "most %d): %.60s…"),
                       name, (guint) len, PATH_MAX - 1, shown);
        }
      g_free (file.path);
      if (len >= PATH_MAX)
        return FALSE;
    }
  return TRUE;
}

/* A duplicate is kept in last_duplicate for spate_session_add_uri_finish(). */
static SpateTorrent *
add_info (SpateSession *self, SpateLtInfo *info, const SpateAddOptions *options, GError **error)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  SpateTorrent *existing = find_existing (self, info);

  if (existing != NULL)
    {
      g_set_object (&self->last_duplicate, existing);
      merge_into (existing, info, error);
      return NULL;
    }
  if (!check_path_lengths (self, info, options, error))
    return NULL;

  params = spate_lt_add_params_new_from_info (info);
  return _spate_session_add_params (self, params, options, error);
}

SpateTorrent *
spate_session_add_bytes (SpateSession          *self,
                         GBytes                *data,
                         const SpateAddOptions *options,
                         GError               **error)
{
  g_autoptr (SpateLtInfo) info = NULL;
  gsize         size;
  const guint8 *bytes;

  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  info = spate_lt_info_new_from_bytes (bytes, size, error);
  if (info == NULL)
    return NULL;
  return add_info (self, info, options, error);
}

SpateTorrent *
spate_session_add_file (SpateSession          *self,
                        const char            *path,
                        const SpateAddOptions *options,
                        GError               **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  SpateTorrent    *torrent;

  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Could not read “%s”: %s"), display,
                   local_error->message);
      return NULL;
    }
  if (g_mapped_file_get_length (file) > SPATE_MAX_TORRENT_SIZE)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                   _ ("“%s” is too large to be a torrent file"), display);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  torrent = spate_session_add_bytes (self, bytes, options, &local_error);
  if (torrent == NULL)
    {
      if (g_error_matches (local_error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", display);
    }
  return torrent;
}

SpateTorrent *
spate_session_add_magnet (SpateSession          *self,
                          const char            *uri,
                          const SpateAddOptions *options,
                          GError               **error)
{
  g_autoptr (SpateLtInfo) info = NULL;

  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  info = spate_lt_info_new_from_magnet (uri, error);
  if (info == NULL)
    return NULL;
  return add_info (self, info, options, error);
}

gboolean
spate_session_remove (SpateSession *self,
                      SpateTorrent *torrent,
                      gboolean      delete_files,
                      GError      **error)
{
  SpateLtTorrent *handle;

  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (SPATE_IS_TORRENT (torrent), FALSE);

  if (_spate_torrent_get_session (torrent) != self)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND,
                   _ ("“%s” is no longer in the session"), spate_torrent_get_name (torrent));
      return FALSE;
    }
  handle = _spate_torrent_get_handle (torrent);
  if (!spate_lt_session_remove (self->lt, handle, delete_files, error))
    return FALSE;

  /* libtorrent may still post alerts carrying this pointer until it
   * confirms the removal. */
  g_hash_table_add (self->removing, g_object_ref (torrent));
  g_hash_table_remove (self->save_soon, torrent);
  g_hash_table_remove (self->watched, torrent);
  spate_store_forget (self->store, spate_torrent_get_info_hash (torrent));
  g_object_ref (torrent);
  spate_torrent_list_remove (self->torrents, torrent);
  _spate_torrent_detach (torrent);
  _spate_session_queue_changed (self);
  g_signal_emit (self, _spate_session_signals[TORRENT_REMOVED], 0, torrent);
  g_object_unref (torrent);
  return TRUE;
}

/* ------------------------------------------------- metadata first */

SpateMetadataFetch *
spate_session_fetch_metadata (SpateSession *self,
                              const char   *magnet_uri,
                              const char   *save_path,
                              GError      **error)
{
  g_autoptr (SpateLtInfo) magnet = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (GError) local_error = NULL;
  SpateMetadataFetch *fetch;
  SpateTorrent       *existing;
  SpateLtTorrent     *handle;
  const char         *hash;

  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);
  g_return_val_if_fail (magnet_uri != NULL, NULL);

  if (self->lt == NULL || self->closing)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_FAILED, _ ("The session is closing"));
      return NULL;
    }
  magnet = spate_lt_info_new_from_magnet (magnet_uri, &local_error);
  if (magnet == NULL)
    {
      g_set_error_literal (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, local_error->message);
      return NULL;
    }
  existing = find_existing (self, magnet);
  if (existing != NULL)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED, _ ("“%s” is already added"),
                   spate_torrent_get_name (existing));
      return NULL;
    }
  hash = spate_lt_info_get_info_hash_v1 (magnet);
  hash = hash != NULL ? hash : spate_lt_info_get_info_hash_v2 (magnet);
  for (guint i = 0; i < self->fetches->len; i++)
    if (g_strcmp0 (spate_metadata_fetch_get_info_hash (self->fetches->pdata[i]), hash) == 0)
      {
        g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED,
                     _ ("The files of “%s” are being fetched already"),
                     spate_lt_info_get_name (magnet));
        return NULL;
      }

  /* Upload mode asks for no piece and writes none; outside the queue, the
   * fetch starts now whatever else waits. No user pointer: the session's
   * dispatch passes it by, see spate-metadata-fetch.c. */
  params = spate_lt_add_params_new_from_info (magnet);
  spate_lt_add_params_set_save_path (params, save_path ? save_path : self->download_dir);
  spate_lt_add_params_set_flags (params,
                                 SPATE_LT_TORRENT_UPLOAD_MODE | SPATE_LT_TORRENT_APPLY_IP_FILTER);
  handle = spate_lt_session_add (self->lt, params, &local_error);
  if (handle == NULL)
    {
      if (g_error_matches (local_error, SPATE_LT_ERROR, SPATE_LT_ERROR_DUPLICATE_TORRENT))
        g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED,
                     _ ("The files of “%s” are being fetched already"),
                     spate_lt_info_get_name (magnet));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  fetch = _spate_metadata_fetch_new (self, handle, magnet, magnet_uri,
                                     spate_lt_add_params_get_save_path (params));
  g_ptr_array_add (self->fetches, fetch);
  return fetch;
}

void
_spate_session_forget_fetch (SpateSession *self, SpateMetadataFetch *fetch)
{
  g_ptr_array_remove_fast (self->fetches, fetch);
}

/* ------------------------------------------------------------ URIs */

typedef struct
{
  SpateAddOptions options;
  char           *save_path;
  guint8         *priorities;
  char          **trackers;
  char           *uri;
  SpateTorrent   *duplicate;
} AddUriData;

static void
add_uri_data_free (AddUriData *data)
{
  g_free (data->save_path);
  g_free (data->priorities);
  g_strfreev (data->trackers);
  g_free (data->uri);
  g_clear_object (&data->duplicate);
  g_free (data);
}

static AddUriData *
add_uri_data_new (const char *uri, const SpateAddOptions *options)
{
  AddUriData *data = g_new0 (AddUriData, 1);

  data->uri = g_strdup (uri);
  if (options == NULL)
    return data;
  data->options = *options;
  data->save_path = g_strdup (options->save_path);
  data->options.save_path = data->save_path;
  if (options->file_priorities != NULL)
    data->priorities = g_memdup2 (options->file_priorities, options->n_file_priorities);
  data->options.file_priorities = data->priorities;
  data->trackers = g_strdupv ((char **) options->trackers);
  data->options.trackers = (const char * const *) data->trackers;
  return data;
}

/* A duplicate travels as the existing torrent plus the error, so finish()
 * can hand out either. */
static void
return_added (GTask *task, SpateTorrent *torrent, GError *error)
{
  SpateSession *self = g_task_get_source_object (task);
  AddUriData   *data = g_task_get_task_data (task);

  if (torrent != NULL)
    {
      g_task_return_pointer (task, g_object_ref (torrent), g_object_unref);
      return;
    }
  if (g_error_matches (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED) && self->last_duplicate)
    data->duplicate = g_steal_pointer (&self->last_duplicate);
  g_task_return_error (task, g_error_copy (error));
}

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SpateSession *self = g_task_get_source_object (task);
  AddUriData   *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = _spate_http_get_finish (result, &error);
  SpateTorrent *torrent = NULL;

  if (body != NULL)
    {
      torrent = spate_session_add_bytes (self, body, &data->options, &error);
      if (torrent == NULL && !g_error_matches (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED))
        g_prefix_error (&error, "%s: ", data->uri);
    }
  return_added (task, torrent, error);
}

void
spate_session_add_uri_async (SpateSession          *self,
                             const char            *uri,
                             const SpateAddOptions *options,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *scheme = NULL;
  AddUriData      *data;
  SpateTorrent    *torrent = NULL;

  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_session_add_uri_async);
  data = add_uri_data_new (uri, options);
  g_task_set_task_data (task, data, (GDestroyNotify) add_uri_data_free);

  scheme = g_uri_parse_scheme (uri);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "magnet") == 0)
    torrent = spate_session_add_magnet (self, uri, &data->options, &error);
  else if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
    {
      g_autofree char *path = g_filename_from_uri (uri, NULL, &error);
      if (path != NULL)
        torrent = spate_session_add_file (self, path, &data->options, &error);
    }
  else if (_spate_http_is_url (uri))
    {
      _spate_http_get_async (uri, cancellable, on_fetched, g_steal_pointer (&task));
      return;
    }
  else if (scheme == NULL || strlen (scheme) == 1)
    /* A path; "C:" is not a scheme we know either. */
    torrent = spate_session_add_file (self, uri, &data->options, &error);
  else
    g_set_error (&error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                 _ ("“%s” is not a torrent file, magnet link or web address"), uri);

  return_added (task, torrent, error);
}

SpateTorrent *
spate_session_add_uri_finish (SpateSession *self,
                              GAsyncResult *result,
                              gboolean     *already_added,
                              GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  AddUriData   *data;
  SpateTorrent *torrent;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (already_added != NULL)
    *already_added = FALSE;
  torrent = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (torrent != NULL)
    return torrent;
  data = g_task_get_task_data (G_TASK (result));
  if (already_added != NULL && data->duplicate != NULL)
    {
      *already_added = TRUE;
      return g_object_ref (data->duplicate);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
