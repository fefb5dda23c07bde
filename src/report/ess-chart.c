/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bar charts drawn with cairo and Pango onto any cairo_t: screen, printer or PDF, readable in black and white. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "ess-chart.h"
#include "ess-money.h"

#define NBSP "\u00a0"

struct _EssChart
{
  char         *title;
  EssChartScale  unit;
  GPtrArray    *groups;        /* char* */
  GPtrArray    *bars;          /* char* short labels */
  GPtrArray    *bar_labels;    /* char* */
  GPtrArray    *series;        /* char* */
  /* values[(group * n_bars + bar) * n_series + series], laid out again
   * when the dimensions change */
  GArray       *values;
  guint         laid_groups, laid_bars, laid_series;
  gboolean      has_threshold;
  gint64        threshold;
  char         *threshold_label;
};

EssChart *
ess_chart_new (const char   *title,
               EssChartScale  unit)
{
  EssChart *chart = g_new0 (EssChart, 1);

  chart->title = g_strdup (title ? title : "");
  chart->unit = unit;
  chart->groups = g_ptr_array_new_with_free_func (g_free);
  chart->bars = g_ptr_array_new_with_free_func (g_free);
  chart->bar_labels = g_ptr_array_new_with_free_func (g_free);
  chart->series = g_ptr_array_new_with_free_func (g_free);
  chart->values = g_array_new (FALSE, TRUE, sizeof (gint64));
  return chart;
}

void
ess_chart_free (EssChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_ptr_array_unref (chart->groups);
  g_ptr_array_unref (chart->bars);
  g_ptr_array_unref (chart->bar_labels);
  g_ptr_array_unref (chart->series);
  g_array_unref (chart->values);
  g_free (chart->threshold_label);
  g_free (chart);
}

static void
relayout (EssChart *chart)
{
  guint ng = chart->groups->len, nb = chart->bars->len, ns = chart->series->len;
  g_autoptr(GArray) values = NULL;

  if (ng == chart->laid_groups && nb == chart->laid_bars && ns == chart->laid_series)
    return;

  values = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (values, ng * nb * ns);
  for (guint g = 0; g < MIN (ng, chart->laid_groups); g++)
    for (guint b = 0; b < MIN (nb, chart->laid_bars); b++)
      for (guint s = 0; s < MIN (ns, chart->laid_series); s++)
        g_array_index (values, gint64, (g * nb + b) * ns + s) =
          g_array_index (chart->values, gint64, (g * chart->laid_bars + b) * chart->laid_series + s);

  g_array_unref (chart->values);
  chart->values = g_steal_pointer (&values);
  chart->laid_groups = ng;
  chart->laid_bars = nb;
  chart->laid_series = ns;
}

guint
ess_chart_add_group (EssChart   *chart,
                     const char *label)
{
  g_ptr_array_add (chart->groups, g_strdup (label));
  relayout (chart);
  return chart->groups->len - 1;
}

guint
ess_chart_add_bar (EssChart   *chart,
                   const char *short_label,
                   const char *label)
{
  g_ptr_array_add (chart->bars, g_strdup (short_label ? short_label : ""));
  g_ptr_array_add (chart->bar_labels, g_strdup (label ? label : ""));
  relayout (chart);
  return chart->bars->len - 1;
}

guint
ess_chart_add_series (EssChart   *chart,
                      const char *label)
{
  g_ptr_array_add (chart->series, g_strdup (label));
  relayout (chart);
  return chart->series->len - 1;
}

void
ess_chart_set_value (EssChart *chart,
                     guint     group,
                     guint     bar,
                     guint     series,
                     gint64    value)
{
  g_return_if_fail (group < chart->groups->len && bar < chart->bars->len && series < chart->series->len);
  g_array_index (chart->values, gint64, (group * chart->laid_bars + bar) * chart->laid_series + series) = value;
}

