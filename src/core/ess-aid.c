/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sums of the aid granted to an applicant over rolling periods, and the de minimis ceilings in force. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-aid.h"
#include "ess-money.h"

/* DOMAIN.md, "State aid ceilings". The regulations before 2024 count three
 * fiscal years; a rolling period of three years is the stricter reading and
 * the one the current regulations use, so it is applied throughout. */
static const EssAidCeiling default_ceilings[] = {
  /* Reg. (EU) 1407/2013, general de minimis. */
  { "general", "1900-01-01", 20000000, 3 },
  /* Reg. (EU) 2023/2831, from 1 January 2024. */
  { "general", "2024-01-01", 30000000, 3 },
  /* Reg. (EU) 360/2012, SGEI de minimis. */
  { "sgei",    "1900-01-01", 50000000, 3 },
  /* Reg. (EU) 2023/2832, from 1 January 2024. */
  { "sgei",    "2024-01-01", 75000000, 3 },
};

G_DEFINE_QUARK (ess-aid-error-quark, ess_aid_error)

/* @iso as a GDate when it is a real date written YYYY-MM-DD. */
static gboolean
iso_to_date (const char *iso,
             GDate      *date)
{
  guint values[3] = { 0, 0, 0 };
  static const guint lengths[3] = { 4, 2, 2 };
  const char *p = iso;

  if (iso == NULL || strlen (iso) != 10)
    return FALSE;

  for (guint part = 0; part < 3; part++)
    {
      for (guint i = 0; i < lengths[part]; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          values[part] = values[part] * 10 + (guint) (*p - '0');
        }
      if (part < 2 && *p++ != '-')
        return FALSE;
    }

  if (values[0] < 1 || values[1] < 1 || values[1] > 12 ||
      !g_date_valid_dmy ((GDateDay) values[2], (GDateMonth) values[1], (GDateYear) values[0]))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) values[2], (GDateMonth) values[1], (GDateYear) values[0]);
  return TRUE;
}

/* The sum over the window (@end - @years years, @end]. */
static gboolean
sum_window (const EssAidGrant *grants,
            guint              n_grants,
            const GDate       *end,
            int                years,
            gint64            *out_cents)
{
  GDate start = *end;
  gint64 total = 0;

  /* 29 February less a year is 28 February (GDate's rule). */
  g_date_subtract_years (&start, (guint) years);

  for (guint i = 0; i < n_grants; i++)
    {
      GDate granted;

      /* An aid without a valid grant date has not been granted yet. */
      if (!iso_to_date (grants[i].granted_on, &granted))
        continue;
      if (g_date_compare (&granted, &start) <= 0 || g_date_compare (&granted, end) > 0)
        continue;
      if (!ess_money_add (total, grants[i].amount_cents, &total))
        return FALSE;
    }

  *out_cents = total;
  return TRUE;
}

gboolean
ess_aid_rolling_sum (const EssAidGrant *grants,
                     guint              n_grants,
                     const char        *date,
                     int                years,
                     gint64            *out_cents)
{
  GDate end;

  g_return_val_if_fail (grants != NULL || n_grants == 0, FALSE);
  g_return_val_if_fail (years > 0, FALSE);
  g_return_val_if_fail (out_cents != NULL, FALSE);

  if (!iso_to_date (date, &end))
    {
      g_critical ("%s: “%s” is not an ISO date", G_STRFUNC, date != NULL ? date : "(null)");
      return FALSE;
    }

  return sum_window (grants, n_grants, &end, years, out_cents);
}

