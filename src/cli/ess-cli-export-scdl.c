/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `export-scdl`: the granted subsidies as SCDL "subventions" open data, checked against the format's rules. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-exchange.h"

int
ess_cli_export_scdl (EssCliContext  *context,
                     int             argc,
                     char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *output = NULL;
  g_autofree char *authority_name = NULL;
  g_autofree char *authority_siret = NULL;
  g_autofree char *csv = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Only the dossiers of this year"), "YEAR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file"), "FILE.csv" },
    { "authority-name", 0, 0, G_OPTION_ARG_STRING, &authority_name,
      N_("Name of the granting authority (Métropole Européenne de Lille by default)"), "NAME" },
    { "authority-siret", 0, 0, G_OPTION_ARG_STRING, &authority_siret,
      N_("SIRET of the granting authority"), "SIRET" },
    { NULL }
  };

  options = g_option_context_new (_("export-scdl — write the granted subsidies as SCDL open data"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }
  if (argc > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[2]);
      ess_cli_print_error (message);
      return ESS_CLI_USAGE;
    }
  if (output == NULL)
    {
      ess_cli_print_error (_("export-scdl needs an output file: -o FILE.csv"));
      return ESS_CLI_USAGE;
    }
  if (year != 0 && (year < 1900 || year > 2200))
    {
      ess_cli_print_error (_("--year expects a year between 1900 and 2200."));
      return ESS_CLI_USAGE;
    }

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  csv = ess_exchange_scdl (store, year, authority_name ? authority_name : ESS_SCDL_AUTHORITY_NAME,
                           authority_siret ? authority_siret : ESS_SCDL_AUTHORITY_SIRET, &problems, &error);
  if (csv == NULL)
    {
      ess_cli_print_error (error->message);
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
      return ESS_CLI_REFUSED;
    }

  if (!g_file_set_contents (output, csv, -1, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  return ESS_CLI_OK;
}
