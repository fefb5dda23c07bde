/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the printed documents: the PDF read back with poppler's tools, and the page layout's boxes. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ess-dossier.h"
#include "ess-report.h"
#include "ess-report-private.h"
#include "ess-store-dossiers.h"
#include "ess-assessment.h"
#include "ess-store-funding.h"
#include "ess-store-indicators.h"

/* The amounts are drawn with U+202F between groups and U+00A0 before the
 * euro sign (DOMAIN.md, ess_money_format()); pdftotext rebuilds every
 * space from the gaps between glyphs and writes them as plain spaces. */
#define NNBSP " "
#define NBSP " "
#define EURO NBSP "\xe2\x82\xac"

typedef struct
{
  char     *dir;
  EssStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ess-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "instruction.db", NULL);
  f->store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Runs a poppler tool and returns what it prints. */
static char *
run_tool (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
page_text (const char *pdf,
           int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);

  return run_tool ("pdftotext", "-f", number, "-l", number, pdf, "-", NULL);
}

static int
count_pages (const char *pdf)
{
  g_autofree char *text = run_tool ("pdftotext", pdf, "-", NULL);
  int pages = 0;

  /* pdftotext ends every page with a form feed. */
  for (const char *p = text; *p; p++)
    pages += *p == '\f';
  return pages;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Every font of the PDF is embedded: pdffonts' "emb" column says yes. */
static void
assert_fonts_embedded (const char *pdf)
{
  g_autofree char *fonts = run_tool ("pdffonts", pdf, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      if (lines[i][0] == '\0')
        continue;
      words = g_strsplit_set (lines[i], " ", -1);
      /* name type... encoding emb sub uni object ID: emb is the 5th field from the end. */
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_ptr_array_add (fields, words[w]);
      g_assert_cmpuint (fields->len, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (fields, fields->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* Nothing of any page is drawn outside the margins. */
static void
assert_inside_margins_of (EssReport *report,
                          double     width,
                          double     height)
{
  int n_pages = ess_report_get_n_pages (report, width, height);
  guint n_boxes = 0;

  for (int page = 0; page < n_pages; page++)
    {
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

      ess_report_get_page_boxes (report, page, width, height, boxes);
      g_assert_cmpuint (boxes->len, >, 0);
      for (guint i = 0; i < boxes->len; i++)
        {
          cairo_rectangle_t *box = &g_array_index (boxes, cairo_rectangle_t, i);

          g_assert_cmpfloat (box->x, >=, ESS_REPORT_MARGIN_X - 0.5);
          g_assert_cmpfloat (box->x + box->width, <=, width - ESS_REPORT_MARGIN_X + 0.5);
          g_assert_cmpfloat (box->y, >=, ESS_REPORT_CONTENT_TOP - 0.5);
          g_assert_cmpfloat (box->y + box->height, <=, height - ESS_REPORT_CONTENT_BOTTOM + 0.5);
        }
      n_boxes += boxes->len;
    }
  g_assert_cmpuint (n_boxes, >, 0);
}

/* On A4, and on the other papers a print dialog may choose: US Letter,
 * A4 landscape, A5. */
static void
assert_inside_margins (EssReport *report)
{
  assert_inside_margins_of (report, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT);
  assert_inside_margins_of (report, 612.0, 792.0);
  assert_inside_margins_of (report, ESS_REPORT_A4_HEIGHT, ESS_REPORT_A4_WIDTH);
  assert_inside_margins_of (report, 419.53, 595.28);
  /* Back to A4 for what follows. */
  g_assert_cmpint (ess_report_get_n_pages (report, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT), >, 0);
}

/* Renders @pdf to PNG files in the build directory, for people to look at. */
static void
save_pngs (const char *pdf,
           const char *stem)
{
  g_autofree char *prefix = g_test_build_filename (G_TEST_BUILT, stem, NULL);
  g_autofree char *out = run_tool ("pdftoppm", "-r", "60", "-png", pdf, prefix, NULL);
}

static char *
write_pdf (Fixture    *f,
           EssReport  *report,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 3, 5, 10, 0, 0);
  char *path = g_build_filename (f->dir, name, NULL);

  ess_report_set_date (report, date);
  g_assert_true (ess_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  return path;
}

/* A new action's texts are empty strings: replaced, not leaked. */
static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
take_text (char **field,
           char  *value)
{
  g_free (*field);
  *field = value;
}

static gint64
find (Fixture    *f,
      const char *reference)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ess_store_find_dossier (f->store, reference, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The Lille dossier of the demo: annexe 2's table, its totals and the
 * differences with the totals the applicant printed (seed 002, checked
 * by hand in data/demo-funding-lille.README.md), on two pages. */
static void
test_fiche_lille (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = find (f, "APT-2012-001");
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = ess_report_new_fiches (f->store, &id, 1, FALSE, &error);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page1 = NULL;

  g_assert_no_error (error);
  pdf = write_pdf (f, report, "fiche.pdf");
  save_pngs (pdf, "report-fiche-lille");

  g_assert_cmpint (count_pages (pdf), ==, 2);
  g_assert_cmpint (ess_report_get_n_pages (report, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT), ==, 2);
  text = run_tool ("pdftotext", pdf, "-", NULL);

  /* The page header names the dossier on every page, the footer numbers them. */
  g_assert_cmpuint (count (text, "APT-2012-001"), >=, 3);
  g_assert_nonnull (strstr (text, "Page 1 / 2"));
  g_assert_nonnull (strstr (text, "Page 2 / 2"));
  /* The print date heads both pages and dates the signature. */
  g_assert_cmpuint (count (text, "Imprimé le 5 mars 2024"), ==, 2);
  g_assert_nonnull (strstr (text, "Le 5 mars 2024"));
  /* The signature block: the officer, and the head of department's visa. */
  g_assert_nonnull (strstr (text, "Chargé(e) de mission ESS"));
  g_assert_nonnull (strstr (text, "Visa du responsable de service"));
  g_assert_nonnull (strstr (text, "Fiche d’instruction — APT-2012-001"));

  g_assert_nonnull (strstr (text, "Transfert de savoir-faire"));
  g_assert_nonnull (strstr (text, "Ville de Lille"));
  g_assert_nonnull (strstr (text, "Place Augustin Laurent"));
  g_assert_nonnull (strstr (text, "Collectivité territoriale"));
  g_assert_nonnull (strstr (text, "Initier un projet de PTCE"));
  g_assert_nonnull (strstr (text, "146" NNBSP "000,00" EURO));

  /* The sums of the rows: Lille Métropole, Ville de Lille, the two
   * realisation columns and the whole table. */
  g_assert_nonnull (strstr (text, "59" NNBSP "827,00"));
  g_assert_nonnull (strstr (text, "80" NNBSP "718,00"));
  g_assert_nonnull (strstr (text, "61" NNBSP "300,00"));
  g_assert_nonnull (strstr (text, "79" NNBSP "245,00"));
  g_assert_nonnull (strstr (text, "140" NNBSP "545,00"));
  /* The totals as printed, and how much more they say than the rows. */
  g_assert_nonnull (strstr (text, "169" NNBSP "891,00"));
  g_assert_nonnull (strstr (text, "+13" NNBSP "173,00"));
  g_assert_nonnull (strstr (text, "+16" NNBSP "173,00"));
  g_assert_nonnull (strstr (text, "+8" NNBSP "000,00"));
  g_assert_nonnull (strstr (text, "+21" NNBSP "345,00"));
  g_assert_nonnull (strstr (text, "+29" NNBSP "346,00"));
  /* The Métropole's share: 59 827 / 140 545 = 42,57 %. */
  g_assert_nonnull (strstr (text, "42,6" NBSP "%"));
  /* The findings box says the declared totals are wrong, with amounts. */
  g_assert_nonnull (strstr (text, "points à examiner"));
  /* The five declared totals of annexe 2 and the 2012 envelope (146 000 €
   * granted for 110 000 €) at least. */
  g_assert_cmpuint (count (text, "Incohérence"), >=, 6);
  g_assert_nonnull (strstr (text, "Colonne Lille Métropole"));
  g_assert_nonnull (strstr (text, "Colonne Ville de Lille"));
  g_assert_nonnull (strstr (text, "Total général"));
  g_assert_nonnull (strstr (text, "Enveloppe APT 2012"));
  g_assert_nonnull (strstr (text, "73" NNBSP "000,00" EURO));
  g_assert_nonnull (strstr (text, "110" NNBSP "000,00" EURO));   /* the APT envelope of 2012 */

  /* No private notes unless asked. */
  page1 = page_text (pdf, 1);
  g_assert_nonnull (strstr (page1, "Ville de Lille"));

  assert_fonts_embedded (pdf);
  assert_inside_margins (report);
}

static void
test_private_notes (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = find (f, "APT-2013-002");
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) without = NULL;
  g_autoptr(EssReport) with = NULL;
  g_autofree char *pdf_without = NULL;
  g_autofree char *pdf_with = NULL;
  g_autofree char *text_without = NULL;
  g_autofree char *text_with = NULL;

  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_NOTES, "Le maire rappelle jeudi.", &error));
  g_assert_no_error (error);

  without = ess_report_new_fiches (f->store, &id, 1, FALSE, &error);
  g_assert_no_error (error);
  with = ess_report_new_fiches (f->store, &id, 1, TRUE, &error);
  g_assert_no_error (error);
  pdf_without = write_pdf (f, without, "without.pdf");
  pdf_with = write_pdf (f, with, "with.pdf");
  text_without = run_tool ("pdftotext", pdf_without, "-", NULL);
  text_with = run_tool ("pdftotext", pdf_with, "-", NULL);

  g_assert_null (strstr (text_without, "rappelle jeudi"));
  g_assert_nonnull (strstr (text_with, "rappelle jeudi"));
  /* A dossier without a plan nor findings of its plan still has its fiche. */
  g_assert_nonnull (strstr (text_without, "Ville de Hem"));
  g_assert_nonnull (strstr (text_without, "15" NNBSP "000,00" EURO));
}

/* Every section filled in: an association with its identifiers and
 * contact, indicators, a plan over two years and two funders that agrees
 * with a balanced budget, scores, an opinion with conditions. */
static void
test_full_fiche (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssFundingPlan) plan = ess_funding_plan_new ();
  g_autoptr(EssBudget) budget = ess_budget_new_default ();
  g_autoptr(EssReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *applicant_text = NULL;
  EssApplicant applicant = { 0 };
  guint n_criteria = 0;
  const EssCriterion *criteria = ess_assessment_default_criteria (&n_criteria);
  gint64 id, applicant_id, indicator;

  applicant.name = (char *) "Les Jardins de Cocagne du Val de Marque";
  applicant.legal_form = (char *) "association";
  applicant.siret = (char *) "73282932000074";
  applicant.rna = (char *) "W595012345";
  applicant.address = (char *) "12 rue de la Marque, 59650 Villeneuve-d'Ascq";
  applicant.commune = (char *) "59009";
  applicant.contact_name = (char *) "Élise Dupré";
  applicant.contact_email = (char *) "elise.dupre@example.org";
  applicant.contact_phone = (char *) "03 20 00 00 00";
  applicant_id = ess_store_save_applicant (f->store, &applicant, &error);
  g_assert_no_error (error);
  applicant_text = g_strdup_printf ("%" G_GINT64_FORMAT, applicant_id);

  id = ess_store_create_dossier (f->store, "APT", 2024, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, "Maraîchage solidaire", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_APPLICANT, applicant_text, &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "1200000", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_OPINION, "reserved", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_CONDITIONS,
                                              "Versement du solde sur bilan des récoltes.", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_COMMITTEE_ON, "2024-03-05", &error));
  g_assert_no_error (error);

  /* The review starts and the opinion is given today: the history dates them. */
  {
    const EssStatus path[] = { ESS_STATUS_ADMISSIBLE, ESS_STATUS_IN_REVIEW, ESS_STATUS_OPINION_GIVEN };

    for (guint i = 0; i < G_N_ELEMENTS (path); i++)
      g_assert_true (ess_store_change_status (f->store, &id, 1, path[i], NULL, NULL, &error));
    g_assert_no_error (error);
  }

  indicator = ess_store_add_indicator (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_set_indicator (f->store, indicator, ESS_INDICATOR_LABEL, "Emplois d'insertion", &error));
  g_assert_true (ess_store_set_indicator (f->store, indicator, ESS_INDICATOR_TARGET, "6", &error));
  g_assert_true (ess_store_set_indicator (f->store, indicator, ESS_INDICATOR_UNIT, "ETP", &error));
  g_assert_no_error (error);

  g_assert_true (ess_store_set_score (f->store, id, criteria[0].id, 3, "Public très éloigné de l'emploi", &error));
  g_assert_true (ess_store_set_score (f->store, id, criteria[1].id, 2, "", &error));
  g_assert_no_error (error);

  /* 2 actions x 2 years: Métropole 3 000 and Région 2 000 in each cell. */
  ess_funding_plan_add_funder (plan, "Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Région", "region");
  ess_funding_plan_add_year (plan, 2024);
  ess_funding_plan_add_year (plan, 2025);
  for (guint a = 0; a < 2; a++)
    {
      EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);

      set_text (&action->title, a == 0 ? "Cultiver" : "Distribuer les paniers");
      for (guint y = 0; y < 2; y++)
        {
          *ess_funding_plan_amount (plan, a, 0, y) = 300000;
          *ess_funding_plan_amount (plan, a, 1, y) = 200000;
        }
    }
  g_assert_true (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_no_error (error);

  /* Charges 64: 20 000; products: EPCI 12 000, Région 8 000. */
  for (guint i = 0; i < budget->lines->len; i++)
    {
      EssBudgetLine *line = g_ptr_array_index (budget->lines, i);

      if (g_str_equal (line->code, "64"))
        line->forecast_cents = 2000000;
      else if (g_strcmp0 (line->funder_kind, "epci") == 0)
        line->forecast_cents = 1200000;
      else if (g_strcmp0 (line->funder_kind, "region") == 0)
        line->forecast_cents = 800000;
    }
  g_assert_true (ess_store_save_budget (f->store, id, budget, &error));
  g_assert_no_error (error);

  report = ess_report_new_fiches (f->store, &id, 1, FALSE, &error);
  g_assert_no_error (error);
  pdf = write_pdf (f, report, "full.pdf");
  save_pngs (pdf, "report-full-fiche");
  text = run_tool ("pdftotext", pdf, "-", NULL);

  g_assert_nonnull (strstr (text, "Les Jardins de Cocagne du Val de Marque"));
  g_assert_nonnull (strstr (text, "Association loi 1901"));
  g_assert_nonnull (strstr (text, "73282932000074"));
  g_assert_nonnull (strstr (text, "W595012345"));
  g_assert_nonnull (strstr (text, "Élise Dupré"));
  g_assert_nonnull (strstr (text, "5 mars 2024"));              /* the committee session */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

    /* Submitted, review started, opinion given: today. */
    g_assert_cmpuint (count (text, today), ==, 3);
  }
  g_assert_nonnull (strstr (text, "Emplois d'insertion"));
  g_assert_nonnull (strstr (text, "2024–2025"));
  /* 2 x 2 x 3 000 for the Métropole, 2 x 2 x 2 000 for the Région: 60 %. */
  g_assert_nonnull (strstr (text, "12" NNBSP "000,00"));
  g_assert_nonnull (strstr (text, "8" NNBSP "000,00"));
  g_assert_nonnull (strstr (text, "60,0" NBSP "%"));
  g_assert_nonnull (strstr (text, "Par année"));
  g_assert_nonnull (strstr (text, "10" NNBSP "000,00" EURO " en 2024"));
  g_assert_nonnull (strstr (text, "10" NNBSP "000,00" EURO " en 2025"));
  /* The budget balances at 20 000,00 €. */
  g_assert_nonnull (strstr (text, "Budget prévisionnel"));
  g_assert_nonnull (strstr (text, "20" NNBSP "000,00" EURO));
  g_assert_nonnull (strstr (text, "Équilibré"));
  /* Scores 3 and 2 of the 2 scored criteria. */
  g_assert_nonnull (strstr (text, "Public très éloigné de l'emploi"));
  /* pdftotext may drop the spaces around the slash of a short centred cell. */
  g_assert_true (strstr (text, "5 / 6") != NULL || strstr (text, "5/6") != NULL);
  g_assert_true (strstr (text, "3 / 3") != NULL || strstr (text, "3/3") != NULL);
  g_assert_nonnull (strstr (text, "Réservé"));
  g_assert_nonnull (strstr (text, "Versement du solde sur bilan des récoltes."));
  g_assert_nonnull (strstr (text, "rien à signaler"));
  /* Actions without a number are numbered by their rank in their axis. */
  g_assert_nonnull (strstr (text, "1.2"));
  g_assert_cmpint (count_pages (pdf), ==, 2);
  assert_inside_margins (report);
}

/* A plan of 60 actions over two funders spans pages: its header row is
 * printed again at the top of each page it continues on. */
static void
test_long_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssFundingPlan) plan = ess_funding_plan_new ();
  g_autoptr(EssReport) report = NULL;
  g_autofree char *pdf = NULL;
  int n_pages, table_pages = 0;
  gint64 id;

  id = ess_store_create_dossier (f->store, "APT", 2013, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, "Plan en soixante actions", &error));
  ess_funding_plan_add_funder (plan, "Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Cofinanceur", "departement");
  ess_funding_plan_add_year (plan, 2013);
  for (guint i = 0; i < 60; i++)
    {
      EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);

      set_text (&action->axis, i < 30 ? "Premier axe" : "Second axe");
      take_text (&action->number, g_strdup_printf ("%u", i % 30 + 1));
      take_text (&action->title, g_strdup_printf ("Action numéro %u du plan", i + 1));
      set_text (&action->description, "Une description de l'action assez longue pour occuper deux lignes "
                                      "dans la colonne de la fiche d'instruction.");
      *ess_funding_plan_amount (plan, i, 0, 0) = 100000;     /* 1 000,00 € */
      *ess_funding_plan_amount (plan, i, 1, 0) = 50000;      /* 500,00 € */
    }
  g_assert_true (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_no_error (error);

  report = ess_report_new_fiches (f->store, &id, 1, FALSE, &error);
  g_assert_no_error (error);
  pdf = write_pdf (f, report, "long.pdf");
  save_pngs (pdf, "report-long-plan");
  n_pages = count_pages (pdf);
  g_assert_cmpint (n_pages, >=, 3);

  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = page_text (pdf, page);

      if (strstr (text, "Action numéro") == NULL)
        continue;
      table_pages++;
      /* The funder is named only in the header row of the table. */
      g_assert_cmpuint (count (text, "Cofinanceur"), ==, 1);
    }
  g_assert_cmpint (table_pages, >=, 2);

  {
    g_autofree char *text = run_tool ("pdftotext", pdf, "-", NULL);

    g_assert_nonnull (strstr (text, "Action numéro 60 du plan"));
    /* 60 x 1 000,00 and 60 x 500,00, 90 000,00 in all. */
    g_assert_nonnull (strstr (text, "60" NNBSP "000,00"));
    g_assert_nonnull (strstr (text, "30" NNBSP "000,00"));
    g_assert_nonnull (strstr (text, "90" NNBSP "000,00"));
  }

  assert_inside_margins (report);
  assert_fonts_embedded (pdf);
}

