/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the scenarios in exchange files: round trip, both schemas, keep or replace, hostile files refused. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "ess-exchange.h"
#include "ess-store-exchange.h"
#include "ess-store-scenarios.h"

#define SEED_CONTINUE "Poursuite d’un APT amendé et renforcé"
#define SEED_REORIENT "Réorientation vers l’appel à projets permanent"
#define SEED_STOP     "Arrêt de l’APT"

typedef struct
{
  char     *dir;
  EssStore *store;
} Fixture;

static EssStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ess-exchange-scenarios-XXXXXX", NULL);
  f->store = open_store (f, "first.db");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ess_store_close (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* An ongoing APT dossier. */
static EssDossierBundle *
apt_bundle (const char *reference)
{
  EssDossierBundle *bundle = ess_dossier_bundle_new ();
  EssDossier *d = bundle->dossier;

  g_free (d->reference);
  d->reference = g_strdup (reference);
  g_free (d->title);
  d->title = g_strdup_printf ("Projet %s", reference);
  g_free (d->scheme);
  d->scheme = g_strdup ("APT");
  d->year = 2014;
  d->requested_cents = 2000000;
  d->status = ESS_STATUS_GRANTED;
  d->granted_cents = 2000000;
  return bundle;
}

static void
add_dossiers (EssStore           *store,
              const char * const *references)
{
  g_autoptr(GPtrArray) bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);
  EssImportAction actions[8] = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; references[i] != NULL; i++)
    g_ptr_array_add (bundles, apt_bundle (references[i]));
  g_assert_true (ess_store_import_bundles (store, bundles, actions, TRUE, "test", NULL, &error));
  g_assert_no_error (error);
}

static gint64
dossier_id (EssStore   *store,
            const char *reference)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ess_store_find_dossier (store, reference, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static EssScenario *
find_scenario (GPtrArray  *scenarios,
               const char *name)
{
  for (guint i = 0; i < scenarios->len; i++)
    {
      EssScenario *scenario = g_ptr_array_index (scenarios, i);

      if (g_str_equal (scenario->name, name))
        return scenario;
    }
  g_assert_not_reached ();
  return NULL;
}

static GPtrArray *
list_scenarios (EssStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *scenarios = ess_store_list_scenarios (store, &error);

  g_assert_no_error (error);
  return scenarios;
}

static void
delete_all_scenarios (EssStore *store)
{
  g_autoptr(GPtrArray) scenarios = list_scenarios (store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < scenarios->len; i++)
    {
      g_assert_true (ess_store_delete_scenario (store, ((EssScenario *) g_ptr_array_index (scenarios, i))->id,
                                                &error));
      g_assert_no_error (error);
    }
}

static EssExchangeDocument *
read_with (EssStore   *store,
           const char *data,
           gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssExchangeContext) context = ess_exchange_context_new_for_store (store, &error);

  g_assert_no_error (error);
  return ess_exchange_read (data, size, context);
}

static void
assert_no_problem (EssExchangeDocument *document)
{
  for (guint i = 0; i < document->problems->len; i++)
    {
      g_autofree char *text = ess_exchange_problem_format (g_ptr_array_index (document->problems, i), NULL);
      g_test_message ("%s", text);
    }
  g_assert_cmpuint (document->problems->len, ==, 0);
}

/* Applies @document with @action for every known dossier and scenario. */
static gboolean
apply (EssStore            *store,
       EssExchangeDocument *document,
       EssImportAction      action,
       EssImportPreview   **out_preview,
       GError             **error)
{
  g_autoptr(EssImportPreview) preview = ess_exchange_preview (store, document, error);
  g_autofree EssImportAction *actions = NULL;
  gboolean ok;

  g_assert_nonnull (preview);
  actions = g_new0 (EssImportAction, document->bundles->len + 1);
  for (guint i = 0; i < document->bundles->len; i++)
    actions[i] = action;
  for (guint i = 0; i < preview->scenarios->len; i++)
    ((EssImportScenarioItem *) g_ptr_array_index (preview->scenarios, i))->action = action;
  ok = ess_exchange_apply (store, document, preview, actions, "test.xml", NULL, error);
  if (out_preview != NULL)
    *out_preview = g_steal_pointer (&preview);
  return ok;
}

/* Validates @data with the schemas of data/, as a partner would: the
 * whole file against ess-dossiers-1.xsd, each scenario against
 * ess-scenarios-1.xsd. Returns the number of scenarios. */
