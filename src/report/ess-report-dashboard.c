/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The yearly "bilan" of the dashboard: the same figures, sentences and
 * charts as the Tableau de bord, on paper for elected officials. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ess-bar-chart.h"
#include "ess-map-drawing.h"
#include "ess-money.h"
#include "ess-report-private.h"
#include "ess-resources.h"
#include "ess-store-dashboard.h"
#include "ess-store-dossiers.h"

/* A bar chart with the arrays it points to. */
typedef struct
{
  EssBarChart chart;
  GStrv       categories;
  GStrv       series;
  gint64     *values;
} Chart;

static void
chart_free (gpointer data)
{
  Chart *chart = data;

  g_strfreev (chart->categories);
  g_strfreev (chart->series);
  g_free (chart->values);
  g_free (chart);
}

static void
draw_chart (cairo_t *cr,
            double   width,
            double   height,
            gpointer data)
{
  Chart *chart = data;

  ess_bar_chart_draw (cr, &chart->chart, 0, 0, width, height);
}

/* Takes @categories, @series and @values. */
static void
add_chart (EssReport    *report,
           GStrv         categories,
           GStrv         series,
           gint64       *values,
           EssChartUnit  unit)
{
  Chart *chart = g_new0 (Chart, 1);

  chart->categories = categories;
  chart->series = series;
  chart->values = values;
  chart->chart.n_categories = g_strv_length (categories);
  chart->chart.categories = (const char * const *) categories;
  chart->chart.n_series = g_strv_length (series);
  chart->chart.series = (const char * const *) series;
  chart->chart.values = values;
  chart->chart.unit = unit;
  chart->chart.highlight = -1;
  ess_report_add_figure (report, 190, draw_chart, chart, chart_free);
}

typedef struct
{
  EssTerritoryMap *map;
  EssMapShading   *shading;
} Map;

static void
map_free (gpointer data)
{
  Map *map = data;

  ess_territory_map_free (map->map);
  ess_map_shading_free (map->shading);
  g_free (map);
}

static void
draw_map (cairo_t *cr,
          double   width,
          double   height,
          gpointer data)
{
  Map *map = data;
  EssMapDrawing drawing = {
    .map = map->map,
    .classes = map->shading->classes,
    .values = (const char * const *) map->shading->values,
    .legend = (const char * const *) map->shading->legend,
    .legend_title = _("Amount per inhabitant"),
    .highlight = 0,
  };

  ess_map_draw (cr, &drawing, 0, 0, width, height);
}

static void
add_map (EssReport          *report,
         const EssDashboard *d)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ess_get_resource (), RESOURCE_PREFIX "/data/territories-map.ini", 0, NULL);
  EssTerritoryMap *layout;
  Map *map;
  gsize size;
  const char *text;

  if (bytes == NULL)
    return;
  text = g_bytes_get_data (bytes, &size);
  layout = ess_territory_map_parse (text, size, NULL);
  if (layout == NULL)
    return;

  map = g_new0 (Map, 1);
  map->map = layout;
  map->shading = ess_map_shading_new (layout, d, ESS_DASH_GRANTED);
  ess_report_add_figure (report, 300, draw_map, map, map_free);
}

static char *
count_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

