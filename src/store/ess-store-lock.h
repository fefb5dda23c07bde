/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The lock file that keeps a second program from writing the same database. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Beside the database "NAME.db", the file "NAME.db.lock" holds the host,
 * process id and start time of the program that has it open for writing,
 * and that program holds an flock() on it, which the system releases when
 * the program ends, even by a crash or kill -9. So:
 *  - the lock held by a live process: refused (ESS_STORE_ERROR_LOCKED,
 *    the message names the host, the process and since when);
 *  - a lock file left by a process that died on this host: stale, taken
 *    over (ess_store_lock_was_stale() tells);
 *  - a lock file naming another host whose lock is not held: that host
 *    may not share our locks (network file system), so it is refused too,
 *    with the path of the lock file to remove once that computer is off.
 * A process may take the lock of one database several times (several
 * stores open on it): it is counted, and released with the last one. */
typedef struct _EssStoreLock EssStoreLock;

EssStoreLock *ess_store_lock_acquire   (const char    *db_path,
                                        GError       **error);
gboolean      ess_store_lock_was_stale (EssStoreLock  *lock);
void          ess_store_lock_release   (EssStoreLock  *lock);
char         *ess_store_lock_path      (const char    *db_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssStoreLock, ess_store_lock_release)

G_END_DECLS
