/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier list with its search, filters, saved views, sort and footer sums. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier-query.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_DOSSIER_BROWSER (ess_dossier_browser_get_type ())
G_DECLARE_FINAL_TYPE (EssDossierBrowser, ess_dossier_browser, ESS, DOSSIER_BROWSER, GtkWidget)

EssDossierBrowser     *ess_dossier_browser_new              (EssStore              *store);
gint64                 ess_dossier_browser_get_selected_id  (EssDossierBrowser     *self);
/* Ids of every selected dossier, in list order. */
GArray                *ess_dossier_browser_get_selected_ids (EssDossierBrowser     *self);
void                   ess_dossier_browser_select_id        (EssDossierBrowser     *self,
                                                             gint64                 id);
const EssDossierQuery *ess_dossier_browser_get_query        (EssDossierBrowser     *self);
void                   ess_dossier_browser_set_query        (EssDossierBrowser     *self,
                                                             const EssDossierQuery *query);
void                   ess_dossier_browser_set_trash        (EssDossierBrowser     *self,
                                                             gboolean               trash);
gboolean               ess_dossier_browser_get_trash        (EssDossierBrowser     *self);
void                   ess_dossier_browser_focus_search     (EssDossierBrowser     *self);
void                   ess_dossier_browser_focus_list       (EssDossierBrowser     *self);
GListModel            *ess_dossier_browser_get_model        (EssDossierBrowser     *self);

G_END_DECLS
