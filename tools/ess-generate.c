/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes a realistic portfolio of N dossiers into a database and/or an
 * exchange file, for the benchmarks: the real communes and territories,
 * legal forms and amounts distributed like the seeds (many small grants,
 * a few large ones), funding plans of 1 to 60 actions, French texts with
 * accents, years 2012 to 2026, every status. The same seed gives the same
 * portfolio.
 *
 *   ess-generate --dossiers 100000 [--seed 1] [--database FILE] [--xml FILE]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ess-csv.h"
#include "ess-exchange.h"
#include "ess-identifiers.h"
#include "ess-resources.h"
#include "ess-store-exchange.h"

#define FIRST_YEAR 2012
#define LAST_YEAR  2026
#define BATCH      5000

typedef struct
{
  char   *insee;
  char   *name;
  gint64  population;
} Commune;

typedef struct
{
  GRand     *rand;
  GPtrArray *communes;      /* Commune */
  GPtrArray *applicants;    /* EssApplicant, the pool dossiers draw from */
  GHashTable *counters;     /* "APT-2013" -> next number */
} Generator;

static const char * const schemes[] = { "APT", "APP", "AMI", "CONVENTION", "SIEG" };
static const int scheme_weights[] = { 30, 50, 5, 10, 5 };

static const char * const verbs[] = {
  "Accompagner", "Développer", "Créer", "Structurer", "Essaimer", "Expérimenter", "Consolider",
  "Animer", "Mutualiser", "Former", "Sensibiliser", "Coopérer pour",
};
static const char * const objects[] = {
  "une épicerie solidaire", "une recyclerie de quartier", "un tiers-lieu d'économie sociale",
  "une coopérative d'habitants", "un atelier de réparation de vélos", "une ressourcerie",
  "un jardin partagé et maraîcher", "une monnaie locale complémentaire", "un café associatif",
  "une plateforme de mobilité solidaire", "une conciergerie d'entreprises", "un chantier d'insertion",
  "une cuisine centrale bio", "un réseau d'échanges de savoirs", "une accorderie",
  "un pôle territorial de coopération économique", "une SCIC d'énergie citoyenne",
  "un service de garde d'enfants à horaires atypiques", "une friperie solidaire",
};
static const char * const sentences[] = {
  "Le projet répond à un besoin identifié lors du diagnostic territorial mené avec les habitants.",
  "Il s'appuie sur un partenariat étroit avec les structures de l'insertion par l'activité économique.",
  "L'équipe salariée sera renforcée par des bénévoles formés à l'accueil du public.",
  "Les bénéficiaires sont majoritairement des personnes éloignées de l'emploi, des jeunes et des séniors isolés.",
  "Une gouvernance partagée associe les usagers, les salariés et les collectivités au sein d'une SCIC.",
  "Le modèle économique repose sur la vente de services, des cotisations et des subventions d'amorçage dégressives.",
  "Les indicateurs de suivi portent sur l'emploi créé, la fréquentation et les tonnes de déchets évitées.",
  "La commune met à disposition un local rénové et assure la communication auprès des habitants.",
  "Une étude de faisabilité a été réalisée en amont avec l'appui d'un cabinet spécialisé en ESS.",
  "L'action sera évaluée à mi-parcours lors d'un comité de suivi réunissant l'ensemble des financeurs.",
  "Le porteur sollicite l'aide de la Métropole pour la phase d'investissement et le premier exercice.",
  "Des synergies sont prévues avec le plan local pour l'insertion et l'emploi et la politique de la ville.",
};
static const char * const first_names[] = { "Camille", "Dominique", "Hélène", "Loïc", "Zoé", "Jérôme", "Maëlle", "Noël", "Agnès", "Benoît" };
static const char * const last_names[] = { "Dupont", "Lefèvre", "Deschamps", "Vandenbussche", "Duhamel", "Wattiez", "Leroy", "Bécue", "Delcroix", "Ménard" };
static const char * const axes[] = { "Animation territoriale", "Entrepreneuriat", "Sensibilisation", "Filières", "Emploi et insertion", "" };
static const char * const funder_names[] = { "Métropole Européenne de Lille", "Ville", "Région Hauts-de-France", "Département du Nord", "État", "Fonds social européen", "Fondation de France", "Autofinancement" };
static const char * const funder_kinds[] = { "metropole", "commune", "region", "departement", "etat", "europe", "prive", "autofinancement" };

