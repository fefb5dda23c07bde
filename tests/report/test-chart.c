/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the charts and of the printed comparison: values, black-and-white styles, the PDF. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ess-chart.h"
#include "ess-scenario-charts.h"
#include "ess-scenario-keyfile.h"
#include "ess-scenario-report.h"

#define NBSP "\u00a0"
#define NNBSP "\u202f"

static void
test_format (void)
{
  static const struct { EssChartScale unit; gint64 value; const char *text; } cases[] = {
    { ESS_CHART_SCALE_MONEY, 17400000, "174" NBSP "k€" },
    { ESS_CHART_SCALE_MONEY, 110000000, "1" NNBSP "100" NBSP "k€" },
    { ESS_CHART_SCALE_MONEY, 850000, "8,5" NBSP "k€" },
    { ESS_CHART_SCALE_MONEY, 0, "0" NBSP "k€" },
    /* 17 449,99 EUR rounds to 17 k€, 17 500 to 18 k€. */
    { ESS_CHART_SCALE_MONEY, 1744999, "17" NBSP "k€" },
    { ESS_CHART_SCALE_MONEY, 1750000, "18" NBSP "k€" },
    { ESS_CHART_SCALE_DAYS, 7800, "78" NBSP "j" },
    { ESS_CHART_SCALE_PERCENT, 7467, "75" NBSP "%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ess_chart_format_short (cases[i].unit, cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_values (void)
{
  g_autoptr(EssChart) chart = ess_chart_new ("Budget", ESS_CHART_SCALE_MONEY);
  guint g2015 = ess_chart_add_group (chart, "2015");
  guint a = ess_chart_add_bar (chart, "A", "Poursuite");
  guint apt = ess_chart_add_series (chart, "Projets APT");
  guint diag;

  ess_chart_set_value (chart, g2015, a, apt, 16500000);
  /* Dimensions added later keep the values in place. */
  diag = ess_chart_add_series (chart, "Diagnostics");
  ess_chart_add_group (chart, "2016");
  ess_chart_add_bar (chart, "B", "Arrêt");
  ess_chart_set_value (chart, g2015, a, diag, 3400000);
  ess_chart_set_value (chart, 1, 1, diag, 3400000);
  g_assert_cmpint (ess_chart_get_value (chart, g2015, a, apt), ==, 16500000);
  g_assert_cmpint (ess_chart_get_total (chart, g2015, a), ==, 19900000);
  g_assert_cmpint (ess_chart_get_total (chart, 1, 1), ==, 3400000);
  g_assert_cmpint (ess_chart_get_total (chart, 1, 0), ==, 0);
  g_assert_cmpuint (ess_chart_get_n_groups (chart), ==, 2);
  g_assert_cmpuint (ess_chart_get_n_bars (chart), ==, 2);
  g_assert_cmpuint (ess_chart_get_n_series (chart), ==, 2);
}

/* The mean grey of a square of fill style @index, and how often the grey
 * jumps between neighbours across (@across), down (@down) and along a
 * rising diagonal (@rising): each hatching leaves its own marks. */
static void
grey_of_style (guint   index,
               double *mean,
               double *across,
               double *down,
               double *rising)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 40);
  cairo_t *cr = cairo_create (surface);
  unsigned char *data;
  int stride;
  double sum = 0, grey[40][40];
  guint n = 0, jumps_across = 0, jumps_down = 0, jumps_rising = 0;

  cairo_rectangle (cr, 0, 0, 40, 40);
  ess_chart_fill_style (cr, index);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 40; y++)
    for (int x = 0; x < 40; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
        grey[y][x] = 0.3 * ((pixel >> 16) & 0xff) + 0.59 * ((pixel >> 8) & 0xff) + 0.11 * (pixel & 0xff);
      }
  /* Inside the outline. */
  for (int y = 2; y < 37; y++)
    for (int x = 2; x < 37; x++)
      {
        sum += grey[y][x];
        n++;
        jumps_across += ABS (grey[y][x] - grey[y][x + 1]) > 30;
        jumps_down += ABS (grey[y][x] - grey[y + 1][x]) > 30;
        jumps_rising += ABS (grey[y + 1][x] - grey[y][x + 1]) > 30;
      }
  *mean = sum / n;
  *across = (double) jumps_across / n;
  *down = (double) jumps_down / n;
  *rising = (double) jumps_rising / n;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Printed in grey, the styles of a chart's first 8 series stay apart:
 * by their grey level or by their hatching. */
static void
test_black_and_white (void)
{
  double mean[8], across[8], down[8], rising[8];

  for (guint i = 0; i < 8; i++)
    {
      grey_of_style (i, &mean[i], &across[i], &down[i], &rising[i]);
      g_test_message ("style %u: grey %.0f, jumps across %.2f, down %.2f, rising %.2f",
                      i, mean[i], across[i], down[i], rising[i]);
    }
  for (guint i = 0; i < 8; i++)
    for (guint j = i + 1; j < 8; j++)
      {
        gboolean apart = ABS (mean[i] - mean[j]) > 25 || ABS (across[i] - across[j]) > 0.08 ||
                         ABS (down[i] - down[j]) > 0.08 || ABS (rising[i] - rising[j]) > 0.08;
        if (!apart)
          g_test_message ("styles %u and %u look alike in grey", i, j);
        g_assert_true (apart);
      }
}

static GPtrArray *
load_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios.ini", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GPtrArray *scenarios;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  scenarios = ess_scenarios_from_keyfile (text, length, &error);
  g_assert_no_error (error);
  return scenarios;
}

