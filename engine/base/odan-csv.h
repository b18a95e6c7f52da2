/* odan-csv.h — reading and writing CSV with libcsv
 *
 * Every CSV file Odan reads or writes goes through here. Input may be UTF-8
 * (with or without BOM) or CP932/Shift_JIS as Excel on a Japanese Windows
 * machine saves it; CRLF or LF; quoted fields may hold commas, quotes and
 * newlines. Rows are streamed to a callback so a million-row file never
 * exists as a million small strings.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

#define ODAN_CSV_ERROR (odan_csv_error_quark ())

typedef enum {
  ODAN_CSV_ERROR_IO,        /* the file cannot be read */
  ODAN_CSV_ERROR_ENCODING,  /* neither UTF-8 nor CP932 */
  ODAN_CSV_ERROR_SYNTAX,    /* malformed quoting */
  ODAN_CSV_ERROR_CALLBACK,  /* the row callback stopped the read */
} OdanCsvError;

GQuark odan_csv_error_quark (void);

typedef enum {
  ODAN_CSV_ENCODING_UTF8,
  ODAN_CSV_ENCODING_UTF8_BOM,
  ODAN_CSV_ENCODING_CP932,
} OdanCsvEncoding;

typedef struct {
  const char        *path;     /* as given, for messages */
  guint              line;     /* physical line (1-based) where the row starts */
  guint              n_fields;
  const char *const *fields;   /* UTF-8, NUL-terminated; valid only during the callback */
  const gsize       *lengths;
} OdanCsvRow;

/* Return FALSE (and set @error) to stop reading. */
typedef gboolean (*OdanCsvRowFunc) (const OdanCsvRow *row,
                                    gpointer          user_data,
                                    GError          **error);

gboolean odan_csv_read_file (const char      *path,
                             OdanCsvRowFunc   func,
                             gpointer         user_data,
                             OdanCsvEncoding *out_encoding,
                             GError         **error);

/* @data need not be NUL-terminated; @path only names it in messages. */
gboolean odan_csv_read_data (const char      *path,
                             const char      *data,
                             gsize            len,
                             OdanCsvRowFunc   func,
                             gpointer         user_data,
                             OdanCsvEncoding *out_encoding,
                             GError         **error);

/* The same readers for callers that report file and line apart (the pack
 * loader): on failure *@out_line is the physical line of the problem (0 when
 * it concerns the whole file) and the message carries no "PATH:LINE: "
 * prefix. Errors set by @func are passed on unchanged. */
gboolean odan_csv_read_file_at (const char      *path,
                                OdanCsvRowFunc   func,
                                gpointer         user_data,
                                OdanCsvEncoding *out_encoding,
                                guint           *out_line,
                                GError         **error);
gboolean odan_csv_read_data_at (const char      *path,
                                const char      *data,
                                gsize            len,
                                OdanCsvRowFunc   func,
                                gpointer         user_data,
                                OdanCsvEncoding *out_encoding,
                                guint           *out_line,
                                GError         **error);

/* Writing: one row of fields, quoted as needed (csv_fwrite), CRLF-free "\n" ends. */
void odan_csv_write_row  (GString           *out,
                          const char *const *fields,
                          guint              n_fields);
void odan_csv_write_field (GString    *out,
                           const char *field,
                           gboolean    first);
/* Excel's CSV: the byte order mark once, then rows ending in CRLF. */
void odan_csv_excel_begin (GString           *out);
void odan_csv_excel_row   (GString           *out,
                           const char *const *fields,
                           guint              n_fields);

G_END_DECLS