static int
pick_weighted (GRand     *rand,
               const int *weights,
               guint      n)
{
  int total = 0, r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return (int) i;
      r -= weights[i];
    }
  return 0;
}

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* An amount in cents, log-uniform between @low and @high euros, rounded to 10 €. */
static gint64
amount_between (GRand  *rand,
                gint64  low,
                gint64  high)
{
  /* exp (uniform (ln low, ln high)), from integers: a geometric walk. */
  gint64 euros = low;
  int steps = g_rand_int_range (rand, 0, 64);

  for (int i = 0; i < steps && euros < high; i++)
    euros = euros * 107 / 100 + 1;
  euros = MIN (euros, high);
  euros += g_rand_int_range (rand, 0, (gint32) MAX (euros / 10, 1));
  return MIN (euros, high) / 10 * 10 * 100;
}

/* A Luhn-valid SIREN from 8 random digits. */
static char *
make_siren (GRand *rand)
{
  char digits[10];

  for (int i = 0; i < 8; i++)
    digits[i] = (char) ('0' + g_rand_int_range (rand, i == 0 ? 1 : 0, 10));
  digits[9] = '\0';
  for (int check = 0; check < 10; check++)
    {
      digits[8] = (char) ('0' + check);
      if (ess_siren_validate (digits, NULL))
        return g_strdup (digits);
    }
  g_assert_not_reached ();
}

static char *
make_siret (GRand      *rand,
            const char *siren)
{
  char digits[15];

  memcpy (digits, siren, 9);
  for (int i = 9; i < 13; i++)
    digits[i] = (char) ('0' + g_rand_int_range (rand, 0, 10));
  digits[14] = '\0';
  for (int check = 0; check < 10; check++)
    {
      digits[13] = (char) ('0' + check);
      if (ess_siret_validate (digits, NULL))
        return g_strdup (digits);
    }
  /* The La Poste rule aside, one of ten check digits is always valid. */
  g_assert_not_reached ();
}

static void
commune_free (gpointer data)
{
  Commune *commune = data;

  g_free (commune->insee);
  g_free (commune->name);
  g_free (commune);
}

static void
load_communes (Generator *gen)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (ess_get_resource (), RESOURCE_PREFIX "/data/communes.csv", 0, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  rows = ess_csv_parse (text, size, ',', NULL);
  gen->communes = g_ptr_array_new_with_free_func (commune_free);
  for (guint i = 1; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);
      Commune *commune = g_new0 (Commune, 1);

      commune->insee = g_strdup (cells[0]);
      commune->name = g_strdup (cells[1]);
      commune->population = g_ascii_strtoll (cells[3], NULL, 10);
      g_ptr_array_add (gen->communes, commune);
    }
}

/* Communes weighted by population: large cities get more projects. */
static Commune *
pick_commune (Generator *gen)
{
  if (g_rand_int_range (gen->rand, 0, 3) == 0)
    return g_ptr_array_index (gen->communes, g_rand_int_range (gen->rand, 0, gen->communes->len));
  for (;;)
    {
      Commune *commune = g_ptr_array_index (gen->communes, g_rand_int_range (gen->rand, 0, gen->communes->len));
      if (g_rand_int_range (gen->rand, 0, 240000) < commune->population + 4000)
        return commune;
    }
}

