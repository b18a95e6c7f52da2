/* odan-table-editor.h — one table of a pack being edited: a list and a form
 *
 * The rows of one OdanScenarioDocument table in a GtkColumnView (so a
 * table of thousands of rows stays quick), and beside it a form with a
 * field per column of the selected row. Typing into a field edits the
 * document at once; the problems the loader finds in the row show on the
 * fields they name and, in full, under the form.
 */
#pragma once

#include <adwaita.h>

#include "odan-scenario-document.h"

G_BEGIN_DECLS

#define ODAN_TYPE_TABLE_EDITOR (odan_table_editor_get_type ())

G_DECLARE_FINAL_TYPE (OdanTableEditor, odan_table_editor, ODAN, TABLE_EDITOR, AdwBin)

GtkWidget *odan_table_editor_new          (OdanScenarioDocument *document,
                                           OdanPackTable         table);
OdanPackTable odan_table_editor_get_table (OdanTableEditor      *self);
/* The selected row, or -1. */
int        odan_table_editor_get_selected (OdanTableEditor      *self);
void       odan_table_editor_select       (OdanTableEditor      *self,
                                           guint                 row);
/* The form's field for @column (AdwEntryRow, AdwComboRow or GtkTextView),
 * or NULL. */
GtkWidget *odan_table_editor_get_field    (OdanTableEditor      *self,
                                           const char           *column);
/* The problem shown on the field of @column, or NULL. */
const char *odan_table_editor_get_field_problem (OdanTableEditor *self,
                                                 const char      *column);
/* The list of the selected row's problems (a GtkLabel's text), "" when none. */
const char *odan_table_editor_get_row_problems (OdanTableEditor *self);

/* A column's name for people: "Time", "Recipients" … (its own name when
 * Odan does not know it). */
const char *odan_table_editor_column_label (OdanPackTable table,
                                            const char   *column);

G_END_DECLS
