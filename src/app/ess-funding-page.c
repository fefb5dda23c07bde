/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Plan de financement" tab: the funding plan as a spreadsheet, and the findings of the dossier. */

/* The grid is a GtkGrid of GtkText cells rather than a GtkColumnView: a
 * plan has 12 to 60 rows and a dozen columns, so every cell can be a real
 * widget that keeps its focus, its typed text and its error while the
 * totals change; GTK 4.8's column view has no cell focus (4.12), recycles
 * its row widgets under the text being typed and has a scrolling bug
 * fixed in 4.10.1. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-findings-panel.h"
#include "ess-funding-popovers.h"
#include "ess-funding-page.h"
#include "ess-money.h"
#include "ess-scroll.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"

#define N_TEXT_COLUMNS   ESS_PLAN_PASTE_FIRST_AMOUNT
#define UNDO_DEPTH       50

typedef struct
{
  EssFundingPage *page;
  int             row;      /* an action, or ESS_FUNDING_ROW_* */
  guint           col;      /* grid column */
  GtkWidget      *widget;   /* GtkText when editable, GtkLabel when computed */
  gboolean        editable;
  char           *error;    /* why the typed text was refused */
  char           *finding;  /* messages of the findings on this cell */
} Cell;

struct _EssFundingPage
{
  GtkWidget          parent_instance;

  EssStore          *store;
  gint64             dossier_id;
  char              *reference;
  int                year;            /* the dossier's, the first year of a new plan */
  gboolean           read_only;
  EssFundingContext  context;

  EssFundingPlan    *plan;            /* as edited */
  EssFundingPlan    *stored;          /* as in the database */
  GPtrArray         *undo;            /* EssFundingPlan: what the plan was before each save */
  GPtrArray         *findings;        /* the panel's: EssFinding */
  GPtrArray         *other_findings;  /* of the store, not of the plan: budget, envelope, de minimis */

  GPtrArray         *cells;           /* Cell, owned */
  Cell             **matrix;          /* n_mrows x n_cols, a spanning cell fills each of its places */
  guint              n_mrows;
  guint              n_cols;
  Cell              *focus;
  char              *focus_origin;    /* the cell's value when it got the focus, for Escape */
  int                anchor_m;        /* corner of the selected block, -1: none */
  int                anchor_c;
  gboolean           extending;
  gboolean           setting;         /* text set by the page, not typed */
  gboolean           rebuilding;
  gboolean           writing;
  /* The grid shows another plan: it is rebuilt when the page is shown,
   * not for each dossier the list goes through. */
  gboolean           stale;
  GtkRoot           *root;
  gulong             focus_handler;

  GPtrArray         *size_groups;     /* GtkSizeGroup per column: the header and the body line up */

  GtkWidget         *content;
  GtkWidget         *table;
  GtkGrid           *header_grid;
  GtkWidget         *table_scroller;
  GtkGrid           *grid;
  GtkWidget         *scroller;
  GtkLabel          *year_totals_label;
  GtkLabel          *status_label;
  GtkBox            *body;
  EssFindingsPanel  *findings_panel;
  GtkMenuButton     *funders_button;
  GtkMenuButton     *years_button;
  EssFundersPopover *funders_popover;
  EssYearsPopover   *years_popover;
};

G_DEFINE_FINAL_TYPE (EssFundingPage, ess_funding_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_BUDGET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_grid      (EssFundingPage *self);
static void rebuild_popovers  (EssFundingPage *self);
static void refresh_computed  (EssFundingPage *self);
static void refresh_findings  (EssFundingPage *self);
static void focus_cell        (EssFundingPage *self,
                               Cell           *cell);

/* The text of an editable cell: a GtkText in the body, a GtkTextView
 * in the header, where a funder's name or a realisation label wraps. */
static char *
cell_get_text (Cell *cell)
{
  if (GTK_IS_TEXT_VIEW (cell->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell->widget)));
}

static void
cell_put_text (Cell       *cell,
               const char *text)
{
  if (GTK_IS_TEXT_VIEW (cell->widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell->widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (cell->widget), text);
}

static void
cell_select_all (Cell *cell)
{
  if (GTK_IS_TEXT_VIEW (cell->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_select_range (buffer, &end, &start);
    }
  else
    gtk_editable_select_region (GTK_EDITABLE (cell->widget), 0, -1);
}

static gboolean
cell_text_is (Cell       *cell,
              const char *text)
{
  g_autofree char *current = cell_get_text (cell);
  return g_strcmp0 (current, text) == 0;
}

/* Geometry of the grid. */

static guint
n_years (EssFundingPage *self)
{
  return self->plan->years->len;
}

static guint
first_amount (void)
{
  return ESS_PLAN_PASTE_FIRST_AMOUNT;
}

static guint
col_realisation (EssFundingPage *self,
                 guint           which)
{
  return ess_funding_grid_col_realisation (self->plan, which);
}

static guint
col_total (EssFundingPage *self)
{
  return ess_funding_grid_col_total (self->plan);
}

static guint
col_declared (EssFundingPage *self)
{
  return ess_funding_grid_col_declared (self->plan);
}

/* Matrix rows: the header, the actions, the computed totals, the declared totals. */
static int
mrow_of (EssFundingPage *self,
         int             row)
{
  return ess_funding_grid_place (self->plan, row);
}

/* The header has its own grid (funders, then years), which stays in
 * view while the body scrolls; the body's rows start at 0. */
static int
grid_row_of (EssFundingPage *self,
             int             row)
{
  return row == ESS_FUNDING_ROW_HEADER ? 0 : mrow_of (self, row) - 1;
}

static GtkGrid *
grid_of (EssFundingPage *self,
         int             row)
{
  return row == ESS_FUNDING_ROW_HEADER ? self->header_grid : self->grid;
}

static void
group_add (EssFundingPage *self,
           guint           col,
           GtkWidget      *widget)
{
  if (col < self->size_groups->len)
    gtk_size_group_add_widget (g_ptr_array_index (self->size_groups, col), widget);
}

static Cell *
cell_at (EssFundingPage *self,
         int             m,
         int             c)
{
  if (self->stale || self->matrix == NULL || m < 0 || c < 0 || (guint) m >= self->n_mrows || (guint) c >= self->n_cols)
    return NULL;
  return self->matrix[(guint) m * self->n_cols + (guint) c];
}

static int
cell_mrow (Cell *cell)
{
  return mrow_of (cell->page, cell->row);
}

static gboolean
is_amount_column (EssFundingPage *self,
                  Cell           *cell)
{
  return cell->row != ESS_FUNDING_ROW_HEADER && cell->col >= first_amount ();
}

/* What a cell shows of the plan, and typed text written into it. */

static char *
cell_model_text (Cell *cell)
{
  return ess_funding_grid_cell_text (cell->page->plan, cell->row, cell->col);
}

/* Computed cells: totals per row, per funder and year, per realisation column, overall. */
static char *
computed_text (Cell *cell)
{
  return ess_funding_grid_total_text (cell->page->plan, cell->row, cell->col);
}

/* Writes the text of @cell into the plan; the reason when it is refused. */
static char *
apply_text (Cell       *cell,
            const char *text)
{
  return ess_funding_grid_set_text (cell->page->plan, cell->row, cell->col, text);
}

/* Tooltips and marks. */

static void
update_cell_tooltip (Cell *cell)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (cell->error)
    g_string_append (text, cell->error);
  if (cell->finding)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", cell->finding);
  if (text->len == 0 && cell->editable && cell->row == ESS_FUNDING_ROW_HEADER)
    {
      g_autofree char *value = cell_get_text (cell);
      g_string_append (text, value);
    }
  else if (text->len == 0 && cell->editable && !is_amount_column (cell->page, cell))
    {
      /* Long texts are cut by the column: the tooltip shows them whole. */
      g_autofree char *value = cell_get_text (cell);
      if (g_utf8_strlen (value, -1) > 12)
        g_string_append (text, value);
    }
  gtk_widget_set_tooltip_text (cell->widget, text->len ? text->str : NULL);
}

static void
set_cell_error (Cell       *cell,
                const char *message)
{
  if (g_strcmp0 (cell->error, message) == 0)
    return;
  g_free (cell->error);
  cell->error = g_strdup (message);
  if (message)
    {
      gtk_widget_add_css_class (cell->widget, "invalid");
      gtk_accessible_update_state (GTK_ACCESSIBLE (cell->widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (cell->widget, "invalid");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (cell->widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
  update_cell_tooltip (cell);
}

static void
show_status (EssFundingPage *self,
             const char     *message)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

static void
set_cell_text (Cell       *cell,
               const char *text)
{
  EssFundingPage *self = cell->page;

  if (cell->editable)
    {
      if (!cell_text_is (cell, text))
        {
          self->setting = TRUE;
          cell_put_text (cell, text);
          self->setting = FALSE;
        }
    }
  else
    gtk_label_set_text (GTK_LABEL (cell->widget), text);
}

/* Saving. */

static const EssFundingContext *
check_context (EssFundingPage *self)
{
  return &self->context;
}

/* The store's findings that are not the plan's: the store lists the
 * plan's checks first, then the budget, envelope and de minimis ones. */
static void
reload_other_findings (EssFundingPage *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint skip = 0;

  g_ptr_array_set_size (self->other_findings, 0);
  if (self->dossier_id == 0)
    return;

  all = ess_store_dossier_findings (self->store, self->dossier_id, &error);
  if (all == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  if (!ess_funding_plan_is_empty (self->stored))
    {
      g_autoptr(GPtrArray) own = ess_funding_plan_check (self->stored, check_context (self));
      skip = own->len;
    }
  for (guint i = skip; i < all->len; i++)
    g_ptr_array_add (self->other_findings, g_ptr_array_steal_index (all, skip));
}

static void
update_actions (EssFundingPage *self)
{
  gboolean editable = self->dossier_id != 0 && !self->read_only;
  gboolean on_action = editable && self->focus && self->focus->row >= 0;
  guint n = self->plan->actions->len;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.insert-action", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.delete-action", on_action);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.move-up", on_action && self->focus->row > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.move-down",
                                 on_action && (guint) self->focus->row + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.paste", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.copy", self->dossier_id != 0 && n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.undo", editable && self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funding.export", self->dossier_id != 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->funders_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->years_button), editable);
}

/* Writes the plan when it differs from the stored one: one transaction
 * and a history event; the plan before goes on the undo stack. */
static gboolean
save_plan (EssFundingPage *self,
           gboolean        undoable)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->dossier_id == 0 || self->read_only || ess_funding_plan_equal (self->plan, self->stored))
    return TRUE;

  self->writing = TRUE;
  ok = ess_store_save_funding_plan (self->store, self->dossier_id, self->plan, &error);
  self->writing = FALSE;
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("The funding plan could not be saved: %s"), error->message);
      show_status (self, message);
      return FALSE;
    }

  if (undoable)
    {
      g_ptr_array_add (self->undo, g_steal_pointer (&self->stored));
      if (self->undo->len > UNDO_DEPTH)
        g_ptr_array_remove_index (self->undo, 0);
    }
  g_clear_pointer (&self->stored, ess_funding_plan_free);
  self->stored = ess_funding_plan_copy (self->plan);
  reload_other_findings (self);
  refresh_findings (self);
  update_actions (self);
  return TRUE;
}

