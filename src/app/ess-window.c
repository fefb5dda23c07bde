/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: the dossier list beside the editor, and the window's actions. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-dashboard-view.h"
#include "ess-scenario-view.h"
#include "ess-dossier-browser.h"
#include "ess-dossier-editor.h"
#include "ess-envelopes-dialog.h"
#include "ess-restore-dialog.h"
#include "ess-exchange.h"
#include "ess-status-dialog.h"
#include "ess-store-dossiers.h"
#include "ess-store-undo.h"
#include "ess-window.h"
#include "ess-window-export.h"
#include "ess-window-print.h"

typedef enum
{
  UNDO_NONE,
  UNDO_TRASH,
  UNDO_STATUS,
} UndoKind;

struct _EssWindow
{
  GtkApplicationWindow  parent_instance;

  EssStore             *store;
  GSettings            *settings;
  EssDossierBrowser    *browser;
  EssDossierEditor     *editor;

  /* The last delete or batch change, which Ctrl+Z puts back. */
  UndoKind              undo_kind;
  GArray               *undo_ids;
  GArray               *undo_statuses;
  guint                 undo_timeout;

  GtkLabel             *subtitle_label;
  GtkPaned             *paned;
  GtkStack             *view_stack;
  GtkWidget            *dashboard_page;
  EssDashboardView     *dashboard;
  GtkWidget            *scenarios_page;
  GtkWidget            *scenario_view;
  GtkRevealer          *undo_revealer;
  GtkLabel             *undo_label;
  GtkWidget            *status_button;
  GtkWidget            *trash_button;
  GtkWidget            *restore_button;
  GtkWidget            *empty_trash_button;
  GtkWidget            *new_button;
  GtkWidget            *undo_dismiss_button;
  GMenu                *recent_section;
  GtkWidget            *show_trash_button;
};

