/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scenarios in exchange files: writing the <scenarios> block of a full archive, reading it strictly. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/xmlschemas.h>

#include "ess-exchange.h"
#include "ess-exchange-private.h"
#include "ess-money.h"

/* Writing. */

typedef struct
{
  GString    *out;
  const char *name;    /* the scenario being written, for messages */
  GError     *error;   /* the first character XML cannot carry */
} Writer;

static void
escape (Writer     *w,
        const char *text,
        gboolean    attribute)
{
  guint bad = 0;

  if (!ess_exchange_append_escaped (w->out, text, attribute, &bad) && w->error == NULL)
    g_set_error (&w->error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_WRITE,
                 _("Scenario “%s” holds a control character (U+%04X) that an XML file cannot carry; "
                   "remove it from the scenario and export again."),
                 w->name ? w->name : "", bad);
}

static void
indent (Writer *w,
        int     depth)
{
  for (int i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

/* <name>text</name>, left out when @text is empty. */
static void
optional (Writer     *w,
          int         depth,
          const char *name,
          const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  indent (w, depth);
  g_string_append_printf (w->out, "<%s>", name);
  escape (w, text, FALSE);
  g_string_append_printf (w->out, "</%s>\n", name);
}

static void
write_lines (Writer            *w,
             const EssScenario *scenario)
{
  if (scenario->lines->len == 0)
    return;

  indent (w, 3);
  g_string_append (w->out, "<lines>\n");
  for (guint l = 0; l < scenario->lines->len; l++)
    {
      const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);

      indent (w, 4);
      g_string_append_printf (w->out, "<line nature=\"%s\">\n", ess_line_nature_to_id (line->nature));
      optional (w, 5, "label", line->label);
      optional (w, 5, "hypothesis", line->hypothesis);
      /* Every year, even at 0.00: the table of the scenario as it is. */
      for (guint y = 0; y < line->amounts->len; y++)
        {
          const EssLineAmount *amount = &g_array_index (line->amounts, EssLineAmount, y);
          g_autofree char *metropole = ess_money_format_decimal (amount->metropole);
          g_autofree char *cofunders = ess_money_format_decimal (amount->cofunders);

          indent (w, 5);
          g_string_append_printf (w->out, "<amount year=\"%d\" metropole=\"%s\" cofunders=\"%s\"/>\n",
                                  scenario->first_year + (int) y, metropole, cofunders);
        }
      indent (w, 4);
      g_string_append (w->out, "</line>\n");
    }
  indent (w, 3);
  g_string_append (w->out, "</lines>\n");
}

/* A count as a whole number, staff days and ETP with two decimals. */
static char *
assumption_text (EssAssumption assumption,
                 gint64        value)
{
  if (ess_assumption_info (assumption)->unit == ESS_UNIT_COUNT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return ess_money_format_decimal (value);
}

static void
write_assumptions (Writer            *w,
                   const EssScenario *scenario)
{
  indent (w, 3);
  g_string_append (w->out, "<assumptions>\n");
  for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
    {
      indent (w, 4);
      g_string_append_printf (w->out, "<assumption id=\"%s\">\n", ess_assumption_info (a)->id);
      optional (w, 5, "hypothesis", scenario->hypotheses[a]);
      for (guint y = 0; y < scenario->years->len; y++)
        {
          const EssScenarioYear *year = &g_array_index (scenario->years, EssScenarioYear, y);
          g_autofree char *value = assumption_text (a, year->assumptions[a]);

          indent (w, 5);
          g_string_append_printf (w->out, "<value year=\"%d\">%s</value>\n", scenario->first_year + (int) y, value);
        }
      indent (w, 4);
      g_string_append (w->out, "</assumption>\n");
    }
  indent (w, 3);
  g_string_append (w->out, "</assumptions>\n");
}

static void
write_reach (Writer            *w,
             const EssScenario *scenario)
{
  gboolean any = (scenario->reach_hypothesis != NULL && scenario->reach_hypothesis[0] != '\0') ||
                 scenario->territory_reach->len > 0;

  for (guint y = 0; y < scenario->years->len; y++)
    for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
      {
        const EssReach *reach = &g_array_index (scenario->years, EssScenarioYear, y).reach[c];

        any = any || reach->projects != 0 || reach->cents != 0 || reach->communes != 0;
      }
  if (!any)
    return;

  indent (w, 3);
  g_string_append (w->out, "<reach>\n");
  optional (w, 4, "hypothesis", scenario->reach_hypothesis);
  /* By year, then class; a class with nothing in a year is left out. */
  for (guint y = 0; y < scenario->years->len; y++)
    for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
      {
        const EssReach *reach = &g_array_index (scenario->years, EssScenarioYear, y).reach[c];
        g_autofree char *amount = NULL;

        if (reach->projects == 0 && reach->cents == 0 && reach->communes == 0)
          continue;
        amount = ess_money_format_decimal (reach->cents);
        indent (w, 4);
        g_string_append_printf (w->out,
                                "<class-reach class=\"%s\" year=\"%d\" projects=\"%" G_GINT64_FORMAT "\" "
                                "amount=\"%s\" communes=\"%" G_GINT64_FORMAT "\"/>\n",
                                ess_size_class_id (c), scenario->first_year + (int) y, reach->projects,
                                amount, reach->communes);
      }
  /* The model keeps them by year, then territory. */
  for (guint i = 0; i < scenario->territory_reach->len; i++)
    {
      const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);
      g_autofree char *amount = ess_money_format_decimal (reach->cents);

      indent (w, 4);
      g_string_append_printf (w->out,
                              "<territory-reach territory=\"%" G_GINT64_FORMAT "\" year=\"%d\" "
                              "projects=\"%" G_GINT64_FORMAT "\" amount=\"%s\"/>\n",
                              reach->territory_id, reach->year, reach->projects, amount);
    }
  indent (w, 3);
  g_string_append (w->out, "</reach>\n");
}

static void
write_scenario (Writer                  *w,
                const EssScenarioRecord *record)
{
  const EssScenario *scenario = record->scenario;

  w->name = scenario->name;
  indent (w, 2);
  g_string_append_printf (w->out, "<scenario xmlns=\"%s\">\n", ESS_EXCHANGE_SCENARIOS_NAMESPACE);
  optional (w, 3, "name", scenario->name);
  indent (w, 3);
  g_string_append_printf (w->out, "<kind>%s</kind>\n", ess_scenario_kind_to_id (scenario->kind));
  indent (w, 3);
  g_string_append_printf (w->out, "<horizon first=\"%d\" last=\"%d\"/>\n", scenario->first_year, scenario->last_year);
  optional (w, 3, "description", scenario->description);
  optional (w, 3, "arguments-for", scenario->arguments_for);
  optional (w, 3, "arguments-against", scenario->arguments_against);
  write_lines (w, scenario);
  write_assumptions (w, scenario);
  write_reach (w, scenario);

  indent (w, 3);
  if (record->references->len == 0)
    g_string_append_printf (w->out, "<portfolio default=\"%s\"/>\n",
                            ess_treatment_to_id (scenario->portfolio_default));
  else
    {
      g_string_append_printf (w->out, "<portfolio default=\"%s\">\n",
                              ess_treatment_to_id (scenario->portfolio_default));
      /* By reference: the record keeps them sorted. */
      for (guint i = 0; i < record->references->len; i++)
        {
          indent (w, 4);
          g_string_append (w->out, "<override dossier=\"");
          escape (w, g_ptr_array_index (record->references, i), TRUE);
          g_string_append_printf (w->out, "\" treatment=\"%s\"/>\n",
                                  ess_treatment_to_id (g_array_index (record->treatments, EssTreatment, i)));
        }
      indent (w, 3);
      g_string_append (w->out, "</portfolio>\n");
    }

  indent (w, 2);
  g_string_append (w->out, "</scenario>\n");
}

gboolean
ess_exchange_write_scenarios (GString    *out,
                              GPtrArray  *scenarios,
                              GError    **error)
{
  Writer w = { out, NULL, NULL };
  gsize start = out->len;

  g_return_val_if_fail (out != NULL, FALSE);

  if (scenarios == NULL || scenarios->len == 0)
    return TRUE;

  g_string_append (out, "  <scenarios>\n");
  for (guint i = 0; i < scenarios->len && w.error == NULL; i++)
    write_scenario (&w, g_ptr_array_index (scenarios, i));
  g_string_append (out, "  </scenarios>\n");

  if (w.error != NULL)
    {
      g_string_truncate (out, start);
      g_propagate_error (error, w.error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ess_exchange_scenario_records (GPtrArray  *scenarios,
                               GHashTable *references)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_record_free);

  for (guint i = 0; i < scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (scenarios, i);
      EssScenarioRecord *record = ess_scenario_record_new (ess_scenario_copy (scenario));
      GHashTableIter iter;
      gpointer key, value;

      record->scenario->id = 0;
      g_hash_table_remove_all (record->scenario->treatments);
      g_hash_table_iter_init (&iter, scenario->treatments);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *reference = references != NULL ? g_hash_table_lookup (references, key) : NULL;

          /* A dossier the file does not carry: its treatment stays home. */
          if (reference != NULL)
            ess_scenario_record_set_treatment (record, reference, GPOINTER_TO_INT (value));
        }
      g_ptr_array_add (records, record);
    }

  return records;
}

/* Reading. */

GBytes *
ess_exchange_scenarios_schema_bytes (void)
{
  return g_resources_lookup_data (RESOURCE_PREFIX "/data/ess-scenarios-1.xsd", 0, NULL);
}

static xmlSchemaPtr
get_schema (void)
{
  static gsize schema = 0;

  if (g_once_init_enter (&schema))
    {
      g_autoptr(GBytes) bytes = ess_exchange_scenarios_schema_bytes ();

      g_once_init_leave (&schema, (gsize) ess_exchange_compile_schema (bytes));
    }

  return (xmlSchemaPtr) schema;
}

#define AMOUNT_EXPECTED N_("an amount in euros with a point and two decimals, such as 73000.00 (not negative, at most 13 digits before the point)")

/* What a value of each element or attribute looks like, for messages. */
static const char *
expected_for (const char *name,
              const char *element)
{
  static const struct { const char *name; const char *expected; } table[] = {
    { "metropole", AMOUNT_EXPECTED },
    { "cofunders", AMOUNT_EXPECTED },
    { "amount", AMOUNT_EXPECTED },
    { "year", N_("a year from 1900 to 2200") },
    { "first", N_("a year from 1900 to 2200") },
    { "last", N_("a year from 1900 to 2200") },
    { "kind", N_("one of continue, reorient, stop, free") },
    { "nature", N_("projects or engineering") },
    { "default", N_("continue, transfer or end") },
    { "treatment", N_("continue, transfer or end") },
    { "id", N_("one of projects, dossiers, calls, sessions, diagnostics, conventions, days-per-dossier, "
               "days-per-diagnostic, days-per-session, days-per-convention, days-per-call, staff-etp, days-per-etp") },
    { "value", N_("a whole number for a count (such as 6), a number with a point and two decimals for staff days "
                  "and ETP (such as 0.50)") },
    { "class", N_("large-cities, 5000-and-more or under-5000") },
    { "projects", N_("a whole number, 0 or more") },
    { "communes", N_("a whole number, 0 or more") },
    { "territory", N_("the number of a territory, 1 or more") },
    { "dossier", N_("1 to 40 letters without accents, digits, “-”, “_” or “/”, such as APT-2024-001") },
    { "name", N_("a text that is not empty") },
    { "label", N_("a text that is not empty") },
  };

  if (g_strcmp0 (element, "amount") == 0 && g_strcmp0 (name, "amount") == 0)
    return _(AMOUNT_EXPECTED);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_strcmp0 (table[i].name, name) == 0)
      return _(table[i].expected);

  return _("a value that the schema accepts");
}

