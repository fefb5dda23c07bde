/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GListModel of dossier summaries over a store query, rows fetched on demand. */
#pragma once

#include <gio/gio.h>

#include "ess-dossier-query.h"
#include "ess-dossier-summary.h"
#include "ess-store.h"
#include "ess-store-dossiers.h"

G_BEGIN_DECLS

#define ESS_TYPE_DOSSIER_LIST (ess_dossier_list_get_type ())
G_DECLARE_FINAL_TYPE (EssDossierList, ess_dossier_list, ESS, DOSSIER_LIST, GObject)

EssDossierList *ess_dossier_list_new       (EssStore        *store);
gboolean        ess_dossier_list_reload    (EssDossierList  *self,
                                            GError         **error);
EssStore       *ess_dossier_list_get_store (EssDossierList  *self);

/* The list shows the dossiers of @query (copied), and reloads. */
void                   ess_dossier_list_set_query  (EssDossierList        *self,
                                                    const EssDossierQuery *query);
const EssDossierQuery *ess_dossier_list_get_query  (EssDossierList        *self);
/* Count and sums of the dossiers listed, as of the last reload; FALSE
 * when that reload failed. */
gboolean               ess_dossier_list_get_totals (EssDossierList        *self,
                                                    EssDossierTotals      *totals);
/* The position of dossier @id, or G_MAXUINT when it is not listed. */
guint                  ess_dossier_list_find       (EssDossierList        *self,
                                                    gint64                 id);
/* How many rows are read and kept since the last reload: the rows a view
 * showed, not the whole list (tests and benchmarks check it). */
guint                  ess_dossier_list_get_n_read (EssDossierList        *self);

G_END_DECLS
