/* spate-test-engine.c: helpers for the tests of the GObject engine.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-engine.h"

SpateSession *
spate_test_engine_session_new (const char *data_dir, const char *download_dir)
{
  g_autoptr (GError) error = NULL;
  SpateSession *session =
      spate_session_new (data_dir, spate_test_loopback_settings (0, NULL), &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  if (download_dir != NULL)
    spate_session_set_download_dir (session, download_dir);
  return session;
}

void
spate_test_engine_session_close (SpateSession *session)
{
  g_autoptr (GError) error = NULL;
  gboolean closed = spate_session_close (session, 10000, &error);

  g_assert_no_error (error);
  g_assert_true (closed);
  g_assert_finalize_object (session);
}

gboolean
spate_test_spin_until (SpateTestDoneFunc cond, gpointer data, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      /* Never blocks, so the deadline holds when no source fires. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
spate_test_spin_for (guint ms)
{
  spate_test_spin_until (never, NULL, ms);
}

gboolean
spate_test_torrent_is_seeding (gpointer torrent)
{
  return spate_torrent_get_state (torrent) == SPATE_TORRENT_STATE_SEEDING;
}

gboolean
spate_test_torrent_is_finished (gpointer torrent)
{
  return spate_torrent_get_is_finished (torrent) &&
         spate_torrent_get_state (torrent) != SPATE_TORRENT_STATE_CHECKING;
}

char *
spate_test_torrent_describe (SpateTorrent *torrent)
{
  return g_strdup_printf (
      "state %d, flags 0x%x, progress %.3f, %d peers (%d seeds), %d B/s, "
      "error: %s",
      spate_torrent_get_state (torrent), spate_torrent_get_flags (torrent),
      spate_torrent_get_progress (torrent), spate_torrent_get_num_peers (torrent),
      spate_torrent_get_num_seeds (torrent), spate_torrent_get_download_rate (torrent),
      spate_torrent_get_error (torrent) ? spate_torrent_get_error (torrent) : "none");
}

static GVariant *
setting (SpateSession *session, const char *name, const GVariantType *type)
{
  g_autoptr (GError) error = NULL;
  GVariant *value = spate_session_get_setting (session, name, &error);

  g_assert_no_error (error);
  g_assert_true (g_variant_is_of_type (value, type));
  return value;
}

int
spate_test_setting_int (SpateSession *session, const char *name)
{
  g_autoptr (GVariant) value = setting (session, name, G_VARIANT_TYPE_INT32);

  return g_variant_get_int32 (value);
}

gboolean
spate_test_setting_bool (SpateSession *session, const char *name)
{
  g_autoptr (GVariant) value = setting (session, name, G_VARIANT_TYPE_BOOLEAN);

  return g_variant_get_boolean (value);
}

char *
spate_test_setting_string (SpateSession *session, const char *name)
{
  g_autoptr (GVariant) value = setting (session, name, G_VARIANT_TYPE_STRING);

  return g_variant_dup_string (value, NULL);
}
