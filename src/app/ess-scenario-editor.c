/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editor of a scenario: its inputs, what they come to, and the edit each of them makes. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-history-page.h"
#include "ess-money.h"
#include "ess-scenario-editor.h"
#include "ess-store-scenarios.h"

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
  EssScenarioEditor *editor;
  Field              field;
  guint              index;   /* line, assumption or size class */
  int                year;
  gint64             id;      /* territory or dossier */
} Target;

struct _EssScenarioEditor
{
  GtkWidget      parent_instance;

  EssStore      *store;
  EssScenario   *scenario;        /* as shown */
  GPtrArray     *portfolio;       /* EssPortfolioItem */
  EssPopulation  population;
  GArray        *territory_ids;   /* gint64, by id */
  GHashTable    *territory_names; /* gint64* -> char* */
  GHashTable    *entries;         /* "kind:index:year" -> GtkWidget */
  guint          updating;
  guint          rebuild_idle;

  GtkWidget     *content;
  GtkLabel      *edit_summary;
  GtkWidget     *editor_box;
};

G_DEFINE_FINAL_TYPE (EssScenarioEditor, ess_scenario_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  INVALID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_editor  (EssScenarioEditor *self);
static void refresh_summary (EssScenarioEditor *self);

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

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* Writing an edit */

static gboolean
rebuild_editor_idle (gpointer user_data)
{
  EssScenarioEditor *self = user_data;

  self->rebuild_idle = 0;
  rebuild_editor (self);
  return G_SOURCE_REMOVE;
}

/* Says that the scenario is now @edited: the handler writes it, or
 * refuses it and says why next to @input. What was taken shows here at
 * once; inputs for years or lines that came or went are made again
 * from the main loop, since @input may be one of them being left. */
static gboolean
emit_changed (EssScenarioEditor *self,
              const EssScenario *edited,
              GtkWidget         *input)
{
  gboolean taken = FALSE;
  gboolean structure;
  EssScenario *current = self->scenario;

  g_signal_emit (self, signals[CHANGED], 0, edited, input, &taken);
  if (!taken || self->scenario != current || ess_scenario_equal (current, edited))
    return taken;

  structure = current->first_year != edited->first_year || current->last_year != edited->last_year ||
              current->lines->len != edited->lines->len || g_strcmp0 (current->name, edited->name) != 0 ||
              current->kind != edited->kind || current->portfolio_default != edited->portfolio_default;
  self->scenario = ess_scenario_copy (edited);
  ess_scenario_free (current);
  if (structure && self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add (rebuild_editor_idle, self);
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
  EssScenarioEditor *self;
  g_autoptr(EssScenario) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EssScenario *current;
  EssScenarioYear *year;
  EssLineAmount *amount;
  EssScenarioLine *line = NULL;
  gint64 value = 0;
  gboolean ok = TRUE;

  if (target == NULL || target->editor->store == NULL || target->editor->updating)
    return;
  self = target->editor;
  current = self->scenario;
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
      g_signal_emit (self, signals[INVALID], 0, widget, error ? error->message : NULL);
      return;
    }
  if (emit_changed (self, edited, widget) && GTK_IS_ENTRY (widget))
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
set_target (EssScenarioEditor *self,
            GtkWidget         *widget,
            Field              field,
            guint              index,
            int                year,
            gint64             id)
{
  Target *target = g_new0 (Target, 1);

  target->editor = self;
  target->field = field;
  target->index = index;
  target->year = year;
  target->id = id;
  g_object_set_data_full (G_OBJECT (widget), "target", target, g_free);
  g_hash_table_insert (self->entries, entry_key (field, index, year), widget);
}

static GtkWidget *
make_entry (EssScenarioEditor *self,
            const char        *text,
            int                width_chars,
            Field              field,
            guint              index,
            int                year,
            gint64             id)
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
make_text_view (EssScenarioEditor *self,
                const char        *text,
                Field              field)
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
make_dropdown (EssScenarioEditor  *self,
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
on_add_line (GtkButton         *button,
             EssScenarioEditor *self)
{
  EssScenario *current = self->scenario;
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
  emit_changed (self, edited, GTK_WIDGET (button));
}

static void
on_remove_line (GtkButton         *button,
                EssScenarioEditor *self)
{
  EssScenario *current = self->scenario;
  g_autoptr(EssScenario) edited = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "line"));

  if (current == NULL || index >= current->lines->len)
    return;
  edited = ess_scenario_copy (current);
  ess_scenario_remove_line (edited, index);
  emit_changed (self, edited, GTK_WIDGET (button));
}

static void
build_general (EssScenarioEditor *self,
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
build_budget (EssScenarioEditor *self,
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
build_assumptions (EssScenarioEditor *self,
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
build_reach (EssScenarioEditor *self,
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
build_portfolio (EssScenarioEditor *self,
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
build_history (EssScenarioEditor *self,
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
refresh_summary (EssScenarioEditor *self)
{
  EssScenario *scenario = self->scenario;
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
rebuild_editor (EssScenarioEditor *self)
{
  EssScenario *scenario = self->scenario;

  refresh_summary (self);

  self->updating++;
  g_hash_table_remove_all (self->entries);
  clear_box (self->editor_box);
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

/* GObject */

static void
ess_scenario_editor_dispose (GObject *object)
{
  EssScenarioEditor *self = (EssScenarioEditor *) object;

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  /* Inputs that lose their focus while going must not write. */
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_SCENARIO_EDITOR);
  g_clear_pointer (&self->scenario, ess_scenario_free);
  g_clear_pointer (&self->portfolio, g_ptr_array_unref);
  g_clear_pointer (&self->territory_ids, g_array_unref);
  g_clear_pointer (&self->territory_names, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (ess_scenario_editor_parent_class)->dispose (object);
}

static void
ess_scenario_editor_class_init (EssScenarioEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_scenario_editor_dispose;

  /**
   * EssScenarioEditor::changed:
   * @edited: (type gpointer): the scenario with the change, an EssScenario
   * @input: the input, or the button, that made it
   *
   * An input changed the scenario. Returns whether the edit is taken;
   * a handler that refuses it says why.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, g_signal_accumulator_true_handled, NULL, NULL,
                                   G_TYPE_BOOLEAN, 2, G_TYPE_POINTER, GTK_TYPE_WIDGET);
  /**
   * EssScenarioEditor::invalid:
   * @input: the input
   * @message: (nullable): why its text is refused
   *
   * What was typed in @input is not a value: the scenario is unchanged.
   */
  signals[INVALID] = g_signal_new ("invalid", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, GTK_TYPE_WIDGET, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-scenario-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioEditor, content);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioEditor, edit_summary);
  gtk_widget_class_bind_template_child (widget_class, EssScenarioEditor, editor_box);
}

static void
ess_scenario_editor_init (EssScenarioEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->portfolio = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_portfolio_item_free);
  self->territory_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->territory_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

EssScenarioEditor *
ess_scenario_editor_new (void)
{
  return g_object_new (ESS_TYPE_SCENARIO_EDITOR, NULL);
}

void
ess_scenario_editor_set_store (EssScenarioEditor *self,
                               EssStore          *store)
{
  g_return_if_fail (ESS_IS_SCENARIO_EDITOR (self));
  g_set_object (&self->store, store);
}

void
ess_scenario_editor_set_reference (EssScenarioEditor   *self,
                                   GPtrArray           *portfolio,
                                   const EssPopulation *population,
                                   GArray              *territory_ids,
                                   GHashTable          *territory_names)
{
  g_return_if_fail (ESS_IS_SCENARIO_EDITOR (self));
  g_return_if_fail (portfolio != NULL && population != NULL && territory_ids != NULL && territory_names != NULL);

  g_ptr_array_ref (portfolio);
  g_clear_pointer (&self->portfolio, g_ptr_array_unref);
  self->portfolio = portfolio;
  self->population = *population;
  g_array_ref (territory_ids);
  g_clear_pointer (&self->territory_ids, g_array_unref);
  self->territory_ids = territory_ids;
  g_hash_table_ref (territory_names);
  g_clear_pointer (&self->territory_names, g_hash_table_unref);
  self->territory_names = territory_names;
}

void
ess_scenario_editor_set_scenario (EssScenarioEditor *self,
                                  const EssScenario *scenario)
{
  g_return_if_fail (ESS_IS_SCENARIO_EDITOR (self));

  g_clear_pointer (&self->scenario, ess_scenario_free);
  self->scenario = scenario ? ess_scenario_copy (scenario) : NULL;
  rebuild_editor (self);
}

GtkWidget *
ess_scenario_editor_get_amount_entry (EssScenarioEditor *self,
                                      guint              line,
                                      int                year,
                                      gboolean           cofunders)
{
  g_autofree char *key = entry_key (cofunders ? FIELD_LINE_COFUNDERS : FIELD_LINE_METROPOLE, line, year);

  g_return_val_if_fail (ESS_IS_SCENARIO_EDITOR (self), NULL);
  return g_hash_table_lookup (self->entries, key);
}

GtkWidget *
ess_scenario_editor_get_assumption_entry (EssScenarioEditor *self,
                                          EssAssumption      assumption,
                                          int                year)
{
  g_autofree char *key = entry_key (FIELD_ASSUMPTION, assumption, year);

  g_return_val_if_fail (ESS_IS_SCENARIO_EDITOR (self), NULL);
  return g_hash_table_lookup (self->entries, key);
}

GtkWidget *
ess_scenario_editor_get_treatment_dropdown (EssScenarioEditor *self,
                                            guint              index)
{
  g_autofree char *key = entry_key (FIELD_TREATMENT, index, 0);

  g_return_val_if_fail (ESS_IS_SCENARIO_EDITOR (self), NULL);
  return g_hash_table_lookup (self->entries, key);
}

const char *
ess_scenario_editor_get_summary (EssScenarioEditor *self)
{
  g_return_val_if_fail (ESS_IS_SCENARIO_EDITOR (self), NULL);
  return gtk_label_get_text (self->edit_summary);
}
