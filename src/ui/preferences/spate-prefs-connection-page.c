/* spate-prefs-connection-page.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-prefs-connection-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "spate-engine.h"
#include "spate-prefs-common.h"

/* Ports a random choice comes from: IANA's dynamic range. */
#define RANDOM_PORT_LOW  49152
#define RANDOM_PORT_HIGH 65536

struct _SpatePrefsConnectionPage
{
  AdwPreferencesPage parent_instance;

  GSettings          *settings;
  SpatePrefsBindings *bindings;

  GtkSpinButton *port;
  GtkSwitch     *upnp;
  GtkSwitch     *natpmp;
  GtkSwitch     *outgoing_utp;
  AdwActionRow  *check_row;
  GtkSpinButton *max_connections;
  GtkSpinButton *max_connections_per_torrent;
  GtkSpinButton *max_uploads;
  GtkSpinButton *max_uploads_per_torrent;
  AdwEntryRow   *interface_row;
  AdwComboRow   *proxy_type_row;
  AdwEntryRow   *proxy_host_row;
  GtkSpinButton *proxy_port;
  GtkSwitch     *proxy_auth;
  AdwEntryRow   *proxy_username_row;
  AdwEntryRow   *proxy_password_row;
  GtkSwitch     *proxy_peers;
  GtkSwitch     *proxy_trackers;
  GtkSwitch     *proxy_hostnames;
  GtkWidget     *proxy_port_row;
  GtkWidget     *proxy_auth_row;
  GtkWidget     *proxy_peers_row;
  GtkWidget     *proxy_trackers_row;
  GtkWidget     *proxy_hostnames_row;
};

