/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application as a desktop citizen: databases, settings, preferences, help, shortcuts. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-application.h"
#include "ess-help-window.h"
#include "ess-preferences-window.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"
#include "ess-window.h"
#include "ui-test-util.h"

static char *data_home;

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static char *
default_database (void)
{
  return g_build_filename (data_home, "ess-instruction", "instruction-ess.db", NULL);
}

static EssWindow *
only_main_window (GtkApplication *app)
{
  EssWindow *found = NULL;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (ESS_IS_WINDOW (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_assert_nonnull (found);
  return found;
}

static GSettings *
settings_new (void)
{
  return g_settings_new (APP_ID);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* Runs @step once the application has opened its window, then quits it
 * through app.quit as a user would. */
typedef void (*AppStep) (EssApplication *app);

static gboolean
run_step (gpointer user_data)
{
  EssApplication *app = g_object_get_data (user_data, "test-app");
  AppStep step = (AppStep) g_object_get_data (user_data, "test-step");

  ui_test_wait_frames (5);
  step (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate (EssApplication *app,
             gpointer        user_data)
{
  g_idle_add (run_step, app);
}

static void
run_application (AppStep step)
{
  g_autoptr(EssApplication) app = NULL;
  char *argv[] = { (char *) "ess-instruction", NULL };
  int status;

  /* Not unique: each test runs its own instance without a session bus. */
  app = g_object_new (ESS_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "resource-base-path", RESOURCE_PREFIX,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_object_set_data (G_OBJECT (app), "test-app", app);
  g_object_set_data (G_OBJECT (app), "test-step", step);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static char *second_path;

static void
step_switch_databases (EssApplication *app)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *first_path = default_database ();
  g_autofree char *text_path = g_build_filename (data_home, "notes.db", NULL);
  g_autofree char *missing_path = g_build_filename (data_home, "missing.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *last = NULL;
  EssStore *first = ess_application_get_store (app);
  EssStore *store;
  EssWindow *window = only_main_window (GTK_APPLICATION (app));

  /* A first run opens the default database with the demo dossiers. */
  g_assert_cmpstr (ess_store_get_path (first), ==, first_path);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 4);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Instruction ESS — instruction-ess.db");

  /* New database: reference data only, in a new window titled after it. */
  g_object_ref (first);
  g_assert_true (ess_application_open_database (app, second_path, TRUE, &error));
  g_assert_no_error (error);
  store = ess_application_get_store (app);
  g_assert_true (store != first);
  g_assert_cmpstr (ess_store_get_path (store), ==, second_path);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 0);
  g_assert_cmpint (ess_store_count_rows (store, "communes", NULL), ==, 95);
  window = only_main_window (GTK_APPLICATION (app));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Instruction ESS — deuxième.db");
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 0);
  /* The old database was closed with its window. */
  g_assert_cmpint (ess_store_count_rows (first, "dossiers", NULL), ==, -1);
  g_object_unref (first);

  last = g_settings_get_string (settings, "last-database");
  g_assert_cmpstr (last, ==, second_path);
  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, second_path);
  g_assert_cmpstr (recent[1], ==, first_path);

  /* Refusals change nothing: an existing file for a new database... */
  g_assert_false (ess_application_open_database (app, first_path, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  /* ...a file that is gone... */
  g_assert_false (ess_application_open_database (app, missing_path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
  /* ...a file that is not a database, which is left as it was. */
  g_assert_true (g_file_set_contents (text_path, "Pas une base\n", -1, NULL));
  g_assert_false (ess_application_open_database (app, text_path, FALSE, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (text_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Pas une base\n");
  g_unlink (text_path);
  g_assert_true (ess_application_get_store (app) == store);
  g_assert_true (only_main_window (GTK_APPLICATION (app)) == window);
  g_assert_cmpint (ess_store_count_rows (store, "dossiers", NULL), ==, 0);

  /* Back to the first one through the recent menu's action. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-recent", g_variant_new_string (first_path));
  g_assert_cmpstr (ess_store_get_path (ess_application_get_store (app)), ==, first_path);
  window = only_main_window (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 4);

  /* And again to the second one: it becomes the last used. */
  g_assert_true (ess_application_open_database (app, second_path, FALSE, &error));
  g_assert_no_error (error);
}

static void
step_reopen_last (EssApplication *app)
{
  /* The next start opens the database used last. */
  g_assert_cmpstr (ess_store_get_path (ess_application_get_store (app)), ==, second_path);
}

static void
step_last_is_gone (EssApplication *app)
{
  g_autofree char *first_path = default_database ();

  g_assert_cmpstr (ess_store_get_path (ess_application_get_store (app)), ==, first_path);
}

static void
test_databases (void)
{
  reset_settings ();
  second_path = g_build_filename (data_home, "deuxième.db", NULL);

  run_application (step_switch_databases);
  run_application (step_reopen_last);

  /* When the last database is gone, the default one opens. */
  remove_database (second_path);
  run_application (step_last_is_gone);

  g_clear_pointer (&second_path, g_free);
}

static void
step_instructor_name (EssApplication *app)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *path = g_build_filename (data_home, "auteur.db", NULL);
  EssStore *store = ess_application_get_store (app);

  /* Set in the preferences before: used from the start. */
  g_assert_cmpstr (ess_store_get_author (store), ==, "Camille Durand");

  g_settings_set_string (settings, "instructor-name", "Dominique Lefebvre");
  g_assert_cmpstr (ess_store_get_author (store), ==, "Dominique Lefebvre");

  /* A database opened afterwards gets it too. */
  g_assert_true (ess_application_open_database (app, path, TRUE, NULL));
  g_assert_cmpstr (ess_store_get_author (ess_application_get_store (app)), ==, "Dominique Lefebvre");

  /* Empty: the account's name. */
  g_settings_set_string (settings, "instructor-name", "");
  g_assert_cmpstr (ess_store_get_author (ess_application_get_store (app)), ==, g_get_real_name ());

  remove_database (path);
}

static void
test_instructor_name (void)
{
  g_autoptr(GSettings) settings = NULL;

  reset_settings ();
  settings = settings_new ();
  g_settings_set_string (settings, "instructor-name", "Camille Durand");
  run_application (step_instructor_name);
}

/* The ceilings of the Preferences are the ones the database checks with. */
static void
step_ceilings (EssApplication *app)
{
  g_autoptr(GSettings) settings = settings_new ();
  EssStore *store = ess_application_get_store (app);
  g_autoptr(GArray) ceilings = ess_store_list_aid_ceilings (store, NULL);

  /* Written when the database opened (a new database has the regulation's
   * ceilings since 1900; the settings date them from 2007 and 2012). */
  g_assert_cmpuint (ceilings->len, ==, 4);
  g_assert_cmpstr (g_array_index (ceilings, EssAidCeiling, 0).from, ==, "2007-01-01");
  g_assert_cmpstr (g_array_index (ceilings, EssAidCeiling, 2).from, ==, "2012-04-29");
  g_clear_pointer (&ceilings, g_array_unref);

  /* And when the Preferences change them. */
  g_settings_set_value (settings, "aid-ceilings",
                        g_variant_new_parsed ("[('general', '2024-01-01', int64 40000000, 3)]"));
  ceilings = ess_store_list_aid_ceilings (store, NULL);
  g_assert_cmpuint (ceilings->len, ==, 1);
  g_assert_cmpint (g_array_index (ceilings, EssAidCeiling, 0).amount_cents, ==, 40000000);
}

static void
test_ceilings (void)
{
  reset_settings ();
  run_application (step_ceilings);
  reset_settings ();
}

static EssStore *
open_temporary_store (const char *name)
{
  g_autofree char *path = g_build_filename (data_home, name, NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store;

  remove_database (path);
  store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  return store;
}

static void
close_temporary_store (EssStore *store)
{
  g_autofree char *path = g_strdup (ess_store_get_path (store));

  ess_store_close (store);
  g_assert_finalize_object (store);
  remove_database (path);
}

static void
test_pane_and_size (void)
{
  g_autoptr(GSettings) settings = NULL;
  EssStore *store = open_temporary_store ("pane.db");
  EssWindow *window;
  GtkPaned *paned;
  int width, height;

  reset_settings ();
  settings = settings_new ();
  g_settings_set_int (settings, "pane-position", 615);
  g_settings_set (settings, "window-size", "(ii)", 1260, 700);

  window = ess_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (20);
  paned = GTK_PANED (gtk_widget_get_template_child (GTK_WIDGET (window), ESS_TYPE_WINDOW, "paned"));
  g_assert_cmpint (gtk_paned_get_position (paned), ==, 615);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1260);
  g_assert_cmpint (height, ==, 700);
  /* The drawn window, less the margins of its client-side decorations. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, 1240);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1260);

  /* What the user changed is there at the next start (the list and the
   * editor each keep their minimum width: the position moves within). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 720);
  ui_test_wait_frames (5);
  gtk_paned_set_position (paned, 625);
  ui_test_wait_frames (5);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  g_assert_cmpint (g_settings_get_int (settings, "pane-position"), ==, 625);
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 1240);
  g_assert_cmpint (height, ==, 720);

  close_temporary_store (store);
}

/* The list reopens on a database with the filters and order it was left
 * with; another database keeps its own; the search is not kept. */
static void
test_list_view (void)
{
  EssStore *store = open_temporary_store ("vues.db");
  EssStore *other = open_temporary_store ("autre.db");
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  EssWindow *window;
  const EssDossierQuery *shown;

  reset_settings ();

  window = ess_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (5);
  query->year = 2013;
  query->sort = ESS_SORT_REQUESTED;
  query->descending = TRUE;
  query->search = g_strdup ("Hem");
  ess_dossier_browser_set_query (ess_window_get_browser (window), query);
  /* 2013 and "Hem": APT-2013-002 only. */
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 1);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_frames (2);

  window = ess_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (5);
  shown = ess_dossier_browser_get_query (ess_window_get_browser (window));
  g_assert_cmpint (shown->year, ==, 2013);
  g_assert_cmpint (shown->sort, ==, ESS_SORT_REQUESTED);
  g_assert_true (shown->descending);
  g_assert_true (shown->search == NULL || shown->search[0] == '\0');
  /* The three demo dossiers of 2013. */
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 3);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_wait_frames (2);

  window = ess_window_new (NULL, other);
  shown = ess_dossier_browser_get_query (ess_window_get_browser (window));
  g_assert_cmpint (shown->year, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);

  /* A setting that is not a view (edited by hand), or names a scheme and a
   * territory this database does not have: the list opens whole, or filtered
   * on what exists, without a warning. */
  {
    g_autoptr(GSettings) settings = settings_new ();
    g_autofree char *bogus = g_strdup_printf ("{'%s': 'pas une vue', '%s': '[view]\\nscheme=XYZ\\nterritory=999\\n'}",
                                              ess_store_get_path (other), ess_store_get_path (store));
    g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), bogus, NULL, NULL, NULL);

    g_assert_nonnull (value);
    g_settings_set_value (settings, "list-views", value);
    window = ess_window_new (NULL, other);
    g_assert_cmpuint (g_list_model_get_n_items (ess_window_get_dossiers (window)), ==, 4);
    gtk_window_destroy (GTK_WINDOW (window));
    window = ess_window_new (NULL, store);
    gtk_window_present (GTK_WINDOW (window));
    ui_test_wait_frames (5);
    gtk_window_destroy (GTK_WINDOW (window));
    ui_test_wait_frames (2);
  }

  close_temporary_store (other);
  close_temporary_store (store);
}

/* The icons drawn for the application are found by name, embedded in the program. */
static void
test_icons (void)
{
  EssStore *store = open_temporary_store ("icones.db");
  EssWindow *window = ess_window_new (NULL, store);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  const char *names[] = { APP_ID, APP_ID "-symbolic", "ess-dossier-new-symbolic", "ess-status-symbolic",
                          "ess-payment-symbolic", "ess-assessment-symbolic" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!gtk_icon_theme_has_icon (theme, names[i]))
      g_error ("The icon %s is not found", names[i]);
  g_assert_cmpstr (gtk_window_get_icon_name (GTK_WINDOW (window)), ==, APP_ID);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  close_temporary_store (store);
}

static void
test_recent_menu (void)
{
  g_autoptr(GSettings) settings = NULL;
  EssStore *store = open_temporary_store ("courante.db");
  g_autofree char *other = g_build_filename (g_get_home_dir (), "ESS", "2025.db", NULL);
  const char *recent[] = { NULL, NULL, "/srv/partage/mel-2024.db", NULL };
  GMenuModel *menu;
  EssWindow *window;
  g_autofree char *label = NULL;
  g_autoptr(GVariant) target = NULL;

  reset_settings ();
  settings = settings_new ();

  window = ess_window_new (NULL, store);
  menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), ESS_TYPE_WINDOW, "recent_section"));
  /* Nothing else yet: one greyed-out line says so. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, NULL);
  g_assert_null (target);

  /* The open database is left out; the others follow the settings. */
  recent[0] = other;
  recent[1] = ess_store_get_path (store);
  g_settings_set_strv (settings, "recent-databases", recent);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "2025.db (~/ESS)");
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, other);
  g_clear_pointer (&label, g_free);
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &label));
  g_assert_cmpstr (label, ==, "app.open-recent");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  close_temporary_store (store);
}

/* Every item of @menu has a mnemonic, none used twice in the same menu
 * (sections are one menu; submenus hold file names). */
static void
check_mnemonics (GMenuModel *menu,
                 GArray     *letters)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;
      const char *underscore;
      gunichar letter;

      if (section != NULL)
        {
          check_mnemonics (section, letters);
          continue;
        }
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      underscore = strchr (label, '_');
      if (underscore == NULL)
        g_error ("The menu item “%s” has no mnemonic", label);
      letter = g_unichar_tolower (g_utf8_get_char (underscore + 1));
      for (guint j = 0; j < letters->len; j++)
        if (g_array_index (letters, gunichar, j) == letter)
          g_error ("The mnemonic of “%s” is used twice in its menu", label);
      g_array_append_val (letters, letter);
    }
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)))
        return GTK_MENU_BUTTON (child);
      found = find_primary_menu_button (child);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_primary_menu (void)
{
  EssStore *store = open_temporary_store ("menu.db");
  EssWindow *window = ess_window_new (NULL, store);
  GtkMenuButton *button = find_primary_menu_button (gtk_window_get_titlebar (GTK_WINDOW (window)));
  GMenuModel *menu;
  g_autoptr(GArray) letters = g_array_new (FALSE, FALSE, sizeof (gunichar));
  const char *wanted[] = { "app.open-database", "app.new-database", "app.preferences", "app.help",
                           "win.show-help-overlay", "app.quit" };
  g_autoptr(GString) actions = g_string_new (" ");

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  check_mnemonics (menu, letters);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            g_string_append_printf (actions, "%s ", action);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autofree char *needle = g_strdup_printf (" %s ", wanted[i]);
      g_assert_nonnull (strstr (actions->str, needle));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  close_temporary_store (store);
}

typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
} Accel;

static GArray *
overlay_accels (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  GArray *accels = g_array_new (FALSE, FALSE, sizeof (Accel));
  GSList *objects = gtk_builder_get_objects (builder);

  g_assert_nonnull (overlay);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      if (accelerator == NULL)
        continue;
      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          Accel accel;
          if (gtk_accelerator_parse (parts[i], &accel.keyval, &accel.modifiers))
            g_array_append_val (accels, accel);
        }
    }
  g_slist_free (objects);
  gtk_window_destroy (GTK_WINDOW (overlay));
  return accels;
}

static gboolean
accels_contain (GArray          *accels,
                guint            keyval,
                GdkModifierType  modifiers)
{
  keyval = gdk_keyval_to_lower (keyval);
  for (guint i = 0; i < accels->len; i++)
    {
      Accel *accel = &g_array_index (accels, Accel, i);
      if (gdk_keyval_to_lower (accel->keyval) == keyval && accel->modifiers == modifiers)
        return TRUE;
    }
  return FALSE;
}

static void
step_shortcuts_window (EssApplication *app)
{
  g_autoptr(GArray) accels = overlay_accels ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GtkWidget *window = GTK_WIDGET (only_main_window (GTK_APPLICATION (app)));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  guint n_window_shortcuts = 0;

  g_assert_cmpuint (g_strv_length (actions), >=, 5);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (keys[k], &keyval, &modifiers));
          if (!accels_contain (accels, keyval, modifiers))
            g_error ("The shortcut %s of %s is missing from the shortcuts window", keys[k], actions[i]);
        }
    }

  /* The window's own shortcuts for its actions, from every controller. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_NAMED_ACTION (action) ||
              !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.") ||
              !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          n_window_shortcuts++;
          if (!accels_contain (accels, gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                               gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))))
            g_error ("The shortcut of %s is missing from the shortcuts window",
                     gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  g_assert_cmpuint (n_window_shortcuts, >=, 6);
}

static void
test_shortcuts_window (void)
{
  reset_settings ();
  run_application (step_shortcuts_window);
}

static void
step_preferences_and_help (EssApplication *app)
{
  GtkWindow *preferences = NULL;
  GtkWindow *help = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  ui_test_wait_frames (5);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (ESS_IS_PREFERENCES_WINDOW (l->data))
        preferences = l->data;
      if (ESS_IS_HELP_WINDOW (l->data))
        help = l->data;
    }
  g_assert_nonnull (preferences);
  g_assert_nonnull (help);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (only_main_window (GTK_APPLICATION (app))));
  g_assert_cmpstr (gtk_window_get_title (help), ==, "Guide de l’utilisateur");

  /* Escape closes them. */
  gtk_widget_activate_action (GTK_WIDGET (preferences), "window.close", NULL);
  ui_test_wait_frames (2);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    g_assert_false (ESS_IS_PREFERENCES_WINDOW (l->data));

  {
    g_autofree char *accel = NULL;
    g_auto(GStrv) f1 = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
    g_auto(GStrv) comma = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
    g_auto(GStrv) open = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.open-database");
    g_assert_cmpstr (f1[0], ==, "F1");
    g_assert_cmpstr (comma[0], ==, "<Control>comma");
    g_assert_cmpstr (open[0], ==, "<Control>o");
  }
}

