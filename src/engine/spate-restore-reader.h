/* spate-restore-reader.h: resume files read and parsed on a thread of
 * their own, a bounded distance ahead of the restoring main thread.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-lt.h"
#include "spate-store.h"

G_BEGIN_DECLS

typedef struct _SpateRestoreReader SpateRestoreReader;

/* Starts reading entries (SpateStoreEntry, in order) from store: each
 * one's files with spate_store_entry_read (), and its resume file parsed. */
SpateRestoreReader *_spate_restore_reader_new (SpateStore *store, GPtrArray *entries);
/* Waits until entry i is read, at most until deadline (monotonic µs);
 * FALSE when the deadline came first. */
gboolean _spate_restore_reader_wait (SpateRestoreReader *self, guint i, gint64 deadline);
/* Entry i's parsed resume file, or NULL when it has none or it did not
 * parse (then parsing its bytes again gives the reason). */
SpateLtAddParams *_spate_restore_reader_take_params (SpateRestoreReader *self, guint i);
/* Entry i is restored: the reader may go further ahead. */
void _spate_restore_reader_done (SpateRestoreReader *self, guint i);
/* Stops the reader and waits for its thread. */
void _spate_restore_reader_free (SpateRestoreReader *self);

G_END_DECLS
