/* spate-test-util.c: helpers the test suites share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* nftw */

#include "spate-test-util.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest single g_poll() so a missed eventfd write costs little. */
#define POLL_SLICE_MS 100

/* --------------------------------------------------------------- files */

char *
spate_test_make_tmpdir (const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = NULL;
  char *path;

  template = g_strdup_printf ("spate-%s-XXXXXX", prefix != NULL ? prefix : "test");
  path = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  return path;
}

static int
rm_rf_one (const char *path, const struct stat *st, int type, struct FTW *ftw)
{
  if (remove (path) != 0 && errno != ENOENT)
    g_printerr ("# could not remove %s: %s\n", path, g_strerror (errno));
  return 0;
}

void
spate_test_rm_rf (const char *path)
{
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    return;
  /* Depth first, never following symlinks out of the tree. */
  nftw (path, rm_rf_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* splitmix64: fast, and the same bytes for a seed on every machine. */
static guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
spate_test_write_random_file (const char *path, gsize size, guint32 seed)
{
  g_autofree char *parent = g_path_get_dirname (path);
  guint64          state = seed;
  guint64          buf[8192];
  FILE            *file;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  file = fopen (path, "wb");
  if (file == NULL)
    g_error ("Could not create %s: %s", path, g_strerror (errno));

  while (size > 0)
    {
      gsize chunk = MIN (size, sizeof buf);

      for (gsize i = 0; i < G_N_ELEMENTS (buf); i++)
        buf[i] = next_random (&state);
      g_assert_cmpuint (fwrite (buf, 1, chunk, file), ==, chunk);
      size -= chunk;
    }

  g_assert_cmpint (fclose (file), ==, 0);
}

char *
spate_test_make_payload (const char  *dir,
                         const char  *name,
                         const gsize *sizes,
                         gsize        n,
                         guint32      seed)
{
  char *root = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *file_name = g_strdup_printf ("file-%" G_GSIZE_FORMAT ".bin", i);
      g_autofree char *path = NULL;

      if (i % 2 == 1)
        path = g_build_filename (root, "sub", file_name, NULL);
      else
        path = g_build_filename (root, file_name, NULL);
      spate_test_write_random_file (path, sizes[i], seed * 7919u + (guint32) i);
    }

  return root;
}

/* Relative paths of the regular files under root/rel, recursively. */
static void
collect_files (const char *root, const char *rel, GPtrArray *out)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel =
          *rel != '\0' ? g_build_filename (rel, name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);
      struct stat      st;

      if (lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        collect_files (root, child_rel, out);
      else if (S_ISREG (st.st_mode))
        g_ptr_array_add (out, g_steal_pointer (&child_rel));
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
files_equal (const char *a, const char *b, const char *rel, GError **error)
{
  g_autofree guint8 *buf_a = g_malloc (65536);
  g_autofree guint8 *buf_b = g_malloc (65536);
  FILE              *fa = fopen (a, "rb");
  FILE              *fb = fopen (b, "rb");
  gboolean           equal = TRUE;
  guint64            offset = 0;

  if (fa == NULL || fb == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not open %s: %s",
                   fa == NULL ? a : b, g_strerror (errno));
      equal = FALSE;
      goto out;
    }

  for (;;)
    {
      gsize na = fread (buf_a, 1, 65536, fa);
      gsize nb = fread (buf_b, 1, 65536, fb);
      gsize n = MIN (na, nb);

      if (memcmp (buf_a, buf_b, n) != 0)
        {
          gsize i = 0;

          while (buf_a[i] == buf_b[i])
            i++;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s differs at byte %" G_GUINT64_FORMAT, rel, offset + i);
          equal = FALSE;
          break;
        }
      if (na != nb)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s is %s in the copy (from byte %" G_GUINT64_FORMAT ")", rel,
                       na > nb ? "shorter" : "longer", offset + n);
          equal = FALSE;
          break;
        }
      if (na == 0)
        break;
      offset += na;
    }

