/* spate-store.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout under the data directory:
 *   lock                   held with flock() while a store is open
 *   session.state          libtorrent's session state (DHT nodes)
 *   torrents.index         queue order, save paths and magnet links
 *   resume/<hash>.resume   libtorrent resume data with the info dict
 *   resume/<hash>.bak      the copy before it
 *   clean                  written by a clean shutdown, removed on open:
 *                          without it the last run crashed
 * Every write goes to <file>.tmp, is fsynced and renamed over the file; the
 * old file is hard-linked to .bak first, so a crash at any point leaves a
 * complete copy. Stray .tmp files are removed on open.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "spate-error.h"
#include "spate-store.h"

typedef enum
{
  JOB_WRITE,
  JOB_DELETE,
} JobKind;

typedef struct
{
  JobKind kind;
  char   *path;
  char   *backup; /* hard link of the old file before replacing, or NULL */
  GBytes *data;
  char   *info_hash; /* a torrent's resume file, or NULL */
} Job;

struct _SpateStore
{
  GObject parent_instance;

  char         *dir;
  char         *resume_dir;
  int           lock_fd;
  GMainContext *context;
  GThreadPool  *pool;

  GMutex      mutex;
  GCond       cond;
  guint       pending;
  gboolean    error_reported; /* one signal per run of failures */
  GHashTable *failed;         /* info-hashes whose last write failed, under mutex */
  gboolean    was_clean;      /* the last run closed cleanly */
};

G_DEFINE_FINAL_TYPE (SpateStore, spate_store, G_TYPE_OBJECT)

enum
{
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
spate_store_entry_free (SpateStoreEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->info_hash);
  g_clear_pointer (&entry->resume, g_bytes_unref);
  g_clear_pointer (&entry->backup, g_bytes_unref);
  g_free (entry->save_path);
  g_free (entry->magnet);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->backup);
  g_free (job->info_hash);
  g_clear_pointer (&job->data, g_bytes_unref);
  g_free (job);
}

/* ---------------------------------------------------------- the writer */

static gboolean
write_all (int fd, const guint8 *data, gsize size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      size -= (gsize) n;
    }
  return TRUE;
}

static gboolean
fsync_parent (const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  int              fd = g_open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  gboolean         ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
write_atomic (const char *path, const char *backup, GBytes *data, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  gsize            size;
  const guint8    *bytes = g_bytes_get_data (data, &size);
  int              fd, saved_errno;

  fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    goto fail;
  if (!write_all (fd, bytes, size) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      errno = saved_errno;
      goto fail;
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      errno = saved_errno;
      goto fail;
    }
  if (backup != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* The current copy becomes the backup without a moment when neither exists. */
      g_unlink (backup);
      if (link (path, backup) != 0)
        g_debug ("Could not keep %s as a backup: %s", path, g_strerror (errno));
    }
  if (g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      errno = saved_errno;
      goto fail;
    }
  fsync_parent (path);
  return TRUE;

fail:
  saved_errno = errno;
  g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Could not write “%s”: %s"), path,
               g_strerror (saved_errno));
  return FALSE;
}

typedef struct
{
  SpateStore *self;
  GError     *error;
} Failure;

static gboolean
report_failure (gpointer data)
{
  Failure *failure = data;

  g_signal_emit (failure->self, signals[WRITE_FAILED], 0, failure->error);
  g_object_unref (failure->self);
  g_error_free (failure->error);
  g_free (failure);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data, gpointer user_data)
{
  Job        *job = data;
  SpateStore *self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  if (job->kind == JOB_WRITE)
    ok = write_atomic (job->path, job->backup, job->data, &error);
  else
    {
      g_unlink (job->path);
      if (job->backup != NULL)
        g_unlink (job->backup);
    }

  g_mutex_lock (&self->mutex);
  if (!ok && !self->error_reported)
    {
      Failure *failure = g_new0 (Failure, 1);

      self->error_reported = TRUE;
      failure->self = g_object_ref (self);
      failure->error = g_steal_pointer (&error);
      g_main_context_invoke (self->context, report_failure, failure);
    }
  else if (ok && job->kind == JOB_WRITE)
    self->error_reported = FALSE;
  if (job->kind == JOB_WRITE && job->info_hash != NULL)
    {
      if (ok)
        g_hash_table_remove (self->failed, job->info_hash);
      else
        g_hash_table_add (self->failed, g_strdup (job->info_hash));
    }
  self->pending--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  job_free (job);
}

