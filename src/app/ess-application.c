/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starts the application: opens the database, switches databases, app actions. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ess-application.h"
#include "ess-aid.h"
#include "ess-store-funding.h"
#include "ess-help-window.h"
#include "ess-preferences-window.h"
#include "ess-store-backup.h"
#include "ess-window.h"

#define MAX_RECENT_DATABASES 5

struct _EssApplication
{
  GtkApplication  parent_instance;
  char           *database;
  EssStore       *store;
  GSettings      *settings;
  /* Weak pointers: one of each at a time. */
  GtkWindow      *preferences;
  GtkWindow      *help;
};

G_DEFINE_FINAL_TYPE (EssApplication, ess_application, GTK_TYPE_APPLICATION)

EssApplication *
ess_application_new (void)
{
  return g_object_new (ESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

EssStore *
ess_application_get_store (EssApplication *self)
{
  g_return_val_if_fail (ESS_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
ess_application_get_settings (EssApplication *self)
{
  g_return_val_if_fail (ESS_IS_APPLICATION (self), NULL);
  return self->settings;
}

static GtkWindow *
main_window (EssApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ESS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The windows, each referenced: closing one also destroys its dialogs. */
static GList *
ref_windows (EssApplication *self)
{
  GList *windows = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  return g_list_reverse (windows);
}

static void
show_error (EssApplication *self,
            const char     *primary,
            const char     *secondary)
{
  GtkWindow *parent = main_window (self);
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent, parent ? GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT : 0,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Instruction ESS"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_author (EssApplication *self)
{
  g_autofree char *author = g_settings_get_string (self->settings, "instructor-name");

  g_strstrip (author);
  if (self->store != NULL)
    ess_store_set_author (self->store, author[0] != '\0' ? author : g_get_real_name ());
}

/* The database holds the ceilings its checks use (the command line reads
 * them there): the ones set in the Preferences are written to it. */
static void
apply_ceilings (EssApplication *self)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GArray) ceilings = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  value = g_settings_get_value (self->settings, "aid-ceilings");
  ceilings = ess_aid_ceilings_from_variant (value);
  if (!ess_store_replace_aid_ceilings (self->store, (const EssAidCeiling *) (gpointer) ceilings->data,
                                       ceilings->len, &error))
    g_warning ("The aid ceilings cannot be written to %s: %s", ess_store_get_path (self->store), error->message);
}

/* The database opened last goes first in the recent list, which keeps five. */
static void
remember_database (EssApplication *self,
                   const char     *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_DATABASES; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);

  g_settings_set_string (self->settings, "last-database", path);
  g_settings_set_strv (self->settings, "recent-databases", (const char * const *) updated);
}

static void
forget_database (EssApplication *self,
                 const char     *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; recent[i] != NULL; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-databases", (const char * const *) updated);
}

static void
show_note (GtkWindow  *parent,
           const char *primary,
           const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_WARNING, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_main_window (EssApplication *self)
{
  GtkWindow *window = GTK_WINDOW (ess_window_new (self, self->store));

  gtk_window_present (window);

  /* The data is there, but the user should know it has no fresh copy. */
  if (ess_store_get_backup_warning (self->store) != NULL)
    show_note (window, _("The daily backup could not be made"), ess_store_get_backup_warning (self->store));
}

/* Takes @store as the application's database: the windows on the old one
 * close first, so that a field being edited is written to it, then the old
 * database is closed and a new window opens on @store. */
static void
switch_store (EssApplication *self,
              EssStore       *store)
{
  GList *windows = NULL;
  g_autoptr(EssStore) old = self->store;

  g_application_hold (G_APPLICATION (self));

  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
  windows = ref_windows (self);
  for (GList *l = windows; l != NULL; l = l->next)
    if (ESS_IS_WINDOW (l->data))
      gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  if (old != NULL)
    ess_store_close (old);
  self->store = store;
  apply_author (self);
  apply_ceilings (self);
  remember_database (self, ess_store_get_path (store));

  show_main_window (self);
  g_application_release (G_APPLICATION (self));
}

static void
remove_database_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

gboolean
ess_application_open_database (EssApplication  *self,
                               const char      *path,
                               gboolean         create,
                               GError         **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *display = NULL;
  EssStore *store;

  g_return_val_if_fail (ESS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  display = g_filename_display_name (absolute);

  if (create && g_file_test (absolute, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name, or open it with Open Database."), display);
      return FALSE;
    }
  if (!create && !g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist any more."), display);
      return FALSE;
    }

  if (self->store != NULL && g_strcmp0 (ess_store_get_path (self->store), absolute) == 0)
    {
      GtkWindow *window = main_window (self);

      if (window != NULL)
        gtk_window_present (window);
      else
        show_main_window (self);
      return TRUE;
    }

  /* A new database holds the reference data only; an existing one is
   * refused without being written to when it is not ours. */
  store = ess_store_open (absolute, ESS_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    {
      if (create)
        remove_database_files (absolute);
      return FALSE;
    }

  switch_store (self, store);
  return TRUE;
}

static void
on_damaged_response (GtkDialog      *dialog,
                     int             response,
                     EssApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }

  /* The dialog stays until the window replaces it: the application lives on. */
  if (!ess_store_restore_file (path, backup, &kept, &error) ||
      !ess_application_open_database (self, path, FALSE, &error))
    show_error (self, _("The backup could not be restored"), error->message);
  else if (kept != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("The damaged file was kept as “%s”, in case a specialist "
                                                 "can recover more from it."), kept);
      show_note (main_window (self), _("The backup was restored"), note);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* @path cannot be opened: say why, and when it is damaged and a good
 * backup of it exists, offer to restore that backup. */
static void
show_open_error (EssApplication *self,
                 const char     *primary,
                 const char     *path,
                 const char     *message,
                 const GError   *error)
{
  g_autoptr(EssBackup) backup = NULL;
  GtkWindow *parent = main_window (self);
  GtkWidget *dialog;

  if (g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CORRUPT) ||
      g_error_matches (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_A_DATABASE))
    backup = ess_store_find_good_backup (path);
  if (backup == NULL)
    {
      show_error (self, primary, message);
      return;
    }

  dialog = gtk_message_dialog_new (parent, parent ? GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT : 0,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_NONE, "%s", _("The database is damaged"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Instruction ESS"));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore the Backup"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backup->path), g_free);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_damaged_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static EssStore *
open_startup_store (EssApplication  *self,
                    GError         **last_error,
                    GError         **error)
{
  g_autofree char *last = NULL;
  g_autofree char *path = NULL;

  if (self->database != NULL)
    return ess_store_open (self->database, ESS_STORE_OPEN_DEFAULT, error);

  /* The database used last, if it is still there; else the default one. */
  last = g_settings_get_string (self->settings, "last-database");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      EssStore *store = ess_store_open (last, ESS_STORE_OPEN_DEFAULT, last_error);
      if (store != NULL)
        return store;
    }

  path = ess_store_default_path ();
  return ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, error);
}

static void
ess_application_activate (GApplication *application)
{
  EssApplication *self = ESS_APPLICATION (application);
  GtkWindow *window = main_window (self);
  g_autoptr(GError) last_error = NULL;
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      self->store = open_startup_store (self, &last_error, &error);
      if (self->store == NULL)
        {
          g_autofree char *path = self->database ? g_strdup (self->database) : ess_store_default_path ();

          show_open_error (self, _("The database cannot be opened"), path, error->message, error);
          return;
        }
      apply_author (self);
      apply_ceilings (self);
      remember_database (self, ess_store_get_path (self->store));
    }

  show_main_window (self);

  if (last_error != NULL)
    {
      g_autofree char *secondary = g_strdup_printf (_("%s\n\nThe default database is open instead."),
                                                    last_error->message);
      g_autofree char *last = g_settings_get_string (self->settings, "last-database");

      show_open_error (self, _("The last database used cannot be opened"), last, secondary, last_error);
    }
}

static int
ess_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  EssApplication *self = ESS_APPLICATION (application);
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);
      g_free (self->database);
      self->database = g_file_get_path (file);
    }

  return -1;
}

static void
on_instructor_name_changed (GSettings      *settings,
                            const char     *key,
                            EssApplication *self)
{
  apply_author (self);
}

static void
on_ceilings_changed (GSettings      *settings,
                     const char     *key,
                     EssApplication *self)
{
  apply_ceilings (self);
}

static void
ess_application_startup (GApplication *application)
{
  EssApplication *self = ESS_APPLICATION (application);

  G_APPLICATION_CLASS (ess_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::instructor-name",
                           G_CALLBACK (on_instructor_name_changed), self, 0);
  g_signal_connect_object (self->settings, "changed::aid-ceilings",
                           G_CALLBACK (on_ceilings_changed), self, 0);
}

static void
ess_application_shutdown (GApplication *application)
{
  EssApplication *self = ESS_APPLICATION (application);

  if (self->store != NULL)
    ess_store_close (self->store);

  G_APPLICATION_CLASS (ess_application_parent_class)->shutdown (application);
}

static void
ess_application_finalize (GObject *object)
{
  EssApplication *self = (EssApplication *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->database);

  G_OBJECT_CLASS (ess_application_parent_class)->finalize (object);
}

static void
ess_application_class_init (EssApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ess_application_finalize;
  app_class->activate = ess_application_activate;
  app_class->startup = ess_application_startup;
  app_class->shutdown = ess_application_shutdown;
  app_class->handle_local_options = ess_application_handle_local_options;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EssApplication *self = user_data;
  static const char *developers[] = { "L’équipe Instruction ESS", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Instruction ESS"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Instruct funding dossiers of the social and solidarity economy"),
                         "copyright", "© 2026 L’équipe Instruction ESS",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Closing the windows first writes a field being edited and saves their size. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EssApplication *self = user_data;
  GList *windows = ref_windows (self);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (self));
}

