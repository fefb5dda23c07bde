/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funding plan of a dossier: its structure edits, totals, checks and spreadsheet exchange. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-csv.h"
#include "ess-funding-plan.h"
#include "ess-money.h"

#define NBSP "\xc2\xa0"   /* U+00A0, inside French quotes */
#define BOM  "\xef\xbb\xbf"

/* A title longer than this is cut in the places of the findings. */
#define PLACE_TITLE_CHARS 40

G_DEFINE_QUARK (ess-funding-plan-error-quark, ess_funding_plan_error)

/* Memory. */

void
ess_funder_free (EssFunder *funder)
{
  if (funder == NULL)
    return;

  g_free (funder->name);
  g_free (funder->kind);
  g_free (funder);
}

void
ess_funding_action_free (EssFundingAction *action)
{
  if (action == NULL)
    return;

  g_free (action->axis);
  g_free (action->number);
  g_free (action->title);
  g_free (action->description);
  g_free (action->partners);
  g_free (action->amounts);
  g_free (action);
}

static const char *
str_or_empty (const char *text)
{
  return text ? text : "";
}

static guint
n_cells (const EssFundingPlan *plan)
{
  return plan->funders->len * plan->years->len;
}

EssFundingPlan *
ess_funding_plan_new (void)
{
  EssFundingPlan *plan = g_new0 (EssFundingPlan, 1);

  plan->funders = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_funder_free);
  plan->years = g_array_new (FALSE, FALSE, sizeof (int));
  plan->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_funding_action_free);
  /* The labels are the French words of a funding table: data, not interface. */
  plan->realisation_labels[0] = g_strdup ("Réalisation par le porteur");
  plan->realisation_labels[1] = g_strdup ("Réalisation par des opérateurs externes");
  plan->declared_funder = g_array_new (FALSE, TRUE, sizeof (gint64));
  plan->has_declared_funder = g_array_new (FALSE, TRUE, sizeof (gboolean));

  return plan;
}

void
ess_funding_plan_free (EssFundingPlan *plan)
{
  if (plan == NULL)
    return;

  g_ptr_array_unref (plan->funders);
  g_array_unref (plan->years);
  g_ptr_array_unref (plan->actions);
  g_free (plan->realisation_labels[0]);
  g_free (plan->realisation_labels[1]);
  g_array_unref (plan->declared_funder);
  g_array_unref (plan->has_declared_funder);
  g_free (plan);
}

static EssFundingAction *
action_copy (const EssFundingAction *action,
             guint                   cells)
{
  EssFundingAction *copy = g_new0 (EssFundingAction, 1);

  copy->axis = g_strdup (str_or_empty (action->axis));
  copy->number = g_strdup (str_or_empty (action->number));
  copy->title = g_strdup (str_or_empty (action->title));
  copy->description = g_strdup (str_or_empty (action->description));
  copy->partners = g_strdup (str_or_empty (action->partners));
  copy->amounts = cells > 0 ? g_memdup2 (action->amounts, cells * sizeof (gint64)) : NULL;
  copy->realisation[0] = action->realisation[0];
  copy->realisation[1] = action->realisation[1];
  copy->has_declared_total = action->has_declared_total;
  copy->declared_total = action->declared_total;

  return copy;
}

EssFundingPlan *
ess_funding_plan_copy (const EssFundingPlan *plan)
{
  EssFundingPlan *copy;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = ess_funding_plan_new ();
  for (guint f = 0; f < plan->funders->len; f++)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, f);
      EssFunder *dup = g_new0 (EssFunder, 1);

      dup->name = g_strdup (str_or_empty (funder->name));
      dup->kind = g_strdup (str_or_empty (funder->kind));
      g_ptr_array_add (copy->funders, dup);
    }
  g_array_append_vals (copy->years, plan->years->data, plan->years->len);
  for (guint a = 0; a < plan->actions->len; a++)
    g_ptr_array_add (copy->actions, action_copy (g_ptr_array_index (plan->actions, a), n_cells (plan)));

  for (guint i = 0; i < 2; i++)
    {
      g_free (copy->realisation_labels[i]);
      copy->realisation_labels[i] = g_strdup (str_or_empty (plan->realisation_labels[i]));
      copy->has_declared_realisation[i] = plan->has_declared_realisation[i];
      copy->declared_realisation[i] = plan->declared_realisation[i];
    }
  g_array_append_vals (copy->declared_funder, plan->declared_funder->data, plan->declared_funder->len);
  g_array_append_vals (copy->has_declared_funder, plan->has_declared_funder->data,
                       plan->has_declared_funder->len);
  copy->has_declared_overall = plan->has_declared_overall;
  copy->declared_overall = plan->declared_overall;

  return copy;
}

/* A declared total that is absent compares equal whatever its value. */
static gboolean
declared_equal (gboolean has_a,
                gint64   a,
                gboolean has_b,
                gint64   b)
{
  return has_a == has_b && (!has_a || a == b);
}

static gboolean
action_equal (const EssFundingAction *a,
              const EssFundingAction *b,
              guint                   cells)
{
  return g_str_equal (str_or_empty (a->axis), str_or_empty (b->axis)) &&
         g_str_equal (str_or_empty (a->number), str_or_empty (b->number)) &&
         g_str_equal (str_or_empty (a->title), str_or_empty (b->title)) &&
         g_str_equal (str_or_empty (a->description), str_or_empty (b->description)) &&
         g_str_equal (str_or_empty (a->partners), str_or_empty (b->partners)) &&
         (cells == 0 || memcmp (a->amounts, b->amounts, cells * sizeof (gint64)) == 0) &&
         a->realisation[0] == b->realisation[0] &&
         a->realisation[1] == b->realisation[1] &&
         declared_equal (a->has_declared_total, a->declared_total,
                         b->has_declared_total, b->declared_total);
}

gboolean
ess_funding_plan_equal (const EssFundingPlan *a,
                        const EssFundingPlan *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->funders->len != b->funders->len || a->years->len != b->years->len ||
      a->actions->len != b->actions->len)
    return FALSE;

  for (guint f = 0; f < a->funders->len; f++)
    {
      const EssFunder *fa = g_ptr_array_index (a->funders, f);
      const EssFunder *fb = g_ptr_array_index (b->funders, f);

      if (!g_str_equal (str_or_empty (fa->name), str_or_empty (fb->name)) ||
          !g_str_equal (str_or_empty (fa->kind), str_or_empty (fb->kind)) ||
          !declared_equal (g_array_index (a->has_declared_funder, gboolean, f),
                           g_array_index (a->declared_funder, gint64, f),
                           g_array_index (b->has_declared_funder, gboolean, f),
                           g_array_index (b->declared_funder, gint64, f)))
        return FALSE;
    }

  for (guint y = 0; y < a->years->len; y++)
    if (g_array_index (a->years, int, y) != g_array_index (b->years, int, y))
      return FALSE;

  for (guint i = 0; i < a->actions->len; i++)
    if (!action_equal (g_ptr_array_index (a->actions, i), g_ptr_array_index (b->actions, i), n_cells (a)))
      return FALSE;

  for (guint i = 0; i < 2; i++)
    if (!g_str_equal (str_or_empty (a->realisation_labels[i]), str_or_empty (b->realisation_labels[i])) ||
        !declared_equal (a->has_declared_realisation[i], a->declared_realisation[i],
                         b->has_declared_realisation[i], b->declared_realisation[i]))
      return FALSE;

  return declared_equal (a->has_declared_overall, a->declared_overall,
                         b->has_declared_overall, b->declared_overall);
}

