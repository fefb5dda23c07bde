/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the command files share: the context of a run and the verb table. */
#pragma once

#include <glib.h>

#include "ess-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *database;   /* NULL: the default database */
} EssCliContext;

typedef int (*EssCliVerbFunc) (EssCliContext *context,
                               int            argc,
                               char         **argv);

typedef struct
{
  const char     *name;
  const char     *summary;
  EssCliVerbFunc  run;
} EssCliVerb;

/* The database file of the run, and the flags it is opened with. */
char     *ess_cli_database_path (EssCliContext     *context,
                                 EssStoreOpenFlags *flags);
EssStore *ess_cli_open_store  (EssCliContext  *context,
                               GError        **error);
/* For commands that only read: read-only when another program has the
 * database open for writing. */
EssStore *ess_cli_open_store_for_reading (EssCliContext  *context,
                                          GError        **error);
void      ess_cli_print_error (const char     *message);

/* Parses REFERENCE [-o FILE] of an export verb; ESS_CLI_OK or the exit
 * status of a usage error (already printed). */
int       ess_cli_parse_export (int             argc,
                                char          **argv,
                                const char     *parameter,
                                const char    **reference,
                                char          **output);
/* Writes @text to @path (replacing it) or to stdout when @path is NULL;
 * the exit status, the error printed. */
int       ess_cli_write_output (const char     *path,
                                const char     *text);

int       ess_cli_list        (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_check       (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_export_plan (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_export_budget (EssCliContext  *context,
                                 int             argc,
                                 char          **argv);
int       ess_cli_backup      (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_restore     (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_erase_contact (EssCliContext *context,
                                 int            argc,
                                 char         **argv);
int       ess_cli_summary     (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_committee   (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int            ess_cli_report         (EssCliContext  *context,
                                       int             argc,
                                       char          **argv);

int       ess_cli_validate    (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_import      (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_export      (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_export_scdl (EssCliContext  *context,
                               int             argc,
                               char          **argv);
int       ess_cli_scenarios   (EssCliContext  *context,
                               int             argc,
                               char          **argv);

G_END_DECLS
