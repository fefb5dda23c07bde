/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funding plan, budget and envelopes of the demo database, edited as a user does. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ess-budget-page.h"
#include "ess-dossier-browser.h"
#include "ess-dossier-editor.h"
#include "ess-envelopes-dialog.h"
#include "ess-funding-page.h"
#include "ess-funding-popovers.h"
#include "ess-history-page.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"
#include "ess-window.h"
#include "ui-test-util.h"

/* U+202F between thousands, as ess_money_format_plain() writes them. */
#define NNBSP "\xe2\x80\xaf"

typedef struct
{
  char           *dir;
  char           *path;
  EssStore       *store;
  EssWindow      *window;
  EssDossierEditor *editor;
  EssFundingPage *page;
  gint64          lille;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ess-funding-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "instruction.db", NULL);
  fixture->store = ess_store_open (fixture->path, ESS_STORE_OPEN_DEMO_DATA, &error);
  g_assert_no_error (error);
  ess_store_set_author (fixture->store, "Camille Instructrice");
  fixture->lille = ess_store_find_dossier (fixture->store, "APT-2012-001", &error);
  g_assert_no_error (error);

  fixture->window = ess_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1700, 980);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_test_wait_frames (10);

  /* The list gives room to the editor, as for a plan one works on. */
  gtk_paned_set_position (GTK_PANED (gtk_widget_get_parent (GTK_WIDGET (ess_window_get_browser (fixture->window)))), 430);
  fixture->editor = ess_window_get_editor (fixture->window);
  ess_dossier_browser_select_id (ess_window_get_browser (fixture->window), fixture->lille);
  ui_test_wait_frames (5);
  g_assert_cmpint (ess_dossier_editor_get_dossier_id (fixture->editor), ==, fixture->lille);
  ess_dossier_editor_show_page (fixture->editor, ESS_EDITOR_PAGE_FUNDING);
  fixture->page = ess_dossier_editor_get_funding_page (fixture->editor);
  ui_test_wait_frames (10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  ui_test_wait_frames (3);
  ess_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
  g_unlink (fixture->path);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static const char *
label_text (GtkWidget *widget)
{
  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

static const char *
cell_text (Fixture            *fixture,
           int                 row,
           EssFundingCellKind  kind,
           guint               index)
{
  static char *heading;
  GtkWidget *cell = ess_funding_page_get_cell (fixture->page, row, kind, index);

  g_assert_nonnull (cell);
  if (GTK_IS_TEXT_VIEW (cell))
    {
      /* The headings wrap: they are text views. */
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      g_free (heading);
      heading = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      return heading;
    }
  return GTK_IS_LABEL (cell) ? gtk_label_get_text (GTK_LABEL (cell)) : gtk_editable_get_text (GTK_EDITABLE (cell));
}

/* Focuses a cell as Tab or a click does, then types @text over it. */
static GtkWidget *
type_in_cell (Fixture            *fixture,
              int                 row,
              EssFundingCellKind  kind,
              guint               index,
              const char         *text)
{
  GtkWidget *cell = ess_funding_page_get_cell (fixture->page, row, kind, index);
  int start = -1, end = -1, position = 0;

  g_assert_true (GTK_IS_TEXT (cell));
  gtk_widget_grab_focus (cell);
  ui_test_wait_frames (1);
  g_assert_true (gtk_widget_has_focus (cell) || gtk_root_get_focus (GTK_ROOT (fixture->window)) == cell);
  /* The focus selects the whole cell: typing replaces it. */
  if (gtk_editable_get_text (GTK_EDITABLE (cell))[0] != '\0')
    {
      g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (cell), &start, &end));
      g_assert_cmpint (start, ==, 0);
      g_assert_cmpint (end, ==, (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (cell)), -1));
    }
  gtk_editable_delete_selection (GTK_EDITABLE (cell));
  gtk_editable_insert_text (GTK_EDITABLE (cell), text, -1, &position);
  ui_test_wait_frames (1);
  return cell;
}

static EssFundingPlan *
stored_plan (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  EssFundingPlan *plan = ess_store_load_funding_plan (fixture->store, fixture->lille, &error);

  g_assert_no_error (error);
  return plan;
}

/* The position in the panel of the first finding of @code on @row, -1 when none. */
static int
find_finding (Fixture    *fixture,
              const char *code,
              int         row,
              int         column)
{
  GPtrArray *findings = ess_funding_page_get_findings (fixture->page);

  for (guint i = 0; i < findings->len; i++)
    {
      EssFinding *finding = g_ptr_array_index (findings, i);
      if (g_str_equal (finding->code, code) && finding->row == row && finding->column == column)
        return (int) i;
    }
  return -1;
}

static const char *
finding_message (Fixture *fixture,
                 int      position)
{
  GPtrArray *findings = ess_funding_page_get_findings (fixture->page);

  g_assert_cmpint (position, >=, 0);
  return ((EssFinding *) g_ptr_array_index (findings, position))->message;
}

static guint
count_findings (Fixture    *fixture,
                const char *code)
{
  GPtrArray *findings = ess_funding_page_get_findings (fixture->page);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((EssFinding *) g_ptr_array_index (findings, i))->code, code))
      n++;
  return n;
}

static gint64
history_count (Fixture *fixture)
{
  g_autoptr(GPtrArray) events = ess_store_list_history (fixture->store, fixture->lille, NULL);
  return events->len;
}

/* Annexe 2 as printed: the rows balance, the TOTAL line does not. */
static void
test_lille_plan (Fixture       *fixture,
                 gconstpointer  data)
{
  const EssFundingPlan *plan = ess_funding_page_get_plan (fixture->page);
  GtkWidget *declared;
  int position;

  g_assert_cmpuint (plan->actions->len, ==, 12);
  g_assert_cmpuint (plan->funders->len, ==, 2);
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_HEADER, ESS_FUNDING_CELL_AMOUNT, 0), ==, "Lille Métropole");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_HEADER, ESS_FUNDING_CELL_REALISATION, 1), ==,
                   "dont réalisation opérateur externe");
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TITLE, 0), ==,
                   "Animer le réseau des acteurs de l'Economie Sociale et Solidaire");

  /* Row 1: 10 000 + 5 000 = 15 000; the rows sum to 59 827 + 80 718 = 140 545. */
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TOTAL, 0), ==, "15" NNBSP "000,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_AMOUNT, 0), ==, "59" NNBSP "827,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_AMOUNT, 1), ==, "80" NNBSP "718,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_REALISATION, 0), ==, "61" NNBSP "300,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_REALISATION, 1), ==, "79" NNBSP "245,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_TOTAL, 0), ==, "140" NNBSP "545,00");
  /* The printed TOTAL line, kept as declared. */
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_DECLARED, ESS_FUNDING_CELL_AMOUNT, 0), ==, "73" NNBSP "000,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_DECLARED, ESS_FUNDING_CELL_TOTAL, 0), ==, "169" NNBSP "891,00");

  /* Every row balances; each printed total differs, by hand:
   * 73 000 - 59 827 = 13 173; 96 891 - 80 718 = 16 173; 69 300 - 61 300 = 8 000;
   * 100 590 - 79 245 = 21 345; 169 891 - 140 545 = 29 346. */
  g_assert_cmpuint (count_findings (fixture, "row-split"), ==, 0);
  g_assert_cmpuint (count_findings (fixture, "declared-row"), ==, 0);
  g_assert_cmpuint (count_findings (fixture, "declared-funder"), ==, 2);
  g_assert_cmpuint (count_findings (fixture, "declared-realisation"), ==, 2);
  g_assert_cmpuint (count_findings (fixture, "declared-total"), ==, 1);
  position = find_finding (fixture, "declared-funder", -1, 0);
  g_assert_nonnull (strstr (finding_message (fixture, position), "73" NNBSP "000,00"));
  g_assert_nonnull (strstr (finding_message (fixture, position), "59" NNBSP "827,00"));
  g_assert_nonnull (strstr (finding_message (fixture, position), "13" NNBSP "173,00"));
  position = find_finding (fixture, "declared-funder", -1, 1);
  g_assert_nonnull (strstr (finding_message (fixture, position), "16" NNBSP "173,00"));
  position = find_finding (fixture, "declared-realisation", -1, ESS_FINDING_COLUMN_REALISATION);
  g_assert_nonnull (strstr (finding_message (fixture, position), "8" NNBSP "000,00"));
  position = find_finding (fixture, "declared-realisation", -1, ESS_FINDING_COLUMN_REALISATION_EXTERNAL);
  g_assert_nonnull (strstr (finding_message (fixture, position), "21" NNBSP "345,00"));
  position = find_finding (fixture, "declared-total", -1, ESS_FINDING_COLUMN_TOTAL);
  g_assert_nonnull (strstr (finding_message (fixture, position), "29" NNBSP "346,00"));

  /* The printed cells are marked, with the message as tooltip. */
  declared = ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_DECLARED, ESS_FUNDING_CELL_AMOUNT, 0);
  g_assert_true (gtk_widget_has_css_class (declared, "finding-error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (declared), "13" NNBSP "173,00"));
  g_assert_true (gtk_widget_has_css_class (ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_DECLARED,
                                                                      ESS_FUNDING_CELL_TOTAL, 0), "finding-error"));
  g_assert_false (gtk_widget_has_css_class (ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_AMOUNT, 0),
                                            "finding-error"));

  /* Activating a finding goes to its cell. */
  ess_funding_page_activate_finding (fixture->page, (guint) find_finding (fixture, "declared-total", -1,
                                                                          ESS_FINDING_COLUMN_TOTAL));
  ui_test_wait_frames (2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_DECLARED, ESS_FUNDING_CELL_TOTAL, 0));

  ui_test_save_screenshot (GTK_WIDGET (fixture->window), "funding-plan.png");
}

