/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project budget of Cerfa 12156 (charges = produits) and its financial report. */
#pragma once

#include <glib.h>

#include "ess-finding.h"
#include "ess-funding-plan.h"

G_BEGIN_DECLS

typedef enum
{
  ESS_BUDGET_CHARGE,
  ESS_BUDGET_PRODUCT,
} EssBudgetSide;

typedef struct
{
  char          *code;          /* account: "60", "64", "74", "861", "870"... */
  char          *label;         /* "Achats", "Subventions d'exploitation — État"... */
  EssBudgetSide  side;
  char          *funder_kind;   /* for 74 sub-lines: "etat", "region", "departement", "epci", "commune", "organismes-sociaux", "europe", "asp", "etablissement-public", "prive"; NULL otherwise */
  int            depth;         /* 0: account line, 1: sub-line */
  gint64         forecast_cents;
  gboolean       has_actual;
  gint64         actual_cents;  /* compte rendu financier (Cerfa 15059) */
} EssBudgetLine;

typedef struct
{
  GPtrArray *lines;   /* EssBudgetLine, in Cerfa order */
} EssBudget;

/* A budget with every line of the Cerfa 12156*06 and zero amounts. */
EssBudget     *ess_budget_new_default   (void);
void           ess_budget_free          (EssBudget       *budget);
EssBudget     *ess_budget_copy          (const EssBudget *budget);
void           ess_budget_line_free     (EssBudgetLine   *line);
/* Same lines with the same codes, labels, kinds and amounts (an absent
 * actual amount compares equal whatever its value). */
gboolean       ess_budget_equal         (const EssBudget *a,
                                         const EssBudget *b);

typedef struct
{
  gint64 charges;          /* all charges but 86 */
  gint64 products;         /* all products but 87 */
  gint64 contributions_86;
  gint64 contributions_87;
  gint64 charges_total;    /* charges + 86 */
  gint64 products_total;   /* products + 87 */
} EssBudgetTotals;

/* Sums of the depth-0 lines and of the sub-lines where a line has them
 * (a line with sub-lines counts as the sum of its sub-lines). @actual:
 * the report's amounts instead of the forecast. FALSE on overflow. */
gboolean       ess_budget_totals        (const EssBudget *budget,
                                         gboolean         actual,
                                         EssBudgetTotals *totals);
/* Balanced (charges_total = products_total), 86 = 87, and each public
 * funder of the plan found on a 74 line with the same amount (the plan's
 * funder total; funders of one kind are summed, since the form has one
 * line per kind), and no amount on a 74 line of a kind the plan has no
 * funder of ("budget-funders", column -1). Forecast amounts only.
 * Returns EssFinding. @plan may be NULL: no funder check. */
GPtrArray     *ess_budget_check         (const EssBudget      *budget,
                                         const EssFundingPlan *plan);
/* Gap of a line between actual and forecast: cents and basis points of the forecast. */
void           ess_budget_line_gap      (const EssBudgetLine *line,
                                         gint64              *gap_cents,
                                         gint64              *gap_bp);
/* Columns Compte;Libellé;Nature;Prévisionnel;Réalisé;Écart;Écart (%), one
 * row per line (an account line with sub-lines shows their sum), then
 * "Total des charges" and "Total des produits" (86 and 87 included).
 * Amounts "15000,00", percentages "12,50"; lines end with \n. */
char          *ess_budget_to_csv        (const EssBudget *budget);   /* ';', UTF-8 BOM, decimal comma */

/* The amount of line @index as the form shows it: an account line with
 * sub-lines is their sum. @actual: the report's amounts (0 where none).
 * FALSE on overflow. */
gboolean       ess_budget_line_sum      (const EssBudget *budget,
                                         guint            index,
                                         gboolean         actual,
                                         gint64          *out);
/* No amount anywhere, forecast or actual. */
gboolean       ess_budget_is_empty      (const EssBudget *budget);
/* The funder_kind of the 74 sub-line that holds the subsidy of a plan
 * funder of @plan_kind ("metropole" -> "epci", "commune" -> "commune",
 * "prive" -> "prive"...); NULL for "autofinancement" and "autre". */
const char    *ess_budget_kind_for_funder (const char    *plan_kind);

#define ESS_BUDGET_ERROR (ess_budget_error_quark ())

typedef enum
{
  ESS_BUDGET_ERROR_AMOUNT,   /* a forecast or actual amount below 0 */
} EssBudgetError;

GQuark         ess_budget_error_quark   (void);
/* Whether @budget can be stored: every forecast and actual amount 0 or
 * more. The error names the first line that is not. */
gboolean       ess_budget_validate      (const EssBudget  *budget,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssBudget, ess_budget_free)

G_END_DECLS