gboolean
ess_funding_plan_is_empty (const EssFundingPlan *plan)
{
  g_return_val_if_fail (plan != NULL, TRUE);

  return plan->funders->len == 0 && plan->actions->len == 0 &&
         !plan->has_declared_realisation[0] && !plan->has_declared_realisation[1] &&
         !plan->has_declared_overall;
}

/* Structure edits. Amounts are funder-major: the block of a funder is
 * n_years cells wide. */

guint
ess_funding_plan_add_funder (EssFundingPlan *plan,
                             const char     *name,
                             const char     *kind)
{
  EssFunder *funder;
  guint n_years, old_cells, new_cells;
  gint64 zero = 0;
  gboolean no = FALSE;

  g_return_val_if_fail (plan != NULL, 0);

  n_years = plan->years->len;
  old_cells = n_cells (plan);
  new_cells = old_cells + n_years;

  for (guint a = 0; a < plan->actions->len; a++)
    {
      EssFundingAction *action = g_ptr_array_index (plan->actions, a);

      if (new_cells == old_cells)
        continue;
      action->amounts = g_renew (gint64, action->amounts, new_cells);
      memset (action->amounts + old_cells, 0, n_years * sizeof (gint64));
    }

  funder = g_new0 (EssFunder, 1);
  funder->name = g_strdup (str_or_empty (name));
  funder->kind = g_strdup (kind ? kind : "autre");
  g_ptr_array_add (plan->funders, funder);
  g_array_append_val (plan->declared_funder, zero);
  g_array_append_val (plan->has_declared_funder, no);

  return plan->funders->len - 1;
}

void
ess_funding_plan_remove_funder (EssFundingPlan *plan,
                                guint           funder)
{
  guint n_years, old_cells;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (funder < plan->funders->len);

  n_years = plan->years->len;
  old_cells = n_cells (plan);

  for (guint a = 0; a < plan->actions->len && n_years > 0; a++)
    {
      EssFundingAction *action = g_ptr_array_index (plan->actions, a);

      memmove (action->amounts + funder * n_years,
               action->amounts + (funder + 1) * n_years,
               (old_cells - (funder + 1) * n_years) * sizeof (gint64));
      if (old_cells - n_years == 0)
        g_clear_pointer (&action->amounts, g_free);
      else
        action->amounts = g_renew (gint64, action->amounts, old_cells - n_years);
    }

  g_ptr_array_remove_index (plan->funders, funder);
  g_array_remove_index (plan->declared_funder, funder);
  g_array_remove_index (plan->has_declared_funder, funder);
}

/* Rebuilds the amounts of every action for a new list of years: @map[y]
 * is the old index of new year y, or -1 for a new (zero) year. */
static void
remap_years (EssFundingPlan *plan,
             const int      *map,
             guint           new_n_years)
{
  guint n_funders = plan->funders->len;
  guint old_n_years = plan->years->len;

  for (guint a = 0; a < plan->actions->len; a++)
    {
      EssFundingAction *action = g_ptr_array_index (plan->actions, a);
      gint64 *amounts = n_funders * new_n_years > 0 ? g_new0 (gint64, n_funders * new_n_years) : NULL;

      for (guint f = 0; f < n_funders; f++)
        for (guint y = 0; y < new_n_years; y++)
          if (map[y] >= 0)
            amounts[f * new_n_years + y] = action->amounts[f * old_n_years + (guint) map[y]];

      g_free (action->amounts);
      action->amounts = amounts;
    }
}

void
ess_funding_plan_add_year (EssFundingPlan *plan,
                           int             year)
{
  g_autofree int *map = NULL;
  guint n_years, at;

  g_return_if_fail (plan != NULL);

  n_years = plan->years->len;
  for (at = 0; at < n_years; at++)
    {
      int existing = g_array_index (plan->years, int, at);

      if (existing == year)
        return;
      if (existing > year)
        break;
    }

  map = g_new (int, n_years + 1);
  for (guint y = 0; y < n_years + 1; y++)
    map[y] = y < at ? (int) y : (y == at ? -1 : (int) y - 1);

  remap_years (plan, map, n_years + 1);
  g_array_insert_val (plan->years, at, year);
}

void
ess_funding_plan_remove_year (EssFundingPlan *plan,
                              guint           year_index)
{
  g_autofree int *map = NULL;
  guint n_years;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (year_index < plan->years->len);

  n_years = plan->years->len;
  map = g_new (int, n_years);
  for (guint y = 0; y + 1 < n_years; y++)
    map[y] = y < year_index ? (int) y : (int) y + 1;

  remap_years (plan, map, n_years - 1);
  g_array_remove_index (plan->years, year_index);
}

EssFundingAction *
ess_funding_plan_insert_action (EssFundingPlan *plan,
                                guint           position)
{
  EssFundingAction *action;

  g_return_val_if_fail (plan != NULL, NULL);

  action = g_new0 (EssFundingAction, 1);
  action->axis = g_strdup ("");
  action->number = g_strdup ("");
  action->title = g_strdup ("");
  action->description = g_strdup ("");
  action->partners = g_strdup ("");
  action->amounts = n_cells (plan) > 0 ? g_new0 (gint64, n_cells (plan)) : NULL;

  if (position > plan->actions->len)
    position = plan->actions->len;
  g_ptr_array_insert (plan->actions, (gint) position, action);

  return action;
}

void
ess_funding_plan_remove_action (EssFundingPlan *plan,
                                guint           position)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (position < plan->actions->len);

  g_ptr_array_remove_index (plan->actions, position);
}

void
ess_funding_plan_move_action (EssFundingPlan *plan,
                              guint           from,
                              guint           to)
{
  gpointer action;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (from < plan->actions->len);
  g_return_if_fail (to < plan->actions->len);

  if (from == to)
    return;

  action = g_ptr_array_steal_index (plan->actions, from);
  g_ptr_array_insert (plan->actions, (gint) to, action);
}

