/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of amounts in cents: French parsing and formatting, overflow, percentages. */

#include "config.h"

#include <string.h>

#include "ess-money.h"

/* Spelled out as bytes so that the expectations do not depend on the code under test. */
#define NNBSP "\xe2\x80\xaf"
#define NBSP  "\xc2\xa0"
#define EURO  "\xe2\x82\xac"

#define ACCEPTED -1

typedef struct
{
  const char *text;
  gint64      cents;
  int         code;   /* ACCEPTED, or the EssMoneyError expected */
} ParseCase;

static const ParseCase parse_cases[] = {
  /* What users type and what partner files hold. */
  { "73 000,00 €", 7300000, ACCEPTED },
  { "73 000,00" EURO, 7300000, ACCEPTED },
  { "73000", 7300000, ACCEPTED },
  { "73 000,5", 7300050, ACCEPTED },
  { "1 234,56", 123456, ACCEPTED },
  { "1234.56", 123456, ACCEPTED },
  { "1234,56", 123456, ACCEPTED },
  { "73" NBSP "000,00", 7300000, ACCEPTED },
  { "73" NNBSP "000,00", 7300000, ACCEPTED },
  { "73" NNBSP "000,00" NBSP EURO, 7300000, ACCEPTED },
  { "1" NBSP "234" NNBSP "567 890,12", 123456789012, ACCEPTED },
  { "5€", 500, ACCEPTED },
  { "5 €", 500, ACCEPTED },
  { "5" NNBSP EURO, 500, ACCEPTED },
  { "  12,30  ", 1230, ACCEPTED },
  { "\t-1 234,56 €\n", -123456, ACCEPTED },
  { NBSP "42" NNBSP, 4200, ACCEPTED },
  { "-0,50", -50, ACCEPTED },
  { "-5", -500, ACCEPTED },
  { "0,05", 5, ACCEPTED },
  { "0", 0, ACCEPTED },
  { "-0", 0, ACCEPTED },
  { "007", 700, ACCEPTED },
  { "1 000 000", 100000000, ACCEPTED },
  { "171 663 €", 17166300, ACCEPTED },
  { "4 730,00 €", 473000, ACCEPTED },
  { "92 233 720 368 547 758,07", G_MAXINT64, ACCEPTED },
  { "-92233720368547758,08", G_MININT64, ACCEPTED },
  { "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP EURO, G_MININT64, ACCEPTED },

  { "", 0, ESS_MONEY_ERROR_EMPTY },
  { "   ", 0, ESS_MONEY_ERROR_EMPTY },
  { NBSP NNBSP "\t", 0, ESS_MONEY_ERROR_EMPTY },
  { NULL, 0, ESS_MONEY_ERROR_EMPTY },

  { "abc", 0, ESS_MONEY_ERROR_INVALID },
  { "12a", 0, ESS_MONEY_ERROR_INVALID },
  { "douze", 0, ESS_MONEY_ERROR_INVALID },
  { "1e3", 0, ESS_MONEY_ERROR_INVALID },
  { "0x10", 0, ESS_MONEY_ERROR_INVALID },
  { "1,2,3", 0, ESS_MONEY_ERROR_INVALID },
  { "1.234,56", 0, ESS_MONEY_ERROR_INVALID },
  { "1,234.56", 0, ESS_MONEY_ERROR_INVALID },
  { "12 34", 0, ESS_MONEY_ERROR_INVALID },
  { "1234 567", 0, ESS_MONEY_ERROR_INVALID },
  { "1 2345", 0, ESS_MONEY_ERROR_INVALID },
  { "1  234", 0, ESS_MONEY_ERROR_INVALID },
  { "1 23 456", 0, ESS_MONEY_ERROR_INVALID },
  { "1 234,5 6", 0, ESS_MONEY_ERROR_INVALID },
  { "1\t234", 0, ESS_MONEY_ERROR_INVALID },
  { "€", 0, ESS_MONEY_ERROR_INVALID },
  { "€5", 0, ESS_MONEY_ERROR_INVALID },
  { "5 € €", 0, ESS_MONEY_ERROR_INVALID },
  { "5 EUR", 0, ESS_MONEY_ERROR_INVALID },
  { "-", 0, ESS_MONEY_ERROR_INVALID },
  { "- 5", 0, ESS_MONEY_ERROR_INVALID },
  { "--5", 0, ESS_MONEY_ERROR_INVALID },
  { "+5", 0, ESS_MONEY_ERROR_INVALID },
  { "5-", 0, ESS_MONEY_ERROR_INVALID },
  { "5,", 0, ESS_MONEY_ERROR_INVALID },
  { ",50", 0, ESS_MONEY_ERROR_INVALID },
  { "(5)", 0, ESS_MONEY_ERROR_INVALID },
  { "\xd9\xa1\xd9\xa2", 0, ESS_MONEY_ERROR_INVALID },  /* Arabic-Indic digits 1 and 2 */
  { "5\xff", 0, ESS_MONEY_ERROR_INVALID },

  { "1,234", 0, ESS_MONEY_ERROR_PRECISION },
  { "0.001", 0, ESS_MONEY_ERROR_PRECISION },
  { "73 000,005 €", 0, ESS_MONEY_ERROR_PRECISION },
  { "1,000", 0, ESS_MONEY_ERROR_PRECISION },

  { "92233720368547758,08", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "92 233 720 368 547 758,1", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "92233720368547759", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "-92233720368547758,09", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "12345678901234567890", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "-12345678901234567890", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "12 345 678 901 234 567 890,00 €", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "99999999999999999999999999999999999999999,99", 0, ESS_MONEY_ERROR_OVERFLOW },
};

static const ParseCase parse_decimal_cases[] = {
  { "73000.00", 7300000, ACCEPTED },
  { "73000", 7300000, ACCEPTED },
  { "73000.5", 7300050, ACCEPTED },
  { "0.5", 50, ACCEPTED },
  { "0.05", 5, ACCEPTED },
  { "-0.50", -50, ACCEPTED },
  { "-0", 0, ACCEPTED },
  { "007.1", 710, ACCEPTED },
  { "92233720368547758.07", G_MAXINT64, ACCEPTED },
  { "-92233720368547758.08", G_MININT64, ACCEPTED },

  { "", 0, ESS_MONEY_ERROR_EMPTY },
  { NULL, 0, ESS_MONEY_ERROR_EMPTY },

  { "73 000.00", 0, ESS_MONEY_ERROR_INVALID },
  { "73000,00", 0, ESS_MONEY_ERROR_INVALID },
  { "73000.00 €", 0, ESS_MONEY_ERROR_INVALID },
  { " 5", 0, ESS_MONEY_ERROR_INVALID },
  { "5 ", 0, ESS_MONEY_ERROR_INVALID },
  { "+5", 0, ESS_MONEY_ERROR_INVALID },
  { ".5", 0, ESS_MONEY_ERROR_INVALID },
  { "5.", 0, ESS_MONEY_ERROR_INVALID },
  { "-", 0, ESS_MONEY_ERROR_INVALID },
  { "-.5", 0, ESS_MONEY_ERROR_INVALID },
  { "1.2.3", 0, ESS_MONEY_ERROR_INVALID },
  { "1e5", 0, ESS_MONEY_ERROR_INVALID },
  { "abc", 0, ESS_MONEY_ERROR_INVALID },

  { "1.234", 0, ESS_MONEY_ERROR_PRECISION },

  { "92233720368547758.08", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "-92233720368547758.09", 0, ESS_MONEY_ERROR_OVERFLOW },
  { "12345678901234567890", 0, ESS_MONEY_ERROR_OVERFLOW },
};

static void
check_parse_case (const ParseCase *c,
                  gboolean       (*parse) (const char *, gint64 *, GError **))
{
  g_autoptr(GError) error = NULL;
  gint64 cents = 12345;
  gboolean ok;

  ok = parse (c->text, &cents, &error);

  if (c->code == ACCEPTED)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (cents, ==, c->cents);
      return;
    }

  g_assert_false (ok);
  g_assert_error (error, ESS_MONEY_ERROR, c->code);
  /* A refused amount is not half-written. */
  g_assert_cmpint (cents, ==, 12345);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* The message names what it was given: its start (a long text is cut), spaces trimmed. */
  if (c->code != ESS_MONEY_ERROR_EMPTY && g_str_is_ascii (c->text))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (c->text));
      g_autofree char *shown = g_strndup (stripped, 30);

      g_assert_nonnull (strstr (error->message, shown));
    }
}

