/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading untrusted exchange files: hardened parsing, the schema, then the domain checks, before anything is written. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

#include "ess-dossier-status.h"
#include "ess-exchange.h"
#include "ess-exchange-private.h"
#include "ess-identifiers.h"
#include "ess-money.h"

/* What turns a <dossier> into a bundle. */
typedef struct
{
  const EssExchangeContext *context;
  GPtrArray                *problems;
  gboolean                  full;
} Builder;

/* One read, streaming: the parser builds the tree of one <dossier> at a
 * time, the schema validator sees the same events, and each dossier is
 * turned into a bundle (domain checks included) and freed once the
 * validator is past its end. A file of 10 000 dossiers never is a tree
 * in memory. */
typedef struct
{
  GPtrArray           *problems;
  GHashTable          *reported;       /* "LINE:element" with a schema problem already */
  gboolean             stopped;        /* a DOCTYPE, too deep, a wrong root: the parse was stopped */
  gboolean             parse_error;
  gboolean             schema_failed;  /* no more dossiers are built after a schema problem */
  EssExchangeDocument *document;
  Builder             *builder;
  GHashTable          *references;     /* reference -> line of its dossier */
  xmlNodePtr           pending;        /* the last <dossier> read, waiting for the validator */
  EssScenarioReader   *scenarios;      /* the children of <scenarios>, read one at a time */
} ReadState;

static void flush_pending (ReadState *state);
static void check_sizes (xmlNodePtr node, GPtrArray *problems);

static void
add_problem (GPtrArray  *problems,
             int         line,
             const char *element,
             const char *message)
{
  EssExchangeProblem *problem = g_new0 (EssExchangeProblem, 1);

  problem->line = line > 0 ? line : 0;
  problem->element = g_strdup (element);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

G_GNUC_PRINTF (4, 5)
static void
add_problemf (GPtrArray  *problems,
              int         line,
              const char *element,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (problems, line, element, message);
}

void
ess_exchange_problem_free (EssExchangeProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->element);
  g_free (problem->message);
  g_free (problem);
}

char *
ess_exchange_problem_format (const EssExchangeProblem *problem,
                             const char               *file)
{
  GString *text = g_string_new (NULL);

  if (file != NULL)
    g_string_append_printf (text, "%s:", file);
  if (problem->line > 0)
    g_string_append_printf (text, "%d:", problem->line);
  if (text->len > 0)
    g_string_append_c (text, ' ');
  if (problem->element != NULL)
    g_string_append_printf (text, _("<%s>: "), problem->element);
  g_string_append (text, problem->message);

  return g_string_free (text, FALSE);
}

void
ess_exchange_document_free (EssExchangeDocument *document)
{
  if (document == NULL)
    return;
  g_ptr_array_unref (document->bundles);
  g_array_unref (document->lines);
  g_ptr_array_unref (document->problems);
  g_clear_pointer (&document->scenarios, g_ptr_array_unref);
  g_free (document);
}

/* Hardened parsing. */

/* libxml2 2.9.14 reads local files for external entities even with
 * XML_PARSE_NONET: every external resource is refused, process-wide. */
static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  if (ctxt != NULL && ctxt->_private != NULL)
    {
      ReadState *state = ctxt->_private;

      add_problemf (state->problems, ctxt->input ? ctxt->input->line : 0, NULL,
                    _("the file asks for an external resource (%s): refused, an exchange file "
                      "must hold everything itself"),
                    url ? url : id ? id : "?");
      state->stopped = TRUE;
      xmlStopParser (ctxt);
    }
  return NULL;
}

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialized, 1);
    }
}

/* Any DOCTYPE is refused before its content is read: the format has no
 * DTD, and a DTD is how entities (billion laughs, XXE) come in. */
static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *state = ctxt->_private;

  add_problem (state->problems, xmlSAX2GetLineNumber (ctxt), NULL,
               system_id != NULL ?
               _("the file declares a document type (DOCTYPE) with an external DTD: refused, "
                 "the format uses neither DTD nor entities") :
               _("the file declares a document type (DOCTYPE): refused, the format uses neither DTD "
                 "nor entities"));
  state->stopped = TRUE;
  xmlStopParser (ctxt);
}

static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *state = ctxt->_private;

  if (!state->stopped)
    add_problemf (state->problems, xmlSAX2GetLineNumber (ctxt), NULL,
                  _("the file declares the entity “%s”: refused, the format uses no entity"),
                  (const char *) name);
  state->stopped = TRUE;
  xmlStopParser (ctxt);
}