typedef struct
{
  GPtrArray  *problems;
  GHashTable *reported;   /* "LINE:where" with a problem already */
} SchemaErrors;

static void
on_schema_error (void        *data,
                 xmlErrorPtr  error)
{
  SchemaErrors *errors = data;
  xmlNodePtr node = error->node;
  xmlNodePtr element = node;
  g_autofree char *detail = NULL;
  g_autofree char *where = NULL;
  g_autofree char *value = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  const char *attribute = NULL;
  int line = error->line;

  if (error->level == XML_ERR_WARNING)
    return;

  detail = g_strstrip (g_strdup (error->message ? error->message : ""));
  if (node != NULL && node->type == XML_ATTRIBUTE_NODE)
    {
      attribute = (const char *) node->name;
      element = node->parent;
    }
  if (element != NULL)
    line = (int) xmlGetLineNo (element);
  /* In a tree, libxml2 reports a wrong attribute on its element and
   * names it in its message: "Element 'x', attribute 'y': …". */
  if (attribute == NULL && element != NULL && strstr (detail, "attribute '") != NULL)
    {
      const char *start = strstr (detail, "attribute '") + strlen ("attribute '");
      const char *end = strchr (start, '\'');

      if (end != NULL)
        {
          g_autofree char *name = g_strndup (start, (gsize) (end - start));
          xmlAttrPtr attr = xmlHasProp (element, BAD_CAST name);

          if (attr != NULL)
            node = (xmlNodePtr) attr;
          attribute = attr != NULL ? (const char *) attr->name : NULL;
        }
    }
  if (node != NULL)
    {
      xmlChar *content = xmlNodeGetContent (node);

      value = g_strdup (content ? (const char *) content : "");
      xmlFree (content);
    }
  where = attribute != NULL ? g_strdup_printf ("%s @%s", element ? (const char *) element->name : "", attribute)
                            : g_strdup (element ? (const char *) element->name : NULL);

  /* Two messages (facet, then type) for one wrong value: one problem. */
  if (!g_hash_table_add (errors->reported, g_strdup_printf ("%d:%s", line, where ? where : "")))
    return;
  if (value != NULL)
    {
      g_autofree char *cut = g_utf8_strlen (value, -1) > 60 ? g_utf8_substring (value, 0, 60) : NULL;

      shown = cut != NULL ? g_strconcat (cut, "…", NULL) : g_strdup (value);
    }

  if (error->code >= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 && error->code <= XML_SCHEMAV_CVC_ENUMERATION_VALID)
    {
      ess_exchange_add_problemf (errors->problems, line, where, _("the value “%s” is not valid: expected %s"), shown ? shown : "",
                expected_for (attribute ? attribute : where, element ? (const char *) element->name : NULL));
      return;
    }

  switch (error->code)
    {
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
    case XML_SCHEMAV_ELEMENT_CONTENT:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
      expected = ess_exchange_expected_elements (detail);
      if (strstr (detail, "Missing child") != NULL)
        ess_exchange_add_problemf (errors->problems, line, where, _("an element is missing inside: expected %s"),
                  expected ? expected : _("the elements of the format"));
      else if (expected != NULL)
        ess_exchange_add_problemf (errors->problems, line, where, _("this element is not expected here: expected %s"), expected);
      else
        ess_exchange_add_problemf (errors->problems, line, where, _("this element is not expected here (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      ess_exchange_add_problemf (errors->problems, line, where, _("a required attribute is missing (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      ess_exchange_add_problemf (errors->problems, line, where, _("an attribute that the format does not have (%s)"), detail);
      break;
    case XML_SCHEMAV_CVC_IDC:
      {
        /* "Duplicate key-sequence ['2015'] in unique identity-constraint …" */
        const char *start = strstr (detail, "key-sequence [");
        const char *end = start != NULL ? strstr (start, "] in ") : NULL;
        g_autofree char *key = NULL;

        if (start != NULL && end != NULL)
          {
            start += strlen ("key-sequence [");
            key = g_strndup (start, (gsize) (end - start));
            g_strdelimit (key, "'", ' ');
            g_strstrip (key);
          }
        ess_exchange_add_problemf (errors->problems, line, where,
                  _("“%s” is given twice: each year, assumption, class and territory of a year, and dossier "
                    "comes once"),
                  key != NULL ? key : "");
      }
      break;
    case XML_SCHEMAV_CVC_ELT_1:
      ess_exchange_add_problemf (errors->problems, line, where,
                _("unknown element of the scenarios: expected <scenario xmlns=\"%s\">"),
                ESS_EXCHANGE_SCENARIOS_NAMESPACE);
      break;
    default:
      ess_exchange_add_problemf (errors->problems, line, where, _("not valid against the format's schema (%s)"), detail);
      break;
    }
}

static void
set_text (char       **slot,
          xmlNodePtr   node)
{
  g_free (*slot);
  *slot = ess_exchange_node_text (node);
}

/* An attribute the schema required, stripped. */
static char *
attr_of (xmlNodePtr  node,
         const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *text = g_strstrip (g_strdup (value ? (const char *) value : ""));

  xmlFree (value);
  return text;
}

static gint64
int_attr (xmlNodePtr  node,
          const char *name)
{
  g_autofree char *text = attr_of (node, name);
  gint64 value = 0;

  g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL);
  return value;
}

/* What the reading of one <scenario> needs. */
typedef struct
{
  GPtrArray                *problems;
  const EssExchangeContext *context;
  GHashTable               *file_references;
  EssScenario              *scenario;
} Reader;

static gint64
cents_attr (Reader     *r,
            xmlNodePtr  node,
            const char *name)
{
  g_autofree char *text = attr_of (node, name);
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  /* The schema checked the form and the bound. */
  if (!ess_money_parse_decimal (text, &cents, &error))
    {
      g_autofree char *where = g_strdup_printf ("%s @%s", (const char *) node->name, name);
      ess_exchange_add_problem (r->problems, (int) xmlGetLineNo (node), where, error->message);
    }
  return cents;
}

/* @year in the horizon, else a problem. */
static gboolean
check_year (Reader     *r,
            xmlNodePtr  node,
            int         year)
{
  if (year >= r->scenario->first_year && year <= r->scenario->last_year)
    return TRUE;
  ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (node), (const char *) node->name,
            _("the year %d is outside the horizon %d–%d of the scenario: expected a year of the horizon"),
            year, r->scenario->first_year, r->scenario->last_year);
  return FALSE;
}

static void
read_lines (Reader     *r,
            xmlNodePtr  node)
{
  for (xmlNodePtr l = node->children; l != NULL; l = l->next)
    {
      g_autofree char *nature_id = NULL;
      EssLineNature nature = ESS_NATURE_ENGINEERING;
      EssScenarioLine *line;
      guint index;

      if (!ess_exchange_node_is (l, "line"))
        continue;
      nature_id = attr_of (l, "nature");
      ess_line_nature_from_id (nature_id, &nature);
      line = ess_scenario_add_line (r->scenario, "", nature);
      index = r->scenario->lines->len - 1;
      for (xmlNodePtr c = l->children; c != NULL; c = c->next)
        {
          if (ess_exchange_node_is (c, "label"))
            {
              set_text (&line->label, c);
              for (guint m = 0; m < index; m++)
                {
                  const EssScenarioLine *other = g_ptr_array_index (r->scenario->lines, m);

                  if (g_strcmp0 (other->label, line->label) == 0)
                    ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "label",
                              _("two budget lines are named “%s”: expected a name per line"), line->label);
                }
            }
          else if (ess_exchange_node_is (c, "hypothesis"))
            set_text (&line->hypothesis, c);
          else if (ess_exchange_node_is (c, "amount"))
            {
              int year = (int) int_attr (c, "year");
              EssLineAmount *amount;

              if (!check_year (r, c, year))
                continue;
              amount = ess_scenario_line_amount (r->scenario, index, year);
              amount->metropole = cents_attr (r, c, "metropole");
              amount->cofunders = cents_attr (r, c, "cofunders");
            }
        }
    }
}

