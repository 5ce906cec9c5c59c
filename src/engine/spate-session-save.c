/* spate-session-save.c: resume data in and out, restoring, shutdown.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "spate-error.h"
#include "spate-session-internal.h"
#include "spate-torrent-private.h"

#define SAVE_DEBOUNCE_MS  500
#define INDEX_DEBOUNCE_MS 1000
/* Restoring works in slices of at most this long, so the main loop never
 * stalls however many torrents there are. */
#define RESTORE_SLICE_US 8000
/* What a slice's torrents may cost the views as they join the list, and how
 * many the first slice adds. Joining is cheap once the window is full, but
 * each row that appears in it first builds its widgets: the first 50
 * torrents cost the list 16 to 41 ms, the next ones 0.1 ms per 50. */
#define RESTORE_JOIN_US 4000
#define RESTORE_FIRST   16
/* The priority of a frame (GDK_PRIORITY_REDRAW): GLib runs every ready
 * source of the top priority in one iteration, so slices and frames take
 * turns. At idle priority a window whose frames take longer than a frame
 * interval would never let restoring run. */
#define RESTORE_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

/* --------------------------------------------------------------- saving */

void
_spate_session_request_save_now (SpateSession *self,
                                 SpateTorrent *torrent,
                                 gboolean      only_if_modified)
{
  SpateLtTorrent    *handle = _spate_torrent_get_handle (torrent);
  SpateLtResumeFlags flags = SPATE_LT_RESUME_SAVE_INFO_DICT;

  /* The resume file on disk has the progress; libtorrent's has none. */
  if (handle == NULL || _spate_torrent_get_missing (torrent) != NULL)
    return;
  if (only_if_modified)
    flags |= SPATE_LT_RESUME_ONLY_IF_MODIFIED;
  if (spate_lt_torrent_request_resume_data (handle, flags, NULL))
    {
      self->outstanding_saves++;
      _spate_torrent_clear_need_save (torrent);
    }
}

static gboolean
on_save_soon (gpointer data)
{
  SpateSession  *self = data;
  GHashTableIter iter;
  gpointer       key;

  self->save_soon_source = 0;
  g_hash_table_iter_init (&iter, self->save_soon);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      _spate_session_request_save_now (self, key, FALSE);
      g_hash_table_iter_remove (&iter);
    }
  return G_SOURCE_REMOVE;
}

void
_spate_session_save_torrent (SpateSession *self, SpateTorrent *torrent)
{
  if (_spate_torrent_get_session (torrent) != self)
    return;
  /* What changed may be in the magnet link too (trackers, metadata). */
  _spate_torrent_set_magnet (torrent, NULL);
  if (!g_hash_table_contains (self->save_soon, torrent))
    g_hash_table_add (self->save_soon, g_object_ref (torrent));
  if (self->save_soon_source == 0)
    self->save_soon_source = g_timeout_add (SAVE_DEBOUNCE_MS, on_save_soon, self);
}

void
_spate_session_resume_data_arrived (SpateSession *self,
                                    SpateTorrent *torrent,
                                    const char   *info_hash,
                                    const guint8 *data,
                                    gsize         size)
{
  g_autoptr (GBytes) resume = NULL;
  g_autoptr (GVariant) extras = NULL;
  g_autoptr (GError) error = NULL;

  if (self->outstanding_saves > 0)
    self->outstanding_saves--;
  /* A removed torrent's late resume data must not bring it back. */
  if (data == NULL || torrent == NULL)
    return;
  extras = g_variant_ref_sink (_spate_torrent_get_extras (torrent));
  if (g_variant_n_children (extras) > 0)
    {
      resume = spate_lt_resume_data_set_extras (data, size, extras, &error);
      if (resume == NULL)
        g_message ("Saving “%s” without Spate's own values: %s", spate_torrent_get_name (torrent),
                   error->message);
    }
  if (resume == NULL)
    resume = g_bytes_new (data, size);
  spate_store_save (self->store, spate_torrent_get_info_hash (torrent), resume);
}

/* ---------------------------------------------------------------- index */

