/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parses the global options, opens the database and dispatches to a verb. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-store.h"
#include "ess-store-backup.h"

static const EssCliVerb verbs[] = {
  { "list", N_("List the dossiers (text or CSV)"), ess_cli_list },
  { "check", N_("Check funding plans, budgets, envelopes and aid ceilings"), ess_cli_check },
  { "export-plan", N_("Write a dossier's funding plan as CSV"), ess_cli_export_plan },
  { "export-budget", N_("Write a dossier's budget as CSV"), ess_cli_export_budget },
  { "backup", N_("Back up the database now, or list its backups"), ess_cli_backup },
  { "restore", N_("Replace the database with one of its backups"), ess_cli_restore },
  { "erase-contact", N_("Erase the personal data of an applicant’s contacts"), ess_cli_erase_contact },
  { "validate", N_("Check a dossier XML file"), ess_cli_validate },
  { "import", N_("Import dossiers from an XML file"), ess_cli_import },
  { "export", N_("Export dossiers to an XML file"), ess_cli_export },
  { "export-scdl", N_("Export the granted subsidies as SCDL open data (CSV)"), ess_cli_export_scdl },
  { "summary", N_("Write the instruction summaries of dossiers as PDF"), ess_cli_summary },
  { "committee", N_("Write a committee pack as PDF"), ess_cli_committee },
  { "report", N_("Write the yearly report of the dashboard as PDF"), ess_cli_report },
  { "scenarios", N_("List or compare the scenarios (text, CSV or PDF)"), ess_cli_scenarios },
};

static const EssCliVerb *
find_verb (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verbs[i].name, name))
      return &verbs[i];
  return NULL;
}

/* Index of the verb in @argv, skipping global options and their values; -1 if none. */
static int
verb_index (int    argc,
            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--database") || g_str_equal (argv[i], "-d"))
        {
          i++;
          continue;
        }
      if (argv[i][0] == '-')
        continue;
      return i;
    }
  return -1;
}

gboolean
ess_cli_wants_command (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--version") || g_str_equal (argv[i], "--help") ||
        g_str_equal (argv[i], "-h"))
      return TRUE;

  /* A --database without its file is a usage error reported by the command line. */
  if (argc > 1 && (g_str_equal (argv[argc - 1], "--database") || g_str_equal (argv[argc - 1], "-d")))
    return TRUE;

  return verb_index (argc, argv) > 0;
}

char *
ess_cli_database_path (EssCliContext     *context,
                       EssStoreOpenFlags *flags)
{
  *flags = ESS_STORE_OPEN_DEFAULT;
  if (context->database != NULL)
    return g_canonicalize_filename (context->database, NULL);

  /* Only the default database is filled with the demo dossiers. */
  *flags |= ESS_STORE_OPEN_DEMO_DATA;
  return ess_store_default_path ();
}

/* To the refusal of a damaged file, the command that restores its good backup. */
static void
add_restore_command (GError     **error,
                     const char  *path)
{
  g_autoptr(EssBackup) good = NULL;
  g_autofree char *quoted_path = NULL;
  g_autofree char *quoted_backup = NULL;
  char *message;

  if (error == NULL || *error == NULL ||
      (!g_error_matches (*error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT) &&
       !g_error_matches (*error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE)))
    return;

  good = ess_store_find_good_backup (path);
  if (good == NULL)
    return;
  quoted_path = g_shell_quote (path);
  quoted_backup = g_shell_quote (good->path);
  message = g_strdup_printf (_("%s\nTo restore it: ess-instruction --database %s restore %s"),
                             (*error)->message, quoted_path, quoted_backup);
  g_free ((*error)->message);
  (*error)->message = message;
}

EssStore *
ess_cli_open_store (EssCliContext  *context,
                    GError        **error)
{
  EssStoreOpenFlags flags;
  g_autofree char *path = ess_cli_database_path (context, &flags);
  EssStore *store = ess_store_open (path, flags, error);

  if (store == NULL)
    add_restore_command (error, path);
  return store;
}

