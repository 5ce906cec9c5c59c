/* spate-restore-reader.c: resume files read and parsed on a thread of
 * their own, a bounded distance ahead of the restoring main thread.
 *
 * Reading a resume file and parsing it (bdecoding and hashing the info
 * dictionary) was more than a third of the main thread's work when
 * restoring 10,000 torrents; the second core does it now.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-restore-reader.h"

/* Entries read ahead of the main thread at most: each holds its files and
 * parsed torrent until restored, some 40 KB for a torrent with a few
 * files. */
#define LOOKAHEAD 256

struct _SpateRestoreReader
{
  SpateStore        *store;
  GPtrArray         *entries;
  SpateLtAddParams **params; /* by entry; the reader's until produced */
  GThread           *thread;

  GMutex   mutex;
  GCond    cond;
  guint    produced; /* entries [0, produced) are read */
  guint    consumed; /* entries [0, consumed) are restored */
  gboolean stop;
};

static gpointer
read_entries (gpointer data)
{
  SpateRestoreReader *self = data;

  for (guint i = 0; i < self->entries->len; i++)
    {
      SpateStoreEntry *entry = g_ptr_array_index (self->entries, i);

      g_mutex_lock (&self->mutex);
      while (!self->stop && i >= self->consumed + LOOKAHEAD)
        g_cond_wait (&self->cond, &self->mutex);
      g_mutex_unlock (&self->mutex);
      if (self->stop)
        break;

      spate_store_entry_read (self->store, entry);
      if (entry->resume != NULL)
        {
          gsize         size;
          const guint8 *bytes = g_bytes_get_data (entry->resume, &size);

          self->params[i] = spate_lt_add_params_new_from_resume (bytes, size, NULL);
        }

      g_mutex_lock (&self->mutex);
      self->produced = i + 1;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->mutex);
    }
  return NULL;
}

SpateRestoreReader *
_spate_restore_reader_new (SpateStore *store, GPtrArray *entries)
{
  SpateRestoreReader *self = g_new0 (SpateRestoreReader, 1);

  self->store = g_object_ref (store);
  self->entries = g_ptr_array_ref (entries);
  self->params = g_new0 (SpateLtAddParams *, MAX (entries->len, 1));
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("spate-restore", read_entries, self);
  return self;
}

gboolean
_spate_restore_reader_wait (SpateRestoreReader *self, guint i, gint64 deadline)
{
  gboolean ready;

  g_mutex_lock (&self->mutex);
  while (self->produced <= i && g_cond_wait_until (&self->cond, &self->mutex, deadline))
    ;
  ready = self->produced > i;
  g_mutex_unlock (&self->mutex);
  return ready;
}

SpateLtAddParams *
_spate_restore_reader_take_params (SpateRestoreReader *self, guint i)
{
  g_return_val_if_fail (i < self->produced, NULL);

  return g_steal_pointer (&self->params[i]);
}

void
_spate_restore_reader_done (SpateRestoreReader *self, guint i)
{
  g_mutex_lock (&self->mutex);
  self->consumed = MAX (self->consumed, i + 1);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

void
_spate_restore_reader_free (SpateRestoreReader *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->mutex);
  self->stop = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  /* What was read ahead and never restored. */
  for (guint i = self->consumed; i < self->produced; i++)
    spate_store_entry_release (g_ptr_array_index (self->entries, i));
  for (guint i = 0; i < self->entries->len; i++)
    g_clear_pointer (&self->params[i], spate_lt_add_params_free);
  g_free (self->params);
  g_ptr_array_unref (self->entries);
  g_object_unref (self->store);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}
