/* spate-settings-bridge.c: the Downloads, Connection and BitTorrent keys,
 * applied to the running session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys that stand for libtorrent settings are turned into one a{sv} and
 * applied together (all or none); the rest call the engine. Speed limits
 * and the schedule, the IP filter, the watched folder and the Advanced
 * page's overrides have binders of their own.
 */

#include "spate-settings-bridge.h"

#include <glib/gi18n.h>
#include <string.h>

struct _SpateSettingsBridge
{
  GObject parent_instance;

  SpateSession *session;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (SpateSettingsBridge, spate_settings_bridge, G_TYPE_OBJECT)

/* ------------------------------------------------------ who sets what */

typedef struct
{
  const char *name;
  const char *page; /* translatable page title */
} Managed;

static const Managed managed[] = {
  { "listen_interfaces", N_ ("Connection") },
  { "outgoing_interfaces", N_ ("Connection") },
  { "enable_upnp", N_ ("Connection") },
  { "enable_natpmp", N_ ("Connection") },
  { "enable_outgoing_utp", N_ ("Connection") },
  { "connections_limit", N_ ("Connection") },
  { "unchoke_slots_limit", N_ ("Connection") },
  { "proxy_type", N_ ("Connection") },
  { "proxy_hostname", N_ ("Connection") },
  { "proxy_port", N_ ("Connection") },
  { "proxy_username", N_ ("Connection") },
  { "proxy_password", N_ ("Connection") },
  { "proxy_peer_connections", N_ ("Connection") },
  { "proxy_tracker_connections", N_ ("Connection") },
  { "proxy_hostnames", N_ ("Connection") },
  { "download_rate_limit", N_ ("Speed") },
  { "upload_rate_limit", N_ ("Speed") },
  { "rate_limit_utp", N_ ("Speed") },
  { "rate_limit_ip_overhead", N_ ("Speed") },
  { "enable_dht", N_ ("BitTorrent") },
  { "enable_lsd", N_ ("BitTorrent") },
  { "in_enc_policy", N_ ("BitTorrent") },
  { "out_enc_policy", N_ ("BitTorrent") },
  { "allowed_enc_level", N_ ("BitTorrent") },
  { "anonymous_mode", N_ ("BitTorrent") },
  { "active_downloads", N_ ("BitTorrent") },
  { "active_seeds", N_ ("BitTorrent") },
  { "active_limit", N_ ("BitTorrent") },
  { "dont_count_slow_torrents", N_ ("BitTorrent") },
  { "apply_ip_filter_to_trackers", N_ ("Privacy") },
};

const char *
spate_settings_managed_by (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (managed); i++)
    if (g_str_equal (managed[i].name, name))
      return _ (managed[i].page);
  return NULL;
}

/* --------------------------------------------------- libtorrent keys */

/* libtorrent's "no limit" for connection counts. */
#define NO_LIMIT ((1 << 24) - 1)

/* libtorrent's proxy_type_t and enc_policy / enc_level values. */
enum
{
  PROXY_NONE = 0,
  PROXY_SOCKS4 = 1,
  PROXY_SOCKS5 = 2,
  PROXY_SOCKS5_PW = 3,
  PROXY_HTTP = 4,
  PROXY_HTTP_PW = 5,
};
enum
{
  ENC_FORCED = 0,
  ENC_ENABLED = 1,
  ENC_DISABLED = 2,
};
enum
{
  ENC_LEVEL_PLAINTEXT = 1,
  ENC_LEVEL_BOTH = 3,
};

/* "0.0.0.0:6881,[::]:6881", or the one interface or address chosen. */
static char *
listen_interfaces (const char *where, int port)
{
  if (where == NULL || *where == '\0')
    return g_strdup_printf ("0.0.0.0:%d,[::]:%d", port, port);
  if (strchr (where, ':') != NULL && g_hostname_is_ip_address (where))
    return g_strdup_printf ("[%s]:%d", where, port);
  return g_strdup_printf ("%s:%d", where, port);
}

static int
count_limit (GSettings *settings, const char *key)
{
  int value = g_settings_get_int (settings, key);

  return value < 0 ? NO_LIMIT : value;
}

