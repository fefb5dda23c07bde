/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the dossier list's filters: saved views read back as written, search words made safe for FTS5. */

#include "config.h"

#include <string.h>

#include "ess-dossier-query.h"

typedef struct
{
  const char *search;
  const char *fts;     /* NULL: no search at all */
} FtsCase;

static const FtsCase fts_cases[] = {
  /* Folded to lower case without accents, each word a quoted prefix. */
  { "Économie  sol", "\"economie\"* \"sol\"*" },
  { "économie", "\"economie\"*" },
  { "ECONOMIE", "\"economie\"*" },
  { "e\xcc\x81" "conomie", "\"economie\"*" },   /* e + U+0301, as some keyboards send it */
  { "Ça", "\"ca\"*" },
  { "Ciné cité", "\"cine\"* \"cite\"*" },
  { "Cœur", "\"coeur\"*" },
  { "ŒUVRE", "\"oeuvre\"*" },
  { "Lætitia", "\"laetitia\"*" },
  { "Forest-sur-Marque", "\"forest\"* \"sur\"* \"marque\"*" },
  { "l'économie sociale", "\"l\"* \"economie\"* \"sociale\"*" },
  { "Villeneuve d’Ascq", "\"villeneuve\"* \"d\"* \"ascq\"*" },
  { "2024", "\"2024\"*" },
  { "APT-2012-001", "\"apt\"* \"2012\"* \"001\"*" },
  { "sol\teau\nair", "\"sol\"* \"eau\"* \"air\"*" },
  { "73\xc2\xa0" "000", "\"73\"* \"000\"*" },

  /* FTS5 syntax is only text. */
  { "\"quoted\"", "\"quoted\"*" },
  { "a\"b", "\"a\"* \"b\"*" },
  { "\"\"\"", NULL },
  { "sol*", "\"sol\"*" },
  { "*", NULL },
  { "(agriculture OR culture)", "\"agriculture\"* \"or\"* \"culture\"*" },
  { "NEAR(a b, 5)", "\"near\"* \"a\"* \"b\"* \"5\"*" },
  { "ess AND NOT sol", "\"ess\"* \"and\"* \"not\"* \"sol\"*" },
  { "title:ciné", "\"title\"* \"cine\"*" },
  { "{title reference}:sol", "\"title\"* \"reference\"* \"sol\"*" },
  { "^début", "\"debut\"*" },
  { "a + b", "\"a\"* \"b\"*" },
  { "-sol", "\"sol\"*" },

  /* Nothing to look for. */
  { "", NULL },
  { NULL, NULL },
  { "   ", NULL },
  { "\"*()-:^+", NULL },
  { "— … « »", NULL },
  { "\xff\xfe", NULL },
};

static void
test_fts (gconstpointer data)
{
  const FtsCase *c = data;
  g_autofree char *fts = ess_search_to_fts (c->search);

  g_assert_cmpstr (fts, ==, c->fts);
}

/* Whatever is typed, the result is "w"* "w"* ... or nothing, with no quote
 * inside a word: FTS5 reads it as phrases only. */
static void
test_fts_shape (void)
{
  static const char * const inputs[] = {
    "\"a\" OR \"b\"", "a\"\"b", "\"* \"*", "x\" OR 1=1 --", "col:\"x\" NEAR/3 y",
    "((((", "))))", "a AND (b OR c) NOT d*", "'\"'", "\\\"", "é\"è\"ê", "\"\xcc\x81\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *fts = ess_search_to_fts (inputs[i]);
      g_auto(GStrv) terms = NULL;

      /* Some hold no word at all. */
      if (fts == NULL)
        continue;
      terms = g_strsplit (fts, " ", -1);
      for (guint t = 0; terms[t] != NULL; t++)
        {
          gsize len = strlen (terms[t]);

          g_assert_cmpuint (len, >=, 4);
          g_assert_cmpint (terms[t][0], ==, '"');
          g_assert_cmpint (terms[t][len - 2], ==, '"');
          g_assert_cmpint (terms[t][len - 1], ==, '*');
          for (gsize k = 1; k < len - 2; k++)
            g_assert_cmpint (terms[t][k], !=, '"');
        }
    }
}

static EssDossierQuery *
full_query (void)
{
  EssDossierQuery *query = ess_dossier_query_new ();

  query->statuses = (1u << ESS_STATUS_SUBMITTED) | (1u << ESS_STATUS_GRANTED);
  query->scheme = g_strdup ("APT");
  query->year = 2013;
  query->territory_id = 5;
  query->commune = g_strdup ("59350");
  query->applicant_id = 42;
  /* Spaces at both ends, quotes, a semicolon and a line break survive. */
  query->search = g_strdup ("  Ciné \"cité\" ; social\n");
  query->trash = TRUE;
  query->sort = ESS_SORT_GRANTED;
  query->descending = TRUE;

  return query;
}