gint64
ess_chart_get_value (const EssChart *chart,
                     guint           group,
                     guint           bar,
                     guint           series)
{
  g_return_val_if_fail (group < chart->groups->len && bar < chart->bars->len && series < chart->series->len, 0);
  return g_array_index (chart->values, gint64, (group * chart->laid_bars + bar) * chart->laid_series + series);
}

gint64
ess_chart_get_total (const EssChart *chart,
                     guint           group,
                     guint           bar)
{
  gint64 total = 0;

  for (guint s = 0; s < chart->series->len; s++)
    {
      gint64 value = ess_chart_get_value (chart, group, bar, s);
      if (value > 0 && !ess_money_add (total, value, &total))
        return G_MAXINT64;
    }
  return total;
}

void
ess_chart_set_threshold (EssChart   *chart,
                         gint64      value,
                         const char *label)
{
  chart->has_threshold = TRUE;
  chart->threshold = value;
  g_free (chart->threshold_label);
  chart->threshold_label = g_strdup (label);
}

guint
ess_chart_get_n_groups (const EssChart *chart)
{
  return chart->groups->len;
}

guint
ess_chart_get_n_bars (const EssChart *chart)
{
  return chart->bars->len;
}

guint
ess_chart_get_n_series (const EssChart *chart)
{
  return chart->series->len;
}

/* "174 000" from 17 400 000 hundredths, rounded to a whole number. */
static char *
format_whole (gint64 hundredths)
{
  g_autofree char *plain = ess_money_format_plain ((hundredths + (hundredths >= 0 ? 50 : -50)) / 100 * 100);

  plain[strlen (plain) - 3] = '\0';
  return g_steal_pointer (&plain);
}

char *
ess_chart_format_short (EssChartScale unit,
                        gint64       value)
{
  switch (unit)
    {
    case ESS_CHART_SCALE_MONEY:
      {
        /* Thousands of euros, as the seed writes "110 k€"; under 10 k€ with one decimal. */
        gint64 magnitude = value < 0 ? -value : value;
        if (magnitude != 0 && magnitude < 1000000)
          {
            g_autofree char *tenths = ess_percent_format (value, 10000000, 1);
            /* "8,5 %" -> "8,5" */
            tenths[strlen (tenths) - strlen (NBSP "%")] = '\0';
            return g_strdup_printf ("%s" NBSP "k€", tenths);
          }
        else
          {
            g_autofree char *thousands = format_whole (value / 1000);
            return g_strdup_printf ("%s" NBSP "k€", thousands);
          }
      }
    case ESS_CHART_SCALE_DAYS:
      {
        g_autofree char *days = format_whole (value);
        return g_strdup_printf ("%s" NBSP "j", days);
      }
    case ESS_CHART_SCALE_PERCENT:
    default:
      return ess_percent_format (value, 10000, 0);
    }
}

char *
ess_chart_format_exact (EssChartScale unit,
                        gint64       value)
{
  switch (unit)
    {
    case ESS_CHART_SCALE_MONEY:
      return ess_money_format (value);
    case ESS_CHART_SCALE_DAYS:
      {
        g_autofree char *days = ess_money_format_plain (value);
        return g_strdup_printf ("%s" NBSP "j", days);
      }
    case ESS_CHART_SCALE_PERCENT:
    default:
      return ess_percent_format (value, 10000, 1);
    }
}

const char *
ess_chart_get_title (const EssChart *chart)
{
  return chart->title;
}

EssChartScale
ess_chart_get_scale (const EssChart *chart)
{
  return chart->unit;
}

const char *
ess_chart_get_group (const EssChart *chart,
                     guint           group)
{
  g_return_val_if_fail (group < chart->groups->len, NULL);
  return g_ptr_array_index (chart->groups, group);
}

const char *
ess_chart_get_bar (const EssChart *chart,
                   guint           bar)
{
  g_return_val_if_fail (bar < chart->bars->len, NULL);
  return g_ptr_array_index (chart->bar_labels, bar);
}

