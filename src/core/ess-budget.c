/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project budget of Cerfa 12156*06: its lines, totals, checks and financial report gaps. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-budget.h"
#include "ess-csv.h"
#include "ess-money.h"

#define BOM "\xef\xbb\xbf"

/* The lines of the Cerfa 12156*06 "budget du projet" (DOMAIN.md), in
 * its order. The labels are the French words of the form: data, not
 * interface text. The charges indirectes and the ressources propres have
 * no account number. */
static const struct {
  const char    *code;
  const char    *label;
  EssBudgetSide  side;
  const char    *funder_kind;
  int            depth;
} default_lines[] = {
  { "60", "Achats", ESS_BUDGET_CHARGE, NULL, 0 },
  { "61", "Services extérieurs", ESS_BUDGET_CHARGE, NULL, 0 },
  { "62", "Autres services extérieurs", ESS_BUDGET_CHARGE, NULL, 0 },
  { "63", "Impôts et taxes", ESS_BUDGET_CHARGE, NULL, 0 },
  { "64", "Charges de personnel", ESS_BUDGET_CHARGE, NULL, 0 },
  { "65", "Autres charges de gestion courante", ESS_BUDGET_CHARGE, NULL, 0 },
  { "66", "Charges financières", ESS_BUDGET_CHARGE, NULL, 0 },
  { "67", "Charges exceptionnelles", ESS_BUDGET_CHARGE, NULL, 0 },
  { "68", "Dotations aux amortissements", ESS_BUDGET_CHARGE, NULL, 0 },
  { "", "Charges indirectes affectées", ESS_BUDGET_CHARGE, NULL, 0 },
  { "86", "Emplois des contributions volontaires en nature", ESS_BUDGET_CHARGE, NULL, 0 },
  { "860", "Secours en nature", ESS_BUDGET_CHARGE, NULL, 1 },
  { "861", "Mise à disposition gratuite de biens et services", ESS_BUDGET_CHARGE, NULL, 1 },
  { "862", "Prestations", ESS_BUDGET_CHARGE, NULL, 1 },
  { "864", "Personnel bénévole", ESS_BUDGET_CHARGE, NULL, 1 },
  { "70", "Ventes, prestations de services", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "73", "Dotations et produits de tarification", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "74", "Subventions d'exploitation", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "74", "État", ESS_BUDGET_PRODUCT, "etat", 1 },
  { "74", "Région(s)", ESS_BUDGET_PRODUCT, "region", 1 },
  { "74", "Département(s)", ESS_BUDGET_PRODUCT, "departement", 1 },
  { "74", "Intercommunalité(s) – EPCI", ESS_BUDGET_PRODUCT, "epci", 1 },
  { "74", "Commune(s)", ESS_BUDGET_PRODUCT, "commune", 1 },
  { "74", "Organismes sociaux", ESS_BUDGET_PRODUCT, "organismes-sociaux", 1 },
  { "74", "Fonds européens", ESS_BUDGET_PRODUCT, "europe", 1 },
  { "74", "ASP – emplois aidés", ESS_BUDGET_PRODUCT, "asp", 1 },
  { "74", "Autres établissements publics", ESS_BUDGET_PRODUCT, "etablissement-public", 1 },
  { "74", "Aides privées – fondations", ESS_BUDGET_PRODUCT, "prive", 1 },
  { "75", "Autres produits de gestion courante", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "756", "Cotisations", ESS_BUDGET_PRODUCT, NULL, 1 },
  { "758", "Dons manuels, mécénat", ESS_BUDGET_PRODUCT, NULL, 1 },
  { "76", "Produits financiers", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "78", "Reprises sur amortissements et provisions", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "", "Ressources propres affectées", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "87", "Contributions volontaires en nature", ESS_BUDGET_PRODUCT, NULL, 0 },
  { "870", "Bénévolat", ESS_BUDGET_PRODUCT, NULL, 1 },
  { "871", "Prestations en nature", ESS_BUDGET_PRODUCT, NULL, 1 },
  { "875", "Dons en nature", ESS_BUDGET_PRODUCT, NULL, 1 },
};

/* The kinds of funder of a funding plan and the 74 sub-line that holds
 * their subsidy; "autofinancement" and "autre" have none. */
static const struct {
  const char *plan_kind;
  const char *budget_kind;
} funder_kinds[] = {
  { "metropole", "epci" },
  { "commune", "commune" },
  { "region", "region" },
  { "departement", "departement" },
  { "etat", "etat" },
  { "europe", "europe" },
  { "prive", "prive" },
};