/* Typing an amount: totals follow each key, a finding appears, is fixed, disappears. */
static void
test_type_amounts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EssFundingPlan) saved = NULL;
  GtkWidget *cell;
  GtkWidget *realisation;
  gint64 events = history_count (fixture);
  int position;

  cell = type_in_cell (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 0, "12 000");
  /* As typed, before leaving the cell: 12 000 + 5 000 = 17 000; 140 545 + 2 000 = 142 545. */
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TOTAL, 0), ==, "17" NNBSP "000,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_AMOUNT, 0), ==, "61" NNBSP "827,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_TOTAL, 0), ==, "142" NNBSP "545,00");
  /* The row no longer splits: 17 000 against 10 800 + 4 200 = 15 000, 2 000 apart. */
  position = find_finding (fixture, "row-split", 0, ESS_FINDING_COLUMN_REALISATION);
  g_assert_cmpint (position, >=, 0);
  g_assert_nonnull (strstr (finding_message (fixture, position), "17" NNBSP "000,00"));
  g_assert_nonnull (strstr (finding_message (fixture, position), "15" NNBSP "000,00"));
  g_assert_nonnull (strstr (finding_message (fixture, position), "2" NNBSP "000,00"));
  realisation = ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_REALISATION, 1);
  g_assert_true (gtk_widget_has_css_class (realisation, "finding-error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (realisation), "2" NNBSP "000,00"));
  /* Nothing is written while the cell is being typed in. */
  saved = stored_plan (fixture);
  g_assert_cmpint (*ess_funding_plan_amount (saved, 0, 0, 0), ==, 1000000);
  g_clear_pointer (&saved, ess_funding_plan_free);

  /* Tab leaves the cell: the plan is written, with a trace in the history. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.next-cell", NULL);
  ui_test_wait_frames (2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_AMOUNT, 1));
  saved = stored_plan (fixture);
  g_assert_cmpint (*ess_funding_plan_amount (saved, 0, 0, 0), ==, 1200000);
  g_clear_pointer (&saved, ess_funding_plan_free);
  g_assert_cmpint (history_count (fixture), ==, events + 1);
  /* The history says it in French: 140 545 before, 142 545 after. */
  {
    g_autoptr(GPtrArray) history = ess_store_list_history (fixture->store, fixture->lille, NULL);
    g_autofree char *sentence = ess_history_page_describe_event (g_ptr_array_index (history, 0));

    g_assert_cmpstr (sentence, ==, "Plan de financement\xc2\xa0: 12 actions, total 140" NNBSP "545,00\xc2\xa0€ → "
                                   "12 actions, total 142" NNBSP "545,00\xc2\xa0€");
  }
  /* The cell shows the amount the French way. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "12" NNBSP "000,00");

  /* A text that is not an amount is marked with the reason and kept. */
  cell = type_in_cell (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 1, "5 000 euros");
  g_assert_true (gtk_widget_has_css_class (cell, "invalid"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "5 000 euros"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "5 000 euros");
  g_assert_cmpint (*ess_funding_plan_amount ((EssFundingPlan *) ess_funding_page_get_plan (fixture->page), 0, 1, 0),
                   ==, 500000);
  /* Escape puts the cell back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.cancel", NULL);
  ui_test_wait_frames (1);
  g_assert_false (gtk_widget_has_css_class (cell, "invalid"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "5" NNBSP "000,00");

  /* Enter goes down the column; Shift+Tab back along the row. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.cell-below", NULL);
  ui_test_wait_frames (1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_AMOUNT, 1));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.previous-cell", NULL);
  ui_test_wait_frames (1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_AMOUNT, 0));

  /* Fixing the split: 10 800 + 6 200,00 = 17 000, typed with a decimal comma. */
  type_in_cell (fixture, 0, ESS_FUNDING_CELL_REALISATION, 1, "6200,00");
  g_assert_cmpint (find_finding (fixture, "row-split", 0, ESS_FINDING_COLUMN_REALISATION), ==, -1);
  g_assert_false (gtk_widget_has_css_class (realisation, "finding-error"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.cell-below", NULL);
  ui_test_wait_frames (2);
  saved = stored_plan (fixture);
  g_assert_cmpint (((EssFundingAction *) g_ptr_array_index (saved->actions, 0))->realisation[1], ==, 620000);

  /* Ctrl+Z puts the previous plan back, in the database too. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.undo", NULL);
  ui_test_wait_frames (2);
  g_clear_pointer (&saved, ess_funding_plan_free);
  saved = stored_plan (fixture);
  g_assert_cmpint (((EssFundingAction *) g_ptr_array_index (saved->actions, 0))->realisation[1], ==, 420000);
  g_assert_cmpint (find_finding (fixture, "row-split", 0, ESS_FINDING_COLUMN_REALISATION), >=, 0);
}

static gboolean
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  state)
{
  GtkWidget *cell = ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_AXIS, 0);
  gboolean handled = FALSE;

  /* The page's key handler sits on the table, above the header and the body. */
  for (GtkWidget *w = cell; w != GTK_WIDGET (fixture->page); w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
          if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
              gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
        }
    }
  ui_test_wait_frames (2);
  return handled;
}

static GtkWidget *
focused (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

/* The keys of a spreadsheet, through the grid's key handler. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *cell;
  g_autoptr(EssFundingPlan) saved = NULL;

  cell = type_in_cell (fixture, 1, ESS_FUNDING_CELL_AMOUNT, 0, "6 000");
  /* Escape puts the value back, Enter goes down, Shift+Enter up. */
  g_assert_true (press_key (fixture, GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "5" NNBSP "000,00");
  g_assert_false (press_key (fixture, GDK_KEY_Escape, 0));
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  g_assert_true (focused (fixture) == ess_funding_page_get_cell (fixture->page, 2, ESS_FUNDING_CELL_AMOUNT, 0));
  g_assert_true (press_key (fixture, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_true (focused (fixture) == cell);
  /* Tab and Shift+Tab along the row; Tab at the row's end goes to the next row. */
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_true (focused (fixture) == ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_AMOUNT, 1));
  g_assert_true (press_key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (focused (fixture) == cell);
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_DECLARED, 0));
  ui_test_wait_frames (1);
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_true (focused (fixture) == ess_funding_page_get_cell (fixture->page, 2, ESS_FUNDING_CELL_AXIS, 0));

  /* Alt+Down moves the action; Ctrl+minus deletes it; Ctrl+Z puts it back. */
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_TITLE, 0));
  ui_test_wait_frames (1);
  g_assert_true (press_key (fixture, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (cell_text (fixture, 1, ESS_FUNDING_CELL_TITLE, 0), ==,
                   "Animer le réseau des acteurs de l'Economie Sociale et Solidaire");
  g_assert_true (focused (fixture) == ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_TITLE, 0));
  g_assert_true (press_key (fixture, GDK_KEY_minus, GDK_CONTROL_MASK));
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->actions->len, ==, 11);
  g_clear_pointer (&saved, ess_funding_plan_free);
  g_assert_true (press_key (fixture, GDK_KEY_z, GDK_CONTROL_MASK));
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->actions->len, ==, 12);
  g_assert_cmpstr (((EssFundingAction *) g_ptr_array_index (saved->actions, 1))->title, ==,
                   "Animer le réseau des acteurs de l'Economie Sociale et Solidaire");

  /* A realisation label is edited in its heading: typing replaces it. */
  {
    GtkWidget *heading = ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_HEADER,
                                                    ESS_FUNDING_CELL_REALISATION, 0);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (heading));

    gtk_widget_grab_focus (heading);
    ui_test_wait_frames (1);
    g_assert_true (gtk_text_buffer_get_has_selection (buffer));
    gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
    gtk_text_buffer_insert_at_cursor (buffer, "dont réalisation par la Ville", -1);
    g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
    g_assert_true (focused (fixture) == ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_REALISATION, 0));
    g_clear_pointer (&saved, ess_funding_plan_free);
    saved = stored_plan (fixture);
    g_assert_cmpstr (saved->realisation_labels[0], ==, "dont réalisation par la Ville");
  }

  /* Shift+Down selects a block, which Ctrl+C copies. */
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 2, ESS_FUNDING_CELL_AMOUNT, 0));
  ui_test_wait_frames (1);
  g_assert_true (press_key (fixture, GDK_KEY_Down, GDK_SHIFT_MASK));
  {
    g_autofree char *copied = ess_funding_page_copy_text (fixture->page);
    /* Rows 3 and 4 of annexe 2, Lille Métropole: 5 000 and 3 500. */
    g_assert_cmpstr (copied, ==, "5000,00\n3500,00\n");
  }
}

