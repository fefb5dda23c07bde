/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reads scenarios from a key file (the seed scenarios of data/scenarios.ini). */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-money.h"
#include "ess-scenario-keyfile.h"

static gboolean
fail (GError     **error,
      const char  *group,
      const char  *key,
      const char  *expected)
{
  g_set_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID,
               _("Scenario file, [%s], “%s”: %s"), group, key, expected);
  return FALSE;
}

/* One value per year, or a single value for every year; @decimal values
 * are read as hundredths ("0.5" -> 50), others as whole numbers. */
static gboolean
read_values (GKeyFile     *keyfile,
             const char   *group,
             const char   *key,
             guint         n_years,
             gboolean      decimal,
             gint64       *out,
             GError      **error)
{
  g_auto(GStrv) values = NULL;
  gsize n = 0;

  if (!g_key_file_has_key (keyfile, group, key, NULL))
    {
      memset (out, 0, n_years * sizeof (gint64));
      return TRUE;
    }

  values = g_key_file_get_string_list (keyfile, group, key, &n, NULL);
  if (values == NULL || (n != 1 && n != n_years))
    return fail (error, group, key, _("expected one value, or one per year of the horizon."));

  for (guint y = 0; y < n_years; y++)
    {
      const char *text = values[n == 1 ? 0 : y];
      gint64 value;

      if (decimal)
        {
          if (!ess_money_parse_decimal (text, &value, NULL) || value < 0)
            return fail (error, group, key, _("expected positive numbers with a decimal point, such as 17000.00."));
        }
      else
        {
          guint64 whole;
          if (!g_ascii_string_to_unsigned (text, 10, 0, 100000000, &whole, NULL))
            return fail (error, group, key, _("expected whole numbers, such as 6."));
          value = (gint64) whole;
        }
      out[y] = value;
    }
  return TRUE;
}

static char *
read_text (GKeyFile   *keyfile,
           const char *group,
           const char *key)
{
  char *text = g_key_file_get_string (keyfile, group, key, NULL);
  return text ? text : g_strdup ("");
}

static gboolean
read_line (GKeyFile     *keyfile,
           EssScenario  *scenario,
           const char   *group,
           GError      **error)
{
  guint n = ess_scenario_n_years (scenario);
  g_autofree char *label = g_key_file_get_string (keyfile, group, "label", NULL);
  g_autofree char *nature_id = g_key_file_get_string (keyfile, group, "nature", NULL);
  g_autofree gint64 *metropole = g_new0 (gint64, n);
  g_autofree gint64 *cofunders = g_new0 (gint64, n);
  EssLineNature nature;
  EssScenarioLine *line;

  if (label == NULL || *label == '\0')
    return fail (error, group, "label", _("a line needs a name."));
  if (!ess_line_nature_from_id (nature_id, &nature))
    return fail (error, group, "nature", _("expected projects or engineering."));
  if (!read_values (keyfile, group, "metropole", n, TRUE, metropole, error) ||
      !read_values (keyfile, group, "cofunders", n, TRUE, cofunders, error))
    return FALSE;

  line = ess_scenario_add_line (scenario, label, nature);
  g_free (line->hypothesis);
  line->hypothesis = read_text (keyfile, group, "hypothesis");
  for (guint y = 0; y < n; y++)
    {
      g_array_index (line->amounts, EssLineAmount, y).metropole = metropole[y];
      g_array_index (line->amounts, EssLineAmount, y).cofunders = cofunders[y];
    }
  return TRUE;
}

