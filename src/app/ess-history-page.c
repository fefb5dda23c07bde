/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Historique" tab of a dossier: who changed what and when, newest first. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-assessment.h"
#include "ess-history-page.h"
#include "ess-store-dossiers.h"

/* Long texts (a description) are cut in the sentence and shown whole in its tooltip. */
#define VALUE_MAX_CHARS 60

struct _EssHistoryPage
{
  GtkWidget   parent_instance;

  EssStore   *store;
  gint64      dossier_id;

  GtkWidget  *scroller;
  GtkListBox *event_list;
};

G_DEFINE_FINAL_TYPE (EssHistoryPage, ess_history_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "05/03/2024 14:32" in local time from the store's UTC "2024-03-05T13:32:00Z". */
char *
ess_history_page_format_time (const char *at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return g_strdup ("");

  when = g_date_time_new_from_iso8601 (at, utc);
  if (when == NULL)
    return g_strdup (at);

  local = g_date_time_to_local (when);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* @value as the sentence shows it: quoted when it is free text, cut when long. */
static char *
show_value (const char *value,
            gboolean    quoted,
            guint       max_chars,
            gboolean   *cut)
{
  g_autofree char *shown = NULL;

  if (is_empty (value))
    return g_strdup (_("(empty)"));

  if (max_chars > 0 && g_utf8_strlen (value, -1) > max_chars)
    {
      g_autofree char *start = g_utf8_substring (value, 0, max_chars - 1);
      shown = g_strconcat (g_strchomp (start), "…", NULL);
      *cut = TRUE;
    }
  else
    shown = g_strdup (value);

  /* A line break would make the row grow for one word. */
  g_strdelimit (shown, "\r\n\t", ' ');

  if (quoted)
    return g_strdup_printf (_("“%s”"), shown);
  return g_steal_pointer (&shown);
}

static const char *
status_name (const char *value)
{
  EssStatus status;

  if (value != NULL && ess_status_from_id (value, &status))
    return ess_status_label (status);
  return value;
}

static char *
describe_edit (const EssHistoryEvent *event,
               guint                  max_chars,
               gboolean              *cut)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  const char *label;
  gboolean quoted = TRUE;
  EssDossierField field;

  if (event->field != NULL && ess_dossier_field_from_id (event->field, &field))
    {
      const EssFieldInfo *info = ess_dossier_field_info (field);

      label = _(info->label);
      quoted = info->kind == ESS_FIELD_KIND_TEXT;
    }
  else if (g_strcmp0 (event->field, "communes") == 0)
    {
      label = _("Communes");
      quoted = FALSE;
    }
  else
    label = event->field ? event->field : "";

  old_value = show_value (event->old_value, quoted, max_chars, cut);
  new_value = show_value (event->new_value, quoted, max_chars, cut);
  /* TRANSLATORS: a field changed: "Title: “old” → “new”" */
  return g_strdup_printf (_("%s: %s → %s"), label, old_value, new_value);
}

static char *
describe_payment (const EssHistoryEvent *event,
                  guint                  max_chars,
                  gboolean              *cut)
{
  g_autofree char *old_value = show_value (event->old_value, FALSE, max_chars, cut);
  g_autofree char *new_value = show_value (event->new_value, FALSE, max_chars, cut);

  if (is_empty (event->old_value) && is_empty (event->new_value))
    return g_strdup (_("Payment changed"));
  if (is_empty (event->old_value))
    return g_strdup_printf (_("Payment added: %s"), new_value);
  if (is_empty (event->new_value))
    return g_strdup_printf (_("Payment deleted: %s"), old_value);
  return g_strdup_printf (_("Payment: %s → %s"), old_value, new_value);
}

/* The sentence of @event, its values cut at @max_chars (0: whole);
 * @cut tells whether one was. */
static char *
describe_event (const EssHistoryEvent *event,
                guint                  max_chars,
                gboolean              *cut)
{
  const char *action = event->action ? event->action : "";

  *cut = FALSE;

  if (g_str_equal (action, "created"))
    return g_strdup (_("Dossier created"));
  if (g_str_equal (action, "edited"))
    return describe_edit (event, max_chars, cut);
  if (g_str_equal (action, "status"))
    return g_strdup_printf (_("Status: %s → %s"),
                            status_name (event->old_value) ? status_name (event->old_value) : "—",
                            status_name (event->new_value) ? status_name (event->new_value) : "—");
  if (g_str_equal (action, "deleted"))
    return g_strdup (_("Moved to the trash"));
  if (g_str_equal (action, "restored"))
    return g_strdup (_("Restored from the trash"));
  if (g_str_equal (action, "purged"))
    return g_strdup (_("Deleted for good"));
  if (g_str_has_prefix (action, "payment"))
    return describe_payment (event, max_chars, cut);
  if (g_str_equal (action, "score"))
    {
      const char *criterion = ess_criterion_label (event->field);

      /* TRANSLATORS: an assessment score changed: "Score for “Social utility”: 1/3 → 2/3" */
      return g_strdup_printf (_("Score for “%s”: %s → %s"),
                              criterion ? criterion : (event->field ? event->field : ""),
                              event->old_value ? event->old_value : "",
                              event->new_value ? event->new_value : "");
    }

  if (g_str_equal (action, "funding"))
    {
      const char *old_value = is_empty (event->old_value) ? _("empty") : event->old_value;
      const char *new_value = is_empty (event->new_value) ? _("empty") : event->new_value;

      /* TRANSLATORS: the funding plan or the budget changed: "Funding plan: 12 actions, total … → …" */
      return g_strdup_printf (g_strcmp0 (event->field, "budget") == 0 ? _("Budget: %s → %s") : _("Funding plan: %s → %s"),
                              old_value, new_value);
    }

  /* An action of a newer version: say what is known rather than nothing. */
  if (is_empty (event->old_value) && is_empty (event->new_value))
    return g_strdup (action);
  return g_strdup_printf (_("%s: %s → %s"), action,
                          event->old_value ? event->old_value : "",
                          event->new_value ? event->new_value : "");
}

char *
ess_history_page_describe_event (const EssHistoryEvent *event)
{
  gboolean cut;

  g_return_val_if_fail (event != NULL, NULL);
  return describe_event (event, 0, &cut);
}

static const char *
event_icon (const EssHistoryEvent *event)
{
  static const struct { const char *action; const char *icon; } icons[] = {
    { "created", "ess-dossier-new-symbolic" },
    { "edited", "document-edit-symbolic" },
    { "status", "ess-status-symbolic" },
    { "deleted", "user-trash-symbolic" },
    { "restored", "edit-undo-symbolic" },
    { "purged", "edit-delete-symbolic" },
    { "payment", "ess-payment-symbolic" },
    { "score", "ess-assessment-symbolic" },
    { "funding", "x-office-spreadsheet-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (event->action && g_str_has_prefix (event->action, icons[i].action))
      return icons[i].icon;
  return "document-open-recent-symbolic";
}

static GtkWidget *
create_row (const EssHistoryEvent *event)
{
  gboolean cut = FALSE;
  g_autofree char *sentence = describe_event (event, VALUE_MAX_CHARS, &cut);
  g_autofree char *when = ess_history_page_format_time (event->at);
  g_autofree char *accessible = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (event_icon (event));
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_set_hexpand (text_box, TRUE);
  label = gtk_label_new (sentence);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (cut)
    {
      g_autofree char *tooltip = describe_event (event, 0, &cut);
      gtk_widget_set_tooltip_text (label, tooltip);
    }
  gtk_box_append (GTK_BOX (text_box), label);

  if (!is_empty (event->comment))
    {
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", event->comment);

      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "history-comment");
      gtk_box_append (GTK_BOX (text_box), label);
    }
  gtk_box_append (GTK_BOX (box), text_box);

  gtk_widget_set_valign (meta_box, GTK_ALIGN_START);
  label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (meta_box), label);
  if (!is_empty (event->author))
    {
      label = gtk_label_new (event->author);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (meta_box), label);
    }
  gtk_box_append (GTK_BOX (box), meta_box);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* One sentence for a screen reader: what, when, who, why. */
  if (is_empty (event->author))
    accessible = g_strdup_printf ("%s, %s", sentence, when);
  else
    accessible = g_strdup_printf (_("%s, %s, by %s"), sentence, when, event->author);
  if (!is_empty (event->comment))
    {
      char *with_comment = g_strdup_printf ("%s. %s", accessible, event->comment);
      g_free (accessible);
      accessible = with_comment;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

static void
clear_rows (EssHistoryPage *self)
{
  GtkWidget *child;

  /* The placeholder is not a child that gtk_list_box_remove() knows. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->event_list, 0))) != NULL)
    gtk_list_box_remove (self->event_list, child);
}

static void
reload (EssHistoryPage *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->dossier_id != 0);
  if (self->dossier_id == 0 || self->store == NULL)
    return;

  events = ess_store_list_history (self->store, self->dossier_id, &error);
  if (events == NULL)
    {
      g_warning ("Cannot read the history of dossier %" G_GINT64_FORMAT ": %s",
                 self->dossier_id, error->message);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (self->event_list, create_row (g_ptr_array_index (events, i)));
}

static void
on_store_changed (EssStore       *store,
                  const char     *what,
                  EssHistoryPage *self)
{
  /* The store does not say which dossier changed: every write adds an event somewhere. */
  if (self->dossier_id != 0)
    reload (self);
}

static void
ess_history_page_constructed (GObject *object)
{
  EssHistoryPage *self = (EssHistoryPage *) object;

  G_OBJECT_CLASS (ess_history_page_parent_class)->constructed (object);

  g_return_if_fail (ESS_IS_STORE (self->store));
  g_signal_connect_object (self->store, "changed::dossiers", G_CALLBACK (on_store_changed), self, 0);
  reload (self);
}

static void
ess_history_page_dispose (GObject *object)
{
  EssHistoryPage *self = (EssHistoryPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_HISTORY_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_history_page_parent_class)->dispose (object);
}

static void
ess_history_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EssHistoryPage *self = ESS_HISTORY_PAGE (object);

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
ess_history_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EssHistoryPage *self = ESS_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_history_page_class_init (EssHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_history_page_constructed;
  object_class->dispose = ess_history_page_dispose;
  object_class->set_property = ess_history_page_set_property;
  object_class->get_property = ess_history_page_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-history-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssHistoryPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssHistoryPage, event_list);
}

static void
ess_history_page_init (EssHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ess_history_page_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_HISTORY_PAGE, "store", store, NULL);
}

void
ess_history_page_set_dossier (EssHistoryPage   *self,
                              const EssDossier *dossier)
{
  g_return_if_fail (ESS_IS_HISTORY_PAGE (self));

  self->dossier_id = dossier ? dossier->id : 0;
  reload (self);
}
