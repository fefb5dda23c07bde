/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Financeurs" and "Années" menus of the funding plan: the columns of the plan, to add and remove. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-funding-popovers.h"

struct _EssFundersPopover
{
  GtkPopover  parent_instance;

  GtkBox     *box;
};

G_DEFINE_FINAL_TYPE (EssFundersPopover, ess_funders_popover, GTK_TYPE_POPOVER)

struct _EssYearsPopover
{
  GtkPopover  parent_instance;

  GtkBox     *box;
};

G_DEFINE_FINAL_TYPE (EssYearsPopover, ess_years_popover, GTK_TYPE_POPOVER)

enum {
  ADD_FUNDER,
  REMOVE_FUNDER,
  N_FUNDERS_SIGNALS
};

static guint funders_signals[N_FUNDERS_SIGNALS];

enum {
  ADD_YEAR,
  REMOVE_YEAR,
  N_YEARS_SIGNALS
};

static guint years_signals[N_YEARS_SIGNALS];

/* What both menus are made of. */

static GtkBox *
menu_box (GtkPopover *popover)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (popover, box);
  return GTK_BOX (box);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
popover_row (const char *text,
             GtkWidget  *button)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  return row;
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
remove_button (const char *tooltip,
               guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  return button;
}

/* The funders. */

static void
on_remove_funder (GtkButton         *button,
                  EssFundersPopover *self)
{
  guint f = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, funders_signals[REMOVE_FUNDER], 0, f);
}

static void
add_funder (EssFundersPopover *self,
            const char        *name,
            const char        *kind)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, funders_signals[ADD_FUNDER], 0, name, kind);
}

static void
on_add_reference_funder (GtkButton         *button,
                         EssFundersPopover *self)
{
  add_funder (self, g_object_get_data (G_OBJECT (button), "name"), g_object_get_data (G_OBJECT (button), "kind"));
}

static void
on_add_other_funder (GtkEntry          *entry,
                     EssFundersPopover *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (name[0] == '\0')
    return;
  add_funder (self, name, "autre");
}

static void
on_add_other_funder_clicked (GtkButton *button,
                             GtkEntry  *entry)
{
  g_signal_emit_by_name (entry, "activate");
}

void
ess_funders_popover_set_plan (EssFundersPopover    *self,
                              const EssFundingPlan *plan)
{
  g_autoptr(GKeyFile) reference = g_key_file_new ();
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/data/reference.ini", 0, NULL);
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) kinds = NULL;
  GtkWidget *entry, *button, *box;
  GtkWidget *existing;

  g_return_if_fail (ESS_IS_FUNDERS_POPOVER (self));
  g_return_if_fail (plan != NULL);

  /* Adding comes first: the focus lands there, not on a remove button. */
  clear_box (self->box);
  existing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (plan->funders->len > 0)
    gtk_box_append (GTK_BOX (existing), section_title (_("Funders of the plan")));
  for (guint f = 0; f < plan->funders->len; f++)
    {
      EssFunder *funder = g_ptr_array_index (plan->funders, f);
      g_autofree char *tooltip = g_strdup_printf (_("Remove %s and its amounts"), funder->name);

      button = remove_button (tooltip, f);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_funder), self);
      gtk_box_append (GTK_BOX (existing), popover_row (funder->name, button));
    }

  gtk_box_append (self->box, section_title (_("Add a funder")));
  if (bytes && g_key_file_load_from_data (reference, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          G_KEY_FILE_NONE, NULL))
    {
      names = g_key_file_get_string_list (reference, "funders", "names", NULL, NULL);
      kinds = g_key_file_get_string_list (reference, "funders", "kinds", NULL, NULL);
    }
  /* A grid, not a flow box: Enter on a focused button adds its funder. */
  box = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (box), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (box), 6);
  gtk_grid_set_column_spacing (GTK_GRID (box), 6);
  for (guint i = 0; names && kinds && names[i] && kinds[i]; i++)
    {
      button = gtk_button_new_with_label (names[i]);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (names[i]), g_free);
      g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kinds[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_reference_funder), self);
      gtk_grid_attach (GTK_GRID (box), button, (int) (i % 2), (int) (i / 2), 1, 1);
    }
  gtk_box_append (self->box, box);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Another funder"));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of another funder"), -1);
  g_signal_connect (entry, "activate", G_CALLBACK (on_add_other_funder), self);
  button = gtk_button_new_with_mnemonic (_("_Add"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_other_funder_clicked), entry);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (self->box, box);

  gtk_widget_set_margin_top (existing, 6);
  gtk_box_append (self->box, existing);
}

