/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rows of dossier fields in a grid: validated as typed, written when left. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-form.h"
#include "ess-store-dossiers.h"

typedef struct
{
  EssForm         *form;
  EssDossierField  field;
  GtkWidget       *input;
  GtkWidget       *error_label;
  GtkEventController *focus;
  GPtrArray       *choice_ids;   /* for drop-downs, parallel to their items */
  gboolean         dirty;        /* holds typed text not written yet */
  gboolean         loading;      /* being filled from the dossier */
  gboolean         invalid;
} FieldRow;

struct _EssForm
{
  GtkGrid    *grid;
  EssStore   *store;
  int         next_row;
  GPtrArray  *rows;
  EssDossier *dossier;
};

static gboolean
is_long_text (EssDossierField field)
{
  return field == ESS_FIELD_DESCRIPTION || field == ESS_FIELD_PARTNERS ||
         field == ESS_FIELD_CONDITIONS || field == ESS_FIELD_NOTES;
}

static char *
input_text (FieldRow *row)
{
  if (GTK_IS_EDITABLE (row->input))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->input)));

  if (GTK_IS_TEXT_VIEW (row->input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  if (GTK_IS_DROP_DOWN (row->input))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->input));
      if (selected < row->choice_ids->len)
        return g_strdup (g_ptr_array_index (row->choice_ids, selected));
    }

  return g_strdup ("");
}

static void
show_error (FieldRow   *row,
            const char *message)
{
  row->invalid = (message != NULL);
  gtk_widget_set_visible (row->error_label, message != NULL);
  gtk_label_set_text (GTK_LABEL (row->error_label), message ? message : "");

  if (message)
    gtk_widget_add_css_class (row->input, "error");
  else
    gtk_widget_remove_css_class (row->input, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (message)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row->input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
validate (FieldRow  *row,
          char     **normalized)
{
  g_autofree char *text = input_text (row);
  g_autoptr(GError) error = NULL;

  if (row->form->dossier == NULL)
    return FALSE;

  if (!ess_dossier_validate_field (row->form->dossier, row->field, text, normalized, &error))
    {
      show_error (row, error->message);
      return FALSE;
    }

  show_error (row, NULL);
  return TRUE;
}

static void
commit (FieldRow *row)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  if (row->loading || !row->dirty || row->form->dossier == NULL)
    return;

  if (!validate (row, &normalized))
    return;

  /* Cleared first: the store's change notification reloads the form. */
  row->dirty = FALSE;
  if (!ess_store_set_dossier_field (row->form->store, row->form->dossier->id, row->field, normalized, &error))
    {
      row->dirty = TRUE;
      show_error (row, error->message);
    }
}

static void
on_changed (FieldRow *row)
{
  g_autofree char *normalized = NULL;

  if (row->loading)
    return;
  row->dirty = TRUE;
  validate (row, &normalized);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                FieldRow                *row)
{
  commit (row);
}

static void
on_drop_down_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       FieldRow    *row)
{
  if (row->loading)
    return;
  row->dirty = TRUE;
  commit (row);
}

static void
field_row_free (FieldRow *row)
{
  g_signal_handlers_disconnect_by_data (row->input, row);
  if (GTK_IS_TEXT_VIEW (row->input))
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input)), row);
  if (row->focus != NULL)
    g_signal_handlers_disconnect_by_data (row->focus, row);
  g_clear_pointer (&row->choice_ids, g_ptr_array_unref);
  g_free (row);
}

EssForm *
ess_form_new (GtkGrid  *grid,
              EssStore *store)
{
  EssForm *form = g_new0 (EssForm, 1);

  form->grid = grid;
  form->store = g_object_ref (store);
  form->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  return form;
}

void
ess_form_free (EssForm *form)
{
  if (form == NULL)
    return;

  g_ptr_array_unref (form->rows);
  g_clear_pointer (&form->dossier, ess_dossier_free);
  g_object_unref (form->store);
  g_free (form);
}

void
ess_form_add_heading (EssForm    *form,
                      const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, form->next_row > 0 ? 12 : 0);
  gtk_grid_attach (form->grid, label, 0, form->next_row++, 2, 1);
}

static GtkWidget *
make_drop_down (FieldRow *row)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  row->choice_ids = g_ptr_array_new_with_free_func (g_free);

  if (row->field == ESS_FIELD_SCHEME)
    {
      g_autoptr(GPtrArray) schemes = ess_store_list_schemes (row->form->store, NULL);
      for (guint i = 0; schemes && i < schemes->len; i++)
        {
          EssChoice *choice = g_ptr_array_index (schemes, i);
          g_autofree char *label = g_strdup_printf ("%s — %s", choice->id, choice->label);
          gtk_string_list_append (strings, label);
          g_ptr_array_add (row->choice_ids, g_strdup (choice->id));
        }
    }
  else
    {
      static const char * const opinions[] = { "", "favorable", "reserved", "unfavorable" };
      for (guint i = 0; i < G_N_ELEMENTS (opinions); i++)
        {
          gtk_string_list_append (strings, ess_opinion_label (opinions[i]));
          g_ptr_array_add (row->choice_ids, g_strdup (opinions[i]));
        }
    }

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_drop_down_selected), row);
  return drop_down;
}