static EssScenario *
read_scenario (GKeyFile    *keyfile,
               const char  *group,
               GError     **error)
{
  g_autoptr(EssScenario) scenario = NULL;
  g_autofree char *name = g_key_file_get_string (keyfile, group, "name", NULL);
  g_autofree char *kind_id = g_key_file_get_string (keyfile, group, "kind", NULL);
  g_autofree char *portfolio = g_key_file_get_string (keyfile, group, "portfolio", NULL);
  g_autofree int *horizon = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) territories = NULL;
  gsize n_horizon = 0;
  EssScenarioKind kind;
  guint n;

  if (name == NULL || *name == '\0')
    return fail (error, group, "name", _("a scenario needs a name.")), NULL;
  if (!ess_scenario_kind_from_id (kind_id, &kind))
    return fail (error, group, "kind", _("expected continue, reorient, stop or free.")), NULL;
  horizon = g_key_file_get_integer_list (keyfile, group, "horizon", &n_horizon, NULL);
  if (horizon == NULL || n_horizon != 2 || horizon[0] < 1900 || horizon[1] > 2200 ||
      horizon[1] < horizon[0] || horizon[1] - horizon[0] >= 30)
    return fail (error, group, "horizon", _("expected the first and last years, such as 2015;2020.")), NULL;

  scenario = ess_scenario_new (name, kind, horizon[0], horizon[1]);
  n = ess_scenario_n_years (scenario);
  if (portfolio != NULL && !ess_treatment_from_id (portfolio, &scenario->portfolio_default))
    return fail (error, group, "portfolio", _("expected continue, transfer or end.")), NULL;

  g_free (scenario->description);
  scenario->description = read_text (keyfile, group, "description");
  g_free (scenario->arguments_for);
  scenario->arguments_for = read_text (keyfile, group, "arguments-for");
  g_free (scenario->arguments_against);
  scenario->arguments_against = read_text (keyfile, group, "arguments-against");
  g_free (scenario->reach_hypothesis);
  scenario->reach_hypothesis = read_text (keyfile, group, "reach-hypothesis");

  lines = g_key_file_get_string_list (keyfile, group, "lines", NULL, NULL);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_autofree char *line_group = g_strdup_printf ("%s/line:%s", group, lines[i]);
      if (!g_key_file_has_group (keyfile, line_group))
        return fail (error, group, "lines", _("each line needs its own group.")), NULL;
      if (!read_line (keyfile, scenario, line_group, error))
        return NULL;
    }

  for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
    {
      const EssAssumptionInfo *info = ess_assumption_info (a);
      g_autofree gint64 *values = g_new0 (gint64, n);
      g_autofree char *hypothesis_key = g_strdup_printf ("%s-hypothesis", info->id);

      if (!read_values (keyfile, group, info->id, n, info->unit != ESS_UNIT_COUNT, values, error))
        return NULL;
      for (guint y = 0; y < n; y++)
        g_array_index (scenario->years, EssScenarioYear, y).assumptions[a] = values[y];
      g_free (scenario->hypotheses[a]);
      scenario->hypotheses[a] = read_text (keyfile, group, hypothesis_key);
    }

  for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
    {
      g_autofree char *key = g_strdup_printf ("reach-%s", ess_size_class_id (c));
      g_auto(GStrv) parts = NULL;
      gsize n_parts = 0;
      gint64 cents;
      guint64 projects, communes;

      if (!g_key_file_has_key (keyfile, group, key, NULL))
        continue;
      parts = g_key_file_get_string_list (keyfile, group, key, &n_parts, NULL);
      if (parts == NULL || n_parts != 3 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, 1000000, &projects, NULL) ||
          !ess_money_parse_decimal (parts[1], &cents, NULL) || cents < 0 ||
          !g_ascii_string_to_unsigned (parts[2], 10, 0, 100000, &communes, NULL))
        return fail (error, group, key, _("expected projects;amount;communes, such as 2;40000.00;3.")), NULL;
      for (guint y = 0; y < n; y++)
        {
          EssReach *reach = &g_array_index (scenario->years, EssScenarioYear, y).reach[c];
          reach->projects = (gint64) projects;
          reach->cents = cents;
          reach->communes = (gint64) communes;
        }
    }

  territories = g_key_file_get_string_list (keyfile, group, "territory-reach", NULL, NULL);
  for (guint i = 0; territories != NULL && territories[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (territories[i], ":", -1);
      guint64 territory, projects;
      gint64 cents;

      if (g_strv_length (parts) != 3 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT32, &territory, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, 1000000, &projects, NULL) ||
          !ess_money_parse_decimal (parts[2], &cents, NULL) || cents < 0)
        return fail (error, group, "territory-reach",
                     _("expected territory:projects:amount items, such as 5:2:30000.00.")), NULL;
      for (int year = scenario->first_year; year <= scenario->last_year; year++)
        ess_scenario_set_territory_reach (scenario, year, (gint64) territory, (gint64) projects, cents);
    }

  if (!ess_scenario_validate (scenario, error))
    return NULL;

  return g_steal_pointer (&scenario);
}

GPtrArray *
ess_scenarios_from_keyfile (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_free);
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID,
                   _("Scenario file: %s"), local->message);
      return NULL;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      EssScenario *scenario;

      if (!g_str_has_prefix (groups[i], "scenario:") || strchr (groups[i], '/') != NULL)
        continue;
      scenario = read_scenario (keyfile, groups[i], error);
      if (scenario == NULL)
        return NULL;
      g_ptr_array_add (scenarios, scenario);
    }

  return g_steal_pointer (&scenarios);
}
