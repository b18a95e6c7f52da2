/* odan-table-private.h — the small CSV tables beside a pack that the sim layer reads
 *
 * uncertainty.csv and checkpoints.csv share one way of being read: a header
 * that names the columns (in any order, extra ones ignored), rows checked one
 * by one, every problem a diagnostic with file, line and column, and the
 * table loaded whole or not at all.
 */
#pragma once

#include <glib.h>
#include "odan-csv.h"
#include "odan-diagnostic.h"
#include "odan-pack.h"

G_BEGIN_DECLS

typedef struct _OdanTableReader OdanTableReader;

/* Checks one data row; reports through odan_table_report(). */
typedef void (*OdanTableRowFunc) (OdanTableReader  *r,
                                  const OdanCsvRow *row,
                                  gpointer          user_data);

struct _OdanTableReader
{
  const OdanPack     *pack;
  const char         *file;       /* as messages name it */
  const char *const  *columns;    /* the known columns */
  guint               n_columns;
  guint               n_required; /* the first n_required must be present */
  int                 col[16];    /* column → position in the file, or -1 */
  guint               n_header;
  gboolean            header_seen;
  gboolean            usable;
  guint               n_errors;
  GPtrArray          *diags;
  OdanTableRowFunc    func;
  gpointer            user_data;
};

/* The text of column @c on @row, trimmed; "" when absent or empty. */
const char *odan_table_cell   (OdanTableReader  *r,
                               const OdanCsvRow *row,
                               guint             c,
                               char            **scratch);
void        odan_table_report (OdanTableReader *r,
                               guint            line,
                               guint            c,
                               const char      *format,
                               ...) G_GNUC_PRINTF (4, 5);
/* A plain decimal (no exponent, no nan) in *@out. */
gboolean    odan_table_number (const char *text,
                               double     *out);

/* Reads @path into @r's row function. FALSE with @error (ODAN_PACK_ERROR)
 * when the file cannot be read or any row has an error; the diagnostics are
 * appended to @diagnostics either way. */
gboolean    odan_table_read   (OdanTableReader *r,
                               const char      *path,
                               GPtrArray       *diagnostics,
                               GError         **error);

/* The same for a file held in memory (an exercise embeds its pack). */
gboolean    odan_table_read_bytes (OdanTableReader *r,
                                   GBytes          *data,
                                   GPtrArray       *diagnostics,
                                   GError         **error);

G_END_DECLS
