/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Money in gint64 cents, read and written the French way with integer arithmetic only. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-money.h"

#define NNBSP "\xe2\x80\xaf"  /* U+202F NARROW NO-BREAK SPACE, between digit groups */
#define NBSP  "\xc2\xa0"      /* U+00A0 NO-BREAK SPACE, before the unit */
#define EURO  "\xe2\x82\xac"  /* U+20AC EURO SIGN */

/* A message quotes what it was given; a partner file may hold anything. */
#define MAX_QUOTED_CHARS 40

G_DEFINE_QUARK (ess-money-error-quark, ess_money_error)

static char *
quote_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

/* For the parsers' refusals: INVALID, PRECISION or OVERFLOW. */
static void
set_error (GError        **error,
           EssMoneyError   code,
           const char     *text)
{
  g_autofree char *quoted = quote_text (text);

  switch (code)
    {
    case ESS_MONEY_ERROR_PRECISION:
      g_set_error (error, ESS_MONEY_ERROR, code,
                   _("“%s” has more than 2 decimals: an amount has at most 2 decimals (cents)"),
                   quoted);
      break;

    case ESS_MONEY_ERROR_OVERFLOW:
      g_set_error (error, ESS_MONEY_ERROR, code,
                   _("“%s” is too large to be an amount"), quoted);
      break;

    case ESS_MONEY_ERROR_INVALID:
    case ESS_MONEY_ERROR_EMPTY:
    case ESS_MONEY_ERROR_NEGATIVE:
    default:
      g_set_error (error, ESS_MONEY_ERROR, ESS_MONEY_ERROR_INVALID,
                   _("“%s” is not an amount: expected digits such as 73 000,00"), quoted);
      break;
    }
}

static guint64
magnitude (gint64 value)
{
  /* -G_MININT64 does not exist as a gint64, so negate one step short of it. */
  return value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
}

/* Appends one decimal digit to @mag; FALSE when the result would pass @limit. */
static gboolean
push_digit (guint64 *mag,
            char     digit,
            guint64  limit)
{
  guint d = digit - '0';

  if (*mag > (limit - d) / 10)
    return FALSE;
  *mag = *mag * 10 + d;
  return TRUE;
}

/* Number of bytes of the space at @p (ASCII space, U+00A0, U+202F), 0 if none. */
static gsize
group_space_length (const char *p,
                    const char *end)
{
  if (p < end && *p == ' ')
    return 1;
  if (end - p >= 2 && memcmp (p, NBSP, 2) == 0)
    return 2;
  if (end - p >= 3 && memcmp (p, NNBSP, 3) == 0)
    return 3;
  return 0;
}

static gsize
leading_space_length (const char *p,
                      const char *end)
{
  if (p < end && g_ascii_isspace (*p))
    return 1;
  return group_space_length (p, end);
}

static gsize
trailing_space_length (const char *start,
                       const char *end)
{
  if (end > start && g_ascii_isspace (end[-1]))
    return 1;
  if (end - start >= 2 && memcmp (end - 2, NBSP, 2) == 0)
    return 2;
  if (end - start >= 3 && memcmp (end - 3, NNBSP, 3) == 0)
    return 3;
  return 0;
}

static void
trim (const char **start,
      const char **end)
{
  gsize len;

  while ((len = leading_space_length (*start, *end)) > 0)
    *start += len;
  while ((len = trailing_space_length (*start, *end)) > 0)
    *end -= len;
}

/* Scales a magnitude with @n_decimals decimals (0 to 2) to cents. */
static gboolean
to_cents (guint64  mag,
          guint    n_decimals,
          gboolean negative,
          guint64  limit,
          gint64  *out_cents)
{
  for (; n_decimals < 2; n_decimals++)
    {
      if (!push_digit (&mag, '0', limit))
        return FALSE;
    }

  if (out_cents != NULL)
    {
      if (negative)
        *out_cents = mag == 0 ? 0 : -(gint64) (mag - 1) - 1;
      else
        *out_cents = (gint64) mag;
    }

  return TRUE;
}

