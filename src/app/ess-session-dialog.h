/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chooses the committee session whose pack is exported. */
#pragma once

#include <gtk/gtk.h>

#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_SESSION_DIALOG (ess_session_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EssSessionDialog, ess_session_dialog, ESS, SESSION_DIALOG, GtkWindow)

/* NULL and @error when the sessions cannot be read. The dialog emits
 * "chosen" with the session's ISO date, then closes. */
EssSessionDialog *ess_session_dialog_new          (GtkWindow         *parent,
                                                   EssStore          *store,
                                                   GError           **error);
guint             ess_session_dialog_get_n_sessions (EssSessionDialog *self);
/* Selects the session of @position and acts as the Export button. */
void              ess_session_dialog_choose        (EssSessionDialog  *self,
                                                    guint              position);

G_END_DECLS
