/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing dossiers: fields, status, trash, history, payments, scores. */
#pragma once

#include <gio/gio.h>

#include "ess-aid.h"
#include "ess-dossier.h"
#include "ess-dossier-query.h"
#include "ess-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 count;
  gint64 requested_cents;
  gint64 proposed_cents;
  gint64 granted_cents;
} EssDossierTotals;

typedef struct
{
  gint64  id;
  char   *at;          /* ISO timestamp, UTC */
  char   *author;
  char   *action;      /* "created", "edited", "status", "deleted", "restored", "payment", ... */
  char   *field;       /* field id for "edited", NULL otherwise */
  char   *old_value;   /* as the user reads it */
  char   *new_value;
  char   *comment;     /* the reason of a status change, ... */
} EssHistoryEvent;

typedef enum
{
  ESS_PAYMENT_ADVANCE,   /* avance */
  ESS_PAYMENT_INSTALMENT,/* acompte */
  ESS_PAYMENT_BALANCE,   /* solde */
} EssPaymentKind;

typedef struct
{
  gint64          id;
  EssPaymentKind  kind;
  gint64          amount_cents;
  char           *planned_on;   /* ISO or NULL */
  char           *paid_on;      /* ISO or NULL: not paid yet */
  char           *comment;
} EssPayment;

typedef struct
{
  gint64  id;
  char   *name;
  char   *legal_form;     /* code, or NULL */
  char   *siren;
  char   *siret;
  char   *rna;
  char   *address;
  char   *commune;        /* INSEE */
  char   *contact_name;
  char   *contact_email;
  char   *contact_phone;
} EssApplicant;

typedef struct
{
  char *id;
  char *label;
} EssChoice;

/* Reading. */
EssDossier   *ess_store_load_dossier        (EssStore               *self,
                                             gint64                  id,
                                             GError                **error);
/* The ids of the dossiers matching @query, in its order. */
GArray       *ess_store_query_dossier_ids   (EssStore               *self,
                                             const EssDossierQuery  *query,
                                             GError                **error);
gboolean      ess_store_query_totals        (EssStore               *self,
                                             const EssDossierQuery  *query,
                                             EssDossierTotals       *totals,
                                             GError                **error);

/* What the dossier list filters in memory: one row per dossier. */
typedef struct
{
  gint64      id;
  gint64      applicant_id;     /* 0: none */
  gint64      requested_cents;
  gint64      proposed_cents;
  gint64      granted_cents;
  const char *scheme;           /* interned */
  int         year;
  int         status;           /* EssStatus, -1 when unknown */
} EssDossierRow;

/* Every dossier of the trash or not (@query->trash), in @query's order,
 * its other filters left aside: an array of EssDossierRow. */
GArray       *ess_store_query_dossier_rows  (EssStore               *self,
                                             const EssDossierQuery  *query,
                                             GError                **error);
/* The ids (gint64, any order) of the dossiers with a commune in
 * @territory_id, with the commune @insee, or matching the words of
 * @search (NULL when @search has no word). */
GArray       *ess_store_query_territory_ids (EssStore               *self,
                                             int                     territory_id,
                                             GError                **error);
GArray       *ess_store_query_commune_ids   (EssStore               *self,
                                             const char             *insee,
                                             GError                **error);
GArray       *ess_store_query_search_ids    (EssStore               *self,
                                             const char             *search,
                                             GError                **error);

/* Writing: each call is one transaction with its history event, then
 * emits EssStore::changed "dossiers". Values come validated by
 * ess_dossier_validate_field() (normalized text). */
gint64        ess_store_create_dossier      (EssStore               *self,
                                             const char             *scheme,
                                             int                     year,
                                             GError                **error);
gint64        ess_store_duplicate_dossier   (EssStore               *self,
                                             gint64                  id,
                                             GError                **error);
gboolean      ess_store_set_dossier_field   (EssStore               *self,
                                             gint64                  id,
                                             EssDossierField         field,
                                             const char             *normalized,
                                             GError                **error);
gboolean      ess_store_set_dossier_communes (EssStore              *self,
                                              gint64                 id,
                                              const char * const    *insee_codes,
                                              GError               **error);
/* Changes the status of every dossier of @ids (one transaction): refused
 * when a move is not allowed by the status table or a needed reason is
 * missing; nothing is written then. */
gboolean      ess_store_change_status       (EssStore               *self,
                                             const gint64           *ids,
                                             guint                   n_ids,
                                             EssStatus               to,
                                             const char             *date,
                                             const char             *comment,
                                             GError                **error);
