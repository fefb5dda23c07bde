/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests that a new database holds the reference data of the MEL, whole and coherent. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-store.h"

static char *db_path;
static sqlite3 *db;

static gint64
sql_int (const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
sql_text (const char *sql)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_communes (void)
{
  g_assert_cmpint (sql_int ("SELECT count (*) FROM communes"), ==, 95);
  /* DOMAIN.md: half of the communes are under 5 000 inhabitants (50 of 95). */
  g_assert_cmpint (sql_int ("SELECT count (*) FROM communes WHERE population < 5000"), ==, 50);
  g_assert_cmpint (sql_int ("SELECT count (*) FROM communes WHERE length (siren) = 9 "
                            "AND siren NOT GLOB '*[^0-9]*'"), ==, 95);
  g_assert_cmpint (sql_int ("SELECT count (*) FROM communes WHERE insee GLOB '59[0-9][0-9][0-9]'"), ==, 95);
  /* Lille, Roubaix, Tourcoing and Villeneuve-d'Ascq are the four large cities. */
  g_assert_cmpint (sql_int ("SELECT count (*) FROM (SELECT insee FROM communes ORDER BY population DESC LIMIT 4) "
                            "WHERE insee IN ('59350', '59512', '59599', '59009')"), ==, 4);
}

static void
test_territories (void)
{
  static const struct { int id; const char *name; int communes; } expected[] = {
    { 1, "Weppes", 25 },
    { 2, "Tourquennois", 6 },
    { 3, "Roubaisien", 9 },
    { 4, "Lys", 12 },
    { 5, "Est", 13 },
    { 6, "Couronne Nord de Lille", 11 },
    { 7, "Couronne Sud de Lille", 18 },
    { 8, "Lillois", 1 },
  };

  g_assert_cmpint (sql_int ("SELECT count (*) FROM territories"), ==, 8);
  /* Every commune in exactly one territory. */
  g_assert_cmpint (sql_int ("SELECT count (*) FROM communes WHERE territory_id IS NULL"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM communes WHERE territory_id = %d", expected[i].id);
      g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM territories WHERE id = %d", expected[i].id);
      g_autofree char *name = sql_text (name_sql);

      g_assert_cmpstr (name, ==, expected[i].name);
      g_assert_cmpint (sql_int (sql), ==, expected[i].communes);
    }
}

static void
test_schemes (void)
{
  g_assert_cmpint (sql_int ("SELECT count (*) FROM schemes WHERE code IN "
                            "('APT', 'APP', 'AMI', 'CONVENTION', 'SIEG')"), ==, 5);
  g_assert_cmpint (sql_int ("SELECT count (*) FROM scheme_volets WHERE scheme_code = 'APT'"), ==, 2);
  /* 110 000 EUR a year. */
  g_assert_cmpint (sql_int ("SELECT min (amount_cents) FROM envelopes WHERE scheme_code = 'APT'"), ==, 11000000);
  g_assert_cmpint (sql_int ("SELECT max (amount_cents) FROM envelopes WHERE scheme_code = 'APT'"), ==, 11000000);
  g_assert_cmpint (sql_int ("SELECT count (*) FROM legal_forms"), >=, 9);
  g_assert_cmpint (sql_int ("SELECT count (*) FROM funders WHERE name = 'Métropole'"), ==, 1);
}

static void
test_integrity (void)
{
  g_autofree char *integrity = sql_text ("PRAGMA integrity_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (sql_int ("SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("ess-reference-XXXXXX", NULL);
  db_path = g_build_filename (dir, "reference.db", NULL);
  store = ess_store_open (db_path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  ess_store_close (store);
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_test_add_func ("/reference/communes", test_communes);
  g_test_add_func ("/reference/territories", test_territories);
  g_test_add_func ("/reference/schemes", test_schemes);
  g_test_add_func ("/reference/integrity", test_integrity);

  result = g_test_run ();

  sqlite3_close (db);
  g_unlink (db_path);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  g_free (db_path);
  return result;
}
