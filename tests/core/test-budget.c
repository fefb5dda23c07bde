/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the Cerfa 12156 budget: totals, balance, 86 = 87, line 74 against the plan, gaps, CSV. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-budget.h"

#define S "\u202f"
#define E "\u00a0€"
#define NB "\u00a0"
#define CENTS(euros) ((gint64) (euros) * 100)

/* The line with @code (and, for the 74 sub-lines, @kind). */
static EssBudgetLine *
line (EssBudget  *budget,
      const char *code,
      const char *kind)
{
  for (guint i = 0; i < budget->lines->len; i++)
    {
      EssBudgetLine *l = g_ptr_array_index (budget->lines, i);

      if (g_str_equal (l->code, code) && g_strcmp0 (l->funder_kind, kind) == 0)
        return l;
    }
  g_assert_not_reached ();
}

/* A balanced budget, in euros:
 *   charges:  60 Achats 1 000, 64 Personnel 10 000          = 11 000
 *             864 Personnel bénévole 2 000 (86)            =  2 000   -> 13 000
 *   produits: 70 Ventes 2 000, 74 Commune(s) 5 000,
 *             74 EPCI 4 000                                = 11 000
 *             870 Bénévolat 2 000 (87)                     =  2 000   -> 13 000 */
static EssBudget *
balanced_budget (void)
{
  EssBudget *budget = ess_budget_new_default ();

  line (budget, "60", NULL)->forecast_cents = CENTS (1000);
  line (budget, "64", NULL)->forecast_cents = CENTS (10000);
  line (budget, "864", NULL)->forecast_cents = CENTS (2000);
  line (budget, "70", NULL)->forecast_cents = CENTS (2000);
  line (budget, "74", "commune")->forecast_cents = CENTS (5000);
  line (budget, "74", "epci")->forecast_cents = CENTS (4000);
  line (budget, "870", NULL)->forecast_cents = CENTS (2000);
  return budget;
}

/* Lille Métropole 4 000 and Ville de Lille 5 000 over two actions. */
static EssFundingPlan *
plan_for (gint64 metropole)
{
  EssFundingPlan *plan = ess_funding_plan_new ();

  ess_funding_plan_add_funder (plan, "Lille Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Ville de Lille", "commune");
  ess_funding_plan_add_funder (plan, "Autofinancement", "autofinancement");
  ess_funding_plan_add_year (plan, 2024);
  ess_funding_plan_insert_action (plan, 0);
  ess_funding_plan_insert_action (plan, 1);
  *ess_funding_plan_amount (plan, 0, 0, 0) = metropole - CENTS (1000);
  *ess_funding_plan_amount (plan, 1, 0, 0) = CENTS (1000);
  *ess_funding_plan_amount (plan, 0, 1, 0) = CENTS (2000);
  *ess_funding_plan_amount (plan, 1, 1, 0) = CENTS (3000);
  *ess_funding_plan_amount (plan, 1, 2, 0) = CENTS (700);   /* not a subsidy: no 74 line */
  return plan;
}

static void
assert_finding (GPtrArray   *findings,
                guint        index,
                const char  *code,
                const char  *place,
                int          column,
                const char  *message)
{
  const EssFinding *finding;

  g_assert_cmpuint (index, <, findings->len);
  finding = g_ptr_array_index (findings, index);
  g_assert_cmpstr (finding->code, ==, code);
  g_assert_cmpstr (finding->place, ==, place);
  g_assert_cmpint (finding->row, ==, -1);
  g_assert_cmpint (finding->column, ==, column);
  g_assert_cmpstr (finding->message, ==, message);
}

