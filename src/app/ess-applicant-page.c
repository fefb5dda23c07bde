/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Porteur" tab of a dossier: who applies, their details, and the public aid they received. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-aid.h"
#include "ess-applicant-page.h"
#include "ess-identifiers.h"
#include "ess-money.h"
#include "ess-store-dossiers.h"
#include "ess-store-privacy.h"

/* The text fields of an applicant, each an entry of the form. */
typedef enum
{
  FIELD_NAME,
  FIELD_SIRET,
  FIELD_RNA,
  FIELD_ADDRESS,
  FIELD_CONTACT,
  FIELD_EMAIL,
  FIELD_PHONE,
  N_FIELDS
} Field;

/* Checks what was typed; sets @normalized to what is stored (NULL: nothing). */
typedef gboolean (*CheckFunc) (const char  *typed,
                               char       **normalized,
                               GError     **error);

/* Above this share of the ceiling the sum is shown as a warning. */
#define AID_WARNING_BASIS_POINTS 8000

typedef enum
{
  AID_OK,
  AID_NEAR,
  AID_OVER,
} AidLevel;

/* What the aid summary shows for one date: the rolling sum against the ceiling then in force. */
typedef struct
{
  gint64    sum_cents;
  gint64    ceiling_cents;
  int       years;
  gint64    basis_points;   /* sum / ceiling, in hundredths of a percent */
  AidLevel  level;
} AidState;

struct _EssApplicantPage
{
  GtkWidget     parent_instance;

  EssStore     *store;
  gint64        dossier_id;
  EssDossier   *dossier;          /* as last read */
  EssApplicant *applicant;        /* NULL: the dossier has none */
  gboolean      updating;         /* the page itself sets a drop-down */
  gboolean      writing;          /* the writer reloads once the store is done */
  GSettings    *settings;
  GArray       *ceilings;         /* EssAidCeiling, from the settings */

  GArray       *applicant_ids;    /* gint64, parallel to the drop-down; [0] = 0, none */
  GPtrArray    *applicant_names;
  GPtrArray    *legal_form_ids;   /* char *, parallel; [0] = NULL */
  GPtrArray    *commune_ids;

  GtkWidget    *scroller;
  GtkWidget    *content;
  GtkDropDown  *applicant_dropdown;
  GtkLabel     *applicant_error;
  GtkWidget    *new_button;
  GtkWidget    *empty_label;
  GtkWidget    *details_box;
  GtkWidget    *columns_box;
  GtkEntry     *entries[N_FIELDS];
  GtkLabel     *errors[N_FIELDS];
  GtkDropDown  *legal_form_dropdown;
  GtkDropDown  *commune_dropdown;
  GtkLabel     *save_error;
  GtkWidget    *erase_contact_button;

  GtkGrid      *aid_grid;
  GtkLabel     *aid_empty_label;
  GtkLabel     *aid_period_label;
  GtkLevelBar  *aid_level;
  GtkImage     *aid_icon;
  GtkLabel     *aid_label;
  GtkLabel     *peak_label;

  /* Bound one by one from the template, then gathered in the arrays. */
  GtkEntry     *name_entry, *siret_entry, *rna_entry, *address_entry;
  GtkEntry     *contact_entry, *email_entry, *phone_entry;
  GtkLabel     *name_error, *siret_error, *rna_error, *address_error;
  GtkLabel     *contact_error, *email_error, *phone_error;
};

G_DEFINE_FINAL_TYPE (EssApplicantPage, ess_applicant_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (EssApplicantPage *self,
                    gboolean          reset);

/* Checks of the fields. */

static gboolean
check_name (const char  *typed,
            char       **normalized,
            GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (typed));

  if (name[0] == '\0')
    {
      g_set_error_literal (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED,
                           _("The applicant needs a name, such as Ville de Hem"));
      return FALSE;
    }
  *normalized = g_steal_pointer (&name);
  return TRUE;
}

static gboolean
check_text (const char  *typed,
            char       **normalized,
            GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));

  *normalized = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  return TRUE;
}

static gboolean
check_siret (const char  *typed,
             char       **normalized,
             GError     **error)
{
  g_autofree char *siret = ess_identifier_normalize (typed);

  if (siret[0] == '\0')
    {
      *normalized = NULL;
      return TRUE;
    }
  if (!ess_siret_validate (siret, error))
    return FALSE;
  *normalized = g_steal_pointer (&siret);
  return TRUE;
}

