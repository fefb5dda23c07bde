/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Funding plans, budgets and envelopes in the database, and every finding of a dossier. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-aid.h"
#include "ess-csv.h"
#include "ess-money.h"
#include "ess-resources.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"
#include "ess-store-funding.h"
#include "ess-store-funding-private.h"

/* Helpers. */

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               gboolean      has,
               gint64        value)
{
  if (has)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
column_optional (sqlite3_stmt *stmt,
                 int           column,
                 gint64       *value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      *value = 0;
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, column);
  return TRUE;
}

/* Ends a reading loop: FALSE with @error unless @rc is SQLITE_DONE. */
static gboolean
read_done (EssStore      *self,
           sqlite3_stmt  *stmt,
           int            rc,
           const char    *what,
           GError       **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  ess_store_set_error (self, error, rc, what);
  return FALSE;
}

/* Funding plans. */

EssFundingPlan *
ess_store_load_funding_plan (EssStore  *self,
                             gint64     dossier_id,
                             GError   **error)
{
  g_autoptr(EssFundingPlan) plan = NULL;
  g_autoptr(GHashTable) action_index = NULL;
  g_autoptr(GArray) funder_positions = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  if (!ess_store_dossier_exists (self, dossier_id, error))
    return NULL;

  plan = ess_funding_plan_new ();

  stmt = ess_store_prepare (self,
                            "SELECT realisation_own_label, realisation_external_label, "
                            "  declared_own_cents, declared_external_cents, declared_overall_cents "
                            "FROM funding_plans WHERE dossier_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      for (int i = 0; i < 2; i++)
        {
          g_free (plan->realisation_labels[i]);
          plan->realisation_labels[i] = g_strdup (ess_store_column_text (stmt, i));
          plan->has_declared_realisation[i] = column_optional (stmt, 2 + i, &plan->declared_realisation[i]);
        }
      plan->has_declared_overall = column_optional (stmt, 4, &plan->declared_overall);
      rc = SQLITE_DONE;
    }
  if (!read_done (self, stmt, rc, _("reading a funding plan"), error))
    return NULL;

  stmt = ess_store_prepare (self,
                            "SELECT year FROM plan_years WHERE dossier_id = ?1 ORDER BY year",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (plan->years, year);
    }
  if (!read_done (self, stmt, rc, _("reading a funding plan"), error))
    return NULL;

  funder_positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = ess_store_prepare (self,
                            "SELECT position, name, kind, declared_cents FROM plan_funders "
                            "WHERE dossier_id = ?1 ORDER BY position",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      gint64 declared;
      guint f;

      g_array_append_val (funder_positions, position);
      f = ess_funding_plan_add_funder (plan, ess_store_column_text (stmt, 1), ess_store_column_text (stmt, 2));
      if (column_optional (stmt, 3, &declared))
        {
          g_array_index (plan->has_declared_funder, gboolean, f) = TRUE;
          g_array_index (plan->declared_funder, gint64, f) = declared;
        }
    }
  if (!read_done (self, stmt, rc, _("reading a funding plan"), error))
    return NULL;

  action_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stmt = ess_store_prepare (self,
                            "SELECT id, axis, number, title, description, partners, "
                            "  realisation_own_cents, realisation_external_cents, declared_total_cents "
                            "FROM plan_actions WHERE dossier_id = ?1 ORDER BY position",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (action_index, id, GUINT_TO_POINTER (plan->actions->len));
      g_free (action->axis);
      action->axis = g_strdup (ess_store_column_text (stmt, 1));
      g_free (action->number);
      action->number = g_strdup (ess_store_column_text (stmt, 2));
      g_free (action->title);
      action->title = g_strdup (ess_store_column_text (stmt, 3));
      g_free (action->description);
      action->description = g_strdup (ess_store_column_text (stmt, 4));
      g_free (action->partners);
      action->partners = g_strdup (ess_store_column_text (stmt, 5));
      action->realisation[0] = sqlite3_column_int64 (stmt, 6);
      action->realisation[1] = sqlite3_column_int64 (stmt, 7);
      action->has_declared_total = column_optional (stmt, 8, &action->declared_total);
    }
  if (!read_done (self, stmt, rc, _("reading a funding plan"), error))
    return NULL;

  stmt = ess_store_prepare (self,
                            "SELECT m.action_id, m.funder_position, m.year, m.cents "
                            "FROM plan_amounts m JOIN plan_actions a ON a.id = m.action_id "
                            "WHERE a.dossier_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 action_id = sqlite3_column_int64 (stmt, 0);
      gint64 position = sqlite3_column_int64 (stmt, 1);
      int year = sqlite3_column_int (stmt, 2);
      guint action = GPOINTER_TO_UINT (g_hash_table_lookup (action_index, &action_id));
      int funder = -1, year_index = -1;

      for (guint f = 0; f < funder_positions->len; f++)
        if (g_array_index (funder_positions, gint64, f) == position)
          funder = (int) f;
      for (guint y = 0; y < plan->years->len; y++)
        if (g_array_index (plan->years, int, y) == year)
          year_index = (int) y;

      /* A cell of a funder or year that is no longer in the plan is not shown. */
      if (action == 0 || funder < 0 || year_index < 0)
        continue;
      *ess_funding_plan_amount (plan, action - 1, (guint) funder, (guint) year_index) =
        sqlite3_column_int64 (stmt, 3);
    }

  if (!read_done (self, stmt, rc, _("reading a funding plan"), error))
    return NULL;

  return g_steal_pointer (&plan);
}