G_DEFINE_FINAL_TYPE (EssWindow, ess_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
clear_undo (EssWindow *self)
{
  self->undo_kind = UNDO_NONE;
  g_array_set_size (self->undo_ids, 0);
  g_array_set_size (self->undo_statuses, 0);
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

static gboolean
on_undo_timeout (gpointer user_data)
{
  EssWindow *self = user_data;

  self->undo_timeout = 0;
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
offer_undo (EssWindow  *self,
            UndoKind    kind,
            const char *message)
{
  self->undo_kind = kind;
  gtk_label_set_text (self->undo_label, message);
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  /* The bar goes away; Ctrl+Z still undoes until the next change. */
  self->undo_timeout = g_timeout_add_seconds (15, on_undo_timeout, self);
}

static void
on_undo_dismiss (EssWindow *self)
{
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
}

static void
update_actions (EssWindow *self)
{
  g_autoptr(GArray) ids = ess_dossier_browser_get_selected_ids (self->browser);
  gboolean trash = ess_dossier_browser_get_trash (self->browser);
  gboolean any = ids->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash", any && !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", ids->len == 1 && !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-status", any && !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", any && trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-reference", ids->len == 1 && !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-dossier", !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-full", !trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-scdl", !trash);

  ess_window_print_update_actions (self, ids->len, trash);

  gboolean dossiers = g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "dossiers") == 0;

  gtk_widget_set_visible (self->status_button, dossiers && !trash);
  gtk_widget_set_visible (self->trash_button, dossiers && !trash);
  gtk_widget_set_visible (self->new_button, dossiers && !trash);
  gtk_widget_set_visible (self->restore_button, dossiers && trash);
  gtk_widget_set_visible (self->empty_trash_button, dossiers && trash);
  gtk_widget_set_visible (self->show_trash_button, dossiers);
}

static void
on_selection_changed (EssDossierBrowser *browser,
                      EssWindow         *self)
{
  ess_dossier_editor_set_dossier_id (self->editor, ess_dossier_browser_get_selected_id (browser));
  update_actions (self);
}

/* A bar, a tile or a row of the dashboard: the dossier list filtered on it. */
static void
on_dashboard_show_dossiers (EssDashboardView      *dashboard,
                            const EssDossierQuery *query,
                            EssWindow             *self)
{
  ess_dossier_browser_set_trash (self->browser, FALSE);
  ess_dossier_browser_set_query (self->browser, query);
  gtk_stack_set_visible_child_name (self->view_stack, "dossiers");
  ess_dossier_browser_focus_list (self->browser);
}

/* The dashboard reads the whole portfolio: it is made when first shown. */
static void
on_view_changed (EssWindow *self)
{
  if (self->dashboard == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "dashboard") == 0)
    {
      self->dashboard = ess_dashboard_view_new (self->store);
      gtk_widget_set_vexpand (GTK_WIDGET (self->dashboard), TRUE);
      gtk_box_append (GTK_BOX (self->dashboard_page), GTK_WIDGET (self->dashboard));
      g_signal_connect_object (self->dashboard, "show-dossiers", G_CALLBACK (on_dashboard_show_dossiers), self, 0);
    }
  /* So are the scenarios, which read the ongoing APT dossiers. */
  if (self->scenario_view == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "scenarios") == 0)
    {
      self->scenario_view = ess_scenario_view_new (self->store);
      gtk_widget_set_vexpand (self->scenario_view, TRUE);
      gtk_box_append (GTK_BOX (self->scenarios_page), self->scenario_view);
    }
  update_actions (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ess_window_show_view (ESS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
new_dossier_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  const EssDossierQuery *query = ess_dossier_browser_get_query (self->browser);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  int year = query->year ? query->year : g_date_time_get_year (now);
  gint64 id;

  gtk_stack_set_visible_child_name (self->view_stack, "dossiers");
  id = ess_store_create_dossier (self->store, query->scheme ? query->scheme : "APT", year, &error);
  if (id <= 0)
    {
      show_error (self, _("The dossier could not be created"), error->message);
      return;
    }

  /* Filters or a search that would hide it are lifted. */
  if (ess_dossier_browser_get_selected_id (self->browser) != id)
    {
      g_autoptr(EssDossierQuery) all = ess_dossier_query_new ();
      all->sort = query->sort;
      all->descending = query->descending;
      ess_dossier_browser_set_query (self->browser, all);
    }
  ess_dossier_browser_select_id (self->browser, id);
  ess_dossier_editor_set_dossier_id (self->editor, id);
  ess_dossier_editor_show_page (self->editor, ESS_EDITOR_PAGE_DOSSIER);
  gtk_widget_grab_focus (ess_dossier_editor_get_field_widget (self->editor, ESS_FIELD_TITLE));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  gint64 source = ess_dossier_browser_get_selected_id (self->browser);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (source == 0)
    return;

  id = ess_store_duplicate_dossier (self->store, source, &error);
  if (id <= 0)
    {
      show_error (self, _("The dossier could not be duplicated"), error->message);
      return;
    }
  ess_dossier_browser_select_id (self->browser, id);
  ess_dossier_editor_set_dossier_id (self->editor, id);
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  g_autoptr(GArray) ids = ess_dossier_browser_get_selected_ids (self->browser);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (ids->len == 0)
    return;

  if (!ess_store_trash_dossiers (self->store, (const gint64 *) ids->data, ids->len, &error))
    {
      show_error (self, _("The dossiers could not be moved to the trash"), error->message);
      return;
    }

  clear_undo (self);
  g_array_append_vals (self->undo_ids, ids->data, ids->len);
  message = g_strdup_printf (ngettext ("%u dossier moved to the trash.", "%u dossiers moved to the trash.",
                                       ids->len), ids->len);
  offer_undo (self, UNDO_TRASH, message);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  g_autoptr(GArray) ids = ess_dossier_browser_get_selected_ids (self->browser);
  g_autoptr(GError) error = NULL;

  if (ids->len > 0 &&
      !ess_store_restore_dossiers (self->store, (const gint64 *) ids->data, ids->len, &error))
    show_error (self, _("The dossiers could not be restored"), error->message);
}

static void
on_empty_trash_response (GtkDialog *dialog,
                         int        response,
                         EssWindow *self)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  clear_undo (self);
  if (!ess_store_empty_trash (self->store, &error))
    show_error (self, _("The trash could not be emptied"), error->message);
}

static void
empty_trash_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *button;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE, "%s",
                                   _("Delete the dossiers in the trash for good?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("They cannot be restored afterwards. Their history keeps "
                                              "a trace of their reference and of who deleted them."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Empty Trash"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_empty_trash_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  switch (self->undo_kind)
    {
    case UNDO_TRASH:
      ok = ess_store_restore_dossiers (self->store, (const gint64 *) self->undo_ids->data,
                                       self->undo_ids->len, &error);
      break;
    case UNDO_STATUS:
      ok = ess_store_revert_statuses (self->store, (const gint64 *) self->undo_ids->data,
                                      (const EssStatus *) self->undo_statuses->data,
                                      self->undo_ids->len, &error);
      break;
    case UNDO_NONE:
    default:
      return;
    }

  if (!ok)
    show_error (self, _("The change could not be undone"), error->message);
  clear_undo (self);
}

