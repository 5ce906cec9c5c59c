/* spate-speed-scheduler.c: the Speed keys and the weekly schedule, applied
 * to the running session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The limits in effect follow alt-speed-enabled. The schedule only acts
 * when the hour of the week changes (or the schedule is turned on or
 * rewritten for the current hour): it then sets alt-speed-enabled, so the
 * header bar's toggle shows the mode and a person may flip it until the
 * next hour, or pauses the session. It resumes only a session it paused.
 */

#include "spate-speed-scheduler.h"

#include <string.h>

/* Wakes at least this often, so a suspended machine catches up soon. */
#define RECHECK_SECONDS 60

struct _SpateSpeedScheduler
{
  GObject parent_instance;

  SpateSession  *session;
  GSettings     *settings;
  SpateClockFunc clock;
  gpointer       clock_data;
  guint          timeout_id;

  int      hour;           /* hour of the week last acted on, -1 for none */
  char     letter;         /* the schedule's letter for it */
  gboolean paused_session; /* the schedule paused the session */
};

G_DEFINE_FINAL_TYPE (SpateSpeedScheduler, spate_speed_scheduler, G_TYPE_OBJECT)

typedef enum
{
  EVALUATE_NEW_HOUR,   /* act only on a new hour */
  EVALUATE_NEW_LETTER, /* also when the current hour's letter changed */
  EVALUATE_ALWAYS,     /* act now */
} Evaluate;

static void evaluate (SpateSpeedScheduler *self, Evaluate when);

/* -------------------------------------------------------------- limits */

static void
apply_limits (SpateSpeedScheduler *self)
{
  gboolean alt = g_settings_get_boolean (self->settings, "alt-speed-enabled");
  int down = g_settings_get_int (self->settings, alt ? "alt-download-limit" : "download-limit");
  int up = g_settings_get_int (self->settings, alt ? "alt-upload-limit" : "upload-limit");
  g_auto (GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr (GError) error = NULL;

  /* KiB/s to bytes/s; the schema's range keeps it in an int32. 0 is no
   * limit for both. */
  g_variant_dict_insert (&dict, "download_rate_limit", "i", down * 1024);
  g_variant_dict_insert (&dict, "upload_rate_limit", "i", up * 1024);
  g_variant_dict_insert (&dict, "rate_limit_utp", "b",
                         g_settings_get_boolean (self->settings, "limit-utp"));
  g_variant_dict_insert (&dict, "rate_limit_ip_overhead", "b",
                         g_settings_get_boolean (self->settings, "limit-overhead"));
  if (!spate_session_apply_settings (self->session, g_variant_dict_end (&dict), &error))
    g_message ("Could not apply the speed limits: %s", error->message);
}

/* ------------------------------------------------------------ schedule */

char
spate_speed_schedule_letter_at (const char *schedule, GDateTime *when)
{
  int    hour;
  size_t length;

  g_return_val_if_fail (when != NULL, 'n');

  hour = (g_date_time_get_day_of_week (when) - 1) * 24 + g_date_time_get_hour (when);
  length = schedule != NULL ? strlen (schedule) : 0;
  if ((size_t) hour < length && strchr ("nap", schedule[hour]) != NULL)
    return schedule[hour];
  return 'n';
}

static GDateTime *
now (SpateSpeedScheduler *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_date_time_new_now_local ();
}

static void
resume_if_paused_here (SpateSpeedScheduler *self)
{
  if (!self->paused_session)
    return;
  self->paused_session = FALSE;
  if (spate_session_get_paused (self->session))
    spate_session_resume (self->session);
}

static void
apply_letter (SpateSpeedScheduler *self, char letter)
{
  if (letter == 'p')
    {
      /* A session already paused is someone else's to resume. */
      if (!spate_session_get_paused (self->session))
        {
          spate_session_pause (self->session);
          self->paused_session = TRUE;
        }
      return;
    }
  resume_if_paused_here (self);
  g_settings_set_boolean (self->settings, "alt-speed-enabled", letter == 'a');
}

static gboolean
on_timeout (gpointer user_data)
{
  SpateSpeedScheduler *self = user_data;

  self->timeout_id = 0;
  evaluate (self, EVALUATE_NEW_HOUR);
  return G_SOURCE_REMOVE;
}

/* Until the next hour begins, or a minute: timeouts follow the monotonic
 * clock, which stands still while the machine sleeps. */
static void
arm_timer (SpateSpeedScheduler *self, GDateTime *time)
{
  gint64 into_hour_us =
      (gint64) (g_date_time_get_minute (time) * 60 + g_date_time_get_second (time)) *
          G_USEC_PER_SEC +
      g_date_time_get_microsecond (time);
  gint64 left_ms = (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC - into_hour_us) / 1000 + 1;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (left_ms >= RECHECK_SECONDS * 1000)
    self->timeout_id = g_timeout_add_seconds (RECHECK_SECONDS, on_timeout, self);
  else
    self->timeout_id = g_timeout_add ((guint) left_ms, on_timeout, self);
}

static void
evaluate (SpateSpeedScheduler *self, Evaluate when)
{
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *schedule = NULL;
  char             letter;
  int              hour;

  if (!g_settings_get_boolean (self->settings, "schedule-enabled"))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->hour = -1;
      resume_if_paused_here (self);
      return;
    }

  time = now (self);
  schedule = g_settings_get_string (self->settings, "schedule");
  letter = spate_speed_schedule_letter_at (schedule, time);
  hour = (g_date_time_get_day_of_week (time) - 1) * 24 + g_date_time_get_hour (time);
  if (when == EVALUATE_ALWAYS || hour != self->hour ||
      (when == EVALUATE_NEW_LETTER && letter != self->letter))
    {
      self->hour = hour;
      self->letter = letter;
      apply_letter (self, letter);
    }
  arm_timer (self, time);
}

static void
on_schedule_enabled_changed (SpateSpeedScheduler *self)
{
  evaluate (self, EVALUATE_ALWAYS);
}

static void
on_schedule_changed (SpateSpeedScheduler *self)
{
  evaluate (self, EVALUATE_NEW_LETTER);
}

static void
on_session_paused (SpateSpeedScheduler *self)
{
  /* Resumed by someone else: a later hour must not resume it again. */
  if (!spate_session_get_paused (self->session))
    self->paused_session = FALSE;
}

void
spate_speed_scheduler_set_clock (SpateSpeedScheduler *self, SpateClockFunc func, gpointer user_data)
{
  g_return_if_fail (SPATE_IS_SPEED_SCHEDULER (self));

  self->clock = func;
  self->clock_data = user_data;
  evaluate (self, EVALUATE_NEW_HOUR);
}

void
spate_speed_scheduler_tick (SpateSpeedScheduler *self)
{
  g_return_if_fail (SPATE_IS_SPEED_SCHEDULER (self));

  evaluate (self, EVALUATE_NEW_HOUR);
}

/* ------------------------------------------------------------- object */

SpateSpeedScheduler *
spate_speed_scheduler_new (SpateSession *session, GSettings *settings)
{
  static const char * const limit_keys[] = {
    "download-limit",    "upload-limit", "alt-download-limit", "alt-upload-limit",
    "alt-speed-enabled", "limit-utp",    "limit-overhead",
  };
  SpateSpeedScheduler *self;

  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_SPEED_SCHEDULER, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);

  for (guint i = 0; i < G_N_ELEMENTS (limit_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", limit_keys[i], NULL);

      g_signal_connect_swapped (settings, signal, G_CALLBACK (apply_limits), self);
    }
  g_signal_connect_swapped (settings, "changed::schedule-enabled",
                            G_CALLBACK (on_schedule_enabled_changed), self);
  g_signal_connect_swapped (settings, "changed::schedule", G_CALLBACK (on_schedule_changed), self);
  g_signal_connect_object (session, "notify::paused", G_CALLBACK (on_session_paused), self,
                           G_CONNECT_SWAPPED);

  apply_limits (self);
  evaluate (self, EVALUATE_ALWAYS);
  return self;
}

static void
spate_speed_scheduler_dispose (GObject *object)
{
  SpateSpeedScheduler *self = SPATE_SPEED_SCHEDULER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (spate_speed_scheduler_parent_class)->dispose (object);
}

static void
spate_speed_scheduler_class_init (SpateSpeedSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = spate_speed_scheduler_dispose;
}

static void
spate_speed_scheduler_init (SpateSpeedScheduler *self)
{
  self->hour = -1;
}

/* ------------------------------------------------- header bar's toggle */

static void
alt_speed_change_state (GSimpleAction *action, GVariant *value, gpointer user_data)
{
  g_settings_set_value (G_SETTINGS (user_data), "alt-speed-enabled", value);
}

static void
alt_speed_key_changed (GSettings *settings, const char *key, GSimpleAction *action)
{
  g_autoptr (GVariant) value = g_settings_get_value (settings, key);

  g_simple_action_set_state (action, value);
}

void
spate_speed_scheduler_add_alt_speed_action (GActionMap *map, GSettings *settings)
{
  g_autoptr (GVariant) state = NULL;
  g_autoptr (GSimpleAction) action = NULL;

  g_return_if_fail (G_IS_ACTION_MAP (map));
  g_return_if_fail (G_IS_SETTINGS (settings));

  state = g_settings_get_value (settings, "alt-speed-enabled");
  action = g_simple_action_new_stateful ("alt-speed", NULL, state);
  /* Activating a boolean action without a handler toggles it through
   * change-state; the key's change sets the state. */
  g_signal_connect_data (action, "change-state", G_CALLBACK (alt_speed_change_state),
                         g_object_ref (settings), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_signal_connect_object (settings, "changed::alt-speed-enabled",
                           G_CALLBACK (alt_speed_key_changed), action, 0);
  g_settings_bind_writable (settings, "alt-speed-enabled", action, "enabled", FALSE);
  g_action_map_add_action (map, G_ACTION (action));
}
