/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard as an elected official's question meets it: the figures
 * of the demo APT against hand computations (seed 002, annexe 1), the
 * equity sentence, the table view, and click-through to the dossier list. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ess-dashboard-view.h"
#include "ess-dossier-browser.h"
#include "ess-store-dossiers.h"
#include "ess-window.h"
#include "ui-test-util.h"

static char *dir;
static char *db_path;

static void
test_apt_figures_and_click_through (void)
{
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (db_path, ESS_STORE_OPEN_DEMO_DATA, &error);
  EssWindow *window;
  EssDashboardView *view;
  const EssDashboard *dashboard;
  GtkWidget *label;
  GtkWidget *button;
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);

  /* Made only when first shown (Alt+2). */
  g_assert_null (ess_window_get_dashboard (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "dashboard"));
  ui_test_wait_frames (10);
  view = ESS_DASHBOARD_VIEW (ess_window_get_dashboard (window));
  g_assert_nonnull (view);

  /* The APT of 2012-2013: 146 000 + 5 933 + 15 000 + 4 730 = 171 663 €. */
  ess_dashboard_view_set_period (view, 2012, 2013, "APT");
  ui_test_wait_frames (5);
  dashboard = ess_dashboard_view_get_dashboard (view);
  g_assert_cmpint (dashboard->granted_cents, ==, 17166300);
  g_assert_cmpuint (dashboard->n_dossiers, ==, 4);

  /* One commune received 85 % of the grants: 146 000 / 171 663 = 85,05 %. */
  label = ui_test_find_label_containing (GTK_WIDGET (view), "Le premier bénéficiaire, Ville de Lille, reçoit 85,1");
  g_assert_nonnull (label);
  /* The question of the elected official: 2 540,38 € of 171 663 € (1,5 %)
   * went to the 50 communes under 5 000 inhabitants, 8,8 % of the
   * population (105 462 of 1 195 234). */
  label = ui_test_find_label_containing (GTK_WIDGET (view), "Les 50 communes de moins de 5\u00a0000 habitants reçoivent 1,5\u00a0% des montants pour 8,8\u00a0% de la population");
  g_assert_nonnull (label);
  /* 330 000 € of envelopes? No: 2012 and 2013 only, 220 000 €; 78,0 % consumed. */
  label = ui_test_find_label_containing (GTK_WIDGET (view), "78,0\u00a0%");
  g_assert_nonnull (label);

  /* The same figures as a table: the Lillois row with 148 461,18 €. */
  g_assert_nonnull (ui_test_find_label_containing (GTK_WIDGET (view), "148\u202f461,18\u00a0€"));

  ui_test_save_screenshot (GTK_WIDGET (window), "test-dashboard.png");

  /* The CSV of the figures: BOM, ';', decimal comma, the size classes. */
  csv = ess_dashboard_view_to_csv (view);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, "Taille des communes;Moins de 5\u00a0000 habitants;2;;"));
  g_assert_nonnull (strstr (csv, ";2540,38;"));

  /* The yearly report of what is shown, for printing or PDF. */
  {
    g_autoptr(EssReport) report = ess_dashboard_view_build_report (view, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ess_report_get_title (report), ==, "Bilan 2012–2013");
    g_assert_cmpint (ess_report_get_n_pages (report, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT), >=, 2);
  }

  /* Click-through: the Lillois territory opens the list filtered on it,
   * which holds Lille's dossier and Ciné cité social. */
  button = NULL;
  {
    GtkWidget *row_label = ui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, "Lillois");
    GtkWidget *grid = gtk_widget_get_parent (row_label);
    int column, row, width, height;

    gtk_grid_query_child (GTK_GRID (grid), row_label, &column, &row, &width, &height);
    for (int c = 1; c < 12 && button == NULL; c++)
      {
        GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), c, row);
        if (GTK_IS_BUTTON (cell))
          button = cell;
      }
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_test_wait_frames (10);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ess_window_get_browser (window))));
  g_assert_cmpint (ess_dossier_browser_get_query (ess_window_get_browser (window))->territory_id, ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (ess_dossier_browser_get_model (ess_window_get_browser (window))), ==, 2);

  /* Hidden, the dashboard does not read the portfolio again at each
   * change; shown, it does. Ciné cité social: 4 730 -> 5 730 €. */
  g_assert_true (ess_store_set_dossier_field (store, 4, ESS_FIELD_GRANTED, "573000", &error));
  g_assert_no_error (error);
  ui_test_wait_frames (5);
  g_assert_cmpint (ess_dashboard_view_get_dashboard (view)->granted_cents, ==, 17166300);
  ess_window_show_view (window, "dashboard");
  ui_test_wait_frames (10);
  g_assert_cmpint (ess_dashboard_view_get_dashboard (view)->granted_cents, ==, 17266300);

  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_frames (3);
  ess_store_close (store);
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  ui_test_init (&argc, &argv);

  dir = g_dir_make_tmp ("ess-dashboard-XXXXXX", NULL);
  db_path = g_build_filename (dir, "dashboard.db", NULL);

  g_test_add_func ("/dashboard-view/apt-figures-and-click-through", test_apt_figures_and_click_through);
  result = g_test_run ();

  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
  g_free (db_path);
  g_free (dir);
  return result;
}