gboolean
ess_store_write_funding_plan (EssStore              *self,
                              gint64                 dossier_id,
                              const EssFundingPlan  *plan,
                              GError               **error)
{
  static const char * const deletes[] = {
    "DELETE FROM plan_actions WHERE dossier_id = ?1",
    "DELETE FROM plan_funders WHERE dossier_id = ?1",
    "DELETE FROM plan_years WHERE dossier_id = ?1",
    "DELETE FROM funding_plans WHERE dossier_id = ?1",
  };
  guint n_years = plan->years->len;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      stmt = ess_store_prepare (self, deletes[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = ess_store_prepare (self,
                            "INSERT INTO funding_plans (dossier_id, realisation_own_label, "
                            "  realisation_external_label, declared_own_cents, declared_external_cents, "
                            "  declared_overall_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  ess_store_bind_text (stmt, 2, plan->realisation_labels[0] ? plan->realisation_labels[0] : "");
  ess_store_bind_text (stmt, 3, plan->realisation_labels[1] ? plan->realisation_labels[1] : "");
  bind_optional (stmt, 4, plan->has_declared_realisation[0], plan->declared_realisation[0]);
  bind_optional (stmt, 5, plan->has_declared_realisation[1], plan->declared_realisation[1]);
  bind_optional (stmt, 6, plan->has_declared_overall, plan->declared_overall);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  for (guint f = 0; f < plan->funders->len; f++)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, f);

      stmt = ess_store_prepare (self,
                                "INSERT INTO plan_funders (dossier_id, position, name, kind, declared_cents) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      sqlite3_bind_int (stmt, 2, (int) f);
      ess_store_bind_text (stmt, 3, funder->name ? funder->name : "");
      ess_store_bind_text (stmt, 4, funder->kind ? funder->kind : "autre");
      bind_optional (stmt, 5, g_array_index (plan->has_declared_funder, gboolean, f),
                     g_array_index (plan->declared_funder, gint64, f));
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint y = 0; y < n_years; y++)
    {
      stmt = ess_store_prepare (self, "INSERT INTO plan_years (dossier_id, year) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      sqlite3_bind_int (stmt, 2, g_array_index (plan->years, int, y));
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *action = g_ptr_array_index (plan->actions, a);
      gint64 action_id;

      stmt = ess_store_prepare (self,
                                "INSERT INTO plan_actions (dossier_id, position, axis, number, title, description, "
                                "  partners, realisation_own_cents, realisation_external_cents, declared_total_cents) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      sqlite3_bind_int (stmt, 2, (int) a);
      ess_store_bind_text (stmt, 3, action->axis ? action->axis : "");
      ess_store_bind_text (stmt, 4, action->number ? action->number : "");
      ess_store_bind_text (stmt, 5, action->title ? action->title : "");
      ess_store_bind_text (stmt, 6, action->description ? action->description : "");
      ess_store_bind_text (stmt, 7, action->partners ? action->partners : "");
      sqlite3_bind_int64 (stmt, 8, action->realisation[0]);
      sqlite3_bind_int64 (stmt, 9, action->realisation[1]);
      bind_optional (stmt, 10, action->has_declared_total, action->declared_total);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
      action_id = sqlite3_last_insert_rowid (ess_store_get_db (self));

      for (guint f = 0; f < plan->funders->len; f++)
        for (guint y = 0; y < n_years; y++)
          {
            gint64 cents = action->amounts[f * n_years + y];

            if (cents == 0)
              continue;
            stmt = ess_store_prepare (self,
                                      "INSERT INTO plan_amounts (action_id, funder_position, year, cents) "
                                      "VALUES (?1, ?2, ?3, ?4)",
                                      error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_int64 (stmt, 1, action_id);
            sqlite3_bind_int (stmt, 2, (int) f);
            sqlite3_bind_int (stmt, 3, g_array_index (plan->years, int, y));
            sqlite3_bind_int64 (stmt, 4, cents);
            if (!ess_store_step_done (self, stmt, error))
              return FALSE;
          }
    }

  return TRUE;
}

/* What the history shows of a plan: "12 actions, total 140 545,00 €". */
static char *
plan_summary (const EssFundingPlan *plan)
{
  g_autofree char *total_text = NULL;
  gint64 total;

  if (ess_funding_plan_is_empty (plan))
    return NULL;

  total_text = ess_funding_overall_total (plan, &total) ? ess_money_format (total) : g_strdup ("—");
  /* TRANSLATORS: a funding plan in the history: number of actions, its total */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action, total %s", "%u actions, total %s",
                                       plan->actions->len),
                          plan->actions->len, total_text);
}

gboolean
ess_store_save_funding_plan (EssStore              *self,
                             gint64                 dossier_id,
                             const EssFundingPlan  *plan,
                             GError               **error)
{
  g_autoptr(EssFundingPlan) stored = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!ess_funding_plan_validate (plan, error))
    return FALSE;

  if (!ess_store_begin (self, error))
    return FALSE;

  stored = ess_store_load_funding_plan (self, dossier_id, error);
  if (stored == NULL)
    {
      ess_store_rollback (self);
      return FALSE;
    }

  if (ess_funding_plan_equal (stored, plan))
    {
      ess_store_rollback (self);
      return TRUE;
    }

  old_value = plan_summary (stored);
  new_value = plan_summary (plan);
  ok = ess_store_write_funding_plan (self, dossier_id, plan, error) &&
       ess_store_add_history (self, dossier_id, "funding", "funding-plan", old_value, new_value,
                              _("Funding plan edited"), error);

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* Budgets. */

EssBudget *
ess_store_load_budget (EssStore  *self,
                       gint64     dossier_id,
                       GError   **error)
{
  g_autoptr(EssBudget) budget = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  if (!ess_store_dossier_exists (self, dossier_id, error))
    return NULL;

  budget = g_new0 (EssBudget, 1);
  budget->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_budget_line_free);

  stmt = ess_store_prepare (self,
                            "SELECT code, label, side, funder_kind, depth, forecast_cents, actual_cents "
                            "FROM budget_lines WHERE dossier_id = ?1 ORDER BY position",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssBudgetLine *line = g_new0 (EssBudgetLine, 1);

      line->code = g_strdup (ess_store_column_text (stmt, 0));
      line->label = g_strdup (ess_store_column_text (stmt, 1));
      line->side = g_str_equal (ess_store_column_text (stmt, 2), "product") ? ESS_BUDGET_PRODUCT : ESS_BUDGET_CHARGE;
      line->funder_kind = ess_store_column_dup (stmt, 3);
      line->depth = sqlite3_column_int (stmt, 4);
      line->forecast_cents = sqlite3_column_int64 (stmt, 5);
      line->has_actual = column_optional (stmt, 6, &line->actual_cents);
      g_ptr_array_add (budget->lines, line);
    }
  if (!read_done (self, stmt, rc, _("reading a budget"), error))
    return NULL;

  /* A dossier without a budget gets the form's lines, all empty. */
  if (budget->lines->len == 0)
    return ess_budget_new_default ();

  return g_steal_pointer (&budget);
}

/* "charges 12 000,00 €, products 12 000,00 €" */
static char *
budget_summary (const EssBudget *budget)
{
  g_autofree char *charges = NULL;
  g_autofree char *products = NULL;
  EssBudgetTotals totals;

  if (ess_budget_is_empty (budget))
    return NULL;
  if (!ess_budget_totals (budget, FALSE, &totals))
    return g_strdup ("—");

  charges = ess_money_format (totals.charges_total);
  products = ess_money_format (totals.products_total);
  /* TRANSLATORS: a budget in the history: its total charges and total products */
  return g_strdup_printf (_("charges %s, products %s"), charges, products);
}

gboolean
ess_store_save_budget (EssStore         *self,
                       gint64            dossier_id,
                       const EssBudget  *budget,
                       GError          **error)
{
  g_autoptr(EssBudget) stored = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (budget != NULL, FALSE);

  if (!ess_budget_validate (budget, error))
    return FALSE;

  if (!ess_store_begin (self, error))
    return FALSE;

  stored = ess_store_load_budget (self, dossier_id, error);
  if (stored == NULL)
    {
      ess_store_rollback (self);
      return FALSE;
    }
  if (ess_budget_equal (stored, budget))
    {
      ess_store_rollback (self);
      return TRUE;
    }

  stmt = ess_store_prepare (self, "DELETE FROM budget_lines WHERE dossier_id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      ok = ess_store_step_done (self, stmt, error);
    }

  for (guint i = 0; ok && i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = g_ptr_array_index (budget->lines, i);

      stmt = ess_store_prepare (self,
                                "INSERT INTO budget_lines (dossier_id, position, code, label, side, funder_kind, "
                                "  depth, forecast_cents, actual_cents) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                error);
      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      ess_store_bind_text (stmt, 3, line->code ? line->code : "");
      ess_store_bind_text (stmt, 4, line->label ? line->label : "");
      ess_store_bind_text (stmt, 5, line->side == ESS_BUDGET_PRODUCT ? "product" : "charge");
      ess_store_bind_text (stmt, 6, line->funder_kind);
      sqlite3_bind_int (stmt, 7, line->depth > 0 ? 1 : 0);
      sqlite3_bind_int64 (stmt, 8, line->forecast_cents);
      bind_optional (stmt, 9, line->has_actual, line->actual_cents);
      ok = ess_store_step_done (self, stmt, error);
    }

  old_value = budget_summary (stored);
  new_value = budget_summary (budget);
  ok = ok && ess_store_add_history (self, dossier_id, "funding", "budget", old_value, new_value,
                                    _("Budget edited"), error);

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* Envelopes and scheme settings. */

void
ess_envelope_row_free (EssEnvelopeRow *row)
{
  if (row == NULL)
    return;

  g_free (row->scheme);
  g_free (row);
}

static void
bind_granted_statuses (sqlite3_stmt *stmt,
                       int           first)
{
  ess_store_bind_text (stmt, first, ess_status_to_id (ESS_STATUS_GRANTED));
  ess_store_bind_text (stmt, first + 1, ess_status_to_id (ESS_STATUS_AGREEMENT_SIGNED));
  ess_store_bind_text (stmt, first + 2, ess_status_to_id (ESS_STATUS_CLOSED));
}

GPtrArray *
ess_store_list_envelopes (EssStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_envelope_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self,
                            "WITH keys AS ("
                            "  SELECT scheme_code, year FROM envelopes "
                            "  UNION SELECT scheme_code, year FROM dossiers WHERE deleted_at IS NULL) "
                            "SELECT k.scheme_code, k.year, "
                            "  (SELECT amount_cents FROM envelopes e "
                            "   WHERE e.scheme_code = k.scheme_code AND e.year = k.year), "
                            "  (SELECT coalesce (sum (d.proposed_cents), 0) FROM dossiers d "
                            "   WHERE d.scheme_code = k.scheme_code AND d.year = k.year AND d.deleted_at IS NULL "
                            "   AND d.status NOT IN (?1, ?2)), "
                            "  (SELECT coalesce (sum (d.granted_cents), 0) FROM dossiers d "
                            "   WHERE d.scheme_code = k.scheme_code AND d.year = k.year AND d.deleted_at IS NULL "
                            "   AND d.status IN (?3, ?4, ?5)), "
                            "  (SELECT coalesce (sum (p.amount_cents), 0) FROM payments p "
                            "   JOIN dossiers d ON d.id = p.dossier_id "
                            "   WHERE d.scheme_code = k.scheme_code AND d.year = k.year AND d.deleted_at IS NULL "
                            "   AND p.paid_on IS NOT NULL) "
                            "FROM keys k ORDER BY k.scheme_code, k.year",
                            error);
  if (stmt == NULL)
    return NULL;

  ess_store_bind_text (stmt, 1, ess_status_to_id (ESS_STATUS_REFUSED));
  ess_store_bind_text (stmt, 2, ess_status_to_id (ESS_STATUS_WITHDRAWN));
  bind_granted_statuses (stmt, 3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssEnvelopeRow *row = g_new0 (EssEnvelopeRow, 1);

      row->scheme = g_strdup (ess_store_column_text (stmt, 0));
      row->year = sqlite3_column_int (stmt, 1);
      if (!column_optional (stmt, 2, &row->envelope_cents))
        row->envelope_cents = -1;
      row->proposed_cents = sqlite3_column_int64 (stmt, 3);
      row->granted_cents = sqlite3_column_int64 (stmt, 4);
      row->paid_cents = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (rows, row);
    }
  /* sum() stops with an error rather than overflow: the view says so. */
  if (!read_done (self, stmt, rc, _("reading the envelopes"), error))
    return NULL;

  return g_steal_pointer (&rows);
}

static gboolean
scheme_exists (EssStore    *self,
               const char  *scheme,
               int         *max_rate_bp,
               GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT coalesce (max_rate_bp, -1) FROM schemes WHERE code = ?1",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  ess_store_bind_text (stmt, 1, scheme);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && max_rate_bp != NULL)
    *max_rate_bp = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND, _("Unknown scheme “%s”."), scheme);
  else
    ess_store_set_error (self, error, rc, _("reading a scheme"));
  return FALSE;
}

int
ess_store_get_scheme_max_rate (EssStore    *self,
                               const char  *scheme,
                               GError     **error)
{
  int rate = -1;

  g_return_val_if_fail (ESS_IS_STORE (self), -1);

  if (!scheme_exists (self, scheme, &rate, error))
    return -1;
  return rate;
}

gboolean
ess_store_set_envelope (EssStore    *self,
                        const char  *scheme,
                        int          year,
                        gint64       amount_cents,
                        GError     **error)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *comment = NULL;
  sqlite3_stmt *stmt;
  gboolean had = FALSE;
  gint64 old = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheme != NULL, FALSE);

  if (year < 1900 || year > 2200)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("The year %d is not between 1900 and 2200."), year);
      return FALSE;
    }

  if (!ess_store_begin (self, error))
    return FALSE;

  if (!scheme_exists (self, scheme, NULL, error))
    return ess_store_end_write (self, FALSE, "dossiers", NULL);

  stmt = ess_store_prepare (self, "SELECT amount_cents FROM envelopes WHERE scheme_code = ?1 AND year = ?2", error);
  if (stmt == NULL)
    return ess_store_end_write (self, FALSE, "dossiers", NULL);
  ess_store_bind_text (stmt, 1, scheme);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      had = TRUE;
      old = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!read_done (self, stmt, rc, _("reading the envelopes"), error))
    return ess_store_end_write (self, FALSE, "dossiers", NULL);

  if ((amount_cents < 0 && !had) || (amount_cents >= 0 && had && old == amount_cents))
    {
      ess_store_rollback (self);
      return TRUE;
    }

  if (amount_cents < 0)
    stmt = ess_store_prepare (self, "DELETE FROM envelopes WHERE scheme_code = ?1 AND year = ?2", error);
  else
    stmt = ess_store_prepare (self,
                              "INSERT INTO envelopes (scheme_code, year, amount_cents) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (scheme_code, year) DO UPDATE SET amount_cents = excluded.amount_cents",
                              error);
  ok = stmt != NULL;
  if (ok)
    {
      ess_store_bind_text (stmt, 1, scheme);
      sqlite3_bind_int (stmt, 2, year);
      if (amount_cents >= 0)
        sqlite3_bind_int64 (stmt, 3, amount_cents);
      ok = ess_store_step_done (self, stmt, error);
    }

  old_value = had ? ess_money_format (old) : NULL;
  new_value = amount_cents >= 0 ? ess_money_format (amount_cents) : NULL;
  /* TRANSLATORS: the history comment of an envelope change: scheme code and year, "APT 2013" */
  comment = g_strdup_printf (_("Envelope %s %d"), scheme, year);
  ok = ok && ess_store_add_history (self, 0, "envelope", scheme, old_value, new_value, comment, error);

  return ess_store_end_write (self, ok, "dossiers", error);
}

