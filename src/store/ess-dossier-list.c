/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier list model: every dossier's filtered columns are read once
 * per order, filters and searches pick among them in memory, rows are
 * read when shown. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier-list.h"
#include "ess-store-private.h"

struct _EssDossierList
{
  GObject    parent_instance;
  EssStore  *store;
  GArray    *ids;      /* gint64, in display order */
  GPtrArray *rows;     /* EssDossierSummary or NULL, parallel to ids */
  EssDossierQuery *query;
  EssDossierTotals totals;
  gboolean   totals_valid;
  gulong     changed_id;
  gulong     any_changed_id;

  /* Every dossier of the trash or not (base_trash) by reference, with
   * what the filters test (EssDossierRow); NULL until read, or after a
   * change of the data. */
  GArray    *base;
  gboolean   base_trash;
  guint32   *base_index;   /* id -> position in base + 1; 0: none */
  gint64     max_id;
  gboolean   sparse;       /* ids too far apart for base_index: SQL filters */
  /* For another order than by reference: positions in base, in the
   * order of order_query's sort; NULL otherwise. */
  GArray    *order;
  EssDossierQuery *order_query;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EssDossierList, ess_dossier_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const char summary_sql[] =
  "SELECT d.id, d.reference, d.title, coalesce (a.name, ''), d.scheme_code, coalesce (d.volet, 0), "
  "  coalesce ((SELECT group_concat (name, ', ') FROM "
  "     (SELECT DISTINCT t.id, t.name FROM dossier_communes dc "
  "      JOIN communes c ON c.insee = dc.insee "
  "      JOIN territories t ON t.id = c.territory_id "
  "      WHERE dc.dossier_id = d.id ORDER BY t.id)), ''), "
  "  d.year, d.status, d.requested_cents, d.proposed_cents, d.granted_cents "
  "FROM dossiers d LEFT JOIN applicants a ON a.id = d.applicant_id "
  "WHERE d.id = ?1";

static EssDossierSummary *
fetch_summary (EssDossierList *self,
               gint64          id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ess_store_prepare (self->store, summary_sql, &error);
  EssDossierSummary *summary = NULL;

  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      EssDossierSummaryData data = {
        .id = sqlite3_column_int64 (stmt, 0),
        .reference = ess_store_column_text (stmt, 1),
        .title = ess_store_column_text (stmt, 2),
        .applicant = ess_store_column_text (stmt, 3),
        .scheme = ess_store_column_text (stmt, 4),
        .volet = sqlite3_column_int (stmt, 5),
        .territories = ess_store_column_text (stmt, 6),
        .year = sqlite3_column_int (stmt, 7),
        .status = ESS_STATUS_SUBMITTED,
        .requested_cents = sqlite3_column_int64 (stmt, 9),
        .proposed_cents = sqlite3_column_int64 (stmt, 10),
        .granted_cents = sqlite3_column_int64 (stmt, 11),
      };
      ess_status_from_id (ess_store_column_text (stmt, 8), &data.status);
      summary = ess_dossier_summary_new (&data);
    }
  sqlite3_reset (stmt);

  return summary;
}

static GType
ess_dossier_list_get_item_type (GListModel *model)
{
  return ESS_TYPE_DOSSIER_SUMMARY;
}

static guint
ess_dossier_list_get_n_items (GListModel *model)
{
  return ESS_DOSSIER_LIST (model)->ids->len;
}

static gpointer
ess_dossier_list_get_item (GListModel *model,
                           guint       position)
{
  EssDossierList *self = ESS_DOSSIER_LIST (model);

  if (position >= self->ids->len)
    return NULL;

  if (g_ptr_array_index (self->rows, position) == NULL)
    g_ptr_array_index (self->rows, position) =
      fetch_summary (self, g_array_index (self->ids, gint64, position));

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ess_dossier_list_get_item_type;
  iface->get_n_items = ess_dossier_list_get_n_items;
  iface->get_item = ess_dossier_list_get_item;
}

static void
on_store_changed (EssStore       *store,
                  const char     *what,
                  EssDossierList *self)
{
  g_autoptr(GError) error = NULL;

  if (!ess_dossier_list_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
clear_base (EssDossierList *self)
{
  g_clear_pointer (&self->base, g_array_unref);
  g_clear_pointer (&self->base_index, g_free);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->order_query, ess_dossier_query_free);
}

/* Any change (a dossier, a scheme code renamed...) may change the rows. */
static void
on_store_any_changed (EssStore       *store,
                      const char     *what,
                      EssDossierList *self)
{
  clear_base (self);
}

static void
ess_dossier_list_dispose (GObject *object)
{
  EssDossierList *self = (EssDossierList *) object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->any_changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_dossier_list_parent_class)->dispose (object);
}

static void
ess_dossier_list_finalize (GObject *object)
{
  EssDossierList *self = (EssDossierList *) object;

  g_array_unref (self->ids);
  g_ptr_array_unref (self->rows);
  clear_base (self);
  ess_dossier_query_free (self->query);

  G_OBJECT_CLASS (ess_dossier_list_parent_class)->finalize (object);
}

