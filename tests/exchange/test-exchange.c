/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the exchange layer: round trips of generated dossiers, what partner files leave out, hostile input. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parserInternals.h>

#include "ess-exchange.h"
#include "ess-store-backup.h"
#include "ess-store-dossiers.h"
#include "ess-store-exchange.h"

typedef struct
{
  char     *dir;
  EssStore *store;
} Fixture;

static EssStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  EssStore *store = ess_store_open (path, ESS_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ess-exchange-XXXXXX", NULL);
  f->store = open_store (f, "first.db");
}

/* The databases and the backups an import makes beside them. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ess_store_close (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_free (f->dir);
}

static void
replace (char       **slot,
         const char  *text)
{
  g_free (*slot);
  *slot = g_strdup (text);
}

/* Dossier @i of a generated set: every part filled in a way that
 * depends on @i, with the texts an XML writer gets wrong. */
static EssDossierBundle *
generated_bundle (guint i)
{
  EssDossierBundle *bundle = ess_dossier_bundle_new ();
  EssDossier *d = bundle->dossier;
  static const char * const communes[] = { "59009", "59350", "59512", "59599", "59017" };
  static const char * const schemes[] = { "APT", "APP", "AMI", "CONVENTION", "SIEG" };
  g_autofree char *reference = g_strdup_printf ("GEN-%04u", i);
  g_autofree char *title = g_strdup_printf ("Projet n° %u « R&D » <coopérative> \"citoyenne\" l’été", i);
  EssFundingAction *action;

  replace (&d->reference, reference);
  replace (&d->title, title);
  replace (&d->description, i % 2 ? "Première ligne\nDeuxième ligne\r\nTroisième\ttabulée\r" : "");
  replace (&d->scheme, schemes[i % G_N_ELEMENTS (schemes)]);
  d->volet = (int) (i % 3);
  /* Texts of spaces only are texts too: the parser must keep them. */
  replace (&d->axis, i % 4 == 0 ? "" : i % 4 == 2 ? "   " : "Axe 1 — Animation");
  d->year = 2012 + (int) (i % 10);
  d->requested_cents = 100 * (gint64) i + 1;
  d->proposed_cents = i % 3 ? 99999999999999 : 0;
  d->granted_cents = (gint64) i * 7;
  replace (&d->submitted_on, "2024-02-29");
  if (i % 2)
    {
      replace (&d->start_on, "2024-03-01");
      replace (&d->end_on, "2025-02-28");
    }
  replace (&d->partners, i % 5 == 3 ? "\n" : "APES ; CRESS & MAILLAGE");
  g_strfreev (d->communes);
  d->communes = g_new0 (char *, 3);
  d->communes[0] = g_strdup (communes[i % 2]);
  d->communes[1] = g_strdup (communes[2 + i % 3]);
  d->status = (EssStatus) ((i + 4) % (ESS_STATUS_CLOSED + 1));
  replace (&d->opinion, i % 2 ? "reserved" : "");
  replace (&d->conditions, i % 2 ? "Sous réserve du bilan 2024" : "");
  replace (&d->notes, "Note privée : ne pas diffuser");

  if (i % 3 != 0)
    {
      bundle->applicant = g_new0 (EssApplicant, 1);
      bundle->applicant->name = g_strdup_printf ("Association n° %u", i % 5);
      bundle->applicant->legal_form = g_strdup ("association");
      bundle->applicant->siret = i % 5 == 1 ? g_strdup ("20009320100016") : NULL;
      bundle->applicant->rna = i % 5 == 2 ? g_strdup ("W595012345") : NULL;
      bundle->applicant->address = g_strdup ("1 rue du Port, 59000 Lille");
      bundle->applicant->commune = g_strdup ("59350");
      bundle->applicant->contact_name = g_strdup (i % 2 ? "Camille Martin" : "");
      bundle->applicant->contact_email = g_strdup (i % 2 ? "camille@example.org" : "");
      bundle->applicant->contact_phone = g_strdup ("");
    }

  for (guint k = 0; k < i % 3; k++)
    {
      EssIndicator *indicator = g_new0 (EssIndicator, 1);

      indicator->label = g_strdup_printf ("Emplois créés %u", k);
      indicator->target = g_strdup ("3");
      indicator->result = g_strdup (k ? "" : "2,5");
      indicator->unit = g_strdup ("ETP");
      g_ptr_array_add (bundle->indicators, indicator);
    }

  if (i % 2 == 0)
    {
      ess_funding_plan_add_year (bundle->plan, 2012);
      ess_funding_plan_add_year (bundle->plan, 2013);
      ess_funding_plan_add_funder (bundle->plan, "Lille Métropole", "metropole");
      ess_funding_plan_add_funder (bundle->plan, "Ville de Lille", "commune");
      action = ess_funding_plan_insert_action (bundle->plan, G_MAXUINT);
      replace (&action->axis, "Animation territoriale");
      replace (&action->title, "Forum <métropolitain>");
      *ess_funding_plan_amount (bundle->plan, 0, 0, 1) = 1000000;
      *ess_funding_plan_amount (bundle->plan, 0, 1, 0) = 500000 + i;
      action->realisation[0] = 1080000;
      action->realisation[1] = 420000 + i;
      action->has_declared_total = TRUE;
      action->declared_total = 1500000;
      ess_funding_plan_insert_action (bundle->plan, G_MAXUINT);
      g_array_index (bundle->plan->has_declared_funder, gboolean, 1) = TRUE;
      g_array_index (bundle->plan->declared_funder, gint64, 1) = 7300000;
      bundle->plan->has_declared_overall = TRUE;
      bundle->plan->declared_overall = 0;
    }

  if (i % 4 == 1)
    {
      EssBudgetLine *line;

      bundle->budget = ess_budget_new_default ();
      line = g_ptr_array_index (bundle->budget->lines, 0);
      line->forecast_cents = 120000;
      line->has_actual = TRUE;
      line->actual_cents = 0;
    }

  for (guint k = 0; k < i % 3; k++)
    {
      EssPayment *payment = g_new0 (EssPayment, 1);

      payment->kind = (EssPaymentKind) k;
      payment->amount_cents = 5000 + k;
      payment->planned_on = g_strdup_printf ("2024-0%u-15", k + 1);
      payment->paid_on = k ? NULL : g_strdup ("2024-01-20");
      payment->comment = g_strdup (k ? "" : "Avance de 30 %");
      g_ptr_array_add (bundle->payments, payment);
    }

  g_ptr_array_add (bundle->scores, ess_score_new ("social-utility", (int) (i % 4), "Fort ancrage"));
  g_ptr_array_add (bundle->scores, ess_score_new ("territorial-roots", -1, "À revoir"));

  for (guint k = 0; k < 1 + i % 3; k++)
    {
      EssHistoryEvent *event = g_new0 (EssHistoryEvent, 1);

      event->at = g_strdup_printf ("2024-03-0%uT14:30:0%uZ", k + 1, k);
      event->author = g_strdup (k ? "" : "c.martin");
      event->action = g_strdup (k ? "edited" : "created");
      event->field = k ? g_strdup ("title") : NULL;
      event->old_value = k == 1 ? g_strdup ("") : NULL;
      event->new_value = g_strdup ("Ancien « titre »\n<2>");
      event->comment = g_strdup (k == 2 ? "Motif : correction" : "");
      g_ptr_array_add (bundle->history, event);
    }

  return bundle;
}