const EssAidCeiling *
ess_aid_ceiling_at (const EssAidCeiling *ceilings,
                    guint                n_ceilings,
                    const char          *kind,
                    const char          *date)
{
  const EssAidCeiling *found = NULL;
  GDate on, found_from;

  g_return_val_if_fail (ceilings != NULL || n_ceilings == 0, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if (!iso_to_date (date, &on))
    return NULL;

  for (guint i = 0; i < n_ceilings; i++)
    {
      GDate from;

      if (g_strcmp0 (ceilings[i].kind, kind) != 0 || !iso_to_date (ceilings[i].from, &from))
        continue;
      if (g_date_compare (&from, &on) > 0)
        continue;
      if (found == NULL || g_date_compare (&from, &found_from) > 0)
        {
          found = &ceilings[i];
          found_from = from;
        }
    }

  return found;
}

gboolean
ess_aid_peak (const EssAidGrant  *grants,
              guint               n_grants,
              int                 years,
              gint64             *out_cents,
              const char        **out_date)
{
  const char *peak_date = NULL;
  gint64 peak = 0;
  GDate peak_on;

  g_return_val_if_fail (grants != NULL || n_grants == 0, FALSE);
  g_return_val_if_fail (years > 0, FALSE);

  /* A rolling sum only grows on a grant date, so its highest value is
   * reached on one of them; the earliest such date is reported. */
  for (guint i = 0; i < n_grants; i++)
    {
      GDate on;
      gint64 sum;

      if (!iso_to_date (grants[i].granted_on, &on))
        continue;
      if (!sum_window (grants, n_grants, &on, years, &sum))
        return FALSE;
      if (peak_date == NULL || sum > peak ||
          (sum == peak && g_date_compare (&on, &peak_on) < 0))
        {
          peak = sum;
          peak_date = grants[i].granted_on;
          peak_on = on;
        }
    }

  if (out_cents != NULL)
    *out_cents = peak;
  if (out_date != NULL)
    *out_date = peak_date;
  return TRUE;
}

const EssAidCeiling *
ess_aid_default_ceilings (guint *n_ceilings)
{
  if (n_ceilings != NULL)
    *n_ceilings = G_N_ELEMENTS (default_ceilings);

  return default_ceilings;
}

gboolean
ess_aid_ceiling_validate (const char  *kind,
                          const char  *from,
                          gint64       amount_cents,
                          int          years,
                          GError     **error)
{
  GDate date;

  if (g_strcmp0 (kind, "general") != 0 && g_strcmp0 (kind, "sgei") != 0)
    {
      g_set_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING,
                   _("The kind of ceiling must be the general de minimis or the SGEI de minimis."));
      return FALSE;
    }
  if (!iso_to_date (from, &date))
    {
      g_set_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING,
                   _("The date from which the ceiling applies must be a real date, such as 01/01/2024."));
      return FALSE;
    }
  if (amount_cents <= 0)
    {
      g_set_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING,
                   _("The ceiling must be an amount above zero, such as 300 000."));
      return FALSE;
    }
  if (years < 1 || years > 10)
    {
      g_set_error (error, ESS_AID_ERROR, ESS_AID_ERROR_INVALID_CEILING,
                   _("The period of the ceiling must be from 1 to 10 years."));
      return FALSE;
    }
  return TRUE;
}

static void
clear_ceiling (gpointer data)
{
  EssAidCeiling *ceiling = data;

  g_free ((char *) ceiling->kind);
  g_free ((char *) ceiling->from);
}

static int
compare_ceilings (gconstpointer a,
                  gconstpointer b)
{
  const EssAidCeiling *x = a;
  const EssAidCeiling *y = b;
  int by_kind = strcmp (x->kind, y->kind);

  return by_kind != 0 ? by_kind : strcmp (x->from, y->from);
}

GArray *
ess_aid_ceilings_from_variant (GVariant *ceilings)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (EssAidCeiling));
  GVariantIter iter;
  const char *kind, *from;
  gint64 amount;
  gint32 years;

  g_array_set_clear_func (array, clear_ceiling);
  if (ceilings == NULL || !g_variant_is_of_type (ceilings, G_VARIANT_TYPE ("a(ssxi)")))
    return array;

  g_variant_iter_init (&iter, ceilings);
  while (g_variant_iter_next (&iter, "(&s&sxi)", &kind, &from, &amount, &years))
    {
      EssAidCeiling ceiling;

      gboolean repeated = FALSE;

      if (!ess_aid_ceiling_validate (kind, from, amount, years, NULL))
        continue;
      /* One ceiling per kind and date: the first one listed holds. */
      for (guint i = 0; i < array->len && !repeated; i++)
        repeated = strcmp (g_array_index (array, EssAidCeiling, i).kind, kind) == 0 &&
                   strcmp (g_array_index (array, EssAidCeiling, i).from, from) == 0;
      if (repeated)
        continue;
      ceiling = (EssAidCeiling) { g_strdup (kind), g_strdup (from), amount, years };
      g_array_append_val (array, ceiling);
    }
  g_array_sort (array, compare_ceilings);
  return array;
}
