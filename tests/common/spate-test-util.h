/* spate-test-util.h: helpers the test suites share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything talks to 127.0.0.1 only, and every wait is bounded in time.
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "spate-lt.h"

G_BEGIN_DECLS

/* --------------------------------------------------------------- files */

/* A fresh folder under $TMPDIR (or the build dir); remove with
 * spate_test_rm_rf(). */
char *spate_test_make_tmpdir (const char *prefix);
void  spate_test_rm_rf (const char *path);
/* Writes size pseudo-random bytes (deterministic for a seed). */
void spate_test_write_random_file (const char *path, gsize size, guint32 seed);
/* Creates dir/name/ with n files "file-<i>.bin" (and a sub folder for every
 * other file, "sub/file-<i>.bin") of the given sizes. Returns dir/name. */
char *spate_test_make_payload (const char  *dir,
                               const char  *name,
                               const gsize *sizes,
                               gsize        n,
                               guint32      seed);
/* TRUE when every regular file under a has the same bytes at the same
 * relative path under b (and b has no extra files). The error names the
 * first difference. */
gboolean spate_test_trees_equal (const char *a, const char *b, GError **error);
/* Repeats spate_test_trees_equal() until it holds or timeout_ms passes
 * (data written by another process or a disk thread lands late). */
gboolean
spate_test_wait_trees_equal (const char *a, const char *b, guint timeout_ms, GError **error);

/* -------------------------------------------------------------- timing */

/* How many times a wall-clock bound stretches in this build: 3 under
 * AddressSanitizer, whose stack unwinding on every allocation slows the
 * engine down (the factor build-aux/dev gives meson's timeouts), else 1. */
guint spate_test_time_factor (void);

/* ------------------------------------------------------------- network */

/* A port free for both TCP and UDP on 127.0.0.1. */
int spate_test_free_port (void);

/* A session that only talks over loopback: listens on 127.0.0.1:port (a
 * free one when port is 0), DHT/LSD/UPnP/NAT-PMP off, several connections
 * per IP allowed, TCP only (uTP crawls on loopback), a lost peer retried
 * after 1 s. extra is an a{sv} applied on top, or NULL; a floating extra
 * is consumed. */
SpateLtSession *spate_test_session_new (int port, GVariant *extra);
/* The a{sv} spate_test_session_new() passes to libtorrent, floating. */
GVariant *spate_test_loopback_settings (int port, GVariant *extra);
/* The port the session listens on, once it does (waits up to 5 s). */
int spate_test_session_get_port (SpateLtSession *session);

/* Adds .torrent bytes saving to save_path; asserts success. */
SpateLtTorrent *spate_test_add_torrent (SpateLtSession *session,
                                        GBytes         *torrent,
                                        const char     *save_path,
                                        gpointer        user_data);
/* Pumps the session until the torrent is seeding (its files checked). */
gboolean
spate_test_wait_seeding (SpateLtSession *session, SpateLtTorrent *torrent, guint timeout_ms);

/* Pumps the session's alerts until one of kind arrives (and, when torrent is
 * not NULL, is about that user pointer), or timeout_ms passes. Every drained
 * alert is passed to func too, when given. Returns whether it arrived.
 * With SPATE_TEST_ALERTS set in the environment, every alert drained here or
 * by spate_test_pump_until*() is logged as a test message. */
gboolean spate_test_wait_alert (SpateLtSession  *session,
                                SpateLtAlertKind kind,
                                gpointer         user_data,
                                guint            timeout_ms,
                                SpateLtAlertFunc func,
                                gpointer         func_data);

/* Pumps the alerts of every session in the NULL-terminated array until
 * done(data) is TRUE or timeout_ms passes. */
typedef gboolean (*SpateTestDoneFunc) (gpointer data);
gboolean spate_test_pump_until (SpateLtSession  **sessions,
                                guint             timeout_ms,
                                SpateTestDoneFunc done,
                                gpointer          data);
/* Same, passing every drained alert to func (when not NULL) first. */
gboolean spate_test_pump_until_full (SpateLtSession  **sessions,
                                     guint             timeout_ms,
                                     SpateLtAlertFunc  func,
                                     gpointer          func_data,
                                     SpateTestDoneFunc done,
                                     gpointer          data);

/* Makes a torrent of path with the shim and writes it to out_path; returns
 * its bytes. trackers / web_seeds may be NULL. */
GBytes *spate_test_make_torrent (const char         *path,
                                 const char         *out_path,
                                 const char * const *trackers,
                                 const char * const *web_seeds,
                                 int                 piece_size);
/* Same with every creation parameter; out_path may be NULL. */
GBytes *spate_test_make_torrent_full (const SpateLtCreateParams *params, const char *out_path);

/* ------------------------------------------------- outside programs */

typedef struct _SpateTestService SpateTestService;

/* opentracker on a free loopback port, serving only the listed hex v1
 * info-hashes (Debian's build requires a whitelist). */
SpateTestService *spate_test_opentracker_start (const char * const *info_hashes, GError **error);
/* lighttpd serving docroot on a free loopback port, with Range support. */
SpateTestService *spate_test_http_server_start (const char *docroot, GError **error);
/* transmission-cli seeding torrent_path from data_dir (the folder that
 * contains the torrent's top-level entry) on a free port. */
SpateTestService *
spate_test_transmission_seed (const char *torrent_path, const char *data_dir, GError **error);
/* transmission-cli downloading torrent_path into dir. */
SpateTestService     *
spate_test_transmission_download (const char *torrent_path, const char *dir, GError **error);
int spate_test_service_get_port (SpateTestService *service);
/* "http://127.0.0.1:PORT/announce" for the tracker, "http://127.0.0.1:PORT/"
 * for the web server; NULL for transmission. */
const char *spate_test_service_get_url (SpateTestService *service);
/* What the program printed so far (stdout and stderr). */
char *spate_test_service_read_log (SpateTestService *service);
/* Stops the program (TERM, then KILL after 2 s) and frees. */
void spate_test_service_stop (SpateTestService *service);

/* Runs a program to its end (killing it after timeout_ms); FALSE with its
 * output in the error when it fails. */
gboolean spate_test_run_program (const char * const *argv, guint timeout_ms, GError **error);

/* Skips the current test with a reason when program is not on PATH (nor in
 * an sbin folder); fails it instead when CI is set. Returns TRUE when the
 * program is missing: the test should return at once. */
gboolean spate_test_skip_without (const char *program);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpateTestService, spate_test_service_stop)

G_END_DECLS
