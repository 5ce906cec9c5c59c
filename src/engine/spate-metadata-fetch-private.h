/* spate-metadata-fetch-private.h: what the session uses of a fetch.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-lt.h"
#include "spate-metadata-fetch.h"

G_BEGIN_DECLS

/* Takes handle, the hidden torrent of magnet. */
SpateMetadataFetch *_spate_metadata_fetch_new (SpateSession   *session,
                                               SpateLtTorrent *handle,
                                               SpateLtInfo    *magnet,
                                               const char     *uri,
                                               const char     *save_path);
/* Hidden torrents carry no user pointer. An alert goes to the fetch of
 * its handle (TRUE), a status to the fetch of its info-hash. */
gboolean _spate_metadata_fetch_route_alert (GPtrArray *fetches, const SpateLtAlert *alert);
void     _spate_metadata_fetch_route_status (GPtrArray *fetches, const SpateLtStatus *status);
/* The session is going away with libtorrent: the fetches forget both, and
 * the array is emptied. */
void _spate_metadata_fetch_detach_all (GPtrArray *fetches);

G_END_DECLS
