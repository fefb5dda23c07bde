/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Public aid of an applicant over time, against the de minimis ceilings. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ESS_AID_ERROR (ess_aid_error_quark ())

typedef enum
{
  ESS_AID_ERROR_INVALID_CEILING,
} EssAidError;

GQuark               ess_aid_error_quark     (void);

/* A ceiling in force from a date (DOMAIN.md: 200 000 EUR before 2024,
 * 300 000 EUR from 2024 for the general de minimis). */
typedef struct
{
  const char *kind;          /* "general" or "sgei" */
  const char *from;          /* ISO date the ceiling applies from */
  gint64      amount_cents;
  int         years;         /* the rolling period, 3 */
} EssAidCeiling;

typedef struct
{
  const char *granted_on;    /* ISO date the aid was granted */
  gint64      amount_cents;
} EssAidGrant;

/* Sum of the grants in the @years years that end on @date (included),
 * that is granted_on > date - years. FALSE on overflow. */
gboolean             ess_aid_rolling_sum     (const EssAidGrant   *grants,
                                              guint                n_grants,
                                              const char          *date,
                                              int                  years,
                                              gint64              *out_cents);
/* The ceiling of @kind in force on @date among @ceilings, or NULL. */
const EssAidCeiling *ess_aid_ceiling_at      (const EssAidCeiling *ceilings,
                                              guint                n_ceilings,
                                              const char          *kind,
                                              const char          *date);
/* The highest rolling sum over every grant date, and the date it is
 * reached; the check above a ceiling uses the ceiling at that date. */
gboolean             ess_aid_peak            (const EssAidGrant   *grants,
                                              guint                n_grants,
                                              int                  years,
                                              gint64              *out_cents,
                                              const char         **out_date);

/* The default ceilings of DOMAIN.md, with their dates. */
const EssAidCeiling *ess_aid_default_ceilings (guint              *n_ceilings);

/* Whether a ceiling can be kept: @kind "general" or "sgei", @from a real
 * date written YYYY-MM-DD, a positive amount and a period of 1 to 10 years.
 * The error (ESS_AID_ERROR_INVALID_CEILING) names the field and what is expected. */
gboolean             ess_aid_ceiling_validate (const char          *kind,
                                               const char          *from,
                                               gint64               amount_cents,
                                               int                  years,
                                               GError             **error);
/* The ceilings kept in the settings, type "a(ssxi)" (kind, from, amount in
 * cents, years), ordered by kind and date; entries that do not validate,
 * and a second ceiling of the same kind and date, are left out. The strings belong to the returned array. */
GArray              *ess_aid_ceilings_from_variant (GVariant      *ceilings);

G_END_DECLS
