/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `validate`: checks an exchange file as an import would, without writing anything. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-exchange.h"

int
ess_cli_validate (EssCliContext  *context,
                  int             argc,
                  char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssExchangeContext) reference = NULL;
  g_autoptr(EssExchangeDocument) document = NULL;
  g_autoptr(GFile) file = NULL;

  options = g_option_context_new (_("validate FILE.xml — check a dossier file"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }
  if (argc != 3)
    {
      ess_cli_print_error (_("validate needs one file: ess-instruction validate FILE.xml"));
      return ESS_CLI_USAGE;
    }

  /* Without --database, the reference data of a new database. */
  if (context->database != NULL)
    {
      g_autoptr(EssStore) store = ess_cli_open_store (context, &error);

      if (store != NULL)
        reference = ess_exchange_context_new_for_store (store, &error);
    }
  else
    reference = ess_exchange_context_new_default (&error);
  if (reference == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  document = ess_exchange_read_file (file, reference, &error);
  if (document == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  if (document->problems->len > 0)
    {
      g_autofree char *report = ess_exchange_format_problems (document, argv[2]);

      g_printerr ("%s", report);
      return ESS_CLI_REFUSED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: valid file, %u dossier.\n",
                        "%s: valid file, %u dossiers.\n", document->bundles->len),
           argv[2], document->bundles->len);
  if (document->scenarios->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u scenario read.\n", "%u scenarios read.\n", document->scenarios->len),
             document->scenarios->len);
  return ESS_CLI_OK;
}
