/* spate-session-filter.c: the session's IP filter, a blocklist and the
 * peers a person banned.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libtorrent holds one filter per session. Banning adds one address to the
 * filter in force; anything that takes a range away (an unban, another
 * blocklist) builds the filter again from the blocklist and the bans.
 */

#include <glib/gi18n.h>

#include "spate-blocklist-private.h"
#include "spate-error.h"
#include "spate-session-internal.h"

/* The canonical text of address, so "::1" and "0::1" are one ban. */
static char *
canonical_address (const char *address, GError **error)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);

  if (inet == NULL)
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, _ ("“%s” is not an IP address"),
                   address);
      return NULL;
    }
  return g_inet_address_to_string (inet);
}

static gboolean
is_banned (SpateSession *self, const char *canonical)
{
  return self->banned != NULL &&
         g_ptr_array_find_with_equal_func (self->banned, canonical, g_str_equal, NULL);
}

static void
add_bans (SpateSession *self, SpateLtIpFilter *filter)
{
  for (guint i = 0; self->banned != NULL && i < self->banned->len; i++)
    spate_lt_ip_filter_add_range (filter, g_ptr_array_index (self->banned, i),
                                  g_ptr_array_index (self->banned, i), TRUE, NULL);
}

/* Builds the filter from scratch. The blocklist's ranges go in as they
 * are; libtorrent copies them, and the copy it hands back takes the bans. */
static void
rebuild_filter (SpateSession *self)
{
  g_autoptr (SpateLtIpFilter) filter = NULL;

  if (self->lt == NULL)
    return;
  if (self->blocklist != NULL)
    {
      spate_lt_session_set_ip_filter (self->lt, _spate_blocklist_get_filter (self->blocklist));
      if (self->banned == NULL || self->banned->len == 0)
        return;
      filter = spate_lt_session_get_ip_filter (self->lt);
    }
  else
    filter = spate_lt_ip_filter_new ();
  add_bans (self, filter);
  spate_lt_session_set_ip_filter (self->lt, filter);
}

static void
bans_changed (SpateSession *self)
{
  g_signal_emit (self, _spate_session_signals[BANNED_PEERS_CHANGED], 0);
}

void
spate_session_set_blocklist (SpateSession *self, SpateBlocklist *list)
{
  g_return_if_fail (SPATE_IS_SESSION (self));
  g_return_if_fail (list == NULL || SPATE_IS_BLOCKLIST (list));

  if (self->blocklist == list)
    return;
  g_set_object (&self->blocklist, list);
  rebuild_filter (self);
}

SpateBlocklist *
spate_session_get_blocklist (SpateSession *self)
{
  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);

  return self->blocklist;
}

/* Blocks one address in the session's IP filter, which also drops every
 * connection to it. */
gboolean
spate_session_ban_peer (SpateSession *self, const char *address, GError **error)
{
  g_autoptr (SpateLtIpFilter) filter = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  canonical = canonical_address (address, error);
  if (canonical == NULL)
    return FALSE;
  if (is_banned (self, canonical))
    return TRUE;
  if (self->lt != NULL)
    {
      filter = spate_lt_session_get_ip_filter (self->lt);
      if (!spate_lt_ip_filter_add_range (filter, canonical, canonical, TRUE, error))
        return FALSE;
      spate_lt_session_set_ip_filter (self->lt, filter);
    }
  if (self->banned == NULL)
    self->banned = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->banned, g_steal_pointer (&canonical));
  bans_changed (self);
  return TRUE;
}

gboolean
spate_session_unban_peer (SpateSession *self, const char *address, GError **error)
{
  g_autofree char *canonical = NULL;
  guint            index;

  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  canonical = canonical_address (address, error);
  if (canonical == NULL)
    return FALSE;
  if (self->banned == NULL ||
      !g_ptr_array_find_with_equal_func (self->banned, canonical, g_str_equal, &index))
    {
      g_set_error (error, SPATE_ERROR, SPATE_ERROR_NOT_FOUND, _ ("%s is not banned"), canonical);
      return FALSE;
    }
  g_ptr_array_remove_index (self->banned, index);
  rebuild_filter (self);
  bans_changed (self);
  return TRUE;
}

char **
spate_session_get_banned_peers (SpateSession *self)
{
  GStrvBuilder *builder;
  char        **strv;

  g_return_val_if_fail (SPATE_IS_SESSION (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->banned != NULL && i < self->banned->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->banned, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

void
spate_session_set_banned_peers (SpateSession *self, const char * const *addresses)
{
  g_autoptr (GPtrArray) banned = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  g_return_if_fail (SPATE_IS_SESSION (self));

  for (gsize i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      char *canonical = canonical_address (addresses[i], &error);

      if (canonical == NULL)
        g_message ("Not banning a peer: %s", error->message);
      else if (g_ptr_array_find_with_equal_func (banned, canonical, g_str_equal, NULL))
        g_free (canonical);
      else
        g_ptr_array_add (banned, canonical);
    }

  same = self->banned != NULL ? self->banned->len == banned->len : banned->len == 0;
  for (guint i = 0; same && i < banned->len; i++)
    same = g_str_equal (g_ptr_array_index (banned, i), g_ptr_array_index (self->banned, i));
  if (same)
    return;
  g_clear_pointer (&self->banned, g_ptr_array_unref);
  self->banned = g_steal_pointer (&banned);
  rebuild_filter (self);
  bans_changed (self);
}

gsize
spate_session_get_ip_filter_count (SpateSession *self)
{
  g_autoptr (SpateLtIpFilter) filter = NULL;

  g_return_val_if_fail (SPATE_IS_SESSION (self), 0);

  if (self->lt == NULL)
    return 0;
  filter = spate_lt_session_get_ip_filter (self->lt);
  return spate_lt_ip_filter_count (filter);
}

gboolean
spate_session_is_blocked (SpateSession *self, const char *address)
{
  g_autoptr (SpateLtIpFilter) filter = NULL;

  g_return_val_if_fail (SPATE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (self->lt == NULL)
    return FALSE;
  filter = spate_lt_session_get_ip_filter (self->lt);
  return spate_lt_ip_filter_is_blocked (filter, address, NULL);
}

void
_spate_session_filter_dispose (SpateSession *self)
{
  g_clear_object (&self->blocklist);
  g_clear_pointer (&self->banned, g_ptr_array_unref);
}
