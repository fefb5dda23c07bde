/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scrolling the dossier list from top to bottom: the list is moved by an
 * equal step on every frame for FRAMES frames, each frame showing rows
 * never read before; frames that took longer than 1.5 x 16.7 ms count as
 * dropped. Needs a display (bench/run starts Xvfb).
 *
 *   ess-bench-scroll DATABASE [FRAMES]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "bench-util.h"
#include "ess-dossier-browser.h"
#include "ess-window.h"

typedef struct
{
  GtkAdjustment *adjustment;
  int            frame;
  int            frames;
  gint64         last;
  GArray        *intervals;
  gboolean       done;
} Scroll;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Scroll *scroll = user_data;
  gint64 now = g_get_monotonic_time ();
  double upper = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);

  if (scroll->last != 0)
    bench_add (scroll->intervals, (now - scroll->last) / 1000.0);
  scroll->last = now;

  if (scroll->frame >= scroll->frames)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (scroll->adjustment, upper * (scroll->frame + 1) / scroll->frames);
  scroll->frame++;
  return G_SOURCE_CONTINUE;
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child) && GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (child))))
        return GTK_SCROLLED_WINDOW (child);
      found = find_scrolled (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  EssStore *store;
  EssWindow *window;
  GtkScrolledWindow *scrolled;
  Scroll scroll = { 0, };
  guint dropped = 0;
  gint64 start;

  setlocale (LC_ALL, "");
  gtk_init ();
  if (argc < 2)
    {
      g_printerr ("usage: ess-bench-scroll DATABASE [FRAMES]\n");
      return 2;
    }
  store = ess_store_open (argv[1], ESS_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("ess-bench-scroll: %s\n", error->message);
      return 1;
    }

  window = ess_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 1500000)
    g_main_context_iteration (NULL, FALSE);

  scrolled = find_scrolled (GTK_WIDGET (ess_window_get_browser (window)));
  scroll.adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  scroll.frames = argc > 2 ? atoi (argv[2]) : 600;
  scroll.intervals = intervals;
  gtk_widget_add_tick_callback (GTK_WIDGET (scrolled), on_tick, &scroll, NULL);
  while (!scroll.done)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < intervals->len; i++)
    if (g_array_index (intervals, double, i) > 1.5 * 1000.0 / 60)
      dropped++;

  g_print ("scrolling %u dossiers top to bottom in %d frames\n",
           g_list_model_get_n_items (ess_window_get_dossiers (window)), scroll.frames);
  bench_report ("  frame interval", intervals);
  g_print ("  frames dropped (> 25 ms): %u of %u (%.1f %%)\n", dropped, intervals->len,
           intervals->len ? 100.0 * dropped / intervals->len : 0.0);

  gtk_window_destroy (GTK_WINDOW (window));
  ess_store_close (store);
  g_object_unref (store);
  return 0;
}
