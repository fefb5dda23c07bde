/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests the dashboard on the demo database against the seed's figures,
 * computed by hand (seed 002, annexe 1; populations of data/communes.csv). */

#include "config.h"

#include <glib/gstdio.h>

#include "ess-store-dashboard.h"

static char *path;

static EssDashGroup *
group_by_label (GPtrArray  *groups,
                const char *label)
{
  for (guint i = 0; i < groups->len; i++)
    {
      EssDashGroup *group = g_ptr_array_index (groups, i);
      if (g_strcmp0 (group->label, label) == 0)
        return group;
    }
  g_assert_not_reached ();
}

static void
test_apt_2012_2013 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  const char * const apt[] = { "APT", NULL };
  g_autoptr(EssDashboard) dashboard = NULL;
  EssDashGroup *group;
  EssDashYear *year;
  int first = 0, last = 0;

  g_assert_no_error (error);
  g_assert_true (ess_store_dashboard_years (store, &first, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2012);   /* the Lille dossier and the first APT envelope */
  g_assert_cmpint (last, ==, 2014);    /* the last APT envelope of the reference data */

  dashboard = ess_store_dashboard (store, 2012, 2013, apt, "2026-11-23", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dashboard);
  g_assert_false (dashboard->overflow);

  /* 146 000 + 5 933 + 15 000 + 4 730 = 171 663,00 € granted. */
  g_assert_cmpuint (dashboard->n_dossiers, ==, 4);
  g_assert_cmpint (dashboard->granted_cents, ==, 17166300);
  /* 110 000 € a year. */
  g_assert_cmpint (dashboard->envelope_cents, ==, 22000000);
  year = &g_array_index (dashboard->years, EssDashYear, 0);
  g_assert_cmpint (year->year, ==, 2012);
  g_assert_cmpint (year->granted_cents, ==, 14600000);
  g_assert_cmpint (year->envelope_cents, ==, 11000000);
  year = &g_array_index (dashboard->years, EssDashYear, 1);
  g_assert_cmpint (year->granted_cents, ==, 2566300);

  /* One commune received 85 % of the APT grants: 146 000 / 171 663. */
  group = g_ptr_array_index (dashboard->beneficiaries, 0);
  g_assert_cmpstr (group->label, ==, "Ville de Lille");
  g_assert_cmpint (group->granted_cents, ==, 14600000);
  g_assert_cmpint (ess_dashboard_top_share_bp (dashboard), ==, 8505);

  /* Territories: each dossier split over its communes by population.
   * Lillois: 146 000 + Lille's part of Ciné cité social (473000 x 238246 /
   * 457871 = 246117,58 -> 2 461,18 €). */
  group = group_by_label (dashboard->territories, "Lillois");
  g_assert_cmpint (group->granted_cents, ==, 14846118);
  g_assert_cmpuint (group->n_dossiers, ==, 2);
  g_assert_cmpint (group->population, ==, 238246);
  /* Est: the whole Val de Marque agriculture project (5 933 €) and the
   * Sailly-lez-Lannoy and Forest-sur-Marque parts of Hem's (416,67 € +
   * 360,11 €). */
  group = group_by_label (dashboard->territories, "Est");
  g_assert_cmpint (group->granted_cents, ==, 670978);
  /* Couronne Sud de Lille: Loos's part of Ciné cité social. */
  group = group_by_label (dashboard->territories, "Couronne Sud de Lille");
  g_assert_cmpint (group->granted_cents, ==, 23313);
  group = group_by_label (dashboard->territories, "Weppes");
  g_assert_cmpint (group->granted_cents, ==, 0);
  g_assert_cmpuint (group->n_dossiers, ==, 0);
  g_assert_cmpuint (dashboard->territories->len, ==, 8);

  /* Size classes against their population (498 172, 591 600 and 105 462
   * inhabitants of 1 195 234): the communes under 5 000 inhabitants got
   * 2 540,38 € (1,5 % of the money, 8,8 % of the population). */
  g_assert_cmpint (dashboard->population, ==, 1195234);
  group = g_ptr_array_index (dashboard->size_classes, ESS_SIZE_CLASS_LARGE_CITY);
  g_assert_cmpint (group->granted_cents, ==, 15591627);
  g_assert_cmpint (group->population, ==, 498172);
  g_assert_cmpuint (group->n_communes, ==, 4);
  group = g_ptr_array_index (dashboard->size_classes, ESS_SIZE_CLASS_5000_AND_MORE);
  g_assert_cmpint (group->granted_cents, ==, 1320635);
  g_assert_cmpint (group->population, ==, 591600);
  group = g_ptr_array_index (dashboard->size_classes, ESS_SIZE_CLASS_UNDER_5000);
  g_assert_cmpint (group->granted_cents, ==, 254038);
  g_assert_cmpint (group->population, ==, 105462);
  g_assert_cmpuint (group->n_communes, ==, 50);

  /* Legal forms: three communes and one association. */
  group = g_ptr_array_index (dashboard->legal_forms, 0);
  g_assert_cmpstr (group->label, ==, "Collectivité territoriale");
  g_assert_cmpuint (group->n_dossiers, ==, 3);
  g_assert_cmpint (group->granted_cents, ==, 16693300);
  group = g_ptr_array_index (dashboard->legal_forms, 1);
  g_assert_cmpstr (group->label, ==, "Association loi 1901");
  g_assert_cmpint (group->granted_cents, ==, 473000);

  /* Volet 1: three projects, 25 663 €; volet 2: Lille's transfer. */
  group = g_ptr_array_index (dashboard->volets, 0);
  g_assert_cmpstr (group->key, ==, "1");
  g_assert_cmpint (group->granted_cents, ==, 2566300);
  group = g_ptr_array_index (dashboard->volets, 1);
  g_assert_cmpint (group->granted_cents, ==, 14600000);
}

static void
test_filters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssStore) store = ess_store_open (path, ESS_STORE_OPEN_DEMO_DATA, &error);
  const char * const app[] = { "APP", NULL };
  const char * const hostile[] = { "APT\"] OR 1=1 --", NULL };
  g_autoptr(EssDashboard) only_2013 = NULL;
  g_autoptr(EssDashboard) other_scheme = NULL;
  g_autoptr(EssDashboard) quoted = NULL;
  EssDashboard *bad;

  g_assert_no_error (error);
  only_2013 = ess_store_dashboard (store, 2013, 2013, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (only_2013->n_dossiers, ==, 3);
  g_assert_cmpint (only_2013->granted_cents, ==, 2566300);

  other_scheme = ess_store_dashboard (store, 2012, 2013, app, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_scheme->n_dossiers, ==, 0);
  g_assert_cmpint (other_scheme->envelope_cents, ==, 0);

  /* A scheme name is data, never SQL nor JSON. */
  quoted = ess_store_dashboard (store, 2012, 2013, hostile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quoted->n_dossiers, ==, 0);

  bad = ess_store_dashboard (store, 2014, 2012, NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("ess-dashboard-XXXXXX", NULL);
  path = g_build_filename (dir, "demo.db", NULL);

  g_test_add_func ("/dashboard/apt-2012-2013", test_apt_2012_2013);
  g_test_add_func ("/dashboard/filters", test_filters);

  status = g_test_run ();

  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
  g_free (path);
  return status;
}