gint64 *
ess_funding_plan_amount (EssFundingPlan *plan,
                         guint           action,
                         guint           funder,
                         guint           year_index)
{
  EssFundingAction *row;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (action < plan->actions->len, NULL);
  g_return_val_if_fail (funder < plan->funders->len, NULL);
  g_return_val_if_fail (year_index < plan->years->len, NULL);

  row = g_ptr_array_index (plan->actions, action);
  return &row->amounts[funder * plan->years->len + year_index];
}

/* Totals: every sum is checked; a FALSE result means "too large". */

static const EssFundingAction *
action_at (const EssFundingPlan *plan,
           guint                 index)
{
  return g_ptr_array_index (plan->actions, index);
}

gboolean
ess_funding_action_total (const EssFundingPlan *plan,
                          guint                 action,
                          gint64               *out)
{
  const EssFundingAction *row;
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && out != NULL, FALSE);
  g_return_val_if_fail (action < plan->actions->len, FALSE);

  row = action_at (plan, action);
  for (guint i = 0; i < n_cells (plan); i++)
    if (!ess_money_add (total, row->amounts[i], &total))
      return FALSE;

  *out = total;
  return TRUE;
}

gboolean
ess_funding_action_funder_total (const EssFundingPlan *plan,
                                 guint                 action,
                                 guint                 funder,
                                 gint64               *out)
{
  const EssFundingAction *row;
  guint n_years;
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && out != NULL, FALSE);
  g_return_val_if_fail (action < plan->actions->len, FALSE);
  g_return_val_if_fail (funder < plan->funders->len, FALSE);

  row = action_at (plan, action);
  n_years = plan->years->len;
  for (guint y = 0; y < n_years; y++)
    if (!ess_money_add (total, row->amounts[funder * n_years + y], &total))
      return FALSE;

  *out = total;
  return TRUE;
}

gboolean
ess_funding_funder_total (const EssFundingPlan *plan,
                          guint                 funder,
                          gint64               *out)
{
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && out != NULL, FALSE);
  g_return_val_if_fail (funder < plan->funders->len, FALSE);

  for (guint a = 0; a < plan->actions->len; a++)
    {
      gint64 part;

      if (!ess_funding_action_funder_total (plan, a, funder, &part) ||
          !ess_money_add (total, part, &total))
        return FALSE;
    }

  *out = total;
  return TRUE;
}

gboolean
ess_funding_year_total (const EssFundingPlan *plan,
                        guint                 year_index,
                        gint64               *out)
{
  guint n_years;
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && out != NULL, FALSE);
  g_return_val_if_fail (year_index < plan->years->len, FALSE);

  n_years = plan->years->len;
  for (guint a = 0; a < plan->actions->len; a++)
    for (guint f = 0; f < plan->funders->len; f++)
      if (!ess_money_add (total, action_at (plan, a)->amounts[f * n_years + year_index], &total))
        return FALSE;

  *out = total;
  return TRUE;
}

gboolean
ess_funding_realisation_total (const EssFundingPlan *plan,
                               guint                 which,
                               gint64               *out)
{
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && out != NULL, FALSE);
  g_return_val_if_fail (which < 2, FALSE);

  for (guint a = 0; a < plan->actions->len; a++)
    if (!ess_money_add (total, action_at (plan, a)->realisation[which], &total))
      return FALSE;

  *out = total;
  return TRUE;
}

gboolean
ess_funding_overall_total (const EssFundingPlan *plan,
                           gint64               *out)
{
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && out != NULL, FALSE);

  for (guint a = 0; a < plan->actions->len; a++)
    {
      gint64 row;

      if (!ess_funding_action_total (plan, a, &row) || !ess_money_add (total, row, &total))
        return FALSE;
    }

  *out = total;
  return TRUE;
}

gboolean
ess_funding_kind_total (const EssFundingPlan *plan,
                        const char           *kind,
                        gint64               *out)
{
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL && kind != NULL && out != NULL, FALSE);

  for (guint f = 0; f < plan->funders->len; f++)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, f);
      gint64 part;

      if (g_strcmp0 (funder->kind, kind) != 0)
        continue;
      if (!ess_funding_funder_total (plan, f, &part) || !ess_money_add (total, part, &total))
        return FALSE;
    }

  *out = total;
  return TRUE;
}

int
ess_funding_plan_metropole (const EssFundingPlan *plan)
{
  g_return_val_if_fail (plan != NULL, -1);

  for (guint f = 0; f < plan->funders->len; f++)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, f);

      if (g_strcmp0 (funder->kind, "metropole") == 0)
        return (int) f;
    }

  return -1;
}

/* Places and messages. */

static char *
short_title (const char *title)
{
  g_autofree char *head = NULL;
  char *space;

  if (g_utf8_strlen (title, -1) <= PLACE_TITLE_CHARS)
    return g_strdup (title);

  head = g_utf8_substring (title, 0, PLACE_TITLE_CHARS);
  /* Cut between words when there is a space in the second half. */
  space = strrchr (head, ' ');
  if (space != NULL && g_utf8_strlen (head, space - head) > PLACE_TITLE_CHARS / 2)
    *space = '\0';

  return g_strconcat (g_strchomp (head), "…", NULL);
}

char *
ess_funding_plan_action_place (const EssFundingPlan *plan,
                               guint                 action)
{
  const EssFundingAction *row;
  g_autoptr(GPtrArray) axes = g_ptr_array_new ();
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  guint axis_rank = 0;
  guint rank_in_axis = 0;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (action < plan->actions->len, NULL);

  row = action_at (plan, action);
  for (guint a = 0; a <= action; a++)
    {
      const char *axis = str_or_empty (action_at (plan, a)->axis);
      gboolean seen = FALSE;

      if (*axis == '\0')
        continue;
      for (guint i = 0; i < axes->len; i++)
        if (g_str_equal (g_ptr_array_index (axes, i), axis))
          {
            seen = TRUE;
            if (g_str_equal (axis, str_or_empty (row->axis)))
              axis_rank = i + 1;
          }
      if (!seen)
        {
          g_ptr_array_add (axes, (gpointer) axis);
          if (g_str_equal (axis, str_or_empty (row->axis)))
            axis_rank = axes->len;
        }
      if (g_str_equal (axis, str_or_empty (row->axis)))
        rank_in_axis++;
    }

  if (axis_rank > 0 && *str_or_empty (row->number) != '\0')
    id = g_strdup_printf ("%u.%s", axis_rank, row->number);
  else if (axis_rank > 0)
    id = g_strdup_printf ("%u.%u", axis_rank, rank_in_axis);
  else if (*str_or_empty (row->number) != '\0')
    id = g_strdup (row->number);
  else
    id = g_strdup_printf ("%u", action + 1);

  if (*str_or_empty (row->title) == '\0')
    /* TRANSLATORS: the place of a finding: an action (row) of the funding plan, "Action 1.3" */
    return g_strdup_printf (_("Action %s"), id);

  title = short_title (row->title);
  /* TRANSLATORS: the place of a finding: an action of the funding plan and its title,
   * "Action 1.3 “Initier un projet de PTCE”"; use your language's quotes */
  return g_strdup_printf (_("Action %s “%s”"), id, title);
}

