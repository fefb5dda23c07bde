/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Preferences window: what a user sets once, kept in GSettings. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-aid.h"
#include "ess-dossier.h"
#include "ess-money.h"
#include "ess-preferences-window.h"

/* The kinds of the drop-down, in its order. */
static const char *ceiling_kinds[] = { "general", "sgei" };

struct _EssPreferencesWindow
{
  GtkWindow  parent_instance;

  GSettings *settings;
  char      *database_path;

  GtkEntry  *name_entry;
  GtkWidget *export_button;
  GtkLabel  *export_label;
  GtkWidget *export_reset_button;
  GtkLabel  *database_label;
  GtkWidget *open_folder_button;

  GtkListBox    *ceilings_list;
  GtkDropDown   *kind_dropdown;
  GtkEntry      *since_entry;
  GtkEntry      *amount_entry;
  GtkSpinButton *years_spin;
  GtkLabel      *ceiling_error_label;
  GtkWidget     *add_ceiling_button;
  GtkWidget     *reset_ceilings_button;
};

G_DEFINE_FINAL_TYPE (EssPreferencesWindow, ess_preferences_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
ess_preferences_get_export_folder (GSettings *settings)
{
  g_autofree char *folder = g_settings_get_string (settings, "default-export-folder");
  const char *documents;

  if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&folder);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);
  return g_strdup (g_get_home_dir ());
}

/* A path for reading: the home folder written "~". */
static char *
display_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *home = g_filename_display_name (g_get_home_dir ());
  gsize home_len = strlen (home);

  if (g_str_has_prefix (display, home) && (display[home_len] == '/' || display[home_len] == '\0'))
    return g_strconcat ("~", display + home_len, NULL);
  return g_steal_pointer (&display);
}

static void
update_export_folder (EssPreferencesWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "default-export-folder");
  g_autofree char *folder = ess_preferences_get_export_folder (self->settings);
  g_autofree char *shown = display_path (folder);

  if (setting[0] == '\0')
    {
      g_autofree char *text = g_strdup_printf (_("%s (default)"), shown);
      gtk_label_set_text (self->export_label, text);
    }
  else
    gtk_label_set_text (self->export_label, shown);
  gtk_widget_set_sensitive (self->export_reset_button, setting[0] != '\0');
}

static void
on_export_folder_changed (GSettings            *settings,
                          const char           *key,
                          EssPreferencesWindow *self)
{
  update_export_folder (self);
}

static void
on_export_chooser_response (GtkNativeDialog      *dialog,
                            int                   response,
                            EssPreferencesWindow *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (folder != NULL && (path = g_file_get_path (folder)) != NULL)
    g_settings_set_string (self->settings, "default-export-folder", path);
}

static void
on_export_clicked (EssPreferencesWindow *self)
{
  g_autofree char *current = ess_preferences_get_export_folder (self->settings);
  g_autoptr(GFile) folder = g_file_new_for_path (current);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Default Export Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_reset_clicked (EssPreferencesWindow *self)
{
  g_settings_reset (self->settings, "default-export-folder");
}

static void
on_open_folder_clicked (EssPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->database_path == NULL)
    return;
  file = g_file_new_for_path (self->database_path);
  folder = g_file_get_parent (file);
  uri = g_file_get_uri (folder);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* State aid ceilings. */

static const char *
kind_label (const char *kind)
{
  return g_strcmp0 (kind, "sgei") == 0 ? _("SGEI de minimis") : _("General de minimis");
}

char *
ess_preferences_ceiling_text (const EssAidCeiling *ceiling)
{
  g_autofree char *amount = ess_money_format (ceiling->amount_cents);
  g_autofree char *since = ess_date_format (ceiling->from);

  /* TRANSLATORS: "General de minimis: 300 000,00 € over 3 years, since 01/01/2024" */
  return g_strdup_printf (ngettext ("%s: %s over %d year, since %s", "%s: %s over %d years, since %s",
                                    ceiling->years),
                          kind_label (ceiling->kind), amount, ceiling->years, since);
}

/* Writes @ceilings, without the one at @skip (G_MAXUINT: none), plus @added if not NULL. */
static void
write_ceilings (EssPreferencesWindow *self,
                GArray               *ceilings,
                guint                 skip,
                const EssAidCeiling  *added)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssxi)"));
  for (guint i = 0; i < ceilings->len; i++)
    {
      const EssAidCeiling *c = &g_array_index (ceilings, EssAidCeiling, i);

      if (i == skip)
        continue;
      /* A ceiling of the same kind and date is replaced by the new one. */
      if (added != NULL && strcmp (c->kind, added->kind) == 0 && strcmp (c->from, added->from) == 0)
        continue;
      g_variant_builder_add (&builder, "(ssxi)", c->kind, c->from, c->amount_cents, c->years);
    }
  if (added != NULL)
    g_variant_builder_add (&builder, "(ssxi)", added->kind, added->from, added->amount_cents, added->years);
  g_settings_set_value (self->settings, "aid-ceilings", g_variant_builder_end (&builder));
}

static GArray *
read_ceilings (EssPreferencesWindow *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "aid-ceilings");

  return ess_aid_ceilings_from_variant (value);
}

static void
on_remove_ceiling_clicked (GtkButton            *button,
                           EssPreferencesWindow *self)
{
  g_autoptr(GArray) ceilings = read_ceilings (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index < ceilings->len)
    write_ceilings (self, ceilings, index, NULL);
}

