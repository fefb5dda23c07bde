/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The schematic map of the territories: tiles read from data/territories-map.ini,
 * hit testing, and the shading classes of a value per territory. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int     territory_id;
  char   *name;
  GArray *points;     /* double x, y pairs on the 100 x 100 grid */
  double  label_x;
  double  label_y;
} EssMapTile;

typedef struct
{
  GPtrArray *tiles;   /* EssMapTile, in territory id order */
} EssTerritoryMap;

#define ESS_MAP_GRID 100.0

#define ESS_TERRITORY_MAP_ERROR (ess_territory_map_error_quark ())
GQuark           ess_territory_map_error_quark (void);

/* Parses the layout; the error names the group and key that are wrong
 * (a polygon of fewer than 3 points, a coordinate outside the grid...). */
EssTerritoryMap *ess_territory_map_parse  (const char            *text,
                                           gsize                  length,
                                           GError               **error);
void             ess_territory_map_free   (EssTerritoryMap       *map);
/* The area of a tile in grid units (shoelace formula). */
double           ess_map_tile_area        (const EssMapTile      *tile);
/* The territory id of the tile under (@x, @y) on the grid, 0 when none. */
int              ess_territory_map_hit    (const EssTerritoryMap *map,
                                           double                 x,
                                           double                 y);

/* Shading: the class (0 .. @n_classes - 1) of each value, by equal
 * intervals between 0 and the largest value; a value of 0 is class 0,
 * the largest is the last class. @bounds receives the @n_classes + 1
 * class limits (same unit as @values). */
void             ess_map_classes          (const gint64          *values,
                                           guint                  n_values,
                                           guint                  n_classes,
                                           guint                 *classes,
                                           gint64                *bounds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssTerritoryMap, ess_territory_map_free)

G_END_DECLS