/* Marks of the findings on the cells. */

static void
add_marked (EssFundingPage *self,
            GPtrArray      *out,
            int             row,
            guint           col)
{
  Cell *cell = cell_at (self, mrow_of (self, row), (int) col);

  if (cell && (out->len == 0 || g_ptr_array_index (out, out->len - 1) != cell))
    g_ptr_array_add (out, cell);
}

/* The cells a finding is about, in the order to visit them. */
static GPtrArray *
finding_cells (EssFundingPage   *self,
               const EssFinding *finding)
{
  GPtrArray *out = g_ptr_array_new ();
  guint years = n_years (self);
  int row = finding->row;
  gboolean declared = g_str_has_prefix (finding->code, "declared");

  if (self->matrix == NULL)
    return out;
  if (row >= 0 && (guint) row >= self->plan->actions->len)
    return out;
  if (row < 0)
    row = declared ? ESS_FUNDING_ROW_DECLARED : ESS_FUNDING_ROW_TOTAL;
  if (finding->row < 0 && !declared && finding->column == -1)
    return out;

  if (finding->column >= 0 && (guint) finding->column < self->plan->funders->len)
    {
      for (guint y = 0; y < years; y++)
        add_marked (self, out, row, first_amount () + (guint) finding->column * years + y);
    }
  else if (finding->column == ESS_FINDING_COLUMN_REALISATION)
    {
      if (g_str_equal (finding->code, "row-split"))
        {
          add_marked (self, out, row, col_realisation (self, 0));
          add_marked (self, out, row, col_realisation (self, 1));
        }
      else
        add_marked (self, out, row, col_realisation (self, 0));
    }
  else if (finding->column == ESS_FINDING_COLUMN_REALISATION_EXTERNAL)
    add_marked (self, out, row, col_realisation (self, 1));
  else if (finding->column == ESS_FINDING_COLUMN_TOTAL)
    add_marked (self, out, row, row >= 0 ? col_declared (self) : col_total (self));
  else if (finding->row >= 0)
    add_marked (self, out, row, ESS_PLAN_PASTE_TITLE);

  return out;
}

static void
mark_findings (EssFundingPage *self)
{
  if (self->stale)
    return;
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->cells, i);

      if (cell->finding == NULL)
        continue;
      g_clear_pointer (&cell->finding, g_free);
      gtk_widget_remove_css_class (cell->widget, "finding-error");
      gtk_widget_remove_css_class (cell->widget, "finding-warning");
      update_cell_tooltip (cell);
    }

  for (guint i = 0; i < self->findings->len; i++)
    {
      EssFinding *finding = g_ptr_array_index (self->findings, i);
      g_autoptr(GPtrArray) cells = finding_cells (self, finding);

      if (finding->severity == ESS_SEVERITY_INFO)
        continue;
      for (guint j = 0; j < cells->len; j++)
        {
          Cell *cell = g_ptr_array_index (cells, j);
          char *text = cell->finding
                       ? g_strdup_printf ("%s\n%s", cell->finding, finding->message)
                       : g_strdup (finding->message);

          g_free (cell->finding);
          cell->finding = text;
          gtk_widget_add_css_class (cell->widget, finding->severity == ESS_SEVERITY_ERROR
                                                  ? "finding-error" : "finding-warning");
          update_cell_tooltip (cell);
        }
    }
}

/* The findings, in the panel and on the cells. */

static void
refresh_findings (EssFundingPage *self)
{
  g_ptr_array_set_size (self->findings, 0);
  if (self->dossier_id != 0 && !ess_funding_plan_is_empty (self->plan))
    {
      g_autoptr(GPtrArray) own = ess_funding_plan_check (self->plan, check_context (self));
      g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&own));
    }
  for (guint i = 0; i < self->other_findings->len; i++)
    {
      EssFinding *finding = g_ptr_array_index (self->other_findings, i);
      g_ptr_array_add (self->findings, ess_finding_new (finding->severity, finding->code, finding->place,
                                                        finding->row, finding->column, finding->message));
    }

  ess_findings_panel_set_findings (self->findings_panel, self->findings);
  mark_findings (self);
}

