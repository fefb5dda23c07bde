/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funding plan of a dossier: actions x funders x years, its totals and checks. */
#pragma once

#include <glib.h>

#include "ess-finding.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;   /* "Métropole", "Ville de Lille" */
  char *kind;   /* "metropole", "commune", "region", "departement", "etat", "europe", "prive", "autofinancement", "autre" */
} EssFunder;

/* One action (one row of the table). Amounts are cents, funder-major:
 * amounts[f * n_years + y] for funder f and year y of the plan. */
typedef struct
{
  char    *axis;            /* "Animation territoriale" */
  char    *number;          /* "1" */
  char    *title;
  char    *description;
  char    *partners;
  gint64  *amounts;
  gint64   realisation[2];  /* [0] by the applicant ("dont réalisation ville"), [1] by external operators */
  gboolean has_declared_total;
  gint64   declared_total;  /* the TOTAL the applicant printed on this row */
} EssFundingAction;

typedef struct
{
  GPtrArray *funders;              /* EssFunder */
  GArray    *years;                /* int, ascending */
  GPtrArray *actions;              /* EssFundingAction */
  char      *realisation_labels[2];/* editable; default "Réalisation par le porteur", "Réalisation par des opérateurs externes" */
  /* Totals printed by the applicant, kept as declared. */
  GArray    *declared_funder;      /* gint64 per funder, parallel to funders */
  GArray    *has_declared_funder;  /* gboolean per funder */
  gboolean   has_declared_realisation[2];
  gint64     declared_realisation[2];
  gboolean   has_declared_overall;
  gint64     declared_overall;
} EssFundingPlan;

EssFundingPlan   *ess_funding_plan_new              (void);
void              ess_funding_plan_free             (EssFundingPlan       *plan);
EssFundingPlan   *ess_funding_plan_copy             (const EssFundingPlan *plan);
gboolean          ess_funding_plan_equal            (const EssFundingPlan *a,
                                                     const EssFundingPlan *b);
gboolean          ess_funding_plan_is_empty         (const EssFundingPlan *plan);

/* Structure edits: amounts and declared totals follow the rows and columns. */
guint             ess_funding_plan_add_funder       (EssFundingPlan       *plan,
                                                     const char           *name,
                                                     const char           *kind);
void              ess_funding_plan_remove_funder    (EssFundingPlan       *plan,
                                                     guint                 funder);
void              ess_funding_plan_add_year         (EssFundingPlan       *plan,
                                                     int                   year);
void              ess_funding_plan_remove_year      (EssFundingPlan       *plan,
                                                     guint                 year_index);
/* Inserts an empty action at @position (G_MAXUINT: at the end); returns it. */
EssFundingAction *ess_funding_plan_insert_action    (EssFundingPlan       *plan,
                                                     guint                 position);
void              ess_funding_plan_remove_action    (EssFundingPlan       *plan,
                                                     guint                 position);
void              ess_funding_plan_move_action      (EssFundingPlan       *plan,
                                                     guint                 from,
                                                     guint                 to);
gint64           *ess_funding_plan_amount           (EssFundingPlan       *plan,
                                                     guint                 action,
                                                     guint                 funder,
                                                     guint                 year_index);

/* Totals, computed, never typed. FALSE when a sum overflows. */
gboolean          ess_funding_action_total          (const EssFundingPlan *plan,
                                                     guint                 action,
                                                     gint64               *out);
gboolean          ess_funding_action_funder_total   (const EssFundingPlan *plan,
                                                     guint                 action,
                                                     guint                 funder,
                                                     gint64               *out);   /* over the years */
gboolean          ess_funding_funder_total          (const EssFundingPlan *plan,
                                                     guint                 funder,
                                                     gint64               *out);
gboolean          ess_funding_year_total            (const EssFundingPlan *plan,
                                                     guint                 year_index,
                                                     gint64               *out);
gboolean          ess_funding_realisation_total     (const EssFundingPlan *plan,
                                                     guint                 which,
                                                     gint64               *out);
