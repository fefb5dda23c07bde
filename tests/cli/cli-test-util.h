/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the command-line tests share: a private home, and the real binary
 * run in it without a display. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *home;         /* private XDG_DATA_HOME, mode 0700 */
  char *db;           /* a database of the test, set by the test; freed with the fixture */
  char *stdout_text;  /* what the last run printed, whole (a CSV's BOM included) */
  char *stderr_text;
  int   status;       /* its exit status */
} CliFixture;

/* Makes @f's home from @template ("ess-cli-XXXXXX"). */
void  cli_fixture_init   (CliFixture         *f,
                          const char         *template);
/* Removes the home and everything in it. */
void  cli_fixture_clear  (CliFixture         *f);
/* Runs $ESS_INSTRUCTION with @argv (NULL-terminated, the program left out)
 * without a display, XDG_DATA_HOME set to the home. */
void  cli_run_argv       (CliFixture         *f,
                          const char * const *argv);
void  cli_run            (CliFixture         *f,
                          const char         *first,
                          ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