/* The totals of each year, in the toolbar, when the plan has several. */
static void
refresh_year_totals (EssFundingPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (n_years (self) > 1)
    for (guint y = 0; y < n_years (self); y++)
      {
        gint64 sum;
        g_autofree char *amount = ess_funding_year_total (self->plan, y, &sum)
                                  ? ess_money_format (sum) : g_strdup (_("overflow"));

        /* TRANSLATORS: the total of a year of the plan, "2013 : 73 000,00 €" */
        g_string_append_printf (text, "%s%d\xc2\xa0: %s", text->len ? "   " : "",
                                g_array_index (self->plan->years, int, y), amount);
      }
  gtk_label_set_text (self->year_totals_label, text->str);
}

static void
refresh_computed (EssFundingPage *self)
{
  if (self->stale)
    return;
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->cells, i);

      if (!cell->editable && GTK_IS_LABEL (cell->widget))
        {
          g_autofree char *text = computed_text (cell);
          gtk_label_set_text (GTK_LABEL (cell->widget), text);
        }
    }
  refresh_year_totals (self);
}

/* The first row of each axis starts a group; the axis of the next rows is dimmed. */
static void
refresh_axes (EssFundingPage *self)
{
  const char *previous = NULL;

  if (self->stale)
    return;
  for (guint a = 0; a < self->plan->actions->len; a++)
    {
      EssFundingAction *action = g_ptr_array_index (self->plan->actions, a);
      const char *axis = action->axis ? action->axis : "";
      gboolean repeat = previous != NULL && g_str_equal (previous, axis);

      for (guint c = 0; c < self->n_cols; c++)
        {
          Cell *cell = cell_at (self, (int) a + 1, (int) c);

          if (cell == NULL)
            continue;
          if (!repeat && a > 0)
            gtk_widget_add_css_class (cell->widget, "axis-start");
          else
            gtk_widget_remove_css_class (cell->widget, "axis-start");
        }
      {
        Cell *cell = cell_at (self, (int) a + 1, ESS_PLAN_PASTE_AXIS);
        if (cell && repeat)
          gtk_widget_add_css_class (cell->widget, "axis-repeat");
        else if (cell)
          gtk_widget_remove_css_class (cell->widget, "axis-repeat");
      }
      previous = axis;
    }
}

/* Block selection. */

static void
block_bounds (EssFundingPage *self,
              int            *m0,
              int            *m1,
              int            *c0,
              int            *c1)
{
  int fm = self->focus ? cell_mrow (self->focus) : 0;
  int fc = self->focus ? (int) self->focus->col : 0;
  int am = self->anchor_m >= 0 ? self->anchor_m : fm;
  int ac = self->anchor_m >= 0 ? self->anchor_c : fc;

  *m0 = MIN (am, fm);
  *m1 = MAX (am, fm);
  *c0 = MIN (ac, fc);
  *c1 = MAX (ac, fc);
}

static void
refresh_block (EssFundingPage *self)
{
  int m0, m1, c0, c1;

  if (self->stale)
    return;
  block_bounds (self, &m0, &m1, &c0, &c1);
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->cells, i);
      int m = cell_mrow (cell);
      gboolean in = self->anchor_m >= 0 && m >= m0 && m <= m1 && (int) cell->col >= c0 && (int) cell->col <= c1;

      if (in)
        gtk_widget_add_css_class (cell->widget, "block-selected");
      else
        gtk_widget_remove_css_class (cell->widget, "block-selected");
    }
}

/* Focus. */

static Cell *
cell_of_widget (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      Cell *cell = g_object_get_data (G_OBJECT (widget), "ess-cell");
      if (cell)
        return cell;
    }
  return NULL;
}

static void
on_focus_widget_changed (GtkRoot        *root,
                         GParamSpec     *pspec,
                         EssFundingPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  Cell *cell = focus ? cell_of_widget (focus) : NULL;

  if (self->rebuilding)
    return;
  if (cell && cell->page != self)
    cell = NULL;
  if (cell == self->focus)
    return;

  /* Leaving a cell writes what it changed, and shows it the French way. */
  if (self->focus != NULL)
    {
      Cell *left = self->focus;

      self->focus = NULL;
      if (left->editable && left->error == NULL)
        {
          g_autofree char *text = cell_model_text (left);
          set_cell_text (left, text);
          update_cell_tooltip (left);
        }
      save_plan (self, TRUE);
    }

  /* The page may have been rebuilt by the save: find the cell again. */
  if (cell != NULL && (self->matrix == NULL || g_ptr_array_find (self->cells, cell, NULL) == FALSE))
    cell = NULL;
  self->focus = cell;
  g_clear_pointer (&self->focus_origin, g_free);
  if (cell)
    {
      self->focus_origin = cell->editable ? cell_model_text (cell) : NULL;
      if (!self->extending)
        self->anchor_m = self->anchor_c = -1;
      /* Typing replaces the heading, as it does a GtkText that gets the focus. */
      if (GTK_IS_TEXT_VIEW (cell->widget))
        cell_select_all (cell);
      refresh_block (self);
      /* The table scrolls sideways, header included; its body up and down. */
      ess_scroll_to_widget (GTK_SCROLLED_WINDOW (self->table_scroller), cell->widget);
      ess_scroll_to_widget (GTK_SCROLLED_WINDOW (self->scroller), cell->widget);
    }
  update_actions (self);
}

static void
ess_funding_page_map (GtkWidget *widget)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);

  GTK_WIDGET_CLASS (ess_funding_page_parent_class)->map (widget);
  if (self->stale)
    {
      rebuild_grid (self);
      rebuild_popovers (self);
      mark_findings (self);
    }
}

static void
ess_funding_page_root (GtkWidget *widget)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);

  GTK_WIDGET_CLASS (ess_funding_page_parent_class)->root (widget);
  self->root = gtk_widget_get_root (widget);
  self->focus_handler = g_signal_connect (self->root, "notify::focus-widget",
                                          G_CALLBACK (on_focus_widget_changed), self);
}

static void
ess_funding_page_unroot (GtkWidget *widget)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);

  if (self->root)
    g_clear_signal_handler (&self->focus_handler, self->root);
  self->root = NULL;
  GTK_WIDGET_CLASS (ess_funding_page_parent_class)->unroot (widget);
}

static void
focus_cell (EssFundingPage *self,
            Cell           *cell)
{
  if (cell == NULL)
    return;
  gtk_widget_grab_focus (cell->widget);
  /* Without a window (or before it shows), follow the focus by hand. */
  if (self->root == NULL || gtk_root_get_focus (self->root) != cell->widget)
    {
      if (self->focus != cell)
        {
          Cell *left = self->focus;

          if (left && left->editable && left->error == NULL)
            {
              g_autofree char *text = cell_model_text (left);
              set_cell_text (left, text);
            }
          if (left)
            save_plan (self, TRUE);
          self->focus = cell;
          g_free (self->focus_origin);
          self->focus_origin = cell->editable ? cell_model_text (cell) : NULL;
          if (!self->extending)
            self->anchor_m = self->anchor_c = -1;
          refresh_block (self);
          update_actions (self);
        }
    }
}

/* The next editable cell after @m, @c in reading order (@step 1) or before it (-1). */
static Cell *
next_horizontal (EssFundingPage *self,
                 Cell           *from,
                 int             step)
{
  int total = (int) (self->n_mrows * self->n_cols);
  int index = cell_mrow (from) * (int) self->n_cols + (int) from->col;

  for (index += step; index >= 0 && index < total; index += step)
    {
      Cell *cell = self->matrix[index];
      if (cell && cell != from && cell->editable)
        return cell;
    }
  return NULL;
}

