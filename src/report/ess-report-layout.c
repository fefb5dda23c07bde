/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The layout of a report for one paper width: its blocks turned into rows of texts and fills. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ess-report.h"
#include "ess-report-private.h"
#include "ess-report-layout-private.h"

PangoFontDescription *
ess_report_new_font (double      size,
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
text_clear (gpointer data)
{
  Text *text = data;

  g_clear_object (&text->layout);
}

void
ess_report_row_free (gpointer data)
{
  Row *row = data;

  g_array_unref (row->fills);
  g_array_unref (row->texts);
  g_free (row->section);
  g_free (row);
}

/* Layout: blocks to rows, for one content width. */

PangoLayout *
ess_report_new_layout (EssReport                  *self,
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

double
ess_report_layout_height (PangoLayout *layout)
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
  PangoLayout *kicker = ess_report_new_layout (self, self->fonts[FONT_KICKER], kicker_markup, left_width,
                                               ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *title_layout = ess_report_new_layout (self, self->fonts[FONT_TITLE], title, left_width,
                                                     ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *subtitle_layout = ess_report_new_layout (self, self->fonts[FONT_BODY], subtitle, left_width,
                                                        ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *reference_layout = ess_report_new_layout (self, self->fonts[FONT_REFERENCE], reference, right_width,
                                                         ESS_REPORT_ALIGN_RIGHT, TRUE);
  PangoLayout *detail_layout = ess_report_new_layout (self, self->fonts[FONT_BODY], block->strings[4], right_width,
                                                      ESS_REPORT_ALIGN_RIGHT, TRUE);
  double x = accent + pad;
  double y = pad;
  double left_height;
  double right_height;
  Row *row = add_row (self, 0);

  pango_layout_set_line_spacing (title_layout, 1.1);

  row_add_layout (row, kicker, x, y, &ACCENT);
  y += ess_report_layout_height (kicker) + 3;
  row_add_layout (row, title_layout, x, y, &INK);
  y += ess_report_layout_height (title_layout) + 3;
  row_add_layout (row, subtitle_layout, x, y, &MUTED);
  y += ess_report_layout_height (subtitle_layout);
  left_height = y - pad;

  x = width - pad - right_width;
  y = pad;
  row_add_layout (row, reference_layout, x, y, &ACCENT);
  y += ess_report_layout_height (reference_layout) + 4;
  row_add_layout (row, detail_layout, x, y, &INK);
  y += ess_report_layout_height (detail_layout);
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
  PangoLayout *layout = ess_report_new_layout (self, self->fonts[FONT_HEADING], block->strings[0], width,
                                               ESS_REPORT_ALIGN_LEFT, FALSE);
  double height = ess_report_layout_height (layout);
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
  g_autoptr(PangoLayout) layout = ess_report_new_layout (self, font, block->strings[0], width,
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
  PangoLayout *label = ess_report_new_layout (self, self->fonts[FONT_LABEL], item->label, label_width - 6,
                                              ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *value = ess_report_new_layout (self, self->fonts[FONT_BODY], item->markup, width - label_width,
                                              ESS_REPORT_ALIGN_LEFT, TRUE);
  double label_baseline, value_baseline, baseline, label_y, value_y;

  pango_layout_set_line_spacing (value, 1.15);
  label_baseline = layout_baseline (label);
  value_baseline = layout_baseline (value);
  baseline = MAX (label_baseline, value_baseline);
  label_y = baseline - label_baseline;
  value_y = baseline - value_baseline;
  row->height = MAX (row->height, label_y + ess_report_layout_height (label) + 3.5);
  row->height = MAX (row->height, value_y + ess_report_layout_height (value) + 3.5);
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
  g_autoptr(PangoLayout) layout = ess_report_new_layout (self, font, markup, 0, ESS_REPORT_ALIGN_LEFT, TRUE);

  pango_layout_set_width (layout, 1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  return layout_width (layout);
}

static double
natural_width (EssReport                  *self,
               const PangoFontDescription *font,
               const char                 *markup)
{
  g_autoptr(PangoLayout) layout = ess_report_new_layout (self, font, markup, 0, ESS_REPORT_ALIGN_LEFT, TRUE);

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
  g_autoptr(PangoFontDescription) body = ess_report_new_font (size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  g_autoptr(PangoFontDescription) bold = ess_report_new_font (size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  g_autoptr(PangoFontDescription) head = ess_report_new_font (size - 0.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
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

  body = ess_report_new_font (size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  bold = ess_report_new_font (size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  italic = ess_report_new_font (size, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
  head = ess_report_new_font (size - 0.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);

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
      PangoLayout *layout = ess_report_new_layout (self, head, column->header, widths[c] - 2 * CELL_PAD_X,
                                                   column->align, FALSE);

      row->height = MAX (row->height, ess_report_layout_height (layout) + 2 * CELL_PAD_Y + 0.5);
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
          PangoLayout *layout = ess_report_new_layout (self, bold, cell ? cell : "", width - 2 * CELL_PAD_X,
                                                       ESS_REPORT_ALIGN_LEFT, FALSE);

          row->height = ess_report_layout_height (layout) + 2 * CELL_PAD_Y;
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
              PangoLayout *layout = ess_report_new_layout (self, font, cell, widths[c] - 2 * CELL_PAD_X,
                                                           column->align, TRUE);

              row->height = MAX (row->height, ess_report_layout_height (layout));
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
  PangoLayout *title = ess_report_new_layout (self, self->fonts[FONT_BOX_TITLE], block->strings[0], inner_width,
                                              ESS_REPORT_ALIGN_LEFT, FALSE);
  int header_index = (int) self->rows->len;
  Row *row = add_row (self, 0);

  row->header = TRUE;
  row->keep_with_next = TRUE;
  row->space_before = 10;
  row->frame = block;
  row->height = 7 + ess_report_layout_height (title) + 5;
  row_add_layout (row, title, inner_x, 7, &tones[block->tone].fg);

  for (guint i = 0; i < block->items->len; i++)
    {
      const BoxItem *item = g_ptr_array_index (block->items, i);
      PangoLayout *tag = ess_report_new_layout (self, self->fonts[FONT_SMALL_BOLD], item->tag, tag_width - 6,
                                                ESS_REPORT_ALIGN_LEFT, FALSE);
      PangoLayout *text = ess_report_new_layout (self, self->fonts[FONT_BOX_TEXT], item->text, inner_width - tag_width,
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
      row->height = MAX (baseline - tag_baseline + ess_report_layout_height (tag),
                                    baseline - text_baseline + ess_report_layout_height (text)) + 4;
      row_add_layout (row, tag, inner_x, baseline - tag_baseline, &tones[item->tone].fg);
      row_add_layout (row, text, inner_x + tag_width, baseline - text_baseline, &INK);
      /* The last item keeps the bottom of the frame with it. */
      row->keep_with_next = i + 1 == block->items->len;
    }

  row = add_row (self, 5);
  row->frame = block;
}

/* The signature at the right, dated; a countersignature (visa) at the
 * left when the block has one; both end on a line to sign on. */
static void
compile_signature (EssReport            *self,
                   const EssReportBlock *block,
                   double                width)
{
  double x = width * 0.55;
  double w = width - x;
  double visa_w = width * 0.40;
  g_autofree char *role = g_markup_escape_text (block->strings[0], -1);
  g_autofree char *name = g_markup_escape_text (block->strings[1], -1);
  g_autofree char *print_date = ess_report_dup_date_long (self);
  /* TRANSLATORS: under a signature: the day the document is printed */
  g_autofree char *dated = g_strdup_printf (_("On %s"), print_date);
  g_autofree char *date = g_markup_escape_text (block->strings[2][0] != '\0' ? block->strings[2] : dated, -1);
  g_autofree char *visa = g_markup_escape_text (block->strings[3], -1);
  PangoLayout *role_layout = ess_report_new_layout (self, self->fonts[FONT_BODY_BOLD], role, w,
                                                    ESS_REPORT_ALIGN_LEFT, FALSE);
  PangoLayout *date_layout = ess_report_new_layout (self, self->fonts[FONT_BODY], date, w,
                                                    ESS_REPORT_ALIGN_LEFT, FALSE);
  double y = 0;
  Row *row = add_row (self, 0);

  row->space_before = 10;
  row_add_layout (row, role_layout, x, y, &INK);
  if (visa[0] != '\0')
    row_add_layout (row, ess_report_new_layout (self, self->fonts[FONT_BODY_BOLD], visa, visa_w,
                                                ESS_REPORT_ALIGN_LEFT, FALSE), 0, y, &INK);
  y += ess_report_layout_height (role_layout) + 2;
  if (name[0] != '\0')
    {
      PangoLayout *name_layout = ess_report_new_layout (self, self->fonts[FONT_BODY], name, w,
                                                        ESS_REPORT_ALIGN_LEFT, FALSE);

      row_add_layout (row, name_layout, x, y, &INK);
      y += ess_report_layout_height (name_layout) + 2;
    }
  row_add_layout (row, date_layout, x, y, &MUTED);
  y += ess_report_layout_height (date_layout) + 26;
  row_add_fill (row, x, y, w, 0.6, &RULE_DARK);
  if (visa[0] != '\0')
    row_add_fill (row, 0, y, visa_w, 0.6, &RULE_DARK);
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

  if (row->height <= ROW_SPLIT || row->figure != NULL)
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

  ess_report_row_free (row);
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
    {
      const Row *row = g_ptr_array_index (self->rows, i);
      any = row->height > ROW_SPLIT && row->figure == NULL;
    }
  if (!any)
    return;

  out = g_ptr_array_new_with_free_func (ess_report_row_free);
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

/* A figure is one row, never split: no taller than a page's content. */
static void
compile_figure (EssReport            *self,
                const EssReportBlock *block,
                double                width)
{
  Row *row = add_row (self, MIN (block->height, ROW_SPLIT * 3));

  row->figure = block;
  row->width = width;
  row->space_before = 6;
}

void
ess_report_layout_compile (EssReport *self,
                           double     width)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new_with_free_func (ess_report_row_free);
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
        case BLOCK_FIGURE:
          compile_figure (self, block, width);
          break;
        default:
          g_assert_not_reached ();
        }
      split_tall_rows (self, first);
    }
}
