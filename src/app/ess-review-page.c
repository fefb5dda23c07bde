/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Instruction" tab: status and its moves, assessment grid, opinion and notes. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-assessment.h"
#include "ess-form.h"
#include "ess-review-page.h"
#include "ess-status-dialog.h"
#include "ess-store-dossiers.h"

struct _EssReviewPage
{
  GtkWidget     parent_instance;

  EssStore     *store;
  EssDossier   *dossier;
  EssForm      *form;
  guint         n_criteria;
  const EssCriterion *criteria;
  GtkDropDown **score_drops;
  GtkEntry    **comment_entries;
  gboolean      loading;

  GtkWidget    *scroller;
  GtkLabel     *status_label;
  GtkLabel     *decided_label;
  GtkBox       *transitions_box;
  GtkWidget    *transitions_title;
  GtkLabel     *total_label;
  GtkGrid      *scores_grid;
  GtkGrid      *opinion_grid;
};

G_DEFINE_FINAL_TYPE (EssReviewPage, ess_review_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWindow *
ess_review_page_change_status (EssReviewPage *self,
                               EssStatus      to)
{
  EssStatusDialog *dialog;
  const char *references[1];
  EssStatus statuses[1];

  g_return_val_if_fail (ESS_IS_REVIEW_PAGE (self), NULL);
  g_return_val_if_fail (self->dossier != NULL, NULL);

  references[0] = self->dossier->reference;
  statuses[0] = self->dossier->status;
  dialog = ess_status_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                  &self->dossier->id, references, statuses, 1, to);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_transition_clicked (GtkButton     *button,
                       EssReviewPage *self)
{
  ess_review_page_change_status (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "status")));
}

static void
show_transitions (EssReviewPage *self)
{
  EssStatus next[ESS_N_STATUSES];
  guint n = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_next_sibling (self->transitions_title)))
    gtk_box_remove (self->transitions_box, child);

  if (self->dossier != NULL && self->dossier->deleted_at == NULL)
    n = ess_status_next (self->dossier->status, next, G_N_ELEMENTS (next));

  gtk_widget_set_visible (GTK_WIDGET (self->transitions_box), n > 0);
  for (guint i = 0; i < n && i < G_N_ELEMENTS (next); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (ess_status_label (next[i]));
      g_autofree char *tooltip = NULL;

      if (ess_status_is_reopening (self->dossier->status, next[i]))
        {
          gtk_widget_add_css_class (button, "destructive-action");
          tooltip = g_strdup_printf (_("Reopen the decision: move to “%s”"), ess_status_label (next[i]));
        }
      else
        tooltip = g_strdup_printf (_("Move the dossier to “%s”"), ess_status_label (next[i]));
      if (next[i] == ESS_STATUS_GRANTED && !ess_status_is_reopening (self->dossier->status, next[i]))
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "status", GINT_TO_POINTER (next[i]));
      g_signal_connect (button, "clicked", G_CALLBACK (on_transition_clicked), self);
      gtk_box_append (self->transitions_box, button);
    }
}

static void
update_total (EssReviewPage *self)
{
  g_autofree int *scores = g_new0 (int, self->n_criteria);
  g_autofree char *text = NULL;
  int total, maximum;

  for (guint i = 0; i < self->n_criteria; i++)
    {
      guint selected = gtk_drop_down_get_selected (self->score_drops[i]);
      scores[i] = (selected == 0 || selected == GTK_INVALID_LIST_POSITION) ? -1 : (int) selected - 1;
    }
  ess_assessment_total (scores, self->n_criteria, &total, &maximum);
  text = g_strdup_printf (_("Total: %d / %d"), total, (int) self->n_criteria * ESS_SCORE_MAX);
  gtk_label_set_text (self->total_label, text);
}

static void
save_score (EssReviewPage *self,
            guint          i)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->score_drops[i]);
  int score = (selected == 0 || selected == GTK_INVALID_LIST_POSITION) ? -1 : (int) selected - 1;

  if (self->loading || self->dossier == NULL)
    return;

  if (!ess_store_set_score (self->store, self->dossier->id, self->criteria[i].id, score,
                            gtk_editable_get_text (GTK_EDITABLE (self->comment_entries[i])), &error))
    g_warning ("%s", error->message);
  update_total (self);
}

static void
on_score_selected (GtkDropDown   *drop_down,
                   GParamSpec    *pspec,
                   EssReviewPage *self)
{
  save_score (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "index")));
}

static void
on_comment_activate (GtkEntry      *entry,
                     EssReviewPage *self)
{
  save_score (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "index")));
}

static void
on_comment_leave (GtkEventControllerFocus *focus,
                  EssReviewPage           *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  save_score (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "index")));
}

