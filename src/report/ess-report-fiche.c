/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fiche d'instruction of one dossier: what the committee reads before it decides. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-assessment.h"
#include "ess-budget.h"
#include "ess-dossier.h"
#include "ess-funding-plan.h"
#include "ess-money.h"
#include "ess-report.h"
#include "ess-report-private.h"
#include "ess-store-communes.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"
#include "ess-store-indicators.h"
#include "ess-store-report.h"

/* Reference data. */

static GHashTable *
choices_table (GPtrArray *choices)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < choices->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (choices, i);

      g_hash_table_insert (table, g_strdup (choice->id), g_strdup (choice->label));
    }

  return table;
}

EssReportSources *
ess_report_sources_new (EssStore  *store,
                        GError   **error)
{
  g_autoptr(EssReportSources) sources = g_new0 (EssReportSources, 1);
  g_autoptr(GPtrArray) schemes = NULL;
  g_autoptr(GPtrArray) legal_forms = NULL;
  g_autoptr(GPtrArray) communes = NULL;

  sources->store = g_object_ref (store);
  if ((schemes = ess_store_list_schemes (store, error)) == NULL ||
      (legal_forms = ess_store_list_legal_forms (store, error)) == NULL ||
      (communes = ess_store_list_communes (store, error)) == NULL ||
      (sources->volets = ess_store_volet_names (store, error)) == NULL)
    return NULL;

  sources->schemes = choices_table (schemes);
  sources->legal_forms = choices_table (legal_forms);
  sources->communes = choices_table (communes);

  return g_steal_pointer (&sources);
}

void
ess_report_sources_free (EssReportSources *sources)
{
  if (sources == NULL)
    return;
  g_clear_object (&sources->store);
  g_clear_pointer (&sources->schemes, g_hash_table_unref);
  g_clear_pointer (&sources->legal_forms, g_hash_table_unref);
  g_clear_pointer (&sources->communes, g_hash_table_unref);
  g_clear_pointer (&sources->volets, g_hash_table_unref);
  g_free (sources);
}

static const char *
lookup (GHashTable *table,
        const char *code)
{
  const char *name = code ? g_hash_table_lookup (table, code) : NULL;

  return name ? name : (code ? code : "");
}

/* Small helpers. */

