/* spate-lt-settings.cc: libtorrent settings by name, Spate's defaults.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-lt-private.hh"

#include <algorithm>
#include <climits>

#include <libtorrent/alert.hpp>
#include <libtorrent/fingerprint.hpp>

static const char *
type_name (SpateLtSettingType type)
{
  switch (type)
    {
    case SPATE_LT_SETTING_STRING:
      return "a string";
    case SPATE_LT_SETTING_INT:
      return "a number";
    case SPATE_LT_SETTING_BOOL:
      return "true or false";
    default:
      return "unknown";
    }
}

static SpateLtSettingType
type_of (int index)
{
  switch (index & lt::settings_pack::type_mask)
    {
    case lt::settings_pack::string_type_base:
      return SPATE_LT_SETTING_STRING;
    case lt::settings_pack::int_type_base:
      return SPATE_LT_SETTING_INT;
    default:
      return SPATE_LT_SETTING_BOOL;
    }
}

/* Index of a setting by name; throws an error naming it when unknown. */
static int
index_for (const char *name)
{
  if (name == nullptr || *name == '\0')
    spate_lt_throw (SPATE_LT_ERROR_UNKNOWN_SETTING, "No setting name given");
  int index = lt::setting_by_name (name);
  if (index < 0)
    spate_lt_throw (SPATE_LT_ERROR_UNKNOWN_SETTING,
                    std::string ("libtorrent has no setting “") + name + "”");
  return index;
}

static void
check_type (const char *name, int index, SpateLtSettingType wanted)
{
  SpateLtSettingType actual = type_of (index);
  if (actual != wanted)
    spate_lt_throw (SPATE_LT_ERROR_SETTING_TYPE,
                    std::string ("The setting “") + name + "” takes "
                      + type_name (actual) + ", not " + type_name (wanted));
}

lt::settings_pack
spate_lt_default_settings (void)
{
  lt::settings_pack pack;

  pack.set_str (lt::settings_pack::user_agent, "Spate/" SPATE_VERSION);
  pack.set_str (lt::settings_pack::peer_fingerprint,
                lt::generate_fingerprint ("SZ", 0, 1, 0));
  pack.set_int (
    lt::settings_pack::alert_mask,
    static_cast<int> (static_cast<std::uint32_t> (
      lt::alert_category::status | lt::alert_category::error
      | lt::alert_category::storage | lt::alert_category::tracker
      | lt::alert_category::ip_block | lt::alert_category::dht
      | lt::alert_category::dht_operation | lt::alert_category::port_mapping
      | lt::alert_category::file_progress | lt::alert_category::piece_progress
      | lt::alert_category::performance_warning)));
  /* Room for a state update of 10,000 torrents plus their other alerts. */
  pack.set_int (lt::settings_pack::alert_queue_size, 100000);
  /* pread/pwrite: mmap makes page cache count as our RSS (4.29 GB → ~150 MB). */
  pack.set_int (lt::settings_pack::mmap_file_size_cutoff, INT_MAX);
  pack.set_int (lt::settings_pack::disk_write_mode,
                lt::settings_pack::always_pwrite);
  pack.set_int (lt::settings_pack::hashing_threads, 2);
  /* Connect over TCP; uTP connections from peers are still accepted.
   * Trying uTP first cost 4.5 s before the first byte from a TCP-only
   * peer, and from a peer offering uTP gave 10 MB/s instead of 266 over
   * loopback (docs/decisions.md, 2026-11-22). */
  pack.set_bool (lt::settings_pack::enable_outgoing_utp, false);
  return pack;
}

static SpateLtSettingType
variant_setting_type (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return SPATE_LT_SETTING_STRING;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return SPATE_LT_SETTING_BOOL;
  return SPATE_LT_SETTING_INT;
}

