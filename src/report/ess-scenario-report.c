/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed comparison of scenarios: the table, the charts and the arguments, on any cairo_t or in a PDF. */

#include "config.h"

#include <errno.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ess-money.h"
#include "ess-scenario-charts.h"
#include "ess-scenario-report.h"

#define MARGIN 36.0
#define A4_LONG 841.89
#define A4_SHORT 595.28

static PangoLayout *
layout_new (cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text wrapped in @width, at most @max_height high (ellipsized),
 * aligned 0 left or 1 right; returns the height used. */
static double
text_at (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      width,
         double      size,
         gboolean    bold,
         gboolean    right,
         double      max_height)
{
  g_autoptr(PangoLayout) layout = layout_new (cr, text, size, bold, width);
  int w, h;

  if (right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  if (max_height > 0)
    {
      pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

static void
draw_footer (const EssComparison *comparison,
             cairo_t             *cr,
             double               width,
             double               height,
             guint                page)
{
  g_autofree char *period = ess_comparison_period (comparison);
  g_autofree char *left = g_strdup_printf (_("Instruction ESS — scenarios for the APT, %s"), period);
  g_autofree char *right = g_strdup_printf (_("Page %u of %u"), page + 1, ESS_SCENARIO_REPORT_N_PAGES);

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  text_at (cr, left, MARGIN, height - MARGIN + 10, width / 2, 7.5, FALSE, FALSE, 0);
  text_at (cr, right, width / 2, height - MARGIN + 10, width / 2 - MARGIN, 7.5, FALSE, TRUE, 0);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static double
draw_title (const EssComparison *comparison,
            cairo_t             *cr,
            double               width,
            const char          *title)
{
  const EssScenario *reference = g_ptr_array_index (comparison->scenarios, comparison->reference);
  g_autofree char *period = ess_comparison_period (comparison);
  g_autofree char *subtitle = g_strdup_printf (_("%s — differences to the reference: %s"), period, reference->name);
  double y = MARGIN;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += text_at (cr, title, MARGIN, y, width - 2 * MARGIN, 15, TRUE, FALSE, 0) + 2;
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  y += text_at (cr, subtitle, MARGIN, y, width - 2 * MARGIN, 9, FALSE, FALSE, 0) + 8;
  cairo_set_source_rgb (cr, 0, 0, 0);
  return y;
}

static void
draw_table (const EssComparison *comparison,
            cairo_t             *cr,
            double               width,
            double               height)
{
  guint n = comparison->scenarios->len;
  double y = draw_title (comparison, cr, width, _("Comparison of the scenarios"));
  double label_w = 250, col_w, row_h, header_h = 0;
  double bottom = height - MARGIN;

  col_w = (width - 2 * MARGIN - label_w) / MAX (n, 1);

  /* Heading: the scenarios' letters and names. */
  for (guint i = 0; i < n; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);
      g_autofree char *name = g_strdup_printf ("%s  %s%s", letter, scenario->name,
                                               i == comparison->reference ? _(" (reference)") : "");
      double h = text_at (cr, name, MARGIN + label_w + i * col_w + 4, y, col_w - 8, 8.5, TRUE, TRUE, 34);
      header_h = MAX (header_h, h);
    }
  y += header_h + 4;
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, width - MARGIN, y);
  cairo_stroke (cr);
  y += 2;

  row_h = MIN (21, (bottom - y) / ESS_N_SCENARIO_INDICATORS);
  for (guint r = 0; r < ESS_N_SCENARIO_INDICATORS; r++)
    {
      g_autofree char *label = ess_comparison_row_label (comparison, r);
      double size = row_h >= 19 ? 8 : 7;

      if (r % 2 == 0)
        {
          cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
          cairo_rectangle (cr, MARGIN, y, width - 2 * MARGIN, row_h);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, label, MARGIN + 2, y + 1, label_w - 4, size, FALSE, FALSE, row_h - 1);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *cell = ess_comparison_cell (comparison, r, i);
          g_autofree char *difference = ess_comparison_difference (comparison, r, i);
          double x = MARGIN + label_w + i * col_w + 4;

          cairo_set_source_rgb (cr, 0, 0, 0);
          text_at (cr, cell, x, y + 1, col_w - 8, size, i == comparison->reference, TRUE, 0);
          if (*difference != '\0')
            {
              cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
              text_at (cr, difference, x, y + 1 + size * 1.25, col_w - 8, size * 0.85, FALSE, TRUE, 0);
            }
        }
      y += row_h;
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
draw_charts (const EssComparison *comparison,
             cairo_t             *cr,
             double               width,
             double               height)
{
  double y = draw_title (comparison, cr, width, _("Budget and staff of the scenarios"));
  double h = height - MARGIN - y;
  g_autoptr(EssChart) budget = ess_scenario_chart_budget (comparison);
  g_autoptr(EssChart) staff = ess_scenario_chart_staff (comparison);
  double budget_w = (width - 2 * MARGIN) * 0.62;

  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  ess_chart_draw (budget, cr, budget_w - 8, h);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, MARGIN + budget_w + 8, y);
  ess_chart_draw (staff, cr, width - 2 * MARGIN - budget_w - 8, h);
  cairo_restore (cr);
}

static void
draw_arguments (const EssComparison *comparison,
                cairo_t             *cr,
                double               width,
                double               height)
{
  guint n = comparison->scenarios->len;
  double top = draw_title (comparison, cr, width, _("Arguments for and against each scenario"));
  double col_w = (width - 2 * MARGIN) / MAX (n, 1);
  double bottom = height - MARGIN;

  for (guint i = 0; i < n; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);
      g_autofree char *name = g_strdup_printf ("%s  %s", letter, scenario->name);
      double x = MARGIN + i * col_w + 4, w = col_w - 12, y = top, share;
      struct { const char *heading; const char *text; } parts[] = {
        { _("What it is"), scenario->description },
        { _("For"), scenario->arguments_for },
        { _("Against"), scenario->arguments_against },
      };

      y += text_at (cr, name, x, y, w, 10, TRUE, FALSE, 0) + 2;
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      y += text_at (cr, ess_scenario_kind_label (scenario->kind), x, y, w, 8, FALSE, FALSE, 0) + 6;
      cairo_set_source_rgb (cr, 0, 0, 0);

      /* The three texts share what is left of the column. */
      share = (bottom - y) / G_N_ELEMENTS (parts);
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          double start = y;
          y += text_at (cr, parts[p].heading, x, y, w, 8.5, TRUE, FALSE, 0) + 1;
          y += text_at (cr, parts[p].text && *parts[p].text ? parts[p].text : "—", x, y, w, 8, FALSE, FALSE,
                        share - (y - start) - 6) + 6;
        }

      if (i > 0)
        {
          cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, MARGIN + i * col_w - 2, top);
          cairo_line_to (cr, MARGIN + i * col_w - 2, bottom);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
    }
}

static void
draw_territories (const EssComparison *comparison,
                  cairo_t             *cr,
                  double               width,
                  double               height)
{
  guint n = comparison->scenarios->len;
  double y = draw_title (comparison, cr, width, _("Amounts expected by territory"));
  double label_w = 250, col_w = (width - 2 * MARGIN - label_w) / MAX (n, 1), row_h = 24;

  for (guint i = 0; i < n; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);
      g_autofree char *name = g_strdup_printf ("%s  %s%s", letter, scenario->name,
                                               i == comparison->reference ? _(" (reference)") : "");

      text_at (cr, name, MARGIN + label_w + i * col_w + 4, y, col_w - 8, 8.5, TRUE, TRUE, 34);
    }
  y += 36;

  if (comparison->territory_ids->len == 0)
    text_at (cr, _("No territory."), MARGIN, y, width - 2 * MARGIN, 8.5, FALSE, FALSE, 0);

  for (guint t = 0; t < comparison->territory_ids->len && y < height - MARGIN - row_h; t++)
    {
      g_autofree char *label = ess_comparison_territory_label (comparison, t);

      if (t % 2 == 0)
        {
          cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
          cairo_rectangle (cr, MARGIN, y, width - 2 * MARGIN, row_h);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, label, MARGIN + 2, y + 2, label_w - 4, 8, FALSE, FALSE, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *value = ess_money_format (ess_comparison_territory_cents (comparison, t, i));
          g_autofree char *difference = ess_comparison_territory_difference (comparison, t, i);
          double x = MARGIN + label_w + i * col_w + 4;

          cairo_set_source_rgb (cr, 0, 0, 0);
          text_at (cr, value, x, y + 2, col_w - 8, 8, i == comparison->reference, TRUE, 0);
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
          text_at (cr, difference, x, y + 12, col_w - 8, 6.8, FALSE, TRUE, 0);
        }
      y += row_h;
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
}

/* "0,5" or "2 / 2 / 1 / 1 / 1 / 1" when the years differ. */
static char *
assumption_values (const EssScenario *scenario,
                   EssAssumption      assumption)
{
  GString *out = g_string_new (NULL);
  gboolean same = TRUE;
  gint64 first = g_array_index (scenario->years, EssScenarioYear, 0).assumptions[assumption];

  for (guint y = 1; y < scenario->years->len; y++)
    same &= g_array_index (scenario->years, EssScenarioYear, y).assumptions[assumption] == first;

  for (guint y = 0; y < (same ? 1 : scenario->years->len); y++)
    {
      gint64 value = g_array_index (scenario->years, EssScenarioYear, y).assumptions[assumption];
      g_autofree char *text = ess_assumption_info (assumption)->unit == ESS_UNIT_COUNT
                                ? g_strdup_printf ("%" G_GINT64_FORMAT, value)
                                : ess_centi_format (value);
      g_string_append_printf (out, "%s%s", y > 0 ? " / " : "", text);
    }
  return g_string_free (out, FALSE);
}

static void
draw_assumptions (const EssComparison *comparison,
                  cairo_t             *cr,
                  double               width,
                  double               height)
{
  guint n = comparison->scenarios->len;
  double y = draw_title (comparison, cr, width, _("Assumptions of the scenarios"));
  double label_w = 250, col_w = (width - 2 * MARGIN - label_w) / MAX (n, 1), row_h = 18;

  for (guint i = 0; i < n; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);
      g_autofree char *name = g_strdup_printf ("%s  %s", letter, scenario->name);

      text_at (cr, name, MARGIN + label_w + i * col_w + 4, y, col_w - 8, 8.5, TRUE, TRUE, 34);
    }
  y += 36;

  for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
    {
      if (a % 2 == 0)
        {
          cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
          cairo_rectangle (cr, MARGIN, y, width - 2 * MARGIN, row_h);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, ess_assumption_label (a), MARGIN + 2, y + 2, label_w - 4, 8, FALSE, FALSE, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *values = assumption_values (g_ptr_array_index (comparison->scenarios, i), a);
          text_at (cr, values, MARGIN + label_w + i * col_w + 4, y + 2, col_w - 8, 8, FALSE, TRUE, 0);
        }
      y += row_h;
    }

  y += 12;
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  y += text_at (cr, _("Values per year of the horizon when they change. Each value is a hypothesis, "
                 "to be changed in Instruction ESS, where its source is noted; the staff times are "
                 "in days, the staff in full-time equivalents (ETP)."),
           MARGIN, y, width - 2 * MARGIN, 8, FALSE, FALSE, 0) + 14;
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* Where the budget lines come from, as long as the page lasts. */
  y += text_at (cr, _("Budget lines"), MARGIN, y, width - 2 * MARGIN, 9, TRUE, FALSE, 0) + 4;
  for (guint i = 0; i < n && y < height - MARGIN - 10; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);

      for (guint l = 0; l < scenario->lines->len && y < height - MARGIN - 10; l++)
        {
          const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);
          g_autofree char *text = g_strdup_printf ("%s  %s — %s", letter, line->label,
                                                   line->hypothesis && *line->hypothesis ? line->hypothesis : "—");
          y += text_at (cr, text, MARGIN, y, width - 2 * MARGIN, 7.5, FALSE, FALSE, height - MARGIN - y) + 2;
        }
    }
}

