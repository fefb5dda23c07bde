/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the dossier fields: what the editor accepts, how values read, references, dates, the assessment grid. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-assessment.h"
#include "ess-dossier.h"

/* Spelled out as bytes so that the expectations do not depend on the code under test. */
#define NNBSP "\xe2\x80\xaf"
#define NBSP  "\xc2\xa0"
#define EURO  "\xe2\x82\xac"

#define ACCEPTED -1

typedef struct
{
  EssDossierField  field;
  const char      *typed;
  const char      *normalized;  /* when ACCEPTED */
  int              code;        /* ACCEPTED, or the EssDossierError expected */
  const char      *start_on;    /* the dossier's other dates, ISO or NULL */
  const char      *end_on;
} ValidateCase;

static const ValidateCase validate_cases[] = {
  /* Money: what users type, stored as digits of cents. */
  { ESS_FIELD_REQUESTED, "73 000,00 €", "7300000", ACCEPTED },
  { ESS_FIELD_REQUESTED, "73" NNBSP "000,00" NBSP EURO, "7300000", ACCEPTED },
  { ESS_FIELD_REQUESTED, "146000.00", "14600000", ACCEPTED },
  { ESS_FIELD_REQUESTED, "5 933", "593300", ACCEPTED },
  { ESS_FIELD_PROPOSED, "4730", "473000", ACCEPTED },
  { ESS_FIELD_GRANTED, "15 000 €", "1500000", ACCEPTED },
  { ESS_FIELD_GRANTED, "0,05", "5", ACCEPTED },
  { ESS_FIELD_GRANTED, "  12,3  ", "1230", ACCEPTED },
  { ESS_FIELD_GRANTED, "-0", "0", ACCEPTED },
  /* The largest gint64: 9 223 372 036 854 775 807 cents. */
  { ESS_FIELD_PROPOSED, "92 233 720 368 547 758,07", "9223372036854775807", ACCEPTED },
  /* Cleared: the store keeps 0. */
  { ESS_FIELD_REQUESTED, "", "0", ACCEPTED },
  { ESS_FIELD_REQUESTED, "   ", "0", ACCEPTED },
  { ESS_FIELD_REQUESTED, NULL, "0", ACCEPTED },
  { ESS_FIELD_REQUESTED, "-5", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_PROPOSED, "-0,50", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_GRANTED, "-73 000,00 €", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REQUESTED, "abc", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REQUESTED, "1,234", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REQUESTED, "12 34", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REQUESTED, "92 233 720 368 547 758,08", NULL, ESS_DOSSIER_ERROR_INVALID },

  /* Dates, French and ISO, stored as ISO. */
  { ESS_FIELD_SUBMITTED_ON, "05/03/2024", "2024-03-05", ACCEPTED },
  { ESS_FIELD_SUBMITTED_ON, "5/3/2024", "2024-03-05", ACCEPTED },
  { ESS_FIELD_SUBMITTED_ON, "05.03.2024", "2024-03-05", ACCEPTED },
  { ESS_FIELD_SUBMITTED_ON, "2024-03-05", "2024-03-05", ACCEPTED },
  { ESS_FIELD_COMMITTEE_ON, " 29/02/2024 ", "2024-02-29", ACCEPTED },
  /* 2000 is a multiple of 400: a leap year; 1900 is not. */
  { ESS_FIELD_DECIDED_ON, "29/02/2000", "2000-02-29", ACCEPTED },
  { ESS_FIELD_DECIDED_ON, "29/02/1900", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_DECIDED_ON, "29/02/2023", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "31/12/2013", "2013-12-31", ACCEPTED },
  { ESS_FIELD_AGREEMENT_ON, "31/02/2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "31/04/2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "00/01/2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "01/13/2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "2024-02-30", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "2024-3-5", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "05/03/24", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "05/03.2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "05-03-2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "2024/03/05", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "005/03/2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "2024-03-05x", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "05/03/0224", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "mardi", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_AGREEMENT_ON, "", "", ACCEPTED },

  /* A project does not end before it starts; the same day is fine. */
  { ESS_FIELD_END_ON, "28/02/2024", NULL, ESS_DOSSIER_ERROR_DATES, "2024-03-01", NULL },
  { ESS_FIELD_END_ON, "2023-12-31", NULL, ESS_DOSSIER_ERROR_DATES, "2024-01-01", NULL },
  { ESS_FIELD_END_ON, "01/03/2024", "2024-03-01", ACCEPTED, "2024-03-01", NULL },
  { ESS_FIELD_END_ON, "31/12/2024", "2024-12-31", ACCEPTED, "2024-03-01", NULL },
  { ESS_FIELD_END_ON, "28/02/2024", "2024-02-28", ACCEPTED, NULL, NULL },
  { ESS_FIELD_END_ON, "", "", ACCEPTED, "2024-03-01", NULL },
  { ESS_FIELD_START_ON, "02/03/2024", NULL, ESS_DOSSIER_ERROR_DATES, NULL, "2024-03-01" },
  { ESS_FIELD_START_ON, "01/03/2024", "2024-03-01", ACCEPTED, NULL, "2024-03-01" },
  { ESS_FIELD_START_ON, "01/01/2012", "2012-01-01", ACCEPTED, NULL, "2013-12-31" },
  { ESS_FIELD_START_ON, "", "", ACCEPTED, NULL, "2013-12-31" },
  /* Only the project's own dates are compared. */
  { ESS_FIELD_SUBMITTED_ON, "01/01/2030", "2030-01-01", ACCEPTED, "2024-01-01", "2024-12-31" },
  { ESS_FIELD_DECIDED_ON, "01/01/2000", "2000-01-01", ACCEPTED, "2024-01-01", "2024-12-31" },

  /* Year. */
  { ESS_FIELD_YEAR, "2024", "2024", ACCEPTED },
  { ESS_FIELD_YEAR, " 2013 ", "2013", ACCEPTED },
  { ESS_FIELD_YEAR, "1900", "1900", ACCEPTED },
  { ESS_FIELD_YEAR, "2200", "2200", ACCEPTED },
  { ESS_FIELD_YEAR, "1899", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "2201", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "-2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "+2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "20 24", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "2024.5", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "deux mille", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_YEAR, "", NULL, ESS_DOSSIER_ERROR_REQUIRED },

  /* Volet. */
  { ESS_FIELD_VOLET, "1", "1", ACCEPTED },
  { ESS_FIELD_VOLET, "2", "2", ACCEPTED },
  { ESS_FIELD_VOLET, "", "", ACCEPTED },
  { ESS_FIELD_VOLET, "0", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_VOLET, "-1", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_VOLET, "un", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_VOLET, "99999999999", NULL, ESS_DOSSIER_ERROR_INVALID },

  /* Reference. */
  { ESS_FIELD_REFERENCE, "APT-2024-001", "APT-2024-001", ACCEPTED },
  { ESS_FIELD_REFERENCE, "  APT-2012-001 ", "APT-2012-001", ACCEPTED },
  { ESS_FIELD_REFERENCE, "CONV/2024_07", "CONV/2024_07", ACCEPTED },
  { ESS_FIELD_REFERENCE, "abcdefghij0123456789ABCDEFGHIJ0123456789", "abcdefghij0123456789ABCDEFGHIJ0123456789", ACCEPTED },
  { ESS_FIELD_REFERENCE, "abcdefghij0123456789ABCDEFGHIJ01234567890", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REFERENCE, "APT 2024", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REFERENCE, "APT-2024-ÉTÉ", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REFERENCE, "APT;DROP", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_REFERENCE, "", NULL, ESS_DOSSIER_ERROR_REQUIRED },
  { ESS_FIELD_REFERENCE, " \t", NULL, ESS_DOSSIER_ERROR_REQUIRED },

  /* Text. */
  { ESS_FIELD_TITLE, "  Ciné cité social  ", "Ciné cité social", ACCEPTED },
  { ESS_FIELD_TITLE, "", NULL, ESS_DOSSIER_ERROR_REQUIRED },
  { ESS_FIELD_TITLE, "   ", NULL, ESS_DOSSIER_ERROR_REQUIRED },
  { ESS_FIELD_TITLE, NULL, NULL, ESS_DOSSIER_ERROR_REQUIRED },
  { ESS_FIELD_TITLE, "\xff", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_DESCRIPTION, "", "", ACCEPTED },
  { ESS_FIELD_DESCRIPTION, "Ligne 1\nLigne 2\n", "Ligne 1\nLigne 2", ACCEPTED },
  { ESS_FIELD_AXIS, " Axe 2 ", "Axe 2", ACCEPTED },
  { ESS_FIELD_PARTNERS, "MAILLAGE, APES", "MAILLAGE, APES", ACCEPTED },
  { ESS_FIELD_CONDITIONS, "", "", ACCEPTED },
  { ESS_FIELD_NOTES, "  à revoir  ", "à revoir", ACCEPTED },

  /* Scheme and applicant. */
  { ESS_FIELD_SCHEME, "APT", "APT", ACCEPTED },
  { ESS_FIELD_SCHEME, " CONVENTION ", "CONVENTION", ACCEPTED },
  { ESS_FIELD_SCHEME, "A P T", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_SCHEME, "", NULL, ESS_DOSSIER_ERROR_REQUIRED },
  { ESS_FIELD_APPLICANT, "", "", ACCEPTED },
  { ESS_FIELD_APPLICANT, "12", "12", ACCEPTED },
  { ESS_FIELD_APPLICANT, "0", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_APPLICANT, "Ville de Lille", NULL, ESS_DOSSIER_ERROR_INVALID },

  /* Opinion: the ids of the fixed set only. */
  { ESS_FIELD_OPINION, "favorable", "favorable", ACCEPTED },
  { ESS_FIELD_OPINION, "reserved", "reserved", ACCEPTED },
  { ESS_FIELD_OPINION, "unfavorable", "unfavorable", ACCEPTED },
  { ESS_FIELD_OPINION, "", "", ACCEPTED },
  { ESS_FIELD_OPINION, "Favorable", NULL, ESS_DOSSIER_ERROR_INVALID },
  { ESS_FIELD_OPINION, "yes", NULL, ESS_DOSSIER_ERROR_INVALID },
};

static const char *
label_of (EssDossierField field)
{
  return g_dgettext (GETTEXT_PACKAGE, ess_dossier_field_info (field)->label);
}

static void
test_validate (gconstpointer data)
{
  const ValidateCase *c = data;
  g_autoptr(EssDossier) dossier = ess_dossier_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean ok;

  dossier->start_on = g_strdup (c->start_on);
  dossier->end_on = g_strdup (c->end_on);

  ok = ess_dossier_validate_field (dossier, c->field, c->typed, &normalized, &error);

  if (c->code == ACCEPTED)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (normalized, ==, c->normalized);
    }
  else
    {
      g_assert_error (error, ESS_DOSSIER_ERROR, c->code);
      g_assert_false (ok);
      g_assert_null (normalized);
      /* The message names the field, but for the dates' order which names both dates. */
      if (c->code != ESS_DOSSIER_ERROR_DATES)
        g_assert_nonnull (strstr (error->message, label_of (c->field)));
    }
}

