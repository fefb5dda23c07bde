/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeping the focused cell of a spreadsheet grid in view. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Scrolls @scroller so that @widget, a descendant of its child, is in
 * view. GTK 4.8's viewport scrolls to its direct child when the focus
 * moves inside it (to the top of a whole grid), so grids turn the
 * viewport's scroll-to-focus off and call this. */
void ess_scroll_to_widget (GtkScrolledWindow *scroller,
                           GtkWidget         *widget);

G_END_DECLS
