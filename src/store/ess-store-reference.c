/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Applicants, their grants, the lists of the choosers and the saved views. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier.h"
#include "ess-identifiers.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"

static void
free_choice_list (gpointer choice)
{
  ess_choice_free (choice);
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/* Applicants. */

void
ess_applicant_free (EssApplicant *applicant)
{
  if (applicant == NULL)
    return;

  g_free (applicant->name);
  g_free (applicant->legal_form);
  g_free (applicant->siren);
  g_free (applicant->siret);
  g_free (applicant->rna);
  g_free (applicant->address);
  g_free (applicant->commune);
  g_free (applicant->contact_name);
  g_free (applicant->contact_email);
  g_free (applicant->contact_phone);
  g_free (applicant);
}

/* The columns read_applicant() expects; the contact is the first one. */
#define APPLICANT_SELECT \
  "SELECT a.id, a.name, a.legal_form, a.siren, a.siret, a.rna, a.address, a.commune_insee, " \
  "  coalesce (c.name, ''), coalesce (c.email, ''), coalesce (c.phone, '') " \
  "FROM applicants a LEFT JOIN contacts c " \
  "  ON c.id = (SELECT min (id) FROM contacts WHERE applicant_id = a.id) "

static EssApplicant *
read_applicant (sqlite3_stmt *stmt)
{
  EssApplicant *applicant = g_new0 (EssApplicant, 1);

  applicant->id = sqlite3_column_int64 (stmt, 0);
  applicant->name = g_strdup (ess_store_column_text (stmt, 1));
  applicant->legal_form = ess_store_column_dup (stmt, 2);
  applicant->siren = ess_store_column_dup (stmt, 3);
  applicant->siret = ess_store_column_dup (stmt, 4);
  applicant->rna = ess_store_column_dup (stmt, 5);
  applicant->address = g_strdup (ess_store_column_text (stmt, 6));
  applicant->commune = ess_store_column_dup (stmt, 7);
  applicant->contact_name = g_strdup (ess_store_column_text (stmt, 8));
  applicant->contact_email = g_strdup (ess_store_column_text (stmt, 9));
  applicant->contact_phone = g_strdup (ess_store_column_text (stmt, 10));

  return applicant;
}

GPtrArray *
ess_store_list_applicants (EssStore  *self,
                           GError   **error)
{
  g_autoptr(GPtrArray) applicants = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_applicant_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self, APPLICANT_SELECT "ORDER BY a.name COLLATE NOCASE, a.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (applicants, read_applicant (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the applicants"));
      return NULL;
    }

  return g_steal_pointer (&applicants);
}

EssApplicant *
ess_store_load_applicant (EssStore  *self,
                          gint64     id,
                          GError   **error)
{
  EssApplicant *applicant = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self, APPLICANT_SELECT "WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    applicant = read_applicant (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND, _("This applicant no longer exists."));
  else
    ess_store_set_error (self, error, rc, _("reading the applicants"));
  sqlite3_reset (stmt);

  return applicant;
}

/* The applicant as it will be stored: trimmed, identifiers normalized and
 * checked, empty optional values as NULL. */
static EssApplicant *
clean_applicant (const EssApplicant  *applicant,
                 GError             **error)
{
  g_autoptr(EssApplicant) clean = g_new0 (EssApplicant, 1);
  struct {
    const char *text;
    char **slot;
    gboolean (*validate) (const char *, GError **);
  } identifiers[] = {
    { applicant->siren, &clean->siren, ess_siren_validate },
    { applicant->siret, &clean->siret, ess_siret_validate },
    { applicant->rna, &clean->rna, ess_rna_validate },
  };

  clean->id = applicant->id;
  clean->name = g_strstrip (g_strdup (applicant->name ? applicant->name : ""));
  if (clean->name[0] == '\0')
    {
      g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED,
                   _("An applicant needs a name."));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    {
      g_autofree char *normalized = ess_identifier_normalize (identifiers[i].text);

      if (normalized == NULL || normalized[0] == '\0')
        continue;
      if (!identifiers[i].validate (normalized, error))
        return NULL;
      *identifiers[i].slot = g_steal_pointer (&normalized);
    }

  clean->legal_form = dup_or_null (applicant->legal_form);
  clean->commune = dup_or_null (applicant->commune);
  clean->address = g_strstrip (g_strdup (applicant->address ? applicant->address : ""));
  clean->contact_name = g_strstrip (g_strdup (applicant->contact_name ? applicant->contact_name : ""));
  clean->contact_email = g_strstrip (g_strdup (applicant->contact_email ? applicant->contact_email : ""));
  clean->contact_phone = g_strstrip (g_strdup (applicant->contact_phone ? applicant->contact_phone : ""));

  if (clean->contact_email[0] != '\0' && !ess_email_validate (clean->contact_email, error))
    return NULL;

  return g_steal_pointer (&clean);
}

