/* spate-portal.c: opening files and folders, inside a sandbox too.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_PATH */
#endif

#include "spate-portal.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define FILE_MANAGER_NAME  "org.freedesktop.FileManager1"
#define FILE_MANAGER_PATH  "/org/freedesktop/FileManager1"
#define PORTAL_NAME        "org.freedesktop.portal.Desktop"
#define PORTAL_PATH        "/org/freedesktop/portal/desktop"
#define PORTAL_OPEN_URI    "org.freedesktop.portal.OpenURI"
#define PORTAL_REQUEST     "org.freedesktop.portal.Request"
#define FILE_MANAGER_WAIT  10000 /* ms; D-Bus activation of a file manager takes a while */
#define PORTAL_RESPONSE_OK 0
#define PORTAL_CANCELLED   1

static gboolean
in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The portal's name for the parent window. Only X11 has one at once: a
 * Wayland handle needs an asynchronous export that GTK 4.8 cannot share
 * with its own users of the same surface, so portals get none there. */
static char *
parent_handle (GtkWindow *parent)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface;

  if (parent == NULL)
    return NULL;
  surface = gtk_native_get_surface (GTK_NATIVE (parent));
  if (surface != NULL && GDK_IS_X11_SURFACE (surface))
    return g_strdup_printf ("x11:%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
#endif
  return NULL;
}

static GAppLaunchContext *
launch_context (GtkWindow *parent)
{
  GdkDisplay *display =
      parent ? gtk_widget_get_display (GTK_WIDGET (parent)) : gdk_display_get_default ();
  GAppLaunchContext *context;
  g_autofree char   *handle = NULL;

  if (display == NULL)
    return NULL;
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display));
  /* GLib hands this to the OpenURI portal as the parent window. */
  handle = parent_handle (parent);
  if (handle != NULL)
    g_app_launch_context_setenv (context, "PARENT_WINDOW_ID", handle);
  return context;
}

static char *
file_display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

/* ----------------------------------------------------------- open file */