static Cell *
next_vertical (EssFundingPage *self,
               Cell           *from,
               int             step)
{
  for (int m = cell_mrow (from) + step; m >= 0 && (guint) m < self->n_mrows; m += step)
    {
      Cell *cell = cell_at (self, m, (int) from->col);
      if (cell && cell != from && cell->editable)
        return cell;
    }
  return NULL;
}

/* Structure edits. */

static void
structure_changed (EssFundingPage *self,
                   int             focus_row,
                   guint           focus_col)
{
  save_plan (self, TRUE);
  rebuild_grid (self);
  focus_cell (self, cell_at (self, mrow_of (self, focus_row), (int) focus_col));
}

static guint
current_action (EssFundingPage *self)
{
  if (self->focus && self->focus->row >= 0)
    return (guint) self->focus->row;
  return self->plan->actions->len;
}

static void
insert_action_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);
  guint position = self->focus && self->focus->row >= 0 ? (guint) self->focus->row + 1 : self->plan->actions->len;
  EssFundingAction *action;

  save_plan (self, TRUE);
  action = ess_funding_plan_insert_action (self->plan, position);
  /* A new row continues the axis it is inserted in. */
  if (position > 0)
    {
      EssFundingAction *above = g_ptr_array_index (self->plan->actions, position - 1);
      g_free (action->axis);
      action->axis = g_strdup (above->axis);
    }
  structure_changed (self, (int) position, position > 0 ? ESS_PLAN_PASTE_NUMBER : ESS_PLAN_PASTE_AXIS);
}

static void
delete_action_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);
  guint position = current_action (self);
  guint col = self->focus ? self->focus->col : 0;
  g_autofree char *place = NULL;
  g_autofree char *message = NULL;

  if (position >= self->plan->actions->len)
    return;
  save_plan (self, TRUE);
  place = ess_funding_plan_action_place (self->plan, position);
  ess_funding_plan_remove_action (self->plan, position);
  structure_changed (self, self->plan->actions->len == 0 ? ESS_FUNDING_ROW_DECLARED
                           : (int) MIN (position, self->plan->actions->len - 1), col);
  /* TRANSLATORS: after a row is deleted; %s is its place, "Action 1.3 « ... »" */
  message = g_strdup_printf (_("%s deleted: Ctrl+Z puts it back."), place);
  show_status (self, message);
}

static void
move_action (EssFundingPage *self,
             int             step)
{
  guint from = current_action (self);
  guint col = self->focus ? self->focus->col : 0;
  int to = (int) from + step;

  if (from >= self->plan->actions->len || to < 0 || (guint) to >= self->plan->actions->len)
    return;
  save_plan (self, TRUE);
  ess_funding_plan_move_action (self->plan, from, (guint) to);
  structure_changed (self, to, col);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_action (ESS_FUNDING_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_action (ESS_FUNDING_PAGE (widget), 1);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);
  int row = self->focus ? self->focus->row : 0;
  guint col = self->focus ? self->focus->col : 0;
  EssFundingPlan *previous;

  if (self->undo->len == 0)
    return;
  self->focus = NULL;
  previous = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  ess_funding_plan_free (self->plan);
  self->plan = previous;
  save_plan (self, FALSE);
  rebuild_grid (self);
  if (row >= 0 && (guint) row >= self->plan->actions->len)
    row = self->plan->actions->len > 0 ? (int) self->plan->actions->len - 1 : ESS_FUNDING_ROW_DECLARED;
  focus_cell (self, cell_at (self, mrow_of (self, row), (int) MIN (col, self->n_cols - 1)));
  show_status (self, NULL);
  update_actions (self);
}

/* Clipboard. */

char *
ess_funding_page_copy_text (EssFundingPage *self)
{
  int m0, m1, c0, c1;
  char *text;

  g_return_val_if_fail (ESS_IS_FUNDING_PAGE (self), NULL);

  if (self->focus == NULL)
    return g_strdup ("");
  block_bounds (self, &m0, &m1, &c0, &c1);
  text = ess_funding_grid_block_to_tsv (self->plan, m0, m1, (guint) c0, (guint) c1);
  if (text != NULL)
    return text;
  /* Outside the actions' rows, the cell's own text. */
  if (self->focus->editable)
    return cell_get_text (self->focus);
  return g_strdup (gtk_label_get_text (GTK_LABEL (self->focus->widget)));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);
  g_autofree char *text = ess_funding_page_copy_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

gboolean
ess_funding_page_paste_text (EssFundingPage  *self,
                             const char      *text,
                             GError         **error)
{
  g_autoptr(GPtrArray) block = NULL;
  g_autoptr(EssFundingPlan) pasted = NULL;
  guint action = 0, column = 0;
  int focus_row = 0;
  guint focus_col = 0;

  g_return_val_if_fail (ESS_IS_FUNDING_PAGE (self), FALSE);

  if (self->dossier_id == 0 || self->read_only)
    {
      g_set_error_literal (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_SHAPE,
                           _("This dossier cannot be edited."));
      return FALSE;
    }
  if (self->focus != NULL)
    {
      if (!ess_funding_grid_paste_origin (self->plan, self->focus->row, self->focus->col, &action, &column, error))
        return FALSE;
      focus_row = self->focus->row;
      focus_col = self->focus->col;
    }

  block = ess_tsv_parse_block (text, error);
  if (block == NULL)
    return FALSE;
  if (block->len == 0)
    return TRUE;

  save_plan (self, TRUE);
  pasted = ess_funding_plan_copy (self->plan);
  if (!ess_funding_plan_paste (pasted, action, column, block, error))
    return FALSE;

  self->focus = NULL;
  ess_funding_plan_free (self->plan);
  self->plan = g_steal_pointer (&pasted);
  structure_changed (self, focus_row, focus_col);
  show_status (self, NULL);
  return TRUE;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EssFundingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      if (error)
        show_status (self, error->message);
      return;
    }

  /* One value goes into the cell as typed text; a block fills cells. */
  if (strpbrk (text, "\t\n") == NULL && self->focus && self->focus->editable && GTK_IS_EDITABLE (self->focus->widget))
    {
      GtkEditable *editable = GTK_EDITABLE (self->focus->widget);
      int position;

      gtk_editable_delete_selection (editable);
      position = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, text, -1, &position);
      gtk_editable_set_position (editable, position);
      return;
    }

  if (!ess_funding_page_paste_text (self, text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was pasted: %s"), error->message);
      show_status (self, message);
    }
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 g_object_ref (widget));
}

/* Export. */

