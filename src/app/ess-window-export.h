/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting dossiers to an XML file from the window: in a worker thread, with its progress, cancellable. */
#pragma once

#include <gtk/gtk.h>

#include "ess-window.h"

G_BEGIN_DECLS

/* Installs win.export (for a partner) and win.export-full (the archive). */
void           ess_window_export_class_init (GtkWidgetClass       *widget_class);

/* The filter of the file choosers for dossier files. */
GtkFileFilter *ess_xml_file_filter          (void);

/* Writes the selected dossiers, or those of the list when none is
 * selected, to @file in a worker thread, on a reading connection of its
 * own, so that the window stays alive; @full: the archive with the
 * review. The file is replaced only once the export is whole. */
void           ess_window_export_async      (EssWindow            *self,
                                             GFile                *file,
                                             gboolean              full,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* How many dossiers were written; -1 and @error on failure
 * (G_IO_ERROR_CANCELLED when cancelled). */
int            ess_window_export_finish     (EssWindow            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* What the export menu items do with the file chosen: the export, its
 * progress in a dialog with a Cancel button when it takes more than a
 * moment, then a dialog saying how many dossiers went to the file, or
 * why none did. */
void           ess_window_export_with_progress (EssWindow         *self,
                                                GFile             *file,
                                                gboolean           full);
/* The dossiers written so far by the export under way, and how many it
 * writes in all (0 when none is under way). */
guint          ess_window_export_get_progress (EssWindow          *self,
                                               guint              *total);

G_END_DECLS
