/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imports an XML file: its problems, or a preview with a choice per known dossier and scenario, then a summary. */

#include "config.h"

#include <glib/gi18n.h>

#include "ess-finding.h"
#include "ess-import-dialog.h"

struct _EssImportDialog
{
  GtkWindow              parent_instance;

  EssStore              *store;
  GFile                 *file;
  EssExchangeDocument   *document;
  EssImportPreview      *preview;
  EssImportDialogState   state;
  GPtrArray             *choosers;   /* GtkDropDown per preview item, NULL for new ones */
  GPtrArray             *scenario_choosers;  /* GtkDropDown per scenario, NULL for new or identical ones */

  GtkDropDown           *all_chooser;  /* the choice for every known dossier */

  GtkWidget             *all_box;
  GtkLabel              *all_label;
  GtkLabel              *summary_label;
  GtkLabel              *detail_label;
  GtkListBox            *list_box;
  GtkLabel              *error_label;
  GtkButton             *import_button;
  GtkButton             *close_button;
  GtkWidget             *reading_row;   /* a spinner while the file is read */
};

G_DEFINE_FINAL_TYPE (EssImportDialog, ess_import_dialog, GTK_TYPE_WINDOW)

enum {
  READY,
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The choices for a known reference, in the order of the drop-down. */
static const EssImportAction choices[] = { ESS_IMPORT_SKIP, ESS_IMPORT_UPDATE, ESS_IMPORT_RENAME };

/* A file of thousands of dossiers shows its first ones one by one; the
 * choice for every known dossier applies to the others. */
#define MAX_ROWS 300

static GtkWidget *
new_chooser (const char *accessible_label)
{
  const char *labels[] = { _("Skip"), _("Update"), _("New reference"), NULL };
  GtkWidget *chooser = gtk_drop_down_new_from_strings (labels);

  gtk_widget_set_valign (chooser, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return chooser;
}

/* The same choices for a known scenario; a copy takes the name “Name (2)”. */
static GtkWidget *
new_scenario_chooser (const char *accessible_label)
{
  const char *labels[] = { _("Skip"), _("Update"), _("Import as a copy"), NULL };
  GtkWidget *chooser = gtk_drop_down_new_from_strings (labels);

  gtk_widget_set_valign (chooser, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return chooser;
}

static void
on_all_chosen (EssImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->all_chooser);

  for (guint i = 0; i < self->choosers->len; i++)
    if (g_ptr_array_index (self->choosers, i) != NULL)
      gtk_drop_down_set_selected (g_ptr_array_index (self->choosers, i), selected);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_row (EssImportDialog *self,
         GtkWidget       *content)
{
  gtk_widget_set_margin_top (content, 8);
  gtk_widget_set_margin_bottom (content, 8);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_list_box_append (self->list_box, content);
}

static void
show_refused (EssImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *detail = NULL;
  guint n = self->document->problems->len;

  self->state = ESS_IMPORT_DIALOG_REFUSED;
  gtk_label_set_text (self->summary_label, _("File refused: nothing was imported"));
  detail = g_strdup_printf (ngettext ("%s has %u problem. Correct it, or ask the partner for a corrected file.",
                                      "%s has %u problems. Correct them, or ask the partner for a corrected file.",
                                      n),
                            name, n);
  gtk_label_set_text (self->detail_label, detail);

  for (guint i = 0; i < n; i++)
    {
      const EssExchangeProblem *problem = g_ptr_array_index (self->document->problems, i);
      g_autofree char *text = NULL;

      if (problem->line > 0 && problem->element != NULL)
        text = g_strdup_printf (_("Line %d, <%s>: %s"), problem->line, problem->element, problem->message);
      else if (problem->line > 0)
        text = g_strdup_printf (_("Line %d: %s"), problem->line, problem->message);
      else
        text = g_strdup (problem->message);
      add_row (self, wrapped_label (text, NULL));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->close_button, _("_Close"));
}

/* The scenarios of a full archive, after its dossiers. */
static void
show_scenarios (EssImportDialog *self)
{
  EssImportPreview *preview = self->preview;
  guint n = preview->scenarios->len;
  g_autofree char *heading = NULL;
  GtkWidget *heading_label;

  if (n == 0)
    return;

  heading = g_strdup_printf (ngettext ("%u scenario: %u new, %u different from the database’s",
                                       "%u scenarios: %u new, %u different from the database’s", n),
                             n, preview->n_new_scenarios, preview->n_known_scenarios);
  heading_label = wrapped_label (heading, "heading");
  add_row (self, heading_label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (heading_label)), FALSE);

  for (guint i = 0; i < n; i++)
    {
      EssImportScenarioItem *item = g_ptr_array_index (preview->scenarios, i);
      const EssScenario *scenario = item->record->scenario;
      g_autofree char *title = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *title_label = wrapped_label (NULL, NULL);
      GtkWidget *state_label;
      GtkWidget *chooser = NULL;
      const char *state;

      title = g_markup_printf_escaped (_("<b>%s</b> — scenario, %s, %d–%d"), scenario->name,
                                       ess_scenario_kind_label (scenario->kind), scenario->first_year,
                                       scenario->last_year);
      gtk_label_set_markup (GTK_LABEL (title_label), title);
      gtk_widget_set_hexpand (title_label, TRUE);
      gtk_box_append (GTK_BOX (top), title_label);

      if (item->existing_id == 0)
        state = _("New");
      else if (item->differences->len == 0)
        state = _("Known, identical");
      else
        state = _("Known, different");
      state_label = wrapped_label (state, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (state_label), FALSE);
      gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), state_label);

      /* Only a known scenario that differs has a choice to make. */
      if (item->existing_id != 0 && item->differences->len > 0)
        {
          chooser = new_scenario_chooser (scenario->name);
          gtk_box_append (GTK_BOX (top), chooser);
        }
      g_ptr_array_add (self->scenario_choosers, chooser);
      gtk_box_append (GTK_BOX (box), top);

      for (guint d = 0; d < item->differences->len; d++)
        gtk_box_append (GTK_BOX (box), wrapped_label (g_ptr_array_index (item->differences, d), NULL));
      add_row (self, box);
    }
}

