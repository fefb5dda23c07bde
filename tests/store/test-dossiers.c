/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of querying and writing dossiers on the demo database: search, filters, totals, history. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ess-assessment.h"
#include "ess-dossier-list.h"
#include "ess-money.h"
#include "ess-store.h"
#include "ess-store-dossiers.h"

/* The demo data (data/demo-dossiers.ini), checked by hand:
 *
 *   APT-2012-001  Lille            closed            146 000,00  Lille (Lillois)
 *   APT-2013-001  Tressin          closed              5 933,00  Tressin, Willems, Anstaing, Villeneuve-d'Ascq (Est)
 *   APT-2013-002  Hem              granted            15 000,00  Hem... (Roubaisien), Sailly-lez-Lannoy, Forest-sur-Marque (Est)
 *   APT-2013-003  Travail et Cult. agreement-signed    4 730,00  Lille (Lillois), Loos, Tourcoing, Roubaix
 *
 * Requested, proposed and granted are equal in each; 171 663,00 in all. */

typedef struct
{
  char     *dir;
  char     *path;
  EssStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ess-dossiers-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = ess_store_open (f->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  ess_store_set_author (f->store, "Camille Test");
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Plain SQLite reads, independent of the code under test. */

static sqlite3 *
open_db (Fixture *f)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static sqlite3_stmt *
prepare_sql (sqlite3    *db,
             const char *sql,
             const char *text)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* One integer, with an optional text bound to ?1. */
static gint64
sql_int (Fixture    *f,
         const char *sql,
         const char *text)
{
  sqlite3 *db = open_db (f);
  sqlite3_stmt *stmt = prepare_sql (db, sql, text);
  gint64 value = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The rows of @sql, columns joined by "|", rows by ";" (NULL is "∅"). */
static char *
sql_text (Fixture    *f,
          const char *sql,
          const char *text)
{
  sqlite3 *db = open_db (f);
  sqlite3_stmt *stmt = prepare_sql (db, sql, text);
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len > 0)
        g_string_append_c (out, ';');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);
          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, value ? value : "∅");
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static gint64
id_of (Fixture    *f,
       const char *reference)
{
  gint64 id = sql_int (f, "SELECT id FROM dossiers WHERE reference = ?1", reference);

  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
applicant_of (Fixture    *f,
              const char *name)
{
  gint64 id = sql_int (f, "SELECT id FROM applicants WHERE name = ?1", name);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* The id of applicant @name as ess_store_set_dossier_field() takes it. */
static char *
applicant_text (Fixture    *f,
                const char *name)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, applicant_of (f, name));
}

static gint64
history_count (Fixture *f)
{
  return sql_int (f, "SELECT count (*) FROM history", NULL);
}

/* Every write must leave the foreign keys whole and the search index in
 * step with the dossiers. */
static void
assert_sound (Fixture *f)
{
  g_autofree char *problems = sql_text (f, "PRAGMA foreign_key_check", NULL);

  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossier_search", NULL), ==,
                   sql_int (f, "SELECT count (*) FROM dossiers", NULL));
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossiers d JOIN dossier_search s ON s.rowid = d.id "
                               "WHERE s.reference IS NOT d.reference OR s.title IS NOT d.title", NULL), ==, 0);
}

/* "APT-2013-001,APT-2013-002": the references of @ids, in order. */
static char *
references (Fixture *f,
            GArray  *ids)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = open_db (f);

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = prepare_sql (db, "SELECT reference FROM dossiers WHERE id = ?1", NULL);

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
query_references (Fixture               *f,
                  const EssDossierQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ess_store_query_dossier_ids (f->store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return references (f, ids);
}

static char *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();

  query->search = g_strdup (text);
  return query_references (f, query);
}

/* Search. */

static void
test_search_words (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *expected;
  } cases[] = {
    /* Only APT-2013-002 speaks of a "parcours solidaire". */
    { "parcours", "APT-2013-002" },
    /* "l'initiative" is in the titles of 2013-002 and 2013-003, and
     * "Initiatives et Cités" among the partners of 2012-001: the word is
     * a prefix. */
    { "initiative", "APT-2012-001,APT-2013-002,APT-2013-003" },
    { "l'initiative", "APT-2012-001,APT-2013-002,APT-2013-003" },
    /* Every word must match. */
    { "parcours initiative", "APT-2013-002" },
    /* Without accents: "économie" in the title of 2013-002 and the
     * description of 2012-001. */
    { "economie", "APT-2012-001,APT-2013-002" },
    { "ÉCONOMIE", "APT-2012-001,APT-2013-002" },
    /* A 2-letter prefix: "Ciné cité" (2013-003) and "Cités" (2012-001). */
    { "ci", "APT-2012-001,APT-2013-003" },
    { "cine", "APT-2013-003" },
    /* The applicant's name and the reference are searched too. */
    { "Tressin", "APT-2013-001" },
    { "APT-2013-002", "APT-2013-002" },
    { "2013", "APT-2013-001,APT-2013-002,APT-2013-003" },
    { "introuvable", "" },
    /* No words: no filter. */
    { "", "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
    { "  ", "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = search (f, cases[i].search);

      g_test_message ("search “%s”", cases[i].search);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

static void
test_search_hostile (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const texts[] = {
    "\"", "\"\"", "*", "NEAR(", "NEAR(a b", "OR", "a OR b", "-", "-economie", "AND", "NOT",
    "title:x", "reference : 1", "^", "(", ")", "'", "\"unterminated", "a\"b", "{title}: x",
    "économie*", "+", "NEAR/2", "'; DROP TABLE dossiers; --", "\\", "%", "_",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      EssDossierTotals totals;

      g_test_message ("search “%s”", texts[i]);
      query->search = g_strdup (texts[i]);
      ids = ess_store_query_dossier_ids (f->store, query, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_assert_true (ess_store_query_totals (f->store, query, &totals, &error));
      g_assert_no_error (error);
      g_assert_cmpint (totals.count, ==, ids->len);
    }

  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossiers", NULL), ==, 4);
  /* Words inside the syntax still count. */
  {
    g_autofree char *found = search (f, "-economie");
    g_assert_cmpstr (found, ==, "APT-2012-001,APT-2013-002");
  }
}

/* The index follows the edits, the applicant's name and the trash. */
static void
test_search_follows_writes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssApplicant) hem = NULL;
  gint64 id = id_of (f, "APT-2013-001");
  g_autofree char *found = NULL;

  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_NOTES, "Visite du rucher prévue", &error));
  g_assert_no_error (error);
  found = search (f, "rucher");
  g_assert_cmpstr (found, ==, "APT-2013-001");
  g_clear_pointer (&found, g_free);

  hem = ess_store_load_applicant (f->store, applicant_of (f, "Ville de Hem"), &error);
  g_assert_no_error (error);
  g_free (hem->name);
  hem->name = g_strdup ("Commune de Hem-Lannoy");
  g_assert_cmpint (ess_store_save_applicant (f->store, hem, &error), ==, hem->id);
  g_assert_no_error (error);
  found = search (f, "lannoy commune");
  g_assert_cmpstr (found, ==, "APT-2013-002");
  g_clear_pointer (&found, g_free);

  g_assert_true (ess_store_trash_dossiers (f->store, &id, 1, &error));
  g_assert_no_error (error);
  found = search (f, "rucher");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  {
    g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
    query->search = g_strdup ("rucher");
    query->trash = TRUE;
    found = query_references (f, query);
    g_assert_cmpstr (found, ==, "APT-2013-001");
  }

  assert_sound (f);
}