GtkWidget *
ess_form_add_field (EssForm         *form,
                    EssDossierField  field)
{
  const EssFieldInfo *info = ess_dossier_field_info (field);
  FieldRow *row = g_new0 (FieldRow, 1);
  GtkWidget *label;
  GtkWidget *box;
  GtkWidget *shown;
  GtkEventController *focus;

  row->form = form;
  row->field = field;

  if (info->kind == ESS_FIELD_KIND_CHOICE || field == ESS_FIELD_SCHEME)
    {
      row->input = make_drop_down (row);
      shown = row->input;
    }
  else if (is_long_text (field))
    {
      GtkTextBuffer *buffer;

      row->input = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->input), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row->input), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (row->input), 4);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (row->input), 4);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (row->input), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (row->input), 6);
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input));
      g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_changed), row);
      shown = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (shown), row->input);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (shown), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (shown),
                                                  field == ESS_FIELD_NOTES || field == ESS_FIELD_DESCRIPTION ? 90 : 56);
      gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (shown), TRUE);
    }
  else
    {
      row->input = gtk_entry_new ();
      g_signal_connect_swapped (row->input, "changed", G_CALLBACK (on_changed), row);
      g_signal_connect_swapped (row->input, "activate", G_CALLBACK (commit), row);
      if (info->kind == ESS_FIELD_KIND_MONEY)
        {
          gtk_entry_set_alignment (GTK_ENTRY (row->input), 1.0);
          gtk_widget_add_css_class (row->input, "numeric");
          gtk_entry_set_placeholder_text (GTK_ENTRY (row->input), "0,00 €");
        }
      else if (info->kind == ESS_FIELD_KIND_DATE)
        gtk_entry_set_placeholder_text (GTK_ENTRY (row->input), _("dd/mm/yyyy"));
      shown = row->input;
    }

  if (!GTK_IS_DROP_DOWN (row->input))
    {
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), row);
      gtk_widget_add_controller (row->input, focus);
      row->focus = focus;
    }

  gtk_widget_set_hexpand (shown, TRUE);

  label = gtk_label_new_with_mnemonic (_(info->label));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_set_valign (label, is_long_text (field) ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), row->input);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->label), -1);

  row->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->error_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->error_label), TRUE);
  gtk_widget_add_css_class (row->error_label, "field-error");
  gtk_widget_set_visible (row->error_label, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), shown);
  gtk_box_append (GTK_BOX (box), row->error_label);

  gtk_grid_attach (form->grid, label, 0, form->next_row, 1, 1);
  gtk_grid_attach (form->grid, box, 1, form->next_row, 1, 1);
  form->next_row++;

  g_ptr_array_add (form->rows, row);
  return row->input;
}

static void
set_input (FieldRow   *row,
           const char *value,
           const char *id)
{
  row->loading = TRUE;

  if (GTK_IS_EDITABLE (row->input))
    gtk_editable_set_text (GTK_EDITABLE (row->input), value);
  else if (GTK_IS_TEXT_VIEW (row->input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input)), value, -1);
  else if (GTK_IS_DROP_DOWN (row->input))
    {
      guint position = GTK_INVALID_LIST_POSITION;
      for (guint i = 0; i < row->choice_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (row->choice_ids, i), id) == 0)
          position = i;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (row->input), position);
    }

  row->loading = FALSE;
  row->dirty = FALSE;
  show_error (row, NULL);
}

void
ess_form_set_dossier (EssForm          *form,
                      const EssDossier *dossier)
{
  gboolean same = form->dossier && dossier && form->dossier->id == dossier->id;

  g_clear_pointer (&form->dossier, ess_dossier_free);
  form->dossier = dossier ? ess_dossier_copy (dossier) : NULL;

  for (guint i = 0; i < form->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (form->rows, i);
      g_autofree char *display = NULL;
      const char *id = NULL;

      gtk_widget_set_sensitive (row->input, dossier != NULL && dossier->deleted_at == NULL);

      /* Typed text not written yet stays, marked, while the dossier is the same. */
      if (same && row->dirty)
        continue;

      if (dossier == NULL)
        {
          set_input (row, "", NULL);
          continue;
        }

      if (row->field == ESS_FIELD_SCHEME)
        id = dossier->scheme;
      else if (row->field == ESS_FIELD_OPINION)
        id = dossier->opinion ? dossier->opinion : "";

      if (is_long_text (row->field))
        {
          const char *text = row->field == ESS_FIELD_DESCRIPTION ? dossier->description :
                             row->field == ESS_FIELD_PARTNERS ? dossier->partners :
                             row->field == ESS_FIELD_CONDITIONS ? dossier->conditions :
                             dossier->notes;
          set_input (row, text ? text : "", NULL);
        }
      else
        {
          display = ess_dossier_get_display (dossier, row->field);
          set_input (row, display, id);
        }
    }
}

GtkWidget *
ess_form_get_widget (EssForm         *form,
                     EssDossierField  field)
{
  for (guint i = 0; i < form->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (form->rows, i);
      if (row->field == field)
        return row->input;
    }
  return NULL;
}

gboolean
ess_form_has_error (EssForm         *form,
                    EssDossierField  field)
{
  for (guint i = 0; i < form->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (form->rows, i);
      if (row->field == field)
        return row->invalid;
    }
  return FALSE;
}
