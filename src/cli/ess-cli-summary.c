/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `summary` and `committee`: fiches d'instruction and committee packs written as PDF. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-dossier.h"
#include "ess-report.h"
#include "ess-store-funding.h"
#include "ess-store-report.h"

/* The ids of @references, in their order; NULL and a message naming the
 * first unknown reference. */
static GArray *
find_dossiers (EssStore    *store,
               char       **references,
               GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; references[i] != NULL; i++)
    {
      gint64 id = ess_store_find_dossier (store, references[i], error);

      if (id <= 0)
        return NULL;
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

static int
write_report (EssReport  *report,
              const char *output)
{
  g_autoptr(GError) error = NULL;

  if (!ess_report_write_pdf (report, output, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  return ESS_CLI_OK;
}

static gboolean
parse_options (GOptionContext  *options,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (options, argc, argv, &error))
    {
      ess_cli_print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

int
ess_cli_summary (EssCliContext  *context,
                 int             argc,
                 char          **argv)
{
  g_autofree char *output = NULL;
  gboolean notes = FALSE;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(EssReport) report = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "private-notes", 0, 0, G_OPTION_ARG_NONE, &notes, N_("Print the private notes too"), NULL },
    { NULL }
  };

  options = g_option_context_new (_("REFERENCE… — write the instruction summaries of dossiers as PDF"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!parse_options (options, &argc, &argv))
    return ESS_CLI_USAGE;
  if (argc < 3)
    {
      ess_cli_print_error (_("summary needs at least one dossier reference."));
      return ESS_CLI_USAGE;
    }
  if (output == NULL)
    {
      ess_cli_print_error (_("summary needs the PDF file to write: -o FILE.pdf."));
      return ESS_CLI_USAGE;
    }

  store = ess_cli_open_store (context, &error);
  if (store == NULL || (ids = find_dossiers (store, argv + 2, &error)) == NULL ||
      (report = ess_report_new_fiches (store, (const gint64 *) ids->data, ids->len, notes, &error)) == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  return write_report (report, output);
}

int
ess_cli_committee (EssCliContext  *context,
                   int             argc,
                   char          **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *session = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) references = NULL;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(EssReport) report = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) wanted = NULL;
  g_autofree char *session_iso = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session,
      N_("The committee session: the committee date of its dossiers (05/03/2024 or 2024-03-05)"), N_("DATE") },
    { "reference", 0, 0, G_OPTION_ARG_STRING_ARRAY, &references,
      N_("A dossier of the pack (the references that follow are taken too)"), N_("REFERENCE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title of the pack"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  options = g_option_context_new (_("— write a committee pack as PDF"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!parse_options (options, &argc, &argv))
    return ESS_CLI_USAGE;

  if ((session == NULL) == (references == NULL))
    {
      ess_cli_print_error (_("committee needs either --session DATE or --reference REFERENCE…."));
      return ESS_CLI_USAGE;
    }
  if (session != NULL && argc > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[2]);
      ess_cli_print_error (message);
      return ESS_CLI_USAGE;
    }
  if (output == NULL)
    {
      ess_cli_print_error (_("committee needs the PDF file to write: -o FILE.pdf."));
      return ESS_CLI_USAGE;
    }

  if (session != NULL)
    {
      session_iso = ess_date_parse (session, &error);
      if (session_iso == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The session “%s” is not a date: %s"), session,
                                                      error->message);
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

  if (session_iso != NULL)
    {
      g_autofree char *long_date = ess_date_format_long (session_iso);

      ids = ess_store_committee_dossier_ids (store, session_iso, &error);
      if (ids == NULL)
        {
          ess_cli_print_error (error->message);
          return ESS_CLI_REFUSED;
        }
      if (ids->len == 0)
        {
          g_autofree char *message = g_strdup_printf (_("No dossier is on the committee of %s: a session is "
                                                        "the “Committee date” of its dossiers."), long_date);
          ess_cli_print_error (message);
          return ESS_CLI_REFUSED;
        }
      if (title == NULL)
        /* TRANSLATORS: the title of a committee pack: the session's date */
        title = g_strdup_printf (_("Committee of %s"), long_date);
    }
  else
    {
      g_strv_builder_addv (all, (const char **) references);
      for (int i = 2; i < argc; i++)
        g_strv_builder_add (all, argv[i]);
      wanted = g_strv_builder_end (all);
      ids = find_dossiers (store, wanted, &error);
      if (ids == NULL)
        {
          ess_cli_print_error (error->message);
          return ESS_CLI_REFUSED;
        }
    }

  report = ess_report_new_committee (store, (const gint64 *) ids->data, ids->len, title, &error);
  if (report == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  return write_report (report, output);
}
