/* spate-lt-create.cc: making a .torrent from a file or folder.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/file_storage.hpp>

/* Thrown from the hashing callback to stop set_piece_hashes(). */
struct cancelled_error
{
};

static lt::create_flags_t
flags_for (SpateLtCreateFormat format)
{
  switch (format)
    {
    case SPATE_LT_CREATE_V1:
      return lt::create_torrent::v1_only;
    case SPATE_LT_CREATE_V2:
      return lt::create_torrent::v2_only;
    case SPATE_LT_CREATE_HYBRID:
    default:
      return {};
    }
}

static void
check_params (const SpateLtCreateParams *p)
{
  if (p == nullptr || p->path == nullptr || *p->path == '\0')
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "No file or folder to share was given");
  if (!g_file_test (p->path, G_FILE_TEST_EXISTS))
    spate_lt_throw (SPATE_LT_ERROR_IO,
                    std::string ("“") + p->path + "” does not exist");
  int ps = p->piece_size;
  if (ps != 0 && (ps < 16 * 1024 || (ps & (ps - 1)) != 0))
    spate_lt_throw (
      SPATE_LT_ERROR_INVALID_ARGUMENT,
      "The piece size must be a power of two of at least 16 KiB, not "
        + std::to_string (ps));
  for (int i = 0; p->trackers != nullptr && p->trackers[i] != nullptr; i++)
    if (!spate_lt_url_has_host (p->trackers[i]))
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("“") + p->trackers[i]
                        + "” is not a valid tracker URL");
  for (int i = 0; p->web_seeds != nullptr && p->web_seeds[i] != nullptr; i++)
    if (!spate_lt_url_has_host (p->web_seeds[i]))
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("“") + p->web_seeds[i]
                        + "” is not a valid web seed URL");
}

GBytes *
spate_lt_create_torrent (const SpateLtCreateParams *params,
                         SpateLtCreateProgress progress, gpointer user_data,
                         GCancellable *cancellable, GError **error) noexcept
try
  {
    check_params (params);

    g_autofree char *absolute = g_canonicalize_filename (params->path, nullptr);
    g_autofree char *parent = g_path_get_dirname (absolute);

    lt::file_storage fs;
    lt::add_files (fs, absolute, flags_for (params->format));
    if (fs.num_files () == 0 || fs.total_size () == 0)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("“") + params->path
                        + "” holds no data to share");

    lt::create_torrent ct (fs, params->piece_size, flags_for (params->format));

    for (int i = 0;
         params->trackers != nullptr && params->trackers[i] != nullptr; i++)
      ct.add_tracker (params->trackers[i], params->tracker_tiers != nullptr
                                             ? params->tracker_tiers[i]
                                             : i);
    for (int i = 0;
         params->web_seeds != nullptr && params->web_seeds[i] != nullptr; i++)
      ct.add_url_seed (params->web_seeds[i]);
    ct.set_priv (params->is_private);
    if (params->comment != nullptr)
      ct.set_comment (params->comment);
    ct.set_creator (params->creator != nullptr ? params->creator : "Spate");
    if (params->no_creation_date)
      ct.set_creation_date (0);

    int total = ct.num_pieces ();
    int done = 0;
    lt::error_code ec;
    try
      {
        lt::set_piece_hashes (
          ct, parent,
          [&] (lt::piece_index_t) {
            if (g_cancellable_is_cancelled (cancellable))
              throw cancelled_error ();
            done++;
            if (progress != nullptr)
              progress (done, total, user_data);
          },
          ec);
      }
    catch (const cancelled_error &)
      {
        g_set_error_literal (error, SPATE_LT_ERROR, SPATE_LT_ERROR_CANCELLED,
                             "Creating the torrent was cancelled");
        return nullptr;
      }
    if (ec)
      {
        g_autofree char *display = g_filename_display_name (params->path);
        spate_lt_set_error_from_code (error, ec, display);
        return nullptr;
      }

    lt::entry e = ct.generate ();
    if (params->source != nullptr && *params->source != '\0')
      e["info"]["source"] = params->source;
    if (params->no_creation_date)
      e.dict ().erase ("creation date");

    std::vector<char> buf;
    lt::bencode (std::back_inserter (buf), e);
    return g_bytes_new (buf.data (), buf.size ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }
