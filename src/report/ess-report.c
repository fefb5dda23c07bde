/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The page layout of a report: blocks turned into rows, rows into pages, pages painted with cairo. */

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ess-dossier.h"
#include "ess-report.h"
#include "ess-report-private.h"

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

static const Rgb INK = { 0.11, 0.12, 0.14 };
static const Rgb MUTED = { 0.36, 0.38, 0.42 };
static const Rgb ACCENT = { 0.10, 0.24, 0.43 };
static const Rgb RULE = { 0.80, 0.82, 0.85 };
static const Rgb RULE_DARK = { 0.33, 0.37, 0.43 };
static const Rgb BAND_BG = { 0.925, 0.94, 0.965 };
static const Rgb HEAD_BG = { 0.87, 0.90, 0.945 };
static const Rgb GROUP_BG = { 0.95, 0.96, 0.975 };
static const Rgb TOTAL_BG = { 0.905, 0.925, 0.955 };
static const Rgb EXTRA_BG = { 0.99, 0.975, 0.95 };

typedef struct
{
  Rgb fg;
  Rgb bg;
  Rgb border;
} Tone;

static const Tone tones[] = {
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

static const struct
{
  double      size;
  PangoWeight weight;
} font_specs[N_FONTS] = {
  [FONT_BODY] = { 8.5, PANGO_WEIGHT_NORMAL },
  [FONT_BODY_BOLD] = { 8.5, PANGO_WEIGHT_BOLD },
  [FONT_SMALL] = { 7.5, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL_BOLD] = { 7.5, PANGO_WEIGHT_BOLD },
  [FONT_LABEL] = { 7.0, PANGO_WEIGHT_NORMAL },
  [FONT_HEADING] = { 10.5, PANGO_WEIGHT_BOLD },
  [FONT_TITLE] = { 13.0, PANGO_WEIGHT_BOLD },
  [FONT_KICKER] = { 7.0, PANGO_WEIGHT_BOLD },
  [FONT_REFERENCE] = { 12.0, PANGO_WEIGHT_BOLD },
  [FONT_FURNITURE] = { 7.0, PANGO_WEIGHT_NORMAL },
  [FONT_BOX_TITLE] = { 9.0, PANGO_WEIGHT_BOLD },
  [FONT_BOX_TEXT] = { 8.0, PANGO_WEIGHT_NORMAL },
};

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

G_DEFINE_FINAL_TYPE (EssReport, ess_report, G_TYPE_OBJECT)

/* Blocks. */

static void
grid_item_free (gpointer data)
{
  GridItem *item = data;

  g_free (item->label);
  g_free (item->markup);
  g_free (item);
}

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->header);
  g_free (column);
}

static void
table_row_free (gpointer data)
{
  TableRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
box_item_free (gpointer data)
{
  BoxItem *item = data;

  g_free (item->tag);
  g_free (item->text);
  g_free (item);
}

static void
block_free (gpointer data)
{
  EssReportBlock *block = data;

  for (guint i = 0; i < G_N_ELEMENTS (block->strings); i++)
    g_free (block->strings[i]);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_clear_pointer (&block->columns, g_ptr_array_unref);
  g_free (block);
}

/* Rows and pages. */

static void
text_clear (gpointer data)
{
  Text *text = data;

  g_clear_object (&text->layout);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_array_unref (row->fills);
  g_array_unref (row->texts);
  g_free (row->section);
  g_free (row);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->label);
  g_array_unref (page->placed);
  g_free (page);
}

static void
invalidate_layout (EssReport *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows_width = 0;
  self->pages_height = 0;
}

static EssReportBlock *
add_block (EssReport *self,
           BlockKind  kind)
{
  EssReportBlock *block = g_new0 (EssReportBlock, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  invalidate_layout (self);

  return block;
}

static void
ess_report_finalize (GObject *object)
{
  EssReport *self = ESS_REPORT (object);

  invalidate_layout (self);
  g_ptr_array_unref (self->blocks);
  for (guint i = 0; i < N_FONTS; i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->context);
  g_date_time_unref (self->date);
  g_free (self->title);

  G_OBJECT_CLASS (ess_report_parent_class)->finalize (object);
}

static void
ess_report_class_init (EssReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ess_report_finalize;
}

static PangoFontDescription *
new_font (double      size,
          PangoWeight weight,
          PangoStyle  style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);

  return font;
}

static void
ess_report_init (EssReport *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->date = g_date_time_new_now_local ();

  /* One measuring context for every output: points, no hinting, so that
   * lines break at the same places on paper, in the preview and in the
   * PDF, whatever cairo context draws them. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("fr-fr"));

  for (guint i = 0; i < N_FONTS; i++)
    self->fonts[i] = new_font (font_specs[i].size, font_specs[i].weight, PANGO_STYLE_NORMAL);
}

EssReport *
ess_report_new (const char *title)
{
  EssReport *self = g_object_new (ESS_TYPE_REPORT, NULL);

  self->title = g_strdup (title ? title : "");
  return self;
}

const char *
ess_report_get_title (EssReport *self)
{
  g_return_val_if_fail (ESS_IS_REPORT (self), NULL);

  return self->title;
}

void
ess_report_set_title (EssReport  *self,
                      const char *title)
{
  g_return_if_fail (ESS_IS_REPORT (self));

  g_free (self->title);
  self->title = g_strdup (title ? title : "");
}

void
ess_report_set_date (EssReport *self,
                     GDateTime *date)
{
  g_return_if_fail (ESS_IS_REPORT (self));
  g_return_if_fail (date != NULL);

  g_date_time_unref (self->date);
  self->date = g_date_time_ref (date);
  /* The signature block prints the date. */
  invalidate_layout (self);
}

char *
ess_report_dup_date_long (EssReport *self)
{
  g_autofree char *iso = g_date_time_format (self->date, "%Y-%m-%d");

  return ess_date_format_long (iso);
}

char *
ess_report_markup_alert (const char *text)
{
  return g_markup_printf_escaped ("<span foreground=\"#b31c17\" weight=\"bold\">%s</span>", text);
}

char *
ess_report_markup_bold (const char *text)
{
  return g_markup_printf_escaped ("<b>%s</b>", text);
}

/* Building blocks. */

void
ess_report_begin_section (EssReport  *self,
                          const char *label)
{
  EssReportBlock *block = add_block (self, BLOCK_SECTION);

  block->strings[0] = g_strdup (label ? label : "");
}