/* Texts longer than a page are cut between lines, never at the page's edge. */
static void
test_long_texts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssFundingPlan) plan = ess_funding_plan_new ();
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(EssReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  EssFundingAction *action;
  gint64 id;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (long_text, "mot%u ", i);
  g_string_append (long_text, "FIN-DU-TEXTE Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement");

  id = ess_store_create_dossier (f->store, "APT", 2013, &error);
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, long_text->str, &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_DESCRIPTION, long_text->str, &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_CONDITIONS, long_text->str, &error));
  ess_funding_plan_add_funder (plan, "Métropole", "metropole");
  ess_funding_plan_add_year (plan, 2013);
  action = ess_funding_plan_insert_action (plan, G_MAXUINT);
  set_text (&action->title, "Action au long descriptif");
  set_text (&action->description, long_text->str);
  set_text (&action->partners, long_text->str);
  *ess_funding_plan_amount (plan, 0, 0, 0) = 123456;
  g_assert_true (ess_store_save_funding_plan (f->store, id, plan, &error));
  g_assert_no_error (error);

  report = ess_report_new_fiches (f->store, &id, 1, TRUE, &error);
  g_assert_no_error (error);
  pdf = write_pdf (f, report, "long-texts.pdf");
  save_pngs (pdf, "report-long-texts");
  text = run_tool ("pdftotext", pdf, "-", NULL);
  /* The description, the action's text and its partners, the conditions: each to its end. */
  g_assert_cmpuint (count (text, "FIN-DU-TEXTE"), >=, 4);
  g_assert_nonnull (strstr (text, "1" NNBSP "234,56"));
  assert_inside_margins (report);
}

