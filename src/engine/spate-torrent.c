/* spate-torrent.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties mirror the last status libtorrent reported. Status arrives as
 * deltas (only torrents that changed); each field is compared and only real
 * changes notify, all of them in one freeze/thaw.
 */

#include <errno.h>

#include "spate-display-name.h"
#include "spate-engine-enums.h"
#include "spate-error.h"
#include "spate-session-private.h"
#include "spate-torrent-internal.h"

G_DEFINE_FINAL_TYPE (SpateTorrent, spate_torrent, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INFO_HASH,
  PROP_STATE,
  /* strings */
  PROP_NAME,
  PROP_SAVE_PATH,
  PROP_CURRENT_TRACKER,
  PROP_ERROR,
  PROP_ERROR_FILE,
  PROP_INFO_HASH_V1,
  PROP_INFO_HASH_V2,
  PROP_FIRST_LAST_PIECES,
  PROP_RATIO_GOAL,
  PROP_SEEDING_TIME_GOAL,
  PROP_INACTIVE_TIME_GOAL,
  /* numbers, straight from the status */
  PROP_FLAGS,
  PROP_HAS_METADATA,
  PROP_IS_FINISHED,
  PROP_IS_SEEDING,
  PROP_MOVING,
  PROP_PROGRESS,
  PROP_DOWNLOAD_RATE,
  PROP_UPLOAD_RATE,
  PROP_TOTAL_DONE,
  PROP_WANTED_DONE,
  PROP_WANTED_SIZE,
  PROP_TOTAL_SIZE,
  PROP_SESSION_DOWNLOADED,
  PROP_SESSION_UPLOADED,
  PROP_DOWNLOADED,
  PROP_UPLOADED,
  PROP_FAILED_BYTES,
  PROP_REDUNDANT_BYTES,
  PROP_RATIO,
  PROP_ETA,
  PROP_NUM_PEERS,
  PROP_NUM_SEEDS,
  PROP_NUM_CONNECTIONS,
  PROP_LIST_PEERS,
  PROP_LIST_SEEDS,
  PROP_SWARM_SEEDS,
  PROP_SWARM_PEERS,
  PROP_PIECES_DONE,
  PROP_PIECES_TOTAL,
  PROP_PIECE_LENGTH,
  PROP_DISTRIBUTED_COPIES,
  PROP_ADDED_TIME,
  PROP_COMPLETED_TIME,
  PROP_ACTIVE_SECONDS,
  PROP_SEEDING_SECONDS,
  PROP_NEXT_ANNOUNCE,
  PROP_QUEUE_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  FIELD_INT,
  FIELD_INT64,
  FIELD_DOUBLE,
  FIELD_BOOL,
  FIELD_FLAGS,
} FieldType;

typedef struct
{
  guint       prop;
  const char *name;
  FieldType   type;
  gsize       offset;
} Field;

#define F(prop, name, type, member)                           \
  {                                                           \
    prop, name, type, G_STRUCT_OFFSET (SpateLtStatus, member) \
  }
