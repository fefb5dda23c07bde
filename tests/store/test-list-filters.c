/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier list filters and searches in memory: it must list exactly
 * what the SQL of ess_store_query_dossier_ids() lists, with the same
 * totals, and its queries must use the indexes it relies on. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-dossier-list.h"
#include "ess-store-dossiers.h"
#include "ess-store-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  EssStore *store;
} Fixture;

/* Seven dossiers whose territories and words are known by hand (the
 * territories of data/territories.csv: 2 Tourquennois, 3 Roubaisien,
 * 5 Est, 8 Lillois):
 *
 *   APT-2020-001 Recyclerie de Roubaix   Roubaix (3)            applicant "Association Solidaire"
 *   APT-2020-002 Épicerie solidaire      Lille (8), Roubaix (3)
 *   APT-2020-003 Tiers-lieu              Tourcoing (2)
 *   APT-2021-001 Économie circulaire     Villeneuve-d'Ascq, Tressin (both 5)
 *   APT-2021-002 Ressourcerie            no commune
 *   APT-2021-003 Recyclerie du Nord      Lille (8)              in the trash
 *   SIEG-2022-001 Cuisine partagée        Wattrelos (3)          granted
 */
static const char fixture_sql[] =
  "INSERT INTO applicants (id, name) VALUES (1, 'Association Solidaire'), (2, 'Les Amis du Quartier');"
  "INSERT INTO dossiers (id, reference, title, scheme_code, year, status, applicant_id,"
  "                      requested_cents, proposed_cents, granted_cents, deleted_at) VALUES"
  " (11, 'APT-2020-001', 'Recyclerie de Roubaix', 'APT', 2020, 'submitted', 1, 100000, 0, 0, NULL),"
  " (12, 'APT-2020-002', 'Épicerie solidaire', 'APT', 2020, 'in-review', 2, 250000, 200000, 0, NULL),"
  " (13, 'APT-2020-003', 'Tiers-lieu', 'APT', 2020, 'submitted', NULL, 50000, 0, 0, NULL),"
  " (14, 'APT-2021-001', 'Économie circulaire', 'APT', 2021, 'submitted', 2, 700000, 0, 0, NULL),"
  " (15, 'APT-2021-002', 'Ressourcerie', 'APT', 2021, 'submitted', NULL, 30000, 0, 0, NULL),"
  " (16, 'APT-2021-003', 'Recyclerie du Nord', 'APT', 2021, 'submitted', NULL, 90000, 0, 0, '2026-01-01T00:00:00Z'),"
  " (17, 'SIEG-2022-001', 'Cuisine partagée', 'SIEG', 2022, 'granted', 1, 400000, 400000, 350000, NULL);"
  "INSERT INTO dossier_communes (dossier_id, insee) VALUES"
  " (11, '59512'), (12, '59350'), (12, '59512'), (13, '59599'), (14, '59009'), (14, '59602'),"
  " (16, '59350'), (17, '59650');";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  f->dir = g_dir_make_tmp ("ess-list-filters-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = ess_store_open (f->path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (sqlite3_exec (ess_store_get_db (f->store), fixture_sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The references the list shows, comma-separated, in order. */
static char *
list_references (EssDossierList *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(EssDossierSummary) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_string_append_printf (text, "%s%s", i ? "," : "", ess_dossier_summary_get_reference (row));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
shown (EssDossierList        *list,
       const EssDossierQuery *query)
{
  ess_dossier_list_set_query (list, query);
  return list_references (list);
}

static void
test_hand_known (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EssDossierList) list = ess_dossier_list_new (f->store);
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  EssDossierTotals totals;
  char *text;

#define ASSERT_SHOWN(expected) \
  G_STMT_START { text = shown (list, query); g_assert_cmpstr (text, ==, expected); g_free (text); } G_STMT_END

  ASSERT_SHOWN ("APT-2020-001,APT-2020-002,APT-2020-003,APT-2021-001,APT-2021-002,SIEG-2022-001");

  /* Territories: a dossier with two communes in one territory once. */
  query->territory_id = 3;
  ASSERT_SHOWN ("APT-2020-001,APT-2020-002,SIEG-2022-001");
  g_assert_true (ess_dossier_list_get_totals (list, &totals));
  g_assert_cmpint (totals.count, ==, 3);
  g_assert_cmpint (totals.requested_cents, ==, 100000 + 250000 + 400000);
  g_assert_cmpint (totals.proposed_cents, ==, 200000 + 400000);
  g_assert_cmpint (totals.granted_cents, ==, 350000);
  query->territory_id = 5;
  ASSERT_SHOWN ("APT-2021-001");
  query->territory_id = 8;
  ASSERT_SHOWN ("APT-2020-002");
  query->territory_id = 1;
  ASSERT_SHOWN ("");
  g_assert_true (ess_dossier_list_get_totals (list, &totals));
  g_assert_cmpint (totals.count, ==, 0);
  g_assert_cmpint (totals.requested_cents, ==, 0);
  query->territory_id = 0;

  /* Communes. */
  query->commune = g_strdup ("59512");
  ASSERT_SHOWN ("APT-2020-001,APT-2020-002");
  g_free (query->commune);
  query->commune = g_strdup ("59350");
  ASSERT_SHOWN ("APT-2020-002");
  g_clear_pointer (&query->commune, g_free);

  /* Searches with 1- and 2-letter prefixes, accents folded, the applicant's name searched. */
  query->search = g_strdup ("r");
  ASSERT_SHOWN ("APT-2020-001,APT-2021-002");
  g_free (query->search);
  query->search = g_strdup ("é");
  ASSERT_SHOWN ("APT-2020-002,APT-2021-001");
  g_free (query->search);
  query->search = g_strdup ("re");
  ASSERT_SHOWN ("APT-2020-001,APT-2021-002");
  g_free (query->search);
  query->search = g_strdup ("ec");
  ASSERT_SHOWN ("APT-2021-001");
  g_free (query->search);
  query->search = g_strdup ("ép");
  ASSERT_SHOWN ("APT-2020-002");
  g_free (query->search);
  query->search = g_strdup ("so");
  ASSERT_SHOWN ("APT-2020-001,APT-2020-002,SIEG-2022-001");
  g_free (query->search);
  query->search = g_strdup ("so ro");
  ASSERT_SHOWN ("APT-2020-001");

  /* Search, territory and order together. */
  query->territory_id = 3;
  query->sort = ESS_SORT_REQUESTED;
  query->descending = TRUE;
  g_free (query->search);
  query->search = g_strdup ("so");
  ASSERT_SHOWN ("SIEG-2022-001,APT-2020-002,APT-2020-001");
  g_clear_pointer (&query->search, g_free);
  query->descending = FALSE;
  ASSERT_SHOWN ("APT-2020-001,APT-2020-002,SIEG-2022-001");
  query->sort = ESS_SORT_REFERENCE;
  query->descending = TRUE;
  ASSERT_SHOWN ("SIEG-2022-001,APT-2020-002,APT-2020-001");
  query->descending = FALSE;
  query->territory_id = 0;

  /* The other filters. */
  query->scheme = g_strdup ("SIEG");
  ASSERT_SHOWN ("SIEG-2022-001");
  g_clear_pointer (&query->scheme, g_free);
  query->year = 2021;
  ASSERT_SHOWN ("APT-2021-001,APT-2021-002");
  query->year = 0;
  query->applicant_id = 1;
  ASSERT_SHOWN ("APT-2020-001,SIEG-2022-001");
  query->applicant_id = 0;
  query->statuses = (1u << ESS_STATUS_IN_REVIEW) | (1u << ESS_STATUS_GRANTED);
  ASSERT_SHOWN ("APT-2020-002,SIEG-2022-001");
  query->statuses = 0;

  /* The trash, with its own territories and words. */
  query->trash = TRUE;
  ASSERT_SHOWN ("APT-2021-003");
  query->territory_id = 8;
  query->search = g_strdup ("re");
  ASSERT_SHOWN ("APT-2021-003");
  query->territory_id = 3;
  ASSERT_SHOWN ("");

#undef ASSERT_SHOWN
}

/* The SQL query of the store lists the same ids, with the same totals. */
static void
assert_same_as_sql (Fixture               *f,
                    EssDossierList        *list,
                    const EssDossierQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  EssDossierTotals sql_totals, list_totals;

  ess_dossier_list_set_query (list, query);
  ids = ess_store_query_dossier_ids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_query_totals (f->store, query, &sql_totals, &error));
  g_assert_no_error (error);
  g_assert_true (ess_dossier_list_get_totals (list, &list_totals));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EssDossierSummary) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpint (ess_dossier_summary_get_id (row), ==, g_array_index (ids, gint64, i));
    }
  g_assert_cmpint (list_totals.count, ==, sql_totals.count);
  g_assert_cmpint (list_totals.requested_cents, ==, sql_totals.requested_cents);
  g_assert_cmpint (list_totals.proposed_cents, ==, sql_totals.proposed_cents);
  g_assert_cmpint (list_totals.granted_cents, ==, sql_totals.granted_cents);
}

