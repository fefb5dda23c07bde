/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The facts of the portfolio dashboard, read from the database. */
#pragma once

#include "ess-dashboard.h"
#include "ess-store.h"

G_BEGIN_DECLS

/* The dashboard of the dossiers (not in the trash) of the years
 * @first_year..@last_year in the schemes @schemes (NULL or empty: every
 * scheme), with the envelopes of those schemes; "paid" counts the payments
 * that have a payment date. @today: ISO date the ages are counted to. */
EssDashboard *ess_store_dashboard        (EssStore           *self,
                                          int                 first_year,
                                          int                 last_year,
                                          const char * const *schemes,
                                          const char         *today,
                                          GError            **error);

/* The first and last years that have dossiers or envelopes; FALSE with
 * no error when the database has neither. */
gboolean      ess_store_dashboard_years  (EssStore           *self,
                                          int                *first_year,
                                          int                *last_year,
                                          GError            **error);

G_END_DECLS
