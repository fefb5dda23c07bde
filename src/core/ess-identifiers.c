/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Validation of SIREN, SIRET, RNA, INSEE, IBAN and e-mail values, each refusal saying what is expected. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-identifiers.h"

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

#define MAX_QUOTED_CHARS 40

/* La Poste's establishments share one SIREN and do not follow Luhn, except the head office. */
#define LA_POSTE_SIREN       "356000000"
#define LA_POSTE_HEAD_OFFICE "35600000000048"

G_DEFINE_QUARK (ess-identifier-error-quark, ess_identifier_error)

static char *
quote_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static gboolean refuse (GError             **error,
                        EssIdentifierError   code,
                        const char          *format,
                        ...) G_GNUC_PRINTF (3, 4);

/* Sets @error and returns FALSE, so that a validator can end with it. */
static gboolean
refuse (GError             **error,
        EssIdentifierError   code,
        const char          *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ESS_IDENTIFIER_ERROR, code, message);

  return FALSE;
}

char *
ess_identifier_normalize (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      if (*p == ' ' || *p == '.')
        p += 1;
      else if (strncmp (p, NBSP, 2) == 0)
        p += 2;
      else if (strncmp (p, NNBSP, 3) == 0)
        p += 3;
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static gboolean
only_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

static gboolean
luhn_valid (const char *digits)
{
  gsize len = strlen (digits);
  guint sum = 0;

  /* From the right, every second digit is doubled and its digits summed. */
  for (gsize i = 0; i < len; i++)
    {
      guint d = digits[len - 1 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

static guint
digit_sum (const char *digits)
{
  guint sum = 0;

  for (const char *p = digits; *p != '\0'; p++)
    sum += *p - '0';
  return sum;
}

gboolean
ess_siren_validate (const char  *text,
                    GError     **error)
{
  g_autofree char *value = ess_identifier_normalize (text != NULL ? text : "");
  g_autofree char *quoted = quote_text (text);

  if (*value == '\0')
    {
      g_set_error_literal (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH,
                           _("No SIREN given: expected 9 digits"));
      return FALSE;
    }
  if (!only_digits (value))
    return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                   _("SIREN “%s” must contain only digits"), quoted);
  if (strlen (value) != 9)
    return refuse (error, ESS_IDENTIFIER_ERROR_LENGTH,
                   _("SIREN “%s” must have 9 digits, it has %u"),
                   quoted, (guint) strlen (value));
  if (!luhn_valid (value))
    return refuse (error, ESS_IDENTIFIER_ERROR_CHECKSUM,
                   _("SIREN “%s” is not valid: its checksum (Luhn key) is wrong, "
                     "a digit may be mistyped"),
                   quoted);

  return TRUE;
}

gboolean
ess_siret_validate (const char  *text,
                    GError     **error)
{
  g_autofree char *value = ess_identifier_normalize (text != NULL ? text : "");
  g_autofree char *quoted = quote_text (text);

  if (*value == '\0')
    {
      g_set_error_literal (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH,
                           _("No SIRET given: expected 14 digits"));
      return FALSE;
    }
  if (!only_digits (value))
    return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                   _("SIRET “%s” must contain only digits"), quoted);
  if (strlen (value) != 14)
    return refuse (error, ESS_IDENTIFIER_ERROR_LENGTH,
                   _("SIRET “%s” must have 14 digits, it has %u"),
                   quoted, (guint) strlen (value));

  if (g_str_has_prefix (value, LA_POSTE_SIREN) && strcmp (value, LA_POSTE_HEAD_OFFICE) != 0)
    {
      if (digit_sum (value) % 5 != 0)
        return refuse (error, ESS_IDENTIFIER_ERROR_CHECKSUM,
                       _("SIRET “%s” of La Poste is not valid: the sum of its digits "
                         "must be a multiple of 5, a digit may be mistyped"),
                       quoted);
      return TRUE;
    }

  if (!luhn_valid (value))
    return refuse (error, ESS_IDENTIFIER_ERROR_CHECKSUM,
                   _("SIRET “%s” is not valid: its checksum (Luhn key) is wrong, "
                     "a digit may be mistyped"),
                   quoted);

  return TRUE;
}

gboolean
ess_rna_validate (const char  *text,
                  GError     **error)
{
  g_autofree char *value = ess_identifier_normalize (text != NULL ? text : "");
  g_autofree char *quoted = quote_text (text);

  if (*value == '\0')
    {
      g_set_error_literal (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH,
                           _("No RNA number given: expected W followed by 9 digits"));
      return FALSE;
    }
  if (value[0] == 'w')
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("RNA number “%s” must start with a capital W, not a lowercase w"), quoted);
  if (value[0] != 'W')
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("RNA number “%s” must start with W, followed by 9 digits"), quoted);
  if (!only_digits (value + 1))
    return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                   _("RNA number “%s” must have only digits after the W"), quoted);
  if (strlen (value + 1) != 9)
    return refuse (error, ESS_IDENTIFIER_ERROR_LENGTH,
                   _("RNA number “%s” must have 9 digits after the W, it has %u"),
                   quoted, (guint) strlen (value + 1));

  return TRUE;
}

