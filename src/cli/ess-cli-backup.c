/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `backup`: a checked backup of the database now, or the list of its backups. */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-store-backup.h"

static int
list_backups (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = ess_store_list_backups (path, &error);

  if (backups == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  if (backups->len == 0)
    {
      g_autofree char *dir = ess_backup_dir (path);
      g_print (_("No backup of “%s” in “%s”.\n"), path, dir);
      return ESS_CLI_OK;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      EssBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *description = ess_backup_describe (backup);

      g_print ("%s\t%s\n", backup->path, description);
    }
  return ESS_CLI_OK;
}

int
ess_cli_backup (EssCliContext  *context,
                int             argc,
                char          **argv)
{
  gboolean list = FALSE;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssBackup) backup = NULL;
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  EssStoreOpenFlags flags;
  const GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the backups, newest first, instead of making one"), NULL },
    { NULL }
  };

  options = g_option_context_new (_("backup — write a checked backup of the database now"));
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

  path = ess_cli_database_path (context, &flags);
  if (list)
    return list_backups (path);

  /* Read-only: a backup reads a snapshot, so it works while the
   * application has the database open. */
  store = ess_store_open (path, ESS_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  backup = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  if (backup == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  description = ess_backup_describe (backup);
  g_print (_("Backup written and checked: %s (%s)\n"), backup->path, description);
  return ESS_CLI_OK;
}
