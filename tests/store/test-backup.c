/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of backups (writing, checking, rotating, restoring) and of the lock of the database. */

#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-resources.h"
#include "ess-store.h"
#include "ess-store-backup.h"
#include "ess-store-dossiers.h"
#include "ess-store-lock.h"

typedef struct
{
  char *dir;
  char *path;
  char *backups;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ess-backup-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "instruction.db", NULL);
  f->backups = g_build_filename (f->dir, "backups", NULL);
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
  g_free (f->backups);
  g_free (f->dir);
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

static guint
count_files (const char *dir,
             const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static EssStore *
open_demo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  return store;
}

/* A backup is a whole database in one file, private, checked, named
 * after the database, the moment and the reason. */
static void
test_backup_now (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(EssBackup) backup = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *base = NULL;
  int version = 0;
  GStatBuf st;

  /* A new database has nothing to back up yet. */
  g_assert_cmpuint (count_files (f->backups, ".db"), ==, 0);

  backup = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_cmpint (backup->reason, ==, ESS_BACKUP_MANUAL);
  base = g_path_get_basename (backup->path);
  g_assert_true (g_str_has_prefix (base, "instruction-"));
  g_assert_true (g_str_has_suffix (base, "-manual.db"));
  g_assert_true (g_str_has_prefix (backup->path, f->backups));

  g_assert_cmpint (g_stat (backup->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, backup->size);
  g_assert_cmpint (g_stat (f->backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* One file: no journal beside it, all the dossiers in it. */
  g_assert_cmpint (sql_int (backup->path, "SELECT count (*) FROM dossiers"), ==, 4);
  g_assert_cmpint (sql_int (backup->path, "SELECT count (*) FROM communes"), ==, 95);
  {
    /* The lock file says who has the database: private too. */
    g_autofree char *lock = ess_store_lock_path (f->path);
    g_assert_cmpint (g_stat (lock, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_true (ess_backup_verify (backup->path, &version, &error));
  g_assert_cmpint (version, ==, ess_store_latest_version ());
  g_assert_cmpuint (count_files (f->backups, ".part"), ==, 0);

  backups = ess_store_list_backups (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((EssBackup *) backups->pdata[0])->path, ==, backup->path);
}

/* The first opening of a day backs up, the next ones of the day do not. */
static void
test_daily_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(GPtrArray) backups = NULL;

  g_clear_object (&store);
  for (int i = 0; i < 3; i++)
    {
      store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, NULL);
      g_assert_nonnull (store);
      g_assert_null (ess_store_get_backup_warning (store));
      g_clear_object (&store);
    }

  backups = ess_store_list_backups (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (((EssBackup *) backups->pdata[0])->reason, ==, ESS_BACKUP_DAILY);
}

/* When the daily backup cannot be written (here the backups folder is a
 * file), the database still opens, and says why there is no backup. */
static void
test_daily_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);

  g_clear_object (&store);
  g_assert_true (g_file_set_contents (f->backups, "pas un dossier", -1, NULL));

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ess_store_get_backup_warning (store));
  g_assert_nonnull (strstr (ess_store_get_backup_warning (store), f->backups));
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);

  /* A backup asked for is refused with the same reason, and so is an import. */
  g_assert_null (ess_store_backup_before_import (store, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP);
}

/* Forty days of daily backups become 7 days and 4 weeks (see
 * test-backup-rotation.c), plus the new one; files that are not
 * backups of this database are left alone. */
static void
test_rotation_files (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(EssBackup) first = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_autoptr(EssBackup) latest = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  g_autofree char *other = g_build_filename (f->backups, "autre-20200101-000000-000-daily.db", NULL);
  g_autofree char *note = g_build_filename (f->backups, "notes.txt", NULL);
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (first->path, &contents, &length, NULL));
  g_unlink (first->path);

  /* Daily backups of the 40 days before today, at 03:00. */
  for (int day = 1; day <= 40; day++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_days (now, -day);
      g_autoptr(GDateTime) at = g_date_time_new_utc (g_date_time_get_year (then), g_date_time_get_month (then),
                                                     g_date_time_get_day_of_month (then), 3, 0, 0);
      g_autofree char *stamp = g_date_time_format (at, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("instruction-%s-000-daily.db", stamp);
      g_autofree char *path = g_build_filename (f->backups, name, NULL);

      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
  g_assert_true (g_file_set_contents (other, contents, length, NULL));
  g_assert_true (g_file_set_contents (note, "à garder", -1, NULL));

  latest = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  backups = ess_store_list_backups (f->path, &error);
  g_assert_no_error (error);
  /* Today and the 6 days before (7 days: 6 daily + the new one), then
   * the newest of 4 older weeks: 11 backups. */
  g_assert_cmpuint (backups->len, ==, 11);
  g_assert_cmpstr (((EssBackup *) backups->pdata[0])->path, ==, latest->path);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
  /* The oldest kept is between 4 and 5 weeks old. */
  {
    EssBackup *oldest = backups->pdata[backups->len - 1];
    GTimeSpan age = g_date_time_difference (now, oldest->time);

    g_assert_cmpint (age / G_TIME_SPAN_DAY, >=, 21);
    g_assert_cmpint (age / G_TIME_SPAN_DAY, <=, 35);
  }
}

/* Restoring puts the backup's dossiers back in the open store, after a
 * backup of what it replaces. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(EssBackup) backup = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_autoptr(EssBackup) saved = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, NULL), >, 0);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 7);

  g_signal_connect_swapped (store, "changed::dossiers", G_CALLBACK (g_atomic_int_inc), &changes);
  g_assert_true (ess_store_restore (store, backup->path, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);

  /* The same store object reads the restored contents. */
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  g_assert_cmpint (ess_store_count_rows (store, "communes", NULL), ==, 95);
  g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, &error), >, 0);
  g_assert_no_error (error);

  /* What was replaced is in a backup of its own. */
  g_assert_nonnull (saved);
  g_assert_cmpint (saved->reason, ==, ESS_BACKUP_RESTORE);
  g_assert_cmpint (sql_int (saved->path, "SELECT count (*) FROM dossiers"), ==, 7);

  g_clear_object (&store);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers"), ==, 5);
}

