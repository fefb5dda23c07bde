/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A whole dossier as the editor sees it, and the rules of each of its fields. */
#pragma once

#include <glib.h>

#include "ess-dossier-status.h"

G_BEGIN_DECLS

#define ESS_DOSSIER_ERROR (ess_dossier_error_quark ())

typedef enum
{
  ESS_DOSSIER_ERROR_INVALID,    /* the value is refused; the message says why and what is expected */
  ESS_DOSSIER_ERROR_REQUIRED,   /* a required value is missing (title, a reason...) */
  ESS_DOSSIER_ERROR_DATES,      /* an end date before its start date */
} EssDossierError;

/* The fields that the editor writes one at a time. The order is stable:
 * it indexes ess_dossier_field_info(). */
typedef enum
{
  ESS_FIELD_REFERENCE,      /* text, unique, not empty */
  ESS_FIELD_TITLE,          /* text, not empty */
  ESS_FIELD_DESCRIPTION,    /* text */
  ESS_FIELD_SCHEME,         /* scheme code, such as "APT" */
  ESS_FIELD_VOLET,          /* integer >= 1, or empty for none */
  ESS_FIELD_AXIS,           /* text */
  ESS_FIELD_YEAR,           /* integer 1900..2200 */
  ESS_FIELD_APPLICANT,      /* applicant id, or empty for none */
  ESS_FIELD_REQUESTED,      /* money, >= 0 */
  ESS_FIELD_PROPOSED,       /* money, >= 0 */
  ESS_FIELD_GRANTED,        /* money, >= 0 */
  ESS_FIELD_SUBMITTED_ON,   /* date, dépôt */
  ESS_FIELD_COMMITTEE_ON,   /* date, comité */
  ESS_FIELD_DECIDED_ON,     /* date, décision */
  ESS_FIELD_AGREEMENT_ON,   /* date, convention */
  ESS_FIELD_START_ON,       /* date, début */
  ESS_FIELD_END_ON,         /* date, fin (not before début) */
  ESS_FIELD_PARTNERS,       /* text */
  ESS_FIELD_OPINION,        /* "", "favorable", "reserved", "unfavorable" */
  ESS_FIELD_CONDITIONS,     /* text: conditions attached to the opinion */
  ESS_FIELD_NOTES,          /* text: private notes, never sent to partners */
  ESS_N_FIELDS
} EssDossierField;

typedef enum
{
  ESS_FIELD_KIND_TEXT,
  ESS_FIELD_KIND_INTEGER,
  ESS_FIELD_KIND_MONEY,
  ESS_FIELD_KIND_DATE,
  ESS_FIELD_KIND_CHOICE,
} EssFieldKind;

typedef struct
{
  EssDossierField  field;
  const char      *id;        /* stable ASCII name, also the history's field name: "title" */
  const char      *label;     /* English source of the translated label: N_("Title") */
  EssFieldKind     kind;
  gboolean         required;
} EssFieldInfo;

/* A dossier with every field as the store holds it. Dates are ISO
 * "YYYY-MM-DD" strings or NULL; money is in cents. */
typedef struct
{
  gint64     id;
  char      *reference;
  char      *title;
  char      *description;
  char      *scheme;
  int        volet;            /* 0: none */
  char      *axis;
  int        year;
  EssStatus  status;
  gint64     applicant_id;     /* 0: none */
  char      *applicant_name;   /* read only, from the applicant */
  gint64     requested_cents;
  gint64     proposed_cents;
  gint64     granted_cents;
  char      *submitted_on;
  char      *committee_on;
  char      *decided_on;
  char      *agreement_on;
  char      *start_on;
  char      *end_on;
  char      *partners;
  char      *opinion;
  char      *conditions;
  char      *notes;
  char     **communes;         /* INSEE codes, sorted; never NULL */
  char      *deleted_at;       /* NULL unless in the trash */
} EssDossier;

GQuark              ess_dossier_error_quark    (void);

EssDossier         *ess_dossier_new            (void);
void                ess_dossier_free           (EssDossier       *dossier);
EssDossier         *ess_dossier_copy           (const EssDossier *dossier);

const EssFieldInfo *ess_dossier_field_info     (EssDossierField   field);
gboolean            ess_dossier_field_from_id  (const char       *id,
                                                EssDossierField  *out);

/* The value of @field in @dossier as the user reads it (French money and
 * dates), for the history and the editor. Never NULL. */
char               *ess_dossier_get_display    (const EssDossier *dossier,
                                                EssDossierField   field);

/* Checks what the user typed for @field in the context of @dossier (for
 * example the end date against the start date). On success sets
 * @normalized to the value to store: money as decimal cents text "146000.00"
 * turned into digits of cents "14600000", dates as ISO, integers as digits,
 * text trimmed; an empty string clears the field. On failure, a French
 * message naming the field and what is expected. */
gboolean            ess_dossier_validate_field (const EssDossier *dossier,
                                                EssDossierField   field,
                                                const char       *typed,
                                                char            **normalized,
                                                GError          **error);

/* Parses a French date as typed ("05/03/2024", "5/3/2024") or ISO
 * ("2024-03-05"); returns the ISO text or NULL with an error. */
char               *ess_date_parse             (const char       *typed,
                                                GError          **error);
/* "05/03/2024" from "2024-03-05"; "" for NULL. */
char               *ess_date_format            (const char       *iso);
/* "5 mars 2024" from "2024-03-05"; "" for NULL. */
char               *ess_date_format_long       (const char       *iso);

/* The next free reference of a scheme and year, given the references
 * already used: "APT-2026-001", then "APT-2026-002"... */
char               *ess_reference_next         (const char       *scheme,
                                                int               year,
                                                const char * const *used);

/* Sorts an array of INSEE codes (char *) in the order a dossier keeps its
 * communes. The elements are compared as strings, not as pointers, so the
 * order never depends on where the strings live in memory. */
void                ess_commune_codes_sort     (GPtrArray        *codes);

/* Opinions: id "favorable" -> translated label "Favorable". */
const char         *ess_opinion_label          (const char       *opinion_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssDossier, ess_dossier_free)

G_END_DECLS
