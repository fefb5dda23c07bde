/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios of the territorial policy (continue, reorient or stop the APT): the model and its indicators. */
#pragma once

#include <glib.h>

#include "ess-dashboard.h"

G_BEGIN_DECLS

#define ESS_SCENARIO_ERROR (ess_scenario_error_quark ())

typedef enum
{
  ESS_SCENARIO_ERROR_INVALID,
} EssScenarioError;

/* The stored ids are "continue", "reorient", "stop", "free". */
typedef enum
{
  ESS_SCENARIO_CONTINUE,   /* poursuite d'un APT amendé et renforcé */
  ESS_SCENARIO_REORIENT,   /* réorientation vers l'APP */
  ESS_SCENARIO_STOP,       /* arrêt */
  ESS_SCENARIO_FREE,       /* libre */
  ESS_N_SCENARIO_KINDS
} EssScenarioKind;

/* What becomes of an ongoing APT dossier; stored as "continue", "transfer", "end". */
typedef enum
{
  ESS_TREATMENT_CONTINUE,  /* renewed on the APT after its term */
  ESS_TREATMENT_TRANSFER,  /* renewed on the APP after its term */
  ESS_TREATMENT_END,       /* ends at its term */
  ESS_N_TREATMENTS
} EssTreatment;

/* The commune size classes are those of the dashboard (ess-dashboard.h):
 * the 4 large cities, 5 000 inhabitants and more, under 5 000. */

/* The nature of a budget line, for the share spent on projects. */
typedef enum
{
  ESS_NATURE_PROJECTS,
  ESS_NATURE_ENGINEERING,
} EssLineNature;

/* Yearly assumptions. Staff times are in hundredths of a day, the staff
 * in hundredths of a full-time equivalent (ETP). Stored by id. */
typedef enum
{
  ESS_ASSUME_PROJECTS,             /* "projects": projects supported */
  ESS_ASSUME_DOSSIERS,             /* "dossiers": dossiers instructed */
  ESS_ASSUME_CALLS,                /* "calls": calls run by the ESS unit */
  ESS_ASSUME_SESSIONS,             /* "sessions": committee sessions */
  ESS_ASSUME_DIAGNOSTICS,          /* "diagnostics": territorial diagnostics */
  ESS_ASSUME_CONVENTIONS,          /* "conventions": partnership agreements followed */
  ESS_ASSUME_DAYS_PER_DOSSIER,     /* "days-per-dossier" */
  ESS_ASSUME_DAYS_PER_DIAGNOSTIC,  /* "days-per-diagnostic" */
  ESS_ASSUME_DAYS_PER_SESSION,     /* "days-per-session" */
  ESS_ASSUME_DAYS_PER_CONVENTION,  /* "days-per-convention" */
  ESS_ASSUME_DAYS_PER_CALL,        /* "days-per-call" */
  ESS_ASSUME_STAFF,                /* "staff-etp": staff available */
  ESS_ASSUME_DAYS_PER_ETP,         /* "days-per-etp": working days of one ETP */
  ESS_N_ASSUMPTIONS
} EssAssumption;

typedef enum
{
  ESS_UNIT_COUNT,      /* a number */
  ESS_UNIT_CENTIDAYS,  /* hundredths of a day */
  ESS_UNIT_CENTI_ETP,  /* hundredths of an ETP */
} EssAssumptionUnit;

typedef struct
{
  const char        *id;
  const char        *label;   /* translated by ess_assumption_label() */
  EssAssumptionUnit  unit;
} EssAssumptionInfo;

typedef struct
{
  gint64 metropole;   /* cents */
  gint64 cofunders;   /* cents */
} EssLineAmount;

typedef struct
{
  char          *label;
  EssLineNature  nature;
  char          *hypothesis;
  GArray        *amounts;     /* EssLineAmount per year of the horizon */
} EssScenarioLine;

typedef struct
{
  gint64 projects;
  gint64 cents;
  gint64 communes;
} EssReach;

