/* spate-lt-torrent.cc: handles and what can be done to one torrent.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <future>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <libtorrent/announce_entry.hpp>
#include <libtorrent/aux_/session_interface.hpp>
#include <libtorrent/torrent.hpp>

/* ------------------------------------------------------------- helpers */

std::string
spate_lt_hex_encode (const char *data, size_t size)
{
  static const char digits[] = "0123456789abcdef";
  std::string out (size * 2, '0');
  for (size_t i = 0; i < size; i++)
    {
      auto b = static_cast<unsigned char> (data[i]);
      out[2 * i] = digits[b >> 4];
      out[2 * i + 1] = digits[b & 0xf];
    }
  return out;
}

bool
spate_lt_hex_decode (const char *text, char *out, size_t size)
{
  if (text == nullptr || strlen (text) != size * 2)
    return false;
  for (size_t i = 0; i < size; i++)
    {
      int hi = g_ascii_xdigit_value (text[2 * i]);
      int lo = g_ascii_xdigit_value (text[2 * i + 1]);
      if (hi < 0 || lo < 0)
        return false;
      out[i] = static_cast<char> ((hi << 4) | lo);
    }
  return true;
}

bool
spate_lt_url_has_host (const char *url)
{
  if (url == nullptr)
    return false;
  for (const char *c = url; *c != '\0'; c++)
    if (g_ascii_isspace (*c) || g_ascii_iscntrl (*c))
      return false;
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, nullptr);
  return uri != nullptr && g_uri_get_host (uri) != nullptr
         && *g_uri_get_host (uri) != '\0';
}

std::string
spate_lt_hash_hex (const lt::info_hash_t &ih)
{
  if (ih.has_v1 ())
    return spate_lt_hex_encode (ih.v1.data (), ih.v1.size ());
  if (ih.has_v2 ())
    return spate_lt_hex_encode (ih.v2.data (), ih.v2.size ());
  return {};
}

static const struct
{
  SpateLtTorrentFlags spate;
  lt::torrent_flags_t lt;
} flag_map[] = {
  { SPATE_LT_TORRENT_PAUSED, lt::torrent_flags::paused },
  { SPATE_LT_TORRENT_AUTO_MANAGED, lt::torrent_flags::auto_managed },
  { SPATE_LT_TORRENT_SEQUENTIAL, lt::torrent_flags::sequential_download },
  { SPATE_LT_TORRENT_SEED_MODE, lt::torrent_flags::seed_mode },
  { SPATE_LT_TORRENT_UPLOAD_MODE, lt::torrent_flags::upload_mode },
  { SPATE_LT_TORRENT_SHARE_MODE, lt::torrent_flags::share_mode },
  { SPATE_LT_TORRENT_SUPER_SEEDING, lt::torrent_flags::super_seeding },
  { SPATE_LT_TORRENT_STOP_WHEN_READY, lt::torrent_flags::stop_when_ready },
  { SPATE_LT_TORRENT_APPLY_IP_FILTER, lt::torrent_flags::apply_ip_filter },
  { SPATE_LT_TORRENT_DISABLE_DHT, lt::torrent_flags::disable_dht },
  { SPATE_LT_TORRENT_DISABLE_LSD, lt::torrent_flags::disable_lsd },
  { SPATE_LT_TORRENT_DISABLE_PEX, lt::torrent_flags::disable_pex },
};

SpateLtTorrentFlags
spate_lt_flags_from_lt (lt::torrent_flags_t flags)
{
  int out = 0;
  for (const auto &m : flag_map)
    if (flags & m.lt)
      out |= m.spate;
  return static_cast<SpateLtTorrentFlags> (out);
}

lt::torrent_flags_t
spate_lt_flags_to_lt (SpateLtTorrentFlags flags)
{
  lt::torrent_flags_t out {};
  for (const auto &m : flag_map)
    if (flags & m.spate)
      out |= m.lt;
  return out;
}

SpateLtTorrent *
spate_lt_torrent_wrap (const lt::torrent_handle &handle)
{
  return new _SpateLtTorrent { handle };
}

lt::torrent_handle &
spate_lt_torrent_checked (SpateLtTorrent *torrent)
{
  if (torrent == nullptr)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_HANDLE, "No torrent given");
  if (!spate_lt_torrent_is_valid (torrent))
    spate_lt_throw (SPATE_LT_ERROR_INVALID_HANDLE,
                    "The torrent is no longer in the session");
  return torrent->handle;
}

