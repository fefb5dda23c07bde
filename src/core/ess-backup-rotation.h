/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which backups to keep: the newest of each recent day and of each recent week. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days with a backup kept (the newest backup of each). */
#define ESS_BACKUP_KEEP_DAILY   7
/* Weeks with a backup kept beyond those days (the newest of each). */
#define ESS_BACKUP_KEEP_WEEKLY  4
/* The newest backups, kept whatever their day (the backups made before
 * the imports of one afternoon). */
#define ESS_BACKUP_KEEP_RECENT  5

/* @times are the moments of the backups, newest first (local time
 * decides days and ISO weeks). Returns an array of @n_times booleans:
 * TRUE for a backup to keep. Keeps the @keep_recent newest, the newest
 * of each of the @keep_daily most recent days that have a backup, and
 * the newest of each of the @keep_weekly most recent ISO weeks that
 * have a backup and no backup kept by day. */
gboolean *ess_backup_rotation_keep (GDateTime * const *times,
                                    guint              n_times,
                                    guint              keep_recent,
                                    guint              keep_daily,
                                    guint              keep_weekly);

G_END_DECLS