static char *
column_place (const char *name)
{
  /* TRANSLATORS: the place of a finding: a column of the funding plan, "Column Ville de Lille" */
  return g_strdup_printf (_("Column %s"), name);
}

/* The absolute difference of @a and @b, formatted; a message rather than
 * a wrong figure when it does not fit in 64 bits. */
static char *
difference_text (gint64 a,
                 gint64 b)
{
  gint64 diff;

  if (!ess_money_sub (a, b, &diff) || diff == G_MININT64)
    return g_strdup (_("too large to compute"));

  return ess_money_format (diff < 0 ? -diff : diff);
}

static void
add_finding (GPtrArray   *findings,
             EssSeverity  severity,
             const char  *code,
             const char  *place,
             int          row,
             int          column,
             const char  *message)
{
  g_ptr_array_add (findings, ess_finding_new (severity, code, place, row, column, message));
}

static void
add_overflow (GPtrArray  *findings,
              const char *place,
              int         row,
              int         column)
{
  add_finding (findings, ESS_SEVERITY_ERROR, "overflow", place, row, column,
               _("the sum of the amounts is too large to be computed"));
}

/* "declared total X ≠ sum of the rows Y (difference Z)" */
static void
check_declared_sum (GPtrArray   *findings,
                    const char  *code,
                    const char  *place,
                    int          column,
                    gint64       declared,
                    gint64       computed)
{
  g_autofree char *declared_text = NULL;
  g_autofree char *computed_text = NULL;
  g_autofree char *diff_text = NULL;
  g_autofree char *message = NULL;

  if (declared == computed)
    return;

  declared_text = ess_money_format (declared);
  computed_text = ess_money_format (computed);
  diff_text = difference_text (declared, computed);
  /* TRANSLATORS: a total printed by the applicant (a funder's column, a realisation
   * column or the whole table) against the sum of the rows; the three are amounts */
  message = g_strdup_printf (_("declared total %s ≠ sum of the rows %s (difference %s)"),
                             declared_text, computed_text, diff_text);
  add_finding (findings, ESS_SEVERITY_ERROR, code, place, -1, column, message);
}

static void
check_rows (const EssFundingPlan *plan,
            GPtrArray            *findings)
{
  gboolean uses_split = plan->has_declared_realisation[0] || plan->has_declared_realisation[1];

  /* A plan that does not split who carries out the spending (every
   * realisation cell is 0) is not checked row by row against it. */
  for (guint a = 0; a < plan->actions->len && !uses_split; a++)
    uses_split = action_at (plan, a)->realisation[0] != 0 || action_at (plan, a)->realisation[1] != 0;

  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *row = action_at (plan, a);
      g_autofree char *place = ess_funding_plan_action_place (plan, a);
      gint64 total, realised;

      if (!ess_funding_action_total (plan, a, &total))
        {
          add_overflow (findings, place, (int) a, ESS_FINDING_COLUMN_TOTAL);
          continue;
        }

      if (uses_split)
        {
          if (!ess_money_add (row->realisation[0], row->realisation[1], &realised))
            add_overflow (findings, place, (int) a, ESS_FINDING_COLUMN_REALISATION);
          else if (realised != total)
            {
              g_autofree char *total_text = ess_money_format (total);
              g_autofree char *realised_text = ess_money_format (realised);
              g_autofree char *diff_text = difference_text (total, realised);
              g_autofree char *message = NULL;

              /* TRANSLATORS: one row of the funding plan: the sum of its funders against the
               * sum of its realisation split (who carries out the spending); three amounts */
              message = g_strdup_printf (_("funders %s ≠ realisation %s (difference %s)"),
                                         total_text, realised_text, diff_text);
              add_finding (findings, ESS_SEVERITY_ERROR, "row-split", place, (int) a,
                           ESS_FINDING_COLUMN_REALISATION, message);
            }
        }

      if (row->has_declared_total && row->declared_total != total)
        {
          g_autofree char *declared_text = ess_money_format (row->declared_total);
          g_autofree char *total_text = ess_money_format (total);
          g_autofree char *diff_text = difference_text (row->declared_total, total);
          g_autofree char *message = NULL;

          /* TRANSLATORS: the TOTAL the applicant printed on a row against the sum of the row */
          message = g_strdup_printf (_("declared total %s ≠ computed total %s (difference %s)"),
                                     declared_text, total_text, diff_text);
          add_finding (findings, ESS_SEVERITY_ERROR, "declared-row", place, (int) a,
                       ESS_FINDING_COLUMN_TOTAL, message);
        }
    }
}

static void
check_declared_totals (const EssFundingPlan *plan,
                       GPtrArray            *findings)
{
  static const int realisation_columns[2] = {
    ESS_FINDING_COLUMN_REALISATION,
    ESS_FINDING_COLUMN_REALISATION_EXTERNAL,
  };

  for (guint f = 0; f < plan->funders->len; f++)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, f);
      g_autofree char *place = column_place (str_or_empty (funder->name));
      gint64 total;

      if (!g_array_index (plan->has_declared_funder, gboolean, f))
        continue;
      if (!ess_funding_funder_total (plan, f, &total))
        add_overflow (findings, place, -1, (int) f);
      else
        check_declared_sum (findings, "declared-funder", place, (int) f,
                            g_array_index (plan->declared_funder, gint64, f), total);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *place = column_place (str_or_empty (plan->realisation_labels[i]));
      gint64 total;

      if (!plan->has_declared_realisation[i])
        continue;
      if (!ess_funding_realisation_total (plan, i, &total))
        add_overflow (findings, place, -1, realisation_columns[i]);
      else
        check_declared_sum (findings, "declared-realisation", place, realisation_columns[i],
                            plan->declared_realisation[i], total);
    }

  if (plan->has_declared_overall)
    {
      /* TRANSLATORS: the place of a finding: the bottom-right cell of the funding plan */
      const char *place = _("Overall total");
      gint64 total;

      if (!ess_funding_overall_total (plan, &total))
        add_overflow (findings, place, -1, ESS_FINDING_COLUMN_TOTAL);
      else
        check_declared_sum (findings, "declared-total", place, ESS_FINDING_COLUMN_TOTAL,
                            plan->declared_overall, total);
    }
}

