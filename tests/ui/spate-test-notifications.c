/* spate-test-notifications.c: a notification server for tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-notifications.h"

#define NAME       "org.freedesktop.Notifications"
#define PATH       "/org/freedesktop/Notifications"
#define INTERFACE  "org.freedesktop.Notifications"
#define START_WAIT (5 * G_TIME_SPAN_SECOND)

static const char introspection[] = "<node>"
                                    "  <interface name='org.freedesktop.Notifications'>"
                                    "    <method name='GetCapabilities'>"
                                    "      <arg type='as' direction='out'/>"
                                    "    </method>"
                                    "    <method name='Notify'>"
                                    "      <arg type='s' direction='in'/>"
                                    "      <arg type='u' direction='in'/>"
                                    "      <arg type='s' direction='in'/>"
                                    "      <arg type='s' direction='in'/>"
                                    "      <arg type='s' direction='in'/>"
                                    "      <arg type='as' direction='in'/>"
                                    "      <arg type='a{sv}' direction='in'/>"
                                    "      <arg type='i' direction='in'/>"
                                    "      <arg type='u' direction='out'/>"
                                    "    </method>"
                                    "    <method name='CloseNotification'>"
                                    "      <arg type='u' direction='in'/>"
                                    "    </method>"
                                    "    <method name='GetServerInformation'>"
                                    "      <arg type='s' direction='out'/>"
                                    "      <arg type='s' direction='out'/>"
                                    "      <arg type='s' direction='out'/>"
                                    "      <arg type='s' direction='out'/>"
                                    "    </method>"
                                    "    <signal name='NotificationClosed'>"
                                    "      <arg type='u'/>"
                                    "      <arg type='u'/>"
                                    "    </signal>"
                                    "    <signal name='ActionInvoked'>"
                                    "      <arg type='u'/>"
                                    "      <arg type='s'/>"
                                    "    </signal>"
                                    "  </interface>"
                                    "</node>";

typedef enum
{
  STARTING,
  OWNED,
  FAILED,
} State;

struct _SpateTestNotifications
{
  GDBusConnection *bus;
  gboolean         own_bus; /* a private connection, closed at the end */
  GThread         *thread;
  GMainContext    *context; /* the server thread's */
  GMainLoop       *loop;
  guint            registration_id;
  guint            owner_id;

  GMutex      lock; /* guards what follows */
  GCond       cond;
  State       state;
  GError     *error;
  GPtrArray  *notifications; /* SpateTestNotification, every Notify call */
  GHashTable *open;          /* id → its last SpateTestNotification */
  guint32     last_id;
};

static void
notification_free (gpointer data)
{
  SpateTestNotification *n = data;

  g_free (n->app_name);
  g_free (n->app_icon);
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_clear_pointer (&n->hints, g_variant_unref);
  g_free (n->sender);
  g_free (n);
}

static void
set_state (SpateTestNotifications *self, State state, GError *error)
{
  g_mutex_lock (&self->lock);
  if (self->state == STARTING)
    {
      self->state = state;
      self->error = error;
      error = NULL;
    }
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_clear_error (&error);
}

/* Tells the client that id is gone; FALSE when it was not open. */
static gboolean
close_notification (SpateTestNotifications *self, guint32 id, guint32 reason)
{
  SpateTestNotification *n;
  g_autofree char       *sender = NULL;

  g_mutex_lock (&self->lock);
  n = g_hash_table_lookup (self->open, GUINT_TO_POINTER (id));
  if (n != NULL)
    {
      sender = g_strdup (n->sender);
      g_hash_table_remove (self->open, GUINT_TO_POINTER (id));
    }
  g_mutex_unlock (&self->lock);
  if (sender == NULL)
    return FALSE;

  g_dbus_connection_emit_signal (self->bus, sender, PATH, INTERFACE, "NotificationClosed",
                                 g_variant_new ("(uu)", id, reason), NULL);
  return TRUE;
}