static gboolean
check_rna (const char  *typed,
           char       **normalized,
           GError     **error)
{
  g_autofree char *rna = ess_identifier_normalize (typed);

  if (rna[0] == '\0')
    {
      *normalized = NULL;
      return TRUE;
    }
  if (!ess_rna_validate (rna, error))
    return FALSE;
  *normalized = g_steal_pointer (&rna);
  return TRUE;
}

static gboolean
check_email (const char  *typed,
             char       **normalized,
             GError     **error)
{
  g_autofree char *email = g_strstrip (g_strdup (typed));

  if (email[0] == '\0')
    {
      *normalized = NULL;
      return TRUE;
    }
  if (!ess_email_validate (email, error))
    return FALSE;
  *normalized = g_steal_pointer (&email);
  return TRUE;
}

static const struct
{
  gsize      offset;
  CheckFunc  check;
} fields[N_FIELDS] = {
  [FIELD_NAME]    = { G_STRUCT_OFFSET (EssApplicant, name),          check_name },
  [FIELD_SIRET]   = { G_STRUCT_OFFSET (EssApplicant, siret),         check_siret },
  [FIELD_RNA]     = { G_STRUCT_OFFSET (EssApplicant, rna),           check_rna },
  [FIELD_ADDRESS] = { G_STRUCT_OFFSET (EssApplicant, address),       check_text },
  [FIELD_CONTACT] = { G_STRUCT_OFFSET (EssApplicant, contact_name),  check_text },
  [FIELD_EMAIL]   = { G_STRUCT_OFFSET (EssApplicant, contact_email), check_email },
  [FIELD_PHONE]   = { G_STRUCT_OFFSET (EssApplicant, contact_phone), check_text },
};

static const char *
applicant_value (const EssApplicant *applicant,
                 Field               field)
{
  const char *value = G_STRUCT_MEMBER (const char *, applicant, fields[field].offset);

  return value ? value : "";
}

/* @value as the entry shows it: a SIRET in its groups, "200 093 201 00016". */
static char *
display_value (Field       field,
               const char *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (field == FIELD_SIRET && strlen (value) == 14)
    return g_strdup_printf ("%.3s %.3s %.3s %.5s", value, value + 3, value + 6, value + 9);
  return g_strdup (value);
}

/* Marks. */

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Shows @message under @widget (NULL: the value is fine). */
static void
mark_widget (GtkWidget  *widget,
             GtkLabel   *label,
             const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_label_set_text (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_label_set_text (label, "");
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static gboolean
field_is_marked (EssApplicantPage *self,
                 Field             field)
{
  return gtk_widget_has_css_class (GTK_WIDGET (self->entries[field]), "error");
}

/* Writing. */

static gboolean
save_applicant (EssApplicantPage   *self,
                const EssApplicant *applicant,
                GtkWidget          *widget,
                GtkLabel           *error_label)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* @applicant borrows the strings of self->applicant: no reload before the store is done. */
  self->writing = TRUE;
  id = ess_store_save_applicant (self->store, applicant, &error);
  self->writing = FALSE;
  if (id <= 0)
    {
      mark_widget (widget, error_label, error ? error->message : _("The applicant could not be saved"));
      return FALSE;
    }
  mark_widget (widget, error_label, NULL);
  reload (self, FALSE);
  return TRUE;
}

static void
commit_field (EssApplicantPage *self,
              Field             field)
{
  GtkEditable *entry = GTK_EDITABLE (self->entries[field]);
  g_autofree char *normalized = NULL;
  g_autofree char *siren = NULL;
  g_autoptr(GError) error = NULL;
  EssApplicant copy;

  /* An entry losing its focus while the page is cleared or goes away. */
  if (self->updating || self->store == NULL || self->applicant == NULL)
    return;

  if (!fields[field].check (gtk_editable_get_text (entry), &normalized, &error))
    {
      mark_widget (GTK_WIDGET (entry), self->errors[field], error->message);
      return;
    }
  mark_widget (GTK_WIDGET (entry), self->errors[field], NULL);

  if (g_strcmp0 (applicant_value (self->applicant, field), normalized ? normalized : "") == 0)
    {
      /* Same value: show it as the page does ("20009320100016" -> "200 093 201 00016"). */
      g_autofree char *shown = display_value (field, normalized);

      if (g_strcmp0 (gtk_editable_get_text (entry), shown) != 0)
        gtk_editable_set_text (entry, shown);
      return;
    }

  copy = *self->applicant;
  G_STRUCT_MEMBER (char *, &copy, fields[field].offset) = normalized;
  /* A SIRET is the SIREN of the undertaking followed by the number of the establishment. */
  if (field == FIELD_SIRET && normalized != NULL)
    copy.siren = siren = g_strndup (normalized, 9);

  if (save_applicant (self, &copy, GTK_WIDGET (entry), self->errors[field]))
    {
      g_autofree char *shown = display_value (field, normalized);
      gtk_editable_set_text (entry, shown);
    }
}

static void
on_entry_activate (GtkEntry         *entry,
                   EssApplicantPage *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->entries[i] == entry)
      commit_field (self, (Field) i);
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                EssApplicantPage        *self)
{
  on_entry_activate (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))), self);
}

