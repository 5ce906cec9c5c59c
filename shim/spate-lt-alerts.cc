/* spate-lt-alerts.cc: libtorrent alerts into plain C records.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <cerrno>
#include <unistd.h>

#include <libtorrent/alert_types.hpp>
#include <libtorrent/bencode.hpp>
#include <libtorrent/operations.hpp>
#include <libtorrent/write_resume_data.hpp>

static const char * const kind_names[] = {
  "other",
  "torrent-added",
  "metadata-received",
  "piece-finished",
  "hash-failed",
  "torrent-finished",
  "torrent-error",
  "state-changed",
  "state-update",
  "tracker-announce",
  "tracker-reply",
  "tracker-warning",
  "tracker-error",
  "scrape-reply",
  "scrape-failed",
  "resume-data",
  "resume-data-failed",
  "torrent-removed",
  "torrent-deleted",
  "torrent-delete-failed",
  "torrent-paused",
  "torrent-resumed",
  "file-completed",
  "file-error",
  "file-renamed",
  "file-rename-failed",
  "storage-moved",
  "storage-move-failed",
  "fastresume-rejected",
  "listen-succeeded",
  "listen-failed",
  "portmap",
  "portmap-error",
  "external-ip",
  "dht-bootstrap",
  "dht-immutable-item",
  "dht-mutable-item",
  "dht-put",
  "dht-get-peers-reply",
  "torrent-need-cert",
  "performance-warning",
  "alerts-dropped",
  "session-stats",
  "peer-blocked",
  "peer-banned",
  "file-priority",
};
static_assert (G_N_ELEMENTS (kind_names) == SPATE_LT_N_ALERT_KINDS,
               "every alert kind has a name");

const char *
spate_lt_alert_kind_to_string (SpateLtAlertKind kind) noexcept
{
  if (kind < 0 || kind >= SPATE_LT_N_ALERT_KINDS)
    return "unknown";
  return kind_names[kind];
}

/* Keeps the record's strings alive while the callback runs. */
struct Scratch
{
  std::string message;
  std::string error;
  std::string address;
  std::string data;
  std::vector<char> buffer;
  std::vector<SpateLtStatus> statuses;
  SpateLtTorrent torrent;
};

static const char *
spate_socket_type_name (lt::socket_type_t type)
{
  switch (type)
    {
    case lt::socket_type_t::tcp:
      return "TCP";
    case lt::socket_type_t::socks5:
      return "SOCKS5";
    case lt::socket_type_t::http:
      return "HTTP";
    case lt::socket_type_t::utp:
      return "uTP";
    case lt::socket_type_t::i2p:
      return "I2P";
    case lt::socket_type_t::tcp_ssl:
      return "SSL/TCP";
    case lt::socket_type_t::socks5_ssl:
      return "SSL/SOCKS5";
    case lt::socket_type_t::http_ssl:
      return "SSL/HTTP";
    case lt::socket_type_t::utp_ssl:
      return "SSL/uTP";
    default:
      return "unknown";
    }
}

static const char *
transport_name (lt::portmap_transport t)
{
  return t == lt::portmap_transport::natpmp ? "NAT-PMP" : "UPnP";
}

static void
set_error (SpateLtAlert *r, Scratch &s, const lt::error_code &ec)
{
  spate_lt_error_info_fill (&r->error, ec, s.error);
}

static void
set_hash (SpateLtAlert *r, const lt::info_hash_t &ih)
{
  g_strlcpy (r->info_hash, spate_lt_hash_hex (ih).c_str (),
             sizeof r->info_hash);
}

/* A value put by Spate is a bencoded string; give its bytes. Anything else
 * is given bencoded. */
static void
set_item_data (SpateLtAlert *r, Scratch &s, const lt::entry &item)
{
  if (item.type () == lt::entry::string_t)
    s.data = item.string ();
  else
    {
      s.data.clear ();
      lt::bencode (std::back_inserter (s.data), item);
    }
  r->data = reinterpret_cast<const guint8 *> (s.data.data ());
  r->size = s.data.size ();
}

static void
fill_torrent_alert (SpateLtAlert *r, Scratch &s, const lt::torrent_alert *ta)
{
  s.torrent.handle = ta->handle;
  r->torrent = &s.torrent;
  r->user_data = spate_lt_handle_user_data (ta->handle);
  set_hash (r, ta->handle.info_hashes ());
}