void
ess_report_add_band (EssReport  *self,
                     const char *kicker,
                     const char *title,
                     const char *subtitle,
                     const char *reference,
                     const char *detail)
{
  EssReportBlock *block = add_block (self, BLOCK_BAND);

  block->strings[0] = g_strdup (kicker ? kicker : "");
  block->strings[1] = g_strdup (title ? title : "");
  block->strings[2] = g_strdup (subtitle ? subtitle : "");
  block->strings[3] = g_strdup (reference ? reference : "");
  block->strings[4] = g_strdup (detail ? detail : "");
}

void
ess_report_add_heading (EssReport  *self,
                        const char *text)
{
  EssReportBlock *block = add_block (self, BLOCK_HEADING);

  block->strings[0] = g_markup_escape_text (text, -1);
}

void
ess_report_add_markup (EssReport          *self,
                       EssReportTextStyle  style,
                       const char         *markup)
{
  EssReportBlock *block = add_block (self, BLOCK_TEXT);

  block->style = style;
  block->strings[0] = g_strdup (markup);
}

void
ess_report_add_text (EssReport          *self,
                     EssReportTextStyle  style,
                     const char         *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  ess_report_add_markup (self, style, markup);
}

EssReportBlock *
ess_report_add_grid (EssReport *self)
{
  EssReportBlock *block = add_block (self, BLOCK_GRID);

  block->items = g_ptr_array_new_with_free_func (grid_item_free);
  return block;
}

void
ess_report_grid_add_markup (EssReportBlock *grid,
                            const char     *label,
                            const char     *markup,
                            gboolean        wide)
{
  GridItem *item = g_new0 (GridItem, 1);

  g_return_if_fail (grid->kind == BLOCK_GRID);

  item->label = g_markup_escape_text (label, -1);
  item->markup = g_strdup (markup != NULL && markup[0] != '\0' ? markup : "—");
  item->wide = wide;
  g_ptr_array_add (grid->items, item);
}

void
ess_report_grid_add (EssReportBlock *grid,
                     const char     *label,
                     const char     *value,
                     gboolean        wide)
{
  g_autofree char *markup = g_markup_escape_text (value ? value : "", -1);

  ess_report_grid_add_markup (grid, label, markup, wide);
}

EssReportBlock *
ess_report_add_table (EssReport *self)
{
  EssReportBlock *block = add_block (self, BLOCK_TABLE);

  block->items = g_ptr_array_new_with_free_func (table_row_free);
  block->columns = g_ptr_array_new_with_free_func (column_free);
  return block;
}

void
ess_report_table_add_column (EssReportBlock *table,
                             const char     *header,
                             EssReportAlign  align,
                             double          weight)
{
  Column *column = g_new0 (Column, 1);

  g_return_if_fail (table->kind == BLOCK_TABLE);
  g_return_if_fail (table->items->len == 0);

  column->header = g_markup_escape_text (header, -1);
  column->align = align;
  column->weight = MAX (weight, 0.0);
  g_ptr_array_add (table->columns, column);
}

guint
ess_report_table_add_row (EssReportBlock   *table,
                          EssReportRowKind  kind)
{
  TableRow *row = g_new0 (TableRow, 1);

  g_return_val_if_fail (table->kind == BLOCK_TABLE, 0);

  row->kind = kind;
  row->cells = g_ptr_array_new_full (table->columns->len, g_free);
  g_ptr_array_set_size (row->cells, (int) table->columns->len);
  g_ptr_array_add (table->items, row);

  return table->items->len - 1;
}

void
ess_report_table_set_markup (EssReportBlock *table,
                             guint           row,
                             guint           column,
                             const char     *markup)
{
  TableRow *table_row;

  g_return_if_fail (table->kind == BLOCK_TABLE);
  g_return_if_fail (row < table->items->len);
  g_return_if_fail (column < table->columns->len);

  table_row = g_ptr_array_index (table->items, row);
  g_free (g_ptr_array_index (table_row->cells, column));
  g_ptr_array_index (table_row->cells, column) = g_strdup (markup);
}

void
ess_report_table_set (EssReportBlock *table,
                      guint           row,
                      guint           column,
                      const char     *text)
{
  g_autofree char *markup = text ? g_markup_escape_text (text, -1) : NULL;

  ess_report_table_set_markup (table, row, column, markup);
}

guint
ess_report_table_get_n_rows (EssReportBlock *table)
{
  g_return_val_if_fail (table->kind == BLOCK_TABLE, 0);

  return table->items->len;
}

EssReportBlock *
ess_report_add_box (EssReport     *self,
                    EssReportTone  tone,
                    const char    *title)
{
  EssReportBlock *block = add_block (self, BLOCK_BOX);

  block->tone = tone;
  block->strings[0] = g_markup_escape_text (title, -1);
  block->items = g_ptr_array_new_with_free_func (box_item_free);
  return block;
}

void
ess_report_box_add (EssReportBlock *box,
                    EssReportTone   tone,
                    const char     *tag,
                    const char     *markup)
{
  BoxItem *item = g_new0 (BoxItem, 1);

  g_return_if_fail (box->kind == BLOCK_BOX);

  item->tone = tone;
  item->tag = g_markup_escape_text (tag ? tag : "", -1);
  item->text = g_strdup (markup ? markup : "");
  g_ptr_array_add (box->items, item);
}

void
ess_report_add_signature (EssReport  *self,
                          const char *role,
                          const char *name,
                          const char *date,
                          const char *signature_label)
{
  EssReportBlock *block = add_block (self, BLOCK_SIGNATURE);

  block->strings[0] = g_strdup (role ? role : "");
  block->strings[1] = g_strdup (name ? name : "");
  block->strings[2] = g_strdup (date ? date : "");
  block->strings[3] = g_strdup (signature_label ? signature_label : "");
}

/* Layout: blocks to rows, for one content width. */

static PangoLayout *
new_layout (EssReport                  *self,
            const PangoFontDescription *font,
            const char                 *markup,
            double                      width,
            EssReportAlign              align,
            gboolean                    tabular)
{
  PangoLayout *layout = pango_layout_new (self->context);
  static const PangoAlignment alignments[] = {
    [ESS_REPORT_ALIGN_LEFT] = PANGO_ALIGN_LEFT,
    [ESS_REPORT_ALIGN_CENTER] = PANGO_ALIGN_CENTER,
    [ESS_REPORT_ALIGN_RIGHT] = PANGO_ALIGN_RIGHT,
  };

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignments[align]);
  pango_layout_set_markup (layout, markup ? markup : "", -1);

  if (tabular)
    {
      /* Figures of equal width so that amounts line up in columns. */
      PangoAttrList *attrs = pango_layout_get_attributes (layout);
      PangoAttrList *copy = attrs ? pango_attr_list_copy (attrs) : pango_attr_list_new ();

      pango_attr_list_insert_before (copy, pango_attr_font_features_new ("tnum 1"));
      pango_layout_set_attributes (layout, copy);
      pango_attr_list_unref (copy);
    }

  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

