/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reads scenarios from a key file (the seed scenarios of data/scenarios.ini). */
#pragma once

#include "ess-scenario.h"

G_BEGIN_DECLS

/* The scenarios of the [scenario:ID] groups, in file order; NULL and a
 * message naming the group and the key when one is wrong. */
GPtrArray *ess_scenarios_from_keyfile (const char  *data,
                                       gsize        length,
                                       GError     **error);

G_END_DECLS