static char *
rate_text (int rate_bp)
{
  return rate_bp < 0 ? NULL : ess_percent_format (rate_bp, 10000, 2);
}

gboolean
ess_store_set_scheme_max_rate (EssStore    *self,
                               const char  *scheme,
                               int          max_rate_bp,
                               GError     **error)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  sqlite3_stmt *stmt;
  int old = -1;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheme != NULL, FALSE);

  if (max_rate_bp > 10000 || max_rate_bp < -1)
    {
      g_autofree char *rate = ess_percent_format (max_rate_bp, 10000, 2);

      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("A maximum rate of %s is not between 0 %% and 100 %%."), rate);
      return FALSE;
    }

  if (!ess_store_begin (self, error))
    return FALSE;

  if (!scheme_exists (self, scheme, &old, error))
    return ess_store_end_write (self, FALSE, "dossiers", NULL);
  if (old == max_rate_bp)
    {
      ess_store_rollback (self);
      return TRUE;
    }

  stmt = ess_store_prepare (self, "UPDATE schemes SET max_rate_bp = ?2 WHERE code = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      ess_store_bind_text (stmt, 1, scheme);
      if (max_rate_bp >= 0)
        sqlite3_bind_int (stmt, 2, max_rate_bp);
      ok = ess_store_step_done (self, stmt, error);
    }

  old_value = rate_text (old);
  new_value = rate_text (max_rate_bp);
  ok = ok && ess_store_add_history (self, 0, "scheme", "max-rate", old_value, new_value,
                                    /* TRANSLATORS: the history comment of a scheme setting; %s is its code */
                                    scheme, error);

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* Aid ceilings. */

static void
clear_ceiling (gpointer data)
{
  EssAidCeiling *ceiling = data;

  g_free ((char *) ceiling->kind);
  g_free ((char *) ceiling->from);
}

GArray *
ess_store_list_aid_ceilings (EssStore  *self,
                             GError   **error)
{
  g_autoptr(GArray) ceilings = g_array_new (FALSE, FALSE, sizeof (EssAidCeiling));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  g_array_set_clear_func (ceilings, clear_ceiling);
  stmt = ess_store_prepare (self,
                            "SELECT kind, from_on, amount_cents, years FROM aid_ceilings ORDER BY kind, from_on",
                            error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssAidCeiling ceiling = {
        .kind = g_strdup (ess_store_column_text (stmt, 0)),
        .from = g_strdup (ess_store_column_text (stmt, 1)),
        .amount_cents = sqlite3_column_int64 (stmt, 2),
        .years = sqlite3_column_int (stmt, 3),
      };
      g_array_append_val (ceilings, ceiling);
    }
  if (!read_done (self, stmt, rc, _("reading the aid ceilings"), error))
    return NULL;

  return g_steal_pointer (&ceilings);
}

static gboolean
same_ceilings (GArray              *stored,
               const EssAidCeiling *ceilings,
               guint                n_ceilings)
{
  if (stored->len != n_ceilings)
    return FALSE;
  for (guint i = 0; i < n_ceilings; i++)
    {
      const EssAidCeiling *a = &g_array_index (stored, EssAidCeiling, i);
      const EssAidCeiling *b = &ceilings[i];

      if (g_strcmp0 (a->kind, b->kind) != 0 || g_strcmp0 (a->from, b->from) != 0 ||
          a->amount_cents != b->amount_cents || a->years != b->years)
        return FALSE;
    }
  return TRUE;
}

