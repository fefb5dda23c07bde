/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The instruction workspace as a user drives it: find, edit, decide, restart. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "ess-dossier-browser.h"
#include "ess-dossier-editor.h"
#include "ess-dossier-summary.h"
#include "ess-review-page.h"
#include "ess-status-dialog.h"
#include "ess-store-dossiers.h"
#include "ess-window.h"
#include "ui-test-util.h"

static char *dir;
static char *db_path;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (text == NULL ||
           (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)))
        return child;
      found = find_widget (child, type, text);
      if (found)
        return found;
    }
  return NULL;
}

static gint64
sql_int (const char *sql,
         const char *param)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (const char *sql,
          const char *param)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static EssWindow *
open_window (EssStore **store_out)
{
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (db_path, ESS_STORE_OPEN_DEMO_DATA, &error);
  EssWindow *window;

  g_assert_no_error (error);
  ess_store_set_author (store, "Camille Instructrice");
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);
  *store_out = store;
  return window;
}

static void
close_window (EssWindow *window,
              EssStore  *store)
{
  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_frames (3);
  ess_store_close (store);
  g_assert_finalize_object (store);
}

/* Types @text into @entry and presses Enter, as a user would. */
static void
type_into (GtkWidget  *entry,
           const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  ui_test_wait_frames (2);
}

static void
set_search (EssWindow  *window,
            const char *text)
{
  GtkWidget *search = find_widget (GTK_WIDGET (ess_window_get_browser (window)), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  /* The entry waits for a pause in typing before searching. */
  for (int i = 0; i < 30; i++)
    ui_test_wait_frames (2);
}

static void
test_find_and_refuse (void)
{
  EssStore *store = NULL;
  EssWindow *window = open_window (&store);
  EssDossierBrowser *browser = ess_window_get_browser (window);
  EssDossierEditor *editor = ess_window_get_editor (window);
  GListModel *dossiers = ess_window_get_dossiers (window);
  g_autoptr(EssDossierSummary) found = NULL;
  EssStatusDialog *dialog;
  g_autofree char *status = NULL;
  g_autofree char *reason = NULL;

  ui_test_save_screenshot (GTK_WIDGET (window), "workspace-list.png");
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4);

  /* "initiative" is in three dossiers: Hem's title, the Ciné cité one's
   * title and the partners (Initiatives et Cités) of Lille's. */
  set_search (window, "initiative");
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 3);
  /* A second word narrows it down to Hem's "parcours solidaire de l'initiative". */
  set_search (window, "initiative parcours");
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 1);
  found = g_list_model_get_item (dossiers, 0);
  g_assert_cmpstr (ess_dossier_summary_get_reference (found), ==, "APT-2013-002");
  /* The footer adds what is shown: 15 000,00 EUR for Hem alone. */
  g_assert_nonnull (find_widget (GTK_WIDGET (browser), GTK_TYPE_LABEL, "1 dossier"));
  g_assert_nonnull (find_widget (GTK_WIDGET (browser), GTK_TYPE_LABEL, "15\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac"));

  ess_dossier_browser_select_id (browser, ess_dossier_summary_get_id (found));
  ui_test_wait_frames (5);
  g_assert_cmpint (ess_dossier_editor_get_dossier_id (editor), ==, ess_dossier_summary_get_id (found));

  ess_dossier_editor_show_page (editor, ESS_EDITOR_PAGE_REVIEW);
  ui_test_wait_frames (5);
  ui_test_save_screenshot (GTK_WIDGET (window), "workspace-instruction.png");

  /* Refusing a granted dossier reopens the decision: a reason is required. */
  dialog = ESS_STATUS_DIALOG (ess_review_page_change_status (ess_dossier_editor_get_review_page (editor),
                                                             ESS_STATUS_REFUSED));
  ui_test_wait_frames (5);
  ui_test_save_screenshot (GTK_WIDGET (dialog), "workspace-status-dialog.png");
  g_assert_false (ess_status_dialog_can_confirm (dialog));
  ess_status_dialog_confirm (dialog);
  status = sql_text ("SELECT status FROM dossiers WHERE reference = 'APT-2013-002'", NULL);
  g_assert_cmpstr (status, ==, "granted");

  ess_status_dialog_set_comment (dialog, "Projet hors des critères du volet 1");
  g_assert_true (ess_status_dialog_can_confirm (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ess_status_dialog_confirm (dialog);
  ui_test_wait_frames (5);
  g_assert_null (dialog);

  g_clear_pointer (&status, g_free);
  status = sql_text ("SELECT status FROM dossiers WHERE reference = 'APT-2013-002'", NULL);
  g_assert_cmpstr (status, ==, "refused");
  reason = sql_text ("SELECT comment FROM history h JOIN dossiers d ON d.id = h.dossier_id "
                     "WHERE d.reference = 'APT-2013-002' AND h.action = 'status'", NULL);
  g_assert_cmpstr (reason, ==, "Projet hors des critères du volet 1");

  set_search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4);
  close_window (window, store);
}

