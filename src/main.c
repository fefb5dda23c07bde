/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry point: sets up translations, then runs a command or the window. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ess-application.h"
#include "ess-cli.h"

/* The language the environment asks for, as gettext reads it: the first
 * of LANGUAGE, else the first of LC_ALL, LC_MESSAGES, LANG that is set. */
static const char *
requested_language (void)
{
  static const char *variables[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);
      if (value != NULL && value[0] != '\0')
        return value;
    }
  return NULL;
}

static gboolean
is_english (const char *locale)
{
  return locale != NULL && locale[0] == 'e' && locale[1] == 'n' &&
         (locale[2] == '\0' || locale[2] == '_' || locale[2] == '.' || locale[2] == '@' || locale[2] == ':');
}

/* "C", "POSIX", "C.UTF-8": no translations in such a locale. */
static gboolean
is_c_locale (const char *locale)
{
  return locale == NULL || strcmp (locale, "C") == 0 || strcmp (locale, "POSIX") == 0 ||
         g_str_has_prefix (locale, "C.");
}

/* Sets one category through the environment, so that GTK's own
 * setlocale (LC_ALL, "") keeps it. LC_ALL would hide the variable: its
 * value moves to each category instead, which means the same. */
static gboolean
override_category (int         category,
                   const char *variable,
                   const char *value)
{
  static const char *variables[] = { "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
                                     "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE",
                                     "LC_MEASUREMENT", "LC_IDENTIFICATION" };
  const char *all = g_getenv ("LC_ALL");
  g_autofree char *saved = g_strdup (g_getenv (variable));

  if (all != NULL && all[0] != '\0')
    {
      g_autofree char *value_of_all = g_strdup (all);

      for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
        g_setenv (variables[i], value_of_all, TRUE);
      g_unsetenv ("LC_ALL");
    }
  g_setenv (variable, value, TRUE);
  if (setlocale (category, "") != NULL)
    return TRUE;
  if (saved != NULL)
    g_setenv (variable, saved, TRUE);
  else
    g_unsetenv (variable);
  return FALSE;
}

/* The application is made for French administrations: it speaks English
 * when the environment asks for English (the source strings are English,
 * so this holds even when that locale is not installed), and French
 * otherwise, the C locale included. */
static void
setup_locale (void)
{
  static const int categories[] = { LC_CTYPE, LC_NUMERIC, LC_TIME, LC_COLLATE, LC_MONETARY, LC_MESSAGES };
  const char *localedir = g_getenv ("ESS_LOCALEDIR");
  gboolean english = is_english (requested_language ());

  /* When one locale named is not installed, keep the others. */
  if (setlocale (LC_ALL, "") == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
      setlocale (categories[i], "");

  if (!english)
    {
      /* LANGUAGE is ignored in the C locale: French messages need a French LC_MESSAGES. */
      if (is_c_locale (setlocale (LC_MESSAGES, NULL)))
        override_category (LC_MESSAGES, "LC_MESSAGES", "fr_FR.UTF-8");
      g_setenv ("LANGUAGE", "fr", TRUE);
    }

  /* Accented text printed in an ASCII locale would come out as "?". */
  if (strcmp (setlocale (LC_CTYPE, NULL), "C") == 0 || strcmp (setlocale (LC_CTYPE, NULL), "POSIX") == 0)
    override_category (LC_CTYPE, "LC_CTYPE", "C.UTF-8");

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