/* Fills the kind-specific fields; returns the kind. */
static SpateLtAlertKind
fill_specific (SpateLtAlert *r, Scratch &s, lt::alert *a)
{
  switch (a->type ())
    {
    case lt::add_torrent_alert::alert_type:
      {
        auto *x = static_cast<lt::add_torrent_alert *> (a);
        r->user_data = x->params.userdata.get<spate_user> ();
        set_hash (r, x->params.ti ? x->params.ti->info_hashes ()
                                  : x->params.info_hashes);
        set_error (r, s, x->error);
        if (x->error)
          r->torrent = nullptr;
        return SPATE_LT_ALERT_TORRENT_ADDED;
      }
    case lt::metadata_received_alert::alert_type:
      return SPATE_LT_ALERT_METADATA_RECEIVED;
    case lt::piece_finished_alert::alert_type:
      r->index = static_cast<int> (
        static_cast<lt::piece_finished_alert *> (a)->piece_index);
      return SPATE_LT_ALERT_PIECE_FINISHED;
    case lt::hash_failed_alert::alert_type:
      r->index = static_cast<int> (
        static_cast<lt::hash_failed_alert *> (a)->piece_index);
      return SPATE_LT_ALERT_HASH_FAILED;
    case lt::torrent_finished_alert::alert_type:
      return SPATE_LT_ALERT_TORRENT_FINISHED;
    case lt::torrent_error_alert::alert_type:
      {
        auto *x = static_cast<lt::torrent_error_alert *> (a);
        set_error (r, s, x->error);
        r->path = x->filename ();
        return SPATE_LT_ALERT_TORRENT_ERROR;
      }
    case lt::state_changed_alert::alert_type:
      {
        auto *x = static_cast<lt::state_changed_alert *> (a);
        r->old_state = spate_lt_state_from_lt (x->prev_state);
        r->state = spate_lt_state_from_lt (x->state);
        return SPATE_LT_ALERT_STATE_CHANGED;
      }
    case lt::state_update_alert::alert_type:
      {
        auto *x = static_cast<lt::state_update_alert *> (a);
        s.statuses.resize (x->status.size ());
        for (size_t i = 0; i < x->status.size (); i++)
          spate_lt_status_fill (&s.statuses[i], x->status[i]);
        r->statuses = s.statuses.data ();
        r->n_statuses = s.statuses.size ();
        return SPATE_LT_ALERT_STATE_UPDATE;
      }
    case lt::tracker_announce_alert::alert_type:
      r->url = static_cast<lt::tracker_announce_alert *> (a)->tracker_url ();
      return SPATE_LT_ALERT_TRACKER_ANNOUNCE;
    case lt::tracker_reply_alert::alert_type:
      {
        auto *x = static_cast<lt::tracker_reply_alert *> (a);
        r->url = x->tracker_url ();
        r->num_peers = x->num_peers;
        return SPATE_LT_ALERT_TRACKER_REPLY;
      }
    case lt::tracker_warning_alert::alert_type:
      {
        auto *x = static_cast<lt::tracker_warning_alert *> (a);
        r->url = x->tracker_url ();
        s.error = x->warning_message ();
        r->error.message = s.error.c_str ();
        return SPATE_LT_ALERT_TRACKER_WARNING;
      }
    case lt::tracker_error_alert::alert_type:
      {
        auto *x = static_cast<lt::tracker_error_alert *> (a);
        r->url = x->tracker_url ();
        r->times_in_row = x->times_in_row;
        set_error (r, s, x->error);
        if (*x->failure_reason () != '\0')
          {
            s.error = x->failure_reason ();
            r->error.message = s.error.c_str ();
          }
        return SPATE_LT_ALERT_TRACKER_ERROR;
      }
    case lt::scrape_reply_alert::alert_type:
      {
        auto *x = static_cast<lt::scrape_reply_alert *> (a);
        r->url = x->tracker_url ();
        r->complete = x->complete;
        r->incomplete = x->incomplete;
        r->downloaded = -1;
        return SPATE_LT_ALERT_SCRAPE_REPLY;
      }
    case lt::scrape_failed_alert::alert_type:
      {
        auto *x = static_cast<lt::scrape_failed_alert *> (a);
        r->url = x->tracker_url ();
        set_error (r, s, x->error);
        if (*x->error_message () != '\0')
          {
            s.error = x->error_message ();
            r->error.message = s.error.c_str ();
          }
        return SPATE_LT_ALERT_SCRAPE_FAILED;
      }
    case lt::save_resume_data_alert::alert_type:
      {
        auto *x = static_cast<lt::save_resume_data_alert *> (a);
        s.buffer = lt::write_resume_data_buf (x->params);
        r->data = reinterpret_cast<const guint8 *> (s.buffer.data ());
        r->size = s.buffer.size ();
        return SPATE_LT_ALERT_RESUME_DATA;
      }
    case lt::save_resume_data_failed_alert::alert_type:
      set_error (r, s,
                 static_cast<lt::save_resume_data_failed_alert *> (a)->error);
      return SPATE_LT_ALERT_RESUME_DATA_FAILED;
    case lt::torrent_removed_alert::alert_type:
      {
        auto *x = static_cast<lt::torrent_removed_alert *> (a);
        r->user_data = x->userdata.get<spate_user> ();
        set_hash (r, x->info_hashes);
        return SPATE_LT_ALERT_TORRENT_REMOVED;
      }
    case lt::torrent_deleted_alert::alert_type:
      set_hash (r, static_cast<lt::torrent_deleted_alert *> (a)->info_hashes);
      return SPATE_LT_ALERT_TORRENT_DELETED;
    case lt::torrent_delete_failed_alert::alert_type:
      {
        auto *x = static_cast<lt::torrent_delete_failed_alert *> (a);
        set_hash (r, x->info_hashes);
        set_error (r, s, x->error);
        return SPATE_LT_ALERT_TORRENT_DELETE_FAILED;
      }
    case lt::torrent_paused_alert::alert_type:
      return SPATE_LT_ALERT_TORRENT_PAUSED;
    case lt::torrent_resumed_alert::alert_type:
      return SPATE_LT_ALERT_TORRENT_RESUMED;
    case lt::file_completed_alert::alert_type:
      r->index
        = static_cast<int> (static_cast<lt::file_completed_alert *> (a)->index);
      return SPATE_LT_ALERT_FILE_COMPLETED;
    case lt::file_error_alert::alert_type:
      {
        auto *x = static_cast<lt::file_error_alert *> (a);
        set_error (r, s, x->error);
        r->path = x->filename ();
        r->operation = lt::operation_name (x->op);
        return SPATE_LT_ALERT_FILE_ERROR;
      }
    case lt::file_renamed_alert::alert_type:
      {
        auto *x = static_cast<lt::file_renamed_alert *> (a);
        r->index = static_cast<int> (x->index);
        r->path = x->new_name ();
        r->old_path = x->old_name ();
        return SPATE_LT_ALERT_FILE_RENAMED;
      }
    case lt::file_rename_failed_alert::alert_type:
      {
        auto *x = static_cast<lt::file_rename_failed_alert *> (a);
        r->index = static_cast<int> (x->index);
        set_error (r, s, x->error);
        return SPATE_LT_ALERT_FILE_RENAME_FAILED;
      }
    case lt::storage_moved_alert::alert_type:
      {
        auto *x = static_cast<lt::storage_moved_alert *> (a);
        r->path = x->storage_path ();
        r->old_path = x->old_path ();
        return SPATE_LT_ALERT_STORAGE_MOVED;
      }
    case lt::storage_moved_failed_alert::alert_type:
      {
        auto *x = static_cast<lt::storage_moved_failed_alert *> (a);
        set_error (r, s, x->error);
        r->path = x->file_path ();
        r->operation = lt::operation_name (x->op);
        return SPATE_LT_ALERT_STORAGE_MOVE_FAILED;
      }
    case lt::fastresume_rejected_alert::alert_type:
      {
        auto *x = static_cast<lt::fastresume_rejected_alert *> (a);
        set_error (r, s, x->error);
        r->path = x->file_path ();
        r->operation = lt::operation_name (x->op);
        return SPATE_LT_ALERT_FASTRESUME_REJECTED;
      }
    case lt::listen_succeeded_alert::alert_type:
      {
        auto *x = static_cast<lt::listen_succeeded_alert *> (a);
        s.address = x->address.to_string ();
        r->address = s.address.c_str ();
        r->port = x->port;
        r->socket_type = spate_socket_type_name (x->socket_type);
        return SPATE_LT_ALERT_LISTEN_SUCCEEDED;
      }
    case lt::listen_failed_alert::alert_type:
      {
        auto *x = static_cast<lt::listen_failed_alert *> (a);
        s.address = x->address.to_string ();
        r->address = s.address.c_str ();
        r->port = x->port;
        r->socket_type = spate_socket_type_name (x->socket_type);
        r->operation = lt::operation_name (x->op);
        set_error (r, s, x->error);
        return SPATE_LT_ALERT_LISTEN_FAILED;
      }
    case lt::portmap_alert::alert_type:
      {
        auto *x = static_cast<lt::portmap_alert *> (a);
        r->index = static_cast<int> (x->mapping);
        r->port = x->external_port;
        r->socket_type = transport_name (x->map_transport);
        s.address = x->local_address.to_string ();
        r->address = s.address.c_str ();
        return SPATE_LT_ALERT_PORTMAP;
      }
    case lt::portmap_error_alert::alert_type:
      {
        auto *x = static_cast<lt::portmap_error_alert *> (a);
        r->index = static_cast<int> (x->mapping);
        r->socket_type = transport_name (x->map_transport);
        s.address = x->local_address.to_string ();
        r->address = s.address.c_str ();
        set_error (r, s, x->error);
        return SPATE_LT_ALERT_PORTMAP_ERROR;
      }
    case lt::external_ip_alert::alert_type:
      s.address = static_cast<lt::external_ip_alert *> (a)
                    ->external_address.to_string ();
      r->address = s.address.c_str ();
      return SPATE_LT_ALERT_EXTERNAL_IP;
    case lt::dht_bootstrap_alert::alert_type:
      return SPATE_LT_ALERT_DHT_BOOTSTRAP;
    case lt::dht_immutable_item_alert::alert_type:
      {
        auto *x = static_cast<lt::dht_immutable_item_alert *> (a);
        g_strlcpy (r->info_hash,
                   spate_lt_hex_encode (x->target.data (), 20).c_str (),
                   sizeof r->info_hash);
        set_item_data (r, s, x->item);
        return SPATE_LT_ALERT_DHT_IMMUTABLE_ITEM;
      }
    case lt::dht_mutable_item_alert::alert_type:
      {
        auto *x = static_cast<lt::dht_mutable_item_alert *> (a);
        r->public_key = reinterpret_cast<const guint8 *> (x->key.data ());
        r->signature = reinterpret_cast<const guint8 *> (x->signature.data ());
        r->salt = reinterpret_cast<const guint8 *> (x->salt.data ());
        r->salt_size = x->salt.size ();
        r->seq = x->seq;
        r->authoritative = x->authoritative;
        set_item_data (r, s, x->item);
        return SPATE_LT_ALERT_DHT_MUTABLE_ITEM;
      }
    case lt::dht_put_alert::alert_type:
      {
        auto *x = static_cast<lt::dht_put_alert *> (a);
        if (!x->target.is_all_zeros ())
          g_strlcpy (r->info_hash,
                     spate_lt_hex_encode (x->target.data (), 20).c_str (),
                     sizeof r->info_hash);
        else
          {
            r->public_key
              = reinterpret_cast<const guint8 *> (x->public_key.data ());
            r->signature
              = reinterpret_cast<const guint8 *> (x->signature.data ());
            r->salt = reinterpret_cast<const guint8 *> (x->salt.data ());
            r->salt_size = x->salt.size ();
            r->seq = x->seq;
          }
        r->num_success = x->num_success;
        return SPATE_LT_ALERT_DHT_PUT;
      }
    case lt::dht_get_peers_reply_alert::alert_type:
      {
        auto *x = static_cast<lt::dht_get_peers_reply_alert *> (a);
        g_strlcpy (r->info_hash,
                   spate_lt_hex_encode (x->info_hash.data (), 20).c_str (),
                   sizeof r->info_hash);
        r->num_peers = x->num_peers ();
        return SPATE_LT_ALERT_DHT_GET_PEERS_REPLY;
      }
    case lt::torrent_need_cert_alert::alert_type:
      set_error (r, s, static_cast<lt::torrent_need_cert_alert *> (a)->error);
      return SPATE_LT_ALERT_TORRENT_NEED_CERT;
    case lt::performance_alert::alert_type:
      r->warning = static_cast<int> (
        static_cast<lt::performance_alert *> (a)->warning_code);
      return SPATE_LT_ALERT_PERFORMANCE_WARNING;
    case lt::alerts_dropped_alert::alert_type:
      r->index = static_cast<int> (
        static_cast<lt::alerts_dropped_alert *> (a)->dropped_alerts.count ());
      return SPATE_LT_ALERT_ALERTS_DROPPED;
    case lt::session_stats_alert::alert_type:
      {
        auto counters = static_cast<lt::session_stats_alert *> (a)->counters ();
        r->counters = reinterpret_cast<const gint64 *> (counters.data ());
        r->n_counters = counters.size ();
        return SPATE_LT_ALERT_SESSION_STATS;
      }
    case lt::peer_blocked_alert::alert_type:
      {
        auto *x = static_cast<lt::peer_blocked_alert *> (a);
        s.address = x->endpoint.address ().to_string ();
        r->address = s.address.c_str ();
        r->port = x->endpoint.port ();
        r->warning = x->reason;
        return SPATE_LT_ALERT_PEER_BLOCKED;
      }
    case lt::peer_ban_alert::alert_type:
      {
        auto *x = static_cast<lt::peer_ban_alert *> (a);
        s.address = x->endpoint.address ().to_string ();
        r->address = s.address.c_str ();
        r->port = x->endpoint.port ();
        return SPATE_LT_ALERT_PEER_BANNED;
      }
    case lt::file_prio_alert::alert_type:
      set_error (r, s, static_cast<lt::file_prio_alert *> (a)->error);
      return SPATE_LT_ALERT_FILE_PRIORITY;
    default:
      return SPATE_LT_ALERT_OTHER;
    }
}

