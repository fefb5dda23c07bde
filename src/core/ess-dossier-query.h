/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the dossier list shows: filters, search text and sort order. */
#pragma once

#include <glib.h>

#include "ess-dossier-status.h"

G_BEGIN_DECLS

typedef enum
{
  ESS_SORT_REFERENCE,
  ESS_SORT_TITLE,
  ESS_SORT_APPLICANT,
  ESS_SORT_SCHEME,
  ESS_SORT_VOLET,
  ESS_SORT_TERRITORIES,
  ESS_SORT_YEAR,
  ESS_SORT_STATUS,
  ESS_SORT_REQUESTED,
  ESS_SORT_PROPOSED,
  ESS_SORT_GRANTED,
  ESS_N_SORTS
} EssSortColumn;

typedef struct
{
  guint          statuses;        /* bit set of 1 << EssStatus; 0: any */
  char          *scheme;          /* scheme code or NULL */
  int            year;            /* 0: any */
  int            territory_id;    /* 0: any; dossiers with a commune in it */
  char          *commune;         /* INSEE code or NULL */
  gint64         applicant_id;    /* 0: any */
  char          *search;          /* words typed; each is a prefix, all must match; NULL or "": none */
  gboolean       trash;           /* TRUE: the trash instead of the live dossiers */
  EssSortColumn  sort;
  gboolean       descending;
} EssDossierQuery;

EssDossierQuery *ess_dossier_query_new          (void);
EssDossierQuery *ess_dossier_query_copy         (const EssDossierQuery *query);
void             ess_dossier_query_free         (EssDossierQuery       *query);
gboolean         ess_dossier_query_equal        (const EssDossierQuery *a,
                                                 const EssDossierQuery *b);
/* A saved view is stored as this text (GKeyFile syntax) and read back. */
char            *ess_dossier_query_serialize    (const EssDossierQuery *query);
EssDossierQuery *ess_dossier_query_deserialize  (const char            *text,
                                                 GError               **error);
/* The FTS5 MATCH expression for @search: every word folded to lower case
 * without accents, quoted, with a trailing * (prefix); NULL when empty. */
char            *ess_search_to_fts              (const char            *search);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssDossierQuery, ess_dossier_query_free)

G_END_DECLS
