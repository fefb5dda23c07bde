/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ess-csv.h"
#include "ess-dashboard.h"
#include "ess-money.h"

EssSizeClass
ess_size_class_of (gint64 population)
{
  if (population >= ESS_LARGE_CITY_POPULATION)
    return ESS_SIZE_CLASS_LARGE_CITY;
  if (population >= ESS_SMALL_COMMUNE_POPULATION)
    return ESS_SIZE_CLASS_5000_AND_MORE;
  return ESS_SIZE_CLASS_UNDER_5000;
}

const char *
ess_size_class_label (EssSizeClass size_class)
{
  switch (size_class)
    {
    case ESS_SIZE_CLASS_LARGE_CITY:
      return _("The 4 large cities");
    case ESS_SIZE_CLASS_5000_AND_MORE:
      return _("5,000 inhabitants and more");
    case ESS_SIZE_CLASS_UNDER_5000:
      return _("Under 5,000 inhabitants");
    case ESS_N_SIZE_CLASSES:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
ess_size_class_id (EssSizeClass size_class)
{
  static const char * const ids[] = { "large-cities", "5000-and-more", "under-5000" };

  g_return_val_if_fail (size_class < ESS_N_SIZE_CLASSES, "");
  return ids[size_class];
}

gboolean
ess_split_cents (gint64        amount,
                 const gint64 *weights,
                 guint         n,
                 gint64       *out)
{
  g_autofree gint64 *remainders = NULL;
  g_autofree gboolean *served = NULL;
  gint64 total_weight = 0;
  gint64 magnitude;
  gint64 left;

  g_return_val_if_fail (n == 0 || (weights != NULL && out != NULL), FALSE);

  if (n == 0)
    return amount == 0;
  if (amount == G_MININT64)
    return FALSE;
  magnitude = amount < 0 ? -amount : amount;

  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (weights[i] >= 0, FALSE);
      if (!ess_money_add (total_weight, weights[i], &total_weight))
        return FALSE;
    }

  remainders = g_new0 (gint64, n);
  served = g_new0 (gboolean, n);
  left = magnitude;
  for (guint i = 0; i < n; i++)
    {
      gint64 product;

      if (total_weight == 0)
        {
          out[i] = magnitude / (gint64) n;
          remainders[i] = 1;   /* every part is as deserving */
        }
      else
        {
          if (!ess_money_mul (magnitude, weights[i], &product))
            return FALSE;
          out[i] = product / total_weight;
          remainders[i] = product % total_weight;
        }
      left -= out[i];
    }

  /* Fewer than n cents are left: each goes to the part with the largest
   * remainder not served yet, the first one on ties. */
  while (left > 0)
    {
      guint best = G_MAXUINT;

      for (guint i = 0; i < n; i++)
        if (!served[i] && (best == G_MAXUINT || remainders[i] > remainders[best]))
          best = i;
      out[best]++;
      served[best] = TRUE;
      left--;
    }

  if (amount < 0)
    for (guint i = 0; i < n; i++)
      out[i] = -out[i];

  return TRUE;
}

EssDashCommune *
ess_dash_commune_new (const char *insee,
                      const char *name,
                      gint64      population,
                      int         territory_id,
                      const char *territory)
{
  EssDashCommune *commune = g_new0 (EssDashCommune, 1);

  commune->insee = g_strdup (insee);
  commune->name = g_strdup (name);
  commune->population = population;
  commune->territory_id = territory_id;
  commune->territory = g_strdup (territory);
  return commune;
}

void
ess_dash_commune_free (EssDashCommune *commune)
{
  if (commune == NULL)
    return;
  g_free (commune->insee);
  g_free (commune->name);
  g_free (commune->territory);
  g_free (commune);
}

EssDashDossier *
ess_dash_dossier_new (void)
{
  EssDashDossier *dossier = g_new0 (EssDashDossier, 1);

  dossier->axis = g_strdup ("");
  dossier->communes = g_ptr_array_new_with_free_func (g_free);
  return dossier;
}

void
ess_dash_dossier_free (EssDashDossier *dossier)
{
  if (dossier == NULL)
    return;
  g_free (dossier->reference);
  g_free (dossier->scheme);
  g_free (dossier->legal_form);
  g_free (dossier->axis);
  g_free (dossier->applicant);
  g_free (dossier->applicant_commune);
  g_free (dossier->submitted_on);
  g_ptr_array_unref (dossier->communes);
  g_free (dossier);
}

void
ess_dash_group_free (EssDashGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->key);
  g_free (group->label);
  g_free (group);
}

