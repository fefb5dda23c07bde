/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The indicators of a dossier: what the project expects and what it achieved. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-indicators-section.h"
#include "ess-store-indicators.h"

struct _EssIndicatorsSection
{
  GtkWidget  parent_instance;

  EssStore  *store;
  gint64     dossier_id;
  gboolean   editable;
  GArray    *shown_ids;   /* indicator ids of the rows, in order */

  GtkWidget *box;
  GtkGrid   *grid;
  GtkWidget *empty_label;
  GtkWidget *add_button;
};

G_DEFINE_FINAL_TYPE (EssIndicatorsSection, ess_indicators_section, GTK_TYPE_WIDGET)

static const char * const column_titles[] = {
  N_("Indicator"),
  N_("Target"),
  N_("Result"),
  N_("Unit"),
};

static void
save_entry (GtkEntry             *entry,
            EssIndicatorsSection *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (entry), "indicator");
  EssIndicatorColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "column"));
  const char *previous = g_object_get_data (G_OBJECT (entry), "stored");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (previous, text) == 0)
    return;

  g_object_set_data_full (G_OBJECT (entry), "stored", g_strdup (text), g_free);
  if (!ess_store_set_indicator (self->store, id, column, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
    }
}

static void
on_entry_leave (GtkEventControllerFocus *focus,
                EssIndicatorsSection    *self)
{
  save_entry (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))), self);
}

static void
on_delete_clicked (GtkButton            *button,
                   EssIndicatorsSection *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "indicator");
  g_autoptr(GError) error = NULL;

  if (!ess_store_delete_indicator (self->store, id, &error))
    g_warning ("%s", error->message);
}

static void
on_add_clicked (EssIndicatorsSection *self)
{
  g_autoptr(GError) error = NULL;

  if (self->dossier_id == 0)
    return;
  if (ess_store_add_indicator (self->store, self->dossier_id, &error) == 0)
    g_warning ("%s", error->message);
}

static void
attach_entry (EssIndicatorsSection *self,
              EssIndicator         *indicator,
              EssIndicatorColumn    column,
              const char           *text,
              int                   row)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *label = g_strdup_printf ("%s %d", _(column_titles[column]), row);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_widget_set_sensitive (entry, self->editable);
  gtk_widget_set_hexpand (entry, column == ESS_INDICATOR_LABEL);
  if (column != ESS_INDICATOR_LABEL)
    gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (entry), "indicator", g_memdup2 (&indicator->id, sizeof (gint64)), g_free);
  g_object_set_data (G_OBJECT (entry), "column", GINT_TO_POINTER (column));
  g_object_set_data_full (G_OBJECT (entry), "stored", g_strdup (text), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (save_entry), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), self);
  gtk_widget_add_controller (entry, focus);
  gtk_grid_attach (self->grid, entry, (int) column, row, 1, 1);
}

static void
rebuild (EssIndicatorsSection *self,
         GPtrArray            *indicators)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
  g_array_set_size (self->shown_ids, 0);

  for (guint c = 0; c < G_N_ELEMENTS (column_titles) && indicators && indicators->len > 0; c++)
    {
      GtkWidget *title = gtk_label_new (_(column_titles[c]));
      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_grid_attach (self->grid, title, (int) c, 0, 1, 1);
    }

  for (guint i = 0; indicators && i < indicators->len; i++)
    {
      EssIndicator *indicator = g_ptr_array_index (indicators, i);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      int row = (int) i + 1;
      g_autofree char *remove_label = g_strdup_printf (_("Delete the indicator “%s”"), indicator->label);

      attach_entry (self, indicator, ESS_INDICATOR_LABEL, indicator->label, row);
      attach_entry (self, indicator, ESS_INDICATOR_TARGET, indicator->target, row);
      attach_entry (self, indicator, ESS_INDICATOR_RESULT, indicator->result, row);
      attach_entry (self, indicator, ESS_INDICATOR_UNIT, indicator->unit, row);
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_sensitive (remove, self->editable);
      g_object_set_data_full (G_OBJECT (remove), "indicator", g_memdup2 (&indicator->id, sizeof (gint64)), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_clicked), self);
      gtk_grid_attach (self->grid, remove, 4, row, 1, 1);
      g_array_append_val (self->shown_ids, indicator->id);
    }

  gtk_widget_set_visible (self->empty_label, !indicators || indicators->len == 0);
}

static gboolean
same_ids (EssIndicatorsSection *self,
          GPtrArray            *indicators)
{
  if (indicators == NULL || indicators->len != self->shown_ids->len)
    return FALSE;
  for (guint i = 0; i < indicators->len; i++)
    if (((EssIndicator *) g_ptr_array_index (indicators, i))->id != g_array_index (self->shown_ids, gint64, i))
      return FALSE;
  return TRUE;
}

static void
reload (EssIndicatorsSection *self,
        gboolean              force)
{
  g_autoptr(GPtrArray) indicators = NULL;

  if (self->dossier_id != 0)
    indicators = ess_store_list_indicators (self->store, self->dossier_id, NULL);

  /* Rows being typed into are kept as long as the same indicators show. */
  if (force || !same_ids (self, indicators))
    rebuild (self, indicators);
  gtk_widget_set_sensitive (self->add_button, self->editable && self->dossier_id != 0);
}

static void
on_store_changed (EssStore             *store,
                  const char           *what,
                  EssIndicatorsSection *self)
{
  reload (self, FALSE);
}

static void
ess_indicators_section_dispose (GObject *object)
{
  EssIndicatorsSection *self = (EssIndicatorsSection *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown_ids, g_array_unref);

  G_OBJECT_CLASS (ess_indicators_section_parent_class)->dispose (object);
}

static void
ess_indicators_section_class_init (EssIndicatorsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ess_indicators_section_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
ess_indicators_section_init (EssIndicatorsSection *self)
{
  GtkWidget *heading = gtk_label_new (_("Indicators"));
  GtkWidget *hint = gtk_label_new (_("What the project commits to, and what it achieved."));

  self->shown_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
  gtk_widget_add_css_class (hint, "dim-label");
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 6);
  self->empty_label = gtk_label_new (_("No indicator yet."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0.0);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  self->add_button = gtk_button_new_with_mnemonic (_("Add an _Indicator"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);

  gtk_box_append (GTK_BOX (self->box), heading);
  gtk_box_append (GTK_BOX (self->box), hint);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->grid));
  gtk_box_append (GTK_BOX (self->box), self->empty_label);
  gtk_box_append (GTK_BOX (self->box), self->add_button);
}

EssIndicatorsSection *
ess_indicators_section_new (EssStore *store)
{
  EssIndicatorsSection *self = g_object_new (ESS_TYPE_INDICATORS_SECTION, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::dossiers", G_CALLBACK (on_store_changed), self, 0);
  return self;
}

void
ess_indicators_section_set_dossier (EssIndicatorsSection *self,
                                    gint64                dossier_id,
                                    gboolean              editable)
{
  gboolean changed = self->dossier_id != dossier_id || self->editable != editable;

  self->dossier_id = dossier_id;
  self->editable = editable;
  reload (self, changed);
}
