/* spate-add-dialog-files.c: the add dialog's file list.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cells are built in C, not from GtkBuilder templates: GTK 4.8 keeps
 * up to 200 rows alive and makes them all again when a search swaps the
 * model, and with templates (a GtkDropDown per row above all) that took
 * 0.9 s for a 100,000-file torrent.
 */

#include "spate-add-dialog-private.h"

#include <glib/gi18n.h>

/* Smaller torrents open with every folder expanded. */
#define EXPAND_ALL_MAX_FILES 64

/* ------------------------------------------------------------ model */

static gboolean
file_visible (gpointer item, gpointer user_data)
{
  return spate_add_file_get_visible (item);
}

static GListModel *
create_child_model (gpointer item, gpointer user_data)
{
  SpateAddDialog *self = user_data;
  GListModel     *children = spate_add_file_get_children (item);

  if (children == NULL)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

/* Made again when the search changes, so that matches show expanded. */
void
_spate_add_dialog_set_tree_model (SpateAddDialog *self)
{
  g_autoptr (GtkTreeListModel) tree = NULL;
  GtkFilterListModel *top;
  gboolean            expand;

  if (self->root == NULL)
    {
      gtk_no_selection_set_model (self->file_selection, NULL);
      return;
    }
  expand = self->filtering || spate_add_file_get_n_files (self->root) <= EXPAND_ALL_MAX_FILES;
  top = gtk_filter_list_model_new (g_object_ref (spate_add_file_get_children (self->root)),
                                   g_object_ref (GTK_FILTER (self->filter)));
  tree =
      gtk_tree_list_model_new (G_LIST_MODEL (top), FALSE, expand, create_child_model, self, NULL);
  gtk_no_selection_set_model (self->file_selection, G_LIST_MODEL (tree));
}

static SpateAddFile *
list_item_file (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static SpateAddDialog *
dialog_of (GtkWidget *widget)
{
  return SPATE_ADD_DIALOG (gtk_widget_get_ancestor (widget, SPATE_TYPE_ADD_DIALOG));
}

/* Each cell follows its file's notifications while bound. */
static void
follow_file (GtkListItem *list_item, GCallback refresh, gpointer cell)
{
  GSignalGroup *signals = g_signal_group_new (SPATE_TYPE_ADD_FILE);

  g_signal_group_connect_swapped (signals, "notify", refresh, cell);
  g_object_set_data_full (G_OBJECT (list_item), "spate-file-signals", signals, g_object_unref);
}

static void
set_followed_file (GtkListItem *list_item, SpateAddFile *file)
{
  g_signal_group_set_target (g_object_get_data (G_OBJECT (list_item), "spate-file-signals"), file);
}

/* ------------------------------------------------------------ name column */

static void
refresh_check (GtkCheckButton *check)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (check), "spate-list-item");
  g_autoptr (SpateAddFile) file = list_item_file (list_item);

  if (file == NULL)
    return;
  gtk_check_button_set_inconsistent (check, spate_add_file_get_inconsistent (file));
  gtk_check_button_set_active (check, spate_add_file_get_checked (file));
}

static void
check_toggled (GtkCheckButton *check, GtkListItem *list_item)
{
  g_autoptr (SpateAddFile) file = list_item_file (list_item);
  gboolean        active = gtk_check_button_get_active (check);
  SpateAddDialog *self;

  /* Also called when the cell shows the file's state. A click on a mixed
   * folder always turns it on; it shows off while mixed. */
  if (file == NULL ||
      (spate_add_file_get_inconsistent (file) ? !active
                                              : spate_add_file_get_checked (file) == active))
    return;
  self = dialog_of (GTK_WIDGET (check));
  spate_add_file_set_wanted (file, active, self->filtering);
  _spate_add_dialog_update_summary (self);
}

static void
name_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (check), "spate-list-item", list_item);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), list_item);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
  follow_file (list_item, G_CALLBACK (refresh_check), check);
}

