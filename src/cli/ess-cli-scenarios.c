/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `scenarios`: list the scenarios of the database, or compare them as text or CSV. */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-money.h"
#include "ess-scenario-compare.h"
#include "ess-scenario-report.h"
#include "ess-store-scenarios.h"

static int
refuse (const char *message)
{
  ess_cli_print_error (message);
  return ESS_CLI_REFUSED;
}

static int
usage (const char *message)
{
  ess_cli_print_error (message);
  return ESS_CLI_USAGE;
}

static int
find_scenario (GPtrArray  *scenarios,
               const char *name)
{
  for (guint i = 0; i < scenarios->len; i++)
    if (g_str_equal (((EssScenario *) g_ptr_array_index (scenarios, i))->name, name))
      return (int) i;
  return -1;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static int
write_output (const char *output,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL || g_str_equal (output, "-"))
    {
      fwrite (text, 1, strlen (text), stdout);
      return ESS_CLI_OK;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    return refuse (error->message);
  return ESS_CLI_OK;
}

static int
list_scenarios (GPtrArray *scenarios)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (scenarios, i);
      g_autoptr(EssScenarioOutcome) outcome = ess_scenario_compute (scenario, NULL);
      g_autofree char *metropole = ess_money_format (outcome->horizon.metropole);

      g_string_append_printf (out, "%s  %d–%d  %-34s %s\n", scenario->name, scenario->first_year,
                              scenario->last_year, ess_scenario_kind_label (scenario->kind), metropole);
    }
  fwrite (out->str, 1, out->len, stdout);
  return ESS_CLI_OK;
}

int
ess_cli_scenarios (EssCliContext  *context,
                   int             argc,
                   char          **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *reference_name = NULL;
  int year = 0;
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) portfolio = NULL;
  g_autoptr(EssComparison) comparison = NULL;
  g_autoptr(GHashTable) territories = NULL;
  g_autofree char *text = NULL;
  EssPopulation population;
  const char *action;
  int reference = 0;
  gboolean csv = FALSE, pdf = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text, csv or pdf"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"), "FILE" },
    { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference_name, N_("The scenario the others are compared to (default: the first)"), N_("NAME") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("One year instead of the whole horizon"), N_("YEAR") },
    { NULL }
  };

  options = g_option_context_new (_("list|compare [NAME…] — list or compare the scenarios"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return usage (error->message);

  if (argc < 3)
    return usage (_("scenarios needs an action: list or compare."));
  action = argv[2];
  if (!g_str_equal (action, "list") && !g_str_equal (action, "compare"))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown action “%s”: expected list or compare."), action);
      return usage (message);
    }
  if (g_str_equal (action, "list") && argc > 3)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[3]);
      return usage (message);
    }

  if (format == NULL || g_str_equal (format, "text"))
    csv = FALSE;
  else if (g_str_equal (format, "csv"))
    csv = TRUE;
  else if (g_str_equal (format, "pdf"))
    pdf = TRUE;
  else
    {
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: expected text, csv or pdf."), format);
      return usage (message);
    }
  if (pdf && (output == NULL || g_str_equal (output, "-")))
    return usage (_("A PDF needs a file: add -o FILE."));
  if (year != 0 && (year < 1900 || year > 2200))
    return usage (_("--year expects a year between 1900 and 2200."));

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    return refuse (error->message);

  all = ess_store_list_scenarios (store, &error);
  if (all == NULL)
    return refuse (error->message);

  if (g_str_equal (action, "list"))
    return list_scenarios (all);

  chosen = g_ptr_array_new ();
  if (argc > 3)
    for (int i = 3; i < argc; i++)
      {
        int index = find_scenario (all, argv[i]);
        if (index < 0)
          {
            g_autofree char *message = g_strdup_printf (_("No scenario is named “%s”; "
                                                          "“scenarios list” shows their names."), argv[i]);
            return refuse (message);
          }
        g_ptr_array_add (chosen, g_ptr_array_index (all, index));
      }
  else
    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (chosen, g_ptr_array_index (all, i));

  if (chosen->len == 0)
    return refuse (_("The database holds no scenario to compare."));

  if (reference_name != NULL)
    {
      reference = find_scenario (chosen, reference_name);
      if (reference < 0)
        {
          g_autofree char *message = g_strdup_printf (_("The reference “%s” is not among the compared scenarios."),
                                                      reference_name);
          return refuse (message);
        }
    }

  if (year != 0)
    {
      gboolean inside = FALSE;
      for (guint i = 0; i < chosen->len; i++)
        {
          const EssScenario *scenario = g_ptr_array_index (chosen, i);
          inside |= year >= scenario->first_year && year <= scenario->last_year;
        }
      if (!inside)
        {
          g_autofree char *message = g_strdup_printf (_("No compared scenario covers %d."), year);
          return refuse (message);
        }
    }

  portfolio = ess_store_scenario_portfolio (store, &error);
  if (portfolio == NULL || !ess_store_population (store, &population, &error))
    return refuse (error->message);

  comparison = ess_comparison_new (chosen, portfolio, &population, (guint) reference, year);
  territories = ess_store_territory_names (store, &error);
  if (territories == NULL)
    return refuse (error->message);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, territories);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_array_append_val (ids, *(gint64 *) key);
    g_array_sort (ids, compare_int64);
    for (guint i = 0; i < ids->len; i++)
      g_ptr_array_add (names, g_hash_table_lookup (territories, &g_array_index (ids, gint64, i)));
    ess_comparison_set_territories (comparison, (const gint64 *) ids->data,
                                    (const char * const *) names->pdata, ids->len);
  }
  if (pdf)
    {
      if (!ess_scenario_report_write_pdf (comparison, output, &error))
        return refuse (error->message);
      return ESS_CLI_OK;
    }
  text = csv ? ess_comparison_to_csv (comparison) : ess_comparison_to_text (comparison);
  return write_output (output, text);
}
