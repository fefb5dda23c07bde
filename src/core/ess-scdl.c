/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One granted subsidy in the SCDL "subventions" open data format (v2.1.1): its rules and its CSV row. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-csv.h"
#include "ess-dossier.h"
#include "ess-identifiers.h"
#include "ess-money.h"
#include "ess-scdl.h"

static const char * const columns[] = {
  "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
  "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
  "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide",
};

EssScdlRow *
ess_scdl_row_new (void)
{
  EssScdlRow *row = g_new0 (EssScdlRow, 1);

  row->pourcentage_centiemes = -1;
  return row;
}

void
ess_scdl_row_free (EssScdlRow *row)
{
  if (row == NULL)
    return;
  g_free (row->reference);
  g_free (row->nom_attribuant);
  g_free (row->id_attribuant);
  g_free (row->date_convention);
  g_free (row->reference_decision);
  g_free (row->nom_beneficiaire);
  g_free (row->id_beneficiaire);
  g_free (row->rna_beneficiaire);
  g_free (row->objet);
  g_free (row->nature);
  g_free (row->conditions_versement);
  g_free (row->dates_periode_versement);
  g_free (row->id_rae);
  g_free (row->notification_ue);
  g_free (row->dispositif_aide);
  g_free (row);
}

static gboolean
empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static gboolean
is_date (const char *text)
{
  g_autofree char *iso = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  iso = ess_date_parse (text, NULL);
  return iso != NULL && g_str_equal (iso, text);
}

static gboolean
one_of (const char         *text,
        const char * const *values)
{
  for (guint i = 0; text != NULL && values[i] != NULL; i++)
    if (g_str_equal (text, values[i]))
      return TRUE;
  return FALSE;
}

G_GNUC_PRINTF (2, 3)
static void
add (GPtrArray  *problems,
     const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

GPtrArray *
ess_scdl_row_check (const EssScdlRow *row)
{
  static const char * const natures[] = { "aide en numéraire", "aide en nature",
                                          "aide en numéraire;aide en nature", NULL };
  static const char * const conditions[] = { "unique", "échelonné", "autre", NULL };
  static const char * const yes_no[] = { "oui", "non", NULL };
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (empty (row->nom_attribuant))
    add (problems, _("nomAttribuant is empty: the name of the authority that grants is required"));
  if (!ess_siret_validate (row->id_attribuant, &error))
    add (problems, _("idAttribuant: %s"), error->message);
  g_clear_error (&error);

  if (!is_date (row->date_convention))
    add (problems, _("dateConvention is missing or is not a date YYYY-MM-DD: give the dossier an agreement date, or a decision date"));

  if (empty (row->nom_beneficiaire))
    add (problems, _("nomBeneficiaire is empty: the dossier needs an applicant"));
  if (empty (row->id_beneficiaire) && empty (row->rna_beneficiaire))
    add (problems, _("the applicant has neither SIRET nor RNA number: one of them is required"));
  if (!empty (row->id_beneficiaire) && !ess_siret_validate (row->id_beneficiaire, &error))
    add (problems, _("idBeneficiaire: %s"), error->message);
  g_clear_error (&error);
  if (!empty (row->rna_beneficiaire) && !ess_rna_validate (row->rna_beneficiaire, &error))
    add (problems, _("rnaBeneficiaire: %s"), error->message);
  g_clear_error (&error);

  if (empty (row->objet))
    add (problems, _("objet is empty: the dossier needs a title"));
  else if (g_utf8_strlen (row->objet, -1) > ESS_SCDL_OBJET_MAX)
    add (problems, _("objet is longer than %d characters"), ESS_SCDL_OBJET_MAX);

  if (row->montant_cents <= 0)
    add (problems, _("montant is not a positive amount"));
  if (!one_of (row->nature, natures))
    add (problems, _("nature must be “aide en numéraire”, “aide en nature” or both"));
  if (!one_of (row->conditions_versement, conditions))
    add (problems, _("conditionsVersement must be “unique”, “échelonné” or “autre”"));

  if (!empty (row->dates_periode_versement))
    {
      g_auto(GStrv) dates = g_strsplit (row->dates_periode_versement, "/", -1);
      guint n = g_strv_length (dates);

      if (n < 1 || n > 2 || !is_date (dates[0]) || (n == 2 && !is_date (dates[1])) ||
          (n == 2 && g_strcmp0 (dates[0], dates[1]) > 0))
        add (problems, _("datesPeriodeVersement must be a date YYYY-MM-DD or a period YYYY-MM-DD/YYYY-MM-DD"));
    }

  if (!one_of (row->notification_ue, yes_no))
    add (problems, _("notificationUE must be “oui” or “non”"));
  if (row->pourcentage_centiemes != -1 && (row->pourcentage_centiemes < 1 || row->pourcentage_centiemes > 100))
    add (problems, _("pourcentageSubvention must be between 0.01 and 1: the subsidy is more than the project's "
                     "cost in the funding plan"));

  return problems;
}

void
ess_scdl_append_header (GString *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, columns[i]);
    }
  g_string_append_c (out, '\n');
}

void
ess_scdl_append_row (GString          *out,
                     const EssScdlRow *row)
{
  g_autofree char *montant = ess_money_format_decimal (row->montant_cents);
  g_autofree char *pourcentage = NULL;
  const char *fields[G_N_ELEMENTS (columns)];

  if (row->pourcentage_centiemes == 100)
    pourcentage = g_strdup ("1");
  else if (row->pourcentage_centiemes >= 0)
    pourcentage = g_strdup_printf ("0.%02d", row->pourcentage_centiemes);

  fields[0] = row->nom_attribuant;
  fields[1] = row->id_attribuant;
  fields[2] = row->date_convention;
  fields[3] = row->reference_decision;
  fields[4] = row->nom_beneficiaire;
  fields[5] = row->id_beneficiaire;
  fields[6] = row->rna_beneficiaire;
  fields[7] = row->objet;
  fields[8] = montant;
  fields[9] = row->nature;
  fields[10] = row->conditions_versement;
  fields[11] = row->dates_periode_versement;
  fields[12] = row->id_rae;
  fields[13] = row->notification_ue;
  fields[14] = pourcentage;
  fields[15] = row->dispositif_aide;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ess_csv_append_field (out, fields[i] ? fields[i] : "", ',');
    }
  g_string_append_c (out, '\n');
}

char *
ess_scdl_objet (const char *text)
{
  g_autofree char *cut = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= ESS_SCDL_OBJET_MAX)
    return g_strdup (text);

  cut = g_utf8_substring (text, 0, ESS_SCDL_OBJET_MAX - 1);
  return g_strconcat (g_strchomp (cut), "…", NULL);
}