typedef struct
{
  gint64 assumptions[ESS_N_ASSUMPTIONS];
  EssReach reach[ESS_N_SIZE_CLASSES];
} EssScenarioYear;

typedef struct
{
  int    year;
  gint64 territory_id;
  gint64 projects;
  gint64 cents;
} EssTerritoryReach;

typedef struct
{
  gint64         id;             /* 0 until stored */
  char          *name;
  EssScenarioKind kind;
  int            first_year;
  int            last_year;
  char          *description;
  char          *arguments_for;
  char          *arguments_against;
  EssTreatment   portfolio_default;
  GPtrArray     *lines;          /* EssScenarioLine */
  GArray        *years;          /* EssScenarioYear, one per year of the horizon */
  char          *hypotheses[ESS_N_ASSUMPTIONS]; /* why each assumption has its value */
  char          *reach_hypothesis;
  GArray        *territory_reach;/* EssTerritoryReach, sorted by year then territory */
  GHashTable    *treatments;     /* dossier id (gint64*) -> EssTreatment, overrides of the default */
} EssScenario;

/* One ongoing APT dossier. */
typedef struct
{
  gint64  dossier_id;
  char   *reference;
  char   *title;
  gint64  amount;      /* granted, or proposed while not decided */
  gint64  paid;
  int     first_year;
  int     last_year;
} EssPortfolioItem;

/* A commune for the reach figures. */
typedef struct
{
  gint64 population;
  gint64 territory_id;
} EssCommuneInfo;

/* Populations per size class, computed once from the communes. */
typedef struct
{
  gint64 population[ESS_N_SIZE_CLASSES];
  gint64 communes[ESS_N_SIZE_CLASSES];
  gint64 total;
} EssPopulation;

/* The computed figures of one year, or of the horizon. */
typedef struct
{
  gint64 metropole;
  gint64 cofunders;
  gint64 total;
  gint64 projects_cents;        /* lines of nature "projects", all funders */
  gint64 metropole_projects;    /* Métropole share of those lines */
  gint64 engineering_cents;
  gint64 projects;
  gint64 dossiers;
  gint64 calls;
  gint64 sessions;
  gint64 diagnostics;
  gint64 conventions;
  gint64 staff_needed;          /* hundredths of a day */
  gint64 staff_available;       /* hundredths of a day */
  gint64 communes;
  gint64 territories;
  EssReach reach[ESS_N_SIZE_CLASSES];
  gint64 portfolio_balance;     /* unpaid balances carried into the year */
  gint64 portfolio_apt;         /* renewals on the APT */
  gint64 portfolio_app;         /* renewals moved to the APP */
} EssScenarioFigures;

typedef struct
{
  int                 first_year;
  guint               n_years;
  EssScenarioFigures *years;     /* n_years */
  EssScenarioFigures  horizon;   /* sums; communes and territories: the highest year */
  GArray             *line_totals; /* gint64 per line, over the horizon (Métropole + co-funders) */
  gboolean            overflow;  /* a sum did not fit: the figures are not usable */
} EssScenarioOutcome;

/* The rows of the comparison table. */
typedef enum
{
  ESS_SCENARIO_INDICATOR_TOTAL,
  ESS_SCENARIO_INDICATOR_METROPOLE,
  ESS_SCENARIO_INDICATOR_COFUNDERS,
  ESS_SCENARIO_INDICATOR_PROJECTS_SHARE,
  ESS_SCENARIO_INDICATOR_ENGINEERING_SHARE,
  ESS_SCENARIO_INDICATOR_PROJECTS,
  ESS_SCENARIO_INDICATOR_AVERAGE_GRANT,
  ESS_SCENARIO_INDICATOR_COST_PER_PROJECT,
  ESS_SCENARIO_INDICATOR_STAFF_NEEDED,
  ESS_SCENARIO_INDICATOR_STAFF_AVAILABLE,
  ESS_SCENARIO_INDICATOR_STAFF_LOAD,
  ESS_SCENARIO_INDICATOR_CALLS,
  ESS_SCENARIO_INDICATOR_SESSIONS,
  ESS_SCENARIO_INDICATOR_COMMUNES,
  ESS_SCENARIO_INDICATOR_TERRITORIES,
  ESS_SCENARIO_INDICATOR_PER_INHABITANT_LARGE,
  ESS_SCENARIO_INDICATOR_PER_INHABITANT_5000_PLUS,
  ESS_SCENARIO_INDICATOR_PER_INHABITANT_UNDER_5000,
  ESS_SCENARIO_INDICATOR_SHARE_LARGE,
  ESS_SCENARIO_INDICATOR_SHARE_5000_PLUS,
  ESS_SCENARIO_INDICATOR_SHARE_UNDER_5000,
  ESS_SCENARIO_INDICATOR_PORTFOLIO,
  ESS_SCENARIO_INDICATOR_PORTFOLIO_APP,
  ESS_N_SCENARIO_INDICATORS
} EssScenarioIndicator;

