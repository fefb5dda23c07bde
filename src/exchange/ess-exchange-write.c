/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing exchange files: UTF-8, indented, in the schema's order, the same bytes for the same data. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier-status.h"
#include "ess-exchange.h"
#include "ess-exchange-private.h"
#include "ess-money.h"

typedef struct
{
  GString       *out;
  GOutputStream *stream;      /* NULL: everything stays in @out */
  GCancellable  *cancellable;
  const char    *reference;   /* the dossier being written, for messages */
  GError        *error;       /* the first character XML cannot carry, or the stream's error */
} Writer;

/* What is kept in memory before it goes to the stream. */
#define FLUSH_SIZE (64 * 1024)

G_DEFINE_QUARK (ess-exchange-error-quark, ess_exchange_error)

/* XML 1.0 carries tab, line feed and carriage return, and no other
 * control character, even as a character reference. */
static inline gboolean
is_plain (unsigned char c)
{
  return c >= 0x20 && c != 0x7f && c != '&' && c != '<' && c != '>' && c != '"';
}

gboolean
ess_exchange_append_escaped (GString    *out,
                             const char *text,
                             gboolean    attribute,
                             guint      *bad)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c;
      gsize plain = 0;

      /* Most of a text needs no escaping: copied in one go. */
      while (is_plain ((unsigned char) p[plain]))
        plain++;
      if (plain > 0)
        {
          g_string_append_len (out, p, (gssize) plain);
          p += plain;
          if (*p == '\0')
            break;
        }
      c = (unsigned char) *p;

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        /* A parser turns a bare CR into LF, and tab and LF in an
         * attribute into spaces: references keep them. */
        case '\r': g_string_append (out, "&#13;"); break;
        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;
        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;
        default:
          /* Any other control character: not even as a reference. */
          if (bad != NULL)
            *bad = c;
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
escape (Writer     *w,
        const char *text,
        gboolean    attribute)
{
  guint bad = 0;

  if (ess_exchange_append_escaped (w->out, text, attribute, &bad))
    return TRUE;
  if (w->error == NULL)
    g_set_error (&w->error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_WRITE,
                 _("Dossier %s holds a control character (U+%04X) that an XML file cannot carry; "
                   "remove it from the dossier and export again."),
                 w->reference ? w->reference : "", bad);
  return FALSE;
}