/* Blocks to and from a spreadsheet. */
static void
test_paste_and_copy (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssFundingPlan) saved = NULL;
  g_autofree char *copied = NULL;
  const EssFundingPlan *plan = ess_funding_page_get_plan (fixture->page);
  EssFundingAction *action;

  /* Two rows of Calc (merged axis cells copy as empty), pasted below the table. */
  ess_funding_page_get_cell (fixture->page, 11, ESS_FUNDING_CELL_AXIS, 0);
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 11, ESS_FUNDING_CELL_AXIS, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.insert-action", NULL);
  ui_test_wait_frames (2);
  g_assert_cmpuint (plan->actions->len, ==, 13);
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 12, ESS_FUNDING_CELL_AXIS, 0));
  ui_test_wait_frames (1);
  g_assert_true (ess_funding_page_paste_text (fixture->page,
                                              "Évaluation\t1\tMesurer l'impact\tÉtude\tCRESS\t1 000\t2 000,50\t3 000,50\t\t3000,50\n"
                                              "\t2\tRestituer\t\t\t500\t\t\t500\t500\n",
                                              &error));
  g_assert_no_error (error);
  ui_test_wait_frames (2);
  plan = ess_funding_page_get_plan (fixture->page);
  g_assert_cmpuint (plan->actions->len, ==, 14);
  g_assert_cmpstr (cell_text (fixture, 12, ESS_FUNDING_CELL_TOTAL, 0), ==, "3" NNBSP "000,50");
  g_assert_cmpstr (cell_text (fixture, 13, ESS_FUNDING_CELL_AXIS, 0), ==, "Évaluation");
  g_assert_cmpstr (cell_text (fixture, 13, ESS_FUNDING_CELL_TOTAL, 0), ==, "500,00");
  /* 140 545 + 3 000,50 + 500 = 144 045,50 */
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_TOTAL, 0), ==, "144" NNBSP "045,50");
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->actions->len, ==, 14);
  action = g_ptr_array_index (saved->actions, 12);
  g_assert_cmpint (action->amounts[1], ==, 200050);
  g_assert_true (action->has_declared_total);
  g_assert_cmpint (action->declared_total, ==, 300050);
  g_clear_pointer (&saved, ess_funding_plan_free);

  /* A block with a text where an amount goes changes nothing and says where. */
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_AMOUNT, 0));
  ui_test_wait_frames (1);
  g_assert_false (ess_funding_page_paste_text (fixture->page, "1 000\tbeaucoup\n", &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT);
  g_clear_error (&error);
  g_assert_cmpint (*ess_funding_plan_amount ((EssFundingPlan *) ess_funding_page_get_plan (fixture->page), 0, 0, 0),
                   ==, 1000000);

  /* Through the clipboard, as Ctrl+V does. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->page)), "11 000\t4 000\n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.paste", NULL);
  for (int i = 0; i < 20 && *ess_funding_plan_amount ((EssFundingPlan *) ess_funding_page_get_plan (fixture->page),
                                                      0, 0, 0) != 1100000; i++)
    ui_test_wait_frames (1);
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TOTAL, 0), ==, "15" NNBSP "000,00");
  g_assert_cmpint (*ess_funding_plan_amount ((EssFundingPlan *) ess_funding_page_get_plan (fixture->page), 0, 1, 0),
                   ==, 400000);

  /* A block of two rows and two funders copies as Calc pastes it. */
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_AMOUNT, 0));
  ui_test_wait_frames (1);
  ess_funding_page_select_to (fixture->page, 2, ESS_FUNDING_CELL_AMOUNT, 1);
  ui_test_wait_frames (1);
  g_assert_true (gtk_widget_has_css_class (ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_AMOUNT, 1),
                                           "block-selected"));
  copied = ess_funding_page_copy_text (fixture->page);
  g_assert_cmpstr (copied, ==, "5000,00\t8500,00\n5000,00\t0,00\n");
}

