/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What hangs off a dossier: its payments and its assessment scores. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-assessment.h"
#include "ess-dossier.h"
#include "ess-money.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"

/* Display texts of the history. Kept apart from the SQL of this file:
 * only values are formatted here, never a statement. */

static const char * const payment_kind_ids[] = {
  [ESS_PAYMENT_ADVANCE] = "advance",
  [ESS_PAYMENT_INSTALMENT] = "instalment",
  [ESS_PAYMENT_BALANCE] = "balance",
};

const char *
ess_payment_kind_label (EssPaymentKind kind)
{
  switch (kind)
    {
    case ESS_PAYMENT_ADVANCE:
      return C_("payment kind", "Advance");
    case ESS_PAYMENT_INSTALMENT:
      return C_("payment kind", "Instalment");
    case ESS_PAYMENT_BALANCE:
      return C_("payment kind", "Balance");
    default:
      return "";
    }
}

/* "Acompte de 1 000,00 €, paiement le 05/03/2024" in French. */
static char *
payment_display (const EssPayment *payment)
{
  g_autofree char *amount = ess_money_format (payment->amount_cents);
  g_autofree char *date = NULL;

  if (payment->paid_on != NULL)
    {
      date = ess_date_format (payment->paid_on);
      /* TRANSLATORS: a payment in the history: kind, amount, date */
      return g_strdup_printf (_("%s of %s, paid on %s"), ess_payment_kind_label (payment->kind), amount, date);
    }

  if (payment->planned_on != NULL)
    {
      date = ess_date_format (payment->planned_on);
      /* TRANSLATORS: a payment in the history: kind, amount, date */
      return g_strdup_printf (_("%s of %s, planned on %s"), ess_payment_kind_label (payment->kind), amount, date);
    }

  /* TRANSLATORS: a payment in the history: kind, amount */
  return g_strdup_printf (_("%s of %s"), ess_payment_kind_label (payment->kind), amount);
}

/* "2/3", or "not scored". */
static char *
score_display (int score)
{
  if (score < 0)
    return g_strdup (_("not scored"));

  return g_strdup_printf ("%d/%d", score, ESS_SCORE_MAX);
}

/* Payments. */

void
ess_payment_free (EssPayment *payment)
{
  if (payment == NULL)
    return;

  g_free (payment->planned_on);
  g_free (payment->paid_on);
  g_free (payment->comment);
  g_free (payment);
}

static gboolean
payment_kind_from_id (const char     *id,
                      EssPaymentKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (payment_kind_ids); i++)
    if (g_strcmp0 (payment_kind_ids[i], id) == 0)
      {
        *out = (EssPaymentKind) i;
        return TRUE;
      }

  return FALSE;
}

static EssPayment *
read_payment (sqlite3_stmt *stmt)
{
  EssPayment *payment = g_new0 (EssPayment, 1);

  payment->id = sqlite3_column_int64 (stmt, 0);
  if (!payment_kind_from_id (ess_store_column_text (stmt, 1), &payment->kind))
    payment->kind = ESS_PAYMENT_INSTALMENT;
  payment->amount_cents = sqlite3_column_int64 (stmt, 2);
  payment->planned_on = ess_store_column_dup (stmt, 3);
  payment->paid_on = ess_store_column_dup (stmt, 4);
  payment->comment = g_strdup (ess_store_column_text (stmt, 5));

  return payment;
}

GPtrArray *
ess_store_list_payments (EssStore    *self,
                         gint64       dossier_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_payment_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self,
                            "SELECT id, kind, amount_cents, planned_on, paid_on, comment FROM payments "
                            "WHERE dossier_id = ?1 "
                            "ORDER BY coalesce (paid_on, planned_on) IS NULL, coalesce (paid_on, planned_on), id",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (payments, read_payment (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the payments"));
      return NULL;
    }

  return g_steal_pointer (&payments);
}

/* Loads payment @id and the dossier it belongs to. */
static EssPayment *
load_payment (EssStore    *self,
              gint64       id,
              gint64      *dossier_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  EssPayment *payment = NULL;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT id, kind, amount_cents, planned_on, paid_on, comment, dossier_id "
                            "FROM payments WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      payment = read_payment (stmt);
      *dossier_id = sqlite3_column_int64 (stmt, 6);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND, _("This payment no longer exists."));
  else
    ess_store_set_error (self, error, rc, _("reading the payments"));
  sqlite3_reset (stmt);

  return payment;
}