static void
test_parse (gconstpointer data)
{
  check_parse_case (data, ess_money_parse);
}

static void
test_parse_decimal (gconstpointer data)
{
  check_parse_case (data, ess_money_parse_decimal);
}

static void
test_parse_without_output (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ess_money_parse ("73 000,00 €", NULL, NULL));
  g_assert_true (ess_money_parse_decimal ("73000.00", NULL, NULL));
  g_assert_false (ess_money_parse ("abc", NULL, &error));
  g_assert_error (error, ESS_MONEY_ERROR, ESS_MONEY_ERROR_INVALID);
}

static void
test_parse_long_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (10000, 'x');

  g_assert_false (ess_money_parse (text, NULL, &error));
  g_assert_error (error, ESS_MONEY_ERROR, ESS_MONEY_ERROR_INVALID);
  /* The message quotes the start of the text, not all of it. */
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_nonnull (strstr (error->message, "xxxxxxxxxx"));
}

typedef struct
{
  gint64      cents;
  const char *french;
  const char *plain;
  const char *decimal;
} FormatCase;

static const FormatCase format_cases[] = {
  { 7300000, "73" NNBSP "000,00" NBSP EURO, "73" NNBSP "000,00", "73000.00" },
  { 0, "0,00" NBSP EURO, "0,00", "0.00" },
  { 5, "0,05" NBSP EURO, "0,05", "0.05" },
  { -5, "-0,05" NBSP EURO, "-0,05", "-0.05" },
  { -50, "-0,50" NBSP EURO, "-0,50", "-0.50" },
  { 99999, "999,99" NBSP EURO, "999,99", "999.99" },
  { 100000, "1" NNBSP "000,00" NBSP EURO, "1" NNBSP "000,00", "1000.00" },
  { -123456, "-1" NNBSP "234,56" NBSP EURO, "-1" NNBSP "234,56", "-1234.56" },
  { 17166300, "171" NNBSP "663,00" NBSP EURO, "171" NNBSP "663,00", "171663.00" },
  { 100000000000, "1" NNBSP "000" NNBSP "000" NNBSP "000,00" NBSP EURO,
    "1" NNBSP "000" NNBSP "000" NNBSP "000,00", "1000000000.00" },
  { G_MAXINT64,
    "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP EURO,
    "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07",
    "92233720368547758.07" },
  { G_MININT64,
    "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP EURO,
    "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08",
    "-92233720368547758.08" },
  { G_MININT64 + 1,
    "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP EURO,
    "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07",
    "-92233720368547758.07" },
};

