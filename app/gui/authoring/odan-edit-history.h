/* odan-edit-history.h — the scenario editor's undo and redo
 *
 * A plain list of edits and a position: edits before the position are
 * done, those after it undone (and redoable until a new edit is pushed).
 * An edit is data only — which table, row and column, the text before and
 * after — so the history knows nothing of GTK or of how the editor
 * applies it: undo hands back the edit to revert, redo the one to apply.
 *
 * Typing into one field makes one edit per keystroke; consecutive edits of
 * the same cell merge into one until odan_edit_history_close_group() (the
 * editor calls it when the focus leaves the field or another row is
 * selected), so one undo takes back one field's change.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ODAN_EDIT_SET_CELL,        /* @old_text → @new_text in (@table, @row, @column) */
  ODAN_EDIT_INSERT_ROW,      /* @cells inserted at @row */
  ODAN_EDIT_DELETE_ROW,      /* @cells removed from @row */
  ODAN_EDIT_REPLACE_TABLE,   /* the whole table: old columns and rows → new ones */
} OdanEditKind;

typedef struct {
  OdanEditKind  kind;
  guint         table;
  guint         row;
  guint         column;
  char         *old_text;      /* SET_CELL */
  char         *new_text;
  char        **cells;         /* INSERT_ROW, DELETE_ROW */
  char        **old_columns;   /* REPLACE_TABLE */
  char        **new_columns;
  GPtrArray    *old_rows;      /* char** each, REPLACE_TABLE */
  GPtrArray    *new_rows;
} OdanEdit;

OdanEdit *odan_edit_new_set_cell      (guint              table,
                                       guint              row,
                                       guint              column,
                                       const char        *old_text,
                                       const char        *new_text);
OdanEdit *odan_edit_new_row           (OdanEditKind       kind,
                                       guint              table,
                                       guint              row,
                                       const char *const *cells);
/* Takes the four arguments. */
OdanEdit *odan_edit_new_replace_table (guint              table,
                                       char             **old_columns,
                                       GPtrArray         *old_rows,
                                       char             **new_columns,
                                       GPtrArray         *new_rows);
void      odan_edit_free              (OdanEdit          *edit);

typedef struct _OdanEditHistory OdanEditHistory;

OdanEditHistory *odan_edit_history_new         (void);
void             odan_edit_history_free        (OdanEditHistory *history);

/* Records @edit (taken), already applied by the caller. Drops the undone
 * edits. Returns FALSE when it merged into the previous edit (no new step). */
gboolean         odan_edit_history_push        (OdanEditHistory *history,
                                                OdanEdit        *edit);
/* The next push starts a new step even for the same cell. */
void             odan_edit_history_close_group (OdanEditHistory *history);

/* The edit to revert (the history's, not to be freed), or NULL. */
const OdanEdit  *odan_edit_history_undo        (OdanEditHistory *history);
/* The edit to apply again, or NULL. */
const OdanEdit  *odan_edit_history_redo        (OdanEditHistory *history);
gboolean         odan_edit_history_can_undo    (OdanEditHistory *history);
gboolean         odan_edit_history_can_redo    (OdanEditHistory *history);
/* Steps done (the position). */
guint            odan_edit_history_get_depth   (OdanEditHistory *history);

/* The saved state: is_saved() is TRUE while the history is at the
 * position of the last mark_saved() (after undoing and redoing back to it
 * too), FALSE once that position cannot come back. */
void             odan_edit_history_mark_saved  (OdanEditHistory *history);
gboolean         odan_edit_history_is_saved    (OdanEditHistory *history);
void             odan_edit_history_clear       (OdanEditHistory *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanEdit, odan_edit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanEditHistory, odan_edit_history_free)

G_END_DECLS
