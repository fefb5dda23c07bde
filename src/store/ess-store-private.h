/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the store layer share: the connection and helpers. */
#pragma once

#include <sqlite3.h>

#include "ess-store.h"

G_BEGIN_DECLS

sqlite3      *ess_store_get_db        (EssStore    *self);

/* Cached prepared statement for @sql, reset and with bindings cleared. */
sqlite3_stmt *ess_store_prepare       (EssStore    *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      ess_store_begin         (EssStore    *self,
                                       GError     **error);
gboolean      ess_store_commit        (EssStore    *self,
                                       GError     **error);
void          ess_store_rollback      (EssStore    *self);
gboolean      ess_store_in_transaction (EssStore   *self);
/* Applies the migrations from the file's user_version to the latest,
 * after a backup (ESS_BACKUP_MIGRATION) when the file has data. */
gboolean      ess_store_migrate       (EssStore    *self,
                                       GError     **error);
/* Creates an empty file of mode 0600 (and its folder, 0700). */
gboolean      ess_store_create_private_file (const char  *path,
                                             GError     **error);
/* Forgets the cached statements (the schema was replaced by a restore). */
void          ess_store_clear_statements (EssStore *self);
gboolean      ess_store_exec          (EssStore    *self,
                                       const char  *sql,
                                       GError     **error);
/* Steps @stmt to completion (an INSERT, UPDATE or DELETE). */
gboolean      ess_store_step_done     (EssStore     *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
void          ess_store_set_error     (EssStore    *self,
                                       GError     **error,
                                       int          rc,
                                       const char  *what);
void          ess_store_emit_changed  (EssStore    *self,
                                       const char  *what);

void          ess_store_bind_text     (sqlite3_stmt *stmt,
                                       int           index,
                                       const char   *text);
const char   *ess_store_column_text   (sqlite3_stmt *stmt,
                                       int           column);

gboolean      ess_store_seed_reference (EssStore   *self,
                                        GError    **error);
gboolean      ess_store_seed_scenarios (EssStore   *self,
                                        GError    **error);
gboolean      ess_store_seed_demo      (EssStore   *self,
                                        GBytes     *keyfile_data,
                                        GError    **error);

G_END_DECLS