static void
test_dates_message (void)
{
  g_autoptr(EssDossier) dossier = ess_dossier_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  /* Both dates in the French form, so the user sees what to fix. */
  dossier->start_on = g_strdup ("2024-03-01");
  g_assert_false (ess_dossier_validate_field (dossier, ESS_FIELD_END_ON, "2024-02-28", &normalized, &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_DATES);
  g_assert_nonnull (strstr (error->message, "28/02/2024"));
  g_assert_nonnull (strstr (error->message, "01/03/2024"));
  g_clear_error (&error);

  g_clear_pointer (&dossier->start_on, g_free);
  dossier->end_on = g_strdup ("2013-12-31");
  g_assert_false (ess_dossier_validate_field (dossier, ESS_FIELD_START_ON, "1/1/2014", &normalized, &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_DATES);
  g_assert_nonnull (strstr (error->message, "01/01/2014"));
  g_assert_nonnull (strstr (error->message, "31/12/2013"));

  /* No dossier: nothing to compare with. */
  g_assert_true (ess_dossier_validate_field (NULL, ESS_FIELD_END_ON, "2024-02-28", &normalized, NULL));
  g_assert_cmpstr (normalized, ==, "2024-02-28");
}

static void
test_negative_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  g_assert_false (ess_dossier_validate_field (NULL, ESS_FIELD_GRANTED, "-10", &normalized, &error));
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, label_of (ESS_FIELD_GRANTED)));
  g_assert_nonnull (strstr (error->message, "negative"));
}