static const Field fields[] = {
  F (PROP_FLAGS, "flags", FIELD_FLAGS, flags),
  F (PROP_HAS_METADATA, "has-metadata", FIELD_BOOL, has_metadata),
  F (PROP_IS_FINISHED, "is-finished", FIELD_BOOL, finished),
  F (PROP_IS_SEEDING, "is-seeding", FIELD_BOOL, seeding),
  F (PROP_MOVING, "moving", FIELD_BOOL, moving_storage),
  F (PROP_PROGRESS, "progress", FIELD_DOUBLE, progress),
  F (PROP_DOWNLOAD_RATE, "download-rate", FIELD_INT, download_rate),
  F (PROP_UPLOAD_RATE, "upload-rate", FIELD_INT, upload_rate),
  F (PROP_TOTAL_DONE, "total-done", FIELD_INT64, total_done),
  F (PROP_WANTED_DONE, "wanted-done", FIELD_INT64, total_wanted_done),
  F (PROP_WANTED_SIZE, "wanted-size", FIELD_INT64, total_wanted),
  F (PROP_TOTAL_SIZE, "total-size", FIELD_INT64, total_size),
  F (PROP_SESSION_DOWNLOADED, "session-downloaded", FIELD_INT64, session_download),
  F (PROP_SESSION_UPLOADED, "session-uploaded", FIELD_INT64, session_upload),
  F (PROP_DOWNLOADED, "downloaded", FIELD_INT64, all_time_download),
  F (PROP_UPLOADED, "uploaded", FIELD_INT64, all_time_upload),
  F (PROP_FAILED_BYTES, "failed-bytes", FIELD_INT64, total_failed_bytes),
  F (PROP_REDUNDANT_BYTES, "redundant-bytes", FIELD_INT64, total_redundant_bytes),
  F (PROP_RATIO, "ratio", FIELD_DOUBLE, ratio),
  F (PROP_ETA, "eta", FIELD_INT64, eta),
  F (PROP_NUM_PEERS, "num-peers", FIELD_INT, num_peers),
  F (PROP_NUM_SEEDS, "num-seeds", FIELD_INT, num_seeds),
  F (PROP_NUM_CONNECTIONS, "num-connections", FIELD_INT, num_connections),
  F (PROP_LIST_PEERS, "list-peers", FIELD_INT, list_peers),
  F (PROP_LIST_SEEDS, "list-seeds", FIELD_INT, list_seeds),
  F (PROP_SWARM_SEEDS, "swarm-seeds", FIELD_INT, num_complete),
  F (PROP_SWARM_PEERS, "swarm-peers", FIELD_INT, num_incomplete),
  F (PROP_PIECES_DONE, "pieces-done", FIELD_INT, num_pieces),
  F (PROP_PIECES_TOTAL, "pieces-total", FIELD_INT, pieces_total),
  F (PROP_PIECE_LENGTH, "piece-length", FIELD_INT, piece_length),
  F (PROP_DISTRIBUTED_COPIES, "distributed-copies", FIELD_DOUBLE, distributed_copies),
  F (PROP_ADDED_TIME, "added-time", FIELD_INT64, added_time),
  F (PROP_COMPLETED_TIME, "completed-time", FIELD_INT64, completed_time),
  F (PROP_ACTIVE_SECONDS, "active-seconds", FIELD_INT64, active_seconds),
  F (PROP_SEEDING_SECONDS, "seeding-seconds", FIELD_INT64, seeding_seconds),
  F (PROP_NEXT_ANNOUNCE, "next-announce", FIELD_INT64, next_announce),
  F (PROP_QUEUE_POSITION, "queue-position", FIELD_INT, queue_position),
};
#undef F

#define FIELD_PTR(status, field) ((guint8 *) (status) + (field)->offset)

static const Field *
find_field (guint prop)
{
  if (prop < PROP_FLAGS || prop >= N_PROPS)
    return NULL;
  return &fields[prop - PROP_FLAGS];
}

/* What the row shows: the reason, then the file or folder on disk. */
static char *
describe_error (SpateTorrent *self, const SpateLtStatus *st)
{
  const char      *save_path = st->save_path ? st->save_path : self->status.save_path;
  g_autofree char *path = NULL;

  if (self->missing != NULL)
    {
      path = g_path_is_absolute (self->missing) ? g_strdup (self->missing)
                                                : g_build_filename (save_path, self->missing, NULL);
      return g_strdup_printf ("%s: %s", self->missing_reason ?: g_strerror (ENOENT), path);
    }
  if (st->error.category == NULL)
    return g_strdup (self->write_error);
  if (st->error_file == NULL || save_path == NULL)
    return g_strdup (st->error.message);
  path = g_build_filename (save_path, st->error_file, NULL);
  return g_strdup_printf ("%s: %s", st->error.message, path);
}

