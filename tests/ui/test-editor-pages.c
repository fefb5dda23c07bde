/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens the "Porteur", "Versements" and "Historique" tabs on the demo database and types in them. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-applicant-page.h"
#include "ess-history-page.h"
#include "ess-payments-page.h"
#include "ess-store-dossiers.h"
#include "ui-test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  EssStore  *store;
  GtkWidget *window;
} Fixture;

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 const char *text);

static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             const char  *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, text))
        return child;
      found = find_widget (child, match, text);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
label_is (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_starts_with (GtkWidget  *widget,
                   const char *text)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static gboolean
entry_with_placeholder (GtkWidget  *widget,
                        const char *text)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0;
}

static gboolean
button_labelled (GtkWidget  *widget,
                 const char *text)
{
  return GTK_IS_BUTTON (widget) && find_widget (widget, label_is, text) != NULL;
}

static gboolean
is_drop_down (GtkWidget  *widget,
              const char *text)
{
  return GTK_IS_DROP_DOWN (widget);
}

static gboolean
button_with_tooltip (GtkWidget  *widget,
                     const char *text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
has_css_class (GtkWidget  *widget,
               const char *name)
{
  return gtk_widget_has_css_class (widget, name);
}

/* Every entry that matches, in widget order. */
static void
collect (GtkWidget   *root,
         WidgetMatch  match,
         const char  *text,
         GPtrArray   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (match (child, text))
        g_ptr_array_add (out, child);
      collect (child, match, text, out);
    }
}

static GtkWidget *
nth_match (GtkWidget   *root,
           WidgetMatch  match,
           const char  *text,
           guint        n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, match, text, found);
  g_assert_cmpuint (found->len, >, n);
  return g_ptr_array_index (found, n);
}

/* Types @text in @entry and presses Enter. */
static void
type_in (GtkWidget  *entry,
         const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  ui_test_wait_frames (3);
}

