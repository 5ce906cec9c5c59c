/* spate-advanced-setting.h: one libtorrent setting, as a row of the
 * Advanced preferences shows it.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-engine.h"

G_BEGIN_DECLS

#define SPATE_TYPE_ADVANCED_SETTING (spate_advanced_setting_get_type ())
G_DECLARE_FINAL_TYPE (SpateAdvancedSetting,
                      spate_advanced_setting,
                      SPATE,
                      ADVANCED_SETTING,
                      GObject)

/* locked_by: why another place sets it ("Set on the Speed page"), or NULL
 * when this row edits it. */
SpateAdvancedSetting *spate_advanced_setting_new (const SpateSettingInfo *info,
                                                  const char             *locked_by);

const char *spate_advanced_setting_get_name (SpateAdvancedSetting *self);
gboolean    spate_advanced_setting_get_editable (SpateAdvancedSetting *self);
gboolean    spate_advanced_setting_get_is_bool (SpateAdvancedSetting *self);
GVariant   *spate_advanced_setting_get_value (SpateAdvancedSetting *self);
const char *spate_advanced_setting_get_value_text (SpateAdvancedSetting *self);
void        spate_advanced_setting_set_value (SpateAdvancedSetting *self, GVariant *value);
gboolean    spate_advanced_setting_get_overridden (SpateAdvancedSetting *self);
void        spate_advanced_setting_set_overridden (SpateAdvancedSetting *self, gboolean overridden);
const char *spate_advanced_setting_get_error (SpateAdvancedSetting *self);
void        spate_advanced_setting_set_error (SpateAdvancedSetting *self, const char *error);

G_END_DECLS
