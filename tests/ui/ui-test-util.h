/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the UI tests share: letting the main loop run, finding widgets,
 * saving screenshots, setting up translations. */
#pragma once

#include <gtk/gtk.h>

#include "ess-import-dialog.h"

G_BEGIN_DECLS

/* Binds the translations (ESS_LOCALEDIR) and initialises GTK for tests. */
void        ui_test_init            (int         *argc,
                                     char      ***argv);
/* Runs the main loop for @n short frames. */
void        ui_test_wait_frames     (guint        n);
/* The first descendant of @root of @type (and, for a label, with @text). */
GtkWidget  *ui_test_find_widget     (GtkWidget   *root,
                                     GType        type,
                                     const char  *text);
/* The first label under @root whose text contains @part. */
GtkWidget  *ui_test_find_label_containing (GtkWidget  *root,
                                           const char *part);
/* The import dialog reads its file in a worker thread: waits until it
 * shows what it read, and returns it. */
EssImportDialog *ui_test_wait_read  (EssImportDialog *dialog);
/* Renders @widget into a PNG in the build directory. */
void        ui_test_save_screenshot (GtkWidget   *widget,
                                     const char  *name);

G_END_DECLS
