/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The portfolio dashboard: where the money goes, by year, territory,
 * commune size, legal form, volet and axis, and how concentrated it is. */
#pragma once

#include <glib.h>

#include "ess-dossier-status.h"

G_BEGIN_DECLS

/* The commune size classes of the seeds: the 4 large cities of the MEL
 * (50 000 inhabitants and more: Lille, Roubaix, Tourcoing,
 * Villeneuve-d'Ascq), the communes of 5 000 inhabitants and more, and the
 * communes under 5 000. */
typedef enum
{
  ESS_SIZE_CLASS_LARGE_CITY,
  ESS_SIZE_CLASS_5000_AND_MORE,
  ESS_SIZE_CLASS_UNDER_5000,
  ESS_N_SIZE_CLASSES
} EssSizeClass;

#define ESS_LARGE_CITY_POPULATION 50000
#define ESS_SMALL_COMMUNE_POPULATION 5000

EssSizeClass  ess_size_class_of      (gint64       population);
/* "Les 4 grandes villes", "5 000 habitants et plus", "Moins de 5 000 habitants". */
const char   *ess_size_class_label   (EssSizeClass size_class);
/* "large-cities", "5000-and-more", "under-5000": for files and filters. */
const char   *ess_size_class_id      (EssSizeClass size_class);

/* Splits @amount over @n parts in proportion to @weights (each >= 0),
 * the remaining cents going to the largest remainders (the first part on
 * ties), so that the parts add up to @amount exactly. Equal parts when
 * every weight is 0. FALSE when an intermediate product overflows. */
gboolean      ess_split_cents        (gint64        amount,
                                      const gint64 *weights,
                                      guint         n,
                                      gint64       *out);

/* A commune of the reference data. */
typedef struct
{
  char   *insee;
  char   *name;
  gint64  population;
  int     territory_id;    /* 0: none */
  char   *territory;       /* NULL: none */
} EssDashCommune;

EssDashCommune *ess_dash_commune_new  (const char *insee,
                                       const char *name,
                                       gint64      population,
                                       int         territory_id,
                                       const char *territory);
void            ess_dash_commune_free (EssDashCommune *commune);

/* What the dashboard knows of a dossier. */
typedef struct
{
  gint64     id;
  char      *reference;
  int        year;
  char      *scheme;
  EssStatus  status;
  char      *legal_form;        /* label, NULL: unknown */
  int        volet;             /* 0: none */
  char      *axis;              /* "" : none */
  char      *applicant;         /* name, NULL: none */
  char      *applicant_commune; /* INSEE, NULL: none */
  gint64     proposed_cents;
  gint64     granted_cents;
  gint64     paid_cents;
  char      *submitted_on;      /* ISO date, NULL: unknown */
  GPtrArray *communes;          /* char * INSEE codes concerned */
} EssDashDossier;

EssDashDossier *ess_dash_dossier_new  (void);
void            ess_dash_dossier_free (EssDashDossier *dossier);

/* A group of the breakdowns (a territory, a size class, a legal form...). */
typedef struct
{
  char   *key;          /* territory id, size class id, legal form label, volet number... */
  char   *label;        /* for people */
  guint   n_dossiers;   /* dossiers that touch the group (a dossier counts once per group) */
  gint64  proposed_cents;
  gint64  granted_cents;
  gint64  paid_cents;
  gint64  population;   /* territories and size classes: inhabitants; 0 otherwise */
  guint   n_communes;   /* territories and size classes: communes in the group */
} EssDashGroup;

typedef struct
{
  int    year;
  gint64 envelope_cents;  /* -1: no envelope that year */
  guint  n_dossiers;
  gint64 proposed_cents;
  gint64 granted_cents;
  gint64 paid_cents;
} EssDashYear;

/* How many dossiers wait in a status, and for how long since submission. */
typedef struct
{
  EssStatus status;
  guint     n_dossiers;
  int       oldest_days;   /* -1: no dated dossier */
  int       median_days;   /* -1: no dated dossier */
} EssDashStage;