static void
test_field_info (void)
{
  static const char * const ids[ESS_N_FIELDS] = {
    "reference", "title", "description", "scheme", "volet", "axis", "year",
    "applicant", "requested", "proposed", "granted", "submitted-on",
    "committee-on", "decided-on", "agreement-on", "start-on", "end-on",
    "partners", "opinion", "conditions", "notes",
  };
  static const char * const labels[ESS_N_FIELDS] = {
    "Reference", "Title", "Description", "Scheme", "Volet", "Axis", "Year",
    "Applicant", "Requested amount", "Proposed amount", "Granted amount",
    "Submission date", "Committee date", "Decision date", "Agreement date",
    "Start date", "End date", "Partners", "Opinion", "Conditions", "Private notes",
  };
  static const EssFieldKind kinds[ESS_N_FIELDS] = {
    [ESS_FIELD_REFERENCE] = ESS_FIELD_KIND_TEXT,
    [ESS_FIELD_TITLE] = ESS_FIELD_KIND_TEXT,
    [ESS_FIELD_DESCRIPTION] = ESS_FIELD_KIND_TEXT,
    [ESS_FIELD_SCHEME] = ESS_FIELD_KIND_CHOICE,
    [ESS_FIELD_VOLET] = ESS_FIELD_KIND_INTEGER,
    [ESS_FIELD_AXIS] = ESS_FIELD_KIND_TEXT,
    [ESS_FIELD_YEAR] = ESS_FIELD_KIND_INTEGER,
    [ESS_FIELD_APPLICANT] = ESS_FIELD_KIND_CHOICE,
    [ESS_FIELD_REQUESTED] = ESS_FIELD_KIND_MONEY,
    [ESS_FIELD_PROPOSED] = ESS_FIELD_KIND_MONEY,
    [ESS_FIELD_GRANTED] = ESS_FIELD_KIND_MONEY,
    [ESS_FIELD_SUBMITTED_ON] = ESS_FIELD_KIND_DATE,
    [ESS_FIELD_COMMITTEE_ON] = ESS_FIELD_KIND_DATE,
    [ESS_FIELD_DECIDED_ON] = ESS_FIELD_KIND_DATE,
    [ESS_FIELD_AGREEMENT_ON] = ESS_FIELD_KIND_DATE,
    [ESS_FIELD_START_ON] = ESS_FIELD_KIND_DATE,
    [ESS_FIELD_END_ON] = ESS_FIELD_KIND_DATE,
    [ESS_FIELD_PARTNERS] = ESS_FIELD_KIND_TEXT,
    [ESS_FIELD_OPINION] = ESS_FIELD_KIND_CHOICE,
    [ESS_FIELD_CONDITIONS] = ESS_FIELD_KIND_TEXT,
    [ESS_FIELD_NOTES] = ESS_FIELD_KIND_TEXT,
  };
  EssDossierField field;

  for (guint i = 0; i < ESS_N_FIELDS; i++)
    {
      const EssFieldInfo *info = ess_dossier_field_info (i);
      /* The columns the store cannot leave empty, and the title. */
      gboolean required = i == ESS_FIELD_REFERENCE || i == ESS_FIELD_TITLE ||
                          i == ESS_FIELD_SCHEME || i == ESS_FIELD_YEAR;

      g_assert_nonnull (info);
      g_assert_cmpint (info->field, ==, i);
      g_assert_cmpstr (info->id, ==, ids[i]);
      g_assert_cmpstr (info->label, ==, labels[i]);
      g_assert_cmpint (info->kind, ==, kinds[i]);
      g_assert_cmpint (info->required, ==, required);

      field = ESS_N_FIELDS;
      g_assert_true (ess_dossier_field_from_id (ids[i], &field));
      g_assert_cmpint (field, ==, i);
    }

  field = ESS_FIELD_TITLE;
  g_assert_true (ess_dossier_field_from_id ("notes", NULL));
  g_assert_false (ess_dossier_field_from_id ("Title", &field));
  g_assert_false (ess_dossier_field_from_id ("submitted_on", &field));
  g_assert_false (ess_dossier_field_from_id ("status", &field));
  g_assert_false (ess_dossier_field_from_id ("", &field));
  g_assert_false (ess_dossier_field_from_id (NULL, &field));
  g_assert_cmpint (field, ==, ESS_FIELD_TITLE);
}

