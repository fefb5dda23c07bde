/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the funding plan: totals, checks and findings, structure edits, paste and CSV export. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-aid.h"
#include "ess-funding-plan.h"

/* French money: U+202F between groups, U+00A0 before the euro sign. */
#define S "\u202f"
#define E "\u00a0€"
#define NB "\u00a0"

/* Seed 002, annexe 2, "focus sur les actions délégué", typed from the
 * seed, in euros: Lille Métropole, Ville de Lille, dont réalisation
 * ville, dont réalisation opérateur externe, TOTAL (printed on the row).
 *
 * Sums of the rows, by hand:
 *   Lille Métropole   10000+5000+5000+3500+16172+5000+0+7850+2000+1000+3305+1000 =  59 827
 *   Ville de Lille    5000+8500+0+5000+18173+5000+8000+9350+4000+3000+12695+2000  =  80 718
 *   réalisation ville 10800+3500+5000+8500+6000+5000+5000+1500+6000+4000+6000+0   =  61 300
 *   opérateur externe 4200+10000+0+0+28345+5000+3000+15700+0+0+10000+3000         =  79 245
 *   TOTAL             59 827 + 80 718 = 61 300 + 79 245                           = 140 545
 * The printed TOTAL line: 73 000 / 96 891 / 69 300 / 100 590 / 169 891,
 * that is 13 173 / 16 173 / 8 000 / 21 345 / 29 346 more than the rows. */
static const struct {
  const char *axis;
  const char *number;
  const char *title;
  int         metropole, ville, own, external, total;
} lille_rows[] = {
  { "Animation Territoriale", "1", "Animer le réseau des acteurs de l'Economie Sociale et Solidaire",
    10000, 5000, 10800, 4200, 15000 },
  { "Animation Territoriale", "2", "Accompagner la constitution de logiques mutualisées",
    5000, 8500, 3500, 10000, 13500 },
  { "Animation Territoriale", "3", "Initier un projet de PTCE", 5000, 0, 5000, 0, 5000 },
  { "Animation Territoriale", "4", "Accompagner la mise en place d'un premier projet d'accorderie",
    3500, 5000, 8500, 0, 8500 },
  { "Recherche, développement, innovation", "1", "Poursuivre le travail d'accompagnement des filières",
    16172, 18173, 6000, 28345, 34345 },
  { "Recherche, développement, innovation", "2", "Accompagner les acteurs culturels",
    5000, 5000, 5000, 5000, 10000 },
  { "Recherche, développement, innovation", "3", "Centre des innovations socio-économiques",
    0, 8000, 5000, 3000, 8000 },
  { "Accompagnement et expertise de projets", "1", "Accompagner les actions et initiatives",
    7850, 9350, 1500, 15700, 17200 },
  { "Accompagnement et expertise de projets", "2", "Accompagner des projets de création de SCIC",
    2000, 4000, 6000, 0, 6000 },
  { "Promotion et communication", "1", "Sensibiliser des salariés à l'ESS", 1000, 3000, 4000, 0, 4000 },
  { "Promotion et communication", "2", "Accompagner l'évènement \"Faites de l'ESS\"",
    3305, 12695, 6000, 10000, 16000 },
  { "Promotion et communication", "3", "Sensibiliser les acteurs culturels", 1000, 2000, 0, 3000, 3000 },
};

#define CENTS(euros) ((gint64) (euros) * 100)

static EssFundingPlan *
lille_plan (gboolean with_printed_total_line)
{
  EssFundingPlan *plan = ess_funding_plan_new ();

  ess_funding_plan_add_funder (plan, "Lille Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Ville de Lille", "commune");
  ess_funding_plan_add_year (plan, 2013);
  g_free (plan->realisation_labels[0]);
  plan->realisation_labels[0] = g_strdup ("dont réalisation ville de Lille");
  g_free (plan->realisation_labels[1]);
  plan->realisation_labels[1] = g_strdup ("dont réalisation opérateur externe");

  for (guint i = 0; i < G_N_ELEMENTS (lille_rows); i++)
    {
      EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);

      g_free (action->axis);
      action->axis = g_strdup (lille_rows[i].axis);
      g_free (action->number);
      action->number = g_strdup (lille_rows[i].number);
      g_free (action->title);
      action->title = g_strdup (lille_rows[i].title);
      *ess_funding_plan_amount (plan, i, 0, 0) = CENTS (lille_rows[i].metropole);
      *ess_funding_plan_amount (plan, i, 1, 0) = CENTS (lille_rows[i].ville);
      action->realisation[0] = CENTS (lille_rows[i].own);
      action->realisation[1] = CENTS (lille_rows[i].external);
      action->has_declared_total = TRUE;
      action->declared_total = CENTS (lille_rows[i].total);
    }

  if (with_printed_total_line)
    {
      g_array_index (plan->has_declared_funder, gboolean, 0) = TRUE;
      g_array_index (plan->declared_funder, gint64, 0) = CENTS (73000);
      g_array_index (plan->has_declared_funder, gboolean, 1) = TRUE;
      g_array_index (plan->declared_funder, gint64, 1) = CENTS (96891);
      plan->has_declared_realisation[0] = TRUE;
      plan->declared_realisation[0] = CENTS (69300);
      plan->has_declared_realisation[1] = TRUE;
      plan->declared_realisation[1] = CENTS (100590);
      plan->has_declared_overall = TRUE;
      plan->declared_overall = CENTS (169891);
    }

  return plan;
}

static void
assert_finding (GPtrArray   *findings,
                guint        index,
                EssSeverity  severity,
                const char  *code,
                const char  *place,
                int          row,
                int          column,
                const char  *message)
{
  const EssFinding *finding;

  g_assert_cmpuint (index, <, findings->len);
  finding = g_ptr_array_index (findings, index);
  g_assert_cmpint (finding->severity, ==, severity);
  g_assert_cmpstr (finding->code, ==, code);
  g_assert_cmpstr (finding->place, ==, place);
  g_assert_cmpint (finding->row, ==, row);
  g_assert_cmpint (finding->column, ==, column);
  g_assert_cmpstr (finding->message, ==, message);
}

