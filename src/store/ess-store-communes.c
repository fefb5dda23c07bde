/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Communes and territories of a dossier, for the editor. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-store-communes.h"
#include "ess-store-private.h"

char *
ess_store_dossier_territories (EssStore  *self,
                               gint64     dossier_id,
                               GError   **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self,
                                          "SELECT DISTINCT t.id, t.name FROM dossier_communes dc "
                                          "JOIN communes c ON c.insee = dc.insee "
                                          "JOIN territories t ON t.id = c.territory_id "
                                          "WHERE dc.dossier_id = ?1 ORDER BY t.id",
                                          error);
  g_autoptr(GString) names = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (names, "%s%s", names->len ? ", " : "", ess_store_column_text (stmt, 1));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the territories"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}
