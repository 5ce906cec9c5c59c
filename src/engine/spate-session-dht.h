/* spate-session-dht.h: BEP 44 items, stored in and fetched from the DHT.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request retries until it succeeds or the session's DHT timeout
 * passes (SPATE_ERROR_TIMED_OUT): a fresh node knows nobody at first. A
 * session whose DHT is off ("enable_dht" false) fails at once. Values hold
 * at most 990 bytes; salts at most 64.
 */

#pragma once

#include <gio/gio.h>

#include "spate-session.h"

G_BEGIN_DECLS

#define SPATE_DHT_DEFAULT_TIMEOUT_S 30

/* A new ed25519 key: the seed is the secret; the public key names the
 * mutable items signed with it. */
void spate_dht_keygen (guint8 seed[32], guint8 public_key[32]);
void spate_dht_public_key_from_seed (const guint8 seed[32], guint8 public_key[32]);

/* Seconds each request may take; 0 restores the default. */
void  spate_session_dht_set_timeout (SpateSession *self, guint seconds);
guint spate_session_dht_get_timeout (SpateSession *self);

/* Immutable items: the target is the SHA-1 of the bencoded value. Put
 * completes once at least one node stored it, with the target in hex. */
void spate_session_dht_put_immutable_async (SpateSession       *self,
                                            GBytes             *value,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
char *
spate_session_dht_put_immutable_finish (SpateSession *self, GAsyncResult *result, GError **error);
/* target_hex: 40 hexadecimal digits. */
void spate_session_dht_get_immutable_async (SpateSession       *self,
                                            const char         *target_hex,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
GBytes *
spate_session_dht_get_immutable_finish (SpateSession *self, GAsyncResult *result, GError **error);

/* Mutable items: signed with the key of seed under an optional salt; each
 * put takes the next sequence number above what the DHT holds. */
void spate_session_dht_put_mutable_async (SpateSession       *self,
                                          const guint8        seed[32],
                                          GBytes             *salt,
                                          GBytes             *value,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* The sequence number stored, or -1 with an error. */
gint64
spate_session_dht_put_mutable_finish (SpateSession *self, GAsyncResult *result, GError **error);
/* The newest item any node returned. */
void    spate_session_dht_get_mutable_async (SpateSession       *self,
                                             const guint8        public_key[32],
                                             GBytes             *salt,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
GBytes *spate_session_dht_get_mutable_finish (SpateSession *self,
                                              GAsyncResult *result,
                                              gint64       *seq,
                                              GError      **error);

G_END_DECLS
