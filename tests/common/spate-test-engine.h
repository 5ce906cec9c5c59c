/* spate-test-engine.h: helpers for the tests of the GObject engine.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apart from spate-test-util.h so that the shim tests need no engine.
 */

#pragma once

#include "spate-engine.h"
#include "spate-test-util.h"

G_BEGIN_DECLS

/* A session over loopback (spate_test_loopback_settings()) keeping its state
 * in data_dir and downloading to download_dir, unless that is NULL. */
SpateSession *spate_test_engine_session_new (const char *data_dir, const char *download_dir);
/* Closes the session, asserting that everything was saved, and drops what
 * must be the last reference. */
void spate_test_engine_session_close (SpateSession *session);

/* Runs the default main context until cond(data) holds or timeout_ms
 * passes; returns whether it holds. */
gboolean spate_test_spin_until (SpateTestDoneFunc cond, gpointer data, guint timeout_ms);
/* Runs the default main context for ms. */
void spate_test_spin_for (guint ms);

/* Conditions on a SpateTorrent for spate_test_spin_until(). */
gboolean spate_test_torrent_is_seeding (gpointer torrent);
/* Finished, its files not being checked. */
gboolean spate_test_torrent_is_finished (gpointer torrent);
/* State, progress, peers and error in one line, for a failing test's log. */
char *spate_test_torrent_describe (SpateTorrent *torrent);

/* A libtorrent setting as session has it now; an unknown name or another
 * type fails the test. */
int      spate_test_setting_int (SpateSession *session, const char *name);
gboolean spate_test_setting_bool (SpateSession *session, const char *name);
char    *spate_test_setting_string (SpateSession *session, const char *name);

G_END_DECLS
