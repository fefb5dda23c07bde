/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the command line, run as a user would: the real binary, no display. */

#include "config.h"

#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

typedef CliFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (f, "ess-cli-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (f);
}

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  cli_run (f, "--version", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==, "ess-instruction " PACKAGE_VERSION "\n");
}

static void
test_list_default_csv (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "ess-instruction", "instruction-ess.db", NULL);
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  cli_run (f, "list", "--format=csv", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stderr_text, ==, "");

  /* The default database is created, private, with the demo dossiers. */
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  lines = g_strsplit (f->stdout_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* header, 4 rows, empty after the last \n */
  g_assert_true (g_str_has_prefix (lines[0], "reference,"));
  g_assert_true (g_str_has_prefix (lines[1], "APT-2012-001,Transfert de savoir-faire"));
  g_assert_nonnull (strstr (lines[1], ",146000.00,"));
  g_assert_true (g_str_has_prefix (lines[2], "APT-2013-001,"));
  g_assert_nonnull (strstr (lines[2], ",5933.00,"));
  g_assert_true (g_str_has_prefix (lines[3], "APT-2013-002,"));
  g_assert_true (g_str_has_prefix (lines[4], "APT-2013-003,"));
  /* The title holds a comma-free text but French quotes and accents. */
  g_assert_nonnull (strstr (lines[4], "« Ciné cité social »"));
  g_assert_cmpstr (lines[5], ==, "");
}

static void
test_list_text (Fixture       *f,
                gconstpointer  data)
{
  cli_run (f, "list", NULL);
  g_assert_cmpint (f->status, ==, 0);
  /* French amounts: narrow no-break space, comma, no-break space before the euro sign. */
  g_assert_nonnull (strstr (f->stdout_text, "146\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac"));
  g_assert_nonnull (strstr (f->stdout_text, "APT-2013-002"));
}

static void
test_new_database_has_no_demo (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "autre.db", NULL);

  cli_run (f, "--database", db, "list", "--format=csv", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->stdout_text, ==,
                   "reference,title,applicant,scheme,volet,year,status,requested,proposed,granted,territories\n");
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  cli_run (f, "frobnicate", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "frobnicate"));

  cli_run (f, "list", "--format=xml", NULL);
  g_assert_cmpint (f->status, ==, 2);
  g_assert_nonnull (strstr (f->stderr_text, "xml"));

  cli_run (f, "--database", NULL);
  g_assert_cmpint (f->status, ==, 2);
}

static void
test_refused_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "notes.db", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (db, "ceci n'est pas une base\n", -1, NULL));
  cli_run (f, "--database", db, "list", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "notes.db"));
  g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ceci n'est pas une base\n");
}

/* The path of the backup the last `backup` printed. */
static char *
printed_backup (Fixture *f)
{
  const char *start = strstr (f->stdout_text, "/");
  const char *end = start ? strstr (start, ".db") : NULL;

  g_assert_nonnull (end);
  return g_strndup (start, end + 3 - start);
}

/* backup, then a damaged file: refused with the backup named, restored
 * from the command line with the damaged file kept aside. */
static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "ess-instruction", "instruction-ess.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;

  cli_run (f, "list", NULL);
  g_assert_cmpint (f->status, ==, 0);

  cli_run (f, "backup", NULL);
  g_assert_cmpint (f->status, ==, 0);
  backup = printed_backup (f);
  g_assert_true (g_str_has_prefix (backup, f->home));
  g_assert_true (g_str_has_suffix (backup, "-manual.db"));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  cli_run (f, "backup", "--list", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, backup));

  g_assert_true (g_file_set_contents (db, "plus une base\n", -1, NULL));
  cli_run (f, "list", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, backup));
  g_assert_nonnull (strstr (f->stderr_text, "restore"));

  cli_run (f, "restore", backup, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, ".damaged"));
  g_assert_nonnull (strstr (f->stdout_text, "4 dossiers"));

  cli_run (f, "list", "--format=csv", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "APT-2013-003,"));

  /* Restoring a good database backs up its contents first. */
  cli_run (f, "restore", backup, NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "-restore.db"));
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "base.db", NULL);
  g_autofree char *text = g_build_filename (f->home, "sauvegarde.db", NULL);
  g_autofree char *backups = g_build_filename (f->home, "backups", NULL);

  cli_run (f, "--database", db, "list", NULL);
  g_assert_cmpint (f->status, ==, 0);

  cli_run (f, "--database", db, "restore", NULL);
  g_assert_cmpint (f->status, ==, 2);
  cli_run (f, "--database", db, "restore", "a.db", "b.db", NULL);
  g_assert_cmpint (f->status, ==, 2);

  g_assert_true (g_file_set_contents (text, "rien\n", -1, NULL));
  cli_run (f, "--database", db, "restore", text, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "sauvegarde.db"));
  /* Nothing was touched: not even a backup of the current file. */
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
}

/* While the application has the database, `list` reads it, `backup`
 * copies it and `restore` is refused with who holds it. */
static void
test_while_open_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->home, "base.db", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *backup = NULL;

  cli_run (f, "--database", db, "list", NULL);
  g_assert_cmpint (f->status, ==, 0);
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             g_getenv ("ESS_TEST_WRITER"), "hold", db, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);
  g_assert_cmpstr (line, ==, "open");

  cli_run (f, "--database", db, "list", "--format=csv", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->stdout_text, "reference,"));

  cli_run (f, "--database", db, "backup", NULL);
  g_assert_cmpint (f->status, ==, 0);
  backup = printed_backup (f);

  cli_run (f, "--database", db, "restore", backup, NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, g_subprocess_get_identifier (holder)));

  g_subprocess_force_exit (holder);
  g_subprocess_wait (holder, NULL, NULL);
  cli_run (f, "--database", db, "restore", backup, NULL);
  g_assert_cmpint (f->status, ==, 0);
}

static void
test_erase_contact (Fixture       *f,
                    gconstpointer  data)
{
  cli_run (f, "erase-contact", NULL);
  g_assert_cmpint (f->status, ==, 2);

  cli_run (f, "erase-contact", "Association inconnue", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_nonnull (strstr (f->stderr_text, "Association inconnue"));

  cli_run (f, "erase-contact", "Ville de Lille", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_nonnull (strstr (f->stdout_text, "Ville de Lille"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/version", Fixture, NULL, fixture_setup, test_version, fixture_teardown);
  g_test_add ("/cli/list-default-csv", Fixture, NULL, fixture_setup, test_list_default_csv, fixture_teardown);
  g_test_add ("/cli/list-text", Fixture, NULL, fixture_setup, test_list_text, fixture_teardown);
  g_test_add ("/cli/new-database", Fixture, NULL, fixture_setup, test_new_database_has_no_demo, fixture_teardown);
  g_test_add ("/cli/usage-errors", Fixture, NULL, fixture_setup, test_usage_errors, fixture_teardown);
  g_test_add ("/cli/refused-database", Fixture, NULL, fixture_setup, test_refused_database, fixture_teardown);
  g_test_add ("/cli/backup-and-restore", Fixture, NULL, fixture_setup, test_backup_and_restore, fixture_teardown);
  g_test_add ("/cli/restore-refused", Fixture, NULL, fixture_setup, test_restore_refused, fixture_teardown);
  g_test_add ("/cli/erase-contact", Fixture, NULL, fixture_setup, test_erase_contact, fixture_teardown);
  g_test_add ("/cli/while-open-elsewhere", Fixture, NULL, fixture_setup, test_while_open_elsewhere, fixture_teardown);

  return g_test_run ();
}