static void
add_proxy (GVariantDict *dict, GSettings *settings)
{
  g_autofree char *type = g_settings_get_string (settings, "proxy-type");
  g_autofree char *host = g_settings_get_string (settings, "proxy-host");
  g_autofree char *user = g_settings_get_string (settings, "proxy-username");
  g_autofree char *password = g_settings_get_string (settings, "proxy-password");
  gboolean         auth = g_settings_get_boolean (settings, "proxy-auth");
  int              kind = PROXY_NONE;

  g_strstrip (host);
  /* A proxy without a host cannot be used: the page says so at the row,
   * and the proxy in force stays. */
  if (*host == '\0' && !g_str_equal (type, "none"))
    return;
  if (*host != '\0')
    {
      if (g_str_equal (type, "socks4"))
        kind = PROXY_SOCKS4;
      else if (g_str_equal (type, "socks5"))
        kind = auth ? PROXY_SOCKS5_PW : PROXY_SOCKS5;
      else if (g_str_equal (type, "http"))
        kind = auth ? PROXY_HTTP_PW : PROXY_HTTP;
    }
  g_variant_dict_insert (dict, "proxy_type", "i", kind);
  g_variant_dict_insert (dict, "proxy_hostname", "s", kind != PROXY_NONE ? host : "");
  g_variant_dict_insert (dict, "proxy_port", "i", g_settings_get_int (settings, "proxy-port"));
  g_variant_dict_insert (dict, "proxy_username", "s", auth ? user : "");
  g_variant_dict_insert (dict, "proxy_password", "s", auth ? password : "");
  g_variant_dict_insert (dict, "proxy_peer_connections", "b",
                         g_settings_get_boolean (settings, "proxy-peers"));
  g_variant_dict_insert (dict, "proxy_tracker_connections", "b",
                         g_settings_get_boolean (settings, "proxy-trackers"));
  g_variant_dict_insert (dict, "proxy_hostnames", "b",
                         g_settings_get_boolean (settings, "proxy-hostnames"));
}

static void
add_encryption (GVariantDict *dict, GSettings *settings)
{
  g_autofree char *mode = g_settings_get_string (settings, "encryption");
  int              policy = ENC_ENABLED, level = ENC_LEVEL_BOTH;

  if (g_str_equal (mode, "require"))
    policy = ENC_FORCED;
  else if (g_str_equal (mode, "plaintext"))
    {
      policy = ENC_DISABLED;
      level = ENC_LEVEL_PLAINTEXT;
    }
  g_variant_dict_insert (dict, "in_enc_policy", "i", policy);
  g_variant_dict_insert (dict, "out_enc_policy", "i", policy);
  g_variant_dict_insert (dict, "allowed_enc_level", "i", level);
}

static void
add_queueing (GVariantDict *dict, GSettings *settings)
{
  gboolean on = g_settings_get_boolean (settings, "queueing-enabled");

  /* -1 is libtorrent's "no limit" here. */
  g_variant_dict_insert (dict, "active_downloads", "i",
                         on ? g_settings_get_int (settings, "active-downloads") : -1);
  g_variant_dict_insert (dict, "active_seeds", "i",
                         on ? g_settings_get_int (settings, "active-seeds") : -1);
  g_variant_dict_insert (dict, "active_limit", "i",
                         on ? g_settings_get_int (settings, "active-limit") : -1);
  g_variant_dict_insert (dict, "dont_count_slow_torrents", "b",
                         g_settings_get_boolean (settings, "slow-torrents-dont-count"));
}

