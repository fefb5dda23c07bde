/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `list`: the dossiers of the database as text for people or CSV for machines. */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-csv.h"
#include "ess-dossier-list.h"
#include "ess-money.h"

static void
append_csv_row (GString           *out,
                EssDossierSummary *dossier)
{
  g_autofree char *volet = NULL;
  g_autofree char *year = g_strdup_printf ("%d", ess_dossier_summary_get_year (dossier));
  g_autofree char *requested = ess_money_format_decimal (ess_dossier_summary_get_requested (dossier));
  g_autofree char *proposed = ess_money_format_decimal (ess_dossier_summary_get_proposed (dossier));
  g_autofree char *granted = ess_money_format_decimal (ess_dossier_summary_get_granted (dossier));
  const char *fields[11];

  if (ess_dossier_summary_get_volet (dossier) > 0)
    volet = g_strdup_printf ("%d", ess_dossier_summary_get_volet (dossier));

  fields[0] = ess_dossier_summary_get_reference (dossier);
  fields[1] = ess_dossier_summary_get_title (dossier);
  fields[2] = ess_dossier_summary_get_applicant (dossier);
  fields[3] = ess_dossier_summary_get_scheme (dossier);
  fields[4] = volet ? volet : "";
  fields[5] = year;
  fields[6] = ess_status_to_id (ess_dossier_summary_get_status (dossier));
  fields[7] = requested;
  fields[8] = proposed;
  fields[9] = granted;
  fields[10] = ess_dossier_summary_get_territories (dossier);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ess_csv_append_field (out, fields[i], ',');
    }
  g_string_append_c (out, '\n');
}

static void
append_text_row (GString           *out,
                 EssDossierSummary *dossier)
{
  g_autofree char *granted = ess_money_format (ess_dossier_summary_get_granted (dossier));
  g_autofree char *volet = NULL;

  if (ess_dossier_summary_get_volet (dossier) > 0)
    volet = g_strdup_printf (_("Volet %d"), ess_dossier_summary_get_volet (dossier));

  g_string_append_printf (out, "%s  %d  %-10s %-8s %-18s %s — %s — %s\n",
                          ess_dossier_summary_get_reference (dossier),
                          ess_dossier_summary_get_year (dossier),
                          ess_dossier_summary_get_scheme (dossier),
                          volet ? volet : "",
                          ess_status_label (ess_dossier_summary_get_status (dossier)),
                          granted,
                          ess_dossier_summary_get_applicant (dossier),
                          ess_dossier_summary_get_title (dossier));
}

int
ess_cli_list (EssCliContext  *context,
              int             argc,
              char          **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssDossierList) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean csv;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or csv"), "FORMAT" },
    { NULL }
  };

  options = g_option_context_new (_("list — print the dossiers"));
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

  if (format == NULL || g_str_equal (format, "text"))
    csv = FALSE;
  else if (g_str_equal (format, "csv"))
    csv = TRUE;
  else
    {
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: expected text or csv."), format);
      ess_cli_print_error (message);
      return ESS_CLI_USAGE;
    }

  store = ess_cli_open_store_for_reading (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  list = ess_dossier_list_new (store);
  if (csv)
    g_string_append (out, "reference,title,applicant,scheme,volet,year,status,requested,proposed,granted,territories\n");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(EssDossierSummary) dossier = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (csv)
        append_csv_row (out, dossier);
      else
        append_text_row (out, dossier);
    }

  fwrite (out->str, 1, out->len, stdout);
  return ESS_CLI_OK;
}
