/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editor beside the list: every field of one dossier, in tabs. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-applicant-page.h"
#include "ess-dossier-editor.h"
#include "ess-budget-page.h"
#include "ess-form.h"
#include "ess-funding-page.h"
#include "ess-history-page.h"
#include "ess-indicators-section.h"
#include "ess-payments-page.h"
#include "ess-review-page.h"
#include "ess-store-communes.h"
#include "ess-store-dossiers.h"

struct _EssDossierEditor
{
  GtkWidget         parent_instance;

  EssStore         *store;
  gint64            dossier_id;
  EssDossier       *dossier;
  EssForm          *form;
  gboolean          loading_communes;
  GHashTable       *commune_checks;   /* INSEE -> GtkCheckButton */

  EssApplicantPage *applicant_page;
  EssFundingPage   *funding_page;
  EssBudgetPage    *budget_page;
  EssReviewPage    *review_page;
  EssPaymentsPage  *payments_page;
  EssHistoryPage   *history_page;
  EssIndicatorsSection *indicators;

  GtkStack         *stack;
  GtkLabel         *reference_label;
  GtkLabel         *status_label;
  GtkWidget        *trash_label;
  GtkLabel         *title_label;
  GtkNotebook      *notebook;
  GtkGrid          *identity_grid;
  GtkBox           *applicant_box;
  GtkLabel         *territories_label;
  GtkSearchEntry   *commune_search;
  GtkListBox       *commune_list;
  GtkBox           *funding_box;
  GtkBox           *budget_box;
  GtkBox           *review_box;
  GtkBox           *payments_box;
  GtkBox           *history_box;
};

G_DEFINE_FINAL_TYPE (EssDossierEditor, ess_dossier_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOSSIER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_communes (EssDossierEditor *self)
{
  GHashTableIter iter;
  gpointer check;
  g_autofree char *territories = NULL;
  g_autofree char *text = NULL;

  self->loading_communes = TRUE;
  g_hash_table_iter_init (&iter, self->commune_checks);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    gtk_check_button_set_active (check, FALSE);

  for (guint i = 0; self->dossier && self->dossier->communes[i]; i++)
    {
      check = g_hash_table_lookup (self->commune_checks, self->dossier->communes[i]);
      if (check)
        gtk_check_button_set_active (check, TRUE);
    }
  self->loading_communes = FALSE;

  if (self->dossier)
    territories = ess_store_dossier_territories (self->store, self->dossier->id, NULL);
  if (territories && territories[0])
    text = g_strdup_printf (_("Territories: %s"), territories);
  else
    text = g_strdup (_("No commune chosen yet: the territories follow from the communes."));
  gtk_label_set_text (self->territories_label, text);

  g_hash_table_iter_init (&iter, self->commune_checks);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    gtk_widget_set_sensitive (check, self->dossier && !self->dossier->deleted_at);
}

static void
on_commune_toggled (GtkCheckButton   *button,
                    EssDossierEditor *self)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer insee, check;

  if (self->loading_communes || self->dossier == NULL)
    return;

  g_hash_table_iter_init (&iter, self->commune_checks);
  while (g_hash_table_iter_next (&iter, &insee, &check))
    if (gtk_check_button_get_active (check))
      g_ptr_array_add (codes, insee);
  ess_commune_codes_sort (codes);
  g_ptr_array_add (codes, NULL);

  if (!ess_store_set_dossier_communes (self->store, self->dossier->id,
                                       (const char * const *) codes->pdata, &error))
    g_warning ("%s", error->message);
}

static gboolean
commune_filter (GtkListBoxRow *row,
                gpointer       user_data)
{
  EssDossierEditor *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->commune_search));
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  g_autofree char *folded = NULL;

  if (search == NULL || search[0] == '\0')
    return TRUE;
  folded = g_utf8_casefold (search, -1);
  return key && strstr (key, folded) != NULL;
}

static void
on_commune_search_changed (EssDossierEditor *self)
{
  gtk_list_box_invalidate_filter (self->commune_list);
}

static void
build_communes (EssDossierEditor *self)
{
  g_autoptr(GPtrArray) communes = ess_store_list_communes (self->store, NULL);

  for (guint i = 0; communes && i < communes->len; i++)
    {
      EssChoice *commune = g_ptr_array_index (communes, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", commune->label, commune->id);
      g_autofree char *key = g_utf8_casefold (label, -1);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      g_object_set_data_full (G_OBJECT (row), "key", g_steal_pointer (&key), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_commune_toggled), self);
      gtk_list_box_append (self->commune_list, row);
      g_hash_table_insert (self->commune_checks, g_strdup (commune->id), check);
    }
  gtk_list_box_set_filter_func (self->commune_list, commune_filter, self, NULL);
}

