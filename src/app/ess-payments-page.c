/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Versements" tab of a dossier: its payments, their totals against the grant. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-money.h"
#include "ess-payments-page.h"
#include "ess-store-dossiers.h"

typedef enum
{
  ENTRY_AMOUNT,
  ENTRY_PLANNED,
  ENTRY_PAID,
  ENTRY_COMMENT,
  N_ENTRIES
} EntryColumn;

typedef struct _PaymentRow PaymentRow;

struct _EssPaymentsPage
{
  GtkWidget     parent_instance;

  EssStore     *store;
  gint64        dossier_id;
  gint64        granted_cents;
  GHashTable   *rows;             /* payment id -> PaymentRow, owned by its row widget */

  /* A write is under way: its writer reloads once the store is done, so
   * the store's "changed" does not pull the row from under it. */
  gboolean      writing;
  gboolean      reloading;

  GtkWidget    *scroller;
  GtkWidget    *content;
  GtkLabel     *granted_label;
  GtkLabel     *paid_label;
  GtkLabel     *paid_share_label;
  GtkLabel     *planned_label;
  GtkLabel     *remaining_label;
  GtkWidget    *alert_box;
  GtkImage     *alert_icon;
  GtkLabel     *alert_label;
  GtkListBox   *payment_list;
  GtkWidget    *add_button;
  GtkSizeGroup *kind_group;
  GtkSizeGroup *amount_group;
  GtkSizeGroup *planned_group;
  GtkSizeGroup *paid_group;
  GtkSizeGroup *remove_group;
};

