/* spate-http-private.h: fetching a .torrent over http(s).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE for an http: or https: URI. */
gboolean _spate_http_is_url (const char *uri);

/* GETs uri with TLS verified, a 30 s timeout and at most
 * SPATE_MAX_TORRENT_SIZE bytes. Errors name the URL:
 * SPATE_ERROR_INVALID_INPUT (not a URL), SPATE_ERROR_FETCH (with the HTTP
 * status when there is one), SPATE_ERROR_TOO_LARGE, SPATE_ERROR_CANCELLED. */
void    _spate_http_get_async (const char         *uri,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);
GBytes *_spate_http_get_finish (GAsyncResult *result, GError **error);

G_END_DECLS