static const char *
selected_id (GtkDropDown *drop_down,
             GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected);
}

static void
on_choice_selected (GtkDropDown      *drop_down,
                    GParamSpec       *pspec,
                    EssApplicantPage *self)
{
  EssApplicant copy;
  const char *id;

  if (self->updating || self->store == NULL || self->applicant == NULL)
    return;

  copy = *self->applicant;
  if (drop_down == self->legal_form_dropdown)
    {
      id = selected_id (drop_down, self->legal_form_ids);
      if (g_strcmp0 (id, self->applicant->legal_form) == 0)
        return;
      copy.legal_form = (char *) id;
    }
  else
    {
      id = selected_id (drop_down, self->commune_ids);
      if (g_strcmp0 (id, self->applicant->commune) == 0)
        return;
      copy.commune = (char *) id;
    }
  save_applicant (self, &copy, GTK_WIDGET (drop_down), self->save_error);
}

/* Gives the dossier the applicant @id (0: none). */
static gboolean
assign_applicant (EssApplicantPage *self,
                  gint64            id)
{
  g_autofree char *typed = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *drop_down = GTK_WIDGET (self->applicant_dropdown);
  gboolean ok;

  self->writing = TRUE;
  ok = ess_dossier_validate_field (self->dossier, ESS_FIELD_APPLICANT, typed, &normalized, &error) &&
       ess_store_set_dossier_field (self->store, self->dossier_id, ESS_FIELD_APPLICANT, normalized, &error);
  self->writing = FALSE;
  if (!ok)
    {
      mark_widget (drop_down, self->applicant_error, error->message);
      reload (self, FALSE);
      return FALSE;
    }
  mark_widget (drop_down, self->applicant_error, NULL);
  reload (self, TRUE);
  return TRUE;
}

static void
on_applicant_selected (GtkDropDown      *drop_down,
                       GParamSpec       *pspec,
                       EssApplicantPage *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  gint64 id;

  if (self->updating || self->store == NULL || self->dossier == NULL ||
      selected >= self->applicant_ids->len)
    return;

  id = g_array_index (self->applicant_ids, gint64, selected);
  if (id == self->dossier->applicant_id)
    return;
  assign_applicant (self, id);
}

static void
on_new_clicked (EssApplicantPage *self)
{
  EssApplicant applicant = { .name = (char *) _("New applicant") };
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->dossier == NULL)
    return;

  self->writing = TRUE;
  id = ess_store_save_applicant (self->store, &applicant, &error);
  self->writing = FALSE;
  if (id <= 0)
    {
      mark_widget (GTK_WIDGET (self->applicant_dropdown), self->applicant_error,
                   error ? error->message : _("The applicant could not be saved"));
      return;
    }

  if (assign_applicant (self, id))
    {
      /* Its name is the first thing to type. */
      gtk_widget_grab_focus (GTK_WIDGET (self->entries[FIELD_NAME]));
      gtk_editable_select_region (GTK_EDITABLE (self->entries[FIELD_NAME]), 0, -1);
    }
}

/* Choices. */

static void
set_choices (EssApplicantPage *self,
             GtkDropDown      *drop_down,
             GPtrArray        *ids,
             const char       *none_label,
             GPtrArray        *choices)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  g_ptr_array_set_size (ids, 0);
  gtk_string_list_append (strings, none_label);
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      EssChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (strings, choice->label);
      g_ptr_array_add (ids, g_strdup (choice->id));
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (strings));
  self->updating = FALSE;
}

