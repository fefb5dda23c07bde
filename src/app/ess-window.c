/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: header bar, primary menu, the dossier list and its footer. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-dossier-list.h"
#include "ess-money.h"
#include "ess-window.h"

struct _EssWindow
{
  GtkApplicationWindow  parent_instance;

  EssStore             *store;
  EssDossierList       *dossiers;
  GSettings            *settings;

  GtkLabel             *subtitle_label;
  GtkColumnView        *dossier_view;
  GtkLabel             *count_label;
  GtkLabel             *requested_label;
  GtkLabel             *proposed_label;
  GtkLabel             *granted_label;
};

G_DEFINE_FINAL_TYPE (EssWindow, ess_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_REFERENCE,
  COLUMN_TITLE,
  COLUMN_APPLICANT,
  COLUMN_SCHEME,
  COLUMN_VOLET,
  COLUMN_TERRITORIES,
  COLUMN_YEAR,
  COLUMN_STATUS,
  COLUMN_REQUESTED,
  COLUMN_PROPOSED,
  COLUMN_GRANTED,
} Column;

typedef struct
{
  Column      column;
  const char *title;
  gboolean    expand;
  gboolean    numeric;
  int         width_chars;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { COLUMN_REFERENCE, N_("Reference"), FALSE, FALSE, 12 },
  { COLUMN_TITLE, N_("Title"), TRUE, FALSE, 28 },
  { COLUMN_APPLICANT, N_("Applicant"), FALSE, FALSE, 18 },
  { COLUMN_SCHEME, N_("Scheme"), FALSE, FALSE, 6 },
  { COLUMN_VOLET, N_("Volet"), FALSE, FALSE, 4 },
  { COLUMN_TERRITORIES, N_("Territories"), FALSE, FALSE, 14 },
  { COLUMN_YEAR, N_("Year"), FALSE, TRUE, 4 },
  { COLUMN_STATUS, N_("Status"), FALSE, FALSE, 11 },
  { COLUMN_REQUESTED, N_("Requested"), FALSE, TRUE, 12 },
  { COLUMN_PROPOSED, N_("Proposed"), FALSE, TRUE, 12 },
  { COLUMN_GRANTED, N_("Granted"), FALSE, TRUE, 12 },
};

static char *
cell_text (EssDossierSummary *dossier,
           Column             column)
{
  switch (column)
    {
    case COLUMN_REFERENCE:
      return g_strdup (ess_dossier_summary_get_reference (dossier));
    case COLUMN_TITLE:
      return g_strdup (ess_dossier_summary_get_title (dossier));
    case COLUMN_APPLICANT:
      return g_strdup (ess_dossier_summary_get_applicant (dossier));
    case COLUMN_SCHEME:
      return g_strdup (ess_dossier_summary_get_scheme (dossier));
    case COLUMN_VOLET:
      return ess_dossier_summary_get_volet (dossier) > 0
             ? g_strdup_printf ("%d", ess_dossier_summary_get_volet (dossier))
             : g_strdup ("");
    case COLUMN_TERRITORIES:
      return g_strdup (ess_dossier_summary_get_territories (dossier));
    case COLUMN_YEAR:
      return g_strdup_printf ("%d", ess_dossier_summary_get_year (dossier));
    case COLUMN_STATUS:
      return g_strdup (ess_status_label (ess_dossier_summary_get_status (dossier)));
    case COLUMN_REQUESTED:
      return ess_money_format (ess_dossier_summary_get_requested (dossier));
    case COLUMN_PROPOSED:
      return ess_money_format (ess_dossier_summary_get_proposed (dossier));
    case COLUMN_GRANTED:
      return ess_money_format (ess_dossier_summary_get_granted (dossier));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const ColumnInfo         *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), info->numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), info->width_chars);
  if (info->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const ColumnInfo         *info)
{
  EssDossierSummary *dossier = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (dossier, info->column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_columns (EssWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->dossier_view, column);
      g_object_unref (column);
    }
}

static void
update_footer (EssWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->dossiers);
  guint n = g_list_model_get_n_items (model);
  gint64 requested = 0, proposed = 0, granted = 0;
  g_autofree char *count = NULL;
  g_autofree char *requested_text = NULL;
  g_autofree char *proposed_text = NULL;
  g_autofree char *granted_text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EssDossierSummary) dossier = g_list_model_get_item (model, i);
      ess_money_add (requested, ess_dossier_summary_get_requested (dossier), &requested);
      ess_money_add (proposed, ess_dossier_summary_get_proposed (dossier), &proposed);
      ess_money_add (granted, ess_dossier_summary_get_granted (dossier), &granted);
    }

  count = g_strdup_printf (ngettext ("%u dossier", "%u dossiers", n), n);
  requested_text = ess_money_format (requested);
  proposed_text = ess_money_format (proposed);
  granted_text = ess_money_format (granted);

  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->requested_label, requested_text);
  gtk_label_set_text (self->proposed_label, proposed_text);
  gtk_label_set_text (self->granted_label, granted_text);
}

static void
on_dossiers_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     EssWindow  *self)
{
  update_footer (self);
}

static void
ess_window_constructed (GObject *object)
{
  EssWindow *self = (EssWindow *) object;
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (ess_window_parent_class)->constructed (object);

  basename = g_path_get_basename (ess_store_get_path (self->store));
  gtk_label_set_text (self->subtitle_label, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), ess_store_get_path (self->store));

  self->dossiers = ess_dossier_list_new (self->store);
  g_signal_connect_object (self->dossiers, "items-changed", G_CALLBACK (on_dossiers_changed), self, 0);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->dossiers)));
  gtk_column_view_set_model (self->dossier_view, GTK_SELECTION_MODEL (selection));
  update_footer (self);
}

static void
ess_window_dispose (GObject *object)
{
  EssWindow *self = (EssWindow *) object;

  if (self->dossier_view != NULL)
    gtk_column_view_set_model (self->dossier_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_WINDOW);
  g_clear_object (&self->dossiers);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

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

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ess_window_parent_class)->close_request (window);
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
  gtk_widget_class_bind_template_child (widget_class, EssWindow, dossier_view);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, requested_label);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, proposed_label);
  gtk_widget_class_bind_template_child (widget_class, EssWindow, granted_label);
}

static void
ess_window_init (EssWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
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
  return G_LIST_MODEL (self->dossiers);
}
