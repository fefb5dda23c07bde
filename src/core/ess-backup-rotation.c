/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which backups to keep: the newest of each recent day and of each recent week. */

#include "config.h"

#include "ess-backup-rotation.h"

static int
day_key (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  return g_date_time_get_year (local) * 1000 + g_date_time_get_day_of_year (local);
}

static int
week_key (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  return g_date_time_get_week_numbering_year (local) * 100 + g_date_time_get_week_of_year (local);
}

gboolean *
ess_backup_rotation_keep (GDateTime * const *times,
                          guint              n_times,
                          guint              keep_recent,
                          guint              keep_daily,
                          guint              keep_weekly)
{
  gboolean *keep = g_new0 (gboolean, MAX (n_times, 1));
  g_autoptr(GHashTable) days = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) weeks = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) weeks_kept_by_day = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < n_times && i < keep_recent; i++)
    keep[i] = TRUE;

  /* Newest first: the first backup met of a day or week is its newest. */
  for (guint i = 0; i < n_times; i++)
    {
      int day = day_key (times[i]);

      if (g_hash_table_contains (days, GINT_TO_POINTER (day)))
        continue;
      if (g_hash_table_size (days) >= keep_daily)
        break;
      g_hash_table_add (days, GINT_TO_POINTER (day));
      g_hash_table_add (weeks_kept_by_day, GINT_TO_POINTER (week_key (times[i])));
      keep[i] = TRUE;
    }

  for (guint i = 0; i < n_times; i++)
    {
      int week = week_key (times[i]);

      if (g_hash_table_contains (weeks_kept_by_day, GINT_TO_POINTER (week)) ||
          g_hash_table_contains (weeks, GINT_TO_POINTER (week)))
        continue;
      if (g_hash_table_size (weeks) >= keep_weekly)
        break;
      g_hash_table_add (weeks, GINT_TO_POINTER (week));
      keep[i] = TRUE;
    }

  return keep;
}
