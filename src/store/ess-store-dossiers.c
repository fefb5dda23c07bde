/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and writing dossiers: creating, copying, fields and communes. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier.h"
#include "ess-store-dossiers.h"
#include "ess-store-dossiers-private.h"

/* Display texts. Kept apart from the SQL of this file: only values are
 * formatted here, never a statement. */

static char *
int_text (gint64 value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  return g_strdup (buffer);
}

static char *
copy_comment (const char *source_reference)
{
  /* TRANSLATORS: the history comment of a dossier made by duplicating another; %s is its reference */
  return g_strdup_printf (_("Copy of %s"), source_reference);
}

static const char *
field_label (EssDossierField field)
{
  const EssFieldInfo *info = ess_dossier_field_info (field);

  return info ? _(info->label) : "";
}

/* Shared helpers of the dossier files. */

char *
ess_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text);
}

gboolean
ess_store_is_iso_date (const char *text)
{
  guint64 year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);

  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

char *
ess_store_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
ess_store_add_history (EssStore    *self,
                       gint64       dossier_id,
                       const char  *action,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       const char  *comment,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = ess_store_prepare (self,
                            "INSERT INTO history (dossier_id, at, author, action, field, old_value, new_value, comment) "
                            "VALUES (?1, " ESS_STORE_NOW_SQL ", ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;

  if (dossier_id > 0)
    sqlite3_bind_int64 (stmt, 1, dossier_id);
  ess_store_bind_text (stmt, 2, ess_store_get_author (self));
  ess_store_bind_text (stmt, 3, action);
  ess_store_bind_text (stmt, 4, field);
  ess_store_bind_text (stmt, 5, old_value);
  ess_store_bind_text (stmt, 6, new_value);
  ess_store_bind_text (stmt, 7, comment ? comment : "");

  return ess_store_step_done (self, stmt, error);
}

gboolean
ess_store_end_write (EssStore    *self,
                     gboolean     ok,
                     const char  *what,
                     GError     **error)
{
  if (!ok)
    {
      ess_store_rollback (self);
      return FALSE;
    }

  if (!ess_store_commit (self, error))
    return FALSE;

  ess_store_emit_changed (self, what);
  return TRUE;
}

gboolean
ess_store_dossier_exists (EssStore    *self,
                          gint64       id,
                          GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT 1 FROM dossiers WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                 _("This dossier no longer exists."));
  else
    ess_store_set_error (self, error, rc, _("reading a dossier"));

  return FALSE;
}

/* Reading one dossier. */

static void
replace_string (char       **slot,
                char        *value)
{
  g_free (*slot);
  *slot = value;
}

