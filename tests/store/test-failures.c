/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Failures on purpose: kill -9, full disk, I/O errors, damaged files, two writers, a broken migration. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-resources.h"
#include "ess-store.h"
#include "ess-store-backup.h"
#include "ess-store-dossiers.h"
#include "ess-store-private.h"

/* The size of the import the kill -9 trials interrupt. */
#define BULK_DOSSIERS 10000
/* Trials killed while the transaction runs or commits, and before it. */
#define KILLS_IN_TRANSACTION 24
#define KILLS_BEFORE 6
/* Where the last stretch of an import begins, in % of the write-ahead
 * log a whole import fills. */
#define LATE_PERCENT 80

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ess-failures-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "instruction.db", NULL);
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

/* The demo database (4 dossiers), closed. */
static void
make_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
}

/* One integer through plain SQLite, independent of the store. Opening
 * read-write lets SQLite recover a WAL left by a killed process, as the
 * application's next opening does. */
static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* integrity_check says "ok" and foreign_key_check says nothing. */
static void
assert_intact (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
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
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
}

static GSubprocess *
spawn_writer (GError **error,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ESS_TEST_WRITER"));
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            error);
}

static GSubprocess *
spawn_import (const char  *path,
              const char  *file,
              GError     **error)
{
  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, error,
                           g_getenv ("ESS_INSTRUCTION"), "--database", path, "import", file, NULL);
}

/* Reads the import's preview, one line per dossier of the file, to its
 * last line: the command then backs up and writes. */
static void
read_preview (GSubprocess *import,
              guint        n_dossiers)
{
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (import));
  guint seen = 0;
  char *line;

  /* The pipe stays open: the command still writes its last line. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  while (seen < n_dossiers &&
         (line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      seen += strstr (line, "KILL-") != NULL;
      g_free (line);
    }
  g_assert_cmpuint (seen, ==, n_dossiers);
}

static gint64
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? (gint64) st.st_size : 0;
}

/* GLib reaps the child in its worker thread; its identifier goes then. */
static gboolean
has_exited (GSubprocess *process)
{
  return g_subprocess_get_identifier (process) == NULL;
}

/* kill -9 of `ess-instruction import` of 10 000 dossiers at random
 * moments: each time the database passes its checks and holds the
 * whole file or none of it, the data that was there is intact, and the
 * application opens it again (the dead process's lock is stale).
 *
 * The file is written by the application itself (`export`) from a
 * database of 10 000 dossiers made by the test writer. The moments are
 * chosen from what the command shows of its progress, so that they land
 * where meant on a loaded machine too: while it reads and checks the file
 * (before its preview ends), inside the transaction (when the
 * write-ahead log has grown to a random part of what a whole import
 * writes there), and around the COMMIT. */
