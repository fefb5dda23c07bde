/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing and PDF export from the window: fiches, committee packs of the selection or of a session. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-dossier.h"
#include "ess-preferences-window.h"
#include "ess-print-preview.h"
#include "ess-report.h"
#include "ess-session-dialog.h"
#include "ess-store-dossiers.h"
#include "ess-store-report.h"
#include "ess-window-print.h"

static void
show_error (EssWindow  *self,
            const char *primary,
            const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

EssReport *
ess_window_print_build (EssWindow     *self,
                        EssPrintKind   kind,
                        gboolean       private_notes,
                        GError       **error)
{
  g_autoptr(GArray) ids = ess_dossier_browser_get_selected_ids (ess_window_get_browser (self));
  EssStore *store = ess_window_get_store (self);

  if (ids->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No dossier is selected."));
      return NULL;
    }

  if (kind == ESS_PRINT_PACK)
    return ess_report_new_committee (store, (const gint64 *) ids->data, ids->len, NULL, error);
  return ess_report_new_fiches (store, (const gint64 *) ids->data, ids->len, private_notes, error);
}

/* Printing. */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context)
{
  EssReport *report = g_object_get_data (G_OBJECT (operation), "ess-report");

  gtk_print_operation_set_n_pages (operation,
                                   ess_report_get_n_pages (report, gtk_print_context_get_width (context),
                                                           gtk_print_context_get_height (context)));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page)
{
  EssReport *report = g_object_get_data (G_OBJECT (operation), "ess-report");

  ess_report_draw_page (report, gtk_print_context_get_cairo_context (context), page,
                        gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

GtkPrintOperation *
ess_print_operation_new (EssReport *report)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report draws its own margins, header and footer, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, ess_report_get_title (report));
  g_object_set_data_full (G_OBJECT (operation), "ess-report", g_object_ref (report), g_object_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), NULL);

  return operation;
}

static GObject *
on_create_custom_widget (GtkPrintOperation *operation,
                         EssWindow         *self)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_("Include the _private notes"));

  gtk_widget_set_margin_top (check, 12);
  gtk_widget_set_margin_start (check, 12);
  gtk_widget_set_valign (check, GTK_ALIGN_START);
  return G_OBJECT (check);
}

static void
on_custom_widget_apply (GtkPrintOperation *operation,
                        GtkWidget         *check,
                        EssWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = NULL;

  if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
    return;

  report = ess_window_print_build (self, ESS_PRINT_FICHES, TRUE, &error);
  if (report == NULL)
    {
      /* The fiches print without them; the user knows why. */
      show_error (self, _("The private notes could not be read"), error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (operation), "ess-report", g_steal_pointer (&report), g_object_unref);
}

static void print (EssWindow               *self,
                   EssPrintKind             kind,
                   GtkPrintOperationAction  action);

static void
on_preview_print (EssPrintPreview *preview,
                  EssWindow       *self)
{
  print (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (preview), "ess-print-kind")),
         GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

static void
on_preview_destroy (GtkWidget                *window,
                    GtkPrintOperationPreview *preview)
{
  gtk_print_operation_preview_end_preview (preview);
}

/* The preview of the print dialog and of the Preview action: our own
 * window, which draws the pages with the printer's code (GTK would start
 * an external previewer that may not be installed). */
static gboolean
on_preview (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            EssWindow                *self)
{
  EssReport *report = g_object_get_data (G_OBJECT (operation), "ess-report");
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  EssPrintPreview *window = ess_print_preview_new (GTK_WINDOW (self), report,
                                                   gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                                   gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));

  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  /* GTK wants a cairo context on a preview's print context, though our
   * window draws the pages itself; the operation ends with the window. */
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_object_set_data (G_OBJECT (window), "ess-print-kind", g_object_get_data (G_OBJECT (operation), "ess-print-kind"));
  g_object_set_data_full (G_OBJECT (window), "ess-print-operation", g_object_ref (operation), g_object_unref);
  g_signal_connect_object (window, "print", G_CALLBACK (on_preview_print), self, 0);
  g_signal_connect (window, "destroy", G_CALLBACK (on_preview_destroy), preview);
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               EssWindow               *self)
{
  g_autoptr(GError) error = NULL;

  /* The next print starts with the printer and options chosen this time. */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && gtk_print_operation_get_print_settings (operation) != NULL)
    g_object_set_data_full (G_OBJECT (self), "ess-print-settings",
                            gtk_print_settings_copy (gtk_print_operation_get_print_settings (operation)),
                            g_object_unref);
  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  show_error (self, _("The document could not be printed"), error ? error->message : "");
}

static void
print (EssWindow               *self,
       EssPrintKind             kind,
       GtkPrintOperationAction  action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssReport) report = ess_window_print_build (self, kind, FALSE, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintSettings *settings;

  if (report == NULL)
    {
      show_error (self, _("The document could not be prepared"), error->message);
      return;
    }

  operation = ess_print_operation_new (report);
  settings = g_object_get_data (G_OBJECT (self), "ess-print-settings");
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  g_object_set_data (G_OBJECT (operation), "ess-print-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (operation, "preview", G_CALLBACK (on_preview), self, 0);
  if (kind == ESS_PRINT_FICHES)
    {
      gtk_print_operation_set_custom_tab_label (operation, _("Fiche"));
      g_signal_connect_object (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget), self, 0);
      g_signal_connect_object (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply), self, 0);
    }

  /* The dialog and the preview do not block the window; the window keeps
   * the operation until the next one. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  g_object_set_data_full (G_OBJECT (self), "ess-print-operation", g_object_ref (operation), g_object_unref);
  if (gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("The document could not be printed"), error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  print (ESS_WINDOW (widget), ESS_PRINT_FICHES, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

static void
print_preview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  print (ESS_WINDOW (widget), ESS_PRINT_FICHES, GTK_PRINT_OPERATION_ACTION_PREVIEW);
}

static void
print_pack_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  print (ESS_WINDOW (widget), ESS_PRINT_PACK, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

/* PDF export. */