/* The torrent may be gone by the time its files are: the pointer comes from
 * the removal record, which libtorrent always posts first. Only removals
 * that delete files are answered by one of these two records, so an entry
 * for a torrent whose files were kept stays until the session is freed. */
static void
fill_removed_user_data (SpateLtSession *session, SpateLtAlert *r)
{
  if (r->kind == SPATE_LT_ALERT_TORRENT_REMOVED)
    {
      if (r->user_data != nullptr)
        session->removed[r->info_hash] = r->user_data;
      return;
    }
  if (r->kind != SPATE_LT_ALERT_TORRENT_DELETED
      && r->kind != SPATE_LT_ALERT_TORRENT_DELETE_FAILED)
    return;

  auto it = session->removed.find (r->info_hash);
  if (it == session->removed.end ())
    return;
  r->user_data = it->second;
  session->removed.erase (it);
}

static void
dispatch (SpateLtSession *session, lt::alert *a, SpateLtAlertFunc func,
          gpointer user_data)
{
  SpateLtAlert r = {};
  Scratch s;

  r.type_name = a->what ();
  /* libtorrent's clock need not be GLib's: carry the alert's age over. */
  r.time = g_get_monotonic_time ()
           - std::chrono::duration_cast<std::chrono::microseconds> (
               lt::clock_type::now () - a->timestamp ())
               .count ();
  if (auto *ta = dynamic_cast<lt::torrent_alert *> (a))
    fill_torrent_alert (&r, s, ta);
  r.kind = fill_specific (&r, s, a);
  fill_removed_user_data (session, &r);

  /* Building the text costs; skip it for the per-second bulk alerts. */
  if (r.kind != SPATE_LT_ALERT_STATE_UPDATE
      && r.kind != SPATE_LT_ALERT_SESSION_STATS)
    {
      s.message = a->message ();
      r.message = s.message.c_str ();
    }
  else
    r.message = r.type_name;

  func (&r, user_data);

  for (SpateLtStatus &st : s.statuses)
    spate_lt_status_clear (&st);
}

guint
spate_lt_session_drain (SpateLtSession *session, SpateLtAlertFunc func,
                        gpointer user_data) noexcept
{
  /* Reset the eventfd before popping: a notify that races with the pop
   * leaves it readable, so no alert is left waiting. */
  guint64 count;
  while (read (session->notify_fd, &count, sizeof count) < 0 && errno == EINTR)
    ;

  std::vector<lt::alert *> alerts;
  try
    {
      session->session->pop_alerts (&alerts);
    }
  catch (...)
    {
      g_warning ("Could not read libtorrent’s alerts");
      return 0;
    }

  for (lt::alert *a : alerts)
    {
      try
        {
          dispatch (session, a, func, user_data);
        }
      catch (...)
        {
          g_warning ("Could not read a libtorrent alert of type %s",
                     a->what ());
        }
    }
  return static_cast<guint> (alerts.size ());
}
