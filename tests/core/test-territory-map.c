/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests the schematic map of the territories: the layout of data/ tiles
 * the square without gap or overlap, names every territory, and bad
 * layouts are refused with the place of the mistake. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ess-territory-map.h"

static EssTerritoryMap *
load_layout (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "territories-map.ini", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  EssTerritoryMap *map;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  map = ess_territory_map_parse (text, length, &error);
  g_assert_no_error (error);
  return map;
}

static void
test_layout_tiles_the_square (void)
{
  g_autoptr(EssTerritoryMap) map = load_layout ();
  double area = 0;

  g_assert_cmpuint (map->tiles->len, ==, 8);
  for (guint i = 0; i < map->tiles->len; i++)
    {
      EssMapTile *tile = g_ptr_array_index (map->tiles, i);

      g_assert_cmpint (tile->territory_id, ==, (int) i + 1);
      g_assert_cmpfloat (ess_map_tile_area (tile), >, 200);   /* large enough to hold its name */
      /* The label sits in its own tile. */
      g_assert_cmpint (ess_territory_map_hit (map, tile->label_x, tile->label_y), ==, tile->territory_id);
      area += ess_map_tile_area (tile);
    }
  /* No gap and no overlap: the areas add up to the square. */
  g_assert_cmpfloat_with_epsilon (area, ESS_MAP_GRID * ESS_MAP_GRID, 1e-6);

  /* Every point of a fine mesh falls in exactly one tile. */
  for (double x = 0.5; x < ESS_MAP_GRID; x += 1.0)
    for (double y = 0.5; y < ESS_MAP_GRID; y += 1.0)
      g_assert_cmpint (ess_territory_map_hit (map, x, y), !=, 0);
}

static void
test_layout_names (void)
{
  g_autoptr(EssTerritoryMap) map = load_layout ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "territories.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  /* Each territory of territories.csv has its tile, by number and name. */
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      int id = atoi (cells[2]);
      EssMapTile *tile;

      g_assert_cmpint (id, >=, 1);
      g_assert_cmpint (id, <=, 8);
      tile = g_ptr_array_index (map->tiles, id - 1);
      g_assert_cmpstr (tile->name, ==, g_strchomp (cells[3]));
    }
  /* Lille is in the middle, the Weppes to the west, Roubaix to the north-east. */
  g_assert_cmpint (ess_territory_map_hit (map, 45, 50), ==, 8);
  g_assert_cmpint (ess_territory_map_hit (map, 5, 70), ==, 1);
  g_assert_cmpint (ess_territory_map_hit (map, 95, 5), ==, 3);
  g_assert_cmpint (ess_territory_map_hit (map, -5, 5), ==, 0);
}

static void
test_bad_layouts (void)
{
  static const struct { const char *text; const char *where; } cases[] = {
    { "[x]\nname=A\npolygon=0,0 1,0 1,1\nlabel=0,0\n", "[x]" },
    { "[1]\nname=A\npolygon=0,0 1,0\nlabel=0,0\n", "at least 3 points" },
    { "[1]\nname=A\npolygon=0,0 1,0 1,101\nlabel=0,0\n", "“1,101”" },
    { "[1]\nname=A\npolygon=0,0 1,0 a,b\nlabel=0,0\n", "“a,b”" },
    { "[1]\nname=A\npolygon=0,0 1,0 1,1\n", "name, polygon and label" },
    { "[1]\nname=A\npolygon=0,0 1,0 1,1\nlabel=5\n", "label" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EssTerritoryMap) map = ess_territory_map_parse (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (map);
      g_assert_error (error, ESS_TERRITORY_MAP_ERROR, 0);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %u: “%s” does not name “%s”", i, error->message, cases[i].where);
    }
}

static void
test_classes (void)
{
  /* Amounts per inhabitant in cents: 0, 0,25 €, 1 €, 3,99 €, 4 €. */
  const gint64 values[] = { 0, 25, 100, 399, 400 };
  guint classes[G_N_ELEMENTS (values)];
  gint64 bounds[5];

  ess_map_classes (values, G_N_ELEMENTS (values), 4, classes, bounds);
  g_assert_cmpint (bounds[0], ==, 0);
  g_assert_cmpint (bounds[1], ==, 100);
  g_assert_cmpint (bounds[4], ==, 400);
  g_assert_cmpuint (classes[0], ==, 0);
  g_assert_cmpuint (classes[1], ==, 0);
  g_assert_cmpuint (classes[2], ==, 1);
  g_assert_cmpuint (classes[3], ==, 3);
  g_assert_cmpuint (classes[4], ==, 3);   /* the largest is in the last class */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/territory-map/tiles-the-square", test_layout_tiles_the_square);
  g_test_add_func ("/territory-map/names", test_layout_names);
  g_test_add_func ("/territory-map/bad-layouts", test_bad_layouts);
  g_test_add_func ("/territory-map/classes", test_classes);

  return g_test_run ();
}
