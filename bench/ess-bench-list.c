/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search as you type and filter changes on a large database: the latency
 * of reloading the dossier list (ids, count and sums), median and 95th
 * percentile, against sqlite3 running the bare FTS query in the same run.
 *
 *   ess-bench-list DATABASE [RUNS]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ess-dossier-list.h"
#include "ess-store-dossiers.h"
#include "bench-util.h"

static const char * const searches[] = {
  /* What a user types, letter by letter, then whole words. */
  "e", "ec", "eco", "econ", "économie", "ép", "épi", "épicerie", "re", "rec", "recyclerie",
  "so", "sol", "solidaire", "ti", "tiers", "lille", "roubaix", "ville de", "asso sol", "scic én",
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssDossierList) list = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sort_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_ms = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = argc > 2 ? atoi (argv[2]) : 5;
  guint n;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: ess-bench-list DATABASE [RUNS]\n");
      return 2;
    }
  store = ess_store_open (argv[1], ESS_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("ess-bench-list: %s\n", error->message);
      return 1;
    }
  list = ess_dossier_list_new (store);
  ess_dossier_list_set_query (list, query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_print ("database: %s, %u dossiers, %d runs\n\n", argv[1], n, runs);

  for (int run = 0; run < runs; run++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
        {
          g_autofree char *fts = ess_search_to_fts (searches[i]);
          gint64 start = g_get_monotonic_time ();

          g_free (query->search);
          query->search = g_strdup (searches[i]);
          ess_dossier_list_set_query (list, query);
          /* The first screen of rows is read as the view would. */
          for (guint r = 0; r < 40 && r < g_list_model_get_n_items (G_LIST_MODEL (list)); r++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), r));
          bench_add_ms (search_ms, start);

          bench_add (reference_ms, bench_sqlite3_ms (argv[1],
                     "SELECT count(*) FROM dossier_search WHERE dossier_search MATCH ?1", fts));
        }
      g_clear_pointer (&query->search, g_free);

      /* Filter changes: a status, a scheme, a year, a territory, a commune, then none. */
      for (int f = 0; f < 6; f++)
        {
          gint64 start = g_get_monotonic_time ();

          query->statuses = f == 0 ? (1u << ESS_STATUS_IN_REVIEW) : 0;
          g_clear_pointer (&query->scheme, g_free);
          query->scheme = f == 1 ? g_strdup ("APP") : NULL;
          query->year = f == 2 ? 2020 : 0;
          query->territory_id = f == 3 ? 5 : 0;
          g_clear_pointer (&query->commune, g_free);
          query->commune = f == 4 ? g_strdup ("59350") : NULL;
          ess_dossier_list_set_query (list, query);
          for (guint r = 0; r < 40 && r < g_list_model_get_n_items (G_LIST_MODEL (list)); r++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), r));
          bench_add_ms (filter_ms, start);
        }

      for (EssSortColumn sort = 0; sort < ESS_N_SORTS; sort++)
        {
          gint64 start = g_get_monotonic_time ();

          query->sort = sort;
          query->descending = run % 2;
          ess_dossier_list_set_query (list, query);
          for (guint r = 0; r < 40 && r < g_list_model_get_n_items (G_LIST_MODEL (list)); r++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), r));
          bench_add_ms (sort_ms, start);
        }
      query->sort = ESS_SORT_REFERENCE;
    }

  bench_report ("search as you type (list reload + first 40 rows)", search_ms);
  bench_report ("sqlite3: bare FTS count, same queries (reference)", reference_ms);
  bench_report ("filter change", filter_ms);
  bench_report ("sort change", sort_ms);
  g_print ("\nratio search / sqlite3 FTS (medians): %.2f\n",
           bench_median (search_ms) / MAX (bench_median (reference_ms), 0.001));
  return 0;
}
