/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pangocairo.h>

#include <glib/gi18n-lib.h>

#include "ess-bar-chart.h"
#include "ess-map-drawing.h"

#define LEGEND_SWATCH 14.0

double
ess_map_class_grey (guint klass)
{
  static const double greys[ESS_MAP_N_CLASSES] = { 0.96, 0.82, 0.64, 0.45, 0.25 };

  return greys[MIN (klass, ESS_MAP_N_CLASSES - 1)];
}

/* The square of the map and the place of the legend in the rectangle. */
static void
layout (double   width,
        double   height,
        gboolean with_legend,
        double  *side,
        double  *legend_x,
        double  *legend_y)
{
  double legend_w = with_legend ? 190 : 0;

  if (!with_legend || width - legend_w >= height * 0.9)
    {
      *side = MIN (width - legend_w, height);
      *legend_x = *side + 16;
      *legend_y = 0;
    }
  else
    {
      double legend_h = ESS_MAP_N_CLASSES * (LEGEND_SWATCH + 6) + 24;
      *side = MIN (width, height - legend_h);
      *legend_x = 0;
      *legend_y = *side + 12;
    }
  *side = MAX (*side, 1);
}

gboolean
ess_map_to_grid (double  x,
                 double  y,
                 double  width,
                 double  height,
                 double  px,
                 double  py,
                 double *grid_x,
                 double *grid_y)
{
  double side, lx, ly;

  layout (width, height, TRUE, &side, &lx, &ly);
  *grid_x = (px - x) / side * ESS_MAP_GRID;
  *grid_y = (py - y) / side * ESS_MAP_GRID;
  return *grid_x >= 0 && *grid_x <= ESS_MAP_GRID && *grid_y >= 0 && *grid_y <= ESS_MAP_GRID;
}

static void
tile_path (cairo_t          *cr,
           const EssMapTile *tile,
           double            scale)
{
  const double *p = (const double *) (gpointer) tile->points->data;

  cairo_new_path (cr);
  for (guint i = 0; i < tile->points->len; i += 2)
    cairo_line_to (cr, p[i] * scale, p[i + 1] * scale);
  cairo_close_path (cr);
}

/* A text centered on @cx, wrapped to @max_width; its height in @height. */
static PangoLayout *
tile_text (cairo_t    *cr,
           const char *text,
           gboolean    bold,
           double      size,
           double      max_width)
{
  PangoLayout *pango = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans");

  /* Sizes set in numbers: a "Sans 9.5" string would be read in the
   * locale's decimal separator. */
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pango, desc);
  pango_layout_set_width (pango, (int) (max_width * PANGO_SCALE));
  pango_layout_set_wrap (pango, PANGO_WRAP_WORD);
  pango_layout_set_alignment (pango, PANGO_ALIGN_CENTER);
  pango_layout_set_text (pango, text, -1);
  pango_font_description_free (desc);
  return pango;
}