static guint
count_code (GPtrArray  *findings,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((EssFinding *) g_ptr_array_index (findings, i))->code, code))
      n++;
  return n;
}

/* Totals. */

static void
test_lille_totals (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (TRUE);
  gint64 total;

  g_assert_cmpuint (plan->actions->len, ==, 12);

  g_assert_true (ess_funding_funder_total (plan, 0, &total));
  g_assert_cmpint (total, ==, CENTS (59827));
  g_assert_true (ess_funding_funder_total (plan, 1, &total));
  g_assert_cmpint (total, ==, CENTS (80718));
  g_assert_true (ess_funding_realisation_total (plan, 0, &total));
  g_assert_cmpint (total, ==, CENTS (61300));
  g_assert_true (ess_funding_realisation_total (plan, 1, &total));
  g_assert_cmpint (total, ==, CENTS (79245));
  g_assert_true (ess_funding_overall_total (plan, &total));
  g_assert_cmpint (total, ==, CENTS (140545));
  g_assert_true (ess_funding_year_total (plan, 0, &total));
  g_assert_cmpint (total, ==, CENTS (140545));
  g_assert_true (ess_funding_kind_total (plan, "metropole", &total));
  g_assert_cmpint (total, ==, CENTS (59827));
  g_assert_cmpint (ess_funding_plan_metropole (plan), ==, 0);

  /* Every row: Métropole + Ville = TOTAL printed = réalisation ville + externe. */
  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *action = g_ptr_array_index (plan->actions, a);

      g_assert_true (ess_funding_action_total (plan, a, &total));
      g_assert_cmpint (total, ==, CENTS (lille_rows[a].total));
      g_assert_cmpint (action->realisation[0] + action->realisation[1], ==, total);
    }

  /* Row 5 (axis 2, action 1): 16 172 + 18 173 = 34 345. */
  g_assert_true (ess_funding_action_funder_total (plan, 4, 1, &total));
  g_assert_cmpint (total, ==, CENTS (18173));
  g_assert_true (ess_funding_action_total (plan, 4, &total));
  g_assert_cmpint (total, ==, CENTS (34345));
}

static void
test_lille_findings (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (TRUE);
  g_autoptr(GPtrArray) findings = ess_funding_plan_check (plan, NULL);

  /* Every row balances and matches its printed TOTAL: the five findings
   * are the printed TOTAL line, in table order. */
  g_assert_cmpuint (count_code (findings, "row-split"), ==, 0);
  g_assert_cmpuint (count_code (findings, "declared-row"), ==, 0);
  g_assert_cmpuint (findings->len, ==, 5);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "declared-funder", "Colonne Lille Métropole", -1, 0,
                  "total déclaré 73" S "000,00" E " ≠ somme des lignes 59" S "827,00" E
                  " (écart 13" S "173,00" E ")");
  assert_finding (findings, 1, ESS_SEVERITY_ERROR, "declared-funder", "Colonne Ville de Lille", -1, 1,
                  "total déclaré 96" S "891,00" E " ≠ somme des lignes 80" S "718,00" E
                  " (écart 16" S "173,00" E ")");
  assert_finding (findings, 2, ESS_SEVERITY_ERROR, "declared-realisation", "Colonne dont réalisation ville de Lille",
                  -1, ESS_FINDING_COLUMN_REALISATION,
                  "total déclaré 69" S "300,00" E " ≠ somme des lignes 61" S "300,00" E
                  " (écart 8" S "000,00" E ")");
  assert_finding (findings, 3, ESS_SEVERITY_ERROR, "declared-realisation",
                  "Colonne dont réalisation opérateur externe", -1, ESS_FINDING_COLUMN_REALISATION_EXTERNAL,
                  "total déclaré 100" S "590,00" E " ≠ somme des lignes 79" S "245,00" E
                  " (écart 21" S "345,00" E ")");
  assert_finding (findings, 4, ESS_SEVERITY_ERROR, "declared-total", "Total général", -1, ESS_FINDING_COLUMN_TOTAL,
                  "total déclaré 169" S "891,00" E " ≠ somme des lignes 140" S "545,00" E
                  " (écart 29" S "346,00" E ")");
  g_assert_cmpint (ess_findings_worst (findings), ==, ESS_SEVERITY_ERROR);
  g_assert_cmpint (ess_findings_worst (NULL), ==, ESS_SEVERITY_INFO);
  g_assert_cmpstr (ess_severity_label (ESS_SEVERITY_ERROR), ==, "erreur");
  g_assert_cmpstr (ess_severity_label (ESS_SEVERITY_WARNING), ==, "avertissement");
  g_assert_cmpstr (ess_severity_label (ESS_SEVERITY_INFO), ==, "information");
}

static void
test_lille_without_printed_line (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (FALSE);
  g_autoptr(GPtrArray) findings = ess_funding_plan_check (plan, NULL);

  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpint (ess_findings_worst (findings), ==, ESS_SEVERITY_INFO);
}

/* Row checks. */

