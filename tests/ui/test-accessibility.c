/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Walks every window of the application: controls have accessible names, and the keyboard reaches them. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-help-window.h"
#include "ess-preferences-window.h"
#include "ess-status-dialog.h"
#include "ess-store-dossiers.h"
#include "ess-window.h"
#include "ui-test-util.h"

/* A name for the messages: the type and what the widget shows. */
static char *
describe (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  const char *icon = NULL;

  if (GTK_IS_BUTTON (widget))
    icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    g_string_append_printf (path, "%s%s", path->len ? " < " : "", G_OBJECT_TYPE_NAME (w));
  return g_strdup_printf ("%s (icon %s, tooltip “%s”, in %s)", G_OBJECT_TYPE_NAME (widget),
                          icon ? icon : "none", tooltip ? tooltip : "", path->str);
}

/* A button is "labelled by" its child, an icon that says nothing: it needs
 * its own label. An input gets its name from the label that points at it. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    return FALSE;
  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* A button that shows an icon and no text: a screen reader has nothing to
 * say about it but what the code gives it. */
static gboolean
is_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  if (GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL && gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
        return FALSE;
      return gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL || GTK_IS_IMAGE (child);
    }
  return FALSE;
}

/* A control whose text the user types or picks: it needs a label a screen
 * reader can read (a mnemonic label sets it). */
static gboolean
is_input (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  return GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SWITCH (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) == NULL);
}

/* GTK's own composite widgets: their inner parts are GTK's business. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_TEXT (widget) || GTK_IS_STACK_SWITCHER (widget) || GTK_IS_WINDOW_CONTROLS (widget);
}

static void
check_widget_tree (GtkWidget *widget,
                   GPtrArray *problems)
{
  if (is_icon_only (widget) && !has_accessible_name (widget))
    g_ptr_array_add (problems, g_strconcat ("icon-only button without an accessible label: ", describe (widget), NULL));
  else if (is_input (widget) && !has_accessible_name (widget))
    g_ptr_array_add (problems, g_strconcat ("input without a label: ", describe (widget), NULL));

  /* A menu button's popover holds the application's own controls. */
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) != NULL &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) == NULL)
    check_widget_tree (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))), problems);
  if (is_composite (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_widget_tree (child, problems);
}

static void
assert_accessible (GtkWidget *root)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_widget_tree (root, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    g_error ("%s: %u controls without an accessible name, the first: %s", G_OBJECT_TYPE_NAME (root),
             problems->len, (char *) g_ptr_array_index (problems, 0));
}

/* The mnemonics (Alt + letter) of the labels and buttons shown in @root. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *by_key)
{
  guint keyval = GDK_KEY_VoidSymbol;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    keyval = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));
  /* A label may use underlines and have none. */
  if (keyval != GDK_KEY_VoidSymbol && keyval != 0)
    {
      GPtrArray *labels = g_hash_table_lookup (by_key, GUINT_TO_POINTER (gdk_keyval_to_lower (keyval)));

      if (labels == NULL)
        {
          labels = g_ptr_array_new ();
          g_hash_table_insert (by_key, GUINT_TO_POINTER (gdk_keyval_to_lower (keyval)), labels);
        }
      g_ptr_array_add (labels, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
    }
  /* The tabs are the window's, the page is a scope of its own (see below). */
  if (GTK_IS_NOTEBOOK (widget))
    {
      for (int i = 0; i < gtk_notebook_get_n_pages (GTK_NOTEBOOK (widget)); i++)
        {
          GtkWidget *page = gtk_notebook_get_nth_page (GTK_NOTEBOOK (widget), i);
          collect_mnemonics (gtk_notebook_get_tab_label (GTK_NOTEBOOK (widget), page), by_key);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, by_key);
}

/* No two controls shown together answer the same Alt + letter: among the
 * window's own controls and the tabs of its notebook, and among the fields
 * of the page shown. (GTK cycles between a tab and a field of the same
 * letter; the fields of a page are many and keep the letters of their words.) */
static void
assert_unique_mnemonics (GtkWidget  *root,
                         const char *where)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint clashes = 0;

  collect_mnemonics (root, by_key);
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *labels = value;

      if (labels->len < 2)
        continue;
      clashes++;
      for (guint i = 0; i < labels->len; i++)
        g_test_message ("%s: Alt+%s shared by “%s”", where, gdk_keyval_name (GPOINTER_TO_UINT (key)),
                        (char *) g_ptr_array_index (labels, i));
    }
  if (clashes > 0)
    g_error ("%s: %u letters are the mnemonic of more than one control", where, clashes);
}

