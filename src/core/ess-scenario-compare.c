/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios side by side: the indicator table, its differences to a reference, as text and CSV. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-csv.h"
#include "ess-money.h"
#include "ess-scenario-compare.h"

EssComparison *
ess_comparison_new (GPtrArray           *scenarios,
                    GPtrArray           *portfolio,
                    const EssPopulation *population,
                    guint                reference,
                    int                  year)
{
  EssComparison *comparison = g_new0 (EssComparison, 1);

  comparison->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_free);
  comparison->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_outcome_free);
  if (population != NULL)
    comparison->population = *population;
  comparison->reference = reference < scenarios->len ? reference : 0;
  comparison->year = year;
  comparison->territory_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  comparison->territory_names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < scenarios->len; i++)
    {
      EssScenario *copy = ess_scenario_copy (g_ptr_array_index (scenarios, i));
      g_ptr_array_add (comparison->scenarios, copy);
      g_ptr_array_add (comparison->outcomes, ess_scenario_compute (copy, portfolio));
    }

  return comparison;
}

void
ess_comparison_free (EssComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_ptr_array_unref (comparison->scenarios);
  g_ptr_array_unref (comparison->outcomes);
  g_array_unref (comparison->territory_ids);
  g_ptr_array_unref (comparison->territory_names);
  g_free (comparison);
}

void
ess_comparison_update (EssComparison     *comparison,
                       guint              index,
                       const EssScenario *scenario,
                       GPtrArray         *portfolio)
{
  g_return_if_fail (index < comparison->scenarios->len);

  ess_scenario_free (g_ptr_array_index (comparison->scenarios, index));
  g_ptr_array_index (comparison->scenarios, index) = ess_scenario_copy (scenario);
  ess_scenario_outcome_free (g_ptr_array_index (comparison->outcomes, index));
  g_ptr_array_index (comparison->outcomes, index) =
    ess_scenario_compute (g_ptr_array_index (comparison->scenarios, index), portfolio);
}

void
ess_comparison_years (const EssComparison *comparison,
                      int                 *first,
                      int                 *last)
{
  *first = 0;
  *last = 0;
  for (guint i = 0; i < comparison->scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      if (*first == 0 || scenario->first_year < *first)
        *first = scenario->first_year;
      if (*last == 0 || scenario->last_year > *last)
        *last = scenario->last_year;
    }
}

const EssScenarioFigures *
ess_comparison_figures (const EssComparison *comparison,
                        guint                index)
{
  const EssScenarioOutcome *outcome;

  if (index >= comparison->outcomes->len)
    return NULL;
  outcome = g_ptr_array_index (comparison->outcomes, index);
  if (outcome->overflow)
    return NULL;
  return ess_scenario_outcome_get (outcome, comparison->year);
}

gboolean
ess_comparison_value (const EssComparison *comparison,
                      EssScenarioIndicator         indicator,
                      guint                index,
                      gint64              *out)
{
  const EssScenarioFigures *figures = ess_comparison_figures (comparison, index);

  if (figures == NULL)
    return FALSE;
  return ess_scenario_indicator_value (indicator, figures, &comparison->population, out);
}

char *
ess_comparison_row_label (const EssComparison *comparison,
                          EssScenarioIndicator         indicator)
{
  EssSizeClass size;
  g_autofree char *share = NULL;

  switch (indicator)
    {
    case ESS_SCENARIO_INDICATOR_SHARE_LARGE:
      size = ESS_SIZE_CLASS_LARGE_CITY;
      break;
    case ESS_SCENARIO_INDICATOR_SHARE_5000_PLUS:
      size = ESS_SIZE_CLASS_5000_AND_MORE;
      break;
    case ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000:
      size = ESS_SIZE_CLASS_UNDER_5000;
      break;
    default:
      return g_strdup (ess_scenario_indicator_label (indicator));
    }

  share = ess_percent_format (comparison->population.population[size], comparison->population.total, 1);
  /* TRANSLATORS: "Share of the amounts, under 5,000 (population: 8.8 %)" */
  return g_strdup_printf (_("%s (population: %s)"), ess_scenario_indicator_label (indicator), share);
}

