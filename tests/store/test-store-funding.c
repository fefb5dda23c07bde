/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of funding plans, budgets, envelopes and findings in the database, on the demo data. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-money.h"
#include "ess-store.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"

#define S "\u202f"
#define E "\u00a0€"
#define NB "\u00a0"
#define CENTS(euros) ((gint64) (euros) * 100)

/* The demo data: APT-2012-001 (Ville de Lille, APT 2012, closed, 146 000
 * requested = proposed = granted) carries the Lille table of seed 002,
 * annexe 2, for 2013 (data/demo-funding-lille.csv). The three APT 2013
 * dossiers have no plan: 5 933 (closed) + 15 000 (granted) + 4 730
 * (agreement signed) = 25 663 granted in 2013. APT envelopes: 110 000 a
 * year, 2012 to 2014. */

typedef struct
{
  char     *dir;
  char     *path;
  EssStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ess-funding-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  ess_store_set_author (f->store, "Camille Test");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Plain SQLite, independent of the code under test. */

static gint64
sql_int (Fixture    *f,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
dossier_id (Fixture    *f,
            const char *reference)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ess_store_find_dossier (f->store, reference, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
history_count (Fixture *f)
{
  return sql_int (f, "SELECT count(*) FROM history");
}

static void
assert_finding (GPtrArray   *findings,
                guint        index,
                EssSeverity  severity,
                const char  *code,
                const char  *place,
                const char  *message)
{
  const EssFinding *finding;

  g_assert_cmpuint (index, <, findings->len);
  finding = g_ptr_array_index (findings, index);
  g_assert_cmpint (finding->severity, ==, severity);
  g_assert_cmpstr (finding->code, ==, code);
  g_assert_cmpstr (finding->place, ==, place);
  g_assert_cmpstr (finding->message, ==, message);
}

/* The demo plan. */

static void
test_demo_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssFundingPlan) plan = ess_store_load_funding_plan (f->store, dossier_id (f, "APT-2012-001"), &error);
  g_autoptr(EssFundingPlan) none = ess_store_load_funding_plan (f->store, dossier_id (f, "APT-2013-002"), &error);
  const EssFundingAction *action;
  gint64 total;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->actions->len, ==, 12);
  g_assert_cmpuint (plan->funders->len, ==, 2);
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (plan->funders, 0))->name, ==, "Lille Métropole");
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (plan->funders, 0))->kind, ==, "metropole");
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (plan->funders, 1))->name, ==, "Ville de Lille");
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (plan->funders, 1))->kind, ==, "commune");
  g_assert_cmpuint (plan->years->len, ==, 1);
  g_assert_cmpint (g_array_index (plan->years, int, 0), ==, 2013);
  g_assert_cmpstr (plan->realisation_labels[0], ==, "dont réalisation Ville de Lille");
  g_assert_cmpstr (plan->realisation_labels[1], ==, "dont réalisation opérateur externe");

  /* Annexe 2, row "Recherche, développement, innovation" 1. */
  action = g_ptr_array_index (plan->actions, 4);
  g_assert_cmpstr (action->axis, ==, "Recherche, développement, innovation");
  g_assert_cmpstr (action->number, ==, "1");
  g_assert_cmpstr (action->title, ==, "Poursuivre le travail d'accompagnement des filières (réemploi, agriculture biologique)");
  g_assert_true (g_str_has_prefix (action->partners, "CC, reconditionneurs informatique; Relais"));
  g_assert_cmpint (*ess_funding_plan_amount (plan, 4, 0, 0), ==, CENTS (16172));
  g_assert_cmpint (*ess_funding_plan_amount (plan, 4, 1, 0), ==, CENTS (18173));
  g_assert_cmpint (action->realisation[0], ==, CENTS (6000));
  g_assert_cmpint (action->realisation[1], ==, CENTS (28345));
  g_assert_true (action->has_declared_total);
  g_assert_cmpint (action->declared_total, ==, CENTS (34345));
  /* "Centre des innovations socio-économiques": no Métropole amount. */
  g_assert_cmpint (*ess_funding_plan_amount (plan, 6, 0, 0), ==, 0);

  /* Computed from the rows; the printed TOTAL line kept as printed. */
  g_assert_true (ess_funding_funder_total (plan, 0, &total));
  g_assert_cmpint (total, ==, CENTS (59827));
  g_assert_true (ess_funding_funder_total (plan, 1, &total));
  g_assert_cmpint (total, ==, CENTS (80718));
  g_assert_true (ess_funding_realisation_total (plan, 0, &total));
  g_assert_cmpint (total, ==, CENTS (61300));
  g_assert_true (ess_funding_realisation_total (plan, 1, &total));
  g_assert_cmpint (total, ==, CENTS (79245));
  g_assert_true (ess_funding_overall_total (plan, &total));
  g_assert_cmpint (total, ==, CENTS (140545));
  g_assert_cmpint (g_array_index (plan->declared_funder, gint64, 0), ==, CENTS (73000));
  g_assert_cmpint (g_array_index (plan->declared_funder, gint64, 1), ==, CENTS (96891));
  g_assert_cmpint (plan->declared_realisation[0], ==, CENTS (69300));
  g_assert_cmpint (plan->declared_realisation[1], ==, CENTS (100590));
  g_assert_cmpint (plan->declared_overall, ==, CENTS (169891));

  /* The rows on disk: 11 Métropole and 11 Ville cells are not 0. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_amounts"), ==, 22);
  g_assert_cmpint (sql_int (f, "SELECT sum(cents) FROM plan_amounts WHERE funder_position = 0"), ==, CENTS (59827));

  g_assert_true (ess_funding_plan_is_empty (none));
}

static void
test_demo_findings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = ess_store_dossier_findings (f->store, dossier_id (f, "APT-2012-001"), &error);
  g_autoptr(GPtrArray) hem = NULL;

  g_assert_no_error (error);
  /* The five printed totals, in table order; no row split, no row total:
   * every row of annexe 2 balances. Then the plan's Métropole total (one
   * year) against the 146 000 granted for two years, 86 173 apart, and
   * the APT 2012 envelope: 146 000 granted for 110 000, 132,7 %. */
  g_assert_cmpuint (findings->len, ==, 7);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "declared-funder", "Colonne Lille Métropole",
                  "total déclaré 73" S "000,00" E " ≠ somme des lignes 59" S "827,00" E " (écart 13" S "173,00" E ")");
  assert_finding (findings, 1, ESS_SEVERITY_ERROR, "declared-funder", "Colonne Ville de Lille",
                  "total déclaré 96" S "891,00" E " ≠ somme des lignes 80" S "718,00" E " (écart 16" S "173,00" E ")");
  assert_finding (findings, 2, ESS_SEVERITY_ERROR, "declared-realisation", "Colonne dont réalisation Ville de Lille",
                  "total déclaré 69" S "300,00" E " ≠ somme des lignes 61" S "300,00" E " (écart 8" S "000,00" E ")");
  assert_finding (findings, 3, ESS_SEVERITY_ERROR, "declared-realisation",
                  "Colonne dont réalisation opérateur externe",
                  "total déclaré 100" S "590,00" E " ≠ somme des lignes 79" S "245,00" E " (écart 21" S "345,00" E ")");
  assert_finding (findings, 4, ESS_SEVERITY_ERROR, "declared-total", "Total général",
                  "total déclaré 169" S "891,00" E " ≠ somme des lignes 140" S "545,00" E " (écart 29" S "346,00" E ")");
  assert_finding (findings, 5, ESS_SEVERITY_WARNING, "metropole-granted", "Colonne Lille Métropole",
                  "total Métropole du plan 59" S "827,00" E " ≠ montant accordé 146" S "000,00" E
                  " (écart 86" S "173,00" E ")");
  assert_finding (findings, 6, ESS_SEVERITY_ERROR, "envelope", "Enveloppe APT 2012",
                  "accordé 146" S "000,00" E " > enveloppe 110" S "000,00" E " (dépassement 36" S "000,00" E
                  ", consommation 132,7" NB "%)");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A maximum Métropole rate of 40 % on the APT: 59 827 / 140 545 =
   * 42,57 %; 40 % of 140 545 = 56 218; 3 609 over. */
  g_assert_true (ess_store_set_scheme_max_rate (f->store, "APT", 4000, &error));
  g_assert_no_error (error);
  findings = ess_store_dossier_findings (f->store, dossier_id (f, "APT-2012-001"), &error);
  g_assert_cmpuint (findings->len, ==, 8);
  assert_finding (findings, 5, ESS_SEVERITY_ERROR, "metropole-rate", "Colonne Lille Métropole",
                  "part Métropole de 42,57" NB "% du total 140" S "545,00" E
                  " au-dessus du taux maximal du dispositif (40" NB "%)" NB ": Métropole 59" S "827,00" E
                  ", maximum 56" S "218,00" E " (dépassement 3" S "609,00" E ")");

  /* Hem: no plan, no budget: the 2013 envelope, 25 663 of 110 000. */
  hem = ess_store_dossier_findings (f->store, dossier_id (f, "APT-2013-002"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hem->len, ==, 1);
  assert_finding (hem, 0, ESS_SEVERITY_INFO, "envelope", "Enveloppe APT 2013",
                  "accordé 25" S "663,00" E " sur une enveloppe de 110" S "000,00" E
                  " (consommation 23,3" NB "%, reste 84" S "337,00" E ")");

  /* An unknown dossier. */
  g_assert_null (ess_store_dossier_findings (f->store, 999, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
}

/* Saving a plan. */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_id (f, "APT-2012-001");
  g_autoptr(EssFundingPlan) plan = ess_store_load_funding_plan (f->store, id, &error);
  g_autoptr(EssFundingPlan) loaded = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const EssHistoryEvent *event;
  EssFundingAction *action;
  gint64 events = history_count (f);
  guint region;

  /* A funder, a year, an action with hard text, new labels; the
   * declared totals changed to values that still disagree with the rows. */
  region = ess_funding_plan_add_funder (plan, "Région Hauts-de-France", "region");
  ess_funding_plan_add_year (plan, 2014);
  *ess_funding_plan_amount (plan, 0, region, 1) = 123456;
  *ess_funding_plan_amount (plan, 11, 0, 1) = CENTS (2000);
  action = ess_funding_plan_insert_action (plan, 3);
  g_free (action->title);
  action->title = g_strdup ("Un titre « avec » des \"guillemets\";\nsur deux lignes");
  g_free (action->partners);
  action->partners = g_strdup ("APES\tCRESS");
  action->realisation[0] = 1;
  g_free (plan->realisation_labels[0]);
  plan->realisation_labels[0] = g_strdup ("Réalisation par la ville");
  plan->declared_overall = CENTS (200000);
  g_array_index (plan->has_declared_funder, gboolean, 1) = FALSE;

  g_assert_true (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_no_error (error);
  loaded = ess_store_load_funding_plan (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ess_funding_plan_equal (plan, loaded));
  /* Kept as declared: 200 000, not the 140 545 + 1 234,56 + 2 000 of the rows. */
  g_assert_true (loaded->has_declared_overall);
  g_assert_cmpint (loaded->declared_overall, ==, CENTS (200000));
  g_assert_false (g_array_index (loaded->has_declared_funder, gboolean, 1));
  g_assert_cmpint (g_array_index (loaded->declared_funder, gint64, 0), ==, CENTS (73000));

  /* One event: 12 actions for 140 545 before, 13 for 140 545 + 1 234,56
   * + 2 000 = 143 779,56 after. */
  g_assert_cmpint (history_count (f), ==, events + 1);
  history = ess_store_list_history (f->store, id, &error);
  event = g_ptr_array_index (history, 0);
  g_assert_cmpstr (event->action, ==, "funding");
  g_assert_cmpstr (event->field, ==, "funding-plan");
  g_assert_cmpstr (event->author, ==, "Camille Test");
  g_assert_cmpstr (event->old_value, ==, "12 actions, total 140" S "545,00" E);
  g_assert_cmpstr (event->new_value, ==, "13 actions, total 143" S "779,56" E);

  /* Saving the same plan again writes nothing. */
  g_assert_true (ess_store_save_funding_plan (f->store, id, loaded, &error));
  g_assert_cmpint (history_count (f), ==, events + 1);

  /* An empty plan replaces it. */
  g_clear_pointer (&plan, ess_funding_plan_free);
  plan = ess_funding_plan_new ();
  g_assert_true (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_actions"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_amounts"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_funders"), ==, 0);
  g_clear_pointer (&loaded, ess_funding_plan_free);
  loaded = ess_store_load_funding_plan (f->store, id, &error);
  g_assert_true (ess_funding_plan_is_empty (loaded));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_id (f, "APT-2012-001");
  g_autoptr(EssFundingPlan) plan = ess_store_load_funding_plan (f->store, id, &error);
  g_autoptr(EssFundingPlan) loaded = NULL;
  g_autoptr(EssFundingPlan) before = ess_funding_plan_copy (plan);
  gint64 events = history_count (f);

  /* A negative amount: a French message naming the cell, nothing written. */
  *ess_funding_plan_amount (plan, 1, 1, 0) = -50;
  g_assert_false (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 2, colonne «" NB "Ville de Lille 2013" NB "»" NB ": -0,50" E
                   " est négatif" NB ": un montant du plan vaut 0 ou plus");
  g_clear_error (&error);
  loaded = ess_store_load_funding_plan (f->store, id, &error);
  g_assert_true (ess_funding_plan_equal (loaded, before));
  g_assert_cmpint (history_count (f), ==, events);

  /* A year out of range. */
  *ess_funding_plan_amount (plan, 1, 1, 0) = 0;
  ess_funding_plan_add_year (plan, 1850);
  g_assert_false (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_YEAR);
  g_assert_cmpstr (error->message, ==, "L’année 1850 n’est pas comprise entre 1900 et 2200.");
  g_clear_error (&error);

  /* No such dossier. */
  g_assert_false (ess_store_save_funding_plan (f->store, 999, before, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&loaded, ess_funding_plan_free);
  loaded = ess_store_load_funding_plan (f->store, id, &error);
  g_assert_true (ess_funding_plan_equal (loaded, before));
  g_assert_cmpint (history_count (f), ==, events);
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_id (f, "APT-2012-001");
  g_autoptr(EssFundingPlan) plan = ess_store_load_funding_plan (f->store, id, &error);
  g_autoptr(EssFundingPlan) before = ess_funding_plan_copy (plan);
  g_autoptr(EssFundingPlan) loaded = NULL;
  EssFundingAction *action = g_ptr_array_index (plan->actions, 7);
  gint64 events = history_count (f);

  /* The disk refuses the 8th action, after the old rows are deleted and
   * 7 new ones written: the transaction must undo all of it. */
  sql_exec (f, "CREATE TRIGGER boom BEFORE INSERT ON plan_actions WHEN NEW.title = 'boom' "
               "BEGIN SELECT RAISE (ABORT, 'boom'); END");
  g_free (action->title);
  action->title = g_strdup ("boom");
  *ess_funding_plan_amount (plan, 0, 0, 0) = CENTS (1);

  g_assert_false (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  loaded = ess_store_load_funding_plan (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ess_funding_plan_equal (loaded, before));
  g_assert_cmpint (history_count (f), ==, events);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_actions"), ==, 12);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_amounts"), ==, 22);

  /* The store still writes after the failure. */
  sql_exec (f, "DROP TRIGGER boom");
  g_assert_true (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (f), ==, events + 1);
}

/* A balanced budget, in euros: 60 Achats 1 000 + 64 Personnel 10 000 +
 * 864 Personnel bénévole 2 000 = 13 000 of charges; 70 Ventes 2 000 +
 * 74 Commune(s) 5 000 + 74 EPCI 4 000 + 870 Bénévolat 2 000 = 13 000 of
 * products; the report says 1 250 spent on 60. */
static EssBudget *
demo_budget (EssStore *store,
             gint64    id)
{
  g_autoptr(GError) error = NULL;
  EssBudget *budget = ess_store_load_budget (store, id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < budget->lines->len; i++)
    {
      EssBudgetLine *line = g_ptr_array_index (budget->lines, i);

      if (g_str_equal (line->code, "60"))
        {
          line->forecast_cents = CENTS (1000);
          line->has_actual = TRUE;
          line->actual_cents = CENTS (1250);
        }
      else if (g_str_equal (line->code, "64"))
        line->forecast_cents = CENTS (10000);
      else if (g_str_equal (line->code, "864") || g_str_equal (line->code, "870") || g_str_equal (line->code, "70"))
        line->forecast_cents = CENTS (2000);
      else if (g_strcmp0 (line->funder_kind, "commune") == 0)
        line->forecast_cents = CENTS (5000);
      else if (g_strcmp0 (line->funder_kind, "epci") == 0)
        line->forecast_cents = CENTS (4000);
    }
  return budget;
}

static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_id (f, "APT-2013-003");
  g_autoptr(EssBudget) empty = ess_store_load_budget (f->store, id, &error);
  g_autoptr(EssBudget) budget = demo_budget (f->store, id);
  g_autoptr(EssBudget) loaded = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const EssHistoryEvent *event;
  gint64 events = history_count (f);

  /* None yet: the 38 lines of the Cerfa, empty. */
  g_assert_cmpuint (empty->lines->len, ==, 38);
  g_assert_true (ess_budget_is_empty (empty));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM budget_lines"), ==, 0);

  g_assert_true (ess_store_save_budget (f->store, id, budget, &error));
  g_assert_no_error (error);
  loaded = ess_store_load_budget (f->store, id, &error);
  g_assert_true (ess_budget_equal (budget, loaded));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM budget_lines"), ==, 38);
  g_assert_cmpint (sql_int (f, "SELECT actual_cents FROM budget_lines WHERE code = '60'"), ==, CENTS (1250));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM budget_lines WHERE actual_cents IS NULL"), ==, 37);

  g_assert_cmpint (history_count (f), ==, events + 1);
  history = ess_store_list_history (f->store, id, &error);
  event = g_ptr_array_index (history, 0);
  g_assert_cmpstr (event->action, ==, "funding");
  g_assert_cmpstr (event->field, ==, "budget");
  g_assert_null (event->old_value);
  g_assert_cmpstr (event->new_value, ==, "charges 13" S "000,00" E ", produits 13" S "000,00" E);

  /* Unchanged: nothing written. */
  g_assert_true (ess_store_save_budget (f->store, id, loaded, &error));
  g_assert_cmpint (history_count (f), ==, events + 1);

  /* A negative amount: refused, nothing written. */
  ((EssBudgetLine *) g_ptr_array_index (budget->lines, 1))->forecast_cents = -1;
  g_assert_false (ess_store_save_budget (f->store, id, budget, &error));
  g_assert_error (error, ESS_BUDGET_ERROR, ESS_BUDGET_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 61 «" NB "Services extérieurs" NB "», prévisionnel" NB ": -0,01" E
                   " est négatif" NB ": un montant du budget vaut 0 ou plus");
  g_clear_error (&error);
  g_assert_cmpint (history_count (f), ==, events + 1);
  g_assert_cmpint (sql_int (f, "SELECT forecast_cents FROM budget_lines WHERE code = '61'"), ==, 0);

  /* The budget's checks come with the dossier's findings: balanced, no
   * plan to compare line 74 with; only the 2013 envelope. */
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_cmpuint (findings->len, ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* 500 more on 60: 13 500 against 13 000. */
  ((EssBudgetLine *) g_ptr_array_index (loaded->lines, 0))->forecast_cents = CENTS (1500);
  g_assert_true (ess_store_save_budget (f->store, id, loaded, &error));
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "budget-balance", "Budget",
                  "charges 13" S "500,00" E " ≠ produits 13" S "000,00" E " (écart 500,00" E ")");
}

static void
test_cascade (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_id (f, "APT-2012-001");
  g_autoptr(EssBudget) budget = demo_budget (f->store, id);

  g_assert_true (ess_store_save_budget (f->store, id, budget, &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM budget_lines"), ==, 38);

  /* In the trash, the plan and budget stay (the dossier can come back). */
  g_assert_true (ess_store_trash_dossiers (f->store, &id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_actions"), ==, 12);

  /* Purged: everything goes with it. */
  g_assert_true (ess_store_empty_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM funding_plans"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_funders"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_years"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_actions"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM plan_amounts"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM budget_lines"), ==, 0);
}

/* Envelopes and scheme settings. */

static char *
envelopes_text (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ess_store_list_envelopes (f->store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const EssEnvelopeRow *row = g_ptr_array_index (rows, i);

      g_string_append_printf (out, "%s %d: %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT "\n",
                              row->scheme, row->year, row->envelope_cents, row->proposed_cents,
                              row->granted_cents, row->paid_cents);
    }
  return g_string_free (out, FALSE);
}

static void
test_envelopes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = envelopes_text (f);
  gint64 hem = dossier_id (f, "APT-2013-002");
  gint64 tressin = dossier_id (f, "APT-2013-001");
  EssPayment paid = { .kind = ESS_PAYMENT_ADVANCE, .amount_cents = CENTS (5000), .paid_on = (char *) "2013-06-01" };
  EssPayment planned = { .kind = ESS_PAYMENT_BALANCE, .amount_cents = CENTS (3000), .planned_on = (char *) "2014-06-01" };
  gint64 events;

  /* Envelope, proposed, granted, paid; 2014 has an envelope and no dossier. */
  g_assert_cmpstr (text, ==,
                   "APT 2012: 11000000 14600000 14600000 0\n"
                   "APT 2013: 11000000 2566300 2566300 0\n"
                   "APT 2014: 11000000 0 0 0\n");
  g_clear_pointer (&text, g_free);

  /* Paid counts the payments made, not the planned ones; a dossier in
   * the trash counts for nothing (Tressin: 5 933). */
  g_assert_cmpint (ess_store_add_payment (f->store, hem, &paid, &error), >, 0);
  g_assert_cmpint (ess_store_add_payment (f->store, hem, &planned, &error), >, 0);
  g_assert_true (ess_store_trash_dossiers (f->store, &tressin, 1, &error));
  g_assert_no_error (error);
  text = envelopes_text (f);
  g_assert_cmpstr (text, ==,
                   "APT 2012: 11000000 14600000 14600000 0\n"
                   "APT 2013: 11000000 1973000 1973000 500000\n"
                   "APT 2014: 11000000 0 0 0\n");
  g_clear_pointer (&text, g_free);

  /* Set, change, remove; one history event each, none when unchanged. */
  events = history_count (f);
  g_assert_true (ess_store_set_envelope (f->store, "APT", 2013, CENTS (120000), &error));
  g_assert_true (ess_store_set_envelope (f->store, "APT", 2013, CENTS (120000), &error));
  g_assert_true (ess_store_set_envelope (f->store, "APP", 2024, 5000050, &error));
  g_assert_true (ess_store_set_envelope (f->store, "APT", 2014, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (f), ==, events + 3);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM history WHERE action = 'envelope' AND dossier_id IS NULL"), ==, 3);
  text = envelopes_text (f);
  g_assert_cmpstr (text, ==,
                   "APP 2024: 5000050 0 0 0\n"
                   "APT 2012: 11000000 14600000 14600000 0\n"
                   "APT 2013: 12000000 1973000 1973000 500000\n");
  g_clear_pointer (&text, g_free);

  /* Refused, with nothing changed. */
  events = history_count (f);
  g_assert_false (ess_store_set_envelope (f->store, "APT", 1850, CENTS (1000), &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "L’année 1850 n’est pas comprise entre 1900 et 2200.");
  g_clear_error (&error);
  g_assert_false (ess_store_set_envelope (f->store, "XYZ", 2013, CENTS (1000), &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Dispositif inconnu «" NB "XYZ" NB "».");
  g_clear_error (&error);
  g_assert_cmpint (history_count (f), ==, events);
  text = envelopes_text (f);
  g_assert_cmpstr (text, ==,
                   "APP 2024: 5000050 0 0 0\n"
                   "APT 2012: 11000000 14600000 14600000 0\n"
                   "APT 2013: 12000000 1973000 1973000 500000\n");
}

static void
test_max_rate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 events = history_count (f);

  g_assert_cmpint (ess_store_get_scheme_max_rate (f->store, "APT", &error), ==, -1);
  g_assert_true (ess_store_set_scheme_max_rate (f->store, "APT", 8000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_get_scheme_max_rate (f->store, "APT", &error), ==, 8000);
  g_assert_cmpint (sql_int (f, "SELECT max_rate_bp FROM schemes WHERE code = 'APT'"), ==, 8000);
  g_assert_cmpint (history_count (f), ==, events + 1);
  g_assert_true (ess_store_set_scheme_max_rate (f->store, "APT", 8000, &error));
  g_assert_cmpint (history_count (f), ==, events + 1);

  /* Refused, nothing changed. */
  g_assert_false (ess_store_set_scheme_max_rate (f->store, "APT", 10001, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Un taux maximal de 100,01" NB "% n’est pas compris entre 0" NB "% et 100" NB "%.");
  g_clear_error (&error);
  g_assert_false (ess_store_set_scheme_max_rate (f->store, "APT", -2, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ess_store_set_scheme_max_rate (f->store, "XYZ", 5000, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ess_store_get_scheme_max_rate (f->store, "APT", &error), ==, 8000);
  g_assert_cmpint (history_count (f), ==, events + 1);

  /* -1: no maximum. */
  g_assert_true (ess_store_set_scheme_max_rate (f->store, "APT", -1, &error));
  g_assert_cmpint (ess_store_get_scheme_max_rate (f->store, "APT", &error), ==, -1);
  g_assert_cmpint (sql_int (f, "SELECT max_rate_bp IS NULL FROM schemes WHERE code = 'APT'"), ==, 1);
}

static void
test_overflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gint64 id = dossier_id (f, "APT-2013-002");

  /* Two granted amounts that fit alone, not together: the envelope says
   * so rather than a wrong consumption or a failed query. */
  sql_exec (f, "UPDATE dossiers SET granted_cents = 9223372036854775000 WHERE reference = 'APT-2013-002'");
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (findings);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "overflow", "Enveloppe APT 2013",
                  "la somme des montants est trop grande pour être calculée");
  /* And the applicant's aid over 3 years holds it alone: over the ceiling. */
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpstr (((EssFinding *) g_ptr_array_index (findings, 1))->code, ==, "de-minimis");

  /* The envelope list refuses to give a wrong sum. */
  g_assert_null (ess_store_list_envelopes (f->store, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_SQL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "enveloppes"));
}

static void
test_de_minimis (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *applicant = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                sql_int (f, "SELECT id FROM applicants WHERE name = 'Travail et Culture'"));
  gint64 id = ess_store_create_dossier (f->store, "APP", 2023, &error);

  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_APPLICANT, applicant, &error));
  g_assert_no_error (error);

  /* An open dossier counts with its request, on 1 January of its year
   * when it has no decision date: (2020-01-01, 2023-01-01] holds it
   * alone (the 4 730 of APT-2013-003 count on 2013-01-01). The ceiling
   * in force on 2023-01-01 is 200 000: reached, not passed. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "20000000", &error));
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* One cent more: over. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "20000001", &error));
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "de-minimis", "Porteur Travail et Culture",
                  "aides sur 3 ans jusqu’au 01/01/2023" NB ": 200" S "000,01" E " > plafond de minimis 200" S "000,00" E
                  " (dépassement 0,01" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Decided on 2024-02-01: the 300 000 ceiling of 2024 applies. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_DECIDED_ON, "2024-02-01", &error));
  g_assert_no_error (error);
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The ceilings are read from the aid_ceilings table: 150 000 from 2024. */
  sql_exec (f, "UPDATE aid_ceilings SET amount_cents = 15000000 WHERE kind = 'general' AND from_on = '2024-01-01'");
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "de-minimis", "Porteur Travail et Culture",
                  "aides sur 3 ans jusqu’au 01/02/2024" NB ": 200" S "000,01" E " > plafond de minimis 150" S "000,00" E
                  " (dépassement 50" S "000,01" E ")");
}

/* The Preferences write their ceilings into the database: checked first,
 * written in one go, and the checks of the dossiers use them. */
static void
test_replace_ceilings (Fixture       *f,
                       gconstpointer  data)
{
  const EssAidCeiling ours[] = {
    { "general", "2007-01-01", 20000000, 3 },
    { "general", "2024-01-01", 40000000, 3 },
    { "sgei", "2012-04-29", 50000000, 3 },
  };
  const EssAidCeiling repeated[] = {
    { "general", "2024-01-01", 40000000, 3 },
    { "general", "2024-01-01", 10000000, 3 },
  };
  const EssAidCeiling bad_date[] = {
    { "general", "2024-13-01", 40000000, 3 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autofree char *applicant = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                sql_int (f, "SELECT id FROM applicants WHERE name = 'Travail et Culture'"));
  gint64 id = ess_store_create_dossier (f->store, "APP", 2024, &error);

  g_assert_no_error (error);
  /* 350 000 requested in 2024: over the 300 000 of the regulation. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_APPLICANT, applicant, &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "35000000", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_DECIDED_ON, "2024-06-01", &error));
  g_assert_no_error (error);
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_cmpuint (findings->len, ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* 400 000 from 2024: within. */
  g_assert_true (ess_store_replace_aid_ceilings (f->store, ours, G_N_ELEMENTS (ours), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM aid_ceilings"), ==, 3);
  g_assert_cmpint (sql_int (f, "SELECT amount_cents FROM aid_ceilings WHERE kind = 'general' AND from_on = '2024-01-01'"),
                   ==, 40000000);
  findings = ess_store_dossier_findings (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 0);

  /* Refused, and nothing changed: the same kind and date twice, a date that does not exist. */
  g_assert_false (ess_store_replace_aid_ceilings (f->store, repeated, G_N_ELEMENTS (repeated), &error));
  g_assert_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING);
  g_clear_error (&error);
  g_assert_false (ess_store_replace_aid_ceilings (f->store, bad_date, G_N_ELEMENTS (bad_date), &error));
  g_assert_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING);
  g_clear_error (&error);
  listed = ess_store_list_aid_ceilings (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpstr (g_array_index (listed, EssAidCeiling, 2).kind, ==, "sgei");
  g_assert_cmpint (g_array_index (listed, EssAidCeiling, 1).amount_cents, ==, 40000000);

  /* The same ceilings again: accepted, still three. */
  g_assert_true (ess_store_replace_aid_ceilings (f->store, ours, G_N_ELEMENTS (ours), &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM aid_ceilings"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store-funding/demo-plan", test_demo_plan);
  ADD ("/store-funding/demo-findings", test_demo_findings);
  ADD ("/store-funding/round-trip", test_round_trip);
  ADD ("/store-funding/refused", test_refused);
  ADD ("/store-funding/rollback", test_rollback);
  ADD ("/store-funding/budget", test_budget);
  ADD ("/store-funding/cascade", test_cascade);
  ADD ("/store-funding/envelopes", test_envelopes);
  ADD ("/store-funding/max-rate", test_max_rate);
  ADD ("/store-funding/de-minimis", test_de_minimis);
  ADD ("/store-funding/overflow", test_overflow);
  ADD ("/store-funding/replace-ceilings", test_replace_ceilings);
#undef ADD

  return g_test_run ();
}