const char *
ess_chart_get_series (const EssChart *chart,
                      guint           series)
{
  g_return_val_if_fail (series < chart->series->len, NULL);
  return g_ptr_array_index (chart->series, series);
}

/* Colours chosen for distinct lightness, so that grey prints keep them
 * apart; the hatching does the rest. */
static const double palette[][3] = {
  { 0.20, 0.40, 0.70 },
  { 0.95, 0.65, 0.25 },
  { 0.35, 0.65, 0.35 },
  { 0.85, 0.85, 0.85 },
  { 0.55, 0.30, 0.55 },
  { 0.95, 0.90, 0.45 },
  { 0.70, 0.25, 0.20 },
  { 0.55, 0.75, 0.90 },
};

typedef enum
{
  HATCH_NONE,
  HATCH_SLASH,
  HATCH_DOTS,
  HATCH_HORIZONTAL,
  HATCH_BACKSLASH,
  HATCH_CROSS,
  HATCH_VERTICAL,
  HATCH_GRID,
  N_HATCHES
} Hatch;

void
ess_chart_fill_style (cairo_t *cr,
                      guint    index)
{
  const double *rgb = palette[index % G_N_ELEMENTS (palette)];
  Hatch hatch = (Hatch) ((index + index / G_N_ELEMENTS (palette)) % N_HATCHES);
  double x1, y1, x2, y2;

  cairo_save (cr);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill_preserve (cr);

  cairo_clip_preserve (cr);
  cairo_path_extents (cr, &x1, &y1, &x2, &y2);
  cairo_new_path (cr);
  cairo_set_line_width (cr, 1.0);
  /* Dark lines on light fills, light lines on dark ones. */
  if (0.3 * rgb[0] + 0.6 * rgb[1] + 0.1 * rgb[2] > 0.5)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.75);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);

  switch (hatch)
    {
    case HATCH_SLASH:
    case HATCH_CROSS:
      for (double d = x1 - (y2 - y1); d < x2; d += 6)
        {
          cairo_move_to (cr, d, y2);
          cairo_line_to (cr, d + (y2 - y1), y1);
        }
      if (hatch == HATCH_SLASH)
        break;
      G_GNUC_FALLTHROUGH;
    case HATCH_BACKSLASH:
      for (double d = x1 - (y2 - y1); d < x2; d += 6)
        {
          cairo_move_to (cr, d, y1);
          cairo_line_to (cr, d + (y2 - y1), y2);
        }
      break;
    case HATCH_GRID:
    case HATCH_HORIZONTAL:
      /* On pixel centres, so that screens show crisp lines. */
      for (double y = floor (y1) + 3.5; y < y2; y += 5)
        {
          cairo_move_to (cr, x1, y);
          cairo_line_to (cr, x2, y);
        }
      if (hatch == HATCH_HORIZONTAL)
        break;
      G_GNUC_FALLTHROUGH;
    case HATCH_VERTICAL:
      for (double x = floor (x1) + 3.5; x < x2; x += 5)
        {
          cairo_move_to (cr, x, y1);
          cairo_line_to (cr, x, y2);
        }
      break;
    case HATCH_DOTS:
      for (double y = y1 + 3; y < y2; y += 5)
        for (double x = x1 + 3 + (((int) ((y - y1) / 5)) % 2) * 2.5; x < x2; x += 5)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x, y, 0.9, 0, 2 * G_PI);
          }
      cairo_fill (cr);
      break;
    case HATCH_NONE:
    case N_HATCHES:
    default:
      break;
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* An outline, so that touching fills stay apart. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 0.7);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text with its top-left, top-centre or top-right at (@x, @y);
 * returns its height. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           gboolean    bold,
           double      align,   /* 0 left, 0.5 centre, 1 right */
           double      max_width)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, FALSE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* A round step for about @n ticks up to @max (in value units). */