static gboolean
same_applicant (const EssApplicant *a,
                const EssApplicant *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->legal_form, b->legal_form) == 0 &&
         g_strcmp0 (a->siren, b->siren) == 0 &&
         g_strcmp0 (a->siret, b->siret) == 0 &&
         g_strcmp0 (a->rna, b->rna) == 0 &&
         g_strcmp0 (a->address, b->address) == 0 &&
         g_strcmp0 (a->commune, b->commune) == 0 &&
         g_strcmp0 (a->contact_name, b->contact_name) == 0 &&
         g_strcmp0 (a->contact_email, b->contact_email) == 0 &&
         g_strcmp0 (a->contact_phone, b->contact_phone) == 0;
}

static gboolean
exists_in (EssStore    *self,
           const char  *sql,
           const char  *value,
           GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  ess_store_bind_text (stmt, 1, value);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the reference data"));
      return FALSE;
    }

  return rc == SQLITE_ROW;
}

static gboolean
check_applicant_references (EssStore            *self,
                            const EssApplicant  *applicant,
                            GError             **error)
{
  GError *local_error = NULL;

  if (applicant->legal_form != NULL &&
      !exists_in (self, "SELECT 1 FROM legal_forms WHERE code = ?1", applicant->legal_form, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                     _("Unknown legal form “%s”."), applicant->legal_form);
      return FALSE;
    }

  if (applicant->commune != NULL &&
      !exists_in (self, "SELECT 1 FROM communes WHERE insee = ?1", applicant->commune, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                     _("Unknown commune “%s”."), applicant->commune);
      return FALSE;
    }

  return TRUE;
}

static void
bind_applicant (sqlite3_stmt       *stmt,
                const EssApplicant *applicant)
{
  ess_store_bind_text (stmt, 2, applicant->name);
  ess_store_bind_text (stmt, 3, applicant->legal_form);
  ess_store_bind_text (stmt, 4, applicant->siren);
  ess_store_bind_text (stmt, 5, applicant->siret);
  ess_store_bind_text (stmt, 6, applicant->rna);
  ess_store_bind_text (stmt, 7, applicant->address);
  ess_store_bind_text (stmt, 8, applicant->commune);
}

