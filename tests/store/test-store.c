/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opening, creating, migrating and protecting the database file. */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-store.h"
#include "ess-store-dossiers.h"
#include "ess-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ess-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.db", NULL);
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
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Reads one integer with the plain SQLite API, independent of the store. */
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

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (ess_store_get_created (store));
  g_assert_cmpint (ess_store_get_schema_version (store), ==, ess_store_latest_version ());

  /* A database at a path of the user's holds the reference data only. */
  g_assert_cmpint (ess_store_count_rows (store, "communes", NULL), ==, 95);
  g_assert_cmpint (ess_store_count_rows (store, "territories", NULL), ==, 8);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 0);
  ess_store_close (store);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, ess_store_latest_version ());
  g_assert_cmpint (sql_int (f->path, "PRAGMA journal_mode = wal") , !=, -1);
}

static void
test_mode_with_permissive_umask (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(EssStore) store = NULL;
  mode_t old = umask (0);
  GStatBuf st;

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, NULL);
  umask (old);
  g_assert_nonnull (store);
  ess_store_close (store);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_reopen_keeps_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  g_clear_object (&store);

  /* The demo flag only applies to a database being created. */
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  g_assert_false (ess_store_get_created (store));
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  g_assert_cmpint (ess_store_count_rows (store, "communes", NULL), ==, 95);
}

static void
test_demo_data (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, NULL);

  g_assert_nonnull (store);
  ess_store_close (store);

  /* Seed 002, annexe 1: 73 000 + 73 000 + 5 933 + 15 000 + 4 730 = 171 663 EUR. */
  g_assert_cmpint (sql_int (f->path, "SELECT sum (granted_cents) FROM dossiers"), ==, 17166300);
  g_assert_cmpint (sql_int (f->path, "SELECT granted_cents FROM dossiers d JOIN applicants a "
                                     "ON a.id = d.applicant_id WHERE a.name = 'Ville de Lille'"), ==, 14600000);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE scheme_code = 'APT'"), ==, 4);
  /* Hem and the six communes of the Val de Marque. */
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossier_communes dc JOIN dossiers d "
                                     "ON d.id = dc.dossier_id WHERE d.reference = 'APT-2013-002'"), ==, 7);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM applicants WHERE legal_form = 'association'"), ==, 1);
  /* Communes apply in their own name: the SIREN comes from the commune table. */
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM applicants WHERE legal_form = 'collectivite' "
                                     "AND length (siren) = 9"), ==, 3);
}

static void
test_failed_transaction (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, NULL);
  gboolean ok;

  g_assert_true (ess_store_begin (store, &error));
  ok = ess_store_exec (store, "UPDATE dossiers SET title = 'changed'", &error);
  g_assert_true (ok);
  /* A second write that breaks a constraint: the whole transaction goes. */
  ok = ess_store_exec (store, "INSERT INTO dossiers (reference, scheme_code, year) "
                              "VALUES ('APT-2012-001', 'APT', 2012)", &error);
  g_assert_false (ok);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_SQL);
  ess_store_rollback (store);
  g_clear_object (&store);

  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE title = 'changed'"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers"), ==, 4);
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  before = file_checksum (f->path);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  const char *text = "référence;titre\nAPT-2012-001;Transfert\n";
  g_autofree char *after = NULL;
  g_autofree char *before = NULL;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  before = file_checksum (f->path);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_null (store);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_corrupt_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;
  sqlite3 *db;

  g_clear_object (&store);
  /* A rollback-journal file, so that all pages are in the main file. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  /* Overwrite the middle of the file (past the header page) with garbage. */
  for (gsize i = length / 2; i < length / 2 + 2048 && i < length; i++)
    contents[i] = (char) (i * 7);
  /* Page 2 holds the first table's b-tree. */
  memset (contents + 4096, 0x5a, 512);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  before = file_checksum (f->path);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_true (g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT) ||
                 g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_directory_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->dir, ESS_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN);
}

/* Inside a snapshot the store sees the database as it was, whatever
 * another program writes meanwhile; after it, the new rows. */
static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  gint64 before;
  sqlite3 *db;

  g_assert_no_error (error);
  before = ess_store_count_rows (store, "history", &error);
  g_assert_no_error (error);

  g_assert_true (ess_store_begin_snapshot (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "history", &error), ==, before);

  /* Another program writes while the snapshot is open: WAL lets it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO history (action) VALUES ('a'), ('b')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (ess_store_count_rows (store, "history", &error), ==, before);
  ess_store_end_snapshot (store);
  g_assert_cmpint (ess_store_count_rows (store, "history", &error), ==, before + 2);
  g_assert_no_error (error);
}

/* A reading connection for another thread: it sees what the store
 * wrote, writes nothing, and needs no lock of its own. */
static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autoptr(EssStore) reader = NULL;
  gint64 id;

  g_assert_no_error (error);
  reader = ess_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_read_only (reader));
  g_assert_cmpint (ess_store_count_rows (reader, "dossiers", NULL), ==, 4);

  id = ess_store_create_dossier (store, "APT", 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ess_store_count_rows (reader, "dossiers", NULL), ==, 5);

  g_assert_cmpint (ess_store_create_dossier (reader, "APT", 2026, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/create", Fixture, NULL, fixture_setup, test_create, fixture_teardown);
  g_test_add ("/store/mode-0600", Fixture, NULL, fixture_setup, test_mode_with_permissive_umask, fixture_teardown);
  g_test_add ("/store/reopen", Fixture, NULL, fixture_setup, test_reopen_keeps_data, fixture_teardown);
  g_test_add ("/store/demo-data", Fixture, NULL, fixture_setup, test_demo_data, fixture_teardown);
  g_test_add ("/store/failed-transaction", Fixture, NULL, fixture_setup, test_failed_transaction, fixture_teardown);
  g_test_add ("/store/newer-schema", Fixture, NULL, fixture_setup, test_newer_schema_refused, fixture_teardown);
  g_test_add ("/store/not-a-database", Fixture, NULL, fixture_setup, test_not_a_database, fixture_teardown);
  g_test_add ("/store/corrupt", Fixture, NULL, fixture_setup, test_corrupt_refused, fixture_teardown);
  g_test_add ("/store/reader", Fixture, NULL, fixture_setup, test_reader, fixture_teardown);
  g_test_add ("/store/snapshot", Fixture, NULL, fixture_setup, test_snapshot, fixture_teardown);
  g_test_add ("/store/directory", Fixture, NULL, fixture_setup, test_directory_refused, fixture_teardown);

  return g_test_run ();
}