static char *
date_or_dash (const char *iso)
{
  return iso != NULL && iso[0] != '\0' ? ess_date_format (iso) : g_strdup ("—");
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static char *
money_markup (gint64   cents,
              gboolean alert)
{
  g_autofree char *text = ess_money_format_plain (cents);

  return alert ? ess_report_markup_alert (text) : g_markup_escape_text (text, -1);
}

/* The day a dossier first reached @status, from its history (events carry
 * the status' name as it was shown), or NULL. */
static char *
status_date (GPtrArray *history,
             EssStatus  status)
{
  const char *label = ess_status_label (status);

  /* Newest first: the last match is the first time. */
  for (guint i = history->len; i > 0; i--)
    {
      EssHistoryEvent *event = g_ptr_array_index (history, i - 1);

      if (g_strcmp0 (event->action, "status") == 0 && g_strcmp0 (event->new_value, label) == 0 &&
          event->at != NULL && strlen (event->at) >= 10)
        return g_strndup (event->at, 10);
    }

  return NULL;
}

/* Sections. */

static void
add_band (EssReport        *self,
          EssReportSources *sources,
          const EssDossier *dossier)
{
  g_autofree char *volet_key = g_strdup_printf ("%s/%d", dossier->scheme, dossier->volet);
  const char *volet_name = g_hash_table_lookup (sources->volets, volet_key);
  g_autofree char *scheme = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *kicker = NULL;
  g_autofree char *requested = ess_money_format (dossier->requested_cents);
  g_autofree char *detail = NULL;

  if (dossier->volet > 0 && volet_name != NULL)
    /* TRANSLATORS: scheme name, volet number and volet name */
    scheme = g_strdup_printf (_("%s, volet %d: %s"), lookup (sources->schemes, dossier->scheme),
                              dossier->volet, volet_name);
  else if (dossier->volet > 0)
    scheme = g_strdup_printf (_("%s, volet %d"), lookup (sources->schemes, dossier->scheme), dossier->volet);
  else
    scheme = g_strdup (lookup (sources->schemes, dossier->scheme));

  subtitle = g_strdup_printf ("%s — %s", has_text (dossier->applicant_name) ? dossier->applicant_name
                                                                           : _("No applicant"),
                              scheme);
  kicker = g_strdup (_("Instruction summary"));

  detail = g_markup_printf_escaped ("%s · %d\n%s <b>%s</b>", ess_status_label (dossier->status), dossier->year,
                                    _("Requested:"), requested);
  ess_report_add_band (self, kicker, dossier->title, subtitle, dossier->reference, detail);
}

static void
add_dossier_section (EssReport        *self,
                     EssReportSources *sources,
                     const EssDossier *dossier,
                     GPtrArray        *history)
{
  g_autofree char *volet = NULL;
  g_autofree char *year = g_strdup_printf ("%d", dossier->year);
  g_autofree char *committee = NULL;
  g_autofree char *submitted = date_or_dash (dossier->submitted_on);
  g_autofree char *review_iso = status_date (history, ESS_STATUS_IN_REVIEW);
  g_autofree char *opinion_iso = status_date (history, ESS_STATUS_OPINION_GIVEN);
  g_autofree char *review = date_or_dash (review_iso);
  g_autofree char *opinion = date_or_dash (opinion_iso);
  g_autofree char *decided = date_or_dash (dossier->decided_on);
  g_autofree char *agreement = date_or_dash (dossier->agreement_on);
  g_autofree char *period = NULL;
  static const char *columns[] = {
    N_("Submitted"), N_("Review started"), N_("Opinion given"), N_("Decision"), N_("Agreement signed"),
    N_("Project period"),
  };
  EssReportBlock *grid;
  EssReportBlock *dates;
  guint row;

  if (dossier->volet > 0)
    volet = g_strdup_printf ("%d", dossier->volet);
  committee = has_text (dossier->committee_on) ? ess_date_format_long (dossier->committee_on)
                                               : g_strdup (_("Not scheduled"));
  if (has_text (dossier->start_on) || has_text (dossier->end_on))
    {
      g_autofree char *start = date_or_dash (dossier->start_on);
      g_autofree char *end = date_or_dash (dossier->end_on);

      /* TRANSLATORS: the period of a project: from a date to a date */
      period = g_strdup_printf (_("%s to %s"), start, end);
    }

  ess_report_add_heading (self, _("Dossier"));
  grid = ess_report_add_grid (self);
  ess_report_grid_add (grid, _("Scheme"), lookup (sources->schemes, dossier->scheme), FALSE);
  ess_report_grid_add (grid, _("Volet"), volet, FALSE);
  ess_report_grid_add (grid, _("Committee session"), committee, FALSE);
  ess_report_grid_add (grid, _("Year"), year, FALSE);
  if (has_text (dossier->axis))
    ess_report_grid_add (grid, _("Axis"), dossier->axis, TRUE);

  /* The key dates side by side, in the order of the instruction. */
  dates = ess_report_add_table (self);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    ess_report_table_add_column (dates, _(columns[i]), ESS_REPORT_ALIGN_CENTER, 1.0);
  row = ess_report_table_add_row (dates, ESS_REPORT_ROW_BODY);
  ess_report_table_set (dates, row, 0, submitted);
  ess_report_table_set (dates, row, 1, review);
  ess_report_table_set (dates, row, 2, opinion);
  ess_report_table_set (dates, row, 3, decided);
  ess_report_table_set (dates, row, 4, agreement);
  ess_report_table_set (dates, row, 5, period ? period : "—");
}

static void
add_applicant_section (EssReport        *self,
                       EssReportSources *sources,
                       const EssDossier *dossier,
                       GError          **error)
{
  g_autoptr(EssApplicant) applicant = NULL;
  g_autoptr(GString) contact = g_string_new (NULL);
  g_autofree char *address = NULL;
  EssReportBlock *grid;

  ess_report_add_heading (self, _("Applicant"));
  if (dossier->applicant_id == 0)
    {
      ess_report_add_text (self, ESS_REPORT_TEXT_MUTED, _("No applicant is recorded for this dossier."));
      return;
    }

  applicant = ess_store_load_applicant (sources->store, dossier->applicant_id, error);
  if (applicant == NULL)
    return;

  if (has_text (applicant->address) && has_text (applicant->commune) &&
      strstr (applicant->address, lookup (sources->communes, applicant->commune)) == NULL)
    address = g_strdup_printf ("%s (%s)", applicant->address, lookup (sources->communes, applicant->commune));
  else if (!has_text (applicant->address) && has_text (applicant->commune))
    address = g_strdup (lookup (sources->communes, applicant->commune));
  else
    address = g_strdup (applicant->address);

  for (guint i = 0; i < 3; i++)
    {
      const char *part = i == 0 ? applicant->contact_name : i == 1 ? applicant->contact_email : applicant->contact_phone;

      if (has_text (part))
        g_string_append_printf (contact, "%s%s", contact->len ? " · " : "", part);
    }

  grid = ess_report_add_grid (self);
  ess_report_grid_add (grid, _("Name"), applicant->name, FALSE);
  ess_report_grid_add (grid, _("Legal form"), applicant->legal_form ? lookup (sources->legal_forms, applicant->legal_form)
                                                                     : NULL, FALSE);
  if (has_text (applicant->siret))
    ess_report_grid_add (grid, _("SIRET"), applicant->siret, FALSE);
  else
    ess_report_grid_add (grid, _("SIREN"), applicant->siren, FALSE);
  ess_report_grid_add (grid, _("RNA"), applicant->rna, FALSE);
  ess_report_grid_add (grid, _("Address"), address, FALSE);
  ess_report_grid_add (grid, _("Contact"), contact->str, FALSE);
}

static gboolean
add_project_section (EssReport         *self,
                     EssReportSources  *sources,
                     const EssDossier  *dossier,
                     GError           **error)
{
  EssStore *store = sources->store;
  g_autoptr(GString) communes = g_string_new (NULL);
  g_autofree char *territories = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  EssReportBlock *grid;

  territories = ess_store_dossier_territories (store, dossier->id, error);
  if (territories == NULL)
    return FALSE;
  indicators = ess_store_list_indicators (store, dossier->id, error);
  if (indicators == NULL)
    return FALSE;

  for (guint i = 0; dossier->communes[i] != NULL; i++)
    g_string_append_printf (communes, "%s%s", i ? ", " : "", lookup (sources->communes, dossier->communes[i]));

  ess_report_add_heading (self, _("Project"));
  if (has_text (dossier->description))
    ess_report_add_text (self, ESS_REPORT_TEXT_BODY, dossier->description);
  grid = ess_report_add_grid (self);
  ess_report_grid_add (grid, _("Communes"), communes->str, FALSE);
  ess_report_grid_add (grid, _("Territories"), territories, FALSE);
  ess_report_grid_add (grid, _("Partners"), dossier->partners, TRUE);

  if (indicators->len > 0)
    {
      EssReportBlock *table = ess_report_add_table (self);

      ess_report_table_add_column (table, _("Indicator"), ESS_REPORT_ALIGN_LEFT, 1.0);
      ess_report_table_add_column (table, _("Target"), ESS_REPORT_ALIGN_RIGHT, 0);
      ess_report_table_add_column (table, _("Achieved"), ESS_REPORT_ALIGN_RIGHT, 0);
      ess_report_table_add_column (table, _("Unit"), ESS_REPORT_ALIGN_LEFT, 0);
      for (guint i = 0; i < indicators->len; i++)
        {
          EssIndicator *indicator = g_ptr_array_index (indicators, i);
          guint row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);

          ess_report_table_set (table, row, 0, indicator->label);
          ess_report_table_set (table, row, 1, indicator->target);
          ess_report_table_set (table, row, 2, has_text (indicator->result) ? indicator->result : "—");
          ess_report_table_set (table, row, 3, indicator->unit);
        }
    }

  return TRUE;
}

