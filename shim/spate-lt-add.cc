/* spate-lt-add.cc: add parameters, adding, finding and removing torrents.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <libtorrent/bdecode.hpp>
#include <libtorrent/bencode.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/read_resume_data.hpp>

static const SpateLtTorrentFlags default_flags
  = static_cast<SpateLtTorrentFlags> (SPATE_LT_TORRENT_AUTO_MANAGED
                                      | SPATE_LT_TORRENT_APPLY_IP_FILTER);

/* Flags Spate always wants, whatever the caller chose. */
static const lt::torrent_flags_t always_flags
  = lt::torrent_flags::update_subscribe;

static void
finish_params (SpateLtAddParams *self)
{
  const lt::add_torrent_params &p = self->params;
  self->info_hash
    = spate_lt_hash_hex (p.ti ? p.ti->info_hashes () : p.info_hashes);
  if (p.ti)
    self->display_name = p.ti->name ();
  else if (!p.name.empty ())
    self->display_name = p.name;
  else
    self->display_name = self->info_hash;
}

static SpateLtAddParams *
new_with_defaults (lt::add_torrent_params &&p)
{
  auto self = std::make_unique<_SpateLtAddParams> ();
  self->params = std::move (p);
  self->params.flags = spate_lt_flags_to_lt (default_flags) | always_flags;
  finish_params (self.get ());
  return self.release ();
}

SpateLtAddParams *
spate_lt_add_params_new_from_bytes (const guint8 *data, gsize size,
                                    GError **error) noexcept
