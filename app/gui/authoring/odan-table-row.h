/* odan-table-row.h — one row of a pack table being edited: its cells as text */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ODAN_TYPE_TABLE_ROW (odan_table_row_get_type ())

G_DECLARE_FINAL_TYPE (OdanTableRow, odan_table_row, ODAN, TABLE_ROW, GObject)

/* @cells is copied; the row holds @n_columns cells, missing ones empty. */
OdanTableRow *odan_table_row_new       (const char *const *cells,
                                        guint              n_columns);
/* The text of @column, "" when empty or beyond the row. */
const char   *odan_table_row_get       (OdanTableRow      *self,
                                        guint              column);
void          odan_table_row_set       (OdanTableRow      *self,
                                        guint              column,
                                        const char        *text);
guint         odan_table_row_get_n_cells (OdanTableRow    *self);
/* A copy of the cells (NULL-terminated). */
char        **odan_table_row_dup_cells (OdanTableRow      *self);
/* The physical line the row starts on in the table as last written out
 * for checking, so a loader message can be traced back to it. */
guint         odan_table_row_get_line  (OdanTableRow      *self);
void          odan_table_row_set_line  (OdanTableRow      *self,
                                        guint              line);

G_END_DECLS