static void
test_new_and_copy (void)
{
  g_autoptr(EssDossier) dossier = ess_dossier_new ();
  g_autoptr(EssDossier) copy = NULL;
  g_autoptr(EssDossier) bare = NULL;

  g_assert_nonnull (dossier->communes);
  g_assert_null (dossier->communes[0]);
  g_assert_cmpint (dossier->status, ==, ESS_STATUS_SUBMITTED);
  g_assert_null (dossier->start_on);
  g_assert_null (dossier->deleted_at);

  dossier->id = 7;
  g_free (dossier->reference);
  dossier->reference = g_strdup ("APT-2013-003");
  g_free (dossier->title);
  dossier->title = g_strdup ("Ciné cité social");
  dossier->volet = 1;
  dossier->year = 2013;
  dossier->status = ESS_STATUS_CLOSED;
  dossier->applicant_id = 4;
  dossier->applicant_name = g_strdup ("Travail et Culture");
  dossier->granted_cents = 473000;
  dossier->start_on = g_strdup ("2013-01-01");
  g_strfreev (dossier->communes);
  dossier->communes = g_strsplit ("59350,59360,59512", ",", -1);

  copy = ess_dossier_copy (dossier);
  g_assert_cmpint (copy->id, ==, 7);
  g_assert_cmpstr (copy->reference, ==, "APT-2013-003");
  g_assert_true (copy->reference != dossier->reference);
  g_assert_cmpstr (copy->title, ==, "Ciné cité social");
  g_assert_cmpint (copy->volet, ==, 1);
  g_assert_cmpint (copy->year, ==, 2013);
  g_assert_cmpint (copy->status, ==, ESS_STATUS_CLOSED);
  g_assert_cmpint (copy->applicant_id, ==, 4);
  g_assert_cmpstr (copy->applicant_name, ==, "Travail et Culture");
  g_assert_cmpint (copy->granted_cents, ==, 473000);
  g_assert_cmpstr (copy->start_on, ==, "2013-01-01");
  g_assert_null (copy->end_on);
  g_assert_cmpuint (g_strv_length (copy->communes), ==, 3);
  g_assert_cmpstr (copy->communes[2], ==, "59512");
  g_assert_true (copy->communes != dossier->communes);

  /* A dossier filled by hand without communes still copies to an empty list. */
  g_clear_pointer (&dossier->communes, g_strfreev);
  bare = ess_dossier_copy (dossier);
  g_assert_nonnull (bare->communes);
  g_assert_null (bare->communes[0]);

  ess_dossier_free (NULL);
}