static EssApplicant *
make_applicant (Generator *gen,
                guint      index)
{
  static const char * const forms[] = { "collectivite", "association", "scic", "scop", "cae", "esus", "fondation" };
  static const int form_weights[] = { 15, 55, 10, 8, 4, 6, 2 };
  EssApplicant *applicant = g_new0 (EssApplicant, 1);
  Commune *commune = pick_commune (gen);
  const char *form = forms[pick_weighted (gen->rand, form_weights, G_N_ELEMENTS (form_weights))];

  applicant->legal_form = g_strdup (form);
  applicant->commune = g_strdup (commune->insee);
  if (strcmp (form, "collectivite") == 0)
    applicant->name = g_strdup_printf ("Ville de %s", commune->name);
  else if (strcmp (form, "association") == 0)
    applicant->name = g_strdup_printf ("Association %s solidaire n° %u", commune->name, index);
  else
    applicant->name = g_strdup_printf ("%s %s coopérative n° %u", form[0] == 's' ? "SCOP" : "Coop", commune->name, index);
  applicant->siren = make_siren (gen->rand);
  applicant->siret = make_siret (gen->rand, applicant->siren);
  if (strcmp (form, "association") == 0)
    applicant->rna = g_strdup_printf ("W59%07u", g_rand_int_range (gen->rand, 0, 9999999));
  applicant->address = g_strdup_printf ("%d rue de l'Économie Solidaire", g_rand_int_range (gen->rand, 1, 300));
  applicant->contact_name = g_strdup_printf ("%s %s", PICK (gen->rand, first_names), PICK (gen->rand, last_names));
  applicant->contact_email = g_strdup_printf ("contact%u@exemple.fr", index);
  applicant->contact_phone = g_strdup_printf ("03 20 %02d %02d %02d", g_rand_int_range (gen->rand, 0, 100),
                                              g_rand_int_range (gen->rand, 0, 100), g_rand_int_range (gen->rand, 0, 100));
  return applicant;
}

static EssApplicant *
copy_applicant (const EssApplicant *a)
{
  EssApplicant *copy = g_new0 (EssApplicant, 1);

  copy->name = g_strdup (a->name);
  copy->legal_form = g_strdup (a->legal_form);
  copy->siren = g_strdup (a->siren);
  copy->siret = g_strdup (a->siret);
  copy->rna = g_strdup (a->rna);
  copy->address = g_strdup (a->address);
  copy->commune = g_strdup (a->commune);
  copy->contact_name = g_strdup (a->contact_name);
  copy->contact_email = g_strdup (a->contact_email);
  copy->contact_phone = g_strdup (a->contact_phone);
  return copy;
}

static char *
make_text (Generator *gen,
           int        n_sentences)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < n_sentences; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (gen->rand, sentences));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
iso_date (int year,
          int day_of_year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, year);
  g_date_add_days (&date, day_of_year);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* A plan whose rows balance: Métropole + co-funders = own + external realisation. */