static int
compare_queue (gconstpointer a, gconstpointer b)
{
  SpateTorrent *x = *(SpateTorrent * const *) a;
  SpateTorrent *y = *(SpateTorrent * const *) b;
  int qx = spate_torrent_get_queue_position (x), qy = spate_torrent_get_queue_position (y);

  /* Queued torrents in queue order first, then the rest as listed. */
  if (qx < 0 || qy < 0)
    return (qx < 0) - (qy < 0);
  return (qx > qy) - (qx < qy);
}

static GVariant *
build_index (SpateSession *self)
{
  GListModel *list = G_LIST_MODEL (self->torrents);
  guint       n = g_list_model_get_n_items (list);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new_full (n, g_object_unref);
  GVariantBuilder builder;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (list, i));
  /* g_ptr_array_sort is a stable merge sort. */
  g_ptr_array_sort (sorted, compare_queue);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < sorted->len; i++)
    {
      SpateTorrent *torrent = g_ptr_array_index (sorted, i);
      const char   *magnet = _spate_torrent_get_magnet (torrent);
      g_variant_builder_add (&builder, "(sss)", spate_torrent_get_info_hash (torrent),
                             spate_torrent_get_save_path (torrent) ?: "", magnet ?: "");
    }
  return g_variant_builder_end (&builder);
}

static gboolean
on_index_due (gpointer data)
{
  SpateSession *self = data;

  self->index_source = 0;
  spate_store_save_index (self->store, build_index (self));
  return G_SOURCE_REMOVE;
}

/* The queue order changed: the index records it. The torrents whose
 * positions shifted need no asking: libtorrent puts each in the next status
 * update with its new position. */
void
_spate_session_queue_changed (SpateSession *self)
{
  if (self->index_source == 0 && !self->restoring)
    self->index_source = g_timeout_add (INDEX_DEBOUNCE_MS, on_index_due, self);
}

/* ------------------------------------------------------------ restoring */

/* needs_check: set when the files may hold less than the resume data
 * claims, because the last run crashed while the torrent downloaded:
 * libtorrent writes payload from a cache and never fsyncs it. */
static SpateTorrent *
restore_from (SpateSession     *self,
              SpateStoreEntry  *entry,
              GBytes           *resume,
              SpateLtAddParams *parsed,
              gboolean         *needs_check,
              GError          **error)
{
  g_autoptr (SpateLtAddParams) params = parsed;
  g_autofree char    *save_path = NULL;
  SpateTorrent       *torrent;
  SpateLtTorrentFlags flags;
  gboolean            missing;
  gsize               size;
  const guint8       *data = g_bytes_get_data (resume, &size);

  if (params == NULL)
    params = spate_lt_add_params_new_from_resume (data, size, error);
  if (params == NULL)
    return NULL;
  *needs_check = !spate_store_get_was_clean (self->store) &&
                 spate_lt_add_params_has_metadata (params) &&
                 !spate_lt_add_params_has_all_pieces (params);
  if (!spate_lt_add_params_has_info_hash (params, entry->info_hash))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_DAMAGED,
                   _ ("The resume file describes another torrent (%s)"),
                   spate_lt_add_params_get_info_hash (params));
      return NULL;
    }
  if (*spate_lt_add_params_get_save_path (params) == '\0')
    spate_lt_add_params_set_save_path (params, entry->save_path ?: self->download_dir);
  /* A folder renamed or a disk not mounted: started, libtorrent would find
   * no files and fetch everything again into a new folder. */
  save_path = g_strdup (spate_lt_add_params_get_save_path (params));
  /* Only a torrent with pieces on disk can lose them: one that has
   * downloaded nothing yet never had a folder. */
  missing =
      !g_file_test (save_path, G_FILE_TEST_IS_DIR) && spate_lt_add_params_has_any_piece (params);
  flags = spate_lt_add_params_get_flags (params);
  if (missing)
    spate_lt_add_params_set_flags (params, (flags | SPATE_LT_TORRENT_PAUSED) &
                                               ~SPATE_LT_TORRENT_AUTO_MANAGED);
  torrent = _spate_session_insert (self, params, entry->info_hash, NULL, TRUE, error);
  if (torrent != NULL && missing)
    _spate_torrent_set_missing (torrent, "", NULL, flags);
  if (torrent != NULL)
    _spate_torrent_apply_extras (torrent, spate_lt_resume_data_get_extras (data, size));
  /* The index already knows the magnet link: no need to ask libtorrent
   * for it again when the index is next written. */
  if (torrent != NULL && entry->magnet != NULL)
    _spate_torrent_set_magnet (torrent, entry->magnet);
  return torrent;
}