static gboolean
read_communes (EssStore    *self,
               gint64       id,
               char      ***out,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self, "SELECT insee FROM dossier_communes WHERE dossier_id = ?1 ORDER BY insee", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, ess_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading a dossier"));
      return FALSE;
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

EssDossier *
ess_store_load_dossier (EssStore  *self,
                        gint64     id,
                        GError   **error)
{
  g_autoptr(EssDossier) dossier = NULL;
  char **communes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), NULL);

  stmt = ess_store_prepare (self,
                            "SELECT d.id, d.reference, d.title, d.description, d.scheme_code, coalesce (d.volet, 0), "
                            "  d.axis, d.year, d.status, coalesce (d.applicant_id, 0), a.name, "
                            "  d.requested_cents, d.proposed_cents, d.granted_cents, "
                            "  d.submitted_on, d.committee_on, d.decided_on, d.agreement_on, d.start_on, d.end_on, "
                            "  d.partners, d.opinion, d.conditions, d.notes, d.deleted_at "
                            "FROM dossiers d LEFT JOIN applicants a ON a.id = d.applicant_id "
                            "WHERE d.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                     _("This dossier no longer exists."));
      else
        ess_store_set_error (self, error, rc, _("reading a dossier"));
      return NULL;
    }

  dossier = ess_dossier_new ();
  dossier->id = sqlite3_column_int64 (stmt, 0);
  replace_string (&dossier->reference, g_strdup (ess_store_column_text (stmt, 1)));
  replace_string (&dossier->title, g_strdup (ess_store_column_text (stmt, 2)));
  replace_string (&dossier->description, g_strdup (ess_store_column_text (stmt, 3)));
  replace_string (&dossier->scheme, g_strdup (ess_store_column_text (stmt, 4)));
  dossier->volet = sqlite3_column_int (stmt, 5);
  replace_string (&dossier->axis, g_strdup (ess_store_column_text (stmt, 6)));
  dossier->year = sqlite3_column_int (stmt, 7);
  if (!ess_status_from_id (ess_store_column_text (stmt, 8), &dossier->status))
    dossier->status = ESS_STATUS_SUBMITTED;
  dossier->applicant_id = sqlite3_column_int64 (stmt, 9);
  replace_string (&dossier->applicant_name, ess_store_column_dup (stmt, 10));
  dossier->requested_cents = sqlite3_column_int64 (stmt, 11);
  dossier->proposed_cents = sqlite3_column_int64 (stmt, 12);
  dossier->granted_cents = sqlite3_column_int64 (stmt, 13);
  replace_string (&dossier->submitted_on, ess_store_column_dup (stmt, 14));
  replace_string (&dossier->committee_on, ess_store_column_dup (stmt, 15));
  replace_string (&dossier->decided_on, ess_store_column_dup (stmt, 16));
  replace_string (&dossier->agreement_on, ess_store_column_dup (stmt, 17));
  replace_string (&dossier->start_on, ess_store_column_dup (stmt, 18));
  replace_string (&dossier->end_on, ess_store_column_dup (stmt, 19));
  replace_string (&dossier->partners, g_strdup (ess_store_column_text (stmt, 20)));
  replace_string (&dossier->opinion, g_strdup (ess_store_column_text (stmt, 21)));
  replace_string (&dossier->conditions, g_strdup (ess_store_column_text (stmt, 22)));
  replace_string (&dossier->notes, g_strdup (ess_store_column_text (stmt, 23)));
  replace_string (&dossier->deleted_at, ess_store_column_dup (stmt, 24));
  sqlite3_reset (stmt);

  if (!read_communes (self, id, &communes, error))
    return NULL;
  g_strfreev (dossier->communes);
  dossier->communes = communes;

  return g_steal_pointer (&dossier);
}

/* Creating. */

/* The references already used for @scheme and @year: they all start with
 * "SCHEME-YEAR-", a range of the unique index on reference. */
char *
ess_store_next_reference (EssStore    *self,
                          const char  *scheme,
                          int          year,
                          GError     **error)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *year_text = int_text (year);
  g_autofree char *low = g_strconcat (scheme, "-", year_text, "-", NULL);
  g_autofree char *high = g_strconcat (scheme, "-", year_text, ".", NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT reference FROM dossiers WHERE reference >= ?1 AND reference < ?2",
                            error);
  if (stmt == NULL)
    return NULL;

  ess_store_bind_text (stmt, 1, low);
  ess_store_bind_text (stmt, 2, high);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (used, g_strdup (ess_store_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("choosing a reference"));
      return NULL;
    }

  g_ptr_array_add (used, NULL);
  return ess_reference_next (scheme, year, (const char * const *) used->pdata);
}

static gboolean
check_scheme (EssStore    *self,
              const char  *scheme,
              GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT 1 FROM schemes WHERE code = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  ess_store_bind_text (stmt, 1, scheme);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                 _("Unknown scheme “%s”."), scheme);
  else
    ess_store_set_error (self, error, rc, _("reading the schemes"));

  return FALSE;
}

static gint64
insert_new_dossier (EssStore    *self,
                    const char  *scheme,
                    int          year,
                    GError     **error)
{
  g_autofree char *reference = NULL;
  g_autofree char *today = ess_store_today ();
  sqlite3_stmt *stmt;
  gint64 id;

  reference = ess_store_next_reference (self, scheme, year, error);
  if (reference == NULL)
    return 0;

  stmt = ess_store_prepare (self,
                            "INSERT INTO dossiers (reference, title, scheme_code, year, status, submitted_on) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return 0;

  ess_store_bind_text (stmt, 1, reference);
  ess_store_bind_text (stmt, 2, _("New dossier"));
  ess_store_bind_text (stmt, 3, scheme);
  sqlite3_bind_int (stmt, 4, year);
  ess_store_bind_text (stmt, 5, ess_status_to_id (ESS_STATUS_SUBMITTED));
  ess_store_bind_text (stmt, 6, today);
  if (!ess_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (ess_store_get_db (self));

  if (!ess_store_add_history (self, id, "created", NULL, NULL, reference, NULL, error))
    return 0;

  return id;
}

gint64
ess_store_create_dossier (EssStore    *self,
                          const char  *scheme,
                          int          year,
                          GError     **error)
{
  gint64 id = 0;

  g_return_val_if_fail (ESS_IS_STORE (self), 0);

  if (scheme == NULL || scheme[0] == '\0' || year < 1900 || year > 2200)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                   _("A new dossier needs a scheme and a year between 1900 and 2200."));
      return 0;
    }

  if (!ess_store_begin (self, error))
    return 0;

  if (check_scheme (self, scheme, error))
    id = insert_new_dossier (self, scheme, year, error);

  if (!ess_store_end_write (self, id > 0, "dossiers", error))
    return 0;

  return id;
}

