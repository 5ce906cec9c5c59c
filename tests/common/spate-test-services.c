/* spate-test-services.c: the outside programs the tests start on loopback.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * opentracker (tracker), lighttpd (web seed) and transmission-cli (a
 * foreign peer). Each gets a temp folder of its own for config and logs.
 */

#define _GNU_SOURCE /* memmem */

#include "spate-test-util.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

struct _SpateTestService
{
  char        *program; /* for messages */
  GSubprocess *process;
  char        *dir;      /* ours: config, logs; removed on stop */
  char        *log_path; /* stdout and stderr of the program */
  char        *url;
  int          port;
  gboolean     stop_by_eof; /* wrapped: closing stdin stops it */
};

/* Debian installs some servers in sbin, which a normal user's PATH lacks. */
static char *
find_program (const char *program)
{
  static const char * const sbin_dirs[] = { "/usr/sbin", "/usr/local/sbin", "/sbin" };
  char                     *path = g_find_program_in_path (program);

  for (gsize i = 0; path == NULL && i < G_N_ELEMENTS (sbin_dirs); i++)
    {
      char *candidate = g_build_filename (sbin_dirs[i], program, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        path = candidate;
      else
        g_free (candidate);
    }

  return path;
}

static const char *
package_of (const char *program)
{
  if (g_str_has_prefix (program, "transmission-"))
    return "transmission-cli";
  return program;
}

/* As build-aux/dev reads CI: set, and neither "false" nor "0". */
static gboolean
is_ci (void)
{
  const char *ci = g_getenv ("CI");

  return ci != NULL && *ci != '\0' && g_strcmp0 (ci, "false") != 0 && g_strcmp0 (ci, "0") != 0;
}

gboolean
spate_test_skip_without (const char *program)
{
  g_autofree char *path = find_program (program);
  g_autofree char *reason = NULL;

  if (path != NULL)
    return FALSE;

  reason = g_strdup_printf ("%s is not installed; it comes with the Debian package %s, "
                            "which build-aux/dev installs",
                            program, package_of (program));
  /* In CI a missing tool means the install went wrong: a skip would pass. */
  if (is_ci ())
    {
      g_test_message ("%s", reason);
      g_test_fail ();
    }
  else
    g_test_skip (reason);
  return TRUE;
}

static SpateTestService *
service_new (const char *program)
{
  SpateTestService *service = g_new0 (SpateTestService, 1);

  service->program = g_strdup (program);
  service->dir = spate_test_make_tmpdir (program);
  service->log_path = g_build_filename (service->dir, "output.log", NULL);
  return service;
}

char *
spate_test_service_read_log (SpateTestService *service)
{
  char *contents = NULL;

  if (!g_file_get_contents (service->log_path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

/* The end of the log, with transmission's carriage returns as new lines. */
static char *
service_log_tail (SpateTestService *service)
{
  g_autofree char *log = spate_test_service_read_log (service);
  gsize            len = strlen (log);
  char            *tail = g_strdup (len > 2000 ? log + len - 2000 : log);

  g_strdelimit (tail, "\r", '\n');
  return tail;
}

static gboolean
service_is_running (SpateTestService *service)
{
  /* GLib reaps the child on its worker thread; then the id is gone. */
  return service->process != NULL && g_subprocess_get_identifier (service->process) != NULL;
}

static void
kill_with_parent (gpointer data)
{
  /* Runs between fork and exec: a crashed or timed-out test leaves no
   * server behind. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
service_spawn (SpateTestService   *service,
               const char * const *argv,
               gboolean            with_parent,
               GError            **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_MERGE;

  if (service->stop_by_eof)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, service->dir);
  g_subprocess_launcher_set_stdout_file_path (launcher, service->log_path);
  /* Keep its files out of $HOME, and loopback away from any proxy. */
  g_subprocess_launcher_setenv (launcher, "HOME", service->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", service->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", service->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", service->dir, TRUE);
  for (const char * const *v =
           (const char * const[]){ "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                                   "all_proxy", "ALL_PROXY", NULL };
       *v != NULL; v++)
    g_subprocess_launcher_unsetenv (launcher, *v);
  g_subprocess_launcher_setenv (launcher, "no_proxy", "*", TRUE);
  if (with_parent)
    g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);

  service->process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (service->process == NULL)
    {
      g_prefix_error (error, "Could not start %s: ", service->program);
      return FALSE;
    }
  return TRUE;
}

static gboolean
service_failed (SpateTestService *service, GError **error, const char *what)
{
  g_autofree char *tail = service_log_tail (service);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s; its output:\n%s", service->program,
               what, tail);
  return FALSE;
}

/* One HTTP/1.0 GET to 127.0.0.1:port; returns the whole response. */
static GBytes *
http_get (int port, const char *path, GError **error)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GByteArray) response = g_byte_array_new ();
  g_autofree char *request = NULL;
  GInputStream    *in;
  guint8           buf[4096];
  gssize           n;

  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, error);
  if (connection == NULL)
    return NULL;

  request = g_strdup_printf ("GET %s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n"
                             "Connection: close\r\n\r\n",
                             path, port);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
                                  strlen (request), NULL, NULL, error))
    return NULL;

  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, error)) > 0)
    g_byte_array_append (response, buf, (guint) n);
  if (n < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&response));
}

