/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the CSV reader and writer. */

#include "config.h"

#include "ess-csv.h"

static void
test_parse_quoted (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "\xef\xbb\xbfinsee,name\r\n59009,\"Villeneuve-d'Ascq\"\n59350,\"Lille, \"\"centre\"\"\"\n\"a\nb\",x";
  g_autoptr(GPtrArray) rows = ess_csv_parse (text, -1, ',', &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "insee");
  g_assert_cmpstr (row[1], ==, "name");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[1], ==, "Villeneuve-d'Ascq");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[1], ==, "Lille, \"centre\"");
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row[0], ==, "a\nb");
  g_assert_cmpstr (row[1], ==, "x");
  g_assert_null (row[2]);
}

static void
test_empty_fields (void)
{
  g_autoptr(GPtrArray) rows = ess_csv_parse ("a;;c;\n", -1, ';', NULL);
  char **row = g_ptr_array_index (rows, 0);

  g_assert_cmpuint (g_strv_length (row), ==, 4);
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[3], ==, "");
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ess_csv_parse ("a,\"open\nb,c\n", -1, ',', &error);

  g_assert_null (rows);
  g_assert_error (error, ESS_CSV_ERROR, ESS_CSV_ERROR_QUOTE);
  g_clear_error (&error);

  rows = ess_csv_parse ("a,\xff\xfe\n", -1, ',', &error);
  g_assert_null (rows);
  g_assert_error (error, ESS_CSV_ERROR, ESS_CSV_ERROR_ENCODING);
}

static void
test_write (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  ess_csv_append_field (out, "plain", ',');
  g_string_append_c (out, ',');
  ess_csv_append_field (out, "a, b", ',');
  g_string_append_c (out, ',');
  ess_csv_append_field (out, "say \"hi\"", ',');
  g_string_append_c (out, ',');
  ess_csv_append_field (out, "a;b", ';');
  g_assert_cmpstr (out->str, ==, "plain,\"a, b\",\"say \"\"hi\"\"\",\"a;b\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse-quoted", test_parse_quoted);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/refused", test_refused);
  g_test_add_func ("/csv/write", test_write);

  return g_test_run ();
}
