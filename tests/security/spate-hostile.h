/* spate-hostile.h: hostile .torrent files, bencoded by hand.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent's own torrent maker refuses most of these, so they are
 * written byte by byte. A path is its components joined by '|'; "\x01"
 * stands for a NUL byte inside a component.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HostileTorrent HostileTorrent;

/* A torrent with files under name (or, with single set, one file called
 * name). */
HostileTorrent *hostile_torrent_new (const char *name, gboolean single);
void            hostile_torrent_free (HostileTorrent *t);
void            hostile_torrent_add_file (HostileTorrent *t, const char *path, gint64 size);
/* A BEP 47 symlink (attr "l") to target, '|'-separated like a path. */
void hostile_torrent_add_symlink (HostileTorrent *t, const char *path, const char *target);
/* Claim this many piece hashes instead of the true ones. */
void hostile_torrent_set_claimed_pieces (HostileTorrent *t, gint64 pieces);
/* v1 (BEP 3, "files" list) or, with v2, BEP 52 only ("file tree"); a v2
 * file must fit in one piece. */
GBytes *hostile_torrent_encode (HostileTorrent *t, gboolean v2);

/* What a file of size bytes holds, in every hostile torrent. */
guint8 *hostile_content (gsize size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HostileTorrent, hostile_torrent_free)

/* A record of every entry under a folder: path → type, size, mtime. */
GHashTable *hostile_snapshot (const char *root);
/* Asserts that after differs from before only at or below inside; the
 * message lists what changed. */
void hostile_assert_only_inside (GHashTable *before, GHashTable *after, const char *inside);
/* Asserts every symlink under root points, read as text, inside root. */
void hostile_assert_symlinks_inside (const char *root);

G_END_DECLS