struct _PaymentRow
{
  EssPaymentsPage *page;
  gint64           id;                /* the key of the page's table */
  EssPayment      *payment;           /* as stored */
  guint            position;          /* in the store's order */
  GtkWidget       *row;
  GtkDropDown     *kind;
  GtkEntry        *entries[N_ENTRIES];
  char            *errors[N_ENTRIES]; /* the reason a typed value was refused */
  GtkWidget       *remove;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (EssPaymentsPage, ess_payments_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const EssPaymentKind kinds[] = {
  ESS_PAYMENT_ADVANCE,
  ESS_PAYMENT_INSTALMENT,
  ESS_PAYMENT_BALANCE,
};

static void reload (EssPaymentsPage *self);

/* Totals. */

static gint64
saturating_add (gint64 a,
                gint64 b)
{
  gint64 sum;

  if (ess_money_add (a, b, &sum))
    return sum;
  return b > 0 ? G_MAXINT64 : G_MININT64;
}

void
ess_payments_totals_compute (gint64             granted_cents,
                             GPtrArray         *payments,
                             EssPaymentsTotals *totals)
{
  gint64 committed;

  g_return_if_fail (totals != NULL);

  *totals = (EssPaymentsTotals) { .granted_cents = granted_cents };

  for (guint i = 0; payments != NULL && i < payments->len; i++)
    {
      const EssPayment *payment = g_ptr_array_index (payments, i);

      if (payment->paid_on != NULL && payment->paid_on[0] != '\0')
        totals->paid_cents = saturating_add (totals->paid_cents, payment->amount_cents);
      else
        totals->planned_cents = saturating_add (totals->planned_cents, payment->amount_cents);
    }

  if (!ess_money_sub (granted_cents, totals->paid_cents, &totals->remaining_cents))
    totals->remaining_cents = G_MININT64;

  committed = saturating_add (totals->paid_cents, totals->planned_cents);
  if (totals->paid_cents > granted_cents)
    {
      totals->alert = ESS_PAYMENTS_ALERT_PAID_OVER;
      totals->excess_cents = -totals->remaining_cents;
    }
  else if (committed > granted_cents)
    {
      totals->alert = ESS_PAYMENTS_ALERT_PLANNED_OVER;
      totals->excess_cents = committed - granted_cents;
    }
}

static void
update_totals (EssPaymentsPage *self,
               GPtrArray       *payments)
{
  EssPaymentsTotals totals;
  g_autofree char *granted = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *share = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *remaining = NULL;

  ess_payments_totals_compute (self->granted_cents, payments, &totals);

  granted = ess_money_format (totals.granted_cents);
  paid = ess_money_format (totals.paid_cents);
  planned = ess_money_format (totals.planned_cents);
  remaining = ess_money_format (totals.remaining_cents);
  share = ess_percent_format (totals.paid_cents, totals.granted_cents, 0);
  /* TRANSLATORS: under the amount paid: "53 % of the grant" */
  share_text = g_strdup_printf (_("%s of the grant"), share);

  gtk_label_set_text (self->granted_label, granted);
  gtk_label_set_text (self->paid_label, paid);
  gtk_label_set_text (self->paid_share_label, share_text);
  gtk_widget_set_visible (GTK_WIDGET (self->paid_share_label), totals.granted_cents > 0);
  gtk_label_set_text (self->planned_label, planned);
  gtk_label_set_text (self->remaining_label, remaining);
  if (totals.remaining_cents < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->remaining_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->remaining_label), "error");

  /* The theme colours labels and images, not the box that holds them. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->alert_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_remove_css_class (child, "error");
      gtk_widget_remove_css_class (child, "warning");
    }
  gtk_widget_remove_css_class (self->alert_box, "error");
  gtk_widget_remove_css_class (self->alert_box, "warning");
  if (totals.alert == ESS_PAYMENTS_ALERT_NONE || self->dossier_id == 0)
    {
      gtk_widget_set_visible (self->alert_box, FALSE);
      gtk_label_set_text (self->alert_label, "");
      return;
    }

  {
    g_autofree char *excess = ess_money_format (totals.excess_cents);
    g_autofree char *committed = ess_money_format (saturating_add (totals.paid_cents, totals.planned_cents));
    g_autofree char *text = NULL;

    if (totals.alert == ESS_PAYMENTS_ALERT_PAID_OVER)
      {
        text = g_strdup_printf (_("The payments made (%s) exceed the granted amount (%s) by %s."),
                                paid, granted, excess);
        gtk_widget_add_css_class (self->alert_box, "error");
        gtk_widget_add_css_class (GTK_WIDGET (self->alert_icon), "error");
        gtk_widget_add_css_class (GTK_WIDGET (self->alert_label), "error");
      }
    else
      {
        text = g_strdup_printf (_("The payments made and planned (%s) exceed the granted amount (%s) by %s."),
                                committed, granted, excess);
        gtk_widget_add_css_class (self->alert_box, "warning");
        gtk_widget_add_css_class (GTK_WIDGET (self->alert_icon), "warning");
        gtk_widget_add_css_class (GTK_WIDGET (self->alert_label), "warning");
      }
    gtk_label_set_text (self->alert_label, text);
    gtk_widget_set_visible (self->alert_box, TRUE);
  }
}

/* Rows. */

static EssPayment *
payment_copy (const EssPayment *payment)
{
  EssPayment *copy = g_new0 (EssPayment, 1);

  copy->id = payment->id;
  copy->kind = payment->kind;
  copy->amount_cents = payment->amount_cents;
  copy->planned_on = g_strdup (payment->planned_on);
  copy->paid_on = g_strdup (payment->paid_on);
  copy->comment = g_strdup (payment->comment);
  return copy;
}

static gboolean
payment_equal (const EssPayment *a,
               const EssPayment *b)
{
  return a->id == b->id &&
         a->kind == b->kind &&
         a->amount_cents == b->amount_cents &&
         g_strcmp0 (a->planned_on, b->planned_on) == 0 &&
         g_strcmp0 (a->paid_on, b->paid_on) == 0 &&
         g_strcmp0 (a->comment ? a->comment : "", b->comment ? b->comment : "") == 0;
}

static void
payment_row_free (PaymentRow *prow)
{
  g_clear_pointer (&prow->payment, ess_payment_free);
  for (guint i = 0; i < N_ENTRIES; i++)
    g_free (prow->errors[i]);
  g_free (prow);
}

static char *
entry_text_of (const EssPayment *payment,
               EntryColumn       column)
{
  switch (column)
    {
    case ENTRY_AMOUNT:
      return ess_money_format_plain (payment->amount_cents);
    case ENTRY_PLANNED:
      return ess_date_format (payment->planned_on);
    case ENTRY_PAID:
      return ess_date_format (payment->paid_on);
    case ENTRY_COMMENT:
      return g_strdup (payment->comment ? payment->comment : "");
    case N_ENTRIES:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
show_row_errors (PaymentRow *prow)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < N_ENTRIES; i++)
    if (prow->errors[i] != NULL)
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, prow->errors[i]);
      }
  gtk_label_set_text (prow->error_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (prow->error_label), text->len > 0);
}