gboolean
ess_insee_commune_validate (const char  *text,
                            GError     **error)
{
  g_autofree char *value = ess_identifier_normalize (text != NULL ? text : "");
  g_autofree char *quoted = quote_text (text);
  gboolean department_ok;

  if (*value == '\0')
    {
      g_set_error_literal (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH,
                           _("No INSEE commune code given: expected 5 characters "
                             "such as 59350 or 2A004"));
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                       _("INSEE commune code “%s” may only contain digits, "
                         "and 2A or 2B for Corsica"),
                       quoted);
    }
  if (strlen (value) != 5)
    return refuse (error, ESS_IDENTIFIER_ERROR_LENGTH,
                   _("INSEE commune code “%s” must have 5 characters, it has %u"),
                   quoted, (guint) strlen (value));

  /* ^([013-9]\d|2[AB1-9])\d{3}$: département 20 no longer exists, Corsica is 2A and 2B. */
  if (value[0] == '2')
    department_ok = value[1] == 'A' || value[1] == 'B' || (value[1] >= '1' && value[1] <= '9');
  else
    department_ok = g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]);

  if (!department_ok || !only_digits (value + 2))
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("INSEE commune code “%s” is not valid: expected 5 digits such as 59350, "
                     "or 2A or 2B then 3 digits for Corsica"),
                   quoted);

  return TRUE;
}

gboolean
ess_iban_fr_validate (const char  *text,
                      GError     **error)
{
  g_autofree char *value = ess_identifier_normalize (text != NULL ? text : "");
  g_autofree char *quoted = quote_text (text);
  guint remainder = 0;
  gsize len;

  if (*value == '\0')
    {
      g_set_error_literal (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH,
                           _("No IBAN given: expected FR followed by 25 digits or capital letters"));
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                       _("IBAN “%s” may only contain digits and capital letters"), quoted);
    }
  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p))
        return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                       _("IBAN “%s” must be written in capital letters"), quoted);
    }
  if (!g_str_has_prefix (value, "FR"))
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("IBAN “%s” is not a French IBAN: it must start with FR"), quoted);
  len = strlen (value);
  if (len != 27)
    return refuse (error, ESS_IDENTIFIER_ERROR_LENGTH,
                   _("IBAN “%s” must have 27 characters, it has %u"), quoted, (guint) len);
  if (!g_ascii_isdigit (value[2]) || !g_ascii_isdigit (value[3]))
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("IBAN “%s” must have 2 check digits after FR"), quoted);

  /* ISO 13616: move the first 4 characters to the end, read letters as
   * 10 to 35, and take the remainder by 97 one digit or letter at a time. */
  for (gsize i = 0; i < len; i++)
    {
      char c = value[(i + 4) % len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (c - '0')) % 97;
      else
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }

  if (remainder != 1)
    return refuse (error, ESS_IDENTIFIER_ERROR_CHECKSUM,
                   _("IBAN “%s” is not valid: its check digits do not match, "
                     "a character may be mistyped"),
                   quoted);

  return TRUE;
}

gboolean
ess_email_validate (const char  *text,
                    GError     **error)
{
  g_autofree char *quoted = quote_text (text);
  const char *at, *domain, *dot;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH,
                           _("No e-mail address given: expected an address such as "
                             "name@example.fr"));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                   _("E-mail address “%s” contains a character that is not allowed"), quoted);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F)
        return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                       _("E-mail address “%s” must not contain spaces"), quoted);
      if (g_unichar_iscntrl (c))
        return refuse (error, ESS_IDENTIFIER_ERROR_CHARACTERS,
                       _("E-mail address “%s” contains a character that is not allowed"), quoted);
    }

  at = strchr (text, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("E-mail address “%s” must contain exactly one @"), quoted);
  if (at == text)
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("E-mail address “%s” has nothing before the @"), quoted);

  domain = at + 1;
  dot = strchr (domain, '.');
  if (dot == NULL || dot == domain || g_str_has_suffix (domain, ".") ||
      strstr (domain, "..") != NULL)
    return refuse (error, ESS_IDENTIFIER_ERROR_FORMAT,
                   _("E-mail address “%s” needs a domain with a dot after the @, "
                     "such as example.fr"),
                   quoted);

  return TRUE;
}
