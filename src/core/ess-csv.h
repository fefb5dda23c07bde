/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing CSV text (RFC 4180 quoting) for reference data and exports. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESS_CSV_ERROR (ess_csv_error_quark ())

typedef enum
{
  ESS_CSV_ERROR_QUOTE,
  ESS_CSV_ERROR_ENCODING,
} EssCsvError;

GQuark     ess_csv_error_quark (void);

/* Returns an array of rows, each a NULL-terminated GStrv of fields. */
GPtrArray *ess_csv_parse       (const char  *text,
                                gssize       length,
                                char         separator,
                                GError     **error);
/* Appends @field to @out, quoted when it holds the separator, a quote or a line break. */
void       ess_csv_append_field (GString    *out,
                                 const char *field,
                                 char        separator);

G_END_DECLS