static EssFundingPlan *
make_plan (Generator *gen,
           int        year,
           gint64     metropole_cents,
           const char *commune)
{
  EssFundingPlan *plan = ess_funding_plan_new ();
  static const int size_weights[] = { 40, 30, 15, 10, 4, 1 };
  static const int size_max[] = { 3, 8, 15, 25, 40, 60 };
  int size_class = pick_weighted (gen->rand, size_weights, G_N_ELEMENTS (size_weights));
  guint n_actions = (guint) g_rand_int_range (gen->rand, size_class == 0 ? 1 : size_max[size_class - 1] + 1, size_max[size_class] + 1);
  guint n_years = (guint) g_rand_int_range (gen->rand, 1, 4);
  guint n_funders = (guint) g_rand_int_range (gen->rand, 1, 4);
  gint64 cells, per_cell, first_cell;

  ess_funding_plan_add_funder (plan, funder_names[0], funder_kinds[0]);
  for (guint f = 1; f < n_funders; f++)
    {
      guint kind = (guint) g_rand_int_range (gen->rand, 1, G_N_ELEMENTS (funder_kinds));
      g_autofree char *name = kind == 1 ? g_strdup_printf ("Ville de %s", commune) : g_strdup (funder_names[kind]);
      ess_funding_plan_add_funder (plan, name, funder_kinds[kind]);
    }
  for (guint y = 0; y < n_years; y++)
    ess_funding_plan_add_year (plan, year + (int) y);

  /* The Métropole column adds up to the dossier's amount, the odd cents in the first cell. */
  cells = (gint64) n_actions * n_years;
  per_cell = metropole_cents / cells;
  first_cell = metropole_cents - per_cell * (cells - 1);
  for (guint a = 0; a < n_actions; a++)
    {
      EssFundingAction *action = ess_funding_plan_insert_action (plan, G_MAXUINT);
      gint64 row_total = 0;

      g_free (action->axis);
      action->axis = g_strdup (axes[a * G_N_ELEMENTS (axes) / n_actions]);
      g_free (action->number);
      action->number = g_strdup_printf ("%u", a + 1);
      g_free (action->title);
      action->title = g_strdup_printf ("%s %s", PICK (gen->rand, verbs), PICK (gen->rand, objects));
      g_free (action->description);
      action->description = make_text (gen, 1);
      g_free (action->partners);
      action->partners = g_strdup ("Acteurs de l'ESS, CRESS, communes");
      for (guint f = 0; f < n_funders; f++)
        for (guint y = 0; y < n_years; y++)
          {
            gint64 cents = f == 0 ? (a == 0 && y == 0 ? first_cell : per_cell)
                                  : per_cell * g_rand_int_range (gen->rand, 0, 150) / 100 / 100 * 100;
            *ess_funding_plan_amount (plan, a, f, y) = cents;
            row_total += cents;
          }
      action->realisation[0] = row_total * g_rand_int_range (gen->rand, 0, 101) / 100;
      action->realisation[1] = row_total - action->realisation[0];
      /* One plan in ten carries the applicant's printed totals, not always right. */
      if (g_rand_int_range (gen->rand, 0, 10) == 0)
        {
          action->has_declared_total = TRUE;
          action->declared_total = row_total + (g_rand_int_range (gen->rand, 0, 5) == 0 ? 100000 : 0);
        }
    }
  return plan;
}

/* Sets a string field that may already hold one. */
static void
replace (char **field,
         char  *value)
{
  g_free (*field);
  *field = value;
}

