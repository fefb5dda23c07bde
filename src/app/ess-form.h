/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rows of dossier fields in a grid: validated as typed, written when left. */
#pragma once

#include <gtk/gtk.h>

#include "ess-dossier.h"
#include "ess-store.h"

G_BEGIN_DECLS

typedef struct _EssForm EssForm;

EssForm   *ess_form_new          (GtkGrid          *grid,
                                  EssStore         *store);
void       ess_form_free         (EssForm          *form);
void       ess_form_add_heading  (EssForm          *form,
                                  const char       *title);
/* Appends a row for @field; returns its input widget. */
GtkWidget *ess_form_add_field    (EssForm          *form,
                                  EssDossierField   field);
/* Shows @dossier's values, except in fields holding text not yet written. */
void       ess_form_set_dossier  (EssForm          *form,
                                  const EssDossier *dossier);
/* The input widget of @field, or NULL when the form has none. */
GtkWidget *ess_form_get_widget   (EssForm          *form,
                                  EssDossierField   field);
/* Whether @field's input is marked as refused. */
gboolean   ess_form_has_error    (EssForm          *form,
                                  EssDossierField   field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EssForm, ess_form_free)

G_END_DECLS
