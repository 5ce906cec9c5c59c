/* fuzz-torrent.c: .torrent bytes through the shim's parser and everything
 * Spate reads from the result, then the engine's SpateTorrentInfo.
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

static void
read_info (SpateLtInfo *info)
{
  g_autofree char *magnet = NULL;
  g_autoptr (SpateLtInfo) again = NULL;
  g_autoptr (GError) error = NULL;
  int n;

  (void) spate_lt_info_get_name (info);
  (void) spate_lt_info_get_info_hash_v1 (info);
  (void) spate_lt_info_get_info_hash_v2 (info);
  (void) spate_lt_info_get_total_size (info);
  (void) spate_lt_info_get_num_pieces (info);
  (void) spate_lt_info_get_piece_length (info);
  (void) spate_lt_info_get_comment (info);
  (void) spate_lt_info_get_creator (info);
  (void) spate_lt_info_get_creation_date (info);
  (void) spate_lt_info_is_private (info);

  n = spate_lt_info_get_num_files (info);
  for (int i = -1; i <= n; i++)
    {
      SpateLtFile file = { 0 };

      if (spate_lt_info_get_file (info, i, &file))
        g_assert_true (i >= 0 && i < n);
      g_free (file.path);
    }
  n = spate_lt_info_get_num_trackers (info);
  for (int i = -1; i <= n; i++)
    {
      int tier = 0;
      (void) spate_lt_info_get_tracker (info, i, &tier);
    }
  n = spate_lt_info_get_num_web_seeds (info);
  for (int i = -1; i <= n; i++)
    {
      SpateLtWebSeedType type;
      (void) spate_lt_info_get_web_seed (info, i, &type);
    }

  /* The link Spate shows for a torrent must read back as that torrent. */
  magnet = spate_lt_info_make_magnet (info);
  g_assert_nonnull (magnet);
  again = spate_lt_info_new_from_magnet (magnet, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spate_lt_info_get_info_hash_v1 (again), ==,
                   spate_lt_info_get_info_hash_v1 (info));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (SpateLtInfo) info = NULL;
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (SpateTorrentInfo) engine_info = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;

  info = spate_lt_info_new_from_bytes (data, size, &error);
  g_assert_true ((info == NULL) == (error != NULL));
  if (info != NULL)
    read_info (info);
  g_clear_error (&error);

  params = spate_lt_add_params_new_from_bytes (data, size, &error);
  g_assert_true ((params == NULL) == (info == NULL));
  if (params != NULL)
    {
      (void) spate_lt_add_params_get_name (params);
      g_assert_true (
          spate_lt_add_params_has_info_hash (params, spate_lt_add_params_get_info_hash (params)));
    }
  g_clear_error (&error);

  engine_info = spate_torrent_info_new_from_bytes (bytes, &error);
  g_assert_true ((engine_info == NULL) == (info == NULL));
  if (engine_info != NULL)
    {
      guint n = spate_torrent_info_get_n_files (engine_info);

      (void) spate_torrent_info_get_name (engine_info);
      (void) spate_torrent_info_get_magnet (engine_info);
      for (guint i = 0; i <= n; i++)
        {
          const char *path = NULL;
          gint64      file_size = 0;
          gboolean    is_pad = FALSE;

          g_assert_true (spate_torrent_info_get_file (engine_info, i, &path, &file_size, &is_pad) ==
                         (i < n));
        }
    }
  return 0;
}
