/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios in the database: load, save whole in one transaction with their history, the APT portfolio. */
#pragma once

#include "ess-scenario.h"
#include "ess-store.h"

G_BEGIN_DECLS

/* A scenario as an exchange file carries it: ids belong to one database,
 * so its treatment overrides name the dossiers by reference. */
typedef struct
{
  EssScenario *scenario;     /* id 0 and no treatments: they are in references/treatments */
  GPtrArray   *references;   /* char *, by reference, each once */
  GArray      *treatments;   /* EssTreatment, one per reference */
  int          line;         /* of its <scenario> in the file; 0 when written */
} EssScenarioRecord;

/* Takes @scenario. */
EssScenarioRecord *ess_scenario_record_new    (EssScenario        *scenario);
void         ess_scenario_record_free       (EssScenarioRecord  *record);
/* Adds or replaces the treatment of dossier @reference, keeping the references sorted. */
void         ess_scenario_record_set_treatment (EssScenarioRecord *record,
                                             const char         *reference,
                                             EssTreatment        treatment);
/* The treatment @record gives @reference, FALSE when it has no override for it. */
gboolean     ess_scenario_record_get_treatment (const EssScenarioRecord *record,
                                             const char         *reference,
                                             EssTreatment       *out);

/* Every scenario (EssScenario), in their order. */
GPtrArray   *ess_store_list_scenarios       (EssStore           *self,
                                             GError            **error);
EssScenario *ess_store_load_scenario        (EssStore           *self,
                                             gint64              id,
                                             GError            **error);
/* Writes @scenario whole: a new one when its id is 0, else replaces the
 * stored one; one history event per change. Returns its id, 0 on error
 * (and nothing is written). */
gint64       ess_store_save_scenario        (EssStore           *self,
                                             const EssScenario  *scenario,
                                             GError            **error);
gboolean     ess_store_delete_scenario      (EssStore           *self,
                                             gint64              id,
                                             GError            **error);
/* The history of a scenario (EssHistoryEvent with its time, author,
 * action and, in comment, the change in French), newest first. */
GPtrArray   *ess_store_scenario_history     (EssStore           *self,
                                             gint64              id,
                                             GError            **error);

/* The ongoing APT dossiers (EssPortfolioItem): live, not refused,
 * withdrawn or closed, with what was paid on them. */
GPtrArray   *ess_store_scenario_portfolio   (EssStore           *self,
                                             GError            **error);
/* The populations per commune size class, from the communes table. */
gboolean     ess_store_population           (EssStore           *self,
                                             EssPopulation      *out,
                                             GError            **error);
/* The names of the territories by id (gint64* -> char*). */
GHashTable  *ess_store_territory_names      (EssStore           *self,
                                             GError            **error);

/* The id of the scenario named @name, 0 when there is none, -1 on error. */
gint64       ess_store_find_scenario        (EssStore           *self,
                                             const char         *name,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssScenarioRecord, ess_scenario_record_free)

G_END_DECLS
