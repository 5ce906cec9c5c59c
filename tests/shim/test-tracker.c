/* test-tracker.c: opentracker on loopback introduces a seeder and a leecher
 * that know nothing of each other; tracker replies, scrapes and errors
 * reach the alert records with the tracker's URL.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-util.h"

#include <string.h>

/* What one torrent heard from its tracker. */
typedef struct
{
  gpointer marker;
  int      replies;
  int      max_peers;
  char    *reply_url;
  int      errors;
  char    *error_url;
  char    *error_message;
  int      scrapes;
  int      complete;
  char    *scrape_url;
  gboolean finished;
} Heard;

static void
heard_clear (Heard *h)
{
  g_clear_pointer (&h->reply_url, g_free);
  g_clear_pointer (&h->error_url, g_free);
  g_clear_pointer (&h->error_message, g_free);
  g_clear_pointer (&h->scrape_url, g_free);
}

static void
on_alert (const SpateLtAlert *alert, gpointer data)
{
  Heard *h = data;

  if (alert->user_data != h->marker)
    return;

  switch (alert->kind)
    {
    case SPATE_LT_ALERT_TRACKER_REPLY:
      h->replies++;
      h->max_peers = MAX (h->max_peers, alert->num_peers);
      g_free (h->reply_url);
      h->reply_url = g_strdup (alert->url);
      break;
    case SPATE_LT_ALERT_TRACKER_ERROR:
      h->errors++;
      g_free (h->error_url);
      h->error_url = g_strdup (alert->url);
      g_free (h->error_message);
      h->error_message = g_strdup (alert->error.message);
      break;
    case SPATE_LT_ALERT_SCRAPE_REPLY:
      h->scrapes++;
      h->complete = MAX (h->complete, alert->complete);
      g_free (h->scrape_url);
      h->scrape_url = g_strdup (alert->url);
      break;
    case SPATE_LT_ALERT_TORRENT_FINISHED:
      h->finished = TRUE;
      break;
    default:
      break;
    }
}

static gboolean
is_finished (gpointer data)
{
  return ((Heard *) data)->finished;
}

/* The hashes opentracker must allow: v1 and, for a hybrid torrent, the v2
 * hash cut to 20 bytes, which libtorrent announces (and scrapes) too. */
static char **
tracker_hashes (GBytes *torrent)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SpateLtInfo) info = NULL;
  GPtrArray *hashes = g_ptr_array_new ();

  info = spate_lt_info_new_from_bytes (g_bytes_get_data (torrent, NULL), g_bytes_get_size (torrent),
                                       &error);
  g_assert_no_error (error);
  if (spate_lt_info_get_info_hash_v1 (info) != NULL)
    g_ptr_array_add (hashes, g_strdup (spate_lt_info_get_info_hash_v1 (info)));
  if (spate_lt_info_get_info_hash_v2 (info) != NULL)
    g_ptr_array_add (hashes, g_strndup (spate_lt_info_get_info_hash_v2 (info), 40));
  g_assert_cmpuint (hashes->len, >, 0);
  g_ptr_array_add (hashes, NULL);
  return (char **) g_ptr_array_free (hashes, FALSE);
}

static void
assert_tracker_listed (SpateLtTorrent *torrent, const char *url, gboolean working)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) trackers = spate_lt_torrent_get_trackers (torrent, &error);
  SpateLtTracker *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < trackers->len; i++)
    if (g_strcmp0 (g_array_index (trackers, SpateLtTracker, i).url, url) == 0)
      found = &g_array_index (trackers, SpateLtTracker, i);

  g_assert_nonnull (found);
  if (working)
    {
      g_assert_cmpint (found->fails, ==, 0);
      g_assert_true (found->last_error == NULL || *found->last_error == '\0');
    }
  else
    {
      g_assert_cmpint (found->fails, >=, 1);
      g_assert_nonnull (found->last_error);
      g_assert_cmpstr (found->last_error, !=, "");
    }
}