static void
ess_dossier_list_class_init (EssDossierListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ess_dossier_list_dispose;
  object_class->finalize = ess_dossier_list_finalize;
}

/* Rows not fetched yet are NULL. */
static void
unref_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
ess_dossier_list_init (EssDossierList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_ptr_array_new_with_free_func (unref_row);
  self->query = ess_dossier_query_new ();
}

EssDossierList *
ess_dossier_list_new (EssStore *store)
{
  EssDossierList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ESS_IS_STORE (store), NULL);

  self = g_object_new (ESS_TYPE_DOSSIER_LIST, NULL);
  self->store = g_object_ref (store);
  self->any_changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_any_changed), self);
  self->changed_id = g_signal_connect (store, "changed::dossiers", G_CALLBACK (on_store_changed), self);

  if (!ess_dossier_list_reload (self, &error))
    g_warning ("%s", error->message);

  return self;
}

EssStore *
ess_dossier_list_get_store (EssDossierList *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), NULL);
  return self->store;
}

#define HAS_ID(bits, id) (((bits)[(id) >> 3] & (1u << ((id) & 7))) != 0)

/* A bit per id up to @max_id, set for the ids of @ids. */
static guint8 *
id_bits (GArray *ids,
         gint64  max_id)
{
  guint8 *bits = g_malloc0 ((gsize) (max_id / 8 + 1));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id >= 0 && id <= max_id)
        bits[id >> 3] |= (guint8) (1u << (id & 7));
    }
  return bits;
}

/* The rows by reference: read from the covering index dossiers_list. */
static gboolean
ensure_base (EssDossierList  *self,
             GError         **error)
{
  g_autoptr(EssDossierQuery) by_reference = NULL;

  if (self->base != NULL && !self->base_trash == !self->query->trash)
    return TRUE;

  clear_base (self);
  by_reference = ess_dossier_query_new ();
  by_reference->trash = self->query->trash;
  self->base = ess_store_query_dossier_rows (self->store, by_reference, error);
  if (self->base == NULL)
    return FALSE;
  self->base_trash = self->query->trash;

  self->max_id = 0;
  for (guint i = 0; i < self->base->len; i++)
    self->max_id = MAX (self->max_id, g_array_index (self->base, EssDossierRow, i).id);
  /* Ids are given in sequence; a file with ids far apart (edited by hand,
   * or hostile) would need tables the size of its largest id. */
  self->sparse = self->max_id > 4 * (gint64) self->base->len + 1000000;
  if (self->sparse)
    return TRUE;
  self->base_index = g_new0 (guint32, self->max_id + 1);
  for (guint i = 0; i < self->base->len; i++)
    {
      gint64 id = g_array_index (self->base, EssDossierRow, i).id;
      if (id >= 0)
        self->base_index[id] = i + 1;
    }
  return TRUE;
}

/* Another order than by reference: the ids in that order (one query over
 * every dossier, the filters left aside), as positions in base. */
static gboolean
ensure_order (EssDossierList  *self,
              GError         **error)
{
  g_autoptr(EssDossierQuery) unfiltered = NULL;
  g_autoptr(GArray) ids = NULL;

  if (self->order != NULL &&
      self->order_query->sort == self->query->sort &&
      !self->order_query->descending == !self->query->descending)
    return TRUE;

  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->order_query, ess_dossier_query_free);
  unfiltered = ess_dossier_query_new ();
  unfiltered->trash = self->query->trash;
  unfiltered->sort = self->query->sort;
  unfiltered->descending = self->query->descending;
  ids = ess_store_query_dossier_ids (self->store, unfiltered, error);
  if (ids == NULL)
    return FALSE;

  self->order = g_array_sized_new (FALSE, FALSE, sizeof (guint), ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id >= 0 && id <= self->max_id && self->base_index[id] != 0)
        {
          guint position = self->base_index[id] - 1;
          g_array_append_val (self->order, position);
        }
    }
  self->order_query = g_steal_pointer (&unfiltered);
  return TRUE;
}

/* The ids of the dossiers of the query, in its order, and their totals:
 * the same as ess_store_query_dossier_ids() and ess_store_query_totals(),
 * from the rows in memory and a set of ids per territory, commune or
 * search. */