/* The charts of the seed comparison: 2015 of "poursuite" stacks
 * 110 000 + 55 000 + 34 000 + 20 000 + 10 000 = 229 000; its staff load
 * in 2015 is 78 / 100 days; the budget series are the union of the
 * scenarios' lines: 4 + 2 new (APP, conventions) + 1 new (co-funding) = 7. */
static void
test_scenario_charts (void)
{
  g_autoptr(GPtrArray) scenarios = load_seed ();
  g_autoptr(EssComparison) comparison = ess_comparison_new (scenarios, NULL, NULL, 0, 0);
  g_autoptr(EssChart) budget = ess_scenario_chart_budget (comparison);
  g_autoptr(EssChart) staff = ess_scenario_chart_staff (comparison);

  g_assert_cmpuint (ess_chart_get_n_groups (budget), ==, 6);
  g_assert_cmpuint (ess_chart_get_n_bars (budget), ==, 3);
  g_assert_cmpuint (ess_chart_get_n_series (budget), ==, 7);
  g_assert_cmpint (ess_chart_get_total (budget, 0, 0), ==, 22900000);
  g_assert_cmpint (ess_chart_get_total (budget, 5, 2), ==, 15400000);
  g_assert_cmpint (ess_chart_get_value (staff, 0, 0, 0), ==, 7800);
  g_assert_cmpint (ess_chart_get_value (staff, 3, 1, 0), ==, 6000);
}

static guint
count (const char *haystack,
       gsize       length,
       const char *needle)
{
  guint n = 0;
  gsize len = strlen (needle);

  for (gsize i = 0; i + len <= length; i++)
    if (memcmp (haystack + i, needle, len) == 0)
      n++;
  return n;
}

static void
test_pdf (void)
{
  g_autoptr(GPtrArray) scenarios = load_seed ();
  g_autoptr(EssComparison) comparison = ess_comparison_new (scenarios, NULL, NULL, 0, 0);
  g_autofree char *dir = g_dir_make_tmp ("ess-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "comparaison.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "absent", "comparaison.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (ess_scenario_report_write_pdf (comparison, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count (contents, length, "/Type /Page "), ==, ESS_SCENARIO_REPORT_N_PAGES);

  /* A folder that does not exist: a message naming the file. */
  g_assert_false (ess_scenario_report_write_pdf (comparison, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "absent"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/format", test_format);
  g_test_add_func ("/chart/values", test_values);
  g_test_add_func ("/chart/black-and-white", test_black_and_white);
  g_test_add_func ("/chart/scenario-charts", test_scenario_charts);
  g_test_add_func ("/report/scenarios-pdf", test_pdf);

  return g_test_run ();
}
