/* odan-csv-private.h — helpers shared inside the engine */
#pragma once

#include <glib.h>
#include "odan-csv.h"

G_BEGIN_DECLS

/* Offset of the first byte of @data that is not valid UTF-8, or @len. */
gsize odan_utf8_validate_prefix (const char *data,
                                 gsize       len);

/* Settles the encoding of a whole file: strips a UTF-8 BOM, takes valid
 * UTF-8 as is, else converts from CP932. On success *@out_text points into
 * @data or to a conversion returned in *@out_converted (free it). On
 * failure *@out_line is the line of the first bad byte. */
gboolean odan_csv_decode (const char       *path,
                          const char       *data,
                          gsize             len,
                          const char      **out_text,
                          gsize            *out_len,
                          char            **out_converted,
                          OdanCsvEncoding  *out_encoding,
                          guint            *out_line,
                          GError          **error);

/* The line (1-based) on which byte @offset of @data stands: 1 + the number
 * of '\n' before it. */
guint odan_csv_line_at (const char *data,
                        gsize       offset);

/* Parses UTF-8 CSV text whose first line is line @first_line of its file,
 * so that a file can be read in pieces that start at a row boundary. */
gboolean odan_csv_parse_utf8 (const char      *path,
                              const char      *text,
                              gsize            len,
                              guint            first_line,
                              OdanCsvRowFunc   func,
                              gpointer         user_data,
                              guint           *out_line,
                              GError         **error);

G_END_DECLS