static void
test_kill_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *base = g_build_filename (f->dir, "base.db", NULL);
  g_autofree char *source = g_build_filename (f->dir, "source.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "dossiers.xml", NULL);
  g_autofree char *count = g_strdup_printf ("%d", BULK_DOSSIERS);
  gint64 start, preview_at = 0, exited_at = 0, wal_full = 0, wal_late_at = 0;
  gint64 applicants_full = 0;
  guint none = 0, all = 0, in_transaction = 0;

  make_demo (base);

  /* The file: 10 000 dossiers with their applicants, contacts and
   * communes, as `export` writes them. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EssStore) store = ess_store_open (source, ESS_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GSubprocess) writer = NULL;
    g_autoptr(GSubprocess) export = NULL;

    g_assert_no_error (error);
    g_clear_object (&store);
    writer = spawn_writer (&error, "bulk", source, count, "KILL", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (writer, NULL, &error));
    g_assert_no_error (error);
    export = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("ESS_INSTRUCTION"),
                               "--database", source, "export", "-o", file, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (export, NULL, &error));
    g_assert_no_error (error);
  }

  /* One whole import measures the moments and what the log holds just
   * before the COMMIT ends. */
  {
    g_autofree char *dir = g_build_filename (f->dir, "calibration", NULL);
    g_autofree char *path = g_build_filename (dir, "instruction.db", NULL);
    g_autoptr(GSubprocess) import = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) sizes = NULL;
    g_autoptr(GArray) times = NULL;

    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    copy_file (base, path);
    start = g_get_monotonic_time ();
    import = spawn_import (path, file, &error);
    g_assert_no_error (error);
    read_preview (import, BULK_DOSSIERS);
    preview_at = g_get_monotonic_time () - start;
    sizes = g_array_new (FALSE, FALSE, sizeof (gint64));
    times = g_array_new (FALSE, FALSE, sizeof (gint64));
    while (!has_exited (import))
      {
        gint64 size = wal_size (path);
        gint64 now = g_get_monotonic_time () - start;

        wal_full = MAX (wal_full, size);
        g_array_append_val (sizes, size);
        g_array_append_val (times, now);
        g_usleep (500);
      }
    exited_at = g_get_monotonic_time () - start;
    /* The last stretch: from the log at LATE_PERCENT % of its largest size to the end. */
    for (guint i = 0; i < sizes->len && wal_late_at == 0; i++)
      if (g_array_index (sizes, gint64, i) >= wal_full * LATE_PERCENT / 100)
        wal_late_at = g_array_index (times, gint64, i);
    g_assert_true (g_subprocess_wait_check (import, NULL, &error));
    g_assert_cmpint (sql_int (path, "SELECT count (*) FROM dossiers WHERE reference LIKE 'KILL-%'"), ==, BULK_DOSSIERS);
    applicants_full = sql_int (path, "SELECT count (*) FROM applicants WHERE name LIKE 'Association KILL%'");
    g_assert_cmpint (applicants_full, >, 0);
    assert_intact (path);
    /* The log grew while the transaction ran: the kills can aim at it. */
    g_assert_cmpint (wal_full, >, 1024 * 1024);
    g_test_message ("A whole import of %d dossiers: preview shown after %.3f s, the log at %d %% of its "
                    "largest size (%.1f MB) after %.3f s, done after %.3f s", BULK_DOSSIERS, preview_at / 1e6,
                    LATE_PERCENT, wal_full / 1e6, wal_late_at / 1e6, exited_at / 1e6);
  }

  for (guint trial = 0; trial < KILLS_IN_TRANSACTION + KILLS_BEFORE; trial++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/trial-%02u", f->dir, trial);
      g_autofree char *path = g_build_filename (dir, "instruction.db", NULL);
      g_autofree char *where = NULL;
      g_autoptr(GSubprocess) import = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(EssStore) store = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      gboolean exited_first = FALSE;
      gint64 imported;

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      copy_file (base, path);

      start = g_get_monotonic_time ();
      import = spawn_import (path, file, &error);
      g_assert_no_error (error);

      if (trial < KILLS_BEFORE)
        {
          /* While it reads, validates and compares the file. */
          gint64 delay = g_test_rand_int_range (0, (int) preview_at + 1);

          g_usleep (delay);
          where = g_strdup_printf ("while reading the file, after %.3f s", delay / 1e6);
        }
      else if (trial < KILLS_BEFORE + KILLS_IN_TRANSACTION * 2 / 3)
        {
          /* Inside the transaction: once the log holds 5 to LATE_PERCENT % of a whole import. */
          int percent = g_test_rand_int_range (5, LATE_PERCENT + 1);
          gint64 threshold = wal_full * percent / 100;

          read_preview (import, BULK_DOSSIERS);
          while (wal_size (path) < threshold && !(exited_first = has_exited (import)))
            g_usleep (200);
          where = g_strdup_printf ("with the log at %d %% of a whole import", percent);
        }
      else
        {
          /* Around the COMMIT: from the log at LATE_PERCENT % of its largest
           * size, within one and a half times what the last stretch took. */
          gint64 threshold = wal_full * LATE_PERCENT / 100;
          gint64 delay = g_test_rand_int_range (0, (int) (3 * (exited_at - wal_late_at) / 2) + 1);

          read_preview (import, BULK_DOSSIERS);
          while (wal_size (path) < threshold && !(exited_first = has_exited (import)))
            g_usleep (200);
          g_usleep (delay);
          where = g_strdup_printf ("around the COMMIT, %.3f s after the log reached %d %%", delay / 1e6,
                                   LATE_PERCENT);
        }

      g_subprocess_send_signal (import, SIGKILL);
      g_subprocess_wait (import, NULL, NULL);

      assert_intact (path);
      imported = sql_int (path, "SELECT count (*) FROM dossiers WHERE reference LIKE 'KILL-%'");
      g_assert_true (imported == 0 || imported == BULK_DOSSIERS);
      /* Everything of the file goes together: applicants, communes, history. */
      g_assert_cmpint (sql_int (path, "SELECT count (*) FROM applicants WHERE name LIKE 'Association KILL%'"),
                       ==, imported ? applicants_full : 0);
      g_assert_cmpint (sql_int (path, "SELECT count (*) FROM history WHERE action = 'imported'"), ==, imported);
      g_assert_cmpint (sql_int (path, "SELECT count (*) FROM dossier_communes"), >=, 2 * imported);
      /* What was there before is there after. */
      g_assert_cmpint (sql_int (path, "SELECT count (*) FROM dossiers WHERE reference LIKE 'APT-%'"), ==, 4);
      if (trial >= KILLS_BEFORE && !exited_first && imported == 0)
        in_transaction++;
      if (imported == 0)
        none++;
      else
        all++;

      /* The application opens it again: the killed command's lock is stale. */
      store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4 + imported);
      /* A backup cut short is never listed; those listed all check. */
      backups = ess_store_list_backups (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < backups->len; i++)
        {
          EssBackup *backup = g_ptr_array_index (backups, i);
          g_assert_true (ess_backup_verify (backup->path, NULL, &error));
          g_assert_no_error (error);
        }
      g_test_message ("Trial %u: killed %s (%.3f s after start), the database holds %s of the file",
                      trial, where, (g_get_monotonic_time () - start) / 1e6, imported ? "all" : "none");
    }

  g_test_message ("%u kill -9 trials of `import`: %u killed inside the transaction, %u left none of the "
                  "file, %u all of it; data lost: none",
                  KILLS_IN_TRANSACTION + KILLS_BEFORE, in_transaction, none, all);
  /* The trials did hit the transaction, not only its edges. */
  g_assert_cmpuint (in_transaction, >=, KILLS_IN_TRANSACTION / 2);
}

