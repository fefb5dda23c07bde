/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios of the territorial policy: the model, its checks and its indicators, in integer arithmetic. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-money.h"
#include "ess-scenario.h"

#define NBSP "\u00a0"

G_DEFINE_QUARK (ess-scenario-error-quark, ess_scenario_error)

static const struct { const char *id; const char *label; } kinds[ESS_N_SCENARIO_KINDS] = {
  [ESS_SCENARIO_CONTINUE] = { "continue", N_("Amended and strengthened APT") },
  [ESS_SCENARIO_REORIENT] = { "reorient", N_("Reorientation towards the APP") },
  [ESS_SCENARIO_STOP]     = { "stop",     N_("End of the APT") },
  [ESS_SCENARIO_FREE]     = { "free",     N_("Free scenario") },
};

static const struct { const char *id; const char *label; } treatments[ESS_N_TREATMENTS] = {
  [ESS_TREATMENT_CONTINUE] = { "continue", N_("Continued on the APT") },
  [ESS_TREATMENT_TRANSFER] = { "transfer", N_("Transferred to the APP") },
  [ESS_TREATMENT_END]      = { "end",      N_("Ended at its term") },
};

static const EssAssumptionInfo assumptions[ESS_N_ASSUMPTIONS] = {
  [ESS_ASSUME_PROJECTS]            = { "projects",            N_("Projects supported"), ESS_UNIT_COUNT },
  [ESS_ASSUME_DOSSIERS]            = { "dossiers",            N_("Dossiers instructed"), ESS_UNIT_COUNT },
  [ESS_ASSUME_CALLS]               = { "calls",               N_("Calls run by the ESS unit"), ESS_UNIT_COUNT },
  [ESS_ASSUME_SESSIONS]            = { "sessions",            N_("Committee sessions"), ESS_UNIT_COUNT },
  [ESS_ASSUME_DIAGNOSTICS]         = { "diagnostics",         N_("Territorial diagnostics"), ESS_UNIT_COUNT },
  [ESS_ASSUME_CONVENTIONS]         = { "conventions",         N_("Partnership agreements followed"), ESS_UNIT_COUNT },
  [ESS_ASSUME_DAYS_PER_DOSSIER]    = { "days-per-dossier",    N_("Staff days per dossier"), ESS_UNIT_CENTIDAYS },
  [ESS_ASSUME_DAYS_PER_DIAGNOSTIC] = { "days-per-diagnostic", N_("Staff days per diagnostic"), ESS_UNIT_CENTIDAYS },
  [ESS_ASSUME_DAYS_PER_SESSION]    = { "days-per-session",    N_("Staff days per committee session"), ESS_UNIT_CENTIDAYS },
  [ESS_ASSUME_DAYS_PER_CONVENTION] = { "days-per-convention", N_("Staff days per agreement"), ESS_UNIT_CENTIDAYS },
  [ESS_ASSUME_DAYS_PER_CALL]       = { "days-per-call",       N_("Staff days per call"), ESS_UNIT_CENTIDAYS },
  [ESS_ASSUME_STAFF]               = { "staff-etp",           N_("Staff available (ETP)"), ESS_UNIT_CENTI_ETP },
  [ESS_ASSUME_DAYS_PER_ETP]        = { "days-per-etp",        N_("Working days of one ETP"), ESS_UNIT_CENTIDAYS },
};

