/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pages of a report as they will print, one at a time, before printing. */
#pragma once

#include <gtk/gtk.h>

#include "ess-report.h"

G_BEGIN_DECLS

#define ESS_TYPE_PRINT_PREVIEW (ess_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (EssPrintPreview, ess_print_preview, ESS, PRINT_PREVIEW, GtkWindow)

/* Shows @report on paper of @width x @height points. The Print button
 * emits "print" and closes the preview. */
EssPrintPreview *ess_print_preview_new        (GtkWindow       *parent,
                                               EssReport       *report,
                                               double           width,
                                               double           height);
int              ess_print_preview_get_page   (EssPrintPreview *self);
int              ess_print_preview_get_n_pages (EssPrintPreview *self);
/* Clamped to the pages of the report. */
void             ess_print_preview_set_page   (EssPrintPreview *self,
                                               int              page);

G_END_DECLS