static void
report (SpateSession    *self,
        SpateStoreEntry *entry,
        const char      *what,
        const char      *suffix,
        GError          *error)
{
  g_autoptr (GError) wrapped =
      g_error_new (SPATE_ERROR, SPATE_ERROR_DAMAGED, "%s %s/resume/%s%s: %s", what,
                   spate_store_get_dir (self->store), entry->info_hash, suffix, error->message);

  g_message ("%s", wrapped->message);
  g_signal_emit (self, _spate_session_signals[RESTORE_FAILED], 0, entry->info_hash, wrapped);
}

/* parsed: the resume file already parsed by the reader, or NULL. */
static void
restore_entry_read (SpateSession *self, SpateStoreEntry *entry, SpateLtAddParams *parsed)
{
  g_autoptr (GError) error = NULL;
  SpateTorrent *torrent = NULL;
  gboolean      needs_check = FALSE;

  if (entry->resume != NULL)
    {
      torrent = restore_from (self, entry, entry->resume, g_steal_pointer (&parsed), &needs_check,
                              &error);
      if (torrent != NULL)
        {
          /* The last run crashed while it downloaded: what the resume
           * data claims may not all be on disk. */
          if (needs_check)
            _spate_torrent_recheck_when_ready (torrent);
          return;
        }
      if (g_error_matches (error, SPATE_ERROR, SPATE_ERROR_ALREADY_ADDED))
        return;
      report (self, entry, _ ("Damaged resume file"), ".resume", error);
      g_clear_error (&error);
    }
  if (entry->backup != NULL)
    {
      torrent = restore_from (self, entry, entry->backup, NULL, &needs_check, &error);
      if (torrent == NULL)
        {
          report (self, entry, _ ("Damaged backup"), ".bak", error);
          g_clear_error (&error);
        }
    }
  if (torrent == NULL && entry->magnet != NULL)
    {
      /* Last resort: the magnet link and save path from the index. The files
       * are checked once the metadata is back. */
      g_autoptr (SpateLtAddParams) params =
          spate_lt_add_params_new_from_magnet (entry->magnet, &error);
      if (params != NULL)
        {
          spate_lt_add_params_set_save_path (params, entry->save_path ?: self->download_dir);
          torrent = _spate_session_insert (self, params, entry->info_hash, NULL, TRUE, &error);
        }
      if (torrent == NULL)
        {
          report (self, entry, _ ("Could not restore"), ".resume", error);
          g_clear_error (&error);
        }
    }
  if (torrent != NULL)
    {
      /* The backup may be older than the files: let the files speak. Then
       * replace the damaged file with a good one, which must not make the
       * damaged one the backup. */
      _spate_torrent_recheck_when_ready (torrent);
      if (entry->resume != NULL)
        spate_store_discard_damaged (self->store, entry->info_hash);
      _spate_torrent_mark_dirty (torrent);
      return;
    }
  if (entry->resume == NULL && entry->backup == NULL && entry->magnet == NULL)
    return;
  if (torrent == NULL && entry->magnet == NULL)
    {
      g_autoptr (GError) lost = g_error_new (
          SPATE_ERROR, SPATE_ERROR_DAMAGED,
          _ ("Neither the resume file nor its backup could be read, and no magnet link is known"));
      report (self, entry, _ ("Could not restore"), ".resume", lost);
    }
}