/* The funding plan: one row per action, grouped by axis, amounts summed
 * over the years; the computed totals, then the applicant's declared
 * totals and their differences where it printed some. */
static void
add_plan_table (EssReport            *self,
                const EssFundingPlan *plan)
{
  guint n_funders = plan->funders->len;
  gboolean split = FALSE;
  gboolean declared_rows = FALSE;
  gboolean declared_any = plan->has_declared_overall ||
                          plan->has_declared_realisation[0] || plan->has_declared_realisation[1];
  guint first_amount, column_total, column_declared = 0;
  gint64 overall = 0, metropole = 0;
  const char *axis = NULL;
  guint axis_rank = 0;
  guint rank_in_axis = 0;
  guint row;
  EssReportBlock *table;

  for (guint f = 0; f < n_funders; f++)
    declared_any |= g_array_index (plan->has_declared_funder, gboolean, f);
  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *action = g_ptr_array_index (plan->actions, a);
      gint64 total = 0;

      split |= action->realisation[0] != 0 || action->realisation[1] != 0;
      if (action->has_declared_total && ess_funding_action_total (plan, a, &total) &&
          total != action->declared_total)
        declared_rows = TRUE;
    }
  split |= plan->has_declared_realisation[0] || plan->has_declared_realisation[1];

  table = ess_report_add_table (self);
  ess_report_table_add_column (table, _("No."), ESS_REPORT_ALIGN_LEFT, 0);
  ess_report_table_add_column (table, _("Action"), ESS_REPORT_ALIGN_LEFT, 1.0);
  first_amount = 2;
  for (guint f = 0; f < n_funders; f++)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, f);

      ess_report_table_add_column (table, funder->name, ESS_REPORT_ALIGN_RIGHT, 0);
    }
  if (split)
    for (guint r = 0; r < 2; r++)
      ess_report_table_add_column (table, plan->realisation_labels[r], ESS_REPORT_ALIGN_RIGHT, 0);
  column_total = first_amount + n_funders + (split ? 2 : 0);
  ess_report_table_add_column (table, _("Total"), ESS_REPORT_ALIGN_RIGHT, 0);
  if (declared_rows)
    {
      column_declared = column_total + 1;
      ess_report_table_add_column (table, _("Declared total"), ESS_REPORT_ALIGN_RIGHT, 0);
    }

  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *action = g_ptr_array_index (plan->actions, a);
      g_autoptr(GString) cell = g_string_new (NULL);
      g_autofree char *number = NULL;
      gint64 total = 0;
      gboolean total_ok = ess_funding_action_total (plan, a, &total);

      if (axis == NULL || g_strcmp0 (axis, action->axis) != 0)
        {
          g_autofree char *group = NULL;

          axis = action->axis;
          axis_rank++;
          rank_in_axis = 0;
          /* TRANSLATORS: a group of actions of a funding plan: axis number and name */
          group = g_strdup_printf (_("Axis %u — %s"), axis_rank, has_text (axis) ? axis : _("Without axis"));
          row = ess_report_table_add_row (table, ESS_REPORT_ROW_GROUP);
          ess_report_table_set (table, row, 0, group);
        }

      row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      rank_in_axis++;
      if (has_text (action->number))
        number = g_strdup_printf ("%u.%s", axis_rank, action->number);
      else
        number = g_strdup_printf ("%u.%u", axis_rank, rank_in_axis);
      ess_report_table_set (table, row, 0, number);

      {
        g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", has_text (action->title) ? action->title : "—");
        g_string_append (cell, title);
      }
      if (has_text (action->description))
        {
          g_autofree char *text = g_markup_printf_escaped ("\n<span size=\"smaller\" foreground=\"#4a4f57\">%s</span>",
                                                           action->description);
          g_string_append (cell, text);
        }
      if (has_text (action->partners))
        {
          g_autofree char *text = g_markup_printf_escaped ("\n<span size=\"smaller\" foreground=\"#5c6169\"><i>%s %s</i></span>",
                                                           _("Partners:"), action->partners);
          g_string_append (cell, text);
        }
      ess_report_table_set_markup (table, row, 1, cell->str);

      for (guint f = 0; f < n_funders; f++)
        {
          gint64 amount = 0;

          if (ess_funding_action_funder_total (plan, a, f, &amount) && amount != 0)
            {
              g_autofree char *text = ess_money_format_plain (amount);
              ess_report_table_set (table, row, first_amount + f, text);
            }
        }
      if (split)
        for (guint r = 0; r < 2; r++)
          if (action->realisation[r] != 0)
            {
              g_autofree char *text = ess_money_format_plain (action->realisation[r]);
              ess_report_table_set (table, row, first_amount + n_funders + r, text);
            }
      if (total_ok)
        {
          g_autofree char *text = ess_money_format_plain (total);
          ess_report_table_set (table, row, column_total, text);
        }
      if (declared_rows && action->has_declared_total)
        {
          g_autofree char *markup = money_markup (action->declared_total, !total_ok || total != action->declared_total);
          ess_report_table_set_markup (table, row, column_declared, markup);
        }
    }

  /* The computed totals. */
  row = ess_report_table_add_row (table, ESS_REPORT_ROW_TOTAL);
  ess_report_table_set (table, row, 1, _("Total of the rows"));
  for (guint c = first_amount; c <= column_total; c++)
    {
      gint64 amount = 0;
      gboolean ok;

      if (c < first_amount + n_funders)
        ok = ess_funding_funder_total (plan, c - first_amount, &amount);
      else if (c < column_total)
        ok = ess_funding_realisation_total (plan, c - first_amount - n_funders, &amount);
      else
        ok = ess_funding_overall_total (plan, &amount);
      if (ok)
        {
          g_autofree char *text = ess_money_format_plain (amount);
          ess_report_table_set (table, row, c, text);
        }
    }

  /* The Métropole's share of the computed total, under its column. */
  if (ess_funding_plan_metropole (plan) >= 0 && ess_funding_overall_total (plan, &overall) &&
      ess_funding_kind_total (plan, "metropole", &metropole))
    {
      g_autofree char *rate = ess_percent_format (metropole, overall, 1);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", rate);

      row = ess_report_table_add_row (table, ESS_REPORT_ROW_EXTRA);
      ess_report_table_set (table, row, 1, _("Métropole share of the total"));
      ess_report_table_set_markup (table, row, first_amount + (guint) ess_funding_plan_metropole (plan), markup);
    }

  if (!declared_any)
    return;

  /* What the applicant printed, then the gaps. */
  {
    guint declared = ess_report_table_add_row (table, ESS_REPORT_ROW_EXTRA);
    guint gap = ess_report_table_add_row (table, ESS_REPORT_ROW_EXTRA);

    ess_report_table_set (table, declared, 1, _("Total declared by the applicant"));
    ess_report_table_set (table, gap, 1, _("Difference (declared − rows)"));
    for (guint c = first_amount; c <= column_total; c++)
      {
        gboolean has;
        gint64 value = 0, computed = 0, difference = 0;
        gboolean ok;

        if (c < first_amount + n_funders)
          {
            has = g_array_index (plan->has_declared_funder, gboolean, c - first_amount);
            value = g_array_index (plan->declared_funder, gint64, c - first_amount);
            ok = ess_funding_funder_total (plan, c - first_amount, &computed);
          }
        else if (c < column_total)
          {
            guint r = c - first_amount - n_funders;

            has = plan->has_declared_realisation[r];
            value = plan->declared_realisation[r];
            ok = ess_funding_realisation_total (plan, r, &computed);
          }
        else
          {
            has = plan->has_declared_overall;
            value = plan->declared_overall;
            ok = ess_funding_overall_total (plan, &computed);
          }
        if (!has)
          continue;

        {
          g_autofree char *text = ess_money_format_plain (value);
          ess_report_table_set (table, declared, c, text);
        }
        if (ok && ess_money_sub (value, computed, &difference))
          {
            g_autofree char *plain = ess_money_format_plain (difference);
            g_autofree char *signed_text = difference > 0 ? g_strconcat ("+", plain, NULL) : g_strdup (plain);
            g_autofree char *markup = difference != 0 ? ess_report_markup_alert (signed_text)
                                                      : g_markup_escape_text (signed_text, -1);

            ess_report_table_set_markup (table, gap, c, markup);
          }
      }
  }
}