/* Rows moved and deleted, funders and years added. */
static void
test_structure (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EssFundingPlan) saved = NULL;

  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 2, ESS_FUNDING_CELL_TITLE, 0));
  ui_test_wait_frames (1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.move-up", NULL);
  ui_test_wait_frames (2);
  g_assert_cmpstr (cell_text (fixture, 1, ESS_FUNDING_CELL_TITLE, 0), ==, "Initier un projet de PTCE");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 ess_funding_page_get_cell (fixture->page, 1, ESS_FUNDING_CELL_TITLE, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.delete-action", NULL);
  ui_test_wait_frames (2);
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->actions->len, ==, 11);
  g_assert_cmpstr (((EssFundingAction *) g_ptr_array_index (saved->actions, 1))->title, ==,
                   "Accompagner la constitution de logiques mutualisées, d'espaces de travail partagés");
  /* 140 545 - 5 000 (the PTCE row) = 135 545 */
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_TOTAL, 0), ==, "135" NNBSP "545,00");

}

/* 60 rows, the most a plan has: pasted, typed in, scrolled to the end. */
static void
test_sixty_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *scroller;
  GtkAdjustment *vadjustment;
  gint64 start, pasted, typed;

  /* 48 rows of 100 + 200 = 300, split 300 / 0 and declared 300. */
  for (guint i = 0; i < 48; i++)
    g_string_append_printf (block, "Axe %u\t%u\tAction %u\t\t\t100\t200\t300\t\t300\n", i / 12 + 5, i % 12 + 1, i);
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 11, ESS_FUNDING_CELL_AXIS, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.insert-action", NULL);
  ui_test_wait_frames (1);
  gtk_widget_grab_focus (ess_funding_page_get_cell (fixture->page, 12, ESS_FUNDING_CELL_AXIS, 0));
  start = g_get_monotonic_time ();
  g_assert_true (ess_funding_page_paste_text (fixture->page, block->str, &error));
  g_assert_no_error (error);
  pasted = g_get_monotonic_time () - start;
  ui_test_wait_frames (3);
  g_assert_cmpuint (ess_funding_page_get_plan (fixture->page)->actions->len, ==, 60);
  /* 140 545 + 48 x 300 = 154 945 */
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_TOTAL, 0), ==, "154" NNBSP "945,00");

  /* One key typed: the totals, findings and marks of 60 rows are redone. */
  type_in_cell (fixture, 59, ESS_FUNDING_CELL_AMOUNT, 1, "1 20");
  {
    GtkEditable *cell = GTK_EDITABLE (ess_funding_page_get_cell (fixture->page, 59, ESS_FUNDING_CELL_AMOUNT, 1));
    int position = (int) g_utf8_strlen (gtk_editable_get_text (cell), -1);

    start = g_get_monotonic_time ();
    gtk_editable_insert_text (cell, "0", -1, &position);
    typed = g_get_monotonic_time () - start;
  }
  g_assert_cmpstr (cell_text (fixture, 59, ESS_FUNDING_CELL_TOTAL, 0), ==, "1" NNBSP "300,00");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_TOTAL, 0), ==, "155" NNBSP "945,00");
  g_assert_cmpint (find_finding (fixture, "row-split", 59, ESS_FINDING_COLUMN_REALISATION), >=, 0);
  g_test_message ("60 rows: paste and rebuild %" G_GINT64_FORMAT " ms, one typed cell %" G_GINT64_FORMAT " ms",
                  pasted / 1000, typed / 1000);
  /* Generous bounds on a shared machine; the figures are in the log. */
  g_assert_cmpint (pasted, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (typed, <, G_USEC_PER_SEC);

  /* The last rows are reached by scrolling, and the focus follows Enter. */
  scroller = gtk_widget_get_ancestor (ess_funding_page_get_cell (fixture->page, 59, ESS_FUNDING_CELL_AMOUNT, 1),
                                      GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  ui_test_wait_frames (5);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.cell-below", NULL);
  ui_test_wait_frames (2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_DECLARED, ESS_FUNDING_CELL_AMOUNT, 1));
  /* The focused cell stays in view. */
  {
    graphene_rect_t bounds;
    GtkWidget *declared = ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_DECLARED, ESS_FUNDING_CELL_AMOUNT, 1);

    g_assert_true (gtk_widget_compute_bounds (declared, gtk_widget_get_parent (declared), &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, gtk_adjustment_get_value (vadjustment));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                       gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment));
  }
  /* The header stays in view while the rows scroll. */
  {
    graphene_rect_t bounds;
    GtkWidget *heading = ess_funding_page_get_cell (fixture->page, ESS_FUNDING_ROW_HEADER, ESS_FUNDING_CELL_AMOUNT, 1);

    g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 500);
    g_assert_true (gtk_widget_compute_bounds (heading, GTK_WIDGET (fixture->page), &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y, <, 200);
  }
  ui_test_save_screenshot (GTK_WIDGET (fixture->window), "funding-sixty-rows.png");

  /* Going through the list rebuilds the grid of the dossier shown. */
  {
    gint64 other = ess_store_find_dossier (fixture->store, "APT-2013-001", NULL);
    EssDossierBrowser *browser = ess_window_get_browser (fixture->window);

    start = g_get_monotonic_time ();
    ess_dossier_browser_select_id (browser, other);
    ui_test_wait_frames (1);
    pasted = g_get_monotonic_time () - start;
    start = g_get_monotonic_time ();
    ess_dossier_browser_select_id (browser, fixture->lille);
    ui_test_wait_frames (1);
    typed = g_get_monotonic_time () - start;
    g_test_message ("switching dossiers: to an empty plan %" G_GINT64_FORMAT " ms, back to 60 rows %" G_GINT64_FORMAT " ms",
                    pasted / 1000, typed / 1000);
    g_assert_cmpuint (ess_funding_page_get_plan (fixture->page)->actions->len, ==, 60);

    /* With another tab shown, the grid waits until the plan is shown. */
    ess_dossier_editor_show_page (fixture->editor, ESS_EDITOR_PAGE_DOSSIER);
    ui_test_wait_frames (2);
    start = g_get_monotonic_time ();
    ess_dossier_browser_select_id (browser, other);
    ui_test_wait_frames (1);
    ess_dossier_browser_select_id (browser, fixture->lille);
    ui_test_wait_frames (1);
    g_test_message ("switching twice with the plan hidden: %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - start) / 1000);
    ess_dossier_editor_show_page (fixture->editor, ESS_EDITOR_PAGE_FUNDING);
    ui_test_wait_frames (2);
    g_assert_cmpstr (cell_text (fixture, 59, ESS_FUNDING_CELL_TOTAL, 0), ==, "1" NNBSP "300,00");
  }
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && !GTK_IS_MENU_BUTTON (child) &&
          ((label && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0) ||
           (tooltip && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)))
        return child;
      found = find_button (child, label, tooltip);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_spin (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SPIN_BUTTON (child))
        return child;
      found = find_spin (child);
      if (found)
        return found;
    }
  return NULL;
}