static SpateTorrentState
derive_state (const SpateLtStatus *st)
{
  if (st->error.category != NULL)
    return SPATE_TORRENT_STATE_ERROR;
  if (st->moving_storage)
    return SPATE_TORRENT_STATE_MOVING;
  if (st->paused)
    {
      /* A paused, auto-managed torrent waits for a queue slot. */
      if ((st->flags & SPATE_LT_TORRENT_AUTO_MANAGED) && !st->finished)
        return SPATE_TORRENT_STATE_QUEUED;
      return SPATE_TORRENT_STATE_PAUSED;
    }
  switch (st->state)
    {
    case SPATE_LT_STATE_CHECKING_FILES:
    case SPATE_LT_STATE_CHECKING_RESUME_DATA:
      return SPATE_TORRENT_STATE_CHECKING;
    case SPATE_LT_STATE_DOWNLOADING_METADATA:
      return SPATE_TORRENT_STATE_DOWNLOADING_METADATA;
    case SPATE_LT_STATE_DOWNLOADING:
      return SPATE_TORRENT_STATE_DOWNLOADING;
    case SPATE_LT_STATE_FINISHED:
      return SPATE_TORRENT_STATE_COMPLETED;
    case SPATE_LT_STATE_SEEDING:
      return SPATE_TORRENT_STATE_SEEDING;
    default:
      return SPATE_TORRENT_STATE_DOWNLOADING;
    }
}

static void
notify (SpateTorrent *self, guint prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Compares and replaces one owned string. */
static void
update_string (SpateTorrent *self, char **slot, const char *value, guint prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  notify (self, prop);
}

static void
update_hash (SpateTorrent *self, char *slot, gsize size, const char *value, guint prop)
{
  if (strcmp (slot, value) == 0)
    return;
  g_strlcpy (slot, value, size);
  notify (self, prop);
}

/* libtorrent's state, and what follows from it. */
static void
set_lt_state (SpateTorrent *self, SpateLtTorrentState lt_state)
{
  SpateLtStatus    *cur = &self->status;
  SpateTorrentState state;

  /* Left its resume check complete, with nothing to check again: its
   * torrent-finished alert is no news. Kept until another state. */
  if (lt_state != cur->state &&
      !(cur->state == SPATE_LT_STATE_FINISHED && lt_state == SPATE_LT_STATE_SEEDING))
    self->loaded_complete =
        cur->state == SPATE_LT_STATE_CHECKING_RESUME_DATA && cur->finished &&
        !self->recheck_when_ready &&
        (lt_state == SPATE_LT_STATE_FINISHED || lt_state == SPATE_LT_STATE_SEEDING);
  cur->state = lt_state;
  if (self->recheck_when_ready && self->handle != NULL &&
      lt_state != SPATE_LT_STATE_CHECKING_RESUME_DATA)
    {
      self->recheck_when_ready = FALSE;
      spate_lt_torrent_force_recheck (self->handle, NULL);
    }
  if (cur->has_metadata && lt_state == SPATE_LT_STATE_DOWNLOADING)
    self->was_downloading = TRUE;

  state = self->missing != NULL || self->write_error != NULL ? SPATE_TORRENT_STATE_ERROR
                                                             : derive_state (cur);
  if (state != self->state)
    {
      self->state = state;
      notify (self, PROP_STATE);
    }
}

void
_spate_torrent_update (SpateTorrent *self, const SpateLtStatus *update)
{
  SpateLtStatus       *cur = &self->status;
  SpateLtStatus        patched = *update;
  const SpateLtStatus *st = &patched;
  g_autofree char     *error_message = NULL;

  g_return_if_fail (SPATE_IS_TORRENT (self));

  /* Deltas leave out what only the metadata knows; it does not change. */
  if (patched.has_metadata && patched.pieces_total == 0)
    {
      patched.total_size = cur->total_size;
      patched.pieces_total = cur->pieces_total;
      patched.piece_length = cur->piece_length;
    }

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];
      gsize        size = f->type == FIELD_INT64    ? sizeof (gint64)
                          : f->type == FIELD_DOUBLE ? sizeof (double)
                                                    : sizeof (int);

      if (memcmp (FIELD_PTR (cur, f), FIELD_PTR (st, f), size) != 0)
        {
          memcpy (FIELD_PTR (cur, f), FIELD_PTR (st, f), size);
          notify (self, f->prop);
        }
    }

  /* A magnet gains its real name with the metadata. */
  if (st->name != NULL && *st->name != '\0' && g_strcmp0 (st->name, self->disk_name) != 0)
    {
      g_autofree char *display = spate_display_name (st->name);

      g_free (self->disk_name);
      self->disk_name = g_strdup (st->name);
      update_string (self, &cur->name, display, PROP_NAME);
    }
  update_string (self, &cur->save_path, st->save_path, PROP_SAVE_PATH);
  update_string (self, &cur->current_tracker, st->current_tracker, PROP_CURRENT_TRACKER);
  update_string (self, &cur->error_file, st->error_file, PROP_ERROR_FILE);
  /* libtorrent left upload mode (Retry, or its own disk retry). */
  if (!(st->flags & SPATE_LT_TORRENT_UPLOAD_MODE))
    g_clear_pointer (&self->write_error, g_free);
  error_message = describe_error (self, st);
  update_string (self, (char **) &cur->error.message, error_message, PROP_ERROR);
  cur->error.category = st->error.category;
  cur->error.code = st->error.code;
  update_hash (self, cur->info_hash_v1, sizeof cur->info_hash_v1, st->info_hash_v1,
               PROP_INFO_HASH_V1);
  update_hash (self, cur->info_hash_v2, sizeof cur->info_hash_v2, st->info_hash_v2,
               PROP_INFO_HASH_V2);
  cur->paused = st->paused;
  _spate_torrent_goals_update (self, st);
  if (st->need_save_resume)
    self->need_save = TRUE;
  set_lt_state (self, st->state);

  g_object_thaw_notify (G_OBJECT (self));
}

