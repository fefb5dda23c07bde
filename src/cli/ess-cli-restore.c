/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `restore FILE`: replaces the database with a backup, the current contents backed up first. */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-store-backup.h"

static void
print_restored (EssStore   *store,
                const char *backup_path)
{
  gint64 dossiers = ess_store_count_rows (store, "dossiers", NULL);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Restored “%s”: the database holds %d dossier.\n",
                        "Restored “%s”: the database holds %d dossiers.\n",
                        (gulong) MAX (dossiers, 0)),
           backup_path, (int) dossiers);
}

int
ess_cli_restore (EssCliContext  *context,
                 int             argc,
                 char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssBackup) saved = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *kept = NULL;
  EssStoreOpenFlags flags;

  options = g_option_context_new (_("FILE — replace the database with the backup FILE"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_set_summary (options, _("The current contents are backed up first; a damaged "
                                           "database is moved into the backups folder instead."));
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }
  if (argc != 3)
    {
      ess_cli_print_error (argc < 3 ? _("restore needs the backup file to restore.")
                                    : _("restore takes one backup file."));
      return ESS_CLI_USAGE;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);
    backup_path = g_file_get_path (file);
  }

  /* Refused before anything is touched: a bad backup changes nothing. */
  if (!ess_backup_verify (backup_path, NULL, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  path = ess_cli_database_path (context, &flags);
  store = ess_store_open (path, flags & ~ESS_STORE_OPEN_DEMO_DATA, &error);
  if (store != NULL)
    {
      if (!ess_store_restore (store, backup_path, &saved, &error))
        {
          ess_cli_print_error (error->message);
          return ESS_CLI_REFUSED;
        }
      g_print (_("The previous contents were backed up in “%s”.\n"), saved->path);
      print_restored (store, backup_path);
      return ESS_CLI_OK;
    }

  if (!g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT) &&
      !g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  /* A file that cannot be opened cannot be backed up: it is kept aside. */
  g_clear_error (&error);
  if (!ess_store_restore_file (path, backup_path, &kept, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  if (kept != NULL)
    g_print (_("The damaged database was kept as “%s”.\n"), kept);

  store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  print_restored (store, backup_path);
  return ESS_CLI_OK;
}
