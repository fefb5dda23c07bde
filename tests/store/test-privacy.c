/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of erasing a contact's personal data: gone from the file, traced without it. */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-store.h"
#include "ess-store-dossiers.h"
#include "ess-store-privacy.h"

#define EMAIL "camille.martin@example.org"
#define NAME "Camille Martin"
#define PHONE "03 20 12 34 56"

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
test_erase_contact (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-privacy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "instruction.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autoptr(EssApplicant) loaded = NULL;
  EssApplicant applicant = {
    .name = (char *) "Épicerie solidaire du Faubourg",
    .address = (char *) "12 rue de Wazemmes",
    .contact_name = (char *) NAME,
    .contact_email = (char *) EMAIL,
    .contact_phone = (char *) PHONE,
  };
  gint64 id;

  g_assert_no_error (error);
  id = ess_store_save_applicant (store, &applicant, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Edited once: the old contact may linger in freed space. */
  applicant.id = id;
  applicant.contact_phone = (char *) "06 12 34 56 78";
  g_assert_cmpint (ess_store_save_applicant (store, &applicant, &error), ==, id);
  g_clear_object (&store);
  g_assert_true (file_contains (path, EMAIL));

  store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_erase_contacts (store, id, &error), ==, 1);
  g_assert_no_error (error);

  loaded = ess_store_load_applicant (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Épicerie solidaire du Faubourg");
  g_assert_cmpstr (loaded->contact_name, ==, "");
  g_assert_cmpstr (loaded->contact_email, ==, "");
  g_assert_cmpstr (loaded->contact_phone, ==, "");

  /* Nothing left to erase, an applicant that does not exist. */
  g_assert_cmpint (ess_store_erase_contacts (store, id, &error), ==, 0);
  g_assert_cmpint (ess_store_erase_contacts (store, 999999, &error), ==, -1);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Traced, without the data; and the bytes are gone from the file. */
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM history WHERE action = 'contact-erased'"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM history WHERE "
                                  "coalesce (old_value, '') || coalesce (new_value, '') || comment "
                                  "LIKE '%Camille%' OR coalesce (old_value, '') || coalesce (new_value, '') "
                                  "|| comment LIKE '%example.org%'"), ==, 0);
  g_assert_false (file_contains (path, EMAIL));
  g_assert_false (file_contains (path, NAME));
  g_assert_false (file_contains (path, "06 12 34 56 78"));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (file_contains (wal, EMAIL));
  }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/privacy/erase-contact", test_erase_contact);

  return g_test_run ();
}