static void
test_default_lines (void)
{
  g_autoptr(EssBudget) budget = ess_budget_new_default ();
  g_autoptr(EssBudget) copy = NULL;
  guint n_74 = 0;

  /* 9 charge accounts + charges indirectes + 86 and its 4 sub-lines;
   * 70, 73, 74 and its 10 funders, 75 and 2, 76, 78, ressources propres,
   * 87 and 3. */
  g_assert_cmpuint (budget->lines->len, ==, 38);
  g_assert_cmpstr (((EssBudgetLine *) g_ptr_array_index (budget->lines, 0))->code, ==, "60");
  g_assert_cmpstr (((EssBudgetLine *) g_ptr_array_index (budget->lines, 37))->code, ==, "875");
  for (guint i = 0; i < budget->lines->len; i++)
    if (((EssBudgetLine *) g_ptr_array_index (budget->lines, i))->funder_kind != NULL)
      n_74++;
  g_assert_cmpuint (n_74, ==, 10);
  g_assert_true (ess_budget_is_empty (budget));

  copy = ess_budget_copy (budget);
  g_assert_true (ess_budget_equal (budget, copy));
  line (copy, "63", NULL)->forecast_cents = 1;
  g_assert_false (ess_budget_equal (budget, copy));
  g_assert_false (ess_budget_is_empty (copy));

  g_assert_cmpstr (ess_budget_kind_for_funder ("metropole"), ==, "epci");
  g_assert_cmpstr (ess_budget_kind_for_funder ("commune"), ==, "commune");
  g_assert_null (ess_budget_kind_for_funder ("autofinancement"));
}

static void
test_balanced (void)
{
  g_autoptr(EssBudget) budget = balanced_budget ();
  g_autoptr(EssFundingPlan) plan = plan_for (CENTS (4000));
  g_autoptr(GPtrArray) findings = NULL;
  EssBudgetTotals totals;
  gint64 sum;

  g_assert_true (ess_budget_totals (budget, FALSE, &totals));
  g_assert_cmpint (totals.charges, ==, CENTS (11000));
  g_assert_cmpint (totals.contributions_86, ==, CENTS (2000));
  g_assert_cmpint (totals.charges_total, ==, CENTS (13000));
  g_assert_cmpint (totals.products, ==, CENTS (11000));
  g_assert_cmpint (totals.contributions_87, ==, CENTS (2000));
  g_assert_cmpint (totals.products_total, ==, CENTS (13000));

  /* Line 74 is the sum of its sub-lines: 5 000 + 4 000. */
  for (guint i = 0; i < budget->lines->len; i++)
    if (g_ptr_array_index (budget->lines, i) == line (budget, "74", NULL))
      {
        g_assert_true (ess_budget_line_sum (budget, i, FALSE, &sum));
        g_assert_cmpint (sum, ==, CENTS (9000));
      }

  findings = ess_budget_check (budget, plan);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_not_balanced (void)
{
  g_autoptr(EssBudget) budget = balanced_budget ();
  g_autoptr(GPtrArray) findings = NULL;

  /* 60: 1 500: charges 13 500 against products 13 000. */
  line (budget, "60", NULL)->forecast_cents = CENTS (1500);
  findings = ess_budget_check (budget, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, "budget-balance", "Budget", -1,
                  "charges 13" S "500,00" E " ≠ produits 13" S "000,00" E " (écart 500,00" E ")");
  g_assert_cmpint (((EssFinding *) g_ptr_array_index (findings, 0))->severity, ==, ESS_SEVERITY_ERROR);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* 870: 1 500 and 60 back to 1 000: 86 (2 000) against 87 (1 500), and
   * the totals 13 000 against 12 500. */
  line (budget, "60", NULL)->forecast_cents = CENTS (1000);
  line (budget, "870", NULL)->forecast_cents = CENTS (1500);
  findings = ess_budget_check (budget, NULL);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, 0, "budget-balance", "Budget", -1,
                  "charges 13" S "000,00" E " ≠ produits 12" S "500,00" E " (écart 500,00" E ")");
  assert_finding (findings, 1, "budget-contributions", "Lignes 86 et 87", -1,
                  "emplois des contributions volontaires en nature (86) 2" S "000,00" E
                  " ≠ contributions volontaires en nature (87) 1" S "500,00" E " (écart 500,00" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Balanced again with 86 = 87 = 1 500 on other sub-lines. */
  line (budget, "864", NULL)->forecast_cents = CENTS (500);
  line (budget, "861", NULL)->forecast_cents = CENTS (1000);
  line (budget, "870", NULL)->forecast_cents = CENTS (1000);
  line (budget, "875", NULL)->forecast_cents = CENTS (500);
  findings = ess_budget_check (budget, NULL);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_line_74 (void)
{
  g_autoptr(EssBudget) budget = balanced_budget ();
  g_autoptr(EssFundingPlan) plan = plan_for (CENTS (4500));
  g_autoptr(GPtrArray) findings = NULL;

  /* The plan says 4 500 for the Métropole, the budget 4 000 on the EPCI line. */
  findings = ess_budget_check (budget, plan);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, "budget-funders", "Ligne 74" NB "Intercommunalité(s) – EPCI", 0,
                  "Lille Métropole dans le plan de financement 4" S "500,00" E " ≠ budget 4" S "000,00" E
                  " (écart 500,00" E ")");
  g_assert_cmpint (((EssFinding *) g_ptr_array_index (findings, 0))->severity, ==, ESS_SEVERITY_WARNING);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&plan, ess_funding_plan_free);

  /* 1 000 of the commune line moved to the Région line, which the plan
   * does not have: both said, in the form's order of funders. */
  plan = plan_for (CENTS (4000));
  line (budget, "74", "commune")->forecast_cents = CENTS (4000);
  line (budget, "74", "region")->forecast_cents = CENTS (1000);
  findings = ess_budget_check (budget, plan);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, 0, "budget-funders", "Ligne 74" NB "Commune(s)", 1,
                  "Ville de Lille dans le plan de financement 5" S "000,00" E " ≠ budget 4" S "000,00" E
                  " (écart 1" S "000,00" E ")");
  assert_finding (findings, 1, "budget-funders", "Ligne 74" NB "Région(s)", -1,
                  "aucun financeur de ce type dans le plan de financement, budget 1" S "000,00" E);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Two funders of one kind are summed against their one line. */
  ess_funding_plan_add_funder (plan, "Ville de Loos", "commune");
  line (budget, "74", "commune")->forecast_cents = CENTS (5000);
  line (budget, "74", "region")->forecast_cents = 0;
  findings = ess_budget_check (budget, plan);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);
  *ess_funding_plan_amount (plan, 1, 3, 0) = CENTS (250);
  findings = ess_budget_check (budget, plan);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, "budget-funders", "Ligne 74" NB "Commune(s)", 1,
                  "Ville de Lille, Ville de Loos dans le plan de financement 5" S "250,00" E " ≠ budget 5" S "000,00" E
                  " (écart 250,00" E ")");
}

