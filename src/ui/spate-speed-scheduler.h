/* spate-speed-scheduler.h: the Speed keys and the weekly schedule, applied
 * to the running session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "spate-engine.h"

G_BEGIN_DECLS

/* Hours in the "schedule" key: one letter per hour from Monday 00:00. */
#define SPATE_SCHEDULE_N_HOURS (7 * 24)

#define SPATE_TYPE_SPEED_SCHEDULER (spate_speed_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (SpateSpeedScheduler, spate_speed_scheduler, SPATE, SPEED_SCHEDULER, GObject)

/* Returns the local time now (full reference). */
typedef GDateTime *(*SpateClockFunc) (gpointer user_data);

/* Applies download-limit, upload-limit, the alternative limits, limit-utp
 * and limit-overhead now and whenever one changes; with schedule-enabled,
 * sets alt-speed-enabled or pauses the session at each hour boundary. */
SpateSpeedScheduler *spate_speed_scheduler_new (SpateSession *session, GSettings *settings);

/* Replaces the wall clock (NULL restores it) and re-evaluates, as tick. */
void spate_speed_scheduler_set_clock (SpateSpeedScheduler *self,
                                      SpateClockFunc       func,
                                      gpointer             user_data);

/* Looks at the clock now: a new hour of the week applies its letter. */
void spate_speed_scheduler_tick (SpateSpeedScheduler *self);

/* The letter of schedule ('n', 'a' or 'p') for the hour holding when;
 * 'n' where schedule is short or holds something else. */
char spate_speed_schedule_letter_at (const char *schedule, GDateTime *when);

/* Adds "alt-speed" to map: a boolean action mirroring alt-speed-enabled,
 * for the header bar's toggle. */
void spate_speed_scheduler_add_alt_speed_action (GActionMap *map, GSettings *settings);

G_END_DECLS