/* The entry's files were read, and its resume file parsed, by the reader. */
static void
restore_entry (SpateSession *self, SpateStoreEntry *entry, SpateLtAddParams *parsed)
{
  if (spate_session_lookup (self, entry->info_hash) == NULL)
    restore_entry_read (self, entry, g_steal_pointer (&parsed));
  g_clear_pointer (&parsed, spate_lt_add_params_free);
  spate_store_entry_release (entry);
}

static gboolean
on_restore_batch (gpointer data)
{
  SpateSession *self = data;
  gint64        deadline = g_get_monotonic_time () + RESTORE_SLICE_US;
  guint         first = self->restore_next;
  guint         added;
  gint64        joined;

  /* The slice's torrents join the list together. */
  spate_torrent_list_hold (self->torrents);
  while (self->restore_next < self->restore_queue->len &&
         self->restore_next - first < self->restore_limit && g_get_monotonic_time () < deadline)
    {
      guint i = self->restore_next;

      if (!_spate_restore_reader_wait (self->restore_reader, i, deadline))
        break;
      restore_entry (self, g_ptr_array_index (self->restore_queue, i),
                     _spate_restore_reader_take_params (self->restore_reader, i));
      _spate_restore_reader_done (self->restore_reader, i);
      self->restore_next++;
    }
  joined = g_get_monotonic_time ();
  spate_torrent_list_release (self->torrents);
  joined = g_get_monotonic_time () - joined;

  /* The next slice takes as many as fit RESTORE_JOIN_US at this slice's
   * cost per torrent, and twice as many while joining stays cheap. */
  added = self->restore_next - first;
  if (added > 0 && joined > RESTORE_JOIN_US)
    self->restore_limit = MAX (1, (guint) (added * RESTORE_JOIN_US / joined));
  else if (added >= self->restore_limit)
    self->restore_limit = MIN (self->restore_limit, G_MAXUINT / 2) * 2;

  if (self->restore_next < self->restore_queue->len)
    return G_SOURCE_CONTINUE;

  self->restore_source = 0;
  g_clear_pointer (&self->restore_reader, _spate_restore_reader_free);
  g_clear_pointer (&self->restore_queue, g_ptr_array_unref);
  _spate_session_set_restoring (self, FALSE);
  _spate_session_queue_changed (self);
  return G_SOURCE_REMOVE;
}

void
spate_session_restore (SpateSession *self)
{
  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (self->restore_queue == NULL);

  self->restore_queue = spate_store_load (self->store);
  self->restore_next = 0;
  self->restore_limit = RESTORE_FIRST;
  self->restore_reader = _spate_restore_reader_new (self->store, self->restore_queue);
  _spate_session_set_restoring (self, TRUE);
  self->restore_source = g_idle_add_full (RESTORE_PRIORITY, on_restore_batch, self, NULL);
}

/* ------------------------------------------------------------- closing */

typedef struct
{
  gint64 deadline;
  guint  timeout_ms;
} CloseData;

/* The worker sees only libtorrent and the store, never the session, so the
 * session's last reference is never dropped off the main thread. */
typedef struct
{
  SpateLtSession *lt;
  SpateStore     *store; /* borrowed: the close task keeps the session alive */
  gint64          deadline;
  gboolean        all_saved; /* every torrent's resume data arrived */
  gboolean        flushed;
} Teardown;