static void
load_reference_choices (EssApplicantPage *self)
{
  g_autoptr(GPtrArray) legal_forms = ess_store_list_legal_forms (self->store, NULL);
  g_autoptr(GPtrArray) communes = ess_store_list_communes (self->store, NULL);

  set_choices (self, self->legal_form_dropdown, self->legal_form_ids, _("Not given"), legal_forms);
  set_choices (self, self->commune_dropdown, self->commune_ids, _("Not given"), communes);
}

/* Fills the applicant drop-down again only when the applicants changed,
 * so that an open search is not lost on every write. */
static void
load_applicant_choices (EssApplicantPage *self)
{
  g_autoptr(GPtrArray) applicants = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) strings = NULL;
  gboolean same;

  applicants = ess_store_list_applicants (self->store, &error);
  if (applicants == NULL)
    {
      g_warning ("Cannot list the applicants: %s", error->message);
      return;
    }

  same = applicants->len + 1 == self->applicant_ids->len;
  for (guint i = 0; same && i < applicants->len; i++)
    {
      EssApplicant *applicant = g_ptr_array_index (applicants, i);

      same = applicant->id == g_array_index (self->applicant_ids, gint64, i + 1) &&
             g_strcmp0 (applicant->name, g_ptr_array_index (self->applicant_names, i + 1)) == 0;
    }
  if (same)
    return;

  strings = gtk_string_list_new (NULL);
  g_array_set_size (self->applicant_ids, 0);
  g_ptr_array_set_size (self->applicant_names, 0);
  {
    gint64 none = 0;

    g_array_append_val (self->applicant_ids, none);
    g_ptr_array_add (self->applicant_names, g_strdup (_("No applicant")));
    gtk_string_list_append (strings, _("No applicant"));
  }
  for (guint i = 0; i < applicants->len; i++)
    {
      EssApplicant *applicant = g_ptr_array_index (applicants, i);

      g_array_append_val (self->applicant_ids, applicant->id);
      g_ptr_array_add (self->applicant_names, g_strdup (applicant->name));
      gtk_string_list_append (strings, applicant->name);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->applicant_dropdown, G_LIST_MODEL (strings));
  self->updating = FALSE;
}

static void
select_id (EssApplicantPage *self,
           GtkDropDown      *drop_down,
           GPtrArray        *ids,
           const char       *id)
{
  guint position = 0;

  for (guint i = 1; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      position = i;

  self->updating = TRUE;
  gtk_drop_down_set_selected (drop_down, position);
  self->updating = FALSE;
}

/* The aid received. */

static void
compute_aid_state (const GArray      *ceilings,
                   const EssAidGrant *grants,
                   guint              n_grants,
                   const char        *date,
                   AidState          *state)
{
  const EssAidCeiling *ceiling = ess_aid_ceiling_at ((const EssAidCeiling *) (gpointer) ceilings->data,
                                                     ceilings->len, "general", date);

  *state = (AidState) { .years = ceiling ? ceiling->years : 3 };
  state->ceiling_cents = ceiling ? ceiling->amount_cents : 0;
  if (!ess_aid_rolling_sum (grants, n_grants, date, state->years, &state->sum_cents))
    state->sum_cents = G_MAXINT64;
  state->basis_points = ess_percent_basis_points (state->sum_cents, state->ceiling_cents);

  if (state->ceiling_cents > 0 && state->sum_cents > state->ceiling_cents)
    state->level = AID_OVER;
  else if (state->basis_points >= AID_WARNING_BASIS_POINTS)
    state->level = AID_NEAR;
  else
    state->level = AID_OK;
}

static char *
aid_state_text (const AidState *state)
{
  g_autofree char *sum = ess_money_format (state->sum_cents);
  g_autofree char *ceiling = ess_money_format (state->ceiling_cents);
  g_autofree char *share = ess_percent_format (state->sum_cents, state->ceiling_cents, 0);

  /* TRANSLATORS: "112 000,00 € over 3 years, ceiling 300 000,00 € (37 %)" */
  return g_strdup_printf (ngettext ("%s over %d year, ceiling %s (%s)",
                                    "%s over %d years, ceiling %s (%s)", state->years),
                          sum, state->years, ceiling, share);
}

static void
set_level_class (GtkWidget *widget,
                 AidLevel   level)
{
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "error");
  if (level == AID_NEAR)
    gtk_widget_add_css_class (widget, "warning");
  else if (level == AID_OVER)
    gtk_widget_add_css_class (widget, "error");
}

static void
clear_aid_table (EssApplicantPage *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->aid_grid));

  /* Rows 0 and 1 are the header and its rule, from the template. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      int row;

      gtk_grid_query_child (self->aid_grid, child, NULL, &row, NULL, NULL);
      if (row >= 2)
        gtk_grid_remove (self->aid_grid, child);
      child = next;
    }
}

static GtkWidget *
attach_cell (EssApplicantPage *self,
             const char       *text,
             int               column,
             int               row,
             gboolean          numeric,
             gboolean          current)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (current)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->aid_grid, label, column, row, 1, 1);
  return label;
}

static void
show_aid_table (EssApplicantPage *self)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 requested = 0, granted = 0;
  int row = 2;

  clear_aid_table (self);

  query->applicant_id = self->applicant->id;
  query->sort = ESS_SORT_YEAR;
  query->descending = TRUE;
  ids = ess_store_query_dossier_ids (self->store, query, &error);
  if (ids == NULL)
    {
      g_warning ("Cannot list the dossiers of applicant %" G_GINT64_FORMAT ": %s",
                 self->applicant->id, error->message);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(EssDossier) dossier = ess_store_load_dossier (self->store, g_array_index (ids, gint64, i), NULL);
      g_autofree char *year = NULL;
      g_autofree char *requested_text = NULL;
      g_autofree char *granted_text = NULL;
      gboolean current;
      GtkWidget *title;

      if (dossier == NULL)
        continue;

      current = dossier->id == self->dossier_id;
      year = g_strdup_printf ("%d", dossier->year);
      requested_text = ess_money_format (dossier->requested_cents);
      granted_text = ess_money_format (dossier->granted_cents);

      attach_cell (self, year, 0, row, TRUE, current);
      title = attach_cell (self, dossier->reference, 1, row, FALSE, current);
      gtk_widget_set_tooltip_text (title, dossier->title);
      attach_cell (self, dossier->scheme, 2, row, FALSE, current);
      attach_cell (self, ess_status_label (dossier->status), 3, row, FALSE, current);
      attach_cell (self, requested_text, 4, row, TRUE, current);
      attach_cell (self, granted_text, 5, row, TRUE, current);
      row++;

      ess_money_add (requested, dossier->requested_cents, &requested);
      ess_money_add (granted, dossier->granted_cents, &granted);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->aid_empty_label), ids->len == 0);
  if (ids->len > 1)
    {
      g_autofree char *requested_text = ess_money_format (requested);
      g_autofree char *granted_text = ess_money_format (granted);
      g_autofree char *count = g_strdup_printf (ngettext ("%u dossier", "%u dossiers", ids->len), ids->len);
      GtkWidget *label;

      gtk_grid_attach (self->aid_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++, 6, 1);
      label = attach_cell (self, _("Total"), 0, row, FALSE, FALSE);
      gtk_widget_add_css_class (label, "dim-label");
      attach_cell (self, count, 1, row, FALSE, FALSE);
      attach_cell (self, requested_text, 4, row, TRUE, FALSE);
      attach_cell (self, granted_text, 5, row, TRUE, FALSE);
    }
}

static void
show_aid_sums (EssApplicantPage *self)
{
  g_autoptr(GArray) grants = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today_text = ess_date_format (today);
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AidState state;
  const EssAidGrant *items;
  guint n;

  grants = ess_store_applicant_grants (self->store, self->applicant->id, &error);
  if (grants == NULL)
    {
      g_warning ("Cannot read the grants of applicant %" G_GINT64_FORMAT ": %s",
                 self->applicant->id, error->message);
      return;
    }
  items = (const EssAidGrant *) (gpointer) grants->data;
  n = grants->len;

  compute_aid_state (self->ceilings, items, n, today, &state);
  /* TRANSLATORS: "Rolling 3 years to 23/11/2026" */
  period = g_strdup_printf (ngettext ("Rolling %d year to %s", "Rolling %d years to %s", state.years),
                            state.years, today_text);
  gtk_label_set_text (self->aid_period_label, period);

  text = aid_state_text (&state);
  gtk_label_set_text (self->aid_label, text);
  set_level_class (GTK_WIDGET (self->aid_label), state.level);
  gtk_widget_set_visible (GTK_WIDGET (self->aid_icon), state.level != AID_OK);
  set_level_class (GTK_WIDGET (self->aid_icon), state.level);
  /* The bar is a picture of the share; the text carries the figures. */
  set_level_class (GTK_WIDGET (self->aid_level), state.level);
  gtk_level_bar_set_value (self->aid_level, MIN ((double) state.basis_points / 10000.0, 1.0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->aid_level),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);

  {
    gint64 peak = 0;
    const char *peak_on = NULL;
    g_autofree char *peak_text = NULL;

    if (n == 0 || !ess_aid_peak (items, n, state.years, &peak, &peak_on) || peak_on == NULL)
      {
        gtk_label_set_text (self->peak_label, _("No aid granted to this applicant yet."));
        set_level_class (GTK_WIDGET (self->peak_label), AID_OK);
        return;
      }

    {
      g_autofree char *peak_on_copy = g_strdup (peak_on);
      g_autofree char *date = ess_date_format (peak_on_copy);
      g_autofree char *then = NULL;
      AidState at_peak;

      compute_aid_state (self->ceilings, items, n, peak_on_copy, &at_peak);
      then = aid_state_text (&at_peak);
      /* TRANSLATORS: "Highest: 146 000,00 € over 3 years, ceiling 200 000,00 € (73 %), on 01/01/2012" */
      peak_text = g_strdup_printf (_("Highest: %s, on %s"), then, date);
      gtk_label_set_text (self->peak_label, peak_text);
      set_level_class (GTK_WIDGET (self->peak_label), at_peak.level == AID_OVER ? AID_OVER : AID_OK);
    }
  }
}

/* Showing. */

static void
show_applicant (EssApplicantPage *self,
                gboolean          reset)
{
  gboolean has = self->applicant != NULL;

  gtk_widget_set_visible (self->details_box, has);
  gtk_widget_set_visible (self->empty_label, self->dossier != NULL && !has);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkEditable *entry = GTK_EDITABLE (self->entries[i]);
      g_autofree char *value = display_value ((Field) i, has ? applicant_value (self->applicant, (Field) i) : NULL);

      if (reset)
        mark_widget (GTK_WIDGET (entry), self->errors[i], NULL);
      /* What the user is typing, or typed and was refused, stays. */
      else if (field_is_marked (self, (Field) i) || contains_focus (GTK_WIDGET (entry)))
        continue;
      if (g_strcmp0 (gtk_editable_get_text (entry), value) != 0)
        {
          self->updating = TRUE;
          gtk_editable_set_text (entry, value);
          self->updating = FALSE;
        }
    }

  if (reset)
    {
      mark_widget (GTK_WIDGET (self->legal_form_dropdown), self->save_error, NULL);
      mark_widget (GTK_WIDGET (self->commune_dropdown), self->save_error, NULL);
    }
  select_id (self, self->legal_form_dropdown, self->legal_form_ids, has ? self->applicant->legal_form : NULL);
  select_id (self, self->commune_dropdown, self->commune_ids, has ? self->applicant->commune : NULL);
  gtk_widget_set_sensitive (self->erase_contact_button,
                            has && (self->applicant->contact_name[0] != '\0' ||
                                    self->applicant->contact_email[0] != '\0' ||
                                    self->applicant->contact_phone[0] != '\0'));

  if (has)
    {
      show_aid_table (self);
      show_aid_sums (self);
    }
}

/* Erasing the contact's personal data at their request (RGPD). */

static void
on_erase_contact_response (GtkDialog        *dialog,
                           int               response,
                           EssApplicantPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "applicant-id"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL)
    return;

  /* The store's "changed" reloads the page with the fields empty. */
  if (ess_store_erase_contacts (self->store, id, &error) < 0)
    mark_widget (self->erase_contact_button, self->save_error, error->message);
}

static void
on_erase_contact_clicked (EssApplicantPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *button;

  if (self->applicant == NULL)
    return;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("Erase the personal data of the contact of “%s”?"),
                                   self->applicant->name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("For a request of the person: the name, e-mail and phone "
                                              "of the applicant’s contacts are erased for good, also from "
                                              "the free space of the file. The history records that they "
                                              "were erased, not what they were. Backups made before keep "
                                              "them until they are rotated out, within 5 weeks."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Erase"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "applicant-id", GSIZE_TO_POINTER ((gsize) self->applicant->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_contact_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear (EssApplicantPage *self)
{
  g_clear_pointer (&self->dossier, ess_dossier_free);
  g_clear_pointer (&self->applicant, ess_applicant_free);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->applicant_dropdown, 0);
  self->updating = FALSE;
  mark_widget (GTK_WIDGET (self->applicant_dropdown), self->applicant_error, NULL);
  show_applicant (self, TRUE);
  gtk_widget_set_sensitive (self->content, FALSE);
}

static void
reload (EssApplicantPage *self,
        gboolean          reset)
{
  g_autoptr(GError) error = NULL;
  gint64 previous = self->applicant ? self->applicant->id : 0;
  guint position = 0;

  if (self->dossier_id == 0 || self->store == NULL)
    {
      clear (self);
      return;
    }

  g_clear_pointer (&self->dossier, ess_dossier_free);
  self->dossier = ess_store_load_dossier (self->store, self->dossier_id, &error);
  if (self->dossier == NULL)
    {
      /* Gone for good: the trash was emptied. */
      self->dossier_id = 0;
      clear (self);
      return;
    }
  gtk_widget_set_sensitive (self->content, TRUE);

  load_applicant_choices (self);
  for (guint i = 1; i < self->applicant_ids->len; i++)
    if (g_array_index (self->applicant_ids, gint64, i) == self->dossier->applicant_id)
      position = i;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->applicant_dropdown, position);
  self->updating = FALSE;

  g_clear_pointer (&self->applicant, ess_applicant_free);
  if (self->dossier->applicant_id > 0)
    {
      self->applicant = ess_store_load_applicant (self->store, self->dossier->applicant_id, &error);
      if (self->applicant == NULL)
        g_warning ("Cannot read applicant %" G_GINT64_FORMAT ": %s",
                   self->dossier->applicant_id, error ? error->message : "?");
    }

  show_applicant (self, reset || previous != (self->applicant ? self->applicant->id : 0));
}

static void
on_store_changed (EssStore         *store,
                  const char       *what,
                  EssApplicantPage *self)
{
  if (g_strcmp0 (what, "reference") == 0)
    load_reference_choices (self);
  if (self->dossier_id != 0 && !self->writing)
    reload (self, FALSE);
}

/* The ceilings set in the Preferences apply at once. */
static void
load_ceilings (EssApplicantPage *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "aid-ceilings");

  g_clear_pointer (&self->ceilings, g_array_unref);
  self->ceilings = ess_aid_ceilings_from_variant (value);
}

static void
on_ceilings_changed (GSettings        *settings,
                     const char       *key,
                     EssApplicantPage *self)
{
  load_ceilings (self);
  if (self->applicant != NULL)
    show_aid_sums (self);
}

/* GObject. */

static void
ess_applicant_page_constructed (GObject *object)
{
  EssApplicantPage *self = (EssApplicantPage *) object;

  G_OBJECT_CLASS (ess_applicant_page_parent_class)->constructed (object);

  g_return_if_fail (ESS_IS_STORE (self->store));
  load_reference_choices (self);
  g_signal_connect_object (self->store, "changed::dossiers", G_CALLBACK (on_store_changed), self, 0);
  g_signal_connect_object (self->store, "changed::reference", G_CALLBACK (on_store_changed), self, 0);
  g_signal_connect_object (self->settings, "changed::aid-ceilings", G_CALLBACK (on_ceilings_changed), self, 0);
  reload (self, TRUE);
}

static void
ess_applicant_page_dispose (GObject *object)
{
  EssApplicantPage *self = (EssApplicantPage *) object;

  /* An entry that loses its focus now must not write. */
  g_clear_pointer (&self->applicant, ess_applicant_free);
  self->dossier_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_APPLICANT_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ess_applicant_page_parent_class)->dispose (object);
}

static void
ess_applicant_page_finalize (GObject *object)
{
  EssApplicantPage *self = (EssApplicantPage *) object;

  g_clear_pointer (&self->dossier, ess_dossier_free);
  g_array_unref (self->applicant_ids);
  g_ptr_array_unref (self->applicant_names);
  g_ptr_array_unref (self->legal_form_ids);
  g_ptr_array_unref (self->commune_ids);
  g_clear_pointer (&self->ceilings, g_array_unref);

  G_OBJECT_CLASS (ess_applicant_page_parent_class)->finalize (object);
}

static void
ess_applicant_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EssApplicantPage *self = ESS_APPLICANT_PAGE (object);

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
ess_applicant_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EssApplicantPage *self = ESS_APPLICANT_PAGE (object);

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
ess_applicant_page_class_init (EssApplicantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ess_applicant_page_constructed;
  object_class->dispose = ess_applicant_page_dispose;
  object_class->finalize = ess_applicant_page_finalize;
  object_class->set_property = ess_applicant_page_set_property;
  object_class->get_property = ess_applicant_page_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-applicant-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, content);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, applicant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, applicant_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, columns_box);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, legal_form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, commune_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, save_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, aid_grid);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, aid_empty_label);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, aid_period_label);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, aid_level);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, aid_icon);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, aid_label);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, peak_label);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, siret_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, rna_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, contact_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, name_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, siret_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, rna_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, address_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, contact_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, email_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, EssApplicantPage, erase_contact_button);
}

static void
ess_applicant_page_init (EssApplicantPage *self)
{
  self->applicant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->applicant_names = g_ptr_array_new_with_free_func (g_free);
  self->legal_form_ids = g_ptr_array_new_with_free_func (g_free);
  self->commune_ids = g_ptr_array_new_with_free_func (g_free);
  self->settings = g_settings_new (APP_ID);
  load_ceilings (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The two columns are a layout, not items to pick: Tab goes straight
   * into their fields. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->columns_box); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  self->entries[FIELD_NAME] = self->name_entry;
  self->entries[FIELD_SIRET] = self->siret_entry;
  self->entries[FIELD_RNA] = self->rna_entry;
  self->entries[FIELD_ADDRESS] = self->address_entry;
  self->entries[FIELD_CONTACT] = self->contact_entry;
  self->entries[FIELD_EMAIL] = self->email_entry;
  self->entries[FIELD_PHONE] = self->phone_entry;
  self->errors[FIELD_NAME] = self->name_error;
  self->errors[FIELD_SIRET] = self->siret_error;
  self->errors[FIELD_RNA] = self->rna_error;
  self->errors[FIELD_ADDRESS] = self->address_error;
  self->errors[FIELD_CONTACT] = self->contact_error;
  self->errors[FIELD_EMAIL] = self->email_error;
  self->errors[FIELD_PHONE] = self->phone_error;

  /* Signals are connected here rather than in the template: the
   * gtk4-builder-tool of GTK 4.8 refuses a template's handlers. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (self->entries[i], "activate", G_CALLBACK (on_entry_activate), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), self);
      gtk_widget_add_controller (GTK_WIDGET (self->entries[i]), focus);
    }
  g_signal_connect (self->applicant_dropdown, "notify::selected", G_CALLBACK (on_applicant_selected), self);
  g_signal_connect (self->legal_form_dropdown, "notify::selected", G_CALLBACK (on_choice_selected), self);
  g_signal_connect (self->commune_dropdown, "notify::selected", G_CALLBACK (on_choice_selected), self);
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (on_new_clicked), self);
  g_signal_connect_swapped (self->erase_contact_button, "clicked", G_CALLBACK (on_erase_contact_clicked), self);

  /* The ceiling is a limit, not a target: no colour change on the way. */
  gtk_level_bar_remove_offset_value (self->aid_level, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->aid_level, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->aid_level, GTK_LEVEL_BAR_OFFSET_FULL);
}

GtkWidget *
ess_applicant_page_new (EssStore *store)
{
  return g_object_new (ESS_TYPE_APPLICANT_PAGE, "store", store, NULL);
}

void
ess_applicant_page_set_dossier (EssApplicantPage *self,
                                const EssDossier *dossier)
{
  gint64 id;

  g_return_if_fail (ESS_IS_APPLICANT_PAGE (self));

  id = dossier ? dossier->id : 0;
  if (id != self->dossier_id)
    {
      self->dossier_id = id;
      g_clear_pointer (&self->applicant, ess_applicant_free);
      reload (self, TRUE);
    }
  else
    reload (self, FALSE);
}
