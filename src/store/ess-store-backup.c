/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of the database: writing, checking, rotating, listing and restoring them. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ess-backup-rotation.h"
#include "ess-store-backup.h"
#include "ess-store-lock.h"
#include "ess-store-private.h"

static const char * const reason_ids[] = {
  [ESS_BACKUP_DAILY] = "daily",
  [ESS_BACKUP_MANUAL] = "manual",
  [ESS_BACKUP_IMPORT] = "import",
  [ESS_BACKUP_MIGRATION] = "migration",
  [ESS_BACKUP_RESTORE] = "restore",
};

static const char * const reason_labels[] = {
  [ESS_BACKUP_DAILY] = N_("daily backup"),
  [ESS_BACKUP_MANUAL] = N_("made by hand"),
  [ESS_BACKUP_IMPORT] = N_("before an import"),
  [ESS_BACKUP_MIGRATION] = N_("before an upgrade"),
  [ESS_BACKUP_RESTORE] = N_("before a restore"),
};

/* A .part file older than this is what a killed backup left behind. */
#define STALE_PART_SECONDS 60

const char *
ess_backup_reason_label (EssBackupReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_labels), "");
  return _(reason_labels[reason]);
}

void
ess_backup_free (EssBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup);
}

EssBackup *
ess_backup_copy (const EssBackup *backup)
{
  EssBackup *copy = g_new0 (EssBackup, 1);

  copy->path = g_strdup (backup->path);
  copy->time = g_date_time_ref (backup->time);
  copy->size = backup->size;
  copy->reason = backup->reason;
  return copy;
}

char *
ess_backup_describe (const EssBackup *backup)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (backup->time);
  g_autofree char *when = g_date_time_format (local, "%d/%m/%Y %H:%M");
  g_autofree char *size = g_format_size ((guint64) backup->size);

  /* TRANSLATORS: a backup: its date, why it was made, its size. */
  return g_strdup_printf (_("%s, %s, %s"), when, ess_backup_reason_label (backup->reason), size);
}

char *
ess_backup_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

/* "instruction-ess.db" -> "instruction-ess". */
static char *
database_stem (const char *db_path)
{
  char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return base;
}

/* Parses "STEM-YYYYMMDD-HHMMSS-mmm-REASON.db"; NULL for any other name. */
static EssBackup *
parse_name (const char *dir,
            const char *stem,
            const char *name)
{
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  g_autofree char *rest = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute, second, ms;
  EssBackup *backup;
  int reason = -1;

  if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".db"))
    return NULL;
  rest = g_strndup (name + strlen (prefix), strlen (name) - strlen (prefix) - 3);
  parts = g_strsplit (rest, "-", -1);
  if (g_strv_length (parts) != 4 || strlen (parts[0]) != 8 || strlen (parts[1]) != 6 ||
      strlen (parts[2]) != 3)
    return NULL;
  for (guint i = 0; i < 3; i++)
    for (const char *c = parts[i]; *c; c++)
      if (!g_ascii_isdigit (*c))
        return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (reason_ids); i++)
    if (g_str_equal (parts[3], reason_ids[i]))
      reason = (int) i;
  if (reason < 0)
    return NULL;

  if (sscanf (parts[0], "%4d%2d%2d", &year, &month, &day) != 3 ||
      sscanf (parts[1], "%2d%2d%2d", &hour, &minute, &second) != 3 ||
      sscanf (parts[2], "%3d", &ms) != 1)
    return NULL;
  time = g_date_time_new_utc (year, month, day, hour, minute, second + ms / 1000.0);
  if (time == NULL)
    return NULL;

  backup = g_new0 (EssBackup, 1);
  backup->path = g_build_filename (dir, name, NULL);
  backup->time = g_steal_pointer (&time);
  backup->reason = (EssBackupReason) reason;
  return backup;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const EssBackup *x = *(EssBackup * const *) a;
  const EssBackup *y = *(EssBackup * const *) b;
  int order = g_date_time_compare (y->time, x->time);

  return order != 0 ? order : g_strcmp0 (y->path, x->path);
}

GPtrArray *
ess_store_list_backups (const char  *db_path,
                        GError     **error)
{
  g_autofree char *dir_path = ess_backup_dir (db_path);
  g_autofree char *stem = database_stem (db_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_backup_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("Cannot read the backups folder “%s”: %s"), dir_path, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      EssBackup *backup = parse_name (dir_path, stem, name);
      GStatBuf st;

      if (backup == NULL)
        continue;
      if (g_lstat (backup->path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          ess_backup_free (backup);
          continue;
        }
      backup->size = st.st_size;
      g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

static gboolean
check_pragma_rows (sqlite3     *db,
                   const char  *pragma,
                   gboolean     ok_row,
                   GString     *problems)
{
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      g_string_append (problems, sqlite3_errmsg (db));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      if (ok_row && g_strcmp0 (first, "ok") == 0)
        continue;
      if (problems->len < 300)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "",
                                ok_row ? first : _("a reference to a missing row"));
    }
  if (rc != SQLITE_DONE)
    g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return problems->len == 0;
}

gboolean
ess_backup_verify (const char  *path,
                   int         *schema_version,
                   GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("The backup “%s” does not exist."), path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version <= 0)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("“%s” is not a backup of an Instruction ESS database."), path);
      sqlite3_close (db);
      return FALSE;
    }
  if (version > ess_store_latest_version ())
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_TOO_NEW,
                   _("The backup “%s” was written by a newer version of Instruction ESS "
                     "(schema %d, this version knows up to %d)."),
                   path, version, ess_store_latest_version ());
      sqlite3_close (db);
      return FALSE;
    }

  if (!check_pragma_rows (db, "PRAGMA integrity_check", TRUE, problems) ||
      !check_pragma_rows (db, "PRAGMA foreign_key_check", FALSE, problems))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("The backup “%s” is damaged (%s)."), path, problems->str);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_close (db);
  if (schema_version != NULL)
    *schema_version = version;
  return TRUE;
}