out:
  if (fa != NULL)
    fclose (fa);
  if (fb != NULL)
    fclose (fb);
  return equal;
}

gboolean
spate_test_trees_equal (const char *a, const char *b, GError **error)
{
  g_autoptr (GPtrArray) files_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) files_b = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (b, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not a folder", b);
      return FALSE;
    }

  collect_files (a, "", files_a);
  collect_files (b, "", files_b);
  g_ptr_array_sort (files_a, compare_strings);
  g_ptr_array_sort (files_b, compare_strings);

  for (guint i = 0, j = 0; i < files_a->len || j < files_b->len;)
    {
      const char      *fa = i < files_a->len ? files_a->pdata[i] : NULL;
      const char      *fb = j < files_b->len ? files_b->pdata[j] : NULL;
      int              cmp = fa == NULL ? 1 : fb == NULL ? -1 : strcmp (fa, fb);
      g_autofree char *path_a = NULL;
      g_autofree char *path_b = NULL;

      if (cmp < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is missing from %s", fa, b);
          return FALSE;
        }
      if (cmp > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s has an extra file %s", b, fb);
          return FALSE;
        }

      path_a = g_build_filename (a, fa, NULL);
      path_b = g_build_filename (b, fb, NULL);
      if (!files_equal (path_a, path_b, fa, error))
        return FALSE;
      i++;
      j++;
    }

  return TRUE;
}

gboolean
spate_test_wait_trees_equal (const char *a, const char *b, guint timeout_ms, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      g_autoptr (GError) local_error = NULL;

      if (spate_test_trees_equal (a, b, &local_error))
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (100 * 1000);
    }
}

/* -------------------------------------------------------------- timing */

/* gcc says so with __SANITIZE_ADDRESS__, clang with __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define SPATE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPATE_TEST_ASAN 1
#endif
#endif

guint
spate_test_time_factor (void)
{
#ifdef SPATE_TEST_ASAN
  return 3;
#else
  return 1;
#endif
}

/* ------------------------------------------------------------- network */

int
spate_test_free_port (void)
{
  /* Never hand out a port twice: the kernel may offer a just-closed one
   * again before its first taker has bound it. */
  static GHashTable *given;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  if (given == NULL)
    given = g_hash_table_new (NULL, NULL);

  for (int attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr (GSocket) tcp = NULL;
      g_autoptr (GSocket) udp = NULL;
      g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
      g_autoptr (GSocketAddress) bound = NULL;
      g_autoptr (GSocketAddress) same = NULL;
      int port;

      tcp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      udp =
          g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
      g_assert_nonnull (tcp);
      g_assert_nonnull (udp);
      if (!g_socket_bind (tcp, any, FALSE, NULL))
        continue;
      bound = g_socket_get_local_address (tcp, NULL);
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      if (g_hash_table_contains (given, GINT_TO_POINTER (port)))
        continue;
      same = g_inet_socket_address_new (loopback, port);
      if (!g_socket_bind (udp, same, FALSE, NULL))
        continue;

      g_hash_table_add (given, GINT_TO_POINTER (port));
      return port;
    }

  g_error ("Found no free port on 127.0.0.1");
}

