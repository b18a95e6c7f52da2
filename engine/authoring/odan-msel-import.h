/* odan-msel-import.h — a planner's spreadsheet MSEL in and out of a pack
 *
 * Import happens in three steps, so that a dialog can sit between them:
 *
 *  1. odan_msel_sheet_read() reads the CSV (UTF-8, UTF-8 with BOM or CP932)
 *     or a sheet of an Excel workbook (odan-xlsx.h: dates and times as
 *     Excel stores them) and finds its header row (the row that names the
 *     most known columns; title rows above it are skipped).
 *  2. odan_msel_mapping_propose() maps each column to an inject field with
 *     a confidence; the caller may change any of it
 *     (odan_msel_mapping_set()), save it (odan_msel_mapping_save()) and
 *     find it again for a sheet with the same header (odan_msel_mapping_load()).
 *  3. odan_msel_import() turns the rows into injects, collecting every
 *     problem as FILE:LINE diagnostics; odan_msel_import_apply() merges
 *     them into the pack's injects.csv, validates the result with the pack
 *     loader and writes it atomically — or writes nothing at all.
 *
 * odan_msel_export() writes the MSEL back in a spreadsheet layout (the
 * pack's own columns, HSEEP headers or Japanese inject-card headers) that
 * imports again to the same injects.
 */
#pragma once

#include <glib.h>
#include "odan-csv.h"
#include "odan-xlsx.h"
#include "odan-pack.h"

G_BEGIN_DECLS

#define ODAN_MSEL_ERROR (odan_msel_error_quark ())

typedef enum {
  ODAN_MSEL_ERROR_EMPTY,       /* the file has no header row */
  ODAN_MSEL_ERROR_MAPPING,     /* the mapping lacks a field or maps one twice */
  ODAN_MSEL_ERROR_NO_MAPPING,  /* the mapping file has none for this header */
  ODAN_MSEL_ERROR_INVALID,     /* rows have problems; see the diagnostics */
} OdanMselError;

GQuark odan_msel_error_quark (void);

/* What a column of the sheet becomes. */
typedef enum {
  ODAN_MSEL_FIELD_IGNORE,           /* dropped */
  ODAN_MSEL_FIELD_ID,
  ODAN_MSEL_FIELD_TIME,
  ODAN_MSEL_FIELD_TO,
  ODAN_MSEL_FIELD_FROM,
  ODAN_MSEL_FIELD_CHANNEL,
  ODAN_MSEL_FIELD_TITLE,
  ODAN_MSEL_FIELD_TITLE_JA,         /*< nick=title_ja >*/
  ODAN_MSEL_FIELD_BODY,
  ODAN_MSEL_FIELD_EXPECTED_ACTION,  /*< nick=expected_action >*/
  ODAN_MSEL_FIELD_OBJECTIVE,
  ODAN_MSEL_FIELD_EFFECT,
  ODAN_MSEL_FIELD_SHARING,
  ODAN_MSEL_FIELD_EVENT_TYPE,       /*< nick=event_type >*/
  ODAN_MSEL_FIELD_CONTROLLER,       /*< nick=responsible_controller >*/
  ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, /*< nick=evaluator_instructions >*/
  ODAN_MSEL_FIELD_EXTRA,            /* kept in injects.csv under the column's own name */
  ODAN_MSEL_N_FIELDS                /*< skip >*/
} OdanMselField;

/* "id", "time" … "extra", "ignore": the words of the mapping file. */
const char *odan_msel_field_to_string   (OdanMselField field);
gboolean    odan_msel_field_from_string (const char    *text,
                                         OdanMselField *out);
/* For people, translated: "Time", "Recipients" … */
const char *odan_msel_field_label       (OdanMselField field);

typedef struct {
  guint    line;       /* physical line the row starts on */
  guint    n_fields;   /* as read; may exceed the header */
  char   **fields;     /* n_columns cells (missing ones ""), then any beyond */
} OdanMselRow;

typedef struct {
  char            *path;
  char            *sheet;       /* the worksheet read, NULL for a CSV file */
  OdanCsvEncoding  encoding;    /* of a CSV file */
  guint            header_line;
  guint            n_columns;
  char           **headers;     /* trimmed, NULL-terminated */
  GPtrArray       *rows;        /* OdanMselRow*, rows below the header */
} OdanMselSheet;

/* A CSV file or the first sheet of a workbook (.xlsx), by its name. */
OdanMselSheet *odan_msel_sheet_read      (const char  *path,
                                          GError     **error);
/* The same with the worksheet named @sheet (NULL: the first); a CSV file
 * has none to name. */
OdanMselSheet *odan_msel_sheet_read_sheet (const char  *path,
                                           const char  *sheet,
                                           GError     **error);
/* @name names the data in messages. */
OdanMselSheet *odan_msel_sheet_read_data (const char  *name,
                                          const char  *data,
                                          gsize        len,
                                          GError     **error);
void           odan_msel_sheet_free      (OdanMselSheet *sheet);

typedef struct {
  char          *header;       /* as in the sheet */
  OdanMselField  field;
  double         confidence;   /* 1 a known name (or the planner's choice), 0.6 a
                                  likely one, 0 unknown (kept as an extra column) */
} OdanMselColumn;

typedef struct {
  guint           n_columns;
  OdanMselColumn *columns;
  char           *signature;   /* odan_msel_header_signature() of the headers */
} OdanMselMapping;