void
_spate_torrent_set_lt_state (SpateTorrent *self, SpateLtTorrentState state)
{
  g_return_if_fail (SPATE_IS_TORRENT (self));

  set_lt_state (self, state);
}

void
_spate_torrent_refresh_queue_position (SpateTorrent *self)
{
  int position;

  if (self->handle == NULL)
    return;
  position = spate_lt_torrent_get_queue_position (self->handle, NULL);
  if (position < -1 || position == self->status.queue_position)
    return;
  self->status.queue_position = position;
  notify (self, PROP_QUEUE_POSITION);
}

/* ------------------------------------------------------------- children */

static void
child_gone (gpointer data, GObject *where_the_object_was)
{
  SpateTorrent *self = data;

  for (guint i = 0; i < self->children->len; i++)
    if (g_array_index (self->children, Child, i).object == where_the_object_was)
      {
        g_array_remove_index_fast (self->children, i);
        break;
      }
  if (self->children->len == 0 && self->session != NULL)
    _spate_session_set_watched (self->session, self, FALSE);
}

void
_spate_torrent_add_child (SpateTorrent *self, GObject *child, SpateChildRefresh refresh)
{
  Child c = { child, refresh };

  g_object_weak_ref (child, child_gone, self);
  g_array_append_val (self->children, c);
  if (self->children->len == 1 && self->session != NULL)
    _spate_session_set_watched (self->session, self, TRUE);
  if (self->handle != NULL)
    refresh (child, self->handle);
}

GObject *
_spate_torrent_find_child (SpateTorrent *self, GType type)
{
  for (guint i = 0; i < self->children->len; i++)
    {
      GObject *object = g_array_index (self->children, Child, i).object;
      if (G_TYPE_CHECK_INSTANCE_TYPE (object, type))
        return object;
    }
  return NULL;
}