static void
add_database_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (databases, _("Instruction ESS databases (*.db)"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_chooser_add_filter (chooser, databases);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, databases);
}

static void
set_folder_of_current_database (EssApplication *self,
                                GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->store == NULL)
    return;
  file = g_file_new_for_path (ess_store_get_path (self->store));
  folder = g_file_get_parent (file);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  EssApplication  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!ess_application_open_database (self, path, FALSE, &error))
    show_open_error (self, _("The database cannot be opened"), path, error->message, error);
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  EssApplication *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Database"), main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  set_folder_of_current_database (self, GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_new_response (GtkNativeDialog *dialog,
                 int              response,
                 EssApplication  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!g_str_has_suffix (path, ".db"))
    {
      char *with_suffix = g_strconcat (path, ".db", NULL);
      g_free (path);
      path = with_suffix;
    }

  if (!ess_application_open_database (self, path, TRUE, &error))
    show_error (self, _("The database cannot be created"), error->message);
}

static void
new_database_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  EssApplication *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_strdup_printf ("instruction-ess-%d.db", g_date_time_get_year (now) + 1);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("New Database"), main_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  set_folder_of_current_database (self, GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_new_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EssApplication *self = user_data;
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (ess_application_open_database (self, path, FALSE, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    forget_database (self, path);
  show_open_error (self, _("The database cannot be opened"), path, error->message, error);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EssApplication *self = user_data;

  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (ess_preferences_window_new (main_window (self), self->settings,
                                                                  self->store ? ess_store_get_path (self->store)
                                                                              : NULL));
      gtk_window_set_application (self->preferences, GTK_APPLICATION (self));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }
  gtk_window_present (self->preferences);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EssApplication *self = user_data;

  if (self->help == NULL)
    {
      self->help = GTK_WINDOW (ess_help_window_new ());
      gtk_window_set_application (self->help, GTK_APPLICATION (self));
      g_object_add_weak_pointer (G_OBJECT (self->help), (gpointer *) &self->help);
    }
  gtk_window_present (self->help);
}

static void
ess_application_init (EssApplication *self)
{
  static const GActionEntry app_actions[] = {
    { "about", about_action },
    { "quit", quit_action },
    { "open-database", open_database_action },
    { "new-database", new_database_action },
    { "open-recent", open_recent_action, "s" },
    { "preferences", preferences_action },
    { "help", help_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database file instead of the default one"), N_("FILE") },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-database", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
