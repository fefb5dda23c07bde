/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The GtkApplication of Instruction ESS: one instance, one database at a time. */
#pragma once

#include <gtk/gtk.h>

#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_APPLICATION (ess_application_get_type ())
G_DECLARE_FINAL_TYPE (EssApplication, ess_application, ESS, APPLICATION, GtkApplication)

EssApplication *ess_application_new           (void);
EssStore       *ess_application_get_store     (EssApplication  *self);
GSettings      *ess_application_get_settings  (EssApplication  *self);
/* Opens @path (an existing database, or with @create a new file holding the
 * reference data only) in place of the current one, in a new window.
 * Changes nothing and sets @error on failure. */
gboolean        ess_application_open_database (EssApplication  *self,
                                               const char      *path,
                                               gboolean         create,
                                               GError         **error);

G_END_DECLS
