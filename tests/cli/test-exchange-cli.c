/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the XML exchange through the real binary: export, validate, import, and the hostile files. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cli-test-util.h"

typedef CliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (f, "ess-exchange-XXXXXX");
  f->db = g_build_filename (f->home, "test.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (f);
}

static char *
in_home (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->home, name, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize size = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

/* The database's content as it is on disk, write-ahead log included. */
static GBytes *
database_bytes (Fixture *f)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  const char *paths[] = { f->db, wal };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *data = NULL;
      gsize size = 0;

      if (g_file_get_contents (paths[i], &data, &size, NULL))
        g_byte_array_append (all, (const guint8 *) data, (guint) size);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static void
assert_database_is (Fixture *f,
                    GBytes  *expected)
{
  g_autoptr(GBytes) now = database_bytes (f);

  g_assert_true (g_bytes_equal (expected, now));
}

static void
assert_schema_valid (const char *path)
{
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "ess-dossiers-1.xsd", NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", schema, path, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  /* Debian package libxml2-utils, listed in build-aux/setup. */
  g_assert_nonnull (xmllint);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static char *
read_bytes_text (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  return strstr (g_bytes_get_data (bytes, NULL), needle) != NULL;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Export the demo data, import it into an empty database, export again:
 * the same bytes, for the partner file and the full archive. */
static void
test_round_trip_demo (Fixture       *f,
                      gconstpointer  data)
{
  const char *kinds[] = { NULL, "--full" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *first = in_home (f, k ? "demo-full.xml" : "demo.xml");
      g_autofree char *second = in_home (f, k ? "again-full.xml" : "again.xml");
      g_autofree char *db = in_home (f, k ? "empty-full.db" : "empty.db");
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = NULL;
      const char *text;

      /* The default database holds the demo dossiers. */
      if (kinds[k])
        cli_run (f, "export", kinds[k], "-o", first, NULL);
      else
        cli_run (f, "export", "-o", first, NULL);
      g_assert_cmpint (f->status, ==, 0);
      g_assert_cmpstr (f->stderr_text, ==, "");
      assert_schema_valid (first);

      a = read_bytes (first);
      text = g_bytes_get_data (a, NULL);
      /* Seed 002, annexe 1: four APT projects; Lille 73 000 € in 2012 and in 2013. */
      g_assert_cmpuint (count (text, "<dossier>"), ==, 4);
      g_assert_nonnull (strstr (text, "<reference>APT-2012-001</reference>"));
      g_assert_nonnull (strstr (text, "<granted>146000.00</granted>"));
      g_assert_nonnull (strstr (text, "<granted>4730.00</granted>"));
      g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                             "<dossiers xmlns=\"urn:io.github.essinstruction:dossiers:1\" "
                                             "version=\"1\""));
      /* The review only in the archive. */
      g_assert_cmpuint (count (text, "<review>"), ==, k ? 4 : 0);
      g_assert_cmpuint (count (text, "<history>"), ==, k ? 4 : 0);

      cli_run (f, "--database", db, "import", first, NULL);
      g_assert_cmpint (f->status, ==, 0);
      g_assert_nonnull (strstr (f->stdout_text, "4 dossiers importés sur 4."));

      if (kinds[k])
        cli_run (f, "--database", db, "export", kinds[k], "-o", second, NULL);
      else
        cli_run (f, "--database", db, "export", "-o", second, NULL);
      g_assert_cmpint (f->status, ==, 0);
      b = read_bytes (second);
      g_assert_true (g_bytes_equal (a, b));
    }
}

static void
test_export_selection (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *one = in_home (f, "one.xml");
  g_autofree char *two = in_home (f, "two.xml");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  const char *text;

  cli_run (f, "export", "--reference", "APT-2013-003", "-r", "APT-2012-001", "-o", one, NULL);
  g_assert_cmpint (f->status, ==, 0);
  cli_run (f, "export", "-r", "APT-2012-001", "-r", "APT-2013-003", "-o", two, NULL);
  g_assert_cmpint (f->status, ==, 0);
  assert_schema_valid (one);

  a = read_bytes (one);
  b = read_bytes (two);
  /* The same selection in another order: the same bytes, by reference. */
  g_assert_true (g_bytes_equal (a, b));
  text = g_bytes_get_data (a, NULL);
  g_assert_cmpuint (count (text, "<dossier>"), ==, 2);
  g_assert_true (strstr (text, "APT-2012-001") < strstr (text, "APT-2013-003"));
  g_assert_null (strstr (text, "APT-2013-001"));

  cli_run (f, "export", "-r", "APT-1999-999", "-o", one, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "Aucun dossier n’a la référence «\u00a0APT-1999-999\u00a0»."));
  /* The file of the run before is still there, whole. */
  {
    g_autoptr(GBytes) again = read_bytes (one);
    g_assert_true (g_bytes_equal (a, again));
  }

  cli_run (f, "export", NULL);
  g_assert_cmpint (f->status, ==, 2);
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-partner.xml", NULL);
  g_autofree char *refused = g_test_build_filename (G_TEST_DIST, "data", "xml", "refused",
                                                    "invalid-siret.xml", NULL);
  g_autofree char *expected = g_strconcat (valid, "\u00a0: fichier valide, 2 dossiers.\n", NULL);

  assert_schema_valid (valid);
  cli_run (f, "validate", valid, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==, expected);
  g_assert_cmpstr (f->stderr_text, ==, "");

  cli_run (f, "validate", refused, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_nonnull (strstr (f->stderr_text, "fichier refusé, 1 problème\u00a0; rien n’a été importé."));

  cli_run (f, "validate", NULL);
  g_assert_cmpint (f->status, ==, 2);

  /* The room left for the scenarios takes elements of another namespace,
   * which a version 1 reader skips. */
  {
    g_autofree char *scenarios = g_test_build_filename (G_TEST_DIST, "data", "xml", "with-scenarios.xml", NULL);

    assert_schema_valid (scenarios);
    cli_run (f, "validate", scenarios, NULL);
    g_assert_cmpint (f->status, ==, 0);
    g_assert_nonnull (strstr (f->stdout_text, "fichier valide, 1 dossier.\n1 scénario lu.\n"));
  }

  /* validate writes nothing, not even the default database. */
  {
    g_autofree char *db = g_build_filename (f->home, "ess-instruction", "instruction-ess.db", NULL);
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
}

/* The complete example of docs/xml-format.md: a version 1 file kept in
 * the repository, valid, imported with nothing lost. */
static void
test_complete_example (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "xml", "exemple-complet.xml", NULL);
  g_autofree char *doc = g_test_build_filename (G_TEST_DIST, "..", "docs", "xml-format.md", NULL);
  g_autofree char *out = in_home (f, "out.xml");
  g_autoptr(GBytes) example_bytes = read_bytes (example);
  g_autoptr(GBytes) doc_bytes = read_bytes (doc);
  g_autoptr(GBytes) out_bytes = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *without_scenarios = NULL;
  g_autofree char *scenarios_example = g_test_build_filename (G_TEST_DIST, "data", "xml", "with-scenarios.xml", NULL);
  g_autoptr(GBytes) scenarios_bytes = read_bytes (scenarios_example);
  const char *scenarios_text = g_bytes_get_data (scenarios_bytes, NULL);
  const char *exported;
  const char *block;

  /* The documentation shows the file as it is. */
  g_assert_nonnull (strstr (g_bytes_get_data (doc_bytes, NULL), g_bytes_get_data (example_bytes, NULL)));
  assert_schema_valid (example);

  cli_run (f, "--database", f->db, "import", example, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==,
                   "Nouveau\u00a0: APT-2013-003 — Soutien à l'association Travail et Culture pour l'initiative "
                   "« Ciné cité social »\n1 dossier importé sur 1.\n");

  cli_run (f, "--database", f->db, "export", "--full", "-o", out, NULL);
  g_assert_cmpint (f->status, ==, 0);
  /* The same file up to the room left for the scenarios, which the full
   * archive fills with the scenarios of the database: the three of seed 002. */
  parts = g_strsplit (g_bytes_get_data (example_bytes, NULL), "  <scenarios/>\n", 2);
  without_scenarios = g_strjoinv ("", parts);
  out_bytes = read_bytes (out);
  exported = g_bytes_get_data (out_bytes, NULL);
  block = strstr (exported, "  <scenarios>\n");
  g_assert_nonnull (block);
  g_assert_cmpint (strncmp (exported, without_scenarios, (gsize) (block - exported)), ==, 0);
  g_assert_cmpstr (block + strlen (block) - strlen ("  </scenarios>\n</dossiers>\n"), ==,
                   "  </scenarios>\n</dossiers>\n");
  g_assert_cmpuint (count (block, "<scenario xmlns=\"urn:io.github.essinstruction:scenarios:1\">"), ==, 3);
  g_assert_nonnull (strstr (block, "<name>Poursuite d’un APT amendé et renforcé</name>"));

  /* The example of scenarios in the documentation is the test file's. */
  {
    const char *start = strstr (scenarios_text, "  <scenarios>\n");
    const char *end = strstr (scenarios_text, "  </scenarios>\n");
    g_autofree char *example_block = NULL;

    g_assert_nonnull (start);
    g_assert_nonnull (end);
    example_block = g_strndup (start, (gsize) (end - start));
    g_assert_nonnull (strstr (g_bytes_get_data (doc_bytes, NULL), example_block));
  }
}

/* The SCDL open data: every rule checked, nothing written when one breaks. */
static void
test_scdl (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "data", "xml", "exemple-complet.xml", NULL);
  g_autofree char *csv = in_home (f, "subventions.csv");
  g_autofree char *undated = in_home (f, "sans-dates.db");
  g_autoptr(GBytes) bytes = NULL;

  /* The demo data: the four APT grants of 2012-2013 as open data, with
   * the agreement date, else the decision date (Hem's, not yet under
   * agreement), and each applicant's SIRET and RNA. */
  cli_run (f, "export-scdl", "-o", csv, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  bytes = read_bytes (csv);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==,
                   "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
                   "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,"
                   "notificationUE,pourcentageSubvention,dispositifAide\n"
                   "Métropole Européenne de Lille,20009320100016,2012-09-14,,Ville de Lille,21590350100017,,"
                   "Transfert de savoir-faire à d'autres communes,146000.00,aide en numéraire,unique,,,non,,"
                   "Appel à projets aux territoires\n"
                   "Métropole Européenne de Lille,20009320100016,2013-04-10,,Ville de Tressin,21590602500014,,"
                   "Développer un tissu d'agriculture durable au sein du Val de Marque,5933.00,aide en numéraire,"
                   "unique,,,non,,Appel à projets aux territoires\n"
                   "Métropole Européenne de Lille,20009320100016,2013-03-29,,Ville de Hem,21590299000013,,"
                   "Mettre en place un volet économie sociale et solidaire dans le parcours solidaire de l'initiative,"
                   "15000.00,aide en numéraire,unique,,,non,,Appel à projets aux territoires\n"
                   "Métropole Européenne de Lille,20009320100016,2013-04-10,,Travail et Culture,77550123200018,"
                   "W595012345,Soutien à l'association Travail et Culture pour l'initiative « Ciné cité social »,"
                   "4730.00,aide en numéraire,unique,,,non,,Appel à projets aux territoires\n");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A grant without agreement nor decision date breaks a rule: nothing is written. */
  cli_run (f, "--database", undated, "import", example, NULL);
  g_assert_cmpint (f->status, ==, 0);
  {
    sqlite3 *db;
    g_assert_cmpint (sqlite3_open (undated, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE dossiers SET agreement_on = NULL, decided_on = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_remove (csv);
  cli_run (f, "--database", undated, "export-scdl", "-o", csv, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "1 règle du format SCDL n’est pas respectée\u00a0: rien n’a été écrit."));
  g_assert_nonnull (strstr (f->stderr_text, "dateConvention manque"));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  /* The complete example: agreement 10 April 2013, two payments, a plan
   * of 6 000,00 € of which 4 730,00 € granted (78,8 %). */
  cli_run (f, "--database", f->db, "import", example, NULL);
  g_assert_cmpint (f->status, ==, 0);
  cli_run (f, "--database", f->db, "export-scdl", "-o", csv, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  bytes = read_bytes (csv);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==,
                   "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
                   "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,"
                   "notificationUE,pourcentageSubvention,dispositifAide\n"
                   "Métropole Européenne de Lille,20009320100016,2013-04-10,,Travail et Culture,77550123200018,"
                   "W595012345,Soutien à l'association Travail et Culture pour l'initiative « Ciné cité social »,"
                   "4730.00,aide en numéraire,échelonné,2013-04-22/2014-02-15,,non,0.79,"
                   "Appel à projets aux territoires\n");
  g_clear_pointer (&bytes, g_bytes_unref);

  cli_run (f, "--database", f->db, "export-scdl", "--year", "2012", "-o", csv, NULL);
  g_assert_cmpint (f->status, ==, 0);
  bytes = read_bytes (csv);
  g_assert_cmpuint (count (g_bytes_get_data (bytes, NULL), "\n"), ==, 1);

  cli_run (f, "--database", f->db, "export-scdl", "--year", "1800", "-o", csv, NULL);
  g_assert_cmpint (f->status, ==, 2);
}

typedef struct
{
  const char *file;       /* in tests/data/xml/refused/, or generated */
  const char *where;      /* ":LINE: <element>\u00a0: " or ":LINE: " */
  const char *message;    /* the French message, or the part of it that says what */
} Refused;

static const Refused refused[] = {
  { "malformed.xml", ":5: <title>\u00a0: ",
    "la balise de fin ne correspond pas à la balise d’ouverture\u00a0: le XML est mal formé" },
  { "truncated.xml", ":19: <start>\u00a0: ", "le fichier s’arrête avant la fermeture de cet élément\u00a0: il est tronqué" },
  { "wrong-namespace.xml", ":2: <dossiers>\u00a0: ",
    "espace de noms «\u00a0urn:example:other\u00a0» inconnu\u00a0: attendu «\u00a0urn:io.github.essinstruction:dossiers:1\u00a0»" },
  { "unknown-version.xml", ":2: <dossiers>\u00a0: ",
    "la version 2 du format est plus récente que ce programme, qui lit les versions 1 à 1" },
  { "not-utf8.xml", ":9: ", "l’octet 0xE9 à la position 320 n’est pas de l’UTF-8\u00a0: le fichier doit être encodé en UTF-8" },
  { "xxe-file.xml", ":2: ",
    "le fichier déclare un type de document (DOCTYPE)\u00a0: refusé, le format n’utilise ni DTD ni entité" },
  { "xxe-network.xml", ":2: ",
    "le fichier déclare un type de document (DOCTYPE)\u00a0: refusé, le format n’utilise ni DTD ni entité" },
  { "external-dtd.xml", ":2: ",
    "le fichier déclare un type de document (DOCTYPE) avec une DTD externe\u00a0: refusé" },
  { "billion-laughs.xml", ":2: ",
    "le fichier déclare un type de document (DOCTYPE)\u00a0: refusé, le format n’utilise ni DTD ni entité" },
  { "undeclared-entity.xml", ":5: ", "l’entité «\u00a0&nbsp;\u00a0» n’est pas définie" },
  { "deep.xml", ":3: <d>\u00a0: ", "éléments imbriqués sur plus de 32 niveaux\u00a0: refusé" },
  { "negative-amount.xml", ":23: <requested>\u00a0: ",
    "la valeur «\u00a0-25000.00\u00a0» n’est pas valide\u00a0: attendu un montant en euros avec un point et deux décimales" },
  { "amount-20-digits.xml", ":23: <requested>\u00a0: ",
    "la valeur «\u00a012345678901234567890.00\u00a0» n’est pas valide\u00a0: attendu un montant en euros" },
  { "amount-3-decimals.xml", ":23: <requested>\u00a0: ",
    "la valeur «\u00a025000.125\u00a0» n’est pas valide\u00a0: attendu un montant en euros avec un point et deux décimales" },
  { "missing-title.xml", ":6: <scheme>\u00a0: ", "cet élément n’est pas attendu ici\u00a0: attendu <title>" },
  { "unknown-commune.xml", ":16: <commune>\u00a0: ",
    "la commune «\u00a075056\u00a0» n’est pas une commune de la base\u00a0: attendu le code INSEE d’une commune de la métropole" },
  { "duplicate-reference.xml", ":27: <reference>\u00a0: ",
    "la référence «\u00a0APP-2024-101\u00a0» est déjà celle du dossier de la ligne 3" },
  { "invalid-siret.xml", ":11: <siret>\u00a0: ", "Le SIRET «\u00a020009320100017\u00a0» n’est pas valide\u00a0: sa clé de contrôle (clé de Luhn) est fausse" },
  { "end-before-start.xml", ":20: <end>\u00a0: ",
    "La date de fin 28/02/2024 est antérieure à la date de début 01/03/2025" },
  /* The scenarios of a full archive, checked as strictly as the dossiers. */
  { "scenario-bad-kind.xml", ":141: <kind>\u00a0: ",
    "la valeur «\u00a0arret\u00a0» n’est pas valide\u00a0: attendu l’un de continue, reorient, stop, free" },
  { "scenario-horizon-reversed.xml", ":142: <horizon>\u00a0: ",
    "l’horizon 2016–2015 finit avant de commencer\u00a0: attendu une première année au plus égale à la dernière" },
  { "scenario-amount-comma.xml", ":155: <amount @metropole>\u00a0: ",
    "la valeur «\u00a010000,00\u00a0» n’est pas valide\u00a0: attendu un montant en euros avec un point et deux "
    "décimales" },
  { "scenario-unknown-dossier.xml", ":176: <override>\u00a0: ",
    "le dossier «\u00a0APT-2099-001\u00a0» n’est ni dans le fichier ni dans la base" },
  { "huge-text", ":5: <title>\u00a0: ", "un texte de plus de 262144 octets\u00a0: refusé" },
  { "oversize", ": ", "le fichier fait plus de 134217728 octets\u00a0: refusé" },
};

/* Files too large to keep in the repository are made from the valid one. */
static char *
make_file (Fixture    *f,
           const char *kind)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-partner.xml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  char *path = in_home (f, kind);

  g_file_get_contents (valid, &text, NULL, &error);
  g_assert_no_error (error);

  if (g_str_equal (kind, "huge-text"))
    {
      g_autofree char *long_title = g_strnfill (300 * 1024, 'a');
      g_auto(GStrv) parts = g_strsplit (text, "Recyclerie solidaire de Roubaix", 2);
      g_autofree char *huge = g_strconcat (parts[0], long_title, parts[1], NULL);

      g_file_set_contents (path, huge, -1, &error);
    }
  else
    {
      /* A valid start, then a comment that goes past the limit. */
      gsize size = 128 * 1024 * 1024 + 1;   /* ESS_EXCHANGE_MAX_FILE_SIZE + 1 */
      g_autofree char *big = g_malloc (size);
      gsize head = strlen ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--");

      memcpy (big, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--", head);
      memset (big + head, ' ', size - head);
      g_file_set_contents (path, big, (gssize) size, &error);
    }
  g_assert_no_error (error);

  return path;
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  const Refused *r = data;
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-partner.xml", NULL);
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  if (g_str_has_suffix (r->file, ".xml"))
    path = g_test_build_filename (G_TEST_DIST, "data", "xml", "refused", r->file, NULL);
  else
    path = make_file (f, r->file);

  /* A database with dossiers in it. */
  cli_run (f, "--database", f->db, "import", valid, NULL);
  g_assert_cmpint (f->status, ==, 0);
  before = database_bytes (f);

  cli_run (f, "--database", f->db, "import", path, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_nonnull (strstr (f->stderr_text, "fichier refusé"));
  g_assert_nonnull (strstr (f->stderr_text, "rien n’a été importé"));
  where = g_strconcat (path, r->where, r->message, NULL);
  if (strstr (f->stderr_text, where) == NULL)
    g_error ("expected “%s” in:\n%s", where, f->stderr_text);

  after = database_bytes (f);
  g_assert_true (g_bytes_equal (before, after));

  /* validate says the same, and also refuses; but without a database it
   * cannot know which dossiers a scenario may treat besides the file's. */
  cli_run (f, "validate", path, NULL);
  if (g_str_equal (r->file, "scenario-unknown-dossier.xml"))
    {
      g_assert_cmpint (f->status, ==, 0);
      return;
    }
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, r->message));
}

/* A known reference: refused without a choice, compared field by field,
 * then skipped, updated or imported under a new reference. */
static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-partner.xml", NULL);
  g_autofree char *changed = in_home (f, "changed.xml");
  g_autofree char *out = in_home (f, "out.xml");
  g_autofree char *text = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  cli_run (f, "--database", f->db, "import", valid, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "Nouveau\u00a0: APP-2024-101 — Recyclerie solidaire de Roubaix\n"));

  /* The same file with another title for the first dossier. */
  g_file_get_contents (valid, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, "<title>Recyclerie solidaire de Roubaix</title>", 2);
  g_free (text);
  text = g_strconcat (parts[0], "<title>Recyclerie solidaire de Roubaix-Nord</title>", parts[1], NULL);
  g_file_set_contents (changed, text, -1, &error);
  g_assert_no_error (error);

  before = database_bytes (f);
  cli_run (f, "--database", f->db, "import", changed, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stdout_text, "Connu, différent\u00a0: APP-2024-101"));
  g_assert_nonnull (strstr (f->stdout_text,
                            "    Titre\u00a0: «\u00a0Recyclerie solidaire de Roubaix\u00a0» → «\u00a0Recyclerie solidaire de Roubaix-Nord\u00a0»\n"));
  g_assert_nonnull (strstr (f->stdout_text, "Connu, identique\u00a0: APP-2024-102"));
  g_assert_nonnull (strstr (f->stderr_text, "choisissez --on-conflict=skip, update ou new. Rien n’a été importé."));
  assert_database_is (f, before);

  cli_run (f, "--database", f->db, "import", "--dry-run", changed, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "Essai\u00a0: rien n’a été écrit."));
  assert_database_is (f, before);

  cli_run (f, "--database", f->db, "import", "--on-conflict=maybe", changed, NULL);
  g_assert_cmpint (f->status, ==, 2);

  cli_run (f, "--database", f->db, "import", "--on-conflict=skip", changed, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "0 dossier importé sur 2."));
  cli_run (f, "--database", f->db, "export", "-r", "APP-2024-101", "-o", out, NULL);
  g_assert_true (file_contains (out, "<title>Recyclerie solidaire de Roubaix</title>"));

  cli_run (f, "--database", f->db, "import", "--on-conflict=update", changed, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "2 dossiers importés sur 2."));
  cli_run (f, "--database", f->db, "export", "-r", "APP-2024-101", "-o", out, NULL);
  g_assert_true (file_contains (out, "<title>Recyclerie solidaire de Roubaix-Nord</title>"));

  cli_run (f, "--database", f->db, "import", "--on-conflict=new", valid, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "APP-2024-101 importé sous la référence APP-2024-103.\n"));
  g_assert_nonnull (strstr (f->stdout_text, "APP-2024-102 importé sous la référence APP-2024-104.\n"));
  cli_run (f, "--database", f->db, "list", "--format=csv", NULL);
  g_assert_cmpuint (count (f->stdout_text, "APP-2024-"), ==, 4);
}