static void
show_dossier (EssDossierEditor *self)
{
  EssDossier *dossier = self->dossier;

  gtk_stack_set_visible_child_name (self->stack, dossier ? "dossier" : "empty");
  if (dossier)
    {
      gtk_label_set_text (self->reference_label, dossier->reference);
      gtk_label_set_text (self->title_label, dossier->title);
      gtk_label_set_text (self->status_label, ess_status_label (dossier->status));
      gtk_widget_set_name (GTK_WIDGET (self->status_label), ess_status_to_id (dossier->status));
      gtk_widget_set_visible (self->trash_label, dossier->deleted_at != NULL);
    }

  ess_form_set_dossier (self->form, dossier);
  ess_indicators_section_set_dossier (self->indicators, dossier ? dossier->id : 0,
                                      dossier && dossier->deleted_at == NULL);
  show_communes (self);
  ess_applicant_page_set_dossier (self->applicant_page, dossier);
  ess_funding_page_set_dossier (self->funding_page, dossier);
  ess_budget_page_set_dossier (self->budget_page, dossier);
  ess_review_page_set_dossier (self->review_page, dossier);
  ess_payments_page_set_dossier (self->payments_page, dossier);
  ess_history_page_set_dossier (self->history_page, dossier);
}

static void
reload (EssDossierEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->dossier, ess_dossier_free);
  if (self->dossier_id != 0)
    {
      self->dossier = ess_store_load_dossier (self->store, self->dossier_id, &error);
      if (self->dossier == NULL)
        {
          /* Deleted for good (trash emptied): nothing left to show. */
          g_debug ("%s", error ? error->message : "no dossier");
          self->dossier_id = 0;
        }
    }
  show_dossier (self);
}

static void
on_store_changed (EssStore         *store,
                  const char       *what,
                  EssDossierEditor *self)
{
  if (self->dossier_id != 0)
    reload (self);
}

static void
add_page (GtkBox    *box,
          GtkWidget *page)
{
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (box, page);
}

static void
on_show_budget (EssDossierEditor *self)
{
  ess_dossier_editor_show_page (self, ESS_EDITOR_PAGE_BUDGET);
}

static void
ess_dossier_editor_constructed (GObject *object)
{
  EssDossierEditor *self = (EssDossierEditor *) object;

  G_OBJECT_CLASS (ess_dossier_editor_parent_class)->constructed (object);

  self->form = ess_form_new (self->identity_grid, self->store);
  ess_form_add_heading (self->form, _("Identity"));
  ess_form_add_field (self->form, ESS_FIELD_REFERENCE);
  ess_form_add_field (self->form, ESS_FIELD_TITLE);
  ess_form_add_field (self->form, ESS_FIELD_DESCRIPTION);
  ess_form_add_field (self->form, ESS_FIELD_SCHEME);
  ess_form_add_field (self->form, ESS_FIELD_VOLET);
  ess_form_add_field (self->form, ESS_FIELD_AXIS);
  ess_form_add_field (self->form, ESS_FIELD_YEAR);
  ess_form_add_field (self->form, ESS_FIELD_PARTNERS);
  ess_form_add_heading (self->form, _("Amounts"));
  ess_form_add_field (self->form, ESS_FIELD_REQUESTED);
  ess_form_add_field (self->form, ESS_FIELD_PROPOSED);
  ess_form_add_field (self->form, ESS_FIELD_GRANTED);
  ess_form_add_heading (self->form, _("Dates"));
  ess_form_add_field (self->form, ESS_FIELD_SUBMITTED_ON);
  ess_form_add_field (self->form, ESS_FIELD_COMMITTEE_ON);
  ess_form_add_field (self->form, ESS_FIELD_DECIDED_ON);
  ess_form_add_field (self->form, ESS_FIELD_AGREEMENT_ON);
  ess_form_add_field (self->form, ESS_FIELD_START_ON);
  ess_form_add_field (self->form, ESS_FIELD_END_ON);

  self->indicators = ess_indicators_section_new (self->store);
  gtk_widget_set_margin_top (GTK_WIDGET (self->indicators), 12);
  gtk_grid_attach (self->identity_grid, GTK_WIDGET (self->indicators), 0, 100, 2, 1);

  build_communes (self);

  self->applicant_page = g_object_new (ESS_TYPE_APPLICANT_PAGE, "store", self->store, NULL);
  self->funding_page = ess_funding_page_new (self->store);
  self->budget_page = ess_budget_page_new (self->store);
  g_signal_connect_swapped (self->funding_page, "show-budget", G_CALLBACK (on_show_budget), self);
  self->review_page = ess_review_page_new (self->store);
  self->payments_page = g_object_new (ESS_TYPE_PAYMENTS_PAGE, "store", self->store, NULL);
  self->history_page = g_object_new (ESS_TYPE_HISTORY_PAGE, "store", self->store, NULL);
  add_page (self->applicant_box, GTK_WIDGET (self->applicant_page));
  add_page (self->funding_box, GTK_WIDGET (self->funding_page));
  add_page (self->budget_box, GTK_WIDGET (self->budget_page));
  add_page (self->review_box, GTK_WIDGET (self->review_page));
  add_page (self->payments_box, GTK_WIDGET (self->payments_page));
  add_page (self->history_box, GTK_WIDGET (self->history_page));

  g_signal_connect_object (self->store, "changed::dossiers", G_CALLBACK (on_store_changed), self, 0);
  show_dossier (self);
}