/* A pack of 100 dossiers: the cover table with its totals, then one fiche each. */
static void
test_committee_pack (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(EssReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GTimer) timer = NULL;
  int n_pages;

  for (guint i = 0; i < 100; i++)
    {
      gint64 id = ess_store_create_dossier (f->store, "APT", 2014, &error);
      g_autofree char *title = g_strdup_printf ("Projet de l'économie solidaire n° %u", i + 1);

      g_assert_no_error (error);
      g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, title, &error));
      g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "150000", &error));   /* 1 500,00 € */
      g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_PROPOSED, "100000", &error));    /* 1 000,00 € */
      g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_OPINION, "favorable", &error));
      g_assert_no_error (error);
      g_array_append_val (ids, id);
    }

  timer = g_timer_new ();
  report = ess_report_new_committee (f->store, (const gint64 *) ids->data, ids->len, "Comité du 5 mars 2024", &error);
  g_assert_no_error (error);
  pdf = write_pdf (f, report, "pack.pdf");
  g_test_message ("100-dossier pack: read and written in %.2f s", g_timer_elapsed (timer, NULL));
  save_pngs (pdf, "report-pack");
  n_pages = count_pages (pdf);
  /* The cover spans a few pages, then each fiche starts on its own page. */
  g_assert_cmpint (n_pages, >=, 102);
  g_assert_cmpint (n_pages, ==, ess_report_get_n_pages (report, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT));

  text = run_tool ("pdftotext", pdf, "-", NULL);
  /* 100 x 1 500,00 requested, 100 x 1 000,00 proposed; the APT envelope
   * of 2014 is 110 000,00, 10 000,00 remain. */
  g_assert_nonnull (strstr (text, "150" NNBSP "000,00" EURO));
  g_assert_nonnull (strstr (text, "100" NNBSP "000,00" EURO));
  g_assert_nonnull (strstr (text, "110" NNBSP "000,00" EURO));
  g_assert_nonnull (strstr (text, "10" NNBSP "000,00" EURO));
  g_assert_nonnull (strstr (text, "Projet de l'économie solidaire n° 100"));
  cover = page_text (pdf, 1);
  g_assert_nonnull (strstr (cover, "Comité du 5 mars 2024"));
  g_assert_nonnull (strstr (cover, "APT-2014-001"));
  g_assert_nonnull (strstr (cover, "d’attention"));

  /* The fiche of the last dossier starts a page of its own. */
  {
    g_autofree char *last = page_text (pdf, n_pages);
    g_autofree char *before = page_text (pdf, n_pages - 1);

    g_assert_nonnull (strstr (last, "n° 100"));
    g_assert_null (strstr (before, "n° 100"));
  }

  assert_inside_margins (report);
  assert_fonts_embedded (pdf);
}

