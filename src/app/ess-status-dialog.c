/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asks the date and the comment (a reason where one is required) of a status change. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-dossier.h"
#include "ess-status-dialog.h"
#include "ess-store-dossiers.h"

struct _EssStatusDialog
{
  GtkWindow   parent_instance;

  EssStore   *store;
  GArray     *ids;
  EssStatus   to;
  gboolean    reason_required;

  GtkLabel   *summary_label;
  GtkLabel   *dossiers_label;
  GtkWidget  *warning_box;
  GtkLabel   *warning_label;
  GtkEntry   *date_entry;
  GtkLabel   *date_error_label;
  GtkLabel   *comment_title;
  GtkTextView *comment_view;
  GtkLabel   *reason_label;
  GtkLabel   *error_label;
  GtkButton  *confirm_button;
  GtkButton  *cancel_button;
};

G_DEFINE_FINAL_TYPE (EssStatusDialog, ess_status_dialog, GTK_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
comment_text (EssStatusDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

gboolean
ess_status_dialog_can_confirm (EssStatusDialog *self)
{
  g_autofree char *comment = comment_text (self);
  g_autofree char *date = ess_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), NULL);

  return date != NULL && (!self->reason_required || comment[0] != '\0');
}

static void
on_input_changed (EssStatusDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = ess_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), &error);

  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), date == NULL);
  gtk_label_set_text (self->date_error_label, date ? "" : error->message);
  if (date)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");

  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), ess_status_dialog_can_confirm (self));
}

void
ess_status_dialog_confirm (EssStatusDialog *self)
{
  g_autofree char *comment = comment_text (self);
  g_autofree char *date = NULL;
  g_autoptr(GError) error = NULL;

  if (!ess_status_dialog_can_confirm (self))
    return;

  date = ess_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), NULL);
  if (!ess_store_change_status (self->store, (const gint64 *) self->ids->data, self->ids->len,
                                self->to, date, comment, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel (EssStatusDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_confirm (EssStatusDialog *self)
{
  ess_status_dialog_confirm (self);
}

void
ess_status_dialog_set_comment (EssStatusDialog *self,
                               const char      *comment)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view), comment, -1);
}

static void
ess_status_dialog_dispose (GObject *object)
{
  EssStatusDialog *self = (EssStatusDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_STATUS_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (ess_status_dialog_parent_class)->dispose (object);
}

static void
ess_status_dialog_class_init (EssStatusDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_status_dialog_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, dossiers_label);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, warning_box);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, comment_title);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, EssStatusDialog, cancel_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_status_dialog_init (EssStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel), self);
  g_signal_connect_swapped (self->confirm_button, "clicked", G_CALLBACK (on_confirm), self);
  g_signal_connect_swapped (self->date_entry, "changed", G_CALLBACK (on_input_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->comment_view), "changed",
                            G_CALLBACK (on_input_changed), self);
}

EssStatusDialog *
ess_status_dialog_new (GtkWindow          *parent,
                       EssStore           *store,
                       const gint64       *ids,
                       const char * const *references,
                       const EssStatus    *statuses,
                       guint               n_dossiers,
                       EssStatus           to)
{
  EssStatusDialog *self = g_object_new (ESS_TYPE_STATUS_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  g_autofree char *summary = NULL;
  guint reopenings = 0;

  self->store = g_object_ref (store);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_dossiers);
  g_array_append_vals (self->ids, ids, n_dossiers);
  self->to = to;
  self->reason_required = ess_status_requires_reason (to);

  for (guint i = 0; i < n_dossiers; i++)
    {
      g_string_append_printf (list, "%s%s (%s)", i ? ", " : "", references[i], ess_status_label (statuses[i]));
      if (ess_status_is_reopening (statuses[i], to))
        reopenings++;
    }

  if (n_dossiers == 1)
    summary = g_strdup_printf (_("Change the status of %s to “%s”"), references[0], ess_status_label (to));
  else
    summary = g_strdup_printf (ngettext ("Change the status of %u dossier to “%s”",
                                         "Change the status of %u dossiers to “%s”", n_dossiers),
                               n_dossiers, ess_status_label (to));
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->dossiers_label, list->str);

  if (reopenings > 0)
    {
      gtk_label_set_text (self->warning_label,
                          _("This reopens a decision already taken. The previous decision stays in the "
                            "history, but amounts, agreement and payments may have to be reviewed."));
      gtk_widget_set_visible (self->warning_box, TRUE);
    }

  if (self->reason_required)
    {
      gtk_label_set_text_with_mnemonic (self->comment_title, _("_Reason"));
      gtk_label_set_text (self->reason_label, _("A reason is required: it will be kept in the history "
                                                "and can be sent to the applicant."));
    }
  else
    gtk_label_set_text (self->reason_label, _("Optional; kept in the history."));

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  on_input_changed (self);

  return self;
}
