/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The indicators of a dossier: what the project expects and what it achieved. */
#pragma once

#include <gtk/gtk.h>

#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_INDICATORS_SECTION (ess_indicators_section_get_type ())
G_DECLARE_FINAL_TYPE (EssIndicatorsSection, ess_indicators_section, ESS, INDICATORS_SECTION, GtkWidget)

EssIndicatorsSection *ess_indicators_section_new         (EssStore             *store);
/* 0 clears the section; @editable is FALSE for a dossier in the trash. */
void                  ess_indicators_section_set_dossier (EssIndicatorsSection *self,
                                                          gint64                dossier_id,
                                                          gboolean              editable);

G_END_DECLS
