/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios side by side: the indicator table, its differences to a reference, as text and CSV. */
#pragma once

#include "ess-scenario.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray     *scenarios;   /* EssScenario, owned copies */
  GPtrArray     *outcomes;    /* EssScenarioOutcome, parallel */
  EssPopulation  population;
  guint          reference;   /* index in scenarios */
  int            year;        /* 0: the whole horizon */
  GArray        *territory_ids;   /* gint64, the rows of amounts by territory */
  GPtrArray     *territory_names; /* char*, parallel */
} EssComparison;

/* Copies @scenarios (EssScenario) and computes them with @portfolio
 * (EssPortfolioItem, may be NULL). */
EssComparison *ess_comparison_new          (GPtrArray           *scenarios,
                                            GPtrArray           *portfolio,
                                            const EssPopulation *population,
                                            guint                reference,
                                            int                  year);
void           ess_comparison_free         (EssComparison       *comparison);
/* Replaces scenario @index with a copy of @scenario and recomputes it alone. */
void           ess_comparison_update       (EssComparison       *comparison,
                                            guint                index,
                                            const EssScenario   *scenario,
                                            GPtrArray           *portfolio);
/* The first and last years over all scenarios. */
void           ess_comparison_years        (const EssComparison *comparison,
                                            int                 *first,
                                            int                 *last);
const EssScenarioFigures *ess_comparison_figures (const EssComparison *comparison,
                                            guint                index);
gboolean       ess_comparison_value        (const EssComparison *comparison,
                                            EssScenarioIndicator         indicator,
                                            guint                index,
                                            gint64              *out);
/* The row label; the shares by size class name the population share. */
char          *ess_comparison_row_label    (const EssComparison *comparison,
                                            EssScenarioIndicator         indicator);
char          *ess_comparison_cell         (const EssComparison *comparison,
                                            EssScenarioIndicator         indicator,
                                            guint                index);
/* The difference to the reference; "" for the reference itself. */
char          *ess_comparison_difference   (const EssComparison *comparison,
                                            EssScenarioIndicator         indicator,
                                            guint                index);
/* Adds a row per territory, after the indicators: the amounts the
 * scenarios expect to spend there. */
void           ess_comparison_set_territories (EssComparison     *comparison,
                                            const gint64        *ids,
                                            const char * const  *names,
                                            guint                n);
/* The amount of territory row @territory for scenario @index. */
gint64         ess_comparison_territory_cents (const EssComparison *comparison,
                                            guint                territory,
                                            guint                index);
char          *ess_comparison_territory_label (const EssComparison *comparison,
                                            guint                territory);
char          *ess_comparison_territory_difference (const EssComparison *comparison,
                                            guint                territory,
                                            guint                index);
/* A title such as "2015–2020" or "2016". */
char          *ess_comparison_period       (const EssComparison *comparison);
/* One row per indicator (then per territory, "territory-ID"), one column
 * per scenario: id,label,values with a decimal point and no thousands
 * separator. */
char          *ess_comparison_to_csv       (const EssComparison *comparison);
/* For people: values in French, with the difference to the reference under each row. */
char          *ess_comparison_to_text      (const EssComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssComparison, ess_comparison_free)

G_END_DECLS