static void
add_plan_section (EssReport            *self,
                  const EssFundingPlan *plan)
{
  g_autoptr(GString) heading = g_string_new (_("Funding plan"));
  gboolean empty = ess_funding_plan_is_empty (plan) || plan->actions->len == 0;
  if (plan->years->len > 0)
    {
      int first = g_array_index (plan->years, int, 0);
      int last = g_array_index (plan->years, int, plan->years->len - 1);

      if (first == last)
        g_string_append_printf (heading, " %d", first);
      else
        g_string_append_printf (heading, " %d–%d", first, last);
    }
  if (!empty)
    /* TRANSLATORS: after the title of the funding plan table */
    g_string_append (heading, _(" — amounts in euros"));
  ess_report_add_heading (self, heading->str);

  if (empty)
    {
      ess_report_add_text (self, ESS_REPORT_TEXT_MUTED, _("No funding plan is recorded for this dossier."));
      return;
    }

  add_plan_table (self, plan);

  if (plan->years->len > 1)
    {
      g_autoptr(GString) years = g_string_new (_("By year:"));

      for (guint y = 0; y < plan->years->len; y++)
        {
          gint64 amount = 0;

          if (ess_funding_year_total (plan, y, &amount))
            {
              g_autofree char *text = ess_money_format (amount);
              /* TRANSLATORS: the total of a funding plan's year: "10 000,00 € in 2024" */
              g_autofree char *part = g_strdup_printf (_("%s in %d"), text, g_array_index (plan->years, int, y));

              /* TRANSLATORS: between the totals of two years */
              g_string_append_printf (years, "%s%s", y ? _("; ") : " ", part);
            }
        }
      ess_report_add_text (self, ESS_REPORT_TEXT_BODY, years->str);
    }
}