/* The largest value the model takes: 1 000 000 days or ETP, 100 000 000 of a count. */
#define MAX_ASSUMPTION 100000000

static void
read_assumptions (Reader     *r,
                  xmlNodePtr  node)
{
  for (xmlNodePtr a = node->children; a != NULL; a = a->next)
    {
      g_autofree char *id = NULL;
      EssAssumption assumption;
      const EssAssumptionInfo *info;

      if (!ess_exchange_node_is (a, "assumption"))
        continue;
      id = attr_of (a, "id");
      /* The schema knows the ids. */
      if (!ess_assumption_from_id (id, &assumption))
        continue;
      info = ess_assumption_info (assumption);
      for (xmlNodePtr c = a->children; c != NULL; c = c->next)
        {
          if (ess_exchange_node_is (c, "hypothesis"))
            set_text (&r->scenario->hypotheses[assumption], c);
          else if (ess_exchange_node_is (c, "value"))
            {
              int year = (int) int_attr (c, "year");
              g_autofree char *text = g_strstrip (ess_exchange_node_text (c));
              gboolean decimal = strchr (text, '.') != NULL;
              gint64 value = 0;

              if (!check_year (r, c, year))
                continue;
              if (info->unit == ESS_UNIT_COUNT && decimal)
                {
                  ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "value",
                            _("“%s” is a count: expected a whole number, such as 6, not “%s”"), id, text);
                  continue;
                }
              if (info->unit != ESS_UNIT_COUNT && !decimal)
                {
                  ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "value",
                            _("“%s” is in days or ETP: expected a number with a point and two decimals, "
                              "such as %s.00, not “%s”"),
                            id, text, text);
                  continue;
                }
              if (decimal)
                ess_money_parse_decimal (text, &value, NULL);
              else
                g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL);
              if (value > MAX_ASSUMPTION)
                {
                  ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "value",
                            info->unit == ESS_UNIT_COUNT ?
                            _("“%s” is too large: expected at most 100000000") :
                            _("“%s” is too large: expected at most 1000000.00"),
                            text);
                  continue;
                }
              ess_scenario_get_year (r->scenario, year)->assumptions[assumption] = value;
            }
        }
    }
}

