/* spate-profiler.c: the app's own timings, for bench/ (SPATE_PROFILE).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-profiler.h"

#include <stdio.h>

#include "spate-engine.h"

static struct
{
  FILE       *out;
  gint64      start;
  GPollFunc   poll;
  gint64      returned; /* when poll() last returned */
  gint64      busy;     /* work this second, µs */
  gint64      longest;  /* longest iteration this second, µs */
  guint       iterations;
  guint       second_id;
  gboolean    listed;
  GListModel *rows;
  GObject    *session;
} profiler;

gboolean
spate_profiler_enabled (void)
{
  return profiler.out != NULL;
}

static double
ms_since_start (void)
{
  return (g_get_monotonic_time () - profiler.start) / 1000.0;
}

static void emit (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
emit (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (profiler.out, format, args);
  va_end (args);
  fputc ('\n', profiler.out);
  fflush (profiler.out);
}

/* Everything between two poll() calls is work the main loop did. */
static int
timed_poll (GPollFD *fds, guint n_fds, int timeout)
{
  gint64 now = g_get_monotonic_time ();
  int    ret;

  if (profiler.returned != 0)
    {
      gint64 work = now - profiler.returned;

      profiler.busy += work;
      profiler.longest = MAX (profiler.longest, work);
      profiler.iterations++;
    }
  ret = profiler.poll (fds, n_fds, timeout);
  profiler.returned = g_get_monotonic_time ();
  return ret;
}

static gboolean
second_cb (gpointer unused)
{
  emit ("{\"event\":\"second\",\"t_ms\":%.1f,\"busy_ms\":%.3f,\"max_iteration_ms\":%.3f,"
        "\"iterations\":%u}",
        ms_since_start (), profiler.busy / 1000.0, profiler.longest / 1000.0, profiler.iterations);
  profiler.busy = 0;
  profiler.longest = 0;
  profiler.iterations = 0;
  return G_SOURCE_CONTINUE;
}

void
spate_profiler_start (void)
{
  const char *path = g_getenv ("SPATE_PROFILE");

  if (path == NULL || path[0] == '\0' || profiler.out != NULL)
    return;
  profiler.out = fopen (path, "a");
  if (profiler.out == NULL)
    {
      g_printerr ("SPATE_PROFILE: cannot write %s\n", path);
      return;
    }
  profiler.start = g_get_monotonic_time ();
  profiler.poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  profiler.second_id = g_timeout_add (1000, second_cb, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock, gpointer unused)
{
  emit ("{\"event\":\"first-frame\",\"ms\":%.1f}", ms_since_start ());
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
}

static void
check_listed (void)
{
  gboolean restoring = TRUE;
  guint    rows;

  if (profiler.listed || profiler.session == NULL)
    return;
  g_object_get (profiler.session, "restoring", &restoring, NULL);
  if (restoring)
    return;
  rows = g_list_model_get_n_items (profiler.rows);
  profiler.listed = TRUE;
  emit ("{\"event\":\"all-listed\",\"ms\":%.1f,\"rows\":%u}", ms_since_start (), rows);
}

static char *
json_string (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* A benchmark waits for this rather than polling the files. */
static void
torrent_finished_cb (GObject *session, SpateTorrent *torrent)
{
  g_autofree char *name = json_string (spate_torrent_get_name (torrent));

  emit ("{\"event\":\"torrent-finished\",\"ms\":%.1f,\"name\":%s}", ms_since_start (), name);
}

static void
window_realized_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

void
spate_profiler_watch_window (GtkWidget *window, GListModel *rows, GObject *session)
{
  if (profiler.out == NULL)
    return;
  profiler.rows = rows;
  profiler.session = session;
  g_object_add_weak_pointer (G_OBJECT (rows), (gpointer *) &profiler.rows);
  g_object_add_weak_pointer (session, (gpointer *) &profiler.session);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
  g_signal_connect (session, "notify::restoring", G_CALLBACK (check_listed), NULL);
  g_signal_connect (session, "torrent-finished", G_CALLBACK (torrent_finished_cb), NULL);
}

gboolean
spate_profiler_open_directly (void)
{
  const char *value = g_getenv ("SPATE_PROFILE_OPEN_DIRECTLY");

  return profiler.out != NULL && value != NULL && g_str_equal (value, "1");
}

void
spate_profiler_stop (void)
{
  if (profiler.out == NULL)
    return;
  g_clear_handle_id (&profiler.second_id, g_source_remove);
  g_main_context_set_poll_func (NULL, profiler.poll);
  g_clear_pointer (&profiler.out, fclose);
}
