/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One granted subsidy in the SCDL "subventions" open data format (v2.1.1): its rules and its CSV row. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The columns of the format, in its order; empty optional values are
 * NULL or "". */
typedef struct
{
  char   *reference;                /* the dossier, for messages: not a column */
  char   *nom_attribuant;
  char   *id_attribuant;            /* SIRET */
  char   *date_convention;          /* YYYY-MM-DD */
  char   *reference_decision;
  char   *nom_beneficiaire;
  char   *id_beneficiaire;          /* SIRET; this or the RNA number */
  char   *rna_beneficiaire;         /* W + 9 digits */
  char   *objet;                    /* at most 256 characters */
  gint64  montant_cents;
  char   *nature;                   /* "aide en numéraire", "aide en nature", or both joined by ";" */
  char   *conditions_versement;     /* "unique", "échelonné", "autre" */
  char   *dates_periode_versement;  /* YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD */
  char   *id_rae;
  char   *notification_ue;          /* "oui", "non" */
  int     pourcentage_centiemes;    /* 1..100 for 0.01..1, -1: not given */
  char   *dispositif_aide;
} EssScdlRow;

#define ESS_SCDL_OBJET_MAX 256

EssScdlRow *ess_scdl_row_new        (void);
void        ess_scdl_row_free       (EssScdlRow       *row);
/* The rules of the format a row breaks, as French messages (an empty
 * array when it follows them all). */
GPtrArray  *ess_scdl_row_check      (const EssScdlRow *row);
/* The header line, then one line per row: comma separated, quoted where
 * needed, amounts with a decimal point, lines ending with \n. */
void        ess_scdl_append_header  (GString          *out);
void        ess_scdl_append_row     (GString          *out,
                                     const EssScdlRow *row);
/* @text cut to ESS_SCDL_OBJET_MAX characters, an ellipsis ending a cut text. */
char       *ess_scdl_objet          (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssScdlRow, ess_scdl_row_free)

G_END_DECLS
