/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chooses a backup of the database and restores it, after a confirmation. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-restore-dialog.h"
#include "ess-store-backup.h"

struct _EssRestoreDialog
{
  GtkWindow    parent_instance;

  EssStore    *store;
  GPtrArray   *backups;   /* EssBackup, newest first */

  GtkListBox  *backups_list;
  GtkLabel    *folder_label;
  GtkLabel    *error_label;
  GtkButton   *restore_button;
  GtkButton   *cancel_button;
};

G_DEFINE_FINAL_TYPE (EssRestoreDialog, ess_restore_dialog, GTK_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (GtkWindow      *parent,
              GtkMessageType  type,
              const char     *primary,
              const char     *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ess_backup_now (GtkWindow *parent,
                EssStore  *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssBackup) backup = ess_store_backup (store, ESS_BACKUP_MANUAL, &error);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  if (backup == NULL)
    {
      show_message (parent, GTK_MESSAGE_ERROR, _("The backup could not be made"), error->message);
      return;
    }

  description = ess_backup_describe (backup);
  text = g_strdup_printf (_("The backup (%s) was written and checked in “%s”."), description, backup->path);
  show_message (parent, GTK_MESSAGE_INFO, _("Backup made"), text);
}

static GtkWidget *
make_row (EssBackup *backup)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (backup->time);
  /* TRANSLATORS: a date and time in the list of backups (strftime format). */
  g_autofree char *when = g_date_time_format (local, _("%A %d %B %Y, %H:%M"));
  g_autofree char *size = g_format_size ((guint64) backup->size);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *date = gtk_label_new (when);
  GtkWidget *reason = gtk_label_new (ess_backup_reason_label (backup->reason));
  GtkWidget *bytes = gtk_label_new (size);

  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_widget_set_hexpand (date, TRUE);
  gtk_widget_add_css_class (date, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_widget_set_size_request (reason, 170, -1);
  gtk_label_set_xalign (GTK_LABEL (bytes), 1);
  gtk_widget_add_css_class (bytes, "numeric");
  gtk_widget_set_size_request (bytes, 80, -1);
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), bytes);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_tooltip_text (box, backup->path);
  return box;
}

static void
show_error (EssRestoreDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
load_backups (EssRestoreDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ess_backup_dir (ess_store_get_path (self->store));
  g_autofree char *folder = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->backups_list))) != NULL)
    gtk_list_box_remove (self->backups_list, child);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  self->backups = ess_store_list_backups (ess_store_get_path (self->store), &error);
  if (self->backups == NULL)
    {
      self->backups = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_backup_free);
      show_error (self, error->message);
    }

  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->backups_list, make_row (g_ptr_array_index (self->backups, i)));

  if (self->backups->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No backup yet. One is made at the first opening of each day, "
                                          "before each import and with “Back Up Now”."));
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_set_margin_top (empty, 24);
      gtk_widget_set_margin_bottom (empty, 24);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_set_placeholder (self->backups_list, empty);
    }

  folder = g_strdup_printf (_("Backups are kept in “%s”: the last 7 days and 4 weeks."), dir);
  gtk_label_set_text (self->folder_label, folder);
}

static EssBackup *
selected_backup (EssRestoreDialog *self)
{
  GtkListBoxRow *row;
  int index;

  /* The list emits its last change while the dialog is disposed. */
  if (self->backups_list == NULL || self->backups == NULL)
    return NULL;
  row = gtk_list_box_get_selected_row (self->backups_list);
  index = row ? gtk_list_box_row_get_index (row) : -1;
  if (index < 0 || (guint) index >= self->backups->len)
    return NULL;
  return g_ptr_array_index (self->backups, index);
}

static void
on_selection_changed (EssRestoreDialog *self)
{
  if (self->restore_button == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), selected_backup (self) != NULL);
}

gboolean
ess_restore_dialog_restore_selected (EssRestoreDialog  *self,
                                     GError           **error)
{
  EssBackup *backup = selected_backup (self);
  g_autoptr(EssBackup) saved = NULL;
  g_autoptr(EssBackup) restored = NULL;
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  g_return_val_if_fail (backup != NULL, FALSE);

  restored = ess_backup_copy (backup);
  if (!ess_store_restore (self->store, restored->path, &saved, error))
    {
      show_error (self, (*error)->message);
      /* The rotation after the backup of the current data may have changed the list. */
      load_backups (self);
      return FALSE;
    }

  g_signal_emit (self, signals[RESTORED], 0, saved->path);
  description = ess_backup_describe (restored);
  text = g_strdup_printf (_("The data of the backup of %s is back. The data it replaced was backed up in “%s”."),
                          description, saved->path);
  show_message (parent, GTK_MESSAGE_INFO, _("Backup restored"), text);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_confirm_response (GtkDialog        *dialog,
                     int               response,
                     EssRestoreDialog *self)
{
  /* The restore destroys this dialog's parent: let go of it first. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GError) error = NULL;
      ess_restore_dialog_restore_selected (self, &error);
    }
}

GtkWidget *
ess_restore_dialog_ask (EssRestoreDialog *self)
{
  EssBackup *backup = selected_backup (self);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  g_return_val_if_fail (backup != NULL, NULL);

  local = g_date_time_to_local (backup->time);
  when = g_date_time_format (local, _("%A %d %B %Y, %H:%M"));
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("Go back to the backup of %s?"), when);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Every dossier, applicant and payment will be as they were "
                                              "in this backup. The data as it is now is backed up first, "
                                              "and stays in the list of backups."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_restore_clicked (EssRestoreDialog *self)
{
  ess_restore_dialog_ask (self);
}

static void
ess_restore_dialog_dispose (GObject *object)
{
  EssRestoreDialog *self = ESS_RESTORE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_RESTORE_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (ess_restore_dialog_parent_class)->dispose (object);
}

static void
ess_restore_dialog_class_init (EssRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_restore_dialog_dispose;

  /**
   * EssRestoreDialog::restored:
   * @saved: the backup of the data the restore replaced
   */
  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EssRestoreDialog, backups_list);
  gtk_widget_class_bind_template_child (widget_class, EssRestoreDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, EssRestoreDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EssRestoreDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, EssRestoreDialog, cancel_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_restore_dialog_init (EssRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->restore_button, "clicked", G_CALLBACK (on_restore_clicked), self);
  g_signal_connect_swapped (self->backups_list, "selected-rows-changed", G_CALLBACK (on_selection_changed), self);
}

EssRestoreDialog *
ess_restore_dialog_new (GtkWindow *parent,
                        EssStore  *store)
{
  EssRestoreDialog *self = g_object_new (ESS_TYPE_RESTORE_DIALOG,
                                         "transient-for", parent,
                                         NULL);

  self->store = g_object_ref (store);
  load_backups (self);
  return self;
}

guint
ess_restore_dialog_get_n_backups (EssRestoreDialog *self)
{
  g_return_val_if_fail (ESS_IS_RESTORE_DIALOG (self), 0);
  return self->backups->len;
}

void
ess_restore_dialog_select (EssRestoreDialog *self,
                           guint             index)
{
  g_return_if_fail (ESS_IS_RESTORE_DIALOG (self));
  gtk_list_box_select_row (self->backups_list, gtk_list_box_get_row_at_index (self->backups_list, (int) index));
}