static void
indent (Writer *w,
        int     depth)
{
  for (int i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void
open_tag (Writer     *w,
          int         depth,
          const char *name)
{
  indent (w, depth);
  g_string_append_c (w->out, '<');
  g_string_append (w->out, name);
  g_string_append (w->out, ">\n");
}

static void
close_tag (Writer     *w,
           int         depth,
           const char *name)
{
  indent (w, depth);
  g_string_append (w->out, "</");
  g_string_append (w->out, name);
  g_string_append (w->out, ">\n");
}

/* <name attr="value"...>text</name>; @attributes are name, value pairs
 * ending with NULL, a NULL value leaves its attribute out. */
static void
element_with (Writer      *w,
              int          depth,
              const char  *name,
              const char  *text,
              const char **attributes)
{
  indent (w, depth);
  g_string_append_c (w->out, '<');
  g_string_append (w->out, name);
  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i += 2)
    {
      if (attributes[i + 1] == NULL)
        continue;
      g_string_append_c (w->out, ' ');
      g_string_append (w->out, attributes[i]);
      g_string_append (w->out, "=\"");
      escape (w, attributes[i + 1], TRUE);
      g_string_append_c (w->out, '"');
    }
  if (text == NULL || text[0] == '\0')
    g_string_append (w->out, "/>\n");
  else
    {
      g_string_append_c (w->out, '>');
      escape (w, text, FALSE);
      g_string_append (w->out, "</");
      g_string_append (w->out, name);
      g_string_append (w->out, ">\n");
    }
}

static void
element (Writer     *w,
         int         depth,
         const char *name,
         const char *text)
{
  element_with (w, depth, name, text, NULL);
}

/* An optional text: left out when empty. */
static void
optional (Writer     *w,
          int         depth,
          const char *name,
          const char *text)
{
  if (text != NULL && text[0] != '\0')
    element (w, depth, name, text);
}

static void
amount (Writer     *w,
        int         depth,
        const char *name,
        gint64      cents)
{
  g_autofree char *text = ess_money_format_decimal (cents);

  element (w, depth, name, text);
}

static void
integer (Writer     *w,
         int         depth,
         const char *name,
         int         value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  element (w, depth, name, text);
}

static void
write_applicant (Writer             *w,
                 const EssApplicant *applicant)
{
  gboolean contact = (applicant->contact_name && applicant->contact_name[0]) ||
                     (applicant->contact_email && applicant->contact_email[0]) ||
                     (applicant->contact_phone && applicant->contact_phone[0]);

  open_tag (w, 2, "applicant");
  element (w, 3, "name", applicant->name);
  optional (w, 3, "legal-form", applicant->legal_form);
  optional (w, 3, "siren", applicant->siren);
  optional (w, 3, "siret", applicant->siret);
  optional (w, 3, "rna", applicant->rna);
  optional (w, 3, "address", applicant->address);
  optional (w, 3, "commune", applicant->commune);
  if (contact)
    {
      open_tag (w, 3, "contact");
      optional (w, 4, "name", applicant->contact_name);
      optional (w, 4, "email", applicant->contact_email);
      optional (w, 4, "phone", applicant->contact_phone);
      close_tag (w, 3, "contact");
    }
  close_tag (w, 2, "applicant");
}

static void
write_dates (Writer           *w,
             const EssDossier *dossier)
{
  const char *dates[][2] = {
    { "submitted", dossier->submitted_on },
    { "committee", dossier->committee_on },
    { "decided", dossier->decided_on },
    { "agreement", dossier->agreement_on },
    { "start", dossier->start_on },
    { "end", dossier->end_on },
  };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    any = any || (dates[i][1] != NULL && dates[i][1][0] != '\0');
  if (!any)
    return;

  open_tag (w, 2, "dates");
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    optional (w, 3, dates[i][0], dates[i][1]);
  close_tag (w, 2, "dates");
}

static const char * const realisation_by[] = { "applicant", "external" };

static void
funder_id (char  *buffer,
           gsize  size,
           guint  index)
{
  g_snprintf (buffer, size, "f%u", index + 1);
}

static void
write_plan (Writer               *w,
            const EssFundingPlan *plan)
{
  guint n_years = plan->years->len;

  open_tag (w, 2, "funding-plan");
  for (guint i = 0; i < 2; i++)
    {
      const char *attributes[] = { "by", realisation_by[i], NULL };
      element_with (w, 3, "realisation-label", plan->realisation_labels[i], attributes);
    }

  if (n_years > 0)
    {
      open_tag (w, 3, "years");
      for (guint y = 0; y < n_years; y++)
        integer (w, 4, "year", g_array_index (plan->years, int, y));
      close_tag (w, 3, "years");
    }

  if (plan->funders->len > 0)
    {
      open_tag (w, 3, "funders");
      for (guint f = 0; f < plan->funders->len; f++)
        {
          const EssFunder *funder = g_ptr_array_index (plan->funders, f);
          char id[16];
          const char *attributes[] = { "id", id, "kind", funder->kind, NULL };

          funder_id (id, sizeof id, f);
          element_with (w, 4, "funder", funder->name, attributes);
        }
      close_tag (w, 3, "funders");
    }

  if (plan->actions->len > 0)
    {
      open_tag (w, 3, "actions");
      for (guint a = 0; a < plan->actions->len; a++)
        {
          const EssFundingAction *action = g_ptr_array_index (plan->actions, a);

          open_tag (w, 4, "action");
          optional (w, 5, "axis", action->axis);
          optional (w, 5, "number", action->number);
          optional (w, 5, "title", action->title);
          optional (w, 5, "description", action->description);
          optional (w, 5, "partners", action->partners);
          for (guint f = 0; f < plan->funders->len; f++)
            for (guint y = 0; y < n_years; y++)
              {
                gint64 cents = action->amounts[f * n_years + y];
                g_autofree char *text = NULL;
                char id[16];
                char year[16];
                const char *attributes[] = { "funder", id, "year", year, NULL };

                if (cents == 0)
                  continue;
                funder_id (id, sizeof id, f);
                g_snprintf (year, sizeof year, "%d", g_array_index (plan->years, int, y));
                text = ess_money_format_decimal (cents);
                element_with (w, 5, "amount", text, attributes);
              }
          for (guint i = 0; i < 2; i++)
            {
              g_autofree char *text = NULL;
              const char *attributes[] = { "by", realisation_by[i], NULL };

              if (action->realisation[i] == 0)
                continue;
              text = ess_money_format_decimal (action->realisation[i]);
              element_with (w, 5, "realisation", text, attributes);
            }
          if (action->has_declared_total)
            amount (w, 5, "declared-total", action->declared_total);
          close_tag (w, 4, "action");
        }
      close_tag (w, 3, "actions");
    }

  {
    gboolean any = plan->has_declared_realisation[0] || plan->has_declared_realisation[1] ||
                   plan->has_declared_overall;

    for (guint f = 0; f < plan->funders->len; f++)
      any = any || g_array_index (plan->has_declared_funder, gboolean, f);

    if (any)
      {
        open_tag (w, 3, "declared-totals");
        for (guint f = 0; f < plan->funders->len; f++)
          {
            g_autofree char *text = NULL;
            char id[16];
            const char *attributes[] = { "ref", id, NULL };

            if (!g_array_index (plan->has_declared_funder, gboolean, f))
              continue;
            funder_id (id, sizeof id, f);
            text = ess_money_format_decimal (g_array_index (plan->declared_funder, gint64, f));
            element_with (w, 4, "declared-funder", text, attributes);
          }
        for (guint i = 0; i < 2; i++)
          {
            g_autofree char *text = NULL;
            const char *attributes[] = { "by", realisation_by[i], NULL };

            if (!plan->has_declared_realisation[i])
              continue;
            text = ess_money_format_decimal (plan->declared_realisation[i]);
            element_with (w, 4, "declared-realisation", text, attributes);
          }
        if (plan->has_declared_overall)
          amount (w, 4, "declared-overall", plan->declared_overall);
        close_tag (w, 3, "declared-totals");
      }
  }

  close_tag (w, 2, "funding-plan");
}

static void
write_budget (Writer          *w,
              const EssBudget *budget)
{
  open_tag (w, 2, "budget");
  for (guint i = 0; i < budget->lines->len; i++)
    {
      const EssBudgetLine *line = g_ptr_array_index (budget->lines, i);

      indent (w, 3);
      g_string_append (w->out, "<line code=\"");
      escape (w, line->code ? line->code : "", TRUE);
      g_string_append_printf (w->out, "\" side=\"%s\"", line->side == ESS_BUDGET_PRODUCT ? "product" : "charge");
      if (line->depth > 0)
        g_string_append (w->out, " depth=\"1\"");
      if (line->funder_kind != NULL)
        {
          g_string_append (w->out, " funder-kind=\"");
          escape (w, line->funder_kind, TRUE);
          g_string_append_c (w->out, '"');
        }
      g_string_append (w->out, ">\n");
      optional (w, 4, "label", line->label);
      amount (w, 4, "forecast", line->forecast_cents);
      if (line->has_actual)
        amount (w, 4, "actual", line->actual_cents);
      close_tag (w, 3, "line");
    }
  close_tag (w, 2, "budget");
}

static void
write_payments (Writer    *w,
                GPtrArray *payments)
{
  open_tag (w, 2, "payments");
  for (guint i = 0; i < payments->len; i++)
    {
      const EssPayment *payment = g_ptr_array_index (payments, i);

      indent (w, 3);
      g_string_append_printf (w->out, "<payment kind=\"%s\">\n", ess_payment_kind_to_id (payment->kind));
      amount (w, 4, "amount", payment->amount_cents);
      optional (w, 4, "planned", payment->planned_on);
      optional (w, 4, "paid", payment->paid_on);
      optional (w, 4, "comment", payment->comment);
      close_tag (w, 3, "payment");
    }
  close_tag (w, 2, "payments");
}

static void
write_review (Writer                 *w,
              const EssDossierBundle *bundle)
{
  const EssDossier *dossier = bundle->dossier;

  open_tag (w, 2, "review");
  element (w, 3, "status", ess_status_to_id (dossier->status));
  optional (w, 3, "opinion", dossier->opinion);
  optional (w, 3, "conditions", dossier->conditions);
  optional (w, 3, "notes", dossier->notes);

  if (bundle->scores->len > 0)
    {
      open_tag (w, 3, "scores");
      for (guint i = 0; i < bundle->scores->len; i++)
        {
          const EssScore *score = g_ptr_array_index (bundle->scores, i);
          char value[8];
          const char *attributes[] = { "criterion", score->criterion,
                                       "value", score->score >= 0 ? value : NULL, NULL };

          g_snprintf (value, sizeof value, "%d", score->score);
          element_with (w, 4, "score", score->comment, attributes);
        }
      close_tag (w, 3, "scores");
    }

  if (bundle->history->len > 0)
    {
      open_tag (w, 3, "history");
      for (guint i = 0; i < bundle->history->len; i++)
        {
          const EssHistoryEvent *event = g_ptr_array_index (bundle->history, i);
          const char *attributes[] = {
            "at", event->at,
            "action", event->action,
            "field", event->field,
            "author", event->author && event->author[0] ? event->author : NULL,
            NULL
          };
          gboolean empty = event->old_value == NULL && event->new_value == NULL &&
                           (event->comment == NULL || event->comment[0] == '\0');

          if (empty)
            {
              element_with (w, 4, "event", NULL, attributes);
              continue;
            }

          indent (w, 4);
          g_string_append (w->out, "<event");
          for (guint a = 0; attributes[a] != NULL; a += 2)
            {
              if (attributes[a + 1] == NULL)
                continue;
              g_string_append_printf (w->out, " %s=\"", attributes[a]);
              escape (w, attributes[a + 1], TRUE);
              g_string_append_c (w->out, '"');
            }
          g_string_append (w->out, ">\n");
          /* An empty old or new value is written: it is not "no value". */
          if (event->old_value != NULL)
            element (w, 5, "old", event->old_value);
          if (event->new_value != NULL)
            element (w, 5, "new", event->new_value);
          optional (w, 5, "comment", event->comment);
          close_tag (w, 4, "event");
        }
      close_tag (w, 3, "history");
    }

  close_tag (w, 2, "review");
}

static void
write_dossier (Writer                 *w,
               const EssDossierBundle *bundle,
               gboolean                full)
{
  const EssDossier *dossier = bundle->dossier;

  w->reference = dossier->reference;
  open_tag (w, 1, "dossier");
  element (w, 2, "reference", dossier->reference);
  element (w, 2, "title", dossier->title);
  optional (w, 2, "description", dossier->description);
  element (w, 2, "scheme", dossier->scheme);
  if (dossier->volet > 0)
    integer (w, 2, "volet", dossier->volet);
  optional (w, 2, "axis", dossier->axis);
  integer (w, 2, "year", dossier->year);
  if (bundle->applicant != NULL)
    write_applicant (w, bundle->applicant);
  if (dossier->communes != NULL && dossier->communes[0] != NULL)
    {
      open_tag (w, 2, "communes");
      for (guint i = 0; dossier->communes[i] != NULL; i++)
        element (w, 3, "commune", dossier->communes[i]);
      close_tag (w, 2, "communes");
    }
  optional (w, 2, "partners", dossier->partners);
  write_dates (w, dossier);

  open_tag (w, 2, "amounts");
  amount (w, 3, "requested", dossier->requested_cents);
  amount (w, 3, "proposed", dossier->proposed_cents);
  amount (w, 3, "granted", dossier->granted_cents);
  close_tag (w, 2, "amounts");

  if (bundle->indicators->len > 0)
    {
      open_tag (w, 2, "indicators");
      for (guint i = 0; i < bundle->indicators->len; i++)
        {
          const EssIndicator *indicator = g_ptr_array_index (bundle->indicators, i);

          open_tag (w, 3, "indicator");
          optional (w, 4, "label", indicator->label);
          optional (w, 4, "target", indicator->target);
          optional (w, 4, "result", indicator->result);
          optional (w, 4, "unit", indicator->unit);
          close_tag (w, 3, "indicator");
        }
      close_tag (w, 2, "indicators");
    }

  if (!ess_funding_plan_is_empty (bundle->plan))
    write_plan (w, bundle->plan);
  if (bundle->budget != NULL)
    write_budget (w, bundle->budget);
  if (bundle->payments->len > 0)
    write_payments (w, bundle->payments);
  if (full)
    write_review (w, bundle);

  close_tag (w, 1, "dossier");
}

static void
write_header (Writer   *w,
              gboolean  full)
{
  g_string_append (w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (w->out, "<dossiers xmlns=\"%s\" version=\"%d\" kind=\"%s\">\n",
                          ESS_EXCHANGE_NAMESPACE, ESS_EXCHANGE_VERSION, full ? "full" : "partner");
}

static void
write_footer (Writer *w)
{
  g_string_append (w->out, "</dossiers>\n");
}

/* Sends what @w holds to its stream once it holds @at_least bytes. */
static gboolean
flush (Writer *w,
       gsize   at_least)
{
  if (w->error != NULL)
    return FALSE;
  if (w->stream == NULL || w->out->len == 0 || w->out->len < at_least)
    return TRUE;
  if (!g_output_stream_write_all (w->stream, w->out->str, w->out->len, NULL, w->cancellable, &w->error))
    return FALSE;
  g_string_truncate (w->out, 0);
  return TRUE;
}

GBytes *
ess_exchange_write (GPtrArray  *bundles,
                    gboolean    full,
                    GError    **error)
{
  return ess_exchange_write_with_scenarios (bundles, full, NULL, error);
}

GBytes *
ess_exchange_write_with_scenarios (GPtrArray  *bundles,
                                   gboolean    full,
                                   GPtrArray  *scenarios,
                                   GError    **error)
{
  Writer w = { 0 };
  gsize length;

  g_return_val_if_fail (bundles != NULL, NULL);

  w.out = g_string_new (NULL);
  write_header (&w, full);
  for (guint i = 0; i < bundles->len && w.error == NULL; i++)
    write_dossier (&w, g_ptr_array_index (bundles, i), full);
  /* The scenarios after the last dossier, in full archives only. */
  if (full && w.error == NULL)
    ess_exchange_write_scenarios (w.out, scenarios, &w.error);
  write_footer (&w);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      g_string_free (w.out, TRUE);
      return NULL;
    }

  length = w.out->len;
  return g_bytes_new_take (g_string_free (w.out, FALSE), length);
}

static int
compare_references (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GArray *
ess_exchange_find_references (EssStore           *store,
                              const char * const *references,
                              GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) sorted = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);

  if (references == NULL || references[0] == NULL)
    return ess_store_list_live_ids (store, error);

  /* By reference, whatever the order asked: the same selection gives the same bytes. */
  sorted = g_strdupv ((char **) references);
  g_qsort_with_data (sorted, (gint) g_strv_length (sorted), sizeof (char *), compare_references, NULL);
  for (guint i = 0; sorted[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      /* Asked twice, written once. */
      if (!g_hash_table_add (seen, sorted[i]))
        continue;
      id = ess_store_find_dossier (store, sorted[i], &local_error);
      if (id <= 0)
        {
          if (g_error_matches (local_error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND))
            g_set_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_READ,
                         _("No dossier has the reference “%s”."), sorted[i]);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

gboolean
ess_exchange_export_to_stream (EssStore       *store,
                               const gint64   *ids,
                               guint           n_ids,
                               gboolean        full,
                               GOutputStream  *stream,
                               GCancellable   *cancellable,
                               guint          *progress,
                               GError        **error)
{
  g_autoptr(GArray) ordered = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GHashTable) treated = NULL;
  g_autoptr(GHashTable) references = NULL;
  Writer w = { 0 };

  g_return_val_if_fail (ESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  /* The file shows the database at one moment, even if another program
   * writes to it while the export runs. */
  if (!ess_store_begin_snapshot (store, error))
    return FALSE;
  /* By reference, whatever the order of the list they come from. */
  ordered = ess_store_order_by_reference (store, ids, n_ids, error);
  if (ordered == NULL)
    {
      ess_store_end_snapshot (store);
      return FALSE;
    }

  /* Scenarios are internal policy work: in a full archive only, as the
   * snapshot shows them, after the last dossier. They name the dossiers
   * they treat by reference: those references are kept on the way. */
  if (full)
    {
      scenarios = ess_store_list_scenarios (store, error);
      if (scenarios == NULL)
        {
          ess_store_end_snapshot (store);
          return FALSE;
        }
      treated = g_hash_table_new (g_int64_hash, g_int64_equal);
      references = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      for (guint i = 0; i < scenarios->len; i++)
        {
          const EssScenario *scenario = g_ptr_array_index (scenarios, i);
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, scenario->treatments);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (treated, key);
        }
    }

  /* One dossier in memory at a time: the file goes out as it is written. */
  out = g_string_sized_new (2 * FLUSH_SIZE);
  w.out = out;
  w.stream = stream;
  w.cancellable = cancellable;
  write_header (&w, full);
  for (guint i = 0; i < ordered->len && flush (&w, FLUSH_SIZE); i++)
    {
      EssDossierBundle *bundle;

      if (g_cancellable_set_error_if_cancelled (cancellable, &w.error))
        break;
      bundle = ess_store_load_bundle (store, g_array_index (ordered, gint64, i), &w.error);
      if (bundle == NULL)
        break;
      write_dossier (&w, bundle, full);
      w.reference = NULL;
      if (treated != NULL && g_hash_table_contains (treated, &bundle->dossier->id))
        g_hash_table_insert (references, g_memdup2 (&bundle->dossier->id, sizeof (gint64)),
                             g_strdup (bundle->dossier->reference));
      ess_dossier_bundle_free (bundle);
      if (progress != NULL)
        g_atomic_int_set (progress, i + 1);
    }
  if (scenarios != NULL && w.error == NULL)
    {
      g_autoptr(GPtrArray) records = ess_exchange_scenario_records (scenarios, references);

      ess_exchange_write_scenarios (w.out, records, &w.error);
    }
  if (w.error == NULL)
    write_footer (&w);
  flush (&w, 0);
  ess_store_end_snapshot (store);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return FALSE;
    }
  return TRUE;
}

GBytes *
ess_exchange_export_ids (EssStore      *store,
                         const gint64  *ids,
                         guint          n_ids,
                         gboolean       full,
                         GError       **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  if (!ess_exchange_export_to_stream (store, ids, n_ids, full, memory, NULL, NULL, error) ||
      !g_output_stream_close (memory, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

GBytes *
ess_exchange_export (EssStore           *store,
                     const char * const *references,
                     gboolean            full,
                     GError            **error)
{
  g_autoptr(GArray) ids = ess_exchange_find_references (store, references, error);

  if (ids == NULL)
    return NULL;
  return ess_exchange_export_ids (store, (const gint64 *) ids->data, ids->len, full, error);
}

gboolean
ess_exchange_export_to_file (EssStore      *store,
                             const gint64  *ids,
                             guint          n_ids,
                             gboolean       full,
                             GFile         *file,
                             GCancellable  *cancellable,
                             guint         *progress,
                             GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  GFileCreateFlags flags = G_FILE_CREATE_REPLACE_DESTINATION;
  gboolean existed;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A full archive holds private notes: readable by its owner only,
   * whatever the file it replaces allowed. */
  if (full)
    flags |= G_FILE_CREATE_PRIVATE;
  /* Written beside the file and renamed over it at the end: a failed
   * export leaves the previous file as it was. */
  existed = g_file_query_exists (file, NULL);
  stream = g_file_replace (file, NULL, FALSE, flags, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!ess_exchange_export_to_stream (store, ids, n_ids, full, G_OUTPUT_STREAM (stream), cancellable, progress,
                                      error))
    {
      /* Closing cancelled drops the new file and keeps the old one; a file
       * that was not there before is written in place: it goes. */
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (!existed)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
