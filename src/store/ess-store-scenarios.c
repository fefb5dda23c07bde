/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scenarios in the database: load, save whole in one transaction with their history, the APT portfolio. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier-status.h"
#include "ess-resources.h"
#include "ess-scenario-keyfile.h"
#include "ess-store-dossiers-private.h"
#include "ess-store-dossiers.h"
#include "ess-store-funding.h"
#include "ess-store-scenarios.h"
#include "ess-store-scenarios-private.h"

static gboolean
step_rows_done (EssStore      *self,
                sqlite3_stmt  *stmt,
                int            rc,
                GError       **error)
{
  if (rc != SQLITE_DONE)
    {
      ess_store_set_error (self, error, rc, _("reading the scenarios"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_children (EssStore     *self,
               EssScenario  *scenario,
               GError      **error)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT position, label, nature, hypothesis FROM scenario_lines "
                            "WHERE scenario_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssLineNature nature = ESS_NATURE_ENGINEERING;
      EssScenarioLine *line;

      ess_line_nature_from_id (ess_store_column_text (stmt, 2), &nature);
      /* Positions written elsewhere may have gaps: lines keep their order. */
      g_hash_table_insert (index_of, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                           GUINT_TO_POINTER (scenario->lines->len + 1));
      line = ess_scenario_add_line (scenario, ess_store_column_text (stmt, 1), nature);
      g_free (line->hypothesis);
      line->hypothesis = g_strdup (ess_store_column_text (stmt, 3));
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT a.position, a.year, a.metropole_cents, a.cofunders_cents "
                            "FROM scenario_line_amounts a WHERE a.scenario_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, GINT_TO_POINTER (sqlite3_column_int (stmt, 0))));
      EssLineAmount *amount;

      if (index == 0)
        continue;
      amount = ess_scenario_line_amount (scenario, index - 1, sqlite3_column_int (stmt, 1));
      if (amount == NULL)
        continue;
      amount->metropole = sqlite3_column_int64 (stmt, 2);
      amount->cofunders = sqlite3_column_int64 (stmt, 3);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT year, key, value FROM scenario_assumptions WHERE scenario_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssScenarioYear *year = ess_scenario_get_year (scenario, sqlite3_column_int (stmt, 0));
      EssAssumption assumption;

      if (year != NULL && ess_assumption_from_id (ess_store_column_text (stmt, 1), &assumption))
        year->assumptions[assumption] = sqlite3_column_int64 (stmt, 2);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT key, text FROM scenario_hypotheses WHERE scenario_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssAssumption assumption;

      if (ess_assumption_from_id (ess_store_column_text (stmt, 0), &assumption))
        {
          g_free (scenario->hypotheses[assumption]);
          scenario->hypotheses[assumption] = g_strdup (ess_store_column_text (stmt, 1));
        }
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT year, class, projects, amount_cents, communes FROM scenario_reach "
                            "WHERE scenario_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssScenarioYear *year = ess_scenario_get_year (scenario, sqlite3_column_int (stmt, 0));
      EssSizeClass size;

      if (year != NULL && ess_size_class_from_id (ess_store_column_text (stmt, 1), &size))
        {
          year->reach[size].projects = sqlite3_column_int64 (stmt, 2);
          year->reach[size].cents = sqlite3_column_int64 (stmt, 3);
          year->reach[size].communes = sqlite3_column_int64 (stmt, 4);
        }
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT year, territory_id, projects, amount_cents FROM scenario_territory_reach "
                            "WHERE scenario_id = ?1 ORDER BY year, territory_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      if (year >= scenario->first_year && year <= scenario->last_year)
        ess_scenario_set_territory_reach (scenario, year, sqlite3_column_int64 (stmt, 1),
                                          sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  stmt = ess_store_prepare (self,
                            "SELECT dossier_id, treatment FROM scenario_portfolio WHERE scenario_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssTreatment treatment;
      if (ess_treatment_from_id (ess_store_column_text (stmt, 1), &treatment))
        ess_scenario_set_treatment (scenario, sqlite3_column_int64 (stmt, 0), treatment);
    }
  return step_rows_done (self, stmt, rc, error);
}

#define SCENARIO_COLUMNS \
  "id, name, kind, first_year, last_year, description, arguments_for, arguments_against, " \
  "portfolio_default, reach_hypothesis"

static EssScenario *
read_scenario_row (sqlite3_stmt *stmt)
{
  EssScenarioKind kind = ESS_SCENARIO_FREE;
  EssScenario *scenario;

  ess_scenario_kind_from_id (ess_store_column_text (stmt, 2), &kind);
  scenario = ess_scenario_new (ess_store_column_text (stmt, 1), kind,
                               sqlite3_column_int (stmt, 3), sqlite3_column_int (stmt, 4));
  scenario->id = sqlite3_column_int64 (stmt, 0);
  g_free (scenario->description);
  scenario->description = g_strdup (ess_store_column_text (stmt, 5));
  g_free (scenario->arguments_for);
  scenario->arguments_for = g_strdup (ess_store_column_text (stmt, 6));
  g_free (scenario->arguments_against);
  scenario->arguments_against = g_strdup (ess_store_column_text (stmt, 7));
  ess_treatment_from_id (ess_store_column_text (stmt, 8), &scenario->portfolio_default);
  g_free (scenario->reach_hypothesis);
  scenario->reach_hypothesis = g_strdup (ess_store_column_text (stmt, 9));
  return scenario;
}

GPtrArray *
ess_store_list_scenarios (EssStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_scenario_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self, "SELECT " SCENARIO_COLUMNS " FROM scenarios ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (scenarios, read_scenario_row (stmt));
  if (!step_rows_done (self, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < scenarios->len; i++)
    if (!read_children (self, g_ptr_array_index (scenarios, i), error))
      return NULL;

  return g_steal_pointer (&scenarios);
}

EssScenario *
ess_store_load_scenario (EssStore  *self,
                         gint64     id,
                         GError   **error)
{
  g_autoptr(EssScenario) scenario = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self, "SELECT " SCENARIO_COLUMNS " FROM scenarios WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    scenario = read_scenario_row (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND,
                   _("The scenario %s does not exist (it may have been deleted)."), number);
    }
  else
    ess_store_set_error (self, error, rc, _("reading the scenarios"));
  sqlite3_reset (stmt);

  if (scenario == NULL || !read_children (self, scenario, error))
    return NULL;
  return g_steal_pointer (&scenario);
}

static gboolean
add_scenario_history (EssStore    *self,
                      gint64       id,
                      const char  *action,
                      const char  *comment,
                      GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self,
                                          "INSERT INTO history (scenario_id, at, author, action, comment) "
                                          "VALUES (?1, " ESS_STORE_NOW_SQL ", ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  ess_store_bind_text (stmt, 2, ess_store_get_author (self));
  ess_store_bind_text (stmt, 3, action);
  ess_store_bind_text (stmt, 4, comment);
  return ess_store_step_done (self, stmt, error);
}

static gboolean
write_children (EssStore           *self,
                gint64              id,
                const EssScenario  *scenario,
                GError            **error)
{
  static const char * const deletes[] = {
    "DELETE FROM scenario_lines WHERE scenario_id = ?1",
    "DELETE FROM scenario_assumptions WHERE scenario_id = ?1",
    "DELETE FROM scenario_hypotheses WHERE scenario_id = ?1",
    "DELETE FROM scenario_reach WHERE scenario_id = ?1",
    "DELETE FROM scenario_territory_reach WHERE scenario_id = ?1",
    "DELETE FROM scenario_portfolio WHERE scenario_id = ?1",
  };
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      stmt = ess_store_prepare (self, deletes[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint l = 0; l < scenario->lines->len; l++)
    {
      const EssScenarioLine *line = g_ptr_array_index (scenario->lines, l);

      stmt = ess_store_prepare (self,
                                "INSERT INTO scenario_lines (scenario_id, position, label, nature, hypothesis) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) l);
      ess_store_bind_text (stmt, 3, line->label);
      ess_store_bind_text (stmt, 4, ess_line_nature_to_id (line->nature));
      ess_store_bind_text (stmt, 5, line->hypothesis ? line->hypothesis : "");
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;

      for (guint y = 0; y < line->amounts->len; y++)
        {
          const EssLineAmount *amount = &g_array_index (line->amounts, EssLineAmount, y);

          stmt = ess_store_prepare (self,
                                    "INSERT INTO scenario_line_amounts (scenario_id, position, year, "
                                    "metropole_cents, cofunders_cents) VALUES (?1, ?2, ?3, ?4, ?5)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, (int) l);
          sqlite3_bind_int (stmt, 3, scenario->first_year + (int) y);
          sqlite3_bind_int64 (stmt, 4, amount->metropole);
          sqlite3_bind_int64 (stmt, 5, amount->cofunders);
          if (!ess_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  for (guint y = 0; y < scenario->years->len; y++)
    {
      const EssScenarioYear *year = &g_array_index (scenario->years, EssScenarioYear, y);

      for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
        {
          stmt = ess_store_prepare (self,
                                    "INSERT INTO scenario_assumptions (scenario_id, year, key, value) "
                                    "VALUES (?1, ?2, ?3, ?4)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, scenario->first_year + (int) y);
          ess_store_bind_text (stmt, 3, ess_assumption_info (a)->id);
          sqlite3_bind_int64 (stmt, 4, year->assumptions[a]);
          if (!ess_store_step_done (self, stmt, error))
            return FALSE;
        }
      for (guint c = 0; c < ESS_N_SIZE_CLASSES; c++)
        {
          stmt = ess_store_prepare (self,
                                    "INSERT INTO scenario_reach (scenario_id, year, class, projects, amount_cents, "
                                    "communes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, scenario->first_year + (int) y);
          ess_store_bind_text (stmt, 3, ess_size_class_id (c));
          sqlite3_bind_int64 (stmt, 4, year->reach[c].projects);
          sqlite3_bind_int64 (stmt, 5, year->reach[c].cents);
          sqlite3_bind_int64 (stmt, 6, year->reach[c].communes);
          if (!ess_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  for (guint a = 0; a < ESS_N_ASSUMPTIONS; a++)
    {
      if (scenario->hypotheses[a] == NULL || *scenario->hypotheses[a] == '\0')
        continue;
      stmt = ess_store_prepare (self,
                                "INSERT INTO scenario_hypotheses (scenario_id, key, text) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      ess_store_bind_text (stmt, 2, ess_assumption_info (a)->id);
      ess_store_bind_text (stmt, 3, scenario->hypotheses[a]);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < scenario->territory_reach->len; i++)
    {
      const EssTerritoryReach *reach = &g_array_index (scenario->territory_reach, EssTerritoryReach, i);

      stmt = ess_store_prepare (self,
                                "INSERT INTO scenario_territory_reach (scenario_id, year, territory_id, projects, "
                                "amount_cents) VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, reach->year);
      sqlite3_bind_int64 (stmt, 3, reach->territory_id);
      sqlite3_bind_int64 (stmt, 4, reach->projects);
      sqlite3_bind_int64 (stmt, 5, reach->cents);
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, scenario->treatments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      stmt = ess_store_prepare (self,
                                "INSERT INTO scenario_portfolio (scenario_id, dossier_id, treatment) "
                                "VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) key);
      ess_store_bind_text (stmt, 3, ess_treatment_to_id (GPOINTER_TO_INT (value)));
      if (!ess_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
name_taken (EssStore    *self,
            const char  *name,
            gint64       id,
            GError     **error)
{
  sqlite3_stmt *stmt = ess_store_prepare (self, "SELECT 1 FROM scenarios WHERE name = ?1 AND id <> ?2", error);
  gboolean taken;

  if (stmt == NULL)
    return TRUE;
  ess_store_bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                 _("A scenario named “%s” already exists: choose another name."), name);
  return taken;
}

/* Inside a transaction; @trace writes the history (not for the seed,
 * which is reference data). */
static gint64
save_scenario (EssStore           *self,
               const EssScenario  *scenario,
               gboolean            trace,
               gboolean           *changed,
               GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 id = scenario->id;

  *changed = TRUE;
  if (name_taken (self, scenario->name, id, error))
    return 0;

  if (id == 0)
    {
      stmt = ess_store_prepare (self,
                                "INSERT INTO scenarios (name, kind, first_year, last_year, description, arguments_for, "
                                "arguments_against, portfolio_default, reach_hypothesis, position) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                "(SELECT coalesce (max (position), -1) + 1 FROM scenarios)) RETURNING id", error);
    }
  else
    {
      g_autoptr(EssScenario) before = ess_store_load_scenario (self, id, error);
      g_autoptr(GPtrArray) changes = NULL;

      if (before == NULL)
        return 0;
      changes = ess_scenario_describe_changes (before, scenario);
      if (changes->len == 0 && ess_scenario_equal (before, scenario))
        {
          *changed = FALSE;
          return id;
        }
      for (guint i = 0; i < changes->len; i++)
        if (!add_scenario_history (self, id, "scenario-changed", g_ptr_array_index (changes, i), error))
          return 0;
      if (changes->len == 0 && !add_scenario_history (self, id, "scenario-changed", _("Hypotheses changed"), error))
        return 0;

      stmt = ess_store_prepare (self,
                                "UPDATE scenarios SET name = ?1, kind = ?2, first_year = ?3, last_year = ?4, "
                                "description = ?5, arguments_for = ?6, arguments_against = ?7, "
                                "portfolio_default = ?8, reach_hypothesis = ?9, "
                                "updated_at = " ESS_STORE_NOW_SQL " WHERE id = ?10 RETURNING id", error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 10, id);
    }
  if (stmt == NULL)
    return 0;

  ess_store_bind_text (stmt, 1, scenario->name);
  ess_store_bind_text (stmt, 2, ess_scenario_kind_to_id (scenario->kind));
  sqlite3_bind_int (stmt, 3, scenario->first_year);
  sqlite3_bind_int (stmt, 4, scenario->last_year);
  ess_store_bind_text (stmt, 5, scenario->description ? scenario->description : "");
  ess_store_bind_text (stmt, 6, scenario->arguments_for ? scenario->arguments_for : "");
  ess_store_bind_text (stmt, 7, scenario->arguments_against ? scenario->arguments_against : "");
  ess_store_bind_text (stmt, 8, ess_treatment_to_id (scenario->portfolio_default));
  ess_store_bind_text (stmt, 9, scenario->reach_hypothesis ? scenario->reach_hypothesis : "");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ess_store_set_error (self, error, sqlite3_errcode (ess_store_get_db (self)), _("saving the scenario"));
      sqlite3_reset (stmt);
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  /* RETURNING rows are produced before the write is complete. */
  if (!ess_store_step_done (self, stmt, error))
    return 0;

  if (scenario->id == 0 && trace)
    {
      g_autofree char *comment = g_strdup_printf (_("Scenario “%s” created"), scenario->name);
      if (!add_scenario_history (self, id, "scenario-created", comment, error))
        return 0;
    }

  if (!write_children (self, id, scenario, error))
    return 0;
  return id;
}

gint64
ess_store_save_scenario (EssStore           *self,
                         const EssScenario  *scenario,
                         GError            **error)
{
  gboolean changed = FALSE;
  gint64 id;

  g_return_val_if_fail (ESS_IS_STORE (self), 0);

  if (!ess_scenario_validate (scenario, error))
    return 0;
  if (!ess_store_begin (self, error))
    return 0;

  id = save_scenario (self, scenario, TRUE, &changed, error);
  if (id != 0 && !changed)
    {
      ess_store_rollback (self);
      return id;
    }
  if (!ess_store_end_write (self, id != 0, "scenarios", error))
    return 0;
  return id;
}

gboolean
ess_store_delete_scenario (EssStore  *self,
                           gint64     id,
                           GError   **error)
{
  g_autoptr(EssScenario) scenario = NULL;
  g_autofree char *comment = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!ess_store_begin (self, error))
    return FALSE;

  scenario = ess_store_load_scenario (self, id, error);
  if (scenario == NULL)
    {
      ess_store_rollback (self);
      return FALSE;
    }

  comment = g_strdup_printf (_("Scenario “%s” deleted"), scenario->name);
  stmt = ess_store_prepare (self, "DELETE FROM scenarios WHERE id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = ess_store_step_done (self, stmt, error);
    }
  /* Written after the delete: the event outlives the scenario with a NULL id. */
  ok = ok && add_scenario_history (self, 0, "scenario-deleted", comment, error);
  return ess_store_end_write (self, ok, "scenarios", error);
}

GPtrArray *
ess_store_scenario_history (EssStore  *self,
                            gint64     id,
                            GError   **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_history_event_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT id, at, author, action, comment FROM history "
                            "WHERE scenario_id = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssHistoryEvent *event = g_new0 (EssHistoryEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = g_strdup (ess_store_column_text (stmt, 1));
      event->author = g_strdup (ess_store_column_text (stmt, 2));
      event->action = g_strdup (ess_store_column_text (stmt, 3));
      event->comment = g_strdup (ess_store_column_text (stmt, 4));
      g_ptr_array_add (events, event);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&events);
}

static int
year_of (const char *iso,
         int         fallback)
{
  if (iso == NULL || strlen (iso) < 4)
    return fallback;
  return (int) g_ascii_strtoll (iso, NULL, 10);
}

GPtrArray *
ess_store_scenario_portfolio (EssStore  *self,
                              GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_portfolio_item_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self,
                            "SELECT d.id, d.reference, d.title, "
                            "  CASE WHEN d.granted_cents > 0 THEN d.granted_cents ELSE d.proposed_cents END, "
                            "  coalesce ((SELECT sum (p.amount_cents) FROM payments p "
                            "             WHERE p.dossier_id = d.id AND p.paid_on IS NOT NULL), 0), "
                            "  d.year, d.start_on, d.end_on "
                            "FROM dossiers d "
                            "WHERE d.scheme_code = 'APT' AND d.deleted_at IS NULL "
                            "  AND d.status NOT IN ('refused', 'withdrawn', 'closed') "
                            "ORDER BY d.reference", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 5);
      const char *start = (const char *) sqlite3_column_text (stmt, 6);
      const char *end = (const char *) sqlite3_column_text (stmt, 7);
      int first = year_of (start, year);

      g_ptr_array_add (items, ess_portfolio_item_new (sqlite3_column_int64 (stmt, 0),
                                                      ess_store_column_text (stmt, 1),
                                                      ess_store_column_text (stmt, 2),
                                                      sqlite3_column_int64 (stmt, 3),
                                                      sqlite3_column_int64 (stmt, 4),
                                                      first, year_of (end, first)));
    }
  if (!step_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&items);
}

gboolean
ess_store_population (EssStore       *self,
                      EssPopulation  *out,
                      GError        **error)
{
  g_autoptr(GArray) communes = g_array_new (FALSE, TRUE, sizeof (EssCommuneInfo));
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self, "SELECT population, coalesce (territory_id, 0) FROM communes", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EssCommuneInfo info = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (communes, info);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  ess_population_compute ((const EssCommuneInfo *) communes->data, communes->len, out, NULL);
  return TRUE;
}

GHashTable *
ess_store_territory_names (EssStore  *self,
                           GError   **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ess_store_prepare (self, "SELECT id, name FROM territories ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), g_strdup (ess_store_column_text (stmt, 1)));
    }
  if (!step_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&names);
}

gboolean
ess_store_seed_scenarios (EssStore  *self,
                          GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) territories = NULL;
  gboolean ok = TRUE;

  bytes = g_resource_lookup_data (ess_get_resource (), RESOURCE_PREFIX "/data/scenarios.ini", 0, error);
  if (bytes == NULL)
    return FALSE;
  scenarios = ess_scenarios_from_keyfile (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error);
  if (scenarios == NULL)
    {
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                   _("Could not load the reference data: %s"), local_error->message);
      return FALSE;
    }

  territories = ess_store_territory_names (self, error);
  if (territories == NULL)
    return FALSE;

  if (!ess_store_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < scenarios->len; i++)
    {
      EssScenario *scenario = g_ptr_array_index (scenarios, i);
      gboolean changed;

      /* An older database may have renumbered or removed territories. */
      for (guint t = scenario->territory_reach->len; t > 0; t--)
        if (!g_hash_table_contains (territories,
                                    &g_array_index (scenario->territory_reach, EssTerritoryReach, t - 1).territory_id))
          g_array_remove_index (scenario->territory_reach, t - 1);

      ok = save_scenario (self, scenario, FALSE, &changed, &local_error) != 0;
    }
  if (!ok)
    {
      ess_store_rollback (self);
      g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_REFERENCE_DATA,
                   _("Could not load the reference data: %s"), local_error->message);
      return FALSE;
    }
  return ess_store_commit (self, error);
}

/* Scenarios in exchange files. */

EssScenarioRecord *
ess_scenario_record_new (EssScenario *scenario)
{
  EssScenarioRecord *record = g_new0 (EssScenarioRecord, 1);

  record->scenario = scenario;
  record->references = g_ptr_array_new_with_free_func (g_free);
  record->treatments = g_array_new (FALSE, FALSE, sizeof (EssTreatment));
  return record;
}

void
ess_scenario_record_free (EssScenarioRecord *record)
{
  if (record == NULL)
    return;
  ess_scenario_free (record->scenario);
  g_ptr_array_unref (record->references);
  g_array_unref (record->treatments);
  g_free (record);
}

/* The index of @reference in the sorted references, or where it goes. */
static guint
record_position (const EssScenarioRecord *record,
                 const char              *reference,
                 gboolean                *found)
{
  guint low = 0;
  guint high = record->references->len;

  *found = FALSE;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int order = strcmp (g_ptr_array_index (record->references, middle), reference);

      if (order == 0)
        {
          *found = TRUE;
          return middle;
        }
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

void
ess_scenario_record_set_treatment (EssScenarioRecord *record,
                                   const char        *reference,
                                   EssTreatment       treatment)
{
  gboolean found;
  guint index = record_position (record, reference, &found);

  if (found)
    {
      g_array_index (record->treatments, EssTreatment, index) = treatment;
      return;
    }
  g_ptr_array_insert (record->references, (gint) index, g_strdup (reference));
  g_array_insert_val (record->treatments, index, treatment);
}

gboolean
ess_scenario_record_get_treatment (const EssScenarioRecord *record,
                                   const char              *reference,
                                   EssTreatment            *out)
{
  gboolean found;
  guint index = record_position (record, reference, &found);

  if (found && out != NULL)
    *out = g_array_index (record->treatments, EssTreatment, index);
  return found;
}

gint64
ess_store_find_scenario (EssStore    *self,
                         const char  *name,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (ESS_IS_STORE (self), -1);

  stmt = ess_store_prepare (self, "SELECT id FROM scenarios WHERE name = ?1", error);
  if (stmt == NULL)
    return -1;
  ess_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return -1;
  return id;
}

/* “Name (2)”, “Name (3)”… the first name no scenario has. */
static char *
free_name (EssStore    *self,
           const char  *name,
           GError     **error)
{
  for (guint n = 2; n < 10000; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s (%u)", name, n);
      gint64 id = ess_store_find_scenario (self, candidate, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        return g_steal_pointer (&candidate);
    }
  g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
               _("No free name for a copy of the scenario “%s”."), name);
  return NULL;
}

gboolean
ess_store_import_scenario_records (EssStore              *self,
                                   GPtrArray             *records,
                                   const EssImportAction *actions,
                                   GHashTable            *carried,
                                   const char            *source,
                                   guint                 *n_written,
                                   GError               **error)
{
  g_autoptr(GHashTable) carried_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;

  *n_written = 0;

  /* The dossiers the file carries, by their id in the database. */
  g_hash_table_iter_init (&iter, carried);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 id = ess_store_find_dossier (self, value, NULL);

      if (id > 0)
        g_hash_table_add (carried_ids, g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < records->len; i++)
    {
      const EssScenarioRecord *record = g_ptr_array_index (records, i);
      g_autoptr(EssScenario) scenario = ess_scenario_copy (record->scenario);
      g_autofree char *comment = NULL;
      EssImportAction action = actions != NULL ? actions[i] : ESS_IMPORT_SKIP;
      gint64 existing;
      gboolean changed = FALSE;
      gint64 id;

      existing = ess_store_find_scenario (self, record->scenario->name, error);
      if (existing < 0)
        return FALSE;
      if (existing == 0)
        action = ESS_IMPORT_CREATE;
      else if (action == ESS_IMPORT_CREATE)
        action = ESS_IMPORT_SKIP;

      scenario->id = 0;
      g_hash_table_remove_all (scenario->treatments);
      switch (action)
        {
        case ESS_IMPORT_SKIP:
          continue;

        case ESS_IMPORT_UPDATE:
          {
            g_autoptr(EssScenario) before = ess_store_load_scenario (self, existing, error);
            gpointer key;

            if (before == NULL)
              return FALSE;
            scenario->id = existing;
            /* What the file says nothing about stays as it was. */
            g_hash_table_iter_init (&iter, before->treatments);
            while (g_hash_table_iter_next (&iter, &key, &value))
              if (!g_hash_table_contains (carried_ids, key))
                ess_scenario_set_treatment (scenario, *(gint64 *) key, GPOINTER_TO_INT (value));
            comment = g_strdup_printf (_("Updated from %s."), source);
          }
          break;

        case ESS_IMPORT_RENAME:
          g_free (scenario->name);
          scenario->name = free_name (self, record->scenario->name, error);
          if (scenario->name == NULL)
            return FALSE;
          comment = g_strdup_printf (_("Imported from %s as a new scenario (“%s” in the file)."),
                                     source, record->scenario->name);
          break;

        case ESS_IMPORT_CREATE:
        default:
          comment = g_strdup_printf (_("Imported from %s."), source);
          break;
        }

      for (guint t = 0; t < record->references->len; t++)
        {
          const char *reference = g_ptr_array_index (record->references, t);
          const char *now = g_hash_table_lookup (carried, reference);
          g_autoptr(GError) local_error = NULL;
          gint64 dossier_id = ess_store_find_dossier (self, now != NULL ? now : reference, &local_error);

          if (dossier_id <= 0)
            {
              if (g_error_matches (local_error, ESS_STORE_ERROR, ESS_STORE_ERROR_NOT_FOUND))
                g_set_error (error, ESS_STORE_ERROR, ESS_STORE_ERROR_INVALID,
                             _("Scenario “%s”: the dossier %s it treats is neither in the database nor in "
                               "the file."),
                             record->scenario->name, reference);
              else
                g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          ess_scenario_set_treatment (scenario, dossier_id,
                                      g_array_index (record->treatments, EssTreatment, t));
        }

      if (!ess_scenario_validate (scenario, error))
        return FALSE;
      id = save_scenario (self, scenario, TRUE, &changed, error);
      if (id == 0)
        return FALSE;
      if (changed && !add_scenario_history (self, id, "scenario-imported", comment, error))
        return FALSE;
      (*n_written)++;
    }

  return TRUE;
}
