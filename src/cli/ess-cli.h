/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The headless commands of ess-instruction (no display needed). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ESS_CLI_OK = 0,
  ESS_CLI_REFUSED = 1,
  ESS_CLI_USAGE = 2,
} EssCliStatus;

/* TRUE when @argv asks for a command rather than the window. */
gboolean ess_cli_wants_command (int    argc,
                                char **argv);
int      ess_cli_run           (int    argc,
                                char **argv);

G_END_DECLS
