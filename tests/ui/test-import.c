/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import and export of XML files in the real window: the preview, the choices, a refused file. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-store-scenarios.h"
#include "ess-window.h"
#include "ess-window-export.h"
#include "ui-test-util.h"

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return child;
      found = find_label_containing (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static GFile *
fixture_file (const char *first,
              ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, "data");
  g_ptr_array_add (parts, "xml");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);

  return g_file_new_for_path (path);
}

/* The databases and the backups an import makes beside them. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
close_dialog (EssImportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_wait_frames (2);
}

typedef struct
{
  int     n;
  GError *error;
} Exported;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Exported *exported = data;

  exported->n = ess_window_export_finish (ESS_WINDOW (source), result, &exported->error);
}

static void
test_import_flow (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "import.db", NULL);
  g_autofree char *export_path = g_build_filename (dir, "export.xml", NULL);
  g_autoptr(GFile) valid = fixture_file ("valid-partner.xml", NULL);
  g_autoptr(GFile) refused = fixture_file ("refused", "invalid-siret.xml", NULL);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  EssImportDialog *dialog;
  EssWindow *window;
  GListModel *dossiers;
  guint n = 0;

  g_assert_no_error (error);

  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);
  dossiers = ess_window_get_dossiers (window);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 0);

  /* A new file: the preview lists its dossiers, nothing is written yet. */
  /* The file is read in a worker thread: the window answers meanwhile. */
  dialog = ess_window_import_file (window, valid);
  g_assert_cmpint (ess_import_dialog_get_state (dialog), ==, ESS_IMPORT_DIALOG_READING);
  g_assert_nonnull (strstr (ess_import_dialog_get_summary (dialog), "Lecture de"));
  ui_test_wait_read (dialog);
  ui_test_wait_frames (20);
  g_assert_cmpint (ess_import_dialog_get_state (dialog), ==, ESS_IMPORT_DIALOG_PREVIEW);
  g_assert_cmpstr (ess_import_dialog_get_summary (dialog), ==, "2 dossiers à importer");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "APP-2024-102"));
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 0);
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-import-preview.png");

  g_assert_true (ess_import_dialog_confirm (dialog));
  g_assert_cmpint (ess_import_dialog_get_state (dialog), ==, ESS_IMPORT_DIALOG_DONE);
  g_assert_cmpstr (ess_import_dialog_get_summary (dialog), ==, "2 dossiers importés");
  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 2);

  /* The same file again: both known and identical; one updated, one
   * imported under a new reference. */
  dialog = ui_test_wait_read (ess_window_import_file (window, valid));
  ui_test_wait_frames (20);
  g_assert_cmpuint (ess_import_dialog_get_preview (dialog)->n_known, ==, 2);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Connu, identique"));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-import-known.png");
  ess_import_dialog_set_action (dialog, 0, ESS_IMPORT_UPDATE);
  ess_import_dialog_set_action (dialog, 1, ESS_IMPORT_RENAME);
  g_assert_true (ess_import_dialog_confirm (dialog));
  g_assert_cmpstr (ess_import_dialog_get_summary (dialog), ==, "2 dossiers importés");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "APP-2024-102 importé sous la référence APP-2024-103."));
  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 3);

  /* A partner's corrected file: the differences, field by field. */
  {
    g_autofree char *text = NULL;
    g_autofree char *changed_path = g_build_filename (dir, "changed.xml", NULL);
    g_autoptr(GFile) changed = g_file_new_for_path (changed_path);
    g_auto(GStrv) parts = NULL;
    g_autofree char *joined = NULL;

    g_file_load_contents (valid, NULL, &text, NULL, NULL, &error);
    g_assert_no_error (error);
    parts = g_strsplit (text, "<requested>25000.00</requested>", 2);
    joined = g_strjoinv ("<requested>27500.00</requested>", parts);
    g_file_set_contents (changed_path, joined, -1, &error);
    g_assert_no_error (error);

    dialog = ui_test_wait_read (ess_window_import_file (window, changed));
    ui_test_wait_frames (20);
    g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Connu, différent"));
    g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog),
                                             "Montant demandé\u00a0: «\u00a0" "25\u202f" "000,00\u00a0€\u00a0» → "
                                             "«\u00a0" "27\u202f" "500,00\u00a0€\u00a0»"));
    ui_test_save_screenshot (GTK_WIDGET (dialog), "test-import-differences.png");
    close_dialog (dialog);
    g_unlink (changed_path);
  }

  /* A refused file: every problem with its line, nothing written. */
  dialog = ui_test_wait_read (ess_window_import_file (window, refused));
  ui_test_wait_frames (20);
  g_assert_cmpint (ess_import_dialog_get_state (dialog), ==, ESS_IMPORT_DIALOG_REFUSED);
  g_assert_cmpstr (ess_import_dialog_get_summary (dialog), ==, "Fichier refusé\u00a0: rien n’a été importé");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog),
                                           "Ligne 11, <siret>\u00a0: Le SIRET «\u00a0" "20009320100017\u00a0» n’est pas valide"));
  g_assert_false (ess_import_dialog_confirm (dialog));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-import-refused.png");
  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 3);

  /* A file dropped on the window opens the same dialog. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    GtkDropTarget *drop = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;
    GtkWidget *dropped = NULL;
    g_autoptr(GList) toplevels = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          drop = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (drop);

    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, valid);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    ui_test_wait_frames (10);

    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ESS_IS_IMPORT_DIALOG (l->data))
        dropped = l->data;
    g_assert_nonnull (dropped);
    ui_test_wait_read (ESS_IMPORT_DIALOG (dropped));
    g_assert_cmpint (ess_import_dialog_get_state (ESS_IMPORT_DIALOG (dropped)), ==, ESS_IMPORT_DIALOG_PREVIEW);
    g_assert_cmpuint (ess_import_dialog_get_preview (ESS_IMPORT_DIALOG (dropped))->n_known, ==, 2);
    close_dialog (ESS_IMPORT_DIALOG (dropped));
  }

  /* Cancelled before it wrote a dossier: no file. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Exported result = { -2, NULL };

    g_cancellable_cancel (cancellable);
    ess_window_export_async (window, export_file, FALSE, cancellable, on_exported, &result);
    while (result.n == -2)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (result.n, ==, -1);
    g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&result.error);
    g_assert_false (g_file_test (export_path, G_FILE_TEST_EXISTS));
  }

  /* Nothing selected: the export writes the dossiers of the list, in a
   * worker thread while the window goes on. */
  {
    Exported result = { -2, NULL };
    guint total = 1;

    ess_window_export_async (window, export_file, FALSE, NULL, on_exported, &result);
    while (result.n == -2)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (result.error);
    g_assert_cmpint (result.n, ==, 3);
    /* Over: no progress left to show. */
    g_assert_cmpuint (ess_window_export_get_progress (window, &total), ==, 0);
    g_assert_cmpuint (total, ==, 0);
  }
  g_file_get_contents (export_path, &exported, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = strstr (exported, "<dossier>"); p != NULL; p = strstr (p + 1, "<dossier>"))
    n++;
  g_assert_cmpuint (n, ==, 3);
  g_assert_null (strstr (exported, "<review>"));

  /* From the menu: the full archive, then a dialog that says how many
   * dossiers went where; the archive is private. */
  {
    g_autofree char *archive_path = g_build_filename (dir, "archive.xml", NULL);
    g_autoptr(GFile) archive = g_file_new_for_path (archive_path);
    g_autofree char *text = NULL;
    GtkWidget *done = NULL;
    GStatBuf st;

    ess_window_export_with_progress (window, archive, TRUE);
    for (guint i = 0; i < 500 && done == NULL; i++)
      {
        g_autoptr(GList) toplevels = NULL;

        ui_test_wait_frames (1);
        toplevels = gtk_window_list_toplevels ();
        for (GList *l = toplevels; l != NULL; l = l->next)
          if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
              ui_test_find_label_containing (l->data, "3 dossiers exportés dans archive.xml") != NULL)
            done = l->data;
      }
    g_assert_nonnull (done);
    g_assert_nonnull (ui_test_find_label_containing (done, "Exportation terminée"));
    gtk_window_destroy (GTK_WINDOW (done));
    g_file_get_contents (archive_path, &text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "<review>"));
    g_assert_cmpint (g_stat (archive_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_unlink (archive_path);
  }

  /* No dossier granted yet: the open data file has its header only. */
  {
    g_autofree char *csv_path = g_build_filename (dir, "subventions.csv", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
    g_autofree char *csv = NULL;

    g_assert_true (ess_window_export_scdl_to_file (window, csv_file, &error));
    g_assert_no_error (error);
    g_file_get_contents (csv_path, &csv, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (csv, "nomAttribuant,idAttribuant,"));
    g_assert_cmpint (strchr (csv, '\n') - csv + 1, ==, (int) strlen (csv));
    g_unlink (csv_path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);

  remove_tree (dir);
}

/* A long file: its first dossiers one by one, the choice for all of
 * them applying to the rest. */
static void
test_import_long_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.db", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "long.xml", NULL);
  g_autoptr(GFile) xml = g_file_new_for_path (xml_path);
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<dossiers xmlns=\"urn:io.github.essinstruction:dossiers:1\" "
                                          "version=\"1\" kind=\"partner\">\n");
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  EssImportDialog *dialog;
  EssWindow *window;

  g_assert_no_error (error);
  for (guint i = 0; i < 302; i++)
    g_string_append_printf (text, "  <dossier>\n    <reference>AMI-2024-%03u</reference>\n"
                                  "    <title>Diagnostic %u</title>\n    <scheme>AMI</scheme>\n"
                                  "    <year>2024</year>\n  </dossier>\n", i + 1, i + 1);
  g_string_append (text, "</dossiers>\n");
  g_file_set_contents (xml_path, text->str, -1, &error);
  g_assert_no_error (error);

  window = ess_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);

  dialog = ui_test_wait_read (ess_window_import_file (window, xml));
  ui_test_wait_frames (10);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "AMI-2024-300"));
  g_assert_null (find_label_containing (GTK_WIDGET (dialog), "AMI-2024-301"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "… et 2 autres dossiers"));
  g_assert_true (ess_import_dialog_confirm (dialog));
  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 302);

  dialog = ui_test_wait_read (ess_window_import_file (window, xml));
  ui_test_wait_frames (10);
  g_assert_cmpuint (ess_import_dialog_get_preview (dialog)->n_known, ==, 302);
  ess_import_dialog_set_action_for_all (dialog, ESS_IMPORT_RENAME);
  g_assert_true (ess_import_dialog_confirm (dialog));
  g_assert_cmpstr (ess_import_dialog_get_summary (dialog), ==, "302 dossiers importés");
  close_dialog (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 604);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

