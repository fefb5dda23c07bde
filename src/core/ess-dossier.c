/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fields of a dossier: what each one holds, how it reads, and what the user may type in it. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier.h"
#include "ess-money.h"

/* A message quotes what it was given; a pasted text may be long. */
#define MAX_QUOTED_CHARS 40

#define MAX_REFERENCE_CHARS 40
#define MAX_SCHEME_CHARS    40

/* Dates and years outside this range are typing slips ("0224" for "2024"). */
#define MIN_YEAR 1900
#define MAX_YEAR 2200

/* ess_reference_next() gives numbers of at least this many digits: "001". */
#define REFERENCE_DIGITS 3

G_DEFINE_QUARK (ess-dossier-error-quark, ess_dossier_error)

static const EssFieldInfo fields[ESS_N_FIELDS] = {
  [ESS_FIELD_REFERENCE]    = { ESS_FIELD_REFERENCE,    "reference",    N_("Reference"),        ESS_FIELD_KIND_TEXT,    TRUE },
  [ESS_FIELD_TITLE]        = { ESS_FIELD_TITLE,        "title",        N_("Title"),            ESS_FIELD_KIND_TEXT,    TRUE },
  [ESS_FIELD_DESCRIPTION]  = { ESS_FIELD_DESCRIPTION,  "description",  N_("Description"),      ESS_FIELD_KIND_TEXT,    FALSE },
  [ESS_FIELD_SCHEME]       = { ESS_FIELD_SCHEME,       "scheme",       N_("Scheme"),           ESS_FIELD_KIND_CHOICE,  TRUE },
  [ESS_FIELD_VOLET]        = { ESS_FIELD_VOLET,        "volet",        N_("Volet"),            ESS_FIELD_KIND_INTEGER, FALSE },
  [ESS_FIELD_AXIS]         = { ESS_FIELD_AXIS,         "axis",         N_("Axis"),             ESS_FIELD_KIND_TEXT,    FALSE },
  [ESS_FIELD_YEAR]         = { ESS_FIELD_YEAR,         "year",         N_("Year"),             ESS_FIELD_KIND_INTEGER, TRUE },
  [ESS_FIELD_APPLICANT]    = { ESS_FIELD_APPLICANT,    "applicant",    N_("Applicant"),        ESS_FIELD_KIND_CHOICE,  FALSE },
  [ESS_FIELD_REQUESTED]    = { ESS_FIELD_REQUESTED,    "requested",    N_("Requested amount"), ESS_FIELD_KIND_MONEY,   FALSE },
  [ESS_FIELD_PROPOSED]     = { ESS_FIELD_PROPOSED,     "proposed",     N_("Proposed amount"),  ESS_FIELD_KIND_MONEY,   FALSE },
  [ESS_FIELD_GRANTED]      = { ESS_FIELD_GRANTED,      "granted",      N_("Granted amount"),   ESS_FIELD_KIND_MONEY,   FALSE },
  [ESS_FIELD_SUBMITTED_ON] = { ESS_FIELD_SUBMITTED_ON, "submitted-on", N_("Submission date"),  ESS_FIELD_KIND_DATE,    FALSE },
  [ESS_FIELD_COMMITTEE_ON] = { ESS_FIELD_COMMITTEE_ON, "committee-on", N_("Committee date"),   ESS_FIELD_KIND_DATE,    FALSE },
  [ESS_FIELD_DECIDED_ON]   = { ESS_FIELD_DECIDED_ON,   "decided-on",   N_("Decision date"),    ESS_FIELD_KIND_DATE,    FALSE },
  [ESS_FIELD_AGREEMENT_ON] = { ESS_FIELD_AGREEMENT_ON, "agreement-on", N_("Agreement date"),   ESS_FIELD_KIND_DATE,    FALSE },
  [ESS_FIELD_START_ON]     = { ESS_FIELD_START_ON,     "start-on",     N_("Start date"),       ESS_FIELD_KIND_DATE,    FALSE },
  [ESS_FIELD_END_ON]       = { ESS_FIELD_END_ON,       "end-on",       N_("End date"),         ESS_FIELD_KIND_DATE,    FALSE },
  [ESS_FIELD_PARTNERS]     = { ESS_FIELD_PARTNERS,     "partners",     N_("Partners"),         ESS_FIELD_KIND_TEXT,    FALSE },
  [ESS_FIELD_OPINION]      = { ESS_FIELD_OPINION,      "opinion",      N_("Opinion"),          ESS_FIELD_KIND_CHOICE,  FALSE },
  [ESS_FIELD_CONDITIONS]   = { ESS_FIELD_CONDITIONS,   "conditions",   N_("Conditions"),       ESS_FIELD_KIND_TEXT,    FALSE },
  [ESS_FIELD_NOTES]        = { ESS_FIELD_NOTES,        "notes",        N_("Private notes"),    ESS_FIELD_KIND_TEXT,    FALSE },
};

