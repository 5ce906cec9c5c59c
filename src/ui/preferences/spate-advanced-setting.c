/* spate-advanced-setting.c: one libtorrent setting, as a row of the
 * Advanced preferences shows it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-advanced-setting.h"

#include <glib/gi18n.h>

struct _SpateAdvancedSetting
{
  GObject parent_instance;

  char     *name;
  char     *type_label;
  char     *default_text;
  char     *locked_by;
  gboolean  is_bool;
  GVariant *value;
  char     *value_text;
  gboolean  overridden;
  char     *error;
};

G_DEFINE_FINAL_TYPE (SpateAdvancedSetting, spate_advanced_setting, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_TYPE_LABEL,
  PROP_DEFAULT_TEXT,
  PROP_LOCKED_BY,
  PROP_EDITABLE,
  PROP_IS_BOOL,
  PROP_SHOWS_SWITCH,
  PROP_SHOWS_ENTRY,
  PROP_VALUE_TEXT,
  PROP_BOOL_VALUE,
  PROP_OVERRIDDEN,
  PROP_ERROR,
  PROP_HAS_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text an entry edits: strings as they are, numbers in decimal. */
static char *
value_to_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", g_variant_get_int32 (value));
  return g_variant_print (value, FALSE);
}

/* Quoted, so an empty string shows. */
static char *
value_to_display (GVariant *value)
{
  g_autofree char *text = value_to_text (value);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_strdup_printf ("“%s”", text);
  return g_steal_pointer (&text);
}

static char *
format_default (const SpateSettingInfo *info)
{
  g_autofree char *spate = value_to_display (info->spate_default);
  g_autofree char *libtorrent = NULL;

  if (g_variant_equal (info->spate_default, info->libtorrent_default))
    /* Translators: %s is a setting's default value. */
    return g_strdup_printf (_ ("Default: %s"), spate);
  libtorrent = value_to_display (info->libtorrent_default);
  /* Translators: Spate's default value of a libtorrent setting, then
   * libtorrent's own. */
  return g_strdup_printf (_ ("Default: Spate: %s (libtorrent: %s)"), spate, libtorrent);
}

static const char *
type_label (const GVariantType *type)
{
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return _ ("text");
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    return _ ("on or off");
  return _ ("number");
}

SpateAdvancedSetting *
spate_advanced_setting_new (const SpateSettingInfo *info, const char *locked_by)
{
  SpateAdvancedSetting *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (SPATE_TYPE_ADVANCED_SETTING, NULL);
  self->name = g_strdup (info->name);
  self->type_label = g_strdup (type_label (info->type));
  self->default_text = format_default (info);
  self->locked_by = g_strdup (locked_by);
  self->is_bool = g_variant_type_equal (info->type, G_VARIANT_TYPE_BOOLEAN);
  self->value = g_variant_ref (info->value);
  self->value_text = value_to_text (info->value);
  return self;
}

const char *
spate_advanced_setting_get_name (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), NULL);

  return self->name;
}

gboolean
spate_advanced_setting_get_editable (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), FALSE);

  return self->locked_by == NULL;
}

gboolean
spate_advanced_setting_get_is_bool (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), FALSE);

  return self->is_bool;
}

GVariant *
spate_advanced_setting_get_value (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), NULL);

  return self->value;
}

const char *
spate_advanced_setting_get_value_text (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), NULL);

  return self->value_text;
}

void
spate_advanced_setting_set_value (SpateAdvancedSetting *self, GVariant *value)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);

  g_return_if_fail (SPATE_IS_ADVANCED_SETTING (self));

  if (g_variant_equal (self->value, owned))
    return;
  g_clear_pointer (&self->value, g_variant_unref);
  self->value = g_steal_pointer (&owned);
  g_free (self->value_text);
  self->value_text = value_to_text (self->value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_TEXT]);
  if (self->is_bool)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOL_VALUE]);
}

gboolean
spate_advanced_setting_get_overridden (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), FALSE);

  return self->overridden;
}

void
spate_advanced_setting_set_overridden (SpateAdvancedSetting *self, gboolean overridden)
{
  g_return_if_fail (SPATE_IS_ADVANCED_SETTING (self));

  overridden = !!overridden;
  if (self->overridden == overridden)
    return;
  self->overridden = overridden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERRIDDEN]);
}

