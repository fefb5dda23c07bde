/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scenario editor on its own: an input makes an edit, which shows only once its handler takes it. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-scenario-editor.h"
#include "ui-test-util.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

typedef struct
{
  gboolean     accept;
  guint        n_changed;
  guint        n_invalid;
  EssScenario *edited;     /* the last one */
  char        *message;    /* the last refusal of a typed text */
} Seen;

static gboolean
on_changed (EssScenarioEditor *editor,
            const EssScenario *edited,
            GtkWidget         *input,
            Seen              *seen)
{
  g_assert_true (GTK_IS_WIDGET (input));
  seen->n_changed++;
  g_clear_pointer (&seen->edited, ess_scenario_free);
  seen->edited = ess_scenario_copy (edited);
  return seen->accept;
}

static void
on_invalid (EssScenarioEditor *editor,
            GtkWidget         *input,
            const char        *message,
            Seen              *seen)
{
  seen->n_invalid++;
  g_free (seen->message);
  seen->message = g_strdup (message);
}

static void
type_and_enter (GtkWidget  *entry,
                const char *text)
{
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* One line of projects over 2016-2017, 100 000 € of the Métropole in 2016. */
static void
test_edit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ess-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "editor.db", NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(EssScenario) scenario = ess_scenario_new ("Essai", ESS_SCENARIO_FREE, 2016, 2017);
  g_autoptr(GPtrArray) portfolio = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_portfolio_item_free);
  g_autoptr(GArray) territory_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) territory_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  EssPopulation population = { 0 };
  Seen seen = { .accept = TRUE };
  EssScenarioEditor *editor;
  GtkWidget *window, *entry;

  g_assert_no_error (error);
  ess_scenario_add_line (scenario, "Projets APT", ESS_NATURE_PROJECTS);
  ess_scenario_line_amount (scenario, 0, 2016)->metropole = 10000000;

  window = gtk_window_new ();
  editor = ess_scenario_editor_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (editor, "changed", G_CALLBACK (on_changed), &seen);
  g_signal_connect (editor, "invalid", G_CALLBACK (on_invalid), &seen);
  ess_scenario_editor_set_store (editor, store);
  ess_scenario_editor_set_reference (editor, portfolio, &population, territory_ids, territory_names);

  /* Nothing selected: no input, no summary. */
  ess_scenario_editor_set_scenario (editor, NULL);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (5);
  g_assert_cmpstr (ess_scenario_editor_get_summary (editor), ==, "");
  g_assert_null (ess_scenario_editor_get_amount_entry (editor, 0, 2016, FALSE));

  ess_scenario_editor_set_scenario (editor, scenario);
  ui_test_wait_frames (5);
  g_assert_true (g_str_has_prefix (ess_scenario_editor_get_summary (editor),
                                   "2016–2017" NBSP ": Métropole 100" NNBSP "000,00" NBSP "€, "));

  /* Taken: 150 000 in 2016, kept as typed the French way, and the summary follows. */
  entry = ess_scenario_editor_get_amount_entry (editor, 0, 2016, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "100" NNBSP "000,00");
  type_and_enter (entry, "150 000");
  g_assert_cmpuint (seen.n_changed, ==, 1);
  g_assert_cmpint (ess_scenario_line_amount (seen.edited, 0, 2016)->metropole, ==, 15000000);
  g_assert_cmpint (ess_scenario_line_amount (seen.edited, 0, 2017)->metropole, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "150" NNBSP "000,00");
  g_assert_true (g_str_has_prefix (ess_scenario_editor_get_summary (editor),
                                   "2016–2017" NBSP ": Métropole 150" NNBSP "000,00" NBSP "€, "));

  /* Refused by the handler: the text stays as typed, the summary as it was;
   * the next edit starts from 150 000, not from what was refused. */
  seen.accept = FALSE;
  type_and_enter (entry, "90 000");
  g_assert_cmpuint (seen.n_changed, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "90 000");
  g_assert_true (g_str_has_prefix (ess_scenario_editor_get_summary (editor),
                                   "2016–2017" NBSP ": Métropole 150" NNBSP "000,00" NBSP "€, "));
  seen.accept = TRUE;
  type_and_enter (ess_scenario_editor_get_amount_entry (editor, 0, 2017, FALSE), "20 000");
  g_assert_cmpuint (seen.n_changed, ==, 3);
  g_assert_cmpint (ess_scenario_line_amount (seen.edited, 0, 2016)->metropole, ==, 15000000);
  g_assert_cmpint (ess_scenario_line_amount (seen.edited, 0, 2017)->metropole, ==, 2000000);
  /* 150 000 + 20 000 = 170 000 over the horizon. */
  g_assert_true (g_str_has_prefix (ess_scenario_editor_get_summary (editor),
                                   "2016–2017" NBSP ": Métropole 170" NNBSP "000,00" NBSP "€, "));

  /* Not an amount: no edit, the reason names the text. */
  type_and_enter (entry, "cent mille");
  g_assert_cmpuint (seen.n_changed, ==, 3);
  g_assert_cmpuint (seen.n_invalid, ==, 1);
  g_assert_nonnull (strstr (seen.message, "cent mille"));

  /* Without a store (the view going), an input left makes no edit. */
  ess_scenario_editor_set_store (editor, NULL);
  type_and_enter (entry, "1");
  g_assert_cmpuint (seen.n_changed, ==, 3);
  g_assert_cmpuint (seen.n_invalid, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  g_clear_pointer (&seen.edited, ess_scenario_free);
  g_free (seen.message);
  ess_store_close (store);
  g_assert_finalize_object (store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/scenario-editor/edit", test_edit);

  return g_test_run ();
}
