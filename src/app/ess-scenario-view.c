/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Scénarios" view: choose scenarios, compare them side by side with charts, and edit them. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-money.h"
#include "ess-scenario-charts.h"
#include "ess-scenario-editor.h"
#include "ess-scenario-report.h"
#include "ess-scenario-view.h"
#include "ess-store-scenarios.h"

#define MAX_COMPARED 4

struct _EssScenarioView
{
  GtkWidget       parent_instance;

  EssStore       *store;
  GPtrArray      *scenarios;       /* EssScenario, as stored */
  GPtrArray      *portfolio;       /* EssPortfolioItem */
  EssPopulation   population;
  GArray         *territory_ids;   /* gint64, by id */
  GHashTable     *territory_names; /* gint64* -> char* */
  GArray         *compared_ids;    /* gint64, in list order */
  gint64          reference_id;
  gint64          selected_id;
  int             year;            /* 0: the whole horizon */
  EssComparison  *comparison;
  EssChart       *budget_chart;
  EssChart       *staff_chart;
  GPtrArray      *value_labels;    /* GtkLabel, [row * n + column] */
  GPtrArray      *difference_labels;
  guint           updating;
  guint           saving;
  guint           save_idle;
  EssScenario    *pending;         /* shown, not yet written */
  gboolean        portfolio_dirty;
  gboolean        disposing;

  GtkWidget      *paned;
  GtkListBox     *scenario_list;
  GtkDropDown    *year_dropdown;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkStack       *pages;
  GtkWidget      *compare_placeholder;
  GtkGrid        *table_grid;
  GtkWidget      *charts_box;
  GtkWidget      *budget_area;
  GtkWidget      *staff_area;
  GtkWidget      *arguments_box;
  GtkWidget      *chart_figures;
  GtkWidget      *chart_figures_box;
  GtkBox         *edit_page;
  EssScenarioEditor *editor;
};