gboolean
ess_funding_page_export (EssFundingPage  *self,
                         GFile           *file,
                         GError         **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (ESS_IS_FUNDING_PAGE (self), FALSE);

  save_plan (self, TRUE);
  csv = ess_funding_plan_to_csv (self->plan, ';');
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(EssFundingPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (!ess_funding_page_export (self, file, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The plan could not be exported: %s"), error->message);
          show_status (self, message);
        }
      else
        show_status (self, NULL);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  save_plan (self, TRUE);
  chooser = gtk_file_chooser_native_new (_("Export the Funding Plan"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* TRANSLATORS: file name of an exported plan; %s is the dossier's reference */
  name = g_strdup_printf (_("%s-funding-plan.csv"), self->reference ? self->reference : "plan");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Keyboard. */

static void
move_horizontal (EssFundingPage *self,
                 int             step)
{
  Cell *next;

  if (self->focus == NULL)
    return;
  next = next_horizontal (self, self->focus, step);
  if (next)
    focus_cell (self, next);
  else
    save_plan (self, TRUE);
}

static void
move_vertical (EssFundingPage *self,
               int             step)
{
  Cell *next;

  if (self->focus == NULL)
    return;
  next = next_vertical (self, self->focus, step);
  if (next)
    focus_cell (self, next);
  else
    save_plan (self, TRUE);
}

/* Puts back the value the cell had when it got the focus; FALSE when nothing was typed. */
static gboolean
cancel_cell (EssFundingPage *self)
{
  Cell *cell = self->focus;

  if (cell == NULL || !cell->editable || self->focus_origin == NULL ||
      (cell->error == NULL && cell_text_is (cell, self->focus_origin)))
    return FALSE;
  cell_put_text (cell, self->focus_origin);
  cell_select_all (cell);
  return TRUE;
}

static void
next_cell_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_horizontal (ESS_FUNDING_PAGE (widget), 1);
}

static void
previous_cell_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_horizontal (ESS_FUNDING_PAGE (widget), -1);
}

static void
cell_below_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_vertical (ESS_FUNDING_PAGE (widget), 1);
}

static void
cell_above_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_vertical (ESS_FUNDING_PAGE (widget), -1);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cancel_cell (ESS_FUNDING_PAGE (widget));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EssFundingPage        *self)
{
  Cell *cell = self->focus;
  Cell *next = NULL;
  gboolean shift, ctrl, alt;

  if (cell == NULL)
    return FALSE;
  state &= gtk_accelerator_get_default_mod_mask ();
  shift = (state & GDK_SHIFT_MASK) != 0;
  ctrl = (state & GDK_CONTROL_MASK) != 0;
  alt = (state & GDK_ALT_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (ctrl || alt)
        return FALSE;
      move_horizontal (self, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (ctrl || alt)
        return FALSE;
      move_vertical (self, shift ? -1 : 1);
      return TRUE;

    case GDK_KEY_Escape:
      return cancel_cell (self);

    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Up:
    case GDK_KEY_KP_Down:
      {
        int step = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;

        if (alt && !ctrl && !shift)
          {
            move_action (self, step);
            return TRUE;
          }
        if (ctrl)
          return FALSE;
        next = next_vertical (self, cell, step);
        if (next == NULL)
          return TRUE;
        if (shift)
          {
            if (self->anchor_m < 0)
              {
                self->anchor_m = cell_mrow (cell);
                self->anchor_c = (int) cell->col;
              }
            self->extending = TRUE;
            focus_cell (self, next);
            self->extending = FALSE;
            refresh_block (self);
          }
        else
          focus_cell (self, next);
        return TRUE;
      }

    case GDK_KEY_Left:
    case GDK_KEY_Right:
      if (ctrl && shift)
        {
          next = next_horizontal (self, cell, keyval == GDK_KEY_Left ? -1 : 1);
          if (next && cell_mrow (next) == cell_mrow (cell))
            {
              if (self->anchor_m < 0)
                {
                  self->anchor_m = cell_mrow (cell);
                  self->anchor_c = (int) cell->col;
                }
              self->extending = TRUE;
              focus_cell (self, next);
              self->extending = FALSE;
              refresh_block (self);
            }
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_c:
    case GDK_KEY_C:
      if (ctrl && !alt && self->anchor_m >= 0)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "funding.copy", NULL);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_v:
    case GDK_KEY_V:
      /* A heading takes the text itself; the other cells may take a block. */
      if (ctrl && !alt && !shift && !GTK_IS_TEXT_VIEW (cell->widget))
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "funding.paste", NULL);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_z:
    case GDK_KEY_Z:
      /* Text being typed is undone by the cell; a saved change by the page. */
      if (ctrl && !alt && !shift && self->undo->len > 0 &&
          (!cell->editable || cell_text_is (cell, self->focus_origin)))
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "funding.undo", NULL);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      if (ctrl)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "funding.insert-action", NULL);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      if (ctrl)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "funding.delete-action", NULL);
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }
}

static void
on_grid_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 EssFundingPage  *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;
  Cell *cell;

  if ((state & GDK_SHIFT_MASK) == 0 || self->focus == NULL)
    return;
  picked = gtk_widget_pick (self->table, x, y, GTK_PICK_DEFAULT);
  cell = picked ? cell_of_widget (picked) : NULL;
  if (cell == NULL || !cell->editable)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  ess_funding_page_select_to (self, cell->row,
                              cell->col < first_amount () ? (EssFundingCellKind) cell->col : ESS_FUNDING_CELL_AMOUNT,
                              cell->col < first_amount () ? 0 : cell->col - first_amount ());
}

/* Typing. */

static void
on_cell_changed (GObject *editable,
                 Cell    *cell)
{
  EssFundingPage *self = cell->page;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if (self->setting || self->rebuilding)
    return;
  text = cell_get_text (cell);
  message = apply_text (cell, text);
  /* While the text is refused, the plan holds the cell's value from
   * before the typing, not what a few keys had made of it. */
  if (message != NULL && cell == self->focus && self->focus_origin != NULL)
    g_free (apply_text (cell, self->focus_origin));
  set_cell_error (cell, message);
  if (message == NULL && cell->row >= 0 && cell->col == ESS_PLAN_PASTE_AXIS)
    refresh_axes (self);
  refresh_computed (self);
  refresh_findings (self);
}

/* Building the grid. */

static void
cell_free (Cell *cell)
{
  g_free (cell->error);
  g_free (cell->finding);
  g_free (cell);
}

static void
place_cell (EssFundingPage *self,
            Cell           *cell,
            int             width,
            int             height)
{
  int m = cell_mrow (cell);

  gtk_grid_attach (grid_of (self, cell->row), cell->widget, (int) cell->col, grid_row_of (self, cell->row),
                   width, height);
  if (width == 1)
    group_add (self, cell->col, cell->widget);
  for (int c = 0; c < width; c++)
    self->matrix[(guint) m * self->n_cols + cell->col + (guint) c] = cell;
  g_object_set_data (G_OBJECT (cell->widget), "ess-cell", cell);
  g_ptr_array_add (self->cells, cell);
}

static Cell *
add_text_cell (EssFundingPage *self,
               int             row,
               guint           col,
               int             width,
               int             height,
               int             chars,
               gboolean        amount,
               const char     *accessible)
{
  Cell *cell = g_new0 (Cell, 1);
  g_autofree char *text = NULL;

  cell->page = self;
  cell->row = row;
  cell->col = col;
  cell->editable = TRUE;
  if (row == ESS_FUNDING_ROW_HEADER)
    {
      /* A heading wraps rather than hides the end of a long label. */
      cell->widget = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (cell->widget), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (cell->widget), FALSE);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (cell->widget), !self->read_only);
      gtk_widget_set_valign (cell->widget, GTK_ALIGN_FILL);
    }
  else
    {
      cell->widget = gtk_text_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (cell->widget), chars);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (cell->widget), chars);
      gtk_editable_set_editable (GTK_EDITABLE (cell->widget), !self->read_only);
    }
  gtk_widget_add_css_class (cell->widget, "cell");
  if (amount)
    {
      gtk_editable_set_alignment (GTK_EDITABLE (cell->widget), 1.0);
      gtk_widget_add_css_class (cell->widget, "numeric");
      gtk_text_set_input_purpose (GTK_TEXT (cell->widget), GTK_INPUT_PURPOSE_NUMBER);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  place_cell (self, cell, width, height);
  text = cell_model_text (cell);
  set_cell_text (cell, text);
  update_cell_tooltip (cell);
  if (GTK_IS_TEXT_VIEW (cell->widget))
    g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell->widget)), "changed",
                      G_CALLBACK (on_cell_changed), cell);
  else
    g_signal_connect (cell->widget, "changed", G_CALLBACK (on_cell_changed), cell);
  return cell;
}

