/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What printed documents read besides the dossiers: volet names and committee sessions. */
#pragma once

#include "ess-store.h"

G_BEGIN_DECLS

/* A committee session: the dossiers whose committee date is @date. */
typedef struct
{
  char   *date;       /* ISO "YYYY-MM-DD" */
  gint64  count;      /* live dossiers examined that day */
} EssCommitteeSession;

/* The volet names of every scheme: keys "APT/2", values "Transfert de
 * savoir-faire entre communes". */
GHashTable *ess_store_volet_names            (EssStore            *self,
                                              GError             **error);
/* The sessions, the latest first: the committee dates of live dossiers. */
GPtrArray  *ess_store_list_committee_sessions (EssStore           *self,
                                               GError            **error);
/* The ids of the live dossiers examined at the session of @date (ISO), by
 * reference; empty when there are none. */
GArray     *ess_store_committee_dossier_ids  (EssStore            *self,
                                              const char          *date,
                                              GError             **error);
void        ess_committee_session_free       (EssCommitteeSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssCommitteeSession, ess_committee_session_free)

G_END_DECLS
