/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Amounts of money as gint64 cents: French parsing and formatting, checked arithmetic, percentages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESS_MONEY_ERROR (ess_money_error_quark ())

typedef enum
{
  ESS_MONEY_ERROR_EMPTY,
  ESS_MONEY_ERROR_INVALID,
  ESS_MONEY_ERROR_PRECISION,
  ESS_MONEY_ERROR_OVERFLOW,
  /* Not raised by the parsers, which accept a leading '-': for callers that refuse negative amounts. */
  ESS_MONEY_ERROR_NEGATIVE,
} EssMoneyError;

GQuark    ess_money_error_quark     (void);

/* What a French user types or a partner file holds: "73 000,00 €", "1234.56", "-5".
 * Groups of 3 digits may be separated by a space, U+00A0 or U+202F; the decimal
 * separator is ',' or '.', with at most 2 decimals; a trailing "€" is allowed.
 * @out_cents may be NULL to only check @text. */
gboolean  ess_money_parse           (const char  *text,
                                     gint64      *out_cents,
                                     GError     **error);
/* The strict machine form of XML and CSV files: -?[0-9]+(\.[0-9]{1,2})? */
gboolean  ess_money_parse_decimal   (const char  *text,
                                     gint64      *out_cents,
                                     GError     **error);

/* "73 000,00 €": U+202F between groups, U+00A0 before the euro sign, ASCII '-'. */
char     *ess_money_format          (gint64       cents);
/* "73 000,00": as ess_money_format() without the euro sign. */
char     *ess_money_format_plain    (gint64       cents);
/* A count in French: "12 345" with U+202F between digit groups, "-7". */
char     *ess_count_format          (gint64       n);
/* "73000.00", "-0.50": for XML and CSV files. */
char     *ess_money_format_decimal  (gint64       cents);

/* Each returns FALSE and leaves @out alone when the result does not fit in a gint64. */
gboolean  ess_money_add             (gint64       a,
                                     gint64       b,
                                     gint64      *out);
gboolean  ess_money_sub             (gint64       a,
                                     gint64       b,
                                     gint64      *out);
gboolean  ess_money_mul             (gint64       cents,
                                     gint64       factor,
                                     gint64      *out);

/* @part / @whole as a French percentage rounded once, half away from zero,
 * to @decimals places (at most 18): "45,2 %". "—" when @whole is 0. */
char     *ess_percent_format        (gint64       part,
                                     gint64       whole,
                                     guint        decimals);
/* @part / @whole in rounded hundredths of a percent (4520 is 45,20 %); 0 when
 * @whole is 0; clamped to the gint64 range. */
gint64    ess_percent_basis_points  (gint64       part,
                                     gint64       whole);

G_END_DECLS