static void
test_new (void)
{
  g_autoptr(EssDossierQuery) query = ess_dossier_query_new ();

  g_assert_cmpuint (query->statuses, ==, 0);
  g_assert_null (query->scheme);
  g_assert_cmpint (query->year, ==, 0);
  g_assert_cmpint (query->territory_id, ==, 0);
  g_assert_null (query->commune);
  g_assert_cmpint (query->applicant_id, ==, 0);
  g_assert_null (query->search);
  g_assert_false (query->trash);
  g_assert_cmpint (query->sort, ==, ESS_SORT_REFERENCE);
  g_assert_false (query->descending);

  ess_dossier_query_free (NULL);
}

static void
test_copy_and_equal (void)
{
  g_autoptr(EssDossierQuery) a = full_query ();
  g_autoptr(EssDossierQuery) b = ess_dossier_query_copy (a);

  g_assert_true (b->search != a->search);
  g_assert_true (ess_dossier_query_equal (a, b));
  g_assert_true (ess_dossier_query_equal (a, a));
  g_assert_true (ess_dossier_query_equal (NULL, NULL));
  g_assert_false (ess_dossier_query_equal (a, NULL));
  g_assert_false (ess_dossier_query_equal (NULL, a));

  /* Each member counts. */
#define CHANGED(statement)                                 \
  G_STMT_START {                                           \
    g_autoptr(EssDossierQuery) c = ess_dossier_query_copy (a); \
    statement;                                             \
    g_assert_false (ess_dossier_query_equal (a, c));       \
    g_assert_false (ess_dossier_query_equal (c, a));       \
  } G_STMT_END

  CHANGED (c->statuses = 1u << ESS_STATUS_SUBMITTED);
  CHANGED (g_free (c->scheme); c->scheme = g_strdup ("APP"));
  CHANGED (g_clear_pointer (&c->scheme, g_free));
  CHANGED (c->year = 2012);
  CHANGED (c->territory_id = 0);
  CHANGED (g_free (c->commune); c->commune = g_strdup ("59360"));
  CHANGED (c->applicant_id = 43);
  CHANGED (g_free (c->search); c->search = g_strdup ("ciné"));
  CHANGED (c->trash = FALSE);
  CHANGED (c->sort = ESS_SORT_REFERENCE);
  CHANGED (c->descending = FALSE);
#undef CHANGED

  /* No search and an empty search are the same view. */
  {
    g_autoptr(EssDossierQuery) x = ess_dossier_query_new ();
    g_autoptr(EssDossierQuery) y = ess_dossier_query_new ();

    y->search = g_strdup ("");
    y->scheme = g_strdup ("");
    g_assert_true (ess_dossier_query_equal (x, y));
  }
}

static EssDossierQuery *
round_trip (const EssDossierQuery *query)
{
  g_autofree char *text = ess_dossier_query_serialize (query);
  g_autoptr(GError) error = NULL;
  EssDossierQuery *back;

  g_assert_nonnull (text);
  back = ess_dossier_query_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  return back;
}

static void
test_round_trip (void)
{
  g_autoptr(EssDossierQuery) full = full_query ();
  g_autoptr(EssDossierQuery) back = round_trip (full);
  g_autoptr(EssDossierQuery) empty = ess_dossier_query_new ();
  g_autoptr(EssDossierQuery) empty_back = round_trip (empty);

  g_assert_true (ess_dossier_query_equal (full, back));
  g_assert_cmpstr (back->search, ==, "  Ciné \"cité\" ; social\n");
  g_assert_true (ess_dossier_query_equal (empty, empty_back));

  /* Every status alone, every sort column both ways. */
  for (guint s = 0; s < ESS_N_STATUSES; s++)
    {
      g_autoptr(EssDossierQuery) q = ess_dossier_query_new ();
      g_autoptr(EssDossierQuery) r = NULL;

      q->statuses = 1u << s;
      r = round_trip (q);
      g_assert_cmpuint (r->statuses, ==, 1u << s);
    }
  for (guint sort = 0; sort < ESS_N_SORTS; sort++)
    {
      g_autoptr(EssDossierQuery) q = ess_dossier_query_new ();
      g_autoptr(EssDossierQuery) r = NULL;

      q->sort = sort;
      q->descending = sort % 2;
      r = round_trip (q);
      g_assert_true (ess_dossier_query_equal (q, r));
    }
}

