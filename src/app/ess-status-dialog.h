/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asks the date and the comment (a reason where one is required) of a status change. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier-status.h"
#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_STATUS_DIALOG (ess_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EssStatusDialog, ess_status_dialog, ESS, STATUS_DIALOG, GtkWindow)

/* @ids, @references and @statuses describe the dossiers to change, in the
 * same order; the dialog writes the change when confirmed and emits
 * "changed". */
EssStatusDialog *ess_status_dialog_new         (GtkWindow          *parent,
                                                EssStore           *store,
                                                const gint64       *ids,
                                                const char * const *references,
                                                const EssStatus    *statuses,
                                                guint               n_dossiers,
                                                EssStatus           to);
void             ess_status_dialog_set_comment (EssStatusDialog    *self,
                                                const char         *comment);
void             ess_status_dialog_confirm     (EssStatusDialog    *self);
gboolean         ess_status_dialog_can_confirm (EssStatusDialog    *self);

G_END_DECLS
