/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the aid an applicant received over rolling periods against the de minimis ceilings. */

#include "config.h"

#include <string.h>

#include "ess-aid.h"

/* Four grants to one applicant, in cents:
 *   A 2021-03-15   50 000,00 EUR =  5 000 000
 *   B 2022-06-30   80 000,00 EUR =  8 000 000
 *   C 2023-12-31   60 000,00 EUR =  6 000 000
 *   D 2024-03-15  120 000,00 EUR = 12 000 000
 * Listed out of order: the order of the list must not matter. */
static const EssAidGrant grants[] = {
  { "2023-12-31", 6000000 },
  { "2021-03-15", 5000000 },
  { "2024-03-15", 12000000 },
  { "2022-06-30", 8000000 },
};

typedef struct
{
  const char *date;
  int         years;
  gint64      cents;
} SumCase;

/* A grant counts when date - years < granted_on <= date. */
static const SumCase sum_cases[] = {
  /* (2021-03-15, 2024-03-15]: A is on the lower edge, out; B + C + D =
   * 80 000 + 60 000 + 120 000 = 260 000,00 EUR. */
  { "2024-03-15", 3, 26000000 },
  /* (2021-03-14, 2024-03-14]: A, B, C; D is the day after.
   * 50 000 + 80 000 + 60 000 = 190 000,00 EUR. */
  { "2024-03-14", 3, 19000000 },
  /* (2020-12-31, 2023-12-31]: A + B + C = 190 000,00 EUR, C on the upper edge, in. */
  { "2023-12-31", 3, 19000000 },
  /* (2020-12-30, 2023-12-30]: A + B = 130 000,00 EUR. */
  { "2023-12-30", 3, 13000000 },
  /* Before any grant. */
  { "2021-03-14", 3, 0 },
  /* The day of A: A alone. */
  { "2021-03-15", 3, 5000000 },
  /* (2022-06-30, 2025-06-30]: B on the lower edge, out; C + D = 180 000,00 EUR. */
  { "2025-06-30", 3, 18000000 },
  /* (2022-06-29, 2025-06-29]: B + C + D = 260 000,00 EUR. */
  { "2025-06-29", 3, 26000000 },
  /* (2027-01-01, 2030-01-01]: nothing left. */
  { "2030-01-01", 3, 0 },
  /* One year, (2023-03-15, 2024-03-15]: C + D = 180 000,00 EUR. */
  { "2024-03-15", 1, 18000000 },
  /* Ten years, (2014-03-15, 2024-03-15]: all = 310 000,00 EUR. */
  { "2024-03-15", 10, 31000000 },
};

static void
test_rolling_sum (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sum_cases); i++)
    {
      gint64 cents = -1;

      g_assert_true (ess_aid_rolling_sum (grants, G_N_ELEMENTS (grants),
                                          sum_cases[i].date, sum_cases[i].years, &cents));
      g_assert_cmpint (cents, ==, sum_cases[i].cents);
    }
}

static void
test_rolling_sum_leap_day (void)
{
  /* 10 000,00 EUR granted on 29 February 2020. */
  static const EssAidGrant leap[] = { { "2020-02-29", 1000000 } };
  gint64 cents = -1;

  /* 2023-02-28 less 3 years is 2020-02-28: the 29th is inside. */
  g_assert_true (ess_aid_rolling_sum (leap, 1, "2023-02-28", 3, &cents));
  g_assert_cmpint (cents, ==, 1000000);
  /* 2023-03-01 less 3 years is 2020-03-01: the 29th is before. */
  g_assert_true (ess_aid_rolling_sum (leap, 1, "2023-03-01", 3, &cents));
  g_assert_cmpint (cents, ==, 0);
}

static void
test_rolling_sum_odd_grants (void)
{
  /* A grant without a date is not granted yet; a grant of a bad date is left out. */
  static const EssAidGrant odd[] = {
    { NULL, 9900000 },
    { "", 9900000 },
    { "2024-02-30", 9900000 },
    { "15/01/2024", 9900000 },
    { "2024-01-15", 250000 },
  };
  gint64 cents = -1;

  g_assert_true (ess_aid_rolling_sum (odd, G_N_ELEMENTS (odd), "2024-06-01", 3, &cents));
  g_assert_cmpint (cents, ==, 250000);

  g_assert_true (ess_aid_rolling_sum (NULL, 0, "2024-06-01", 3, &cents));
  g_assert_cmpint (cents, ==, 0);
}