/* A file that cannot be written: a French message that names it, and nothing written. */
static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = find (f, "APT-2013-001");
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = ess_report_new_fiches (f->store, &id, 1, FALSE, &error);
  g_autofree char *path = g_build_filename (f->dir, "absent", "fiche.pdf", NULL);

  g_assert_no_error (error);
  g_assert_false (ess_report_write_pdf (report, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "PDF"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The dashboard's yearly report: its charts and map are figures that
 * stay inside the margins on every paper, and never split. */
static void
test_dashboard_report (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = ess_report_new_dashboard (f->store, 2012, 2013, "APT", &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (ess_report_get_title (report), ==, "Bilan 2012–2013");
  g_assert_cmpint (ess_report_get_n_pages (report, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT), >=, 2);
  assert_inside_margins (report);

  g_clear_object (&report);
  report = ess_report_new_dashboard (f->store, 2012, 2013, "NOPE", &error);
  g_assert_null (report);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  /* The documents are read in French, as the users print them. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/fiche-lille", Fixture, NULL, fixture_setup, test_fiche_lille, fixture_teardown);
  g_test_add ("/report/full-fiche", Fixture, NULL, fixture_setup, test_full_fiche, fixture_teardown);
  g_test_add ("/report/private-notes", Fixture, NULL, fixture_setup, test_private_notes, fixture_teardown);
  g_test_add ("/report/long-plan", Fixture, NULL, fixture_setup, test_long_plan, fixture_teardown);
  g_test_add ("/report/long-texts", Fixture, NULL, fixture_setup, test_long_texts, fixture_teardown);
  g_test_add ("/report/committee-pack", Fixture, NULL, fixture_setup, test_committee_pack, fixture_teardown);
  g_test_add ("/report/unwritable", Fixture, NULL, fixture_setup, test_unwritable, fixture_teardown);
  g_test_add ("/report/dashboard", Fixture, NULL, fixture_setup, test_dashboard_report, fixture_teardown);

  return g_test_run ();
}
