/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The findings of a dossier under its funding plan: a count, then a row per finding, each leading to its cause. */
#pragma once

#include <gtk/gtk.h>

#include "ess-finding.h"

G_BEGIN_DECLS

#define ESS_TYPE_FINDINGS_PANEL (ess_findings_panel_get_type ())
G_DECLARE_FINAL_TYPE (EssFindingsPanel, ess_findings_panel, ESS, FINDINGS_PANEL, GtkWidget)

EssFindingsPanel *ess_findings_panel_new          (void);
/* Shows @findings (EssFinding), in their order, and how many errors and
 * warnings they hold; the panel keeps no pointer to them. */
void              ess_findings_panel_set_findings (EssFindingsPanel *self,
                                                   GPtrArray        *findings);

/* The icon of a finding's severity, with its name as tooltip, coloured
 * for an error or a warning; for the findings shown as rows elsewhere. */
GtkWidget        *ess_findings_panel_new_icon     (EssSeverity       severity);

G_END_DECLS
