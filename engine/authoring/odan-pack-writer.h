/* odan-pack-writer.h — writing a loaded pack back as CSV that Excel opens
 *
 * Every table is written UTF-8 with a byte order mark and CRLF line ends
 * (what Excel needs to open UTF-8 CSV on a Japanese Windows machine), its
 * columns in the order the file had them when loaded, unknown columns
 * included, and its rows in file order. Values are written as the loader
 * reads them back: ids for references, durations as "1d6h30m", numbers in
 * their shortest exact form, inject times and effects as written. Loading
 * the written folder gives the same pack, and writing that again gives the
 * same bytes.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"
#include "odan-pack-schema.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_PACK_TABLE_SECTORS,
  ODAN_PACK_TABLE_NODES,
  ODAN_PACK_TABLE_DEPENDENCIES,
  ODAN_PACK_TABLE_TEAMS,
  ODAN_PACK_TABLE_INJECTS,
  ODAN_PACK_TABLE_MITIGATIONS,
  ODAN_PACK_TABLE_POOLS,
  ODAN_PACK_N_TABLES
} OdanPackTable;

/* "sectors.csv" … */
const char *odan_pack_table_file    (OdanPackTable table);
/* The schema of the table (odan-pack-schema.h): its columns. */
OdanSchemaTable odan_pack_table_schema (OdanPackTable table);
guint       odan_pack_table_n_rows  (const OdanPack *pack,
                                     OdanPackTable   table);
/* The columns a written file has: the header as loaded, or every column
 * Odan knows followed by the extra ones when the pack has no header for it.
 * A new NULL-terminated array. */
char      **odan_pack_table_columns (const OdanPack *pack,
                                     OdanPackTable   table);
/* The text of @column (a name of odan_pack_table_columns(); known names
 * match without regard to case) in row @row, as it is written; NULL when
 * the cell is empty. */
char       *odan_pack_cell_text     (const OdanPack *pack,
                                     OdanPackTable   table,
                                     guint           row,
                                     const char     *column);

/* One table as Excel CSV, or NULL when the pack has no such file. */
GBytes     *odan_pack_table_to_csv  (const OdanPack *pack,
                                     OdanPackTable   table);

/* scenario.ini as read from the pack folder when it can be, else written
 * from the pack's fields. */
GBytes     *odan_pack_scenario_ini  (const OdanPack *pack);

/* Minutes as a duration the loader reads back: "1d6h30m", "45m", decimal
 * minutes when not whole. */
char       *odan_pack_format_duration (double minutes);

/* Writes the pack into folder @dir (created when missing): every table,
 * scenario.ini, and, when @dir is not the pack's own folder, the pack
 * folder's other files (sources, notes) copied as they are. Each file is
 * written atomically (a temporary file renamed over it). */
gboolean    odan_pack_write         (const OdanPack *pack,
                                     const char     *dir,
                                     GError        **error);

/* The whole pack as one workbook at @path: a sheet "scenario.ini" (section,
 * key, value), then a sheet per table named after its file, in the order
 * odan_pack_write() writes them, then the folder's other CSV tables
 * (relay.csv, deadlines.csv, ceptoars.csv…) by name. Cells hold the text
 * the CSV files hold. */
gboolean    odan_pack_write_xlsx    (const OdanPack *pack,
                                     const char     *path,
                                     GError        **error);

/* Writes @data to @path atomically. */
gboolean    odan_write_file_atomic  (const char *path,
                                     GBytes     *data,
                                     GError    **error);

G_END_DECLS