static void
on_status_changed (EssStatusDialog *dialog,
                   EssWindow       *self)
{
  g_autofree char *message = NULL;
  guint n = self->undo_ids->len;

  message = g_strdup_printf (ngettext ("Status of %u dossier changed.", "Status of %u dossiers changed.", n), n);
  offer_undo (self, UNDO_STATUS, message);
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  g_autoptr(GArray) ids = ess_dossier_browser_get_selected_ids (self->browser);
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (EssStatus));
  g_autoptr(GString) refused = g_string_new (NULL);
  EssStatusDialog *dialog;
  EssStatus to;

  if (ids->len == 0 || !ess_status_from_id (g_variant_get_string (parameter, NULL), &to))
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EssDossier) dossier = ess_store_load_dossier (self->store, g_array_index (ids, gint64, i), NULL);
      if (dossier == NULL)
        continue;
      if (!ess_status_can_transition (dossier->status, to))
        g_string_append_printf (refused, "%s%s (%s)", refused->len ? ", " : "",
                                dossier->reference, ess_status_label (dossier->status));
      g_ptr_array_add (references, g_strdup (dossier->reference));
      g_array_append_val (statuses, dossier->status);
    }

  if (refused->len > 0)
    {
      g_autofree char *primary = g_strdup_printf (_("These dossiers cannot move to “%s”"), ess_status_label (to));
      show_error (self, primary, refused->str);
      return;
    }

  clear_undo (self);
  g_array_append_vals (self->undo_ids, ids->data, ids->len);
  g_array_append_vals (self->undo_statuses, statuses->data, statuses->len);
  g_ptr_array_add (references, NULL);

  dialog = ess_status_dialog_new (GTK_WINDOW (self), self->store, (const gint64 *) ids->data,
                                  (const char * const *) references->pdata,
                                  (const EssStatus *) statuses->data, ids->len, to);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_status_changed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ess_dossier_browser_focus_search (ESS_WINDOW (widget)->browser);
}

static void
edit_reference_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ess_dossier_editor_edit_reference (ESS_WINDOW (widget)->editor);
}

static void
show_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  gboolean trash = !ess_dossier_browser_get_trash (self->browser);

  ess_dossier_browser_set_trash (self->browser, trash);
  gtk_widget_action_set_enabled (widget, "win.empty-trash", trash);
  update_actions (self);
}

/* "2025.db (~/Documents/ESS)": the name first, then where it is. */
static char *
recent_label (const char *path)
{
  g_autofree char *basename = g_filename_display_basename (path);
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *display_dir = g_filename_display_name (dirname);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (g_str_has_prefix (display_dir, home) && (display_dir[home_len] == '/' || display_dir[home_len] == '\0'))
    return g_strdup_printf ("%s (~%s)", basename, display_dir + home_len);
  return g_strdup_printf ("%s (%s)", basename, display_dir);
}

/* The recent databases of the main menu, other than the one open. */
static void
update_recent_menu (EssWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (recent[i], ess_store_get_path (self->store)) == 0)
        continue;
      label = recent_label (recent[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  if (n == 0)
    g_menu_append (self->recent_section, _("No other database yet"), "win.no-recent");
}

static void
on_recent_changed (GSettings  *settings,
                   const char *key,
                   EssWindow  *self)
{
  update_recent_menu (self);
}

/* Never enabled: it greys out the placeholder of an empty recent menu. */
static void
no_recent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
}

/* The application's styles and icons, once per display (tests open
 * windows without an application, which would add the icons itself). */
/* Import and export of XML files. */

