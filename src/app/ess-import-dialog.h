/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports an XML file: its problems, or a preview with a choice per known dossier and scenario, then a summary. */
#pragma once

#include <gtk/gtk.h>

#include "ess-exchange.h"

G_BEGIN_DECLS

#define ESS_TYPE_IMPORT_DIALOG (ess_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EssImportDialog, ess_import_dialog, ESS, IMPORT_DIALOG, GtkWindow)

typedef enum
{
  ESS_IMPORT_DIALOG_READING,   /* the file is being read and compared, in a worker thread */
  ESS_IMPORT_DIALOG_REFUSED,   /* the file's problems; nothing can be imported */
  ESS_IMPORT_DIALOG_PREVIEW,   /* what the import would do; Import writes it */
  ESS_IMPORT_DIALOG_DONE,      /* the summary of what was written */
} EssImportDialogState;

/* Reads @file (every check of the import) and compares it with the
 * database in a worker thread, on a reading connection of its own, then
 * shows the result; emits "ready" then (the state is no longer
 * READING). Emits "imported" once the dossiers are written. */
EssImportDialog      *ess_import_dialog_new        (GtkWindow        *parent,
                                                    EssStore         *store,
                                                    GFile            *file);
EssImportDialogState  ess_import_dialog_get_state  (EssImportDialog  *self);
/* The heading shown ("2 dossiers à importer", "Fichier refusé…"). */
const char           *ess_import_dialog_get_summary (EssImportDialog *self);
EssImportPreview     *ess_import_dialog_get_preview (EssImportDialog *self);
/* What to do with the known dossier at @index of the preview. */
void                  ess_import_dialog_set_action (EssImportDialog  *self,
                                                    guint             index,
                                                    EssImportAction   action);
/* What to do with the known, different scenario at @index of the
 * preview's scenarios: skip, update or import as a copy (RENAME). */
void                  ess_import_dialog_set_scenario_action (EssImportDialog *self,
                                                             guint            index,
                                                             EssImportAction  action);
/* The choice for every known dossier: sets each one's, and applies to
 * the dossiers past the first ones shown of a long file. */
void                  ess_import_dialog_set_action_for_all (EssImportDialog *self,
                                                            EssImportAction  action);
/* Writes the file as previewed, in one transaction. */
gboolean              ess_import_dialog_confirm    (EssImportDialog  *self);

G_END_DECLS