static GtkScrolledWindow *
first_scrolled_window (GtkWidget *widget)
{
  /* A spreadsheet (the funding plan, the budget) scrolls sideways by
   * design: its columns are the funders and years, or the forecast and
   * actual amounts. The rest of its page must fit. */
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_has_css_class (widget, "spreadsheet"))
    return NULL;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = first_scrolled_window (child);
      if (found)
        return found;
    }
  return NULL;
}

/* The page fits the width it is given: nothing to scroll sideways. */
static void
assert_no_sideways_scroll (GtkWidget  *page,
                           const char *where)
{
  GtkScrolledWindow *scroller = first_scrolled_window (page);
  GtkAdjustment *h;

  if (scroller == NULL)
    return;
  h = gtk_scrolled_window_get_hadjustment (scroller);
  g_test_message ("%s: content %.0f px wide in %.0f px", where, gtk_adjustment_get_upper (h),
                  gtk_adjustment_get_page_size (h));
  if (gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 1)
    g_error ("%s: the page is %.0f px wide for %.0f px shown", where, gtk_adjustment_get_upper (h),
             gtk_adjustment_get_page_size (h));
}

/* The checker itself: it must catch a bare icon button and accept a named one. */
static void
test_checker (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *bare = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *named = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic ("_Nom");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_object_ref_sink (box);
  gtk_box_append (GTK_BOX (box), bare);
  gtk_box_append (GTK_BOX (box), named);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_widget_set_tooltip_text (bare, "Supprimer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_PROPERTY_LABEL, "Ajouter", -1);

  /* A tooltip is not a name; an unlabelled entry is caught too. */
  check_widget_tree (box, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "icon-only button"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "input without a label"));

  g_ptr_array_set_size (problems, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bare), GTK_ACCESSIBLE_PROPERTY_LABEL, "Supprimer", -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  check_widget_tree (box, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  g_object_unref (box);
}

/* Tab, from the start, until the focus comes back: every widget it lands on. */
static GPtrArray *
tab_through (GtkWindow *window)
{
  GPtrArray *reached = g_ptr_array_new ();
  GtkWidget *first = NULL;

  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      g_ptr_array_add (reached, focus);
    }
  return reached;
}

/* What Tab must stop on: an entry or a drop-down holds the part that takes
 * the focus, the others take it themselves. */
static gboolean
is_control (GtkWidget *widget)
{
  if (is_input (widget))
    return TRUE;
  return (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_COLUMN_VIEW (widget) ||
          GTK_IS_LIST_VIEW (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_CHECK_BUTTON (widget) ||
          GTK_IS_SWITCH (widget)) &&
         gtk_widget_get_focusable (widget);
}

static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) || !gtk_widget_get_can_focus (widget))
    return;
  if (is_control (widget))
    {
      g_ptr_array_add (controls, widget);
      if (is_composite (widget) || GTK_IS_COLUMN_VIEW (widget) || GTK_IS_LIST_VIEW (widget))
        return;
    }
  /* A notebook's tabs are reached with the arrow keys, its scroll arrows
   * are for the mouse: Tab goes into the page shown. */
  if (GTK_IS_NOTEBOOK (widget))
    {
      GtkNotebook *notebook = GTK_NOTEBOOK (widget);
      int current = gtk_notebook_get_current_page (notebook);

      if (current >= 0)
        collect_controls (gtk_notebook_get_nth_page (notebook, current), controls);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

/* Every control shown, enabled and focusable is reached with Tab alone. */
static void
assert_keyboard_reaches_all (GtkWindow  *window,
                             const char *where)
{
  g_autoptr(GPtrArray) reached = tab_through (window);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  guint missing = 0;

  collect_controls (GTK_WIDGET (window), controls);
  g_assert_cmpuint (controls->len, >, 0);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      gboolean found = FALSE;

      for (guint j = 0; j < reached->len && !found; j++)
        {
          GtkWidget *focus = g_ptr_array_index (reached, j);
          found = focus == control || gtk_widget_is_ancestor (focus, control);
        }
      if (!found)
        {
          g_autofree char *text = describe (control);
          g_test_message ("%s: not reached with Tab: %s", where, text);
          missing++;
        }
    }
  g_test_message ("%s: %u controls, %u focus stops", where, controls->len, reached->len);
  if (missing > 0)
    g_error ("%s: %u of %u controls cannot be reached with Tab", where, missing, controls->len);
}