/* A full disk, through SQLite's page limit: the message says so, the
 * transaction goes, saved data stays, and writing works again once
 * there is room. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autofree char *limit = NULL;
  gint64 pages, created = 0, id;
  gboolean ok;

  make_demo (f->path);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  pages = sql_int (f->path, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 4);
  g_assert_true (ess_store_exec (store, limit, NULL));

  /* Dossiers one by one until the disk is full. */
  while ((id = ess_store_create_dossier (store, "APT", 2025, &error)) > 0)
    {
      g_autofree char *title = g_strnfill (2000, 'x');
      created++;
      g_assert_cmpint (created, <, 1000);
      ok = ess_store_set_dossier_field (store, id, ESS_FIELD_DESCRIPTION, title, &error);
      if (!ok)
        break;
    }
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL);
  g_test_message ("After %" G_GINT64_FORMAT " dossiers: %s", created, error->message);
  g_assert_nonnull (strstr (error->message, "not saved"));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  g_assert_cmpint (created, >, 0);

  /* A large write in one transaction: rolled back as a whole. */
  g_assert_true (ess_store_begin (store, NULL));
  ok = ess_store_exec (store,
                       "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                       "INSERT INTO dossiers (reference, title, scheme_code, year) "
                       "SELECT printf ('FULL-%05d', i), printf ('%.500c', 'y'), 'APT', 2025 FROM n", &error);
  g_assert_false (ok);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL);
  ess_store_rollback (store);
  g_clear_error (&error);

  ess_store_close (store);
  g_clear_object (&store);

  assert_intact (f->path);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE reference LIKE 'FULL-%'"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers"), ==, 4 + created);

  /* Still full after reopening (the limit belongs to the connection
   * that set it: set it again at the size of the file), then room again. */
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_free (limit);
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           sql_int (f->path, "PRAGMA page_count"));
  g_assert_true (ess_store_exec (store, limit, NULL));
  for (int i = 0; error == NULL; i++)
    {
      g_autofree char *text = g_strnfill (2000, 'z');

      g_assert_cmpint (i, <, 50);
      id = ess_store_create_dossier (store, "APT", 2025, &error);
      if (id > 0)
        {
          created++;
          ess_store_set_dossier_field (store, id, ESS_FIELD_DESCRIPTION, text, &error);
        }
    }
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_true (ess_store_exec (store, "PRAGMA max_page_count = 1073741823", NULL));
  g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4 + created + 1);
}

