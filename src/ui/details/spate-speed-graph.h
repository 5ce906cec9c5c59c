/* spate-speed-graph.h: download and upload rates over time, drawn.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Up to SPATE_SPEED_HISTORY_SIZE samples (two hours at one a second) of a
 * download and an upload rate, oldest overwritten first. Reference
 * counted. */
#define SPATE_SPEED_HISTORY_SIZE 7200

typedef struct _SpateSpeedHistory SpateSpeedHistory;

SpateSpeedHistory *spate_speed_history_new (void);
SpateSpeedHistory *spate_speed_history_ref (SpateSpeedHistory *self);
void               spate_speed_history_unref (SpateSpeedHistory *self);
/* time_us is monotonic (g_get_monotonic_time()). */
void  spate_speed_history_append (SpateSpeedHistory *self, gint64 time_us, int down, int up);
guint spate_speed_history_get_n_samples (SpateSpeedHistory *self);
/* The wall-clock time (GLib real time, µs) the history was created. */
gint64 spate_speed_history_get_started (SpateSpeedHistory *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateSpeedHistory, spate_speed_history_unref)

#define SPATE_TYPE_SPEED_GRAPH (spate_speed_graph_get_type ())
G_DECLARE_FINAL_TYPE (SpateSpeedGraph, spate_speed_graph, SPATE, SPEED_GRAPH, GtkWidget)

/* Either may be NULL. The torrent's rates are drawn filled, the
 * session's as thin lines. */
void spate_speed_graph_set_histories (SpateSpeedGraph   *self,
                                      SpateSpeedHistory *torrent,
                                      SpateSpeedHistory *session);
/* How far back the graph reaches, in seconds. */
void  spate_speed_graph_set_span (SpateSpeedGraph *self, guint seconds);
guint spate_speed_graph_get_span (SpateSpeedGraph *self);

/* For tests: the torrent series' sample count and its highest download
 * rate among them. */
guint spate_speed_graph_get_n_samples (SpateSpeedGraph *self);
int   spate_speed_graph_get_max_download (SpateSpeedGraph *self);

G_END_DECLS
