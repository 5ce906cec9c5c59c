/* spate-lt-torrent-query.cc: status, peers, files, trackers, pieces.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <algorithm>
#include <chrono>

#include <libtorrent/announce_entry.hpp>
#include <libtorrent/aux_/session_interface.hpp>
#include <libtorrent/bencode.hpp>
#include <libtorrent/entry.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/peer_info.hpp>
#include <libtorrent/time.hpp>
#include <libtorrent/torrent.hpp>

static SpateLtTorrentState
state_from_lt (lt::torrent_status::state_t state)
{
  switch (state)
    {
    case lt::torrent_status::checking_files:
      return SPATE_LT_STATE_CHECKING_FILES;
    case lt::torrent_status::downloading_metadata:
      return SPATE_LT_STATE_DOWNLOADING_METADATA;
    case lt::torrent_status::downloading:
      return SPATE_LT_STATE_DOWNLOADING;
    case lt::torrent_status::finished:
      return SPATE_LT_STATE_FINISHED;
    case lt::torrent_status::seeding:
      return SPATE_LT_STATE_SEEDING;
    case lt::torrent_status::checking_resume_data:
      return SPATE_LT_STATE_CHECKING_RESUME_DATA;
    default:
      return SPATE_LT_STATE_DOWNLOADING;
    }
}

SpateLtTorrentState
spate_lt_state_from_lt (int state)
{
  return state_from_lt (static_cast<lt::torrent_status::state_t> (state));
}

static char *
dup_or_null (const std::string &s)
{
  return s.empty () ? nullptr : g_strdup (s.c_str ());
}

static gint64
seconds_of (lt::seconds32 d)
{
  return d.count ();
}

void
spate_lt_status_set_hashes (SpateLtStatus *out, const lt::info_hash_t &ih)
{
  if (ih.has_v1 ())
    g_strlcpy (out->info_hash_v1,
               spate_lt_hex_encode (ih.v1.data (), 20).c_str (),
               sizeof out->info_hash_v1);
  if (ih.has_v2 ())
    g_strlcpy (out->info_hash_v2,
               spate_lt_hex_encode (ih.v2.data (), 32).c_str (),
               sizeof out->info_hash_v2);
}

/* All-time upload over what was downloaded (or is on disk); -1 is
 * infinite. */
double
spate_lt_status_ratio (gint64 uploaded, gint64 downloaded, gint64 done)
{
  gint64 base = MAX (downloaded, done);

  if (base > 0)
    return static_cast<double> (uploaded) / base;
  return uploaded > 0 ? -1.0 : 0.0;
}

