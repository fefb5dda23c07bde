/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing and PDF export from the window: fiches, committee packs of the selection or of a session. */
#pragma once

#include <gtk/gtk.h>

#include "ess-report.h"
#include "ess-window.h"

G_BEGIN_DECLS

typedef enum
{
  ESS_PRINT_FICHES,        /* the fiche of each selected dossier */
  ESS_PRINT_PACK,          /* a committee pack of the selected dossiers */
} EssPrintKind;

/* Installs win.print (Ctrl+P), win.print-preview, win.print-pack, win.export-fiches,
 * win.export-pack and win.export-session. */
void       ess_window_print_class_init      (GtkWidgetClass  *widget_class);
/* Enables the actions for @n_selected dossiers (none in the trash). */
void       ess_window_print_update_actions  (EssWindow       *self,
                                             guint            n_selected,
                                             gboolean         trash);

/* The report of @kind for the selected dossiers; NULL and @error when
 * nothing is selected or the store cannot be read. */
EssReport *ess_window_print_build           (EssWindow       *self,
                                             EssPrintKind     kind,
                                             gboolean         private_notes,
                                             GError         **error);
/* What the export dialog does with the file chosen: the report of @kind
 * for the selection, or the pack of @session (an ISO date) when not NULL,
 * written as PDF to @path. */
gboolean   ess_window_print_export          (EssWindow       *self,
                                             EssPrintKind     kind,
                                             const char      *session,
                                             gboolean         private_notes,
                                             const char      *path,
                                             GError         **error);
/* The print operation of @report: A4, unit points, the report's margins,
 * one draw-page per page. */
GtkPrintOperation *ess_print_operation_new  (EssReport       *report);

G_END_DECLS