static GPtrArray *
generated_set (guint n)
{
  GPtrArray *bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (bundles, generated_bundle (i));
  return bundles;
}

static EssExchangeDocument *
read_checked (EssStore *store,
              GBytes   *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssExchangeContext) context = ess_exchange_context_new_for_store (store, &error);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  EssExchangeDocument *document;

  g_assert_no_error (error);
  document = ess_exchange_read (data, size, context);
  for (guint i = 0; i < document->problems->len; i++)
    {
      g_autofree char *text = ess_exchange_problem_format (g_ptr_array_index (document->problems, i), NULL);
      g_test_message ("%s", text);
    }
  g_assert_cmpuint (document->problems->len, ==, 0);
  return document;
}

static void
import_all (EssStore            *store,
            EssExchangeDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssImportPreview) preview = ess_exchange_preview (store, document, &error);
  g_autofree EssImportAction *actions = NULL;

  g_assert_no_error (error);
  actions = g_new0 (EssImportAction, document->bundles->len + 1);
  ess_exchange_apply (store, document, preview, actions, "test.xml", NULL, &error);
  g_assert_no_error (error);
}

/* Generated dossiers, written into a database, exported, imported into
 * another database and exported again: the same bytes. */
static void
test_round_trip_generated (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (40);
  g_autofree EssImportAction *actions = g_new0 (EssImportAction, 40);
  g_autoptr(GError) error = NULL;

  ess_store_import_bundles (f->store, bundles, actions, TRUE, "generated", NULL, &error);
  g_assert_no_error (error);

  for (guint full = 0; full < 2; full++)
    {
      g_autofree char *name = g_strdup_printf ("second-%u.db", full);
      g_autoptr(EssStore) second = open_store (f, name);
      g_autoptr(GBytes) a = ess_exchange_export (f->store, NULL, full, &error);
      g_autoptr(GBytes) b = NULL;
      g_autoptr(EssExchangeDocument) document = NULL;
      const EssDossierBundle *first;

      g_assert_no_error (error);
      document = read_checked (second, a);
      g_assert_cmpuint (document->bundles->len, ==, 40);
      g_assert_true (document->full == (full != 0));

      /* What the writer most easily gets wrong comes back as it was. */
      first = g_ptr_array_index (document->bundles, 1);
      g_assert_cmpstr (first->dossier->title, ==, "Projet n° 1 « R&D » <coopérative> \"citoyenne\" l’été");
      g_assert_cmpstr (first->dossier->description, ==, "Première ligne\nDeuxième ligne\r\nTroisième\ttabulée\r");
      g_assert_cmpint (first->dossier->proposed_cents, ==, 99999999999999);
      g_assert_cmpstr (((EssDossierBundle *) g_ptr_array_index (document->bundles, 2))->dossier->axis, ==, "   ");
      g_assert_cmpstr (((EssDossierBundle *) g_ptr_array_index (document->bundles, 3))->dossier->partners, ==, "\n");
      g_assert_cmpstr (first->dossier->notes, ==, full ? "Note privée : ne pas diffuser" : "");

      import_all (second, document);
      b = ess_exchange_export (second, NULL, full, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (a, b));
      ess_store_close (second);
    }
}