G_DEFINE_QUARK (ess-budget-error-quark, ess_budget_error)

void
ess_budget_line_free (EssBudgetLine *line)
{
  if (line == NULL)
    return;

  g_free (line->code);
  g_free (line->label);
  g_free (line->funder_kind);
  g_free (line);
}

EssBudget *
ess_budget_new_default (void)
{
  EssBudget *budget = g_new0 (EssBudget, 1);

  budget->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_budget_line_free);
  for (guint i = 0; i < G_N_ELEMENTS (default_lines); i++)
    {
      EssBudgetLine *line = g_new0 (EssBudgetLine, 1);

      line->code = g_strdup (default_lines[i].code);
      line->label = g_strdup (default_lines[i].label);
      line->side = default_lines[i].side;
      line->funder_kind = g_strdup (default_lines[i].funder_kind);
      line->depth = default_lines[i].depth;
      g_ptr_array_add (budget->lines, line);
    }

  return budget;
}

void
ess_budget_free (EssBudget *budget)
{
  if (budget == NULL)
    return;

  g_ptr_array_unref (budget->lines);
  g_free (budget);
}

EssBudget *
ess_budget_copy (const EssBudget *budget)
{
  EssBudget *copy;

  g_return_val_if_fail (budget != NULL, NULL);

  copy = g_new0 (EssBudget, 1);
  copy->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_budget_line_free);
  for (guint i = 0; i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = g_ptr_array_index (budget->lines, i);
      EssBudgetLine *dup = g_memdup2 (line, sizeof *line);

      dup->code = g_strdup (line->code ? line->code : "");
      dup->label = g_strdup (line->label ? line->label : "");
      dup->funder_kind = g_strdup (line->funder_kind);
      g_ptr_array_add (copy->lines, dup);
    }

  return copy;
}

gboolean
ess_budget_equal (const EssBudget *a,
                  const EssBudget *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->lines->len != b->lines->len)
    return FALSE;

  for (guint i = 0; i < a->lines->len; i++)
    {
      const EssBudgetLine *la = g_ptr_array_index (a->lines, i);
      const EssBudgetLine *lb = g_ptr_array_index (b->lines, i);

      if (g_strcmp0 (la->code ? la->code : "", lb->code ? lb->code : "") != 0 ||
          g_strcmp0 (la->label ? la->label : "", lb->label ? lb->label : "") != 0 ||
          g_strcmp0 (la->funder_kind, lb->funder_kind) != 0 ||
          la->side != lb->side || la->depth != lb->depth ||
          la->forecast_cents != lb->forecast_cents ||
          la->has_actual != lb->has_actual ||
          (la->has_actual && la->actual_cents != lb->actual_cents))
        return FALSE;
    }

  return TRUE;
}

static const EssBudgetLine *
line_at (const EssBudget *budget,
         guint            index)
{
  return g_ptr_array_index (budget->lines, index);
}

static gint64
line_amount (const EssBudgetLine *line,
             gboolean             actual)
{
  if (!actual)
    return line->forecast_cents;
  return line->has_actual ? line->actual_cents : 0;
}

/* The amount of account line @index (depth 0): the sum of its sub-lines
 * when it has any, its own amount otherwise. Sets @end to the index after
 * its last sub-line. */
static gboolean
account_amount (const EssBudget *budget,
                guint            index,
                gboolean         actual,
                gint64          *out,
                guint           *end)
{
  guint i = index + 1;
  gint64 sum = 0;

  if (i >= budget->lines->len || line_at (budget, i)->depth == 0)
    {
      *out = line_amount (line_at (budget, index), actual);
      *end = i;
      return TRUE;
    }

  for (; i < budget->lines->len && line_at (budget, i)->depth > 0; i++)
    if (!ess_money_add (sum, line_amount (line_at (budget, i), actual), &sum))
      return FALSE;

  *out = sum;
  *end = i;
  return TRUE;
}