static void
test_row_split (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (FALSE);
  EssFundingAction *action = g_ptr_array_index (plan->actions, 0);
  g_autoptr(GPtrArray) findings = NULL;

  /* Row 1: funders 15 000; split 10 800 + 4 000 = 14 800; 200 apart. */
  action->realisation[1] = CENTS (4000);
  findings = ess_funding_plan_check (plan, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "row-split",
                  "Action 1.1 «" NB "Animer le réseau des acteurs de…" NB "»", 0,
                  ESS_FINDING_COLUMN_REALISATION,
                  "financeurs 15" S "000,00" E " ≠ réalisation 14" S "800,00" E " (écart 200,00" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The printed TOTAL of row 7 (axis 2, action 3) said 8 000; the
   * Métropole cell gets 250,50: 8 250,50 computed, 250,50 apart, and the
   * split no longer matches either. */
  *ess_funding_plan_amount (plan, 6, 0, 0) = 25050;
  action->realisation[1] = CENTS (4200);
  findings = ess_funding_plan_check (plan, NULL);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "row-split",
                  "Action 2.3 «" NB "Centre des innovations socio-économiques" NB "»", 6, ESS_FINDING_COLUMN_REALISATION,
                  "financeurs 8" S "250,50" E " ≠ réalisation 8" S "000,00" E " (écart 250,50" E ")");
  assert_finding (findings, 1, ESS_SEVERITY_ERROR, "declared-row",
                  "Action 2.3 «" NB "Centre des innovations socio-économiques" NB "»", 6, ESS_FINDING_COLUMN_TOTAL,
                  "total déclaré 8" S "000,00" E " ≠ total calculé 8" S "250,50" E " (écart 250,50" E ")");
}

static void
test_plan_without_split (void)
{
  g_autoptr(EssFundingPlan) plan = ess_funding_plan_new ();
  g_autoptr(GPtrArray) findings = NULL;

  /* No realisation at all: the plan does not use the split. */
  ess_funding_plan_add_funder (plan, "Métropole", "metropole");
  ess_funding_plan_add_year (plan, 2024);
  ess_funding_plan_insert_action (plan, 0);
  *ess_funding_plan_amount (plan, 0, 0, 0) = CENTS (5000);
  findings = ess_funding_plan_check (plan, NULL);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A declared realisation total makes it used: the row is 5 000 apart. */
  plan->has_declared_realisation[0] = TRUE;
  plan->declared_realisation[0] = 0;
  findings = ess_funding_plan_check (plan, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "row-split", "Action 1", 0, ESS_FINDING_COLUMN_REALISATION,
                  "financeurs 5" S "000,00" E " ≠ réalisation 0,00" E " (écart 5" S "000,00" E ")");
}

/* Métropole checks: a plan of 10 000 (Métropole) + 2 000 (Ville) = 12 000. */

static EssFundingPlan *
small_plan (gint64 metropole,
            gint64 ville)
{
  EssFundingPlan *plan = ess_funding_plan_new ();

  ess_funding_plan_add_funder (plan, "Ville de Hem", "commune");
  ess_funding_plan_add_funder (plan, "Métropole", "metropole");
  ess_funding_plan_add_year (plan, 2013);
  ess_funding_plan_insert_action (plan, 0);
  *ess_funding_plan_amount (plan, 0, 0, 0) = ville;
  *ess_funding_plan_amount (plan, 0, 1, 0) = metropole;
  return plan;
}

