/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing a file that was read: what the database knows of it, the differences, then one transaction. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ess-budget.h"
#include "ess-dossier-status.h"
#include "ess-exchange.h"
#include "ess-finding.h"
#include "ess-store-funding.h"

/* The context. */

static GHashTable *
table_of (GPtrArray *choices)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < choices->len; i++)
    {
      const EssChoice *choice = g_ptr_array_index (choices, i);

      g_hash_table_insert (table, g_strdup (choice->id), g_strdup (choice->label));
    }
  return table;
}

EssExchangeContext *
ess_exchange_context_new_for_store (EssStore  *store,
                                    GError   **error)
{
  g_autoptr(EssExchangeContext) context = g_new0 (EssExchangeContext, 1);
  g_autoptr(GPtrArray) communes = NULL;
  g_autoptr(GPtrArray) schemes = NULL;
  g_autoptr(GPtrArray) legal_forms = NULL;

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);

  communes = ess_store_list_communes (store, error);
  if (communes == NULL)
    return NULL;
  schemes = ess_store_list_schemes (store, error);
  if (schemes == NULL)
    return NULL;
  legal_forms = ess_store_list_legal_forms (store, error);
  if (legal_forms == NULL)
    return NULL;

  context->territories = ess_store_territory_names (store, error);
  if (context->territories == NULL)
    return NULL;

  context->communes = table_of (communes);
  context->schemes = table_of (schemes);
  context->legal_forms = table_of (legal_forms);
  context->store = g_object_ref (store);

  return g_steal_pointer (&context);
}

/* A database made for the moment in a private directory gives the
 * reference data exactly as a new database has it. */
EssExchangeContext *
ess_exchange_context_new_default (GError **error)
{
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  g_autoptr(EssStore) store = NULL;
  EssExchangeContext *context = NULL;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  directory = g_dir_make_tmp ("ess-instruction-XXXXXX", error);
  if (directory == NULL)
    return NULL;
  path = g_build_filename (directory, "reference.sqlite", NULL);

  store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, error);
  if (store != NULL)
    {
      context = ess_exchange_context_new_for_store (store, error);
      /* Without a database, the treated dossiers are checked in the file only. */
      if (context != NULL)
        g_clear_object (&context->store);
      ess_store_close (store);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (directory);

  return context;
}

void
ess_exchange_context_free (EssExchangeContext *context)
{
  if (context == NULL)
    return;
  g_clear_pointer (&context->communes, g_hash_table_unref);
  g_clear_pointer (&context->schemes, g_hash_table_unref);
  g_clear_pointer (&context->legal_forms, g_hash_table_unref);
  g_clear_pointer (&context->territories, g_hash_table_unref);
  g_clear_object (&context->store);
  g_free (context);
}

/* The preview. */

static void
import_item_free (EssImportItem *item)
{
  if (item == NULL)
    return;
  g_ptr_array_unref (item->differences);
  g_ptr_array_unref (item->findings);
  g_free (item);
}

static void
import_scenario_item_free (EssImportScenarioItem *item)
{
  if (item == NULL)
    return;
  g_ptr_array_unref (item->differences);
  g_free (item);
}

void
ess_import_preview_free (EssImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_ptr_array_unref (preview->items);
  g_clear_pointer (&preview->scenarios, g_ptr_array_unref);
  g_free (preview);
}

/* The scenario @record would become over @stored when updated: the
 * file's values, its treatments of the dossiers the database knows by
 * their id (those the file alone brings by a negative id, which no
 * stored one has), and the stored treatments of the dossiers the file
 * does not carry. */
static EssScenario *
scenario_after_update (EssStore                *store,
                       const EssScenarioRecord *record,
                       const EssScenario       *stored,
                       GHashTable              *carried_ids,
                       GError                 **error)
{
  g_autoptr(EssScenario) after = ess_scenario_copy (record->scenario);
  GHashTableIter iter;
  gpointer key, value;

  after->id = stored->id;
  g_hash_table_remove_all (after->treatments);
  g_hash_table_iter_init (&iter, stored->treatments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (carried_ids, key))
      ess_scenario_set_treatment (after, *(gint64 *) key, GPOINTER_TO_INT (value));

  for (guint t = 0; t < record->references->len; t++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id = ess_store_find_dossier (store, g_ptr_array_index (record->references, t), &local_error);

      if (id <= 0)
        {
          if (!g_error_matches (local_error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          id = -(gint64) t - 1;
        }
      ess_scenario_set_treatment (after, id, g_array_index (record->treatments, EssTreatment, t));
    }

  return g_steal_pointer (&after);
}

static gboolean
preview_scenarios (EssStore             *store,
                   EssExchangeDocument  *document,
                   EssImportPreview     *preview,
                   GError              **error)
{
  g_autoptr(GHashTable) carried_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  preview->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) import_scenario_item_free);
  for (guint i = 0; i < preview->items->len; i++)
    {
      const EssImportItem *item = g_ptr_array_index (preview->items, i);

      if (item->existing_id > 0)
        g_hash_table_add (carried_ids, g_memdup2 (&item->existing_id, sizeof (gint64)));
    }

  for (guint i = 0; document->scenarios != NULL && i < document->scenarios->len; i++)
    {
      EssScenarioRecord *record = g_ptr_array_index (document->scenarios, i);
      EssImportScenarioItem *item = g_new0 (EssImportScenarioItem, 1);
      g_autoptr(EssScenario) stored = NULL;
      g_autoptr(EssScenario) after = NULL;

      item->record = record;
      item->action = ESS_IMPORT_SKIP;
      item->differences = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (preview->scenarios, item);

      item->existing_id = ess_store_find_scenario (store, record->scenario->name, error);
      if (item->existing_id < 0)
        return FALSE;
      if (item->existing_id == 0)
        {
          item->action = ESS_IMPORT_CREATE;
          preview->n_new_scenarios++;
          continue;
        }

      stored = ess_store_load_scenario (store, item->existing_id, error);
      if (stored == NULL)
        return FALSE;
      after = scenario_after_update (store, record, stored, carried_ids, error);
      if (after == NULL)
        return FALSE;
      if (!ess_scenario_equal (stored, after))
        {
          g_autoptr(GPtrArray) changes = ess_scenario_describe_changes (stored, after);

          for (guint c = 0; c < changes->len; c++)
            g_ptr_array_add (item->differences, g_strdup (g_ptr_array_index (changes, c)));
          if (item->differences->len == 0)
            g_ptr_array_add (item->differences, g_strdup (_("Hypotheses changed")));
          preview->n_known_scenarios++;
        }
    }

  return TRUE;
}

