/* spate-error.c
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-error.h"

G_DEFINE_QUARK (spate - error - quark, spate_error)