static void
push (SpateStore *self, Job *job)
{
  if (self->pool == NULL)
    {
      job_free (job);
      return;
    }
  g_mutex_lock (&self->mutex);
  self->pending++;
  g_mutex_unlock (&self->mutex);
  g_thread_pool_push (self->pool, job, NULL);
}

static char *
resume_path (SpateStore *self, const char *info_hash, const char *suffix)
{
  g_autofree char *name = g_strconcat (info_hash, suffix, NULL);
  return g_build_filename (self->resume_dir, name, NULL);
}

void
spate_store_save (SpateStore *self, const char *info_hash, GBytes *resume)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (SPATE_IS_STORE (self));

  job->kind = JOB_WRITE;
  job->path = resume_path (self, info_hash, ".resume");
  job->backup = resume_path (self, info_hash, ".bak");
  job->info_hash = g_strdup (info_hash);
  job->data = g_bytes_ref (resume);
  push (self, job);
}

void
spate_store_save_state (SpateStore *self, GBytes *state)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_WRITE;
  job->path = g_build_filename (self->dir, "session.state", NULL);
  job->data = g_bytes_ref (state);
  push (self, job);
}

void
spate_store_save_index (SpateStore *self, GVariant *index)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (index);
  Job  *job = g_new0 (Job, 1);
  char *text = g_variant_print (owned, FALSE);

  job->kind = JOB_WRITE;
  job->path = g_build_filename (self->dir, "torrents.index", NULL);
  job->data = g_bytes_new_take (text, strlen (text));
  push (self, job);
}

void
spate_store_forget (SpateStore *self, const char *info_hash)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_DELETE;
  job->path = resume_path (self, info_hash, ".resume");
  job->backup = resume_path (self, info_hash, ".bak");
  push (self, job);
}

void
spate_store_discard_damaged (SpateStore *self, const char *info_hash)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_DELETE;
  job->path = resume_path (self, info_hash, ".resume");
  push (self, job);
}

gboolean
spate_store_flush (SpateStore *self, guint timeout_ms)
{
  gint64   end = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean done;

  g_mutex_lock (&self->mutex);
  while (self->pending > 0)
    if (!g_cond_wait_until (&self->cond, &self->mutex, end))
      break;
  done = self->pending == 0;
  g_mutex_unlock (&self->mutex);
  return done;
}

guint
spate_store_get_pending (SpateStore *self)
{
  guint pending;

  g_mutex_lock (&self->mutex);
  pending = self->pending;
  g_mutex_unlock (&self->mutex);
  return pending;
}

/* ------------------------------------------------------------- loading */