GVariant *
spate_test_loopback_settings (int port, GVariant *extra)
{
  g_autoptr (GVariant) extra_ref = extra != NULL ? g_variant_ref_sink (extra) : NULL;
  g_autoptr (GVariantDict) dict = g_variant_dict_new (NULL);
  g_autofree char *listen = NULL;

  if (port == 0)
    port = spate_test_free_port ();
  listen = g_strdup_printf ("127.0.0.1:%d", port);

  g_variant_dict_insert (dict, "listen_interfaces", "s", listen);
  g_variant_dict_insert (dict, "enable_dht", "b", FALSE);
  g_variant_dict_insert (dict, "dht_bootstrap_nodes", "s", "");
  g_variant_dict_insert (dict, "enable_lsd", "b", FALSE);
  g_variant_dict_insert (dict, "enable_upnp", "b", FALSE);
  g_variant_dict_insert (dict, "enable_natpmp", "b", FALSE);
  g_variant_dict_insert (dict, "allow_multiple_connections_per_ip", "b", TRUE);
  g_variant_dict_insert (dict, "enable_outgoing_utp", "b", FALSE);
  g_variant_dict_insert (dict, "enable_incoming_utp", "b", FALSE);
  g_variant_dict_insert (dict, "announce_to_all_trackers", "b", TRUE);
  g_variant_dict_insert (dict, "announce_to_all_tiers", "b", TRUE);
  /* Shutdown waits this long for "stopped" announces; keep teardown short. */
  g_variant_dict_insert (dict, "stop_tracker_timeout", "i", 1);
  /* A peer that refused or dropped us is tried again after a second, not
   * the default minute. */
  g_variant_dict_insert (dict, "min_reconnect_time", "i", 1);

  if (extra_ref != NULL)
    {
      GVariantIter iter;
      const char  *key;
      GVariant    *value;

      g_assert_true (g_variant_is_of_type (extra_ref, G_VARIANT_TYPE_VARDICT));
      g_variant_iter_init (&iter, extra_ref);
      while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
        g_variant_dict_insert_value (dict, key, value);
    }

  return g_variant_dict_end (dict);
}