static gboolean
bytes_contain (GBytes *bytes, const char *needle)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

/* Waits until an HTTP GET of path answers with a body containing
 * expect (any answer when NULL), while the program still runs. */
static gboolean
service_wait_http (SpateTestService *service,
                   const char       *path,
                   const char       *expect,
                   guint             timeout_ms,
                   GError          **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GBytes) reply = NULL;

      if (!service_is_running (service))
        return service_failed (service, error, "exited while starting");

      reply = http_get (service->port, path, NULL);
      if (reply != NULL && bytes_contain (reply, "HTTP/1.") &&
          (expect == NULL || bytes_contain (reply, expect)))
        return TRUE;
      g_usleep (50 * 1000);
    }

  return service_failed (service, error, "did not answer over HTTP in time");
}

/* Waits until the program's output contains text. */
static gboolean
service_wait_output (SpateTestService *service, const char *text, guint timeout_ms, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *log = NULL;

      if (!service_is_running (service))
        return service_failed (service, error, "exited while starting");
      log = spate_test_service_read_log (service);
      if (strstr (log, text) != NULL)
        return TRUE;
      g_usleep (100 * 1000);
    }

  return service_failed (service, error, "did not get ready in time");
}

static char *
percent_encode_hex (const char *hex)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; hex[i] != '\0' && hex[i + 1] != '\0'; i += 2)
    g_string_append_printf (out, "%%%c%c", hex[i], hex[i + 1]);
  return g_string_free (out, FALSE);
}

SpateTestService *
spate_test_opentracker_start (const char * const *info_hashes, GError **error)
{
  g_autoptr (SpateTestService) service = service_new ("opentracker");
  g_autofree char *program = find_program ("opentracker");
  g_autofree char *whitelist = g_build_filename (service->dir, "whitelist", NULL);
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *port = NULL;
  g_autofree char *probe = NULL;

  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "opentracker is not installed");
      return NULL;
    }

  /* Debian builds it with a whitelist only. Every line must end in '\n':
   * the parser reads one byte past a last hash without one. */
  for (gsize i = 0; info_hashes != NULL && info_hashes[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (info_hashes[i]), ==, 40);
      g_string_append_printf (list, "%s\n", info_hashes[i]);
    }
  if (!g_file_set_contents (whitelist, list->str, list->len, error))
    return NULL;
  /* Started as root it drops to "nobody" (and refuses to stay root), then
   * reads the whitelist from "/" as cwd: absolute path, readable by all. */
  g_chmod (service->dir, 0755);
  g_chmod (whitelist, 0644);

  service->port = spate_test_free_port ();
  service->url = g_strdup_printf ("http://127.0.0.1:%d/announce", service->port);
  port = g_strdup_printf ("%d", service->port);
  /* The privilege drop clears PR_SET_PDEATHSIG, so a shell watches our end
   * of its stdin instead and stops the tracker when that closes. -i must
   * come before the ports it applies to. */
  service->stop_by_eof = TRUE;
  if (!service_spawn (service,
                      (const char * const[]){
                          "/bin/sh", "-c",
                          "\"$@\" </dev/null & pid=$!; read -r _; kill \"$pid\"; wait \"$pid\"",
                          "sh", program, "-i", "127.0.0.1", "-p", port, "-P", port, "-w", whitelist,
                          NULL },
                      FALSE, error))
    return NULL;

  /* The whitelist loads on a thread of its own: poll with a harmless
   * "stopped" announce until the first hash is accepted. */
  if (info_hashes != NULL && info_hashes[0] != NULL)
    {
      g_autofree char *hash = percent_encode_hex (info_hashes[0]);

      probe = g_strdup_printf ("/announce?info_hash=%s&peer_id=-SPTEST-probe0000000"
                               "&port=1&uploaded=0&downloaded=0&left=0&compact=1"
                               "&event=stopped",
                               hash);
    }
  if (!service_wait_http (service, probe != NULL ? probe : "/announce",
                          probe != NULL ? "interval" : NULL, 10000, error))
    return NULL;

  return g_steal_pointer (&service);
}