static void
add_difference (GPtrArray  *differences,
                const char *label,
                const char *old_value,
                const char *new_value)
{
  /* « database » → « file » */
  g_ptr_array_add (differences,
                   g_strdup_printf (_("%s: “%s” → “%s”"), label,
                                    old_value ? old_value : "", new_value ? new_value : ""));
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static gboolean
same_applicant (const EssApplicant *a,
                const EssApplicant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return same_text (a->name, b->name) && same_text (a->legal_form, b->legal_form) &&
         same_text (a->siren, b->siren) && same_text (a->siret, b->siret) &&
         same_text (a->rna, b->rna) && same_text (a->address, b->address) &&
         same_text (a->commune, b->commune) && same_text (a->contact_name, b->contact_name) &&
         same_text (a->contact_email, b->contact_email) && same_text (a->contact_phone, b->contact_phone);
}

static gboolean
same_indicators (GPtrArray *a,
                 GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const EssIndicator *x = g_ptr_array_index (a, i);
      const EssIndicator *y = g_ptr_array_index (b, i);

      if (!same_text (x->label, y->label) || !same_text (x->target, y->target) ||
          !same_text (x->result, y->result) || !same_text (x->unit, y->unit))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_payments (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const EssPayment *x = g_ptr_array_index (a, i);
      const EssPayment *y = g_ptr_array_index (b, i);

      if (x->kind != y->kind || x->amount_cents != y->amount_cents ||
          !same_text (x->planned_on, y->planned_on) || !same_text (x->paid_on, y->paid_on) ||
          !same_text (x->comment, y->comment))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_scores (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const EssScore *x = g_ptr_array_index (a, i);
      const EssScore *y = g_ptr_array_index (b, i);

      if (!same_text (x->criterion, y->criterion) || x->score != y->score || !same_text (x->comment, y->comment))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_budget (const EssBudget *a,
             const EssBudget *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return ess_budget_equal (a, b);
}

static char *
communes_text (char **communes)
{
  return communes != NULL ? g_strjoinv (", ", communes) : g_strdup ("");
}

/* The differences of the file's bundle from the database's, field by
 * field; the review only for a full archive. */
static GPtrArray *
differences_of (const EssDossierBundle *stored,
                const EssDossierBundle *file,
                gboolean                full)
{
  GPtrArray *differences = g_ptr_array_new_with_free_func (g_free);

  if (stored->dossier->deleted_at != NULL)
    g_ptr_array_add (differences, g_strdup (_("The dossier of the database is in the trash: an update leaves it there.")));

  for (EssDossierField field = ESS_FIELD_TITLE; field < ESS_N_FIELDS; field++)
    {
      const EssFieldInfo *info = ess_dossier_field_info (field);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (field == ESS_FIELD_APPLICANT)
        continue;
      if (!full && (field == ESS_FIELD_OPINION || field == ESS_FIELD_CONDITIONS || field == ESS_FIELD_NOTES))
        continue;
      old_value = ess_dossier_get_display (stored->dossier, field);
      new_value = ess_dossier_get_display (file->dossier, field);
      if (g_strcmp0 (old_value, new_value) != 0)
        add_difference (differences, _(info->label), old_value, new_value);
    }

  if (full && stored->dossier->status != file->dossier->status)
    add_difference (differences, _("Status"), ess_status_label (stored->dossier->status),
                    ess_status_label (file->dossier->status));

  if (stored->applicant == NULL || file->applicant == NULL)
    {
      if (stored->applicant != file->applicant)
        add_difference (differences, _("Applicant"),
                        stored->applicant ? stored->applicant->name : "",
                        file->applicant ? file->applicant->name : "");
    }
  else if (!same_applicant (stored->applicant, file->applicant))
    {
      const EssApplicant *a = stored->applicant;
      const EssApplicant *b = file->applicant;
      const struct { const char *label; const char *old_value; const char *new_value; } fields[] = {
        { N_("name"), a->name, b->name },
        { N_("legal form"), a->legal_form, b->legal_form },
        { "SIREN", a->siren, b->siren },
        { "SIRET", a->siret, b->siret },
        { "RNA", a->rna, b->rna },
        { N_("address"), a->address, b->address },
        { N_("commune"), a->commune, b->commune },
        { N_("contact"), a->contact_name, b->contact_name },
        { N_("e-mail"), a->contact_email, b->contact_email },
        { N_("phone"), a->contact_phone, b->contact_phone },
      };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (!same_text (fields[i].old_value, fields[i].new_value))
          {
            g_autofree char *label = g_strdup_printf (_("Applicant, %s"), _(fields[i].label));
            add_difference (differences, label, fields[i].old_value, fields[i].new_value);
          }
    }

  if (!g_strv_equal ((const char * const *) stored->dossier->communes,
                     (const char * const *) file->dossier->communes))
    {
      g_autofree char *old_value = communes_text (stored->dossier->communes);
      g_autofree char *new_value = communes_text (file->dossier->communes);

      add_difference (differences, _("Communes"), old_value, new_value);
    }

  if (!same_indicators (stored->indicators, file->indicators))
    g_ptr_array_add (differences, g_strdup (_("Indicators: changed")));
  if (!ess_funding_plan_equal (stored->plan, file->plan))
    g_ptr_array_add (differences, g_strdup (_("Funding plan: changed")));
  if (!same_budget (stored->budget, file->budget))
    g_ptr_array_add (differences, g_strdup (_("Budget: changed")));
  if (!same_payments (stored->payments, file->payments))
    g_ptr_array_add (differences, g_strdup (_("Payments: changed")));
  if (full && !same_scores (stored->scores, file->scores))
    g_ptr_array_add (differences, g_strdup (_("Assessment: changed")));

  return differences;
}

/* The funding checks of an imported dossier, as the editor would show
 * them: declared totals are kept as declared, and their gaps reported. */
static GPtrArray *
findings_of (const EssDossierBundle *bundle)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);
  const EssDossier *dossier = bundle->dossier;
  EssFundingContext context = {
    .max_rate_bp = -1,
    .requested_cents = dossier->requested_cents,
    .proposed_cents = dossier->proposed_cents,
    .granted_cents = dossier->granted_cents,
    .has_proposed = dossier->proposed_cents != 0,
    .has_granted = dossier->granted_cents != 0,
  };

  if (!ess_funding_plan_is_empty (bundle->plan))
    {
      g_autoptr(GPtrArray) plan = ess_funding_plan_check (bundle->plan, &context);

      while (plan->len > 0)
        g_ptr_array_add (findings, g_ptr_array_steal_index (plan, 0));
    }
  if (bundle->budget != NULL && !ess_budget_is_empty (bundle->budget))
    {
      g_autoptr(GPtrArray) budget = ess_budget_check (bundle->budget, bundle->plan);

      while (budget->len > 0)
        g_ptr_array_add (findings, g_ptr_array_steal_index (budget, 0));
    }

  return findings;
}

EssImportPreview *
ess_exchange_preview (EssStore             *store,
                      EssExchangeDocument  *document,
                      GError              **error)
{
  g_autoptr(EssImportPreview) preview = g_new0 (EssImportPreview, 1);

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);
  g_return_val_if_fail (document->problems->len == 0, NULL);

  preview->items = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  for (guint i = 0; i < document->bundles->len; i++)
    {
      EssDossierBundle *bundle = g_ptr_array_index (document->bundles, i);
      EssImportItem *item = g_new0 (EssImportItem, 1);
      g_autoptr(GError) local_error = NULL;

      item->bundle = bundle;
      item->line = g_array_index (document->lines, int, i);
      g_ptr_array_add (preview->items, item);

      item->existing_id = ess_store_find_dossier (store, bundle->dossier->reference, &local_error);
      if (item->existing_id <= 0)
        {
          if (!g_error_matches (local_error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          item->existing_id = 0;
          item->differences = g_ptr_array_new_with_free_func (g_free);
          preview->n_new++;
        }
      else
        {
          g_autoptr(EssDossierBundle) stored = ess_store_load_bundle (store, item->existing_id, error);

          if (stored == NULL)
            return NULL;
          item->differences = differences_of (stored, bundle, document->full);
          preview->n_known++;
        }
      item->findings = findings_of (bundle);
    }

  if (!preview_scenarios (store, document, preview, error))
    return NULL;

  return g_steal_pointer (&preview);
}

gboolean
ess_exchange_apply (EssStore               *store,
                    EssExchangeDocument    *document,
                    EssImportPreview       *preview,
                    const EssImportAction  *actions,
                    const char             *source,
                    GPtrArray             **new_references,
                    GError                **error)
{
  g_autofree EssImportAction *chosen = NULL;
  g_autofree EssImportAction *scenario_actions = NULL;

  g_return_val_if_fail (ESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (preview->items->len == document->bundles->len, FALSE);
  g_return_val_if_fail (preview->scenarios->len == document->scenarios->len, FALSE);

  if (document->problems->len > 0)
    {
      g_set_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_INVALID,
                   _("The file has problems: nothing was imported."));
      return FALSE;
    }

  chosen = g_new0 (EssImportAction, MAX (preview->items->len, 1));
  for (guint i = 0; i < preview->items->len; i++)
    {
      const EssImportItem *item = g_ptr_array_index (preview->items, i);

      chosen[i] = item->existing_id == 0 ? ESS_IMPORT_CREATE : actions[i];
      if (item->existing_id != 0 && chosen[i] == ESS_IMPORT_CREATE)
        chosen[i] = ESS_IMPORT_SKIP;
    }

  scenario_actions = g_new0 (EssImportAction, MAX (preview->scenarios->len, 1));
  for (guint i = 0; i < preview->scenarios->len; i++)
    {
      const EssImportScenarioItem *item = g_ptr_array_index (preview->scenarios, i);

      /* Nothing to do with a known scenario the file has as it is. */
      scenario_actions[i] = item->existing_id == 0 ? ESS_IMPORT_CREATE :
                            item->differences->len == 0 || item->action == ESS_IMPORT_CREATE ? ESS_IMPORT_SKIP :
                            item->action;
    }

  return ess_store_import_exchange (store, document->bundles, chosen, document->full, source,
                                    document->scenarios, scenario_actions, new_references, error);
}

char *
ess_exchange_format_problems (EssExchangeDocument *document,
                              const char          *file)
{
  GString *text = g_string_new (NULL);
  guint n = document->problems->len;

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s: file refused, %u problem; nothing was imported.",
                                       "%s: file refused, %u problems; nothing was imported.", n),
                          file ? file : "", n);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = ess_exchange_problem_format (g_ptr_array_index (document->problems, i), file);

      g_string_append_printf (text, "%s\n", line);
    }

  return g_string_free (text, FALSE);
}