static guint
validate_with_schemas (GBytes *bytes)
{
  g_autofree char *dossiers_path = g_test_build_filename (G_TEST_DIST, "..", "data", "ess-dossiers-1.xsd", NULL);
  g_autofree char *scenarios_path = g_test_build_filename (G_TEST_DIST, "..", "data", "ess-scenarios-1.xsd", NULL);
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr dossiers;
  xmlSchemaPtr scenarios;
  xmlSchemaValidCtxtPtr valid;
  xmlDocPtr doc;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  guint n = 0;

  parser = xmlSchemaNewParserCtxt (dossiers_path);
  dossiers = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  parser = xmlSchemaNewParserCtxt (scenarios_path);
  scenarios = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  g_assert_nonnull (dossiers);
  g_assert_nonnull (scenarios);

  doc = xmlReadMemory (data, (int) size, "export.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  valid = xmlSchemaNewValidCtxt (dossiers);
  g_assert_cmpint (xmlSchemaValidateDoc (valid, doc), ==, 0);
  xmlSchemaFreeValidCtxt (valid);

  valid = xmlSchemaNewValidCtxt (scenarios);
  for (xmlNodePtr block = xmlDocGetRootElement (doc)->children; block != NULL; block = block->next)
    if (block->type == XML_ELEMENT_NODE && xmlStrEqual (block->name, BAD_CAST "scenarios"))
      for (xmlNodePtr scenario = block->children; scenario != NULL; scenario = scenario->next)
        if (scenario->type == XML_ELEMENT_NODE)
          {
            g_assert_cmpstr ((const char *) scenario->ns->href, ==, "urn:io.github.essinstruction:scenarios:1");
            g_assert_cmpint (xmlSchemaValidateOneElement (valid, scenario), ==, 0);
            n++;
          }
  xmlSchemaFreeValidCtxt (valid);
  xmlFreeDoc (doc);
  xmlSchemaFree (dossiers);
  xmlSchemaFree (scenarios);
  return n;
}

static void
assert_same_treatments (EssStore          *store_a,
                        const EssScenario *a,
                        EssStore          *store_b,
                        const EssScenario *b,
                        const char * const *references)
{
  g_assert_cmpuint (g_hash_table_size (a->treatments), ==, g_hash_table_size (b->treatments));
  for (guint i = 0; references[i] != NULL; i++)
    g_assert_cmpint (ess_scenario_get_treatment (a, dossier_id (store_a, references[i])), ==,
                     ess_scenario_get_treatment (b, dossier_id (store_b, references[i])));
}

/* The seed scenarios, one of them changed and a variant with treatments
 * and awkward texts: a full archive imported into a database without
 * scenarios gives them back field by field, and exports the same bytes. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const references[] = { "APT-2014-001", "APT-2014-002", NULL };
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(EssScenario) variant = NULL;
  g_autoptr(EssStore) second = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(EssExchangeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  EssScenario *reorient;
  const EssScenario *seed;
  const EssScenarioYear *year;
  gsize size;
  const char *text;

  add_dossiers (f->store, references);
  scenarios = list_scenarios (f->store);
  g_assert_cmpuint (scenarios->len, ==, 3);

  /* The reorientation ends one dossier at its term instead of moving it to the APP. */
  reorient = find_scenario (scenarios, SEED_REORIENT);
  ess_scenario_set_treatment (reorient, dossier_id (f->store, "APT-2014-002"), ESS_TREATMENT_END);
  g_assert_cmpint (ess_store_save_scenario (f->store, reorient, &error), ==, reorient->id);
  g_assert_no_error (error);

  variant = ess_scenario_duplicate (find_scenario (scenarios, SEED_CONTINUE), "Variante « R&D » <150 000 €>");
  ess_scenario_line_amount (variant, 0, 2016)->metropole = 15000000;
  ess_scenario_line_amount (variant, 0, 2016)->cofunders = 1;
  ess_scenario_get_year (variant, 2017)->assumptions[ESS_ASSUME_STAFF] = 125;
  g_free (variant->arguments_for);
  variant->arguments_for = g_strdup ("Ligne 1\nLigne 2\r\n\t« \"guillemets\" » & <balises>");
  ess_scenario_set_territory_reach (variant, 2020, 3, 1, 999);
  ess_scenario_set_treatment (variant, dossier_id (f->store, "APT-2014-001"), ESS_TREATMENT_TRANSFER);
  ess_scenario_set_treatment (variant, dossier_id (f->store, "APT-2014-002"), ESS_TREATMENT_END);
  g_assert_cmpint (ess_store_save_scenario (f->store, variant, &error), >, 0);
  g_assert_no_error (error);

  a = ess_exchange_export (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (validate_with_schemas (a), ==, 4);
  text = g_bytes_get_data (a, &size);
  /* Seed 002: the APT envelope of 110 000 € a year, co-funders at half. */
  g_assert_nonnull (strstr (text, "      <kind>continue</kind>\n"
                                  "      <horizon first=\"2015\" last=\"2020\"/>\n"));
  g_assert_nonnull (strstr (text, "          <label>Projets APT</label>\n"));
  g_assert_nonnull (strstr (text, "<amount year=\"2015\" metropole=\"110000.00\" cofunders=\"55000.00\"/>"));
  g_assert_nonnull (strstr (text, "<portfolio default=\"transfer\">\n"
                                  "        <override dossier=\"APT-2014-002\" treatment=\"end\"/>\n"
                                  "      </portfolio>\n"));
  g_assert_nonnull (strstr (text, "<override dossier=\"APT-2014-001\" treatment=\"transfer\"/>\n"
                                  "        <override dossier=\"APT-2014-002\" treatment=\"end\"/>\n"));
  g_assert_nonnull (strstr (text, "<name>Variante « R&amp;D » &lt;150 000 €&gt;</name>"));

  /* Two exports of the same data: the same bytes. */
  again = ess_exchange_export (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, again));

  /* An archive of one dossier carries the treatments of that dossier only. */
  {
    g_autoptr(GBytes) one = ess_exchange_export (f->store, (const char * const []) { "APT-2014-001", NULL }, TRUE,
                                                 &error);
    const char *one_text;

    g_assert_no_error (error);
    g_assert_cmpuint (validate_with_schemas (one), ==, 4);
    one_text = g_bytes_get_data (one, NULL);
    g_assert_nonnull (strstr (one_text, "<portfolio default=\"continue\">\n"
                                        "        <override dossier=\"APT-2014-001\" treatment=\"transfer\"/>\n"
                                        "      </portfolio>\n"));
    g_assert_null (strstr (one_text, "APT-2014-002"));
    g_assert_nonnull (strstr (one_text, "<portfolio default=\"transfer\"/>\n"));
  }

  /* Into a database without scenarios. */
  second = open_store (f, "second.db");
  delete_all_scenarios (second);
  document = read_with (second, text, size);
  assert_no_problem (document);
  g_assert_cmpuint (document->scenarios->len, ==, 4);
  g_assert_true (apply (second, document, ESS_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);

  after = list_scenarios (second);
  g_assert_cmpuint (after->len, ==, 4);
  for (guint i = 0; i < scenarios->len; i++)
    {
      g_autoptr(EssScenario) x = NULL;
      g_autoptr(EssScenario) y = NULL;
      g_autoptr(GPtrArray) source = list_scenarios (f->store);

      x = ess_scenario_copy (g_ptr_array_index (source, i));
      y = ess_scenario_copy (g_ptr_array_index (after, i));
      assert_same_treatments (f->store, x, second, y, references);
      /* Ids are the database's: the rest compares as it is. */
      g_hash_table_remove_all (x->treatments);
      g_hash_table_remove_all (y->treatments);
      y->id = x->id;
      g_assert_true (ess_scenario_equal (x, y));
    }

  /* The seed, by hand from data/scenarios.ini (seed 002). */
  seed = find_scenario (after, SEED_CONTINUE);
  g_assert_cmpint (seed->kind, ==, ESS_SCENARIO_CONTINUE);
  g_assert_cmpint (seed->first_year, ==, 2015);
  g_assert_cmpint (seed->last_year, ==, 2020);
  g_assert_cmpint (seed->portfolio_default, ==, ESS_TREATMENT_CONTINUE);
  g_assert_cmpuint (seed->lines->len, ==, 4);
  g_assert_cmpstr (((EssScenarioLine *) g_ptr_array_index (seed->lines, 0))->label, ==, "Projets APT");
  g_assert_cmpint (((EssScenarioLine *) g_ptr_array_index (seed->lines, 0))->nature, ==, ESS_NATURE_PROJECTS);
  for (int y = 2015; y <= 2020; y++)
    {
      g_assert_cmpint (ess_scenario_line_amount ((EssScenario *) seed, 0, y)->metropole, ==, 11000000);
      g_assert_cmpint (ess_scenario_line_amount ((EssScenario *) seed, 0, y)->cofunders, ==, 5500000);
    }
  /* Diagnostics: 2 territories at 17 000 € in 2015 and 2016, then 1. */
  g_assert_cmpint (ess_scenario_line_amount ((EssScenario *) seed, 1, 2015)->metropole, ==, 3400000);
  g_assert_cmpint (ess_scenario_line_amount ((EssScenario *) seed, 1, 2017)->metropole, ==, 1700000);
  year = ess_scenario_get_year ((EssScenario *) seed, 2015);
  g_assert_cmpint (year->assumptions[ESS_ASSUME_PROJECTS], ==, 6);
  g_assert_cmpint (year->assumptions[ESS_ASSUME_DAYS_PER_DOSSIER], ==, 300);
  g_assert_cmpint (year->assumptions[ESS_ASSUME_STAFF], ==, 50);
  g_assert_cmpint (year->assumptions[ESS_ASSUME_DAYS_PER_ETP], ==, 20000);
  g_assert_cmpint (year->reach[ESS_SIZE_CLASS_LARGE_CITY].projects, ==, 2);
  g_assert_cmpint (year->reach[ESS_SIZE_CLASS_LARGE_CITY].cents, ==, 4000000);
  g_assert_cmpint (year->reach[ESS_SIZE_CLASS_LARGE_CITY].communes, ==, 2);
  g_assert_cmpint (year->reach[ESS_SIZE_CLASS_UNDER_5000].communes, ==, 6);
  g_assert_true (g_str_has_prefix (seed->hypotheses[ESS_ASSUME_PROJECTS], "Hypothèse : 6 projets par an"));
  g_assert_true (g_str_has_prefix (seed->arguments_against, "Les résultats n’ont pas été ceux escomptés"));

  /* The other database exports the same bytes. */
  b = ess_exchange_export (second, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));
  ess_store_close (second);
}