static Cell *
add_computed_cell (EssFundingPage *self,
                   int             row,
                   guint           col,
                   const char     *accessible)
{
  Cell *cell = g_new0 (Cell, 1);

  cell->page = self;
  cell->row = row;
  cell->col = col;
  cell->widget = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (cell->widget), 1.0);
  gtk_widget_add_css_class (cell->widget, "cell");
  gtk_widget_add_css_class (cell->widget, "computed");
  gtk_widget_add_css_class (cell->widget, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  place_cell (self, cell, 1, 1);
  return cell;
}

static GtkWidget *
add_heading (EssFundingPage *self,
             GtkGrid        *grid,
             const char     *text,
             int             col,
             int             row,
             int             width,
             int             height,
             float           xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "heading-cell");
  gtk_grid_attach (grid, label, col, row, width, height);
  if (width == 1)
    group_add (self, (guint) col, label);
  return label;
}

/* A heading wraps its text, but GTK 4.8 gives a text view in a grid
 * the height of its text at its width before the grid's size groups
 * widened or narrowed the column: it gets room for @lines lines. */
static void
heading_lines (GtkWidget *view,
               int        lines)
{
  PangoContext *context = gtk_widget_get_pango_context (view);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int line = PANGO_PIXELS (pango_font_metrics_get_height (metrics));

  pango_font_metrics_unref (metrics);
  gtk_widget_set_size_request (view, -1, lines * line + 8);
}

