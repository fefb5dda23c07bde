/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the scenario model: indicators against hand computations, portfolio, equity, seed file, CSV. */

#include "config.h"

#include <string.h>

#include "ess-scenario.h"
#include "ess-scenario-compare.h"
#include "ess-scenario-keyfile.h"

/* A small scenario, 2015-2016, amounts in euros:
 *
 *   line          nature        2015 Métropole / co-funders   2016 Métropole / co-funders
 *   Projets       projects      100 000 / 50 000              80 000 / 0
 *   Diagnostics   engineering    17 000 / 0                   34 000 / 0
 *
 *   assumption           2015   2016
 *   projects                4      3
 *   dossiers                6      3
 *   calls                   2      1
 *   sessions                2      1
 *   diagnostics             1      2
 *   conventions             1      0
 *   days per dossier        3      3
 *   days per diagnostic     5      5
 *   days per session        4      4
 *   days per convention     6      6
 *   days per call          15     15
 *   staff (ETP)           0,5      1
 *   days per ETP          200    200
 *
 *   reach                2015 projects/amount/communes   2016
 *   4 large cities       1 / 40 000 / 1                  0 / 0 / 0
 *   5 000 and more       2 / 50 000 / 3                  1 / 30 000 / 1
 *   under 5 000          1 / 10 000 / 2                  2 / 50 000 / 4
 */
static EssScenario *
small_scenario (void)
{
  EssScenario *scenario = ess_scenario_new ("Petit", ESS_SCENARIO_CONTINUE, 2015, 2016);
  static const gint64 values[2][ESS_N_ASSUMPTIONS] = {
    { 4, 6, 2, 2, 1, 1, 300, 500, 400, 600, 1500, 50, 20000 },
    { 3, 3, 1, 1, 2, 0, 300, 500, 400, 600, 1500, 100, 20000 },
  };
  static const EssReach reach[2][ESS_N_SIZE_CLASSES] = {
    { { 1, 4000000, 1 }, { 2, 5000000, 3 }, { 1, 1000000, 2 } },
    { { 0, 0, 0 }, { 1, 3000000, 1 }, { 2, 5000000, 4 } },
  };

  ess_scenario_add_line (scenario, "Projets", ESS_NATURE_PROJECTS);
  ess_scenario_add_line (scenario, "Diagnostics", ESS_NATURE_ENGINEERING);
  *ess_scenario_line_amount (scenario, 0, 2015) = (EssLineAmount) { 10000000, 5000000 };
  *ess_scenario_line_amount (scenario, 0, 2016) = (EssLineAmount) { 8000000, 0 };
  *ess_scenario_line_amount (scenario, 1, 2015) = (EssLineAmount) { 1700000, 0 };
  *ess_scenario_line_amount (scenario, 1, 2016) = (EssLineAmount) { 3400000, 0 };
  for (int y = 0; y < 2; y++)
    {
      EssScenarioYear *year = ess_scenario_get_year (scenario, 2015 + y);
      memcpy (year->assumptions, values[y], sizeof values[y]);
      memcpy (year->reach, reach[y], sizeof reach[y]);
    }
  ess_scenario_set_territory_reach (scenario, 2015, 5, 2, 5000000);
  ess_scenario_set_territory_reach (scenario, 2015, 7, 2, 5000000);
  ess_scenario_set_territory_reach (scenario, 2016, 1, 3, 8000000);
  return scenario;
}

/* Six communes: 50 000 inhabitants and more make a "large city" (the 4
 * of the MEL); 5 000 is "5 000 and more"; 4 999 is "under 5 000".
 *   large: 100 000 + 80 000 + 60 000 + 50 000 = 290 000 (4 communes)
 *   5 000 and more: 5 000 (1); under 5 000: 4 999 (1); total 299 999. */