/* Scenarios are internal policy work: never in a partner file. */
static void
test_partner_has_none (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const references[] = { "APT-2014-001", NULL };
  g_autoptr(GBytes) partner = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GError) error = NULL;

  add_dossiers (f->store, references);
  partner = ess_exchange_export (f->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (g_bytes_get_data (partner, NULL), "scenario"));
  full = ess_exchange_export (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (full, NULL), "  <scenarios>\n"));
}

/* A known scenario follows the choice made for known dossiers: skip,
 * update or import under a new name; one the same as the database's is
 * left alone. */
static void
test_known (Fixture       *f,
            gconstpointer  data)
{
  static const char * const references[] = { "APT-2014-001", "APT-2014-002", NULL };
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GError) error = NULL;
  EssScenario *seed;
  gint64 kept_id;

  add_dossiers (f->store, references);
  scenarios = list_scenarios (f->store);
  original = ess_exchange_export (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);

  /* The file: the APT envelope at 150 000 € in 2016, one dossier ended. */
  seed = find_scenario (scenarios, SEED_CONTINUE);
  ess_scenario_line_amount (seed, 0, 2016)->metropole = 15000000;
  ess_scenario_set_treatment (seed, dossier_id (f->store, "APT-2014-001"), ESS_TREATMENT_END);
  ess_store_save_scenario (f->store, seed, &error);
  g_assert_no_error (error);
  /* A treatment of a dossier the file will not carry stays in the database on update. */
  changed = ess_exchange_export (f->store, (const char * const []) { "APT-2014-001", NULL }, TRUE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(EssExchangeDocument) document = read_with (f->store, g_bytes_get_data (original, NULL),
                                                         g_bytes_get_size (original));
    g_autoptr(EssImportPreview) preview = NULL;

    assert_no_problem (document);
    g_assert_true (apply (f->store, document, ESS_IMPORT_UPDATE, &preview, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (preview->n_known_scenarios, ==, 1);
    g_assert_cmpuint (preview->n_new_scenarios, ==, 0);
  }
  {
    g_autoptr(EssScenario) back = ess_store_load_scenario (f->store, seed->id, &error);

    g_assert_no_error (error);
    /* The original file carried APT-2014-001 with no override: back to the default. */
    g_assert_cmpint (ess_scenario_line_amount (back, 0, 2016)->metropole, ==, 11000000);
    g_assert_cmpuint (g_hash_table_size (back->treatments), ==, 0);
  }

  /* Skip: nothing changes; the preview says what differs. */
  {
    g_autoptr(EssExchangeDocument) document = read_with (f->store, g_bytes_get_data (changed, NULL),
                                                         g_bytes_get_size (changed));
    g_autoptr(EssImportPreview) preview = NULL;
    g_autoptr(EssScenario) back = NULL;
    g_autofree char *report = NULL;
    const EssImportScenarioItem *item;

    assert_no_problem (document);
    g_assert_true (apply (f->store, document, ESS_IMPORT_SKIP, &preview, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (preview->n_known_scenarios, ==, 1);
    item = g_ptr_array_index (preview->scenarios, 0);
    g_assert_cmpstr (item->record->scenario->name, ==, SEED_CONTINUE);
    g_assert_cmpint (item->existing_id, ==, seed->id);
    g_assert_cmpuint (item->differences->len, >=, 2);
    report = ess_exchange_format_preview (preview);
    g_assert_nonnull (strstr (report, "Scénario connu, différent\u00a0: " SEED_CONTINUE "\n"));
    g_assert_nonnull (strstr (report, "Scénario connu, identique\u00a0: " SEED_STOP "\n"));
    back = ess_store_load_scenario (f->store, seed->id, &error);
    g_assert_cmpint (ess_scenario_line_amount (back, 0, 2016)->metropole, ==, 11000000);
  }

  /* Update, then the stored treatment of APT-2014-002 (not in the file) is kept. */
  {
    g_autoptr(EssScenario) before = ess_store_load_scenario (f->store, seed->id, &error);
    g_autoptr(EssExchangeDocument) document = NULL;
    g_autoptr(EssScenario) back = NULL;

    ess_scenario_set_treatment (before, dossier_id (f->store, "APT-2014-002"), ESS_TREATMENT_TRANSFER);
    ess_store_save_scenario (f->store, before, &error);
    g_assert_no_error (error);
    document = read_with (f->store, g_bytes_get_data (changed, NULL), g_bytes_get_size (changed));
    g_assert_true (apply (f->store, document, ESS_IMPORT_UPDATE, NULL, &error));
    g_assert_no_error (error);
    back = ess_store_load_scenario (f->store, seed->id, &error);
    g_assert_cmpint (ess_scenario_line_amount (back, 0, 2016)->metropole, ==, 15000000);
    g_assert_cmpint (ess_scenario_get_treatment (back, dossier_id (f->store, "APT-2014-001")), ==,
                     ESS_TREATMENT_END);
    g_assert_cmpint (ess_scenario_get_treatment (back, dossier_id (f->store, "APT-2014-002")), ==,
                     ESS_TREATMENT_TRANSFER);
  }

  /* New: a copy under the next free name; the stored one stays. */
  {
    g_autoptr(EssExchangeDocument) document = read_with (f->store, g_bytes_get_data (original, NULL),
                                                         g_bytes_get_size (original));
    g_autoptr(GPtrArray) now = NULL;
    EssScenario *copy;

    kept_id = seed->id;
    g_assert_true (apply (f->store, document, ESS_IMPORT_RENAME, NULL, &error));
    g_assert_no_error (error);
    now = list_scenarios (f->store);
    /* Only the one that differed was copied. */
    g_assert_cmpuint (now->len, ==, 4);
    copy = find_scenario (now, SEED_CONTINUE " (2)");
    g_assert_cmpint (ess_scenario_line_amount (copy, 0, 2016)->metropole, ==, 11000000);
    g_assert_cmpint (ess_scenario_line_amount (find_scenario (now, SEED_CONTINUE), 0, 2016)->metropole, ==,
                     15000000);
    g_assert_cmpint (find_scenario (now, SEED_CONTINUE)->id, ==, kept_id);
  }
}

/* A small full archive with one scenario: the lines are counted in the
 * tests below. */
static const char base_file[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                            /* 1 */
  "<dossiers xmlns=\"urn:io.github.essinstruction:dossiers:1\" version=\"1\" kind=\"full\">\n"  /* 2 */
  "  <scenarios>\n"                                                                        /* 3 */
  "    <scenario xmlns=\"urn:io.github.essinstruction:scenarios:1\">\n"                    /* 4 */
  "      <name>Essai</name>\n"                                                             /* 5 */
  "      <kind>continue</kind>\n"                                                          /* 6 */
  "      <horizon first=\"2015\" last=\"2016\"/>\n"                                        /* 7 */
  "      <lines>\n"                                                                        /* 8 */
  "        <line nature=\"projects\">\n"                                                   /* 9 */
  "          <label>Projets APT</label>\n"                                                 /* 10 */
  "          <amount year=\"2015\" metropole=\"110000.00\" cofunders=\"0.00\"/>\n"         /* 11 */
  "        </line>\n"                                                                      /* 12 */
  "      </lines>\n"                                                                       /* 13 */
  "      <assumptions>\n"                                                                  /* 14 */
  "        <assumption id=\"staff-etp\">\n"                                                /* 15 */
  "          <value year=\"2015\">0.50</value>\n"                                          /* 16 */
  "        </assumption>\n"                                                                /* 17 */
  "      </assumptions>\n"                                                                 /* 18 */
  "      <portfolio default=\"continue\"/>\n"                                              /* 19 */
  "    </scenario>\n"                                                                      /* 20 */
  "  </scenarios>\n"                                                                       /* 21 */
  "</dossiers>\n";                                                                         /* 22 */

static char *
substitute (const char *old_text,
            const char *new_text)
{
  g_auto(GStrv) parts = g_strsplit (base_file, old_text, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (new_text, parts);
}

static const char scenario_block[] =
  "    <scenario xmlns=\"urn:io.github.essinstruction:scenarios:1\">\n"
  "      <name>Essai</name>\n"
  "      <kind>continue</kind>\n"
  "      <horizon first=\"2015\" last=\"2016\"/>\n"
  "      <lines>\n"
  "        <line nature=\"projects\">\n"
  "          <label>Projets APT</label>\n"
  "          <amount year=\"2015\" metropole=\"110000.00\" cofunders=\"0.00\"/>\n"
  "        </line>\n"
  "      </lines>\n"
  "      <assumptions>\n"
  "        <assumption id=\"staff-etp\">\n"
  "          <value year=\"2015\">0.50</value>\n"
  "        </assumption>\n"
  "      </assumptions>\n"
  "      <portfolio default=\"continue\"/>\n"
  "    </scenario>\n";

/* Each hostile change to the small file is refused with the problem
 * expected, and the file gives nothing to import. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *old_text;
    const char *new_text;
    const char *expected;   /* the first problem, formatted */
  } cases[] = {
    { "<kind>continue</kind>", "<kind>poursuite</kind>",
      "6: <kind>\u00a0: la valeur «\u00a0poursuite\u00a0» n’est pas valide\u00a0: attendu l’un de continue, reorient, "
      "stop, free" },
    { "first=\"2015\" last=\"2016\"", "first=\"2016\" last=\"2015\"",
      "7: <horizon>\u00a0: l’horizon 2016–2015 finit avant de commencer\u00a0: attendu une première année au plus "
      "égale à la dernière" },
    { "first=\"2015\" last=\"2016\"", "first=\"2015\" last=\"2045\"",
      "7: <horizon>\u00a0: l’horizon 2015–2045 dépasse 30 ans\u00a0: attendu 30 ans au plus" },
    { "metropole=\"110000.00\"", "metropole=\"110000,00\"",
      "11: <amount @metropole>\u00a0: la valeur «\u00a0110000,00\u00a0» n’est pas valide\u00a0: attendu un montant "
      "en euros avec un point et deux décimales, comme 73000.00 (positif, 13 chiffres au plus avant le point)" },
    { "metropole=\"110000.00\"", "metropole=\"110000.000\"",
      "11: <amount @metropole>\u00a0: la valeur «\u00a0110000.000\u00a0» n’est pas valide\u00a0: attendu un montant "
      "en euros avec un point et deux décimales, comme 73000.00 (positif, 13 chiffres au plus avant le point)" },
    { "metropole=\"110000.00\"", "metropole=\"-1.00\"",
      "11: <amount @metropole>\u00a0: la valeur «\u00a0-1.00\u00a0» n’est pas valide\u00a0: attendu un montant "
      "en euros avec un point et deux décimales, comme 73000.00 (positif, 13 chiffres au plus avant le point)" },
    { "<amount year=\"2015\"", "<amount year=\"2017\"",
      "11: <amount>\u00a0: l’année 2017 est hors de l’horizon 2015–2016 du scénario\u00a0: attendu une année de "
      "l’horizon" },
    { "id=\"staff-etp\"", "id=\"staff\"",
      "15: <assumption @id>\u00a0: la valeur «\u00a0staff\u00a0» n’est pas valide\u00a0: attendu l’un de projects, "
      "dossiers, calls, sessions, diagnostics, conventions, days-per-dossier, days-per-diagnostic, "
      "days-per-session, days-per-convention, days-per-call, staff-etp, days-per-etp" },
    { "<value year=\"2015\">0.50</value>", "<value year=\"2015\">1</value>",
      "16: <value>\u00a0: «\u00a0staff-etp\u00a0» se compte en jours ou en ETP\u00a0: attendu un nombre avec un "
      "point et deux décimales, comme 1.00, et non «\u00a01\u00a0»" },
    { "id=\"staff-etp\"", "id=\"projects\"",
      "16: <value>\u00a0: «\u00a0projects\u00a0» est un nombre\u00a0: attendu un nombre entier, "
      "comme 6, et non «\u00a00.50\u00a0»" },
    { "      <name>Essai</name>\n", "",
      "5: <kind>\u00a0: cet élément n’est pas attendu ici\u00a0: attendu <name>" },
    { "<name>Essai</name>", "<name>  </name>",
      "5: <name>\u00a0: la valeur «\u00a0  \u00a0» n’est pas valide\u00a0: attendu un texte non vide" },
    { "<portfolio default=\"continue\"/>",
      "<portfolio default=\"continue\"><override dossier=\"APT-2099-001\" treatment=\"end\"/></portfolio>",
      "19: <override>\u00a0: le dossier «\u00a0APT-2099-001\u00a0» n’est ni dans le fichier ni dans la base\u00a0: "
      "attendu la référence d’un dossier de l’un ou de l’autre" },
    { "<portfolio default=\"continue\"/>",
      "<reach><territory-reach territory=\"99\" year=\"2015\" projects=\"1\" amount=\"10.00\"/></reach>"
      "<portfolio default=\"continue\"/>",
      "19: <territory-reach>\u00a0: le territoire 99 n’est pas un territoire de la base\u00a0: attendu le numéro "
      "d’un territoire, comme 1 pour les Weppes" },
    { "kind=\"full\"", "kind=\"partner\"",
      "4: <scenario>\u00a0: un fichier partenaire (kind=\"partner\") ne contient pas de scénario\u00a0: attendu "
      "kind=\"full\" pour une archive, ou aucun <scenario>" },
    { scenario_block, "    <scenario xmlns=\"urn:io.github.essinstruction:scenarios:1\"><title>Essai</title></scenario>\n",
      "4: <title>\u00a0: cet élément n’est pas attendu ici\u00a0: attendu <name>" },
    { scenario_block, "    <variant xmlns=\"urn:io.github.essinstruction:scenarios:1\"/>\n",
      "4: <variant>\u00a0: élément inconnu des scénarios\u00a0: attendu <scenario "
      "xmlns=\"urn:io.github.essinstruction:scenarios:1\">" },
    { "        </line>\n      </lines>",
      "        </line>\n        <line nature=\"engineering\"><label>Projets APT</label></line>\n      </lines>",
      "13: <label>\u00a0: deux lignes budgétaires s’appellent «\u00a0Projets APT\u00a0»\u00a0: attendu un nom par ligne" },
    { "<assumption id=\"staff-etp\">\n          <value year=\"2015\">0.50</value>",
      "<assumption id=\"projects\">\n          <value year=\"2015\">100000001</value>",
      "16: <value>\u00a0: «\u00a0100000001\u00a0» est trop grand\u00a0: attendu 100000000 au plus" },
    { "<value year=\"2015\">0.50</value>", "<value year=\"2015\">0.50</value><value year=\"2015\">1.00</value>",
      "16: <value>\u00a0: «\u00a02015\u00a0» est donné deux fois\u00a0: chaque année, hypothèse, classe et territoire d’une année, et "
      "dossier ne vient qu’une fois" },
  };
  g_autoptr(GPtrArray) before = list_scenarios (f->store);

  /* The file as it is imports. */
  {
    g_autoptr(EssExchangeDocument) document = read_with (f->store, base_file, strlen (base_file));
    const EssScenarioRecord *record;

    assert_no_problem (document);
    g_assert_cmpuint (document->scenarios->len, ==, 1);
    record = g_ptr_array_index (document->scenarios, 0);
    g_assert_cmpint (record->line, ==, 4);
    g_assert_cmpint (ess_scenario_line_amount (record->scenario, 0, 2015)->metropole, ==, 11000000);
    g_assert_cmpint (ess_scenario_line_amount (record->scenario, 0, 2016)->metropole, ==, 0);
    g_assert_cmpint (ess_scenario_get_year (record->scenario, 2015)->assumptions[ESS_ASSUME_STAFF], ==, 50);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = substitute (cases[i].old_text, cases[i].new_text);
      g_autoptr(EssExchangeDocument) document = read_with (f->store, text, strlen (text));
      g_autofree char *first = NULL;
      g_autoptr(GPtrArray) after = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpuint (document->problems->len, >, 0);
      first = ess_exchange_problem_format (g_ptr_array_index (document->problems, 0), NULL);
      g_assert_cmpstr (first, ==, cases[i].expected);
      g_assert_cmpuint (document->scenarios->len, ==, 0);
      g_assert_cmpuint (document->bundles->len, ==, 0);
      after = list_scenarios (f->store);
      g_assert_cmpuint (after->len, ==, before->len);
    }

  /* Two scenarios of one name. */
  {
    g_autofree char *twice = g_strconcat (scenario_block, scenario_block, NULL);
    g_autofree char *text = substitute (scenario_block, twice);
    g_autoptr(EssExchangeDocument) document = read_with (f->store, text, strlen (text));
    g_autofree char *first = NULL;

    g_assert_cmpuint (document->problems->len, ==, 1);
    first = ess_exchange_problem_format (g_ptr_array_index (document->problems, 0), NULL);
    g_assert_cmpstr (first, ==, "22: <name>\u00a0: le nom «\u00a0Essai\u00a0» est déjà celui du scénario de la "
                                "ligne 4\u00a0: chaque scénario d’un fichier a son propre nom");
    g_assert_cmpuint (document->scenarios->len, ==, 0);
  }
}

/* A treated dossier the database does not know is fine when the file
 * brings it; elements of a later vocabulary are skipped. */
static void
test_file_brings_dossier (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *with_dossier = NULL;
  g_autofree char *text = NULL;
  g_autoptr(EssExchangeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GBytes) out = NULL;
  EssScenario *imported;

  with_dossier = substitute ("  <scenarios>\n",
                             "  <dossier>\n"
                             "    <reference>APT-2099-001</reference>\n"
                             "    <title>Projet à venir</title>\n"
                             "    <scheme>APT</scheme>\n"
                             "    <year>2015</year>\n"
                             "    <review>\n"
                             "      <status>granted</status>\n"
                             "    </review>\n"
                             "  </dossier>\n"
                             "  <scenarios>\n"
                             "    <s:future xmlns:s=\"urn:io.github.essinstruction:scenarios:2\"><s:x/></s:future>\n");
  {
    g_auto(GStrv) parts = g_strsplit (with_dossier, "<portfolio default=\"continue\"/>", -1);

    text = g_strjoinv ("<portfolio default=\"continue\"><override dossier=\"APT-2099-001\" treatment=\"end\"/>"
                       "</portfolio>", parts);
  }

  document = read_with (f->store, text, strlen (text));
  assert_no_problem (document);
  g_assert_cmpuint (document->scenarios->len, ==, 1);
  g_assert_true (apply (f->store, document, ESS_IMPORT_SKIP, NULL, &error));
  g_assert_no_error (error);

  scenarios = list_scenarios (f->store);
  g_assert_cmpuint (scenarios->len, ==, 4);
  imported = find_scenario (scenarios, "Essai");
  g_assert_cmpint (ess_scenario_get_treatment (imported, dossier_id (f->store, "APT-2099-001")), ==,
                   ESS_TREATMENT_END);

  /* The full archive carries it back by reference. */
  out = ess_exchange_export (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL),
                            "      <portfolio default=\"continue\">\n"
                            "        <override dossier=\"APT-2099-001\" treatment=\"end\"/>\n"
                            "      </portfolio>\n"));
}

/* A treatment of a dossier in the trash stays home: the archive (which
 * leaves the trash out) imports into an empty database, and an update
 * from it keeps that treatment. */
static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  static const char * const references[] = { "APT-2014-001", "APT-2014-002", NULL };
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GBytes) archive = NULL;
  g_autoptr(EssStore) second = NULL;
  g_autoptr(GError) error = NULL;
  EssScenario *seed;
  gint64 trashed;

  add_dossiers (f->store, references);
  scenarios = list_scenarios (f->store);
  seed = find_scenario (scenarios, SEED_STOP);
  trashed = dossier_id (f->store, "APT-2014-002");
  ess_scenario_set_treatment (seed, dossier_id (f->store, "APT-2014-001"), ESS_TREATMENT_TRANSFER);
  ess_scenario_set_treatment (seed, trashed, ESS_TREATMENT_CONTINUE);
  ess_store_save_scenario (f->store, seed, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_trash_dossiers (f->store, &trashed, 1, &error));
  g_assert_no_error (error);

  archive = ess_exchange_export (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (g_bytes_get_data (archive, NULL), "APT-2014-002"));
  g_assert_nonnull (strstr (g_bytes_get_data (archive, NULL),
                            "<override dossier=\"APT-2014-001\" treatment=\"transfer\"/>"));

  second = open_store (f, "second.db");
  {
    g_autoptr(EssExchangeDocument) document = read_with (second, g_bytes_get_data (archive, NULL),
                                                         g_bytes_get_size (archive));
    g_autoptr(GPtrArray) after = NULL;
    EssScenario *imported;

    assert_no_problem (document);
    g_assert_true (apply (second, document, ESS_IMPORT_UPDATE, NULL, &error));
    g_assert_no_error (error);
    after = list_scenarios (second);
    imported = find_scenario (after, SEED_STOP);
    g_assert_cmpuint (g_hash_table_size (imported->treatments), ==, 1);
    g_assert_cmpint (ess_scenario_get_treatment (imported, dossier_id (second, "APT-2014-001")), ==,
                     ESS_TREATMENT_TRANSFER);
  }
  ess_store_close (second);

  /* Back into the first database: identical, nothing to do. */
  {
    g_autoptr(EssExchangeDocument) document = read_with (f->store, g_bytes_get_data (archive, NULL),
                                                         g_bytes_get_size (archive));
    g_autoptr(EssImportPreview) preview = NULL;
    g_autoptr(EssScenario) back = NULL;

    g_assert_true (apply (f->store, document, ESS_IMPORT_UPDATE, &preview, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (preview->n_known_scenarios, ==, 0);
    back = ess_store_load_scenario (f->store, seed->id, &error);
    g_assert_cmpint (ess_scenario_get_treatment (back, trashed), ==, ESS_TREATMENT_CONTINUE);
    g_assert_cmpuint (g_hash_table_size (back->treatments), ==, 2);
  }
}

/* The dossiers and the scenarios of a file are one transaction: when a
 * scenario cannot be written, neither are the dossiers. */
static void
test_one_transaction (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_record_free);
  EssImportAction actions[1] = { ESS_IMPORT_CREATE };
  EssImportAction scenario_actions[1] = { ESS_IMPORT_CREATE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  EssScenarioRecord *record;

  g_ptr_array_add (bundles, apt_bundle ("APT-2014-001"));
  record = ess_scenario_record_new (ess_scenario_new ("Essai", ESS_SCENARIO_STOP, 2015, 2016));
  ess_scenario_record_set_treatment (record, "APT-2014-001", ESS_TREATMENT_CONTINUE);
  ess_scenario_record_set_treatment (record, "ABSENT-1", ESS_TREATMENT_CONTINUE);
  g_ptr_array_add (records, record);

  g_assert_false (ess_store_import_exchange (f->store, bundles, actions, TRUE, "test.xml", records,
                                             scenario_actions, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Scénario «\u00a0Essai\u00a0»\u00a0: le dossier ABSENT-1 qu’il traite n’est "
                                       "ni dans la base ni dans le fichier.");
  g_assert_cmpint (ess_store_find_dossier (f->store, "APT-2014-001", &missing), ==, 0);
  g_assert_error (missing, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  {
    g_autoptr(GPtrArray) scenarios = list_scenarios (f->store);
    g_assert_cmpuint (scenarios->len, ==, 3);
  }
}

/* XML cannot carry most control characters: the scenario is named, and
 * what was written before it is all there is; tabs and line feeds pass. */
static void
test_control_character (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_record_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  EssScenario *scenario = ess_scenario_new ("Essai & <variante>", ESS_SCENARIO_STOP, 2015, 2016);

  g_free (scenario->arguments_for);
  scenario->arguments_for = g_strdup ("Ligne 1\n\tLigne 2");
  g_ptr_array_add (records, ess_scenario_record_new (scenario));
  g_assert_true (ess_exchange_write_scenarios (out, records, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out->str, "Essai &amp; &lt;variante&gt;"));
  g_assert_nonnull (strstr (out->str, "Ligne 1\n\tLigne 2"));

  scenario = ess_scenario_new ("Arrêt\x0b bis", ESS_SCENARIO_STOP, 2015, 2016);
  g_ptr_array_add (records, ess_scenario_record_new (scenario));
  g_string_truncate (out, 0);
  g_assert_false (ess_exchange_write_scenarios (out, records, &error));
  g_assert_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "U+000B"));
  g_assert_nonnull (strstr (error->message, "bis"));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  /* The messages are checked in French, as users read them. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange-scenarios/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/exchange-scenarios/partner-has-none", Fixture, NULL, fixture_setup, test_partner_has_none,
              fixture_teardown);
  g_test_add ("/exchange-scenarios/known", Fixture, NULL, fixture_setup, test_known, fixture_teardown);
  g_test_add ("/exchange-scenarios/hostile", Fixture, NULL, fixture_setup, test_hostile, fixture_teardown);
  g_test_add ("/exchange-scenarios/file-brings-dossier", Fixture, NULL, fixture_setup, test_file_brings_dossier,
              fixture_teardown);
  g_test_add ("/exchange-scenarios/trash", Fixture, NULL, fixture_setup, test_trash, fixture_teardown);
  g_test_add ("/exchange-scenarios/control-character", Fixture, NULL, fixture_setup, test_control_character,
              fixture_teardown);
  g_test_add ("/exchange-scenarios/one-transaction", Fixture, NULL, fixture_setup, test_one_transaction,
              fixture_teardown);

  return g_test_run ();
}