/* The root, as the parser starts it: namespace, name, version, kind. */
static gboolean
check_root (ReadState      *state,
            int             line,
            const xmlChar  *localname,
            const xmlChar  *uri,
            int             nb_attributes,
            const xmlChar **attributes)
{
  g_autofree char *version_text = NULL;
  g_autofree char *kind = NULL;
  gint64 number = 0;

  if (g_strcmp0 ((const char *) uri, ESS_EXCHANGE_NAMESPACE) != 0)
    {
      if (uri == NULL)
        add_problemf (state->problems, line, (const char *) localname,
                      _("the root element has no namespace: expected xmlns=\"%s\""), ESS_EXCHANGE_NAMESPACE);
      else
        add_problemf (state->problems, line, (const char *) localname,
                      _("unknown namespace “%s”: expected “%s” (a dossier file of Instruction ESS)"),
                      (const char *) uri, ESS_EXCHANGE_NAMESPACE);
      return FALSE;
    }

  if (!xmlStrEqual (localname, BAD_CAST "dossiers"))
    {
      add_problem (state->problems, line, (const char *) localname,
                   _("unexpected root element: expected <dossiers>"));
      return FALSE;
    }

  /* localname, prefix, URI, value start, value end for each attribute. */
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      char *value = g_strndup ((const char *) attribute[3], (gsize) (attribute[4] - attribute[3]));

      if (attribute[2] == NULL && xmlStrEqual (attribute[0], BAD_CAST "version"))
        {
          g_free (version_text);
          version_text = value;
        }
      else if (attribute[2] == NULL && xmlStrEqual (attribute[0], BAD_CAST "kind"))
        {
          g_free (kind);
          kind = value;
        }
      else
        g_free (value);
    }

  if (version_text == NULL ||
      !g_ascii_string_to_signed (version_text, 10, 1, G_MAXINT, &number, NULL))
    {
      add_problemf (state->problems, line, "dossiers",
                    _("the attribute version is missing or is not a number: expected version=\"%d\""),
                    ESS_EXCHANGE_VERSION);
      return FALSE;
    }
  if (number > ESS_EXCHANGE_VERSION)
    {
      add_problemf (state->problems, line, "dossiers",
                    _("version %s of the format is newer than this program, which reads versions 1 to %d: "
                      "update Instruction ESS to import this file"),
                    version_text, ESS_EXCHANGE_VERSION);
      return FALSE;
    }

  state->document->version = (int) number;
  state->document->full = g_strcmp0 (kind, "full") == 0;
  state->builder->full = state->document->full;
  return TRUE;
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *state = ctxt->_private;

  if (state->stopped)
    return;

  /* The parser pushes the element after this call: nameNr is its parent's depth. */
  if (ctxt->nameNr + 1 > ESS_EXCHANGE_MAX_DEPTH)
    {
      add_problemf (state->problems, xmlSAX2GetLineNumber (ctxt), (const char *) localname,
                    _("elements nested more than %d levels deep: refused, a dossier has about ten"),
                    ESS_EXCHANGE_MAX_DEPTH);
      state->stopped = TRUE;
      xmlStopParser (ctxt);
      return;
    }

  if (ctxt->nameNr == 0 &&
      !check_root (state, xmlSAX2GetLineNumber (ctxt), localname, uri, nb_attributes, attributes))
    {
      state->stopped = TRUE;
      xmlStopParser (ctxt);
      return;
    }

  /* The validator has seen the end of the dossier before: build it. */
  if (ctxt->nameNr == 1)
    flush_pending (state);

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces,
                         nb_attributes, nb_defaulted, attributes);
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *state = ctxt->_private;
  xmlNodePtr node = ctxt->node;
  gboolean root = node != NULL && node->parent != NULL && node->parent->type == XML_DOCUMENT_NODE;
  gboolean child_of_root = node != NULL && node->parent != NULL && node->parent->parent != NULL &&
                           node->parent->parent->type == XML_DOCUMENT_NODE;
  /* A child of <scenarios>, which comes after the last dossier. */
  gboolean in_scenarios = node != NULL && node->parent != NULL && node->parent->parent != NULL &&
                          node->parent->parent->parent != NULL &&
                          node->parent->parent->parent->type == XML_DOCUMENT_NODE &&
                          xmlStrEqual (node->parent->name, BAD_CAST "scenarios");

  if (root)
    flush_pending (state);
  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
  if (child_of_root && !state->stopped)
    {
      /* Built at the next event, once the validator has checked its end too. */
      if (xmlStrEqual (localname, BAD_CAST "dossier"))
        state->pending = node;
      else
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
        }
    }
  else if (in_scenarios && !state->stopped)
    {
      /* Every dossier of the file is known by now: a scenario may treat
       * one of them. One scenario's tree at a time, as for the dossiers. */
      if (!state->schema_failed && !state->parse_error)
        {
          guint before = state->problems->len;

          check_sizes (node, state->problems);
          if (state->problems->len == before)
            {
              if (state->scenarios == NULL)
                state->scenarios = ess_scenario_reader_new (state->document->full, state->references,
                                                            state->builder->context, state->problems,
                                                            state->document->scenarios);
              ess_scenario_reader_read (state->scenarios, node);
            }
        }
      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }
}

/* With the schema validator plugged in, the parser's user data is the
 * plug's: the parser context comes with the error. */
static void
on_parse_error (void        *ctx,
                xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = error != NULL ? error->ctxt : NULL;
  ReadState *state = ctxt != NULL ? ctxt->_private : NULL;
  g_autofree char *detail = NULL;

  if (state == NULL || error->level == XML_ERR_WARNING || state->stopped || state->parse_error)
    return;

  /* After the first error of a file that is not well formed, the others
   * are its echoes: the first one says where it went wrong. */
  state->parse_error = TRUE;
  detail = g_strstrip (g_strdup (error->message ? error->message : ""));

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      add_problem (state->problems, error->line, NULL, _("the file is empty: expected an XML document"));
      break;
    case XML_ERR_TAG_NOT_FINISHED:
      add_problemf (state->problems, error->line, error->str1,
                    _("the file ends before this element is closed: it is truncated"));
      break;
    case XML_ERR_DOCUMENT_END:
      /* The push parser says so, too, of a file that ends inside an element. */
      if (ctxt->nameNr > 0 && ctxt->name != NULL)
        {
          add_problemf (state->problems, error->line, (const char *) ctxt->name,
                        _("the file ends before this element is closed: it is truncated"));
          break;
        }
      add_problem (state->problems, error->line, NULL,
                   _("content after the end of the root element: expected nothing after </dossiers>"));
      break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      add_problemf (state->problems, error->line, NULL,
                    _("the entity “&%s;” is not defined: the format uses no entity besides &amp; &lt; "
                      "&gt; &quot; &apos; and character references"),
                    error->str1 ? error->str1 : "");
      break;
    case XML_ERR_TAG_NAME_MISMATCH:
      add_problemf (state->problems, error->line, error->str1,
                    _("the closing tag does not match the opening one: the XML is not well formed (%s)"),
                    detail);
      break;
    default:
      add_problemf (state->problems, error->line, NULL,
                    _("the XML is not well formed (%s)"), detail);
      break;
    }
}

static int
line_of (const char *data,
         const char *end)
{
  int line = 1;

  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  return line;
}

static int
locate (void           *ctx,
        const char    **file,
        unsigned long  *line)
{
  *file = NULL;
  *line = (unsigned long) MAX (xmlSAX2GetLineNumber (ctx), 0);
  return 0;
}

static xmlSchemaPtr get_schema (void);
static void         on_schema_error (void *data, xmlErrorPtr error);

/* Where the bytes come from: a block of memory, or a stream read as it
 * is parsed (then the file is never whole in memory). */
typedef struct
{
  const char   *data;       /* memory, or NULL */
  gsize         length;
  gsize         offset;
  GInputStream *stream;     /* or a stream */
  char         *buffer;     /* CHUNK_SIZE bytes for the stream */
  gsize         kept;       /* bytes of an incomplete UTF-8 character kept at the buffer's start */
  gboolean      ended;
  GError       *error;      /* the stream could not be read */
} Source;

#define CHUNK_SIZE (64 * 1024)

/* How many of the @n bytes at @p end with whole UTF-8 characters: a
 * character cut by the end of a chunk waits for the next one. */
static gsize
whole_characters (const char *p,
                  gsize       n)
{
  for (gsize back = 1; back <= 4 && back <= n; back++)
    {
      unsigned char c = (unsigned char) p[n - back];
      gsize need;

      if ((c & 0xC0) == 0x80)
        continue;
      need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      return need > back ? n - back : n;
    }
  return n;
}

/* The next chunk of whole characters; FALSE at the end (or on a read
 * error, in @source->error). */
static gboolean
next_chunk (Source      *source,
            const char **chunk,
            gsize       *n)
{
  if (source->ended)
    return FALSE;

  if (source->stream == NULL)
    {
      gsize left = source->length - source->offset;
      gsize take = MIN (left, (gsize) CHUNK_SIZE);

      if (take < left)
        take = whole_characters (source->data + source->offset, take);
      if (take == 0)
        take = MIN (left, (gsize) CHUNK_SIZE);
      *chunk = source->data + source->offset;
      *n = take;
      source->offset += take;
      source->ended = source->offset == source->length;
      return take > 0;
    }
  else
    {
      gsize read = 0, whole;

      if (!g_input_stream_read_all (source->stream, source->buffer + source->kept, CHUNK_SIZE - source->kept,
                                    &read, NULL, &source->error))
        {
          source->ended = TRUE;
          return FALSE;
        }
      read += source->kept;
      source->ended = read < CHUNK_SIZE;
      whole = source->ended ? read : whole_characters (source->buffer, read);
      /* The cut character goes to the front, once this chunk is parsed. */
      source->kept = read - whole;
      *chunk = source->buffer;
      *n = whole;
      return whole > 0;
    }
}

static void
keep_cut_character (Source *source,
                    gsize   n)
{
  if (source->stream != NULL && source->kept > 0)
    memmove (source->buffer, source->buffer + n, source->kept);
}

static void
read_streaming (Source    *source,
                ReadState *state)
{
  xmlParserCtxtPtr ctxt;
  xmlSchemaValidCtxtPtr vctxt;
  xmlSchemaSAXPlugPtr plug;
  xmlDocPtr doc;
  const char *chunk;
  gsize n, total = 0;
  int line = 1;

  ensure_libxml ();

  /* A push parser: fed chunk by chunk as the bytes come. */
  ctxt = xmlCreatePushParserCtxt (NULL, NULL, NULL, 0, NULL);
  if (ctxt == NULL)
    {
      add_problem (state->problems, 0, NULL, _("the XML parser could not start (out of memory?)"));
      return;
    }

  ctxt->_private = state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->startElementNs = on_start_element;
  ctxt->sax->endElementNs = on_end_element;
  ctxt->sax->warning = NULL;
  ctxt->sax->error = NULL;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;

  /* Never XML_PARSE_NOENT, _DTDLOAD, _DTDATTR, _DTDVALID, _XINCLUDE nor _HUGE.
   * NOBLANKS drops the indentation between elements (text-only elements
   * keep their spaces), COMPACT stores short texts in their node. Set
   * before the validator is plugged: they write into the SAX handler. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NSCLEAN |
                           XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);

  vctxt = xmlSchemaNewValidCtxt (get_schema ());
  xmlSchemaSetValidStructuredErrors (vctxt, on_schema_error, state);
  xmlSchemaValidateSetLocator (vctxt, locate, ctxt);
  plug = xmlSchemaSAXPlug (vctxt, &ctxt->sax, &ctxt->userData);
  g_assert (plug != NULL);
  /* The plug's handler leaves out the structured errors, and hands CDATA
   * to ignorableWhitespace: errors come back here, CDATA as characters. */
  ctxt->sax->serror = on_parse_error;
  ctxt->sax->cdataBlock = NULL;

  while (!state->stopped && !ctxt->disableSAX && next_chunk (source, &chunk, &n))
    {
      const char *end = NULL;

      total += n;
      if (total > ESS_EXCHANGE_MAX_FILE_SIZE)
        {
          add_problemf (state->problems, 0, NULL,
                        _("the file is more than %d bytes long: refused"), ESS_EXCHANGE_MAX_FILE_SIZE);
          state->stopped = TRUE;
          break;
        }
      /* Each chunk is checked before the parser sees it. */
      if (!g_utf8_validate (chunk, (gssize) n, &end))
        {
          add_problemf (state->problems, line + line_of (chunk, end) - 1, NULL,
                        _("byte 0x%02X at position %lu is not UTF-8: the file must be encoded in UTF-8"),
                        (unsigned) (unsigned char) *end, (unsigned long) (total - n + (gsize) (end - chunk)));
          state->stopped = TRUE;
          break;
        }
      line += line_of (chunk, chunk + n) - 1;
      xmlParseChunk (ctxt, chunk, (int) n, 0);
      keep_cut_character (source, n);
    }
  if (source->error != NULL)
    state->stopped = TRUE;
  else if (!state->stopped && !ctxt->disableSAX)
    xmlParseChunk (ctxt, NULL, 0, 1);

  xmlSchemaSAXUnplug (plug);
  xmlSchemaFreeValidCtxt (vctxt);

  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;

  if (!state->stopped && !ctxt->wellFormed && !state->parse_error)
    add_problem (state->problems, 0, NULL, _("the XML is not well formed"));
  if (state->problems->len == 0 && doc != NULL && doc->encoding != NULL &&
      g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0)
    add_problemf (state->problems, 1, NULL,
                  _("the file declares the encoding “%s”: expected UTF-8"), (const char *) doc->encoding);
  if (state->problems->len == 0 && (doc == NULL || xmlDocGetRootElement (doc) == NULL))
    add_problem (state->problems, 0, NULL, _("the file holds no XML document"));

  g_clear_pointer (&state->scenarios, ess_scenario_reader_free);

  /* A dossier left when the parse stopped. */
  if (state->pending != NULL)
    {
      xmlUnlinkNode (state->pending);
      xmlFreeNode (state->pending);
      state->pending = NULL;
    }
  if (doc != NULL)
    xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
}

/* Texts and attribute values longer than the limit: the parser's own
 * limit (10 MB without XML_PARSE_HUGE) is far above any dossier's. */
static void
check_sizes (xmlNodePtr  node,
             GPtrArray  *problems)
{
  for (xmlNodePtr child = node; child != NULL && problems->len < 20; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL &&
          strlen ((const char *) child->content) > ESS_EXCHANGE_MAX_TEXT)
        add_problemf (problems, xmlGetLineNo (child->parent ? child->parent : child),
                      child->parent ? (const char *) child->parent->name : NULL,
                      _("a text of more than %d bytes: refused"), ESS_EXCHANGE_MAX_TEXT);

      if (child->type == XML_ELEMENT_NODE)
        {
          for (xmlAttrPtr attr = child->properties; attr != NULL; attr = attr->next)
            if (attr->children != NULL && attr->children->content != NULL &&
                strlen ((const char *) attr->children->content) > ESS_EXCHANGE_MAX_TEXT)
              add_problemf (problems, xmlGetLineNo (child), (const char *) child->name,
                            _("an attribute value of more than %d bytes: refused"), ESS_EXCHANGE_MAX_TEXT);
          check_sizes (child->children, problems);
        }
    }
}

/* The schema. */

GBytes *
ess_exchange_schema_bytes (void)
{
  return g_resources_lookup_data (RESOURCE_PREFIX "/data/ess-dossiers-1.xsd", 0, NULL);
}

