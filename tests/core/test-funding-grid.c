/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the funding plan as a grid: its columns, what each cell shows, and typed text written into the plan. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-funding-grid.h"

/* French money: U+202F between groups. */
#define S "\u202f"

/* The first two rows of seed 002's annexe 2, over 2013 and 2014 so that
 * a funder spans two columns: Lille Métropole 10 000 (2013) and 1 000
 * (2014), Ville de Lille 5 000 (2013); realisation 10 800 by the town
 * and 4 200 by external operators; printed total 15 000. Row 2: Lille
 * Métropole 5 000 (2013), Ville de Lille 8 500 (2014). */
static EssFundingPlan *
two_rows (void)
{
  EssFundingPlan *plan = ess_funding_plan_new ();
  EssFundingAction *action;

  ess_funding_plan_add_funder (plan, "Lille Métropole", "metropole");
  ess_funding_plan_add_funder (plan, "Ville de Lille", "commune");
  ess_funding_plan_add_year (plan, 2013);
  ess_funding_plan_add_year (plan, 2014);
  action = ess_funding_plan_insert_action (plan, 0);
  g_free (action->axis);
  action->axis = g_strdup ("Animation Territoriale");
  g_free (action->number);
  action->number = g_strdup ("1");
  g_free (action->title);
  action->title = g_strdup ("Animer le réseau");
  *ess_funding_plan_amount (plan, 0, 0, 0) = 1000000;
  *ess_funding_plan_amount (plan, 0, 0, 1) = 100000;
  *ess_funding_plan_amount (plan, 0, 1, 0) = 500000;
  action->realisation[0] = 1080000;
  action->realisation[1] = 420000;
  action->has_declared_total = TRUE;
  action->declared_total = 1500000;
  ess_funding_plan_insert_action (plan, 1);
  *ess_funding_plan_amount (plan, 1, 0, 0) = 500000;
  *ess_funding_plan_amount (plan, 1, 1, 1) = 850000;
  return plan;
}

/* 5 text columns, 2 funders x 2 years from column 5, then 9 and 10 for
 * the realisation, 11 the TOTAL, 12 the declared total. */
static void
test_columns (void)
{
  g_autoptr(EssFundingPlan) plan = two_rows ();
  g_autoptr(EssFundingPlan) empty = ess_funding_plan_new ();

  g_assert_cmpuint (ess_funding_grid_col_realisation (plan, 0), ==, 9);
  g_assert_cmpuint (ess_funding_grid_col_realisation (plan, 1), ==, 10);
  g_assert_cmpuint (ess_funding_grid_col_total (plan), ==, 11);
  g_assert_cmpuint (ess_funding_grid_col_declared (plan), ==, 12);
  /* No funder: the realisation follows the texts. */
  g_assert_cmpuint (ess_funding_grid_col_realisation (empty, 0), ==, 5);
  g_assert_cmpuint (ess_funding_grid_col_declared (empty), ==, 8);
}