/* Whether @part / @whole is above @rate_bp / 10 000, exactly. */
static gboolean
above_rate (gint64 part,
            gint64 whole,
            int    rate_bp)
{
  gint64 lhs, rhs;

  if (ess_money_mul (part, 10000, &lhs) && ess_money_mul (whole, rate_bp, &rhs))
    return lhs > rhs;

  /* Sums beyond 9 * 10^14 euros: the rounded ratio is close enough. */
  return ess_percent_basis_points (part, whole) > rate_bp;
}

/* @which: 0 requested, 1 proposed, 2 granted. */
static char *
metropole_amount_message (guint       which,
                          const char *plan_text,
                          const char *amount_text,
                          const char *diff_text)
{
  switch (which)
    {
    case 0:
      /* TRANSLATORS: the Métropole total of the plan against the dossier's requested amount */
      return g_strdup_printf (_("Métropole total of the plan %s ≠ amount requested %s (difference %s)"),
                              plan_text, amount_text, diff_text);
    case 1:
      return g_strdup_printf (_("Métropole total of the plan %s ≠ amount proposed %s (difference %s)"),
                              plan_text, amount_text, diff_text);
    default:
      return g_strdup_printf (_("Métropole total of the plan %s ≠ amount granted %s (difference %s)"),
                              plan_text, amount_text, diff_text);
    }
}

static void
check_metropole (const EssFundingPlan    *plan,
                 const EssFundingContext *context,
                 GPtrArray               *findings)
{
  int metropole = ess_funding_plan_metropole (plan);
  const EssFunder *funder;
  g_autofree char *place = NULL;
  g_autofree char *metropole_text = NULL;
  gint64 metropole_total, overall = 0;
  guint stage;
  gint64 amount;

  if (context == NULL || plan->funders->len == 0)
    return;

  if (metropole >= 0)
    {
      funder = g_ptr_array_index (plan->funders, metropole);
      place = column_place (str_or_empty (funder->name));
    }
  else
    /* TRANSLATORS: the place of a finding: the whole funding plan (it has no Métropole column) */
    place = g_strdup (_("Funding plan"));

  if (!ess_funding_kind_total (plan, "metropole", &metropole_total) ||
      (metropole >= 0 && context->max_rate_bp >= 0 && !ess_funding_overall_total (plan, &overall)))
    {
      add_overflow (findings, place, -1, metropole);
      return;
    }
  metropole_text = ess_money_format (metropole_total);

  if (metropole >= 0 && context->max_rate_bp >= 0 && overall > 0 &&
      above_rate (metropole_total, overall, context->max_rate_bp))
    {
      g_autofree char *share = ess_percent_format (metropole_total, overall, 2);
      g_autofree char *maximum_rate = ess_percent_format (context->max_rate_bp, 10000, 0);
      g_autofree char *overall_text = ess_money_format (overall);
      g_autofree char *maximum_text = NULL;
      g_autofree char *excess_text = NULL;
      g_autofree char *message = NULL;
      gint64 maximum = 0;

      /* The largest Métropole amount within the rate, rounded down to the cent. */
      if (ess_money_mul (overall, context->max_rate_bp, &maximum))
        maximum /= 10000;
      else
        maximum = overall / 10000 * context->max_rate_bp;
      maximum_text = ess_money_format (maximum);
      excess_text = difference_text (metropole_total, maximum);

      /* TRANSLATORS: the Métropole's share of the plan above the scheme's maximum rate:
       * share (%), total of the plan, maximum rate (%), Métropole amount, maximum amount, excess */
      message = g_strdup_printf (_("Métropole share %s of the total %s is above the scheme's maximum of %s: "
                                   "Métropole %s, maximum %s (excess %s)"),
                                 share, overall_text, maximum_rate, metropole_text, maximum_text,
                                 excess_text);
      add_finding (findings, ESS_SEVERITY_ERROR, "metropole-rate", place, -1, metropole, message);
    }

  /* The plan is compared with the dossier's latest amount only: the
   * granted one once decided, the proposed one during the instruction, the
   * requested one before. Earlier amounts that differ are history, and
   * three findings for one equal amount would be noise. */
  if (context->has_granted && context->granted_cents > 0)
    stage = 2;
  else if (context->has_proposed && context->proposed_cents > 0)
    stage = 1;
  else if (context->requested_cents > 0)
    stage = 0;
  else
    return;
  amount = stage == 2 ? context->granted_cents : stage == 1 ? context->proposed_cents : context->requested_cents;

  if (amount != metropole_total)
    {
      static const char * const codes[] = { "metropole-requested", "metropole-proposed", "metropole-granted" };
      g_autofree char *amount_text = ess_money_format (amount);
      g_autofree char *diff_text = difference_text (metropole_total, amount);
      g_autofree char *message = metropole_amount_message (stage, metropole_text, amount_text, diff_text);

      add_finding (findings, ESS_SEVERITY_WARNING, codes[stage], place, -1, metropole, message);
    }
}

GPtrArray *
ess_funding_plan_check (const EssFundingPlan    *plan,
                        const EssFundingContext *context)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ess_finding_free);

  g_return_val_if_fail (plan != NULL, findings);

  check_rows (plan, findings);
  check_declared_totals (plan, findings);
  check_metropole (plan, context, findings);

  return findings;
}

EssFinding *
ess_envelope_check (const char *scheme,
                    int         year,
                    gint64      envelope_cents,
                    gint64      granted_cents)
{
  g_autofree char *place = NULL;
  g_autofree char *envelope_text = NULL;
  g_autofree char *granted_text = NULL;
  g_autofree char *consumption = NULL;
  g_autofree char *diff_text = NULL;
  g_autofree char *message = NULL;

  if (envelope_cents < 0)
    return NULL;

  /* TRANSLATORS: the place of a finding: the envelope of a scheme for a year, "Envelope APT 2013" */
  place = g_strdup_printf (_("Envelope %s %d"), scheme ? scheme : "", year);
  envelope_text = ess_money_format (envelope_cents);
  granted_text = ess_money_format (granted_cents);
  consumption = ess_percent_format (granted_cents, envelope_cents, 1);
  diff_text = difference_text (granted_cents, envelope_cents);

  if (granted_cents > envelope_cents)
    {
      /* TRANSLATORS: the amounts granted in a scheme and year above its envelope:
       * granted, envelope, excess, consumption (%) */
      message = g_strdup_printf (_("granted %s > envelope %s (over by %s, consumption %s)"),
                                 granted_text, envelope_text, diff_text, consumption);
      return ess_finding_new (ESS_SEVERITY_ERROR, "envelope", place, -1, -1, message);
    }

  /* TRANSLATORS: the amounts granted in a scheme and year within its envelope:
   * granted, envelope, consumption (%), remaining */
  message = g_strdup_printf (_("granted %s of an envelope of %s (consumption %s, remaining %s)"),
                             granted_text, envelope_text, consumption, diff_text);
  return ess_finding_new (ESS_SEVERITY_INFO, "envelope", place, -1, -1, message);
}

