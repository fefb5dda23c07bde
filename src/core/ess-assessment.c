/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The criteria an instructor scores a dossier against, and the total of a grid. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-assessment.h"

/* The order is the one of the printed grid. */
static const EssCriterion default_criteria[] = {
  { "social-utility",        N_("Social utility") },
  { "territorial-roots",     N_("Territorial roots") },
  { "cooperation",           N_("Cooperation and partnerships") },
  { "democratic-governance", N_("Democratic governance") },
  { "economic-viability",    N_("Economic viability") },
  { "jobs",                  N_("Job creation or preservation") },
  { "transferability",       N_("Transferability and spreading") },
};

const EssCriterion *
ess_assessment_default_criteria (guint *n_criteria)
{
  if (n_criteria != NULL)
    *n_criteria = G_N_ELEMENTS (default_criteria);

  return default_criteria;
}

const char *
ess_criterion_label (const char *id)
{
  if (id == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (default_criteria); i++)
    {
      if (strcmp (default_criteria[i].id, id) == 0)
        return _(default_criteria[i].label);
    }

  return NULL;
}

void
ess_assessment_total (const int *scores,
                      guint      n_scores,
                      int       *total,
                      int       *maximum)
{
  int sum = 0;
  int reachable = 0;

  g_return_if_fail (scores != NULL || n_scores == 0);

  for (guint i = 0; i < n_scores; i++)
    {
      /* Below 0 is "not scored"; above the maximum can only come from a
       * damaged file, and counts as the maximum rather than inflating the total. */
      if (scores[i] < 0)
        continue;
      sum += MIN (scores[i], ESS_SCORE_MAX);
      reachable += ESS_SCORE_MAX;
    }

  if (total != NULL)
    *total = sum;
  if (maximum != NULL)
    *maximum = reachable;
}
