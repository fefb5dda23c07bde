/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the dossier status machine against the transitions the instruction process allows. */

#include "config.h"

#include <string.h>

#include "ess-dossier-status.h"

typedef struct
{
  EssStatus from;
  EssStatus to;
} Move;

/* Written out from the process, not read from the code under test. */
static const Move allowed[] = {
  { ESS_STATUS_SUBMITTED, ESS_STATUS_INCOMPLETE },
  { ESS_STATUS_SUBMITTED, ESS_STATUS_ADMISSIBLE },
  { ESS_STATUS_SUBMITTED, ESS_STATUS_WITHDRAWN },
  { ESS_STATUS_INCOMPLETE, ESS_STATUS_ADMISSIBLE },
  { ESS_STATUS_INCOMPLETE, ESS_STATUS_WITHDRAWN },
  { ESS_STATUS_ADMISSIBLE, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_ADMISSIBLE, ESS_STATUS_WITHDRAWN },
  { ESS_STATUS_IN_REVIEW, ESS_STATUS_OPINION_GIVEN },
  { ESS_STATUS_IN_REVIEW, ESS_STATUS_INCOMPLETE },
  { ESS_STATUS_IN_REVIEW, ESS_STATUS_WITHDRAWN },
  { ESS_STATUS_OPINION_GIVEN, ESS_STATUS_GRANTED },
  { ESS_STATUS_OPINION_GIVEN, ESS_STATUS_REFUSED },
  { ESS_STATUS_OPINION_GIVEN, ESS_STATUS_POSTPONED },
  { ESS_STATUS_OPINION_GIVEN, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_POSTPONED, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_POSTPONED, ESS_STATUS_WITHDRAWN },
  { ESS_STATUS_GRANTED, ESS_STATUS_AGREEMENT_SIGNED },
  { ESS_STATUS_GRANTED, ESS_STATUS_WITHDRAWN },
  { ESS_STATUS_GRANTED, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_GRANTED, ESS_STATUS_REFUSED },           /* the decision is reversed */
  { ESS_STATUS_REFUSED, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_WITHDRAWN, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_AGREEMENT_SIGNED, ESS_STATUS_CLOSED },
  { ESS_STATUS_AGREEMENT_SIGNED, ESS_STATUS_WITHDRAWN },
};

/* Moves an instructor must not be able to make, with why. */
static const Move forbidden[] = {
  { ESS_STATUS_SUBMITTED, ESS_STATUS_GRANTED },         /* no decision without review */
  { ESS_STATUS_SUBMITTED, ESS_STATUS_IN_REVIEW },       /* admissibility comes first */
  { ESS_STATUS_INCOMPLETE, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_ADMISSIBLE, ESS_STATUS_OPINION_GIVEN },
  { ESS_STATUS_IN_REVIEW, ESS_STATUS_GRANTED },         /* the opinion comes first */
  { ESS_STATUS_IN_REVIEW, ESS_STATUS_REFUSED },
  { ESS_STATUS_OPINION_GIVEN, ESS_STATUS_AGREEMENT_SIGNED },
  { ESS_STATUS_OPINION_GIVEN, ESS_STATUS_CLOSED },
  { ESS_STATUS_GRANTED, ESS_STATUS_CLOSED },            /* no closing without an agreement */
  { ESS_STATUS_GRANTED, ESS_STATUS_OPINION_GIVEN },     /* a reopening goes back to review */
  { ESS_STATUS_REFUSED, ESS_STATUS_GRANTED },
  { ESS_STATUS_REFUSED, ESS_STATUS_SUBMITTED },
  { ESS_STATUS_WITHDRAWN, ESS_STATUS_GRANTED },
  { ESS_STATUS_POSTPONED, ESS_STATUS_GRANTED },
  { ESS_STATUS_AGREEMENT_SIGNED, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_CLOSED, ESS_STATUS_IN_REVIEW },
  { ESS_STATUS_CLOSED, ESS_STATUS_SUBMITTED },
  { ESS_STATUS_IN_REVIEW, ESS_STATUS_IN_REVIEW },       /* staying is not a move */
  { ESS_STATUS_CLOSED, ESS_STATUS_CLOSED },
};

static gboolean
is_allowed (EssStatus from,
            EssStatus to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      if (allowed[i].from == from && allowed[i].to == to)
        return TRUE;
    }
  return FALSE;
}

static void
test_allowed (gconstpointer data)
{
  const Move *move = data;

  g_assert_true (ess_status_can_transition (move->from, move->to));
}

static void
test_forbidden (gconstpointer data)
{
  const Move *move = data;

  g_assert_false (is_allowed (move->from, move->to));
  g_assert_false (ess_status_can_transition (move->from, move->to));
}

