/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the report files share: the blocks a document is made of (the page
 * engine of ess-report.c), the names the fiches print, and what the tests
 * measure. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ess-report.h"
#include "ess-store.h"

G_BEGIN_DECLS

typedef enum
{
  ESS_REPORT_TONE_NEUTRAL,
  ESS_REPORT_TONE_OK,
  ESS_REPORT_TONE_INFO,
  ESS_REPORT_TONE_WARNING,
  ESS_REPORT_TONE_ALERT,
} EssReportTone;

typedef enum
{
  ESS_REPORT_ALIGN_LEFT,
  ESS_REPORT_ALIGN_CENTER,
  ESS_REPORT_ALIGN_RIGHT,
} EssReportAlign;

typedef enum
{
  ESS_REPORT_ROW_BODY,
  ESS_REPORT_ROW_GROUP,    /* one cell across the table: a group of rows (an axis) */
  ESS_REPORT_ROW_TOTAL,    /* bold, shaded, ruled above */
  ESS_REPORT_ROW_EXTRA,    /* italic, lightly shaded: declared totals, gaps */
} EssReportRowKind;

typedef enum
{
  ESS_REPORT_TEXT_BODY,
  ESS_REPORT_TEXT_SMALL,
  ESS_REPORT_TEXT_MUTED,
} EssReportTextStyle;

/* A block of the document: laid out on the width of the page, then split
 * between pages where it allows it (between lines, rows or items). */
typedef struct _EssReportBlock EssReportBlock;

/* The page: 18 mm side margins, the header and the footer in the top and
 * bottom margins; the blocks are laid out between CONTENT_TOP and
 * CONTENT_BOTTOM (from the bottom edge), in points. */
#define ESS_REPORT_MARGIN_X        51.0
#define ESS_REPORT_CONTENT_TOP     62.0
#define ESS_REPORT_CONTENT_BOTTOM  54.0

/* An empty document, dated now. */
EssReport      *ess_report_new               (const char         *title);
void            ess_report_set_title         (EssReport          *self,
                                              const char         *title);
/* Starts a new page (unless nothing is printed yet) whose header shows
 * @label, and so do the following pages. */
void            ess_report_begin_section     (EssReport          *self,
                                              const char         *label);
/* The shaded band at the top of a document. @detail is markup. */
void            ess_report_add_band          (EssReport          *self,
                                              const char         *kicker,
                                              const char         *title,
                                              const char         *subtitle,
                                              const char         *reference,
                                              const char         *detail);
void            ess_report_add_heading       (EssReport          *self,
                                              const char         *text);
void            ess_report_add_text          (EssReport          *self,
                                              EssReportTextStyle  style,
                                              const char         *text);
void            ess_report_add_markup        (EssReport          *self,
                                              EssReportTextStyle  style,
                                              const char         *markup);

/* Label and value pairs, two per line; a wide pair takes the whole line.
 * The value is plain text. */
EssReportBlock *ess_report_add_grid          (EssReport          *self);
void            ess_report_grid_add          (EssReportBlock     *grid,
                                              const char         *label,
                                              const char         *value,
                                              gboolean            wide);
void            ess_report_grid_add_markup   (EssReportBlock     *grid,
                                              const char         *label,
                                              const char         *markup,
                                              gboolean            wide);

/* A table whose header row is repeated on every page it spans. A column
 * of @weight 0 is as wide as its widest cell (amounts); the others share
 * what is left in proportion to their weight and wrap. */
EssReportBlock *ess_report_add_table         (EssReport          *self);
void            ess_report_table_add_column  (EssReportBlock     *table,
                                              const char         *header,
                                              EssReportAlign      align,
                                              double              weight);
guint           ess_report_table_add_row     (EssReportBlock     *table,
                                              EssReportRowKind    kind);
void            ess_report_table_set         (EssReportBlock     *table,
                                              guint               row,
                                              guint               column,
                                              const char         *text);
void            ess_report_table_set_markup  (EssReportBlock     *table,
                                              guint               row,
                                              guint               column,
                                              const char         *markup);
guint           ess_report_table_get_n_rows  (EssReportBlock     *table);

/* A framed box of items (findings), each with a short coloured tag and
 * a text in markup. */
EssReportBlock *ess_report_add_box           (EssReport          *self,
                                              EssReportTone       tone,
                                              const char         *title);
void            ess_report_box_add           (EssReportBlock     *box,
                                              EssReportTone       tone,
                                              const char         *tag,
                                              const char         *markup);

/* A signature: @role, @name, @date (NULL: "On <the print date>"), and at
 * the left the role of a countersignature (@visa, or NULL). */
void            ess_report_add_signature     (EssReport          *self,
                                              const char         *role,
                                              const char         *name,
                                              const char         *date,
                                              const char         *visa);

/* The print date, "5 mars 2024". */
char           *ess_report_dup_date_long     (EssReport          *self);

/* A figure drawn by @draw on the content width and @height points, kept
 * on one page. @draw gets a context whose origin is the figure's top left
 * corner. @destroy frees @data with the report. */
typedef void  (*EssReportDrawFunc)           (cairo_t            *cr,
                                              double              width,
                                              double              height,
                                              gpointer            data);
void            ess_report_add_figure        (EssReport          *self,
                                              double              height,
                                              EssReportDrawFunc   draw,
                                              gpointer            data,
                                              GDestroyNotify      destroy);
/* Markup helpers. */
char           *ess_report_markup_alert      (const char         *text);
char           *ess_report_markup_bold       (const char         *text);

/* The page header's label (the reference of a fiche) and the body as the
 * text boxes and fills of the page, in points on the paper: what the
 * tests check against the margins. @boxes gets cairo_rectangle_t. */
void            ess_report_get_page_boxes    (EssReport          *self,
                                              int                 page,
                                              double              width,
                                              double              height,
                                              GArray             *boxes);

/* Names of the codes a dossier holds, read once for a whole pack. */
typedef struct
{
  EssStore   *store;
  GHashTable *schemes;       /* code -> name */
  GHashTable *legal_forms;   /* code -> label */
  GHashTable *communes;      /* INSEE -> name */
  GHashTable *volets;        /* "APT/2" -> name */
} EssReportSources;

EssReportSources *ess_report_sources_new   (EssStore          *store,
                                            GError           **error);
void              ess_report_sources_free  (EssReportSources  *sources);

/* Appends the fiche of a dossier, starting on a new page whose header
 * shows its reference, after @pack_title (or NULL) when it is part of a
 * committee pack. */
gboolean        ess_report_add_fiche         (EssReport          *self,
                                              EssReportSources   *sources,
                                              gint64              dossier_id,
                                              gboolean            private_notes,
                                              const char         *pack_title,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssReportSources, ess_report_sources_free)

G_END_DECLS
