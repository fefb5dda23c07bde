/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing from the window: the actions, the print operation's pages and the session chooser. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-print-preview.h"
#include "ess-session-dialog.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"
#include "ess-window.h"
#include "ess-window-print.h"
#include "ui-test-util.h"

/* pdftotext writes the narrow no-break space of amounts as a space. */
#define NNBSP_TEXT " "

typedef struct
{
  char      *dir;
  char      *path;
  EssStore  *store;
  EssWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ess-ui-print-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  f->window = ess_window_new (NULL, f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_wait_frames (20);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_wait_frames (2);
  ess_store_close (f->store);
  g_assert_finalize_object (f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
find (Fixture    *f,
      const char *reference)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ess_store_find_dossier (f->store, reference, &error);

  g_assert_no_error (error);
  return id;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The print actions follow the selection; the print operation lays the
 * selected fiche out on A4 pages through the same code as the PDF export. */
static void
test_print_selection (Fixture       *f,
                      gconstpointer  data)
{
  EssDossierBrowser *browser = ess_window_get_browser (f->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "impression.pdf", NULL);
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;
  int n_pages = 0;

  ess_dossier_browser_select_id (browser, 0);
  ui_test_wait_frames (2);
  ess_dossier_browser_select_id (browser, find (f, "APT-2012-001"));
  ui_test_wait_frames (5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-trash", NULL));
  ui_test_wait_frames (5);
  /* Nothing to print in the empty trash. */
  report = ess_window_print_build (f->window, ESS_PRINT_FICHES, FALSE, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-trash", NULL));
  ui_test_wait_frames (5);
  ess_dossier_browser_select_id (browser, find (f, "APT-2012-001"));
  ui_test_wait_frames (5);

  report = ess_window_print_build (f->window, ESS_PRINT_FICHES, FALSE, &error);
  g_assert_no_error (error);
  operation = ess_print_operation_new (report);
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_get (operation, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, ==, 2);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "APT-2012-001"));
  g_assert_nonnull (strstr (text, "169 891,00"));
  g_assert_nonnull (strstr (text, "Page 2 / 2"));
}

/* A committee pack of every demo dossier, from the window's selection. */
static void
test_pack_of_selection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "pack.pdf", NULL);
  g_autofree char *text = NULL;
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (ess_window_get_browser (f->window)),
                                         GTK_TYPE_COLUMN_VIEW, NULL);

  /* Ctrl+A in the list. */
  g_assert_nonnull (view);
  gtk_selection_model_select_all (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  ui_test_wait_frames (5);

  report = ess_window_print_build (f->window, ESS_PRINT_PACK, FALSE, &error);
  g_assert_no_error (error);
  operation = ess_print_operation_new (report);
  gtk_print_operation_set_export_filename (operation, pdf);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "4 dossiers"));
  g_assert_nonnull (strstr (text, "171 663,00 €"));
  g_assert_nonnull (strstr (text, "Travail et Culture"));
}

/* The preview shows the pages the printer gets, one at a time. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GList) toplevels = NULL;
  EssPrintPreview *preview = NULL;

  ess_dossier_browser_select_id (ess_window_get_browser (f->window), find (f, "APT-2012-001"));
  ui_test_wait_frames (5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-preview", NULL));
  ui_test_wait_frames (20);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ESS_IS_PRINT_PREVIEW (l->data))
      preview = l->data;
  g_assert_nonnull (preview);
  g_assert_cmpint (ess_print_preview_get_n_pages (preview), ==, 2);
  g_assert_cmpint (ess_print_preview_get_page (preview), ==, 0);
  ui_test_save_screenshot (GTK_WIDGET (preview), "test-print-preview.png");
  ui_test_wait_frames (20);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.page", "i", 1));
  ui_test_wait_frames (5);
  g_assert_cmpint (ess_print_preview_get_page (preview), ==, 1);
  /* No page after the last one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.page", "i", 1));
  g_assert_cmpint (ess_print_preview_get_page (preview), ==, 1);
  gtk_window_destroy (GTK_WINDOW (preview));
  ui_test_wait_frames (2);
}

static void
on_chosen (EssSessionDialog *dialog,
           const char       *session,
           char            **out)
{
  *out = g_strdup (session);
}

/* The session chooser lists the committee dates of the dossiers, latest first. */
static void
test_session_dialog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  EssSessionDialog *dialog;

  g_assert_true (ess_store_set_dossier_field (f->store, find (f, "APT-2013-001"), ESS_FIELD_COMMITTEE_ON,
                                              "2013-03-05", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, find (f, "APT-2013-002"), ESS_FIELD_COMMITTEE_ON,
                                              "2013-03-05", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, find (f, "APT-2012-001"), ESS_FIELD_COMMITTEE_ON,
                                              "2012-06-12", &error));
  /* The demo's third 2013 dossier, in no session here. */
  g_assert_true (ess_store_set_dossier_field (f->store, find (f, "APT-2013-003"), ESS_FIELD_COMMITTEE_ON,
                                              "", &error));
  g_assert_no_error (error);

  dialog = ess_session_dialog_new (GTK_WINDOW (f->window), f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ess_session_dialog_get_n_sessions (dialog), ==, 2);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_wait_frames (20);
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-print-session-dialog.png");

  g_signal_connect (dialog, "chosen", G_CALLBACK (on_chosen), &chosen);
  ess_session_dialog_choose (dialog, 0);
  g_assert_cmpstr (chosen, ==, "2013-03-05");
  ui_test_wait_frames (2);

  /* What the export dialog writes for that session: its two dossiers. */
  {
    g_autofree char *pdf = g_build_filename (f->dir, "seance.pdf", NULL);
    g_autofree char *locked = g_build_filename (f->dir, "absent", "seance.pdf", NULL);
    g_autofree char *text = NULL;

    g_assert_true (ess_window_print_export (f->window, ESS_PRINT_PACK, chosen, FALSE, pdf, &error));
    g_assert_no_error (error);
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Comité du 5 mars 2013"));
    g_assert_nonnull (strstr (text, "APT-2013-001"));
    g_assert_nonnull (strstr (text, "APT-2013-002"));
    g_assert_null (strstr (text, "APT-2012-001"));
    g_assert_nonnull (strstr (text, "20" NNBSP_TEXT "933,00"));   /* 5 933 + 15 000 */

    g_assert_false (ess_window_print_export (f->window, ESS_PRINT_PACK, chosen, FALSE, locked, &error));
    g_assert_nonnull (strstr (error->message, locked));
    g_clear_error (&error);
  }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/print-selection", Fixture, NULL, fixture_setup, test_print_selection, fixture_teardown);
  g_test_add ("/ui/pack-of-selection", Fixture, NULL, fixture_setup, test_pack_of_selection, fixture_teardown);
  g_test_add ("/ui/print-preview", Fixture, NULL, fixture_setup, test_preview, fixture_teardown);
  g_test_add ("/ui/session-dialog", Fixture, NULL, fixture_setup, test_session_dialog, fixture_teardown);

  return g_test_run ();
}