char *
ess_comparison_cell (const EssComparison *comparison,
                     EssScenarioIndicator         indicator,
                     guint                index)
{
  gint64 value = 0;
  gboolean has = ess_comparison_value (comparison, indicator, index, &value);

  return ess_scenario_indicator_format (indicator, has, value);
}

char *
ess_comparison_difference (const EssComparison *comparison,
                           EssScenarioIndicator         indicator,
                           guint                index)
{
  gint64 value = 0, reference = 0;
  gboolean has, has_reference;

  if (index == comparison->reference)
    return g_strdup ("");
  has = ess_comparison_value (comparison, indicator, index, &value);
  has_reference = ess_comparison_value (comparison, indicator, comparison->reference, &reference);
  return ess_scenario_indicator_format_difference (indicator, has, value, has_reference, reference);
}

void
ess_comparison_set_territories (EssComparison      *comparison,
                                const gint64       *ids,
                                const char * const *names,
                                guint               n)
{
  g_array_set_size (comparison->territory_ids, 0);
  g_ptr_array_set_size (comparison->territory_names, 0);
  g_array_append_vals (comparison->territory_ids, ids, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (comparison->territory_names, g_strdup (names[i]));
}

gint64
ess_comparison_territory_cents (const EssComparison *comparison,
                                guint                territory,
                                guint                index)
{
  const EssScenario *scenario;
  gint64 id, sum = 0;

  g_return_val_if_fail (territory < comparison->territory_ids->len, 0);
  g_return_val_if_fail (index < comparison->scenarios->len, 0);
  scenario = g_ptr_array_index (comparison->scenarios, index);
  id = g_array_index (comparison->territory_ids, gint64, territory);

  for (guint i = 0; i < scenario->territory_reach->len; i++)
    {
      const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);
      if (reach->territory_id == id && (comparison->year == 0 || reach->year == comparison->year) &&
          !ess_money_add (sum, reach->cents, &sum))
        return G_MAXINT64;
    }
  return sum;
}

char *
ess_comparison_territory_label (const EssComparison *comparison,
                                guint                territory)
{
  g_return_val_if_fail (territory < comparison->territory_names->len, NULL);
  /* TRANSLATORS: "Amount expected, Est" */
  return g_strdup_printf (_("Amount expected, %s"), (char *) g_ptr_array_index (comparison->territory_names, territory));
}

char *
ess_comparison_territory_difference (const EssComparison *comparison,
                                     guint                territory,
                                     guint                index)
{
  if (index == comparison->reference)
    return g_strdup ("");
  return ess_scenario_indicator_format_difference (ESS_SCENARIO_INDICATOR_TOTAL, TRUE,
                                                   ess_comparison_territory_cents (comparison, territory, index),
                                                   TRUE,
                                                   ess_comparison_territory_cents (comparison, territory,
                                                                                   comparison->reference));
}

char *
ess_comparison_period (const EssComparison *comparison)
{
  int first, last;

  if (comparison->year != 0)
    return g_strdup_printf ("%d", comparison->year);
  ess_comparison_years (comparison, &first, &last);
  if (first == last)
    return g_strdup_printf ("%d", first);
  return g_strdup_printf ("%d–%d", first, last);
}

