/* spate-session-dht.c: BEP 44 items, a facet of SpateSession.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent answers each put or get with one alert (a mutable get first
 * reports what it finds, then once more, authoritative, when the lookup
 * ends). A request keeps one operation in flight; when it ends with nothing
 * (no node stored it, no node had it, the DHT not started yet) it tries
 * again after a growing pause, until its timeout.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "spate-error.h"
#include "spate-session-dht.h"
#include "spate-session-internal.h"

#define RETRY_FIRST_MS 250
#define RETRY_MAX_MS   4000

struct _SpateSessionDht
{
  GList *requests; /* Request, pending */
  guint  timeout_s;
};

typedef enum
{
  PUT_IMMUTABLE,
  GET_IMMUTABLE,
  PUT_MUTABLE,
  GET_MUTABLE,
} Kind;

typedef struct
{
  SpateSession *session; /* the task holds it */
  GTask        *task;    /* set while pending */
  Kind          kind;
  GBytes       *value;
  GBytes       *salt;
  char          target[41];
  guint8        public_key[32];
  guint8        secret_key[64];

  gboolean in_flight; /* an operation awaits its alert */
  gboolean reached;   /* libtorrent took at least one operation */
  guint    retry_ms;
  guint    timeout_source;
  guint    retry_source;
  guint    cancel_source;

  GBytes *found; /* newest mutable item so far */
  gint64  seq;
} Request;

static void attempt (Request *req);

static SpateSessionDht *
get_dht (SpateSession *self)
{
  if (self->dht == NULL)
    {
      self->dht = g_new0 (SpateSessionDht, 1);
      self->dht->timeout_s = SPATE_DHT_DEFAULT_TIMEOUT_S;
    }
  return self->dht;
}

static void
request_free (Request *req)
{
  g_clear_pointer (&req->value, g_bytes_unref);
  g_clear_pointer (&req->salt, g_bytes_unref);
  g_clear_pointer (&req->found, g_bytes_unref);
  memset (req->secret_key, 0, sizeof req->secret_key);
  g_free (req);
}

/* Takes the task out of the request, which stays alive as its task data. */
static GTask *
request_end (Request *req)
{
  SpateSessionDht *dht = req->session->dht;

  if (dht != NULL)
    dht->requests = g_list_remove (dht->requests, req);
  g_clear_handle_id (&req->timeout_source, g_source_remove);
  g_clear_handle_id (&req->retry_source, g_source_remove);
  g_clear_handle_id (&req->cancel_source, g_source_remove);
  req->in_flight = FALSE;
  return g_steal_pointer (&req->task);
}

static void
fail (Request *req, SpateError code, const char *message)
{
  g_autoptr (GTask) task = request_end (req);

  g_task_return_new_error (task, SPATE_ERROR, code, "%s", message);
}

static gboolean
on_retry (gpointer data)
{
  Request *req = data;

  req->retry_source = 0;
  attempt (req);
  return G_SOURCE_REMOVE;
}

static void
retry_later (Request *req)
{
  req->in_flight = FALSE;
  req->retry_ms = req->retry_ms == 0 ? RETRY_FIRST_MS : MIN (req->retry_ms * 2, RETRY_MAX_MS);
  g_clear_handle_id (&req->retry_source, g_source_remove);
  req->retry_source = g_timeout_add (req->retry_ms, on_retry, req);
}

static gboolean
dht_enabled (SpateSession *self)
{
  g_autoptr (GVariant) value = spate_lt_session_get_setting (self->lt, "enable_dht", NULL);

  return value != NULL && g_variant_get_boolean (value);
}