xmlSchemaPtr
ess_exchange_compile_schema (GBytes *bytes)
{
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr compiled;
  gsize size = 0;
  const char *data;

  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &size);
  parser = xmlSchemaNewMemParserCtxt (data, (int) size);
  compiled = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  /* The schema is part of the program: it always compiles. */
  g_assert (compiled != NULL);
  return compiled;
}

static xmlSchemaPtr
get_schema (void)
{
  static gsize schema = 0;

  if (g_once_init_enter (&schema))
    {
      g_autoptr(GBytes) bytes = ess_exchange_schema_bytes ();

      g_once_init_leave (&schema, (gsize) ess_exchange_compile_schema (bytes));
    }

  return (xmlSchemaPtr) schema;
}

/* What a value of each element or attribute looks like, for messages. */
static const char *
expected_for (const char *name,
              const char *parent)
{
  static const struct { const char *name; const char *expected; } table[] = {
    { "requested", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "proposed", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "granted", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "amount", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "forecast", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "actual", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "realisation", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "declared-total", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "declared-funder", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "declared-realisation", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "declared-overall", N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)") },
    { "submitted", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "committee", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "decided", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "agreement", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "start", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "end", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "planned", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "paid", N_("a date YYYY-MM-DD, such as 2024-03-05") },
    { "at", N_("a UTC time YYYY-MM-DDTHH:MM:SSZ, such as 2024-03-05T14:30:00Z") },
    { "siren", N_("a SIREN: 9 digits") },
    { "siret", N_("a SIRET: 14 digits") },
    { "rna", N_("an RNA number: W and 9 digits, such as W595012345") },
    { "commune", N_("an INSEE commune code: 5 characters, such as 59350") },
    { "year", N_("a year from 1900 to 2200") },
    { "volet", N_("a whole number, 1 or more") },
    { "reference", N_("1 to 40 letters without accents, digits, “-”, “_” or “/”, such as APT-2024-001") },
    { "scheme", N_("a scheme code, such as APT") },
    { "legal-form", N_("a legal form code of the reference data") },
    { "status", N_("one of submitted, incomplete, admissible, in-review, opinion-given, granted, refused, postponed, withdrawn, agreement-signed, closed") },
    { "opinion", N_("one of favorable, reserved, unfavorable") },
    { "title", N_("a text that is not empty") },
    { "name", N_("a text that is not empty") },
    { "funder", N_("a text that is not empty") },
    { "value", N_("a score from 0 to 3") },
    { "version", N_("the version 1") },
    { "side", N_("charge or product") },
    { "by", N_("applicant or external") },
    { "depth", N_("0 or 1") },
    { "funder-kind", N_("one of etat, region, departement, epci, commune, organismes-sociaux, europe, asp, etablissement-public, prive") },
  };

  if (g_strcmp0 (name, "kind") == 0)
    {
      if (g_strcmp0 (parent, "dossiers") == 0)
        return _("partner or full");
      if (g_strcmp0 (parent, "payment") == 0)
        return _("advance, instalment or balance");
      return _("one of metropole, commune, region, departement, etat, europe, prive, autofinancement, autre");
    }

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_strcmp0 (table[i].name, name) == 0)
      return _(table[i].expected);

  return _("a value that the schema accepts");
}

