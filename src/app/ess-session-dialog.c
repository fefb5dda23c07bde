/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chooses the committee session whose pack is exported. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-dossier.h"
#include "ess-session-dialog.h"
#include "ess-store-report.h"

struct _EssSessionDialog
{
  GtkWindow    parent_instance;

  GPtrArray   *sessions;   /* EssCommitteeSession */

  GtkDropDown *session_dropdown;
  GtkButton   *export_button;
  GtkButton   *cancel_button;
};

G_DEFINE_FINAL_TYPE (EssSessionDialog, ess_session_dialog, GTK_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_export (EssSessionDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->session_dropdown);
  EssCommitteeSession *session;

  if (position == GTK_INVALID_LIST_POSITION || position >= self->sessions->len)
    return;

  session = g_ptr_array_index (self->sessions, position);
  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[CHOSEN], 0, session->date);
  g_object_unref (self);
}

static void
ess_session_dialog_dispose (GObject *object)
{
  EssSessionDialog *self = ESS_SESSION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_SESSION_DIALOG);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);

  G_OBJECT_CLASS (ess_session_dialog_parent_class)->dispose (object);
}

static void
ess_session_dialog_class_init (EssSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_session_dialog_dispose;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EssSessionDialog, session_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssSessionDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, EssSessionDialog, cancel_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_session_dialog_init (EssSessionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
}

EssSessionDialog *
ess_session_dialog_new (GtkWindow  *parent,
                        EssStore   *store,
                        GError    **error)
{
  g_autoptr(GPtrArray) sessions = ess_store_list_committee_sessions (store, error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  EssSessionDialog *self;

  if (sessions == NULL)
    return NULL;

  for (guint i = 0; i < sessions->len; i++)
    {
      EssCommitteeSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = ess_date_format_long (session->date);
      g_autofree char *count = g_strdup_printf (ngettext ("%u dossier", "%u dossiers", (gulong) session->count),
                                                (guint) session->count);
      /* TRANSLATORS: a committee session in a list: its date and how many dossiers it examines */
      g_autofree char *label = g_strdup_printf (_("Committee of %s (%s)"), date, count);

      gtk_string_list_append (labels, label);
    }

  self = g_object_new (ESS_TYPE_SESSION_DIALOG, "transient-for", parent, NULL);
  self->sessions = g_steal_pointer (&sessions);
  gtk_drop_down_set_model (self->session_dropdown, G_LIST_MODEL (labels));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->sessions->len > 0);

  return self;
}

guint
ess_session_dialog_get_n_sessions (EssSessionDialog *self)
{
  g_return_val_if_fail (ESS_IS_SESSION_DIALOG (self), 0);
  return self->sessions->len;
}

void
ess_session_dialog_choose (EssSessionDialog *self,
                           guint             position)
{
  g_return_if_fail (ESS_IS_SESSION_DIALOG (self));

  gtk_drop_down_set_selected (self->session_dropdown, position);
  on_export (self);
}
