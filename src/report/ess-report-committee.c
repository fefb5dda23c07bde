/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The committee pack: a cover table of the dossiers, their totals and envelopes, then each fiche. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-dossier.h"
#include "ess-money.h"
#include "ess-report.h"
#include "ess-report-private.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"

/* What the cover says of one scheme and year. */
typedef struct
{
  char   *scheme;
  int     year;
  gint64  envelope;      /* -1: none */
  gint64  granted;       /* granted to the dossiers of that year not in the pack */
  gint64  presented;     /* proposed for the dossiers of the pack */
  guint   count;
} EnvelopeLine;

static void
envelope_line_free (gpointer data)
{
  EnvelopeLine *line = data;

  g_free (line->scheme);
  g_free (line);
}

/* The statuses whose granted amount the envelopes count as granted. */
static gboolean
counts_as_granted (EssStatus status)
{
  return status == ESS_STATUS_GRANTED || status == ESS_STATUS_AGREEMENT_SIGNED || status == ESS_STATUS_CLOSED;
}

static EnvelopeLine *
find_line (GPtrArray  *lines,
           const char *scheme,
           int         year)
{
  EnvelopeLine *line;

  for (guint i = 0; i < lines->len; i++)
    {
      line = g_ptr_array_index (lines, i);
      if (line->year == year && g_strcmp0 (line->scheme, scheme) == 0)
        return line;
    }

  line = g_new0 (EnvelopeLine, 1);
  line->scheme = g_strdup (scheme);
  line->year = year;
  line->envelope = -1;
  g_ptr_array_add (lines, line);
  return line;
}

static char *
alert_or_plain (const char *text,
                gboolean    alert)
{
  return alert ? ess_report_markup_alert (text) : g_markup_escape_text (text, -1);
}