static void
test_exactly_the_allowed (void)
{
  guint n = 0;

  for (guint from = 0; from < ESS_N_STATUSES; from++)
    {
      for (guint to = 0; to < ESS_N_STATUSES; to++)
        {
          gboolean expected = is_allowed (from, to);

          g_assert_cmpint (ess_status_can_transition (from, to), ==, expected);
          n += expected;
        }
    }

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (allowed));
  g_assert_false (ess_status_can_transition (ESS_N_STATUSES, ESS_STATUS_SUBMITTED));
  g_assert_false (ess_status_can_transition (ESS_STATUS_SUBMITTED, ESS_N_STATUSES));
  g_assert_false (ess_status_can_transition ((EssStatus) 99, (EssStatus) 100));
}

static void
test_closed_is_final (void)
{
  EssStatus out[ESS_N_STATUSES];

  for (guint to = 0; to < ESS_N_STATUSES; to++)
    g_assert_false (ess_status_can_transition (ESS_STATUS_CLOSED, to));
  g_assert_cmpuint (ess_status_next (ESS_STATUS_CLOSED, out, G_N_ELEMENTS (out)), ==, 0);
}

static void
test_next (void)
{
  EssStatus out[ESS_N_STATUSES];
  EssStatus two[2];
  static const EssStatus from_opinion[] = {
    ESS_STATUS_IN_REVIEW, ESS_STATUS_GRANTED, ESS_STATUS_REFUSED, ESS_STATUS_POSTPONED,
  };

  for (guint from = 0; from < ESS_N_STATUSES; from++)
    {
      guint n = ess_status_next (from, out, G_N_ELEMENTS (out));
      guint expected = 0;

      /* In enum order, each one allowed, all of them. */
      for (guint to = 0; to < ESS_N_STATUSES; to++)
        {
          if (is_allowed (from, to))
            {
              g_assert_cmpuint (expected, <, n);
              g_assert_cmpint (out[expected], ==, to);
              expected++;
            }
        }
      g_assert_cmpuint (n, ==, expected);
    }

  g_assert_cmpuint (ess_status_next (ESS_STATUS_OPINION_GIVEN, out, G_N_ELEMENTS (out)), ==, 4);
  for (gsize i = 0; i < G_N_ELEMENTS (from_opinion); i++)
    g_assert_cmpint (out[i], ==, from_opinion[i]);

  /* A short array gets the first ones; the count says how many there are. */
  g_assert_cmpuint (ess_status_next (ESS_STATUS_OPINION_GIVEN, two, G_N_ELEMENTS (two)), ==, 4);
  g_assert_cmpint (two[0], ==, ESS_STATUS_IN_REVIEW);
  g_assert_cmpint (two[1], ==, ESS_STATUS_GRANTED);
  g_assert_cmpuint (ess_status_next (ESS_STATUS_SUBMITTED, NULL, 0), ==, 3);
}

static void
test_requires_reason (void)
{
  for (guint to = 0; to < ESS_N_STATUSES; to++)
    {
      gboolean expected = to == ESS_STATUS_REFUSED ||
                          to == ESS_STATUS_POSTPONED ||
                          to == ESS_STATUS_WITHDRAWN;

      g_assert_cmpint (ess_status_requires_reason (to), ==, expected);
    }
}

static void
test_ids (void)
{
  static const char * const ids[ESS_N_STATUSES] = {
    "submitted", "incomplete", "admissible", "in-review", "opinion-given", "granted",
    "refused", "postponed", "withdrawn", "agreement-signed", "closed",
  };
  EssStatus status;

  for (guint i = 0; i < ESS_N_STATUSES; i++)
    {
      g_assert_cmpstr (ess_status_to_id (i), ==, ids[i]);
      status = ESS_N_STATUSES;
      g_assert_true (ess_status_from_id (ids[i], &status));
      g_assert_cmpint (status, ==, i);
    }

  g_assert_true (ess_status_from_id ("closed", NULL));

  status = ESS_STATUS_GRANTED;
  g_assert_false (ess_status_from_id ("In-review", &status));
  g_assert_false (ess_status_from_id ("in_review", &status));
  g_assert_false (ess_status_from_id ("in-review ", &status));
  g_assert_false (ess_status_from_id ("", &status));
  g_assert_false (ess_status_from_id (NULL, &status));
  g_assert_false (ess_status_from_id ("déposé", &status));
  g_assert_cmpint (status, ==, ESS_STATUS_GRANTED);
}

static void
test_labels (void)
{
  for (guint i = 0; i < ESS_N_STATUSES; i++)
    {
      const char *label = ess_status_label (i);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_true (g_utf8_validate (label, -1, NULL));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (label, !=, ess_status_label (j));
    }
}

