/* spate-torrent-creator.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent hashes in a GTask thread. Two tasks: the inner one runs the
 * thread; its callback, back on the caller's context, hands over the last
 * progress and only then completes the outer one, so no progress call can
 * come after the caller's callback.
 */

#include <glib/gi18n.h>

#include "spate-error.h"
#include "spate-lt.h"
#include "spate-torrent-creator.h"

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 20)

typedef struct
{
  /* The options, copied. */
  char             *path;
  guint             piece_size;
  SpateCreateFormat format;
  char            **trackers;
  int              *tracker_tiers;
  char            **web_seeds;
  gboolean          is_private;
  char             *comment;
  char             *creator;
  char             *source;

  GTask              *task; /* the outer task; unowned, the inner one holds it */
  GMainContext       *context;
  SpateCreateProgress progress;
  gpointer            progress_data;

  GMutex   lock;
  guint    done; /* the worker's latest count, under lock */
  guint    total;
  gboolean idle_pending;
  gint64   last_sent;

  guint    delivered; /* main context only */
  gboolean finished;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_strfreev (data->trackers);
  g_free (data->tracker_tiers);
  g_strfreev (data->web_seeds);
  g_free (data->comment);
  g_free (data->creator);
  g_free (data->source);
  g_main_context_unref (data->context);
  g_mutex_clear (&data->lock);
  g_free (data);
}

/* ------------------------------------------------------------ progress */

static void
deliver_progress (CreateData *data)
{
  guint done, total;

  g_mutex_lock (&data->lock);
  done = data->done;
  total = data->total;
  data->idle_pending = FALSE;
  g_mutex_unlock (&data->lock);

  if (data->finished || total == 0 || done == data->delivered)
    return;
  data->delivered = done;
  data->progress (done, total, data->progress_data);
}

static gboolean
on_progress_idle (gpointer user_data)
{
  deliver_progress (g_task_get_task_data (user_data));
  return G_SOURCE_REMOVE;
}

/* On the worker thread, after every piece. */
static void
on_piece_hashed (int done, int total, gpointer user_data)
{
  CreateData *data = user_data;
  gint64      now = g_get_monotonic_time ();
  gboolean    schedule = FALSE;
  GSource    *source;

  g_mutex_lock (&data->lock);
  data->done = (guint) done;
  data->total = (guint) total;
  if (!data->idle_pending && (done == total || now - data->last_sent >= PROGRESS_INTERVAL_US))
    {
      data->idle_pending = TRUE;
      data->last_sent = now;
      schedule = TRUE;
    }
  g_mutex_unlock (&data->lock);
  if (!schedule)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_progress_idle, g_object_ref (data->task), g_object_unref);
  g_source_set_static_name (source, "[spate] torrent creation progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

/* -------------------------------------------------------------- hashing */

static void
create_in_thread (GTask *inner, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CreateData         *data = task_data;
  SpateLtCreateParams params = { 0 };
  GError             *error = NULL;
  GBytes             *bytes;

  params.path = data->path;
  params.piece_size = (int) data->piece_size;
  params.format = data->format == SPATE_CREATE_V1   ? SPATE_LT_CREATE_V1
                  : data->format == SPATE_CREATE_V2 ? SPATE_LT_CREATE_V2
                                                    : SPATE_LT_CREATE_HYBRID;
  params.trackers = (const char * const *) data->trackers;
  params.tracker_tiers = data->tracker_tiers;
  params.web_seeds = (const char * const *) data->web_seeds;
  params.is_private = data->is_private;
  params.comment = data->comment;
  params.creator = data->creator;
  params.source = data->source;

  bytes = spate_lt_create_torrent (&params, data->progress ? on_piece_hashed : NULL, data,
                                   cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (inner, error);
  else
    g_task_return_pointer (inner, bytes, (GDestroyNotify) g_bytes_unref);
}

static GError *
engine_error (CreateData *data, GError *lt_error)
{
  SpateError code = SPATE_ERROR_FAILED;

  if (g_error_matches (lt_error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT))
    code = SPATE_ERROR_INVALID_INPUT;
  else if (g_error_matches (lt_error, SPATE_LT_ERROR, SPATE_LT_ERROR_IO))
    code = g_file_test (data->path, G_FILE_TEST_EXISTS) ? SPATE_ERROR_IO : SPATE_ERROR_NOT_FOUND;
  else if (lt_error->domain == SPATE_ERROR)
    code = lt_error->code;
  return g_error_new_literal (SPATE_ERROR, code, lt_error->message);
}

static void
on_hashed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes != NULL && data->progress != NULL)
    deliver_progress (data);
  data->finished = TRUE;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)) ||
      g_error_matches (error, SPATE_LT_ERROR, SPATE_LT_ERROR_CANCELLED))
    g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_CANCELLED,
                             _ ("Creating the torrent was cancelled"));
  else if (bytes == NULL)
    g_task_return_error (task, engine_error (data, error));
  else
    g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

void
spate_torrent_create_async (const SpateCreateOptions *options,
                            SpateCreateProgress       progress,
                            gpointer                  progress_data,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) inner = NULL;
  CreateData *data;
  guint       n_trackers;

  g_return_if_fail (options != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_torrent_create_async);
  g_task_set_name (task, "[spate] create torrent");
  /* Cancelling is reported as SPATE_ERROR_CANCELLED, not G_IO_ERROR. */
  g_task_set_check_cancellable (task, FALSE);

  if (options->path == NULL || *options->path == '\0')
    {
      g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                               _ ("No file or folder to share was given"));
      return;
    }
  if (!g_file_test (options->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (options->path);
      g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("“%s” does not exist"),
                               display);
      return;
    }

  data = g_new0 (CreateData, 1);
  data->path = g_strdup (options->path);
  data->piece_size = options->piece_size;
  data->format = options->format;
  data->trackers = g_strdupv ((char **) options->trackers);
  n_trackers = data->trackers ? g_strv_length (data->trackers) : 0;
  if (options->tracker_tiers != NULL && n_trackers > 0)
    data->tracker_tiers = g_memdup2 (options->tracker_tiers, n_trackers * sizeof (int));
  data->web_seeds = g_strdupv ((char **) options->web_seeds);
  data->is_private = options->is_private;
  data->comment = g_strdup (options->comment);
  data->creator = g_strdup (options->creator);
  data->source = g_strdup (options->source);
  data->task = task;
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  g_mutex_init (&data->lock);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  inner = g_task_new (NULL, cancellable, on_hashed, g_object_ref (task));
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, create_in_thread);
}

GBytes *
spate_torrent_create_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == spate_torrent_create_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
