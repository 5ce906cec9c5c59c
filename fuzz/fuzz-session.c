/* fuzz-session.c: random sequences of add, remove, pause, resume, rename,
 * move, priorities and save-resume on live and stale handles of one shim
 * session. Loopback only: no DHT, LSD, UPnP or NAT-PMP, trackers on a closed
 * 127.0.0.1 port.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-fuzz.h"

#include <glib/gstdio.h>
#include <string.h>

#include "spate-lt.h"

#define N_SLOTS   6
#define N_SOURCES 3

static SpateLtSession *session;
static char           *root; /* nothing may appear here but jail/ */
static char           *jail; /* nothing may appear here but save/ and move/ */
static GBytes         *sources[N_SOURCES];
/* Async adds not answered yet; their user pointer is &pending_adds. */
static guint       pending_adds;
static const char *magnet = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=fuzz"
                            "&tr=http%3A%2F%2F127.0.0.1%3A1%2Fannounce";

typedef struct
{
  const guint8 *data;
  size_t        size;
} Input;

static guint8
next (Input *in)
{
  guint8 byte;

  if (in->size == 0)
    return 0;
  byte = in->data[0];
  in->data++;
  in->size--;
  return byte;
}

/* Up to 15 raw bytes, NUL-terminated: names the fuzzer chooses. */
static char *
next_string (Input *in)
{
  size_t len = next (in) % 16; /* not inside MIN(), which reads twice */
  char  *text;

  len = MIN (len, in->size);
  text = spate_fuzz_strndup (in->data, len);
  in->data += len;
  in->size -= len;
  return text;
}

static void
write_file (const char *path, gsize size)
{
  g_autofree char   *dir = g_path_get_dirname (path);
  g_autofree guint8 *bytes = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) (i * 31 + 7);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, size, NULL));
}

static GBytes *
make_torrent (const char *path, SpateLtCreateFormat format)
{
  const char         *trackers[] = { "http://127.0.0.1:1/announce", NULL };
  SpateLtCreateParams params = {
    .path = path,
    .piece_size = 16384,
    .format = format,
    .trackers = trackers,
    .no_creation_date = TRUE,
  };
  g_autoptr (GError) error = NULL;
  GBytes *bytes = spate_lt_create_torrent (&params, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
rm_rf (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        rm_rf (child);
      }
  g_remove (path);
}

/* Fails when a file was written outside the folders the torrents were given:
 * a rename or move that escaped. */
static void
check_only (const char *path, const char *a, const char *b)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_strcmp0 (name, a) != 0 && g_strcmp0 (name, b) != 0)
      g_error ("%s/%s was written outside the torrents' folders", path, name);
}

static void
reset_folders (void)
{
  g_autofree char *save = g_build_filename (jail, "save", NULL);
  g_autofree char *move = g_build_filename (jail, "move", NULL);

  check_only (root, "jail", NULL);
  check_only (jail, "save", "move");
  rm_rf (save);
  rm_rf (move);
  g_assert_cmpint (g_mkdir_with_parents (save, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (move, 0700), ==, 0);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GVariantDict) settings = g_variant_dict_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *file = NULL;

  spate_fuzz_init ();
  root = g_dir_make_tmp ("spate-fuzz-session-XXXXXX", &error);
  g_assert_no_error (error);
  jail = g_build_filename (root, "jail", NULL);
  g_assert_cmpint (g_mkdir (jail, 0700), ==, 0);

  /* Small torrents made here, in a folder deleted before fuzzing starts. */
  payload = g_build_filename (root, "payload", NULL);
  file = g_build_filename (payload, "multi", "a.bin", NULL);
  write_file (file, 40000);
  g_free (file);
  file = g_build_filename (payload, "multi", "sub", "b.bin", NULL);
  write_file (file, 5000);
  g_free (file);
  file = g_build_filename (payload, "single.bin", NULL);
  write_file (file, 20000);
  g_free (file);
  file = g_build_filename (payload, "multi", NULL);
  sources[0] = make_torrent (file, SPATE_LT_CREATE_HYBRID);
  g_free (file);
  file = g_build_filename (payload, "single.bin", NULL);
  sources[1] = make_torrent (file, SPATE_LT_CREATE_V1);
  sources[2] = make_torrent (file, SPATE_LT_CREATE_V2);
  rm_rf (payload);
  reset_folders ();

  g_variant_dict_insert (settings, "listen_interfaces", "s", "127.0.0.1:0");
  g_variant_dict_insert (settings, "enable_dht", "b", FALSE);
  g_variant_dict_insert (settings, "dht_bootstrap_nodes", "s", "");
  g_variant_dict_insert (settings, "enable_lsd", "b", FALSE);
  g_variant_dict_insert (settings, "enable_upnp", "b", FALSE);
  g_variant_dict_insert (settings, "enable_natpmp", "b", FALSE);
  g_variant_dict_insert (settings, "stop_tracker_timeout", "i", 1);
  session = spate_lt_session_new (g_variant_dict_end (settings), NULL, &error);
  g_assert_no_error (error);
  return 0;
}

