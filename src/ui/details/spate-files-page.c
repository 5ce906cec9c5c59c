/* spate-files-page.c: the Files page of the details pane.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree list model is lazy: only expanded folders get their children,
 * and cells follow their node's notifications, so a torrent of 100k files
 * costs what the visible rows do. A search walks the files once per change
 * of the text and shows the matches as a flat list.
 */

#include "spate-files-page-private.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

#include "spate-portal.h"

G_DEFINE_FINAL_TYPE (SpateFilesPage, spate_files_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpateTorrentFile *
_spate_files_page_row_node (gpointer row)
{
  return SPATE_TORRENT_FILE (gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (row)));
}

/* The node of the selected row, a new reference, or NULL. */
static SpateTorrentFile *
selected_node (SpateFilesPage *self)
{
  gpointer row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? _spate_files_page_row_node (row) : NULL;
}

static GFile *
node_file (SpateFilesPage *self, SpateTorrentFile *node)
{
  return g_file_new_build_filename (spate_torrent_get_save_path (self->torrent),
                                    spate_torrent_file_get_path (node), NULL);
}

/* ---------------------------------------------------------- the model */

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  return spate_torrent_file_get_children (SPATE_TORRENT_FILE (item));
}

static GListModel *
create_no_children (gpointer item, gpointer user_data)
{
  return NULL;
}

/* One root folder (the usual case) is opened: its contents are what a
 * person came for. */
static void
expand_single_root (SpateFilesPage *self)
{
  g_autoptr (GtkTreeListRow) row = NULL;

  if (self->rows == NULL || self->matches != NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->rows)) != 1)
    return;
  row = gtk_tree_list_model_get_row (self->rows, 0);
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, TRUE);
}

static void
set_rows (SpateFilesPage *self, GListModel *root, gboolean tree)
{
  g_clear_object (&self->rows);
  if (root != NULL)
    self->rows = gtk_tree_list_model_new (g_object_ref (root), FALSE, FALSE,
                                          tree ? create_children : create_no_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  expand_single_root (self);
}

static gboolean
name_matches (SpateTorrentFile *node, const char *needle)
{
  g_autofree char *name = g_utf8_casefold (spate_torrent_file_get_name (node), -1);

  return strstr (name, needle) != NULL;
}

/* Files by index: a flat walk, no folder models made. */
static void
collect_matches (SpateFilesPage *self, const char *text)
{
  SpateFileTree   *tree = SPATE_FILE_TREE (self->tree);
  guint            n_files = spate_file_tree_get_n_files (tree);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  guint seen = 0;

  /* Pad files leave holes in the indexes; the bound only guards the loop. */
  for (int i = 0; seen < n_files && i < (int) MIN (n_files * 2u + 1024u, G_MAXINT); i++)
    {
      SpateTorrentFile *node = spate_file_tree_get_file (tree, i);

      if (node == NULL)
        continue;
      seen++;
      if (name_matches (node, needle))
        g_ptr_array_add (found, node);
    }
  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       found->pdata, found->len);
}

static void
update_rows (SpateFilesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->tree == NULL)
    {
      g_clear_object (&self->matches);
      set_rows (self, NULL, FALSE);
      return;
    }
  if (text == NULL || *text == '\0')
    {
      if (self->matches != NULL || self->rows == NULL)
        {
          g_clear_object (&self->matches);
          set_rows (self, self->tree, TRUE);
        }
      return;
    }
  if (self->matches == NULL)
    {
      self->matches = g_list_store_new (SPATE_TYPE_TORRENT_FILE);
      set_rows (self, G_LIST_MODEL (self->matches), FALSE);
    }
  collect_matches (self, text);
}

static void
search_changed (SpateFilesPage *self)
{
  update_rows (self);
}

