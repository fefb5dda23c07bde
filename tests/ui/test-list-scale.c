/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier list with thousands of dossiers: a search, a filter or a
 * change of the data reads the rows the view shows, never the whole list. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "ess-dossier-browser.h"
#include "ess-dossier-list.h"
#include "ess-store-dossiers.h"
#include "ess-window.h"
#include "ui-test-util.h"

#define N_DOSSIERS 3000

static char *dir;
static char *db_path;

static void
sql_exec (const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* 3 000 dossiers: APT-2020-0001 .. APT-2020-3000, titles "Projet N", one
 * in ten titled "Recyclerie N" (300 of them), one applicant each. */
static void
make_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (db_path, ESS_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  ess_store_close (store);

  sql_exec ("BEGIN;"
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
            "INSERT INTO applicants (id, name) SELECT i, printf ('Association %04d', i) FROM n;"
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
            "INSERT INTO dossiers (reference, title, scheme_code, year, status, applicant_id, requested_cents) "
            "SELECT printf ('APT-2020-%04d', i), "
            "       CASE WHEN i % 10 = 0 THEN printf ('Recyclerie %d', i) ELSE printf ('Projet %d', i) END, "
            "       'APT', 2020, 'submitted', i, 100000 FROM n;"
            "COMMIT;");
}

static void
set_search (GtkWidget  *browser,
            const char *text)
{
  GtkWidget *search = ui_test_find_widget (browser, GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  /* The entry waits for a pause in typing before searching. */
  for (int i = 0; i < 30; i++)
    ui_test_wait_frames (2);
}

static void
test_reload_reads_shown_rows (void)
{
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (db_path, ESS_STORE_OPEN_DEFAULT, &error);
  EssWindow *window;
  EssDossierBrowser *browser;
  EssDossierList *list;
  g_autoptr(EssDossierSummary) first = NULL;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);
  browser = ess_window_get_browser (window);
  list = ESS_DOSSIER_LIST (ess_window_get_dossiers (window));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_DOSSIERS);
  /* The rows GTK keeps widgets for (at most some 200 around the visible
   * ones), read when shown: far fewer than the 3 000. */
  g_assert_cmpuint (ess_dossier_list_get_n_read (list), >, 0);
  g_assert_cmpuint (ess_dossier_list_get_n_read (list), <, 400);

  /* A dossier selected and focused: GTK follows the rows it tracks. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  ess_dossier_browser_select_id (browser, ess_dossier_summary_get_id (first));
  ess_dossier_browser_focus_list (browser);
  ui_test_wait_frames (5);
  g_assert_cmpint (ess_dossier_browser_get_selected_id (browser), ==, ess_dossier_summary_get_id (first));

  /* A search: 300 "Recyclerie" dossiers, of which the view reads a screen. */
  set_search (GTK_WIDGET (browser), "recy");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 300);
  g_assert_cmpuint (ess_dossier_list_get_n_read (list), <, 400);

  /* Back to all of them, the selected dossier still selected. */
  set_search (GTK_WIDGET (browser), "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_DOSSIERS);
  g_assert_cmpuint (ess_dossier_list_get_n_read (list), <, 400);
  g_assert_cmpint (ess_dossier_browser_get_selected_id (browser), ==, ess_dossier_summary_get_id (first));

  /* A change of the data reloads the list: still one screen read. */
  g_assert_true (ess_store_trash_dossiers (store, (gint64[]) { ess_dossier_summary_get_id (first) }, 1, &error));
  g_assert_no_error (error);
  ui_test_wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_DOSSIERS - 1);
  g_assert_cmpuint (ess_dossier_list_get_n_read (list), <, 400);

  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_frames (3);
  ess_store_close (store);
  g_assert_finalize_object (store);
}

static GtkDropDown *
find_filter (GtkWidget  *root,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found;

      if (GTK_IS_DROP_DOWN (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return GTK_DROP_DOWN (child);
      found = find_filter (child, tooltip);
      if (found)
        return found;
    }
  return NULL;
}

static const char *
selected_label (GtkDropDown *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* The applicant drop-down reads the 3 000 applicants when the user goes to
 * it, not at start; a view with an applicant shows that one. */
static void
test_applicants_read_when_wanted (void)
{
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (db_path, ESS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  EssWindow *window;
  EssDossierBrowser *browser;
  GtkDropDown *applicants;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);
  browser = ess_window_get_browser (window);
  applicants = find_filter (GTK_WIDGET (browser), _("Applicant"));
  g_assert_nonnull (applicants);

  /* At start: "All applicants" alone. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (applicants)), ==, 1);
  g_assert_cmpstr (selected_label (applicants), ==, _("All applicants"));

  /* A view of one applicant's dossiers: that applicant, selected. */
  query->applicant_id = 42;
  ess_dossier_browser_set_query (browser, query);
  ui_test_wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (applicants)), ==, 2);
  g_assert_cmpstr (selected_label (applicants), ==, "Association 0042");
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 1);

  /* Going to the drop-down reads them all, the selection kept. */
  gtk_widget_grab_focus (GTK_WIDGET (applicants));
  ui_test_wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (applicants)), ==, 3001);
  g_assert_cmpstr (selected_label (applicants), ==, "Association 0042");
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 1);

  /* Another applicant chosen there filters the list. */
  gtk_drop_down_set_selected (applicants, 7);
  ui_test_wait_frames (3);
  g_assert_cmpstr (selected_label (applicants), ==, "Association 0007");
  g_assert_cmpint (ess_dossier_browser_get_query (browser)->applicant_id, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 1);

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

  dir = g_dir_make_tmp ("ess-list-scale-XXXXXX", NULL);
  db_path = g_build_filename (dir, "scale.db", NULL);
  make_database ();

  g_test_add_func ("/list-scale/reload-reads-shown-rows", test_reload_reads_shown_rows);
  g_test_add_func ("/list-scale/applicants-read-when-wanted", test_applicants_read_when_wanted);
  result = g_test_run ();

  {
    const char *suffixes[] = { "", "-wal", "-shm", ".lock" };
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) backup_dir = g_dir_open (backups, 0, NULL);
    const char *name;

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
        g_unlink (path);
      }
    while (backup_dir && (name = g_dir_read_name (backup_dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);
        g_unlink (path);
      }
    g_rmdir (backups);
  }
  g_rmdir (dir);
  g_free (db_path);
  g_free (dir);
  return result;
}
