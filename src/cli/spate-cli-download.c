/* spate-cli-download.c: spate-cli download.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "spate-cli.h"

#define COMMAND          "spate-cli download"
#define CLOSE_TIMEOUT_MS 10000

typedef enum
{
  OUTPUT_LIVE,
  OUTPUT_LINES,
  OUTPUT_JSON,
  OUTPUT_QUIET,
} Output;

typedef struct
{
  char         *input;
  SpateTorrent *torrent;
  gboolean      done;
  gboolean      files_applied;
  gboolean      restored; /* was there already, from --state */
  /* libtorrent applies new file priorities on its disk thread: a finished
   * torrent that was given more files reads as finished until then. */
  gint64 settle_until;
} Job;

typedef struct
{
  /* options */
  char    *dir;
  int      port;
  char    *state;
  gboolean seed;
  double   ratio;
  gboolean sequential;
  char    *files;
  gboolean quiet;
  gboolean json;
  gboolean loopback;
  char   **settings;
  char   **peers;
  int      timeout;

  Output        output;
  SpateSession *session;
  GPtrArray    *jobs;
  guint         adding;
  gboolean      finished; /* leave the main loop */
  int           status;
  char         *failure;
  guint         live_lines; /* lines the live display drew last */
  gint64        last_lines;
} Download;

static void
job_free (Job *job)
{
  g_free (job->input);
  g_clear_object (&job->torrent);
  g_free (job);
}

static void
stop (Download *d, int status, const char *failure)
{
  if (d->finished)
    return;
  d->finished = TRUE;
  d->status = status;
  d->failure = g_strdup (failure);
}

/* ------------------------------------------------------------ output */

static const char *
state_name (SpateTorrentState state)
{
  switch (state)
    {
    case SPATE_TORRENT_STATE_CHECKING:
      return "checking";
    case SPATE_TORRENT_STATE_DOWNLOADING_METADATA:
      return "metadata";
    case SPATE_TORRENT_STATE_DOWNLOADING:
      return "downloading";
    case SPATE_TORRENT_STATE_SEEDING:
      return "seeding";
    case SPATE_TORRENT_STATE_COMPLETED:
      return "completed";
    case SPATE_TORRENT_STATE_PAUSED:
      return "paused";
    case SPATE_TORRENT_STATE_QUEUED:
      return "queued";
    case SPATE_TORRENT_STATE_MOVING:
      return "moving";
    case SPATE_TORRENT_STATE_ERROR:
      return "error";
    default:
      return "unknown";
    }
}

