/* spate-engine.h: everything a view or the command line uses.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-engine-enums.h"
#include "spate-error.h"
#include "spate-session.h"
#include "spate-store.h"
#include "spate-torrent-list.h"
#include "spate-torrent.h"