static void
rebuild_grid (EssFundingPage *self)
{
  static const int text_chars[N_TEXT_COLUMNS] = { 11, 2, 20, 12, 10 };
  const char *text_headings[N_TEXT_COLUMNS] = {
    _("Axis"), C_("action number", "No."), _("Action"), _("Description"), _("Partners"),
  };
  EssFundingPlan *plan = self->plan;
  guint years = n_years (self);
  guint n_actions = plan->actions->len;
  GtkWidget *child;
  GtkWidget *label;
  int total_row, declared_row;

  self->rebuilding = TRUE;
  self->stale = FALSE;
  self->focus = NULL;
  g_clear_pointer (&self->focus_origin, g_free);
  self->anchor_m = self->anchor_c = -1;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_grid))) != NULL)
    gtk_grid_remove (self->header_grid, child);
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->size_groups, 0);
  g_clear_pointer (&self->matrix, g_free);

  self->n_cols = col_declared (self) + 1;
  for (guint c = 0; c < self->n_cols; c++)
    g_ptr_array_add (self->size_groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));
  self->n_mrows = n_actions + 3;
  self->matrix = g_new0 (Cell *, self->n_mrows * self->n_cols);

  if (self->dossier_id == 0)
    {
      self->n_mrows = 0;
      self->rebuilding = FALSE;
      return;
    }

  /* Headings: the text columns, each funder over its years, the realisation labels. */
  for (guint c = 0; c < N_TEXT_COLUMNS; c++)
    {
      label = add_heading (self, self->header_grid, text_headings[c], (int) c, 0, 1, 2, 0.0);
      /* The long texts take the room left, in the header as in the body. */
      gtk_widget_set_hexpand (label, c >= ESS_PLAN_PASTE_TITLE);
    }
  for (guint f = 0; f < plan->funders->len; f++)
    {
      EssFunder *funder = g_ptr_array_index (plan->funders, f);
      /* TRANSLATORS: accessible name of a funder's heading cell */
      g_autofree char *name = g_strdup_printf (_("Name of the funder %s"), funder->name);
      Cell *cell = add_text_cell (self, ESS_FUNDING_ROW_HEADER, first_amount () + f * years, (int) MAX (years, 1), 1,
                                  12, FALSE, name);

      gtk_text_view_set_justification (GTK_TEXT_VIEW (cell->widget), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (cell->widget, "heading-cell");
      heading_lines (cell->widget, 2);
      for (guint y = 0; y < years; y++)
        {
          g_autofree char *year = g_strdup_printf ("%d", g_array_index (plan->years, int, y));
          add_heading (self, self->header_grid, year, (int) (first_amount () + f * years + y), 1, 1, 1, 1.0);
        }
    }
  for (guint i = 0; i < 2; i++)
    {
      Cell *cell = add_text_cell (self, ESS_FUNDING_ROW_HEADER, col_realisation (self, i), 1, 2, 11, FALSE,
                                  i == 0 ? _("Label of the realisation by the applicant")
                                         : _("Label of the realisation by external operators"));
      gtk_text_view_set_justification (GTK_TEXT_VIEW (cell->widget), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (cell->widget, "heading-cell");
      gtk_widget_add_css_class (cell->widget, "realisation");
      heading_lines (cell->widget, 3);
    }
  label = add_heading (self, self->header_grid, _("TOTAL"), (int) col_total (self), 0, 1, 2, 1.0);
  gtk_widget_add_css_class (label, "total-column");
  add_heading (self, self->header_grid, _("Declared total"), (int) col_declared (self), 0, 1, 2, 1.0);

  /* One row per action. */
  for (guint a = 0; a < n_actions; a++)
    {
      g_autofree char *place = ess_funding_plan_action_place (plan, a);
      Cell *cell;

      for (guint c = 0; c < N_TEXT_COLUMNS; c++)
        {
          g_autofree char *name = g_strdup_printf ("%s, %s", place, text_headings[c]);
          cell = add_text_cell (self, (int) a, c, 1, 1, text_chars[c], FALSE, name);
          /* Room left by the window goes to the long texts. */
          gtk_widget_set_hexpand (cell->widget, c >= ESS_PLAN_PASTE_TITLE);
        }
      for (guint f = 0; f < plan->funders->len; f++)
        for (guint y = 0; y < years; y++)
          {
            EssFunder *funder = g_ptr_array_index (plan->funders, f);
            g_autofree char *name = g_strdup_printf ("%s, %s %d", place, funder->name,
                                                     g_array_index (plan->years, int, y));
            add_text_cell (self, (int) a, first_amount () + f * years + y, 1, 1, 10, TRUE, name);
          }
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s, %s", place, plan->realisation_labels[i]);
          cell = add_text_cell (self, (int) a, col_realisation (self, i), 1, 1, 11, TRUE, name);
          gtk_widget_add_css_class (cell->widget, "realisation");
        }
      {
        g_autofree char *name = g_strdup_printf ("%s, %s", place, _("TOTAL"));
        cell = add_computed_cell (self, (int) a, col_total (self), name);
        gtk_widget_add_css_class (cell->widget, "total-column");
      }
      {
        g_autofree char *name = g_strdup_printf ("%s, %s", place, _("Declared total"));
        cell = add_text_cell (self, (int) a, col_declared (self), 1, 1, 10, TRUE, name);
        gtk_widget_add_css_class (cell->widget, "declared");
      }
    }

  /* The computed totals, then the declared ones. */
  total_row = grid_row_of (self, ESS_FUNDING_ROW_TOTAL);
  declared_row = grid_row_of (self, ESS_FUNDING_ROW_DECLARED);
  label = add_heading (self, self->grid, _("Total"), 0, total_row, N_TEXT_COLUMNS, 1, 0.0);
  gtk_widget_add_css_class (label, "total-row");
  label = add_heading (self, self->grid, _("Declared totals (as printed by the applicant)"), 0, declared_row,
                       N_TEXT_COLUMNS, 1, 0.0);
  /* A spanning label must not widen the columns: they line up with the header. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, "declared-row");
  for (guint c = first_amount (); c <= col_total (self); c++)
    {
      Cell *cell = add_computed_cell (self, ESS_FUNDING_ROW_TOTAL, c, _("Total"));
      gtk_widget_add_css_class (cell->widget, "total-row");
      if (c == col_total (self))
        gtk_widget_add_css_class (cell->widget, "total-column");
    }
  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, "total-row");
  gtk_widget_add_css_class (label, "heading-cell");
  gtk_grid_attach (self->grid, label, (int) col_declared (self), total_row, 1, 1);
  for (guint f = 0; f < plan->funders->len; f++)
    {
      EssFunder *funder = g_ptr_array_index (plan->funders, f);
      g_autofree char *name = g_strdup_printf (_("Declared total of %s"), funder->name);
      Cell *cell = add_text_cell (self, ESS_FUNDING_ROW_DECLARED, first_amount () + f * years, (int) MAX (years, 1), 1,
                                  10, TRUE, name);
      gtk_widget_add_css_class (cell->widget, "declared-row");
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf (_("Declared total of %s"), plan->realisation_labels[i]);
      Cell *cell = add_text_cell (self, ESS_FUNDING_ROW_DECLARED, col_realisation (self, i), 1, 1, 10, TRUE, name);
      gtk_widget_add_css_class (cell->widget, "declared-row");
    }
  {
    Cell *cell = add_text_cell (self, ESS_FUNDING_ROW_DECLARED, col_total (self), 1, 1, 10, TRUE,
                                _("Declared overall total"));
    gtk_widget_add_css_class (cell->widget, "declared-row");
  }
  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, "declared-row");
  gtk_widget_add_css_class (label, "heading-cell");
  gtk_grid_attach (self->grid, label, (int) col_declared (self), declared_row, 1, 1);

  if (n_actions == 0)
    {
      label = gtk_label_new (_("No action yet: choose the funders and years, then insert actions (Ctrl++) "
                               "or paste a table copied from a spreadsheet (Ctrl+V)."));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "empty-plan");
      gtk_grid_attach (self->grid, label, 0, declared_row + 1, (int) self->n_cols, 1);
    }

  self->rebuilding = FALSE;
  refresh_axes (self);
  refresh_computed (self);
  mark_findings (self);
}

/* The funders and years popovers. */

static void
on_remove_funder (EssFundersPopover *popover,
                  guint              f,
                  EssFundingPage    *self)
{
  if (f >= self->plan->funders->len)
    return;
  save_plan (self, TRUE);
  ess_funding_plan_remove_funder (self->plan, f);
  structure_changed (self, 0, ESS_PLAN_PASTE_TITLE);
  rebuild_popovers (self);
  show_status (self, _("Funder removed: Ctrl+Z puts it back."));
}

static void
on_add_funder (EssFundersPopover *popover,
               const char        *name,
               const char        *kind,
               EssFundingPage    *self)
{
  guint f;

  save_plan (self, TRUE);
  f = ess_funding_plan_add_funder (self->plan, name, kind);
  /* A funder needs a year to have cells: the dossier's. */
  if (self->plan->years->len == 0)
    ess_funding_plan_add_year (self->plan, self->year);
  save_plan (self, TRUE);
  rebuild_grid (self);
  rebuild_popovers (self);
  update_actions (self);
  focus_cell (self, cell_at (self, 0, (int) (first_amount () + f * n_years (self))));
}

static void
on_remove_year (EssYearsPopover *popover,
                guint            y,
                EssFundingPage  *self)
{
  if (y >= self->plan->years->len)
    return;
  save_plan (self, TRUE);
  ess_funding_plan_remove_year (self->plan, y);
  structure_changed (self, 0, ESS_PLAN_PASTE_TITLE);
  rebuild_popovers (self);
  show_status (self, _("Year removed: Ctrl+Z puts it back."));
}

static void
on_add_year (EssYearsPopover *popover,
             int              year,
             EssFundingPage  *self)
{
  for (guint y = 0; y < self->plan->years->len; y++)
    if (g_array_index (self->plan->years, int, y) == year)
      return;
  save_plan (self, TRUE);
  ess_funding_plan_add_year (self->plan, year);
  structure_changed (self, 0, ESS_PLAN_PASTE_TITLE);
  rebuild_popovers (self);
}

static void
rebuild_popovers (EssFundingPage *self)
{
  ess_funders_popover_set_plan (self->funders_popover, self->plan);
  ess_years_popover_set_plan (self->years_popover, self->plan, self->year);
}

/* The findings panel, activated. */

void
ess_funding_page_activate_finding (EssFundingPage *self,
                                   guint           position)
{
  EssFinding *finding;
  g_autoptr(GPtrArray) cells = NULL;

  g_return_if_fail (ESS_IS_FUNDING_PAGE (self));

  if (position >= self->findings->len)
    return;
  finding = g_ptr_array_index (self->findings, position);
  cells = finding_cells (self, finding);
  if (cells->len > 0)
    {
      Cell *cell = g_ptr_array_index (cells, 0);

      /* A computed cell takes no focus: go to the row's first amount. */
      if (!cell->editable)
        cell = cell_at (self, cell_mrow (cell), (int) first_amount ());
      focus_cell (self, cell);
    }
  else if (g_str_has_prefix (finding->code, "budget"))
    g_signal_emit (self, signals[SHOW_BUDGET], 0);
  else if (g_str_equal (finding->code, "envelope"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.envelopes", NULL);
}

static void
on_finding_activated (EssFindingsPanel *panel,
                      guint             position,
                      EssFundingPage   *self)
{
  ess_funding_page_activate_finding (self, position);
}

/* Loading. */

static void
load_plan (EssFundingPage *self,
           EssFundingPlan *plan)
{
  g_clear_pointer (&self->plan, ess_funding_plan_free);
  g_clear_pointer (&self->stored, ess_funding_plan_free);
  self->stored = plan;
  self->plan = ess_funding_plan_copy (plan);
}

void
ess_funding_page_set_dossier (EssFundingPage   *self,
                              const EssDossier *dossier)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssFundingPlan) loaded = NULL;
  gint64 id;
  gboolean rebuild = FALSE;

  g_return_if_fail (ESS_IS_FUNDING_PAGE (self));

  /* The page's own save reloads the editor: nothing new to read. */
  if (self->writing)
    return;

  id = dossier ? dossier->id : 0;
  if (dossier)
    {
      self->context = (EssFundingContext) {
        .max_rate_bp = ess_store_get_scheme_max_rate (self->store, dossier->scheme, NULL),
        .requested_cents = dossier->requested_cents,
        .proposed_cents = dossier->proposed_cents,
        .granted_cents = dossier->granted_cents,
        .has_proposed = dossier->proposed_cents > 0,
        .has_granted = dossier->granted_cents > 0,
      };
      g_free (self->reference);
      self->reference = g_strdup (dossier->reference);
      self->year = dossier->year;
      loaded = ess_store_load_funding_plan (self->store, id, &error);
      if (loaded == NULL)
        {
          g_warning ("%s", error->message);
          id = 0;
        }
    }

  if (id != self->dossier_id)
    {
      /* What was typed in the previous dossier is written first. */
      if (self->dossier_id != 0)
        save_plan (self, FALSE);
      g_ptr_array_set_size (self->undo, 0);
      self->dossier_id = id;
      load_plan (self, loaded ? g_steal_pointer (&loaded) : ess_funding_plan_new ());
      show_status (self, NULL);
      rebuild = TRUE;
    }
  else if (loaded && !ess_funding_plan_equal (loaded, self->stored))
    {
      /* Changed elsewhere (an import, the command line): show the stored plan. */
      load_plan (self, g_steal_pointer (&loaded));
      rebuild = TRUE;
    }

  if (self->read_only != (dossier && dossier->deleted_at != NULL))
    {
      self->read_only = dossier && dossier->deleted_at != NULL;
      rebuild = TRUE;
    }
  if (rebuild && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      rebuild_grid (self);
      rebuild_popovers (self);
    }
  else if (rebuild)
    {
      self->stale = TRUE;
      self->focus = NULL;
      self->anchor_m = self->anchor_c = -1;
    }
  reload_other_findings (self);
  refresh_findings (self);
  update_actions (self);
}

/* Public accessors. */

const EssFundingPlan *
ess_funding_page_get_plan (EssFundingPage *self)
{
  g_return_val_if_fail (ESS_IS_FUNDING_PAGE (self), NULL);
  return self->plan;
}

GPtrArray *
ess_funding_page_get_findings (EssFundingPage *self)
{
  g_return_val_if_fail (ESS_IS_FUNDING_PAGE (self), NULL);
  return self->findings;
}

static int
column_of (EssFundingPage     *self,
           int                 row,
           EssFundingCellKind  kind,
           guint               index)
{
  guint years = n_years (self);

  switch (kind)
    {
    case ESS_FUNDING_CELL_AXIS:
    case ESS_FUNDING_CELL_NUMBER:
    case ESS_FUNDING_CELL_TITLE:
    case ESS_FUNDING_CELL_DESCRIPTION:
    case ESS_FUNDING_CELL_PARTNERS:
      return (int) kind;
    case ESS_FUNDING_CELL_AMOUNT:
      if (row == ESS_FUNDING_ROW_DECLARED || row == ESS_FUNDING_ROW_HEADER)
        return (int) (first_amount () + index * years);
      return (int) (first_amount () + index);
    case ESS_FUNDING_CELL_REALISATION:
      return index < 2 ? (int) col_realisation (self, index) : -1;
    case ESS_FUNDING_CELL_TOTAL:
      return (int) col_total (self);
    case ESS_FUNDING_CELL_DECLARED:
      return (int) col_declared (self);
    default:
      return -1;
    }
}

GtkWidget *
ess_funding_page_get_cell (EssFundingPage     *self,
                           int                 row,
                           EssFundingCellKind  kind,
                           guint               index)
{
  Cell *cell;

  g_return_val_if_fail (ESS_IS_FUNDING_PAGE (self), NULL);

  if (row >= 0 && (guint) row >= self->plan->actions->len)
    return NULL;
  if (self->stale)
    {
      rebuild_grid (self);
      rebuild_popovers (self);
      mark_findings (self);
    }
  cell = cell_at (self, mrow_of (self, row), column_of (self, row, kind, index));
  return cell ? cell->widget : NULL;
}

void
ess_funding_page_select_to (EssFundingPage     *self,
                            int                 row,
                            EssFundingCellKind  kind,
                            guint               index)
{
  Cell *cell;

  g_return_if_fail (ESS_IS_FUNDING_PAGE (self));

  cell = cell_at (self, mrow_of (self, row), column_of (self, row, kind, index));
  if (cell == NULL || self->focus == NULL)
    return;
  if (self->anchor_m < 0)
    {
      self->anchor_m = cell_mrow (self->focus);
      self->anchor_c = (int) self->focus->col;
    }
  self->extending = TRUE;
  focus_cell (self, cell);
  self->extending = FALSE;
  refresh_block (self);
}

/* GObject. */

static void
ess_funding_page_dispose (GObject *object)
{
  EssFundingPage *self = (EssFundingPage *) object;

  if (self->root)
    g_clear_signal_handler (&self->focus_handler, self->root);
  self->root = NULL;
  self->rebuilding = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_FUNDING_PAGE);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->size_groups, g_ptr_array_unref);
  g_clear_pointer (&self->matrix, g_free);
  g_clear_pointer (&self->plan, ess_funding_plan_free);
  g_clear_pointer (&self->stored, ess_funding_plan_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->other_findings, g_ptr_array_unref);
  g_clear_pointer (&self->focus_origin, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_funding_page_parent_class)->dispose (object);
}