char *
ess_comparison_to_csv (const EssComparison *comparison)
{
  GString *out = g_string_new ("indicator,label");

  for (guint i = 0; i < comparison->scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_string_append_c (out, ',');
      ess_csv_append_field (out, scenario->name, ',');
    }
  g_string_append_c (out, '\n');

  for (guint r = 0; r < ESS_N_SCENARIO_INDICATORS; r++)
    {
      g_autofree char *label = ess_comparison_row_label (comparison, r);

      ess_csv_append_field (out, ess_scenario_indicator_id (r), ',');
      g_string_append_c (out, ',');
      ess_csv_append_field (out, label, ',');
      for (guint i = 0; i < comparison->scenarios->len; i++)
        {
          gint64 value = 0;
          gboolean has = ess_comparison_value (comparison, r, i, &value);
          g_autofree char *cell = ess_scenario_indicator_format_decimal (r, has, value);

          g_string_append_c (out, ',');
          ess_csv_append_field (out, cell, ',');
        }
      g_string_append_c (out, '\n');
    }

  for (guint t = 0; t < comparison->territory_ids->len; t++)
    {
      g_autofree char *id = g_strdup_printf ("territory-%" G_GINT64_FORMAT,
                                             g_array_index (comparison->territory_ids, gint64, t));
      g_autofree char *label = ess_comparison_territory_label (comparison, t);

      ess_csv_append_field (out, id, ',');
      g_string_append_c (out, ',');
      ess_csv_append_field (out, label, ',');
      for (guint i = 0; i < comparison->scenarios->len; i++)
        {
          g_autofree char *cell = ess_money_format_decimal (ess_comparison_territory_cents (comparison, t, i));
          g_string_append_c (out, ',');
          ess_csv_append_field (out, cell, ',');
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
append_padded (GString    *out,
               const char *text,
               glong       width,
               gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = len; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (glong i = len; i < width; i++)
      g_string_append_c (out, ' ');
}

char *
ess_comparison_to_text (const EssComparison *comparison)
{
  GString *out = g_string_new (NULL);
  g_autofree char *period = ess_comparison_period (comparison);
  g_autofree glong *widths = g_new0 (glong, comparison->scenarios->len + 1);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint n = comparison->scenarios->len;
  const EssScenario *reference;

  if (n == 0)
    {
      g_string_append_printf (out, "%s\n", _("No scenario to compare."));
      return g_string_free (out, FALSE);
    }
  reference = g_ptr_array_index (comparison->scenarios, comparison->reference);

  g_string_append_printf (out, _("Comparison of the scenarios, %s (reference: %s)"), period, reference->name);
  g_string_append (out, "\n\n");

  /* Row r of the grid: label, then per scenario the value; the line
   * below holds the differences. Row 0 is the heading. */
  g_ptr_array_add (cells, g_strdup (""));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cells, g_strdup (((EssScenario *) g_ptr_array_index (comparison->scenarios, i))->name));
  for (guint r = 0; r < ESS_N_SCENARIO_INDICATORS; r++)
    {
      g_ptr_array_add (cells, ess_comparison_row_label (comparison, r));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (cells, ess_comparison_cell (comparison, r, i));
      g_ptr_array_add (cells, g_strdup (_("  difference")));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (cells, ess_comparison_difference (comparison, r, i));
    }
  for (guint t = 0; t < comparison->territory_ids->len; t++)
    {
      g_ptr_array_add (cells, ess_comparison_territory_label (comparison, t));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (cells, ess_money_format (ess_comparison_territory_cents (comparison, t, i)));
      g_ptr_array_add (cells, g_strdup (_("  difference")));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (cells, ess_comparison_territory_difference (comparison, t, i));
    }

  for (guint c = 0; c < cells->len; c++)
    widths[c % (n + 1)] = MAX (widths[c % (n + 1)], g_utf8_strlen (g_ptr_array_index (cells, c), -1));

  for (guint c = 0; c < cells->len; c++)
    {
      guint column = c % (n + 1);
      guint row = c / (n + 1);

      /* A difference line with nothing in it is left out. */
      if (column == 0 && row > 0 && row % 2 == 0)
        {
          gboolean empty = TRUE;
          for (guint i = 1; i <= n; i++)
            empty &= *(const char *) g_ptr_array_index (cells, c + i) == '\0';
          if (empty)
            {
              c += n;
              continue;
            }
        }
      if (column > 0)
        g_string_append (out, "  ");
      append_padded (out, g_ptr_array_index (cells, c), widths[column], column > 0);
      if (column == n)
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}