static gboolean
check_payment (const EssPayment  *payment,
               GError           **error)
{
  if ((guint) payment->kind >= G_N_ELEMENTS (payment_kind_ids))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID, _("Unknown kind of payment."));
      return FALSE;
    }

  if (payment->amount_cents < 0)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("The amount of a payment cannot be negative."));
      return FALSE;
    }

  if ((payment->planned_on != NULL && !ess_store_is_iso_date (payment->planned_on)) ||
      (payment->paid_on != NULL && !ess_store_is_iso_date (payment->paid_on)))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("The dates of a payment must be dates of the calendar."));
      return FALSE;
    }

  return TRUE;
}

static void
bind_payment (sqlite3_stmt     *stmt,
              const EssPayment *payment)
{
  ess_store_bind_text (stmt, 2, payment_kind_ids[payment->kind]);
  sqlite3_bind_int64 (stmt, 3, payment->amount_cents);
  ess_store_bind_text (stmt, 4, payment->planned_on);
  ess_store_bind_text (stmt, 5, payment->paid_on);
  ess_store_bind_text (stmt, 6, payment->comment ? payment->comment : "");
}

static gint64
insert_payment (EssStore          *self,
                gint64             dossier_id,
                const EssPayment  *payment,
                GError           **error)
{
  g_autofree char *display = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!ess_store_dossier_exists (self, dossier_id, error))
    return 0;

  stmt = ess_store_prepare (self,
                            "INSERT INTO payments (dossier_id, kind, amount_cents, planned_on, paid_on, comment) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  bind_payment (stmt, payment);
  if (!ess_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (ess_store_get_db (self));
  display = payment_display (payment);
  if (!ess_store_add_history (self, dossier_id, "payment", "payment", NULL, display, payment->comment, error))
    return 0;

  return id;
}

gint64
ess_store_add_payment (EssStore          *self,
                       gint64             dossier_id,
                       const EssPayment  *payment,
                       GError           **error)
{
  gint64 id;

  g_return_val_if_fail (ESS_IS_STORE (self), 0);
  g_return_val_if_fail (payment != NULL, 0);

  if (!check_payment (payment, error) || !ess_store_begin (self, error))
    return 0;

  id = insert_payment (self, dossier_id, payment, error);

  if (!ess_store_end_write (self, id > 0, "dossiers", error))
    return 0;

  return id;
}

static gboolean
same_payment (const EssPayment *a,
              const EssPayment *b)
{
  return a->kind == b->kind && a->amount_cents == b->amount_cents &&
         g_strcmp0 (a->planned_on, b->planned_on) == 0 &&
         g_strcmp0 (a->paid_on, b->paid_on) == 0 &&
         g_strcmp0 (a->comment, b->comment ? b->comment : "") == 0;
}

static gboolean
write_payment (EssStore          *self,
               const EssPayment  *payment,
               gboolean          *changed,
               GError           **error)
{
  g_autoptr(EssPayment) old = NULL;
  g_autofree char *old_display = NULL;
  g_autofree char *new_display = NULL;
  gint64 dossier_id = 0;
  sqlite3_stmt *stmt;

  old = load_payment (self, payment->id, &dossier_id, error);
  if (old == NULL)
    return FALSE;

  if (same_payment (old, payment))
    {
      *changed = FALSE;
      return TRUE;
    }

  stmt = ess_store_prepare (self,
                            "UPDATE payments SET kind = ?2, amount_cents = ?3, planned_on = ?4, paid_on = ?5, "
                            "comment = ?6 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment->id);
  bind_payment (stmt, payment);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  old_display = payment_display (old);
  new_display = payment_display (payment);
  *changed = TRUE;

  return ess_store_add_history (self, dossier_id, "payment", "payment",
                                old_display, new_display, payment->comment, error);
}

gboolean
ess_store_update_payment (EssStore          *self,
                          const EssPayment  *payment,
                          GError           **error)
{
  gboolean changed = FALSE;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);

  if (!check_payment (payment, error) || !ess_store_begin (self, error))
    return FALSE;

  ok = write_payment (self, payment, &changed, error);
  if (ok && !changed)
    {
      ess_store_rollback (self);
      return TRUE;
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}

static gboolean
remove_payment (EssStore    *self,
                gint64       payment_id,
                GError     **error)
{
  g_autoptr(EssPayment) old = NULL;
  g_autofree char *display = NULL;
  gint64 dossier_id = 0;
  sqlite3_stmt *stmt;

  old = load_payment (self, payment_id, &dossier_id, error);
  if (old == NULL)
    return FALSE;

  stmt = ess_store_prepare (self, "DELETE FROM payments WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  display = payment_display (old);
  return ess_store_add_history (self, dossier_id, "payment", "payment", display, NULL, NULL, error);
}

gboolean
ess_store_delete_payment (EssStore    *self,
                          gint64       payment_id,
                          GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  ok = remove_payment (self, payment_id, error);

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* Scores. */

static int
criterion_index (const char *criterion_id)
{
  guint n_criteria = 0;
  const EssCriterion *criteria = ess_assessment_default_criteria (&n_criteria);

  for (guint i = 0; criterion_id != NULL && i < n_criteria; i++)
    if (g_str_equal (criteria[i].id, criterion_id))
      return (int) i;

  return -1;
}

gboolean
ess_store_get_scores (EssStore    *self,
                      gint64       dossier_id,
                      int         *scores,
                      char       **comments,
                      guint        n_criteria,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (scores != NULL || n_criteria == 0, FALSE);

  for (guint i = 0; i < n_criteria; i++)
    {
      scores[i] = -1;
      if (comments != NULL)
        comments[i] = NULL;
    }

  stmt = ess_store_prepare (self, "SELECT criterion_id, score, comment FROM scores WHERE dossier_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = criterion_index (ess_store_column_text (stmt, 0));

      /* A criterion no longer in the grid is kept in the file, not shown. */
      if (i < 0 || (guint) i >= n_criteria)
        continue;
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        scores[i] = sqlite3_column_int (stmt, 1);
      if (comments != NULL)
        comments[i] = g_strdup (ess_store_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (comments != NULL)
    for (guint i = 0; i < n_criteria; i++)
      if (comments[i] == NULL)
        comments[i] = g_strdup ("");

  if (rc != SQLITE_DONE)
    {
      if (comments != NULL)
        for (guint i = 0; i < n_criteria; i++)
          g_clear_pointer (&comments[i], g_free);
      ess_store_set_error (self, error, rc, _("reading the assessment"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_score (EssStore    *self,
             gint64       dossier_id,
             const char  *criterion_id,
             int          score,
             const char  *comment,
             gboolean    *changed,
             GError     **error)
{
  g_autofree char *old_display = NULL;
  g_autofree char *new_display = NULL;
  g_autofree char *old_comment = NULL;
  sqlite3_stmt *stmt;
  int old_score = -1;
  int rc;

  if (!ess_store_dossier_exists (self, dossier_id, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT score, comment FROM scores WHERE dossier_id = ?1 AND criterion_id = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  ess_store_bind_text (stmt, 2, criterion_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        old_score = sqlite3_column_int (stmt, 0);
      old_comment = g_strdup (ess_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the assessment"));
      return FALSE;
    }

  if (old_score == score && g_strcmp0 (old_comment ? old_comment : "", comment) == 0)
    {
      *changed = FALSE;
      return TRUE;
    }

  /* Neither score nor comment: no row, as for a criterion never scored. */
  if (score < 0 && comment[0] == '\0')
    {
      stmt = ess_store_prepare (self, "DELETE FROM scores WHERE dossier_id = ?1 AND criterion_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
    }
  else
    {
      stmt = ess_store_prepare (self,
                                "INSERT INTO scores (dossier_id, criterion_id, score, comment) "
                                "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (dossier_id, criterion_id) "
                                "DO UPDATE SET score = excluded.score, comment = excluded.comment",
                                error);
      if (stmt == NULL)
        return FALSE;
      if (score >= 0)
        sqlite3_bind_int (stmt, 3, score);
      ess_store_bind_text (stmt, 4, comment);
    }
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  ess_store_bind_text (stmt, 2, criterion_id);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  old_display = score_display (old_score);
  new_display = score_display (score);
  *changed = TRUE;

  return ess_store_add_history (self, dossier_id, "score", criterion_id,
                                old_display, new_display, comment, error);
}

gboolean
ess_store_set_score (EssStore    *self,
                     gint64       dossier_id,
                     const char  *criterion_id,
                     int          score,
                     const char  *comment,
                     GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (comment ? comment : ""));
  gboolean changed = FALSE;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (criterion_index (criterion_id) < 0)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("Unknown assessment criterion “%s”."), criterion_id ? criterion_id : "");
      return FALSE;
    }

  if (score < -1 || score > ESS_SCORE_MAX)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("A score goes from 0 to %d."), ESS_SCORE_MAX);
      return FALSE;
    }

  if (!ess_store_begin (self, error))
    return FALSE;

  ok = write_score (self, dossier_id, criterion_id, score, text, &changed, error);
  if (ok && !changed)
    {
      ess_store_rollback (self);
      return TRUE;
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}