typedef struct
{
  EssDossierField  field;
  const char      *display;
} DisplayCase;

static void
test_display (void)
{
  g_autoptr(EssDossier) dossier = ess_dossier_new ();
  const DisplayCase cases[] = {
    { ESS_FIELD_REFERENCE, "APT-2012-001" },
    { ESS_FIELD_TITLE, "Transfert de savoir-faire" },
    { ESS_FIELD_DESCRIPTION, "" },
    { ESS_FIELD_SCHEME, "APT" },
    { ESS_FIELD_VOLET, "2" },
    { ESS_FIELD_AXIS, "" },
    { ESS_FIELD_YEAR, "2012" },
    { ESS_FIELD_APPLICANT, "Ville de Lille" },
    /* 14 600 000 cents = 146 000,00 €. */
    { ESS_FIELD_REQUESTED, "146" NNBSP "000,00" NBSP EURO },
    { ESS_FIELD_PROPOSED, "0,00" NBSP EURO },
    /* 593 300 cents = 5 933,00 €. */
    { ESS_FIELD_GRANTED, "5" NNBSP "933,00" NBSP EURO },
    { ESS_FIELD_SUBMITTED_ON, "05/03/2012" },
    { ESS_FIELD_COMMITTEE_ON, "" },
    { ESS_FIELD_DECIDED_ON, "" },
    { ESS_FIELD_AGREEMENT_ON, "" },
    { ESS_FIELD_START_ON, "01/01/2012" },
    { ESS_FIELD_END_ON, "31/12/2013" },
    { ESS_FIELD_PARTNERS, "MAILLAGE" },
    { ESS_FIELD_OPINION, "Reserved" },
    { ESS_FIELD_CONDITIONS, "" },
    { ESS_FIELD_NOTES, "à suivre" },
  };

  g_free (dossier->reference);
  dossier->reference = g_strdup ("APT-2012-001");
  g_free (dossier->title);
  dossier->title = g_strdup ("Transfert de savoir-faire");
  g_free (dossier->scheme);
  dossier->scheme = g_strdup ("APT");
  dossier->volet = 2;
  dossier->year = 2012;
  dossier->applicant_id = 1;
  dossier->applicant_name = g_strdup ("Ville de Lille");
  dossier->requested_cents = 14600000;
  dossier->granted_cents = 593300;
  dossier->submitted_on = g_strdup ("2012-03-05");
  dossier->start_on = g_strdup ("2012-01-01");
  dossier->end_on = g_strdup ("2013-12-31");
  g_free (dossier->partners);
  dossier->partners = g_strdup ("MAILLAGE");
  g_free (dossier->opinion);
  dossier->opinion = g_strdup ("reserved");
  g_free (dossier->notes);
  dossier->notes = g_strdup ("à suivre");

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == ESS_N_FIELDS);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *display = ess_dossier_get_display (dossier, cases[i].field);

      if (cases[i].field == ESS_FIELD_OPINION)
        g_assert_cmpstr (display, ==, g_dgettext (GETTEXT_PACKAGE, cases[i].display));
      else
        g_assert_cmpstr (display, ==, cases[i].display);
    }

  /* Nothing set: never NULL. */
  {
    g_autoptr(EssDossier) empty = ess_dossier_new ();
    g_autofree char *opinion = ess_dossier_get_display (empty, ESS_FIELD_OPINION);

    for (guint i = 0; i < ESS_N_FIELDS; i++)
      {
        g_autofree char *display = ess_dossier_get_display (empty, i);

        g_assert_nonnull (display);
      }
    g_assert_cmpstr (opinion, ==, g_dgettext (GETTEXT_PACKAGE, "No opinion"));
  }
}

