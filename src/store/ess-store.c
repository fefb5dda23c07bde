/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens the database file, checks it, migrates it and hands out statements. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ess-resources.h"
#include "ess-store-backup.h"
#include "ess-store-lock.h"
#include "ess-store-private.h"

/* Migrations, in order: resource N is schema version N. */
static const char * const migrations[] = {
  "0001-initial.sql",
  "0002-workspace.sql",
  "0003-funding.sql",
  "0004-scenarios.sql",
};

/* The schema version that brought the scenarios: a database reaching it
 * gets the seed scenarios of data/scenarios.ini. */
#define SCENARIOS_VERSION 4

struct _EssStore
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  char       *author;
  GHashTable *statements;   /* SQL text (static) -> sqlite3_stmt */
  EssStoreLock *lock;       /* NULL when read-only */
  char       *backup_warning;
  int         schema_version;
  guint       created : 1;
  guint       in_transaction : 1;
  guint       read_only : 1;
  guint       checked_on_open : 1;
  guint       damaged : 1;      /* SQLite said CORRUPT while open */
  guint       opened : 1;       /* ess_store_open() went to its end */
};

G_DEFINE_FINAL_TYPE (EssStore, ess_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (ess-store-error-quark, ess_store_error)

int
ess_store_latest_version (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

char *
ess_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ess-instruction", "instruction-ess.db", NULL);
}

static void
ess_store_finalize (GObject *object)
{
  EssStore *self = (EssStore *) object;

  ess_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_free (self->path);
  g_free (self->author);
  g_free (self->backup_warning);

  G_OBJECT_CLASS (ess_store_parent_class)->finalize (object);
}

static void
ess_store_class_init (EssStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ess_store_finalize;

  /**
   * EssStore::changed:
   * @what: the kind of data that changed ("dossiers", "reference", ...)
   *
   * Emitted after a transaction that changed data has been committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ess_store_init (EssStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->author = g_strdup (g_get_real_name ());
}

/* The clean-close stamp. PRAGMA quick_check reads every page: seconds on
 * a large file. A writer that closes the file cleanly (its WAL merged and
 * removed, no damage seen) records beside it what the file is then: its
 * device, inode, size, and the times of its last change. The next opening
 * that finds the same file, no WAL beside it, skips the check; any other
 * (a write by another program, a copy, a crash, a restore) changes one of
 * them and is checked. An opening for writing removes the stamp first. */
static char *
clean_stamp_path (const char *db_path)
{
  return g_strconcat (db_path, ".clean", NULL);
}

/* What the stamp holds for @db_path now, or NULL when there is none to
 * give: no regular file, or a WAL beside it. */
static char *
file_stamp (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  struct stat st;

  if (stat (db_path, &st) != 0 || !S_ISREG (st.st_mode) || g_file_test (wal, G_FILE_TEST_EXISTS))
    return NULL;

  return g_strdup_printf ("ess-instruction clean close 1\n"
                          "device %" G_GUINT64_FORMAT "\n"
                          "inode %" G_GUINT64_FORMAT "\n"
                          "size %" G_GINT64_FORMAT "\n"
                          "mtime %" G_GINT64_FORMAT ".%09ld\n"
                          "ctime %" G_GINT64_FORMAT ".%09ld\n",
                          (guint64) st.st_dev, (guint64) st.st_ino, (gint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (gint64) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec);
}

/* The stamp's text, or NULL. Whatever sits at its path is only read when
 * it is a small regular file: not followed if a link, never waited on. */
static char *
read_stamp (const char *stamp_path)
{
  char buffer[512];
  struct stat st;
  ssize_t n;
  int fd = g_open (stamp_path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);

  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size >= (off_t) sizeof buffer)
    {
      close (fd);
      return NULL;
    }
  n = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  if (n < 0)
    return NULL;
  buffer[n] = '\0';
  return g_strdup (buffer);
}

/* TRUE when the stamp beside @db_path vouches for the file as it is. */
static gboolean
stamp_matches (const char *db_path)
{
  g_autofree char *stamp_path = clean_stamp_path (db_path);
  g_autofree char *now = file_stamp (db_path);
  g_autofree char *recorded = now != NULL ? read_stamp (stamp_path) : NULL;

  return recorded != NULL && g_str_equal (recorded, now);
}

static void
write_stamp (const char *db_path)
{
  g_autofree char *stamp_path = clean_stamp_path (db_path);
  g_autofree char *stamp = file_stamp (db_path);
  g_autoptr(GError) error = NULL;

  /* No stamp is always safe: the next opening checks the file. */
  if (stamp != NULL &&
      !g_file_set_contents_full (stamp_path, stamp, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("No clean-close stamp for %s: %s", db_path, error->message);
}

void
ess_store_close (EssStore *self)
{
  g_return_if_fail (ESS_IS_STORE (self));

  if (self->db != NULL)
    {
      gboolean closed;

      g_hash_table_remove_all (self->statements);
      closed = sqlite3_close (self->db) == SQLITE_OK;
      if (!closed)
        sqlite3_close_v2 (self->db);
      self->db = NULL;
      /* Still under the lock: no other writer between the close and the stamp. */
      /* A file refused at opening (damaged, too new...) never gets one. */
      if (closed && self->opened && !self->read_only && !self->damaged && !self->in_transaction)
        write_stamp (self->path);
    }
  /* After the connection: the lock covers everything SQLite writes. */
  g_clear_pointer (&self->lock, ess_store_lock_release);
}

gboolean
ess_store_get_checked_on_open (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  return self->checked_on_open;
}

void
ess_store_clear_statements (EssStore *self)
{
  g_hash_table_remove_all (self->statements);
}

gboolean
ess_store_get_read_only (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), TRUE);
  return self->read_only;
}

const char *
ess_store_get_backup_warning (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  return self->backup_warning;
}

gboolean
ess_store_in_transaction (EssStore *self)
{
  return self->in_transaction;
}

sqlite3 *
ess_store_get_db (EssStore *self)
{
  return self->db;
}

const char *
ess_store_get_path (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  return self->path;
}

gboolean
ess_store_get_created (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  return self->created;
}

int
ess_store_get_schema_version (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), 0);
  return self->schema_version;
}