static gboolean
copy_communes (EssStore    *self,
               gint64       from,
               gint64       to,
               GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self,
                                          "INSERT INTO dossier_communes (dossier_id, insee) "
                                          "SELECT ?2, insee FROM dossier_communes WHERE dossier_id = ?1",
                                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  return ess_store_step_done (self, stmt, error);
}

/* The copy keeps what the applicant asked for (description, scheme, volet,
 * axis, year, applicant, amount requested, dates of the project, partners,
 * communes) and starts a new instruction: submitted today, with no
 * proposal, decision, opinion or private notes. */
static gint64
insert_copy (EssStore          *self,
             const EssDossier  *source,
             GError           **error)
{
  g_autofree char *reference = NULL;
  g_autofree char *title = NULL;
  g_autofree char *today = ess_store_today ();
  g_autofree char *comment = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  reference = ess_store_next_reference (self, source->scheme, source->year, error);
  if (reference == NULL)
    return 0;

  /* TRANSLATORS: appended to the title of a duplicated dossier */
  title = g_strconcat (source->title, _(" (copy)"), NULL);

  stmt = ess_store_prepare (self,
                            "INSERT INTO dossiers (reference, title, description, scheme_code, volet, axis, year, "
                            "  status, applicant_id, requested_cents, submitted_on, start_on, end_on, partners) "
                            "SELECT ?2, ?3, description, scheme_code, volet, axis, year, "
                            "  ?4, applicant_id, requested_cents, ?5, start_on, end_on, partners "
                            "FROM dossiers WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, source->id);
  ess_store_bind_text (stmt, 2, reference);
  ess_store_bind_text (stmt, 3, title);
  ess_store_bind_text (stmt, 4, ess_status_to_id (ESS_STATUS_SUBMITTED));
  ess_store_bind_text (stmt, 5, today);
  if (!ess_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (ess_store_get_db (self));

  if (!copy_communes (self, source->id, id, error))
    return 0;

  comment = copy_comment (source->reference);
  if (!ess_store_add_history (self, id, "created", NULL, NULL, reference, comment, error))
    return 0;

  return id;
}

gint64
ess_store_duplicate_dossier (EssStore  *self,
                             gint64     id,
                             GError   **error)
{
  g_autoptr(EssDossier) source = NULL;
  gint64 copy = 0;

  g_return_val_if_fail (ESS_IS_STORE (self), 0);

  if (!ess_store_begin (self, error))
    return 0;

  source = ess_store_load_dossier (self, id, error);
  if (source != NULL)
    copy = insert_copy (self, source, error);

  if (!ess_store_end_write (self, copy > 0, "dossiers", error))
    return 0;

  return copy;
}

/* Writing one field. */

typedef enum
{
  VALUE_TEXT,          /* NOT NULL text; "" allowed */
  VALUE_REQUIRED_TEXT, /* NOT NULL text; "" refused */
  VALUE_DATE,          /* ISO date, or NULL for "" */
  VALUE_OPTIONAL_ID,   /* integer >= 1, or NULL for "" */
  VALUE_INTEGER,       /* integer, required */
  VALUE_MONEY,         /* cents >= 0; "" is 0 */
} ValueKind;

typedef struct
{
  ValueKind   kind;
  const char *sql;     /* ?1 the dossier id, ?2 the value */
} FieldColumn;

#define SET_COLUMN(column) \
  "UPDATE dossiers SET " column " = ?2, updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?1"

/* Each field of the editor and the one statement that writes it. */
static const FieldColumn field_columns[ESS_N_FIELDS] = {
  [ESS_FIELD_REFERENCE]    = { VALUE_REQUIRED_TEXT, SET_COLUMN ("reference") },
  [ESS_FIELD_TITLE]        = { VALUE_REQUIRED_TEXT, SET_COLUMN ("title") },
  [ESS_FIELD_DESCRIPTION]  = { VALUE_TEXT, SET_COLUMN ("description") },
  [ESS_FIELD_SCHEME]       = { VALUE_REQUIRED_TEXT, SET_COLUMN ("scheme_code") },
  [ESS_FIELD_VOLET]        = { VALUE_OPTIONAL_ID, SET_COLUMN ("volet") },
  [ESS_FIELD_AXIS]         = { VALUE_TEXT, SET_COLUMN ("axis") },
  [ESS_FIELD_YEAR]         = { VALUE_INTEGER, SET_COLUMN ("year") },
  [ESS_FIELD_APPLICANT]    = { VALUE_OPTIONAL_ID, SET_COLUMN ("applicant_id") },
  [ESS_FIELD_REQUESTED]    = { VALUE_MONEY, SET_COLUMN ("requested_cents") },
  [ESS_FIELD_PROPOSED]     = { VALUE_MONEY, SET_COLUMN ("proposed_cents") },
  [ESS_FIELD_GRANTED]      = { VALUE_MONEY, SET_COLUMN ("granted_cents") },
  [ESS_FIELD_SUBMITTED_ON] = { VALUE_DATE, SET_COLUMN ("submitted_on") },
  [ESS_FIELD_COMMITTEE_ON] = { VALUE_DATE, SET_COLUMN ("committee_on") },
  [ESS_FIELD_DECIDED_ON]   = { VALUE_DATE, SET_COLUMN ("decided_on") },
  [ESS_FIELD_AGREEMENT_ON] = { VALUE_DATE, SET_COLUMN ("agreement_on") },
  [ESS_FIELD_START_ON]     = { VALUE_DATE, SET_COLUMN ("start_on") },
  [ESS_FIELD_END_ON]       = { VALUE_DATE, SET_COLUMN ("end_on") },
  [ESS_FIELD_PARTNERS]     = { VALUE_TEXT, SET_COLUMN ("partners") },
  [ESS_FIELD_OPINION]      = { VALUE_TEXT, SET_COLUMN ("opinion") },
  [ESS_FIELD_CONDITIONS]   = { VALUE_TEXT, SET_COLUMN ("conditions") },
  [ESS_FIELD_NOTES]        = { VALUE_TEXT, SET_COLUMN ("notes") },
};

#undef SET_COLUMN

/* The value of @field in @dossier in the normalized form of
 * ess_dossier_validate_field(), to tell a real change from a no-op. */
static char *
normalized_value (const EssDossier *dossier,
                  EssDossierField   field)
{
  switch (field)
    {
    case ESS_FIELD_REFERENCE: return g_strdup (dossier->reference);
    case ESS_FIELD_TITLE: return g_strdup (dossier->title);
    case ESS_FIELD_DESCRIPTION: return g_strdup (dossier->description);
    case ESS_FIELD_SCHEME: return g_strdup (dossier->scheme);
    case ESS_FIELD_VOLET: return dossier->volet > 0 ? int_text (dossier->volet) : g_strdup ("");
    case ESS_FIELD_AXIS: return g_strdup (dossier->axis);
    case ESS_FIELD_YEAR: return int_text (dossier->year);
    case ESS_FIELD_APPLICANT: return dossier->applicant_id > 0 ? int_text (dossier->applicant_id) : g_strdup ("");
    case ESS_FIELD_REQUESTED: return int_text (dossier->requested_cents);
    case ESS_FIELD_PROPOSED: return int_text (dossier->proposed_cents);
    case ESS_FIELD_GRANTED: return int_text (dossier->granted_cents);
    case ESS_FIELD_SUBMITTED_ON: return g_strdup (dossier->submitted_on);
    case ESS_FIELD_COMMITTEE_ON: return g_strdup (dossier->committee_on);
    case ESS_FIELD_DECIDED_ON: return g_strdup (dossier->decided_on);
    case ESS_FIELD_AGREEMENT_ON: return g_strdup (dossier->agreement_on);
    case ESS_FIELD_START_ON: return g_strdup (dossier->start_on);
    case ESS_FIELD_END_ON: return g_strdup (dossier->end_on);
    case ESS_FIELD_PARTNERS: return g_strdup (dossier->partners);
    case ESS_FIELD_OPINION: return g_strdup (dossier->opinion);
    case ESS_FIELD_CONDITIONS: return g_strdup (dossier->conditions);
    case ESS_FIELD_NOTES: return g_strdup (dossier->notes);
    case ESS_N_FIELDS:
    default:
      return NULL;
    }
}

/* Turns @normalized into the canonical text compared with
 * normalized_value() and binds it to @stmt's ?2. */
static gboolean
bind_value (sqlite3_stmt     *stmt,
            EssDossierField   field,
            const char       *normalized,
            char            **canonical,
            GError          **error)
{
  ValueKind kind = field_columns[field].kind;
  const char *text = normalized ? normalized : "";
  gint64 number = 0;

  switch (kind)
    {
    case VALUE_TEXT:
      ess_store_bind_text (stmt, 2, text);
      *canonical = g_strdup (text);
      return TRUE;

    case VALUE_REQUIRED_TEXT:
      if (text[0] == '\0')
        {
          g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED,
                       _("“%s” cannot be empty."), field_label (field));
          return FALSE;
        }
      ess_store_bind_text (stmt, 2, text);
      *canonical = g_strdup (text);
      return TRUE;

    case VALUE_DATE:
      if (text[0] == '\0')
        {
          *canonical = NULL;
          return TRUE;
        }
      if (!ess_store_is_iso_date (text))
        break;
      ess_store_bind_text (stmt, 2, text);
      *canonical = g_strdup (text);
      return TRUE;

    case VALUE_OPTIONAL_ID:
      if (text[0] == '\0')
        {
          *canonical = g_strdup ("");
          return TRUE;
        }
      if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &number, NULL))
        break;
      sqlite3_bind_int64 (stmt, 2, number);
      *canonical = int_text (number);
      return TRUE;

    case VALUE_INTEGER:
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
        break;
      sqlite3_bind_int64 (stmt, 2, number);
      *canonical = int_text (number);
      return TRUE;

    case VALUE_MONEY:
      if (text[0] != '\0' && !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &number, NULL))
        break;
      sqlite3_bind_int64 (stmt, 2, number);
      *canonical = int_text (number);
      return TRUE;

    default:
      break;
    }

  g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
               _("The value “%s” is not allowed for “%s”."), text, field_label (field));
  return FALSE;
}

