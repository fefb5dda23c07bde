/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A whole dossier read at once for an export, and the dossiers of an import written in one transaction. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier-status.h"
#include "ess-store-backup.h"
#include "ess-store-dossiers-private.h"
#include "ess-store-exchange.h"
#include "ess-store-funding.h"
#include "ess-store-funding-private.h"
#include "ess-store-private.h"
#include "ess-store-scenarios-private.h"

static const char * const payment_kinds[] = {
  [ESS_PAYMENT_ADVANCE] = "advance",
  [ESS_PAYMENT_INSTALMENT] = "instalment",
  [ESS_PAYMENT_BALANCE] = "balance",
};

const char *
ess_payment_kind_to_id (EssPaymentKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (payment_kinds))
    return payment_kinds[ESS_PAYMENT_INSTALMENT];
  return payment_kinds[kind];
}

gboolean
ess_payment_kind_from_id (const char     *id,
                          EssPaymentKind *kind)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (payment_kinds); i++)
    if (g_str_equal (payment_kinds[i], id))
      {
        *kind = (EssPaymentKind) i;
        return TRUE;
      }
  return FALSE;
}

EssScore *
ess_score_new (const char *criterion,
               int         score,
               const char *comment)
{
  EssScore *result = g_new0 (EssScore, 1);

  result->criterion = g_strdup (criterion ? criterion : "");
  result->score = score;
  result->comment = g_strdup (comment ? comment : "");

  return result;
}

void
ess_score_free (EssScore *score)
{
  if (score == NULL)
    return;

  g_free (score->criterion);
  g_free (score->comment);
  g_free (score);
}

EssDossierBundle *
ess_dossier_bundle_new (void)
{
  EssDossierBundle *bundle = g_new0 (EssDossierBundle, 1);

  bundle->dossier = ess_dossier_new ();
  bundle->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_indicator_free);
  bundle->plan = ess_funding_plan_new ();
  bundle->payments = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_payment_free);
  bundle->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_score_free);
  bundle->history = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_history_event_free);

  return bundle;
}

void
ess_dossier_bundle_free (EssDossierBundle *bundle)
{
  if (bundle == NULL)
    return;

  ess_dossier_free (bundle->dossier);
  ess_applicant_free (bundle->applicant);
  g_ptr_array_unref (bundle->indicators);
  ess_funding_plan_free (bundle->plan);
  if (bundle->budget != NULL)
    ess_budget_free (bundle->budget);
  g_ptr_array_unref (bundle->payments);
  g_ptr_array_unref (bundle->scores);
  g_ptr_array_unref (bundle->history);
  g_free (bundle);
}

/* Reading. */

static gboolean
has_budget (EssStore  *self,
            gint64     id,
            gboolean  *out,
            GError   **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT 1 FROM budget_lines WHERE dossier_id = ?1 LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the budget"));
      return FALSE;
    }
  *out = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
read_scores (EssStore   *self,
             gint64      id,
             GPtrArray  *scores,
             GError    **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self,
                                          "SELECT criterion_id, score, comment FROM scores "
                                          "WHERE dossier_id = ?1 ORDER BY criterion_id",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (scores, ess_score_new (ess_store_column_text (stmt, 0),
                                            sqlite3_column_type (stmt, 1) == SQLITE_NULL ?
                                              -1 : sqlite3_column_int (stmt, 1),
                                            ess_store_column_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the assessment"));
      return FALSE;
    }
  return TRUE;
}

EssDossierBundle *
ess_store_load_bundle (EssStore  *self,
                       gint64     id,
                       GError   **error)
{
  g_autoptr(EssDossierBundle) bundle = g_new0 (EssDossierBundle, 1);
  g_autoptr(GPtrArray) history = NULL;
  gboolean budget = FALSE;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  bundle->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_score_free);
  bundle->history = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_history_event_free);

  bundle->dossier = ess_store_load_dossier (self, id, error);
  if (bundle->dossier == NULL)
    return NULL;

  if (bundle->dossier->applicant_id > 0)
    {
      bundle->applicant = ess_store_load_applicant (self, bundle->dossier->applicant_id, error);
      if (bundle->applicant == NULL)
        return NULL;
    }

  bundle->indicators = ess_store_list_indicators (self, id, error);
  if (bundle->indicators == NULL)
    return NULL;
  bundle->plan = ess_store_load_funding_plan (self, id, error);
  if (bundle->plan == NULL)
    return NULL;
  if (!has_budget (self, id, &budget, error))
    return NULL;
  if (budget)
    {
      bundle->budget = ess_store_load_budget (self, id, error);
      if (bundle->budget == NULL)
        return NULL;
    }
  bundle->payments = ess_store_list_payments (self, id, error);
  if (bundle->payments == NULL)
    return NULL;
  if (!read_scores (self, id, bundle->scores, error))
    return NULL;

  history = ess_store_list_history (self, id, error);
  if (history == NULL)
    return NULL;
  /* The store lists the newest first; files tell the story in order. */
  while (history->len > 0)
    g_ptr_array_add (bundle->history, g_ptr_array_steal_index (history, history->len - 1));

  return g_steal_pointer (&bundle);
}

