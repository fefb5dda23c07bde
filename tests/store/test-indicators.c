/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the indicators of a dossier: added, edited, deleted, traced. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-store-indicators.h"

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_indicators (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-indicators-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_autoptr(GPtrArray) list = NULL;
  EssIndicator *indicator;
  gint64 dossier = 1, id, history_before;
  guint changed = 0;

  g_assert_no_error (error);
  g_signal_connect_swapped (store, "changed::dossiers", G_CALLBACK (g_atomic_int_inc), &changed);
  history_before = sql_int (path, "SELECT count (*) FROM history");

  id = ess_store_add_indicator (store, dossier, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (ess_store_set_indicator (store, id, ESS_INDICATOR_LABEL, "  Forums organisés ", &error));
  g_assert_true (ess_store_set_indicator (store, id, ESS_INDICATOR_TARGET, "3", &error));
  g_assert_true (ess_store_set_indicator (store, id, ESS_INDICATOR_UNIT, "forums", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 4);

  list = ess_store_list_indicators (store, dossier, &error);
  g_assert_cmpuint (list->len, ==, 1);
  indicator = g_ptr_array_index (list, 0);
  g_assert_cmpstr (indicator->label, ==, "Forums organisés");
  g_assert_cmpstr (indicator->target, ==, "3");
  g_assert_cmpstr (indicator->result, ==, "");
  g_assert_cmpstr (indicator->unit, ==, "forums");

  /* Every write is traced. */
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM history"), ==, history_before + 4);

  /* An unknown indicator is refused and nothing is written. */
  g_assert_false (ess_store_set_indicator (store, 9999, ESS_INDICATOR_RESULT, "2", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM history"), ==, history_before + 4);

  g_assert_true (ess_store_delete_indicator (store, id, &error));
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM indicators"), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM history WHERE action = 'indicator' "
                                  "AND old_value = 'Forums organisés'"), ==, 1);
  g_assert_false (ess_store_delete_indicator (store, id, &error));
  g_clear_error (&error);
  g_assert_cmpint (sql_int (path, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  ess_store_close (store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/indicators/add-edit-delete", test_indicators);
  return g_test_run ();
}