static void
show_preview (EssImportDialog *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  EssImportPreview *preview = self->preview;
  guint n = preview->items->len;

  self->state = ESS_IMPORT_DIALOG_PREVIEW;
  summary = g_strdup_printf (ngettext ("%u dossier to import", "%u dossiers to import", n), n);
  gtk_label_set_text (self->summary_label, summary);
  if (preview->n_known > 0)
    detail = g_strdup_printf (_("%u new, %u already known. For each known dossier, choose whether to skip it, "
                                "update it with the file, or import it under a new reference."),
                              preview->n_new, preview->n_known);
  else
    detail = g_strdup_printf (ngettext ("%u new dossier. Nothing is written before you import.",
                                        "%u new dossiers. Nothing is written before you import.",
                                        preview->n_new),
                              preview->n_new);
  gtk_label_set_text (self->detail_label, detail);

  if (preview->n_known > 0)
    {
      self->all_chooser = GTK_DROP_DOWN (new_chooser (gtk_label_get_text (self->all_label)));
      gtk_box_append (GTK_BOX (self->all_box), GTK_WIDGET (self->all_chooser));
      gtk_widget_set_visible (self->all_box, TRUE);
      g_signal_connect_swapped (self->all_chooser, "notify::selected", G_CALLBACK (on_all_chosen), self);
    }

  for (guint i = 0; i < n; i++)
    {
      const EssImportItem *item = g_ptr_array_index (preview->items, i);
      const EssDossier *dossier = item->bundle->dossier;
      g_autofree char *title = NULL;
      GtkWidget *box;
      GtkWidget *top;
      GtkWidget *title_label;
      const char *state;
      GtkWidget *chooser = NULL;

      if (i >= MAX_ROWS)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("… and %u more dossier: the choice for every known "
                                                             "dossier applies to it.",
                                                             "… and %u more dossiers: the choice for every known "
                                                             "dossier applies to them.", n - MAX_ROWS),
                                                   n - MAX_ROWS);

          add_row (self, wrapped_label (more, "dim-label"));
          for (; i < n; i++)
            g_ptr_array_add (self->choosers, NULL);
          break;
        }

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      title = g_markup_printf_escaped ("<b>%s</b> — %s", dossier->reference, dossier->title);
      title_label = wrapped_label (NULL, NULL);
      gtk_label_set_markup (GTK_LABEL (title_label), title);
      gtk_widget_set_hexpand (title_label, TRUE);
      gtk_box_append (GTK_BOX (top), title_label);

      if (item->existing_id == 0)
        state = _("New");
      else if (item->differences->len == 0)
        state = _("Known, identical");
      else
        state = _("Known, different");
      {
        GtkWidget *state_label = wrapped_label (state, "dim-label");

        gtk_label_set_wrap (GTK_LABEL (state_label), FALSE);
        gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (top), state_label);
      }

      if (item->existing_id != 0)
        {
          chooser = new_chooser (dossier->reference);
          gtk_box_append (GTK_BOX (top), chooser);
        }
      g_ptr_array_add (self->choosers, chooser);
      gtk_box_append (GTK_BOX (box), top);

      for (guint d = 0; d < item->differences->len; d++)
        gtk_box_append (GTK_BOX (box), wrapped_label (g_ptr_array_index (item->differences, d), NULL));
      for (guint f = 0; f < item->findings->len; f++)
        {
          const EssFinding *finding = g_ptr_array_index (item->findings, f);
          g_autofree char *text = NULL;

          if (finding->severity == ESS_SEVERITY_INFO)
            continue;
          if (finding->place != NULL && finding->place[0] != '\0')
            text = g_strdup_printf (_("%s — %s: %s"), ess_severity_label (finding->severity),
                                    finding->place, finding->message);
          else
            text = g_strdup_printf (_("%s — %s"), ess_severity_label (finding->severity), finding->message);
          gtk_box_append (GTK_BOX (box), wrapped_label (text, finding->severity == ESS_SEVERITY_ERROR ?
                                                               "error" : "warning"));
        }
      add_row (self, box);
    }

  show_scenarios (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), n > 0 || preview->scenarios->len > 0);
}

