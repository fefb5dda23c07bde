/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the `summary` and `committee` commands, run as a user would: the real binary, no display. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

typedef CliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (f, "ess-cli-report-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (f);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static int
n_pages (const char *text)
{
  int n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\f';
  return n;
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->home, "fiches.pdf", NULL);
  g_autofree char *text = NULL;

  cli_run (f, "summary", "APT-2012-001", "APT-2013-003", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  text = pdf_text (pdf);
  /* Two fiches in the order asked, the second on a page of its own. */
  g_assert_nonnull (strstr (text, "Ville de Lille"));
  g_assert_nonnull (strstr (text, "« Ciné cité social »"));
  g_assert_true (strstr (text, "Ville de Lille") < strstr (text, "Travail et Culture"));
  g_assert_cmpint (n_pages (text), ==, 3);
}

static void
test_committee (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->home, "comite.pdf", NULL);
  g_autofree char *text = NULL;

  cli_run (f, "committee", "--reference", "APT-2012-001", "APT-2013-001", "APT-2013-002", "APT-2013-003",
       "--title", "Comité de pilotage de l'APT", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Comité de pilotage de l'APT"));
  /* pdftotext writes the narrow and no-break spaces of the amounts as spaces.
   * The four projects of annexe 1: 171 663,00 € in all (seed 002). */
  g_assert_nonnull (strstr (text, "171 663,00 \xe2\x82\xac"));
  /* 2012: 110 000 € envelope, 146 000 € proposed: 36 000 € over. */
  g_assert_nonnull (strstr (text, "-36 000,00 \xe2\x82\xac"));
  /* 2013: 110 000 - (5 933 + 15 000 + 4 730) = 84 337 € remain. */
  g_assert_nonnull (strstr (text, "84 337,00 \xe2\x82\xac"));
  /* The cover, the two pages of the Lille fiche, one page for each other fiche. */
  g_assert_cmpint (n_pages (text), ==, 6);
}

static void
test_committee_session (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->home, "seance.pdf", NULL);
  g_autofree char *text = NULL;

  /* No demo dossier has a committee date yet: a clear refusal. */
  cli_run (f, "committee", "--session", "05/03/2013", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "5 mars 2013"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  cli_run (f, "committee", "--session", "le 5 mars", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "le 5 mars"));
  (void) text;
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->home, "fiche.pdf", NULL);
  g_autofree char *locked = g_build_filename (f->home, "verrou", NULL);
  g_autofree char *locked_pdf = g_build_filename (locked, "fiche.pdf", NULL);

  /* An unknown reference: exit 1, named, nothing written. */
  cli_run (f, "summary", "APT-2012-001", "APT-1999-999", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "APT-1999-999"));
  g_assert_nonnull (strstr (f->stderr_text, "Aucun dossier"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  cli_run (f, "committee", "--reference", "NOPE", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "NOPE"));

  /* A folder that cannot be written: exit 1 and a French message naming the file. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  cli_run (f, "summary", "APT-2012-001", "-o", locked_pdf, NULL);
  if (access (locked, W_OK) == 0)
    g_assert_cmpint (f->status, ==, 0);   /* root writes anywhere: the refusal cannot be seen */
  else
    {
      g_assert_cmpint (f->status, ==, 1);
      g_assert_nonnull (strstr (f->stderr_text, locked_pdf));
      g_assert_nonnull (strstr (f->stderr_text, "Impossible d’écrire le fichier PDF"));
    }
  /* A missing folder fails for everybody. */
  cli_run (f, "summary", "APT-2012-001", "-o", "/nonexistent/dossier/fiche.pdf", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "Impossible d’écrire le fichier PDF"));

  /* Usage errors: exit 2. */
  cli_run (f, "summary", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "summary", "APT-2012-001", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "-o"));
  cli_run (f, "committee", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "committee", "--session", "2013-03-05", "--reference", "APT-2012-001", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
}

/* The yearly report of the dashboard: the APT of 2012-2013 on paper,
 * figures computed by hand (seed 002, annexe 1; data/communes.csv). */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->home, "bilan.pdf", NULL);
  g_autofree char *text = NULL;

  cli_run (f, "report", "--year", "2012", "--to", "2013", "--scheme", "APT", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Bilan 2012–2013"));
  g_assert_nonnull (strstr (text, "Appel à projets aux territoires"));
  /* 146 000 + 5 933 + 15 000 + 4 730 of 2 x 110 000 €. */
  g_assert_nonnull (strstr (text, "171 663,00 € accordés sur 220 000,00 € d’enveloppes (78,0 % consommés)"));
  /* The question of the officials: 2 540,38 € (1,5 %) to the 50 communes
   * under 5 000 inhabitants, 105 462 of 1 195 234 inhabitants (8,8 %). */
  g_assert_nonnull (strstr (text, "Les 50 communes de moins de 5 000 habitants reçoivent 1,5 % des montants pour 8,8 % de la population."));
  g_assert_nonnull (strstr (text, "2 540,38 €"));
  /* One commune received 85 % of the grants. */
  g_assert_nonnull (strstr (text, "Le premier bénéficiaire, Ville de Lille, reçoit 85,1 % des montants"));
  /* The map's figures: Lillois, 148 461,18 € for 238 246 inhabitants. */
  g_assert_nonnull (strstr (text, "0,62 €/hab."));
  g_assert_cmpint (n_pages (text), >=, 2);

  /* A year without dossiers still makes a report, with zeros. */
  cli_run (f, "report", "--year", "2020", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Bilan 2020"));
  g_assert_nonnull (strstr (text, "0 dossier, 0,00 € accordés"));
}

static void
test_report_hostile (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->home, "bilan.pdf", NULL);
  g_autofree char *locked = g_build_filename (f->home, "absent", "bilan.pdf", NULL);

  cli_run (f, "report", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "--year AAAA"));
  cli_run (f, "report", "--year", "13", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "«\u00a013\u00a0»"));
  cli_run (f, "report", "--year", "2013", "--to", "2012", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "--to attend une année de 2013 à 2200, et non «\u00a02012\u00a0»"));
  cli_run (f, "report", "--year", "2013", NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "report", "--year", "2013", "--scheme", "XYZ", "-o", pdf, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "Aucun dispositif n’a le code «\u00a0XYZ\u00a0»."));
  cli_run (f, "report", "--year", "2013", "-o", locked, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, locked));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/summary", Fixture, NULL, fixture_setup, test_summary, fixture_teardown);
  g_test_add ("/cli/committee", Fixture, NULL, fixture_setup, test_committee, fixture_teardown);
  g_test_add ("/cli/committee-session", Fixture, NULL, fixture_setup, test_committee_session, fixture_teardown);
  g_test_add ("/cli/summary-hostile", Fixture, NULL, fixture_setup, test_hostile, fixture_teardown);
  g_test_add ("/cli/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/cli/report-hostile", Fixture, NULL, fixture_setup, test_report_hostile, fixture_teardown);

  return g_test_run ();
}