static void
test_overflow (void)
{
  static const EssAidGrant huge[] = {
    { "2024-01-15", G_MAXINT64 },
    { "2024-01-16", 1 },
  };
  static const EssAidGrant just[] = {
    { "2024-01-15", G_MAXINT64 - 1 },
    { "2024-01-16", 1 },
  };
  gint64 cents = 7;
  const char *date = NULL;

  g_assert_false (ess_aid_rolling_sum (huge, G_N_ELEMENTS (huge), "2024-06-01", 3, &cents));
  g_assert_false (ess_aid_peak (huge, G_N_ELEMENTS (huge), 3, &cents, &date));

  /* G_MAXINT64 - 1 + 1 still fits. */
  g_assert_true (ess_aid_rolling_sum (just, G_N_ELEMENTS (just), "2024-06-01", 3, &cents));
  g_assert_cmpint (cents, ==, G_MAXINT64);
  /* Before the second grant the first one alone counts. */
  g_assert_true (ess_aid_rolling_sum (huge, G_N_ELEMENTS (huge), "2024-01-15", 3, &cents));
  g_assert_cmpint (cents, ==, G_MAXINT64);
}

static void
test_peak (void)
{
  gint64 cents = -1;
  const char *date = NULL;

  /* Rolling sums on each grant date, 3 years:
   *   A 2021-03-15: A                 =  50 000
   *   B 2022-06-30: A + B             = 130 000
   *   C 2023-12-31: A + B + C         = 190 000
   *   D 2024-03-15: B + C + D (A out) = 260 000, the highest. */
  g_assert_true (ess_aid_peak (grants, G_N_ELEMENTS (grants), 3, &cents, &date));
  g_assert_cmpint (cents, ==, 26000000);
  g_assert_cmpstr (date, ==, "2024-03-15");

  /* One year: A 50 000; B 80 000 (A is more than a year before);
   * C 60 000; D: C + D = 180 000, the highest. */
  g_assert_true (ess_aid_peak (grants, G_N_ELEMENTS (grants), 1, &cents, &date));
  g_assert_cmpint (cents, ==, 18000000);
  g_assert_cmpstr (date, ==, "2024-03-15");
}

static void
test_peak_tie_and_empty (void)
{
  /* 100 000,00 EUR twice, four years apart: on 2024-01-10 the window
   * (2021-01-10, 2024-01-10] no longer holds the first one, so both dates
   * reach 100 000; the earlier one is the peak's date. */
  static const EssAidGrant tie[] = {
    { "2024-01-10", 10000000 },
    { "2020-01-10", 10000000 },
  };
  static const EssAidGrant undated[] = { { NULL, 10000000 } };
  gint64 cents = -1;
  const char *date = "unset";

  g_assert_true (ess_aid_peak (tie, G_N_ELEMENTS (tie), 3, &cents, &date));
  g_assert_cmpint (cents, ==, 10000000);
  g_assert_cmpstr (date, ==, "2020-01-10");

  g_assert_true (ess_aid_peak (NULL, 0, 3, &cents, &date));
  g_assert_cmpint (cents, ==, 0);
  g_assert_null (date);

  date = "unset";
  g_assert_true (ess_aid_peak (undated, 1, 3, &cents, &date));
  g_assert_cmpint (cents, ==, 0);
  g_assert_null (date);
}

typedef struct
{
  const char *kind;
  const char *date;
  const char *from;    /* NULL: no ceiling */
  gint64      cents;
} CeilingCase;

/* DOMAIN.md: general 200 000 EUR before 2024, 300 000 EUR from 2024;
 * SGEI 500 000 EUR before 2024, 750 000 EUR from 2024. */
