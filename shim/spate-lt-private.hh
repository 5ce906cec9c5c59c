/* spate-lt-private.hh: what the shim's C++ files share.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-lt.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/error_code.hpp>
#include <libtorrent/info_hash.hpp>
#include <libtorrent/io_context.hpp>
#include <libtorrent/ip_filter.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/settings_pack.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

/* Tag type for the pointer kept as libtorrent's client data. */
struct spate_user;

struct _SpateLtSession
{
  std::unique_ptr<lt::session> session;
  int notify_fd = -1;
  /* Info-hash → user pointer of removed torrents, read and written only by
   * spate_lt_session_drain(): libtorrent may free a torrent, and the
   * pointer it holds, before its files are deleted. */
  std::unordered_map<std::string, gpointer> removed;
};

struct _SpateLtTorrent
{
  lt::torrent_handle handle;
};

struct _SpateLtInfo
{
  std::shared_ptr<const lt::torrent_info> info; /* null for a bare magnet */
  lt::add_torrent_params magnet;                /* used when info is null */
  std::string name;
  std::string hash_v1;
  std::string hash_v2;
  std::string comment;
  std::string creator;
  gint64 payload_size = 0; /* without pad files */
};

struct _SpateLtAddParams
{
  lt::add_torrent_params params;
  std::string info_hash;
  std::string display_name;
};

struct _SpateLtIpFilter
{
  lt::ip_filter filter;
};

/* spate-lt-error.cc */
void spate_lt_set_error_from_exception (GError **error) noexcept;
void spate_lt_set_error_from_code (GError **error, const lt::error_code &ec,
                                   const char *what) noexcept;
void spate_lt_error_info_fill (SpateLtErrorInfo *info, const lt::error_code &ec,
                               std::string &message_storage);

/* Throws a system_error in SPATE_LT_ERROR's terms. */
[[noreturn]] void spate_lt_throw (SpateLtError code,
                                  const std::string &message);

/* The tag for errors Spate raises itself, so the exception mapper can tell
 * them from libtorrent's. */
struct spate_lt_exception : std::runtime_error
{
  SpateLtError code;
  spate_lt_exception (SpateLtError c, const std::string &m)
      : std::runtime_error (m), code (c)
  {
  }
};

/* spate-lt-torrent.cc */
SpateLtTorrent *spate_lt_torrent_wrap (const lt::torrent_handle &handle);
lt::torrent_handle &spate_lt_torrent_checked (SpateLtTorrent *torrent);
gpointer spate_lt_handle_user_data (const lt::torrent_handle &handle);
/* Runs fn on libtorrent's network thread, behind any queued removal, unless
 * the torrent has been removed by then. */
void spate_lt_unless_removed (const lt::torrent_handle &h,
                              std::function<void ()> fn);
/* Runs fn on libtorrent's network thread (context) and waits for it, as
 * libtorrent's own synchronous calls do; fn's exception comes back here. */
void spate_lt_call_on_network_thread (lt::io_context &context,
                                      const std::function<void ()> &fn);
std::string spate_lt_hash_hex (const lt::info_hash_t &ih);
std::string spate_lt_hex_encode (const char *data, size_t size);
/* FALSE unless text is exactly 2 × size hex digits. */
bool spate_lt_hex_decode (const char *text, char *out, size_t size);
/* TRUE for an absolute URL with a host and no space or control character
 * (g_uri_is_valid() takes "http:// x"). */
bool spate_lt_url_has_host (const char *url);
SpateLtTorrentFlags spate_lt_flags_from_lt (lt::torrent_flags_t flags);
lt::torrent_flags_t spate_lt_flags_to_lt (SpateLtTorrentFlags flags);

/* spate-lt-torrent-query.cc */
void spate_lt_status_fill (SpateLtStatus *out, const lt::torrent_status &st);
/* The parts of a status that both a live status and one made from add
 * params fill the same way. */
void spate_lt_status_set_hashes (SpateLtStatus *out, const lt::info_hash_t &ih);
double spate_lt_status_ratio (gint64 uploaded, gint64 downloaded, gint64 done);
SpateLtTorrentState spate_lt_state_from_lt (int state);

/* spate-lt-info.cc */
SpateLtInfo *spate_lt_info_wrap (std::shared_ptr<const lt::torrent_info> ti);
gint64 spate_lt_payload_size (const lt::file_storage &fs);

/* spate-lt-settings.cc */
lt::settings_pack spate_lt_default_settings (void);
void spate_lt_settings_pack_from_variant (lt::settings_pack &pack,
                                          GVariant *settings);

/* Parses "a.b.c.d" or an IPv6 literal; throws a Spate error naming the text. */
lt::address spate_lt_parse_address (const char *text);