static char *
lighttpd_quote (const char *s)
{
  GString *out = g_string_new ("\"");

  for (; *s != '\0'; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

SpateTestService *
spate_test_http_server_start (const char *docroot, GError **error)
{
  g_autoptr (SpateTestService) service = service_new ("lighttpd");
  g_autofree char *program = find_program ("lighttpd");
  g_autofree char *config_path = g_build_filename (service->dir, "lighttpd.conf", NULL);
  g_autofree char *pid_path = g_build_filename (service->dir, "lighttpd.pid", NULL);
  g_autofree char *errorlog = g_build_filename (service->dir, "error.log", NULL);
  g_autofree char *q_docroot = NULL;
  g_autofree char *q_pid = NULL;
  g_autofree char *q_errorlog = NULL;
  g_autofree char *q_dir = NULL;
  g_autofree char *config = NULL;
  g_autofree char *absolute = NULL;

  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "lighttpd is not installed");
      return NULL;
    }

  absolute = g_canonicalize_filename (docroot, NULL);
  q_docroot = lighttpd_quote (absolute);
  q_pid = lighttpd_quote (pid_path);
  q_errorlog = lighttpd_quote (errorlog);
  q_dir = lighttpd_quote (service->dir);
  service->port = spate_test_free_port ();
  service->url = g_strdup_printf ("http://127.0.0.1:%d/", service->port);

  /* Range requests are on by default; say so since web seeds need them.
   * Run as root it keeps root, as no server.username is given. */
  config = g_strdup_printf ("server.document-root = %s\n"
                            "server.bind = \"127.0.0.1\"\n"
                            "server.port = %d\n"
                            "server.pid-file = %s\n"
                            "server.errorlog = %s\n"
                            "server.upload-dirs = ( %s )\n"
                            "server.range-requests = \"enable\"\n"
                            "mimetype.assign = ( \"\" => \"application/octet-stream\" )\n",
                            q_docroot, service->port, q_pid, q_errorlog, q_dir);
  if (!g_file_set_contents (config_path, config, -1, error))
    return NULL;

  if (!service_spawn (service, (const char * const[]){ program, "-D", "-f", config_path, NULL },
                      TRUE, error))
    return NULL;

  /* "/" is forbidden (no directory listings), but any answer means ready. */
  if (!service_wait_http (service, "/", NULL, 10000, error))
    return NULL;

  return g_steal_pointer (&service);
}

/* transmission-cli has no flags for DHT, LPD, uTP, PEX or the bind
 * address; they live in settings.json of the config dir (-g). Encryption
 * 1 prefers encrypted peers but takes plaintext; libtorrent speaks both. */
static char *
transmission_settings (int port)
{
  return g_strdup_printf ("{\n"
                          "  \"dht-enabled\": false,\n"
                          "  \"lpd-enabled\": false,\n"
                          "  \"utp-enabled\": false,\n"
                          "  \"pex-enabled\": false,\n"
                          "  \"port-forwarding-enabled\": false,\n"
                          "  \"blocklist-enabled\": false,\n"
                          "  \"rpc-enabled\": false,\n"
                          "  \"bind-address-ipv4\": \"127.0.0.1\",\n"
                          "  \"bind-address-ipv6\": \"::1\",\n"
                          "  \"peer-port\": %d,\n"
                          "  \"peer-port-random-on-start\": false,\n"
                          "  \"encryption\": 1,\n"
                          "  \"speed-limit-down-enabled\": false,\n"
                          "  \"speed-limit-up-enabled\": false,\n"
                          "  \"alt-speed-enabled\": false,\n"
                          "  \"ratio-limit-enabled\": false,\n"
                          "  \"idle-seeding-limit-enabled\": false,\n"
                          "  \"incomplete-dir-enabled\": false,\n"
                          "  \"rename-partial-files\": true,\n"
                          "  \"message-level\": 2\n"
                          "}\n",
                          port);
}