typedef struct
{
  const char *iso;
  const char *short_form;
  const char *long_form;
} DateCase;

static const DateCase date_cases[] = {
  { "2024-03-05", "05/03/2024", "5 mars 2024" },
  { "2024-01-01", "01/01/2024", "1 janvier 2024" },
  { "2024-02-29", "29/02/2024", "29 février 2024" },
  { "2023-04-10", "10/04/2023", "10 avril 2023" },
  { "2013-05-08", "08/05/2013", "8 mai 2013" },
  { "2013-06-21", "21/06/2013", "21 juin 2013" },
  { "2012-07-14", "14/07/2012", "14 juillet 2012" },
  { "2023-08-15", "15/08/2023", "15 août 2023" },
  { "2021-09-30", "30/09/2021", "30 septembre 2021" },
  { "2026-10-02", "02/10/2026", "2 octobre 2026" },
  { "2017-11-17", "17/11/2017", "17 novembre 2017" },
  { "2013-12-31", "31/12/2013", "31 décembre 2013" },
};

static void
test_date_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *short_form = ess_date_format (date_cases[i].iso);
      g_autofree char *long_form = ess_date_format_long (date_cases[i].iso);
      g_autofree char *parsed = ess_date_parse (date_cases[i].short_form, NULL);

      g_assert_cmpstr (short_form, ==, date_cases[i].short_form);
      g_assert_cmpstr (long_form, ==, date_cases[i].long_form);
      g_assert_cmpstr (parsed, ==, date_cases[i].iso);
    }

  {
    g_autofree char *short_null = ess_date_format (NULL);
    g_autofree char *long_null = ess_date_format_long (NULL);

    g_assert_cmpstr (short_null, ==, "");
    g_assert_cmpstr (long_null, ==, "");
  }
}

