/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Draws the schematic map of the territories on any cairo context: the
 * screen, a printed page, a PDF. Readable in black and white: shades of
 * grey from light to dark, the value written in every tile. */
#pragma once

#include <cairo.h>

#include "ess-dashboard.h"
#include "ess-territory-map.h"

G_BEGIN_DECLS

#define ESS_MAP_N_CLASSES 5

typedef struct
{
  const EssTerritoryMap *map;
  const guint           *classes;     /* per tile (map order), 0 .. ESS_MAP_N_CLASSES - 1 */
  const char * const    *values;      /* per tile, the figure written under the name, or NULL */
  const char * const    *legend;      /* ESS_MAP_N_CLASSES labels of the classes, or NULL: no legend */
  const char            *legend_title;
  int                    highlight;   /* territory id drawn with a thick outline, 0: none */
} EssMapDrawing;

/* Draws in the rectangle (@x, @y, @width, @height), the map square at the
 * left and the legend at its right (or below when the rectangle is tall). */
void  ess_map_draw            (cairo_t             *cr,
                               const EssMapDrawing *drawing,
                               double               x,
                               double               y,
                               double               width,
                               double               height);
/* Where the map square lies in that rectangle, for hit testing: the
 * grid point under (@px, @py), FALSE outside the square. */
gboolean ess_map_to_grid      (double               x,
                               double               y,
                               double               width,
                               double               height,
                               double               px,
                               double               py,
                               double              *grid_x,
                               double              *grid_y);
/* The grey of a class, 1.0 white to 0.2 dark. */
double   ess_map_class_grey   (guint                klass);

/* The shading of the map by amount per inhabitant of each territory of a
 * dashboard, in the map's tile order: classes, the figures written in the
 * tiles ("0,62 €/hab."), the legend. */
typedef struct
{
  guint   n_tiles;
  gint64 *per_inhabitant;   /* cents per inhabitant, per tile */
  guint  *classes;
  GStrv   values;
  GStrv   legend;           /* ESS_MAP_N_CLASSES labels */
} EssMapShading;

EssMapShading *ess_map_shading_new   (const EssTerritoryMap *map,
                                      const EssDashboard    *dashboard,
                                      EssDashMeasure         measure);
void           ess_map_shading_free  (EssMapShading         *shading);
/* The group of @dashboard for territory @territory_id, or NULL. */
const EssDashGroup *ess_dashboard_territory (const EssDashboard *dashboard,
                                             int                 territory_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssMapShading, ess_map_shading_free)

G_END_DECLS