gboolean
_spate_torrent_has_children (SpateTorrent *self)
{
  return self->children->len > 0;
}

void
_spate_torrent_refresh_children (SpateTorrent *self)
{
  g_autoptr (GPtrArray) objects = NULL;
  g_autofree SpateChildRefresh *refresh = NULL;
  guint                         n = self->children->len;

  if (self->handle == NULL || n == 0)
    return;
  /* A refresh may drop a child's last reference: walk a copy, holding
   * each child alive. */
  objects = g_ptr_array_new_full (n, g_object_unref);
  refresh = g_new (SpateChildRefresh, n);
  for (guint i = 0; i < n; i++)
    {
      Child *c = &g_array_index (self->children, Child, i);
      g_ptr_array_add (objects, g_object_ref (c->object));
      refresh[i] = c->refresh;
    }
  g_object_ref (self);
  for (guint i = 0; i < n && self->handle != NULL; i++)
    refresh[i](g_ptr_array_index (objects, i), self->handle);
  g_object_unref (self);
}

void
_spate_torrent_files_changed (SpateTorrent *self)
{
  self->files_generation++;
  _spate_torrent_refresh_children (self);
}

guint
_spate_torrent_get_files_generation (SpateTorrent *self)
{
  return self->files_generation;
}

/* ------------------------------------------------- first and last pieces */

gboolean
_spate_torrent_set_first_last (SpateTorrent *self, gboolean enable, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  enable = !!enable;
  /* Before the metadata there are no pieces: applied when it arrives. */
  if (self->handle != NULL &&
      !spate_lt_torrent_set_first_last_pieces (self->handle, enable, &local_error) &&
      !g_error_matches (local_error, SPATE_LT_ERROR, SPATE_LT_ERROR_NO_METADATA))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->first_last_pieces != enable)
    {
      self->first_last_pieces = enable;
      notify (self, PROP_FIRST_LAST_PIECES);
    }
  return TRUE;
}

void
_spate_torrent_pieces_reset (SpateTorrent *self)
{
  if (self->first_last_pieces && self->handle != NULL)
    spate_lt_torrent_set_first_last_pieces (self->handle, TRUE, NULL);
}

gboolean
spate_torrent_get_first_last_pieces (SpateTorrent *self)
{
  g_return_val_if_fail (SPATE_IS_TORRENT (self), FALSE);

  return self->first_last_pieces;
}

/* -------------------------------------------------------------- GObject */

static void
spate_torrent_finalize (GObject *object)
{
  SpateTorrent *self = SPATE_TORRENT (object);

  for (guint i = 0; i < self->children->len; i++)
    g_object_weak_unref (g_array_index (self->children, Child, i).object, child_gone, self);
  g_array_unref (self->children);
  g_clear_pointer (&self->handle, spate_lt_torrent_free);
  g_free (self->info_hash);
  g_free (self->disk_name);
  g_free (self->magnet);
  g_free (self->final_dir);
  g_free (self->missing);
  g_free (self->missing_reason);
  g_free (self->write_error);
  g_clear_pointer (&self->priorities.queued, g_bytes_unref);
  spate_lt_status_clear (&self->status);

  G_OBJECT_CLASS (spate_torrent_parent_class)->finalize (object);
}