static void
small_population (EssPopulation *population)
{
  static const EssCommuneInfo communes[] = {
    { 4999, 1 }, { 60000, 2 }, { 100000, 3 }, { 5000, 4 }, { 50000, 5 }, { 80000, 6 },
  };
  EssSizeClass classes[G_N_ELEMENTS (communes)];

  ess_population_compute (communes, G_N_ELEMENTS (communes), population, classes);
  g_assert_cmpint (classes[0], ==, ESS_SIZE_CLASS_UNDER_5000);
  g_assert_cmpint (classes[1], ==, ESS_SIZE_CLASS_LARGE_CITY);
  g_assert_cmpint (classes[3], ==, ESS_SIZE_CLASS_5000_AND_MORE);
  g_assert_cmpint (classes[4], ==, ESS_SIZE_CLASS_LARGE_CITY);
}

static gint64
value (EssScenarioIndicator              indicator,
       const EssScenarioFigures *figures,
       const EssPopulation      *population)
{
  gint64 out = -1;
  g_assert_true (ess_scenario_indicator_value (indicator, figures, population, &out));
  return out;
}

static void
test_population (void)
{
  EssPopulation population;

  small_population (&population);
  g_assert_cmpint (population.population[ESS_SIZE_CLASS_LARGE_CITY], ==, 290000);
  g_assert_cmpint (population.communes[ESS_SIZE_CLASS_LARGE_CITY], ==, 4);
  g_assert_cmpint (population.population[ESS_SIZE_CLASS_5000_AND_MORE], ==, 5000);
  g_assert_cmpint (population.population[ESS_SIZE_CLASS_UNDER_5000], ==, 4999);
  g_assert_cmpint (population.total, ==, 299999);
}

