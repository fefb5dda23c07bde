/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small CSV reader and writer: quoted fields, doubled quotes, CRLF or LF. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ess-csv.h"

G_DEFINE_QUARK (ess-csv-error-quark, ess_csv_error)

static void
end_field (GPtrArray *row,
           GString   *field)
{
  g_ptr_array_add (row, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
}

static void
end_row (GPtrArray *rows,
         GPtrArray *row)
{
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
}

GPtrArray *
ess_csv_parse (const char  *text,
               gssize       length,
               char         separator,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p, *end;
  gboolean quoted = FALSE;
  gboolean row_started = FALSE;
  guint line = 1;

  if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, ESS_CSV_ERROR, ESS_CSV_ERROR_ENCODING,
                   _("The CSV text is not valid UTF-8."));
      return NULL;
    }

  p = text;
  end = text + length;
  /* A byte order mark is not part of the first field. */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  for (; p < end; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0)
        {
          quoted = TRUE;
          row_started = TRUE;
        }
      else if (c == separator)
        {
          end_field (row, field);
          row_started = TRUE;
        }
      else if (c == '\r' && p + 1 < end && p[1] == '\n')
        continue;
      else if (c == '\n')
        {
          if (row_started || field->len > 0)
            {
              end_field (row, field);
              end_row (rows, row);
            }
          row_started = FALSE;
          line++;
        }
      else
        {
          g_string_append_c (field, c);
          row_started = TRUE;
        }
    }

  if (quoted)
    {
      g_set_error (error, ESS_CSV_ERROR, ESS_CSV_ERROR_QUOTE,
                   _("Line %u: a quoted field is not closed."), line);
      return NULL;
    }

  if (row_started || field->len > 0)
    {
      end_field (row, field);
      end_row (rows, row);
    }

  return g_steal_pointer (&rows);
}

void
ess_csv_append_field (GString    *out,
                      const char *field,
                      char        separator)
{
  if (field == NULL)
    return;

  if (strchr (field, separator) == NULL && strpbrk (field, "\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