static void
ess_dossier_editor_dispose (GObject *object)
{
  EssDossierEditor *self = (EssDossierEditor *) object;

  g_clear_pointer (&self->form, ess_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_DOSSIER_EDITOR);
  g_clear_pointer (&self->commune_checks, g_hash_table_unref);
  g_clear_pointer (&self->dossier, ess_dossier_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_dossier_editor_parent_class)->dispose (object);
}

static void
ess_dossier_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EssDossierEditor *self = ESS_DOSSIER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DOSSIER_ID:
      ess_dossier_editor_set_dossier_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_dossier_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EssDossierEditor *self = ESS_DOSSIER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOSSIER_ID:
      g_value_set_int64 (value, self->dossier_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_dossier_editor_class_init (EssDossierEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_dossier_editor_constructed;
  object_class->dispose = ess_dossier_editor_dispose;
  object_class->set_property = ess_dossier_editor_set_property;
  object_class->get_property = ess_dossier_editor_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOSSIER_ID] =
    g_param_spec_int64 ("dossier-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-dossier-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, reference_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, trash_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, notebook);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, identity_grid);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, applicant_box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, territories_label);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, commune_search);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, commune_list);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, funding_box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, budget_box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, review_box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, payments_box);
  gtk_widget_class_bind_template_child (widget_class, EssDossierEditor, history_box);
}

static void
ess_dossier_editor_init (EssDossierEditor *self)
{
  self->commune_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->commune_search, "search-changed", G_CALLBACK (on_commune_search_changed), self);
}

EssDossierEditor *
ess_dossier_editor_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_DOSSIER_EDITOR, "store", store, NULL);
}

gint64
ess_dossier_editor_get_dossier_id (EssDossierEditor *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_EDITOR (self), 0);
  return self->dossier_id;
}

void
ess_dossier_editor_set_dossier_id (EssDossierEditor *self,
                                   gint64            id)
{
  g_return_if_fail (ESS_IS_DOSSIER_EDITOR (self));

  if (self->dossier_id == id && (id == 0 || self->dossier != NULL))
    return;

  /* Text typed in the previous dossier is written before leaving it. */
  if (gtk_widget_get_root (GTK_WIDGET (self)))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
      if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
    }

  self->dossier_id = id;
  if (self->store != NULL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER_ID]);
}

const EssDossier *
ess_dossier_editor_get_dossier (EssDossierEditor *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_EDITOR (self), NULL);
  return self->dossier;
}

void
ess_dossier_editor_edit_reference (EssDossierEditor *self)
{
  GtkWidget *entry;

  g_return_if_fail (ESS_IS_DOSSIER_EDITOR (self));

  if (self->dossier == NULL)
    return;
  gtk_notebook_set_current_page (self->notebook, 0);
  entry = ess_form_get_widget (self->form, ESS_FIELD_REFERENCE);
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

void
ess_dossier_editor_show_page (EssDossierEditor *self,
                              EssEditorPage     page)
{
  g_return_if_fail (ESS_IS_DOSSIER_EDITOR (self));
  gtk_notebook_set_current_page (self->notebook, (int) page);
}

GtkWidget *
ess_dossier_editor_get_field_widget (EssDossierEditor *self,
                                     EssDossierField   field)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_EDITOR (self), NULL);
  return ess_form_get_widget (self->form, field);
}

EssFundingPage *
ess_dossier_editor_get_funding_page (EssDossierEditor *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_EDITOR (self), NULL);
  return self->funding_page;
}

EssBudgetPage *
ess_dossier_editor_get_budget_page (EssDossierEditor *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_EDITOR (self), NULL);
  return self->budget_page;
}

EssReviewPage *
ess_dossier_editor_get_review_page (EssDossierEditor *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_EDITOR (self), NULL);
  return self->review_page;
}
