/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Instruction" tab: status and its moves, assessment grid, opinion and notes. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_REVIEW_PAGE (ess_review_page_get_type ())
G_DECLARE_FINAL_TYPE (EssReviewPage, ess_review_page, ESS, REVIEW_PAGE, GtkWidget)

EssReviewPage *ess_review_page_new          (EssStore         *store);
void           ess_review_page_set_dossier  (EssReviewPage    *self,
                                             const EssDossier *dossier);
/* Opens the status dialog for a move of the shown dossier to @to. */
GtkWindow     *ess_review_page_change_status (EssReviewPage   *self,
                                              EssStatus        to);

G_END_DECLS
