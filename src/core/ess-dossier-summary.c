/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One row of the dossier list, immutable once built from the store. */

#include "config.h"

#include "ess-dossier-summary.h"

struct _EssDossierSummary
{
  GObject    parent_instance;
  gint64     id;
  char      *reference;
  char      *title;
  char      *applicant;
  char      *scheme;
  int        volet;
  char      *territories;
  int        year;
  EssStatus  status;
  gint64     requested_cents;
  gint64     proposed_cents;
  gint64     granted_cents;
};

G_DEFINE_FINAL_TYPE (EssDossierSummary, ess_dossier_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_TITLE,
  PROP_APPLICANT,
  PROP_SCHEME,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ess_dossier_summary_finalize (GObject *object)
{
  EssDossierSummary *self = (EssDossierSummary *) object;

  g_free (self->reference);
  g_free (self->title);
  g_free (self->applicant);
  g_free (self->scheme);
  g_free (self->territories);

  G_OBJECT_CLASS (ess_dossier_summary_parent_class)->finalize (object);
}

static void
ess_dossier_summary_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EssDossierSummary *self = ESS_DOSSIER_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_APPLICANT:
      g_value_set_string (value, self->applicant);
      break;
    case PROP_SCHEME:
      g_value_set_string (value, self->scheme);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ess_dossier_summary_class_init (EssDossierSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ess_dossier_summary_finalize;
  object_class->get_property = ess_dossier_summary_get_property;

  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPLICANT] =
    g_param_spec_string ("applicant", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEME] =
    g_param_spec_string ("scheme", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ess_dossier_summary_init (EssDossierSummary *self)
{
}

EssDossierSummary *
ess_dossier_summary_new (const EssDossierSummaryData *data)
{
  EssDossierSummary *self = g_object_new (ESS_TYPE_DOSSIER_SUMMARY, NULL);

  self->id = data->id;
  self->reference = g_strdup (data->reference ? data->reference : "");
  self->title = g_strdup (data->title ? data->title : "");
  self->applicant = g_strdup (data->applicant ? data->applicant : "");
  self->scheme = g_strdup (data->scheme ? data->scheme : "");
  self->volet = data->volet;
  self->territories = g_strdup (data->territories ? data->territories : "");
  self->year = data->year;
  self->status = data->status;
  self->requested_cents = data->requested_cents;
  self->proposed_cents = data->proposed_cents;
  self->granted_cents = data->granted_cents;

  return self;
}

#define GETTER(type, name) \
  type ess_dossier_summary_get_##name (EssDossierSummary *self) \
  { \
    g_return_val_if_fail (ESS_IS_DOSSIER_SUMMARY (self), 0); \
    return self->name; \
  }

GETTER (gint64, id)
GETTER (const char *, reference)
GETTER (const char *, title)
GETTER (const char *, applicant)
GETTER (const char *, scheme)
GETTER (int, volet)
GETTER (const char *, territories)
GETTER (int, year)
GETTER (EssStatus, status)

gint64
ess_dossier_summary_get_requested (EssDossierSummary *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_SUMMARY (self), 0);
  return self->requested_cents;
}

gint64
ess_dossier_summary_get_proposed (EssDossierSummary *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_SUMMARY (self), 0);
  return self->proposed_cents;
}

gint64
ess_dossier_summary_get_granted (EssDossierSummary *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_SUMMARY (self), 0);
  return self->granted_cents;
}