void
ess_dashboard_free (EssDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  g_array_unref (dashboard->years);
  g_ptr_array_unref (dashboard->territories);
  g_ptr_array_unref (dashboard->size_classes);
  g_ptr_array_unref (dashboard->legal_forms);
  g_ptr_array_unref (dashboard->volets);
  g_ptr_array_unref (dashboard->axes);
  g_ptr_array_unref (dashboard->beneficiaries);
  g_array_unref (dashboard->pipeline);
  g_free (dashboard);
}

static EssDashGroup *
group_new (const char *key,
           const char *label)
{
  EssDashGroup *group = g_new0 (EssDashGroup, 1);

  group->key = g_strdup (key);
  group->label = g_strdup (label);
  return group;
}

/* Adds amounts to @group, remembering in @overflow when a sum does not fit. */
static void
group_add (EssDashGroup *group,
           gint64        proposed,
           gint64        granted,
           gint64        paid,
           gboolean     *overflow)
{
  if (!ess_money_add (group->proposed_cents, proposed, &group->proposed_cents) ||
      !ess_money_add (group->granted_cents, granted, &group->granted_cents) ||
      !ess_money_add (group->paid_cents, paid, &group->paid_cents))
    *overflow = TRUE;
}

/* A group looked up by key in @index, created in @groups when new. */
static EssDashGroup *
group_lookup (GHashTable *index,
              GPtrArray  *groups,
              const char *key,
              const char *label)
{
  EssDashGroup *group = g_hash_table_lookup (index, key);

  if (group == NULL)
    {
      group = group_new (key, label);
      g_ptr_array_add (groups, group);
      g_hash_table_insert (index, group->key, group);
    }
  return group;
}

