/* spate-session-internal.h: shared by the spate-session*.c files only.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-session-private.h"
#include "spate-restore-reader.h"

G_BEGIN_DECLS

enum
{
  TORRENT_ADDED,
  TORRENT_REMOVED,
  TORRENT_FINISHED,
  METADATA_RECEIVED,
  TORRENT_ERROR,
  LISTEN_FAILED,
  SAVE_FAILED,
  RESTORE_FAILED,
  STATUS_UPDATED,
  GOAL_REACHED,
  /* more-signal-ids */
  BANNED_PEERS_CHANGED,
  N_SIGNALS
};

extern guint _spate_session_signals[N_SIGNALS];

typedef struct _SpateSessionDht SpateSessionDht;

struct _SpateSession
{
  GObject parent_instance;

  SpateLtSession   *lt;
  SpateStore       *store;
  SpateTorrentList *torrents;
  GHashTable       *removing;  /* SpateTorrent, owned, until libtorrent lets go */
  GHashTable       *watched;   /* SpateTorrent with live child models */
  GHashTable       *save_soon; /* SpateTorrent, owned, to save at the next flush */
  GPtrArray        *fetches;   /* SpateMetadataFetch, unowned, with a hidden torrent */
  char             *download_dir;

  SpateSessionAlertObserver alert_observer;
  gpointer                  alert_observer_data;

  guint alert_source;
  guint status_source;
  guint save_source;
  guint save_soon_source;
  guint index_source;
  guint restore_source;

  GPtrArray          *restore_queue; /* SpateStoreEntry still to add */
  guint               restore_next;
  SpateRestoreReader *restore_reader; /* reads restore_queue ahead */
  guint               restore_limit;  /* torrents the next slice may add */

  guint    outstanding_saves; /* resume data asked for, not yet arrived */
  gboolean closing;

  int      download_rate;
  int      upload_rate;
  gint64   total_downloaded;
  gint64   total_uploaded;
  int      dht_nodes;
  int      listen_port;
  gboolean paused;
  gboolean restoring;

  SpateTorrent *last_duplicate; /* see spate_session_add_uri_finish() */

  gint64 *counters;
  gsize   n_counters;

  SpateSessionDht *dht; /* BEP 44 requests, spate-session-dht.c */

  /* spate-session-goals.c */
  SpateSeedingGoals goals;
  SpateGoalAction   goal_action;
  guint             goals_source;

  /* spate-session-prefs.c */
  char    *incomplete_dir;
  char    *completed_dir;
  char   **default_trackers;
  gboolean preallocate;
  gboolean pex_disabled;
  int      torrent_max_connections;
  int      torrent_max_uploads;
  int      mapped_port[2];   /* by SpatePortMapper; 0 for none */
  char    *mapping_error[2]; /* by SpatePortMapper */

  /* preferences-fields */
  /* spate-session-filter.c */
  SpateBlocklist *blocklist;
  GPtrArray      *banned; /* canonical address texts, or NULL */
  /* spate-session-extension.c */
  gboolean incomplete_extension;
  gpointer extension_pass; /* the pass to come, while it is to come */
  /* spate-session-files.c */
  GHashTable *checking_files; /* SpateTorrent, owned, while its files are looked at */
};

void _spate_session_resume_data_arrived (SpateSession *self,
                                         SpateTorrent *torrent,
                                         const char   *info_hash,
                                         const guint8 *data,
                                         gsize         size);
void _spate_session_set_restoring (SpateSession *self, gboolean restoring);

/* spate-session.c: status updates, shared with spate-session-alerts.c */
void _spate_session_apply_statuses (SpateSession *self, const SpateLtStatus *statuses, gsize n);
void _spate_session_apply_stats (SpateSession *self, const gint64 *counters, gsize n);
void _spate_session_refresh_torrent (SpateSession *self, SpateTorrent *torrent);
void _spate_session_schedule_status (SpateSession *self);
void _spate_session_update_listen_port (SpateSession *self);

/* spate-session-alerts.c */
gboolean _spate_session_on_notify_fd (int fd, GIOCondition condition, gpointer data);

void _spate_session_teardown (SpateSession *self);
void _spate_session_goals_start (SpateSession *self);
void _spate_session_retry_failed_saves (SpateSession *self);
void _spate_session_prefs_params (SpateSession          *self,
                                  SpateTorrent          *torrent,
                                  SpateLtAddParams      *params,
                                  const SpateAddOptions *options,
                                  gboolean               restoring);
void _spate_session_prefs_added (SpateSession *self, SpateTorrent *torrent, gboolean restoring);
void
_spate_session_prefs_alert (SpateSession *self, SpateTorrent *torrent, const SpateLtAlert *alert);
void _spate_session_prefs_dispose (SpateSession *self);
void _spate_session_dht_alert (SpateSession *self, const SpateLtAlert *alert);
void _spate_session_dht_dispose (SpateSession *self);
void _spate_session_request_save_now (SpateSession *self,
                                      SpateTorrent *torrent,
                                      gboolean      only_if_modified);
/* spate-session-extension.c */
void _spate_session_extension_added (SpateSession *self, SpateTorrent *torrent);
void _spate_session_extension_alert (SpateSession       *self,
                                     SpateTorrent       *torrent,
                                     const SpateLtAlert *alert);

/* spate-session-filter.c */
void _spate_session_filter_dispose (SpateSession *self);

/* spate-session-files.c: looks in a worker thread for the files of
 * torrent that hold data; one that is gone holds it in an error naming it. */
void _spate_session_check_files (SpateSession *self, SpateTorrent *torrent);
/* After a FILE_ERROR alert about torrent, refreshed: TRUE when it was a
 * read that failed, which this shows. */
gboolean
_spate_session_read_failed (SpateSession *self, SpateTorrent *torrent, const SpateLtAlert *alert);

G_END_DECLS