static SpateTestService *
transmission_start (const char *torrent_path, const char *dir, gboolean seed, GError **error)
{
  g_autoptr (SpateTestService) service = service_new ("transmission-cli");
  g_autofree char *program = find_program ("transmission-cli");
  g_autofree char *config_dir = g_build_filename (service->dir, "config", NULL);
  g_autofree char *settings_path = g_build_filename (config_dir, "settings.json", NULL);
  g_autofree char *settings = NULL;
  g_autofree char *port = NULL;
  g_autofree char *torrent = g_canonicalize_filename (torrent_path, NULL);
  g_autofree char *data_dir = g_canonicalize_filename (dir, NULL);

  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "transmission-cli is not installed");
      return NULL;
    }

  service->port = spate_test_free_port ();
  port = g_strdup_printf ("%d", service->port);
  settings = transmission_settings (service->port);
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0755), ==, 0);
  if (!g_file_set_contents (settings_path, settings, -1, error))
    return NULL;

  /* It verifies existing data first (no resume file yet), then seeds or
   * downloads, and never exits on its own; SIGTERM kills it at once (it
   * only handles SIGINT). Files being downloaded are named "*.part" until
   * complete. stdbuf: its status line goes to a fully buffered stdout
   * otherwise, and would show up here some ten seconds late. */
  if (!service_spawn (service,
                      (const char * const[]){ "stdbuf", "-o0", program, "-g", config_dir, "-w",
                                              data_dir, "-p", port, "-M", "-B", "-D", "-U", "-ep",
                                              torrent, NULL },
                      TRUE, error))
    return NULL;

  /* Its status line, rewritten every 200 ms, tells when the torrent runs;
   * a peer turned away during the verification would only be retried
   * after a long while. */
  if (!service_wait_output (service, seed ? "Seeding," : "Progress:", seed ? 60000 : 30000, error))
    return NULL;

  return g_steal_pointer (&service);
}

SpateTestService *
spate_test_transmission_seed (const char *torrent_path, const char *data_dir, GError **error)
{
  return transmission_start (torrent_path, data_dir, TRUE, error);
}

SpateTestService *
spate_test_transmission_download (const char *torrent_path, const char *dir, GError **error)
{
  return transmission_start (torrent_path, dir, FALSE, error);
}

gboolean
spate_test_run_program (const char * const *argv, guint timeout_ms, GError **error)
{
  g_autofree char *name = g_path_get_basename (argv[0]);
  g_autoptr (SpateTestService) service = service_new (name);
  g_autofree char *program = find_program (argv[0]);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not installed", argv[0]);
      return FALSE;
    }

  g_ptr_array_add (args, program);
  for (gsize i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  if (!service_spawn (service, (const char * const *) args->pdata, TRUE, error))
    return FALSE;

  while (service_is_running (service) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  if (service_is_running (service))
    return service_failed (service, error, "did not finish in time");
  if (!g_subprocess_get_successful (service->process))
    return service_failed (service, error, "failed");
  return TRUE;
}

int
spate_test_service_get_port (SpateTestService *service)
{
  return service->port;
}

const char *
spate_test_service_get_url (SpateTestService *service)
{
  return service->url;
}

void
spate_test_service_stop (SpateTestService *service)
{
  if (service == NULL)
    return;

  if (service_is_running (service))
    {
      gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      if (service->stop_by_eof)
        g_output_stream_close (g_subprocess_get_stdin_pipe (service->process), NULL, NULL);
      else
        g_subprocess_send_signal (service->process, SIGTERM);

      while (service_is_running (service) && g_get_monotonic_time () < deadline)
        g_usleep (20 * 1000);
      if (service_is_running (service))
        {
          g_subprocess_force_exit (service->process);
          g_subprocess_wait (service->process, NULL, NULL);
        }
    }

  if (g_test_failed ())
    {
      g_autofree char *tail = service_log_tail (service);

      g_test_message ("%s said:\n%s", service->program, tail);
    }

  g_clear_object (&service->process);
  spate_test_rm_rf (service->dir);
  g_free (service->program);
  g_free (service->dir);
  g_free (service->log_path);
  g_free (service->url);
  g_free (service);
}
