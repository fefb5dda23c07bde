/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the reader and writer of dossiers share with those of scenarios. */
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "ess-exchange.h"

G_BEGIN_DECLS

void   ess_exchange_add_problem        (GPtrArray                *problems,
                                        int                       line,
                                        const char               *element,
                                        const char               *message);
G_GNUC_PRINTF (4, 5)
void   ess_exchange_add_problemf       (GPtrArray                *problems,
                                        int                       line,
                                        const char               *element,
                                        const char               *format,
                                        ...);
/* An element named @name (any namespace). */
gboolean ess_exchange_node_is          (xmlNodePtr                node,
                                        const char               *name);
/* The text of @node, "" when none. */
char  *ess_exchange_node_text          (xmlNodePtr                node);
/* Appends @text to @out escaped for XML 1.0 (as an attribute value when
 * @attribute: tab, line feed and carriage return as references). FALSE
 * at a control character XML cannot carry, even as a reference, which
 * goes to @bad. */
gboolean ess_exchange_append_escaped   (GString                  *out,
                                        const char               *text,
                                        gboolean                  attribute,
                                        guint                    *bad);
/* "Expected is ( {urn:…}title, {urn:…}scheme )" -> "<title>, <scheme>"; NULL when none. */
char  *ess_exchange_expected_elements  (const char               *message);

/* The schema of @bytes, compiled; it is part of the program, so it
 * always compiles (aborts otherwise). */
xmlSchemaPtr ess_exchange_compile_schema (GBytes                 *bytes);

/* Reads the children of <scenarios> one at a time into @records
 * (EssScenarioRecord): those of the scenarios namespace are validated
 * against ess-scenarios-1.xsd, then checked (horizon, years, units,
 * territories of @context, names unique in the file, treated dossiers in
 * @file_references or in the database of @context); those of another
 * namespace are skipped. A partner file (@full FALSE) carries none.
 * Problems go to @problems. */
typedef struct _EssScenarioReader EssScenarioReader;

EssScenarioReader *ess_scenario_reader_new  (gboolean                  full,
                                             GHashTable               *file_references,
                                             const EssExchangeContext *context,
                                             GPtrArray                *problems,
                                             GPtrArray                *records);
void               ess_scenario_reader_read (EssScenarioReader        *reader,
                                             xmlNodePtr                child);
void               ess_scenario_reader_free (EssScenarioReader        *reader);

G_END_DECLS
