/* fuzz-resume.c: resume files through the shim's loader and the "spate"
 * extras Spate keeps inside them.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-fuzz.h"

#include "spate-lt.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  spate_fuzz_init ();
  return 0;
}

/* What set_extras() stores, get_extras() gives back. */
static void
check_extras_round_trip (const guint8 *data, size_t size)
{
  g_autoptr (GVariant) extras = g_variant_ref_sink (spate_lt_resume_data_get_extras (data, size));
  g_autoptr (GVariantDict) want = g_variant_dict_new (extras);
  g_autoptr (GVariant) want_dict = NULL;
  g_autoptr (GVariant) got = NULL;
  g_autoptr (GBytes) rewritten = NULL;
  g_autoptr (GError) error = NULL;
  const guint8 *new_data;
  gsize         new_size;
  GVariantIter  iter;
  const char   *key;
  GVariant     *value;

  g_assert_true (g_variant_is_of_type (extras, G_VARIANT_TYPE_VARDICT));
  want_dict = g_variant_ref_sink (g_variant_dict_end (want));
  rewritten = spate_lt_resume_data_set_extras (data, size, want_dict, &error);
  if (rewritten == NULL)
    {
      g_assert_error (error, SPATE_LT_ERROR, SPATE_LT_ERROR_INVALID_RESUME_DATA);
      return;
    }

  new_data = g_bytes_get_data (rewritten, &new_size);
  got = g_variant_ref_sink (spate_lt_resume_data_get_extras (new_data, new_size));
  g_assert_cmpuint (g_variant_n_children (got), ==, g_variant_n_children (want_dict));
  g_variant_iter_init (&iter, got);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr (GVariant) expected = g_variant_lookup_value (want_dict, key, NULL);

      g_assert_nonnull (expected);
      g_assert_true (g_variant_equal (expected, value));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (SpateLtAddParams) params = NULL;
  g_autoptr (GError) error = NULL;

  params = spate_lt_add_params_new_from_resume (data, size, &error);
  g_assert_true ((params == NULL) == (error != NULL));
  if (params != NULL)
    {
      (void) spate_lt_add_params_get_name (params);
      (void) spate_lt_add_params_get_save_path (params);
      (void) spate_lt_add_params_get_flags (params);
      (void) spate_lt_add_params_has_metadata (params);
      g_assert_true (
          spate_lt_add_params_has_info_hash (params, spate_lt_add_params_get_info_hash (params)));
    }

  check_extras_round_trip (data, size);
  return 0;
}
