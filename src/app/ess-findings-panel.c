/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The findings of a dossier under its funding plan: a count, then a row per finding, each leading to its cause. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-findings-panel.h"

struct _EssFindingsPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *findings_box;
  GtkLabel   *findings_count;
  GtkListBox *findings_list;
};

G_DEFINE_FINAL_TYPE (EssFindingsPanel, ess_findings_panel, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
severity_icon (EssSeverity severity)
{
  switch (severity)
    {
    case ESS_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case ESS_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case ESS_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

GtkWidget *
ess_findings_panel_new_icon (EssSeverity severity)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (severity));

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, ess_severity_label (severity));
  if (severity == ESS_SEVERITY_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (severity == ESS_SEVERITY_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  return icon;
}

static GtkWidget *
finding_row (const EssFinding *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = ess_findings_panel_new_icon (finding->severity);
  g_autofree char *place = g_markup_escape_text (finding->place, -1);
  g_autofree char *message = g_markup_escape_text (finding->message, -1);
  g_autofree char *markup = g_strdup_printf ("<b>%s</b>  %s", place, message);
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *accessible = g_strdup_printf ("%s: %s, %s", ess_severity_label (finding->severity),
                                                 finding->place, finding->message);

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 5);
  gtk_widget_set_margin_bottom (box, 5);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

void
ess_findings_panel_set_findings (EssFindingsPanel *self,
                                 GPtrArray        *findings)
{
  GtkWidget *child;
  guint errors = 0, warnings = 0;
  g_autoptr(GString) count = g_string_new (NULL);

  g_return_if_fail (ESS_IS_FINDINGS_PANEL (self));
  g_return_if_fail (findings != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->findings_list, child);
      else
        break;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      EssFinding *finding = g_ptr_array_index (findings, i);

      gtk_list_box_append (self->findings_list, finding_row (finding));
      if (finding->severity == ESS_SEVERITY_ERROR)
        errors++;
      else if (finding->severity == ESS_SEVERITY_WARNING)
        warnings++;
    }

  if (errors > 0)
    g_string_append_printf (count, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
  if (warnings > 0)
    {
      if (count->len)
        g_string_append (count, ", ");
      g_string_append_printf (count, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings),
                              warnings);
    }
  gtk_label_set_text (self->findings_count, count->str);
}

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  EssFindingsPanel *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0, (guint) gtk_list_box_row_get_index (row));
}

static void
ess_findings_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ESS_TYPE_FINDINGS_PANEL);

  G_OBJECT_CLASS (ess_findings_panel_parent_class)->dispose (object);
}

static void
ess_findings_panel_class_init (EssFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_findings_panel_dispose;

  /**
   * EssFindingsPanel::activated:
   * @position: the finding's place in the array last shown
   *
   * A row was activated: its finding's cause should be shown.
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-findings-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssFindingsPanel, findings_box);
  gtk_widget_class_bind_template_child (widget_class, EssFindingsPanel, findings_count);
  gtk_widget_class_bind_template_child (widget_class, EssFindingsPanel, findings_list);
}

static void
ess_findings_panel_init (EssFindingsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->findings_list, "row-activated", G_CALLBACK (on_row_activated), self);
}

EssFindingsPanel *
ess_findings_panel_new (void)
{
  return g_object_new (ESS_TYPE_FINDINGS_PANEL, NULL);
}
