/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeping the focused cell of a spreadsheet grid in view. */

#include "config.h"

#include "ess-scroll.h"

static void
scroll_axis (GtkAdjustment *adjustment,
             double         start,
             double         size)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  /* A little of the neighbouring cells stays visible. */
  double margin = MIN (24.0, MAX (0.0, (page - size) / 2));

  if (start - margin < value)
    gtk_adjustment_set_value (adjustment, start - margin);
  else if (start + size + margin > value + page)
    gtk_adjustment_set_value (adjustment, start + size + margin - page);
}

void
ess_scroll_to_widget (GtkScrolledWindow *scroller,
                      GtkWidget         *widget)
{
  GtkWidget *child;
  graphene_rect_t bounds;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  child = gtk_scrolled_window_get_child (scroller);
  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  if (child == NULL || !gtk_widget_compute_bounds (widget, child, &bounds))
    return;

  scroll_axis (gtk_scrolled_window_get_hadjustment (scroller), bounds.origin.x, bounds.size.width);
  scroll_axis (gtk_scrolled_window_get_vadjustment (scroller), bounds.origin.y, bounds.size.height);
}