/* A partner file carries nothing of the review; importing it over a
 * known dossier keeps the review of the database. */
static void
test_partner_keeps_review (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (2);
  EssImportAction actions[2] = { ESS_IMPORT_CREATE, ESS_IMPORT_CREATE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) partner = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(EssExchangeDocument) document = NULL;
  g_autoptr(EssImportPreview) preview = NULL;
  g_autoptr(EssDossierBundle) after = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  EssImportAction update[2] = { ESS_IMPORT_UPDATE, ESS_IMPORT_UPDATE };
  const EssImportItem *item;
  gint64 id;

  ess_store_import_bundles (f->store, bundles, actions, TRUE, "archive", NULL, &error);
  g_assert_no_error (error);
  /* The import was backed up first. */
  {
    g_autoptr(GPtrArray) backups = ess_store_list_backups (ess_store_get_path (f->store), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, 1);
    g_assert_cmpint (((EssBackup *) g_ptr_array_index (backups, 0))->reason, ==, ESS_BACKUP_IMPORT);
  }

  partner = ess_exchange_export (f->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (partner, NULL), g_bytes_get_size (partner));
  g_assert_null (strstr (text, "Note privée"));
  g_assert_null (strstr (text, "Fort ancrage"));
  g_assert_null (strstr (text, "reserved"));
  g_assert_null (strstr (text, "Sous réserve"));
  g_assert_null (strstr (text, "<history>"));
  g_assert_null (strstr (text, "<review>"));
  g_assert_nonnull (strstr (text, "kind=\"partner\""));

  /* The partner sends the first dossier back with another title. */
  parts = g_strsplit (text, "Projet n° 0", 2);
  g_free (text);
  text = g_strjoinv ("Projet revu n° 0", parts);
  /* ...and the applicant of the second one has moved. */
  g_strfreev (parts);
  parts = g_strsplit (text, "1 rue du Port", 2);
  g_free (text);
  text = g_strjoinv ("2 rue du Port", parts);
  changed = g_bytes_new (text, strlen (text));
  document = read_checked (f->store, changed);
  preview = ess_exchange_preview (f->store, document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_known, ==, 2);
  item = g_ptr_array_index (preview->items, 0);
  g_assert_cmpuint (item->differences->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (item->differences, 0),
                                   "→ «\u00a0Projet revu n° 0 « R&D » <coopérative> \"citoyenne\" l’été\u00a0»"));
  item = g_ptr_array_index (preview->items, 1);
  g_assert_cmpuint (item->differences->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (item->differences, 0), ==,
                   "Porteur, adresse\u00a0: «\u00a01 rue du Port, 59000 Lille\u00a0» → «\u00a02 rue du Port, 59000 Lille\u00a0»");

  ess_exchange_apply (f->store, document, preview, update, "partenaire.xml", NULL, &error);
  g_assert_no_error (error);

  id = ess_store_find_dossier (f->store, "GEN-0000", &error);
  g_assert_no_error (error);
  after = ess_store_load_bundle (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->dossier->title, ==, "Projet revu n° 0 « R&D » <coopérative> \"citoyenne\" l’été");
  g_assert_cmpstr (after->dossier->notes, ==, "Note privée : ne pas diffuser");
  g_assert_cmpint (after->dossier->status, ==, ESS_STATUS_OPINION_GIVEN);
  g_assert_cmpuint (after->scores->len, ==, 2);
  /* The archive's event, then the import's. */
  g_assert_cmpuint (after->history->len, ==, 2);
  g_assert_cmpstr (((EssHistoryEvent *) g_ptr_array_index (after->history, 1))->action, ==, "imported");
  g_assert_cmpstr (((EssHistoryEvent *) g_ptr_array_index (after->history, 1))->comment, ==,
                   "Mis à jour depuis partenaire.xml.");

  /* Updating the second dossier updated its applicant's address. */
  g_clear_pointer (&after, ess_dossier_bundle_free);
  id = ess_store_find_dossier (f->store, "GEN-0001", &error);
  g_assert_no_error (error);
  after = ess_store_load_bundle (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->applicant->address, ==, "2 rue du Port, 59000 Lille");
}