/* Funders from the reference list, a year more, and the CSV file. */
static void
test_funders_years_export (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EssFundingPlan) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  GtkWidget *button, *spin;
  const EssFundingPlan *plan;

  /* The file a spreadsheet opens: BOM, ';', decimal comma, one header line. */
  path = g_build_filename (fixture->dir, "plan.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (ess_funding_page_export (fixture->page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Axe;N°;Action;Lille Métropole (2013);Ville de Lille (2013);"
                                        "dont réalisation Ville de Lille;dont réalisation opérateur externe;"
                                        "Total;Total déclaré\n"
                                        "Animation Territoriale;1;Animer le réseau des acteurs de l'Economie Sociale "
                                        "et Solidaire;10000,00;5000,00;10800,00;4200,00;15000,00;15000,00\n"));
  g_assert_nonnull (strstr (csv, "\nTotal;;;59827,00;80718,00;61300,00;79245,00;140545,00;169891,00\n"));
  g_unlink (path);

  /* Région, from the reference funders of the Funders menu. */
  button = find_button (GTK_WIDGET (fixture->page), "Région", NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_test_wait_frames (2);
  plan = ess_funding_page_get_plan (fixture->page);
  g_assert_cmpuint (plan->funders->len, ==, 3);
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_HEADER, ESS_FUNDING_CELL_AMOUNT, 2), ==, "Région");
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->funders->len, ==, 3);
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (saved->funders, 2))->kind, ==, "region");
  g_clear_pointer (&saved, ess_funding_plan_free);
  /* Its cells take amounts at once: 15 000 + 1 000 = 16 000 on row 1. */
  type_in_cell (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 2, "1000");
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TOTAL, 0), ==, "16" NNBSP "000,00");

  /* A second year: each funder gets a column for 2014. */
  spin = find_spin (GTK_WIDGET (fixture->page));
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2014);
  button = gtk_widget_get_next_sibling (spin);
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  ui_test_wait_frames (2);
  plan = ess_funding_page_get_plan (fixture->page);
  g_assert_cmpuint (plan->years->len, ==, 2);
  /* Funder-major: Lille Métropole 2013, 2014, Ville de Lille 2013, 2014... */
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 0), ==, "10" NNBSP "000,00");
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 1), ==, "");
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 2), ==, "5" NNBSP "000,00");
  type_in_cell (fixture, 0, ESS_FUNDING_CELL_AMOUNT, 1, "2 500");
  g_assert_cmpstr (cell_text (fixture, ESS_FUNDING_ROW_TOTAL, ESS_FUNDING_CELL_AMOUNT, 1), ==, "2" NNBSP "500,00");
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TOTAL, 0), ==, "18" NNBSP "500,00");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "funding.next-cell", NULL);
  ui_test_wait_frames (2);
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->years->len, ==, 2);
  g_assert_cmpint (*ess_funding_plan_amount (saved, 0, 0, 1), ==, 250000);
  g_clear_pointer (&saved, ess_funding_plan_free);

  /* Removing Région takes its amounts away. */
  button = find_button (GTK_WIDGET (fixture->page), NULL, "Retirer Région et ses montants");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_test_wait_frames (2);
  saved = stored_plan (fixture);
  g_assert_cmpuint (saved->funders->len, ==, 2);
  g_assert_cmpstr (cell_text (fixture, 0, ESS_FUNDING_CELL_TOTAL, 0), ==, "17" NNBSP "500,00");
}