static void
read_reach (Reader     *r,
            xmlNodePtr  node)
{
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      if (ess_exchange_node_is (c, "hypothesis"))
        set_text (&r->scenario->reach_hypothesis, c);
      else if (ess_exchange_node_is (c, "class-reach"))
        {
          g_autofree char *id = attr_of (c, "class");
          int year = (int) int_attr (c, "year");
          EssSizeClass size;
          EssReach *reach;

          if (!ess_size_class_from_id (id, &size) || !check_year (r, c, year))
            continue;
          reach = &ess_scenario_get_year (r->scenario, year)->reach[size];
          reach->projects = int_attr (c, "projects");
          reach->communes = int_attr (c, "communes");
          reach->cents = cents_attr (r, c, "amount");
          if (reach->projects > 1000000 || reach->communes > 100000)
            ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "class-reach",
                      _("at most 1000000 projects and 100000 communes are expected"));
        }
      else if (ess_exchange_node_is (c, "territory-reach"))
        {
          gint64 territory = int_attr (c, "territory");
          int year = (int) int_attr (c, "year");
          gint64 projects = int_attr (c, "projects");
          gint64 cents = cents_attr (r, c, "amount");

          if (!check_year (r, c, year))
            continue;
          if (r->context != NULL && r->context->territories != NULL &&
              !g_hash_table_contains (r->context->territories, &territory))
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, territory);

              ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "territory-reach",
                        _("the territory %s is not one of the territories of the database: "
                          "expected the number of a territory, such as 1 for the Weppes"),
                        number);
              continue;
            }
          if (projects > 1000000)
            {
              ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "territory-reach",
                        _("at most 1000000 projects are expected"));
              continue;
            }
          ess_scenario_set_territory_reach (r->scenario, year, territory, projects, cents);
        }
    }
}

