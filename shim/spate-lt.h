/* spate-lt.h: libtorrent behind a C ABI.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * C99, GLib only. No libtorrent or STL type crosses this header. Every
 * fallible call takes a GError; a stale handle is an error, never a crash.
 * Functions that return a string or array hand over ownership unless noted.
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The shim is C++ that never throws across this header. */
#ifdef __cplusplus
#define SPATE_LT_NOEXCEPT noexcept
#else
#define SPATE_LT_NOEXCEPT
#endif

/* ------------------------------------------------------------------ errors */

#define SPATE_LT_ERROR (spate_lt_error_quark ())
GQuark spate_lt_error_quark (void) SPATE_LT_NOEXCEPT;

typedef enum
{
  SPATE_LT_ERROR_FAILED,
  SPATE_LT_ERROR_INVALID_ARGUMENT,
  SPATE_LT_ERROR_INVALID_TORRENT,
  SPATE_LT_ERROR_INVALID_MAGNET,
  SPATE_LT_ERROR_INVALID_RESUME_DATA,
  SPATE_LT_ERROR_UNKNOWN_SETTING,
  SPATE_LT_ERROR_SETTING_TYPE,
  SPATE_LT_ERROR_INVALID_HANDLE,
  SPATE_LT_ERROR_DUPLICATE_TORRENT,
  SPATE_LT_ERROR_NO_METADATA,
  SPATE_LT_ERROR_IO,
  SPATE_LT_ERROR_CANCELLED,
} SpateLtError;

/* An error as libtorrent reported it in an alert. category is NULL when
 * there is no error. */
typedef struct
{
  const char *category;
  int code;
  const char *message;
} SpateLtErrorInfo;

/* ------------------------------------------------------------ basic types */

typedef struct _SpateLtSession SpateLtSession;
typedef struct _SpateLtTorrent SpateLtTorrent;
typedef struct _SpateLtInfo SpateLtInfo;
typedef struct _SpateLtAddParams SpateLtAddParams;
typedef struct _SpateLtIpFilter SpateLtIpFilter;

typedef enum
{
  SPATE_LT_STATE_CHECKING_FILES,
  SPATE_LT_STATE_DOWNLOADING_METADATA,
  SPATE_LT_STATE_DOWNLOADING,
  SPATE_LT_STATE_FINISHED,
  SPATE_LT_STATE_SEEDING,
  SPATE_LT_STATE_CHECKING_RESUME_DATA,
} SpateLtTorrentState;

typedef enum /*< flags >*/
{
  SPATE_LT_TORRENT_PAUSED = 1 << 0,
  SPATE_LT_TORRENT_AUTO_MANAGED = 1 << 1,
  SPATE_LT_TORRENT_SEQUENTIAL = 1 << 2,
  SPATE_LT_TORRENT_SEED_MODE = 1 << 3,
  SPATE_LT_TORRENT_UPLOAD_MODE = 1 << 4,
  SPATE_LT_TORRENT_SHARE_MODE = 1 << 5,
  SPATE_LT_TORRENT_SUPER_SEEDING = 1 << 6,
  SPATE_LT_TORRENT_STOP_WHEN_READY = 1 << 7,
  SPATE_LT_TORRENT_APPLY_IP_FILTER = 1 << 8,
  SPATE_LT_TORRENT_DISABLE_DHT = 1 << 9,
  SPATE_LT_TORRENT_DISABLE_LSD = 1 << 10,
  SPATE_LT_TORRENT_DISABLE_PEX = 1 << 11,
} SpateLtTorrentFlags;

/* File and piece priorities, libtorrent's scale. */
enum
{
  SPATE_LT_PRIORITY_SKIP = 0,
  SPATE_LT_PRIORITY_LOW = 1,
  SPATE_LT_PRIORITY_NORMAL = 4,
  SPATE_LT_PRIORITY_HIGH = 7,
};

typedef enum
{
  SPATE_LT_WEB_SEED_URL,  /* BEP 19, GetRight style */
  SPATE_LT_WEB_SEED_HTTP, /* BEP 17, Hoffman style */
} SpateLtWebSeedType;

typedef struct
{
  char *url;
  SpateLtWebSeedType type;
} SpateLtWebSeed;

/* ---------------------------------------------------------------- status */

/* Every field of a full status. Strings are owned by the struct; release
 * them with spate_lt_status_clear(). */
typedef struct
{
  gpointer user_data;
  char *name;
  char *save_path;
  char *current_tracker;
  char info_hash_v1[41]; /* hex, "" when absent */
  char info_hash_v2[65]; /* hex, "" when absent */
  SpateLtTorrentState state;
  SpateLtTorrentFlags flags;
  gboolean paused;
  gboolean finished;
  gboolean seeding;
  gboolean has_metadata;
  gboolean moving_storage;
  gboolean need_save_resume;
  double progress; /* 0.0 .. 1.0 */
  int progress_ppm;
  int download_rate;       /* bytes/s, payload */
  int upload_rate;         /* bytes/s, payload */
  int download_rate_total; /* bytes/s, with overhead */
  int upload_rate_total;
  gint64 total_done;
  gint64 total_wanted_done;
  gint64 total_wanted;
  gint64 total_size;
  gint64 session_download; /* payload this session */
  gint64 session_upload;
  gint64 all_time_download;
  gint64 all_time_upload;
  gint64 total_failed_bytes;
  gint64 total_redundant_bytes;
  double ratio; /* all-time upload / downloaded; -1 is infinite */
  gint64 eta;   /* seconds, -1 when unknown */
  int num_peers;
  int num_seeds;
  int num_connections;
  int list_peers;
  int list_seeds;
  int num_complete;   /* from the tracker, -1 unknown */
  int num_incomplete; /* from the tracker, -1 unknown */
  int num_pieces;     /* pieces we have */
  int pieces_total;
  int piece_length;
  double distributed_copies; /* -1 when unknown */
  gint64 added_time;         /* unix seconds */
  gint64 completed_time;     /* unix seconds, 0 when never */
  gint64 active_seconds;
  gint64 seeding_seconds;
  gint64 finished_seconds;
  gint64 upload_idle_seconds; /* since payload last went out; -1 never */
  gint64 next_announce;       /* seconds from now */
  int queue_position;         /* -1 when not queued */
  SpateLtErrorInfo error;
  char *error_file; /* file the error is about, or NULL */
} SpateLtStatus;