static int
compare_granted_desc (gconstpointer a,
                      gconstpointer b)
{
  const EssDashGroup *ga = *(EssDashGroup * const *) a;
  const EssDashGroup *gb = *(EssDashGroup * const *) b;

  if (ga->granted_cents != gb->granted_cents)
    return ga->granted_cents > gb->granted_cents ? -1 : 1;
  if (ga->proposed_cents != gb->proposed_cents)
    return ga->proposed_cents > gb->proposed_cents ? -1 : 1;
  return g_utf8_collate (ga->label, gb->label);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int ia = *(const int *) a;
  int ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

/* Volet 1, 2... then "No volet" (empty key). */
static int
compare_volet (gconstpointer a,
               gconstpointer b)
{
  const EssDashGroup *ga = *(EssDashGroup * const *) a;
  const EssDashGroup *gb = *(EssDashGroup * const *) b;
  int va = ga->key[0] != '\0' ? atoi (ga->key) : G_MAXINT;
  int vb = gb->key[0] != '\0' ? atoi (gb->key) : G_MAXINT;

  return (va > vb) - (va < vb);
}

/* Days from @iso (YYYY-MM-DD) to @today, -1 when either is not a date. */
static int
days_between (const char *iso,
              const GDate *today)
{
  GDate date;
  unsigned year, month, day;

  if (iso == NULL || !g_date_valid (today) ||
      sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return -1;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return MAX (0, g_date_days_between (&date, today));
}

/* Spreads the dossier's amounts over the territories and size classes of
 * the communes it concerns. */
static void
add_to_places (EssDashboard         *dashboard,
               const EssDashDossier *dossier,
               GHashTable           *communes_by_insee,
               GHashTable           *territory_index,
               EssDashGroup         *no_commune_territory,
               EssDashGroup         *no_commune_size)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  g_autofree gint64 *weights = NULL;
  g_autofree gint64 *proposed = NULL;
  g_autofree gint64 *granted = NULL;
  g_autofree gint64 *paid = NULL;
  GHashTable *territories_seen = NULL;
  gboolean size_seen[ESS_N_SIZE_CLASSES] = { FALSE, };
  guint n;

  for (guint i = 0; i < dossier->communes->len; i++)
    {
      EssDashCommune *commune = g_hash_table_lookup (communes_by_insee, g_ptr_array_index (dossier->communes, i));
      if (commune != NULL)
        g_ptr_array_add (places, commune);
    }
  if (places->len == 0 && dossier->applicant_commune != NULL)
    {
      EssDashCommune *commune = g_hash_table_lookup (communes_by_insee, dossier->applicant_commune);
      if (commune != NULL)
        g_ptr_array_add (places, commune);
    }

  if (places->len == 0)
    {
      no_commune_territory->n_dossiers++;
      no_commune_size->n_dossiers++;
      group_add (no_commune_territory, dossier->proposed_cents, dossier->granted_cents,
                 dossier->paid_cents, &dashboard->overflow);
      group_add (no_commune_size, dossier->proposed_cents, dossier->granted_cents,
                 dossier->paid_cents, &dashboard->overflow);
      return;
    }

  n = places->len;
  weights = g_new (gint64, n);
  proposed = g_new (gint64, n);
  granted = g_new (gint64, n);
  paid = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    weights[i] = ((EssDashCommune *) g_ptr_array_index (places, i))->population;

  if (!ess_split_cents (dossier->proposed_cents, weights, n, proposed) ||
      !ess_split_cents (dossier->granted_cents, weights, n, granted) ||
      !ess_split_cents (dossier->paid_cents, weights, n, paid))
    {
      dashboard->overflow = TRUE;
      return;
    }

  territories_seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      EssDashCommune *commune = g_ptr_array_index (places, i);
      EssSizeClass size_class = ess_size_class_of (commune->population);
      EssDashGroup *size_group = g_ptr_array_index (dashboard->size_classes, size_class);
      EssDashGroup *territory_group = commune->territory_id > 0
        ? g_hash_table_lookup (territory_index, GINT_TO_POINTER (commune->territory_id))
        : NULL;

      if (territory_group == NULL)
        territory_group = no_commune_territory;

      group_add (size_group, proposed[i], granted[i], paid[i], &dashboard->overflow);
      group_add (territory_group, proposed[i], granted[i], paid[i], &dashboard->overflow);
      if (!size_seen[size_class])
        {
          size_seen[size_class] = TRUE;
          size_group->n_dossiers++;
        }
      if (g_hash_table_add (territories_seen, territory_group))
        territory_group->n_dossiers++;
    }
  g_hash_table_unref (territories_seen);
}

static void
add_grouped (GHashTable           *index,
             GPtrArray            *groups,
             const char           *key,
             const char           *label,
             const EssDashDossier *dossier,
             gboolean             *overflow)
{
  EssDashGroup *group = group_lookup (index, groups, key, label);

  group->n_dossiers++;
  group_add (group, dossier->proposed_cents, dossier->granted_cents, dossier->paid_cents, overflow);
}