/* "2024-03-05" as "05/03/2024"; anything else as it is. */
static char *
french_date (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return g_strdup (iso ? iso : "");

  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

EssFinding *
ess_de_minimis_check (const char *applicant,
                      const char *grant_date,
                      gint64      rolling_cents,
                      gint64      ceiling_cents,
                      int         years)
{
  g_autofree char *place = NULL;
  g_autofree char *date = NULL;
  g_autofree char *rolling_text = NULL;
  g_autofree char *ceiling_text = NULL;
  g_autofree char *diff_text = NULL;
  g_autofree char *message = NULL;

  if (rolling_cents <= ceiling_cents)
    return NULL;

  /* TRANSLATORS: the place of a finding: the applicant (porteur) of the dossier */
  place = g_strdup_printf (_("Applicant %s"), applicant ? applicant : "");
  date = french_date (grant_date);
  rolling_text = ess_money_format (rolling_cents);
  ceiling_text = ess_money_format (ceiling_cents);
  diff_text = difference_text (rolling_cents, ceiling_cents);
  /* TRANSLATORS: the public aid of an applicant over the rolling years ending at the grant
   * date, above the de minimis ceiling: years, date, aid, ceiling, excess */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "aid over %d year up to %s: %s > de minimis ceiling %s (over by %s)",
                                          "aid over %d years up to %s: %s > de minimis ceiling %s (over by %s)",
                                          (gulong) years),
                             years, date, rolling_text, ceiling_text, diff_text);

  return ess_finding_new (ESS_SEVERITY_ERROR, "de-minimis", place, -1, -1, message);
}

/* Spreadsheet exchange. */

/* "15000,00": what a French spreadsheet reads as a number. */
static char *
spreadsheet_amount (gint64 cents)
{
  char *text = ess_money_format_decimal (cents);
  char *point = strchr (text, '.');

  if (point != NULL)
    *point = ',';
  return text;
}

static void
append_row (GString     *out,
            GPtrArray   *cells,
            char         separator)
{
  for (guint i = 0; i < cells->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      ess_csv_append_field (out, g_ptr_array_index (cells, i), separator);
    }
  g_string_append_c (out, '\n');
}

static void
add_amount_cell (GPtrArray *cells,
                 gboolean   ok,
                 gint64     cents)
{
  /* An overflowing total is left empty rather than wrong. */
  g_ptr_array_add (cells, ok ? spreadsheet_amount (cents) : g_strdup (""));
}

char *
ess_funding_plan_to_csv (const EssFundingPlan *plan,
                         char                  separator)
{
  GString *out;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint n_funders, n_years;
  gboolean any_declared;
  gboolean ok;
  gint64 total = 0;

  g_return_val_if_fail (plan != NULL, NULL);

  any_declared = plan->has_declared_realisation[0] || plan->has_declared_realisation[1];

  n_funders = plan->funders->len;
  n_years = plan->years->len;
  out = g_string_new (separator == '\t' ? NULL : BOM);

  /* The headings are the French words of the table, like the Cerfa labels. */
  g_ptr_array_add (cells, g_strdup ("Axe"));
  g_ptr_array_add (cells, g_strdup ("N°"));
  g_ptr_array_add (cells, g_strdup ("Action"));
  for (guint f = 0; f < n_funders; f++)
    for (guint y = 0; y < n_years; y++)
      g_ptr_array_add (cells, g_strdup_printf ("%s (%d)",
                                               str_or_empty (((EssFunder *) g_ptr_array_index (plan->funders, f))->name),
                                               g_array_index (plan->years, int, y)));
  g_ptr_array_add (cells, g_strdup (str_or_empty (plan->realisation_labels[0])));
  g_ptr_array_add (cells, g_strdup (str_or_empty (plan->realisation_labels[1])));
  g_ptr_array_add (cells, g_strdup ("Total"));
  g_ptr_array_add (cells, g_strdup ("Total déclaré"));
  append_row (out, cells, separator);

  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *row = action_at (plan, a);

      g_ptr_array_set_size (cells, 0);
      g_ptr_array_add (cells, g_strdup (str_or_empty (row->axis)));
      g_ptr_array_add (cells, g_strdup (str_or_empty (row->number)));
      g_ptr_array_add (cells, g_strdup (str_or_empty (row->title)));
      for (guint i = 0; i < n_funders * n_years; i++)
        add_amount_cell (cells, TRUE, row->amounts[i]);
      add_amount_cell (cells, TRUE, row->realisation[0]);
      add_amount_cell (cells, TRUE, row->realisation[1]);
      ok = ess_funding_action_total (plan, a, &total);
      add_amount_cell (cells, ok, total);
      if (row->has_declared_total)
        add_amount_cell (cells, TRUE, row->declared_total);
      else
        g_ptr_array_add (cells, g_strdup (""));
      append_row (out, cells, separator);
    }

  g_ptr_array_set_size (cells, 0);
  g_ptr_array_add (cells, g_strdup ("Total"));
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, g_strdup (""));
  for (guint f = 0; f < n_funders; f++)
    for (guint y = 0; y < n_years; y++)
      {
        ok = TRUE;
        total = 0;
        for (guint a = 0; a < plan->actions->len && ok; a++)
          ok = ess_money_add (total, action_at (plan, a)->amounts[f * n_years + y], &total);
        add_amount_cell (cells, ok, total);
      }
  for (guint i = 0; i < 2; i++)
    {
      ok = ess_funding_realisation_total (plan, i, &total);
      add_amount_cell (cells, ok, total);
    }
  ok = ess_funding_overall_total (plan, &total);
  add_amount_cell (cells, ok, total);
  if (plan->has_declared_overall)
    add_amount_cell (cells, TRUE, plan->declared_overall);
  else
    g_ptr_array_add (cells, g_strdup (""));
  append_row (out, cells, separator);

  for (guint f = 0; f < n_funders; f++)
    any_declared = any_declared || g_array_index (plan->has_declared_funder, gboolean, f);

  if (any_declared)
    {
      g_ptr_array_set_size (cells, 0);
      g_ptr_array_add (cells, g_strdup ("Total déclaré"));
      g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, g_strdup (""));
      for (guint f = 0; f < n_funders; f++)
        for (guint y = 0; y < n_years; y++)
          {
            if (y == 0 && g_array_index (plan->has_declared_funder, gboolean, f))
              add_amount_cell (cells, TRUE, g_array_index (plan->declared_funder, gint64, f));
            else
              g_ptr_array_add (cells, g_strdup (""));
          }
      for (guint i = 0; i < 2; i++)
        {
          if (plan->has_declared_realisation[i])
            add_amount_cell (cells, TRUE, plan->declared_realisation[i]);
          else
            g_ptr_array_add (cells, g_strdup (""));
        }
      g_ptr_array_add (cells, g_strdup (""));
      g_ptr_array_add (cells, g_strdup (""));
      append_row (out, cells, separator);
    }

  return g_string_free (out, FALSE);
}