static void
assert_text (const EssFundingPlan *plan,
             int                   row,
             guint                 col,
             const char           *expected)
{
  g_autofree char *text = ess_funding_grid_cell_text (plan, row, col);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_total (const EssFundingPlan *plan,
              int                   row,
              guint                 col,
              const char           *expected)
{
  g_autofree char *text = ess_funding_grid_total_text (plan, row, col);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_cell_text (void)
{
  g_autoptr(EssFundingPlan) plan = two_rows ();

  /* The header: a funder over its two years, then the realisation labels. */
  assert_text (plan, ESS_FUNDING_ROW_HEADER, 5, "Lille Métropole");
  assert_text (plan, ESS_FUNDING_ROW_HEADER, 7, "Ville de Lille");
  assert_text (plan, ESS_FUNDING_ROW_HEADER, 9, plan->realisation_labels[0]);
  assert_text (plan, ESS_FUNDING_ROW_HEADER, 10, plan->realisation_labels[1]);
  /* An action: its texts, "" for none, its amounts, "" for 0. */
  assert_text (plan, 0, ESS_PLAN_PASTE_AXIS, "Animation Territoriale");
  assert_text (plan, 0, ESS_PLAN_PASTE_TITLE, "Animer le réseau");
  assert_text (plan, 0, ESS_PLAN_PASTE_PARTNERS, "");
  assert_text (plan, 0, 5, "10" S "000,00");
  assert_text (plan, 0, 6, "1" S "000,00");
  assert_text (plan, 0, 7, "5" S "000,00");
  assert_text (plan, 0, 8, "");
  assert_text (plan, 0, 9, "10" S "800,00");
  assert_text (plan, 0, 10, "4" S "200,00");
  assert_text (plan, 0, 12, "15" S "000,00");
  assert_text (plan, 1, 12, "");
  /* Nothing declared yet. */
  assert_text (plan, ESS_FUNDING_ROW_DECLARED, 5, "");
  assert_text (plan, ESS_FUNDING_ROW_DECLARED, 11, "");
}

/* By hand: row 1 10 000 + 1 000 + 5 000 = 16 000; row 2 5 000 + 8 500 =
 * 13 500; Lille Métropole 2013 10 000 + 5 000 = 15 000; Ville de Lille
 * 2014 8 500; town's realisation 10 800; overall 29 500. */
static void
test_totals (void)
{
  g_autoptr(EssFundingPlan) plan = two_rows ();
  g_autoptr(EssFundingPlan) huge = two_rows ();

  assert_total (plan, 0, 11, "16" S "000,00");
  assert_total (plan, 1, 11, "13" S "500,00");
  assert_total (plan, ESS_FUNDING_ROW_TOTAL, 5, "15" S "000,00");
  assert_total (plan, ESS_FUNDING_ROW_TOTAL, 6, "1" S "000,00");
  assert_total (plan, ESS_FUNDING_ROW_TOTAL, 8, "8" S "500,00");
  assert_total (plan, ESS_FUNDING_ROW_TOTAL, 9, "10" S "800,00");
  assert_total (plan, ESS_FUNDING_ROW_TOTAL, 11, "29" S "500,00");

  /* Too large to be added up: said, not wrapped around. */
  *ess_funding_plan_amount (huge, 1, 0, 0) = G_MAXINT64;
  assert_total (huge, ESS_FUNDING_ROW_TOTAL, 5, _("overflow"));
  assert_total (huge, 1, 11, _("overflow"));
  assert_total (huge, ESS_FUNDING_ROW_TOTAL, 7, "5" S "000,00");
}

static void
test_set_text (void)
{
  g_autoptr(EssFundingPlan) plan = two_rows ();
  g_autoptr(EssFundingPlan) before = NULL;
  g_autofree char *message = NULL;

  /* Amounts the French way; empty is 0. */
  g_assert_null (ess_funding_grid_set_text (plan, 0, 5, " 12 500,50 "));
  g_assert_cmpint (*ess_funding_plan_amount (plan, 0, 0, 0), ==, 1250050);
  g_assert_null (ess_funding_grid_set_text (plan, 0, 6, ""));
  g_assert_cmpint (*ess_funding_plan_amount (plan, 0, 0, 1), ==, 0);
  g_assert_null (ess_funding_grid_set_text (plan, 1, 10, "3000"));
  g_assert_cmpint (((EssFundingAction *) g_ptr_array_index (plan->actions, 1))->realisation[1], ==, 300000);
  /* Texts are kept stripped. */
  g_assert_null (ess_funding_grid_set_text (plan, 1, ESS_PLAN_PASTE_NUMBER, " 2 "));
  g_assert_cmpstr (((EssFundingAction *) g_ptr_array_index (plan->actions, 1))->number, ==, "2");

  /* Declared totals: set, then removed by an empty cell. */
  g_assert_null (ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_DECLARED, 7, "13 500"));
  g_assert_true (g_array_index (plan->has_declared_funder, gboolean, 1));
  g_assert_cmpint (g_array_index (plan->declared_funder, gint64, 1), ==, 1350000);
  g_assert_null (ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_DECLARED, 11, "29 500"));
  g_assert_true (plan->has_declared_overall);
  g_assert_cmpint (plan->declared_overall, ==, 2950000);
  g_assert_null (ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_DECLARED, 11, " "));
  g_assert_false (plan->has_declared_overall);
  g_assert_null (ess_funding_grid_set_text (plan, 0, 12, ""));
  g_assert_false (((EssFundingAction *) g_ptr_array_index (plan->actions, 0))->has_declared_total);

  /* Headings: a name on one line. */
  g_assert_null (ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_HEADER, 7, "Ville\nde Lille "));
  g_assert_cmpstr (((EssFunder *) g_ptr_array_index (plan->funders, 1))->name, ==, "Ville de Lille");
  g_assert_null (ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_HEADER, 10, "Opérateurs"));
  g_assert_cmpstr (plan->realisation_labels[1], ==, "Opérateurs");

  /* Refused, with the plan unchanged: a negative amount, a word, a heading without a name. */
  before = ess_funding_plan_copy (plan);
  message = ess_funding_grid_set_text (plan, 0, 5, "-3");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "-3"));
  g_clear_pointer (&message, g_free);
  message = ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_DECLARED, 5, "beaucoup");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  message = ess_funding_grid_set_text (plan, ESS_FUNDING_ROW_HEADER, 5, " \t ");
  g_assert_nonnull (message);
  g_assert_true (ess_funding_plan_equal (plan, before));
}