gboolean
ess_budget_totals (const EssBudget *budget,
                   gboolean         actual,
                   EssBudgetTotals *totals)
{
  EssBudgetTotals sums = { 0 };
  guint i = 0;

  g_return_val_if_fail (budget != NULL, FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  while (i < budget->lines->len)
    {
      const EssBudgetLine *line = line_at (budget, i);
      gint64 amount;
      gint64 *slot;
      guint end;

      /* Sub-lines without an account line above them count on their own. */
      if (!account_amount (budget, i, actual, &amount, &end))
        return FALSE;
      if (line->depth > 0)
        {
          amount = line_amount (line, actual);
          end = i + 1;
        }

      if (g_strcmp0 (line->code, "86") == 0 || g_str_has_prefix (line->code ? line->code : "", "86"))
        slot = &sums.contributions_86;
      else if (g_strcmp0 (line->code, "87") == 0 || g_str_has_prefix (line->code ? line->code : "", "87"))
        slot = &sums.contributions_87;
      else if (line->side == ESS_BUDGET_CHARGE)
        slot = &sums.charges;
      else
        slot = &sums.products;

      if (!ess_money_add (*slot, amount, slot))
        return FALSE;
      i = end;
    }

  if (!ess_money_add (sums.charges, sums.contributions_86, &sums.charges_total) ||
      !ess_money_add (sums.products, sums.contributions_87, &sums.products_total))
    return FALSE;

  *totals = sums;
  return TRUE;
}

gboolean
ess_budget_line_sum (const EssBudget *budget,
                     guint            index,
                     gboolean         actual,
                     gint64          *out)
{
  guint end;

  g_return_val_if_fail (budget != NULL && out != NULL, FALSE);
  g_return_val_if_fail (index < budget->lines->len, FALSE);

  if (line_at (budget, index)->depth > 0)
    {
      *out = line_amount (line_at (budget, index), actual);
      return TRUE;
    }

  return account_amount (budget, index, actual, out, &end);
}

gboolean
ess_budget_is_empty (const EssBudget *budget)
{
  g_return_val_if_fail (budget != NULL, TRUE);

  for (guint i = 0; i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = line_at (budget, i);

      if (line->forecast_cents != 0 || (line->has_actual && line->actual_cents != 0))
        return FALSE;
    }

  return TRUE;
}

const char *
ess_budget_kind_for_funder (const char *plan_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (funder_kinds); i++)
    if (g_strcmp0 (funder_kinds[i].plan_kind, plan_kind) == 0)
      return funder_kinds[i].budget_kind;

  return NULL;
}

static char *
difference_text (gint64 a,
                 gint64 b)
{
  gint64 diff;

  if (!ess_money_sub (a, b, &diff) || diff == G_MININT64)
    return g_strdup (_("too large to compute"));

  return ess_money_format (diff < 0 ? -diff : diff);
}

static void
check_funders (const EssBudget      *budget,
               const EssFundingPlan *plan,
               GPtrArray            *findings)
{
  for (guint k = 0; k < G_N_ELEMENTS (funder_kinds); k++)
    {
      const char *budget_kind = funder_kinds[k].budget_kind;
      g_autoptr(GString) names = g_string_new (NULL);
      const char *line_label = NULL;
      int first_funder = -1;
      gint64 planned = 0;
      gint64 budgeted = 0;
      gboolean ok = TRUE;

      for (guint f = 0; f < plan->funders->len; f++)
        {
          const EssFunder *funder = g_ptr_array_index (plan->funders, f);
          gint64 total;

          if (g_strcmp0 (funder->kind, funder_kinds[k].plan_kind) != 0)
            continue;
          if (first_funder < 0)
            first_funder = (int) f;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, funder->name ? funder->name : "");
          ok = ok && ess_funding_funder_total (plan, f, &total) && ess_money_add (planned, total, &planned);
        }
      for (guint i = 0; i < budget->lines->len; i++)
        {
          const EssBudgetLine *line = line_at (budget, i);

          if (line->side != ESS_BUDGET_PRODUCT || g_strcmp0 (line->funder_kind, budget_kind) != 0)
            continue;
          if (line_label == NULL)
            line_label = line->label;
          ok = ok && ess_money_add (budgeted, line->forecast_cents, &budgeted);
        }

      {
        g_autofree char *place = NULL;
        g_autofree char *message = NULL;
        g_autofree char *planned_text = NULL;
        g_autofree char *budgeted_text = NULL;
        g_autofree char *diff_text = NULL;

        /* TRANSLATORS: the place of a finding: the subsidy line of the budget for a kind of
         * funder, "Line 74 Commune(s)" */
        place = g_strdup_printf (_("Line 74 %s"), line_label ? line_label : budget_kind);

        if (!ok)
          {
            g_ptr_array_add (findings,
                             ess_finding_new (ESS_SEVERITY_ERROR, "overflow", place, -1, first_funder,
                                              _("the sum of the amounts is too large to be computed")));
            continue;
          }
        if (planned == budgeted)
          continue;

        planned_text = ess_money_format (planned);
        budgeted_text = ess_money_format (budgeted);
        diff_text = difference_text (planned, budgeted);
        if (first_funder < 0)
          /* TRANSLATORS: a subsidy line of the budget with an amount while the funding
           * plan has no funder of that kind: the amount in the budget */
          message = g_strdup_printf (_("no such funder in the funding plan, budget %s"), budgeted_text);
        else
          /* TRANSLATORS: funders of the funding plan (their names) against the subsidy line
           * of the budget: names, amount in the plan, amount in the budget, difference */
          message = g_strdup_printf (_("%s in the funding plan %s ≠ budget %s (difference %s)"),
                                     names->str, planned_text, budgeted_text, diff_text);
        g_ptr_array_add (findings,
                         ess_finding_new (ESS_SEVERITY_WARNING, "budget-funders", place, -1, first_funder,
                                          message));
      }
    }
}