EssDashboard *
ess_dashboard_compute (GPtrArray             *dossiers,
                       GPtrArray             *communes,
                       const EssDashEnvelope *envelopes,
                       guint                  n_envelopes,
                       int                    first_year,
                       int                    last_year,
                       const char            *today)
{
  EssDashboard *dashboard = g_new0 (EssDashboard, 1);
  g_autoptr(GHashTable) communes_by_insee = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) territory_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) legal_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) volet_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) axis_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) beneficiary_index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *ages[ESS_N_STATUSES] = { NULL, };
  g_autoptr(GArray) territory_ids = g_array_new (FALSE, FALSE, sizeof (int));
  EssDashGroup *no_commune_territory = group_new ("none", _("No commune"));
  EssDashGroup *no_commune_size = group_new ("none", _("No commune"));
  guint counts[ESS_N_STATUSES] = { 0, };
  GDate today_date;
  unsigned ty, tm, td;

  g_return_val_if_fail (dossiers != NULL && communes != NULL, NULL);
  g_return_val_if_fail (first_year <= last_year, NULL);

  g_date_clear (&today_date, 1);
  if (today != NULL && sscanf (today, "%4u-%2u-%2u", &ty, &tm, &td) == 3 && g_date_valid_dmy (td, tm, ty))
    g_date_set_dmy (&today_date, td, tm, ty);

  dashboard->first_year = first_year;
  dashboard->last_year = last_year;
  dashboard->years = g_array_new (FALSE, TRUE, sizeof (EssDashYear));
  dashboard->territories = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_group_free);
  dashboard->size_classes = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_group_free);
  dashboard->legal_forms = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_group_free);
  dashboard->volets = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_group_free);
  dashboard->axes = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_group_free);
  dashboard->beneficiaries = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_group_free);
  dashboard->pipeline = g_array_new (FALSE, TRUE, sizeof (EssDashStage));

  for (int year = first_year; year <= last_year; year++)
    {
      EssDashYear row = { .year = year, .envelope_cents = -1 };
      g_array_append_val (dashboard->years, row);
    }
  for (guint i = 0; i < n_envelopes; i++)
    {
      int year = envelopes[i].year;
      EssDashYear *row;

      if (year < first_year || year > last_year)
        continue;
      row = &g_array_index (dashboard->years, EssDashYear, year - first_year);
      if (row->envelope_cents < 0)
        row->envelope_cents = 0;
      if (!ess_money_add (row->envelope_cents, envelopes[i].amount_cents, &row->envelope_cents) ||
          !ess_money_add (dashboard->envelope_cents, envelopes[i].amount_cents, &dashboard->envelope_cents))
        dashboard->overflow = TRUE;
    }

  /* The places: every territory and size class, with its population. */
  for (EssSizeClass c = 0; c < ESS_N_SIZE_CLASSES; c++)
    g_ptr_array_add (dashboard->size_classes, group_new (ess_size_class_id (c), ess_size_class_label (c)));
  for (guint i = 0; i < communes->len; i++)
    {
      EssDashCommune *commune = g_ptr_array_index (communes, i);
      EssDashGroup *size_group = g_ptr_array_index (dashboard->size_classes, ess_size_class_of (commune->population));

      g_hash_table_insert (communes_by_insee, commune->insee, commune);
      size_group->population += commune->population;
      size_group->n_communes++;
      dashboard->population += commune->population;
      if (commune->territory_id > 0 &&
          !g_hash_table_contains (territory_index, GINT_TO_POINTER (commune->territory_id)))
        {
          g_autofree char *key = g_strdup_printf ("%d", commune->territory_id);
          g_hash_table_insert (territory_index, GINT_TO_POINTER (commune->territory_id),
                               group_new (key, commune->territory));
          g_array_append_val (territory_ids, commune->territory_id);
        }
      if (commune->territory_id > 0)
        {
          EssDashGroup *group = g_hash_table_lookup (territory_index, GINT_TO_POINTER (commune->territory_id));
          group->population += commune->population;
          group->n_communes++;
        }
    }
  g_array_sort (territory_ids, compare_int);
  for (guint i = 0; i < territory_ids->len; i++)
    g_ptr_array_add (dashboard->territories,
                     g_hash_table_lookup (territory_index, GINT_TO_POINTER (g_array_index (territory_ids, int, i))));

  for (EssStatus s = 0; s < ESS_N_STATUSES; s++)
    ages[s] = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < dossiers->len; i++)
    {
      EssDashDossier *dossier = g_ptr_array_index (dossiers, i);
      g_autofree char *volet_key = NULL;
      g_autofree char *volet_label = NULL;
      int age;

      if (dossier->year < first_year || dossier->year > last_year)
        continue;

      dashboard->n_dossiers++;
      if (!ess_money_add (dashboard->proposed_cents, dossier->proposed_cents, &dashboard->proposed_cents) ||
          !ess_money_add (dashboard->granted_cents, dossier->granted_cents, &dashboard->granted_cents) ||
          !ess_money_add (dashboard->paid_cents, dossier->paid_cents, &dashboard->paid_cents))
        dashboard->overflow = TRUE;

      {
        EssDashYear *row = &g_array_index (dashboard->years, EssDashYear, dossier->year - first_year);
        row->n_dossiers++;
        if (!ess_money_add (row->proposed_cents, dossier->proposed_cents, &row->proposed_cents) ||
            !ess_money_add (row->granted_cents, dossier->granted_cents, &row->granted_cents) ||
            !ess_money_add (row->paid_cents, dossier->paid_cents, &row->paid_cents))
          dashboard->overflow = TRUE;
      }

      add_to_places (dashboard, dossier, communes_by_insee, territory_index,
                     no_commune_territory, no_commune_size);

      add_grouped (legal_index, dashboard->legal_forms,
                   dossier->legal_form != NULL ? dossier->legal_form : "",
                   dossier->legal_form != NULL ? dossier->legal_form : _("Unknown legal form"),
                   dossier, &dashboard->overflow);

      if (dossier->volet > 0)
        {
          volet_key = g_strdup_printf ("%d", dossier->volet);
          volet_label = g_strdup_printf (_("Volet %d"), dossier->volet);
        }
      add_grouped (volet_index, dashboard->volets, volet_key != NULL ? volet_key : "",
                   volet_label != NULL ? volet_label : _("No volet"), dossier, &dashboard->overflow);

      add_grouped (axis_index, dashboard->axes, dossier->axis,
                   dossier->axis[0] != '\0' ? dossier->axis : _("No axis"), dossier, &dashboard->overflow);

      add_grouped (beneficiary_index, dashboard->beneficiaries,
                   dossier->applicant != NULL ? dossier->applicant : "",
                   dossier->applicant != NULL ? dossier->applicant : _("No applicant"),
                   dossier, &dashboard->overflow);

      age = days_between (dossier->submitted_on, &today_date);
      if (age >= 0)
        g_array_append_val (ages[dossier->status], age);
      counts[dossier->status]++;
    }

  for (EssStatus s = 0; s < ESS_N_STATUSES; s++)
    {
      EssDashStage stage = { .status = s, .oldest_days = -1, .median_days = -1 };
      GArray *a = ages[s];

      stage.n_dossiers = counts[s];
      if (a->len > 0)
        {
          g_array_sort (a, compare_int);
          stage.oldest_days = g_array_index (a, int, a->len - 1);
          stage.median_days = g_array_index (a, int, (a->len - 1) / 2);
        }
      g_array_append_val (dashboard->pipeline, stage);
      g_array_unref (a);
    }

  if (no_commune_territory->n_dossiers > 0)
    g_ptr_array_add (dashboard->territories, no_commune_territory);
  else
    ess_dash_group_free (no_commune_territory);
  if (no_commune_size->n_dossiers > 0)
    g_ptr_array_add (dashboard->size_classes, no_commune_size);
  else
    ess_dash_group_free (no_commune_size);

  g_ptr_array_sort (dashboard->volets, compare_volet);
  g_ptr_array_sort (dashboard->legal_forms, compare_granted_desc);
  g_ptr_array_sort (dashboard->axes, compare_granted_desc);
  g_ptr_array_sort (dashboard->beneficiaries, compare_granted_desc);

  return dashboard;
}