SpateLtSession *
spate_test_session_new (int port, GVariant *extra)
{
  g_autoptr (GVariant) settings = g_variant_ref_sink (spate_test_loopback_settings (port, extra));
  g_autoptr (GError) error = NULL;
  SpateLtSession *session;

  session = spate_lt_session_new (settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

int
spate_test_session_get_port (SpateLtSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int    port;

  /* libtorrent opens its sockets on its own thread after construction. */
  while ((port = spate_lt_session_get_listen_port (session)) == 0 &&
         g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);

  g_assert_cmpint (port, >, 0);
  return port;
}

SpateLtTorrent *
spate_test_add_torrent (SpateLtSession *session,
                        GBytes         *torrent,
                        const char     *save_path,
                        gpointer        user_data)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtTorrent *handle;
  gsize           size;
  const guint8   *data = g_bytes_get_data (torrent, &size);

  params = spate_lt_add_params_new_from_bytes (data, size, &error);
  g_assert_no_error (error);
  spate_lt_add_params_set_save_path (params, save_path);
  spate_lt_add_params_set_user_data (params, user_data);
  handle = spate_lt_session_add (session, params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (handle);
  return handle;
}

/* SPATE_TEST_ALERTS=1 shows every alert drained, for a failing test. */
static void
log_alert (const SpateLtAlert *alert)
{
  static int verbose = -1;

  if (verbose < 0)
    verbose = g_getenv ("SPATE_TEST_ALERTS") != NULL;
  if (verbose && alert->kind != SPATE_LT_ALERT_PIECE_FINISHED)
    g_test_message ("alert %s: %s%s%s", alert->type_name, alert->message,
                    alert->error.message != NULL ? " — " : "",
                    alert->error.message != NULL ? alert->error.message : "");
}

typedef struct
{
  SpateLtAlertKind kind;
  gpointer         user_data;
  gboolean         found;
  SpateLtAlertFunc func;
  gpointer         func_data;
} WaitAlert;

static void
wait_alert_cb (const SpateLtAlert *alert, gpointer data)
{
  WaitAlert *wait = data;

  log_alert (alert);
  if (wait->func != NULL)
    wait->func (alert, wait->func_data);
  if (alert->kind == wait->kind && (wait->user_data == NULL || alert->user_data == wait->user_data))
    wait->found = TRUE;
}

gboolean
spate_test_wait_alert (SpateLtSession  *session,
                       SpateLtAlertKind kind,
                       gpointer         user_data,
                       guint            timeout_ms,
                       SpateLtAlertFunc func,
                       gpointer         func_data)
{
  WaitAlert wait = { kind, user_data, FALSE, func, func_data };
  gint64    deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      GPollFD pfd = { spate_lt_session_get_notify_fd (session), G_IO_IN, 0 };
      gint64  remaining;

      spate_lt_session_drain (session, wait_alert_cb, &wait);
      if (wait.found)
        return TRUE;

      remaining = deadline - g_get_monotonic_time ();
      if (remaining <= 0)
        return FALSE;
      g_poll (&pfd, 1, (int) MIN (remaining / 1000 + 1, POLL_SLICE_MS));
    }
}

typedef struct
{
  SpateLtAlertFunc func;
  gpointer         func_data;
} PumpAlert;

static void
pump_alert_cb (const SpateLtAlert *alert, gpointer data)
{
  PumpAlert *pump = data;

  log_alert (alert);
  if (pump->func != NULL)
    pump->func (alert, pump->func_data);
}

gboolean
spate_test_pump_until_full (SpateLtSession  **sessions,
                            guint             timeout_ms,
                            SpateLtAlertFunc  func,
                            gpointer          func_data,
                            SpateTestDoneFunc done,
                            gpointer          data)
{
  PumpAlert pump = { func, func_data };
  gint64    deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gsize     n = 0;
  GPollFD  *fds;
  gboolean  result = FALSE;

  while (sessions[n] != NULL)
    n++;
  fds = g_new0 (GPollFD, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      fds[i].fd = spate_lt_session_get_notify_fd (sessions[i]);
      fds[i].events = G_IO_IN;
    }

  for (;;)
    {
      gint64 remaining;

      for (gsize i = 0; i < n; i++)
        spate_lt_session_drain (sessions[i], pump_alert_cb, &pump);
      if (done (data))
        {
          result = TRUE;
          break;
        }

      remaining = deadline - g_get_monotonic_time ();
      if (remaining <= 0)
        break;
      for (gsize i = 0; i < n; i++)
        fds[i].revents = 0;
      g_poll (fds, n, (int) MIN (remaining / 1000 + 1, POLL_SLICE_MS));
    }

  g_free (fds);
  return result;
}

gboolean
spate_test_pump_until (SpateLtSession  **sessions,
                       guint             timeout_ms,
                       SpateTestDoneFunc done,
                       gpointer          data)
{
  return spate_test_pump_until_full (sessions, timeout_ms, NULL, NULL, done, data);
}

static gboolean
torrent_is_seeding (gpointer data)
{
  SpateLtStatus status = { 0 };
  gboolean      seeding;

  if (!spate_lt_torrent_get_status (data, &status, NULL))
    return FALSE;
  seeding = status.seeding;
  spate_lt_status_clear (&status);
  return seeding;
}

gboolean
spate_test_wait_seeding (SpateLtSession *session, SpateLtTorrent *torrent, guint timeout_ms)
{
  SpateLtSession *sessions[] = { session, NULL };

  return spate_test_pump_until (sessions, timeout_ms, torrent_is_seeding, torrent);
}

GBytes *
spate_test_make_torrent_full (const SpateLtCreateParams *params, const char *out_path)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes;

  bytes = spate_lt_create_torrent (params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  if (out_path != NULL)
    {
      gsize       size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_file_set_contents (out_path, data, size, &error);
      g_assert_no_error (error);
    }

  return bytes;
}

GBytes *
spate_test_make_torrent (const char         *path,
                         const char         *out_path,
                         const char * const *trackers,
                         const char * const *web_seeds,
                         int                 piece_size)
{
  SpateLtCreateParams params = { 0 };

  params.path = path;
  params.piece_size = piece_size;
  params.format = SPATE_LT_CREATE_HYBRID;
  params.trackers = trackers;
  params.web_seeds = web_seeds;
  params.creator = "Spate tests";
  return spate_test_make_torrent_full (&params, out_path);
}