void
ess_store_set_author (EssStore   *self,
                      const char *author)
{
  g_return_if_fail (ESS_IS_STORE (self));
  g_free (self->author);
  self->author = g_strdup (author ? author : "");
}

const char *
ess_store_get_author (EssStore *self)
{
  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  return self->author;
}

void
ess_store_emit_changed (EssStore   *self,
                        const char *what)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}

void
ess_store_set_error (EssStore    *self,
                     GError     **error,
                     int          rc,
                     const char  *what)
{
  int code = ESS_STORE_ERROR_SQL;
  const char *detail = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = ESS_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_FULL:
      code = ESS_STORE_ERROR_FULL;
      g_set_error (error, ESS_STORE_ERROR, code,
                   _("The disk is full, the change was not saved (%s). Free some space and try again."),
                   what);
      return;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = ESS_STORE_ERROR_BUSY;
      g_set_error (error, ESS_STORE_ERROR, code,
                   _("The database is in use by another program: %s was not saved."),
                   what);
      return;
    case SQLITE_IOERR:
      code = ESS_STORE_ERROR_IO;
      g_set_error (error, ESS_STORE_ERROR, code,
                   _("The disk could not be read or written, the change was not saved (%s: %s). "
                     "Check the disk or the network drive and try again."),
                   what, detail);
      return;
    case SQLITE_READONLY:
      code = ESS_STORE_ERROR_READ_ONLY;
      g_set_error (error, ESS_STORE_ERROR, code,
                   _("The database is open read-only, the change was not saved (%s)."), what);
      return;
    case SQLITE_NOTADB:
      code = ESS_STORE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_CORRUPT:
      /* Damaged while open (a disk fault, another program): stop there. */
      code = ESS_STORE_ERROR_CORRUPT;
      if (self != NULL)
        self->damaged = TRUE;
      g_set_error (error, ESS_STORE_ERROR, code,
                   _("The database is damaged (%s), the change was not saved (%s). Close "
                     "Instruction ESS and restore a backup: it will be offered at the next opening."),
                   detail, what);
      return;
    default:
      break;
    }

  g_set_error (error, ESS_STORE_ERROR, code, _("Database error while %s: %s"), what, detail);
}