static const CeilingCase ceiling_cases[] = {
  { "general", "2023-12-31", "1900-01-01", 20000000 },
  { "general", "2024-01-01", "2024-01-01", 30000000 },
  { "general", "2024-01-02", "2024-01-01", 30000000 },
  { "general", "2012-06-01", "1900-01-01", 20000000 },
  { "general", "1900-01-01", "1900-01-01", 20000000 },
  { "general", "1899-12-31", NULL, 0 },
  { "sgei", "2023-12-31", "1900-01-01", 50000000 },
  { "sgei", "2024-01-01", "2024-01-01", 75000000 },
  { "sgei", "2030-06-01", "2024-01-01", 75000000 },
  { "SGEI", "2024-01-01", NULL, 0 },
  { "agricultural", "2024-01-01", NULL, 0 },
  { "general", "01/01/2024", NULL, 0 },
  { "general", NULL, NULL, 0 },
};

static void
test_default_ceilings (void)
{
  guint n = 0;
  const EssAidCeiling *ceilings = ess_aid_default_ceilings (&n);

  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ceilings[i].years, ==, 3);

  for (gsize i = 0; i < G_N_ELEMENTS (ceiling_cases); i++)
    {
      const CeilingCase *c = &ceiling_cases[i];
      const EssAidCeiling *ceiling = ess_aid_ceiling_at (ceilings, n, c->kind, c->date);

      if (c->from == NULL)
        {
          g_assert_null (ceiling);
          continue;
        }
      g_assert_nonnull (ceiling);
      g_assert_cmpstr (ceiling->kind, ==, c->kind);
      g_assert_cmpstr (ceiling->from, ==, c->from);
      g_assert_cmpint (ceiling->amount_cents, ==, c->cents);
    }
}

static void
test_ceiling_unsorted (void)
{
  /* Settings edited by the user need not be in order. */
  static const EssAidCeiling ceilings[] = {
    { "general", "2024-01-01", 30000000, 3 },
    { "general", "2030-01-01", 40000000, 3 },
    { "sgei", "2029-01-01", 1, 3 },
    { "general", "1900-01-01", 20000000, 3 },
  };
  const EssAidCeiling *ceiling;

  ceiling = ess_aid_ceiling_at (ceilings, G_N_ELEMENTS (ceilings), "general", "2029-12-31");
  g_assert_true (ceiling == &ceilings[0]);
  ceiling = ess_aid_ceiling_at (ceilings, G_N_ELEMENTS (ceilings), "general", "2030-01-01");
  g_assert_true (ceiling == &ceilings[1]);
  ceiling = ess_aid_ceiling_at (ceilings, G_N_ELEMENTS (ceilings), "general", "2000-01-01");
  g_assert_true (ceiling == &ceilings[3]);
  g_assert_null (ess_aid_ceiling_at (NULL, 0, "general", "2024-01-01"));
}

static void
test_peak_against_ceiling (void)
{
  /* 210 000,00 EUR on 2023-12-31, 50 000,00 EUR on 2024-06-01.
   * Peak over 3 years: on 2024-06-01, 210 000 + 50 000 = 260 000 EUR,
   * under the 300 000 EUR ceiling in force then; but on 2023-12-31 the
   * sum was 210 000 EUR against the 200 000 EUR ceiling of 2023. */
  static const EssAidGrant aid[] = {
    { "2023-12-31", 21000000 },
    { "2024-06-01", 5000000 },
  };
  guint n = 0;
  const EssAidCeiling *ceilings = ess_aid_default_ceilings (&n);
  const EssAidCeiling *ceiling;
  gint64 cents = -1;
  const char *date = NULL;

  g_assert_true (ess_aid_peak (aid, G_N_ELEMENTS (aid), 3, &cents, &date));
  g_assert_cmpint (cents, ==, 26000000);
  g_assert_cmpstr (date, ==, "2024-06-01");
  ceiling = ess_aid_ceiling_at (ceilings, n, "general", date);
  g_assert_cmpint (ceiling->amount_cents, ==, 30000000);

  g_assert_true (ess_aid_rolling_sum (aid, G_N_ELEMENTS (aid), "2023-12-31", 3, &cents));
  g_assert_cmpint (cents, ==, 21000000);
  ceiling = ess_aid_ceiling_at (ceilings, n, "general", "2023-12-31");
  g_assert_cmpint (ceiling->amount_cents, ==, 20000000);
}

/* Ceilings as the settings keep them: bad entries (hand-edited with
 * dconf) are left out, the rest sorted by kind then date. */
