/* spate-lt-dht.cc: BEP 44 items, keys and announces on the DHT.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <libtorrent/bencode.hpp>
#include <libtorrent/entry.hpp>
#include <libtorrent/kademlia/ed25519.hpp>
#include <libtorrent/kademlia/item.hpp>
#include <libtorrent/kademlia/types.hpp>

void
spate_lt_ed25519_create_seed (guint8 seed[32]) noexcept
{
  try
    {
      std::array<char, 32> s = lt::dht::ed25519_create_seed ();
      memcpy (seed, s.data (), 32);
    }
  catch (...)
    {
      /* The system's random source failed; fall back to GLib's. */
      for (int i = 0; i < 32; i++)
        seed[i] = static_cast<guint8> (g_random_int ());
    }
}

void
spate_lt_ed25519_keypair_from_seed (const guint8 seed[32],
                                    guint8 public_key[32],
                                    guint8 secret_key[64]) noexcept
{
  std::array<char, 32> s;
  memcpy (s.data (), seed, 32);
  auto [pk, sk] = lt::dht::ed25519_create_keypair (s);
  memcpy (public_key, pk.bytes.data (), 32);
  memcpy (secret_key, sk.bytes.data (), 64);
}

static void
check_dht (SpateLtSession *session)
{
  if (!session->session->is_dht_running ())
    spate_lt_throw (SPATE_LT_ERROR_FAILED,
                    "The DHT is off; turn on “enable_dht” first");
}

/* BEP 44 caps a value at 1000 bytes once bencoded. */
static std::string
checked_value (const guint8 *value, gsize size)
{
  if (value == nullptr && size > 0)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT, "No value given");
  if (size > 990)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "A DHT item holds at most 990 bytes; this one has "
                      + std::to_string (size));
  return std::string (reinterpret_cast<const char *> (value), size);
}

static std::string
checked_salt (const guint8 *salt, gsize salt_size)
{
  if (salt_size > 64)
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "A DHT salt is at most 64 bytes");
  return salt != nullptr
           ? std::string (reinterpret_cast<const char *> (salt), salt_size)
           : std::string ();
}

static lt::sha1_hash
parse_sha1 (const char *hex, const char *what)
{
  lt::sha1_hash h;
  if (!spate_lt_hex_decode (hex, h.data (), h.size ()))
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    std::string ("“") + (hex ? hex : "") + "” is not a " + what
                      + " (40 hexadecimal digits)");
  return h;
}

gboolean
spate_lt_session_dht_put_immutable (SpateLtSession *session,
                                    const guint8 *value, gsize size,
                                    char target_hex[41],
                                    GError **error) noexcept
try
  {
    std::string v = checked_value (value, size);
    check_dht (session);
    lt::sha1_hash target = session->session->dht_put_item (lt::entry (v));
    g_strlcpy (target_hex, spate_lt_hex_encode (target.data (), 20).c_str (),
               41);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_dht_get_immutable (SpateLtSession *session,
                                    const char *target_hex,
                                    GError **error) noexcept
try
  {
    lt::sha1_hash target = parse_sha1 (target_hex, "DHT item target");
    check_dht (session);
    session->session->dht_get_item (target);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_dht_put_mutable (SpateLtSession *session,
                                  const guint8 public_key[32],
                                  const guint8 secret_key[64],
                                  const guint8 *salt, gsize salt_size,
                                  const guint8 *value, gsize size,
                                  GError **error) noexcept
try
  {
    std::string v = checked_value (value, size);
    std::string s = checked_salt (salt, salt_size);
    check_dht (session);

    std::array<char, 32> pk;
    std::array<char, 64> sk;
    memcpy (pk.data (), public_key, 32);
    memcpy (sk.data (), secret_key, 64);

    /* Runs on libtorrent's thread with the newest item found, so the new
     * sequence number is above whatever the DHT holds. */
    auto sign = [pk, sk, v] (lt::entry &item, std::array<char, 64> &sig,
                             std::int64_t &seq, const std::string &item_salt) {
      item = lt::entry (v);
      std::vector<char> buf;
      lt::bencode (std::back_inserter (buf), item);
      seq++;
      lt::dht::signature signature = lt::dht::sign_mutable_item (
        buf, item_salt, lt::dht::sequence_number (seq),
        lt::dht::public_key (pk.data ()), lt::dht::secret_key (sk.data ()));
      sig = signature.bytes;
    };
    session->session->dht_put_item (pk, sign, s);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_dht_get_mutable (SpateLtSession *session,
                                  const guint8 public_key[32],
                                  const guint8 *salt, gsize salt_size,
                                  GError **error) noexcept
try
  {
    std::string s = checked_salt (salt, salt_size);
    check_dht (session);
    std::array<char, 32> pk;
    memcpy (pk.data (), public_key, 32);
    session->session->dht_get_item (pk, s);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_dht_announce (SpateLtSession *session,
                               const char *info_hash_hex, int port,
                               GError **error) noexcept
try
  {
    lt::sha1_hash ih = parse_sha1 (info_hash_hex, "v1 info-hash");
    if (port < 0 || port > 65535)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "A port is between 0 (the listen port) and 65535");
    check_dht (session);
    session->session->dht_announce (ih, port);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_dht_get_peers (SpateLtSession *session,
                                const char *info_hash_hex,
                                GError **error) noexcept
try
  {
    lt::sha1_hash ih = parse_sha1 (info_hash_hex, "v1 info-hash");
    check_dht (session);
    session->session->dht_get_peers (ih);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }
