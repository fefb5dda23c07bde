/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossiers a list shows: filters, search, sort order and totals, as one bound statement. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-dossier.h"
#include "ess-dossier-query.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"

/* Queries. The statement is built from the fixed fragments below; every
 * value is bound. */

typedef struct
{
  gboolean    is_text;
  gint64      number;
  const char *text;
} Bind;

static void
push_text (GArray     *binds,
           const char *text)
{
  Bind bind = { TRUE, 0, text };
  g_array_append_val (binds, bind);
}

static void
push_number (GArray *binds,
             gint64  number)
{
  Bind bind = { FALSE, number, NULL };
  g_array_append_val (binds, bind);
}

/* Appends the filter of @query (" WHERE ..."). @fts receives the MATCH
 * expression, which @binds points to. */
static void
append_where (GString               *sql,
              GArray                *binds,
              const EssDossierQuery *query,
              char                 **fts)
{
  g_string_append (sql, query->trash ? " WHERE d.deleted_at IS NOT NULL" : " WHERE d.deleted_at IS NULL");

  if (query->statuses != 0)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND d.status IN (");
      for (guint i = 0; i < ESS_N_STATUSES; i++)
        {
          if ((query->statuses & (1u << i)) == 0)
            continue;
          g_string_append (sql, first ? "?" : ", ?");
          push_text (binds, ess_status_to_id ((EssStatus) i));
          first = FALSE;
        }
      if (first)
        g_string_append (sql, "NULL");
      g_string_append (sql, ")");
    }

  if (query->scheme != NULL && query->scheme[0] != '\0')
    {
      g_string_append (sql, " AND d.scheme_code = ?");
      push_text (binds, query->scheme);
    }

  if (query->year != 0)
    {
      g_string_append (sql, " AND d.year = ?");
      push_number (binds, query->year);
    }

  if (query->territory_id != 0)
    {
      g_string_append (sql,
                       " AND EXISTS (SELECT 1 FROM dossier_communes dc JOIN communes c ON c.insee = dc.insee"
                       " WHERE dc.dossier_id = d.id AND c.territory_id = ?)");
      push_number (binds, query->territory_id);
    }

  if (query->commune != NULL && query->commune[0] != '\0')
    {
      g_string_append (sql,
                       " AND EXISTS (SELECT 1 FROM dossier_communes dc"
                       " WHERE dc.dossier_id = d.id AND dc.insee = ?)");
      push_text (binds, query->commune);
    }

  if (query->applicant_id != 0)
    {
      g_string_append (sql, " AND d.applicant_id = ?");
      push_number (binds, query->applicant_id);
    }

  *fts = ess_search_to_fts (query->search);
  if (*fts != NULL)
    {
      g_string_append (sql, " AND d.id IN (SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?)");
      push_text (binds, *fts);
    }
}

/* The sort keys, by EssSortColumn: the only column names an ORDER BY may hold. */
static const char * const sort_keys[ESS_N_SORTS] = {
  [ESS_SORT_REFERENCE] = "d.reference",
  [ESS_SORT_TITLE] = "d.title COLLATE NOCASE",
  [ESS_SORT_APPLICANT] = "(SELECT a.name FROM applicants a WHERE a.id = d.applicant_id) COLLATE NOCASE",
  [ESS_SORT_SCHEME] = "d.scheme_code",
  [ESS_SORT_VOLET] = "d.volet",
  /* The first territory the list shows, that is the one of lowest id. */
  [ESS_SORT_TERRITORIES] = "(SELECT t.name FROM dossier_communes dc JOIN communes c ON c.insee = dc.insee "
                           "JOIN territories t ON t.id = c.territory_id WHERE dc.dossier_id = d.id "
                           "ORDER BY t.id LIMIT 1)",
  [ESS_SORT_YEAR] = "d.year",
  /* The life of a dossier: the status ids are bound in enum order. */
  [ESS_SORT_STATUS] = "CASE d.status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 "
                      "WHEN ? THEN 4 WHEN ? THEN 5 WHEN ? THEN 6 WHEN ? THEN 7 WHEN ? THEN 8 "
                      "WHEN ? THEN 9 WHEN ? THEN 10 END",
  [ESS_SORT_REQUESTED] = "d.requested_cents",
  [ESS_SORT_PROPOSED] = "d.proposed_cents",
  [ESS_SORT_GRANTED] = "d.granted_cents",
};
G_STATIC_ASSERT (ESS_N_STATUSES == 11);

static void
append_order (GString               *sql,
              GArray                *binds,
              const EssDossierQuery *query)
{
  EssSortColumn sort = (guint) query->sort < ESS_N_SORTS ? query->sort : ESS_SORT_REFERENCE;

  g_string_append (sql, " ORDER BY ");
  g_string_append (sql, sort_keys[sort]);
  if (query->descending)
    g_string_append (sql, " DESC");

  if (sort == ESS_SORT_STATUS)
    for (guint i = 0; i < ESS_N_STATUSES; i++)
      push_text (binds, ess_status_to_id ((EssStatus) i));

  /* Equal keys keep the reference order, whatever the direction. */
  if (sort != ESS_SORT_REFERENCE)
    g_string_append (sql, ", d.reference");
}

static sqlite3_stmt *
prepare_dynamic (EssStore    *self,
                 const char  *sql,
                 GArray      *binds,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (ess_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ess_store_set_error (self, error, rc, _("searching the dossiers"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  for (guint i = 0; i < binds->len; i++)
    {
      const Bind *bind = &g_array_index (binds, Bind, i);

      if (bind->is_text)
        ess_store_bind_text (stmt, (int) i + 1, bind->text);
      else
        sqlite3_bind_int64 (stmt, (int) i + 1, bind->number);
    }

  return stmt;
}

GArray *
ess_store_query_dossier_ids (EssStore               *self,
                             const EssDossierQuery  *query,
                             GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT d.id FROM dossiers d");
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *fts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  append_where (sql, binds, query, &fts);
  append_order (sql, binds, query);

  stmt = prepare_dynamic (self, sql->str, binds, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("searching the dossiers"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
ess_store_query_totals (EssStore               *self,
                        const EssDossierQuery  *query,
                        EssDossierTotals       *totals,
                        GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*), coalesce (sum (d.requested_cents), 0), "
                                         "coalesce (sum (d.proposed_cents), 0), "
                                         "coalesce (sum (d.granted_cents), 0) FROM dossiers d");
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autofree char *fts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  append_where (sql, binds, query, &fts);

  stmt = prepare_dynamic (self, sql->str, binds, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      totals->count = sqlite3_column_int64 (stmt, 0);
      totals->requested_cents = sqlite3_column_int64 (stmt, 1);
      totals->proposed_cents = sqlite3_column_int64 (stmt, 2);
      totals->granted_cents = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      ess_store_set_error (self, error, rc, _("adding up the dossiers"));
      return FALSE;
    }

  return TRUE;
}

/* The dossier list's rows and id sets: it filters them in memory, a
 * filter change or a letter typed costs one set of ids, not a read of
 * 100 000 dossiers in order. */

GArray *
ess_store_query_dossier_rows (EssStore               *self,
                              const EssDossierQuery  *query,
                              GError                **error)
{
  /* Every column from the covering index dossiers_list when sorted by reference. */
  g_autoptr(GString) sql = g_string_new ("SELECT d.id, coalesce (d.applicant_id, 0), d.requested_cents, "
                                         "d.proposed_cents, d.granted_cents, d.scheme_code, d.year, d.status "
                                         "FROM dossiers d");
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (EssDossierRow));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  g_string_append (sql, query->trash ? " WHERE d.deleted_at IS NOT NULL" : " WHERE d.deleted_at IS NULL");
  append_order (sql, binds, query);

  stmt = prepare_dynamic (self, sql->str, binds, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssDossierRow row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .applicant_id = sqlite3_column_int64 (stmt, 1),
        .requested_cents = sqlite3_column_int64 (stmt, 2),
        .proposed_cents = sqlite3_column_int64 (stmt, 3),
        .granted_cents = sqlite3_column_int64 (stmt, 4),
        .scheme = g_intern_string (ess_store_column_text (stmt, 5)),
        .year = sqlite3_column_int (stmt, 6),
        .status = -1,
      };
      EssStatus status;

      if (ess_status_from_id (ess_store_column_text (stmt, 7), &status))
        row.status = (int) status;
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("searching the dossiers"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GArray *
query_ids (EssStore    *self,
           const char  *sql,
           const Bind  *bind,
           GError     **error)
{
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_array_append_val (binds, *bind);
  stmt = prepare_dynamic (self, sql, binds, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("searching the dossiers"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

GArray *
ess_store_query_territory_ids (EssStore    *self,
                               int          territory_id,
                               GError     **error)
{
  Bind bind = { FALSE, territory_id, NULL };

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  /* The communes of the territory, then their dossiers from the index
   * dossier_communes_insee (insee, dossier_id). */
  return query_ids (self,
                    "SELECT dc.dossier_id FROM dossier_communes dc "
                    "WHERE dc.insee IN (SELECT c.insee FROM communes c WHERE c.territory_id = ?1)",
                    &bind, error);
}

GArray *
ess_store_query_commune_ids (EssStore    *self,
                             const char  *insee,
                             GError     **error)
{
  Bind bind = { TRUE, 0, insee };

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  return query_ids (self, "SELECT dc.dossier_id FROM dossier_communes dc WHERE dc.insee = ?1", &bind, error);
}

GArray *
ess_store_query_search_ids (EssStore    *self,
                            const char  *search,
                            GError     **error)
{
  g_autofree char *fts = ess_search_to_fts (search);
  Bind bind = { TRUE, 0, fts };

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  if (fts == NULL)
    return NULL;
  return query_ids (self, "SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?1", &bind, error);
}