static gint64
variant_to_int64 (const char *name, GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return (gint64) MIN (g_variant_get_uint64 (value), (guint64) G_MAXINT64);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT16))
    return g_variant_get_int16 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16))
    return g_variant_get_uint16 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTE))
    return g_variant_get_byte (value);
  spate_lt_throw (SPATE_LT_ERROR_SETTING_TYPE,
                  std::string ("The setting “") + name
                    + "” takes a number, not a value of type "
                    + g_variant_get_type_string (value));
}

static void
pack_set_variant (lt::settings_pack &pack, const char *name, GVariant *value)
{
  int index = index_for (name);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr (GVariant) inner = g_variant_get_variant (value);
      pack_set_variant (pack, name, inner);
      return;
    }

  check_type (name, index, variant_setting_type (value));
  switch (type_of (index))
    {
    case SPATE_LT_SETTING_STRING:
      pack.set_str (index, g_variant_get_string (value, nullptr));
      break;

    case SPATE_LT_SETTING_BOOL:
      pack.set_bool (index, g_variant_get_boolean (value));
      break;

    case SPATE_LT_SETTING_INT:
      {
        gint64 v = variant_to_int64 (name, value);
        /* libtorrent's int settings are 32-bit; some flags use all bits. */
        if (v < G_MININT32 || v > (gint64) G_MAXUINT32)
          spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                          std::string ("The value for “") + name
                            + "” is out of range");
        pack.set_int (index, static_cast<int> (static_cast<std::int64_t> (v)));
        break;
      }
    }
}