static void
test_metropole_rate (void)
{
  EssFundingContext context = { .max_rate_bp = 8000 };
  g_autoptr(EssFundingPlan) plan = small_plan (CENTS (10000), CENTS (2000));
  g_autoptr(EssFundingPlan) at_rate = small_plan (CENTS (8000), CENTS (2000));
  g_autoptr(GPtrArray) findings = ess_funding_plan_check (plan, &context);
  g_autoptr(GPtrArray) none = ess_funding_plan_check (at_rate, &context);

  /* 10 000 / 12 000 = 83,33 %; 80 % of 12 000 = 9 600; 400 over. */
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "metropole-rate", "Colonne Métropole", -1, 1,
                  "part Métropole de 83,33" NB "% du total 12" S "000,00" E
                  " au-dessus du taux maximal du dispositif (80" NB "%)" NB ": Métropole 10" S "000,00" E
                  ", maximum 9" S "600,00" E " (dépassement 400,00" E ")");

  /* 8 000 / 10 000 is the maximum itself: allowed. */
  g_assert_cmpuint (none->len, ==, 0);

  /* No maximum set: no finding. */
  context.max_rate_bp = -1;
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = ess_funding_plan_check (plan, &context);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_metropole_amounts (void)
{
  g_autoptr(EssFundingPlan) plan = small_plan (CENTS (10000), CENTS (2000));
  EssFundingContext context = { .max_rate_bp = -1, .requested_cents = CENTS (10000) };
  g_autoptr(GPtrArray) findings = ess_funding_plan_check (plan, &context);

  /* Requested = the plan's 10 000. */
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Requested 12 000: 2 000 apart. */
  context.requested_cents = CENTS (12000);
  findings = ess_funding_plan_check (plan, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_WARNING, "metropole-requested", "Colonne Métropole", -1, 1,
                  "total Métropole du plan 10" S "000,00" E " ≠ montant demandé 12" S "000,00" E
                  " (écart 2" S "000,00" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Proposed 9 000: compared with the proposed amount, not the request. */
  context.has_proposed = TRUE;
  context.proposed_cents = CENTS (9000);
  findings = ess_funding_plan_check (plan, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_WARNING, "metropole-proposed", "Colonne Métropole", -1, 1,
                  "total Métropole du plan 10" S "000,00" E " ≠ montant proposé 9" S "000,00" E
                  " (écart 1" S "000,00" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Granted 9 500,50: 499,50 apart. */
  context.has_granted = TRUE;
  context.granted_cents = 950050;
  findings = ess_funding_plan_check (plan, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_WARNING, "metropole-granted", "Colonne Métropole", -1, 1,
                  "total Métropole du plan 10" S "000,00" E " ≠ montant accordé 9" S "500,50" E
                  " (écart 499,50" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Granted = the plan: the earlier amounts are history. */
  context.granted_cents = CENTS (10000);
  findings = ess_funding_plan_check (plan, &context);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A plan without a Métropole column counts 0 for it. */
  {
    EssFunder *metropole = g_ptr_array_index (plan->funders, 1);

    g_free (metropole->kind);
    metropole->kind = g_strdup ("region");
  }
  findings = ess_funding_plan_check (plan, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, 0, ESS_SEVERITY_WARNING, "metropole-granted", "Plan de financement", -1, -1,
                  "total Métropole du plan 0,00" E " ≠ montant accordé 10" S "000,00" E " (écart 10" S "000,00" E ")");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* No funder at all: nothing to compare yet. */
  {
    g_autoptr(EssFundingPlan) empty = ess_funding_plan_new ();

    findings = ess_funding_plan_check (empty, &context);
    g_assert_cmpuint (findings->len, ==, 0);
  }
}

/* Envelope and de minimis. */

static void
test_envelope (void)
{
  g_autoptr(EssFinding) over = ess_envelope_check ("APT", 2012, CENTS (110000), CENTS (146000));
  g_autoptr(EssFinding) under = ess_envelope_check ("APT", 2013, CENTS (110000), CENTS (25663));
  g_autoptr(EssFinding) full = ess_envelope_check ("APT", 2014, CENTS (110000), CENTS (110000));

  /* 146 000 / 110 000 = 132,73 %: 132,7 %; 36 000 over. */
  g_assert_nonnull (over);
  g_assert_cmpint (over->severity, ==, ESS_SEVERITY_ERROR);
  g_assert_cmpstr (over->code, ==, "envelope");
  g_assert_cmpstr (over->place, ==, "Enveloppe APT 2012");
  g_assert_cmpstr (over->message, ==,
                   "accordé 146" S "000,00" E " > enveloppe 110" S "000,00" E " (dépassement 36" S "000,00" E
                   ", consommation 132,7" NB "%)");

  /* 5 933 + 15 000 + 4 730 = 25 663; / 110 000 = 23,33 %: 23,3 %; 84 337 left. */
  g_assert_nonnull (under);
  g_assert_cmpint (under->severity, ==, ESS_SEVERITY_INFO);
  g_assert_cmpstr (under->message, ==,
                   "accordé 25" S "663,00" E " sur une enveloppe de 110" S "000,00" E
                   " (consommation 23,3" NB "%, reste 84" S "337,00" E ")");

  /* Exactly the envelope: not over. */
  g_assert_cmpint (full->severity, ==, ESS_SEVERITY_INFO);
  g_assert_nonnull (strstr (full->message, "consommation 100,0" NB "%, reste 0,00" E));

  /* No envelope that year: nothing to say. */
  g_assert_null (ess_envelope_check ("APP", 2013, -1, CENTS (5000)));
}

static void
test_de_minimis (void)
{
  /* Grants to one association, in euros: 50 000 (2021-03-15), 80 000
   * (2022-06-30), 60 000 (2023-11-30), then a new grant of 20 000 on
   * 2023-12-31 or of 120 000 on 2024-03-15. */
  EssAidGrant grants[] = {
    { "2021-03-15", CENTS (50000) },
    { "2022-06-30", CENTS (80000) },
    { "2023-11-30", CENTS (60000) },
    { "2023-12-31", CENTS (20000) },
  };
  EssAidGrant grants_2024[] = {
    { "2021-03-15", CENTS (50000) },
    { "2022-06-30", CENTS (80000) },
    { "2023-11-30", CENTS (60000) },
    { "2024-03-15", CENTS (120000) },
  };
  guint n_ceilings;
  const EssAidCeiling *ceilings = ess_aid_default_ceilings (&n_ceilings);
  const EssAidCeiling *ceiling;
  g_autoptr(EssFinding) finding = NULL;
  gint64 rolling;

  /* On 2023-12-31 the 2013 regulation is in force: 200 000 over 3 years.
   * (2020-12-31, 2023-12-31]: 50 000 + 80 000 + 60 000 + 20 000 = 210 000,
   * 10 000 over. */
  ceiling = ess_aid_ceiling_at (ceilings, n_ceilings, "general", "2023-12-31");
  g_assert_nonnull (ceiling);
  g_assert_cmpint (ceiling->amount_cents, ==, CENTS (200000));
  g_assert_true (ess_aid_rolling_sum (grants, G_N_ELEMENTS (grants), "2023-12-31", ceiling->years, &rolling));
  g_assert_cmpint (rolling, ==, CENTS (210000));
  finding = ess_de_minimis_check ("Travail et Culture", "2023-12-31", rolling, ceiling->amount_cents,
                                  ceiling->years);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, ESS_SEVERITY_ERROR);
  g_assert_cmpstr (finding->code, ==, "de-minimis");
  g_assert_cmpstr (finding->place, ==, "Porteur Travail et Culture");
  g_assert_cmpstr (finding->message, ==,
                   "aides sur 3 ans jusqu’au 31/12/2023" NB ": 210" S "000,00" E " > plafond de minimis 200" S "000,00" E
                   " (dépassement 10" S "000,00" E ")");
  g_clear_pointer (&finding, ess_finding_free);

  /* On 2024-03-15 the 2023 regulation is in force: 300 000. (2021-03-15,
   * 2024-03-15]: 80 000 + 60 000 + 120 000 = 260 000, within. The same
   * 260 000 under the old ceiling would have been over. */
  ceiling = ess_aid_ceiling_at (ceilings, n_ceilings, "general", "2024-03-15");
  g_assert_cmpint (ceiling->amount_cents, ==, CENTS (300000));
  g_assert_true (ess_aid_rolling_sum (grants_2024, G_N_ELEMENTS (grants_2024), "2024-03-15", ceiling->years,
                                      &rolling));
  g_assert_cmpint (rolling, ==, CENTS (260000));
  g_assert_null (ess_de_minimis_check ("Travail et Culture", "2024-03-15", rolling, ceiling->amount_cents,
                                       ceiling->years));
  finding = ess_de_minimis_check ("Travail et Culture", "2024-03-15", rolling, CENTS (200000), 3);
  g_assert_nonnull (finding);

  /* The ceiling itself is allowed. */
  g_assert_null (ess_de_minimis_check ("X", "2024-03-15", CENTS (300000), CENTS (300000), 3));
  /* SGEI: 500 000 before 2024, 750 000 from 2024. */
  g_assert_cmpint (ess_aid_ceiling_at (ceilings, n_ceilings, "sgei", "2023-12-31")->amount_cents, ==,
                   CENTS (500000));
  g_assert_cmpint (ess_aid_ceiling_at (ceilings, n_ceilings, "sgei", "2024-01-01")->amount_cents, ==,
                   CENTS (750000));
}

/* Overflow is never silent. */

static void
test_overflow (void)
{
  g_autoptr(EssFundingPlan) plan = small_plan (G_MAXINT64 - 10, CENTS (1));
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  EssFundingContext context = { .max_rate_bp = 8000, .requested_cents = CENTS (10) };
  gint64 total = 42;

  g_assert_false (ess_funding_action_total (plan, 0, &total));
  g_assert_cmpint (total, ==, 42);   /* left alone */
  g_assert_false (ess_funding_overall_total (plan, &total));
  g_assert_false (ess_funding_year_total (plan, 0, &total));
  /* One funder alone fits. */
  g_assert_true (ess_funding_funder_total (plan, 1, &total));
  g_assert_cmpint (total, ==, G_MAXINT64 - 10);

  plan->has_declared_overall = TRUE;
  plan->declared_overall = 0;
  findings = ess_funding_plan_check (plan, &context);
  /* The row, the overall total and the Métropole check each say so. */
  g_assert_cmpuint (findings->len, ==, 3);
  assert_finding (findings, 0, ESS_SEVERITY_ERROR, "overflow", "Action 1", 0, ESS_FINDING_COLUMN_TOTAL,
                  "la somme des montants est trop grande pour être calculée");
  assert_finding (findings, 1, ESS_SEVERITY_ERROR, "overflow", "Total général", -1, ESS_FINDING_COLUMN_TOTAL,
                  "la somme des montants est trop grande pour être calculée");
  assert_finding (findings, 2, ESS_SEVERITY_ERROR, "overflow", "Colonne Métropole", -1, 1,
                  "la somme des montants est trop grande pour être calculée");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Two rows that fit alone, not together. */
  ess_funding_plan_insert_action (plan, 1);
  *ess_funding_plan_amount (plan, 0, 0, 0) = 0;
  *ess_funding_plan_amount (plan, 1, 1, 0) = 11;
  g_assert_true (ess_funding_action_total (plan, 0, &total));
  g_assert_true (ess_funding_action_total (plan, 1, &total));
  g_assert_false (ess_funding_funder_total (plan, 1, &total));
  g_array_index (plan->has_declared_funder, gboolean, 1) = TRUE;
  findings = ess_funding_plan_check (plan, NULL);
  g_assert_cmpuint (count_code (findings, "overflow"), ==, 2);
  g_assert_cmpuint (findings->len, ==, 2);

  /* The CSV leaves an overflowing total empty rather than wrong. */
  csv = ess_funding_plan_to_csv (plan, ';');
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[3], ==, "Total;;;0,00;;0,00;0,00;;0,00");
}

/* Structure edits keep every amount in its cell. */

static EssFundingPlan *
grid_plan (void)
{
  EssFundingPlan *plan = ess_funding_plan_new ();

  /* 3 funders x 2 years x 3 actions; cell (a, f, y) holds
   * 100 * (a + 1) + 10 * (f + 1) + (y + 1) euros. */
  ess_funding_plan_add_funder (plan, "Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Région", "region");
  ess_funding_plan_add_funder (plan, "Autofinancement", "autofinancement");
  ess_funding_plan_add_year (plan, 2014);
  ess_funding_plan_add_year (plan, 2013);
  g_assert_cmpint (g_array_index (plan->years, int, 0), ==, 2013);
  for (guint a = 0; a < 3; a++)
    {
      EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);

      g_free (action->title);
      action->title = g_strdup_printf ("Action %u", a + 1);
      for (guint f = 0; f < 3; f++)
        for (guint y = 0; y < 2; y++)
          *ess_funding_plan_amount (plan, a, f, y) = CENTS (100 * (a + 1) + 10 * (f + 1) + (y + 1));
    }
  g_array_index (plan->has_declared_funder, gboolean, 1) = TRUE;
  g_array_index (plan->declared_funder, gint64, 1) = CENTS (999);
  return plan;
}

