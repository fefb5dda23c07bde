/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status machine of a dossier: one transition table that every question about statuses reads. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier-status.h"

typedef struct
{
  const char *id;
  const char *label;  /* in the "dossier status" context: "Closed" is not a window's */
} StatusInfo;

static const StatusInfo statuses[ESS_N_STATUSES] = {
  [ESS_STATUS_SUBMITTED]        = { "submitted",        NC_("dossier status", "Submitted") },
  [ESS_STATUS_INCOMPLETE]       = { "incomplete",       NC_("dossier status", "Incomplete") },
  [ESS_STATUS_ADMISSIBLE]       = { "admissible",       NC_("dossier status", "Admissible") },
  [ESS_STATUS_IN_REVIEW]        = { "in-review",        NC_("dossier status", "In review") },
  [ESS_STATUS_OPINION_GIVEN]    = { "opinion-given",    NC_("dossier status", "Opinion given") },
  [ESS_STATUS_GRANTED]          = { "granted",          NC_("dossier status", "Granted") },
  [ESS_STATUS_REFUSED]          = { "refused",          NC_("dossier status", "Refused") },
  [ESS_STATUS_POSTPONED]        = { "postponed",        NC_("dossier status", "Postponed") },
  [ESS_STATUS_WITHDRAWN]        = { "withdrawn",        NC_("dossier status", "Withdrawn") },
  [ESS_STATUS_AGREEMENT_SIGNED] = { "agreement-signed", NC_("dossier status", "Agreement signed") },
  [ESS_STATUS_CLOSED]           = { "closed",           NC_("dossier status", "Closed") },
};

/* transitions[from][to]: the moves an instructor may make.
 *
 *   submitted        -> incomplete, admissible, withdrawn
 *   incomplete       -> admissible (the missing pieces came), withdrawn
 *   admissible       -> in-review, withdrawn
 *   in-review        -> incomplete (a piece turns out missing), opinion-given, withdrawn
 *   opinion-given    -> in-review (the committee asks for more), granted, refused, postponed
 *   postponed        -> in-review (presented again), withdrawn
 *   granted          -> in-review (reopening), refused (the decision is reversed),
 *                       withdrawn, agreement-signed
 *   refused          -> in-review (reopening, e.g. after an appeal)
 *   withdrawn        -> in-review (reopening)
 *   agreement-signed -> withdrawn (the agreement is cancelled), closed
 *   closed           -> nothing: the balance is paid
 *
 * Staying in the same status is not a transition.
 */
static const gboolean transitions[ESS_N_STATUSES][ESS_N_STATUSES] = {
  [ESS_STATUS_SUBMITTED] = {
    [ESS_STATUS_INCOMPLETE] = TRUE,
    [ESS_STATUS_ADMISSIBLE] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
  },
  [ESS_STATUS_INCOMPLETE] = {
    [ESS_STATUS_ADMISSIBLE] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
  },
  [ESS_STATUS_ADMISSIBLE] = {
    [ESS_STATUS_IN_REVIEW] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
  },
  [ESS_STATUS_IN_REVIEW] = {
    [ESS_STATUS_INCOMPLETE] = TRUE,
    [ESS_STATUS_OPINION_GIVEN] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
  },
  [ESS_STATUS_OPINION_GIVEN] = {
    [ESS_STATUS_IN_REVIEW] = TRUE,
    [ESS_STATUS_GRANTED] = TRUE,
    [ESS_STATUS_REFUSED] = TRUE,
    [ESS_STATUS_POSTPONED] = TRUE,
  },
  [ESS_STATUS_GRANTED] = {
    [ESS_STATUS_IN_REVIEW] = TRUE,
    [ESS_STATUS_REFUSED] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
    [ESS_STATUS_AGREEMENT_SIGNED] = TRUE,
  },
  [ESS_STATUS_REFUSED] = {
    [ESS_STATUS_IN_REVIEW] = TRUE,
  },
  [ESS_STATUS_POSTPONED] = {
    [ESS_STATUS_IN_REVIEW] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
  },
  [ESS_STATUS_WITHDRAWN] = {
    [ESS_STATUS_IN_REVIEW] = TRUE,
  },
  [ESS_STATUS_AGREEMENT_SIGNED] = {
    [ESS_STATUS_WITHDRAWN] = TRUE,
    [ESS_STATUS_CLOSED] = TRUE,
  },
  [ESS_STATUS_CLOSED] = { FALSE },
};

static gboolean
is_valid (EssStatus status)
{
  return (guint) status < ESS_N_STATUSES;
}

const char *
ess_status_to_id (EssStatus status)
{
  g_return_val_if_fail (is_valid (status), NULL);

  return statuses[status].id;
}

gboolean
ess_status_from_id (const char *id,
                    EssStatus  *out)
{
  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < ESS_N_STATUSES; i++)
    {
      if (strcmp (statuses[i].id, id) == 0)
        {
          if (out != NULL)
            *out = (EssStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
ess_status_label (EssStatus status)
{
  g_return_val_if_fail (is_valid (status), NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "dossier status", statuses[status].label);
}

gboolean
ess_status_can_transition (EssStatus from,
                           EssStatus to)
{
  if (!is_valid (from) || !is_valid (to))
    return FALSE;

  return transitions[from][to];
}

guint
ess_status_next (EssStatus  from,
                 EssStatus *out,
                 guint      n_out)
{
  guint n = 0;

  g_return_val_if_fail (out != NULL || n_out == 0, 0);

  for (guint to = 0; to < ESS_N_STATUSES; to++)
    {
      if (!ess_status_can_transition (from, (EssStatus) to))
        continue;
      if (n < n_out)
        out[n] = (EssStatus) to;
      n++;
    }

  return n;
}

gboolean
ess_status_requires_reason (EssStatus to)
{
  return to == ESS_STATUS_REFUSED ||
         to == ESS_STATUS_POSTPONED ||
         to == ESS_STATUS_WITHDRAWN;
}

gboolean
ess_status_is_decided (EssStatus status)
{
  switch (status)
    {
    case ESS_STATUS_GRANTED:
    case ESS_STATUS_REFUSED:
    case ESS_STATUS_WITHDRAWN:
    case ESS_STATUS_AGREEMENT_SIGNED:
    case ESS_STATUS_CLOSED:
      return TRUE;

    case ESS_STATUS_SUBMITTED:
    case ESS_STATUS_INCOMPLETE:
    case ESS_STATUS_ADMISSIBLE:
    case ESS_STATUS_IN_REVIEW:
    case ESS_STATUS_OPINION_GIVEN:
    case ESS_STATUS_POSTPONED:
    case ESS_N_STATUSES:
    default:
      return FALSE;
    }
}

gboolean
ess_status_is_open (EssStatus status)
{
  return is_valid (status) &&
         status != ESS_STATUS_REFUSED &&
         status != ESS_STATUS_WITHDRAWN &&
         status != ESS_STATUS_CLOSED;
}

gboolean
ess_status_is_reopening (EssStatus from,
                         EssStatus to)
{
  /* Back to an instruction stage (submitted to opinion given); a postponed
   * dossier going back to review is its normal course, not a reopening.
   * Refusing a granted dossier reverses a decision: it calls for the same
   * warning. */
  if (from == ESS_STATUS_GRANTED && to == ESS_STATUS_REFUSED)
    return ess_status_can_transition (from, to);

  return ess_status_can_transition (from, to) &&
         ess_status_is_decided (from) &&
         to <= ESS_STATUS_OPINION_GIVEN;
}