GPtrArray *
ess_budget_check (const EssBudget      *budget,
                  const EssFundingPlan *plan)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);
  EssBudgetTotals totals;

  g_return_val_if_fail (budget != NULL, findings);

  if (!ess_budget_totals (budget, FALSE, &totals))
    {
      /* TRANSLATORS: the place of a finding: the whole budget of the project */
      g_ptr_array_add (findings,
                       ess_finding_new (ESS_SEVERITY_ERROR, "overflow", _("Budget"), -1, -1,
                                        _("the sum of the amounts is too large to be computed")));
      return findings;
    }

  if (totals.charges_total != totals.products_total)
    {
      g_autofree char *charges = ess_money_format (totals.charges_total);
      g_autofree char *products = ess_money_format (totals.products_total);
      g_autofree char *diff = difference_text (totals.charges_total, totals.products_total);
      g_autofree char *message = NULL;

      /* TRANSLATORS: a budget that is not balanced: total charges, total products
       * (produits), difference */
      message = g_strdup_printf (_("charges %s ≠ products %s (difference %s)"), charges, products, diff);
      g_ptr_array_add (findings,
                       ess_finding_new (ESS_SEVERITY_ERROR, "budget-balance", _("Budget"), -1, -1, message));
    }

  if (totals.contributions_86 != totals.contributions_87)
    {
      g_autofree char *uses = ess_money_format (totals.contributions_86);
      g_autofree char *contributions = ess_money_format (totals.contributions_87);
      g_autofree char *diff = difference_text (totals.contributions_86, totals.contributions_87);
      g_autofree char *message = NULL;

      /* TRANSLATORS: voluntary contributions in kind: their uses (account 86) against
       * the contributions (account 87), and the difference */
      message = g_strdup_printf (_("uses of contributions in kind (86) %s ≠ contributions in kind (87) %s "
                                   "(difference %s)"),
                                 uses, contributions, diff);
      g_ptr_array_add (findings,
                       ess_finding_new (ESS_SEVERITY_ERROR, "budget-contributions",
                                        /* TRANSLATORS: the place of a finding: two lines of the budget */
                                        _("Lines 86 and 87"), -1, -1, message));
    }

  if (plan != NULL)
    check_funders (budget, plan, findings);

  return findings;
}

gboolean
ess_budget_validate (const EssBudget  *budget,
                     GError          **error)
{
  g_return_val_if_fail (budget != NULL, FALSE);

  for (guint i = 0; i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = line_at (budget, i);
      g_autofree char *amount = NULL;

      if (line->forecast_cents < 0)
        {
          amount = ess_money_format (line->forecast_cents);
          /* TRANSLATORS: a budget line: its account code, its label, the negative forecast amount */
          g_set_error (error, ESS_BUDGET_ERROR, ESS_BUDGET_ERROR_AMOUNT,
                       _("Line %s “%s”, forecast: %s is negative: an amount of the budget is 0 or more"),
                       line->code ? line->code : "", line->label ? line->label : "", amount);
          return FALSE;
        }
      if (line->has_actual && line->actual_cents < 0)
        {
          amount = ess_money_format (line->actual_cents);
          /* TRANSLATORS: a budget line: its account code, its label, the negative actual amount */
          g_set_error (error, ESS_BUDGET_ERROR, ESS_BUDGET_ERROR_AMOUNT,
                       _("Line %s “%s”, actual: %s is negative: an amount of the budget is 0 or more"),
                       line->code ? line->code : "", line->label ? line->label : "", amount);
          return FALSE;
        }
    }

  return TRUE;
}

