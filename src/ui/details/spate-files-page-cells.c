/* spate-files-page-cells.c: the Files page's cells: name, priority, pieces.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-files-page-private.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

#include "spate-file-pieces-bar.h"

/* The dropdown's positions. */
static const guint8 priority_steps[] = {
  SPATE_PRIORITY_SKIP,
  SPATE_PRIORITY_LOW,
  SPATE_PRIORITY_NORMAL,
  SPATE_PRIORITY_HIGH,
};

static const char * const priority_names[] = {
  N_ ("Skip"), N_ ("Low"),   N_ ("Normal"),
  N_ ("High"), N_ ("Mixed"), /* a folder whose files differ; shown, never set */
  NULL,
};

static guint
priority_to_position (int priority)
{
  if (priority < 0)
    return G_N_ELEMENTS (priority_steps);
  if (priority == SPATE_PRIORITY_SKIP)
    return 0;
  if (priority < SPATE_PRIORITY_NORMAL)
    return 1;
  if (priority < SPATE_PRIORITY_HIGH)
    return 2;
  return 3;
}

/* Updates a cell from its node without taking it for a person's change. */
#define UPDATING "spate-updating"

/* ---------------------------------------------------------- name cell */

static void
check_update (GtkCheckButton *check, SpateTorrentFile *node)
{
  SpateWantedState state = spate_torrent_file_get_wanted_state (node);

  g_object_set_data (G_OBJECT (check), UPDATING, GINT_TO_POINTER (TRUE));
  gtk_check_button_set_active (check, state == SPATE_WANTED_STATE_WANTED);
  gtk_check_button_set_inconsistent (check, state == SPATE_WANTED_STATE_MIXED);
  g_object_set_data (G_OBJECT (check), UPDATING, NULL);
}

static void
wanted_state_changed (SpateTorrentFile *node, GParamSpec *pspec, GtkCheckButton *check)
{
  check_update (check, node);
}

static void
check_toggled (GtkCheckButton *check, GtkListItem *item)
{
  SpateFilesPage *self;
  g_autoptr (SpateTorrentFile) node = NULL;
  g_autoptr (GError) error = NULL;

  if (g_object_get_data (G_OBJECT (check), UPDATING) || gtk_list_item_get_item (item) == NULL)
    return;
  node = _spate_files_page_row_node (gtk_list_item_get_item (item));
  gtk_check_button_set_inconsistent (check, FALSE);
  if (!spate_torrent_file_set_wanted (node, gtk_check_button_get_active (check), &error))
    {
      self = SPATE_FILES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (check), SPATE_TYPE_FILES_PAGE));
      check_update (check, node);
      if (self != NULL)
        _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Change the File"), error);
    }
}

static void
name_setup (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), item);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
name_bind (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget      *expander = gtk_list_item_get_child (item);
  GtkWidget      *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget      *check = gtk_widget_get_first_child (box);
  GtkWidget      *icon = gtk_widget_get_next_sibling (check);
  GtkWidget      *label = gtk_widget_get_next_sibling (icon);
  g_autoptr (SpateTorrentFile) node = _spate_files_page_row_node (row);
  const char      *name = spate_torrent_file_get_name (node);
  g_autofree char *check_tip = NULL;
  gulong           id;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), spate_torrent_file_get_is_folder (node)
                                                      ? "folder-symbolic"
                                                      : "text-x-generic-symbolic");
  gtk_label_set_label (GTK_LABEL (label), name);
  gtk_widget_set_tooltip_text (label, spate_torrent_file_get_path (node));
  check_tip = g_strdup_printf (_ ("Download %s"), name);
  gtk_widget_set_tooltip_text (check, check_tip);
  check_update (GTK_CHECK_BUTTON (check), node);
  id = g_signal_connect_object (node, "notify::wanted-state", G_CALLBACK (wanted_state_changed),
                                check, 0);
  g_object_set_data (G_OBJECT (check), "spate-handler", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data_full (G_OBJECT (check), "spate-node", g_object_ref (node), g_object_unref);
}

/* Cells connect to their node while bound; unbind lets go. */
static void
disconnect_cell (GtkWidget *widget)
{
  gpointer node = g_object_get_data (G_OBJECT (widget), "spate-node");
  gulong   id = (gulong) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "spate-handler"));

  if (node != NULL && id != 0)
    g_signal_handler_disconnect (node, id);
  g_object_set_data (G_OBJECT (widget), "spate-handler", NULL);
  g_object_set_data (G_OBJECT (widget), "spate-node", NULL);
}

static void
name_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));

  disconnect_cell (gtk_widget_get_first_child (box));
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* ------------------------------------------------------ priority cell */