/* A dossier in the trash is shown, not edited. */
static void
test_trash_read_only (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *cell;

  g_assert_true (ess_store_trash_dossiers (fixture->store, &fixture->lille, 1, &error));
  g_assert_no_error (error);
  ui_test_wait_frames (3);
  cell = ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_AMOUNT, 0);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (cell)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "10" NNBSP "000,00");
  g_assert_false (ess_funding_page_paste_text (fixture->page, "1\t2\n", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (fixture->page), NULL,
                                                        "Insérer une action sous l’action courante (Ctrl++)")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (ess_budget_page_get_entry (
    ess_dossier_editor_get_budget_page (fixture->editor), 0, FALSE))));

  /* Back from the trash, it can be edited again. */
  g_assert_true (ess_store_restore_dossiers (fixture->store, &fixture->lille, 1, &error));
  ui_test_wait_frames (3);
  cell = ess_funding_page_get_cell (fixture->page, 0, ESS_FUNDING_CELL_AMOUNT, 0);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (cell)));
}

/* The Cerfa budget: forecast, actual, gap, balance. */
static void
test_budget (Fixture       *fixture,
             gconstpointer  data)
{
  EssBudgetPage *page = ess_dossier_editor_get_budget_page (fixture->editor);
  const EssBudget *budget;
  guint achats = G_MAXUINT, commune = G_MAXUINT;
  GtkWidget *entry;
  g_autoptr(EssBudget) saved = NULL;

  ess_dossier_editor_show_page (fixture->editor, ESS_EDITOR_PAGE_BUDGET);
  ui_test_wait_frames (5);
  budget = ess_budget_page_get_budget (page);
  for (guint i = 0; i < budget->lines->len; i++)
    {
      EssBudgetLine *line = g_ptr_array_index (budget->lines, i);
      if (g_str_equal (line->code, "60"))
        achats = i;
      if (g_strcmp0 (line->funder_kind, "commune") == 0)
        commune = i;
    }
  g_assert_cmpuint (achats, <, budget->lines->len);
  g_assert_cmpuint (commune, <, budget->lines->len);

  entry = ess_budget_page_get_entry (page, achats, FALSE);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "10 000");
  ui_test_wait_frames (1);
  g_assert_cmpstr (label_text (ess_budget_page_get_label (page, "charges", 0, FALSE)), ==, "10" NNBSP "000,00");
  /* Charges 10 000 against products 0: not balanced. */
  g_assert_cmpuint (ess_budget_page_get_findings (page)->len, >=, 1);
  g_assert_cmpstr (((EssFinding *) g_ptr_array_index (ess_budget_page_get_findings (page), 0))->code, ==,
                   "budget-balance");

  entry = ess_budget_page_get_entry (page, commune, FALSE);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "10000");
  ui_test_wait_frames (1);
  g_assert_cmpstr (label_text (ess_budget_page_get_label (page, "products", 0, FALSE)), ==, "10" NNBSP "000,00");
  for (guint i = 0; i < ess_budget_page_get_findings (page)->len; i++)
    g_assert_cmpstr (((EssFinding *) g_ptr_array_index (ess_budget_page_get_findings (page), i))->code, !=,
                     "budget-balance");

  /* The report: 12 000 actually spent on line 60, 2 000 (+20 %) more than forecast. */
  entry = ess_budget_page_get_entry (page, achats, TRUE);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "12 000");
  ui_test_wait_frames (1);
  g_assert_cmpstr (label_text (ess_budget_page_get_label (page, "gap", achats, FALSE)), ==, "+2" NNBSP "000,00");
  g_assert_cmpstr (label_text (ess_budget_page_get_label (page, "gap-percent", achats, FALSE)), ==,
                   "+20,0\xc2\xa0%");

  /* Leaving the cell writes the budget. */
  gtk_widget_grab_focus (ess_budget_page_get_entry (page, achats, FALSE));
  ui_test_wait_frames (2);
  saved = ess_store_load_budget (fixture->store, fixture->lille, NULL);
  g_assert_cmpint (((EssBudgetLine *) g_ptr_array_index (saved->lines, achats))->forecast_cents, ==, 1000000);
  g_assert_cmpint (((EssBudgetLine *) g_ptr_array_index (saved->lines, achats))->actual_cents, ==, 1200000);
  ui_test_save_screenshot (GTK_WIDGET (fixture->window), "funding-budget.png");

  /* Its CSV file: line 60, forecast 10 000, actual 12 000, gap 2 000 (20 %). */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "budget.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *csv = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (ess_budget_page_export (page, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Compte;Libellé;Nature;Prévisionnel;Réalisé;Écart;Écart (%)\n"));
    g_assert_nonnull (strstr (csv, "\n60;Achats;Charges;10000,00;12000,00;2000,00;20,00\n"));
    g_unlink (path);
  }
}

