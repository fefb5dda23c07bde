/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A writer the failure tests run as a separate process, to kill it or to race it. */

/* Modes:
 *   bulk DB N TAG   what an import does: the backup hook, then N dossiers
 *                   (applicant, contact, communes, history event each) in
 *                   one transaction through the store; prints "begun",
 *                   "inserted K" every 1000 dossiers (the last one before
 *                   the COMMIT) and "committed" as it goes.
 *   hold DB         opens the store, prints "open", waits to be killed.
 *   create DB N     N dossiers through ess_store_create_dossier() (one
 *                   transaction each), as a user working in the window.
 *   raw DB N        N dossiers with plain SQLite, as an old version or a
 *                   sync tool would: no lock file, BEGIN IMMEDIATE each.
 * Exit 0 when done, 1 on an error (printed). */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ess-store.h"
#include "ess-store-backup.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"
#include "ess-store-private.h"

static void
say (const char *word)
{
  printf ("%s\n", word);
  fflush (stdout);
}

static int
fail (GError *error)
{
  fprintf (stderr, "ess-test-writer: %s\n", error ? error->message : "failed");
  return 1;
}

static gboolean
insert_one (EssStore    *store,
            const char  *tag,
            int          i,
            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("Association %s n° %d", tag, i);
  g_autofree char *reference = g_strdup_printf ("%s-%05d", tag, i);
  g_autofree char *title = g_strdup_printf ("Projet %d de l’import %s : épicerie solidaire, "
                                            "atelier de réparation et accompagnement vers l’emploi", i, tag);
  sqlite3 *db = ess_store_get_db (store);
  sqlite3_stmt *stmt;
  gint64 applicant, dossier;

  stmt = ess_store_prepare (store, "INSERT INTO applicants (name, legal_form, address, commune_insee) "
                                   "VALUES (?1, 'association', '2 rue de l’Exemple', '59350')", error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, name);
  if (!ess_store_step_done (store, stmt, error))
    return FALSE;
  applicant = sqlite3_last_insert_rowid (db);

  stmt = ess_store_prepare (store, "INSERT INTO contacts (applicant_id, name, email, phone) "
                                   "VALUES (?1, 'Camille Martin', 'camille.martin@example.org', '03 20 00 00 00')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, applicant);
  if (!ess_store_step_done (store, stmt, error))
    return FALSE;

  stmt = ess_store_prepare (store, "INSERT INTO dossiers (reference, title, description, scheme_code, year, "
                                   "applicant_id, requested_cents) VALUES (?1, ?2, ?2, 'APT', 2024, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, reference);
  ess_store_bind_text (stmt, 2, title);
  sqlite3_bind_int64 (stmt, 3, applicant);
  sqlite3_bind_int64 (stmt, 4, 1000000 + i);
  if (!ess_store_step_done (store, stmt, error))
    return FALSE;
  dossier = sqlite3_last_insert_rowid (db);

  stmt = ess_store_prepare (store, "INSERT INTO dossier_communes (dossier_id, insee) VALUES (?1, '59350'), (?1, '59512')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier);
  if (!ess_store_step_done (store, stmt, error))
    return FALSE;

  return ess_store_add_history (store, dossier, "imported", NULL, NULL, NULL, tag, error);
}

static int
bulk (const char *path,
      int         n,
      const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(EssBackup) backup = NULL;

  if (store == NULL)
    return fail (error);

  backup = ess_store_backup_before_import (store, &error);
  if (backup == NULL)
    return fail (error);

  if (!ess_store_begin (store, &error))
    return fail (error);
  say ("begun");
  for (int i = 0; i < n; i++)
    {
      if (!insert_one (store, tag, i, &error))
        {
          ess_store_rollback (store);
          return fail (error);
        }
      if ((i + 1) % 1000 == 0 || i + 1 == n)
        {
          printf ("inserted %d\n", i + 1);
          fflush (stdout);
        }
    }
  if (!ess_store_commit (store, &error))
    return fail (error);
  say ("committed");
  return 0;
}

static int
hold (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    return fail (error);
  say ("open");
  for (;;)
    pause ();
  return 0;
}

static int
create (const char *path,
        int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    return fail (error);
  say ("open");
  for (int i = 0; i < n; i++)
    if (ess_store_create_dossier (store, "APT", 2025, &error) <= 0)
      return fail (error);
  say ("done");
  return 0;
}

/* What a program that knows nothing of the lock does: SQLite's own
 * locking is all that stands between it and the application. */
static int
raw (const char *path,
     int         n)
{
  sqlite3 *db;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    {
      fprintf (stderr, "ess-test-writer: %s\n", sqlite3_errstr (rc));
      return 1;
    }
  sqlite3_busy_timeout (db, 10000);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  say ("open");
  for (int i = 0; i < n; i++)
    {
      /* The next number is read inside the write transaction: no other
       * writer can take it between the read and the insert. */
      rc = sqlite3_exec (db,
                         "BEGIN IMMEDIATE;"
                         "INSERT INTO dossiers (reference, scheme_code, year) "
                         "  SELECT printf ('RAW-%05d', count (*) + 1), 'APT', 2025 FROM dossiers "
                         "  WHERE reference LIKE 'RAW-%';"
                         "INSERT INTO history (dossier_id, author, action) "
                         "  VALUES (last_insert_rowid (), 'ancienne version', 'created');"
                         "COMMIT;", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          fprintf (stderr, "ess-test-writer: %s\n", sqlite3_errmsg (db));
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          sqlite3_close (db);
          return 1;
        }
    }
  sqlite3_close (db);
  say ("done");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "bulk"))
    return bulk (argv[2], atoi (argv[3]), argv[4]);
  if (argc == 3 && g_str_equal (argv[1], "hold"))
    return hold (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "create"))
    return create (argv[2], atoi (argv[3]));
  if (argc == 4 && g_str_equal (argv[1], "raw"))
    return raw (argv[2], atoi (argv[3]));

  fprintf (stderr, "usage: ess-test-writer bulk DB N TAG | hold DB | create DB N | raw DB N\n");
  return 2;
}
