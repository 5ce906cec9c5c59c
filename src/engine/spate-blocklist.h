/* spate-blocklist.h: a list of IP ranges to refuse, read from a file.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SPATE_TYPE_BLOCKLIST (spate_blocklist_get_type ())
G_DECLARE_FINAL_TYPE (SpateBlocklist, spate_blocklist, SPATE, BLOCKLIST, GObject)

/* Reads an eMule .dat ("1.2.3.0 - 1.2.3.255 , 000 , name"), a PeerGuardian
 * .p2p ("name:1.2.3.0-1.2.3.255") or a plain list of ranges ("a-b"), CIDR
 * blocks ("1.2.3.0/24") or single addresses, IPv4 or IPv6, plain or
 * gzip-compressed, in a worker thread. Lines that are no range are skipped
 * (and logged); a file that holds no range, or more such lines than ranges,
 * fails with SPATE_ERROR_INVALID_INPUT, one that cannot be read with
 * SPATE_ERROR_IO. Every message names the file. */
void            spate_blocklist_load_async (GFile              *file,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
SpateBlocklist *spate_blocklist_load_finish (GAsyncResult *result, GError **error);
/* The same on the calling thread. */
SpateBlocklist *spate_blocklist_load (GFile *file, GCancellable *cancellable, GError **error);

GFile *spate_blocklist_get_file (SpateBlocklist *self);
/* Blocked ranges after overlapping and adjacent ones were merged. */
gsize spate_blocklist_get_n_ranges (SpateBlocklist *self);
/* Lines that were neither a range, a comment nor blank. */
guint spate_blocklist_get_n_skipped (SpateBlocklist *self);
/* Whether address (IPv4 or IPv6 text) falls in one of the ranges. */
gboolean spate_blocklist_blocks (SpateBlocklist *self, const char *address);

G_END_DECLS