void
spate_lt_settings_pack_from_variant (lt::settings_pack &pack,
                                     GVariant *settings)
{
  if (settings == nullptr)
    return;
  if (!g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    spate_lt_throw (SPATE_LT_ERROR_INVALID_ARGUMENT,
                    "Settings must be a dictionary of names to values (a{sv})");

  GVariantIter iter;
  const char *name;
  GVariant *raw;
  g_variant_iter_init (&iter, settings);
  /* Not g_variant_iter_loop(): a bad entry throws out of the loop. */
  while (g_variant_iter_next (&iter, "{&sv}", &name, &raw))
    {
      g_autoptr (GVariant) value = raw;
      pack_set_variant (pack, name, value);
    }
}

gboolean
spate_lt_setting_lookup (const char *name, SpateLtSettingType *type,
                         GError **error) noexcept
try
  {
    int index = index_for (name);
    if (type != nullptr)
      *type = type_of (index);
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

static gboolean
apply_one (SpateLtSession *session, const char *name, GVariant *value,
           GError **error) noexcept
try
  {
    g_autoptr (GVariant) sunk = g_variant_ref_sink (value);
    lt::settings_pack pack;
    pack_set_variant (pack, name, sunk);
    session->session->apply_settings (std::move (pack));
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

gboolean
spate_lt_session_set_int (SpateLtSession *session, const char *name, int value,
                          GError **error) noexcept
{
  return apply_one (session, name, g_variant_new_int32 (value), error);
}

gboolean
spate_lt_session_set_bool (SpateLtSession *session, const char *name,
                           gboolean value, GError **error) noexcept
{
  return apply_one (session, name, g_variant_new_boolean (value), error);
}

gboolean
spate_lt_session_set_string (SpateLtSession *session, const char *name,
                             const char *value, GError **error) noexcept
{
  if (value == nullptr)
    value = "";
  return apply_one (session, name, g_variant_new_string (value), error);
}

gboolean
spate_lt_session_apply_settings (SpateLtSession *session, GVariant *settings,
                                 GError **error) noexcept
try
  {
    g_autoptr (GVariant) owned
      = settings != nullptr ? g_variant_ref_sink (settings) : nullptr;
    lt::settings_pack pack;
    /* Builds the whole pack first, so a bad entry applies nothing. */
    spate_lt_settings_pack_from_variant (pack, owned);
    session->session->apply_settings (std::move (pack));
    return TRUE;
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return FALSE;
  }

static GVariant *
value_of (const lt::settings_pack &pack, int index)
{
  switch (type_of (index))
    {
    case SPATE_LT_SETTING_STRING:
      return g_variant_ref_sink (
        g_variant_new_string (pack.get_str (index).c_str ()));
    case SPATE_LT_SETTING_INT:
      return g_variant_ref_sink (g_variant_new_int32 (pack.get_int (index)));
    default:
      return g_variant_ref_sink (g_variant_new_boolean (pack.get_bool (index)));
    }
}

GVariant *
spate_lt_session_get_setting (SpateLtSession *session, const char *name,
                              GError **error) noexcept
try
  {
    int index = index_for (name);
    lt::settings_pack pack = session->session->get_settings ();
    return value_of (pack, index);
  }
catch (...)
  {
    spate_lt_set_error_from_exception (error);
    return nullptr;
  }

static void
setting_info_free (gpointer data)
{
  auto *info = static_cast<SpateLtSettingInfo *> (data);
  g_free (info->name);
  g_clear_pointer (&info->default_value, g_variant_unref);
  g_clear_pointer (&info->value, g_variant_unref);
  g_free (info);
}

static void
list_range (GPtrArray *out, const lt::settings_pack &defaults,
            const lt::settings_pack &current, int base, int count)
{
  for (int i = 0; i < count; i++)
    {
      int index = base + i;
      const char *name = lt::name_for_setting (index);
      /* Settings removed from this ABI have no name. */
      if (name == nullptr || *name == '\0')
        continue;
      auto *info = g_new0 (SpateLtSettingInfo, 1);
      info->name = g_strdup (name);
      info->type = type_of (index);
      info->default_value = value_of (defaults, index);
      info->value = value_of (current, index);
      g_ptr_array_add (out, info);
    }
}

static int
compare_info (gconstpointer a, gconstpointer b)
{
  auto *ia = *static_cast<SpateLtSettingInfo * const *> (a);
  auto *ib = *static_cast<SpateLtSettingInfo * const *> (b);
  return strcmp (ia->name, ib->name);
}

GPtrArray *
spate_lt_session_list_settings (SpateLtSession *session) noexcept
try
  {
    lt::settings_pack defaults = lt::default_settings ();
    lt::settings_pack current = session->session->get_settings ();
    GPtrArray *out = g_ptr_array_new_with_free_func (setting_info_free);

    list_range (out, defaults, current, lt::settings_pack::string_type_base,
                lt::settings_pack::num_string_settings);
    list_range (out, defaults, current, lt::settings_pack::int_type_base,
                lt::settings_pack::num_int_settings);
    list_range (out, defaults, current, lt::settings_pack::bool_type_base,
                lt::settings_pack::num_bool_settings);
    g_ptr_array_sort (out, compare_info);
    return out;
  }
catch (...)
  {
    return g_ptr_array_new_with_free_func (setting_info_free);
  }

GVariant *
spate_lt_settings_get_defaults (void) noexcept
try
  {
    const lt::settings_pack spate = spate_lt_default_settings ();
    const lt::settings_pack stock = lt::default_settings ();
    const struct
    {
      int base;
      int count;
    } ranges[] = {
      { lt::settings_pack::string_type_base,
        lt::settings_pack::num_string_settings },
      { lt::settings_pack::int_type_base, lt::settings_pack::num_int_settings },
      { lt::settings_pack::bool_type_base,
        lt::settings_pack::num_bool_settings },
    };
    GVariantBuilder builder;

    g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
    for (const auto &range : ranges)
      for (int index = range.base; index < range.base + range.count; index++)
        {
          const char *name = lt::name_for_setting (index);
          if (name == nullptr || *name == '\0')
            continue;
          g_autoptr (GVariant) value
            = value_of (spate.has_val (index) ? spate : stock, index);
          g_variant_builder_add (&builder, "{sv}", name, value);
        }
    return g_variant_builder_end (&builder);
  }
catch (...)
  {
    return g_variant_new ("a{sv}", nullptr);
  }