typedef struct
{
  EssWindow    *window;
  EssPrintKind  kind;
  char         *session;   /* ISO date, for a session's pack */
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->window);
  g_free (export->session);
  g_free (export);
}

static EssReport *
build_session_pack (EssWindow   *self,
                    const char  *session,
                    GError     **error)
{
  EssStore *store = ess_window_get_store (self);
  g_autoptr(GArray) ids = ess_store_committee_dossier_ids (store, session, error);
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;

  if (ids == NULL)
    return NULL;
  date = ess_date_format_long (session);
  if (ids->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No dossier is on the committee of %s any more."), date);
      return NULL;
    }
  /* TRANSLATORS: the title of a committee pack: the session's date */
  title = g_strdup_printf (_("Committee of %s"), date);
  return ess_report_new_committee (store, (const gint64 *) ids->data, ids->len, title, error);
}

gboolean
ess_window_print_export (EssWindow     *self,
                         EssPrintKind   kind,
                         const char    *session,
                         gboolean       private_notes,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(EssReport) report = NULL;

  if (session != NULL)
    report = build_session_pack (self, session, error);
  else
    report = ess_window_print_build (self, kind, private_notes, error);

  return report != NULL && ess_report_write_pdf (report, path, error);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    Export          *export)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *notes;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      show_error (export->window, _("The PDF could not be written"), _("Choose a file on this computer."));
      goto out;
    }

  notes = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "private-notes");
  if (!ess_window_print_export (export->window, export->kind, export->session, g_strcmp0 (notes, "true") == 0,
                                path, &error))
    show_error (export->window, _("The PDF could not be written"), error->message);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_free (export);
}

static void
export_pdf (EssWindow    *self,
            EssPrintKind  kind,
            const char   *session)
{
  g_autoptr(GArray) ids = ess_dossier_browser_get_selected_ids (ess_window_get_browser (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  Export *export;
  const char *title;

  if (session != NULL)
    {
      title = _("Export the Committee Pack of the Session");
      /* TRANSLATORS: the file name of a session's pack; %s is the ISO date */
      name = g_strdup_printf (_("Committee pack %s.pdf"), session);
    }
  else if (kind == ESS_PRINT_PACK)
    {
      title = _("Export a Committee Pack of the Selection");
      name = g_strdup (_("Committee pack.pdf"));
    }
  else
    {
      g_autoptr(EssDossier) dossier = NULL;

      title = ids->len == 1 ? _("Export the Fiche as PDF") : _("Export the Fiches as PDF");
      if (ids->len == 1)
        dossier = ess_store_load_dossier (ess_window_get_store (self), g_array_index (ids, gint64, 0), NULL);
      /* TRANSLATORS: the file name of a fiche; %s is the dossier's reference */
      name = dossier ? g_strdup_printf (_("Fiche %s.pdf"), dossier->reference) : g_strdup (_("Fiches.pdf"));
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  {
    /* The folder set in the Preferences comes first. */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *path = ess_preferences_get_export_folder (settings);
    g_autoptr(GFile) folder = g_file_new_for_path (path);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (session == NULL && kind == ESS_PRINT_FICHES)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "private-notes", _("Include the private notes"),
                                   NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "private-notes", "false");
    }

  export = g_new0 (Export, 1);
  export->window = g_object_ref (self);
  export->kind = kind;
  export->session = g_strdup (session);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_fiches_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export_pdf (ESS_WINDOW (widget), ESS_PRINT_FICHES, NULL);
}

static void
export_pack_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  export_pdf (ESS_WINDOW (widget), ESS_PRINT_PACK, NULL);
}

static void
on_session_chosen (EssSessionDialog *dialog,
                   const char       *session,
                   EssWindow        *self)
{
  export_pdf (self, ESS_PRINT_PACK, session);
}

static void
export_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  EssSessionDialog *dialog = ess_session_dialog_new (GTK_WINDOW (self), ess_window_get_store (self), &error);

  if (dialog == NULL)
    {
      show_error (self, _("The committee sessions could not be read"), error->message);
      return;
    }
  if (ess_session_dialog_get_n_sessions (dialog) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      show_error (self, _("No committee session yet"),
                  _("A session gathers the dossiers whose “Committee date” is that day: fill in that date "
                    "on the dossiers to present, or export a committee pack of the selection."));
      return;
    }

  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_session_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ess_window_print_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_preview_action);
  gtk_widget_class_install_action (widget_class, "win.print-pack", NULL, print_pack_action);
  gtk_widget_class_install_action (widget_class, "win.export-fiches", NULL, export_fiches_action);
  gtk_widget_class_install_action (widget_class, "win.export-pack", NULL, export_pack_action);
  gtk_widget_class_install_action (widget_class, "win.export-session", NULL, export_session_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.print-preview", NULL);
}

void
ess_window_print_update_actions (EssWindow *self,
                                 guint      n_selected,
                                 gboolean   trash)
{
  gboolean any = n_selected > 0 && !trash;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-preview", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-pack", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-fiches", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pack", any);
}
