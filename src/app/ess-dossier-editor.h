/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editor beside the list: every field of one dossier, in tabs. */
#pragma once

#include <gtk/gtk.h>

#include "ess-budget-page.h"
#include "ess-dossier.h"
#include "ess-funding-page.h"
#include "ess-review-page.h"
#include "ess-store.h"

G_BEGIN_DECLS

typedef enum
{
  ESS_EDITOR_PAGE_DOSSIER,
  ESS_EDITOR_PAGE_APPLICANT,
  ESS_EDITOR_PAGE_COMMUNES,
  ESS_EDITOR_PAGE_FUNDING,
  ESS_EDITOR_PAGE_BUDGET,
  ESS_EDITOR_PAGE_REVIEW,
  ESS_EDITOR_PAGE_PAYMENTS,
  ESS_EDITOR_PAGE_HISTORY,
} EssEditorPage;

#define ESS_TYPE_DOSSIER_EDITOR (ess_dossier_editor_get_type ())
G_DECLARE_FINAL_TYPE (EssDossierEditor, ess_dossier_editor, ESS, DOSSIER_EDITOR, GtkWidget)

EssDossierEditor *ess_dossier_editor_new              (EssStore         *store);
gint64            ess_dossier_editor_get_dossier_id   (EssDossierEditor *self);
void              ess_dossier_editor_set_dossier_id   (EssDossierEditor *self,
                                                       gint64            id);
const EssDossier *ess_dossier_editor_get_dossier      (EssDossierEditor *self);
void              ess_dossier_editor_edit_reference   (EssDossierEditor *self);
void              ess_dossier_editor_show_page        (EssDossierEditor *self,
                                                       EssEditorPage     page);
GtkWidget        *ess_dossier_editor_get_field_widget (EssDossierEditor *self,
                                                       EssDossierField   field);
EssReviewPage    *ess_dossier_editor_get_review_page  (EssDossierEditor *self);
EssFundingPage   *ess_dossier_editor_get_funding_page (EssDossierEditor *self);
EssBudgetPage    *ess_dossier_editor_get_budget_page  (EssDossierEditor *self);

G_END_DECLS
