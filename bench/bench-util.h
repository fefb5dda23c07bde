/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Timing helpers of the benchmark programs: medians, percentiles, reference tools. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void    bench_add          (GArray     *samples,
                            double      ms);
/* Adds the milliseconds since @start (g_get_monotonic_time ()). */
void    bench_add_ms       (GArray     *samples,
                            gint64      start);
double  bench_median       (GArray     *samples);
double  bench_percentile   (GArray     *samples,
                            int         percent);
/* "label: median 12.3 ms, p95 15.0 ms, n = 21". */
void    bench_report       (const char *label,
                            GArray     *samples);
/* The time sqlite3's own shell reports (.timer) for @sql with its one
 * parameter bound to @param, in milliseconds of real time. */
double  bench_sqlite3_ms   (const char *database,
                            const char *sql,
                            const char *param);
/* Runs @argv, returns the wall time in ms; its peak RSS in KiB in @max_rss_kib (may be NULL). */
double  bench_run          (const char * const *argv,
                            gint64             *max_rss_kib,
                            int                *exit_status);

G_END_DECLS