G_DEFINE_FINAL_TYPE (SpatePrefsConnectionPage,
                     spate_prefs_connection_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const proxy_types[] = { "none", "socks4", "socks5", "http", NULL };

/* --------------------------------------------------------- text rows */

/* Each entry row stands for a string key; a row holds the key's name. */
static void
load_entry (SpatePrefsConnectionPage *self, AdwEntryRow *row)
{
  const char      *key = g_object_get_data (G_OBJECT (row), "spate-key");
  g_autofree char *value = g_settings_get_string (self->settings, key);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static gboolean
is_interface_name (const char *name)
{
  g_autofree char *path = NULL;

  if (strchr (name, '/') != NULL || g_str_equal (name, ".") || g_str_equal (name, ".."))
    return FALSE;
  path = g_build_filename ("/sys/class/net", name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
is_host_name (const char *host)
{
  if (g_hostname_is_ip_address (host))
    return TRUE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return *host != '\0' && *host != '-' && *host != '.';
}

/* Why text cannot go into key, or NULL when it can. */
static char *
refusal (SpatePrefsConnectionPage *self, const char *key, const char *text)
{
  g_autofree char *type = g_settings_get_string (self->settings, "proxy-type");

  if (g_str_equal (key, "network-interface") && *text != '\0' && !g_hostname_is_ip_address (text) &&
      !is_interface_name (text))
    /* Translators: %s is what was typed. */
    return g_strdup_printf (_ ("No network interface or address is called “%s”"), text);
  if (g_str_equal (key, "proxy-host"))
    {
      if (*text == '\0' && !g_str_equal (type, "none"))
        return g_strdup (_ ("Enter the proxy’s host name or address"));
      if (*text != '\0' && !is_host_name (text))
        /* Translators: %s is what was typed. */
        return g_strdup_printf (_ ("“%s” is not a host name or address"), text);
    }
  return NULL;
}

static void
entry_applied (AdwEntryRow *row, SpatePrefsConnectionPage *self)
{
  const char      *key = g_object_get_data (G_OBJECT (row), "spate-key");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *reason = refusal (self, key, text);

  spate_prefs_row_set_error (GTK_WIDGET (row), reason);
  if (reason == NULL)
    g_settings_set_string (self->settings, key, text);
}

static void
bind_entry (SpatePrefsConnectionPage *self, AdwEntryRow *row, const char *key)
{
  g_object_set_data (G_OBJECT (row), "spate-key", (gpointer) key);
  load_entry (self, row);
  g_signal_connect (row, "apply", G_CALLBACK (entry_applied), self);
}

static void
on_setting_changed (SpatePrefsConnectionPage *self, const char *key)
{
  AdwEntryRow *entries[] = { self->interface_row, self->proxy_host_row, self->proxy_username_row,
                             self->proxy_password_row };
  g_autofree char *type = g_settings_get_string (self->settings, "proxy-type");
  g_autofree char *host = g_settings_get_string (self->settings, "proxy-host");
  gboolean         proxy = !g_str_equal (type, "none");
  GtkWidget       *proxy_rows[] = { GTK_WIDGET (self->proxy_host_row),
                                    self->proxy_port_row,
                                    self->proxy_auth_row,
                                    self->proxy_peers_row,
                                    self->proxy_trackers_row,
                                    self->proxy_hostnames_row };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (key == NULL || g_strcmp0 (key, g_object_get_data (G_OBJECT (entries[i]), "spate-key")) == 0)
      load_entry (self, entries[i]);

  for (guint i = 0; i < G_N_ELEMENTS (proxy_rows); i++)
    gtk_widget_set_sensitive (proxy_rows[i], proxy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_username_row),
                            proxy && g_settings_get_boolean (self->settings, "proxy-auth"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_password_row),
                            proxy && g_settings_get_boolean (self->settings, "proxy-auth"));
  /* A proxy without a host is not used; say so where the host goes. */
  if (key != NULL && g_str_equal (key, "proxy-type"))
    spate_prefs_row_set_error (
        GTK_WIDGET (self->proxy_host_row),
        proxy && *g_strstrip (host) == '\0' ? _ ("Enter the proxy’s host name or address") : NULL);
}

/* ------------------------------------------------------------- port */

static void
random_port_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpatePrefsConnectionPage *self = SPATE_PREFS_CONNECTION_PAGE (widget);

  g_settings_set_int (self->settings, "listen-port",
                      g_random_int_range (RANDOM_PORT_LOW, RANDOM_PORT_HIGH));
}

static char *
describe_mapper (SpateSession *session, SpatePortMapper mapper, gboolean enabled)
{
  const char *error = NULL;
  int         port = 0;

  if (!enabled)
    return g_strdup (_ ("off"));
  if (spate_session_get_port_mapping (session, mapper, &port, &error))
    /* Translators: %d is a port number on the router. */
    return g_strdup_printf (_ ("the router forwards port %d"), port);
  if (error != NULL)
    /* Translators: %s is the router's or the network's error. */
    return g_strdup_printf (_ ("failed: %s"), error);
  return g_strdup (_ ("no router answered yet"));
}

static gboolean
session_enables (SpateSession *session, const char *name)
{
  g_autoptr (GVariant) value = spate_session_get_setting (session, name, NULL);

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
         g_variant_get_boolean (value);
}

/* What is in force in the session, which may differ from the keys when
 * the Advanced page overrides them. */
static char *
describe_reachability (SpatePrefsConnectionPage *self, SpateSession *session)
{
  int              port = spate_session_get_listen_port (session);
  gint64           incoming = spate_session_get_counter (session, "peer.incoming_connections");
  g_autofree char *upnp =
      describe_mapper (session, SPATE_PORT_MAPPER_UPNP, session_enables (session, "enable_upnp"));
  g_autofree char *natpmp = describe_mapper (session, SPATE_PORT_MAPPER_NATPMP,
                                             session_enables (session, "enable_natpmp"));
  g_autofree char *listening = NULL;
  g_autofree char *peers = NULL;

  if (port > 0)
    /* Translators: %d is a port number. */
    listening = g_strdup_printf (_ ("Listening on port %d."), port);
  else
    listening = g_strdup (_ ("Not listening: the port may be in use."));
  if (incoming > 0)
    peers = g_strdup_printf (g_dngettext (NULL, "%lld peer connected to Spate",
                                          "%lld peers connected to Spate", (gulong) incoming),
                             (long long) incoming);
  else
    peers = g_strdup (_ ("No peer has connected to Spate yet"));
  /* Translators: listening, then peers, then the two port mappers' results. */
  return g_strdup_printf (_ ("%s %s. UPnP: %s. NAT-PMP: %s."), listening, peers, upnp, natpmp);
}

static void
check_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SpatePrefsConnectionPage *self = SPATE_PREFS_CONNECTION_PAGE (widget);
  SpateSession             *session = spate_prefs_get_session ();
  g_autofree char          *text = NULL;

  if (session == NULL)
    return;
  text = describe_reachability (self, session);
  adw_action_row_set_subtitle (self->check_row, text);
}

/* ------------------------------------------------------------ object */

static void
bind_rows (SpatePrefsConnectionPage *self)
{
  SpatePrefsBindings *b = self->bindings = spate_prefs_bindings_new (self->settings);

  spate_prefs_bind (b, "listen-port", self->port, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "enable-upnp", self->upnp, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "enable-natpmp", self->natpmp, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "outgoing-utp", self->outgoing_utp, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "max-connections", self->max_connections, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "max-connections-per-torrent", self->max_connections_per_torrent, "value",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "max-uploads", self->max_uploads, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "max-uploads-per-torrent", self->max_uploads_per_torrent, "value",
                    G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind_choice (b, "proxy-type", self->proxy_type_row, proxy_types);
  spate_prefs_bind (b, "proxy-port", self->proxy_port, "value", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "proxy-auth", self->proxy_auth, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "proxy-peers", self->proxy_peers, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "proxy-trackers", self->proxy_trackers, "active", G_SETTINGS_BIND_DEFAULT);
  spate_prefs_bind (b, "proxy-hostnames", self->proxy_hostnames, "active", G_SETTINGS_BIND_DEFAULT);

  bind_entry (self, self->interface_row, "network-interface");
  bind_entry (self, self->proxy_host_row, "proxy-host");
  bind_entry (self, self->proxy_username_row, "proxy-username");
  bind_entry (self, self->proxy_password_row, "proxy-password");
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (on_setting_changed), self);
  on_setting_changed (self, NULL);
}

AdwPreferencesPage *
spate_prefs_connection_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SPATE_TYPE_PREFS_CONNECTION_PAGE, "settings", settings, NULL);
}