/* The scenarios of a full archive through the command line: imported
 * with their dossier, a changed one refused without a choice, then
 * skipped or updated like a dossier. */
static void
test_scenarios (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", "xml", "with-scenarios.xml", NULL);
  g_autofree char *changed = in_home (f, "changed.xml");
  g_autofree char *out = in_home (f, "out.xml");
  g_autofree char *text = NULL;
  g_autoptr(GBytes) before = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  cli_run (f, "--database", f->db, "import", file, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  g_assert_nonnull (strstr (f->stdout_text, "Nouveau scénario\u00a0: Arrêt de l’APT en 2016\n"));
  g_assert_nonnull (strstr (f->stdout_text, "1 dossier importé sur 1.\n1 scénario importé sur 1.\n"));

  cli_run (f, "--database", f->db, "export", "--full", "-o", out, NULL);
  g_assert_cmpint (f->status, ==, 0);
  assert_schema_valid (out);
  /* The seed scenarios, then the imported one, its treatment by reference. */
  {
    g_autofree char *exported = read_bytes_text (out);
    g_assert_cmpuint (count (exported, "<scenario xmlns="), ==, 4);
  }
  g_assert_true (file_contains (out, "      <portfolio default=\"end\">\n"
                                     "        <override dossier=\"APT-2013-003\" treatment=\"transfer\"/>\n"
                                     "      </portfolio>\n"));
  g_assert_true (file_contains (out, "<amount year=\"2015\" metropole=\"10000.00\" cofunders=\"2500.50\"/>"));
  g_assert_true (file_contains (out, "<value year=\"2016\">0.25</value>"));
  cli_run (f, "--database", f->db, "export", "-o", out, NULL);
  g_assert_false (file_contains (out, "scenario"));

  /* Another envelope for the network in 2016. */
  g_file_get_contents (file, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, "metropole=\"5000.00\"", 2);
  g_free (text);
  text = g_strjoinv ("metropole=\"7500.00\"", parts);
  g_file_set_contents (changed, text, -1, &error);
  g_assert_no_error (error);

  before = database_bytes (f);
  cli_run (f, "--database", f->db, "import", changed, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stdout_text, "Scénario connu, différent\u00a0: Arrêt de l’APT en 2016\n"));
  g_assert_nonnull (strstr (f->stderr_text, "1 scénario du fichier porte le nom d’un scénario différent de la base"));
  assert_database_is (f, before);

  cli_run (f, "--database", f->db, "import", "--on-conflict=skip", changed, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "0 scénario importé sur 1.\n"));
  cli_run (f, "--database", f->db, "export", "--full", "-o", out, NULL);
  g_assert_true (file_contains (out, "<amount year=\"2016\" metropole=\"5000.00\" cofunders=\"0.00\"/>"));

  cli_run (f, "--database", f->db, "import", "--on-conflict=update", changed, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "1 scénario importé sur 1.\n"));
  cli_run (f, "--database", f->db, "export", "--full", "-o", out, NULL);
  g_assert_true (file_contains (out, "<amount year=\"2016\" metropole=\"7500.00\" cofunders=\"0.00\"/>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange-cli/round-trip-demo", Fixture, NULL, fixture_setup, test_round_trip_demo, fixture_teardown);
  g_test_add ("/exchange-cli/export-selection", Fixture, NULL, fixture_setup, test_export_selection,
              fixture_teardown);
  g_test_add ("/exchange-cli/validate", Fixture, NULL, fixture_setup, test_validate, fixture_teardown);
  g_test_add ("/exchange-cli/complete-example", Fixture, NULL, fixture_setup, test_complete_example,
              fixture_teardown);
  g_test_add ("/exchange-cli/scdl", Fixture, NULL, fixture_setup, test_scdl, fixture_teardown);
  g_test_add ("/exchange-cli/conflicts", Fixture, NULL, fixture_setup, test_conflicts, fixture_teardown);
  g_test_add ("/exchange-cli/scenarios", Fixture, NULL, fixture_setup, test_scenarios, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = g_strdup_printf ("/exchange-cli/refused/%s", refused[i].file);

      g_test_add (name, Fixture, &refused[i], fixture_setup, test_refused, fixture_teardown);
    }

  return g_test_run ();
}