static const struct { const char *id; const char *label; EssValueKind kind; } indicators[ESS_N_SCENARIO_INDICATORS] = {
  [ESS_SCENARIO_INDICATOR_TOTAL]             = { "total-cost", N_("Total cost"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_METROPOLE]         = { "metropole-cost", N_("Métropole cost"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_COFUNDERS]         = { "cofunders", N_("Co-funders"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_PROJECTS_SHARE]    = { "projects-share", N_("Share spent on projects"), ESS_VALUE_BP },
  [ESS_SCENARIO_INDICATOR_ENGINEERING_SHARE] = { "engineering-share", N_("Share spent on engineering"), ESS_VALUE_BP },
  [ESS_SCENARIO_INDICATOR_PROJECTS]          = { "projects", N_("Projects supported"), ESS_VALUE_COUNT },
  [ESS_SCENARIO_INDICATOR_AVERAGE_GRANT]     = { "average-grant", N_("Average grant (Métropole)"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_COST_PER_PROJECT]  = { "cost-per-project", N_("Métropole cost per project"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_STAFF_NEEDED]      = { "staff-days-needed", N_("Staff days needed"), ESS_VALUE_CENTIDAYS },
  [ESS_SCENARIO_INDICATOR_STAFF_AVAILABLE]   = { "staff-days-available", N_("Staff days available"), ESS_VALUE_CENTIDAYS },
  [ESS_SCENARIO_INDICATOR_STAFF_LOAD]        = { "staff-load", N_("Staff load"), ESS_VALUE_BP },
  [ESS_SCENARIO_INDICATOR_CALLS]             = { "calls", N_("Calls to run"), ESS_VALUE_COUNT },
  [ESS_SCENARIO_INDICATOR_SESSIONS]          = { "sessions", N_("Committee sessions"), ESS_VALUE_COUNT },
  [ESS_SCENARIO_INDICATOR_COMMUNES]          = { "communes", N_("Communes reached"), ESS_VALUE_COUNT },
  [ESS_SCENARIO_INDICATOR_TERRITORIES]       = { "territories", N_("Territories reached"), ESS_VALUE_COUNT },
  [ESS_SCENARIO_INDICATOR_PER_INHABITANT_LARGE]     = { "per-inhabitant-large-cities", N_("Per inhabitant, 4 large cities"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_PER_INHABITANT_5000_PLUS] = { "per-inhabitant-5000-and-more", N_("Per inhabitant, 5,000 and more"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_PER_INHABITANT_UNDER_5000]= { "per-inhabitant-under-5000", N_("Per inhabitant, under 5,000"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_SHARE_LARGE]       = { "share-large-cities", N_("Share of the amounts, 4 large cities"), ESS_VALUE_BP },
  [ESS_SCENARIO_INDICATOR_SHARE_5000_PLUS]   = { "share-5000-and-more", N_("Share of the amounts, 5,000 and more"), ESS_VALUE_BP },
  [ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000]  = { "share-under-5000", N_("Share of the amounts, under 5,000"), ESS_VALUE_BP },
  [ESS_SCENARIO_INDICATOR_PORTFOLIO]         = { "portfolio-commitments", N_("Ongoing APT dossiers carried"), ESS_VALUE_MONEY },
  [ESS_SCENARIO_INDICATOR_PORTFOLIO_APP]     = { "portfolio-to-app", N_("of which renewed on the APP"), ESS_VALUE_MONEY },
};

const char *
ess_scenario_kind_to_id (EssScenarioKind kind)
{
  g_return_val_if_fail (kind < ESS_N_SCENARIO_KINDS, NULL);
  return kinds[kind].id;
}

gboolean
ess_scenario_kind_from_id (const char      *id,
                           EssScenarioKind *out)
{
  for (guint i = 0; i < ESS_N_SCENARIO_KINDS; i++)
    if (g_strcmp0 (id, kinds[i].id) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ess_scenario_kind_label (EssScenarioKind kind)
{
  g_return_val_if_fail (kind < ESS_N_SCENARIO_KINDS, NULL);
  return _(kinds[kind].label);
}

EssTreatment
ess_scenario_kind_default_treatment (EssScenarioKind kind)
{
  switch (kind)
    {
    case ESS_SCENARIO_REORIENT:
      return ESS_TREATMENT_TRANSFER;
    case ESS_SCENARIO_STOP:
      return ESS_TREATMENT_END;
    case ESS_SCENARIO_CONTINUE:
    case ESS_SCENARIO_FREE:
    case ESS_N_SCENARIO_KINDS:
    default:
      return ESS_TREATMENT_CONTINUE;
    }
}

const char *
ess_treatment_to_id (EssTreatment treatment)
{
  g_return_val_if_fail (treatment < ESS_N_TREATMENTS, NULL);
  return treatments[treatment].id;
}

gboolean
ess_treatment_from_id (const char   *id,
                       EssTreatment *out)
{
  for (guint i = 0; i < ESS_N_TREATMENTS; i++)
    if (g_strcmp0 (id, treatments[i].id) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ess_treatment_label (EssTreatment treatment)
{
  g_return_val_if_fail (treatment < ESS_N_TREATMENTS, NULL);
  return _(treatments[treatment].label);
}

gboolean
ess_size_class_from_id (const char   *id,
                        EssSizeClass *out)
{
  for (guint i = 0; i < ESS_N_SIZE_CLASSES; i++)
    if (g_strcmp0 (id, ess_size_class_id (i)) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ess_line_nature_to_id (EssLineNature nature)
{
  return nature == ESS_NATURE_PROJECTS ? "projects" : "engineering";
}

gboolean
ess_line_nature_from_id (const char    *id,
                         EssLineNature *out)
{
  if (g_strcmp0 (id, "projects") == 0)
    *out = ESS_NATURE_PROJECTS;
  else if (g_strcmp0 (id, "engineering") == 0)
    *out = ESS_NATURE_ENGINEERING;
  else
    return FALSE;
  return TRUE;
}

const EssAssumptionInfo *
ess_assumption_info (EssAssumption assumption)
{
  g_return_val_if_fail (assumption < ESS_N_ASSUMPTIONS, NULL);
  return &assumptions[assumption];
}

const char *
ess_assumption_label (EssAssumption assumption)
{
  g_return_val_if_fail (assumption < ESS_N_ASSUMPTIONS, NULL);
  return _(assumptions[assumption].label);
}

gboolean
ess_assumption_from_id (const char    *id,
                        EssAssumption *out)
{
  for (guint i = 0; i < ESS_N_ASSUMPTIONS; i++)
    if (g_strcmp0 (id, assumptions[i].id) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char * const *
ess_scenario_default_categories (void)
{
  static const char *translated[8];

  if (translated[0] == NULL)
    {
      translated[0] = _("APT projects");
      translated[1] = _("Territorial volet of the APP");
      translated[2] = _("ESS territorial diagnostics");
      translated[3] = _("Support and follow-up of projects");
      translated[4] = _("Partnership agreements with communes");
      translated[5] = _("Co-funding with other metropolitan policies");
      translated[6] = _("Network animation");
      translated[7] = NULL;
    }
  return translated;
}

static void
line_free (gpointer data)
{
  EssScenarioLine *line = data;

  g_free (line->label);
  g_free (line->hypothesis);
  g_array_unref (line->amounts);
  g_free (line);
}

EssScenario *
ess_scenario_new (const char      *name,
                  EssScenarioKind  kind,
                  int              first_year,
                  int              last_year)
{
  EssScenario *scenario = g_new0 (EssScenario, 1);
  guint n = last_year >= first_year ? (guint) (last_year - first_year + 1) : 0;

  scenario->name = g_strdup (name ? name : "");
  scenario->kind = kind;
  scenario->first_year = first_year;
  scenario->last_year = last_year;
  scenario->description = g_strdup ("");
  scenario->arguments_for = g_strdup ("");
  scenario->arguments_against = g_strdup ("");
  scenario->portfolio_default = ess_scenario_kind_default_treatment (kind);
  scenario->lines = g_ptr_array_new_with_free_func (line_free);
  scenario->years = g_array_new (FALSE, TRUE, sizeof (EssScenarioYear));
  g_array_set_size (scenario->years, n);
  for (guint i = 0; i < ESS_N_ASSUMPTIONS; i++)
    scenario->hypotheses[i] = g_strdup ("");
  scenario->reach_hypothesis = g_strdup ("");
  scenario->territory_reach = g_array_new (FALSE, TRUE, sizeof (EssTerritoryReach));
  scenario->treatments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  return scenario;
}

void
ess_scenario_free (EssScenario *scenario)
{
  if (scenario == NULL)
    return;

  g_free (scenario->name);
  g_free (scenario->description);
  g_free (scenario->arguments_for);
  g_free (scenario->arguments_against);
  g_ptr_array_unref (scenario->lines);
  g_array_unref (scenario->years);
  for (guint i = 0; i < ESS_N_ASSUMPTIONS; i++)
    g_free (scenario->hypotheses[i]);
  g_free (scenario->reach_hypothesis);
  g_array_unref (scenario->territory_reach);
  g_hash_table_unref (scenario->treatments);
  g_free (scenario);
}

guint
ess_scenario_n_years (const EssScenario *scenario)
{
  return scenario->years->len;
}

EssScenario *
ess_scenario_copy (const EssScenario *scenario)
{
  EssScenario *copy = ess_scenario_new (scenario->name, scenario->kind, scenario->first_year, scenario->last_year);
  GHashTableIter iter;
  gpointer key, value;

  copy->id = scenario->id;
  g_free (copy->description);
  copy->description = g_strdup (scenario->description);
  g_free (copy->arguments_for);
  copy->arguments_for = g_strdup (scenario->arguments_for);
  g_free (copy->arguments_against);
  copy->arguments_against = g_strdup (scenario->arguments_against);
  copy->portfolio_default = scenario->portfolio_default;

  for (guint i = 0; i < scenario->lines->len; i++)
    {
      const EssScenarioLine *line = g_ptr_array_index (scenario->lines, i);
      EssScenarioLine *dup = ess_scenario_add_line (copy, line->label, line->nature);

      g_free (dup->hypothesis);
      dup->hypothesis = g_strdup (line->hypothesis);
      g_array_set_size (dup->amounts, 0);
      g_array_append_vals (dup->amounts, line->amounts->data, line->amounts->len);
    }

  g_array_set_size (copy->years, 0);
  g_array_append_vals (copy->years, scenario->years->data, scenario->years->len);
  for (guint i = 0; i < ESS_N_ASSUMPTIONS; i++)
    {
      g_free (copy->hypotheses[i]);
      copy->hypotheses[i] = g_strdup (scenario->hypotheses[i]);
    }
  g_free (copy->reach_hypothesis);
  copy->reach_hypothesis = g_strdup (scenario->reach_hypothesis);
  g_array_append_vals (copy->territory_reach, scenario->territory_reach->data, scenario->territory_reach->len);

  g_hash_table_iter_init (&iter, scenario->treatments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->treatments, g_memdup2 (key, sizeof (gint64)), value);

  return copy;
}

EssScenario *
ess_scenario_duplicate (const EssScenario *scenario,
                        const char        *name)
{
  EssScenario *copy = ess_scenario_copy (scenario);

  copy->id = 0;
  g_free (copy->name);
  copy->name = g_strdup (name);
  return copy;
}

static gboolean
territory_reach_equal (GArray *a,
                       GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const EssTerritoryReach *ta = &g_array_index (a, EssTerritoryReach, i);
      const EssTerritoryReach *tb = &g_array_index (b, EssTerritoryReach, i);
      if (ta->year != tb->year || ta->territory_id != tb->territory_id ||
          ta->projects != tb->projects || ta->cents != tb->cents)
        return FALSE;
    }
  return TRUE;
}

gboolean
ess_scenario_equal (const EssScenario *a,
                    const EssScenario *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_strcmp0 (a->name, b->name) != 0 || a->kind != b->kind ||
      a->first_year != b->first_year || a->last_year != b->last_year ||
      g_strcmp0 (a->description, b->description) != 0 ||
      g_strcmp0 (a->arguments_for, b->arguments_for) != 0 ||
      g_strcmp0 (a->arguments_against, b->arguments_against) != 0 ||
      a->portfolio_default != b->portfolio_default ||
      a->lines->len != b->lines->len ||
      a->years->len != b->years->len ||
      g_strcmp0 (a->reach_hypothesis, b->reach_hypothesis) != 0 ||
      a->territory_reach->len != b->territory_reach->len ||
      g_hash_table_size (a->treatments) != g_hash_table_size (b->treatments))
    return FALSE;

  for (guint i = 0; i < a->lines->len; i++)
    {
      const EssScenarioLine *la = g_ptr_array_index (a->lines, i);
      const EssScenarioLine *lb = g_ptr_array_index (b->lines, i);

      if (g_strcmp0 (la->label, lb->label) != 0 || la->nature != lb->nature ||
          g_strcmp0 (la->hypothesis, lb->hypothesis) != 0 ||
          la->amounts->len != lb->amounts->len ||
          memcmp (la->amounts->data, lb->amounts->data, la->amounts->len * sizeof (EssLineAmount)) != 0)
        return FALSE;
    }

  if (memcmp (a->years->data, b->years->data, a->years->len * sizeof (EssScenarioYear)) != 0)
    return FALSE;
  for (guint i = 0; i < ESS_N_ASSUMPTIONS; i++)
    if (g_strcmp0 (a->hypotheses[i], b->hypotheses[i]) != 0)
      return FALSE;
  if (!territory_reach_equal (a->territory_reach, b->territory_reach))
    return FALSE;

  g_hash_table_iter_init (&iter, a->treatments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer other;
      if (!g_hash_table_lookup_extended (b->treatments, key, NULL, &other) || other != value)
        return FALSE;
    }

  return TRUE;
}

EssScenarioYear *
ess_scenario_get_year (EssScenario *scenario,
                       int          year)
{
  if (year < scenario->first_year || year > scenario->last_year)
    return NULL;
  return &g_array_index (scenario->years, EssScenarioYear, year - scenario->first_year);
}

/* Year @year of a horizon starting at @old_first with @n values, or the nearest. */
static guint
nearest_index (int   year,
               int   old_first,
               guint n)
{
  if (year < old_first)
    return 0;
  if ((guint) (year - old_first) >= n)
    return n - 1;
  return (guint) (year - old_first);
}

gboolean
ess_scenario_set_horizon (EssScenario  *scenario,
                          int           first_year,
                          int           last_year,
                          GError      **error)
{
  g_autoptr(GArray) years = NULL;
  guint n_old = scenario->years->len;
  guint n;

  if (first_year < 1900 || last_year > 2200 || last_year < first_year || last_year - first_year >= 30)
    {
      g_set_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID,
                   _("Horizon %d–%d: expected a first year no later than the last one, "
                     "between 1900 and 2200, over 30 years at most."),
                   first_year, last_year);
      return FALSE;
    }

  n = (guint) (last_year - first_year + 1);
  years = g_array_new (FALSE, TRUE, sizeof (EssScenarioYear));
  g_array_set_size (years, n);
  if (n_old > 0)
    for (guint i = 0; i < n; i++)
      g_array_index (years, EssScenarioYear, i) =
        g_array_index (scenario->years, EssScenarioYear,
                       nearest_index (first_year + (int) i, scenario->first_year, n_old));

  for (guint l = 0; l < scenario->lines->len; l++)
    {
      EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);
      GArray *amounts = g_array_new (FALSE, TRUE, sizeof (EssLineAmount));

      g_array_set_size (amounts, n);
      if (n_old > 0)
        for (guint i = 0; i < n; i++)
          g_array_index (amounts, EssLineAmount, i) =
            g_array_index (line->amounts, EssLineAmount,
                           nearest_index (first_year + (int) i, scenario->first_year, n_old));
      g_array_unref (line->amounts);
      line->amounts = amounts;
    }

  /* The territorial reach of years that go away goes with them. */
  for (guint i = scenario->territory_reach->len; i > 0; i--)
    {
      const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i - 1);
      if (reach->year < first_year || reach->year > last_year)
        g_array_remove_index (scenario->territory_reach, i - 1);
    }

  g_array_unref (scenario->years);
  scenario->years = g_steal_pointer (&years);
  scenario->first_year = first_year;
  scenario->last_year = last_year;
  return TRUE;
}

EssScenarioLine *
ess_scenario_add_line (EssScenario   *scenario,
                       const char    *label,
                       EssLineNature  nature)
{
  EssScenarioLine *line = g_new0 (EssScenarioLine, 1);

  line->label = g_strdup (label ? label : "");
  line->nature = nature;
  line->hypothesis = g_strdup ("");
  line->amounts = g_array_new (FALSE, TRUE, sizeof (EssLineAmount));
  g_array_set_size (line->amounts, scenario->years->len);
  g_ptr_array_add (scenario->lines, line);
  return line;
}

void
ess_scenario_remove_line (EssScenario *scenario,
                          guint        index)
{
  g_return_if_fail (index < scenario->lines->len);
  g_ptr_array_remove_index (scenario->lines, index);
}

EssLineAmount *
ess_scenario_line_amount (EssScenario *scenario,
                          guint        line,
                          int          year)
{
  EssScenarioLine *l;

  if (line >= scenario->lines->len || year < scenario->first_year || year > scenario->last_year)
    return NULL;
  l = g_ptr_array_index (scenario->lines, line);
  return &g_array_index (l->amounts, EssLineAmount, year - scenario->first_year);
}

void
ess_scenario_set_territory_reach (EssScenario *scenario,
                                  int          year,
                                  gint64       territory_id,
                                  gint64       projects,
                                  gint64       cents)
{
  EssTerritoryReach reach = { year, territory_id, projects, cents };
  guint i;

  for (i = 0; i < scenario->territory_reach->len; i++)
    {
      EssTerritoryReach *r = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);

      if (r->year == year && r->territory_id == territory_id)
        {
          if (projects == 0 && cents == 0)
            g_array_remove_index (scenario->territory_reach, i);
          else
            *r = reach;
          return;
        }
      if (r->year > year || (r->year == year && r->territory_id > territory_id))
        break;
    }

  if (projects != 0 || cents != 0)
    g_array_insert_val (scenario->territory_reach, i, reach);
}

EssTreatment
ess_scenario_get_treatment (const EssScenario *scenario,
                            gint64             dossier_id)
{
  gpointer value;

  if (g_hash_table_lookup_extended (scenario->treatments, &dossier_id, NULL, &value))
    return GPOINTER_TO_INT (value);
  return scenario->portfolio_default;
}

void
ess_scenario_set_treatment (EssScenario  *scenario,
                            gint64        dossier_id,
                            EssTreatment  treatment)
{
  if (treatment == scenario->portfolio_default)
    g_hash_table_remove (scenario->treatments, &dossier_id);
  else
    g_hash_table_insert (scenario->treatments, g_memdup2 (&dossier_id, sizeof dossier_id),
                         GINT_TO_POINTER (treatment));
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID, message);
  return FALSE;
}

gboolean
ess_scenario_validate (const EssScenario  *scenario,
                       GError            **error)
{
  g_autofree char *name = g_strstrip (g_strdup (scenario->name ? scenario->name : ""));

  if (*name == '\0')
    return invalid (error, _("The scenario needs a name."));
  if (scenario->kind >= ESS_N_SCENARIO_KINDS || scenario->portfolio_default >= ESS_N_TREATMENTS)
    return invalid (error, _("Scenario “%s”: unknown kind or treatment."), scenario->name);
  if (scenario->first_year < 1900 || scenario->last_year > 2200 ||
      scenario->last_year < scenario->first_year || scenario->last_year - scenario->first_year >= 30 ||
      scenario->years->len != (guint) (scenario->last_year - scenario->first_year + 1))
    return invalid (error, _("Scenario “%s”: horizon %d–%d: expected a first year no later than the last "
                             "one, between 1900 and 2200, over 30 years at most."),
                    scenario->name, scenario->first_year, scenario->last_year);

  for (guint l = 0; l < scenario->lines->len; l++)
    {
      const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);
      g_autofree char *label = g_strstrip (g_strdup (line->label));

      if (*label == '\0')
        return invalid (error, _("Scenario “%s”, budget line %u: the line needs a name."), scenario->name, l + 1);
      if (line->amounts->len != scenario->years->len)
        return invalid (error, _("Scenario “%s”, line “%s”: one amount per year of the horizon is expected."),
                        scenario->name, line->label);
      for (guint y = 0; y < line->amounts->len; y++)
        {
          const EssLineAmount *amount = &g_array_index (line->amounts, EssLineAmount, y);
          /* Bounded so that any sum over 30 years and 100 lines fits. */
          if (amount->metropole < 0 || amount->cofunders < 0 ||
              amount->metropole > G_GINT64_CONSTANT (100000000000000) ||
              amount->cofunders > G_GINT64_CONSTANT (100000000000000))
            return invalid (error, _("Scenario “%s”, line “%s”, %d: expected an amount between 0 and 1 000 000 000 000 €."),
                            scenario->name, line->label, scenario->first_year + (int) y);
        }
      for (guint m = 0; m < l; m++)
        {
          const EssScenarioLine *other = g_ptr_array_index (scenario->lines, m);
          if (g_strcmp0 (other->label, line->label) == 0)
            return invalid (error, _("Scenario “%s”: two budget lines are named “%s”."), scenario->name, line->label);
        }
    }

  for (guint y = 0; y < scenario->years->len; y++)
    {
      const EssScenarioYear *year = &g_array_index (scenario->years, EssScenarioYear, y);

      for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
        if (year->assumptions[a] < 0 || year->assumptions[a] > 100000000)
          return invalid (error, _("Scenario “%s”, %d, “%s”: expected a value between 0 and 1 000 000."),
                          scenario->name, scenario->first_year + (int) y, ess_assumption_label (a));
      for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
        if (year->reach[c].projects < 0 || year->reach[c].communes < 0 || year->reach[c].cents < 0 ||
            year->reach[c].projects > 1000000 || year->reach[c].communes > 100000 ||
            year->reach[c].cents > G_GINT64_CONSTANT (100000000000000))
          return invalid (error, _("Scenario “%s”, %d, reach of “%s”: expected positive numbers."),
                          scenario->name, scenario->first_year + (int) y, ess_size_class_label (c));
    }

  for (guint i = 0; i < scenario->territory_reach->len; i++)
    {
      const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);
      if (reach->year < scenario->first_year || reach->year > scenario->last_year ||
          reach->projects < 0 || reach->cents < 0 || reach->projects > 1000000 ||
          reach->cents > G_GINT64_CONSTANT (100000000000000))
        {
          g_autofree char *territory = g_strdup_printf ("%" G_GINT64_FORMAT, reach->territory_id);
          return invalid (error, _("Scenario “%s”, reach of territory %s in %d: "
                                   "expected a year of the horizon and positive numbers."),
                          scenario->name, territory, reach->year);
        }
    }

  return TRUE;
}

void
ess_population_compute (const EssCommuneInfo *communes,
                        guint                 n_communes,
                        EssPopulation        *out,
                        EssSizeClass         *classes)
{
  memset (out, 0, sizeof *out);
  for (guint i = 0; i < n_communes; i++)
    {
      EssSizeClass size = ess_size_class_of (communes[i].population);

      out->population[size] += communes[i].population;
      out->communes[size]++;
      out->total += communes[i].population;
      if (classes != NULL)
        classes[i] = size;
    }
}

EssPortfolioItem *
ess_portfolio_item_new (gint64      dossier_id,
                        const char *reference,
                        const char *title,
                        gint64      amount,
                        gint64      paid,
                        int         first_year,
                        int         last_year)
{
  EssPortfolioItem *item = g_new0 (EssPortfolioItem, 1);

  item->dossier_id = dossier_id;
  item->reference = g_strdup (reference ? reference : "");
  item->title = g_strdup (title ? title : "");
  item->amount = amount;
  item->paid = paid;
  item->first_year = first_year;
  item->last_year = last_year < first_year ? first_year : last_year;
  return item;
}

void
ess_portfolio_item_free (EssPortfolioItem *item)
{
  if (item == NULL)
    return;
  g_free (item->reference);
  g_free (item->title);
  g_free (item);
}

gint64
ess_portfolio_item_yearly (const EssPortfolioItem *item)
{
  return item->amount / (item->last_year - item->first_year + 1);
}

/* Sums that can overflow set @overflow instead of wrapping. */
static void
add_to (gint64   *sum,
        gint64    value,
        gboolean *overflow)
{
  if (!ess_money_add (*sum, value, sum))
    *overflow = TRUE;
}

static gint64
mul_or_flag (gint64    a,
             gint64    b,
             gboolean *overflow)
{
  gint64 out = 0;

  if (!ess_money_mul (a, b, &out))
    *overflow = TRUE;
  return out;
}

static void
add_figures (EssScenarioFigures       *sum,
             const EssScenarioFigures *year,
             gboolean                 *overflow)
{
  add_to (&sum->metropole, year->metropole, overflow);
  add_to (&sum->cofunders, year->cofunders, overflow);
  add_to (&sum->total, year->total, overflow);
  add_to (&sum->projects_cents, year->projects_cents, overflow);
  add_to (&sum->metropole_projects, year->metropole_projects, overflow);
  add_to (&sum->engineering_cents, year->engineering_cents, overflow);
  add_to (&sum->projects, year->projects, overflow);
  add_to (&sum->dossiers, year->dossiers, overflow);
  add_to (&sum->calls, year->calls, overflow);
  add_to (&sum->sessions, year->sessions, overflow);
  add_to (&sum->diagnostics, year->diagnostics, overflow);
  add_to (&sum->conventions, year->conventions, overflow);
  add_to (&sum->staff_needed, year->staff_needed, overflow);
  add_to (&sum->staff_available, year->staff_available, overflow);
  sum->communes = MAX (sum->communes, year->communes);
  for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
    {
      add_to (&sum->reach[c].projects, year->reach[c].projects, overflow);
      add_to (&sum->reach[c].cents, year->reach[c].cents, overflow);
      sum->reach[c].communes = MAX (sum->reach[c].communes, year->reach[c].communes);
    }
  add_to (&sum->portfolio_balance, year->portfolio_balance, overflow);
  add_to (&sum->portfolio_apt, year->portfolio_apt, overflow);
  add_to (&sum->portfolio_app, year->portfolio_app, overflow);
}

EssScenarioOutcome *
ess_scenario_compute (const EssScenario *scenario,
                      GPtrArray         *portfolio)
{
  EssScenarioOutcome *outcome = g_new0 (EssScenarioOutcome, 1);
  g_autoptr(GHashTable) territories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = scenario->years->len;

  outcome->first_year = scenario->first_year;
  outcome->n_years = n;
  outcome->years = g_new0 (EssScenarioFigures, n ? n : 1);
  outcome->line_totals = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (outcome->line_totals, scenario->lines->len);

  for (guint y = 0; y < n; y++)
    {
      const EssScenarioYear *year = &g_array_index (scenario->years, EssScenarioYear, y);
      const gint64 *a = year->assumptions;
      EssScenarioFigures *f = &outcome->years[y];
      g_autoptr(GHashTable) year_territories = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint l = 0; l < scenario->lines->len; l++)
        {
          const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);
          const EssLineAmount *amount = &g_array_index (line->amounts, EssLineAmount, y);
          gint64 both = 0;

          add_to (&both, amount->metropole, &outcome->overflow);
          add_to (&both, amount->cofunders, &outcome->overflow);
          add_to (&f->metropole, amount->metropole, &outcome->overflow);
          add_to (&f->cofunders, amount->cofunders, &outcome->overflow);
          add_to (&f->total, both, &outcome->overflow);
          add_to (&g_array_index (outcome->line_totals, gint64, l), both, &outcome->overflow);
          if (line->nature == ESS_NATURE_PROJECTS)
            {
              add_to (&f->projects_cents, both, &outcome->overflow);
              add_to (&f->metropole_projects, amount->metropole, &outcome->overflow);
            }
          else
            add_to (&f->engineering_cents, both, &outcome->overflow);
        }

      f->projects = a[ESS_ASSUME_PROJECTS];
      f->dossiers = a[ESS_ASSUME_DOSSIERS];
      f->calls = a[ESS_ASSUME_CALLS];
      f->sessions = a[ESS_ASSUME_SESSIONS];
      f->diagnostics = a[ESS_ASSUME_DIAGNOSTICS];
      f->conventions = a[ESS_ASSUME_CONVENTIONS];

      /* Staff days: counts times hundredths of a day; ETP in hundredths
       * times hundredths of a day, divided by 100 once. */
      add_to (&f->staff_needed, mul_or_flag (a[ESS_ASSUME_DOSSIERS], a[ESS_ASSUME_DAYS_PER_DOSSIER], &outcome->overflow), &outcome->overflow);
      add_to (&f->staff_needed, mul_or_flag (a[ESS_ASSUME_DIAGNOSTICS], a[ESS_ASSUME_DAYS_PER_DIAGNOSTIC], &outcome->overflow), &outcome->overflow);
      add_to (&f->staff_needed, mul_or_flag (a[ESS_ASSUME_SESSIONS], a[ESS_ASSUME_DAYS_PER_SESSION], &outcome->overflow), &outcome->overflow);
      add_to (&f->staff_needed, mul_or_flag (a[ESS_ASSUME_CONVENTIONS], a[ESS_ASSUME_DAYS_PER_CONVENTION], &outcome->overflow), &outcome->overflow);
      add_to (&f->staff_needed, mul_or_flag (a[ESS_ASSUME_CALLS], a[ESS_ASSUME_DAYS_PER_CALL], &outcome->overflow), &outcome->overflow);
      f->staff_available = mul_or_flag (a[ESS_ASSUME_STAFF], a[ESS_ASSUME_DAYS_PER_ETP], &outcome->overflow) / 100;

      for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
        {
          f->reach[c] = year->reach[c];
          add_to (&f->communes, year->reach[c].communes, &outcome->overflow);
        }

      for (guint i = 0; i < scenario->territory_reach->len; i++)
        {
          const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);
          if (reach->year == scenario->first_year + (int) y && (reach->projects > 0 || reach->cents > 0))
            g_hash_table_add (year_territories, (gpointer) &reach->territory_id);
        }
      f->territories = g_hash_table_size (year_territories);

    }

  /* The ongoing dossiers, each looked at once: commitments made are
   * honoured whatever the scenario (the unpaid balance falls in the
   * first year of the horizon); after its term, a dossier is renewed
   * each year on the APT, on the APP, or not at all. */
  for (guint i = 0; portfolio != NULL && n > 0 && i < portfolio->len; i++)
    {
      const EssPortfolioItem *item = g_ptr_array_index (portfolio, i);
      EssTreatment treatment = ess_scenario_get_treatment (scenario, item->dossier_id);
      gint64 yearly = ess_portfolio_item_yearly (item);

      if (item->amount > item->paid)
        add_to (&outcome->years[0].portfolio_balance, item->amount - item->paid, &outcome->overflow);
      if (treatment == ESS_TREATMENT_END)
        continue;
      for (guint y = 0; y < n; y++)
        if (scenario->first_year + (int) y > item->last_year)
          add_to (treatment == ESS_TREATMENT_CONTINUE ? &outcome->years[y].portfolio_apt
                                                      : &outcome->years[y].portfolio_app,
                  yearly, &outcome->overflow);
    }

  for (guint y = 0; y < n; y++)
    {
      add_figures (&outcome->horizon, &outcome->years[y], &outcome->overflow);
      outcome->horizon.territories = MAX (outcome->horizon.territories, outcome->years[y].territories);
    }

  return outcome;
}

void
ess_scenario_outcome_free (EssScenarioOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->years);
  g_array_unref (outcome->line_totals);
  g_free (outcome);
}

const EssScenarioFigures *
ess_scenario_outcome_get (const EssScenarioOutcome *outcome,
                          int                       year)
{
  if (year == 0)
    return &outcome->horizon;
  if (year < outcome->first_year || (guint) (year - outcome->first_year) >= outcome->n_years)
    return NULL;
  return &outcome->years[year - outcome->first_year];
}

const char *
ess_scenario_indicator_label (EssScenarioIndicator indicator)
{
  g_return_val_if_fail (indicator < ESS_N_SCENARIO_INDICATORS, NULL);
  return _(indicators[indicator].label);
}

EssValueKind
ess_scenario_indicator_kind (EssScenarioIndicator indicator)
{
  g_return_val_if_fail (indicator < ESS_N_SCENARIO_INDICATORS, ESS_VALUE_COUNT);
  return indicators[indicator].kind;
}

const char *
ess_scenario_indicator_id (EssScenarioIndicator indicator)
{
  g_return_val_if_fail (indicator < ESS_N_SCENARIO_INDICATORS, NULL);
  return indicators[indicator].id;
}

/* @a / @b rounded half up, for non-negative values. */
static gint64
div_round (gint64 a,
           gint64 b)
{
  return a / b + ((a % b) * 2 >= b ? 1 : 0);
}

gboolean
ess_scenario_indicator_value (EssScenarioIndicator               indicator,
                     const EssScenarioFigures  *f,
                     const EssPopulation       *population,
                     gint64                    *out)
{
  gint64 classes_total = 0;
  EssSizeClass size = ESS_SIZE_CLASS_LARGE_CITY;

  for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
    classes_total += f->reach[c].cents;

  switch (indicator)
    {
    case ESS_SCENARIO_INDICATOR_TOTAL:
      *out = f->total;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_METROPOLE:
      *out = f->metropole;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_COFUNDERS:
      *out = f->cofunders;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_PROJECTS_SHARE:
      *out = ess_percent_basis_points (f->projects_cents, f->total);
      return f->total > 0;
    case ESS_SCENARIO_INDICATOR_ENGINEERING_SHARE:
      *out = ess_percent_basis_points (f->engineering_cents, f->total);
      return f->total > 0;
    case ESS_SCENARIO_INDICATOR_PROJECTS:
      *out = f->projects;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_AVERAGE_GRANT:
      if (f->projects == 0)
        return FALSE;
      *out = div_round (f->metropole_projects, f->projects);
      return TRUE;
    case ESS_SCENARIO_INDICATOR_COST_PER_PROJECT:
      if (f->projects == 0)
        return FALSE;
      *out = div_round (f->metropole, f->projects);
      return TRUE;
    case ESS_SCENARIO_INDICATOR_STAFF_NEEDED:
      *out = f->staff_needed;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_STAFF_AVAILABLE:
      *out = f->staff_available;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_STAFF_LOAD:
      *out = ess_percent_basis_points (f->staff_needed, f->staff_available);
      return f->staff_available > 0;
    case ESS_SCENARIO_INDICATOR_CALLS:
      *out = f->calls;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_SESSIONS:
      *out = f->sessions;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_COMMUNES:
      *out = f->communes;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_TERRITORIES:
      *out = f->territories;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_PER_INHABITANT_UNDER_5000:
      size++;
      G_GNUC_FALLTHROUGH;
    case ESS_SCENARIO_INDICATOR_PER_INHABITANT_5000_PLUS:
      size++;
      G_GNUC_FALLTHROUGH;
    case ESS_SCENARIO_INDICATOR_PER_INHABITANT_LARGE:
      if (population == NULL || population->population[size] == 0)
        return FALSE;
      *out = div_round (f->reach[size].cents, population->population[size]);
      return TRUE;
    case ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000:
      size++;
      G_GNUC_FALLTHROUGH;
    case ESS_SCENARIO_INDICATOR_SHARE_5000_PLUS:
      size++;
      G_GNUC_FALLTHROUGH;
    case ESS_SCENARIO_INDICATOR_SHARE_LARGE:
      *out = ess_percent_basis_points (f->reach[size].cents, classes_total);
      return classes_total > 0;
    case ESS_SCENARIO_INDICATOR_PORTFOLIO:
      *out = f->portfolio_balance + f->portfolio_apt + f->portfolio_app;
      return TRUE;
    case ESS_SCENARIO_INDICATOR_PORTFOLIO_APP:
      *out = f->portfolio_app;
      return TRUE;
    case ESS_N_SCENARIO_INDICATORS:
    default:
      return FALSE;
    }
}

/* "12,5" from 1250: hundredths without useless trailing zeros. */
static char *
format_hundredths (gint64 hundredths)
{
  char *text = ess_money_format_plain (hundredths);
  gsize len = strlen (text);

  if (len >= 3 && g_str_has_suffix (text, ",00"))
    text[len - 3] = '\0';
  else if (len >= 1 && text[len - 1] == '0' && strchr (text, ',') != NULL)
    text[len - 1] = '\0';
  return text;
}

char *
ess_centidays_format (gint64 centidays)
{
  g_autofree char *number = format_hundredths (centidays);
  return g_strdup_printf ("%s" NBSP "j", number);
}

char *
ess_centi_format (gint64 hundredths)
{
  return format_hundredths (hundredths);
}

gboolean
ess_centi_parse (const char  *text,
                 gint64      *out,
                 GError     **error)
{
  gint64 value;
  g_autoptr(GError) local = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (g_str_has_suffix (stripped, "j"))
    stripped[strlen (stripped) - 1] = '\0';
  g_strstrip (stripped);

  if (strpbrk (stripped, "€") != NULL || !ess_money_parse (stripped, &value, &local) || value < 0 ||
      value > 100000000)
    {
      g_set_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID,
                   _("“%s” is not a number: expected a positive number with at most 2 decimals, such as 12,5."),
                   text ? text : "");
      return FALSE;
    }
  *out = value;
  return TRUE;
}

char *
ess_scenario_indicator_format (EssScenarioIndicator indicator,
                      gboolean     has_value,
                      gint64       value)
{
  if (!has_value)
    return g_strdup ("—");

  switch (ess_scenario_indicator_kind (indicator))
    {
    case ESS_VALUE_MONEY:
      return ess_money_format (value);
    case ESS_VALUE_BP:
      return ess_percent_format (value, 10000, 1);
    case ESS_VALUE_CENTIDAYS:
      return ess_centidays_format (value);
    case ESS_VALUE_COUNT:
    default:
      {
        g_autofree char *plain = ess_money_format_plain (value * 100);
        /* "1 234,00" -> "1 234" */
        plain[strlen (plain) - 3] = '\0';
        return g_steal_pointer (&plain);
      }
    }
}

char *
ess_scenario_indicator_format_decimal (EssScenarioIndicator indicator,
                              gboolean     has_value,
                              gint64       value)
{
  if (!has_value)
    return g_strdup ("");

  switch (ess_scenario_indicator_kind (indicator))
    {
    case ESS_VALUE_MONEY:
    case ESS_VALUE_BP:
    case ESS_VALUE_CENTIDAYS:
      return ess_money_format_decimal (value);
    case ESS_VALUE_COUNT:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
}

char *
ess_scenario_indicator_format_difference (EssScenarioIndicator indicator,
                                 gboolean     has_value,
                                 gint64       value,
                                 gboolean     has_reference,
                                 gint64       reference)
{
  g_autofree char *absolute = NULL;
  gint64 difference;

  if (!has_value || !has_reference)
    return g_strdup ("");
  if (!ess_money_sub (value, reference, &difference))
    return g_strdup ("");
  if (difference == 0)
    return g_strdup ("=");

  switch (ess_scenario_indicator_kind (indicator))
    {
    case ESS_VALUE_BP:
      {
        /* A difference of percentages is in points, not in percent. */
        g_autofree char *number = ess_percent_format (difference < 0 ? -difference : difference, 10000, 1);
        /* "14,7 %" -> "14,7" */
        number[strlen (number) - strlen (NBSP "%")] = '\0';
        return g_strdup_printf ("%s%s" NBSP "pt", difference < 0 ? "-" : "+", number);
      }
    default:
      absolute = ess_scenario_indicator_format (indicator, TRUE, difference < 0 ? -difference : difference);
      break;
    }

  if (reference == 0)
    return g_strdup_printf ("%s%s", difference < 0 ? "-" : "+", absolute);
  else
    {
      g_autofree char *percent = ess_percent_format (difference < 0 ? -difference : difference,
                                                     reference < 0 ? -reference : reference, 1);
      const char *sign = difference < 0 ? "-" : "+";
      return g_strdup_printf ("%s%s (%s%s)", sign, absolute, sign, percent);
    }
}

static void
add_change (GPtrArray  *changes,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
add_change (GPtrArray  *changes,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (changes, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
format_assumption (EssAssumption assumption,
                   gint64        value)
{
  switch (ess_assumption_info (assumption)->unit)
    {
    case ESS_UNIT_CENTIDAYS:
      return ess_centidays_format (value);
    case ESS_UNIT_CENTI_ETP:
      return ess_centi_format (value);
    case ESS_UNIT_COUNT:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
}

GPtrArray *
ess_scenario_describe_changes (const EssScenario *before,
                               const EssScenario *after)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (before->name, after->name) != 0)
    add_change (changes, _("Name: “%s” → “%s”"), before->name, after->name);
  if (before->kind != after->kind)
    add_change (changes, _("Kind: %s → %s"), ess_scenario_kind_label (before->kind), ess_scenario_kind_label (after->kind));
  if (before->first_year != after->first_year || before->last_year != after->last_year)
    add_change (changes, _("Horizon: %d–%d → %d–%d"), before->first_year, before->last_year,
                after->first_year, after->last_year);
  if (g_strcmp0 (before->description, after->description) != 0)
    add_change (changes, _("Description changed"));
  if (g_strcmp0 (before->arguments_for, after->arguments_for) != 0)
    add_change (changes, _("Arguments for changed"));
  if (g_strcmp0 (before->arguments_against, after->arguments_against) != 0)
    add_change (changes, _("Arguments against changed"));
  if (before->portfolio_default != after->portfolio_default)
    add_change (changes, _("Ongoing dossiers: %s → %s"), ess_treatment_label (before->portfolio_default),
                ess_treatment_label (after->portfolio_default));

  for (guint l = 0; l < after->lines->len; l++)
    {
      const EssScenarioLine *line = g_ptr_array_index (after->lines, l);
      const EssScenarioLine *old = NULL;

      for (guint m = 0; m < before->lines->len && old == NULL; m++)
        if (g_strcmp0 (((EssScenarioLine *) g_ptr_array_index (before->lines, m))->label, line->label) == 0)
          old = g_ptr_array_index (before->lines, m);

      if (old == NULL)
        {
          add_change (changes, _("Budget line “%s” added"), line->label);
          continue;
        }
      for (int year = after->first_year; year <= after->last_year; year++)
        {
          const EssLineAmount *na = &g_array_index (line->amounts, EssLineAmount, year - after->first_year);
          EssLineAmount oa;

          /* A year added by a change of horizon is told by that change. */
          if (year < before->first_year || year > before->last_year)
            continue;
          oa = g_array_index (old->amounts, EssLineAmount, year - before->first_year);
          if (oa.metropole != na->metropole)
            {
              g_autofree char *o = ess_money_format (oa.metropole);
              g_autofree char *v = ess_money_format (na->metropole);
              add_change (changes, _("%s, %d, Métropole: %s → %s"), line->label, year, o, v);
            }
          if (oa.cofunders != na->cofunders)
            {
              g_autofree char *o = ess_money_format (oa.cofunders);
              g_autofree char *v = ess_money_format (na->cofunders);
              add_change (changes, _("%s, %d, co-funders: %s → %s"), line->label, year, o, v);
            }
        }
    }
  for (guint m = 0; m < before->lines->len; m++)
    {
      const EssScenarioLine *old = g_ptr_array_index (before->lines, m);
      gboolean kept = FALSE;

      for (guint l = 0; l < after->lines->len; l++)
        kept |= g_strcmp0 (((EssScenarioLine *) g_ptr_array_index (after->lines, l))->label, old->label) == 0;
      if (!kept)
        add_change (changes, _("Budget line “%s” removed"), old->label);
    }

  for (int year = after->first_year; year <= after->last_year; year++)
    {
      const EssScenarioYear *ny = &g_array_index (after->years, EssScenarioYear, year - after->first_year);
      const EssScenarioYear *oy = NULL;

      if (year >= before->first_year && year <= before->last_year)
        oy = &g_array_index (before->years, EssScenarioYear, year - before->first_year);
      if (oy == NULL)
        continue;
      for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
        if (oy->assumptions[a] != ny->assumptions[a])
          {
            g_autofree char *o = format_assumption (a, oy->assumptions[a]);
            g_autofree char *v = format_assumption (a, ny->assumptions[a]);
            add_change (changes, _("%s, %d: %s → %s"), ess_assumption_label (a), year, o, v);
          }
      for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
        if (memcmp (&oy->reach[c], &ny->reach[c], sizeof (EssReach)) != 0)
          add_change (changes, _("Reach of “%s”, %d changed"), ess_size_class_label (c), year);
    }

  if (!territory_reach_equal (before->territory_reach, after->territory_reach))
    add_change (changes, _("Reach by territory changed"));

  if (g_hash_table_size (before->treatments) != g_hash_table_size (after->treatments))
    add_change (changes, _("Treatment of ongoing dossiers changed"));
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, after->treatments);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (ess_scenario_get_treatment (before, *(gint64 *) key) != (EssTreatment) GPOINTER_TO_INT (value))
          {
            add_change (changes, _("Treatment of ongoing dossiers changed"));
            break;
          }
    }

  for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
    if (g_strcmp0 (before->hypotheses[a], after->hypotheses[a]) != 0)
      add_change (changes, _("Hypothesis of “%s” changed"), ess_assumption_label (a));

  return changes;
}