void spate_lt_status_clear (SpateLtStatus *status) SPATE_LT_NOEXCEPT;

/* ------------------------------------------------------------------ peers */

typedef enum /*< flags >*/
{
  SPATE_LT_PEER_INTERESTING = 1 << 0,
  SPATE_LT_PEER_CHOKED = 1 << 1,
  SPATE_LT_PEER_REMOTE_INTERESTED = 1 << 2,
  SPATE_LT_PEER_REMOTE_CHOKED = 1 << 3,
  SPATE_LT_PEER_SEED = 1 << 4,
  SPATE_LT_PEER_OPTIMISTIC_UNCHOKE = 1 << 5,
  SPATE_LT_PEER_SNUBBED = 1 << 6,
  SPATE_LT_PEER_UPLOAD_ONLY = 1 << 7,
  SPATE_LT_PEER_ENDGAME = 1 << 8,
  SPATE_LT_PEER_HOLEPUNCHED = 1 << 9,
  SPATE_LT_PEER_OUTGOING = 1 << 10,
  SPATE_LT_PEER_ON_PAROLE = 1 << 11,
} SpateLtPeerFlags;

typedef enum /*< flags >*/
{
  SPATE_LT_PEER_SOURCE_TRACKER = 1 << 0,
  SPATE_LT_PEER_SOURCE_DHT = 1 << 1,
  SPATE_LT_PEER_SOURCE_PEX = 1 << 2,
  SPATE_LT_PEER_SOURCE_LSD = 1 << 3,
  SPATE_LT_PEER_SOURCE_RESUME = 1 << 4,
  SPATE_LT_PEER_SOURCE_INCOMING = 1 << 5,
} SpateLtPeerSource;

typedef enum
{
  SPATE_LT_CONNECTION_TCP,
  SPATE_LT_CONNECTION_UTP,
  SPATE_LT_CONNECTION_URL_SEED,
  SPATE_LT_CONNECTION_HTTP_SEED,
} SpateLtConnectionType;

typedef struct
{
  char *address; /* textual IP */
  guint16 port;
  char *client;
  SpateLtPeerFlags flags;
  SpateLtPeerSource source;
  SpateLtConnectionType connection;
  gboolean encrypted;
  gboolean ssl;
  double progress;
  int download_rate;
  int upload_rate;
  gint64 total_download;
  gint64 total_upload;
} SpateLtPeer;

/* ------------------------------------------------------------------ files */

typedef enum /*< flags >*/
{
  SPATE_LT_FILE_PAD = 1 << 0,
  SPATE_LT_FILE_HIDDEN = 1 << 1,
  SPATE_LT_FILE_EXECUTABLE = 1 << 2,
  SPATE_LT_FILE_SYMLINK = 1 << 3,
} SpateLtFileFlags;

typedef struct
{
  char *path; /* relative to the save path, '/' separated */
  gint64 size;
  gint64 offset;
  gint64 done; /* bytes downloaded; -1 in static info */
  guint8 priority;
  SpateLtFileFlags flags;
} SpateLtFile;

/* --------------------------------------------------------------- trackers */

typedef enum /*< flags >*/
{
  SPATE_LT_TRACKER_SOURCE_TORRENT = 1 << 0,
  SPATE_LT_TRACKER_SOURCE_CLIENT = 1 << 1,
  SPATE_LT_TRACKER_SOURCE_MAGNET = 1 << 2,
  SPATE_LT_TRACKER_SOURCE_TEX = 1 << 3,
} SpateLtTrackerSource;

typedef struct
{
  char *url;
  int tier;
  SpateLtTrackerSource source;
  gboolean verified;
  gboolean updating;
  int fails;
  char *message;         /* the tracker's last message, or NULL */
  char *last_error;      /* last error, or NULL */
  int scrape_complete;   /* -1 unknown */
  int scrape_incomplete; /* -1 unknown */
  int scrape_downloaded; /* -1 unknown */
  gint64 next_announce;  /* seconds from now, -1 unknown */
} SpateLtTracker;

/* ------------------------------------------------------------------ alerts */

