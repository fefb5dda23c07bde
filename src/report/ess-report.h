/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printable documents (fiches d'instruction, committee packs) drawn on any cairo context. */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ess-store.h"

G_BEGIN_DECLS

/* ISO A4 in points, the default paper. */
#define ESS_REPORT_A4_WIDTH  595.28
#define ESS_REPORT_A4_HEIGHT 841.89

#define ESS_TYPE_REPORT (ess_report_get_type ())
G_DECLARE_FINAL_TYPE (EssReport, ess_report, ESS, REPORT, GObject)

/* A report reads everything it prints from the store when it is made, so
 * that drawing never touches the database: the store may change or close
 * afterwards. The user units of the cairo contexts it draws on are
 * points with the origin at the top left corner of the paper
 * (GtkPrintOperation: unit GTK_UNIT_POINTS and use-full-page TRUE; the
 * report sets its own margins). */

/* The fiches d'instruction of the dossiers of @ids, in that order, each
 * starting on a new page; the private notes only when @private_notes. */
EssReport  *ess_report_new_fiches     (EssStore      *store,
                                       const gint64  *ids,
                                       guint          n_ids,
                                       gboolean       private_notes,
                                       GError       **error);
/* A committee pack: a cover table of the dossiers of @ids (in that order)
 * with their totals and the envelopes of their schemes and years, then
 * the fiche of each, on a new page. Private notes are never printed.
 * @title: "Comité du 5 mars 2024", or NULL for a generic title. */
EssReport  *ess_report_new_committee  (EssStore      *store,
                                       const gint64  *ids,
                                       guint          n_ids,
                                       const char    *title,
                                       GError       **error);

/* The yearly report of the dashboard ("bilan") of the years
 * @first_year..@last_year for @scheme (NULL: every scheme): envelopes and
 * amounts per year, commune sizes against their population, the
 * territories on the map, the largest beneficiaries, legal forms, volets
 * and the dossiers by status, with the dashboard's sentences and charts. */
EssReport  *ess_report_new_dashboard  (EssStore      *store,
                                       int            first_year,
                                       int            last_year,
                                       const char    *scheme,
                                       GError       **error);

/* The document's title, for the print job and the PDF metadata. */
const char *ess_report_get_title      (EssReport     *self);
/* The date printed in the page header and under the signature: now,
 * unless set. */
void        ess_report_set_date       (EssReport     *self,
                                       GDateTime     *date);

/* Pages of the report on paper of @width x @height points (at least 1).
 * The layout is computed once per paper size. */
int         ess_report_get_n_pages    (EssReport     *self,
                                       double         width,
                                       double         height);
/* Draws page @page (from 0) on @cr, whose user space is the page in
 * points with its origin at the top left corner of the paper. */
void        ess_report_draw_page      (EssReport     *self,
                                       cairo_t       *cr,
                                       int            page,
                                       double         width,
                                       double         height);
/* Writes the whole report as an A4 PDF, fonts embedded. The file is
 * replaced only when complete: on failure nothing is written and @error
 * says, in French, which file could not be written and why. */
gboolean    ess_report_write_pdf      (EssReport     *self,
                                       const char    *path,
                                       GError       **error);

G_END_DECLS
