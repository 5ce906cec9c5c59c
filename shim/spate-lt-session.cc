/* spate-lt-session.cc: the session, its alert eventfd, IP filter, state.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <cerrno>
#include <cstring>
#include <sys/eventfd.h>
#include <unistd.h>

#include <libtorrent/aux_/session_impl.hpp>
#include <libtorrent/session_params.hpp>
#include <libtorrent/session_stats.hpp>

SpateLtSession *
spate_lt_session_new (GVariant *settings, GBytes *state,
                      GError **error) noexcept
try
  {
    /* Take a floating a{sv} as given, like GLib's own calls do. */
    g_autoptr (GVariant) owned
      = settings != nullptr ? g_variant_ref_sink (settings) : nullptr;
    lt::session_params params;

    if (state != nullptr && g_bytes_get_size (state) > 0)
      {
        gsize size;
        auto *data
          = static_cast<const char *> (g_bytes_get_data (state, &size));
        lt::error_code ec;
        lt::bdecode_node node
          = lt::bdecode ({ data, static_cast<long> (size) }, ec);
        if (ec)
          spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                          "The saved session state is damaged: "
                            + ec.message ());
        params = lt::read_session_params (node, lt::session::save_dht_state);
      }

    params.settings = spate_lt_default_settings ();
    spate_lt_settings_pack_from_variant (params.settings, owned);

    /* Without bootstrap nodes to look up first, libtorrent 2.0.8 starts the
     * DHT before its sockets are open and drops the saved routing table:
     * start it once they are (the settings are applied after that). */
    bool dht_after_sockets
      = state != nullptr && g_bytes_get_size (state) > 0
        && params.settings.get_bool (lt::settings_pack::enable_dht)
        && params.settings.get_str (lt::settings_pack::dht_bootstrap_nodes)
             .empty ();
    if (dht_after_sockets)
      params.settings.set_bool (lt::settings_pack::enable_dht, false);

    auto self = std::make_unique<_SpateLtSession> ();
    self->notify_fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (self->notify_fd < 0)
      spate_lt_throw (SPATE_LT_ERROR_IO,
                      std::string ("Could not create an eventfd: ")
                        + g_strerror (errno));

    self->session = std::make_unique<lt::session> (std::move (params));
    if (dht_after_sockets)
      {
        lt::settings_pack dht;
        dht.set_bool (lt::settings_pack::enable_dht, true);
        self->session->apply_settings (std::move (dht));
      }

    int fd = self->notify_fd;
    /* Runs on libtorrent's thread: only poke the eventfd. */
    self->session->set_alert_notify ([fd] {
      guint64 one = 1;
      ssize_t r = write (fd, &one, sizeof one);
      (void) r;
    });
    /* Alerts queued before the callback was set would otherwise wait. */
    guint64 one = 1;
    ssize_t r = write (fd, &one, sizeof one);
    (void) r;

    return self.release ();
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

void
spate_lt_session_free (SpateLtSession *session) noexcept
{
  if (session == nullptr)
    return;
  try
    {
      session->session->set_alert_notify ([] {});
      session->session.reset ();
    }
  catch (...)
    {
      g_warning ("libtorrent failed to shut down cleanly");
    }
  if (session->notify_fd >= 0)
    close (session->notify_fd);
  delete session;
}

int
spate_lt_session_get_notify_fd (SpateLtSession *session) noexcept
{
  return session->notify_fd;
}

void
spate_lt_session_pause (SpateLtSession *session) noexcept
{
  try
    {
      session->session->pause ();
    }
  catch (...)
    {
    }
}

void
spate_lt_session_resume (SpateLtSession *session) noexcept
{
  try
    {
      session->session->resume ();
    }
  catch (...)
    {
    }
}

gboolean
spate_lt_session_is_paused (SpateLtSession *session) noexcept
try
  {
    return session->session->is_paused ();
  }
catch (...)
  {
    return FALSE;
  }

