/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the check, export-plan and export-budget commands, run as a user would: the real binary. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cli-test-util.h"

#define S "\u202f"
#define E "\u00a0€"
#define NB "\u00a0"
#define BOM "\xef\xbb\xbf"

typedef CliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (f, "ess-cli-funding-XXXXXX");
  f->db = g_build_filename (f->home, "ess-instruction", "instruction-ess.db", NULL);
  /* The default database is made with the demo dossiers on first use. */
  cli_run (f, "list", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (f);
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The findings of the demo database, checked by hand (seed 002, annexes 1
 * and 2): the five printed totals of the Lille table against the sums
 * of its rows, the plan's Métropole total (59 827, one year) against the
 * 146 000 granted, the APT 2012 envelope (146 000 for 110 000) and the
 * APT 2013 envelope (5 933 + 15 000 + 4 730 = 25 663 for 110 000). */
#define LILLE_DECLARED \
  "APT-2012-001 [erreur] Colonne Lille Métropole" NB ": total déclaré 73" S "000,00" E \
  " ≠ somme des lignes 59" S "827,00" E " (écart 13" S "173,00" E ")\n" \
  "APT-2012-001 [erreur] Colonne Ville de Lille" NB ": total déclaré 96" S "891,00" E \
  " ≠ somme des lignes 80" S "718,00" E " (écart 16" S "173,00" E ")\n" \
  "APT-2012-001 [erreur] Colonne dont réalisation Ville de Lille" NB ": total déclaré 69" S "300,00" E \
  " ≠ somme des lignes 61" S "300,00" E " (écart 8" S "000,00" E ")\n" \
  "APT-2012-001 [erreur] Colonne dont réalisation opérateur externe" NB ": total déclaré 100" S "590,00" E \
  " ≠ somme des lignes 79" S "245,00" E " (écart 21" S "345,00" E ")\n" \
  "APT-2012-001 [erreur] Total général" NB ": total déclaré 169" S "891,00" E \
  " ≠ somme des lignes 140" S "545,00" E " (écart 29" S "346,00" E ")\n"
#define LILLE_FINDINGS \
  LILLE_DECLARED \
  "APT-2012-001 [avertissement] Colonne Lille Métropole" NB ": total Métropole du plan 59" S "827,00" E \
  " ≠ montant accordé 146" S "000,00" E " (écart 86" S "173,00" E ")\n" \
  "APT-2012-001 [erreur] Enveloppe APT 2012" NB ": accordé 146" S "000,00" E " > enveloppe 110" S "000,00" E \
  " (dépassement 36" S "000,00" E ", consommation 132,7" NB "%)\n"

#define ENVELOPE_2013(reference) \
  reference " [information] Enveloppe APT 2013" NB ": accordé 25" S "663,00" E \
  " sur une enveloppe de 110" S "000,00" E " (consommation 23,3" NB "%, reste 84" S "337,00" E ")\n"

static void
test_check_all (Fixture       *f,
                gconstpointer  data)
{
  cli_run (f, "--database", f->db, "check", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stderr_text, ==, "");
  g_assert_cmpstr (f->stdout_text, ==,
                   LILLE_FINDINGS
                   ENVELOPE_2013 ("APT-2013-001")
                   ENVELOPE_2013 ("APT-2013-002")
                   ENVELOPE_2013 ("APT-2013-003")
                   "4 dossiers vérifiés" NB ": 6 erreurs, 1 avertissement, 3 informations\n");
}

static void
test_check_references (Fixture       *f,
                       gconstpointer  data)
{
  /* Only information: exit 0. */
  cli_run (f, "--database", f->db, "check", "APT-2013-002", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==,
                   ENVELOPE_2013 ("APT-2013-002")
                   "1 dossier vérifié" NB ": 0 erreur, 0 avertissement, 1 information\n");

  /* In the order given. */
  cli_run (f, "--database", f->db, "check", "APT-2013-003", "APT-2012-001", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stdout_text, ==,
                   ENVELOPE_2013 ("APT-2013-003")
                   LILLE_FINDINGS
                   "2 dossiers vérifiés" NB ": 6 erreurs, 1 avertissement, 1 information\n");
}

static void
test_check_trash (Fixture       *f,
                  gconstpointer  data)
{
  /* A dossier in the trash is left out of "every dossier", but checked
   * when named. */
  sql_exec (f->db, "UPDATE dossiers SET deleted_at = '2026-01-05T10:00:00Z' WHERE reference = 'APT-2012-001'");
  cli_run (f, "--database", f->db, "check", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_null (strstr (f->stdout_text, "APT-2012-001"));
  g_assert_true (g_str_has_suffix (f->stdout_text,
                                   "3 dossiers vérifiés" NB ": 0 erreur, 0 avertissement, 3 informations\n"));

  /* (The trashed dossier no longer counts in its envelope.) */
  cli_run (f, "--database", f->db, "check", "APT-2012-001", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_true (g_str_has_prefix (f->stdout_text, LILLE_DECLARED));
}

static void
test_check_hostile (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->home, "vide.db", NULL);
  g_autofree char *notes = g_build_filename (f->home, "notes.db", NULL);
  g_autofree char *contents = NULL;

  /* An unknown reference: a usage error, and nothing checked at all. */
  cli_run (f, "--database", f->db, "check", "APT-2013-002", "APT-1999-999", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_cmpstr (f->stderr_text, ==, "ess-instruction: Aucun dossier n’a la référence «" NB "APT-1999-999" NB "».\n");

  /* An empty reference, an injection attempt: just unknown. */
  cli_run (f, "--database", f->db, "check", "' OR 1=1 --", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "' OR 1=1 --"));

  cli_run (f, "--database", f->db, "check", "--tout", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_nonnull (strstr (f->stderr_text, "--tout"));

  /* A new database: nothing to check. */
  cli_run (f, "--database", empty, "check", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==, "0 dossier vérifié" NB ": 0 erreur, 0 avertissement, 0 information\n");

  /* Not a database: refused, left as it was. */
  g_assert_true (g_file_set_contents (notes, "ceci n'est pas une base\n", -1, NULL));
  cli_run (f, "--database", notes, "check", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_nonnull (strstr (f->stderr_text, "notes.db"));
  g_assert_true (g_file_get_contents (notes, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ceci n'est pas une base\n");
}

/* The Lille plan as a spreadsheet reads it. */
#define PLAN_HEADER \
  BOM "Axe;N°;Action;Lille Métropole (2013);Ville de Lille (2013);dont réalisation Ville de Lille;" \
  "dont réalisation opérateur externe;Total;Total déclaré"

static void
test_export_plan (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->home, "plan lille.csv", NULL);
  g_autofree char *stdout_csv = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  cli_run (f, "--database", f->db, "export-plan", "APT-2012-001", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  lines = g_strsplit (f->stdout_text, "\n", -1);
  /* One header line, 12 actions, the computed totals, the printed ones. */
  g_assert_cmpuint (g_strv_length (lines), ==, 16);
  g_assert_cmpstr (lines[0], ==, PLAN_HEADER);
  g_assert_cmpstr (lines[1], ==,
                   "Animation Territoriale;1;Animer le réseau des acteurs de l'Economie Sociale et Solidaire;"
                   "10000,00;5000,00;10800,00;4200,00;15000,00;15000,00");
  g_assert_cmpstr (lines[7], ==,
                   "Recherche, développement, innovation;3;Centre des innovations socio-économiques;"
                   "0,00;8000,00;5000,00;3000,00;8000,00;8000,00");
  g_assert_cmpstr (lines[11], ==,
                   "Promotion et communication;2;\"Accompagner l'évènement \"\"Faites de l'ESS\"\"\";"
                   "3305,00;12695,00;6000,00;10000,00;16000,00;16000,00");
  g_assert_cmpstr (lines[13], ==, "Total;;;59827,00;80718,00;61300,00;79245,00;140545,00;169891,00");
  g_assert_cmpstr (lines[14], ==, "Total déclaré;;;73000,00;96891,00;69300,00;100590,00;;");
  g_assert_cmpstr (lines[15], ==, "");
  stdout_csv = g_strdup (f->stdout_text);

  /* -o: the same bytes in the file, nothing on stdout. */
  cli_run (f, "--database", f->db, "export-plan", "APT-2012-001", "-o", file, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, stdout_csv);
}

static void
test_export_plan_hostile (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *nowhere = g_build_filename (f->home, "absent", "plan.csv", NULL);

  /* A dossier without a plan. */
  cli_run (f, "--database", f->db, "export-plan", "APT-2013-002", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_cmpstr (f->stderr_text, ==,
                   "ess-instruction: Le dossier «" NB "APT-2013-002" NB "» n’a pas de plan de financement.\n");

  cli_run (f, "--database", f->db, "export-plan", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_cmpstr (f->stderr_text, ==, "ess-instruction: Il faut une référence de dossier.\n");

  cli_run (f, "--database", f->db, "export-plan", "APT-2012-001", "APT-2013-001", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "APT-2013-001"));

  cli_run (f, "--database", f->db, "export-plan", "APT-0000-000", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "APT-0000-000"));

  cli_run (f, "--database", f->db, "export-plan", "APT-2012-001", "-o", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_cmpstr (f->stdout_text, ==, "");

  /* A folder that does not exist: refused, naming the file. */
  cli_run (f, "--database", f->db, "export-plan", "APT-2012-001", "-o", nowhere, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, nowhere));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static void
test_export_budget (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->home, "budget.csv", NULL);
  g_autofree char *contents = NULL;

  /* No budget yet. */
  cli_run (f, "--database", f->db, "export-budget", "APT-2013-003", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->stderr_text, ==,
                   "ess-instruction: Le dossier «" NB "APT-2013-003" NB "» n’a pas de budget.\n");

  /* A budget of three lines written by hand: 60 Achats 1 000 spent 1 250
   * (+250, +25 %), line 74 and its Commune(s) sub-line 1 000. */
  sql_exec (f->db,
            "INSERT INTO budget_lines (dossier_id, position, code, label, side, funder_kind, depth, "
            "  forecast_cents, actual_cents) "
            "SELECT id, 0, '60', 'Achats', 'charge', NULL, 0, 100000, 125000 FROM dossiers "
            "  WHERE reference = 'APT-2013-003' UNION ALL "
            "SELECT id, 1, '74', 'Subventions d''exploitation', 'product', NULL, 0, 0, NULL FROM dossiers "
            "  WHERE reference = 'APT-2013-003' UNION ALL "
            "SELECT id, 2, '74', 'Commune(s)', 'product', 'commune', 1, 100000, NULL FROM dossiers "
            "  WHERE reference = 'APT-2013-003'");
  cli_run (f, "--database", f->db, "export-budget", "APT-2013-003", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==,
                   BOM "Compte;Libellé;Nature;Prévisionnel;Réalisé;Écart;Écart (%)\n"
                   "60;Achats;Charges;1000,00;1250,00;250,00;25,00\n"
                   "74;Subventions d'exploitation;Produits;1000,00;;;\n"
                   "74;Commune(s);Produits;1000,00;;;\n"
                   ";Total des charges;Charges;1000,00;1250,00;;\n"
                   ";Total des produits;Produits;1000,00;0,00;;\n");

  cli_run (f, "--database", f->db, "export-budget", "APT-2013-003", "--output", file, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, BOM "Compte;Libellé;"));

  /* The budget is balanced; the dossier's findings say nothing more. */
  cli_run (f, "--database", f->db, "check", "APT-2013-003", NULL);
  g_assert_cmpint (f->status, ==, 0);

  cli_run (f, "--database", f->db, "export-budget", NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "--database", f->db, "export-budget", "INCONNU", NULL);
  g_assert_cmpint (f->status, ==, 2);
}

static void
test_usage_lists_verbs (Fixture       *f,
                        gconstpointer  data)
{
  cli_run (f, "--help", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "  check "));
  g_assert_nonnull (strstr (f->stdout_text, "  export-plan "));
  g_assert_nonnull (strstr (f->stdout_text, "  export-budget "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-funding/check-all", test_check_all);
  ADD ("/cli-funding/check-references", test_check_references);
  ADD ("/cli-funding/check-trash", test_check_trash);
  ADD ("/cli-funding/check-hostile", test_check_hostile);
  ADD ("/cli-funding/export-plan", test_export_plan);
  ADD ("/cli-funding/export-plan-hostile", test_export_plan_hostile);
  ADD ("/cli-funding/export-budget", test_export_budget);
  ADD ("/cli-funding/usage", test_usage_lists_verbs);
#undef ADD

  return g_test_run ();
}
