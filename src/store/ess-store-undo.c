/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Putting back what the last batch change did, with a trace in the history. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-store-private.h"
#include "ess-store-undo.h"

static gboolean
revert_one (EssStore   *self,
            gint64      id,
            EssStatus   status,
            GError    **error)
{
  sqlite3_stmt *stmt;
  EssStatus current = ESS_STATUS_SUBMITTED;
  gboolean found = FALSE;

  stmt = ess_store_prepare (self, "SELECT status FROM dossiers WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = ess_status_from_id (ess_store_column_text (stmt, 0), &current);
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND, _("The dossier no longer exists."));
      return FALSE;
    }
  if (current == status)
    return TRUE;

  stmt = ess_store_prepare (self,
                            "UPDATE dossiers SET status = ?2, "
                            "updated_at = strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ess_store_bind_text (stmt, 2, ess_status_to_id (status));
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "INSERT INTO history (dossier_id, author, action, field, old_value, new_value, comment) "
                            "VALUES (?1, ?2, 'status', 'status', ?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ess_store_bind_text (stmt, 2, ess_store_get_author (self));
  ess_store_bind_text (stmt, 3, ess_status_label (current));
  ess_store_bind_text (stmt, 4, ess_status_label (status));
  ess_store_bind_text (stmt, 5, _("Change undone"));
  return ess_store_step_done (self, stmt, error);
}

gboolean
ess_store_revert_statuses (EssStore         *self,
                           const gint64     *ids,
                           const EssStatus  *statuses,
                           guint             n_ids,
                           GError          **error)
{
  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    if (!revert_one (self, ids[i], statuses[i], error))
      {
        ess_store_rollback (self);
        return FALSE;
      }

  if (!ess_store_commit (self, error))
    return FALSE;

  ess_store_emit_changed (self, "dossiers");
  return TRUE;
}
