/* spate-torrent-private.h: what the session and child models use.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-lt.h"
#include "spate-session.h"
#include "spate-torrent.h"

G_BEGIN_DECLS

SpateTorrent *_spate_torrent_new (SpateSession *session,
                                  const char   *info_hash,
                                  const char   *name,
                                  const char   *save_path);
/* Takes the handle; the torrent is live from here on. */
void _spate_torrent_attach (SpateTorrent *self, SpateLtTorrent *handle);
/* Drops the handle: the torrent left the session. */
void            _spate_torrent_detach (SpateTorrent *self);
SpateLtTorrent *_spate_torrent_get_handle (SpateTorrent *self);
SpateSession   *_spate_torrent_get_session (SpateTorrent *self);
/* Applies one status; notifies only the properties that changed. */
void _spate_torrent_update (SpateTorrent *self, const SpateLtStatus *status);
/* Only libtorrent's state changed (a state_changed alert). */
void _spate_torrent_set_lt_state (SpateTorrent *self, SpateLtTorrentState state);
/* Asks libtorrent for the full status now (after an action, on add). */
void _spate_torrent_refresh (SpateTorrent *self);
/* Its data cannot be read: the save folder was missing when it was
 * restored (path ""), or files went away or became unreadable while it
 * ran (path relative to the save path, or absolute). It stays paused in an
 * error naming the path, and is not saved meanwhile, so the resume file
 * keeps the progress. reason: why it cannot be read, NULL when it is not
 * there. flags: what paused and auto-managed were. */
void        _spate_torrent_set_missing (SpateTorrent       *self,
                                        const char         *path,
                                        const char         *reason,
                                        SpateLtTorrentFlags flags);
const char *_spate_torrent_get_missing (SpateTorrent *self);
const char *_spate_torrent_get_missing_reason (SpateTorrent *self);
/* The missing path under the current save path. */
char               *_spate_torrent_dup_missing_path (SpateTorrent *self);
SpateLtTorrentFlags _spate_torrent_clear_missing (SpateTorrent *self);
/* A write failed (disk full, read-only): libtorrent only stops downloading
 * (upload mode) and says so in an alert. Shown as the torrent's error until
 * it downloads again. */
void     _spate_torrent_set_write_error (SpateTorrent *self, const char *message);
gboolean _spate_torrent_clear_write_error (SpateTorrent *self);
/* A live torrent's data went missing (reason NULL) or cannot be read:
 * paused in that error, see _spate_torrent_set_missing(). */
void _spate_torrent_hold_missing (SpateTorrent *self, const char *path, const char *reason);
/* Once the missing path is there again: the files say what is done, then
 * the torrent goes on as before. With refetch, missing files that are not
 * back are fetched again (a missing save folder never is). */
gboolean _spate_torrent_recover_missing (SpateTorrent *self, gboolean refetch, GError **error);
/* Something a resume file records changed: save soon. */
void     _spate_torrent_mark_dirty (SpateTorrent *self);
gboolean _spate_torrent_get_need_save (SpateTorrent *self);
void     _spate_torrent_clear_need_save (SpateTorrent *self);
/* Due at the next periodic save, without saving now. */
void _spate_torrent_set_need_save (SpateTorrent *self);
/* TRUE once if the torrent downloaded since last asked. */
gboolean _spate_torrent_take_downloading (SpateTorrent *self);
/* TRUE once if it left its resume check complete, with no recheck due. */
gboolean _spate_torrent_take_loaded_complete (SpateTorrent *self);
void     _spate_torrent_set_downloading (SpateTorrent *self);
/* Reads this torrent's queue position now (after moving it). */
void _spate_torrent_refresh_queue_position (SpateTorrent *self);
/* Cached magnet link for the store's index; computed on first use. */
const char *_spate_torrent_get_magnet (SpateTorrent *self);
void        _spate_torrent_set_magnet (SpateTorrent *self, const char *magnet);
/* Called by the session at most once a second while a child model of this
 * torrent is alive. */
