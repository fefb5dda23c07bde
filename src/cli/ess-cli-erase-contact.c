/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `erase-contact APPLICANT`: erases the personal data of an applicant's contacts at their request. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "ess-cli.h"
#include "ess-cli-private.h"
#include "ess-store-dossiers.h"
#include "ess-store-privacy.h"

/* The applicant named exactly @name, or numbered @name; 0 when none. */
static gint64
find_applicant (EssStore    *store,
                const char  *name,
                char       **found_name,
                GError     **error)
{
  g_autoptr(GPtrArray) applicants = ess_store_list_applicants (store, error);
  char *end = NULL;
  gint64 number = g_ascii_strtoll (name, &end, 10);

  if (applicants == NULL)
    return -1;
  for (guint i = 0; i < applicants->len; i++)
    {
      EssApplicant *applicant = g_ptr_array_index (applicants, i);

      if (g_str_equal (applicant->name, name) || (end != name && *end == '\0' && applicant->id == number))
        {
          *found_name = g_strdup (applicant->name);
          return applicant->id;
        }
    }
  return 0;
}

int
ess_cli_erase_contact (EssCliContext  *context,
                       int             argc,
                       char          **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autofree char *name = NULL;
  gint64 applicant, erased;

  options = g_option_context_new (_("APPLICANT — erase the personal data of the applicant’s contacts"));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_set_summary (options, _("APPLICANT is the exact name of the applicant or its number. "
                                           "The history records the erasure, never the data."));
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_USAGE;
    }
  if (argc != 3)
    {
      ess_cli_print_error (_("erase-contact needs one applicant: its exact name or its number."));
      return ESS_CLI_USAGE;
    }

  store = ess_cli_open_store (context, &error);
  if (store == NULL)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  applicant = find_applicant (store, argv[2], &name, &error);
  if (applicant < 0)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }
  if (applicant == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No applicant is named or numbered “%s”."), argv[2]);
      ess_cli_print_error (message);
      return ESS_CLI_REFUSED;
    }

  erased = ess_store_erase_contacts (store, applicant, &error);
  if (erased < 0)
    {
      ess_cli_print_error (error->message);
      return ESS_CLI_REFUSED;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Erased the personal data of %d contact of “%s”.\n",
                        "Erased the personal data of %d contacts of “%s”.\n",
                        (gulong) erased),
           (int) erased, name);
  g_print ("%s\n", _("Backups made before keep it until they are rotated out, within 5 weeks."));
  return ESS_CLI_OK;
}
