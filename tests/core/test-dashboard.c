/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests the dashboard's aggregates: exact splits, size classes, breakdowns, ages. */

#include "config.h"

#include "ess-dashboard.h"

static void
test_size_classes (void)
{
  /* Thresholds of the seeds: the 4 large cities have 50 000 inhabitants or more. */
  g_assert_cmpint (ess_size_class_of (238246), ==, ESS_SIZE_CLASS_LARGE_CITY);   /* Lille */
  g_assert_cmpint (ess_size_class_of (50000), ==, ESS_SIZE_CLASS_LARGE_CITY);
  g_assert_cmpint (ess_size_class_of (49999), ==, ESS_SIZE_CLASS_5000_AND_MORE);
  g_assert_cmpint (ess_size_class_of (5000), ==, ESS_SIZE_CLASS_5000_AND_MORE);
  g_assert_cmpint (ess_size_class_of (4999), ==, ESS_SIZE_CLASS_UNDER_5000);
  g_assert_cmpint (ess_size_class_of (0), ==, ESS_SIZE_CLASS_UNDER_5000);
  g_assert_cmpstr (ess_size_class_id (ESS_SIZE_CLASS_UNDER_5000), ==, "under-5000");
}

static void
test_split (void)
{
  gint64 out[4];
  const gint64 thirds[] = { 1, 1, 1 };
  const gint64 zeros[] = { 0, 0 };
  const gint64 populations[] = { 238246, 22567, 98772, 98286 };   /* Lille, Loos, Tourcoing, Roubaix */
  const gint64 huge[] = { G_MAXINT64 / 2, G_MAXINT64 / 2 };

  /* 1 € in thirds: 33 + 33 + 33 and the cent left to the first on ties. */
  g_assert_true (ess_split_cents (100, thirds, 3, out));
  g_assert_cmpint (out[0], ==, 34);
  g_assert_cmpint (out[1], ==, 33);
  g_assert_cmpint (out[2], ==, 33);

  /* Negative amounts mirror positive ones. */
  g_assert_true (ess_split_cents (-100, thirds, 3, out));
  g_assert_cmpint (out[0], ==, -34);
  g_assert_cmpint (out[1] + out[2], ==, -66);

  /* No weight at all: equal parts. */
  g_assert_true (ess_split_cents (101, zeros, 2, out));
  g_assert_cmpint (out[0], ==, 51);
  g_assert_cmpint (out[1], ==, 50);

  /* Ciné cité social, 4 730,00 € over the populations (by hand: 473000 x
   * pop / 457871 = 246117,58 / 23312,85 / 102035,93 / 101532,65; the 4
   * cents left go to the 4 largest remainders). */
  g_assert_true (ess_split_cents (473000, populations, 4, out));
  g_assert_cmpint (out[0], ==, 246118);
  g_assert_cmpint (out[1], ==, 23313);
  g_assert_cmpint (out[2], ==, 102036);
  g_assert_cmpint (out[3], ==, 101533);

  /* A product too large to compute is refused, never wrapped. */
  g_assert_false (ess_split_cents (G_MAXINT64 / 2, huge, 2, out));
  g_assert_false (ess_split_cents (G_MININT64, thirds, 3, out));
  g_assert_true (ess_split_cents (0, NULL, 0, NULL));
}

static EssDashDossier *
dossier (gint64      id,
         int         year,
         EssStatus   status,
         const char *applicant,
         const char *legal_form,
         int         volet,
         gint64      proposed,
         gint64      granted,
         gint64      paid,
         const char *submitted_on,
         const char *communes)
{
  EssDashDossier *d = ess_dash_dossier_new ();
  g_auto(GStrv) codes = g_strsplit (communes, ";", -1);

  d->id = id;
  d->year = year;
  d->status = status;
  d->applicant = g_strdup (applicant);
  d->legal_form = g_strdup (legal_form);
  d->volet = volet;
  d->proposed_cents = proposed;
  d->granted_cents = granted;
  d->paid_cents = paid;
  d->submitted_on = g_strdup (submitted_on);
  for (guint i = 0; codes[i] != NULL; i++)
    if (codes[i][0] != '\0')
      g_ptr_array_add (d->communes, g_strdup (codes[i]));
  return d;
}