/* "Expected is ( {urn:…}title, {urn:…}scheme )" -> "<title>, <scheme>". */
static char *
expected_elements (const char *message)
{
  const char *start = message ? strstr (message, "Expected is") : NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) names = NULL;
  const char *open;
  const char *close;
  g_autofree char *inside = NULL;

  if (start == NULL || (open = strchr (start, '(')) == NULL || (close = strchr (open, ')')) == NULL)
    return NULL;

  inside = g_strndup (open + 1, (gsize) (close - open - 1));
  names = g_strsplit (inside, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);
      char *brace = strrchr (name, '}');

      if (brace != NULL)
        name = brace + 1;
      if (name[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "<%s>", name);
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* The local name in "Element '{urn:…}amount': …" or "Element 'amount', …". */
static char *
element_in (const char *message)
{
  const char *start = message ? strstr (message, "Element '") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("Element '");
  end = strchr (start, '\'');
  if (end == NULL)
    return NULL;
  for (const char *p = start; p < end; p++)
    if (*p == '}')
      start = p + 1;
  return g_strndup (start, (gsize) (end - start));
}

/* The value in "The value '12.345' is not …" or "…: '12.345' is not a valid value …". */
static char *
value_in (const char *message)
{
  const char *start;
  const char *end;

  if (message == NULL)
    return NULL;
  if ((start = strstr (message, "The value '")) != NULL)
    start += strlen ("The value '");
  else if ((start = strstr (message, "': '")) != NULL)
    start += strlen ("': '");
  else
    return NULL;
  end = strstr (start, "' is ");
  if (end == NULL)
    end = strchr (start, '\'');
  return end != NULL ? g_strndup (start, (gsize) (end - start)) : NULL;
}

static void
on_schema_error (void        *data,
                 xmlErrorPtr  error)
{
  ReadState *state = data;
  xmlNodePtr node = error->node;
  const char *name = NULL;
  const char *parent = NULL;
  g_autofree char *value = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *element = NULL;
  g_autofree char *key = NULL;
  int line = error->line;

  /* After a stop (a wrong root), the validator still sees the event. */
  if (error->level == XML_ERR_WARNING || state->stopped)
    return;
  state->schema_failed = TRUE;

  detail = g_strstrip (g_strdup (error->message ? error->message : ""));

  if (node != NULL)
    {
      name = (const char *) node->name;
      parent = node->parent != NULL && node->parent->type == XML_ELEMENT_NODE ?
               (const char *) node->parent->name : NULL;
      if (node->type == XML_ATTRIBUTE_NODE && node->parent != NULL)
        line = xmlGetLineNo (node->parent);
      else if (line <= 0)
        line = xmlGetLineNo (node);
      value = (char *) xmlNodeGetContent (node);
    }
  else
    {
      /* Streaming, the validator has no node: "Element '{ns}name': …". */
      element = element_in (detail);
      name = element;
      value = value_in (detail);
    }

  /* Two messages (facet, then type) for one wrong value: one problem. */
  key = g_strdup_printf ("%d:%s", line, name ? name : "");
  if (!g_hash_table_add (state->reported, g_steal_pointer (&key)))
    return;
  if (value != NULL)
    {
      g_autofree char *cut = g_utf8_strlen (value, -1) > 60 ? g_utf8_substring (value, 0, 60) : NULL;

      shown = cut != NULL ? g_strconcat (cut, "…", NULL) : g_strdup (value);
    }

  if (error->code >= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 && error->code <= XML_SCHEMAV_CVC_ENUMERATION_VALID)
    {
      const char *attribute = strstr (detail, "attribute '");

      /* libxml2 names a wrong attribute in its message: "Element 'x', attribute 'y': …". */
      if (attribute != NULL)
        {
          g_autofree char *attr = NULL;
          g_autofree char *where = NULL;
          const char *end;

          attribute += strlen ("attribute '");
          end = strchr (attribute, '\'');
          attr = end ? g_strndup (attribute, (gsize) (end - attribute)) : g_strdup (attribute);
          where = g_strdup_printf ("%s @%s", name ? name : "", attr);
          add_problemf (state->problems, line, where, _("the value “%s” is not valid: expected %s"),
                        shown ? shown : "", expected_for (attr, name));
          return;
        }

      add_problemf (state->problems, line, name, _("the value “%s” is not valid: expected %s"),
                    shown ? shown : "", expected_for (name, parent));
      return;
    }

  switch (error->code)
    {
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
    case XML_SCHEMAV_ELEMENT_CONTENT:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
      expected = expected_elements (detail);
      if (strstr (detail, "Missing child") != NULL)
        add_problemf (state->problems, line, name, _("an element is missing inside: expected %s"),
                      expected ? expected : _("the elements of the format"));
      else if (expected != NULL)
        add_problemf (state->problems, line, name, _("this element is not expected here: expected %s"),
                      expected);
      else
        add_problemf (state->problems, line, name, _("this element is not expected here (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      add_problemf (state->problems, line, name, _("a required attribute is missing (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      add_problemf (state->problems, line, name, _("an attribute that the format does not have (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_IDC:
      add_problemf (state->problems, line, name,
                    _("a duplicate, or a reference to an unknown funder or year of the plan (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_ELT_1:
      add_problemf (state->problems, line, name,
                    _("unknown root element: expected <dossiers xmlns=\"%s\">"), ESS_EXCHANGE_NAMESPACE);
      break;
    default:
      add_problemf (state->problems, line, name, _("not valid against the format's schema (%s)"), detail);
      break;
    }
}

/* From the tree to bundles, with the domain checks. The schema has
 * already checked the structure, the order and the lexical forms. */

gboolean
ess_exchange_node_is (xmlNodePtr  node,
                      const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

char *
ess_exchange_node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static char *
attr_of (xmlNodePtr  node,
         const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *text = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return text;
}

static void
set_text (char       **slot,
          xmlNodePtr   node)
{
  g_free (*slot);
  *slot = ess_exchange_node_text (node);
}

static int
int_of (xmlNodePtr node)
{
  g_autofree char *text = ess_exchange_node_text (node);
  gint64 value = 0;

  g_ascii_string_to_signed (g_strstrip (text), 10, G_MININT, G_MAXINT, &value, NULL);
  return (int) value;
}

static gint64
cents_of (Builder    *b,
          xmlNodePtr  node)
{
  g_autofree char *text = ess_exchange_node_text (node);
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  if (!ess_money_parse_decimal (g_strstrip (text), &cents, &error))
    add_problem (b->problems, xmlGetLineNo (node), (const char *) node->name, error->message);
  else if (cents < 0)
    add_problemf (b->problems, xmlGetLineNo (node), (const char *) node->name,
                  _("the amount %s is negative: expected an amount of 0.00 or more"), text);
  return cents;
}

static char *
date_of (Builder    *b,
         xmlNodePtr  node)
{
  g_autofree char *text = ess_exchange_node_text (node);
  g_autoptr(GError) error = NULL;
  char *iso = ess_date_parse (g_strstrip (text), &error);

  if (iso == NULL)
    add_problem (b->problems, xmlGetLineNo (node), (const char *) node->name, error->message);
  return iso;
}

static void
check_commune (Builder    *b,
               xmlNodePtr  node,
               const char *insee)
{
  g_autoptr(GError) error = NULL;

  if (!ess_insee_commune_validate (insee, &error))
    add_problem (b->problems, xmlGetLineNo (node), (const char *) node->name, error->message);
  else if (b->context != NULL && b->context->communes != NULL &&
           !g_hash_table_contains (b->context->communes, insee))
    add_problemf (b->problems, xmlGetLineNo (node), (const char *) node->name,
                  _("the commune “%s” is not one of the communes of the database: expected the INSEE code "
                    "of a commune of the metropolis"),
                  insee);
}

static void
check_identifier (Builder     *b,
                  xmlNodePtr   node,
                  const char  *value,
                  gboolean   (*validate) (const char *, GError **))
{
  g_autoptr(GError) error = NULL;

  /* The core's message names the identifier and what is wrong with it. */
  if (!validate (value, &error))
    add_problem (b->problems, xmlGetLineNo (node), (const char *) node->name, error->message);
}

static EssApplicant *
read_applicant (Builder    *b,
                xmlNodePtr  node)
{
  EssApplicant *applicant = g_new0 (EssApplicant, 1);

  applicant->name = g_strdup ("");
  applicant->address = g_strdup ("");
  applicant->contact_name = g_strdup ("");
  applicant->contact_email = g_strdup ("");
  applicant->contact_phone = g_strdup ("");

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (ess_exchange_node_is (child, "name"))
        set_text (&applicant->name, child);
      else if (ess_exchange_node_is (child, "legal-form"))
        {
          set_text (&applicant->legal_form, child);
          if (b->context != NULL && b->context->legal_forms != NULL &&
              !g_hash_table_contains (b->context->legal_forms, applicant->legal_form))
            add_problemf (b->problems, xmlGetLineNo (child), "legal-form",
                          _("unknown legal form “%s”: expected a code of the reference data, such as "
                            "association or scic"),
                          applicant->legal_form);
        }
      else if (ess_exchange_node_is (child, "siren"))
        {
          set_text (&applicant->siren, child);
          check_identifier (b, child, applicant->siren, ess_siren_validate);
        }
      else if (ess_exchange_node_is (child, "siret"))
        {
          set_text (&applicant->siret, child);
          check_identifier (b, child, applicant->siret, ess_siret_validate);
        }
      else if (ess_exchange_node_is (child, "rna"))
        {
          set_text (&applicant->rna, child);
          check_identifier (b, child, applicant->rna, ess_rna_validate);
        }
      else if (ess_exchange_node_is (child, "address"))
        set_text (&applicant->address, child);
      else if (ess_exchange_node_is (child, "commune"))
        {
          set_text (&applicant->commune, child);
          check_commune (b, child, applicant->commune);
        }
      else if (ess_exchange_node_is (child, "contact"))
        for (xmlNodePtr c = child->children; c != NULL; c = c->next)
          {
            if (ess_exchange_node_is (c, "name"))
              set_text (&applicant->contact_name, c);
            else if (ess_exchange_node_is (c, "email"))
              {
                g_autoptr(GError) error = NULL;

                set_text (&applicant->contact_email, c);
                if (applicant->contact_email[0] != '\0' &&
                    !ess_email_validate (applicant->contact_email, &error))
                  add_problem (b->problems, xmlGetLineNo (c), "email", error->message);
              }
            else if (ess_exchange_node_is (c, "phone"))
              set_text (&applicant->contact_phone, c);
          }
    }

  return applicant;
}

static void
read_dates (Builder    *b,
            xmlNodePtr  node,
            EssDossier *dossier)
{
  xmlNodePtr end_node = NULL;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      char **slot = NULL;

      if (ess_exchange_node_is (child, "submitted"))
        slot = &dossier->submitted_on;
      else if (ess_exchange_node_is (child, "committee"))
        slot = &dossier->committee_on;
      else if (ess_exchange_node_is (child, "decided"))
        slot = &dossier->decided_on;
      else if (ess_exchange_node_is (child, "agreement"))
        slot = &dossier->agreement_on;
      else if (ess_exchange_node_is (child, "start"))
        slot = &dossier->start_on;
      else if (ess_exchange_node_is (child, "end"))
        {
          slot = &dossier->end_on;
          end_node = child;
        }
      if (slot != NULL)
        {
          g_free (*slot);
          *slot = date_of (b, child);
        }
    }

  /* The core's rule of the editor: a project does not end before it starts. */
  if (end_node != NULL && dossier->start_on != NULL && dossier->end_on != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (!ess_dossier_validate_field (dossier, ESS_FIELD_END_ON, dossier->end_on, &normalized, &error))
        add_problem (b->problems, xmlGetLineNo (end_node), "end", error->message);
    }
}

static int
funder_index (GHashTable *ids,
              const char *id)
{
  gpointer value;

  if (id == NULL || !g_hash_table_lookup_extended (ids, id, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value);
}

static int
year_index (const EssFundingPlan *plan,
            int                   year)
{
  for (guint i = 0; i < plan->years->len; i++)
    if (g_array_index (plan->years, int, i) == year)
      return (int) i;
  return -1;
}

static int
by_index (xmlNodePtr node)
{
  g_autofree char *by = attr_of (node, "by");

  return g_strcmp0 (by, "external") == 0 ? 1 : 0;
}

static void
read_plan (Builder        *b,
           xmlNodePtr      node,
           EssFundingPlan *plan)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (ess_exchange_node_is (child, "realisation-label"))
        set_text (&plan->realisation_labels[by_index (child)], child);
      else if (ess_exchange_node_is (child, "years"))
        {
          for (xmlNodePtr y = child->children; y != NULL; y = y->next)
            if (ess_exchange_node_is (y, "year"))
              {
                int year = int_of (y);

                if (year_index (plan, year) >= 0)
                  add_problemf (b->problems, xmlGetLineNo (y), "year",
                                _("the year %d is given twice in the plan"), year);
                else
                  ess_funding_plan_add_year (plan, year);
              }
        }
      else if (ess_exchange_node_is (child, "funders"))
        {
          for (xmlNodePtr f = child->children; f != NULL; f = f->next)
            if (ess_exchange_node_is (f, "funder"))
              {
                g_autofree char *name = ess_exchange_node_text (f);
                g_autofree char *kind = attr_of (f, "kind");
                char *id = attr_of (f, "id");
                guint index = ess_funding_plan_add_funder (plan, name, kind);

                g_hash_table_insert (ids, id, GUINT_TO_POINTER (index));
              }
        }
      else if (ess_exchange_node_is (child, "actions"))
        {
          for (xmlNodePtr a = child->children; a != NULL; a = a->next)
            {
              EssFundingAction *action;
              guint position;

              if (!ess_exchange_node_is (a, "action"))
                continue;
              position = plan->actions->len;
              action = ess_funding_plan_insert_action (plan, G_MAXUINT);
              for (xmlNodePtr c = a->children; c != NULL; c = c->next)
                {
                  if (ess_exchange_node_is (c, "axis"))
                    set_text (&action->axis, c);
                  else if (ess_exchange_node_is (c, "number"))
                    set_text (&action->number, c);
                  else if (ess_exchange_node_is (c, "title"))
                    set_text (&action->title, c);
                  else if (ess_exchange_node_is (c, "description"))
                    set_text (&action->description, c);
                  else if (ess_exchange_node_is (c, "partners"))
                    set_text (&action->partners, c);
                  else if (ess_exchange_node_is (c, "amount"))
                    {
                      g_autofree char *funder = attr_of (c, "funder");
                      g_autofree char *year_text = attr_of (c, "year");
                      int f = funder_index (ids, funder);
                      int y = year_index (plan, year_text ? atoi (year_text) : 0);

                      if (f < 0 || y < 0)
                        add_problemf (b->problems, xmlGetLineNo (c), "amount",
                                      _("the cell names the funder “%s” and the year %s: expected a funder "
                                        "of <funders> and a year of <years>"),
                                      funder ? funder : "", year_text ? year_text : "");
                      else
                        *ess_funding_plan_amount (plan, position, (guint) f, (guint) y) = cents_of (b, c);
                    }
                  else if (ess_exchange_node_is (c, "realisation"))
                    action->realisation[by_index (c)] = cents_of (b, c);
                  else if (ess_exchange_node_is (c, "declared-total"))
                    {
                      action->has_declared_total = TRUE;
                      action->declared_total = cents_of (b, c);
                    }
                }
            }
        }
      else if (ess_exchange_node_is (child, "declared-totals"))
        {
          for (xmlNodePtr d = child->children; d != NULL; d = d->next)
            {
              if (ess_exchange_node_is (d, "declared-funder"))
                {
                  g_autofree char *ref = attr_of (d, "ref");
                  int f = funder_index (ids, ref);

                  if (f < 0)
                    add_problemf (b->problems, xmlGetLineNo (d), "declared-funder",
                                  _("unknown funder “%s”: expected the id of a funder of <funders>"),
                                  ref ? ref : "");
                  else
                    {
                      g_array_index (plan->has_declared_funder, gboolean, f) = TRUE;
                      g_array_index (plan->declared_funder, gint64, f) = cents_of (b, d);
                    }
                }
              else if (ess_exchange_node_is (d, "declared-realisation"))
                {
                  int i = by_index (d);

                  plan->has_declared_realisation[i] = TRUE;
                  plan->declared_realisation[i] = cents_of (b, d);
                }
              else if (ess_exchange_node_is (d, "declared-overall"))
                {
                  plan->has_declared_overall = TRUE;
                  plan->declared_overall = cents_of (b, d);
                }
            }
        }
    }
}

static EssBudget *
read_budget (Builder    *b,
             xmlNodePtr  node)
{
  EssBudget *budget = g_new0 (EssBudget, 1);

  budget->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_budget_line_free);
  for (xmlNodePtr l = node->children; l != NULL; l = l->next)
    {
      EssBudgetLine *line;
      g_autofree char *side = NULL;
      g_autofree char *depth = NULL;

      if (!ess_exchange_node_is (l, "line"))
        continue;
      line = g_new0 (EssBudgetLine, 1);
      line->code = attr_of (l, "code");
      side = attr_of (l, "side");
      depth = attr_of (l, "depth");
      line->side = g_strcmp0 (side, "product") == 0 ? ESS_BUDGET_PRODUCT : ESS_BUDGET_CHARGE;
      line->depth = g_strcmp0 (depth, "1") == 0 ? 1 : 0;
      line->funder_kind = attr_of (l, "funder-kind");
      line->label = g_strdup ("");
      for (xmlNodePtr c = l->children; c != NULL; c = c->next)
        {
          if (ess_exchange_node_is (c, "label"))
            set_text (&line->label, c);
          else if (ess_exchange_node_is (c, "forecast"))
            line->forecast_cents = cents_of (b, c);
          else if (ess_exchange_node_is (c, "actual"))
            {
              line->has_actual = TRUE;
              line->actual_cents = cents_of (b, c);
            }
        }
      g_ptr_array_add (budget->lines, line);
    }

  return budget;
}

static void
read_payments (Builder    *b,
               xmlNodePtr  node,
               GPtrArray  *payments)
{
  for (xmlNodePtr p = node->children; p != NULL; p = p->next)
    {
      EssPayment *payment;
      g_autofree char *kind = NULL;

      if (!ess_exchange_node_is (p, "payment"))
        continue;
      payment = g_new0 (EssPayment, 1);
      kind = attr_of (p, "kind");
      if (!ess_payment_kind_from_id (kind, &payment->kind))
        payment->kind = ESS_PAYMENT_INSTALMENT;
      payment->comment = g_strdup ("");
      for (xmlNodePtr c = p->children; c != NULL; c = c->next)
        {
          if (ess_exchange_node_is (c, "amount"))
            payment->amount_cents = cents_of (b, c);
          else if (ess_exchange_node_is (c, "planned"))
            payment->planned_on = date_of (b, c);
          else if (ess_exchange_node_is (c, "paid"))
            payment->paid_on = date_of (b, c);
          else if (ess_exchange_node_is (c, "comment"))
            set_text (&payment->comment, c);
        }
      g_ptr_array_add (payments, payment);
    }
}

static void
read_review (Builder          *b,
             xmlNodePtr        node,
             EssDossierBundle *bundle)
{
  EssDossier *dossier = bundle->dossier;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (ess_exchange_node_is (child, "status"))
        {
          g_autofree char *status = ess_exchange_node_text (child);

          if (!ess_status_from_id (g_strstrip (status), &dossier->status))
            add_problemf (b->problems, xmlGetLineNo (child), "status", _("unknown status “%s”"), status);
        }
      else if (ess_exchange_node_is (child, "opinion"))
        set_text (&dossier->opinion, child);
      else if (ess_exchange_node_is (child, "conditions"))
        set_text (&dossier->conditions, child);
      else if (ess_exchange_node_is (child, "notes"))
        set_text (&dossier->notes, child);
      else if (ess_exchange_node_is (child, "scores"))
        {
          for (xmlNodePtr s = child->children; s != NULL; s = s->next)
            if (ess_exchange_node_is (s, "score"))
              {
                g_autofree char *criterion = attr_of (s, "criterion");
                g_autofree char *value = attr_of (s, "value");
                g_autofree char *comment = ess_exchange_node_text (s);

                g_ptr_array_add (bundle->scores,
                                 ess_score_new (criterion, value ? atoi (value) : -1, comment));
              }
        }
      else if (ess_exchange_node_is (child, "history"))
        {
          for (xmlNodePtr e = child->children; e != NULL; e = e->next)
            {
              EssHistoryEvent *event;

              if (!ess_exchange_node_is (e, "event"))
                continue;
              event = g_new0 (EssHistoryEvent, 1);
              event->at = attr_of (e, "at");
              event->action = attr_of (e, "action");
              event->field = attr_of (e, "field");
              event->author = attr_of (e, "author");
              if (event->author == NULL)
                event->author = g_strdup ("");
              event->comment = g_strdup ("");
              for (xmlNodePtr c = e->children; c != NULL; c = c->next)
                {
                  if (ess_exchange_node_is (c, "old"))
                    set_text (&event->old_value, c);
                  else if (ess_exchange_node_is (c, "new"))
                    set_text (&event->new_value, c);
                  else if (ess_exchange_node_is (c, "comment"))
                    set_text (&event->comment, c);
                }
              g_ptr_array_add (bundle->history, event);
            }
        }
    }
}

static EssDossierBundle *
read_dossier (Builder    *b,
              xmlNodePtr  node)
{
  EssDossierBundle *bundle = ess_dossier_bundle_new ();
  EssDossier *dossier = bundle->dossier;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (ess_exchange_node_is (child, "reference"))
        {
          set_text (&dossier->reference, child);
          g_strstrip (dossier->reference);
        }
      else if (ess_exchange_node_is (child, "title"))
        set_text (&dossier->title, child);
      else if (ess_exchange_node_is (child, "description"))
        set_text (&dossier->description, child);
      else if (ess_exchange_node_is (child, "scheme"))
        {
          set_text (&dossier->scheme, child);
          g_strstrip (dossier->scheme);
          if (b->context != NULL && b->context->schemes != NULL &&
              !g_hash_table_contains (b->context->schemes, dossier->scheme))
            add_problemf (b->problems, xmlGetLineNo (child), "scheme",
                          _("unknown scheme “%s”: expected a scheme of the database, such as APT or APP"),
                          dossier->scheme);
        }
      else if (ess_exchange_node_is (child, "volet"))
        dossier->volet = int_of (child);
      else if (ess_exchange_node_is (child, "axis"))
        set_text (&dossier->axis, child);
      else if (ess_exchange_node_is (child, "year"))
        dossier->year = int_of (child);
      else if (ess_exchange_node_is (child, "applicant"))
        bundle->applicant = read_applicant (b, child);
      else if (ess_exchange_node_is (child, "communes"))
        {
          g_autoptr(GPtrArray) codes = g_ptr_array_new ();

          for (xmlNodePtr c = child->children; c != NULL; c = c->next)
            if (ess_exchange_node_is (c, "commune"))
              {
                char *insee = g_strstrip (ess_exchange_node_text (c));

                check_commune (b, c, insee);
                for (guint i = 0; i < codes->len; i++)
                  if (g_str_equal (g_ptr_array_index (codes, i), insee))
                    {
                      add_problemf (b->problems, xmlGetLineNo (c), "commune",
                                    _("the commune “%s” is given twice"), insee);
                      break;
                    }
                g_ptr_array_add (codes, insee);
              }
          ess_commune_codes_sort (codes);
          g_ptr_array_add (codes, NULL);
          g_strfreev (dossier->communes);
          dossier->communes = (char **) g_ptr_array_steal (codes, NULL);
        }
      else if (ess_exchange_node_is (child, "partners"))
        set_text (&dossier->partners, child);
      else if (ess_exchange_node_is (child, "dates"))
        read_dates (b, child, dossier);
      else if (ess_exchange_node_is (child, "amounts"))
        {
          for (xmlNodePtr c = child->children; c != NULL; c = c->next)
            {
              if (ess_exchange_node_is (c, "requested"))
                dossier->requested_cents = cents_of (b, c);
              else if (ess_exchange_node_is (c, "proposed"))
                dossier->proposed_cents = cents_of (b, c);
              else if (ess_exchange_node_is (c, "granted"))
                dossier->granted_cents = cents_of (b, c);
            }
        }
      else if (ess_exchange_node_is (child, "indicators"))
        {
          for (xmlNodePtr i = child->children; i != NULL; i = i->next)
            {
              EssIndicator *indicator;

              if (!ess_exchange_node_is (i, "indicator"))
                continue;
              indicator = g_new0 (EssIndicator, 1);
              indicator->label = g_strdup ("");
              indicator->target = g_strdup ("");
              indicator->result = g_strdup ("");
              indicator->unit = g_strdup ("");
              for (xmlNodePtr c = i->children; c != NULL; c = c->next)
                {
                  if (ess_exchange_node_is (c, "label"))
                    set_text (&indicator->label, c);
                  else if (ess_exchange_node_is (c, "target"))
                    set_text (&indicator->target, c);
                  else if (ess_exchange_node_is (c, "result"))
                    set_text (&indicator->result, c);
                  else if (ess_exchange_node_is (c, "unit"))
                    set_text (&indicator->unit, c);
                }
              g_ptr_array_add (bundle->indicators, indicator);
            }
        }
      else if (ess_exchange_node_is (child, "funding-plan"))
        read_plan (b, child, bundle->plan);
      else if (ess_exchange_node_is (child, "budget"))
        {
          if (bundle->budget != NULL)
            ess_budget_free (bundle->budget);
          bundle->budget = read_budget (b, child);
        }
      else if (ess_exchange_node_is (child, "payments"))
        read_payments (b, child, bundle->payments);
      else if (ess_exchange_node_is (child, "review"))
        {
          if (!b->full)
            add_problem (b->problems, xmlGetLineNo (child), "review",
                         _("a partner file (kind=\"partner\") carries no review: expected kind=\"full\" "
                           "for an archive, or no <review>"));
          else
            read_review (b, child, bundle);
        }
    }

  return bundle;
}

/* Turns the last <dossier> read into a bundle, once the validator has
 * seen its end, and frees its tree. */
static void
flush_pending (ReadState *state)
{
  xmlNodePtr node = state->pending;
  guint before = state->problems->len;
  EssDossierBundle *bundle;
  xmlNodePtr reference;
  gpointer first;
  int line;

  if (node == NULL)
    return;
  state->pending = NULL;

  if (state->schema_failed || state->stopped)
    goto done;

  check_sizes (node, state->problems);
  if (state->problems->len > before)
    goto done;

  line = xmlGetLineNo (node);
  bundle = read_dossier (state->builder, node);
  if (g_hash_table_lookup_extended (state->references, bundle->dossier->reference, NULL, &first))
    {
      for (reference = node->children;
           reference != NULL && !ess_exchange_node_is (reference, "reference");
           reference = reference->next)
        ;
      add_problemf (state->problems, reference ? xmlGetLineNo (reference) : line, "reference",
                    _("the reference “%s” is already the one of the dossier at line %d: each dossier "
                      "of a file needs its own reference"),
                    bundle->dossier->reference, GPOINTER_TO_INT (first));
    }
  else
    g_hash_table_insert (state->references, g_strdup (bundle->dossier->reference), GINT_TO_POINTER (line));
  g_ptr_array_add (state->document->bundles, bundle);
  g_array_append_val (state->document->lines, line);

done:
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* The document of @source; NULL when the source could not be read. */
static EssExchangeDocument *
read_source (Source                   *source,
             gsize                     length,
             const EssExchangeContext *context)
{
  EssExchangeDocument *document = g_new0 (EssExchangeDocument, 1);
  ReadState state = { 0 };
  Builder builder = { 0 };

  document->bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);
  document->lines = g_array_new (FALSE, FALSE, sizeof (int));
  document->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_exchange_problem_free);
  document->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_record_free);

  builder.context = context;
  builder.problems = document->problems;
  state.problems = document->problems;
  state.document = document;
  state.builder = &builder;
  state.reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One byte past the limit is enough to know that the file is too large. */
  if (length > ESS_EXCHANGE_MAX_FILE_SIZE)
    add_problemf (state.problems, 0, NULL,
                  _("the file is more than %d bytes long: refused"), ESS_EXCHANGE_MAX_FILE_SIZE);
  else
    read_streaming (source, &state);

  g_hash_table_unref (state.reported);
  g_hash_table_unref (state.references);

  if (source->error != NULL)
    {
      ess_exchange_document_free (document);
      return NULL;
    }

  /* A file with one problem gives no dossier. */
  if (document->problems->len > 0)
    {
      g_ptr_array_set_size (document->bundles, 0);
      g_array_set_size (document->lines, 0);
      g_ptr_array_set_size (document->scenarios, 0);
    }

  return document;
}

EssExchangeDocument *
ess_exchange_read (const char               *data,
                   gsize                     length,
                   const EssExchangeContext *context)
{
  Source source = { .data = data, .length = length };

  return read_source (&source, length, context);
}

EssExchangeDocument *
ess_exchange_read_file (GFile                    *file,
                        const EssExchangeContext *context,
                        GError                  **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *buffer = NULL;
  EssExchangeDocument *document;
  Source source = { 0 };
  goffset size = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  /* A file too large is refused before it is read; one that grows while
   * it is read, when it passes the limit. */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);

  buffer = g_malloc (CHUNK_SIZE);
  source.stream = G_INPUT_STREAM (stream);
  source.buffer = buffer;
  document = read_source (&source, (gsize) MAX (size, 0), context);
  if (document == NULL)
    g_propagate_error (error, source.error);
  return document;
}

/* For the reader of scenarios (ess-exchange-private.h). */

void
ess_exchange_add_problem (GPtrArray  *problems,
                          int         line,
                          const char *element,
                          const char *message)
{
  add_problem (problems, line, element, message);
}

void
ess_exchange_add_problemf (GPtrArray  *problems,
                           int         line,
                           const char *element,
                           const char *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (problems, line, element, message);
}

char *
ess_exchange_expected_elements (const char *message)
{
  return expected_elements (message);
}
