/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQLite database of the application: opening, migrating, seeding. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ESS_STORE_ERROR (ess_store_error_quark ())

typedef enum
{
  ESS_STORE_ERROR_OPEN,
  ESS_STORE_ERROR_NOT_A_DATABASE,
  ESS_STORE_ERROR_CORRUPT,
  ESS_STORE_ERROR_TOO_NEW,
  ESS_STORE_ERROR_MIGRATION,
  ESS_STORE_ERROR_REFERENCE_DATA,
  ESS_STORE_ERROR_SQL,
  ESS_STORE_ERROR_CONSTRAINT,
  ESS_STORE_ERROR_FULL,
  ESS_STORE_ERROR_BUSY,
  ESS_STORE_ERROR_NOT_FOUND,
  ESS_STORE_ERROR_INVALID,
  /* Another program has the database open for writing (ess-store-lock.h). */
  ESS_STORE_ERROR_LOCKED,
  /* A backup could not be written, checked or restored. */
  ESS_STORE_ERROR_BACKUP,
  /* The disk could not be read or written (not a full disk). */
  ESS_STORE_ERROR_IO,
  /* A write to a database opened read-only. */
  ESS_STORE_ERROR_READ_ONLY,
} EssStoreError;

typedef enum
{
  ESS_STORE_OPEN_DEFAULT   = 0,
  /* Fill a newly created database with the demo dossiers. */
  ESS_STORE_OPEN_DEMO_DATA = 1 << 0,
  /* Read only: no lock, no migration, no backup; any write fails with
   * ESS_STORE_ERROR_READ_ONLY. For reading a database that another
   * program has open (the `list` and `backup` commands). */
  ESS_STORE_OPEN_READ_ONLY = 1 << 1,
} EssStoreOpenFlags;

#define ESS_TYPE_STORE (ess_store_get_type ())
G_DECLARE_FINAL_TYPE (EssStore, ess_store, ESS, STORE, GObject)

GQuark      ess_store_error_quark          (void);
int         ess_store_latest_version       (void);
char       *ess_store_default_path         (void);

/* Opens (or creates, mode 0600) the database at @path for writing: takes
 * its lock (ESS_STORE_ERROR_LOCKED when another program has it), refuses
 * without writing a file that is not a database (NOT_A_DATABASE), fails
 * quick_check (CORRUPT: the message names the most recent good backup,
 * ess_store_find_good_backup()) or comes from a newer version (TOO_NEW);
 * backs up before migrating (refused if that backup fails), migrates, and
 * makes the daily backup (a failure of that one does not stop the
 * opening: see ess_store_get_backup_warning()). */
EssStore   *ess_store_open                 (const char         *path,
                                            EssStoreOpenFlags   flags,
                                            GError            **error);
const char *ess_store_get_path             (EssStore           *self);
gboolean    ess_store_get_created          (EssStore           *self);
int         ess_store_get_schema_version   (EssStore           *self);
void        ess_store_set_author           (EssStore           *self,
                                            const char         *author);
const char *ess_store_get_author           (EssStore           *self);
gboolean    ess_store_get_read_only        (EssStore           *self);
/* Whether opening ran PRAGMA quick_check: FALSE when the stamp of a clean
 * close (beside the file, "PATH.clean") still matched the file. */
gboolean    ess_store_get_checked_on_open  (EssStore           *self);
/* Why the daily backup at opening failed, or NULL. */
const char *ess_store_get_backup_warning   (EssStore           *self);
void        ess_store_close                (EssStore           *self);
/* A second, read-only connection to the database of @self, which this
 * process has open, locked and checked: no check again. For long reads
 * in another thread (a store is used by one thread at a time). */
EssStore   *ess_store_open_reader          (EssStore           *self,
                                            GError            **error);

/* Between these two, every read sees the database as it was at the
 * first one, whatever other programs write meanwhile, and reads no lock
 * again: for long reads such as an export. No write may happen between
 * them. */
gboolean    ess_store_begin_snapshot       (EssStore           *self,
                                            GError            **error);
void        ess_store_end_snapshot         (EssStore           *self);

/* Counts used by checks and tests; -1 and @error on failure. */
gint64      ess_store_count_rows           (EssStore           *self,
                                            const char         *table,
                                            GError            **error);

G_END_DECLS
