/* fuzz-magnet.c: magnet links through the shim's parsers and the engine's
 * SpateTorrentInfo.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-fuzz.h"

#include "spate-lt.h"
#include "spate-torrent-info.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  spate_fuzz_init ();
  return 0;
}

/* The link Spate makes of a parsed magnet must parse to the same torrent. */
static void
check_round_trip (SpateLtInfo *info)
{
  g_autofree char *magnet = spate_lt_info_make_magnet (info);
  g_autoptr (SpateLtInfo) again = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (magnet);
  again = spate_lt_info_new_from_magnet (magnet, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v1 (again), ==,
                   spate_lt_info_get_info_hash_v1 (info));
  g_assert_cmpstr (spate_lt_info_get_info_hash_v2 (again), ==,
                   spate_lt_info_get_info_hash_v2 (info));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *uri = spate_fuzz_strndup (data, size);
  g_autoptr (SpateLtInfo) info = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateTorrentInfo) engine_info = NULL;
  g_autoptr (GError) error = NULL;

  info = spate_lt_info_new_from_magnet (uri, &error);
  g_assert_true ((info == NULL) == (error != NULL));
  if (info != NULL)
    {
      int n = spate_lt_info_get_num_trackers (info);

      g_assert_false (spate_lt_info_has_metadata (info));
      (void) spate_lt_info_get_name (info);
      for (int i = -1; i <= n; i++)
        {
          int tier = 0;
          (void) spate_lt_info_get_tracker (info, i, &tier);
        }
      n = spate_lt_info_get_num_web_seeds (info);
      for (int i = -1; i <= n; i++)
        (void) spate_lt_info_get_web_seed (info, i, NULL);
      check_round_trip (info);
    }
  g_clear_error (&error);

  params = spate_lt_add_params_new_from_magnet (uri, &error);
  g_assert_true ((params == NULL) == (info == NULL));
  if (params != NULL)
    {
      (void) spate_lt_add_params_get_name (params);
      g_assert_false (spate_lt_add_params_has_metadata (params));
      g_assert_true (
          spate_lt_add_params_has_info_hash (params, spate_lt_add_params_get_info_hash (params)));
    }
  g_clear_error (&error);

  engine_info = spate_torrent_info_new_from_magnet (uri, &error);
  g_assert_true ((engine_info == NULL) == (error != NULL));
  if (engine_info != NULL)
    {
      guint n = spate_torrent_info_get_n_trackers (engine_info);

      g_assert_nonnull (spate_torrent_info_get_name (engine_info));
      (void) spate_torrent_info_get_magnet (engine_info);
      for (guint i = 0; i < n; i++)
        g_assert_nonnull (spate_torrent_info_get_tracker (engine_info, i, NULL));
      n = spate_torrent_info_get_n_web_seeds (engine_info);
      for (guint i = 0; i < n; i++)
        g_assert_nonnull (spate_torrent_info_get_web_seed (engine_info, i));
    }
  return 0;
}
