/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chooses a backup of the database and restores it, after a confirmation. */
#pragma once

#include <gtk/gtk.h>

#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_RESTORE_DIALOG (ess_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EssRestoreDialog, ess_restore_dialog, ESS, RESTORE_DIALOG, GtkWindow)

/* Lists the backups of @store's file, newest first. Restoring emits
 * "restored" with the path of the backup of the replaced data, then
 * closes the dialog. */
EssRestoreDialog *ess_restore_dialog_new              (GtkWindow        *parent,
                                                       EssStore         *store);
guint             ess_restore_dialog_get_n_backups    (EssRestoreDialog *self);
void              ess_restore_dialog_select           (EssRestoreDialog *self,
                                                       guint             index);
/* Asks for confirmation, as the Restore button does; the question is
 * returned so that tests can answer it. */
GtkWidget        *ess_restore_dialog_ask              (EssRestoreDialog *self);
/* Restores the selected backup without asking. */
gboolean          ess_restore_dialog_restore_selected (EssRestoreDialog *self,
                                                       GError          **error);

/* Writes a backup now and tells the user where, or why it failed. */
void              ess_backup_now                      (GtkWindow        *parent,
                                                       EssStore         *store);

G_END_DECLS
