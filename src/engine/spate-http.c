/* spate-http.c: fetching a .torrent over http(s).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "spate-error.h"
#include "spate-http-private.h"
#include "spate-session.h"

#define FETCH_TIMEOUT_S 30
#define CHUNK_SIZE      (64 * 1024)

typedef struct
{
  char         *uri;
  SoupSession  *soup;
  GInputStream *stream;
  GByteArray   *body;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->uri);
  g_clear_object (&fetch->soup);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_free (fetch);
}

gboolean
_spate_http_is_url (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

/* Takes the task. */
static void
fail (GTask *task, GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_CANCELLED,
                             _ ("Fetching %s was cancelled"), fetch->uri);
  else
    g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_FETCH, _ ("Could not fetch %s: %s"),
                             fetch->uri, error->message);
  g_object_unref (task);
}

/* Takes the task. */
static void
too_large (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                           _ ("%s is too large to be a torrent file"), fetch->uri);
  g_object_unref (task);
}

static void
on_body_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      fail (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body)),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }
  g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (fetch->body->len > SPATE_MAX_TORRENT_SIZE)
    {
      too_large (task);
      return;
    }
  g_input_stream_read_bytes_async (fetch->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_body_read, task);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask       *task = user_data;
  Fetch       *fetch = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  guint   status;
  goffset length;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->stream == NULL)
    {
      fail (task, error);
      return;
    }
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr (GError) http_error =
          g_error_new (SPATE_ERROR, SPATE_ERROR_FETCH, "HTTP %u %s", status,
                       soup_message_get_reason_phrase (message));
      fail (task, http_error);
      return;
    }
  /* A film served by mistake is not read at all. */
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (length > SPATE_MAX_TORRENT_SIZE)
    {
      too_large (task);
      return;
    }
  fetch->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (fetch->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_body_read, task);
}

void
_spate_http_get_async (const char         *uri,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (SoupMessage) message = NULL;
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, _spate_http_get_async);
  fetch->uri = g_strdup (uri);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  message = _spate_http_is_url (uri) ? soup_message_new (SOUP_METHOD_GET, uri) : NULL;
  if (message == NULL)
    {
      g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                               _ ("“%s” is not a valid URL"), uri);
      return;
    }
  /* libsoup verifies TLS certificates against the system's by default. */
  fetch->soup = soup_session_new_with_options ("timeout", FETCH_TIMEOUT_S, "user-agent",
                                               "Spate/" SPATE_VERSION, NULL);
  soup_session_send_async (fetch->soup, message, G_PRIORITY_DEFAULT, cancellable, on_sent,
                           g_steal_pointer (&task));
}

GBytes *
_spate_http_get_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