/* Rebuilt (metadata arrived, a file renamed): matches point at old nodes. */
static void
tree_changed (SpateFilesPage *self)
{
  if (self->matches != NULL)
    collect_matches (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    expand_single_root (self);
}

static void
load (SpateFilesPage *self)
{
  if (self->torrent == NULL || self->tree != NULL)
    return;
  self->tree = spate_torrent_get_file_tree (self->torrent);
  self->pieces = spate_torrent_get_pieces (self->torrent);
  /* After the tree list model has taken the change. */
  self->tree_changed_id =
      g_signal_connect_object (self->tree, "items-changed", G_CALLBACK (tree_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_rows (self);
}

static void
unload (SpateFilesPage *self)
{
  g_clear_signal_handler (&self->tree_changed_id, self->tree);
  g_clear_object (&self->matches);
  set_rows (self, NULL, FALSE);
  g_clear_object (&self->tree);
  g_clear_object (&self->pieces);
}

/* ------------------------------------------------------------ actions */

static void
update_actions (SpateFilesPage *self)
{
  g_autoptr (SpateTorrentFile) node = selected_node (self);
  gboolean have_files = self->rows != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "files.rename",
                                 node != NULL && !spate_torrent_file_get_is_folder (node));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "files.open", node != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "files.open-folder", node != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "files.select-all", have_files);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "files.select-none", have_files);
}

const char *
spate_files_page_check_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return _ ("The name cannot be empty.");
  if (strchr (name, '/') != NULL)
    return _ ("The name cannot contain “/”.");
  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    return _ ("“.” and “..” are not valid names.");
  return NULL;
}

static void
rename_entry_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  GtkLabel         *error_label = g_object_get_data (G_OBJECT (dialog), "spate-error-label");
  SpateTorrentFile *node = g_object_get_data (G_OBJECT (dialog), "spate-node");
  const char       *text = gtk_editable_get_text (entry);
  const char       *problem = spate_files_page_check_name (text);

  gtk_label_set_label (error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), problem != NULL);
  adw_message_dialog_set_response_enabled (
      dialog, "rename", problem == NULL && !g_str_equal (text, spate_torrent_file_get_name (node)));
}

static void
rename_response (AdwMessageDialog *dialog, const char *response, SpateFilesPage *self)
{
  SpateTorrentFile *node = g_object_get_data (G_OBJECT (dialog), "spate-node");
  SpateTorrent     *torrent = g_object_get_data (G_OBJECT (dialog), "spate-torrent");
  GtkEditable      *entry = g_object_get_data (G_OBJECT (dialog), "spate-entry");
  const char       *text = gtk_editable_get_text (entry);
  g_autofree char  *parent = NULL;
  g_autofree char  *new_path = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "rename") || spate_files_page_check_name (text) != NULL)
    return;
  parent = g_path_get_dirname (spate_torrent_file_get_path (node));
  new_path = g_str_equal (parent, ".") ? g_strdup (text) : g_strconcat (parent, "/", text, NULL);
  if (!spate_torrent_rename_file (torrent, spate_torrent_file_get_index (node), new_path, &error))
    _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Rename the File"), error);
}

static void
rename_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (widget);
  g_autoptr (SpateTorrentFile) node = selected_node (self);
  GtkRoot   *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *box, *entry, *error_label;

  if (node == NULL || spate_torrent_file_get_is_folder (node) || self->torrent == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Rename File"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _ ("The new name of “%s”."),
                                  spate_torrent_file_get_name (node));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), spate_torrent_file_get_name (node));
  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "rename",
                                    _ ("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename", FALSE);

  g_object_set_data_full (G_OBJECT (dialog), "spate-node", g_object_ref (node), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "spate-torrent", g_object_ref (self->torrent),
                          g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "spate-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "spate-error-label", error_label);
  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (widget);
  g_autoptr (SpateTorrentFile) node = selected_node (self);
  g_autoptr (GFile) file = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (node == NULL || self->torrent == NULL)
    return;
  file = node_file (self, node);
  if (g_str_equal (action_name, "files.open"))
    spate_portal_open_file_simple (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, file);
  else
    spate_portal_show_in_folder_simple (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, file);
}

/* Whole folders when browsing; the matching files, in one call, when
 * searching. */
