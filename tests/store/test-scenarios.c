/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the scenarios in the database: seed, round trip, history, refused writes, portfolio, population. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-scenario-compare.h"
#include "ess-store-dossiers.h"
#include "ess-store-scenarios.h"

typedef struct
{
  char     *dir;
  char     *path;
  EssStore *store;
} Fixture;

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ess-scenarios-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "t.db", NULL);
  f->store = ess_store_open (f->path, GPOINTER_TO_INT (data) ? ESS_STORE_OPEN_DEMO_DATA : 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static EssScenario *
find (GPtrArray  *scenarios,
      const char *name)
{
  for (guint i = 0; i < scenarios->len; i++)
    if (g_str_equal (((EssScenario *) g_ptr_array_index (scenarios, i))->name, name))
      return g_ptr_array_index (scenarios, i);
  return NULL;
}

/* A new database holds the three seed scenarios, in the seed's order. */
static void
test_seeded (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = ess_store_list_scenarios (f->store, &error);
  EssScenario *stop;

  g_assert_no_error (error);
  g_assert_cmpuint (scenarios->len, ==, 3);
  g_assert_cmpstr (((EssScenario *) g_ptr_array_index (scenarios, 0))->name, ==, "Poursuite d’un APT amendé et renforcé");
  g_assert_cmpstr (((EssScenario *) g_ptr_array_index (scenarios, 1))->name, ==,
                   "Réorientation vers l’appel à projets permanent");
  stop = g_ptr_array_index (scenarios, 2);
  g_assert_cmpstr (stop->name, ==, "Arrêt de l’APT");
  g_assert_cmpint (stop->kind, ==, ESS_SCENARIO_STOP);
  g_assert_cmpint (stop->portfolio_default, ==, ESS_TREATMENT_END);
  g_assert_cmpuint (stop->lines->len, ==, 5);
  /* Diagnostics: 2 territories at 17 000 EUR. */
  g_assert_cmpint (ess_scenario_line_amount (stop, 0, 2018)->metropole, ==, 3400000);
  g_assert_cmpint (ess_scenario_get_year (stop, 2020)->assumptions[ESS_ASSUME_STAFF], ==, 50);
  g_assert_cmpint (ess_scenario_get_year (stop, 2020)->assumptions[ESS_ASSUME_DAYS_PER_CALL], ==, 1500);
  g_assert_cmpuint (stop->territory_reach->len, ==, 3 * 6);
  g_assert_true (g_str_has_prefix (stop->hypotheses[ESS_ASSUME_CONVENTIONS], "Hypothèse"));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = ess_store_list_scenarios (f->store, &error);
  g_autoptr(EssScenario) variant = NULL;
  g_autoptr(EssScenario) loaded = NULL;
  g_autoptr(EssScenario) reloaded = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 id, history_before;
  guint changed = 0;

  g_signal_connect_swapped (f->store, "changed::scenarios", G_CALLBACK (g_atomic_int_inc), &changed);

  /* Duplicate "poursuite" into a variant with a larger envelope. */
  variant = ess_scenario_duplicate (g_ptr_array_index (scenarios, 0), "Poursuite, enveloppe 150 000 €");
  for (int year = 2015; year <= 2020; year++)
    ess_scenario_line_amount (variant, 0, year)->metropole = 15000000;
  ess_scenario_set_treatment (variant, 3, ESS_TREATMENT_END);
  id = ess_store_save_scenario (f->store, variant, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (changed, ==, 1);

  loaded = ess_store_load_scenario (f->store, id, &error);
  g_assert_no_error (error);
  variant->id = id;
  g_assert_true (ess_scenario_equal (variant, loaded));
  g_assert_cmpint (ess_scenario_get_treatment (loaded, 3), ==, ESS_TREATMENT_END);

  /* Saving it unchanged writes nothing. */
  history_before = sql_int (f->path, "SELECT count (*) FROM history");
  g_assert_cmpint (ess_store_save_scenario (f->store, loaded, &error), ==, id);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM history"), ==, history_before);

  /* One change, one history event naming it. */
  ess_scenario_get_year (loaded, 2016)->assumptions[ESS_ASSUME_PROJECTS] = 8;
  g_assert_true (ess_scenario_set_horizon (loaded, 2015, 2021, &error));
  g_assert_cmpint (ess_store_save_scenario (f->store, loaded, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  reloaded = ess_store_load_scenario (f->store, id, &error);
  g_assert_true (ess_scenario_equal (loaded, reloaded));
  g_assert_cmpint (ess_scenario_line_amount (reloaded, 0, 2021)->metropole, ==, 15000000);

  history = ess_store_scenario_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_nonnull (strstr (((EssHistoryEvent *) g_ptr_array_index (history, 0))->comment, "2016"));
  g_assert_nonnull (strstr (((EssHistoryEvent *) g_ptr_array_index (history, 1))->comment, "2015–2020 → 2015–2021"));
  g_assert_nonnull (strstr (((EssHistoryEvent *) g_ptr_array_index (history, 2))->comment, "Poursuite, enveloppe 150 000 €"));

  /* Deleted: its rows go, a trace stays. */
  g_assert_true (ess_store_delete_scenario (f->store, id, &error));
  g_assert_null (ess_store_load_scenario (f->store, id, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM scenario_line_amounts WHERE scenario_id NOT IN "
                                     "(SELECT id FROM scenarios)"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM history WHERE action = 'scenario-deleted'"), ==, 1);
}

/* Lines written by another program with gaps in their positions keep
 * their order and their amounts. */
static void
test_position_gaps (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssScenario) stop = NULL;
  gint64 id = sql_int (f->path, "SELECT id FROM scenarios WHERE kind = 'stop'");

  /* A connection of its own, without foreign keys, as another program's. */
  {
    sqlite3 *db;
    g_autofree char *sql = g_strdup_printf ("UPDATE scenario_lines SET position = position * 10 + 5 WHERE scenario_id = %" G_GINT64_FORMAT ";"
                                            "UPDATE scenario_line_amounts SET position = position * 10 + 5 WHERE scenario_id = %" G_GINT64_FORMAT ";",
                                            id, id);
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  stop = ess_store_load_scenario (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stop->lines->len, ==, 5);
  g_assert_cmpstr (((EssScenarioLine *) g_ptr_array_index (stop->lines, 0))->label, ==, "Diagnostics territoriaux ESS");
  g_assert_cmpint (ess_scenario_line_amount (stop, 0, 2018)->metropole, ==, 3400000);
  g_assert_cmpint (ess_scenario_line_amount (stop, 2, 2020)->cofunders, ==, 3000000);
}

/* A refused write leaves the database as it was. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = ess_store_list_scenarios (f->store, &error);
  g_autoptr(EssScenario) copy = ess_scenario_copy (g_ptr_array_index (scenarios, 1));
  g_autoptr(EssScenario) after = NULL;
  gint64 rows = sql_int (f->path, "SELECT count (*) FROM scenario_assumptions");
  gint64 history = sql_int (f->path, "SELECT count (*) FROM history");

  /* The name of another scenario. */
  g_free (copy->name);
  copy->name = g_strdup ("Arrêt de l’APT");
  ess_scenario_get_year (copy, 2015)->assumptions[ESS_ASSUME_PROJECTS] = 40;
  g_assert_cmpint (ess_store_save_scenario (f->store, copy, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Arrêt de l’APT"));
  g_clear_error (&error);

  /* A territory that does not exist: refused by the database, mid-write. */
  g_free (copy->name);
  copy->name = g_strdup ("Réorientation vers l’appel à projets permanent");
  ess_scenario_set_territory_reach (copy, 2015, 99, 1, 100);
  g_assert_cmpint (ess_store_save_scenario (f->store, copy, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Invalid in the core: negative amount. */
  ess_scenario_set_territory_reach (copy, 2015, 99, 0, 0);
  ess_scenario_line_amount (copy, 0, 2015)->cofunders = -5;
  g_assert_cmpint (ess_store_save_scenario (f->store, copy, &error), ==, 0);
  g_assert_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);

  /* A scenario that was deleted meanwhile. */
  ess_scenario_line_amount (copy, 0, 2015)->cofunders = 0;
  copy->id = 999;
  g_free (copy->name);
  copy->name = g_strdup ("Supprimé entre-temps");
  g_assert_cmpint (ess_store_save_scenario (f->store, copy, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM scenario_assumptions"), ==, rows);
  g_assert_cmpint (sql_int (f->path, "SELECT count (*) FROM history"), ==, history);
  after = ess_store_load_scenario (f->store, ((EssScenario *) g_ptr_array_index (scenarios, 1))->id, &error);
  g_assert_true (ess_scenario_equal (after, g_ptr_array_index (scenarios, 1)));
}

/* The demo dossiers (seed 002, annexe 1): APT-2012-001 is closed; the
 * three of 2013 are ongoing unless closed: APT-2013-001 is closed,
 * APT-2013-002 granted (15 000), APT-2013-003 agreement signed (4 730). */
static void
test_portfolio (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) portfolio = ess_store_scenario_portfolio (f->store, &error);
  EssPortfolioItem *item;

  g_assert_no_error (error);
  g_assert_cmpuint (portfolio->len, ==, 2);
  item = g_ptr_array_index (portfolio, 0);
  g_assert_cmpstr (item->reference, ==, "APT-2013-002");
  g_assert_cmpint (item->amount, ==, 1500000);
  g_assert_cmpint (item->paid, ==, 0);
  g_assert_cmpint (item->first_year, ==, 2013);
  g_assert_cmpint (item->last_year, ==, 2013);
  item = g_ptr_array_index (portfolio, 1);
  g_assert_cmpstr (item->reference, ==, "APT-2013-003");
  g_assert_cmpint (item->amount, ==, 473000);

  /* A payment of 5 000 on APT-2013-002 lowers what is carried. */
  g_assert_cmpint (sql_int (f->path, "INSERT INTO payments (dossier_id, kind, amount_cents, paid_on) "
                                     "SELECT id, 'advance', 500000, '2014-02-01' FROM dossiers "
                                     "WHERE reference = 'APT-2013-002' RETURNING amount_cents"), ==, 500000);
  g_clear_pointer (&portfolio, g_ptr_array_unref);
  portfolio = ess_store_scenario_portfolio (f->store, &error);
  g_assert_cmpint (((EssPortfolioItem *) g_ptr_array_index (portfolio, 0))->paid, ==, 500000);
}

/* data/communes.csv: Lille 238 246, Tourcoing 98 772, Roubaix 98 286,
 * Villeneuve-d'Ascq 62 868 = 498 172; 50 communes under 5 000 = 105 462;
 * 1 195 234 in all, so 5 000 and more = 591 600 (41 communes). */
static void
test_population (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EssPopulation population;

  g_assert_true (ess_store_population (f->store, &population, &error));
  g_assert_no_error (error);
  g_assert_cmpint (population.population[ESS_SIZE_CLASS_LARGE_CITY], ==, 498172);
  g_assert_cmpint (population.communes[ESS_SIZE_CLASS_LARGE_CITY], ==, 4);
  g_assert_cmpint (population.population[ESS_SIZE_CLASS_UNDER_5000], ==, 105462);
  g_assert_cmpint (population.communes[ESS_SIZE_CLASS_UNDER_5000], ==, 50);
  g_assert_cmpint (population.population[ESS_SIZE_CLASS_5000_AND_MORE], ==, 591600);
  g_assert_cmpint (population.communes[ESS_SIZE_CLASS_5000_AND_MORE], ==, 41);
  g_assert_cmpint (population.total, ==, 1195234);

  /* Equity of the seed scenarios against these populations. Poursuite
   * spends 6 x 40 000 = 240 000 in the 4 large cities: 24 000 000 cents /
   * 498 172 = 48,18 -> 0,48 EUR per inhabitant; 6 x 45 000 = 270 000 in
   * the other communes of 5 000 and more: 27 000 000 / 591 600 = 45,64 ->
   * 0,46; 6 x 25 000 = 150 000 under 5 000: 15 000 000 / 105 462 = 142,23
   * -> 1,42, for 8,8 % of the population (105 462 / 1 195 234 = 8,82 %)
   * and 150 000 / 660 000 = 22,73 % of the amounts. */
  {
    g_autoptr(GPtrArray) scenarios = ess_store_list_scenarios (f->store, &error);
    g_autoptr(EssComparison) comparison = ess_comparison_new (scenarios, NULL, &population, 0, 0);
    g_autofree char *large = ess_comparison_cell (comparison, ESS_SCENARIO_INDICATOR_PER_INHABITANT_LARGE, 0);
    g_autofree char *medium = ess_comparison_cell (comparison, ESS_SCENARIO_INDICATOR_PER_INHABITANT_5000_PLUS, 0);
    g_autofree char *small = ess_comparison_cell (comparison, ESS_SCENARIO_INDICATOR_PER_INHABITANT_UNDER_5000, 0);
    g_autofree char *share = ess_comparison_cell (comparison, ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000, 0);
    g_autofree char *label = ess_comparison_row_label (comparison, ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000);

    g_assert_cmpstr (large, ==, "0,48\u00a0€");
    g_assert_cmpstr (medium, ==, "0,46\u00a0€");
    g_assert_cmpstr (small, ==, "1,42\u00a0€");
    g_assert_cmpstr (share, ==, "22,7\u00a0%");
    g_assert_true (g_str_has_suffix (label, "8,8\u00a0%)"));
  }
}

/* A database of schema 3 gets the seed scenarios when it is migrated,
 * once; a scenario deleted afterwards does not come back. */
static void
test_migration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-scenarios-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  EssStore *store;
  sqlite3 *db;

  store = ess_store_open (path, 0, &error);
  g_assert_no_error (error);
  ess_store_close (store);
  g_object_unref (store);

  /* Back to schema 3 by hand, as an older version left it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA foreign_keys = OFF;"
                                 "DROP TABLE scenario_portfolio; DROP TABLE scenario_territory_reach;"
                                 "DROP TABLE scenario_reach; DROP TABLE scenario_hypotheses;"
                                 "DROP TABLE scenario_assumptions; DROP TABLE scenario_line_amounts;"
                                 "DROP TABLE scenario_lines;"
                                 "CREATE TABLE history3 AS SELECT id, dossier_id, at, author, action, field, "
                                 "  old_value, new_value, comment FROM history WHERE scenario_id IS NULL;"
                                 "DROP TABLE history; ALTER TABLE history3 RENAME TO history;"
                                 "DROP TABLE scenarios; PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ess_store_open (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_get_schema_version (store), ==, 4);
  scenarios = ess_store_list_scenarios (store, &error);
  g_assert_cmpuint (scenarios->len, ==, 3);
  g_assert_true (ess_store_delete_scenario (store, ((EssScenario *) g_ptr_array_index (scenarios, 0))->id, &error));
  ess_store_close (store);
  g_object_unref (store);
  g_clear_pointer (&scenarios, g_ptr_array_unref);

  store = ess_store_open (path, 0, &error);
  scenarios = ess_store_list_scenarios (store, &error);
  g_assert_cmpuint (scenarios->len, ==, 2);
  g_assert_null (find (scenarios, "Poursuite d’un APT amendé et renforcé"));
  ess_store_close (store);
  g_object_unref (store);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/scenarios/seeded", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_seeded, fixture_tear_down);
  g_test_add ("/store/scenarios/round-trip", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/store/scenarios/position-gaps", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_position_gaps, fixture_tear_down);
  g_test_add ("/store/scenarios/refused", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/store/scenarios/portfolio", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_portfolio, fixture_tear_down);
  g_test_add ("/store/scenarios/population", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_population, fixture_tear_down);
  g_test_add_func ("/store/scenarios/migration", test_migration);

  return g_test_run ();
}