static void
test_indicators_year (void)
{
  g_autoptr(EssScenario) scenario = small_scenario ();
  g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, NULL);
  const EssScenarioFigures *f2015 = ess_scenario_outcome_get (outcome, 2015);
  const EssScenarioFigures *f2016 = ess_scenario_outcome_get (outcome, 2016);
  EssPopulation population;

  small_population (&population);
  g_assert_false (outcome->overflow);
  g_assert_null (ess_scenario_outcome_get (outcome, 2014));
  g_assert_null (ess_scenario_outcome_get (outcome, 2017));

  /* 2015: Métropole 100 000 + 17 000 = 117 000; co-funders 50 000; total 167 000. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_METROPOLE, f2015, &population), ==, 11700000);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_COFUNDERS, f2015, &population), ==, 5000000);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_TOTAL, f2015, &population), ==, 16700000);
  /* Projects 150 000 / 167 000 = 89,820 % -> 8982 bp; engineering 17 000 /
   * 167 000 = 10,180 % -> 1018 bp. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PROJECTS_SHARE, f2015, &population), ==, 8982);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_ENGINEERING_SHARE, f2015, &population), ==, 1018);
  /* Average grant: Métropole on projects 100 000 / 4 = 25 000; cost per
   * project 117 000 / 4 = 29 250. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_AVERAGE_GRANT, f2015, &population), ==, 2500000);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_COST_PER_PROJECT, f2015, &population), ==, 2925000);
  /* Staff days: 6 x 3 + 1 x 5 + 2 x 4 + 1 x 6 + 2 x 15 = 18 + 5 + 8 + 6 + 30 = 67 days;
   * available 0,5 x 200 = 100 days; load 67 %. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_NEEDED, f2015, &population), ==, 6700);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_AVAILABLE, f2015, &population), ==, 10000);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_LOAD, f2015, &population), ==, 6700);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_CALLS, f2015, &population), ==, 2);
  /* Communes 1 + 3 + 2 = 6; territories 5 and 7. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_COMMUNES, f2015, &population), ==, 6);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_TERRITORIES, f2015, &population), ==, 2);

  /* 2016: 3 x 3 + 2 x 5 + 1 x 4 + 0 + 1 x 15 = 38 days of 1 x 200: 19 %. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_NEEDED, f2016, &population), ==, 3800);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_LOAD, f2016, &population), ==, 1900);
  /* 80 000 / 114 000 = 70,175 % -> 7018 bp. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PROJECTS_SHARE, f2016, &population), ==, 7018);
}

static void
test_indicators_horizon (void)
{
  g_autoptr(EssScenario) scenario = small_scenario ();
  g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, NULL);
  const EssScenarioFigures *h = ess_scenario_outcome_get (outcome, 0);
  EssPopulation population;
  gint64 out;

  small_population (&population);
  /* Métropole 117 000 + 114 000 = 231 000; total 281 000. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_METROPOLE, h, &population), ==, 23100000);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_TOTAL, h, &population), ==, 28100000);
  /* Projects 230 000 / 281 000 = 81,851 % -> 8185 bp. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PROJECTS_SHARE, h, &population), ==, 8185);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PROJECTS, h, &population), ==, 7);
  /* Average grant 180 000 / 7 = 25 714,2857 -> 25 714,29; cost per
   * project 231 000 / 7 = 33 000. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_AVERAGE_GRANT, h, &population), ==, 2571429);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_COST_PER_PROJECT, h, &population), ==, 3300000);
  /* Staff: 67 + 38 = 105 days of 100 + 200 = 300: 35 %. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_NEEDED, h, &population), ==, 10500);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_AVAILABLE, h, &population), ==, 30000);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_STAFF_LOAD, h, &population), ==, 3500);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_CALLS, h, &population), ==, 3);
  /* Communes and territories reached over the horizon: the highest year
   * (6 in 2015; territories 2 in 2015, 1 in 2016), not a sum. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_COMMUNES, h, &population), ==, 6);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_TERRITORIES, h, &population), ==, 2);

  /* Line totals over the horizon: Projets 150 000 + 80 000; Diagnostics 17 000 + 34 000. */
  g_assert_cmpint (g_array_index (outcome->line_totals, gint64, 0), ==, 23000000);
  g_assert_cmpint (g_array_index (outcome->line_totals, gint64, 1), ==, 5100000);

  /* No project: no average grant rather than a division by zero. */
  ess_scenario_get_year (scenario, 2015)->assumptions[ESS_ASSUME_PROJECTS] = 0;
  ess_scenario_get_year (scenario, 2016)->assumptions[ESS_ASSUME_PROJECTS] = 0;
  {
    g_autoptr(EssScenarioOutcome) none = ess_scenario_compute (scenario, NULL);
    g_assert_false (ess_scenario_indicator_value (ESS_SCENARIO_INDICATOR_AVERAGE_GRANT, &none->horizon, &population, &out));
    g_assert_false (ess_scenario_indicator_value (ESS_SCENARIO_INDICATOR_COST_PER_PROJECT, &none->horizon, &population, &out));
  }
}

static void
test_equity (void)
{
  g_autoptr(EssScenario) scenario = small_scenario ();
  g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, NULL);
  const EssScenarioFigures *h = ess_scenario_outcome_get (outcome, 0);
  EssPopulation population;

  small_population (&population);
  /* Amounts by class over the horizon: large 40 000; 5 000 and more
   * 50 000 + 30 000 = 80 000; under 5 000 10 000 + 50 000 = 60 000;
   * 180 000 in all. Shares 22,22 %, 44,44 %, 33,33 %. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_SHARE_LARGE, h, &population), ==, 2222);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_SHARE_5000_PLUS, h, &population), ==, 4444);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000, h, &population), ==, 3333);
  /* Per inhabitant, in cents: 4 000 000 / 290 000 = 13,79 -> 14;
   * 8 000 000 / 5 000 = 1 600; 6 000 000 / 4 999 = 1 200,24 -> 1 200. */
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PER_INHABITANT_LARGE, h, &population), ==, 14);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PER_INHABITANT_5000_PLUS, h, &population), ==, 1600);
  g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PER_INHABITANT_UNDER_5000, h, &population), ==, 1200);
}