static void
ess_funding_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_funding_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EssFundingPage *self = ESS_FUNDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_funding_page_class_init (EssFundingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_funding_page_dispose;
  object_class->set_property = ess_funding_page_set_property;
  object_class->get_property = ess_funding_page_get_property;
  widget_class->map = ess_funding_page_map;
  widget_class->root = ess_funding_page_root;
  widget_class->unroot = ess_funding_page_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EssFundingPage::show-budget:
   *
   * A finding of the budget was activated: the budget should be shown.
   */
  signals[SHOW_BUDGET] = g_signal_new ("show-budget", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-funding-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, content);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, table);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, header_grid);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, grid);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, year_totals_label);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, body);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, funders_button);
  gtk_widget_class_bind_template_child (widget_class, EssFundingPage, years_button);

  gtk_widget_class_install_action (widget_class, "funding.insert-action", NULL, insert_action_action);
  gtk_widget_class_install_action (widget_class, "funding.delete-action", NULL, delete_action_action);
  gtk_widget_class_install_action (widget_class, "funding.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "funding.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "funding.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "funding.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "funding.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "funding.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "funding.next-cell", NULL, next_cell_action);
  gtk_widget_class_install_action (widget_class, "funding.previous-cell", NULL, previous_cell_action);
  gtk_widget_class_install_action (widget_class, "funding.cell-below", NULL, cell_below_action);
  gtk_widget_class_install_action (widget_class, "funding.cell-above", NULL, cell_above_action);
  gtk_widget_class_install_action (widget_class, "funding.cancel", NULL, cancel_action);
}

static void
ess_funding_page_init (EssFundingPage *self)
{
  GtkEventController *keys;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Under the table, as the last of its column. */
  self->findings_panel = ess_findings_panel_new ();
  gtk_box_append (self->body, GTK_WIDGET (self->findings_panel));
  self->funders_popover = ess_funders_popover_new ();
  gtk_menu_button_set_popover (self->funders_button, GTK_WIDGET (self->funders_popover));
  self->years_popover = ess_years_popover_new ();
  gtk_menu_button_set_popover (self->years_button, GTK_WIDGET (self->years_popover));

  self->plan = ess_funding_plan_new ();
  self->stored = ess_funding_plan_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_funding_plan_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);
  self->other_findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);
  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  self->size_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->anchor_m = self->anchor_c = -1;

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->table, keys);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_grid_pressed), self);
  gtk_widget_add_controller (self->table, GTK_EVENT_CONTROLLER (click));


  g_signal_connect (self->findings_panel, "activated", G_CALLBACK (on_finding_activated), self);
  /* Funders are renamed in the grid and come back with Ctrl+Z: the menus
   * are made again each time they open. */
  g_signal_connect_swapped (self->funders_popover, "show", G_CALLBACK (rebuild_popovers), self);
  g_signal_connect_swapped (self->years_popover, "show", G_CALLBACK (rebuild_popovers), self);
  g_signal_connect (self->funders_popover, "add-funder", G_CALLBACK (on_add_funder), self);
  g_signal_connect (self->funders_popover, "remove-funder", G_CALLBACK (on_remove_funder), self);
  g_signal_connect (self->years_popover, "add-year", G_CALLBACK (on_add_year), self);
  g_signal_connect (self->years_popover, "remove-year", G_CALLBACK (on_remove_year), self);
  update_actions (self);
}

EssFundingPage *
ess_funding_page_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_FUNDING_PAGE, "store", store, NULL);
}