EssBackup *
ess_store_find_good_backup (const char *db_path)
{
  g_autoptr(GPtrArray) backups = ess_store_list_backups (db_path, NULL);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      EssBackup *backup = g_ptr_array_index (backups, i);

      if (ess_backup_verify (backup->path, NULL, NULL))
        return ess_backup_copy (backup);
    }
  return NULL;
}

static void
remove_stale_parts (const char *dir_path,
                    const char *stem)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".db.part"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) == 0 && now - st.st_mtime > STALE_PART_SECONDS)
        g_unlink (path);
    }
}

/* @protect (may be NULL) is never removed: the backup being restored. */
static void
rotate (const char *db_path,
        const char *protect)
{
  g_autoptr(GPtrArray) backups = ess_store_list_backups (db_path, NULL);
  g_autofree GDateTime **times = NULL;
  g_autofree gboolean *keep = NULL;

  if (backups == NULL || backups->len == 0)
    return;

  times = g_new (GDateTime *, backups->len);
  for (guint i = 0; i < backups->len; i++)
    times[i] = ((EssBackup *) g_ptr_array_index (backups, i))->time;

  keep = ess_backup_rotation_keep ((GDateTime * const *) times, backups->len,
                                   ESS_BACKUP_KEEP_RECENT, ESS_BACKUP_KEEP_DAILY,
                                   ESS_BACKUP_KEEP_WEEKLY);
  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = ((EssBackup *) g_ptr_array_index (backups, i))->path;

      if (!keep[i] && g_strcmp0 (path, protect) != 0)
        g_unlink (path);
    }
}

static gboolean
sync_path (const char *path,
           gboolean    directory)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* An empty file of mode 0600 that no other backup has the name of. */
static char *
new_backup_file (const char       *dir,
                 const char       *stem,
                 EssBackupReason   reason,
                 char            **part_path,
                 GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (int attempt = 0; attempt < 1000; attempt++)
    {
      g_autoptr(GDateTime) at = g_date_time_add (now, attempt * 1000);
      g_autofree char *stamp = g_date_time_format (at, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("%s-%s-%03d-%s.db", stem, stamp,
                                               g_date_time_get_microsecond (at) / 1000,
                                               reason_ids[reason]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      int fd;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      fd = g_open (part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0 && errno == EEXIST)
        continue;
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, ESS_STORE_ERROR,
                       saved == ENOSPC ? ESS_STORE_ERROR_FULL : ESS_STORE_ERROR_BACKUP,
                       _("Cannot create a backup in “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
      fchmod (fd, 0600);
      close (fd);
      *part_path = g_steal_pointer (&part);
      return g_steal_pointer (&path);
    }

  g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
               _("Cannot create a backup in “%s”: too many backups at the same moment."), dir);
  return NULL;
}

static EssBackup *
backup_protecting (EssStore         *self,
                   EssBackupReason   reason,
                   const char       *protect,
                   GError          **error)
{
  const char *db_path = ess_store_get_path (self);
  g_autofree char *dir = ess_backup_dir (db_path);
  g_autofree char *stem = database_stem (db_path);
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db = ess_store_get_db (self);
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_ids), NULL);

  if (db == NULL || ess_store_in_transaction (self))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("A backup cannot be made in the middle of a change."));
      return NULL;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("Cannot create the backups folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  remove_stale_parts (dir, stem);

  path = new_backup_file (dir, stem, reason, &part, error);
  if (path == NULL)
    return NULL;

  /* VACUUM INTO reads one snapshot: a consistent copy while others write. */
  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, part, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      else
        rc = sqlite3_errcode (db);
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL,
                     _("The disk is full: the backup could not be written in “%s”. "
                       "Free some space and try again."), dir);
      else
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                     _("The backup could not be written in “%s”: %s"), dir, sqlite3_errmsg (db));
      g_unlink (part);
      return NULL;
    }

  if (!ess_backup_verify (part, NULL, &local_error))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("The backup just written does not check, it was deleted: %s"),
                   local_error->message);
      g_unlink (part);
      return NULL;
    }

  /* On disk before it gets its name: a listed backup is complete. */
  if (!sync_path (part, FALSE) || g_rename (part, path) != 0)
    {
      int saved = errno;
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("The backup could not be written in “%s”: %s"), dir, g_strerror (saved));
      g_unlink (part);
      return NULL;
    }
  sync_path (dir, TRUE);

  rotate (db_path, protect);

  backups = ess_store_list_backups (db_path, NULL);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      EssBackup *backup = g_ptr_array_index (backups, i);
      if (g_str_equal (backup->path, path))
        return ess_backup_copy (backup);
    }

  g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
               _("The backup “%s” disappeared as soon as it was written."), path);
  return NULL;
}