static void
test_reopening (void)
{
  for (guint from = 0; from < ESS_N_STATUSES; from++)
    {
      for (guint to = 0; to < ESS_N_STATUSES; to++)
        {
          gboolean expected = (to == ESS_STATUS_IN_REVIEW &&
                               (from == ESS_STATUS_GRANTED ||
                                from == ESS_STATUS_REFUSED ||
                                from == ESS_STATUS_WITHDRAWN)) ||
                              (from == ESS_STATUS_GRANTED && to == ESS_STATUS_REFUSED);

          g_assert_cmpint (ess_status_is_reopening (from, to), ==, expected);
        }
    }

  /* Normal course, not a reopening. */
  g_assert_false (ess_status_is_reopening (ESS_STATUS_POSTPONED, ESS_STATUS_IN_REVIEW));
  g_assert_false (ess_status_is_reopening (ESS_STATUS_OPINION_GIVEN, ESS_STATUS_IN_REVIEW));
  /* A granted dossier refused after all: a decision reversed, the UI warns. */
  g_assert_true (ess_status_is_reopening (ESS_STATUS_GRANTED, ESS_STATUS_REFUSED));
  g_assert_true (ess_status_requires_reason (ESS_STATUS_REFUSED));
  /* Forbidden, hence not a reopening either. */
  g_assert_false (ess_status_is_reopening (ESS_STATUS_CLOSED, ESS_STATUS_IN_REVIEW));
}

static void
test_decided_and_open (void)
{
  static const gboolean decided[ESS_N_STATUSES] = {
    [ESS_STATUS_GRANTED] = TRUE,
    [ESS_STATUS_REFUSED] = TRUE,
    [ESS_STATUS_WITHDRAWN] = TRUE,
    [ESS_STATUS_AGREEMENT_SIGNED] = TRUE,
    [ESS_STATUS_CLOSED] = TRUE,
  };
  static const gboolean open[ESS_N_STATUSES] = {
    [ESS_STATUS_SUBMITTED] = TRUE,
    [ESS_STATUS_INCOMPLETE] = TRUE,
    [ESS_STATUS_ADMISSIBLE] = TRUE,
    [ESS_STATUS_IN_REVIEW] = TRUE,
    [ESS_STATUS_OPINION_GIVEN] = TRUE,
    [ESS_STATUS_POSTPONED] = TRUE,
    /* Granted dossiers still need their agreement and payments. */
    [ESS_STATUS_GRANTED] = TRUE,
    [ESS_STATUS_AGREEMENT_SIGNED] = TRUE,
  };

  for (guint i = 0; i < ESS_N_STATUSES; i++)
    {
      g_assert_cmpint (ess_status_is_decided (i), ==, decided[i]);
      g_assert_cmpint (ess_status_is_open (i), ==, open[i]);
    }
  g_assert_false (ess_status_is_open (ESS_N_STATUSES));
  g_assert_false (ess_status_is_decided (ESS_N_STATUSES));
}

static void
test_every_status_reachable (void)
{
  gboolean reached[ESS_N_STATUSES] = { [ESS_STATUS_SUBMITTED] = TRUE };
  gboolean changed = TRUE;

  /* From a new dossier, every status can be reached and every one but closed can be left. */
  while (changed)
    {
      changed = FALSE;
      for (guint from = 0; from < ESS_N_STATUSES; from++)
        for (guint to = 0; to < ESS_N_STATUSES; to++)
          if (reached[from] && !reached[to] && ess_status_can_transition (from, to))
            reached[to] = changed = TRUE;
    }

  for (guint i = 0; i < ESS_N_STATUSES; i++)
    {
      g_assert_true (reached[i]);
      if (i != ESS_STATUS_CLOSED)
        g_assert_cmpuint (ess_status_next (i, NULL, 0), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dossier-status/allowed/%s-to-%s",
                                               ess_status_to_id (allowed[i].from),
                                               ess_status_to_id (allowed[i].to));

      g_test_add_data_func (path, &allowed[i], test_allowed);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dossier-status/forbidden/%s-to-%s",
                                               ess_status_to_id (forbidden[i].from),
                                               ess_status_to_id (forbidden[i].to));

      g_test_add_data_func (path, &forbidden[i], test_forbidden);
    }
  g_test_add_func ("/dossier-status/exactly-the-allowed", test_exactly_the_allowed);
  g_test_add_func ("/dossier-status/closed-is-final", test_closed_is_final);
  g_test_add_func ("/dossier-status/next", test_next);
  g_test_add_func ("/dossier-status/requires-reason", test_requires_reason);
  g_test_add_func ("/dossier-status/ids", test_ids);
  g_test_add_func ("/dossier-status/labels", test_labels);
  g_test_add_func ("/dossier-status/reopening", test_reopening);
  g_test_add_func ("/dossier-status/decided-and-open", test_decided_and_open);
  g_test_add_func ("/dossier-status/every-status-reachable", test_every_status_reachable);

  return g_test_run ();
}