gboolean          ess_funding_overall_total         (const EssFundingPlan *plan,
                                                     gint64               *out);
/* Index of the first funder of kind "metropole", or -1. */
int               ess_funding_plan_metropole        (const EssFundingPlan *plan);

/* What the checks need to know besides the plan. */
typedef struct
{
  int     max_rate_bp;        /* scheme maximum Métropole rate in basis points (8000 = 80 %), -1: none */
  gint64  requested_cents;    /* the dossier's amounts; compared with the plan's Métropole total */
  gint64  proposed_cents;
  gint64  granted_cents;
  gboolean has_proposed;      /* compare only the amounts that are set (non zero) */
  gboolean has_granted;
} EssFundingContext;

/* The plan's own checks, in table order: each row's funders against its
 * realisation split; each declared total (row, funder, realisation,
 * overall) against the computed one; the Métropole share against the
 * scheme's maximum; the Métropole total against the dossier's latest
 * amount: granted when set, else proposed when set, else requested (one
 * finding at most, code "metropole-granted", "metropole-proposed" or
 * "metropole-requested"; a plan with funders but none of kind "metropole"
 * counts 0 for the Métropole, column -1). Messages give both amounts and
 * the difference. Returns an
 * array of EssFinding (empty when all is well).
 * Severities: error for a row split, a declared total, the maximum rate
 * and a sum too large ("overflow"); warning for the Métropole total
 * against the dossier's amounts (a plan may cover part of the years).
 * A plan whose realisation cells are all 0 and has no declared
 * realisation total does not use the split: its rows are not checked
 * against it. @context may be NULL: no rate nor amount check. */
GPtrArray        *ess_funding_plan_check            (const EssFundingPlan    *plan,
                                                     const EssFundingContext *context);

/* Envelope of a scheme and year: an error when @granted_cents is above
 * @envelope_cents, giving the consumption in %; an info finding with the
 * consumption otherwise. @envelope_cents < 0: no envelope, no finding. */
EssFinding       *ess_envelope_check                (const char              *scheme,
                                                     int                      year,
                                                     gint64                   envelope_cents,
                                                     gint64                   granted_cents);
/* De minimis: an error when @rolling_cents (the applicant's aid over the
 * rolling years ending at the grant date, this grant included) is above
 * @ceiling_cents; NULL otherwise. */
EssFinding       *ess_de_minimis_check              (const char              *applicant,
                                                     const char              *grant_date,
                                                     gint64                   rolling_cents,
                                                     gint64                   ceiling_cents,
                                                     int                      years);

/* Spreadsheet exchange: tab-separated text (LibreOffice's clipboard
 * format), French amounts accepted in cells. */
/* Columns Axe;N°;Action;<funder (year)>...;<realisation labels>;Total;Total
 * déclaré, one row per action, then a "Total" row (computed totals, the
 * declared overall total in the last column) and, when the plan has
 * declared funder or realisation totals, a "Total déclaré" row (a
 * funder's declared total under its first year). Amounts with a decimal
 * comma and no digit grouping ("15000,00"), lines end with \n. A UTF-8
 * BOM starts the text unless @separator is '\t' (the clipboard). */
char             *ess_funding_plan_to_csv           (const EssFundingPlan    *plan,
                                                     char                     separator);   /* ';' for files: UTF-8 BOM, decimal comma, one header line */
/* Parses a block of tab-separated cells (rows by \n or \r\n, a final line
 * break ends the last row; cells quoted with '"' as LibreOffice does when
 * they hold a tab, a quote or a line break). Returns a GPtrArray of GStrv
 * (free function g_strfreev), one per row; an empty cell is "" (a NULL
 * would end the GStrv). NULL with an error only when @text is not UTF-8:
 * amounts are checked where the block lands, by ess_funding_plan_paste(),
 * whose error names the row and column of a cell that is not an amount. */
