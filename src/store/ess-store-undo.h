/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Putting back what the last batch change did, with a trace in the history. */
#pragma once

#include "ess-dossier-status.h"
#include "ess-store.h"

G_BEGIN_DECLS

/* Gives each dossier of @ids its status in @statuses again, whatever the
 * transition table says (it undoes a change the user just made), in one
 * transaction with a history event each. */
gboolean ess_store_revert_statuses (EssStore         *self,
                                    const gint64     *ids,
                                    const EssStatus  *statuses,
                                    guint             n_ids,
                                    GError          **error);

G_END_DECLS