/* What the worker thread reads: the file, then the database through a
 * connection of its own. */
typedef struct
{
  EssStore            *reader;
  GFile               *file;
  EssExchangeContext  *context;
  EssExchangeDocument *document;
  EssImportPreview    *preview;
  gboolean             compared;   /* FALSE when the comparison failed */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->reader);
  g_clear_object (&job->file);
  g_clear_pointer (&job->context, ess_exchange_context_free);
  g_clear_pointer (&job->preview, ess_import_preview_free);
  g_clear_pointer (&job->document, ess_exchange_document_free);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ReadJob *job = data;
  GError *error = NULL;

  job->compared = TRUE;
  job->document = ess_exchange_read_file (job->file, job->context, &error);
  if (job->document != NULL && job->document->problems->len == 0)
    {
      job->preview = ess_exchange_preview (job->reader, job->document, &error);
      job->compared = job->preview != NULL;
    }
  /* The connection is closed in the thread that used it. */
  ess_store_close (job->reader);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_failure (EssImportDialog *self,
              const char      *summary,
              const char      *detail)
{
  self->state = ESS_IMPORT_DIALOG_REFUSED;
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->close_button, _("_Close"));
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  EssImportDialog *self = ESS_IMPORT_DIALOG (source);
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Closed while it read: nothing to show. */
  if (self->file == NULL)
    return;

  if (self->reading_row != NULL)
    {
      gtk_list_box_remove (self->list_box, gtk_widget_get_parent (self->reading_row));
      self->reading_row = NULL;
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_failure (self,
                  job->compared ? _("The file could not be read") :
                                  _("The file could not be compared with the database"),
                  error->message);
  else
    {
      self->document = g_steal_pointer (&job->document);
      self->preview = g_steal_pointer (&job->preview);
      if (self->document->problems->len > 0)
        show_refused (self);
      else
        show_preview (self);
    }
  g_signal_emit (self, signals[READY], 0);
}

