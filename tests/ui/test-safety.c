/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backs up and restores from the window's menu, as a user does. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-applicant-page.h"
#include "ess-restore-dialog.h"
#include "ess-store-backup.h"
#include "ess-store-dossiers.h"
#include "ess-store-private.h"
#include "ess-window.h"
#include "ui-test-util.h"

/* The open toplevel of @type other than @skip, or NULL. */
static GtkWidget *
find_toplevel (GType      type,
               GtkWidget *skip)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != skip && G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static void
close_message (void)
{
  GtkWidget *message = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);

  g_assert_nonnull (message);
  gtk_window_destroy (GTK_WINDOW (message));
  ui_test_wait_frames (2);
}

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
test_backup_and_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-safety-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  EssRestoreDialog *dialog;
  GtkWidget *question;
  EssWindow *window;
  GListModel *dossiers;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);
  dossiers = ess_window_get_dossiers (window);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4);

  /* Back Up Now: a checked backup, and a message that says where. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup-now", NULL));
  ui_test_wait_frames (5);
  backups = ess_store_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  {
    GtkWidget *message = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
    g_assert_nonnull (message);
    ui_test_save_screenshot (message, "test-backup-now.png");
  }
  close_message ();

  /* Two new dossiers after the backup. */
  g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, NULL), >, 0);
  g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, NULL), >, 0);
  ui_test_wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 6);

  /* Restore a Backup…: the list of backups, then a confirmation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  ui_test_wait_frames (10);
  dialog = ESS_RESTORE_DIALOG (find_toplevel (ESS_TYPE_RESTORE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (ess_restore_dialog_get_n_backups (dialog), ==, 1);
  ess_restore_dialog_select (dialog, 0);
  ui_test_wait_frames (5);
  ui_test_save_screenshot (GTK_WIDGET (dialog), "test-restore-dialog.png");

  question = ess_restore_dialog_ask (dialog);
  ui_test_wait_frames (10);
  ui_test_save_screenshot (question, "test-restore-confirm.png");
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
  ui_test_wait_frames (10);

  /* The window shows the backup's dossiers at once. */
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4);
  g_assert_null (find_toplevel (ESS_TYPE_RESTORE_DIALOG, NULL));
  {
    GtkWidget *message = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
    g_assert_nonnull (message);
    ui_test_save_screenshot (message, "test-restore-done.png");
  }
  close_message ();

  /* The replaced data is one of the backups now. */
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = ess_store_list_backups (path, &error);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpint (((EssBackup *) backups->pdata[0])->reason, ==, ESS_BACKUP_RESTORE);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

/* The disk fills up while the user creates dossiers: a message says so,
 * what was created stays, and creating works again once there is room. */
static void
test_disk_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *limit = NULL;
  g_autofree char *secondary = NULL;
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  GtkWidget *message = NULL;
  EssWindow *window;
  GListModel *dossiers;
  guint created = 0;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);
  dossiers = ess_window_get_dossiers (window);

  /* No room left beyond the pages the file has now. */
  stmt = ess_store_prepare (store, "PRAGMA page_count", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  limit = g_strdup_printf ("PRAGMA max_page_count = %d", sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_true (ess_store_exec (store, limit, NULL));

  while (message == NULL)
    {
      g_assert_cmpuint (created, <, 500);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-dossier", NULL));
      ui_test_wait_frames (1);
      message = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
      if (message == NULL)
        created++;
    }
  g_test_message ("The disk was full after %u new dossiers", created);
  g_object_get (message, "secondary-text", &secondary, NULL);
  g_assert_nonnull (strstr (secondary, "disque est plein"));
  ui_test_wait_frames (5);
  ui_test_save_screenshot (message, "test-disk-full.png");
  close_message ();
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4 + created);

  /* Room again: the same window creates the next one. */
  g_assert_true (ess_store_exec (store, "PRAGMA max_page_count = 1073741823", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-dossier", NULL));
  ui_test_wait_frames (5);
  g_assert_null (find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (dossiers), ==, 4 + created + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_tree (dir);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *part)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL &&
          strstr (gtk_button_get_label (GTK_BUTTON (child)), part) != NULL)
        return child;
      found = find_button (child, part);
      if (found)
        return found;
    }
  return NULL;
}

/* The applicant tab erases the contact's personal data at their request,
 * after a confirmation. */
static void
test_erase_contact (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-erase-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossier) dossier = NULL;
  g_autoptr(EssApplicant) applicant = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ess_applicant_page_new (store);
  GtkWidget *button, *question;

  g_assert_no_error (error);
  ids = ess_store_query_dossier_ids (store, query, &error);
  g_assert_no_error (error);
  dossier = ess_store_load_dossier (store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  applicant = ess_store_load_applicant (store, dossier->applicant_id, &error);
  g_assert_no_error (error);
  g_free (applicant->contact_name);
  applicant->contact_name = g_strdup ("Camille Martin");
  g_free (applicant->contact_email);
  applicant->contact_email = g_strdup ("camille.martin@example.org");
  g_assert_cmpint (ess_store_save_applicant (store, applicant, &error), ==, applicant->id);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 700);
  gtk_window_present (GTK_WINDOW (window));
  ess_applicant_page_set_dossier (ESS_APPLICANT_PAGE (page), dossier);
  ui_test_wait_frames (10);

  button = find_button (page, "données personnelles");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ui_test_wait_frames (10);
  question = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (question);
  ui_test_save_screenshot (question, "test-erase-contact.png");
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
  ui_test_wait_frames (10);

  g_clear_pointer (&applicant, ess_applicant_free);
  applicant = ess_store_load_applicant (store, dossier->applicant_id, &error);
  g_assert_cmpstr (applicant->contact_name, ==, "");
  g_assert_cmpstr (applicant->contact_email, ==, "");
  /* The page shows it, and there is nothing left to erase. */
  g_assert_false (gtk_widget_get_sensitive (button));
  ui_test_save_screenshot (window, "test-erase-contact-done.png");

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
  g_test_add_func ("/ui/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/ui/disk-full", test_disk_full);
  g_test_add_func ("/ui/erase-contact", test_erase_contact);

  return g_test_run ();
}