typedef enum
{
  ESS_VALUE_MONEY,        /* cents */
  ESS_VALUE_COUNT,
  ESS_VALUE_BP,           /* hundredths of a percent */
  ESS_VALUE_CENTIDAYS,
} EssValueKind;

GQuark            ess_scenario_error_quark      (void);

const char       *ess_scenario_kind_to_id       (EssScenarioKind  kind);
gboolean          ess_scenario_kind_from_id     (const char      *id,
                                                 EssScenarioKind *out);
const char       *ess_scenario_kind_label       (EssScenarioKind  kind);
/* The treatment of the portfolio a kind implies: continue, transfer, end; free continues. */
EssTreatment      ess_scenario_kind_default_treatment (EssScenarioKind kind);
const char       *ess_treatment_to_id           (EssTreatment     treatment);
gboolean          ess_treatment_from_id         (const char      *id,
                                                 EssTreatment    *out);
const char       *ess_treatment_label           (EssTreatment     treatment);
/* The class of ess_size_class_id() @id. */
gboolean          ess_size_class_from_id        (const char      *id,
                                                 EssSizeClass    *out);
const char       *ess_line_nature_to_id         (EssLineNature    nature);
gboolean          ess_line_nature_from_id       (const char      *id,
                                                 EssLineNature   *out);
const EssAssumptionInfo *ess_assumption_info    (EssAssumption    assumption);
const char       *ess_assumption_label          (EssAssumption    assumption);
gboolean          ess_assumption_from_id        (const char      *id,
                                                 EssAssumption   *out);
/* The default budget categories of a new scenario, NULL-terminated, translated. */
const char * const *ess_scenario_default_categories (void);

EssScenario      *ess_scenario_new              (const char      *name,
                                                 EssScenarioKind  kind,
                                                 int              first_year,
                                                 int              last_year);
void              ess_scenario_free             (EssScenario     *scenario);
EssScenario      *ess_scenario_copy             (const EssScenario *scenario);
gboolean          ess_scenario_equal            (const EssScenario *a,
                                                 const EssScenario *b);
/* A copy named @name without id, to make a variant. */
EssScenario      *ess_scenario_duplicate        (const EssScenario *scenario,
                                                 const char      *name);
guint             ess_scenario_n_years          (const EssScenario *scenario);
EssScenarioYear  *ess_scenario_get_year         (EssScenario     *scenario,
                                                 int              year);
/* Changes the horizon; values of the years kept stay, new years copy the
 * nearest existing year. */
gboolean          ess_scenario_set_horizon      (EssScenario     *scenario,
                                                 int              first_year,
                                                 int              last_year,
                                                 GError         **error);
EssScenarioLine  *ess_scenario_add_line         (EssScenario     *scenario,
                                                 const char      *label,
                                                 EssLineNature    nature);
void              ess_scenario_remove_line      (EssScenario     *scenario,
                                                 guint            index);
EssLineAmount    *ess_scenario_line_amount      (EssScenario     *scenario,
                                                 guint            line,
                                                 int              year);
/* Sets the reach of @territory_id in @year; 0 projects and 0 cents remove it. */
void              ess_scenario_set_territory_reach (EssScenario  *scenario,
                                                 int              year,
                                                 gint64           territory_id,
                                                 gint64           projects,
                                                 gint64           cents);