static void
test_announce_and_scrape (void)
{
  /* Odd sizes so pieces straddle files. */
  static const gsize sizes[] = { 1048576 + 333, 200001, 1, 700000 };
  g_autofree char   *dir = NULL;
  g_autofree char   *seed_dir = NULL;
  g_autofree char   *leech_dir = NULL;
  g_autofree char   *payload = NULL;
  g_autofree char   *got = NULL;
  g_autofree char   *out = NULL;
  g_autoptr (GBytes) bare = NULL;
  g_autoptr (GBytes) torrent = NULL;
  g_auto (GStrv) hashes = NULL;
  g_autoptr (SpateTestService) tracker = NULL;
  g_autoptr (SpateLtTorrent) seed = NULL;
  g_autoptr (SpateLtTorrent) leech = NULL;
  g_autoptr (GError) error = NULL;
  SpateLtSession *seeder, *leecher;
  Heard           seed_heard = { 0 }, leech_heard = { 0 };
  int             seed_marker, leech_marker;
  const char     *url;

  if (spate_test_skip_without ("opentracker"))
    return;

  dir = spate_test_make_tmpdir ("tracker");
  seed_dir = g_build_filename (dir, "seed", NULL);
  leech_dir = g_build_filename (dir, "leech", NULL);
  got = g_build_filename (leech_dir, "payload", NULL);
  out = g_build_filename (dir, "payload.torrent", NULL);
  g_mkdir_with_parents (leech_dir, 0755);
  payload = spate_test_make_payload (seed_dir, "payload", sizes, G_N_ELEMENTS (sizes), 3);

  /* The announce URL lives outside the info dict, so a torrent made
   * without it has the hashes the tracker must know before it starts. */
  bare = spate_test_make_torrent (payload, NULL, NULL, NULL, 32768);
  hashes = tracker_hashes (bare);
  tracker = spate_test_opentracker_start ((const char * const *) hashes, &error);
  g_assert_no_error (error);
  url = spate_test_service_get_url (tracker);
  torrent =
      spate_test_make_torrent (payload, out, (const char * const[]){ url, NULL }, NULL, 32768);

  seed_heard.marker = &seed_marker;
  leech_heard.marker = &leech_marker;
  seeder = spate_test_session_new (0, NULL);
  /* libtorrent's SSRF mitigation allows only ".../announce" on a loopback
   * tracker, which blocks the scrape URL; that check is beside the point. */
  leecher = spate_test_session_new (0, g_variant_new_parsed ("{'ssrf_mitigation': <false>}"));

  /* The seeder announces first, so the leecher's announce finds it. */
  seed = spate_test_add_torrent (seeder, torrent, seed_dir, &seed_marker);
  g_assert_true (spate_test_wait_alert (seeder, SPATE_LT_ALERT_TRACKER_REPLY, &seed_marker, 30000,
                                        on_alert, &seed_heard));
  g_assert_cmpstr (seed_heard.reply_url, ==, url);

  /* No peer given, no DHT, no LSD: the tracker is the only introduction. */
  leech = spate_test_add_torrent (leecher, torrent, leech_dir, &leech_marker);
  g_assert_true (spate_test_pump_until_full ((SpateLtSession *[]){ seeder, leecher, NULL }, 60000,
                                             on_alert, &leech_heard, is_finished, &leech_heard));
  spate_test_wait_trees_equal (payload, got, 10000, &error);
  g_assert_no_error (error);

  g_assert_cmpint (leech_heard.replies, >=, 1);
  g_assert_cmpstr (leech_heard.reply_url, ==, url);
  /* opentracker lists the asking peer too: two means it named the seeder. */
  g_assert_cmpint (leech_heard.max_peers, >=, 2);
  g_assert_cmpint (leech_heard.errors, ==, 0);
  assert_tracker_listed (leech, url, TRUE);

  spate_lt_torrent_scrape (leech, &error);
  g_assert_no_error (error);
  g_assert_true (spate_test_wait_alert (leecher, SPATE_LT_ALERT_SCRAPE_REPLY, &leech_marker, 30000,
                                        on_alert, &leech_heard));
  g_assert_cmpstr (leech_heard.scrape_url, ==, url);
  g_assert_cmpint (leech_heard.complete, >=, 1);

  spate_lt_torrent_free (g_steal_pointer (&leech));
  spate_lt_torrent_free (g_steal_pointer (&seed));
  spate_lt_session_free (leecher);
  spate_lt_session_free (seeder);
  heard_clear (&seed_heard);
  heard_clear (&leech_heard);
  spate_test_rm_rf (dir);
}

/* A small torrent announcing to url, added as a download. */
static void
announce_once (const char *name, const char *url, Heard *heard)
{
  static const gsize sizes[] = { 100000 };
  g_autofree char   *dir = spate_test_make_tmpdir (name);
  g_autofree char   *src = g_build_filename (dir, "src", NULL);
  g_autofree char   *dst = g_build_filename (dir, "dst", NULL);
  g_autofree char   *payload = NULL;
  g_autoptr (GBytes) torrent = NULL;
  g_autoptr (SpateLtTorrent) handle = NULL;
  SpateLtSession *session;

  g_mkdir_with_parents (dst, 0755);
  payload = spate_test_make_payload (src, "payload", sizes, G_N_ELEMENTS (sizes), 5);
  torrent =
      spate_test_make_torrent (payload, NULL, (const char * const[]){ url, NULL }, NULL, 16384);

  session = spate_test_session_new (0, NULL);
  handle = spate_test_add_torrent (session, torrent, dst, heard->marker);
  g_assert_true (spate_test_wait_alert (session, SPATE_LT_ALERT_TRACKER_ERROR, heard->marker, 30000,
                                        on_alert, heard));
  g_assert_cmpint (heard->replies, ==, 0);
  assert_tracker_listed (handle, url, FALSE);

  spate_lt_torrent_free (g_steal_pointer (&handle));
  spate_lt_session_free (session);
  spate_test_rm_rf (dir);
}

static void
test_unreachable (void)
{
  /* A free port: nothing listens there, so the connection is refused. */
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/announce", spate_test_free_port ());
  Heard            heard = { 0 };
  int              marker;

  heard.marker = &marker;
  announce_once ("tracker-unreachable", url, &heard);

  g_assert_cmpstr (heard.error_url, ==, url);
  g_assert_nonnull (heard.error_message);
  g_assert_cmpstr (heard.error_message, !=, "");
  heard_clear (&heard);
}

static void
test_refused (void)
{
  /* An empty whitelist: opentracker turns every torrent away. */
  g_autoptr (SpateTestService) tracker = NULL;
  g_autoptr (GError) error = NULL;
  Heard heard = { 0 };
  int   marker;

  if (spate_test_skip_without ("opentracker"))
    return;

  tracker = spate_test_opentracker_start (NULL, &error);
  g_assert_no_error (error);
  heard.marker = &marker;
  announce_once ("tracker-refused", spate_test_service_get_url (tracker), &heard);

  /* The tracker's own reason reaches the record, not a generic error. */
  g_assert_cmpstr (heard.error_url, ==, spate_test_service_get_url (tracker));
  g_assert_nonnull (heard.error_message);
  g_assert_nonnull (strstr (heard.error_message, "not authorized"));
  heard_clear (&heard);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spate/shim/tracker/announce-and-scrape", test_announce_and_scrape);
  g_test_add_func ("/spate/shim/tracker/unreachable", test_unreachable);
  g_test_add_func ("/spate/shim/tracker/refused", test_refused);
  return g_test_run ();
}