EssImportDialog *
ess_window_import_file (EssWindow *self,
                        GFile     *file)
{
  EssImportDialog *dialog;

  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = ess_import_dialog_new (GTK_WINDOW (self), self->store, file);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  EssWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ess_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = ess_xml_file_filter ();

  chooser = gtk_file_chooser_native_new (_("Import Dossiers"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The granted subsidies of the year of the list (every year when the
 * list shows all) as SCDL open data. */
gboolean
ess_window_export_scdl_to_file (EssWindow  *self,
                                GFile      *file,
                                GError    **error)
{
  const EssDossierQuery *query = ess_dossier_browser_get_query (self->browser);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (ESS_IS_WINDOW (self), FALSE);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a local file to export to."));
      return FALSE;
    }

  csv = ess_exchange_scdl (self->store, query->year, ESS_SCDL_AUTHORITY_NAME, ESS_SCDL_AUTHORITY_SIRET,
                           &problems, error);
  if (csv == NULL)
    {
      /* Every broken rule, one per line, under the summary. */
      if (problems != NULL && error != NULL && *error != NULL)
        {
          g_autoptr(GString) text = g_string_new ((*error)->message);

          for (guint i = 0; i < problems->len; i++)
            g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (problems, i));
          g_free ((*error)->message);
          (*error)->message = g_string_free (g_steal_pointer (&text), FALSE);
        }
      return FALSE;
    }

  return g_file_set_contents (path, csv, -1, error);
}

static void
on_scdl_chosen (GtkNativeDialog *chooser,
                int              response,
                EssWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file == NULL || !ess_window_export_scdl_to_file (self, file, &error))
        show_error (self, _("The open data file could not be written"), error ? error->message : "");
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("The granted subsidies are in %s."), name);
          GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                                      GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                      GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE, "%s",
                                                      _("Export done"));

          gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
          g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (chooser);
}

static void
export_scdl_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  chooser = gtk_file_chooser_native_new (_("Export the Granted Subsidies (SCDL)"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("subventions.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_scdl_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A file dropped on the window is imported. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EssWindow     *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL || ess_dossier_browser_get_trash (self->browser))
    return FALSE;
  ess_window_import_file (self, file);
  return TRUE;
}

/* The application's styles, once per display (tests open windows without an application). */
static void
envelopes_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);

  /* A value being typed is written before the envelopes are read. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_present (GTK_WINDOW (ess_envelopes_dialog_new (GTK_WINDOW (self), self->store)));
}

/* The application's styles, once per display (tests open windows without an application). */
static void
load_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) css = NULL;

  if (g_object_get_data (G_OBJECT (display), "ess-css") != NULL)
    return;

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PREFIX "/icons");
  g_object_set_data (G_OBJECT (display), "ess-css", GINT_TO_POINTER (TRUE));
}

/* The list's filters and order as they were left on this database; the
 * search and the trash are not kept, a new start shows the live dossiers. */
static void
restore_list_view (EssWindow *self)
{
  g_autoptr(GVariant) views = g_settings_get_value (self->settings, "list-views");
  const char *text = NULL;
  g_autoptr(EssDossierQuery) query = NULL;

  if (!g_variant_lookup (views, ess_store_get_path (self->store), "&s", &text))
    return;
  query = ess_dossier_query_deserialize (text, NULL);
  if (query == NULL)
    return;
  g_clear_pointer (&query->search, g_free);
  query->trash = FALSE;
  ess_dossier_browser_set_query (self->browser, query);
}

static void
save_list_view (EssWindow *self)
{
  g_autoptr(GVariant) views = g_settings_get_value (self->settings, "list-views");
  const char *path = ess_store_get_path (self->store);
  g_autofree char *text = ess_dossier_query_serialize (ess_dossier_browser_get_query (self->browser));
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, views);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    /* Files deleted since are forgotten. */
    if (g_strcmp0 (key, path) != 0 && g_file_test (key, G_FILE_TEST_EXISTS))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", path, text);
  g_settings_set_value (self->settings, "list-views", g_variant_builder_end (&builder));
}

/* Benchmarks (bench/) time a cold start up to the first frame drawn with
 * the list filled: ESS_QUIT_AFTER_FIRST_FRAME makes the window close once
 * it has painted. */
static void
destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_first_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, window);
  g_idle_add_once (destroy_window, window);
}

static void
on_map_for_benchmark (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), widget);
}