void     _spate_torrent_refresh_children (SpateTorrent *self);
gboolean _spate_torrent_has_children (SpateTorrent *self);
/* File paths changed (a rename): child models rebuild what they show of
 * them, then refresh. */
void  _spate_torrent_files_changed (SpateTorrent *self);
guint _spate_torrent_get_files_generation (SpateTorrent *self);
/* Stores the first-and-last-pieces choice and applies it once the
 * metadata is there (the shim's error otherwise). */
gboolean _spate_torrent_set_first_last (SpateTorrent *self, gboolean enable, GError **error);
/* libtorrent recomputed piece priorities from file priorities (metadata
 * arrived, file priorities changed): raise first and last pieces again. */
void _spate_torrent_pieces_reset (SpateTorrent *self);
/* The same operation on a torrent that is not live yet. */
gboolean _spate_torrent_check_live (SpateTorrent *self, GError **error);

/* Seeding goals and what they are measured against; spate-torrent-goals.c. */
typedef struct
{
  SpateSeedingGoals goals;
  /* A goal acted under these goals (as in effect then): it acts again
   * only once they change. */
  gboolean          reached;
  SpateSeedingGoals reached_under;
  /* From the last status, to count on between updates: */
  gint64   status_time;      /* monotonic µs */
  gint64   finished_seconds; /* libtorrent's finished duration */
  gboolean counting;         /* finished and not paused: the clock runs */
  gint64   last_upload;      /* monotonic µs; 0 for never */
} SpateTorrentGoals;

SpateTorrentGoals *_spate_torrent_get_goals (SpateTorrent *self);
/* Called with every status. */
void _spate_torrent_goals_update (SpateTorrent *self, const SpateLtStatus *status);
/* The goal the torrent has reached under its own and the session's goals,
 * or 0; then records that it did. */
SpateGoal _spate_torrent_take_goal_reached (SpateTorrent            *self,
                                            const SpateSeedingGoals *session_goals,
                                            gint64                   now);
/* File priorities go to libtorrent one list at a time: its disk threads
 * may apply two lists in either order, so the next waits for the
 * file_prio alert of the last, and only the newest waiting one is sent. */
typedef struct
{
  gboolean in_flight;
  gint64   sent_at; /* monotonic µs */
  GBytes  *queued;  /* one byte per file, or NULL */
} SpatePriorityQueue;

SpatePriorityQueue *_spate_torrent_get_priority_queue (SpateTorrent *self);
/* libtorrent applied the last list (or failed to): send the waiting one. */
void _spate_torrent_file_priorities_done (SpateTorrent *self);

/* Checks every piece against the files once libtorrent has read the
 * resume data (a recheck asked for before that is lost). */
void _spate_torrent_recheck_when_ready (SpateTorrent *self);

/* Where a download kept in the incomplete folder goes once finished. */
const char *_spate_torrent_get_final_dir (SpateTorrent *self);
void        _spate_torrent_set_final_dir (SpateTorrent *self, const char *path);
/* Spate's own values for the resume file, a{sv}, floating; and back. */
GVariant *_spate_torrent_get_extras (SpateTorrent *self);
void      _spate_torrent_apply_extras (SpateTorrent *self, GVariant *extras);

/* Child models (files, trackers, peers, web seeds, pieces) register here.
 * The torrent holds them weakly: while one is alive the session calls
 * refresh at most once a second; when the last goes, refreshing stops. */
typedef void (*SpateChildRefresh) (GObject *child, SpateLtTorrent *handle);
void _spate_torrent_add_child (SpateTorrent *self, GObject *child, SpateChildRefresh refresh);
/* A live child of this type, or NULL. Not a new reference. */
GObject *_spate_torrent_find_child (SpateTorrent *self, GType type);
G_END_DECLS
