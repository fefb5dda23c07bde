/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier list with its search, filters, saved views, sort and footer sums. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-dossier-browser.h"
#include "ess-dossier-list.h"
#include "ess-money.h"
#include "ess-store-dossiers.h"

typedef enum
{
  FILTER_STATUS,
  FILTER_SCHEME,
  FILTER_YEAR,
  FILTER_TERRITORY,
  FILTER_COMMUNE,
  FILTER_APPLICANT,
  N_FILTERS
} Filter;

struct _EssDossierBrowser
{
  GtkWidget           parent_instance;

  EssStore           *store;
  EssDossierList     *dossiers;
  GtkMultiSelection  *selection;
  EssDossierQuery    *query;
  gint64              selected_id;
  gboolean            updating_filters;
  /* The applicant drop-down holds every applicant (33 000 in a large
   * portfolio) only once the user goes to it; until then, "All
   * applicants" and the applicant of the query. */
  gboolean            applicants_loaded;

  /* Which column sorter the view's sorter asked first (see probe_sort()). */
  int                 probed_column;

  GtkDropDown        *filters[N_FILTERS];
  GPtrArray          *filter_ids[N_FILTERS];   /* char *, parallel to the drop-down's items; [0] = NULL (any) */

  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkFlowBox         *filter_box;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkLabel           *requested_label;
  GtkLabel           *proposed_label;
  GtkLabel           *granted_label;
  GtkListBox         *views_list;
  GtkWidget          *views_empty_label;
  GtkEntry           *view_name_entry;
  GtkPopover         *views_popover;
  GtkWidget          *save_view_button;
  GtkWidget          *reset_button;
};

G_DEFINE_FINAL_TYPE (EssDossierBrowser, ess_dossier_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_ID,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  ACTIVATE_DOSSIER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  EssSortColumn  sort;
  const char    *title;
  gboolean       expand;
  gboolean       numeric;
  int            width_chars;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { ESS_SORT_REFERENCE, N_("Reference"), FALSE, FALSE, 15 },
  { ESS_SORT_TITLE, N_("Title"), TRUE, FALSE, 16 },
  { ESS_SORT_APPLICANT, N_("Applicant"), FALSE, FALSE, 12 },
  { ESS_SORT_SCHEME, N_("Scheme"), FALSE, FALSE, 4 },
  { ESS_SORT_VOLET, N_("Volet"), FALSE, TRUE, 1 },
  { ESS_SORT_TERRITORIES, N_("Territories"), FALSE, FALSE, 9 },
  { ESS_SORT_YEAR, N_("Year"), FALSE, TRUE, 4 },
  { ESS_SORT_STATUS, N_("Status"), FALSE, FALSE, 9 },
  { ESS_SORT_REQUESTED, N_("Requested"), FALSE, TRUE, 10 },
  { ESS_SORT_PROPOSED, N_("Proposed"), FALSE, TRUE, 10 },
  { ESS_SORT_GRANTED, N_("Granted"), FALSE, TRUE, 10 },
};

static const char * const filter_titles[N_FILTERS] = {
  N_("All statuses"),
  N_("All schemes"),
  N_("All years"),
  N_("All territories"),
  N_("All communes"),
  N_("All applicants"),
};

static const char * const filter_labels[N_FILTERS] = {
  N_("Status"),
  N_("Scheme"),
  N_("Year"),
  N_("Territory"),
  N_("Commune"),
  N_("Applicant"),
};

static char *
cell_text (EssDossierSummary *dossier,
           EssSortColumn      column)
{
  switch (column)
    {
    case ESS_SORT_REFERENCE:
      return g_strdup (ess_dossier_summary_get_reference (dossier));
    case ESS_SORT_TITLE:
      return g_strdup (ess_dossier_summary_get_title (dossier));
    case ESS_SORT_APPLICANT:
      return g_strdup (ess_dossier_summary_get_applicant (dossier));
    case ESS_SORT_SCHEME:
      return g_strdup (ess_dossier_summary_get_scheme (dossier));
    case ESS_SORT_VOLET:
      return ess_dossier_summary_get_volet (dossier) > 0
             ? g_strdup_printf ("%d", ess_dossier_summary_get_volet (dossier))
             : g_strdup ("");
    case ESS_SORT_TERRITORIES:
      return g_strdup (ess_dossier_summary_get_territories (dossier));
    case ESS_SORT_YEAR:
      return g_strdup_printf ("%d", ess_dossier_summary_get_year (dossier));
    case ESS_SORT_STATUS:
      return g_strdup (ess_status_label (ess_dossier_summary_get_status (dossier)));
    case ESS_SORT_REQUESTED:
      return ess_money_format (ess_dossier_summary_get_requested (dossier));
    case ESS_SORT_PROPOSED:
      return ess_money_format (ess_dossier_summary_get_proposed (dossier));
    case ESS_SORT_GRANTED:
      return ess_money_format (ess_dossier_summary_get_granted (dossier));
    case ESS_N_SORTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The cells are GtkInscriptions, not labels: their size does not depend
 * on their text, so a row bound while scrolling costs no text layout until
 * it is drawn. GTK 4.8 keeps some 200 rows bound around the visible ones
 * and binds them all again after a jump of the scroll bar. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const ColumnInfo         *info)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), info->numeric ? 1.0 : 0.0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), info->width_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), info->expand ? 60 : info->width_chars + 4);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (cell), 1);
  if (info->numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const ColumnInfo         *info)
{
  EssDossierSummary *dossier = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (dossier, info->sort);
  GtkWidget *cell = gtk_list_item_get_child (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (info->sort == ESS_SORT_TITLE)
    gtk_widget_set_tooltip_text (cell, text);
}

/* GTK 4.8 does not tell which column the user sorted by (that API came in
 * 4.10). Each column sorter records its column when asked; the view's
 * sorter asks the primary column first and inverts its answer when
 * descending, so one comparison tells both. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const ColumnInfo *info = user_data;
  EssDossierBrowser *self = g_object_get_data (G_OBJECT (a), "browser");

  if (self != NULL && self->probed_column < 0)
    self->probed_column = (int) info->sort;
  return GTK_ORDERING_SMALLER;
}

static void
update_footer (EssDossierBrowser *self)
{
  EssDossierTotals totals = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  g_autofree char *requested = NULL;
  g_autofree char *proposed = NULL;
  g_autofree char *granted = NULL;

  ess_dossier_list_get_totals (self->dossiers, &totals);
  /* "10 000 dossiers", grouped as French figures are. */
  number = ess_count_format (totals.count);
  if (self->query->trash)
    count = g_strdup_printf (ngettext ("%s dossier in the trash", "%s dossiers in the trash",
                                       (gulong) totals.count), number);
  else
    count = g_strdup_printf (ngettext ("%s dossier", "%s dossiers", (gulong) totals.count), number);
  requested = ess_money_format (totals.requested_cents);
  proposed = ess_money_format (totals.proposed_cents);
  granted = ess_money_format (totals.granted_cents);

  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->requested_label, requested);
  gtk_label_set_text (self->proposed_label, proposed);
  gtk_label_set_text (self->granted_label, granted);
}

static void
apply_query (EssDossierBrowser *self)
{
  /* The search entry tells its text again after a delay, a restored view
   * tells what the list already shows: reading 100 000 ids again for the
   * same query would only cost time. Changes of the data reload the list
   * by themselves. */
  if (!ess_dossier_query_equal (self->query, ess_dossier_list_get_query (self->dossiers)))
    ess_dossier_list_set_query (self->dossiers, self->query);
  update_footer (self);
}

static void
on_sorter_changed (GtkSorter         *sorter,
                   GtkSorterChange    change,
                   EssDossierBrowser *self)
{
  g_autoptr(EssDossierSummary) a = NULL;
  g_autoptr(EssDossierSummary) b = NULL;
  EssDossierSummaryData data = { 0 };
  GtkOrdering order;

  a = ess_dossier_summary_new (&data);
  b = ess_dossier_summary_new (&data);
  g_object_set_data (G_OBJECT (a), "browser", self);
  g_object_set_data (G_OBJECT (b), "browser", self);

  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);

  if (self->probed_column < 0)
    {
      self->query->sort = ESS_SORT_REFERENCE;
      self->query->descending = FALSE;
    }
  else
    {
      self->query->sort = (EssSortColumn) self->probed_column;
      self->query->descending = (order == GTK_ORDERING_LARGER);
    }
  apply_query (self);
}

static void
add_columns (EssDossierBrowser *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, (gpointer) &columns[i], NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, 0);
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      EssDossierBrowser *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  gint64 id = 0;

  if (!gtk_bitset_is_empty (selected))
    {
      g_autoptr(EssDossierSummary) dossier =
        g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_minimum (selected));
      if (dossier != NULL)
        id = ess_dossier_summary_get_id (dossier);
    }

  if (id != self->selected_id)
    {
      self->selected_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* After a reload, keep the selected dossier selected where it still shows. */
static void
on_items_changed (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  EssDossierBrowser *self)
{
  update_footer (self);
  if (self->selected_id != 0)
    {
      guint found = ess_dossier_list_find (self->dossiers, self->selected_id);
      if (found != G_MAXUINT)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), found, TRUE);
    }
}

static void
on_activate (GtkColumnView     *view,
             guint              position,
             EssDossierBrowser *self)
{
  g_signal_emit (self, signals[ACTIVATE_DOSSIER], 0);
}

static void
on_search_changed (EssDossierBrowser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->query->search);
  self->query->search = g_strdup (text);
  apply_query (self);
}

/* Down or Enter in the search entry goes to the results, as in GNOME's lists. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               EssDossierBrowser     *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->dossiers)) > 0 && self->selected_id == 0)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return TRUE;
}

static void
on_search_activate (EssDossierBrowser *self)
{
  on_search_key (NULL, GDK_KEY_Down, 0, 0, self);
}

static void
on_stop_search (EssDossierBrowser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static const char *
filter_selected_id (EssDossierBrowser *self,
                    Filter             filter)
{
  guint selected = gtk_drop_down_get_selected (self->filters[filter]);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->filter_ids[filter]->len)
    return NULL;
  return g_ptr_array_index (self->filter_ids[filter], selected);
}

static void
on_filter_changed (GtkDropDown       *drop_down,
                   GParamSpec        *pspec,
                   EssDossierBrowser *self)
{
  const char *id;
  EssStatus status;

  if (self->updating_filters)
    return;

  id = filter_selected_id (self, FILTER_STATUS);
  self->query->statuses = (id && ess_status_from_id (id, &status)) ? (1u << status) : 0;

  g_free (self->query->scheme);
  self->query->scheme = g_strdup (filter_selected_id (self, FILTER_SCHEME));

  id = filter_selected_id (self, FILTER_YEAR);
  self->query->year = id ? (int) g_ascii_strtoll (id, NULL, 10) : 0;

  id = filter_selected_id (self, FILTER_TERRITORY);
  self->query->territory_id = id ? (int) g_ascii_strtoll (id, NULL, 10) : 0;

  g_free (self->query->commune);
  self->query->commune = g_strdup (filter_selected_id (self, FILTER_COMMUNE));

  id = filter_selected_id (self, FILTER_APPLICANT);
  self->query->applicant_id = id ? g_ascii_strtoll (id, NULL, 10) : 0;

  apply_query (self);
}

static void
select_filter_id (EssDossierBrowser *self,
                  Filter             filter,
                  const char        *id)
{
  guint position = 0;

  for (guint i = 1; id != NULL && i < self->filter_ids[filter]->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->filter_ids[filter], i), id) == 0)
      position = i;
  gtk_drop_down_set_selected (self->filters[filter], position);
}

static void fill_applicants (EssDossierBrowser *self, gboolean all);

/* Shows @query's filters in the drop-downs and the search entry. */
static void
show_query (EssDossierBrowser *self)
{
  g_autofree char *year = NULL;
  g_autofree char *territory = NULL;
  g_autofree char *applicant = NULL;
  const char *status = NULL;

  self->updating_filters = TRUE;

  for (guint s = 0; s < ESS_N_STATUSES; s++)
    if (self->query->statuses == (1u << s))
      status = ess_status_to_id ((EssStatus) s);
  if (self->query->year)
    year = g_strdup_printf ("%d", self->query->year);
  if (self->query->territory_id)
    territory = g_strdup_printf ("%d", self->query->territory_id);
  if (self->query->applicant_id)
    applicant = g_strdup_printf ("%" G_GINT64_FORMAT, self->query->applicant_id);
  if (!self->applicants_loaded)
    fill_applicants (self, FALSE);

  select_filter_id (self, FILTER_STATUS, status);
  select_filter_id (self, FILTER_SCHEME, self->query->scheme);
  select_filter_id (self, FILTER_YEAR, year);
  select_filter_id (self, FILTER_TERRITORY, territory);
  select_filter_id (self, FILTER_COMMUNE, self->query->commune);
  select_filter_id (self, FILTER_APPLICANT, applicant);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->query->search ? self->query->search : "");

  self->updating_filters = FALSE;
}

static void
fill_filter (EssDossierBrowser *self,
             Filter             filter,
             GPtrArray         *choices)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autofree char *previous = g_strdup (self->filter_ids[filter]->len ? filter_selected_id (self, filter) : NULL);
  gboolean updating = self->updating_filters;

  g_ptr_array_set_size (self->filter_ids[filter], 0);
  gtk_string_list_append (strings, _(filter_titles[filter]));
  g_ptr_array_add (self->filter_ids[filter], NULL);
  for (guint i = 0; choices && i < choices->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (choices, i);
      gtk_string_list_append (strings, choice->label);
      g_ptr_array_add (self->filter_ids[filter], g_strdup (choice->id));
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->filters[filter], G_LIST_MODEL (strings));
  self->updating_filters = updating;
  select_filter_id (self, filter, previous);
}

static GPtrArray *
status_choices (void)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_choice_free);

  for (guint s = 0; s < ESS_N_STATUSES; s++)
    {
      EssChoice *choice = g_new0 (EssChoice, 1);
      choice->id = g_strdup (ess_status_to_id ((EssStatus) s));
      choice->label = g_strdup (ess_status_label ((EssStatus) s));
      g_ptr_array_add (choices, choice);
    }
  return choices;
}

static GPtrArray *
year_choices (EssStore *store)
{
  g_autoptr(GArray) years = ess_store_list_years (store, NULL);
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_choice_free);

  for (guint i = 0; years && i < years->len; i++)
    {
      EssChoice *choice = g_new0 (EssChoice, 1);
      choice->id = g_strdup_printf ("%d", g_array_index (years, int, i));
      choice->label = g_strdup (choice->id);
      g_ptr_array_add (choices, choice);
    }
  return choices;
}

static GPtrArray *
applicant_choices (EssStore *store)
{
  g_autoptr(GPtrArray) applicants = ess_store_list_applicants (store, NULL);
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_choice_free);

  for (guint i = 0; applicants && i < applicants->len; i++)
    {
      EssApplicant *applicant = g_ptr_array_index (applicants, i);
      EssChoice *choice = g_new0 (EssChoice, 1);
      choice->id = g_strdup_printf ("%" G_GINT64_FORMAT, applicant->id);
      choice->label = g_strdup (applicant->name);
      g_ptr_array_add (choices, choice);
    }
  return choices;
}

/* The applicant of the query alone, if any. */
static GPtrArray *
query_applicant_choice (EssDossierBrowser *self)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_choice_free);
  g_autoptr(EssApplicant) applicant = NULL;

  if (self->query->applicant_id != 0)
    applicant = ess_store_load_applicant (self->store, self->query->applicant_id, NULL);
  if (applicant != NULL)
    {
      EssChoice *choice = g_new0 (EssChoice, 1);
      choice->id = g_strdup_printf ("%" G_GINT64_FORMAT, applicant->id);
      choice->label = g_strdup (applicant->name);
      g_ptr_array_add (choices, choice);
    }
  return choices;
}

static void
fill_applicants (EssDossierBrowser *self,
                 gboolean           all)
{
  g_autoptr(GPtrArray) choices = all ? applicant_choices (self->store) : query_applicant_choice (self);

  self->applicants_loaded = all;
  fill_filter (self, FILTER_APPLICANT, choices);
}

/* The user goes to the applicant drop-down (click or keyboard focus):
 * now it needs every applicant. */
static void
on_applicants_wanted (EssDossierBrowser *self)
{
  if (!self->applicants_loaded)
    fill_applicants (self, TRUE);
}

/* Years and applicants change as dossiers are edited; the rest is reference data. */
static void
refresh_filter_choices (EssDossierBrowser *self,
                        gboolean           all)
{
  g_autoptr(GPtrArray) years = year_choices (self->store);
  GtkWidget *applicant_filter = GTK_WIDGET (self->filters[FILTER_APPLICANT]);

  if (all)
    {
      g_autoptr(GPtrArray) statuses = status_choices ();
      g_autoptr(GPtrArray) schemes = ess_store_list_schemes (self->store, NULL);
      g_autoptr(GPtrArray) territories = ess_store_list_territories (self->store, NULL);
      g_autoptr(GPtrArray) communes = ess_store_list_communes (self->store, NULL);

      fill_filter (self, FILTER_STATUS, statuses);
      fill_filter (self, FILTER_SCHEME, schemes);
      fill_filter (self, FILTER_TERRITORY, territories);
      fill_filter (self, FILTER_COMMUNE, communes);
    }
  fill_filter (self, FILTER_YEAR, years);
  /* Read again at once only while the user is on the drop-down. */
  fill_applicants (self, gtk_widget_has_focus (applicant_filter) ||
                         gtk_widget_get_focus_child (applicant_filter) != NULL);
}

static void
build_filters (EssDossierBrowser *self)
{
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  for (guint f = 0; f < N_FILTERS; f++)
    {
      self->filter_ids[f] = g_ptr_array_new_with_free_func (g_free);
      self->filters[f] = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
      gtk_drop_down_set_expression (self->filters[f], expression);
      gtk_drop_down_set_enable_search (self->filters[f], f == FILTER_COMMUNE || f == FILTER_APPLICANT);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters[f]), _(filter_labels[f]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->filters[f]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(filter_labels[f]),
                                      -1);
      g_signal_connect (self->filters[f], "notify::selected", G_CALLBACK (on_filter_changed), self);
      gtk_flow_box_append (self->filter_box, GTK_WIDGET (self->filters[f]));
    }

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();
    GtkGesture *click = gtk_gesture_click_new ();

    g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_applicants_wanted), self);
    gtk_widget_add_controller (GTK_WIDGET (self->filters[FILTER_APPLICANT]), focus);
    /* Before the drop-down's own button opens its list. */
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_applicants_wanted), self);
    gtk_widget_add_controller (GTK_WIDGET (self->filters[FILTER_APPLICANT]), GTK_EVENT_CONTROLLER (click));
  }
}

static void on_view_clicked (GtkButton *button, EssDossierBrowser *self);
static void on_view_delete (GtkButton *button, EssDossierBrowser *self);

static void
refresh_views (EssDossierBrowser *self)
{
  g_autoptr(GPtrArray) views = ess_store_list_views (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list))))
    gtk_list_box_remove (self->views_list, child);

  for (guint i = 0; views && i < views->len; i++)
    {
      EssChoice *view = g_ptr_array_index (views, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *open = gtk_button_new_with_label (view->id);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *remove_label = g_strdup_printf (_("Delete the view “%s”"), view->id);

      gtk_widget_set_hexpand (open, TRUE);
      gtk_button_set_has_frame (GTK_BUTTON (open), FALSE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (open))), 0.0);
      g_object_set_data_full (G_OBJECT (open), "query", g_strdup (view->label), g_free);
      g_object_set_data_full (G_OBJECT (remove), "name", g_strdup (view->id), g_free);
      gtk_button_set_has_frame (GTK_BUTTON (remove), FALSE);
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_signal_connect (open, "clicked", G_CALLBACK (on_view_clicked), self);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_view_delete), self);
      gtk_box_append (GTK_BOX (row), open);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_list_box_append (self->views_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->views_list), views && views->len > 0);
  gtk_widget_set_visible (self->views_empty_label, !views || views->len == 0);
}

static void
on_view_clicked (GtkButton         *button,
                 EssDossierBrowser *self)
{
  const char *text = g_object_get_data (G_OBJECT (button), "query");
  g_autoptr(GError) error = NULL;
  EssDossierQuery *query = ess_dossier_query_deserialize (text, &error);

  if (query == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  ess_dossier_browser_set_query (self, query);
  ess_dossier_query_free (query);
  gtk_popover_popdown (self->views_popover);
}

static void
on_view_delete (GtkButton         *button,
                EssDossierBrowser *self)
{
  g_autoptr(GError) error = NULL;

  if (!ess_store_delete_view (self->store, g_object_get_data (G_OBJECT (button), "name"), &error))
    g_warning ("%s", error->message);
  refresh_views (self);
}

static void
on_save_view (EssDossierBrowser *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->view_name_entry))));
  g_autoptr(GError) error = NULL;

  if (name[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->view_name_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->view_name_entry));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->view_name_entry), "error");
  if (!ess_store_save_view (self->store, name, self->query, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->view_name_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_name_entry), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->view_name_entry), "");
  refresh_views (self);
}

static void
on_reset_filters (EssDossierBrowser *self)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();

  query->trash = self->query->trash;
  ess_dossier_browser_set_query (self, query);
  gtk_popover_popdown (self->views_popover);
}

static void
on_store_changed (EssStore          *store,
                  const char        *what,
                  EssDossierBrowser *self)
{
  refresh_filter_choices (self, FALSE);
}

static void
ess_dossier_browser_constructed (GObject *object)
{
  EssDossierBrowser *self = (EssDossierBrowser *) object;

  G_OBJECT_CLASS (ess_dossier_browser_parent_class)->constructed (object);

  self->dossiers = ess_dossier_list_new (self->store);
  apply_query (self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->dossiers)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self, 0);
  g_signal_connect_object (self->dossiers, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  refresh_filter_choices (self, TRUE);
  refresh_views (self);
  g_signal_connect_object (self->store, "changed::dossiers", G_CALLBACK (on_store_changed), self, 0);
  update_footer (self);
}

static void
ess_dossier_browser_dispose (GObject *object)
{
  EssDossierBrowser *self = (EssDossierBrowser *) object;

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_DOSSIER_BROWSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->dossiers);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_dossier_browser_parent_class)->dispose (object);
}

static void
ess_dossier_browser_finalize (GObject *object)
{
  EssDossierBrowser *self = (EssDossierBrowser *) object;

  for (guint f = 0; f < N_FILTERS; f++)
    g_clear_pointer (&self->filter_ids[f], g_ptr_array_unref);
  ess_dossier_query_free (self->query);

  G_OBJECT_CLASS (ess_dossier_browser_parent_class)->finalize (object);
}

static void
ess_dossier_browser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EssDossierBrowser *self = ESS_DOSSIER_BROWSER (object);

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
ess_dossier_browser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EssDossierBrowser *self = ESS_DOSSIER_BROWSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_dossier_browser_class_init (EssDossierBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_dossier_browser_constructed;
  object_class->dispose = ess_dossier_browser_dispose;
  object_class->finalize = ess_dossier_browser_finalize;
  object_class->set_property = ess_dossier_browser_set_property;
  object_class->get_property = ess_dossier_browser_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTIVATE_DOSSIER] =
    g_signal_new ("activate-dossier", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-dossier-browser.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, filter_box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, column_view);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, count_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, requested_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, proposed_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, granted_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, views_list);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, views_empty_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, view_name_entry);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, views_popover);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, save_view_button);
  gtk_widget_class_bind_template_child (widget_class, EssDossierBrowser, reset_button);
}

static void
ess_dossier_browser_init (EssDossierBrowser *self)
{
  GtkEventController *key;

  self->query = ess_dossier_query_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  build_filters (self);
  add_columns (self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
  /* Connected here rather than in the template, so that gtk4-builder-tool can validate it. */
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  g_signal_connect_swapped (self->view_name_entry, "activate", G_CALLBACK (on_save_view), self);
  g_signal_connect_swapped (self->save_view_button, "clicked", G_CALLBACK (on_save_view), self);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (on_reset_filters), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
}

EssDossierBrowser *
ess_dossier_browser_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_DOSSIER_BROWSER, "store", store, NULL);
}

gint64
ess_dossier_browser_get_selected_id (EssDossierBrowser *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_BROWSER (self), 0);
  return self->selected_id;
}

GArray *
ess_dossier_browser_get_selected_ids (EssDossierBrowser *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint position;

  g_return_val_if_fail (ESS_IS_DOSSIER_BROWSER (self), ids);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(EssDossierSummary) dossier = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      gint64 id = ess_dossier_summary_get_id (dossier);
      g_array_append_val (ids, id);
    }
  return ids;
}

void
ess_dossier_browser_select_id (EssDossierBrowser *self,
                               gint64             id)
{
  guint position;

  g_return_if_fail (ESS_IS_DOSSIER_BROWSER (self));

  position = ess_dossier_list_find (self->dossiers, id);
  if (position == G_MAXUINT)
    return;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* The rows live in the column view's inner list view, which owns the action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

const EssDossierQuery *
ess_dossier_browser_get_query (EssDossierBrowser *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_BROWSER (self), NULL);
  return self->query;
}

void
ess_dossier_browser_set_query (EssDossierBrowser     *self,
                               const EssDossierQuery *query)
{
  g_return_if_fail (ESS_IS_DOSSIER_BROWSER (self));

  ess_dossier_query_free (self->query);
  self->query = ess_dossier_query_copy (query);
  show_query (self);
  apply_query (self);
}

void
ess_dossier_browser_set_trash (EssDossierBrowser *self,
                               gboolean           trash)
{
  g_return_if_fail (ESS_IS_DOSSIER_BROWSER (self));

  if (self->query->trash == trash)
    return;
  self->query->trash = trash;
  apply_query (self);
}

gboolean
ess_dossier_browser_get_trash (EssDossierBrowser *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_BROWSER (self), FALSE);
  return self->query->trash;
}

void
ess_dossier_browser_focus_search (EssDossierBrowser *self)
{
  g_return_if_fail (ESS_IS_DOSSIER_BROWSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ess_dossier_browser_focus_list (EssDossierBrowser *self)
{
  g_return_if_fail (ESS_IS_DOSSIER_BROWSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

GListModel *
ess_dossier_browser_get_model (EssDossierBrowser *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_BROWSER (self), NULL);
  return G_LIST_MODEL (self->dossiers);
}