/* An empty budget is said in the opinion section, not given a section. */
static void
add_budget_section (EssReport       *self,
                    const EssBudget *budget)
{
  EssBudgetTotals totals;
  EssReportBlock *grid;
  gint64 balance = 0;

  if (ess_budget_is_empty (budget))
    return;
  ess_report_add_heading (self, _("Project budget"));
  if (!ess_budget_totals (budget, FALSE, &totals) ||
      !ess_money_sub (totals.products_total, totals.charges_total, &balance))
    {
      ess_report_add_text (self, ESS_REPORT_TEXT_BODY, _("The budget's totals are too large to be computed."));
      return;
    }

  grid = ess_report_add_grid (self);
  {
    g_autofree char *charges = ess_money_format (totals.charges_total);
    g_autofree char *products = ess_money_format (totals.products_total);
    g_autofree char *c86 = ess_money_format (totals.contributions_86);
    g_autofree char *c87 = ess_money_format (totals.contributions_87);
    g_autofree char *gap = ess_money_format (balance);
    g_autofree char *balance_markup = NULL;

    if (balance == 0)
      balance_markup = g_markup_printf_escaped ("<b>%s</b>", _("Balanced"));
    else
      {
        /* TRANSLATORS: the budget's products minus its charges */
        g_autofree char *text = g_strdup_printf (_("Not balanced: %s"), gap);
        balance_markup = ess_report_markup_alert (text);
      }

    ess_report_grid_add (grid, _("Total charges"), charges, FALSE);
    ess_report_grid_add (grid, _("Total products"), products, FALSE);
    ess_report_grid_add (grid, _("In-kind (86)"), c86, FALSE);
    ess_report_grid_add (grid, _("In-kind (87)"), c87, FALSE);
    ess_report_grid_add_markup (grid, _("Balance"), balance_markup, TRUE);
  }
}