static void
spate_torrent_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateTorrent        *self = SPATE_TORRENT (object);
  const SpateLtStatus *st = &self->status;
  const Field         *f;

  switch (prop_id)
    {
    case PROP_INFO_HASH:
      g_value_set_string (value, self->info_hash);
      return;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      return;
    case PROP_NAME:
      g_value_set_string (value, st->name);
      return;
    case PROP_SAVE_PATH:
      g_value_set_string (value, st->save_path);
      return;
    case PROP_CURRENT_TRACKER:
      g_value_set_string (value, st->current_tracker);
      return;
    case PROP_ERROR:
      g_value_set_string (value, st->error.message);
      return;
    case PROP_ERROR_FILE:
      g_value_set_string (value, st->error_file);
      return;
    case PROP_INFO_HASH_V1:
      g_value_set_string (value, *st->info_hash_v1 ? st->info_hash_v1 : NULL);
      return;
    case PROP_INFO_HASH_V2:
      g_value_set_string (value, *st->info_hash_v2 ? st->info_hash_v2 : NULL);
      return;
    case PROP_FIRST_LAST_PIECES:
      g_value_set_boolean (value, self->first_last_pieces);
      return;
    case PROP_RATIO_GOAL:
      g_value_set_double (value, self->goals.goals.ratio);
      return;
    case PROP_SEEDING_TIME_GOAL:
      g_value_set_int (value, self->goals.goals.seeding_minutes);
      return;
    case PROP_INACTIVE_TIME_GOAL:
      g_value_set_int (value, self->goals.goals.inactive_minutes);
      return;
    default:
      break;
    }

  f = find_field (prop_id);
  if (f == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  switch (f->type)
    {
    case FIELD_INT:
      g_value_set_int (value, *(const int *) FIELD_PTR (st, f));
      break;
    case FIELD_INT64:
      g_value_set_int64 (value, *(const gint64 *) FIELD_PTR (st, f));
      break;
    case FIELD_DOUBLE:
      g_value_set_double (value, *(const double *) FIELD_PTR (st, f));
      break;
    case FIELD_BOOL:
      g_value_set_boolean (value, *(const gboolean *) FIELD_PTR (st, f));
      break;
    case FIELD_FLAGS:
      g_value_set_flags (value, *(const int *) FIELD_PTR (st, f));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
spate_torrent_class_init (SpateTorrentClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = spate_torrent_finalize;
  object_class->get_property = spate_torrent_get_property;

  properties[PROP_INFO_HASH] = g_param_spec_string ("info-hash", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, SPATE_TYPE_TORRENT_STATE,
                                              SPATE_TORRENT_STATE_CHECKING, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SAVE_PATH] = g_param_spec_string ("save-path", NULL, NULL, NULL, flags);
  properties[PROP_CURRENT_TRACKER] =
      g_param_spec_string ("current-tracker", NULL, NULL, NULL, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_ERROR_FILE] = g_param_spec_string ("error-file", NULL, NULL, NULL, flags);
  properties[PROP_INFO_HASH_V1] = g_param_spec_string ("info-hash-v1", NULL, NULL, NULL, flags);
  properties[PROP_INFO_HASH_V2] = g_param_spec_string ("info-hash-v2", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_LAST_PIECES] =
      g_param_spec_boolean ("first-last-pieces", NULL, NULL, FALSE, flags);
  properties[PROP_RATIO_GOAL] = g_param_spec_double ("ratio-goal", NULL, NULL, SPATE_GOAL_GLOBAL,
                                                     G_MAXDOUBLE, SPATE_GOAL_GLOBAL, flags);
  properties[PROP_SEEDING_TIME_GOAL] = g_param_spec_int (
      "seeding-time-goal", NULL, NULL, SPATE_GOAL_GLOBAL, G_MAXINT, SPATE_GOAL_GLOBAL, flags);
  properties[PROP_INACTIVE_TIME_GOAL] = g_param_spec_int (
      "inactive-time-goal", NULL, NULL, SPATE_GOAL_GLOBAL, G_MAXINT, SPATE_GOAL_GLOBAL, flags);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];
      GParamSpec  *pspec = NULL;

      g_assert (f->prop == PROP_FLAGS + i);
      switch (f->type)
        {
        case FIELD_INT:
          pspec = g_param_spec_int (f->name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
          break;
        case FIELD_INT64:
          pspec = g_param_spec_int64 (f->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case FIELD_DOUBLE:
          pspec = g_param_spec_double (f->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case FIELD_BOOL:
          pspec = g_param_spec_boolean (f->name, NULL, NULL, FALSE, flags);
          break;
        case FIELD_FLAGS:
          pspec = g_param_spec_flags (f->name, NULL, NULL, SPATE_TYPE_TORRENT_FLAGS, 0, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      properties[f->prop] = pspec;
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_torrent_init (SpateTorrent *self)
{
  self->children = g_array_new (FALSE, FALSE, sizeof (Child));
  self->state = SPATE_TORRENT_STATE_CHECKING;
  self->status.ratio = 0;
  self->status.eta = -1;
  self->status.queue_position = -1;
  self->status.num_complete = -1;
  self->status.num_incomplete = -1;
  self->status.distributed_copies = -1;
  self->goals.goals =
      (SpateSeedingGoals){ SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL, SPATE_GOAL_GLOBAL };
}

SpateTorrentGoals *
_spate_torrent_get_goals (SpateTorrent *self)
{
  return &self->goals;
}

SpatePriorityQueue *
_spate_torrent_get_priority_queue (SpateTorrent *self)
{
  return &self->priorities;
}

void
_spate_torrent_recheck_when_ready (SpateTorrent *self)
{
  self->recheck_when_ready = TRUE;
  _spate_torrent_refresh (self);
}

const char *
_spate_torrent_get_final_dir (SpateTorrent *self)
{
  return self->final_dir;
}

void
_spate_torrent_set_final_dir (SpateTorrent *self, const char *path)
{
  if (g_strcmp0 (self->final_dir, path) == 0)
    return;
  g_free (self->final_dir);
  self->final_dir = g_strdup (path);
  _spate_torrent_mark_dirty (self);
}

/* -------------------------------------------------------------- getters */

#define GETTER(type, name, expr)                       \
  type spate_torrent_get_##name (SpateTorrent *self)   \
  {                                                    \
    g_return_val_if_fail (SPATE_IS_TORRENT (self), 0); \
    return (expr);                                     \
  }

GETTER (const char *, name, self->status.name)
GETTER (const char *, disk_name, self->disk_name)
GETTER (const char *, info_hash, self->info_hash)
GETTER (const char *, info_hash_v1, *self->status.info_hash_v1 ? self->status.info_hash_v1 : NULL)
GETTER (const char *, info_hash_v2, *self->status.info_hash_v2 ? self->status.info_hash_v2 : NULL)
GETTER (const char *, save_path, self->status.save_path)
GETTER (SpateTorrentState, state, self->state)
GETTER (SpateTorrentFlags, flags, (SpateTorrentFlags) self->status.flags)
GETTER (gboolean, has_metadata, self->status.has_metadata)
GETTER (gboolean, is_finished, self->status.finished || self->status.seeding)
GETTER (double, progress, self->status.progress)
GETTER (int, download_rate, self->status.download_rate)
GETTER (int, upload_rate, self->status.upload_rate)
GETTER (gint64, total_size, self->status.total_size)
GETTER (gint64, wanted_size, self->status.total_wanted)
GETTER (gint64, wanted_done, self->status.total_wanted_done)
GETTER (gint64, downloaded, self->status.all_time_download)
GETTER (gint64, uploaded, self->status.all_time_upload)
GETTER (gint64, session_downloaded, self->status.session_download)
GETTER (double, ratio, self->status.ratio)
GETTER (gint64, eta, self->status.eta)
GETTER (int, num_peers, self->status.num_peers)
GETTER (int, num_seeds, self->status.num_seeds)
GETTER (int, pieces_total, self->status.pieces_total)
GETTER (int, piece_length, self->status.piece_length)
GETTER (int, queue_position, self->status.queue_position)
GETTER (gint64, added_time, self->status.added_time)
GETTER (const char *, error, self->status.error.message)

#undef GETTER
