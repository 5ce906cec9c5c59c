/* spate-torrent-creator.h: making a .torrent from a file or folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SPATE_CREATE_HYBRID, /* v1 and v2 hashes: every client can use it */
  SPATE_CREATE_V1,
  SPATE_CREATE_V2,
} SpateCreateFormat;

/* What to make. Zeroed except path means: hybrid, automatic piece size, no
 * trackers, public. Everything is copied by spate_torrent_create_async(). */
typedef struct
{
  const char         *path;       /* a file or folder */
  guint               piece_size; /* bytes, a power of two >= 16 KiB; 0: chosen by size */
  SpateCreateFormat   format;
  const char * const *trackers;      /* NULL-terminated, or NULL */
  const int          *tracker_tiers; /* one per tracker, or NULL for 0, 1, 2 … */
  const char * const *web_seeds;     /* NULL-terminated, or NULL */
  gboolean            is_private;
  const char         *comment; /* NULL: none */
  const char         *creator; /* NULL: "Spate" */
  const char         *source;  /* the info dict's "source" (private trackers), or NULL */
} SpateCreateOptions;

/* pieces_done of pieces_total hashed. */
typedef void (*SpateCreateProgress) (guint pieces_done, guint pieces_total, gpointer user_data);

/* Hashes in a worker thread. progress (may be NULL) runs on the calling
 * thread's main context, at most 20 times a second, the last call with
 * pieces_done == pieces_total, and never after callback. Cancelling fails
 * with SPATE_ERROR_CANCELLED; a missing path with SPATE_ERROR_NOT_FOUND, bad
 * options with SPATE_ERROR_INVALID_INPUT. */
void spate_torrent_create_async (const SpateCreateOptions *options,
                                 SpateCreateProgress       progress,
                                 gpointer                  progress_data,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data);
/* The .torrent bytes. */
GBytes *spate_torrent_create_finish (GAsyncResult *result, GError **error);

G_END_DECLS
