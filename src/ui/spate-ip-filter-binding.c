/* spate-ip-filter-binding.c: the Privacy keys applied to the session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-ip-filter-binding.h"

#include <glib/gi18n.h>

struct _SpateIpFilterBinding
{
  GObject parent_instance;

  SpateSession   *session;
  GSettings      *settings;
  SpateBlocklist *list;    /* in force, or NULL */
  GCancellable   *loading; /* the load under way, or NULL */
  char           *error;
  gboolean        writing_keys; /* an import is storing what it loaded */
};

G_DEFINE_FINAL_TYPE (SpateIpFilterBinding, spate_ip_filter_binding, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_RANGES,
  PROP_ERROR,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Holds the binding weakly: disposing it must not wait for the thread. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
  gboolean      import;
} Load;

static void
load_free (Load *load)
{
  g_weak_ref_clear (&load->self);
  g_object_unref (load->cancellable);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

/* ------------------------------------------------------------- state */

static void
set_error (SpateIpFilterBinding *self, const char *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_list (SpateIpFilterBinding *self, SpateBlocklist *list)
{
  guint64 before = spate_ip_filter_binding_get_n_ranges (self);

  if (self->list == list)
    return;
  g_set_object (&self->list, list);
  spate_session_set_blocklist (self->session, list);
  if (spate_ip_filter_binding_get_n_ranges (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RANGES]);
}

static void
cancel_load (SpateIpFilterBinding *self)
{
  if (self->loading == NULL)
    return;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* ----------------------------------------------------------- loading */

static void
store_import (SpateIpFilterBinding *self, GFile *file)
{
  self->writing_keys = TRUE;
  g_settings_set_string (self->settings, "blocklist-path", g_file_peek_path (file));
  g_settings_set_boolean (self->settings, "blocklist-enabled", TRUE);
  self->writing_keys = FALSE;
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Load) load = user_data;
  g_autoptr (SpateIpFilterBinding) self = g_weak_ref_get (&load->self);
  g_autoptr (SpateBlocklist) list = NULL;
  g_autoptr (GError) error = NULL;

  list = spate_blocklist_load_finish (result, &error);
  /* Replaced by a newer request, or the binding is gone. */
  if (self == NULL || g_cancellable_is_cancelled (load->cancellable) ||
      self->loading != load->cancellable)
    return;
  g_clear_object (&self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (list == NULL)
    {
      g_message ("Keeping the IP filter as it was: %s", error->message);
      set_error (self, error->message);
      return;
    }
  set_error (self, NULL);
  set_list (self, list);
  if (load->import)
    store_import (self, spate_blocklist_get_file (list));
}

static void
start_load (SpateIpFilterBinding *self, GFile *file, gboolean import)
{
  Load *load = g_new0 (Load, 1);

  cancel_load (self);
  self->loading = g_cancellable_new ();
  g_weak_ref_init (&load->self, self);
  load->cancellable = g_object_ref (self->loading);
  load->import = import;
  spate_blocklist_load_async (file, self->loading, on_loaded, load);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
is_in_force (SpateIpFilterBinding *self, const char *path)
{
  return self->list != NULL &&
         g_strcmp0 (g_file_peek_path (spate_blocklist_get_file (self->list)), path) == 0;
}

static void
apply_blocklist (SpateIpFilterBinding *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "blocklist-path");
  g_autoptr (GFile) file = NULL;

  if (self->writing_keys)
    return;
  if (!g_settings_get_boolean (self->settings, "blocklist-enabled") || path[0] == '\0')
    {
      cancel_load (self);
      set_list (self, NULL);
      set_error (self, NULL);
      return;
    }
  if (is_in_force (self, path))
    {
      cancel_load (self);
      set_error (self, NULL);
      return;
    }
  file = g_file_new_for_path (path);
  start_load (self, file, FALSE);
}

void
spate_ip_filter_binding_import (SpateIpFilterBinding *self, GFile *file)
{
  g_return_if_fail (SPATE_IS_IP_FILTER_BINDING (self));
  g_return_if_fail (G_IS_FILE (file));

  if (g_file_peek_path (file) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = NULL;

      cancel_load (self);
      /* Translators: %s is a file name or URI. */
      message = g_strdup_printf (_ ("“%s” is not on this computer"), name);
      set_error (self, message);
      return;
    }
  start_load (self, file, TRUE);
}

/* -------------------------------------------------- other keys, bans */

static void
apply_trackers (SpateIpFilterBinding *self)
{
  gboolean trackers = g_settings_get_boolean (self->settings, "blocklist-trackers");
  g_autoptr (GError) error = NULL;

  if (!spate_session_set_setting (self->session, "apply_ip_filter_to_trackers",
                                  g_variant_new_boolean (trackers), &error))
    g_message ("Could not apply the IP filter to trackers: %s", error->message);
}

static void
apply_banned_peers (SpateIpFilterBinding *self)
{
  g_auto (GStrv) banned = g_settings_get_strv (self->settings, "banned-peers");

  spate_session_set_banned_peers (self->session, (const char * const *) banned);
}

/* A ban from the Peers page, or the session's tidy form of the key. */
static void
on_banned_peers_changed (SpateIpFilterBinding *self)
{
  g_auto (GStrv) session = spate_session_get_banned_peers (self->session);
  g_auto (GStrv) stored = g_settings_get_strv (self->settings, "banned-peers");

  if (!g_strv_equal ((const char * const *) session, (const char * const *) stored))
    g_settings_set_strv (self->settings, "banned-peers", (const char * const *) session);
}

/* ------------------------------------------------------------ public */

SpateIpFilterBinding *
spate_ip_filter_binding_new (SpateSession *session, GSettings *settings)
{
  SpateIpFilterBinding *self;

  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_IP_FILTER_BINDING, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (settings, "changed::blocklist-enabled", G_CALLBACK (apply_blocklist),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::blocklist-path", G_CALLBACK (apply_blocklist), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::blocklist-trackers", G_CALLBACK (apply_trackers),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::banned-peers", G_CALLBACK (apply_banned_peers), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "banned-peers-changed", G_CALLBACK (on_banned_peers_changed),
                           self, G_CONNECT_SWAPPED);

  apply_trackers (self);
  apply_banned_peers (self);
  on_banned_peers_changed (self);
  apply_blocklist (self);
  return self;
}

guint64
spate_ip_filter_binding_get_n_ranges (SpateIpFilterBinding *self)
{
  g_return_val_if_fail (SPATE_IS_IP_FILTER_BINDING (self), 0);

  return self->list != NULL ? spate_blocklist_get_n_ranges (self->list) : 0;
}

GFile *
spate_ip_filter_binding_get_file (SpateIpFilterBinding *self)
{
  g_return_val_if_fail (SPATE_IS_IP_FILTER_BINDING (self), NULL);

  return self->list != NULL ? spate_blocklist_get_file (self->list) : NULL;
}

const char *
spate_ip_filter_binding_get_error (SpateIpFilterBinding *self)
{
  g_return_val_if_fail (SPATE_IS_IP_FILTER_BINDING (self), NULL);

  return self->error;
}

gboolean
spate_ip_filter_binding_get_loading (SpateIpFilterBinding *self)
{
  g_return_val_if_fail (SPATE_IS_IP_FILTER_BINDING (self), FALSE);

  return self->loading != NULL;
}

/* ------------------------------------------------------------- class */

static void
spate_ip_filter_binding_dispose (GObject *object)
{
  SpateIpFilterBinding *self = SPATE_IP_FILTER_BINDING (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->list);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (spate_ip_filter_binding_parent_class)->dispose (object);
}

static void
spate_ip_filter_binding_finalize (GObject *object)
{
  SpateIpFilterBinding *self = SPATE_IP_FILTER_BINDING (object);

  g_free (self->error);

  G_OBJECT_CLASS (spate_ip_filter_binding_parent_class)->finalize (object);
}

static void
spate_ip_filter_binding_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SpateIpFilterBinding *self = SPATE_IP_FILTER_BINDING (object);

  switch (prop_id)
    {
    case PROP_N_RANGES:
      g_value_set_uint64 (value, spate_ip_filter_binding_get_n_ranges (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_ip_filter_binding_class_init (SpateIpFilterBindingClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = spate_ip_filter_binding_dispose;
  object_class->finalize = spate_ip_filter_binding_finalize;
  object_class->get_property = spate_ip_filter_binding_get_property;

  properties[PROP_N_RANGES] = g_param_spec_uint64 ("n-ranges", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_ip_filter_binding_init (SpateIpFilterBinding *self)
{
}