/* A key for a header: the same for the same column names (compared
 * without regard to case, blanks and punctuation) in the same order. */
char            *odan_msel_header_signature (const char *const *headers);

OdanMselMapping *odan_msel_mapping_propose (const char *const *headers);
OdanMselMapping *odan_msel_mapping_copy    (const OdanMselMapping *mapping);
void             odan_msel_mapping_free    (OdanMselMapping *mapping);

/* The planner's choice for @column (confidence 1). A field that only one
 * column can hold moves: the column that had it becomes an extra column.
 * Returns the index of that column, or -1. */
int              odan_msel_mapping_set     (OdanMselMapping *mapping,
                                            guint            column,
                                            OdanMselField    field);

/* The column holding @field, or -1 (for single fields). */
int              odan_msel_mapping_find    (const OdanMselMapping *mapping,
                                            OdanMselField          field);

/* Whether rows can be imported with @mapping: a time, a recipient and a
 * message (or title) column, each field at most once, and extra columns
 * whose names injects.csv can hold. */
gboolean         odan_msel_mapping_check   (const OdanMselMapping *mapping,
                                            GError               **error);

/* The mapping file is a GKeyFile with a group per header signature:
 *
 *   [mapping 3f1c…]
 *   columns=Event Number;Designated Scenario Time;To;Message;Notes;
 *   fields=id;time;to;body;extra;
 *
 * Saving adds or replaces the group of @mapping's signature and keeps
 * the others. Loading returns the mapping for @headers, or NULL with
 * ODAN_MSEL_ERROR_NO_MAPPING when the file has none. */
gboolean         odan_msel_mapping_save    (const OdanMselMapping *mapping,
                                            const char            *path,
                                            GError               **error);
OdanMselMapping *odan_msel_mapping_load    (const char         *path,
                                            const char *const  *headers,
                                            GError            **error);

/* One imported inject, its cells as injects.csv will hold them. */
typedef struct {
  char   *id;
  char   *time_text;       /* readable by the pack loader */
  double  time;            /* minutes after T0 */
  char   *to;              /* "all" or team ids joined by ';' */
  char   *from;
  char   *channel;
  char   *title;
  char   *title_ja;
  char   *body;
  char   *expected_action;
  char   *objective;
  char   *effect;
  char   *sharing;
  char   *event_type;
  char   *controller;
  char   *evaluator_instructions;
  char  **extra;           /* one per OdanMselImport.extra_names, NULL when empty */
  guint   line;            /* in the sheet */
} OdanMselInject;

typedef struct {
  char            *path;
  char           **extra_names;   /* the extra columns, in sheet order */
  guint            n_extra;
  GPtrArray       *injects;       /* OdanMselInject* */
  char           **column_headers; /* per inject field, the sheet column name (or NULL) */
} OdanMselImport;

/* Turns the rows of @sheet into injects for @pack. Every problem is added
 * to @diagnostics (file: the sheet's path as given); returns NULL with
 * ODAN_MSEL_ERROR_INVALID when any is an error. */
OdanMselImport *odan_msel_import      (const OdanMselSheet   *sheet,
                                       const OdanMselMapping *mapping,
                                       const OdanPack        *pack,
                                       GPtrArray             *diagnostics,
                                       GError               **error);
void            odan_msel_import_free (OdanMselImport *import);

/* Merges @import into the injects of @pack (which must have been loaded
 * from its folder): after them, or in their place with @replace. An id
 * that is already in the pack is an error. The merged pack is loaded again
 * with the normal loader; its problems come back in @diagnostics (those of
 * imported rows pointing at the sheet's lines). When there is none and
 * @dry_run is FALSE, injects.csv is written atomically; else nothing is.
 * *@out_n_injects (may be NULL) is the number of injects afterwards. */
gboolean        odan_msel_import_apply (const OdanMselImport *import,
                                        const OdanPack       *pack,
                                        gboolean              replace,
                                        gboolean              dry_run,
                                        GPtrArray            *diagnostics,
                                        guint                *out_n_injects,
                                        GError              **error);

typedef enum {
  ODAN_MSEL_STYLE_PACK,       /* injects.csv's own column names */
  ODAN_MSEL_STYLE_HSEEP,      /* Event Number, Designated Scenario Time … */
  ODAN_MSEL_STYLE_JAPANESE,   /* 番号, 付与時刻, 付与先 … */
} OdanMselStyle;

gboolean        odan_msel_style_from_string (const char    *text,
                                             OdanMselStyle *out);

/* The injects of @pack as Excel CSV (UTF-8 with BOM, CRLF) in @style:
 * every field and extra column, in file order. */
GBytes         *odan_msel_export_data (const OdanPack *pack,
                                       OdanMselStyle   style);
/* The same as a workbook (one sheet, every cell text, the header bold). */
gboolean        odan_msel_export_xlsx (const OdanPack *pack,
                                       OdanMselStyle   style,
                                       const char     *path,
                                       GError        **error);
/* To @path: a workbook when it ends in .xlsx, Excel CSV otherwise. */
gboolean        odan_msel_export      (const OdanPack *pack,
                                       OdanMselStyle   style,
                                       const char     *path,
                                       GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanMselSheet, odan_msel_sheet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanMselMapping, odan_msel_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanMselImport, odan_msel_import_free)

G_END_DECLS