static void
ess_window_constructed (GObject *object)
{
  EssWindow *self = (EssWindow *) object;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (ess_window_parent_class)->constructed (object);

  load_css (GTK_WIDGET (self));
  basename = g_path_get_basename (ess_store_get_path (self->store));
  gtk_label_set_text (self->subtitle_label, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), ess_store_get_path (self->store));
  title = g_strdup_printf ("%s — %s", _("Instruction ESS"), basename);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->browser = ess_dossier_browser_new (self->store);
  self->editor = ess_dossier_editor_new (self->store);
  gtk_widget_set_size_request (GTK_WIDGET (self->browser), 420, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->editor), 420, -1);
  gtk_paned_set_start_child (self->paned, GTK_WIDGET (self->browser));
  gtk_paned_set_end_child (self->paned, GTK_WIDGET (self->editor));
  g_signal_connect_object (self->browser, "selection-changed", G_CALLBACK (on_selection_changed), self, 0);
  restore_list_view (self);

  self->dashboard_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_stack_add_titled (self->view_stack, self->dashboard_page, "dashboard", _("Dashboard"));
  self->scenarios_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_stack_add_titled (self->view_stack, self->scenarios_page, "scenarios", _("Scenarios"));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);

  if (g_getenv ("ESS_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "map", G_CALLBACK (on_map_for_benchmark), NULL);

  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.empty-trash", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);

  update_recent_menu (self);
  g_signal_connect_object (self->settings, "changed::recent-databases", G_CALLBACK (on_recent_changed), self, 0);
}

static void
ess_window_dispose (GObject *object)
{
  EssWindow *self = (EssWindow *) object;

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->undo_ids, g_array_unref);
  g_clear_pointer (&self->undo_statuses, g_array_unref);

  G_OBJECT_CLASS (ess_window_parent_class)->dispose (object);
}

static void
ess_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EssWindow *self = ESS_WINDOW (object);

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
ess_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EssWindow *self = ESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
ess_window_close_request (GtkWindow *window)
{
  EssWindow *self = ESS_WINDOW (window);
  int width, height;

  /* A field being edited is written before the window goes. */
  gtk_window_set_focus (window, NULL);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "pane-position", gtk_paned_get_position (self->paned));
  save_list_view (self);

  return GTK_WINDOW_CLASS (ess_window_parent_class)->close_request (window);
}

static void
backup_now_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);

  ess_backup_now (GTK_WINDOW (self), self->store);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EssWindow *self = ESS_WINDOW (widget);
  EssRestoreDialog *dialog = ess_restore_dialog_new (GTK_WINDOW (self), self->store);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ess_window_class_init (EssWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ess_window_constructed;
  object_class->dispose = ess_window_dispose;
  object_class->set_property = ess_window_set_property;
  object_class->get_property = ess_window_get_property;
  window_class->close_request = ess_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EssWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, undo_label);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, status_button);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, trash_button);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, empty_trash_button);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, undo_dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, show_trash_button);

  gtk_widget_class_install_action (widget_class, "win.new-dossier", NULL, new_dossier_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.empty-trash", NULL, empty_trash_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.change-status", "s", change_status_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.edit-reference", NULL, edit_reference_action);
  gtk_widget_class_install_action (widget_class, "win.show-trash", NULL, show_trash_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, no_recent_action);
  gtk_widget_class_install_action (widget_class, "win.backup-now", NULL, backup_now_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-scdl", NULL, export_scdl_action);
  gtk_widget_class_install_action (widget_class, "win.envelopes", NULL, envelopes_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-dossier", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-reference", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "dossiers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "dashboard");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);

  ess_window_print_class_init (widget_class);
  ess_window_export_class_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "scenarios");
}

/* Delete and Ctrl+Z act on dossiers only where they would not edit text. */
static void
add_list_shortcuts (EssWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.trash")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.undo")));
  gtk_widget_add_controller (GTK_WIDGET (self->paned), controller);
}

static void
ess_window_init (EssWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->undo_dismiss_button, "clicked", G_CALLBACK (on_undo_dismiss), self);

  self->undo_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->undo_statuses = g_array_new (FALSE, FALSE, sizeof (EssStatus));
  add_list_shortcuts (self);

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, g_settings_get_int (self->settings, "pane-position"));
}

EssWindow *
ess_window_new (EssApplication *application,
                EssStore       *store)
{
  return g_object_new (ESS_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

GListModel *
ess_window_get_dossiers (EssWindow *self)
{
  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  return ess_dossier_browser_get_model (self->browser);
}

EssStore *
ess_window_get_store (EssWindow *self)
{
  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  return self->store;
}

EssDossierBrowser *
ess_window_get_browser (EssWindow *self)
{
  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  return self->browser;
}

EssDossierEditor *
ess_window_get_editor (EssWindow *self)
{
  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  return self->editor;
}

void
ess_window_show_view (EssWindow  *self,
                      const char *name)
{
  g_return_if_fail (ESS_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->view_stack, name);
}

EssScenarioView *
ess_window_get_scenario_view (EssWindow *self)
{
  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  return self->scenario_view ? ESS_SCENARIO_VIEW (self->scenario_view) : NULL;
}

GtkWidget *
ess_window_get_dashboard (EssWindow *self)
{
  g_return_val_if_fail (ESS_IS_WINDOW (self), NULL);
  return (GtkWidget *) self->dashboard;
}
