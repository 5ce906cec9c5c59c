/* spate-error.h: the engine's error domain.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SPATE_ERROR (spate_error_quark ())

typedef enum
{
  SPATE_ERROR_FAILED,
  SPATE_ERROR_INVALID_INPUT, /* not a torrent, magnet or URL */
  SPATE_ERROR_ALREADY_ADDED, /* the torrent is in the session already */
  SPATE_ERROR_NOT_FOUND,     /* no such torrent, file or index */
  SPATE_ERROR_FETCH,         /* a URL could not be fetched */
  SPATE_ERROR_TOO_LARGE,     /* more data than a .torrent may have */
  SPATE_ERROR_IO,            /* reading or writing a file */
  SPATE_ERROR_LOCKED,        /* another process uses the data directory */
  SPATE_ERROR_DAMAGED,       /* a resume file is unreadable */
  SPATE_ERROR_NO_METADATA,   /* the torrent's files are not known yet */
  SPATE_ERROR_CANCELLED,
  SPATE_ERROR_TIMED_OUT,
} SpateError;

GQuark spate_error_quark (void);

G_END_DECLS
