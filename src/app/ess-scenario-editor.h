/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editor of a scenario: its inputs, what they come to, and the edit each of them makes. */
#pragma once

#include <gtk/gtk.h>

#include "ess-scenario.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_SCENARIO_EDITOR (ess_scenario_editor_get_type ())
G_DECLARE_FINAL_TYPE (EssScenarioEditor, ess_scenario_editor, ESS, SCENARIO_EDITOR, GtkWidget)

/* Each input makes an edit when it is left or activated: the editor
 * emits ::changed with the scenario as edited, and shows it when the
 * handler takes it; ::invalid when the typed text is not a value. */
EssScenarioEditor *ess_scenario_editor_new                    (void);
/* Where the history of the scenario is read; NULL when the view goes,
 * so that inputs losing their focus then make no edit. */
void               ess_scenario_editor_set_store              (EssScenarioEditor   *self,
                                                               EssStore            *store);
/* What the inputs and the summary show besides the scenario: the
 * ongoing APT dossiers (EssPortfolioItem), the population per commune
 * size class, the territories (gint64 ids in order, names by id). The
 * arrays are held, not copied. */
void               ess_scenario_editor_set_reference          (EssScenarioEditor   *self,
                                                               GPtrArray           *portfolio,
                                                               const EssPopulation *population,
                                                               GArray              *territory_ids,
                                                               GHashTable          *territory_names);
/* Makes the inputs of @scenario (NULL: none is selected). */
void               ess_scenario_editor_set_scenario           (EssScenarioEditor   *self,
                                                               const EssScenario   *scenario);

/* The entry for the amount of budget line @line in @year. */
GtkWidget         *ess_scenario_editor_get_amount_entry       (EssScenarioEditor   *self,
                                                               guint                line,
                                                               int                  year,
                                                               gboolean             cofunders);
/* The entry for @assumption in @year. */
GtkWidget         *ess_scenario_editor_get_assumption_entry   (EssScenarioEditor   *self,
                                                               EssAssumption        assumption,
                                                               int                  year);
/* The drop-down of the treatment of the @index-th ongoing APT dossier. */
GtkWidget         *ess_scenario_editor_get_treatment_dropdown (EssScenarioEditor   *self,
                                                               guint                index);
/* The line above the inputs: what the scenario comes to. */
const char        *ess_scenario_editor_get_summary            (EssScenarioEditor   *self);

G_END_DECLS