void
ess_map_draw (cairo_t             *cr,
              const EssMapDrawing *drawing,
              double               x,
              double               y,
              double               width,
              double               height)
{
  const EssTerritoryMap *map = drawing->map;
  double side, legend_x, legend_y, scale;
  double font_scale;

  g_return_if_fail (map != NULL);

  layout (width, height, drawing->legend != NULL, &side, &legend_x, &legend_y);
  scale = side / ESS_MAP_GRID;
  font_scale = CLAMP (side / 420.0, 0.6, 1.4);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < map->tiles->len; i++)
    {
      const EssMapTile *tile = g_ptr_array_index (map->tiles, i);
      double grey = ess_map_class_grey (drawing->classes[i]);

      tile_path (cr, tile, scale);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < map->tiles->len; i++)
    {
      const EssMapTile *tile = g_ptr_array_index (map->tiles, i);
      gboolean dark = ess_map_class_grey (drawing->classes[i]) < 0.5;
      double cx = tile->label_x * scale;
      double cy = tile->label_y * scale;
      double max_width = 24 * scale;

      if (tile->territory_id == drawing->highlight)
        {
          tile_path (cr, tile, scale);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, 3.5);
          cairo_stroke (cr);
        }

      cairo_set_source_rgb (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0);
      {
        PangoLayout *name = tile_text (cr, tile->name, TRUE, 9.0 * font_scale, max_width);
        PangoLayout *value = drawing->values != NULL && drawing->values[i] != NULL
          ? tile_text (cr, drawing->values[i], FALSE, 8.5 * font_scale, max_width)
          : NULL;
        int w, name_h, value_h = 0;
        double top;

        pango_layout_get_pixel_size (name, &w, &name_h);
        if (value != NULL)
          pango_layout_get_pixel_size (value, &w, &value_h);
        /* The name and the figure as one block centered on the label point. */
        top = cy - (name_h + value_h + 2) / 2.0;
        cairo_move_to (cr, cx - max_width / 2, top);
        pango_cairo_show_layout (cr, name);
        if (value != NULL)
          {
            cairo_move_to (cr, cx - max_width / 2, top + name_h + 2);
            pango_cairo_show_layout (cr, value);
            g_object_unref (value);
          }
        g_object_unref (name);
      }
    }

  if (drawing->legend != NULL)
    {
      double ly = legend_y;

      cairo_set_source_rgb (cr, 0, 0, 0);
      if (drawing->legend_title != NULL)
        {
          PangoLayout *pango = pango_cairo_create_layout (cr);
          PangoFontDescription *desc = pango_font_description_from_string ("Sans Bold 9");

          pango_layout_set_font_description (pango, desc);
          pango_layout_set_width (pango, 180 * PANGO_SCALE);
          pango_layout_set_wrap (pango, PANGO_WRAP_WORD);
          pango_layout_set_text (pango, drawing->legend_title, -1);
          cairo_move_to (cr, legend_x, ly);
          pango_cairo_show_layout (cr, pango);
          {
            int w, h;
            pango_layout_get_pixel_size (pango, &w, &h);
            ly += h + 6;
          }
          pango_font_description_free (desc);
          g_object_unref (pango);
        }

      for (guint c = 0; c < ESS_MAP_N_CLASSES; c++)
        {
          double grey = ess_map_class_grey (c);
          PangoLayout *pango = pango_cairo_create_layout (cr);
          PangoFontDescription *desc = pango_font_description_from_string ("Sans 9");

          cairo_rectangle (cr, legend_x + 0.5, ly + 0.5, LEGEND_SWATCH, LEGEND_SWATCH);
          cairo_set_source_rgb (cr, grey, grey, grey);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);

          cairo_set_source_rgb (cr, 0, 0, 0);
          pango_layout_set_font_description (pango, desc);
          pango_layout_set_text (pango, drawing->legend[c], -1);
          cairo_move_to (cr, legend_x + LEGEND_SWATCH + 8, ly);
          pango_cairo_show_layout (cr, pango);
          pango_font_description_free (desc);
          g_object_unref (pango);
          ly += LEGEND_SWATCH + 6;
        }
    }

  cairo_restore (cr);
}

const EssDashGroup *
ess_dashboard_territory (const EssDashboard *dashboard,
                         int                 territory_id)
{
  g_autofree char *key = g_strdup_printf ("%d", territory_id);

  for (guint i = 0; i < dashboard->territories->len; i++)
    {
      const EssDashGroup *group = g_ptr_array_index (dashboard->territories, i);
      if (g_strcmp0 (group->key, key) == 0)
        return group;
    }
  return NULL;
}

EssMapShading *
ess_map_shading_new (const EssTerritoryMap *map,
                     const EssDashboard    *dashboard,
                     EssDashMeasure         measure)
{
  EssMapShading *shading = g_new0 (EssMapShading, 1);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) legend = g_strv_builder_new ();
  gint64 bounds[ESS_MAP_N_CLASSES + 1];

  shading->n_tiles = map->tiles->len;
  shading->per_inhabitant = g_new0 (gint64, shading->n_tiles);
  shading->classes = g_new0 (guint, shading->n_tiles);
  for (guint i = 0; i < shading->n_tiles; i++)
    {
      const EssMapTile *tile = g_ptr_array_index (map->tiles, i);
      const EssDashGroup *group = ess_dashboard_territory (dashboard, tile->territory_id);
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (group != NULL)
        shading->per_inhabitant[i] = ess_dash_per_inhabitant (ess_dash_group_amount (group, measure), group->population);
      value = ess_chart_format_value (ESS_CHART_MONEY, shading->per_inhabitant[i]);
      /* TRANSLATORS: an amount per inhabitant on the map, "0,61 €/hab." */
      label = g_strdup_printf (_("%s/inh."), value);
      g_strv_builder_add (values, label);
    }
  ess_map_classes (shading->per_inhabitant, shading->n_tiles, ESS_MAP_N_CLASSES, shading->classes, bounds);
  for (guint c = 0; c < ESS_MAP_N_CLASSES; c++)
    {
      g_autofree char *low = ess_chart_format_value (ESS_CHART_MONEY, bounds[c]);
      g_autofree char *high = ess_chart_format_value (ESS_CHART_MONEY, bounds[c + 1]);
      g_autofree char *label = g_strdup_printf ("%s – %s", low, high);
      g_strv_builder_add (legend, label);
    }
  shading->values = g_strv_builder_end (values);
  shading->legend = g_strv_builder_end (legend);
  return shading;
}

void
ess_map_shading_free (EssMapShading *shading)
{
  if (shading == NULL)
    return;
  g_free (shading->per_inhabitant);
  g_free (shading->classes);
  g_strfreev (shading->values);
  g_strfreev (shading->legend);
  g_free (shading);
}