/* A review in a file that says it is a partner's is refused. */
static void
test_partner_with_review (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) full = ess_exchange_write (bundles, TRUE, &error);
  g_autoptr(EssExchangeContext) context = ess_exchange_context_new_for_store (f->store, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
  g_auto(GStrv) parts = g_strsplit (text, "kind=\"full\"", 2);
  g_autofree char *partner = g_strjoinv ("kind=\"partner\"", parts);
  g_autoptr(EssExchangeDocument) document = ess_exchange_read (partner, strlen (partner), context);
  const EssExchangeProblem *problem;

  g_assert_cmpuint (document->problems->len, ==, 1);
  g_assert_cmpuint (document->bundles->len, ==, 0);
  problem = g_ptr_array_index (document->problems, 0);
  g_assert_cmpstr (problem->element, ==, "review");
  /* Counted in the file: 2 lines of head, 47 of the dossier before its review. */
  g_assert_cmpint (problem->line, ==, 50);
}

/* libxml2 2.9.14 reads local files for external entities even without
 * network: once the importer ran, no external resource loads at all. */
static void
test_entity_loader (Fixture       *f,
                    gconstpointer  data)
{
  const char *text = "<?xml version=\"1.0\"?><x/>";
  g_autoptr(EssExchangeDocument) document = ess_exchange_read (text, strlen (text), NULL);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();

  g_assert_cmpuint (document->problems->len, >, 0);
  g_assert_null (xmlLoadExternalEntity ("file:///etc/passwd", NULL, ctxt));
  g_assert_null (xmlLoadExternalEntity ("/etc/hostname", NULL, ctxt));
  xmlFreeParserCtxt (ctxt);
}

