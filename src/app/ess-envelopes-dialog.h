/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Enveloppes" window: each scheme's yearly envelope against what is proposed, granted and paid. */
#pragma once

#include <gtk/gtk.h>

#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_ENVELOPES_DIALOG (ess_envelopes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EssEnvelopesDialog, ess_envelopes_dialog, ESS, ENVELOPES_DIALOG, GtkWindow)

EssEnvelopesDialog *ess_envelopes_dialog_new       (GtkWindow          *parent,
                                                    EssStore           *store);
/* The text cell of the envelope of @scheme and @year, NULL when not shown. */
GtkWidget          *ess_envelopes_dialog_get_entry (EssEnvelopesDialog *self,
                                                    const char         *scheme,
                                                    int                 year);
/* A computed cell of that row: "proposed", "granted", "paid", "remaining", "consumption". */
GtkWidget          *ess_envelopes_dialog_get_label (EssEnvelopesDialog *self,
                                                    const char         *scheme,
                                                    int                 year,
                                                    const char         *what);

G_END_DECLS