/* The clipboard: places from the top, 13 grid columns onto the 12 of a
 * paste (the computed total has none), blocks of actions only. */
static void
test_clipboard (void)
{
  g_autoptr(EssFundingPlan) plan = two_rows ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tsv = NULL;
  guint action = 99, column = 99;

  g_assert_cmpint (ess_funding_grid_place (plan, ESS_FUNDING_ROW_HEADER), ==, 0);
  g_assert_cmpint (ess_funding_grid_place (plan, 0), ==, 1);
  g_assert_cmpint (ess_funding_grid_place (plan, 1), ==, 2);
  g_assert_cmpint (ess_funding_grid_place (plan, ESS_FUNDING_ROW_TOTAL), ==, 3);
  g_assert_cmpint (ess_funding_grid_place (plan, ESS_FUNDING_ROW_DECLARED), ==, 4);
  g_assert_cmpuint (ess_funding_grid_paste_column (plan, 10), ==, 10);
  g_assert_cmpuint (ess_funding_grid_paste_column (plan, 11), ==, 11);
  g_assert_cmpuint (ess_funding_grid_paste_column (plan, 12), ==, 11);

  /* Amounts as a French spreadsheet reads them; 0 is written. */
  tsv = ess_funding_grid_block_to_tsv (plan, 1, 2, 5, 6);
  g_assert_cmpstr (tsv, ==, "10000,00\t1000,00\n5000,00\t0,00\n");
  g_clear_pointer (&tsv, g_free);
  tsv = ess_funding_grid_block_to_tsv (plan, 1, 1, ESS_PLAN_PASTE_TITLE, ESS_PLAN_PASTE_DESCRIPTION);
  g_assert_cmpstr (tsv, ==, "Animer le réseau\t\n");
  g_clear_pointer (&tsv, g_free);
  /* From the header to the declared totals, TOTAL to declared: the
   * actions' declared totals only, 15 000 and none. */
  tsv = ess_funding_grid_block_to_tsv (plan, 0, 4, 11, 12);
  g_assert_cmpstr (tsv, ==, "15000,00\n\n");
  g_clear_pointer (&tsv, g_free);
  g_assert_null (ess_funding_grid_block_to_tsv (plan, 3, 4, 5, 8));
  g_assert_null (ess_funding_grid_block_to_tsv (plan, 0, 0, 5, 8));

  /* A paste starts in an action's typed cell, its declared total included. */
  g_assert_true (ess_funding_grid_paste_origin (plan, 0, ESS_PLAN_PASTE_AXIS, &action, &column, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (action, ==, 0);
  g_assert_cmpuint (column, ==, 0);
  g_assert_true (ess_funding_grid_paste_origin (plan, 1, 12, &action, &column, &error));
  g_assert_cmpuint (action, ==, 1);
  g_assert_cmpuint (column, ==, 11);
  g_assert_false (ess_funding_grid_paste_origin (plan, 1, 11, &action, &column, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_SHAPE);
  g_clear_error (&error);
  g_assert_false (ess_funding_grid_paste_origin (plan, ESS_FUNDING_ROW_HEADER, 5, &action, &column, &error));
  g_clear_error (&error);
  g_assert_false (ess_funding_grid_paste_origin (plan, ESS_FUNDING_ROW_TOTAL, 5, &action, &column, &error));
  g_clear_error (&error);
  g_assert_false (ess_funding_grid_paste_origin (plan, ESS_FUNDING_ROW_DECLARED, 12, &action, &column, &error));
  g_assert_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_SHAPE);
  /* Refused: nothing said of where. */
  g_assert_cmpuint (action, ==, 1);
  g_assert_cmpuint (column, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/funding-grid/columns", test_columns);
  g_test_add_func ("/funding-grid/cell-text", test_cell_text);
  g_test_add_func ("/funding-grid/totals", test_totals);
  g_test_add_func ("/funding-grid/set-text", test_set_text);
  g_test_add_func ("/funding-grid/clipboard", test_clipboard);

  return g_test_run ();
}