static void
attempt (Request *req)
{
  SpateSession *self = req->session;
  g_autoptr (GError) error = NULL;
  gsize         value_size = 0, salt_size = 0;
  const guint8 *value = req->value ? g_bytes_get_data (req->value, &value_size) : NULL;
  const guint8 *salt = req->salt ? g_bytes_get_data (req->salt, &salt_size) : NULL;
  gboolean      ok = FALSE;

  if (self->closing || self->lt == NULL)
    {
      fail (req, SPATE_ERROR_CANCELLED, _ ("The session closed before the DHT answered"));
      return;
    }

  switch (req->kind)
    {
    case PUT_IMMUTABLE:
      ok = spate_lt_session_dht_put_immutable (self->lt, value, value_size, req->target, &error);
      break;
    case GET_IMMUTABLE:
      ok = spate_lt_session_dht_get_immutable (self->lt, req->target, &error);
      break;
    case PUT_MUTABLE:
      ok = spate_lt_session_dht_put_mutable (self->lt, req->public_key, req->secret_key, salt,
                                             salt_size, value, value_size, &error);
      break;
    case GET_MUTABLE:
      ok = spate_lt_session_dht_get_mutable (self->lt, req->public_key, salt, salt_size, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    {
      req->in_flight = TRUE;
      req->reached = TRUE;
    }
  else if (g_error_matches (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_ARGUMENT))
    fail (req, SPATE_ERROR_INVALID_INPUT, error->message);
  else if (!dht_enabled (self))
    fail (req, SPATE_ERROR_FAILED, error->message);
  else
    /* The DHT is on but still starting (resolving its bootstrap nodes). */
    retry_later (req);
}

static gboolean
on_timeout (gpointer data)
{
  Request         *req = data;
  guint            seconds = req->session->dht ? req->session->dht->timeout_s : 0;
  g_autofree char *message = NULL;

  req->timeout_source = 0;
  if (req->kind == GET_MUTABLE && req->found != NULL)
    {
      /* The lookup has not ended, but an item is better than none. */
      g_autoptr (GTask) task = request_end (req);
      g_task_return_pointer (task, g_bytes_ref (req->found), (GDestroyNotify) g_bytes_unref);
      return G_SOURCE_REMOVE;
    }

  if (!req->reached)
    message = g_strdup_printf (ngettext ("The DHT did not start within %u second",
                                         "The DHT did not start within %u seconds", seconds),
                               seconds);
  else if (req->kind == PUT_IMMUTABLE || req->kind == PUT_MUTABLE)
    message = g_strdup_printf (ngettext ("No DHT node stored the item within %u second",
                                         "No DHT node stored the item within %u seconds", seconds),
                               seconds);
  else
    message =
        g_strdup_printf (ngettext ("No DHT node returned the item within %u second",
                                   "No DHT node returned the item within %u seconds", seconds),
                         seconds);
  fail (req, SPATE_ERROR_TIMED_OUT, message);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable, gpointer data)
{
  Request *req = data;

  req->cancel_source = 0;
  fail (req, SPATE_ERROR_CANCELLED, _ ("The DHT request was cancelled"));
  return G_SOURCE_REMOVE;
}

static Request *
request_new (SpateSession       *self,
             Kind                kind,
             GCancellable       *cancellable,
             gpointer            source_tag,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  Request *req = g_new0 (Request, 1);

  req->session = self;
  req->kind = kind;
  req->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (req->task, source_tag);
  g_task_set_name (req->task, "[spate] DHT item");
  g_task_set_check_cancellable (req->task, FALSE);
  g_task_set_task_data (req->task, req, (GDestroyNotify) request_free);
  return req;
}

static void
request_start (Request *req, GCancellable *cancellable)
{
  SpateSessionDht *dht = get_dht (req->session);

  if (g_cancellable_is_cancelled (cancellable))
    {
      fail (req, SPATE_ERROR_CANCELLED, _ ("The DHT request was cancelled"));
      return;
    }
  dht->requests = g_list_append (dht->requests, req);
  req->timeout_source = g_timeout_add (dht->timeout_s * 1000, on_timeout, req);
  if (cancellable != NULL)
    {
      GSource *source = g_cancellable_source_new (cancellable);
      g_source_set_callback (source, (GSourceFunc) (GCallback) on_cancelled, req, NULL);
      g_source_set_static_name (source, "[spate] DHT request cancelled");
      req->cancel_source = g_source_attach (source, NULL);
      g_source_unref (source);
    }
  attempt (req);
}

/* ------------------------------------------------------------- alerts */

static gboolean
same_key (Request *req, const SpateLtAlert *alert)
{
  gsize         salt_size = 0;
  const guint8 *salt = req->salt ? g_bytes_get_data (req->salt, &salt_size) : NULL;

  return alert->public_key != NULL && memcmp (alert->public_key, req->public_key, 32) == 0 &&
         alert->salt_size == salt_size &&
         (salt_size == 0 || memcmp (alert->salt, salt, salt_size) == 0);
}

static gboolean
is_about (Request *req, const SpateLtAlert *alert)
{
  switch (alert->kind)
    {
    case SPATE_LT_ALERT_DHT_PUT:
      if (req->kind == PUT_IMMUTABLE)
        return alert->public_key == NULL && g_str_equal (alert->info_hash, req->target);
      return req->kind == PUT_MUTABLE && same_key (req, alert);
    case SPATE_LT_ALERT_DHT_IMMUTABLE_ITEM:
      return req->kind == GET_IMMUTABLE && g_str_equal (alert->info_hash, req->target);
    case SPATE_LT_ALERT_DHT_MUTABLE_ITEM:
      return req->kind == GET_MUTABLE && same_key (req, alert);
    default:
      return FALSE;
    }
}

/* Not found comes back as an empty item; a real one hashes to the target
 * (SHA-1 of the bencoded string). */
static gboolean
immutable_matches (const char *target, const guint8 *data, gsize size)
{
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *prefix = g_strdup_printf ("%" G_GSIZE_FORMAT ":", size);

  g_checksum_update (sha1, (const guchar *) prefix, strlen (prefix));
  if (size > 0)
    g_checksum_update (sha1, data, size);
  return g_str_equal (g_checksum_get_string (sha1), target);
}

/* A lookup that found nothing reports an empty item, which the shim hands
 * over bencoded ("0:") with sequence number 0; its signature is not
 * reliable (uninitialised), so it cannot tell. */
static gboolean
is_found (const SpateLtAlert *alert)
{
  return !(alert->seq == 0 && alert->size == 2 && memcmp (alert->data, "0:", 2) == 0);
}

static void
handle_alert (Request *req, const SpateLtAlert *alert)
{
  g_autoptr (GTask) task = NULL;

  switch (req->kind)
    {
    case PUT_IMMUTABLE:
    case PUT_MUTABLE:
      if (alert->num_success <= 0)
        break;
      req->seq = alert->seq;
      task = request_end (req);
      if (req->kind == PUT_IMMUTABLE)
        g_task_return_pointer (task, g_strdup (req->target), g_free);
      else
        g_task_return_boolean (task, TRUE);
      return;

    case GET_IMMUTABLE:
      if (!immutable_matches (req->target, alert->data, alert->size))
        break;
      task = request_end (req);
      g_task_return_pointer (task, g_bytes_new (alert->data, alert->size),
                             (GDestroyNotify) g_bytes_unref);
      return;

    case GET_MUTABLE:
      if (is_found (alert) && (req->found == NULL || alert->seq > req->seq))
        {
          g_clear_pointer (&req->found, g_bytes_unref);
          req->found = g_bytes_new (alert->data, alert->size);
          req->seq = alert->seq;
        }
      if (!alert->authoritative)
        return;
      if (req->found == NULL)
        break;
      task = request_end (req);
      g_task_return_pointer (task, g_bytes_ref (req->found), (GDestroyNotify) g_bytes_unref);
      return;

    default:
      g_assert_not_reached ();
    }

  retry_later (req);
}

void
_spate_session_dht_alert (SpateSession *self, const SpateLtAlert *alert)
{
  g_autoptr (GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->dht == NULL)
    return;

  /* Returning a task may run its callback at once, and that may start or
   * end other requests: pick first, then act on those still pending. */
  for (GList *l = self->dht->requests; l != NULL; l = l->next)
    {
      Request *req = l->data;

      if (alert->kind == SPATE_LT_ALERT_DHT_BOOTSTRAP ? req->retry_source != 0
                                                      : req->in_flight && is_about (req, alert))
        g_ptr_array_add (tasks, g_object_ref (req->task));
    }

  for (guint i = 0; i < tasks->len; i++)
    {
      Request *req = g_task_get_task_data (tasks->pdata[i]);

      if (req->task == NULL)
        continue;
      if (alert->kind == SPATE_LT_ALERT_DHT_BOOTSTRAP)
        {
          /* Nodes known now: no need to wait out the pause. */
          g_clear_handle_id (&req->retry_source, g_source_remove);
          attempt (req);
        }
      else
        handle_alert (req, alert);
    }
}

void
_spate_session_dht_dispose (SpateSession *self)
{
  if (self->dht == NULL)
    return;
  while (self->dht->requests != NULL)
    fail (self->dht->requests->data, SPATE_ERROR_CANCELLED,
          _ ("The session closed before the DHT answered"));
  g_clear_pointer (&self->dht, g_free);
}

/* -------------------------------------------------------------- public */

void
spate_dht_keygen (guint8 seed[32], guint8 public_key[32])
{
  spate_lt_ed25519_create_seed (seed);
  spate_dht_public_key_from_seed (seed, public_key);
}

void
spate_dht_public_key_from_seed (const guint8 seed[32], guint8 public_key[32])
{
  guint8 secret_key[64];

  spate_lt_ed25519_keypair_from_seed (seed, public_key, secret_key);
  memset (secret_key, 0, sizeof secret_key);
}

void
spate_session_dht_set_timeout (SpateSession *self, guint seconds)
{
  g_return_if_fail (SPATE_IS_SESSION (self));

  get_dht (self)->timeout_s =
      seconds > 0 ? MIN (seconds, G_MAXUINT / 1000) : SPATE_DHT_DEFAULT_TIMEOUT_S;
}

guint
spate_session_dht_get_timeout (SpateSession *self)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), 0);

  return get_dht (self)->timeout_s;
}

