/* odan-table-row.c — one row of a pack table being edited
 *
 * The cells are a NULL-terminated string array as wide as the table, so a
 * row hands its cells to the CSV writer as they are.
 */
#define G_LOG_DOMAIN "odan-gui"

#include "odan-table-row.h"

struct _OdanTableRow
{
  GObject  parent_instance;

  char   **cells;
  guint    n_cells;
  guint    line;
};

G_DEFINE_FINAL_TYPE (OdanTableRow, odan_table_row, G_TYPE_OBJECT)

static void
odan_table_row_finalize (GObject *object)
{
  OdanTableRow *self = ODAN_TABLE_ROW (object);

  g_strfreev (self->cells);
  G_OBJECT_CLASS (odan_table_row_parent_class)->finalize (object);
}

static void
odan_table_row_class_init (OdanTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = odan_table_row_finalize;
}

static void
odan_table_row_init (OdanTableRow *self)
{
}

OdanTableRow *
odan_table_row_new (const char *const *cells,
                    guint              n_columns)
{
  OdanTableRow *self = g_object_new (ODAN_TYPE_TABLE_ROW, NULL);
  guint given = cells != NULL ? g_strv_length ((char **) cells) : 0;

  self->n_cells = n_columns;
  self->cells = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    self->cells[i] = g_strdup (i < given ? cells[i] : "");
  return self;
}

const char *
odan_table_row_get (OdanTableRow *self,
                    guint         column)
{
  g_return_val_if_fail (ODAN_IS_TABLE_ROW (self), "");

  return column < self->n_cells ? self->cells[column] : "";
}

void
odan_table_row_set (OdanTableRow *self,
                    guint         column,
                    const char   *text)
{
  g_return_if_fail (ODAN_IS_TABLE_ROW (self));
  g_return_if_fail (column < self->n_cells);

  g_free (self->cells[column]);
  self->cells[column] = g_strdup (text != NULL ? text : "");
}

guint
odan_table_row_get_n_cells (OdanTableRow *self)
{
  g_return_val_if_fail (ODAN_IS_TABLE_ROW (self), 0);

  return self->n_cells;
}

char **
odan_table_row_dup_cells (OdanTableRow *self)
{
  g_return_val_if_fail (ODAN_IS_TABLE_ROW (self), NULL);

  return g_strdupv (self->cells);
}

guint
odan_table_row_get_line (OdanTableRow *self)
{
  g_return_val_if_fail (ODAN_IS_TABLE_ROW (self), 0);

  return self->line;
}

void
odan_table_row_set_line (OdanTableRow *self,
                         guint         line)
{
  g_return_if_fail (ODAN_IS_TABLE_ROW (self));

  self->line = line;
}
