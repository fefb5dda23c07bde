/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Erasing the personal data of an applicant's contacts at their request. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-store-dossiers-private.h"
#include "ess-store-privacy.h"
#include "ess-store-private.h"

static gboolean
applicant_exists (EssStore  *self,
                  gint64     applicant_id,
                  GError   **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT 1 FROM applicants WHERE id = ?1", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, applicant_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                 _("No applicant has the number %d."), (int) applicant_id);
  return found;
}

gint64
ess_store_erase_contacts (EssStore  *self,
                          gint64     applicant_id,
                          GError   **error)
{
  g_autofree char *comment = NULL;
  sqlite3_stmt *stmt;
  gint64 erased;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), -1);

  if (!applicant_exists (self, applicant_id, error))
    return -1;

  /* Deleted and overwritten bytes are zeroed, not left in free space. */
  if (!ess_store_exec (self, "PRAGMA secure_delete = ON", error) || !ess_store_begin (self, error))
    return -1;

  stmt = ess_store_prepare (self,
                            "UPDATE contacts SET name = '', role = '', email = '', phone = '' "
                            "WHERE applicant_id = ?1 AND (name <> '' OR role <> '' OR email <> '' OR phone <> '')",
                            error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, applicant_id);
      ok = ess_store_step_done (self, stmt, error);
    }
  erased = ok ? sqlite3_changes (ess_store_get_db (self)) : -1;

  /* What was done, not what was there. */
  comment = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Personal data of %d contact of applicant no. %d erased at their request",
                                          "Personal data of %d contacts of applicant no. %d erased at their request",
                                          (gulong) MAX (erased, 0)),
                             (int) erased, (int) applicant_id);
  ok = ok && ess_store_add_history (self, 0, "contact-erased", NULL, NULL, NULL, comment, error);
  if (!ess_store_end_write (self, ok, "dossiers", error))
    {
      ess_store_exec (self, "PRAGMA secure_delete = OFF", NULL);
      return -1;
    }

  /* Out of the WAL and into the file, overwriting the old page images. */
  ess_store_exec (self, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  ess_store_exec (self, "PRAGMA secure_delete = OFF", NULL);
  return erased;
}
