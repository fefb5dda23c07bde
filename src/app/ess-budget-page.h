/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Budget" tab: the Cerfa 12156 budget of the project, forecast and actual. */
#pragma once

#include <gtk/gtk.h>

#include "ess-budget.h"
#include "ess-dossier.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_BUDGET_PAGE (ess_budget_page_get_type ())
G_DECLARE_FINAL_TYPE (EssBudgetPage, ess_budget_page, ESS, BUDGET_PAGE, GtkWidget)

EssBudgetPage   *ess_budget_page_new          (EssStore         *store);
void             ess_budget_page_set_dossier  (EssBudgetPage    *self,
                                               const EssDossier *dossier);
const EssBudget *ess_budget_page_get_budget   (EssBudgetPage    *self);
/* The text cell of line @index (in Cerfa order) for the forecast or the
 * actual amount; NULL for a line whose amount is the sum of its sub-lines. */
GtkWidget       *ess_budget_page_get_entry    (EssBudgetPage    *self,
                                               guint             index,
                                               gboolean          actual);
/* The label of a computed amount: "charges", "products" (totals, with 86
 * and 87), or the gap of line @index ("gap" and "gap-percent"). */
GtkWidget       *ess_budget_page_get_label    (EssBudgetPage    *self,
                                               const char       *what,
                                               guint             index,
                                               gboolean          actual);
/* The findings shown under the table: EssFinding, owned by the page. */
GPtrArray       *ess_budget_page_get_findings (EssBudgetPage    *self);

/* Writes the budget as a CSV file for a spreadsheet (what Export does once a file is chosen). */
gboolean         ess_budget_page_export       (EssBudgetPage    *self,
                                               GFile            *file,
                                               GError          **error);

G_END_DECLS