static void
test_date_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  iso = ess_date_parse ("31/02/2024", &error);
  g_assert_null (iso);
  g_assert_error (error, ESS_DOSSIER_ERROR, ESS_DOSSIER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "31/02/2024"));
  g_clear_error (&error);

  iso = ess_date_parse ("", &error);
  g_assert_null (iso);
  g_assert_nonnull (error);
  g_clear_error (&error);

  iso = ess_date_parse (NULL, &error);
  g_assert_null (iso);
  g_assert_nonnull (error);
  g_clear_error (&error);

  iso = ess_date_parse ("\t1.2.2026\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, "2026-02-01");
}

typedef struct
{
  const char         *scheme;
  int                 year;
  const char * const *used;
  const char         *next;
} ReferenceCase;

static const char * const used_none[] = { NULL };
static const char * const used_two[] = { "APT-2026-001", "APT-2026-002", NULL };
static const char * const used_gap[] = { "APT-2026-007", "APT-2026-002", NULL };
static const char * const used_others[] = { "APT-2025-010", "APP-2026-004", "APT-2026-001", NULL };
static const char * const used_999[] = { "APT-2026-999", "APT-2026-042", NULL };
static const char * const used_odd[] = {
  "APT-2026-01x", "APT-2026-", "APT-2026-12-3", "XAPT-2026-050", "APT-20260-009",
  "APT-2026-99999999999999999999", "APT-2026- 12", "", NULL,
};
static const char * const used_short[] = { "APT-2026-5", NULL };
static const char * const used_case[] = { "apt-2026-004", NULL };
static const char * const used_bis[] = { "APT-2026-041", "APT-2026-041-bis", NULL };
static const char * const used_demo[] = { "APT-2012-001", "APT-2012-002", "APT-2013-001", "APT-2013-002", "APT-2013-003", NULL };

static const ReferenceCase reference_cases[] = {
  { "APT", 2026, NULL, "APT-2026-001" },
  { "APT", 2026, used_none, "APT-2026-001" },
  { "APT", 2026, used_two, "APT-2026-003" },
  /* After the highest, not after the count: 002 and 007 give 008. */
  { "APT", 2026, used_gap, "APT-2026-008" },
  { "APT", 2026, used_others, "APT-2026-002" },
  { "APP", 2026, used_others, "APP-2026-005" },
  { "APT", 2025, used_others, "APT-2025-011" },
  { "AMI", 2026, used_others, "AMI-2026-001" },
  /* 3 digits at least, more when needed. */
  { "APT", 2026, used_999, "APT-2026-1000" },
  { "APT", 2026, used_odd, "APT-2026-001" },
  { "APT", 2026, used_short, "APT-2026-006" },
  { "APT", 2026, used_case, "APT-2026-005" },
  { "APT", 2026, used_bis, "APT-2026-042" },
  { "APT", 2013, used_demo, "APT-2013-004" },
  { "CONVENTION", 2024, used_demo, "CONVENTION-2024-001" },
};

static void
test_reference_next (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reference_cases); i++)
    {
      const ReferenceCase *c = &reference_cases[i];
      g_autofree char *next = ess_reference_next (c->scheme, c->year, c->used);

      g_assert_cmpstr (next, ==, c->next);
    }
}

static void
test_opinion_label (void)
{
  g_assert_cmpstr (ess_opinion_label ("favorable"), ==, g_dgettext (GETTEXT_PACKAGE, "Favorable"));
  g_assert_cmpstr (ess_opinion_label ("reserved"), ==, g_dgettext (GETTEXT_PACKAGE, "Reserved"));
  g_assert_cmpstr (ess_opinion_label ("unfavorable"), ==, g_dgettext (GETTEXT_PACKAGE, "Unfavorable"));
  g_assert_cmpstr (ess_opinion_label (""), ==, g_dgettext (GETTEXT_PACKAGE, "No opinion"));
  g_assert_cmpstr (ess_opinion_label (NULL), ==, g_dgettext (GETTEXT_PACKAGE, "No opinion"));
  /* An id of a newer version is shown as it is rather than lost. */
  g_assert_cmpstr (ess_opinion_label ("mixed"), ==, "mixed");
}