G_DEFINE_FINAL_TYPE (EssScenarioView, ess_scenario_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_comparison (EssScenarioView *self);
static void rebuild_editor     (EssScenarioView *self);
static void rebuild_list       (EssScenarioView *self);
static void reload             (EssScenarioView *self);
static gboolean flush_pending  (EssScenarioView *self);

static EssScenario *
find_scenario (EssScenarioView *self,
               gint64           id,
               guint           *index)
{
  for (guint i = 0; self->scenarios && i < self->scenarios->len; i++)
    {
      EssScenario *scenario = g_ptr_array_index (self->scenarios, i);
      if (scenario->id == id)
        {
          if (index)
            *index = i;
          return scenario;
        }
    }
  return NULL;
}

static int
compared_index (EssScenarioView *self,
                gint64           id)
{
  for (guint i = 0; i < self->compared_ids->len; i++)
    if (g_array_index (self->compared_ids, gint64, i) == id)
      return (int) i;
  return -1;
}

static void
clear_container (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

static void
show_error (EssScenarioView *self,
            GtkWidget       *widget,
            const char      *message)
{
  if (widget != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
    }
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Loading */

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
load_reference (EssScenarioView *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&self->portfolio, g_ptr_array_unref);
  self->portfolio = ess_store_scenario_portfolio (self->store, &error);
  if (self->portfolio == NULL)
    {
      show_error (self, NULL, error->message);
      self->portfolio = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_portfolio_item_free);
      g_clear_error (&error);
    }
  if (!ess_store_population (self->store, &self->population, &error))
    {
      show_error (self, NULL, error->message);
      g_clear_error (&error);
    }

  g_clear_pointer (&self->territory_names, g_hash_table_unref);
  self->territory_names = ess_store_territory_names (self->store, &error);
  if (self->territory_names == NULL)
    self->territory_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_array_set_size (self->territory_ids, 0);
  g_hash_table_iter_init (&iter, self->territory_names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (self->territory_ids, *(gint64 *) key);
  g_array_sort (self->territory_ids, compare_int64);
  ess_scenario_editor_set_reference (self->editor, self->portfolio, &self->population,
                                     self->territory_ids, self->territory_names);
}

static void
reload (EssScenarioView *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *scenarios;

  /* An edit being written would be lost otherwise; a refused one is
   * dropped, since reload() is what shows the stored scenario again. */
  if (self->pending != NULL && self->saving == 0)
    flush_pending (self);
  scenarios = ess_store_list_scenarios (self->store, &error);

  if (scenarios == NULL)
    {
      show_error (self, NULL, error->message);
      return;
    }
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  self->scenarios = scenarios;

  /* Scenarios that went away leave the comparison. */
  for (guint i = self->compared_ids->len; i > 0; i--)
    if (find_scenario (self, g_array_index (self->compared_ids, gint64, i - 1), NULL) == NULL)
      g_array_remove_index (self->compared_ids, i - 1);
  if (self->compared_ids->len == 0)
    for (guint i = 0; i < MIN (scenarios->len, 3); i++)
      g_array_append_val (self->compared_ids, ((EssScenario *) g_ptr_array_index (scenarios, i))->id);
  if (compared_index (self, self->reference_id) < 0)
    self->reference_id = self->compared_ids->len ? g_array_index (self->compared_ids, gint64, 0) : 0;
  if (find_scenario (self, self->selected_id, NULL) == NULL)
    self->selected_id = scenarios->len ? ((EssScenario *) g_ptr_array_index (scenarios, 0))->id : 0;

  rebuild_list (self);
  rebuild_comparison (self);
  rebuild_editor (self);
}

static void
refresh_portfolio (EssScenarioView *self)
{
  self->portfolio_dirty = FALSE;
  load_reference (self);
  rebuild_comparison (self);
  rebuild_editor (self);
}

static void
on_store_changed (EssStore        *store,
                  const char      *what,
                  EssScenarioView *self)
{
  if (self->saving)
    return;
  if (g_str_equal (what, "dossiers"))
    {
      /* Dossiers change all day long in the other view: the portfolio is
       * read again when this view is shown, not at each keystroke there. */
      self->portfolio_dirty = TRUE;
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        refresh_portfolio (self);
    }
  else if (g_str_equal (what, "scenarios") || g_str_equal (what, "reference"))
    {
      load_reference (self);
      reload (self);
    }
}

/* The comparison */

static GtkWidget *
cell_label (const char *text,
            float       xalign,
            const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* The figures of @chart as a table: a row per scenario and category, a
 * column per year; what the bars show, to read or to copy. */
static void
append_chart_table (GtkWidget      *box,
                    const EssChart *chart)
{
  GtkWidget *grid = gtk_grid_new ();
  guint ng = ess_chart_get_n_groups (chart), nb = ess_chart_get_n_bars (chart), ns = ess_chart_get_n_series (chart);
  int row = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_box_append (GTK_BOX (box), cell_label (ess_chart_get_title (chart), 0, "heading"));
  for (guint g = 0; g < ng; g++)
    gtk_grid_attach (GTK_GRID (grid), cell_label (ess_chart_get_group (chart, g), 1, "heading"), 2 + (int) g, 0, 1, 1);

  for (guint b = 0; b < nb; b++)
    for (guint s = 0; s < ns; s++)
      {
        gboolean any = FALSE;
        g_autofree char *letter = ess_scenario_letter (b);

        for (guint g = 0; g < ng; g++)
          any |= ess_chart_get_value (chart, g, b, s) != 0;
        if (!any)
          continue;
        gtk_grid_attach (GTK_GRID (grid), cell_label (letter, 0, "heading"), 0, row, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), cell_label (ns > 1 ? ess_chart_get_series (chart, s)
                                                             : ess_chart_get_bar (chart, b), 0, NULL),
                         1, row, 1, 1);
        for (guint g = 0; g < ng; g++)
          {
            g_autofree char *value = ess_chart_format_exact (ess_chart_get_scale (chart),
                                                             ess_chart_get_value (chart, g, b, s));
            gtk_grid_attach (GTK_GRID (grid), cell_label (value, 1, "numeric"), 2 + (int) g, row, 1, 1);
          }
        row++;
      }
  gtk_box_append (GTK_BOX (box), grid);
}

static void
refresh_charts (EssScenarioView *self)
{
  g_clear_pointer (&self->budget_chart, ess_chart_free);
  g_clear_pointer (&self->staff_chart, ess_chart_free);
  clear_container (self->chart_figures_box);
  if (self->comparison == NULL)
    return;
  self->budget_chart = ess_scenario_chart_budget (self->comparison);
  self->staff_chart = ess_scenario_chart_staff (self->comparison);
  gtk_widget_queue_draw (self->budget_area);
  gtk_widget_queue_draw (self->staff_area);
  /* Made only when opened: the tables are many labels. */
  if (gtk_expander_get_expanded (GTK_EXPANDER (self->chart_figures)))
    {
      append_chart_table (self->chart_figures_box, self->budget_chart);
      append_chart_table (self->chart_figures_box, self->staff_chart);
    }
}

static void
on_chart_figures_expanded (GtkExpander     *expander,
                           GParamSpec      *pspec,
                           EssScenarioView *self)
{
  clear_container (self->chart_figures_box);
  if (gtk_expander_get_expanded (expander) && self->budget_chart != NULL)
    {
      append_chart_table (self->chart_figures_box, self->budget_chart);
      append_chart_table (self->chart_figures_box, self->staff_chart);
    }
}

static GtkWidget *
argument_block (const char *heading,
                const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = cell_label (heading, 0, "heading");
  GtkWidget *body = cell_label (text && *text ? text : "—", 0, NULL);

  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 50);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  return box;
}

static void
refresh_arguments (EssScenarioView *self)
{
  clear_container (self->arguments_box);
  if (self->comparison == NULL)
    return;

  for (guint i = 0; i < self->comparison->scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (self->comparison->scenarios, i);
      g_autofree char *letter = ess_scenario_letter (i);
      g_autofree char *title = g_strdup_printf ("%s  %s", letter, scenario->name);
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *name = cell_label (title, 0, "title-4");

      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_valign (column, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (column), name);
      gtk_box_append (GTK_BOX (column), argument_block (_("For"), scenario->arguments_for));
      gtk_box_append (GTK_BOX (column), argument_block (_("Against"), scenario->arguments_against));
      gtk_box_append (GTK_BOX (self->arguments_box), column);
    }
}

static void
refresh_values (EssScenarioView *self)
{
  guint n;

  if (self->comparison == NULL)
    return;

  n = self->comparison->scenarios->len;
  for (guint r = 0; r < ESS_N_SCENARIO_INDICATORS; r++)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *value = ess_comparison_cell (self->comparison, r, i);
        g_autofree char *difference = ess_comparison_difference (self->comparison, r, i);

        gtk_label_set_text (g_ptr_array_index (self->value_labels, r * n + i), value);
        gtk_label_set_text (g_ptr_array_index (self->difference_labels, r * n + i), difference);
      }
  /* The amounts by territory follow the indicators. */
  for (guint t = 0; t < self->comparison->territory_ids->len; t++)
    for (guint i = 0; i < n; i++)
      {
        guint r = ESS_N_SCENARIO_INDICATORS + t;
        g_autofree char *value = ess_money_format (ess_comparison_territory_cents (self->comparison, t, i));
        g_autofree char *difference = ess_comparison_territory_difference (self->comparison, t, i);

        gtk_label_set_text (g_ptr_array_index (self->value_labels, r * n + i), value);
        gtk_label_set_text (g_ptr_array_index (self->difference_labels, r * n + i), difference);
      }
  refresh_charts (self);
  refresh_arguments (self);
}

static void
rebuild_years (EssScenarioView *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  guint selected = 0;
  int first = 0, last = -1;

  if (self->comparison != NULL)
    ess_comparison_years (self->comparison, &first, &last);
  gtk_string_list_append (years, _("Whole horizon"));
  for (int year = first; year <= last; year++)
    {
      g_autofree char *label = g_strdup_printf ("%d", year);
      gtk_string_list_append (years, label);
      if (year == self->year)
        selected = (guint) (year - first + 1);
    }
  if (selected == 0)
    self->year = 0;

  self->updating++;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating--;
}

static void
rebuild_comparison (EssScenarioView *self)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  guint reference = 0;
  guint n;

  g_clear_pointer (&self->comparison, ess_comparison_free);
  g_ptr_array_set_size (self->value_labels, 0);
  g_ptr_array_set_size (self->difference_labels, 0);
  clear_container (GTK_WIDGET (self->table_grid));

  for (guint i = 0; i < self->compared_ids->len; i++)
    {
      gint64 id = g_array_index (self->compared_ids, gint64, i);
      EssScenario *scenario = find_scenario (self, id, NULL);
      if (scenario == NULL)
        continue;
      if (id == self->reference_id)
        reference = chosen->len;
      g_ptr_array_add (chosen, scenario);
    }

  gtk_widget_set_visible (self->compare_placeholder, chosen->len < 2);
  gtk_widget_set_visible (GTK_WIDGET (self->table_grid), chosen->len >= 2);
  gtk_widget_set_visible (self->charts_box, chosen->len >= 2);
  gtk_widget_set_visible (self->chart_figures, chosen->len >= 2);
  gtk_widget_set_visible (self->arguments_box, chosen->len >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.export-csv", chosen->len >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.export-pdf", chosen->len >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.print", chosen->len >= 2);

  if (chosen->len < 2)
    {
      refresh_charts (self);
      refresh_arguments (self);
      rebuild_years (self);
      return;
    }

  self->comparison = ess_comparison_new (chosen, self->portfolio, &self->population, reference, 0);
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    for (guint t = 0; t < self->territory_ids->len; t++)
      g_ptr_array_add (names, g_hash_table_lookup (self->territory_names,
                                                   &g_array_index (self->territory_ids, gint64, t)));
    ess_comparison_set_territories (self->comparison, (const gint64 *) self->territory_ids->data,
                                    (const char * const *) names->pdata, self->territory_ids->len);
  }
  rebuild_years (self);
  self->comparison->year = self->year;

  n = chosen->len;
  for (guint i = 0; i < n; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (chosen, i);
      g_autofree char *letter = ess_scenario_letter (i);
      g_autofree char *title = g_strdup_printf ("%s  %s%s", letter, scenario->name,
                                                i == reference ? _(" (reference)") : "");
      GtkWidget *heading = cell_label (title, 1, "heading");

      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (heading), 24);
      gtk_label_set_justify (GTK_LABEL (heading), GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (heading, GTK_ALIGN_END);
      gtk_grid_attach (self->table_grid, heading, 1 + (int) i, 0, 1, 1);
    }

  for (guint r = 0; r < ESS_N_SCENARIO_INDICATORS + self->comparison->territory_ids->len; r++)
    {
      g_autofree char *label = r < ESS_N_SCENARIO_INDICATORS
                                 ? ess_comparison_row_label (self->comparison, r)
                                 : ess_comparison_territory_label (self->comparison, r - ESS_N_SCENARIO_INDICATORS);
      GtkWidget *row_label = cell_label (label, 0, NULL);

      gtk_label_set_wrap (GTK_LABEL (row_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (row_label), 36);
      gtk_widget_set_valign (row_label, GTK_ALIGN_START);
      gtk_grid_attach (self->table_grid, row_label, 0, 1 + (int) r, 1, 1);

      for (guint i = 0; i < n; i++)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *value = cell_label ("", 1, "numeric");
          GtkWidget *difference = cell_label ("", 1, "dim-label");

          if (i == reference)
            gtk_widget_add_css_class (value, "heading");
          gtk_widget_add_css_class (difference, "caption");
          gtk_box_append (GTK_BOX (box), value);
          gtk_box_append (GTK_BOX (box), difference);
          gtk_grid_attach (self->table_grid, box, 1 + (int) i, 1 + (int) r, 1, 1);
          g_ptr_array_add (self->value_labels, value);
          g_ptr_array_add (self->difference_labels, difference);
        }
    }

  refresh_values (self);
}

static void
on_year_selected (GtkDropDown     *dropdown,
                  GParamSpec      *pspec,
                  EssScenarioView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int first, last;

  if (self->updating || self->comparison == NULL)
    return;
  ess_comparison_years (self->comparison, &first, &last);
  self->year = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? 0 : first + (int) selected - 1;
  self->comparison->year = self->year;
  refresh_values (self);
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  EssScenarioView *self = user_data;
  const EssChart *chart = GTK_WIDGET (area) == self->budget_area ? self->budget_chart : self->staff_chart;

  if (chart != NULL)
    ess_chart_draw (chart, cr, width, height);
}

/* The list of scenarios */

static void
on_compare_toggled (GtkCheckButton  *button,
                    EssScenarioView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "scenario-id");
  int index = compared_index (self, id);

  if (self->updating)
    return;

  if (gtk_check_button_get_active (button) && index < 0)
    {
      if (self->compared_ids->len >= MAX_COMPARED)
        {
          self->updating++;
          gtk_check_button_set_active (button, FALSE);
          self->updating--;
          show_error (self, NULL, _("At most 4 scenarios can be compared: untick one first."));
          return;
        }
      /* Kept in list order, so that letters follow the list. */
      g_array_append_val (self->compared_ids, id);
      {
        g_autoptr(GArray) ordered = g_array_new (FALSE, FALSE, sizeof (gint64));
        for (guint i = 0; i < self->scenarios->len; i++)
          {
            gint64 sid = ((EssScenario *) g_ptr_array_index (self->scenarios, i))->id;
            if (compared_index (self, sid) >= 0)
              g_array_append_val (ordered, sid);
          }
        g_array_set_size (self->compared_ids, 0);
        g_array_append_vals (self->compared_ids, ordered->data, ordered->len);
      }
    }
  else if (!gtk_check_button_get_active (button) && index >= 0)
    g_array_remove_index (self->compared_ids, (guint) index);

  if (compared_index (self, self->reference_id) < 0)
    self->reference_id = self->compared_ids->len ? g_array_index (self->compared_ids, gint64, 0) : 0;
  show_error (self, NULL, NULL);
  rebuild_list (self);
  rebuild_comparison (self);
}

static void
on_reference_toggled (GtkCheckButton  *button,
                      EssScenarioView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "scenario-id");

  if (self->updating || !gtk_check_button_get_active (button))
    return;
  self->reference_id = id;
  rebuild_comparison (self);
}

static void
rebuild_list (EssScenarioView *self)
{
  GtkCheckButton *group = NULL;

  self->updating++;
  clear_container (GTK_WIDGET (self->scenario_list));
  for (guint i = 0; i < self->scenarios->len; i++)
    {
      const EssScenario *scenario = g_ptr_array_index (self->scenarios, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *compare = gtk_check_button_new ();
      GtkWidget *reference = gtk_check_button_new_with_label (_("Ref."));
      GtkWidget *name = cell_label (scenario->name, 0, NULL);
      g_autofree char *sub = g_strdup_printf ("%d–%d · %s", scenario->first_year, scenario->last_year,
                                              ess_scenario_kind_label (scenario->kind));
      GtkWidget *kind = cell_label (sub, 0, "dim-label");
      gboolean compared = compared_index (self, scenario->id) >= 0;

      g_object_set_data_full (G_OBJECT (row), "scenario-id", g_memdup2 (&scenario->id, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (compare), "scenario-id", g_memdup2 (&scenario->id, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (reference), "scenario-id", g_memdup2 (&scenario->id, sizeof (gint64)), g_free);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (compare), compared);
      gtk_widget_set_tooltip_text (compare, _("Compare this scenario"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (compare), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      scenario->name, -1);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (reference), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (reference);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (reference), scenario->id == self->reference_id);
      gtk_widget_set_sensitive (reference, compared);
      gtk_widget_set_tooltip_text (reference, _("The other scenarios are compared to this one"));

      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (kind), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (kind, "caption");
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), name);
      gtk_box_append (GTK_BOX (text), kind);
      gtk_box_append (GTK_BOX (box), compare);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (GTK_BOX (box), reference);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->scenario_list, row);
      if (scenario->id == self->selected_id)
        gtk_list_box_select_row (self->scenario_list, GTK_LIST_BOX_ROW (row));

      g_signal_connect (compare, "toggled", G_CALLBACK (on_compare_toggled), self);
      g_signal_connect (reference, "toggled", G_CALLBACK (on_reference_toggled), self);
    }
  self->updating--;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.duplicate", self->selected_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.delete", self->selected_id != 0);
}

static void
on_row_selected (GtkListBox      *list,
                 GtkListBoxRow   *row,
                 EssScenarioView *self)
{
  gint64 id;

  if (self->updating || row == NULL)
    return;
  id = *(gint64 *) g_object_get_data (G_OBJECT (row), "scenario-id");
  if (id == self->selected_id)
    return;
  self->selected_id = id;
  show_error (self, NULL, NULL);
  rebuild_editor (self);
}

/* Writing an edit */

/* Writes the pending edit; on refusal, says why and shows the stored
 * scenario again. Returns whether it was written. */
static gboolean
flush_pending (EssScenarioView *self)
{
  g_autoptr(EssScenario) pending = g_steal_pointer (&self->pending);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_idle, g_source_remove);
  if (pending == NULL || self->store == NULL)
    return TRUE;

  self->saving++;
  if (ess_store_save_scenario (self->store, pending, &error) == 0)
    {
      self->saving--;
      /* A view going away has nothing left to show it on. */
      if (self->disposing)
        g_warning ("A scenario edit could not be written: %s", error->message);
      else
        {
          reload (self);
          show_error (self, NULL, error->message);
        }
      return FALSE;
    }
  self->saving--;
  return TRUE;
}

static gboolean
save_idle (gpointer user_data)
{
  EssScenarioView *self = user_data;

  self->save_idle = 0;
  flush_pending (self);
  return G_SOURCE_REMOVE;
}

/* Shows @edited everywhere in place of the selected scenario at once, and
 * writes it right after, from the main loop: the figures follow the typing
 * without waiting for the disk. What the store would refuse is refused
 * here first, next to @widget, and changes nothing. */
static gboolean
apply_edit (EssScenarioView   *self,
            const EssScenario *edited,
            GtkWidget         *widget)
{
  g_autoptr(GError) error = NULL;
  EssScenario *current;
  gboolean structure;
  guint index;
  int column;

  current = find_scenario (self, edited->id, &index);
  if (current == NULL)
    return FALSE;
  if (ess_scenario_equal (current, edited))
    {
      show_error (self, widget, NULL);
      return TRUE;
    }
  if (!ess_scenario_validate (edited, &error))
    {
      show_error (self, widget, error->message);
      return FALSE;
    }
  for (guint i = 0; i < self->scenarios->len; i++)
    {
      const EssScenario *other = g_ptr_array_index (self->scenarios, i);
      if (other->id != edited->id && g_strcmp0 (other->name, edited->name) == 0)
        {
          g_autofree char *message = g_strdup_printf (_("A scenario named “%s” already exists: "
                                                        "choose another name."), edited->name);
          show_error (self, widget, message);
          return FALSE;
        }
    }
  show_error (self, widget, NULL);

  /* Another scenario's edit waiting is written first. */
  if (self->pending != NULL && self->pending->id != edited->id && !flush_pending (self))
    return FALSE;
  ess_scenario_free (self->pending);
  self->pending = ess_scenario_copy (edited);
  if (self->save_idle == 0)
    self->save_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_idle, self, NULL);

  structure = current->first_year != edited->first_year || current->last_year != edited->last_year ||
              current->lines->len != edited->lines->len || g_strcmp0 (current->name, edited->name) != 0 ||
              current->kind != edited->kind || current->portfolio_default != edited->portfolio_default;
  g_ptr_array_index (self->scenarios, index) = ess_scenario_copy (edited);
  ess_scenario_free (current);

  column = compared_index (self, edited->id);
  if (structure)
    {
      rebuild_list (self);
      if (column >= 0)
        rebuild_comparison (self);
    }
  else if (column >= 0 && self->comparison != NULL)
    {
      ess_comparison_update (self->comparison, (guint) column, edited, self->portfolio);
      refresh_values (self);
    }
  return TRUE;
}

static gboolean
on_editor_changed (EssScenarioEditor *editor,
                   const EssScenario *edited,
                   GtkWidget         *input,
                   EssScenarioView   *self)
{
  /* Inputs that lose their focus while the view goes must not write. */
  if (self->store == NULL)
    return FALSE;
  return apply_edit (self, edited, input);
}

static void
on_editor_invalid (EssScenarioEditor *editor,
                   GtkWidget         *input,
                   const char        *message,
                   EssScenarioView   *self)
{
  if (self->store != NULL)
    show_error (self, input, message);
}

static void
rebuild_editor (EssScenarioView *self)
{
  ess_scenario_editor_set_scenario (self->editor, find_scenario (self, self->selected_id, NULL));
}

/* Actions */

static char *
unique_name (EssScenarioView *self,
             const char      *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; ; n++)
    {
      gboolean taken = FALSE;
      for (guint i = 0; i < self->scenarios->len; i++)
        taken |= g_strcmp0 (((EssScenario *) g_ptr_array_index (self->scenarios, i))->name, name) == 0;
      if (!taken)
        return name;
      g_free (name);
      name = g_strdup_printf ("%s %u", base, n);
    }
}

static void
add_and_select (EssScenarioView   *self,
                const EssScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!flush_pending (self))
    return;

  self->saving++;
  id = ess_store_save_scenario (self->store, scenario, &error);
  self->saving--;
  if (id == 0)
    {
      show_error (self, NULL, error->message);
      return;
    }
  show_error (self, NULL, NULL);
  self->selected_id = id;
  if (self->compared_ids->len < MAX_COMPARED)
    g_array_append_val (self->compared_ids, id);
  reload (self);
  gtk_stack_set_visible_child_name (self->pages, "edit");
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EssScenarioView *self = ESS_SCENARIO_VIEW (widget);
  EssScenario *model = find_scenario (self, self->selected_id, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int first = model ? model->first_year : g_date_time_get_year (now) + 1;
  int last = model ? model->last_year : first + 5;
  g_autofree char *name = unique_name (self, _("New scenario"));
  g_autoptr(EssScenario) scenario = ess_scenario_new (name, ESS_SCENARIO_FREE, first, last);

  /* Projects of the APT, of the APP's territorial volet and co-funded
   * ones fund projects; the other default categories are engineering. */
  for (guint c = 0; ess_scenario_default_categories ()[c] != NULL; c++)
    ess_scenario_add_line (scenario, ess_scenario_default_categories ()[c],
                           c == 0 || c == 1 || c == 5 ? ESS_NATURE_PROJECTS : ESS_NATURE_ENGINEERING);
  for (guint y = 0; y < ess_scenario_n_years (scenario); y++)
    g_array_index (scenario->years, EssScenarioYear, y).assumptions[ESS_ASSUME_DAYS_PER_ETP] = 20000;
  g_free (scenario->hypotheses[ESS_ASSUME_DAYS_PER_ETP]);
  scenario->hypotheses[ESS_ASSUME_DAYS_PER_ETP] = g_strdup (_("Hypothesis: 200 working days a year for one ETP."));
  add_and_select (self, scenario);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EssScenarioView *self = ESS_SCENARIO_VIEW (widget);
  EssScenario *source = find_scenario (self, self->selected_id, NULL);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(EssScenario) copy = NULL;

  if (source == NULL)
    return;
  base = g_strdup_printf (_("%s (variant)"), source->name);
  name = unique_name (self, base);
  copy = ess_scenario_duplicate (source, name);
  add_and_select (self, copy);
}

static void
on_delete_response (GtkDialog       *dialog,
                    int              response,
                    EssScenarioView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "scenario-id");
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || !flush_pending (self))
    return;
  self->saving++;
  if (!ess_store_delete_scenario (self->store, id, &error))
    show_error (self, NULL, error->message);
  self->saving--;
  reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EssScenarioView *self = ESS_SCENARIO_VIEW (widget);
  EssScenario *scenario = find_scenario (self, self->selected_id, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *button;

  if (scenario == NULL)
    return;
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, _("Delete the scenario “%s”?"),
                                   scenario->name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Its figures and arguments are lost; its history keeps a trace."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Delete"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "scenario-id", g_memdup2 (&scenario->id, sizeof (gint64)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    EssScenarioView *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pdf"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->comparison != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
      if (pdf)
        ess_scenario_report_write_pdf (self->comparison, path, &error);
      else
        {
          g_autofree char *csv = ess_comparison_to_csv (self->comparison);
          g_file_set_contents (path, csv, -1, &error);
        }
      show_error (self, NULL, error ? error->message : NULL);
    }
  g_object_unref (dialog);
}

static void
export (EssScenarioView *self,
        gboolean         pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (pdf ? _("Export the Comparison as PDF") : _("Export the Comparison as CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     pdf ? _("scenario-comparison.pdf") : _("scenario-comparison.csv"));
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (ESS_SCENARIO_VIEW (widget), FALSE);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (ESS_SCENARIO_VIEW (widget), TRUE);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              EssScenarioView   *self)
{
  if (self->comparison != NULL)
    ess_scenario_report_draw_page (self->comparison, gtk_print_context_get_cairo_context (context),
                                   gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                                   (guint) page);
}

/* The print path: the dialog, or straight to a PDF file (@export_path). */
static gboolean
run_print (EssScenarioView  *self,
           const char       *export_path,
           GError          **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->comparison == NULL)
    return TRUE;
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_n_pages (operation, ESS_SCENARIO_REPORT_N_PAGES);
  gtk_print_operation_set_job_name (operation, _("Scenarios for the APT"));
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  return gtk_print_operation_run (operation,
                                  export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                              : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EssScenarioView *self = ESS_SCENARIO_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!run_print (self, NULL, &error))
    show_error (self, NULL, error->message);
}

/* GObject */

static void
ess_scenario_view_constructed (GObject *object)
{
  EssScenarioView *self = (EssScenarioView *) object;

  G_OBJECT_CLASS (ess_scenario_view_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, 0);
  ess_scenario_editor_set_store (self->editor, self->store);
  load_reference (self);
  reload (self);
}

static void
ess_scenario_view_map (GtkWidget *widget)
{
  EssScenarioView *self = (EssScenarioView *) widget;

  GTK_WIDGET_CLASS (ess_scenario_view_parent_class)->map (widget);
  if (self->portfolio_dirty && self->store != NULL)
    refresh_portfolio (self);
}

static void
ess_scenario_view_dispose (GObject *object)
{
  EssScenarioView *self = (EssScenarioView *) object;

  self->disposing = TRUE;
  if (self->store != NULL)
    flush_pending (self);
  g_clear_pointer (&self->pending, ess_scenario_free);
  /* Inputs that lose their focus while going must not write. */
  g_clear_object (&self->store);
  if (self->editor != NULL)
    ess_scenario_editor_set_store (self->editor, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_SCENARIO_VIEW);
  self->editor = NULL;
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_pointer (&self->portfolio, g_ptr_array_unref);
  g_clear_pointer (&self->territory_ids, g_array_unref);
  g_clear_pointer (&self->territory_names, g_hash_table_unref);
  g_clear_pointer (&self->compared_ids, g_array_unref);
  g_clear_pointer (&self->comparison, ess_comparison_free);
  g_clear_pointer (&self->budget_chart, ess_chart_free);
  g_clear_pointer (&self->staff_chart, ess_chart_free);
  g_clear_pointer (&self->value_labels, g_ptr_array_unref);
  g_clear_pointer (&self->difference_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (ess_scenario_view_parent_class)->dispose (object);
}

static void
ess_scenario_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EssScenarioView *self = ESS_SCENARIO_VIEW (object);

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
ess_scenario_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EssScenarioView *self = ESS_SCENARIO_VIEW (object);

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
ess_scenario_view_class_init (EssScenarioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_scenario_view_constructed;
  object_class->dispose = ess_scenario_view_dispose;
  object_class->set_property = ess_scenario_view_set_property;
  object_class->get_property = ess_scenario_view_get_property;
  widget_class->map = ess_scenario_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-scenario-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, paned);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, scenario_list);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, error_label);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, pages);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, compare_placeholder);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, table_grid);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, budget_area);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, staff_area);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, arguments_box);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, chart_figures);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, chart_figures_box);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, edit_page);

  gtk_widget_class_install_action (widget_class, "scenario.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "scenario.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "scenario.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "scenario.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "scenario.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "scenario.print", NULL, print_action);
}

static void
ess_scenario_view_init (EssScenarioView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->territory_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->compared_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->value_labels = g_ptr_array_new ();
  self->difference_labels = g_ptr_array_new ();
  self->editor = ess_scenario_editor_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->edit_page, GTK_WIDGET (self->editor));

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->budget_area), draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->staff_area), draw_chart, self, NULL);
  g_signal_connect (self->scenario_list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected), self);
  g_signal_connect (self->chart_figures, "notify::expanded", G_CALLBACK (on_chart_figures_expanded), self);
  g_signal_connect (self->editor, "changed", G_CALLBACK (on_editor_changed), self);
  g_signal_connect (self->editor, "invalid", G_CALLBACK (on_editor_invalid), self);
}

GtkWidget *
ess_scenario_view_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_SCENARIO_VIEW, "store", store, NULL);
}

GPtrArray *
ess_scenario_view_get_scenarios (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return self->scenarios;
}

gint64
ess_scenario_view_get_selected_id (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), 0);
  return self->selected_id;
}

void
ess_scenario_view_select_id (EssScenarioView *self,
                             gint64           id)
{
  g_return_if_fail (ESS_IS_SCENARIO_VIEW (self));
  if (find_scenario (self, id, NULL) == NULL)
    return;
  self->selected_id = id;
  rebuild_list (self);
  rebuild_editor (self);
}

void
ess_scenario_view_set_compared (EssScenarioView *self,
                                const gint64    *ids,
                                guint            n_ids,
                                gint64           reference_id)
{
  g_return_if_fail (ESS_IS_SCENARIO_VIEW (self));
  g_array_set_size (self->compared_ids, 0);
  for (guint i = 0; i < MIN (n_ids, MAX_COMPARED); i++)
    if (find_scenario (self, ids[i], NULL) != NULL)
      g_array_append_val (self->compared_ids, ids[i]);
  show_error (self, NULL, NULL);
  self->reference_id = compared_index (self, reference_id) >= 0 ? reference_id
                       : (self->compared_ids->len ? g_array_index (self->compared_ids, gint64, 0) : 0);
  rebuild_list (self);
  rebuild_comparison (self);
}

const EssComparison *
ess_scenario_view_get_comparison (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return self->comparison;
}

const EssChart *
ess_scenario_view_get_budget_chart (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return self->budget_chart;
}

const EssChart *
ess_scenario_view_get_staff_chart (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return self->staff_chart;
}

const char *
ess_scenario_view_get_cell_text (EssScenarioView      *self,
                                 EssScenarioIndicator  indicator,
                                 guint                 column,
                                 gboolean              difference)
{
  guint n;

  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  if (self->comparison == NULL)
    return NULL;
  n = self->comparison->scenarios->len;
  if (column >= n || indicator >= ESS_N_SCENARIO_INDICATORS)
    return NULL;
  return gtk_label_get_text (g_ptr_array_index (difference ? self->difference_labels : self->value_labels,
                                                indicator * n + column));
}

GtkWidget *
ess_scenario_view_get_amount_entry (EssScenarioView *self,
                                    guint            line,
                                    int              year,
                                    gboolean         cofunders)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return ess_scenario_editor_get_amount_entry (self->editor, line, year, cofunders);
}

GtkWidget *
ess_scenario_view_get_assumption_entry (EssScenarioView *self,
                                        EssAssumption    assumption,
                                        int              year)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return ess_scenario_editor_get_assumption_entry (self->editor, assumption, year);
}

const char *
ess_scenario_view_get_error (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_revealer) ? gtk_label_get_text (self->error_label) : "";
}

void
ess_scenario_view_show_page (EssScenarioView *self,
                             const char      *name)
{
  g_return_if_fail (ESS_IS_SCENARIO_VIEW (self));
  gtk_stack_set_visible_child_name (self->pages, name);
}

gboolean
ess_scenario_view_save_now (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), FALSE);
  return flush_pending (self);
}

GtkWidget *
ess_scenario_view_get_treatment_dropdown (EssScenarioView *self,
                                          guint            index)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return ess_scenario_editor_get_treatment_dropdown (self->editor, index);
}

gboolean
ess_scenario_view_print_to_file (EssScenarioView  *self,
                                 const char       *path,
                                 GError          **error)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), FALSE);
  return run_print (self, path, error);
}

const char *
ess_scenario_view_get_summary (EssScenarioView *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return ess_scenario_editor_get_summary (self->editor);
}