static double
layout_baseline (PangoLayout *layout)
{
  return pango_units_to_double (pango_layout_get_baseline (layout));
}

static Row *
add_row (EssReport *self,
         double     height)
{
  Row *row = g_new0 (Row, 1);

  row->height = height;
  row->fills = g_array_new (FALSE, FALSE, sizeof (Fill));
  row->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  g_array_set_clear_func (row->texts, text_clear);
  row->header_first = -1;
  g_ptr_array_add (self->rows, row);

  return row;
}

/* Takes @layout. */
static void
row_add_layout (Row         *row,
                PangoLayout *layout,
                double       x,
                double       y,
                const Rgb   *color)
{
  Text text = { layout, -1, x, y, *color };

  g_array_append_val (row->texts, text);
}

static void
row_add_line (Row         *row,
              PangoLayout *layout,
              int          line,
              double       x,
              double       baseline,
              const Rgb   *color)
{
  Text text = { g_object_ref (layout), line, x, baseline, *color };

  g_array_append_val (row->texts, text);
}

static void
row_add_fill (Row       *row,
              double     x,
              double     y,
              double     w,
              double     h,
              const Rgb *color)
{
  Fill fill = { x, y, w, h, *color };

  g_array_append_val (row->fills, fill);
}

static void
compile_section (EssReport            *self,
                 const EssReportBlock *block)
{
  Row *row = add_row (self, 0);

  row->page_break = TRUE;
  row->section = g_strdup (block->strings[0]);
}

