/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Erasing the personal data of an applicant's contacts at their request. */
#pragma once

#include "ess-store.h"

G_BEGIN_DECLS

/* Empties the name, role, e-mail and phone of every contact of
 * @applicant_id, in one transaction whose history event
 * ("contact-erased", no dossier) says when and by whom, never what.
 * The freed bytes are overwritten (secure_delete) and the WAL is
 * checkpointed, so the data leaves the database file at once. Backups
 * made before keep it until the rotation removes them (5 weeks at
 * most). Returns the number of contacts erased (0 when there was
 * nothing to erase), -1 and @error when the applicant does not exist or
 * the write fails. */
gint64 ess_store_erase_contacts (EssStore  *self,
                                 gint64     applicant_id,
                                 GError   **error);

G_END_DECLS