static gint64
find_dossier (EssStore   *store,
              const char *reference)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GArray) ids = ess_store_query_dossier_ids (store, query, NULL);

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EssDossier) dossier = ess_store_load_dossier (store, g_array_index (ids, gint64, i), NULL);
      if (g_strcmp0 (dossier->reference, reference) == 0)
        return dossier->id;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "demo.db", NULL);
  fixture->store = ess_store_open (fixture->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  ess_store_set_author (fixture->store, "Camille Martin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  ui_test_wait_frames (2);
  ess_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
show_page (Fixture   *fixture,
           GtkWidget *page,
           int        width,
           int        height)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Instruction ESS");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_test_wait_frames (10);
}

static EssPayment *
only_payment (EssStore *store,
              gint64    dossier_id,
              guint     n,
              guint     index)
{
  g_autoptr(GPtrArray) payments = ess_store_list_payments (store, dossier_id, NULL);

  g_assert_nonnull (payments);
  g_assert_cmpuint (payments->len, ==, n);
  return g_ptr_array_steal_index (payments, index);
}

/* Versements. */

static void
test_payments_page (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = find_dossier (fixture->store, "APT-2013-002");
  g_autoptr(EssDossier) dossier = ess_store_load_dossier (fixture->store, id, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ess_payments_page_new (fixture->store);
  GtkWidget *add, *amount, *paid, *alert, *focus, *error_label;
  EssPayment *payment;

  g_assert_cmpint (dossier->granted_cents, ==, 1500000);
  show_page (fixture, page, 980, 560);
  ess_payments_page_set_dossier (ESS_PAYMENTS_PAGE (page), dossier);
  ui_test_wait_frames (5);

  g_assert_nonnull (find_widget (page, label_is, "Aucun versement prévu"));
  g_assert_nonnull (find_widget (page, label_is, "15\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac"));

  /* A new payment is an advance of nothing, and the amount is where one types next. */
  add = find_widget (page, button_labelled, "Ajouter un versement");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  ui_test_wait_frames (3);
  payment = only_payment (fixture->store, id, 1, 0);
  g_assert_cmpint (payment->kind, ==, ESS_PAYMENT_ADVANCE);
  g_assert_cmpint (payment->amount_cents, ==, 0);
  g_clear_pointer (&payment, ess_payment_free);

  amount = nth_match (page, has_css_class, "payment-amount", 0);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == amount || gtk_widget_is_ancestor (focus, amount));

  /* What the core refuses is marked, stays in the field and is not written. */
  type_in (amount, "abc");
  g_assert_true (gtk_widget_has_css_class (amount, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "abc");
  error_label = find_widget (page, label_starts_with, "\xc2\xab\xc2\xa0" "abc\xc2\xa0\xc2\xbb n\xe2\x80\x99" "est pas un montant");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_is_visible (error_label));
  payment = only_payment (fixture->store, id, 1, 0);
  g_assert_cmpint (payment->amount_cents, ==, 0);
  g_clear_pointer (&payment, ess_payment_free);

  /* More than the grant, planned: a warning. */
  type_in (amount, "16 000");
  g_assert_false (gtk_widget_has_css_class (amount, "error"));
  g_assert_false (gtk_widget_is_visible (error_label));
  payment = only_payment (fixture->store, id, 1, 0);
  g_assert_cmpint (payment->amount_cents, ==, 1600000);
  g_assert_null (payment->paid_on);
  g_clear_pointer (&payment, ess_payment_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "16\xe2\x80\xaf" "000,00");
  alert = find_widget (page, label_starts_with, "Les versements effectués et prévus (16\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac)");
  g_assert_nonnull (alert);
  g_assert_true (gtk_widget_is_visible (alert));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (alert)), ==,
                   "Les versements effectués et prévus (16\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac) "
                   "dépassent le montant accordé (15\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac) "
                   "de 1\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac.");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (alert), "warning"));

  /* Paid: an error, with both amounts and the excess. */
  paid = nth_match (page, entry_with_placeholder, "Non versé", 0);
  type_in (paid, "15/03/2014");
  payment = only_payment (fixture->store, id, 1, 0);
  g_assert_cmpstr (payment->paid_on, ==, "2014-03-15");
  g_clear_pointer (&payment, ess_payment_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (paid)), ==, "15/03/2014");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (alert)), ==,
                   "Les versements effectués (16\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac) "
                   "dépassent le montant accordé (15\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac) "
                   "de 1\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac.");
  g_assert_true (gtk_widget_is_visible (alert));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (alert), "error"));
  g_assert_nonnull (find_widget (page, label_is, "-1\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac"));

  /* A bad date is refused the same way. */
  type_in (paid, "31/02/2014");
  g_assert_true (gtk_widget_has_css_class (paid, "error"));
  payment = only_payment (fixture->store, id, 1, 0);
  g_assert_cmpstr (payment->paid_on, ==, "2014-03-15");
  g_clear_pointer (&payment, ess_payment_free);
  type_in (paid, "15/03/2014");
  g_assert_false (gtk_widget_has_css_class (paid, "error"));

  type_in (nth_match (page, entry_with_placeholder, "Commentaire", 0), "Avance à la signature de la convention");

  /* A second payment: the balance, planned. */
  g_signal_emit_by_name (add, "clicked");
  ui_test_wait_frames (3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (nth_match (page, is_drop_down, NULL, 1)), 2);
  type_in (nth_match (page, has_css_class, "payment-amount", 1), "2 000");
  type_in (nth_match (page, entry_with_placeholder, "jj/mm/aaaa", 1), "30/06/2014");
  type_in (nth_match (page, entry_with_placeholder, "Commentaire", 1), "Sur présentation du bilan");
  payment = only_payment (fixture->store, id, 2, 1);
  g_assert_cmpint (payment->kind, ==, ESS_PAYMENT_BALANCE);
  g_assert_cmpint (payment->amount_cents, ==, 200000);
  g_assert_cmpstr (payment->planned_on, ==, "2014-06-30");
  g_clear_pointer (&payment, ess_payment_free);

  gtk_widget_grab_focus (add);
  ui_test_wait_frames (5);
  ui_test_save_screenshot (fixture->window, "test-payments-page.png");

  /* A refused text survives a reload caused by another tab's write. */
  amount = nth_match (page, has_css_class, "payment-amount", 1);
  type_in (amount, "2 000,001");
  g_assert_true (gtk_widget_has_css_class (amount, "error"));
  gtk_widget_grab_focus (add);
  g_assert_true (ess_store_set_dossier_field (fixture->store, id, ESS_FIELD_GRANTED, "2000000", &error));
  g_assert_no_error (error);
  ui_test_wait_frames (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "2 000,001");
  g_assert_true (gtk_widget_has_css_class (amount, "error"));
  g_assert_false (gtk_widget_is_visible (alert));
}