try
  {
    g_autoptr (SpateLtInfo) info
      = spate_lt_info_new_from_bytes (data, size, error);
    if (info == nullptr)
      return nullptr;
    return spate_lt_add_params_new_from_info (info);
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

SpateLtAddParams *
spate_lt_add_params_new_from_info (SpateLtInfo *info) noexcept
try
  {
    lt::add_torrent_params p
      = info->info ? lt::add_torrent_params () : info->magnet;
    if (info->info)
      p.ti = std::make_shared<lt::torrent_info> (*info->info);
    return new_with_defaults (std::move (p));
  }
catch (...)
  {
    return nullptr;
  }

SpateLtAddParams *
spate_lt_add_params_new_from_magnet (const char *uri, GError **error) noexcept
try
  {
    g_autoptr (SpateLtInfo) info = spate_lt_info_new_from_magnet (uri, error);
    if (info == nullptr)
      return nullptr;
    return new_with_defaults (std::move (info->magnet));
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

SpateLtAddParams *
spate_lt_add_params_new_from_resume (const guint8 *data, gsize size,
                                     GError **error) noexcept
try
  {
    if (data == nullptr || size == 0)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_RESUME_DATA,
                      "The resume data is empty");
    lt::error_code ec;
    lt::add_torrent_params p = lt::read_resume_data (
      lt::span<const char> (reinterpret_cast<const char *> (data),
                            static_cast<long> (size)),
      ec);
    if (ec)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_RESUME_DATA,
                      "The resume data is damaged: " + ec.message ());
    if (!p.ti && !p.info_hashes.has_v1 () && !p.info_hashes.has_v2 ())
      spate_lt_throw (SPATE_LT_ERROR_INVALID_RESUME_DATA,
                      "The resume data names no torrent");
    auto self = std::make_unique<_SpateLtAddParams> ();
    self->params = std::move (p);
    /* Keep the flags the resume data recorded (paused, sequential, …). */
    self->params.flags |= always_flags;
    finish_params (self.get ());
    return self.release ();
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

void
spate_lt_add_params_free (SpateLtAddParams *params) noexcept
{
  delete params;
}

/* ----------------------------------------------------------- extras */

static const char extras_key[] = "spate";

static lt::bdecode_node
decode_resume (const guint8 *data, gsize size, lt::error_code &ec)
{
  return lt::bdecode (
    lt::span<const char> (reinterpret_cast<const char *> (data),
                          static_cast<long> (size)),
    ec);
}

GBytes *
spate_lt_resume_data_set_extras (const guint8 *data, gsize size,
                                 GVariant *extras, GError **error) noexcept
try
  {
    g_autoptr (GVariant) owned
      = extras != nullptr ? g_variant_ref_sink (extras) : nullptr;
    lt::error_code ec;
    lt::bdecode_node node = decode_resume (data, size, ec);
    if (ec || node.type () != lt::bdecode_node::dict_t)
      spate_lt_throw (
        SPATE_LT_ERROR_INVALID_RESUME_DATA,
        "The resume data is damaged: "
          + (ec ? ec.message () : std::string ("not a dictionary")));
    lt::entry e;
    e = node;
    e.dict ().erase (extras_key);
    if (owned != nullptr && g_variant_n_children (owned) > 0)
      {
        lt::entry::dictionary_type dict;
        GVariantIter iter;
        const char *key;
        GVariant *raw;

        g_variant_iter_init (&iter, owned);
        /* Not g_variant_iter_loop(): a bad value throws out of the loop. */
        while (g_variant_iter_next (&iter, "{&sv}", &key, &raw))
          {
            g_autoptr (GVariant) value = raw;
            if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
              dict[key] = lt::entry (
                static_cast<std::int64_t> (g_variant_get_int64 (value)));
            else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
              dict[key] = lt::entry (
                std::string (g_variant_get_string (value, nullptr)));
            else
              spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                              std::string ("Extra value \"") + key
                                + "\" is neither an int64 nor a string");
          }
        e[extras_key] = std::move (dict);
      }
    std::vector<char> buf;
    lt::bencode (std::back_inserter (buf), e);
    return g_bytes_new (buf.data (), buf.size ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

GVariant *
spate_lt_resume_data_get_extras (const guint8 *data, gsize size) noexcept
try
  {
    GVariantBuilder builder;
    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    lt::error_code ec;
    lt::bdecode_node node = data != nullptr && size > 0
                              ? decode_resume (data, size, ec)
                              : lt::bdecode_node ();
    lt::bdecode_node dict = !ec && node.type () == lt::bdecode_node::dict_t
                              ? node.dict_find_dict (extras_key)
                              : lt::bdecode_node ();
    for (int i = 0; dict && i < dict.dict_size (); i++)
      {
        auto [key, value] = dict.dict_at (i);
        std::string name (key);
        /* A damaged file's key may be any bytes; GVariant takes UTF-8. */
        if (!g_utf8_validate (name.data (), static_cast<gssize> (name.size ()),
                              nullptr))
          continue;
        if (value.type () == lt::bdecode_node::int_t)
          g_variant_builder_add (&builder, "{sv}", name.c_str (),
                                 g_variant_new_int64 (value.int_value ()));
        else if (value.type () == lt::bdecode_node::string_t)
          {
            std::string text (value.string_value ());
            if (g_utf8_validate (text.data (),
                                 static_cast<gssize> (text.size ()), nullptr))
              g_variant_builder_add (&builder, "{sv}", name.c_str (),
                                     g_variant_new_string (text.c_str ()));
          }
      }
    return g_variant_builder_end (&builder);
  }
catch (...)
  {
    return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), nullptr, 0);
  }

void
spate_lt_add_params_set_save_path (SpateLtAddParams *params,
                                   const char *path) noexcept
{
  try
    {
      params->params.save_path = path != nullptr ? path : "";
    }
  catch (...)
    {
    }
}

const char *
spate_lt_add_params_get_save_path (SpateLtAddParams *params) noexcept
{
  return params->params.save_path.c_str ();
}

void
spate_lt_add_params_set_flags (SpateLtAddParams *params,
                               SpateLtTorrentFlags flags) noexcept
{
  /* Every Spate flag; ~0 would be outside the enum's range (UB in C++). */
  const auto all = static_cast<SpateLtTorrentFlags> (
    (SPATE_LT_TORRENT_DISABLE_PEX << 1) - 1);
  lt::torrent_flags_t keep = params->params.flags & ~spate_lt_flags_to_lt (all);
  params->params.flags = keep | spate_lt_flags_to_lt (flags) | always_flags;
}

SpateLtTorrentFlags
spate_lt_add_params_get_flags (SpateLtAddParams *params) noexcept
{
  return spate_lt_flags_from_lt (params->params.flags);
}

void
spate_lt_add_params_set_file_priorities (SpateLtAddParams *params,
                                         const guint8 *priorities,
                                         gsize n) noexcept
{
  try
    {
      auto &v = params->params.file_priorities;
      v.clear ();
      for (gsize i = 0; i < n; i++)
        v.push_back (lt::download_priority_t (MIN (priorities[i], 7)));
    }
  catch (...)
    {
    }
}