static void
test_compute (void)
{
  g_autoptr(GPtrArray) communes = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_commune_free);
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_dossier_free);
  g_autoptr(EssDashboard) dashboard = NULL;
  const EssDashEnvelope envelopes[] = { { 2012, 11000000 }, { 2013, 11000000 }, { 2020, 1 } };
  EssDashGroup *group;
  EssDashYear *year;
  EssDashStage *stage;

  /* A small metropolis: a big city, a town, a village, in two territories. */
  g_ptr_array_add (communes, ess_dash_commune_new ("59350", "Lille", 200000, 8, "Lillois"));
  g_ptr_array_add (communes, ess_dash_commune_new ("59299", "Hem", 18000, 3, "Roubaisien"));
  g_ptr_array_add (communes, ess_dash_commune_new ("59332", "Lannoy", 2000, 3, "Roubaisien"));

  g_ptr_array_add (dossiers, dossier (1, 2012, ESS_STATUS_CLOSED, "Ville de Lille", "Collectivité territoriale",
                                      2, 1000000, 1000000, 1000000, "2012-03-01", "59350"));
  /* 200 € over Hem (18 000) and Lannoy (2 000): 180 € and 20 €. */
  g_ptr_array_add (dossiers, dossier (2, 2013, ESS_STATUS_GRANTED, "Ville de Hem", "Collectivité territoriale",
                                      1, 20000, 20000, 0, "2013-01-10", "59299;59332"));
  /* No commune: "No commune" in the places. */
  g_ptr_array_add (dossiers, dossier (3, 2013, ESS_STATUS_IN_REVIEW, "Asso", "Association loi 1901",
                                      0, 50000, 0, 0, "2013-06-01", ""));
  g_ptr_array_add (dossiers, dossier (4, 2013, ESS_STATUS_IN_REVIEW, "Asso", "Association loi 1901",
                                      1, 0, 0, 0, "2013-12-01", "59332"));
  /* Outside the period: ignored. */
  g_ptr_array_add (dossiers, dossier (5, 2015, ESS_STATUS_GRANTED, "Autre", NULL, 1, 99, 99, 99, NULL, "59350"));

  dashboard = ess_dashboard_compute (dossiers, communes, envelopes, G_N_ELEMENTS (envelopes), 2012, 2013, "2014-01-01");

  g_assert_false (dashboard->overflow);
  g_assert_cmpuint (dashboard->n_dossiers, ==, 4);
  g_assert_cmpint (dashboard->granted_cents, ==, 1020000);
  g_assert_cmpint (dashboard->proposed_cents, ==, 1070000);
  g_assert_cmpint (dashboard->paid_cents, ==, 1000000);
  g_assert_cmpint (dashboard->envelope_cents, ==, 22000000);
  g_assert_cmpint (dashboard->population, ==, 220000);

  g_assert_cmpuint (dashboard->years->len, ==, 2);
  year = &g_array_index (dashboard->years, EssDashYear, 1);
  g_assert_cmpint (year->year, ==, 2013);
  g_assert_cmpint (year->envelope_cents, ==, 11000000);
  g_assert_cmpuint (year->n_dossiers, ==, 3);
  g_assert_cmpint (year->granted_cents, ==, 20000);
  g_assert_cmpint (year->proposed_cents, ==, 70000);

  /* Territories in id order, then the dossier without a commune. */
  g_assert_cmpuint (dashboard->territories->len, ==, 3);
  group = g_ptr_array_index (dashboard->territories, 0);
  g_assert_cmpstr (group->label, ==, "Roubaisien");
  g_assert_cmpint (group->granted_cents, ==, 20000);
  g_assert_cmpint (group->population, ==, 20000);
  g_assert_cmpuint (group->n_dossiers, ==, 2);
  g_assert_cmpuint (group->n_communes, ==, 2);
  group = g_ptr_array_index (dashboard->territories, 1);
  g_assert_cmpstr (group->label, ==, "Lillois");
  g_assert_cmpint (group->granted_cents, ==, 1000000);
  group = g_ptr_array_index (dashboard->territories, 2);
  g_assert_cmpstr (group->key, ==, "none");
  g_assert_cmpint (group->proposed_cents, ==, 50000);
  g_assert_cmpuint (group->n_dossiers, ==, 1);

  /* Size classes: Hem's 180 € and Lannoy's 20 €. */
  group = g_ptr_array_index (dashboard->size_classes, ESS_SIZE_CLASS_LARGE_CITY);
  g_assert_cmpint (group->granted_cents, ==, 1000000);
  g_assert_cmpint (group->population, ==, 200000);
  group = g_ptr_array_index (dashboard->size_classes, ESS_SIZE_CLASS_5000_AND_MORE);
  g_assert_cmpint (group->granted_cents, ==, 18000);
  group = g_ptr_array_index (dashboard->size_classes, ESS_SIZE_CLASS_UNDER_5000);
  g_assert_cmpint (group->granted_cents, ==, 2000);
  g_assert_cmpuint (group->n_dossiers, ==, 2);
  g_assert_cmpint (group->population, ==, 2000);

  /* Legal forms and beneficiaries: largest granted first. */
  group = g_ptr_array_index (dashboard->legal_forms, 0);
  g_assert_cmpstr (group->label, ==, "Collectivité territoriale");
  g_assert_cmpuint (group->n_dossiers, ==, 2);
  group = g_ptr_array_index (dashboard->beneficiaries, 0);
  g_assert_cmpstr (group->label, ==, "Ville de Lille");
  /* 10 000 / 10 200 = 98,04 %. */
  g_assert_cmpint (ess_dashboard_top_share_bp (dashboard), ==, 9804);

  /* Volets by number, "no volet" last. */
  g_assert_cmpuint (dashboard->volets->len, ==, 3);
  g_assert_cmpstr (((EssDashGroup *) g_ptr_array_index (dashboard->volets, 0))->key, ==, "1");
  g_assert_cmpstr (((EssDashGroup *) g_ptr_array_index (dashboard->volets, 2))->key, ==, "");

  /* Two dossiers in review, submitted 214 and 31 days before 2014-01-01. */
  stage = &g_array_index (dashboard->pipeline, EssDashStage, ESS_STATUS_IN_REVIEW);
  g_assert_cmpuint (stage->n_dossiers, ==, 2);
  g_assert_cmpint (stage->oldest_days, ==, 214);
  g_assert_cmpint (stage->median_days, ==, 31);
  stage = &g_array_index (dashboard->pipeline, EssDashStage, ESS_STATUS_SUBMITTED);
  g_assert_cmpuint (stage->n_dossiers, ==, 0);
  g_assert_cmpint (stage->oldest_days, ==, -1);
}

static void
test_overflow (void)
{
  g_autoptr(GPtrArray) communes = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_commune_free);
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_dash_dossier_free);
  g_autoptr(EssDashboard) dashboard = NULL;

  g_ptr_array_add (dossiers, dossier (1, 2013, ESS_STATUS_GRANTED, "A", NULL, 1, 0, G_MAXINT64 - 1, 0, NULL, ""));
  g_ptr_array_add (dossiers, dossier (2, 2013, ESS_STATUS_GRANTED, "B", NULL, 1, 0, G_MAXINT64 - 1, 0, NULL, ""));
  dashboard = ess_dashboard_compute (dossiers, communes, NULL, 0, 2013, 2013, NULL);
  g_assert_true (dashboard->overflow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dashboard/size-classes", test_size_classes);
  g_test_add_func ("/dashboard/split", test_split);
  g_test_add_func ("/dashboard/compute", test_compute);
  g_test_add_func ("/dashboard/overflow", test_overflow);

  return g_test_run ();
}
