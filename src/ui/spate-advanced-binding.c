/* spate-advanced-binding.c: the disk-io key and the libtorrent-settings
 * overrides, applied to the running session.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Overrides are applied one by one, so a value libtorrent refuses costs
 * only itself. A removed override goes back to its baseline: what the
 * pages' keys or the disk I/O choice say, else Spate's default. The disk
 * I/O choice alone decides the settings it stands for.
 */

#include "spate-advanced-binding.h"

#include "spate-settings-bridge.h"

struct _SpateAdvancedBinding
{
  GObject parent_instance;

  SpateSession *session;
  GSettings    *settings;
  GVariant     *applied; /* the overrides in force, a{sv} */
};

G_DEFINE_FINAL_TYPE (SpateAdvancedBinding, spate_advanced_binding, G_TYPE_OBJECT)

gboolean
spate_advanced_binding_is_disk_io_setting (const char *name)
{
  g_autoptr (GVariant) disk_io = g_variant_ref_sink (spate_disk_io_settings ("pread"));
  g_autoptr (GVariant) value = g_variant_lookup_value (disk_io, name, NULL);

  return value != NULL;
}

GVariant *
spate_advanced_binding_baseline (GSettings *settings, const char *name)
{
  g_autoptr (GVariant) from_keys =
      g_variant_ref_sink (spate_settings_bridge_build_lt_settings (settings));
  g_autofree char *mode = g_settings_get_string (settings, "disk-io");
  g_autoptr (GVariant) disk_io = g_variant_ref_sink (spate_disk_io_settings (mode));
  GVariant *value;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  value = g_variant_lookup_value (from_keys, name, NULL);
  if (value == NULL)
    value = g_variant_lookup_value (disk_io, name, NULL);
  if (value == NULL)
    value = spate_session_get_default_setting (name);
  return value;
}

static void
apply_baseline (SpateAdvancedBinding *self, const char *name)
{
  g_autoptr (GVariant) baseline = spate_advanced_binding_baseline (self->settings, name);
  g_autoptr (GError) error = NULL;

  if (baseline == NULL)
    return;
  /* set_setting() sinks a floating value and only borrows this one. */
  if (!spate_session_set_setting (self->session, name, baseline, &error))
    g_message ("Could not set %s back to its default: %s", name, error->message);
}

static void
apply_override (SpateAdvancedBinding *self, const char *name, GVariant *value)
{
  g_autoptr (GError) error = NULL;

  if (spate_session_set_setting (self->session, name, value, &error))
    return;
  /* Whatever half-applied value there was must not stay in force. */
  g_message ("The libtorrent setting %s was not applied: %s", name, error->message);
  apply_baseline (self, name);
}

static void
apply_overrides (SpateAdvancedBinding *self)
{
  g_autoptr (GVariant) overrides = g_settings_get_value (self->settings, "libtorrent-settings");
  GVariantIter iter;
  const char  *name;
  GVariant    *value;

  g_variant_iter_init (&iter, overrides);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    {
      g_autoptr (GVariant) before = NULL;

      if (spate_advanced_binding_is_disk_io_setting (name))
        continue;
      if (self->applied != NULL)
        before = g_variant_lookup_value (self->applied, name, NULL);
      if (before == NULL || !g_variant_equal (before, value))
        apply_override (self, name, value);
    }

  if (self->applied != NULL)
    {
      g_variant_iter_init (&iter, self->applied);
      while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
        {
          g_autoptr (GVariant) now = g_variant_lookup_value (overrides, name, NULL);

          if (now == NULL && !spate_advanced_binding_is_disk_io_setting (name))
            apply_baseline (self, name);
        }
    }

  g_clear_pointer (&self->applied, g_variant_unref);
  self->applied = g_steal_pointer (&overrides);
}

static void
apply_disk_io (SpateAdvancedBinding *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "disk-io");
  g_autoptr (GError) error = NULL;

  if (!spate_session_apply_settings (self->session, spate_disk_io_settings (mode), &error))
    g_message ("Could not switch disk I/O to %s: %s", mode, error->message);
}

SpateAdvancedBinding *
spate_advanced_binding_new (SpateSession *session, GSettings *settings)
{
  SpateAdvancedBinding *self;

  g_return_val_if_fail (SPATE_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SPATE_TYPE_ADVANCED_BINDING, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);

  /* The session started with the overrides; applying them again costs
   * little and holds even when it had to start without them. */
  apply_overrides (self);
  apply_disk_io (self);
  g_signal_connect_object (settings, "changed::libtorrent-settings", G_CALLBACK (apply_overrides),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::disk-io", G_CALLBACK (apply_disk_io), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
spate_advanced_binding_dispose (GObject *object)
{
  SpateAdvancedBinding *self = SPATE_ADVANCED_BINDING (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->applied, g_variant_unref);

  G_OBJECT_CLASS (spate_advanced_binding_parent_class)->dispose (object);
}

static void
spate_advanced_binding_class_init (SpateAdvancedBindingClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = spate_advanced_binding_dispose;
}

static void
spate_advanced_binding_init (SpateAdvancedBinding *self)
{
}