static void
test_assessment_criteria (void)
{
  static const char * const ids[] = {
    "social-utility", "territorial-roots", "cooperation", "democratic-governance",
    "economic-viability", "jobs", "transferability",
  };
  static const char * const labels[] = {
    "Social utility", "Territorial roots", "Cooperation and partnerships",
    "Democratic governance", "Economic viability", "Job creation or preservation",
    "Transferability and spreading",
  };
  guint n = 0;
  const EssCriterion *criteria = ess_assessment_default_criteria (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (criteria[i].id, ==, ids[i]);
      g_assert_cmpstr (criteria[i].label, ==, labels[i]);
      g_assert_cmpstr (ess_criterion_label (ids[i]), ==, g_dgettext (GETTEXT_PACKAGE, labels[i]));
    }

  g_assert_null (ess_criterion_label ("social_utility"));
  g_assert_null (ess_criterion_label (""));
  g_assert_null (ess_criterion_label (NULL));
  g_assert_true (ess_assessment_default_criteria (NULL) == criteria);
}

static void
test_assessment_total (void)
{
  /* 3 + 2 + 0 + 1 = 6 out of 4 scored x 3 = 12; the -1 ones are left out. */
  static const int scores[] = { 3, -1, 2, 0, -1, 1, -1 };
  static const int none[] = { -1, -1 };
  /* A damaged 7 counts as 3: 3 + 1 = 4 out of 6. */
  static const int damaged[] = { 7, 1 };
  int total = -5, maximum = -5;

  ess_assessment_total (scores, G_N_ELEMENTS (scores), &total, &maximum);
  g_assert_cmpint (total, ==, 6);
  g_assert_cmpint (maximum, ==, 12);

  ess_assessment_total (none, G_N_ELEMENTS (none), &total, &maximum);
  g_assert_cmpint (total, ==, 0);
  g_assert_cmpint (maximum, ==, 0);

  ess_assessment_total (NULL, 0, &total, &maximum);
  g_assert_cmpint (total, ==, 0);
  g_assert_cmpint (maximum, ==, 0);

  ess_assessment_total (damaged, G_N_ELEMENTS (damaged), &total, NULL);
  g_assert_cmpint (total, ==, 4);
}

/* The codes live in one buffer, in an order of addresses that differs from
 * their order as text: a sort on the pointers would keep "59350" first. */
static void
test_commune_codes_sort (void)
{
  static const char buffer[] = "59350\0" "59009\0" "59512\0" "59017";
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (codes, (gpointer) (buffer + 6 * i));
  ess_commune_codes_sort (codes);

  g_assert_cmpstr (g_ptr_array_index (codes, 0), ==, "59009");
  g_assert_cmpstr (g_ptr_array_index (codes, 1), ==, "59017");
  g_assert_cmpstr (g_ptr_array_index (codes, 2), ==, "59350");
  g_assert_cmpstr (g_ptr_array_index (codes, 3), ==, "59512");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (validate_cases); i++)
    {
      const ValidateCase *c = &validate_cases[i];
      g_autofree char *path = g_strdup_printf ("/dossier/validate/%s/%" G_GSIZE_FORMAT,
                                               ess_dossier_field_info (c->field)->id, i);

      g_test_add_data_func (path, c, test_validate);
    }
  g_test_add_func ("/dossier/validate/dates-message", test_dates_message);
  g_test_add_func ("/dossier/validate/negative-message", test_negative_message);
  g_test_add_func ("/dossier/field-info", test_field_info);
  g_test_add_func ("/dossier/new-and-copy", test_new_and_copy);
  g_test_add_func ("/dossier/display", test_display);
  g_test_add_func ("/dossier/date/format", test_date_format);
  g_test_add_func ("/dossier/date/parse", test_date_parse);
  g_test_add_func ("/dossier/reference-next", test_reference_next);
  g_test_add_func ("/dossier/opinion-label", test_opinion_label);
  g_test_add_func ("/dossier/commune-codes-sort", test_commune_codes_sort);
  g_test_add_func ("/dossier/assessment/criteria", test_assessment_criteria);
  g_test_add_func ("/dossier/assessment/total", test_assessment_total);

  return g_test_run ();
}