gint64
ess_dashboard_top_share_bp (const EssDashboard *dashboard)
{
  const EssDashGroup *top;

  g_return_val_if_fail (dashboard != NULL, 0);

  if (dashboard->beneficiaries->len == 0 || dashboard->granted_cents <= 0)
    return 0;
  top = g_ptr_array_index (dashboard->beneficiaries, 0);
  return ess_percent_basis_points (top->granted_cents, dashboard->granted_cents);
}

gint64
ess_dash_group_amount (const EssDashGroup *group,
                       EssDashMeasure      measure)
{
  return measure == ESS_DASH_PROPOSED ? group->proposed_cents : group->granted_cents;
}

gint64
ess_dashboard_amount (const EssDashboard *dashboard,
                      EssDashMeasure      measure)
{
  return measure == ESS_DASH_PROPOSED ? dashboard->proposed_cents : dashboard->granted_cents;
}

gint64
ess_dash_per_inhabitant (gint64 cents,
                         gint64 population)
{
  if (population <= 0)
    return 0;
  if (cents >= 0)
    return cents / population + (cents % population >= population - cents % population ? 1 : 0);
  return -ess_dash_per_inhabitant (-cents, population);
}

static void
csv_row (GString             *out,
         const char * const  *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      ess_csv_append_field (out, cells[i], ';');
    }
  g_string_append_c (out, '\n');
}