void
spate_lt_status_fill (SpateLtStatus *out, const lt::torrent_status &st)
{
  memset (out, 0, sizeof *out);
  out->user_data = spate_lt_handle_user_data (st.handle);
  out->name = g_strdup (st.name.c_str ());
  out->save_path = g_strdup (st.save_path.c_str ());
  out->current_tracker = dup_or_null (st.current_tracker);
  spate_lt_status_set_hashes (out, st.info_hashes);

  out->state = state_from_lt (st.state);
  out->flags = spate_lt_flags_from_lt (st.flags);
  out->paused = !!(st.flags & lt::torrent_flags::paused);
  out->finished = st.is_finished;
  out->seeding = st.is_seeding;
  out->has_metadata = st.has_metadata;
  out->moving_storage = st.moving_storage;
  out->need_save_resume = st.need_save_resume;

  out->progress = st.progress;
  out->progress_ppm = st.progress_ppm;
  // libtorrent's rates are averages that lose a fifth a second once
  // nothing moves, for a minute after the last peer left. With no peer
  // connected nothing moves, and a finished torrent downloads no payload.
  bool const connected = st.num_peers > 0;
  out->download_rate
    = connected && !st.is_finished ? st.download_payload_rate : 0;
  out->upload_rate = connected ? st.upload_payload_rate : 0;
  out->download_rate_total = connected ? st.download_rate : 0;
  out->upload_rate_total = connected ? st.upload_rate : 0;
  out->total_done = st.total_done;
  out->total_wanted_done = st.total_wanted_done;
  out->total_wanted = st.total_wanted;
  out->session_download = st.total_payload_download;
  out->session_upload = st.total_payload_upload;
  // libtorrent adds to its all-time totals once a second and does not
  // report a torrent for that alone, so they can trail this session's.
  out->all_time_download
    = std::max (st.all_time_download, st.total_payload_download);
  out->all_time_upload = std::max (st.all_time_upload, st.total_payload_upload);
  out->total_failed_bytes = st.total_failed_bytes;
  out->total_redundant_bytes = st.total_redundant_bytes;

  std::shared_ptr<const lt::torrent_info> ti = st.torrent_file.lock ();
  if (ti)
    {
      out->total_size = spate_lt_payload_size (ti->files ());
      out->pieces_total = ti->num_pieces ();
      out->piece_length = ti->piece_length ();
    }

  out->ratio = spate_lt_status_ratio (st.all_time_upload, st.all_time_download,
                                      st.total_done);

  gint64 left = st.total_wanted - st.total_wanted_done;
  out->eta = (left > 0 && out->download_rate > 0) ? left / out->download_rate
                                                  : (left > 0 ? -1 : 0);

  out->num_peers = st.num_peers;
  out->num_seeds = st.num_seeds;
  out->num_connections = st.num_connections;
  out->list_peers = st.list_peers;
  out->list_seeds = st.list_seeds;
  out->num_complete = st.num_complete;
  out->num_incomplete = st.num_incomplete;
  out->num_pieces = st.num_pieces;
  out->distributed_copies = st.distributed_copies;

  out->added_time = st.added_time;
  out->completed_time = st.completed_time;
  out->active_seconds = seconds_of (st.active_duration);
  out->seeding_seconds = seconds_of (st.seeding_duration);
  out->finished_seconds = seconds_of (st.finished_duration);
  out->upload_idle_seconds
    = st.last_upload == lt::time_point ()
        ? -1
        : std::chrono::duration_cast<std::chrono::seconds> (
            lt::clock_type::now () - st.last_upload)
            .count ();
  out->next_announce
    = std::chrono::duration_cast<std::chrono::seconds> (st.next_announce)
        .count ();
  out->queue_position = static_cast<int> (st.queue_position);

  if (st.errc)
    {
      out->error.category = st.errc.category ().name ();
      out->error.code = st.errc.value ();
      out->error.message = g_strdup (st.errc.message ().c_str ());
      int file = static_cast<int> (st.error_file);
      if (ti && file >= 0 && file < ti->num_files ())
        out->error_file = g_strdup (
          ti->files ().file_path (lt::file_index_t (file)).c_str ());
    }
}

void
spate_lt_status_clear (SpateLtStatus *status) noexcept
{
  g_clear_pointer (&status->name, g_free);
  g_clear_pointer (&status->save_path, g_free);
  g_clear_pointer (&status->current_tracker, g_free);
  g_clear_pointer (&status->error_file, g_free);
  g_free (const_cast<char *> (status->error.message));
  status->error.message = nullptr;
}

gboolean
spate_lt_torrent_get_status (SpateLtTorrent *torrent, SpateLtStatus *status,
                             GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    lt::torrent_status st = h.status (lt::torrent_handle::query_name
                                      | lt::torrent_handle::query_save_path
                                      | lt::torrent_handle::query_torrent_file);
    spate_lt_status_fill (status, st);
    return TRUE;
  }
