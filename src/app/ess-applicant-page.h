/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Porteur" tab of a dossier: who applies, their details, and the public aid they received. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_APPLICANT_PAGE (ess_applicant_page_get_type ())
G_DECLARE_FINAL_TYPE (EssApplicantPage, ess_applicant_page, ESS, APPLICANT_PAGE, GtkWidget)

GtkWidget *ess_applicant_page_new          (EssStore         *store);
/* Shows the applicant of @dossier (NULL clears the page). */
void       ess_applicant_page_set_dossier  (EssApplicantPage *self,
                                            const EssDossier *dossier);

G_END_DECLS