/* The error of a refused UPDATE, in the user's words. */
static void
set_field_error (EssStore         *self,
                 EssDossierField   field,
                 const char       *value,
                 int               rc,
                 GError          **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE && field == ESS_FIELD_REFERENCE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT,
                 _("Reference “%s” is already used by another dossier."), value);
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY && field == ESS_FIELD_SCHEME)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT,
                 _("Unknown scheme “%s”."), value);
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY && field == ESS_FIELD_APPLICANT)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT,
                 _("This applicant no longer exists."));
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_CONSTRAINT,
                 _("The value “%s” is not allowed for “%s”."), value, field_label (field));
  else
    ess_store_set_error (self, error, rc, _("saving a dossier"));
}

static gboolean
write_field (EssStore         *self,
             gint64            id,
             EssDossierField   field,
             const char       *normalized,
             gboolean         *changed,
             GError          **error)
{
  g_autoptr(EssDossier) before = NULL;
  g_autoptr(EssDossier) after = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *old_display = NULL;
  g_autofree char *new_display = NULL;
  sqlite3_stmt *stmt;
  int rc;

  before = ess_store_load_dossier (self, id, error);
  if (before == NULL)
    return FALSE;

  stmt = ess_store_prepare (self, field_columns[field].sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  if (!bind_value (stmt, field, normalized, &canonical, error))
    return FALSE;

  old_value = normalized_value (before, field);
  if (g_strcmp0 (old_value, canonical) == 0)
    {
      *changed = FALSE;
      return TRUE;
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_field_error (self, field, normalized ? normalized : "", rc, error);
      return FALSE;
    }

  after = ess_store_load_dossier (self, id, error);
  if (after == NULL)
    return FALSE;

  old_display = ess_dossier_get_display (before, field);
  new_display = ess_dossier_get_display (after, field);
  *changed = TRUE;

  return ess_store_add_history (self, id, "edited", ess_dossier_field_info (field)->id,
                                old_display, new_display, NULL, error);
}

gboolean
ess_store_set_dossier_field (EssStore         *self,
                             gint64            id,
                             EssDossierField   field,
                             const char       *normalized,
                             GError          **error)
{
  gboolean changed = FALSE;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) field < ESS_N_FIELDS, FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  ok = write_field (self, id, field, normalized, &changed, error);

  if (ok && !changed)
    {
      ess_store_rollback (self);
      return TRUE;
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}

/* Communes. */

/* "Hem, Lannoy, Roubaix": the names of the communes of the dossier. */
static char *
commune_names (EssStore    *self,
               gint64       id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  char *names = NULL;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT coalesce (group_concat (name, ', '), '') FROM "
                            "(SELECT c.name FROM dossier_communes dc JOIN communes c ON c.insee = dc.insee "
                            " WHERE dc.dossier_id = ?1 ORDER BY c.name)",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    names = g_strdup (ess_store_column_text (stmt, 0));
  else
    ess_store_set_error (self, error, rc, _("reading a dossier"));
  sqlite3_reset (stmt);

  return names;
}

static gboolean
check_commune (EssStore    *self,
               const char  *insee,
               GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT 1 FROM communes WHERE insee = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  ess_store_bind_text (stmt, 1, insee);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                 _("Unknown commune “%s”."), insee);
  else
    ess_store_set_error (self, error, rc, _("reading the communes"));

  return FALSE;
}

