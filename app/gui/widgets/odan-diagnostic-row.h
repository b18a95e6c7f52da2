/* odan-diagnostic-row.h — list rows for problems found in a pack */
#pragma once

#include <adwaita.h>

#include "odan-diagnostic.h"

G_BEGIN_DECLS

/* At most this many rows are made; a last row counts the rest. */
#define ODAN_DIAGNOSTIC_ROWS_MAX 200

GtkWidget *odan_diagnostic_row_new       (const OdanDiagnostic *diagnostic);

/* Makes a row per diagnostic (OdanDiagnostic*), up to ODAN_DIAGNOSTIC_ROWS_MAX,
 * and hands each to @add_row (row, @container). Returns the number of rows. */
guint      odan_diagnostic_rows_populate (GPtrArray            *diagnostics,
                                          GFunc                 add_row,
                                          gpointer              container);

G_END_DECLS