static void
read_file (EssImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *summary = g_strdup_printf (_("Reading %s…"), name);
  ReadJob *job = g_new0 (ReadJob, 1);
  GtkWidget *spinner;

  self->state = ESS_IMPORT_DIALOG_READING;
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->detail_label,
                      _("Every dossier of the file is checked, then compared with the database."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  add_row (self, spinner);
  self->reading_row = spinner;

  task = g_task_new (self, NULL, on_read, NULL);
  g_task_set_source_tag (task, read_file);
  g_task_set_name (task, "[ess] read an import");
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  job->file = g_object_ref (self->file);
  job->context = ess_exchange_context_new_for_store (self->store, &error);
  if (job->context != NULL)
    job->reader = ess_store_open_reader (self->store, &error);
  if (job->reader == NULL)
    {
      job->compared = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, read_thread);
}

static void
select_choice (GtkDropDown     *chooser,
               EssImportAction  action)
{
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (choices[i] == action)
      gtk_drop_down_set_selected (chooser, i);
}

void
ess_import_dialog_set_action (EssImportDialog *self,
                              guint            index,
                              EssImportAction  action)
{
  GtkDropDown *chooser;

  g_return_if_fail (ESS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (index < self->choosers->len);

  chooser = g_ptr_array_index (self->choosers, index);
  g_return_if_fail (chooser != NULL);
  select_choice (chooser, action);
}

void
ess_import_dialog_set_scenario_action (EssImportDialog *self,
                                       guint            index,
                                       EssImportAction  action)
{
  GtkDropDown *chooser;

  g_return_if_fail (ESS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (index < self->scenario_choosers->len);

  chooser = g_ptr_array_index (self->scenario_choosers, index);
  g_return_if_fail (chooser != NULL);
  select_choice (chooser, action);
}

void
ess_import_dialog_set_action_for_all (EssImportDialog *self,
                                      EssImportAction  action)
{
  g_return_if_fail (ESS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->all_chooser != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (choices[i] == action)
      gtk_drop_down_set_selected (self->all_chooser, i);
}

gboolean
ess_import_dialog_confirm (EssImportDialog *self)
{
  g_autofree EssImportAction *actions = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  guint n_written = 0;

  g_return_val_if_fail (ESS_IS_IMPORT_DIALOG (self), FALSE);

  if (self->state != ESS_IMPORT_DIALOG_PREVIEW)
    return FALSE;

  actions = g_new0 (EssImportAction, MAX (self->choosers->len, 1));
  for (guint i = 0; i < self->choosers->len; i++)
    {
      GtkDropDown *chooser = g_ptr_array_index (self->choosers, i);

      GtkDropDown *choice = chooser ? chooser : self->all_chooser;

      /* New references are created whatever the choice says. */
      actions[i] = choice ? choices[MIN (gtk_drop_down_get_selected (choice), G_N_ELEMENTS (choices) - 1)] :
                            ESS_IMPORT_CREATE;
    }

  for (guint i = 0; i < self->scenario_choosers->len; i++)
    {
      GtkDropDown *chooser = g_ptr_array_index (self->scenario_choosers, i);
      EssImportScenarioItem *item = g_ptr_array_index (self->preview->scenarios, i);

      if (chooser != NULL)
        item->action = choices[MIN (gtk_drop_down_get_selected (chooser), G_N_ELEMENTS (choices) - 1)];
    }

  source = g_file_get_basename (self->file);
  if (!ess_exchange_apply (self->store, self->document, self->preview, actions, source, &written, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }

  for (guint i = 0; i < written->len; i++)
    {
      const EssImportItem *item = g_ptr_array_index (self->preview->items, i);
      const char *now = g_ptr_array_index (written, i);

      if (now == NULL)
        continue;
      n_written++;
      if (g_strcmp0 (now, item->bundle->dossier->reference) != 0)
        {
          g_string_append_printf (detail, _("%s imported as %s."), item->bundle->dossier->reference, now);
          g_string_append_c (detail, '\n');
        }
    }

  self->state = ESS_IMPORT_DIALOG_DONE;
  summary = g_strdup_printf (ngettext ("%u dossier imported", "%u dossiers imported", n_written), n_written);
  gtk_label_set_text (self->summary_label, summary);
  g_string_append_printf (detail, ngettext ("%u dossier of the file was skipped.",
                                            "%u dossiers of the file were skipped.",
                                            self->preview->items->len - n_written),
                          self->preview->items->len - n_written);
  if (self->preview->scenarios->len > 0)
    {
      guint n_scenarios = 0;

      for (guint i = 0; i < self->preview->scenarios->len; i++)
        {
          const EssImportScenarioItem *item = g_ptr_array_index (self->preview->scenarios, i);

          if (item->existing_id == 0 ||
              (item->differences->len > 0 && item->action != ESS_IMPORT_SKIP))
            n_scenarios++;
        }
      g_string_append_c (detail, '\n');
      g_string_append_printf (detail, ngettext ("%u scenario imported out of %u.",
                                                "%u scenarios imported out of %u.", n_scenarios),
                              n_scenarios, self->preview->scenarios->len);
    }
  gtk_label_set_text (self->detail_label, detail->str);
  for (guint i = 0; i < self->scenario_choosers->len; i++)
    if (g_ptr_array_index (self->scenario_choosers, i) != NULL)
      gtk_widget_set_sensitive (g_ptr_array_index (self->scenario_choosers, i), FALSE);
  for (guint i = 0; i < self->choosers->len; i++)
    if (g_ptr_array_index (self->choosers, i) != NULL)
      gtk_widget_set_sensitive (g_ptr_array_index (self->choosers, i), FALSE);
  if (self->all_chooser != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->all_chooser), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_button_set_label (self->close_button, _("_Close"));

  g_signal_emit (self, signals[IMPORTED], 0);
  return TRUE;
}

EssImportDialogState
ess_import_dialog_get_state (EssImportDialog *self)
{
  g_return_val_if_fail (ESS_IS_IMPORT_DIALOG (self), ESS_IMPORT_DIALOG_REFUSED);
  return self->state;
}

const char *
ess_import_dialog_get_summary (EssImportDialog *self)
{
  g_return_val_if_fail (ESS_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

EssImportPreview *
ess_import_dialog_get_preview (EssImportDialog *self)
{
  g_return_val_if_fail (ESS_IS_IMPORT_DIALOG (self), NULL);
  return self->preview;
}

static void
on_close (EssImportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import (EssImportDialog *self)
{
  ess_import_dialog_confirm (self);
}

static void
ess_import_dialog_dispose (GObject *object)
{
  EssImportDialog *self = (EssImportDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ESS_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->preview, ess_import_preview_free);
  g_clear_pointer (&self->document, ess_exchange_document_free);
  g_clear_pointer (&self->choosers, g_ptr_array_unref);
  g_clear_pointer (&self->scenario_choosers, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ess_import_dialog_parent_class)->dispose (object);
}

static void
ess_import_dialog_class_init (EssImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ess_import_dialog_dispose;

  signals[READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ess-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, all_box);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, all_label);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, EssImportDialog, close_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_import_dialog_init (EssImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choosers = g_ptr_array_new ();
  self->scenario_choosers = g_ptr_array_new ();
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (on_close), self);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import), self);
}

EssImportDialog *
ess_import_dialog_new (GtkWindow *parent,
                       EssStore  *store,
                       GFile     *file)
{
  EssImportDialog *self = g_object_new (ESS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  read_file (self);

  return self;
}