static void
compile_band (EssReport            *self,
              const EssReportBlock *block,
              double                width)
{
  const double pad = 9.0;
  const double accent = 4.0;
  const double right_width = 120.0;
  double left_width = width - accent - 3 * pad - right_width;
  g_autofree char *kicker_text = g_utf8_strup (block->strings[0], -1);
  g_autofree char *kicker_markup = g_markup_printf_escaped ("<span letter_spacing=\"1200\">%s</span>",
                                                            kicker_text);
  g_autofree char *title = g_markup_escape_text (block->strings[1], -1);
  g_autofree char *subtitle = g_markup_escape_text (block->strings[2], -1);
  g_autofree char *reference = g_markup_escape_text (block->strings[3], -1);
  PangoLayout *kicker = new_layout (self, self->fonts[FONT_KICKER], kicker_markup, left_width,
                                    ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *title_layout = new_layout (self, self->fonts[FONT_TITLE], title, left_width,
                                          ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *subtitle_layout = new_layout (self, self->fonts[FONT_BODY], subtitle, left_width,
                                             ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *reference_layout = new_layout (self, self->fonts[FONT_REFERENCE], reference, right_width,
                                              ESS_REPORT_ALIGN_RIGHT, TRUE);
  PangoLayout *detail_layout = new_layout (self, self->fonts[FONT_BODY], block->strings[4], right_width,
                                           ESS_REPORT_ALIGN_RIGHT, TRUE);
  double x = accent + pad;
  double y = pad;
  double left_height;
  double right_height;
  Row *row = add_row (self, 0);

  pango_layout_set_line_spacing (title_layout, 1.1);

  row_add_layout (row, kicker, x, y, &ACCENT);
  y += layout_height (kicker) + 3;
  row_add_layout (row, title_layout, x, y, &INK);
  y += layout_height (title_layout) + 3;
  row_add_layout (row, subtitle_layout, x, y, &MUTED);
  y += layout_height (subtitle_layout);
  left_height = y - pad;

  x = width - pad - right_width;
  y = pad;
  row_add_layout (row, reference_layout, x, y, &ACCENT);
  y += layout_height (reference_layout) + 4;
  row_add_layout (row, detail_layout, x, y, &INK);
  y += layout_height (detail_layout);
  right_height = y - pad;

  row->height = MAX (left_height, right_height) + 2 * pad;
  /* Fills are painted before the texts. */
  row_add_fill (row, 0, 0, width, row->height, &BAND_BG);
  row_add_fill (row, 0, 0, accent, row->height, &ACCENT);
}

static void
compile_heading (EssReport            *self,
                 const EssReportBlock *block,
                 double                width)
{
  PangoLayout *layout = new_layout (self, self->fonts[FONT_HEADING], block->strings[0], width,
                                    ESS_REPORT_ALIGN_LEFT, FALSE);
  double height = layout_height (layout);
  Row *row = add_row (self, height + 6);

  row_add_layout (row, layout, 0, 0, &ACCENT);
  row_add_fill (row, 0, height + 1.5, width, 0.6, &ACCENT);
  row->space_before = 10;
  row->keep_with_next = TRUE;
}

static void
compile_text (EssReport            *self,
              const EssReportBlock *block,
              double                width)
{
  const PangoFontDescription *font = self->fonts[block->style == ESS_REPORT_TEXT_BODY ? FONT_BODY : FONT_SMALL];
  const Rgb *color = block->style == ESS_REPORT_TEXT_MUTED ? &MUTED : &INK;
  g_autoptr(PangoLayout) layout = new_layout (self, font, block->strings[0], width,
                                              ESS_REPORT_ALIGN_LEFT, TRUE);
  PangoLayoutIter *iter;
  int n_lines;
  int index = 0;

  pango_layout_set_line_spacing (layout, 1.2);
  n_lines = pango_layout_get_line_count (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;
      int baseline = pango_layout_iter_get_baseline (iter);
      Row *row;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      row = add_row (self, pango_units_to_double (y1 - y0));
      row_add_line (row, layout, index, pango_units_to_double (logical.x),
                    pango_units_to_double (baseline - y0), color);
      row->space_before = index == 0 ? 5 : 0;
      /* No line alone at the foot or at the head of a page. */
      row->keep_with_next = n_lines >= 2 && (index == 0 || index == n_lines - 2);
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
add_grid_cell (EssReport      *self,
               Row            *row,
               const GridItem *item,
               double          x,
               double          width)
{
  const double label_width = 86.0;
  PangoLayout *label = new_layout (self, self->fonts[FONT_LABEL], item->label, label_width - 6,
                                   ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *value = new_layout (self, self->fonts[FONT_BODY], item->markup, width - label_width,
                                   ESS_REPORT_ALIGN_LEFT, TRUE);
  double label_baseline, value_baseline, baseline, label_y, value_y;

  pango_layout_set_line_spacing (value, 1.15);
  label_baseline = layout_baseline (label);
  value_baseline = layout_baseline (value);
  baseline = MAX (label_baseline, value_baseline);
  label_y = baseline - label_baseline;
  value_y = baseline - value_baseline;
  row->height = MAX (row->height, label_y + layout_height (label) + 3.5);
  row->height = MAX (row->height, value_y + layout_height (value) + 3.5);
  row_add_layout (row, label, x, label_y, &MUTED);
  row_add_layout (row, value, x + label_width, value_y, &INK);
}

static void
compile_grid (EssReport            *self,
              const EssReportBlock *block,
              double                width)
{
  const double gap = 16.0;
  double half = (width - gap) / 2;
  const GridItem *pending = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i <= block->items->len; i++)
    {
      const GridItem *item = i < block->items->len ? g_ptr_array_index (block->items, i) : NULL;
      Row *row;

      if (item != NULL && !item->wide && pending == NULL)
        {
          pending = item;
          continue;
        }

      if (pending != NULL)
        {
          gboolean pair = item != NULL && !item->wide;

          row = add_row (self, 0);
          row->space_before = first ? 4 : 0;
          first = FALSE;
          add_grid_cell (self, row, pending, 0, half);
          if (pair)
            add_grid_cell (self, row, item, half + gap, half);
          pending = NULL;
          if (pair)
            continue;
        }

      if (item != NULL)
        {
          row = add_row (self, 0);
          row->space_before = first ? 4 : 0;
          first = FALSE;
          add_grid_cell (self, row, item, 0, width);
        }
    }
}

/* The width of the widest word of @markup: what a wrapping column needs at least. */
static double
min_word_width (EssReport                  *self,
                const PangoFontDescription *font,
                const char                 *markup)
{
  g_autoptr(PangoLayout) layout = new_layout (self, font, markup, 0, ESS_REPORT_ALIGN_LEFT, TRUE);

  pango_layout_set_width (layout, 1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  return layout_width (layout);
}

static double
natural_width (EssReport                  *self,
               const PangoFontDescription *font,
               const char                 *markup)
{
  g_autoptr(PangoLayout) layout = new_layout (self, font, markup, 0, ESS_REPORT_ALIGN_LEFT, TRUE);

  return layout_width (layout);
}

/* Column widths of @block on @width at @size points; FALSE when the
 * wrapping columns would get less than their longest word. */
static gboolean
table_widths (EssReport            *self,
              const EssReportBlock *block,
              double                width,
              double                size,
              double               *widths)
{
  g_autoptr(PangoFontDescription) body = new_font (size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  g_autoptr(PangoFontDescription) bold = new_font (size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  g_autoptr(PangoFontDescription) head = new_font (size - 0.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  double fixed = 0, minimum = 0, weights = 0, rest;
  gboolean fits;

  for (guint c = 0; c < block->columns->len; c++)
    {
      const Column *column = g_ptr_array_index (block->columns, c);
      double header = min_word_width (self, head, column->header);

      if (column->weight > 0)
        {
          widths[c] = MAX (header, 40.0) + 2 * CELL_PAD_X;
          minimum += widths[c];
          weights += column->weight;
          continue;
        }

      widths[c] = header;
      for (guint r = 0; r < block->items->len; r++)
        {
          const TableRow *row = g_ptr_array_index (block->items, r);
          const char *cell = g_ptr_array_index (row->cells, c);

          if (cell == NULL || row->kind == ESS_REPORT_ROW_GROUP)
            continue;
          widths[c] = MAX (widths[c], natural_width (self, row->kind == ESS_REPORT_ROW_TOTAL ? bold : body, cell));
        }
      widths[c] = MIN (widths[c], FIT_COLUMN_MAX) + 2 * CELL_PAD_X;
      fixed += widths[c];
    }

  rest = width - fixed;
  fits = rest >= minimum;
  if (!fits && minimum + fixed > 0)
    {
      /* Too wide even at the smallest size: shrink everything alike. */
      double scale = width / (minimum + fixed);

      for (guint c = 0; c < block->columns->len; c++)
        widths[c] *= scale;
      return FALSE;
    }

  for (guint c = 0; c < block->columns->len; c++)
    {
      const Column *column = g_ptr_array_index (block->columns, c);

      if (column->weight > 0)
        widths[c] += (rest - minimum) * column->weight / weights;
    }
  /* Fitted columns only: spread what is left. */
  if (weights == 0 && fixed > 0)
    for (guint c = 0; c < block->columns->len; c++)
      widths[c] += rest * widths[c] / fixed;

  return TRUE;
}

static void
compile_table (EssReport            *self,
               const EssReportBlock *block,
               double                width)
{
  static const double sizes[] = { 7.5, 7.0, 6.5, 6.0 };
  guint n_columns = block->columns->len;
  g_autofree double *widths = g_new0 (double, MAX (n_columns, 1));
  g_autoptr(PangoFontDescription) body = NULL;
  g_autoptr(PangoFontDescription) bold = NULL;
  g_autoptr(PangoFontDescription) italic = NULL;
  g_autoptr(PangoFontDescription) head = NULL;
  double size = sizes[0];
  int header_index;
  Row *row;
  double x;

  if (n_columns == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      size = sizes[i];
      if (table_widths (self, block, width, size, widths))
        break;
    }

  body = new_font (size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  bold = new_font (size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  italic = new_font (size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
  head = new_font (size - 0.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);

  /* The header row, repeated on each page the table spans. */
  header_index = (int) self->rows->len;
  row = add_row (self, 0);
  row->header = TRUE;
  row->keep_with_next = TRUE;
  row->space_before = 6;
  x = 0;
  for (guint c = 0; c < n_columns; c++)
    {
      const Column *column = g_ptr_array_index (block->columns, c);
      PangoLayout *layout = new_layout (self, head, column->header, widths[c] - 2 * CELL_PAD_X,
                                        column->align, FALSE);

      row->height = MAX (row->height, layout_height (layout) + 2 * CELL_PAD_Y + 0.5);
      row_add_layout (row, layout, x + CELL_PAD_X, CELL_PAD_Y + 0.5, &ACCENT);
      x += widths[c];
    }
  row_add_fill (row, 0, 0, width, row->height, &HEAD_BG);
  row_add_fill (row, 0, row->height - 0.8, width, 0.8, &RULE_DARK);

  for (guint r = 0; r < block->items->len; r++)
    {
      const TableRow *table_row = g_ptr_array_index (block->items, r);
      const PangoFontDescription *font = body;
      const Rgb *color = &INK;

      row = add_row (self, 0);
      row->header_first = header_index;
      row->header_count = 1;

      if (table_row->kind == ESS_REPORT_ROW_GROUP)
        {
          const char *cell = g_ptr_array_index (table_row->cells, 0);
          PangoLayout *layout = new_layout (self, bold, cell ? cell : "", width - 2 * CELL_PAD_X,
                                            ESS_REPORT_ALIGN_LEFT, FALSE);

          row->height = layout_height (layout) + 2 * CELL_PAD_Y;
          row_add_fill (row, 0, 0, width, row->height, &GROUP_BG);
          row_add_fill (row, 0, row->height - 0.4, width, 0.4, &RULE);
          row_add_layout (row, layout, CELL_PAD_X, CELL_PAD_Y, &ACCENT);
          /* A group title stays with its first row. */
          row->keep_with_next = TRUE;
          continue;
        }

      if (table_row->kind == ESS_REPORT_ROW_TOTAL)
        font = bold;
      else if (table_row->kind == ESS_REPORT_ROW_EXTRA)
        {
          font = italic;
          color = &MUTED;
        }

      x = 0;
      for (guint c = 0; c < n_columns; c++)
        {
          const Column *column = g_ptr_array_index (block->columns, c);
          const char *cell = g_ptr_array_index (table_row->cells, c);

          if (cell != NULL && cell[0] != '\0')
            {
              PangoLayout *layout = new_layout (self, font, cell, widths[c] - 2 * CELL_PAD_X,
                                                column->align, TRUE);

              row->height = MAX (row->height, layout_height (layout));
              row_add_layout (row, layout, x + CELL_PAD_X, CELL_PAD_Y, color);
            }
          x += widths[c];
        }
      row->height += 2 * CELL_PAD_Y;

      switch (table_row->kind)
        {
        case ESS_REPORT_ROW_TOTAL:
          row_add_fill (row, 0, 0, width, row->height, &TOTAL_BG);
          row_add_fill (row, 0, 0, width, 0.8, &RULE_DARK);
          break;
        case ESS_REPORT_ROW_EXTRA:
          row_add_fill (row, 0, 0, width, row->height, &EXTRA_BG);
          row_add_fill (row, 0, row->height - 0.4, width, 0.4, &RULE);
          break;
        case ESS_REPORT_ROW_BODY:
        case ESS_REPORT_ROW_GROUP:
        default:
          row_add_fill (row, 0, row->height - 0.4, width, 0.4, &RULE);
          break;
        }
    }
}

static void
compile_box (EssReport            *self,
             const EssReportBlock *block,
             double                width)
{
  const double inner_x = 13.0;
  const double tag_width = 64.0;
  double inner_width = width - inner_x - 10.0;
  PangoLayout *title = new_layout (self, self->fonts[FONT_BOX_TITLE], block->strings[0], inner_width,
                                   ESS_REPORT_ALIGN_LEFT, FALSE);
  int header_index = (int) self->rows->len;
  Row *row = add_row (self, 0);

  row->header = TRUE;
  row->keep_with_next = TRUE;
  row->space_before = 10;
  row->frame = block;
  row->height = 7 + layout_height (title) + 5;
  row_add_layout (row, title, inner_x, 7, &tones[block->tone].fg);

  for (guint i = 0; i < block->items->len; i++)
    {
      const BoxItem *item = g_ptr_array_index (block->items, i);
      PangoLayout *tag = new_layout (self, self->fonts[FONT_SMALL_BOLD], item->tag, tag_width - 6,
                                     ESS_REPORT_ALIGN_LEFT, FALSE);
      PangoLayout *text = new_layout (self, self->fonts[FONT_BOX_TEXT], item->text, inner_width - tag_width,
                                      ESS_REPORT_ALIGN_LEFT, TRUE);
      double tag_baseline, text_baseline, baseline;

      pango_layout_set_line_spacing (text, 1.15);
      tag_baseline = layout_baseline (tag);
      text_baseline = layout_baseline (text);
      baseline = MAX (tag_baseline, text_baseline);
      row = add_row (self, 0);
      row->frame = block;
      row->header_first = header_index;
      row->header_count = 1;
      row->height = MAX (baseline - tag_baseline + layout_height (tag),
                         baseline - text_baseline + layout_height (text)) + 4;
      row_add_layout (row, tag, inner_x, baseline - tag_baseline, &tones[item->tone].fg);
      row_add_layout (row, text, inner_x + tag_width, baseline - text_baseline, &INK);
      /* The last item keeps the bottom of the frame with it. */
      row->keep_with_next = i + 1 == block->items->len;
    }

  row = add_row (self, 5);
  row->frame = block;
}

static void
compile_signature (EssReport            *self,
                   const EssReportBlock *block,
                   double                width)
{
  double x = width * 0.55;
  double w = width - x;
  g_autofree char *role = g_markup_escape_text (block->strings[0], -1);
  g_autofree char *name = g_markup_escape_text (block->strings[1], -1);
  g_autofree char *print_date = ess_report_dup_date_long (self);
  /* TRANSLATORS: under a signature: the day the document is printed */
  g_autofree char *dated = g_strdup_printf (_("On %s"), print_date);
  g_autofree char *date = g_markup_escape_text (block->strings[2][0] != '\0' ? block->strings[2] : dated, -1);
  g_autofree char *label = g_markup_escape_text (block->strings[3], -1);
  PangoLayout *role_layout = new_layout (self, self->fonts[FONT_BODY_BOLD], role, w, ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *name_layout = new_layout (self, self->fonts[FONT_BODY], name, w, ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *date_layout = new_layout (self, self->fonts[FONT_BODY], date, w, ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *label_layout = new_layout (self, self->fonts[FONT_LABEL], label, w, ESS_REPORT_ALIGN_LEFT, FALSE);
  double y = 0;
  Row *row = add_row (self, 0);

  row->space_before = 10;
  row_add_layout (row, role_layout, x, y, &INK);
  y += layout_height (role_layout) + 2;
  if (block->strings[1][0] != '\0')
    {
      row_add_layout (row, name_layout, x, y, &INK);
      y += layout_height (name_layout) + 2;
    }
  else
    g_object_unref (name_layout);
  row_add_layout (row, date_layout, x, y, &MUTED);
  y += layout_height (date_layout) + 6;
  if (block->strings[3][0] != '\0')
    {
      row_add_layout (row, label_layout, x, y, &MUTED);
      y += layout_height (label_layout);
    }
  else
    g_object_unref (label_layout);
  y += 20;
  row_add_fill (row, x, y, w, 0.6, &RULE_DARK);
  row->height = y + 4;
}

/* Cutting tall rows between lines. */

typedef struct
{
  PangoLayout *layout;
  int          line;
  double       x;
  double       baseline;   /* in the row */
  double       top;
  double       bottom;
  Rgb          color;
} LinePiece;

static void
collect_lines (const Row *row,
               GArray    *pieces)
{
  for (guint i = 0; i < row->texts->len; i++)
    {
      const Text *text = &g_array_index (row->texts, Text, i);

      if (text->line >= 0)
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (text->layout, text->line);
          PangoRectangle logical;
          LinePiece piece;

          pango_layout_line_get_extents (line, NULL, &logical);
          piece.layout = text->layout;
          piece.line = text->line;
          piece.x = text->x;
          piece.baseline = text->y;
          piece.top = text->y + pango_units_to_double (logical.y);
          piece.bottom = piece.top + pango_units_to_double (logical.height);
          piece.color = text->color;
          g_array_append_val (pieces, piece);
          continue;
        }
      else
        {
          PangoLayoutIter *iter = pango_layout_get_iter (text->layout);
          int index = 0;

          do
            {
              PangoRectangle logical;
              int y0, y1;
              LinePiece piece;

              pango_layout_iter_get_line_yrange (iter, &y0, &y1);
              pango_layout_iter_get_line_extents (iter, NULL, &logical);
              piece.layout = text->layout;
              piece.line = index++;
              piece.x = text->x + pango_units_to_double (logical.x);
              piece.baseline = text->y + pango_units_to_double (pango_layout_iter_get_baseline (iter));
              piece.top = text->y + pango_units_to_double (y0);
              piece.bottom = text->y + pango_units_to_double (y1);
              piece.color = text->color;
              g_array_append_val (pieces, piece);
            }
          while (pango_layout_iter_next_line (iter));
          pango_layout_iter_free (iter);
        }
    }
}

/* The lowest place in (@start, @limit] where no line is cut, or @start. */
static double
find_cut (GArray *pieces,
          double  start,
          double  limit)
{
  double best = start;

  for (guint i = 0; i < pieces->len; i++)
    {
      double candidate = g_array_index (pieces, LinePiece, i).top;
      gboolean clean = TRUE;

      if (candidate <= start + 0.01 || candidate > limit || candidate <= best)
        continue;
      for (guint j = 0; j < pieces->len && clean; j++)
        {
          const LinePiece *other = &g_array_index (pieces, LinePiece, j);

          clean = !(other->top < candidate - 0.01 && other->bottom > candidate + 0.01);
        }
      if (clean)
        best = candidate;
    }

  return best;
}

/* Appends @row to @out, cut into rows of at most ROW_SPLIT points when it
 * is taller and has lines to cut between; frees @row or moves it. */
static void
split_row (Row       *row,
           GPtrArray *out)
{
  g_autoptr(GArray) pieces = NULL;
  double start = 0;
  gboolean first = TRUE;

  if (row->height <= ROW_SPLIT)
    {
      g_ptr_array_add (out, row);
      return;
    }

  pieces = g_array_new (FALSE, FALSE, sizeof (LinePiece));
  collect_lines (row, pieces);

  while (start < row->height - 0.01)
    {
      double end = row->height;
      Row *chunk;

      if (start + ROW_SPLIT < row->height)
        {
          end = find_cut (pieces, start, start + ROW_SPLIT);
          if (end <= start)
            end = row->height;   /* one line taller than a page: kept whole */
        }

      chunk = g_new0 (Row, 1);
      chunk->height = end - start;
      chunk->fills = g_array_new (FALSE, FALSE, sizeof (Fill));
      chunk->texts = g_array_new (FALSE, FALSE, sizeof (Text));
      g_array_set_clear_func (chunk->texts, text_clear);
      chunk->header_first = row->header_first;
      chunk->header_count = row->header_count;
      chunk->frame = row->frame;
      chunk->keep_with_next = end >= row->height ? row->keep_with_next : FALSE;
      if (first)
        {
          chunk->space_before = row->space_before;
          chunk->page_break = row->page_break;
          chunk->section = g_strdup (row->section);
          chunk->header = row->header;
        }

      for (guint i = 0; i < row->fills->len; i++)
        {
          const Fill *fill = &g_array_index (row->fills, Fill, i);
          double top = MAX (fill->y, start);
          double bottom = MIN (fill->y + fill->h, end);

          if (bottom > top)
            row_add_fill (chunk, fill->x, top - start, fill->w, bottom - top, &fill->color);
        }
      for (guint i = 0; i < pieces->len; i++)
        {
          const LinePiece *piece = &g_array_index (pieces, LinePiece, i);

          if (piece->top >= start - 0.01 && piece->top < end - 0.01)
            row_add_line (chunk, piece->layout, piece->line, piece->x, piece->baseline - start, &piece->color);
        }

      g_ptr_array_add (out, chunk);
      start = end;
      first = FALSE;
    }

  row_free (row);
}

/* Cuts the tall rows of @self->rows from @first on, keeping the header
 * indices of the rows that follow right. */
static void
split_tall_rows (EssReport *self,
                 guint      first)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autofree guint *moved = NULL;
  guint n = self->rows->len;
  gboolean any = FALSE;

  for (guint i = first; i < n && !any; i++)
    any = ((Row *) g_ptr_array_index (self->rows, i))->height > ROW_SPLIT;
  if (!any)
    return;

  out = g_ptr_array_new_with_free_func (row_free);
  moved = g_new0 (guint, n);
  for (guint i = first; i < n; i++)
    {
      moved[i] = out->len;
      split_row (g_ptr_array_steal_index (self->rows, first), out);
    }
  for (guint i = 0; i < out->len; i++)
    {
      Row *row = g_ptr_array_index (out, i);

      if (row->header_first >= (int) first)
        row->header_first = (int) (first + moved[row->header_first]);
    }
  while (out->len > 0)
    g_ptr_array_add (self->rows, g_ptr_array_steal_index (out, 0));
}

static void
compile (EssReport *self,
         double     width)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->rows_width = width;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const EssReportBlock *block = g_ptr_array_index (self->blocks, i);
      guint first = self->rows->len;

      switch (block->kind)
        {
        case BLOCK_SECTION:
          compile_section (self, block);
          break;
        case BLOCK_BAND:
          compile_band (self, block, width);
          break;
        case BLOCK_HEADING:
          compile_heading (self, block, width);
          break;
        case BLOCK_TEXT:
          compile_text (self, block, width);
          break;
        case BLOCK_GRID:
          compile_grid (self, block, width);
          break;
        case BLOCK_TABLE:
          compile_table (self, block, width);
          break;
        case BLOCK_BOX:
          compile_box (self, block, width);
          break;
        case BLOCK_SIGNATURE:
          compile_signature (self, block, width);
          break;
        default:
          g_assert_not_reached ();
        }
      split_tall_rows (self, first);
    }
}

/* Pagination: rows to pages, for one content height. */

static Page *
add_page (EssReport  *self,
          const char *label)
{
  Page *page = g_new0 (Page, 1);

  page->label = g_strdup (label);
  page->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_ptr_array_add (self->pages, page);

  return page;
}

static void
place (Page   *page,
       guint   row,
       double  y)
{
  Placed placed = { row, y };

  g_array_append_val (page->placed, placed);
}

/* The height that must fit below the current point for row @i: the row
 * and those it keeps with it, unless they would not fit on any page. */
static double
chain_height (EssReport *self,
              guint      i,
              double     available)
{
  const Row *row = g_ptr_array_index (self->rows, i);
  double height = row->height;

  for (guint j = i; j + 1 < self->rows->len; j++)
    {
      const Row *current = g_ptr_array_index (self->rows, j);
      const Row *next = g_ptr_array_index (self->rows, j + 1);

      if (!current->keep_with_next || next->page_break)
        break;
      height += next->space_before + next->height;
      if (height > available)
        return row->height;
    }

  return height;
}

static void
paginate (EssReport *self,
          double     height)
{
  double available = MAX (height - CONTENT_TOP - CONTENT_BOTTOM, MIN_CONTENT);
  const char *label = self->title;
  Page *page = NULL;
  gboolean has_content = FALSE;
  double y = 0;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->pages_height = height;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = g_ptr_array_index (self->rows, i);
      double space;

      if (row->section != NULL)
        label = row->section;

      if (page == NULL || (row->page_break && has_content))
        {
          page = add_page (self, label);
          has_content = FALSE;
          y = 0;
        }
      else if (row->section != NULL && !has_content)
        {
          g_free (page->label);
          page->label = g_strdup (label);
        }

      space = has_content ? row->space_before : 0;
      if (has_content && y + space + chain_height (self, i, available) > available + 0.01)
        {
          page = add_page (self, label);
          has_content = FALSE;
          y = 0;
          space = 0;
          if (row->header_first >= 0 && !row->header)
            for (guint h = 0; h < row->header_count; h++)
              {
                const Row *header = g_ptr_array_index (self->rows, row->header_first + h);

                place (page, row->header_first + h, y);
                y += header->height;
              }
        }

      place (page, i, y + space);
      y += space + row->height;
      has_content = TRUE;
    }

  if (self->pages->len == 0)
    add_page (self, label);
}

static void
ensure_layout (EssReport *self,
               double     width,
               double     height)
{
  double content_width = MAX (width - 2 * MARGIN_X, MIN_CONTENT);

  if (self->rows == NULL || self->rows_width != content_width)
    compile (self, content_width);
  if (self->pages == NULL || self->pages_height != height)
    paginate (self, height);
}

int
ess_report_get_n_pages (EssReport *self,
                        double     width,
                        double     height)
{
  g_return_val_if_fail (ESS_IS_REPORT (self), 0);

  ensure_layout (self, width, height);
  return (int) self->pages->len;
}

/* Painting. */

static void
set_color (cairo_t   *cr,
           const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
paint_row (cairo_t   *cr,
           const Row *row)
{
  for (guint i = 0; i < row->fills->len; i++)
    {
      const Fill *fill = &g_array_index (row->fills, Fill, i);

      set_color (cr, &fill->color);
      cairo_rectangle (cr, fill->x, fill->y, fill->w, fill->h);
      cairo_fill (cr);
    }

  for (guint i = 0; i < row->texts->len; i++)
    {
      const Text *text = &g_array_index (row->texts, Text, i);

      set_color (cr, &text->color);
      cairo_move_to (cr, text->x, text->y);
      if (text->line < 0)
        pango_cairo_show_layout (cr, text->layout);
      else
        pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (text->layout, text->line));
    }
}

static void
paint_frame (cairo_t              *cr,
             const EssReportBlock *block,
             double                y,
             double                height,
             double                width)
{
  const Tone *tone = &tones[block->tone];

  set_color (cr, &tone->bg);
  cairo_rectangle (cr, 0, y, width, height);
  cairo_fill (cr);
  set_color (cr, &tone->border);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 0.4, y + 0.4, width - 0.8, height - 0.8);
  cairo_stroke (cr);
  set_color (cr, &tone->fg);
  cairo_rectangle (cr, 0, y, 4, height);
  cairo_fill (cr);
}

static void
paint_furniture (EssReport  *self,
                 cairo_t    *cr,
                 const Page *page,
                 int         index,
                 double      width,
                 double      height)
{
  double content_width = width - 2 * MARGIN_X;
  g_autofree char *date = ess_report_dup_date_long (self);
  /* TRANSLATORS: in the page header of a printed document: the date it was printed on */
  g_autofree char *printed = g_strdup_printf (_("Printed on %s"), date);
  /* TRANSLATORS: in the footer of a printed page: page 1 of 2 */
  g_autofree char *number = g_strdup_printf (_("Page %d / %d"), index + 1, (int) self->pages->len);
  g_autofree char *label_markup = g_markup_escape_text (page->label ? page->label : "", -1);
  g_autofree char *printed_markup = g_markup_escape_text (printed, -1);
  g_autofree char *number_markup = g_markup_escape_text (number, -1);
  g_autofree char *app_markup = g_markup_escape_text (PACKAGE_NAME, -1);
  g_autoptr(PangoLayout) label = new_layout (self, self->fonts[FONT_FURNITURE], label_markup,
                                             content_width * 0.66, ESS_REPORT_ALIGN_LEFT, FALSE);
  g_autoptr(PangoLayout) when = new_layout (self, self->fonts[FONT_FURNITURE], printed_markup,
                                            content_width * 0.34, ESS_REPORT_ALIGN_RIGHT, TRUE);
  g_autoptr(PangoLayout) app = new_layout (self, self->fonts[FONT_FURNITURE], app_markup,
                                           content_width * 0.5, ESS_REPORT_ALIGN_LEFT, FALSE);
  g_autoptr(PangoLayout) page_number = new_layout (self, self->fonts[FONT_FURNITURE], number_markup,
                                                   content_width * 0.5, ESS_REPORT_ALIGN_RIGHT, TRUE);
  double header_height;

  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  header_height = MAX (layout_height (label), layout_height (when));

  set_color (cr, &MUTED);
  cairo_move_to (cr, MARGIN_X, HEADER_Y);
  pango_cairo_show_layout (cr, label);
  cairo_move_to (cr, MARGIN_X + content_width * 0.66, HEADER_Y);
  pango_cairo_show_layout (cr, when);
  set_color (cr, &RULE);
  cairo_rectangle (cr, MARGIN_X, HEADER_Y + header_height + 3, content_width, 0.5);
  cairo_fill (cr);

  cairo_rectangle (cr, MARGIN_X, height - FOOTER_Y, content_width, 0.5);
  cairo_fill (cr);
  set_color (cr, &MUTED);
  cairo_move_to (cr, MARGIN_X, height - FOOTER_Y + 4);
  pango_cairo_show_layout (cr, app);
  cairo_move_to (cr, MARGIN_X + content_width * 0.5, height - FOOTER_Y + 4);
  pango_cairo_show_layout (cr, page_number);
}

void
ess_report_draw_page (EssReport *self,
                      cairo_t   *cr,
                      int        page_index,
                      double     width,
                      double     height)
{
  double content_width;
  const Page *page;
  guint i;

  g_return_if_fail (ESS_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  ensure_layout (self, width, height);
  if (page_index < 0 || (guint) page_index >= self->pages->len)
    return;
  page = g_ptr_array_index (self->pages, page_index);
  content_width = self->rows_width;

  cairo_save (cr);
  paint_furniture (self, cr, page, page_index, width, height);
  cairo_translate (cr, MARGIN_X, CONTENT_TOP);

  /* Frames first, around each run of rows of one box. */
  i = 0;
  while (i < page->placed->len)
    {
      const Placed *first = &g_array_index (page->placed, Placed, i);
      const Row *row = g_ptr_array_index (self->rows, first->row);
      double bottom = first->y + row->height;
      guint j = i + 1;

      if (row->frame == NULL)
        {
          i++;
          continue;
        }

      while (j < page->placed->len)
        {
          const Placed *next = &g_array_index (page->placed, Placed, j);
          const Row *next_row = g_ptr_array_index (self->rows, next->row);

          if (next_row->frame != row->frame)
            break;
          bottom = next->y + next_row->height;
          j++;
        }
      paint_frame (cr, row->frame, first->y, bottom - first->y, content_width);
      i = j;
    }

  for (i = 0; i < page->placed->len; i++)
    {
      const Placed *placed = &g_array_index (page->placed, Placed, i);

      cairo_save (cr);
      cairo_translate (cr, 0, placed->y);
      paint_row (cr, g_ptr_array_index (self->rows, placed->row));
      cairo_restore (cr);
    }

  cairo_restore (cr);
}


static void
append_box (GArray *boxes,
            double  x,
            double  y,
            double  w,
            double  h)
{
  cairo_rectangle_t box = { x, y, w, h };

  g_array_append_val (boxes, box);
}

static void
union_extents (const PangoRectangle *ink,
               const PangoRectangle *logical,
               double               *x,
               double               *y,
               double               *w,
               double               *h)
{
  double x0 = MIN (ink->x, logical->x);
  double y0 = MIN (ink->y, logical->y);
  double x1 = MAX (ink->x + ink->width, logical->x + logical->width);
  double y1 = MAX (ink->y + ink->height, logical->y + logical->height);

  /* An empty ink rectangle (a space) says nothing. */
  if (ink->width == 0 || ink->height == 0)
    {
      x0 = logical->x;
      y0 = logical->y;
      x1 = logical->x + logical->width;
      y1 = logical->y + logical->height;
    }
  *x = pango_units_to_double ((int) x0);
  *y = pango_units_to_double ((int) y0);
  *w = pango_units_to_double ((int) (x1 - x0));
  *h = pango_units_to_double ((int) (y1 - y0));
}

void
ess_report_get_page_boxes (EssReport *self,
                           int        page_index,
                           double     width,
                           double     height,
                           GArray    *boxes)
{
  const Page *page;

  g_return_if_fail (ESS_IS_REPORT (self));

  ensure_layout (self, width, height);
  if (page_index < 0 || (guint) page_index >= self->pages->len)
    return;
  page = g_ptr_array_index (self->pages, page_index);

  for (guint i = 0; i < page->placed->len; i++)
    {
      const Placed *placed = &g_array_index (page->placed, Placed, i);
      const Row *row = g_ptr_array_index (self->rows, placed->row);
      double top = CONTENT_TOP + placed->y;

      /* A frame spans the content width, from the row's top to its bottom. */
      if (row->frame != NULL)
        append_box (boxes, MARGIN_X, top, self->rows_width, row->height);

      for (guint f = 0; f < row->fills->len; f++)
        {
          const Fill *fill = &g_array_index (row->fills, Fill, f);

          append_box (boxes, MARGIN_X + fill->x, top + fill->y, fill->w, fill->h);
        }
      for (guint t = 0; t < row->texts->len; t++)
        {
          const Text *text = &g_array_index (row->texts, Text, t);
          PangoRectangle ink, logical;
          double x, y, w, h;

          if (text->line < 0)
            pango_layout_get_extents (text->layout, &ink, &logical);
          else
            pango_layout_line_get_extents (pango_layout_get_line_readonly (text->layout, text->line),
                                           &ink, &logical);
          union_extents (&ink, &logical, &x, &y, &w, &h);
          append_box (boxes, MARGIN_X + text->x + x, top + text->y + y, w, h);
        }
    }
}

/* PDF. */

/* GLib's file errors carry a message in the user's language that repeats
 * the temporary file's name; the reason alone reads better. */
static int
errno_of (const GError *error)
{
  static const struct { GFileError code; int number; } map[] = {
    { G_FILE_ERROR_ACCES, EACCES }, { G_FILE_ERROR_NOENT, ENOENT }, { G_FILE_ERROR_NOTDIR, ENOTDIR },
    { G_FILE_ERROR_ISDIR, EISDIR }, { G_FILE_ERROR_NOSPC, ENOSPC }, { G_FILE_ERROR_ROFS, EROFS },
    { G_FILE_ERROR_PERM, EPERM }, { G_FILE_ERROR_NAMETOOLONG, ENAMETOOLONG }, { G_FILE_ERROR_IO, EIO },
  };

  if (error->domain == G_FILE_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (map); i++)
      if (map[i].code == (GFileError) error->code)
        return map[i].number;
  return EIO;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ess_report_write_pdf (EssReport   *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int n_pages;

  g_return_val_if_fail (ESS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes,
                                                 ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  cr = cairo_create (surface);

  n_pages = ess_report_get_n_pages (self, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT);
  for (int i = 0; i < n_pages; i++)
    {
      ess_report_draw_page (self, cr, i, ESS_REPORT_A4_WIDTH, ESS_REPORT_A4_HEIGHT);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  /* Written aside, then renamed: a failure leaves the old file as it was. */
  if (!g_file_set_contents_full (path, (const char *) bytes->data, (gssize) bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the PDF file “%s”: %s"), display,
                   g_strerror (errno_of (local_error)));
      return FALSE;
    }

  return TRUE;
}