static gboolean
write_contact (EssStore            *self,
               const EssApplicant  *applicant,
               GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean empty = applicant->contact_name[0] == '\0' && applicant->contact_email[0] == '\0' &&
                   applicant->contact_phone[0] == '\0';

  stmt = ess_store_prepare (self,
                            "UPDATE contacts SET name = ?2, email = ?3, phone = ?4 "
                            "WHERE id = (SELECT min (id) FROM contacts WHERE applicant_id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, applicant->id);
  ess_store_bind_text (stmt, 2, applicant->contact_name);
  ess_store_bind_text (stmt, 3, applicant->contact_email);
  ess_store_bind_text (stmt, 4, applicant->contact_phone);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (ess_store_get_db (self)) > 0 || empty)
    return TRUE;

  stmt = ess_store_prepare (self,
                            "INSERT INTO contacts (applicant_id, name, email, phone) VALUES (?1, ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, applicant->id);
  ess_store_bind_text (stmt, 2, applicant->contact_name);
  ess_store_bind_text (stmt, 3, applicant->contact_email);
  ess_store_bind_text (stmt, 4, applicant->contact_phone);

  return ess_store_step_done (self, stmt, error);
}

static gint64
write_applicant (EssStore      *self,
                 EssApplicant  *applicant,
                 gboolean      *changed,
                 GError       **error)
{
  g_autoptr(EssApplicant) old = NULL;
  sqlite3_stmt *stmt;

  if (!check_applicant_references (self, applicant, error))
    return 0;

  if (applicant->id > 0)
    {
      old = ess_store_load_applicant (self, applicant->id, error);
      if (old == NULL)
        return 0;
      if (same_applicant (old, applicant))
        {
          *changed = FALSE;
          return applicant->id;
        }

      stmt = ess_store_prepare (self,
                                "UPDATE applicants SET name = ?2, legal_form = ?3, siren = ?4, siret = ?5, "
                                "rna = ?6, address = ?7, commune_insee = ?8 WHERE id = ?1",
                                error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, applicant->id);
    }
  else
    {
      stmt = ess_store_prepare (self,
                                "INSERT INTO applicants (name, legal_form, siren, siret, rna, address, commune_insee) "
                                "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
      if (stmt == NULL)
        return 0;
    }

  bind_applicant (stmt, applicant);
  if (!ess_store_step_done (self, stmt, error))
    return 0;

  if (applicant->id <= 0)
    applicant->id = sqlite3_last_insert_rowid (ess_store_get_db (self));

  if (!write_contact (self, applicant, error))
    return 0;

  *changed = TRUE;
  if (!ess_store_add_history (self, 0, old ? "applicant-edited" : "applicant-created", NULL,
                              old ? old->name : NULL, applicant->name, NULL, error))
    return 0;

  return applicant->id;
}

gint64
ess_store_write_applicant (EssStore            *self,
                           const EssApplicant  *applicant,
                           GError             **error)
{
  g_autoptr(EssApplicant) clean = clean_applicant (applicant, error);
  gboolean changed = FALSE;

  if (clean == NULL)
    return 0;

  return write_applicant (self, clean, &changed, error);
}

gint64
ess_store_save_applicant (EssStore            *self,
                          const EssApplicant  *applicant,
                          GError             **error)
{
  g_autoptr(EssApplicant) clean = NULL;
  gboolean changed = FALSE;
  gint64 id;

  g_return_val_if_fail (ESS_IS_STORE (self), 0);
  g_return_val_if_fail (applicant != NULL, 0);

  clean = clean_applicant (applicant, error);
  if (clean == NULL || !ess_store_begin (self, error))
    return 0;

  id = write_applicant (self, clean, &changed, error);
  if (id > 0 && !changed)
    {
      ess_store_rollback (self);
      return id;
    }

  if (!ess_store_end_write (self, id > 0, "dossiers", error))
    return 0;

  return id;
}

static void
clear_grant (gpointer data)
{
  EssAidGrant *grant = data;

  g_free ((char *) grant->granted_on);
}

/* The array owns the date strings (its clear function frees them). A
 * dossier counts once the aid is granted and not withdrawn; trashed
 * dossiers do not count. */
GArray *
ess_store_applicant_grants (EssStore  *self,
                            gint64     applicant_id,
                            GError   **error)
{
  g_autoptr(GArray) grants = g_array_new (FALSE, FALSE, sizeof (EssAidGrant));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  g_array_set_clear_func (grants, clear_grant);

  stmt = ess_store_prepare (self,
                            "SELECT coalesce (decided_on, year || '-01-01') AS granted_on, granted_cents "
                            "FROM dossiers WHERE applicant_id = ?1 AND deleted_at IS NULL "
                            "AND granted_cents > 0 AND status IN (?2, ?3, ?4) "
                            "ORDER BY granted_on, id",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, applicant_id);
  ess_store_bind_text (stmt, 2, ess_status_to_id (ESS_STATUS_GRANTED));
  ess_store_bind_text (stmt, 3, ess_status_to_id (ESS_STATUS_AGREEMENT_SIGNED));
  ess_store_bind_text (stmt, 4, ess_status_to_id (ESS_STATUS_CLOSED));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssAidGrant grant = {
        .granted_on = g_strdup (ess_store_column_text (stmt, 0)),
        .amount_cents = sqlite3_column_int64 (stmt, 1),
      };
      g_array_append_val (grants, grant);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the grants"));
      return NULL;
    }

  return g_steal_pointer (&grants);
}

/* Choosers' lists. */

void
ess_choice_free (EssChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->id);
  g_free (choice->label);
  g_free (choice);
}