static void
teardown_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Teardown *t = task_data;
  gint64    left_ms = MAX ((t->deadline - g_get_monotonic_time ()) / 1000, 100);

  t->flushed = spate_store_flush (t->store, (guint) left_ms);
  /* Blocks until libtorrent has shut down. */
  g_clear_pointer (&t->lt, spate_lt_session_free);
  /* Only now is every piece libtorrent counted written: the next start
   * may trust the resume data without rechecking. */
  if (t->flushed && t->all_saved)
    {
      g_autoptr (GError) error = NULL;
      if (!spate_store_mark_clean (t->store, &error))
        g_message ("%s", error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_torn_down (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask     *task = user_data;
  CloseData *data = g_task_get_task_data (task);
  Teardown  *t = g_task_get_task_data (G_TASK (result));

  if (!t->flushed)
    g_task_return_new_error (task, SPATE_ERROR, SPATE_ERROR_TIMED_OUT,
                             _ ("Some torrents were not saved within %u seconds"),
                             data->timeout_ms / 1000);
  else
    {
      /* Everything is on disk: the folder is free for the next session. */
      spate_store_unlock (t->store);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

static void
finish_close (GTask *task)
{
  SpateSession *self = g_task_get_source_object (task);
  CloseData    *data = g_task_get_task_data (task);
  g_autoptr (GBytes) state = spate_lt_session_save_state (self->lt, NULL);
  g_autoptr (GTask) worker = g_task_new (NULL, NULL, on_torn_down, task);
  Teardown *t = g_new0 (Teardown, 1);

  if (state != NULL)
    spate_store_save_state (self->store, state);
  spate_store_save_index (self->store, build_index (self));

  /* Stop listening to libtorrent; the worker frees it. */
  t->lt = g_steal_pointer (&self->lt);
  t->store = self->store;
  t->deadline = data->deadline;
  t->all_saved = self->outstanding_saves == 0;
  _spate_session_teardown (self);
  g_task_set_task_data (worker, t, g_free);
  g_task_run_in_thread (worker, teardown_in_thread);
}

static gboolean
on_close_poll (gpointer user_data)
{
  GTask        *task = user_data;
  SpateSession *self = g_task_get_source_object (task);
  CloseData    *data = g_task_get_task_data (task);

  if (self->outstanding_saves > 0 && g_get_monotonic_time () < data->deadline)
    return G_SOURCE_CONTINUE;
  if (self->outstanding_saves > 0)
    g_warning ("Closing with %u resume files not received in time", self->outstanding_saves);
  /* The task travels on to on_torn_down(). */
  finish_close (task);
  return G_SOURCE_REMOVE;
}

/* A torrent whose resume file could not be written still has changes to
 * save: it is due again at the next periodic save and at close. */
void
_spate_session_retry_failed_saves (SpateSession *self)
{
  g_auto (GStrv) failed = spate_store_take_failed (self->store);

  for (guint i = 0; failed[i] != NULL; i++)
    {
      SpateTorrent *torrent = spate_session_lookup (self, failed[i]);

      if (torrent != NULL)
        _spate_torrent_set_need_save (torrent);
    }
}

void
spate_session_close_async (SpateSession       *self,
                           guint               timeout_ms,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask      *task;
  CloseData  *data;
  GListModel *list = G_LIST_MODEL (self->torrents);
  guint       n = g_list_model_get_n_items (list);

  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (!self->closing);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_session_close_async);
  data = g_new0 (CloseData, 1);
  data->timeout_ms = timeout_ms;
  data->deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_task_set_task_data (task, data, g_free);

  self->closing = TRUE;
  g_clear_handle_id (&self->goals_source, g_source_remove);
  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->save_soon_source, g_source_remove);
  g_clear_handle_id (&self->restore_source, g_source_remove);
  g_clear_pointer (&self->restore_reader, _spate_restore_reader_free);
  spate_lt_session_pause (self->lt);

  _spate_session_retry_failed_saves (self);
  /* The torrents' own paused flags stay as they were: pausing the session
   * does not end up in the resume data. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SpateTorrent) torrent = g_list_model_get_item (list, i);
      /* Asking costs little; a change the last status did not carry yet
       * would cost the progress since the last save. */
      gboolean due = _spate_torrent_get_need_save (torrent) ||
                     g_hash_table_contains (self->save_soon, torrent);
      _spate_session_request_save_now (self, torrent, !due);
    }
  g_hash_table_remove_all (self->save_soon);

  g_timeout_add (10, on_close_poll, task);
}

gboolean
spate_session_close_finish (SpateSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_closed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

gboolean
spate_session_close (SpateSession *self, guint timeout_ms, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GMainContext *context = g_main_context_get_thread_default ();

  spate_session_close_async (self, timeout_ms, NULL, on_closed, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  return spate_session_close_finish (self, result, error);
}
