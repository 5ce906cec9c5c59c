/* spate-peers-page.h: the peers the selected torrent is connected to.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_PEERS_PAGE (spate_peers_page_get_type ())
G_DECLARE_FINAL_TYPE (SpatePeersPage, spate_peers_page, SPATE, PEERS_PAGE, GtkWidget)

SpateTorrent *spate_peers_page_get_torrent (SpatePeersPage *self);
void          spate_peers_page_set_torrent (SpatePeersPage *self, SpateTorrent *torrent);

/* What the Add Peer dialog does: text is "ip:port" or "[ipv6]:port". The
 * error's message is the one the dialog shows. */
gboolean spate_peers_page_add_peer (SpatePeersPage *self, const char *text, GError **error);
/* Bans the selected peer's address in the session's IP filter. */
gboolean spate_peers_page_ban_selected (SpatePeersPage *self, GError **error);
/* For tests: the rows shown, after sorting (SpatePeer items). */
GListModel *spate_peers_page_get_model (SpatePeersPage *self);

G_END_DECLS