void
spate_lt_add_params_add_tracker (SpateLtAddParams *params, const char *url,
                                 int tier) noexcept
{
  try
    {
      auto &p = params->params;
      /* tracker_tiers must line up with trackers. */
      p.tracker_tiers.resize (p.trackers.size (), 0);
      p.trackers.emplace_back (url);
      p.tracker_tiers.push_back (tier);
    }
  catch (...)
    {
    }
}

void
spate_lt_add_params_add_web_seed (SpateLtAddParams *params,
                                  const char *url) noexcept
{
  try
    {
      params->params.url_seeds.emplace_back (url);
    }
  catch (...)
    {
    }
}

void
spate_lt_add_params_add_peer (SpateLtAddParams *params, const char *address,
                              int port) noexcept
{
  try
    {
      lt::error_code ec;
      lt::address a = lt::make_address (address, ec);
      if (!ec && port > 0 && port < 65536)
        params->params.peers.emplace_back (a,
                                           static_cast<std::uint16_t> (port));
    }
  catch (...)
    {
    }
}

void
spate_lt_add_params_set_name (SpateLtAddParams *params,
                              const char *name) noexcept
{
  try
    {
      params->params.name = name != nullptr ? name : "";
      finish_params (params);
    }
  catch (...)
    {
    }
}

void
spate_lt_add_params_set_limits (SpateLtAddParams *params, int download,
                                int upload) noexcept
{
  params->params.download_limit = download > 0 ? download : -1;
  params->params.upload_limit = upload > 0 ? upload : -1;
}

void
spate_lt_add_params_set_preallocate (SpateLtAddParams *params,
                                     gboolean preallocate) noexcept
{
  params->params.storage_mode
    = preallocate ? lt::storage_mode_allocate : lt::storage_mode_sparse;
}

void
spate_lt_add_params_set_user_data (SpateLtAddParams *params,
                                   gpointer user_data) noexcept
{
  params->params.userdata
    = lt::client_data_t (static_cast<spate_user *> (user_data));
}

const char *
spate_lt_add_params_get_info_hash (SpateLtAddParams *params) noexcept
{
  return params->info_hash.c_str ();
}

gboolean
spate_lt_add_params_has_info_hash (SpateLtAddParams *params,
                                   const char *info_hash) noexcept
try
  {
    const lt::add_torrent_params &p = params->params;
    const lt::info_hash_t &ih = p.ti ? p.ti->info_hashes () : p.info_hashes;
    std::string want = info_hash != nullptr ? info_hash : "";
    return (ih.has_v1 () && spate_lt_hash_hex (lt::info_hash_t (ih.v1)) == want)
           || (ih.has_v2 ()
               && spate_lt_hash_hex (lt::info_hash_t (ih.v2)) == want);
  }
catch (...)
  {
    return FALSE;
  }

const char *
spate_lt_add_params_get_name (SpateLtAddParams *params) noexcept
{
  return params->display_name.c_str ();
}

gboolean
spate_lt_add_params_has_metadata (SpateLtAddParams *params) noexcept
{
  return params->params.ti != nullptr;
}

gboolean
spate_lt_add_params_has_all_pieces (SpateLtAddParams *params) noexcept
try
  {
    auto const &p = params->params;
    if (!p.ti || (p.flags & lt::torrent_flags::seed_mode))
      return p.ti != nullptr;
    return p.have_pieces.size () >= p.ti->num_pieces ()
           && p.have_pieces.all_set ();
  }
catch (...)
  {
    return FALSE;
  }

gboolean
spate_lt_add_params_has_any_piece (SpateLtAddParams *params) noexcept
try
  {
    auto const &p = params->params;
    return (p.flags & lt::torrent_flags::seed_mode)
           || !p.have_pieces.none_set ();
  }
catch (...)
  {
    return FALSE;
  }

/* What libtorrent counts once it has read the params: whole pieces, less
 * their padding; a piece is wanted when a wanted file has bytes in it. */
