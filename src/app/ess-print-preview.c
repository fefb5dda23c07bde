/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pages of a report as they will print, one at a time, before printing. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-print-preview.h"

#define PAGE_GAP 16.0

struct _EssPrintPreview
{
  GtkWindow       parent_instance;

  EssReport      *report;
  double          width;
  double          height;
  int             page;
  int             n_pages;

  GtkDrawingArea *page_area;
  GtkLabel       *page_label;
  GtkButton      *previous_button;
  GtkButton      *next_button;
  GtkButton      *print_button;
};

G_DEFINE_FINAL_TYPE (EssPrintPreview, ess_print_preview, GTK_TYPE_WINDOW)

enum {
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The sheet of paper, as large as the area allows, with the page drawn
 * by the same code as the printer's. */
static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  EssPrintPreview *self = user_data;
  double scale = MIN ((width - 2 * PAGE_GAP) / self->width, (height - 2 * PAGE_GAP) / self->height);
  double x, y;

  if (scale <= 0)
    return;
  x = (width - self->width * scale) / 2;
  y = (height - self->height * scale) / 2;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 2, y + 3, self->width * scale, self->height * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, self->width * scale, self->height * scale);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_clip (cr);
  ess_report_draw_page (self->report, cr, self->page, self->width, self->height);
  cairo_restore (cr);
}

static void
update (EssPrintPreview *self)
{
  /* TRANSLATORS: the page shown in the print preview: page 1 of 2 */
  g_autofree char *text = g_strdup_printf (_("Page %d of %d"), self->page + 1, self->n_pages);

  gtk_label_set_text (self->page_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->page + 1 < self->n_pages);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
}

void
ess_print_preview_set_page (EssPrintPreview *self,
                            int              page)
{
  g_return_if_fail (ESS_IS_PRINT_PREVIEW (self));

  self->page = CLAMP (page, 0, self->n_pages - 1);
  update (self);
}

int
ess_print_preview_get_page (EssPrintPreview *self)
{
  g_return_val_if_fail (ESS_IS_PRINT_PREVIEW (self), 0);
  return self->page;
}

int
ess_print_preview_get_n_pages (EssPrintPreview *self)
{
  g_return_val_if_fail (ESS_IS_PRINT_PREVIEW (self), 0);
  return self->n_pages;
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EssPrintPreview *self = ESS_PRINT_PREVIEW (widget);

  ess_print_preview_set_page (self, self->page + g_variant_get_int32 (parameter));
}

static void
on_previous (EssPrintPreview *self)
{
  ess_print_preview_set_page (self, self->page - 1);
}

static void
on_next (EssPrintPreview *self)
{
  ess_print_preview_set_page (self, self->page + 1);
}

static void
on_print (EssPrintPreview *self)
{
  g_object_ref (self);
  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[PRINT], 0);
  g_object_unref (self);
}

static void
ess_print_preview_dispose (GObject *object)
{
  EssPrintPreview *self = ESS_PRINT_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_PRINT_PREVIEW);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (ess_print_preview_parent_class)->dispose (object);
}

static void
ess_print_preview_class_init (EssPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_print_preview_dispose;

  signals[PRINT] = g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, EssPrintPreview, page_area);
  gtk_widget_class_bind_template_child (widget_class, EssPrintPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, EssPrintPreview, previous_button);
  gtk_widget_class_bind_template_child (widget_class, EssPrintPreview, next_button);
  gtk_widget_class_bind_template_child (widget_class, EssPrintPreview, print_button);

  gtk_widget_class_install_action (widget_class, "preview.page", "i", page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.page", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "preview.page", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.page", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "preview.page", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_print_preview_init (EssPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->page_area, draw_page, self, NULL);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (on_previous), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (on_next), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (on_print), self);
}

EssPrintPreview *
ess_print_preview_new (GtkWindow *parent,
                       EssReport *report,
                       double     width,
                       double     height)
{
  EssPrintPreview *self;

  g_return_val_if_fail (ESS_IS_REPORT (report), NULL);

  self = g_object_new (ESS_TYPE_PRINT_PREVIEW, "transient-for", parent, NULL);
  self->report = g_object_ref (report);
  self->width = width;
  self->height = height;
  self->n_pages = ess_report_get_n_pages (report, width, height);
  gtk_window_set_title (GTK_WINDOW (self), ess_report_get_title (report));
  update (self);

  return self;
}