static void
dropdown_update (GtkDropDown *dropdown, SpateTorrentFile *node)
{
  g_object_set_data (G_OBJECT (dropdown), UPDATING, GINT_TO_POINTER (TRUE));
  gtk_drop_down_set_selected (dropdown,
                              priority_to_position (spate_torrent_file_get_priority (node)));
  g_object_set_data (G_OBJECT (dropdown), UPDATING, NULL);
}

static void
priority_changed (SpateTorrentFile *node, GParamSpec *pspec, GtkDropDown *dropdown)
{
  dropdown_update (dropdown, node);
}

static void
dropdown_selected (GtkDropDown *dropdown, GParamSpec *pspec, gpointer unused)
{
  SpateTorrentFile *node = g_object_get_data (G_OBJECT (dropdown), "spate-node");
  guint             position = gtk_drop_down_get_selected (dropdown);
  g_autoptr (GError) error = NULL;

  if (g_object_get_data (G_OBJECT (dropdown), UPDATING) || node == NULL)
    return;
  if (position >= G_N_ELEMENTS (priority_steps))
    {
      dropdown_update (dropdown, node);
      return;
    }
  if (!spate_torrent_file_set_priority (node, priority_steps[position], &error))
    {
      SpateFilesPage *self =
          SPATE_FILES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (dropdown), SPATE_TYPE_FILES_PAGE));

      dropdown_update (dropdown, node);
      if (self != NULL)
        _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Change the Priority"),
                                        error);
    }
}

static void
priority_setup (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; priority_names[i] != NULL; i++)
    gtk_string_list_append (names, _ (priority_names[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_add_css_class (dropdown, "flat");
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (dropdown_selected), NULL);
  gtk_list_item_set_child (item, dropdown);
}

static void
priority_bind (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  GtkWidget *dropdown = gtk_list_item_get_child (item);
  g_autoptr (SpateTorrentFile) node = _spate_files_page_row_node (gtk_list_item_get_item (item));
  g_autofree char *tip = g_strdup_printf (_ ("Priority of %s"), spate_torrent_file_get_name (node));
  gulong           id;

  gtk_widget_set_tooltip_text (dropdown, tip);
  g_object_set_data_full (G_OBJECT (dropdown), "spate-node", g_object_ref (node), g_object_unref);
  dropdown_update (GTK_DROP_DOWN (dropdown), node);
  id = g_signal_connect_object (node, "notify::priority", G_CALLBACK (priority_changed), dropdown,
                                0);
  g_object_set_data (G_OBJECT (dropdown), "spate-handler", GSIZE_TO_POINTER ((gsize) id));
}

static void
priority_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  disconnect_cell (gtk_list_item_get_child (item));
}

/* --------------------------------------------------------- pieces cell */

static void
pieces_setup (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  gtk_list_item_set_child (item, spate_file_pieces_bar_new ());
}

static void
pieces_bind (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  g_autoptr (SpateTorrentFile) node = _spate_files_page_row_node (gtk_list_item_get_item (item));

  spate_file_pieces_bar_set (SPATE_FILE_PIECES_BAR (gtk_list_item_get_child (item)), self->pieces,
                             spate_torrent_file_get_first_piece (node),
                             spate_torrent_file_get_last_piece (node));
}

static void
pieces_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, SpateFilesPage *self)
{
  spate_file_pieces_bar_set (SPATE_FILE_PIECES_BAR (gtk_list_item_get_child (item)), NULL, -1, -1);
}

/* ----------------------------------------------------------- closures */

static char *
format_size (gpointer unused, gint64 size)
{
  return g_format_size (size);
}

static char *
format_percent (gpointer unused, double progress)
{
  return g_strdup_printf ("%d%%", (int) (progress * 100.0));
}

void
_spate_files_page_cells_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, name_setup);
  gtk_widget_class_bind_template_callback (widget_class, name_bind);
  gtk_widget_class_bind_template_callback (widget_class, name_unbind);
  gtk_widget_class_bind_template_callback (widget_class, priority_setup);
  gtk_widget_class_bind_template_callback (widget_class, priority_bind);
  gtk_widget_class_bind_template_callback (widget_class, priority_unbind);
  gtk_widget_class_bind_template_callback (widget_class, pieces_setup);
  gtk_widget_class_bind_template_callback (widget_class, pieces_bind);
  gtk_widget_class_bind_template_callback (widget_class, pieces_unbind);
  gtk_widget_class_bind_template_callback (widget_class, format_size);
  gtk_widget_class_bind_template_callback (widget_class, format_percent);
}