static GIcon *
file_icon (SpateAddFile *file)
{
  g_autofree char *type = NULL;
  g_autoptr (GIcon) icon = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  if (spate_add_file_get_is_folder (file))
    return g_themed_icon_new ("folder-symbolic");
  type = g_content_type_guess (spate_add_file_get_name (file), NULL, 0, NULL);
  icon = g_content_type_get_symbolic_icon (type);
  if (!G_IS_THEMED_ICON (icon))
    return g_steal_pointer (&icon);

  /* Only the symbolic names: Adwaita has no symbolic icon for some types
   * ("application-x-generic"), and its coloured one looks out of place. */
  for (const char * const *name = g_themed_icon_get_names (G_THEMED_ICON (icon)); *name; name++)
    {
      if (g_str_has_suffix (*name, "-symbolic"))
        g_ptr_array_add (names, (gpointer) *name);
    }
  g_ptr_array_add (names, "text-x-generic-symbolic");
  return g_themed_icon_new_from_names ((char **) names->pdata, names->len);
}

static void
name_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget      *expander = gtk_list_item_get_child (list_item);
  GtkWidget      *check =
      gtk_widget_get_first_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  GtkWidget *image = gtk_widget_get_next_sibling (check);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  g_autoptr (SpateAddFile) file = gtk_tree_list_row_get_item (row);
  g_autoptr (GIcon) icon = file_icon (file);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_image_set_from_gicon (GTK_IMAGE (image), icon);
  gtk_label_set_text (GTK_LABEL (label), spate_add_file_get_name (file));
  gtk_widget_set_tooltip_text (label, spate_add_file_get_name (file));
  refresh_check (GTK_CHECK_BUTTON (check));
  set_followed_file (list_item, file);
}

static void
unbind (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  set_followed_file (list_item, NULL);
}

/* ------------------------------------------------------------ size column */

static void
size_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (list_item, label);
}

static void
size_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  g_autoptr (SpateAddFile) file = list_item_file (list_item);
  g_autofree char *text = g_format_size (spate_add_file_get_size (file));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

/* ------------------------------------------------------------ priority column */

static const char *
priority_label (int priority)
{
  switch (priority)
    {
    case SPATE_PRIORITY_LOW:
      return C_ ("priority", "Low");
    case SPATE_PRIORITY_HIGH:
      return C_ ("priority", "High");
    case SPATE_ADD_FILE_PRIORITY_MIXED:
      /* Translators: the priority of a folder whose files have different ones. */
      return C_ ("priority", "Mixed");
    default:
      return C_ ("priority", "Normal");
    }
}

static void
refresh_priority (GtkMenuButton *button)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "spate-list-item");
  g_autoptr (SpateAddFile) file = list_item_file (list_item);
  GActionGroup *actions = g_object_get_data (G_OBJECT (button), "spate-actions");
  int           priority;

  if (file == NULL)
    return;
  priority = spate_add_file_get_priority (file);
  gtk_menu_button_set_label (button, priority_label (priority));
  /* An unwanted file downloads with no priority at all. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), spate_add_file_get_checked (file) ||
                                                     spate_add_file_get_inconsistent (file));
  if (actions != NULL)
    g_simple_action_set_state (
        G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (actions), "priority")),
        g_variant_new_int32 (priority));
}

static void
priority_chosen (GSimpleAction *action, GVariant *value, GtkMenuButton *button)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "spate-list-item");
  g_autoptr (SpateAddFile) file = list_item_file (list_item);
  int priority = g_variant_get_int32 (value);

  if (file == NULL || priority < SPATE_PRIORITY_LOW || priority > SPATE_PRIORITY_HIGH)
    return;
  spate_add_file_set_priority (file, priority, dialog_of (GTK_WIDGET (button))->filtering);
  refresh_priority (button);
}

/* The menu is made on first use: most rows never open it. */
static void
create_priority_menu (GtkMenuButton *button, gpointer user_data)
{
  static const int priorities[] = { SPATE_PRIORITY_LOW, SPATE_PRIORITY_NORMAL,
                                    SPATE_PRIORITY_HIGH };
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) action = g_simple_action_new_stateful (
      "priority", G_VARIANT_TYPE_INT32, g_variant_new_int32 (SPATE_PRIORITY_NORMAL));

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (priority_label (priorities[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "cell.priority",
                                               g_variant_new_int32 (priorities[i]));
      g_menu_append_item (menu, item);
    }
  g_signal_connect_object (action, "change-state", G_CALLBACK (priority_chosen), button, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (button), "cell", G_ACTION_GROUP (actions));
  g_object_set_data_full (G_OBJECT (button), "spate-actions", g_object_ref (actions),
                          g_object_unref);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  refresh_priority (button);
}