GVariant *
spate_settings_bridge_build_lt_settings (GSettings *settings)
{
  g_autofree char *where = g_settings_get_string (settings, "network-interface");
  g_autofree char *listen = NULL;
  GVariantDict     dict;
  int              port = g_settings_get_int (settings, "listen-port");

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  g_variant_dict_init (&dict, NULL);
  g_strstrip (where);
  /* Port 0 asks the system for one; the app stores a fixed one first. */
  listen = listen_interfaces (where, port);
  g_variant_dict_insert (&dict, "listen_interfaces", "s", listen);
  g_variant_dict_insert (&dict, "outgoing_interfaces", "s", where);
  g_variant_dict_insert (&dict, "enable_upnp", "b",
                         g_settings_get_boolean (settings, "enable-upnp"));
  g_variant_dict_insert (&dict, "enable_natpmp", "b",
                         g_settings_get_boolean (settings, "enable-natpmp"));
  g_variant_dict_insert (&dict, "enable_outgoing_utp", "b",
                         g_settings_get_boolean (settings, "outgoing-utp"));
  g_variant_dict_insert (&dict, "connections_limit", "i",
                         count_limit (settings, "max-connections"));
  g_variant_dict_insert (&dict, "unchoke_slots_limit", "i",
                         MAX (-1, g_settings_get_int (settings, "max-uploads")));
  add_proxy (&dict, settings);

  g_variant_dict_insert (&dict, "enable_dht", "b", g_settings_get_boolean (settings, "enable-dht"));
  g_variant_dict_insert (&dict, "enable_lsd", "b", g_settings_get_boolean (settings, "enable-lsd"));
  add_encryption (&dict, settings);
  g_variant_dict_insert (&dict, "anonymous_mode", "b",
                         g_settings_get_boolean (settings, "anonymous-mode"));
  add_queueing (&dict, settings);
  return g_variant_dict_end (&dict);
}

/* The keys build_lt_settings() reads, NULL-terminated for g_strv_contains(). */
static const char * const lt_keys[] = {
  "listen-port",
  "network-interface",
  "enable-upnp",
  "enable-natpmp",
  "outgoing-utp",
  "max-connections",
  "max-uploads",
  "proxy-type",
  "proxy-host",
  "proxy-port",
  "proxy-auth",
  "proxy-username",
  "proxy-password",
  "proxy-peers",
  "proxy-trackers",
  "proxy-hostnames",
  "enable-dht",
  "enable-lsd",
  "encryption",
  "anonymous-mode",
  "queueing-enabled",
  "active-downloads",
  "active-seeds",
  "active-limit",
  "slow-torrents-dont-count",
  NULL,
};

/* Applies what changed; an override on the Advanced page wins. */
static void
apply_lt_settings (SpateSettingsBridge *self)
{
  g_autoptr (GVariant) wanted =
      g_variant_ref_sink (spate_settings_bridge_build_lt_settings (self->settings));
  g_autoptr (GVariant) overrides = g_settings_get_value (self->settings, "libtorrent-settings");
  g_auto (GVariantDict) changes = G_VARIANT_DICT_INIT (NULL);
  g_autoptr (GVariant) batch = NULL;
  g_autoptr (GError) error = NULL;
  GVariantIter iter;
  const char  *name;
  GVariant    *value;

  g_variant_iter_init (&iter, wanted);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    {
      g_autoptr (GVariant) overridden = g_variant_lookup_value (overrides, name, NULL);
      g_autoptr (GVariant) current = NULL;

      if (overridden != NULL)
        continue;
      current = spate_session_get_setting (self->session, name, NULL);
      if (current == NULL || !g_variant_equal (current, value))
        g_variant_dict_insert_value (&changes, name, value);
    }
  batch = g_variant_ref_sink (g_variant_dict_end (&changes));
  if (g_variant_n_children (batch) > 0 &&
      !spate_session_apply_settings (self->session, batch, &error))
    g_message ("Could not apply the preferences: %s", error->message);
}

/* ------------------------------------------------------- engine keys */

/* An empty folder key means a default one beside the download folder. */
static char *
folder_key (SpateSettingsBridge *self,
            const char          *enabled_key,
            const char          *key,
            const char          *fallback)
{
  g_autofree char *path = NULL;

  if (!g_settings_get_boolean (self->settings, enabled_key))
    return NULL;
  path = g_settings_get_string (self->settings, key);
  if (*path == '\0')
    return g_build_filename (spate_session_get_download_dir (self->session), fallback, NULL);
  return g_steal_pointer (&path);
}

static void
apply_folders (SpateSettingsBridge *self)
{
  g_autofree char *incomplete =
      folder_key (self, "incomplete-dir-enabled", "incomplete-dir", "Incomplete");
  g_autofree char *completed =
      folder_key (self, "move-completed-enabled", "move-completed-dir", "Completed");

  spate_session_set_incomplete_dir (self->session, incomplete);
  spate_session_set_completed_dir (self->session, completed);
}