static GArray *
filter_ids (EssDossierList    *self,
            EssDossierTotals  *totals,
            GError           **error)
{
  const EssDossierQuery *query = self->query;
  g_autofree guint8 *territory = NULL;
  g_autofree guint8 *commune = NULL;
  g_autofree guint8 *search = NULL;
  g_autofree char *fts = NULL;
  const char *scheme = NULL;
  gboolean by_reference = (guint) query->sort >= ESS_N_SORTS || query->sort == ESS_SORT_REFERENCE;
  gint64 max_id;
  guint n;
  GArray *ids;

  if (!ensure_base (self, error))
    return NULL;
  if (self->sparse)
    {
      g_autoptr(GArray) sql_ids = ess_store_query_dossier_ids (self->store, query, error);

      if (sql_ids == NULL || !ess_store_query_totals (self->store, query, totals, error))
        return NULL;
      return g_steal_pointer (&sql_ids);
    }
  if (!by_reference && !ensure_order (self, error))
    return NULL;
  max_id = self->max_id;

  if (query->territory_id != 0)
    {
      g_autoptr(GArray) set = ess_store_query_territory_ids (self->store, query->territory_id, error);
      if (set == NULL)
        return NULL;
      territory = id_bits (set, max_id);
    }
  if (query->commune != NULL && query->commune[0] != '\0')
    {
      g_autoptr(GArray) set = ess_store_query_commune_ids (self->store, query->commune, error);
      if (set == NULL)
        return NULL;
      commune = id_bits (set, max_id);
    }
  fts = ess_search_to_fts (query->search);
  if (fts != NULL)
    {
      g_autoptr(GArray) set = ess_store_query_search_ids (self->store, query->search, error);
      if (set == NULL)
        return NULL;
      search = id_bits (set, max_id);
    }
  if (query->scheme != NULL && query->scheme[0] != '\0')
    scheme = g_intern_string (query->scheme);

  memset (totals, 0, sizeof *totals);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  n = by_reference ? self->base->len : self->order->len;
  for (guint i = 0; i < n; i++)
    {
      guint position = !by_reference ? g_array_index (self->order, guint, i)
                       : query->descending ? n - 1 - i : i;
      const EssDossierRow *row = &g_array_index (self->base, EssDossierRow, position);

      if (query->statuses != 0 &&
          (row->status < 0 || row->status >= 32 || (query->statuses & (1u << row->status)) == 0))
        continue;
      if (scheme != NULL && row->scheme != scheme)
        continue;
      if (query->year != 0 && row->year != query->year)
        continue;
      if (query->applicant_id != 0 && row->applicant_id != query->applicant_id)
        continue;
      if ((territory != NULL || commune != NULL || search != NULL) && row->id < 0)
        continue;
      if ((territory != NULL && !HAS_ID (territory, row->id)) ||
          (commune != NULL && !HAS_ID (commune, row->id)) ||
          (search != NULL && !HAS_ID (search, row->id)))
        continue;

      g_array_append_val (ids, row->id);
      totals->count++;
      totals->requested_cents += row->requested_cents;
      totals->proposed_cents += row->proposed_cents;
      totals->granted_cents += row->granted_cents;
    }

  return ids;
}

static gboolean
reload (EssDossierList  *self,
        GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  EssDossierTotals totals;
  guint removed;

  ids = filter_ids (self, &totals, error);
  if (ids == NULL)
    {
      self->totals_valid = FALSE;
      return FALSE;
    }
  self->totals = totals;
  self->totals_valid = TRUE;

  /* Every row is new: say so in two steps, the list empty in between.
   * Told "removed and added" in one change, GTK 4.8's list view and
   * multi-selection look for the rows they track (the focused, the
   * selected) among all the added ones, reading every row of the list:
   * 100 000 rows read, and kept, for one keystroke. */
  removed = self->ids->len;
  g_array_set_size (self->ids, 0);
  g_ptr_array_set_size (self->rows, 0);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_ptr_array_set_size (self->rows, self->ids->len);
  if (self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->ids->len);

  return TRUE;
}

gboolean
ess_dossier_list_reload (EssDossierList  *self,
                         GError         **error)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), FALSE);

  /* Read again from the database, whatever is in memory. */
  clear_base (self);
  return reload (self, error);
}

void
ess_dossier_list_set_query (EssDossierList        *self,
                            const EssDossierQuery *query)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ESS_IS_DOSSIER_LIST (self));
  g_return_if_fail (query != NULL);

  if (query != self->query)
    {
      ess_dossier_query_free (self->query);
      self->query = ess_dossier_query_copy (query);
    }

  if (!reload (self, &error))
    g_warning ("%s", error->message);
}

const EssDossierQuery *
ess_dossier_list_get_query (EssDossierList *self)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), NULL);
  return self->query;
}

gboolean
ess_dossier_list_get_totals (EssDossierList   *self,
                             EssDossierTotals *totals)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  if (!self->totals_valid)
    {
      memset (totals, 0, sizeof *totals);
      return FALSE;
    }

  *totals = self->totals;
  return TRUE;
}

guint
ess_dossier_list_find (EssDossierList *self,
                       gint64          id)
{
  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), G_MAXUINT);

  /* A pass over the ids (50 µs for 100 000): a table of positions would
   * take 100 000 allocations at each reload for the few lookups that
   * follow one (the selected dossier). */
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

guint
ess_dossier_list_get_n_read (EssDossierList *self)
{
  guint n = 0;

  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_ptr_array_index (self->rows, i) != NULL)
      n++;
  return n;
}
