/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Preferences window: the instructor's name, the export folder, the state aid ceilings, the database. */
#pragma once

#include <gtk/gtk.h>

#include "ess-aid.h"

G_BEGIN_DECLS

#define ESS_TYPE_PREFERENCES_WINDOW (ess_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (EssPreferencesWindow, ess_preferences_window, ESS, PREFERENCES_WINDOW, GtkWindow)

/* @database_path: the file of the open database, shown read-only; may be NULL. */
EssPreferencesWindow *ess_preferences_window_new (GtkWindow  *parent,
                                                  GSettings  *settings,
                                                  const char *database_path);

/* The folder exports start in: the "default-export-folder" setting when it
 * names a folder that exists, else the Documents folder, else the home folder. */
char                 *ess_preferences_get_export_folder (GSettings *settings);
/* "General de minimis: 300 000,00 € over 3 years, since 01/01/2024". */
char                 *ess_preferences_ceiling_text      (const EssAidCeiling *ceiling);

G_END_DECLS
