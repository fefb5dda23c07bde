/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GListModel of dossier summaries over a store query, rows fetched on demand. */
#pragma once

#include <gio/gio.h>

#include "ess-dossier-summary.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_DOSSIER_LIST (ess_dossier_list_get_type ())
G_DECLARE_FINAL_TYPE (EssDossierList, ess_dossier_list, ESS, DOSSIER_LIST, GObject)

EssDossierList *ess_dossier_list_new       (EssStore        *store);
gboolean        ess_dossier_list_reload    (EssDossierList  *self,
                                            GError         **error);
EssStore       *ess_dossier_list_get_store (EssDossierList  *self);

G_END_DECLS
