/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "ess-territory-map.h"

G_DEFINE_QUARK (ess-territory-map-error-quark, ess_territory_map_error)

static void
tile_free (EssMapTile *tile)
{
  g_free (tile->name);
  g_array_unref (tile->points);
  g_free (tile);
}

void
ess_territory_map_free (EssTerritoryMap *map)
{
  if (map == NULL)
    return;
  g_ptr_array_unref (map->tiles);
  g_free (map);
}

/* "x,y": both on the grid. */
static gboolean
parse_point (const char *text,
             double     *x,
             double     *y)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) != 2)
    return FALSE;
  *x = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  *y = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0')
    return FALSE;
  return *x >= 0 && *x <= ESS_MAP_GRID && *y >= 0 && *y <= ESS_MAP_GRID;
}

static int
compare_tiles (gconstpointer a,
               gconstpointer b)
{
  const EssMapTile *ta = *(EssMapTile * const *) a;
  const EssMapTile *tb = *(EssMapTile * const *) b;

  return (ta->territory_id > tb->territory_id) - (ta->territory_id < tb->territory_id);
}

EssTerritoryMap *
ess_territory_map_parse (const char  *text,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) tile_free);
  g_auto(GStrv) groups = NULL;
  EssTerritoryMap *map;

  if (!g_key_file_load_from_data (keyfile, text, length, G_KEY_FILE_NONE, error))
    return NULL;

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *polygon = NULL;
      g_autofree char *label = NULL;
      g_auto(GStrv) points = NULL;
      EssMapTile *tile;
      char *end;
      long id = strtol (groups[i], &end, 10);

      if (*end != '\0' || id <= 0 || id > G_MAXINT)
        {
          g_set_error (error, ESS_TERRITORY_MAP_ERROR, 0,
                       _("Territory map, group [%s]: expected a territory number."), groups[i]);
          return NULL;
        }

      tile = g_new0 (EssMapTile, 1);
      tile->territory_id = (int) id;
      tile->points = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (tiles, tile);

      tile->name = g_key_file_get_string (keyfile, groups[i], "name", NULL);
      polygon = g_key_file_get_string (keyfile, groups[i], "polygon", NULL);
      label = g_key_file_get_string (keyfile, groups[i], "label", NULL);
      if (tile->name == NULL || polygon == NULL || label == NULL)
        {
          g_set_error (error, ESS_TERRITORY_MAP_ERROR, 0,
                       _("Territory map, group [%s]: the keys name, polygon and label are expected."),
                       groups[i]);
          return NULL;
        }

      points = g_strsplit (g_strstrip (polygon), " ", -1);
      for (guint p = 0; points[p] != NULL; p++)
        {
          double x, y;

          if (points[p][0] == '\0')
            continue;
          if (!parse_point (points[p], &x, &y))
            {
              g_set_error (error, ESS_TERRITORY_MAP_ERROR, 0,
                           _("Territory map, group [%s], polygon: “%s” is not a point x,y between 0 and 100."),
                           groups[i], points[p]);
              return NULL;
            }
          g_array_append_val (tile->points, x);
          g_array_append_val (tile->points, y);
        }
      if (tile->points->len < 6)
        {
          g_set_error (error, ESS_TERRITORY_MAP_ERROR, 0,
                       _("Territory map, group [%s], polygon: at least 3 points are expected."), groups[i]);
          return NULL;
        }
      if (!parse_point (g_strstrip (label), &tile->label_x, &tile->label_y))
        {
          g_set_error (error, ESS_TERRITORY_MAP_ERROR, 0,
                       _("Territory map, group [%s], label: “%s” is not a point x,y between 0 and 100."),
                       groups[i], label);
          return NULL;
        }
    }

  g_ptr_array_sort (tiles, compare_tiles);
  map = g_new0 (EssTerritoryMap, 1);
  map->tiles = g_steal_pointer (&tiles);
  return map;
}

double
ess_map_tile_area (const EssMapTile *tile)
{
  guint n = tile->points->len / 2;
  const double *p = (const double *) (gpointer) tile->points->data;
  double twice = 0;

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      twice += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
  return (twice < 0 ? -twice : twice) / 2;
}

/* Even-odd rule. */
static gboolean
tile_contains (const EssMapTile *tile,
               double            x,
               double            y)
{
  guint n = tile->points->len / 2;
  const double *p = (const double *) (gpointer) tile->points->data;
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = p[2 * i], yi = p[2 * i + 1];
      double xj = p[2 * j], yj = p[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

int
ess_territory_map_hit (const EssTerritoryMap *map,
                       double                 x,
                       double                 y)
{
  for (guint i = 0; i < map->tiles->len; i++)
    {
      EssMapTile *tile = g_ptr_array_index (map->tiles, i);
      if (tile_contains (tile, x, y))
        return tile->territory_id;
    }
  return 0;
}

void
ess_map_classes (const gint64 *values,
                 guint         n_values,
                 guint         n_classes,
                 guint        *classes,
                 gint64       *bounds)
{
  gint64 top = 0;

  g_return_if_fail (n_classes > 0);

  for (guint i = 0; i < n_values; i++)
    top = MAX (top, values[i]);

  for (guint c = 0; c <= n_classes; c++)
    bounds[c] = (gint64) ((__int128) top * c / n_classes);

  for (guint i = 0; i < n_values; i++)
    {
      guint c = 0;

      if (values[i] > 0 && top > 0)
        {
          c = (guint) ((__int128) values[i] * n_classes / top);
          if (c >= n_classes)
            c = n_classes - 1;
        }
      classes[i] = c;
    }
}