static void
end_cell (GPtrArray *row,
          GString   *cell)
{
  g_ptr_array_add (row, g_strndup (cell->str, cell->len));
  g_string_truncate (cell, 0);
}

static void
end_row (GPtrArray *rows,
         GPtrArray *row)
{
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
}

GPtrArray *
ess_tsv_parse_block (const char  *text,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p;

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_ENCODING,
                           _("The pasted text is not valid UTF-8."));
      return NULL;
    }

  p = text;
  while (*p != '\0')
    {
      /* A cell that starts with a quote runs to the closing quote; a
       * doubled quote inside is one quote. */
      if (*p == '"')
        {
          const char *q = p + 1;
          gboolean closed = FALSE;

          g_string_truncate (cell, 0);
          while (*q != '\0')
            {
              if (*q == '"' && q[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  q += 2;
                }
              else if (*q == '"')
                {
                  closed = TRUE;
                  q++;
                  break;
                }
              else
                g_string_append_c (cell, *q++);
            }
          /* Not a quoted cell after all (a lone quote): keep the text as typed. */
          if (!closed)
            {
              g_string_assign (cell, "");
              while (*p != '\0' && *p != '\t' && *p != '\n')
                g_string_append_c (cell, *p++);
            }
          else
            p = q;
        }

      while (*p != '\0' && *p != '\t' && *p != '\n')
        g_string_append_c (cell, *p++);

      if (*p == '\t')
        {
          end_cell (row, cell);
          p++;
          continue;
        }

      if (cell->len > 0 && cell->str[cell->len - 1] == '\r')
        g_string_truncate (cell, cell->len - 1);
      end_cell (row, cell);
      end_row (rows, row);
      if (*p == '\n')
        p++;
    }

  /* A last row whose last cell is empty ends with a tab and no line break. */
  if (row->len > 0)
    {
      end_cell (row, cell);
      end_row (rows, row);
    }

  return g_steal_pointer (&rows);
}

guint
ess_funding_plan_paste_n_columns (const EssFundingPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return ESS_PLAN_PASTE_FIRST_AMOUNT + n_cells (plan) + 3;
}

char *
ess_funding_plan_paste_heading (const EssFundingPlan *plan,
                                guint                 column)
{
  /* The headings of annexe 2, French words of the table. */
  static const char * const text_headings[] = {
    "Axe", "N°", "Titre de l'action", "Description de l'action", "Partenaires de l'action",
  };
  guint cells;

  g_return_val_if_fail (plan != NULL, NULL);

  cells = n_cells (plan);
  if (column < ESS_PLAN_PASTE_FIRST_AMOUNT)
    return g_strdup (text_headings[column]);
  column -= ESS_PLAN_PASTE_FIRST_AMOUNT;
  if (column < cells)
    {
      const EssFunder *funder = g_ptr_array_index (plan->funders, column / plan->years->len);

      return g_strdup_printf ("%s %d", str_or_empty (funder->name),
                              g_array_index (plan->years, int, column % plan->years->len));
    }
  column -= cells;
  if (column < 2)
    return g_strdup (str_or_empty (plan->realisation_labels[column]));
  return g_strdup ("Total déclaré");
}

/* The amount of cell @text of the paste layout's column @column at table
 * row @row, with an error naming both. */
static gboolean
parse_cell_amount (const EssFundingPlan *plan,
                   guint                 row,
                   guint                 column,
                   const char           *text,
                   gint64               *out,
                   GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *heading = NULL;

  if (ess_money_parse (text, out, &local_error) && *out >= 0)
    return TRUE;

  heading = ess_funding_plan_paste_heading (plan, column);
  if (local_error == NULL)
    {
      g_autofree char *amount = ess_money_format (*out);

      /* TRANSLATORS: a pasted cell: row number, column heading, the negative amount */
      g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT,
                   _("Row %u, column “%s”: %s is negative: an amount of the plan is 0 or more"),
                   row + 1, heading, amount);
    }
  else
    /* TRANSLATORS: a pasted cell that is not an amount: row number, column heading, why */
    g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT,
                 _("Row %u, column “%s”: %s"), row + 1, heading, local_error->message);
  return FALSE;
}

static gboolean
negative_amount (int                    row,
                 const char            *column,
                 gint64                 cents,
                 GError               **error)
{
  g_autofree char *amount = NULL;

  if (cents >= 0)
    return FALSE;

  amount = ess_money_format (cents);
  if (row < 0)
    /* TRANSLATORS: a declared total of the plan below 0: the column, the amount */
    g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT,
                 _("Declared total of “%s”: %s is negative: an amount of the plan is 0 or more"),
                 column, amount);
  else
    g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_AMOUNT,
                 _("Row %u, column “%s”: %s is negative: an amount of the plan is 0 or more"),
                 (guint) row + 1, column, amount);
  return TRUE;
}

gboolean
ess_funding_plan_validate (const EssFundingPlan  *plan,
                           GError               **error)
{
  guint cells;

  g_return_val_if_fail (plan != NULL, FALSE);

  for (guint y = 0; y < plan->years->len; y++)
    {
      int year = g_array_index (plan->years, int, y);

      if (year < 1900 || year > 2200)
        {
          g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_YEAR,
                       _("The year %d is not between 1900 and 2200."), year);
          return FALSE;
        }
      if (y > 0 && year <= g_array_index (plan->years, int, y - 1))
        {
          /* TRANSLATORS: the years of a funding plan are its columns, each once, in order */
          g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_YEAR,
                       _("The year %d is not after the year before it in the funding plan."), year);
          return FALSE;
        }
    }

  cells = n_cells (plan);
  for (guint a = 0; a < plan->actions->len; a++)
    {
      const EssFundingAction *row = action_at (plan, a);

      for (guint c = 0; c < cells + 3; c++)
        {
          gint64 cents;
          g_autofree char *heading = NULL;

          if (c < cells)
            cents = row->amounts[c];
          else if (c < cells + 2)
            cents = row->realisation[c - cells];
          else
            cents = row->has_declared_total ? row->declared_total : 0;
          if (cents >= 0)
            continue;
          heading = ess_funding_plan_paste_heading (plan, ESS_PLAN_PASTE_FIRST_AMOUNT + c);
          negative_amount ((int) a, heading, cents, error);
          return FALSE;
        }
    }

  for (guint f = 0; f < plan->funders->len; f++)
    if (g_array_index (plan->has_declared_funder, gboolean, f) &&
        negative_amount (-1, str_or_empty (((EssFunder *) g_ptr_array_index (plan->funders, f))->name),
                         g_array_index (plan->declared_funder, gint64, f), error))
      return FALSE;
  for (guint i = 0; i < 2; i++)
    if (plan->has_declared_realisation[i] &&
        negative_amount (-1, str_or_empty (plan->realisation_labels[i]), plan->declared_realisation[i], error))
      return FALSE;
  /* TRANSLATORS: the bottom-right cell of the funding plan, in "Declared total of “%s”" */
  if (plan->has_declared_overall && negative_amount (-1, _("Total"), plan->declared_overall, error))
    return FALSE;

  return TRUE;
}

