/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the store shares about funding plans: writing one inside a transaction, the demo plans. */
#pragma once

#include "ess-funding-plan.h"
#include "ess-store-private.h"

G_BEGIN_DECLS

/* Replaces the plan rows of @dossier_id; the caller holds the transaction
 * and has validated @plan (ess_funding_plan_validate()). */
gboolean  ess_store_write_funding_plan  (EssStore              *self,
                                         gint64                 dossier_id,
                                         const EssFundingPlan  *plan,
                                         GError               **error);
/* Loads data/demo-funding-lille.csv into the demo dossiers it names;
 * the caller holds the transaction of the demo data. */
gboolean  ess_store_seed_demo_funding   (EssStore              *self,
                                         GError               **error);

G_END_DECLS