static void
select_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (widget);
  gboolean        wanted = g_str_equal (action_name, "files.select-all");
  g_autoptr (GError) error = NULL;

  if (self->tree == NULL)
    return;
  if (self->matches == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->tree); i++)
        {
          g_autoptr (SpateTorrentFile) node = g_list_model_get_item (self->tree, i);

          if (!spate_torrent_file_set_wanted (node, wanted, &error))
            break;
        }
    }
  else
    {
      GListModel *matches = G_LIST_MODEL (self->matches);
      g_autoptr (GBytes) before = spate_torrent_get_file_priorities (self->torrent, &error);
      g_autofree guint8 *priorities = NULL;
      gsize              n = 0;

      if (before != NULL)
        {
          priorities =
              g_memdup2 (g_bytes_get_data (before, &n), MAX (g_bytes_get_size (before), 1));
          for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
            {
              g_autoptr (SpateTorrentFile) node = g_list_model_get_item (matches, i);
              int index = spate_torrent_file_get_index (node);

              if (index >= 0 && (gsize) index < n)
                priorities[index] = wanted ? SPATE_PRIORITY_NORMAL : SPATE_PRIORITY_SKIP;
            }
          spate_torrent_set_file_priorities (self->torrent, priorities, n, &error);
        }
    }
  if (error != NULL)
    _spate_details_page_show_error (GTK_WIDGET (self), _ ("Could Not Change the Files"), error);
}

static void
secondary_pressed (GtkGestureClick *gesture, int n_press, double x, double y, SpateFilesPage *self)
{
  GtkWidget       *view = GTK_WIDGET (self->column_view);
  GtkWidget       *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  graphene_point_t point;

  /* Select the row under the pointer when it is over a name cell. */
  for (GtkWidget *w = picked; w != NULL && w != view; w = gtk_widget_get_parent (w))
    if (GTK_IS_TREE_EXPANDER (w))
      {
        GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (w));

        if (row != NULL)
          gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (row));
        break;
      }

  if (!gtk_widget_compute_point (view, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle){ (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* ------------------------------------------------------------- public */

SpateTorrent *
spate_files_page_get_torrent (SpateFilesPage *self)
{
  g_return_val_if_fail (SPATE_IS_FILES_PAGE (self), NULL);
  return self->torrent;
}

void
spate_files_page_set_torrent (SpateFilesPage *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_FILES_PAGE (self));
  g_return_if_fail (torrent == NULL || SPATE_IS_TORRENT (torrent));

  if (self->torrent == torrent)
    return;
  unload (self);
  g_set_object (&self->torrent, torrent);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TORRENT]);
}

GListModel *
spate_files_page_get_rows (SpateFilesPage *self)
{
  g_return_val_if_fail (SPATE_IS_FILES_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/* ------------------------------------------------------------ GObject */

static void
spate_files_page_map (GtkWidget *widget)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (widget);

  GTK_WIDGET_CLASS (spate_files_page_parent_class)->map (widget);
  load (self);
  update_actions (self);
}

static void
spate_files_page_unmap (GtkWidget *widget)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (widget);

  unload (self);
  update_actions (self);
  GTK_WIDGET_CLASS (spate_files_page_parent_class)->unmap (widget);
}

static void
spate_files_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (widget);

  GTK_WIDGET_CLASS (spate_files_page_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
spate_files_page_dispose (GObject *object)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (object);

  unload (self);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_FILES_PAGE);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_files_page_parent_class)->dispose (object);
}

static void
spate_files_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      g_value_set_object (value, self->torrent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_files_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpateFilesPage *self = SPATE_FILES_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_files_page_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_files_page_class_init (SpateFilesPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_files_page_dispose;
  object_class->get_property = spate_files_page_get_property;
  object_class->set_property = spate_files_page_set_property;
  widget_class->map = spate_files_page_map;
  widget_class->unmap = spate_files_page_unmap;
  widget_class->size_allocate = spate_files_page_size_allocate;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "files.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "files.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "files.open-folder", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "files.select-all", NULL, select_activated);
  gtk_widget_class_install_action (widget_class, "files.select-none", NULL, select_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "files.rename", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "spate-files-page");
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-files-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpateFilesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpateFilesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SpateFilesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, SpateFilesPage, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, secondary_pressed);
  _spate_files_page_cells_class_init (widget_class);
}

static void
spate_files_page_init (SpateFilesPage *self)
{
  g_type_ensure (SPATE_TYPE_TORRENT_FILE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  update_actions (self);
}