EssTreatment      ess_scenario_get_treatment    (const EssScenario *scenario,
                                                 gint64           dossier_id);
/* Sets an override; setting the default removes it. */
void              ess_scenario_set_treatment    (EssScenario     *scenario,
                                                 gint64           dossier_id,
                                                 EssTreatment     treatment);
/* Checks what the store and the figures rely on; a French message naming the field. */
gboolean          ess_scenario_validate         (const EssScenario *scenario,
                                                 GError         **error);

/* Builds the population per class (ess_size_class_of()). @classes (may
 * be NULL) gets the class of each commune. */
void              ess_population_compute        (const EssCommuneInfo *communes,
                                                 guint            n_communes,
                                                 EssPopulation   *out,
                                                 EssSizeClass    *classes);

EssPortfolioItem *ess_portfolio_item_new        (gint64           dossier_id,
                                                 const char      *reference,
                                                 const char      *title,
                                                 gint64           amount,
                                                 gint64           paid,
                                                 int              first_year,
                                                 int              last_year);
void              ess_portfolio_item_free       (EssPortfolioItem *item);
/* The amount of one year of the dossier: amount / its years, rounded down. */
gint64            ess_portfolio_item_yearly     (const EssPortfolioItem *item);

/* The figures of @scenario, with @portfolio (EssPortfolioItem, may be NULL). */
EssScenarioOutcome *ess_scenario_compute        (const EssScenario *scenario,
                                                 GPtrArray       *portfolio);
void              ess_scenario_outcome_free     (EssScenarioOutcome *outcome);
/* The figures of @year, or of the horizon when @year is 0; NULL outside. */
const EssScenarioFigures *ess_scenario_outcome_get (const EssScenarioOutcome *outcome,
                                                 int              year);

const char       *ess_scenario_indicator_label           (EssScenarioIndicator     indicator);
EssValueKind      ess_scenario_indicator_kind            (EssScenarioIndicator     indicator);
/* The stable id used in CSV files, such as "total-cost". */
const char       *ess_scenario_indicator_id              (EssScenarioIndicator     indicator);
/* The value of @indicator; FALSE when it has none (a ratio over 0). */
gboolean          ess_scenario_indicator_value           (EssScenarioIndicator     indicator,
                                                 const EssScenarioFigures *figures,
                                                 const EssPopulation *population,
                                                 gint64          *out);
/* French display: "110 000,00 €", "45,2 %", "12,5 j", "6"; "—" without value. */
char             *ess_scenario_indicator_format          (EssScenarioIndicator     indicator,
                                                 gboolean         has_value,
                                                 gint64           value);
/* Machine form for CSV: "110000.00", "45.20", "12.50", "6"; "" without value. */
char             *ess_scenario_indicator_format_decimal  (EssScenarioIndicator     indicator,
                                                 gboolean         has_value,
                                                 gint64           value);
/* The difference @value - @reference: "+12 000,00 € (+10,9 %)"; "" when either has none. */
char             *ess_scenario_indicator_format_difference (EssScenarioIndicator   indicator,
                                                 gboolean         has_value,
                                                 gint64           value,
                                                 gboolean         has_reference,
                                                 gint64           reference);

/* "12,5 j" from hundredths of a day; "0,5 ETP" from hundredths of an ETP. */
char             *ess_centidays_format          (gint64           centidays);
char             *ess_centi_format              (gint64           hundredths);
/* Parses "12,5" or "12.5" (at most 2 decimals, not negative) into hundredths. */
gboolean          ess_centi_parse               (const char      *text,
                                                 gint64          *out,
                                                 GError         **error);

/* What changed from @before to @after, one French line per change, for the history. */
GPtrArray        *ess_scenario_describe_changes (const EssScenario *before,
                                                 const EssScenario *after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssScenario, ess_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssScenarioOutcome, ess_scenario_outcome_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssPortfolioItem, ess_portfolio_item_free)

G_END_DECLS
