/* spate-torrent-internal.h: the torrent's fields, shared by spate-torrent.c
 * and spate-torrent-engine.c only.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-torrent-private.h"

G_BEGIN_DECLS

typedef struct
{
  GObject          *object; /* weak */
  SpateChildRefresh refresh;
} Child;

struct _SpateTorrent
{
  GObject parent_instance;

  SpateSession      *session; /* unowned; cleared when removed */
  SpateLtTorrent    *handle;
  char              *info_hash;
  char              *disk_name; /* libtorrent's; status.name is for display */
  SpateTorrentState  state;
  SpateLtStatus      status;
  gboolean           need_save;
  gboolean           was_downloading;
  gboolean           loaded_complete;  /* see set_lt_state() */
  char              *magnet;           /* for ::torrent-finished only on a real finish */
  GArray            *children;         /* of Child */
  guint              files_generation; /* bumped when file paths change */
  gboolean           first_last_pieces;
  SpateTorrentGoals  goals;
  char              *final_dir;
  SpatePriorityQueue priorities;
  char              *missing;        /* see _spate_torrent_set_missing(); never saved */
  char              *missing_reason; /* NULL: not there */
  guint              missing_flags;  /* paused and auto-managed before */
  char              *write_error;    /* while libtorrent waits in upload mode */
  gboolean           recheck_when_ready;
};

G_END_DECLS
