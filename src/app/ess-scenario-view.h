/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Scénarios" view: choose scenarios, compare them side by side with charts, and edit them. */
#pragma once

#include <gtk/gtk.h>

#include "ess-chart.h"
#include "ess-scenario-compare.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_SCENARIO_VIEW (ess_scenario_view_get_type ())
G_DECLARE_FINAL_TYPE (EssScenarioView, ess_scenario_view, ESS, SCENARIO_VIEW, GtkWidget)

GtkWidget           *ess_scenario_view_new              (EssStore          *store);

/* What the view shows and holds, for the window and the tests. */
GPtrArray           *ess_scenario_view_get_scenarios    (EssScenarioView   *self);
/* The scenario being edited. */
gint64               ess_scenario_view_get_selected_id  (EssScenarioView   *self);
void                 ess_scenario_view_select_id        (EssScenarioView   *self,
                                                         gint64             id);
/* Compares the scenarios of @ids (2 to 4; fewer empties the comparison). */
void                 ess_scenario_view_set_compared     (EssScenarioView   *self,
                                                         const gint64      *ids,
                                                         guint              n_ids,
                                                         gint64             reference_id);
const EssComparison *ess_scenario_view_get_comparison   (EssScenarioView   *self);
const EssChart      *ess_scenario_view_get_budget_chart (EssScenarioView   *self);
const EssChart      *ess_scenario_view_get_staff_chart  (EssScenarioView   *self);
/* The text shown in the table for @indicator and the scenario in column
 * @column, and its difference to the reference. */
const char          *ess_scenario_view_get_cell_text    (EssScenarioView   *self,
                                                         EssScenarioIndicator indicator,
                                                         guint              column,
                                                         gboolean           difference);
/* The entry of the editor for the amount of budget line @line in @year. */
GtkWidget           *ess_scenario_view_get_amount_entry (EssScenarioView   *self,
                                                         guint              line,
                                                         int                year,
                                                         gboolean           cofunders);
/* The entry of the editor for @assumption in @year. */
GtkWidget           *ess_scenario_view_get_assumption_entry (EssScenarioView *self,
                                                         EssAssumption      assumption,
                                                         int                year);
/* The drop-down of the treatment of the @index-th ongoing APT dossier:
 * 0 the scenario's default, then continued, transferred, ended. */
GtkWidget           *ess_scenario_view_get_treatment_dropdown (EssScenarioView *self,
                                                         guint              index);
/* The line above the editor: what the scenario being edited comes to. */
const char          *ess_scenario_view_get_summary      (EssScenarioView   *self);
/* The message shown after a refused edit, "" when none. */
const char          *ess_scenario_view_get_error        (EssScenarioView   *self);
/* An edit shows at once and is written from the main loop right after:
 * this writes it now. FALSE when the store refused it (the view then
 * shows the stored scenario and says why). */
gboolean             ess_scenario_view_save_now         (EssScenarioView   *self);
/* Prints the comparison through GtkPrintOperation into the PDF @path,
 * without the dialog: the path of the Print button, for the tests. */
gboolean             ess_scenario_view_print_to_file    (EssScenarioView   *self,
                                                         const char        *path,
                                                         GError           **error);
/* Shows the "compare" or "edit" page. */
void                 ess_scenario_view_show_page        (EssScenarioView   *self,
                                                         const char        *name);

G_END_DECLS