/* A VFS over the default one that fails every write and sync from the
 * Nth on, until it is told the disk is fixed: SQLite's own way of
 * testing I/O errors. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultyFile;

static sqlite3_vfs faulty_vfs;
static sqlite3_vfs *real_vfs;
static sqlite3_io_methods faulty_methods;
static int faulty_countdown = -1;   /* -1: no fault */
static int faulty_code = SQLITE_IOERR_WRITE;
static guint faulty_injected;

static gboolean
fault_now (void)
{
  if (faulty_countdown < 0)
    return FALSE;
  if (faulty_countdown > 0)
    {
      faulty_countdown--;
      return FALSE;
    }
  faulty_injected++;
  return TRUE;
}

#define REAL(file) (((FaultyFile *) (file))->real)

static int
faulty_close (sqlite3_file *file)
{
  int rc = REAL (file)->pMethods->xClose (REAL (file));
  g_free (REAL (file));
  return rc;
}

static int
faulty_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
faulty_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  if (fault_now ())
    return faulty_code;
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
faulty_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  if (fault_now ())
    return faulty_code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_TRUNCATE;
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
faulty_sync (sqlite3_file *file, int flags)
{
  if (fault_now ())
    return faulty_code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_FSYNC;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
faulty_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
faulty_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
faulty_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
faulty_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
faulty_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
faulty_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
faulty_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
faulty_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
faulty_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
faulty_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
faulty_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
faulty_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  /* No memory mapping: every write goes through xWrite. */
  *out = NULL;
  return SQLITE_OK;
}

static int
faulty_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return SQLITE_OK;
}

static int
faulty_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultyFile *faulty = (FaultyFile *) file;
  int rc;

  faulty->real = g_malloc0 (real_vfs->szOsFile);
  rc = real_vfs->xOpen (real_vfs, name, faulty->real, flags, out_flags);
  if (rc != SQLITE_OK || faulty->real->pMethods == NULL)
    {
      g_clear_pointer (&faulty->real, g_free);
      file->pMethods = NULL;
      return rc;
    }
  file->pMethods = &faulty_methods;
  return SQLITE_OK;
}

static int
faulty_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
faulty_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
faulty_full_pathname (sqlite3_vfs *vfs, const char *name, int size, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, size, out);
}

static int
faulty_randomness (sqlite3_vfs *vfs, int size, char *out)
{
  return real_vfs->xRandomness (real_vfs, size, out);
}

static int
faulty_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
faulty_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
faulty_get_last_error (sqlite3_vfs *vfs, int size, char *out)
{
  return real_vfs->xGetLastError (real_vfs, size, out);
}

