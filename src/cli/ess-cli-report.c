/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `report`: the yearly report of the dashboard ("bilan") written as PDF. */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-report.h"

/* A year as typed: 4 digits between 1900 and 2200. */
static gboolean
parse_year (const char *text,
            int        *year)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1900, 2200, &value, NULL))
    return FALSE;
  *year = (int) value;
  return TRUE;
}

int
ess_cli_report (EssCliContext  *context,
                int             argc,
                char          **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssReport) report = NULL;
  int first, last;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The year of the report"), N_("YEAR") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last year, for a report over several years"), N_("YEAR") },
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &scheme, N_("Only the dossiers of this scheme (APT, APP...)"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  options = g_option_context_new (_("— write the yearly report of the dashboard as PDF"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }
  if (!parse_year (year_text, &first))
    {
      g_autofree char *message = g_strdup_printf (_("report needs the year of the report: --year YYYY, between 1900 and 2200 (not “%s”)."),
                                                  year_text != NULL ? year_text : "");
      ess_cli_print_error (message);
      return ESS_CLI_USAGE;
    }
  last = first;
  if (to_text != NULL && (!parse_year (to_text, &last) || last < first))
    {
      g_autofree char *message = g_strdup_printf (_("--to expects a year from %d to 2200, not “%s”."), first, to_text);
      ess_cli_print_error (message);
      return ESS_CLI_USAGE;
    }
  if (output == NULL || argc > 2)
    {
      ess_cli_print_error (_("report needs the PDF file to write: -o FILE.pdf."));
      return ESS_CLI_USAGE;
    }

  store = ess_cli_open_store (context, &error);
  if (store == NULL || (report = ess_report_new_dashboard (store, first, last, scheme, &error)) == NULL ||
      !ess_report_write_pdf (report, output, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  return ESS_CLI_OK;
}
