/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A whole dossier with all that hangs off it, read at once and written at once, for exchange files. */
#pragma once

#include "ess-budget.h"
#include "ess-dossier.h"
#include "ess-funding-plan.h"
#include "ess-store.h"
#include "ess-store-dossiers.h"
#include "ess-store-indicators.h"

G_BEGIN_DECLS

/* One row of the assessment grid; criteria the grid no longer has are
 * kept, so that an archive loses nothing. */
typedef struct
{
  char *criterion;   /* "social-utility" */
  int   score;       /* 0..3, -1: not scored */
  char *comment;
} EssScore;

/* A dossier and its applicant, indicators, funding plan, budget,
 * payments, assessment and history. Ids are the database's, 0 for a
 * bundle read from a file. */
typedef struct
{
  EssDossier     *dossier;
  EssApplicant   *applicant;    /* NULL: no applicant */
  GPtrArray      *indicators;   /* EssIndicator, in their order */
  EssFundingPlan *plan;         /* never NULL; empty when the dossier has none */
  EssBudget      *budget;       /* NULL: no budget recorded */
  GPtrArray      *payments;     /* EssPayment, by date */
  GPtrArray      *scores;       /* EssScore, by criterion */
  GPtrArray      *history;      /* EssHistoryEvent, oldest first */
} EssDossierBundle;

/* What an import does with one dossier of a file. */
typedef enum
{
  ESS_IMPORT_CREATE,       /* a new dossier under the file's reference */
  ESS_IMPORT_SKIP,         /* a known reference: leave the database's dossier alone */
  ESS_IMPORT_UPDATE,       /* a known reference: replace its data by the file's */
  ESS_IMPORT_RENAME,       /* a known reference: a new dossier under the next free reference */
} EssImportAction;

EssDossierBundle *ess_dossier_bundle_new          (void);
void              ess_dossier_bundle_free         (EssDossierBundle  *bundle);
EssScore         *ess_score_new                   (const char        *criterion,
                                                   int                score,
                                                   const char        *comment);
void              ess_score_free                  (EssScore          *score);
const char       *ess_payment_kind_to_id          (EssPaymentKind     kind);
gboolean          ess_payment_kind_from_id        (const char        *id,
                                                   EssPaymentKind    *kind);

/* Every part of dossier @id. */
EssDossierBundle *ess_store_load_bundle           (EssStore          *self,
                                                   gint64             id,
                                                   GError           **error);
/* The ids of the dossiers not in the trash, by reference. */
GArray           *ess_store_list_live_ids         (EssStore          *self,
                                                   GError           **error);
/* @ids in the order of their references, each once; an id that names no
 * dossier is an ESS_STORE_ERROR_NOT_FOUND. */
GArray           *ess_store_order_by_reference    (EssStore          *self,
                                                   const gint64      *ids,
                                                   guint              n_ids,
                                                   GError           **error);

/* Makes a backup of the database (ess_store_backup_before_import()),
 * then writes the bundles in ONE transaction: nothing is written when
 * the backup fails or any of the bundles is refused. @actions[i] says what to do with @bundles[i] (the
 * caller found the known references with ess_store_find_dossier()).
 * @full: the bundles carry the review (status, opinion, conditions,
 * notes, scores, history), restored as they are; otherwise new dossiers
 * start "submitted" and an update keeps the review of the database. Each
 * dossier written gets an "imported" history event naming @source,
 * except the new dossiers of a full archive, whose history is the
 * archive's; the import itself is one event with no dossier.
 * @new_references (may be NULL) receives the reference under which each
 * bundle was written, NULL for the skipped ones. */
gboolean          ess_store_import_bundles        (EssStore          *self,
                                                   GPtrArray         *bundles,
                                                   const EssImportAction *actions,
                                                   gboolean           full,
                                                   const char        *source,
                                                   GPtrArray        **new_references,
                                                   GError           **error);

/* As ess_store_import_bundles(), with the scenarios of the file
 * (EssScenarioRecord, may be NULL) in the same transaction, each as
 * @scenario_actions[i] says for a name the database knows (NULL: skip
 * them all); see ess_store_import_scenario_records(). */
gboolean          ess_store_import_exchange       (EssStore          *self,
                                                   GPtrArray         *bundles,
                                                   const EssImportAction *actions,
                                                   gboolean           full,
                                                   const char        *source,
                                                   GPtrArray         *scenarios,
                                                   const EssImportAction *scenario_actions,
                                                   GPtrArray        **new_references,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssDossierBundle, ess_dossier_bundle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssScore, ess_score_free)

G_END_DECLS