gboolean
ess_store_replace_aid_ceilings (EssStore             *self,
                                const EssAidCeiling  *ceilings,
                                guint                 n_ceilings,
                                GError              **error)
{
  g_autoptr(GArray) stored = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ceilings != NULL || n_ceilings == 0, FALSE);

  for (guint i = 0; i < n_ceilings; i++)
    if (!ess_aid_ceiling_validate (ceilings[i].kind, ceilings[i].from, ceilings[i].amount_cents,
                                   ceilings[i].years, error))
      return FALSE;
  for (guint i = 0; i < n_ceilings; i++)
    for (guint j = i + 1; j < n_ceilings; j++)
      if (g_strcmp0 (ceilings[i].kind, ceilings[j].kind) == 0 && g_strcmp0 (ceilings[i].from, ceilings[j].from) == 0)
        {
          g_set_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING,
                       _("Two ceilings of the same kind apply from the same date."));
          return FALSE;
        }

  /* Nothing is written when the database already holds these ceilings. */
  stored = ess_store_list_aid_ceilings (self, error);
  if (stored == NULL)
    return FALSE;
  if (same_ceilings (stored, ceilings, n_ceilings))
    return TRUE;

  if (!ess_store_begin (self, error))
    return FALSE;
  if (!ess_store_exec (self, "DELETE FROM aid_ceilings", error))
    goto fail;
  for (guint i = 0; i < n_ceilings; i++)
    {
      stmt = ess_store_prepare (self,
                                "INSERT INTO aid_ceilings (kind, from_on, amount_cents, years) VALUES (?, ?, ?, ?)",
                                error);
      if (stmt == NULL)
        goto fail;
      ess_store_bind_text (stmt, 1, ceilings[i].kind);
      ess_store_bind_text (stmt, 2, ceilings[i].from);
      sqlite3_bind_int64 (stmt, 3, ceilings[i].amount_cents);
      sqlite3_bind_int (stmt, 4, ceilings[i].years);
      if (!ess_store_step_done (self, stmt, error))
        goto fail;
    }
  if (!ess_store_commit (self, error))
    goto fail;
  ess_store_emit_changed (self, "reference");
  return TRUE;