EssStore *
ess_cli_open_store_for_reading (EssCliContext  *context,
                                GError        **error)
{
  EssStoreOpenFlags flags;
  g_autofree char *path = ess_cli_database_path (context, &flags);
  g_autoptr(GError) local_error = NULL;
  EssStore *store = ess_store_open (path, flags, &local_error);

  if (store == NULL && g_error_matches (local_error, ESS_STORE_ERROR, ESS_STORE_ERROR_LOCKED))
    return ess_store_open (path, ESS_STORE_OPEN_READ_ONLY, error);

  if (store == NULL)
    {
      add_restore_command (&local_error, path);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return store;
}

void
ess_cli_print_error (const char *message)
{
  g_printerr ("ess-instruction: %s\n", message);
}

int
ess_cli_parse_export (int           argc,
                      char        **argv,
                      const char   *parameter,
                      const char  **reference,
                      char        **output)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &path, N_("Write to FILE instead of the standard output"),
      N_("FILE") },
    { NULL }
  };

  options = g_option_context_new (parameter);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      g_free (path);
      return ESS_CLI_USAGE;
    }

  if (argc < 3 || argc > 3 || (path != NULL && *path == '\0'))
    {
      g_autofree char *message = NULL;

      if (argc > 3)
        message = g_strdup_printf (_("Unexpected argument “%s”."), argv[3]);
      else if (argc < 3)
        message = g_strdup (_("A dossier reference is needed."));
      else
        message = g_strdup (_("--output needs a file name."));
      ess_cli_print_error (message);
      g_free (path);
      return ESS_CLI_USAGE;
    }

  *reference = argv[2];
  *output = path;
  return ESS_CLI_OK;
}

int
ess_cli_write_output (const char *path,
                      const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize length = strlen (text);

  if (path == NULL)
    {
      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          ess_cli_print_error (_("Could not write to the standard output."));
          return ESS_CLI_REFUSED;
        }
      return ESS_CLI_OK;
    }

  if (!g_file_set_contents (path, text, (gssize) length, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  return ESS_CLI_OK;
}

static char *
usage_text (void)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  ess-instruction [--database FILE] COMMAND [OPTION…]\n\n%s\n",
                          _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_string_append_printf (text, "  %-14s %s\n", verbs[i].name, _(verbs[i].summary));
  g_string_append_printf (text, "\n%s\n", _("Without a command, the application window opens."));

  return g_string_free (text, FALSE);
}

int
ess_cli_run (int    argc,
             char **argv)
{
  EssCliContext context = { 0 };
  gboolean version = FALSE;
  gboolean help = FALSE;
  int index = verb_index (argc, argv);
  const EssCliVerb *verb;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verb_argv = NULL;
  g_autofree char *usage = NULL;

  for (int i = 1; i < (index > 0 ? index : argc); i++)
    {
      if (g_str_equal (argv[i], "--version"))
        version = TRUE;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        help = TRUE;
      else if (g_str_equal (argv[i], "--database") || g_str_equal (argv[i], "-d"))
        {
          if (i + 1 >= argc)
            {
              ess_cli_print_error (_("--database needs a file name."));
              return ESS_CLI_USAGE;
            }
          context.database = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        context.database = argv[i] + strlen ("--database=");
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s”."), argv[i]);
          ess_cli_print_error (message);
          return ESS_CLI_USAGE;
        }
    }

  if (version)
    {
      g_print ("ess-instruction %s\n", PACKAGE_VERSION);
      return ESS_CLI_OK;
    }

  usage = usage_text ();
  if (index < 0)
    {
      if (help)
        {
          g_print ("%s", usage);
          return ESS_CLI_OK;
        }
      g_printerr ("%s", usage);
      return ESS_CLI_USAGE;
    }

  verb = find_verb (argv[index]);
  if (verb == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[index]);
      ess_cli_print_error (message);
      g_printerr ("%s", usage);
      return ESS_CLI_USAGE;
    }

  verb_argv = g_ptr_array_new ();
  g_ptr_array_add (verb_argv, argv[0]);
  for (int i = index; i < argc; i++)
    g_ptr_array_add (verb_argv, argv[i]);
  g_ptr_array_add (verb_argv, NULL);

  return verb->run (&context, (int) verb_argv->len - 1, (char **) verb_argv->pdata);
}