static void
read_portfolio (Reader            *r,
                xmlNodePtr         node,
                EssScenarioRecord *record)
{
  g_autofree char *default_id = attr_of (node, "default");

  ess_treatment_from_id (default_id, &r->scenario->portfolio_default);
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *reference = NULL;
      g_autofree char *treatment_id = NULL;
      EssTreatment treatment = ESS_TREATMENT_CONTINUE;

      if (!ess_exchange_node_is (c, "override"))
        continue;
      reference = attr_of (c, "dossier");
      treatment_id = attr_of (c, "treatment");
      ess_treatment_from_id (treatment_id, &treatment);

      /* A dossier of the file, or of the database it goes into. */
      if (!g_hash_table_contains (r->file_references, reference) &&
          r->context != NULL && r->context->store != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (ess_store_find_dossier (r->context->store, reference, &error) <= 0)
            {
              if (g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND))
                ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (c), "override",
                          _("the dossier “%s” is neither in the file nor in the database: expected the "
                            "reference of a dossier of either"),
                          reference);
              else
                ess_exchange_add_problem (r->problems, (int) xmlGetLineNo (c), "override", error->message);
              continue;
            }
        }
      ess_scenario_record_set_treatment (record, reference, treatment);
    }
}

/* One <scenario> the schema accepted. */
static EssScenarioRecord *
read_scenario (Reader     *r,
               xmlNodePtr  node)
{
  g_autoptr(EssScenarioRecord) record = NULL;
  EssScenarioKind kind = ESS_SCENARIO_FREE;
  g_autofree char *name = NULL;
  xmlNodePtr horizon = NULL;
  int first = 0;
  int last = 0;
  guint before = r->problems->len;

  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      if (ess_exchange_node_is (c, "name"))
        {
          g_free (name);
          name = ess_exchange_node_text (c);
        }
      else if (ess_exchange_node_is (c, "kind"))
        {
          g_autofree char *id = g_strstrip (ess_exchange_node_text (c));
          ess_scenario_kind_from_id (id, &kind);
        }
      else if (ess_exchange_node_is (c, "horizon"))
        {
          horizon = c;
          first = (int) int_attr (c, "first");
          last = (int) int_attr (c, "last");
        }
    }

  if (horizon == NULL)
    return NULL;
  if (last < first)
    {
      ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (horizon), "horizon",
                _("the horizon %d–%d ends before it starts: expected a first year no later than the last one"),
                first, last);
      return NULL;
    }
  if (last - first >= 30)
    {
      ess_exchange_add_problemf (r->problems, (int) xmlGetLineNo (horizon), "horizon",
                _("the horizon %d–%d is longer than 30 years: expected 30 years at most"), first, last);
      return NULL;
    }

  record = ess_scenario_record_new (ess_scenario_new (name, kind, first, last));
  record->line = (int) xmlGetLineNo (node);
  r->scenario = record->scenario;
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      if (ess_exchange_node_is (c, "description"))
        set_text (&r->scenario->description, c);
      else if (ess_exchange_node_is (c, "arguments-for"))
        set_text (&r->scenario->arguments_for, c);
      else if (ess_exchange_node_is (c, "arguments-against"))
        set_text (&r->scenario->arguments_against, c);
      else if (ess_exchange_node_is (c, "lines"))
        read_lines (r, c);
      else if (ess_exchange_node_is (c, "assumptions"))
        read_assumptions (r, c);
      else if (ess_exchange_node_is (c, "reach"))
        read_reach (r, c);
      else if (ess_exchange_node_is (c, "portfolio"))
        read_portfolio (r, c, record);
    }

  if (r->problems->len > before)
    return NULL;

  /* What the database relies on, said once more by the model. */
  {
    g_autoptr(GError) error = NULL;

    if (!ess_scenario_validate (r->scenario, &error))
      {
        ess_exchange_add_problem (r->problems, record->line, "scenario", error->message);
        return NULL;
      }
  }

  return g_steal_pointer (&record);
}

