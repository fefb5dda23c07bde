/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens the real window on the demo database and checks what a user sees. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-window.h"
#include "ui-test-util.h"

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* The list's cells are inscriptions, the rest labels. */
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if (GTK_IS_INSCRIPTION (child) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (child)), text) == 0)
        return child;
      found = find_label_with_text (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_window_demo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  EssWindow *window;
  GListModel *dossiers;

  g_assert_no_error (error);

  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (30);

  dossiers = ess_window_get_dossiers (window);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4);

  /* The rows are drawn, the footer adds up the granted amounts, in French. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "APT-2013-002"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "4 dossiers"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "171\xe2\x80\xaf" "663,00\xc2\xa0\xe2\x82\xac"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "Accordé"));

  ui_test_save_screenshot (GTK_WIDGET (window), "test-window-demo.png");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/window-demo", test_window_demo);

  return g_test_run ();
}