/* The oldest daily backup of the week, which the backup made before the
 * restore pushes out of the 7 days: it is restored all the same. */
static void
test_restore_oldest_daily (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(EssBackup) first = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  g_autofree char *chosen = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (first->path, &contents, &length, NULL));
  g_unlink (first->path);
  for (int day = 1; day <= 7; day++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_days (now, -day);
      g_autofree char *stamp = g_date_time_format (then, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("instruction-%s-000-daily.db", stamp);
      g_autofree char *path = g_build_filename (f->backups, name, NULL);

      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      g_free (chosen);
      chosen = g_steal_pointer (&path);
    }

  g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, NULL), >, 0);
  g_assert_true (ess_store_restore (store, chosen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* A backup made by the previous version (one schema behind) is restored
 * and upgraded like the file would be. */
static void
test_restore_older_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autofree char *old = g_build_filename (f->dir, "ancienne.db", NULL);
  g_auto(GStrv) names = g_resource_enumerate_children (ess_get_resource (), RESOURCE_PREFIX "/migrations", 0, NULL);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", ess_store_latest_version () - 1);
  sqlite3 *db;

  g_assert_cmpuint (g_strv_length (names), ==, ess_store_latest_version ());
  g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_names, NULL);
  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  for (int v = 0; v < ess_store_latest_version () - 1; v++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/migrations/", names[v], NULL);
      g_autoptr(GBytes) sql = g_resource_lookup_data (ess_get_resource (), path, 0, NULL);
      g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (sql, NULL), NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO schemes (code, name) VALUES ('APT', 'Appel à projets');"
                                 "INSERT INTO dossiers (reference, title, scheme_code, year) "
                                 "  VALUES ('APT-2011-001', 'Ressourcerie', 'APT', 2011);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, set_version, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (ess_store_restore (store, old, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_get_schema_version (store), ==, ess_store_latest_version ());
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 1);
  g_clear_object (&store);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, ess_store_latest_version ());
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE title = 'Ressourcerie'"), ==, 1);
}