static gboolean
write_communes (EssStore            *self,
                gint64               id,
                const char * const  *insee_codes,
                gboolean            *changed,
                GError             **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_auto(GStrv) current = NULL;
  g_autofree char *old_names = NULL;
  g_autofree char *new_names = NULL;
  sqlite3_stmt *stmt;
  gboolean same;

  if (!ess_store_dossier_exists (self, id, error) ||
      !read_communes (self, id, &current, error))
    return FALSE;

  for (guint i = 0; insee_codes && insee_codes[i]; i++)
    {
      if (!check_commune (self, insee_codes[i], error))
        return FALSE;
      g_ptr_array_add (wanted, (gpointer) insee_codes[i]);
    }
  ess_commune_codes_sort (wanted);
  for (guint i = 1; i < wanted->len; )
    if (g_str_equal (g_ptr_array_index (wanted, i - 1), g_ptr_array_index (wanted, i)))
      g_ptr_array_remove_index (wanted, i);
    else
      i++;

  same = g_strv_length (current) == wanted->len;
  for (guint i = 0; same && i < wanted->len; i++)
    same = g_str_equal (current[i], g_ptr_array_index (wanted, i));
  if (same)
    {
      *changed = FALSE;
      return TRUE;
    }

  old_names = commune_names (self, id, error);
  if (old_names == NULL)
    return FALSE;

  stmt = ess_store_prepare (self, "DELETE FROM dossier_communes WHERE dossier_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < wanted->len; i++)
    {
      stmt = ess_store_prepare (self, "INSERT INTO dossier_communes (dossier_id, insee) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, g_ptr_array_index (wanted, i));
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = ess_store_prepare (self, "UPDATE dossiers SET updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ess_store_step_done (self, stmt, error))
    return FALSE;

  new_names = commune_names (self, id, error);
  if (new_names == NULL)
    return FALSE;

  *changed = TRUE;
  return ess_store_add_history (self, id, "edited", "communes", old_names, new_names, NULL, error);
}

gboolean
ess_store_set_dossier_communes (EssStore            *self,
                                gint64               id,
                                const char * const  *insee_codes,
                                GError             **error)
{
  gboolean changed = FALSE;
  gboolean ok;

  g_return_val_if_fail (ESS_IS_STORE (self), FALSE);

  if (!ess_store_begin (self, error))
    return FALSE;

  ok = write_communes (self, id, insee_codes, &changed, error);

  if (ok && !changed)
    {
      ess_store_rollback (self);
      return TRUE;
    }

  return ess_store_end_write (self, ok, "dossiers", error);
}
