/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times a command RUNS times (median, 95th percentile, peak RSS), and,
 * when a reference command doing the same work is given after --vs, the
 * reference in the same run, alternating, and the ratio of the medians.
 * --setup CMD runs before each timed run (untimed), e.g. to remove the
 * database an import writes into; --size FILE prints peak RSS against the
 * size of FILE.
 *
 *   ess-bench-command LABEL RUNS [--setup 'CMD'] [--size FILE] -- CMD... [--vs LABEL -- CMD...]
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-util.h"

typedef struct
{
  const char *label;
  GPtrArray  *argv;
  GArray     *ms;
  GArray     *rss;
} Command;

static void
run_once (Command    *command,
          const char *setup)
{
  gint64 rss = 0;
  int status = 0;
  double ms;

  if (setup != NULL && system (setup) != 0)
    {
      g_printerr ("ess-bench-command: the setup “%s” failed\n", setup);
      exit (1);
    }
  ms = bench_run ((const char * const *) command->argv->pdata, &rss, &status);
  if (status != 0)
    {
      g_printerr ("ess-bench-command: %s exited with %d\n", (char *) g_ptr_array_index (command->argv, 0), status);
      exit (1);
    }
  bench_add (command->ms, ms);
  bench_add (command->rss, rss / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  Command commands[2] = { { 0, }, { 0, } };
  const char *setup = NULL;
  const char *size_file = NULL;
  guint n_commands = 0;
  int runs;
  int i = 3;

  if (argc < 5)
    {
      g_printerr ("usage: ess-bench-command LABEL RUNS [--setup CMD] [--size FILE] -- CMD... [--vs LABEL -- CMD...]\n");
      return 2;
    }
  runs = atoi (argv[2]);
  while (i < argc && strcmp (argv[i], "--") != 0)
    {
      if (strcmp (argv[i], "--setup") == 0 && i + 1 < argc)
        setup = argv[++i];
      else if (strcmp (argv[i], "--size") == 0 && i + 1 < argc)
        size_file = argv[++i];
      i++;
    }

  commands[0].label = argv[1];
  n_commands = 1;
  for (i++; i < argc; i++)
    {
      Command *command = &commands[n_commands - 1];

      if (strcmp (argv[i], "--vs") == 0 && n_commands == 1 && i + 2 < argc)
        {
          commands[1].label = argv[++i];
          i++;   /* the "--" */
          n_commands = 2;
          continue;
        }
      if (command->argv == NULL)
        command->argv = g_ptr_array_new ();
      g_ptr_array_add (command->argv, argv[i]);
    }

  for (guint c = 0; c < n_commands; c++)
    {
      g_ptr_array_add (commands[c].argv, NULL);
      commands[c].ms = g_array_new (FALSE, FALSE, sizeof (double));
      commands[c].rss = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (int r = 0; r < runs; r++)
    for (guint c = 0; c < n_commands; c++)
      run_once (&commands[c], setup);

  for (guint c = 0; c < n_commands; c++)
    {
      bench_report (commands[c].label, commands[c].ms);
      g_print ("%-55s peak RSS %.1f MiB", "", bench_median (commands[c].rss));
      if (size_file != NULL)
        {
          GStatBuf st;
          if (g_stat (size_file, &st) == 0 && st.st_size > 0)
            g_print (" (%.2f x the file's %.1f MiB)", bench_median (commands[c].rss) / (st.st_size / 1048576.0),
                     st.st_size / 1048576.0);
        }
      g_print ("\n");
    }
  if (n_commands == 2)
    g_print ("%-55s ratio of the medians: %.2f\n", "",
             bench_median (commands[0].ms) / MAX (bench_median (commands[1].ms), 0.001));
  return 0;
}
