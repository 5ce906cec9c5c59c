/* spate-session.h: the engine: torrents, settings, persistence.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-blocklist.h"
#include "spate-torrent-info.h"
#include "spate-torrent-list.h"
#include "spate-torrent.h"

G_BEGIN_DECLS

#define SPATE_TYPE_SESSION (spate_session_get_type ())
G_DECLARE_FINAL_TYPE (SpateSession, spate_session, SPATE, SESSION, GObject)

/* How to add one torrent. Zeroed means: default folder, started, every
 * file wanted, last in the queue. New fields go at the end. */
typedef struct
{
  const char         *save_path;  /* NULL: the session's download folder */
  gboolean            paused;     /* added stopped */
  gboolean            sequential; /* pieces in order */
  gboolean            seed_mode;  /* trust the files are complete; skip the check */
  const guint8       *file_priorities;
  gsize               n_file_priorities;
  const char * const *trackers;          /* extra trackers, NULL-terminated */
  gboolean            first_last_pieces; /* see spate_torrent_set_first_last_pieces() */
  gboolean            queue_top;         /* first in the download queue */
} SpateAddOptions;

/* data_dir: where resume files live; NULL for $XDG_DATA_HOME/spate.
 * settings: a{sv} of libtorrent settings over Spate's defaults, or NULL.
 * Fails with SPATE_ERROR_LOCKED when another process uses data_dir. */
SpateSession *spate_session_new (const char *data_dir, GVariant *settings, GError **error);

/* Adds back every torrent the data directory holds, a few at a time from
 * the main loop; ::restoring is TRUE until done. A damaged resume file is
 * reported with ::restore-failed and falls back to its backup or to a
 * recheck; it never keeps other torrents from loading. */
void     spate_session_restore (SpateSession *self);
gboolean spate_session_get_restoring (SpateSession *self);

SpateTorrentList *spate_session_get_torrents (SpateSession *self);
SpateTorrent     *spate_session_lookup (SpateSession *self, const char *info_hash);
const char       *spate_session_get_data_dir (SpateSession *self);
const char       *spate_session_get_download_dir (SpateSession *self);
void              spate_session_set_download_dir (SpateSession *self, const char *path);

/* Adding. A torrent already present gets the new trackers and web seeds
 * and the call fails with SPATE_ERROR_ALREADY_ADDED. The torrent returned
 * belongs to the session's list: take a reference to keep it. */
SpateTorrent *spate_session_add_bytes (SpateSession          *self,
                                       GBytes                *data,
                                       const SpateAddOptions *options,
                                       GError               **error);
SpateTorrent *spate_session_add_file (SpateSession          *self,
                                      const char            *path,
                                      const SpateAddOptions *options,
                                      GError               **error);
SpateTorrent *spate_session_add_magnet (SpateSession          *self,
                                        const char            *uri,
                                        const SpateAddOptions *options,
                                        GError               **error);
/* Anything a person may paste or open: a magnet, an http(s) URL of a
 * .torrent (fetched with TLS verified and a size cap), a file:// URI or a
 * path. Completes at once unless it has to fetch. */
void spate_session_add_uri_async (SpateSession          *self,
                                  const char            *uri,
                                  const SpateAddOptions *options,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data);
/* With already_added given, a torrent that was there already is returned
 * (its trackers and web seeds merged) and *already_added set; without it,
 * that case fails with SPATE_ERROR_ALREADY_ADDED. Returns a reference. */
SpateTorrent *spate_session_add_uri_finish (SpateSession *self,
                                            GAsyncResult *result,
                                            gboolean     *already_added,
                                            GError      **error);
/* The largest .torrent accepted from a URL. */
#define SPATE_MAX_TORRENT_SIZE (32 * 1024 * 1024)

/* Gives existing the trackers and web seeds of info (the same torrent,
 * read from a magnet link or .torrent) that it lacks, as adding it again
 * would. Fails with SPATE_ERROR_INVALID_INPUT when info is another
 * torrent, SPATE_ERROR_NOT_FOUND when existing has left the session. */
gboolean spate_session_merge_trackers (SpateSession     *self,
                                       SpateTorrent     *existing,
                                       SpateTorrentInfo *info,
                                       GError          **error);

gboolean spate_session_remove (SpateSession *self,
                               SpateTorrent *torrent,
                               gboolean      delete_files,
                               GError      **error);

void     spate_session_pause (SpateSession *self);
void     spate_session_resume (SpateSession *self);
gboolean spate_session_get_paused (SpateSession *self);

/* libtorrent settings by name; value is 's', 'b' or an integer type. */
gboolean
spate_session_set_setting (SpateSession *self, const char *name, GVariant *value, GError **error);
/* a{sv}; all apply or none. */
gboolean  spate_session_apply_settings (SpateSession *self, GVariant *settings, GError **error);
GVariant *spate_session_get_setting (SpateSession *self, const char *name, GError **error);
/* Reads text ("true", "42", "a string") as the type libtorrent's setting
 * name has; the error names an unknown setting or a bad value. */
GVariant *spate_setting_value_from_string (const char *name, const char *text, GError **error);
gboolean
spate_session_add_dht_node (SpateSession *self, const char *host, int port, GError **error);

/* Adds address (IPv4 or IPv6 text) to the session's IP filter, so every
 * torrent drops its connections to it and refuses new ones. */
gboolean spate_session_ban_peer (SpateSession *self, const char *address, GError **error);