static void
file_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *name = file_display_name (g_task_get_task_data (task));

      g_prefix_error (&error, _ ("Could not open “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
spate_portal_open_file (GtkWindow          *parent,
                        GFile              *file,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_portal_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  context = launch_context (parent);
  uri = g_file_get_uri (file);
  g_app_info_launch_default_for_uri_async (uri, context, cancellable, file_opened,
                                           g_steal_pointer (&task));
}

gboolean
spate_portal_open_file_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == spate_portal_open_file, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------ show in folder */

typedef struct
{
  GtkWindow       *parent; /* nullable */
  GFile           *file;
  GDBusConnection *bus;            /* NULL without a session bus */
  gboolean         portal_pending; /* asked the OpenURI portal, no answer yet */
  char            *request_path;
  guint            response_id;
  GSource         *cancelled_source;
} ShowData;

static void
show_data_free (gpointer data)
{
  ShowData *show = data;

  g_assert (show->response_id == 0);
  g_assert (show->cancelled_source == NULL);
  g_clear_object (&show->parent);
  g_clear_object (&show->file);
  g_clear_object (&show->bus);
  g_free (show->request_path);
  g_free (show);
}

/* Stops waiting for the portal's answer. */
static void
stop_waiting (ShowData *show)
{
  show->portal_pending = FALSE;
  if (show->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (show->bus, show->response_id);
      show->response_id = 0;
    }
  if (show->cancelled_source != NULL)
    {
      g_source_destroy (show->cancelled_source);
      g_clear_pointer (&show->cancelled_source, g_source_unref);
    }
}

static void
show_return_error (GTask *task, GError *error)
{
  ShowData        *show = g_task_get_task_data (task);
  g_autofree char *name = file_display_name (show->file);

  stop_waiting (show);
  g_prefix_error (&error, _ ("Could not show “%s” in the file manager: "), name);
  g_task_return_error (task, error);
}

static void
show_return_ok (GTask *task)
{
  stop_waiting (g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

/* Last resort: the folder that holds the file, opened like any file. */
static void
parent_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_return_error (task, error);
  else
    show_return_ok (task);
}

static void
open_parent (GTask *task)
{
  ShowData *show = g_task_get_task_data (task);
  g_autoptr (GFile) folder = g_file_get_parent (show->file);
  g_autoptr (GAppLaunchContext) context = launch_context (show->parent);
  g_autofree char *uri = g_file_get_uri (folder ? folder : show->file);

  stop_waiting (show);
  g_app_info_launch_default_for_uri_async (uri, context, g_task_get_cancellable (task),
                                           parent_opened, g_object_ref (task));
}

/* The OpenURI portal answers OpenDirectory with a Request object whose
 * Response signal says how it went. */
static void
portal_responded (GDBusConnection *bus,
                  const char      *sender,
                  const char      *path,
                  const char      *interface,
                  const char      *signal,
                  GVariant        *parameters,
                  gpointer         user_data)
{
  GTask    *task = user_data;
  ShowData *show = g_task_get_task_data (task);
  guint32   response = 2;

  if (!show->portal_pending)
    return;
  g_object_ref (task);
  g_variant_get (parameters, "(u@a{sv})", &response, NULL);
  if (response == PORTAL_RESPONSE_OK)
    show_return_ok (task);
  else if (response == PORTAL_CANCELLED)
    show_return_error (task,
                       g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Dismissed")));
  else
    open_parent (task);
  g_object_unref (task);
}

static void
wait_for_response (GTask *task, const char *request_path)
{
  ShowData *show = g_task_get_task_data (task);

  if (show->response_id != 0)
    g_dbus_connection_signal_unsubscribe (show->bus, show->response_id);
  g_free (show->request_path);
  show->request_path = g_strdup (request_path);
  show->response_id = g_dbus_connection_signal_subscribe (
      show->bus, PORTAL_NAME, PORTAL_REQUEST, "Response", request_path, NULL,
      G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE, portal_responded, g_object_ref (task), g_object_unref);
}

static gboolean
portal_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask    *task = user_data;
  ShowData *show = g_task_get_task_data (task);

  g_object_ref (task);
  /* Tell the portal too; nobody waits for its answer. */
  g_dbus_connection_call (show->bus, PORTAL_NAME, show->request_path, PORTAL_REQUEST, "Close", NULL,
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  show_return_error (
      task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Operation was cancelled")));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
directory_requested (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ShowData *show = g_task_get_task_data (task);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *request_path;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), NULL, result,
                                                           &error);
  /* The answer came first, or this was cancelled. */
  if (!show->portal_pending)
    return;
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("OpenURI portal: %s", error->message);
      open_parent (task);
      return;
    }

  /* Portals before 0.9 choose another path than the one asked for. */
  g_variant_get (reply, "(&o)", &request_path);
  if (g_strcmp0 (request_path, show->request_path) != 0)
    wait_for_response (task, request_path);

  if (g_task_get_cancellable (task) != NULL)
    {
      show->cancelled_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (show->cancelled_source, G_SOURCE_FUNC (portal_cancelled), task, NULL);
      g_source_attach (show->cancelled_source, g_task_get_context (task));
    }
}

static void
open_directory (GTask *task)
{
  ShowData *show = g_task_get_task_data (task);
  g_autoptr (GUnixFDList) fds = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (show->file);
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *request_path = NULL;
  g_autofree char *handle = NULL;
  GVariantBuilder  options;
  int              fd = -1;
  int              index;

  if (path != NULL)
    fd = g_open (path, O_PATH | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_debug ("OpenURI portal: cannot open %s: %s", path ? path : "a remote file",
               g_strerror (errno));
      open_parent (task);
      return;
    }
  fds = g_unix_fd_list_new ();
  index = g_unix_fd_list_append (fds, fd, &error);
  g_close (fd, NULL);
  if (index < 0)
    {
      g_debug ("OpenURI portal: %s", error->message);
      open_parent (task);
      return;
    }

  /* Listen before asking, on the path the portal will use, so that a fast
   * answer is not lost. */
  token = g_strdup_printf ("spate%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (show->bus) + 1);
  g_strdelimit (sender, ".", '_');
  request_path = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  show->portal_pending = TRUE;
  wait_for_response (task, request_path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  handle = parent_handle (show->parent);
  g_dbus_connection_call_with_unix_fd_list (
      show->bus, PORTAL_NAME, PORTAL_PATH, PORTAL_OPEN_URI, "OpenDirectory",
      g_variant_new ("(sha{sv})", handle ? handle : "", index, &options), G_VARIANT_TYPE ("(o)"),
      G_DBUS_CALL_FLAGS_NONE, -1, fds, g_task_get_cancellable (task), directory_requested,
      g_object_ref (task));
}

static void
items_shown (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      show_return_ok (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* No file manager on the bus, or the sandbox does not let us talk to it. */
  g_debug ("FileManager1: %s", error->message);
  if (in_sandbox ())
    open_directory (task);
  else
    open_parent (task);
}

static void
got_bus (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ShowData *show = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  const char      *uris[2] = { NULL, NULL };

  show->bus = g_bus_get_finish (result, &error);
  if (show->bus == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("No session bus: %s", error->message);
      open_parent (task);
      return;
    }

  uri = g_file_get_uri (show->file);
  uris[0] = uri;
  /* The startup id stays empty as GTK's own file launcher leaves it: a
   * launch context makes one only for a GAppInfo. */
  g_dbus_connection_call (show->bus, FILE_MANAGER_NAME, FILE_MANAGER_PATH, FILE_MANAGER_NAME,
                          "ShowItems", g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, FILE_MANAGER_WAIT, g_task_get_cancellable (task),
                          items_shown, g_object_ref (task));
}

void
spate_portal_show_in_folder (GtkWindow          *parent,
                             GFile              *file,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  ShowData *show;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_portal_show_in_folder);
  show = g_new0 (ShowData, 1);
  show->parent = parent ? g_object_ref (parent) : NULL;
  show->file = g_object_ref (file);
  g_task_set_task_data (task, show, show_data_free);

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, got_bus, g_steal_pointer (&task));
}

gboolean
spate_portal_show_in_folder_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == spate_portal_show_in_folder,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -------------------------------------------------------------- simple */

static void
log_failure (const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("%s", error->message);
}

static void
opened_simple (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!spate_portal_open_file_finish (result, &error))
    log_failure (error);
}

static void
shown_simple (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!spate_portal_show_in_folder_finish (result, &error))
    log_failure (error);
}

void
spate_portal_open_file_simple (GtkWindow *parent, GFile *file)
{
  spate_portal_open_file (parent, file, NULL, opened_simple, NULL);
}

void
spate_portal_show_in_folder_simple (GtkWindow *parent, GFile *file)
{
  spate_portal_show_in_folder (parent, file, NULL, shown_simple, NULL);
}
