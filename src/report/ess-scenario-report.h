/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed comparison of scenarios: the table, the charts and the arguments, on any cairo_t or in a PDF. */
#pragma once

#include <cairo.h>

#include "ess-scenario-compare.h"

G_BEGIN_DECLS

/* The pages: 1 the indicator table, 2 the charts, 3 the arguments, 4 the
 * amounts by territory, 5 the assumptions. */
#define ESS_SCENARIO_REPORT_N_PAGES 5

/* Draws page @page (from 0) in the rectangle (0, 0, @width, @height) of @cr, in points. */
void      ess_scenario_report_draw_page  (const EssComparison *comparison,
                                          cairo_t             *cr,
                                          double               width,
                                          double               height,
                                          guint                page);
/* Writes the comparison as an A4 landscape PDF. */
gboolean  ess_scenario_report_write_pdf  (const EssComparison *comparison,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