static void
test_preferences_and_help_actions (void)
{
  reset_settings ();
  run_application (step_preferences_and_help);
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* As a click: gtk_widget_activate() only clicks a shown button after a delay. */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static GtkWidget *
first_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_button (child);
      if (found)
        return found;
    }
  return NULL;
}

/* The ceilings are typed in the Preferences, checked, and written to the settings. */
static void
test_preferences_ceilings (EssPreferencesWindow *window,
                           GSettings            *settings)
{
  GtkWidget *list = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "ceilings_list");
  GtkWidget *since = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "since_entry");
  GtkWidget *amount = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "amount_entry");
  GtkWidget *kind = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "kind_dropdown");
  GtkWidget *error_label = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "ceiling_error_label");
  GtkWidget *add = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "add_ceiling_button");
  GtkWidget *reset = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "reset_ceilings_button");
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) after = NULL;
  g_autoptr(GArray) ceilings = NULL;
  const EssAidCeiling *items;
  GtkWidget *remove;
  const char *label;

  /* The four ceilings of the regulations, 2007/2024 and 2012/2024. */
  g_assert_cmpuint (count_rows (list), ==, 4);
  remove = first_button (list);
  label = gtk_widget_get_tooltip_text (remove);
  g_assert_cmpstr (label, ==, "Supprimer le plafond «\xc2\xa0" "De minimis général\xc2\xa0: 200\xe2\x80\xaf" "000,00\xc2\xa0\xe2\x82\xac"
                   " sur 3 ans, depuis le 01/01/2007\xc2\xa0»");

  /* A date that does not exist: said, focused, nothing written. */
  before = g_settings_get_value (settings, "aid-ceilings");
  gtk_editable_set_text (GTK_EDITABLE (since), "31/02/2026");
  gtk_editable_set_text (GTK_EDITABLE (amount), "400 000");
  click (add);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "S’applique depuis"));
  g_assert_true (gtk_widget_has_css_class (since, "error"));
  after = g_settings_get_value (settings, "aid-ceilings");
  g_assert_true (g_variant_equal (before, after));
  g_clear_pointer (&after, g_variant_unref);

  /* An amount that is not one. */
  gtk_editable_set_text (GTK_EDITABLE (since), "01/01/2026");
  gtk_editable_set_text (GTK_EDITABLE (amount), "quatre cent mille");
  click (add);
  g_assert_true (gtk_widget_has_css_class (amount, "error"));
  g_assert_false (gtk_widget_has_css_class (since, "error"));
  after = g_settings_get_value (settings, "aid-ceilings");
  g_assert_true (g_variant_equal (before, after));
  g_clear_pointer (&after, g_variant_unref);

  /* A new SGEI ceiling of 1 000 000 € from 2026. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 1);
  gtk_editable_set_text (GTK_EDITABLE (amount), "1 000 000");
  click (add);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (count_rows (list), ==, 5);
  after = g_settings_get_value (settings, "aid-ceilings");
  ceilings = ess_aid_ceilings_from_variant (after);
  items = (const EssAidCeiling *) (gpointer) ceilings->data;
  g_assert_cmpuint (ceilings->len, ==, 5);
  g_assert_cmpstr (items[4].kind, ==, "sgei");
  g_assert_cmpstr (items[4].from, ==, "2026-01-01");
  g_assert_cmpint (items[4].amount_cents, ==, 100000000);
  g_assert_cmpint (items[4].years, ==, 3);
  g_clear_pointer (&after, g_variant_unref);
  g_clear_pointer (&ceilings, g_array_unref);

  /* Removing the first one (general, 2007). */
  click (first_button (list));
  ui_test_wait_frames (1);
  g_assert_cmpuint (count_rows (list), ==, 4);
  after = g_settings_get_value (settings, "aid-ceilings");
  ceilings = ess_aid_ceilings_from_variant (after);
  items = (const EssAidCeiling *) (gpointer) ceilings->data;
  g_assert_cmpstr (items[0].from, ==, "2024-01-01");
  g_clear_pointer (&after, g_variant_unref);

  /* Back to the regulations. */
  click (reset);
  g_assert_cmpuint (count_rows (list), ==, 4);
  after = g_settings_get_value (settings, "aid-ceilings");
  g_assert_true (g_variant_equal (before, after));
}

static void
test_preferences_window (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *folder = g_build_filename (data_home, "exports", NULL);
  g_autofree char *database = g_build_filename (data_home, "base.db", NULL);
  g_autofree char *chosen = NULL;
  g_autofree char *name = NULL;
  EssPreferencesWindow *window;
  GtkWidget *entry, *label, *reset, *mnemonic;

  reset_settings ();
  settings = settings_new ();
  g_mkdir_with_parents (folder, 0700);

  window = ess_preferences_window_new (NULL, settings, database);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (5);

  /* The name typed is the setting, at once. */
  entry = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "name_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Camille Durand");
  name = g_settings_get_string (settings, "instructor-name");
  g_assert_cmpstr (name, ==, "Camille Durand");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, g_get_real_name ());

  /* The export folder: the Documents folder until one is chosen. */
  label = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "export_label");
  reset = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "export_reset_button");
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), " (par défaut)"));
  g_assert_false (gtk_widget_get_sensitive (reset));
  g_settings_set_string (settings, "default-export-folder", folder);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, folder);
  g_assert_true (gtk_widget_get_sensitive (reset));
  chosen = ess_preferences_get_export_folder (settings);
  g_assert_cmpstr (chosen, ==, folder);
  g_clear_pointer (&chosen, g_free);
  click (reset);
  g_assert_false (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), folder));
  g_assert_false (gtk_widget_get_sensitive (reset));

  /* A folder that went away is not proposed. */
  g_settings_set_string (settings, "default-export-folder", "/nonexistent/exports");
  chosen = ess_preferences_get_export_folder (settings);
  g_assert_true (g_file_test (chosen, G_FILE_TEST_IS_DIR));

  /* The database is shown, read-only. */
  label = template_child (window, ESS_TYPE_PREFERENCES_WINDOW, "database_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, database);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));

  /* Each control can be reached with Alt and a letter. */
  mnemonic = gtk_widget_get_first_child (gtk_widget_get_parent (entry));
  g_assert_true (GTK_IS_LABEL (mnemonic));
  g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (mnemonic)) == entry);
  g_assert_cmpuint (gtk_label_get_mnemonic_keyval (GTK_LABEL (mnemonic)), !=, GDK_KEY_VoidSymbol);

  test_preferences_ceilings (window, settings);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
  g_rmdir (folder);
}

static gboolean
has_tag_at (GtkTextBuffer *buffer,
            const char    *text,
            const char    *tag_name)
{
  GtkTextIter start, match_start, match_end;
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL))
    g_error ("“%s” is not in the rendered text", text);
  return gtk_text_iter_has_tag (&match_start, tag);
}

static void
test_markdown (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  ess_help_render_markdown (buffer,
                            "# Guide\n"
                            "\n"
                            "Un paragraphe sur\n"
                            "deux lignes avec **du gras** et `du code`.\n"
                            "\n"
                            "## Rechercher\n"
                            "\n"
                            "- premier point\n"
                            "  qui continue\n"
                            "- second point\n"
                            "\n"
                            "1. étape une\n"
                            "2. étape deux\n"
                            "\n"
                            "```\n"
                            "ess-instruction list --format=csv\n"
                            "```\n"
                            "### Détail\n");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_assert_cmpstr (text, ==,
                   "Guide\n"
                   "Un paragraphe sur deux lignes avec du gras et du code.\n"
                   "Rechercher\n"
                   "• premier point qui continue\n"
                   "• second point\n"
                   "1. étape une\n"
                   "2. étape deux\n"
                   "ess-instruction list --format=csv\n"
                   "\n"
                   "Détail\n");
  g_assert_true (has_tag_at (buffer, "Guide", "h1"));
  g_assert_true (has_tag_at (buffer, "Rechercher", "h2"));
  g_assert_true (has_tag_at (buffer, "Détail", "h3"));
  g_assert_true (has_tag_at (buffer, "du gras", "bold"));
  g_assert_false (has_tag_at (buffer, "deux lignes", "bold"));
  g_assert_true (has_tag_at (buffer, "du code", "code"));
  g_assert_true (has_tag_at (buffer, "Un paragraphe", "paragraph"));
  g_assert_true (has_tag_at (buffer, "second point", "item"));
  g_assert_true (has_tag_at (buffer, "étape deux", "item"));
  g_assert_true (has_tag_at (buffer, "list --format", "code-block"));

  /* Rendering again replaces the text. */
  ess_help_render_markdown (buffer, "Rien d’autre\n");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (text);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Rien d’autre\n");
}

/* The guide that F1 shows covers the daily work, rendered without Markdown marks. */
static void
test_user_guide (void)
{
  EssHelpWindow *window = ess_help_window_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (ess_help_window_get_view (window));
  const char *sections[] = { "Premier lancement", "Trouver un dossier", "Créer et compléter un dossier",
                             "Instruire un dossier", "Suivre les versements",
                             "Historique, corbeille et annulation", "Le tableau de bord",
                             "Vérifier et exporter en ligne de commande",
                             "Plusieurs bases de données", "Préférences", "Sauvegarder", "Au clavier" };
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpint (strlen (text), >, 4000);
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "\n#"));
  g_assert_true (has_tag_at (buffer, "Guide de l’utilisateur", "h1"));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_true (has_tag_at (buffer, sections[i], "h2"));

  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");
  int result;

  /* Before anything reads it: the default database goes in a temporary folder. */
  data_home = g_dir_make_tmp ("ess-desktop-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/desktop/databases", test_databases);
  g_test_add_func ("/desktop/instructor-name", test_instructor_name);
  g_test_add_func ("/desktop/ceilings", test_ceilings);
  g_test_add_func ("/desktop/pane-and-size", test_pane_and_size);
  g_test_add_func ("/desktop/list-view", test_list_view);
  g_test_add_func ("/desktop/icons", test_icons);
  g_test_add_func ("/desktop/recent-menu", test_recent_menu);
  g_test_add_func ("/desktop/primary-menu", test_primary_menu);
  g_test_add_func ("/desktop/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/desktop/preferences-and-help-actions", test_preferences_and_help_actions);
  g_test_add_func ("/desktop/preferences-window", test_preferences_window);
  g_test_add_func ("/desktop/markdown", test_markdown);
  g_test_add_func ("/desktop/user-guide", test_user_guide);
  result = g_test_run ();

  {
    g_autofree char *path = default_database ();
    g_autofree char *folder = g_path_get_dirname (path);
    remove_database (path);
    g_rmdir (folder);
  }
  g_rmdir (data_home);
  g_free (data_home);
  return result;
}
