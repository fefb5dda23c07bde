/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funding plan as the grid of the funding tab: its columns, what each cell shows and takes, and the blocks of the clipboard. */
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

/* The place of @row from the top of the grid: 0 the header, then the
 * actions, the computed totals, the declared totals. */
int       ess_funding_grid_place           (const EssFundingPlan *plan,
                                            int                   row);
/* The column of ess_funding_plan_paste() for the grid's column @col: the
 * same up to the realisation, then the declared total; the computed
 * total has none and gives the declared total's. */
guint     ess_funding_grid_paste_column    (const EssFundingPlan *plan,
                                            guint                 col);
/* The tab-separated text of the block from place @top to @bottom and
 * column @left to @right (ess_funding_grid_place(), grid columns), for
 * the clipboard: its rows of actions only, NULL when it has none. */
char     *ess_funding_grid_block_to_tsv    (const EssFundingPlan *plan,
                                            int                   top,
                                            int                   bottom,
                                            guint                 left,
                                            guint                 right);
/* Where a block pasted at the cell of @row and @col goes: the action
 * and the column of ess_funding_plan_paste(). Refused (FALSE, with
 * @error) on the header, the totals, and the computed total column. */
gboolean  ess_funding_grid_paste_origin    (const EssFundingPlan *plan,
                                            int                   row,
                                            guint                 col,
                                            guint                *action,
                                            guint                *column,
                                            GError              **error);

G_END_DECLS
