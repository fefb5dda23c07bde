/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bar charts drawn with cairo and Pango onto any cairo_t: screen, printer or PDF, readable in black and white. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What the values are, for the axis and the labels. */
typedef enum
{
  ESS_CHART_SCALE_MONEY,       /* cents, shown in k€ */
  ESS_CHART_SCALE_DAYS,   /* hundredths of a day, shown in days */
  ESS_CHART_SCALE_PERCENT,          /* hundredths of a percent, shown in % */
} EssChartScale;

/* A chart of groups (the years) of bars (the scenarios), each bar a stack
 * of series (the budget categories). With one series, bars take their
 * fill from their own index and the legend names the bars. */
typedef struct _EssChart EssChart;

EssChart   *ess_chart_new            (const char   *title,
                                      EssChartScale  unit);
void        ess_chart_free           (EssChart     *chart);
guint       ess_chart_add_group      (EssChart     *chart,
                                      const char   *label);
/* @short_label goes under the bar ("A"), @label in the legend. */
guint       ess_chart_add_bar        (EssChart     *chart,
                                      const char   *short_label,
                                      const char   *label);
guint       ess_chart_add_series     (EssChart     *chart,
                                      const char   *label);
void        ess_chart_set_value      (EssChart     *chart,
                                      guint         group,
                                      guint         bar,
                                      guint         series,
                                      gint64        value);
gint64      ess_chart_get_value      (const EssChart *chart,
                                      guint         group,
                                      guint         bar,
                                      guint         series);
/* The sum of the stack of @bar in @group. */
gint64      ess_chart_get_total      (const EssChart *chart,
                                      guint         group,
                                      guint         bar);
/* A dashed horizontal line, such as 100 % of the staff available. */
void        ess_chart_set_threshold  (EssChart     *chart,
                                      gint64        value,
                                      const char   *label);
guint       ess_chart_get_n_groups   (const EssChart *chart);
guint       ess_chart_get_n_bars     (const EssChart *chart);
guint       ess_chart_get_n_series   (const EssChart *chart);

/* A short French label of @value: "174 k€", "78 j", "74,7 %". */
char       *ess_chart_format_short   (EssChartScale  unit,
                                      gint64        value);
/* The exact figure for tables beside the chart: "174 000,00 €", "78 j", "74,7 %". */
char       *ess_chart_format_exact   (EssChartScale  unit,
                                      gint64        value);
/* The labels, for tables and legends. */
const char *ess_chart_get_title      (const EssChart *chart);
EssChartScale ess_chart_get_scale      (const EssChart *chart);
const char *ess_chart_get_group      (const EssChart *chart,
                                      guint         group);
const char *ess_chart_get_bar        (const EssChart *chart,
                                      guint         bar);
const char *ess_chart_get_series     (const EssChart *chart,
                                      guint         series);
/* Fills the current path with fill style @index: a colour and a hatching
 * that stay distinct in grey. */
void        ess_chart_fill_style     (cairo_t      *cr,
                                      guint         index);
/* Draws the chart in the rectangle (0, 0, @width, @height) of @cr. */
void        ess_chart_draw           (const EssChart *chart,
                                      cairo_t      *cr,
                                      double        width,
                                      double        height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssChart, ess_chart_free)

G_END_DECLS