static GPtrArray *
list_choices (EssStore    *self,
              const char  *sql,
              GError     **error)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (free_choice_list);
  sqlite3_stmt *stmt = ess_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssChoice *choice = g_new0 (EssChoice, 1);

      choice->id = g_strdup (ess_store_column_text (stmt, 0));
      choice->label = g_strdup (ess_store_column_text (stmt, 1));
      g_ptr_array_add (choices, choice);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the reference data"));
      return NULL;
    }

  return g_steal_pointer (&choices);
}

/* SQLite compares bytes: "Écully" would come after "Wattrelos". */
static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const EssChoice *ca = *(EssChoice * const *) a;
  const EssChoice *cb = *(EssChoice * const *) b;
  int order = g_utf8_collate (ca->label, cb->label);

  return order != 0 ? order : strcmp (ca->id, cb->id);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const EssChoice *ca = *(EssChoice * const *) a;
  const EssChoice *cb = *(EssChoice * const *) b;

  return g_utf8_collate (ca->id, cb->id);
}

GPtrArray *
ess_store_list_schemes (EssStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  return list_choices (self, "SELECT code, name FROM schemes ORDER BY position, code", error);
}

GPtrArray *
ess_store_list_legal_forms (EssStore  *self,
                            GError   **error)
{
  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  return list_choices (self, "SELECT code, label FROM legal_forms ORDER BY position, code", error);
}

GPtrArray *
ess_store_list_territories (EssStore  *self,
                            GError   **error)
{
  GPtrArray *choices;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  choices = list_choices (self, "SELECT CAST (id AS TEXT), name FROM territories", error);
  if (choices != NULL)
    g_ptr_array_sort (choices, compare_labels);

  return choices;
}

GPtrArray *
ess_store_list_communes (EssStore  *self,
                         GError   **error)
{
  GPtrArray *choices;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  choices = list_choices (self, "SELECT insee, name FROM communes", error);
  if (choices != NULL)
    g_ptr_array_sort (choices, compare_labels);

  return choices;
}

GArray *
ess_store_list_years (EssStore  *self,
                      GError   **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self, "SELECT DISTINCT year FROM dossiers ORDER BY year DESC", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the dossiers"));
      return NULL;
    }

  return g_steal_pointer (&years);
}

/* Saved views: settings of the list rather than dossier data, so they
 * have no history; their change is announced as "views". */

gboolean
ess_store_save_view (EssStore               *self,
                     const char             *name,
                     const EssDossierQuery  *query,
                     GError                **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  if (clean[0] == '\0')
    {
      g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED, _("A saved view needs a name."));
      return FALSE;
    }

  text = ess_dossier_query_serialize (query);

  if (!ess_store_begin (self, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "INSERT INTO saved_views (name, query) VALUES (?1, ?2) "
                            "ON CONFLICT (name) DO UPDATE SET query = excluded.query",
                            error);
  ok = stmt != NULL;
  if (ok)
    {
      ess_store_bind_text (stmt, 1, clean);
      ess_store_bind_text (stmt, 2, text);
      ok = ess_store_step_done (self, stmt, error);
    }

  return ess_store_end_write (self, ok, "views", error);
}

GPtrArray *
ess_store_list_views (EssStore  *self,
                      GError   **error)
{
  GPtrArray *choices;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  choices = list_choices (self, "SELECT name, query FROM saved_views", error);
  if (choices != NULL)
    g_ptr_array_sort (choices, compare_ids);

  return choices;
}

gboolean
ess_store_delete_view (EssStore    *self,
                       const char  *name,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  stmt = ess_store_prepare (self, "DELETE FROM saved_views WHERE name = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      ess_store_bind_text (stmt, 1, name);
      ok = ess_store_step_done (self, stmt, error);
    }

  if (ok && sqlite3_changes (ess_store_get_db (self)) == 0)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                   _("There is no saved view named “%s”."), name ? name : "");
      ok = FALSE;
    }

  return ess_store_end_write (self, ok, "views", error);
}
