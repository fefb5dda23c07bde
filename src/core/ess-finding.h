/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A finding of a check: how serious, where, and what is wrong, in French. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ESS_SEVERITY_INFO,
  ESS_SEVERITY_WARNING,
  ESS_SEVERITY_ERROR,
} EssSeverity;

typedef struct
{
  EssSeverity  severity;
  char        *code;      /* stable id of the check: "row-split", "declared-row", "declared-funder",
                           * "declared-total", "metropole-rate", "metropole-requested",
                           * "metropole-proposed", "metropole-granted", "envelope", "de-minimis",
                           * "budget-balance", "budget-contributions", "budget-funders";
                           * also "declared-realisation" (a declared total of a realisation
                           * column) and "overflow" (a sum too large to be computed) */
  char        *place;     /* where, for people: "Action 2.1 « Initier un projet de PTCE »", "Colonne Ville de Lille" */
  int          row;       /* funding plan action index, or -1 */
  int          column;    /* funder index, or one of the ESS_FINDING_COLUMN_* values, or -1;
                           * a row-split finding (both realisation columns) has
                           * ESS_FINDING_COLUMN_REALISATION */
  char        *message;   /* French, with both amounts and the difference */
} EssFinding;

#define ESS_FINDING_COLUMN_TOTAL       (-2)
/* The applicant's realisation column ("dont réalisation ville"), or both. */
#define ESS_FINDING_COLUMN_REALISATION (-3)
/* The external operators' realisation column ("dont réalisation opérateur externe"). */
#define ESS_FINDING_COLUMN_REALISATION_EXTERNAL (-4)

EssFinding  *ess_finding_new        (EssSeverity  severity,
                                     const char  *code,
                                     const char  *place,
                                     int          row,
                                     int          column,
                                     const char  *message);
void         ess_finding_free       (EssFinding  *finding);
const char  *ess_severity_label     (EssSeverity  severity);
/* The worst severity in @findings (an array of EssFinding), INFO when empty. */
EssSeverity  ess_findings_worst     (GPtrArray   *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssFinding, ess_finding_free)

G_END_DECLS