/* Two ongoing dossiers, on a 2015-2016 horizon:
 *   1: 146 000 over 2012-2013, 100 000 paid: balance 46 000, 73 000 a year;
 *   2: 15 000 in 2015, nothing paid: balance 15 000, 15 000 a year. */
static GPtrArray *
small_portfolio (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_portfolio_item_free);

  g_ptr_array_add (items, ess_portfolio_item_new (1, "APT-2012-001", "Lille", 14600000, 10000000, 2012, 2013));
  g_ptr_array_add (items, ess_portfolio_item_new (2, "APT-2015-001", "Hem", 1500000, 0, 2015, 2015));
  return items;
}

static void
test_portfolio (void)
{
  g_autoptr(EssScenario) scenario = small_scenario ();
  g_autoptr(GPtrArray) portfolio = small_portfolio ();
  EssPopulation population;

  small_population (&population);
  g_assert_cmpint (ess_portfolio_item_yearly (g_ptr_array_index (portfolio, 0)), ==, 7300000);

  /* Continued (the default of "poursuite"): 2015 carries both balances,
   * 46 000 + 15 000 = 61 000, and renews dossier 1 (after its term in
   * 2013): 73 000. 2016 renews both: 73 000 + 15 000 = 88 000.
   * Horizon: 61 000 + 73 000 + 88 000 = 222 000. */
  {
    g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, portfolio);
    g_assert_cmpint (outcome->years[0].portfolio_balance, ==, 6100000);
    g_assert_cmpint (outcome->years[0].portfolio_apt, ==, 7300000);
    g_assert_cmpint (outcome->years[1].portfolio_apt, ==, 8800000);
    g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PORTFOLIO, &outcome->horizon, &population), ==, 22200000);
    g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PORTFOLIO_APP, &outcome->horizon, &population), ==, 0);
  }

  /* Dossier 2 ends at its term: 2016 renews dossier 1 only. */
  ess_scenario_set_treatment (scenario, 2, ESS_TREATMENT_END);
  g_assert_cmpint (ess_scenario_get_treatment (scenario, 2), ==, ESS_TREATMENT_END);
  g_assert_cmpint (ess_scenario_get_treatment (scenario, 1), ==, ESS_TREATMENT_CONTINUE);
  {
    g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, portfolio);
    g_assert_cmpint (outcome->years[1].portfolio_apt, ==, 7300000);
    g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PORTFOLIO, &outcome->horizon, &population), ==, 6100000 + 7300000 + 7300000);
  }

  /* Réorientation: renewals go to the APP; the override stays. */
  scenario->portfolio_default = ess_scenario_kind_default_treatment (ESS_SCENARIO_REORIENT);
  g_assert_cmpint (scenario->portfolio_default, ==, ESS_TREATMENT_TRANSFER);
  {
    g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, portfolio);
    g_assert_cmpint (outcome->years[0].portfolio_app, ==, 7300000);
    g_assert_cmpint (outcome->years[1].portfolio_app, ==, 7300000);
    g_assert_cmpint (outcome->horizon.portfolio_apt, ==, 0);
  }

  /* Arrêt: only the balances, 61 000. Setting the default removes the override. */
  scenario->portfolio_default = ess_scenario_kind_default_treatment (ESS_SCENARIO_STOP);
  ess_scenario_set_treatment (scenario, 2, ESS_TREATMENT_END);
  g_assert_cmpint (g_hash_table_size (scenario->treatments), ==, 0);
  {
    g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, portfolio);
    g_assert_cmpint (value (ESS_SCENARIO_INDICATOR_PORTFOLIO, &outcome->horizon, &population), ==, 6100000);
  }
}

