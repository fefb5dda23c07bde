/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the two files of the page engine share: the page, the blocks, the rows and the report itself. */
#pragma once

#include <pango/pangocairo.h>

#include "ess-report.h"
#include "ess-report-private.h"

G_BEGIN_DECLS

/* The page in points: 18 mm side margins, a header and a footer line. */
#define MARGIN_X        ESS_REPORT_MARGIN_X
#define HEADER_Y        28.0
#define CONTENT_TOP     ESS_REPORT_CONTENT_TOP
#define CONTENT_BOTTOM  ESS_REPORT_CONTENT_BOTTOM
#define FOOTER_Y        40.0   /* from the bottom edge: the footer's rule */
#define MIN_CONTENT     120.0
/* A row taller than this (a table row with a long text) is cut between
 * its lines into rows that pagination may put on different pages, so
 * that no row is ever taller than a page. */
#define ROW_SPLIT       160.0

#define FONT_FAMILY "DejaVu Sans"

/* Tables. */
#define CELL_PAD_X 3.5
#define CELL_PAD_Y 2.0
#define FIT_COLUMN_MAX 140.0

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb INK G_GNUC_UNUSED = { 0.11, 0.12, 0.14 };
static const Rgb MUTED G_GNUC_UNUSED = { 0.36, 0.38, 0.42 };
static const Rgb ACCENT G_GNUC_UNUSED = { 0.10, 0.24, 0.43 };
static const Rgb RULE G_GNUC_UNUSED = { 0.80, 0.82, 0.85 };
static const Rgb RULE_DARK G_GNUC_UNUSED = { 0.33, 0.37, 0.43 };
static const Rgb BAND_BG G_GNUC_UNUSED = { 0.925, 0.94, 0.965 };
static const Rgb HEAD_BG G_GNUC_UNUSED = { 0.87, 0.90, 0.945 };
static const Rgb GROUP_BG G_GNUC_UNUSED = { 0.95, 0.96, 0.975 };
static const Rgb TOTAL_BG G_GNUC_UNUSED = { 0.905, 0.925, 0.955 };
static const Rgb EXTRA_BG G_GNUC_UNUSED = { 0.99, 0.975, 0.95 };

typedef struct
{
  Rgb fg;
  Rgb bg;
  Rgb border;
} Tone;

static const Tone tones[] G_GNUC_UNUSED = {
  [ESS_REPORT_TONE_NEUTRAL] = { { 0.11, 0.12, 0.14 }, { 0.97, 0.97, 0.98 }, { 0.78, 0.80, 0.83 } },
  [ESS_REPORT_TONE_OK] = { { 0.09, 0.40, 0.19 }, { 0.94, 0.975, 0.945 }, { 0.55, 0.74, 0.60 } },
  [ESS_REPORT_TONE_INFO] = { { 0.10, 0.24, 0.43 }, { 0.94, 0.955, 0.985 }, { 0.60, 0.69, 0.84 } },
  [ESS_REPORT_TONE_WARNING] = { { 0.58, 0.33, 0.00 }, { 1.00, 0.965, 0.90 }, { 0.86, 0.64, 0.30 } },
  [ESS_REPORT_TONE_ALERT] = { { 0.70, 0.11, 0.09 }, { 0.995, 0.945, 0.935 }, { 0.80, 0.40, 0.36 } },
};

typedef enum
{
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_LABEL,
  FONT_HEADING,
  FONT_TITLE,
  FONT_KICKER,
  FONT_REFERENCE,
  FONT_FURNITURE,
  FONT_BOX_TITLE,
  FONT_BOX_TEXT,
  N_FONTS
} FontId;

typedef enum
{
  BLOCK_SECTION,
  BLOCK_BAND,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_GRID,
  BLOCK_TABLE,
  BLOCK_BOX,
  BLOCK_SIGNATURE,
  BLOCK_FIGURE,
} BlockKind;

typedef struct
{
  char     *label;
  char     *markup;
  gboolean  wide;
} GridItem;

typedef struct
{
  char           *header;
  EssReportAlign  align;
  double          weight;
} Column;

typedef struct
{
  EssReportRowKind  kind;
  GPtrArray        *cells;   /* markup or NULL, one per column */
} TableRow;

typedef struct
{
  EssReportTone  tone;
  char          *tag;
  char          *text;
} BoxItem;

struct _EssReportBlock
{
  BlockKind           kind;
  EssReportTextStyle  style;
  EssReportTone       tone;
  char               *strings[5];
  GPtrArray          *items;     /* GridItem, TableRow or BoxItem */
  GPtrArray          *columns;   /* Column */
  double              height;    /* a figure's */
  EssReportDrawFunc   draw;
  gpointer            draw_data;
  GDestroyNotify      draw_destroy;
};

/* What a row paints, relative to its top left corner. */
typedef struct
{
  PangoLayout *layout;
  int          line;      /* -1: the whole layout from its top left; else one line at its baseline */
  double       x, y;
  Rgb          color;
} Text;

typedef struct
{
  double x, y, w, h;
  Rgb    color;
} Fill;

/* The unit of pagination: never split, placed on one page. */
typedef struct
{
  double                height;
  double                space_before;     /* dropped at the top of a page */
  GArray               *fills;
  GArray               *texts;
  int                   header_first;     /* the rows repeated above this one on a new page, or -1 */
  guint                 header_count;
  gboolean              header;
  gboolean              keep_with_next;
  gboolean              page_break;
  char                 *section;
  const EssReportBlock *frame;            /* the box drawn around it, or NULL */
  const EssReportBlock *figure;           /* drawn on the whole row, or NULL */
  double                width;            /* the content width, for a figure */
} Row;

typedef struct
{
  guint  row;
  double y;
} Placed;

typedef struct
{
  char   *label;
  GArray *placed;
} Page;

struct _EssReport
{
  GObject       parent_instance;

  char         *title;
  GDateTime    *date;
  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  GPtrArray    *blocks;

  /* The layout for one paper size. */
  double        rows_width;
  double        pages_height;
  GPtrArray    *rows;
  GPtrArray    *pages;
};

PangoFontDescription *ess_report_new_font       (double                      size,
                                                 PangoWeight                 weight,
                                                 PangoStyle                  style);
PangoLayout          *ess_report_new_layout     (EssReport                  *self,
                                                 const PangoFontDescription *font,
                                                 const char                 *markup,
                                                 double                      width,
                                                 EssReportAlign              align,
                                                 gboolean                    tabular);
double                ess_report_layout_height  (PangoLayout                *layout);
void                  ess_report_row_free       (gpointer                    data);
/* Turns the blocks into rows for a content @width (self->rows). */
void                  ess_report_layout_compile (EssReport                  *self,
                                                 double                      width);

G_END_DECLS
