/* spate-lt-error.cc: exceptions and error codes into GErrors.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <libtorrent/bdecode.hpp>
#include <libtorrent/error.hpp>

GQuark
spate_lt_error_quark (void) noexcept
{
  return g_quark_from_static_string ("spate-lt-error-quark");
}

static SpateLtError
code_for (const lt::error_code &ec)
{
  if (ec.category () == lt::libtorrent_category ())
    {
      switch (ec.value ())
        {
        case lt::errors::invalid_torrent_handle:
          return SPATE_LT_ERROR_INVALID_HANDLE;
        case lt::errors::duplicate_torrent:
          return SPATE_LT_ERROR_DUPLICATE_TORRENT;
        case lt::errors::unsupported_url_protocol:
        case lt::errors::missing_info_hash_in_uri:
        case lt::errors::invalid_info_hash:
          return SPATE_LT_ERROR_INVALID_MAGNET;
        case lt::errors::torrent_is_no_dict:
        case lt::errors::torrent_missing_info:
        case lt::errors::torrent_info_no_dict:
        case lt::errors::torrent_missing_piece_length:
        case lt::errors::torrent_missing_name:
        case lt::errors::torrent_invalid_name:
        case lt::errors::torrent_invalid_length:
        case lt::errors::torrent_file_parse_failed:
        case lt::errors::torrent_missing_pieces:
        case lt::errors::torrent_invalid_hashes:
        case lt::errors::too_many_pieces_in_torrent:
        case lt::errors::invalid_piece_size:
        case lt::errors::torrent_invalid_piece_layer:
        case lt::errors::torrent_missing_file_tree:
        case lt::errors::torrent_missing_meta_version:
        case lt::errors::torrent_inconsistent_files:
        case lt::errors::torrent_unknown_version:
        case lt::errors::invalid_file_tag:
        case lt::errors::no_files_in_torrent:
        case lt::errors::invalid_bencoding:
          return SPATE_LT_ERROR_INVALID_TORRENT;
        default:
          break;
        }
    }
  if (ec.category () == lt::bdecode_category ())
    return SPATE_LT_ERROR_INVALID_TORRENT;
  if (ec.category () == lt::generic_category ()
      || ec.category () == lt::system_category ())
    return SPATE_LT_ERROR_IO;
  return SPATE_LT_ERROR_FAILED;
}

void
spate_lt_set_error_from_code (GError **error, const lt::error_code &ec,
                              const char *what) noexcept
{
  try
    {
      std::string message = ec.message ();
      if (what != nullptr && *what != '\0')
        g_set_error (error, SPATE_LT_ERROR, code_for (ec), "%s: %s", what,
                     message.c_str ());
      else
        g_set_error_literal (error, SPATE_LT_ERROR, code_for (ec),
                             message.c_str ());
    }
  catch (...)
    {
      g_set_error_literal (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED,
                           "Unknown libtorrent error");
    }
}

void
spate_lt_set_error_from_exception (GError **error) noexcept
{
  try
    {
      throw;
    }
  catch (const spate_lt_exception &e)
    {
      g_set_error_literal (error, SPATE_LT_ERROR, e.code, e.what ());
    }
  catch (const lt::system_error &e)
    {
      spate_lt_set_error_from_code (error, e.code (), nullptr);
    }
  catch (const std::bad_alloc &)
    {
      g_set_error_literal (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED,
                           "Out of memory");
    }
  catch (const std::exception &e)
    {
      g_set_error_literal (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED,
                           e.what ());
    }
  catch (...)
    {
      g_set_error_literal (error, SPATE_LT_ERROR, SPATE_LT_ERROR_FAILED,
                           "Unknown error in libtorrent");
    }
}

void
spate_lt_throw (SpateLtError code, const std::string &message)
{
  throw spate_lt_exception (code, message);
}

void
spate_lt_error_info_fill (SpateLtErrorInfo *info, const lt::error_code &ec,
                          std::string &message_storage)
{
  if (!ec)
    {
      info->category = nullptr;
      info->code = 0;
      info->message = nullptr;
      return;
    }
  message_storage = ec.message ();
  info->category = ec.category ().name ();
  info->code = ec.value ();
  info->message = message_storage.c_str ();
}

lt::address
spate_lt_parse_address (const char *text)
{
  if (text == nullptr)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT, "No IP address given");
  lt::error_code ec;
  lt::address addr = lt::make_address (text, ec);
  if (ec)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    std::string ("“") + text + "” is not an IP address");
  return addr;
}