typedef struct
{
  const char *id;
  const char *label;
} Opinion;

static const Opinion opinions[] = {
  { "favorable",   N_("Favorable") },
  { "reserved",    N_("Reserved") },
  { "unfavorable", N_("Unfavorable") },
};

/* The long date is the French administrative form ("5 mars 2024") that
 * committee papers and agreements carry whatever the desktop language, so
 * the month names are French data, not translations. */
static const char * const french_months[12] = {
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
};

static char *
quote_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static gboolean
is_valid_field (EssDossierField field)
{
  return (guint) field < ESS_N_FIELDS;
}

EssDossier *
ess_dossier_new (void)
{
  EssDossier *dossier = g_new0 (EssDossier, 1);

  /* Text columns are never NULL in the store; only dates and the trash mark may be. */
  dossier->reference = g_strdup ("");
  dossier->title = g_strdup ("");
  dossier->description = g_strdup ("");
  dossier->scheme = g_strdup ("");
  dossier->axis = g_strdup ("");
  dossier->partners = g_strdup ("");
  dossier->opinion = g_strdup ("");
  dossier->conditions = g_strdup ("");
  dossier->notes = g_strdup ("");
  dossier->communes = g_new0 (char *, 1);
  dossier->status = ESS_STATUS_SUBMITTED;

  return dossier;
}

void
ess_dossier_free (EssDossier *dossier)
{
  if (dossier == NULL)
    return;

  g_free (dossier->reference);
  g_free (dossier->title);
  g_free (dossier->description);
  g_free (dossier->scheme);
  g_free (dossier->axis);
  g_free (dossier->applicant_name);
  g_free (dossier->submitted_on);
  g_free (dossier->committee_on);
  g_free (dossier->decided_on);
  g_free (dossier->agreement_on);
  g_free (dossier->start_on);
  g_free (dossier->end_on);
  g_free (dossier->partners);
  g_free (dossier->opinion);
  g_free (dossier->conditions);
  g_free (dossier->notes);
  g_strfreev (dossier->communes);
  g_free (dossier->deleted_at);
  g_free (dossier);
}

EssDossier *
ess_dossier_copy (const EssDossier *dossier)
{
  EssDossier *copy;

  g_return_val_if_fail (dossier != NULL, NULL);

  copy = g_new0 (EssDossier, 1);
  copy->id = dossier->id;
  copy->reference = g_strdup (dossier->reference);
  copy->title = g_strdup (dossier->title);
  copy->description = g_strdup (dossier->description);
  copy->scheme = g_strdup (dossier->scheme);
  copy->volet = dossier->volet;
  copy->axis = g_strdup (dossier->axis);
  copy->year = dossier->year;
  copy->status = dossier->status;
  copy->applicant_id = dossier->applicant_id;
  copy->applicant_name = g_strdup (dossier->applicant_name);
  copy->requested_cents = dossier->requested_cents;
  copy->proposed_cents = dossier->proposed_cents;
  copy->granted_cents = dossier->granted_cents;
  copy->submitted_on = g_strdup (dossier->submitted_on);
  copy->committee_on = g_strdup (dossier->committee_on);
  copy->decided_on = g_strdup (dossier->decided_on);
  copy->agreement_on = g_strdup (dossier->agreement_on);
  copy->start_on = g_strdup (dossier->start_on);
  copy->end_on = g_strdup (dossier->end_on);
  copy->partners = g_strdup (dossier->partners);
  copy->opinion = g_strdup (dossier->opinion);
  copy->conditions = g_strdup (dossier->conditions);
  copy->notes = g_strdup (dossier->notes);
  copy->communes = dossier->communes != NULL ? g_strdupv (dossier->communes) : g_new0 (char *, 1);
  copy->deleted_at = g_strdup (dossier->deleted_at);

  return copy;
}

