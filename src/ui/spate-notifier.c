/* spate-notifier.c: desktop notifications for finished and failed torrents,
 * and for torrents a seeding goal paused or removed.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-notifier.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <libnotify/notify.h>

#include "spate-portal.h"

#ifndef APP_ID
#define APP_ID "io.github.spate.Spate"
#endif

/* More than BURST_MAX notifications of one kind within the window become
 * one that counts them. */
#define BURST_WINDOW_US (2 * G_USEC_PER_SEC)
#define BURST_MAX       3
#define SUMMARY_NAMES   5 /* names a counting notification lists */

typedef enum
{
  KIND_FINISHED,
  KIND_ERROR,
  KIND_GOAL,
  N_KINDS
} Kind;

typedef struct
{
  gint64              time;
  NotifyNotification *notification; /* NULL once closed */
  char               *name;
} Recent;

typedef struct
{
  GQueue              recent;  /* Recent, oldest first, younger than the window */
  NotifyNotification *summary; /* the one counting the burst, while it lasts */
  GPtrArray          *names;   /* what the summary counts */
  gint64              last;
} Burst;

struct _SpateNotifier
{
  GObject parent_instance;

  GApplication *app; /* weak: the app owns the notifier */
  SpateSession *session;
  GSettings    *settings;

  /* libnotify calls actions back only while the object lives: each stays
   * here from show until the server closes it. */
  GHashTable *shown;
  GHashTable *errors; /* SpateTorrent → its open error notification */
  Burst       bursts[N_KINDS];

  int      markup;    /* the server takes body markup; -1 until asked */
  gboolean sandboxed; /* libnotify goes through the portal */
  gboolean owns_init;
  gboolean told_unavailable;
};

G_DEFINE_FINAL_TYPE (SpateNotifier, spate_notifier, G_TYPE_OBJECT)

static void
recent_free (gpointer data)
{
  Recent *recent = data;

  g_free (recent->name);
  g_free (recent);
}

static gboolean
enabled (SpateNotifier *self)
{
  return self->settings == NULL || g_settings_get_boolean (self->settings, "notifications");
}

static const char *
display_name (SpateTorrent *torrent)
{
  const char *name = spate_torrent_get_name (torrent);

  return name != NULL && *name != '\0' ? name : spate_torrent_get_info_hash (torrent);
}

/* Most servers read the body as markup; a name with "&" or "<" must not
 * break it. The portal a sandbox goes through takes plain text. */
static gboolean
body_markup (SpateNotifier *self)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree const char **caps = NULL;

  if (self->markup >= 0)
    return self->markup;
  if (self->sandboxed)
    {
      self->markup = FALSE;
      return FALSE;
    }

  /* Asked here rather than with notify_get_server_caps(), which warns when
   * there is no server. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (
        bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications", "GetCapabilities", NULL, G_VARIANT_TYPE ("(as)"),
        G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &caps);
  self->markup = g_strv_contains (caps, "body-markup");
  return self->markup;
}

static char *
body_text (SpateNotifier *self, const char *text)
{
  return body_markup (self) ? g_markup_escape_text (text, -1) : g_strdup (text);
}

static GtkWindow *
parent_window (SpateNotifier *self)
{
  GtkWindow *window;

  if (self->app == NULL || !GTK_IS_APPLICATION (self->app))
    return NULL;
  window = gtk_application_get_active_window (GTK_APPLICATION (self->app));
  return window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)) ? window : NULL;
}

/* The torrent's single file or top folder; its save folder when that is
 * gone (renamed, moved). */
static GFile *
content_file (SpateTorrent *torrent)
{
  g_autoptr (GFile) folder = g_file_new_for_path (spate_torrent_get_save_path (torrent));
  g_autoptr (GFile) content = g_file_get_child (folder, spate_torrent_get_disk_name (torrent));

  return g_file_query_exists (content, NULL) ? g_steal_pointer (&content)
                                             : g_steal_pointer (&folder);
}

/* -------------------------------------------------------------- actions */

static void
open_activated (NotifyNotification *notification, char *action, gpointer user_data)
{
  SpateNotifier *self = user_data;
  SpateTorrent  *torrent = g_object_get_data (G_OBJECT (notification), "spate-torrent");
  g_autoptr (GFile) file = content_file (torrent);

  if (g_strcmp0 (action, "open") == 0)
    spate_portal_open_file_simple (parent_window (self), file);
  else
    spate_portal_show_in_folder_simple (parent_window (self), file);
}

