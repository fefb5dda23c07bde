/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What printed documents read besides the dossiers: volet names and committee sessions. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-store-private.h"
#include "ess-store-report.h"

GHashTable *
ess_store_volet_names (EssStore  *self,
                       GError   **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT scheme_code, number, label FROM scheme_volets", error);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names,
                         g_strdup_printf ("%s/%d", ess_store_column_text (stmt, 0), sqlite3_column_int (stmt, 1)),
                         g_strdup (ess_store_column_text (stmt, 2)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the volets"));
      return NULL;
    }

  return g_steal_pointer (&names);
}

void
ess_committee_session_free (EssCommitteeSession *session)
{
  if (session == NULL)
    return;
  g_free (session->date);
  g_free (session);
}

GPtrArray *
ess_store_list_committee_sessions (EssStore  *self,
                                   GError   **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self,
                                          "SELECT committee_on, count(*) FROM dossiers "
                                          "WHERE deleted_at IS NULL AND committee_on IS NOT NULL "
                                          "AND committee_on != '' "
                                          "GROUP BY committee_on ORDER BY committee_on DESC",
                                          error);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_committee_session_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssCommitteeSession *session = g_new0 (EssCommitteeSession, 1);

      session->date = g_strdup (ess_store_column_text (stmt, 0));
      session->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (sessions, session);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the committee sessions"));
      return NULL;
    }

  return g_steal_pointer (&sessions);
}

GArray *
ess_store_committee_dossier_ids (EssStore    *self,
                                 const char  *date,
                                 GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self,
                                          "SELECT id FROM dossiers WHERE deleted_at IS NULL "
                                          "AND committee_on = ?1 ORDER BY reference",
                                          error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;

  ess_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the dossiers of the session"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}