catch (...)
  {
    memset (status, 0, sizeof *status);
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

/* ------------------------------------------------------------------ peers */

static void
peer_clear (gpointer data)
{
  auto *p = static_cast<SpateLtPeer *> (data);
  g_free (p->address);
  g_free (p->client);
}

static SpateLtPeerFlags
peer_flags (const lt::peer_info &pi)
{
  static const struct
  {
    lt::peer_flags_t lt;
    int spate;
  } map[] = {
    { lt::peer_info::interesting, SPATE_LT_PEER_INTERESTING },
    { lt::peer_info::choked, SPATE_LT_PEER_CHOKED },
    { lt::peer_info::remote_interested, SPATE_LT_PEER_REMOTE_INTERESTED },
    { lt::peer_info::remote_choked, SPATE_LT_PEER_REMOTE_CHOKED },
    { lt::peer_info::seed, SPATE_LT_PEER_SEED },
    { lt::peer_info::optimistic_unchoke, SPATE_LT_PEER_OPTIMISTIC_UNCHOKE },
    { lt::peer_info::snubbed, SPATE_LT_PEER_SNUBBED },
    { lt::peer_info::upload_only, SPATE_LT_PEER_UPLOAD_ONLY },
    { lt::peer_info::endgame_mode, SPATE_LT_PEER_ENDGAME },
    { lt::peer_info::holepunched, SPATE_LT_PEER_HOLEPUNCHED },
    { lt::peer_info::outgoing_connection, SPATE_LT_PEER_OUTGOING },
    { lt::peer_info::on_parole, SPATE_LT_PEER_ON_PAROLE },
  };
  int out = 0;
  for (const auto &m : map)
    if (pi.flags & m.lt)
      out |= m.spate;
  return static_cast<SpateLtPeerFlags> (out);
}

static SpateLtPeerSource
peer_source (const lt::peer_info &pi)
{
  int out = 0;
  if (pi.source & lt::peer_info::tracker)
    out |= SPATE_LT_PEER_SOURCE_TRACKER;
  if (pi.source & lt::peer_info::dht)
    out |= SPATE_LT_PEER_SOURCE_DHT;
  if (pi.source & lt::peer_info::pex)
    out |= SPATE_LT_PEER_SOURCE_PEX;
  if (pi.source & lt::peer_info::lsd)
    out |= SPATE_LT_PEER_SOURCE_LSD;
  if (pi.source & lt::peer_info::resume_data)
    out |= SPATE_LT_PEER_SOURCE_RESUME;
  if (pi.source & lt::peer_info::incoming)
    out |= SPATE_LT_PEER_SOURCE_INCOMING;
  return static_cast<SpateLtPeerSource> (out);
}

GArray *
spate_lt_torrent_get_peers (SpateLtTorrent *torrent, GError **error) noexcept
try
  {
    std::vector<lt::peer_info> peers;
    spate_lt_torrent_checked (torrent).get_peer_info (peers);

    GArray *out
      = g_array_sized_new (FALSE, TRUE, sizeof (SpateLtPeer), peers.size ());
    g_array_set_clear_func (out, peer_clear);
    for (const lt::peer_info &pi : peers)
      {
        SpateLtPeer p = {};
        p.address = g_strdup (pi.ip.address ().to_string ().c_str ());
        p.port = pi.ip.port ();
        p.client = g_strdup (pi.client.c_str ());
        p.flags = peer_flags (pi);
        p.source = peer_source (pi);
        if (pi.connection_type == lt::peer_info::web_seed)
          p.connection = SPATE_LT_CONNECTION_URL_SEED;
        else if (pi.connection_type == lt::peer_info::http_seed)
          p.connection = SPATE_LT_CONNECTION_HTTP_SEED;
        else if (pi.flags & lt::peer_info::utp_socket)
          p.connection = SPATE_LT_CONNECTION_UTP;
        else
          p.connection = SPATE_LT_CONNECTION_TCP;
        p.encrypted = !!(pi.flags
                         & (lt::peer_info::rc4_encrypted
                            | lt::peer_info::plaintext_encrypted));
        p.ssl = !!(pi.flags & lt::peer_info::ssl_socket);
        p.progress = pi.progress;
        p.download_rate = pi.down_speed;
        p.upload_rate = pi.up_speed;
        p.total_download = pi.total_download;
        p.total_upload = pi.total_upload;
        g_array_append_val (out, p);
      }
    return out;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

/* ------------------------------------------------------------------ files */

static void
file_clear (gpointer data)
{
  g_free (static_cast<SpateLtFile *> (data)->path);
}

static void
require_metadata (lt::torrent_handle &h)
{
  if (!h.torrent_file ())
    spate_lt_throw (SPATE_LT_ERROR_NO_METADATA,
                    "The torrent’s metadata has not arrived yet");
}

/* A private copy of the torrent's metadata, made on libtorrent's network
 * thread. torrent_file() hands out the torrent's own object, whose file
 * paths that thread changes in place when a file is renamed: reading them
 * here at the same moment read freed memory (found by fuzz-session). */
static std::shared_ptr<const lt::torrent_info>
metadata_of (lt::torrent_handle &h)
{
  std::shared_ptr<lt::torrent> t = h.native_handle ();
  if (!t)
    throw lt::system_error (lt::errors::invalid_torrent_handle);
  std::shared_ptr<const lt::torrent_info> ti;
  spate_lt_call_on_network_thread (t->session ().get_context (), [&t, &ti] {
    if (t->valid_metadata ())
      ti = std::make_shared<const lt::torrent_info> (t->torrent_file ());
  });
  if (!ti)
    spate_lt_throw (SPATE_LT_ERROR_NO_METADATA,
                    "The torrent’s metadata has not arrived yet");
  return ti;
}

GArray *
spate_lt_torrent_get_files (SpateLtTorrent *torrent, GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    std::shared_ptr<const lt::torrent_info> ti = metadata_of (h);
    g_autoptr (SpateLtInfo) info = spate_lt_info_wrap (ti);
    std::vector<std::int64_t> progress
      = h.file_progress (lt::torrent_handle::piece_granularity);
    std::vector<lt::download_priority_t> prios = h.get_file_priorities ();

    int n = ti->num_files ();
    GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (SpateLtFile), n);
    g_array_set_clear_func (out, file_clear);
    for (int i = 0; i < n; i++)
      {
        SpateLtFile f;
        spate_lt_info_get_file (info, i, &f);
        f.done = static_cast<size_t> (i) < progress.size () ? progress[i] : 0;
        if (static_cast<size_t> (i) < prios.size ())
          f.priority
            = static_cast<guint8> (static_cast<std::uint8_t> (prios[i]));
        g_array_append_val (out, f);
      }
    return out;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

GArray *
spate_lt_torrent_get_file_progress (SpateLtTorrent *torrent,
                                    GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    require_metadata (h);
    std::vector<std::int64_t> progress
      = h.file_progress (lt::torrent_handle::piece_granularity);
    GArray *out
      = g_array_sized_new (FALSE, FALSE, sizeof (gint64), progress.size ());
    for (std::int64_t v : progress)
      {
        gint64 x = v;
        g_array_append_val (out, x);
      }
    return out;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

/* --------------------------------------------------------------- trackers */

static void
tracker_clear (gpointer data)
{
  auto *t = static_cast<SpateLtTracker *> (data);
  g_free (t->url);
  g_free (t->message);
  g_free (t->last_error);
}

/* libtorrent keeps one record per listen socket and hash version; a person
 * wants one row per tracker. */
static void
merge_endpoints (SpateLtTracker *t, const lt::announce_entry &ae)
{
  auto now = lt::clock_type::now ();
  t->scrape_complete = t->scrape_incomplete = t->scrape_downloaded = -1;
  t->next_announce = -1;
  for (const lt::announce_endpoint &ep : ae.endpoints)
    for (const lt::announce_infohash &ih : ep.info_hashes)
      {
        t->scrape_complete = MAX (t->scrape_complete, ih.scrape_complete);
        t->scrape_incomplete = MAX (t->scrape_incomplete, ih.scrape_incomplete);
        t->scrape_downloaded = MAX (t->scrape_downloaded, ih.scrape_downloaded);
        t->fails = MAX (t->fails, static_cast<int> (ih.fails));
        t->updating = t->updating || ih.updating;
        if (!ih.message.empty () && t->message == nullptr)
          t->message = g_strdup (ih.message.c_str ());
        if (ih.last_error && t->last_error == nullptr)
          t->last_error = g_strdup (ih.last_error.message ().c_str ());
        if (ih.next_announce > now)
          {
            gint64 secs = std::chrono::duration_cast<std::chrono::seconds> (
                            ih.next_announce - now)
                            .count ();
            if (t->next_announce < 0 || secs < t->next_announce)
              t->next_announce = secs;
          }
      }
}

GArray *
spate_lt_torrent_get_trackers (SpateLtTorrent *torrent, GError **error) noexcept
try
  {
    std::vector<lt::announce_entry> trackers
      = spate_lt_torrent_checked (torrent).trackers ();
    GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (SpateLtTracker),
                                     trackers.size ());
    g_array_set_clear_func (out, tracker_clear);
    for (const lt::announce_entry &ae : trackers)
      {
        SpateLtTracker t = {};
        t.url = g_strdup (ae.url.c_str ());
        t.tier = ae.tier;
        t.source = static_cast<SpateLtTrackerSource> (ae.source);
        t.verified = ae.verified;
        merge_endpoints (&t, ae);
        g_array_append_val (out, t);
      }
    return out;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

static void
web_seed_clear (gpointer data)
{
  g_free (static_cast<SpateLtWebSeed *> (data)->url);
}

GArray *
spate_lt_torrent_get_web_seeds (SpateLtTorrent *torrent,
                                GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    std::set<std::string> url = h.url_seeds ();
    std::set<std::string> http = h.http_seeds ();
    GArray *out = g_array_new (FALSE, TRUE, sizeof (SpateLtWebSeed));
    g_array_set_clear_func (out, web_seed_clear);
    for (const std::string &u : url)
      {
        SpateLtWebSeed w = { g_strdup (u.c_str ()), SPATE_LT_WEB_SEED_URL };
        g_array_append_val (out, w);
      }
    for (const std::string &u : http)
      {
        SpateLtWebSeed w = { g_strdup (u.c_str ()), SPATE_LT_WEB_SEED_HTTP };
        g_array_append_val (out, w);
      }
    return out;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

/* ----------------------------------------------------------------- pieces */

GBytes *
spate_lt_torrent_get_have_pieces (SpateLtTorrent *torrent,
                                  GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    lt::torrent_status st = h.status (lt::torrent_handle::query_pieces);
    int n = st.pieces.size ();
    auto *bytes = static_cast<guint8 *> (g_malloc (MAX (n, 1)));
    for (int i = 0; i < n; i++)
      bytes[i] = st.pieces.get_bit (lt::piece_index_t (i)) ? 1 : 0;
    return g_bytes_new_take (bytes, n);
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

GArray *
spate_lt_torrent_get_piece_availability (SpateLtTorrent *torrent,
                                         GError **error) noexcept
try
  {
    std::vector<int> avail;
    spate_lt_torrent_checked (torrent).piece_availability (avail);
    GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (int), avail.size ());
    g_array_append_vals (out, avail.data (), avail.size ());
    return out;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

SpateLtInfo *
spate_lt_torrent_get_info (SpateLtTorrent *torrent, GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    return spate_lt_info_wrap (metadata_of (h));
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

char *
spate_lt_torrent_make_magnet (SpateLtTorrent *torrent, GError **error) noexcept
try
  {
    return g_strdup (
      lt::make_magnet_uri (spate_lt_torrent_checked (torrent)).c_str ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

GBytes *
spate_lt_torrent_get_torrent_file (SpateLtTorrent *torrent,
                                   GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    std::shared_ptr<const lt::torrent_info> ti = metadata_of (h);
    if (!ti->is_valid ())
      spate_lt_throw (SPATE_LT_ERROR_NO_METADATA,
                      "The torrent’s metadata has not arrived yet");
    lt::entry e;
    lt::span<const char> section = ti->info_section ();
    /* The info dictionary byte for byte: its hash is the torrent's. */
    e["info"] = lt::entry::preformatted_type (section.begin (), section.end ());

    std::vector<lt::announce_entry> trackers = h.trackers ();
    if (!trackers.empty ())
      {
        e["announce"] = trackers.front ().url;
        lt::entry::list_type &tiers = e["announce-list"].list ();
        int tier = -1;
        for (const lt::announce_entry &ae : trackers)
          {
            if (tiers.empty () || ae.tier != tier)
              tiers.emplace_back (lt::entry::list_type ());
            tier = ae.tier;
            tiers.back ().list ().emplace_back (ae.url);
          }
      }
    std::set<std::string> url = h.url_seeds ();
    for (const std::string &u : url)
      e["url-list"].list ().emplace_back (u);
    std::set<std::string> http = h.http_seeds ();
    for (const std::string &u : http)
      e["httpseeds"].list ().emplace_back (u);

    std::vector<char> out;
    lt::bencode (std::back_inserter (out), e);
    return g_bytes_new (out.data (), out.size ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }
