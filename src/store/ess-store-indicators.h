/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Expected and achieved indicators of a dossier (label, target, result, unit). */
#pragma once

#include "ess-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *label;    /* "Emplois créés" */
  char   *target;   /* expected, as the applicant wrote it: "3" */
  char   *result;   /* achieved, "" until known */
  char   *unit;     /* "ETP", "personnes"... */
} EssIndicator;

typedef enum
{
  ESS_INDICATOR_LABEL,
  ESS_INDICATOR_TARGET,
  ESS_INDICATOR_RESULT,
  ESS_INDICATOR_UNIT,
} EssIndicatorColumn;

GPtrArray *ess_store_list_indicators  (EssStore            *self,
                                       gint64               dossier_id,
                                       GError             **error);
gint64     ess_store_add_indicator    (EssStore            *self,
                                       gint64               dossier_id,
                                       GError             **error);
gboolean   ess_store_set_indicator    (EssStore            *self,
                                       gint64               indicator_id,
                                       EssIndicatorColumn   column,
                                       const char          *text,
                                       GError             **error);
gboolean   ess_store_delete_indicator (EssStore            *self,
                                       gint64               indicator_id,
                                       GError             **error);
void       ess_indicator_free         (EssIndicator        *indicator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssIndicator, ess_indicator_free)

G_END_DECLS
