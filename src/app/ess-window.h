/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: the dossier list of the open database. */
#pragma once

#include <gtk/gtk.h>

#include "ess-application.h"
#include "ess-dossier-browser.h"
#include "ess-dossier-editor.h"
#include "ess-import-dialog.h"
#include "ess-scenario-view.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_WINDOW (ess_window_get_type ())
G_DECLARE_FINAL_TYPE (EssWindow, ess_window, ESS, WINDOW, GtkApplicationWindow)

EssWindow  *ess_window_new            (EssApplication *application,
                                       EssStore       *store);
GListModel        *ess_window_get_dossiers   (EssWindow      *self);
EssDossierBrowser *ess_window_get_browser    (EssWindow      *self);
EssStore          *ess_window_get_store      (EssWindow      *self);
EssDossierEditor  *ess_window_get_editor     (EssWindow      *self);
/* "dossiers", "dashboard" or "scenarios". */
void               ess_window_show_view      (EssWindow      *self,
                                              const char     *name);
/* The dashboard, made when it is first shown; NULL before. */
GtkWidget         *ess_window_get_dashboard  (EssWindow      *self);
/* Reads @file and presents the import dialog (its problems, or the
 * preview); what the file chooser and a drop on the window do. */
EssImportDialog   *ess_window_import_file    (EssWindow      *self,
                                              GFile          *file);
/* The granted subsidies of the list's year (all years when it has none)
 * as SCDL open data; FALSE and @error (listing the broken rules) when a
 * row breaks a rule of the format: nothing is written then. */
gboolean           ess_window_export_scdl_to_file (EssWindow  *self,
                                                   GFile      *file,
                                                   GError    **error);
/* The scenarios view, made when it is first shown ("scenarios"); NULL before. */
EssScenarioView   *ess_window_get_scenario_view (EssWindow    *self);

G_END_DECLS