static void
update_ceilings (EssPreferencesWindow *self)
{
  g_autoptr(GArray) ceilings = read_ceilings (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ceilings_list))) != NULL)
    gtk_list_box_remove (self->ceilings_list, child);

  for (guint i = 0; i < ceilings->len; i++)
    {
      const EssAidCeiling *ceiling = &g_array_index (ceilings, EssAidCeiling, i);
      g_autofree char *text = ess_preferences_ceiling_text (ceiling);
      g_autofree char *remove_text = g_strdup_printf (_("Remove the ceiling “%s”"), text);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (remove, remove_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_text, -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_ceiling_clicked), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), remove);
      /* The row itself is not a control: Tab goes straight to its button. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->ceilings_list, row);
    }
  if (ceilings->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No ceiling: the aid received is not checked."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_list_box_append (self->ceilings_list, label);
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
    }
}

static void
on_ceilings_changed (GSettings            *settings,
                     const char           *key,
                     EssPreferencesWindow *self)
{
  update_ceilings (self);
}

static void
show_ceiling_error (EssPreferencesWindow *self,
                    GtkWidget            *field,
                    const char           *message)
{
  gtk_label_set_text (self->ceiling_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->ceiling_error_label), message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->since_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_entry), "error");
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_widget_grab_focus (field);
    }
}

/* Typed values are checked here; nothing is written unless all are right. */
static void
on_add_ceiling_clicked (EssPreferencesWindow *self)
{
  guint kind_index = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autofree char *since = NULL;
  g_autoptr(GArray) ceilings = NULL;
  g_autoptr(GError) error = NULL;
  EssAidCeiling added = { 0 };
  gint64 amount = 0;

  since = ess_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->since_entry)), &error);
  if (since == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Applies since: %s"), error->message);
      show_ceiling_error (self, GTK_WIDGET (self->since_entry), message);
      return;
    }
  if (!ess_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)), &amount, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Amount: %s"), error->message);
      show_ceiling_error (self, GTK_WIDGET (self->amount_entry), message);
      return;
    }
  added.kind = ceiling_kinds[MIN (kind_index, G_N_ELEMENTS (ceiling_kinds) - 1)];
  added.from = since;
  added.amount_cents = amount;
  added.years = gtk_spin_button_get_value_as_int (self->years_spin);
  if (!ess_aid_ceiling_validate (added.kind, added.from, added.amount_cents, added.years, &error))
    {
      show_ceiling_error (self, GTK_WIDGET (self->amount_entry), error->message);
      return;
    }

  show_ceiling_error (self, NULL, NULL);
  ceilings = read_ceilings (self);
  write_ceilings (self, ceilings, G_MAXUINT, &added);
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
}

static void
on_reset_ceilings_clicked (EssPreferencesWindow *self)
{
  g_settings_reset (self->settings, "aid-ceilings");
  show_ceiling_error (self, NULL, NULL);
}

static void
ess_preferences_window_constructed (GObject *object)
{
  EssPreferencesWindow *self = (EssPreferencesWindow *) object;

  G_OBJECT_CLASS (ess_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  gtk_entry_set_placeholder_text (self->name_entry, g_get_real_name ());
  g_settings_bind (self->settings, "instructor-name", self->name_entry, "text", G_SETTINGS_BIND_DEFAULT);

  update_export_folder (self);
  g_signal_connect_object (self->settings, "changed::default-export-folder",
                           G_CALLBACK (on_export_folder_changed), self, 0);

  if (self->database_path != NULL)
    {
      g_autofree char *shown = g_filename_display_name (self->database_path);
      gtk_label_set_text (self->database_label, shown);
    }
  else
    gtk_label_set_text (self->database_label, _("No database is open."));
  gtk_widget_set_sensitive (self->open_folder_button, self->database_path != NULL);

  update_ceilings (self);
  g_signal_connect_object (self->settings, "changed::aid-ceilings", G_CALLBACK (on_ceilings_changed), self, 0);
}

static void
ess_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ess_preferences_window_parent_class)->dispose (object);
}

static void
ess_preferences_window_finalize (GObject *object)
{
  EssPreferencesWindow *self = (EssPreferencesWindow *) object;

  g_clear_object (&self->settings);
  g_free (self->database_path);

  G_OBJECT_CLASS (ess_preferences_window_parent_class)->finalize (object);
}

static void
ess_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  EssPreferencesWindow *self = ESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EssPreferencesWindow *self = ESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_preferences_window_class_init (EssPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_preferences_window_constructed;
  object_class->dispose = ess_preferences_window_dispose;
  object_class->finalize = ess_preferences_window_finalize;
  object_class->set_property = ess_preferences_window_set_property;
  object_class->get_property = ess_preferences_window_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, export_label);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, export_reset_button);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, database_label);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, ceilings_list);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, since_entry);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, years_spin);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, ceiling_error_label);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, add_ceiling_button);
  gtk_widget_class_bind_template_child (widget_class, EssPreferencesWindow, reset_ceilings_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_preferences_window_init (EssPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->export_reset_button, "clicked", G_CALLBACK (on_export_reset_clicked), self);
  g_signal_connect_swapped (self->open_folder_button, "clicked", G_CALLBACK (on_open_folder_clicked), self);
  g_signal_connect_swapped (self->add_ceiling_button, "clicked", G_CALLBACK (on_add_ceiling_clicked), self);
  g_signal_connect_swapped (self->reset_ceilings_button, "clicked", G_CALLBACK (on_reset_ceilings_clicked), self);
  g_signal_connect_swapped (self->amount_entry, "activate", G_CALLBACK (on_add_ceiling_clicked), self);
}

EssPreferencesWindow *
ess_preferences_window_new (GtkWindow  *parent,
                            GSettings  *settings,
                            const char *database_path)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ESS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "settings", settings,
                       "database-path", database_path,
                       NULL);
}