static void
mark_entry (PaymentRow  *prow,
            EntryColumn  column,
            const char  *message)
{
  GtkWidget *entry = GTK_WIDGET (prow->entries[column]);

  g_free (prow->errors[column]);
  prow->errors[column] = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  show_row_errors (prow);
}

/* Shows the stored values, but leaves alone what the user is typing or
 * what was refused: that text stays until it is corrected. */
static void
show_payment (PaymentRow *prow,
              gboolean    force)
{
  EssPaymentsPage *self = prow->page;

  if (gtk_drop_down_get_selected (prow->kind) != (guint) prow->payment->kind)
    {
      gboolean reloading = self->reloading;

      self->reloading = TRUE;
      gtk_drop_down_set_selected (prow->kind, (guint) prow->payment->kind);
      self->reloading = reloading;
    }

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      GtkEditable *entry = GTK_EDITABLE (prow->entries[i]);
      g_autofree char *text = NULL;

      if (!force && (prow->errors[i] != NULL || contains_focus (GTK_WIDGET (entry))))
        continue;
      if (force && prow->errors[i] != NULL)
        mark_entry (prow, (EntryColumn) i, NULL);
      text = entry_text_of (prow->payment, (EntryColumn) i);
      if (g_strcmp0 (gtk_editable_get_text (entry), text) != 0)
        gtk_editable_set_text (entry, text);
    }
}

static void
label_row (PaymentRow *prow)
{
  guint number = prow->position + 1;
  g_autofree char *kind = g_strdup_printf (_("Kind of payment %u"), number);
  g_autofree char *amount = g_strdup_printf (_("Amount of payment %u, in euros"), number);
  g_autofree char *planned = g_strdup_printf (_("Planned date of payment %u"), number);
  g_autofree char *paid = g_strdup_printf (_("Date payment %u was made"), number);
  g_autofree char *comment = g_strdup_printf (_("Comment on payment %u"), number);
  g_autofree char *remove = g_strdup_printf (_("Delete payment %u"), number);

  gtk_accessible_update_property (GTK_ACCESSIBLE (prow->kind), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (prow->entries[ENTRY_AMOUNT]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, amount, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (prow->entries[ENTRY_PLANNED]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, planned, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (prow->entries[ENTRY_PAID]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, paid, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (prow->entries[ENTRY_COMMENT]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (prow->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

/* Writes @updated, then shows the store's state. Returns whether it was written. */
static gboolean
write_payment (EssPaymentsPage  *self,
               PaymentRow       *prow,
               const EssPayment *updated,
               EntryColumn       column)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->writing = TRUE;
  ok = ess_store_update_payment (self->store, updated, &error);
  self->writing = FALSE;

  if (!ok)
    {
      mark_entry (prow, column, error->message);
      return FALSE;
    }

  {
    /* @updated borrows the strings of the old payment: copy before freeing. */
    EssPayment *stored = payment_copy (updated);

    ess_payment_free (prow->payment);
    prow->payment = stored;
  }
  /* The value just written is shown as the store formats it. */
  {
    g_autofree char *text = entry_text_of (prow->payment, column);
    gtk_editable_set_text (GTK_EDITABLE (prow->entries[column]), text);
  }
  reload (self);
  return TRUE;
}

/* Checks what was typed in one entry; writes it when the core accepts it. */
static void
commit_entry (PaymentRow  *prow,
              EntryColumn  column)
{
  EssPaymentsPage *self = prow->page;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (prow->entries[column]));
  g_autofree char *trimmed = g_strstrip (g_strdup (typed));
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  EssPayment updated;

  /* A row on its way out (reload, page disposed) loses its focus too. */
  if (self->reloading || self->store == NULL || self->dossier_id == 0 ||
      gtk_widget_get_parent (prow->row) == NULL)
    return;

  updated = *prow->payment;

  switch (column)
    {
    case ENTRY_AMOUNT:
      if (!ess_money_parse (trimmed, &updated.amount_cents, &error))
        {
          mark_entry (prow, column, error->message);
          return;
        }
      if (updated.amount_cents < 0)
        {
          mark_entry (prow, column, _("A payment cannot be negative: expected for example 5 000,00"));
          return;
        }
      break;

    case ENTRY_PLANNED:
    case ENTRY_PAID:
      if (trimmed[0] != '\0')
        {
          iso = ess_date_parse (trimmed, &error);
          if (iso == NULL)
            {
              mark_entry (prow, column, error->message);
              return;
            }
        }
      if (column == ENTRY_PLANNED)
        updated.planned_on = iso;
      else
        updated.paid_on = iso;
      break;

    case ENTRY_COMMENT:
      updated.comment = trimmed;
      break;

    case N_ENTRIES:
    default:
      g_return_if_reached ();
    }

  mark_entry (prow, column, NULL);

  if (payment_equal (&updated, prow->payment))
    {
      g_autofree char *text = entry_text_of (prow->payment, column);
      if (g_strcmp0 (typed, text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (prow->entries[column]), text);
      return;
    }

  write_payment (self, prow, &updated, column);
}

static void
on_entry_activate (GtkEntry   *entry,
                   PaymentRow *prow)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    if (prow->entries[i] == entry)
      commit_entry (prow, (EntryColumn) i);
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                PaymentRow              *prow)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  on_entry_activate (GTK_ENTRY (entry), prow);
}

static void
on_kind_selected (GtkDropDown *drop_down,
                  GParamSpec  *pspec,
                  PaymentRow  *prow)
{
  EssPaymentsPage *self = prow->page;
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;
  EssPayment updated;

  if (self->reloading || self->store == NULL || selected >= G_N_ELEMENTS (kinds) ||
      kinds[selected] == prow->payment->kind)
    return;

  updated = *prow->payment;
  updated.kind = kinds[selected];

  self->writing = TRUE;
  if (!ess_store_update_payment (self->store, &updated, &error))
    g_warning ("Cannot change the kind of payment %" G_GINT64_FORMAT ": %s",
               updated.id, error->message);
  self->writing = FALSE;
  reload (self);
}

static void
on_remove_clicked (GtkButton  *button,
                   PaymentRow *prow)
{
  EssPaymentsPage *self = prow->page;
  g_autoptr(GError) error = NULL;
  gint64 id = prow->payment->id;

  self->writing = TRUE;
  if (!ess_store_delete_payment (self->store, id, &error))
    g_warning ("Cannot delete payment %" G_GINT64_FORMAT ": %s", id, error->message);
  self->writing = FALSE;
  reload (self);
  gtk_widget_grab_focus (self->add_button);
}

static GtkEntry *
create_entry (PaymentRow   *prow,
              GtkSizeGroup *group,
              int           width_chars,
              const char   *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  /* Without a maximum, an entry asks for 150 pixels whatever it holds. */
  if (group != NULL)
    gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width_chars);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (group != NULL)
    gtk_size_group_add_widget (group, entry);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), prow);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), prow);
  gtk_widget_add_controller (entry, focus);
  return GTK_ENTRY (entry);
}

