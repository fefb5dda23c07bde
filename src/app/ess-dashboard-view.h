/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The portfolio dashboard: where the money goes, by year, territory,
 * commune size, legal form, volet and axis, with charts, the same figures
 * in tables, a CSV export and click-through to the dossier list. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dashboard.h"
#include "ess-dossier-query.h"
#include "ess-report.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_DASHBOARD_VIEW (ess_dashboard_view_get_type ())
G_DECLARE_FINAL_TYPE (EssDashboardView, ess_dashboard_view, ESS, DASHBOARD_VIEW, GtkWidget)

EssDashboardView   *ess_dashboard_view_new        (EssStore         *store);
/* The period and scheme shown (NULL: every scheme). */
void                ess_dashboard_view_set_period (EssDashboardView *self,
                                                   int               first_year,
                                                   int               last_year,
                                                   const char       *scheme);
const EssDashboard *ess_dashboard_view_get_dashboard (EssDashboardView *self);
/* The yearly report ("bilan") of the period and scheme shown. */
EssReport          *ess_dashboard_view_build_report (EssDashboardView *self,
                                                     GError          **error);
/* The figures of every table, as a CSV file for spreadsheets. */
char               *ess_dashboard_view_to_csv     (EssDashboardView *self);

/* Signal "show-dossiers" (EssDossierQuery *query): a bar, a tile or a row
 * was activated; the window shows the dossier list filtered on it. */

G_END_DECLS