fail:
  ess_store_rollback (self);
  return FALSE;
}

gint64
ess_store_find_dossier (EssStore    *self,
                        const char  *reference,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), 0);

  stmt = ess_store_prepare (self, "SELECT id FROM dossiers WHERE reference = ?1", error);
  if (stmt == NULL)
    return 0;
  ess_store_bind_text (stmt, 1, reference);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!read_done (self, stmt, rc, _("reading a dossier"), error))
    return 0;

  if (id == 0)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                 _("No dossier has the reference “%s”."), reference ? reference : "");
  return id;
}

/* Findings. */

static gboolean
status_counts_as_granted (EssStatus status)
{
  return status == ESS_STATUS_GRANTED || status == ESS_STATUS_AGREEMENT_SIGNED || status == ESS_STATUS_CLOSED;
}

static gboolean
envelope_finding (EssStore          *self,
                  const EssDossier  *dossier,
                  GPtrArray         *findings,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 envelope = -1;
  gint64 granted = 0;
  gboolean overflow = FALSE;
  EssFinding *finding;
  int rc;

  stmt = ess_store_prepare (self, "SELECT amount_cents FROM envelopes WHERE scheme_code = ?1 AND year = ?2", error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, dossier->scheme);
  sqlite3_bind_int (stmt, 2, dossier->year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      envelope = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!read_done (self, stmt, rc, _("reading the envelopes"), error))
    return FALSE;
  if (envelope < 0)
    return TRUE;

  /* Summed here rather than by SQL: a sum too large becomes a finding
   * that says so, not a failed query. */
  stmt = ess_store_prepare (self,
                            "SELECT granted_cents FROM dossiers "
                            "WHERE scheme_code = ?1 AND year = ?2 AND deleted_at IS NULL AND status IN (?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, dossier->scheme);
  sqlite3_bind_int (stmt, 2, dossier->year);
  bind_granted_statuses (stmt, 3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!ess_money_add (granted, sqlite3_column_int64 (stmt, 0), &granted))
      overflow = TRUE;
  if (!read_done (self, stmt, rc, _("reading the envelopes"), error))
    return FALSE;

  if (overflow)
    {
      /* TRANSLATORS: the place of a finding: the envelope of a scheme for a year, "Envelope APT 2013" */
      g_autofree char *place = g_strdup_printf (_("Envelope %s %d"), dossier->scheme, dossier->year);

      g_ptr_array_add (findings, ess_finding_new (ESS_SEVERITY_ERROR, "overflow", place, -1, -1,
                                                  _("the sum of the amounts is too large to be computed")));
      return TRUE;
    }

  finding = ess_envelope_check (dossier->scheme, dossier->year, envelope, granted);
  if (finding != NULL)
    g_ptr_array_add (findings, finding);
  return TRUE;
}

static gboolean
de_minimis_finding (EssStore          *self,
                    const EssDossier  *dossier,
                    GPtrArray         *findings,
                    GError           **error)
{
  g_autoptr(GArray) grants = NULL;
  g_autoptr(GArray) ceilings = NULL;
  g_autofree char *date = NULL;
  const EssAidCeiling *ceiling;
  gboolean counted;
  gint64 rolling;
  EssFinding *finding;

  if (dossier->applicant_id <= 0)
    return TRUE;

  grants = ess_store_applicant_grants (self, dossier->applicant_id, error);
  if (grants == NULL)
    return FALSE;
  ceilings = ess_store_list_aid_ceilings (self, error);
  if (ceilings == NULL)
    return FALSE;

  date = ess_store_is_iso_date (dossier->decided_on)
         ? g_strdup (dossier->decided_on)
         : g_strdup_printf ("%04d-01-01", dossier->year);
  ceiling = ess_aid_ceiling_at ((const EssAidCeiling *) (gpointer) ceilings->data, ceilings->len,
                                g_strcmp0 (dossier->scheme, "SIEG") == 0 ? "sgei" : "general", date);
  if (ceiling == NULL || ceiling->years <= 0)
    return TRUE;

  /* A dossier still being instructed counts with the amount it would
   * receive: the check is there to be seen before the decision. */
  counted = dossier->deleted_at == NULL && dossier->granted_cents > 0 && status_counts_as_granted (dossier->status);
  if (!counted && dossier->deleted_at == NULL && ess_status_is_open (dossier->status))
    {
      gint64 amount = dossier->granted_cents > 0 ? dossier->granted_cents
                      : dossier->proposed_cents > 0 ? dossier->proposed_cents
                      : dossier->requested_cents;
      EssAidGrant grant = { .granted_on = g_strdup (date), .amount_cents = amount };

      if (amount > 0)
        g_array_append_val (grants, grant);
      else
        g_free ((char *) grant.granted_on);
    }

  if (!ess_aid_rolling_sum ((const EssAidGrant *) (gpointer) grants->data, grants->len, date, ceiling->years,
                            &rolling))
    {
      /* TRANSLATORS: the place of a finding: the applicant (porteur) of the dossier */
      g_autofree char *place = g_strdup_printf (_("Applicant %s"),
                                                dossier->applicant_name ? dossier->applicant_name : "");

      g_ptr_array_add (findings, ess_finding_new (ESS_SEVERITY_ERROR, "overflow", place, -1, -1,
                                                  _("the sum of the amounts is too large to be computed")));
      return TRUE;
    }

  finding = ess_de_minimis_check (dossier->applicant_name, date, rolling, ceiling->amount_cents, ceiling->years);
  if (finding != NULL)
    g_ptr_array_add (findings, finding);
  return TRUE;
}

GPtrArray *
ess_store_dossier_findings (EssStore  *self,
                            gint64     dossier_id,
                            GError   **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);
  g_autoptr(EssDossier) dossier = NULL;
  g_autoptr(EssFundingPlan) plan = NULL;
  g_autoptr(EssBudget) budget = NULL;
  int max_rate;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  dossier = ess_store_load_dossier (self, dossier_id, error);
  if (dossier == NULL)
    return NULL;
  plan = ess_store_load_funding_plan (self, dossier_id, error);
  if (plan == NULL)
    return NULL;
  budget = ess_store_load_budget (self, dossier_id, error);
  if (budget == NULL)
    return NULL;

  max_rate = ess_store_get_scheme_max_rate (self, dossier->scheme, NULL);

  if (!ess_funding_plan_is_empty (plan))
    {
      EssFundingContext context = {
        .max_rate_bp = max_rate,
        .requested_cents = dossier->requested_cents,
        .proposed_cents = dossier->proposed_cents,
        .granted_cents = dossier->granted_cents,
        .has_proposed = dossier->proposed_cents > 0,
        .has_granted = dossier->granted_cents > 0,
      };
      g_autoptr(GPtrArray) plan_findings = ess_funding_plan_check (plan, &context);

      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&plan_findings));
    }

  if (!ess_budget_is_empty (budget))
    {
      g_autoptr(GPtrArray) budget_findings =
        ess_budget_check (budget, ess_funding_plan_is_empty (plan) ? NULL : plan);

      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&budget_findings));
    }

  if (!envelope_finding (self, dossier, findings, error) ||
      !de_minimis_finding (self, dossier, findings, error))
    return NULL;

  return g_steal_pointer (&findings);
}

