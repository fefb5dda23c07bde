/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Expected and achieved indicators of a dossier (label, target, result, unit). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-store-dossiers-private.h"
#include "ess-store-indicators.h"

/* One statement per column: the column name is never built into SQL. */
static const char * const update_sql[] = {
  [ESS_INDICATOR_LABEL] = "UPDATE indicators SET label = ?2 WHERE id = ?1 RETURNING dossier_id",
  [ESS_INDICATOR_TARGET] = "UPDATE indicators SET target = ?2 WHERE id = ?1 RETURNING dossier_id",
  [ESS_INDICATOR_RESULT] = "UPDATE indicators SET result = ?2 WHERE id = ?1 RETURNING dossier_id",
  [ESS_INDICATOR_UNIT] = "UPDATE indicators SET unit = ?2 WHERE id = ?1 RETURNING dossier_id",
};

void
ess_indicator_free (EssIndicator *indicator)
{
  if (indicator == NULL)
    return;
  g_free (indicator->label);
  g_free (indicator->target);
  g_free (indicator->result);
  g_free (indicator->unit);
  g_free (indicator);
}

GPtrArray *
ess_store_list_indicators (EssStore  *self,
                           gint64     dossier_id,
                           GError   **error)
{
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_indicator_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT id, label, target, result, unit FROM indicators "
                            "WHERE dossier_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssIndicator *indicator = g_new0 (EssIndicator, 1);
      indicator->id = sqlite3_column_int64 (stmt, 0);
      indicator->label = g_strdup (ess_store_column_text (stmt, 1));
      indicator->target = g_strdup (ess_store_column_text (stmt, 2));
      indicator->result = g_strdup (ess_store_column_text (stmt, 3));
      indicator->unit = g_strdup (ess_store_column_text (stmt, 4));
      g_ptr_array_add (indicators, indicator);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the indicators"));
      return NULL;
    }
  return g_steal_pointer (&indicators);
}

gint64
ess_store_add_indicator (EssStore  *self,
                         gint64     dossier_id,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id = 0;

  if (!ess_store_begin (self, error))
    return 0;

  ok = ess_store_dossier_exists (self, dossier_id, error);
  if (ok)
    {
      stmt = ess_store_prepare (self, "INSERT INTO indicators (dossier_id) VALUES (?1)", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, dossier_id);
          ok = ess_store_step_done (self, stmt, error);
          id = sqlite3_last_insert_rowid (ess_store_get_db (self));
        }
    }
  ok = ok && ess_store_add_history (self, dossier_id, "indicator", "indicators", NULL, NULL,
                                    _("Indicator added"), error);

  return ess_store_end_write (self, ok, "dossiers", error) ? id : 0;
}

gboolean
ess_store_set_indicator (EssStore            *self,
                         gint64               indicator_id,
                         EssIndicatorColumn   column,
                         const char          *text,
                         GError             **error)
{
  g_autofree char *value = g_strstrip (g_strdup (text ? text : ""));
  sqlite3_stmt *stmt;
  gint64 dossier_id = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (column <= ESS_INDICATOR_UNIT, FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  stmt = ess_store_prepare (self, update_sql[column], error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, indicator_id);
      ess_store_bind_text (stmt, 2, value);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        dossier_id = sqlite3_column_int64 (stmt, 0);
      else if (rc == SQLITE_DONE)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND, _("The indicator no longer exists."));
      else
        ess_store_set_error (self, error, rc, _("writing an indicator"));
      sqlite3_reset (stmt);
      ok = dossier_id != 0;
    }
  ok = ok && ess_store_add_history (self, dossier_id, "indicator", "indicators", NULL, value,
                                    _("Indicator edited"), error);

  return ess_store_end_write (self, ok, "dossiers", error);
}

gboolean
ess_store_delete_indicator (EssStore  *self,
                            gint64     indicator_id,
                            GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 dossier_id = 0;
  g_autofree char *label = NULL;
  gboolean ok;

  if (!ess_store_begin (self, error))
    return FALSE;

  stmt = ess_store_prepare (self, "DELETE FROM indicators WHERE id = ?1 RETURNING dossier_id, label", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, indicator_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          dossier_id = sqlite3_column_int64 (stmt, 0);
          label = g_strdup (ess_store_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (dossier_id == 0)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND, _("The indicator no longer exists."));
      ok = dossier_id != 0;
    }
  ok = ok && ess_store_add_history (self, dossier_id, "indicator", "indicators", label, NULL,
                                    _("Indicator deleted"), error);

  return ess_store_end_write (self, ok, "dossiers", error);
}