/* Filters, totals and sorting. */

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  static const struct {
    guint       statuses;
    const char *scheme;
    int         year;
    int         territory;
    const char *commune;
    const char *applicant;
    const char *expected;
  } cases[] = {
    { 0, NULL, 0, 0, NULL, NULL, "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
    { 1 << ESS_STATUS_GRANTED, NULL, 0, 0, NULL, NULL, "APT-2013-002" },
    { 1 << ESS_STATUS_CLOSED | 1 << ESS_STATUS_AGREEMENT_SIGNED, NULL, 0, 0, NULL, NULL,
      "APT-2012-001,APT-2013-001,APT-2013-003" },
    { 1 << ESS_STATUS_SUBMITTED, NULL, 0, 0, NULL, NULL, "" },
    { 0, "APT", 0, 0, NULL, NULL, "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
    { 0, "AMI", 0, 0, NULL, NULL, "" },
    { 0, NULL, 2013, 0, NULL, NULL, "APT-2013-001,APT-2013-002,APT-2013-003" },
    { 0, NULL, 2012, 0, NULL, NULL, "APT-2012-001" },
    /* Est (5): Tressin, Willems, Anstaing, Villeneuve-d'Ascq for 2013-001;
     * Sailly-lez-Lannoy and Forest-sur-Marque for 2013-002. */
    { 0, NULL, 0, 5, NULL, NULL, "APT-2013-001,APT-2013-002" },
    /* Lillois (8): Lille. */
    { 0, NULL, 0, 8, NULL, NULL, "APT-2012-001,APT-2013-003" },
    { 0, NULL, 0, 1, NULL, NULL, "" },
    { 0, NULL, 0, 0, "59350", NULL, "APT-2012-001,APT-2013-003" },
    { 0, NULL, 0, 0, "59512", NULL, "APT-2013-003" },
    { 0, NULL, 0, 0, NULL, "Ville de Hem", "APT-2013-002" },
    { 1 << ESS_STATUS_CLOSED, "APT", 2013, 5, "59602", "Ville de Tressin", "APT-2013-001" },
    { 1 << ESS_STATUS_GRANTED, NULL, 0, 5, NULL, "Ville de Tressin", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
      g_autofree char *found = NULL;

      g_test_message ("filter case %u", i);
      query->statuses = cases[i].statuses;
      query->scheme = g_strdup (cases[i].scheme);
      query->year = cases[i].year;
      query->territory_id = cases[i].territory;
      query->commune = g_strdup (cases[i].commune);
      query->applicant_id = cases[i].applicant ? applicant_of (f, cases[i].applicant) : 0;
      found = query_references (f, query);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GError) error = NULL;
  EssDossierTotals totals = { 0 };

  g_assert_true (ess_store_query_totals (f->store, query, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals.count, ==, 4);
  /* 146 000 + 5 933 + 15 000 + 4 730 = 171 663,00 € */
  g_assert_cmpint (totals.granted_cents, ==, 17166300);
  g_assert_cmpint (totals.requested_cents, ==, 17166300);

  /* 5 933 + 15 000 + 4 730 = 25 663,00 € */
  query->year = 2013;
  g_assert_true (ess_store_query_totals (f->store, query, &totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals.count, ==, 3);
  g_assert_cmpint (totals.requested_cents, ==, 2566300);
  g_assert_cmpint (totals.proposed_cents, ==, 2566300);
  g_assert_cmpint (totals.granted_cents, ==, 2566300);

  query->territory_id = 5;
  g_assert_true (ess_store_query_totals (f->store, query, &totals, &error));
  g_assert_cmpint (totals.count, ==, 2);
  g_assert_cmpint (totals.granted_cents, ==, 593300 + 1500000);

  query->search = g_strdup ("introuvable");
  g_assert_true (ess_store_query_totals (f->store, query, &totals, &error));
  g_assert_cmpint (totals.count, ==, 0);
  g_assert_cmpint (totals.granted_cents, ==, 0);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  static const struct {
    EssSortColumn sort;
    gboolean      descending;
    const char   *expected;
  } cases[] = {
    { ESS_SORT_REFERENCE, FALSE, "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
    { ESS_SORT_REFERENCE, TRUE, "APT-2013-003,APT-2013-002,APT-2013-001,APT-2012-001" },
    { ESS_SORT_GRANTED, TRUE, "APT-2012-001,APT-2013-002,APT-2013-001,APT-2013-003" },
    { ESS_SORT_GRANTED, FALSE, "APT-2013-003,APT-2013-001,APT-2013-002,APT-2012-001" },
    { ESS_SORT_REQUESTED, TRUE, "APT-2012-001,APT-2013-002,APT-2013-001,APT-2013-003" },
    /* Développer, Mettre, Soutien, Transfert. */
    { ESS_SORT_TITLE, FALSE, "APT-2013-001,APT-2013-002,APT-2013-003,APT-2012-001" },
    /* Travail et Culture, Ville de Hem, Ville de Lille, Ville de Tressin. */
    { ESS_SORT_APPLICANT, FALSE, "APT-2013-003,APT-2013-002,APT-2012-001,APT-2013-001" },
    /* Lifecycle: granted, agreement signed, closed (ties by reference). */
    { ESS_SORT_STATUS, FALSE, "APT-2013-002,APT-2013-003,APT-2012-001,APT-2013-001" },
    { ESS_SORT_STATUS, TRUE, "APT-2012-001,APT-2013-001,APT-2013-003,APT-2013-002" },
    /* First territory shown: Lillois, Est, Roubaisien (3 before 5),
     * Tourquennois (2 before 3, 7, 8). */
    { ESS_SORT_TERRITORIES, FALSE, "APT-2013-001,APT-2012-001,APT-2013-002,APT-2013-003" },
    { ESS_SORT_YEAR, TRUE, "APT-2013-001,APT-2013-002,APT-2013-003,APT-2012-001" },
    /* Volet 2 for 2012-001, 1 for the others. */
    { ESS_SORT_VOLET, TRUE, "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
    { ESS_SORT_SCHEME, FALSE, "APT-2012-001,APT-2013-001,APT-2013-002,APT-2013-003" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
      g_autofree char *found = NULL;

      g_test_message ("sort case %u", i);
      query->sort = cases[i].sort;
      query->descending = cases[i].descending;
      found = query_references (f, query);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

/* Creating and duplicating. */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossier) dossier = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *events = NULL;
  gint64 first, second, other;

  first = ess_store_create_dossier (f->store, "APT", 2026, &error);
  g_assert_no_error (error);
  second = ess_store_create_dossier (f->store, "APT", 2026, &error);
  g_assert_no_error (error);
  other = ess_store_create_dossier (f->store, "AMI", 2026, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sql_int (f, "SELECT id FROM dossiers WHERE reference = 'APT-2026-001'", NULL), ==, first);
  g_assert_cmpint (sql_int (f, "SELECT id FROM dossiers WHERE reference = 'APT-2026-002'", NULL), ==, second);
  g_assert_cmpint (sql_int (f, "SELECT id FROM dossiers WHERE reference = 'AMI-2026-001'", NULL), ==, other);

  dossier = ess_store_load_dossier (f->store, second, &error);
  g_assert_no_error (error);
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpstr (dossier->reference, ==, "APT-2026-002");
  g_assert_cmpstr (dossier->scheme, ==, "APT");
  g_assert_cmpint (dossier->year, ==, 2026);
  g_assert_cmpint (dossier->status, ==, ESS_STATUS_SUBMITTED);
  g_assert_cmpstr (dossier->submitted_on, ==, today);
  g_assert_cmpstr (dossier->title, !=, "");
  g_assert_null (dossier->deleted_at);
  g_assert_cmpuint (g_strv_length (dossier->communes), ==, 0);

  events = sql_text (f, "SELECT action || '|' || author FROM history WHERE dossier_id = "
                        "(SELECT id FROM dossiers WHERE reference = ?1)", "APT-2026-002");
  g_assert_cmpstr (events, ==, "created|Camille Test");

  /* Refused: nothing written. */
  g_assert_cmpint (ess_store_create_dossier (f->store, "NOPE", 2026, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ess_store_create_dossier (f->store, "APT", 1800, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossiers", NULL), ==, 7);

  assert_sound (f);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossier) copy = NULL;
  g_autofree char *comment = NULL;
  gint64 source = id_of (f, "APT-2013-002");
  gint64 id;

  id = ess_store_duplicate_dossier (f->store, source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  copy = ess_store_load_dossier (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->reference, ==, "APT-2013-004");
  g_assert_true (g_str_has_prefix (copy->title, "Mettre en place un volet économie sociale"));
  g_assert_true (g_str_has_suffix (copy->title, ")"));
  g_assert_cmpint (copy->status, ==, ESS_STATUS_SUBMITTED);
  g_assert_cmpint (copy->volet, ==, 1);
  g_assert_cmpint (copy->requested_cents, ==, 1500000);
  g_assert_cmpint (copy->granted_cents, ==, 0);
  g_assert_cmpint (copy->applicant_id, ==, applicant_of (f, "Ville de Hem"));
  g_assert_cmpuint (g_strv_length (copy->communes), ==, 7);
  g_assert_cmpstr (copy->communes[0], ==, "59163");

  comment = sql_text (f, "SELECT action || '|' || comment FROM history WHERE dossier_id = "
                         "(SELECT id FROM dossiers WHERE reference = ?1)", "APT-2013-004");
  g_assert_true (g_str_has_prefix (comment, "created|"));
  g_assert_nonnull (strstr (comment, "APT-2013-002"));

  g_assert_cmpint (ess_store_duplicate_dossier (f->store, 9999, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  assert_sound (f);
}

/* Fields. */

static void
test_set_field (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  EssHistoryEvent *event;
  gint64 id = id_of (f, "APT-2013-002");
  gint64 before;
  g_autofree char *old_money = ess_money_format (1500000);
  g_autofree char *new_money = ess_money_format (1234550);
  g_autofree char *lille = applicant_text (f, "Ville de Lille");
  g_autofree char *row = NULL;

  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, "Parcours solidaire", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "1234550", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_COMMITTEE_ON, "2013-06-14", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_OPINION, "favorable", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_VOLET, "", &error));
  g_assert_no_error (error);

  row = sql_text (f, "SELECT title, requested_cents, committee_on, opinion, volet FROM dossiers WHERE reference = ?1",
                  "APT-2013-002");
  g_assert_cmpstr (row, ==, "Parcours solidaire|1234550|2013-06-14|favorable|∅");

  events = ess_store_list_history (f->store, id, &error);
  g_assert_no_error (error);
  /* Newest first: volet, opinion, committee, requested, title, created. */
  g_assert_cmpuint (events->len, ==, 6);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->action, ==, "edited");
  g_assert_cmpstr (event->field, ==, "volet");
  g_assert_cmpstr (event->old_value, ==, "1");
  g_assert_cmpstr (event->new_value, ==, "");
  event = g_ptr_array_index (events, 2);
  g_assert_cmpstr (event->field, ==, "committee-on");
  g_assert_cmpstr (event->old_value, ==, "22/03/2013");
  g_assert_cmpstr (event->new_value, ==, "14/06/2013");
  event = g_ptr_array_index (events, 3);
  g_assert_cmpstr (event->field, ==, "requested");
  g_assert_cmpstr (event->old_value, ==, old_money);
  g_assert_cmpstr (event->new_value, ==, new_money);
  g_assert_cmpstr (event->author, ==, "Camille Test");
  event = g_ptr_array_index (events, 4);
  g_assert_cmpstr (event->field, ==, "title");
  g_assert_cmpstr (event->old_value, ==,
                   "Mettre en place un volet économie sociale et solidaire dans le parcours solidaire de l'initiative");
  g_assert_cmpstr (event->new_value, ==, "Parcours solidaire");
  event = g_ptr_array_index (events, 5);
  g_assert_cmpstr (event->action, ==, "created");
  g_assert_true (event->id < ((EssHistoryEvent *) g_ptr_array_index (events, 4))->id);

  /* The same value again writes nothing. */
  before = history_count (f);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, "Parcours solidaire", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REQUESTED, "1234550", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_VOLET, "", &error));
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_AGREEMENT_ON, "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (history_count (f), ==, before);

  /* The applicant is written as an id, and read in the history as a name. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_APPLICANT, lille, &error));
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = ess_store_list_history (f->store, id, &error);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->field, ==, "applicant");
  g_assert_cmpstr (event->old_value, ==, "Ville de Hem");
  g_assert_cmpstr (event->new_value, ==, "Ville de Lille");

  assert_sound (f);
}

static void
test_set_field_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = id_of (f, "APT-2013-002");
  gint64 before = history_count (f);
  g_autofree char *row = NULL;

  /* The reference of another dossier, even one in the trash. */
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REFERENCE, "APT-2013-001", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "APT-2013-001"));
  g_clear_error (&error);

  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_SCHEME, "NOPE", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_APPLICANT, "9999", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, "", &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_GRANTED, "-5", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_START_ON, "2013-02-30", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_YEAR, "1700", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, id, ESS_FIELD_OPINION, "maybe", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ess_store_set_dossier_field (f->store, 9999, ESS_FIELD_TITLE, "x", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  row = sql_text (f, "SELECT reference, scheme_code, applicant_id IS NOT NULL, granted_cents, start_on, year, opinion "
                     "FROM dossiers WHERE id = (SELECT id FROM dossiers WHERE reference = ?1)", "APT-2013-002");
  g_assert_cmpstr (row, ==, "APT-2013-002|APT|1|1500000|∅|2013|");
  g_assert_cmpint (history_count (f), ==, before);

  /* A free reference is accepted. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_REFERENCE, "APT-2013-102", &error));
  g_assert_no_error (error);
  g_assert_cmpint (id_of (f, "APT-2013-102"), ==, id);
  assert_sound (f);
}

static void
test_set_communes (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const communes[] = { "59512", "59350", "59512", NULL };
  static const char * const unknown[] = { "59350", "75056", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  EssHistoryEvent *event;
  gint64 id = id_of (f, "APT-2012-001");
  gint64 before;
  g_autofree char *rows = NULL;

  g_assert_true (ess_store_set_dossier_communes (f->store, id, communes, &error));
  g_assert_no_error (error);
  rows = sql_text (f, "SELECT insee FROM dossier_communes WHERE dossier_id = "
                      "(SELECT id FROM dossiers WHERE reference = ?1) ORDER BY insee", "APT-2012-001");
  g_assert_cmpstr (rows, ==, "59350;59512");

  events = ess_store_list_history (f->store, id, &error);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->field, ==, "communes");
  g_assert_cmpstr (event->old_value, ==, "Lille");
  g_assert_cmpstr (event->new_value, ==, "Lille, Roubaix");

  before = history_count (f);
  g_assert_true (ess_store_set_dossier_communes (f->store, id, communes, &error));
  g_assert_cmpint (history_count (f), ==, before);

  g_assert_false (ess_store_set_dossier_communes (f->store, id, unknown, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&rows, g_free);
  rows = sql_text (f, "SELECT insee FROM dossier_communes WHERE dossier_id = "
                      "(SELECT id FROM dossiers WHERE reference = ?1) ORDER BY insee", "APT-2012-001");
  g_assert_cmpstr (rows, ==, "59350;59512");

  g_assert_true (ess_store_set_dossier_communes (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossier_communes WHERE dossier_id = "
                               "(SELECT id FROM dossiers WHERE reference = ?1)", "APT-2012-001"), ==, 0);
  assert_sound (f);
}

/* Status. */

static gint64
new_dossier_at (Fixture   *f,
                EssStatus  status)
{
  static const EssStatus path[] = {
    ESS_STATUS_ADMISSIBLE, ESS_STATUS_IN_REVIEW, ESS_STATUS_OPINION_GIVEN,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = ess_store_create_dossier (f->store, "APT", 2026, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (path) && status != ESS_STATUS_SUBMITTED; i++)
    {
      g_assert_true (ess_store_change_status (f->store, &id, 1, path[i], NULL, NULL, &error));
      g_assert_no_error (error);
      if (path[i] == status)
        break;
    }

  return id;
}

static const char *
status_of (Fixture *f,
           gint64   id)
{
  g_autofree char *text = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  text = sql_text (f, "SELECT status FROM dossiers WHERE id = CAST (?1 AS INTEGER)", id_text);
  return g_intern_string (text);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *row = NULL;
  EssHistoryEvent *event;
  gint64 id = new_dossier_at (f, ESS_STATUS_OPINION_GIVEN);
  gint64 granted = id_of (f, "APT-2013-002");
  gint64 before;

  g_assert_cmpstr (status_of (f, id), ==, "opinion-given");

  /* Refusing needs a reason; a blank one is none. */
  before = history_count (f);
  g_assert_false (ess_store_change_status (f->store, &id, 1, ESS_STATUS_REFUSED, "2026-03-05", NULL, &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (ess_store_change_status (f->store, &id, 1, ESS_STATUS_REFUSED, "2026-03-05", "  ", &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpstr (status_of (f, id), ==, "opinion-given");
  g_assert_cmpint (history_count (f), ==, before);

  g_assert_true (ess_store_change_status (f->store, &id, 1, ESS_STATUS_REFUSED, "2026-03-05",
                                          "Hors des critères de l'appel", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, id), ==, "refused");
  row = sql_text (f, "SELECT decided_on FROM dossiers WHERE reference = ?1", "APT-2026-001");
  g_assert_cmpstr (row, ==, "2026-03-05");

  events = ess_store_list_history (f->store, id, &error);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->action, ==, "status");
  g_assert_cmpstr (event->old_value, ==, ess_status_label (ESS_STATUS_OPINION_GIVEN));
  g_assert_cmpstr (event->new_value, ==, ess_status_label (ESS_STATUS_REFUSED));
  g_assert_cmpstr (event->comment, ==, "Hors des critères de l'appel");

  /* Not in the table: submitted -> granted; staying put. */
  {
    gint64 fresh = new_dossier_at (f, ESS_STATUS_SUBMITTED);

    before = history_count (f);
    g_assert_false (ess_store_change_status (f->store, &fresh, 1, ESS_STATUS_GRANTED, NULL, NULL, &error));
    g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ess_store_change_status (f->store, &fresh, 1, ESS_STATUS_SUBMITTED, NULL, NULL, &error));
    g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpstr (status_of (f, fresh), ==, "submitted");
    g_assert_cmpint (history_count (f), ==, before);
  }

  /* Signing the agreement dates it. */
  g_assert_true (ess_store_change_status (f->store, &granted, 1, ESS_STATUS_AGREEMENT_SIGNED, "2013-09-01", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&row, g_free);
  row = sql_text (f, "SELECT status, agreement_on, decided_on FROM dossiers WHERE reference = ?1", "APT-2013-002");
  g_assert_cmpstr (row, ==, "agreement-signed|2013-09-01|2013-03-29");

  g_assert_false (ess_store_change_status (f->store, &granted, 1, ESS_STATUS_CLOSED, "05/03/2024", NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  assert_sound (f);
}

static void
test_status_batch (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = new_dossier_at (f, ESS_STATUS_ADMISSIBLE);
  gint64 b = new_dossier_at (f, ESS_STATUS_ADMISSIBLE);
  gint64 c = new_dossier_at (f, ESS_STATUS_SUBMITTED);
  gint64 before = history_count (f);
  gint64 refused[] = { a, b, c };
  gint64 accepted[] = { a, b, a };

  /* c cannot go from submitted to in review: none moves. */
  g_assert_false (ess_store_change_status (f->store, refused, G_N_ELEMENTS (refused), ESS_STATUS_IN_REVIEW,
                                           NULL, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (status_of (f, a), ==, "admissible");
  g_assert_cmpstr (status_of (f, b), ==, "admissible");
  g_assert_cmpstr (status_of (f, c), ==, "submitted");
  g_assert_cmpint (history_count (f), ==, before);

  /* A dossier listed twice moves once. */
  g_assert_true (ess_store_change_status (f->store, accepted, G_N_ELEMENTS (accepted), ESS_STATUS_IN_REVIEW,
                                          NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, a), ==, "in-review");
  g_assert_cmpstr (status_of (f, b), ==, "in-review");
  g_assert_cmpint (history_count (f), ==, before + 2);

  /* Withdrawing needs a reason for all. */
  g_assert_true (ess_store_change_status (f->store, refused, G_N_ELEMENTS (refused), ESS_STATUS_WITHDRAWN,
                                          "2026-04-01", "Projet abandonné", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossiers WHERE status = 'withdrawn' "
                               "AND decided_on = '2026-04-01'", NULL), ==, 3);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE action = 'status' "
                               "AND comment = 'Projet abandonné'", NULL), ==, 3);
  assert_sound (f);
}

/* Trash. */

static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossierQuery) trash = ess_dossier_query_new ();
  g_autoptr(EssDossierQuery) live = ess_dossier_query_new ();
  g_autofree char *found = NULL;
  g_autofree char *purged = NULL;
  gint64 id = id_of (f, "APT-2013-001");
  gint64 ids[] = { id_of (f, "APT-2013-001"), id_of (f, "APT-2013-003") };
  gint64 missing[] = { id, 9999 };
  gint64 events_of_dossier;

  trash->trash = TRUE;

  g_assert_true (ess_store_trash_dossiers (f->store, ids, G_N_ELEMENTS (ids), &error));
  g_assert_no_error (error);
  found = query_references (f, live);
  g_assert_cmpstr (found, ==, "APT-2012-001,APT-2013-002");
  g_clear_pointer (&found, g_free);
  found = query_references (f, trash);
  g_assert_cmpstr (found, ==, "APT-2013-001,APT-2013-003");
  g_clear_pointer (&found, g_free);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE action = 'deleted'", NULL), ==, 2);

  /* Trashing again changes nothing; an unknown id refuses the batch. */
  g_assert_true (ess_store_trash_dossiers (f->store, ids, 1, &error));
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE action = 'deleted'", NULL), ==, 2);
  g_assert_false (ess_store_restore_dossiers (f->store, missing, G_N_ELEMENTS (missing), &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossiers WHERE deleted_at IS NOT NULL", NULL), ==, 2);

  /* A dossier in the trash keeps its status. */
  g_assert_false (ess_store_change_status (f->store, &ids[1], 1, ESS_STATUS_CLOSED, NULL, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ess_store_restore_dossiers (f->store, &ids[1], 1, &error));
  g_assert_no_error (error);
  found = query_references (f, live);
  g_assert_cmpstr (found, ==, "APT-2012-001,APT-2013-002,APT-2013-003");
  g_clear_pointer (&found, g_free);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE action = 'restored'", NULL), ==, 1);

  events_of_dossier = sql_int (f, "SELECT count (*) FROM history WHERE dossier_id = "
                                  "(SELECT id FROM dossiers WHERE reference = ?1)", "APT-2013-001");
  g_assert_cmpint (events_of_dossier, ==, 2);

  g_assert_true (ess_store_empty_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossiers WHERE reference = ?1", "APT-2013-001"), ==, 0);
  /* Its 4 communes went with it: 1 + 7 + 4 left. */
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM dossier_communes", NULL), ==, 12);
  found = query_references (f, trash);
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  /* The trace: the events lost their dossier but stay, with a "purged" one. */
  purged = sql_text (f, "SELECT dossier_id, author, comment, old_value FROM history WHERE action = 'purged'", NULL);
  g_assert_cmpstr (purged, ==, "∅|Camille Test|APT-2013-001|Développer un tissu d'agriculture durable au sein du Val de Marque");
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE dossier_id IS NULL", NULL), ==,
                   events_of_dossier + 1);
  g_assert_cmpint (ess_store_count_rows (f->store, "dossiers", NULL), ==, 3);
  assert_sound (f);
}

/* Payments and scores. */

static void
test_payments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = id_of (f, "APT-2013-002");
  EssPayment advance = { 0, ESS_PAYMENT_ADVANCE, 750000, "2013-07-01", "2013-07-15", "Avance de 50 %" };
  EssPayment balance = { 0, ESS_PAYMENT_BALANCE, 750000, "2014-06-30", NULL, NULL };
  EssPayment negative = { 0, ESS_PAYMENT_INSTALMENT, -1, NULL, NULL, NULL };
  EssPayment *first;
  gint64 advance_id, balance_id;
  gint64 before;

  advance_id = ess_store_add_payment (f->store, id, &advance, &error);
  g_assert_no_error (error);
  balance_id = ess_store_add_payment (f->store, id, &balance, &error);
  g_assert_no_error (error);
  g_assert_cmpint (advance_id, >, 0);
  g_assert_cmpint (balance_id, >, advance_id);

  payments = ess_store_list_payments (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, ==, 2);
  first = g_ptr_array_index (payments, 0);
  g_assert_cmpint (first->id, ==, advance_id);
  g_assert_cmpint (first->kind, ==, ESS_PAYMENT_ADVANCE);
  g_assert_cmpint (first->amount_cents, ==, 750000);
  g_assert_cmpstr (first->paid_on, ==, "2013-07-15");
  g_assert_cmpstr (first->comment, ==, "Avance de 50 %");
  g_assert_null (((EssPayment *) g_ptr_array_index (payments, 1))->paid_on);
  g_assert_cmpstr (ess_payment_kind_label (ESS_PAYMENT_BALANCE), !=, "");

  balance.id = balance_id;
  balance.paid_on = "2014-07-02";
  g_assert_true (ess_store_update_payment (f->store, &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM payments WHERE paid_on = '2014-07-02' AND kind = 'balance'",
                            NULL), ==, 1);

  before = history_count (f);
  g_assert_true (ess_store_update_payment (f->store, &balance, &error));
  g_assert_cmpint (history_count (f), ==, before);
  g_assert_cmpint (ess_store_add_payment (f->store, id, &negative, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ess_store_add_payment (f->store, 9999, &advance, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (history_count (f), ==, before);

  g_assert_true (ess_store_delete_payment (f->store, advance_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM payments", NULL), ==, 1);
  g_assert_false (ess_store_delete_payment (f->store, advance_id, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  events = ess_store_list_history (f->store, id, &error);
  g_assert_cmpstr (((EssHistoryEvent *) g_ptr_array_index (events, 0))->action, ==, "payment");
  g_assert_nonnull (((EssHistoryEvent *) g_ptr_array_index (events, 0))->old_value);
  g_assert_null (((EssHistoryEvent *) g_ptr_array_index (events, 0))->new_value);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE action = 'payment'", NULL), ==, 4);
  assert_sound (f);
}

static void
test_scores (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_criteria = 0;
  const EssCriterion *criteria = ess_assessment_default_criteria (&n_criteria);
  gint64 id = id_of (f, "APT-2013-002");
  g_autofree int *scores = NULL;
  g_autofree char **comments = NULL;
  gint64 before;

  g_assert_cmpuint (n_criteria, >=, 2);
  scores = g_new (int, n_criteria);
  comments = g_new0 (char *, n_criteria + 1);

  g_assert_true (ess_store_set_score (f->store, id, criteria[1].id, 2, " Ancrage réel ", &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_score (f->store, id, criteria[0].id, -1, "À revoir", &error));
  g_assert_no_error (error);

  g_assert_true (ess_store_get_scores (f->store, id, scores, comments, n_criteria, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scores[0], ==, -1);
  g_assert_cmpstr (comments[0], ==, "À revoir");
  g_assert_cmpint (scores[1], ==, 2);
  g_assert_cmpstr (comments[1], ==, "Ancrage réel");
  g_assert_cmpint (scores[n_criteria - 1], ==, -1);
  g_assert_cmpstr (comments[n_criteria - 1], ==, "");
  for (guint i = 0; i < n_criteria; i++)
    g_clear_pointer (&comments[i], g_free);

  before = history_count (f);
  g_assert_true (ess_store_set_score (f->store, id, criteria[1].id, 2, "Ancrage réel", &error));
  g_assert_cmpint (history_count (f), ==, before);
  g_assert_false (ess_store_set_score (f->store, id, criteria[1].id, 4, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ess_store_set_score (f->store, id, "charisma", 1, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (history_count (f), ==, before);

  /* Cleared: no row left. */
  g_assert_true (ess_store_set_score (f->store, id, criteria[0].id, -1, "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM scores", NULL), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT score FROM scores WHERE criterion_id = ?1", criteria[1].id), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM history WHERE action = 'score'", NULL), ==, 3);
  assert_sound (f);
}

/* Applicants. */

static void
test_applicants (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssApplicant) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *tressin_siren = NULL;
  EssApplicant applicant = {
    .name = (char *) "  La Fabrique solidaire ",
    .legal_form = (char *) "scic",
    .siret = (char *) "732 829 320 00074",
    .address = (char *) "12 rue de Lille",
    .commune = (char *) "59512",
    .contact_name = (char *) "Claire Dupont",
    .contact_email = (char *) "claire@example.org",
    .contact_phone = (char *) "03 20 00 00 00",
  };
  gint64 id, before;

  id = ess_store_save_applicant (f->store, &applicant, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = ess_store_load_applicant (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, id);
  g_assert_cmpstr (loaded->name, ==, "La Fabrique solidaire");
  g_assert_cmpstr (loaded->legal_form, ==, "scic");
  g_assert_cmpstr (loaded->siret, ==, "73282932000074");
  g_assert_null (loaded->siren);
  g_assert_null (loaded->rna);
  g_assert_cmpstr (loaded->address, ==, "12 rue de Lille");
  g_assert_cmpstr (loaded->commune, ==, "59512");
  g_assert_cmpstr (loaded->contact_name, ==, "Claire Dupont");
  g_assert_cmpstr (loaded->contact_email, ==, "claire@example.org");
  g_assert_cmpstr (loaded->contact_phone, ==, "03 20 00 00 00");
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM contacts", NULL), ==, 1);

  /* Update in place, contact included. */
  g_free (loaded->contact_email);
  loaded->contact_email = g_strdup ("contact@fabrique.example.org");
  g_free (loaded->legal_form);
  loaded->legal_form = g_strdup ("");
  g_assert_cmpint (ess_store_save_applicant (f->store, loaded, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM contacts", NULL), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM applicants WHERE legal_form IS NULL", NULL), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM contacts WHERE email = ?1", "contact@fabrique.example.org"),
                   ==, 1);

  before = history_count (f);
  g_assert_cmpint (ess_store_save_applicant (f->store, loaded, &error), ==, id);
  g_assert_cmpint (history_count (f), ==, before);

  /* Refused: nothing written. */
  applicant.siret = (char *) "73282932000075";
  g_assert_cmpint (ess_store_save_applicant (f->store, &applicant, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  applicant.siret = NULL;
  applicant.name = (char *) " ";
  g_assert_cmpint (ess_store_save_applicant (f->store, &applicant, &error), ==, 0);
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED);
  g_clear_error (&error);
  applicant.name = (char *) "Autre";
  applicant.commune = (char *) "75056";
  g_assert_cmpint (ess_store_save_applicant (f->store, &applicant, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  applicant.commune = NULL;
  applicant.id = 9999;
  g_assert_cmpint (ess_store_save_applicant (f->store, &applicant, &error), ==, 0);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (history_count (f), ==, before);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM applicants", NULL), ==, 5);

  all = ess_store_list_applicants (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpstr (((EssApplicant *) g_ptr_array_index (all, 0))->name, ==, "La Fabrique solidaire");
  g_assert_cmpstr (((EssApplicant *) g_ptr_array_index (all, 4))->name, ==, "Ville de Tressin");
  /* A commune applies with its SIREN. */
  tressin_siren = sql_text (f, "SELECT siren FROM communes WHERE insee = ?1", "59602");
  g_assert_cmpstr (((EssApplicant *) g_ptr_array_index (all, 4))->siren, ==, tressin_siren);
  assert_sound (f);
}

static void
test_applicant_grants (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grants = NULL;
  gint64 lille = applicant_of (f, "Ville de Lille");
  g_autofree char *lille_text = applicant_text (f, "Ville de Lille");
  gint64 id;

  /* APT-2012-001, closed, granted on its decision date. */
  grants = ess_store_applicant_grants (f->store, lille, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grants->len, ==, 1);
  g_assert_cmpstr (g_array_index (grants, EssAidGrant, 0).granted_on, ==, "2012-06-29");
  g_assert_cmpint (g_array_index (grants, EssAidGrant, 0).amount_cents, ==, 14600000);
  g_clear_pointer (&grants, g_array_unref);

  /* A second grant with its decision date; a dossier not granted does not count. */
  id = new_dossier_at (f, ESS_STATUS_OPINION_GIVEN);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_APPLICANT, lille_text, &error));
  g_assert_no_error (error);
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_GRANTED, "2000000", &error));
  g_assert_no_error (error);
  grants = ess_store_applicant_grants (f->store, lille, &error);
  g_assert_cmpuint (grants->len, ==, 1);
  g_clear_pointer (&grants, g_array_unref);

  g_assert_true (ess_store_change_status (f->store, &id, 1, ESS_STATUS_GRANTED, "2026-02-10", NULL, &error));
  g_assert_no_error (error);
  grants = ess_store_applicant_grants (f->store, lille, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grants->len, ==, 2);
  g_assert_cmpstr (g_array_index (grants, EssAidGrant, 1).granted_on, ==, "2026-02-10");
  g_assert_cmpint (g_array_index (grants, EssAidGrant, 1).amount_cents, ==, 2000000);
  g_clear_pointer (&grants, g_array_unref);

  grants = ess_store_applicant_grants (f->store, 9999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grants->len, ==, 0);
}

/* Reference lists and saved views. */

static void
test_choices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) schemes = ess_store_list_schemes (f->store, &error);
  g_autoptr(GPtrArray) forms = ess_store_list_legal_forms (f->store, &error);
  g_autoptr(GPtrArray) territories = ess_store_list_territories (f->store, &error);
  g_autoptr(GPtrArray) communes = ess_store_list_communes (f->store, &error);
  g_autoptr(GArray) years = ess_store_list_years (f->store, &error);
  EssChoice *choice;

  g_assert_no_error (error);
  g_assert_cmpuint (schemes->len, ==, 5);
  choice = g_ptr_array_index (schemes, 0);
  g_assert_cmpstr (choice->id, ==, "APT");
  g_assert_cmpstr (choice->label, ==, "Appel à projets aux territoires");
  g_assert_cmpuint (forms->len, ==, 9);
  g_assert_cmpstr (((EssChoice *) g_ptr_array_index (forms, 0))->id, ==, "collectivite");

  g_assert_cmpuint (territories->len, ==, 8);
  choice = g_ptr_array_index (territories, 0);
  g_assert_cmpstr (choice->label, ==, "Couronne Nord de Lille");
  g_assert_cmpstr (choice->id, ==, "6");

  g_assert_cmpuint (communes->len, ==, 95);
  choice = g_ptr_array_index (communes, 0);
  g_assert_cmpstr (choice->id, ==, "59005");
  g_assert_cmpstr (choice->label, ==, "Allennes-les-Marais");
  for (guint i = 1; i < communes->len; i++)
    g_assert_cmpint (g_utf8_collate (((EssChoice *) g_ptr_array_index (communes, i - 1))->label,
                                     ((EssChoice *) g_ptr_array_index (communes, i))->label), <=, 0);

  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2013);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2012);
}

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(EssDossierQuery) read_back = NULL;
  g_autoptr(GPtrArray) views = NULL;
  EssChoice *choice;

  query->year = 2013;
  query->territory_id = 5;
  query->search = g_strdup ("économie");
  query->sort = ESS_SORT_GRANTED;
  query->descending = TRUE;

  g_assert_true (ess_store_save_view (f->store, "Est 2013", query, &error));
  g_assert_no_error (error);
  query->year = 2012;
  g_assert_true (ess_store_save_view (f->store, "À suivre", query, &error));
  g_assert_no_error (error);
  query->year = 2013;
  g_assert_true (ess_store_save_view (f->store, "Est 2013", query, &error));
  g_assert_no_error (error);
  g_assert_false (ess_store_save_view (f->store, "  ", query, &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED);
  g_clear_error (&error);

  views = ess_store_list_views (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 2);
  choice = g_ptr_array_index (views, 0);
  g_assert_cmpstr (choice->id, ==, "À suivre");
  choice = g_ptr_array_index (views, 1);
  g_assert_cmpstr (choice->id, ==, "Est 2013");
  read_back = ess_dossier_query_deserialize (choice->label, &error);
  g_assert_no_error (error);
  g_assert_true (ess_dossier_query_equal (read_back, query));
  {
    g_autofree char *found = query_references (f, read_back);
    g_assert_cmpstr (found, ==, "APT-2013-002");
  }

  g_assert_true (ess_store_delete_view (f->store, "À suivre", &error));
  g_assert_no_error (error);
  g_assert_false (ess_store_delete_view (f->store, "À suivre", &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count (*) FROM saved_views", NULL), ==, 1);
}

/* The list model over the queries. */

static void
test_list_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossierList) list = ess_dossier_list_new (f->store);
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(EssDossierSummary) row = NULL;
  EssDossierTotals totals;
  gint64 id = id_of (f, "APT-2013-002");
  gint64 first = id_of (f, "APT-2012-001");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_true (ess_dossier_list_get_totals (list, &totals));
  g_assert_cmpint (totals.granted_cents, ==, 17166300);
  g_assert_cmpuint (ess_dossier_list_find (list, first), ==, 0);

  query->year = 2013;
  query->sort = ESS_SORT_GRANTED;
  query->descending = TRUE;
  ess_dossier_list_set_query (list, query);
  g_assert_true (ess_dossier_list_get_query (list) != query);
  g_assert_true (ess_dossier_query_equal (ess_dossier_list_get_query (list), query));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (ess_dossier_list_get_totals (list, &totals));
  g_assert_cmpint (totals.count, ==, 3);
  g_assert_cmpint (totals.granted_cents, ==, 2566300);
  g_assert_cmpuint (ess_dossier_list_find (list, id), ==, 0);
  g_assert_cmpuint (ess_dossier_list_find (list, first), ==, G_MAXUINT);

  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (ess_dossier_summary_get_reference (row), ==, "APT-2013-002");
  g_clear_object (&row);

  /* A write shows at once, and may move the row. */
  g_assert_true (ess_store_set_dossier_field (f->store, id, ESS_FIELD_GRANTED, "100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ess_dossier_list_find (list, id), ==, 2);
  row = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpint (ess_dossier_summary_get_granted (row), ==, 100);
  g_clear_object (&row);
  g_assert_true (ess_dossier_list_get_totals (list, &totals));
  g_assert_cmpint (totals.granted_cents, ==, 593300 + 473000 + 100);

  g_assert_true (ess_store_trash_dossiers (f->store, &id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (ess_dossier_list_find (list, id), ==, G_MAXUINT);
}

/* A database of version 1 gets the new tables and its index filled. */
static void
test_migration_from_1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-migrate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "..", "resources", "migrations",
                                                        "0001-initial.sql", NULL);
  g_autofree char *schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(EssDossier) dossier = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (schema_path, &schema, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO schemes (code, name) VALUES ('APT', 'Appel');"
                                 "INSERT INTO applicants (id, name) VALUES (1, 'Régie de quartier');"
                                 "INSERT INTO dossiers (id, reference, title, scheme_code, year, applicant_id) "
                                 "VALUES (7, 'APT-2020-001', 'Épicerie solidaire', 'APT', 2020, 1);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_chmod (path, 0600);

  store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ess_store_get_schema_version (store), ==, ess_store_latest_version ());

  query->search = g_strdup ("epicerie regie");
  ids = ess_store_query_dossier_ids (store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);

  dossier = ess_store_load_dossier (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier->opinion, ==, "");
  g_assert_cmpstr (dossier->conditions, ==, "");
  g_assert_cmpstr (dossier->applicant_name, ==, "Régie de quartier");

  g_clear_object (&store);
  remove_dir (dir);
}

static void
add (const char *path,
     void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, test, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  /* The environment pins a French locale: names sort as a French reader expects. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  add ("/store/dossiers/search/words", test_search_words);
  add ("/store/dossiers/search/hostile", test_search_hostile);
  add ("/store/dossiers/search/follows-writes", test_search_follows_writes);
  add ("/store/dossiers/query/filters", test_filters);
  add ("/store/dossiers/query/totals", test_totals);
  add ("/store/dossiers/query/sort", test_sort);
  add ("/store/dossiers/create", test_create);
  add ("/store/dossiers/duplicate", test_duplicate);
  add ("/store/dossiers/field/set", test_set_field);
  add ("/store/dossiers/field/refused", test_set_field_refused);
  add ("/store/dossiers/communes", test_set_communes);
  add ("/store/dossiers/status/single", test_status);
  add ("/store/dossiers/status/batch", test_status_batch);
  add ("/store/dossiers/trash", test_trash);
  add ("/store/dossiers/payments", test_payments);
  add ("/store/dossiers/scores", test_scores);
  add ("/store/dossiers/applicants", test_applicants);
  add ("/store/dossiers/applicant-grants", test_applicant_grants);
  add ("/store/dossiers/choices", test_choices);
  add ("/store/dossiers/views", test_views);
  add ("/store/dossiers/list-model", test_list_model);
  g_test_add_func ("/store/dossiers/migration-from-1", test_migration_from_1);

  return g_test_run ();
}