static void
add_years (EssReport          *report,
           const EssDashboard *d)
{
  guint n = d->years->len;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  const char *series[] = { _("Envelope"), _("Proposed"), _("Granted"), _("Paid"), NULL };
  gint64 *values = g_new0 (gint64, 4 * n);
  g_autofree char *sentence = ess_dashboard_years_sentence (d);
  EssReportBlock *table;

  ess_report_add_heading (report, _("Envelope and amounts per year"));
  ess_report_add_text (report, ESS_REPORT_TEXT_BODY, sentence);

  table = ess_report_add_table (report);
  ess_report_table_add_column (table, _("Year"), ESS_REPORT_ALIGN_LEFT, 1);
  ess_report_table_add_column (table, _("Dossiers"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Envelope"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Proposed"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Granted"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Paid"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Consumption"), ESS_REPORT_ALIGN_RIGHT, 0);
  for (guint i = 0; i < n; i++)
    {
      const EssDashYear *year = &g_array_index (d->years, EssDashYear, i);
      guint row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      g_autofree char *label = g_strdup_printf ("%d", year->year);
      g_autofree char *count = count_text (year->n_dossiers);
      g_autofree char *envelope = year->envelope_cents >= 0 ? ess_money_format (year->envelope_cents) : g_strdup ("—");
      g_autofree char *proposed = ess_money_format (year->proposed_cents);
      g_autofree char *granted = ess_money_format (year->granted_cents);
      g_autofree char *paid = ess_money_format (year->paid_cents);
      g_autofree char *consumption = year->envelope_cents > 0
        ? ess_percent_format (year->granted_cents, year->envelope_cents, 1) : g_strdup ("—");

      ess_report_table_set (table, row, 0, label);
      ess_report_table_set (table, row, 1, count);
      ess_report_table_set (table, row, 2, envelope);
      ess_report_table_set (table, row, 3, proposed);
      ess_report_table_set (table, row, 4, granted);
      ess_report_table_set (table, row, 5, paid);
      ess_report_table_set (table, row, 6, consumption);
      g_strv_builder_add (categories, label);
      values[i] = MAX (year->envelope_cents, 0);
      values[n + i] = year->proposed_cents;
      values[2 * n + i] = year->granted_cents;
      values[3 * n + i] = year->paid_cents;
    }
  add_chart (report, g_strv_builder_end (categories), g_strdupv ((char **) series), values, ESS_CHART_MONEY);
}

/* Territories and size classes: amounts against the population. */
static void
add_places (EssReport          *report,
            const EssDashboard *d,
            gboolean            territories)
{
  GPtrArray *groups = territories ? d->territories : d->size_classes;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  gint64 *values = g_new0 (gint64, 2 * groups->len);
  const char *series[] = { _("Share of the amounts"), _("Share of the population"), NULL };
  g_autofree char *sentence = territories ? ess_dashboard_territory_sentence (d, ESS_DASH_GRANTED)
                                          : ess_dashboard_equity_sentence (d, ESS_DASH_GRANTED);
  EssReportBlock *table;
  guint n_places = 0;

  ess_report_add_heading (report, territories ? _("Territories") : _("Equity between communes of every size"));
  if (sentence != NULL)
    ess_report_add_text (report, ESS_REPORT_TEXT_BODY, sentence);

  table = ess_report_add_table (report);
  ess_report_table_add_column (table, territories ? _("Territory") : _("Commune size"), ESS_REPORT_ALIGN_LEFT, 1);
  ess_report_table_add_column (table, _("Communes"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Inhabitants"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Dossiers"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Granted"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Per inhabitant"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Share of the amounts"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Share of the population"), ESS_REPORT_ALIGN_RIGHT, 0);
  for (guint i = 0; i < groups->len; i++)
    {
      const EssDashGroup *group = g_ptr_array_index (groups, i);
      guint row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      gboolean place = group->population > 0;
      g_autofree char *communes = place ? count_text (group->n_communes) : g_strdup ("—");
      g_autofree char *inhabitants = place ? g_strdup_printf ("%" G_GINT64_FORMAT, group->population) : g_strdup ("—");
      g_autofree char *count = count_text (group->n_dossiers);
      g_autofree char *granted = ess_money_format (group->granted_cents);
      g_autofree char *per = place ? ess_money_format (ess_dash_per_inhabitant (group->granted_cents, group->population))
                                   : g_strdup ("—");
      g_autofree char *amount_share = ess_percent_format (group->granted_cents, d->granted_cents, 1);
      g_autofree char *population_share = place ? ess_percent_format (group->population, d->population, 1) : g_strdup ("—");

      ess_report_table_set (table, row, 0, group->label);
      ess_report_table_set (table, row, 1, communes);
      ess_report_table_set (table, row, 2, inhabitants);
      ess_report_table_set (table, row, 3, count);
      ess_report_table_set (table, row, 4, granted);
      ess_report_table_set (table, row, 5, per);
      ess_report_table_set (table, row, 6, amount_share);
      ess_report_table_set (table, row, 7, population_share);
      if (place)
        {
          g_strv_builder_add (categories, group->label);
          values[n_places] = ess_percent_basis_points (group->granted_cents, d->granted_cents);
          values[groups->len + n_places] = ess_percent_basis_points (group->population, d->population);
          n_places++;
        }
    }

  if (territories)
    {
      g_free (values);
      add_map (report, d);
      return;
    }
  /* The population shares follow the amount shares in one array. */
  memmove (values + n_places, values + groups->len, n_places * sizeof (gint64));
  add_chart (report, g_strv_builder_end (categories), g_strdupv ((char **) series), values, ESS_CHART_BASIS_POINTS);
}

static void
add_groups (EssReport  *report,
            const char *title,
            const char *first_header,
            GPtrArray  *groups,
            gint64      total,
            guint       max_rows,
            const char *sentence)
{
  EssReportBlock *table;
  gint64 cumulated = 0;

  ess_report_add_heading (report, title);
  if (sentence != NULL)
    ess_report_add_text (report, ESS_REPORT_TEXT_BODY, sentence);
  table = ess_report_add_table (report);
  ess_report_table_add_column (table, first_header, ESS_REPORT_ALIGN_LEFT, 1);
  ess_report_table_add_column (table, _("Dossiers"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Proposed"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Granted"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Share of the amounts"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Cumulated share"), ESS_REPORT_ALIGN_RIGHT, 0);
  for (guint i = 0; i < groups->len && i < max_rows; i++)
    {
      const EssDashGroup *group = g_ptr_array_index (groups, i);
      guint row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      g_autofree char *count = count_text (group->n_dossiers);
      g_autofree char *proposed = ess_money_format (group->proposed_cents);
      g_autofree char *granted = ess_money_format (group->granted_cents);
      g_autofree char *group_share = ess_percent_format (group->granted_cents, total, 1);
      g_autofree char *cumulated_share = NULL;

      cumulated += group->granted_cents;
      cumulated_share = ess_percent_format (cumulated, total, 1);
      ess_report_table_set (table, row, 0, group->label);
      ess_report_table_set (table, row, 1, count);
      ess_report_table_set (table, row, 2, proposed);
      ess_report_table_set (table, row, 3, granted);
      ess_report_table_set (table, row, 4, group_share);
      ess_report_table_set (table, row, 5, cumulated_share);
    }
}

static void
add_pipeline (EssReport          *report,
              const EssDashboard *d)
{
  EssReportBlock *table;

  ess_report_add_heading (report, _("Dossiers by status"));
  table = ess_report_add_table (report);
  ess_report_table_add_column (table, _("Status"), ESS_REPORT_ALIGN_LEFT, 1);
  ess_report_table_add_column (table, _("Dossiers"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Median age (days)"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Oldest (days)"), ESS_REPORT_ALIGN_RIGHT, 0);
  for (guint i = 0; i < d->pipeline->len; i++)
    {
      const EssDashStage *stage = &g_array_index (d->pipeline, EssDashStage, i);
      guint row;
      g_autofree char *count = NULL;
      g_autofree char *median = NULL;
      g_autofree char *oldest = NULL;

      if (stage->n_dossiers == 0)
        continue;
      row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      count = count_text (stage->n_dossiers);
      median = stage->median_days >= 0 ? g_strdup_printf ("%d", stage->median_days) : g_strdup ("—");
      oldest = stage->oldest_days >= 0 ? g_strdup_printf ("%d", stage->oldest_days) : g_strdup ("—");
      ess_report_table_set (table, row, 0, ess_status_label (stage->status));
      ess_report_table_set (table, row, 1, count);
      ess_report_table_set (table, row, 2, median);
      ess_report_table_set (table, row, 3, oldest);
    }
}

/* The name of @scheme, or "Every scheme". */
static char *
scheme_name (EssStore   *store,
             const char *scheme)
{
  g_autoptr(GPtrArray) schemes = NULL;

  if (scheme == NULL)
    return g_strdup (_("Every scheme"));
  schemes = ess_store_list_schemes (store, NULL);
  for (guint i = 0; schemes != NULL && i < schemes->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (schemes, i);
      if (g_strcmp0 (choice->id, scheme) == 0)
        return g_strdup (choice->label);
    }
  return g_strdup (scheme);
}

EssReport *
ess_report_new_dashboard (EssStore    *store,
                          int          first_year,
                          int          last_year,
                          const char  *scheme,
                          GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *schemes[] = { scheme, NULL };
  g_autoptr(EssDashboard) d = NULL;
  g_autoptr(EssReport) report = NULL;
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *granted = NULL;
  g_autofree char *concentration = NULL;

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);

  if (scheme != NULL)
    {
      g_autoptr(GPtrArray) known = ess_store_list_schemes (store, error);
      gboolean found = FALSE;

      if (known == NULL)
        return NULL;
      for (guint i = 0; i < known->len; i++)
        found |= g_strcmp0 (((EssChoice *) g_ptr_array_index (known, i))->id, scheme) == 0;
      if (!found)
        {
          g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                       _("No scheme has the code “%s”."), scheme);
          return NULL;
        }
    }

  d = ess_store_dashboard (store, first_year, last_year, scheme != NULL ? schemes : NULL, today, error);
  if (d == NULL)
    return NULL;

  period = first_year == last_year ? g_strdup_printf ("%d", first_year)
                                   : g_strdup_printf ("%d–%d", first_year, last_year);
  /* TRANSLATORS: the title of the yearly report of the dashboard: the period */
  title = g_strdup_printf (_("Report %s"), period);
  name = scheme_name (store, scheme);
  granted = ess_money_format (d->granted_cents);
  /* TRANSLATORS: under the title of the yearly report: dossiers, amount granted */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dossier, %s granted", "%u dossiers, %s granted",
                                         d->n_dossiers),
                            d->n_dossiers, granted);

  report = ess_report_new (title);
  ess_report_begin_section (report, title);
  ess_report_add_band (report, _("Portfolio dashboard"), title, name, NULL, detail);
  if (d->overflow)
    ess_report_add_text (report, ESS_REPORT_TEXT_BODY,
                         _("Some sums are too large to be computed: the figures below are not reliable."));

  add_years (report, d);
  add_places (report, d, FALSE);
  add_places (report, d, TRUE);
  concentration = ess_dashboard_concentration_sentence (d, ESS_DASH_GRANTED);
  add_groups (report, _("Concentration on the largest beneficiaries"), _("Applicant"), d->beneficiaries,
              d->granted_cents, 10, concentration);
  add_groups (report, _("Legal forms of the applicants"), _("Legal form"), d->legal_forms, d->granted_cents, G_MAXUINT, NULL);
  add_groups (report, _("Volets"), _("Volet"), d->volets, d->granted_cents, G_MAXUINT, NULL);
  add_pipeline (report, d);
  ess_report_add_text (report, ESS_REPORT_TEXT_MUTED,
                       _("Amounts of a dossier count in its year. A dossier concerning several communes is shared "
                         "between them in proportion to their population; one without commune counts for its "
                         "applicant's commune."));

  return g_steal_pointer (&report);
}
