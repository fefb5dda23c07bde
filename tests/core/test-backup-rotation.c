/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of which backups the rotation keeps. */

#include "config.h"

#include "ess-backup-rotation.h"

typedef struct
{
  const char *name;
  const char *times[40];   /* newest first, UTC (the tests run with TZ=UTC) */
  const char *kept;        /* one character per time: 'k' kept, '-' removed */
} Case;

/* Worked out by hand: Monday 23 November 2026 is in ISO week 48. */
static const Case cases[] = {
  { "none", { NULL }, "" },
  { "one", { "2026-11-23T10:00:00Z", NULL }, "k" },
  /* The 5 newest are kept whatever their day; the 6th, the same day, goes. */
  { "six-the-same-day",
    { "2026-11-23T16:00:00Z", "2026-11-23T15:00:00Z", "2026-11-23T14:00:00Z",
      "2026-11-23T13:00:00Z", "2026-11-23T12:00:00Z", "2026-11-23T11:00:00Z", NULL },
    "kkkkk-" },
  /* Daily backups for 40 days: the 7 newest days, then the newest of
   * the 4 weeks before (weeks 46, 45, 44, 43: Sundays 15, 8, 1
   * November and 25 October); the rest goes. */
  { "forty-days",
    { "2026-11-23T09:00:00Z", "2026-11-22T09:00:00Z", "2026-11-21T09:00:00Z", "2026-11-20T09:00:00Z",
      "2026-11-19T09:00:00Z", "2026-11-18T09:00:00Z", "2026-11-17T09:00:00Z", "2026-11-16T09:00:00Z",
      "2026-11-15T09:00:00Z", "2026-11-14T09:00:00Z", "2026-11-13T09:00:00Z", "2026-11-12T09:00:00Z",
      "2026-11-11T09:00:00Z", "2026-11-10T09:00:00Z", "2026-11-09T09:00:00Z", "2026-11-08T09:00:00Z",
      "2026-11-07T09:00:00Z", "2026-11-06T09:00:00Z", "2026-11-05T09:00:00Z", "2026-11-04T09:00:00Z",
      "2026-11-03T09:00:00Z", "2026-11-02T09:00:00Z", "2026-11-01T09:00:00Z", "2026-10-31T09:00:00Z",
      "2026-10-30T09:00:00Z", "2026-10-29T09:00:00Z", "2026-10-28T09:00:00Z", "2026-10-27T09:00:00Z",
      "2026-10-26T09:00:00Z", "2026-10-25T09:00:00Z", "2026-10-24T09:00:00Z", "2026-10-23T09:00:00Z",
      "2026-10-22T09:00:00Z", "2026-10-21T09:00:00Z", "2026-10-20T09:00:00Z", "2026-10-19T09:00:00Z",
      "2026-10-18T09:00:00Z", "2026-10-17T09:00:00Z", "2026-10-16T09:00:00Z", NULL },
    /* 23..17 kept (7 days, weeks 48 and 47), 16 (week 47, already kept by a day) goes,
     * 15 (w46) kept, 14..9 go, 8 (w45) kept, 7..2 go, 1 (w44) kept, 31..26 go, 25 (w43) kept, rest goes. */
    "kkkkkkk-k------k------k------k-------" "--" },
  /* Two backups a day (an import in the afternoon): the newest of each day. */
  { "two-a-day",
    { "2026-11-23T15:00:00Z", "2026-11-23T09:00:00Z", "2026-11-22T15:00:00Z", "2026-11-22T09:00:00Z",
      "2026-11-21T15:00:00Z", "2026-11-21T09:00:00Z", "2026-11-20T15:00:00Z", "2026-11-20T09:00:00Z", NULL },
    "kkkkk-k-" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autofree gboolean *keep = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; c->times[i] != NULL; i++)
    {
      GDateTime *time = g_date_time_new_from_iso8601 (c->times[i], NULL);
      g_assert_nonnull (time);
      g_ptr_array_add (times, time);
    }

  keep = ess_backup_rotation_keep ((GDateTime * const *) times->pdata, times->len,
                                   ESS_BACKUP_KEEP_RECENT, ESS_BACKUP_KEEP_DAILY,
                                   ESS_BACKUP_KEEP_WEEKLY);
  for (guint i = 0; i < times->len; i++)
    g_string_append_c (kept, keep[i] ? 'k' : '-');
  g_assert_cmpstr (kept->str, ==, c->kept);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The policy the user is told about (docs/data-safety.md). */
  g_assert_cmpint (ESS_BACKUP_KEEP_DAILY, ==, 7);
  g_assert_cmpint (ESS_BACKUP_KEEP_WEEKLY, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/backup-rotation/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}