static void
test_ceilings_from_variant (void)
{
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_parsed (
    "[('general', '2024-01-01', int64 30000000, 3),"
    " ('sgei', '2012-04-29', 50000000, 3),"
    " ('general', '2007-01-01', 20000000, 3),"
    " ('general', '2024-02-30', 10000000, 3),"   /* no such day */
    " ('regional', '2024-01-01', 10000000, 3),"  /* unknown kind */
    " ('general', '2025-01-01', 0, 3),"          /* no amount */
    " ('general', '2025-01-01', 10000000, 0),"   /* no period */
    " ('general', '01/01/2025', 10000000, 3),"   /* not ISO */
    " ('general', '2024-01-01', 99900000, 3)]"));  /* same kind and date again */
  g_autoptr(GArray) ceilings = ess_aid_ceilings_from_variant (value);
  const EssAidCeiling *items = (const EssAidCeiling *) (gpointer) ceilings->data;
  const EssAidCeiling *at;
  g_autoptr(GArray) none = ess_aid_ceilings_from_variant (NULL);
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new_string ("300000"));
  g_autoptr(GArray) from_wrong = ess_aid_ceilings_from_variant (wrong);

  g_assert_cmpuint (ceilings->len, ==, 3);
  g_assert_cmpstr (items[0].kind, ==, "general");
  g_assert_cmpstr (items[0].from, ==, "2007-01-01");
  g_assert_cmpint (items[0].amount_cents, ==, 20000000);
  g_assert_cmpstr (items[1].from, ==, "2024-01-01");
  g_assert_cmpint (items[1].amount_cents, ==, 30000000);
  g_assert_cmpstr (items[2].kind, ==, "sgei");
  g_assert_cmpint (items[2].years, ==, 3);

  /* 31/12/2023: the 200 000 EUR ceiling; 01/01/2024: 300 000 EUR; before 2007: none. */
  at = ess_aid_ceiling_at (items, ceilings->len, "general", "2023-12-31");
  g_assert_cmpint (at->amount_cents, ==, 20000000);
  at = ess_aid_ceiling_at (items, ceilings->len, "general", "2024-01-01");
  g_assert_cmpint (at->amount_cents, ==, 30000000);
  g_assert_null (ess_aid_ceiling_at (items, ceilings->len, "general", "2006-12-31"));

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (from_wrong->len, ==, 0);
}

static void
test_ceiling_validate (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ess_aid_ceiling_validate ("sgei", "2024-01-01", 75000000, 3, &error));
  g_assert_no_error (error);
  g_assert_false (ess_aid_ceiling_validate ("sgei", "2023-02-29", 75000000, 3, &error));
  g_assert_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING);
  g_assert_nonnull (strstr (error->message, "date"));
  g_clear_error (&error);
  g_assert_false (ess_aid_ceiling_validate ("general", "2024-01-01", -1, 3, &error));
  g_assert_nonnull (strstr (error->message, "amount"));
  g_clear_error (&error);
  g_assert_false (ess_aid_ceiling_validate ("general", "2024-01-01", 100, 11, &error));
  g_assert_nonnull (strstr (error->message, "10 years"));
  g_clear_error (&error);
  g_assert_false (ess_aid_ceiling_validate (NULL, "2024-01-01", 100, 3, &error));
  g_assert_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aid/rolling-sum", test_rolling_sum);
  g_test_add_func ("/aid/rolling-sum/leap-day", test_rolling_sum_leap_day);
  g_test_add_func ("/aid/rolling-sum/odd-grants", test_rolling_sum_odd_grants);
  g_test_add_func ("/aid/overflow", test_overflow);
  g_test_add_func ("/aid/peak", test_peak);
  g_test_add_func ("/aid/peak/tie-and-empty", test_peak_tie_and_empty);
  g_test_add_func ("/aid/ceiling/defaults", test_default_ceilings);
  g_test_add_func ("/aid/ceiling/unsorted", test_ceiling_unsorted);
  g_test_add_func ("/aid/peak-against-ceiling", test_peak_against_ceiling);
  g_test_add_func ("/aid/ceiling/from-settings", test_ceilings_from_variant);
  g_test_add_func ("/aid/ceiling/validate", test_ceiling_validate);

  return g_test_run ();
}