static void
ess_funders_popover_class_init (EssFundersPopoverClass *klass)
{
  /**
   * EssFundersPopover::add-funder:
   * @name: the funder's name
   * @kind: its kind in the reference data, "autre" for a typed name
   */
  funders_signals[ADD_FUNDER] = g_signal_new ("add-funder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * EssFundersPopover::remove-funder:
   * @index: the funder's place in the plan given last
   */
  funders_signals[REMOVE_FUNDER] = g_signal_new ("remove-funder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ess_funders_popover_init (EssFundersPopover *self)
{
  self->box = menu_box (GTK_POPOVER (self));
}

EssFundersPopover *
ess_funders_popover_new (void)
{
  return g_object_new (ESS_TYPE_FUNDERS_POPOVER, NULL);
}

/* The years. */

static void
on_remove_year (GtkButton       *button,
                EssYearsPopover *self)
{
  guint y = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, years_signals[REMOVE_YEAR], 0, y);
}

static void
on_add_year (GtkButton       *button,
             EssYearsPopover *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (button), "spin");
  int year = gtk_spin_button_get_value_as_int (spin);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, years_signals[ADD_YEAR], 0, year);
}

void
ess_years_popover_set_plan (EssYearsPopover      *self,
                            const EssFundingPlan *plan,
                            int                   first_year)
{
  GtkWidget *button, *box, *spin;
  GtkWidget *existing;
  int next_year;

  g_return_if_fail (ESS_IS_YEARS_POPOVER (self));
  g_return_if_fail (plan != NULL);

  clear_box (self->box);
  existing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (plan->years->len > 0)
    gtk_box_append (GTK_BOX (existing), section_title (_("Years of the plan")));
  for (guint y = 0; y < plan->years->len; y++)
    {
      int year = g_array_index (plan->years, int, y);
      g_autofree char *text = g_strdup_printf ("%d", year);
      g_autofree char *tooltip = g_strdup_printf (_("Remove the year %d and its amounts"), year);
      /* The funders' amounts need a year: the last one stays while there are funders. */
      gboolean last = plan->years->len == 1 && plan->funders->len > 0;

      button = remove_button (last ? _("The plan keeps one year while it has funders") : tooltip, y);
      gtk_widget_set_sensitive (button, !last);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_year), self);
      gtk_box_append (GTK_BOX (existing), popover_row (text, button));
    }
  gtk_box_append (self->box, section_title (_("Add a year")));
  next_year = plan->years->len > 0 ? g_array_index (plan->years, int, plan->years->len - 1) + 1 : first_year;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  spin = gtk_spin_button_new_with_range (1900, 2200, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), next_year);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year to add"), -1);
  button = gtk_button_new_with_mnemonic (_("_Add"));
  g_object_set_data (G_OBJECT (button), "spin", spin);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_year), self);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (self->box, box);
  gtk_widget_set_margin_top (existing, 6);
  gtk_box_append (self->box, existing);
}

static void
ess_years_popover_class_init (EssYearsPopoverClass *klass)
{
  /**
   * EssYearsPopover::add-year:
   * @year: the year chosen
   */
  years_signals[ADD_YEAR] = g_signal_new ("add-year", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * EssYearsPopover::remove-year:
   * @index: the year's place in the plan given last
   */
  years_signals[REMOVE_YEAR] = g_signal_new ("remove-year", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ess_years_popover_init (EssYearsPopover *self)
{
  self->box = menu_box (GTK_POPOVER (self));
}

EssYearsPopover *
ess_years_popover_new (void)
{
  return g_object_new (ESS_TYPE_YEARS_POPOVER, NULL);
}
