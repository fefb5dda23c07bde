/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios in the database: load, save whole in one transaction with their history, the APT portfolio. */
#pragma once

#include "ess-scenario.h"
#include "ess-store.h"

G_BEGIN_DECLS

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

G_END_DECLS