static void
test_horizon_and_copy (void)
{
  g_autoptr(EssScenario) scenario = small_scenario ();
  g_autoptr(EssScenario) copy = ess_scenario_copy (scenario);
  g_autoptr(EssScenario) variant = ess_scenario_duplicate (scenario, "Variante");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ess_scenario_equal (scenario, copy));
  g_assert_cmpstr (variant->name, ==, "Variante");
  g_assert_cmpint (variant->id, ==, 0);

  /* Longer: 2017 copies 2016; 2014 copies 2015. */
  g_assert_true (ess_scenario_set_horizon (copy, 2014, 2017, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ess_scenario_n_years (copy), ==, 4);
  g_assert_cmpint (ess_scenario_line_amount (copy, 0, 2017)->metropole, ==, 8000000);
  g_assert_cmpint (ess_scenario_line_amount (copy, 0, 2014)->cofunders, ==, 5000000);
  g_assert_cmpint (ess_scenario_get_year (copy, 2017)->assumptions[ESS_ASSUME_STAFF], ==, 100);
  g_assert_false (ess_scenario_equal (scenario, copy));

  changes = ess_scenario_describe_changes (scenario, copy);
  g_assert_cmpuint (changes->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (changes, 0), "2015–2016 → 2014–2017"));

  /* Shorter: the territory reach of 2016 goes. */
  g_assert_true (ess_scenario_set_horizon (copy, 2015, 2015, &error));
  g_assert_cmpuint (copy->territory_reach->len, ==, 2);

  /* Refused: reversed, too long. Nothing changes. */
  g_assert_false (ess_scenario_set_horizon (copy, 2016, 2015, &error));
  g_assert_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ess_scenario_set_horizon (copy, 2000, 2040, &error));
  g_clear_error (&error);
  g_assert_cmpint (copy->first_year, ==, 2015);
  g_assert_cmpint (copy->last_year, ==, 2015);
}

static void
test_describe_changes (void)
{
  g_autoptr(EssScenario) before = small_scenario ();
  g_autoptr(EssScenario) after = ess_scenario_copy (before);
  g_autoptr(GPtrArray) changes = NULL;

  ess_scenario_line_amount (after, 0, 2016)->metropole = 9000000;
  ess_scenario_get_year (after, 2015)->assumptions[ESS_ASSUME_DAYS_PER_DOSSIER] = 250;
  changes = ess_scenario_describe_changes (before, after);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (changes, 0), "Projets, 2016"));
  g_assert_nonnull (strstr (g_ptr_array_index (changes, 0), "80\u202f000,00\u00a0€ → 90\u202f000,00\u00a0€"));
  g_assert_nonnull (strstr (g_ptr_array_index (changes, 1), "3\u00a0j → 2,5\u00a0j"));
}

static void
test_validate (void)
{
  g_autoptr(EssScenario) scenario = small_scenario ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ess_scenario_validate (scenario, &error));

  g_free (scenario->name);
  scenario->name = g_strdup ("  ");
  g_assert_false (ess_scenario_validate (scenario, &error));
  g_assert_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);
  g_free (scenario->name);
  scenario->name = g_strdup ("Petit");

  ess_scenario_line_amount (scenario, 1, 2016)->metropole = -1;
  g_assert_false (ess_scenario_validate (scenario, &error));
  g_assert_nonnull (strstr (error->message, "Diagnostics"));
  g_assert_nonnull (strstr (error->message, "2016"));
  g_clear_error (&error);
  ess_scenario_line_amount (scenario, 1, 2016)->metropole = 0;

  ess_scenario_add_line (scenario, "Projets", ESS_NATURE_PROJECTS);
  g_assert_false (ess_scenario_validate (scenario, &error));
  g_clear_error (&error);
  ess_scenario_remove_line (scenario, 2);

  ess_scenario_get_year (scenario, 2015)->assumptions[ESS_ASSUME_STAFF] = -50;
  g_assert_false (ess_scenario_validate (scenario, &error));
  g_clear_error (&error);
}

