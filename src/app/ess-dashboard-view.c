/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ess-bar-chart.h"
#include "ess-dashboard-view.h"
#include "ess-map-drawing.h"
#include "ess-money.h"
#include "ess-window-print.h"
#include "ess-preferences-window.h"
#include "ess-resources.h"
#include "ess-store-dashboard.h"
#include "ess-store-dossiers.h"
#include "ess-territory-map.h"

struct _EssDashboardView
{
  GtkWidget         parent_instance;

  EssStore         *store;
  EssDashboard     *dashboard;
  EssTerritoryMap  *map;
  GPtrArray        *scheme_ids;      /* char *, parallel to the dropdown after "every scheme" */
  EssDashMeasure    measure;
  guint             refresh_idle;
  gboolean          stale;         /* the store changed while the view was hidden */
  gboolean          blocking;

  GtkSpinButton    *first_year_spin;
  GtkSpinButton    *last_year_spin;
  GtkDropDown      *scheme_dropdown;
  GtkDropDown      *measure_dropdown;
  GtkWidget        *export_button;
  GtkWidget        *print_button;
  GtkWidget        *pdf_button;
  GtkWidget        *scroller;
  GtkBox           *content;
};

G_DEFINE_FINAL_TYPE (EssDashboardView, ess_dashboard_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SHOW_DOSSIERS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a bar chart on screen shows and what a click on a bar opens. */
typedef struct
{
  EssDashboardView *view;
  EssBarChart       chart;
  GStrv             categories;
  GStrv             series;
  gint64           *values;
  GPtrArray        *queries;    /* EssDossierQuery or NULL per category; NULL: not clickable */
} ChartData;

static void
chart_data_free (ChartData *data)
{
  g_strfreev (data->categories);
  g_strfreev (data->series);
  g_free (data->values);
  g_clear_pointer (&data->queries, g_ptr_array_unref);
  g_free (data);
}

static const char *
scheme_filter (EssDashboardView *self)
{
  guint selected = gtk_drop_down_get_selected (self->scheme_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->scheme_ids->len)
    return NULL;
  return g_ptr_array_index (self->scheme_ids, selected - 1);
}

/* A query for the dossiers of the period (one year: that year) and scheme. */
static EssDossierQuery *
base_query (EssDashboardView *self)
{
  EssDossierQuery *query = ess_dossier_query_new ();

  query->scheme = g_strdup (scheme_filter (self));
  if (self->dashboard != NULL && self->dashboard->first_year == self->dashboard->last_year)
    query->year = self->dashboard->first_year;
  return query;
}

static void
emit_show (EssDashboardView      *self,
           const EssDossierQuery *query)
{
  g_signal_emit (self, signals[SHOW_DOSSIERS], 0, query);
}

/* Tables. */

typedef enum
{
  CELL_TEXT,
  CELL_NUMBER,
} CellKind;

typedef struct
{
  EssDashboardView *view;
  GtkGrid          *grid;
  guint             n_columns;
  const CellKind   *kinds;
  guint             row;
} Table;

static void
table_init (Table              *table,
            EssDashboardView   *view,
            const char * const *headers,
            const CellKind     *kinds,
            guint               n_columns,
            const char         *accessible_label)
{
  table->view = view;
  table->grid = GTK_GRID (gtk_grid_new ());
  table->n_columns = n_columns;
  table->kinds = kinds;
  table->row = 1;
  gtk_grid_set_column_spacing (table->grid, 18);
  gtk_grid_set_row_spacing (table->grid, 4);
  gtk_widget_add_css_class (GTK_WIDGET (table->grid), "dashboard-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (table->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *label = gtk_label_new (headers[c]);

      gtk_label_set_xalign (GTK_LABEL (label), kinds[c] == CELL_NUMBER ? 1.0 : 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_justify (GTK_LABEL (label), kinds[c] == CELL_NUMBER ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_grid_attach (table->grid, label, (int) c, 0, 1, 1);
    }
}

static void
on_row_link (GtkButton *button,
             Table     *unused)
{
  EssDashboardView *self = g_object_get_data (G_OBJECT (button), "view");
  EssDossierQuery *query = g_object_get_data (G_OBJECT (button), "query");

  (void) unused;
  emit_show (self, query);
}

/* Adds a row; @query (taken), when not NULL, adds a button that opens the
 * dossiers of the row. */
static void
table_add (Table              *table,
           const char * const *cells,
           EssDossierQuery    *query)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      GtkWidget *label = gtk_label_new (cells[c]);

      gtk_label_set_xalign (GTK_LABEL (label), table->kinds[c] == CELL_NUMBER ? 1.0 : 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      if (table->kinds[c] == CELL_NUMBER)
        gtk_widget_add_css_class (label, "numeric");
      else
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
        }
      gtk_grid_attach (table->grid, label, (int) c, (int) table->row, 1, 1);
    }

  if (query != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Dossiers"));
      g_autofree char *tooltip = g_strdup_printf (_("Show the dossiers of “%s” in the list"), cells[0]);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data (G_OBJECT (button), "view", table->view);
      g_object_set_data_full (G_OBJECT (button), "query", query, (GDestroyNotify) ess_dossier_query_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_row_link), NULL);
      gtk_grid_attach (table->grid, button, (int) table->n_columns, (int) table->row, 1, 1);
    }
  table->row++;
}

/* Charts. */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  ChartData *data = user_data;

  (void) area;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ess_bar_chart_draw (cr, &data->chart, 0, 0, width, height);
}

static void
on_chart_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  ChartData       *data)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int category;

  (void) n_press;
  if (data->queries == NULL)
    return;
  category = ess_bar_chart_hit (&data->chart, gtk_widget_get_width (area), gtk_widget_get_height (area), x, y);
  if (category >= 0 && g_ptr_array_index (data->queries, category) != NULL)
    emit_show (data->view, g_ptr_array_index (data->queries, category));
}

static gboolean
on_chart_query_tooltip (GtkWidget  *area,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        ChartData  *data)
{
  g_autoptr(GString) text = NULL;
  int category;

  if (keyboard)
    return FALSE;
  category = ess_bar_chart_hit (&data->chart, gtk_widget_get_width (area), gtk_widget_get_height (area), x, y);
  if (category < 0)
    return FALSE;

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", data->categories[category]);
  for (guint s = 0; s < data->chart.n_series; s++)
    {
      g_autofree char *value = ess_chart_format_value (data->chart.unit, data->values[s * data->chart.n_categories + category]);
      g_autofree char *escaped = g_markup_escape_text (data->series[s], -1);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a series of a chart and its value in a tooltip */
      g_string_append_printf (text, _("%s: %s"), escaped, value);
    }
  if (data->queries != NULL && g_ptr_array_index (data->queries, category) != NULL)
    g_string_append_printf (text, "\n<i>%s</i>", _("Click to show these dossiers"));
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* A chart of @n_categories x @n_series values (series-major, taken). */
static GtkWidget *
chart_new (EssDashboardView *self,
           GStrv             categories,
           GStrv             series,
           gint64           *values,
           EssChartUnit      unit,
           GPtrArray        *queries,
           const char       *accessible_label)
{
  ChartData *data = g_new0 (ChartData, 1);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  data->view = self;
  data->categories = categories;
  data->series = series;
  data->values = values;
  data->queries = queries;
  data->chart.n_categories = g_strv_length (categories);
  data->chart.categories = (const char * const *) categories;
  data->chart.n_series = g_strv_length (series);
  data->chart.series = (const char * const *) series;
  data->chart.values = values;
  data->chart.unit = unit;
  data->chart.highlight = -1;

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 240);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, data, (GDestroyNotify) chart_data_free);
  gtk_widget_set_has_tooltip (area, TRUE);
  g_signal_connect (area, "query-tooltip", G_CALLBACK (on_chart_query_tooltip), data);
  g_signal_connect (click, "pressed", G_CALLBACK (on_chart_pressed), data);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  if (queries != NULL)
    gtk_widget_set_cursor_from_name (area, "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return area;
}

/* A card: a title, a sentence that answers the question, the chart and the
 * same figures as a table, one or the other at a time. */
static void
add_section (EssDashboardView *self,
             const char       *title,
             const char       *summary,
             GtkWidget        *chart,
             GtkWidget        *table)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *stack = gtk_stack_new ();

  gtk_widget_add_css_class (card, "dashboard-card");
  gtk_widget_add_css_class (heading, "title-4");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (header), heading);
  gtk_box_append (GTK_BOX (card), header);

  if (summary != NULL)
    {
      GtkWidget *label = gtk_label_new (summary);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (card), label);
    }

  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  if (chart != NULL)
    {
      GtkWidget *switcher = gtk_stack_switcher_new ();

      gtk_stack_add_titled (GTK_STACK (stack), chart, "chart", _("Chart"));
      gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (stack));
      gtk_widget_set_valign (switcher, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), switcher);
    }
  gtk_stack_add_titled (GTK_STACK (stack), table, "table", _("Table"));
  gtk_box_append (GTK_BOX (card), stack);
  gtk_box_append (self->content, card);
}

static char *
money (gint64 cents)
{
  return ess_money_format (cents);
}

static char *
share (gint64 part,
       gint64 whole)
{
  return ess_percent_format (part, whole, 1);
}

/* The sections. */

static void
add_years (EssDashboardView *self)
{
  const EssDashboard *d = self->dashboard;
  guint n = d->years->len;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  gint64 *values = g_new0 (gint64, 4 * n);
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_query_free);
  const char *series[] = { _("Envelope"), _("Proposed"), _("Granted"), _("Paid"), NULL };
  const char *headers[] = { _("Year"), _("Dossiers"), _("Envelope"), _("Proposed"), _("Granted"),
                            _("Paid"), _("Consumption") };
  const CellKind kinds[] = { CELL_TEXT, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER,
                             CELL_NUMBER, CELL_NUMBER };
  g_autofree char *summary = NULL;
  Table table;

  table_init (&table, self, headers, kinds, G_N_ELEMENTS (headers), _("Amounts per year"));
  for (guint i = 0; i < n; i++)
    {
      const EssDashYear *year = &g_array_index (d->years, EssDashYear, i);
      g_autofree char *label = g_strdup_printf ("%d", year->year);
      g_autofree char *count = g_strdup_printf ("%u", year->n_dossiers);
      g_autofree char *envelope = year->envelope_cents >= 0 ? money (year->envelope_cents) : g_strdup ("—");
      g_autofree char *proposed = money (year->proposed_cents);
      g_autofree char *year_granted = money (year->granted_cents);
      g_autofree char *year_paid = money (year->paid_cents);
      g_autofree char *consumption = year->envelope_cents > 0 ? share (year->granted_cents, year->envelope_cents)
                                                              : g_strdup ("—");
      const char *cells[] = { label, count, envelope, proposed, year_granted, year_paid, consumption };
      EssDossierQuery *query = base_query (self);

      query->year = year->year;
      g_strv_builder_add (categories, label);
      values[0 * n + i] = MAX (year->envelope_cents, 0);
      values[1 * n + i] = year->proposed_cents;
      values[2 * n + i] = year->granted_cents;
      values[3 * n + i] = year->paid_cents;
      g_ptr_array_add (queries, ess_dossier_query_copy (query));
      table_add (&table, cells, query);
    }

  summary = ess_dashboard_years_sentence (d);

  add_section (self, _("Envelope and amounts per year"), summary,
               chart_new (self, g_strv_builder_end (categories), g_strdupv ((char **) series), values,
                          ESS_CHART_MONEY, queries, _("Chart of the amounts per year")),
               GTK_WIDGET (table.grid));
}

/* g_strv_builder_take() is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

/* The territory map: shaded by amount per inhabitant. */
typedef struct
{
  EssDashboardView *view;
  EssMapShading    *shading;
  GStrv             tooltips;
  int               highlight;
} MapData;

static void
map_data_free (MapData *data)
{
  ess_map_shading_free (data->shading);
  g_strfreev (data->tooltips);
  g_free (data);
}

static void
draw_map (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  MapData *data = user_data;
  EssMapDrawing drawing = {
    .map = data->view->map,
    .classes = data->shading->classes,
    .values = (const char * const *) data->shading->values,
    .legend = (const char * const *) data->shading->legend,
    .legend_title = _("Amount per inhabitant"),
    .highlight = data->highlight,
  };

  (void) area;
  ess_map_draw (cr, &drawing, 0, 0, width, height);
}

static int
map_hit (GtkWidget *area,
         double     x,
         double     y)
{
  MapData *data = g_object_get_data (G_OBJECT (area), "map-data");
  double gx, gy;

  if (!ess_map_to_grid (0, 0, gtk_widget_get_width (area), gtk_widget_get_height (area), x, y, &gx, &gy))
    return 0;
  return ess_territory_map_hit (data->view->map, gx, gy);
}

static void
on_map_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                MapData         *data)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int territory = map_hit (area, x, y);
  g_autoptr(EssDossierQuery) query = NULL;

  (void) n_press;
  if (territory == 0)
    return;
  query = base_query (data->view);
  query->territory_id = territory;
  emit_show (data->view, query);
}

static void
on_map_motion (GtkEventControllerMotion *motion,
               double                    x,
               double                    y,
               MapData                  *data)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  int territory = map_hit (area, x, y);

  if (territory != data->highlight)
    {
      data->highlight = territory;
      gtk_widget_queue_draw (area);
    }
}

static gboolean
on_map_query_tooltip (GtkWidget  *area,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      MapData    *data)
{
  int territory;

  if (keyboard)
    return FALSE;
  territory = map_hit (area, x, y);
  for (guint i = 0; territory != 0 && i < data->view->map->tiles->len; i++)
    {
      EssMapTile *tile = g_ptr_array_index (data->view->map->tiles, i);
      if (tile->territory_id == territory)
        {
          gtk_tooltip_set_markup (tooltip, data->tooltips[i]);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
map_new (EssDashboardView *self)
{
  const EssDashboard *d = self->dashboard;
  MapData *data = g_new0 (MapData, 1);
  g_autoptr(GStrvBuilder) tooltips = g_strv_builder_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  data->view = self;
  data->shading = ess_map_shading_new (self->map, d, self->measure);
  for (guint i = 0; i < self->map->tiles->len; i++)
    {
      EssMapTile *tile = g_ptr_array_index (self->map->tiles, i);
      const EssDashGroup *group = ess_dashboard_territory (d, tile->territory_id);
      guint n_dossiers = group != NULL ? group->n_dossiers : 0;
      g_autofree char *total = money (group != NULL ? ess_dash_group_amount (group, self->measure) : 0);
      g_autofree char *name = g_markup_escape_text (tile->name, -1);
      g_autofree char *value = ess_chart_format_value (ESS_CHART_MONEY, data->shading->per_inhabitant[i]);
      g_autofree char *inhabitants = g_strdup_printf ("%" G_GINT64_FORMAT, group != NULL ? group->population : 0);

      /* TRANSLATORS: the tooltip of a territory: name, amount, dossiers, inhabitants, amount per inhabitant */
      strv_builder_take (tooltips,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "<b>%s</b>\n%s for %u dossier\n%s inhabitants, %s per inhabitant",
                                                       "<b>%s</b>\n%s for %u dossiers\n%s inhabitants, %s per inhabitant",
                                                       n_dossiers),
                                          name, total, n_dossiers, inhabitants, value));
    }
  data->tooltips = g_strv_builder_end (tooltips);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 420);
  gtk_widget_set_hexpand (area, TRUE);
  g_object_set_data (G_OBJECT (area), "map-data", data);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_map, data, (GDestroyNotify) map_data_free);
  gtk_widget_set_has_tooltip (area, TRUE);
  gtk_widget_set_cursor_from_name (area, "pointer");
  g_signal_connect (area, "query-tooltip", G_CALLBACK (on_map_query_tooltip), data);
  g_signal_connect (click, "pressed", G_CALLBACK (on_map_pressed), data);
  g_signal_connect (motion, "motion", G_CALLBACK (on_map_motion), data);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (area, motion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of the territories shaded by amount per inhabitant; the table gives the same figures"), -1);
  return area;
}

/* Territories or size classes: amounts against the population. */
static void
add_places (EssDashboardView *self,
            GPtrArray        *groups,
            gboolean          territories)
{
  const EssDashboard *d = self->dashboard;
  gint64 total = ess_dashboard_amount (d, self->measure);
  const char *headers[] = { territories ? _("Territory") : _("Commune size"), _("Communes"), _("Inhabitants"),
                            _("Dossiers"), self->measure == ESS_DASH_PROPOSED ? _("Proposed") : _("Granted"),
                            _("Per inhabitant"), _("Share of the amounts"), _("Share of the population") };
  const CellKind kinds[] = { CELL_TEXT, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER,
                             CELL_NUMBER, CELL_NUMBER };
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  guint n_places = 0;
  g_autofree gint64 *values = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *chart = NULL;
  Table table;

  table_init (&table, self, headers, kinds, G_N_ELEMENTS (headers),
              territories ? _("Amounts by territory") : _("Amounts by commune size"));

  for (guint i = 0; i < groups->len; i++)
    if (((EssDashGroup *) g_ptr_array_index (groups, i))->population > 0)
      n_places++;
  values = g_new0 (gint64, 2 * n_places);

  for (guint i = 0, p = 0; i < groups->len; i++)
    {
      EssDashGroup *group = g_ptr_array_index (groups, i);
      gint64 amount = ess_dash_group_amount (group, self->measure);
      g_autofree char *communes = group->population > 0 ? g_strdup_printf ("%u", group->n_communes) : g_strdup ("—");
      g_autofree char *inhabitants = group->population > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, group->population) : g_strdup ("—");
      g_autofree char *count = g_strdup_printf ("%u", group->n_dossiers);
      g_autofree char *amount_text = money (amount);
      g_autofree char *per = group->population > 0 ? money (ess_dash_per_inhabitant (amount, group->population)) : g_strdup ("—");
      g_autofree char *amount_share = share (amount, total);
      g_autofree char *population_share = group->population > 0 ? share (group->population, d->population) : g_strdup ("—");
      const char *cells[] = { group->label, communes, inhabitants, count, amount_text, per, amount_share, population_share };
      EssDossierQuery *query = NULL;

      if (territories && g_strcmp0 (group->key, "none") != 0)
        {
          query = base_query (self);
          query->territory_id = atoi (group->key);
        }
      table_add (&table, cells, query);

      if (group->population > 0)
        {
          g_strv_builder_add (categories, group->label);
          values[p] = ess_percent_basis_points (amount, total);
          values[n_places + p] = ess_percent_basis_points (group->population, d->population);
          p++;
        }
    }

  if (territories)
    {
      summary = ess_dashboard_territory_sentence (d, self->measure);
      chart = self->map != NULL ? map_new (self) : NULL;
      add_section (self, _("Territories"), summary, chart, GTK_WIDGET (table.grid));
    }
  else
    {
      const char *series[] = { _("Share of the amounts"), _("Share of the population"), NULL };

      summary = ess_dashboard_equity_sentence (d, self->measure);
      chart = chart_new (self, g_strv_builder_end (categories), g_strdupv ((char **) series), g_steal_pointer (&values),
                         ESS_CHART_BASIS_POINTS, NULL, _("Chart of the shares of the amounts and of the population by commune size"));
      add_section (self, _("Equity between communes of every size"), summary, chart, GTK_WIDGET (table.grid));
    }
}

/* Legal forms, volets, axes: amounts and counts. */
static void
add_groups (EssDashboardView *self,
            const char       *title,
            const char       *first_header,
            GPtrArray        *groups,
            gboolean          with_chart)
{
  gint64 total = ess_dashboard_amount (self->dashboard, self->measure);
  const char *headers[] = { first_header, _("Dossiers"), _("Proposed"), _("Granted"), _("Paid"), _("Share of the amounts") };
  const CellKind kinds[] = { CELL_TEXT, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER };
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  gint64 *values = g_new0 (gint64, MAX (groups->len, 1));
  const char *series[] = { self->measure == ESS_DASH_PROPOSED ? _("Proposed") : _("Granted"), NULL };
  Table table;

  table_init (&table, self, headers, kinds, G_N_ELEMENTS (headers), title);
  for (guint i = 0; i < groups->len; i++)
    {
      EssDashGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *count = g_strdup_printf ("%u", group->n_dossiers);
      g_autofree char *proposed = money (group->proposed_cents);
      g_autofree char *granted = money (group->granted_cents);
      g_autofree char *paid = money (group->paid_cents);
      g_autofree char *group_share = share (ess_dash_group_amount (group, self->measure), total);
      const char *cells[] = { group->label, count, proposed, granted, paid, group_share };

      table_add (&table, cells, NULL);
      g_strv_builder_add (categories, group->label);
      values[i] = ess_dash_group_amount (group, self->measure);
    }

  if (with_chart && groups->len > 0)
    add_section (self, title, NULL,
                 chart_new (self, g_strv_builder_end (categories), g_strdupv ((char **) series), values,
                            ESS_CHART_MONEY, NULL, title),
                 GTK_WIDGET (table.grid));
  else
    {
      g_free (values);
      add_section (self, title, NULL, NULL, GTK_WIDGET (table.grid));
    }
}

static void
add_concentration (EssDashboardView *self)
{
  const EssDashboard *d = self->dashboard;
  gint64 total = ess_dashboard_amount (d, self->measure);
  const char *headers[] = { _("Applicant"), _("Dossiers"), self->measure == ESS_DASH_PROPOSED ? _("Proposed") : _("Granted"),
                            _("Share of the amounts"), _("Cumulated share") };
  const CellKind kinds[] = { CELL_TEXT, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER };
  g_autofree char *summary = NULL;
  gint64 cumulated = 0;
  Table table;

  table_init (&table, self, headers, kinds, G_N_ELEMENTS (headers), _("Largest beneficiaries"));
  for (guint i = 0; i < d->beneficiaries->len && i < 10; i++)
    {
      EssDashGroup *group = g_ptr_array_index (d->beneficiaries, i);
      gint64 amount = ess_dash_group_amount (group, self->measure);
      g_autofree char *count = g_strdup_printf ("%u", group->n_dossiers);
      g_autofree char *amount_text = money (amount);
      g_autofree char *group_share = NULL;
      g_autofree char *cumulated_share = NULL;
      const char *cells[5];

      cumulated += amount;
      group_share = share (amount, total);
      cumulated_share = share (cumulated, total);
      cells[0] = group->label;
      cells[1] = count;
      cells[2] = amount_text;
      cells[3] = group_share;
      cells[4] = cumulated_share;
      table_add (&table, cells, NULL);
    }

  summary = ess_dashboard_concentration_sentence (d, self->measure);
  add_section (self, _("Concentration on the largest beneficiaries"), summary, NULL, GTK_WIDGET (table.grid));
}

static void
add_pipeline (EssDashboardView *self)
{
  const EssDashboard *d = self->dashboard;
  const char *headers[] = { _("Status"), _("Dossiers"), _("Median age (days)"), _("Oldest (days)") };
  const CellKind kinds[] = { CELL_TEXT, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER };
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_query_free);
  gint64 *values = g_new0 (gint64, d->pipeline->len);
  const char *series[] = { _("Dossiers"), NULL };
  Table table;

  table_init (&table, self, headers, kinds, G_N_ELEMENTS (headers), _("Dossiers by status"));
  for (guint i = 0; i < d->pipeline->len; i++)
    {
      const EssDashStage *stage = &g_array_index (d->pipeline, EssDashStage, i);
      g_autofree char *count = g_strdup_printf ("%u", stage->n_dossiers);
      g_autofree char *median = stage->median_days >= 0 ? g_strdup_printf ("%d", stage->median_days) : g_strdup ("—");
      g_autofree char *oldest = stage->oldest_days >= 0 ? g_strdup_printf ("%d", stage->oldest_days) : g_strdup ("—");
      const char *cells[] = { ess_status_label (stage->status), count, median, oldest };
      EssDossierQuery *query = base_query (self);

      query->statuses = 1u << stage->status;
      g_strv_builder_add (categories, ess_status_label (stage->status));
      values[i] = stage->n_dossiers;
      g_ptr_array_add (queries, ess_dossier_query_copy (query));
      table_add (&table, cells, stage->n_dossiers > 0 ? query : (ess_dossier_query_free (query), NULL));
    }
  add_section (self, _("Dossiers by status"), NULL,
               chart_new (self, g_strv_builder_end (categories), g_strdupv ((char **) series), values,
                          ESS_CHART_COUNT, queries, _("Chart of the dossiers by status")),
               GTK_WIDGET (table.grid));
}

static void
rebuild (EssDashboardView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  if (self->dashboard == NULL)
    return;

  if (self->dashboard->overflow)
    {
      GtkWidget *warning = gtk_label_new (_("Some sums are too large to be computed: the figures below are not reliable."));
      gtk_widget_add_css_class (warning, "error");
      gtk_box_append (self->content, warning);
    }

  add_years (self);
  add_places (self, self->dashboard->territories, TRUE);
  add_places (self, self->dashboard->size_classes, FALSE);
  add_concentration (self);
  add_groups (self, _("Legal forms of the applicants"), _("Legal form"), self->dashboard->legal_forms, TRUE);
  add_groups (self, _("Volets"), _("Volet"), self->dashboard->volets, TRUE);
  add_groups (self, _("Axes"), _("Axis"), self->dashboard->axes, FALSE);
  add_pipeline (self);
}

static void
refresh (EssDashboardView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *scheme = scheme_filter (self);
  const char *schemes[] = { scheme, NULL };
  int first = gtk_spin_button_get_value_as_int (self->first_year_spin);
  int last = gtk_spin_button_get_value_as_int (self->last_year_spin);
  EssDashboard *dashboard;

  if (last < first)
    last = first;
  dashboard = ess_store_dashboard (self->store, first, last, scheme != NULL ? schemes : NULL, today, &error);
  if (dashboard == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_clear_pointer (&self->dashboard, ess_dashboard_free);
  self->dashboard = dashboard;
  rebuild (self);
}

static gboolean
refresh_idle (gpointer user_data)
{
  EssDashboardView *self = user_data;

  self->refresh_idle = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (EssDashboardView *self)
{
  if (self->blocking || self->refresh_idle != 0)
    return;
  self->refresh_idle = g_idle_add (refresh_idle, self);
}

static void
on_first_year_changed (EssDashboardView *self)
{
  int first = gtk_spin_button_get_value_as_int (self->first_year_spin);

  if (gtk_spin_button_get_value_as_int (self->last_year_spin) < first)
    gtk_spin_button_set_value (self->last_year_spin, first);
  queue_refresh (self);
}

static void
on_last_year_changed (EssDashboardView *self)
{
  int last = gtk_spin_button_get_value_as_int (self->last_year_spin);

  if (gtk_spin_button_get_value_as_int (self->first_year_spin) > last)
    gtk_spin_button_set_value (self->first_year_spin, last);
  queue_refresh (self);
}

static void
on_measure_changed (EssDashboardView *self)
{
  self->measure = gtk_drop_down_get_selected (self->measure_dropdown) == 1 ? ESS_DASH_PROPOSED : ESS_DASH_GRANTED;
  queue_refresh (self);
}

/* The dashboard reads the whole portfolio: while hidden it only notes
 * that it is out of date, and reads again when shown. */
static void
on_store_changed (EssDashboardView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_refresh (self);
  else
    self->stale = TRUE;
}

static void
on_view_mapped (GtkWidget *widget,
                gpointer   user_data)
{
  EssDashboardView *self = ESS_DASHBOARD_VIEW (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      queue_refresh (self);
    }
}

static void
on_export_response (GtkNativeDialog  *dialog,
                    int               response,
                    EssDashboardView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *csv = ess_dashboard_view_to_csv (self);
      g_autoptr(GError) error = NULL;

      if (csv != NULL &&
          !g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        {
          GtkWidget *message = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                                       _("The figures could not be saved"));
          gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s", error->message);
          g_signal_connect (message, "response", G_CALLBACK (gtk_window_destroy), NULL);
          gtk_window_present (GTK_WINDOW (message));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_clicked (EssDashboardView *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->dashboard == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export the Figures of the Dashboard"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* TRANSLATORS: file name of the dashboard export: first and last year */
  name = g_strdup_printf (_("dashboard-%d-%d.csv"), self->dashboard->first_year, self->dashboard->last_year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  {
    /* The folder set in the Preferences comes first. */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *path = ess_preferences_get_export_folder (settings);
    g_autoptr(GFile) folder = g_file_new_for_path (path);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_message (EssDashboardView *self,
              const char       *title,
              const char       *text)
{
  GtkWidget *message = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                               GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", title);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s", text);
  g_signal_connect (message, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (message));
}

static void
on_print_clicked (EssDashboardView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = ess_dashboard_view_build_report (self, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;

  if (report == NULL)
    {
      show_message (self, _("The report could not be made"), error->message);
      return;
    }
  operation = ess_print_operation_new (report);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, _("The report could not be printed"), error->message);
}

static void
on_pdf_response (GtkNativeDialog  *dialog,
                 int               response,
                 EssDashboardView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(EssReport) report = ess_dashboard_view_build_report (self, &error);

      if (report == NULL || !ess_report_write_pdf (report, path, &error))
        show_message (self, _("The report could not be saved"), error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_pdf_clicked (EssDashboardView *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->dashboard == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Report as PDF"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* TRANSLATORS: file name of the yearly report: first and last year */
  name = g_strdup_printf (_("report-%d-%d.pdf"), self->dashboard->first_year, self->dashboard->last_year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_schemes (EssDashboardView *self)
{
  g_autoptr(GPtrArray) schemes = ess_store_list_schemes (self->store, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Every scheme"));
  g_ptr_array_set_size (self->scheme_ids, 0);
  for (guint i = 0; schemes != NULL && i < schemes->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (schemes, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", choice->id, choice->label);

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->scheme_ids, g_strdup (choice->id));
    }
  gtk_drop_down_set_model (self->scheme_dropdown, G_LIST_MODEL (names));
  g_object_unref (names);
}

static void
load_map (EssDashboardView *self)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ess_get_resource (), RESOURCE_PREFIX "/data/territories-map.ini", 0, NULL);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text;

  if (bytes == NULL)
    return;
  text = g_bytes_get_data (bytes, &size);
  self->map = ess_territory_map_parse (text, size, &error);
  if (self->map == NULL)
    g_warning ("%s", error->message);
}

static void
ess_dashboard_view_constructed (GObject *object)
{
  EssDashboardView *self = ESS_DASHBOARD_VIEW (object);
  int first, last;

  G_OBJECT_CLASS (ess_dashboard_view_parent_class)->constructed (object);

  load_map (self);
  load_schemes (self);

  /* The APT by default when there is one, over the years that have dossiers. */
  self->blocking = TRUE;
  for (guint i = 0; i < self->scheme_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->scheme_ids, i), "APT") == 0)
      gtk_drop_down_set_selected (self->scheme_dropdown, i + 1);
  if (ess_store_dashboard_years (self->store, &first, &last, NULL))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      /* Envelopes may be set ahead: stop at the current year. */
      last = MAX (first, MIN (last, g_date_time_get_year (now)));
      gtk_spin_button_set_value (self->first_year_spin, first);
      gtk_spin_button_set_value (self->last_year_spin, last);
    }
  self->blocking = FALSE;

  g_signal_connect (self, "map", G_CALLBACK (on_view_mapped), NULL);
  g_signal_connect_object (self->store, "changed::dossiers", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::reference", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->first_year_spin, "value-changed", G_CALLBACK (on_first_year_changed), self);
  g_signal_connect_swapped (self->last_year_spin, "value-changed", G_CALLBACK (on_last_year_changed), self);
  g_signal_connect_swapped (self->scheme_dropdown, "notify::selected", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (self->measure_dropdown, "notify::selected", G_CALLBACK (on_measure_changed), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (on_print_clicked), self);
  g_signal_connect_swapped (self->pdf_button, "clicked", G_CALLBACK (on_pdf_clicked), self);

  refresh (self);
}

static void
ess_dashboard_view_dispose (GObject *object)
{
  EssDashboardView *self = ESS_DASHBOARD_VIEW (object);

  GtkWidget *child;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_DASHBOARD_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->dashboard, ess_dashboard_free);
  g_clear_pointer (&self->map, ess_territory_map_free);
  g_clear_pointer (&self->scheme_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (ess_dashboard_view_parent_class)->dispose (object);
}

static void
ess_dashboard_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EssDashboardView *self = ESS_DASHBOARD_VIEW (object);

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
ess_dashboard_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EssDashboardView *self = ESS_DASHBOARD_VIEW (object);

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
ess_dashboard_view_class_init (EssDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_dashboard_view_constructed;
  object_class->dispose = ess_dashboard_view_dispose;
  object_class->set_property = ess_dashboard_view_set_property;
  object_class->get_property = ess_dashboard_view_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_DOSSIERS] =
    g_signal_new ("show-dossiers", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-dashboard-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, first_year_spin);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, last_year_spin);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, export_button);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, print_button);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssDashboardView, content);
}

static void
ess_dashboard_view_init (EssDashboardView *self)
{
  self->scheme_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

EssDashboardView *
ess_dashboard_view_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_DASHBOARD_VIEW, "store", store, NULL);
}

void
ess_dashboard_view_set_period (EssDashboardView *self,
                               int               first_year,
                               int               last_year,
                               const char       *scheme)
{
  g_return_if_fail (ESS_IS_DASHBOARD_VIEW (self));

  self->blocking = TRUE;
  gtk_drop_down_set_selected (self->scheme_dropdown, 0);
  for (guint i = 0; scheme != NULL && i < self->scheme_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->scheme_ids, i), scheme) == 0)
      gtk_drop_down_set_selected (self->scheme_dropdown, i + 1);
  gtk_spin_button_set_value (self->first_year_spin, first_year);
  gtk_spin_button_set_value (self->last_year_spin, last_year);
  self->blocking = FALSE;
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  refresh (self);
}

const EssDashboard *
ess_dashboard_view_get_dashboard (EssDashboardView *self)
{
  g_return_val_if_fail (ESS_IS_DASHBOARD_VIEW (self), NULL);
  return self->dashboard;
}

char *
ess_dashboard_view_to_csv (EssDashboardView *self)
{
  g_return_val_if_fail (ESS_IS_DASHBOARD_VIEW (self), NULL);

  if (self->dashboard == NULL)
    return NULL;
  return ess_dashboard_to_csv (self->dashboard, self->measure);
}

EssReport *
ess_dashboard_view_build_report (EssDashboardView  *self,
                                 GError           **error)
{
  g_return_val_if_fail (ESS_IS_DASHBOARD_VIEW (self), NULL);

  return ess_report_new_dashboard (self->store,
                                   gtk_spin_button_get_value_as_int (self->first_year_spin),
                                   MAX (gtk_spin_button_get_value_as_int (self->first_year_spin),
                                        gtk_spin_button_get_value_as_int (self->last_year_spin)),
                                   scheme_filter (self), error);
}
