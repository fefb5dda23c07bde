/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting dossiers to an XML file from the window: in a worker thread, with its progress, cancellable. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-dossier-browser.h"
#include "ess-exchange.h"
#include "ess-money.h"
#include "ess-store-dossiers.h"
#include "ess-window-export.h"

/* How long an export may take before its progress is shown: a partner
 * file of a few dossiers never flashes a dialog. */
#define PROGRESS_DELAY_MS 300
#define PROGRESS_TICK_MS  100

/* What the worker thread needs, shared with the window for the progress. */
typedef struct
{
  EssStore *reader;     /* used by the worker thread only */
  GArray   *ids;
  GFile    *file;
  gboolean  full;
  guint     done;       /* atomic: dossiers written */
} ExportJob;

static void
export_job_clear (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->reader);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_object (&job->file);
}

static void
export_job_release (gpointer data)
{
  g_rc_box_release_full (data, export_job_clear);
}

#define JOB_KEY "ess-export-job"

GtkFileFilter *
ess_xml_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Dossier files (XML)"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_pattern (filter, "*.XML");
  gtk_file_filter_add_mime_type (filter, "application/xml");
  return filter;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (!ess_exchange_export_to_file (job->reader, (const gint64 *) job->ids->data, job->ids->len, job->full,
                                    job->file, cancellable, &job->done, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, (gssize) job->ids->len);
  /* The connection is closed in the thread that used it. */
  ess_store_close (job->reader);
}

