/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The filters and order of the dossier list, saved as views, and the search words as an FTS5 query. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-dossier-query.h"
#include "ess-identifiers.h"

#define GROUP "view"

#define MIN_YEAR 1900
#define MAX_YEAR 2200

#define MAX_QUOTED_CHARS 40

/* Stable names of the sort columns, written in saved views. */
static const char * const sort_ids[ESS_N_SORTS] = {
  [ESS_SORT_REFERENCE]   = "reference",
  [ESS_SORT_TITLE]       = "title",
  [ESS_SORT_APPLICANT]   = "applicant",
  [ESS_SORT_SCHEME]      = "scheme",
  [ESS_SORT_VOLET]       = "volet",
  [ESS_SORT_TERRITORIES] = "territories",
  [ESS_SORT_YEAR]        = "year",
  [ESS_SORT_STATUS]      = "status",
  [ESS_SORT_REQUESTED]   = "requested",
  [ESS_SORT_PROPOSED]    = "proposed",
  [ESS_SORT_GRANTED]     = "granted",
};

/* NULL and "" both mean "no filter". */
static char *
dup_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static const char *
or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

EssDossierQuery *
ess_dossier_query_new (void)
{
  EssDossierQuery *query = g_new0 (EssDossierQuery, 1);

  query->sort = ESS_SORT_REFERENCE;
  query->descending = FALSE;

  return query;
}

EssDossierQuery *
ess_dossier_query_copy (const EssDossierQuery *query)
{
  EssDossierQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_new0 (EssDossierQuery, 1);
  *copy = *query;
  copy->scheme = g_strdup (query->scheme);
  copy->commune = g_strdup (query->commune);
  copy->search = g_strdup (query->search);

  return copy;
}

void
ess_dossier_query_free (EssDossierQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->scheme);
  g_free (query->commune);
  g_free (query->search);
  g_free (query);
}

gboolean
ess_dossier_query_equal (const EssDossierQuery *a,
                         const EssDossierQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->statuses == b->statuses &&
         g_strcmp0 (or_null (a->scheme), or_null (b->scheme)) == 0 &&
         a->year == b->year &&
         a->territory_id == b->territory_id &&
         g_strcmp0 (or_null (a->commune), or_null (b->commune)) == 0 &&
         a->applicant_id == b->applicant_id &&
         g_strcmp0 (or_null (a->search), or_null (b->search)) == 0 &&
         !a->trash == !b->trash &&
         a->sort == b->sort &&
         !a->descending == !b->descending;
}

static void
set_text (GKeyFile   *file,
          const char *key,
          const char *text)
{
  g_autofree char *valid = NULL;

  if (or_null (text) == NULL)
    return;

  valid = g_utf8_make_valid (text, -1);
  g_key_file_set_string (file, GROUP, key, valid);
}

char *
ess_dossier_query_serialize (const EssDossierQuery *query)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();

  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; i < ESS_N_STATUSES; i++)
    {
      if (query->statuses & (1u << i))
        g_ptr_array_add (statuses, (gpointer) ess_status_to_id ((EssStatus) i));
    }

  /* Only the filters in use, so that a view reads as what it selects. */
  if (statuses->len > 0)
    g_key_file_set_string_list (file, GROUP, "statuses",
                                (const char * const *) statuses->pdata, statuses->len);
  set_text (file, "scheme", query->scheme);
  if (query->year != 0)
    g_key_file_set_integer (file, GROUP, "year", query->year);
  if (query->territory_id != 0)
    g_key_file_set_integer (file, GROUP, "territory", query->territory_id);
  set_text (file, "commune", query->commune);
  if (query->applicant_id != 0)
    g_key_file_set_int64 (file, GROUP, "applicant", query->applicant_id);
  set_text (file, "search", query->search);
  g_key_file_set_boolean (file, GROUP, "trash", query->trash);
  g_key_file_set_string (file, GROUP, "sort",
                         (guint) query->sort < ESS_N_SORTS ? sort_ids[query->sort] : sort_ids[ESS_SORT_REFERENCE]);
  g_key_file_set_boolean (file, GROUP, "descending", query->descending);

  return g_key_file_to_data (file, NULL, NULL);
}

static gboolean
refuse_value (GError     **error,
              const char  *key,
              const char  *value)
{
  g_autofree char *valid = g_utf8_make_valid (value != NULL ? value : "", -1);
  g_autofree char *quoted = NULL;

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      quoted = g_strconcat (head, "…", NULL);
    }
  else
    quoted = g_steal_pointer (&valid);

  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               /* TRANSLATORS: a saved view of the dossier list; the second %s is a key such as "year". */
               _("The saved view cannot be read: “%s” is not a valid value for “%s”"),
               quoted, key);
  return FALSE;
}

/* The raw value of @key, or NULL when it is absent. */
static char *
get_value (GKeyFile   *file,
           const char *key)
{
  return g_key_file_get_value (file, GROUP, key, NULL);
}

static gboolean
read_int64 (GKeyFile   *file,
            const char *key,
            gint64      min,
            gint64      max,
            gint64     *out,
            GError    **error)
{
  g_autofree char *value = get_value (file, key);
  gint64 number;

  if (value == NULL)
    return TRUE;

  if (!g_ascii_string_to_signed (value, 10, min, max, &number, NULL))
    return refuse_value (error, key, value);

  *out = number;
  return TRUE;
}

