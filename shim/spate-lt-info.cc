/* spate-lt-info.cc: what a .torrent or magnet says, without a session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <libtorrent/magnet_uri.hpp>

static void
fill_hashes (SpateLtInfo *self, const lt::info_hash_t &ih)
{
  if (ih.has_v1 ())
    self->hash_v1 = spate_lt_hex_encode (ih.v1.data (), ih.v1.size ());
  if (ih.has_v2 ())
    self->hash_v2 = spate_lt_hex_encode (ih.v2.data (), ih.v2.size ());
}

gint64
spate_lt_payload_size (const lt::file_storage &fs)
{
  /* What a person downloads: pad files are not theirs. */
  gint64 size = fs.total_size ();
  for (lt::file_index_t i : fs.file_range ())
    if (fs.pad_file_at (i))
      size -= fs.file_size (i);
  return size;
}

SpateLtInfo *
spate_lt_info_wrap (std::shared_ptr<const lt::torrent_info> ti)
{
  auto self = std::make_unique<_SpateLtInfo> ();
  self->name = ti->name ();
  self->comment = ti->comment ();
  self->creator = ti->creator ();
  fill_hashes (self.get (), ti->info_hashes ());
  self->payload_size = spate_lt_payload_size (ti->files ());
  self->info = std::move (ti);
  return self.release ();
}

SpateLtInfo *
spate_lt_info_new_from_bytes (const guint8 *data, gsize size,
                              GError **error) noexcept
try
  {
    if (data == nullptr || size == 0)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_TORRENT,
                      "The torrent file is empty");
    lt::error_code ec;
    auto ti = std::make_shared<lt::torrent_info> (
      lt::span<const char> (reinterpret_cast<const char *> (data),
                            static_cast<long> (size)),
      ec, lt::from_span);
    if (ec)
      {
        spate_lt_set_error_from_code (error, ec, "Not a valid torrent file");
        return nullptr;
      }
    return spate_lt_info_wrap (std::move (ti));
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