typedef enum
{
  SPATE_LT_ALERT_OTHER,
  SPATE_LT_ALERT_TORRENT_ADDED,
  SPATE_LT_ALERT_METADATA_RECEIVED,
  SPATE_LT_ALERT_PIECE_FINISHED,
  SPATE_LT_ALERT_HASH_FAILED,
  SPATE_LT_ALERT_TORRENT_FINISHED,
  SPATE_LT_ALERT_TORRENT_ERROR,
  SPATE_LT_ALERT_STATE_CHANGED,
  SPATE_LT_ALERT_STATE_UPDATE,
  SPATE_LT_ALERT_TRACKER_ANNOUNCE,
  SPATE_LT_ALERT_TRACKER_REPLY,
  SPATE_LT_ALERT_TRACKER_WARNING,
  SPATE_LT_ALERT_TRACKER_ERROR,
  SPATE_LT_ALERT_SCRAPE_REPLY,
  SPATE_LT_ALERT_SCRAPE_FAILED,
  SPATE_LT_ALERT_RESUME_DATA,
  SPATE_LT_ALERT_RESUME_DATA_FAILED,
  SPATE_LT_ALERT_TORRENT_REMOVED,
  SPATE_LT_ALERT_TORRENT_DELETED,
  SPATE_LT_ALERT_TORRENT_DELETE_FAILED,
  SPATE_LT_ALERT_TORRENT_PAUSED,
  SPATE_LT_ALERT_TORRENT_RESUMED,
  SPATE_LT_ALERT_FILE_COMPLETED,
  SPATE_LT_ALERT_FILE_ERROR,
  SPATE_LT_ALERT_FILE_RENAMED,
  SPATE_LT_ALERT_FILE_RENAME_FAILED,
  SPATE_LT_ALERT_STORAGE_MOVED,
  SPATE_LT_ALERT_STORAGE_MOVE_FAILED,
  SPATE_LT_ALERT_FASTRESUME_REJECTED,
  SPATE_LT_ALERT_LISTEN_SUCCEEDED,
  SPATE_LT_ALERT_LISTEN_FAILED,
  SPATE_LT_ALERT_PORTMAP,
  SPATE_LT_ALERT_PORTMAP_ERROR,
  SPATE_LT_ALERT_EXTERNAL_IP,
  SPATE_LT_ALERT_DHT_BOOTSTRAP,
  SPATE_LT_ALERT_DHT_IMMUTABLE_ITEM,
  SPATE_LT_ALERT_DHT_MUTABLE_ITEM,
  SPATE_LT_ALERT_DHT_PUT,
  SPATE_LT_ALERT_DHT_GET_PEERS_REPLY,
  SPATE_LT_ALERT_TORRENT_NEED_CERT,
  SPATE_LT_ALERT_PERFORMANCE_WARNING,
  SPATE_LT_ALERT_ALERTS_DROPPED,
  SPATE_LT_ALERT_SESSION_STATS,
  SPATE_LT_ALERT_PEER_BLOCKED,
  SPATE_LT_ALERT_PEER_BANNED,
  SPATE_LT_ALERT_FILE_PRIORITY, /* a file priority change reached the disk */
  SPATE_LT_N_ALERT_KINDS
} SpateLtAlertKind;

/* One alert. Valid only during the SpateLtAlertFunc call; copy what you keep.
 * Fields not used by a kind are zero / NULL. */
typedef struct
{
  SpateLtAlertKind kind;
  const char *type_name; /* libtorrent's alert name, e.g. "torrent_finished" */
  const char *message;   /* libtorrent's description, for logs */
  gpointer user_data;    /* the torrent's pointer given at add time */
  SpateLtTorrent *torrent; /* borrowed; spate_lt_torrent_copy() to keep */
  char info_hash[65];      /* hex: v1 when present, else v2; "" none */
  SpateLtErrorInfo error;

  int index;            /* piece or file index, portmap index */
  const char *path;     /* file, new file name, storage path */
  const char *old_path; /* previous file name or storage path */
  const char *url;      /* tracker or web seed */
  const char *address;  /* listen, external or peer address */
  int port;
  const char *socket_type; /* "TCP", "uTP", "SSL/TCP", …, "UPnP", "NAT-PMP" */
  const char *operation;   /* what failed, e.g. "file_open" */

  SpateLtTorrentState old_state;
  SpateLtTorrentState state;

  int num_peers; /* tracker reply, DHT get_peers */
  int complete;  /* scrape */
  int incomplete;
  int downloaded;
  int times_in_row;
  int num_success; /* DHT put */
  int warning;     /* performance warning code */

  const SpateLtStatus *statuses; /* state update */
  gsize n_statuses;

  const guint8 *data; /* resume data or DHT item value */
  gsize size;
  const guint8 *public_key; /* 32 bytes, mutable items */
  const guint8 *signature;  /* 64 bytes */
  const guint8 *salt;
  gsize salt_size;
  gint64 seq;
  gboolean authoritative;

  const gint64 *counters; /* session stats, by metric index */
  gsize n_counters;

  gint64 time; /* when libtorrent posted it, in g_get_monotonic_time() µs */
} SpateLtAlert;

typedef void (*SpateLtAlertFunc) (const SpateLtAlert *alert,
                                  gpointer user_data);

const char *
spate_lt_alert_kind_to_string (SpateLtAlertKind kind) SPATE_LT_NOEXCEPT;

/* ---------------------------------------------------------------- session */

/* settings (sunk if floating): an a{sv} of libtorrent setting names to values ('s', 'b', or
 * any integer type), applied over Spate's defaults. state: bytes from
 * spate_lt_session_save_state() (the DHT's node ids and routing table only;
 * settings always come from the caller), or NULL. */
SpateLtSession *spate_lt_session_new (GVariant *settings, GBytes *state,
                                      GError **error) SPATE_LT_NOEXCEPT;
/* Blocks until libtorrent has shut down; call it from a worker thread. */
void spate_lt_session_free (SpateLtSession *session) SPATE_LT_NOEXCEPT;

int spate_lt_session_get_notify_fd (SpateLtSession *session) SPATE_LT_NOEXCEPT;
guint spate_lt_session_drain (SpateLtSession *session, SpateLtAlertFunc func,
                              gpointer user_data) SPATE_LT_NOEXCEPT;