void
ess_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
ess_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text ? text : "";
}

sqlite3_stmt *
ess_store_prepare (EssStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN, _("The database is closed."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ess_store_set_error (self, error, rc, _("preparing a query"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
ess_store_exec (EssStore    *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      switch (rc & 0xff)
        {
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_READONLY:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
          ess_store_set_error (self, error, rc, _("saving"));
          break;
        default:
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_SQL, _("Database error: %s"),
                       message ? message : sqlite3_errstr (rc));
          break;
        }
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gboolean
ess_store_step_done (EssStore     *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ess_store_set_error (self, error, rc, _("writing"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ess_store_begin (EssStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!ess_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
ess_store_commit (EssStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!ess_store_exec (self, "COMMIT", error))
    {
      ess_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

void
ess_store_rollback (EssStore *self)
{
  if (!self->in_transaction)
    return;

  /* Failure here means SQLite already rolled back on its own. */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
ess_store_begin_snapshot (EssStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  /* A deferred transaction takes its snapshot at its first read. */
  if (!ess_store_exec (self, "BEGIN DEFERRED", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

void
ess_store_end_snapshot (EssStore *self)
{
  g_return_if_fail (ESS_IS_STORE (self));

  /* Nothing was written: ending it either way releases the snapshot. */
  ess_store_rollback (self);
}

gint64
ess_store_count_rows (EssStore    *self,
                      const char  *table,
                      GError     **error)
{
  static const char * const counts[][2] = {
    { "communes", "SELECT count(*) FROM communes" },
    { "territories", "SELECT count(*) FROM territories" },
    { "schemes", "SELECT count(*) FROM schemes" },
    { "dossiers", "SELECT count(*) FROM dossiers WHERE deleted_at IS NULL" },
    { "applicants", "SELECT count(*) FROM applicants" },
    { "history", "SELECT count(*) FROM history" },
  };
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (g_str_equal (counts[i][0], table))
      stmt = ess_store_prepare (self, counts[i][1], error);

  if (stmt == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID, "unknown table %s", table);
      return -1;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    ess_store_set_error (self, error, sqlite3_errcode (self->db), _("counting rows"));
  sqlite3_reset (stmt);

  return n;
}

static int
query_int (EssStore    *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_OK)
    {
      ess_store_set_error (self, error, rc, _("reading the database"));
      return FALSE;
    }

  return TRUE;
}

/* quick_check prints "ok" or a list of problems. */
static gboolean
check_quick (EssStore  *self,
             GError   **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_problems = 0;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (rc != SQLITE_OK && ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB))
    {
      /* The schema itself cannot be read. */
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). It was not modified."),
                   self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      ess_store_set_error (self, error, rc, _("checking the database"));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* A row may hold several lines, under a heading "*** in database main ***". */
      g_auto(GStrv) lines = g_strsplit (ess_store_column_text (stmt, 0), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (lines[i][0] == '\0' || g_str_equal (lines[i], "ok") || g_str_has_prefix (lines[i], "***"))
            continue;
          if (n_problems == 0)
            g_string_append (problems, lines[i]);
          n_problems++;
        }
    }
  sqlite3_finalize (stmt);

  /* A file cut short or with damaged pages can stop the check itself. */
  if (rc != SQLITE_DONE && ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB))
    {
      if (n_problems == 0)
        g_string_append (problems, sqlite3_errstr (rc));
      n_problems++;
    }
  else if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("checking the database"));
      return FALSE;
    }

  if (n_problems > 0)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database “%s” is damaged: its check found %u problem (%s). "
                                "It was not modified.",
                                "The database “%s” is damaged: its check found %u problems, the "
                                "first: %s. It was not modified.",
                                n_problems),
                   self->path, n_problems, problems->str);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_migration (EssStore  *self,
                 int        version,
                 GError   **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/migrations/%s", migrations[version - 1]);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_resource_lookup_data (ess_get_resource (), path, 0, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_MIGRATION,
                   _("Migration to version %d is missing: %s"), version, local_error->message);
      return FALSE;
    }

  if (!ess_store_begin (self, error))
    return FALSE;

  if (!ess_store_exec (self, g_bytes_get_data (bytes, NULL), &local_error) ||
      !ess_store_exec (self, set_version, &local_error))
    {
      ess_store_rollback (self);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_MIGRATION,
                   _("Could not upgrade the database to version %d: %s. It was left at version %d."),
                   version, local_error->message, version - 1);
      return FALSE;
    }

  return ess_store_commit (self, error);
}

gboolean
ess_store_migrate (EssStore  *self,
                   GError   **error)
{
  int version = 0;

  if (!query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;

  /* A copy of the previous version first: a migration that goes wrong
   * in a way SQLite cannot roll back must still leave a way back. */
  if (version > 0 && version < ess_store_latest_version ())
    {
      g_autoptr(EssBackup) backup = NULL;
      g_autoptr(GError) local_error = NULL;

      backup = ess_store_backup (self, ESS_BACKUP_MIGRATION, &local_error);
      if (backup == NULL)
        {
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_MIGRATION,
                       _("The database “%s” needs an upgrade to version %d, but the backup "
                         "before the upgrade failed: %s It was not modified."),
                       self->path, ess_store_latest_version (), local_error->message);
          return FALSE;
        }
    }

  for (int v = version + 1; v <= ess_store_latest_version (); v++)
    if (!apply_migration (self, v, error))
      return FALSE;
  self->schema_version = ess_store_latest_version ();

  return TRUE;
}

/* Adds to a refusal of a damaged file where its most recent good backup is. */
static void
offer_backup (GError     **error,
              const char  *path)
{
  g_autoptr(EssBackup) good = NULL;
  g_autofree char *offer = NULL;
  char *message;

  if (error == NULL || *error == NULL)
    return;

  good = ess_store_find_good_backup (path);
  if (good != NULL)
    {
      g_autofree char *description = ess_backup_describe (good);
      offer = g_strdup_printf (_("The most recent good backup is “%s” (%s); restoring it "
                                 "keeps the damaged file aside."),
                               good->path, description);
    }
  else
    {
      g_autofree char *dir = ess_backup_dir (path);
      offer = g_strdup_printf (_("No good backup of it was found in “%s”."), dir);
    }

  message = g_strdup_printf ("%s %s", (*error)->message, offer);
  g_free ((*error)->message);
  (*error)->message = message;
}

/* Creates the file with mode 0600 before SQLite touches it: the database
 * holds personal data of applicants' contacts. */
gboolean
ess_store_create_private_file (const char  *path,
                               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot create the database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* The umask may have removed bits, never added any; make it exact. */
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

static gboolean
setup_connection (EssStore  *self,
                  GError   **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  if (self->read_only)
    return ess_store_exec (self, "PRAGMA foreign_keys = ON", error);

  return ess_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         ess_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         ess_store_exec (self, "PRAGMA synchronous = FULL", error);
}

EssStore *
ess_store_open (const char         *path,
                EssStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(EssStore) self = NULL;
  g_autoptr(GError) backup_error = NULL;
  gboolean exists;
  gboolean vouched = FALSE;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ESS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & ESS_STORE_OPEN_READ_ONLY) != 0;

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("“%s” is not a database file."), path);
      return NULL;
    }

  if (self->read_only && !exists)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }

  /* Before anything is created or read: a second writer stops here. */
  if (!self->read_only)
    {
      self->lock = ess_store_lock_acquire (path, error);
      if (self->lock == NULL)
        return NULL;
    }

  if (!exists && !ess_store_create_private_file (path, error))
    return NULL;

  /* Before SQLite opens the file, which makes a WAL beside it. */
  if (exists)
    {
      vouched = stamp_matches (path);
      if (!self->read_only)
        {
          g_autofree char *stamp_path = clean_stamp_path (path);
          g_unlink (stamp_path);
        }
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        (self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* Another program may be opening the file at the same moment (its WAL
   * being set up): wait for it, from the first read on. */
  sqlite3_busy_timeout (self->db, 5000);

  /* Read before writing anything: a file from elsewhere must stay as it is. */
  if (!query_int (self, "PRAGMA user_version", &version, NULL))
    {
      rc = sqlite3_errcode (self->db) & 0xff;
      if (rc == SQLITE_CORRUPT)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT,
                     _("The database “%s” is damaged (%s). It was not modified."),
                     path, sqlite3_errmsg (self->db));
      else if (rc == SQLITE_NOTADB)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE,
                     _("“%s” is not an Instruction ESS database (it is not an SQLite file). It was not modified."),
                     path);
      else
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                     _("Cannot read the database “%s”: %s. It was not modified."),
                     path, sqlite3_errmsg (self->db));
      offer_backup (error, path);
      return NULL;
    }

  if (version > ess_store_latest_version ())
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Instruction ESS "
                     "(schema %d, this version knows up to %d). It was not modified; "
                     "update the application to open it."),
                   path, version, ess_store_latest_version ());
      return NULL;
    }

  self->checked_on_open = exists && !vouched;
  if (self->checked_on_open && !check_quick (self, error))
    {
      offer_backup (error, path);
      return NULL;
    }

  if (self->read_only && version < ess_store_latest_version ())
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_MIGRATION,
                   _("The database “%s” is from an older version (schema %d) and must be "
                     "upgraded first: open it once in Instruction ESS."),
                   path, version);
      return NULL;
    }

  if (!setup_connection (self, error))
    return NULL;

  self->created = (version == 0);
  if (self->read_only)
    {
      self->schema_version = version;
      self->opened = TRUE;
      return g_steal_pointer (&self);
    }

  if (!ess_store_migrate (self, error))
    return NULL;

  if (self->created && !ess_store_seed_reference (self, error))
    return NULL;

  if (version < SCENARIOS_VERSION && !ess_store_seed_scenarios (self, error))
    return NULL;

  if (self->created)
    {

      if (flags & ESS_STORE_OPEN_DEMO_DATA)
        {
          g_autoptr(GBytes) demo = g_resource_lookup_data (ess_get_resource (),
                                                           RESOURCE_PREFIX "/data/demo-dossiers.ini",
                                                           0, error);
          if (demo == NULL || !ess_store_seed_demo (self, demo, error))
            return NULL;
        }
    }
  else if (!ess_store_backup_daily (self, &backup_error))
    {
      /* The data is fine and the user needs it: open, and say it. */
      self->backup_warning = g_strdup (backup_error->message);
      g_message ("%s", backup_error->message);
    }

  self->opened = TRUE;
  return g_steal_pointer (&self);
}

EssStore *
ess_store_open_reader (EssStore  *self,
                       GError   **error)
{
  g_autoptr(EssStore) reader = NULL;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  reader = g_object_new (ESS_TYPE_STORE, NULL);
  reader->path = g_strdup (self->path);
  reader->read_only = TRUE;
  reader->schema_version = self->schema_version;
  rc = sqlite3_open_v2 (self->path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), self->path,
                   reader->db ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));
      return NULL;
    }
  if (!setup_connection (reader, error))
    return NULL;

  return g_steal_pointer (&reader);
}