SpateLtInfo *
spate_lt_info_new_from_file (const char *path, GError **error) noexcept
try
  {
    g_autofree char *contents = nullptr;
    gsize size = 0;
    GError *local = nullptr;

    if (!g_file_get_contents (path, &contents, &size, &local))
      {
        g_propagate_error (error, local);
        return nullptr;
      }
    SpateLtInfo *info = spate_lt_info_new_from_bytes (
      reinterpret_cast<guint8 *> (contents), size, &local);
    if (info == nullptr)
      {
        g_autofree char *display = g_filename_display_name (path);
        g_propagate_prefixed_error (error, local, "%s: ", display);
      }
    return info;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

static bool
all_chars_in (const char *s, size_t len, const char *allowed)
{
  for (size_t i = 0; i < len; i++)
    if (s[i] == '\0' || strchr (allowed, g_ascii_toupper (s[i])) == nullptr)
      return false;
  return true;
}

/* libtorrent takes some malformed hashes silently; a person should hear
 * that the link is broken instead. */
static void
check_magnet_hashes (const char *uri)
{
  const char *query = strchr (uri, '?');
  if (query == nullptr)
    return;
  g_auto (GStrv) params = g_strsplit (query + 1, "&", -1);
  for (char **p = params; *p != nullptr; p++)
    {
      /* libtorrent reads the keys in any case. */
      if (g_ascii_strncasecmp (*p, "xt=", 3) != 0)
        continue;
      g_autofree char *xt = g_uri_unescape_string (*p + 3, nullptr);
      if (xt == nullptr)
        spate_lt_throw (
          SPATE_LT_ERROR_INVALID_MAGNET,
          "Not a valid magnet link: the info-hash is badly escaped");
      const char *hash = nullptr;
      bool ok = true;
      if (g_str_has_prefix (xt, "urn:btih:"))
        {
          hash = xt + strlen ("urn:btih:");
          size_t len = strlen (hash);
          ok = (len == 40 && all_chars_in (hash, len, "0123456789ABCDEF"))
               || (len == 32
                   && all_chars_in (hash, len,
                                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
        }
      else if (g_str_has_prefix (xt, "urn:btmh:"))
        {
          hash = xt + strlen ("urn:btmh:");
          ok = strlen (hash) == 68 && g_str_has_prefix (hash, "1220")
               && all_chars_in (hash, 68, "0123456789ABCDEF");
        }
      if (!ok)
        spate_lt_throw (SPATE_LT_ERROR_INVALID_MAGNET,
                        std::string ("Not a valid magnet link: “") + hash
                          + "” is not an info-hash (40 hexadecimal digits or "
                            "32 base32 letters)");
    }
}

SpateLtInfo *
spate_lt_info_new_from_magnet (const char *uri, GError **error) noexcept
try
  {
    if (uri == nullptr || !g_str_has_prefix (uri, "magnet:"))
      spate_lt_throw (SPATE_LT_ERROR_INVALID_MAGNET,
                      "Not a magnet link: it must start with “magnet:”");
    check_magnet_hashes (uri);
    lt::error_code ec;
    auto self = std::make_unique<_SpateLtInfo> ();
    lt::parse_magnet_uri (uri, self->magnet, ec);
    if (ec)
      {
        spate_lt_set_error_from_code (error, ec, "Not a valid magnet link");
        return nullptr;
      }
    fill_hashes (self.get (), self->magnet.info_hashes);
    if (self->hash_v1.empty () && self->hash_v2.empty ())
      spate_lt_throw (SPATE_LT_ERROR_INVALID_MAGNET,
                      "Not a valid magnet link: it names no info-hash");
    self->name = !self->magnet.name.empty ()
                   ? self->magnet.name
                   : (!self->hash_v1.empty () ? self->hash_v1 : self->hash_v2);
    return self.release ();
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

void
spate_lt_info_free (SpateLtInfo *info) noexcept
{
  delete info;
}

gboolean
spate_lt_info_has_metadata (SpateLtInfo *info) noexcept
{
  return info->info != nullptr;
}

const char *
spate_lt_info_get_name (SpateLtInfo *info) noexcept
{
  return info->name.c_str ();
}

const char *
spate_lt_info_get_info_hash_v1 (SpateLtInfo *info) noexcept
{
  return info->hash_v1.empty () ? nullptr : info->hash_v1.c_str ();
}

const char *
spate_lt_info_get_info_hash_v2 (SpateLtInfo *info) noexcept
{
  return info->hash_v2.empty () ? nullptr : info->hash_v2.c_str ();
}

gint64
spate_lt_info_get_total_size (SpateLtInfo *info) noexcept
{
  return info->info ? info->payload_size : 0;
}

int
spate_lt_info_get_num_pieces (SpateLtInfo *info) noexcept
{
  return info->info ? info->info->num_pieces () : 0;
}

int
spate_lt_info_get_piece_length (SpateLtInfo *info) noexcept
{
  return info->info ? info->info->piece_length () : 0;
}

int
spate_lt_info_get_num_files (SpateLtInfo *info) noexcept
{
  return info->info ? info->info->num_files () : 0;
}

static SpateLtFileFlags
file_flags (const lt::file_storage &fs, lt::file_index_t i)
{
  int flags = 0;
  lt::file_flags_t f = fs.file_flags (i);
  if (f & lt::file_storage::flag_pad_file)
    flags |= SPATE_LT_FILE_PAD;
  if (f & lt::file_storage::flag_hidden)
    flags |= SPATE_LT_FILE_HIDDEN;
  if (f & lt::file_storage::flag_executable)
    flags |= SPATE_LT_FILE_EXECUTABLE;
  if (f & lt::file_storage::flag_symlink)
    flags |= SPATE_LT_FILE_SYMLINK;
  return static_cast<SpateLtFileFlags> (flags);
}

gboolean
spate_lt_info_get_file (SpateLtInfo *info, int index, SpateLtFile *out) noexcept
try
  {
    memset (out, 0, sizeof *out);
    if (!info->info || index < 0 || index >= info->info->num_files ())
      return FALSE;
    const lt::file_storage &fs = info->info->files ();
    lt::file_index_t i (index);
    out->path = g_strdup (fs.file_path (i).c_str ());
    out->size = fs.file_size (i);
    out->offset = fs.file_offset (i);
    out->done = -1;
    out->priority = SPATE_LT_PRIORITY_NORMAL;
    out->flags = file_flags (fs, i);
    return TRUE;
  }
catch (...)
  {
    return FALSE;
  }

int
spate_lt_info_get_num_trackers (SpateLtInfo *info) noexcept
{
  if (info->info)
    return static_cast<int> (info->info->trackers ().size ());
  return static_cast<int> (info->magnet.trackers.size ());
}

const char *
spate_lt_info_get_tracker (SpateLtInfo *info, int index, int *tier) noexcept
{
  if (index < 0 || index >= spate_lt_info_get_num_trackers (info))
    return nullptr;
  if (info->info)
    {
      const lt::announce_entry &ae = info->info->trackers ()[index];
      if (tier != nullptr)
        *tier = ae.tier;
      return ae.url.c_str ();
    }
  if (tier != nullptr)
    *tier = static_cast<size_t> (index) < info->magnet.tracker_tiers.size ()
              ? info->magnet.tracker_tiers[index]
              : 0;
  return info->magnet.trackers[index].c_str ();
}

int
spate_lt_info_get_num_web_seeds (SpateLtInfo *info) noexcept
{
  if (info->info)
    return static_cast<int> (info->info->web_seeds ().size ());
  return static_cast<int> (info->magnet.url_seeds.size ());
}

const char *
spate_lt_info_get_web_seed (SpateLtInfo *info, int index,
                            SpateLtWebSeedType *type) noexcept
{
  if (index < 0 || index >= spate_lt_info_get_num_web_seeds (info))
    return nullptr;
  if (info->info)
    {
      const lt::web_seed_entry &ws = info->info->web_seeds ()[index];
      if (type != nullptr)
        *type = ws.type == lt::web_seed_entry::http_seed
                  ? SPATE_LT_WEB_SEED_HTTP
                  : SPATE_LT_WEB_SEED_URL;
      return ws.url.c_str ();
    }
  if (type != nullptr)
    *type = SPATE_LT_WEB_SEED_URL;
  return info->magnet.url_seeds[index].c_str ();
}

const char *
spate_lt_info_get_comment (SpateLtInfo *info) noexcept
{
  return info->comment.c_str ();
}

const char *
spate_lt_info_get_creator (SpateLtInfo *info) noexcept
{
  return info->creator.c_str ();
}

gint64
spate_lt_info_get_creation_date (SpateLtInfo *info) noexcept
{
  return info->info ? static_cast<gint64> (info->info->creation_date ()) : 0;
}

gboolean
spate_lt_info_is_private (SpateLtInfo *info) noexcept
{
  return info->info ? info->info->priv () : FALSE;
}

char *
spate_lt_info_make_magnet (SpateLtInfo *info) noexcept
try
  {
    std::string uri = info->info ? lt::make_magnet_uri (*info->info)
                                 : lt::make_magnet_uri (info->magnet);
    return g_strdup (uri.c_str ());
  }
catch (...)
  {
    return nullptr;
  }
