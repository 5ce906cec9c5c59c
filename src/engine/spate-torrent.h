/* spate-torrent.h: one torrent, as every view sees it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-torrent-info.h"

G_BEGIN_DECLS

typedef enum
{
  SPATE_TORRENT_STATE_CHECKING,
  SPATE_TORRENT_STATE_DOWNLOADING_METADATA,
  SPATE_TORRENT_STATE_DOWNLOADING,
  SPATE_TORRENT_STATE_SEEDING,
  SPATE_TORRENT_STATE_COMPLETED, /* wanted files done, not seeding */
  SPATE_TORRENT_STATE_PAUSED,
  SPATE_TORRENT_STATE_QUEUED,
  SPATE_TORRENT_STATE_MOVING,
  SPATE_TORRENT_STATE_ERROR,
} SpateTorrentState;

/* Same bits as libtorrent's torrent flags. */
typedef enum /*< flags >*/
{
  SPATE_TORRENT_FLAG_PAUSED = 1 << 0,
  SPATE_TORRENT_FLAG_AUTO_MANAGED = 1 << 1,
  SPATE_TORRENT_FLAG_SEQUENTIAL = 1 << 2,
  SPATE_TORRENT_FLAG_SEED_MODE = 1 << 3,
  SPATE_TORRENT_FLAG_UPLOAD_MODE = 1 << 4,
  SPATE_TORRENT_FLAG_SHARE_MODE = 1 << 5,
  SPATE_TORRENT_FLAG_SUPER_SEEDING = 1 << 6,
  SPATE_TORRENT_FLAG_STOP_WHEN_READY = 1 << 7,
  SPATE_TORRENT_FLAG_APPLY_IP_FILTER = 1 << 8,
  SPATE_TORRENT_FLAG_DISABLE_DHT = 1 << 9,
  SPATE_TORRENT_FLAG_DISABLE_LSD = 1 << 10,
  SPATE_TORRENT_FLAG_DISABLE_PEX = 1 << 11,
} SpateTorrentFlags;

typedef enum
{
  SPATE_QUEUE_UP,
  SPATE_QUEUE_DOWN,
  SPATE_QUEUE_TOP,
  SPATE_QUEUE_BOTTOM,
} SpateQueueMove;

/* File priorities on libtorrent's 0–7 scale; these are the named steps. */
typedef enum
{
  SPATE_PRIORITY_SKIP = 0,
  SPATE_PRIORITY_LOW = 1,
  SPATE_PRIORITY_NORMAL = 4,
  SPATE_PRIORITY_HIGH = 7,
} SpatePriority;

/* Seeding goals: stop seeding at a ratio (uploaded ÷ downloaded), after
 * minutes of seeding, or after minutes of seeding without uploading. The
 * session has one set; a torrent follows it (SPATE_GOAL_GLOBAL) unless it
 * has a value of its own or SPATE_GOAL_NONE. */
#define SPATE_GOAL_GLOBAL (-2)
#define SPATE_GOAL_NONE   (-1)

typedef struct
{
  double ratio;
  int    seeding_minutes;
  int    inactive_minutes;
} SpateSeedingGoals;

/* What the session does to a torrent that reached a goal. */
typedef enum
{
  SPATE_GOAL_ACTION_PAUSE,
  SPATE_GOAL_ACTION_REMOVE, /* from the list; the files stay */
} SpateGoalAction;

/* Which goal was reached. */
typedef enum
{
  SPATE_GOAL_RATIO = 1,
  SPATE_GOAL_SEEDING_TIME,
  SPATE_GOAL_INACTIVE_TIME,
} SpateGoal;

#define SPATE_TYPE_TORRENT (spate_torrent_get_type ())
G_DECLARE_FINAL_TYPE (SpateTorrent, spate_torrent, SPATE, TORRENT, GObject)

/* The name to show: see spate_display_name(). */
const char *spate_torrent_get_name (SpateTorrent *self);
/* The name of the torrent's file or folder on disk, under the save path. */
const char *spate_torrent_get_disk_name (SpateTorrent *self);
/* v1 hash in hex when the torrent has one, else v2: the torrent's identity. */
const char       *spate_torrent_get_info_hash (SpateTorrent *self);
const char       *spate_torrent_get_info_hash_v1 (SpateTorrent *self);
const char       *spate_torrent_get_info_hash_v2 (SpateTorrent *self);
const char       *spate_torrent_get_save_path (SpateTorrent *self);
SpateTorrentState spate_torrent_get_state (SpateTorrent *self);
SpateTorrentFlags spate_torrent_get_flags (SpateTorrent *self);
gboolean          spate_torrent_get_has_metadata (SpateTorrent *self);
gboolean          spate_torrent_get_is_finished (SpateTorrent *self);
double            spate_torrent_get_progress (SpateTorrent *self);
int               spate_torrent_get_download_rate (SpateTorrent *self);
int               spate_torrent_get_upload_rate (SpateTorrent *self);
gint64            spate_torrent_get_total_size (SpateTorrent *self);
gint64            spate_torrent_get_wanted_size (SpateTorrent *self);
gint64            spate_torrent_get_wanted_done (SpateTorrent *self);
gint64            spate_torrent_get_downloaded (SpateTorrent *self);
gint64            spate_torrent_get_uploaded (SpateTorrent *self);
/* Payload since the torrent was added or restored in this process. */
gint64 spate_torrent_get_session_downloaded (SpateTorrent *self);
double spate_torrent_get_ratio (SpateTorrent *self);
gint64 spate_torrent_get_eta (SpateTorrent *self);
int    spate_torrent_get_num_peers (SpateTorrent *self);
int    spate_torrent_get_num_seeds (SpateTorrent *self);
int    spate_torrent_get_pieces_total (SpateTorrent *self);
int    spate_torrent_get_piece_length (SpateTorrent *self);
int    spate_torrent_get_queue_position (SpateTorrent *self);
gint64 spate_torrent_get_added_time (SpateTorrent *self);
/* NULL when the torrent has no error. */
const char *spate_torrent_get_error (SpateTorrent *self);

