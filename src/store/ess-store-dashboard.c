/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-store-dashboard.h"
#include "ess-store-private.h"

/* The schemes as a JSON array for json_each(), NULL for every scheme. */
static char *
schemes_json (const char * const *schemes)
{
  g_autoptr(GString) json = NULL;

  if (schemes == NULL || schemes[0] == NULL)
    return NULL;

  json = g_string_new ("[");
  for (guint i = 0; schemes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *p = schemes[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (json, '\\');
          if ((guchar) *p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static gboolean
read_communes (EssStore   *self,
               GPtrArray  *communes,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT c.insee, c.name, c.population, coalesce(c.territory_id, 0), t.name "
                            "FROM communes c LEFT JOIN territories t ON t.id = c.territory_id "
                            "ORDER BY c.insee",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (communes,
                     ess_dash_commune_new (ess_store_column_text (stmt, 0),
                                           ess_store_column_text (stmt, 1),
                                           sqlite3_column_int64 (stmt, 2),
                                           sqlite3_column_int (stmt, 3),
                                           (const char *) sqlite3_column_text (stmt, 4)));
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the communes"));
      return FALSE;
    }
  return TRUE;
}

#define DOSSIER_FILTER \
  "d.deleted_at IS NULL AND d.year BETWEEN ?1 AND ?2 " \
  "AND (?3 IS NULL OR d.scheme_code IN (SELECT value FROM json_each (?3)))"

static gboolean
read_dossiers (EssStore    *self,
               int          first_year,
               int          last_year,
               const char  *schemes,
               GPtrArray   *dossiers,
               GError     **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT d.id, d.reference, d.year, d.scheme_code, d.status, lf.label, "
                            "       coalesce(d.volet, 0), d.axis, a.name, a.commune_insee, "
                            "       d.proposed_cents, d.granted_cents, "
                            "       coalesce((SELECT sum(p.amount_cents) FROM payments p "
                            "                 WHERE p.dossier_id = d.id AND p.paid_on IS NOT NULL), 0), "
                            "       d.submitted_on "
                            "FROM dossiers d "
                            "LEFT JOIN applicants a ON a.id = d.applicant_id "
                            "LEFT JOIN legal_forms lf ON lf.code = a.legal_form "
                            "WHERE " DOSSIER_FILTER " ORDER BY d.id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, first_year);
  sqlite3_bind_int (stmt, 2, last_year);
  ess_store_bind_text (stmt, 3, schemes);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssDashDossier *dossier = ess_dash_dossier_new ();
      EssStatus status = ESS_STATUS_SUBMITTED;

      dossier->id = sqlite3_column_int64 (stmt, 0);
      dossier->reference = g_strdup (ess_store_column_text (stmt, 1));
      dossier->year = sqlite3_column_int (stmt, 2);
      dossier->scheme = g_strdup (ess_store_column_text (stmt, 3));
      if (ess_status_from_id (ess_store_column_text (stmt, 4), &status))
        dossier->status = status;
      dossier->legal_form = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      dossier->volet = sqlite3_column_int (stmt, 6);
      g_free (dossier->axis);
      dossier->axis = g_strdup (ess_store_column_text (stmt, 7));
      dossier->applicant = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      dossier->applicant_commune = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      dossier->proposed_cents = sqlite3_column_int64 (stmt, 10);
      dossier->granted_cents = sqlite3_column_int64 (stmt, 11);
      dossier->paid_cents = sqlite3_column_int64 (stmt, 12);
      dossier->submitted_on = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
      g_ptr_array_add (dossiers, dossier);
      g_hash_table_insert (by_id, &dossier->id, dossier);
    }
  if (rc != SQLITE_DONE)
    {
      /* sum() stops with an error rather than overflow. */
      ess_store_set_error (self, error, rc, _("reading the dossiers of the dashboard"));
      return FALSE;
    }

  stmt = ess_store_prepare (self,
                            "SELECT dc.dossier_id, dc.insee FROM dossier_communes dc "
                            "JOIN dossiers d ON d.id = dc.dossier_id "
                            "WHERE " DOSSIER_FILTER " ORDER BY dc.dossier_id, dc.insee",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, first_year);
  sqlite3_bind_int (stmt, 2, last_year);
  ess_store_bind_text (stmt, 3, schemes);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      EssDashDossier *dossier = g_hash_table_lookup (by_id, &id);

      if (dossier != NULL)
        g_ptr_array_add (dossier->communes, g_strdup (ess_store_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the dossiers of the dashboard"));
      return FALSE;
    }
  return TRUE;
}

static GArray *
read_envelopes (EssStore    *self,
                int          first_year,
                int          last_year,
                const char  *schemes,
                GError     **error)
{
  g_autoptr(GArray) envelopes = g_array_new (FALSE, FALSE, sizeof (EssDashEnvelope));
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT e.year, sum(e.amount_cents) FROM envelopes e "
                            "WHERE e.year BETWEEN ?1 AND ?2 "
                            "AND (?3 IS NULL OR e.scheme_code IN (SELECT value FROM json_each (?3))) "
                            "GROUP BY e.year ORDER BY e.year",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, first_year);
  sqlite3_bind_int (stmt, 2, last_year);
  ess_store_bind_text (stmt, 3, schemes);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssDashEnvelope envelope = { sqlite3_column_int (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (envelopes, envelope);
    }
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the envelopes"));
      return NULL;
    }
  return g_steal_pointer (&envelopes);
}

EssDashboard *
ess_store_dashboard (EssStore           *self,
                     int                 first_year,
                     int                 last_year,
                     const char * const *schemes,
                     const char         *today,
                     GError            **error)
{
  g_autoptr(GPtrArray) communes = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_commune_free);
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_dossier_free);
  g_autoptr(GArray) envelopes = NULL;
  g_autofree char *json = schemes_json (schemes);
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  if (first_year > last_year || first_year < 1900 || last_year > 2200)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("The period %d–%d is not a period: expected a first year before the last, between 1900 and 2200."),
                   first_year, last_year);
      return NULL;
    }

  /* One read transaction (deferred: it takes no write lock), so that
   * the facts agree with each other. */
  if (!ess_store_exec (self, "BEGIN DEFERRED", error))
    return NULL;
  ok = read_communes (self, communes, error) &&
       read_dossiers (self, first_year, last_year, json, dossiers, error) &&
       (envelopes = read_envelopes (self, first_year, last_year, json, error)) != NULL;
  ess_store_exec (self, "COMMIT", NULL);
  if (!ok)
    return NULL;

  return ess_dashboard_compute (dossiers, communes, (EssDashEnvelope *) (gpointer) envelopes->data,
                                envelopes->len, first_year, last_year, today);
}

gboolean
ess_store_dashboard_years (EssStore  *self,
                           int       *first_year,
                           int       *last_year,
                           GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  stmt = ess_store_prepare (self,
                            "SELECT min(y), max(y) FROM ("
                            "  SELECT year AS y FROM dossiers WHERE deleted_at IS NULL "
                            "  UNION ALL SELECT year FROM envelopes)",
                            error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ess_store_set_error (self, error, rc, _("reading the dossiers of the dashboard"));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return FALSE;
  *first_year = sqlite3_column_int (stmt, 0);
  *last_year = sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}