static void
build_scores (EssReviewPage *self)
{
  static const char * const choices[] = { "—", "0", "1", "2", "3", NULL };

  self->criteria = ess_assessment_default_criteria (&self->n_criteria);
  self->score_drops = g_new0 (GtkDropDown *, self->n_criteria);
  self->comment_entries = g_new0 (GtkEntry *, self->n_criteria);

  for (guint i = 0; i < self->n_criteria; i++)
    {
      GtkWidget *label = gtk_label_new (_(self->criteria[i].label));
      GtkWidget *drop = gtk_drop_down_new_from_strings (choices);
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *score_label = g_strdup_printf (_("Score for “%s” (0 to 3)"), _(self->criteria[i].label));
      g_autofree char *comment_label = g_strdup_printf (_("Comment on “%s”"), _(self->criteria[i].label));

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comment"));
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, score_label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, comment_label, -1);
      g_object_set_data (G_OBJECT (drop), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (entry), "index", GUINT_TO_POINTER (i));
      g_signal_connect (drop, "notify::selected", G_CALLBACK (on_score_selected), self);
      g_signal_connect (entry, "activate", G_CALLBACK (on_comment_activate), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_comment_leave), self);
      gtk_widget_add_controller (entry, focus);

      gtk_grid_attach (self->scores_grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->scores_grid, drop, 1, (int) i, 1, 1);
      gtk_grid_attach (self->scores_grid, entry, 2, (int) i, 1, 1);
      self->score_drops[i] = GTK_DROP_DOWN (drop);
      self->comment_entries[i] = GTK_ENTRY (entry);
    }
}

static void
load_scores (EssReviewPage *self)
{
  g_autofree int *scores = g_new0 (int, self->n_criteria);
  char **comments = g_new0 (char *, self->n_criteria + 1);
  g_autoptr(GError) error = NULL;

  self->loading = TRUE;
  if (self->dossier == NULL ||
      !ess_store_get_scores (self->store, self->dossier->id, scores, comments, self->n_criteria, &error))
    {
      if (error)
        g_warning ("%s", error->message);
      for (guint i = 0; i < self->n_criteria; i++)
        scores[i] = -1;
    }

  for (guint i = 0; i < self->n_criteria; i++)
    {
      gtk_drop_down_set_selected (self->score_drops[i], scores[i] < 0 ? 0 : (guint) scores[i] + 1);
      /* A comment being typed stays. */
      if (!gtk_widget_has_focus (GTK_WIDGET (self->comment_entries[i])) &&
          !gtk_widget_is_focus (gtk_widget_get_first_child (GTK_WIDGET (self->comment_entries[i]))))
        gtk_editable_set_text (GTK_EDITABLE (self->comment_entries[i]), comments[i] ? comments[i] : "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->score_drops[i]), self->dossier && !self->dossier->deleted_at);
      gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entries[i]), self->dossier && !self->dossier->deleted_at);
    }
  g_strfreev (comments);
  self->loading = FALSE;
  update_total (self);
}

void
ess_review_page_set_dossier (EssReviewPage    *self,
                             const EssDossier *dossier)
{
  g_autofree char *decided = NULL;

  g_return_if_fail (ESS_IS_REVIEW_PAGE (self));

  g_clear_pointer (&self->dossier, ess_dossier_free);
  self->dossier = dossier ? ess_dossier_copy (dossier) : NULL;

  gtk_label_set_text (self->status_label, dossier ? ess_status_label (dossier->status) : "");
  if (dossier && dossier->decided_on)
    {
      g_autofree char *date = ess_date_format_long (dossier->decided_on);
      decided = g_strdup_printf (_("Decision of %s"), date);
    }
  gtk_label_set_text (self->decided_label, decided ? decided : "");

  show_transitions (self);
  load_scores (self);
  ess_form_set_dossier (self->form, dossier);
}

static void
ess_review_page_constructed (GObject *object)
{
  EssReviewPage *self = (EssReviewPage *) object;

  G_OBJECT_CLASS (ess_review_page_parent_class)->constructed (object);

  self->form = ess_form_new (self->opinion_grid, self->store);
  ess_form_add_heading (self->form, _("Opinion"));
  ess_form_add_field (self->form, ESS_FIELD_OPINION);
  ess_form_add_field (self->form, ESS_FIELD_PROPOSED);
  ess_form_add_field (self->form, ESS_FIELD_CONDITIONS);
  ess_form_add_field (self->form, ESS_FIELD_COMMITTEE_ON);
  ess_form_add_heading (self->form, _("Private Notes"));
  ess_form_add_field (self->form, ESS_FIELD_NOTES);
  build_scores (self);
  ess_review_page_set_dossier (self, NULL);
}

static void
ess_review_page_dispose (GObject *object)
{
  EssReviewPage *self = (EssReviewPage *) object;

  g_clear_pointer (&self->form, ess_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_REVIEW_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->dossier, ess_dossier_free);
  g_clear_pointer (&self->score_drops, g_free);
  g_clear_pointer (&self->comment_entries, g_free);

  G_OBJECT_CLASS (ess_review_page_parent_class)->dispose (object);
}

static void
ess_review_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EssReviewPage *self = ESS_REVIEW_PAGE (object);

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
ess_review_page_class_init (EssReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_review_page_constructed;
  object_class->dispose = ess_review_page_dispose;
  object_class->set_property = ess_review_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-review-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, decided_label);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, transitions_box);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, transitions_title);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, scores_grid);
  gtk_widget_class_bind_template_child (widget_class, EssReviewPage, opinion_grid);
}

static void
ess_review_page_init (EssReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EssReviewPage *
ess_review_page_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_REVIEW_PAGE, "store", store, NULL);
}
