/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `export-plan`: the funding plan of a dossier as CSV for a spreadsheet. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-store-funding.h"

int
ess_cli_export_plan (EssCliContext  *context,
                     int             argc,
                     char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssFundingPlan) plan = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv = NULL;
  const char *reference = NULL;
  gint64 id;
  int status;

  status = ess_cli_parse_export (argc, argv,
                                 _("REFERENCE — write the funding plan of a dossier as CSV "
                                   "(“;” separator, decimal comma)"),
                                 &reference, &output);
  if (status != ESS_CLI_OK)
    return status;

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  id = ess_store_find_dossier (store, reference, &error);
  if (id == 0)
    {
      ess_cli_print_error (error->message);
      return g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND) ? ESS_CLI_USAGE : ESS_CLI_REFUSED;
    }

  plan = ess_store_load_funding_plan (store, id, &error);
  if (plan == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  if (ess_funding_plan_is_empty (plan))
    {
      g_autofree char *message = g_strdup_printf (_("The dossier “%s” has no funding plan."), reference);

      ess_cli_print_error (message);
      return ESS_CLI_REFUSED;
    }

  csv = ess_funding_plan_to_csv (plan, ';');
  return ess_cli_write_output (output, csv);
}
