/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Versements" tab of a dossier: its payments, their totals against the grant. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_PAYMENTS_PAGE (ess_payments_page_get_type ())
G_DECLARE_FINAL_TYPE (EssPaymentsPage, ess_payments_page, ESS, PAYMENTS_PAGE, GtkWidget)

typedef enum
{
  ESS_PAYMENTS_ALERT_NONE,
  ESS_PAYMENTS_ALERT_PLANNED_OVER,  /* paid and planned together exceed the grant */
  ESS_PAYMENTS_ALERT_PAID_OVER,     /* what was paid exceeds the grant */
} EssPaymentsAlert;

/* What the totals of the page show, from the grant and the payments. */
typedef struct
{
  gint64            granted_cents;
  gint64            paid_cents;       /* payments with a date paid */
  gint64            planned_cents;    /* payments without one yet */
  gint64            remaining_cents;  /* granted - paid; negative when overpaid */
  gint64            excess_cents;     /* above the grant, for the alert */
  EssPaymentsAlert  alert;
} EssPaymentsTotals;

GtkWidget *ess_payments_page_new          (EssStore          *store);
/* Shows the payments of @dossier (NULL clears the page). */
void       ess_payments_page_set_dossier  (EssPaymentsPage   *self,
                                           const EssDossier  *dossier);
/* @payments: a GPtrArray of EssPayment. Sums saturate rather than overflow. */
void       ess_payments_totals_compute    (gint64             granted_cents,
                                           GPtrArray         *payments,
                                           EssPaymentsTotals *totals);

G_END_DECLS