/* "1234,56": a decimal comma, no grouping, for spreadsheets. */
static char *
csv_amount (gint64 cents)
{
  char *text = ess_money_format_decimal (cents);
  char *dot = strchr (text, '.');

  if (dot != NULL)
    *dot = ',';
  return text;
}

/* "85,05": a share in percent with 2 decimals, decimal comma. */
static char *
csv_share (gint64 part,
           gint64 whole)
{
  return csv_amount (ess_percent_basis_points (part, whole));
}

static void
csv_groups (GString            *out,
            const char         *section,
            GPtrArray          *groups,
            const EssDashboard *dashboard,
            EssDashMeasure      measure,
            gboolean            places)
{
  for (guint i = 0; i < groups->len; i++)
    {
      EssDashGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *n = g_strdup_printf ("%u", group->n_dossiers);
      g_autofree char *proposed = csv_amount (group->proposed_cents);
      g_autofree char *granted = csv_amount (group->granted_cents);
      g_autofree char *paid = csv_amount (group->paid_cents);
      g_autofree char *population = places ? g_strdup_printf ("%" G_GINT64_FORMAT, group->population) : g_strdup ("");
      g_autofree char *share = csv_share (ess_dash_group_amount (group, measure), ess_dashboard_amount (dashboard, measure));
      g_autofree char *population_share = places ? csv_share (group->population, dashboard->population) : g_strdup ("");
      g_autofree char *per_inhabitant = places && group->population > 0
        ? csv_amount (ess_dash_per_inhabitant (ess_dash_group_amount (group, measure), group->population))
        : g_strdup ("");
      const char *cells[] = { section, group->label, n, "", proposed, granted, paid, population,
                              share, population_share, per_inhabitant, "", "", NULL };

      csv_row (out, cells);
    }
}

