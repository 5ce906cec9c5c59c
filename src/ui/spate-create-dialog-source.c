/* spate-create-dialog-source.c: the source's files and sizes, and the pieces they make.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-create-dialog-private.h"

#include <glib/gi18n.h>

/* Folders nested deeper than this are taken for a symbolic link loop. */
#define MAX_DEPTH 64

/* --------------------------------------------------- piece size, format */

char *
_spate_create_dialog_format_piece_size (guint bytes)
{
  if (bytes >= 1024 * 1024)
    return g_strdup_printf (_ ("%u MiB"), bytes / (1024 * 1024));
  return g_strdup_printf (_ ("%u KiB"), bytes / 1024);
}

/* libtorrent 2.0's own choice for piece size 0 (create_torrent.cpp). */
static guint
automatic_piece_size (gint64 total_size)
{
  static const gint64 limits[] = {
    2684355LL,    10737418LL,    42949673LL,    171798692LL,    687194767LL,
    2748779069LL, 10995116278LL, 43980465111LL, 175921860444LL, 703687441777LL,
  };
  guint i = 0;

  while (i < G_N_ELEMENTS (limits) && total_size > limits[i])
    i++;
  return MIN_PIECE_SIZE << i;
}

guint
_spate_create_dialog_selected_piece_size (SpateCreateDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->piece_size_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return 0;
  return MIN_PIECE_SIZE << (selected - 1);
}

SpateCreateFormat
_spate_create_dialog_selected_format (SpateCreateDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1:
      return SPATE_CREATE_V1;
    case 2:
      return SPATE_CREATE_V2;
    default:
      return SPATE_CREATE_HYBRID;
    }
}

/* ----------------------------------------------------------- the source */

typedef struct
{
  GFileType type;
  gint64    total;
  GArray   *sizes;
} Scan;

static void
scan_free (Scan *scan)
{
  g_clear_pointer (&scan->sizes, g_array_unref);
  g_free (scan);
}

static gboolean
scan_folder (GFile *folder, Scan *scan, guint depth, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileEnumerator) children = NULL;

  if (depth > MAX_DEPTH)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS, _ ("“%s” is nested too deeply"),
                   name);
      return FALSE;
    }
  children = g_file_enumerate_children (
      folder, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
      G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;
      GFile     *child;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        return TRUE;
      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!scan_folder (child, scan, depth + 1, cancellable, error))
            return FALSE;
          break;
        case G_FILE_TYPE_REGULAR:
          {
            gint64 size = g_file_info_get_size (info);

            scan->total += size;
            g_array_append_val (scan->sizes, size);
          }
          break;
        default:
          break;
        }
    }
}

static void
scan_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GFile *root = task_data;
  g_autoptr (GFileInfo) info = NULL;
  GError *error = NULL;
  Scan   *scan;

  info = g_file_query_info (root, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  scan = g_new0 (Scan, 1);
  scan->type = g_file_info_get_file_type (info);
  scan->sizes = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (scan->type == G_FILE_TYPE_DIRECTORY)
    {
      if (!scan_folder (root, scan, 0, cancellable, &error))
        {
          scan_free (scan);
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      scan->total = g_file_info_get_size (info);
      g_array_append_val (scan->sizes, scan->total);
    }
  g_task_return_pointer (task, scan, (GDestroyNotify) scan_free);
}

static void
on_scanned (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SpateCreateDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;
  Scan            *scan = g_task_propagate_pointer (G_TASK (result), &error);
  guint            n_files;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = _spate_create_dialog_source_display_name (self->source);
  if (scan == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Could not read “%s”: %s"), name, error->message);

      adw_action_row_set_subtitle (self->source_row, _ ("Unreadable"));
      gtk_image_set_from_icon_name (self->source_icon, "dialog-error-symbolic");
      _spate_create_dialog_show_error (self, message);
      return;
    }

  g_clear_pointer (&self->file_sizes, g_array_unref);
  self->file_sizes = g_array_ref (scan->sizes);
  self->source_size = scan->total;
  n_files = scan->sizes->len;
  size = g_format_size (scan->total);
  if (scan->type == G_FILE_TYPE_DIRECTORY)
    {
      subtitle = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s in %u file", "%s in %u files", n_files), size, n_files);
      gtk_image_set_from_icon_name (self->source_icon, "folder-symbolic");
    }
  else
    {
      subtitle = g_strdup (size);
      gtk_image_set_from_icon_name (self->source_icon, "text-x-generic-symbolic");
    }
  adw_action_row_set_subtitle (self->source_row, subtitle);
  scan_free (scan);
  _spate_create_dialog_update_piece_count (self);
}

void
_spate_create_dialog_scan_source (SpateCreateDialog *self)
{
  g_autoptr (GTask) task = NULL;

  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  self->scan_cancellable = g_cancellable_new ();
  self->source_size = -1;
  g_clear_pointer (&self->file_sizes, g_array_unref);

  task = g_task_new (NULL, self->scan_cancellable, on_scanned, g_object_ref (self));
  g_task_set_source_tag (task, _spate_create_dialog_scan_source);
  g_task_set_name (task, "[spate] count the files to share");
  g_task_set_task_data (task, g_object_ref (self->source), g_object_unref);
  g_task_run_in_thread (task, scan_in_thread);
}

/* Piece counts as libtorrent will make them: v1 runs pieces across files;
 * v2 and hybrid start every file on a piece of its own. */
void
_spate_create_dialog_update_piece_count (SpateCreateDialog *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *size_text = NULL;
  guint            piece_size = _spate_create_dialog_selected_piece_size (self);
  guint64          n_pieces = 0;

  if (self->file_sizes == NULL || self->source_size <= 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->piece_size_row), NULL);
      return;
    }

  if (piece_size == 0)
    piece_size = automatic_piece_size (self->source_size);
  if (_spate_create_dialog_selected_format (self) == SPATE_CREATE_V1)
    n_pieces = (self->source_size + piece_size - 1) / piece_size;
  else
    for (guint i = 0; i < self->file_sizes->len; i++)
      n_pieces += (g_array_index (self->file_sizes, gint64, i) + piece_size - 1) / piece_size;

  size_text = _spate_create_dialog_format_piece_size (piece_size);
  if (_spate_create_dialog_selected_piece_size (self) == 0)
    /* Translators: "1909 pieces of 512 KiB" */
    subtitle = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%llu piece of %s", "%llu pieces of %s", n_pieces),
        (unsigned long long) n_pieces, size_text);
  else
    subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu piece", "%llu pieces", n_pieces),
                         (unsigned long long) n_pieces);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->piece_size_row), subtitle);
}

void
_spate_create_dialog_on_format_changed (SpateCreateDialog *self)
{
  const char *subtitle;

  switch (_spate_create_dialog_selected_format (self))
    {
    case SPATE_CREATE_V1:
      subtitle = _ ("Works with older clients, without v2’s per-file hashes");
      break;
    case SPATE_CREATE_V2:
      subtitle = _ ("Only clients that support BitTorrent v2 can use it");
      break;
    case SPATE_CREATE_HYBRID:
    default:
      subtitle = _ ("Recommended: every client can use it");
      break;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), subtitle);
  _spate_create_dialog_update_piece_count (self);
}
