/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `check`: every finding of some or all dossiers, as text, and an exit code for scripts. */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-dossier-list.h"
#include "ess-store-funding.h"

typedef struct
{
  guint dossiers;
  guint counts[ESS_SEVERITY_ERROR + 1];
} CheckTally;

/* Appends the findings of one dossier, one line each. */
static gboolean
check_dossier (EssStore    *store,
               gint64       id,
               const char  *reference,
               GString     *out,
               CheckTally  *tally,
               GError     **error)
{
  g_autoptr(GPtrArray) findings = ess_store_dossier_findings (store, id, error);

  if (findings == NULL)
    return FALSE;

  tally->dossiers++;
  for (guint i = 0; i < findings->len; i++)
    {
      const EssFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity <= ESS_SEVERITY_ERROR)
        tally->counts[finding->severity]++;
      /* TRANSLATORS: one line of the check command: dossier reference, severity,
       * place, message ("APT-2012-001 [error] Column Ville de Lille: declared total…") */
      g_string_append_printf (out, _("%s [%s] %s: %s"), reference, ess_severity_label (finding->severity),
                              finding->place, finding->message);
      g_string_append_c (out, '\n');
    }

  return TRUE;
}

static char *
summary_text (const CheckTally *tally)
{
  g_autofree char *dossiers = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *infos = NULL;

  /* TRANSLATORS: the start of the summary line of the check command */
  dossiers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dossier checked", "%u dossiers checked",
                                           tally->dossiers),
                              tally->dossiers);
  /* TRANSLATORS: in the summary line of the check command */
  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                         tally->counts[ESS_SEVERITY_ERROR]),
                            tally->counts[ESS_SEVERITY_ERROR]);
  /* TRANSLATORS: in the summary line of the check command */
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                           tally->counts[ESS_SEVERITY_WARNING]),
                              tally->counts[ESS_SEVERITY_WARNING]);
  /* TRANSLATORS: in the summary line of the check command: findings that are only
   * information (the consumption of an envelope) */
  infos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes",
                                        tally->counts[ESS_SEVERITY_INFO]),
                           tally->counts[ESS_SEVERITY_INFO]);

  /* TRANSLATORS: the summary line of the check command: "4 dossiers checked: 7 errors,
   * 1 warning, 3 notes" */
  return g_strdup_printf (_("%s: %s, %s, %s"), dossiers, errors, warnings, infos);
}

int
ess_cli_check (EssCliContext  *context,
               int             argc,
               char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  CheckTally tally = { 0 };

  options = g_option_context_new (_("[REFERENCE…] — check the funding plans, budgets, envelopes and aid ceilings"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }

  for (int i = 2; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] != '\0')
      {
        g_autofree char *message = g_strdup_printf (_("Unknown option “%s”."), argv[i]);

        ess_cli_print_error (message);
        return ESS_CLI_USAGE;
      }

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  /* Every reference is looked up before anything is printed: a typo
   * does not leave half a report. */
  for (int i = 2; i < argc; i++)
    {
      gint64 id = ess_store_find_dossier (store, argv[i], &error);

      if (id == 0)
        {
          ess_cli_print_error (error->message);
          return g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND) ? ESS_CLI_USAGE
                                                                                   : ESS_CLI_REFUSED;
        }
      g_array_append_val (ids, id);
      g_ptr_array_add (references, g_strdup (argv[i]));
    }

  if (argc <= 2)
    {
      g_autoptr(EssDossierList) list = ess_dossier_list_new (store);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          g_autoptr(EssDossierSummary) dossier = g_list_model_get_item (G_LIST_MODEL (list), i);
          gint64 id = ess_dossier_summary_get_id (dossier);

          g_array_append_val (ids, id);
          g_ptr_array_add (references, g_strdup (ess_dossier_summary_get_reference (dossier)));
        }
    }

  for (guint i = 0; i < ids->len; i++)
    if (!check_dossier (store, g_array_index (ids, gint64, i), g_ptr_array_index (references, i), out, &tally,
                        &error))
      {
        ess_cli_print_error (error->message);
        return ESS_CLI_REFUSED;
      }

  summary = summary_text (&tally);
  g_string_append_printf (out, "%s\n", summary);
  fwrite (out->str, 1, out->len, stdout);

  return tally.counts[ESS_SEVERITY_ERROR] > 0 ? ESS_CLI_REFUSED : ESS_CLI_OK;
}
