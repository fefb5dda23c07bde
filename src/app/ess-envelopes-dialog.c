/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Enveloppes" window: each scheme's yearly envelope against what is proposed, granted and paid. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-envelopes-dialog.h"
#include "ess-money.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"

typedef struct
{
  EssEnvelopesDialog *dialog;
  char               *scheme;
  int                 year;
  gint64              envelope_cents;
  GtkWidget          *entry;
  GHashTable         *labels;   /* what -> GtkLabel */
} Row;

struct _EssEnvelopesDialog
{
  GtkWindow     parent_instance;

  EssStore     *store;
  GPtrArray    *rows;      /* Row */
  GPtrArray    *schemes;   /* EssChoice */
  gboolean      writing;

  GtkGrid      *grid;
  GtkLabel     *status_label;
  GtkDropDown  *scheme_dropdown;
  GtkSpinButton *year_spin;
  GtkEntry     *amount_entry;
  GtkWidget    *add_button;
};

G_DEFINE_FINAL_TYPE (EssEnvelopesDialog, ess_envelopes_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (EssEnvelopesDialog *self);

static void
row_free (Row *row)
{
  g_free (row->scheme);
  g_clear_pointer (&row->labels, g_hash_table_unref);
  g_free (row);
}

static void
show_status (EssEnvelopesDialog *self,
             const char         *message)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* Writes the envelope typed in @row; FALSE, with the cell marked, when it is not an amount. */
static gboolean
commit_row (Row *row)
{
  EssEnvelopesDialog *self = row->dialog;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->entry))));
  g_autoptr(GError) error = NULL;
  gint64 cents = -1;
  gboolean ok;

  if (text[0] != '\0' && (!ess_money_parse (text, &cents, &error) || cents < 0))
    {
      g_autofree char *message = error ? g_strdup (error->message)
                                       : g_strdup_printf (_("“%s” is negative: an envelope is 0 or more"), text);
      gtk_widget_add_css_class (row->entry, "invalid");
      gtk_widget_set_tooltip_text (row->entry, message);
      show_status (self, message);
      return FALSE;
    }
  gtk_widget_remove_css_class (row->entry, "invalid");
  gtk_widget_set_tooltip_text (row->entry, NULL);
  show_status (self, NULL);
  if (cents == row->envelope_cents)
    return TRUE;

  self->writing = TRUE;
  ok = ess_store_set_envelope (self->store, row->scheme, row->year, cents, &error);
  self->writing = FALSE;
  if (!ok)
    {
      show_status (self, error->message);
      return FALSE;
    }
  reload (self);
  return TRUE;
}

static void
on_entry_activate (GtkEntry *entry,
                   Row      *row)
{
  commit_row (row);
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              Row                   *row)
{
  g_autofree char *text = NULL;

  if (keyval != GDK_KEY_Escape)
    return FALSE;
  text = row->envelope_cents >= 0 ? ess_money_format_plain (row->envelope_cents) : g_strdup ("");
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (row->entry))) == 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (row->entry), text);
  gtk_widget_remove_css_class (row->entry, "invalid");
  show_status (row->dialog, NULL);
  return TRUE;
}

static GtkWidget *
add_label (EssEnvelopesDialog *self,
           const char         *text,
           int                 col,
           int                 row,
           float               xalign,
           const char         *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "cell");
  if (css)
    gtk_widget_add_css_class (label, css);
  gtk_grid_attach (self->grid, label, col, row, 1, 1);
  return label;
}

static const char *
scheme_name (EssEnvelopesDialog *self,
             const char         *code)
{
  for (guint i = 0; self->schemes && i < self->schemes->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (self->schemes, i);
      if (g_str_equal (choice->id, code))
        return choice->label;
    }
  return code;
}