static void
test_format (gconstpointer data)
{
  const FormatCase *c = data;
  g_autofree char *french = ess_money_format (c->cents);
  g_autofree char *plain = ess_money_format_plain (c->cents);
  g_autofree char *decimal = ess_money_format_decimal (c->cents);

  g_assert_cmpstr (french, ==, c->french);
  g_assert_cmpstr (plain, ==, c->plain);
  g_assert_cmpstr (decimal, ==, c->decimal);
}

static void
test_format_exact_bytes (void)
{
  g_autofree char *text = ess_money_format (7300000);

  g_assert_cmpstr (text, ==, "73\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac");
  g_assert_cmpuint (strlen (text), ==, 2 + 3 + 6 + 2 + 3);
}

static void
check_round_trip (gint64 cents)
{
  g_autofree char *french = ess_money_format (cents);
  g_autofree char *plain = ess_money_format_plain (cents);
  g_autofree char *decimal = ess_money_format_decimal (cents);
  g_autoptr(GError) error = NULL;
  gint64 back;

  g_assert_true (ess_money_parse (french, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back, ==, cents);

  g_assert_true (ess_money_parse (plain, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back, ==, cents);

  g_assert_true (ess_money_parse_decimal (decimal, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back, ==, cents);

  /* A partner file may hold the decimal form where a French amount is expected. */
  g_assert_true (ess_money_parse (decimal, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back, ==, cents);
}

static void
test_round_trip (void)
{
  static const gint64 edges[] = {
    0, 1, -1, 9, 10, 99, 100, 101, -100, 999, 1000, 99999, 100000, 123456789,
    7300000, 17166300, 593300, 1500000, 473000, 11000000,
    G_MAXINT64, G_MAXINT64 - 1, G_MININT64, G_MININT64 + 1,
    G_MAXINT64 / 10, G_MININT64 / 10, G_MAXINT32, G_MININT32,
  };
  gint64 power = 1;
  GRand *rand = g_rand_new_with_seed (20120101);

  for (gsize i = 0; i < G_N_ELEMENTS (edges); i++)
    check_round_trip (edges[i]);

  /* 10^0 to 10^18, the largest power of ten in a gint64. */
  for (guint i = 0; i <= 18; i++)
    {
      check_round_trip (power);
      check_round_trip (-power);
      check_round_trip (power - 1);
      check_round_trip (1 - power);
      if (i < 18)
        power *= 10;
    }

  for (guint i = 0; i < 2000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      /* Whole 64-bit range, then amounts of every size by shifting. */
      gint64 value = (gint64) bits;

      check_round_trip (value);
      check_round_trip (value >> (i % 63));
    }

  g_rand_free (rand);
}

static void
test_arithmetic (void)
{
  gint64 out = 42;

  /* The seed's APT projects 2012-2013 add up to 171 663 €. */
  g_assert_true (ess_money_add (7300000, 7300000, &out));
  g_assert_cmpint (out, ==, 14600000);
  g_assert_true (ess_money_add (out, 593300, &out));
  g_assert_true (ess_money_add (out, 1500000, &out));
  g_assert_true (ess_money_add (out, 473000, &out));
  g_assert_cmpint (out, ==, 17166300);

  g_assert_true (ess_money_add (G_MAXINT64, -1, &out));
  g_assert_cmpint (out, ==, G_MAXINT64 - 1);
  g_assert_true (ess_money_add (G_MININT64, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, -1);

  out = 42;
  g_assert_false (ess_money_add (G_MAXINT64, 1, &out));
  g_assert_false (ess_money_add (G_MININT64, -1, &out));
  g_assert_false (ess_money_add (G_MAXINT64 / 2 + 1, G_MAXINT64 / 2 + 1, &out));
  g_assert_cmpint (out, ==, 42);

  g_assert_true (ess_money_sub (11000000, 17166300, &out));
  g_assert_cmpint (out, ==, -6166300);
  g_assert_true (ess_money_sub (-1, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, G_MININT64);
  out = 42;
  g_assert_false (ess_money_sub (G_MININT64, 1, &out));
  g_assert_false (ess_money_sub (0, G_MININT64, &out));
  g_assert_false (ess_money_sub (G_MAXINT64, -1, &out));
  g_assert_cmpint (out, ==, 42);

  g_assert_true (ess_money_mul (7300000, 2, &out));
  g_assert_cmpint (out, ==, 14600000);
  g_assert_true (ess_money_mul (-1, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, -G_MAXINT64);
  g_assert_true (ess_money_mul (922337203685477580, 10, &out));
  g_assert_cmpint (out, ==, G_GINT64_CONSTANT (9223372036854775800));
  g_assert_true (ess_money_mul (0, G_MININT64, &out));
  g_assert_cmpint (out, ==, 0);
  out = 42;
  g_assert_false (ess_money_mul (922337203685477581, 10, &out));
  g_assert_false (ess_money_mul (G_MAXINT64, 2, &out));
  g_assert_false (ess_money_mul (G_MININT64, -1, &out));
  g_assert_false (ess_money_mul (G_MAXINT32 * G_GINT64_CONSTANT (4), G_MAXINT32 * G_GINT64_CONSTANT (2), &out));
  g_assert_cmpint (out, ==, 42);
}

typedef struct
{
  gint64      part;
  gint64      whole;
  guint       decimals;
  const char *expected;
} PercentCase;

static const PercentCase percent_cases[] = {
  { 452, 1000, 1, "45,2" NBSP "%" },
  { 452, 1000, 0, "45" NBSP "%" },
  { 455, 1000, 0, "46" NBSP "%" },
  { -455, 1000, 0, "-46" NBSP "%" },
  { 455, -1000, 0, "-46" NBSP "%" },
  { -455, -1000, 0, "46" NBSP "%" },
  { 1, 3, 2, "33,33" NBSP "%" },
  { 2, 3, 2, "66,67" NBSP "%" },
  { 2, 3, 0, "67" NBSP "%" },
  { 1, 8, 1, "12,5" NBSP "%" },
  { 1, 8, 0, "13" NBSP "%" },
  { -1, 8, 0, "-13" NBSP "%" },
  /* Rounded once: 44.49 is 44, not 44.5 then 45. */
  { 4449, 10000, 0, "44" NBSP "%" },
  { 1, 1000, 0, "0" NBSP "%" },
  { -1, 1000, 0, "0" NBSP "%" },
  { -1, 1000, 1, "-0,1" NBSP "%" },
  { -1, 100000, 1, "0,0" NBSP "%" },
  { 0, 5, 1, "0,0" NBSP "%" },
  { 1000, 1000, 0, "100" NBSP "%" },
  { 1000, 1000, 2, "100,00" NBSP "%" },
  { 30, 1, 0, "3" NNBSP "000" NBSP "%" },
  { 0, 0, 1, "—" },
  { 5, 0, 0, "—" },
  { G_MININT64, 0, 2, "—" },
  /* The seed's APT: 171 663 € of projects for a 110 k€ envelope; Lille's 73 000 € share. */
  { 17166300, 11000000, 2, "156,06" NBSP "%" },
  { 17166300, 11000000, 1, "156,1" NBSP "%" },
  { 7300000, 17166300, 1, "42,5" NBSP "%" },
  { 593300, 17166300, 2, "3,46" NBSP "%" },
  { G_MAXINT64, G_MAXINT64, 1, "100,0" NBSP "%" },
  { G_MININT64, G_MAXINT64, 2, "-100,00" NBSP "%" },
  { G_MININT64, G_MININT64, 0, "100" NBSP "%" },
  { 1, G_MININT64, 3, "0,000" NBSP "%" },
  { G_MAXINT64 / 2, G_MAXINT64, 0, "50" NBSP "%" },
  { G_MAXINT64 / 2, G_MAXINT64, 4, "50,0000" NBSP "%" },
  { G_MAXINT64, 1, 0,
    "922" NNBSP "337" NNBSP "203" NNBSP "685" NNBSP "477" NNBSP "580" NNBSP "700" NBSP "%" },
  { G_MININT64, -1, 0,
    "922" NNBSP "337" NNBSP "203" NNBSP "685" NNBSP "477" NNBSP "580" NNBSP "800" NBSP "%" },
  { 1, 3, 18, "33,333333333333333333" NBSP "%" },
};

static void
test_percent_format (gconstpointer data)
{
  const PercentCase *c = data;
  g_autofree char *text = ess_percent_format (c->part, c->whole, c->decimals);

  g_assert_cmpstr (text, ==, c->expected);
}

typedef struct
{
  gint64 part;
  gint64 whole;
  gint64 expected;
} BasisPointsCase;

static const BasisPointsCase basis_points_cases[] = {
  { 452, 1000, 4520 },
  { 1, 3, 3333 },
  { 2, 3, 6667 },
  { -2, 3, -6667 },
  { 2, -3, -6667 },
  { 1, 1, 10000 },
  { 1, 20000, 1 },
  { -1, 20000, -1 },
  { 1, 20001, 0 },
  { 0, 7, 0 },
  { 0, 0, 0 },
  { 5, 0, 0 },
  { 17166300, 11000000, 15606 },
  { G_MAXINT64, G_MAXINT64, 10000 },
  { G_MININT64, G_MININT64, 10000 },
  { G_MININT64, G_MAXINT64, -10000 },
  { 1, G_MININT64, 0 },
  /* Too large for a gint64: clamped. */
  { G_MAXINT64, 1, G_MAXINT64 },
  { G_MININT64, 1, G_MININT64 },
  { G_MAXINT64, -1, G_MININT64 },
};

static void
test_basis_points (gconstpointer data)
{
  const BasisPointsCase *c = data;

  g_assert_cmpint (ess_percent_basis_points (c->part, c->whole), ==, c->expected);
}

static void
add_parse_cases (const char      *prefix,
                 const ParseCase *cases,
                 gsize            n_cases,
                 GTestDataFunc    func)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%" G_GSIZE_FORMAT, prefix, i);

      g_test_add_data_func (path, &cases[i], func);
    }
}

/* Counts are grouped like amounts, without decimals. */
static void
test_count_format (void)
{
  static const struct { gint64 n; const char *text; } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1\u202f000" },
    { 10000, "10\u202f000" },
    { 100000, "100\u202f000" },
    { 1234567, "1\u202f234\u202f567" },
    { -4500, "-4\u202f500" },
    { G_MININT64, "-9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ess_count_format (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_parse_cases ("/money/parse", parse_cases, G_N_ELEMENTS (parse_cases), test_parse);
  add_parse_cases ("/money/parse-decimal", parse_decimal_cases,
                   G_N_ELEMENTS (parse_decimal_cases), test_parse_decimal);
  g_test_add_func ("/money/parse-without-output", test_parse_without_output);
  g_test_add_func ("/money/parse-long-garbage", test_parse_long_garbage);

  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/format/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &format_cases[i], test_format);
    }
  g_test_add_func ("/money/format-exact-bytes", test_format_exact_bytes);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/arithmetic", test_arithmetic);
  g_test_add_func ("/money/count-format", test_count_format);

  for (gsize i = 0; i < G_N_ELEMENTS (percent_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/percent/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &percent_cases[i], test_percent_format);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (basis_points_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/basis-points/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &basis_points_cases[i], test_basis_points);
    }

  return g_test_run ();
}
