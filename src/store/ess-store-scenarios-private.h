/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scenarios of an exchange file, written inside the import's transaction. */
#pragma once

#include "ess-store-exchange.h"
#include "ess-store-scenarios.h"

G_BEGIN_DECLS

/* Inside a transaction: writes @records (EssScenarioRecord) as
 * @actions[i] says (a new name is always created; a known one is
 * skipped, replaced, or created under the next free name “Name (2)”).
 * @carried maps each dossier reference of the file to the reference it
 * has in the database after the import (the same one when it was
 * skipped); a treatment names a dossier of the file through it, any
 * other reference must be in the database. A replaced scenario keeps the
 * database's treatments of the dossiers the file neither carries nor
 * names. @n_written counts the scenarios written. */
gboolean     ess_store_import_scenario_records (EssStore              *self,
                                                GPtrArray             *records,
                                                const EssImportAction *actions,
                                                GHashTable            *carried,
                                                const char            *source,
                                                guint                 *n_written,
                                                GError               **error);

G_END_DECLS
