/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "ess-bar-chart.h"
#include "ess-money.h"

#define AXIS_WIDTH   78.0
#define LEGEND_LINE  18.0
#define LABEL_HEIGHT 34.0
#define N_TICKS      4

gint64
ess_chart_nice_ceiling (gint64 max)
{
  gint64 power = 1;

  if (max <= 1)
    return 1;
  while (power <= G_MAXINT64 / 10 && power * 10 < max)
    power *= 10;
  if (power >= max)
    return power;
  if (power <= G_MAXINT64 / 2 && 2 * power >= max)
    return 2 * power;
  if (power <= G_MAXINT64 / 5 && 5 * power >= max)
    return 5 * power;
  return power <= G_MAXINT64 / 10 ? 10 * power : G_MAXINT64;
}

char *
ess_chart_format_value (EssChartUnit unit,
                        gint64       value)
{
  switch (unit)
    {
    case ESS_CHART_MONEY:
      {
        g_autofree char *text = ess_money_format (value);
        /* "12 500,00 €" -> "12 500 €" when there are no cents. */
        if (value % 100 == 0)
          {
            char *comma = strstr (text, ",00");
            if (comma != NULL)
              memmove (comma, comma + 3, strlen (comma + 3) + 1);
          }
        return g_steal_pointer (&text);
      }
    case ESS_CHART_BASIS_POINTS:
      return ess_percent_format (value, 10000, 1);
    case ESS_CHART_COUNT:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
}

/* Fills the current path with the pattern of series @s. */
static void
fill_series (cairo_t *cr,
             guint    s)
{
  static const double greys[ESS_CHART_MAX_SERIES] = { 0.25, 0.55, 0.85, 1.0 };
  double x1, y1, x2, y2;

  cairo_set_source_rgb (cr, greys[s % ESS_CHART_MAX_SERIES], greys[s % ESS_CHART_MAX_SERIES],
                        greys[s % ESS_CHART_MAX_SERIES]);
  cairo_fill_preserve (cr);

  /* Series 2 and 3 are light: hatches tell them apart in black and white. */
  if (s % ESS_CHART_MAX_SERIES >= 2)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      cairo_fill_extents (cr, &x1, &y1, &x2, &y2);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_set_line_width (cr, 0.8);
      cairo_new_path (cr);
      for (double d = -(y2 - y1); d < x2 - x1; d += 5)
        {
          if (s % ESS_CHART_MAX_SERIES == 2)
            {
              cairo_move_to (cr, x1 + d, y2);
              cairo_line_to (cr, x1 + d + (y2 - y1), y1);
            }
          else
            {
              cairo_move_to (cr, x1 + d, y1);
              cairo_line_to (cr, x1 + d + (y2 - y1), y2);
            }
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

/* The plot area inside the chart's rectangle. */
static void
plot_area (const EssBarChart *chart,
           double             width,
           double             height,
           double            *px,
           double            *py,
           double            *pw,
           double            *ph)
{
  double legend = chart->n_series > 1 ? LEGEND_LINE + 8 : 0;

  *px = AXIS_WIDTH;
  *py = legend + 6;
  *pw = MAX (width - AXIS_WIDTH - 4, 1);
  *ph = MAX (height - *py - LABEL_HEIGHT, 1);
}

void
ess_bar_chart_draw (cairo_t           *cr,
                    const EssBarChart *chart,
                    double             x,
                    double             y,
                    double             width,
                    double             height)
{
  double px, py, pw, ph, group_w, bar_w;
  gint64 max = 0, top;

  g_return_if_fail (chart->n_series >= 1 && chart->n_series <= ESS_CHART_MAX_SERIES);

  for (guint i = 0; i < chart->n_series * chart->n_categories; i++)
    max = MAX (max, chart->values[i]);
  top = ess_chart_nice_ceiling (max);

  plot_area (chart, width, height, &px, &py, &pw, &ph);

  cairo_save (cr);
  cairo_translate (cr, x, y);

  /* Legend, in one line above the plot. */
  if (chart->n_series > 1)
    {
      double lx = px;

      for (guint s = 0; s < chart->n_series; s++)
        {
          PangoLayout *layout = text_layout (cr, chart->series[s], "Sans 9");
          int w, h;

          cairo_rectangle (cr, lx + 0.5, 2.5, 12, 12);
          fill_series (cr, s);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, lx + 17, 1);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_pixel_size (layout, &w, &h);
          lx += 17 + w + 16;
          g_object_unref (layout);
        }
    }

  /* Value axis with its grid. */
  for (int t = 0; t <= N_TICKS; t++)
    {
      gint64 value = top / N_TICKS * t;
      double ty = py + ph - ph * t / N_TICKS;
      g_autofree char *label = ess_chart_format_value (chart->unit, value);
      PangoLayout *layout = text_layout (cr, label, "Sans 8");
      int w, h;

      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (cr, t == 0 ? 1.2 : 0.6);
      if (t == 0)
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, px, (int) ty + 0.5);
      cairo_line_to (cr, px + pw, (int) ty + 0.5);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, px - 6 - w, ty - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  if (chart->n_categories == 0)
    {
      cairo_restore (cr);
      return;
    }

  group_w = pw / chart->n_categories;
  bar_w = MIN (group_w * 0.8 / chart->n_series, 48);

  for (guint c = 0; c < chart->n_categories; c++)
    {
      double gx = px + group_w * c + (group_w - bar_w * chart->n_series) / 2;
      PangoLayout *layout = text_layout (cr, chart->categories[c], "Sans 8.5");
      int w, h;

      for (guint s = 0; s < chart->n_series; s++)
        {
          gint64 value = chart->values[s * chart->n_categories + c];
          /* Exact to the pixel without floating point money: the ratio of
           * two integers, only for the drawing. */
          double bh = top > 0 ? ph * (double) value / (double) top : 0;

          if (bh <= 0)
            continue;
          cairo_rectangle (cr, (int) (gx + bar_w * s) + 0.5, py + ph - bh, (int) bar_w - 1, bh);
          fill_series (cr, s);
        }

      if ((int) c == chart->highlight)
        {
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, px + group_w * c + 2, py, group_w - 4, ph);
          cairo_stroke (cr);
        }

      pango_layout_set_width (layout, (int) ((group_w - 4) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, px + group_w * c + 2, py + ph + 4);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  cairo_restore (cr);
}

int
ess_bar_chart_hit (const EssBarChart *chart,
                   double             width,
                   double             height,
                   double             x,
                   double             y)
{
  double px, py, pw, ph;
  int c;

  if (chart->n_categories == 0)
    return -1;
  plot_area (chart, width, height, &px, &py, &pw, &ph);
  if (x < px || x >= px + pw || y < py || y > py + ph + LABEL_HEIGHT)
    return -1;
  c = (int) ((x - px) / (pw / chart->n_categories));
  return c < (int) chart->n_categories ? c : -1;
}