struct _EssScenarioReader
{
  gboolean                  full;
  GHashTable               *file_references;
  const EssExchangeContext *context;
  GPtrArray                *problems;
  GPtrArray                *records;
  GHashTable               *names;      /* name -> line of its <scenario> */
  GHashTable               *reported;   /* "LINE:where" with a schema problem already */
  xmlSchemaValidCtxtPtr     valid;
  SchemaErrors              errors;
};

EssScenarioReader *
ess_scenario_reader_new (gboolean                  full,
                         GHashTable               *file_references,
                         const EssExchangeContext *context,
                         GPtrArray                *problems,
                         GPtrArray                *records)
{
  EssScenarioReader *reader = g_new0 (EssScenarioReader, 1);

  reader->full = full;
  reader->file_references = g_hash_table_ref (file_references);
  reader->context = context;
  reader->problems = problems;
  reader->records = records;
  reader->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->errors.problems = problems;
  reader->errors.reported = reader->reported;
  reader->valid = xmlSchemaNewValidCtxt (get_schema ());
  xmlSchemaSetValidStructuredErrors (reader->valid, on_schema_error, &reader->errors);
  return reader;
}

void
ess_scenario_reader_free (EssScenarioReader *reader)
{
  if (reader == NULL)
    return;
  xmlSchemaFreeValidCtxt (reader->valid);
  g_hash_table_unref (reader->names);
  g_hash_table_unref (reader->reported);
  g_hash_table_unref (reader->file_references);
  g_free (reader);
}