gboolean
ess_money_parse (const char  *text,
                 gint64      *out_cents,
                 GError     **error)
{
  const char *p, *end;
  gboolean negative = FALSE;
  gboolean grouped = FALSE;
  gboolean overflow = FALSE;
  guint group_len = 0;
  guint n_int = 0;
  guint n_decimals = 0;
  guint64 mag = 0;
  guint64 limit;

  if (text == NULL)
    text = "";

  p = text;
  end = text + strlen (text);
  trim (&p, &end);
  if (p == end)
    {
      g_set_error_literal (error, ESS_MONEY_ERROR, ESS_MONEY_ERROR_EMPTY,
                           _("No amount given: expected digits such as 73 000,00"));
      return FALSE;
    }

  if (end - p >= 3 && memcmp (end - 3, EURO, 3) == 0)
    {
      end -= 3;
      trim (&p, &end);
    }

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  /* Digits in groups of 3 once a space separates them: "1 234", not "12 34". */
  while (p < end)
    {
      gsize space_len;

      if (g_ascii_isdigit (*p))
        {
          overflow = overflow || !push_digit (&mag, *p, limit);
          n_int++;
          group_len++;
          p++;
        }
      else if ((space_len = group_space_length (p, end)) > 0)
        {
          if (group_len == 0 || (grouped && group_len != 3) || group_len > 3)
            break;
          grouped = TRUE;
          group_len = 0;
          p += space_len;
        }
      else
        break;
    }

  if (n_int == 0 || (grouped && group_len != 3))
    {
      set_error (error, ESS_MONEY_ERROR_INVALID, text);
      return FALSE;
    }

  if (p < end && (*p == ',' || *p == '.'))
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        {
          if (n_decimals < 2)
            overflow = overflow || !push_digit (&mag, *p, limit);
          n_decimals++;
          p++;
        }
      /* "5," is a slip, not 5 euros. */
      if (n_decimals == 0)
        {
          set_error (error, ESS_MONEY_ERROR_INVALID, text);
          return FALSE;
        }
    }

  if (p != end)
    {
      set_error (error, ESS_MONEY_ERROR_INVALID, text);
      return FALSE;
    }

  if (n_decimals > 2)
    {
      set_error (error, ESS_MONEY_ERROR_PRECISION, text);
      return FALSE;
    }

  if (overflow || !to_cents (mag, n_decimals, negative, limit, out_cents))
    {
      set_error (error, ESS_MONEY_ERROR_OVERFLOW, text);
      return FALSE;
    }

  return TRUE;
}

gboolean
ess_money_parse_decimal (const char  *text,
                         gint64      *out_cents,
                         GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  gboolean overflow = FALSE;
  guint n_int = 0;
  guint n_decimals = 0;
  guint64 mag = 0;
  guint64 limit;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, ESS_MONEY_ERROR, ESS_MONEY_ERROR_EMPTY,
                           _("No amount given: expected a decimal number such as 73000.00"));
      return FALSE;
    }

  p = text;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  for (; g_ascii_isdigit (*p); p++, n_int++)
    overflow = overflow || !push_digit (&mag, *p, limit);

  if (n_int > 0 && *p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, n_decimals++)
        {
          if (n_decimals < 2)
            overflow = overflow || !push_digit (&mag, *p, limit);
        }
      if (n_decimals == 0)
        n_int = 0;
    }

  if (n_int == 0 || *p != '\0')
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, ESS_MONEY_ERROR, ESS_MONEY_ERROR_INVALID,
                   _("“%s” is not a decimal amount: expected digits, then optionally a point "
                     "and 1 or 2 decimals, such as 73000.00"),
                   quoted);
      return FALSE;
    }

  if (n_decimals > 2)
    {
      set_error (error, ESS_MONEY_ERROR_PRECISION, text);
      return FALSE;
    }

  if (overflow || !to_cents (mag, n_decimals, negative, limit, out_cents))
    {
      set_error (error, ESS_MONEY_ERROR_OVERFLOW, text);
      return FALSE;
    }

  return TRUE;
}

/* Appends the digits of @digits[0..len) with U+202F between groups of 3. */
static void
append_grouped (GString    *out,
                const char *digits,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, NNBSP);
      g_string_append_c (out, digits[i]);
    }
}

static char *
format_french (gint64      cents,
               const char *unit)
{
  guint64 mag = magnitude (cents);
  g_autofree char *units = g_strdup_printf ("%" G_GUINT64_FORMAT, mag / 100);
  GString *out = g_string_new (NULL);

  if (cents < 0)
    g_string_append_c (out, '-');
  append_grouped (out, units, strlen (units));
  g_string_append_printf (out, ",%02u", (guint) (mag % 100));
  if (unit != NULL)
    {
      g_string_append (out, NBSP);
      g_string_append (out, unit);
    }

  return g_string_free (out, FALSE);
}

