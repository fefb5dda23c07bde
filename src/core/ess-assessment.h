/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The assessment grid of a dossier: criteria scored 0 to 3 with a comment. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESS_SCORE_MAX 3

typedef struct
{
  const char *id;      /* "social-utility" */
  const char *label;   /* English source, N_("Social utility") */
} EssCriterion;

/* The default criteria of every scheme: utilité sociale, ancrage
 * territorial, coopération et partenariats, gouvernance démocratique,
 * viabilité économique, création ou maintien d'emplois, transférabilité. */
const EssCriterion *ess_assessment_default_criteria (guint       *n_criteria);
const char         *ess_criterion_label             (const char  *id);

/* Sum of @scores (each -1 for "not scored", else 0..3) and the maximum
 * reachable for the scored ones. */
void                ess_assessment_total            (const int   *scores,
                                                     guint        n_scores,
                                                     int         *total,
                                                     int         *maximum);

G_END_DECLS