static void
priority_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  g_object_set_data (G_OBJECT (button), "spate-list-item", list_item);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_priority_menu, NULL,
                                         NULL);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _ ("Download Priority"));
  gtk_widget_add_css_class (button, "flat");
  gtk_list_item_set_child (list_item, button);
  follow_file (list_item, G_CALLBACK (refresh_priority), button);
}

static void
priority_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, SpateAddDialog *self)
{
  g_autoptr (SpateAddFile) file = list_item_file (list_item);

  refresh_priority (GTK_MENU_BUTTON (gtk_list_item_get_child (list_item)));
  set_followed_file (list_item, file);
}

/* ------------------------------------------------------------ search */

static void
search_changed (SpateAddDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean    filtering = text[0] != '\0';
  gboolean    any;

  if (self->root == NULL)
    return;
  any = spate_add_file_filter (self->root, text);
  self->filtering = filtering;
  /* Without a search the filter lets everything through without asking. */
  gtk_custom_filter_set_filter_func (self->filter, filtering ? file_visible : NULL, NULL, NULL);
  _spate_add_dialog_set_tree_model (self);
  gtk_stack_set_visible_child_name (self->list_stack, any ? "list" : "empty");
}

static void
search_stopped (SpateAddDialog *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
focus_search_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (widget);

  if (self->state == SPATE_ADD_DIALOG_READY)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ------------------------------------------------------------ choosing */

static void
file_activated (SpateAddDialog *self, guint position, GtkColumnView *view)
{
  g_autoptr (GtkTreeListRow) row =
      g_list_model_get_item (G_LIST_MODEL (self->file_selection), position);
  g_autoptr (SpateAddFile) file = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (file == NULL)
    return;
  if (spate_add_file_get_is_folder (file))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    {
      spate_add_file_set_wanted (file, !spate_add_file_get_checked (file), FALSE);
      _spate_add_dialog_update_summary (self);
    }
}

static void
select_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SpateAddDialog *self = SPATE_ADD_DIALOG (widget);

  if (self->root == NULL)
    return;
  /* With a search, only the files it shows. */
  spate_add_file_set_wanted (self->root, g_str_equal (action, "add-dialog.select-all"),
                             self->filtering);
  _spate_add_dialog_update_summary (self);
}

void
_spate_add_dialog_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, name_setup);
  gtk_widget_class_bind_template_callback (widget_class, name_bind);
  gtk_widget_class_bind_template_callback (widget_class, size_setup);
  gtk_widget_class_bind_template_callback (widget_class, size_bind);
  gtk_widget_class_bind_template_callback (widget_class, priority_setup);
  gtk_widget_class_bind_template_callback (widget_class, priority_bind);
  gtk_widget_class_bind_template_callback (widget_class, unbind);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, file_activated);

  gtk_widget_class_install_action (widget_class, "add-dialog.select-all", NULL, select_activated);
  gtk_widget_class_install_action (widget_class, "add-dialog.select-none", NULL, select_activated);
  gtk_widget_class_install_action (widget_class, "add-dialog.focus-search", NULL,
                                   focus_search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "add-dialog.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "add-dialog.select-none", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "add-dialog.focus-search", NULL);
}