/* The demo plans (data/demo-funding-lille.csv, see its README). */

#define DEMO_FIXED_COLUMNS 8   /* row, reference, year, axis, number, title, description, partners */

static gboolean
demo_amount (const char  *text,
             gint64      *out,
             GError     **error)
{
  *out = 0;
  return *text == '\0' || ess_money_parse_decimal (text, out, error);
}

static gboolean
seed_demo_rows (EssStore    *self,
                GPtrArray   *rows,
                GError     **error)
{
  char **header = g_ptr_array_index (rows, 0);
  guint n_columns = g_strv_length (header);
  guint n_funders;
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) ess_funding_plan_free);
  GHashTableIter iter;
  gpointer key, value;

  if (n_columns < DEMO_FIXED_COLUMNS + 3)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                   _("Demo funding plans: the header has %u columns, at least %u expected."),
                   n_columns, DEMO_FIXED_COLUMNS + 3);
      return FALSE;
    }
  n_funders = n_columns - DEMO_FIXED_COLUMNS - 3;

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      EssFundingPlan *plan;
      int year;
      gint64 amounts[64];

      if (g_strv_length (row) != n_columns || n_columns - DEMO_FIXED_COLUMNS > G_N_ELEMENTS (amounts))
        {
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                       _("Demo funding plans, line %u: %u columns expected."), r + 1, n_columns);
          return FALSE;
        }
      for (guint c = DEMO_FIXED_COLUMNS; c < n_columns; c++)
        if (!demo_amount (row[c], &amounts[c - DEMO_FIXED_COLUMNS], error))
          return FALSE;
      year = (int) g_ascii_strtoll (row[2], NULL, 10);

      plan = g_hash_table_lookup (plans, row[1]);
      if (plan == NULL)
        {
          plan = ess_funding_plan_new ();
          g_hash_table_insert (plans, g_strdup (row[1]), plan);
          for (guint f = 0; f < n_funders; f++)
            {
              const char *column = header[DEMO_FIXED_COLUMNS + f];
              const char *bar = strchr (column, '|');
              g_autofree char *name = bar ? g_strndup (column, bar - column) : g_strdup (column);

              ess_funding_plan_add_funder (plan, name, bar ? bar + 1 : "autre");
            }
          for (guint i = 0; i < 2; i++)
            {
              g_free (plan->realisation_labels[i]);
              plan->realisation_labels[i] = g_strdup (header[DEMO_FIXED_COLUMNS + n_funders + i]);
            }
        }
      ess_funding_plan_add_year (plan, year);

      if (g_str_equal (row[0], "total"))
        {
          for (guint f = 0; f < n_funders; f++)
            {
              g_array_index (plan->has_declared_funder, gboolean, f) = TRUE;
              g_array_index (plan->declared_funder, gint64, f) = amounts[f];
            }
          for (guint i = 0; i < 2; i++)
            {
              plan->has_declared_realisation[i] = TRUE;
              plan->declared_realisation[i] = amounts[n_funders + i];
            }
          plan->has_declared_overall = TRUE;
          plan->declared_overall = amounts[n_funders + 2];
        }
      else
        {
          EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);
          guint y;

          g_free (action->axis);
          action->axis = g_strdup (row[3]);
          g_free (action->number);
          action->number = g_strdup (row[4]);
          g_free (action->title);
          action->title = g_strdup (row[5]);
          g_free (action->description);
          action->description = g_strdup (row[6]);
          g_free (action->partners);
          action->partners = g_strdup (row[7]);
          for (y = 0; g_array_index (plan->years, int, y) != year; y++)
            ;
          for (guint f = 0; f < n_funders; f++)
            *ess_funding_plan_amount (plan, plan->actions->len - 1, f, y) = amounts[f];
          action->realisation[0] = amounts[n_funders];
          action->realisation[1] = amounts[n_funders + 1];
          action->has_declared_total = *row[n_columns - 1] != '\0';
          action->declared_total = amounts[n_funders + 2];
        }
    }

  g_hash_table_iter_init (&iter, plans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 dossier_id = ess_store_find_dossier (self, key, error);

      if (dossier_id == 0 || !ess_store_write_funding_plan (self, dossier_id, value, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
ess_store_seed_demo_funding (EssStore  *self,
                             GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *text;
  gsize size;

  bytes = g_resource_lookup_data (ess_get_resource (), RESOURCE_PREFIX "/data/demo-funding-lille.csv", 0, error);
  if (bytes == NULL)
    return FALSE;

  text = g_bytes_get_data (bytes, &size);
  rows = ess_csv_parse (text, size, ',', error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;

  return seed_demo_rows (self, rows, error);
}
