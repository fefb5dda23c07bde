/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `import`: an exchange file into the database, all checked before one transaction. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-exchange.h"

int
ess_cli_import (EssCliContext  *context,
                int             argc,
                char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssExchangeContext) reference = NULL;
  g_autoptr(EssExchangeDocument) document = NULL;
  g_autoptr(EssImportPreview) preview = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree EssImportAction *actions = NULL;
  g_autofree char *on_conflict = NULL;
  g_autofree char *report = NULL;
  g_autofree char *source = NULL;
  gboolean dry_run = FALSE;
  EssImportAction action = ESS_IMPORT_CREATE;
  guint n_written = 0;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and show what would change, write nothing"), NULL },
    { "on-conflict", 0, 0, G_OPTION_ARG_STRING, &on_conflict,
      N_("What to do with a reference the database knows: skip, update or new"), "skip|update|new" },
    { NULL }
  };

  options = g_option_context_new (_("import FILE.xml — import dossiers from an XML file"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }
  if (argc != 3)
    {
      ess_cli_print_error (_("import needs one file: ess-instruction --database DB import FILE.xml"));
      return ESS_CLI_USAGE;
    }
  if (on_conflict != NULL)
    {
      if (g_str_equal (on_conflict, "skip"))
        action = ESS_IMPORT_SKIP;
      else if (g_str_equal (on_conflict, "update"))
        action = ESS_IMPORT_UPDATE;
      else if (g_str_equal (on_conflict, "new"))
        action = ESS_IMPORT_RENAME;
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown choice “%s” for --on-conflict: expected skip, "
                                                        "update or new."), on_conflict);
          ess_cli_print_error (message);
          return ESS_CLI_USAGE;
        }
    }

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  reference = ess_exchange_context_new_for_store (store, &error);
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
      report = ess_exchange_format_problems (document, argv[2]);
      g_printerr ("%s", report);
      return ESS_CLI_REFUSED;
    }

  preview = ess_exchange_preview (store, document, &error);
  if (preview == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  report = ess_exchange_format_preview (preview);
  g_print ("%s", report);

  if (dry_run)
    {
      g_print ("%s\n", _("Dry run: nothing was written."));
      return ESS_CLI_OK;
    }

  if ((preview->n_known > 0 || preview->n_known_scenarios > 0) && on_conflict == NULL)
    {
      if (preview->n_known > 0)
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u dossier of the file has a reference that the database already knows: "
                                          "choose --on-conflict=skip, update or new. Nothing was imported.",
                                          "%u dossiers of the file have a reference that the database already knows: "
                                          "choose --on-conflict=skip, update or new. Nothing was imported.",
                                          preview->n_known),
                             preview->n_known);
          ess_cli_print_error (message);
        }
      if (preview->n_known_scenarios > 0)
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u scenario of the file has the name of a different scenario of the "
                                          "database: choose --on-conflict=skip, update or new. Nothing was imported.",
                                          "%u scenarios of the file have the name of a different scenario of the "
                                          "database: choose --on-conflict=skip, update or new. Nothing was imported.",
                                          preview->n_known_scenarios),
                             preview->n_known_scenarios);
          ess_cli_print_error (message);
        }
      return ESS_CLI_REFUSED;
    }

  actions = g_new0 (EssImportAction, MAX (preview->items->len, 1));
  for (guint i = 0; i < preview->items->len; i++)
    actions[i] = action;
  /* A known scenario follows the same choice as a known dossier. */
  for (guint i = 0; i < preview->scenarios->len; i++)
    {
      EssImportScenarioItem *item = g_ptr_array_index (preview->scenarios, i);

      if (item->existing_id != 0)
        item->action = action;
    }

  source = g_file_get_basename (file);
  if (!ess_exchange_apply (store, document, preview, actions, source, &written, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  for (guint i = 0; i < written->len; i++)
    {
      const EssImportItem *item = g_ptr_array_index (preview->items, i);
      const char *now = g_ptr_array_index (written, i);

      if (now == NULL)
        continue;
      n_written++;
      if (!g_str_equal (now, item->bundle->dossier->reference))
        g_print (_("%s imported as %s.\n"), item->bundle->dossier->reference, now);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u dossier imported out of %u.\n",
                        "%u dossiers imported out of %u.\n", n_written),
           n_written, preview->items->len);
  if (preview->scenarios->len > 0)
    {
      guint n_scenarios = 0;

      for (guint i = 0; i < preview->scenarios->len; i++)
        {
          const EssImportScenarioItem *item = g_ptr_array_index (preview->scenarios, i);

          if (item->existing_id == 0 ||
              (item->differences->len > 0 && (action == ESS_IMPORT_UPDATE || action == ESS_IMPORT_RENAME)))
            n_scenarios++;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u scenario imported out of %u.\n",
                            "%u scenarios imported out of %u.\n", n_scenarios),
               n_scenarios, preview->scenarios->len);
    }

  return ESS_CLI_OK;
}
