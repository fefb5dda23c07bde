/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts of a scenario comparison: budget by category and year, staff load by year. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-money.h"
#include "ess-scenario-charts.h"

char *
ess_scenario_letter (guint index)
{
  return g_strdup_printf ("%c", 'A' + (char) (index % 26));
}

static void
add_years_and_bars (EssChart            *chart,
                    const EssComparison *comparison)
{
  int first, last;

  ess_comparison_years (comparison, &first, &last);
  for (int year = first; year <= last && first > 0; year++)
    {
      g_autofree char *label = g_strdup_printf ("%d", year);
      ess_chart_add_group (chart, label);
    }
  for (guint i = 0; i < comparison->scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);
      ess_chart_add_bar (chart, letter, scenario->name);
    }
}

EssChart *
ess_scenario_chart_budget (const EssComparison *comparison)
{
  EssChart *chart = ess_chart_new (_("Budget per year and category (Métropole and co-funders)"), ESS_CHART_SCALE_MONEY);
  g_autoptr(GHashTable) series = g_hash_table_new (g_str_hash, g_str_equal);
  int first, last;

  add_years_and_bars (chart, comparison);
  ess_comparison_years (comparison, &first, &last);

  for (guint i = 0; i < comparison->scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);

      for (guint l = 0; l < scenario->lines->len; l++)
        {
          const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);
          gpointer index;

          if (!g_hash_table_lookup_extended (series, line->label, NULL, &index))
            {
              index = GUINT_TO_POINTER (ess_chart_add_series (chart, line->label));
              g_hash_table_insert (series, line->label, index);
            }

          for (int year = scenario->first_year; year <= scenario->last_year; year++)
            {
              const EssLineAmount *amount = &g_array_index (line->amounts, EssLineAmount, year - scenario->first_year);
              gint64 both = 0, before;

              if (!ess_money_add (amount->metropole, amount->cofunders, &both))
                both = G_MAXINT64;
              before = ess_chart_get_value (chart, (guint) (year - first), i, GPOINTER_TO_UINT (index));
              if (!ess_money_add (before, both, &both))
                both = G_MAXINT64;
              ess_chart_set_value (chart, (guint) (year - first), i, GPOINTER_TO_UINT (index), both);
            }
        }
    }

  return chart;
}

EssChart *
ess_scenario_chart_staff (const EssComparison *comparison)
{
  EssChart *chart = ess_chart_new (_("Staff load per year"), ESS_CHART_SCALE_PERCENT);
  guint load;
  int first, last;

  add_years_and_bars (chart, comparison);
  load = ess_chart_add_series (chart, _("Staff load"));
  ess_comparison_years (comparison, &first, &last);
  ess_chart_set_threshold (chart, 10000, _("Staff available"));

  for (guint i = 0; i < comparison->outcomes->len; i++)
    {
      const EssScenarioOutcome *outcome = g_ptr_array_index (comparison->outcomes, i);

      for (guint y = 0; y < outcome->n_years; y++)
        {
          const EssScenarioFigures *figures = &outcome->years[y];
          gint64 value = ess_percent_basis_points (figures->staff_needed, figures->staff_available);
          ess_chart_set_value (chart, (guint) (outcome->first_year + (int) y - first), i, load, value);
        }
    }

  return chart;
}