const char *
spate_advanced_setting_get_error (SpateAdvancedSetting *self)
{
  g_return_val_if_fail (SPATE_IS_ADVANCED_SETTING (self), NULL);

  return self->error;
}

void
spate_advanced_setting_set_error (SpateAdvancedSetting *self, const char *error)
{
  gboolean had_error;

  g_return_if_fail (SPATE_IS_ADVANCED_SETTING (self));

  if (g_strcmp0 (self->error, error) == 0)
    return;
  had_error = self->error != NULL;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  if (had_error != (error != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
}

static void
spate_advanced_setting_finalize (GObject *object)
{
  SpateAdvancedSetting *self = SPATE_ADVANCED_SETTING (object);

  g_free (self->name);
  g_free (self->type_label);
  g_free (self->default_text);
  g_free (self->locked_by);
  g_clear_pointer (&self->value, g_variant_unref);
  g_free (self->value_text);
  g_free (self->error);

  G_OBJECT_CLASS (spate_advanced_setting_parent_class)->finalize (object);
}

static void
spate_advanced_setting_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SpateAdvancedSetting *self = SPATE_ADVANCED_SETTING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TYPE_LABEL:
      g_value_set_string (value, self->type_label);
      break;
    case PROP_DEFAULT_TEXT:
      g_value_set_string (value, self->default_text);
      break;
    case PROP_LOCKED_BY:
      g_value_set_string (value, self->locked_by);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->locked_by == NULL);
      break;
    case PROP_IS_BOOL:
      g_value_set_boolean (value, self->is_bool);
      break;
    case PROP_SHOWS_SWITCH:
      g_value_set_boolean (value, self->locked_by == NULL && self->is_bool);
      break;
    case PROP_SHOWS_ENTRY:
      g_value_set_boolean (value, self->locked_by == NULL && !self->is_bool);
      break;
    case PROP_VALUE_TEXT:
      g_value_set_string (value, self->value_text);
      break;
    case PROP_BOOL_VALUE:
      g_value_set_boolean (value, self->is_bool && g_variant_get_boolean (self->value));
      break;
    case PROP_OVERRIDDEN:
      g_value_set_boolean (value, self->overridden);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_HAS_ERROR:
      g_value_set_boolean (value, self->error != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_advanced_setting_class_init (SpateAdvancedSettingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = spate_advanced_setting_finalize;
  object_class->get_property = spate_advanced_setting_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TYPE_LABEL] = g_param_spec_string ("type-label", NULL, NULL, NULL, flags);
  properties[PROP_DEFAULT_TEXT] = g_param_spec_string ("default-text", NULL, NULL, NULL, flags);
  /* Why the row does not edit it, or NULL. */
  properties[PROP_LOCKED_BY] = g_param_spec_string ("locked-by", NULL, NULL, NULL, flags);
  properties[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, FALSE, flags);
  properties[PROP_IS_BOOL] = g_param_spec_boolean ("is-bool", NULL, NULL, FALSE, flags);
  properties[PROP_SHOWS_SWITCH] = g_param_spec_boolean ("shows-switch", NULL, NULL, FALSE, flags);
  properties[PROP_SHOWS_ENTRY] = g_param_spec_boolean ("shows-entry", NULL, NULL, FALSE, flags);
  properties[PROP_VALUE_TEXT] =
      g_param_spec_string ("value-text", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BOOL_VALUE] =
      g_param_spec_boolean ("bool-value", NULL, NULL, FALSE, flags | G_PARAM_EXPLICIT_NOTIFY);
  /* The libtorrent-settings key holds a value for it. */
  properties[PROP_OVERRIDDEN] =
      g_param_spec_boolean ("overridden", NULL, NULL, FALSE, flags | G_PARAM_EXPLICIT_NOTIFY);
  /* Why the last value typed was refused, or NULL. */
  properties[PROP_ERROR] =
      g_param_spec_string ("error", NULL, NULL, NULL, flags | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_ERROR] =
      g_param_spec_boolean ("has-error", NULL, NULL, FALSE, flags | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
spate_advanced_setting_init (SpateAdvancedSetting *self)
{
}
