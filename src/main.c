/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry point: sets up translations, then runs a command or the window. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ess-application.h"
#include "ess-cli.h"

/* The application is made for French administrations: a workstation left
 * in the C locale gets the French interface, any real locale is obeyed. */
static void
setup_locale (void)
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");
  const char *messages;

  setlocale (LC_ALL, "");
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0 ||
      g_str_has_prefix (messages, "C."))
    {
      /* Through the environment, so that GTK's own setlocale() keeps it. */
      g_setenv ("LC_MESSAGES", "fr_FR.UTF-8", TRUE);
      if (setlocale (LC_MESSAGES, "") == NULL)
        g_unsetenv ("LC_MESSAGES");
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EssApplication) app = NULL;

  setup_locale ();

  if (ess_cli_wants_command (argc, argv))
    return ess_cli_run (argc, argv);

  app = ess_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
