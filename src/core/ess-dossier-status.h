/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The statuses of a dossier, from submission to closing, and the moves allowed between them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The order is the life of a dossier; the values are not stored (see ess_status_to_id()). */
typedef enum
{
  ESS_STATUS_SUBMITTED,         /* déposé */
  ESS_STATUS_INCOMPLETE,        /* incomplet */
  ESS_STATUS_ADMISSIBLE,        /* recevable */
  ESS_STATUS_IN_REVIEW,         /* en instruction */
  ESS_STATUS_OPINION_GIVEN,     /* avis rendu */
  ESS_STATUS_GRANTED,           /* accordé */
  ESS_STATUS_REFUSED,           /* refusé */
  ESS_STATUS_POSTPONED,         /* ajourné */
  ESS_STATUS_WITHDRAWN,         /* sans suite */
  ESS_STATUS_AGREEMENT_SIGNED,  /* conventionné */
  ESS_STATUS_CLOSED,            /* soldé */
  ESS_N_STATUSES
} EssStatus;

/* The stable ASCII id stored in the database and in exchange files, such as "in-review". */
const char *ess_status_to_id             (EssStatus    status);
gboolean    ess_status_from_id           (const char  *id,
                                          EssStatus   *out);
/* The translated name shown to the user. */
const char *ess_status_label             (EssStatus    status);

gboolean    ess_status_can_transition    (EssStatus    from,
                                          EssStatus    to);
/* Fills @out with up to @n_out statuses reachable from @from, in enum order,
 * and returns how many there are in all (which may be more than @n_out). */
guint       ess_status_next              (EssStatus    from,
                                          EssStatus   *out,
                                          guint        n_out);
/* Moving to @to needs a written reason (refused, postponed, withdrawn). */
gboolean    ess_status_requires_reason   (EssStatus    to);
/* An allowed move that undoes a decision: back to instruction, or granted to refused. */
gboolean    ess_status_is_reopening      (EssStatus    from,
                                          EssStatus    to);
/* A decision has ended the instruction: granted, refused, withdrawn,
 * agreement signed or closed. */
gboolean    ess_status_is_decided        (EssStatus    status);
/* Still to be worked on: every status but refused, withdrawn and closed. */
gboolean    ess_status_is_open           (EssStatus    status);

G_END_DECLS
