/* test-edit-history.c — the scenario editor's undo stack (OdanEditHistory)
 *
 * Plain data, no display needed: steps, merging of typing into one cell,
 * undo/redo order, dropping the redo tail and the saved mark.
 */
#define G_LOG_DOMAIN "odan-test"

#include "odan-edit-history.h"

static void
push_set (OdanEditHistory *history,
          guint            row,
          guint            column,
          const char      *old_text,
          const char      *new_text)
{
  odan_edit_history_push (history, odan_edit_new_set_cell (4, row, column, old_text, new_text));
}

static void
test_history_undo_redo (void)
{
  g_autoptr(OdanEditHistory) history = odan_edit_history_new ();
  const OdanEdit *edit;

  g_assert_false (odan_edit_history_can_undo (history));
  g_assert_false (odan_edit_history_can_redo (history));
  g_assert_null (odan_edit_history_undo (history));
  g_assert_null (odan_edit_history_redo (history));

  push_set (history, 0, 1, "+30m", "+45m");
  push_set (history, 2, 3, "0.9", "0.7");
  g_assert_cmpuint (odan_edit_history_get_depth (history), ==, 2);

  edit = odan_edit_history_undo (history);
  g_assert_nonnull (edit);
  g_assert_cmpint (edit->kind, ==, ODAN_EDIT_SET_CELL);
  g_assert_cmpuint (edit->row, ==, 2);
  g_assert_cmpstr (edit->old_text, ==, "0.9");
  g_assert_cmpstr (edit->new_text, ==, "0.7");
  g_assert_true (odan_edit_history_can_redo (history));

  edit = odan_edit_history_undo (history);
  g_assert_cmpuint (edit->row, ==, 0);
  g_assert_cmpstr (edit->old_text, ==, "+30m");
  g_assert_false (odan_edit_history_can_undo (history));

  edit = odan_edit_history_redo (history);
  g_assert_cmpuint (edit->row, ==, 0);
  edit = odan_edit_history_redo (history);
  g_assert_cmpuint (edit->row, ==, 2);
  g_assert_null (odan_edit_history_redo (history));
  g_assert_cmpuint (odan_edit_history_get_depth (history), ==, 2);
}

static void
test_history_merge (void)
{
  g_autoptr(OdanEditHistory) history = odan_edit_history_new ();
  const OdanEdit *edit;

  /* typing "+45m" into one cell: one step from the first text to the last */
  push_set (history, 1, 1, "+30m", "+");
  g_assert_false (odan_edit_history_push (history, odan_edit_new_set_cell (4, 1, 1, "+", "+4")));
  g_assert_false (odan_edit_history_push (history, odan_edit_new_set_cell (4, 1, 1, "+4", "+45m")));
  g_assert_cmpuint (odan_edit_history_get_depth (history), ==, 1);

  /* another cell is another step */
  g_assert_true (odan_edit_history_push (history, odan_edit_new_set_cell (4, 1, 2, "all", "water")));
  /* and so is the same cell after the group was closed */
  odan_edit_history_close_group (history);
  g_assert_true (odan_edit_history_push (history, odan_edit_new_set_cell (4, 1, 2, "water", "power")));
  g_assert_cmpuint (odan_edit_history_get_depth (history), ==, 3);

  odan_edit_history_undo (history);
  odan_edit_history_undo (history);
  edit = odan_edit_history_undo (history);
  g_assert_cmpstr (edit->old_text, ==, "+30m");
  g_assert_cmpstr (edit->new_text, ==, "+45m");

  /* after an undo, typing does not merge into the undone step */
  odan_edit_history_redo (history);
  g_assert_true (odan_edit_history_push (history, odan_edit_new_set_cell (4, 1, 1, "+45m", "+50m")));
}

