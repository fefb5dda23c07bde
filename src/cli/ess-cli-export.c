/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `export`: dossiers to an exchange file, for a partner or as a full archive. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-exchange.h"

int
ess_cli_export (EssCliContext  *context,
                int             argc,
                char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) references = NULL;
  g_autofree char *output = NULL;
  gboolean full = FALSE;
  const GOptionEntry entries[] = {
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Full archive: with the review, private notes, scores and history"), NULL },
    { "reference", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &references,
      N_("Export this dossier (repeat for several; all by default)"), "REF" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file"), "FILE.xml" },
    { NULL }
  };

  options = g_option_context_new (_("export — write dossiers to an XML file"));
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
      ess_cli_print_error (_("export needs an output file: -o FILE.xml"));
      return ESS_CLI_USAGE;
    }

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  ids = ess_exchange_find_references (store, (const char * const *) references, &error);
  file = g_file_new_for_commandline_arg (output);
  if (ids == NULL ||
      !ess_exchange_export_to_file (store, (const gint64 *) ids->data, ids->len, full, file, NULL, NULL, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  return ESS_CLI_OK;
}
