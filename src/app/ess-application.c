/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starts the application: opens the database, shows the window, app actions. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-application.h"
#include "ess-window.h"

struct _EssApplication
{
  GtkApplication  parent_instance;
  char           *database;
  EssStore       *store;
  GSettings      *settings;
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

static void
show_fatal_error (EssApplication *self,
                  const char     *message)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (NULL, 0, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("The database cannot be opened"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Instruction ESS"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_store (EssApplication  *self,
            GError         **error)
{
  EssStoreOpenFlags flags = ESS_STORE_OPEN_DEFAULT;
  g_autofree char *path = NULL;
  g_autofree char *author = NULL;

  if (self->database != NULL)
    path = g_strdup (self->database);
  else
    {
      path = ess_store_default_path ();
      flags |= ESS_STORE_OPEN_DEMO_DATA;
    }

  self->store = ess_store_open (path, flags, error);
  if (self->store == NULL)
    return FALSE;

  author = g_settings_get_string (self->settings, "instructor-name");
  if (author[0] != '\0')
    ess_store_set_author (self->store, author);

  return TRUE;
}

static void
ess_application_activate (GApplication *application)
{
  EssApplication *self = ESS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL && !open_store (self, &error))
    {
      show_fatal_error (self, error->message);
      return;
    }

  window = GTK_WINDOW (ess_window_new (self, self->store));
  gtk_window_present (window);
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
ess_application_startup (GApplication *application)
{
  EssApplication *self = ESS_APPLICATION (application);

  G_APPLICATION_CLASS (ess_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
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

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
ess_application_init (EssApplication *self)
{
  static const GActionEntry app_actions[] = {
    { "about", about_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database file instead of the default one"), N_("FILE") },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