/* A known reference whose dossier is in the trash says so. */
static void
test_known_in_trash (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (1);
  EssImportAction create[1] = { ESS_IMPORT_CREATE };
  const char *references[] = { "GEN-0000", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EssExchangeDocument) document = NULL;
  g_autoptr(EssImportPreview) preview = NULL;
  const EssImportItem *item;
  gint64 id;

  ess_store_import_bundles (f->store, bundles, create, TRUE, "archive", NULL, &error);
  g_assert_no_error (error);
  id = ess_store_find_dossier (f->store, "GEN-0000", &error);
  g_assert_no_error (error);
  ess_store_trash_dossiers (f->store, &id, 1, &error);
  g_assert_no_error (error);

  /* Not in an export of everything, but by its reference. */
  bytes = ess_exchange_export (f->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "GEN-0000"));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = ess_exchange_export (f->store, references, FALSE, &error);
  g_assert_no_error (error);

  document = read_checked (f->store, bytes);
  preview = ess_exchange_preview (f->store, document, &error);
  g_assert_no_error (error);
  item = g_ptr_array_index (preview->items, 0);
  g_assert_cmpint (item->existing_id, ==, id);
  g_assert_cmpuint (item->differences->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (item->differences, 0), ==,
                   "Le dossier de la base est dans la corbeille\u00a0: une mise à jour l’y laisse.");
}

/* CDATA sections and comments are XML too: their text is the value. */
static void
test_cdata_and_comments (Fixture       *f,
                         gconstpointer  data)
{
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<dossiers xmlns=\"urn:io.github.essinstruction:dossiers:1\" version=\"1\" kind=\"partner\">\n"
    "  <!-- sent by a partner -->\n"
    "  <dossier>\n"
    "    <reference>AMI-2024-001</reference>\n"
    "    <title><![CDATA[R&D <coopérative>]]> et<!-- note --> suite</title>\n"
    "    <scheme>AMI</scheme>\n"
    "    <year>2024</year>\n"
    "  </dossier>\n"
    "</dossiers>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EssExchangeContext) context = ess_exchange_context_new_for_store (f->store, &error);
  g_autoptr(EssExchangeDocument) document = ess_exchange_read (text, strlen (text), context);

  g_assert_cmpuint (document->problems->len, ==, 0);
  g_assert_cmpuint (document->bundles->len, ==, 1);
  g_assert_cmpstr (((EssDossierBundle *) g_ptr_array_index (document->bundles, 0))->dossier->title, ==,
                   "R&D <coopérative> et suite");
  g_assert_cmpint (g_array_index (document->lines, int, 0), ==, 4);
}

/* XML cannot carry most control characters: the export names the dossier. */
static void
test_control_character (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  EssDossierBundle *bundle = g_ptr_array_index (bundles, 2);

  replace (&bundle->dossier->partners, "APES\x0b CRESS");
  bytes = ess_exchange_write (bundles, FALSE, &error);
  g_assert_null (bytes);
  g_assert_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "GEN-0002"));
  g_assert_nonnull (strstr (error->message, "U+000B"));
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&contents);
}

/* An export goes to its file dossier by dossier, in the order of the
 * references whatever the order asked, and replaces the file only once
 * it is whole; a full archive is private even over a public file. */