static gint64
cell (EssFundingPlan *plan,
      guint           a,
      guint           f,
      guint           y)
{
  return *ess_funding_plan_amount (plan, a, f, y);
}

static void
test_structure_edits (void)
{
  g_autoptr(EssFundingPlan) plan = grid_plan ();
  g_autoptr(EssFundingPlan) copy = ess_funding_plan_copy (plan);
  EssFundingAction *inserted;
  gint64 total;

  g_assert_true (ess_funding_plan_equal (plan, copy));

  /* A funder at the end: the others keep their cells, the new one is 0. */
  g_assert_cmpuint (ess_funding_plan_add_funder (plan, "Europe", "europe"), ==, 3);
  g_assert_cmpint (cell (plan, 2, 1, 1), ==, CENTS (322));
  g_assert_cmpint (cell (plan, 2, 2, 0), ==, CENTS (331));
  g_assert_cmpint (cell (plan, 2, 3, 0), ==, 0);
  g_assert_cmpint (cell (plan, 2, 3, 1), ==, 0);
  g_assert_false (ess_funding_plan_equal (plan, copy));

  /* Removing the first funder moves the others left, with their declared totals. */
  ess_funding_plan_remove_funder (plan, 0);
  g_assert_cmpuint (plan->funders->len, ==, 3);
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (plan->funders, 0))->name, ==, "Région");
  g_assert_cmpint (cell (plan, 0, 0, 0), ==, CENTS (121));
  g_assert_cmpint (cell (plan, 0, 0, 1), ==, CENTS (122));
  g_assert_cmpint (cell (plan, 1, 1, 1), ==, CENTS (232));
  g_assert_true (g_array_index (plan->has_declared_funder, gboolean, 0));
  g_assert_cmpint (g_array_index (plan->declared_funder, gint64, 0), ==, CENTS (999));
  g_assert_false (g_array_index (plan->has_declared_funder, gboolean, 1));

  /* A year before the others: the amounts move to the next year index. */
  ess_funding_plan_add_year (plan, 2012);
  g_assert_cmpuint (plan->years->len, ==, 3);
  g_assert_cmpint (g_array_index (plan->years, int, 0), ==, 2012);
  g_assert_cmpint (cell (plan, 0, 0, 0), ==, 0);
  g_assert_cmpint (cell (plan, 0, 0, 1), ==, CENTS (121));
  g_assert_cmpint (cell (plan, 0, 0, 2), ==, CENTS (122));
  g_assert_cmpint (cell (plan, 2, 1, 2), ==, CENTS (332));
  /* A year already there changes nothing. */
  ess_funding_plan_add_year (plan, 2013);
  g_assert_cmpuint (plan->years->len, ==, 3);

  /* Removing 2013 keeps 2012 and 2014. */
  ess_funding_plan_remove_year (plan, 1);
  g_assert_cmpint (g_array_index (plan->years, int, 1), ==, 2014);
  g_assert_cmpint (cell (plan, 1, 0, 0), ==, 0);
  g_assert_cmpint (cell (plan, 1, 0, 1), ==, CENTS (222));
  g_assert_cmpint (cell (plan, 1, 1, 1), ==, CENTS (232));

  /* An action in the middle, then moves. */
  inserted = ess_funding_plan_insert_action (plan, 1);
  g_assert_cmpuint (plan->actions->len, ==, 4);
  g_assert_true (inserted == g_ptr_array_index (plan->actions, 1));
  g_assert_cmpint (cell (plan, 1, 0, 1), ==, 0);
  g_assert_cmpint (cell (plan, 2, 0, 1), ==, CENTS (222));
  ess_funding_plan_move_action (plan, 3, 0);
  g_assert_cmpstr (((EssFundingAction *) g_ptr_array_index (plan->actions, 0))->title, ==, "Action 3");
  g_assert_cmpint (cell (plan, 0, 1, 1), ==, CENTS (332));
  g_assert_cmpint (cell (plan, 1, 1, 1), ==, CENTS (132));
  ess_funding_plan_move_action (plan, 0, 3);
  g_assert_cmpstr (((EssFundingAction *) g_ptr_array_index (plan->actions, 3))->title, ==, "Action 3");
  ess_funding_plan_remove_action (plan, 1);
  g_assert_cmpuint (plan->actions->len, ==, 3);

  /* Back to the original actions, funders Région, Autofinancement, Europe
   * and the year 2014 only: Région + Autofinancement over 2014 =
   * (122 + 132) + (222 + 232) + (322 + 332) = 1 362. */
  ess_funding_plan_remove_year (plan, 0);
  g_assert_true (ess_funding_overall_total (plan, &total));
  g_assert_cmpint (total, ==, CENTS (1362));
  g_assert_true (ess_funding_funder_total (plan, 0, &total));
  g_assert_cmpint (total, ==, CENTS (122 + 222 + 322));

  /* The copy did not move. */
  g_assert_cmpint (cell (copy, 0, 0, 0), ==, CENTS (111));
}

