/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier list model: ids come from one query, rows are read when shown. */

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
  GHashTable *positions; /* id -> position + 1, built on demand */
  EssDossierQuery *query;
  EssDossierTotals totals;
  gboolean   totals_valid;
  gulong     changed_id;
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
ess_dossier_list_dispose (GObject *object)
{
  EssDossierList *self = (EssDossierList *) object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_dossier_list_parent_class)->dispose (object);
}

static void
ess_dossier_list_finalize (GObject *object)
{
  EssDossierList *self = (EssDossierList *) object;

  g_array_unref (self->ids);
  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->positions, g_hash_table_unref);
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

gboolean
ess_dossier_list_reload (EssDossierList  *self,
                         GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  guint removed;

  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), FALSE);

  ids = ess_store_query_dossier_ids (self->store, self->query, error);
  if (ids == NULL)
    {
      self->totals_valid = FALSE;
      return FALSE;
    }
  self->totals_valid = ess_store_query_totals (self->store, self->query, &self->totals, error);

  /* Every row is new: say so in two steps, the list empty in between.
   * Told "removed and added" in one change, GTK 4.8's list view and
   * multi-selection look for the rows they track (the focused, the
   * selected) among all the added ones, reading every row of the list:
   * 100 000 rows read, and kept, for one keystroke. */
  g_clear_pointer (&self->positions, g_hash_table_unref);
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

  return self->totals_valid;
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

  if (!ess_dossier_list_reload (self, &error))
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
  gpointer position;

  g_return_val_if_fail (ESS_IS_DOSSIER_LIST (self), G_MAXUINT);

  /* Built once per reload: selection follows a dossier across reloads. */
  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < self->ids->len; i++)
        g_hash_table_insert (self->positions,
                             g_memdup2 (&g_array_index (self->ids, gint64, i), sizeof (gint64)),
                             GUINT_TO_POINTER (i + 1));
    }

  position = g_hash_table_lookup (self->positions, &id);
  return position != NULL ? GPOINTER_TO_UINT (position) - 1 : G_MAXUINT;
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