/* Sets @scored to FALSE when no criterion is scored nor commented: the
 * opinion section says so then, and there is no section. */
static gboolean
add_assessment_section (EssReport         *self,
                        EssStore          *store,
                        const EssDossier  *dossier,
                        gboolean          *scored,
                        GError           **error)
{
  guint n_criteria = 0;
  const EssCriterion *criteria = ess_assessment_default_criteria (&n_criteria);
  g_autofree int *scores = g_new0 (int, n_criteria);
  g_autofree char **comments = g_new0 (char *, n_criteria);
  gboolean any = FALSE;
  int total = 0, maximum = 0;
  EssReportBlock *table;
  guint row;

  if (!ess_store_get_scores (store, dossier->id, scores, comments, n_criteria, error))
    return FALSE;

  for (guint i = 0; i < n_criteria; i++)
    any |= scores[i] >= 0 || has_text (comments[i]);

  *scored = any;
  if (any)
    {
      ess_report_add_heading (self, _("Assessment"));
      table = ess_report_add_table (self);
      ess_report_table_add_column (table, _("Criterion"), ESS_REPORT_ALIGN_LEFT, 0.8);
      ess_report_table_add_column (table, _("Score"), ESS_REPORT_ALIGN_CENTER, 0);
      ess_report_table_add_column (table, _("Comment"), ESS_REPORT_ALIGN_LEFT, 1.6);
      for (guint i = 0; i < n_criteria; i++)
        {
          g_autofree char *score = scores[i] >= 0 ? g_strdup_printf ("%d / %d", scores[i], ESS_SCORE_MAX)
                                                  : g_strdup ("—");

          row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
          ess_report_table_set (table, row, 0, _(criteria[i].label));
          ess_report_table_set (table, row, 1, score);
          ess_report_table_set (table, row, 2, comments[i]);
        }
      ess_assessment_total (scores, n_criteria, &total, &maximum);
      row = ess_report_table_add_row (table, ESS_REPORT_ROW_TOTAL);
      ess_report_table_set (table, row, 0, _("Total of the scored criteria"));
      {
        g_autofree char *text = g_strdup_printf ("%d / %d", total, maximum);
        ess_report_table_set (table, row, 1, text);
      }
    }

  for (guint i = 0; i < n_criteria; i++)
    g_free (comments[i]);
  return TRUE;
}