typedef struct
{
  char      *dir;
  EssStore  *store;
  EssWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ess-a11y-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "demo.db", NULL);
  fixture->store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  fixture->window = ess_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1260, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_test_wait_frames (20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (ess_store_get_path (fixture->store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ui_test_wait_frames (2);
  ess_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
find_dossier (EssStore   *store,
              const char *reference)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GArray) ids = ess_store_query_dossier_ids (store, query, NULL);

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EssDossier) dossier = ess_store_load_dossier (store, g_array_index (ids, gint64, i), NULL);
      if (g_strcmp0 (dossier->reference, reference) == 0)
        return dossier->id;
    }
  g_assert_not_reached ();
}

/* The main window with a dossier open, on each page of the editor. */
static void
test_main_window (Fixture       *fixture,
                  gconstpointer  data)
{
  EssDossierBrowser *browser = ess_window_get_browser (fixture->window);
  GtkWidget *editor = GTK_WIDGET (ess_window_get_editor (fixture->window));
  GtkNotebook *notebook = GTK_NOTEBOOK (gtk_widget_get_template_child (editor, ESS_TYPE_DOSSIER_EDITOR, "notebook"));

  /* Nothing selected: the list and its tools. */
  assert_accessible (GTK_WIDGET (fixture->window));
  assert_keyboard_reaches_all (GTK_WINDOW (fixture->window), "list");

  ess_dossier_browser_select_id (browser, find_dossier (fixture->store, "APT-2013-002"));
  ui_test_wait_frames (10);
  g_assert_nonnull (notebook);
  for (int page = 0; page < gtk_notebook_get_n_pages (notebook); page++)
    {
      GtkWidget *child;
      g_autofree char *where = NULL;

      gtk_notebook_set_current_page (notebook, page);
      ui_test_wait_frames (5);
      child = gtk_notebook_get_nth_page (notebook, page);
      where = g_strdup_printf ("page “%s”", gtk_notebook_get_tab_label_text (notebook, child));
      assert_accessible (GTK_WIDGET (fixture->window));
      assert_keyboard_reaches_all (GTK_WINDOW (fixture->window), where);
      assert_unique_mnemonics (GTK_WIDGET (fixture->window), where);
      assert_unique_mnemonics (child, where);
      assert_no_sideways_scroll (child, where);
    }
}

/* The dashboard, with its charts and map: the same rules. */
static void
test_dashboard (Fixture       *fixture,
                gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "dashboard");
  ui_test_wait_frames (20);
  g_assert_nonnull (ess_window_get_dashboard (fixture->window));
  assert_accessible (GTK_WIDGET (fixture->window));
  assert_keyboard_reaches_all (GTK_WINDOW (fixture->window), "dashboard");
  assert_unique_mnemonics (GTK_WIDGET (fixture->window), "dashboard");
}

static void
test_status_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = find_dossier (fixture->store, "APT-2013-002");
  const char *references[] = { "APT-2013-002", NULL };
  EssStatus statuses[] = { ESS_STATUS_GRANTED };
  EssStatusDialog *dialog = ess_status_dialog_new (GTK_WINDOW (fixture->window), fixture->store, &id,
                                                   references, statuses, 1, ESS_STATUS_AGREEMENT_SIGNED);

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_wait_frames (10);
  assert_accessible (GTK_WIDGET (dialog));
  assert_keyboard_reaches_all (GTK_WINDOW (dialog), "status dialog");
  assert_unique_mnemonics (GTK_WIDGET (dialog), "status dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_wait_frames (2);
}

/* The import preview of a file with a dossier the demo data knows: the
 * choice for all and the choice of the dossier. */
static void
test_import_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", "exemple-complet.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EssImportDialog *dialog = ui_test_wait_read (ess_import_dialog_new (GTK_WINDOW (fixture->window), fixture->store, file));

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_wait_frames (10);
  g_assert_cmpint (ess_import_dialog_get_state (dialog), ==, ESS_IMPORT_DIALOG_PREVIEW);
  g_assert_cmpuint (ess_import_dialog_get_preview (dialog)->n_known, ==, 1);
  assert_accessible (GTK_WIDGET (dialog));
  assert_keyboard_reaches_all (GTK_WINDOW (dialog), "import dialog");
  assert_unique_mnemonics (GTK_WIDGET (dialog), "import dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_wait_frames (2);
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  EssPreferencesWindow *window = ess_preferences_window_new (GTK_WINDOW (fixture->window), settings,
                                                             ess_store_get_path (fixture->store));

  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);
  assert_accessible (GTK_WIDGET (window));
  assert_keyboard_reaches_all (GTK_WINDOW (window), "preferences");
  assert_unique_mnemonics (GTK_WIDGET (window), "preferences");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  EssHelpWindow *window = ess_help_window_new ();

  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (10);
  assert_accessible (GTK_WIDGET (window));
  assert_keyboard_reaches_all (GTK_WINDOW (window), "help");
  ui_test_wait_frames (20);
  ui_test_save_screenshot (GTK_WIDGET (window), "test-help.png");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_wait_frames (2);
}

/* The minimum size of @window fits a 1280 x 1024 screen. */
static void
assert_fits_screen (GtkWidget  *window,
                    const char *where)
{
  int min_width, min_height;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  g_test_message ("%s: minimum %d x %d", where, min_width, min_height);
  if (g_getenv ("ESS_DEBUG_SIZES"))
    {
      GtkWidget *stack[4096];
      guint n = 0;
      stack[n++] = window;
      while (n > 0)
        {
          GtkWidget *w = stack[--n];
          int m;
          gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &m, NULL, NULL, NULL);
          if (m > 300)
            g_test_message ("  %s %s min %d", G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w), m);
          for (GtkWidget *c = gtk_widget_get_first_child (w); c && n < 4090; c = gtk_widget_get_next_sibling (c))
            if (gtk_widget_get_visible (c))
              stack[n++] = c;
        }
    }
  g_assert_cmpint (min_width, <=, 1280);
  g_assert_cmpint (min_height, <=, 1024);
}

/* Large text (GNOME's 125 %) and the high-contrast style: the windows
 * still fit a common screen, every page still lays out. */
static void
test_large_text_high_contrast (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  EssDossierBrowser *browser = ess_window_get_browser (fixture->window);
  GtkWidget *editor = GTK_WIDGET (ess_window_get_editor (fixture->window));
  GtkNotebook *notebook = GTK_NOTEBOOK (gtk_widget_get_template_child (editor, ESS_TYPE_DOSSIER_EDITOR, "notebook"));
  EssPreferencesWindow *preferences;
  int dpi;
  g_autofree char *theme = NULL;

  g_object_get (gtk_settings, "gtk-xft-dpi", &dpi, "gtk-theme-name", &theme, NULL);
  g_object_set (gtk_settings, "gtk-xft-dpi", 96 * 1024 * 5 / 4, "gtk-theme-name", "Default-hc", NULL);
  ui_test_wait_frames (10);

  ess_dossier_browser_select_id (browser, find_dossier (fixture->store, "APT-2012-001"));
  for (int page = 0; page < gtk_notebook_get_n_pages (notebook); page++)
    {
      g_autofree char *where = g_strdup_printf ("large text, page %d", page);

      gtk_notebook_set_current_page (notebook, page);
      ui_test_wait_frames (5);
      assert_fits_screen (GTK_WIDGET (fixture->window), where);
      assert_no_sideways_scroll (gtk_notebook_get_nth_page (notebook, page), where);
    }
  gtk_notebook_set_current_page (notebook, 0);
  ui_test_wait_frames (10);
  ui_test_save_screenshot (GTK_WIDGET (fixture->window), "test-large-text.png");

  preferences = ess_preferences_window_new (GTK_WINDOW (fixture->window), settings,
                                            ess_store_get_path (fixture->store));
  gtk_window_present (GTK_WINDOW (preferences));
  ui_test_wait_frames (10);
  assert_fits_screen (GTK_WIDGET (preferences), "large text, preferences");
  ui_test_save_screenshot (GTK_WIDGET (preferences), "test-preferences-large-text.png");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_object_set (gtk_settings, "gtk-xft-dpi", dpi, "gtk-theme-name", theme, NULL);
  ui_test_wait_frames (2);
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

  g_test_add_func ("/accessibility/checker", test_checker);
  g_test_add ("/accessibility/main-window", Fixture, NULL, fixture_set_up, test_main_window, fixture_tear_down);
  g_test_add ("/accessibility/dashboard", Fixture, NULL, fixture_set_up, test_dashboard, fixture_tear_down);
  g_test_add ("/accessibility/status-dialog", Fixture, NULL, fixture_set_up, test_status_dialog, fixture_tear_down);
  g_test_add ("/accessibility/import-dialog", Fixture, NULL, fixture_set_up, test_import_dialog, fixture_tear_down);
  g_test_add ("/accessibility/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/accessibility/large-text-high-contrast", Fixture, NULL, fixture_set_up,
              test_large_text_high_contrast, fixture_tear_down);
  g_test_add ("/accessibility/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  return g_test_run ();
}
