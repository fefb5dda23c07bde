/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The XML exchange files of dossiers: writing them, reading untrusted ones safely, importing them. */
#pragma once

#include <gio/gio.h>

#include "ess-store.h"
#include "ess-store-exchange.h"
#include "ess-store-funding.h"
#include "ess-store-scenarios.h"

G_BEGIN_DECLS

/* The vocabulary: docs/xml-format.md, data/ess-dossiers-1.xsd. */
#define ESS_EXCHANGE_NAMESPACE       "urn:io.github.essinstruction:dossiers:1"
/* The version this program writes, and the newest it reads. */
#define ESS_EXCHANGE_VERSION         1
/* The scenarios inside <scenarios>: docs/xml-format.md, data/ess-scenarios-1.xsd. */
#define ESS_EXCHANGE_SCENARIOS_NAMESPACE "urn:io.github.essinstruction:scenarios:1"

/* Limits of what an imported file may be. A dossier takes a few
 * kilobytes and 9 levels of elements: the limits leave room for tens of
 * thousands of dossiers while bounding what a hostile file can make the
 * parser do. */
#define ESS_EXCHANGE_MAX_FILE_SIZE   (128 * 1024 * 1024)   /* bytes: 10 000 dossiers with large plans are about 90 MB */
#define ESS_EXCHANGE_MAX_DEPTH       32                   /* nested elements */
#define ESS_EXCHANGE_MAX_TEXT        (256 * 1024)         /* bytes of one text or attribute value */

#define ESS_EXCHANGE_ERROR (ess_exchange_error_quark ())

typedef enum
{
  ESS_EXCHANGE_ERROR_READ,      /* the file cannot be read */
  ESS_EXCHANGE_ERROR_WRITE,     /* a value cannot be written in XML */
  ESS_EXCHANGE_ERROR_INVALID,   /* the file has problems: nothing was written */
} EssExchangeError;

/* One thing wrong in a file: where (line 0 when it is about the whole
 * file), which element (NULL when none), and a French message saying
 * what was found and what is expected. */
typedef struct
{
  int   line;
  char *element;
  char *message;
} EssExchangeProblem;

/* What the domain checks know of the database: the communes, schemes
 * and legal forms a dossier may name. */
typedef struct
{
  GHashTable *communes;      /* INSEE code -> name */
  GHashTable *schemes;       /* code -> name */
  GHashTable *legal_forms;   /* code -> label */
  GHashTable *territories;   /* id (gint64 *) -> name, for the scenarios' reach */
  EssStore   *store;         /* the database a scenario's treatments may name dossiers of; NULL: not checked */
} EssExchangeContext;

/* A file read: its dossiers when it is valid, its problems otherwise
 * (never both: a file with one problem gives no dossier). */
typedef struct
{
  int        version;
  gboolean   full;       /* kind="full": the review is in the file */
  GPtrArray *bundles;    /* EssDossierBundle */
  GArray    *lines;      /* int: line of each bundle's <dossier> */
  GPtrArray *problems;   /* EssExchangeProblem */
  GPtrArray *scenarios;  /* EssScenarioRecord, in the file's order (full archives) */
} EssExchangeDocument;

GQuark               ess_exchange_error_quark         (void);

EssExchangeContext  *ess_exchange_context_new_for_store (EssStore                 *store,
                                                         GError                  **error);
/* The reference data a new database starts with, for checking a file
 * without a database. */
EssExchangeContext  *ess_exchange_context_new_default (GError                   **error);
void                 ess_exchange_context_free        (EssExchangeContext        *context);

/* The bundles as a UTF-8 XML document, indented, in a stable order: the
 * same bundles give the same bytes. A partner file (@full FALSE) leaves
 * out the review: status, opinion, conditions, private notes, scores and
 * history. Fails only when a text holds a control character, which XML
 * cannot carry; the message names the dossier. */
GBytes              *ess_exchange_write               (GPtrArray                 *bundles,
                                                       gboolean                   full,
                                                       GError                   **error);
/* As ess_exchange_write(), with the scenarios (EssScenarioRecord, may
 * be NULL) after the last dossier of a full archive. */