char *
ess_money_format (gint64 cents)
{
  return format_french (cents, EURO);
}

char *
ess_money_format_plain (gint64 cents)
{
  return format_french (cents, NULL);
}

char *
ess_count_format (gint64 n)
{
  guint64 mag = magnitude (n);
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, mag);
  GString *out = g_string_new (n < 0 ? "-" : NULL);

  append_grouped (out, digits, strlen (digits));
  return g_string_free (out, FALSE);
}

char *
ess_money_format_decimal (gint64 cents)
{
  guint64 mag = magnitude (cents);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          cents < 0 ? "-" : "",
                          mag / 100,
                          (guint) (mag % 100));
}

gboolean
ess_money_add (gint64  a,
               gint64  b,
               gint64 *out)
{
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &result))
    return FALSE;
  *out = result;
  return TRUE;
}

gboolean
ess_money_sub (gint64  a,
               gint64  b,
               gint64 *out)
{
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_sub_overflow (a, b, &result))
    return FALSE;
  *out = result;
  return TRUE;
}

gboolean
ess_money_mul (gint64  cents,
               gint64  factor,
               gint64 *out)
{
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_mul_overflow (cents, factor, &result))
    return FALSE;
  *out = result;
  return TRUE;
}

/* The decimal digits of @part / @whole * 10^@scale rounded half up, for
 * @whole > 0. Long division, one digit at a time, so that no intermediate
 * value needs more than 64 bits whatever the operands. */
static GString *
ratio_digits (guint64 part,
              guint64 whole,
              guint   scale)
{
  GString *digits = g_string_new (NULL);
  guint64 rest = part % whole;
  gssize i;

  g_string_printf (digits, "%" G_GUINT64_FORMAT, part / whole);

  for (guint n = 0; n < scale; n++)
    {
      guint64 acc = 0;
      char digit = '0';

      /* acc and rest stay below whole <= 2^63, so acc + rest fits. */
      for (guint k = 0; k < 10; k++)
        {
          acc += rest;
          if (acc >= whole)
            {
              acc -= whole;
              digit++;
            }
        }
      g_string_append_c (digits, digit);
      rest = acc;
    }

  /* rest / whole >= 1/2, written without doubling rest. */
  if (rest >= whole - rest)
    {
      for (i = digits->len - 1; i >= 0 && digits->str[i] == '9'; i--)
        digits->str[i] = '0';
      if (i >= 0)
        digits->str[i]++;
      else
        g_string_prepend_c (digits, '1');
    }

  while (digits->len > 1 && digits->str[0] == '0')
    g_string_erase (digits, 0, 1);

  return digits;
}

static gboolean
all_zeros (const GString *digits)
{
  for (gsize i = 0; i < digits->len; i++)
    {
      if (digits->str[i] != '0')
        return FALSE;
    }
  return TRUE;
}

char *
ess_percent_format (gint64 part,
                    gint64 whole,
                    guint  decimals)
{
  g_autoptr(GString) digits = NULL;
  GString *out;

  g_return_val_if_fail (decimals <= 18, NULL);

  if (whole == 0)
    return g_strdup ("—");

  digits = ratio_digits (magnitude (part), magnitude (whole), 2 + decimals);
  while (digits->len < decimals + 1)
    g_string_prepend_c (digits, '0');

  out = g_string_new (NULL);
  /* A negative ratio that rounds to zero is shown as 0, not -0. */
  if ((part < 0) != (whole < 0) && !all_zeros (digits))
    g_string_append_c (out, '-');
  append_grouped (out, digits->str, digits->len - decimals);
  if (decimals > 0)
    {
      g_string_append_c (out, ',');
      g_string_append (out, digits->str + digits->len - decimals);
    }
  g_string_append (out, NBSP "%");

  return g_string_free (out, FALSE);
}

gint64
ess_percent_basis_points (gint64 part,
                          gint64 whole)
{
  g_autoptr(GString) digits = NULL;
  gboolean negative = (part < 0) != (whole < 0);
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 mag = 0;

  if (whole == 0)
    return 0;

  digits = ratio_digits (magnitude (part), magnitude (whole), 4);
  for (gsize i = 0; i < digits->len; i++)
    {
      if (!push_digit (&mag, digits->str[i], limit))
        return negative ? G_MININT64 : G_MAXINT64;
    }

  return negative ? (mag == 0 ? 0 : -(gint64) (mag - 1) - 1) : (gint64) mag;
}
