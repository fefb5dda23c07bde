/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Plan de financement" tab: the funding plan as a spreadsheet, and the findings of the dossier. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-funding-grid.h"
#include "ess-funding-plan.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_FUNDING_PAGE (ess_funding_page_get_type ())
G_DECLARE_FINAL_TYPE (EssFundingPage, ess_funding_page, ESS, FUNDING_PAGE, GtkWidget)

typedef enum
{
  ESS_FUNDING_CELL_AXIS,
  ESS_FUNDING_CELL_NUMBER,
  ESS_FUNDING_CELL_TITLE,
  ESS_FUNDING_CELL_DESCRIPTION,
  ESS_FUNDING_CELL_PARTNERS,
  ESS_FUNDING_CELL_AMOUNT,       /* index: funder * n_years + year_index; declared and header rows: the funder */
  ESS_FUNDING_CELL_REALISATION,  /* index: 0 (by the applicant) or 1 (by external operators) */
  ESS_FUNDING_CELL_TOTAL,        /* computed; declared row: the declared overall total */
  ESS_FUNDING_CELL_DECLARED,     /* an action's declared total */
} EssFundingCellKind;

EssFundingPage       *ess_funding_page_new              (EssStore           *store);
/* Shows the funding plan and findings of @dossier (NULL clears the page). */
void                  ess_funding_page_set_dossier      (EssFundingPage     *self,
                                                         const EssDossier   *dossier);
/* The plan as edited, typed amounts included before they are saved. */
const EssFundingPlan *ess_funding_page_get_plan         (EssFundingPage     *self);
/* The findings of the panel: a GPtrArray of EssFinding, owned by the page. */
GPtrArray            *ess_funding_page_get_findings     (EssFundingPage     *self);
/* The widget of a cell (a GtkText when editable, a GtkLabel when
 * computed), or NULL when the grid has no such cell. */
GtkWidget            *ess_funding_page_get_cell         (EssFundingPage     *self,
                                                         int                 row,
                                                         EssFundingCellKind  kind,
                                                         guint               index);
/* Focuses the cell of the @position-th finding of the panel, as a click on it. */
void                  ess_funding_page_activate_finding (EssFundingPage     *self,
                                                         guint               position);
/* Pastes tab-separated text at the focused cell (the first action's
 * axis when none) in the columns of ess_funding_plan_paste(), adding
 * actions when the block is longer than the table; saved at once.
 * Refused, with nothing changed, when a cell of an amount column is not
 * an amount or the block is wider than the table. */
gboolean              ess_funding_page_paste_text       (EssFundingPage     *self,
                                                         const char         *text,
                                                         GError            **error);
/* The selected block (at least the focused cell) as tab-separated text. */
char                 *ess_funding_page_copy_text        (EssFundingPage     *self);
/* Extends the selected block from the focused cell to this cell. */
void                  ess_funding_page_select_to        (EssFundingPage     *self,
                                                         int                 row,
                                                         EssFundingCellKind  kind,
                                                         guint               index);

/* Writes the plan as a CSV file for a spreadsheet (what Export does once a file is chosen). */
gboolean              ess_funding_page_export           (EssFundingPage     *self,
                                                         GFile              *file,
                                                         GError            **error);

G_END_DECLS