static gboolean
is_info_hash (const char *s, gsize len)
{
  if (len != 40 && len != 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static GBytes *
read_file (const char *path)
{
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static SpateStoreEntry *
entry_for (GHashTable *entries, GPtrArray *order, const char *info_hash)
{
  SpateStoreEntry *entry = g_hash_table_lookup (entries, info_hash);

  if (entry == NULL)
    {
      entry = g_new0 (SpateStoreEntry, 1);
      entry->info_hash = g_strdup (info_hash);
      g_hash_table_insert (entries, entry->info_hash, entry);
      g_ptr_array_add (order, entry);
    }
  return entry;
}

static void
load_index (SpateStore *self, GHashTable *entries, GPtrArray *order)
{
  g_autofree char *path = g_build_filename (self->dir, "torrents.index", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GVariant) index = NULL;
  g_autoptr (GError) error = NULL;
  GVariantIter iter;
  const char  *hash, *save_path, *magnet;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  index = g_variant_parse (G_VARIANT_TYPE ("a(sss)"), text, NULL, NULL, &error);
  if (index == NULL)
    {
      /* Only the order is lost: every resume file still loads. */
      g_message ("Ignoring the damaged torrent index %s: %s", path, error->message);
      return;
    }
  g_variant_iter_init (&iter, index);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &hash, &save_path, &magnet))
    {
      SpateStoreEntry *entry;

      if (!is_info_hash (hash, strlen (hash)) || g_hash_table_contains (entries, hash))
        continue;
      entry = entry_for (entries, order, hash);
      entry->save_path = *save_path ? g_strdup (save_path) : NULL;
      entry->magnet = *magnet ? g_strdup (magnet) : NULL;
    }
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const SpateStoreEntry *x = *(SpateStoreEntry * const *) a;
  const SpateStoreEntry *y = *(SpateStoreEntry * const *) b;
  return strcmp (x->info_hash, y->info_hash);
}

GPtrArray *
spate_store_load (SpateStore *self)
{
  g_autoptr (GHashTable) entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) order =
      g_ptr_array_new_with_free_func ((GDestroyNotify) spate_store_entry_free);
  g_autoptr (GPtrArray) unindexed = g_ptr_array_new ();
  g_autoptr (GDir) dir = NULL;
  guint       indexed;
  const char *name;

  g_return_val_if_fail (SPATE_IS_STORE (self), NULL);

  load_index (self, entries, order);
  indexed = order->len;

  dir = g_dir_open (self->resume_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      const char      *dot = strchr (name, '.');
      g_autofree char *hash = NULL;
      SpateStoreEntry *entry;

      if (dot == NULL || !is_info_hash (name, dot - name))
        continue;
      if (strcmp (dot, ".resume") != 0 && strcmp (dot, ".bak") != 0)
        continue;
      hash = g_strndup (name, dot - name);
      entry = entry_for (entries, order, hash);
      if (strcmp (dot, ".resume") == 0)
        entry->has_resume = TRUE;
      else
        entry->has_backup = TRUE;
    }

  /* Entries only the folder knows of keep a stable order. */
  for (guint i = indexed; i < order->len; i++)
    g_ptr_array_add (unindexed, g_ptr_array_index (order, i));
  g_ptr_array_sort (unindexed, compare_entries);
  for (guint i = 0; i < unindexed->len; i++)
    order->pdata[indexed + i] = unindexed->pdata[i];

  return g_steal_pointer (&order);
}

void
spate_store_entry_read (SpateStore *self, SpateStoreEntry *entry)
{
  g_return_if_fail (SPATE_IS_STORE (self));

  if (entry->has_resume && entry->resume == NULL)
    {
      g_autofree char *path = resume_path (self, entry->info_hash, ".resume");
      entry->resume = read_file (path);
    }
  if (entry->has_backup && entry->backup == NULL)
    {
      g_autofree char *path = resume_path (self, entry->info_hash, ".bak");
      entry->backup = read_file (path);
    }
}

void
spate_store_entry_release (SpateStoreEntry *entry)
{
  g_clear_pointer (&entry->resume, g_bytes_unref);
  g_clear_pointer (&entry->backup, g_bytes_unref);
}

GBytes *
spate_store_load_state (SpateStore *self)
{
  g_autofree char *path = g_build_filename (self->dir, "session.state", NULL);
  return read_file (path);
}

/* ---------------------------------------------------------- opening */

static void
remove_stray_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".tmp"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        g_unlink (path);
      }
}

/* Reads and removes the marker: from now on until a clean close, a crash
 * leaves no marker behind. */
