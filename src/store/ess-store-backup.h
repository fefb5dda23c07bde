/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of the database: writing, checking, rotating, listing and restoring them. */
#pragma once

#include <gio/gio.h>

#include "ess-store.h"

G_BEGIN_DECLS

/* Why a backup was made; part of its file name. */
typedef enum
{
  ESS_BACKUP_DAILY,       /* the first opening of a day */
  ESS_BACKUP_MANUAL,      /* "Back Up Now", `backup` */
  ESS_BACKUP_IMPORT,      /* before an import */
  ESS_BACKUP_MIGRATION,   /* before the schema is upgraded */
  ESS_BACKUP_RESTORE,     /* the current file, before a restore replaces it */
} EssBackupReason;

typedef struct
{
  char            *path;
  GDateTime       *time;     /* when it was made, UTC */
  gint64           size;     /* bytes */
  EssBackupReason  reason;
} EssBackup;

/* Backups of "DIR/NAME.db" are "DIR/backups/NAME-YYYYMMDD-HHMMSS-mmm-REASON.db"
 * (UTC), mode 0600 in a 0700 folder. Each one is a whole database in one
 * file (VACUUM INTO: a consistent snapshot, even while the program
 * writes), checked with integrity_check and foreign_key_check before it
 * gets its name: a backup that is listed is complete. After each backup
 * the folder is rotated (ess-backup-rotation.h: the 5 newest, the newest
 * of each of the last 7 days and of the 4 weeks before). */
char            *ess_backup_dir                (const char       *db_path);
const char      *ess_backup_reason_label       (EssBackupReason   reason);
void             ess_backup_free               (EssBackup        *backup);
EssBackup       *ess_backup_copy               (const EssBackup  *backup);
/* "23/11/2026 10:55, before an import, 1,2 Mo" for choosers and messages. */
char            *ess_backup_describe           (const EssBackup  *backup);

/* The backups of @db_path, newest first (an empty array when none). */
GPtrArray       *ess_store_list_backups        (const char       *db_path,
                                                GError          **error);

/* Writes a backup of the open database now, checks it and rotates the
 * folder. Fails (ESS_STORE_ERROR_BACKUP or ESS_STORE_ERROR_FULL, nothing
 * left behind) inside a transaction or when the copy does not check. */
EssBackup       *ess_store_backup              (EssStore         *self,
                                                EssBackupReason   reason,
                                                GError          **error);

/* The hook of importers: call it before the transaction of an import.
 * A backup with reason ESS_BACKUP_IMPORT; when it fails, do not import
 * (the error says why: disk full, folder not writable, ...). */
EssBackup       *ess_store_backup_before_import (EssStore        *self,
                                                 GError         **error);

/* A daily backup if none was made today (local time); FALSE and @error
 * when one was due and could not be written. */
gboolean         ess_store_backup_daily        (EssStore         *self,
                                                GError          **error);

/* Opens @path read-only and runs integrity_check and foreign_key_check;
 * @schema_version (may be NULL) gets its user_version. Refuses a file
 * that is not a database, is damaged or comes from a newer version. */
gboolean         ess_backup_verify             (const char       *path,
                                                int              *schema_version,
                                                GError          **error);

/* The newest backup of @db_path that passes ess_backup_verify(), or NULL. */
EssBackup       *ess_store_find_good_backup    (const char       *db_path);

/* Replaces the contents of the open database with @backup_path (SQLite's
 * backup API: one transaction, other connections see it at once), after
 * verifying it and backing up the current contents (returned in
 * @saved, may be NULL). Upgrades a backup of an older schema. Emits
 * EssStore::changed for everything. Nothing is changed on failure. */
gboolean         ess_store_restore             (EssStore         *self,
                                                const char       *backup_path,
                                                EssBackup       **saved,
                                                GError          **error);

/* For a database that cannot be opened (damaged, not a database, or
 * missing): takes its lock, moves the file (and its -wal and -shm) into
 * the backups folder as "….damaged" (@kept_path, may be NULL: NULL when
 * there was no file), then writes @backup_path in its place (mode 0600).
 * The caller then opens it with ess_store_open(). */
gboolean         ess_store_restore_file        (const char       *db_path,
                                                const char       *backup_path,
                                                char            **kept_path,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssBackup, ess_backup_free)

G_END_DECLS