static int
faulty_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static void
faulty_vfs_install (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  g_assert_cmpstr (real_vfs->zName, ==, "unix");

  faulty_methods = (sqlite3_io_methods) {
    .iVersion = 3,
    .xClose = faulty_close,
    .xRead = faulty_read,
    .xWrite = faulty_write,
    .xTruncate = faulty_truncate,
    .xSync = faulty_sync,
    .xFileSize = faulty_file_size,
    .xLock = faulty_lock,
    .xUnlock = faulty_unlock,
    .xCheckReservedLock = faulty_check_reserved_lock,
    .xFileControl = faulty_file_control,
    .xSectorSize = faulty_sector_size,
    .xDeviceCharacteristics = faulty_device_characteristics,
    .xShmMap = faulty_shm_map,
    .xShmLock = faulty_shm_lock,
    .xShmBarrier = faulty_shm_barrier,
    .xShmUnmap = faulty_shm_unmap,
    .xFetch = faulty_fetch,
    .xUnfetch = faulty_unfetch,
  };
  faulty_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = sizeof (FaultyFile),
    .mxPathname = real_vfs->mxPathname,
    .zName = "ess-faulty",
    .xOpen = faulty_open,
    .xDelete = faulty_delete,
    .xAccess = faulty_access,
    .xFullPathname = faulty_full_pathname,
    .xRandomness = faulty_randomness,
    .xSleep = faulty_sleep,
    .xCurrentTime = faulty_current_time,
    .xGetLastError = faulty_get_last_error,
    .xCurrentTimeInt64 = faulty_current_time_int64,
  };
  /* The default VFS: the store opens its files through it unchanged. */
  g_assert_cmpint (sqlite3_vfs_register (&faulty_vfs, 1), ==, SQLITE_OK);
}

static void
faulty_vfs_remove (void)
{
  sqlite3_vfs_unregister (&faulty_vfs);
  sqlite3_vfs_register (real_vfs, 1);
}

/* The write of one dossier fails at its 1st, 2nd, ... Nth disk write
 * until one passes with no fault: each time the user gets the message,
 * the dossier is there whole or not at all, nothing saved is lost, and
 * the same open store works once the disk works. */
static void
run_fault_injection (Fixture *f,
                     int      code)
{
  gint64 expected = 4;
  guint failures = 0;
  int n;

  make_demo (f->path);
  faulty_vfs_install ();
  faulty_code = code;

  for (n = 0; n < 500; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EssStore) store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
      gint64 id, in_file;
      gboolean faulted;

      g_assert_no_error (error);
      faulty_injected = 0;
      faulty_countdown = n;
      id = ess_store_create_dossier (store, "APT", 2025, &error);
      if (id > 0)
        ess_store_set_dossier_field (store, id, ESS_FIELD_TITLE, "Recyclerie du Vieux-Lille", &error);
      faulted = faulty_injected > 0;
      faulty_countdown = -1;

      if (!faulted)
        {
          /* No write failed: the loop has passed every write of the operation. */
          g_assert_no_error (error);
          expected++;
          g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, expected);
          break;
        }

      failures++;
      /* The message reaches the caller: a full disk or an I/O error,
       * said as such. Faults that hit only the checkpoint after a
       * commit go unreported, as SQLite retries it later. */
      if (error != NULL)
        {
          if (code == SQLITE_FULL)
            g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL);
          else
            g_assert_true (g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_IO) ||
                           g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL));
          if (n < 3)
            g_test_message ("Fault at write %d: %s", n + 1, error->message);
        }

      /* The disk works again: the same store writes. */
      g_clear_error (&error);
      id = ess_store_create_dossier (store, "APT", 2026, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      ess_store_close (store);

      assert_intact (f->path);
      in_file = sql_int (f->path, "SELECT count (*) FROM dossiers");
      /* The faulty write is whole or absent (a failed fsync may still
       * have reached the disk), the one after it is there. */
      g_assert_true (in_file == expected + 1 || in_file == expected + 2);
      g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers d WHERE NOT EXISTS "
                                         "(SELECT 1 FROM history h WHERE h.dossier_id = d.id)"), ==, 0);
      g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE reference LIKE 'APT-2012-%' "
                                         "OR reference LIKE 'APT-2013-%'"), ==, 4);
      expected = in_file;
    }

  faulty_vfs_remove ();
  g_assert_cmpint (n, <, 500);
  g_assert_cmpuint (failures, >, 3);
  g_test_message ("%s injected at each of the %u writes and syncs of a dossier creation; data lost: none",
                  code == SQLITE_FULL ? "A full disk" : "An I/O error", failures);
}

