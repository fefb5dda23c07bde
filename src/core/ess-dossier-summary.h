/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One row of the dossier list: what the views show of a dossier. */
#pragma once

#include <glib-object.h>

#include "ess-dossier-status.h"

G_BEGIN_DECLS

#define ESS_TYPE_DOSSIER_SUMMARY (ess_dossier_summary_get_type ())
G_DECLARE_FINAL_TYPE (EssDossierSummary, ess_dossier_summary, ESS, DOSSIER_SUMMARY, GObject)

typedef struct
{
  gint64      id;
  const char *reference;
  const char *title;
  const char *applicant;
  const char *scheme;
  int         volet;        /* 0 when the dossier has none */
  const char *territories;  /* comma separated names */
  int         year;
  EssStatus   status;
  gint64      requested_cents;
  gint64      proposed_cents;
  gint64      granted_cents;
} EssDossierSummaryData;

EssDossierSummary *ess_dossier_summary_new             (const EssDossierSummaryData *data);
gint64             ess_dossier_summary_get_id          (EssDossierSummary *self);
const char        *ess_dossier_summary_get_reference   (EssDossierSummary *self);
const char        *ess_dossier_summary_get_title       (EssDossierSummary *self);
const char        *ess_dossier_summary_get_applicant   (EssDossierSummary *self);
const char        *ess_dossier_summary_get_scheme      (EssDossierSummary *self);
int                ess_dossier_summary_get_volet       (EssDossierSummary *self);
const char        *ess_dossier_summary_get_territories (EssDossierSummary *self);
int                ess_dossier_summary_get_year        (EssDossierSummary *self);
EssStatus          ess_dossier_summary_get_status      (EssDossierSummary *self);
gint64             ess_dossier_summary_get_requested   (EssDossierSummary *self);
gint64             ess_dossier_summary_get_proposed    (EssDossierSummary *self);
gint64             ess_dossier_summary_get_granted     (EssDossierSummary *self);

G_END_DECLS