static PaymentRow *
create_row (EssPaymentsPage  *self,
            const EssPayment *payment)
{
  PaymentRow *prow = g_new0 (PaymentRow, 1);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *error_label;

  prow->page = self;
  prow->id = payment->id;
  prow->payment = payment_copy (payment);
  prow->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (prow->row), FALSE);
  g_object_set_data_full (G_OBJECT (prow->row), "payment-row", prow, (GDestroyNotify) payment_row_free);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, ess_payment_kind_label (kinds[i]));
  prow->kind = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (kind_names)), NULL));
  gtk_drop_down_set_selected (prow->kind, (guint) payment->kind);
  gtk_size_group_add_widget (self->kind_group, GTK_WIDGET (prow->kind));
  g_signal_connect (prow->kind, "notify::selected", G_CALLBACK (on_kind_selected), prow);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (prow->kind));

  prow->entries[ENTRY_AMOUNT] = create_entry (prow, self->amount_group, 11, NULL);
  gtk_editable_set_alignment (GTK_EDITABLE (prow->entries[ENTRY_AMOUNT]), 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (prow->entries[ENTRY_AMOUNT]), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (prow->entries[ENTRY_AMOUNT]), "payment-amount");
  prow->entries[ENTRY_PLANNED] = create_entry (prow, self->planned_group, 11, _("dd/mm/yyyy"));
  prow->entries[ENTRY_PAID] = create_entry (prow, self->paid_group, 11, _("Not paid yet"));
  prow->entries[ENTRY_COMMENT] = create_entry (prow, NULL, 12, _("Comment"));
  gtk_widget_set_hexpand (GTK_WIDGET (prow->entries[ENTRY_COMMENT]), TRUE);
  for (guint i = 0; i < N_ENTRIES; i++)
    gtk_box_append (GTK_BOX (line), GTK_WIDGET (prow->entries[i]));
  gtk_widget_add_css_class (GTK_WIDGET (prow->entries[ENTRY_PLANNED]), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (prow->entries[ENTRY_PAID]), "numeric");

  prow->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_button_set_has_frame (GTK_BUTTON (prow->remove), FALSE);
  gtk_widget_set_tooltip_text (prow->remove, _("Delete this payment"));
  gtk_size_group_add_widget (self->remove_group, prow->remove);
  g_signal_connect (prow->remove, "clicked", G_CALLBACK (on_remove_clicked), prow);
  gtk_box_append (GTK_BOX (line), prow->remove);

  gtk_box_append (GTK_BOX (box), line);

  error_label = g_object_new (GTK_TYPE_LABEL,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                              "xalign", 0.0f,
                              "wrap", TRUE,
                              "visible", FALSE,
                              NULL);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_add_css_class (error_label, "caption");
  prow->error_label = GTK_LABEL (error_label);
  gtk_box_append (GTK_BOX (box), error_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (prow->row), box);
  show_payment (prow, TRUE);
  return prow;
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  PaymentRow *pa = g_object_get_data (G_OBJECT (a), "payment-row");
  PaymentRow *pb = g_object_get_data (G_OBJECT (b), "payment-row");

  return (pa->position > pb->position) - (pa->position < pb->position);
}

static void
remove_all_rows (EssPaymentsPage *self)
{
  GtkListBoxRow *row;

  self->reloading = TRUE;
  while ((row = gtk_list_box_get_row_at_index (self->payment_list, 0)) != NULL)
    gtk_list_box_remove (self->payment_list, GTK_WIDGET (row));
  g_hash_table_remove_all (self->rows);
  self->reloading = FALSE;
}

/* Brings the rows in step with the store: rows are kept per payment (so
 * focus and refused text survive a reload), added, removed and ordered. */
static void
reload (EssPaymentsPage *self)
{
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  gtk_widget_set_sensitive (self->content, self->dossier_id != 0);

  if (self->dossier_id == 0 || self->store == NULL)
    {
      remove_all_rows (self);
      self->granted_cents = 0;
      update_totals (self, NULL);
      return;
    }

  {
    g_autoptr(EssDossier) dossier = ess_store_load_dossier (self->store, self->dossier_id, NULL);

    /* Gone for good (the trash was emptied): nothing left to show. */
    if (dossier == NULL)
      {
        self->dossier_id = 0;
        reload (self);
        return;
      }
    self->granted_cents = dossier->granted_cents;
  }

  payments = ess_store_list_payments (self->store, self->dossier_id, &error);
  if (payments == NULL)
    {
      g_warning ("Cannot read the payments of dossier %" G_GINT64_FORMAT ": %s",
                 self->dossier_id, error->message);
      return;
    }

  self->reloading = TRUE;
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < payments->len; i++)
    {
      EssPayment *payment = g_ptr_array_index (payments, i);
      PaymentRow *prow = g_hash_table_lookup (self->rows, &payment->id);

      if (prow == NULL)
        {
          prow = create_row (self, payment);
          g_hash_table_insert (self->rows, &prow->id, prow);
          gtk_list_box_append (self->payment_list, prow->row);
        }
      else if (!payment_equal (payment, prow->payment))
        {
          ess_payment_free (prow->payment);
          prow->payment = payment_copy (payment);
          show_payment (prow, FALSE);
        }
      prow->position = i;
      label_row (prow);
      g_hash_table_add (seen, &prow->id);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PaymentRow *prow = value;

      if (!g_hash_table_contains (seen, key))
        {
          g_hash_table_iter_steal (&iter);
          gtk_list_box_remove (self->payment_list, prow->row);
        }
    }
  gtk_list_box_invalidate_sort (self->payment_list);
  self->reloading = FALSE;

  update_totals (self, payments);
}

