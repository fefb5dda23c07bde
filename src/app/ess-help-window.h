/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The user guide, shown as rendered text in a window (F1). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ESS_TYPE_HELP_WINDOW (ess_help_window_get_type ())
G_DECLARE_FINAL_TYPE (EssHelpWindow, ess_help_window, ESS, HELP_WINDOW, GtkWindow)

EssHelpWindow *ess_help_window_new        (void);
GtkTextView   *ess_help_window_get_view   (EssHelpWindow *self);

/* Replaces the text of @buffer with @markdown rendered with tags: headings
 * ("# ", "## ", "### " -> tags "h1", "h2", "h3"), paragraphs, bullet and
 * numbered lists ("item"), fenced code blocks ("code-block"), **bold**
 * ("bold") and `code` ("code"). Nothing else of Markdown is understood. */
void           ess_help_render_markdown   (GtkTextBuffer *buffer,
                                           const char    *markdown);

G_END_DECLS
