/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of `scenarios list|compare`, run as a user would: the real binary, no display. */

#include "config.h"

#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

typedef CliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (f, "ess-cli-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (f);
}

static void
test_compare_csv (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "s.db", NULL);
  g_auto(GStrv) lines = NULL;

  cli_run (f, "--database", db, "scenarios", "compare", "--format=csv", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  lines = g_strsplit (f->stdout_text, "\n", -1);

  /* One row per indicator (23) and per territory (8), the heading, the
   * empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 33);
  g_assert_cmpstr (lines[0], ==, "indicator,label,Poursuite d’un APT amendé et renforcé,"
                                 "Réorientation vers l’appel à projets permanent,Arrêt de l’APT");
  /* By hand from data/scenarios.ini (see tests/core/test-scenario.c):
   * Métropole 976 000, 822 000, 744 000; co-funders 330 000, 240 000,
   * 180 000; total 1 306 000, 1 062 000, 924 000. Decimal point, no
   * thousands separator, French labels. */
  g_assert_cmpstr (lines[1], ==, "total-cost,Coût total,1306000.00,1062000.00,924000.00");
  g_assert_cmpstr (lines[2], ==, "metropole-cost,Coût pour la Métropole,976000.00,822000.00,744000.00");
  g_assert_cmpstr (lines[3], ==, "cofunders,Cofinanceurs,330000.00,240000.00,180000.00");
  /* Projects over 6 years: 36, 24, 18. Staff load: 448 / 600, 360 / 600,
   * 348 / 600 days = 74.67 %, 60.00 %, 58.00 %. */
  g_assert_cmpstr (lines[6], ==, "projects,Projets soutenus,36,24,18");
  g_assert_cmpstr (lines[11], ==, "staff-load,Charge de l’équipe,74.67,60.00,58.00");
  /* A new database has no dossier: nothing carried. */
  g_assert_cmpstr (lines[22], ==, "portfolio-commitments,Dossiers APT en cours reportés,0.00,0.00,0.00");
  /* Territory 5 (Est): 2 projects for 30 000 a year in poursuite, 1 for
   * 20 000 in réorientation, none in arrêt, over 6 years. */
  g_assert_cmpstr (lines[28], ==, "territory-5,\"Montant prévu, Est\",180000.00,120000.00,0.00");
}

static void
test_compare_demo_portfolio (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->home, "comparaison.csv", NULL);
  g_autofree char *contents = NULL;

  /* The default database holds the demo dossiers: APT-2013-002 (15 000)
   * and APT-2013-003 (4 730) are ongoing. Their balances, 19 730, are
   * carried into 2015; "poursuite" renews both from 2015 (ended in 2013):
   * 19 730 + 6 x 19 730 = 138 110; arrêt only 19 730. One year, 2015:
   * 19 730 + 19 730 = 39 460. */
  cli_run (f, "scenarios", "compare", "--format=csv", "-o", out, "Poursuite d’un APT amendé et renforcé",
       "Arrêt de l’APT", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\nportfolio-commitments,Dossiers APT en cours reportés,138110.00,19730.00\n"));

  cli_run (f, "scenarios", "compare", "--format=csv", "--year=2015", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "\nportfolio-commitments,Dossiers APT en cours reportés,39460.00,39460.00,19730.00\n"));
  g_assert_nonnull (strstr (f->stdout_text, "\nmetropole-cost,Coût pour la Métropole,174000.00,137000.00,124000.00\n"));
}

static void
test_compare_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "s.db", NULL);

  cli_run (f, "--database", db, "scenarios", "compare", "--reference", "Arrêt de l’APT", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "référence\u00a0: Arrêt de l’APT"));
  /* 1 306 000 - 924 000 = 382 000, 41,3 % of 924 000. */
  g_assert_nonnull (strstr (f->stdout_text, "+382\u202f000,00\u00a0€ (+41,3\u00a0%)"));

  cli_run (f, "--database", db, "scenarios", "list", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "Arrêt de l’APT  2015–2020"));
  g_assert_nonnull (strstr (f->stdout_text, "976\u202f000,00\u00a0€"));
}

static void
test_compare_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "s.db", NULL);
  g_autofree char *pdf = g_build_filename (f->home, "comparaison.pdf", NULL);
  g_autofree char *contents = NULL;

  cli_run (f, "--database", db, "scenarios", "compare", "--format=pdf", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* A PDF is not written to a terminal. */
  cli_run (f, "--database", db, "scenarios", "compare", "--format=pdf", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "-o"));
}

static void
test_compare_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "s.db", NULL);

  cli_run (f, "--database", db, "scenarios", NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "--database", db, "scenarios", "explain", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "explain"));
  cli_run (f, "--database", db, "scenarios", "compare", "--format=xml", NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "--database", db, "scenarios", "compare", "--year=12", NULL);
  g_assert_cmpint (f->status, ==, 2);

  cli_run (f, "--database", db, "scenarios", "compare", "Statu quo", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "Statu quo"));
  g_assert_cmpstr (f->stdout_text, ==, "");
  cli_run (f, "--database", db, "scenarios", "compare", "--reference=Statu quo", NULL);
  g_assert_cmpint (f->status, ==, 1);
  cli_run (f, "--database", db, "scenarios", "compare", "--year=2030", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "2030"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/scenarios/compare-csv", Fixture, NULL, fixture_setup, test_compare_csv, fixture_teardown);
  g_test_add ("/cli/scenarios/demo-portfolio", Fixture, NULL, fixture_setup, test_compare_demo_portfolio, fixture_teardown);
  g_test_add ("/cli/scenarios/compare-text", Fixture, NULL, fixture_setup, test_compare_text, fixture_teardown);
  g_test_add ("/cli/scenarios/compare-pdf", Fixture, NULL, fixture_setup, test_compare_pdf, fixture_teardown);
  g_test_add ("/cli/scenarios/refused", Fixture, NULL, fixture_setup, test_compare_refused, fixture_teardown);

  return g_test_run ();
}