/* Spreadsheet exchange. */

static void
test_tsv_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char **row;

  /* CRLF, empty cells, a quoted cell with a tab, a line break and a
   * doubled quote, a last row ending with an empty cell. */
  rows = ess_tsv_parse_block ("Axe\t1\t\t5 000\r\n"
                              "\"a\tb\nc \"\"d\"\"\"\t\t7\r\n"
                              "\t\t", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (row), ==, 4);
  g_assert_cmpstr (row[0], ==, "Axe");
  g_assert_cmpstr (row[1], ==, "1");
  g_assert_cmpstr (row[2], ==, "");
  g_assert_cmpstr (row[3], ==, "5 000");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[0], ==, "a\tb\nc \"d\"");
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[2], ==, "7");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[2], ==, "");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A final line break ends the last row and adds none. */
  rows = ess_tsv_parse_block ("1\t2\n3\t4\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[1], ==, "4");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A lone quote is kept as typed. */
  rows = ess_tsv_parse_block ("12\" pouces\t3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "12\" pouces");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ess_tsv_parse_block ("\"ouvert\t3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "\"ouvert");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[1], ==, "3");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Nothing pasted: no row. */
  rows = ess_tsv_parse_block ("", &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Not UTF-8 (Latin-1 "é"). */
  rows = ess_tsv_parse_block ("caf\xe9\t1", &error);
  g_assert_null (rows);
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "Le texte collé n’est pas de l’UTF-8 valide.");
}

static GPtrArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = ess_tsv_parse_block (text, &error);

  g_assert_no_error (error);
  return rows;
}