char *
ess_dashboard_to_csv (const EssDashboard *dashboard,
                      EssDashMeasure      measure)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const char *header[] = {
    _("Breakdown"), _("Label"), _("Dossiers"), _("Envelope"), _("Proposed"), _("Granted"), _("Paid"),
    _("Inhabitants"), _("Share of the amounts (%)"), _("Share of the population (%)"),
    _("Amount per inhabitant"), _("Median age (days)"), _("Oldest (days)"), NULL
  };

  g_return_val_if_fail (dashboard != NULL, NULL);

  csv_row (out, header);

  for (guint i = 0; i < dashboard->years->len; i++)
    {
      const EssDashYear *year = &g_array_index (dashboard->years, EssDashYear, i);
      g_autofree char *label = g_strdup_printf ("%d", year->year);
      g_autofree char *n = g_strdup_printf ("%u", year->n_dossiers);
      g_autofree char *envelope = year->envelope_cents >= 0 ? csv_amount (year->envelope_cents) : g_strdup ("");
      g_autofree char *proposed = csv_amount (year->proposed_cents);
      g_autofree char *granted = csv_amount (year->granted_cents);
      g_autofree char *paid = csv_amount (year->paid_cents);
      const char *cells[] = { _("Year"), label, n, envelope, proposed, granted, paid,
                              "", "", "", "", "", "", NULL };

      csv_row (out, cells);
    }

  csv_groups (out, _("Territory"), dashboard->territories, dashboard, measure, TRUE);
  csv_groups (out, _("Commune size"), dashboard->size_classes, dashboard, measure, TRUE);
  csv_groups (out, _("Legal form"), dashboard->legal_forms, dashboard, measure, FALSE);
  csv_groups (out, _("Volet"), dashboard->volets, dashboard, measure, FALSE);
  csv_groups (out, _("Axis"), dashboard->axes, dashboard, measure, FALSE);
  csv_groups (out, _("Beneficiary"), dashboard->beneficiaries, dashboard, measure, FALSE);

  for (guint i = 0; i < dashboard->pipeline->len; i++)
    {
      const EssDashStage *stage = &g_array_index (dashboard->pipeline, EssDashStage, i);
      g_autofree char *n = g_strdup_printf ("%u", stage->n_dossiers);
      g_autofree char *median = stage->median_days >= 0 ? g_strdup_printf ("%d", stage->median_days) : g_strdup ("");
      g_autofree char *oldest = stage->oldest_days >= 0 ? g_strdup_printf ("%d", stage->oldest_days) : g_strdup ("");
      const char *cells[] = { _("Status"), ess_status_label (stage->status), n, "", "", "", "",
                              "", "", "", "", median, oldest, NULL };

      csv_row (out, cells);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ess_dashboard_years_sentence (const EssDashboard *d)
{
  g_autofree char *granted = ess_money_format (d->granted_cents);
  g_autofree char *paid = ess_money_format (d->paid_cents);

  if (d->envelope_cents > 0)
    {
      g_autofree char *envelope = ess_money_format (d->envelope_cents);
      g_autofree char *consumption = ess_percent_format (d->granted_cents, d->envelope_cents, 1);
      /* TRANSLATORS: granted, envelope of the period, consumption (%), paid */
      return g_strdup_printf (_("%s granted of %s of envelopes (%s consumed), %s paid."),
                              granted, envelope, consumption, paid);
    }
  return g_strdup_printf (_("%s granted, %s paid; no envelope in this period."), granted, paid);
}

char *
ess_dashboard_territory_sentence (const EssDashboard *d,
                                  EssDashMeasure      measure)
{
  gint64 total = ess_dashboard_amount (d, measure);
  EssDashGroup *best = NULL;
  g_autofree char *best_share = NULL;
  g_autofree char *population_share = NULL;

  for (guint i = 0; i < d->territories->len; i++)
    {
      EssDashGroup *group = g_ptr_array_index (d->territories, i);
      if (group->population > 0 &&
          (best == NULL || ess_dash_group_amount (group, measure) > ess_dash_group_amount (best, measure)))
        best = group;
    }
  if (best == NULL || total <= 0)
    return NULL;

  best_share = ess_percent_format (ess_dash_group_amount (best, measure), total, 1);
  population_share = ess_percent_format (best->population, d->population, 1);
  /* TRANSLATORS: territory, its share of the amounts, its share of the population */
  return g_strdup_printf (_("%s receives %s of the amounts for %s of the population. "
                            "A dossier concerning several communes is shared between them in proportion to their population."),
                          best->label, best_share, population_share);
}

char *
ess_dashboard_equity_sentence (const EssDashboard *d,
                               EssDashMeasure      measure)
{
  const EssDashGroup *small = g_ptr_array_index (d->size_classes, ESS_SIZE_CLASS_UNDER_5000);
  g_autofree char *small_share = ess_percent_format (ess_dash_group_amount (small, measure),
                                                     ess_dashboard_amount (d, measure), 1);
  g_autofree char *small_population = ess_percent_format (small->population, d->population, 1);

  /* TRANSLATORS: number of communes, share of the amounts, share of the population */
  return g_strdup_printf (_("The %u communes under 5,000 inhabitants receive %s of the amounts for %s of the population."),
                          small->n_communes, small_share, small_population);
}

char *
ess_dashboard_concentration_sentence (const EssDashboard *d,
                                      EssDashMeasure      measure)
{
  gint64 total = ess_dashboard_amount (d, measure);
  const EssDashGroup *top;
  g_autofree char *top_share = NULL;

  if (d->beneficiaries->len == 0 || total <= 0)
    return NULL;
  top = g_ptr_array_index (d->beneficiaries, 0);
  top_share = ess_percent_format (ess_dash_group_amount (top, measure), total, 1);
  /* TRANSLATORS: beneficiary, its share of the amounts, number of beneficiaries */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The largest beneficiary, %s, receives %s of the amounts shared by %u beneficiary.",
                                       "The largest beneficiary, %s, receives %s of the amounts shared by %u beneficiaries.",
                                       d->beneficiaries->len),
                          top->label, top_share, d->beneficiaries->len);
}
