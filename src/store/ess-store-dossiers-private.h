/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dossier files of the store share: history events and write endings. */
#pragma once

#include "ess-store-dossiers.h"
#include "ess-store-private.h"

G_BEGIN_DECLS

/* The timestamp SQL of every "at" and "updated_at" column. */
#define ESS_STORE_NOW_SQL "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Appends one history event; @dossier_id 0 writes a NULL dossier (an
 * event about an applicant, or a trace of a purged dossier). */
gboolean  ess_store_add_history      (EssStore    *self,
                                      gint64       dossier_id,
                                      const char  *action,
                                      const char  *field,
                                      const char  *old_value,
                                      const char  *new_value,
                                      const char  *comment,
                                      GError     **error);
/* Ends a write begun with ess_store_begin(): commits and emits "changed"
 * with @what when @ok, rolls back otherwise. Returns whether it committed. */
gboolean  ess_store_end_write        (EssStore    *self,
                                      gboolean     ok,
                                      const char  *what,
                                      GError     **error);
/* Sets NOT_FOUND unless dossier @id exists (in the trash or not). */
gboolean  ess_store_dossier_exists   (EssStore    *self,
                                      gint64       id,
                                      GError     **error);
/* A NULL-preserving copy of a text column. */
char     *ess_store_column_dup       (sqlite3_stmt *stmt,
                                      int           column);
/* Whether @text is an ISO date "YYYY-MM-DD" of the calendar. */
gboolean  ess_store_is_iso_date      (const char  *text);
/* Today's local date, ISO. */
char     *ess_store_today            (void);

/* The next free reference of @scheme and @year ("APT-2026-004"),
 * counting the rows written in the current transaction. */
char     *ess_store_next_reference   (EssStore    *self,
                                      const char  *scheme,
                                      int          year,
                                      GError     **error);
/* Checks, cleans and writes @applicant (inserted when its id is 0,
 * updated otherwise) with its first contact; the caller holds the
 * transaction. Returns its id, 0 and @error when refused. */
gint64    ess_store_write_applicant  (EssStore            *self,
                                      const EssApplicant  *applicant,
                                      GError             **error);

G_END_DECLS
