/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checks of the identifiers applicants give: SIREN, SIRET, RNA, INSEE commune code, French IBAN, e-mail. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESS_IDENTIFIER_ERROR (ess_identifier_error_quark ())

typedef enum
{
  ESS_IDENTIFIER_ERROR_LENGTH,      /* too short, too long or empty */
  ESS_IDENTIFIER_ERROR_CHARACTERS,  /* a character that may not appear */
  ESS_IDENTIFIER_ERROR_CHECKSUM,    /* well formed, but its key is wrong */
  ESS_IDENTIFIER_ERROR_FORMAT,      /* the right characters in the wrong places */
} EssIdentifierError;

GQuark    ess_identifier_error_quark  (void);

/* @text without the ASCII spaces, U+00A0, U+202F and dots people put in
 * "200 093 201 00016" or "FR76 3000 6000 ..."; NULL for NULL. */
char     *ess_identifier_normalize    (const char  *text);

/* The validators below but ess_email_validate() check the normalized form of
 * @text; callers store that form. A NULL @text is refused as empty. */

/* 9 digits with a valid Luhn key. */
gboolean  ess_siren_validate          (const char  *text,
                                       GError     **error);
/* 14 digits with a valid Luhn key; La Poste's establishments (SIREN 356000000,
 * but for its head office 35600000000048) have a digit sum that is a multiple of 5 instead. */
gboolean  ess_siret_validate          (const char  *text,
                                       GError     **error);
/* Associations register number: a capital W and 9 digits. */
gboolean  ess_rna_validate            (const char  *text,
                                       GError     **error);
/* ^([013-9]\d|2[AB1-9])\d{3}$, such as 59350 or 2A004. */
gboolean  ess_insee_commune_validate  (const char  *text,
                                       GError     **error);
/* FR, 2 check digits and 23 capital letters or digits, mod 97 = 1. */
gboolean  ess_iban_fr_validate        (const char  *text,
                                       GError     **error);
/* Pragmatic: one @, a local part, a domain with a dot inside, no spaces. */
gboolean  ess_email_validate          (const char  *text,
                                       GError     **error);

G_END_DECLS
