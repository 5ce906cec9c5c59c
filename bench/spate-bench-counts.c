/* spate-bench-counts.c: counts list model changes and property notifies in
 * the app, for bench/app.py (loaded with LD_PRELOAD).
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wraps g_list_model_items_changed(), g_object_notify_by_pspec() and
 * g_object_notify(): calls made from outside GLib's own libraries (the app,
 * the engine, GTK) come here first. With SPATE_BENCH_COUNTS=<file>, a
 * thread appends the running totals to file once a second as one JSON line:
 *   {"mono_ms":…, "models":{"SpateTorrentList":[calls,removed,added],…},
 *    "torrent_notifies":…, "props":{"download-rate":…,…}}
 * mono_ms is CLOCK_MONOTONIC, which the benchmark shares. Only the main
 * thread counts; the writer reads the counters without locking, so a line
 * may be a moment behind.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <gio/gio.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define N_MODEL_SLOTS 8
#define N_PROP_SLOTS  64

typedef struct
{
  const char *name;
  GType       type;
  gint64      calls, removed, added;
} ModelSlot;

static ModelSlot models[N_MODEL_SLOTS] = {
  { "SpateTorrentList" },  { "GtkFilterListModel" }, { "SpateSortModel" },
  { "GtkMultiSelection" }, { "GtkSingleSelection" },
};

static struct
{
  const char *path;
  GType       torrent_type;
  gint64      torrent_notifies;
  const char *prop_names[N_PROP_SLOTS];
  gint64      prop_counts[N_PROP_SLOTS];
  void (*items_changed) (GListModel *, guint, guint, guint);
  void (*notify_by_pspec) (GObject *, GParamSpec *);
  void (*notify) (GObject *, const char *);
} counts;

static void *
next_symbol (const char *name)
{
  void *symbol = dlsym (RTLD_NEXT, name);

  if (symbol == NULL)
    {
      fprintf (stderr, "spate-bench-counts: %s not found\n", name);
      abort ();
    }
  return symbol;
}

static ModelSlot *
model_slot (GType type)
{
  for (guint i = 0; i < N_MODEL_SLOTS && models[i].name != NULL; i++)
    {
      if (models[i].type == 0)
        models[i].type = g_type_from_name (models[i].name);
      if (models[i].type == type)
        return &models[i];
    }
  return NULL;
}

static gboolean
is_torrent (GObject *object)
{
  if (counts.torrent_type == 0)
    counts.torrent_type = g_type_from_name ("SpateTorrent");
  return counts.torrent_type != 0 && G_TYPE_FROM_INSTANCE (object) == counts.torrent_type;
}

static void
count_property (const char *name)
{
  /* Interned: equal names, equal pointers. */
  const char *interned = g_intern_string (name);

  counts.torrent_notifies++;
  for (guint i = 0; i < N_PROP_SLOTS; i++)
    {
      const char *slot = __atomic_load_n (&counts.prop_names[i], __ATOMIC_ACQUIRE);

      if (slot == NULL)
        {
          __atomic_store_n (&counts.prop_names[i], interned, __ATOMIC_RELEASE);
          slot = interned;
        }
      if (slot == interned)
        {
          counts.prop_counts[i]++;
          return;
        }
    }
}

void
g_list_model_items_changed (GListModel *list, guint position, guint removed, guint added)
{
  if (counts.items_changed == NULL)
    counts.items_changed = next_symbol ("g_list_model_items_changed");
  if (counts.path != NULL && list != NULL)
    {
      ModelSlot *slot = model_slot (G_TYPE_FROM_INSTANCE (list));

      if (slot != NULL)
        {
          slot->calls++;
          slot->removed += removed;
          slot->added += added;
        }
    }
  counts.items_changed (list, position, removed, added);
}

void
g_object_notify_by_pspec (GObject *object, GParamSpec *pspec)
{
  if (counts.notify_by_pspec == NULL)
    counts.notify_by_pspec = next_symbol ("g_object_notify_by_pspec");
  if (counts.path != NULL && object != NULL && pspec != NULL && is_torrent (object))
    count_property (pspec->name);
  counts.notify_by_pspec (object, pspec);
}

void
g_object_notify (GObject *object, const char *property_name)
{
  if (counts.notify == NULL)
    counts.notify = next_symbol ("g_object_notify");
  if (counts.path != NULL && object != NULL && property_name != NULL && is_torrent (object))
    count_property (property_name);
  counts.notify (object, property_name);
}

static void *
writer_thread (void *unused)
{
  for (;;)
    {
      struct timespec now;
      FILE           *out;

      sleep (1);
      clock_gettime (CLOCK_MONOTONIC, &now);
      out = fopen (counts.path, "a");
      if (out == NULL)
        continue;
      fprintf (out, "{\"mono_ms\":%.1f,\"models\":{", now.tv_sec * 1e3 + now.tv_nsec / 1e6);
      for (guint i = 0; i < N_MODEL_SLOTS && models[i].name != NULL; i++)
        fprintf (out, "%s\"%s\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]",
                 i ? "," : "", models[i].name, models[i].calls, models[i].removed, models[i].added);
      fprintf (out, "},\"torrent_notifies\":%" G_GINT64_FORMAT ",\"props\":{",
               counts.torrent_notifies);
      for (guint i = 0; i < N_PROP_SLOTS; i++)
        {
          const char *name = __atomic_load_n (&counts.prop_names[i], __ATOMIC_ACQUIRE);

          if (name == NULL)
            break;
          fprintf (out, "%s\"%s\":%" G_GINT64_FORMAT, i ? "," : "", name, counts.prop_counts[i]);
        }
      fputs ("}}\n", out);
      fclose (out);
    }
  return NULL;
}

__attribute__ ((constructor)) static void
counts_init (void)
{
  const char *path = getenv ("SPATE_BENCH_COUNTS");
  pthread_t   thread;

  if (path == NULL || path[0] == '\0')
    return;
  counts.path = strdup (path);
  if (pthread_create (&thread, NULL, writer_thread, NULL) == 0)
    pthread_detach (thread);
}
