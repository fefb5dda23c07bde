/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Funding plans, budgets and envelopes in the database, and the findings of a dossier. */
#pragma once

#include "ess-aid.h"
#include "ess-budget.h"
#include "ess-funding-plan.h"
#include "ess-store.h"

G_BEGIN_DECLS

/* An empty plan (no funder, no action) when the dossier has none yet. */
EssFundingPlan *ess_store_load_funding_plan  (EssStore             *self,
                                              gint64                dossier_id,
                                              GError              **error);
/* Replaces the dossier's plan, one transaction with a history event
 * ("funding"); nothing is written when @plan equals the stored one, nor
 * when ess_funding_plan_validate() refuses it (its error). */
gboolean        ess_store_save_funding_plan  (EssStore             *self,
                                              gint64                dossier_id,
                                              const EssFundingPlan *plan,
                                              GError              **error);
/* The default Cerfa budget when the dossier has none yet. */
EssBudget      *ess_store_load_budget        (EssStore             *self,
                                              gint64                dossier_id,
                                              GError              **error);
/* Replaces the dossier's budget, one transaction with a history event
 * ("funding", field "budget"); nothing is written when @budget equals the
 * stored one, nor when ess_budget_validate() refuses it (its error). */
gboolean        ess_store_save_budget        (EssStore             *self,
                                              gint64                dossier_id,
                                              const EssBudget      *budget,
                                              GError              **error);

typedef struct
{
  char   *scheme;
  int     year;
  gint64  envelope_cents;   /* -1: no envelope that year */
  gint64  proposed_cents;
  gint64  granted_cents;
  gint64  paid_cents;
} EssEnvelopeRow;

/* One row per scheme and year that has an envelope or dossiers, ordered by scheme then year.
 * Live dossiers only: proposed sums the proposed amounts of the dossiers
 * not refused nor withdrawn; granted the granted amounts of the dossiers
 * granted, under agreement or closed; paid the payments made (paid_on
 * set) to dossiers of that scheme and year. */
GPtrArray      *ess_store_list_envelopes     (EssStore             *self,
                                              GError              **error);
/* @amount_cents < 0 removes the envelope. One transaction with a history
 * event ("envelope", no dossier); nothing is written when unchanged. */
gboolean        ess_store_set_envelope       (EssStore             *self,
                                              const char           *scheme,
                                              int                   year,
                                              gint64                amount_cents,
                                              GError              **error);
gboolean        ess_store_set_scheme_max_rate (EssStore            *self,
                                               const char          *scheme,
                                               int                  max_rate_bp,   /* -1: none */
                                               GError             **error);
void            ess_envelope_row_free        (EssEnvelopeRow       *row);

/* Every finding of a dossier: its plan's checks (with the scheme's
 * maximum rate and the dossier's amounts), its budget's checks, the
 * envelope of its scheme and year, and the de minimis ceiling in force
 * at its grant date for its applicant. Array of EssFinding.
 * The budget is checked only when it holds an amount. The de minimis sum
 * ends at the dossier's decision date (1 January of its year when it has
 * none) and counts this dossier's amount (granted, else proposed, else
 * requested) while it is still open; the ceiling is the SGEI one for the
 * SIEG scheme, the general one otherwise, read from aid_ceilings. */
GPtrArray      *ess_store_dossier_findings   (EssStore             *self,
                                              gint64                dossier_id,
                                              GError              **error);

/* The maximum Métropole rate of @scheme in basis points, -1 when none is
 * set; sets @error (and returns -1) for an unknown scheme. */
int             ess_store_get_scheme_max_rate (EssStore            *self,
                                               const char          *scheme,
                                               GError             **error);

/* The de minimis ceilings of the aid_ceilings table, by kind then date
 * (editable settings, with their dates). The array owns the kind and date
 * strings (its clear function frees them): g_array_unref() it. */
GArray         *ess_store_list_aid_ceilings  (EssStore             *self,
                                              GError              **error);

/* Replaces the ceilings of the aid_ceilings table with @ceilings (the
 * Preferences keep them in GSettings; the database holds the ones its
 * checks use, for the command line too). Every ceiling is validated and no
 * kind and date may repeat, else nothing is written; one transaction, and
 * nothing at all when the table already holds them. */
gboolean        ess_store_replace_aid_ceilings (EssStore            *self,
                                                const EssAidCeiling *ceilings,
                                                guint                n_ceilings,
                                                GError             **error);

/* The id of the dossier with @reference (in the trash or not); 0 with
 * ESS_STORE_ERROR_NOT_FOUND when there is none. */
gint64          ess_store_find_dossier       (EssStore             *self,
                                              const char           *reference,
                                              GError              **error);

G_END_DECLS