static void
apply_new_torrents (SpateSettingsBridge *self)
{
  spate_session_set_preallocate (self->session,
                                 g_settings_get_boolean (self->settings, "preallocate"));
  spate_session_set_incomplete_extension (
      self->session, g_settings_get_boolean (self->settings, "incomplete-extension"));
  spate_session_set_pex_enabled (self->session,
                                 g_settings_get_boolean (self->settings, "enable-pex"));
  spate_session_set_torrent_limits (
      self->session, g_settings_get_int (self->settings, "max-connections-per-torrent"),
      g_settings_get_int (self->settings, "max-uploads-per-torrent"));
}

static void
apply_default_trackers (SpateSettingsBridge *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "default-trackers");
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GStrvBuilder) urls = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  if (g_settings_get_boolean (self->settings, "default-trackers-enabled"))
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_strstrip (lines[i]);
        if (*lines[i] != '\0')
          g_strv_builder_add (urls, lines[i]);
      }
  list = g_strv_builder_end (urls);
  spate_session_set_default_trackers (self->session, (const char * const *) list);
}

static void
apply_goals (SpateSettingsBridge *self)
{
  g_autofree char  *action = g_settings_get_string (self->settings, "goal-action");
  SpateSeedingGoals goals = { SPATE_GOAL_NONE, SPATE_GOAL_NONE, SPATE_GOAL_NONE };

  if (g_settings_get_boolean (self->settings, "ratio-goal-enabled"))
    goals.ratio = g_settings_get_double (self->settings, "ratio-goal");
  if (g_settings_get_boolean (self->settings, "seeding-time-goal-enabled"))
    goals.seeding_minutes = g_settings_get_int (self->settings, "seeding-time-goal");
  if (g_settings_get_boolean (self->settings, "inactive-time-goal-enabled"))
    goals.inactive_minutes = g_settings_get_int (self->settings, "inactive-time-goal");
  spate_session_set_seeding_goals (self->session, &goals,
                                   g_str_equal (action, "remove") ? SPATE_GOAL_ACTION_REMOVE
                                                                  : SPATE_GOAL_ACTION_PAUSE);
}

typedef void (*ApplyFunc) (SpateSettingsBridge *self);

static const struct
{
  const char *key;
  ApplyFunc   apply;
} engine_keys[] = {
  { "incomplete-dir-enabled", apply_folders },
  { "incomplete-dir", apply_folders },
  { "move-completed-enabled", apply_folders },
  { "move-completed-dir", apply_folders },
  { "download-dir", apply_folders },
  { "preallocate", apply_new_torrents },
  { "incomplete-extension", apply_new_torrents },
  { "enable-pex", apply_new_torrents },
  { "max-connections-per-torrent", apply_new_torrents },
  { "max-uploads-per-torrent", apply_new_torrents },
  { "default-trackers-enabled", apply_default_trackers },
  { "default-trackers", apply_default_trackers },
  { "ratio-goal-enabled", apply_goals },
  { "ratio-goal", apply_goals },
  { "seeding-time-goal-enabled", apply_goals },
  { "seeding-time-goal", apply_goals },
  { "inactive-time-goal-enabled", apply_goals },
  { "inactive-time-goal", apply_goals },
  { "goal-action", apply_goals },
};

static void
on_changed (GSettings *settings, const char *key, SpateSettingsBridge *self)
{
  if (g_strv_contains (lt_keys, key))
    {
      apply_lt_settings (self);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (engine_keys); i++)
    if (g_str_equal (engine_keys[i].key, key))
      {
        engine_keys[i].apply (self);
        return;
      }
}

/* ------------------------------------------------------------ object */

SpateSettingsBridge *
spate_settings_bridge_new (SpateSession *session, GSettings *settings)
{
  SpateSettingsBridge *self;

  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_SETTINGS_BRIDGE, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);

  /* The libtorrent keys came with the session; the rest apply now. */
  apply_folders (self);
  apply_new_torrents (self);
  apply_default_trackers (self);
  apply_goals (self);
  g_signal_connect (settings, "changed", G_CALLBACK (on_changed), self);
  return self;
}

static void
spate_settings_bridge_dispose (GObject *object)
{
  SpateSettingsBridge *self = SPATE_SETTINGS_BRIDGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (spate_settings_bridge_parent_class)->dispose (object);
}

static void
spate_settings_bridge_class_init (SpateSettingsBridgeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = spate_settings_bridge_dispose;
}

static void
spate_settings_bridge_init (SpateSettingsBridge *self)
{
}