/* A full archive with a scenario: the preview lists it after the
 * dossiers, a changed one offers the same choices as a dossier. */
static void
test_import_scenarios (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scenarios.db", NULL);
  g_autofree char *changed_path = g_build_filename (dir, "changed.xml", NULL);
  g_autoptr(GFile) file = fixture_file ("with-scenarios.xml", NULL);
  g_autoptr(GFile) changed = g_file_new_for_path (changed_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autofree char *text = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  EssImportDialog *dialog;
  EssWindow *window;
  gint64 id;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);

  dialog = ui_test_wait_read (ess_window_import_file (window, file));
  ui_test_wait_frames (20);
  g_assert_cmpint (ess_import_dialog_get_state (dialog), ==, ESS_IMPORT_DIALOG_PREVIEW);
  g_assert_cmpstr (ess_import_dialog_get_summary (dialog), ==, "1 dossier à importer");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog),
                                           "1 scénario (nouveau\u00a0: 1, différent de celui de la base\u00a0: 0)"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "Arrêt de l’APT en 2016 — scénario, Arrêt de l’APT, 2015–2016"));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-import-scenarios.png");
  g_assert_true (ess_import_dialog_confirm (dialog));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "1 scénario importé sur 1."));
  close_dialog (dialog);

  id = ess_store_find_scenario (store, "Arrêt de l’APT en 2016", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The same scenario with another envelope for the network in 2016. */
  g_file_load_contents (file, NULL, &text, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (text, "metropole=\"5000.00\"", 2);
    g_autofree char *joined = g_strjoinv ("metropole=\"7500.00\"", parts);

    g_file_set_contents (changed_path, joined, -1, &error);
    g_assert_no_error (error);
  }
  dialog = ui_test_wait_read (ess_window_import_file (window, changed));
  ui_test_wait_frames (20);
  g_assert_cmpuint (ess_import_dialog_get_preview (dialog)->n_known_scenarios, ==, 1);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "1 scénario (nouveau\u00a0: 0, différent de celui de la base\u00a0: 1)"));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-import-scenarios-known.png");
  ess_import_dialog_set_action (dialog, 0, ESS_IMPORT_SKIP);
  ess_import_dialog_set_scenario_action (dialog, 0, ESS_IMPORT_UPDATE);
  g_assert_true (ess_import_dialog_confirm (dialog));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), "1 scénario importé sur 1."));
  close_dialog (dialog);
  {
    g_autoptr(EssScenario) scenario = ess_store_load_scenario (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (ess_scenario_line_amount (scenario, 1, 2016)->metropole, ==, 750000);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_tree (dir);
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
  g_test_add_func ("/ui/import-flow", test_import_flow);
  g_test_add_func ("/ui/import-long-file", test_import_long_file);
  g_test_add_func ("/ui/import-scenarios", test_import_scenarios);

  return g_test_run ();
}