int    spate_session_get_download_rate (SpateSession *self);
int    spate_session_get_upload_rate (SpateSession *self);
gint64 spate_session_get_total_downloaded (SpateSession *self);
gint64 spate_session_get_total_uploaded (SpateSession *self);
int    spate_session_get_dht_nodes (SpateSession *self);
int    spate_session_get_listen_port (SpateSession *self);
/* A libtorrent session counter ("net.recv_bytes", …) from the last
 * once-a-second sample; -1 when unknown. */
gint64 spate_session_get_counter (SpateSession *self, const char *name);

/* The session's seeding goals (SPATE_GOAL_NONE where there is none; none
 * at first) and what happens to a torrent that reaches one: checked every
 * few seconds, announced by ::goal-reached just before it happens. */
void spate_session_set_seeding_goals (SpateSession            *self,
                                      const SpateSeedingGoals *goals,
                                      SpateGoalAction          action);
void spate_session_get_seeding_goals (SpateSession      *self,
                                      SpateSeedingGoals *goals,
                                      SpateGoalAction   *action);

/* Clean shutdown: pause, save every torrent that needs it, wait for the
 * writes (bounded by timeout_ms), then stop libtorrent off the main
 * thread. Once everything is saved, the session lets go of its data
 * folder: another session may open it. */
void     spate_session_close_async (SpateSession       *self,
                                    guint               timeout_ms,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean spate_session_close_finish (SpateSession *self, GAsyncResult *result, GError **error);
/* The same, iterating the session's main context until done. */
gboolean spate_session_close (SpateSession *self, guint timeout_ms, GError **error);

/* Preferences. An incomplete folder, when set, holds new downloads until
 * they finish; a completed folder, when set, is where finished downloads
 * move (else they move from the incomplete folder to where they would have
 * gone). NULL or "" turns either off. */
void        spate_session_set_incomplete_dir (SpateSession *self, const char *path);
const char *spate_session_get_incomplete_dir (SpateSession *self);
void        spate_session_set_completed_dir (SpateSession *self, const char *path);
const char *spate_session_get_completed_dir (SpateSession *self);
/* New torrents reserve their files' full size at once. */
void spate_session_set_preallocate (SpateSession *self, gboolean preallocate);
/* Added to every new torrent, after its own trackers, one tier each. */
void spate_session_set_default_trackers (SpateSession *self, const char * const *urls);
/* PeX is an extension libtorrent always loads: this turns it off torrent
 * by torrent, for the torrents there are and the ones to come. */
void     spate_session_set_pex_enabled (SpateSession *self, gboolean enabled);
gboolean spate_session_get_pex_enabled (SpateSession *self);
/* Connection and upload-slot limits new torrents get (-1: none). Torrents
 * still at the previous default follow; one given its own keeps it. */
void spate_session_set_torrent_limits (SpateSession *self, int max_connections, int max_uploads);

typedef enum
{
  SPATE_PORT_MAPPER_UPNP,
  SPATE_PORT_MAPPER_NATPMP,
} SpatePortMapper;

/* What a router's port mapper last said: TRUE with the external port, or
 * FALSE with its error (NULL while nothing was heard). */
gboolean spate_session_get_port_mapping (SpateSession   *self,
                                         SpatePortMapper mapper,
                                         int            *external_port,
                                         const char    **error);

/* preferences-api */
/* The IP filter: a blocklist (nullable) and the peers a person banned,
 * rebuilt whenever either changes. Bans are canonical address texts in
 * the order made; ::banned-peers-changed follows every change. */
void            spate_session_set_blocklist (SpateSession *self, SpateBlocklist *list);
SpateBlocklist *spate_session_get_blocklist (SpateSession *self);
gboolean        spate_session_unban_peer (SpateSession *self, const char *address, GError **error);
char          **spate_session_get_banned_peers (SpateSession *self);
void            spate_session_set_banned_peers (SpateSession *self, const char            *const *addresses);
/* Blocked ranges in force (the blocklist's, merged, and one per ban). */
gsize    spate_session_get_ip_filter_count (SpateSession *self);
gboolean spate_session_is_blocked (SpateSession *self, const char *address);
/* While on, files still downloading end in ".!st" on disk and get their
 * own name when complete; off renames them all back. Off at first. */
void     spate_session_set_incomplete_extension (SpateSession *self, gboolean enabled);
gboolean spate_session_get_incomplete_extension (SpateSession *self);
/* One libtorrent setting as the Advanced preferences show it. type is
 * G_VARIANT_TYPE_STRING, _INT32 or _BOOLEAN; the values have that type.
 * spate_default: what it is with no override (Spate's default). */
typedef struct
{
  char               *name;
  const GVariantType *type;
  GVariant           *spate_default;
  GVariant           *libtorrent_default;
  GVariant           *value;
} SpateSettingInfo;
void spate_setting_info_free (SpateSettingInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateSettingInfo, spate_setting_info_free)
/* Every libtorrent setting, sorted by name; frees its SpateSettingInfo. */
GPtrArray *spate_session_list_settings (SpateSession *self);
/* Spate's default for the setting name, or NULL when there is none. */
GVariant *spate_session_get_default_setting (const char *name);
/* The settings the disk-io key ("pread" or "mmap") stands for: a{sv},
 * floating. */
GVariant *spate_disk_io_settings (const char *mode);

G_END_DECLS
