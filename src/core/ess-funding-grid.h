/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funding plan as the grid of the funding tab: its columns, what each cell shows, and typed text written into the plan. */
#pragma once

#include <glib.h>

#include "ess-funding-plan.h"

G_BEGIN_DECLS

/* Rows of the grid besides the actions (which are 0, 1, ...). */
#define ESS_FUNDING_ROW_TOTAL    (-1)   /* the computed TOTAL line */
#define ESS_FUNDING_ROW_DECLARED (-2)   /* the totals the applicant printed */
#define ESS_FUNDING_ROW_HEADER   (-3)   /* funder names and the realisation labels */

/* The columns: the texts of an action (ESS_PLAN_PASTE_AXIS to
 * ESS_PLAN_PASTE_PARTNERS), the amount of funder f and year y at
 * ESS_PLAN_PASTE_FIRST_AMOUNT + f * n_years + y, the two realisation
 * columns (@which 0: by the applicant, 1: by external operators), the
 * computed TOTAL, then an action's declared total. In the header and
 * declared rows, a funder's cell spans its years and starts at its first. */
guint     ess_funding_grid_col_realisation (const EssFundingPlan *plan,
                                            guint                 which);
guint     ess_funding_grid_col_total       (const EssFundingPlan *plan);
guint     ess_funding_grid_col_declared    (const EssFundingPlan *plan);

/* The text of a typed cell of @row and @col as the plan holds it: the
 * name of a funder or a realisation label in the header, the text of an
 * action, an amount "10 000,00" ("" when none). */
char     *ess_funding_grid_cell_text       (const EssFundingPlan *plan,
                                            int                   row,
                                            guint                 col);
/* The text of a computed cell: the total of an action's row, of a
 * column of amounts or realisation, or overall; "overflow" (translated)
 * when it cannot be added up. */
char     *ess_funding_grid_total_text      (const EssFundingPlan *plan,
                                            int                   row,
                                            guint                 col);
/* Writes @text, as typed, into the cell of @row and @col: NULL when it
 * is taken, else why it is refused (a heading without a name, an amount
 * that is not one or is negative), with the plan unchanged. An empty
 * amount is 0, or no declared total. */
char     *ess_funding_grid_set_text        (EssFundingPlan       *plan,
                                            int                   row,
                                            guint                 col,
                                            const char           *text);

G_END_DECLS
