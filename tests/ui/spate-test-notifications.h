/* spate-test-notifications.h: a notification server for tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * org.freedesktop.Notifications on the session bus, answering from a thread
 * of its own: libnotify calls it synchronously from the main thread of the
 * same process. It records every Notify call and lets a test click a
 * notification's buttons or dismiss it.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* NotificationClosed reasons (Desktop Notifications Specification). */
#define SPATE_TEST_CLOSED_EXPIRED   1
#define SPATE_TEST_CLOSED_DISMISSED 2
#define SPATE_TEST_CLOSED_BY_CALL   3

/* One Notify call, as received. */
typedef struct
{
  guint32   id; /* what the call returned */
  char     *app_name;
  guint32   replaces_id;
  char     *app_icon;
  char     *summary;
  char     *body;
  char    **actions; /* key, label, key, label … */
  GVariant *hints;   /* a{sv} */
  gint32    expire_timeout;
  char     *sender; /* unique bus name of the caller */
} SpateTestNotification;

typedef struct _SpateTestNotifications SpateTestNotifications;

/* Owns org.freedesktop.Notifications on bus (a private connection to the
 * session bus when NULL) and returns once it does (bounded: 5 s). Fails
 * when another process owns the name. */
SpateTestNotifications *spate_test_notifications_new (GDBusConnection *bus, GError **error);
/* Releases the name and stops the server thread. */
void spate_test_notifications_free (SpateTestNotifications *self);

/* Notify calls so far, replacements included. */
guint spate_test_notifications_get_count (SpateTestNotifications *self);
/* The index-th Notify call; valid until the server is freed. */
const SpateTestNotification *spate_test_notifications_get (SpateTestNotifications *self,
                                                           guint                   index);
/* The last Notify call, or NULL. */
const SpateTestNotification *spate_test_notifications_get_last (SpateTestNotifications *self);
/* Shown and neither closed by the client, dismissed nor clicked. */
gboolean spate_test_notifications_is_open (SpateTestNotifications *self, guint32 id);
guint    spate_test_notifications_get_n_open (SpateTestNotifications *self);

/* Whether n offers the action key ("default" included). */
gboolean spate_test_notification_has_action (const SpateTestNotification *n, const char *key);
/* A string hint ("category", "desktop-entry" …), or NULL. */
const char *spate_test_notification_get_hint_string (const SpateTestNotification *n,
                                                     const char                  *key);
/* The "urgency" hint, or -1. */
int spate_test_notification_get_urgency (const SpateTestNotification *n);

/* Clicks: ActionInvoked to the client, then NotificationClosed (dismissed)
 * unless the notification is resident, as GNOME Shell does. FALSE when id
 * is not open or does not offer key. The client sees the signals once its
 * main context runs. */
gboolean
spate_test_notifications_invoke_action (SpateTestNotifications *self, guint32 id, const char *key);
/* Closes id as the user or a timeout would. FALSE when it is not open. */
gboolean spate_test_notifications_close (SpateTestNotifications *self, guint32 id, guint32 reason);

/* Runs the default main context until count Notify calls arrived or
 * timeout_ms passed; returns whether they did. */
gboolean
spate_test_notifications_wait_count (SpateTestNotifications *self, guint count, guint timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateTestNotifications, spate_test_notifications_free)

G_END_DECLS