GBytes              *ess_exchange_write_with_scenarios (GPtrArray                *bundles,
                                                       gboolean                   full,
                                                       GPtrArray                 *scenarios,
                                                       GError                   **error);
/* Appends to @out the <scenarios> block holding @scenarios
 * (EssScenarioRecord), in their order, indented as a child of
 * <dossiers>; nothing when there is none. Fails only when a text holds a
 * control character; the message names the scenario. */
gboolean             ess_exchange_write_scenarios     (GString                   *out,
                                                       GPtrArray                 *scenarios,
                                                       GError                   **error);
/* @scenarios (EssScenario) as a file carries them: each treatment
 * override by the reference of its dossier, for the dossiers of
 * @references only (gint64 * id -> reference: those the file carries;
 * NULL: none). */
GPtrArray           *ess_exchange_scenario_records    (GPtrArray                 *scenarios,
                                                       GHashTable                *references);
/* The ids of the dossiers of @references (NULL or empty: every dossier
 * not in the trash), by reference, each once; an unknown reference is an
 * error naming it. */
GArray              *ess_exchange_find_references     (EssStore                  *store,
                                                       const char * const        *references,
                                                       GError                   **error);
/* The dossiers @ids, by reference, as ess_exchange_write() writes them,
 * to @stream as they are read: one dossier at a time in memory, whatever
 * their number. @progress (may be NULL) counts the dossiers written, set
 * atomically so that another thread may read it; a cancelled
 * @cancellable stops the export (G_IO_ERROR_CANCELLED). */
gboolean             ess_exchange_export_to_stream    (EssStore                  *store,
                                                       const gint64              *ids,
                                                       guint                      n_ids,
                                                       gboolean                   full,
                                                       GOutputStream             *stream,
                                                       GCancellable              *cancellable,
                                                       guint                     *progress,
                                                       GError                   **error);
/* As ess_exchange_export_to_stream(), to @file, which is replaced only
 * once the export is whole (a failed or cancelled export leaves it as
 * it was); a full archive is readable by its owner only (0600). */
gboolean             ess_exchange_export_to_file      (EssStore                  *store,
                                                       const gint64              *ids,
                                                       guint                      n_ids,
                                                       gboolean                   full,
                                                       GFile                     *file,
                                                       GCancellable              *cancellable,
                                                       guint                     *progress,
                                                       GError                   **error);
/* As ess_exchange_export_to_stream(), in memory. */
GBytes              *ess_exchange_export_ids          (EssStore                  *store,
                                                       const gint64              *ids,
                                                       guint                      n_ids,
                                                       gboolean                   full,
                                                       GError                   **error);
/* The dossiers of @references (see ess_exchange_find_references()), in memory. */
GBytes              *ess_exchange_export              (EssStore                  *store,
                                                       const char * const        *references,
                                                       gboolean                   full,
                                                       GError                   **error);

/* Reads @data: its size first, then in one streaming pass, 64 KB at a
 * time, the UTF-8 check of each chunk before the parser sees it, the
 * hardened parsing (no network, no DTD, no entity, bounded depth and
 * text), the root element (namespace, version, kind), the XML schema
 * and, for each dossier the schema accepted, the domain checks against
 * @context (identifiers, communes, schemes, legal forms, dates, unique
 * references); after the first schema problem no more dossier is
 * checked, so that one mistake does not echo. Only one dossier's tree is
 * in memory at a time. At the end, the scenarios of <scenarios> (full
 * archives only) are validated against their own schema and checked
 * (see ess-exchange-scenarios.c); elements of another vocabulary there
 * are skipped. Never fails: problems are in the document. */
EssExchangeDocument *ess_exchange_read                (const char                *data,
                                                       gsize                      length,
                                                       const EssExchangeContext  *context);
/* As ess_exchange_read(), for a file, parsed as it is read: the file is
 * never whole in memory; one larger than the limit is refused before it
 * is read. NULL and @error when the file cannot be read. */
EssExchangeDocument *ess_exchange_read_file           (GFile                     *file,
                                                       const EssExchangeContext  *context,
                                                       GError                   **error);
