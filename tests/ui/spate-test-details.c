/* spate-test-details.c: the app and a loopback seeder for the details tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-details.h"

#include <glib/gstdio.h>

void
spate_test_details_set_up (SpateTestDetails *d,
                           char             *root,
                           const gsize      *sizes,
                           guint             n_sizes,
                           guint             seed,
                           const char       *torrent_path)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;

  d->root = root;
  d->downloads = g_build_filename (root, "downloads", NULL);
  d->source = g_build_filename (root, "source", NULL);
  g_mkdir_with_parents (d->downloads, 0755);
  g_mkdir_with_parents (d->source, 0755);
  d->payload = spate_test_make_payload (d->source, "payload", sizes, n_sizes, seed);
  d->torrent = spate_test_make_torrent (d->payload, torrent_path, NULL, NULL, 16384);

  d->seeder = spate_test_session_new (0, NULL);
  d->seed = spate_test_add_torrent (d->seeder, d->torrent, d->source, NULL);
  g_assert_true (spate_test_wait_seeding (d->seeder, d->seed, 30000));
  d->seeder_port = spate_test_session_get_port (d->seeder);

  settings = g_settings_new ("io.github.spate.Spate");
  g_settings_set_string (settings, "download-dir", d->downloads);
  g_settings_set_value (settings, "libtorrent-settings", spate_test_loopback_settings (0, NULL));

  d->app = spate_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (d->app), NULL, &error));
  g_assert_no_error (error);
}

void
spate_test_details_tear_down (SpateTestDetails *d)
{
  g_application_quit (G_APPLICATION (d->app));
  g_clear_object (&d->app);
  g_clear_pointer (&d->seed, spate_lt_torrent_free);
  g_clear_pointer (&d->seeder, spate_lt_session_free);
  g_clear_pointer (&d->torrent, g_bytes_unref);
  spate_test_rm_rf (d->root);
  g_clear_pointer (&d->downloads, g_free);
  g_clear_pointer (&d->source, g_free);
  g_clear_pointer (&d->payload, g_free);
  g_clear_pointer (&d->root, g_free);
}
