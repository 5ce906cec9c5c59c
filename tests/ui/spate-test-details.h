/* spate-test-details.h: the app and a loopback seeder for the details tests.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-application.h"
#include "spate-test-engine.h"

G_BEGIN_DECLS

typedef struct
{
  char             *root;
  char             *downloads;
  char             *source;
  char             *payload;
  GBytes           *torrent;
  SpateLtSession   *seeder;
  SpateLtTorrent   *seed;
  int               seeder_port;
  SpateApplication *app;
} SpateTestDetails;

/* Makes a payload of files of sizes under root/source, seeds it from a
 * loopback session, and registers an app that downloads into
 * root/downloads. torrent_path, if not NULL, names where the .torrent
 * is written. Takes root. */
void spate_test_details_set_up (SpateTestDetails *d,
                                char             *root,
                                const gsize      *sizes,
                                guint             n_sizes,
                                guint             seed,
                                const char       *torrent_path);
/* Quits the app, stops the seeder and removes root. */
void spate_test_details_tear_down (SpateTestDetails *d);

G_END_DECLS