int
spate_lt_session_get_listen_port (SpateLtSession *session) noexcept
try
  {
    if (!session->session->is_listening ())
      return 0;
    return session->session->listen_port ();
  }
catch (...)
  {
    return 0;
  }

void
spate_lt_session_post_torrent_updates (SpateLtSession *session) noexcept
{
  try
    {
      /* query_torrent_file only copies a weak pointer; without it the
       * records lack the size and piece fields. */
      session->session->post_torrent_updates (
        lt::torrent_handle::query_name | lt::torrent_handle::query_save_path
        | lt::torrent_handle::query_torrent_file);
    }
  catch (...)
    {
    }
}

void
spate_lt_session_post_stats (SpateLtSession *session) noexcept
{
  try
    {
      session->session->post_session_stats ();
    }
  catch (...)
    {
    }
}

int
spate_lt_stats_metric_index (const char *name, GError **error) noexcept
try
  {
    int index = name != nullptr ? lt::find_metric_idx (name) : -1;
    if (index < 0)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("libtorrent has no statistic “")
                        + (name != nullptr ? name : "") + "”");
    return index;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return -1;
  }

char **
spate_lt_stats_metric_names (void) noexcept
try
  {
    std::vector<lt::stats_metric> metrics = lt::session_stats_metrics ();
    GPtrArray *names = g_ptr_array_new ();
    for (const auto &m : metrics)
      g_ptr_array_add (names, g_strdup (m.name));
    g_ptr_array_sort (names, [] (gconstpointer a, gconstpointer b) {
      return strcmp (*static_cast<char * const *> (a),
                     *static_cast<char * const *> (b));
    });
    g_ptr_array_add (names, nullptr);
    return reinterpret_cast<char **> (g_ptr_array_free (names, FALSE));
  }
catch (...)
  {
    return g_new0 (char *, 1);
  }

gboolean
spate_lt_session_add_dht_node (SpateLtSession *session, const char *host,
                               int port, GError **error) noexcept
try
  {
    if (host == nullptr || *host == '\0' || port <= 0 || port > 65535)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      "A DHT node needs a host and a port between 1 and 65535");
    session->session->add_dht_node ({ host, port });
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_is_dht_running (SpateLtSession *session) noexcept
try
  {
    return session->session->is_dht_running ();
  }
catch (...)
  {
    return FALSE;
  }