gpointer
spate_lt_handle_user_data (const lt::torrent_handle &handle)
{
  /* The pointer never changes after adding, so reading it here, outside
   * libtorrent's thread, needs no round trip. */
  std::shared_ptr<lt::torrent> t = handle.native_handle ();
  if (!t)
    return nullptr;
  return t->get_userdata ().get<spate_user> ();
}

/* Runs fn on libtorrent's network thread unless the torrent is being
 * removed by then. libtorrent 2.0.8 does not check for that in a few calls:
 * - set_flags() with auto_managed puts a removed torrent back into the
 *   session's auto-managed lists, which keep its pointer once it is freed
 *   (the network thread crashes in recalculate_auto_managed_torrents());
 * - force_recheck() releases the files of a storage already stopped (the
 *   network thread crashes in async_release_files());
 * - remove_torrent() through a stale handle removes by info-hash, taking out
 *   a torrent added again since (see spate_lt_session_remove()).
 * A removal is queued to that thread, so a look at is_aborted() from here
 * can come too early; the look queued behind it cannot. A handle's own calls
 * made on that thread run at once rather than being queued again. */
void
spate_lt_unless_removed (const lt::torrent_handle &h, std::function<void ()> fn)
{
  std::shared_ptr<lt::torrent> t = h.native_handle ();
  if (!t)
    throw lt::system_error (lt::errors::invalid_torrent_handle);
  boost::asio::post (t->session ().get_context (), [t, fn] {
    try
      {
        if (!t->is_aborted ())
          fn ();
      }
    catch (...)
      {
      }
  });
}

void
spate_lt_call_on_network_thread (lt::io_context &context,
                                 const std::function<void ()> &fn)
{
  std::promise<void> done;
  boost::asio::dispatch (context, [&fn, &done] {
    try
      {
        fn ();
        done.set_value ();
      }
    catch (...)
      {
        done.set_exception (std::current_exception ());
      }
  });
  done.get_future ().get ();
}

/* Flags other than auto_managed put a torrent into no such list and go the
 * usual way. */
static void
set_flags_unless_removed (const lt::torrent_handle &h,
                          lt::torrent_flags_t flags, lt::torrent_flags_t mask)
{
  if (!(flags & mask & lt::torrent_flags::auto_managed))
    h.set_flags (flags, mask);
  else
    spate_lt_unless_removed (h,
                             [h, flags, mask] { h.set_flags (flags, mask); });
}

#define TRY_HANDLE(torrent, body)                                              \
  try                                                                          \
    {                                                                          \
      lt::torrent_handle &h = spate_lt_torrent_checked (torrent);              \
      body;                                                                    \
      return TRUE;                                                             \
    }                                                                          \
  catch (...)                                                                  \
    {                                                                          \
      spate_lt_set_error_from_exception (error);                               \
      return FALSE;                                                            \
    }

/* ------------------------------------------------------------- identity */

SpateLtTorrent *
spate_lt_torrent_copy (SpateLtTorrent *torrent) noexcept
{
  return new (std::nothrow) _SpateLtTorrent { torrent->handle };
}

void
spate_lt_torrent_free (SpateLtTorrent *torrent) noexcept
{
  delete torrent;
}

gboolean
spate_lt_torrent_is_valid (SpateLtTorrent *torrent) noexcept
{
  if (torrent == nullptr)
    return FALSE;
  /* A removed torrent lingers while its peers close; it is gone for us as
   * soon as libtorrent has started tearing it down. */
  std::shared_ptr<lt::torrent> t = torrent->handle.native_handle ();
  return t && !t->is_aborted ();
}

gboolean
spate_lt_torrent_equal (SpateLtTorrent *a, SpateLtTorrent *b) noexcept
{
  return a != nullptr && b != nullptr && a->handle == b->handle;
}

gpointer
spate_lt_torrent_get_user_data (SpateLtTorrent *torrent) noexcept
try
  {
    /* A removed torrent's pointer may already be freed by its owner. */
    if (!spate_lt_torrent_is_valid (torrent))
      return nullptr;
    return spate_lt_handle_user_data (torrent->handle);
  }
catch (...)
  {
    return nullptr;
  }

char *
spate_lt_torrent_get_info_hash (SpateLtTorrent *torrent) noexcept
try
  {
    std::shared_ptr<lt::torrent> t = torrent->handle.native_handle ();
    if (!t)
      return nullptr;
    /* Set before the handle exists and never changed afterwards. */
    return g_strdup (
      spate_lt_hash_hex (torrent->handle.info_hashes ()).c_str ());
  }
catch (...)
  {
    return nullptr;
  }

/* --------------------------------------------------------------- actions */

gboolean
spate_lt_torrent_pause (SpateLtTorrent *torrent, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    h.unset_flags (lt::torrent_flags::auto_managed);
    h.pause ();
  })
}

gboolean
spate_lt_torrent_resume (SpateLtTorrent *torrent, gboolean force,
                         GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    if (force)
      h.unset_flags (lt::torrent_flags::auto_managed);
    else
      set_flags_unless_removed (h, lt::torrent_flags::auto_managed,
                                lt::torrent_flags::auto_managed);
    h.resume ();
  })
}

gboolean
spate_lt_torrent_force_recheck (SpateLtTorrent *torrent,
                                GError **error) noexcept
{
  TRY_HANDLE (torrent, spate_lt_unless_removed (h, [h] { h.force_recheck (); }))
}

gboolean
spate_lt_torrent_force_reannounce (SpateLtTorrent *torrent,
                                   GError **error) noexcept
{
  TRY_HANDLE (torrent, h.force_reannounce (
                         0, -1, lt::torrent_handle::ignore_min_interval))
}

gboolean
spate_lt_torrent_force_dht_announce (SpateLtTorrent *torrent,
                                     GError **error) noexcept
{
  TRY_HANDLE (torrent, h.force_dht_announce ())
}

gboolean
spate_lt_torrent_scrape (SpateLtTorrent *torrent, GError **error) noexcept
{
  TRY_HANDLE (torrent, h.scrape_tracker ())
}

gboolean
spate_lt_torrent_move_storage (SpateLtTorrent *torrent, const char *path,
                               gboolean replace_existing,
                               GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    if (path == nullptr || !g_path_is_absolute (path))
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "The new location must be an absolute folder path");
    h.move_storage (path, replace_existing
                            ? lt::move_flags_t::always_replace_files
                            : lt::move_flags_t::dont_replace);
  })
}

/* A file's new name must stay below the save path. */
static void
check_relative_name (const char *name)
{
  if (name == nullptr || *name == '\0')
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT, "The new name is empty");
  if (!g_utf8_validate (name, -1, nullptr))
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "The new name is not valid UTF-8");
  if (name[0] == '/' || strchr (name, '\\') != nullptr)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    std::string ("“") + name
                      + "” must be a path inside the torrent’s folder");
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  for (char **p = parts; *p != nullptr; p++)
    if (**p == '\0' || strcmp (*p, ".") == 0 || strcmp (*p, "..") == 0)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("“") + name
                        + "” has an empty, “.” or “..” part; it must stay "
                          "inside the torrent’s folder");
}

gboolean
spate_lt_torrent_rename_file (SpateLtTorrent *torrent, int index,
                              const char *new_name, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    check_relative_name (new_name);
    std::shared_ptr<const lt::torrent_info> ti = h.torrent_file ();
    if (!ti)
      spate_lt_throw (
        SPATE_LT_ERROR_NO_METADATA,
        "Files can be renamed once the torrent’s metadata has arrived");
    if (index < 0 || index >= ti->num_files ())
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "The torrent has no file number "
                        + std::to_string (index));
    h.rename_file (lt::file_index_t (index), new_name);
  })
}

gboolean
spate_lt_torrent_clear_error (SpateLtTorrent *torrent, GError **error) noexcept
{
  TRY_HANDLE (torrent, h.clear_error ())
}

gboolean
spate_lt_torrent_set_flags (SpateLtTorrent *torrent, SpateLtTorrentFlags flags,
                            SpateLtTorrentFlags mask, GError **error) noexcept
{
  TRY_HANDLE (torrent,
              set_flags_unless_removed (h, spate_lt_flags_to_lt (flags),
                                        spate_lt_flags_to_lt (mask)))
}