static gboolean
add_cover (EssReport         *self,
           EssReportSources  *sources,
           GPtrArray         *dossiers,
           const char        *title,
           GError           **error)
{
  g_autoptr(GPtrArray) envelopes = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (envelope_line_free);
  gint64 requested = 0, proposed = 0;
  gboolean overflow = FALSE;
  g_autofree char *count = NULL;
  g_autofree char *detail = NULL;
  EssReportBlock *table;
  guint row;

  envelopes = ess_store_list_envelopes (sources->store, error);
  if (envelopes == NULL)
    return FALSE;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dossier", "%u dossiers", dossiers->len),
                           dossiers->len);
  for (guint i = 0; i < dossiers->len; i++)
    {
      EssDossier *dossier = g_ptr_array_index (dossiers, i);

      overflow |= !ess_money_add (requested, dossier->requested_cents, &requested);
      overflow |= !ess_money_add (proposed, dossier->proposed_cents, &proposed);
    }
  if (overflow)
    detail = g_markup_escape_text (count, -1);
  else
    {
      g_autofree char *total = ess_money_format (proposed);

      /* TRANSLATORS: on the cover of a committee pack: how many dossiers, and the total proposed */
      detail = g_markup_printf_escaped (_("%s\nProposed: <b>%s</b>"), count, total);
    }
  ess_report_begin_section (self, title);
  ess_report_add_band (self, _("Committee pack"), title, _("Selection committee of the ESS funding schemes"),
                       NULL, detail);

  ess_report_add_heading (self, _("Dossiers presented"));
  table = ess_report_add_table (self);
  ess_report_table_add_column (table, _("Reference"), ESS_REPORT_ALIGN_LEFT, 0);
  ess_report_table_add_column (table, _("Applicant"), ESS_REPORT_ALIGN_LEFT, 0.7);
  ess_report_table_add_column (table, _("Project"), ESS_REPORT_ALIGN_LEFT, 1.3);
  ess_report_table_add_column (table, _("Requested"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Proposed"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Opinion"), ESS_REPORT_ALIGN_LEFT, 0);
  /* TRANSLATORS: a column of the committee pack's cover: how many findings each fiche shows */
  ess_report_table_add_column (table, _("Points to look at"), ESS_REPORT_ALIGN_CENTER, 0);

  for (guint i = 0; i < dossiers->len; i++)
    {
      EssDossier *dossier = g_ptr_array_index (dossiers, i);
      g_autofree char *req = ess_money_format (dossier->requested_cents);
      g_autofree char *prop = ess_money_format (dossier->proposed_cents);
      EnvelopeLine *line = find_line (lines, dossier->scheme, dossier->year);

      row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      ess_report_table_set (table, row, 0, dossier->reference);
      ess_report_table_set (table, row, 1, dossier->applicant_name ? dossier->applicant_name : "—");
      ess_report_table_set (table, row, 2, dossier->title);
      ess_report_table_set (table, row, 3, req);
      ess_report_table_set (table, row, 4, prop);
      ess_report_table_set (table, row, 5, ess_opinion_label (dossier->opinion));
      {
        g_autoptr(GPtrArray) findings = ess_store_dossier_findings (sources->store, dossier->id, error);
        guint n_points = 0;

        if (findings == NULL)
          return FALSE;
        for (guint f = 0; f < findings->len; f++)
          n_points += ((EssFinding *) g_ptr_array_index (findings, f))->severity != ESS_SEVERITY_INFO;
        if (n_points > 0)
          {
            g_autofree char *text = g_strdup_printf ("%u", n_points);
            g_autofree char *markup = alert_or_plain (text, ess_findings_worst (findings) == ESS_SEVERITY_ERROR);

            ess_report_table_set_markup (table, row, 6, markup);
          }
        else
          ess_report_table_set (table, row, 6, "—");
      }

      overflow |= !ess_money_add (line->presented, dossier->proposed_cents, &line->presented);
      line->count++;
    }

  row = ess_report_table_add_row (table, ESS_REPORT_ROW_TOTAL);
  ess_report_table_set (table, row, 0, _("Total"));
  ess_report_table_set (table, row, 2, count);
  if (!overflow)
    {
      g_autofree char *req = ess_money_format (requested);
      g_autofree char *prop = ess_money_format (proposed);

      ess_report_table_set (table, row, 3, req);
      ess_report_table_set (table, row, 4, prop);
    }

  /* Envelopes: what is granted already to other dossiers of the year, and
   * what would remain if the committee followed the proposals. */
  for (guint i = 0; i < lines->len; i++)
    {
      EnvelopeLine *line = g_ptr_array_index (lines, i);
      gint64 pack_granted = 0;

      for (guint e = 0; e < envelopes->len; e++)
        {
          EssEnvelopeRow *envelope = g_ptr_array_index (envelopes, e);

          if (envelope->year == line->year && g_strcmp0 (envelope->scheme, line->scheme) == 0)
            {
              line->envelope = envelope->envelope_cents;
              line->granted = envelope->granted_cents;
            }
        }
      for (guint d = 0; d < dossiers->len; d++)
        {
          EssDossier *dossier = g_ptr_array_index (dossiers, d);

          if (dossier->year == line->year && g_strcmp0 (dossier->scheme, line->scheme) == 0 &&
              dossier->deleted_at == NULL && counts_as_granted (dossier->status))
            overflow |= !ess_money_add (pack_granted, dossier->granted_cents, &pack_granted);
        }
      overflow |= !ess_money_sub (line->granted, pack_granted, &line->granted);
    }

  ess_report_add_heading (self, _("Envelopes"));
  ess_report_add_text (self, ESS_REPORT_TEXT_MUTED,
                       _("Already granted: the amounts granted to the other dossiers of the scheme and year. "
                         "Remaining: the envelope minus what is already granted and what is proposed here."));
  table = ess_report_add_table (self);
  ess_report_table_add_column (table, _("Scheme"), ESS_REPORT_ALIGN_LEFT, 1.0);
  ess_report_table_add_column (table, _("Year"), ESS_REPORT_ALIGN_LEFT, 0);
  ess_report_table_add_column (table, _("Envelope"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Already granted"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Proposed here"), ESS_REPORT_ALIGN_RIGHT, 0);
  ess_report_table_add_column (table, _("Remaining"), ESS_REPORT_ALIGN_RIGHT, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      EnvelopeLine *line = g_ptr_array_index (lines, i);
      g_autofree char *year = g_strdup_printf ("%d", line->year);
      g_autofree char *granted = ess_money_format (line->granted);
      g_autofree char *presented = ess_money_format (line->presented);
      const char *scheme = g_hash_table_lookup (sources->schemes, line->scheme);
      g_autofree char *scheme_text = g_strdup_printf ("%s — %s", line->scheme, scheme ? scheme : "");

      row = ess_report_table_add_row (table, ESS_REPORT_ROW_BODY);
      ess_report_table_set (table, row, 0, scheme_text);
      ess_report_table_set (table, row, 1, year);
      ess_report_table_set (table, row, 3, granted);
      ess_report_table_set (table, row, 4, presented);
      if (line->envelope < 0)
        {
          ess_report_table_set (table, row, 2, _("None"));
          ess_report_table_set (table, row, 5, "—");
        }
      else
        {
          g_autofree char *envelope = ess_money_format (line->envelope);
          gint64 remaining = 0;

          ess_report_table_set (table, row, 2, envelope);
          if (ess_money_sub (line->envelope, line->granted, &remaining) &&
              ess_money_sub (remaining, line->presented, &remaining))
            {
              g_autofree char *text = ess_money_format (remaining);
              g_autofree char *markup = alert_or_plain (text, remaining < 0);

              ess_report_table_set_markup (table, row, 5, markup);
            }
        }
    }

  if (overflow)
    ess_report_add_text (self, ESS_REPORT_TEXT_BODY, _("Some totals are too large to be computed."));

  return TRUE;
}

EssReport *
ess_report_new_committee (EssStore      *store,
                          const gint64  *ids,
                          guint          n_ids,
                          const char    *title,
                          GError       **error)
{
  g_autoptr(EssReportSources) sources = NULL;
  g_autoptr(EssReport) self = NULL;
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_free);
  const char *pack_title = title != NULL && title[0] != '\0' ? title : _("Selection committee");

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);
  g_return_val_if_fail (n_ids > 0, NULL);

  sources = ess_report_sources_new (store, error);
  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      EssDossier *dossier = ess_store_load_dossier (store, ids[i], error);

      if (dossier == NULL)
        return NULL;
      g_ptr_array_add (dossiers, dossier);
    }

  self = ess_report_new (pack_title);
  if (!add_cover (self, sources, dossiers, pack_title, error))
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    if (!ess_report_add_fiche (self, sources, ids[i], FALSE, pack_title, error))
      return NULL;

  return g_steal_pointer (&self);
}
