/* spate-engine.h: everything a view or the command line uses.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "spate-blocklist.h"
#include "spate-display-name.h"
#include "spate-engine-enums.h"
#include "spate-error.h"
#include "spate-file-tree.h"
#include "spate-item-list.h"
#include "spate-metadata-fetch.h"
#include "spate-peer-list.h"
#include "spate-peer.h"
#include "spate-pieces.h"
#include "spate-session.h"
#include "spate-session-dht.h"
#include "spate-store.h"
#include "spate-torrent-creator.h"
#include "spate-torrent-file.h"
#include "spate-torrent-info.h"
#include "spate-torrent-list.h"
#include "spate-torrent.h"
#include "spate-tracker-list.h"
#include "spate-tracker.h"
#include "spate-web-seed-list.h"
#include "spate-web-seed.h"