void
ess_budget_line_gap (const EssBudgetLine *line,
                     gint64              *gap_cents,
                     gint64              *gap_bp)
{
  gint64 gap = 0;

  g_return_if_fail (line != NULL);

  if (line->has_actual && !ess_money_sub (line->actual_cents, line->forecast_cents, &gap))
    gap = line->actual_cents > line->forecast_cents ? G_MAXINT64 : G_MININT64;

  if (gap_cents != NULL)
    *gap_cents = gap;
  if (gap_bp != NULL)
    *gap_bp = line->has_actual ? ess_percent_basis_points (gap, line->forecast_cents) : 0;
}

static char *
spreadsheet_amount (gint64 cents)
{
  char *text = ess_money_format_decimal (cents);
  char *point = strchr (text, '.');

  if (point != NULL)
    *point = ',';
  return text;
}

/* Basis points as a spreadsheet percentage number: 1250 is "12,50". */
static char *
spreadsheet_percent (gint64 bp)
{
  guint64 mag = bp < 0 ? (guint64) -(bp + 1) + 1 : (guint64) bp;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%02u", bp < 0 ? "-" : "", mag / 100, (guint) (mag % 100));
}

static void
append_cells (GString     *out,
              const char **cells,
              guint        n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      ess_csv_append_field (out, cells[i] ? cells[i] : "", ';');
    }
  g_string_append_c (out, '\n');
}

char *
ess_budget_to_csv (const EssBudget *budget)
{
  GString *out;
  EssBudgetTotals forecast, actual;
  gboolean any_actual = FALSE;
  gboolean ok_forecast, ok_actual;

  g_return_val_if_fail (budget != NULL, NULL);

  out = g_string_new (BOM);
  {
    const char *header[] = { "Compte", "Libellé", "Nature", "Prévisionnel", "Réalisé", "Écart", "Écart (%)" };

    append_cells (out, header, G_N_ELEMENTS (header));
  }

  for (guint i = 0; i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = line_at (budget, i);
      gboolean has_sub = line->depth == 0 && i + 1 < budget->lines->len && line_at (budget, i + 1)->depth > 0;
      g_autofree char *forecast_text = NULL;
      g_autofree char *actual_text = NULL;
      g_autofree char *gap_text = NULL;
      g_autofree char *gap_bp_text = NULL;
      gboolean has_actual = line->has_actual;
      const char *cells[7];
      gint64 amount;

      any_actual = any_actual || line->has_actual;

      /* An account line with sub-lines shows their sum, as the form does. */
      if (ess_budget_line_sum (budget, i, FALSE, &amount))
        forecast_text = spreadsheet_amount (amount);
      if (has_sub)
        {
          has_actual = FALSE;
          for (guint j = i + 1; j < budget->lines->len && line_at (budget, j)->depth > 0; j++)
            has_actual = has_actual || line_at (budget, j)->has_actual;
        }
      if (has_actual && ess_budget_line_sum (budget, i, TRUE, &amount))
        {
          EssBudgetLine sum_line = *line;
          gint64 gap, gap_bp;

          if (has_sub)
            {
              sum_line.has_actual = TRUE;
              sum_line.actual_cents = amount;
              if (!ess_budget_line_sum (budget, i, FALSE, &sum_line.forecast_cents))
                sum_line.forecast_cents = 0;
            }
          actual_text = spreadsheet_amount (amount);
          ess_budget_line_gap (&sum_line, &gap, &gap_bp);
          gap_text = spreadsheet_amount (gap);
          gap_bp_text = sum_line.forecast_cents != 0 ? spreadsheet_percent (gap_bp) : NULL;
        }

      cells[0] = line->code;
      cells[1] = line->label;
      cells[2] = line->side == ESS_BUDGET_CHARGE ? "Charges" : "Produits";
      cells[3] = forecast_text;
      cells[4] = actual_text;
      cells[5] = gap_text;
      cells[6] = gap_bp_text;
      append_cells (out, cells, G_N_ELEMENTS (cells));
    }

  ok_forecast = ess_budget_totals (budget, FALSE, &forecast);
  ok_actual = any_actual && ess_budget_totals (budget, TRUE, &actual);
  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *forecast_text = NULL;
      g_autofree char *actual_text = NULL;
      const char *cells[7] = { "", side == 0 ? "Total des charges" : "Total des produits",
                               side == 0 ? "Charges" : "Produits", NULL, NULL, NULL, NULL };

      if (ok_forecast)
        forecast_text = spreadsheet_amount (side == 0 ? forecast.charges_total : forecast.products_total);
      if (ok_actual)
        actual_text = spreadsheet_amount (side == 0 ? actual.charges_total : actual.products_total);
      cells[3] = forecast_text;
      cells[4] = actual_text;
      append_cells (out, cells, G_N_ELEMENTS (cells));
    }

  return g_string_free (out, FALSE);
}