static void
test_formats (void)
{
  g_autofree char *days = ess_centidays_format (1250);
  g_autofree char *whole = ess_centidays_format (8400);
  g_autofree char *etp = ess_centi_format (50);
  g_autofree char *load = ess_scenario_indicator_format (ESS_SCENARIO_INDICATOR_STAFF_LOAD, TRUE, 7467);
  g_autofree char *none = ess_scenario_indicator_format (ESS_SCENARIO_INDICATOR_AVERAGE_GRANT, FALSE, 0);
  g_autofree char *count = ess_scenario_indicator_format (ESS_SCENARIO_INDICATOR_PROJECTS, TRUE, 1234);
  g_autofree char *csv_money = ess_scenario_indicator_format_decimal (ESS_SCENARIO_INDICATOR_TOTAL, TRUE, 130600000);
  g_autofree char *csv_bp = ess_scenario_indicator_format_decimal (ESS_SCENARIO_INDICATOR_STAFF_LOAD, TRUE, 7467);
  g_autofree char *difference = ess_scenario_indicator_format_difference (ESS_SCENARIO_INDICATOR_TOTAL, TRUE, 106200000, TRUE, 130600000);
  g_autofree char *points = ess_scenario_indicator_format_difference (ESS_SCENARIO_INDICATOR_STAFF_LOAD, TRUE, 6000, TRUE, 7467);
  g_autoptr(GError) error = NULL;
  gint64 parsed = 0;

  g_assert_cmpstr (days, ==, "12,5\u00a0j");
  g_assert_cmpstr (whole, ==, "84\u00a0j");
  g_assert_cmpstr (etp, ==, "0,5");
  g_assert_cmpstr (load, ==, "74,7\u00a0%");
  g_assert_cmpstr (none, ==, "—");
  g_assert_cmpstr (count, ==, "1\u202f234");
  g_assert_cmpstr (csv_money, ==, "1306000.00");
  g_assert_cmpstr (csv_bp, ==, "74.67");
  /* 1 062 000 - 1 306 000 = -244 000, -18,68 % of 1 306 000. */
  g_assert_cmpstr (difference, ==, "-244\u202f000,00\u00a0€ (-18,7\u00a0%)");
  /* 60,00 % - 74,67 % = -14,67 points, shown to one decimal. */
  g_assert_cmpstr (points, ==, "-14,7\u00a0pt");

  g_assert_true (ess_centi_parse ("2,5", &parsed, &error));
  g_assert_cmpint (parsed, ==, 250);
  g_assert_true (ess_centi_parse ("0.75", &parsed, &error));
  g_assert_cmpint (parsed, ==, 75);
  g_assert_false (ess_centi_parse ("-1", &parsed, &error));
  g_clear_error (&error);
  g_assert_false (ess_centi_parse ("deux", &parsed, &error));
  g_assert_nonnull (strstr (error->message, "deux"));
  g_clear_error (&error);
  g_assert_false (ess_centi_parse ("1,234", &parsed, &error));
  g_clear_error (&error);
}

static GPtrArray *
load_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios.ini", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GPtrArray *scenarios;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  scenarios = ess_scenarios_from_keyfile (text, length, &error);
  g_assert_no_error (error);
  return scenarios;
}

/* The seed scenarios (data/scenarios.ini), 2015-2020, by hand:
 *   poursuite: APT 110 000 (the seed's envelope) + diagnostics 34 000 in
 *   2015-2016 then 17 000 (17 000 per territory-year) + support 20 000 +
 *   network 10 000: 2 x 174 000 + 4 x 157 000 = 976 000 Métropole;
 *   co-funders 6 x 55 000 = 330 000.
 *   réorientation: 6 x (80 000 + 30 000 + 17 000 + 10 000) = 822 000.
 *   arrêt: 6 x (34 000 + 40 000 + 30 000 + 10 000 + 10 000) = 744 000. */