static void
test_create_edit_restart (void)
{
  EssStore *store = NULL;
  EssWindow *window = open_window (&store);
  EssDossierEditor *editor = ess_window_get_editor (window);
  GListModel *dossiers = ess_window_get_dossiers (window);
  GtkWidget *title, *requested, *start, *end;
  g_autofree char *reference = NULL;
  g_autofree char *stored_title = NULL;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-dossier", NULL));
  ui_test_wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 5);
  id = ess_dossier_editor_get_dossier_id (editor);
  g_assert_cmpint (id, >, 0);

  title = ess_dossier_editor_get_field_widget (editor, ESS_FIELD_TITLE);
  type_into (title, "Épicerie solidaire itinérante des Weppes");
  stored_title = sql_text ("SELECT title FROM dossiers WHERE id = (SELECT max (id) FROM dossiers)", NULL);
  g_assert_cmpstr (stored_title, ==, "Épicerie solidaire itinérante des Weppes");

  /* A refused amount is marked, kept in the field, and not written. */
  requested = ess_dossier_editor_get_field_widget (editor, ESS_FIELD_REQUESTED);
  type_into (requested, "12 000,555");
  g_assert_true (gtk_widget_has_css_class (requested, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (requested)), ==, "12 000,555");
  g_assert_cmpint (sql_int ("SELECT requested_cents FROM dossiers WHERE id = (SELECT max (id) FROM dossiers)", NULL), ==, 0);
  type_into (requested, "12 000,50");
  g_assert_false (gtk_widget_has_css_class (requested, "error"));
  g_assert_cmpint (sql_int ("SELECT requested_cents FROM dossiers WHERE id = (SELECT max (id) FROM dossiers)", NULL), ==, 1200050);

  /* An end before the start is refused. */
  start = ess_dossier_editor_get_field_widget (editor, ESS_FIELD_START_ON);
  end = ess_dossier_editor_get_field_widget (editor, ESS_FIELD_END_ON);
  type_into (start, "01/09/2026");
  type_into (end, "30/06/2026");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_null (sql_text ("SELECT end_on FROM dossiers WHERE id = (SELECT max (id) FROM dossiers)", NULL));
  type_into (end, "30/06/2027");
  g_assert_false (gtk_widget_has_css_class (end, "error"));

  ui_test_save_screenshot (GTK_WIDGET (window), "workspace-editor.png");
  reference = sql_text ("SELECT reference FROM dossiers WHERE id = (SELECT max (id) FROM dossiers)", NULL);
  close_window (window, store);

  /* Everything is there after a restart, with its history. */
  window = open_window (&store);
  editor = ess_window_get_editor (window);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 5);
  ess_dossier_browser_select_id (ess_window_get_browser (window), id);
  ui_test_wait_frames (5);
  g_assert_cmpstr (ess_dossier_editor_get_dossier (editor)->reference, ==, reference);
  g_assert_cmpstr (ess_dossier_editor_get_dossier (editor)->title, ==, "Épicerie solidaire itinérante des Weppes");
  g_assert_cmpstr (ess_dossier_editor_get_dossier (editor)->end_on, ==, "2027-06-30");
  g_assert_cmpint (sql_int ("SELECT count (*) FROM history WHERE dossier_id = (SELECT max (id) FROM dossiers) "
                            "AND action = 'edited' AND author = 'Camille Instructrice'", NULL), >=, 4);
  ess_dossier_editor_show_page (editor, ESS_EDITOR_PAGE_HISTORY);
  ui_test_wait_frames (5);
  ui_test_save_screenshot (GTK_WIDGET (window), "workspace-history.png");

  /* Delete goes to the trash, and Undo brings the dossier back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.trash", NULL));
  ui_test_wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ui_test_wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 5);
  close_window (window, store);
}

static void
test_filters_and_sums (void)
{
  EssStore *store = NULL;
  EssWindow *window = open_window (&store);
  EssDossierBrowser *browser = ess_window_get_browser (window);
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();

  /* 2013: 5 933 + 15 000 + 4 730 = 25 663,00 EUR in 3 dossiers. */
  query->year = 2013;
  ess_dossier_browser_set_query (browser, query);
  ui_test_wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 3);
  g_assert_nonnull (find_widget (GTK_WIDGET (browser), GTK_TYPE_LABEL, "3 dossiers"));
  g_assert_nonnull (find_widget (GTK_WIDGET (browser), GTK_TYPE_LABEL, "25\xe2\x80\xaf" "663,00\xc2\xa0\xe2\x82\xac"));

  /* Territory Est (5): Tressin's and Hem's dossiers have communes there. */
  query->year = 0;
  query->territory_id = 5;
  ess_dossier_browser_set_query (browser, query);
  ui_test_wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 2);
  ui_test_save_screenshot (GTK_WIDGET (window), "workspace-filtered.png");
  close_window (window, store);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");
  int result;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("ess-workspace-XXXXXX", NULL);
  db_path = g_build_filename (dir, "workspace.db", NULL);

  /* In order: the second test finds the first one's refusal in the same file. */
  g_test_add_func ("/workspace/find-and-refuse", test_find_and_refuse);
  g_test_add_func ("/workspace/create-edit-restart", test_create_edit_restart);
  g_test_add_func ("/workspace/filters-and-sums", test_filters_and_sums);
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
