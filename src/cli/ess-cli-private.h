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

EssStore *ess_cli_open_store  (EssCliContext  *context,
                               GError        **error);
void      ess_cli_print_error (const char     *message);

int       ess_cli_list        (EssCliContext  *context,
                               int             argc,
                               char          **argv);

G_END_DECLS