static void
add_opinion_section (EssReport        *self,
                     const EssDossier *dossier,
                     gboolean          has_budget,
                     gboolean          scored)
{
  g_autofree char *requested = ess_money_format (dossier->requested_cents);
  g_autofree char *proposed = ess_money_format (dossier->proposed_cents);
  g_autofree char *granted = ess_money_format (dossier->granted_cents);
  g_autofree char *opinion = NULL;
  const char *color = "#1c1f24";
  EssReportBlock *grid;

  if (g_strcmp0 (dossier->opinion, "favorable") == 0)
    color = "#17662f";
  else if (g_strcmp0 (dossier->opinion, "reserved") == 0)
    color = "#945400";
  else if (g_strcmp0 (dossier->opinion, "unfavorable") == 0)
    color = "#b31c17";
  opinion = g_markup_printf_escaped ("<span foreground=\"%s\"><b>%s</b></span>", color,
                                     ess_opinion_label (dossier->opinion));

  ess_report_add_heading (self, _("Opinion of the review"));
  grid = ess_report_add_grid (self);
  ess_report_grid_add_markup (grid, _("Opinion"), opinion, FALSE);
  {
    g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", proposed);
    ess_report_grid_add_markup (grid, _("Amount proposed"), markup, FALSE);
  }
  ess_report_grid_add (grid, _("Amount requested"), requested, FALSE);
  ess_report_grid_add (grid, _("Amount granted"), dossier->granted_cents != 0 ? granted : NULL, FALSE);
  if (!has_budget)
    ess_report_grid_add (grid, _("Project budget"), _("None recorded"), FALSE);
  if (!scored)
    ess_report_grid_add (grid, _("Assessment"), _("Not scored"), FALSE);
  ess_report_grid_add (grid, _("Conditions"), has_text (dossier->conditions) ? dossier->conditions
                                                                            : _("None"), TRUE);
}

static void
add_findings_box (EssReport *self,
                  GPtrArray *findings)
{
  static const EssReportTone tones[] = {
    [ESS_SEVERITY_INFO] = ESS_REPORT_TONE_INFO,
    [ESS_SEVERITY_WARNING] = ESS_REPORT_TONE_WARNING,
    [ESS_SEVERITY_ERROR] = ESS_REPORT_TONE_ALERT,
  };
  guint n_problems = 0;
  EssReportBlock *box;
  g_autofree char *title = NULL;

  for (guint i = 0; i < findings->len; i++)
    n_problems += ((EssFinding *) g_ptr_array_index (findings, i))->severity != ESS_SEVERITY_INFO;

  if (n_problems == 0)
    title = g_strdup (_("Checks: nothing to report"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checks: %u point to look at",
                                          "Checks: %u points to look at", n_problems), n_problems);

  box = ess_report_add_box (self, n_problems == 0 ? ESS_REPORT_TONE_OK : tones[ess_findings_worst (findings)], title);
  if (findings->len == 0)
    {
      ess_report_box_add (box, ESS_REPORT_TONE_OK, _("Checked"),
                          _("The funding plan, the budget, the envelope and the de minimis ceiling "
                            "raise no remark."));
      return;
    }

  /* The most serious first, in the order of the checks within a severity. */
  for (int severity = ESS_SEVERITY_ERROR; severity >= ESS_SEVERITY_INFO; severity--)
    for (guint i = 0; i < findings->len; i++)
      {
        EssFinding *finding = g_ptr_array_index (findings, i);
        g_autofree char *markup = NULL;
        const char *tag;

        if ((int) finding->severity != severity)
          continue;
        tag = severity == ESS_SEVERITY_ERROR ? _("Inconsistency")
              : severity == ESS_SEVERITY_WARNING ? _("To check") : _("For information");
        if (has_text (finding->place))
          markup = g_markup_printf_escaped ("<b>%s</b> — %s", finding->place, finding->message);
        else
          markup = g_markup_escape_text (finding->message, -1);
        ess_report_box_add (box, tones[severity], tag, markup);
      }
}