static void
spate_prefs_connection_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (spate_prefs_connection_page_parent_class)->constructed (object);
  bind_rows (SPATE_PREFS_CONNECTION_PAGE (object));
}

static void
spate_prefs_connection_page_dispose (GObject *object)
{
  SpatePrefsConnectionPage *self = SPATE_PREFS_CONNECTION_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_pointer (&self->bindings, spate_prefs_bindings_free);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PREFS_CONNECTION_PAGE);

  G_OBJECT_CLASS (spate_prefs_connection_page_parent_class)->dispose (object);
}

static void
spate_prefs_connection_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  SpatePrefsConnectionPage *self = SPATE_PREFS_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_prefs_connection_page_class_init (SpatePrefsConnectionPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = spate_prefs_connection_page_constructed;
  object_class->dispose = spate_prefs_connection_page_dispose;
  object_class->set_property = spate_prefs_connection_page_set_property;

  properties[PROP_SETTINGS] =
      g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/preferences/spate-prefs-connection-page.ui");
#define CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, SpatePrefsConnectionPage, name)
  CHILD (port);
  CHILD (upnp);
  CHILD (natpmp);
  CHILD (outgoing_utp);
  CHILD (check_row);
  CHILD (max_connections);
  CHILD (max_connections_per_torrent);
  CHILD (max_uploads);
  CHILD (max_uploads_per_torrent);
  CHILD (interface_row);
  CHILD (proxy_type_row);
  CHILD (proxy_host_row);
  CHILD (proxy_port);
  CHILD (proxy_auth);
  CHILD (proxy_username_row);
  CHILD (proxy_password_row);
  CHILD (proxy_peers);
  CHILD (proxy_trackers);
  CHILD (proxy_hostnames);
  CHILD (proxy_port_row);
  CHILD (proxy_auth_row);
  CHILD (proxy_peers_row);
  CHILD (proxy_trackers_row);
  CHILD (proxy_hostnames_row);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "connection.random-port", NULL,
                                   random_port_action);
  gtk_widget_class_install_action (widget_class, "connection.check", NULL, check_action);
}

static void
spate_prefs_connection_page_init (SpatePrefsConnectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  spate_prefs_show_whole_value (self->proxy_type_row);
}