static void
test_same_as_sql (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(EssDossierList) list = ess_dossier_list_new (f->store);
  static const char * const searches[] = { NULL, "", "r", "re", "rec", "so ro", "économie", "zzz", "\"" };
  static const char * const communes[] = { NULL, "59512", "59350", "00000" };
  static const int territories[] = { 0, 3, 5, 8 };
  guint n = 0;

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (guint c = 0; c < G_N_ELEMENTS (communes); c++)
      for (guint t = 0; t < G_N_ELEMENTS (territories); t++)
        for (int trash = 0; trash < 2; trash++)
          {
            g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();

            query->search = g_strdup (searches[s]);
            query->commune = g_strdup (communes[c]);
            query->territory_id = territories[t];
            query->trash = trash;
            /* Every order, both ways, and the other filters in turn. */
            query->sort = (EssSortColumn) (n % ESS_N_SORTS);
            query->descending = (n / ESS_N_SORTS) % 2;
            query->year = n % 3 == 0 ? 2020 : 0;
            query->statuses = n % 5 == 0 ? (1u << ESS_STATUS_SUBMITTED) : 0;
            query->applicant_id = n % 7 == 0 ? 2 : 0;
            query->scheme = n % 4 == 0 ? g_strdup ("APT") : NULL;
            assert_same_as_sql (f, list, query);
            n++;
          }
}

