/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Historique" tab of a dossier: who changed what and when, newest first. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-store.h"
#include "ess-store-dossiers.h"

G_BEGIN_DECLS

#define ESS_TYPE_HISTORY_PAGE (ess_history_page_get_type ())
G_DECLARE_FINAL_TYPE (EssHistoryPage, ess_history_page, ESS, HISTORY_PAGE, GtkWidget)

GtkWidget *ess_history_page_new          (EssStore         *store);
/* Shows the history of @dossier (NULL clears the page). */
void       ess_history_page_set_dossier  (EssHistoryPage   *self,
                                          const EssDossier *dossier);

/* What a row shows, as pure functions for the tests: the sentence of
 * @event ("Statut : En instruction → Refusé"), and "05/03/2024 14:32" in
 * local time from the store's UTC timestamp. */
char      *ess_history_page_describe_event (const EssHistoryEvent *event);
char      *ess_history_page_format_time    (const char            *at);

G_END_DECLS