void                 ess_exchange_document_free       (EssExchangeDocument       *document);

/* "FILE:LINE: <element>: message" (without FILE: when @file is NULL,
 * without LINE: when the line is 0, without the element when none). */
char                *ess_exchange_problem_format      (const EssExchangeProblem  *problem,
                                                       const char                *file);
void                 ess_exchange_problem_free        (EssExchangeProblem        *problem);

/* The XML schema embedded in the program. */
GBytes              *ess_exchange_schema_bytes        (void);
/* The XML schema of the scenarios, embedded in the program. */
GBytes              *ess_exchange_scenarios_schema_bytes (void);

/* The preview of an import: for each dossier of the document, whether
 * its reference is known and how the file differs from the database. */
typedef struct
{
  EssDossierBundle *bundle;        /* borrowed from the document */
  int               line;
  gint64            existing_id;   /* 0: a new reference */
  GPtrArray        *differences;   /* char *, French, one per field that differs; empty when the same */
  GPtrArray        *findings;      /* EssFinding of the funding plan and budget checks */
} EssImportItem;

/* A scenario of the file: whether its name is known, how it differs. */
typedef struct
{
  EssScenarioRecord *record;        /* borrowed from the document */
  gint64             existing_id;   /* 0: a new name */
  GPtrArray         *differences;   /* char *, French; empty when the same */
  /* What ess_exchange_apply() does with a known, different scenario:
   * ESS_IMPORT_SKIP (the default), _UPDATE or _RENAME. A new one is
   * created, a known identical one left alone. */
  EssImportAction    action;
} EssImportScenarioItem;

typedef struct
{
  GPtrArray *items;   /* EssImportItem, in the file's order */
  guint      n_new;
  guint      n_known;
  GPtrArray *scenarios;          /* EssImportScenarioItem, in the file's order */
  guint      n_new_scenarios;
  guint      n_known_scenarios;  /* known and different: a choice to make */
} EssImportPreview;

EssImportPreview    *ess_exchange_preview             (EssStore                  *store,
                                                       EssExchangeDocument       *document,
                                                       GError                   **error);
void                 ess_import_preview_free          (EssImportPreview          *preview);
/* Writes the document in one transaction: new references are created,
 * known ones follow @actions[i] (ESS_IMPORT_SKIP, _UPDATE or _RENAME;
 * ignored for new ones); the scenarios follow the action of their
 * preview item. @source names the file in the history. */
gboolean             ess_exchange_apply               (EssStore                  *store,
                                                       EssExchangeDocument       *document,
                                                       EssImportPreview          *preview,
                                                       const EssImportAction     *actions,
                                                       const char                *source,
                                                       GPtrArray                **new_references,
                                                       GError                   **error);

/* The report of a refused file: a French heading, then one problem per
 * line ("FILE:LINE: <element> : message"). */
char                *ess_exchange_format_problems     (EssExchangeDocument       *document,
                                                       const char                *file);
/* The preview for people, one dossier per line ("Nouveau : APT-2012-001
 * — title") with its differences and the funding checks indented. */
char                *ess_exchange_format_preview      (EssImportPreview          *preview);

/* The issuer of the SCDL files, until it is a setting. */
#define ESS_SCDL_AUTHORITY_NAME   "Métropole Européenne de Lille"
#define ESS_SCDL_AUTHORITY_SIRET  "20009320100016"

/* The granted subsidies (dossiers granted, under agreement or closed,
 * not in the trash) of @year (0: every year), by reference, as a SCDL
 * "subventions" CSV file (DOMAIN.md). Every row is checked against the
 * format's rules first: when one breaks a rule, NULL, @error, and
 * @problems (must not be NULL) lists them all, "REF: message". */
char                *ess_exchange_scdl                (EssStore                  *store,
                                                       int                        year,
                                                       const char                *authority_name,
                                                       const char                *authority_siret,
                                                       GPtrArray                **problems,
                                                       GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssExchangeDocument, ess_exchange_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssExchangeContext, ess_exchange_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssExchangeProblem, ess_exchange_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssImportPreview, ess_import_preview_free)

G_END_DECLS