static gboolean
read_boolean (GKeyFile   *file,
              const char *key,
              gboolean   *out,
              GError    **error)
{
  g_autofree char *value = get_value (file, key);

  if (value == NULL)
    return TRUE;

  if (strcmp (value, "true") == 0)
    *out = TRUE;
  else if (strcmp (value, "false") == 0)
    *out = FALSE;
  else
    return refuse_value (error, key, value);

  return TRUE;
}

/* The string of @key unescaped, NULL when absent or empty; FALSE when unreadable. */
static gboolean
read_text (GKeyFile    *file,
           const char  *key,
           char       **out,
           GError     **error)
{
  g_autofree char *value = get_value (file, key);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (value == NULL)
    return TRUE;

  /* GKeyFile only reports a bad escape such as "\x" to a caller that asks. */
  text = g_key_file_get_string (file, GROUP, key, &local_error);
  if (text == NULL || local_error != NULL)
    return refuse_value (error, key, value);

  g_free (*out);
  *out = dup_or_null (text);
  return TRUE;
}

static gboolean
is_scheme_code (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  return TRUE;
}

EssDossierQuery *
ess_dossier_query_deserialize (const char  *text,
                               GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();
  g_auto(GStrv) statuses = NULL;
  g_autofree char *sort = NULL;
  gint64 number;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL ||
      !g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (file, GROUP))
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                           _("The saved view cannot be read: it is not a view of the dossier list"));
      return NULL;
    }

  /* Keys this version does not know are left alone: a newer version may have written them. */
  if (g_key_file_has_key (file, GROUP, "statuses", NULL))
    {
      g_autoptr(GError) local_error = NULL;

      statuses = g_key_file_get_string_list (file, GROUP, "statuses", NULL, &local_error);
      if (local_error != NULL)
        {
          g_autofree char *value = get_value (file, "statuses");

          refuse_value (error, "statuses", value);
          return NULL;
        }
      for (gsize i = 0; statuses != NULL && statuses[i] != NULL; i++)
        {
          EssStatus status;

          if (!ess_status_from_id (statuses[i], &status))
            {
              refuse_value (error, "statuses", statuses[i]);
              return NULL;
            }
          query->statuses |= 1u << status;
        }
    }

  if (!read_text (file, "scheme", &query->scheme, error))
    return NULL;
  if (query->scheme != NULL && !is_scheme_code (query->scheme))
    {
      refuse_value (error, "scheme", query->scheme);
      return NULL;
    }

  number = query->year;
  if (!read_int64 (file, "year", 0, MAX_YEAR, &number, error))
    return NULL;
  if (number != 0 && number < MIN_YEAR)
    {
      g_autofree char *value = get_value (file, "year");

      refuse_value (error, "year", value);
      return NULL;
    }
  query->year = (int) number;

  number = query->territory_id;
  if (!read_int64 (file, "territory", 0, G_MAXINT, &number, error))
    return NULL;
  query->territory_id = (int) number;

  if (!read_text (file, "commune", &query->commune, error))
    return NULL;
  if (query->commune != NULL && !ess_insee_commune_validate (query->commune, NULL))
    {
      refuse_value (error, "commune", query->commune);
      return NULL;
    }

  if (!read_int64 (file, "applicant", 0, G_MAXINT64, &query->applicant_id, error))
    return NULL;

  if (!read_text (file, "search", &query->search, error))
    return NULL;

  if (!read_boolean (file, "trash", &query->trash, error))
    return NULL;

  sort = get_value (file, "sort");
  if (sort != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < ESS_N_SORTS; i++)
        {
          if (strcmp (sort_ids[i], sort) == 0)
            {
              query->sort = (EssSortColumn) i;
              found = TRUE;
              break;
            }
        }
      if (!found)
        {
          refuse_value (error, "sort", sort);
          return NULL;
        }
    }

  if (!read_boolean (file, "descending", &query->descending, error))
    return NULL;

  return g_steal_pointer (&query);
}

/* Search. */

static gboolean
is_combining_mark (gunichar c)
{
  return c >= 0x0300 && c <= 0x036F;
}

/* Lower case, accents dropped, ligatures spelled out: what the index holds. */
static char *
fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  g_autofree char *lower = g_utf8_strdown (decomposed, -1);
  GString *out = g_string_sized_new (strlen (lower));

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_combining_mark (c))
        continue;
      else if (c == 0x0153)  /* œ */
        g_string_append (out, "oe");
      else if (c == 0x00E6)  /* æ */
        g_string_append (out, "ae");
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Letters, digits and the marks of scripts that keep them make words; the rest separates them. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

char *
ess_search_to_fts (const char *search)
{
  g_autofree char *folded = NULL;
  GString *out;
  const char *p;

  if (search == NULL || *search == '\0')
    return NULL;

  folded = fold (search);
  out = g_string_new (NULL);
  p = folded;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        continue;

      /* A quoted string is literal to FTS5: operators, parentheses and
       * colons inside it are only text. Separators never reach a word, but
       * a quote would be doubled all the same. */
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *q = start; q < p; q++)
        {
          if (*q == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *q);
        }
      g_string_append (out, "\"*");
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}