/* Envelopes: APT 2012 holds Lille's 146 000 against 110 000. */
static void
test_envelopes (Fixture       *fixture,
                gconstpointer  data)
{
  EssEnvelopesDialog *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;
  GtkWidget *entry;
  GtkWidget *consumption;

  /* From the primary menu. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.envelopes", NULL);
  ui_test_wait_frames (10);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ESS_IS_ENVELOPES_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

  entry = ess_envelopes_dialog_get_entry (dialog, "APT", 2012);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "110" NNBSP "000,00");
  g_assert_cmpstr (label_text (ess_envelopes_dialog_get_label (dialog, "APT", 2012, "granted")), ==,
                   "146" NNBSP "000,00");
  /* 110 000 - 146 000 = -36 000; 146 / 110 = 132,7 % */
  g_assert_cmpstr (label_text (ess_envelopes_dialog_get_label (dialog, "APT", 2012, "remaining")), ==,
                   "-36" NNBSP "000,00");
  consumption = ess_envelopes_dialog_get_label (dialog, "APT", 2012, "consumption");
  g_assert_cmpstr (label_text (consumption), ==, "132,7\xc2\xa0%");
  g_assert_true (gtk_widget_has_css_class (consumption, "error"));
  /* 2013: 5 933 + 15 000 + 4 730 = 25 663, 23,3 % of 110 000 */
  g_assert_cmpstr (label_text (ess_envelopes_dialog_get_label (dialog, "APT", 2013, "granted")), ==,
                   "25" NNBSP "663,00");
  g_assert_cmpstr (label_text (ess_envelopes_dialog_get_label (dialog, "APT", 2013, "consumption")), ==,
                   "23,3\xc2\xa0%");
  g_assert_false (gtk_widget_has_css_class (ess_envelopes_dialog_get_label (dialog, "APT", 2013, "consumption"),
                                            "error"));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "funding-envelopes.png");

  /* Raising the 2012 envelope to 150 000 ends the over-consumption: 97,3 %. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "150 000");
  g_signal_emit_by_name (entry, "activate");
  ui_test_wait_frames (3);
  consumption = ess_envelopes_dialog_get_label (dialog, "APT", 2012, "consumption");
  g_assert_cmpstr (label_text (consumption), ==, "97,3\xc2\xa0%");
  g_assert_false (gtk_widget_has_css_class (consumption, "error"));

  /* Not an amount: refused, marked, nothing written. */
  entry = ess_envelopes_dialog_get_entry (dialog, "APT", 2013);
  gtk_editable_set_text (GTK_EDITABLE (entry), "beaucoup");
  g_signal_emit_by_name (entry, "activate");
  ui_test_wait_frames (2);
  g_assert_true (gtk_widget_has_css_class (entry, "invalid"));
  g_assert_cmpstr (label_text (ess_envelopes_dialog_get_label (dialog, "APT", 2013, "consumption")), ==,
                   "23,3\xc2\xa0%");

  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_wait_frames (2);
}

/* The remove buttons of the years menu of @plan: how many, how many sensitive. */
static void
count_year_buttons (EssFundingPlan *plan,
                    guint          *n,
                    guint          *sensitive)
{
  EssYearsPopover *popover = g_object_ref_sink (ess_years_popover_new ());
  GtkWidget *child = GTK_WIDGET (popover);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  ess_years_popover_set_plan (popover, plan, 2024);
  *n = *sensitive = 0;
  g_ptr_array_add (stack, child);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "user-trash-symbolic") == 0)
        {
          (*n)++;
          *sensitive += gtk_widget_get_sensitive (widget);
        }
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_object_unref (popover);
}

/* A plan with funders keeps one year: their amounts have nowhere else to go. */
static void
test_last_year_stays (void)
{
  g_autoptr(EssFundingPlan) plan = ess_funding_plan_new ();
  guint n, sensitive;

  ess_funding_plan_add_year (plan, 2024);
  count_year_buttons (plan, &n, &sensitive);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (sensitive, ==, 1);

  ess_funding_plan_add_funder (plan, "Lille Métropole", "metropole");
  count_year_buttons (plan, &n, &sensitive);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (sensitive, ==, 0);

  ess_funding_plan_add_year (plan, 2025);
  count_year_buttons (plan, &n, &sensitive);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (sensitive, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ESS_LOCALEDIR") ? g_getenv ("ESS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/funding/lille-plan", Fixture, NULL, fixture_set_up, test_lille_plan, fixture_tear_down);
  g_test_add ("/funding/type-amounts", Fixture, NULL, fixture_set_up, test_type_amounts, fixture_tear_down);
  g_test_add ("/funding/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/funding/paste-and-copy", Fixture, NULL, fixture_set_up, test_paste_and_copy, fixture_tear_down);
  g_test_add ("/funding/structure", Fixture, NULL, fixture_set_up, test_structure, fixture_tear_down);
  g_test_add ("/funding/sixty-rows", Fixture, NULL, fixture_set_up, test_sixty_rows, fixture_tear_down);
  g_test_add_func ("/funding/last-year-stays", test_last_year_stays);
  g_test_add ("/funding/funders-years-export", Fixture, NULL, fixture_set_up, test_funders_years_export,
              fixture_tear_down);
  g_test_add ("/funding/trash-read-only", Fixture, NULL, fixture_set_up, test_trash_read_only, fixture_tear_down);
  g_test_add ("/funding/budget", Fixture, NULL, fixture_set_up, test_budget, fixture_tear_down);
  g_test_add ("/funding/envelopes", Fixture, NULL, fixture_set_up, test_envelopes, fixture_tear_down);

  return g_test_run ();
}