void
ess_scenario_reader_read (EssScenarioReader *reader,
                          xmlNodePtr         child)
{
  Reader r = { reader->problems, reader->context, reader->file_references, NULL };
  GPtrArray *problems = reader->problems;
  EssScenarioRecord *record;
  guint before = problems->len;
  gpointer first;

  if (child->type != XML_ELEMENT_NODE)
    return;
  /* Another vocabulary (a later version of the scenarios): skipped. */
  if (child->ns == NULL || !xmlStrEqual (child->ns->href, BAD_CAST ESS_EXCHANGE_SCENARIOS_NAMESPACE))
    return;

  if (!reader->full)
    {
      ess_exchange_add_problem (problems, (int) xmlGetLineNo (child), (const char *) child->name,
                                _("a partner file (kind=\"partner\") carries no scenario: expected "
                                  "kind=\"full\" for an archive, or no <scenario>"));
      return;
    }

  if (xmlSchemaValidateOneElement (reader->valid, child) != 0 && problems->len == before)
    ess_exchange_add_problem (problems, (int) xmlGetLineNo (child), (const char *) child->name,
                              _("not valid against the schema of the scenarios"));
  if (problems->len > before)
    return;

  record = read_scenario (&r, child);
  if (record == NULL)
    return;

  if (g_hash_table_lookup_extended (reader->names, record->scenario->name, NULL, &first))
    {
      xmlNodePtr name = child->children;

      while (name != NULL && !ess_exchange_node_is (name, "name"))
        name = name->next;
      ess_exchange_add_problemf (problems, name ? (int) xmlGetLineNo (name) : record->line, "name",
                _("the name “%s” is already the one of the scenario at line %d: each scenario of a file "
                  "needs its own name"),
                record->scenario->name, GPOINTER_TO_INT (first));
      ess_scenario_record_free (record);
      return;
    }
  g_hash_table_insert (reader->names, g_strdup (record->scenario->name), GINT_TO_POINTER (record->line));
  g_ptr_array_add (reader->records, record);
}