static void
test_seed_scenarios (void)
{
  g_autoptr(GPtrArray) scenarios = load_seed ();
  static const gint64 metropole[] = { 97600000, 82200000, 74400000 };
  static const EssScenarioKind kinds[] = { ESS_SCENARIO_CONTINUE, ESS_SCENARIO_REORIENT, ESS_SCENARIO_STOP };

  g_assert_cmpuint (scenarios->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      EssScenario *scenario = g_ptr_array_index (scenarios, i);
      g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, NULL);

      g_assert_cmpint (scenario->kind, ==, kinds[i]);
      g_assert_cmpint (scenario->first_year, ==, 2015);
      g_assert_cmpint (scenario->last_year, ==, 2020);
      g_assert_cmpint (scenario->portfolio_default, ==, ess_scenario_kind_default_treatment (kinds[i]));
      g_assert_cmpint (outcome->horizon.metropole, ==, metropole[i]);
      g_assert_cmpstr (scenario->arguments_for, !=, "");
      g_assert_cmpstr (scenario->arguments_against, !=, "");
      for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
        g_assert_cmpstr (scenario->hypotheses[a], !=, "");
    }

  /* The APT line of "poursuite" is the seed's envelope each year. */
  for (int year = 2015; year <= 2020; year++)
    g_assert_cmpint (ess_scenario_line_amount (g_ptr_array_index (scenarios, 0), 0, year)->metropole, ==, 11000000);
  g_assert_cmpint (((EssScenario *) g_ptr_array_index (scenarios, 0))->years->len, ==, 6);
  {
    g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (g_ptr_array_index (scenarios, 0), NULL);
    g_assert_cmpint (outcome->horizon.cofunders, ==, 33000000);
    /* Staff: 10 x 3 + 2 x 4 + 2 x 15 = 68 days plus 2 x 5 (2015-2016) or 5
     * for the diagnostics: 2 x 78 + 4 x 73 = 448 days. */
    g_assert_cmpint (outcome->horizon.staff_needed, ==, 44800);
  }
}

static void
test_keyfile_hostile (void)
{
  static const char * const bad[] = {
    "[scenario:x]\nname=X\nkind=maybe\nhorizon=2015;2016\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2016;2015\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nprojects=1;2;3\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nprojects=-1\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nstaff-etp=0,5\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nlines=a\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nlines=a\n[scenario:x/line:a]\nlabel=A\nnature=other\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nlines=a\n[scenario:x/line:a]\nlabel=A\nnature=projects\nmetropole=1 000\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nreach-large-cities=1;2\n",
    "[scenario:x]\nname=X\nkind=stop\nhorizon=2015;2016\nterritory-reach=5:1\n",
    "[scenario:x]\nkind=stop\nhorizon=2015;2016\n",
    "not a key file",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) scenarios = ess_scenarios_from_keyfile (bad[i], strlen (bad[i]), &error);

      g_assert_null (scenarios);
      g_assert_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID);
    }
}

