/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fills a new database with the reference data and, on request, the demo dossiers. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-csv.h"
#include "ess-dossier-status.h"
#include "ess-identifiers.h"
#include "ess-money.h"
#include "ess-resources.h"
#include "ess-store-funding-private.h"
#include "ess-store-private.h"

static GPtrArray *
load_csv (const char  *name,
          guint        n_columns,
          GError     **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/data/%s", name);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ess_get_resource (), path, 0, error);
  g_autoptr(GPtrArray) rows = NULL;
  gsize size;
  const char *text;

  if (bytes == NULL)
    return NULL;

  text = g_bytes_get_data (bytes, &size);
  rows = ess_csv_parse (text, size, ',', error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    if (g_strv_length (g_ptr_array_index (rows, i)) != n_columns)
      {
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                     _("Reference data %s, line %u: %u columns expected."), name, i + 1, n_columns);
        return NULL;
      }

  /* The first row is the header. */
  if (rows->len > 0)
    g_ptr_array_remove_index (rows, 0);

  return g_steal_pointer (&rows);
}

static gboolean
seed_communes (EssStore  *self,
               GError   **error)
{
  g_autoptr(GPtrArray) territories = load_csv ("territories.csv", 4, error);
  g_autoptr(GPtrArray) communes = NULL;
  g_autoptr(GHashTable) territory_of = NULL;
  sqlite3_stmt *stmt;

  if (territories == NULL)
    return FALSE;
  communes = load_csv ("communes.csv", 4, error);
  if (communes == NULL)
    return FALSE;

  territory_of = g_hash_table_new (g_str_hash, g_str_equal);

  /* territories.csv: insee,commune,territory_code,territory */
  for (guint i = 0; i < territories->len; i++)
    {
      char **row = g_ptr_array_index (territories, i);

      stmt = ess_store_prepare (self, "INSERT OR IGNORE INTO territories (id, name) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (row[2], NULL, 10));
      ess_store_bind_text (stmt, 2, row[3]);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
      g_hash_table_insert (territory_of, row[0], row[2]);
    }

  /* communes.csv: insee,name,siren,population */
  for (guint i = 0; i < communes->len; i++)
    {
      char **row = g_ptr_array_index (communes, i);
      const char *territory = g_hash_table_lookup (territory_of, row[0]);

      if (!ess_insee_commune_validate (row[0], error))
        return FALSE;

      stmt = ess_store_prepare (self,
                                "INSERT INTO communes (insee, name, siren, population, territory_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      ess_store_bind_text (stmt, 1, row[0]);
      ess_store_bind_text (stmt, 2, row[1]);
      ess_store_bind_text (stmt, 3, row[2]);
      sqlite3_bind_int64 (stmt, 4, g_ascii_strtoll (row[3], NULL, 10));
      if (territory != NULL)
        sqlite3_bind_int64 (stmt, 5, g_ascii_strtoll (territory, NULL, 10));
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed_keyfile_reference (EssStore  *self,
                        GKeyFile  *keyfile,
                        GError   **error)
{
  g_auto(GStrv) codes = g_key_file_get_string_list (keyfile, "legal-forms", "codes", NULL, error);
  g_auto(GStrv) funders = NULL;
  g_auto(GStrv) kinds = NULL;
  g_auto(GStrv) groups = NULL;
  sqlite3_stmt *stmt;
  int position = 0;

  if (codes == NULL)
    return FALSE;

  for (guint i = 0; codes[i]; i++)
    {
      g_autofree char *label = g_key_file_get_string (keyfile, "legal-forms", codes[i], error);
      if (label == NULL)
        return FALSE;
      stmt = ess_store_prepare (self, "INSERT INTO legal_forms (code, label, position) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      ess_store_bind_text (stmt, 1, codes[i]);
      ess_store_bind_text (stmt, 2, label);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  funders = g_key_file_get_string_list (keyfile, "funders", "names", NULL, error);
  kinds = funders ? g_key_file_get_string_list (keyfile, "funders", "kinds", NULL, error) : NULL;
  if (kinds == NULL)
    return FALSE;
  for (guint i = 0; funders[i] && kinds[i]; i++)
    {
      stmt = ess_store_prepare (self, "INSERT INTO funders (name, kind, position) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      ess_store_bind_text (stmt, 1, funders[i]);
      ess_store_bind_text (stmt, 2, kinds[i]);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      const char *code;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autofree int *volets = NULL;
      g_auto(GStrv) years = NULL;
      gsize n_volets = 0;

      if (!g_str_has_prefix (groups[i], "scheme:"))
        continue;
      code = groups[i] + strlen ("scheme:");

      name = g_key_file_get_string (keyfile, groups[i], "name", error);
      if (name == NULL)
        return FALSE;
      description = g_key_file_get_string (keyfile, groups[i], "description", NULL);

      stmt = ess_store_prepare (self,
                                "INSERT INTO schemes (code, name, description, position) VALUES (?1, ?2, ?3, ?4)",
                                error);
      if (stmt == NULL)
        return FALSE;
      ess_store_bind_text (stmt, 1, code);
      ess_store_bind_text (stmt, 2, name);
      ess_store_bind_text (stmt, 3, description ? description : "");
      sqlite3_bind_int (stmt, 4, position++);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;

      volets = g_key_file_get_integer_list (keyfile, groups[i], "volets", &n_volets, NULL);
      for (gsize v = 0; v < n_volets; v++)
        {
          g_autofree char *key = g_strdup_printf ("volet-%d", volets[v]);
          g_autofree char *label = g_key_file_get_string (keyfile, groups[i], key, error);
          if (label == NULL)
            return FALSE;
          stmt = ess_store_prepare (self,
                                    "INSERT INTO scheme_volets (scheme_code, number, label) VALUES (?1, ?2, ?3)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          ess_store_bind_text (stmt, 1, code);
          sqlite3_bind_int (stmt, 2, volets[v]);
          ess_store_bind_text (stmt, 3, label);
          if (!ess_store_step_done (self, stmt, error))
            return FALSE;
        }

      years = g_key_file_get_string_list (keyfile, groups[i], "envelope-years", NULL, NULL);
      if (years != NULL)
        {
          g_autofree char *amount_text = g_key_file_get_string (keyfile, groups[i], "envelope", error);
          gint64 amount;

          if (amount_text == NULL || !ess_money_parse_decimal (amount_text, &amount, error))
            return FALSE;

          for (guint y = 0; years[y]; y++)
            {
              stmt = ess_store_prepare (self,
                                        "INSERT INTO envelopes (scheme_code, year, amount_cents) VALUES (?1, ?2, ?3)",
                                        error);
              if (stmt == NULL)
                return FALSE;
              ess_store_bind_text (stmt, 1, code);
              sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (years[y], NULL, 10));
              sqlite3_bind_int64 (stmt, 3, amount);
              if (!ess_store_step_done (self, stmt, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

gboolean
ess_store_seed_reference (EssStore  *self,
                          GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  bytes = g_resource_lookup_data (ess_get_resource (), RESOURCE_PREFIX "/data/reference.ini", 0, error);
  if (bytes == NULL)
    return FALSE;

  if (!ess_store_begin (self, error))
    return FALSE;

  if (!g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &local_error) ||
      !seed_communes (self, &local_error) ||
      !seed_keyfile_reference (self, keyfile, &local_error))
    {
      ess_store_rollback (self);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                   _("Could not load the reference data: %s"), local_error->message);
      return FALSE;
    }

  return ess_store_commit (self, error);
}

static gboolean
get_money (GKeyFile    *keyfile,
           const char  *group,
           const char  *key,
           gint64      *out,
           GError     **error)
{
  g_autofree char *text = g_key_file_get_string (keyfile, group, key, NULL);

  *out = 0;
  return text == NULL || ess_money_parse_decimal (text, out, error);
}

static gint64
insert_applicant (EssStore    *self,
                  GKeyFile    *keyfile,
                  const char  *group,
                  GError     **error)
{
  g_autofree char *name = g_key_file_get_string (keyfile, group, "name", error);
  g_autofree char *legal_form = g_key_file_get_string (keyfile, group, "legal-form", NULL);
  g_autofree char *commune = g_key_file_get_string (keyfile, group, "commune", NULL);
  g_autofree char *address = g_key_file_get_string (keyfile, group, "address", NULL);
  g_autofree char *rna = g_key_file_get_string (keyfile, group, "rna", NULL);
  g_autofree char *siret = g_key_file_get_string (keyfile, group, "siret", NULL);
  sqlite3_stmt *stmt;

  if (name == NULL)
    return -1;

  /* A commune applies in its own name: its SIREN is the commune's. */
  stmt = ess_store_prepare (self,
                            "INSERT INTO applicants (name, legal_form, siren, siret, rna, address, commune_insee) "
                            "VALUES (?1, ?2, CASE WHEN ?2 = 'collectivite' "
                            "  THEN (SELECT siren FROM communes WHERE insee = ?6) END, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return -1;
  ess_store_bind_text (stmt, 1, name);
  ess_store_bind_text (stmt, 2, legal_form);
  ess_store_bind_text (stmt, 3, siret);
  ess_store_bind_text (stmt, 4, rna);
  ess_store_bind_text (stmt, 5, address ? address : "");
  ess_store_bind_text (stmt, 6, commune);
  if (!ess_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_last_insert_rowid (ess_store_get_db (self));
}

static gboolean
insert_dossier (EssStore    *self,
                GKeyFile    *keyfile,
                const char  *group,
                GHashTable  *applicants,
                GError     **error)
{
  const char *reference = group + strlen ("dossier:");
  g_autofree char *title = g_key_file_get_string (keyfile, group, "title", error);
  g_autofree char *description = g_key_file_get_string (keyfile, group, "description", NULL);
  g_autofree char *scheme = g_key_file_get_string (keyfile, group, "scheme", NULL);
  g_autofree char *applicant = g_key_file_get_string (keyfile, group, "applicant", NULL);
  g_autofree char *status_id = g_key_file_get_string (keyfile, group, "status", NULL);
  g_autofree char *partners = g_key_file_get_string (keyfile, group, "partners", NULL);
  g_autofree char *start = g_key_file_get_string (keyfile, group, "start", NULL);
  g_autofree char *end = g_key_file_get_string (keyfile, group, "end", NULL);
  g_autofree char *submitted = g_key_file_get_string (keyfile, group, "submitted", NULL);
  g_autofree char *committee = g_key_file_get_string (keyfile, group, "committee", NULL);
  g_autofree char *decided = g_key_file_get_string (keyfile, group, "decided", NULL);
  g_autofree char *agreement = g_key_file_get_string (keyfile, group, "agreement", NULL);
  g_auto(GStrv) communes = g_key_file_get_string_list (keyfile, group, "communes", NULL, NULL);
  int volet = g_key_file_get_integer (keyfile, group, "volet", NULL);
  int year = g_key_file_get_integer (keyfile, group, "year", NULL);
  gint64 requested, proposed, granted, dossier_id;
  EssStatus status;
  gpointer applicant_id;
  sqlite3_stmt *stmt;

  if (title == NULL)
    return FALSE;

  if (status_id == NULL || !ess_status_from_id (status_id, &status) ||
      applicant == NULL || !g_hash_table_lookup_extended (applicants, applicant, NULL, &applicant_id))
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                   _("Demo dossier %s: unknown status or applicant."), reference);
      return FALSE;
    }

  if (!get_money (keyfile, group, "requested", &requested, error) ||
      !get_money (keyfile, group, "proposed", &proposed, error) ||
      !get_money (keyfile, group, "granted", &granted, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "INSERT INTO dossiers (reference, title, description, scheme_code, volet, year, "
                            "status, applicant_id, requested_cents, proposed_cents, granted_cents, "
                            "start_on, end_on, partners, submitted_on, committee_on, decided_on, agreement_on) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ess_store_bind_text (stmt, 1, reference);
  ess_store_bind_text (stmt, 2, title);
  ess_store_bind_text (stmt, 3, description ? description : "");
  ess_store_bind_text (stmt, 4, scheme);
  if (volet > 0)
    sqlite3_bind_int (stmt, 5, volet);
  sqlite3_bind_int (stmt, 6, year);
  ess_store_bind_text (stmt, 7, ess_status_to_id (status));
  sqlite3_bind_int64 (stmt, 8, GPOINTER_TO_SIZE (applicant_id));
  sqlite3_bind_int64 (stmt, 9, requested);
  sqlite3_bind_int64 (stmt, 10, proposed);
  sqlite3_bind_int64 (stmt, 11, granted);
  ess_store_bind_text (stmt, 12, start);
  ess_store_bind_text (stmt, 13, end);
  ess_store_bind_text (stmt, 14, partners ? partners : "");
  ess_store_bind_text (stmt, 15, submitted);
  ess_store_bind_text (stmt, 16, committee);
  ess_store_bind_text (stmt, 17, decided);
  ess_store_bind_text (stmt, 18, agreement);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  dossier_id = sqlite3_last_insert_rowid (ess_store_get_db (self));

  for (guint i = 0; communes && communes[i]; i++)
    {
      stmt = ess_store_prepare (self, "INSERT INTO dossier_communes (dossier_id, insee) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      ess_store_bind_text (stmt, 2, communes[i]);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = ess_store_prepare (self,
                            "INSERT INTO history (dossier_id, author, action, comment) VALUES (?1, ?2, 'created', ?3)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  ess_store_bind_text (stmt, 2, ess_store_get_author (self));
  ess_store_bind_text (stmt, 3, _("Demo data"));

  return ess_store_step_done (self, stmt, error);
}

gboolean
ess_store_seed_demo (EssStore  *self,
                     GBytes    *keyfile_data,
                     GError   **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GHashTable) applicants = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_bytes (keyfile, keyfile_data, G_KEY_FILE_NONE, error))
    return FALSE;

  groups = g_key_file_get_groups (keyfile, NULL);

  if (!ess_store_begin (self, error))
    return FALSE;

  for (guint i = 0; groups[i]; i++)
    {
      gint64 id;

      if (!g_str_has_prefix (groups[i], "applicant:"))
        continue;
      id = insert_applicant (self, keyfile, groups[i], &local_error);
      if (id < 0)
        goto failed;
      g_hash_table_insert (applicants, groups[i] + strlen ("applicant:"), GSIZE_TO_POINTER (id));
    }

  for (guint i = 0; groups[i]; i++)
    if (g_str_has_prefix (groups[i], "dossier:") &&
        !insert_dossier (self, keyfile, groups[i], applicants, &local_error))
      goto failed;

  if (!ess_store_seed_demo_funding (self, &local_error))
    goto failed;

  if (!ess_store_commit (self, error))
    return FALSE;

  ess_store_emit_changed (self, "dossiers");
  return TRUE;

failed:
  ess_store_rollback (self);
  g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
               _("Could not load the demo data: %s"), local_error->message);
  return FALSE;
}
