/* spate-store.h: resume files and session state on disk.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SPATE_TYPE_STORE (spate_store_get_type ())
G_DECLARE_FINAL_TYPE (SpateStore, spate_store, SPATE, STORE, GObject)

/* What the store holds about one torrent. */
typedef struct
{
  char    *info_hash;
  GBytes  *resume;     /* the newest resume file, once read; or NULL */
  GBytes  *backup;     /* the copy before it, once read; or NULL */
  char    *save_path;  /* from the index, or NULL */
  char    *magnet;     /* from the index, or NULL */
  gboolean has_resume; /* the folder holds a resume file */
  gboolean has_backup; /* the folder holds a backup */
} SpateStoreEntry;

void spate_store_entry_free (SpateStoreEntry *entry);
/* Reads the entry's resume file and backup into resume and backup (NULL
 * where there is none or it cannot be read); release drops them again.
 * Loading lists the files only, so that restoring 10,000 torrents never
 * holds every file in memory at once. */
void spate_store_entry_read (SpateStore *self, SpateStoreEntry *entry);
void spate_store_entry_release (SpateStoreEntry *entry);

/* dir: where to keep everything; NULL for $XDG_DATA_HOME/spate. Takes a
 * lock: a second store on the same folder fails with SPATE_ERROR_LOCKED. */
SpateStore *spate_store_new (const char *dir, GError **error);
const char *spate_store_get_dir (SpateStore *self);

/* Every torrent on disk, in the saved queue order, then the rest by name.
 * GPtrArray of SpateStoreEntry. */
GPtrArray *spate_store_load (SpateStore *self);
GBytes    *spate_store_load_state (SpateStore *self);

/* Writes happen in order on a worker thread: temporary file, fsync, rename,
 * the previous copy kept as .bak. A failed write leaves the old files as
 * they were and emits ::write-failed on the main context. */
void spate_store_save (SpateStore *self, const char *info_hash, GBytes *resume);
void spate_store_save_state (SpateStore *self, GBytes *state);
/* index: a(sss) of info-hash, save path, magnet link, in queue order. */
void spate_store_save_index (SpateStore *self, GVariant *index);
void spate_store_forget (SpateStore *self, const char *info_hash);
/* Removes a resume file that did not load, keeping its .bak, so that the
 * next save does not keep the damaged copy as the backup. */
void spate_store_discard_damaged (SpateStore *self, const char *info_hash);
/* Waits for every queued write; FALSE when timeout_ms passed first. */
gboolean spate_store_flush (SpateStore *self, guint timeout_ms);
guint    spate_store_get_pending (SpateStore *self);
/* The torrents whose resume file could not be written since last asked:
 * their changes are still to be saved. NULL-terminated; the list empties. */
char **spate_store_take_failed (SpateStore *self);
/* Whether the previous store on this folder was closed cleanly (marked with
 * spate_store_mark_clean()); FALSE after a crash or on a new folder. */
gboolean spate_store_get_was_clean (SpateStore *self);
/* Records a clean shutdown; call once every write is done (synchronous). */
gboolean spate_store_mark_clean (SpateStore *self, GError **error);
/* Lets go of the folder's lock once nothing is left to write, so that
 * another store (of this process or another) can open it. */
void spate_store_unlock (SpateStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateStoreEntry, spate_store_entry_free)

G_END_DECLS
