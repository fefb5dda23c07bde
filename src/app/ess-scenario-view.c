/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Scénarios" view: choose scenarios, compare them side by side with charts, and edit them. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-history-page.h"
#include "ess-money.h"
#include "ess-scenario-charts.h"
#include "ess-scenario-report.h"
#include "ess-scenario-view.h"
#include "ess-store-scenarios.h"

#define MAX_COMPARED 4
#define MAX_PORTFOLIO_ROWS 100

/* What an input of the editor changes. */
typedef enum
{
  FIELD_NAME,
  FIELD_FIRST_YEAR,
  FIELD_LAST_YEAR,
  FIELD_DESCRIPTION,
  FIELD_FOR,
  FIELD_AGAINST,
  FIELD_KIND,
  FIELD_PORTFOLIO,
  FIELD_LINE_LABEL,
  FIELD_LINE_NATURE,
  FIELD_LINE_HYPOTHESIS,
  FIELD_LINE_METROPOLE,
  FIELD_LINE_COFUNDERS,
  FIELD_ASSUMPTION,
  FIELD_HYPOTHESIS,
  FIELD_REACH_PROJECTS,
  FIELD_REACH_CENTS,
  FIELD_REACH_COMMUNES,
  FIELD_REACH_HYPOTHESIS,
  FIELD_TERRITORY_PROJECTS,
  FIELD_TERRITORY_CENTS,
  FIELD_TREATMENT,
} Field;

typedef struct
{
  EssScenarioView *view;
  Field            field;
  guint            index;   /* line, assumption or size class */
  int              year;
  gint64           id;      /* territory or dossier */
} Target;

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
  GHashTable     *entries;         /* "kind:index:year" -> GtkWidget, of the editor */
  guint           updating;
  guint           saving;
  guint           rebuild_idle;
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
  GtkWidget      *editor_box;
  GtkLabel       *edit_summary;
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
static void refresh_summary    (EssScenarioView *self);
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

static gboolean
rebuild_editor_idle (gpointer user_data)
{
  EssScenarioView *self = user_data;

  self->rebuild_idle = 0;
  rebuild_editor (self);
  return G_SOURCE_REMOVE;
}

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
      /* Not now: @widget may be an input of the editor being left. */
      if (self->rebuild_idle == 0)
        self->rebuild_idle = g_idle_add (rebuild_editor_idle, self);
    }
  else if (column >= 0 && self->comparison != NULL)
    {
      ess_comparison_update (self->comparison, (guint) column, edited, self->portfolio);
      refresh_values (self);
    }
  refresh_summary (self);
  return TRUE;
}

static char *
format_centi (EssAssumption assumption,
              gint64        value)
{
  if (ess_assumption_info (assumption)->unit == ESS_UNIT_COUNT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return ess_centi_format (value);
}

static gboolean
parse_count (const char  *text,
             gint64      *out,
             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 value;

  if (!g_ascii_string_to_unsigned (stripped, 10, 0, 1000000, &value, NULL))
    {
      g_set_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID,
                   _("“%s” is not a number: expected a whole number from 0 to 1 000 000."), text);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_amount (const char  *text,
              gint64      *out,
              GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!ess_money_parse (text, out, &local) || *out < 0)
    {
      g_set_error (error, ESS_SCENARIO_ERROR, ESS_SCENARIO_ERROR_INVALID,
                   _("“%s” is not an amount: expected euros such as 110 000 or 17 000,50."), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_assumption (EssAssumption  assumption,
                  const char    *text,
                  gint64        *out,
                  GError       **error)
{
  if (ess_assumption_info (assumption)->unit == ESS_UNIT_COUNT)
    return parse_count (text, out, error);
  return ess_centi_parse (text, out, error);
}

static char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
commit (GtkWidget *widget)
{
  Target *target = g_object_get_data (G_OBJECT (widget), "target");
  EssScenarioView *self;
  g_autoptr(EssScenario) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EssScenario *current;
  EssScenarioYear *year;
  EssLineAmount *amount;
  EssScenarioLine *line = NULL;
  gint64 value = 0;
  gboolean ok = TRUE;

  if (target == NULL || target->view->store == NULL || target->view->updating)
    return;
  self = target->view;
  current = find_scenario (self, self->selected_id, NULL);
  if (current == NULL)
    return;

  edited = ess_scenario_copy (current);
  text = GTK_IS_DROP_DOWN (widget) ? NULL : widget_text (widget);
  year = ess_scenario_get_year (edited, target->year);
  if (target->index < edited->lines->len)
    line = g_ptr_array_index (edited->lines, target->index);

  switch (target->field)
    {
    case FIELD_NAME:
      g_free (edited->name);
      edited->name = g_strstrip (g_strdup (text));
      break;
    case FIELD_FIRST_YEAR:
    case FIELD_LAST_YEAR:
      ok = parse_count (text, &value, &error) &&
           ess_scenario_set_horizon (edited,
                                     target->field == FIELD_FIRST_YEAR ? (int) value : edited->first_year,
                                     target->field == FIELD_LAST_YEAR ? (int) value : edited->last_year,
                                     &error);
      break;
    case FIELD_DESCRIPTION:
      g_free (edited->description);
      edited->description = g_steal_pointer (&text);
      break;
    case FIELD_FOR:
      g_free (edited->arguments_for);
      edited->arguments_for = g_steal_pointer (&text);
      break;
    case FIELD_AGAINST:
      g_free (edited->arguments_against);
      edited->arguments_against = g_steal_pointer (&text);
      break;
    case FIELD_KIND:
      edited->kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
      break;
    case FIELD_PORTFOLIO:
      {
        GHashTableIter iter;
        gpointer key, treatment;

        edited->portfolio_default = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
        /* Overrides stay; those that now say the default are no longer ones. */
        g_hash_table_iter_init (&iter, edited->treatments);
        while (g_hash_table_iter_next (&iter, &key, &treatment))
          if ((EssTreatment) GPOINTER_TO_INT (treatment) == edited->portfolio_default)
            g_hash_table_iter_remove (&iter);
      }
      break;
    case FIELD_LINE_LABEL:
      g_free (line->label);
      line->label = g_strstrip (g_strdup (text));
      break;
    case FIELD_LINE_NATURE:
      line->nature = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)) == 0 ? ESS_NATURE_PROJECTS
                                                                              : ESS_NATURE_ENGINEERING;
      break;
    case FIELD_LINE_HYPOTHESIS:
      g_free (line->hypothesis);
      line->hypothesis = g_strstrip (g_strdup (text));
      break;
    case FIELD_LINE_METROPOLE:
    case FIELD_LINE_COFUNDERS:
      amount = ess_scenario_line_amount (edited, target->index, target->year);
      ok = amount != NULL && parse_amount (text, &value, &error);
      if (ok && target->field == FIELD_LINE_METROPOLE)
        amount->metropole = value;
      else if (ok)
        amount->cofunders = value;
      break;
    case FIELD_ASSUMPTION:
      ok = year != NULL && parse_assumption (target->index, text, &value, &error);
      if (ok)
        year->assumptions[target->index] = value;
      break;
    case FIELD_HYPOTHESIS:
      g_free (edited->hypotheses[target->index]);
      edited->hypotheses[target->index] = g_strstrip (g_strdup (text));
      break;
    case FIELD_REACH_PROJECTS:
    case FIELD_REACH_COMMUNES:
      ok = year != NULL && parse_count (text, &value, &error);
      if (ok && target->field == FIELD_REACH_PROJECTS)
        year->reach[target->index].projects = value;
      else if (ok)
        year->reach[target->index].communes = value;
      break;
    case FIELD_REACH_CENTS:
      ok = year != NULL && parse_amount (text, &value, &error);
      if (ok)
        year->reach[target->index].cents = value;
      break;
    case FIELD_REACH_HYPOTHESIS:
      g_free (edited->reach_hypothesis);
      edited->reach_hypothesis = g_strstrip (g_strdup (text));
      break;
    case FIELD_TERRITORY_PROJECTS:
    case FIELD_TERRITORY_CENTS:
      {
        gint64 projects = 0, cents = 0;

        for (guint i = 0; i < edited->territory_reach->len; i++)
          {
            const EssTerritoryReach *reach = &g_array_index (edited->territory_reach, EssTerritoryReach, i);
            if (reach->year == target->year && reach->territory_id == target->id)
              {
                projects = reach->projects;
                cents = reach->cents;
              }
          }
        if (target->field == FIELD_TERRITORY_PROJECTS)
          ok = parse_count (text, &projects, &error);
        else
          ok = parse_amount (text, &cents, &error);
        if (ok)
          ess_scenario_set_territory_reach (edited, target->year, target->id, projects, cents);
        value = cents;
      }
      break;
    case FIELD_TREATMENT:
      {
        guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
        /* 0 is "the scenario's default". */
        ess_scenario_set_treatment (edited, target->id,
                                    selected == 0 ? edited->portfolio_default : (EssTreatment) (selected - 1));
        if (selected == 0)
          g_hash_table_remove (edited->treatments, &target->id);
      }
      break;
    default:
      break;
    }

  if (!ok)
    {
      show_error (self, widget, error ? error->message : NULL);
      return;
    }
  if (apply_edit (self, edited, widget) && GTK_IS_ENTRY (widget))
    {
      g_autofree char *normalized = NULL;

      /* The value as it is kept: "150 000" becomes "150 000,00". */
      switch (target->field)
        {
        case FIELD_LINE_METROPOLE:
        case FIELD_LINE_COFUNDERS:
        case FIELD_REACH_CENTS:
        case FIELD_TERRITORY_CENTS:
          normalized = ess_money_format_plain (value);
          break;
        case FIELD_ASSUMPTION:
          normalized = format_centi (target->index, value);
          break;
        default:
          break;
        }
      if (normalized != NULL)
        {
          self->updating++;
          gtk_editable_set_text (GTK_EDITABLE (widget), normalized);
          self->updating--;
        }
    }
}

static void
on_entry_activate (GtkEntry *entry,
                   gpointer  user_data)
{
  commit (GTK_WIDGET (entry));
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  commit (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
on_dropdown_changed (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     gpointer     user_data)
{
  commit (GTK_WIDGET (dropdown));
}

static char *
entry_key (Field field,
           guint index,
           int   year)
{
  return g_strdup_printf ("%d:%u:%d", field, index, year);
}

static void
set_target (EssScenarioView *self,
            GtkWidget       *widget,
            Field            field,
            guint            index,
            int              year,
            gint64           id)
{
  Target *target = g_new0 (Target, 1);

  target->view = self;
  target->field = field;
  target->index = index;
  target->year = year;
  target->id = id;
  g_object_set_data_full (G_OBJECT (widget), "target", target, g_free);
  g_hash_table_insert (self->entries, entry_key (field, index, year), widget);
}

static GtkWidget *
make_entry (EssScenarioView *self,
            const char      *text,
            int              width_chars,
            Field            field,
            guint            index,
            int              year,
            gint64           id)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  if (width_chars <= 12)
    {
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width_chars);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
      gtk_widget_add_css_class (entry, "numeric");
    }
  set_target (self, entry, field, index, year, id);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), NULL);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

/* Names @widget for screen readers: the inputs of a grid have their row
 * and column headings only on screen. Returns @widget. */
static GtkWidget *
named (GtkWidget  *widget,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static GtkWidget *
named (GtkWidget  *widget,
       const char *format,
       ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return widget;
}

static GtkWidget *
make_text_view (EssScenarioView *self,
                const char      *text,
                Field            field)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 4);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 4);
  gtk_widget_set_size_request (view, -1, 60);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_add_css_class (view, "card");
  set_target (self, view, field, 0, 0, 0);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), NULL);
  gtk_widget_add_controller (view, focus);
  return view;
}

static GtkWidget *
make_dropdown (EssScenarioView    *self,
               const char * const *items,
               guint               selected,
               Field               field,
               guint               index,
               gint64              id)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  set_target (self, dropdown, field, index, 0, id);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_changed), NULL);
  return dropdown;
}

static GtkWidget *
section (GtkWidget  *box,
         const char *title,
         const char *hint)
{
  GtkWidget *heading = cell_label (title, 0, "title-4");
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (box), heading);
  if (hint != NULL)
    {
      GtkWidget *label = cell_label (hint, 0, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (GTK_BOX (box), grid);
  return grid;
}

static void
year_header (GtkGrid           *grid,
             const EssScenario *scenario,
             int                row,
             int                first_column)
{
  for (int year = scenario->first_year; year <= scenario->last_year; year++)
    {
      g_autofree char *label = g_strdup_printf ("%d", year);
      gtk_grid_attach (grid, cell_label (label, 1, "heading"), first_column + year - scenario->first_year, row, 1, 1);
    }
}

static void
on_add_line (GtkButton       *button,
             EssScenarioView *self)
{
  EssScenario *current = find_scenario (self, self->selected_id, NULL);
  g_autoptr(EssScenario) edited = NULL;
  g_autofree char *label = NULL;

  if (current == NULL)
    return;
  edited = ess_scenario_copy (current);
  /* The first default category the scenario lacks, or a numbered one. */
  for (const char * const *c = ess_scenario_default_categories (); *c != NULL && label == NULL; c++)
    {
      gboolean used = FALSE;
      for (guint l = 0; l < edited->lines->len; l++)
        used |= g_strcmp0 (((EssScenarioLine *) g_ptr_array_index (edited->lines, l))->label, *c) == 0;
      if (!used)
        label = g_strdup (*c);
    }
  if (label == NULL)
    label = g_strdup_printf (_("Line %u"), edited->lines->len + 1);
  ess_scenario_add_line (edited, label, ESS_NATURE_ENGINEERING);
  apply_edit (self, edited, GTK_WIDGET (button));
}

static void
on_remove_line (GtkButton       *button,
                EssScenarioView *self)
{
  EssScenario *current = find_scenario (self, self->selected_id, NULL);
  g_autoptr(EssScenario) edited = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "line"));

  if (current == NULL || index >= current->lines->len)
    return;
  edited = ess_scenario_copy (current);
  ess_scenario_remove_line (edited, index);
  apply_edit (self, edited, GTK_WIDGET (button));
}

static void
build_general (EssScenarioView   *self,
               const EssScenario *scenario)
{
  const char *kinds[ESS_N_SCENARIO_KINDS + 1] = { NULL };
  const char *treatments[ESS_N_TREATMENTS + 1] = { NULL };
  GtkWidget *grid = section (self->editor_box, _("Scenario"), NULL);
  GtkWidget *horizon = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *first = g_strdup_printf ("%d", scenario->first_year);
  g_autofree char *last = g_strdup_printf ("%d", scenario->last_year);
  GtkWidget *name = named (make_entry (self, scenario->name, 40, FIELD_NAME, 0, 0, 0), "%s", _("Name"));

  gtk_widget_set_hexpand (name, TRUE);
  int row = 0;

  for (guint k = 0; k < ESS_N_SCENARIO_KINDS; k++)
    kinds[k] = ess_scenario_kind_label (k);
  for (guint t = 0; t < ESS_N_TREATMENTS; t++)
    treatments[t] = ess_treatment_label (t);

  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Name"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), name, 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Kind"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), named (make_dropdown (self, kinds, scenario->kind, FIELD_KIND, 0, 0), "%s", _("Kind")), 1, row++, 1, 1);
  gtk_box_append (GTK_BOX (horizon), named (make_entry (self, first, 6, FIELD_FIRST_YEAR, 0, 0, 0), "%s",
                                            _("First year")));
  gtk_box_append (GTK_BOX (horizon), cell_label ("–", 0.5, NULL));
  gtk_box_append (GTK_BOX (horizon), named (make_entry (self, last, 6, FIELD_LAST_YEAR, 0, 0, 0), "%s",
                                            _("Last year")));
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Horizon"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), horizon, 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Ongoing APT dossiers"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), named (make_dropdown (self, treatments, scenario->portfolio_default,
                                                          FIELD_PORTFOLIO, 0, 0), "%s", _("Ongoing APT dossiers")),
                   1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Description"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), named (make_text_view (self, scenario->description, FIELD_DESCRIPTION), "%s", _("Description")), 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Arguments for"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), named (make_text_view (self, scenario->arguments_for, FIELD_FOR), "%s", _("Arguments for")), 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Arguments against"), 0, NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), named (make_text_view (self, scenario->arguments_against, FIELD_AGAINST), "%s", _("Arguments against")), 1, row++, 1, 1);
}

static void
build_budget (EssScenarioView   *self,
              const EssScenario *scenario)
{
  static const char *natures[] = { N_("Projects"), N_("Engineering"), NULL };
  const char *translated[] = { _(natures[0]), _(natures[1]), NULL };
  GtkWidget *grid = section (self->editor_box, _("Budget per year (€)"),
                             _("Each line with the Métropole’s share and the co-funders’ share; "
                               "the nature says whether it funds projects or engineering."));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add a Line"));
  int n_years = (int) ess_scenario_n_years (scenario);
  int row = 0;

  year_header (GTK_GRID (grid), scenario, row++, 2);
  for (guint l = 0; l < scenario->lines->len; l++)
    {
      const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      GtkWidget *label = named (make_entry (self, line->label, 24, FIELD_LINE_LABEL, l, 0, 0),
                                _("Budget line %u"), l + 1);

      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, l > 0 ? 10 : 0);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row, 2, 1);
      gtk_grid_attach (GTK_GRID (grid),
                       named (make_dropdown (self, translated, line->nature == ESS_NATURE_PROJECTS ? 0 : 1,
                                             FIELD_LINE_NATURE, l, 0),
                              _("%s, nature"), line->label),
                       2, row, MIN (2, n_years), 1);
      gtk_widget_set_tooltip_text (remove, _("Remove this line"));
      gtk_widget_set_halign (remove, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (remove), "line", GUINT_TO_POINTER (l));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_line), self);
      gtk_grid_attach (GTK_GRID (grid), remove, 2 + MIN (2, n_years), row++, 1, 1);

      for (int share = 0; share < 2; share++)
        {
          gtk_grid_attach (GTK_GRID (grid), cell_label (share == 0 ? _("Métropole") : _("Co-funders"), 0, "dim-label"),
                           1, row, 1, 1);
          for (int y = 0; y < n_years; y++)
            {
              const EssLineAmount *amount = &g_array_index (line->amounts, EssLineAmount, y);
              g_autofree char *text = ess_money_format_plain (share == 0 ? amount->metropole : amount->cofunders);
              gtk_grid_attach (GTK_GRID (grid),
                               named (make_entry (self, text, 9,
                                                  share == 0 ? FIELD_LINE_METROPOLE : FIELD_LINE_COFUNDERS,
                                                  l, scenario->first_year + y, 0),
                                      "%s, %s, %d", line->label, share == 0 ? _("Métropole") : _("Co-funders"),
                                      scenario->first_year + y),
                               2 + y, row, 1, 1);
            }
          row++;
        }
      gtk_grid_attach (GTK_GRID (grid), cell_label (_("Hypothesis"), 0, "dim-label"), 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), named (make_entry (self, line->hypothesis, 20, FIELD_LINE_HYPOTHESIS, l, 0, 0),
                                               "%s, %s", line->label, _("Hypothesis")),
                       2, row++, n_years, 1);
    }
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_line), self);
  gtk_grid_attach (GTK_GRID (grid), add, 0, row, 2, 1);
}

static void
build_assumptions (EssScenarioView   *self,
                   const EssScenario *scenario)
{
  GtkWidget *grid = section (self->editor_box, _("Assumptions"),
                             _("Staff times in days (12,5), staff in full-time equivalents (0,5). "
                               "Each value is a hypothesis: say where it comes from."));
  int n_years = (int) ess_scenario_n_years (scenario);
  int row = 0;

  year_header (GTK_GRID (grid), scenario, row++, 1);
  for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
    {
      GtkWidget *label = cell_label (ess_assumption_label (a), 0, NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
      for (int y = 0; y < n_years; y++)
        {
          g_autofree char *text = format_centi (a, g_array_index (scenario->years, EssScenarioYear, y).assumptions[a]);
          gtk_grid_attach (GTK_GRID (grid),
                           named (make_entry (self, text, 7, FIELD_ASSUMPTION, a, scenario->first_year + y, 0),
                                  "%s, %d", ess_assumption_label (a), scenario->first_year + y),
                           1 + y, row, 1, 1);
        }
      row++;
      gtk_grid_attach (GTK_GRID (grid), named (make_entry (self, scenario->hypotheses[a], 20, FIELD_HYPOTHESIS, a, 0, 0),
                                               "%s, %s", ess_assumption_label (a), _("Hypothesis")),
                       1, row++, n_years, 1);
    }
}

static void
build_reach (EssScenarioView   *self,
             const EssScenario *scenario)
{
  GtkWidget *grid = section (self->editor_box, _("Expected reach by commune size"), NULL);
  int n_years = (int) ess_scenario_n_years (scenario);
  int row = 0;
  static const Field fields[] = { FIELD_REACH_PROJECTS, FIELD_REACH_CENTS, FIELD_REACH_COMMUNES };

  year_header (GTK_GRID (grid), scenario, row++, 2);
  for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
    {
      g_autofree char *population = NULL;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, self->population.communes[c]);
      g_autofree char *share = ess_percent_format (self->population.population[c], self->population.total, 1);
      g_autofree char *title = NULL;
      const char *names[] = { _("Projects"), _("Amount (€)"), _("Communes") };

      population = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s commune, %s of the population",
                                                 "%s communes, %s of the population",
                                                 (gulong) self->population.communes[c]),
                                    count, share);
      title = g_strdup_printf ("%s (%s)", ess_size_class_label (c), population);
      gtk_grid_attach (GTK_GRID (grid), cell_label (title, 0, "heading"), 0, row++, 2 + n_years, 1);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          gtk_grid_attach (GTK_GRID (grid), cell_label (names[f], 0, "dim-label"), 1, row, 1, 1);
          for (int y = 0; y < n_years; y++)
            {
              const EssReach *reach = &g_array_index (scenario->years, EssScenarioYear, y).reach[c];
              g_autofree char *text = fields[f] == FIELD_REACH_CENTS
                                        ? ess_money_format_plain (reach->cents)
                                        : g_strdup_printf ("%" G_GINT64_FORMAT,
                                                           fields[f] == FIELD_REACH_PROJECTS ? reach->projects
                                                                                             : reach->communes);
              gtk_grid_attach (GTK_GRID (grid),
                               named (make_entry (self, text, 9, fields[f], c, scenario->first_year + y, 0),
                                      "%s, %s, %d", ess_size_class_label (c), names[f], scenario->first_year + y),
                               2 + y, row, 1, 1);
            }
          row++;
        }
    }
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Hypothesis"), 0, "dim-label"), 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), named (make_entry (self, scenario->reach_hypothesis, 20, FIELD_REACH_HYPOTHESIS, 0, 0, 0),
                                           "%s", _("Hypothesis")),
                   2, row, n_years, 1);

  grid = section (self->editor_box, _("Expected reach by territory"), NULL);
  row = 0;
  year_header (GTK_GRID (grid), scenario, row++, 2);
  for (guint t = 0; t < self->territory_ids->len; t++)
    {
      gint64 id = g_array_index (self->territory_ids, gint64, t);
      const char *names[] = { _("Projects"), _("Amount (€)") };

      gtk_grid_attach (GTK_GRID (grid), cell_label (g_hash_table_lookup (self->territory_names, &id), 0, NULL),
                       0, row, 1, 1);
      for (guint f = 0; f < 2; f++)
        {
          gtk_grid_attach (GTK_GRID (grid), cell_label (names[f], 0, "dim-label"), 1, row, 1, 1);
          for (int y = 0; y < n_years; y++)
            {
              gint64 value = 0;
              g_autofree char *text = NULL;

              for (guint i = 0; i < scenario->territory_reach->len; i++)
                {
                  const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);
                  if (reach->year == scenario->first_year + y && reach->territory_id == id)
                    value = f == 0 ? reach->projects : reach->cents;
                }
              text = f == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : ess_money_format_plain (value);
              gtk_grid_attach (GTK_GRID (grid),
                               named (make_entry (self, text, 9,
                                                  f == 0 ? FIELD_TERRITORY_PROJECTS : FIELD_TERRITORY_CENTS,
                                                  t, scenario->first_year + y, id),
                                      "%s, %s, %d", (char *) g_hash_table_lookup (self->territory_names, &id),
                                      names[f], scenario->first_year + y),
                               2 + y, row, 1, 1);
            }
          row++;
        }
    }
}

static void
build_portfolio (EssScenarioView   *self,
                 const EssScenario *scenario)
{
  GtkWidget *grid = section (self->editor_box, _("Ongoing APT dossiers"),
                             _("What the scenario does with each ongoing dossier once its term is reached; "
                               "unpaid balances are carried into the first year in every case."));
  int row = 0;

  if (self->portfolio->len == 0)
    gtk_grid_attach (GTK_GRID (grid), cell_label (_("No ongoing APT dossier."), 0, "dim-label"), 0, 0, 1, 1);

  /* A row per dossier is fine for the tens of dossiers of a real call;
   * past that, the others follow the default. */
  for (guint i = 0; i < MIN (self->portfolio->len, MAX_PORTFOLIO_ROWS); i++)
    {
      const EssPortfolioItem *item = g_ptr_array_index (self->portfolio, i);
      g_autofree char *amount = ess_money_format (item->amount);
      g_autofree char *text = g_strdup_printf ("%s — %s — %s", item->reference, item->title, amount);
      g_autofree char *by_default = g_strdup_printf (_("Default: %s"), ess_treatment_label (scenario->portfolio_default));
      const char *items[ESS_N_TREATMENTS + 2] = { by_default, NULL };
      gpointer value;
      guint selected = 0;
      GtkWidget *label = cell_label (text, 0, NULL);

      for (guint t = 0; t < ESS_N_TREATMENTS; t++)
        items[t + 1] = ess_treatment_label (t);
      if (g_hash_table_lookup_extended (scenario->treatments, &item->dossier_id, NULL, &value))
        selected = (guint) GPOINTER_TO_INT (value) + 1;
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), named (make_dropdown (self, items, selected, FIELD_TREATMENT, i, item->dossier_id),
                                               "%s", item->reference),
                       1, row++, 1, 1);
    }
  if (self->portfolio->len > MAX_PORTFOLIO_ROWS)
    {
      guint others = self->portfolio->len - MAX_PORTFOLIO_ROWS;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u other dossier follows the scenario’s default.",
                                                            "%u other dossiers follow the scenario’s default.",
                                                            others), others);
      gtk_grid_attach (GTK_GRID (grid), cell_label (text, 0, "dim-label"), 0, row, 2, 1);
    }
}

static void
build_history (EssScenarioView   *self,
               const EssScenario *scenario)
{
  g_autoptr(GPtrArray) events = ess_store_scenario_history (self->store, scenario->id, NULL);
  GtkWidget *expander = gtk_expander_new (_("History of the scenario"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; events != NULL && i < MIN (events->len, 200); i++)
    {
      const EssHistoryEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = ess_history_page_format_time (event->at);
      g_autofree char *text = g_strdup_printf ("%s — %s — %s", when, event->author, event->comment);
      GtkWidget *label = cell_label (text, 0, NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (events == NULL || events->len == 0)
    gtk_box_append (GTK_BOX (box), cell_label (_("No change yet."), 0, "dim-label"));
  gtk_expander_set_child (GTK_EXPANDER (expander), box);
  gtk_widget_set_margin_top (expander, 12);
  gtk_box_append (GTK_BOX (self->editor_box), expander);
}

/* What the scenario being edited comes to, above its inputs, so that an
 * edit shows its effect where it is made. */
static void
refresh_summary (EssScenarioView *self)
{
  EssScenario *scenario = find_scenario (self, self->selected_id, NULL);
  g_autoptr(EssScenarioOutcome) outcome = NULL;
  g_autofree char *metropole = NULL;
  g_autofree char *cofunders = NULL;
  g_autofree char *projects = NULL;
  g_autofree char *load = NULL;
  g_autofree char *carried = NULL;
  g_autofree char *text = NULL;
  const EssScenarioFigures *h;
  gboolean has_load;
  gint64 value = 0;

  if (scenario == NULL)
    {
      gtk_label_set_text (self->edit_summary, "");
      return;
    }
  outcome = ess_scenario_compute (scenario, self->portfolio);
  h = &outcome->horizon;
  metropole = ess_money_format (h->metropole);
  cofunders = ess_money_format (h->cofunders);
  projects = ess_scenario_indicator_format (ESS_SCENARIO_INDICATOR_PROJECTS, TRUE, h->projects);
  has_load = ess_scenario_indicator_value (ESS_SCENARIO_INDICATOR_STAFF_LOAD, h, &self->population, &value);
  load = ess_scenario_indicator_format (ESS_SCENARIO_INDICATOR_STAFF_LOAD, has_load, value);
  ess_scenario_indicator_value (ESS_SCENARIO_INDICATOR_PORTFOLIO, h, &self->population, &value);
  carried = ess_money_format (value);
  text = g_strdup_printf (_("%d–%d: Métropole %s, co-funders %s · %s projects · staff load %s · "
                            "ongoing APT dossiers carried %s"),
                          scenario->first_year, scenario->last_year, metropole, cofunders, projects, load, carried);
  gtk_label_set_text (self->edit_summary, outcome->overflow ? _("The figures are too large to be added up.") : text);
}

static void
rebuild_editor (EssScenarioView *self)
{
  EssScenario *scenario = find_scenario (self, self->selected_id, NULL);

  refresh_summary (self);

  self->updating++;
  g_hash_table_remove_all (self->entries);
  clear_container (self->editor_box);
  if (scenario == NULL)
    {
      gtk_box_append (GTK_BOX (self->editor_box), cell_label (_("Select a scenario in the list to edit it."), 0.5,
                                                              "dim-label"));
      self->updating--;
      return;
    }

  build_general (self, scenario);
  build_budget (self, scenario);
  build_assumptions (self, scenario);
  build_reach (self, scenario);
  build_portfolio (self, scenario);
  build_history (self, scenario);
  self->updating--;
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

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  self->disposing = TRUE;
  if (self->store != NULL)
    flush_pending (self);
  g_clear_pointer (&self->pending, ess_scenario_free);
  /* Inputs that lose their focus while going must not write. */
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_SCENARIO_VIEW);
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
  g_clear_pointer (&self->entries, g_hash_table_unref);

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
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, editor_box);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioView, edit_summary);

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
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->budget_area), draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->staff_area), draw_chart, self, NULL);
  g_signal_connect (self->scenario_list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected), self);
  g_signal_connect (self->chart_figures, "notify::expanded", G_CALLBACK (on_chart_figures_expanded), self);
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
  g_autofree char *key = entry_key (cofunders ? FIELD_LINE_COFUNDERS : FIELD_LINE_METROPOLE, line, year);

  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return g_hash_table_lookup (self->entries, key);
}

GtkWidget *
ess_scenario_view_get_assumption_entry (EssScenarioView *self,
                                        EssAssumption    assumption,
                                        int              year)
{
  g_autofree char *key = entry_key (FIELD_ASSUMPTION, assumption, year);

  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return g_hash_table_lookup (self->entries, key);
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
  g_autofree char *key = entry_key (FIELD_TREATMENT, index, 0);

  g_return_val_if_fail (ESS_IS_SCENARIO_VIEW (self), NULL);
  return g_hash_table_lookup (self->entries, key);
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
  return gtk_label_get_text (self->edit_summary);
}