const EssFieldInfo *
ess_dossier_field_info (EssDossierField field)
{
  g_return_val_if_fail (is_valid_field (field), NULL);

  return &fields[field];
}

gboolean
ess_dossier_field_from_id (const char      *id,
                           EssDossierField *out)
{
  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < ESS_N_FIELDS; i++)
    {
      if (strcmp (fields[i].id, id) == 0)
        {
          if (out != NULL)
            *out = (EssDossierField) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* The ISO date field of @dossier, NULL for the fields that are not dates. */
static const char *
date_of (const EssDossier *dossier,
         EssDossierField   field)
{
  switch (field)
    {
    case ESS_FIELD_SUBMITTED_ON: return dossier->submitted_on;
    case ESS_FIELD_COMMITTEE_ON: return dossier->committee_on;
    case ESS_FIELD_DECIDED_ON:   return dossier->decided_on;
    case ESS_FIELD_AGREEMENT_ON: return dossier->agreement_on;
    case ESS_FIELD_START_ON:     return dossier->start_on;
    case ESS_FIELD_END_ON:       return dossier->end_on;

    case ESS_FIELD_REFERENCE:
    case ESS_FIELD_TITLE:
    case ESS_FIELD_DESCRIPTION:
    case ESS_FIELD_SCHEME:
    case ESS_FIELD_VOLET:
    case ESS_FIELD_AXIS:
    case ESS_FIELD_YEAR:
    case ESS_FIELD_APPLICANT:
    case ESS_FIELD_REQUESTED:
    case ESS_FIELD_PROPOSED:
    case ESS_FIELD_GRANTED:
    case ESS_FIELD_PARTNERS:
    case ESS_FIELD_OPINION:
    case ESS_FIELD_CONDITIONS:
    case ESS_FIELD_NOTES:
    case ESS_N_FIELDS:
    default:
      return NULL;
    }
}

char *
ess_dossier_get_display (const EssDossier *dossier,
                         EssDossierField   field)
{
  g_return_val_if_fail (dossier != NULL, g_strdup (""));
  g_return_val_if_fail (is_valid_field (field), g_strdup (""));

  switch (field)
    {
    case ESS_FIELD_REFERENCE:   return g_strdup (text_or_empty (dossier->reference));
    case ESS_FIELD_TITLE:       return g_strdup (text_or_empty (dossier->title));
    case ESS_FIELD_DESCRIPTION: return g_strdup (text_or_empty (dossier->description));
    case ESS_FIELD_SCHEME:      return g_strdup (text_or_empty (dossier->scheme));
    case ESS_FIELD_AXIS:        return g_strdup (text_or_empty (dossier->axis));
    case ESS_FIELD_APPLICANT:   return g_strdup (text_or_empty (dossier->applicant_name));
    case ESS_FIELD_PARTNERS:    return g_strdup (text_or_empty (dossier->partners));
    case ESS_FIELD_CONDITIONS:  return g_strdup (text_or_empty (dossier->conditions));
    case ESS_FIELD_NOTES:       return g_strdup (text_or_empty (dossier->notes));

    case ESS_FIELD_VOLET:
      return dossier->volet > 0 ? g_strdup_printf ("%d", dossier->volet) : g_strdup ("");

    case ESS_FIELD_YEAR:
      return dossier->year > 0 ? g_strdup_printf ("%d", dossier->year) : g_strdup ("");

    case ESS_FIELD_REQUESTED: return ess_money_format (dossier->requested_cents);
    case ESS_FIELD_PROPOSED:  return ess_money_format (dossier->proposed_cents);
    case ESS_FIELD_GRANTED:   return ess_money_format (dossier->granted_cents);

    case ESS_FIELD_SUBMITTED_ON:
    case ESS_FIELD_COMMITTEE_ON:
    case ESS_FIELD_DECIDED_ON:
    case ESS_FIELD_AGREEMENT_ON:
    case ESS_FIELD_START_ON:
    case ESS_FIELD_END_ON:
      return ess_date_format (date_of (dossier, field));

    case ESS_FIELD_OPINION:
      return g_strdup (ess_opinion_label (dossier->opinion));

    case ESS_N_FIELDS:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* Dates. */

/* Reads 1 to @max_digits ASCII digits at *@p into @out and moves *@p past them. */
static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             guint       *out)
{
  guint n = 0;
  guint value = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }

  if (n < min_digits || g_ascii_isdigit (**p))
    return FALSE;

  *out = value;
  return TRUE;
}

/* The day, month and year of @text in one of the accepted shapes, unchecked. */
static gboolean
split_date (const char *text,
            guint      *day,
            guint      *month,
            guint      *year)
{
  const char *p = text;
  char separator;

  if (strlen (text) >= 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) && text[4] == '-')
    {
      /* ISO: exactly YYYY-MM-DD. */
      return read_number (&p, 4, 4, year) && *p++ == '-' &&
             read_number (&p, 2, 2, month) && *p++ == '-' &&
             read_number (&p, 2, 2, day) && *p == '\0';
    }

  /* French: d/m/yyyy or dd.mm.yyyy, the same separator twice. */
  if (!read_number (&p, 1, 2, day))
    return FALSE;
  separator = *p;
  if (separator != '/' && separator != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, month) || *p++ != separator)
    return FALSE;

  return read_number (&p, 4, 4, year) && *p == '\0';
}

/* @iso as a GDate when it is a real date written YYYY-MM-DD. */
static gboolean
iso_to_date (const char *iso,
             GDate      *date)
{
  guint day, month, year;
  const char *p = iso;

  if (iso == NULL)
    return FALSE;

  if (!read_number (&p, 4, 4, &year) || *p++ != '-' ||
      !read_number (&p, 2, 2, &month) || *p++ != '-' ||
      !read_number (&p, 2, 2, &day) || *p != '\0')
    return FALSE;

  if (year < 1 || year > G_MAXUINT16 || month < 1 || month > 12 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
ess_date_parse (const char  *typed,
                GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed != NULL ? typed : ""));
  guint day, month, year;

  if (*text == '\0')
    {
      g_set_error_literal (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_REQUIRED,
                           _("No date given: expected day/month/year such as 05/03/2024"));
      return NULL;
    }

  if (!split_date (text, &day, &month, &year))
    {
      g_autofree char *quoted = quote_text (typed);

      g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_INVALID,
                   _("“%s” is not a date: expected day/month/year such as 05/03/2024"),
                   quoted);
      return NULL;
    }

  if (month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_autofree char *quoted = quote_text (typed);

      g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_INVALID,
                   _("“%s” is not a day of the calendar: check the day and the month"),
                   quoted);
      return NULL;
    }

  if (year < MIN_YEAR || year > MAX_YEAR)
    {
      g_autofree char *quoted = quote_text (typed);

      g_set_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_INVALID,
                   _("“%s” is too far in time: expected a year from %d to %d"),
                   quoted, MIN_YEAR, MAX_YEAR);
      return NULL;
    }

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

char *
ess_date_format (const char *iso)
{
  GDate date;

  if (iso == NULL)
    return g_strdup ("");

  /* Something that is not a date is shown as it is rather than hidden. */
  if (!iso_to_date (iso, &date))
    return g_strdup (iso);

  return g_strdup_printf ("%02u/%02u/%04u",
                          (guint) g_date_get_day (&date),
                          (guint) g_date_get_month (&date),
                          (guint) g_date_get_year (&date));
}

char *
ess_date_format_long (const char *iso)
{
  GDate date;

  if (iso == NULL)
    return g_strdup ("");

  if (!iso_to_date (iso, &date))
    return g_strdup (iso);

  return g_strdup_printf ("%u %s %u",
                          (guint) g_date_get_day (&date),
                          french_months[g_date_get_month (&date) - 1],
                          (guint) g_date_get_year (&date));
}

/* Validation. */

static gboolean refuse (GError          **error,
                        EssDossierError   code,
                        const char       *format,
                        ...) G_GNUC_PRINTF (3, 4);

/* Sets @error and returns FALSE, so that a check can end with it. */
static gboolean
refuse (GError          **error,
        EssDossierError   code,
        const char       *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ESS_DOSSIER_ERROR, code, message);

  return FALSE;
}

static const char *
field_label (EssDossierField field)
{
  return _(fields[field].label);
}

static gboolean
validate_money (EssDossierField   field,
                const char       *text,
                char            **normalized,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 cents = 0;

  /* The store keeps 0 for an amount that was not given. */
  if (*text == '\0')
    {
      *normalized = g_strdup ("0");
      return TRUE;
    }

  if (!ess_money_parse (text, &cents, &local_error))
    {
      /* TRANSLATORS: a field name, then why what was typed in it is refused. */
      return refuse (error, ESS_DOSSIER_ERROR_INVALID, C_("field error", "%s: %s"),
                     field_label (field), local_error->message);
    }

  if (cents < 0)
    return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                   /* TRANSLATORS: %s is a field name such as "Requested amount". */
                   _("%s: an amount cannot be negative; expected for example 73 000,00"),
                   field_label (field));

  *normalized = g_strdup_printf ("%" G_GINT64_FORMAT, cents);
  return TRUE;
}

static gboolean
validate_date (const EssDossier  *dossier,
               EssDossierField    field,
               const char        *text,
               char             **normalized,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *iso = NULL;
  GDate date, start, end;

  if (*text == '\0')
    {
      *normalized = g_strdup ("");
      return TRUE;
    }

  iso = ess_date_parse (text, &local_error);
  if (iso == NULL)
    return refuse (error, ESS_DOSSIER_ERROR_INVALID, C_("field error", "%s: %s"),
                   field_label (field), local_error->message);

  iso_to_date (iso, &date);

  if (field == ESS_FIELD_END_ON && dossier != NULL && iso_to_date (dossier->start_on, &start) &&
      g_date_compare (&date, &start) < 0)
    {
      g_autofree char *end_text = ess_date_format (iso);
      g_autofree char *start_text = ess_date_format (dossier->start_on);

      return refuse (error, ESS_DOSSIER_ERROR_DATES,
                     _("The end date %s is before the start date %s: a project cannot end before it starts"),
                     end_text, start_text);
    }

  if (field == ESS_FIELD_START_ON && dossier != NULL && iso_to_date (dossier->end_on, &end) &&
      g_date_compare (&end, &date) < 0)
    {
      g_autofree char *start_text = ess_date_format (iso);
      g_autofree char *end_text = ess_date_format (dossier->end_on);

      return refuse (error, ESS_DOSSIER_ERROR_DATES,
                     _("The start date %s is after the end date %s: a project cannot end before it starts"),
                     start_text, end_text);
    }

  *normalized = g_steal_pointer (&iso);
  return TRUE;
}

/* Digits only, no sign, within [@min, @max]; @text is not empty. */
static gboolean
parse_whole_number (const char *text,
                    gint64      min,
                    gint64      max,
                    gint64     *out)
{
  guint64 value;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, NULL))
    return FALSE;

  *out = (gint64) value;
  return TRUE;
}

static gboolean
is_code (const char *text,
         gsize       max_len,
         gboolean    allow_slash)
{
  gsize len = strlen (text);

  if (len == 0 || len > max_len)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && !(allow_slash && *p == '/'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_opinion (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (opinions); i++)
    {
      if (strcmp (opinions[i].id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
ess_dossier_validate_field (const EssDossier  *dossier,
                            EssDossierField    field,
                            const char        *typed,
                            char             **normalized,
                            GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *result = NULL;
  gint64 number;

  g_return_val_if_fail (is_valid_field (field), FALSE);
  g_return_val_if_fail (normalized != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *normalized = NULL;

  if (typed == NULL)
    typed = "";
  if (!g_utf8_validate (typed, -1, NULL))
    return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                   /* TRANSLATORS: %s is a field name. */
                   _("%s: the text holds characters that are not valid UTF-8"),
                   field_label (field));

  text = g_strstrip (g_strdup (typed));

  if (*text == '\0' && fields[field].required)
    return refuse (error, ESS_DOSSIER_ERROR_REQUIRED,
                   /* TRANSLATORS: %s is a field name. */
                   _("%s: a value is required"), field_label (field));

  switch (fields[field].kind)
    {
    case ESS_FIELD_KIND_MONEY:
      return validate_money (field, text, normalized, error);

    case ESS_FIELD_KIND_DATE:
      return validate_date (dossier, field, text, normalized, error);

    case ESS_FIELD_KIND_TEXT:
    case ESS_FIELD_KIND_INTEGER:
    case ESS_FIELD_KIND_CHOICE:
    default:
      break;
    }

  switch (field)
    {
    case ESS_FIELD_REFERENCE:
      if (!is_code (text, MAX_REFERENCE_CHARS, TRUE))
        return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name, %d a number of characters. */
                       _("%s: expected at most %d letters without accents, digits, “-”, “_” or “/”, "
                         "such as APT-2024-001"),
                       field_label (field), MAX_REFERENCE_CHARS);
      result = g_steal_pointer (&text);
      break;

    case ESS_FIELD_SCHEME:
      if (!is_code (text, MAX_SCHEME_CHARS, FALSE))
        return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name. */
                       _("%s: expected a scheme code such as APT"),
                       field_label (field));
      result = g_steal_pointer (&text);
      break;

    case ESS_FIELD_YEAR:
      if (!parse_whole_number (text, MIN_YEAR, MAX_YEAR, &number))
        return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name, the numbers are years. */
                       _("%s: expected a year from %d to %d, such as 2024"),
                       field_label (field), MIN_YEAR, MAX_YEAR);
      result = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      break;

    case ESS_FIELD_VOLET:
      if (*text == '\0')
        result = g_strdup ("");
      else if (parse_whole_number (text, 1, G_MAXINT, &number))
        result = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      else
        return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name. */
                       _("%s: expected a number from 1, such as 2, or nothing"),
                       field_label (field));
      break;

    case ESS_FIELD_APPLICANT:
      if (*text == '\0')
        result = g_strdup ("");
      else if (parse_whole_number (text, 1, G_MAXINT64, &number))
        result = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      else
        return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name. */
                       _("%s: choose an applicant from the list, or none"),
                       field_label (field));
      break;

    case ESS_FIELD_OPINION:
      if (*text != '\0' && !is_opinion (text))
        return refuse (error, ESS_DOSSIER_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name. */
                       _("%s: choose favorable, reserved, unfavorable or no opinion"),
                       field_label (field));
      result = g_steal_pointer (&text);
      break;

    case ESS_FIELD_TITLE:
    case ESS_FIELD_DESCRIPTION:
    case ESS_FIELD_AXIS:
    case ESS_FIELD_PARTNERS:
    case ESS_FIELD_CONDITIONS:
    case ESS_FIELD_NOTES:
      result = g_steal_pointer (&text);
      break;

    case ESS_FIELD_REQUESTED:
    case ESS_FIELD_PROPOSED:
    case ESS_FIELD_GRANTED:
    case ESS_FIELD_SUBMITTED_ON:
    case ESS_FIELD_COMMITTEE_ON:
    case ESS_FIELD_DECIDED_ON:
    case ESS_FIELD_AGREEMENT_ON:
    case ESS_FIELD_START_ON:
    case ESS_FIELD_END_ON:
    case ESS_N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }

  *normalized = g_steal_pointer (&result);
  return TRUE;
}

/* References. */

char *
ess_reference_next (const char         *scheme,
                    int                 year,
                    const char * const *used)
{
  g_autofree char *prefix = NULL;
  gsize prefix_len;
  guint64 highest = 0;

  g_return_val_if_fail (scheme != NULL && *scheme != '\0', NULL);

  prefix = g_strdup_printf ("%s-%d-", scheme, year);
  prefix_len = strlen (prefix);

  for (gsize i = 0; used != NULL && used[i] != NULL; i++)
    {
      const char *number = used[i] + prefix_len;
      guint64 value;

      if (g_ascii_strncasecmp (used[i], prefix, prefix_len) != 0 || *number == '\0')
        continue;
      if (strspn (number, "0123456789") != strlen (number))
        continue;
      /* A number too large to follow is someone's own numbering, not ours. */
      if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT32, &value, NULL))
        continue;
      highest = MAX (highest, value);
    }

  return g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, REFERENCE_DIGITS, highest + 1);
}

/* Opinions. */

const char *
ess_opinion_label (const char *opinion_id)
{
  if (opinion_id == NULL || *opinion_id == '\0')
    return _("No opinion");

  for (gsize i = 0; i < G_N_ELEMENTS (opinions); i++)
    {
      if (strcmp (opinions[i].id, opinion_id) == 0)
        return _(opinions[i].label);
    }

  /* An id from a newer version: better shown than lost. */
  return opinion_id;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

void
ess_commune_codes_sort (GPtrArray *codes)
{
  g_return_if_fail (codes != NULL);

  g_ptr_array_sort (codes, compare_codes);
}
