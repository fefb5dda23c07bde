/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The GtkApplication of Instruction ESS: one instance, one database. */
#pragma once

#include <gtk/gtk.h>

#include "ess-store.h"

G_BEGIN_DECLS

#define ESS_TYPE_APPLICATION (ess_application_get_type ())
G_DECLARE_FINAL_TYPE (EssApplication, ess_application, ESS, APPLICATION, GtkApplication)

EssApplication *ess_application_new       (void);
EssStore       *ess_application_get_store (EssApplication *self);

G_END_DECLS