static void
test_gap (void)
{
  EssBudgetLine l = { .forecast_cents = CENTS (10000) };
  gint64 gap = 42, bp = 42;

  /* No actual amount yet: no gap. */
  ess_budget_line_gap (&l, &gap, &bp);
  g_assert_cmpint (gap, ==, 0);
  g_assert_cmpint (bp, ==, 0);

  /* 12 500 for 10 000: +2 500, +25 %. */
  l.has_actual = TRUE;
  l.actual_cents = CENTS (12500);
  ess_budget_line_gap (&l, &gap, &bp);
  g_assert_cmpint (gap, ==, CENTS (2500));
  g_assert_cmpint (bp, ==, 2500);

  /* 6 666,66 for 10 000: -3 333,34, -33,33 %. */
  l.actual_cents = 666666;
  ess_budget_line_gap (&l, &gap, &bp);
  g_assert_cmpint (gap, ==, -333334);
  g_assert_cmpint (bp, ==, -3333);
}

static void
test_overflow (void)
{
  g_autoptr(EssBudget) budget = ess_budget_new_default ();
  g_autoptr(GPtrArray) findings = NULL;
  EssBudgetTotals totals = { .charges = 42 };

  line (budget, "60", NULL)->forecast_cents = G_MAXINT64;
  line (budget, "61", NULL)->forecast_cents = 1;
  g_assert_false (ess_budget_totals (budget, FALSE, &totals));
  g_assert_cmpint (totals.charges, ==, 42);   /* left alone */

  findings = ess_budget_check (budget, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, "overflow", "Budget", -1, "la somme des montants est trop grande pour être calculée");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Sub-lines too. */
  line (budget, "61", NULL)->forecast_cents = 0;
  line (budget, "870", NULL)->forecast_cents = G_MAXINT64;
  line (budget, "875", NULL)->forecast_cents = 1;
  g_assert_false (ess_budget_totals (budget, FALSE, &totals));
}