static guint32
notify (SpateTestNotifications *self, const char *sender, GVariant *parameters)
{
  SpateTestNotification *n = g_new0 (SpateTestNotification, 1);
  guint32                id;

  g_variant_get (parameters, "(susss^as@a{sv}i)", &n->app_name, &n->replaces_id, &n->app_icon,
                 &n->summary, &n->body, &n->actions, &n->hints, &n->expire_timeout);
  n->sender = g_strdup (sender);

  g_mutex_lock (&self->lock);
  /* An open notification is replaced in place; anything else is new. */
  if (n->replaces_id != 0 && g_hash_table_contains (self->open, GUINT_TO_POINTER (n->replaces_id)))
    n->id = n->replaces_id;
  else
    n->id = ++self->last_id;
  id = n->id;
  g_hash_table_insert (self->open, GUINT_TO_POINTER (id), n);
  g_ptr_array_add (self->notifications, n);
  g_mutex_unlock (&self->lock);
  return id;
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  SpateTestNotifications *self = user_data;

  if (g_str_equal (method_name, "GetCapabilities"))
    {
      static const char * const caps[] = { "actions", "body", "body-markup", "persistence", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (
          invocation, g_variant_new ("(ssss)", "Spate Test", "Spate", "1.0", "1.2"));
    }
  else if (g_str_equal (method_name, "Notify"))
    {
      guint32 id = notify (self, sender, parameters);

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      close_notification (self, id, SPATE_TEST_CLOSED_BY_CALL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No method %s", method_name);
    }
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { NULL } };

static void
name_acquired (GDBusConnection *bus, const char *name, gpointer user_data)
{
  set_state (user_data, OWNED, NULL);
}

static void
name_lost (GDBusConnection *bus, const char *name, gpointer user_data)
{
  set_state (user_data, FAILED,
             g_error_new (G_IO_ERROR, G_IO_ERROR_EXISTS, "Could not own %s on the bus", name));
}

static gpointer
server_thread (gpointer data)
{
  SpateTestNotifications *self = data;
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  GError *error = NULL;

  /* Method calls are served in the context current where the object is
   * registered: this thread's, free while the main thread blocks in
   * libnotify's synchronous calls. */
  g_main_context_push_thread_default (self->context);
  self->registration_id = g_dbus_connection_register_object (self->bus, PATH, info->interfaces[0],
                                                             &vtable, self, NULL, &error);
  if (self->registration_id == 0)
    set_state (self, FAILED, error);
  else
    self->owner_id = g_bus_own_name_on_connection (
        self->bus, NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, name_acquired, name_lost, self, NULL);

  g_main_loop_run (self->loop);

  if (self->owner_id != 0)
    g_bus_unown_name (self->owner_id);
  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->bus, self->registration_id);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
stop_server (gpointer data)
{
  SpateTestNotifications *self = data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

SpateTestNotifications *
spate_test_notifications_new (GDBusConnection *bus, GError **error)
{
  g_autoptr (SpateTestNotifications) self = g_new0 (SpateTestNotifications, 1);
  gint64 deadline;

  g_return_val_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus), NULL);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->notifications = g_ptr_array_new_with_free_func (notification_free);
  self->open = g_hash_table_new (NULL, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  if (bus != NULL)
    self->bus = g_object_ref (bus);
  else
    {
      g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, error);

      if (address == NULL)
        return NULL;
      self->bus = g_dbus_connection_new_for_address_sync (
          address,
          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
          NULL, NULL, error);
      if (self->bus == NULL)
        return NULL;
      self->own_bus = TRUE;
    }

  self->thread = g_thread_new ("notification-server", server_thread, self);

  deadline = g_get_monotonic_time () + START_WAIT;
  g_mutex_lock (&self->lock);
  while (self->state == STARTING)
    {
      if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
        break;
    }
  if (self->state != OWNED)
    {
      if (self->error != NULL)
        g_propagate_error (error, g_steal_pointer (&self->error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Could not own %s in time", NAME);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&self);
}

void
spate_test_notifications_free (SpateTestNotifications *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, stop_server, self);
      g_thread_join (self->thread);
    }
  if (self->bus != NULL)
    {
      /* Let the name go before another server wants it. */
      g_dbus_connection_flush_sync (self->bus, NULL, NULL);
      if (self->own_bus)
        g_dbus_connection_close_sync (self->bus, NULL, NULL);
    }
  g_clear_object (&self->bus);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->open, g_hash_table_unref);
  g_clear_pointer (&self->notifications, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

guint
spate_test_notifications_get_count (SpateTestNotifications *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->notifications->len;
  g_mutex_unlock (&self->lock);
  return count;
}

const SpateTestNotification *
spate_test_notifications_get (SpateTestNotifications *self, guint index)
{
  const SpateTestNotification *n = NULL;

  g_mutex_lock (&self->lock);
  if (index < self->notifications->len)
    n = g_ptr_array_index (self->notifications, index);
  g_mutex_unlock (&self->lock);
  return n;
}

const SpateTestNotification *
spate_test_notifications_get_last (SpateTestNotifications *self)
{
  guint count = spate_test_notifications_get_count (self);

  return count > 0 ? spate_test_notifications_get (self, count - 1) : NULL;
}

gboolean
spate_test_notifications_is_open (SpateTestNotifications *self, guint32 id)
{
  gboolean open;

  g_mutex_lock (&self->lock);
  open = g_hash_table_contains (self->open, GUINT_TO_POINTER (id));
  g_mutex_unlock (&self->lock);
  return open;
}

guint
spate_test_notifications_get_n_open (SpateTestNotifications *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->open);
  g_mutex_unlock (&self->lock);
  return n;
}

gboolean
spate_test_notification_has_action (const SpateTestNotification *n, const char *key)
{
  g_return_val_if_fail (n != NULL, FALSE);

  for (guint i = 0; n->actions[i] != NULL && n->actions[i + 1] != NULL; i += 2)
    {
      if (g_str_equal (n->actions[i], key))
        return TRUE;
    }
  return FALSE;
}

const char *
spate_test_notification_get_hint_string (const SpateTestNotification *n, const char *key)
{
  const char *value = NULL;

  g_return_val_if_fail (n != NULL, NULL);

  if (!g_variant_lookup (n->hints, key, "&s", &value))
    return NULL;
  return value;
}

int
spate_test_notification_get_urgency (const SpateTestNotification *n)
{
  guint8 urgency;

  g_return_val_if_fail (n != NULL, -1);

  if (!g_variant_lookup (n->hints, "urgency", "y", &urgency))
    return -1;
  return urgency;
}

gboolean
spate_test_notifications_invoke_action (SpateTestNotifications *self, guint32 id, const char *key)
{
  SpateTestNotification *n;
  g_autofree char       *sender = NULL;
  gboolean               resident = FALSE;

  g_mutex_lock (&self->lock);
  n = g_hash_table_lookup (self->open, GUINT_TO_POINTER (id));
  if (n != NULL && spate_test_notification_has_action (n, key))
    {
      sender = g_strdup (n->sender);
      g_variant_lookup (n->hints, "resident", "b", &resident);
    }
  g_mutex_unlock (&self->lock);
  if (sender == NULL)
    return FALSE;

  g_dbus_connection_emit_signal (self->bus, sender, PATH, INTERFACE, "ActionInvoked",
                                 g_variant_new ("(us)", id, key), NULL);
  if (!resident)
    close_notification (self, id, SPATE_TEST_CLOSED_DISMISSED);
  return TRUE;
}

gboolean
spate_test_notifications_close (SpateTestNotifications *self, guint32 id, guint32 reason)
{
  return close_notification (self, id, reason);
}

gboolean
spate_test_notifications_wait_count (SpateTestNotifications *self, guint count, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  /* Notify calls arrive on the server thread: nothing wakes this one. */
  while (spate_test_notifications_get_count (self) < count && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return spate_test_notifications_get_count (self) >= count;
}