void
ess_scenario_report_draw_page (const EssComparison *comparison,
                               cairo_t             *cr,
                               double               width,
                               double               height,
                               guint                page)
{
  g_return_if_fail (page < ESS_SCENARIO_REPORT_N_PAGES);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (comparison->scenarios->len > 0)
    switch (page)
      {
      case 0:
        draw_table (comparison, cr, width, height);
        break;
      case 1:
        draw_charts (comparison, cr, width, height);
        break;
      case 2:
        draw_arguments (comparison, cr, width, height);
        break;
      case 3:
        draw_territories (comparison, cr, width, height);
        break;
      case 4:
      default:
        draw_assumptions (comparison, cr, width, height);
        break;
      }
  draw_footer (comparison, cr, width, height, page);
  cairo_restore (cr);
}

gboolean
ess_scenario_report_write_pdf (const EssComparison  *comparison,
                               const char           *path,
                               GError              **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_LONG, A4_SHORT);
  cairo_status_t status = cairo_surface_status (surface);
  cairo_t *cr;

  if (status == CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *period = ess_comparison_period (comparison);
      g_autofree char *title = g_strdup_printf (_("Scenarios for the APT, %s"), period);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
      cr = cairo_create (surface);
      for (guint page = 0; page < ESS_SCENARIO_REPORT_N_PAGES; page++)
        {
          ess_scenario_report_draw_page (comparison, cr, A4_LONG, A4_SHORT, page);
          cairo_show_page (cr);
        }
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, status == CAIRO_STATUS_WRITE_ERROR ? G_FILE_ERROR_IO : G_FILE_ERROR_FAILED,
                   _("Could not write the PDF “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