GArray *
ess_store_list_live_ids (EssStore  *self,
                         GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self,
                            "SELECT id FROM dossiers WHERE deleted_at IS NULL ORDER BY reference",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the dossiers"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

typedef struct
{
  gint64  id;
  char   *reference;
} IdReference;

static int
compare_id_references (gconstpointer a,
                       gconstpointer b)
{
  const IdReference *x = a;
  const IdReference *y = b;

  return strcmp (x->reference, y->reference);
}

static void
clear_id_reference (gpointer data)
{
  g_free (((IdReference *) data)->reference);
}

GArray *
ess_store_order_by_reference (EssStore      *self,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_autoptr(GArray) pairs = g_array_sized_new (FALSE, FALSE, sizeof (IdReference), n_ids);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ordered;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  g_array_set_clear_func (pairs, clear_id_reference);
  stmt = ess_store_prepare (self, "SELECT reference FROM dossiers WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      IdReference pair = { ids[i], NULL };
      int rc;

      if (!g_hash_table_add (seen, (gpointer) &ids[i]))
        continue;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        pair.reference = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                       _("This dossier no longer exists."));
          return NULL;
        }
      if (rc != SQLITE_ROW)
        {
          ess_store_set_error (self, error, rc, _("reading the dossiers"));
          return NULL;
        }
      g_array_append_val (pairs, pair);
    }
  /* Byte order, as SQLite's ORDER BY reference and strcmp() sort. */
  g_array_sort (pairs, compare_id_references);

  ordered = g_array_sized_new (FALSE, FALSE, sizeof (gint64), pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    g_array_append_val (ordered, g_array_index (pairs, IdReference, i).id);
  return ordered;
}

/* Writing. */

static gboolean
run_for_dossier (EssStore    *self,
                 const char  *sql,
                 gint64       id,
                 GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return ess_store_step_done (self, stmt, error);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           const char   *date)
{
  if (date != NULL && date[0] != '\0')
    ess_store_bind_text (stmt, index, date);
  else
    sqlite3_bind_null (stmt, index);
}

/* The fields a partner may send: every field but the review's. */
static void
bind_partner_fields (sqlite3_stmt     *stmt,
                     const EssDossier *dossier,
                     gint64            applicant_id)
{
  ess_store_bind_text (stmt, 2, dossier->title ? dossier->title : "");
  ess_store_bind_text (stmt, 3, dossier->description ? dossier->description : "");
  ess_store_bind_text (stmt, 4, dossier->scheme);
  if (dossier->volet > 0)
    sqlite3_bind_int (stmt, 5, dossier->volet);
  else
    sqlite3_bind_null (stmt, 5);
  ess_store_bind_text (stmt, 6, dossier->axis ? dossier->axis : "");
  sqlite3_bind_int (stmt, 7, dossier->year);
  if (applicant_id > 0)
    sqlite3_bind_int64 (stmt, 8, applicant_id);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int64 (stmt, 9, dossier->requested_cents);
  sqlite3_bind_int64 (stmt, 10, dossier->proposed_cents);
  sqlite3_bind_int64 (stmt, 11, dossier->granted_cents);
  bind_date (stmt, 12, dossier->submitted_on);
  bind_date (stmt, 13, dossier->committee_on);
  bind_date (stmt, 14, dossier->decided_on);
  bind_date (stmt, 15, dossier->agreement_on);
  bind_date (stmt, 16, dossier->start_on);
  bind_date (stmt, 17, dossier->end_on);
  ess_store_bind_text (stmt, 18, dossier->partners ? dossier->partners : "");
}

