/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Financeurs" and "Années" menus of the funding plan: the columns of the plan, to add and remove. */
#pragma once

#include <gtk/gtk.h>

#include "ess-funding-plan.h"

G_BEGIN_DECLS

/* The funders of a plan, each with a remove button, then the reference
 * funders and a name to type. Emits ::add-funder (name, kind) and
 * ::remove-funder (index), once it has popped down. */
#define ESS_TYPE_FUNDERS_POPOVER (ess_funders_popover_get_type ())
G_DECLARE_FINAL_TYPE (EssFundersPopover, ess_funders_popover, ESS, FUNDERS_POPOVER, GtkPopover)

EssFundersPopover *ess_funders_popover_new      (void);
/* Makes the menu again for the funders of @plan. */
void               ess_funders_popover_set_plan (EssFundersPopover    *self,
                                                 const EssFundingPlan *plan);

/* The years of a plan, each with a remove button, then a year to add.
 * Emits ::add-year (year) and ::remove-year (index), once it has popped
 * down. */
#define ESS_TYPE_YEARS_POPOVER (ess_years_popover_get_type ())
G_DECLARE_FINAL_TYPE (EssYearsPopover, ess_years_popover, ESS, YEARS_POPOVER, GtkPopover)

EssYearsPopover   *ess_years_popover_new        (void);
/* Makes the menu again for the years of @plan; the year offered is the
 * one after its last, or @first_year when it has none. */
void               ess_years_popover_set_plan   (EssYearsPopover      *self,
                                                 const EssFundingPlan *plan,
                                                 int                   first_year);

G_END_DECLS