gboolean spate_lt_session_set_int (SpateLtSession *session, const char *name,
                                   int value, GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_session_set_bool (SpateLtSession *session, const char *name,
                                    gboolean value,
                                    GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_session_set_string (SpateLtSession *session, const char *name,
                                      const char *value,
                                      GError **error) SPATE_LT_NOEXCEPT;
/* Checks every entry first: either all apply or none does. A floating
 * settings is sunk. */
gboolean spate_lt_session_apply_settings (SpateLtSession *session,
                                          GVariant *settings,
                                          GError **error) SPATE_LT_NOEXCEPT;
/* Returns a floating-free GVariant of type 's', 'i' or 'b'. */
GVariant *spate_lt_session_get_setting (SpateLtSession *session,
                                        const char *name,
                                        GError **error) SPATE_LT_NOEXCEPT;

typedef enum
{
  SPATE_LT_SETTING_STRING,
  SPATE_LT_SETTING_INT,
  SPATE_LT_SETTING_BOOL,
} SpateLtSettingType;

typedef struct
{
  char *name;
  SpateLtSettingType type;
  GVariant *default_value; /* libtorrent's own default */
  GVariant *value;         /* in force now */
} SpateLtSettingInfo;

/* Every setting libtorrent knows, sorted by name. GPtrArray of
 * SpateLtSettingInfo, with a free function set. */
GPtrArray *
spate_lt_session_list_settings (SpateLtSession *session) SPATE_LT_NOEXCEPT;
gboolean spate_lt_setting_lookup (const char *name, SpateLtSettingType *type,
                                  GError **error) SPATE_LT_NOEXCEPT;
/* What every setting is in a session made without settings: libtorrent's
 * defaults with Spate's own over them (pread/pwrite disk I/O, …). An a{sv}
 * of every setting by name, floating. */
GVariant *spate_lt_settings_get_defaults (void) SPATE_LT_NOEXCEPT;

void spate_lt_session_pause (SpateLtSession *session) SPATE_LT_NOEXCEPT;
void spate_lt_session_resume (SpateLtSession *session) SPATE_LT_NOEXCEPT;
gboolean spate_lt_session_is_paused (SpateLtSession *session) SPATE_LT_NOEXCEPT;
/* 0 when not listening. */
int
spate_lt_session_get_listen_port (SpateLtSession *session) SPATE_LT_NOEXCEPT;
/* Asks for a SPATE_LT_ALERT_STATE_UPDATE with the torrents that changed,
 * each with every SpateLtStatus field filled. */
void spate_lt_session_post_torrent_updates (SpateLtSession *session)
  SPATE_LT_NOEXCEPT;
/* Asks for a SPATE_LT_ALERT_SESSION_STATS. */
void spate_lt_session_post_stats (SpateLtSession *session) SPATE_LT_NOEXCEPT;
/* Index into SpateLtAlert.counters, or -1 with an error. */
int spate_lt_stats_metric_index (const char *name,
                                 GError **error) SPATE_LT_NOEXCEPT;
/* NULL-terminated, sorted; free with g_strfreev(). */
char **spate_lt_stats_metric_names (void) SPATE_LT_NOEXCEPT;

gboolean spate_lt_session_add_dht_node (SpateLtSession *session,
                                        const char *host, int port,
                                        GError **error) SPATE_LT_NOEXCEPT;
gboolean
spate_lt_session_is_dht_running (SpateLtSession *session) SPATE_LT_NOEXCEPT;
/* The DHT's node ids and routing table, for spate_lt_session_new(). */
GBytes *spate_lt_session_save_state (SpateLtSession *session,
                                     GError **error) SPATE_LT_NOEXCEPT;

typedef enum
{
  SPATE_LT_ENCRYPTION_DISABLED, /* plaintext only */
  SPATE_LT_ENCRYPTION_ENABLED,  /* either, prefer encrypted */
  SPATE_LT_ENCRYPTION_FORCED,   /* encrypted only */
} SpateLtEncryption;

void
spate_lt_session_set_encryption (SpateLtSession *session,
                                 SpateLtEncryption policy) SPATE_LT_NOEXCEPT;
SpateLtEncryption
spate_lt_session_get_encryption (SpateLtSession *session) SPATE_LT_NOEXCEPT;

/* ---------------------------------------------------------------- IP filter */

SpateLtIpFilter *spate_lt_ip_filter_new (void) SPATE_LT_NOEXCEPT;
void spate_lt_ip_filter_free (SpateLtIpFilter *filter) SPATE_LT_NOEXCEPT;
/* first and last are IPv4 or IPv6 addresses of the same family. */
gboolean spate_lt_ip_filter_add_range (SpateLtIpFilter *filter,
                                       const char *first, const char *last,
                                       gboolean blocked,
                                       GError **error) SPATE_LT_NOEXCEPT;
/* Number of blocked ranges. */
gsize spate_lt_ip_filter_count (SpateLtIpFilter *filter) SPATE_LT_NOEXCEPT;
gboolean spate_lt_ip_filter_is_blocked (SpateLtIpFilter *filter,
                                        const char *address,
                                        GError **error) SPATE_LT_NOEXCEPT;
void spate_lt_session_set_ip_filter (SpateLtSession *session,
                                     SpateLtIpFilter *filter) SPATE_LT_NOEXCEPT;
/* A copy of the filter in force. */
SpateLtIpFilter *
spate_lt_session_get_ip_filter (SpateLtSession *session) SPATE_LT_NOEXCEPT;
void
spate_lt_session_clear_ip_filter (SpateLtSession *session) SPATE_LT_NOEXCEPT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateLtIpFilter, spate_lt_ip_filter_free)

/* ---------------------------------------------------- parsing torrent data */

/* Parses .torrent bytes or a magnet URI without a session. */
SpateLtInfo *spate_lt_info_new_from_bytes (const guint8 *data, gsize size,
                                           GError **error) SPATE_LT_NOEXCEPT;
SpateLtInfo *spate_lt_info_new_from_magnet (const char *uri,
                                            GError **error) SPATE_LT_NOEXCEPT;
SpateLtInfo *spate_lt_info_new_from_file (const char *path,
                                          GError **error) SPATE_LT_NOEXCEPT;
void spate_lt_info_free (SpateLtInfo *info) SPATE_LT_NOEXCEPT;

/* FALSE for a magnet link whose metadata is unknown. */
gboolean spate_lt_info_has_metadata (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
const char *spate_lt_info_get_name (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
/* Hex digests, or NULL when the torrent has no such hash. */
const char *
spate_lt_info_get_info_hash_v1 (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
const char *
spate_lt_info_get_info_hash_v2 (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
/* Bytes of payload, pad files left out. */
gint64 spate_lt_info_get_total_size (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
int spate_lt_info_get_num_pieces (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
int spate_lt_info_get_piece_length (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
int spate_lt_info_get_num_files (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
/* Fills out for file index; free out->path with g_free(). priority is 4,
 * done is -1. */
gboolean spate_lt_info_get_file (SpateLtInfo *info, int index,
                                 SpateLtFile *out) SPATE_LT_NOEXCEPT;
int spate_lt_info_get_num_trackers (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
const char *spate_lt_info_get_tracker (SpateLtInfo *info, int index,
                                       int *tier) SPATE_LT_NOEXCEPT;
int spate_lt_info_get_num_web_seeds (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
const char *
spate_lt_info_get_web_seed (SpateLtInfo *info, int index,
                            SpateLtWebSeedType *type) SPATE_LT_NOEXCEPT;
const char *spate_lt_info_get_comment (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
const char *spate_lt_info_get_creator (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
gint64 spate_lt_info_get_creation_date (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
gboolean spate_lt_info_is_private (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
char *spate_lt_info_make_magnet (SpateLtInfo *info) SPATE_LT_NOEXCEPT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateLtInfo, spate_lt_info_free)

/* ------------------------------------------------------------------ adding */

SpateLtAddParams *
spate_lt_add_params_new_from_bytes (const guint8 *data, gsize size,
                                    GError **error) SPATE_LT_NOEXCEPT;
SpateLtAddParams *
spate_lt_add_params_new_from_info (SpateLtInfo *info) SPATE_LT_NOEXCEPT;
SpateLtAddParams *
spate_lt_add_params_new_from_magnet (const char *uri,
                                     GError **error) SPATE_LT_NOEXCEPT;
SpateLtAddParams *
spate_lt_add_params_new_from_resume (const guint8 *data, gsize size,
                                     GError **error) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_free (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;

/* Spate's own per-torrent values travel inside the resume data, under a
 * "spate" dictionary libtorrent ignores, so they are saved as atomically as
 * the progress. extras is an a{sv} of int64 ("x") and string ("s") values,
 * consumed if floating; NULL or empty removes the dictionary. */
GBytes *spate_lt_resume_data_set_extras (const guint8 *data, gsize size,
                                         GVariant *extras,
                                         GError **error) SPATE_LT_NOEXCEPT;
/* The a{sv} stored by spate_lt_resume_data_set_extras(), floating; an empty
 * one when there is none or the data cannot be read. */
GVariant *spate_lt_resume_data_get_extras (const guint8 *data,
                                           gsize size) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_set_save_path (SpateLtAddParams *params,
                                        const char *path) SPATE_LT_NOEXCEPT;
const char *
spate_lt_add_params_get_save_path (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
/* Replaces the add-time flags. Default: AUTO_MANAGED | APPLY_IP_FILTER.
 * PAUSED without AUTO_MANAGED stays paused until resumed. */
void
spate_lt_add_params_set_flags (SpateLtAddParams *params,
                               SpateLtTorrentFlags flags) SPATE_LT_NOEXCEPT;
SpateLtTorrentFlags
spate_lt_add_params_get_flags (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_set_file_priorities (SpateLtAddParams *params,
                                              const guint8 *priorities,
                                              gsize n) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_add_tracker (SpateLtAddParams *params, const char *url,
                                      int tier) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_add_web_seed (SpateLtAddParams *params,
                                       const char *url) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_add_peer (SpateLtAddParams *params,
                                   const char *address,
                                   int port) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_set_name (SpateLtAddParams *params,
                                   const char *name) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_set_limits (SpateLtAddParams *params, int download,
                                     int upload) SPATE_LT_NOEXCEPT;
/* Reserve every file's full size when the torrent starts (libtorrent's
 * storage_mode_allocate) instead of sparse files. */
void
spate_lt_add_params_set_preallocate (SpateLtAddParams *params,
                                     gboolean preallocate) SPATE_LT_NOEXCEPT;
void spate_lt_add_params_set_user_data (SpateLtAddParams *params,
                                        gpointer user_data) SPATE_LT_NOEXCEPT;
/* Hex v1 hash when present, else v2; "" for nothing. Borrowed. */
const char *
spate_lt_add_params_get_info_hash (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
/* TRUE when info_hash (hex) is the v1 or the v2 hash of this torrent. */
gboolean
spate_lt_add_params_has_info_hash (SpateLtAddParams *params,
                                   const char *info_hash) SPATE_LT_NOEXCEPT;
/* The name the torrent will show: metadata name, magnet dn, or hash. */
const char *
spate_lt_add_params_get_name (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
gboolean
spate_lt_add_params_has_metadata (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
/* TRUE when the params (from resume data) claim every piece: a seed. */
gboolean
spate_lt_add_params_has_all_pieces (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
/* The status a torrent added with these params will report once libtorrent
 * has read them (progress from the resume data's pieces), without asking
 * it: for a torrent being restored, until its first status update. Release
 * with spate_lt_status_clear(). */
void spate_lt_add_params_get_status (SpateLtAddParams *params,
                                     SpateLtStatus *status) SPATE_LT_NOEXCEPT;
/* TRUE when they claim at least one piece: files should be on disk. */
gboolean
spate_lt_add_params_has_any_piece (SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
/* Gives a magnet's params the metadata (.torrent bytes) its peers sent,
 * keeping the magnet's trackers, peers and web seeds. Fails with
 * SPATE_LT_ERROR_INVALID_TORRENT for bad bytes and
 * SPATE_LT_ERROR_INVALID_ARGUMENT when they describe another torrent. */
gboolean spate_lt_add_params_set_metadata (SpateLtAddParams *params,
                                           const guint8 *data, gsize size,
                                           GError **error) SPATE_LT_NOEXCEPT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateLtAddParams, spate_lt_add_params_free)

/* Adds synchronously. A torrent already in the session fails with
 * SPATE_LT_ERROR_DUPLICATE_TORRENT. */
SpateLtTorrent *spate_lt_session_add (SpateLtSession *session,
                                      SpateLtAddParams *params,
                                      GError **error) SPATE_LT_NOEXCEPT;
/* Adds in the background; the handle arrives in SPATE_LT_ALERT_TORRENT_ADDED
 * together with the user pointer (or the error). */
void spate_lt_session_add_async (SpateLtSession *session,
                                 SpateLtAddParams *params) SPATE_LT_NOEXCEPT;
/* The torrent with this hex info-hash (v1 or v2), or NULL. */
SpateLtTorrent *spate_lt_session_find (SpateLtSession *session,
                                       const char *info_hash) SPATE_LT_NOEXCEPT;
/* GPtrArray of SpateLtTorrent, freeing. */
GPtrArray *
spate_lt_session_get_torrents (SpateLtSession *session) SPATE_LT_NOEXCEPT;
/* For tests: how many entries libtorrent's internal per-state torrent lists
 * hold (auto-managed, want-tick, want-peers and the like). 0 once every
 * torrent is removed; more means a removed or freed torrent stayed listed,
 * which crashes the session at its next pass over that list. */
guint spate_lt_session_count_listed (SpateLtSession *session) SPATE_LT_NOEXCEPT;

/* -------------------------------------------------------------- a torrent */

SpateLtTorrent *
spate_lt_torrent_copy (SpateLtTorrent *torrent) SPATE_LT_NOEXCEPT;
void spate_lt_torrent_free (SpateLtTorrent *torrent) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_is_valid (SpateLtTorrent *torrent) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_equal (SpateLtTorrent *a,
                                 SpateLtTorrent *b) SPATE_LT_NOEXCEPT;
/* The pointer given at add time, without a round trip to libtorrent. */
gpointer
spate_lt_torrent_get_user_data (SpateLtTorrent *torrent) SPATE_LT_NOEXCEPT;
/* Hex v1 hash when present, else v2. */
char *
spate_lt_torrent_get_info_hash (SpateLtTorrent *torrent) SPATE_LT_NOEXCEPT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateLtTorrent, spate_lt_torrent_free)

/* Answered by SPATE_LT_ALERT_TORRENT_REMOVED, then with delete_files by
 * _TORRENT_DELETED or _TORRENT_DELETE_FAILED; all carry the user pointer. */
gboolean spate_lt_session_remove (SpateLtSession *session,
                                  SpateLtTorrent *torrent,
                                  gboolean delete_files,
                                  GError **error) SPATE_LT_NOEXCEPT;

/* pause() also takes the torrent out of automatic queueing so it stays
 * paused; resume() puts it back under the queue unless force is set. */
gboolean spate_lt_torrent_pause (SpateLtTorrent *torrent,
                                 GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_resume (SpateLtTorrent *torrent, gboolean force,
                                  GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_force_recheck (SpateLtTorrent *torrent,
                                         GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_force_reannounce (SpateLtTorrent *torrent,
                                            GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_force_dht_announce (SpateLtTorrent *torrent,
                                              GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_scrape (SpateLtTorrent *torrent,
                                  GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_move_storage (SpateLtTorrent *torrent,
                                        const char *path,
                                        gboolean replace_existing,
                                        GError **error) SPATE_LT_NOEXCEPT;
/* new_name is relative to the save path; it must stay inside it. */
gboolean spate_lt_torrent_rename_file (SpateLtTorrent *torrent, int index,
                                       const char *new_name,
                                       GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_clear_error (SpateLtTorrent *torrent,
                                       GError **error) SPATE_LT_NOEXCEPT;
/* Sets the flags in mask to their value in flags. */
gboolean spate_lt_torrent_set_flags (SpateLtTorrent *torrent,
                                     SpateLtTorrentFlags flags,
                                     SpateLtTorrentFlags mask,
                                     GError **error) SPATE_LT_NOEXCEPT;
SpateLtTorrentFlags
spate_lt_torrent_get_flags (SpateLtTorrent *torrent,
                            GError **error) SPATE_LT_NOEXCEPT;

typedef enum
{
  SPATE_LT_QUEUE_UP,
  SPATE_LT_QUEUE_DOWN,
  SPATE_LT_QUEUE_TOP,
  SPATE_LT_QUEUE_BOTTOM,
} SpateLtQueueMove;

gboolean spate_lt_torrent_queue_move (SpateLtTorrent *torrent,
                                      SpateLtQueueMove move,
                                      GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_set_queue_position (SpateLtTorrent *torrent,
                                              int position,
                                              GError **error) SPATE_LT_NOEXCEPT;
/* -1 when not queued (seeding or not auto-managed); -2 with an error. */
int spate_lt_torrent_get_queue_position (SpateLtTorrent *torrent,
                                         GError **error) SPATE_LT_NOEXCEPT;

/* Limits in bytes/s (0 = unlimited); counts (-1 = unlimited). */
gboolean spate_lt_torrent_set_download_limit (SpateLtTorrent *torrent,
                                              int limit,
                                              GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_set_upload_limit (SpateLtTorrent *torrent, int limit,
                                            GError **error) SPATE_LT_NOEXCEPT;
gboolean
spate_lt_torrent_set_max_connections (SpateLtTorrent *torrent, int max,
                                      GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_set_max_uploads (SpateLtTorrent *torrent, int max,
                                           GError **error) SPATE_LT_NOEXCEPT;
typedef struct
{
  int download_limit;
  int upload_limit;
  int max_connections;
  int max_uploads;
} SpateLtLimits;
gboolean spate_lt_torrent_get_limits (SpateLtTorrent *torrent,
                                      SpateLtLimits *limits,
                                      GError **error) SPATE_LT_NOEXCEPT;

gboolean spate_lt_torrent_set_file_priority (SpateLtTorrent *torrent, int index,
                                             guint8 priority,
                                             GError **error) SPATE_LT_NOEXCEPT;
gboolean
spate_lt_torrent_set_file_priorities (SpateLtTorrent *torrent,
                                      const guint8 *priorities, gsize n,
                                      GError **error) SPATE_LT_NOEXCEPT;
/* GBytes of one priority byte per file. */
GBytes *spate_lt_torrent_get_file_priorities (SpateLtTorrent *torrent,
                                              GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_set_piece_priority (SpateLtTorrent *torrent,
                                              int piece, guint8 priority,
                                              GError **error) SPATE_LT_NOEXCEPT;
GBytes *
spate_lt_torrent_get_piece_priorities (SpateLtTorrent *torrent,
                                       GError **error) SPATE_LT_NOEXCEPT;
/* With enable, every piece takes its files' priority and the first and
 * last pieces of each wanted file (1 % of the file at each end, at least
 * one piece) SPATE_LT_PRIORITY_HIGH; without, pieces go back to their
 * files' priority. A later file priority change replaces it.
 * SPATE_LT_ERROR_NO_METADATA before metadata. */
gboolean spate_lt_torrent_set_first_last_pieces (
  SpateLtTorrent *torrent, gboolean enable, GError **error) SPATE_LT_NOEXCEPT;
/* Ask for piece within deadline_ms (streaming). */
gboolean spate_lt_torrent_set_piece_deadline (SpateLtTorrent *torrent,
                                              int piece, int deadline_ms,
                                              GError **error) SPATE_LT_NOEXCEPT;
gboolean
spate_lt_torrent_reset_piece_deadline (SpateLtTorrent *torrent, int piece,
                                       GError **error) SPATE_LT_NOEXCEPT;
gboolean
spate_lt_torrent_clear_piece_deadlines (SpateLtTorrent *torrent,
                                        GError **error) SPATE_LT_NOEXCEPT;

gboolean spate_lt_torrent_add_tracker (SpateLtTorrent *torrent, const char *url,
                                       int tier,
                                       GError **error) SPATE_LT_NOEXCEPT;
/* urls is NULL-terminated; tiers may be NULL (tier = index). */
gboolean spate_lt_torrent_replace_trackers (SpateLtTorrent *torrent,
                                            const char * const *urls,
                                            const int *tiers,
                                            GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_add_web_seed (SpateLtTorrent *torrent,
                                        const char *url,
                                        SpateLtWebSeedType type,
                                        GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_remove_web_seed (SpateLtTorrent *torrent,
                                           const char *url,
                                           SpateLtWebSeedType type,
                                           GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_torrent_connect_peer (SpateLtTorrent *torrent,
                                        const char *address, int port,
                                        GError **error) SPATE_LT_NOEXCEPT;

typedef enum /*< flags >*/
{
  SPATE_LT_RESUME_FLUSH_CACHE = 1 << 0,
  SPATE_LT_RESUME_SAVE_INFO_DICT = 1 << 1,
  SPATE_LT_RESUME_ONLY_IF_MODIFIED = 1 << 2,
} SpateLtResumeFlags;

/* Answered by SPATE_LT_ALERT_RESUME_DATA or _RESUME_DATA_FAILED. */
gboolean
spate_lt_torrent_request_resume_data (SpateLtTorrent *torrent,
                                      SpateLtResumeFlags flags,
                                      GError **error) SPATE_LT_NOEXCEPT;
/* PEM text or file paths as libtorrent takes them (SSL torrents). */
gboolean spate_lt_torrent_set_ssl_certificate (
  SpateLtTorrent *torrent, const char *certificate, const char *private_key,
  const char *dh_params, const char *passphrase,
  GError **error) SPATE_LT_NOEXCEPT;

/* ----------------------------------------------------------------- queries */

gboolean spate_lt_torrent_get_status (SpateLtTorrent *torrent,
                                      SpateLtStatus *status,
                                      GError **error) SPATE_LT_NOEXCEPT;
/* GArray of SpateLtPeer with a clear function set. */
GArray *spate_lt_torrent_get_peers (SpateLtTorrent *torrent,
                                    GError **error) SPATE_LT_NOEXCEPT;
/* GArray of SpateLtFile with progress and priority; SPATE_LT_ERROR_NO_METADATA
 * before metadata. */
GArray *spate_lt_torrent_get_files (SpateLtTorrent *torrent,
                                    GError **error) SPATE_LT_NOEXCEPT;
/* Bytes done per file, as a GArray of gint64. */
GArray *spate_lt_torrent_get_file_progress (SpateLtTorrent *torrent,
                                            GError **error) SPATE_LT_NOEXCEPT;
/* GArray of SpateLtTracker with a clear function set. */
GArray *spate_lt_torrent_get_trackers (SpateLtTorrent *torrent,
                                       GError **error) SPATE_LT_NOEXCEPT;
/* GArray of SpateLtWebSeed with a clear function set. */
GArray *spate_lt_torrent_get_web_seeds (SpateLtTorrent *torrent,
                                        GError **error) SPATE_LT_NOEXCEPT;
/* One byte per piece, 1 when we have it. */
GBytes *spate_lt_torrent_get_have_pieces (SpateLtTorrent *torrent,
                                          GError **error) SPATE_LT_NOEXCEPT;
/* Number of peers that have each piece, as a GArray of int. */
GArray *
spate_lt_torrent_get_piece_availability (SpateLtTorrent *torrent,
                                         GError **error) SPATE_LT_NOEXCEPT;
/* Static info once metadata is there; SPATE_LT_ERROR_NO_METADATA before. */
SpateLtInfo *spate_lt_torrent_get_info (SpateLtTorrent *torrent,
                                        GError **error) SPATE_LT_NOEXCEPT;
char *spate_lt_torrent_make_magnet (SpateLtTorrent *torrent,
                                    GError **error) SPATE_LT_NOEXCEPT;
/* A .torrent of the torrent as it is now: its info dictionary with its
 * current trackers and web seeds. SPATE_LT_ERROR_NO_METADATA before
 * metadata. */
GBytes *spate_lt_torrent_get_torrent_file (SpateLtTorrent *torrent,
                                           GError **error) SPATE_LT_NOEXCEPT;

/* ------------------------------------------------------- DHT items (BEP 44) */

void spate_lt_ed25519_create_seed (guint8 seed[32]) SPATE_LT_NOEXCEPT;
void
spate_lt_ed25519_keypair_from_seed (const guint8 seed[32],
                                    guint8 public_key[32],
                                    guint8 secret_key[64]) SPATE_LT_NOEXCEPT;
/* Stores value as a bencoded string; target_hex receives the SHA-1 target. */
gboolean spate_lt_session_dht_put_immutable (SpateLtSession *session,
                                             const guint8 *value, gsize size,
                                             char target_hex[41],
                                             GError **error) SPATE_LT_NOEXCEPT;
/* Answered by SPATE_LT_ALERT_DHT_IMMUTABLE_ITEM. */
gboolean spate_lt_session_dht_get_immutable (SpateLtSession *session,
                                             const char *target_hex,
                                             GError **error) SPATE_LT_NOEXCEPT;
/* Signs in the shim, taking the next sequence number above what the DHT
 * holds. Answered by SPATE_LT_ALERT_DHT_PUT. */
gboolean spate_lt_session_dht_put_mutable (SpateLtSession *session,
                                           const guint8 public_key[32],
                                           const guint8 secret_key[64],
                                           const guint8 *salt, gsize salt_size,
                                           const guint8 *value, gsize size,
                                           GError **error) SPATE_LT_NOEXCEPT;
/* Answered by SPATE_LT_ALERT_DHT_MUTABLE_ITEM. */
gboolean spate_lt_session_dht_get_mutable (SpateLtSession *session,
                                           const guint8 public_key[32],
                                           const guint8 *salt, gsize salt_size,
                                           GError **error) SPATE_LT_NOEXCEPT;
gboolean spate_lt_session_dht_announce (SpateLtSession *session,
                                        const char *info_hash_hex, int port,
                                        GError **error) SPATE_LT_NOEXCEPT;
/* Answered by SPATE_LT_ALERT_DHT_GET_PEERS_REPLY. */
gboolean spate_lt_session_dht_get_peers (SpateLtSession *session,
                                         const char *info_hash_hex,
                                         GError **error) SPATE_LT_NOEXCEPT;

/* ---------------------------------------------------------- creating torrents */

typedef enum
{
  SPATE_LT_CREATE_HYBRID,
  SPATE_LT_CREATE_V1,
  SPATE_LT_CREATE_V2,
} SpateLtCreateFormat;

typedef struct
{
  const char *path; /* file or folder */
  int piece_size;   /* bytes, power of two >= 16 KiB; 0 = auto */
  SpateLtCreateFormat format;
  const char * const *trackers;  /* NULL-terminated, or NULL */
  const int *tracker_tiers;      /* one per tracker, or NULL for 0, 1, 2 … */
  const char * const *web_seeds; /* NULL-terminated, or NULL */
  gboolean is_private;
  const char *comment;
  const char *creator;
  const char *source;
  gboolean no_creation_date;
} SpateLtCreateParams;

/* Called after each hashed piece; safe for a worker thread. */
typedef void (*SpateLtCreateProgress) (int pieces_done, int pieces_total,
                                       gpointer user_data);

/* Returns the .torrent bytes. Blocking: run it in a GTask thread. Cancel
 * with the cancellable (SPATE_LT_ERROR_CANCELLED). */
GBytes *spate_lt_create_torrent (const SpateLtCreateParams *params,
                                 SpateLtCreateProgress progress,
                                 gpointer user_data, GCancellable *cancellable,
                                 GError **error) SPATE_LT_NOEXCEPT;

G_END_DECLS