static void
take_clean_marker (SpateStore *self)
{
  g_autofree char *path = g_build_filename (self->dir, "clean", NULL);

  self->was_clean = g_file_test (path, G_FILE_TEST_EXISTS);
  if (self->was_clean && g_unlink (path) == 0)
    fsync_parent (path);
}

static gboolean
take_lock (SpateStore *self, GError **error)
{
  g_autofree char *path = g_build_filename (self->dir, "lock", NULL);
  g_autofree char *pid = g_strdup_printf ("%d\n", (int) getpid ());

  self->lock_fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Could not open “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_LOCKED,
                   _ ("Another Spate is already using “%s”"), self->dir);
      return FALSE;
    }
  if (ftruncate (self->lock_fd, 0) == 0)
    write_all (self->lock_fd, (const guint8 *) pid, strlen (pid));
  return TRUE;
}

SpateStore *
spate_store_new (const char *dir, GError **error)
{
  g_autoptr (SpateStore) self = g_object_new (SPATE_TYPE_STORE, NULL);

  self->dir =
      dir != NULL ? g_strdup (dir) : g_build_filename (g_get_user_data_dir (), "spate", NULL);
  self->resume_dir = g_build_filename (self->dir, "resume", NULL);
  if (g_mkdir_with_parents (self->resume_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Could not create “%s”: %s"),
                   self->resume_dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!take_lock (self, error))
    return NULL;
  take_clean_marker (self);
  remove_stray_files (self->dir);
  remove_stray_files (self->resume_dir);
  return g_steal_pointer (&self);
}

const char *
spate_store_get_dir (SpateStore *self)
{
  return self->dir;
}

gboolean
spate_store_get_was_clean (SpateStore *self)
{
  g_return_val_if_fail (SPATE_IS_STORE (self), FALSE);
  return self->was_clean;
}

gboolean
spate_store_mark_clean (SpateStore *self, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) data = NULL;

  g_return_val_if_fail (SPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (spate_store_get_pending (self) == 0, FALSE);

  path = g_build_filename (self->dir, "clean", NULL);
  data = g_bytes_new_static ("", 0);
  return write_atomic (path, NULL, data, error);
}

void
spate_store_unlock (SpateStore *self)
{
  g_return_if_fail (SPATE_IS_STORE (self));
  g_return_if_fail (spate_store_get_pending (self) == 0);

  if (self->lock_fd >= 0)
    close (self->lock_fd);
  self->lock_fd = -1;
}

char **
spate_store_take_failed (SpateStore *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer       key;

  g_return_val_if_fail (SPATE_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_iter_init (&iter, self->failed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);
  g_hash_table_remove_all (self->failed);
  g_mutex_unlock (&self->mutex);
  return g_strv_builder_end (builder);
}

static void
spate_store_dispose (GObject *object)
{
  SpateStore *self = SPATE_STORE (object);

  /* Finishes every queued write before returning; the object is still
   * alive, so a failure report may take a reference. */
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);

  G_OBJECT_CLASS (spate_store_parent_class)->dispose (object);
}

static void
spate_store_finalize (GObject *object)
{
  SpateStore *self = SPATE_STORE (object);

  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_hash_table_unref (self->failed);
  g_cond_clear (&self->cond);
  g_free (self->dir);
  g_free (self->resume_dir);

  G_OBJECT_CLASS (spate_store_parent_class)->finalize (object);
}

static void
spate_store_class_init (SpateStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = spate_store_dispose;
  object_class->finalize = spate_store_finalize;

  /**
   * SpateStore::write-failed:
   * @error: what went wrong, naming the file
   *
   * Once per run of failed writes; the files on disk are the previous ones.
   */
  signals[WRITE_FAILED] =
      g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
spate_store_init (SpateStore *self)
{
  self->lock_fd = -1;
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->mutex);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_cond_init (&self->cond);
  /* One writer keeps writes to a file in order. */
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}