static void
test_export_to_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (3);
  EssImportAction create[3] = { ESS_IMPORT_CREATE, ESS_IMPORT_CREATE, ESS_IMPORT_CREATE };
  g_autofree char *path = g_build_filename (f->dir, "export.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) all = NULL;
  g_autofree char *written = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDir) dir = NULL;
  gint64 ids[4], shuffled[4], unknown[2];
  guint progress = 0;
  const char *name;
  GStatBuf st;
  guint n_files = 0;

  /* A control character XML cannot carry, in the last dossier by reference. */
  replace (&((EssDossierBundle *) g_ptr_array_index (bundles, 2))->dossier->partners, "APES\x0b CRESS");
  ess_store_import_bundles (f->store, bundles, create, TRUE, "archive", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *reference = g_strdup_printf ("GEN-%04u", i);

      ids[i] = ess_store_find_dossier (f->store, reference, &error);
      g_assert_no_error (error);
    }

  /* The previous file, readable by all. */
  g_file_set_contents_full (path, "previous\n", -1, G_FILE_SET_CONTENTS_NONE, 0644, &error);
  g_assert_no_error (error);

  /* GEN-0002 cannot be written: the export fails naming it, the previous file stays. */
  g_assert_false (ess_exchange_export_to_file (f->store, ids, 3, TRUE, file, NULL, NULL, &error));
  g_assert_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "GEN-0002"));
  g_clear_error (&error);
  kept = read_text (path);
  g_assert_cmpstr (kept, ==, "previous\n");
  g_clear_pointer (&kept, g_free);

  /* An id that names no dossier: refused, the previous file stays. */
  unknown[0] = ids[0];
  unknown[1] = ids[2] + 1000;
  g_assert_false (ess_exchange_export_to_file (f->store, unknown, 2, FALSE, file, NULL, NULL, &error));
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kept = read_text (path);
  g_assert_cmpstr (kept, ==, "previous\n");

  /* Cancelled: refused, the previous file stays; a new file is not made. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *new_path = g_build_filename (f->dir, "new.xml", NULL);
    g_autoptr(GFile) new_file = g_file_new_for_path (new_path);

    g_cancellable_cancel (cancellable);
    g_assert_false (ess_exchange_export_to_file (f->store, ids, 2, FALSE, file, cancellable, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_pointer (&kept, g_free);
    kept = read_text (path);
    g_assert_cmpstr (kept, ==, "previous\n");
    g_assert_false (ess_exchange_export_to_file (f->store, ids, 2, FALSE, new_file, cancellable, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  }

  /* GEN-0001 then GEN-0000, asked twice and backwards: written once each,
   * in order, and counted as they go. */
  shuffled[0] = ids[1];
  shuffled[1] = ids[0];
  shuffled[2] = ids[1];
  shuffled[3] = ids[0];
  g_assert_true (ess_exchange_export_to_file (f->store, shuffled, 4, TRUE, file, NULL, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 2);
  written = read_text (path);
  g_assert_true (g_str_has_prefix (written, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<dossiers xmlns=\"urn:io.github.essinstruction:dossiers:1\" "
                                            "version=\"1\" kind=\"full\">\n"));
  g_assert_true (g_str_has_suffix (written, "</dossiers>\n"));
  g_assert_nonnull (strstr (written, "<reference>GEN-0000</reference>"));
  g_assert_true (strstr (written, "<reference>GEN-0000</reference>") <
                 strstr (written, "<reference>GEN-0001</reference>"));
  g_assert_null (strstr (strstr (written, "<reference>GEN-0000</reference>") + 1,
                         "<reference>GEN-0000</reference>"));
  g_assert_null (strstr (written, "GEN-0002"));
  /* Private, although the file it replaced was not. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The same bytes as the export in memory of the same dossiers. */
  all = ess_exchange_export_ids (f->store, ids, 2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (written, strlen (written), g_bytes_get_data (all, NULL), g_bytes_get_size (all));

  /* No temporary file left beside it by the failed exports. */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") || strstr (name, "export") != NULL)
      n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

/* The file is read and parsed 64 KB at a time: a character cut by the
 * end of a chunk is whole for the parser, from memory as from a file,
 * and a byte that is not UTF-8 far in the file is found where it is. */
static void
test_chunk_boundaries (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const characters[] = { "é", "€", "🌱" };
  g_autoptr(GError) error = NULL;
  g_autoptr(EssExchangeContext) context = ess_exchange_context_new_for_store (f->store, &error);
  g_autofree char *path = g_build_filename (f->dir, "chunks.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (characters); c++)
    for (guint shift = 0; shift < 4; shift++)
      {
        g_autoptr(GPtrArray) bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);
        EssDossierBundle *bundle = generated_bundle (0);
        g_autoptr(GString) description = g_string_new (NULL);
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(EssExchangeDocument) from_memory = NULL;
        g_autoptr(EssExchangeDocument) from_file = NULL;
        gsize size = 0;
        const char *text;

        /* 150 000 bytes of the character, after 0 to 3 letters: whatever
         * the offset of the text, some chunk ends inside a character. */
        g_string_append_len (description, "abc", shift);
        while (description->len < 150000)
          g_string_append (description, characters[c]);
        replace (&bundle->dossier->description, description->str);
        g_ptr_array_add (bundles, bundle);
        bytes = ess_exchange_write (bundles, FALSE, &error);
        g_assert_no_error (error);
        text = g_bytes_get_data (bytes, &size);
        g_file_set_contents (path, text, (gssize) size, &error);
        g_assert_no_error (error);

        from_memory = ess_exchange_read (text, size, context);
        from_file = ess_exchange_read_file (file, context, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (from_memory->problems->len, ==, 0);
        g_assert_cmpuint (from_file->problems->len, ==, 0);
        g_assert_cmpstr (((EssDossierBundle *) g_ptr_array_index (from_memory->bundles, 0))->dossier->description,
                         ==, description->str);
        g_assert_cmpstr (((EssDossierBundle *) g_ptr_array_index (from_file->bundles, 0))->dossier->description,
                         ==, description->str);
      }

  /* Latin-1 é at byte 100 047 of line 4, after 100 000 letters. */
  {
    const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n";   /* 44 bytes, 2 lines */
    g_autofree char *letters = g_strnfill (100000, 'x');
    g_autofree char *latin1 = g_strconcat (head, letters, "\nab\xe9 -->\n<dossiers/>\n", NULL);
    g_autoptr(EssExchangeDocument) from_memory = NULL;
    g_autoptr(EssExchangeDocument) from_file = NULL;
    EssExchangeDocument *documents[2];

    g_assert_cmpuint (strlen (head), ==, 44);
    g_file_set_contents (path, latin1, -1, &error);
    g_assert_no_error (error);
    from_memory = ess_exchange_read (latin1, strlen (latin1), context);
    from_file = ess_exchange_read_file (file, context, &error);
    g_assert_no_error (error);
    documents[0] = from_memory;
    documents[1] = from_file;
    for (guint d = 0; d < 2; d++)
      {
        const EssExchangeProblem *problem;

        g_assert_cmpuint (documents[d]->problems->len, ==, 1);
        g_assert_cmpuint (documents[d]->bundles->len, ==, 0);
        problem = g_ptr_array_index (documents[d]->problems, 0);
        g_assert_cmpint (problem->line, ==, 4);
        g_assert_cmpstr (problem->message, ==,
                         "l’octet 0xE9 à la position 100047 n’est pas de l’UTF-8\u00a0: "
                         "le fichier doit être encodé en UTF-8");
      }
  }
}

static guint
count_found (EssStore   *store,
             const char *search)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  query->search = g_strdup (search);
  ids = ess_store_query_dossier_ids (store, query, &error);
  g_assert_no_error (error);
  return ids->len;
}

/* An import writes the search rows of its dossiers at its end: they are
 * found by title, without accents, and by applicant; an updated dossier
 * by its new title; a dossier created after an import, or after an
 * import that failed, is found too (the search trigger is back). */
static void
test_import_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) bundles = generated_set (3);
  g_autoptr(GPtrArray) again = generated_set (2);
  g_autoptr(GPtrArray) twice = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);
  EssImportAction create[3] = { ESS_IMPORT_CREATE, ESS_IMPORT_CREATE, ESS_IMPORT_CREATE };
  EssImportAction update[2] = { ESS_IMPORT_SKIP, ESS_IMPORT_UPDATE };
  g_autoptr(GError) error = NULL;
  guint before = count_found (f->store, "cooperative");
  gint64 id;

  ess_store_import_bundles (f->store, bundles, create, TRUE, "archive", NULL, &error);
  g_assert_no_error (error);
  /* "coopérative" is in the 3 titles; applicants "Association n° 1" and "n° 2" for GEN-0001 and GEN-0002. */
  g_assert_cmpuint (count_found (f->store, "cooperative"), ==, before + 3);
  g_assert_cmpuint (count_found (f->store, "GEN"), ==, 3);
  g_assert_cmpuint (count_found (f->store, "GEN association"), ==, 2);

  /* An update: GEN-0001 is found by its new title only. */
  replace (&((EssDossierBundle *) g_ptr_array_index (again, 1))->dossier->title, "Ressourcerie du Vieux-Lille");
  ess_store_import_bundles (f->store, again, update, FALSE, "partner", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f->store, "ressourcerie vieux"), ==, 1);
  g_assert_cmpuint (count_found (f->store, "cooperative GEN"), ==, 2);

  /* An import that fails on its second dossier (a reference given twice) writes nothing. */
  g_ptr_array_add (twice, generated_bundle (7));
  g_ptr_array_add (twice, generated_bundle (7));
  g_assert_false (ess_store_import_bundles (f->store, twice, create, TRUE, "archive", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_found (f->store, "GEN"), ==, 3);

  /* The search triggers are back: a dossier made afterwards is found by
   * its reference (insert), then by its new title (update). */
  before = count_found (f->store, "APT 2031");
  id = ess_store_create_dossier (f->store, "APT", 2031, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f->store, "APT 2031"), ==, before + 1);
  ess_store_set_dossier_field (f->store, id, ESS_FIELD_TITLE, "Épicerie solidaire de Wazemmes", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f->store, "epicerie wazemmes"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ESS_LOCALEDIR");

  /* The messages are checked in French, as users read them. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange/round-trip-generated", Fixture, NULL, fixture_setup, test_round_trip_generated,
              fixture_teardown);
  g_test_add ("/exchange/partner-keeps-review", Fixture, NULL, fixture_setup, test_partner_keeps_review,
              fixture_teardown);
  g_test_add ("/exchange/partner-with-review", Fixture, NULL, fixture_setup, test_partner_with_review,
              fixture_teardown);
  g_test_add ("/exchange/entity-loader", Fixture, NULL, fixture_setup, test_entity_loader, fixture_teardown);
  g_test_add ("/exchange/known-in-trash", Fixture, NULL, fixture_setup, test_known_in_trash, fixture_teardown);
  g_test_add ("/exchange/cdata-and-comments", Fixture, NULL, fixture_setup, test_cdata_and_comments,
              fixture_teardown);
  g_test_add ("/exchange/control-character", Fixture, NULL, fixture_setup, test_control_character,
              fixture_teardown);
  g_test_add ("/exchange/chunk-boundaries", Fixture, NULL, fixture_setup, test_chunk_boundaries,
              fixture_teardown);
  g_test_add ("/exchange/import-search", Fixture, NULL, fixture_setup, test_import_search,
              fixture_teardown);
  g_test_add ("/exchange/export-to-file", Fixture, NULL, fixture_setup, test_export_to_file,
              fixture_teardown);

  return g_test_run ();
}