static void
default_activated (NotifyNotification *notification, char *action, gpointer user_data)
{
  SpateNotifier *self = user_data;
  const char    *token = notify_notification_get_activation_token (notification);
  GtkWindow     *window;

  if (self->app == NULL)
    return;
  g_application_activate (self->app);
  /* Lets a Wayland compositor give the window the focus. */
  window = parent_window (self);
  if (window != NULL && token != NULL)
    gtk_window_set_startup_id (window, token);
}

/* --------------------------------------------------------- bookkeeping */

/* Drops every reference to notification but the one in shown. */
static void
forget (SpateNotifier *self, NotifyNotification *notification)
{
  SpateTorrent *torrent = g_object_get_data (G_OBJECT (notification), "spate-torrent");

  if (torrent != NULL && g_hash_table_lookup (self->errors, torrent) == notification)
    g_hash_table_remove (self->errors, torrent);
  for (guint i = 0; i < N_KINDS; i++)
    {
      Burst *burst = &self->bursts[i];

      if (burst->summary == notification)
        burst->summary = NULL;
      for (GList *l = burst->recent.head; l != NULL; l = l->next)
        {
          Recent *recent = l->data;

          if (recent->notification == notification)
            recent->notification = NULL;
        }
    }
}

static void
discard (SpateNotifier *self, NotifyNotification *notification)
{
  forget (self, notification);
  g_signal_handlers_disconnect_by_data (notification, self);
  g_hash_table_remove (self->shown, notification);
}

static void
notification_closed (NotifyNotification *notification, SpateNotifier *self)
{
  /* libnotify holds a reference while it emits ::closed. */
  discard (self, notification);
}

static void
close_quietly (SpateNotifier *self, NotifyNotification *notification)
{
  g_autoptr (GError) error = NULL;

  if (!notify_notification_close (notification, &error))
    {
      g_debug ("Closing a notification: %s", error->message);
      discard (self, notification);
    }
}

static NotifyNotification *
new_notification (SpateNotifier *self,
                  Kind           kind,
                  SpateTorrent  *torrent,
                  const char    *summary,
                  const char    *body)
{
  NotifyNotification *notification = notify_notification_new (summary, body, APP_ID);

  /* libnotify's portal backend has no categories and says so each time. */
  if (!self->sandboxed)
    notify_notification_set_category (notification, kind == KIND_FINISHED ? "transfer.complete"
                                                    : kind == KIND_ERROR  ? "transfer.error"
                                                                          : "transfer");
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
  notify_notification_add_action (notification, "default", _ ("Show Spate"), default_activated,
                                  self, NULL);
  if (torrent != NULL)
    g_object_set_data_full (G_OBJECT (notification), "spate-torrent", g_object_ref (torrent),
                            g_object_unref);
  g_signal_connect (notification, "closed", G_CALLBACK (notification_closed), self);
  g_hash_table_add (self->shown, notification);
  return notification;
}

/* Shows or updates notification; a failure drops it. */
static gboolean
show (SpateNotifier *self, NotifyNotification *notification)
{
  g_autoptr (GError) error = NULL;

  if (notify_notification_show (notification, &error))
    {
      self->told_unavailable = FALSE;
      return TRUE;
    }
  /* No notification server is no reason to warn; say it once. */
  if (!self->told_unavailable)
    g_message ("Cannot show notifications: %s", error->message);
  self->told_unavailable = TRUE;
  self->markup = -1;
  discard (self, notification);
  return FALSE;
}

/* ---------------------------------------------------------------- bursts */

static void
remember (SpateNotifier *self, Kind kind, NotifyNotification *notification, const char *name)
{
  Recent *recent = g_new0 (Recent, 1);

  recent->time = g_get_monotonic_time ();
  recent->notification = notification;
  recent->name = g_strdup (name);
  g_queue_push_tail (&self->bursts[kind].recent, recent);
}

static void
update_summary (SpateNotifier *self, Kind kind)
{
  Burst *burst = &self->bursts[kind];
  guint  n = burst->names->len;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *summary = NULL;

  if (kind == KIND_FINISHED)
    summary = g_strdup_printf (ngettext ("%u Download Finished", "%u Downloads Finished", n), n);
  else if (kind == KIND_GOAL)
    summary = g_strdup_printf (ngettext ("%u Torrent Reached Its Seeding Goal",
                                         "%u Torrents Reached Their Seeding Goals", n),
                               n);
  else
    summary = g_strdup_printf (ngettext ("%u Torrent Error", "%u Torrent Errors", n), n);
  for (guint i = 0; i < MIN (n, SUMMARY_NAMES); i++)
    {
      g_autofree char *name = body_text (self, g_ptr_array_index (burst->names, i));

      g_string_append_printf (body, i == 0 ? "“%s”" : ", “%s”", name);
    }
  if (n > SUMMARY_NAMES)
    g_string_append (body, ", …");

  notify_notification_update (burst->summary, summary, body->str, APP_ID);
  show (self, burst->summary);
}