/* A file whose ids are far apart (here 2^40) is listed as well, through
 * SQL, without tables the size of its largest id. */
static void
test_sparse_ids (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EssDossierList) list = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  char *message = NULL;
  char *text;

  if (sqlite3_exec (ess_store_get_db (f->store),
                    "INSERT INTO dossiers (id, reference, title, scheme_code, year, requested_cents) VALUES"
                    " (1099511627776, 'APT-2023-001', 'Recyclerie lointaine', 'APT', 2023, 1000);"
                    "INSERT INTO dossier_communes (dossier_id, insee) VALUES (1099511627776, '59512');",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  list = ess_dossier_list_new (f->store);

  query->territory_id = 3;
  query->search = g_strdup ("re");
  text = shown (list, query);
  g_assert_cmpstr (text, ==, "APT-2020-001,APT-2023-001");
  g_free (text);
  assert_same_as_sql (f, list, query);
  query->territory_id = 0;
  g_clear_pointer (&query->search, g_free);
  query->sort = ESS_SORT_TITLE;
  assert_same_as_sql (f, list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
}

/* A write shows at the next reload, whether or not the query changed. */
static void
test_follows_writes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossierList) list = ess_dossier_list_new (f->store);
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  const char *communes[] = { "59650", NULL };
  char *text;

  query->territory_id = 3;
  text = shown (list, query);
  g_assert_cmpstr (text, ==, "APT-2020-001,APT-2020-002,SIEG-2022-001");
  g_free (text);

  /* Tiers-lieu moves to Wattrelos (3), and asks for more. */
  g_assert_true (ess_store_set_dossier_communes (f->store, 13, communes, &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, 13, ESS_FIELD_REQUESTED, "900000", &error));
  g_assert_no_error (error);
  text = list_references (list);
  g_assert_cmpstr (text, ==, "APT-2020-001,APT-2020-002,APT-2020-003,SIEG-2022-001");
  g_free (text);
  query->sort = ESS_SORT_REQUESTED;
  query->descending = TRUE;
  text = shown (list, query);
  g_assert_cmpstr (text, ==, "APT-2020-003,SIEG-2022-001,APT-2020-002,APT-2020-001");
  g_free (text);
  assert_same_as_sql (f, list, query);
}

