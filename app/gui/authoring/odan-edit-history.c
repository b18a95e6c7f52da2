/* odan-edit-history.c — the scenario editor's undo and redo
 *
 * @edits holds every step, done ones first; @position counts the done
 * ones. @saved is the position of the saved state, or -1 once edits that
 * led there were dropped. @open tells whether the last step may still take
 * more typing into its cell.
 */
#define G_LOG_DOMAIN "odan-gui"

#include "odan-edit-history.h"

struct _OdanEditHistory
{
  GPtrArray *edits;      /* OdanEdit* */
  guint      position;
  gint64     saved;
  gboolean   open;
};

static GPtrArray *
rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

OdanEdit *
odan_edit_new_set_cell (guint       table,
                        guint       row,
                        guint       column,
                        const char *old_text,
                        const char *new_text)
{
  OdanEdit *edit = g_new0 (OdanEdit, 1);

  edit->kind = ODAN_EDIT_SET_CELL;
  edit->table = table;
  edit->row = row;
  edit->column = column;
  edit->old_text = g_strdup (old_text != NULL ? old_text : "");
  edit->new_text = g_strdup (new_text != NULL ? new_text : "");
  return edit;
}

OdanEdit *
odan_edit_new_row (OdanEditKind       kind,
                   guint              table,
                   guint              row,
                   const char *const *cells)
{
  OdanEdit *edit;

  g_return_val_if_fail (kind == ODAN_EDIT_INSERT_ROW || kind == ODAN_EDIT_DELETE_ROW, NULL);
  g_return_val_if_fail (cells != NULL, NULL);

  edit = g_new0 (OdanEdit, 1);
  edit->kind = kind;
  edit->table = table;
  edit->row = row;
  edit->cells = g_strdupv ((char **) cells);
  return edit;
}

OdanEdit *
odan_edit_new_replace_table (guint       table,
                             char      **old_columns,
                             GPtrArray  *old_rows,
                             char      **new_columns,
                             GPtrArray  *new_rows)
{
  OdanEdit *edit = g_new0 (OdanEdit, 1);

  edit->kind = ODAN_EDIT_REPLACE_TABLE;
  edit->table = table;
  edit->old_columns = old_columns;
  edit->old_rows = old_rows != NULL ? old_rows : rows_new ();
  edit->new_columns = new_columns;
  edit->new_rows = new_rows != NULL ? new_rows : rows_new ();
  return edit;
}

void
odan_edit_free (OdanEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->old_text);
  g_free (edit->new_text);
  g_strfreev (edit->cells);
  g_strfreev (edit->old_columns);
  g_strfreev (edit->new_columns);
  g_clear_pointer (&edit->old_rows, g_ptr_array_unref);
  g_clear_pointer (&edit->new_rows, g_ptr_array_unref);
  g_free (edit);
}

OdanEditHistory *
odan_edit_history_new (void)
{
  OdanEditHistory *history = g_new0 (OdanEditHistory, 1);

  history->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_edit_free);
  return history;
}

void
odan_edit_history_free (OdanEditHistory *history)
{
  if (history == NULL)
    return;
  g_ptr_array_unref (history->edits);
  g_free (history);
}

gboolean
odan_edit_history_push (OdanEditHistory *history,
                        OdanEdit        *edit)
{
  g_return_val_if_fail (history != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (history->position < history->edits->len)
    {
      g_ptr_array_set_size (history->edits, history->position);
      if (history->saved > (gint64) history->position)
        history->saved = -1;
    }

  /* more typing into the same cell: the step grows, unless the saved
   * state sits between the two (undo must be able to get back to it) */
  if (history->open && edit->kind == ODAN_EDIT_SET_CELL && history->position > 0
      && history->saved != (gint64) history->position)
    {
      OdanEdit *last = g_ptr_array_index (history->edits, history->position - 1);

      if (last->kind == ODAN_EDIT_SET_CELL && last->table == edit->table
          && last->row == edit->row && last->column == edit->column)
        {
          g_free (last->new_text);
          last->new_text = g_steal_pointer (&edit->new_text);
          odan_edit_free (edit);
          return FALSE;
        }
    }

  g_ptr_array_add (history->edits, edit);
  history->position++;
  history->open = edit->kind == ODAN_EDIT_SET_CELL;
  return TRUE;
}

void
odan_edit_history_close_group (OdanEditHistory *history)
{
  g_return_if_fail (history != NULL);

  history->open = FALSE;
}

const OdanEdit *
odan_edit_history_undo (OdanEditHistory *history)
{
  g_return_val_if_fail (history != NULL, NULL);

  if (history->position == 0)
    return NULL;
  history->open = FALSE;
  history->position--;
  return g_ptr_array_index (history->edits, history->position);
}

const OdanEdit *
odan_edit_history_redo (OdanEditHistory *history)
{
  g_return_val_if_fail (history != NULL, NULL);

  if (history->position >= history->edits->len)
    return NULL;
  history->open = FALSE;
  return g_ptr_array_index (history->edits, history->position++);
}

gboolean
odan_edit_history_can_undo (OdanEditHistory *history)
{
  g_return_val_if_fail (history != NULL, FALSE);

  return history->position > 0;
}

gboolean
odan_edit_history_can_redo (OdanEditHistory *history)
{
  g_return_val_if_fail (history != NULL, FALSE);

  return history->position < history->edits->len;
}

guint
odan_edit_history_get_depth (OdanEditHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return history->position;
}

void
odan_edit_history_mark_saved (OdanEditHistory *history)
{
  g_return_if_fail (history != NULL);

  history->saved = history->position;
  history->open = FALSE;
}

gboolean
odan_edit_history_is_saved (OdanEditHistory *history)
{
  g_return_val_if_fail (history != NULL, FALSE);

  return history->saved == (gint64) history->position;
}

void
odan_edit_history_clear (OdanEditHistory *history)
{
  g_return_if_fail (history != NULL);

  g_ptr_array_set_size (history->edits, 0);
  history->position = 0;
  history->saved = 0;
  history->open = FALSE;
}