typedef struct
{
  int        first_year;
  int        last_year;
  GArray    *years;          /* EssDashYear, every year of the period */
  GPtrArray *territories;    /* EssDashGroup, the territories in id order, then "Sans commune" when used */
  GPtrArray *size_classes;   /* EssDashGroup, ESS_N_SIZE_CLASSES in enum order, then "Sans commune" when used */
  GPtrArray *legal_forms;    /* EssDashGroup, largest granted first */
  GPtrArray *volets;         /* EssDashGroup, by volet number, "Sans volet" last */
  GPtrArray *axes;           /* EssDashGroup, largest granted first */
  GPtrArray *beneficiaries;  /* EssDashGroup by applicant, largest granted first */
  GArray    *pipeline;       /* EssDashStage, one per status in enum order */
  guint      n_dossiers;
  gint64     proposed_cents;
  gint64     granted_cents;
  gint64     paid_cents;
  gint64     envelope_cents; /* sum of the envelopes of the period */
  gint64     population;     /* of every commune of the reference */
  gboolean   overflow;       /* a sum did not fit: figures are not to be trusted */
} EssDashboard;

/* An envelope of the period (sum of the envelopes of the chosen schemes for a year). */
typedef struct
{
  int    year;
  gint64 amount_cents;
} EssDashEnvelope;

/* Aggregates @dossiers (EssDashDossier, already limited to the period and
 * schemes) over the years @first_year..@last_year. A dossier's amounts
 * count in its year. Amounts by territory and size class are the
 * dossier's amounts split between the communes it concerns in proportion
 * to their population (ess_split_cents()), or its applicant's commune when
 * it names none; a dossier with neither goes to "Sans commune". Ages are
 * counted in days from submission to @today (ISO date). */
EssDashboard *ess_dashboard_compute  (GPtrArray        *dossiers,
                                      GPtrArray        *communes,
                                      const EssDashEnvelope *envelopes,
                                      guint             n_envelopes,
                                      int               first_year,
                                      int               last_year,
                                      const char       *today);
void          ess_dashboard_free     (EssDashboard     *dashboard);
void          ess_dash_group_free    (EssDashGroup     *group);

/* The share of the largest beneficiary in the granted total, in basis
 * points (8505 is 85,05 %), 0 when nothing was granted. */
gint64        ess_dashboard_top_share_bp (const EssDashboard *dashboard);

/* Which amount the breakdowns weigh. */
typedef enum
{
  ESS_DASH_GRANTED,
  ESS_DASH_PROPOSED,
} EssDashMeasure;

gint64        ess_dash_group_amount   (const EssDashGroup *group,
                                       EssDashMeasure      measure);
gint64        ess_dashboard_amount    (const EssDashboard *dashboard,
                                       EssDashMeasure      measure);

/* @cents per inhabitant, rounded half up to the cent; 0 without inhabitants. */
gint64        ess_dash_per_inhabitant (gint64              cents,
                                       gint64              population);

/* The sentences that answer the officials' questions, the same on the
 * screen and on paper; NULL when there is nothing to say. */
char         *ess_dashboard_years_sentence         (const EssDashboard *dashboard);
char         *ess_dashboard_territory_sentence     (const EssDashboard *dashboard,
                                                    EssDashMeasure      measure);
char         *ess_dashboard_equity_sentence        (const EssDashboard *dashboard,
                                                    EssDashMeasure      measure);
char         *ess_dashboard_concentration_sentence (const EssDashboard *dashboard,
                                                    EssDashMeasure      measure);

/* Every figure of the dashboard as CSV for spreadsheets: ';' separator,
 * UTF-8 with a BOM, decimal comma, one header line; one row per year,
 * territory, size class, legal form, volet, axis, beneficiary and status,
 * its first column naming the breakdown. Shares are of @measure. */
char         *ess_dashboard_to_csv    (const EssDashboard *dashboard,
                                       EssDashMeasure      measure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssDashboard, ess_dashboard_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssDashDossier, ess_dash_dossier_free)

G_END_DECLS
