/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens the "Scénarios" view of the real window, edits assumptions and sees the table and charts follow. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <sqlite3.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-store-dossiers.h"
#include "ess-scenario-report.h"
#include "ess-store-scenarios.h"
#include "ess-window.h"
#include "ui-test-util.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

/* The first widget under @root that is a label showing @text, or an
 * expander titled @text. */
static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if (GTK_IS_EXPANDER (child) && g_strcmp0 (gtk_expander_get_label (GTK_EXPANDER (child)), text) == 0)
        return child;
      found = find_text (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static void
remove_database (const char *dir,
                 const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* Types @text into @entry and presses Enter; returns the microseconds
 * until the view has written it and shown it everywhere. */
static gint64
type_and_enter (GtkWidget  *entry,
                const char *text)
{
  gint64 start;

  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (entry, "activate");
  return g_get_monotonic_time () - start;
}

/* The demo database holds the three seed scenarios (2015-2020). By hand,
 * from data/scenarios.ini: Métropole over the horizon 976 000 (poursuite),
 * 822 000 (réorientation), 744 000 (arrêt); 2016 of poursuite: APT 110 000
 * + co-funders 55 000 + diagnostics 34 000 + support 20 000 + network
 * 10 000 = 229 000 in its budget bar. */
static void
test_compare_and_edit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autoptr(EssScenario) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  EssScenarioView *view;
  EssWindow *window;
  const EssChart *chart;
  GtkWidget *entry;
  gint64 first_id, elapsed;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);

  /* Alt+3 shows the view, made when first shown. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "scenarios");
  ui_test_wait_frames (30);
  view = ess_window_get_scenario_view (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* The three seed scenarios side by side, the first as reference. */
  g_assert_nonnull (ess_scenario_view_get_comparison (view));
  g_assert_cmpuint (ess_scenario_view_get_comparison (view)->scenarios->len, ==, 3);
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 0, FALSE), ==,
                   "976" NNBSP "000,00" NBSP "€");
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 1, FALSE), ==,
                   "822" NNBSP "000,00" NBSP "€");
  /* 822 000 - 976 000 = -154 000, -15,78 % of 976 000. */
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 1, TRUE), ==,
                   "-154" NNBSP "000,00" NBSP "€ (-15,8" NBSP "%)");
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_STAFF_LOAD, 0, FALSE), ==,
                   "74,7" NBSP "%");
  chart = ess_scenario_view_get_budget_chart (view);
  g_assert_cmpuint (ess_chart_get_n_groups (chart), ==, 6);
  g_assert_cmpuint (ess_chart_get_n_bars (chart), ==, 3);
  g_assert_cmpint (ess_chart_get_total (chart, 1, 0), ==, 22900000);
  ui_test_save_screenshot (GTK_WIDGET (window), "test-scenario-view-compare.png");

  /* Edit the envelope of "poursuite" in 2016: 110 000 -> 150 000. Its
   * column, its difference and its bar change at once: Métropole
   * 976 000 + 40 000 = 1 016 000; réorientation's difference
   * 822 000 - 1 016 000 = -194 000, -19,09 %; the 2016 bar 269 000. */
  first_id = ((EssScenario *) g_ptr_array_index (ess_scenario_view_get_scenarios (view), 0))->id;
  g_assert_cmpint (ess_scenario_view_get_selected_id (view), ==, first_id);
  ess_scenario_view_show_page (view, "edit");
  ui_test_wait_frames (10);
  entry = ess_scenario_view_get_amount_entry (view, 0, 2016, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "110" NNBSP "000,00");
  elapsed = type_and_enter (entry, "150 000");
  g_test_message ("an edit is shown everywhere in %" G_GINT64_FORMAT " µs", elapsed);
  g_assert_cmpint (elapsed, <, 50000);
  elapsed = g_get_monotonic_time ();
  g_assert_true (ess_scenario_view_save_now (view));
  g_test_message ("and written to the database in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - elapsed);
  g_assert_cmpstr (ess_scenario_view_get_error (view), ==, "");
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 0, FALSE), ==,
                   "1" NNBSP "016" NNBSP "000,00" NBSP "€");
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 1, TRUE), ==,
                   "-194" NNBSP "000,00" NBSP "€ (-19,1" NBSP "%)");
  chart = ess_scenario_view_get_budget_chart (view);
  g_assert_cmpint (ess_chart_get_total (chart, 1, 0), ==, 26900000);
  /* The line above the editor follows too. */
  g_assert_nonnull (strstr (ess_scenario_view_get_summary (view), "1" NNBSP "016" NNBSP "000,00" NBSP "€"));
  g_assert_nonnull (strstr (ess_scenario_view_get_summary (view), "charge de l’équipe 74,7" NBSP "%"));

  /* The figures under the charts: the APT line of 2016 with its
   * co-funders, 150 000 + 55 000. */
  {
    GtkWidget *expander = find_text (GTK_WIDGET (view), "Chiffres des graphiques");

    g_assert_nonnull (expander);
    g_assert_null (find_text (GTK_WIDGET (view), "205" NNBSP "000,00" NBSP "€"));
    gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    g_assert_nonnull (find_text (GTK_WIDGET (view), "205" NNBSP "000,00" NBSP "€"));
    gtk_expander_set_expanded (GTK_EXPANDER (expander), FALSE);
  }

  /* It is in the database, with its history. */
  stored = ess_store_load_scenario (store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_scenario_line_amount (stored, 0, 2016)->metropole, ==, 15000000);
  history = ess_store_scenario_history (store, first_id, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_nonnull (strstr (((EssHistoryEvent *) g_ptr_array_index (history, 0))->comment, "2016"));

  /* One ETP instead of a half in 2016: 100 more days available over the
   * horizon, 700; 2016 load 78 / 200 days = 39 %. */
  entry = ess_scenario_view_get_assumption_entry (view, ESS_ASSUME_STAFF, 2016);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "0,5");
  type_and_enter (entry, "1");
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_STAFF_AVAILABLE, 0, FALSE), ==,
                   "700" NBSP "j");
  g_assert_cmpint (ess_chart_get_value (ess_scenario_view_get_staff_chart (view), 1, 0, 0), ==, 3900);
  ui_test_wait_frames (10);
  ui_test_save_screenshot (GTK_WIDGET (window), "test-scenario-view-edit.png");

  /* The demo's ongoing APT dossiers, APT-2013-002 (15 000) and
   * APT-2013-003 (4 730), are renewed each year by poursuite: 19 730 of
   * balances in 2015 + 6 x 19 730 = 138 110. Ending APT-2013-002 at its
   * term leaves 19 730 + 6 x 4 730 = 48 110. */
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_PORTFOLIO, 0, FALSE), ==,
                   "138" NNBSP "110,00" NBSP "€");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ess_scenario_view_get_treatment_dropdown (view, 0)),
                              1 + ESS_TREATMENT_END);
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_PORTFOLIO, 0, FALSE), ==,
                   "48" NNBSP "110,00" NBSP "€");

  /* Refused input: says why, changes nothing. */
  entry = ess_scenario_view_get_amount_entry (view, 0, 2017, FALSE);
  type_and_enter (entry, "cent mille");
  g_assert_nonnull (strstr (ess_scenario_view_get_error (view), "cent mille"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 0, FALSE), ==,
                   "1" NNBSP "016" NNBSP "000,00" NBSP "€");
  entry = ess_scenario_view_get_assumption_entry (view, ESS_ASSUME_DAYS_PER_DOSSIER, 2017);
  type_and_enter (entry, "-3");
  g_assert_nonnull (strstr (ess_scenario_view_get_error (view), "-3"));
  ui_test_wait_frames (2);
  g_clear_pointer (&stored, ess_scenario_free);
  stored = ess_store_load_scenario (store, first_id, &error);
  g_assert_cmpint (ess_scenario_line_amount (stored, 0, 2017)->metropole, ==, 11000000);
  /* The staff edit was written from the main loop meanwhile. */
  g_assert_cmpint (ess_scenario_get_year (stored, 2016)->assumptions[ESS_ASSUME_STAFF], ==, 100);
  g_assert_cmpint (g_hash_table_size (stored->treatments), ==, 1);
  g_assert_cmpint (ess_scenario_get_year (stored, 2017)->assumptions[ESS_ASSUME_DAYS_PER_DOSSIER], ==, 300);

  /* A variant: duplicated, selected, compared as a fourth column. */
  gtk_widget_activate_action (GTK_WIDGET (view), "scenario.duplicate", NULL);
  ui_test_wait_frames (5);
  g_assert_cmpuint (ess_scenario_view_get_scenarios (view)->len, ==, 4);
  g_assert_cmpuint (ess_scenario_view_get_comparison (view)->scenarios->len, ==, 4);
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 3, TRUE), ==, "=");

  /* One year only: 2016 of poursuite, 150 000 + 34 000 + 20 000 + 10 000 = 214 000. */
  ess_scenario_view_show_page (view, "compare");
  {
    const gint64 ids[] = { first_id,
                           ((EssScenario *) g_ptr_array_index (ess_scenario_view_get_scenarios (view), 2))->id };
    ess_scenario_view_set_compared (view, ids, 2, ids[1]);
  }
  g_assert_cmpuint (ess_scenario_view_get_comparison (view)->scenarios->len, ==, 2);
  /* 1 016 000 - 744 000 = 272 000, 36,56 % of the reference, arrêt. */
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 0, TRUE), ==,
                   "+272" NNBSP "000,00" NBSP "€ (+36,6" NBSP "%)");
  ui_test_wait_frames (20);
  ui_test_save_screenshot (GTK_WIDGET (window), "test-scenario-view-two.png");

  /* Printed through GtkPrintOperation, as the Print button does: the
   * pages of the report, in a PDF. */
  {
    g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "test-scenario-view-print.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    guint pages = 0;

    g_assert_true (ess_scenario_view_print_to_file (view, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    for (gsize i = 0; i + 11 <= length; i++)
      pages += memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's';
    g_assert_cmpuint (pages, ==, ESS_SCENARIO_REPORT_N_PAGES);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_database (dir, path);
}

/* 100 000 dossiers, 50 000 of them ongoing on the APT: an edit still
 * shows everywhere in under 50 ms. */
static void
test_large_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.db", NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  EssScenarioView *view;
  EssWindow *window;
  GtkWidget *entry;
  sqlite3 *db;
  gint64 elapsed;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                                 "INSERT INTO dossiers (reference, title, scheme_code, year, status, granted_cents) "
                                 "SELECT printf ('APT-X-%06d', i), 'Projet ' || i, "
                                 "  CASE WHEN i % 2 = 0 THEN 'APT' ELSE 'APP' END, 2014, "
                                 "  'granted', 1000000 FROM n;"
                                 "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ess_window_show_view (window, "scenarios");
  ui_test_wait_frames (10);
  view = ess_window_get_scenario_view (window);
  ess_scenario_view_show_page (view, "edit");
  ui_test_wait_frames (5);

  /* 50 000 dossiers of 10 000 renewed on the APT each year 2015-2020 by
   * poursuite, plus their balances in 2015: 7 x 500 000 000 = 3 500 000 000. */
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_PORTFOLIO, 0, FALSE), ==,
                   "3" NNBSP "500" NNBSP "000" NNBSP "000,00" NBSP "€");

  entry = ess_scenario_view_get_amount_entry (view, 0, 2018, FALSE);
  elapsed = type_and_enter (entry, "120 000");
  g_test_message ("with 100 000 dossiers, an edit is shown everywhere in %" G_GINT64_FORMAT " µs", elapsed);
  g_assert_cmpint (elapsed, <, 50000);
  elapsed = g_get_monotonic_time ();
  g_assert_true (ess_scenario_view_save_now (view));
  g_test_message ("and written to the database in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - elapsed);
  g_assert_cmpstr (ess_scenario_view_get_cell_text (view, ESS_SCENARIO_INDICATOR_METROPOLE, 0, FALSE), ==,
                   "986" NNBSP "000,00" NBSP "€");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_database (dir, path);
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
  g_test_add_func ("/ui/scenarios/compare-and-edit", test_compare_and_edit);
  g_test_add_func ("/ui/scenarios/large-database", test_large_database);

  return g_test_run ();
}
