/* spate-test-app.c: running the desktop app inside a test.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-test-app.h"

#include <glib/gstdio.h>

#include "spate-cell-label.h"
#include "spate-test-engine.h"

char *
spate_test_app_isolate (void)
{
  char *root = spate_test_make_tmpdir ("ui");
  const struct
  {
    const char *var;
    const char *dir;
  } dirs[] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "home/.local/share" },
    { "XDG_CONFIG_HOME", "home/.config" },
    { "XDG_CACHE_HOME", "home/.cache" },
    { "XDG_STATE_HOME", "home/.local/state" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (root, dirs[i].dir, NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (dirs[i].var, path, TRUE);
    }
  return root;
}

GtkWindow *
spate_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef struct
{
  GType      type;
  GtkWindow *except;
  GtkWindow *found;
} FindData;

static gboolean
toplevel_appeared (gpointer user_data)
{
  FindData   *data = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, data->type) && window != data->except &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          data->found = window;
          return TRUE;
        }
    }
  return FALSE;
}

GtkWindow *
spate_test_wait_toplevel (GType type, GtkWindow *except, guint timeout_ms)
{
  FindData data = { type, except, NULL };

  spate_test_spin_until (toplevel_appeared, &data, timeout_ms);
  return data.found;
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (SPATE_IS_CELL_LABEL (widget))
    return spate_cell_label_get_label (SPATE_CELL_LABEL (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_STATUS_PAGE (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root, GType type, const char *text, gboolean whole)
{
  const char *own = widget_text (root);

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (text == NULL ||
       (own != NULL && (whole ? strcmp (own, text) == 0 : strstr (own, text) != NULL))))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text, whole);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
spate_test_find_widget (GtkWidget *root, GType type, const char *text)
{
  return find_widget (root, type, text, FALSE);
}

GtkWidget *
spate_test_find_widget_with_text (GtkWidget *root, GType type, const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return find_widget (root, type, text, TRUE);
}

char *
spate_test_screenshot (GtkWidget *window, const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char            *path;
  graphene_rect_t  bounds;
  GskRenderer     *renderer;

  /* Let size allocation, CSS and a frame or two happen; a window just
   * presented may need a few more before it draws anything (bounded). */
  spate_test_spin_for (400);
  g_assert_true (gtk_widget_get_mapped (window));

  paintable = gtk_widget_paintable_new (window);
  for (guint attempt = 0; node == NULL && attempt < 25; attempt++)
    {
      if (attempt > 0)
        spate_test_spin_for (200);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (window),
                              gtk_widget_get_height (window));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  gsk_render_node_get_bounds (node, &bounds);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &bounds);

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}