static void
test_io_errors (Fixture       *f,
                gconstpointer  data)
{
  run_fault_injection (f, SQLITE_IOERR_WRITE);
}

static void
test_full_disk_vfs (Fixture       *f,
                    gconstpointer  data)
{
  run_fault_injection (f, SQLITE_FULL);
}

typedef enum
{
  DAMAGE_MIDDLE,
  DAMAGE_TRUNCATED,
  DAMAGE_TEXT,
} Damage;

/* A damaged file is refused, untouched, with its most recent good
 * backup named; restoring that backup keeps the damaged file aside and
 * gives back all the dossiers. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssBackup) backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_sum = NULL;
  gsize length;

  make_demo (f->path);
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  backup = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  /* Ten more dossiers, so that the file is larger than the backup. */
  for (int i = 0; i < 10; i++)
    g_assert_cmpint (ess_store_create_dossier (store, "APT", 2025, NULL), >, 0);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 4096);
  switch (damage)
    {
    case DAMAGE_MIDDLE:
      for (gsize i = length / 2; i < length / 2 + 8192; i++)
        contents[i] = (char) (i * 7 + 3);
      memset (contents + 4096, 0x5a, 512);
      break;
    case DAMAGE_TRUNCATED:
      length = length / 3;
      break;
    case DAMAGE_TEXT:
      g_clear_pointer (&contents, g_free);
      contents = g_strdup ("Référence;Titre;Montant\nAPT-2012-001;Recyclerie;12 000,00\n");
      length = strlen (contents);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_true (g_file_set_contents_full (f->path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  before = file_checksum (f->path);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_true (g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT) ||
                 g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, backup->path));
  g_clear_error (&error);

  /* Twice, to be sure the first refusal wrote nothing either. */
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_clear_error (&error);
  kept_sum = file_checksum (f->path);
  g_assert_cmpstr (before, ==, kept_sum);
  g_clear_pointer (&kept_sum, g_free);

  {
    g_autoptr(EssBackup) good = ess_store_find_good_backup (f->path);
    g_assert_nonnull (good);
    g_assert_cmpstr (good->path, ==, backup->path);
  }

  g_assert_true (ess_store_restore_file (f->path, backup->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  kept_sum = file_checksum (kept);
  g_assert_cmpstr (before, ==, kept_sum);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 4);
  g_clear_object (&store);
  assert_intact (f->path);
}

/* The application and a program that ignores its lock (an old version,
 * a sync tool) write at the same time: SQLite serializes them, no
 * write is lost, no reference is given twice. */
static void
test_two_writers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GError) error = NULL;

  make_demo (f->path);
  app = spawn_writer (&error, "create", f->path, "300", NULL);
  g_assert_no_error (error);
  other = spawn_writer (&error, "raw", f->path, "300", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (app, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (other, NULL, &error));
  g_assert_no_error (error);

  assert_intact (f->path);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers"), ==, 4 + 300 + 300);
  g_assert_cmpint (sql_int (f->path, "SELECT count (DISTINCT reference) FROM dossiers WHERE reference LIKE 'APT-2025-%'"), ==, 300);
  g_assert_cmpint (sql_int (f->path, "SELECT count (DISTINCT reference) FROM dossiers WHERE reference LIKE 'RAW-%'"), ==, 300);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE reference = 'RAW-00300'"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM history WHERE action = 'created' AND dossier_id IN "
                                     "(SELECT id FROM dossiers WHERE year = 2025)"), ==, 600);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The last migration fails at its last table (a table of that name is
 * in the way): nothing of it stays, the file keeps its version and its
 * data, a backup of it was made first, and once the obstacle is gone
 * the upgrade goes through. */