GPtrArray        *ess_tsv_parse_block               (const char              *text,
                                                     GError                 **error);

#define ESS_FUNDING_PLAN_ERROR (ess_funding_plan_error_quark ())

typedef enum
{
  ESS_FUNDING_PLAN_ERROR_ENCODING,   /* pasted text that is not UTF-8 */
  ESS_FUNDING_PLAN_ERROR_AMOUNT,     /* a cell of an amount column that is not an amount (or is negative) */
  ESS_FUNDING_PLAN_ERROR_SHAPE,      /* a block wider than the table */
  ESS_FUNDING_PLAN_ERROR_YEAR,       /* a year out of 1900..2200, or twice in the plan */
} EssFundingPlanError;

GQuark            ess_funding_plan_error_quark      (void);

/* Whether @plan can be stored: its years from 1900 to 2200, ascending,
 * each once; every amount, realisation and declared total 0 or more.
 * The error names the year, or the row and column (paste layout
 * headings) of the first negative amount. */
gboolean          ess_funding_plan_validate         (const EssFundingPlan *plan,
                                                     GError              **error);

void              ess_funder_free                   (EssFunder            *funder);
void              ess_funding_action_free           (EssFundingAction     *action);

/* Sum over the actions and years of every funder of @kind ("metropole"). */
gboolean          ess_funding_kind_total            (const EssFundingPlan *plan,
                                                     const char           *kind,
                                                     gint64               *out);

/* Where an action is, for people: "Action 1.3 « Initier un projet de
 * PTCE »": the axis' rank in the table, the action's number (its rank in
 * its axis when it has none), its title (cut after 40 characters). */
char             *ess_funding_plan_action_place     (const EssFundingPlan *plan,
                                                     guint                 action);

/* The paste layout, the columns of annexe 2: 0 axis, 1 number, 2 title,
 * 3 description, 4 partners, then the amount of funder f and year y at
 * ESS_PLAN_PASTE_FIRST_AMOUNT + f * n_years + y, then the applicant's and
 * the external realisation, then the declared row total (the TOTAL the
 * applicant printed). The computed total is not a column: it is never
 * typed. */
#define ESS_PLAN_PASTE_AXIS          0
#define ESS_PLAN_PASTE_NUMBER        1
#define ESS_PLAN_PASTE_TITLE         2
#define ESS_PLAN_PASTE_DESCRIPTION   3
#define ESS_PLAN_PASTE_PARTNERS      4
#define ESS_PLAN_PASTE_FIRST_AMOUNT  5
guint             ess_funding_plan_paste_n_columns  (const EssFundingPlan *plan);
/* The heading of a paste column ("Ville de Lille 2013", "Total déclaré"). */
char             *ess_funding_plan_paste_heading    (const EssFundingPlan *plan,
                                                     guint                 column);
/* Writes @block (from ess_tsv_parse_block()) with its top-left cell at
 * @action, @column of the paste layout; rows past the last action are
 * added. French amounts are accepted ("5 000", "5000,5", "73 000,00 €"),
 * an empty amount cell is 0, an empty declared total is none. An empty
 * axis cell of a row that has a number or a title takes the axis of the
 * action above (merged cells of a spreadsheet copy as empty). Nothing
 * changes and @error names the row and column when a cell of an amount
 * column is not an amount, or when the block is wider than the table. */
gboolean          ess_funding_plan_paste            (EssFundingPlan       *plan,
                                                     guint                 action,
                                                     guint                 column,
                                                     GPtrArray            *block,
                                                     GError              **error);
/* The tab-separated text of a rectangle of the paste layout, for the
 * clipboard: amounts "15000,00", cells quoted when they hold a tab, a
 * quote or a line break. */
char             *ess_funding_plan_block_to_tsv     (const EssFundingPlan *plan,
                                                     guint                 first_action,
                                                     guint                 n_actions,
                                                     guint                 first_column,
                                                     guint                 n_columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssFundingPlan, ess_funding_plan_free)

G_END_DECLS