EssBackup *
ess_store_backup (EssStore         *self,
                  EssBackupReason   reason,
                  GError          **error)
{
  return backup_protecting (self, reason, NULL, error);
}

EssBackup *
ess_store_backup_before_import (EssStore  *self,
                                GError   **error)
{
  return ess_store_backup (self, ESS_BACKUP_IMPORT, error);
}

gboolean
ess_store_backup_daily (EssStore  *self,
                        GError   **error)
{
  g_autoptr(GPtrArray) backups = ess_store_list_backups (ess_store_get_path (self), error);
  g_autoptr(EssBackup) backup = NULL;

  if (backups == NULL)
    return FALSE;

  if (backups->len > 0)
    {
      EssBackup *newest = g_ptr_array_index (backups, 0);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) then = g_date_time_to_local (newest->time);

      if (g_date_time_get_year (now) == g_date_time_get_year (then) &&
          g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (then))
        return TRUE;
    }

  backup = ess_store_backup (self, ESS_BACKUP_DAILY, error);
  return backup != NULL;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copies the database @source_path into the connection @dest, in one
 * transaction of the destination. */
static gboolean
copy_into (sqlite3     *dest,
           const char  *source_path,
           GError     **error)
{
  sqlite3 *source = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (source_path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);

  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_FULL,
                     _("The disk is full: the backup could not be restored. Free some space and try again."));
      else
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                     _("The backup “%s” could not be restored: %s"), source_path, sqlite3_errstr (rc));
    }
  sqlite3_close (source);
  return rc == SQLITE_OK;
}

gboolean
ess_store_restore (EssStore    *self,
                   const char  *backup_path,
                   EssBackup  **saved,
                   GError     **error)
{
  g_autoptr(EssBackup) current = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (ess_store_get_read_only (self))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_READ_ONLY,
                   _("The database is open read-only: nothing can be restored into it."));
      return FALSE;
    }
  if (same_file (backup_path, ess_store_get_path (self)))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("“%s” is the database itself, not a backup of it."), backup_path);
      return FALSE;
    }
  if (!ess_backup_verify (backup_path, NULL, error))
    return FALSE;

  current = backup_protecting (self, ESS_BACKUP_RESTORE, backup_path, &local_error);
  if (current == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The current database could not be backed up, so nothing was restored: %s"),
                   local_error->message);
      return FALSE;
    }

  /* Another program may have removed it meanwhile. */
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("The backup “%s” does not exist."), backup_path);
      return FALSE;
    }

  ess_store_clear_statements (self);
  if (!copy_into (ess_store_get_db (self), backup_path, error))
    return FALSE;

  /* A backup of an older version is upgraded like the file would be. */
  if (!ess_store_migrate (self, error))
    return FALSE;

  ess_store_emit_changed (self, "reference");
  ess_store_emit_changed (self, "views");
  ess_store_emit_changed (self, "dossiers");

  if (saved != NULL)
    *saved = g_steal_pointer (&current);
  return TRUE;
}

/* Moves @path, and its -wal and -shm when they exist, to @kept (+ the
 * same suffixes). */
static gboolean
move_aside (const char  *path,
            const char  *kept,
            GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (kept, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved = errno;
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                       _("Cannot move the damaged database “%s” aside: %s"), from, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ess_store_restore_file (const char  *db_path,
                        const char  *backup_path,
                        char       **kept_path,
                        GError     **error)
{
  g_autoptr(EssStoreLock) lock = NULL;
  g_autofree char *dir = ess_backup_dir (db_path);
  g_autofree char *kept = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && same_file (backup_path, db_path))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                   _("“%s” is the database itself, not a backup of it."), backup_path);
      return FALSE;
    }
  if (!ess_backup_verify (backup_path, NULL, error))
    return FALSE;

  lock = ess_store_lock_acquire (db_path, error);
  if (lock == NULL)
    return FALSE;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *stem = database_stem (db_path);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("%s-%s-%03d.damaged", stem, stamp,
                                               g_date_time_get_microsecond (now) / 1000);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                       _("Cannot create the backups folder “%s”: %s"), dir, g_strerror (saved));
          return FALSE;
        }
      kept = g_build_filename (dir, name, NULL);
      if (!move_aside (db_path, kept, error))
        return FALSE;
    }

  if (!ess_store_create_private_file (db_path, error))
    return FALSE;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  ok = copy_into (db, backup_path, error) &&
       sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_BACKUP,
                 _("The backup “%s” could not be restored: %s"), backup_path, sqlite3_errmsg (db));
  sqlite3_close (db);

  if (ok && kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return ok;
}
