/* spate-session-add.c: adding and removing torrents, fetching URLs.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "spate-error.h"
#include "spate-session-internal.h"
#include "spate-torrent-private.h"

#define FETCH_TIMEOUT_S 30

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

SpateTorrent *
_spate_session_insert (SpateSession     *self,
                       SpateLtAddParams *params,
                       const char       *identity,
                       gboolean          restoring,
                       GError          **error)
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
  _spate_torrent_refresh (torrent);
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

/* The torrent is here already: take the new trackers and web seeds, then
 * say so. */
static void
merge_into (SpateSession *self, SpateTorrent *existing, SpateLtInfo *info, GError **error)
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
  g_set_error (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED,
               _ ("“%s” is already added; its trackers and web seeds were merged"),
               spate_torrent_get_name (existing));
}

/* A duplicate is kept in last_duplicate for spate_session_add_uri_finish(). */
static SpateTorrent *
add_info (SpateSession *self, SpateLtInfo *info, const SpateAddOptions *options, GError **error)
{
  const char *hash = spate_lt_info_get_info_hash_v1 (info);
  g_autoptr (SpateLtAddParams) params = NULL;
  SpateTorrent *existing;

  if (hash == NULL)
    hash = spate_lt_info_get_info_hash_v2 (info);
  existing = spate_session_lookup (self, hash);
  if (existing == NULL && spate_lt_info_get_info_hash_v2 (info) != NULL)
    existing = spate_session_lookup (self, spate_lt_info_get_info_hash_v2 (info));
  if (existing != NULL)
    {
      g_set_object (&self->last_duplicate, existing);
      merge_into (self, existing, info, error);
      return NULL;
    }

  params = spate_lt_add_params_new_from_info (info);
  apply_options (self, params, options);
  return _spate_session_insert (self, params, NULL, FALSE, error);
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

/* ------------------------------------------------------------ URIs */

typedef struct
{
  SpateAddOptions options;
  char           *save_path;
  guint8         *priorities;
  char          **trackers;
  char           *uri;
  SoupSession    *soup;
  GInputStream   *stream;
  GByteArray     *body;
  SpateTorrent   *duplicate;
} AddUriData;

static void
add_uri_data_free (AddUriData *data)
{
  g_free (data->save_path);
  g_free (data->priorities);
  g_strfreev (data->trackers);
  g_free (data->uri);
  g_clear_object (&data->soup);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
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

static void
fetch_failed (GTask *task, const char *uri, const char *reason)
{
  g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_FETCH, _ ("Could not fetch %s: %s"), uri,
                           reason);
  g_object_unref (task);
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
on_body_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask        *task = user_data;
  AddUriData   *data = g_task_get_task_data (task);
  SpateSession *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr (GBytes) body = NULL;
  SpateTorrent *torrent;

  if (chunk == NULL)
    {
      fetch_failed (task, data->uri, error->message);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      if (data->body->len > SPATE_MAX_TORRENT_SIZE)
        {
          g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                                   _ ("%s is too large to be a torrent file"), data->uri);
          g_object_unref (task);
          return;
        }
      g_input_stream_read_bytes_async (data->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), on_body_read, task);
      return;
    }

  body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));
  torrent = spate_session_add_bytes (self, body, &data->options, &error);
  if (torrent == NULL && !g_error_matches (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED))
    g_prefix_error (&error, "%s: ", data->uri);
  return_added (task, torrent, error);
  g_object_unref (task);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask       *task = user_data;
  AddUriData  *data = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  guint   status;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      fetch_failed (task, data->uri, error->message);
      return;
    }
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *reason =
          g_strdup_printf ("HTTP %u %s", status, soup_message_get_reason_phrase (message));
      fetch_failed (task, data->uri, reason);
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (length > SPATE_MAX_TORRENT_SIZE)
    {
      g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                               _ ("%s is too large to be a torrent file"), data->uri);
      g_object_unref (task);
      return;
    }
  data->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_body_read, task);
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
  SoupMessage     *message;
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
  else if (scheme != NULL &&
           (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    {
      message = soup_message_new (SOUP_METHOD_GET, uri);
      if (message == NULL)
        {
          g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                                   _ ("“%s” is not a valid URL"), uri);
          return;
        }
      data->soup = soup_session_new_with_options ("timeout", FETCH_TIMEOUT_S, "user-agent",
                                                  "Spate/" SPATE_VERSION, NULL);
      soup_session_send_async (data->soup, message, G_PRIORITY_DEFAULT, cancellable, on_sent,
                               g_steal_pointer (&task));
      g_object_unref (message);
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
