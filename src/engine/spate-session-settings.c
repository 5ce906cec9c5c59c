/* spate-session-settings.c: every libtorrent setting with Spate's and
 * libtorrent's defaults, and what the disk I/O choice stands for.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-session-private.h"

#include <limits.h>

/* libtorrent 2.0 has one disk back end, mmap_disk_io; two settings decide
 * whether it goes through mapped memory or through pread/pwrite calls:
 *
 *   disk_write_mode        settings_pack::mmap_write_mode_t: 0 always_pwrite,
 *                          1 always_mmap_write, 2 auto_mmap_write
 *   mmap_file_size_cutoff  files smaller than this many 16 KiB blocks are
 *                          read and written with pread/pwrite
 *
 * "pread" (Spate's default, as the shim sets it): cutoff INT_MAX, so every
 * file is read with pread, and always_pwrite. Mapped files count the whole
 * download as resident memory; this keeps it small.
 * "mmap": libtorrent's own defaults, auto_mmap_write and a cutoff of 40
 * blocks (640 KiB): files are mapped into memory, and libtorrent writes
 * with pwrite where the storage is better served by it. */
#define DISK_WRITE_MODE_ALWAYS_PWRITE 0
#define DISK_WRITE_MODE_AUTO_MMAP     2
#define MMAP_CUTOFF_LIBTORRENT        40

GVariant *
spate_disk_io_settings (const char *mode)
{
  GVariantDict dict;
  gboolean     mmap = g_strcmp0 (mode, "mmap") == 0;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "disk_write_mode", "i",
                         mmap ? DISK_WRITE_MODE_AUTO_MMAP : DISK_WRITE_MODE_ALWAYS_PWRITE);
  g_variant_dict_insert (&dict, "mmap_file_size_cutoff", "i",
                         mmap ? MMAP_CUTOFF_LIBTORRENT : INT_MAX);
  return g_variant_dict_end (&dict);
}

/* The shim's a{sv} of Spate's defaults, read once. */
static GVariant *
spate_defaults (void)
{
  static GVariant *defaults;

  if (g_once_init_enter (&defaults))
    g_once_init_leave (&defaults, g_variant_ref_sink (spate_lt_settings_get_defaults ()));
  return defaults;
}

GVariant *
spate_session_get_default_setting (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_variant_lookup_value (spate_defaults (), name, NULL);
}

void
spate_setting_info_free (SpateSettingInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_clear_pointer (&info->spate_default, g_variant_unref);
  g_clear_pointer (&info->libtorrent_default, g_variant_unref);
  g_clear_pointer (&info->value, g_variant_unref);
  g_free (info);
}

static const GVariantType *
variant_type_of (SpateLtSettingType type)
{
  switch (type)
    {
    case SPATE_LT_SETTING_STRING:
      return G_VARIANT_TYPE_STRING;
    case SPATE_LT_SETTING_INT:
      return G_VARIANT_TYPE_INT32;
    case SPATE_LT_SETTING_BOOL:
    default:
      return G_VARIANT_TYPE_BOOLEAN;
    }
}

GPtrArray *
spate_session_list_settings (SpateSession *self)
{
  g_autoptr (GPtrArray) lt_settings = NULL;
  GPtrArray *out;

  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);

  lt_settings = spate_lt_session_list_settings (_spate_session_get_lt (self));
  out = g_ptr_array_new_full (lt_settings->len, (GDestroyNotify) spate_setting_info_free);
  for (guint i = 0; i < lt_settings->len; i++)
    {
      SpateLtSettingInfo *lt_info = g_ptr_array_index (lt_settings, i);
      SpateSettingInfo   *info = g_new0 (SpateSettingInfo, 1);

      info->name = g_strdup (lt_info->name);
      info->type = variant_type_of (lt_info->type);
      info->libtorrent_default = g_variant_ref (lt_info->default_value);
      info->value = g_variant_ref (lt_info->value);
      info->spate_default = spate_session_get_default_setting (lt_info->name);
      if (info->spate_default == NULL)
        info->spate_default = g_variant_ref (lt_info->default_value);
      g_ptr_array_add (out, info);
    }
  return out;
}