static void
reload (EssEnvelopesDialog *self)
{
  const char *headings[] = {
    _("Scheme"), _("Year"), _("Envelope"), _("Proposed"), _("Granted"), _("Paid"), _("Remaining"),
    _("Consumption"),
  };
  g_autoptr(GPtrArray) envelopes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autofree char *focus_scheme = NULL;
  int focus_year = 0;

  for (guint i = 0; focus && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      if (focus == row->entry || gtk_widget_is_ancestor (focus, row->entry))
        {
          focus_scheme = g_strdup (row->scheme);
          focus_year = row->year;
        }
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->rows, 0);

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    add_label (self, headings[c], (int) c, 0, c < 2 ? 0 : 1, "heading-cell");

  envelopes = ess_store_list_envelopes (self->store, &error);
  if (envelopes == NULL)
    {
      show_status (self, error->message);
      return;
    }

  for (guint i = 0; i < envelopes->len; i++)
    {
      EssEnvelopeRow *envelope = g_ptr_array_index (envelopes, i);
      Row *row = g_new0 (Row, 1);
      int r = (int) i + 1;
      g_autofree char *year = g_strdup_printf ("%d", envelope->year);
      g_autofree char *text = envelope->envelope_cents >= 0 ? ess_money_format_plain (envelope->envelope_cents)
                                                            : g_strdup ("");
      g_autofree char *accessible = g_strdup_printf (_("Envelope of %s %d"), envelope->scheme, envelope->year);
      gint64 remaining = 0;
      gboolean has_envelope = envelope->envelope_cents >= 0;
      gboolean over = has_envelope && envelope->granted_cents > envelope->envelope_cents;
      GtkEventController *keys;
      GtkWidget *label, *box, *bar;

      row->dialog = self;
      row->scheme = g_strdup (envelope->scheme);
      row->year = envelope->year;
      row->envelope_cents = envelope->envelope_cents;
      row->labels = g_hash_table_new (g_str_hash, g_str_equal);
      g_ptr_array_add (self->rows, row);

      label = add_label (self, envelope->scheme, 0, r, 0, NULL);
      gtk_widget_set_tooltip_text (label, scheme_name (self, envelope->scheme));
      add_label (self, year, 1, r, 0, "numeric");

      row->entry = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (row->entry), text);
      gtk_entry_set_alignment (GTK_ENTRY (row->entry), 1.0);
      gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 12);
      gtk_entry_set_has_frame (GTK_ENTRY (row->entry), FALSE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (row->entry), _("none"));
      gtk_widget_add_css_class (row->entry, "cell");
      gtk_widget_add_css_class (row->entry, "numeric");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect (row->entry, "activate", G_CALLBACK (on_entry_activate), row);
      keys = gtk_event_controller_key_new ();
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), row);
      gtk_widget_add_controller (row->entry, keys);
      gtk_grid_attach (self->grid, row->entry, 2, r, 1, 1);

      {
        const struct { const char *what; gint64 cents; } amounts[] = {
          { "proposed", envelope->proposed_cents },
          { "granted", envelope->granted_cents },
          { "paid", envelope->paid_cents },
        };
        for (guint a = 0; a < G_N_ELEMENTS (amounts); a++)
          {
            g_autofree char *amount = ess_money_format_plain (amounts[a].cents);
            label = add_label (self, amount, 3 + (int) a, r, 1, "numeric");
            g_hash_table_insert (row->labels, (gpointer) amounts[a].what, label);
          }
      }

      if (has_envelope && ess_money_sub (envelope->envelope_cents, envelope->granted_cents, &remaining))
        {
          g_autofree char *amount = ess_money_format_plain (remaining);
          label = add_label (self, amount, 6, r, 1, "numeric");
        }
      else
        label = add_label (self, "", 6, r, 1, "numeric");
      if (over)
        gtk_widget_add_css_class (label, "error");
      g_hash_table_insert (row->labels, (gpointer) "remaining", label);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (box, "cell");
      bar = gtk_level_bar_new_for_interval (0, 1);
      gtk_widget_set_size_request (bar, 90, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      if (has_envelope)
        {
          gint64 bp = ess_percent_basis_points (envelope->granted_cents, envelope->envelope_cents);
          g_autofree char *percent = ess_percent_format (envelope->granted_cents, envelope->envelope_cents, 1);

          gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (bp, 0, 10000) / 10000.0);
          label = gtk_label_new (percent);
          if (over)
            {
              g_autofree char *tooltip = NULL;
              g_autofree char *excess = ess_money_format (envelope->granted_cents - envelope->envelope_cents);

              gtk_widget_add_css_class (bar, "error");
              gtk_widget_add_css_class (label, "error");
              /* TRANSLATORS: tooltip of an over-consumed envelope; %s is the excess */
              tooltip = g_strdup_printf (_("Over-consumed: granted above the envelope by %s"), excess);
              gtk_widget_set_tooltip_text (box, tooltip);
              gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
            }
          else if (bp > 9000)
            gtk_widget_add_css_class (bar, "warning");
        }
      else
        {
          label = gtk_label_new (_("no envelope"));
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_sensitive (bar, FALSE);
        }
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_prepend (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), label);
      gtk_grid_attach (self->grid, box, 7, r, 1, 1);
      g_hash_table_insert (row->labels, (gpointer) "consumption", label);

      if (focus_scheme && g_str_equal (focus_scheme, row->scheme) && focus_year == row->year)
        gtk_widget_grab_focus (row->entry);
    }
}