void
spate_session_dht_put_immutable_async (SpateSession       *self,
                                       GBytes             *value,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  Request *req;

  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (value != NULL);

  req = request_new (self, PUT_IMMUTABLE, cancellable, spate_session_dht_put_immutable_async,
                     callback, user_data);
  req->value = g_bytes_ref (value);
  request_start (req, cancellable);
}

char *
spate_session_dht_put_immutable_finish (SpateSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
is_target (const char *hex)
{
  for (int i = 0; i < 40; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  return hex[40] == '\0';
}

void
spate_session_dht_get_immutable_async (SpateSession       *self,
                                       const char         *target_hex,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  Request *req;

  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (target_hex != NULL);

  req = request_new (self, GET_IMMUTABLE, cancellable, spate_session_dht_get_immutable_async,
                     callback, user_data);
  if (!is_target (target_hex))
    {
      g_autofree char *message =
          g_strdup_printf (_ ("“%s” is not a DHT item target (40 hexadecimal digits)"), target_hex);
      fail (req, SPATE_ERROR_INVALID_INPUT, message);
      return;
    }
  for (int i = 0; i < 40; i++)
    req->target[i] = g_ascii_tolower (target_hex[i]);
  request_start (req, cancellable);
}

GBytes *
spate_session_dht_get_immutable_finish (SpateSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
spate_session_dht_put_mutable_async (SpateSession       *self,
                                     const guint8        seed[32],
                                     GBytes             *salt,
                                     GBytes             *value,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  Request *req;

  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (seed != NULL);
  g_return_if_fail (value != NULL);

  req = request_new (self, PUT_MUTABLE, cancellable, spate_session_dht_put_mutable_async, callback,
                     user_data);
  spate_lt_ed25519_keypair_from_seed (seed, req->public_key, req->secret_key);
  req->salt = salt ? g_bytes_ref (salt) : NULL;
  req->value = g_bytes_ref (value);
  request_start (req, cancellable);
}

gint64
spate_session_dht_put_mutable_finish (SpateSession *self, GAsyncResult *result, GError **error)
{
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  req = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;
  return req->seq;
}

void
spate_session_dht_get_mutable_async (SpateSession       *self,
                                     const guint8        public_key[32],
                                     GBytes             *salt,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  Request *req;

  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (public_key != NULL);

  req = request_new (self, GET_MUTABLE, cancellable, spate_session_dht_get_mutable_async, callback,
                     user_data);
  memcpy (req->public_key, public_key, 32);
  req->salt = salt ? g_bytes_ref (salt) : NULL;
  request_start (req, cancellable);
}

GBytes *
spate_session_dht_get_mutable_finish (SpateSession *self,
                                      GAsyncResult *result,
                                      gint64       *seq,
                                      GError      **error)
{
  Request *req;
  GBytes  *value;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  req = g_task_get_task_data (G_TASK (result));
  value = g_task_propagate_pointer (G_TASK (result), error);
  if (seq != NULL)
    *seq = value != NULL ? req->seq : -1;
  return value;
}
