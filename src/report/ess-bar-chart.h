/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Grouped bar charts on any cairo context (screen, print, PDF): French
 * figures on the axis, a legend, and series told apart by pattern as well
 * as by shade, so that a black and white copy still reads. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ESS_CHART_MONEY,        /* values in cents */
  ESS_CHART_BASIS_POINTS, /* values in hundredths of a percent */
  ESS_CHART_COUNT,        /* plain numbers */
} EssChartUnit;

#define ESS_CHART_MAX_SERIES 4

typedef struct
{
  guint               n_categories;
  const char * const *categories;   /* labels under the groups */
  guint               n_series;     /* 1 .. ESS_CHART_MAX_SERIES */
  const char * const *series;       /* legend labels */
  const gint64       *values;       /* values[s * n_categories + c], >= 0 */
  EssChartUnit        unit;
  int                 highlight;    /* category drawn with an outline, -1: none */
} EssBarChart;

void      ess_bar_chart_draw      (cairo_t           *cr,
                                   const EssBarChart *chart,
                                   double             x,
                                   double             y,
                                   double             width,
                                   double             height);
/* The category under (@px, @py) relative to the chart's rectangle, -1 when none. */
int       ess_bar_chart_hit       (const EssBarChart *chart,
                                   double             width,
                                   double             height,
                                   double             px,
                                   double             py);
/* A value as the axis and the tables show it: "12 500 €" (cents only
 * when there are), "45,2 %", "12". */
char     *ess_chart_format_value  (EssChartUnit       unit,
                                   gint64             value);
/* The top of the value axis: the smallest 1, 2 or 5 x 10^k at or above
 * @max (at least 1). */
gint64    ess_chart_nice_ceiling  (gint64             max);

G_END_DECLS
