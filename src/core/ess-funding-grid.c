/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funding plan as the grid of the funding tab: its columns, what each cell shows and takes, and the blocks of the clipboard. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-funding-grid.h"
#include "ess-money.h"

static guint
n_years (const EssFundingPlan *plan)
{
  return plan->years->len;
}

static guint
first_amount (void)
{
  return ESS_PLAN_PASTE_FIRST_AMOUNT;
}

guint
ess_funding_grid_col_realisation (const EssFundingPlan *plan,
                                  guint                 which)
{
  return first_amount () + plan->funders->len * n_years (plan) + which;
}

guint
ess_funding_grid_col_total (const EssFundingPlan *plan)
{
  return ess_funding_grid_col_realisation (plan, 2);
}

guint
ess_funding_grid_col_declared (const EssFundingPlan *plan)
{
  return ess_funding_grid_col_total (plan) + 1;
}

static char **
action_text_field (EssFundingAction *action,
                   guint             col)
{
  switch (col)
    {
    case ESS_PLAN_PASTE_AXIS:
      return &action->axis;
    case ESS_PLAN_PASTE_NUMBER:
      return &action->number;
    case ESS_PLAN_PASTE_TITLE:
      return &action->title;
    case ESS_PLAN_PASTE_DESCRIPTION:
      return &action->description;
    case ESS_PLAN_PASTE_PARTNERS:
    default:
      return &action->partners;
    }
}

static char *
amount_text (gboolean has,
             gint64   cents)
{
  return has ? ess_money_format_plain (cents) : g_strdup ("");
}

char *
ess_funding_grid_cell_text (const EssFundingPlan *plan,
                            int                   row,
                            guint                 col)
{
  guint years, realisation;

  g_return_val_if_fail (plan != NULL, NULL);

  years = n_years (plan);
  realisation = ess_funding_grid_col_realisation (plan, 0);

  if (row == ESS_FUNDING_ROW_HEADER)
    {
      if (col >= realisation)
        return g_strdup (plan->realisation_labels[col - realisation]);
      return g_strdup (((EssFunder *) g_ptr_array_index (plan->funders, (col - first_amount ()) / years))->name);
    }

  if (row == ESS_FUNDING_ROW_DECLARED)
    {
      if (col == ess_funding_grid_col_total (plan))
        return amount_text (plan->has_declared_overall, plan->declared_overall);
      if (col >= realisation)
        {
          guint i = col - realisation;
          return amount_text (plan->has_declared_realisation[i], plan->declared_realisation[i]);
        }
      {
        guint f = (col - first_amount ()) / years;
        return amount_text (g_array_index (plan->has_declared_funder, gboolean, f),
                            g_array_index (plan->declared_funder, gint64, f));
      }
    }

  if (row >= 0)
    {
      EssFundingAction *action = g_ptr_array_index (plan->actions, row);

      if (col < first_amount ())
        return g_strdup (*action_text_field (action, col) ? *action_text_field (action, col) : "");
      if (col == ess_funding_grid_col_declared (plan))
        return amount_text (action->has_declared_total, action->declared_total);
      if (col >= realisation)
        {
          gint64 v = action->realisation[col - realisation];
          return amount_text (v != 0, v);
        }
      {
        gint64 v = action->amounts[col - first_amount ()];
        return amount_text (v != 0, v);
      }
    }

  return g_strdup ("");
}

char *
ess_funding_grid_total_text (const EssFundingPlan *plan,
                             int                   row,
                             guint                 col)
{
  gint64 sum = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (plan != NULL, NULL);

  if (row >= 0)
    ok = ess_funding_action_total (plan, (guint) row, &sum);
  else if (col == ess_funding_grid_col_total (plan))
    ok = ess_funding_overall_total (plan, &sum);
  else if (col >= ess_funding_grid_col_realisation (plan, 0))
    ok = ess_funding_realisation_total (plan, col - ess_funding_grid_col_realisation (plan, 0), &sum);
  else
    for (guint a = 0; ok && a < plan->actions->len; a++)
      {
        EssFundingAction *action = g_ptr_array_index (plan->actions, a);
        ok = ess_money_add (sum, action->amounts[col - first_amount ()], &sum);
      }

  /* TRANSLATORS: a total too large to be computed */
  return ok ? ess_money_format_plain (sum) : g_strdup (_("overflow"));
}