gboolean
ess_report_add_fiche (EssReport         *self,
                      EssReportSources  *sources,
                      gint64             dossier_id,
                      gboolean           private_notes,
                      const char        *pack_title,
                      GError           **error)
{
  EssStore *store = sources->store;
  g_autoptr(EssDossier) dossier = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(EssFundingPlan) plan = NULL;
  g_autoptr(EssBudget) budget = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *section = NULL;
  gboolean scored = FALSE;

  if ((dossier = ess_store_load_dossier (store, dossier_id, error)) == NULL ||
      (history = ess_store_list_history (store, dossier_id, error)) == NULL ||
      (plan = ess_store_load_funding_plan (store, dossier_id, error)) == NULL ||
      (budget = ess_store_load_budget (store, dossier_id, error)) == NULL ||
      (findings = ess_store_dossier_findings (store, dossier_id, error)) == NULL)
    return FALSE;

  /* The page header: the pack and the dossier in a pack, else the dossier. */
  if (pack_title != NULL)
    section = g_strdup_printf ("%s — %s", pack_title, dossier->reference);
  else
    /* TRANSLATORS: the page header of a fiche: its dossier's reference */
    section = g_strdup_printf (_("Instruction summary — %s"), dossier->reference);
  ess_report_begin_section (self, section);
  add_band (self, sources, dossier);
  add_dossier_section (self, sources, dossier, history);
  add_applicant_section (self, sources, dossier, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!add_project_section (self, sources, dossier, error))
    return FALSE;
  add_plan_section (self, plan);
  add_budget_section (self, budget);
  if (!add_assessment_section (self, store, dossier, &scored, error))
    return FALSE;
  add_opinion_section (self, dossier, !ess_budget_is_empty (budget), scored);
  add_findings_box (self, findings);

  if (private_notes)
    {
      ess_report_add_heading (self, _("Private notes (not for distribution)"));
      ess_report_add_text (self, has_text (dossier->notes) ? ESS_REPORT_TEXT_BODY : ESS_REPORT_TEXT_MUTED,
                           has_text (dossier->notes) ? dossier->notes : _("No notes."));
    }

  {
    const char *author = ess_store_get_author (store);

    ess_report_add_signature (self, _("The ESS project officer"), has_text (author) ? author : "", NULL,
                              _("Approval of the head of department"));
  }

  return TRUE;
}

EssReport *
ess_report_new_fiches (EssStore      *store,
                       const gint64  *ids,
                       guint          n_ids,
                       gboolean       private_notes,
                       GError       **error)
{
  g_autoptr(EssReportSources) sources = NULL;
  g_autoptr(EssReport) self = NULL;

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);
  g_return_val_if_fail (n_ids > 0, NULL);

  sources = ess_report_sources_new (store, error);
  if (sources == NULL)
    return NULL;

  self = ess_report_new (NULL);
  for (guint i = 0; i < n_ids; i++)
    {
      if (!ess_report_add_fiche (self, sources, ids[i], private_notes, NULL, error))
        return NULL;
      if (i == 0)
        {
          /* The title of the first fiche names the document. */
          g_autoptr(EssDossier) dossier = ess_store_load_dossier (store, ids[0], NULL);
          g_autofree char *title = NULL;

          if (n_ids == 1)
            title = g_strdup_printf (_("Instruction summary — %s"), dossier->reference);
          else
            title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Instruction summaries — %u dossier",
                                                  "Instruction summaries — %u dossiers", n_ids), n_ids);
          ess_report_set_title (self, title);
        }
    }

  return g_steal_pointer (&self);
}
