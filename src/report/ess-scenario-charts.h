/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts of a scenario comparison: budget by category and year, staff load by year. */
#pragma once

#include "ess-chart.h"
#include "ess-scenario-compare.h"

G_BEGIN_DECLS

/* "A", "B", ...: how a scenario is named under its bars. */
char     *ess_scenario_letter         (guint                index);
/* Per year, one stacked bar per scenario by budget category (lines with
 * the same name stack in the same style), Métropole and co-funders. */
EssChart *ess_scenario_chart_budget   (const EssComparison *comparison);
/* Per year, the staff load of each scenario against 100 % of the staff available. */
EssChart *ess_scenario_chart_staff    (const EssComparison *comparison);

G_END_DECLS
