/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules of the SCDL "subventions" format (DOMAIN.md) and its CSV rows. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "ess-scdl.h"

static EssScdlRow *
valid_row (void)
{
  EssScdlRow *row = ess_scdl_row_new ();

  row->reference = g_strdup ("APT-2013-003");
  row->nom_attribuant = g_strdup ("Métropole Européenne de Lille");
  row->id_attribuant = g_strdup ("20009320100016");
  row->date_convention = g_strdup ("2013-04-10");
  row->nom_beneficiaire = g_strdup ("Travail et Culture");
  row->rna_beneficiaire = g_strdup ("W595012345");
  row->objet = g_strdup ("Ciné cité social, \"projections\"");
  row->montant_cents = 473000;
  row->nature = g_strdup ("aide en numéraire");
  row->conditions_versement = g_strdup ("unique");
  row->notification_ue = g_strdup ("non");
  return row;
}

typedef struct
{
  const char *name;
  void      (*change) (EssScdlRow *row);
  const char *message;   /* NULL: the row follows the rules */
} Case;

static void no_change (EssScdlRow *row) { }
static void no_ids (EssScdlRow *row) { g_clear_pointer (&row->rna_beneficiaire, g_free); }
static void siret_only (EssScdlRow *row)
{
  g_clear_pointer (&row->rna_beneficiaire, g_free);
  row->id_beneficiaire = g_strdup ("77550123200018");
}
static void bad_siret (EssScdlRow *row) { row->id_beneficiaire = g_strdup ("77550123200017"); }
static void bad_attribuant (EssScdlRow *row) { g_free (row->id_attribuant); row->id_attribuant = g_strdup ("200093201"); }
static void no_date (EssScdlRow *row) { g_clear_pointer (&row->date_convention, g_free); }
static void bad_date (EssScdlRow *row) { g_free (row->date_convention); row->date_convention = g_strdup ("2013-02-30"); }
static void zero (EssScdlRow *row) { row->montant_cents = 0; }
static void nature (EssScdlRow *row) { g_free (row->nature); row->nature = g_strdup ("numéraire"); }
static void conditions (EssScdlRow *row)
{
  g_free (row->conditions_versement);
  row->conditions_versement = g_strdup ("en deux fois");
}
static void period (EssScdlRow *row) { row->dates_periode_versement = g_strdup ("2014-02-15/2013-04-22"); }
static void good_period (EssScdlRow *row) { row->dates_periode_versement = g_strdup ("2013-04-22/2014-02-15"); }
static void long_objet (EssScdlRow *row) { g_free (row->objet); row->objet = g_strnfill (257, 'a'); }
static void percent (EssScdlRow *row) { row->pourcentage_centiemes = 101; }
static void notification (EssScdlRow *row) { g_free (row->notification_ue); row->notification_ue = g_strdup ("non notifiée"); }

static const Case cases[] = {
  { "valid", no_change, NULL },
  { "siret-only", siret_only, NULL },
  { "period", good_period, NULL },
  { "no-identifier", no_ids, "le porteur n’a ni SIRET ni numéro RNA\u00a0: l’un des deux est obligatoire" },
  { "bad-siret", bad_siret, "idBeneficiaire\u00a0: Le SIRET «\u00a077550123200017\u00a0» n’est pas valide" },
  { "bad-attribuant", bad_attribuant, "idAttribuant\u00a0: " },
  { "no-date", no_date, "dateConvention manque" },
  { "bad-date", bad_date, "dateConvention manque" },
  { "zero", zero, "montant n’est pas un montant positif" },
  { "nature", nature, "nature doit être «\u00a0aide en numéraire\u00a0», «\u00a0aide en nature\u00a0» ou les deux" },
  { "conditions", conditions, "conditionsVersement doit être «\u00a0unique\u00a0», «\u00a0échelonné\u00a0» ou «\u00a0autre\u00a0»" },
  { "reversed-period", period, "datesPeriodeVersement doit être une date AAAA-MM-JJ ou une période" },
  { "long-objet", long_objet, "objet dépasse 256 caractères" },
  { "percent", percent, "pourcentageSubvention doit être entre 0.01 et 1" },
  { "notification", notification, "notificationUE doit être «\u00a0oui\u00a0» ou «\u00a0non\u00a0»" },
};

static void
test_rule (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(EssScdlRow) row = valid_row ();
  g_autoptr(GPtrArray) problems = NULL;

  c->change (row);
  problems = ess_scdl_row_check (row);
  if (c->message == NULL)
    {
      g_assert_cmpuint (problems->len, ==, 0);
      return;
    }
  g_assert_cmpuint (problems->len, ==, 1);
  if (!g_str_has_prefix (g_ptr_array_index (problems, 0), c->message))
    g_error ("expected “%s…”, got “%s”", c->message, (const char *) g_ptr_array_index (problems, 0));
}

static void
test_csv (void)
{
  g_autoptr(EssScdlRow) row = valid_row ();
  g_autoptr(GString) out = g_string_new (NULL);

  row->pourcentage_centiemes = 79;
  ess_scdl_append_header (out);
  ess_scdl_append_row (out, row);
  row->pourcentage_centiemes = 100;
  ess_scdl_append_row (out, row);
  g_assert_cmpstr (out->str, ==,
                   "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
                   "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,"
                   "notificationUE,pourcentageSubvention,dispositifAide\n"
                   "Métropole Européenne de Lille,20009320100016,2013-04-10,,Travail et Culture,,W595012345,"
                   "\"Ciné cité social, \"\"projections\"\"\",4730.00,aide en numéraire,unique,,,non,0.79,\n"
                   "Métropole Européenne de Lille,20009320100016,2013-04-10,,Travail et Culture,,W595012345,"
                   "\"Ciné cité social, \"\"projections\"\"\",4730.00,aide en numéraire,unique,,,non,1,\n");
}

static void
test_objet (void)
{
  g_autofree char *long_text = g_strnfill (300, 'e');
  g_autofree char *cut = ess_scdl_objet (long_text);
  g_autofree char *same = ess_scdl_objet ("Ciné cité social");

  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, 256);
  g_assert_true (g_str_has_suffix (cut, "e…"));
  g_assert_cmpstr (same, ==, "Ciné cité social");
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

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scdl/rule/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_rule);
    }
  g_test_add_func ("/scdl/csv", test_csv);
  g_test_add_func ("/scdl/objet", test_objet);

  return g_test_run ();
}