/* The queries a reload runs, with the plans SQLite chose for them. */
static int
on_trace (unsigned    type,
          void       *context,
          void       *p,
          void       *x)
{
  GPtrArray *statements = context;
  const char *sql = sqlite3_sql (p);

  if (sql != NULL && g_str_has_prefix (sql, "SELECT"))
    g_ptr_array_add (statements, g_strdup (sql));
  return 0;
}

static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static void
test_query_plans (Fixture       *f,
                  gconstpointer  data)
{
  sqlite3 *db = ess_store_get_db (f->store);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EssDossierList) list = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  gboolean rows = FALSE, territory = FALSE, commune = FALSE, search = FALSE;

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace, statements);
  list = ess_dossier_list_new (f->store);
  query->territory_id = 3;
  query->commune = g_strdup ("59512");
  query->search = g_strdup ("re");
  ess_dossier_list_set_query (list, query);
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  for (guint i = 0; i < statements->len; i++)
    {
      const char *sql = g_ptr_array_index (statements, i);
      g_autofree char *plan = query_plan (db, sql);

      if (g_test_verbose ())
        g_printerr ("%s\n%s\n", sql, plan);
      /* No query reads a whole table of dossiers or of their communes. */
      g_assert_null (strstr (plan, "SCAN d\n"));
      g_assert_null (strstr (plan, "SCAN d "));
      g_assert_null (strstr (plan, "SCAN dc"));
      g_assert_null (strstr (plan, "SCAN dossiers"));
      if (strstr (sql, "FROM dossiers d") != NULL)
        {
          /* Every dossier's filtered columns by reference, from the index alone. */
          g_assert_nonnull (strstr (plan, "USING COVERING INDEX dossiers_list (deleted_at=?)"));
          g_assert_null (strstr (plan, "TEMP B-TREE"));
          rows = TRUE;
        }
      else if (strstr (sql, "territory_id") != NULL)
        {
          g_assert_nonnull (strstr (plan, "SEARCH dc USING COVERING INDEX dossier_communes_insee (insee=?)"));
          g_assert_nonnull (strstr (plan, "USING INDEX communes_territory (territory_id=?)"));
          territory = TRUE;
        }
      else if (strstr (sql, "dossier_communes") != NULL)
        {
          g_assert_nonnull (strstr (plan, "SEARCH dc USING COVERING INDEX dossier_communes_insee (insee=?)"));
          commune = TRUE;
        }
      else if (strstr (sql, "MATCH") != NULL)
        {
          g_assert_nonnull (strstr (plan, "VIRTUAL TABLE INDEX"));
          search = TRUE;
        }
    }
  g_assert_true (rows && territory && commune && search);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/list-filters/hand-known", Fixture, NULL, fixture_setup, test_hand_known, fixture_teardown);
  g_test_add ("/list-filters/same-as-sql", Fixture, NULL, fixture_setup, test_same_as_sql, fixture_teardown);
  g_test_add ("/list-filters/sparse-ids", Fixture, NULL, fixture_setup, test_sparse_ids, fixture_teardown);
  g_test_add ("/list-filters/follows-writes", Fixture, NULL, fixture_setup, test_follows_writes, fixture_teardown);
  g_test_add ("/list-filters/query-plans", Fixture, NULL, fixture_setup, test_query_plans, fixture_teardown);

  return g_test_run ();
}