/* Resume data libtorrent hands out must load again, extras included. */
static void
on_alert (const SpateLtAlert *alert, gpointer user_data)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (GVariant) extras = NULL;
  g_autoptr (GBytes) with_extras = NULL;
  g_autoptr (GError) error = NULL;
  GVariantDict dict;

  if (alert->kind == SPATE_LT_ALERT_TORRENT_ADDED && alert->user_data == &pending_adds)
    pending_adds--;
  if (alert->kind != SPATE_LT_ALERT_RESUME_DATA)
    return;
  params = spate_lt_add_params_new_from_resume (alert->data, alert->size, &error);
  g_assert_no_error (error);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "goal", "x", (gint64) 42);
  extras = g_variant_ref_sink (g_variant_dict_end (&dict));
  with_extras = spate_lt_resume_data_set_extras (alert->data, alert->size, extras, &error);
  g_assert_no_error (error);
  g_clear_pointer (&extras, g_variant_unref);
  extras = g_variant_ref_sink (spate_lt_resume_data_get_extras (
      g_bytes_get_data (with_extras, NULL), g_bytes_get_size (with_extras)));
  g_assert_cmpuint (g_variant_n_children (extras), ==, 1);
}

static SpateLtAddParams *
make_params (Input *in)
{
  g_autoptr (GError) error = NULL;
  g_autofree char  *save = NULL;
  guint8            which = next (in) % (N_SOURCES + 1);
  guint8            flags = next (in);
  SpateLtAddParams *params;

  if (which < N_SOURCES)
    {
      gsize         size;
      const guint8 *data = g_bytes_get_data (sources[which], &size);
      params = spate_lt_add_params_new_from_bytes (data, size, &error);
    }
  else
    params = spate_lt_add_params_new_from_magnet (magnet, &error);
  g_assert_no_error (error);

  save = g_strdup_printf ("%s/save/%u", jail, next (in) % 3);
  spate_lt_add_params_set_save_path (params, save);
  spate_lt_add_params_set_flags (params, flags & 0x3f);
  spate_lt_add_params_set_preallocate (params, flags & 0x80);
  if (flags & 0x40)
    {
      guint8 priorities[4];
      gsize  n = next (in) % 5;

      for (gsize i = 0; i < n; i++)
        priorities[i] = next (in);
      spate_lt_add_params_set_file_priorities (params, priorities, n);
    }
  return params;
}