static gboolean
parse_amount (const char  *text,
              gboolean     allow_empty,
              gboolean    *has,
              gint64      *cents,
              char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    {
      *has = FALSE;
      *cents = 0;
      return allow_empty;
    }
  if (!ess_money_parse (stripped, cents, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (*cents < 0)
    {
      *message = g_strdup_printf (_("“%s” is negative: a funding amount is 0 or more"), stripped);
      return FALSE;
    }
  *has = TRUE;
  return TRUE;
}

char *
ess_funding_grid_set_text (EssFundingPlan *plan,
                           int             row,
                           guint           col,
                           const char     *text)
{
  guint years, realisation;
  char *message = NULL;
  gboolean has = FALSE;
  gint64 cents = 0;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  years = n_years (plan);
  realisation = ess_funding_grid_col_realisation (plan, 0);

  if (row == ESS_FUNDING_ROW_HEADER)
    {
      g_autofree char *name = g_strstrip (g_strdelimit (g_strdup (text), "\r\n\t", ' '));

      if (name[0] == '\0')
        return g_strdup (_("A column needs a name"));
      if (col >= realisation)
        {
          char **label = &plan->realisation_labels[col - realisation];
          g_free (*label);
          *label = g_steal_pointer (&name);
        }
      else
        {
          EssFunder *funder = g_ptr_array_index (plan->funders, (col - first_amount ()) / years);
          g_free (funder->name);
          funder->name = g_steal_pointer (&name);
        }
      return NULL;
    }

  if (row >= 0 && col < first_amount ())
    {
      EssFundingAction *action = g_ptr_array_index (plan->actions, row);
      char **field = action_text_field (action, col);

      g_free (*field);
      *field = g_strstrip (g_strdup (text));
      return NULL;
    }

  if (!parse_amount (text, TRUE, &has, &cents, &message))
    return message;

  if (row == ESS_FUNDING_ROW_DECLARED)
    {
      if (col == ess_funding_grid_col_total (plan))
        {
          plan->has_declared_overall = has;
          plan->declared_overall = cents;
        }
      else if (col >= realisation)
        {
          guint i = col - realisation;
          plan->has_declared_realisation[i] = has;
          plan->declared_realisation[i] = cents;
        }
      else
        {
          guint f = (col - first_amount ()) / years;
          g_array_index (plan->has_declared_funder, gboolean, f) = has;
          g_array_index (plan->declared_funder, gint64, f) = cents;
        }
      return NULL;
    }

  {
    EssFundingAction *action = g_ptr_array_index (plan->actions, row);

    if (col == ess_funding_grid_col_declared (plan))
      {
        action->has_declared_total = has;
        action->declared_total = cents;
      }
    else if (col >= realisation)
      action->realisation[col - realisation] = cents;
    else
      action->amounts[col - first_amount ()] = cents;
  }
  return NULL;
}

int
ess_funding_grid_place (const EssFundingPlan *plan,
                        int                   row)
{
  g_return_val_if_fail (plan != NULL, 0);

  switch (row)
    {
    case ESS_FUNDING_ROW_HEADER:
      return 0;
    case ESS_FUNDING_ROW_TOTAL:
      return (int) plan->actions->len + 1;
    case ESS_FUNDING_ROW_DECLARED:
      return (int) plan->actions->len + 2;
    default:
      return row + 1;
    }
}

guint
ess_funding_grid_paste_column (const EssFundingPlan *plan,
                               guint                 col)
{
  guint total;

  g_return_val_if_fail (plan != NULL, 0);

  total = ess_funding_grid_col_total (plan);
  return col < total ? col : total;
}

char *
ess_funding_grid_block_to_tsv (const EssFundingPlan *plan,
                               int                   top,
                               int                   bottom,
                               guint                 left,
                               guint                 right)
{
  guint first, last;

  g_return_val_if_fail (plan != NULL, NULL);

  /* Only the actions' rows have the columns of a spreadsheet copy. */
  top = MAX (top, 1);
  bottom = MIN (bottom, (int) plan->actions->len);
  if (top > bottom)
    return NULL;
  first = ess_funding_grid_paste_column (plan, left);
  last = ess_funding_grid_paste_column (plan, right);
  return ess_funding_plan_block_to_tsv (plan, (guint) top - 1, (guint) (bottom - top + 1), first, last - first + 1);
}

gboolean
ess_funding_grid_paste_origin (const EssFundingPlan  *plan,
                               int                    row,
                               guint                  col,
                               guint                 *action,
                               guint                 *column,
                               GError               **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (row < 0 || col >= ess_funding_grid_col_total (plan))
    {
      if (!(row >= 0 && col == ess_funding_grid_col_declared (plan)))
        {
          g_set_error_literal (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_SHAPE,
                               _("Cells are pasted in the rows of the actions, from a column that is "
                                 "typed (not the computed total)."));
          return FALSE;
        }
    }
  *action = (guint) row;
  *column = ess_funding_grid_paste_column (plan, col);
  return TRUE;
}