static char *
format_eta (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("∞");
  if (seconds < 60)
    return g_strdup_printf ("%ds", (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf ("%dm %02ds", (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf ("%dh %02dm", (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

static char *
format_line (SpateTorrent *t)
{
  g_autofree char *down = g_format_size (spate_torrent_get_download_rate (t));
  g_autofree char *up = g_format_size (spate_torrent_get_upload_rate (t));
  g_autofree char *eta = format_eta (spate_torrent_get_eta (t));

  return g_strdup_printf ("%s  %5.1f%%  %s  ↓ %s/s  ↑ %s/s  peers %d  ETA %s",
                          spate_torrent_get_name (t), spate_torrent_get_progress (t) * 100.0,
                          state_name (spate_torrent_get_state (t)), down, up,
                          spate_torrent_get_num_peers (t), eta);
}

static void
print_json (SpateTorrent *t, const char *event, const char *message)
{
  g_autoptr (GString) out = g_string_new ("{\"event\":");

  spate_cli_json_string (out, event);
  g_string_append (out, ",\"name\":");
  spate_cli_json_string (out, spate_torrent_get_name (t));
  g_string_append (out, ",\"info_hash\":");
  spate_cli_json_string (out, spate_torrent_get_info_hash (t));
  g_string_append (out, ",\"state\":");
  spate_cli_json_string (out, state_name (spate_torrent_get_state (t)));
  g_string_append_printf (out,
                          ",\"progress\":%.4f,\"download_rate\":%d,\"upload_rate\":%d,"
                          "\"peers\":%d,\"seeds\":%d,\"eta\":%" G_GINT64_FORMAT
                          ",\"downloaded\":%" G_GINT64_FORMAT ",\"uploaded\":%" G_GINT64_FORMAT
                          ",\"session_downloaded\":%" G_GINT64_FORMAT ",\"size\":%" G_GINT64_FORMAT,
                          spate_torrent_get_progress (t), spate_torrent_get_download_rate (t),
                          spate_torrent_get_upload_rate (t), spate_torrent_get_num_peers (t),
                          spate_torrent_get_num_seeds (t), spate_torrent_get_eta (t),
                          spate_torrent_get_downloaded (t), spate_torrent_get_uploaded (t),
                          spate_torrent_get_session_downloaded (t),
                          spate_torrent_get_wanted_size (t));
  if (message != NULL)
    {
      g_string_append (out, ",\"message\":");
      spate_cli_json_string (out, message);
    }
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
  fflush (stdout);
}

static void
print_progress (Download *d, gboolean final)
{
  gint64 now = g_get_monotonic_time ();

  switch (d->output)
    {
    case OUTPUT_LIVE:
      /* Redraw the block of lines in place. */
      if (d->live_lines > 0)
        printf ("\033[%uA", d->live_lines);
      d->live_lines = 0;
      for (guint i = 0; i < d->jobs->len; i++)
        {
          Job             *job = g_ptr_array_index (d->jobs, i);
          g_autofree char *line = NULL;
          if (job->torrent == NULL)
            continue;
          line = format_line (job->torrent);
          printf ("\r\033[2K%s\n", line);
          d->live_lines++;
        }
      fflush (stdout);
      break;
    case OUTPUT_LINES:
      if (!final && now - d->last_lines < 5 * G_USEC_PER_SEC)
        break;
      d->last_lines = now;
      for (guint i = 0; i < d->jobs->len; i++)
        {
          Job             *job = g_ptr_array_index (d->jobs, i);
          g_autofree char *line = NULL;
          if (job->torrent == NULL)
            continue;
          line = format_line (job->torrent);
          printf ("%s\n", line);
        }
      fflush (stdout);
      break;
    case OUTPUT_JSON:
      for (guint i = 0; i < d->jobs->len; i++)
        {
          Job *job = g_ptr_array_index (d->jobs, i);
          if (job->torrent != NULL && !job->done)
            print_json (job->torrent, "progress", NULL);
        }
      break;
    case OUTPUT_QUIET:
    default:
      break;
    }
}

/* --------------------------------------------------------- file choice */

/* "0,2-4" → priorities: listed files normal, the rest skipped; no list
 * means every file. */
static gboolean
apply_files (Download *d, Job *job, GError **error)
{
  g_autoptr (GBytes) current = NULL;
  g_autofree guint8 *priorities = NULL;
  g_auto (GStrv) parts = NULL;
  gsize n;

  if (job->files_applied || !spate_torrent_get_has_metadata (job->torrent))
    return TRUE;
  current = spate_torrent_get_file_priorities (job->torrent, error);
  if (current == NULL)
    return FALSE;
  n = g_bytes_get_size (current);
  if (d->files == NULL)
    {
      /* Everything, even when an earlier run with --state chose less. */
      const guint8 *now = g_bytes_get_data (current, NULL);
      gboolean      all = TRUE;

      job->files_applied = TRUE;
      for (gsize i = 0; i < n; i++)
        all = all && now[i] > 0;
      /* A torrent restored from --state reports the priorities of its
       * resume data only once libtorrent's disk thread has applied them;
       * until then it may read all wanted, and then finish with less. Such
       * a torrent is always given every file again. */
      if (all && !job->restored)
        return TRUE;
      priorities = g_new (guint8, n);
      memset (priorities, SPATE_PRIORITY_NORMAL, n);
      job->settle_until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
      return spate_torrent_set_file_priorities (job->torrent, priorities, n, error);
    }
  priorities = g_new0 (guint8, n);
  parts = g_strsplit (d->files, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64          first, last;
      char            *dash = strchr (parts[i], '-');
      g_autofree char *a =
          g_strndup (parts[i], dash ? (gsize) (dash - parts[i]) : strlen (parts[i]));

      if (!g_ascii_string_to_unsigned (g_strstrip (a), 10, 0, G_MAXINT, &first, NULL) ||
          (dash != NULL &&
           !g_ascii_string_to_unsigned (g_strstrip (dash + 1), 10, 0, G_MAXINT, &last, NULL)))
        {
          g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                       _ ("“%s” in --files is not a file number or range"), parts[i]);
          return FALSE;
        }
      if (dash == NULL)
        last = first;
      if (first > last || last >= n)
        {
          g_set_error (
              error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
              /* Translators: the --files value, a torrent's name, its file count and last number. */
              _ ("--files %s: “%s” has only %llu files (0–%llu)"), d->files,
              spate_torrent_get_name (job->torrent), (unsigned long long) n,
              (unsigned long long) (n - 1));
          return FALSE;
        }
      for (guint64 f = first; f <= last; f++)
        priorities[f] = SPATE_PRIORITY_NORMAL;
    }
  job->files_applied = TRUE;
  job->settle_until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  return spate_torrent_set_file_priorities (job->torrent, priorities, n, error);
}

/* ------------------------------------------------------------ progress */

static gboolean
job_complete (Download *d, Job *job)
{
  SpateTorrent     *t = job->torrent;
  SpateTorrentState state = spate_torrent_get_state (t);

  if (d->seed)
    return FALSE;
  if (!spate_torrent_get_has_metadata (t) || !spate_torrent_get_is_finished (t))
    {
      job->settle_until = 0;
      return FALSE;
    }
  if (g_get_monotonic_time () < job->settle_until)
    return FALSE;
  if (state == SPATE_TORRENT_STATE_CHECKING || state == SPATE_TORRENT_STATE_MOVING)
    return FALSE;
  if (d->ratio > 0)
    {
      double ratio = spate_torrent_get_ratio (t);
      return ratio < 0 || ratio >= d->ratio;
    }
  return TRUE;
}

static void
check_jobs (Download *d)
{
  guint done = 0;

  if (d->adding > 0 || d->finished)
    return;
  for (guint i = 0; i < d->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (d->jobs, i);
      g_autoptr (GError) error = NULL;

      if (job->torrent == NULL)
        continue;
      if (!apply_files (d, job, &error))
        {
          stop (d, SPATE_CLI_FAILED, error->message);
          return;
        }
      if (spate_torrent_get_state (job->torrent) == SPATE_TORRENT_STATE_ERROR)
        {
          g_autofree char *reason =
              g_strdup_printf ("%s: %s", spate_torrent_get_name (job->torrent),
                               spate_torrent_get_error (job->torrent));
          if (d->output == OUTPUT_JSON)
            print_json (job->torrent, "error", spate_torrent_get_error (job->torrent));
          stop (d, SPATE_CLI_FAILED, reason);
          return;
        }
      if (!job->done && job_complete (d, job))
        {
          job->done = TRUE;
          if (d->output == OUTPUT_JSON)
            print_json (job->torrent, "finished", NULL);
        }
      if (job->done)
        done++;
    }
  if (done == d->jobs->len)
    stop (d, SPATE_CLI_OK, NULL);
}

static void
on_torrent_changed (SpateTorrent *torrent, GParamSpec *pspec, Download *d)
{
  check_jobs (d);
}

static gboolean
on_tick (gpointer data)
{
  Download *d = data;

  check_jobs (d);
  if (!d->finished)
    print_progress (d, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_interrupt (gpointer data)
{
  Download *d = data;

  stop (d, 130, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer data)
{
  Download        *d = data;
  g_autofree char *reason = g_strdup_printf (_ ("gave up after %d seconds"), d->timeout);

  stop (d, SPATE_CLI_FAILED, reason);
  return G_SOURCE_REMOVE;
}

/* --------------------------------------------------------------- adding */

static void
connect_peers (Download *d, Job *job)
{
  for (guint i = 0; d->peers != NULL && d->peers[i] != NULL; i++)
    {
      g_autofree char *host = NULL;
      guint16          port = 0;
      g_autoptr (GNetworkAddress) address = NULL;

      address = G_NETWORK_ADDRESS (g_network_address_parse (d->peers[i], 0, NULL));
      if (address == NULL)
        continue;
      port = g_network_address_get_port (address);
      spate_torrent_connect_peer (job->torrent, g_network_address_get_hostname (address), port,
                                  NULL);
    }
}

typedef struct
{
  Download *d;
  Job      *job;
} AddData;

static void
on_added (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AddData  *data = user_data;
  Download *d = data->d;
  Job      *job = data->job;
  g_autoptr (GError) error = NULL;
  gboolean already = FALSE;

  g_free (data);
  d->adding--;
  job->torrent = spate_session_add_uri_finish (SPATE_SESSION (source), result, &already, &error);
  if (job->torrent == NULL)
    {
      stop (d, SPATE_CLI_FAILED, error->message);
      return;
    }
  job->restored = already;
  if (already && spate_torrent_get_state (job->torrent) == SPATE_TORRENT_STATE_PAUSED)
    spate_torrent_resume (job->torrent, FALSE, NULL);
  g_signal_connect (job->torrent, "notify::state", G_CALLBACK (on_torrent_changed), d);
  g_signal_connect (job->torrent, "notify::is-finished", G_CALLBACK (on_torrent_changed), d);
  g_signal_connect (job->torrent, "notify::has-metadata", G_CALLBACK (on_torrent_changed), d);
  g_signal_connect (job->torrent, "notify::ratio", G_CALLBACK (on_torrent_changed), d);
  connect_peers (d, job);
  check_jobs (d);
}

/* ---------------------------------------------------------------- main */

static gboolean
prepare_dir (const char *dir, gboolean *created, GError **error)
{
  *created = !g_file_test (dir, G_FILE_TEST_EXISTS);
  if (*created && g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Cannot create the folder %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("%s is not a folder"), dir);
      return FALSE;
    }
  if (g_access (dir, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Cannot write to the folder %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static int
run (Download *d, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) settings = NULL;
  g_autofree char *tmp_state = NULL;
  g_autofree char *dir = NULL;
  gboolean         created_dir = FALSE;
  guint            tick, sigint, sigterm, timeout = 0;
  int              status;

  dir = g_canonicalize_filename (d->dir ? d->dir : ".", NULL);
  settings = spate_cli_session_settings (d->port, d->loopback, d->settings, &error);
  if (settings == NULL)
    return spate_cli_fail ("%s", error->message);
  if (!prepare_dir (dir, &created_dir, &error))
    return spate_cli_fail ("%s", error->message);

  if (d->state == NULL)
    {
      /* Without --state nothing outlives the run. */
      tmp_state = g_dir_make_tmp ("spate-cli-XXXXXX", &error);
      if (tmp_state == NULL)
        return spate_cli_fail ("%s", error->message);
    }
  d->session =
      spate_session_new (d->state ? d->state : tmp_state, g_steal_pointer (&settings), &error);
  if (d->session == NULL)
    {
      if (tmp_state != NULL)
        spate_cli_remove_tree (tmp_state);
      if (created_dir)
        g_rmdir (dir);
      return spate_cli_fail ("%s", error->message);
    }
  spate_session_set_download_dir (d->session, dir);

  if (d->state != NULL)
    {
      spate_session_restore (d->session);
      while (spate_session_get_restoring (d->session))
        g_main_context_iteration (NULL, TRUE);
    }

  for (int i = 1; i < argc; i++)
    {
      Job            *job = g_new0 (Job, 1);
      AddData        *data = g_new0 (AddData, 1);
      SpateAddOptions options = { 0 };

      job->input = g_strdup (argv[i]);
      g_ptr_array_add (d->jobs, job);
      options.save_path = dir;
      options.sequential = d->sequential;
      data->d = d;
      data->job = job;
      d->adding++;
      spate_session_add_uri_async (d->session, argv[i], &options, NULL, on_added, data);
    }

  tick = g_timeout_add (1000, on_tick, d);
  sigint = g_unix_signal_add (SIGINT, on_interrupt, d);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, d);
  if (d->timeout > 0)
    timeout = g_timeout_add_seconds (d->timeout, on_timeout, d);

  while (!d->finished)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  g_clear_handle_id (&timeout, g_source_remove);
  print_progress (d, TRUE);

  /* Saves resume data when there is a --state to keep it in. */
  if (!spate_session_close (d->session, CLOSE_TIMEOUT_MS, &error) && d->state != NULL)
    g_printerr ("spate-cli: %s\n", error->message);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&d->session);
  if (tmp_state != NULL)
    spate_cli_remove_tree (tmp_state);

  status = d->status;
  if (status == SPATE_CLI_FAILED)
    {
      /* A folder made for a download that never started goes again. */
      if (created_dir)
        g_rmdir (dir);
      return spate_cli_fail ("%s", d->failure);
    }
  if (status == 130 && d->output != OUTPUT_QUIET)
    g_printerr (d->state ? _ ("spate-cli: interrupted; progress is saved in %s\n")
                         : _ ("spate-cli: interrupted%s\n"),
                d->state ? d->state : "");
  return status;
}

int
spate_cli_download (int argc, char **argv)
{
  Download d = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  int                status;
  const GOptionEntry entries[] = {
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &d.dir, N_ ("Save files in DIR (default: here)"),
      "DIR" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &d.port, N_ ("Listen on port N (default: any)"), "N" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &d.state,
      N_ ("Keep resume data in DIR so a later run continues"), "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_NONE, &d.seed, N_ ("Keep seeding after the download until Ctrl-C"),
      NULL },
    { "ratio", 0, 0, G_OPTION_ARG_DOUBLE, &d.ratio, N_ ("Seed until the upload ratio reaches R"),
      "R" },
    { "sequential", 0, 0, G_OPTION_ARG_NONE, &d.sequential, N_ ("Download pieces in order"), NULL },
    { "files", 0, 0, G_OPTION_ARG_STRING, &d.files,
      N_ ("Download only these files, by number (see “spate-cli info”), e.g. 0,2-4"), "LIST" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &d.quiet, N_ ("Print nothing but errors"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &d.json, N_ ("Print progress as JSON lines"), NULL },
    { "loopback", 0, 0, G_OPTION_ARG_NONE, &d.loopback,
      N_ ("Use 127.0.0.1 only: no DHT, LSD, UPnP or NAT-PMP"), NULL },
    { "peer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &d.peers, N_ ("Connect to the peer HOST:PORT"),
      "HOST:PORT" },
    { "setting", 's', 0, G_OPTION_ARG_STRING_ARRAY, &d.settings,
      N_ ("Set a libtorrent setting, e.g. connections_limit=500"), "NAME=VALUE" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &d.timeout, N_ ("Give up after SECONDS"), "SECONDS" },
    { NULL },
  };

  context = g_option_context_new (_ ("TORRENT-FILE|MAGNET|URL…"));
  g_option_context_set_summary (context, _ ("Download torrents and exit when all are complete."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!spate_cli_parse (context, COMMAND, &argc, &argv))
    return SPATE_CLI_USAGE;

  if (argc < 2)
    status = spate_cli_usage (COMMAND, _ ("nothing to download"));
  else if (d.seed && d.ratio > 0)
    status = spate_cli_usage (COMMAND, _ ("--seed and --ratio cannot be used together"));
  else if (d.quiet && d.json)
    status = spate_cli_usage (COMMAND, _ ("--quiet and --json cannot be used together"));
  else if (d.port < 0 || d.port > 65535)
    status = spate_cli_usage (COMMAND, _ ("--port must be between 0 and 65535"));
  else if (d.ratio < 0)
    status = spate_cli_usage (COMMAND, _ ("--ratio must not be negative"));
  else
    {
      d.output = d.quiet                      ? OUTPUT_QUIET
                 : d.json                     ? OUTPUT_JSON
                 : spate_cli_stdout_is_tty () ? OUTPUT_LIVE
                                              : OUTPUT_LINES;
      d.jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
      status = run (&d, argc, argv);
      g_ptr_array_unref (d.jobs);
    }

  g_free (d.dir);
  g_free (d.state);
  g_free (d.files);
  g_strfreev (d.settings);
  g_strfreev (d.peers);
  g_free (d.failure);
  return status;
}