static gint64
insert_dossier (EssStore          *self,
                const EssDossier  *dossier,
                const char        *reference,
                gint64             applicant_id,
                GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = ess_store_prepare (self,
                            "INSERT INTO dossiers (reference, title, description, scheme_code, volet, axis, year, "
                            "  applicant_id, requested_cents, proposed_cents, granted_cents, submitted_on, "
                            "  committee_on, decided_on, agreement_on, start_on, end_on, partners, status) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                            error);
  if (stmt == NULL)
    return 0;
  ess_store_bind_text (stmt, 1, reference);
  bind_partner_fields (stmt, dossier, applicant_id);
  ess_store_bind_text (stmt, 19, ess_status_to_id (ESS_STATUS_SUBMITTED));
  if (!ess_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (ess_store_get_db (self));
}

static gboolean
update_dossier (EssStore          *self,
                gint64             id,
                const EssDossier  *dossier,
                gint64             applicant_id,
                GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = ess_store_prepare (self,
                            "UPDATE dossiers SET title = ?2, description = ?3, scheme_code = ?4, volet = ?5, "
                            "  axis = ?6, year = ?7, applicant_id = ?8, requested_cents = ?9, proposed_cents = ?10, "
                            "  granted_cents = ?11, submitted_on = ?12, committee_on = ?13, decided_on = ?14, "
                            "  agreement_on = ?15, start_on = ?16, end_on = ?17, partners = ?18, "
                            "  updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_partner_fields (stmt, dossier, applicant_id);
  return ess_store_step_done (self, stmt, error);
}

static gboolean
write_review (EssStore          *self,
              gint64             id,
              const EssDossier  *dossier,
              GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = ess_store_prepare (self,
                            "UPDATE dossiers SET status = ?2, opinion = ?3, conditions = ?4, notes = ?5 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ess_store_bind_text (stmt, 2, ess_status_to_id (dossier->status));
  ess_store_bind_text (stmt, 3, dossier->opinion ? dossier->opinion : "");
  ess_store_bind_text (stmt, 4, dossier->conditions ? dossier->conditions : "");
  ess_store_bind_text (stmt, 5, dossier->notes ? dossier->notes : "");
  return ess_store_step_done (self, stmt, error);
}

static gboolean
write_communes (EssStore          *self,
                gint64             id,
                const EssDossier  *dossier,
                GError           **error)
{
  if (!run_for_dossier (self, "DELETE FROM dossier_communes WHERE dossier_id = ?1", id, error))
    return FALSE;

  for (guint i = 0; dossier->communes != NULL && dossier->communes[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = ess_store_prepare (self,
                                              "INSERT OR IGNORE INTO dossier_communes (dossier_id, insee) VALUES (?1, ?2)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, dossier->communes[i]);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_indicators (EssStore   *self,
                  gint64      id,
                  GPtrArray  *indicators,
                  GError    **error)
{
  if (!run_for_dossier (self, "DELETE FROM indicators WHERE dossier_id = ?1", id, error))
    return FALSE;

  for (guint i = 0; i < indicators->len; i++)
    {
      const EssIndicator *indicator = g_ptr_array_index (indicators, i);
      sqlite3_stmt *stmt = ess_store_prepare (self,
                                              "INSERT INTO indicators (dossier_id, label, target, result, unit) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, indicator->label ? indicator->label : "");
      ess_store_bind_text (stmt, 3, indicator->target ? indicator->target : "");
      ess_store_bind_text (stmt, 4, indicator->result ? indicator->result : "");
      ess_store_bind_text (stmt, 5, indicator->unit ? indicator->unit : "");
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_budget (EssStore         *self,
              gint64            id,
              const EssBudget  *budget,
              GError          **error)
{
  if (!run_for_dossier (self, "DELETE FROM budget_lines WHERE dossier_id = ?1", id, error))
    return FALSE;

  for (guint i = 0; budget != NULL && i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = g_ptr_array_index (budget->lines, i);
      sqlite3_stmt *stmt = ess_store_prepare (self,
                                              "INSERT INTO budget_lines (dossier_id, position, code, label, side, "
                                              "  funder_kind, depth, forecast_cents, actual_cents) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      ess_store_bind_text (stmt, 3, line->code ? line->code : "");
      ess_store_bind_text (stmt, 4, line->label ? line->label : "");
      ess_store_bind_text (stmt, 5, line->side == ESS_BUDGET_PRODUCT ? "product" : "charge");
      ess_store_bind_text (stmt, 6, line->funder_kind);
      sqlite3_bind_int (stmt, 7, line->depth > 0 ? 1 : 0);
      sqlite3_bind_int64 (stmt, 8, line->forecast_cents);
      if (line->has_actual)
        sqlite3_bind_int64 (stmt, 9, line->actual_cents);
      else
        sqlite3_bind_null (stmt, 9);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_payments (EssStore   *self,
                gint64      id,
                GPtrArray  *payments,
                GError    **error)
{
  if (!run_for_dossier (self, "DELETE FROM payments WHERE dossier_id = ?1", id, error))
    return FALSE;

  for (guint i = 0; i < payments->len; i++)
    {
      const EssPayment *payment = g_ptr_array_index (payments, i);
      sqlite3_stmt *stmt = ess_store_prepare (self,
                                              "INSERT INTO payments (dossier_id, kind, amount_cents, planned_on, "
                                              "  paid_on, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, ess_payment_kind_to_id (payment->kind));
      sqlite3_bind_int64 (stmt, 3, payment->amount_cents);
      bind_date (stmt, 4, payment->planned_on);
      bind_date (stmt, 5, payment->paid_on);
      ess_store_bind_text (stmt, 6, payment->comment ? payment->comment : "");
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_scores (EssStore   *self,
              gint64      id,
              GPtrArray  *scores,
              GError    **error)
{
  if (!run_for_dossier (self, "DELETE FROM scores WHERE dossier_id = ?1", id, error))
    return FALSE;

  for (guint i = 0; i < scores->len; i++)
    {
      const EssScore *score = g_ptr_array_index (scores, i);
      sqlite3_stmt *stmt = ess_store_prepare (self,
                                              "INSERT INTO scores (dossier_id, criterion_id, score, comment) "
                                              "VALUES (?1, ?2, ?3, ?4)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, score->criterion);
      if (score->score >= 0)
        sqlite3_bind_int (stmt, 3, score->score);
      else
        sqlite3_bind_null (stmt, 3);
      ess_store_bind_text (stmt, 4, score->comment ? score->comment : "");
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The archive's history as it was, authors and times included. */
static gboolean
restore_history (EssStore   *self,
                 gint64      id,
                 GPtrArray  *history,
                 GError    **error)
{
  for (guint i = 0; i < history->len; i++)
    {
      const EssHistoryEvent *event = g_ptr_array_index (history, i);
      sqlite3_stmt *stmt = ess_store_prepare (self,
                                              "INSERT INTO history (dossier_id, at, author, action, field, "
                                              "  old_value, new_value, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, event->at);
      ess_store_bind_text (stmt, 3, event->author ? event->author : "");
      ess_store_bind_text (stmt, 4, event->action);
      ess_store_bind_text (stmt, 5, event->field);
      ess_store_bind_text (stmt, 6, event->old_value);
      ess_store_bind_text (stmt, 7, event->new_value);
      ess_store_bind_text (stmt, 8, event->comment ? event->comment : "");
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Applicants of one file are shared between its dossiers when they are
 * the same; a known applicant (same SIRET, else same RNA, else same name
 * and no identifier) is reused as the database has it. */
static gint64
find_applicant (EssStore            *self,
                const EssApplicant  *applicant,
                GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (applicant->siret != NULL)
    stmt = ess_store_prepare (self, "SELECT id FROM applicants WHERE siret = ?1 ORDER BY id LIMIT 1", error);
  else if (applicant->rna != NULL)
    stmt = ess_store_prepare (self, "SELECT id FROM applicants WHERE rna = ?1 ORDER BY id LIMIT 1", error);
  else
    stmt = ess_store_prepare (self,
                              "SELECT id FROM applicants WHERE name = ?1 AND siren IS NULL AND siret IS NULL "
                              "AND rna IS NULL ORDER BY id LIMIT 1",
                              error);
  if (stmt == NULL)
    return -1;

  ess_store_bind_text (stmt, 1, applicant->siret ? applicant->siret :
                                applicant->rna ? applicant->rna : applicant->name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return id;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the applicants"));
      return -1;
    }
  return 0;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static gboolean
same_applicant (const EssApplicant *a,
                const EssApplicant *b)
{
  return same_text (a->name, b->name) && same_text (a->legal_form, b->legal_form) &&
         same_text (a->siren, b->siren) && same_text (a->siret, b->siret) && same_text (a->rna, b->rna) &&
         same_text (a->address, b->address) && same_text (a->commune, b->commune) &&
         same_text (a->contact_name, b->contact_name) && same_text (a->contact_email, b->contact_email) &&
         same_text (a->contact_phone, b->contact_phone);
}

/* @update: the user chose to update the dossier with the file, its
 * applicant's details (address, contact...) included. */
static gint64
import_applicant (EssStore            *self,
                  const EssApplicant  *applicant,
                  gboolean             update,
                  GError             **error)
{
  gint64 id;

  if (applicant == NULL)
    return 0;

  id = find_applicant (self, applicant, error);
  if (id > 0 && update)
    {
      g_autoptr(EssApplicant) stored = ess_store_load_applicant (self, id, error);
      EssApplicant changed;

      if (stored == NULL)
        return -1;
      if (same_applicant (stored, applicant))
        return id;
      changed = *applicant;
      changed.id = id;
      return ess_store_write_applicant (self, &changed, error) > 0 ? id : -1;
    }
  if (id != 0)
    return id;

  /* Read from a file: its id is 0, so it is inserted. */
  g_return_val_if_fail (applicant->id == 0, -1);
  id = ess_store_write_applicant (self, applicant, error);

  return id > 0 ? id : -1;
}

static gboolean
import_one (EssStore          *self,
            EssDossierBundle  *bundle,
            EssImportAction    action,
            gboolean           full,
            const char        *source,
            GArray            *updated,
            char             **written_reference,
            GError           **error)
{
  const EssDossier *dossier = bundle->dossier;
  g_autofree char *reference = NULL;
  g_autofree char *comment = NULL;
  gint64 applicant_id;
  gint64 id = 0;
  gboolean restored = FALSE;

  applicant_id = import_applicant (self, bundle->applicant, action == ESS_IMPORT_UPDATE, error);
  if (applicant_id < 0)
    return FALSE;

  switch (action)
    {
    case ESS_IMPORT_UPDATE:
      id = ess_store_find_dossier (self, dossier->reference, error);
      if (id <= 0 || !update_dossier (self, id, dossier, applicant_id, error))
        return FALSE;
      g_array_append_val (updated, id);
      reference = g_strdup (dossier->reference);
      break;

    case ESS_IMPORT_RENAME:
      reference = ess_store_next_reference (self, dossier->scheme, dossier->year, error);
      if (reference == NULL)
        return FALSE;
      id = insert_dossier (self, dossier, reference, applicant_id, error);
      break;

    case ESS_IMPORT_CREATE:
      reference = g_strdup (dossier->reference);
      id = insert_dossier (self, dossier, reference, applicant_id, error);
      restored = full;
      break;

    case ESS_IMPORT_SKIP:
    default:
      return TRUE;
    }

  if (id <= 0)
    return FALSE;

  if (!write_communes (self, id, dossier, error) ||
      !write_indicators (self, id, bundle->indicators, error) ||
      !ess_store_write_funding_plan (self, id, bundle->plan, error) ||
      !write_budget (self, id, bundle->budget, error) ||
      !write_payments (self, id, bundle->payments, error))
    return FALSE;

  if (full && (!write_review (self, id, dossier, error) ||
               !write_scores (self, id, bundle->scores, error)))
    return FALSE;

  if (restored)
    {
      if (!restore_history (self, id, bundle->history, error))
        return FALSE;
    }
  else
    {
      if (action == ESS_IMPORT_RENAME)
        comment = g_strdup_printf (_("Imported from %s as a new dossier (reference %s in the file)."),
                                   source, dossier->reference);
      else if (action == ESS_IMPORT_UPDATE)
        comment = g_strdup_printf (_("Updated from %s."), source);
      else
        comment = g_strdup_printf (_("Imported from %s."), source);
      if (!ess_store_add_history (self, id, "imported", NULL, NULL, reference, comment, error))
        return FALSE;
    }

  *written_reference = g_steal_pointer (&reference);
  return TRUE;
}

/* The search rows of an import. FTS5 flushes what it holds in memory to
 * a new segment at each statement of a transaction that wrote to it: one
 * search row per dossier, written by the triggers, made an import of
 * 10 000 dossiers write 10 000 small segments and spend a third of its
 * time there. So the insert and update triggers are set aside while the
 * dossiers are written, and the rows of the new and updated dossiers are
 * written at the end, in two statements. Schema changes are part of the
 * transaction: a failed or killed import puts the triggers back with the
 * rest. Their SQL is read from the schema, so that the migrations stay
 * the one place where they are written. */
static const char * const deferred_triggers[] = { "dossiers_search_insert", "dossiers_search_update" };

typedef struct
{
  char   *trigger_sql[G_N_ELEMENTS (deferred_triggers)];
  gint64  last_id;       /* the largest dossier id before the import */
  GArray *updated;       /* gint64: the dossiers of before that the import updated */
} DeferredSearch;

static void
deferred_search_clear (DeferredSearch *deferred)
{
  for (guint i = 0; i < G_N_ELEMENTS (deferred_triggers); i++)
    g_clear_pointer (&deferred->trigger_sql[i], g_free);
  g_clear_pointer (&deferred->updated, g_array_unref);
}

static gboolean
defer_search_rows (EssStore        *self,
                   DeferredSearch  *deferred,
                   GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  deferred->updated = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = ess_store_prepare (self, "SELECT coalesce (max (id), 0) FROM dossiers", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    deferred->last_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      ess_store_set_error (self, error, rc, _("reading the dossiers"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (deferred_triggers); i++)
    {
      g_autofree char *drop = NULL;

      stmt = ess_store_prepare (self, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      ess_store_bind_text (stmt, 1, deferred_triggers[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        deferred->trigger_sql[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          /* A database without them is not one this program made. */
          ess_store_set_error (self, error, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, _("reading the dossiers"));
          return FALSE;
        }
      /* A name from the list above, not from outside. */
      drop = g_strdup_printf ("DROP TRIGGER %s", deferred_triggers[i]);
      if (!ess_store_exec (self, drop, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_deferred_search_rows (EssStore        *self,
                            DeferredSearch  *deferred,
                            GError         **error)
{
  g_autoptr(GString) updated = g_string_new ("[");
  sqlite3_stmt *stmt;

  /* The ids of the updated dossiers, as a JSON array for json_each(). */
  for (guint i = 0; i < deferred->updated->len; i++)
    g_string_append_printf (updated, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (deferred->updated, gint64, i));
  g_string_append_c (updated, ']');

  stmt = ess_store_prepare (self, "DELETE FROM dossier_search WHERE rowid IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, updated->str);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  /* The new dossiers have the ids after the last one. */
  stmt = ess_store_prepare (self,
                            "INSERT INTO dossier_search (rowid, reference, title, applicant, description, partners, notes) "
                            "SELECT d.id, d.reference, d.title, coalesce (a.name, ''), d.description, d.partners, d.notes "
                            "FROM dossiers d LEFT JOIN applicants a ON a.id = d.applicant_id "
                            "WHERE d.id > ?2 OR d.id IN (SELECT value FROM json_each (?1))",
                            error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, updated->str);
  sqlite3_bind_int64 (stmt, 2, deferred->last_id);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (deferred_triggers); i++)
    if (!ess_store_exec (self, deferred->trigger_sql[i], error))
      return FALSE;
  return TRUE;
}

gboolean
ess_store_import_bundles (EssStore               *self,
                          GPtrArray              *bundles,
                          const EssImportAction  *actions,
                          gboolean                full,
                          const char             *source,
                          GPtrArray             **new_references,
                          GError                **error)
{
  return ess_store_import_exchange (self, bundles, actions, full, source, NULL, NULL, new_references, error);
}

gboolean
ess_store_import_exchange (EssStore               *self,
                           GPtrArray              *bundles,
                           const EssImportAction  *actions,
                           gboolean                full,
                           const char             *source,
                           GPtrArray              *scenarios,
                           const EssImportAction  *scenario_actions,
                           GPtrArray             **new_references,
                           GError                **error)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EssBackup) backup = NULL;
  g_autofree char *comment = NULL;
  DeferredSearch deferred = { { NULL }, 0, NULL };
  guint written = 0;
  guint scenarios_written = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundles != NULL, FALSE);
  g_return_val_if_fail (actions != NULL || bundles->len == 0, FALSE);

  if (source == NULL)
    source = "";

  /* A backup first (docs/data-safety.md): an import that cannot be
   * backed up does not happen. */
  backup = ess_store_backup_before_import (self, error);
  if (backup == NULL)
    return FALSE;

  if (!ess_store_begin (self, error))
    return FALSE;

  ok = defer_search_rows (self, &deferred, error);
  for (guint i = 0; ok && i < bundles->len; i++)
    {
      char *reference = NULL;

      ok = import_one (self, g_ptr_array_index (bundles, i), actions[i], full, source, deferred.updated,
                       &reference, error);
      if (ok && reference != NULL)
        written++;
      g_ptr_array_add (references, reference);
    }
  if (ok)
    ok = write_deferred_search_rows (self, &deferred, error);
  deferred_search_clear (&deferred);

  /* The scenarios, in the same transaction: their treatments may name
   * the dossiers just written. */
  if (ok && scenarios != NULL && scenarios->len > 0)
    {
      g_autoptr(GHashTable) carried = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < bundles->len; i++)
        {
          const EssDossierBundle *bundle = g_ptr_array_index (bundles, i);
          const char *now = g_ptr_array_index (references, i);

          g_hash_table_insert (carried, bundle->dossier->reference,
                               (gpointer) (now != NULL ? now : bundle->dossier->reference));
        }
      ok = ess_store_import_scenario_records (self, scenarios, scenario_actions, carried, source,
                                              &scenarios_written, error);
    }

  if (ok)
    {
      comment = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u dossier written.",
                                              "%s: %u dossiers written.", written),
                                 source, written);
      if (scenarios_written > 0)
        {
          g_autofree char *dossiers = g_steal_pointer (&comment);

          comment = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u scenario written.",
                                                  "%s %u scenarios written.", scenarios_written),
                                     dossiers, scenarios_written);
        }
      ok = ess_store_add_history (self, 0, "import", NULL, NULL, NULL, comment, error);
    }

  if (!ess_store_end_write (self, ok, "dossiers", error))
    return FALSE;
  if (scenarios_written > 0)
    ess_store_emit_changed (self, "scenarios");

  if (new_references != NULL)
    *new_references = g_steal_pointer (&references);

  return TRUE;
}
