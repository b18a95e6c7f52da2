/* odan-xlsx.h — spreadsheets as planners keep them: Excel workbooks
 *
 * Reading: a small OOXML reader over libarchive (the zip) and libxml2 (the
 * parts). A worksheet is streamed row by row to the same callback as a CSV
 * (odan-csv.h), so every reader of a sheet takes either: OdanCsvRow.line is
 * the sheet's row number, empty rows are left out, a cell that is missing
 * from a row is "". Cells become the text a planner sees: shared and inline
 * strings (without their phonetic guides), numbers in the shortest form
 * that reads back the same, TRUE/FALSE, and numbers under a date or time
 * format as Excel's serial converted to "YYYY-MM-DD HH:MM" (date and time),
 * "YYYY-MM-DD" (a date) or "HH:MM" ("HH:MM:SS" with seconds) — in the 1900
 * or the 1904 date system as the workbook says.
 *
 * Writing: libxlsxwriter, one sheet per table, every cell a string so a
 * workbook written and read again gives the same text.
 */
#pragma once

#include <glib.h>
#include "odan-csv.h"

G_BEGIN_DECLS

#define ODAN_XLSX_ERROR (odan_xlsx_error_quark ())

typedef enum {
  ODAN_XLSX_ERROR_IO,        /* the file cannot be read or written */
  ODAN_XLSX_ERROR_FORMAT,    /* not a workbook, or a part is malformed */
  ODAN_XLSX_ERROR_NO_SHEET,  /* the sheet asked for is not in the workbook */
} OdanXlsxError;

GQuark    odan_xlsx_error_quark (void);

/* TRUE when @path ends in .xlsx or .xlsm (any case). */
gboolean  odan_xlsx_is_workbook (const char *path);

/* The names of the worksheets, in the workbook's order: a NULL-terminated
 * array (g_strfreev()), or NULL with @error. */
char    **odan_xlsx_list_sheets (const char  *path,
                                 GError     **error);

/* Streams the rows of the sheet named @sheet (NULL: the first) to @func.
 * Messages name "PATH [SHEET]". */
gboolean  odan_xlsx_read_sheet  (const char      *path,
                                 const char      *sheet,
                                 OdanCsvRowFunc   func,
                                 gpointer         user_data,
                                 GError         **error);

/* A CSV file or a workbook's sheet (@sheet, NULL the first; must be NULL
 * for a CSV file), whichever @path is by its name. */
gboolean  odan_sheet_read_file  (const char      *path,
                                 const char      *sheet,
                                 OdanCsvRowFunc   func,
                                 gpointer         user_data,
                                 GError         **error);

typedef struct _OdanXlsxWriter OdanXlsxWriter;

/* A workbook written to @path on odan_xlsx_writer_close(), atomically
 * (written beside it, then renamed). */
OdanXlsxWriter *odan_xlsx_writer_new   (const char *path);
/* A new sheet; rows go to the latest. Excel's rules for names apply
 * (at most 31 characters, none of []:*?/\): others are shortened or
 * have those replaced, and a name repeated gets " (2)". */
void            odan_xlsx_writer_sheet (OdanXlsxWriter    *writer,
                                        const char        *name);
/* One row of text cells; the first row of a sheet is bold and frozen. */
void            odan_xlsx_writer_row   (OdanXlsxWriter    *writer,
                                        const char *const *cells,
                                        guint              n_cells);
/* Writes the file and frees @writer. */
gboolean        odan_xlsx_writer_close (OdanXlsxWriter    *writer,
                                        GError           **error);
/* Drops @writer without writing. */
void            odan_xlsx_writer_free  (OdanXlsxWriter    *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanXlsxWriter, odan_xlsx_writer_free)

G_END_DECLS
