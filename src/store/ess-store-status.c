/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Moving dossiers: status changes, trash, purge, and their history. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-dossier.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"

/* Status. */

static const char *
status_update_sql (EssStatus to)
{
  switch (to)
    {
    case ESS_STATUS_GRANTED:
    case ESS_STATUS_REFUSED:
    case ESS_STATUS_WITHDRAWN:
      return "UPDATE dossiers SET status = ?2, decided_on = ?3, updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?1";
    case ESS_STATUS_AGREEMENT_SIGNED:
      return "UPDATE dossiers SET status = ?2, agreement_on = ?3, updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?1";
    case ESS_STATUS_SUBMITTED:
    case ESS_STATUS_INCOMPLETE:
    case ESS_STATUS_ADMISSIBLE:
    case ESS_STATUS_IN_REVIEW:
    case ESS_STATUS_OPINION_GIVEN:
    case ESS_STATUS_POSTPONED:
    case ESS_STATUS_CLOSED:
    case ESS_N_STATUSES:
    default:
      return "UPDATE dossiers SET status = ?2, updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?1";
    }
}

static gboolean
move_one (EssStore    *self,
          gint64       id,
          EssStatus    to,
          const char  *date,
          const char  *comment,
          GError     **error)
{
  g_autoptr(EssDossier) dossier = ess_store_load_dossier (self, id, error);
  sqlite3_stmt *stmt;

  if (dossier == NULL)
    return FALSE;

  if (dossier->deleted_at != NULL)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("Dossier %s is in the trash: restore it before changing its status."),
                   dossier->reference);
      return FALSE;
    }

  if (!ess_status_can_transition (dossier->status, to))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("Dossier %s cannot go from “%s” to “%s”."),
                   dossier->reference, ess_status_label (dossier->status), ess_status_label (to));
      return FALSE;
    }

  stmt = ess_store_prepare (self, status_update_sql (to), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ess_store_bind_text (stmt, 2, ess_status_to_id (to));
  /* Only decisions and agreements record their date. */
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    ess_store_bind_text (stmt, 3, date);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  return ess_store_add_history (self, id, "status", "status",
                                ess_status_label (dossier->status), ess_status_label (to),
                                comment, error);
}

gboolean
ess_store_change_status (EssStore       *self,
                         const gint64   *ids,
                         guint           n_ids,
                         EssStatus       to,
                         const char     *date,
                         const char     *comment,
                         GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *reason = g_strstrip (g_strdup (comment ? comment : ""));
  g_autofree char *today = ess_store_today ();
  gboolean ok = TRUE;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if ((guint) to >= ESS_N_STATUSES)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID, _("Unknown status."));
      return FALSE;
    }

  if (ess_status_requires_reason (to) && reason[0] == '\0')
    {
      g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED,
                   _("Moving a dossier to “%s” needs a reason."), ess_status_label (to));
      return FALSE;
    }

  if (date == NULL || date[0] == '\0')
    date = today;
  else if (!ess_store_is_iso_date (date))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("“%s” is not a date."), date);
      return FALSE;
    }

  if (n_ids == 0)
    return TRUE;

  if (!ess_store_begin (self, error))
    return FALSE;

  for (guint i = 0; ok && i < n_ids; i++)
    {
      if (g_hash_table_contains (seen, &ids[i]))
        continue;
      g_hash_table_add (seen, (gpointer) &ids[i]);
      ok = move_one (self, ids[i], to, date, reason, error);
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* Trash. */

static gboolean
set_deleted (EssStore      *self,
             const gint64  *ids,
             guint          n_ids,
             gboolean       deleted,
             GError       **error)
{
  const char *sql = deleted
    ? "UPDATE dossiers SET deleted_at = " ESS_STORE_NOW_SQL ", updated_at = " ESS_STORE_NOW_SQL
      " WHERE id = ?1 AND deleted_at IS NULL"
    : "UPDATE dossiers SET deleted_at = NULL, updated_at = " ESS_STORE_NOW_SQL
      " WHERE id = ?1 AND deleted_at IS NOT NULL";
  gboolean ok = TRUE;

  if (n_ids == 0)
    return TRUE;

  if (!ess_store_begin (self, error))
    return FALSE;

  for (guint i = 0; ok && i < n_ids; i++)
    {
      sqlite3_stmt *stmt;

      ok = ess_store_dossier_exists (self, ids[i], error);
      if (!ok)
        break;

      stmt = ess_store_prepare (self, sql, error);
      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      ok = ess_store_step_done (self, stmt, error);

      /* Already where it should be: nothing to write. */
      if (ok && sqlite3_changes (ess_store_get_db (self)) > 0)
        ok = ess_store_add_history (self, ids[i], deleted ? "deleted" : "restored",
                                    NULL, NULL, NULL, NULL, error);
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}

gboolean
ess_store_trash_dossiers (EssStore      *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  return set_deleted (self, ids, n_ids, TRUE, error);
}

gboolean
ess_store_restore_dossiers (EssStore      *self,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  return set_deleted (self, ids, n_ids, FALSE, error);
}

/* The history rows of a purged dossier lose their link (ON DELETE SET
 * NULL); the "purged" event keeps its reference and title. */
gboolean
ess_store_empty_trash (EssStore  *self,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "INSERT INTO history (dossier_id, at, author, action, old_value, comment) "
                            "SELECT id, " ESS_STORE_NOW_SQL ", ?1, 'purged', title, reference "
                            "FROM dossiers WHERE deleted_at IS NOT NULL",
                            error);
  ok = stmt != NULL;
  if (ok)
    {
      ess_store_bind_text (stmt, 1, ess_store_get_author (self));
      ok = ess_store_step_done (self, stmt, error);
    }

  if (ok)
    {
      stmt = ess_store_prepare (self, "DELETE FROM dossiers WHERE deleted_at IS NOT NULL", error);
      ok = stmt != NULL && ess_store_step_done (self, stmt, error);
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* History. */

void
ess_history_event_free (EssHistoryEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->at);
  g_free (event->author);
  g_free (event->action);
  g_free (event->field);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event->comment);
  g_free (event);
}

GPtrArray *
ess_store_list_history (EssStore    *self,
                        gint64       dossier_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_history_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self,
                            "SELECT id, at, author, action, field, old_value, new_value, comment "
                            "FROM history WHERE dossier_id = ?1 ORDER BY id DESC",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssHistoryEvent *event = g_new0 (EssHistoryEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = g_strdup (ess_store_column_text (stmt, 1));
      event->author = g_strdup (ess_store_column_text (stmt, 2));
      event->action = g_strdup (ess_store_column_text (stmt, 3));
      event->field = ess_store_column_dup (stmt, 4);
      event->old_value = ess_store_column_dup (stmt, 5);
      event->new_value = ess_store_column_dup (stmt, 6);
      event->comment = g_strdup (ess_store_column_text (stmt, 7));
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the history"));
      return NULL;
    }

  return g_steal_pointer (&events);
}