static void
test_comparison_csv (void)
{
  g_autoptr(GPtrArray) scenarios = load_seed ();
  g_autoptr(EssComparison) comparison = NULL;
  g_autoptr(GPtrArray) portfolio = small_portfolio ();
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  EssPopulation population;

  small_population (&population);
  comparison = ess_comparison_new (scenarios, portfolio, &population, 0, 0);
  csv = ess_comparison_to_csv (comparison);
  lines = g_strsplit (csv, "\n", -1);

  /* A heading, one row per indicator, the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, ESS_N_SCENARIO_INDICATORS + 2);
  g_assert_cmpstr (lines[0], ==, "indicator,label,Poursuite d’un APT amendé et renforcé,"
                                 "Réorientation vers l’appel à projets permanent,Arrêt de l’APT");
  g_assert_cmpstr (lines[1], ==, "total-cost,Total cost,1306000.00,1062000.00,924000.00");
  g_assert_cmpstr (lines[2], ==, "metropole-cost,Métropole cost,976000.00,822000.00,744000.00");
  /* Staff: 448, 6 x (6 x 3 + 5 + 4 + 3 x 6 + 15) = 6 x 60 = 360, and
   * 6 x (3 x 3 + 2 x 5 + 4 x 6 + 15) = 6 x 58 = 348 days. */
  g_assert_cmpstr (lines[1 + ESS_SCENARIO_INDICATOR_STAFF_NEEDED], ==, "staff-days-needed,Staff days needed,448.00,360.00,348.00");
  /* Portfolio: balances 46 000 + 15 000 in 2015 whatever the scenario;
   * renewals of dossier 1 each year (6 x 73 000) and of dossier 2 from
   * 2016 (5 x 15 000) for "poursuite" and "réorientation":
   * 61 000 + 438 000 + 75 000 = 574 000; arrêt: 61 000. */
  g_assert_cmpstr (lines[1 + ESS_SCENARIO_INDICATOR_PORTFOLIO], ==,
                   "portfolio-commitments,Ongoing APT dossiers carried,574000.00,574000.00,61000.00");
  g_assert_cmpstr (lines[1 + ESS_SCENARIO_INDICATOR_PORTFOLIO_APP], ==,
                   "portfolio-to-app,of which renewed on the APP,0.00,513000.00,0.00");
  /* The label of a share names the population share: 4 999 / 299 999 = 1,67 %; quoted for its comma. */
  g_assert_true (g_str_has_prefix (lines[1 + ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000],
                                   "share-under-5000,\"Share of the amounts, under 5,000 (population: 1,7\u00a0%)\","));

  /* With the territories: territory 5 gets 30 000 a year for 2 projects
   * in poursuite, 20 000 in réorientation, nothing in arrêt. */
  {
    static const gint64 ids[] = { 5, 8 };
    static const char * const names[] = { "Est", "Lillois" };
    g_autofree char *with = NULL;
    g_autofree char *difference = NULL;

    ess_comparison_set_territories (comparison, ids, names, 2);
    with = ess_comparison_to_csv (comparison);
    g_assert_nonnull (strstr (with, "\nterritory-5,\"Amount expected, Est\",180000.00,120000.00,0.00\n"));
    g_assert_nonnull (strstr (with, "\nterritory-8,\"Amount expected, Lillois\",150000.00,0.00,60000.00\n"));
    /* 120 000 - 180 000 = -60 000, -33,3 %. */
    difference = ess_comparison_territory_difference (comparison, 0, 1);
    g_assert_cmpstr (difference, ==, "-60\u202f000,00\u00a0€ (-33,3\u00a0%)");
  }

  text = ess_comparison_to_text (comparison);
  g_assert_nonnull (strstr (text, "-244\u202f000,00\u00a0€ (-18,7\u00a0%)"));

  /* One year: 2016 of "poursuite" has 174 000 of Métropole. */
  comparison->year = 2016;
  {
    g_autofree char *year_csv = ess_comparison_to_csv (comparison);
    g_assert_nonnull (strstr (year_csv, "\nmetropole-cost,Métropole cost,174000.00,137000.00,124000.00\n"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/population", test_population);
  g_test_add_func ("/scenario/indicators/year", test_indicators_year);
  g_test_add_func ("/scenario/indicators/horizon", test_indicators_horizon);
  g_test_add_func ("/scenario/equity", test_equity);
  g_test_add_func ("/scenario/portfolio", test_portfolio);
  g_test_add_func ("/scenario/horizon-and-copy", test_horizon_and_copy);
  g_test_add_func ("/scenario/describe-changes", test_describe_changes);
  g_test_add_func ("/scenario/validate", test_validate);
  g_test_add_func ("/scenario/formats", test_formats);
  g_test_add_func ("/scenario/seed", test_seed_scenarios);
  g_test_add_func ("/scenario/keyfile/hostile", test_keyfile_hostile);
  g_test_add_func ("/scenario/comparison/csv", test_comparison_csv);

  return g_test_run ();
}