static void
test_paste (void)
{
  g_autoptr(EssFundingPlan) plan = ess_funding_plan_new ();
  g_autoptr(EssFundingPlan) before = NULL;
  g_autoptr(GPtrArray) block = NULL;
  g_autoptr(GError) error = NULL;
  const EssFundingAction *action;
  gint64 total;

  ess_funding_plan_add_funder (plan, "Lille Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Ville de Lille", "commune");
  ess_funding_plan_add_year (plan, 2013);
  /* Columns: 0 axe, 1 n°, 2 titre, 3 description, 4 partenaires, 5
   * Lille Métropole 2013, 6 Ville de Lille 2013, 7 and 8 realisation, 9
   * total déclaré. */
  g_assert_cmpuint (ess_funding_plan_paste_n_columns (plan), ==, 10);

  /* Two rows of annexe 2 as LibreOffice copies them: merged axis cells
   * come as empty, French amounts with U+00A0, U+202F or a space, a euro
   * sign, a decimal comma. Rows are added past the end. */
  block = parse ("Animation Territoriale\t1\tAnimer le réseau\t3 Forums\tActeurs de l'ESS\t10 000,00 €\t5\u00a0000"
                 "\t10\u202f800\t4200\t15 000,00 €\r\n"
                 "\t2\tAccompagner\t\t\t5000,5\t8 500\t3 500\t10 000,50\t\r\n");
  g_assert_true (ess_funding_plan_paste (plan, 0, 0, block, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan->actions->len, ==, 2);
  action = g_ptr_array_index (plan->actions, 0);
  g_assert_cmpstr (action->axis, ==, "Animation Territoriale");
  g_assert_cmpstr (action->partners, ==, "Acteurs de l'ESS");
  g_assert_cmpint (cell (plan, 0, 0, 0), ==, CENTS (10000));
  g_assert_cmpint (cell (plan, 0, 1, 0), ==, CENTS (5000));
  g_assert_cmpint (action->realisation[0], ==, CENTS (10800));
  g_assert_cmpint (action->realisation[1], ==, CENTS (4200));
  g_assert_true (action->has_declared_total);
  g_assert_cmpint (action->declared_total, ==, CENTS (15000));
  action = g_ptr_array_index (plan->actions, 1);
  /* The empty axis takes the one above. */
  g_assert_cmpstr (action->axis, ==, "Animation Territoriale");
  g_assert_cmpstr (action->number, ==, "2");
  g_assert_cmpint (cell (plan, 1, 0, 0), ==, 500050);
  g_assert_cmpint (action->realisation[1], ==, 1000050);
  /* An empty declared total is none. */
  g_assert_false (action->has_declared_total);
  g_assert_true (ess_funding_overall_total (plan, &total));
  g_assert_cmpint (total, ==, CENTS (15000) + 500050 + CENTS (8500));
  g_clear_pointer (&block, g_ptr_array_unref);

  /* A block of amounts into the middle: a third row is added. */
  block = parse ("1 000\t2 000\n3 000\t4 000\n");
  g_assert_true (ess_funding_plan_paste (plan, 1, 5, block, &error));
  g_assert_cmpuint (plan->actions->len, ==, 3);
  g_assert_cmpint (cell (plan, 1, 0, 0), ==, CENTS (1000));
  g_assert_cmpint (cell (plan, 1, 1, 0), ==, CENTS (2000));
  g_assert_cmpint (cell (plan, 2, 0, 0), ==, CENTS (3000));
  g_assert_cmpint (cell (plan, 2, 1, 0), ==, CENTS (4000));
  /* Unchanged around it. */
  g_assert_cmpint (cell (plan, 0, 0, 0), ==, CENTS (10000));
  g_assert_cmpstr (((EssFundingAction *) g_ptr_array_index (plan->actions, 1))->title, ==, "Accompagner");
  g_clear_pointer (&block, g_ptr_array_unref);

  /* A cell that is not an amount: the error names the table row and the
   * column, and nothing changes, not even the cells before it. */
  before = ess_funding_plan_copy (plan);
  block = parse ("7 000\t8 000\n9 000\tdix mille\n1\t2\n");
  g_assert_false (ess_funding_plan_paste (plan, 1, 5, block, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 3, colonne «" NB "Ville de Lille 2013" NB "»" NB ": «" NB "dix mille" NB "» n’est pas un montant"
                   NB ": saisissez des chiffres, par exemple 73 000,00");
  g_assert_true (ess_funding_plan_equal (plan, before));
  g_assert_cmpuint (plan->actions->len, ==, 3);
  g_clear_error (&error);
  g_clear_pointer (&block, g_ptr_array_unref);

  /* A negative amount is refused the same way. */
  block = parse ("-5\n");
  g_assert_false (ess_funding_plan_paste (plan, 0, 7, block, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 1, colonne «" NB "Réalisation par le porteur" NB "»" NB ": -5,00" E
                   " est négatif" NB ": un montant du plan vaut 0 ou plus");
  g_assert_true (ess_funding_plan_equal (plan, before));
  g_clear_error (&error);
  g_clear_pointer (&block, g_ptr_array_unref);

  /* Wider than the table from column 9: refused. */
  block = parse ("1\t2\n");
  g_assert_false (ess_funding_plan_paste (plan, 0, 9, block, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_SHAPE);
  g_assert_cmpstr (error->message, ==,
                   "Le bloc collé fait 2 colonnes de large à partir de la colonne 10" NB "; le tableau a 10 colonnes.");
  g_assert_true (ess_funding_plan_equal (plan, before));
}

static void
test_block_round_trip (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (FALSE);
  g_autoptr(EssFundingPlan) pasted = ess_funding_plan_new ();
  g_autofree char *tsv = NULL;
  g_autoptr(GPtrArray) block = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_free (plan->realisation_labels[0]);
  plan->realisation_labels[0] = g_strdup ("Réalisation par le porteur");
  g_free (plan->realisation_labels[1]);
  plan->realisation_labels[1] = g_strdup ("Réalisation par des opérateurs externes");

  tsv = ess_funding_plan_block_to_tsv (plan, 0, G_MAXUINT, 0, G_MAXUINT);
  lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 13);
  /* Row 11 holds quotes in its title: the cell is quoted, quotes doubled. */
  g_assert_cmpstr (lines[10], ==,
                   "Promotion et communication\t2\t\"Accompagner l'évènement \"\"Faites de l'ESS\"\"\"\t\t\t"
                   "3305,00\t12695,00\t6000,00\t10000,00\t16000,00");

  ess_funding_plan_add_funder (pasted, "Lille Métropole", "metropole");
  ess_funding_plan_add_funder (pasted, "Ville de Lille", "commune");
  ess_funding_plan_add_year (pasted, 2013);
  block = ess_tsv_parse_block (tsv, &error);
  g_assert_no_error (error);
  g_assert_true (ess_funding_plan_paste (pasted, 0, 0, block, &error));
  g_assert_no_error (error);
  g_assert_true (ess_funding_plan_equal (plan, pasted));
}

static void
test_csv_export (void)
{
  g_autoptr(EssFundingPlan) plan = small_plan (CENTS (10000), 150050);
  g_autofree char *csv = NULL;
  g_autofree char *tsv = NULL;
  EssFundingAction *action = g_ptr_array_index (plan->actions, 0);

  g_free (action->axis);
  action->axis = g_strdup ("Promotion; communication");
  g_free (action->number);
  action->number = g_strdup ("1");
  g_free (action->title);
  action->title = g_strdup ("Forum");
  action->realisation[0] = CENTS (11500);
  action->realisation[1] = 50;
  action->has_declared_total = TRUE;
  action->declared_total = CENTS (11500);
  plan->has_declared_overall = TRUE;
  plan->declared_overall = CENTS (12000);
  g_array_index (plan->has_declared_funder, gboolean, 1) = TRUE;
  g_array_index (plan->declared_funder, gint64, 1) = CENTS (10000);

  /* UTF-8 BOM, ";" separator, one header line, decimal comma without
   * grouping, a field holding ";" quoted. 1 500,50 + 10 000 = 11 500,50. */
  csv = ess_funding_plan_to_csv (plan, ';');
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbf"
                   "Axe;N°;Action;Ville de Hem (2013);Métropole (2013);Réalisation par le porteur;"
                   "Réalisation par des opérateurs externes;Total;Total déclaré\n"
                   "\"Promotion; communication\";1;Forum;1500,50;10000,00;11500,00;0,50;11500,50;11500,00\n"
                   "Total;;;1500,50;10000,00;11500,00;0,50;11500,50;12000,00\n"
                   "Total déclaré;;;;10000,00;;;;\n");

  /* For the clipboard: tabs, no BOM. */
  tsv = ess_funding_plan_to_csv (plan, '\t');
  g_assert_true (g_str_has_prefix (tsv, "Axe\tN°\tAction\t"));
}

static void
test_places (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (FALSE);
  g_autofree char *first = ess_funding_plan_action_place (plan, 0);
  g_autofree char *fifth = ess_funding_plan_action_place (plan, 4);
  g_autofree char *last = ess_funding_plan_action_place (plan, 11);

  /* Axis rank in the table, number in the axis, title cut after 40 characters between words. */
  g_assert_cmpstr (first, ==, "Action 1.1 «" NB "Animer le réseau des acteurs de…" NB "»");
  g_assert_cmpstr (fifth, ==, "Action 2.1 «" NB "Poursuivre le travail d'accompagnement…" NB "»");
  g_assert_cmpstr (last, ==, "Action 4.3 «" NB "Sensibiliser les acteurs culturels" NB "»");
}

static void
test_validate (void)
{
  g_autoptr(EssFundingPlan) plan = lille_plan (TRUE);
  g_autoptr(GError) error = NULL;
  EssFundingAction *action = g_ptr_array_index (plan->actions, 2);

  g_assert_true (ess_funding_plan_validate (plan, &error));
  g_assert_no_error (error);

  /* A negative cell: named by its row and heading. */
  *ess_funding_plan_amount (plan, 2, 1, 0) = -100;
  g_assert_false (ess_funding_plan_validate (plan, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Ligne 3, colonne «" NB "Ville de Lille 2013" NB "»" NB ": -1,00" E
                   " est négatif" NB ": un montant du plan vaut 0 ou plus");
  g_clear_error (&error);
  *ess_funding_plan_amount (plan, 2, 1, 0) = 0;

  action->realisation[1] = -1;
  g_assert_false (ess_funding_plan_validate (plan, &error));
  g_assert_nonnull (strstr (error->message, "dont réalisation opérateur externe"));
  g_clear_error (&error);
  action->realisation[1] = 0;

  plan->declared_overall = -5;
  g_assert_false (ess_funding_plan_validate (plan, &error));
  g_assert_cmpstr (error->message, ==,
                   "Total déclaré de «" NB "Total" NB "»" NB ": -0,05" E
                   " est négatif" NB ": un montant du plan vaut 0 ou plus");
  g_clear_error (&error);
  plan->declared_overall = 0;

  /* Years: in range, each once, ascending. */
  g_array_index (plan->years, int, 0) = 1899;
  g_assert_false (ess_funding_plan_validate (plan, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_YEAR);
  g_assert_cmpstr (error->message, ==, "L’année 1899 n’est pas comprise entre 1900 et 2200.");
  g_clear_error (&error);
  g_array_index (plan->years, int, 0) = 2013;
  ess_funding_plan_add_year (plan, 2014);
  g_array_index (plan->years, int, 1) = 2013;
  g_assert_false (ess_funding_plan_validate (plan, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_YEAR);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/funding-plan/lille/totals", test_lille_totals);
  g_test_add_func ("/funding-plan/lille/findings", test_lille_findings);
  g_test_add_func ("/funding-plan/lille/without-printed-line", test_lille_without_printed_line);
  g_test_add_func ("/funding-plan/row-split", test_row_split);
  g_test_add_func ("/funding-plan/without-split", test_plan_without_split);
  g_test_add_func ("/funding-plan/metropole-rate", test_metropole_rate);
  g_test_add_func ("/funding-plan/metropole-amounts", test_metropole_amounts);
  g_test_add_func ("/funding-plan/envelope", test_envelope);
  g_test_add_func ("/funding-plan/de-minimis", test_de_minimis);
  g_test_add_func ("/funding-plan/overflow", test_overflow);
  g_test_add_func ("/funding-plan/structure-edits", test_structure_edits);
  g_test_add_func ("/funding-plan/tsv-parse", test_tsv_parse);
  g_test_add_func ("/funding-plan/paste", test_paste);
  g_test_add_func ("/funding-plan/block-round-trip", test_block_round_trip);
  g_test_add_func ("/funding-plan/csv-export", test_csv_export);
  g_test_add_func ("/funding-plan/places", test_places);
  g_test_add_func ("/funding-plan/validate", test_validate);

  return g_test_run ();
}