void
ess_window_export_async (EssWindow           *self,
                         GFile               *file,
                         gboolean             full,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  EssDossierBrowser *browser = ess_window_get_browser (self);
  EssStore *store = ess_window_get_store (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  ExportJob *job;

  g_return_if_fail (ESS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ess_window_export_async);
  g_task_set_name (task, "[ess] export dossiers");

  /* The selection, or the list when nothing is selected: read now, as the
   * user sees them. */
  ids = ess_dossier_browser_get_selected_ids (browser);
  if (ids->len == 0)
    {
      g_clear_pointer (&ids, g_array_unref);
      ids = ess_store_query_dossier_ids (store, ess_dossier_browser_get_query (browser), &error);
      if (ids == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  job = g_rc_box_new0 (ExportJob);
  job->reader = ess_store_open_reader (store, &error);
  if (job->reader == NULL)
    {
      export_job_release (job);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->ids = g_steal_pointer (&ids);
  job->file = g_object_ref (file);
  job->full = full;

  g_object_set_data_full (G_OBJECT (self), JOB_KEY, g_rc_box_acquire (job), export_job_release);
  g_task_set_task_data (task, job, export_job_release);
  g_task_run_in_thread (task, export_thread);
}

int
ess_window_export_finish (EssWindow     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  /* The export is over: no progress to show any more. */
  if (g_task_get_task_data (G_TASK (result)) == g_object_get_data (G_OBJECT (self), JOB_KEY))
    g_object_set_data (G_OBJECT (self), JOB_KEY, NULL);
  return (int) g_task_propagate_int (G_TASK (result), error);
}

guint
ess_window_export_get_progress (EssWindow *self,
                                guint     *total)
{
  ExportJob *job = g_object_get_data (G_OBJECT (self), JOB_KEY);

  if (total != NULL)
    *total = job != NULL ? job->ids->len : 0;
  return job != NULL ? (guint) g_atomic_int_get (&job->done) : 0;
}

/* The export started from the menu: its progress after a moment, a
 * button to cancel it, and what came of it. */
typedef struct
{
  EssWindow      *window;
  GCancellable   *cancellable;
  GtkWidget      *dialog;
  GtkProgressBar *bar;
  char           *name;
  gint64          started;
  guint           tick;
} ExportUi;

static void
export_ui_free (ExportUi *ui)
{
  g_clear_handle_id (&ui->tick, g_source_remove);
  if (ui->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (ui->dialog));
  g_clear_object (&ui->cancellable);
  g_clear_object (&ui->window);
  g_free (ui->name);
  g_free (ui);
}

static void
show_message (EssWindow      *self,
              GtkMessageType  type,
              const char     *primary,
              const char     *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_progress_response (GtkDialog *dialog,
                      int        response,
                      ExportUi  *ui)
{
  g_cancellable_cancel (ui->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (dialog), FALSE);
}

static gboolean
on_progress_tick (gpointer data)
{
  ExportUi *ui = data;
  guint total = 0;
  guint done = ess_window_export_get_progress (ui->window, &total);
  g_autofree char *text = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;

  if (ui->dialog == NULL)
    {
      GtkWidget *area;

      if (g_get_monotonic_time () - ui->started < PROGRESS_DELAY_MS * 1000)
        return G_SOURCE_CONTINUE;
      ui->dialog = gtk_message_dialog_new (GTK_WINDOW (ui->window),
                                           GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                           GTK_MESSAGE_OTHER, GTK_BUTTONS_CANCEL, "%s", _("Exporting dossiers…"));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (ui->dialog), _("To %s"), ui->name);
      area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (ui->dialog));
      ui->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
      gtk_progress_bar_set_show_text (ui->bar, TRUE);
      gtk_widget_set_size_request (GTK_WIDGET (ui->bar), 320, -1);
      gtk_box_append (GTK_BOX (area), GTK_WIDGET (ui->bar));
      g_signal_connect (ui->dialog, "response", G_CALLBACK (on_progress_response), ui);
      gtk_window_present (GTK_WINDOW (ui->dialog));
    }

  done_text = ess_count_format (done);
  total_text = ess_count_format (total);
  text = g_strdup_printf (ngettext ("%s of %s dossier", "%s of %s dossiers", total), done_text, total_text);
  gtk_progress_bar_set_text (ui->bar, text);
  gtk_progress_bar_set_fraction (ui->bar, total > 0 ? (double) done / total : 0.0);
  return G_SOURCE_CONTINUE;
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ExportUi *ui = data;
  g_autoptr(GError) error = NULL;
  int n = ess_window_export_finish (ESS_WINDOW (source), result, &error);

  if (n >= 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%d dossier exported to %s.",
                                                            "%d dossiers exported to %s.", n), n, ui->name);

      show_message (ui->window, GTK_MESSAGE_INFO, _("Export done"), message);
    }
  /* Cancelled by the user, who knows: the file is as it was. */
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (ui->window, GTK_MESSAGE_ERROR, _("The dossiers could not be exported"), error->message);
  export_ui_free (ui);
}

void
ess_window_export_with_progress (EssWindow *self,
                                 GFile     *file,
                                 gboolean   full)
{
  ExportUi *ui = g_new0 (ExportUi, 1);

  g_return_if_fail (ESS_IS_WINDOW (self));

  ui->window = g_object_ref (self);
  ui->cancellable = g_cancellable_new ();
  ui->name = g_file_get_basename (file);
  ui->started = g_get_monotonic_time ();
  ui->tick = g_timeout_add (PROGRESS_TICK_MS, on_progress_tick, ui);
  ess_window_export_async (self, file, full, ui->cancellable, on_export_done, ui);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  EssWindow       *self)
{
  gboolean full = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "ess-full"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    ess_window_export_with_progress (self, file, full);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  gboolean full = g_str_equal (action_name, "win.export-full");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = ess_xml_file_filter ();

  /* One export at a time. */
  if (g_object_get_data (G_OBJECT (self), JOB_KEY) != NULL)
    return;

  chooser = gtk_file_chooser_native_new (full ? _("Export a Full Archive") : _("Export for a Partner"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     full ? _("dossiers-archive.xml") : _("dossiers.xml"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "ess-full", GINT_TO_POINTER (full));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
ess_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-full", NULL, export_action);
}