static void
test_stable_text (void)
{
  g_autoptr(EssDossierQuery) full = full_query ();
  g_autofree char *text = ess_dossier_query_serialize (full);
  g_autoptr(EssDossierQuery) query = NULL;
  g_autoptr(GError) error = NULL;

  /* Saved views outlive versions: status and sort ids, not enum values. */
  g_assert_nonnull (strstr (text, "[view]"));
  g_assert_nonnull (strstr (text, "statuses=submitted;granted;"));
  g_assert_nonnull (strstr (text, "sort=granted"));
  g_assert_nonnull (strstr (text, "descending=true"));
  g_assert_nonnull (strstr (text, "trash=true"));

  /* As a hand-written view reads. */
  query = ess_dossier_query_deserialize ("[view]\n"
                                         "statuses=in-review;opinion-given\n"
                                         "scheme=APP\n"
                                         "year=2024\n"
                                         "territory=8\n"
                                         "commune=2A004\n"
                                         "applicant=3\n"
                                         "search=économie\n"
                                         "sort=requested\n"
                                         "descending=true\n"
                                         "colour=blue\n",
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (query->statuses, ==, (1u << ESS_STATUS_IN_REVIEW) | (1u << ESS_STATUS_OPINION_GIVEN));
  g_assert_cmpstr (query->scheme, ==, "APP");
  g_assert_cmpint (query->year, ==, 2024);
  g_assert_cmpint (query->territory_id, ==, 8);
  g_assert_cmpstr (query->commune, ==, "2A004");
  g_assert_cmpint (query->applicant_id, ==, 3);
  g_assert_cmpstr (query->search, ==, "économie");
  g_assert_false (query->trash);
  g_assert_cmpint (query->sort, ==, ESS_SORT_REQUESTED);
  g_assert_true (query->descending);
}

static void
test_minimal_view (void)
{
  g_autoptr(EssDossierQuery) empty = ess_dossier_query_new ();
  g_autoptr(EssDossierQuery) query = NULL;
  g_autoptr(GError) error = NULL;

  query = ess_dossier_query_deserialize ("# a view with nothing chosen\n[view]\nstatuses=\nsearch=\n", &error);
  g_assert_no_error (error);
  g_assert_true (ess_dossier_query_equal (query, empty));
}

static const char * const garbage[] = {
  "",
  "garbage",
  "\xff\xfe\x00",
  "[other]\nyear=2024\n",
  "year=2024\n",
  "[view\nyear=2024\n",
  "[view]\nyear=abc\n",
  "[view]\nyear=1899\n",
  "[view]\nyear=2201\n",
  "[view]\nyear=2024x\n",
  "[view]\nyear=-2024\n",
  "[view]\nstatuses=submitted;nope;\n",
  "[view]\nstatuses=Submitted\n",
  "[view]\nstatuses=3\n",
  "[view]\nsort=price\n",
  "[view]\nsort=3\n",
  "[view]\ntrash=maybe\n",
  "[view]\ndescending=yes\n",
  "[view]\ncommune=12\n",
  "[view]\ncommune=59350;59360\n",
  "[view]\nscheme=A P T\n",
  "[view]\nscheme=APT'; DROP TABLE dossiers; --\n",
  "[view]\nterritory=-1\n",
  "[view]\nterritory=1e3\n",
  "[view]\napplicant=99999999999999999999999\n",
  "[view]\napplicant=-4\n",
  "[view]\nsearch=\\x\n",
  "[view]\nsearch=\xff\n",
};

static void
test_garbage (gconstpointer data)
{
  const char *text = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_deserialize (text, &error);

  g_assert_null (query);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_KEY_FILE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_null_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EssDossierQuery) query = ess_dossier_query_deserialize (NULL, &error);

  g_assert_null (query);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (fts_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dossier-query/fts/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &fts_cases[i], test_fts);
    }
  g_test_add_func ("/dossier-query/fts-shape", test_fts_shape);
  g_test_add_func ("/dossier-query/new", test_new);
  g_test_add_func ("/dossier-query/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/dossier-query/round-trip", test_round_trip);
  g_test_add_func ("/dossier-query/stable-text", test_stable_text);
  g_test_add_func ("/dossier-query/minimal-view", test_minimal_view);
  for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dossier-query/garbage/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, garbage[i], test_garbage);
    }
  g_test_add_func ("/dossier-query/null-refused", test_null_refused);

  return g_test_run ();
}