static void
on_add_clicked (EssPaymentsPage *self)
{
  EssPayment payment = { .kind = ESS_PAYMENT_ADVANCE, .amount_cents = 0 };
  g_autoptr(GError) error = NULL;
  PaymentRow *prow;
  gint64 id;

  if (self->dossier_id == 0)
    return;

  self->writing = TRUE;
  id = ess_store_add_payment (self->store, self->dossier_id, &payment, &error);
  self->writing = FALSE;
  if (id <= 0)
    {
      g_warning ("Cannot add a payment: %s", error ? error->message : "?");
      return;
    }
  reload (self);

  /* The amount is what comes next: type it at once. */
  prow = g_hash_table_lookup (self->rows, &id);
  if (prow != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (prow->entries[ENTRY_AMOUNT]));
      gtk_editable_select_region (GTK_EDITABLE (prow->entries[ENTRY_AMOUNT]), 0, -1);
    }
}

static void
on_store_changed (EssStore        *store,
                  const char      *what,
                  EssPaymentsPage *self)
{
  /* Another tab may have changed the grant, or another window the payments. */
  if (self->dossier_id == 0 || self->writing)
    return;
  reload (self);
}

static void
ess_payments_page_constructed (GObject *object)
{
  EssPaymentsPage *self = (EssPaymentsPage *) object;

  G_OBJECT_CLASS (ess_payments_page_parent_class)->constructed (object);

  g_return_if_fail (ESS_IS_STORE (self->store));
  g_signal_connect_object (self->store, "changed::dossiers", G_CALLBACK (on_store_changed), self, 0);
  reload (self);
}

static void
ess_payments_page_dispose (GObject *object)
{
  EssPaymentsPage *self = (EssPaymentsPage *) object;

  /* No write from an entry losing its focus while the page goes away. */
  self->dossier_id = 0;
  if (self->payment_list != NULL)
    remove_all_rows (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_PAYMENTS_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_payments_page_parent_class)->dispose (object);
}

static void
ess_payments_page_finalize (GObject *object)
{
  EssPaymentsPage *self = (EssPaymentsPage *) object;

  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (ess_payments_page_parent_class)->finalize (object);
}

static void
ess_payments_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EssPaymentsPage *self = ESS_PAYMENTS_PAGE (object);

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
ess_payments_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EssPaymentsPage *self = ESS_PAYMENTS_PAGE (object);

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
ess_payments_page_class_init (EssPaymentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_payments_page_constructed;
  object_class->dispose = ess_payments_page_dispose;
  object_class->finalize = ess_payments_page_finalize;
  object_class->set_property = ess_payments_page_set_property;
  object_class->get_property = ess_payments_page_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-payments-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, granted_label);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, paid_label);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, paid_share_label);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, planned_label);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, alert_box);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, alert_icon);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, alert_label);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, payment_list);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, kind_group);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, amount_group);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, planned_group);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, paid_group);
  gtk_widget_class_bind_template_child (widget_class, EssPaymentsPage, remove_group);
}

static void
ess_payments_page_init (EssPaymentsPage *self)
{
  self->rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->payment_list, compare_rows, NULL, NULL);
  /* Here rather than in the template: the gtk4-builder-tool of GTK 4.8
   * refuses a template's handlers. */
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
}

GtkWidget *
ess_payments_page_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_PAYMENTS_PAGE, "store", store, NULL);
}

void
ess_payments_page_set_dossier (EssPaymentsPage  *self,
                               const EssDossier *dossier)
{
  gint64 id;

  g_return_if_fail (ESS_IS_PAYMENTS_PAGE (self));

  id = dossier ? dossier->id : 0;
  if (id != self->dossier_id)
    remove_all_rows (self);
  self->dossier_id = id;
  reload (self);
}