SpateLtTorrentFlags
spate_lt_torrent_get_flags (SpateLtTorrent *torrent, GError **error) noexcept
try
  {
    return spate_lt_flags_from_lt (spate_lt_torrent_checked (torrent).flags ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return static_cast<SpateLtTorrentFlags> (0);
  }

gboolean
spate_lt_torrent_queue_move (SpateLtTorrent *torrent, SpateLtQueueMove move,
                             GError **error) noexcept
{
  /* A torrent outside the download queue (finished, seeding) has no place
   * to move from: nothing happens. libtorrent 2.0.8's queue_position_up()
   * on such a torrent asks to take it out of the queue at position -2 and
   * overruns its queue (memmove of -8 bytes on its network thread; found by
   * fuzz/fuzz-session), so "up" is a set to the position above, which
   * stays safe if the torrent leaves the queue meanwhile. */
  TRY_HANDLE (torrent, {
    lt::queue_position_t position = h.queue_position ();

    if (move != SPATE_LT_QUEUE_UP && move != SPATE_LT_QUEUE_DOWN
        && move != SPATE_LT_QUEUE_TOP && move != SPATE_LT_QUEUE_BOTTOM)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT, "Unknown queue move");
    if (position < lt::queue_position_t (0))
      return TRUE;
    switch (move)
      {
      case SPATE_LT_QUEUE_UP:
        if (position > lt::queue_position_t (0))
          h.queue_position_set (
            lt::queue_position_t (static_cast<int> (position) - 1));
        break;
      case SPATE_LT_QUEUE_DOWN:
        h.queue_position_down ();
        break;
      case SPATE_LT_QUEUE_TOP:
        h.queue_position_top ();
        break;
      case SPATE_LT_QUEUE_BOTTOM:
        h.queue_position_bottom ();
        break;
      default:
        spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT, "Unknown queue move");
      }
  })
}

gboolean
spate_lt_torrent_set_queue_position (SpateLtTorrent *torrent, int position,
                                     GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    if (position < 0)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "A queue position is 0 or more");
    h.queue_position_set (lt::queue_position_t (position));
  })
}

int
spate_lt_torrent_get_queue_position (SpateLtTorrent *torrent,
                                     GError **error) noexcept
try
  {
    return static_cast<int> (
      spate_lt_torrent_checked (torrent).queue_position ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return -2;
  }

gboolean
spate_lt_torrent_set_download_limit (SpateLtTorrent *torrent, int limit,
                                     GError **error) noexcept
{
  TRY_HANDLE (torrent, h.set_download_limit (limit > 0 ? limit : -1))
}

gboolean
spate_lt_torrent_set_upload_limit (SpateLtTorrent *torrent, int limit,
                                   GError **error) noexcept
{
  TRY_HANDLE (torrent, h.set_upload_limit (limit > 0 ? limit : -1))
}

gboolean
spate_lt_torrent_set_max_connections (SpateLtTorrent *torrent, int max,
                                      GError **error) noexcept
{
  TRY_HANDLE (torrent, h.set_max_connections (max > 0 ? max : -1))
}

gboolean
spate_lt_torrent_set_max_uploads (SpateLtTorrent *torrent, int max,
                                  GError **error) noexcept
{
  TRY_HANDLE (torrent, h.set_max_uploads (max > 0 ? max : -1))
}

/* libtorrent reports "unlimited" as -1, 0 or the 24-bit maximum
 * (2^24 - 1, a connection or upload slot count) depending on the call. */
static int
limit_or_unlimited (int value, int unlimited)
{
  return value <= 0 || value >= (1 << 24) - 1 ? unlimited : value;
}

gboolean
spate_lt_torrent_get_limits (SpateLtTorrent *torrent, SpateLtLimits *limits,
                             GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    limits->download_limit = limit_or_unlimited (h.download_limit (), 0);
    limits->upload_limit = limit_or_unlimited (h.upload_limit (), 0);
    limits->max_connections = limit_or_unlimited (h.max_connections (), -1);
    limits->max_uploads = limit_or_unlimited (h.max_uploads (), -1);
  })
}

static lt::download_priority_t
checked_priority (guint8 priority)
{
  if (priority > 7)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "A priority is between 0 (skip) and 7 (highest)");
  return lt::download_priority_t (priority);
}

gboolean
spate_lt_torrent_set_file_priority (SpateLtTorrent *torrent, int index,
                                    guint8 priority, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    std::shared_ptr<const lt::torrent_info> ti = h.torrent_file ();
    if (ti && (index < 0 || index >= ti->num_files ()))
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "The torrent has no file number "
                        + std::to_string (index));
    h.file_priority (lt::file_index_t (index), checked_priority (priority));
  })
}

gboolean
spate_lt_torrent_set_file_priorities (SpateLtTorrent *torrent,
                                      const guint8 *priorities, gsize n,
                                      GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    std::vector<lt::download_priority_t> v;
    v.reserve (n);
    for (gsize i = 0; i < n; i++)
      v.push_back (checked_priority (priorities[i]));
    h.prioritize_files (v);
  })
}

GBytes *
spate_lt_torrent_get_file_priorities (SpateLtTorrent *torrent,
                                      GError **error) noexcept
try
  {
    auto v = spate_lt_torrent_checked (torrent).get_file_priorities ();
    std::vector<guint8> out (v.size ());
    for (size_t i = 0; i < v.size (); i++)
      out[i] = static_cast<guint8> (static_cast<std::uint8_t> (v[i]));
    return g_bytes_new (out.data (), out.size ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

/* Before metadata there are no pieces: say so rather than "no piece 0". */
static lt::piece_index_t
checked_piece (lt::torrent_handle &h, int piece)
{
  std::shared_ptr<const lt::torrent_info> ti = h.torrent_file ();
  if (!ti || !ti->is_valid ())
    spate_lt_throw (SPATE_LT_ERROR_NO_METADATA,
                    "The torrent’s pieces are not known until its metadata "
                    "has arrived");
  if (piece < 0 || piece >= ti->num_pieces ())
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "The torrent has no piece number "
                      + std::to_string (piece));
  return lt::piece_index_t (piece);
}

gboolean
spate_lt_torrent_set_piece_priority (SpateLtTorrent *torrent, int piece,
                                     guint8 priority, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    h.piece_priority (checked_piece (h, piece), checked_priority (priority));
  })
}

GBytes *
spate_lt_torrent_get_piece_priorities (SpateLtTorrent *torrent,
                                       GError **error) noexcept
try
  {
    auto v = spate_lt_torrent_checked (torrent).get_piece_priorities ();
    std::vector<guint8> out (v.size ());
    for (size_t i = 0; i < v.size (); i++)
      out[i] = static_cast<guint8> (static_cast<std::uint8_t> (v[i]));
    return g_bytes_new (out.data (), out.size ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

gboolean
spate_lt_torrent_set_first_last_pieces (SpateLtTorrent *torrent,
                                        gboolean enable,
                                        GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    std::shared_ptr<const lt::torrent_info> ti = h.torrent_file ();
    if (!ti || !ti->is_valid ())
      spate_lt_throw (SPATE_LT_ERROR_NO_METADATA,
                      "The torrent’s files are not known yet");
    const lt::file_storage &fs = ti->files ();
    std::vector<lt::download_priority_t> files = h.get_file_priorities ();
    std::vector<lt::download_priority_t> pieces (
      static_cast<size_t> (ti->num_pieces ()), lt::dont_download);
    const std::int64_t piece_length = ti->piece_length ();

    /* Where files share a piece, the piece takes the highest priority, as
     * libtorrent itself does. */
    for (lt::file_index_t i : fs.file_range ())
      {
        auto index = static_cast<size_t> (static_cast<int> (i));
        lt::download_priority_t prio
          = index < files.size () ? files[index] : lt::default_priority;
        if (fs.pad_file_at (i) || fs.file_size (i) == 0
            || prio == lt::dont_download)
          continue;
        int first = static_cast<int> (fs.map_file (i, 0, 0).piece);
        int last
          = static_cast<int> (fs.map_file (i, fs.file_size (i) - 1, 0).piece);
        for (int p = first; p <= last; p++)
          pieces[p] = std::max (pieces[p], prio);
        if (!enable)
          continue;
        /* A player may want the index at the end of a file: 1 % of it, as
         * qBittorrent does. */
        std::int64_t ends = std::max<std::int64_t> (
          1, (fs.file_size (i) / 100 + piece_length - 1) / piece_length);
        for (std::int64_t k = 0; k < ends && first + k <= last; k++)
          {
            pieces[first + k] = lt::top_priority;
            pieces[last - k] = lt::top_priority;
          }
      }
    h.prioritize_pieces (pieces);
  })
}

gboolean
spate_lt_torrent_set_piece_deadline (SpateLtTorrent *torrent, int piece,
                                     int deadline_ms, GError **error) noexcept
{
  TRY_HANDLE (torrent, h.set_piece_deadline (checked_piece (h, piece),
                                             MAX (deadline_ms, 0)))
}

gboolean
spate_lt_torrent_reset_piece_deadline (SpateLtTorrent *torrent, int piece,
                                       GError **error) noexcept
{
  TRY_HANDLE (torrent, h.reset_piece_deadline (checked_piece (h, piece)))
}

gboolean
spate_lt_torrent_clear_piece_deadlines (SpateLtTorrent *torrent,
                                        GError **error) noexcept
{
  TRY_HANDLE (torrent, h.clear_piece_deadlines ())
}

static void
check_url (const char *url, const char *what, bool allow_udp)
{
  if (url == nullptr
      || !(g_str_has_prefix (url, "http://")
           || g_str_has_prefix (url, "https://")
           || (allow_udp && g_str_has_prefix (url, "udp://")))
      || !spate_lt_url_has_host (url))
    spate_lt_throw (
      SPATE_LT_ERROR_INVALID_ARGUMENT,
      std::string ("“") + (url ? url : "") + "” is not a valid " + what
        + (allow_udp ? " URL (http, https or udp)" : " URL (http or https)"));
}

gboolean
spate_lt_torrent_add_tracker (SpateLtTorrent *torrent, const char *url,
                              int tier, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    check_url (url, "tracker", true);
    lt::announce_entry ae (url);
    ae.tier = static_cast<std::uint8_t> (CLAMP (tier, 0, 255));
    h.add_tracker (ae);
  })
}

gboolean
spate_lt_torrent_replace_trackers (SpateLtTorrent *torrent,
                                   const char * const *urls, const int *tiers,
                                   GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    std::vector<lt::announce_entry> v;
    for (int i = 0; urls != nullptr && urls[i] != nullptr; i++)
      {
        check_url (urls[i], "tracker", true);
        lt::announce_entry ae (urls[i]);
        ae.tier
          = static_cast<std::uint8_t> (CLAMP (tiers ? tiers[i] : i, 0, 255));
        v.push_back (std::move (ae));
      }
    h.replace_trackers (v);
  })
}

gboolean
spate_lt_torrent_add_web_seed (SpateLtTorrent *torrent, const char *url,
                               SpateLtWebSeedType type, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    check_url (url, "web seed", false);
    if (type == SPATE_LT_WEB_SEED_HTTP)
      h.add_http_seed (url);
    else
      h.add_url_seed (url);
  })
}

gboolean
spate_lt_torrent_remove_web_seed (SpateLtTorrent *torrent, const char *url,
                                  SpateLtWebSeedType type,
                                  GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    if (url == nullptr)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT, "No web seed given");
    if (type == SPATE_LT_WEB_SEED_HTTP)
      h.remove_http_seed (url);
    else
      h.remove_url_seed (url);
  })
}

gboolean
spate_lt_torrent_connect_peer (SpateLtTorrent *torrent, const char *address,
                               int port, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    lt::address a = spate_lt_parse_address (address);
    if (port <= 0 || port > 65535)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "A peer’s port is between 1 and 65535");
    h.connect_peer (lt::tcp::endpoint (a, static_cast<std::uint16_t> (port)));
  })
}

gboolean
spate_lt_torrent_request_resume_data (SpateLtTorrent *torrent,
                                      SpateLtResumeFlags flags,
                                      GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    lt::resume_data_flags_t f {};
    if (flags & SPATE_LT_RESUME_FLUSH_CACHE)
      f |= lt::torrent_handle::flush_disk_cache;
    if (flags & SPATE_LT_RESUME_SAVE_INFO_DICT)
      f |= lt::torrent_handle::save_info_dict;
    if (flags & SPATE_LT_RESUME_ONLY_IF_MODIFIED)
      f |= lt::torrent_handle::only_if_modified;
    h.save_resume_data (f);
  })
}

gboolean
spate_lt_torrent_set_ssl_certificate (
  SpateLtTorrent *torrent, const char *certificate, const char *private_key,
  const char *dh_params, const char *passphrase, GError **error) noexcept
{
  TRY_HANDLE (torrent, {
    if (certificate == nullptr || private_key == nullptr
        || dh_params == nullptr)
      spate_lt_throw (
        SPATE_LT_ERROR_INVALID_ARGUMENT,
        "An SSL torrent needs a certificate, a private key and DH parameters");
    /* libtorrent would only say so later, in an alert. */
    std::shared_ptr<const lt::torrent_info> ti = h.torrent_file ();
    if (ti && ti->is_valid () && ti->ssl_cert ().empty ())
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "“" + ti->name ()
                        + "” is not an SSL torrent; it takes no certificate");
    if (g_str_has_prefix (certificate, "-----BEGIN"))
      h.set_ssl_certificate_buffer (certificate, private_key, dh_params);
    else
      h.set_ssl_certificate (certificate, private_key, dh_params,
                             passphrase != nullptr ? passphrase : "");
  })
}
