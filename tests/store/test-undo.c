/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests that a batch status change can be undone, all or nothing, with a trace. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-store-dossiers.h"
#include "ess-store-undo.h"

static char *path;

static char *
sql_text (const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_revert_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  /* APT-2013-002 (granted) and APT-2013-003 (agreement signed) are ids 3 and 4. */
  const gint64 ids[] = { 3, 4 };
  const EssStatus before[] = { ESS_STATUS_GRANTED, ESS_STATUS_AGREEMENT_SIGNED };
  g_autofree char *statuses = NULL;
  g_autofree char *trace = NULL;

  g_assert_no_error (error);
  g_assert_true (ess_store_change_status (store, ids, 2, ESS_STATUS_WITHDRAWN, "2026-11-23",
                                          "Renoncement des porteurs", &error));
  g_assert_no_error (error);
  statuses = sql_text ("SELECT group_concat (status, ',') FROM (SELECT status FROM dossiers WHERE id IN (3, 4) ORDER BY id)");
  g_assert_cmpstr (statuses, ==, "withdrawn,withdrawn");

  /* Back to where each one was, although the table has no move from withdrawn to granted. */
  g_assert_true (ess_store_revert_statuses (store, ids, before, 2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&statuses, g_free);
  statuses = sql_text ("SELECT group_concat (status, ',') FROM (SELECT status FROM dossiers WHERE id IN (3, 4) ORDER BY id)");
  g_assert_cmpstr (statuses, ==, "granted,agreement-signed");
  trace = sql_text ("SELECT count (*) FROM history WHERE action = 'status' AND dossier_id IN (3, 4)");
  g_assert_cmpstr (trace, ==, "4");

  /* An unknown dossier in the batch: nothing is undone. */
  {
    const gint64 bad[] = { 3, 999 };
    const EssStatus to[] = { ESS_STATUS_SUBMITTED, ESS_STATUS_SUBMITTED };

    g_assert_false (ess_store_revert_statuses (store, bad, to, 2, &error));
    g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
    g_clear_pointer (&statuses, g_free);
    statuses = sql_text ("SELECT status FROM dossiers WHERE id = 3");
    g_assert_cmpstr (statuses, ==, "granted");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("ess-undo-XXXXXX", NULL);
  int result;

  g_test_init (&argc, &argv, NULL);
  path = g_build_filename (dir, "undo.db", NULL);
  g_test_add_func ("/undo/revert-batch", test_revert_batch);
  result = g_test_run ();

  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
  g_free (path);
  return result;
}