static void
count_pieces (const lt::add_torrent_params &p, SpateLtStatus *out)
{
  const lt::file_storage &fs = p.ti->files ();
  const int n = fs.num_pieces ();
  const gint64 piece_length = fs.piece_length ();
  const bool seed = !!(p.flags & lt::torrent_flags::seed_mode);
  std::vector<gint64> payload (static_cast<size_t> (n));
  std::vector<bool> wanted (static_cast<size_t> (n), false);
  bool all_wanted = true;

  for (int i = 0; i < n; i++)
    payload[i] = fs.piece_size (lt::piece_index_t (i));
  for (lt::file_index_t i : fs.file_range ())
    {
      const gint64 start = fs.file_offset (i);
      const gint64 end = start + fs.file_size (i);
      const bool pad = fs.pad_file_at (i);
      const bool want
        = static_cast<int> (i) >= static_cast<int> (p.file_priorities.size ())
          || p.file_priorities[i] != lt::dont_download;

      if (start == end)
        continue;
      if (!pad && !want)
        all_wanted = false;
      for (gint64 piece = start / piece_length;
           piece < n && piece * piece_length < end; piece++)
        {
          if (pad)
            payload[piece] -= MIN (end, (piece + 1) * piece_length)
                              - MAX (start, piece * piece_length);
          else if (want)
            wanted[piece] = true;
        }
    }
  for (int i = 0; i < n; i++)
    {
      const lt::piece_index_t pi (i);
      const bool had
        = seed || (pi < p.have_pieces.end_index () && p.have_pieces[pi]);
      const bool want = all_wanted || wanted[i];

      out->num_pieces += had;
      out->total_done += had ? payload[i] : 0;
      out->total_wanted += want ? payload[i] : 0;
      out->total_wanted_done += had && want ? payload[i] : 0;
    }
}

void
spate_lt_add_params_get_status (SpateLtAddParams *params,
                                SpateLtStatus *out) noexcept
{
  const lt::add_torrent_params &p = params->params;

  memset (out, 0, sizeof *out);
  try
    {
      const lt::info_hash_t &ih = p.ti ? p.ti->info_hashes () : p.info_hashes;

      out->name = g_strdup (params->display_name.c_str ());
      out->save_path = g_strdup (p.save_path.c_str ());
      spate_lt_status_set_hashes (out, ih);
      out->state = SPATE_LT_STATE_CHECKING_RESUME_DATA;
      out->flags = spate_lt_flags_from_lt (p.flags);
      out->paused = !!(p.flags & lt::torrent_flags::paused);
      out->has_metadata = p.ti != nullptr;
      out->all_time_download = p.total_downloaded;
      out->all_time_upload = p.total_uploaded;
      out->added_time = p.added_time;
      out->completed_time = p.completed_time;
      out->active_seconds = p.active_time;
      out->seeding_seconds = p.seeding_time;
      out->finished_seconds = p.finished_time;
      out->num_complete = p.num_complete;
      out->num_incomplete = p.num_incomplete;
      out->upload_idle_seconds = -1;
      out->queue_position = -1;
      out->distributed_copies = -1;
      if (p.ti)
        {
          const lt::file_storage &fs = p.ti->files ();

          out->total_size = spate_lt_payload_size (fs);
          out->pieces_total = fs.num_pieces ();
          out->piece_length = fs.piece_length ();
          count_pieces (p, out);
          out->finished = out->total_wanted_done >= out->total_wanted;
          out->seeding = out->num_pieces == out->pieces_total;
          out->progress = out->total_wanted > 0
                            ? static_cast<double> (out->total_wanted_done)
                                / out->total_wanted
                            : 1.0;
          out->progress_ppm = static_cast<int> (out->progress * 1000000);
        }
      out->ratio = spate_lt_status_ratio (
        out->all_time_upload, out->all_time_download, out->total_done);
      out->eta = out->total_wanted_done < out->total_wanted ? -1 : 0;
    }
  catch (...)
    {
      spate_lt_status_clear (out);
    }
}

static bool
same_torrent (const lt::info_hash_t &a, const lt::info_hash_t &b)
{
  return (a.has_v1 () && b.has_v1 () && a.v1 == b.v1)
         || (a.has_v2 () && b.has_v2 () && a.v2 == b.v2);
}

gboolean
spate_lt_add_params_set_metadata (SpateLtAddParams *params, const guint8 *data,
                                  gsize size, GError **error) noexcept
