/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "bench-util.h"

void
bench_add (GArray *samples,
           double  ms)
{
  g_array_append_val (samples, ms);
}

void
bench_add_ms (GArray *samples,
              gint64  start)
{
  bench_add (samples, (g_get_monotonic_time () - start) / 1000.0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

double
bench_percentile (GArray *samples,
                  int     percent)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (samples->len == 0)
    return 0;
  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  index = (guint) ((sorted->len - 1) * percent / 100.0 + 0.5);
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

double
bench_median (GArray *samples)
{
  return bench_percentile (samples, 50);
}

void
bench_report (const char *label,
              GArray     *samples)
{
  g_print ("%-55s median %8.2f ms   p95 %8.2f ms   max %8.2f ms   n = %u\n", label,
           bench_median (samples), bench_percentile (samples, 95), bench_percentile (samples, 100), samples->len);
}

double
bench_sqlite3_ms (const char *database,
                  const char *sql,
                  const char *param)
{
  g_autofree char *quoted = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", "-readonly", database, NULL };
  g_autoptr(GSubprocess) process = NULL;
  char *real;
  GString *escaped = g_string_new ("'");

  for (const char *p = param; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (escaped, '\'');
      g_string_append_c (escaped, *p);
    }
  g_string_append_c (escaped, '\'');
  quoted = g_string_free (escaped, FALSE);
  /* The shell's own parameter binding: the query is the same prepared statement. */
  script = g_strdup_printf (".parameter set ?1 %s\n.timer on\n%s;\n", quoted, sql);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, script, NULL, &out, NULL, &error))
    return -1;
  real = out != NULL ? strstr (out, "Run Time: real ") : NULL;
  if (real == NULL)
    return -1;
  return g_ascii_strtod (real + strlen ("Run Time: real "), NULL) * 1000.0;
}

double
bench_run (const char * const *argv,
           gint64             *max_rss_kib,
           int                *exit_status)
{
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      /* What the command prints is not the benchmark's business. */
      int null = open ("/dev/null", O_WRONLY);
      if (null >= 0)
        dup2 (null, STDOUT_FILENO);
      execvp (argv[0], (char * const *) argv);
      _exit (127);
    }
  wait4 (pid, &status, 0, &usage);
  if (max_rss_kib != NULL)
    *max_rss_kib = usage.ru_maxrss;
  if (exit_status != NULL)
    *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return (g_get_monotonic_time () - start) / 1000.0;
}