char *
ess_exchange_format_preview (EssImportPreview *preview)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < preview->items->len; i++)
    {
      const EssImportItem *item = g_ptr_array_index (preview->items, i);
      const EssDossier *dossier = item->bundle->dossier;

      if (item->existing_id == 0)
        g_string_append_printf (text, _("New: %s — %s"), dossier->reference, dossier->title);
      else if (item->differences->len == 0)
        g_string_append_printf (text, _("Known, identical: %s — %s"), dossier->reference, dossier->title);
      else
        g_string_append_printf (text, _("Known, different: %s — %s"), dossier->reference, dossier->title);
      g_string_append_c (text, '\n');

      for (guint d = 0; d < item->differences->len; d++)
        g_string_append_printf (text, "    %s\n", (const char *) g_ptr_array_index (item->differences, d));
      for (guint f = 0; f < item->findings->len; f++)
        {
          const EssFinding *finding = g_ptr_array_index (item->findings, f);

          if (finding->severity == ESS_SEVERITY_INFO)
            continue;
          g_string_append (text, "    ");
          if (finding->place != NULL && finding->place[0] != '\0')
            g_string_append_printf (text, _("%s — %s: %s"), ess_severity_label (finding->severity),
                                    finding->place, finding->message);
          else
            g_string_append_printf (text, _("%s — %s"), ess_severity_label (finding->severity),
                                    finding->message);
          g_string_append_c (text, '\n');
        }
    }

  for (guint i = 0; preview->scenarios != NULL && i < preview->scenarios->len; i++)
    {
      const EssImportScenarioItem *item = g_ptr_array_index (preview->scenarios, i);
      const char *name = item->record->scenario->name;

      if (item->existing_id == 0)
        g_string_append_printf (text, _("New scenario: %s"), name);
      else if (item->differences->len == 0)
        g_string_append_printf (text, _("Known scenario, identical: %s"), name);
      else
        g_string_append_printf (text, _("Known scenario, different: %s"), name);
      g_string_append_c (text, '\n');
      for (guint d = 0; d < item->differences->len; d++)
        g_string_append_printf (text, "    %s\n", (const char *) g_ptr_array_index (item->differences, d));
    }

  return g_string_free (text, FALSE);
}