try
  {
    g_autoptr (SpateLtInfo) info
      = spate_lt_info_new_from_bytes (data, size, error);
    if (info == nullptr)
      return FALSE;
    lt::add_torrent_params &p = params->params;
    const lt::info_hash_t &have = p.ti ? p.ti->info_hashes () : p.info_hashes;
    if (!same_torrent (have, info->info->info_hashes ()))
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "The metadata of “" + info->name + "” is not that of “"
                        + params->display_name + "”");
    p.ti = std::make_shared<lt::torrent_info> (*info->info);
    /* A magnet may name one hash of a hybrid torrent: take both. */
    p.info_hashes = p.ti->info_hashes ();
    finish_params (params);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

static void
check_save_path (const lt::add_torrent_params &p)
{
  if (p.save_path.empty ())
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "No folder to save “" + (p.ti ? p.ti->name () : p.name)
                      + "” in was given");
}

SpateLtTorrent *
spate_lt_session_add (SpateLtSession *session, SpateLtAddParams *params,
                      GError **error) noexcept
try
  {
    check_save_path (params->params);
    lt::error_code ec;
    lt::add_torrent_params p = params->params;
    p.flags |= lt::torrent_flags::duplicate_is_error;
    lt::torrent_handle h = session->session->add_torrent (std::move (p), ec);
    if (ec)
      {
        spate_lt_set_error_from_code (error, ec, params->display_name.c_str ());
        return nullptr;
      }
    return spate_lt_torrent_wrap (h);
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

void
spate_lt_session_add_async (SpateLtSession *session,
                            SpateLtAddParams *params) noexcept
{
  try
    {
      lt::add_torrent_params p = params->params;
      p.flags |= lt::torrent_flags::duplicate_is_error;
      session->session->async_add_torrent (std::move (p));
    }
  catch (...)
    {
      g_warning ("Could not queue “%s” for adding",
                 params->display_name.c_str ());
    }
}

SpateLtTorrent *
spate_lt_session_find (SpateLtSession *session, const char *info_hash) noexcept
try
  {
    if (info_hash == nullptr)
      return nullptr;
    size_t len = strlen (info_hash);
    lt::info_hash_t ih;
    if (len == 40)
      {
        lt::sha1_hash h;
        if (!spate_lt_hex_decode (info_hash, h.data (), h.size ()))
          return nullptr;
        ih = lt::info_hash_t (h);
      }
    else if (len == 64)
      {
        lt::sha256_hash h;
        if (!spate_lt_hex_decode (info_hash, h.data (), h.size ()))
          return nullptr;
        ih = lt::info_hash_t (h);
      }
    else
      return nullptr;
    lt::torrent_handle h = session->session->find_torrent (ih.get_best ());
    if (!h.is_valid ())
      return nullptr;
    return spate_lt_torrent_wrap (h);
  }
catch (...)
  {
    return nullptr;
  }

GPtrArray *
spate_lt_session_get_torrents (SpateLtSession *session) noexcept
try
  {
    GPtrArray *out = g_ptr_array_new_with_free_func (
      reinterpret_cast<GDestroyNotify> (spate_lt_torrent_free));
    for (const lt::torrent_handle &h : session->session->get_torrents ())
      g_ptr_array_add (out, spate_lt_torrent_wrap (h));
    return out;
  }
catch (...)
  {
    return g_ptr_array_new ();
  }

/* libtorrent 2.0.8 removes by info-hash: a second removal through a stale
 * handle, while the first torrent is still being torn down, takes out
 * whatever torrent now has that info-hash. When the same torrent was added
 * again in between, the new one was dropped from the session without being
 * stopped, freed while still in the session's auto-managed lists, and the
 * network thread crashed in recalculate_auto_managed_torrents(). */
gboolean
spate_lt_session_remove (SpateLtSession *session, SpateLtTorrent *torrent,
                         gboolean delete_files, GError **error) noexcept
try
  {
    lt::torrent_handle &h = spate_lt_torrent_checked (torrent);
    lt::session_handle ses = *session->session;
    lt::remove_flags_t flags
      = delete_files ? lt::session::delete_files : lt::remove_flags_t {};
    spate_lt_unless_removed (
      h, [ses, h, flags] () mutable { ses.remove_torrent (h, flags); });
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }
