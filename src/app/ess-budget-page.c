/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Budget" tab: the Cerfa 12156 budget of the project, forecast and actual. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-budget-page.h"
#include "ess-findings-panel.h"
#include "ess-money.h"
#include "ess-scroll.h"
#include "ess-store-funding.h"

enum { AMOUNT_FORECAST, AMOUNT_ACTUAL, N_AMOUNTS };

typedef struct
{
  EssBudgetPage *page;
  guint          index;
  gboolean       has_subs;
  GtkWidget     *amounts[N_AMOUNTS];   /* GtkText, or GtkLabel for a sum of sub-lines */
  GtkWidget     *gap;
  GtkWidget     *gap_percent;
  gboolean       invalid[N_AMOUNTS];
} Line;

struct _EssBudgetPage
{
  GtkWidget      parent_instance;

  EssStore      *store;
  gint64         dossier_id;
  char          *reference;
  gboolean       read_only;
  EssBudget     *budget;      /* as edited */
  EssBudget     *stored;      /* as in the database */
  EssFundingPlan *plan;       /* for the check of the 74 lines */
  GPtrArray     *lines;       /* Line */
  GPtrArray     *findings;    /* EssFinding */
  GtkWidget     *totals[2][N_AMOUNTS + 2];  /* charges / products: forecast, actual, gap, gap % */
  GtkWidget     *focus;
  char          *focus_origin;
  gboolean       setting;
  gboolean       writing;
  GtkRoot       *root;
  gulong         focus_handler;

  GtkWidget     *content;
  GtkWidget     *scroller;
  GtkGrid       *grid;
  GtkLabel      *status_label;
  GtkBox        *findings_box;
};

G_DEFINE_FINAL_TYPE (EssBudgetPage, ess_budget_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EssBudgetLine *
line_at (EssBudgetPage *self,
         guint          index)
{
  return g_ptr_array_index (self->budget->lines, index);
}

static char *
amount_text (gboolean has,
             gint64   cents)
{
  return has ? ess_money_format_plain (cents) : g_strdup ("");
}

static char *
model_text (Line *line,
            guint which)
{
  EssBudgetLine *l = line_at (line->page, line->index);

  if (which == AMOUNT_FORECAST)
    return amount_text (l->forecast_cents != 0, l->forecast_cents);
  return amount_text (l->has_actual, l->actual_cents);
}

/* The amounts of a line as the form shows them, and whether it has an actual amount. */
static gboolean
line_sums (EssBudgetPage *self,
           guint          index,
           gint64        *forecast,
           gint64        *actual,
           gboolean      *has_actual)
{
  EssBudgetLine *line = line_at (self, index);

  *has_actual = line->has_actual;
  for (guint i = index + 1; line->depth == 0 && i < self->budget->lines->len && line_at (self, i)->depth == 1; i++)
    *has_actual = *has_actual || line_at (self, i)->has_actual;
  return ess_budget_line_sum (self->budget, index, FALSE, forecast) &&
         ess_budget_line_sum (self->budget, index, TRUE, actual);
}

static void
show_gap (GtkWidget *gap_label,
          GtkWidget *percent_label,
          gboolean   shown,
          gint64     forecast,
          gint64     actual)
{
  gint64 gap = 0;

  if (!shown || !ess_money_sub (actual, forecast, &gap))
    {
      gtk_label_set_text (GTK_LABEL (gap_label), shown ? _("overflow") : "");
      gtk_label_set_text (GTK_LABEL (percent_label), "");
      return;
    }
  {
    g_autofree char *text = ess_money_format_plain (gap);
    g_autofree char *percent = ess_percent_format (gap, forecast, 1);

    /* A gap shows its sign: +1 000,00 is more spent or received than forecast. */
    if (gap > 0)
      {
        g_autofree char *signed_text = g_strconcat ("+", text, NULL);
        gtk_label_set_text (GTK_LABEL (gap_label), signed_text);
      }
    else
      gtk_label_set_text (GTK_LABEL (gap_label), text);
    if (gap > 0 && forecast != 0)
      {
        g_autofree char *signed_percent = g_strconcat ("+", percent, NULL);
        gtk_label_set_text (GTK_LABEL (percent_label), signed_percent);
      }
    else
      gtk_label_set_text (GTK_LABEL (percent_label), percent);
  }
}

static void
refresh_findings (EssBudgetPage *self)
{
  GtkWidget *child;
  EssBudgetTotals totals;

  g_ptr_array_set_size (self->findings, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_box))) != NULL)
    gtk_box_remove (self->findings_box, child);
  if (self->dossier_id == 0)
    return;

  if (ess_budget_is_empty (self->budget))
    {
      GtkWidget *label = gtk_label_new (_("No amount yet: type the forecast of each line; "
                                          "the actual amounts after the project (compte rendu financier)."));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->findings_box, label);
      return;
    }

  {
    g_autoptr(GPtrArray) found = ess_budget_check (self->budget, ess_funding_plan_is_empty (self->plan) ? NULL : self->plan);
    g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&found));
  }

  if (self->findings->len == 0 && ess_budget_totals (self->budget, FALSE, &totals))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      g_autofree char *amount = ess_money_format (totals.charges_total);
      g_autofree char *text = g_strdup_printf (_("Balanced budget: charges = products = %s"), amount);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (icon, "success");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->findings_box, box);
    }

  for (guint i = 0; i < self->findings->len; i++)
    {
      EssFinding *finding = g_ptr_array_index (self->findings, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = ess_findings_panel_new_icon (finding->severity);
      /* TRANSLATORS: a finding of the budget: where, then what */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), finding->place, finding->message);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->findings_box, box);
    }
}

static void
refresh_computed (EssBudgetPage *self)
{
  EssBudgetTotals forecast_totals, actual_totals;
  gboolean any_actual = FALSE;

  if (self->dossier_id == 0 || self->totals[0][0] == NULL)
    {
      refresh_findings (self);
      return;
    }

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      gint64 forecast = 0, actual = 0;
      gboolean has_actual = FALSE;
      gboolean ok = line_sums (self, line->index, &forecast, &actual, &has_actual);

      any_actual = any_actual || line_at (self, line->index)->has_actual;
      if (line->has_subs)
        {
          g_autofree char *f = ok ? ess_money_format_plain (forecast) : g_strdup (_("overflow"));
          g_autofree char *a = !has_actual ? g_strdup ("") : ok ? ess_money_format_plain (actual) : g_strdup (_("overflow"));
          gtk_label_set_text (GTK_LABEL (line->amounts[AMOUNT_FORECAST]), f);
          gtk_label_set_text (GTK_LABEL (line->amounts[AMOUNT_ACTUAL]), a);
        }
      show_gap (line->gap, line->gap_percent, ok && has_actual, forecast, actual);
    }

  if (ess_budget_totals (self->budget, FALSE, &forecast_totals) &&
      ess_budget_totals (self->budget, TRUE, &actual_totals))
    for (guint side = 0; side < 2; side++)
      {
        gint64 f = side == 0 ? forecast_totals.charges_total : forecast_totals.products_total;
        gint64 a = side == 0 ? actual_totals.charges_total : actual_totals.products_total;
        g_autofree char *ft = ess_money_format_plain (f);
        g_autofree char *at = any_actual ? ess_money_format_plain (a) : g_strdup ("");

        gtk_label_set_text (GTK_LABEL (self->totals[side][AMOUNT_FORECAST]), ft);
        gtk_label_set_text (GTK_LABEL (self->totals[side][AMOUNT_ACTUAL]), at);
        show_gap (self->totals[side][2], self->totals[side][3], any_actual, f, a);
      }
  refresh_findings (self);
}

/* Saving. */

static void
save_budget (EssBudgetPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->dossier_id == 0 || self->read_only || ess_budget_equal (self->budget, self->stored))
    return;
  self->writing = TRUE;
  ok = ess_store_save_budget (self->store, self->dossier_id, self->budget, &error);
  self->writing = FALSE;
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("The budget could not be saved: %s"), error->message);

      gtk_label_set_text (self->status_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  g_clear_pointer (&self->stored, ess_budget_free);
  self->stored = ess_budget_copy (self->budget);
}

static void
on_focus_widget_changed (GtkRoot       *root,
                         GParamSpec    *pspec,
                         EssBudgetPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  if (focus == self->focus)
    return;
  if (self->focus != NULL)
    {
      Line *line = g_object_get_data (G_OBJECT (self->focus), "ess-budget-line");
      guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->focus), "ess-which"));

      /* What was typed is shown back the French way once the cell is left. */
      if (line && g_ptr_array_find (self->lines, line, NULL) && !line->invalid[which])
        {
          g_autofree char *text = model_text (line, which);

          self->setting = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->focus), text);
          self->setting = FALSE;
        }
      save_budget (self);
    }
  self->focus = NULL;
  g_clear_pointer (&self->focus_origin, g_free);
  if (focus && g_object_get_data (G_OBJECT (focus), "ess-budget-line") != NULL &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      self->focus = focus;
      self->focus_origin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (focus)));
      ess_scroll_to_widget (GTK_SCROLLED_WINDOW (self->scroller), focus);
    }
}

static void
ess_budget_page_root (GtkWidget *widget)
{
  EssBudgetPage *self = ESS_BUDGET_PAGE (widget);

  GTK_WIDGET_CLASS (ess_budget_page_parent_class)->root (widget);
  self->root = gtk_widget_get_root (widget);
  self->focus_handler = g_signal_connect (self->root, "notify::focus-widget",
                                          G_CALLBACK (on_focus_widget_changed), self);
}

static void
ess_budget_page_unroot (GtkWidget *widget)
{
  EssBudgetPage *self = ESS_BUDGET_PAGE (widget);

  if (self->root)
    g_clear_signal_handler (&self->focus_handler, self->root);
  self->root = NULL;
  GTK_WIDGET_CLASS (ess_budget_page_parent_class)->unroot (widget);
}

/* Typing. */

static void
on_amount_changed (GtkEditable *editable,
                   Line        *line)
{
  EssBudgetPage *self = line->page;
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "ess-which"));
  EssBudgetLine *l = line_at (self, line->index);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;
  gboolean valid = TRUE;
  g_autofree char *message = NULL;

  if (self->setting)
    return;
  if (text[0] != '\0' && !ess_money_parse (text, &cents, &error))
    {
      valid = FALSE;
      message = g_strdup (error->message);
    }
  else if (cents < 0)
    {
      valid = FALSE;
      message = g_strdup_printf (_("“%s” is negative: a budget amount is 0 or more"), text);
    }

  line->invalid[which] = !valid;
  if (!valid)
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "invalid");
      gtk_widget_set_tooltip_text (GTK_WIDGET (editable), message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (editable),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "invalid");
  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID);

  if (which == AMOUNT_FORECAST)
    l->forecast_cents = cents;
  else
    {
      l->has_actual = text[0] != '\0';
      l->actual_cents = cents;
    }
  refresh_computed (self);
}

static GtkWidget *
entry_below (EssBudgetPage *self,
             GtkWidget     *from,
             int            step)
{
  Line *line = g_object_get_data (G_OBJECT (from), "ess-budget-line");
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (from), "ess-which"));
  guint position;

  if (!g_ptr_array_find (self->lines, line, &position))
    return NULL;
  for (int i = (int) position + step; i >= 0 && (guint) i < self->lines->len; i += step)
    {
      Line *other = g_ptr_array_index (self->lines, i);
      if (!other->has_subs)
        return other->amounts[which];
    }
  return NULL;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EssBudgetPage         *self)
{
  GtkWidget *next;

  if (self->focus == NULL)
    return FALSE;
  state &= gtk_accelerator_get_default_mod_mask ();

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return FALSE;
      next = entry_below (self, self->focus,
                          (keyval == GDK_KEY_Up || (state & GDK_SHIFT_MASK)) ? -1 : 1);
      if (next)
        gtk_widget_grab_focus (next);
      else
        save_budget (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->focus_origin && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->focus)), self->focus_origin) != 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->focus), self->focus_origin);
          gtk_editable_select_region (GTK_EDITABLE (self->focus), 0, -1);
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }
}

/* Building. */

static GtkWidget *
cell_label (EssBudgetPage *self,
            const char    *text,
            int            col,
            int            row,
            float          xalign,
            const char    *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "cell");
  if (css)
    gtk_widget_add_css_class (label, css);
  gtk_grid_attach (self->grid, label, col, row, 1, 1);
  return label;
}

static void
line_free (Line *line)
{
  g_free (line);
}

static void
rebuild (EssBudgetPage *self)
{
  static const int headings_xalign[] = { 0, 0, 1, 1, 1, 1 };
  const char *headings[] = {
    _("Account"), _("Line"), _("Forecast"), _("Actual"), _("Gap"), _("Gap (%)"),
  };
  GtkWidget *child;
  int row = 0;

  self->focus = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->lines, 0);
  memset (self->totals, 0, sizeof self->totals);
  if (self->dossier_id == 0)
    return;

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    cell_label (self, headings[c], (int) c, row, headings_xalign[c], "heading-cell");
  row++;

  for (guint side = 0; side < 2; side++)
    {
      GtkWidget *label = gtk_label_new (side == 0 ? _("Charges") : _("Products"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "section-cell");
      gtk_grid_attach (self->grid, label, 0, row++, 6, 1);

      for (guint i = 0; i < self->budget->lines->len; i++)
        {
          EssBudgetLine *l = line_at (self, i);
          Line *line;
          g_autofree char *label_text = NULL;

          if ((side == 0) != (l->side == ESS_BUDGET_CHARGE))
            continue;
          line = g_new0 (Line, 1);
          line->page = self;
          line->index = i;
          line->has_subs = l->depth == 0 && i + 1 < self->budget->lines->len && line_at (self, i + 1)->depth == 1;
          g_ptr_array_add (self->lines, line);

          cell_label (self, l->depth == 1 && g_strcmp0 (l->code, "74") == 0 ? "" : l->code, 0, row, 0,
                      l->depth == 0 ? "account" : "sub-account");
          label = cell_label (self, l->label, 1, row, 0, l->depth == 0 ? "account" : "sub-account");
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (label), 34);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
          gtk_widget_set_tooltip_text (label, l->label);

          for (guint w = 0; w < N_AMOUNTS; w++)
            {
              /* TRANSLATORS: accessible name of a budget cell: "Achats, forecast" */
              label_text = g_strdup_printf (w == AMOUNT_FORECAST ? _("%s %s, forecast") : _("%s %s, actual"),
                                            l->code, l->label);
              if (line->has_subs)
                {
                  line->amounts[w] = cell_label (self, "", 2 + (int) w, row, 1, "computed");
                  gtk_widget_add_css_class (line->amounts[w], "numeric");
                }
              else
                {
                  g_autofree char *text = model_text (line, w);
                  GtkWidget *entry = gtk_text_new ();

                  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
                  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 12);
                  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
                  gtk_editable_set_editable (GTK_EDITABLE (entry), !self->read_only);
                  gtk_text_set_input_purpose (GTK_TEXT (entry), GTK_INPUT_PURPOSE_NUMBER);
                  gtk_widget_add_css_class (entry, "cell");
                  gtk_widget_add_css_class (entry, "numeric");
                  gtk_editable_set_text (GTK_EDITABLE (entry), text);
                  g_object_set_data (G_OBJECT (entry), "ess-budget-line", line);
                  g_object_set_data (G_OBJECT (entry), "ess-which", GUINT_TO_POINTER (w));
                  g_signal_connect (entry, "changed", G_CALLBACK (on_amount_changed), line);
                  gtk_grid_attach (self->grid, entry, 2 + (int) w, row, 1, 1);
                  line->amounts[w] = entry;
                }
              gtk_accessible_update_property (GTK_ACCESSIBLE (line->amounts[w]),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label_text, -1);
              g_clear_pointer (&label_text, g_free);
            }
          line->gap = cell_label (self, "", 4, row, 1, "computed");
          line->gap_percent = cell_label (self, "", 5, row, 1, "computed");
          gtk_widget_add_css_class (line->gap, "numeric");
          gtk_widget_add_css_class (line->gap_percent, "numeric");
          row++;
        }

      cell_label (self, "", 0, row, 0, "total-row");
      cell_label (self, side == 0 ? _("Total charges") : _("Total products"), 1, row, 0, "total-row");
      for (guint w = 0; w < N_AMOUNTS + 2; w++)
        {
          self->totals[side][w] = cell_label (self, "", 2 + (int) w, row, 1, "total-row");
          gtk_widget_add_css_class (self->totals[side][w], "numeric");
        }
      row++;
    }

  refresh_computed (self);
}

/* Export. */

gboolean
ess_budget_page_export (EssBudgetPage  *self,
                        GFile          *file,
                        GError        **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (ESS_IS_BUDGET_PAGE (self), FALSE);

  save_budget (self);
  csv = ess_budget_to_csv (self->budget);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(EssBudgetPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!ess_budget_page_export (self, file, &error))
        {
          GtkWidget *message = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                                       "%s", _("The budget could not be exported"));
          gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s", error->message);
          g_signal_connect (message, "response", G_CALLBACK (gtk_window_destroy), NULL);
          gtk_window_present (GTK_WINDOW (message));
        }
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EssBudgetPage *self = ESS_BUDGET_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  save_budget (self);
  chooser = gtk_file_chooser_native_new (_("Export the Budget"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* TRANSLATORS: file name of an exported budget; %s is the dossier's reference */
  name = g_strdup_printf (_("%s-budget.csv"), self->reference ? self->reference : "budget");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Loading. */

void
ess_budget_page_set_dossier (EssBudgetPage    *self,
                             const EssDossier *dossier)
{
  g_autoptr(EssBudget) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = dossier ? dossier->id : 0;
  gboolean read_only = dossier && dossier->deleted_at != NULL;
  gboolean changed = FALSE;

  g_return_if_fail (ESS_IS_BUDGET_PAGE (self));

  if (self->writing)
    return;

  if (id != 0)
    {
      loaded = ess_store_load_budget (self->store, id, &error);
      g_clear_pointer (&self->plan, ess_funding_plan_free);
      self->plan = ess_store_load_funding_plan (self->store, id, NULL);
      if (self->plan == NULL)
        self->plan = ess_funding_plan_new ();
      if (loaded == NULL)
        {
          g_warning ("%s", error->message);
          id = 0;
        }
      g_free (self->reference);
      self->reference = g_strdup (dossier->reference);
    }

  if (id != self->dossier_id)
    {
      if (self->dossier_id != 0)
        save_budget (self);
      changed = TRUE;
    }
  else if (loaded && !ess_budget_equal (loaded, self->stored))
    changed = TRUE;

  if (changed || read_only != self->read_only)
    {
      self->dossier_id = id;
      self->read_only = read_only;
      g_clear_pointer (&self->budget, ess_budget_free);
      g_clear_pointer (&self->stored, ess_budget_free);
      self->stored = loaded ? g_steal_pointer (&loaded) : ess_budget_new_default ();
      self->budget = ess_budget_copy (self->stored);
      rebuild (self);
    }
  else
    refresh_computed (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.export", self->dossier_id != 0);
}

const EssBudget *
ess_budget_page_get_budget (EssBudgetPage *self)
{
  g_return_val_if_fail (ESS_IS_BUDGET_PAGE (self), NULL);
  return self->budget;
}

GtkWidget *
ess_budget_page_get_entry (EssBudgetPage *self,
                           guint          index,
                           gboolean       actual)
{
  g_return_val_if_fail (ESS_IS_BUDGET_PAGE (self), NULL);

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      if (line->index == index)
        return line->has_subs ? NULL : line->amounts[actual ? AMOUNT_ACTUAL : AMOUNT_FORECAST];
    }
  return NULL;
}

GtkWidget *
ess_budget_page_get_label (EssBudgetPage *self,
                           const char    *what,
                           guint          index,
                           gboolean       actual)
{
  g_return_val_if_fail (ESS_IS_BUDGET_PAGE (self), NULL);

  if (self->dossier_id == 0)
    return NULL;
  if (g_str_equal (what, "charges") || g_str_equal (what, "products"))
    return self->totals[g_str_equal (what, "charges") ? 0 : 1][actual ? AMOUNT_ACTUAL : AMOUNT_FORECAST];
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = g_ptr_array_index (self->lines, i);
      if (line->index != index)
        continue;
      if (g_str_equal (what, "gap"))
        return line->gap;
      if (g_str_equal (what, "gap-percent"))
        return line->gap_percent;
      return line->has_subs ? line->amounts[actual ? AMOUNT_ACTUAL : AMOUNT_FORECAST] : NULL;
    }
  return NULL;
}

GPtrArray *
ess_budget_page_get_findings (EssBudgetPage *self)
{
  g_return_val_if_fail (ESS_IS_BUDGET_PAGE (self), NULL);
  return self->findings;
}

/* GObject. */

static void
ess_budget_page_dispose (GObject *object)
{
  EssBudgetPage *self = (EssBudgetPage *) object;

  if (self->root)
    g_clear_signal_handler (&self->focus_handler, self->root);
  self->root = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_BUDGET_PAGE);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->budget, ess_budget_free);
  g_clear_pointer (&self->stored, ess_budget_free);
  g_clear_pointer (&self->plan, ess_funding_plan_free);
  g_clear_pointer (&self->focus_origin, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_budget_page_parent_class)->dispose (object);
}

static void
ess_budget_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EssBudgetPage *self = ESS_BUDGET_PAGE (object);

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
ess_budget_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EssBudgetPage *self = ESS_BUDGET_PAGE (object);

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
ess_budget_page_class_init (EssBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_budget_page_dispose;
  object_class->set_property = ess_budget_page_set_property;
  object_class->get_property = ess_budget_page_get_property;
  widget_class->root = ess_budget_page_root;
  widget_class->unroot = ess_budget_page_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-budget-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssBudgetPage, content);
  gtk_widget_class_bind_template_child (widget_class, EssBudgetPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssBudgetPage, grid);
  gtk_widget_class_bind_template_child (widget_class, EssBudgetPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EssBudgetPage, findings_box);
  gtk_widget_class_install_action (widget_class, "budget.export", NULL, export_action);
}

static void
ess_budget_page_init (EssBudgetPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);
  self->budget = ess_budget_new_default ();
  self->stored = ess_budget_new_default ();
  self->plan = ess_funding_plan_new ();

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "budget.export", FALSE);
}

EssBudgetPage *
ess_budget_page_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_BUDGET_PAGE, "store", store, NULL);
}