static void
test_payments_page_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 id = find_dossier (fixture->store, "APT-2013-003");
  g_autoptr(EssDossier) dossier = ess_store_load_dossier (fixture->store, id, NULL);
  GtkWidget *page = ess_payments_page_new (fixture->store);
  GtkWidget *add;
  EssPayment *payment;

  show_page (fixture, page, 980, 400);
  ess_payments_page_set_dossier (ESS_PAYMENTS_PAGE (page), dossier);
  ui_test_wait_frames (3);

  add = find_widget (page, button_labelled, "Ajouter un versement");
  g_signal_emit_by_name (add, "clicked");
  ui_test_wait_frames (2);
  g_signal_emit_by_name (add, "clicked");
  ui_test_wait_frames (2);
  type_in (nth_match (page, has_css_class, "payment-amount", 0), "4 730");
  type_in (nth_match (page, has_css_class, "payment-amount", 1), "100");
  g_assert_nonnull (find_widget (page, label_is, "4\xe2\x80\xaf" "830,00\xc2\xa0\xe2\x82\xac"));

  g_signal_emit_by_name (nth_match (page, button_with_tooltip, "Supprimer ce versement", 1), "clicked");
  ui_test_wait_frames (3);
  payment = only_payment (fixture->store, id, 1, 0);
  g_assert_cmpint (payment->amount_cents, ==, 473000);
  g_clear_pointer (&payment, ess_payment_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_match (page, has_css_class, "payment-amount", 0))),
                   ==, "4\xe2\x80\xaf" "730,00");
  /* Planned and granted are equal: no alert. */
  g_assert_null (find_widget (page, label_starts_with, "Les versements"));

  g_signal_emit_by_name (nth_match (page, button_with_tooltip, "Supprimer ce versement", 0), "clicked");
  ui_test_wait_frames (3);
  {
    g_autoptr(GPtrArray) left = ess_store_list_payments (fixture->store, id, NULL);
    g_assert_cmpuint (left->len, ==, 0);
  }
  g_assert_true (gtk_widget_get_mapped (find_widget (page, label_is, "Aucun versement prévu")));
}

static EssPayment *
new_payment (gint64      amount_cents,
             const char *paid_on)
{
  EssPayment *payment = g_new0 (EssPayment, 1);

  payment->amount_cents = amount_cents;
  payment->paid_on = g_strdup (paid_on);
  return payment;
}

static void
test_payments_totals (void)
{
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_payment_free);
  EssPaymentsTotals totals;

  ess_payments_totals_compute (1500000, payments, &totals);
  g_assert_cmpint (totals.remaining_cents, ==, 1500000);
  g_assert_cmpint (totals.alert, ==, ESS_PAYMENTS_ALERT_NONE);

  /* Paid and planned within the grant. */
  g_ptr_array_add (payments, new_payment (500000, "2014-03-15"));
  g_ptr_array_add (payments, new_payment (1000000, NULL));
  ess_payments_totals_compute (1500000, payments, &totals);
  g_assert_cmpint (totals.paid_cents, ==, 500000);
  g_assert_cmpint (totals.planned_cents, ==, 1000000);
  g_assert_cmpint (totals.remaining_cents, ==, 1000000);
  g_assert_cmpint (totals.alert, ==, ESS_PAYMENTS_ALERT_NONE);

  /* One cent too many, planned. */
  g_ptr_array_add (payments, new_payment (1, NULL));
  ess_payments_totals_compute (1500000, payments, &totals);
  g_assert_cmpint (totals.alert, ==, ESS_PAYMENTS_ALERT_PLANNED_OVER);
  g_assert_cmpint (totals.excess_cents, ==, 1);

  /* Paid beyond the grant: the excess is what was paid over it. */
  g_ptr_array_add (payments, new_payment (1200000, "2014-06-30"));
  ess_payments_totals_compute (1500000, payments, &totals);
  g_assert_cmpint (totals.paid_cents, ==, 1700000);
  g_assert_cmpint (totals.remaining_cents, ==, -200000);
  g_assert_cmpint (totals.alert, ==, ESS_PAYMENTS_ALERT_PAID_OVER);
  g_assert_cmpint (totals.excess_cents, ==, 200000);

  /* Sums saturate instead of wrapping. */
  g_ptr_array_add (payments, new_payment (G_MAXINT64, "2015-01-01"));
  ess_payments_totals_compute (1500000, payments, &totals);
  g_assert_cmpint (totals.paid_cents, ==, G_MAXINT64);
  g_assert_cmpint (totals.alert, ==, ESS_PAYMENTS_ALERT_PAID_OVER);
}