static void
on_store_changed (EssStore           *store,
                  const char         *what,
                  EssEnvelopesDialog *self)
{
  if (!self->writing)
    reload (self);
}

static void
on_add_clicked (EssEnvelopesDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry))));
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->scheme_dropdown);
  EssChoice *scheme;
  gint64 cents = 0;
  gboolean ok;

  if (self->schemes == NULL || selected >= self->schemes->len)
    return;
  scheme = g_ptr_array_index (self->schemes, selected);
  if (!ess_money_parse (text, &cents, &error) || cents < 0)
    {
      g_autofree char *message = error ? g_strdup (error->message)
                                       : g_strdup_printf (_("“%s” is negative: an envelope is 0 or more"), text);
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_entry), "error");
      show_status (self, message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_entry), "error");
  self->writing = TRUE;
  ok = ess_store_set_envelope (self->store, scheme->id, gtk_spin_button_get_value_as_int (self->year_spin),
                               cents, &error);
  self->writing = FALSE;
  if (!ok)
    {
      show_status (self, error->message);
      return;
    }
  show_status (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  reload (self);
}

static void
ess_envelopes_dialog_constructed (GObject *object)
{
  EssEnvelopesDialog *self = (EssEnvelopesDialog *) object;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  G_OBJECT_CLASS (ess_envelopes_dialog_parent_class)->constructed (object);

  self->schemes = ess_store_list_schemes (self->store, NULL);
  for (guint i = 0; self->schemes && i < self->schemes->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (self->schemes, i);
      g_autofree char *text = g_strdup_printf ("%s — %s", choice->id, choice->label);
      gtk_string_list_append (names, text);
    }
  gtk_drop_down_set_model (self->scheme_dropdown, G_LIST_MODEL (names));
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, 0);
  reload (self);
}

static void
ess_envelopes_dialog_dispose (GObject *object)
{
  EssEnvelopesDialog *self = (EssEnvelopesDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_ENVELOPES_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->schemes, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_envelopes_dialog_parent_class)->dispose (object);
}

static void
ess_envelopes_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EssEnvelopesDialog *self = ESS_ENVELOPES_DIALOG (object);

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
ess_envelopes_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EssEnvelopesDialog *self = ESS_ENVELOPES_DIALOG (object);

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
ess_envelopes_dialog_class_init (EssEnvelopesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_envelopes_dialog_constructed;
  object_class->dispose = ess_envelopes_dialog_dispose;
  object_class->set_property = ess_envelopes_dialog_set_property;
  object_class->get_property = ess_envelopes_dialog_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-envelopes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EssEnvelopesDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, EssEnvelopesDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, EssEnvelopesDialog, scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssEnvelopesDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, EssEnvelopesDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, EssEnvelopesDialog, add_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_envelopes_dialog_init (EssEnvelopesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect_swapped (self->amount_entry, "activate", G_CALLBACK (on_add_clicked), self);
}

EssEnvelopesDialog *
ess_envelopes_dialog_new (GtkWindow *parent,
                          EssStore  *store)
{
  return g_object_new (ESS_TYPE_ENVELOPES_DIALOG, "transient-for", parent, "store", store, NULL);
}

static Row *
find_row (EssEnvelopesDialog *self,
          const char         *scheme,
          int                 year)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      if (g_str_equal (row->scheme, scheme) && row->year == year)
        return row;
    }
  return NULL;
}

GtkWidget *
ess_envelopes_dialog_get_entry (EssEnvelopesDialog *self,
                                const char         *scheme,
                                int                 year)
{
  Row *row;

  g_return_val_if_fail (ESS_IS_ENVELOPES_DIALOG (self), NULL);
  row = find_row (self, scheme, year);
  return row ? row->entry : NULL;
}

GtkWidget *
ess_envelopes_dialog_get_label (EssEnvelopesDialog *self,
                                const char         *scheme,
                                int                 year,
                                const char         *what)
{
  Row *row;

  g_return_val_if_fail (ESS_IS_ENVELOPES_DIALOG (self), NULL);
  row = find_row (self, scheme, year);
  return row ? g_hash_table_lookup (row->labels, what) : NULL;
}
