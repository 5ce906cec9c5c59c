/* spate-session.h: the engine: torrents, settings, persistence.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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

/* preferences-api */

G_END_DECLS