/* Folds one more event into a notification that counts them, once there
 * are too many at once; returns whether it did. */
static gboolean
fold_into_burst (SpateNotifier *self, Kind kind, const char *name)
{
  Burst  *burst = &self->bursts[kind];
  gint64  now = g_get_monotonic_time ();
  Recent *recent;

  while ((recent = g_queue_peek_head (&burst->recent)) != NULL &&
         now - recent->time > BURST_WINDOW_US)
    recent_free (g_queue_pop_head (&burst->recent));
  /* An old summary stays up as it is; this starts afresh. */
  if (burst->summary != NULL && now - burst->last > BURST_WINDOW_US)
    burst->summary = NULL;

  if (burst->summary == NULL)
    {
      if (g_queue_get_length (&burst->recent) < BURST_MAX)
        return FALSE;
      g_ptr_array_set_size (burst->names, 0);
      /* The single notifications make way for the one counting them. */
      while ((recent = g_queue_pop_head (&burst->recent)) != NULL)
        {
          g_ptr_array_add (burst->names, g_steal_pointer (&recent->name));
          if (recent->notification != NULL)
            {
              forget (self, recent->notification);
              close_quietly (self, recent->notification);
            }
          recent_free (recent);
        }
      burst->summary = new_notification (self, kind, NULL, " ", NULL);
    }

  g_ptr_array_add (burst->names, g_strdup (name));
  burst->last = now;
  update_summary (self, kind);
  return TRUE;
}

/* ---------------------------------------------------------------- events */

static void
torrent_finished (SpateNotifier *self, SpateTorrent *torrent)
{
  NotifyNotification *notification;
  const char         *name = display_name (torrent);
  g_autofree char    *escaped = NULL;
  g_autofree char    *body = NULL;

  if (!enabled (self))
    return;
  /* Not for a restored torrent catching up, nor for one whose data was
   * complete on disk when it was added: nothing came in. */
  if (spate_session_get_restoring (self->session) ||
      spate_torrent_get_session_downloaded (torrent) <= 0)
    return;
  /* It got over whatever failed. */
  notification = g_hash_table_lookup (self->errors, torrent);
  if (notification != NULL)
    {
      forget (self, notification);
      close_quietly (self, notification);
    }
  if (fold_into_burst (self, KIND_FINISHED, name))
    return;

  escaped = body_text (self, name);
  body = g_strdup_printf (_ ("“%s” has finished downloading."), escaped);
  notification = new_notification (self, KIND_FINISHED, torrent, _ ("Download Finished"), body);
  notify_notification_add_action (notification, "open", _ ("Open"), open_activated, self, NULL);
  notify_notification_add_action (notification, "open-folder", _ ("Open Folder"), open_activated,
                                  self, NULL);
  if (show (self, notification))
    remember (self, KIND_FINISHED, notification, name);
}

static void
torrent_error (SpateNotifier *self, SpateTorrent *torrent, const char *message)
{
  NotifyNotification *notification;
  const char         *name = display_name (torrent);
  g_autofree char    *escaped_name = NULL;
  g_autofree char    *escaped_message = NULL;
  g_autofree char    *body = NULL;

  if (!enabled (self))
    return;

  escaped_name = body_text (self, name);
  escaped_message = body_text (self, message != NULL ? message : "");
  body = g_strdup_printf (_ ("“%s”: %s"), escaped_name, escaped_message);

  /* A torrent that fails again replaces its own notification. */
  notification = g_hash_table_lookup (self->errors, torrent);
  if (notification != NULL)
    {
      notify_notification_update (notification, _ ("Torrent Error"), body, APP_ID);
      show (self, notification);
      return;
    }
  if (fold_into_burst (self, KIND_ERROR, name))
    return;

  notification = new_notification (self, KIND_ERROR, torrent, _ ("Torrent Error"), body);
  if (show (self, notification))
    {
      g_hash_table_insert (self->errors, g_object_ref (torrent), notification);
      remember (self, KIND_ERROR, notification, name);
    }
}