/* A file that is not a good backup is refused before anything is done. */
static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autofree char *text = g_build_filename (f->dir, "sauvegarde.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "vide.db", NULL);
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "ceci n’est pas une base", -1, NULL));
  g_assert_false (ess_store_restore (store, text, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP);
  g_clear_error (&error);

  /* An SQLite file, but not of this application. */
  g_assert_cmpint (sqlite3_open (empty, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (ess_store_restore (store, empty, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP);
  g_clear_error (&error);

  /* A backup of a newer version. */
  g_assert_cmpint (sqlite3_open (empty, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (ess_store_restore (store, empty, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  /* The database itself. */
  g_assert_false (ess_store_restore (store, f->path, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP);
  g_clear_error (&error);

  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  /* Nothing was backed up for a restore that did not happen. */
  g_assert_cmpuint (count_files (f->backups, "-restore.db"), ==, 0);
}

static GSubprocess *
spawn_holder (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  GSubprocess *holder;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             g_getenv ("ESS_TEST_WRITER"), "hold", path, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);
  g_assert_cmpstr (line, ==, "open");
  return holder;
}

/* A second process is refused with who holds the database; reading it
 * read-only works; once the first is killed, its lock is stale. */
static void
test_lock_second_process (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(EssStore) reader = NULL;
  g_autofree char *pid = NULL;

  g_clear_object (&store);
  holder = spawn_holder (f->path);
  pid = g_strdup (g_subprocess_get_identifier (holder));

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, pid));
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_clear_error (&error);

  reader = ess_store_open (f->path, ESS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_get_read_only (reader));
  g_assert_cmpint (ess_store_count_rows (reader, "dossiers", NULL), ==, 4);
  g_assert_cmpint (ess_store_create_dossier (reader, "APT", 2025, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&reader);

  g_subprocess_send_signal (holder, SIGKILL);
  g_subprocess_wait (holder, NULL, NULL);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
}

static void
write_lock (Fixture    *f,
            const char *host,
            long        pid)
{
  g_autofree char *lock = ess_store_lock_path (f->path);
  g_autofree char *text = g_strdup_printf ("host=%s\npid=%ld\nsince=2026-11-20T08:30:00Z\n", host, pid);

  g_assert_true (g_file_set_contents (lock, text, -1, NULL));
}

/* A lock file left by a dead process of this computer is taken over. */
static void
test_lock_stale (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autoptr(EssStoreLock) lock = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *lock_path = ess_store_lock_path (f->path);
  g_autofree char *mine = g_strdup_printf ("pid=%ld\n", (long) getpid ());
  pid_t dead_pid;
  int status;

  g_clear_object (&store);
  /* A process that has exited and been reaped: its PID is free. (Not a
   * GSubprocess: GLib may reap it before its identifier can be read.) */
  dead_pid = fork ();
  g_assert_cmpint (dead_pid, >=, 0);
  if (dead_pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (dead_pid, &status, 0), ==, dead_pid);
  write_lock (f, g_get_host_name (), dead_pid);

  lock = ess_store_lock_acquire (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_lock_was_stale (lock));
  g_assert_true (g_file_get_contents (lock_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, mine));
  g_clear_pointer (&lock, ess_store_lock_release);

  /* Released: an empty file, free for the next one. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (lock_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "");
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* A lock written on another computer may be live: refused, with the
 * file to delete once that computer no longer runs the application. */
static void
test_lock_other_host (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = open_demo (f);
  g_autofree char *lock_path = ess_store_lock_path (f->path);

  g_clear_object (&store);
  write_lock (f, "poste-accueil-02", 4242);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "poste-accueil-02"));
  g_assert_nonnull (strstr (error->message, "4242"));
  g_assert_nonnull (strstr (error->message, "lock"));
  g_clear_error (&error);

  g_unlink (lock_path);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* Two stores of one process on one file share the lock. */
static void
test_lock_same_process (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) first = open_demo (f);
  g_autoptr(EssStore) second = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GSubprocess) other = NULL;

  g_assert_no_error (error);
  g_clear_object (&first);

  /* Still held by the second store: another process is refused. */
  other = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            g_getenv ("ESS_TEST_WRITER"), "create", f->path, "1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (other, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (other), ==, 1);
  g_assert_cmpint (ess_store_count_rows (second, "dossiers", NULL), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/now", Fixture, NULL, fixture_setup, test_backup_now, fixture_teardown);
  g_test_add ("/backup/daily-once", Fixture, NULL, fixture_setup, test_daily_once, fixture_teardown);
  g_test_add ("/backup/daily-fails", Fixture, NULL, fixture_setup, test_daily_fails, fixture_teardown);
  g_test_add ("/backup/rotation", Fixture, NULL, fixture_setup, test_rotation_files, fixture_teardown);
  g_test_add ("/backup/restore", Fixture, NULL, fixture_setup, test_restore, fixture_teardown);
  g_test_add ("/backup/restore-oldest-daily", Fixture, NULL, fixture_setup, test_restore_oldest_daily, fixture_teardown);
  g_test_add ("/backup/restore-older-schema", Fixture, NULL, fixture_setup, test_restore_older_schema, fixture_teardown);
  g_test_add ("/backup/restore-refused", Fixture, NULL, fixture_setup, test_restore_refused, fixture_teardown);
  g_test_add ("/lock/second-process", Fixture, NULL, fixture_setup, test_lock_second_process, fixture_teardown);
  g_test_add ("/lock/stale", Fixture, NULL, fixture_setup, test_lock_stale, fixture_teardown);
  g_test_add ("/lock/other-host", Fixture, NULL, fixture_setup, test_lock_other_host, fixture_teardown);
  g_test_add ("/lock/same-process", Fixture, NULL, fixture_setup, test_lock_same_process, fixture_teardown);

  return g_test_run ();
}