static void
test_csv (void)
{
  g_autoptr(EssBudget) budget = balanced_budget ();
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  /* The report: 60 spent 1 250 for 1 000 (+250, +25 %). */
  line (budget, "60", NULL)->has_actual = TRUE;
  line (budget, "60", NULL)->actual_cents = CENTS (1250);
  csv = ess_budget_to_csv (budget);
  lines = g_strsplit (csv, "\n", -1);

  /* Header + 38 lines + 2 totals, then the empty string after the last \n. */
  g_assert_cmpuint (g_strv_length (lines), ==, 42);
  g_assert_cmpstr (lines[0], ==, "\xef\xbb\xbf" "Compte;Libellé;Nature;Prévisionnel;Réalisé;Écart;Écart (%)");
  g_assert_cmpstr (lines[1], ==, "60;Achats;Charges;1000,00;1250,00;250,00;25,00");
  g_assert_cmpstr (lines[2], ==, "61;Services extérieurs;Charges;0,00;;;");
  g_assert_cmpstr (lines[11], ==, "86;Emplois des contributions volontaires en nature;Charges;2000,00;;;");
  g_assert_cmpstr (lines[15], ==, "864;Personnel bénévole;Charges;2000,00;;;");
  g_assert_cmpstr (lines[18], ==, "74;Subventions d'exploitation;Produits;9000,00;;;");
  g_assert_cmpstr (lines[22], ==, "74;Intercommunalité(s) – EPCI;Produits;4000,00;;;");
  g_assert_cmpstr (lines[39], ==, ";Total des charges;Charges;13000,00;1250,00;;");
  g_assert_cmpstr (lines[40], ==, ";Total des produits;Produits;13000,00;0,00;;");
  g_assert_cmpstr (lines[41], ==, "");
}

static void
test_validate (void)
{
  g_autoptr(EssBudget) budget = balanced_budget ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ess_budget_validate (budget, &error));
  g_assert_no_error (error);

  line (budget, "74", "epci")->forecast_cents = -100;
  g_assert_false (ess_budget_validate (budget, &error));
  g_assert_error (error, ESS_BUDGET_ERROR, ESS_BUDGET_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 74 «" NB "Intercommunalité(s) – EPCI" NB "», prévisionnel" NB ": -1,00" E
                   " est négatif" NB ": un montant du budget vaut 0 ou plus");
  g_clear_error (&error);
  line (budget, "74", "epci")->forecast_cents = 0;

  /* An actual amount is checked only when there is one. */
  line (budget, "60", NULL)->actual_cents = -5;
  g_assert_true (ess_budget_validate (budget, &error));
  line (budget, "60", NULL)->has_actual = TRUE;
  g_assert_false (ess_budget_validate (budget, &error));
  g_assert_cmpstr (error->message, ==,
                   "Ligne 60 «" NB "Achats" NB "», réalisé" NB ": -0,05" E
                   " est négatif" NB ": un montant du budget vaut 0 ou plus");
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

  g_test_add_func ("/budget/default-lines", test_default_lines);
  g_test_add_func ("/budget/balanced", test_balanced);
  g_test_add_func ("/budget/not-balanced", test_not_balanced);
  g_test_add_func ("/budget/line-74", test_line_74);
  g_test_add_func ("/budget/gap", test_gap);
  g_test_add_func ("/budget/overflow", test_overflow);
  g_test_add_func ("/budget/csv", test_csv);
  g_test_add_func ("/budget/validate", test_validate);

  return g_test_run ();
}
