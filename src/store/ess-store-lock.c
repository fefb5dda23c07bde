/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The lock file that keeps a second program from writing the same database. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ess-store.h"
#include "ess-store-lock.h"

struct _EssStoreLock
{
  char     *path;      /* canonical path of the lock file: the registry key */
  int       fd;
  guint     refs;
  gboolean  stale;
};

/* The locks this process holds, by path: a second store on the same
 * file in the same process shares the lock (SQLite coordinates them). */
static GMutex registry_mutex;
static GHashTable *registry;

char *
ess_store_lock_path (const char *db_path)
{
  return g_strconcat (db_path, ".lock", NULL);
}

static char *
canonical_lock_path (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *real = realpath (dir, NULL);
  g_autofree char *lock_name = g_strconcat (base, ".lock", NULL);

  return g_build_filename (real ? real : dir, lock_name, NULL);
}

typedef struct
{
  char *host;
  char *pid;
  char *since;
} Holder;

static void
holder_clear (Holder *holder)
{
  g_clear_pointer (&holder->host, g_free);
  g_clear_pointer (&holder->pid, g_free);
  g_clear_pointer (&holder->since, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Holder, holder_clear)

static void
set_field (char       **slot,
           const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* "host=…\npid=…\nsince=…\n"; an empty file is a lock nobody holds. */
static gboolean
read_holder (int     fd,
             Holder *holder)
{
  char buffer[1024];
  ssize_t n = pread (fd, buffer, sizeof buffer - 1, 0);
  g_auto(GStrv) lines = NULL;

  if (n <= 0)
    return FALSE;
  buffer[n] = '\0';

  lines = g_strsplit (buffer, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *value = strchr (lines[i], '=');

      if (value == NULL)
        continue;
      *value++ = '\0';
      if (g_str_equal (lines[i], "host"))
        set_field (&holder->host, value);
      else if (g_str_equal (lines[i], "pid"))
        set_field (&holder->pid, value);
      else if (g_str_equal (lines[i], "since"))
        set_field (&holder->since, value);
    }

  if (holder->host == NULL)
    holder->host = g_strdup ("?");
  if (holder->pid == NULL)
    holder->pid = g_strdup ("?");
  if (holder->since == NULL)
    holder->since = g_strdup ("?");
  return TRUE;
}

/* The moment of the lock as people read it, in local time. */
static char *
display_since (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static gboolean
write_holder (int          fd,
              const char  *path,
              GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *text = g_strdup_printf ("host=%s\npid=%ld\nsince=%s\nprogram=ess-instruction %s\n",
                                           g_get_host_name (), (long) getpid (), since,
                                           PACKAGE_VERSION);
  gsize length = strlen (text);

  if (ftruncate (fd, 0) != 0 || pwrite (fd, text, length, 0) != (ssize_t) length || fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot write the lock file “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
set_locked_error (GError     **error,
                  const char  *db_path,
                  Holder      *holder)
{
  g_autofree char *since = display_since (holder->since);

  g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_LOCKED,
               _("The database “%s” is already open in Instruction ESS on the computer “%s” "
                 "(process %s, since %s). A database has one writer at a time: close it there "
                 "first. Nothing was changed."),
               db_path, holder->host, holder->pid, since);
}

EssStoreLock *
ess_store_lock_acquire (const char  *db_path,
                        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *path = NULL;
  g_auto(Holder) holder = { 0 };
  gboolean held_before;
  EssStoreLock *lock;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  path = canonical_lock_path (db_path);

  g_mutex_lock (&registry_mutex);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  lock = g_hash_table_lookup (registry, path);
  if (lock != NULL)
    {
      lock->refs++;
      g_mutex_unlock (&registry_mutex);
      return lock;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_mutex_unlock (&registry_mutex);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                   _("Cannot create the lock file “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      g_mutex_unlock (&registry_mutex);
      if (saved == EWOULDBLOCK)
        {
          if (!read_holder (fd, &holder))
            holder = (Holder) { g_strdup ("?"), g_strdup ("?"), g_strdup ("?") };
          set_locked_error (error, db_path, &holder);
        }
      else
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_OPEN,
                     _("Cannot lock the database “%s”: %s"), db_path, g_strerror (saved));
      close (fd);
      return NULL;
    }

  /* We hold the lock: whoever wrote the file is gone, unless it runs on
   * another computer whose locks we may not see. */
  held_before = read_holder (fd, &holder);
  if (held_before && !g_str_equal (holder.host, g_get_host_name ()))
    {
      g_autofree char *since = display_since (holder.since);

      g_mutex_unlock (&registry_mutex);
      close (fd);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_LOCKED,
                   _("The database “%s” seems open on the computer “%s” (process %s, since %s). "
                     "If Instruction ESS no longer runs there, delete the lock file “%s” and try "
                     "again. Nothing was changed."),
                   db_path, holder.host, holder.pid, since, path);
      return NULL;
    }

  if (!write_holder (fd, path, error))
    {
      g_mutex_unlock (&registry_mutex);
      close (fd);
      return NULL;
    }

  lock = g_new0 (EssStoreLock, 1);
  lock->path = g_steal_pointer (&path);
  lock->fd = fd;
  lock->refs = 1;
  lock->stale = held_before;
  if (held_before)
    g_info ("Took over the stale lock of process %s (started %s) on %s",
               holder.pid, holder.since, lock->path);
  g_hash_table_insert (registry, lock->path, lock);
  g_mutex_unlock (&registry_mutex);

  return lock;
}

gboolean
ess_store_lock_was_stale (EssStoreLock *lock)
{
  return lock->stale;
}

void
ess_store_lock_release (EssStoreLock *lock)
{
  if (lock == NULL)
    return;

  g_mutex_lock (&registry_mutex);
  if (--lock->refs > 0)
    {
      g_mutex_unlock (&registry_mutex);
      return;
    }
  g_hash_table_remove (registry, lock->path);
  g_mutex_unlock (&registry_mutex);

  /* Emptied, not deleted: deleting would let two processes lock two
   * different files of the same name. An empty lock file is free. */
  if (ftruncate (lock->fd, 0) == 0)
    fsync (lock->fd);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}