/* Historique. */

static void
test_history_page (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = find_dossier (fixture->store, "APT-2013-002");
  g_autoptr(EssDossier) dossier = ess_store_load_dossier (fixture->store, id, NULL);
  g_autoptr(GPtrArray) before = ess_store_list_history (fixture->store, id, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ess_history_page_new (fixture->store);
  GtkWidget *reason;
  g_autofree char *decided = NULL;
  const char *reason_text = "Le porteur renonce : la commune reprend le projet en régie.";

  show_page (fixture, page, 760, 460);
  ess_history_page_set_dossier (ESS_HISTORY_PAGE (page), dossier);
  ui_test_wait_frames (3);
  g_assert_nonnull (before);
  if (before->len == 0)
    g_assert_true (gtk_widget_get_mapped (find_widget (page, label_is, "Aucun événement")));

  g_assert_true (ess_store_set_dossier_field (fixture->store, id, ESS_FIELD_TITLE,
                                              "Volet ESS du parcours solidaire de l'initiative", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (fixture->store, id, ESS_FIELD_DECIDED_ON, "2013-06-27", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_change_status (fixture->store, &id, 1, ESS_STATUS_WITHDRAWN, NULL, reason_text, &error));
  g_assert_no_error (error);
  ui_test_wait_frames (5);

  reason = find_widget (page, label_is, reason_text);
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_is_visible (reason));
  g_assert_nonnull (find_widget (page, label_is, "Statut\xc2\xa0: Accordé → Sans suite"));
  g_assert_nonnull (find_widget (page, label_starts_with, "Titre\xc2\xa0: \xc2\xab\xc2\xa0Mettre en place"));
  /* The field's label comes from the core, translated. */
  decided = g_strdup_printf ("%s\xc2\xa0: 29/03/2013 → 27/06/2013", _("Decision date"));
  g_assert_nonnull (find_widget (page, label_is, decided));
  g_assert_nonnull (find_widget (page, label_is, "Camille Martin"));
  g_assert_false (gtk_widget_get_mapped (find_widget (page, label_is, "Aucun événement")));

  ui_test_save_screenshot (fixture->window, "test-history-page.png");

  ess_history_page_set_dossier (ESS_HISTORY_PAGE (page), NULL);
  ui_test_wait_frames (2);
  g_assert_null (find_widget (page, label_is, reason_text));
}

static void
test_history_sentences (void)
{
  EssHistoryEvent status = { .action = (char *) "status", .field = (char *) "status",
                             .old_value = (char *) "in-review", .new_value = (char *) "refused" };
  EssHistoryEvent edited = { .action = (char *) "edited", .field = (char *) "title",
                             .old_value = (char *) "ancien", .new_value = (char *) "nouveau" };
  EssHistoryEvent money = { .action = (char *) "edited", .field = (char *) "granted",
                            .old_value = (char *) "15 000,00 €", .new_value = (char *) "" };
  EssHistoryEvent trashed = { .action = (char *) "deleted" };
  g_autofree char *status_text = ess_history_page_describe_event (&status);
  g_autofree char *edited_text = ess_history_page_describe_event (&edited);
  g_autofree char *money_text = ess_history_page_describe_event (&money);
  g_autofree char *trashed_text = ess_history_page_describe_event (&trashed);
  g_autofree char *when = ess_history_page_format_time ("2024-03-05T13:32:00Z");
  g_autofree char *money_expected = NULL;

  g_assert_cmpstr (status_text, ==, "Statut\xc2\xa0: En instruction → Refusé");
  g_assert_cmpstr (edited_text, ==, "Titre\xc2\xa0: \xc2\xab\xc2\xa0" "ancien\xc2\xa0\xc2\xbb → \xc2\xab\xc2\xa0nouveau\xc2\xa0\xc2\xbb");
  money_expected = g_strdup_printf ("%s\xc2\xa0: 15 000,00 € → (vide)", _("Granted amount"));
  g_assert_cmpstr (money_text, ==, money_expected);
  g_assert_cmpstr (trashed_text, ==, "Mis à la corbeille");
  /* TZ=UTC in the tests. */
  g_assert_cmpstr (when, ==, "05/03/2024 13:32");
}

/* Porteur. */

static void
test_applicant_page (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 id = find_dossier (fixture->store, "APT-2013-002");
  g_autoptr(EssDossier) dossier = ess_store_load_dossier (fixture->store, id, NULL);
  g_autoptr(EssApplicant) applicant = NULL;
  GtkWidget *page = ess_applicant_page_new (fixture->store);
  GtkWidget *siret, *email, *message;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;
  g_autoptr(GError) error = NULL;

  show_page (fixture, page, 980, 700);
  ess_applicant_page_set_dossier (ESS_APPLICANT_PAGE (page), dossier);
  ui_test_wait_frames (5);

  g_assert_cmpint (dossier->applicant_id, >, 0);
  g_assert_nonnull (find_widget (page, label_is, "APT-2013-002"));

  /* A SIRET that is not one is marked, explained, and not written. */
  siret = find_widget (page, entry_with_placeholder, "14 chiffres");
  g_assert_nonnull (siret);
  type_in (siret, "123");
  g_assert_true (gtk_widget_has_css_class (siret, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (siret)), ==, "123");
  message = find_widget (page, label_starts_with, "Le SIRET");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_is_visible (message));
  applicant = ess_store_load_applicant (fixture->store, dossier->applicant_id, NULL);
  g_assert_cmpstr (applicant->siret, ==, "21590299000013");   /* the demo's, kept */
  g_clear_pointer (&applicant, ess_applicant_free);

  /* A valid one, typed with spaces, is stored without them, with its SIREN. */
  type_in (siret, "200 093 201 00016");
  g_assert_false (gtk_widget_has_css_class (siret, "error"));
  g_assert_false (gtk_widget_is_visible (message));
  applicant = ess_store_load_applicant (fixture->store, dossier->applicant_id, NULL);
  g_assert_cmpstr (applicant->siret, ==, "20009320100016");
  g_assert_cmpstr (applicant->siren, ==, "200093201");
  g_clear_pointer (&applicant, ess_applicant_free);

  /* The optional fields may stay empty; what is typed is checked. */
  email = find_widget (page, entry_with_placeholder, "nom@exemple.fr");
  type_in (email, "ess@ville-hem");
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  type_in (email, "ess@ville-hem.fr");
  g_assert_false (gtk_widget_has_css_class (email, "error"));
  type_in (find_widget (page, entry_with_placeholder, "Rue, code postal et ville"), "Hôtel de ville, 59510 Hem");
  type_in (find_widget (page, entry_with_placeholder, "Prénom et nom"), "Service développement économique");
  type_in (find_widget (page, entry_with_placeholder, "03 20 00 00 00"), "03 20 66 58 00");
  applicant = ess_store_load_applicant (fixture->store, dossier->applicant_id, NULL);
  g_assert_cmpstr (applicant->contact_email, ==, "ess@ville-hem.fr");
  g_assert_cmpstr (applicant->contact_phone, ==, "03 20 66 58 00");
  g_clear_pointer (&applicant, ess_applicant_free);

  /* 15 000 € granted in 2013: nothing in the last 3 years, and the peak then. */
  g_assert_nonnull (find_widget (page, label_is,
                                 "0,00\xc2\xa0\xe2\x82\xac sur 3 ans, plafond 300\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac (0\xc2\xa0%)"));
  g_assert_nonnull (find_widget (page, label_starts_with,
                                 "Maximum\xc2\xa0: 15\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac sur 3 ans, plafond 200\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac (8\xc2\xa0%)"));

  gtk_widget_grab_focus (find_widget (page, button_labelled, "Nouveau porteur"));
  ui_test_wait_frames (5);
  ui_test_save_screenshot (fixture->window, "test-applicant-page.png");

  /* 350 000 € granted today: above the ceiling in force, shown as an error. */
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_true (ess_store_set_dossier_field (fixture->store, id, ESS_FIELD_DECIDED_ON, today, &error));
  g_assert_true (ess_store_set_dossier_field (fixture->store, id, ESS_FIELD_GRANTED, "35000000", &error));
  g_assert_no_error (error);
  ui_test_wait_frames (3);
  message = find_widget (page, label_is,
                         "350\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac sur 3 ans, plafond 300\xe2\x80\xaf"
                         "000,00\xc2\xa0\xe2\x82\xac (117\xc2\xa0%)");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_has_css_class (message, "error"));

  /* The ceilings are settings (Preferences): a higher one applies at once.
   * 350 000 / 500 000 = 70 %, under the 80 % warning. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_value (settings, "aid-ceilings",
                          g_variant_new_parsed ("[('general', '2007-01-01', int64 20000000, 3),"
                                                " ('general', '2024-01-01', 50000000, 3)]"));
    ui_test_wait_frames (2);
    message = find_widget (page, label_is,
                           "350\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac sur 3 ans, plafond 500\xe2\x80\xaf"
                           "000,00\xc2\xa0\xe2\x82\xac (70\xc2\xa0%)");
    g_assert_nonnull (message);
    g_assert_false (gtk_widget_has_css_class (message, "error"));
    g_settings_reset (settings, "aid-ceilings");
  }
}

static void
test_applicant_page_new (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id = find_dossier (fixture->store, "APT-2013-003");
  g_autoptr(EssDossier) dossier = ess_store_load_dossier (fixture->store, id, NULL);
  g_autoptr(EssDossier) after = NULL;
  g_autoptr(EssApplicant) applicant = NULL;
  GtkWidget *page = ess_applicant_page_new (fixture->store);
  GtkWidget *name, *focus;
  GtkDropDown *chooser;
  GListModel *names;
  gint64 before = dossier->applicant_id;
  guint original = GTK_INVALID_LIST_POSITION;

  show_page (fixture, page, 980, 700);
  ess_applicant_page_set_dossier (ESS_APPLICANT_PAGE (page), dossier);
  ui_test_wait_frames (3);

  g_signal_emit_by_name (find_widget (page, button_labelled, "Nouveau porteur"), "clicked");
  ui_test_wait_frames (3);
  after = ess_store_load_dossier (fixture->store, id, NULL);
  g_assert_cmpint (after->applicant_id, !=, before);
  applicant = ess_store_load_applicant (fixture->store, after->applicant_id, NULL);
  g_assert_cmpstr (applicant->name, ==, "Nouveau porteur");
  g_clear_pointer (&applicant, ess_applicant_free);

  /* The name is where one types next; it may not be emptied. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  name = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
  g_assert_nonnull (name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Nouveau porteur");
  type_in (name, "  ");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  type_in (name, "Cinéma l'Univers");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  applicant = ess_store_load_applicant (fixture->store, after->applicant_id, NULL);
  g_assert_cmpstr (applicant->name, ==, "Cinéma l'Univers");

  /* The chooser follows, and gives the dossier back to its applicant. */
  chooser = GTK_DROP_DOWN (nth_match (page, is_drop_down, NULL, 0));
  names = gtk_drop_down_get_model (chooser);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (chooser)), ==, "Cinéma l'Univers");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);
      if (g_strcmp0 (gtk_string_object_get_string (item), "Travail et Culture") == 0)
        original = i;
    }
  g_assert_cmpuint (original, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (chooser, original);
  ui_test_wait_frames (3);
  g_clear_pointer (&after, ess_dossier_free);
  after = ess_store_load_dossier (fixture->store, id, NULL);
  g_assert_cmpint (after->applicant_id, ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Travail et Culture");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/ui/payments-page", Fixture, NULL, fixture_set_up, test_payments_page, fixture_tear_down);
  g_test_add_func ("/ui/payments-page/totals", test_payments_totals);
  g_test_add ("/ui/payments-page/delete", Fixture, NULL, fixture_set_up, test_payments_page_delete, fixture_tear_down);
  g_test_add ("/ui/history-page", Fixture, NULL, fixture_set_up, test_history_page, fixture_tear_down);
  g_test_add_func ("/ui/history-page/sentences", test_history_sentences);
  g_test_add ("/ui/applicant-page", Fixture, NULL, fixture_set_up, test_applicant_page, fixture_tear_down);
  g_test_add ("/ui/applicant-page/new", Fixture, NULL, fixture_set_up, test_applicant_page_new, fixture_tear_down);

  return g_test_run ();
}
