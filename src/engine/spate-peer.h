/* spate-peer.h: one peer a torrent is connected to.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The same bits as libtorrent's peer flags. */
typedef enum /*< flags >*/
{
  SPATE_PEER_INTERESTING = 1 << 0,
  SPATE_PEER_CHOKED = 1 << 1,
  SPATE_PEER_REMOTE_INTERESTED = 1 << 2,
  SPATE_PEER_REMOTE_CHOKED = 1 << 3,
  SPATE_PEER_SEED = 1 << 4,
  SPATE_PEER_OPTIMISTIC_UNCHOKE = 1 << 5,
  SPATE_PEER_SNUBBED = 1 << 6,
  SPATE_PEER_UPLOAD_ONLY = 1 << 7,
  SPATE_PEER_ENDGAME = 1 << 8,
  SPATE_PEER_HOLEPUNCHED = 1 << 9,
  SPATE_PEER_OUTGOING = 1 << 10,
  SPATE_PEER_ON_PAROLE = 1 << 11,
} SpatePeerFlags;

/* How the peer was found. */
typedef enum /*< flags >*/
{
  SPATE_PEER_SOURCE_TRACKER = 1 << 0,
  SPATE_PEER_SOURCE_DHT = 1 << 1,
  SPATE_PEER_SOURCE_PEX = 1 << 2,
  SPATE_PEER_SOURCE_LSD = 1 << 3,
  SPATE_PEER_SOURCE_RESUME = 1 << 4,
  SPATE_PEER_SOURCE_INCOMING = 1 << 5,
} SpatePeerSource;

typedef enum
{
  SPATE_PEER_CONNECTION_TCP,
  SPATE_PEER_CONNECTION_UTP,
  SPATE_PEER_CONNECTION_URL_SEED,  /* BEP 19 web seed */
  SPATE_PEER_CONNECTION_HTTP_SEED, /* BEP 17 web seed */
} SpatePeerConnection;

#define SPATE_TYPE_PEER (spate_peer_get_type ())
G_DECLARE_FINAL_TYPE (SpatePeer, spate_peer, SPATE, PEER, GObject)

/* Textual IP address. */
const char *spate_peer_get_address (SpatePeer *self);
guint       spate_peer_get_port (SpatePeer *self);
/* The client's name as it announces itself; may be empty. */
const char         *spate_peer_get_client (SpatePeer *self);
SpatePeerFlags      spate_peer_get_flags (SpatePeer *self);
SpatePeerSource     spate_peer_get_source (SpatePeer *self);
SpatePeerConnection spate_peer_get_connection (SpatePeer *self);
gboolean            spate_peer_get_encrypted (SpatePeer *self);
/* 0.0 .. 1.0 of the torrent the peer has. */
double spate_peer_get_progress (SpatePeer *self);
/* Payload bytes per second, from and to the peer. */
int spate_peer_get_download_rate (SpatePeer *self);
int spate_peer_get_upload_rate (SpatePeer *self);
/* Payload bytes over this connection. */
gint64 spate_peer_get_downloaded (SpatePeer *self);
gint64 spate_peer_get_uploaded (SpatePeer *self);

G_END_DECLS