/* Actions. Each fails with SPATE_ERROR_NOT_FOUND once the torrent has left
 * the session. */
gboolean spate_torrent_pause (SpateTorrent *self, GError **error);
/* force: start now, outside the queue's limits. */
gboolean spate_torrent_resume (SpateTorrent *self, gboolean force, GError **error);
gboolean spate_torrent_recheck (SpateTorrent *self, GError **error);
gboolean spate_torrent_reannounce (SpateTorrent *self, GError **error);
gboolean spate_torrent_scrape (SpateTorrent *self, GError **error);
gboolean spate_torrent_clear_error (SpateTorrent *self, GError **error);
gboolean spate_torrent_move_storage (SpateTorrent *self, const char *path, GError **error);
/* new_name is relative to the save path and must stay inside it. */
gboolean
spate_torrent_rename_file (SpateTorrent *self, int index, const char *new_name, GError **error);
gboolean spate_torrent_set_flags (SpateTorrent     *self,
                                  SpateTorrentFlags flags,
                                  SpateTorrentFlags mask,
                                  GError          **error);
gboolean spate_torrent_set_sequential (SpateTorrent *self, gboolean sequential, GError **error);
gboolean spate_torrent_queue_move (SpateTorrent *self, SpateQueueMove move, GError **error);

/* Bytes per second, 0 for unlimited; counts, -1 for unlimited. */
gboolean spate_torrent_set_download_limit (SpateTorrent *self, int limit, GError **error);
gboolean spate_torrent_set_upload_limit (SpateTorrent *self, int limit, GError **error);
gboolean spate_torrent_set_max_connections (SpateTorrent *self, int max, GError **error);
gboolean spate_torrent_set_max_uploads (SpateTorrent *self, int max, GError **error);
gboolean spate_torrent_get_limits (SpateTorrent *self,
                                   int          *download_limit,
                                   int          *upload_limit,
                                   int          *max_connections,
                                   int          *max_uploads,
                                   GError      **error);

gboolean
spate_torrent_set_file_priority (SpateTorrent *self, int index, guint8 priority, GError **error);
gboolean spate_torrent_set_file_priorities (SpateTorrent *self,
                                            const guint8 *priorities,
                                            gsize         n,
                                            GError      **error);
/* One byte per file. */
GBytes *spate_torrent_get_file_priorities (SpateTorrent *self, GError **error);
/* One byte per piece, libtorrent's 0–7 scale; all normal once the
 * torrent has every piece. */
GBytes *spate_torrent_get_piece_priorities (SpateTorrent *self, GError **error);
/* Download the first and last pieces of each wanted file first (1 % of
 * the file at each end, at least one piece), so a player can open it
 * early. Before the metadata it takes effect when the metadata arrives;
 * it survives file priority changes and restarts. */
gboolean spate_torrent_set_first_last_pieces (SpateTorrent *self, gboolean enable, GError **error);
/* The torrent's own goals (properties "ratio-goal", "seeding-time-goal",
 * "inactive-time-goal"); kept across restarts. Changing them lets a goal
 * act again on a torrent that reached one before. */
void spate_torrent_get_seeding_goals (SpateTorrent *self, SpateSeedingGoals *goals);
void spate_torrent_set_seeding_goals (SpateTorrent *self, const SpateSeedingGoals *goals);
/* Seconds seeding and seconds seeding without uploading, counted up to
 * now between status updates. */
gint64   spate_torrent_get_seeding_seconds (SpateTorrent *self);
gint64   spate_torrent_get_seeding_idle_seconds (SpateTorrent *self);
gboolean spate_torrent_get_first_last_pieces (SpateTorrent *self);
gboolean
spate_torrent_set_piece_deadline (SpateTorrent *self, int piece, int deadline_ms, GError **error);
gboolean spate_torrent_clear_piece_deadlines (SpateTorrent *self, GError **error);

gboolean spate_torrent_add_tracker (SpateTorrent *self, const char *url, int tier, GError **error);
/* urls is NULL-terminated; tiers may be NULL (one tier each, in order). */
gboolean spate_torrent_replace_trackers (SpateTorrent       *self,
                                         const char * const *urls,
                                         const int          *tiers,
                                         GError            **error);
gboolean spate_torrent_add_web_seed (SpateTorrent *self, const char *url, GError **error);
gboolean spate_torrent_remove_web_seed (SpateTorrent *self, const char *url, GError **error);
gboolean
spate_torrent_connect_peer (SpateTorrent *self, const char *address, int port, GError **error);
char *spate_torrent_get_magnet_link (SpateTorrent *self, GError **error);
/* What the .torrent says (comment, creator, creation date, private flag,
 * files), with the current trackers and web seeds; fails with
 * SPATE_ERROR_NO_METADATA until the metadata is there. A new reference. */
SpateTorrentInfo *spate_torrent_get_info (SpateTorrent *self, GError **error);

G_END_DECLS