static gint64
nice_step (gint64 max,
           int    n)
{
  static const gint64 factors[] = { 1, 2, 5 };
  gint64 raw = max / n;
  gint64 power = 1;

  if (raw <= 0)
    return 1;
  while (power <= raw / 10)
    power *= 10;
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        if (factors[i] * power >= raw)
          return factors[i] * power;
      power *= 10;
    }
}

void
ess_chart_draw (const EssChart *chart,
                cairo_t        *cr,
                double          width,
                double          height)
{
  guint ng = chart->groups->len, nb = chart->bars->len, ns = chart->series->len;
  gboolean by_series = ns > 1;
  guint n_legend = by_series ? ns : nb;
  GPtrArray *legend = by_series ? chart->series : chart->bar_labels;
  double font = CLAMP (height / 32, 8, 11);
  double top, bottom, left, right, plot_h, legend_h, x, y, row_h;
  gint64 max = 0, step, axis_max;
  double group_w, bar_w;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  top = 4 + draw_text (cr, chart->title, 4, 4, font * 1.15, TRUE, 0, width - 8) + 6;

  /* The legend, in rows, at the bottom. */
  row_h = font * 1.6;
  {
    double lx = 8, rows = 1;
    for (guint i = 0; i < n_legend; i++)
      {
        double w = 18 + text_width (cr, g_ptr_array_index (legend, i), font) + 14;
        if (lx + w > width - 4 && lx > 8)
          {
            rows++;
            lx = 8;
          }
        lx += w;
      }
    if (by_series && nb > 1)
      {
        rows++;
        lx = 8;
        for (guint b = 0; b < nb; b++)
          {
            g_autofree char *text = g_strdup_printf ("%s = %s", (char *) g_ptr_array_index (chart->bars, b),
                                                     (char *) g_ptr_array_index (chart->bar_labels, b));
            double w = text_width (cr, text, font) + 16;
            if (lx + w > width - 4 && lx > 8)
              {
                rows++;
                lx = 8;
              }
            lx += w;
          }
      }
    if (chart->has_threshold && chart->threshold_label != NULL)
      rows++;
    legend_h = rows * row_h + 6;
  }

  for (guint g = 0; g < ng; g++)
    for (guint b = 0; b < nb; b++)
      max = MAX (max, ess_chart_get_total (chart, g, b));
  if (chart->has_threshold)
    max = MAX (max, chart->threshold);
  step = nice_step (max > 0 ? max : 100, 5);
  axis_max = ((max + step - 1) / step) * step;
  if (axis_max == 0)
    axis_max = step;

  {
    g_autofree char *widest = ess_chart_format_short (chart->unit, axis_max);
    left = 8 + text_width (cr, widest, font) + 6;
  }
  right = width - 8;
  bottom = height - legend_h - (nb > 1 && by_series ? font * 1.4 : 0) - font * 1.6 - 4;
  plot_h = bottom - top;
  if (plot_h < 20 || right - left < 20 || ng == 0 || nb == 0)
    {
      cairo_restore (cr);
      return;
    }

  /* Grid and axis labels. */
  cairo_set_line_width (cr, 0.5);
  for (gint64 v = 0; v <= axis_max; v += step)
    {
      g_autofree char *label = ess_chart_format_short (chart->unit, v);
      double gy = bottom - plot_h * ((double) v / (double) axis_max);

      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_move_to (cr, left, gy);
      cairo_line_to (cr, right, gy);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      draw_text (cr, label, left - 4, gy - font * 0.7, font, FALSE, 1, 0);
    }

  group_w = (right - left) / ng;
  bar_w = MIN (group_w * 0.8 / nb, 60);
  for (guint g = 0; g < ng; g++)
    {
      double gx = left + g * group_w + (group_w - bar_w * nb) / 2;

      for (guint b = 0; b < nb; b++)
        {
          double bx = gx + b * bar_w + 1;
          double base = bottom;
          gint64 total = ess_chart_get_total (chart, g, b);

          for (guint s = 0; s < ns; s++)
            {
              gint64 value = ess_chart_get_value (chart, g, b, s);
              double h;

              if (value <= 0)
                continue;
              h = plot_h * ((double) value / (double) axis_max);
              cairo_rectangle (cr, bx, base - h, bar_w - 2, h);
              ess_chart_fill_style (cr, by_series ? s : b);
              base -= h;
            }

          /* The total above the bar, when there is room for it. */
          {
            g_autofree char *label = ess_chart_format_short (chart->unit, total);
            double size = font * 0.85;
            if (text_width (cr, label, size) <= bar_w + group_w * 0.1 / nb || nb == 1)
              {
                cairo_set_source_rgb (cr, 0, 0, 0);
                draw_text (cr, label, bx + (bar_w - 2) / 2, base - size * 1.4, size, FALSE, 0.5, 0);
              }
          }

          if (nb > 1 && by_series)
            {
              cairo_set_source_rgb (cr, 0, 0, 0);
              draw_text (cr, g_ptr_array_index (chart->bars, b), bx + (bar_w - 2) / 2, bottom + 2,
                         font * 0.9, TRUE, 0.5, 0);
            }
        }

      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, g_ptr_array_index (chart->groups, g), left + g * group_w + group_w / 2,
                 bottom + 2 + (nb > 1 && by_series ? font * 1.4 : 0), font, FALSE, 0.5, group_w);
    }

  /* The axis line over the bars' feet. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);

  if (chart->has_threshold)
    {
      static const double dash[] = { 6, 3 };
      double ty = bottom - plot_h * ((double) chart->threshold / (double) axis_max);

      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.6);
      cairo_set_source_rgb (cr, 0.6, 0, 0);
      cairo_move_to (cr, left, ty);
      cairo_line_to (cr, right, ty);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Legend. */
  x = 8;
  y = height - legend_h + 4;
  for (guint i = 0; i < n_legend; i++)
    {
      g_autofree char *text = NULL;
      double w;

      if (by_series || nb <= 1)
        text = g_strdup (g_ptr_array_index (legend, i));
      else
        text = g_strdup_printf ("%s %s", (char *) g_ptr_array_index (chart->bars, i),
                                (char *) g_ptr_array_index (legend, i));
      w = 18 + text_width (cr, text, font) + 14;
      if (x + w > width - 4 && x > 8)
        {
          x = 8;
          y += row_h;
        }
      cairo_rectangle (cr, x, y + 1, 14, font + 2);
      ess_chart_fill_style (cr, i);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, text, x + 18, y, font, FALSE, 0, 0);
      x += w;
    }
  if (by_series && nb > 1)
    {
      /* The bars' letters are named after the categories. */
      y += row_h;
      x = 8;
      for (guint b = 0; b < nb; b++)
        {
          g_autofree char *text = g_strdup_printf ("%s = %s", (char *) g_ptr_array_index (chart->bars, b),
                                                   (char *) g_ptr_array_index (chart->bar_labels, b));
          double w = text_width (cr, text, font) + 16;
          if (x + w > width - 4 && x > 8)
            {
              x = 8;
              y += row_h;
            }
          cairo_set_source_rgb (cr, 0, 0, 0);
          draw_text (cr, text, x, y, font, FALSE, 0, 0);
          x += w;
        }
    }
  if (chart->has_threshold && chart->threshold_label != NULL)
    {
      static const double dash[] = { 6, 3 };

      y += row_h;
      x = 8;
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.6);
      cairo_set_source_rgb (cr, 0.6, 0, 0);
      cairo_move_to (cr, x, y + font * 0.7);
      cairo_line_to (cr, x + 14, y + font * 0.7);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, chart->threshold_label, x + 18, y, font, FALSE, 0, 0);
    }

  cairo_restore (cr);
}