static void
test_history_truncate (void)
{
  g_autoptr(OdanEditHistory) history = odan_edit_history_new ();
  const char *const cells[] = { "INJ-09", "+1h", "all", NULL };
  const OdanEdit *edit;

  push_set (history, 0, 0, "a", "b");
  odan_edit_history_push (history, odan_edit_new_row (ODAN_EDIT_INSERT_ROW, 4, 8, cells));
  odan_edit_history_undo (history);
  g_assert_true (odan_edit_history_can_redo (history));

  /* a new edit drops the undone insertion */
  odan_edit_history_push (history, odan_edit_new_row (ODAN_EDIT_DELETE_ROW, 4, 3, cells));
  g_assert_false (odan_edit_history_can_redo (history));
  edit = odan_edit_history_undo (history);
  g_assert_cmpint (edit->kind, ==, ODAN_EDIT_DELETE_ROW);
  g_assert_cmpuint (edit->row, ==, 3);
  g_assert_cmpstrv (edit->cells, cells);
  edit = odan_edit_history_undo (history);
  g_assert_cmpint (edit->kind, ==, ODAN_EDIT_SET_CELL);
  g_assert_null (odan_edit_history_undo (history));
}

static void
test_history_saved (void)
{
  g_autoptr(OdanEditHistory) history = odan_edit_history_new ();

  g_assert_true (odan_edit_history_is_saved (history));
  push_set (history, 0, 0, "a", "b");
  g_assert_false (odan_edit_history_is_saved (history));
  odan_edit_history_mark_saved (history);
  g_assert_true (odan_edit_history_is_saved (history));

  /* typing on after saving is a new step: undo gets back to the saved text */
  push_set (history, 0, 0, "b", "c");
  g_assert_cmpuint (odan_edit_history_get_depth (history), ==, 2);
  g_assert_false (odan_edit_history_is_saved (history));
  odan_edit_history_undo (history);
  g_assert_true (odan_edit_history_is_saved (history));
  odan_edit_history_undo (history);
  g_assert_false (odan_edit_history_is_saved (history));
  odan_edit_history_redo (history);
  g_assert_true (odan_edit_history_is_saved (history));

  /* an undone step before the saved one replaced: the saved state is gone */
  odan_edit_history_undo (history);
  push_set (history, 0, 0, "a", "z");
  g_assert_false (odan_edit_history_is_saved (history));
  odan_edit_history_undo (history);
  g_assert_false (odan_edit_history_is_saved (history));

  odan_edit_history_clear (history);
  g_assert_true (odan_edit_history_is_saved (history));
  g_assert_false (odan_edit_history_can_undo (history));
}

static void
test_history_replace_table (void)
{
  g_autoptr(OdanEditHistory) history = odan_edit_history_new ();
  const char *const old_columns[] = { "id", "time", NULL };
  const char *const new_columns[] = { "id", "time", "Notes", NULL };
  GPtrArray *old_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *new_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const OdanEdit *edit;

  g_ptr_array_add (old_rows, g_strsplit ("INJ-01,0", ",", -1));
  g_ptr_array_add (new_rows, g_strsplit ("INJ-01,0,", ",", -1));
  g_ptr_array_add (new_rows, g_strsplit ("1,T+0,read aloud", ",", -1));
  odan_edit_history_push (history,
                          odan_edit_new_replace_table (4, g_strdupv ((char **) old_columns), old_rows,
                                                       g_strdupv ((char **) new_columns), new_rows));
  edit = odan_edit_history_undo (history);
  g_assert_cmpint (edit->kind, ==, ODAN_EDIT_REPLACE_TABLE);
  g_assert_cmpstrv (edit->old_columns, old_columns);
  g_assert_cmpstrv (edit->new_columns, new_columns);
  g_assert_cmpuint (edit->old_rows->len, ==, 1);
  g_assert_cmpuint (edit->new_rows->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/edit-history/undo-redo", test_history_undo_redo);
  g_test_add_func ("/ui/edit-history/merge", test_history_merge);
  g_test_add_func ("/ui/edit-history/truncate", test_history_truncate);
  g_test_add_func ("/ui/edit-history/saved", test_history_saved);
  g_test_add_func ("/ui/edit-history/replace-table", test_history_replace_table);

  return g_test_run ();
}