static void
test_migration_halfway (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GRegex) create_table = g_regex_new ("CREATE TABLE (\\w+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *first_table = NULL;
  g_autofree char *last_table = NULL;
  g_autofree char *obstacle = NULL;
  g_autofree char *exists_first = NULL;
  int latest = ess_store_latest_version ();
  const char *last_text;
  sqlite3 *db;
  int version = 0;

  {
    g_auto(GStrv) names = g_resource_enumerate_children (ess_get_resource (), RESOURCE_PREFIX "/migrations", 0, NULL);
    g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_names, NULL);
    texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/migrations/", names[i], NULL);
        g_ptr_array_add (texts, g_resource_lookup_data (ess_get_resource (), path, 0, NULL));
      }
    g_assert_cmpuint (texts->len, ==, latest);
  }

  /* The previous version, with one dossier. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (int v = 0; v < latest - 1; v++)
    g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (texts->pdata[v], NULL), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO schemes (code, name) VALUES ('APT', 'Appel à projets');"
                                 "INSERT INTO dossiers (reference, title, scheme_code, year) "
                                 "  VALUES ('APT-2012-001', 'Recyclerie', 'APT', 2012);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d", latest - 1);
    g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  /* A table named like the last one the migration creates. */
  last_text = g_bytes_get_data (texts->pdata[latest - 1], NULL);
  g_assert_true (g_regex_match (create_table, last_text, 0, &match));
  first_table = g_match_info_fetch (match, 1);
  while (g_match_info_matches (match))
    {
      g_free (last_table);
      last_table = g_match_info_fetch (match, 1);
      g_match_info_next (match, NULL);
    }
  g_assert_cmpstr (first_table, !=, last_table);
  obstacle = g_strdup_printf ("CREATE TABLE %s (x)", last_table);
  g_assert_cmpint (sqlite3_exec (db, obstacle, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_MIGRATION);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  assert_intact (f->path);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, latest - 1);
  exists_first = g_strdup_printf ("SELECT count (*) FROM sqlite_schema WHERE name = '%s'", first_table);
  g_assert_cmpint (sql_int (f->path, exists_first), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM dossiers WHERE title = 'Recyclerie'"), ==, 1);

  /* The backup made before the upgrade is the previous version. */
  backups = ess_store_list_backups (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, >=, 1);
  g_assert_cmpint (((EssBackup *) backups->pdata[0])->reason, ==, ESS_BACKUP_MIGRATION);
  g_assert_true (ess_backup_verify (((EssBackup *) backups->pdata[0])->path, &version, &error));
  g_assert_cmpint (version, ==, latest - 1);

  {
    g_autofree char *drop = g_strdup_printf ("DROP TABLE %s", last_table);
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, drop, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_get_schema_version (store), ==, latest);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/failures/kill-9-import", Fixture, NULL, fixture_setup, test_kill_import, fixture_teardown);
  g_test_add ("/failures/disk-full-page-limit", Fixture, NULL, fixture_setup, test_disk_full, fixture_teardown);
  g_test_add ("/failures/io-errors", Fixture, NULL, fixture_setup, test_io_errors, fixture_teardown);
  g_test_add ("/failures/disk-full-vfs", Fixture, NULL, fixture_setup, test_full_disk_vfs, fixture_teardown);
  g_test_add ("/failures/damaged-middle", Fixture, GINT_TO_POINTER (DAMAGE_MIDDLE), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/failures/damaged-truncated", Fixture, GINT_TO_POINTER (DAMAGE_TRUNCATED), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/failures/damaged-text-file", Fixture, GINT_TO_POINTER (DAMAGE_TEXT), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/failures/two-writers", Fixture, NULL, fixture_setup, test_two_writers, fixture_teardown);
  g_test_add ("/failures/migration-halfway", Fixture, NULL, fixture_setup, test_migration_halfway, fixture_teardown);

  return g_test_run ();
}