/* Whether @row has no cell @index, or only blanks there. */
static gboolean
cell_is_blank (char  **row,
               guint   index)
{
  for (guint i = 0; i <= index; i++)
    if (row[i] == NULL)
      return TRUE;

  for (const char *p = row[index]; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
set_text (char       **slot,
          const char  *text)
{
  g_free (*slot);
  *slot = g_strdup (text);
}

gboolean
ess_funding_plan_paste (EssFundingPlan  *plan,
                        guint            action,
                        guint            column,
                        GPtrArray       *block,
                        GError         **error)
{
  guint n_columns, cells;
  g_autofree gint64 *values = NULL;
  guint width = 0;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (block != NULL, FALSE);

  n_columns = ess_funding_plan_paste_n_columns (plan);
  cells = n_cells (plan);
  if (action > plan->actions->len)
    action = plan->actions->len;

  for (guint r = 0; r < block->len; r++)
    width = MAX (width, g_strv_length (g_ptr_array_index (block, r)));

  if (block->len == 0 || width == 0)
    return TRUE;

  if (column >= n_columns || width > n_columns - column)
    {
      g_set_error (error, ESS_FUNDING_PLAN_ERROR, ESS_FUNDING_PLAN_ERROR_SHAPE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pasted block is %u column wide from column %u; the table has %u columns.",
                                "The pasted block is %u columns wide from column %u; the table has %u columns.",
                                width),
                   width, column + 1, n_columns);
      return FALSE;
    }

  /* Every amount is read before anything changes. */
  values = g_new0 (gint64, (gsize) block->len * width);
  for (guint r = 0; r < block->len; r++)
    {
      char **row = g_ptr_array_index (block, r);

      for (guint c = 0; row[c] != NULL; c++)
        {
          guint target = column + c;
          const char *text = row[c];

          g_autofree char *trimmed = NULL;

          if (target < ESS_PLAN_PASTE_FIRST_AMOUNT)
            continue;
          trimmed = g_strstrip (g_strdup (text));
          if (*trimmed != '\0' &&
              !parse_cell_amount (plan, action + r, target, trimmed, &values[r * width + c], error))
            return FALSE;
        }
    }

  for (guint r = 0; r < block->len; r++)
    {
      char **row = g_ptr_array_index (block, r);
      EssFundingAction *target_action;
      guint index = action + r;

      if (index >= plan->actions->len)
        ess_funding_plan_insert_action (plan, G_MAXUINT);
      target_action = g_ptr_array_index (plan->actions, index);

      for (guint c = 0; row[c] != NULL; c++)
        {
          guint target = column + c;
          g_autofree char *trimmed = g_strstrip (g_strdup (row[c]));
          gint64 value = values[r * width + c];
          gboolean empty = *trimmed == '\0';

          switch (target)
            {
            case ESS_PLAN_PASTE_AXIS:
              /* The block starts at the axis column here: the number and
               * the title are its next two cells. */
              if (empty && index > 0 &&
                  (!cell_is_blank (row, 1) || !cell_is_blank (row, 2)))
                set_text (&target_action->axis, action_at (plan, index - 1)->axis);
              else
                set_text (&target_action->axis, trimmed);
              break;
            case ESS_PLAN_PASTE_NUMBER:
              set_text (&target_action->number, trimmed);
              break;
            case ESS_PLAN_PASTE_TITLE:
              set_text (&target_action->title, trimmed);
              break;
            case ESS_PLAN_PASTE_DESCRIPTION:
              set_text (&target_action->description, trimmed);
              break;
            case ESS_PLAN_PASTE_PARTNERS:
              set_text (&target_action->partners, trimmed);
              break;
            default:
              target -= ESS_PLAN_PASTE_FIRST_AMOUNT;
              if (target < cells)
                target_action->amounts[target] = value;
              else if (target - cells < 2)
                target_action->realisation[target - cells] = value;
              else
                {
                  target_action->has_declared_total = !empty;
                  target_action->declared_total = value;
                }
              break;
            }
        }
    }

  return TRUE;
}

char *
ess_funding_plan_block_to_tsv (const EssFundingPlan *plan,
                               guint                 first_action,
                               guint                 n_actions,
                               guint                 first_column,
                               guint                 n_columns)
{
  GString *out = g_string_new (NULL);
  guint cells;

  g_return_val_if_fail (plan != NULL, NULL);

  cells = n_cells (plan);
  for (guint a = first_action; a < plan->actions->len && a - first_action < n_actions; a++)
    {
      const EssFundingAction *row = action_at (plan, a);

      for (guint c = first_column;
           c < ess_funding_plan_paste_n_columns (plan) && c - first_column < n_columns;
           c++)
        {
          g_autofree char *amount = NULL;
          const char *text = NULL;
          guint k;

          if (c > first_column)
            g_string_append_c (out, '\t');

          switch (c)
            {
            case ESS_PLAN_PASTE_AXIS:
              text = row->axis;
              break;
            case ESS_PLAN_PASTE_NUMBER:
              text = row->number;
              break;
            case ESS_PLAN_PASTE_TITLE:
              text = row->title;
              break;
            case ESS_PLAN_PASTE_DESCRIPTION:
              text = row->description;
              break;
            case ESS_PLAN_PASTE_PARTNERS:
              text = row->partners;
              break;
            default:
              k = c - ESS_PLAN_PASTE_FIRST_AMOUNT;
              if (k < cells)
                amount = spreadsheet_amount (row->amounts[k]);
              else if (k - cells < 2)
                amount = spreadsheet_amount (row->realisation[k - cells]);
              else if (row->has_declared_total)
                amount = spreadsheet_amount (row->declared_total);
              text = amount;
              break;
            }
          ess_csv_append_field (out, str_or_empty (text), '\t');
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
