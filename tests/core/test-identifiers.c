/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the SIREN, SIRET, RNA, INSEE, IBAN and e-mail validators with computed valid and invalid values. */

#include "config.h"

#include <string.h>

#include "ess-identifiers.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP  "\xc2\xa0"

#define VALID -1

typedef gboolean (*Validator) (const char *text, GError **error);

typedef struct
{
  Validator   validate;
  const char *text;
  int         code;  /* VALID, or the EssIdentifierError expected */
} IdCase;

/* Luhn keys, digit sums and mod 97 remainders below were computed apart from this code. */
static const IdCase cases[] = {
  /* SIREN: Métropole Européenne de Lille, La Poste, and other public bodies. */
  { ess_siren_validate, "200093201", VALID },
  { ess_siren_validate, "200 093 201", VALID },
  { ess_siren_validate, "200.093.201", VALID },
  { ess_siren_validate, "200" NBSP "093" NNBSP "201", VALID },
  { ess_siren_validate, "356000000", VALID },
  { ess_siren_validate, "732829320", VALID },
  { ess_siren_validate, "552100554", VALID },
  { ess_siren_validate, "130025265", VALID },
  { ess_siren_validate, "775672272", VALID },
  { ess_siren_validate, "", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siren_validate, NULL, ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siren_validate, " . ", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siren_validate, "123", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siren_validate, "2000932010", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siren_validate, "20009320100016", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siren_validate, "20009320A", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_siren_validate, "-200093201", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_siren_validate, "200-093-201", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_siren_validate, "200093202", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siren_validate, "200093210", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siren_validate, "123456789", ESS_IDENTIFIER_ERROR_CHECKSUM },

  /* SIRET */
  { ess_siret_validate, "20009320100016", VALID },
  { ess_siret_validate, "200 093 201 00016", VALID },
  { ess_siret_validate, "21590350100017", VALID },
  { ess_siret_validate, "20009320100008", VALID },
  /* La Poste's head office follows Luhn (its digit sum, 26, is not a multiple of 5). */
  { ess_siret_validate, "35600000000048", VALID },
  /* Other La Poste establishments: digit sum 45 and 15, Luhn keys wrong. */
  { ess_siret_validate, "35600000049837", VALID },
  { ess_siret_validate, "356 000 000 00010", VALID },
  /* Digit sums 29 and 27; and a Luhn-valid one whose digit sum, 19, is refused. */
  { ess_siret_validate, "35600000012345", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siret_validate, "35600000000049", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siret_validate, "35600000000014", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siret_validate, "20009320100013", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siret_validate, "20009320100061", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_siret_validate, "123", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siret_validate, "200093201", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siret_validate, "3560000000004", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siret_validate, "200093201000160", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siret_validate, "", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siret_validate, NULL, ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_siret_validate, "2000932010001A", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_siret_validate, "200093201/00016", ESS_IDENTIFIER_ERROR_CHARACTERS },

  /* RNA */
  { ess_rna_validate, "W595012345", VALID },
  { ess_rna_validate, "W751000017", VALID },
  { ess_rna_validate, "W 595 012 345", VALID },
  { ess_rna_validate, "w595012345", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_rna_validate, "595012345", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_rna_validate, "X595012345", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_rna_validate, "W59501234", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_rna_validate, "W5950123456", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_rna_validate, "W", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_rna_validate, "", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_rna_validate, NULL, ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_rna_validate, "W59501234X", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_rna_validate, "WW95012345", ESS_IDENTIFIER_ERROR_CHARACTERS },

  /* INSEE commune codes: Lille, Villeneuve-d'Ascq, Ajaccio, Bastia, and the edges of the pattern. */
  { ess_insee_commune_validate, "59350", VALID },
  { ess_insee_commune_validate, "59009", VALID },
  { ess_insee_commune_validate, "2A004", VALID },
  { ess_insee_commune_validate, "2B033", VALID },
  { ess_insee_commune_validate, "01001", VALID },
  { ess_insee_commune_validate, "21231", VALID },
  { ess_insee_commune_validate, "29019", VALID },
  { ess_insee_commune_validate, "30189", VALID },
  { ess_insee_commune_validate, "97411", VALID },
  { ess_insee_commune_validate, "59 350", VALID },
  { ess_insee_commune_validate, "20004", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_insee_commune_validate, "2C004", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_insee_commune_validate, "2a004", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_insee_commune_validate, "A9350", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_insee_commune_validate, "5A350", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_insee_commune_validate, "2A0B4", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_insee_commune_validate, "5935", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_insee_commune_validate, "593500", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_insee_commune_validate, "", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_insee_commune_validate, NULL, ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_insee_commune_validate, "59-350", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_insee_commune_validate, "5935\xc3\xa9", ESS_IDENTIFIER_ERROR_CHARACTERS },

  /* French IBAN: the usual published examples, one with a letter in its account number. */
  { ess_iban_fr_validate, "FR7630006000011234567890189", VALID },
  { ess_iban_fr_validate, "FR76 3000 6000 0112 3456 7890 189", VALID },
  { ess_iban_fr_validate, "FR76" NBSP "3000" NNBSP "6000 0112 3456 7890 189", VALID },
  { ess_iban_fr_validate, "FR1420041010050500013M02606", VALID },
  { ess_iban_fr_validate, "FR7630001007941234567890185", VALID },
  { ess_iban_fr_validate, "FR7630006000011234567890188", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_iban_fr_validate, "FR7630006000011234567890198", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_iban_fr_validate, "FR1420041010050500013N02606", ESS_IDENTIFIER_ERROR_CHECKSUM },
  { ess_iban_fr_validate, "FR763000600001123456789018", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_iban_fr_validate, "FR76300060000112345678901890", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_iban_fr_validate, "", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_iban_fr_validate, NULL, ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_iban_fr_validate, "DE89370400440532013000", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_iban_fr_validate, "FRAB30006000011234567890189", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_iban_fr_validate, "fr7630006000011234567890189", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_iban_fr_validate, "FR1420041010050500013m02606", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_iban_fr_validate, "FR76-3000-6000-0112-3456-7890-189", ESS_IDENTIFIER_ERROR_CHARACTERS },

  /* E-mail */
  { ess_email_validate, "contact@maillage.fr", VALID },
  { ess_email_validate, "a.b-c+d@mel.lillemetropole.fr", VALID },
  { ess_email_validate, "d\xc3\xa9l\xc3\xa9gu\xc3\xa9@exemple.fr", VALID },
  { ess_email_validate, "", ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_email_validate, NULL, ESS_IDENTIFIER_ERROR_LENGTH },
  { ess_email_validate, "contact", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "contact@maillage", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "@maillage.fr", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "a@@maillage.fr", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "a@b@maillage.fr", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "a@.fr", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "a@maillage.", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "a@maillage..fr", ESS_IDENTIFIER_ERROR_FORMAT },
  { ess_email_validate, "a b@maillage.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, " a@maillage.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, "a@maillage.fr ", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, "a@maillage\t.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, "a" NBSP "b@maillage.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, "a" NNBSP "b@maillage.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, "a\x01@maillage.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
  { ess_email_validate, "a\xff@maillage.fr", ESS_IDENTIFIER_ERROR_CHARACTERS },
};

static void
test_validate (gconstpointer data)
{
  const IdCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = c->validate (c->text, &error);

  if (c->code == VALID)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }

  g_assert_false (ok);
  g_assert_error (error, ESS_IDENTIFIER_ERROR, c->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, !=, "");

  /* The reason names the value the user gave, as given (a blank one is said to be missing). */
  if (c->text != NULL && g_str_is_ascii (c->text) && strpbrk (c->text, "0123456789@Wa") != NULL)
    {
      g_autofree char *shown = g_strstrip (g_strdup (c->text));

      if (strchr (shown, '\t') == NULL && strchr (shown, '\x01') == NULL)
        g_assert_nonnull (strstr (error->message, shown));
    }

  /* Validation without an error to fill gives the same answer. */
  g_assert_false (c->validate (c->text, NULL));
}