/* %s in each is a torrent's name. */
static char *
goal_body (SpateGoal goal, gboolean removed, const char *name)
{
  switch (goal)
    {
    case SPATE_GOAL_RATIO:
      return removed ? g_strdup_printf (
                           _ ("“%s” reached its ratio goal and was removed from the list."), name)
                     : g_strdup_printf (_ ("“%s” reached its ratio goal and was paused."), name);
    case SPATE_GOAL_SEEDING_TIME:
      return removed ? g_strdup_printf (_ ("“%s” seeded for as long as its goal says and was "
                                           "removed from the list."),
                                        name)
                     : g_strdup_printf (
                           _ ("“%s” seeded for as long as its goal says and was paused."), name);
    case SPATE_GOAL_INACTIVE_TIME:
    default:
      return removed ? g_strdup_printf (_ ("“%s” went without uploading for as long as its goal "
                                           "allows and was removed from the list."),
                                        name)
                     : g_strdup_printf (_ ("“%s” went without uploading for as long as its goal "
                                           "allows and was paused."),
                                        name);
    }
}

static void
goal_reached (SpateNotifier *self, SpateTorrent *torrent, SpateGoal goal, SpateGoalAction action)
{
  NotifyNotification *notification;
  const char         *name = display_name (torrent);
  g_autofree char    *escaped = NULL;
  g_autofree char    *body = NULL;

  if (!enabled (self) || fold_into_burst (self, KIND_GOAL, name))
    return;
  escaped = body_text (self, name);
  body = goal_body (goal, action == SPATE_GOAL_ACTION_REMOVE, escaped);
  /* A removed torrent has no files to open from here. */
  notification =
      new_notification (self, KIND_GOAL, action == SPATE_GOAL_ACTION_REMOVE ? NULL : torrent,
                        _ ("Seeding Goal Reached"), body);
  if (show (self, notification))
    remember (self, KIND_GOAL, notification, name);
}

static void
torrent_removed (SpateNotifier *self, SpateTorrent *torrent)
{
  g_autoptr (GPtrArray) stale = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       notification;

  /* Their actions would reach files that may be gone. */
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &notification, NULL))
    {
      if (g_object_get_data (notification, "spate-torrent") == torrent)
        g_ptr_array_add (stale, notification);
    }
  for (guint i = 0; i < stale->len; i++)
    {
      forget (self, g_ptr_array_index (stale, i));
      close_quietly (self, g_ptr_array_index (stale, i));
    }
}

/* ------------------------------------------------------------- lifecycle */

static void
spate_notifier_dispose (GObject *object)
{
  SpateNotifier *self = SPATE_NOTIFIER (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  /* Their buttons would call into nothing; libnotify's notify_uninit()
   * closes such notifications for the same reason. */
  if (self->shown != NULL)
    {
      GHashTableIter iter;
      gpointer       notification;

      g_hash_table_iter_init (&iter, self->shown);
      while (g_hash_table_iter_next (&iter, &notification, NULL))
        {
          g_signal_handlers_disconnect_by_data (notification, self);
          notify_notification_close (notification, NULL);
        }
      g_clear_pointer (&self->shown, g_hash_table_unref);
    }
  for (guint i = 0; i < N_KINDS; i++)
    {
      g_queue_clear_full (&self->bursts[i].recent, recent_free);
      self->bursts[i].summary = NULL;
      g_clear_pointer (&self->bursts[i].names, g_ptr_array_unref);
    }
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (spate_notifier_parent_class)->dispose (object);
}

static void
spate_notifier_finalize (GObject *object)
{
  SpateNotifier *self = SPATE_NOTIFIER (object);

  if (self->owns_init)
    notify_uninit ();

  G_OBJECT_CLASS (spate_notifier_parent_class)->finalize (object);
}

static void
spate_notifier_class_init (SpateNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = spate_notifier_dispose;
  object_class->finalize = spate_notifier_finalize;
}

static void
spate_notifier_init (SpateNotifier *self)
{
  self->shown = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->errors = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  for (guint i = 0; i < N_KINDS; i++)
    self->bursts[i].names = g_ptr_array_new_with_free_func (g_free);
  self->markup = -1;
  self->sandboxed = g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

SpateNotifier *
spate_notifier_new (GApplication *app, SpateSession *session, GSettings *settings)
{
  SpateNotifier *self;

  g_return_val_if_fail (app == NULL || G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);
  self->session = g_object_ref (session);
  self->settings = settings ? g_object_ref (settings) : NULL;
  if (!notify_is_initted ())
    self->owns_init = notify_init ("Spate");

  g_signal_connect_object (session, "torrent-finished", G_CALLBACK (torrent_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "torrent-error", G_CALLBACK (torrent_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "torrent-removed", G_CALLBACK (torrent_removed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "goal-reached", G_CALLBACK (goal_reached), self,
                           G_CONNECT_SWAPPED);
  return self;
}