static void
do_op (SpateLtTorrent **slots, Input *in)
{
  g_autoptr (GError) error = NULL;
  guint8          op = next (in) % 20;
  guint8          slot = next (in) % N_SLOTS;
  SpateLtTorrent *t = slots[slot];

  if (op >= 2 && op != 18 && op != 19 && t == NULL)
    return;

  switch (op)
    {
    case 0:
      {
        g_autoptr (SpateLtAddParams) params = make_params (in);
        SpateLtTorrent *added = spate_lt_session_add (session, params, &error);

        if (added != NULL)
          {
            g_clear_pointer (&slots[slot], spate_lt_torrent_free);
            slots[slot] = added;
          }
      }
      break;
    case 1:
      {
        g_autoptr (SpateLtAddParams) params = make_params (in);

        spate_lt_add_params_set_user_data (params, &pending_adds);
        pending_adds++;
        spate_lt_session_add_async (session, params);
      }
      break;
    case 2:
      /* Files are only ever deleted inside the jail. */
      spate_lt_session_remove (session, t, next (in) & 1, &error);
      break;
    case 3:
      spate_lt_torrent_pause (t, &error);
      break;
    case 4:
      spate_lt_torrent_resume (t, next (in) & 1, &error);
      break;
    case 5:
      {
        int              index = (int) next (in) - 1;
        g_autofree char *name = next_string (in);
        spate_lt_torrent_rename_file (t, index, name, &error);
      }
      break;
    case 6:
      {
        g_autofree char *component = next_string (in);
        g_autofree char *path = NULL;

        /* One folder level the fuzzer names, kept inside move/. */
        g_strdelimit (component, "/.", '_');
        path = g_strdup_printf ("%s/move/%s", jail, component);
        spate_lt_torrent_move_storage (t, path, next (in) & 1, &error);
      }
      break;
    case 7:
      spate_lt_torrent_set_file_priority (t, (int) next (in) - 1, next (in), &error);
      break;
    case 8:
      {
        guint8 priorities[8];
        gsize  n = next (in) % 9;

        for (gsize i = 0; i < n; i++)
          priorities[i] = next (in);
        spate_lt_torrent_set_file_priorities (t, priorities, n, &error);
      }
      break;
    case 9:
      spate_lt_torrent_request_resume_data (t, next (in) & 7, &error);
      break;
    case 10:
      {
        /* Only the flags SpateLtTorrentFlags names. */
        guint flags = (next (in) | next (in) << 8) & 0xfff;
        guint mask = (next (in) | next (in) << 8) & 0xfff;

        spate_lt_torrent_set_flags (t, flags, mask, &error);
      }
      break;
    case 11:
      if (next (in) & 1)
        spate_lt_torrent_queue_move (t, next (in) % 4, &error);
      else
        spate_lt_torrent_set_queue_position (t, (int) next (in) - 2, &error);
      break;
    case 12:
      {
        SpateLtStatus status = { 0 };
        g_autoptr (GArray) files = spate_lt_torrent_get_files (t, NULL);
        g_autoptr (GArray) trackers = spate_lt_torrent_get_trackers (t, NULL);
        g_autoptr (GBytes) priorities = spate_lt_torrent_get_file_priorities (t, NULL);
        g_autoptr (GBytes) pieces = spate_lt_torrent_get_piece_priorities (t, NULL);
        g_autoptr (GBytes) torrent_file = spate_lt_torrent_get_torrent_file (t, NULL);
        g_autoptr (SpateLtInfo) info = spate_lt_torrent_get_info (t, NULL);
        g_autofree char *link = spate_lt_torrent_make_magnet (t, NULL);

        /* Each file has one priority; a stale handle gives neither. */
        if (files != NULL && priorities != NULL)
          g_assert_cmpuint (files->len, ==, g_bytes_get_size (priorities));
        /* The rest only has to return without harm. */
        (void) trackers, (void) pieces, (void) torrent_file, (void) info, (void) link;
        if (spate_lt_torrent_get_status (t, &status, &error))
          spate_lt_status_clear (&status);
      }
      break;
    case 13:
      spate_lt_torrent_force_recheck (t, &error);
      break;
    case 14:
      spate_lt_torrent_set_first_last_pieces (t, next (in) & 1, &error);
      break;
    case 15:
      {
        int piece = (int) next (in) - 1;

        switch (next (in) % 4)
          {
          case 0:
            spate_lt_torrent_set_piece_priority (t, piece, next (in), &error);
            break;
          case 1:
            spate_lt_torrent_set_piece_deadline (t, piece, next (in), &error);
            break;
          case 2:
            spate_lt_torrent_reset_piece_deadline (t, piece, &error);
            break;
          default:
            spate_lt_torrent_clear_piece_deadlines (t, &error);
            break;
          }
      }
      break;
    case 16:
      if (next (in) & 1)
        spate_lt_torrent_add_tracker (t, "http://127.0.0.1:1/announce", next (in) % 4, &error);
      else
        spate_lt_torrent_replace_trackers (t, (const char * const[]){ NULL }, NULL, &error);
      break;
    case 17:
      spate_lt_torrent_set_download_limit (t, (int) next (in) * 1024, &error);
      break;
    case 18:
      if (t != NULL)
        {
          guint8 to = next (in) % N_SLOTS;

          if (to != slot)
            {
              g_clear_pointer (&slots[to], spate_lt_torrent_free);
              slots[to] = spate_lt_torrent_copy (t);
            }
        }
      break;
    default:
      spate_lt_session_drain (session, on_alert, NULL);
      break;
    }
}

/* Each input starts from an empty session and empty folders. */
static void
clear_session (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Async adds may land after a removal; run them out too. */
  while (TRUE)
    {
      g_autoptr (GPtrArray) torrents = NULL;

      spate_lt_session_drain (session, on_alert, NULL);
      torrents = spate_lt_session_get_torrents (session);
      if (torrents->len == 0 && pending_adds == 0)
        {
          /* A removed torrent left in libtorrent's lists crashes the
           * session later, often inputs later; catch it here. */
          guint listed = spate_lt_session_count_listed (session);

          if (listed > 0)
            g_error ("libtorrent still lists %u entries after every torrent was removed", listed);
          break;
        }
      for (guint i = 0; i < torrents->len; i++)
        spate_lt_session_remove (session, torrents->pdata[i], FALSE, NULL);
      if (g_get_monotonic_time () > deadline)
        g_error ("%u torrents still in the session 10 s after removing them", torrents->len);
      g_usleep (1000);
    }
  reset_folders ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  SpateLtTorrent *slots[N_SLOTS] = { NULL };
  Input           in = { data, MIN (size, 512) };

  while (in.size > 0)
    do_op (slots, &in);
  for (guint i = 0; i < N_SLOTS; i++)
    g_clear_pointer (&slots[i], spate_lt_torrent_free);
  clear_session ();
  return 0;
}
