/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-test-util.h"

void
cli_fixture_init (CliFixture *f,
                  const char *template)
{
  g_autoptr(GError) error = NULL;

  memset (f, 0, sizeof *f);
  f->home = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_chmod (f->home, 0700);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
cli_fixture_clear (CliFixture *f)
{
  /* A test may have taken the right to write from its home. */
  g_chmod (f->home, 0700);
  remove_tree (f->home);
  g_clear_pointer (&f->home, g_free);
  g_clear_pointer (&f->db, g_free);
  g_clear_pointer (&f->stdout_text, g_free);
  g_clear_pointer (&f->stderr_text, g_free);
}

static char *
bytes_text (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

void
cli_run_argv (CliFixture         *f,
              const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (full, (gpointer) g_getenv ("ESS_INSTRUCTION"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->home, TRUE);

  g_clear_pointer (&f->stdout_text, g_free);
  g_clear_pointer (&f->stderr_text, g_free);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full->pdata, &error);
  g_assert_no_error (error);
  /* Bytes, not UTF-8 text: a CSV starts with a BOM and must come out whole. */
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  f->status = g_subprocess_get_exit_status (process);
  f->stdout_text = bytes_text (out);
  f->stderr_text = bytes_text (err);
}

void
cli_run (CliFixture *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  cli_run_argv (f, (const char * const *) argv->pdata);
}