static void
test_messages_give_counts (void)
{
  g_autoptr(GError) error = NULL;

  /* "SIRET “777” must have 14 digits, it has 3": whatever the language, both numbers. */
  g_assert_false (ess_siret_validate ("777", &error));
  g_assert_error (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH);
  g_assert_nonnull (strstr (error->message, "14"));
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  g_assert_false (ess_siren_validate ("77777", &error));
  g_assert_error (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH);
  g_assert_nonnull (strstr (error->message, "9"));
  g_assert_nonnull (strstr (error->message, "5"));
  g_clear_error (&error);

  g_assert_false (ess_iban_fr_validate ("FR76 3000", &error));
  g_assert_error (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH);
  g_assert_nonnull (strstr (error->message, "27"));
  g_assert_nonnull (strstr (error->message, "8"));
}

static void
test_long_value_is_cut (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (5000, '7');

  g_assert_false (ess_siren_validate (text, &error));
  g_assert_error (error, ESS_IDENTIFIER_ERROR, ESS_IDENTIFIER_ERROR_LENGTH);
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_nonnull (strstr (error->message, "5000"));
}

typedef struct
{
  const char *text;
  const char *expected;
} NormalizeCase;

static void
test_normalize (void)
{
  static const NormalizeCase normalize_cases[] = {
    { "200 093" NBSP "201" NNBSP "00016", "20009320100016" },
    { "200.093.201", "200093201" },
    { "  FR76 3000 6000 0112 3456 7890 189 ", "FR7630006000011234567890189" },
    { "59-350", "59-350" },
    { "W\t59", "W\t59" },
    { "d\xc3\xa9j\xc3\xa0 vu", "d\xc3\xa9j\xc3\xa0vu" },
    { "", "" },
    { " . " NBSP, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (normalize_cases); i++)
    {
      g_autofree char *normalized = ess_identifier_normalize (normalize_cases[i].text);

      g_assert_cmpstr (normalized, ==, normalize_cases[i].expected);
    }

  g_assert_null (ess_identifier_normalize (NULL));
}

static const char *
validator_name (Validator validate)
{
  if (validate == ess_siren_validate)
    return "siren";
  if (validate == ess_siret_validate)
    return "siret";
  if (validate == ess_rna_validate)
    return "rna";
  if (validate == ess_insee_commune_validate)
    return "insee";
  if (validate == ess_iban_fr_validate)
    return "iban";
  return "email";
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/identifiers/%s/%s/%" G_GSIZE_FORMAT,
                                               validator_name (cases[i].validate),
                                               cases[i].code == VALID ? "valid" : "invalid",
                                               i);

      g_test_add_data_func (path, &cases[i], test_validate);
    }
  g_test_add_func ("/identifiers/messages-give-counts", test_messages_give_counts);
  g_test_add_func ("/identifiers/long-value-is-cut", test_long_value_is_cut);
  g_test_add_func ("/identifiers/normalize", test_normalize);

  return g_test_run ();
}
