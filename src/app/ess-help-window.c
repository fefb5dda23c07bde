/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The user guide (docs/guide-utilisateur.md, embedded) rendered in a text view. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ess-help-window.h"

#define GUIDE_RESOURCE RESOURCE_PREFIX "/help/guide-utilisateur.md"

struct _EssHelpWindow
{
  GtkWindow    parent_instance;
  GtkTextView *view;
};

G_DEFINE_FINAL_TYPE (EssHelpWindow, ess_help_window, GTK_TYPE_WINDOW)

typedef enum
{
  BLOCK_NONE,
  BLOCK_PARAGRAPH,
  BLOCK_ITEM,
} BlockKind;

typedef struct
{
  GtkTextBuffer *buffer;
  GtkTextIter    end;
  BlockKind      kind;
  GString       *text;
  char          *bullet;
} Renderer;

static void
ensure_tags (GtkTextBuffer *buffer)
{
  if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "h1") != NULL)
    return;

  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6,
                              "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3,
                              "pixels-above-lines", 18, "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "h3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1,
                              "pixels-above-lines", 12, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "item", "left-margin", 40, "indent", -16,
                              "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "code-block", "family", "monospace", "left-margin", 40,
                              "wrap-mode", GTK_WRAP_CHAR, NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
}

/* Inserts @len bytes of @text at the end, with up to two tags. */
static void
insert_tagged (Renderer   *r,
               const char *text,
               gssize      len,
               const char *tag,
               const char *extra_tag)
{
  int start_offset = gtk_text_iter_get_offset (&r->end);
  GtkTextIter start;

  if (len == 0)
    return;
  gtk_text_buffer_insert (r->buffer, &r->end, text, len);
  gtk_text_buffer_get_iter_at_offset (r->buffer, &start, start_offset);
  if (tag != NULL)
    gtk_text_buffer_apply_tag_by_name (r->buffer, tag, &start, &r->end);
  if (extra_tag != NULL)
    gtk_text_buffer_apply_tag_by_name (r->buffer, extra_tag, &start, &r->end);
}

/* **bold** and `code` inside a block whose tag is @tag. */
static void
insert_inline (Renderer   *r,
               const char *text,
               const char *tag)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *next;

      if (p[0] == '*' && p[1] == '*')
        {
          const char *close = strstr (p + 2, "**");
          if (close != NULL)
            {
              insert_tagged (r, p + 2, close - (p + 2), tag, "bold");
              p = close + 2;
              continue;
            }
        }
      else if (p[0] == '`')
        {
          const char *close = strchr (p + 1, '`');
          if (close != NULL)
            {
              insert_tagged (r, p + 1, close - (p + 1), tag, "code");
              p = close + 1;
              continue;
            }
        }

      for (next = p + 1; *next != '\0' && *next != '`' && !(next[0] == '*' && next[1] == '*'); next++)
        ;
      insert_tagged (r, p, next - p, tag, NULL);
      p = next;
    }
}

static void
flush_block (Renderer *r)
{
  switch (r->kind)
    {
    case BLOCK_PARAGRAPH:
      insert_inline (r, r->text->str, "paragraph");
      insert_tagged (r, "\n", 1, "paragraph", NULL);
      break;
    case BLOCK_ITEM:
      {
        g_autofree char *bullet = g_strconcat (r->bullet, " ", NULL);
        insert_tagged (r, bullet, -1, "item", NULL);
        insert_inline (r, r->text->str, "item");
        insert_tagged (r, "\n", 1, "item", NULL);
      }
      break;
    case BLOCK_NONE:
    default:
      break;
    }
  r->kind = BLOCK_NONE;
  g_string_truncate (r->text, 0);
  g_clear_pointer (&r->bullet, g_free);
}

static void
start_block (Renderer   *r,
             BlockKind   kind,
             const char *bullet,
             const char *text)
{
  flush_block (r);
  r->kind = kind;
  r->bullet = g_strdup (bullet);
  g_string_assign (r->text, text);
}

/* "- item", "* item" or "12. item": the marker and where the text starts. */
static gboolean
parse_list_marker (const char  *line,
                   char       **bullet,
                   const char **text)
{
  const char *p = line;

  if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
    {
      *bullet = g_strdup ("•");
      *text = p + 2;
      return TRUE;
    }
  while (g_ascii_isdigit (*p))
    p++;
  if (p > line && p - line <= 3 && p[0] == '.' && p[1] == ' ')
    {
      *bullet = g_strndup (line, p + 1 - line);
      *text = p + 2;
      return TRUE;
    }
  return FALSE;
}

void
ess_help_render_markdown (GtkTextBuffer *buffer,
                          const char    *markdown)
{
  g_auto(GStrv) lines = NULL;
  Renderer r = { 0 };
  gboolean in_code = FALSE;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (markdown != NULL);

  ensure_tags (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);
  r.buffer = buffer;
  r.text = g_string_new (NULL);
  gtk_text_buffer_get_end_iter (buffer, &r.end);

  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      const char *stripped;
      g_autofree char *bullet = NULL;
      const char *item_text;
      guint level = 0;

      g_strchomp (line);
      stripped = line + strspn (line, " ");

      if (g_str_has_prefix (stripped, "```"))
        {
          flush_block (&r);
          if (in_code)
            insert_tagged (&r, "\n", 1, "paragraph", NULL);
          in_code = !in_code;
          continue;
        }
      if (in_code)
        {
          insert_tagged (&r, line, -1, "code-block", NULL);
          insert_tagged (&r, "\n", 1, "code-block", NULL);
          continue;
        }

      if (*stripped == '\0')
        {
          flush_block (&r);
          continue;
        }

      while (line[level] == '#' && level < 4)
        level++;
      if (level >= 1 && level <= 3 && line[level] == ' ')
        {
          const char *tags[] = { "h1", "h2", "h3" };

          flush_block (&r);
          insert_inline (&r, line + level + 1, tags[level - 1]);
          insert_tagged (&r, "\n", 1, tags[level - 1], NULL);
          continue;
        }

      if (parse_list_marker (stripped, &bullet, &item_text))
        start_block (&r, BLOCK_ITEM, bullet, item_text);
      else if (r.kind == BLOCK_NONE)
        start_block (&r, BLOCK_PARAGRAPH, NULL, stripped);
      else
        {
          /* A line that continues the paragraph or the item. */
          g_string_append_c (r.text, ' ');
          g_string_append (r.text, stripped);
        }
    }
  flush_block (&r);

  g_string_free (r.text, TRUE);
}

static void
ess_help_window_class_init (EssHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ess_help_window_init (EssHelpWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autoptr(GBytes) guide = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("User Guide"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 820);
  gtk_window_set_titlebar (GTK_WINDOW (self), gtk_header_bar_new ());

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->view, FALSE);
  gtk_text_view_set_cursor_visible (self->view, FALSE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->view, 32);
  gtk_text_view_set_right_margin (self->view, 32);
  gtk_text_view_set_top_margin (self->view, 24);
  gtk_text_view_set_bottom_margin (self->view, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("User Guide"),
                                  -1);

  guide = g_resources_lookup_data (GUIDE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (guide != NULL)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (guide, NULL), g_bytes_get_size (guide));
      ess_help_render_markdown (gtk_text_view_get_buffer (self->view), text);
    }
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), error->message, -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_window_set_child (GTK_WINDOW (self), scroller);
}

EssHelpWindow *
ess_help_window_new (void)
{
  return g_object_new (ESS_TYPE_HELP_WINDOW, NULL);
}

GtkTextView *
ess_help_window_get_view (EssHelpWindow *self)
{
  g_return_val_if_fail (ESS_IS_HELP_WINDOW (self), NULL);
  return self->view;
}
