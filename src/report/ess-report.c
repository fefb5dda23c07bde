/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The page engine of a report: its blocks, its pages (rows placed between the margins) painted with cairo, its PDF. */

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ess-dossier.h"
#include "ess-report.h"
#include "ess-report-private.h"
#include "ess-report-layout-private.h"

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
  if (block->draw_destroy != NULL)
    block->draw_destroy (block->draw_data);
  g_free (block);
}

/* Rows and pages. */

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
    self->fonts[i] = ess_report_new_font (font_specs[i].size, font_specs[i].weight, PANGO_STYLE_NORMAL);
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
ess_report_add_figure (EssReport         *self,
                       double             height,
                       EssReportDrawFunc  draw,
                       gpointer           data,
                       GDestroyNotify     destroy)
{
  EssReportBlock *block;

  g_return_if_fail (ESS_IS_REPORT (self));
  g_return_if_fail (draw != NULL);
  g_return_if_fail (height > 0);

  block = add_block (self, BLOCK_FIGURE);
  block->height = height;
  block->draw = draw;
  block->draw_data = data;
  block->draw_destroy = destroy;
}

void
ess_report_add_signature (EssReport  *self,
                          const char *role,
                          const char *name,
                          const char *date,
                          const char *visa)
{
  EssReportBlock *block = add_block (self, BLOCK_SIGNATURE);

  block->strings[0] = g_strdup (role ? role : "");
  block->strings[1] = g_strdup (name ? name : "");
  block->strings[2] = g_strdup (date ? date : "");
  block->strings[3] = g_strdup (visa ? visa : "");
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
    ess_report_layout_compile (self, content_width);
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

  if (row->figure != NULL)
    {
      /* A figure never paints outside its row. */
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, row->width, row->height);
      cairo_clip (cr);
      row->figure->draw (cr, row->width, row->height, row->figure->draw_data);
      cairo_restore (cr);
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
  g_autoptr(PangoLayout) label = ess_report_new_layout (self, self->fonts[FONT_FURNITURE], label_markup,
                                                        content_width * 0.66, ESS_REPORT_ALIGN_LEFT, FALSE);
  g_autoptr(PangoLayout) when = ess_report_new_layout (self, self->fonts[FONT_FURNITURE], printed_markup,
                                                       content_width * 0.34, ESS_REPORT_ALIGN_RIGHT, TRUE);
  g_autoptr(PangoLayout) app = ess_report_new_layout (self, self->fonts[FONT_FURNITURE], app_markup,
                                                      content_width * 0.5, ESS_REPORT_ALIGN_LEFT, FALSE);
  g_autoptr(PangoLayout) page_number = ess_report_new_layout (self, self->fonts[FONT_FURNITURE], number_markup,
                                                              content_width * 0.5, ESS_REPORT_ALIGN_RIGHT, TRUE);
  double header_height;

  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  header_height = MAX (ess_report_layout_height (label), ess_report_layout_height (when));

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
      if (row->frame != NULL || row->figure != NULL)
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
