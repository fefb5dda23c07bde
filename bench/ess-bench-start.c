/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cold start to the first drawn window, and the memory it takes, with a
 * large database against an empty one: the application is started RUNS
 * times on each and quits after its first frame (ESS_QUIT_AFTER_FIRST_FRAME).
 * Needs a display (bench/run starts Xvfb).
 *
 *   ess-bench-start BINARY LARGE.db EMPTY.db [RUNS]
 */
#include "config.h"

#include <stdlib.h>

#include "bench-util.h"

static void
measure (const char *binary,
         const char *database,
         int         runs,
         GArray     *times,
         GArray     *rss)
{
  const char *argv[] = { binary, "--database", database, NULL };

  for (int i = 0; i < runs; i++)
    {
      gint64 max_rss = 0;
      int status = 0;
      double ms = bench_run (argv, &max_rss, &status);

      if (status != 0)
        {
          g_printerr ("ess-bench-start: %s exited with %d on %s\n", binary, status, database);
          exit (1);
        }
      bench_add (times, ms);
      bench_add (rss, max_rss / 1024.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) large_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_rss = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = argc > 4 ? atoi (argv[4]) : 5;

  if (argc < 4)
    {
      g_printerr ("usage: ess-bench-start BINARY LARGE.db EMPTY.db [RUNS]\n");
      return 2;
    }
  g_setenv ("ESS_QUIT_AFTER_FIRST_FRAME", "1", TRUE);

  /* Warm the page cache once: "cold" is the process, not the disk. */
  {
    g_autoptr(GArray) warm_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) warm_rss = g_array_new (FALSE, FALSE, sizeof (double));
    measure (argv[1], argv[2], 1, warm_ms, warm_rss);
  }
  for (int i = 0; i < runs; i++)
    {
      measure (argv[1], argv[3], 1, empty_ms, empty_rss);
      measure (argv[1], argv[2], 1, large_ms, large_rss);
    }

  g_print ("start to first frame, %s\n", argv[2]);
  bench_report ("  large database", large_ms);
  bench_report ("  empty database", empty_ms);
  g_print ("  ratio large / empty (medians): %.2f\n\n", bench_median (large_ms) / MAX (bench_median (empty_ms), 0.001));
  g_print ("peak RSS after the first frame (MiB): large %.1f, empty %.1f, ratio %.2f\n",
           bench_median (large_rss), bench_median (empty_rss),
           bench_median (large_rss) / MAX (bench_median (empty_rss), 0.001));
  return 0;
}
