/* spate-session-private.h: the session's friends inside the engine.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-lt.h"
#include "spate-metadata-fetch.h"
#include "spate-session.h"
#include "spate-store.h"

G_BEGIN_DECLS

SpateLtSession *_spate_session_get_lt (SpateSession *self);
SpateStore     *_spate_session_get_store (SpateSession *self);
/* Asks libtorrent for the torrent's resume data; written when it arrives. */
void _spate_session_save_torrent (SpateSession *self, SpateTorrent *torrent);
/* Queue order or save paths changed: rewrite the index soon. */
void _spate_session_queue_changed (SpateSession *self);
void _spate_session_set_watched (SpateSession *self, SpateTorrent *torrent, gboolean watched);
/* Puts a new torrent into the list and announces it. identity: the
 * info-hash it is known by (NULL: the params' own). options: what to do
 * once it is in libtorrent (first and last pieces, queue top), or NULL. A
 * restored torrent is not saved again at once. */
SpateTorrent *_spate_session_insert (SpateSession          *self,
                                     SpateLtAddParams      *params,
                                     const char            *identity,
                                     const SpateAddOptions *options,
                                     gboolean               restoring,
                                     GError               **error);
/* The fetch is over: its hidden torrent's alerts go nowhere from now on. */
void _spate_session_forget_fetch (SpateSession *self, SpateMetadataFetch *fetch);
/* Applies options to params, then inserts. The caller has checked that the
 * torrent is not in the list. */
SpateTorrent *_spate_session_add_params (SpateSession          *self,
                                         SpateLtAddParams      *params,
                                         const SpateAddOptions *options,
                                         GError               **error);

/* For bench/: sees every alert of the session's torrents just before the
 * session handles it (torrent NULL when it is none of ours). */
typedef void (*SpateSessionAlertObserver) (SpateSession       *self,
                                           SpateTorrent       *torrent,
                                           const SpateLtAlert *alert,
                                           gpointer            user_data);
void _spate_session_set_alert_observer (SpateSession             *self,
                                        SpateSessionAlertObserver func,
                                        gpointer                  user_data);

G_END_DECLS