gboolean      ess_store_trash_dossiers      (EssStore               *self,
                                             const gint64           *ids,
                                             guint                   n_ids,
                                             GError                **error);
gboolean      ess_store_restore_dossiers    (EssStore               *self,
                                             const gint64           *ids,
                                             guint                   n_ids,
                                             GError                **error);
/* Deletes the dossiers in the trash for good; their history keeps a trace. */
gboolean      ess_store_empty_trash         (EssStore               *self,
                                             GError                **error);

/* History, newest first. */
GPtrArray    *ess_store_list_history        (EssStore               *self,
                                             gint64                  dossier_id,
                                             GError                **error);
void          ess_history_event_free        (EssHistoryEvent        *event);

/* Payments. */
GPtrArray    *ess_store_list_payments       (EssStore               *self,
                                             gint64                  dossier_id,
                                             GError                **error);
gint64        ess_store_add_payment         (EssStore               *self,
                                             gint64                  dossier_id,
                                             const EssPayment       *payment,
                                             GError                **error);
gboolean      ess_store_update_payment      (EssStore               *self,
                                             const EssPayment       *payment,
                                             GError                **error);
gboolean      ess_store_delete_payment      (EssStore               *self,
                                             gint64                  payment_id,
                                             GError                **error);
void          ess_payment_free              (EssPayment             *payment);
const char   *ess_payment_kind_label        (EssPaymentKind          kind);

/* Assessment scores: -1 is "not scored". @scores and @comments (may be
 * NULL) are indexed like ess_assessment_default_criteria(); each comment
 * is a new string, "" when none, for the caller to free. A score of -1
 * with an empty comment removes the criterion's row. */
gboolean      ess_store_get_scores          (EssStore               *self,
                                             gint64                  dossier_id,
                                             int                    *scores,
                                             char                  **comments,
                                             guint                   n_criteria,
                                             GError                **error);
gboolean      ess_store_set_score           (EssStore               *self,
                                             gint64                  dossier_id,
                                             const char             *criterion_id,
                                             int                     score,
                                             const char             *comment,
                                             GError                **error);

/* Applicants, by name. Absent legal form, identifiers and commune are
 * NULL; address and contact fields are "" when empty. The contact is the
 * applicant's first one. Saving inserts when id is 0, else updates; it
 * trims the text, normalizes and checks SIREN, SIRET, RNA and e-mail, and
 * returns the id (0 and @error when refused: nothing is written). The
 * history keeps an "applicant-created"/"applicant-edited" event with no
 * dossier. */
GPtrArray    *ess_store_list_applicants     (EssStore               *self,
                                             GError                **error);
EssApplicant *ess_store_load_applicant      (EssStore               *self,
                                             gint64                  id,
                                             GError                **error);
gint64        ess_store_save_applicant      (EssStore               *self,
                                             const EssApplicant     *applicant,
                                             GError                **error);
void          ess_applicant_free            (EssApplicant           *applicant);
/* Grants of the applicant (granted amounts with their decision date,
 * or 1 January of the dossier's year when it has none), oldest first:
 * live dossiers granted, under agreement or closed. The array owns the
 * date strings (its clear function frees them): g_array_unref() it. */
GArray       *ess_store_applicant_grants    (EssStore               *self,
                                             gint64                  applicant_id,
                                             GError                **error);

/* Reference lists for the editor's choosers. */
GPtrArray    *ess_store_list_schemes        (EssStore               *self,
                                             GError                **error);
GPtrArray    *ess_store_list_legal_forms    (EssStore               *self,
                                             GError                **error);
GPtrArray    *ess_store_list_territories    (EssStore               *self,
                                             GError                **error);
/* Communes as EssChoice: id = INSEE, label = name. */
GPtrArray    *ess_store_list_communes       (EssStore               *self,
                                             GError                **error);
GArray       *ess_store_list_years          (EssStore               *self,
                                             GError                **error);
void          ess_choice_free               (EssChoice              *choice);

/* Saved views (named queries): saving a name again replaces its query.
 * They are settings of the list, not dossier data: no history, and the
 * store emits "changed" with "views". */
gboolean      ess_store_save_view           (EssStore               *self,
                                             const char             *name,
                                             const EssDossierQuery  *query,
                                             GError                **error);
GPtrArray    *ess_store_list_views          (EssStore               *self,
                                             GError                **error);   /* EssChoice: id = name, label = serialized query */
gboolean      ess_store_delete_view         (EssStore               *self,
                                             const char             *name,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssApplicant, ess_applicant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssPayment, ess_payment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssHistoryEvent, ess_history_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssChoice, ess_choice_free)

G_END_DECLS
