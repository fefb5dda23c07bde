/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The granted subsidies of the database as SCDL "subventions" open data, each row checked against the format's rules. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-dossier-status.h"
#include "ess-exchange.h"
#include "ess-money.h"
#include "ess-scdl.h"

static gboolean
is_granted (EssStatus status)
{
  return status == ESS_STATUS_GRANTED || status == ESS_STATUS_AGREEMENT_SIGNED || status == ESS_STATUS_CLOSED;
}

/* The payments' dates (paid, else planned): one date, or first/last. */
static char *
payment_period (GPtrArray *payments)
{
  const char *first = NULL;
  const char *last = NULL;

  for (guint i = 0; i < payments->len; i++)
    {
      const EssPayment *payment = g_ptr_array_index (payments, i);
      const char *date = payment->paid_on ? payment->paid_on : payment->planned_on;

      if (date == NULL)
        continue;
      if (first == NULL || g_strcmp0 (date, first) < 0)
        first = date;
      if (last == NULL || g_strcmp0 (date, last) > 0)
        last = date;
    }

  if (first == NULL)
    return NULL;
  if (g_str_equal (first, last))
    return g_strdup (first);
  return g_strconcat (first, "/", last, NULL);
}

static EssScdlRow *
row_of (const EssDossierBundle *bundle,
        const char             *authority_name,
        const char             *authority_siret,
        GHashTable             *scheme_names)
{
  const EssDossier *dossier = bundle->dossier;
  EssScdlRow *row = ess_scdl_row_new ();
  gint64 total = 0;

  row->reference = g_strdup (dossier->reference);
  row->nom_attribuant = g_strdup (authority_name);
  row->id_attribuant = g_strdup (authority_siret);
  /* Below 23 000 € a year there may be no agreement: the decision dates it then. */
  row->date_convention = g_strdup (dossier->agreement_on ? dossier->agreement_on : dossier->decided_on);
  if (bundle->applicant != NULL)
    {
      row->nom_beneficiaire = g_strdup (bundle->applicant->name);
      row->id_beneficiaire = g_strdup (bundle->applicant->siret);
      row->rna_beneficiaire = g_strdup (bundle->applicant->rna);
    }
  row->objet = ess_scdl_objet (dossier->title);
  row->montant_cents = dossier->granted_cents;
  row->nature = g_strdup ("aide en numéraire");
  row->conditions_versement = g_strdup (bundle->payments->len > 1 ? "échelonné" : "unique");
  row->dates_periode_versement = payment_period (bundle->payments);
  row->notification_ue = g_strdup ("non");
  /* The share of the project's cost, when the plan gives the cost; a plan
   * that covers less than the subsidy (a part of the years) gives none. */
  if (!ess_funding_plan_is_empty (bundle->plan) && ess_funding_overall_total (bundle->plan, &total) &&
      total >= dossier->granted_cents)
    row->pourcentage_centiemes = (int) MAX ((ess_percent_basis_points (dossier->granted_cents, total) + 50) / 100, 1);
  row->dispositif_aide = g_strdup (g_hash_table_lookup (scheme_names, dossier->scheme));

  return row;
}

char *
ess_exchange_scdl (EssStore    *store,
                   int          year,
                   const char  *authority_name,
                   const char  *authority_siret,
                   GPtrArray  **problems,
                   GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) schemes = NULL;
  g_autoptr(GHashTable) scheme_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  schemes = ess_store_list_schemes (store, error);
  if (schemes == NULL)
    return NULL;
  for (guint i = 0; i < schemes->len; i++)
    {
      const EssChoice *scheme = g_ptr_array_index (schemes, i);
      g_hash_table_insert (scheme_names, scheme->id, scheme->label);
    }

  ids = ess_store_list_live_ids (store, error);
  if (ids == NULL)
    return NULL;

  ess_scdl_append_header (out);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EssDossierBundle) bundle = ess_store_load_bundle (store, g_array_index (ids, gint64, i), error);
      g_autoptr(EssScdlRow) row = NULL;
      g_autoptr(GPtrArray) broken = NULL;

      if (bundle == NULL)
        return NULL;
      if (!is_granted (bundle->dossier->status) || bundle->dossier->granted_cents <= 0 ||
          (year > 0 && bundle->dossier->year != year))
        continue;

      row = row_of (bundle, authority_name, authority_siret, scheme_names);
      broken = ess_scdl_row_check (row);
      for (guint p = 0; p < broken->len; p++)
        g_ptr_array_add (found, g_strdup_printf (_("%s: %s"), row->reference,
                                                 (const char *) g_ptr_array_index (broken, p)));
      ess_scdl_append_row (out, row);
    }

  if (found->len > 0)
    {
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      g_set_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u rule of the SCDL format is broken: nothing was written.",
                                "%u rules of the SCDL format are broken: nothing was written.",
                                (*problems)->len),
                   (*problems)->len);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
