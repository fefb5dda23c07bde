/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of opening, creating, migrating and protecting the database file. */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A clean close leaves a stamp beside the file; the next opening that
 * finds the same file skips quick_check, and an opening for writing takes
 * the stamp away until its own clean close. */
static void
test_clean_close_skips_check (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autofree char *stamp = g_strconcat (f->path, ".clean", NULL);

  g_assert_no_error (error);
  /* A file being created has nothing to check. */
  g_assert_false (ess_store_get_checked_on_open (store));
  g_assert_false (g_file_test (stamp, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  g_assert_true (g_file_test (stamp, G_FILE_TEST_EXISTS));

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ess_store_get_checked_on_open (store));
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  /* While it is open, a crash would leave no stamp behind. */
  g_assert_false (g_file_test (stamp, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* Read-only openings use the stamp and leave it. */
  store = ess_store_open (f->path, ESS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (ess_store_get_checked_on_open (store));
  g_clear_object (&store);
  g_assert_true (g_file_test (stamp, G_FILE_TEST_EXISTS));

  /* Without the stamp, the file is checked. */
  g_assert_cmpint (g_unlink (stamp), ==, 0);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_clear_object (&store);

  /* A WAL beside the file (a writer that did not close) makes it checked. */
  g_assert_true (g_file_test (stamp, G_FILE_TEST_EXISTS));
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_true (g_file_set_contents (wal, "", 0, NULL));
  }
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
}

/* Whatever sits where the stamp goes (a FIFO that would block a reader, a
 * link to a stamp, a directory) vouches for nothing: the file is checked,
 * and opening neither hangs nor fails. */
static void
test_stamp_not_a_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autofree char *stamp = g_strconcat (f->path, ".clean", NULL);
  g_autofree char *elsewhere = g_build_filename (f->dir, "stamp-copy", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (stamp, &contents, &length, NULL));

  /* A link to a valid stamp. */
  g_assert_true (g_file_set_contents (elsewhere, contents, length, NULL));
  g_assert_cmpint (g_unlink (stamp), ==, 0);
  g_assert_cmpint (symlink (elsewhere, stamp), ==, 0);
  store = ess_store_open (f->path, ESS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_clear_object (&store);

  /* A FIFO. */
  g_assert_cmpint (g_unlink (stamp), ==, 0);
  g_assert_cmpint (mkfifo (stamp, 0600), ==, 0);
  store = ess_store_open (f->path, ESS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_clear_object (&store);

  /* A directory: the stamp cannot be written over it, and is not needed. */
  g_assert_cmpint (g_unlink (stamp), ==, 0);
  g_assert_cmpint (g_mkdir (stamp, 0700), ==, 0);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_clear_object (&store);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
}

/* A copy of the file with its stamp is another file: checked. */
static void
test_stamp_of_another_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autofree char *stamp = g_strconcat (f->path, ".clean", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *copy_stamp = g_strconcat (copy, ".clean", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (stamp, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy_stamp, contents, length, NULL));

  store = ess_store_open (copy, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_checked_on_open (store));
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
}

/* Damaged in place while closed, with the same size and its modification
 * time put back: the stamp no longer matches (the change time moved), the
 * file is checked, refused and left as it is. */
static void
test_damaged_while_closed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autofree char *stamp = g_strconcat (f->path, ".clean", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct stat st_before, st_after;
  char garbage[2048];
  struct timespec times[2];
  int fd;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_test (stamp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (stat (f->path, &st_before), ==, 0);
  g_assert_cmpint (st_before.st_size, >, 8192);

  /* The middle of the file and page 2 (the first table's b-tree). */
  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7);
  fd = open (f->path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, st_before.st_size / 2), ==, sizeof garbage);
  memset (garbage, 0x5a, 512);
  g_assert_cmpint (pwrite (fd, garbage, 512, 4096), ==, 512);
  times[0] = st_before.st_atim;
  times[1] = st_before.st_mtim;
  g_assert_cmpint (futimens (fd, times), ==, 0);
  close (fd);
  g_assert_cmpint (stat (f->path, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_ino, ==, st_before.st_ino);
  g_assert_cmpint (st_after.st_size, ==, st_before.st_size);
  g_assert_cmpint (st_after.st_mtim.tv_sec, ==, st_before.st_mtim.tv_sec);
  g_assert_cmpint (st_after.st_mtim.tv_nsec, ==, st_before.st_mtim.tv_nsec);
  before = file_checksum (f->path);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_true (g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT) ||
                 g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  /* Refused again at the next try: no stamp vouches for it. */
  g_assert_false (g_file_test (stamp, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
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
  g_test_add ("/store/clean-close-skips-check", Fixture, NULL, fixture_setup, test_clean_close_skips_check, fixture_teardown);
  g_test_add ("/store/stamp-not-a-file", Fixture, NULL, fixture_setup, test_stamp_not_a_file, fixture_teardown);
  g_test_add ("/store/stamp-of-another-file", Fixture, NULL, fixture_setup, test_stamp_of_another_file, fixture_teardown);
  g_test_add ("/store/damaged-while-closed", Fixture, NULL, fixture_setup, test_damaged_while_closed, fixture_teardown);

  return g_test_run ();
}
