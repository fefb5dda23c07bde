/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Communes and territories of a dossier, for the editor. */
#pragma once

#include "ess-store.h"

G_BEGIN_DECLS

/* The names of the territories of the dossier's communes, in territory
 * order, joined by ", "; "" when it has no commune. */
char *ess_store_dossier_territories (EssStore  *self,
                                     gint64     dossier_id,
                                     GError   **error);

G_END_DECLS