GBytes *
spate_lt_session_save_state (SpateLtSession *session, GError **error) noexcept
try
  {
    lt::session_params params
      = session->session->session_state (lt::session::save_dht_state);
    std::vector<char> buf
      = lt::write_session_params_buf (params, lt::session::save_dht_state);
    return g_bytes_new (buf.data (), buf.size ());
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

void
spate_lt_session_set_encryption (SpateLtSession *session,
                                 SpateLtEncryption policy) noexcept
{
  try
    {
      lt::settings_pack pack;
      int in_out;
      int level;
      switch (policy)
        {
        case SPATE_LT_ENCRYPTION_DISABLED:
          in_out = lt::settings_pack::pe_disabled;
          level = lt::settings_pack::pe_plaintext;
          break;
        case SPATE_LT_ENCRYPTION_FORCED:
          in_out = lt::settings_pack::pe_forced;
          level = lt::settings_pack::pe_rc4;
          break;
        case SPATE_LT_ENCRYPTION_ENABLED:
        default:
          in_out = lt::settings_pack::pe_enabled;
          level = lt::settings_pack::pe_both;
          break;
        }
      pack.set_int (lt::settings_pack::in_enc_policy, in_out);
      pack.set_int (lt::settings_pack::out_enc_policy, in_out);
      pack.set_int (lt::settings_pack::allowed_enc_level, level);
      pack.set_bool (lt::settings_pack::prefer_rc4,
                     policy == SPATE_LT_ENCRYPTION_FORCED);
      session->session->apply_settings (std::move (pack));
    }
  catch (...)
    {
      g_warning ("Could not change the encryption policy");
    }
}

SpateLtEncryption
spate_lt_session_get_encryption (SpateLtSession *session) noexcept
try
  {
    lt::settings_pack pack = session->session->get_settings ();
    int out = pack.get_int (lt::settings_pack::out_enc_policy);
    if (out == lt::settings_pack::pe_forced)
      return SPATE_LT_ENCRYPTION_FORCED;
    if (out == lt::settings_pack::pe_disabled)
      return SPATE_LT_ENCRYPTION_DISABLED;
    return SPATE_LT_ENCRYPTION_ENABLED;
  }
catch (...)
  {
    return SPATE_LT_ENCRYPTION_ENABLED;
  }

/* ---------------------------------------------------------------- IP filter */

SpateLtIpFilter *
spate_lt_ip_filter_new (void) noexcept
{
  return new (std::nothrow) _SpateLtIpFilter ();
}

void
spate_lt_ip_filter_free (SpateLtIpFilter *filter) noexcept
{
  delete filter;
}

gboolean
spate_lt_ip_filter_add_range (SpateLtIpFilter *filter, const char *first,
                              const char *last, gboolean blocked,
                              GError **error) noexcept
try
  {
    lt::address a = spate_lt_parse_address (first);
    lt::address b = spate_lt_parse_address (last);
    if (a.is_v4 () != b.is_v4 ())
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("The range ") + first + " – " + last
                        + " mixes IPv4 and IPv6");
    if (b < a)
      spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                      std::string ("The range ") + first + " – " + last
                        + " ends before it starts");
    filter->filter.add_rule (a, b, blocked ? lt::ip_filter::blocked : 0);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gsize
spate_lt_ip_filter_count (SpateLtIpFilter *filter) noexcept
try
  {
    auto ranges = filter->filter.export_filter ();
    gsize n = 0;
    for (const auto &r : std::get<0> (ranges))
      if (r.flags & lt::ip_filter::blocked)
        n++;
    for (const auto &r : std::get<1> (ranges))
      if (r.flags & lt::ip_filter::blocked)
        n++;
    return n;
  }
catch (...)
  {
    return 0;
  }

gboolean
spate_lt_ip_filter_is_blocked (SpateLtIpFilter *filter, const char *address,
                               GError **error) noexcept
try
  {
    lt::address a = spate_lt_parse_address (address);
    return (filter->filter.access (a) & lt::ip_filter::blocked) != 0;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

void
spate_lt_session_set_ip_filter (SpateLtSession *session,
                                SpateLtIpFilter *filter) noexcept
{
  try
    {
      session->session->set_ip_filter (filter->filter);
    }
  catch (...)
    {
      g_warning ("Could not apply the IP filter");
    }
}

SpateLtIpFilter *
spate_lt_session_get_ip_filter (SpateLtSession *session) noexcept
try
  {
    auto *copy = new _SpateLtIpFilter ();
    copy->filter = session->session->get_ip_filter ();
    return copy;
  }
catch (...)
  {
    return spate_lt_ip_filter_new ();
  }

void
spate_lt_session_clear_ip_filter (SpateLtSession *session) noexcept
{
  try
    {
      session->session->set_ip_filter (lt::ip_filter ());
    }
  catch (...)
    {
    }
}

guint
spate_lt_session_count_listed (SpateLtSession *session) noexcept
try
  {
    std::shared_ptr<lt::aux::session_impl> impl
      = session->session->native_handle ();
    guint count = 0;
    /* The lists belong to the network thread: count them there. */
    spate_lt_call_on_network_thread (impl->get_context (), [&impl, &count] {
      for (std::size_t i = 0; i < lt::aux::session_interface::num_torrent_lists;
           i++)
        count
          += impl->torrent_list (lt::torrent_list_index_t (int (i))).size ();
    });
    return count;
  }
catch (...)
  {
    return 0;
  }