static EssDossierBundle *
make_bundle (Generator *gen,
             guint      index)
{
  static const int status_weights[ESS_N_STATUSES] = { 6, 3, 4, 8, 5, 18, 8, 3, 3, 22, 20 };
  EssDossierBundle *bundle = ess_dossier_bundle_new ();
  EssDossier *d = ess_dossier_new ();
  const EssApplicant *applicant = g_ptr_array_index (gen->applicants, g_rand_int_range (gen->rand, 0, gen->applicants->len));
  const char *scheme = schemes[pick_weighted (gen->rand, scheme_weights, G_N_ELEMENTS (scheme_weights))];
  int year = g_rand_int_range (gen->rand, FIRST_YEAR, LAST_YEAR + 1);
  EssStatus status = (EssStatus) pick_weighted (gen->rand, status_weights, ESS_N_STATUSES);
  g_autofree char *key = g_strdup_printf ("%s-%d", scheme, year);
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (gen->counters, key)) + 1;
  g_autoptr(GPtrArray) communes = g_ptr_array_new ();
  int n_communes = g_rand_int_range (gen->rand, 1, 5);
  int submitted = g_rand_int_range (gen->rand, 0, 300);

  g_hash_table_insert (gen->counters, g_strdup (key), GUINT_TO_POINTER (number));
  /* Thousands of dossiers a year in one scheme need five digits. */
  replace (&d->reference, g_strdup_printf ("%s-%d-%05u", scheme, year, number));
  replace (&d->title, g_strdup_printf ("%s %s", PICK (gen->rand, verbs), PICK (gen->rand, objects)));
  replace (&d->description, make_text (gen, g_rand_int_range (gen->rand, 2, 9)));
  replace (&d->scheme, g_strdup (scheme));
  d->volet = strcmp (scheme, "APT") == 0 ? g_rand_int_range (gen->rand, 1, 3) : 0;
  replace (&d->axis, g_strdup (PICK (gen->rand, axes)));
  d->year = year;
  d->status = status;
  d->requested_cents = amount_between (gen->rand, 2000, strcmp (scheme, "SIEG") == 0 ? 500000 : 150000);
  if (status >= ESS_STATUS_OPINION_GIVEN)
    d->proposed_cents = d->requested_cents / 100 * g_rand_int_range (gen->rand, 50, 101);
  if (status == ESS_STATUS_GRANTED || status == ESS_STATUS_AGREEMENT_SIGNED || status == ESS_STATUS_CLOSED)
    d->granted_cents = d->proposed_cents;
  replace (&d->submitted_on, iso_date (year, submitted));
  if (status >= ESS_STATUS_OPINION_GIVEN)
    replace (&d->committee_on, iso_date (year, submitted + 60));
  if (ess_status_is_decided (status))
    replace (&d->decided_on, iso_date (year, submitted + 75));
  if (status >= ESS_STATUS_AGREEMENT_SIGNED && status != ESS_STATUS_WITHDRAWN)
    replace (&d->agreement_on, iso_date (year, submitted + 100));
  replace (&d->start_on, iso_date (year, submitted + 90));
  replace (&d->end_on, iso_date (year + 1, submitted + 90));
  replace (&d->partners, g_strdup ("CRESS Hauts-de-France, APES, Initiatives et Cités"));
  replace (&d->opinion, g_strdup (status >= ESS_STATUS_OPINION_GIVEN ? (status == ESS_STATUS_REFUSED ? "unfavorable" : "favorable") : ""));
  replace (&d->conditions, g_strdup (""));
  replace (&d->notes, g_strdup (g_rand_int_range (gen->rand, 0, 4) == 0 ? "Porteur rencontré sur site ; à revoir en comité." : ""));
  g_ptr_array_add (communes, g_strdup (applicant->commune));
  for (int i = 1; i < n_communes; i++)
    {
      Commune *commune = pick_commune (gen);
      gboolean seen = FALSE;
      for (guint c = 0; c < communes->len; c++)
        seen |= strcmp (g_ptr_array_index (communes, c), commune->insee) == 0;
      if (!seen)
        g_ptr_array_add (communes, g_strdup (commune->insee));
    }
  ess_commune_codes_sort (communes);
  g_ptr_array_add (communes, NULL);
  g_strfreev (d->communes);
  d->communes = (char **) g_ptr_array_steal (communes, NULL);

  ess_dossier_free (bundle->dossier);
  bundle->dossier = d;
  bundle->applicant = copy_applicant (applicant);
  ess_funding_plan_free (bundle->plan);
  /* One plan in ten disagrees with the dossier's latest amount, as real ones do. */
  bundle->plan = make_plan (gen, year,
                            (d->granted_cents > 0 ? d->granted_cents : d->proposed_cents > 0 ? d->proposed_cents : d->requested_cents) +
                              (g_rand_int_range (gen->rand, 0, 10) == 0 ? 50000 : 0),
                            applicant->name);

  for (int i = g_rand_int_range (gen->rand, 0, 4); i > 0; i--)
    {
      EssIndicator *indicator = g_new0 (EssIndicator, 1);
      indicator->label = g_strdup (i == 1 ? "Emplois créés" : i == 2 ? "Personnes accompagnées" : "Tonnes de déchets évitées");
      indicator->target = g_strdup_printf ("%d", g_rand_int_range (gen->rand, 1, 200));
      indicator->result = g_strdup (status == ESS_STATUS_CLOSED ? "12" : "");
      indicator->unit = g_strdup (i == 1 ? "ETP" : i == 2 ? "personnes" : "t");
      g_ptr_array_add (bundle->indicators, indicator);
    }

  if (d->granted_cents > 0)
    {
      EssPayment *advance = g_new0 (EssPayment, 1);
      advance->kind = ESS_PAYMENT_ADVANCE;
      advance->amount_cents = d->granted_cents / 2;
      advance->planned_on = iso_date (year, submitted + 110);
      advance->paid_on = status >= ESS_STATUS_AGREEMENT_SIGNED ? iso_date (year, submitted + 120) : NULL;
      advance->comment = g_strdup ("");
      g_ptr_array_add (bundle->payments, advance);
      if (status == ESS_STATUS_CLOSED)
        {
          EssPayment *balance = g_new0 (EssPayment, 1);
          balance->kind = ESS_PAYMENT_BALANCE;
          balance->amount_cents = d->granted_cents - advance->amount_cents;
          balance->planned_on = iso_date (year + 1, submitted + 120);
          balance->paid_on = iso_date (year + 1, submitted + 130);
          balance->comment = g_strdup ("Solde sur compte rendu financier");
          g_ptr_array_add (bundle->payments, balance);
        }
    }
  (void) index;
  return bundle;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *database = NULL;
  g_autofree char *xml = NULL;
  gint64 n_dossiers = 1000;
  gint seed = 1;
  gboolean full = FALSE;
  Generator gen = { 0, };
  GOptionEntry entries[] = {
    { "dossiers", 'n', 0, G_OPTION_ARG_INT64, &n_dossiers, "Number of dossiers (default 1000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the random portfolio (default 1)", "S" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "Database to create (must not exist)", "FILE" },
    { "xml", 'x', 0, G_OPTION_ARG_FILENAME, &xml, "Exchange file to write", "FILE" },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, "Write a full archive (review included)", NULL },
    { NULL }
  };
  gint64 started = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- write a realistic portfolio of dossiers");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_dossiers < 1 || n_dossiers > 10000000 ||
      (database == NULL && xml == NULL))
    {
      g_printerr ("ess-generate: %s\n", error ? error->message : "expected --dossiers N (1..10000000) and --database or --xml");
      return 2;
    }
  if (database != NULL && g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_printerr ("ess-generate: %s exists already\n", database);
      return 2;
    }

  gen.rand = g_rand_new_with_seed ((guint32) seed);
  gen.counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load_communes (&gen);
  gen.applicants = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_applicant_free);
  for (guint i = 0; i < MAX (n_dossiers / 3, 1); i++)
    g_ptr_array_add (gen.applicants, make_applicant (&gen, i + 1));

  if (database != NULL)
    {
      store = ess_store_open (database, ESS_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        {
          g_printerr ("ess-generate: %s\n", error->message);
          return 1;
        }
    }
  if (xml != NULL)
    all = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dossier_bundle_free);

  for (gint64 done = 0; done < n_dossiers; done += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (all != NULL ? NULL : (GDestroyNotify) ess_dossier_bundle_free);
      g_autofree EssImportAction *actions = NULL;
      guint n = (guint) MIN (BATCH, n_dossiers - done);

      for (guint i = 0; i < n; i++)
        {
          EssDossierBundle *bundle = make_bundle (&gen, (guint) (done + i));
          g_ptr_array_add (batch, bundle);
          if (all != NULL)
            g_ptr_array_add (all, bundle);
        }
      if (store != NULL)
        {
          actions = g_new0 (EssImportAction, n);   /* ESS_IMPORT_CREATE */
          if (!ess_store_import_bundles (store, batch, actions, TRUE, "ess-generate", NULL, &error))
            {
              g_printerr ("ess-generate: %s\n", error->message);
              return 1;
            }
        }
    }

  if (xml != NULL)
    {
      g_autoptr(GBytes) bytes = ess_exchange_write (all, full, &error);
      gsize size;
      const char *data;

      if (bytes == NULL)
        {
          g_printerr ("ess-generate: %s\n", error->message);
          return 1;
        }
      data = g_bytes_get_data (bytes, &size);
      if (!g_file_set_contents (xml, data, (gssize) size, &error))
        {
          g_printerr ("ess-generate: %s\n", error->message);
          return 1;
        }
    }

  g_printerr ("ess-generate: %" G_GINT64_FORMAT " dossiers in %.1f s\n", n_dossiers,
              (g_get_monotonic_time () - started) / 1e6);
  g_rand_free (gen.rand);
  g_hash_table_unref (gen.counters);
  g_ptr_array_unref (gen.applicants);
  g_ptr_array_unref (gen.communes);
  return 0;
}
