/* spate-schedule-grid.h: the weekly schedule, a week of hours to paint.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SPATE_TYPE_SCHEDULE_GRID (spate_schedule_grid_get_type ())
G_DECLARE_FINAL_TYPE (SpateScheduleGrid, spate_schedule_grid, SPATE, SCHEDULE_GRID, GtkWidget)

/* Seven rows from Monday, 24 hour columns. Clicking or dragging paints the
 * cells with "mode"; arrows move the focus cell and Space paints it. */
GtkWidget *spate_schedule_grid_new (void);

/* The "schedule" property: 168 letters from Monday 00:00, 'n' normal,
 * 'a' alternative, 'p' paused (the schedule key's format). Anything else
 * reads as 'n'. */
const char *spate_schedule_grid_get_schedule (SpateScheduleGrid *self);
void        spate_schedule_grid_set_schedule (SpateScheduleGrid *self, const char *schedule);

/* The "mode" property: "n", "a" or "p", what painting writes. */
const char *spate_schedule_grid_get_mode (SpateScheduleGrid *self);
void        spate_schedule_grid_set_mode (SpateScheduleGrid *self, const char *mode);

/* Paints the cell of day (0 is Monday) and hour with the mode, as a
 * click does. */
void spate_schedule_grid_paint (SpateScheduleGrid *self, guint day, guint hour);

/* Where the cell is drawn in the widget's coordinates, once laid out. */
gboolean spate_schedule_grid_get_cell_bounds (SpateScheduleGrid *self,
                                              guint              day,
                                              guint              hour,
                                              graphene_rect_t   *bounds);

/* The legend: a small square in the colour the grid gives a mode. */
#define SPATE_TYPE_SCHEDULE_SWATCH (spate_schedule_swatch_get_type ())
G_DECLARE_FINAL_TYPE (SpateScheduleSwatch, spate_schedule_swatch, SPATE, SCHEDULE_SWATCH, GtkWidget)

G_END_DECLS
